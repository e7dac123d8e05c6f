"""memcap train / bench from the command line: outputs and error paths."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch
from hypothesis import example, given, settings
from hypothesis import strategies as st
from memcap_cli import memcap_main
from memcap_cli import memcap_process as run

TINY = ["--steps", "10", "--log-every", "5", "--width", "4", "--n-train", "10", "--n-test", "4"]


def test_train_json_and_run_folder(tmp_path, capsys):
    out = tmp_path / "r"
    code, stdout, _ = memcap_main(capsys, "train", *TINY, "--ensemble", "2", "--out", str(out),
                                  "--json")
    assert code == 0
    summary = json.loads(stdout)
    assert summary["ensemble"] == 2 and summary["steps"] == 10 and summary["out"] == str(out)
    df = pd.read_csv(out / "metrics.csv")
    assert sorted(df["member"].unique()) == [0, 1] and len(df) == 6


def test_d_in_and_classes_set_the_random_points_as_in_search(tmp_path, capsys):
    """memcap train had no --d-in or --classes (only --set data.*), unlike search and compare
    (2026-12-06)."""
    out = tmp_path / "r"
    code, _, _ = memcap_main(capsys, "train", *TINY, "--d-in", "5", "--classes", "3",
                             "--out", str(out))
    data = json.loads((out / "config.json").read_text())["config"]["data"]
    assert code == 0 and data["d_in"] == 5 and data["classes"] == 3


def test_a_table_equal_to_every_member_table_but_for_spaces_is_kept(capsys):
    """"0110, 1001" in a tables list is the table --table 0110,1001 names: refused as another
    until 2026-12-06 (review)."""
    code, _, err = memcap_main(capsys, "train", "--steps", "5", "--table", "0110,1001", "--set",
                               'tables=["0110, 1001","0110, 1001"]')
    assert code == 0, err


def test_search_words_for_a_boolean_target_train_it(tmp_path, capsys):
    """train had none of search's Boolean words (--inputs told "Did you mean --n-test?",
    2026-12-06 review): they set data.kind = boolean and its fields."""
    for args, fields in ((["--inputs", "3", "--function", "parity"],
                          {"inputs": 3, "function": "parity"}),
                         (["--table", "0110,1000"], {"table": "0110,1000", "inputs": 2,
                                                     "outputs": 2})):
        out = tmp_path / args[1].replace(",", "-")
        code, _, err = memcap_main(capsys, "train", "--steps", "20", "--width", "4", *args,
                                   "--out", str(out))
        data = json.loads((out / "config.json").read_text())["config"]["data"]
        assert code == 0 and data["kind"] == "boolean", err
        assert {k: data[k] for k in fields} == fields
        frame = pd.read_csv(out / "metrics.csv")
        assert frame["memorised_count"].max() <= 2 ** data["inputs"] * data["outputs"]


@pytest.mark.parametrize("args, needle", [
    (["--inputs", "3", "--d-in", "5"], "--d-in is not used when data.kind = 'boolean'"),
    (["--inputs", "3", "--n-train", "5"], "--n-train is not used when data.kind = 'boolean'"),
    (["--inputs", "3", "--table", "0110"], "--inputs = 3 is not read beside a truth table"),
    (["--function", "prity"], "unknown function 'prity'"),
    (["--table", "011"], "truth table length must be a power of two"),
    (["--inputs", "3", "--set", "data.kind=random"], "data.kind is given twice, by --set"),
    # a per-member list outranks the field: --table beside tables trained the list silently
    (["--table", "1111", "--set", 'tables=["0110","1001"]'],
     "--table sets data.table for every member, but tables"),
])
def test_boolean_words_refuse_what_a_boolean_target_does_not_read(args, needle, capsys):
    code, _, err = memcap_main(capsys, "train", "--steps", "5", *args)
    assert code == 2 and needle in err and len(err.strip().splitlines()) == 1, err


def test_train_table_output(capsys):
    """Each member's row holds its --json values, in the header's column order (swapped loss
    and accuracy cells passed when only the title was checked: weak-test review)."""
    code, stdout, _ = memcap_main(capsys, "train", *TINY, "--seeds", "3,4")
    assert code == 0 and "memcap train: 2 member(s)" in stdout
    # "fit at" read as the fit's step, after "stop" (2026-12-06 review): the caption says
    assert "fit (log)" in stdout and "fit (log): first logged step at best train" in stdout
    code, out, _ = memcap_main(capsys, "train", *TINY, "--seeds", "3,4", "--json")
    members = json.loads(out)["members"]
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in stdout.splitlines()
            if line.startswith("│")]
    assert len(rows) == 2
    for row, m in zip(rows, members, strict=True):
        f = m["final"]
        assert row[:8] == [str(m["member"]), str(m["width"]), str(m["parameters"]),
                           f"{f['train_loss']:.4f}", f"{f['train_acc']:.3f}",
                           f"{f['test_acc']:.3f}", f"{f['weight_l2']:.3f}",
                           f"{f['memorised_bits']:.1f}"]


@pytest.mark.parametrize("batch, refused", [(256, True), (4096, True), (255, False)])
def test_a_shuffle_seed_beside_a_batch_of_every_boolean_point_is_refused(batch, refused, capsys):
    """boolean-small has 2^8 points: a batch of 256 or more is full batch (the trainer's rule),
    so a shuffle seed there was recorded and read by nothing (2026-12-06 review)."""
    code, _, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--steps", "1",
                               "--batch-size", str(batch), "--set", "train.shuffle_seed=5",
                               "--json")
    assert (code, "with full batches" in err) == ((2, True) if refused else (0, False))


@pytest.mark.parametrize("args,needle", [
    (["--set", "train.lrr=0.1"], "unknown key 'train.lrr'"),
    (["--set", "train.loss='mse'"], "mse"),
    (["--preset", "nope"], "unknown preset"),
    (["--activation", "sigmoidd"], "unknown activation"),
    (["--seeds", "1,x"], "comma-separated integers"),
    (["--config", "/nonexistent/c.toml"], "not found"),
    (["--set", "train.lr=1e39"], "train.lr must be at most 1e+30"),  # was status 70 in Adam
    (["--set", "lrs=[1e40]"], "lrs must be at most 1e+30"),  # per member, the same limit
    (["--set", "train.lr=1e-320"], "train.lr must be at least 2^-126 "),  # trained with lr 0
    (["--set", "lrs=[0.01, 1e-40]"], "lrs must be at least 2^-126 "),  # a float32 denormal
    # inf in float32: every Adam step was 0 and the run was reported as normal (2026-12-04)
    (["--set", "train.eps=1e308"], "train.eps must be at most 3.4028234663852886e+38 "),
    # seeds torch cannot take ended with status 70 inside torch (2026-12-01 audit)
    (["--set", "data.seed=18446744073709551616"], "data.seed must lie in -2^63..2^63-1"),
    (["--set", "model.init_seed=99999999999999999999"], "model.init_seed must lie in"),
    (["--set", "train.shuffle_seed=99999999999999999999"], "train.shuffle_seed must lie in"),
    (["--set", "data_seeds=[99999999999999999999]"], "data_seeds must lie in"),
    # a Boolean run reads none of the point-cloud options: they were silently ignored and
    # recorded in config.json (2026-12-01)
    (["--set", "data.kind=boolean", "--set", "data.inputs=3"],
     "--n-train is not used when data.kind = 'boolean'"),  # TINY gives --n-train
    (["--set", "model.heads=2"], "model.heads is read only by model.kind = 'transformer'"),
    (["--depth", "99999999999999999999"], "--depth must be at most 1000"),  # was status 70
    # an error names the option typed, a --set the config field (2026-12-01 audit)
    (["--lr", "-1"], "--lr must be a positive finite number"),
    (["--seeds", "99999999999999999999,1"], "--seeds must lie in -2^63..2^63-1"),
    # 2^63..2^64-1 trained, then the run folder's int64 seed columns overflowed: status 70
    # after the whole training (2026-12-05 review)
    (["--seeds", "9223372036854775808,1"], "--seeds must lie in -2^63..2^63-1"),
    (["--data-seeds", "1,18446744073709551615"], "--data-seeds must lie in -2^63..2^63-1"),
    (["--set", "data.seed=9223372036854775808"], "data.seed must lie in -2^63..2^63-1"),
    (["--preset", "boolean-small", "--set", "data.d_in=5"],
     "is not used when data.kind = 'boolean'"),
    # search's words for the data (2026-12-06): the refusals name the option typed
    (["--preset", "boolean-small", "--d-in", "5"], "--d-in is not used when data.kind"),
    (["--classes", "1"], "--classes must be an integer >= 2"),
    (["--d-in", "5", "--set", "data.d_in=4"], "data.d_in is given twice, by --set and by --d-in"),
    (["--set", "train.lr=-1"], "train.lr must be a positive finite number"),
    # an option that a per-member list from --set outranked trained nothing it said, and
    # config.json recorded both (2026-12-03 audit)
    (["--set", "lrs=[0.001]", "--lr", "0.5"], "--lr sets train.lr for every member, but lrs"),
    (["--set", "widths=[4]", "--width", "50"], "--width sets model.width for every member"),
    # seeds nothing reads were recorded in config.json (2026-12-03 audit)
    (["--seeds", "1,2", "--set", "model.init_seed=5"], "model.init_seed is not read when"),
    (["--data-seeds", "1,2", "--set", "data.seed=5"], "data.seed is not read when data_seeds"),
    (["--set", "train.shuffle_seed=5"], "with full batches (train.batch_size 0, or at least the"),
    # a batch of n or more is full batch too: the seed was recorded and read by nothing
    # (2026-12-06 review)
    (["--batch-size", "10", "--set", "train.shuffle_seed=5"],
     "with full batches (--batch-size 0, or at least the number of training points)"),
    # a linear model trained and recorded the width it has no layer for (2026-12-03)
    (["--depth", "0", "--width", "5"], "--width sets a hidden width, but --depth 0"),
    # named the numpy seed, not the option typed
    (["--preset", "boolean-small", "--seeds", "1,2", "--data-seeds=-1,2"],
     "--data-seeds (numpy draws the Boolean functions) must be a non-negative integer"),
])
def test_error_paths_exit_2_with_one_line(args, needle, tmp_path, capsys):
    out = tmp_path / "r"
    # an option is given once: a case with its own --width drops TINY's "--width 4"
    base = TINY if "--width" not in args else [a for i, a in enumerate(TINY)
                                               if "--width" not in TINY[max(0, i - 1):i + 1]]
    code, stdout, err = memcap_main(capsys, "train", *base, "--out", str(out), *args)
    assert code == 2 and needle in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("args,needle", [
    (["--set", "data.table=0110", "--set", "data.seed=7"],
     "the data are a truth table, which no data seed changes"),
    (["--set", "data.function=parity", "--set", "data.inputs=3", "--data-seeds", "1,2"],
     "the fixed map data.function = 'parity'"),
    (["--set", "data.table=0110", "--set", "data.function=parity"],
     "data.function = 'parity' is not read beside a truth table"),
    # the table decides M and N: config.json recorded its values, not these (2026-12-03)
    (["--set", "data.table=0110", "--set", "data.inputs=5"],
     "data.inputs = 5 is not read beside a truth table, which has 2 inputs"),
    (["--set", "data.table=0110", "--set", "data.outputs=3"],
     "data.outputs = 3 is not read beside a truth table, which has 1 outputs"),
    (["--set", "tables=[\"0110\", \"1001\"]", "--data-seeds", "1,2", "--set",
      "data.inputs=5"], "data.inputs = 5 is not read beside a truth table, which has 2"),
    # training reads tables, not data.table: M is checked against them (review, 2026-12-03);
    # a data.table of another shape than the tables is refused itself (2026-12-05)
    (["--set", "data.table=01101001", "--set", "tables=[\"0110\", \"1001\"]", "--set",
      "ensemble=2", "--set", "data.inputs=3"],
     "data.table maps 3 inputs to 1 output(s), the per-member tables 2 to 1"),
])
def test_boolean_data_seeds_nothing_reads_are_refused(args, needle, capsys):
    """Recorded in config.json and read by nothing (2026-12-03 audit)."""
    code, _, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--steps", "1",
                               *args)
    assert code == 2 and needle in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("field,args,needle", [
    ("model.width=7", ["--widths", "4,5"],
     "--set model.width sets it for every member, but --widths gives one per member"),
    ("model.width=7", ["--set", "widths=[4,5]", "--set", "ensemble=2"],
     "--set model.width sets it for every member, but widths gives one per member"),
    ("train.lr=0.1", ["--set", "lrs=[0.1,0.2]", "--set", "ensemble=2"],
     "--set train.lr sets it for every member, but lrs gives one per member"),
])
def test_a_field_set_beside_its_per_member_list_is_refused(field, args, needle, tmp_path,
                                                           capsys):
    """--set model.width / train.lr beside widths / lrs trained the list and dropped the typed
    value without a word (2026-12-03); the list alone still trains."""
    out = tmp_path / "r"
    code, _, err = memcap_main(capsys, "train", "--steps", "1", "--out", str(out), "--set",
                               field, *args)
    assert code == 2 and needle in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
    code, _, err = memcap_main(capsys, "train", "--steps", "1", *args)
    assert code == 0, err


@pytest.mark.parametrize("where", ["--set", "--config"])
@pytest.mark.parametrize("listed", [("--seeds", "1,2"), ("--widths", "3,4"),
                                    ("--data-seeds", "5,6")])
def test_an_ensemble_setting_beside_a_per_member_list_option_must_agree(where, listed, tmp_path,
                                                                        capsys):
    """``--set ensemble=5 --seeds 1,2`` (or ``ensemble = 5`` in the config file) trained 2
    members without a word, while ``--ensemble 5 --seeds 1,2`` was refused (2026-12-04 review);
    an equal count trains, and a preset's ensemble is a default the list replaces."""
    def setting(k):
        if where == "--set":
            return ["--set", f"ensemble={k}"]
        path = tmp_path / f"e{k}.toml"
        path.write_text(f"ensemble = {k}\n")
        return ["--config", str(path)]

    out = tmp_path / "r"
    code, _, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--steps", "1",
                               "--out", str(out), *setting(5), *listed)
    source = "--set" if where == "--set" else "the config file"
    assert code == 2 and f"ensemble = 5 (from {source}" in err
    assert f"but {listed[0]} lists 2 values" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
    code, stdout, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--steps", "1",
                                    "--json", *setting(2), *listed)
    assert code == 0 and len(json.loads(stdout)["members"]) == 2, err
    code, stdout, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--steps", "1",
                                    "--json", *listed)  # the preset's 4 members: replaced
    assert code == 0 and len(json.loads(stdout)["members"]) == 2, err


