"""The sweep driver: group runs into ensembles, train each group once, persist, resume, assemble.

Runs of a :class:`~empirical.sweeps.spec.SweepSpec` that differ only in hidden width, init seed or
data seed share every tensor shape the engine needs (n_train/n_test, d_in, classes, depth,
optimiser, steps, ...), so they are trained together as ONE ensemble (one
:func:`empirical.engine.run.run_training` call per group; the engine masks padded widths).
Transformer runs group by width too (their ensemble has no width masks): one group per width.
Groups go through an executor (:mod:`empirical.engine.executor`), one group per task.

Sweep folder ``DIR``::

    spec.json          the spec (and package versions); a resume checks it is the same spec
    runs/group-NNNN.csv one file per finished group: its runs' tidy rows (written atomically)
    manifest.json      finished groups: run ids, row count and SHA-256 of each group file
                       (rewritten atomically after each group; empirical.sweeps.integrity)
    metrics.csv        tidy table, one row per run × logged step (assembled from runs/)
    summary.csv        one row per run: grid parameters, seed, derived metrics
                       (empirical.sweeps.metrics)
    summary.json       the same rows as JSON, with the sweep's name, parameter and metrics
    report.md, phenomena.json, one PNG per metric
                       the report (empirical.sweeps.report), which ``memcap sweep`` writes
                       when the sweep completes and ``memcap report`` rewrites

    .memcap-report.json  the spec the report was written for, its files' and tables' sha-256
                       (written with the report): a resume keeps an intact one
    .memcap-folder     memcap's marker (capacity.atomic_files), listing the entries above
    .memcap-lock       the lock a running sweep holds (capacity.atomic_files.folder_lock)
    .memcap-replaced   after --overwrite, the replaced sweep, until this one completes

A killed sweep resumes where it stopped: finished groups (in the manifest and on disk) are not
trained again; the assembled tables are rebuilt from ``runs/`` in run order. Every file is
written atomically (temporary file, fsync, rename), so a kill leaves at most a hidden temporary
file, which the resume deletes; a group file written just before a kill but not yet in the
manifest is trained again and replaced (tested by SIGKILLing a real ``memcap sweep`` process).
A resume compares only what trains (:meth:`~empirical.sweeps.spec.SweepSpec.fingerprint`): a
spec that differs in ``name``, ``metrics`` or ``parameter`` resumes (nothing is trained again)
and its ``spec.json`` and ``summary.csv`` take the new labels. While it runs, a sweep holds an
exclusive lock on its folder; a second sweep (or ``--overwrite``) there is refused.

Damage is never trusted (:mod:`empirical.sweeps.integrity`): a group whose file is missing, fails
its checksum or (old manifests, unreadable manifests) its schema check is recomputed by a resumed
sweep, which says which (``recomputed_groups``); :func:`assemble` (``memcap report``) refuses such
a folder with one line naming the damaged groups and writes nothing.
"""

from __future__ import annotations

import inspect
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from capacity.atomic_files import (
    LOCK,
    MARKER,
    atomic_write_bytes,
    atomic_write_text,
    check_followable,
    check_not_current_folder,
    check_not_locked,
    check_own_entries,
    check_replaceable,
    check_writable,
    discard_set_aside,
    finish_set_aside,
    folder_lock,
    is_memcap_folder,
    json_safe,
    mark_folder,
    record_entries,
    remove_stale_temps,
    set_contents_aside,
)
from capacity.errors import UsageError
from capacity.options import check_integer
from capacity.user_files import parse_json, read_text
from empirical.engine.config import RunConfig
from empirical.engine.executor import InProcessExecutor, check_executor
from empirical.engine.versions import package_versions
from empirical.sweeps.integrity import (
    REPORT_FILES,
    REPORT_RECORD,
    SWEEP_FILES,
    SweepCheck,
    check_entries_are_files,
    check_sweep,
    group_file,
    is_group_file,
    make_record,
    write_manifest,
)
from empirical.sweeps.limits import MAX_SWEEP_RUNS
from empirical.sweeps.metrics import apply_metrics
from empirical.sweeps.spec import SweepRun, SweepSpec, training_fingerprint

__all__ = ["STALE_TEMP_S", "SWEEP_ENTRIES", "SweepGroup", "assemble", "group_runs",
           "remove_sweep_temps", "run_group", "run_sweep", "stored_fingerprint", "stored_spec",
           "summary_json", "sweep_entries", "sweep_folder", "sweep_plan"]

#: The paths a sweep writes into its folder besides its group files
#: (:func:`sweep_entries` adds those): its marker lists them, so ``--overwrite`` refuses a
#: folder where a user added anything else.
SWEEP_ENTRIES = (*SWEEP_FILES, "runs")


