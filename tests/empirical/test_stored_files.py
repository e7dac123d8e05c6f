"""Files memcap wrote before 2026-12-01 still read back: their configs hold every data field,
which a config given today may not set (the data kind does not read it). The files in
``data/`` were written by commit 8726ca6 (a sweep of ``data/old_sweep.toml``, a memory curve,
a run's config.json)."""

import json
import shutil
from pathlib import Path

import pytest
from memcap_cli import memcap_main

from capacity.errors import UsageError
from empirical.engine.config import RunConfig
from empirical.memory.curve import MemoryCurve

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def old_sweep(tmp_path):
    out = tmp_path / "old_sweep"
    shutil.copytree(DATA / "old_sweep", out)
    return out


def test_the_fixtures_hold_fields_that_are_refused_today():
    """Otherwise these tests would prove nothing."""
    spec = json.loads((DATA / "old_sweep" / "spec.json").read_text())["spec"]
    assert "inputs" in spec["base"]["data"] and spec["base"]["data"]["kind"] == "random"
    with pytest.raises(ValueError, match="data.function is not used"):
        RunConfig.from_dict(spec["base"])


def test_an_old_sweep_resumes_without_training_and_reports(old_sweep, capsys):
    before = (old_sweep / "metrics.csv").read_bytes()
    code, out, err = memcap_main(capsys, "sweep", DATA / "old_sweep.toml", "--out", old_sweep,
                                 "--json")
    assert code == 0, err
    assert json.loads(out)["trained_groups"] == 0  # it was "holds a different sweep spec"
    assert (old_sweep / "metrics.csv").read_bytes() == before
    code, out, err = memcap_main(capsys, "report", old_sweep)
    assert code == 0, err  # it was "data.function is not used when data.kind = 'random'"


def test_an_old_memory_curve_and_run_config_read_back():
    curve = MemoryCurve.from_dict(json.loads((DATA / "old_memory.json").read_text()))
    assert curve.config.data.kind == "random" and len(curve.ns) > 1
    cfg = json.loads((DATA / "old_run_config.json").read_text())["config"]
    assert RunConfig.from_dict(cfg, stored=True).to_dict()["data"].keys() <= set(cfg["data"])


def _written(tmp_path):
    from capacity.atomic_files import write_folder

    def writer(tmp):
        (tmp / "config.json").write_text("{}")
        (tmp / "search.json").write_text("{}")

    out = tmp_path / "run"
    write_folder(out, writer)
    return out, writer


def test_overwrite_keeps_a_user_folder_put_where_a_listed_file_was(tmp_path):
    """A listed file replaced by a user's folder was read as "config.json/**", everything in
    it memcap's, and --overwrite deleted the user's data (2026-12-04 CLI fuzz)."""
    from capacity.atomic_files import write_folder

    out, writer = _written(tmp_path)
    (out / "config.json").unlink()
    (out / "config.json").mkdir()
    (out / "config.json" / "data.txt").write_text("precious")
    with pytest.raises(UsageError, match="memcap did not write .*config.json/data.txt"):
        write_folder(out, writer, overwrite=True)
    assert (out / "config.json" / "data.txt").read_text() == "precious"


def test_overwrite_keeps_a_dated_copy_shaped_like_an_old_temporary(tmp_path):
    """.search.json.20261204.json had the form of memcap's temporaries (.NAME.XXXXXXXX.suffix)
    and --overwrite deleted it; temporaries carry a memcap- tag now (2026-12-04 CLI fuzz)."""
    from capacity.atomic_files import write_folder

    out, writer = _written(tmp_path)
    (out / ".search.json.20261204.json").write_text("mine")
    with pytest.raises(UsageError, match=r"memcap did not write \('\.search\.json\.20261204"):
        write_folder(out, writer, overwrite=True)
    assert (out / ".search.json.20261204.json").read_text() == "mine"
    (out / ".search.json.20261204.json").unlink()
    (out / ".search.json.memcap-k3j2x7_q.json").write_text("half-written")  # memcap's own
    write_folder(out, writer, overwrite=True)
    assert not (out / ".search.json.memcap-k3j2x7_q.json").exists()
