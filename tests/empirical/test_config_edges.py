"""The run configuration at its edges (the 2026-12-07 mutation audit of
empirical/engine/config.py): a run folder's config.json read back whole, device names,
learning-rate lists built in Python."""

import json

import pytest

from capacity.errors import UsageError
from empirical.engine.config import RunConfig, check_device, load_config


def _refusal(call) -> str:
    with pytest.raises(UsageError) as info:
        call()
    return str(info.value)


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
    for lrs in (("0.1",), (True, 0.1)):
        assert "lrs must be numbers" in _refusal(lambda lrs=lrs: RunConfig(lrs=lrs))
    assert RunConfig(lrs=(0.1, 1)).lrs == (0.1, 1.0)