def _decimal_patterns(stop: int, width: int, first_min: int = 0) -> list[str]:
    """``fnmatch`` patterns matching exactly the ``width``-digit decimals (zero-padded) below
    ``stop`` whose first digit is at least ``first_min``: the prefixes of ``stop`` followed by
    one smaller digit and any digits after it (``stop = 1235``: ``0[0-9][0-9][0-9]``,
    ``1[0-1][0-9][0-9]``, ``12[0-2][0-9]``, ``123[0-4]``)."""
    if stop >= 10 ** width:
        return [f"[{first_min}-9]" + "[0-9]" * (width - 1)]
    digits, out = str(stop).zfill(width), []
    for i, ch in enumerate(digits):
        if i > 0 and int(digits[0]) < first_min:
            break  # every later pattern starts with the too-small first digit
        low, high = (first_min if i == 0 else 0), int(ch) - 1
        if high >= low:
            digit = str(low) if high == low else f"[{low}-{high}]"
            out.append(digits[:i] + digit + "[0-9]" * (width - i - 1))
    return out


def sweep_entries(groups: int) -> tuple[str, ...]:
    """The paths and patterns the marker of a sweep with ``groups`` groups lists: its files,
    ``runs`` and exactly its group files' names (group-0000.csv .. group-NNNN.csv, five digits
    from group 10 000 on, :func:`~empirical.sweeps.integrity.group_file`), so that a user's
    ``runs/group-0099.csv`` beside a six-group sweep is not memcap's to delete (until
    2026-12-05 the marker listed every four- and five-digit name, and ``--overwrite`` deleted
    it).

    Parameters
    ----------
    groups : int
        The number of groups of the sweep (:func:`group_runs`).

    Returns
    -------
    tuple of str
        :data:`SWEEP_ENTRIES` and the group-file patterns, as
        :func:`capacity.atomic_files.mark_folder` takes them.

    Examples
    --------
    >>> sweep_entries(6)[-1]
    'runs/group-000[0-5].csv'
    >>> sweep_entries(1235)[-2:]
    ('runs/group-12[0-2][0-9].csv', 'runs/group-123[0-4].csv')
    """
    names = _decimal_patterns(min(groups, 10 ** 4), 4)
    if groups > 10 ** 4:
        names += _decimal_patterns(groups, 5, first_min=1)
    return (*SWEEP_ENTRIES, *(f"runs/group-{n}.csv" for n in names))


@dataclass(frozen=True)
class SweepGroup:
    """Runs trained as one ensemble: ``config`` has one member per run, in ``run_ids`` order.

    Examples
    --------
    >>> from empirical.sweeps.spec import SweepSpec
    >>> spec = SweepSpec.from_dict({"grid": [{"field": "model.width", "values": [3, 5]}],
    ...                             "seeds": [0, 1]})
    >>> group, = group_runs(spec.runs())   # one shape: the four runs train as one ensemble
    >>> group.index, group.run_ids, group.config.size, group.config.widths
    (0, (0, 1, 2, 3), 4, (3, 3, 5, 5))
    """

    index: int
    run_ids: tuple[int, ...]
    config: RunConfig


def _shape_key(cfg: RunConfig) -> str:
    """Everything but width, init seed and data seed: runs with equal keys share an ensemble.

    A transformer's members share one width (the batched GPT has no width masks), so there the
    width stays in the key: one ensemble per width."""
    d = cfg.to_dict()
    if cfg.model.kind != "transformer":
        d["model"]["width"] = None
    d["model"]["init_seed"] = d["data"]["seed"] = None
    return json.dumps(d, sort_keys=True)


def group_runs(runs: list[SweepRun]) -> list[SweepGroup]:
    """Group runs with equal shapes into ensembles (groups ordered by their first run).

    Examples
    --------
    >>> from empirical.sweeps.spec import SweepSpec
    >>> spec = SweepSpec.from_dict({"grid": [{"field": "data.n_train", "values": [10, 20]},
    ...                                      {"field": "model.width", "values": [4, 8]}]})
    >>> [(g.run_ids, g.config.widths) for g in group_runs(spec.runs())]
    [((0, 1), (4, 8)), ((2, 3), (4, 8))]
    """
    buckets: dict[str, list[SweepRun]] = {}
    for run in runs:
        buckets.setdefault(_shape_key(run.config), []).append(run)
    groups = []
    for members in buckets.values():
        cfg = RunConfig.from_dict({
            "ensemble": len(members),
            "init_seeds": [r.config.model.init_seed for r in members],
            "data_seeds": [r.config.data.seed for r in members],
            "widths": [r.config.model.width for r in members]}, base=members[0].config)
        groups.append(SweepGroup(len(groups), tuple(r.run_id for r in members), cfg))
    return groups