def test_the_ensemble_that_counts_is_the_one_set_last(tmp_path, capsys):
    """--set overrides the config file: a file's ensemble = 5 replaced by --set ensemble=2 beside
    --seeds 1,2 trains (the first check refused the file's overridden value, 2026-12-04
    review); a non-integer is refused as one, not as a count mismatch."""
    path = tmp_path / "e.toml"
    path.write_text("ensemble = 5\n")
    base = ("train", "--preset", "boolean-small", "--steps", "1", "--json", "--seeds", "1,2")
    code, stdout, err = memcap_main(capsys, *base, "--config", str(path), "--set", "ensemble=2")
    assert code == 0 and len(json.loads(stdout)["members"]) == 2, err
    code, _, err = memcap_main(capsys, *base, "--set", "ensemble=abc")
    assert code == 2 and "ensemble must be a positive integer, got 'abc'" in err, err


@pytest.mark.parametrize("setting", ["widths=[2,4]", "lrs=[0.1,0.2]",
                                     'tables=["0110","1001"]'])
def test_a_written_list_replaces_the_presets_ensemble(capsys, tmp_path, setting):
    """A preset's ensemble is a default a per-member list replaces: --widths 2,4 trained two
    members, --set 'widths=[2,4]' (or the list in a config file) was refused for the preset's
    ensemble of 4 (2026-12-05 review). An ensemble the user wrote beside it still must agree."""
    base = ("train", "--preset", "boolean-small", "--steps", "1", "--json")
    code, out, err = memcap_main(capsys, *base, "--set", setting)
    assert code == 0 and len(json.loads(out)["members"]) == 2, err
    path = tmp_path / "c.toml"
    path.write_text(setting + "\n")
    code, out, err = memcap_main(capsys, *base, "--config", path)
    assert code == 0 and len(json.loads(out)["members"]) == 2, err
    code, _, err = memcap_main(capsys, *base, "--set", setting, "--set", "ensemble=3")
    assert code == 2 and "ensemble = 3 but" in err and "lists 2 values" in err, err
    # two written lists that disagree are named as such, not as an ensemble nobody wrote
    code, _, err = memcap_main(capsys, *base, "--set", setting, "--set", "init_seeds=[1,2,3]")
    assert code == 2 and "init_seeds lists 3 values but" in err and "lists 2 (both" in err, err


