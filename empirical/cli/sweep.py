"""``memcap sweep`` and ``memcap report``: typer apps mounted lazily by ``memcap/cli.py``.

Bad input raises ValueError; the shell turns it into one line on stderr and exit status 2.
Nothing is written before the spec, the folder and the executor flags have been checked.
"""

from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from capacity.errors import UsageError
from capacity.options import input_path, output_folder
from empirical.cli.console import emit, print_rows, progress_bar
from empirical.cli.parse import (
    auto_workers,
    check_distinct,
    check_overwrite_has_out,
    check_threads,
    int_list,
    option_given,
    parse_workers,
    vocabulary_option,
)
from empirical.sweeps.limits import MAX_RUNS_WITHOUT_FORCE, MAX_SWEEP_RUNS

__all__ = ["check_sweep_size", "report_app", "sweep_app"]

sweep_app = typer.Typer(add_completion=False, no_args_is_help=False,
                        help="Run a sweep of training runs over a grid (resumable).")
report_app = typer.Typer(add_completion=False, no_args_is_help=True,
                         help="Write a markdown report with figures for a sweep folder.")


def _seeds(text: str | None) -> list[int] | None:
    if text is None:
        return None
    # named here, not as the spec's seeds key (2026-12-03 audits: negatives, then repeats)
    values = int_list(text, "--seeds", "0,1,2", nonempty=True, distinct=True)
    if min(values) < 0:
        raise UsageError(f"--seeds must be seed offsets >= 0, got {min(values)}")
    from empirical.sweeps.spec import MAX_SEED

    if max(values) > MAX_SEED:  # the spec's check named its own key, "seeds" (CLI fuzz)
        raise UsageError(f"--seeds must be seed offsets <= 2**63-1, got {max(values)}")
    return values


#: What a dry run says the real command would do with --out (:func:`sweep_plan`'s answers).
_PLAN_WORDS = {"new": "a new sweep", "resume": "resumes the sweep there (finished groups kept)",
               "replace": "replaces the sweep there (--overwrite)"}


def _dry_run(spec, json_: bool, out=None, plan: str | None = None) -> None:
    from empirical.sweeps.driver import group_runs

    runs = spec.runs()
    groups = group_runs(runs)
    group_of = {i: g.index for g in groups for i in g.run_ids}
    if json_:
        typer.echo(json.dumps({
            "name": spec.name, "runs": [{"run_id": r.run_id, "seed": r.seed, "group":
                                         group_of[r.run_id], **r.params} for r in runs],
            "groups": [{"group": g.index, "run_ids": list(g.run_ids)} for g in groups],
            **({} if plan is None else {"out": str(out), "plan": plan})}, indent=2))
        return
    from rich.table import Table

    from capacity.terminal import print_table

    # a spec's name and values are the user's text: escaped, or rich reads "[/]" as markup
    table = Table(title=_escape(f"memcap sweep {spec.name} (dry run): {len(runs)} runs in "
                                f"{len(groups)} ensemble group(s)"))
    for col in ("run", "group", "seed", *spec.fields()):
        table.add_column(col, justify="right")
    for r in runs:
        table.add_row(str(r.run_id), str(group_of[r.run_id]), str(r.seed),
                      *(_escape(str(v)) for v in r.params.values()))
    print_table(table)
    if plan is not None:
        typer.echo(f"--out {out}: {_PLAN_WORDS[plan]}")