def run_group(task: tuple[SweepGroup, list[dict[str, Any]]],
              on_log: Callable[[int], None] | None = None) -> pd.DataFrame:
    """Train one group (an executor task) and return its runs' tidy rows.

    ``task`` is ``(group, [{"run_id", "seed", params...}, ...])``, one dict per member. Module
    level and picklable, so Dask workers can run it (torch is imported once per worker).

    Parameters
    ----------
    task : tuple of (SweepGroup, list of dict)
        The group (its ``config`` is trained as one ensemble,
        :func:`~empirical.engine.run.run_training`) and one label dict per member, in member
        order; the label keys become the first columns of the rows.
    on_log : callable, optional
        Called with the step at each log step of the training and, at most five times a
        second, with the steps done between them (:func:`~empirical.engine.run.run_training`'s
        ``on_log`` and ``on_step``); a sweep run in this process shows its progress inside a
        group with it.

    Returns
    -------
    pandas.DataFrame
        One row per member and logged step: the label columns, ``group`` (inserted second),
        then the engine's columns (:func:`~empirical.engine.run.metrics_frame`, without
        ``member``).

    Examples
    --------
    >>> spec = SweepSpec.from_dict({"base": {"train": {"steps": 4, "log_every": 2}},
    ...     "grid": [{"field": "model.width", "values": [3, 5]}], "seeds": [0]})
    >>> runs = spec.runs(); group = group_runs(runs)[0]
    >>> labels = [{"run_id": r.run_id, "seed": r.seed, **r.params} for r in runs]
    >>> df = run_group((group, labels))
    >>> list(df.columns[:8]), len(df)  # 2 runs x steps 0, 2, 4
    (['run_id', 'group', 'seed', 'model.width', 'init_seed', 'data_seed', 'width', 'step'], 6)
    >>> df[["run_id", "width"]].drop_duplicates().values.tolist()
    [[0, 3], [1, 5]]
    """
    from empirical.engine.run import metrics_frame, run_training  # torch: not for a report

    group, labels = task
    df = metrics_frame(run_training(group.config, on_log=on_log, on_step=on_log))
    label = pd.DataFrame(labels)
    label["member"] = range(len(labels))
    df = label.merge(df, on="member", how="right").drop(columns="member")
    df.insert(1, "group", group.index)
    return df


def _spec_file(spec: SweepSpec) -> str:
    return json.dumps({"spec": spec.to_dict(), "versions": package_versions()}, indent=2) + "\n"


def stored_spec(path: str | Path) -> dict | None:
    """The spec a sweep folder's ``spec.json`` stores, or None when the file cannot be read or
    is not a sweep's spec file (damaged, binary, another JSON).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "spec.json"; _ = p.write_text("[]")
    >>> stored_spec(p) is None
    True
    """
    try:
        data = parse_json(read_text(path, "sweep spec file"), "sweep spec file",
                          long_ints=False)
    except UsageError:  # missing, unreadable, not UTF-8, not JSON: not a sweep's spec file
        return None
    spec = data.get("spec") if isinstance(data, dict) else None
    return spec if isinstance(spec, dict) else None


def stored_fingerprint(stored: dict) -> str:
    """The training fingerprint of a stored spec, read back as a spec: a spec.json written
    before 2026-12-01 holds data fields its kind does not read, which the current spec dict
    leaves out, so its raw fingerprint would differ and the sweep could not resume. A stored
    dict that is not a spec keeps its raw fingerprint (it matches no spec).

    Examples
    --------
    >>> spec = SweepSpec.from_dict({"grid": [{"field": "model.width", "values": [4]}]})
    >>> old = spec.to_dict(); old["base"]["data"]["inputs"] = 8  # as 8726ca6 wrote it
    >>> stored_fingerprint(old) == spec.fingerprint() != training_fingerprint(old)
    True
    """
    spec = _as_spec(stored)
    return training_fingerprint(stored) if spec is None else spec.fingerprint()


def _as_spec(stored: dict) -> SweepSpec | None:
    """A stored spec.json's dict read back as a sweep spec; None when it is none."""
    try:
        return SweepSpec.from_dict(stored, stored=True)
    except UsageError:
        return None


def _contents(out: Path) -> list[Path]:
    """What ``out`` holds besides memcap's marker and lock files."""
    return [p for p in out.iterdir() if p.name not in (MARKER, LOCK)]


def sweep_plan(spec: SweepSpec, out: str | Path, overwrite: bool = False,
               groups: int | None = None) -> str:
    """What ``memcap sweep`` of ``spec`` would do with ``out`` — ``new``, ``resume`` (finished
    groups kept) or ``replace`` (``overwrite``) — refusing in one line what the real command
    refuses; writes nothing (not even the writability probe). ``--dry-run`` prints it: it
    listed the runs into a folder the real command refuses (2026-12-04 review).

    Parameters
    ----------
    spec : SweepSpec
        The sweep.
    out : str or Path
        The sweep folder the command names.
    overwrite : bool, default False
        ``--overwrite``.
    groups : int, optional
        The number of ``spec``'s groups (:func:`group_runs`), when the caller has them; else
        counted where a resume needs them.

    Returns
    -------
    str
        ``"new"``, ``"resume"`` or ``"replace"``.

    Examples
    --------
    >>> import tempfile
    >>> from empirical.sweeps.spec import load_spec
    >>> sweep_plan(load_spec(None, "l2-blog-sweep"), tempfile.mkdtemp())
    'new'
    """
    return _plan(spec, Path(out), overwrite, groups, probe=False)