def test_a_field_equal_to_every_member_of_its_list_is_kept(capsys):
    """A transformer's model.width must divide by its heads, and only --widths copies the first
    width there: --set model.width=16 beside --set widths=[16,16] was refused, and dropping it
    failed on the preset's width 100 (review, 2026-12-03)."""
    code, _, err = memcap_main(capsys, "train", "--steps", "1", "--set", "model.kind=transformer",
                               "--set", "data.kind=tokens", "--set", "model.heads=8", "--set",
                               "widths=[16,16]", "--set", "model.width=16")
    assert code == 0, err
    code, _, err = memcap_main(capsys, "train", "--steps", "1", "--set", "lrs=[0.01,0.01]",
                               "--set", "ensemble=2", "--lr", "0.01")
    assert code == 0, err


def test_per_member_widths_of_a_linear_model_are_refused(capsys):
    code, _, err = memcap_main(capsys, "train", "--steps", "1", "--depth", "0", "--widths", "5,6")
    assert code == 2 and "--widths sets a hidden width, but --depth 0" in err


def test_a_bad_first_width_names_widths(capsys):
    """--widths 0,4 named model.width, the field its first entry is copied to (2026-12-03)."""
    code, _, err = memcap_main(capsys, "train", "--steps", "1", "--widths", "0,4")
    assert code == 2 and "--widths must be positive integers" in err and "model." not in err


