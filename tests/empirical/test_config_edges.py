"""The run configuration at its edges (the 2026-12-07 mutation audit of
empirical/engine/config.py): a run folder's config.json read back whole, device names,
learning-rate lists built in Python."""

import json

import pytest
from refusals import refusal as _refusal

import empirical.engine.config as cfgmod
from empirical.engine.config import (
    DataConfig,
    ModelConfig,
    RunConfig,
    TrainConfig,
    check_device,
    load_config,
)


def test_a_run_folders_config_json_trains_that_run_again(tmp_path):
    """config.json holds every field, model.init_seed beside init_seeds: reading it back is
    the same config (it was refused: the stored seed counted as the user's), while a seed the
    user adds over it that nothing reads is still refused, as is a TOML file saying both."""
    cfg = load_config(preset="boolean-small", overrides=["init_seeds=[1,2]"])
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"config": cfg.to_dict()}))
    again = load_config(path)
    assert again.to_dict() == cfg.to_dict() and again.members() == cfg.members()
    assert "model.init_seed is not read" in _refusal(
        lambda: load_config(path, overrides=["model.init_seed=5"]))
    toml = tmp_path / "run.toml"
    toml.write_text("init_seeds = [1, 2]\n\n[model]\ninit_seed = 5\n")
    assert "model.init_seed is not read" in _refusal(lambda: load_config(toml))


@pytest.mark.parametrize("name", ["cuda:abc", "cuda:", "cuda:-1", "cuda:1:2", "cuda:٣"])
def test_a_device_number_must_be_a_number(name):
    """cuda:N only with N a number (torch's RuntimeError for "cuda:abc" was no message for bad
    input); cpu, cuda and cuda:N in any case are kept."""
    assert "unknown device" in _refusal(lambda: check_device(name))
    _refusal(lambda: RunConfig(device=name))
    assert [check_device(n) for n in ("CPU", "cuda", "CUDA:1", "cuda:10")] == [
        "cpu", "cuda", "cuda:1", "cuda:10"]


def test_learning_rates_built_in_python_are_numbers():
    """RunConfig(lrs=...) refuses what from_dict and --set refuse: a string (a bare TypeError)
    and a bool (read as a rate of 1.0)."""
    for lrs, words in ((("0.1",), "lrs[0] must be a number, got '0.1' (str)"),
                       ((0.1, True), "lrs[1] must be a number, got True (bool)")):
        assert words in _refusal(lambda lrs=lrs: RunConfig(lrs=lrs))
    # every member list is checked element by element as from_dict checks it
    assert "data_seeds[1] must be an integer, got 2.0 (float)" in _refusal(
        lambda: RunConfig(data_seeds=(1, 2.0)))
    assert RunConfig(lrs=(0.1, 1)).lrs == (0.1, 1.0)