def _group_count(spec: SweepSpec, groups: int | None) -> int:
    """``groups``, or the number of ``spec``'s groups counted now (1.7 s at 10 000 runs)."""
    return len(group_runs(spec.runs())) if groups is None else groups


def _plan(spec: SweepSpec, out: Path, overwrite: bool, groups: int | None,
          held: bool = False, probe: bool = True) -> str:
    """What a sweep of ``spec`` does with ``out``: ``new``, ``resume`` or ``replace`` (its
    contents); refuses (one line) what must not be touched. Reads only; writes nothing but
    the writability probe (``probe``: a hidden file removed at once). ``groups``: the
    number of the sweep's groups, or None (counted for a resume only)."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"{str(out)!r} is a file, not a sweep folder; choose another --out")
    check_writable(out, probe=probe)
    if not out.is_dir() or not _contents(out):
        return "new"
    stored = stored_spec(out / "spec.json")
    same = stored is not None and stored_fingerprint(stored) == spec.fingerprint()
    if not same and not is_memcap_folder(out):
        raise UsageError(f"output folder {str(out)!r} is not empty and was not written by "
                         "memcap, so memcap will neither resume a sweep there nor replace it; "
                         "choose another --out")
    if not same and not overwrite:
        # a spec.json that is no spec (seeds [0.5, 1]) read as "a different sweep spec"
        # (2026-12-05 review)
        valid = stored is not None and _as_spec(stored) is not None
        what = ("holds a different sweep spec" if valid else
                "has a missing or damaged spec.json, so memcap cannot tell which sweep it holds")
        raise UsageError(f"sweep folder {str(out)!r} {what}; pass --overwrite to replace it or "
                         "choose another --out")
    if overwrite:
        check_not_current_folder(out)
        check_replaceable(out, held=held)
        return "replace"
    # a resume rewrites the sweep's files in place: never a user's file of such a name (a
    # folder holding only a copied spec.json was marked and its metrics.csv replaced, review)
    groups = _group_count(spec, groups)
    check_entries_are_files(out, groups)  # a dry run said "resumes" beside a linked runs/
    check_own_entries(out, sweep_entries(groups))
    if not held:  # a dry run said "resumes" into a folder another sweep was writing, which
        # the real command refuses (2026-12-06 sweep review)
        check_not_locked(out, "wait for it to finish, then run the sweep again")
    return "resume"


@contextmanager
def sweep_folder(spec: SweepSpec, out: str | Path, overwrite: bool = False,
                 groups: int | None = None) -> Iterator[Path]:
    """Create ``out`` for ``spec``, or check it holds the same sweep (resume), and hold its lock
    (:func:`capacity.atomic_files.folder_lock`) while the block runs; see the module doc.

    A folder holding a different spec is refused unless ``overwrite`` (then its contents are
    replaced, the old ones kept in ``.memcap-replaced`` until the block completes,
    :func:`capacity.atomic_files.set_contents_aside`); so
    is a folder another sweep is writing into, ``overwrite`` or not. Nothing is written before
    these checks pass.

    Parameters
    ----------
    spec : SweepSpec
        The sweep; written to ``spec.json``.
    out : str or pathlib.Path
        The sweep folder; created with its parents when missing.
    overwrite : bool, optional
        Replace the contents of a memcap folder that holds a different spec instead of
        refusing it (the old contents stay in ``.memcap-replaced`` until the new sweep
        completes).
    groups : int, optional
        The number of ``spec``'s groups (:func:`group_runs`), when the caller has them; the
        marker lists exactly their files (:func:`sweep_entries`).

    Yields
    ------
    pathlib.Path
        ``out``, locked for the duration of the block.

    Examples
    --------
    >>> import tempfile
    >>> from empirical.sweeps.spec import load_spec
    >>> spec = load_spec(preset="l2-blog-sweep")
    >>> with sweep_folder(spec, Path(tempfile.mkdtemp()) / "s") as out:
    ...     sorted(p.name for p in out.iterdir())
    ['.memcap-folder', '.memcap-lock', 'runs', 'spec.json']
    >>> with sweep_folder(load_spec(preset="l2-blog-sweep", seeds=[1]), out):
    ...     pass
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: sweep folder '...' holds a different sweep spec; pass ...
    >>> with sweep_folder(spec, out), sweep_folder(spec, out):  # a second sweep at once
    ...     pass
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: another memcap sweep or report is writing into '...' now; ...
    """
    out = check_followable(out)  # a '..' after a missing folder: refused before mkdir below
    groups = _group_count(spec, groups)
    if out.is_dir() and not overwrite and is_memcap_folder(out):  # a user's folder: _plan says
        check_entries_are_files(out, groups)  # a folder where a file goes: before any training
    entries = sweep_entries(groups)
    _plan(spec, out, overwrite, groups)  # refuse before anything is written
    out.mkdir(parents=True, exist_ok=True)
    if not is_memcap_folder(out) and not _contents(out):  # marked before it holds anything
        mark_folder(out, entries)
    with folder_lock(out, "memcap sweep or report"):
        finish_set_aside(out)  # a replacement a SIGKILL cut short, before the folder is read
        plan = _plan(spec, out, overwrite, groups, held=True)  # again, under the lock
        if plan == "replace":
            # the replaced sweep is kept in .memcap-replaced until this one is complete (it was
            # deleted first: an interrupted --overwrite lost it, 2026-12-03 audit)
            set_contents_aside(out, (out / "summary.csv").is_file(), entries)
        # ('runs' a file or a link: _plan refused it for a resume; a replacement set it aside)
        (out / "runs").mkdir(exist_ok=True)
        if plan == "new" or not is_memcap_folder(out):  # nothing there to keep listed: a
            mark_folder(out, entries)  # marker left by 'rm -r DIR/*' listed another sweep's groups
        else:  # a resume, maybe of an older memcap's or a report's folder: list exactly what
            # this sweep writes (an older marker listed every group name, so --overwrite
            # deleted a user's runs/group-0099.csv, 2026-12-05 review)
            record_entries(out, entries, replacing="runs/group-")
        remove_sweep_temps(out)
        spec_path = out / "spec.json"
        if stored_spec(spec_path) != spec.to_dict():  # new, replaced or relabelled
            atomic_write_text(spec_path, _spec_file(spec))
        yield out
        discard_set_aside(out)  # reached only when the sweep completed: the old one can go


#: Age past which a tagged temporary of a file other than the sweep's and report's own is
#: deleted too: a command that takes no folder lock (``construct --save`` into the folder) may
#: be writing it now.
STALE_TEMP_S = 600.0


def remove_sweep_temps(out: str | Path) -> None:
    """Delete the temporary files that a killed writer left in a sweep folder (exactly the
    names :func:`capacity.atomic_files.atomic_write` gives them, tagged ``.memcap-``,
    :func:`~capacity.atomic_files.temp_target`); call it holding the folder's lock. The sweep's
    and report's own files' (which only a sweep or report writes, under that lock) go at once,
    and so do those of a group file an earlier sweep in the folder had; any other's (a
    figure's) once :data:`STALE_TEMP_S` old: only the sweep's were deleted until 2026-12-06,
    and a killed report's figure temporary stayed for good. The real files are never partial,
    and a user's hidden file such as ``.summary.csv.mine`` is left alone.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for n in (".report.md.memcap-ab12cd34.md", ".x.png.memcap-ab12cd34.png", ".x.png.mine"):
    ...     _ = (d / n).write_text("")
    >>> remove_sweep_temps(d); sorted(p.name for p in d.iterdir())   # the figure's is new
    ['.x.png.memcap-ab12cd34.png', '.x.png.mine']
    """
    out = Path(out)
    own = {*SWEEP_FILES, MARKER, *REPORT_FILES, REPORT_RECORD}
    remove_stale_temps(out, own.__contains__)
    remove_stale_temps(out, min_age_s=STALE_TEMP_S)
    remove_stale_temps(out / "runs", lambda name: is_group_file(name, MAX_SWEEP_RUNS))


def _trains_as(recorded: Any, spec: SweepSpec) -> bool:
    """Whether a manifest's recorded spec trains what ``spec`` (the folder's spec.json) trains;
    both are read by this memcap, so a field added since reads as its default on both sides."""
    try:
        return isinstance(recorded, dict) and stored_fingerprint(recorded) == spec.fingerprint()
    except (UsageError, ValueError, TypeError, KeyError, AttributeError):
        return False  # not a spec: it trains nothing this spec trains


def _check(out: Path, spec: SweepSpec, runs: list[SweepRun], groups: list[SweepGroup],
           rebuild: bool) -> SweepCheck:
    return check_sweep(out, groups, lambda g: _labels(runs, g), rebuild=rebuild,
                       same_spec=lambda recorded: _trains_as(recorded, spec))


def _run_group_showing_steps(task: tuple[SweepGroup, list[dict[str, Any]]],
                             progress: Callable[[float], None]) -> pd.DataFrame:
    """:func:`run_group`, calling ``progress(runs)`` at each log step with the group's runs
    weighted by the fraction of its steps done (never the whole group: that is counted once
    the group is saved)."""
    group = task[0]
    steps, n = group.config.train.steps, len(group.run_ids)

    def on_log(step: int) -> None:
        if 0 < step < steps:
            progress(n * step / steps)

    return run_group(task, on_log=on_log)


def _labels(runs: list[SweepRun], group: SweepGroup) -> list[dict[str, Any]]:
    """Each run's label columns (run id, seed, grid values), in the group's member order;
    ``runs`` is ``spec.runs()``, where a run's id is its position (a map of them rebuilt for
    every group was quadratic in a sweep of many small groups)."""
    return [{"run_id": i, "seed": runs[i].seed, **runs[i].params} for i in group.run_ids]


def assemble(spec: SweepSpec, out: str | Path, write: bool = True
             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Build ``metrics.csv`` (tidy) and ``summary.csv`` (per run) from ``out/runs``; return both.

    Every group file is verified first (its checksum; an old manifest's groups by schema, see
    :mod:`empirical.sweeps.integrity`). Raises ValueError, writing nothing, if the manifest is
    unreadable, a group is damaged (naming it and the fix) or the sweep is not finished. With
    ``write=False`` the two tables are only returned (``memcap report`` reads them; the sweep
    wrote them when it finished).

    Parameters
    ----------
    spec : SweepSpec
        The sweep's spec: its runs, groups (:func:`group_runs`) and metrics.
    out : str or Path
        The sweep folder.
    write : bool
        Also write ``metrics.csv`` and ``summary.csv`` into ``out`` (atomically).

    Returns
    -------
    tuple of pandas.DataFrame
        ``(table, summary)``: every group file's rows sorted by run and step, and one row per
        run: its identity columns (those before ``step``), then one column per spec metric.

    Examples
    --------
    >>> import tempfile
    >>> spec = SweepSpec.from_dict({"base": {"train": {"steps": 4, "log_every": 2}},
    ...     "grid": [{"field": "model.width", "values": [3, 5]}], "seeds": [0, 1]})
    >>> tmp = tempfile.TemporaryDirectory(); out = Path(tmp.name) / "s"
    >>> _ = run_sweep(spec, out); (out / "summary.csv").unlink()
    >>> table, summary = assemble(spec, out)  # rebuilt from runs/
    >>> len(table), summary["run_id"].tolist(), (out / "summary.csv").is_file()
    (12, [0, 1, 2, 3], True)
    >>> list(summary.columns[7:]) == list(spec.metrics)
    True
    >>> _ = (out / "runs" / "group-0000.csv").write_text("garbage")
    >>> assemble(spec, out)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: sweep folder '...' has damaged group(s): group 0 (runs/group-...
    >>> tmp.cleanup()
    """
    out = Path(out)
    runs = spec.runs()
    groups = group_runs(runs)
    check = _check(out, spec, runs, groups, rebuild=False)
    if check.with_status("damaged"):
        # after an edited spec.json the same command is refused ("holds a different sweep
        # spec"), so it was no advice there (2026-12-05 review)
        fix = ("restore the spec.json the sweep was run with (the same memcap sweep command "
               "is refused while it differs), or run memcap sweep of the edited spec with this "
               "--out to train its groups anew" if check.spec_edited else
               f"run the same memcap sweep command (same spec, --out {str(out)!r}) to "
               "recompute them")
        raise UsageError(f"sweep folder {str(out)!r} has damaged group(s): "
                         f"{check.damage_text()}; {fix}")
    missing = check.with_status("unfinished")
    if missing:
        raise UsageError(f"sweep in {str(out)!r} is unfinished ({len(missing)} of {len(groups)} "
                         "groups missing); run memcap sweep again with the same --out to resume")
    text = _text_fields(spec)
    table = pd.concat([_read_group(g.data, text) for g in check.groups],
                      ignore_index=True).sort_values(["run_id", "step"], kind="stable")
    table = table.reset_index(drop=True)
    names = spec.metric_columns()
    summary = apply_metrics(table, names, by="run_id")
    # fixed columns: the run's identity (every column the group files put before ``step``:
    # run_id, group, seed, the grid fields, init_seed, data_seed, width) and the spec's metrics,
    # not whichever observables happen to stay constant in this sweep's runs
    identity = list(table.columns[:table.columns.get_loc("step")])
    summary = summary[[c for c in identity if c in summary.columns] + names]
    if write:
        atomic_write_text(out / "metrics.csv", table.to_csv(index=False))
        atomic_write_text(out / "summary.csv", summary.to_csv(index=False))
        atomic_write_text(out / "summary.json", summary_json(spec, summary))
    return table, summary