@pytest.mark.parametrize("args", [["--set", "model.heads=8", "--width", "64"],
                                  ["--set", "model.heads=3", "--widths", "9,9"]])
def test_set_and_options_are_checked_together(capsys, args):
    """--set model.heads was checked against the preset's width 100 before --width applied
    (2026-12-01 audit): the layers are merged first."""
    code, out, err = memcap_main(capsys, "train", "--set", "model.kind=transformer", "--set",
                                 "data.kind=tokens", "--set", "data.n_train=8", "--set",
                                 "data.n_test=0", "--steps", "2", *args, "--json")
    assert code == 0, err
    widths = [m["width"] for m in json.loads(out)["members"]]
    assert widths in ([64], [9, 9])


def test_non_empty_out_refused_before_training_and_kept(tmp_path, capsys):
    out = tmp_path / "r"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    code, _, err = memcap_main(capsys, "train", *TINY, "--out", str(out))
    assert code == 2 and "--overwrite" in err and len(err.strip().splitlines()) == 1
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_empty_out_folder_is_filled(tmp_path, capsys):
    out = tmp_path / "r"
    out.mkdir()
    code, _, _ = memcap_main(capsys, "train", *TINY, "--out", str(out))
    assert code == 0 and (out / "summary.json").exists()


@pytest.mark.skipif(torch.cuda.is_available(), reason="tests the no-CUDA message")
def test_cuda_unavailable_is_a_clear_error(capsys):
    code, _, err = memcap_main(capsys, "train", *TINY, "--device", "cuda")
    assert code == 2 and "CUDA is not available" in err