def check_sweep_size(spec, force: bool = False, workers: int = 1, groups=None,
                     flag: str = "--workers") -> None:
    """Refuse (one line, before anything is trained) a grid with an ensemble group (the runs
    trained together as one engine call, :func:`empirical.sweeps.driver.group_runs`) that
    needs more than half of this machine's memory
    (:func:`empirical.engine.config.check_fits_memory`), unless ``force``. The number of runs
    is checked earlier, before any run is built (:func:`empirical.sweeps.spec.load_spec`'s
    ``max_runs``). With ``workers`` local worker processes, that many groups train at once:
    the largest ``workers`` of them together must fit too.

    Parameters
    ----------
    spec : SweepSpec
        The sweep whose groups are checked.
    force : bool, optional
        Allow groups above this machine's limit (``--force``), not unaddressable ones.
    workers : int, optional
        Local worker processes training groups at once (default 1).
    groups : list of RunGroup, optional
        ``group_runs(spec.runs())`` when the caller has it (grouping 10^5 runs takes seconds).
    flag : str, default ``"--workers"``
        The option that set ``workers``, as the refusal names it (``--dask-workers``).

    Examples
    --------
    >>> from empirical.sweeps.spec import SweepSpec
    >>> check_sweep_size(SweepSpec.from_dict({"grid": [{"field": "model.width",
    ...                                                  "values": [10**6]}]}))
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: ensemble group 0 (1 runs trained together, width up to 1000000) ...
    """
    from empirical.engine.config import check_fits_memory
    from empirical.sweeps.driver import group_runs

    need = []
    for g in group_runs(spec.runs()) if groups is None else groups:  # trained at once: a group
        need.append(g.config.estimated_bytes())
        check_fits_memory(need[-1],
                          f"ensemble group {g.index} ({len(g.run_ids)} runs trained together, "
                          f"width up to {max(g.config.widths)})",
                          "use fewer seeds or widths per group, or pass --force", force)
    k = min(max(1, workers), len(need))
    if k > 1 and not force:  # K worker processes each train one group at a time, all at once
        # (each process allocates its own: only the machine's limit, which --force lifts, sums)
        check_fits_memory(sum(sorted(need)[-k:]),
                          f"the {k} largest ensemble groups, trained at once by {flag} {k}",
                          f"use fewer {flag}, fewer seeds or widths per group, or pass "
                          "--force", force)


def _check_devices(spec) -> None:
    """Refuse (one line) a spec whose runs ask for CUDA on a machine without it."""
    from empirical.engine.run import resolve_device

    for device in sorted({r.config.device for r in spec.runs()}):
        try:
            resolve_device(device)
        except UsageError:
            raise UsageError(f"the sweep spec asks for device {device!r} but CUDA is not "
                             "available on this machine; set device = \"cpu\" in the spec (or "
                             "drop it from the grid)") from None


