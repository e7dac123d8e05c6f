"""Configs (presets, unknown keys), run folders (layout, atomicity, refusal), reproducibility."""

import errno
import json
import re
import sys

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capacity.errors import UsageError
from empirical.engine.config import (
    KIND_FIELDS,
    PRESETS,
    DataConfig,
    RunConfig,
    TrainConfig,
    load_config,
)
from empirical.engine.data import make_dataset
from empirical.engine.run import metrics_frame, run_training, summarise, write_run

TINY = ["train.steps=20", "train.log_every=5", "model.width=6", "data.n_train=12",
        "data.n_test=6"]




def test_l2_blog_preset_is_the_seed_posts_base_experiment():
    cfg = PRESETS["l2-blog"]
    d, m, t = cfg.data, cfg.model, cfg.train
    assert (d.kind, d.d_in, d.classes, d.input_law, d.label_prior) == (
        "random", 9, 17, "standard_normal", "uniform")
    assert (d.n_train, d.n_test, d.seed) == (100, 80, 9266)
    assert (m.depth, m.width, m.activation, m.bias, m.init_seed) == (2, 100, "relu", True, 1207)
    assert (t.optimizer, t.lr, t.betas, t.eps, t.weight_decay) == ("adam", 1e-3, (0.9, 0.999),
                                                                   1e-8, 0.0)
    assert (t.loss, t.steps, t.batch_size, t.log_every, t.early_stop) == (
        "cross_entropy", 1000, 0, 10, False)
    assert cfg.size == 1 and cfg.members() == [(1207, 9266, 100)]


def test_unknown_keys_are_errors_naming_the_key_and_valid_keys(tmp_path):
    with pytest.raises(ValueError, match=r"unknown key 'model.widht'; valid keys: depth, width"):
        RunConfig.from_dict({"model": {"widht": 3}})
    with pytest.raises(ValueError, match=r"unknown key 'epochs'; valid keys: data, "):
        RunConfig.from_dict({"epochs": 3})
    path = tmp_path / "c.toml"
    path.write_text("[train]\nlr = 0.01\nsteps = 5\n[data]\nseeed = 1\n")
    with pytest.raises(ValueError, match="data.seeed"):
        load_config(path)