def test_subprocess_error_has_no_traceback(tmp_path):
    res = run("train", *TINY, "--set", "model.widht=3", "--out", str(tmp_path / "r"))
    assert res.returncode == 2 and res.stderr.count("\n") == 1 and "widht" in res.stderr
    assert res.stdout == "" and not (tmp_path / "r").exists()


def test_bench_train_json_quick_small(capsys, monkeypatch):
    import empirical.bench.train as bench

    real, seen = bench.bench_train, []

    def small(quick, device, progress):
        return real(steps=40, models=4, n=256, loop_models=2, peak_size=256,
                    progress=lambda *a: (seen.append(a), progress(*a)))

    monkeypatch.setattr(bench, "bench_train", small)
    code, stdout, _ = memcap_main(capsys, "bench", "train", "--quick", "--json")
    data = json.loads(stdout)
    assert code == 0 and data["a_models"] == 4 and data["b_fraction_of_peak"] > 0
    flops = bench.mlp_step_flops(256, [9, 100, 100, 17])
    assert data["b_gflops"] == pytest.approx(flops * 40 / data["b_wall_s"] / 1e9)
    # every (b) block's ratio follows from the JSON (its inputs were left out, 2026-12-05
    # bench review), and the progress reached both stages' ends between the timed blocks
    assert data["b_flops_per_step"] == flops and data["b_block_fractions"] == pytest.approx(
        [flops * k / w / (p * 1e9) for k, w, p in zip(
            data["b_block_steps"], data["b_block_wall_s"], data["b_block_peak_gflops"],
            strict=True)])
    assert ("(a)", 40, 40) in seen and ("(b)", 40, 40) in seen