@sweep_app.command()
def sweep(
    ctx: typer.Context,
    spec_file: Annotated[Path | None, typer.Argument(help="Sweep spec (TOML).",
                                                     parser=input_path)] = None,
    preset: Annotated[str | None, typer.Option(
        callback=vocabulary_option("SWEEP_PRESETS", "empirical.sweeps.spec"),
        help="A named sweep instead of a file: l2-blog-sweep.")] = None,
    out: Annotated[Path | None, typer.Option(
        parser=output_folder, help="Sweep folder (resumed if it holds the same "
                                   "spec).")] = None,
    seeds: Annotated[str | None, typer.Option(help="Seed offsets, e.g. 0,1,2 (replace the "
                                                   "spec's).")] = None,
    dry_run: Annotated[bool, typer.Option(help="List the runs and ensemble groups; train "
                                               "nothing.")] = False,
    overwrite: Annotated[bool, typer.Option(
        help="Replace a sweep folder holding another spec (only one memcap wrote, with no "
             "files memcap did not write).")] = False,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler tcp://HOST:PORT.")] = None,
    dask_workers: Annotated[int | None, typer.Option(help="Start a local Dask cluster of K "
                                                          "workers.")] = None,
    threads: Annotated[int, typer.Option(help="torch CPU threads here (0: torch's "
                                              "default).")] = 0,
    workers: Annotated[str, typer.Option(help="Local worker processes for the ensemble "
                                              "groups: K or auto (one per available core); 1 "
                                              "(default) runs in this process. Each worker uses "
                                              "--threads threads (0 means 1 there).")] = "1",
    json_: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    force: Annotated[bool, typer.Option(help="Run even a grid beyond this machine (more than "
                                             f"{MAX_RUNS_WITHOUT_FORCE} runs, at most "
                                             f"{MAX_SWEEP_RUNS}, or an ensemble group needing "
                                             "more than half its memory).")] = False,
) -> None:
    """Train every run of the grid (runs with equal shapes as one ensemble) into --out."""
    check_overwrite_has_out(out, overwrite)  # accepted and ignored until 2026-12-03
    if out is not None:
        from capacity.atomic_files import check_writable

        # an unwritable --out fails here, before pandas, torch or training; a dry run, which
        # previews this command but writes nothing, checks the path without the probe file
        check_writable(out, probe=not dry_run)
    from empirical.sweeps.spec import load_spec

    # checked for a dry run too: it previews this very command (bad values were accepted there)
    check_threads(threads)
    n_workers = parse_workers(workers, scheduler, dask_workers, option_given(ctx, "workers"))
    # the run count is checked before any run is built, for a dry run too (it lists them)
    spec = load_spec(spec_file, preset, _seeds(seeds),
                     max_runs=None if force else MAX_RUNS_WITHOUT_FORCE)
    from empirical.sweeps.driver import group_runs

    groups = group_runs(spec.runs())
    # auto is 1 when any run trains off the CPU (docs/cli.md: "1 on cuda")
    device = next((g.config.device for g in groups if g.config.device != "cpu"), "cpu")
    local = (None if scheduler is not None or dask_workers is not None
             else auto_workers(n_workers, len(groups), device))
    # the groups trained at once in this machine's memory: a LocalCluster's --dask-workers K
    # too (checked as one at a time until 2026-12-06); a --scheduler's train elsewhere
    at_once = (min(dask_workers, len(groups)) if dask_workers is not None and scheduler is None
               else local or 1)
    # a dry run previews the same command: the same guard (local workers share this memory)
    check_sweep_size(spec, force, at_once, groups,
                     "--dask-workers" if dask_workers is not None else "--workers")
    if dry_run:
        from empirical.sweeps.driver import sweep_plan

        # the same folder checks as the real command, read-only: a folder it refuses is
        # refused here too (the dry run listed runs into them, 2026-12-04 review)
        plan = None if out is None else sweep_plan(spec, out, overwrite, len(groups))
        _dry_run(spec, json_, out, plan)
        return
    if out is None:
        raise UsageError("no sweep folder; pass --out DIR (or --dry-run to only list the runs)")
    from empirical.engine.executor import make_executor
    from empirical.sweeps.driver import run_sweep

    if threads:
        import torch

        torch.set_num_threads(threads)
    if local is not None:  # trained on this machine: a CUDA run needs CUDA here, checked
        _check_devices(spec)  # before the folder is written (Dask workers may have GPUs)

    def finish(folder: Path, result: dict) -> None:
        """The folder's report, written while the sweep still holds the folder's lock (it was
        written after, so a concurrent --overwrite could take the folder in between and this
        sweep ended with "no report written", 2026-12-05)."""
        # the folder's figures (DESIGN.md: config, metrics, a summary JSON and figures in
        # every result folder; a sweep wrote figures only when memcap report ran, until
        # 2026-12-05); the record is compared with the tables the run has just assembled
        if (not result["trained_groups"] and not result["recomputed_groups"]
                and _has_current_report(folder, spec)):
            # nothing changed: the report there stays, with its own --metric and --parameter
            # (a resume that trained nothing replaced a memcap report --metric report with
            # the spec's, 2026-12-05 review)
            result["report"] = str(folder / "report.md")
            return
        try:
            result["report"] = str(write_folder_report(folder, locked=True))
        except (UsageError, OSError) as exc:  # the sweep itself is complete: say why there is
            # no report (a full disk or a read-only folder too: the tables are already written)
            typer.echo(f"memcap: warning: no report written ({exc}); the sweep is complete, "
                       "see metrics.csv, summary.csv and summary.json", err=True)
            result["report"] = None

    bar = progress_bar()
    # the executor flags are checked here, before anything is written
    with make_executor(scheduler, dask_workers, local, threads or 1) as ex, bar:
        task = bar.add_task(_escape(f"sweep {spec.name}: runs"), total=len(spec.runs()))
        result = run_sweep(spec, out, ex, overwrite=overwrite,
                           progress=lambda d, t: bar.update(task, completed=d),
                           notify=lambda line: typer.echo(line, err=True), on_complete=finish)
    emit(result, json_, _print_summary)


def _has_current_report(out: Path, spec) -> bool:
    """Whether ``out`` already holds, unchanged, the report written for exactly ``spec`` (names
    and metrics included; :func:`empirical.sweeps.report.report_is_current`): a resume that
    trains nothing then leaves that report as it is; one of a relabelled spec (also one whose
    sweep was interrupted before its report), or with a file gone or damaged, is written
    again."""
    from capacity.atomic_files import is_memcap_folder
    from empirical.sweeps.report import report_is_current

    return is_memcap_folder(out) and report_is_current(out, spec.to_dict())


def _escape(text: str) -> str:
    """``text`` with rich's markup escaped (a sweep named "a[/]b" ended in status 70)."""
    from rich.markup import escape

    return escape(text)