def summary_json(spec: SweepSpec, summary: pd.DataFrame) -> str:
    """The sweep folder's ``summary.json`` (format ``memcap.sweep-summary/1``): the sweep's
    name, x-axis parameter, grid fields, metric columns, run count and ``summary.csv``'s rows
    at full float precision (±inf and NaN as null). Only what the runs decide, nothing of the
    command that wrote it (trained or resumed groups, times): a resumed sweep writes the same
    bytes as one run whole (DESIGN.md: a summary JSON in every result folder; the sweep had
    only its CSV until 2026-12-05).

    Parameters
    ----------
    spec : SweepSpec
        The sweep.
    summary : pandas.DataFrame
        Its per-run summary (:func:`assemble`).

    Returns
    -------
    str
        The JSON text.

    Examples
    --------
    >>> spec = SweepSpec.from_dict({"grid": [{"field": "model.width", "values": [3]}]})
    >>> d = json.loads(summary_json(spec, pd.DataFrame({"run_id": [0], "x": [float("nan")]})))
    >>> d["format"], d["parameter"], d["runs"], d["summary"]
    ('memcap.sweep-summary/1', 'model.width', 1, [{'run_id': 0, 'x': None}])
    """
    return json.dumps({
        "format": "memcap.sweep-summary/1", "name": spec.name, "parameter": spec.parameter,
        "grid_fields": spec.fields(), "metrics": spec.metric_columns(), "runs": len(summary),
        "summary": json_safe(summary.to_dict(orient="records"))}, indent=2) + "\n"