def test_bench_construct_reports_constructions_bench(capsys, monkeypatch):
    import constructions.bench as cbench

    rows = [{"method": "sop", "M": 3, "seed": 0, "engine": "dense", "total_s": 0.25,
             "ok": True}]
    asked = []

    def bench(repeats=1, progress=None):
        asked.append(repeats)
        return rows

    monkeypatch.setattr(cbench, "bench_constructions", bench)
    code, stdout, _ = memcap_main(capsys, "bench", "construct", "--json")
    assert code == 0 and json.loads(stdout) == rows
    code, stdout, _ = memcap_main(capsys, "bench", "construct", "--repeats", "3")
    assert code == 0 and "sop" in stdout and "0.25" in stdout
    assert asked == [1, 3]  # best of 1 unless --repeats says more (2026-12-05)
    code, _, err = memcap_main(capsys, "bench", "construct", "--repeats", "0")
    assert code == 2 and "--repeats must be between 1 and 100" in err
    # a case whose network fails its exhaustive check is a builder's bug: status 70, one line,
    # no timings (it exited 0 with "ok": false beside them, 2026-12-06 bench review)
    rows.append({**rows[0], "method": "depth3", "M": 8, "ok": False})
    code, stdout, err = memcap_main(capsys, "bench", "construct", "--json")
    assert code == 70 and stdout == "" and len(err.strip().splitlines()) == 1
    assert "the network of depth3 M=8 seed 0 (dense) failed verification" in err



@pytest.mark.parametrize("preset", ["l2-blog", "boolean-small"])
def test_a_run_folders_config_json_rebuilds_the_run(tmp_path, capsys, preset):
    """config.json holds every field (model.init_seed beside init_seeds, the preset's data
    seed beside a table): RunConfig.from_dict(config) rebuilds the run (docs/empirical.md), which
    the refusal of seeds nothing reads must not break."""
    from empirical.engine.config import RunConfig

    extra = ["--set", "data.table=0110"] if preset == "boolean-small" else ["--n-train", "10"]
    code, _, err = memcap_main(capsys, "train", "--preset", preset, "--steps", "3",
                               "--seeds", "1,2", *extra, "--out", str(tmp_path / "a"))
    assert code == 0, err
    stored = json.loads((tmp_path / "a" / "config.json").read_text())["config"]
    cfg = RunConfig.from_dict(stored)
    assert cfg.to_dict() == stored and cfg.members()[1][0] == 2


def test_a_seeded_family_in_any_case_reads_its_seed(capsys):
    """'DNF' was taken for a fixed map (the family names are read in any case) and its seed
    refused (2026-12-03 review)."""
    def run(name, seed):
        code, out, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--steps",
                                     "3", "--set", f"data.function={name}", "--set",
                                     "data.inputs=3", "--set", f"data.seed={seed}", "--json")
        assert code == 0, err
        members = json.loads(out)["members"]
        return [(m["data_seed"], m["final"]) for m in members]

    # the seed is read: the same run as the lower-case family's at seed 3, another at seed 4
    assert run("DNF", 3) == run("dnf", 3) != run("dnf", 4)
    assert run("DNF", 3)[0][0] == 3


@pytest.mark.parametrize("args", [["--width", str(10**20)], ["--widths", f"{10**20},1"],
                                  ["--ensemble", str(10**18), "--width", "4"]])
def test_force_does_not_pass_an_unaddressable_run_to_torch(capsys, tmp_path, args):
    """--force skips the machine's memory limit, not arithmetic: a width of 10^20 reached torch
    and ended as an internal error, status 70 (2026-12-03 audit)."""
    out = tmp_path / "out"
    code, _, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--steps", "3",
                               "--force", "--out", str(out), *args)
    assert code == 2 and "more than any machine can address" in err
    assert len(err.strip().splitlines()) == 1 and not out.exists()


def test_a_forced_sweep_refuses_an_unaddressable_group_before_its_folder(capsys, tmp_path):
    spec = tmp_path / "s.toml"
    spec.write_text(f'[[grid]]\nfield = "model.width"\nvalues = [2, {10**20}]\n')
    out = tmp_path / "sweep"
    code, _, err = memcap_main(capsys, "sweep", str(spec), "--out", str(out), "--force")
    assert code == 2 and "more than any machine can address" in err and not out.exists()


def test_a_linear_model_refuses_an_activation_no_unit_applies(tmp_path, capsys):
    """--depth 0 --activation tanh trained the linear model and recorded tanh in config.json
    (relu, tanh and sign gave identical runs; 2026-12-04 review)."""
    out = tmp_path / "r"
    code, _, err = memcap_main(capsys, "train", "--steps", "10", "--n-train", "10",
                               "--n-test", "4", "--depth", "0", "--activation", "tanh",
                               "--out", str(out))
    assert code == 2 and "--activation sets the hidden units' activation" in err
    assert len(err.strip().splitlines()) == 1 and not out.exists()
    assert memcap_main(capsys, "train", "--steps", "10", "--n-train", "10", "--n-test", "4",
                       "--depth", "0", "--json")[0] == 0  # without it: the linear model trains


