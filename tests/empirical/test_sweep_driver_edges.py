"""The sweep driver (empirical.sweeps.driver) at edges a mutation audit found untested
(2026-12-07): a spec.json holding no spec, a copied spec.json beside a user's file, the progress a
group reports, the order of metrics.csv, the note a rebuilt manifest sends. Each test failed on
its mutant."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from capacity.atomic_files import mark_folder
from capacity.errors import UsageError
from empirical.sweeps.driver import _spec_file, run_sweep, stored_spec, sweep_plan
from empirical.sweeps.spec import SweepSpec

SPEC = SweepSpec.from_dict({"base": {"train": {"steps": 4, "log_every": 2}},
                            "grid": [{"field": "model.width", "values": [3, 5]}], "seeds": [0]})


def test_a_spec_file_whose_spec_is_not_a_table_is_damaged(tmp_path):
    (tmp_path / "spec.json").write_text(json.dumps({"spec": [1, 2]}))
    assert stored_spec(tmp_path / "spec.json") is None
    mark_folder(tmp_path, ["spec.json"])
    with pytest.raises(UsageError, match="has a missing or damaged spec.json"):
        sweep_plan(SPEC, tmp_path)


def test_a_copied_spec_beside_a_users_file_in_an_unmarked_folder_is_not_resumed(tmp_path):
    (tmp_path / "spec.json").write_text(_spec_file(SPEC))
    (tmp_path / "metrics.csv").write_text("the user's own table\n")
    with pytest.raises(UsageError, match="holds 'metrics.csv' but no .memcap-folder file"):
        sweep_plan(SPEC, tmp_path)
    assert (tmp_path / "metrics.csv").read_text() == "the user's own table\n"


def test_a_group_reports_its_steps_between_the_ends_and_metrics_are_by_run_then_step(tmp_path):
    seen: list = []
    out = tmp_path / "s"
    run_sweep(SPEC, out, progress=lambda done, total: seen.append(done))
    assert seen == [0, 1.0, 2]  # inside the group a fraction, never the whole group unsaved
    rows = pd.read_csv(out / "metrics.csv")[["run_id", "step"]].values.tolist()
    assert rows == [[0, 0], [0, 2], [0, 4], [1, 0], [1, 2], [1, 4]]


def test_resuming_over_a_damaged_manifest_says_it_rebuilt_it(tmp_path):
    spec = SweepSpec.from_dict({"base": {"train": {"steps": 2, "log_every": 1}},
                                "grid": [{"field": "model.width", "values": [3, 5]}],
                                "seeds": [0]})
    out = tmp_path / "s"
    run_sweep(spec, out)
    (out / "manifest.json").write_text("not json")
    notes: list[str] = []
    assert run_sweep(spec, out, notify=notes.append)["manifest"] == "rebuilt"
    assert len(notes) == 1 and "manifest.json' is damaged (it is not JSON)" in notes[0]
    assert json.loads((out / "manifest.json").read_text())["groups"]  # written anew


def test_overwrite_keeps_the_complete_sweep_not_a_stale_set_aside_one(tmp_path):
    """A finished sweep beside a set-aside folder that a kill kept from being deleted: an
    --overwrite interrupted before it completes must have kept the finished sweep (complete
    contents replace the stale folder), not the stale one (mutation audit D28, 2026-12-07)."""
    from capacity.atomic_files import REPLACED, record_entries

    out = tmp_path / "s"
    run_sweep(SPEC, out)
    finished = (out / "summary.csv").read_bytes()
    record_entries(out, [f"{REPLACED}/**"])
    (out / REPLACED).mkdir()
    (out / REPLACED / "summary.csv").write_text("a stale result")

    def interrupt(done, total):
        raise KeyboardInterrupt

    other = SweepSpec.from_dict({"base": {"train": {"steps": 4, "log_every": 2}},
                                 "grid": [{"field": "model.width", "values": [4, 6]}],
                                 "seeds": [0]})
    with pytest.raises(KeyboardInterrupt):
        run_sweep(other, out, overwrite=True, progress=interrupt)
    assert (out / REPLACED / "summary.csv").read_bytes() == finished