def _text_fields(spec: SweepSpec) -> list[str]:
    """The grid fields with a text value: their columns are read as written."""
    return [f for axis in spec.axes for i, f in enumerate(axis.fields)
            if any(isinstance(v[i], str) for v in axis.values)]


def _read_group(data: bytes, text_fields: list[str]) -> pd.DataFrame:
    """A group file's table, its text grid columns as written: pandas read a ``data.table``
    of ``"0110"`` as the number 110, so the summary showed 110 and a report averaged the maps
    ``0110`` and ``00000110`` as seeds of one value (2026-12-03 audit)."""
    table = pd.read_csv(io.BytesIO(data))
    cols = [f for f in text_fields if f in table.columns]
    if cols:
        text = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, usecols=cols)
        for col in cols:
            table[col] = text[col]
    return table


def _repair_note(out: Path, check: SweepCheck) -> str | None:
    """One line saying what a resume found wrong and does about it (None: nothing)."""
    damaged = check.with_status("damaged")
    kept = check.with_status("ok")
    if check.manifest == "unreadable":
        return (f"memcap sweep: {str(out / 'manifest.json')!r} is damaged "
                f"({check.manifest_problem}); rebuilt it from the group files: kept "
                f"{len(kept)} that pass the schema check"
                + (f", recomputing {check.damage_text()}" if damaged else ""))
    if damaged:
        return (f"memcap sweep: recomputing {len(damaged)} damaged group(s): "
                f"{check.damage_text()}")
    return None