def test_a_member_fitted_and_stopped_at_step_0_shows_0_not_a_dash(capsys):
    """`str(x or "—")` printed "—" (never fitted, trained to the end) for a member whose
    fit and stop step were 0 (2026-12-04 review)."""
    from empirical.cli.train import _print_summary

    member = {"member": 0, "width": 4, "parameters": 17, "diverged": False,
              "first_logged_step_at_best_accuracy": 0, "stop_step": 0,
              "final": {"train_loss": 0.5, "train_acc": 1.0, "test_acc": None,
                        "weight_l2": 1.0, "memorised_bits": 1.0}}
    never = dict(member, member=1, first_logged_step_at_best_accuracy=None, stop_step=None)
    _print_summary({"ensemble": 2, "steps": 10, "wall_s": 0.1, "members": [member, never]})
    rows = [line.split("│")[1:-1] for line in capsys.readouterr().out.splitlines()
            if line.startswith("│")]
    assert [cell.strip() for cell in rows[0][-2:]] == ["0", "0"]
    assert [cell.strip() for cell in rows[1][-2:]] == ["—", "—"]


@pytest.mark.parametrize("args", [
    ["--set", "ensemble=1", "--set", "widths=[4,8]"],
    ["--set", "ensemble=3", "--set", "init_seeds=[1,2]"],
])
def test_an_ensemble_written_beside_a_written_list_must_agree(args, capsys):
    """--set ensemble=1 --set 'widths=[4,8]' trained 2 members and config.json said
    ensemble 1: the engine reads 1 as "not set" (2026-12-04 review). Both written by the user:
    refused in one line; an agreeing pair trains."""
    code, out, err = memcap_main(capsys, "train", *args, "--steps", "2")
    assert code == 2 and "lists 2 values" in err and len(err.strip().splitlines()) == 1, err
    code, out, _ = memcap_main(capsys, "train", "--set", "ensemble=2", "--set", "widths=[4,8]",
                               "--steps", "2", "--json")
    assert code == 0 and [m["width"] for m in json.loads(out)["members"]] == [4, 8]


def test_a_refused_width_from_widths_is_named_as_widths(capsys):
    """--widths 6,6 beside 4 heads was refused as "model.width 6 is not a multiple of
    model.heads 4": the first width copied into model.width, named as a field the user had not
    typed (2026-12-05 review)."""
    code, _, err = memcap_main(capsys, "train", "--set", "model.kind=transformer", "--set",
                               "data.kind=tokens", "--widths", "6,6", "--set", "model.heads=4",
                               "--steps", "2")
    assert code == 2 and "--widths holds 6, not a multiple of model.heads 4" in err