def _series(spec, x: str) -> list[str]:
    """The grid fields that split the runs at one value of ``x`` into curves: every field but
    ``x`` and those tied to it whose value ``x`` decides. A tied field that takes two values at
    one ``x`` (rows [8, 4] and [8, 40] of (n_train, n_test)) is a curve too: its runs were
    averaged as seeds (2026-12-03 audit)."""
    own = next(a for a in spec.axes if x in a.fields)  # x's axis: x and the fields tied to it
    i = own.fields.index(x)
    xs = len({repr(row[i]) for row in own.values})  # repr: list values are not hashable
    decided = {f for j, f in enumerate(own.fields)
               if len({(repr(row[i]), repr(row[j])) for row in own.values}) == xs}
    return [f for f in spec.fields() if f not in decided]


def _metric_values(result: dict) -> list[dict]:
    """The summary's rows with their metrics as summary.csv holds them: the JSON-ready rows
    have None for NaN (not computed) and ±inf (a diverged run) alike, and the table printed
    None for both (2026-12-05 review)."""
    import pandas as pd

    rows, metrics = result["summary"], list(result["metrics"])
    try:
        raw = pd.read_csv(Path(result["out"]) / "summary.csv", usecols=["run_id", *metrics])
        by_id = {int(r["run_id"]): r for r in raw.to_dict(orient="records")}
        return [{**r, **{m: float(by_id[r["run_id"]][m]) for m in metrics}} for r in rows]
    except (OSError, ValueError, KeyError, TypeError):  # no folder or an older table: as is
        return rows


def _print_summary(result: dict) -> None:
    from rich.console import Console

    title = (f"memcap sweep {result['name']}: {result['runs']} runs, "
             f"{result['groups']} group(s), {result['trained_groups']} trained now, "
             f"{result['resumed_groups']} resumed"
             # "recomputed: 0" read as a count of none (2026-12-06 review): the groups named
             + (f", recomputed damaged group(s) "
                f"{', '.join(map(str, result['recomputed_groups']))}"
                if result["recomputed_groups"] else ""))
    from empirical.sweeps.report import cell_text, distinct_digits

    # grid values as the report shows them, told apart (0.001 and 0.0010000001 both read 0.001;
    # 2026-12-05 review)
    fields, rows = result["grid_fields"], _metric_values(result)
    digits = {f: distinct_digits([r[f] for r in rows if r[f] is not None]) for f in fields}
    rows = [{**r, **{f: cell_text(r[f], digits[f]) for f in fields if r[f] is not None}}
            for r in rows]
    print_rows(title, rows, ["run_id", "seed", *fields, *result["metrics"]])
    files = "metrics.csv, summary.csv, summary.json" + (", report.md and its figures"
                                                         if result.get("report") else "")
    Console().print(f"sweep folder: {result['out']} ({files})", markup=False, soft_wrap=True)