def run_sweep(spec: SweepSpec, out: str | Path, executor=None, overwrite: bool = False,
              progress=None, chunk: int | None = None, notify=None,
              on_complete: Callable[[Path, dict[str, Any]], None] | None = None
              ) -> dict[str, Any]:
    """Run (or resume) ``spec`` into ``out``; return a JSON-ready summary of the sweep.

    Parameters
    ----------
    executor : Executor, optional
        Where groups run (default in-process). Groups are submitted ``chunk`` at a time (default
        1 in-process, 2 × workers on Dask) and each chunk is persisted before the next starts.
    overwrite : bool
        Replace a folder holding a different (or the same) sweep instead of refusing it
        (:func:`sweep_folder`); the folder stays locked against other sweeps throughout.
    progress : callable, optional
        Called as ``progress(runs_done, runs_total)`` after every persisted group; with the
        in-process executor also at each log step of a group's training, ``runs_done`` then
        counting the group's runs by the fraction of its steps done (a float: a sweep of one
        large group showed 0 of its runs done until it ended, 2026-12-05).
    notify : callable, optional
        Called with one line when the folder was damaged: which groups are recomputed, or that
        an unreadable manifest was rebuilt (the CLI prints it on stderr).

    Returns
    -------
    dict
        ``runs``, ``groups``, ``trained_groups`` (trained now), ``resumed_groups`` (kept from
        disk), ``recomputed_groups`` (indices of damaged groups trained again), ``manifest``
        (``new``, ``ok``, ``upgraded`` from the old format, ``rebuilt`` after it was
        unreadable), ``rows`` and the per-run ``summary``.
    on_complete : callable, optional
        Called as ``on_complete(out, summary)`` once the sweep is complete, while the folder is
        still locked (and before a replaced sweep's contents are discarded): work on the
        finished folder, such as its report, that another sweep must not interleave with (the
        report was written after the lock was released, so a concurrent ``--overwrite`` could
        take the folder in between, 2026-12-05). It may add keys to ``summary``.

    Examples
    --------
    >>> import tempfile
    >>> spec = SweepSpec.from_dict({"base": {"train": {"steps": 4, "log_every": 2}},
    ...     "grid": [{"field": "model.width", "values": [3, 5]}], "seeds": [0, 1]})
    >>> out = Path(tempfile.mkdtemp()) / "s"
    >>> r = run_sweep(spec, out)
    >>> r["runs"], r["groups"], r["trained_groups"], r["rows"]
    (4, 1, 1, 12)
    >>> run_sweep(spec, out)["trained_groups"]  # resumed: nothing left to do
    0
    >>> _ = (out / "runs" / "group-0000.csv").write_text("garbage")
    >>> notes = []
    >>> r = run_sweep(spec, out, notify=notes.append)  # damaged: its checksum fails
    >>> r["trained_groups"], r["recomputed_groups"], notes[0].split(": ")[1]
    (1, [0], 'recomputing 1 damaged group(s)')
    """
    _check_arguments(spec, executor, progress, chunk, notify, on_complete)
    runs = spec.runs()
    groups = group_runs(runs)  # once: 1.7 s for 10 000 runs
    with sweep_folder(spec, out, overwrite, groups=len(groups)) as out:
        result = _run(spec, out, runs, groups, executor, progress, chunk, notify)
        if on_complete is not None:
            on_complete(out, result)
        return result