@pytest.mark.parametrize("members", [3, 40])
def test_the_strip_of_many_members_draws_bands_not_lines(members, monkeypatch, tmp_path):
    """Above STRIP_LINES members a panel holds the median of each series and two bands (10 000
    members drew 15 000 lines with a 'best' legend: 70 s, 2026-12-06 review); below, one line
    per member and series. The bands hold the members' values: range from min to max."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from empirical.engine import plots

    rng = np.random.default_rng(0)
    steps = np.arange(5.0)
    table = {"member": np.repeat(np.arange(members), 5), "step": np.tile(steps, members)}
    for key in ("train_loss", "test_loss", "train_acc", "test_acc", "weight_l2"):
        table[key] = rng.random(members * 5)
    table["test_acc"][:] = np.nan  # not drawn
    table["train_loss"][2:5] = np.inf  # a diverged member: left out of the bands
    shown = []
    monkeypatch.setattr(plots, "save_figure", lambda fig, path: shown.append(fig))
    plots.training_strip(table, tmp_path / "strip.png")
    loss, acc, l2 = shown[0].axes
    if members <= plots.STRIP_LINES:
        assert (len(loss.lines), len(acc.lines), len(l2.lines)) == (2 * members, members, members)
    else:
        assert (len(loss.lines), len(acc.lines), len(l2.lines)) == (2, 1, 1)
        low, high = l2.collections[0].get_paths()[0].vertices[:, 1].min(), \
            l2.collections[0].get_paths()[0].vertices[:, 1].max()
        assert low == table["weight_l2"].min() and high == table["weight_l2"].max()
        edge = loss.collections[0].get_paths()[0].vertices[:, 1]
        finite = table["train_loss"][np.isfinite(table["train_loss"])]
        assert np.isfinite(edge).all() and edge.max() == finite.max()
    plt.close(shown[0])


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 9000), seed=st.integers(0, 99))
@example(n=2001, seed=0).via("the review's case: one more step than BAND_POINTS")
def test_a_pooled_band_covers_every_step_it_pools(n, seed):
    """Above BAND_POINTS steps the strip's bands pool consecutive steps (200 000 steps took 19 s
    to draw): at most 2·BAND_POINTS points, and the drawn band — straight lines between them, as
    fill_between draws it — covers every step's band, the last step's included (a review found
    the first version's pooled points missing 510 of 2 001 steps)."""
    from empirical.engine.plots import BAND_POINTS, _envelope

    rng = np.random.default_rng(seed)
    steps = np.arange(n, dtype=float) * 10
    low = rng.random(n) * 10
    high = low + rng.random(n)
    low[rng.random(n) < 0.01] = np.nan  # a step where no member logged
    high[np.isnan(low)] = np.nan
    x, lo, hi = _envelope(steps, low, high)
    if n <= BAND_POINTS:  # nothing pooled: the band is the steps' own
        assert x is steps and lo is low and hi is high
        return
    assert len(x) <= 2 * BAND_POINTS and x[0] == 0 and x[-1] == steps[-1]
    assert np.all(np.diff(x) >= 0)
    for s, a, b in zip(steps, low, high, strict=True):
        if np.isnan(a):
            continue
        covered = False  # some drawn segment over this step holds [a, b] (linear between
        for j in np.flatnonzero((x[:-1] <= s) & (s <= x[1:])):  # points; NaN leaves a gap)
            t = 0.0 if x[j + 1] == x[j] else (s - x[j]) / (x[j + 1] - x[j])
            edge_lo = lo[j] + t * (lo[j + 1] - lo[j])
            edge_hi = hi[j] + t * (hi[j + 1] - hi[j])
            covered |= bool(edge_lo <= a + 1e-12 and edge_hi >= b - 1e-12)
        assert covered, (s, a, b)


def test_a_run_folders_config_json_trains_that_run_again(capsys, tmp_path):
    """`--config RUN/config.json` said "not valid TOML" (2026-12-06 hostile-input review): it
    reads the run's config, so the same run is one command away — byte-identical metrics —
    and options still apply over it; other JSON is refused in one line."""
    first, again = tmp_path / "r1", tmp_path / "r2"
    code, _, err = memcap_main(capsys, "train", "--steps", "20", "--widths", "4,8", "--set",
                               "lrs=[0.01,0.03]", "--out", str(first))
    assert code == 0, err
    code, _, err = memcap_main(capsys, "train", "--config", str(first / "config.json"),
                               "--out", str(again))
    assert code == 0, err
    assert (first / "metrics.csv").read_bytes() == (again / "metrics.csv").read_bytes()
    code, out, err = memcap_main(capsys, "train", "--config", str(first / "config.json"),
                                 "--steps", "4", "--json")
    assert code == 0 and json.loads(out)["steps"] == 4, err
    other = tmp_path / "other.json"
    other.write_text('{"train": {"lr": 0.1}}')
    code, _, err = memcap_main(capsys, "train", "--config", str(other))
    assert code == 2 and "is JSON but not a run folder's config.json" in err
    # a config.json from before 2026-12-01 holds every data field: read as memcap reads back
    # what it wrote, not refused as a config file setting unread fields (diff review)
    old = Path(__file__).parent / "data" / "old_run_config.json"
    code, _, err = memcap_main(capsys, "train", "--config", str(old), "--steps", "2")
    assert code == 0, err


def test_the_test_legend_entry_names_the_first_test_line_drawn(monkeypatch, tmp_path):
    """A few members, member 0 with no test values and member 1 with some: member 1's test line
    is drawn and the legend names it (the name was given to member 0's line only, which is not
    drawn, so the legend said only 'train')."""
    import numpy as np

    from empirical.engine import plots

    rng = np.random.default_rng(0)
    table = {"member": np.repeat(np.arange(2), 5), "step": np.tile(np.arange(5.0), 2)}
    for key in ("train_loss", "test_loss", "train_acc", "test_acc", "weight_l2"):
        table[key] = rng.random(10)
    table["test_loss"][table["member"] == 0] = np.nan
    shown = []
    monkeypatch.setattr(plots, "save_figure", lambda fig, path: shown.append(fig))
    plots.training_strip(table, tmp_path / "strip.png", "")
    loss = shown[0].axes[0]
    assert len([line for line in loss.lines if line.get_linestyle() == "--"]) == 1
    assert [t.get_text() for t in loss.get_legend().get_texts()] == ["train", "test"]
