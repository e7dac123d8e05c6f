"""``memcap search``: a typer app mounted lazily by ``memcap/cli.py``.

Three modes: the capacity search (:func:`empirical.search.size.search_size`) for a Boolean target
(``--inputs M`` with ``--function``, or ``--table``), random points (``--points n``) or, with
``--model transformer``, n random token sequences (``--points n --seq-len S --classes V``); a
scaling grid (``--points n1,n2,...``: one search per n and the exponent of the needed
parameters, :func:`empirical.memory.scaling.search_scaling`); and the memory curve of a fixed
model (``--memory-curve 50,100,200 --width W``, :func:`empirical.memory.curve.memory_curve`).
Bad input raises ValueError (one line on stderr, exit 2); flags, the output folder and the
executor are checked before anything is trained.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer

from capacity.errors import UsageError
from capacity.options import check_seed, output_folder, renamed_option
from empirical.cli.parse import (
    OVERWRITE_HELP,
    check_overwrite_has_out,
    check_task_count,
    check_threads,
    device_option,
    int_list,
    learning_rate_list,
    option_given,
    options_named,
    parse_workers,
    refuse_unread_options,
    vocabulary_option,
)

__all__ = ["search_app"]

search_app = typer.Typer(add_completion=False, no_args_is_help=False,
                         help="Smallest network gradient descent trains to memorise a target; "
                              "memory curves.")


def _refuse_point_options_for_tokens(d_in, input_law, label_prior, alpha) -> None:
    """Random token sequences (a transformer without --seq2seq) have no input points and uniform
    next tokens: a changed --d-in, --input-law, --label-prior or --alpha would be ignored, so it
    is refused (one line) instead."""
    changed = [name for name, value, default in (
        ("--d-in", d_in, 8), ("--input-law", input_law, "standard_normal"),
        ("--label-prior", label_prior, "uniform"), ("--alpha", alpha, 1.0)) if value != default]
    if changed:
        raise UsageError(f"{', '.join(changed)} set the random points' law, but a transformer "
                         "without --seq2seq trains on uniform random token sequences; drop "
                         f"{'them' if len(changed) > 1 else 'it'} or add --seq2seq (points in, "
                         "labels out)")


#: Options every mode reads (the trainer, the executor, the output).
_COMMON = {"trials", "seeds", "steps", "optimizer", "activation", "model", "depth", "lrs",
           "seed", "device", "dtype", "threads", "scheduler", "dask_workers", "workers", "out",
           "overwrite", "json_"}
#: Options the size search (and a --points list's searches) read; the memory curve does not.
_SEARCH = {"axis", "success_rate", "max_size", "start", "confidence"}
_POINT_LAW = {"d_in", "input_law", "label_prior", "alpha"}
_TRANSFORMER = {"seq_len", "heads", "mlp_ratio", "seq2seq"}


def _options_read(memory_curve, inputs, table, points, model, seq2seq) -> tuple[set, str]:
    """The options the chosen mode reads, and the mode in words (for the refusal)."""
    if memory_curve is not None:
        reads = _COMMON | {"memory_curve", "width", "clip_bits", "classes"}
        mode = "a memory curve" + ("" if model == "transformer" else " of an MLP")
    elif model == "transformer":
        reads, mode = _COMMON | _SEARCH | {"points", "classes"}, "a transformer search"
    elif points is not None:
        reads, mode = _COMMON | _SEARCH | {"points", "classes"} | _POINT_LAW, \
            "a random-points search (--points)"
    elif table is not None:
        reads, mode = _COMMON | _SEARCH | {"table", "inputs"}, "a --table search"
    else:
        reads, mode = _COMMON | _SEARCH | {"inputs", "outputs", "function"}, \
            "a Boolean-function search (--inputs)"
    if memory_curve is not None or points is not None:  # --force lifts their task-count limit;
        reads = reads | {"force"}  # a single search has none, so it read nothing (2026-12-03)
    if model == "transformer":
        reads = reads | _TRANSFORMER | (_POINT_LAW if seq2seq else set())
    elif memory_curve is not None:
        reads = reads | _POINT_LAW
    return reads, mode


def _target(inputs, outputs, function, table, points, classes, d_in, input_law, label_prior,
            alpha, model="mlp", seq_len=16, seq2seq=False):
    from empirical.search.target import SearchTarget

    if seq2seq and model != "transformer":
        raise UsageError("--seq2seq is a transformer task; add --model transformer")
    if model == "transformer":
        if points is None or inputs is not None or table is not None:
            raise UsageError("--model transformer searches random token sequences: give "
                             "--points n (sequences), --seq-len S and --classes V, not "
                             "--inputs/--table")
        if seq2seq:
            return SearchTarget(kind="seq2seq", n=points, classes=classes, seq_len=seq_len,
                                d_in=d_in, input_law=input_law, label_prior=label_prior,
                                alpha=alpha)
        _refuse_point_options_for_tokens(d_in, input_law, label_prior, alpha)
        return SearchTarget(kind="sequences", n=points, classes=classes, seq_len=seq_len)

    chosen = [name for name, v in (("--inputs", inputs), ("--table", table),
                                   ("--points", points)) if v is not None]
    if not chosen:
        raise UsageError("no target; give --inputs M (Boolean functions), --table BITS or "
                         "--points n (random points)")
    if points is not None and len(chosen) > 1:
        raise UsageError(f"{' and '.join(chosen)} conflict; --points searches random points, "
                         "--inputs/--table Boolean functions")
    if points is not None:
        return SearchTarget(kind="points", n=points, classes=classes, d_in=d_in,
                            input_law=input_law, label_prior=label_prior, alpha=alpha)
    if table is not None:
        from constructions.boolean import read_table_text  # as construct reads --table

        t = SearchTarget(table=read_table_text(table))
        if inputs is not None and inputs != t.inputs:
            raise UsageError(f"--inputs {inputs} does not match the table's M = {t.inputs}; "
                             "drop --inputs")
        return t
    return SearchTarget(function=function, inputs=inputs, outputs=outputs)


#: The option that sets each config field a search builds (errors name the option typed).
_FLAGS = {"data.n_train": "--points", "data.classes": "--classes", "data.d_in": "--d-in",
          "data.alpha": "--alpha", "data.seq_len": "--seq-len", "data.outputs": "--outputs",
          "input_law": "--input-law", "label_prior": "--label-prior",
          "model.width": "--width", "model.depth": "--depth", "model.heads": "--heads",
          "model.mlp_ratio": "--mlp-ratio", "train.lr": "--lrs", "train.optimizer": "--optimizer",
          "ns": "--memory-curve"}


@search_app.command()
@options_named(_FLAGS)
def search(
    ctx: typer.Context,
    inputs: Annotated[int | None, typer.Option("--inputs", "-M", help="Boolean target: M inputs "
                                               "(all 2^M points).")] = None,
    outputs: Annotated[int, typer.Option("--outputs", "-N", help="Boolean target: N outputs.")] = 1,
    function: Annotated[str, typer.Option(
        "--function", "-f", help="Family: random (new function per seed), parity, majority, "
                                 "and, or, threshold, ...")] = "random",
    table: Annotated[str | None, typer.Option(help="Explicit truth table(s), e.g. 0110, or a "
                                                   "file with one string per line.")] = None,
    points: Annotated[str | None, typer.Option(
        help="Random-points target: n points (sequences with --model transformer); a list "
             "n1,n2,... runs one search per n and fits the exponent of the needed "
             "parameters.")] = None,
    classes: Annotated[int, typer.Option(help="Random points: V classes (a transformer's "
                                              "vocabulary).")] = 2,
    d_in: Annotated[int, typer.Option(help="Random points: input dimension.")] = 8,
    input_law: Annotated[str, typer.Option(
        callback=vocabulary_option("INPUT_LAWS"),
        help="standard_normal, uniform, rademacher.")] = "standard_normal",
    label_prior: Annotated[str, typer.Option(
        callback=vocabulary_option("LABEL_PRIORS"),
        help="uniform, power_law, exponential.")] = "uniform",
    alpha: Annotated[float, typer.Option(help="Shape of the label prior.")] = 1.0,
    depth: Annotated[int, typer.Option(help="Hidden layers L.")] = 1,
    axis: Annotated[str, typer.Option(
        callback=vocabulary_option("AXES", "empirical.search.options"),
        help="width (hidden units) or parameters (budget; width derived per depth).")
                    ] = "width",
    trials: Annotated[int | None, typer.Option(help="Trials S per candidate size (new data draw "
                                                    "and init each; default 3).")] = None,
    seeds: Annotated[int | None, typer.Option(help="Deprecated name of --trials.",
                                              hidden=True)] = None,
    success_rate: Annotated[float, typer.Option(help="p: needed = smallest size with success "
                                                     "rate >= p.")] = 0.5,
    lrs: Annotated[str, typer.Option(help="Learning-rate grid (best-of per size).")
                   ] = "0.003,0.01,0.03",
    steps: Annotated[int, typer.Option(help="Step budget per trial.")] = 2000,
    optimizer: Annotated[str, typer.Option(
        callback=vocabulary_option("OPTIMIZERS"),
        help="adam, adamw or sgd.")] = "adam",
    activation: Annotated[str | None, typer.Option(
        callback=vocabulary_option("ACTIVATIONS"),
        help="relu, tanh, gelu, silu, relu2, identity, sign (straight-through); default relu, "
             "gelu for a transformer.")] = None,
    model: Annotated[str, typer.Option(
        callback=vocabulary_option("MODEL_KINDS"),
        help="mlp or transformer (decoder-only, GPT-style, on random token sequences).")
                     ] = "mlp",
    seq_len: Annotated[int, typer.Option(help="Transformer: tokens per sequence S (S − 1 are "
                                              "predicted).")] = 16,
    heads: Annotated[int, typer.Option(help="Transformer: attention heads (the width is a "
                                            "multiple of it).")] = 1,
    mlp_ratio: Annotated[int, typer.Option(help="Transformer: MLP width / model width.")] = 4,
    clip_bits: Annotated[bool, typer.Option(help="Memory curve: clip each point's (sequence's) "
                                                 "memorised bits at 0.")] = False,
    seq2seq: Annotated[bool, typer.Option(
        help="Transformer: Kim et al.'s sequence-to-sequence task (--seq-len tokens in R^d-in "
             "per sequence, a random label per token, bidirectional attention) instead of "
             "next tokens.")] = False,
    max_size: Annotated[int, typer.Option(help="Bracket ceiling (units or parameters).")] = 4096,
    start: Annotated[int | None, typer.Option(help="First candidate size (default: the size "
                                                   "storing 4 bits/parameter).")] = None,
    seed: Annotated[int, typer.Option(
        help="Base seed of data draws and inits (a memory curve's trials are seeds SEED.."
             "SEED+trials-1, so --seed 0 and 1 share all trials but one).")] = 0,
    confidence: Annotated[float, typer.Option(help="Wilson interval coverage.")] = 0.95,
    memory_curve: Annotated[str | None, typer.Option(
        help="Memory-curve mode: n grid, e.g. 50,100,200,400 (fixed --width model).")] = None,
    width: Annotated[int | None, typer.Option(help="Memory curve: hidden width.")] = None,
    device: Annotated[str, typer.Option(callback=device_option, help="cpu or cuda.")] = "cpu",
    dtype: Annotated[str, typer.Option(
        callback=vocabulary_option("DTYPES"),
        help="float32, float64 or bfloat16 (mixed precision: bf16 autocast, float32 "
             "weights).")] = "float32",
    threads: Annotated[int, typer.Option(help="torch CPU threads (0: torch's default).")] = 0,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler tcp://HOST:PORT.")] = None,
    dask_workers: Annotated[int | None, typer.Option(help="Start a local Dask cluster of K "
                                                          "workers.")] = None,
    workers: Annotated[str, typer.Option(help="Local worker processes for the ensembles of a "
                                              "round (a --points list runs its searches one "
                                              "after another, each round's ensembles in "
                                              "parallel) or the n of a memory curve: K or auto "
                                              "(one per available core); 1 (default) runs in "
                                              "this process. Each worker uses --threads "
                                              "threads (0 means 1 there).")] = "1",
    out: Annotated[Path | None, typer.Option(
        parser=output_folder, help="Folder for the results: search.json, candidates.csv, "
                                   "metrics.csv (every trained member's curves), search.png "
                                   "(a --memory-curve: memory.json, .csv, .png, "
                                   ".md; a --points list: scaling.json, .csv, .png, "
                                   ".md and metrics.csv).")] = None,
    overwrite: Annotated[bool, typer.Option(help=OVERWRITE_HELP)] = False,
    json_: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    force: Annotated[bool, typer.Option(help="Run more than 1000 searches (a --points list) or "
                                             "memory-curve n values.")] = False,
) -> None:
    """Find the smallest network that gradient descent trains to memorise the target."""
    seeds = renamed_option(trials, seeds, "--trials", "--seeds", 3, here=True)
    if isinstance(seeds, bool) or seeds < 1:
        raise UsageError(f"--trials must be an integer >= 1, got {seeds}")
    check_threads(threads)
    # a memory curve's trials are seeds seed .. seed + trials − 1 (written to memory.csv)
    check_seed(seed, draws=seeds if memory_curve is not None else 1)
    from empirical.engine.config import DTYPES, check_choice
    check_choice("--dtype", dtype, DTYPES)  # the options' check named "dtype" (2026-12-05)
    n_workers = parse_workers(workers, scheduler, dask_workers, option_given(ctx, "workers"))
    executor_args = (scheduler, dask_workers, n_workers, threads, device)
    check_overwrite_has_out(out, overwrite)
    if out is not None:  # a refused or unwritable --out fails here, before torch is imported
        from capacity.atomic_files import check_out_folder

        check_out_folder(out, overwrite)
    lr_grid = learning_rate_list(lrs)
    if model not in ("mlp", "transformer"):
        raise UsageError(f"unknown --model {model!r}; choose mlp or transformer")
    if activation is None:  # an empty --activation is refused, not the default
        activation = "gelu" if model == "transformer" else "relu"
    if seq2seq and model != "transformer":
        raise UsageError("--seq2seq is a transformer task; add --model transformer")
    shape = dict(model=model, seq_len=seq_len, heads=heads, mlp_ratio=mlp_ratio,
                 seq2seq=seq2seq)
    reads, mode = _options_read(memory_curve, inputs, table, points, model, seq2seq)
    if "alpha" in reads and label_prior == "uniform" and option_given(ctx, "alpha"):
        # recorded in search.json, read by nothing (2026-12-03 audit)
        raise UsageError("--alpha shapes the power_law and exponential label priors; the "
                         "uniform prior (--label-prior uniform, the default) does not read it: "
                         "drop it or choose a prior")
    if memory_curve is not None:
        if len(lr_grid) > 1 and option_given(ctx, "lrs"):  # the default grid: its first value
            raise UsageError(f"--memory-curve trains one learning rate, got --lrs {lrs}; give "
                             "one value")
        _memory(memory_curve, width, points, inputs, table, classes, d_in, input_law,
                label_prior, alpha, depth, activation, optimizer, lr_grid, steps, seeds, seed,
                device, dtype, threads, executor_args, out, overwrite, json_,
                clip_bits=clip_bits, refuse=lambda: refuse_unread_options(ctx, reads, mode),
                force=force, **shape)
        return
    if width is not None:
        raise UsageError("--width fixes the model of a memory curve; the search finds the width "
                         "itself (drop --width, or add --memory-curve)")
    from empirical.search.options import SearchOptions

    grid = (int_list(points, "--points", "100", nonempty=True, distinct=True)
            if points is not None else None)
    if grid is not None:
        if force and len(grid) == 1:  # one search: no task-count limit to lift (review)
            raise UsageError("--force lifts the limit on the number of searches of a --points "
                             "list; one value runs one search: drop --force")
        check_task_count(len(grid), "searches (one per --points value)", force)
    # a --points list's template target takes its smallest n (each search replaces it); every
    # n is checked below, its error naming it
    target = _target(inputs, outputs, function, table, min(grid) if grid else None, classes,
                     d_in, input_law, label_prior, alpha, model, seq_len, seq2seq)
    refuse_unread_options(ctx, reads, mode)
    opts = SearchOptions.of(depth=depth, axis=axis, seeds=seeds, success_rate=success_rate,
                         lrs=lr_grid, steps=steps, optimizer=optimizer, activation=activation,
                         max_size=max_size, start=start, seed=seed, device=device, dtype=dtype,
                         confidence=confidence, model=model, heads=heads,
                         mlp_ratio=mlp_ratio)
    from empirical.search.options import check_search
    from empirical.search.report import print_search, write_search

    if grid is None or len(grid) == 1:
        check_search(target, opts)
    else:  # every search of a --points list, before any trains (review)
        for n in grid:
            try:
                check_search(dataclasses.replace(target, n=n), opts)
            except UsageError as exc:
                raise UsageError(f"--points {n}: {exc}") from None
    _prepare(device, threads)
    if grid is not None and len(grid) > 1:
        from empirical.memory.scaling import print_scaling, search_scaling, write_scaling

        _run_and_report(
            executor_args, f"scaling {target.describe()}: searches", len(grid),
            lambda ex, progress: search_scaling(target, grid, opts, ex, progress=progress,
                                                curves=out is not None),
            write_scaling, print_scaling, out, overwrite, json_,
            lambda r: f"scaling folder: {out} (scaling.json, scaling.csv, "
                      + ("metrics.csv, " if r.curves is not None else "")
                      + "scaling.png, scaling.md)" + (f"; {r.curves_note}" if r.curves_note
                                                       else ""))
        return
    from empirical.search.size import search_size

    _run_and_report(
        executor_args, f"search {target.describe()}: ensembles", None,
        lambda ex, progress: search_size(target, opts, ex, progress=progress,
                                         curves=out is not None),
        write_search, print_search, out, overwrite, json_,
        lambda r: f"search folder: {out} (search.json, candidates.csv, "
                  + ("metrics.csv, " if r.curves is not None else "") + "search.png)"
                  + (f"; {r.curves_note}" if r.curves_note else ""))


def _run_and_report(executor_args: tuple, label: str, total: int | None, work, write, show,
                    out, overwrite: bool, json_: bool, folder_line) -> None:
    """Run ``work(executor, progress)`` under a progress bar, write its result to ``out``
    (if given) with ``write(result, out, overwrite)``, then print it: ``--json`` or ``show``
    and ``folder_line`` (formatted with ``out``, or called with the result). ``executor_args``
    is ``(scheduler, dask_workers, workers, threads, device)``: workers None means auto (one
    per available core; 1 on cuda, as docs/cli.md says), 1 in-process."""
    from empirical.cli.console import emit, progress_bar
    from empirical.cli.parse import auto_workers
    from empirical.engine.executor import available_cpus, make_executor

    scheduler, dask_workers, workers, threads, device = executor_args
    if scheduler is not None or dask_workers is not None:
        workers = None  # Dask instead (the flags were checked not to clash)
    elif workers is None:  # one per core: --device cuda started as many GPU workers (audit)
        workers = auto_workers(None, available_cpus(), device)
    with make_executor(scheduler, dask_workers, workers, threads or 1) as ex, \
            progress_bar() as bar:
        task = bar.add_task(label, total=total)
        result = work(ex, lambda d, t: bar.update(task, completed=d, total=t))
    if out is not None:
        write(result, out, overwrite)
    if json_:
        emit(result.to_dict(), True, show)
        return
    show(result)
    if out is not None:
        typer.echo(folder_line(result) if callable(folder_line) else folder_line.format(out=out))


def _prepare(device: str, threads: int) -> None:
    from empirical.engine.run import resolve_device

    resolve_device(device)
    if threads:
        import torch

        torch.set_num_threads(threads)


def _memory(grid, width, points, inputs, table, classes, d_in, input_law, label_prior, alpha,
            depth, activation, optimizer, lr_grid, steps, seeds, seed, device, dtype, threads,
            executor_args, out, overwrite, json_, *, clip_bits=False, model="mlp",
            seq_len=16, heads=1, mlp_ratio=4, seq2seq=False, refuse=lambda: None,
            force=False) -> None:
    """The memory-curve mode: a fixed model trained on n random points (n random sequences for
    a transformer) for every n."""
    ns = int_list(grid, "--memory-curve", "50,100,200", nonempty=True, distinct=True)
    if min(ns) < 1:  # checked as data.n_train first, it was reported as --points
        raise UsageError(f"--memory-curve must be distinct positive integers, got {ns}")
    if force and len(ns) == 1:  # as for --points: one training, no count limit to lift
        raise UsageError("--force lifts the limit on the number of trainings of a "
                         "--memory-curve list; one value runs one training: drop --force")
    check_task_count(len(ns), "trainings (one per --memory-curve value)", force)
    if width is None:
        raise UsageError("--memory-curve needs the fixed model's --width, e.g. --width 32")
    if points is not None or inputs is not None or table is not None:
        raise UsageError("--memory-curve varies the number of random points itself; drop "
                         "--points/--inputs/--table")
    from empirical.engine.config import MAX_DEPTH, MAX_TRIALS

    if seeds < 1:
        raise UsageError(f"--trials must be an integer >= 1, got {seeds}")
    if seeds > MAX_TRIALS:  # the other modes' limit (1001 trained, 2026-12-04 review)
        raise UsageError(f"--trials must be at most {MAX_TRIALS}, got {seeds}")
    if model == "mlp" and not 1 <= depth <= MAX_DEPTH:  # as the searches: depth 0 trained a
        # linear model and ignored the --width it asked for (2026-12-04 review)
        raise UsageError(f"--depth (hidden layers) must be an integer in 1..{MAX_DEPTH}, got "
                         f"{depth}")
    from empirical.search.options import check_steps

    check_steps(steps)
    if model == "transformer" and not seq2seq:
        _refuse_point_options_for_tokens(d_in, input_law, label_prior, alpha)
    refuse()  # options this mode would ignore
    from empirical.engine.config import DataConfig, ModelConfig, RunConfig, TrainConfig

    if seq2seq:
        data = DataConfig(kind="seq2seq", d_in=d_in, classes=classes, seq_len=seq_len,
                          input_law=input_law, label_prior=label_prior, alpha=alpha,
                          n_train=max(ns), n_test=0)
    elif model == "transformer":
        data = DataConfig(kind="tokens", classes=classes, seq_len=seq_len, n_train=max(ns),
                          n_test=0)
    else:
        data = DataConfig(kind="random", d_in=d_in, classes=classes, input_law=input_law,
                          label_prior=label_prior, alpha=alpha, n_train=max(ns), n_test=0)
    base = RunConfig(
        data=data,
        model=ModelConfig(depth=depth, width=width, activation=activation, kind=model,
                          heads=heads, mlp_ratio=mlp_ratio),
        train=TrainConfig(optimizer=optimizer, lr=lr_grid[0], steps=steps, early_stop=False,
                          log_every=max(1, steps), clip_bits=clip_bits),
        device=device, dtype=dtype)
    _prepare(device, threads)
    from empirical.memory.curve import memory_curve
    from empirical.memory.report import print_memory_curve, write_memory_curve

    _run_and_report(
        executor_args, f"memory curve: {len(ns)} n x {seeds} trials", len(ns),
        lambda ex, progress: memory_curve(base, ns, list(range(seed, seed + seeds)),
                                          executor=ex, progress=progress),
        write_memory_curve, print_memory_curve, out, overwrite, json_,
        "memory-curve folder: {out}")
