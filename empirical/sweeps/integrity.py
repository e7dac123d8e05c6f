"""Integrity of a sweep folder: the manifest's per-group checksums and a schema check per group.

``manifest.json`` (format :data:`MANIFEST_FORMAT`) records, for every finished group, its run ids,
its row count and the SHA-256 of the exact bytes of ``runs/group-NNNN.csv``, and (since
2026-12-04) the spec its groups were trained under::

    {"format": "memcap.sweep-manifest/2",
     "groups": {"0": {"run_ids": [0, 1], "rows": 10, "sha256": "9f86d0..."}, ...},
     "spec": {"name": "...", "base": {...}, "grid": [...], ...}}

A checksum cannot see a ``spec.json`` edited after the sweep (a base setting such as
``train.lr`` changes no run id, seed or logged step, so the schema check passes too): the
results would be resumed and reported under the edited settings. Where the manifest has its
``spec``, every group it lists is damaged unless that spec trains what ``spec.json`` trains
(the caller's ``same_spec``); manifests written before it have none and are read as before.

:func:`check_sweep` classifies every group of a sweep as ``ok`` (its bytes are trusted and
returned), ``unfinished`` (never finished: not in the manifest) or ``damaged`` (with the reason):

- a group in a current manifest is ok only when its file exists, its bytes have the recorded
  SHA-256 and the recorded run ids are the spec's; anything else is damage;
- the old manifest (``{"groups": {"0": [0, 1]}}``, no checksums) is still read: each listed
  group is re-validated by :func:`schema_problem` (exact columns, integer ids equal to the
  group's, every run's logged steps, labels equal to the spec's) and is ok (a new record is made
  from its bytes) or damaged;
- a manifest that is not JSON or not in either format is refused by a reader
  (``rebuild=False``: ``memcap report``); a writer (``rebuild=True``: ``memcap sweep``) rebuilds
  it from the group files instead, keeping those that pass the schema check.

A schema check cannot see a changed number inside a well-formed file; the checksum can, so it is
the check wherever the manifest has one. This module does not import torch.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import io
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from capacity.atomic_files import MARKER, atomic_write_text
from capacity.errors import UsageError
from empirical.engine.config import RunConfig

__all__ = ["MANIFEST_FORMAT", "REPORT_FILES", "REPORT_RECORD", "SWEEP_FILES", "GroupRecord",
           "GroupState",
           "SweepCheck", "check_entries_are_files", "check_sweep", "engine_columns",
           "expected_steps", "group_file", "is_group_file", "make_record", "schema_problem",
           "write_manifest"]

#: Format tag of the current manifest (with checksums); the old one has no ``format`` key.
MANIFEST_FORMAT = "memcap.sweep-manifest/2"

#: What the engine logs per member, in ``empirical.engine.run.metrics_frame`` column order
#: (``l2_layer0..`` follow ``weight_l2``); a test checks it against a trained group's file.
_ENGINE_HEAD = ("init_seed", "data_seed", "width", "step")
_ENGINE_LOGGED = ("train_loss", "train_acc", "test_loss", "test_acc", "weight_l2",
                  "memorised_count", "memorised_bits", "mi_bits", "active")
_INTEGER = ("run_id", "group", "seed", "init_seed", "data_seed", "width", "step")


def group_file(out: str | Path, index: int) -> Path:
    """Path of group ``index``'s file in sweep folder ``out``.

    Parameters
    ----------
    out : str or pathlib.Path
        The sweep folder.
    index : int
        The group's index.

    Returns
    -------
    pathlib.Path
        ``out/runs/group-NNNN.csv``.

    Examples
    --------
    >>> group_file("s", 3).as_posix()
    's/runs/group-0003.csv'
    """
    return Path(out) / "runs" / f"group-{index:04d}.csv"


@dataclass(frozen=True)
class GroupRecord:
    """A manifest entry: the group's run ids, its row count and the SHA-256 of its file.

    Examples
    --------
    >>> r = make_record([0, 1], b"x", 2)
    >>> r.run_ids, r.rows, len(r.sha256)
    ((0, 1), 2, 64)
    >>> GroupRecord.from_dict(r.to_dict()) == r
    True
    >>> GroupRecord.from_dict({"run_ids": [0], "rows": -1, "sha256": r.sha256})
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: malformed manifest entry
    """

    run_ids: tuple[int, ...]
    rows: int
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        """The manifest entry as JSON-ready data (run ids as a list).

        Examples
        --------
        >>> r = make_record([4, 5], b"x", 10)
        >>> d = r.to_dict()
        >>> d["run_ids"], d["rows"], d["sha256"] == r.sha256
        ([4, 5], 10, True)
        """
        return {"run_ids": list(self.run_ids), "rows": self.rows, "sha256": self.sha256}

    @classmethod
    def from_dict(cls, d: Any) -> GroupRecord:
        """Read an entry; ValueError if it is not one.

        Examples
        --------
        >>> r = GroupRecord.from_dict({"run_ids": [4, 5], "rows": 10, "sha256": "0" * 64})
        >>> r.run_ids, r.rows
        ((4, 5), 10)
        >>> GroupRecord.from_dict({"run_ids": [4, 5], "rows": 10})   # no checksum
        Traceback (most recent call last):
        ...
        capacity.errors.UsageError: malformed manifest entry
        """
        if (not isinstance(d, dict) or set(d) != {"run_ids", "rows", "sha256"}
                or not _int_list(d["run_ids"]) or not _is_int(d["rows"]) or d["rows"] < 0
                or not isinstance(d["sha256"], str) or len(d["sha256"]) != 64):
            raise UsageError("malformed manifest entry")
        return cls(tuple(d["run_ids"]), d["rows"], d["sha256"])


def make_record(run_ids, data: bytes, rows: int) -> GroupRecord:
    """The manifest entry of a group file holding ``data`` (``rows`` table rows).

    Parameters
    ----------
    run_ids : iterable of int
        The group's run ids.
    data : bytes
        The file's contents (hashed with SHA-256).
    rows : int
        Its number of table rows.

    Returns
    -------
    GroupRecord
        The run ids, row count and hash.

    Examples
    --------
    >>> make_record([0, 1], b"x", 2).sha256[:12]
    '2d711642b726'
    """
    return GroupRecord(tuple(int(i) for i in run_ids), int(rows), hashlib.sha256(data).hexdigest())


def write_manifest(out: str | Path, records: dict[int, GroupRecord],
                   spec: dict[str, Any] | None = None) -> None:
    """Write ``out/manifest.json`` (current format, groups in index order) atomically.

    Parameters
    ----------
    out : str or Path
        The sweep folder (it must exist); an existing manifest is replaced whole.
    records : dict of int to GroupRecord
        The finished groups by index (:func:`make_record`); written with string keys, in
        index order, under :data:`MANIFEST_FORMAT`.
    spec : dict, optional
        The spec (``SweepSpec.to_dict()``) the groups were trained under, recorded so that a
        ``spec.json`` edited afterwards is caught (module notes); None records none.

    Examples
    --------
    >>> import json, tempfile
    >>> tmp = tempfile.TemporaryDirectory(); d = Path(tmp.name)
    >>> write_manifest(d, {1: make_record([2, 3], b"b", 4), 0: make_record([0, 1], b"a", 4)})
    >>> m = json.loads((d / "manifest.json").read_text())
    >>> m["format"], list(m["groups"]), m["groups"]["1"]["run_ids"], m["groups"]["1"]["rows"]
    ('memcap.sweep-manifest/2', ['0', '1'], [2, 3], 4)
    >>> tmp.cleanup()
    """
    manifest: dict[str, Any] = {"format": MANIFEST_FORMAT,
                                "groups": {str(i): records[i].to_dict() for i in sorted(records)}}
    if spec is not None:
        manifest["spec"] = spec
    text = json.dumps(manifest, indent=1)
    atomic_write_text(Path(out) / "manifest.json", text + "\n")


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _int_list(v: Any) -> bool:
    return isinstance(v, list) and all(_is_int(i) for i in v)


def expected_steps(cfg: RunConfig) -> list[int]:
    """The steps the engine logs for every member of ``cfg`` (0, every ``log_every``, last).

    Examples
    --------
    >>> expected_steps(RunConfig().override(["train.steps=5", "train.log_every=2"]))
    [0, 2, 4, 5]
    """
    t = cfg.train
    return sorted(set(range(0, t.steps + 1, t.log_every)) | {t.steps})


def engine_columns(cfg: RunConfig) -> list[str]:
    """The engine's columns of a group file (after the run labels), for ``cfg``'s model: one
    ``l2_layerI`` per parameter group, ``depth + 1`` weight layers of an MLP, ``depth + 2``
    groups of a transformer (embeddings, blocks, final LayerNorm and head).

    Examples
    --------
    >>> engine_columns(RunConfig().override(["model.depth=1"]))[4:11]
    ['train_loss', 'train_acc', 'test_loss', 'test_acc', 'weight_l2', 'l2_layer0', 'l2_layer1']
    """
    layers = cfg.model.depth + (2 if cfg.model.kind == "transformer" else 1)
    logged = []
    for name in _ENGINE_LOGGED:
        logged.append(name)
        if name == "weight_l2":
            logged += [f"l2_layer{i}" for i in range(layers)]
    return [*_ENGINE_HEAD, *logged]


def _same(a: Any, b: Any) -> bool:
    if isinstance(b, bool) or isinstance(a, bool | str) or isinstance(b, str):
        return a == b
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=0.0)
    except (TypeError, ValueError):
        return False


def _same_text(text: str, value: Any) -> bool:
    """Whether a label cell as the CSV holds it (``text``, read as a string) is the spec's
    ``value``: a string as is (a table ``"0110"``, which pandas would read as 110), a list as the
    text pandas wrote for it (``train.betas``: ``"[0.9, 0.99]"``), a number up to rounding.

    Examples
    --------
    >>> _same_text("0110", "0110"), _same_text("110", "0110")
    (True, False)
    >>> _same_text("[0.9, 0.99]", [0.9, 0.99]), _same_text("[0.9, 0.99]", [0.9, 0.999])
    (True, False)
    >>> _same_text("1e-07", 1e-7), _same_text("True", True), _same_text("4", 5)
    (True, True, False)
    """
    if isinstance(value, str):
        return text == value
    if isinstance(value, list | tuple):
        try:
            items = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return False
        return (isinstance(items, list | tuple) and len(items) == len(value)
                and all(_same(x, y) for x, y in zip(items, value, strict=True)))
    if isinstance(value, bool):
        return text == str(value)
    try:
        return math.isclose(float(text), float(value), rel_tol=1e-12, abs_tol=0.0)
    except (TypeError, ValueError):
        return False


def schema_problem(data: bytes, index: int, cfg: RunConfig, labels: list[dict[str, Any]]
                   ) -> str | None:
    """Why ``data`` is not group ``index``'s file (None if it passes the schema check).

    ``cfg`` is the group's ensemble config and ``labels`` its members' ``{"run_id", "seed",
    params...}`` dicts, in member order. Checked: it parses; exactly the columns the driver
    writes, in order; one row per member × logged step, in order; integer ``run_id``, ``group``,
    ``seed``, seeds, widths and steps equal to the spec's; the grid values equal to the spec's;
    numeric logged values.

    Parameters
    ----------
    data : bytes
        The file's contents.
    index : int
        The group's index (its ``group`` column).
    cfg : RunConfig
        The group's ensemble config.
    labels : list of dict
        The members' labels, in member order; their keys are the label columns.

    Returns
    -------
    str or None
        The first problem found, as a clause about the file (``it is empty``), or None.

    Examples
    --------
    >>> cfg = RunConfig().override(["train.steps=1", "train.log_every=1"])
    >>> schema_problem(b"", 0, cfg, [{"run_id": 0, "seed": 0}])
    'it is empty'
    """
    if not data.strip():
        return "it is empty"
    label_cols = list(labels[0])
    columns = [label_cols[0], "group", *label_cols[1:], *engine_columns(cfg)]
    # the header first, as text: pandas took minutes to parse a 200 KB header of garbage
    # (renaming its duplicate columns) before this check refused it (sweep review, 2026-12-05)
    # any line ending (pandas reads a file of bare CRs), a byte-order mark dropped as pandas does
    first = re.split(rb"\r\n|\r|\n", data, maxsplit=1)[0].decode("utf-8-sig", errors="replace")
    try:
        header = next(csv.reader([first]), [])
    except csv.Error as exc:  # a quote left open on the header line
        return f"its header does not parse as CSV ({str(exc)[:80]})"
    if header == columns:
        try:
            df = pd.read_csv(io.BytesIO(data))
        except ValueError as exc:  # pandas' ParserError / EmptyDataError / decoding errors
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            return f"it does not parse as CSV ({first[:80]})"
    if header != columns or list(df.columns) != columns:
        found = header if header != columns else list(df.columns)
        extra = [c for c in dict.fromkeys(found) if c not in columns]
        missing = [c for c in columns if c not in found]
        what = "; ".join(x for x in (f"unexpected columns {_names(extra)}" if extra else "",
                                     f"missing columns {_names(missing)}" if missing else "")
                         if x)
        return f"its columns are not the sweep's ({what or 'wrong order'})"
    steps = expected_steps(cfg)
    members = cfg.members()
    if len(df) != len(labels) * len(steps):
        return (f"it has {len(df)} rows, expected {len(labels) * len(steps)} "
                f"({len(labels)} runs x {len(steps)} logged steps)")
    for col in _INTEGER:
        if not pd.api.types.is_integer_dtype(df[col]):
            return f"its {col} column is not integer ({df[col].dtype})"
    for col in columns:
        if col not in _INTEGER and col not in label_cols and not (
                pd.api.types.is_numeric_dtype(df[col]) or pd.api.types.is_bool_dtype(df[col])):
            return f"its {col} column is not numeric"
    n = len(steps)
    if (df["group"] != index).any():
        return f"its group column is not {index}"
    # the grid values as written, not as pandas guesses their type ("0110" read as 110)
    text = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, usecols=label_cols)
    for k, (lab, (init_seed, data_seed, width)) in enumerate(zip(labels, members, strict=True)):
        part, raw = df.iloc[k * n:(k + 1) * n], text.iloc[k * n:(k + 1) * n]
        for col, value in lab.items():
            if not all(_same_text(v, value) for v in raw[col].tolist()):
                return f"its {col} values for run {lab['run_id']} are not the spec's"
        # a linear model's results say width 0 (cfg.hidden_width); its configured width is
        # what memcap wrote there until 2026-12-06, and such finished groups stay intact
        widths = {cfg.hidden_width(width), width}
        for col, values in {"init_seed": {init_seed}, "data_seed": {data_seed},
                            "width": widths}.items():
            if not all(any(_same(v, value) for value in values) for v in part[col].tolist()):
                return f"its {col} values for run {lab['run_id']} are not the spec's"
        if part["step"].tolist() != steps:
            return f"run {lab['run_id']} does not have the logged steps {steps}"
    return None


@dataclass(frozen=True)
class GroupState:
    """One group's verdict: ``status`` ``ok`` (``data`` and ``record`` set), ``unfinished`` or
    ``damaged`` (``problem`` says why, naming the file); ``how`` is ``checksum`` or ``schema``.

    Examples
    --------
    >>> import tempfile
    >>> from empirical.sweeps.driver import group_runs
    >>> from empirical.sweeps.spec import SweepSpec
    >>> spec = SweepSpec.from_dict({"grid": [{"field": "model.width", "values": [3, 5]}]})
    >>> tmp = tempfile.TemporaryDirectory()   # a sweep folder before its first group is written
    >>> state, = check_sweep(tmp.name, group_runs(spec.runs()), lambda group: []).groups
    >>> state.index, state.status, state.problem, state.record
    (0, 'unfinished', None, None)
    >>> tmp.cleanup()
    """

    index: int
    status: str
    problem: str | None = None
    data: bytes | None = None
    record: GroupRecord | None = None
    how: str | None = None


@dataclass(frozen=True)
class SweepCheck:
    """All groups' verdicts and the manifest's: ``manifest`` is ``missing``, ``current``,
    ``old`` (re-validated by schema) or ``unreadable`` (``manifest_problem`` says why).

    Examples
    --------
    >>> ok = GroupState(0, "ok", data=b"x", record=make_record([0, 1], b"x", 2), how="checksum")
    >>> lost = GroupState(1, "damaged", problem="runs/group-0001.csv is missing", how="checksum")
    >>> check = SweepCheck("current", (ok, lost))
    >>> [g.index for g in check.with_status("ok")], check.damage_text()
    ([0], 'group 1 (runs/group-0001.csv is missing)')
    """

    manifest: str
    groups: tuple[GroupState, ...]
    manifest_problem: str | None = None
    #: spec.json differs from the spec the manifest recorded (edited after the sweep)
    spec_edited: bool = False

    def with_status(self, status: str) -> list[GroupState]:
        """The groups whose ``status`` is ``status`` (``ok``, ``unfinished`` or ``damaged``), in
        index order.

        Examples
        --------
        >>> check = SweepCheck("current", (GroupState(0, "unfinished"), GroupState(1, "ok"),
        ...                                GroupState(2, "unfinished")))
        >>> [g.index for g in check.with_status("unfinished")], check.with_status("damaged")
        ([0, 2], [])
        """
        return [g for g in self.groups if g.status == status]

    def damage_text(self) -> str:
        """``group 1 (runs/group-0001.csv is missing); group 3 (...)``.

        Examples
        --------
        >>> check = SweepCheck("current", (
        ...     GroupState(1, "damaged", problem="runs/group-0001.csv is missing"),
        ...     GroupState(2, "ok"),
        ...     GroupState(3, "damaged", problem="runs/group-0003.csv: checksum differs")))
        >>> check.damage_text()
        'group 1 (runs/group-0001.csv is missing); group 3 (runs/group-0003.csv: checksum differs)'
        >>> SweepCheck("current", (GroupState(0, "ok"),)).damage_text()   # nothing damaged
        ''
        """
        return "; ".join(f"group {g.index} ({g.problem})" for g in self.with_status("damaged"))


def _read_manifest(path: Path, indices: set[int]
                   ) -> tuple[str, dict[int, Any], str | None, Any]:
    """``(kind, {index: entry}, problem, spec)``; entries are raw (checked per group later),
    ``spec`` the recorded spec (None when the manifest records none)."""
    if not path.is_file():
        return "missing", {}, None, None
    try:
        d = json.loads(path.read_bytes())
    except (ValueError, RecursionError):
        return "unreadable", {}, "it is not JSON", None
    if not isinstance(d, dict) or not isinstance(d.get("groups"), dict):
        return "unreadable", {}, "it has no groups table", None
    if "format" in d and d["format"] != MANIFEST_FORMAT:
        return "unreadable", {}, f"unknown format {str(d['format'])[:40]!r}", None
    kind = "current" if "format" in d else "old"
    if set(d) - ({"format", "groups", "spec"} if kind == "current" else {"groups"}):
        return "unreadable", {}, "it has unexpected keys", None
    entries = {}
    index_of = {str(i): i for i in indices}  # keys as memcap writes them: int() of a key of
    for key, entry in d["groups"].items():  # 5 000 digits raised ValueError, status 70 (audit)
        if key not in index_of:
            return ("unreadable", {}, f"it lists group {key[:20]!r}, which this sweep does not "
                    "have", None)
        entries[index_of[key]] = entry
    return kind, entries, None, d.get("spec")


#: The sweep's own files at the top of its folder (besides ``runs/`` and the marker).
SWEEP_FILES = ("spec.json", "manifest.json", "metrics.csv", "summary.csv", "summary.json")

#: The file in a sweep folder that records which spec its report was written for and the
#: sha-256 of each of the report's files (``memcap sweep`` keeps a report only when it matches).
REPORT_RECORD = ".memcap-report.json"

#: The files every report (:mod:`empirical.sweeps.report`) writes besides its figures (and,
#: recorded, :data:`REPORT_RECORD`).
REPORT_FILES = ("report.md", "phenomena.json")


def is_group_file(name: str, groups: int) -> bool:
    """Whether ``name`` is the file name of one of a sweep's ``groups`` groups in ``runs/``
    (:func:`group_file`): a user's ``group-0099.csv`` beside a six-group sweep is not.

    Examples
    --------
    >>> is_group_file("group-0005.csv", 6), is_group_file("group-0006.csv", 6)
    (True, False)
    >>> is_group_file("group-5.csv", 6), is_group_file("group-backup.csv", 6)
    (False, False)
    """
    match = re.fullmatch(r"group-(\d+)\.csv", name)
    return (match is not None and int(match[1]) < groups
            and group_file("", int(match[1])).name == name)


#: The fix a damaged sweep folder's refusal names (sweep and report print it; report has no
#: --overwrite of its own, so the advice names the sweep command).
_DAMAGE_FIX = ("move it away, or start again with memcap sweep --overwrite or into another "
               "--out")


def check_entries_are_files(out: str | Path, groups: int) -> None:
    """Refuse (one line, before any training) a sweep folder where one of the sweep's files is
    a folder or another non-file: a folder named ``manifest.json`` or
    ``runs/group-0001.csv`` was reported as "missing", retrained, then ended in I/O error 74
    when it was to be written (sweep review). ``runs`` itself must be a folder, not a link;
    of the names in it only the sweep's ``groups`` group files are its own.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp()); (d / "summary.csv").mkdir()
    >>> check_entries_are_files(d, 1)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: sweep folder '...' is damaged: 'summary.csv' is a folder, not ...
    """
    out = Path(out)
    names = [*SWEEP_FILES, MARKER]
    runs = out / "runs"
    if runs.is_symlink() or (runs.exists() and not runs.is_dir()):  # a link was followed:
        # a resume wrote into (and deleted temporaries in) the folder it named (2026-12-05)
        kind = "a link" if runs.is_symlink() else "not a folder"
        raise UsageError(f"sweep folder {str(out)!r} is damaged: 'runs' is {kind}, not the "
                         f"folder memcap writes there; {_DAMAGE_FIX}")
    if runs.is_dir():  # the sweep's own group files only (a user's group-0099.csv folder
        # beside a one-group sweep was called damage that --overwrite would fix; it refused it)
        names += [f"runs/{f.name}" for f in sorted(runs.iterdir())
                  if is_group_file(f.name, groups)]
    for name in names:
        path = out / name
        if (path.exists() or path.is_symlink()) and not path.is_file():
            kind = "a folder" if path.is_dir() else "not a regular file"
            raise UsageError(f"sweep folder {str(out)!r} is damaged: {name!r} is {kind}, not "
                             f"the file memcap writes there; {_DAMAGE_FIX}")


def check_sweep(out: str | Path, groups, labels_of, rebuild: bool = False,
                same_spec: Callable[[Any], bool] | None = None) -> SweepCheck:
    """Classify every group of the sweep in ``out`` (see the module doc).

    ``groups`` are the spec's :class:`~empirical.sweeps.driver.SweepGroup` s and
    ``labels_of(group)`` their members' label dicts. With ``rebuild=False`` an unreadable
    manifest raises ValueError; with ``rebuild=True`` every group file present is schema-checked
    instead.

    Parameters
    ----------
    out : str or Path
        The sweep folder; one of the sweep's files that is a folder or not a regular file is
        refused first (:func:`check_entries_are_files`).
    groups : list of SweepGroup
        The spec's groups (:func:`~empirical.sweeps.driver.group_runs`), each judged once.
    labels_of : callable
        ``labels_of(group)``: the group's members' ``{"run_id", "seed", params...}`` dicts, in
        member order, for the schema check (:func:`schema_problem`).
    rebuild : bool
        What an unreadable manifest does: False raises (a reader), True schema-checks every
        group file present instead (a writer, which then rebuilds the manifest).
    same_spec : callable, optional
        ``same_spec(recorded)``: whether the spec the manifest records (any JSON value) trains
        what ``spec.json`` trains; where it does not, every group the manifest lists is damaged
        (module notes). None, or a manifest that records no spec: not checked.

    Returns
    -------
    SweepCheck
        The manifest's kind and one :class:`GroupState` per group, in ``groups`` order.

    Examples
    --------
    >>> import tempfile
    >>> from empirical.sweeps.driver import group_runs, run_sweep
    >>> from empirical.sweeps.spec import SweepSpec
    >>> spec = SweepSpec.from_dict({"base": {"train": {"steps": 4, "log_every": 2}},
    ...     "grid": [{"field": "model.width", "values": [3, 5]}], "seeds": [0]})
    >>> tmp = tempfile.TemporaryDirectory(); out = Path(tmp.name) / "s"
    >>> _ = run_sweep(spec, out)
    >>> by_id = {r.run_id: r for r in spec.runs()}
    >>> def labels_of(g):
    ...     return [{"run_id": i, "seed": by_id[i].seed, **by_id[i].params} for i in g.run_ids]
    >>> groups = group_runs(spec.runs())
    >>> check = check_sweep(out, groups, labels_of)
    >>> check.manifest, [(g.index, g.status, g.how) for g in check.groups]
    ('current', [(0, 'ok', 'checksum')])
    >>> check_sweep(out, groups, labels_of, same_spec=lambda recorded: False).damage_text()
    'group 0 (it was trained under another spec than spec.json (was spec.json edited after ...'
    >>> (out / "runs" / "group-0000.csv").unlink()
    >>> check_sweep(out, groups, labels_of).damage_text()
    'group 0 (runs/group-0000.csv is missing)'
    >>> _ = (out / "manifest.json").write_text("{")
    >>> check_sweep(out, groups, labels_of)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: sweep folder '...': manifest.json is damaged (it is not JSON); ...
    >>> check = check_sweep(out, groups, labels_of, rebuild=True)  # no group file: unfinished
    >>> check.manifest, [g.status for g in check.groups]
    ('unreadable', ['unfinished'])
    >>> tmp.cleanup()
    """
    out = Path(out)
    check_entries_are_files(out, len(groups))
    path = out / "manifest.json"
    kind, entries, problem, recorded = _read_manifest(path, {g.index for g in groups})
    edited = recorded is not None and same_spec is not None and not same_spec(recorded)
    if kind == "unreadable" and not rebuild:
        raise UsageError(f"sweep folder {str(out)!r}: manifest.json is damaged ({problem}); "
                         "run the same memcap sweep command (same spec, --out "
                         f"{str(out)!r}) to rebuild it: it keeps the group files that pass a "
                         "schema check and recomputes the others")
    states = []
    for g in groups:
        f = group_file(out, g.index)
        name = f"runs/{f.name}"
        listed = g.index in entries
        if kind == "unreadable" and f.is_file():
            listed = True  # every file present is a candidate
        if not listed:
            states.append(GroupState(g.index, "unfinished"))
            continue
        if edited and kind == "current":  # its bytes may be intact: not under this spec
            states.append(GroupState(g.index, "damaged", "it was trained under another spec "
                                     "than spec.json (was spec.json edited after the sweep?)"))
            continue
        if kind == "current":
            try:
                rec = GroupRecord.from_dict(entries[g.index])
            except ValueError:
                states.append(GroupState(g.index, "damaged", "its manifest entry is malformed"))
                continue
            ids = rec.run_ids
        elif kind == "old":
            ids = entries[g.index]
            ids = tuple(ids) if _int_list(ids) else None
        else:
            ids = tuple(g.run_ids)
        if ids != tuple(g.run_ids):
            states.append(GroupState(g.index, "damaged", f"the manifest lists runs "
                                     f"{_short(ids)}, the spec {_short(g.run_ids)}"))
            continue
        if f.is_symlink():  # read through to a file elsewhere, while a linked runs/ was damage
            states.append(GroupState(g.index, "damaged", f"{name} is a link, not the "
                                     "sweep's own file"))
            continue
        if not f.is_file():
            states.append(GroupState(g.index, "damaged", f"{name} is missing"))
            continue
        data = f.read_bytes()
        if kind == "current" and hashlib.sha256(data).hexdigest() != rec.sha256:
            states.append(GroupState(g.index, "damaged", f"{name} does not match its checksum"))
            continue
        # the schema check against the spec, checksum or not: a file intact by its checksum
        # under a spec.json edited afterwards was reported with the edited spec (2026-12-01)
        why = schema_problem(data, g.index, g.config, labels_of(g))
        if kind == "current":
            rows = len(g.run_ids) * len(expected_steps(g.config))  # the schema check's count
            if why:
                states.append(GroupState(g.index, "damaged", f"{name} is intact but not the "
                                         f"spec's (spec.json changed?): {why}"))
            elif rec.rows != rows:  # never compared until 2026-12-05: a wrong count stayed
                states.append(GroupState(g.index, "damaged", f"its manifest entry says "
                                         f"{rec.rows} rows, {name} has {rows}"))
            else:
                states.append(GroupState(g.index, "ok", data=data, record=rec, how="checksum"))
            continue
        if why:
            states.append(GroupState(g.index, "damaged", f"{name}: {why}"))
        else:
            rows = len(pd.read_csv(io.BytesIO(data)))
            states.append(GroupState(g.index, "ok", data=data, how="schema",
                                     record=make_record(g.run_ids, data, rows)))
    return SweepCheck(kind, tuple(states), problem, spec_edited=edited)


def _names(cols: list) -> str:
    shown = ", ".join(repr(str(c)[:30]) for c in cols[:4])
    return shown + (f" and {len(cols) - 4} more" if len(cols) > 4 else "")


def _short(ids) -> str:
    if ids is None:
        return "(not a list of integers)"
    ids = list(ids)
    return str(ids) if len(ids) <= 6 else f"[{ids[0]}, ..., {ids[-1]}] ({len(ids)})"
