"""``memcap compare``: a typer app mounted lazily by ``memcap/cli.py``.

Bad input raises ValueError; the shell turns it into one line on stderr and exit status 2.
Everything (the config, the folder, the executor flags) is checked before any work starts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from capacity.errors import UsageError
from capacity.options import output_folder, renamed_option
from empirical.cli.console import emit, progress_bar
from empirical.cli.parse import OVERWRITE_HELP, int_list
from empirical.compare.config import MAX_INPUTS, TRAINING_KEYS, auto_depth_inputs, check_inputs

__all__ = ["WORKER_MODULES", "compare_app", "config_from_options", "parse_inputs",
           "run_with_progress", "started_executor", "tour_app", "workers_for"]

_WORKERS_HELP = ("Worker processes for the searches: auto (one per available core) or K; 1 runs "
                 "everything in this process. Results do not depend on it.")

compare_app = typer.Typer(add_completion=False, no_args_is_help=False,
                          help="Bounds, constructions and trained sizes side by side for "
                               "M = 1..K.")


def parse_inputs(text: str, low: int = 1, high: int = MAX_INPUTS,
                 name: str = "--inputs") -> tuple[int, ...]:
    """The M values of ``--inputs`` (or the option ``name``): a range ``1..10`` or a list
    ``3,5,8``, each in ``low..high``, sorted and distinct.

    Parameters
    ----------
    text : str
        A range ``LOW..HIGH`` or a comma-separated list of integers; repeats are refused.
    low, high : int, optional
        Inclusive bounds every value must lie in (default 1 and ``MAX_INPUTS``).
    name : str, optional
        The option named in error messages (default ``--inputs``).

    Returns
    -------
    tuple of int
        The values, sorted.

    Examples
    --------
    >>> parse_inputs("2..4")
    (2, 3, 4)
    >>> parse_inputs("0..3")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --inputs must lie in 1..12, got 0; M must be at least 1
    >>> parse_inputs("1..13", name="--depth-inputs")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --depth-inputs must lie in 1..12, got 13; training uses all 2^M ...
    >>> parse_inputs("1..100")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --inputs must lie in 1..12, got 13..100; training uses all 2^M ...
    """
    values = int_list(text, name, "1..10", nonempty=True, sort=True)
    check_inputs(values, name, low, high)
    return tuple(values)


def _list(text: str, name: str) -> tuple[int, ...]:
    if text.strip().lower() == "none":  # an empty value is refused, not read as none
        return ()
    example = {"--points": "64,128", "--depths": "1,2"}.get(name, "1,2,3")
    return tuple(int_list(text, name, f"{example} (or none)", nonempty=True, sort=True))


def config_from_options(inputs: str = "1..10", outputs: int = 1, samples: int = 5,
                        seeds: int = 5, steps: int = 1000, lrs: str = "0.01,0.03",
                        success_rate: float = 0.5, depths: str = "1,2",
                        depth_inputs: str = "auto", depth_compare: str = "1,2,3",
                        points: str = "64,128,256,512", d_in: int = 8, classes: int = 2,
                        train: bool = True, seed: int = 0, threads: int = 1):
    """Parse the command-line strings into a :class:`~empirical.compare.compute.CompareConfig`.

    ``depth_inputs`` and ``points`` accept ``none``; ``depth_inputs="auto"`` is the largest M of
    ``inputs`` up to 8 and the largest M; other depth-comparison M values need not be in
    ``inputs``.

    Parameters
    ----------
    inputs : str, optional
        M values, parsed by :func:`parse_inputs` (default ``"1..10"``).
    outputs, samples, seeds, steps : int, optional
        Passed to :class:`~empirical.compare.config.CompareConfig` unchanged.
    lrs : str, optional
        Comma-separated positive learning rates, each in [``MIN_LR``, ``MAX_LR``], no repeat.
    success_rate : float, optional
        Needed success rate p, passed unchanged (default 0.5).
    depths : str, optional
        Comma-separated integers or a range, sorted and distinct; ``none`` gives ``()``.
    depth_inputs : str, optional
        ``auto`` (see above), ``none`` (no depth comparison) or M values as for ``inputs``.
    depth_compare, points : str, optional
        As ``depths``.
    d_in, classes : int, optional
        Input dimension and label classes of the random points, passed unchanged.
    train : bool, optional
        False: bounds and constructions only.
    seed : int, optional
        Base seed, passed unchanged.
    threads : int, optional
        Torch threads per search task (0: torch's default); checked by ``check_threads``.

    Returns
    -------
    CompareConfig
        The configuration of the run.

    Examples
    --------
    >>> config_from_options(inputs="3,5", points="none", depth_inputs="none").points
    ()
    >>> config_from_options(inputs="1..x")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --inputs must be comma-separated integers or a range LOW..HIGH, ...
    """
    from empirical.cli.parse import check_threads, learning_rate_list
    from empirical.compare.config import CompareConfig

    check_threads(threads)
    ms = parse_inputs(inputs)
    key = depth_inputs.strip().lower()
    depth_ms = (auto_depth_inputs(ms) if key == "auto"
                else () if key == "none" else parse_inputs(depth_inputs, name="--depth-inputs"))
    return CompareConfig(
        inputs=ms, outputs=outputs, samples=samples, seeds=seeds,
        steps=steps, lrs=learning_rate_list(lrs, "0.01,0.03"),
        success_rate=success_rate,
        depths=_list(depths, "--depths"),
        depth_inputs=depth_ms,
        depth_compare=_list(depth_compare, "--depth-compare"), points=_list(points, "--points"),
        d_in=d_in, classes=classes, train=train, seed=seed, threads=threads)


def workers_for(cfg, workers: int | None) -> int:
    """Worker processes a compare run uses (:func:`empirical.cli.parse.auto_workers` over its
    search groups; 1, in-process, when nothing is trained).

    Parameters
    ----------
    cfg : CompareConfig
        The run's configuration (its ``train`` and ``search_group_count``).
    workers : int or None
        ``--workers`` as parsed; None picks automatically.

    Returns
    -------
    int
        The number of worker processes (1: in-process).

    Examples
    --------
    >>> workers_for(config_from_options(inputs="1,2", train=False), None)
    1
    >>> workers_for(config_from_options(inputs="1..10"), 3)
    3
    """
    from empirical.cli.parse import auto_workers

    if workers is None and not cfg.train:
        return 1
    return auto_workers(workers, cfg.search_group_count)


#: What a compare or tour worker process runs: the search groups and the hardness study's items.
WORKER_MODULES = ("empirical.compare.searches", "empirical.search.rounds",
                  "empirical.hardness.compute", "empirical.hardness.workers")


def started_executor(scheduler: str | None = None, dask_workers: int | None = None,
                     workers: int | None = 1, threads: int = 1, tasks: int = 0):
    """The executor of a compare or tour run whose first ``map`` has ``tasks`` tasks (its search
    groups): that many of its local worker processes (at most ``workers``) are already starting,
    importing torch and :data:`WORKER_MODULES` while this process imports its own modules. With
    no task (``--no-train``) none starts. An in-process executor trains here, with ``threads``
    torch threads (0: torch's default); only then does this process import torch.

    Parameters
    ----------
    scheduler : str or None, optional
        Address of an existing Dask scheduler (``--scheduler``).
    dask_workers : int or None, optional
        Workers of a local Dask cluster (``--dask-workers``).
    workers : int or None, optional
        Local worker processes (1, the default: in-process). At most one of ``scheduler``,
        ``dask_workers``, ``workers`` may be given (not None).
    threads : int, optional
        Torch threads per task (0: torch's default).
    tasks : int, optional
        Tasks of the first ``map``: how many local workers to start now (0: none).

    Returns
    -------
    Executor
        The executor (a context manager), its local workers started when ``tasks`` > 0.

    Examples
    --------
    >>> with started_executor(workers=1) as ex:
    ...     type(ex).__name__
    'InProcessExecutor'
    """
    from empirical.engine.executor import InProcessExecutor, ProcessExecutor, make_executor

    ex = make_executor(scheduler, dask_workers, workers, threads, preload=WORKER_MODULES)
    if isinstance(ex, ProcessExecutor) and tasks > 0:
        ex.start(tasks)
    if isinstance(ex, InProcessExecutor) and threads:
        import torch

        torch.set_num_threads(threads)
    return ex


def run_with_progress(cfg, scheduler: str | None = None, dask_workers: int | None = None,
                      workers: int | None = 1, hardness: bool = False,
                      beside: Callable[[Any], Any] | None = None):
    """Run :func:`empirical.compare.compute.run_compare` (and, with ``hardness``, the short
    hardness study) with a progress bar; return ``(result, study or None)``.

    ``workers`` > 1 runs the search groups and the study's items in that many local worker
    processes (None: see :func:`workers_for`); ``scheduler``/``dask_workers`` use Dask instead.
    Neither changes a number. ``beside(result)`` (drawing the figures) runs in this process
    while the workers train the study, or after it when everything runs in-process.

    Parameters
    ----------
    cfg : CompareConfig
        What to compare.
    scheduler : str or None, optional
        Address of an existing Dask scheduler.
    dask_workers : int or None, optional
        Workers of a local Dask cluster.
    workers : int or None, optional
        Local worker processes (default 1: in-process); ignored when a Dask option is given.
    hardness : bool, optional
        Also run the short hardness study (only when ``cfg.train``).
    beside : callable or None, optional
        Called once with the comparison result, in this process.

    Returns
    -------
    tuple
        ``(result, study)``: the :func:`~empirical.compare.compute.run_compare` result and the
        hardness study, or None when not run.

    Examples
    --------
    >>> res, study = run_with_progress(config_from_options(inputs="1,2", samples=1, train=False))
    >>> [r.M for r in res.rows], study
    ([1, 2], None)
    """
    local = None if scheduler is not None or dask_workers is not None else workers_for(cfg,
                                                                                        workers)
    # the workers start first: their imports overlap this process's imports of the comparison
    # (`kill` stops them as Ctrl-C does: capacity.interrupts, around every command)
    with started_executor(scheduler, dask_workers, local, cfg.threads,
                          cfg.search_group_count) as ex, progress_bar() as bar:
        from empirical.compare.compute import run_compare

        task = bar.add_task("compare", total=None)

        def progress(label: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=f"compare: {label}")

        result = run_compare(cfg, ex, progress)
        study = None
        if hardness and cfg.train:
            from empirical.compare.report import hardness_config
            from empirical.engine.executor import run_beside
            from empirical.hardness.compute import run_hardness

            def items_done(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total,
                           description="compare: hardness study (NPN classes of M = 3)")

            def study_() -> Any:
                return run_hardness(hardness_config(seed=cfg.seed), ex, items_done)

            if beside is not None:
                study, _ = run_beside(study_, lambda: beside(result), ex)
                return result, study
            study = study_()
        if beside is not None:
            beside(result)
        return result, study


#: The options only training reads (refused with --no-train, which would ignore them).
# --seeds: old name of --trials; the executor's options: nothing else runs in workers (accepted
# and ignored until 2026-12-03). --force is not among them: it also lets long construction work
# through, which --no-train runs (it was refused there, a dead end, 2026-12-05 review)
_TRAINING_OPTIONS = TRAINING_KEYS | {"seeds", "hardness", "workers", "threads", "dask_workers",
                                     "scheduler"}


@compare_app.command()
def compare(
    ctx: typer.Context,
    inputs: Annotated[str, typer.Option("--inputs", "-M", help="M values: a range 1..10 or a "
                                             "list 3,5,8 (1..12).")] = "1..10",
    outputs: Annotated[int, typer.Option("--outputs", "-N",
                                         help="N outputs of the Boolean maps.")] = 1,
    functions: Annotated[int | None, typer.Option(help="Random functions per M on which every "
                                                       "construction is built and verified "
                                                       "(default 5).")] = None,
    samples: Annotated[int | None, typer.Option(help="Deprecated name of --functions (construct "
                                                     "and verify's --samples are inputs).",
                                                hidden=True)] = None,
    trials: Annotated[int | None, typer.Option(help="Trials per candidate size (new data draw "
                                                    "and init each; default 5).")] = None,
    seeds: Annotated[int | None, typer.Option(help="Deprecated name of --trials.",
                                              hidden=True)] = None,
    steps: Annotated[int, typer.Option(help="Adam step budget per trial.")] = 1000,
    lrs: Annotated[str, typer.Option(help="Learning-rate grid, best-of per size.")] = "0.01,0.03",
    success_rate: Annotated[float, typer.Option(help="Needed success rate p.")] = 0.5,
    depths: Annotated[str, typer.Option(help="Hidden layers of the trained columns.")] = "1,2",
    depth_inputs: Annotated[str, typer.Option(help="M values of the equal-parameter depth "
                                                   "comparison (auto: the largest M up to 8 "
                                                   "and the largest M; none to skip).")] = "auto",
    depth_compare: Annotated[str, typer.Option(help="Hidden-layer counts compared at equal "
                                                    "parameters.")] = "1,2,3",
    points: Annotated[str, typer.Option(help="n values of the random-label view (none to "
                                             "skip).")] = "64,128,256,512",
    d_in: Annotated[int, typer.Option(help="Input dimension of the random points.")] = 8,
    classes: Annotated[int, typer.Option(help="Classes V of the random labels.")] = 2,
    train: Annotated[bool, typer.Option(help="Train (--no-train: bounds and constructions "
                                             "only).")] = True,
    hardness: Annotated[bool, typer.Option(help="Also run the short hardness study (every NPN "
                                                "class of M = 3 against the smallest ReLU MLP "
                                                "Adam trains; a few seconds; needs --train).")
                        ] = True,
    seed: Annotated[int, typer.Option(help="Base seed (functions, data, inits).")] = 0,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler tcp://HOST:PORT.")] = None,
    dask_workers: Annotated[int | None, typer.Option(help="Start a local Dask cluster of K "
                                                          "single-threaded workers.")] = None,
    workers: Annotated[str, typer.Option(help=_WORKERS_HELP)] = "auto",
    threads: Annotated[int, typer.Option(help="torch CPU threads per search (0: torch's "
                                              "default).")] = 1,
    out: Annotated[Path | None, typer.Option(
        parser=output_folder, help="Write compare.json/.csv/.md and the "
                                   "figures here.")] = None,
    overwrite: Annotated[bool, typer.Option(help=OVERWRITE_HELP)] = False,
    json_: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the markdown "
                                                              "report.")] = False,
    force: Annotated[bool, typer.Option(help="Run more than 1000 search groups (e.g. a long "
                                             "--points list) or constructions beyond about ten "
                                             "minutes (many --functions at large M).")] = False,
) -> None:
    """Lower bounds, verified constructions and the sizes gradient descent needs, per M."""
    seeds = renamed_option(trials, seeds, "--trials", "--seeds", 5, here=True)
    samples = renamed_option(functions, samples, "--functions", "--samples", 5, here=True)
    cfg = config_from_options(inputs, outputs, samples, seeds, steps, lrs, success_rate, depths,
                              depth_inputs, depth_compare, points, d_in, classes, train, seed,
                              threads)
    if json_ and markdown:
        raise UsageError("give --json or --markdown, not both")
    from capacity.options import refuse_given_options
    from empirical.cli.parse import (
        check_overwrite_has_out,
        check_task_count,
        option_given,
        parse_workers,
    )

    if not train:  # they were accepted, recorded in the config and ignored (2026-12-01 audit)
        # the switches that turn a training part off agree with --no-train
        off = {name for name, is_off in (("hardness", not hardness),
                                         ("points", points.strip().lower() == "none"),
                                         ("depth_inputs", depth_inputs.strip().lower() == "none"),
                                         ("depth_compare",
                                          depth_compare.strip().lower() == "none"),
                                         ("depths", depths.strip().lower() == "none"))
               if is_off}
        refuse_given_options(ctx, _TRAINING_OPTIONS - off,
                             "compare --no-train (bounds and constructions only)")
    elif not hardness and cfg.search_group_count == 0:  # every training part switched off:
        # the training options were accepted, recorded and ignored (2026-12-05 review)
        refuse_given_options(ctx, _TRAINING_OPTIONS - {"hardness", "points", "depth_inputs",
                                                       "depths", "d_in", "classes",
                                                       "depth_compare"},
                             "compare with no search and --no-hardness (nothing is trained: "
                             "that is --no-train)")
    elif cfg.search_group_count == 0:  # only the hardness study trains, with its own recipe:
        # the searches' recipe was recorded in compare.json and ignored (2026-12-06 review)
        refuse_given_options(ctx, {"trials", "seeds", "steps", "lrs", "success_rate"},
                             "compare with no search (only the hardness study trains, with "
                             "its own recipe)")
    # the options of a part switched off were accepted and ignored (2026-12-03 audit)
    if depth_compare.strip().lower() == "none" and depth_inputs.strip().lower() != "none":
        refuse_given_options(ctx, {"depth_inputs"},  # recorded, no depth comparison ran (review)
                             "compare --depth-compare none (no depth comparison)")
    if points.strip().lower() == "none":
        refuse_given_options(ctx, {"d_in", "classes"},
                             "compare --points none (no random-label view)")
    if depth_inputs.strip().lower() == "none" and depth_compare.strip().lower() != "none":
        # both off switches agree: accepted, as each is alone (newcomer review, 2026-12-06)
        refuse_given_options(ctx, {"depth_compare"},
                             "compare --depth-inputs none (no depth comparison)")

    check_task_count(cfg.search_group_count, "search groups (one per M and depth, and per "
                     "--points value)", force, "give fewer --inputs, --depths or --points")
    from empirical.compare.config import MAX_CONSTRUCTION_WORK

    if cfg.construction_work > MAX_CONSTRUCTION_WORK and not force:
        raise UsageError(f"--functions {cfg.samples} at --inputs {inputs} (N = {cfg.outputs}) "
                         f"is {cfg.construction_work:,} units of construction work, above "
                         f"{MAX_CONSTRUCTION_WORK:,} (about ten minutes of building and "
                         "verifying); give fewer --functions or --inputs, or pass --force")
    n_workers = parse_workers(workers, scheduler, dask_workers, option_given(ctx, "workers"))
    check_overwrite_has_out(out, overwrite)
    if out is not None:
        from capacity.atomic_files import check_out_folder

        check_out_folder(out, overwrite)
    from contextlib import nullcontext

    from capacity.atomic_files import staging_folder

    # figures are drawn only for --out, into a folder beside it
    with staging_folder(out, ".memcap-figures-") if out is not None else nullcontext() as drawn:
        def draw(result) -> None:  # while the hardness study trains
            from empirical.compare.plot import plot_compare

            plot_compare(result, drawn)

        result, study = run_with_progress(cfg, scheduler, dask_workers, n_workers, hardness,
                                          beside=draw if out is not None else None)
        from empirical.compare.report import compare_markdown, write_compare
        from empirical.hardness.report import hardness_lines

        if out is not None:
            write_compare(result, out, overwrite, hardness=study, figures_from=drawn)
    if markdown and not json_:
        typer.echo(compare_markdown(result, hardness=study))
        return
    data = result.to_dict()
    if study is not None:  # compare.json keeps its schema; the study rides beside it
        data = {**data, "hardness": study.to_dict()}

    def show(_) -> None:
        _print_table(result, out)
        if study is not None:  # its lines followed the total unlabelled (2026-12-06 review)
            typer.echo("hardness study (exact minimum against the trained size, every NPN "
                       "class; docs/hardness.md):")
            for line in hardness_lines(study):
                typer.echo("  " + line)

    emit(data, json_, show)


def _short(t) -> str:
    """A trained size in a few characters: ``2×8 (2×7✗) 3/5``, ``1 (none✗) 2/2`` when width 1
    passed, ``> 64`` when nothing up to 64 passed, ``diverged at 64`` when every trial there
    diverged (``t`` a TrainedSize or None)."""
    if not t:
        return "—"
    n, b = t.needed, t.bracket
    if not n:
        return t.not_found() if t.diverged else f"> {t.max_size}"
    pre = f"{t.depth}×" if t.depth > 1 else ""
    below = f"{pre}{b.width}✗" if b else "none✗"  # width 1 passed: no failing width below
    return f"{pre}{n.width} ({below}) {n.successes}/{n.trials}"


def _print_table(result, out: Path | None) -> None:
    from rich.console import Console
    from rich.table import Table

    from capacity.terminal import print_table
    from empirical.compare.rows import CONSTRUCTION_METHODS, best_lower

    rows = result.rows
    fams = sorted({f for r in rows for f in r.trained})
    table = Table(title="memcap compare: neurons (sign constructions, median of samples)"
                        + (" and hidden units GD needs" if fams else ""))  # --no-train: no GD
    for col in ("M", "≥ any depth", "≥ 1 hidden", *CONSTRUCTION_METHODS,
                *(f"GD {f[5:]} hidden" for f in fams)):
        table.add_column(col, justify="right")
    for r in rows:
        c = r.constructions
        table.add_row(str(r.M), str(best_lower(r.lower)), str(best_lower(r.lower, "layered")),
                      *(str(c[m].neurons.median) for m in CONSTRUCTION_METHODS),
                      *(_short(r.trained.get(f)) for f in fams))
    console = Console()
    print_table(table, console)
    for line in result.findings:  # plain text: the folder name and findings are not markup
        console.print("• " + line.replace("**", ""), markup=False, soft_wrap=True)
    console.print(f"total {result.timing.total_s:.1f} s"
                  + (f"; folder: {out} (compare.md, compare.json, compare.csv, figures)"
                     if out else ""), markup=False, soft_wrap=True)


tour_app = typer.Typer(add_completion=False, no_args_is_help=False,
                       help="A short end-to-end run (10-20 s on 2 cores): bounds, "
                            "constructions, training, figures, summary.")


@tour_app.command()
def tour(
    out: Annotated[Path, typer.Option(
        parser=output_folder, help="Output folder.")] = Path("memcap-out"),
    overwrite: Annotated[bool, typer.Option(help=OVERWRITE_HELP)] = False,
    quick: Annotated[bool, typer.Option(help="Tiny budgets (M = 1..3, a few hundred steps): a "
                                             "smoke test in seconds.")] = False,
    workers: Annotated[str, typer.Option(help=_WORKERS_HELP)] = "auto",
    json_: Annotated[bool, typer.Option("--json", help="Print the summary data as JSON.")] = False,
) -> None:
    """Bounds, verified constructions, a small trained comparison, figures and summary.md."""
    from capacity.atomic_files import check_out_folder
    from empirical.cli.parse import parse_workers

    n_workers = parse_workers(workers)
    check_out_folder(out, overwrite)  # a refused or unwritable --out fails before torch loads
    from empirical.compare.config import tour_config

    # the workers start first: their imports overlap this process's imports of the tour
    cfg = tour_config(quick)
    with started_executor(workers=workers_for(cfg, n_workers),
                          tasks=cfg.search_group_count) as ex, progress_bar() as bar:
        from empirical.compare.tour import run_tour

        task = bar.add_task("tour", total=None)

        def progress(label: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=f"tour: {label}")

        from memcap.cli import command_started

        data = run_tour(out, overwrite, quick, progress, ex, started=command_started())
    emit(data, json_, _print_tour)


def _print_tour(data: dict) -> None:
    from rich.console import Console

    console = Console()
    for line in data["findings"]:
        console.print("• " + line.replace("**", ""), markup=False, soft_wrap=True)
    console.print(f"tour finished in {data['wall_s']:.0f} s; read {data['out']}/summary.md "
                  "(figures: compare-neurons.png, compare-parameters.png, compare-depth.png, "
                  "compare-random-labels.png)", markup=False, soft_wrap=True)