def test_toml_and_overrides_round_trip(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('ensemble = 2\n[train]\nlr = 0.01\noptimizer = "sgd"\nmomentum = 0.9\n')
    cfg = load_config(path, overrides=["model.width=7"])
    assert (cfg.size, cfg.train.lr, cfg.train.optimizer, cfg.model.width) == (2, 0.01, "sgd", 7)
    assert RunConfig.from_dict(cfg.to_dict()) == cfg


@pytest.mark.parametrize("layer", ["config", "set"])
def test_a_section_that_is_not_a_table_is_refused_whatever_overrides_it(tmp_path, layer):
    """`train = 5` was dropped without a word when the options also set a train key."""
    path = tmp_path / "c.toml"
    path.write_text("train = 5\n")
    kwargs = ({"path": path} if layer == "config" else {"overrides": ["train=5"]})
    with pytest.raises(ValueError, match="'train' must be a table of keys, got 5"):
        load_config(**kwargs, update={"train": {"lr": 0.1}})
    with pytest.raises(ValueError, match="'train' must be a table of keys, got 5"):
        load_config(overrides=["train=5", "train.lr=0.1"])  # was a TypeError (status 70)


@pytest.mark.parametrize("kind, key, value", [
    ("boolean", "n_test", 30), ("boolean", "d_in", 4), ("boolean", "classes", 3),
    ("boolean", "n_train", 5), ("random", "inputs", 3), ("random", "outputs", 2),
    ("tokens", "d_in", 4), ("tokens", "alpha", 2.0), ("seq2seq", "function", "parity")])
def test_a_data_field_its_kind_does_not_read_is_refused(kind, key, value):
    model = {"kind": "transformer"} if kind in ("tokens", "seq2seq") else {}
    with pytest.raises(ValueError, match=f"data.{key} is not used when data.kind = '{kind}'"):
        RunConfig.from_dict({"data": {"kind": kind, key: value}, "model": model})
    # the same key is read by some other kind, where it is accepted
    other = next(k for k, keys in KIND_FIELDS.items() if key in keys)
    other_model = {"kind": "transformer"} if other in ("tokens", "seq2seq") else {}
    law = {"label_prior": "power_law"} if key == "alpha" else {}  # uniform labels ignore alpha
    RunConfig.from_dict({"data": {"kind": other, key: value, **law}, "model": other_model})


@pytest.mark.parametrize("given, words", [
    ({"train": {"momentum": 0.9}}, "train.momentum is read only by SGD"),
    ({"train": {"nesterov": True, "momentum": 0.9}}, "read only by SGD"),
    # not "nesterov needs momentum > 0", whose advice the momentum refusal then answered
    ({"train": {"nesterov": True}}, r"^train.nesterov is read only by SGD"),
    ({"train": {"optimizer": "sgd", "betas": [0.8, 0.9]}}, "train.betas is read only by Adam"),
    ({"train": {"optimizer": "sgd", "eps": 1e-6}}, "train.eps is read only by Adam"),
    ({"data": {"alpha": 7.0}}, "data.label_prior = 'uniform' does not read it"),
])
def test_a_setting_the_optimiser_or_label_law_does_not_read_is_refused(given, words):
    """A momentum with Adam, or an alpha with uniform labels, was recorded in config.json and
    read by nothing (2026-12-03 audit). The default value stays accepted, so a tied sweep axis
    may pass it to the runs that do not read it."""
    with pytest.raises(ValueError, match=words):
        RunConfig.from_dict(given)
    RunConfig.from_dict({"train": {"optimizer": "adam", "momentum": 0.0}})
    RunConfig.from_dict({"train": {"optimizer": "sgd", "momentum": 0.9, "nesterov": True}})
    RunConfig.from_dict({"data": {"alpha": 1.0}})
    RunConfig.from_dict({"data": {"alpha": 7.0, "label_prior": "power_law"}})


def test_transformer_keys_are_refused_for_an_mlp():
    with pytest.raises(ValueError, match="model.heads is read only by model.kind = 'transformer'"):
        RunConfig().override(["model.heads=2"])
    with pytest.raises(ValueError, match="model.mlp_ratio"):
        PRESETS["boolean-small"].override(["model.mlp_ratio=2"])


@pytest.mark.parametrize("kind", sorted(KIND_FIELDS))
def test_saved_config_holds_only_the_data_fields_its_kind_reads(kind):
    model = ["model.kind=transformer"] if kind in ("tokens", "seq2seq") else []
    cfg = RunConfig().override([f"data.kind={kind}", *model])
    saved = cfg.to_dict()
    assert sorted(saved["data"]) == sorted(KIND_FIELDS[kind])
    again = RunConfig.from_dict(saved)  # a saved config is accepted and means the same run
    assert again.to_dict() == saved


def test_string_fields_keep_the_text_typed_in_overrides():
    # TOML reads 1001 as an integer and true as a bool; a string field takes the text as typed
    cfg = RunConfig().override(["data.kind=boolean", "data.table=1001", "device=cpu"])
    assert cfg.data.table == "1001" and cfg.device == "cpu"
    assert RunConfig().override(["data.kind='boolean'", "data.table='0110'"]).data.table == "0110"
    with pytest.raises(ValueError, match="model.width must be an integer"):
        RunConfig().override(["model.width=abc"])  # other fields are still type-checked


def test_mse_is_refused_on_classification_data():
    with pytest.raises(ValueError, match="mse.*cross_entropy"):
        RunConfig().override(["train.loss='mse'"])


def test_per_member_lists_must_match():
    with pytest.raises(ValueError, match="^widths has 2 entries but init_seeds has 3; give "
                       "each per-member list one entry per member$"):
        RunConfig(init_seeds=(1, 2, 3), widths=(4, 5))
    with pytest.raises(ValueError, match="ensemble = 3 but init_seeds has 2 entries"):
        RunConfig(ensemble=3, init_seeds=(1, 2))


def test_same_config_and_seed_give_identical_metrics():
    cfg = RunConfig().override(TINY + ["ensemble=2"])
    a, b = metrics_frame(run_training(cfg)), metrics_frame(run_training(cfg))
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    c = metrics_frame(run_training(cfg.override(["model.init_seed=5"])))
    assert not a["train_loss"].equals(c["train_loss"])


def test_members_with_own_data_seeds_see_their_own_dataset():
    cfg = RunConfig().override(TINY + ["data_seeds=[1, 2]"])
    res = run_training(cfg)
    assert [d.y_train.tolist() for d in res.datasets] == [
        make_dataset(cfg.data, seed=s).y_train.tolist() for s in (1, 2)]


def test_run_folder_layout_and_tidy_table(tmp_path):
    cfg = RunConfig().override(TINY + ["ensemble=2"])
    res = run_training(cfg)
    out = write_run(res, tmp_path / "run")
    assert sorted(p.name for p in out.iterdir()) == [".memcap-folder", "config.json",
                                                     "metrics.csv", "strip.png",
                                                     "summary.json"]
    df = pd.read_csv(out / "metrics.csv")
    assert len(df) == 2 * 5 and list(df["step"][:5]) == [0, 5, 10, 15, 20]
    for col in ("member", "train_loss", "test_acc", "weight_l2", "l2_layer0", "l2_layer2",
                "memorised_count", "memorised_bits", "mi_bits", "active"):
        assert col in df.columns
    saved = json.loads((out / "config.json").read_text())
    assert RunConfig.from_dict(saved["config"]) == cfg
    assert set(saved["versions"]) == {"memcap", "torch", "numpy", "python"}
    summary = json.loads((out / "summary.json").read_text())
    assert summary["members"][1]["final"]["train_loss"] == pytest.approx(df["train_loss"].iloc[-1])
    assert summarise(res)["ensemble"] == 2
    # the count and the active flag typed as metrics.csv types them (46.0 and 1.0 until 12-06)
    last = df[df["member"] == 1].iloc[-1]
    final = summary["members"][1]["final"]
    assert type(final["memorised_count"]) is int and type(final["active"]) is bool
    assert (final["memorised_count"], final["active"]) == (last["memorised_count"],
                                                           last["active"])


@settings(max_examples=8, deadline=None)
@given(members=st.integers(1, 3), n_test=st.sampled_from([0, 8]), steps=st.integers(0, 12))
def test_metrics_csv_is_the_text_pandas_writes(members, n_test, steps):
    from empirical.engine.run import metrics_columns, metrics_csv

    cfg = RunConfig().override([f"train.steps={steps}", "model.width=3", "train.log_every=4",
                                f"ensemble={members}", f"data.n_test={n_test}"])
    res = run_training(cfg)
    text = metrics_csv(metrics_columns(res))
    assert text == metrics_frame(res).to_csv(index=False)
    assert text.count("\n") == 1 + members * len(res.log.steps)


def test_the_strip_is_drawn_by_a_second_process_and_its_failure_is_raised(tmp_path):
    from empirical.engine.plots import StripProcess

    res = run_training(RunConfig().override(TINY + ["ensemble=2"]))
    with StripProcess() as strip:
        out = write_run(res, tmp_path / "run", strip=strip)
    png = (out / "strip.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 1000
    table = metrics_frame(res)
    with StripProcess() as strip, pytest.raises(RuntimeError, match="drawing process failed"):
        strip.draw(table, tmp_path / "missing" / "strip.png")  # no such folder
    with StripProcess():  # closed without a request: the process ends by itself
        pass
    (tmp_path / "taken.png").mkdir()  # writing fails on the disk: an OSError, not a bug
    with StripProcess() as strip, pytest.raises(OSError) as err:
        strip.draw(table, tmp_path / "taken.png")
    assert err.value.errno == errno.EISDIR and not isinstance(err.value, RuntimeError)


def test_a_hung_drawing_process_is_killed_and_the_strip_drawn_here(tmp_path, monkeypatch):
    import time

    import empirical.engine.plots as plots

    res = run_training(RunConfig().override(TINY))
    monkeypatch.setattr(plots, "_WORKER", "import time; time.sleep(600)")  # never answers
    monkeypatch.setattr(plots.StripProcess, "timeout_s", 1.0)
    t0 = time.perf_counter()
    with plots.StripProcess() as strip:
        write_run(res, tmp_path / "run", strip=strip)
        assert strip._proc.poll() is not None  # killed, not left behind
    assert time.perf_counter() - t0 < 60
    assert (tmp_path / "run" / "strip.png").stat().st_size > 1000


def test_without_an_interpreter_to_start_the_strip_is_drawn_here(tmp_path, monkeypatch):
    from empirical.engine.plots import StripProcess

    res = run_training(RunConfig().override(TINY))
    monkeypatch.setattr(sys, "executable", "")
    with StripProcess() as strip:
        write_run(res, tmp_path / "run", strip=strip)
    assert (tmp_path / "run" / "strip.png").stat().st_size > 1000


def test_existing_folder_is_refused_then_replaced_whole(tmp_path):
    res = run_training(RunConfig().override(TINY))
    out = tmp_path / "run"
    write_run(res, out, figure=False)
    with pytest.raises(ValueError, match="is not empty; pass --overwrite"):
        write_run(res, out, figure=False)
    (out / "stale.txt").write_text("old")
    for overwrite in (False, True):  # a user's file: --overwrite is not advised, nor taken
        with pytest.raises(ValueError, match=re.escape("memcap did not write ('stale.txt'), "
                                                       "so --overwrite will not replace it")):
            write_run(res, out, overwrite=overwrite, figure=False)
    assert (out / "stale.txt").read_text() == "old"
    (out / "stale.txt").unlink()
    (out / "summary.json").unlink()  # the folder as memcap left it, less a file: replaced whole
    write_run(res, out, overwrite=True, figure=False)
    assert (out / "summary.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]  # no temp folders left


def test_failed_write_leaves_nothing(tmp_path, monkeypatch):
    import empirical.engine.run as run_mod

    res = run_training(RunConfig().override(TINY))

    def boom(_res):
        raise OSError("disk full")

    monkeypatch.setattr(run_mod, "summarise", boom)
    with pytest.raises(OSError):
        write_run(res, tmp_path / "run", figure=False)
    assert list(tmp_path.iterdir()) == []


def test_boolean_preset_trains_to_full_accuracy():
    cfg = PRESETS["boolean-small"].override(["data.inputs=4", "train.steps=300", "ensemble=2"])
    res = run_training(cfg)
    assert res.datasets[0].classes == 2
    assert (res.log.metrics["train_acc"][-1] == 1.0).all()
    assert (res.log.metrics["mi_bits"][-1] == 16.0).all()  # b(1 - H2(0)) with b = 16


def test_data_config_kind_boolean_has_no_test_set():
    ds = make_dataset(DataConfig(kind="boolean", inputs=3, function="parity"))
    assert ds.x_test.shape == (0, 3) and ds.n_train == 8



def test_a_truth_table_sets_inputs_outputs_and_function_in_the_config():
    """`train --preset boolean-small --set data.table=0110` stored inputs = 8 and function =
    'random' beside the 2-input table it trained (CLI audit, 2026-12-02)."""
    cfg = PRESETS["boolean-small"].override(["data.table=0110,0001"])
    assert (cfg.data.inputs, cfg.data.outputs, cfg.data.function) == (2, 2, "table")
    assert RunConfig.from_dict(cfg.to_dict()).to_dict() == cfg.to_dict()  # a stored run reloads
    ds = make_dataset(cfg.data)
    assert ds.n_train == 4 and ds.classes == 4

@pytest.mark.slow
def test_l2_blog_run_reproduces_the_documented_result():
    """docs/empirical.md quotes these figures; float32 CPU, tolerance for BLAS differences."""
    res = run_training(PRESETS["l2-blog"])
    df = metrics_frame(res)
    assert len(df) == 101
    first = df.loc[df["train_acc"] == 1.0, "step"].min()
    assert first == 150
    last = df.iloc[-1]
    assert last["train_loss"] == pytest.approx(0.00100, rel=0.05)
    assert last["weight_l2"] == pytest.approx(21.45, abs=0.05)
    assert last["test_acc"] < 0.1 and last["test_loss"] > 10
    assert last["memorised_bits"] == pytest.approx(408.6, abs=0.1)


def test_the_boolean_input_limit_is_the_truth_tables():
    """config.py keeps its own copy to stay light; it must agree with the builder's."""
    from constructions.boolean import MAX_TABLE_INPUTS
    from empirical.engine.config import MAX_BOOLEAN_INPUTS

    assert MAX_BOOLEAN_INPUTS == MAX_TABLE_INPUTS



@pytest.mark.parametrize("eps", [0.0, 2.0 ** -150, 1e-50])
@pytest.mark.parametrize("optimizer", ["adam", "adamw"])
def test_adam_eps_that_float32_rounds_to_zero_is_refused(eps, optimizer):
    """eps = 0 divides 0 by 0 for a parameter whose gradient is 0 (a padded member's unused
    units): the member would be reported as diverged."""
    with pytest.raises(UsageError, match=r"train\.eps must be above 2\^-150"):
        TrainConfig(optimizer=optimizer, eps=eps)
    assert TrainConfig(optimizer=optimizer, eps=2.0 ** -149).eps == 2.0 ** -149
    assert TrainConfig(optimizer="sgd", eps=eps).eps == eps  # SGD does not read eps


def test_a_whole_section_override_keeps_the_dotted_keys_set_before_it():
    """--set model.kind=… then --set 'model={…}' keeps both (the table replaced the key
    before: the transformer's kind was lost and the run refused); a key set twice, dotted or
    in a table, is refused (the later value won without a word until 2026-12-05)."""
    from empirical.engine.config import parse_overrides
    assert parse_overrides(["model.kind=transformer", "model={heads=2, width=8}"]) == {
        "model": {"kind": "transformer", "heads": 2, "width": 8}}
    for twice in (["model.width=4", "model={width=8}"], ["model={width=8}", "model.width=4"],
                  ["model={width=8}", "model={width=4}"], ["ensemble=2", "ensemble=3"]):
        with pytest.raises(UsageError, match="is given more than once"):
            parse_overrides(twice)
    assert parse_overrides(["model={width=4}", "model={depth=2}"]) == {
        "model": {"width": 4, "depth": 2}}
    cfg = RunConfig().override(["data.kind=tokens", "model.kind=transformer",
                                "model={heads=2, width=8}"])
    assert cfg.model.kind == "transformer" and cfg.model.heads == 2


@pytest.mark.parametrize("item", ["train.lr=0.1\ntrain.steps=3", "model.depth=1\n[model]\nwidth=3",
                                  "ensemble=2\nensemble=3"])
def test_an_override_holding_a_second_assignment_is_refused(item):
    """`--set $'train.lr=0.1\\ntrain.steps=3'` parsed the value as a TOML document and kept
    only its first key: the second assignment vanished, past the "given twice" check
    (2026-12-06 hostile-input review). A multi-line string value is still one value."""
    from empirical.engine.config import parse_overrides
    with pytest.raises(UsageError, match="more than one TOML assignment"):
        parse_overrides([item])
    assert parse_overrides(['data.table="""0110\n"""']) == {"data": {"table": "0110\n"}}


def test_transformer_member_widths_must_be_multiples_of_the_heads():
    """widths=[9, 9] with two heads is refused at the config, naming widths and the heads (it
    failed only when the model was built, after the data were drawn)."""
    with pytest.raises(UsageError, match="widths holds 9, not a multiple of model.heads 2"):
        RunConfig().override(["model.kind=transformer", "data.kind=tokens", "model.heads=2",
                              "widths=[9,9]"])
    assert RunConfig().override(["model.kind=transformer", "data.kind=tokens",
                                 "model.heads=2", "widths=[8,8]"]).widths == (8, 8)


def test_library_configs_refuse_numbers_they_used_to_cut():
    """RunConfig(widths=(2.7, 3.2)) trained widths 2 and 3, SearchOptions.of(seed=1.5) gave
    seed 1's results, seed=None failed mid-search, lrs="0.01" was read character by character
    and count_parameters(3, -2, 1, 2) was −10 (2026-12-05 API review)."""
    import numpy as np

    from empirical.engine.parameters import count_parameters
    from empirical.search.options import SearchOptions

    with pytest.raises(UsageError, match=re.escape("widths[0] must be an integer, got 2.7")):
        RunConfig(ensemble=2, widths=(2.7, 3.2))
    with pytest.raises(UsageError, match=re.escape("init_seeds[0] must be an integer, got 1.5")):
        RunConfig(init_seeds=(1.5,))
    assert RunConfig(widths=(np.int64(2), 3)).widths == (2, 3)
    for seed in (1.5, None, -1):
        with pytest.raises(UsageError, match=r"--seed must be an integer >= 0"):
            SearchOptions.of(seed=seed)
    with pytest.raises(UsageError, match="--lrs must be a sequence of numbers"):
        SearchOptions.of(lrs="0.01")
    with pytest.raises(UsageError, match="--lrs must be a sequence of numbers"):
        SearchOptions.of(lrs=0.01)  # a lone number: a TypeError until the diff review
    assert SearchOptions.of(seed=np.int64(3)).seed == 3  # numpy's integers pass, as ints
    assert type(SearchOptions.of(seed=np.int64(3)).seed) is int
    with pytest.raises(UsageError, match="--start must be an integer >= 1, got 1.5"):
        SearchOptions.of(start=1.5)  # was int()ed to 1 before its check (re-read, 2026-12-05)
    assert SearchOptions.of(lrs=(np.float32(0.5),)).lrs == (0.5,)
    with pytest.raises(UsageError, match="width must be an integer >= 1, got -2"):
        count_parameters(3, -2, 1, 2)
    with pytest.raises(UsageError, match="depth must be an integer >= 0, got 1.5"):
        count_parameters(3, 2, 1.5, 2)
    assert count_parameters(3, 0, 0, 2) == 8  # the linear model reads no width


def test_an_integer_beyond_float_range_is_refused_by_the_api_too():
    """math.isfinite and float() raised OverflowError on an integer of 309+ digits given as a
    learning rate, eps, beta or alpha (2026-12-05 review): one UsageError each."""
    from capacity.errors import UsageError
    from empirical.engine.config import (
        DataConfig,
        RunConfig,
        TrainConfig,
        check_learning_rates,
    )

    makers = (lambda big: TrainConfig(lr=big), lambda big: TrainConfig(eps=big),
              lambda big: TrainConfig(weight_decay=big), lambda big: TrainConfig(momentum=big),
              lambda big: TrainConfig(betas=(big, 0.9)), lambda big: RunConfig(lrs=(big,)),
              lambda big: DataConfig(label_prior="power_law", alpha=big),
              lambda big: check_learning_rates([0.01, big]),
              lambda big: RunConfig.from_dict({"lrs": [big]}),
              lambda big: RunConfig.from_dict({"train": {"lr": big}}))
    for big, digits in ((10**400, 401), (10**5000, 5001)):  # past 4 300 digits the message
        for make in makers:  # could not print the value at all
            with pytest.raises(UsageError) as exc:
                make(big)
            # the value by its size, never its digits (a 455-character message, review)
            assert f"an integer of {digits} digits" in str(exc.value) \
                and len(str(exc.value)) < 250, str(exc.value)[:300]


def test_per_member_tables_decide_the_data_shape_as_data_table_does():
    """Per-member tables left data.inputs/outputs/function at the preset's (8, 1, random): the
    memory guard read them (237x too low at M = 16, so an out-of-memory error instead of a
    refusal) and config.json recorded them, so RunConfig.from_dict(config) refused it
    (2026-12-05 review). The tables set them, as data.table does."""
    import random

    from capacity.errors import UsageError
    from empirical.engine.config import DataConfig, RunConfig, load_config

    rnd = random.Random(0)
    tables = tuple("".join(rnd.choice("01") for _ in range(1 << 10)) for _ in range(2))
    base = load_config(preset="boolean-small").to_dict()
    data = {k: v for k, v in base["data"].items() if k not in ("inputs", "outputs", "function")}
    per_member = RunConfig.from_dict({**base, "data": data, "ensemble": 2,
                                      "tables": list(tables)})
    shared = RunConfig.from_dict({**base, "ensemble": 2, "data": {**data, "table": tables[0]}})
    assert (per_member.data.inputs, per_member.data.outputs, per_member.data.function) \
        == (10, 1, "table")
    assert per_member.estimated_bytes() == shared.estimated_bytes()
    assert RunConfig.from_dict(per_member.to_dict()) == per_member  # config.json reads back
    with pytest.raises(UsageError, match="per-member tables 10 to 1; give tables of one shape"):
        RunConfig(data=DataConfig(kind="boolean", table="0110"), tables=tables, ensemble=2)


def test_switches_take_booleans_only_from_python_too():
    """TrainConfig(early_stop="no") trained with early stopping (any truthy value was True) and
    the config then did not read back; likewise ModelConfig(bias="no"), HardnessConfig(sign=
    "no"), build(..., strict_layers="no" / complement="no" / exact="no") and verify(force="no")
    (2026-12-05 API review). A numpy bool is stored as a bool."""
    import numpy as np

    from capacity.errors import UsageError
    from constructions.builders import build
    from constructions.families import make_function
    from constructions.verify import verify
    from empirical.engine.config import ModelConfig, TrainConfig
    from empirical.hardness.result import HardnessConfig

    f = make_function("parity", 3)
    for make in (lambda: TrainConfig(early_stop="no"), lambda: TrainConfig(nesterov=1),
                 lambda: ModelConfig(bias="no"), lambda: HardnessConfig(inputs=2, sign="no"),
                 lambda: build(f, "depth3", strict_layers="no"),
                 lambda: build(f, "lookup", complement="no"),
                 lambda: build(f, "dnf", exact="no"),
                 lambda: verify(build(f), f, force="no")):
        with pytest.raises(UsageError, match="must be [tT]rue or [fF]alse"):
            make()
    cfg = TrainConfig(early_stop=np.True_)
    assert cfg.early_stop is True and TrainConfig(**cfg.__dict__) == cfg
    assert build(f, "dnf", exact=None).outputs == 1  # an optional switch keeps None


@pytest.mark.parametrize("section, kwargs, words", [
    ("DataConfig", {"seed": 1.5}, "data.seed must be an integer, got 1.5"),  # seed 1's data
    ("TrainConfig", {"lr": "0.1"}, "train.lr must be a number, got '0.1'"),  # a TypeError
    ("DataConfig", {"kind": "boolean", "table": 5}, "data.table must be a string, got 5"),
    ("TrainConfig", {"betas": 0.9}, "train.betas must be a list, got 0.9"),
    ("ModelConfig", {"width": None}, "model.width must be an integer, got None"),
    ("RunConfig", {"widths": 8}, "widths must be a list with one value per member, got 8"),
    ("RunConfig", {"data": {}}, "data must be a DataConfig, got {}"),  # an AttributeError
    ("RunConfig", {"tables": "0110"}, "tables must be a list with one value per member"),
])
def test_configs_built_in_python_check_their_field_types(section, kwargs, words):
    """A config dataclass built directly skipped the type checks from_dict applies (2026-12-05
    API review): a float seed trained another seed's data, text or None were bare TypeErrors
    or AttributeErrors from deep inside."""
    import empirical.engine.config as config
    from capacity.errors import UsageError

    with pytest.raises(UsageError, match=re.escape(words)):
        getattr(config, section)(**kwargs)


def test_numpy_scalars_in_a_config_are_stored_as_python_numbers():
    import numpy as np

    from empirical.engine.config import DataConfig, TrainConfig

    data, train = DataConfig(seed=np.int64(3)), TrainConfig(lr=np.float32(0.5))
    assert type(data.seed) is int and type(train.lr) is float  # np.int64 broke json.dumps
    assert json.loads(json.dumps(data.__dict__))["seed"] == 3


def test_numpy_scalars_are_read_alike_by_the_dataclasses_and_from_dict():
    """RunConfig.from_dict refused np.int64(3) that the dataclasses take ("ensemble must be an
    integer, got np.int64(3)"), and RunConfig(ensemble=np.int64(2)) was refused by RunConfig
    while its sections stored numpy scalars as Python numbers."""
    import numpy as np

    plain = {"ensemble": 2, "model": {"width": 7}, "train": {"lr": 0.5, "betas": [0.5, 0.75],
                                                              "early_stop": True},
             "widths": [3, 4], "lrs": [0.25, 0.5]}
    numpy = {"ensemble": np.int64(2), "model": {"width": np.int32(7)},
             "train": {"lr": np.float32(0.5), "betas": [np.float32(0.5), np.float64(0.75)],
                       "early_stop": np.bool_(True)},
             "widths": [np.int64(3), np.int64(4)], "lrs": [np.float32(0.25), 0.5]}
    ours = RunConfig.from_dict(numpy)
    assert ours == RunConfig.from_dict(plain)
    assert json.dumps(ours.to_dict()) == json.dumps(RunConfig.from_dict(plain).to_dict())
    built = RunConfig(ensemble=np.int64(2))
    assert type(built.ensemble) is int and built == RunConfig(ensemble=2)
    for bad, words in (({"ensemble": np.float64(2.5)}, "ensemble must be an integer, got 2.5"),
                       ({"train": {"early_stop": np.int64(1)}}, "must be true or false, got 1")):
        with pytest.raises(UsageError, match=re.escape(words)):
            RunConfig.from_dict(bad)


@pytest.mark.parametrize("override", ["data.n_train=" + "1" + "0" * 30, "model.width=" + "9" * 20])
def test_run_training_refuses_a_run_no_machine_can_address(override):
    # the CLI checks memory before training; from Python torch raised a bare TypeError/overflow
    cfg = RunConfig().override([override, "train.steps=2"])
    with pytest.raises(UsageError, match="more than any machine can address"):
        run_training(cfg)


def test_a_written_member_list_replaces_the_presets_ensemble_in_load_config(tmp_path):
    # the CLI did this; load_config refused the preset's 4 members against 2 widths
    assert load_config(preset="boolean-small", overrides=["widths=[4,8]"]).size == 2
    assert load_config(preset="boolean-small", update={"widths": (4, 8)}).size == 2  # a tuple
    path = tmp_path / "c.toml"
    path.write_text("init_seeds = [1, 2, 3]\n")
    assert load_config(path, preset="boolean-small").init_seeds == (1, 2, 3)
    with pytest.raises(UsageError, match="ensemble = 4 but widths has 2 entries"):
        load_config(preset="boolean-small", overrides=["widths=[4,8]", "ensemble=4"])
    with pytest.raises(UsageError, match="widths lists 2 values but lrs lists 3"):
        load_config(overrides=["widths=[4,8]", "lrs=[0.1,0.2,0.3]"])


def test_the_transformer_memory_estimate_counts_eight_copies_of_the_parameters():
    """Four copies let a search round up to width 4096 pass the guard; 5-step runs of widths
    512-2048 peaked at 1.5-1.8x that estimate and the search was killed by the kernel (exit
    137, 2026-12-05 transformer review); measured since at 0.76-0.86 of the new one."""
    cfg = RunConfig().override(["model.kind=transformer", "data.kind=seq2seq", "data.classes=4",
                                "data.seq_len=5", "data.n_train=8", "data.n_test=0",
                                "model.width=2048", "model.heads=1", "ensemble=3"])
    params = cfg.parameter_count(2048)
    # K = 3 float32 members: 8 copies of the parameters, the kept activations of 8 sequences of
    # T = 5 tokens (depth 2: (16 + 3·mlp_ratio 4)·width per layer, 3·V logits, 3·heads·T
    # attention per layer), and the inputs (d_in 9 floats) and labels of every token
    per_token = 2 * (16 + 3 * 4) * 2048 + 3 * 4 + 3 * 2 * 1 * 5
    assert cfg.estimated_bytes() - cfg.log_bytes() == 3 * 4 * (
        8 * params + 8 * 5 * per_token) + 3 * (9 * 4 + 8) * 5 * 8 == 9_727_993_056  # a mutant
    # that over-estimates 1000x passed; the log: 3 members × 102 rows (1000 steps, every 10)
    assert cfg.log_bytes() == 3 * 102 * (360 + 12 * 4)


def test_heads_are_checked_against_the_member_widths_not_the_unread_model_width():
    """With widths [6, 6] and heads 3 the preset's model.width 100 (never read then) was
    refused as "not a multiple of model.heads 3" when the widths came from --set, a file or the
    API (2026-12-06 transformer review)."""
    cfg = RunConfig().override(["model.kind=transformer", "data.kind=tokens", "model.heads=3",
                                "widths=[6, 6]", "ensemble=2"])
    assert cfg.widths == (6, 6) and cfg.model.width == 100
    with pytest.raises(UsageError, match="model.width 100 is not a multiple of model.heads 3"):
        RunConfig().override(["model.kind=transformer", "data.kind=tokens", "model.heads=3"])


def test_the_memory_guard_counts_the_training_log(monkeypatch):
    """A run logged at every one of 10^6 steps keeps ~350 bytes a member and row (the log, the
    metrics columns, the strip's copy): 10 000 such members passed the guard, which counted
    parameters, data and activations only (2026-12-06 review). The refusal names the log."""
    from empirical.engine.config import LOG_ROW_BYTES, check_memory

    base = RunConfig().override(["train.steps=999998", "train.log_every=1"])
    many = base.override(["ensemble=10000"])
    assert many.log_bytes() == 10000 * 10**6 * (LOG_ROW_BYTES + 12 * (many.model.depth + 2))
    assert many.estimated_bytes() > many.log_bytes() > 100 * base.override(
        ["train.log_every=1000"]).log_bytes()
    with pytest.raises(UsageError, match="1,000,000 log rows a member.*--log-every"):
        check_memory(many)


def test_metrics_csv_is_written_in_blocks_with_the_same_bytes(monkeypatch, tmp_path):
    """write_metrics_csv formats CSV_BLOCK_ROWS rows at a time (the whole text took 1.3–1.6 KB a
    row: 3.2 GB for a 194 MB file, 2026-12-06 review); the file is what pandas writes."""
    import numpy as np

    from empirical.engine import run as run_module

    monkeypatch.setattr(run_module, "CSV_BLOCK_ROWS", 2)
    res = run_module.run_training(RunConfig().override(["train.steps=20", "train.log_every=5",
                                                        "ensemble=2", "model.width=4"]))
    cols = run_module.metrics_columns(res)
    cols["train_loss"][3] = np.nan
    run_module.write_metrics_csv(cols, tmp_path / "m.csv")
    text = (tmp_path / "m.csv").read_text()
    assert text == run_module.metrics_csv(cols) == pd.DataFrame(cols).to_csv(index=False)
    assert len(text.splitlines()) == 1 + 2 * 5


@pytest.mark.parametrize("args", [["--n-train", str(10**400)], ["--width", str(10**400)]])
def test_a_plan_beyond_a_floats_range_is_refused_in_one_line(args, capsys):
    """--n-train 10^400 made the memory guard's GiB a float division that overflowed: status 70
    'internal error' (2026-12-06 fuzzing); it is bad input, status 2, the width shortened."""
    from memcap.cli import main

    with pytest.raises(SystemExit) as done:
        main(["train", "--steps", "5", "--threads", "1", *args])
    err = capsys.readouterr().err
    assert done.value.code == 2 and "more than any machine can address" in err
    assert len(err.strip().splitlines()) == 1 and len(err) < 400


def test_a_linear_model_reports_no_hidden_width():
    """`train --depth 0` printed and wrote the preset's width 100 beside the 170 parameters of
    the 9 → 17 linear model (2026-12-06 review): its results say width 0, hidden layers' runs
    keep their width."""
    for depth, width in ((0, 0), (1, 7)):
        res = run_training(RunConfig().override(
            ["train.steps=4", "model.width=7", "ensemble=2", f"model.depth={depth}"]))
        member = summarise(res)["members"][0]
        assert member["width"] == width
        assert set(metrics_frame(res)["width"]) == {width}
        assert member["parameters"] == (9 * 17 + 17 if depth == 0 else 9 * 7 + 7 + 7 * 17 + 17)


def test_the_first_logged_step_at_best_accuracy_is_the_first_not_the_last():
    """`first_logged_step_at_best_accuracy` was never checked against the log: the last such
    step in its place passed every test (2026-12-06 test audit). It is the smallest logged
    step whose train accuracy reaches the dataset's best, read here from metrics.csv's rows."""
    res = run_training(RunConfig().override(
        ['data.kind="boolean"', "data.inputs=4", 'data.function="random"', "model.width=16",
         "train.lr=0.03", "train.steps=300", "ensemble=3"]))
    frame = metrics_frame(res)
    firsts = []
    for m in summarise(res)["members"]:
        rows = frame[(frame["member"] == m["member"])
                     & (frame["train_acc"] >= m["best_accuracy"] - 1e-12)]
        first = int(rows["step"].min()) if len(rows) else None
        assert m["first_logged_step_at_best_accuracy"] == first
        firsts.append(first)
    assert any(f is not None and f < 300 for f in firsts)  # fitted before the end: not vacuous


def test_summary_edges_a_stop_at_step_0_and_the_weight_norm_gap():
    """Two edges of the 2026-12-06 engine mutation audit: a member decided before any update
    (every input group tied, so its best count is 0) is summarised as stopped at step 0, not
    as never stopped; ``weight_l2_gap`` is the last logged norm minus the first."""
    cfg = RunConfig().override(["data.n_train=4", "data.n_test=0", "data.d_in=1",
                                "data.input_law=rademacher", "data.classes=2", "data.seed=23",
                                "train.steps=20", "train.log_every=10", "train.early_stop=true",
                                "model.width=4"])
    assert make_dataset(cfg.data).best_count == 0
    assert summarise(run_training(cfg))["members"][0]["stop_step"] == 0
    res = run_training(RunConfig().override(["train.steps=10", "model.width=4"]))
    norms = res.log.metrics["weight_l2"][:, 0]
    gap = summarise(res)["members"][0]["weight_l2_gap"]
    assert gap == pytest.approx(float(norms[-1] - norms[0])) and abs(gap) < 0.1 * norms[0]
