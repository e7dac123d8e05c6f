"""Checks of a sweep folder's files (empirical.sweeps.integrity) that a mutation audit found
untested (2026-12-07). The schema checks matter where no checksum covers a group file (a
manifest of an older memcap, or one being rebuilt): each damage below must be named, not read.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from capacity.errors import UsageError
from empirical.sweeps.driver import _labels as driver_labels
from empirical.sweeps.driver import group_runs, run_sweep
from empirical.sweeps.integrity import GroupRecord, _same_text, check_sweep, schema_problem
from empirical.sweeps.spec import SweepSpec

SPEC = SweepSpec.from_dict({"base": {"train": {"steps": 4, "log_every": 2}},
                            "grid": [{"field": "model.width", "values": [3, 5]}], "seeds": [0]})


@pytest.fixture(scope="module")
def finished(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sweep") / "s"
    run_sweep(SPEC, out)
    return out


@pytest.fixture
def sweep(finished, tmp_path) -> Path:
    shutil.copytree(finished, tmp_path / "s", symlinks=True)
    return tmp_path / "s"


def _labels(group):
    return driver_labels(SPEC.runs(), group)  # the columns the driver writes for each run


def _verdict(out: Path, **kw):
    check = check_sweep(out, group_runs(SPEC.runs()), _labels, **kw)
    return check.manifest, [(g.status, g.problem) for g in check.groups]


def _edited(out: Path, column: str, value: str, row: int = 1) -> bytes:
    """The group file with one cell of data row ``row`` replaced."""
    lines = (out / "runs" / "group-0000.csv").read_text().splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    cells = lines[row].split(",")
    cells[header.index(column)] = value
    lines[row] = ",".join(cells)
    return "".join(lines).encode()


def _problem(data: bytes) -> str | None:
    group = group_runs(SPEC.runs())[0]
    return schema_problem(data, 0, group.config, _labels(group))


@pytest.mark.parametrize("column, value, words", [
    ("data_seed", "9267", "its data_seed values for run 0 are not the spec's"),  # one off
    ("init_seed", "1208", "its init_seed values for run 0 are not the spec's"),  # one row
    ("train_loss", "junk", "its train_loss column is not numeric"),
])
def test_a_wrong_cell_in_a_group_file_is_named(sweep, column, value, words):
    assert _problem(_edited(sweep, column, value)) == words


def test_a_group_file_with_rows_added_blank_or_out_of_order_is_damaged(sweep):
    lines = (sweep / "runs" / "group-0000.csv").read_bytes().splitlines(keepends=True)
    assert _problem(b"".join(lines)) is None  # the file as written passes
    assert _problem(b"".join(lines) + lines[-1]) == ("it has 7 rows, expected 6 (2 runs x 3 "
                                                     "logged steps)")
    assert _problem(b"".join([lines[0], lines[2], lines[1], *lines[3:]])) == (
        "run 0 does not have the logged steps [0, 2, 4]")  # two steps swapped
    assert _problem(b"  \n\n") == "it is empty"


def test_a_manifest_entry_with_a_key_memcap_does_not_write_is_malformed(sweep):
    manifest = json.loads((sweep / "manifest.json").read_text())
    manifest["groups"]["0"]["note"] = "x"
    (sweep / "manifest.json").write_text(json.dumps(manifest))
    assert _verdict(sweep) == ("current", [("damaged", "its manifest entry is malformed")])


@pytest.mark.parametrize("text", [
    "[" * 100_000 + "]" * 100_000,  # RecursionError in the JSON reader
    json.dumps({"groups": {"0": [0, 1]}, "spec": {}}),  # an old manifest never had a spec
    json.dumps({"format": "memcap.sweep-manifest/2", "groups": {"\u0660": {}}}),  # Arabic 0
])
def test_a_manifest_memcap_did_not_write_is_unreadable_and_rebuilt(sweep, text):
    (sweep / "manifest.json").write_text(text)
    manifest, groups = _verdict(sweep, rebuild=True)
    assert manifest == "unreadable" and groups == [("ok", None)]  # the file itself checks out


def test_a_dangling_link_in_place_of_a_sweep_file_is_refused(sweep):
    (sweep / "summary.csv").unlink()
    os.symlink(sweep / "nowhere", sweep / "summary.csv")
    with pytest.raises(UsageError, match="'summary.csv' is not a regular file"):
        _verdict(sweep)


def test_text_values_compare_as_lists_of_the_same_length():
    assert _same_text("[0.9, 0.99]", [0.9, 0.99])
    assert not _same_text("[0.9, 0.99, 0.5]", [0.9, 0.99])
    assert not _same_text("[0.9]", [0.9, 0.99])


def test_a_group_record_may_hold_zero_rows_but_not_fewer():
    assert GroupRecord.from_dict({"run_ids": [], "rows": 0, "sha256": "0" * 64}).rows == 0
    with pytest.raises(ValueError):
        GroupRecord.from_dict({"run_ids": [], "rows": -1, "sha256": "0" * 64})