@report_app.command()
def report(
    folder: Annotated[Path, typer.Argument(help="A sweep folder written by memcap sweep.",
                                           parser=input_path)],
    metric: Annotated[list[str] | None, typer.Option(
        help="Derived metric to report, e.g. gap(weight_l2) (repeatable; default: the "
             "spec's).")] = None,
    parameter: Annotated[str | None, typer.Option(help="Sweep field on the x axis (default: "
                                                       "the spec's).")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
) -> None:
    """Write FOLDER/report.md, one figure per metric and phenomena.json."""
    path = write_folder_report(folder, metric, parameter)
    if json_:
        typer.echo(json.dumps({"report": str(path), "phenomena": json.loads(
            (folder / "phenomena.json").read_text())}, indent=2))
        return
    typer.echo(f"report: {path}")


def write_folder_report(folder: Path, metric: list[str] | None = None,
                        parameter: str | None = None, locked: bool = False) -> Path:
    """Write the report of the sweep folder ``folder`` into it (``report.md``, one figure per
    metric, ``phenomena.json``) and return the path of ``report.md``: what ``memcap report``
    does, and ``memcap sweep`` when its sweep completes.

    Parameters
    ----------
    folder : pathlib.Path
        A sweep folder written by ``memcap sweep``.
    metric : list of str or None, default None
        Derived metrics to report (None: the spec's).
    parameter : str or None, default None
        The sweep field on the x axis (None: the spec's).
    locked : bool, default False
        Whether the caller already holds the folder's lock (``memcap sweep``, which writes its
        report before it releases the lock); otherwise it is taken here, and a sweep or
        report writing into the folder now is refused.

    Returns
    -------
    pathlib.Path
        ``folder / "report.md"``.

    Raises
    ------
    UsageError
        A folder that is not a complete, undamaged sweep, or a metric or parameter it lacks.

    Examples
    --------
    >>> import tempfile
    >>> write_folder_report(Path(tempfile.mkdtemp()))
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: '...' is not a sweep folder (no spec.json); run memcap sweep ...
    """
    from empirical.sweeps.spec import SweepSpec

    spec_path = folder / "spec.json"
    if not folder.exists():
        raise UsageError(f"{str(folder)!r} does not exist; give a folder written by memcap "
                         "sweep --out FOLDER")
    if not spec_path.is_file():
        raise UsageError(f"{str(folder)!r} is not a sweep folder (no spec.json); run "
                         "memcap sweep --out FOLDER first")
    from empirical.sweeps.driver import assemble, stored_spec

    stored = stored_spec(spec_path)
    if stored is None:
        raise UsageError(f"{str(spec_path)!r} is not a sweep spec; rerun memcap sweep "
                         "with --overwrite")
    try:  # its message named no file, so a user looked in the TOML (2026-12-05 review)
        spec = SweepSpec.from_dict(stored, stored=True)
    except UsageError as exc:
        raise UsageError(f"{str(spec_path)!r} is not a valid sweep spec ({exc}); rerun memcap "
                         "sweep with --overwrite") from exc
    x = spec.parameter if parameter is None else parameter  # "" is refused, not the default
    if x not in spec.fields():
        raise UsageError(f"--parameter {x!r} is not a sweep field; choose one of "
                         f"{', '.join(spec.fields())}")
    from capacity.atomic_files import (
        MARKER,
        folder_lock,
        is_memcap_folder,
        mark_folder,
        remove_empty_marker,
        unwritable_reason,
    )

    reason = unwritable_reason(folder)
    if reason is not None:  # a read-only folder failed at the first write, an I/O error with
        # status 74 naming a temporary file (CLI review, 2026-12-05): bad input, before any work
        raise UsageError(f"cannot write the report into {str(folder)!r}: the folder is not "
                         f"writable ({reason}); make it writable or copy the sweep elsewhere")
    unmarked = not is_memcap_folder(folder)
    if unmarked:  # no marker: nothing says memcap wrote what is there (a user's report.md was
        # replaced when the marker was gone, 2026-12-03 audit)
        theirs = next((folder / n for n in ("report.md", "phenomena.json")
                       if (folder / n).exists() or (folder / n).is_symlink()), None)
        if theirs is not None:
            raise UsageError(f"{str(theirs)!r} exists and {str(folder)!r} has no {MARKER}, so "
                             "memcap cannot tell whether it wrote it and will not replace it; "
                             "move it away and run memcap report again")
    from empirical.sweeps.metrics import apply_metrics, parse_metric

    with (nullcontext() if locked else
          folder_lock(folder, "memcap sweep or report",
                      "wait for it to finish, then run memcap report again")):
        # read only: metrics.csv and summary.csv are the sweep's (they were rewritten here,
        # before --metric was checked); the report writes nothing until all is computed
        table, summary = assemble(spec, folder, write=False)
        from empirical.sweeps.report import write_report  # scipy's fits: after the checks

        metrics = ([parse_metric(m, table.columns).name for m in metric] if metric
                   else spec.metric_columns())  # each once ("--metric repeats" with none given)
        check_distinct(metrics, "--metric")  # a repeat drew the same figure twice
        if metric:  # the user's list (a stored spec's own metrics load as they were)
            from empirical.sweeps.metrics import metric_identity

            check_distinct([metric_identity(m) for m in metrics],
                           "--metric (final(x) is last(x))")
        extra = [m for m in metrics if m not in summary.columns]
        if extra:
            summary = summary.merge(apply_metrics(table, extra, by="run_id")[["run_id", *extra]],
                                    on="run_id")
        if unmarked:  # a marker listing only what the report writes, so the next report
            mark_folder(folder, [])  # may replace it (it refused its own report.md, review)
        if not locked:  # what a killed report or sweep left, tagged as memcap's (a figure's
            from empirical.sweeps.driver import remove_sweep_temps  # blocked --overwrite as

            remove_sweep_temps(folder)  # the user's, 2026-12-06 review)
        try:
            path = write_report(summary, folder, parameter=x, metrics=metrics,
                                config=spec.to_dict(), series=_series(spec, x), record=True)
        except BaseException:
            if unmarked:  # refused before writing: the folder is left as it was (a new marker
                remove_empty_marker(folder)  # stayed behind, 2026-12-04 review)
            raise
    return path