# Every limit at its edge and every refusal once (the audit's survivors: no test reached them).
# Each entry: what a user builds, and words the one-line refusal holds.
REFUSED = [
    ("a plan of exactly 2^62 bytes, even forced", lambda: cfgmod.check_fits_memory(
        cfgmod.UNADDRESSABLE_BYTES, "this plan", "shrink it", force=True),
     "any machine can address"),
    ("a device 'cudax'", lambda: check_device("cudax"), "unknown device"),
    ("a confidence of 1", lambda: cfgmod.check_confidence(1.0), ""),
    ("rates that print alike", lambda: cfgmod.check_learning_rates([0.03, 0.03000001]),
     "print alike"),
    ("a data seed of 2^63", lambda: DataConfig(seed=2**63), ""),
    ("an init seed of 2^63", lambda: ModelConfig(init_seed=2**63), ""),
    ("an ensemble of True", lambda: RunConfig(ensemble=True), ""),
    ("a sequence length of 1", lambda: DataConfig(seq_len=1), ""),
    ("a table beside another data kind", lambda: DataConfig(table="0110"), "needs data.kind"),
    ("one class", lambda: DataConfig(classes=1), ""),
    ("2^24 + 1 classes", lambda: DataConfig(classes=2**24 + 1), ""),
    ("a negative n_test", lambda: DataConfig(n_test=-1), ""),
    ("29 Boolean inputs", lambda: DataConfig(kind="boolean", inputs=29), ""),
    ("17 Boolean outputs", lambda: DataConfig(kind="boolean", outputs=17), ""),
    ("a seq2seq prior of one class", lambda: DataConfig(
        kind="seq2seq", label_prior="exponential", alpha=1e6, classes=4), "one class"),
    ("a transformer of depth 0", lambda: ModelConfig(kind="transformer", depth=0), ""),
    ("depth 1001", lambda: ModelConfig(depth=1001), ""),
    ("0 heads", lambda: ModelConfig(heads=0), ""),
    ("an MLP ratio of 0", lambda: ModelConfig(mlp_ratio=0), ""),
    ("10^6 + 1 log rows", lambda: TrainConfig(steps=999999, log_every=1), ""),
    ("train.lr 2e30", lambda: TrainConfig(lr=2e30), "at most"),
    ("train.lr 0.75·2^-126", lambda: TrainConfig(lr=0.75 * 2.0**-126), "at least"),
    ("a negative weight decay", lambda: TrainConfig(weight_decay=-0.1), ""),
    ("a weight decay of 1e31", lambda: TrainConfig(weight_decay=1e31), ""),
    ("a beta of 1", lambda: TrainConfig(betas=(1.0, 0.999)), ""),
    ("a bool for an integer field", lambda: cfgmod.check_value_type("model.width", True, int),
     ""),
    ("a bool for a float field", lambda: cfgmod.check_value_type("train.lr", True, float), ""),
    ("tables that are not strings", lambda: RunConfig(data=DataConfig(kind="boolean"),
                                                      tables=(110, 101)),
     "tables[0] must be a string, got 110 (int)"),
    ("a member rate of 1e-39", lambda: RunConfig(lrs=(1e-39,)), "at least"),
    ("a member rate of 1e31", lambda: RunConfig(lrs=(1e31,)), "at most"),
    ("a width of 0", lambda: RunConfig(widths=(0, 4)), "positive"),
    ("init seeds past 2^63 - 1", lambda: RunConfig(
        ensemble=3, model=ModelConfig(init_seed=2**63 - 2)), ""),
    ("transformer members of two widths", lambda: RunConfig(
        model=ModelConfig(kind="transformer"), data=DataConfig(kind="tokens"), widths=(4, 8)),
     "share one width"),
    ("a key three parts deep", lambda: cfgmod.parse_overrides(["train.lr.x=1"]), "too deep"),
    ("keys under a field that takes a value", lambda: cfgmod.parse_overrides(
        ["ensemble=3", "ensemble.x=1"]), "'ensemble' takes a value, not keys"),
    ("an update that is not a dict", lambda: load_config(update=5), "update must be a dict"),
    ("data.seed beside data_seeds", lambda: load_config(
        overrides=["data.seed=5", "data_seeds=[1,2]"]), "data_seeds gives"),
    ("data.function beside member tables", lambda: load_config(
        preset="boolean-small",
        overrides=['tables=["0110","1001","0001","0111"]', 'data.function="parity"']),
     "data.function"),
]


@pytest.mark.parametrize("what, build, words", REFUSED, ids=[r[0] for r in REFUSED])
def test_each_limit_and_check_refuses_in_one_line(what, build, words):
    assert words in _refusal(build)


def test_each_limit_holds_its_edge():
    """The accepted side of the edges above: a success rate of 1, a seed of −2^63, 2^24
    classes, a power-law α of 0, 28 inputs and 16 outputs, an MLP of depth 0 and of 1 000,
    10^6 log rows, init seeds up to 2^63 − 1."""
    assert cfgmod.check_success_rate(1.0) == 1.0
    assert DataConfig(seed=-(2**63)).seed == -(2**63)
    assert DataConfig(classes=2**24).classes == 2**24
    assert DataConfig(label_prior="power_law", alpha=0.0).alpha == 0.0
    assert DataConfig(kind="boolean", inputs=28).inputs == 28
    assert DataConfig(kind="boolean", outputs=16).outputs == 16
    assert ModelConfig(depth=0).depth == 0 and ModelConfig(depth=1000).depth == 1000
    assert TrainConfig(steps=999998, log_every=1).log_rows == 10**6
    assert RunConfig(ensemble=2, model=ModelConfig(init_seed=2**63 - 2)).size == 2


def test_what_a_config_writes_and_reads(tmp_path):
    """clip_bits survives to_dict and from_dict; an MLP's dict holds no model.kind (docs); a
    --set value TOML cannot parse is stripped (`data.table= 1001 `); a JSON file with keys
    beside config and versions is not a run's config.json."""
    clipped = RunConfig(train=TrainConfig(clip_bits=True))
    assert RunConfig.from_dict(clipped.to_dict()).train.clip_bits is True
    assert "kind" not in RunConfig().to_dict()["model"]
    assert cfgmod.parse_overrides(["data.table= 1001 "])["data"]["table"] == "1001"
    assert cfgmod.parse_overrides(["data.table= 0110 ", "data.kind= boolean"])["data"] == {
        "table": "0110", "kind": "boolean"}  # bare words too (not TOML: kept their spaces)
    other = tmp_path / "c.json"
    other.write_text(json.dumps({"config": {}, "other": 1}))
    assert "not a run folder" in _refusal(lambda: cfgmod.read_config_file(other))