def _check_arguments(spec, executor, progress, chunk, notify, on_complete) -> None:
    """Refuse (one line, before the folder is touched) :func:`run_sweep` arguments of the wrong
    kind: ``chunk = 0`` was a bare ValueError from ``range`` and a negative one trained nothing
    and called the new folder unfinished; ``progress = 5`` and ``executor = "x"`` failed after
    the folder was prepared (2026-12-05 API review)."""
    if not isinstance(spec, SweepSpec):
        raise UsageError(f"spec must be a SweepSpec (SweepSpec.from_dict or load_spec), got "
                         f"{type(spec).__name__}")
    if chunk is not None:
        check_integer("chunk (groups submitted at a time)", chunk, 1)
    for name, value in (("progress", progress), ("notify", notify),
                        ("on_complete", on_complete)):
        if value is not None and not callable(value):
            raise UsageError(f"{name} must be a function or None, got {type(value).__name__}")
    check_executor(executor)


def _run(spec: SweepSpec, out: Path, runs: list[SweepRun], groups: list[SweepGroup], executor,
         progress, chunk, notify) -> dict[str, Any]:
    """:func:`run_sweep`'s work, in the prepared and locked folder ``out``, on ``spec``'s
    ``runs`` grouped as ``groups``."""
    check = _check(out, spec, runs, groups, rebuild=True)
    records = {g.index: g.record for g in check.with_status("ok")}
    trained = spec.to_dict()  # recorded in the manifest: a spec.json edited later is caught
    damaged = [g.index for g in check.with_status("damaged")]
    if damaged or check.manifest in ("old", "unreadable"):
        write_manifest(out, records, trained)  # trust only what was verified, before training
    note = _repair_note(out, check)
    if note and notify:
        notify(note)
    todo = [g for g in groups if g.index not in records]
    executor = executor or InProcessExecutor()
    if chunk is None:
        chunk = 2 * getattr(executor, "workers", 0) or 1
    runs_done = sum(len(groups[i].run_ids) for i in records)
    resumed = len(records)
    if progress:
        progress(runs_done, len(runs))
    for start in range(0, len(todo), chunk):
        batch = todo[start:start + chunk]

        def save(i: int, df, batch=batch) -> None:  # as each group finishes: a kill keeps it
            nonlocal runs_done
            g = batch[i]
            data = df.to_csv(index=False).encode("utf-8")
            atomic_write_bytes(group_file(out, g.index), data)
            records[g.index] = make_record(g.run_ids, data, len(df))
            write_manifest(out, records, trained)
            runs_done += len(g.run_ids)
            if progress:
                progress(runs_done, len(runs))

        tasks = [(g, _labels(runs, g)) for g in batch]
        fn = run_group
        if progress and type(executor) is InProcessExecutor:  # here: within a group too
            fn = partial(_run_group_showing_steps, progress=lambda d: progress(
                runs_done + d, len(runs)))
        if "on_result" in inspect.signature(executor.map).parameters:
            executor.map(fn, tasks, on_result=save)
        else:  # a caller's own executor with the plain map(fn, tasks) of the protocol's past
            for i, df in enumerate(executor.map(fn, tasks)):
                save(i, df)
    table, summary = assemble(spec, out)
    manifest = {"missing": "new", "current": "ok", "old": "upgraded",
                "unreadable": "rebuilt"}[check.manifest]
    return {"out": str(out), "name": spec.name, "runs": len(runs), "groups": len(groups),
            "trained_groups": len(todo), "resumed_groups": resumed,
            "recomputed_groups": damaged, "manifest": manifest, "rows": len(table),
            "parameter": spec.parameter,
            # the summary's column names (a spec's "gap( weight_l2 )" is gap(weight_l2): the
            # table printed from this list raised KeyError, status 70, 2026-12-03 audit)
            "metrics": spec.metric_columns(),
            "grid_fields": spec.fields(),
            # full float precision (pandas' to_json kept 10 decimals: 3.2e-12 became 0.0);
            # ±inf and NaN become null when printed, as in every --json (json_safe)
            "summary": json_safe(summary.to_dict(orient="records"))}
