"""``memcap train`` and ``memcap bench``: typer apps mounted lazily by ``memcap/cli.py``.

Bad input raises ValueError; the shell turns it into one line on stderr and exit status 2.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from capacity.errors import UsageError
from capacity.options import input_path, output_folder
from empirical.cli.console import emit, print_rows, progress_bar
from empirical.cli.parse import (
    check_overwrite_has_out,
    device_option,
    int_list,
    options_named,
    vocabulary_option,
)
from empirical.engine.executor import set_threads

__all__ = ["bench_app", "train_app"]

train_app = typer.Typer(add_completion=False, no_args_is_help=False,
                        help="Train (an ensemble of) MLPs to memorise data.")
bench_app = typer.Typer(add_completion=False, no_args_is_help=False,
                        help="Benchmarks: train (ensemble vs plain loop, FLOP/s vs peak), "
                             "sweep (vs a plain script), transformer, construct.")


#: The option that sets each config field (errors name the option the user typed).
_FLAGS = {"ensemble": "--ensemble", "init_seeds": "--seeds", "data_seeds": "--data-seeds",
          "widths": "--widths", "device": "--device", "dtype": "--dtype",
          "train.steps": "--steps", "train.lr": "--lr", "train.optimizer": "--optimizer",
          "train.batch_size": "--batch-size", "train.log_every": "--log-every",
          "train.early_stop": "--early-stop", "model.width": "--width", "model.depth": "--depth",
          "model.activation": "--activation", "data.n_train": "--n-train",
          "data.n_test": "--n-test", "data.d_in": "--d-in", "data.classes": "--classes",
          "data.inputs": "--inputs", "data.outputs": "--outputs", "data.function": "--function",
          "data.table": "--table", "data.kind": "--inputs/--outputs/--function/--table"}


def _key(field: str, value):
    """What decides whether a field's value equals a per-member list's entry: a truth table as
    its strings, spaces around the commas not counted (``table_strings``: "0110, 1001" is
    "0110,1001", which was refused beside it, review)."""
    if field != "data.table":
        return value
    from constructions.boolean import table_strings

    return table_strings(str(value)) or value


def _ints(text: str | None, name: str) -> list[int] | None:
    # an empty list is refused: '' trained the defaults (2026-12-01 review)
    return None if text is None else int_list(text, name, nonempty=True)


def _user_settings(config: Path | None, sets: list[str]) -> tuple[dict, str]:
    """The top-level settings the user wrote — the config file's, then ``--set``'s over them —
    and where their ``ensemble`` comes from (``--set`` is applied after the file: its value is
    the one that counts)."""
    from empirical.engine.config import parse_overrides, read_config_file

    typed = parse_overrides(sets)
    given = {} if config is None else read_config_file(config)
    source = ("--set" if "ensemble" in typed or config is None
              else f"the config file {str(config)!r}")
    return {**given, **typed}, source


def _check_written_lists(given: dict) -> None:
    """Refuse an ``ensemble`` the user wrote (``--set`` or the config file: ``given``) beside a
    per-member list they wrote there too of another length: ``--set ensemble=1 --set
    'widths=[4,8]'`` trained 2 members and config.json said ``ensemble: 1`` (the engine reads 1
    as "not set"; 2026-12-04 review). A preset's ensemble is a default the list replaces."""
    from empirical.engine.config import MEMBER_LISTS

    k = given.get("ensemble")
    if isinstance(k, bool) or not isinstance(k, int):
        return  # absent, or refused with its own message by the config check
    for key in MEMBER_LISTS:
        values = given.get(key)
        if isinstance(values, list) and values and len(values) != k:
            raise UsageError(f"ensemble = {k} but {key} lists {len(values)} values (both "
                             "written in --set or the config file); give one per member or drop "
                             "the ensemble setting")


def _check_ensemble_setting(given: dict, source: str, flat: dict) -> None:
    """Refuse an ``ensemble`` from ``--set`` or the config file (``given``, from ``source``)
    that disagrees with the length of a per-member list option (``--seeds``, ``--data-seeds``,
    ``--widths``), which sets K when ``--ensemble`` is not given: the list won silently
    (``--set ensemble=5 --seeds 1,2`` trained 2 members, 2026-12-04 review), while ``--ensemble
    5`` beside it is refused. A preset's ensemble is a default the list replaces."""
    k = given.get("ensemble")
    if k is None:
        return
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:  # the list would replace it
        raise UsageError(f"ensemble must be a positive integer, got {k!r} (from {source})")
    if k != flat["ensemble"]:
        option = next(_FLAGS[key] for key in ("init_seeds", "data_seeds", "widths") if flat[key])
        raise UsageError(f"ensemble = {k} (from {source}) but {option} lists "
                         f"{flat['ensemble']} values; give one per member or drop the "
                         "ensemble setting")


@train_app.command()
def train(
    config: Annotated[Path | None, typer.Option(
        "--config", "-c", help="TOML config file, or a run folder's config.json (trains that "
                               "run again).", parser=input_path)] = None,
    preset: Annotated[str | None, typer.Option(
        callback=vocabulary_option("PRESETS"),
        help="Start from a preset: l2-blog (default), boolean-small.")] = None,
    set_: Annotated[list[str] | None, typer.Option(
        "--set", help="Override any key, e.g. --set train.lr=0.01 (repeatable).")] = None,
    ensemble: Annotated[int | None, typer.Option(help="Number of members K.")] = None,
    seeds: Annotated[str | None, typer.Option(help="Init seeds, one per member: 1,2,3.")] = None,
    data_seeds: Annotated[str | None, typer.Option(help="Data seeds, one per member.")] = None,
    widths: Annotated[str | None, typer.Option(help="Hidden widths, one per member.")] = None,
    steps: Annotated[int | None, typer.Option(help="Optimiser steps.")] = None,
    lr: Annotated[float | None, typer.Option(help="Learning rate.")] = None,
    optimizer: Annotated[str | None, typer.Option(
        callback=vocabulary_option("OPTIMIZERS"),
        help="adam, adamw or sgd.")] = None,
    width: Annotated[int | None, typer.Option(help="Hidden width.")] = None,
    depth: Annotated[int | None, typer.Option(help="Hidden layers.")] = None,
    activation: Annotated[str | None, typer.Option(
        callback=vocabulary_option("ACTIVATIONS"),
        help="relu, tanh, gelu, silu, relu2, identity, sign (straight-through).")] = None,
    n_train: Annotated[int | None, typer.Option(help="Training points.")] = None,
    n_test: Annotated[int | None, typer.Option(help="Test points.")] = None,
    inputs: Annotated[int | None, typer.Option(
        help="Boolean data: every point of a function of M inputs; with --outputs, --function "
             "or --table it sets data.kind = boolean (as memcap search's).")] = None,
    outputs: Annotated[int | None, typer.Option(help="Boolean data: N outputs.")] = None,
    function: Annotated[str | None, typer.Option(
        help="Boolean data: the family (random, parity, majority, and, or, threshold, ...).")
        ] = None,
    table: Annotated[str | None, typer.Option(
        help="Boolean data: an explicit truth table, e.g. 0110 (outputs comma-separated), or a "
             "file with one string per line.")] = None,
    d_in: Annotated[int | None, typer.Option(
        "--d-in", help="Input dimension of random points (as memcap search's).")] = None,
    classes: Annotated[int | None, typer.Option(
        help="Label classes V of random points or token sequences (as memcap search's).")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Mini-batch size (0: full).")] = None,
    log_every: Annotated[int | None, typer.Option(help="Log every k steps.")] = None,
    early_stop: Annotated[bool | None, typer.Option(
        "--early-stop/--no-early-stop", help="Stop each member at best train accuracy.")] = None,
    device: Annotated[str | None, typer.Option(callback=device_option,
                                               help="cpu (default) or cuda.")] = None,
    dtype: Annotated[str | None, typer.Option(
        callback=vocabulary_option("DTYPES"),
        help="float32 (default), float64 or bfloat16 (mixed precision).")] = None,
    out: Annotated[Path | None, typer.Option(
        parser=output_folder, help="Run folder to write (none: no files).")] = None,
    overwrite: Annotated[bool, typer.Option(
        help="Replace an existing run folder that memcap wrote (one holding files memcap did "
             "not write is refused).")] = False,
    json_: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    threads: Annotated[int, typer.Option(help="torch CPU threads (0: torch's default).")] = 0,
    force: Annotated[bool, typer.Option(help="Train even when the run needs more than half of "
                                             "this machine's memory.")] = False,
) -> None:
    """Train the configured ensemble; write its run folder with --out.

    MLPs by default. A transformer on random tokens:
    --set "model.kind='transformer'" --set "data.kind='tokens'"
    (docs/transformers.md; search takes --model transformer instead).
    """
    set_threads(threads)
    from empirical.engine.config import (
        check_memory,
        load_config,
        parse_overrides,
        written_member_count,
    )

    if width is not None and widths is not None:
        raise UsageError("give --width (every member) or --widths (one per member), not both")
    if table is not None:  # as construct and search read it: bits, or a file
        from constructions.boolean import read_table_text

        table = read_table_text(table)
    flat = {"ensemble": ensemble, "init_seeds": _ints(seeds, "--seeds"),
            "data_seeds": _ints(data_seeds, "--data-seeds"), "widths": _ints(widths, "--widths"),
            "device": device, "dtype": dtype}
    sections = {
        "train": {"steps": steps, "lr": lr, "optimizer": optimizer, "batch_size": batch_size,
                  "log_every": log_every, "early_stop": early_stop},
        "model": {"width": width, "depth": depth, "activation": activation},
        "data": {"n_train": n_train, "n_test": n_test, "d_in": d_in, "classes": classes,
                 "inputs": inputs, "outputs": outputs, "function": function,
                 "table": table},
    }
    if any(v is not None for v in (inputs, outputs, function, table)):
        sections["data"]["kind"] = "boolean"  # search's words for a Boolean target
    typed_lists = [(name, values) for name, values in (
        ("--seeds", flat["init_seeds"]), ("--data-seeds", flat["data_seeds"]),
        ("--widths", flat["widths"])) if values]
    for name, values in typed_lists:  # each list sets K unless --ensemble says otherwise
        first, first_values = typed_lists[0]
        if ensemble is not None and len(values) != ensemble:
            raise UsageError(f"--ensemble {ensemble} but {name} lists {len(values)} values; give "
                             "one per member or drop --ensemble")
        if ensemble is None and len(values) != len(first_values):  # the config said "the
            # ensemble has 3 members" to a user who had typed no ensemble (2026-12-07)
            raise UsageError(f"{first} lists {len(first_values)} values but {name} lists "
                             f"{len(values)}; give one per member in each")
    if ensemble is None:  # the ensemble the user wrote, read once for both checks
        given, source = _user_settings(config, set_ or [])
        if typed_lists:  # per-member lists set K unless --ensemble says otherwise
            flat["ensemble"] = len(typed_lists[0][1])
            _check_ensemble_setting(given, source, flat)
        _check_written_lists(given)
        if not typed_lists and "ensemble" not in given:  # a written list sets K, as options do
            flat["ensemble"] = written_member_count(given, "--set or the config file")
    if flat["widths"] and min(flat["widths"]) < 1:  # before the copy below names model.width
        raise UsageError("--widths must be positive integers")
    if flat["widths"] and width is None:  # the members' widths: model.width is not read then;
        sections["model"]["width"] = flat["widths"][0]  # the saved config shows a member's
    update = {k: v for k, v in flat.items() if v is not None}
    update.update({s: {k: v for k, v in d.items() if v is not None} for s, d in sections.items()})
    given = {**{k: _FLAGS[k] for k in update if k in _FLAGS},
             **{f"{s}.{k}": _FLAGS[f"{s}.{k}"] for s in sections for k in update[s]}}
    if width is None:  # model.width copied from --widths is not the user's --width
        given.pop("model.width", None)
    if ensemble is None:  # K counted from a list is not the user's --ensemble
        given.pop("ensemble", None)
    overrides = parse_overrides(set_ or [])  # {section: {key: value}} or {field: value}
    typed_sets = {f"{section}.{key}" if isinstance(keys, dict) else section:
                  keys[key] if isinstance(keys, dict) else keys
                  for section, keys in overrides.items()
                  for key in (keys if isinstance(keys, dict) else (None,))}
    twice = sorted(set(typed_sets) & set(given))  # the option won, the --set value unchecked
    if twice:  # (--set train.steps=1.5 --steps 5 trained 5 steps, 2026-12-03 audit)
        raise UsageError(f"{twice[0]} is given twice, by --set and by {given[twice[0]]}; "
                         "give one of them")
    # model.width copied from --widths is named as --widths in a refusal (a transformer's
    # "model.width 6 is not a multiple of model.heads 4" named a field the user had not typed)
    named = {**given, **({"model.width": "--widths"} if flat["widths"] and width is None
                         and "model.width" not in typed_sets else {})}
    named.pop("data.kind", None)  # "--d-in is not used when data.kind = 'boolean'" reads best
    with options_named(named):  # a field set by an option is named as that option
        # preset, --config, --set and the options merged, then checked once: keys that must
        # agree (model.width and model.heads) may come from different layers
        cfg = load_config(config, preset, set_ or [], update)
    # a per-member list outranks a field, so a field the user typed beside one would be lost
    # when some member's value differs (an equal one is kept: a transformer's model.width must
    # divide by its heads, and only --widths copies the first width there)
    for option, value, field, name, listed in (("--lr", lr, "train.lr", "lrs", cfg.lrs),
                                               ("--width", width, "model.width", "widths",
                                                cfg.widths),
                                               ("--table", sections["data"]["table"],
                                                "data.table", "tables", cfg.tables)):
        if value is not None and any(_key(field, v) != _key(field, value) for v in listed):
            raise UsageError(f"{option} sets {field} for every member, but {name} (from --config "
                             f"or --set) gives one per member and would be used instead; drop "
                             "one of them")
        if field in typed_sets and any(_key(field, v) != _key(field, typed_sets[field])
                                       for v in listed):
            source = "--widths" if name == "widths" and flat["widths"] else name
            raise UsageError(f"--set {field} sets it for every member, but {source} gives one "
                             "per member and would be used instead; drop one of them")
    if cfg.model.depth == 0 and cfg.model.kind == "mlp":  # a linear model has no hidden layer
        typed = "--width" if width is not None else "--widths" if flat["widths"] else None
        depth_from = "--depth 0" if depth is not None else "model.depth = 0"
        if typed:
            raise UsageError(f"{typed} sets a hidden width, but {depth_from} is a linear model "
                             f"with no hidden layer; drop {typed} or raise the depth")
        if activation is not None:  # no hidden unit applies it (it was dropped, review)
            raise UsageError(f"--activation sets the hidden units' activation, but {depth_from} "
                             "is a linear model with no hidden layer; drop --activation or "
                             "raise the depth")
    check_overwrite_has_out(out, overwrite)  # accepted and ignored until 2026-12-03
    check_memory(cfg, force)
    if out is not None:
        from capacity.atomic_files import check_out_folder

        check_out_folder(out, overwrite)
    from empirical.engine.plots import StripProcess
    from empirical.engine.run import resolve_device, run_training, summarise, write_run

    resolve_device(cfg.device)
    # the strip's process imports matplotlib on the other core while this one trains
    with StripProcess() if out is not None else nullcontext() as strip:
        with progress_bar() as bar:
            task = bar.add_task(f"training {cfg.size} member(s)", total=cfg.train.steps)

            def shown(step: int) -> None:
                bar.update(task, completed=step)

            result = run_training(cfg, on_log=shown, on_step=shown)
            if out is not None:  # 10^6 log rows a member: seconds to write and draw
                bar.add_task(f"writing {out}", total=None)
                write_run(result, out, overwrite, strip=strip)
    summary = summarise(result)
    if out is not None:
        summary["out"] = str(out)
    emit(summary, json_, _print_summary)


def _print_summary(summary: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    from capacity.terminal import print_table

    # "fit at" read as the fit's step, after "stop" in the same row (130 beside 128: the
    # first log after an early stop, 2026-12-06 review): the caption says which is which
    table = Table(title=f"memcap train: {summary['ensemble']} member(s), {summary['steps']} steps,"
                        f" {summary['wall_s']:.2f} s",
                  caption="fit (log): first logged step at best train accuracy; stop: the exact "
                          "stop step")
    for col in ("k", "width", "params", "loss", "acc", "test acc", "ℓ2", "bits", "fit (log)",
                "stop"):
        table.add_column(col, justify="right")
    for m in summary["members"]:
        f = m["final"]

        def fmt(v, spec=".4f"):
            return "—" if v is None else format(v, spec)

        table.add_row(str(m["member"]), str(m["width"]), str(m["parameters"]),
                      fmt(f["train_loss"]), fmt(f["train_acc"], ".3f"), fmt(f["test_acc"], ".3f"),
                      fmt(f["weight_l2"], ".3f"), fmt(f["memorised_bits"], ".1f"),
                      fmt(m["first_logged_step_at_best_accuracy"], "d"),  # 0 is a step:
                      "diverged" if m["diverged"] else fmt(m["stop_step"], "d"))  # `or` hid it
    print_table(table)
    if "out" in summary:
        Console().print(f"run folder: {summary['out']}", markup=False, soft_wrap=True)


@bench_app.command("train")
def bench_train(
    quick: Annotated[bool, typer.Option(help="Short version: fewer steps, 2 loop models.")] = False,
    json_: Annotated[bool, typer.Option("--json", help="Print results as JSON.")] = False,
    device: Annotated[str, typer.Option(callback=device_option,
                                        help="cpu (default) or cuda.")] = "cpu",
    threads: Annotated[int, typer.Option(help="torch CPU threads (0: torch's default).")] = 0,
) -> None:
    """(a) 64 small models: ensemble vs plain loop; (b) l2-blog model on 25 600 points: FLOP/s
    against the measured fp32 matmul peak."""
    from empirical.bench.train import bench_train as run_bench
    from empirical.engine.run import resolve_device

    resolve_device(device)
    set_threads(threads)
    from capacity.terminal import progress_bar

    with progress_bar(counts=True) as bar:  # minutes in full (15 at two busy threads): no
        # silent wait (bench review, 2026-12-05)
        results = run_bench(quick=quick, device=device,
                            progress=_stage_progress(bar, "bench train {}: steps"))
    title = "memcap bench train" + (" (quick)" if quick else "")
    emit(results, json_, lambda r: _print_results(title, r))


@bench_app.command("transformer")
def bench_transformer(
    quick: Annotated[bool, typer.Option(help="Short version: 20 steps, 2 loop models.")] = False,
    json_: Annotated[bool, typer.Option("--json", help="Print results as JSON.")] = False,
    device: Annotated[str, typer.Option(callback=device_option,
                                        help="cpu (default) or cuda.")] = "cpu",
    dtype: Annotated[str, typer.Option(
        callback=vocabulary_option("DTYPES"),
        help="float32 or bfloat16 (mixed precision).")] = "float32",
    threads: Annotated[int, typer.Option(help="torch CPU threads (0: torch's default).")] = 0,
) -> None:
    """Transformer ensembles (batched matmuls, torch.func.vmap) against a plain loop of the
    same models, seconds per model, at two sizes."""
    from empirical.engine.config import check_choice
    from empirical.engine.run import resolve_device

    check_choice("--dtype", dtype, ("float32", "bfloat16"))  # named as typed (it said "dtype")
    resolve_device(device)
    set_threads(threads)
    from capacity.terminal import progress_bar
    from empirical.bench.transformer import bench_transformer as run_bench

    with progress_bar(counts=True) as bar:  # about a minute in full: no silent wait
        task = bar.add_task("bench transformer: cases", total=2)
        results = run_bench(quick=quick, device=device, dtype=dtype,
                            progress=lambda done, total: bar.update(task, completed=done,
                                                                    total=total))
    flat = {"device": results["device"], "threads": results["threads"],
            "load_avg_start": results["load_avg_start"], "load_avg_end": results["load_avg_end"]}
    for i, case in enumerate(results["cases"]):
        tag = f"case{i}_w{case['width']}_L{case['depth']}_K{case['models']}"
        for impl, sec in case["per_model_s"].items():
            flat[f"{tag}_{impl}_s_per_model"] = sec
        for key in ("speedup_bmm", "speedup_vmap", "vmap_over_bmm"):  # the ratios too
            if key in case:
                flat[f"{tag}_{key}"] = case[key]
        flat[f"{tag}_fastest"] = case["fastest"]
    title = "memcap bench transformer" + (" (quick)" if quick else "")
    emit(results, json_, lambda r: _print_results(title, flat))


@bench_app.command("sweep")
def bench_sweep(
    steps: Annotated[int | None, typer.Option(help="Optimiser steps per run (default 1000; 100 "
                                                   "with --quick).")] = None,
    sizes: Annotated[str | None, typer.Option(
        help="Train sizes (= test sizes), e.g. 50,100,200 (default: the l2-blog-sweep's ten, "
             "50..25600).")] = None,
    dask_workers: Annotated[int | None, typer.Option(
        help="Workers of the local Dask cluster for the distributed leg (0: skip it; "
             "default 2).")] = None,
    workers: Annotated[int | None, typer.Option(
        help="Deprecated name of --dask-workers (elsewhere --workers means local worker "
             "processes).", hidden=True)] = None,
    quick: Annotated[bool, typer.Option(help="Short version: 100 steps, sizes 50..3200 "
                                             "(unless --steps/--sizes say otherwise).")] = False,
    threads: Annotated[int, typer.Option(help="torch CPU threads (0: torch's default).")] = 0,
    json_: Annotated[bool, typer.Option("--json", help="Print results as JSON.")] = False,
) -> None:
    """The l2-blog-sweep through memcap sweep against a plain PyTorch script.

    In-process and on Dask workers, against a script that trains the runs one after another;
    achieved FLOP/s against the measured fp32 matmul peak.
    """
    from capacity.options import renamed_option
    from empirical.bench.sweep import check_settings, sweep_sizes

    typed = dask_workers is not None or workers is not None
    workers = renamed_option(dask_workers, workers, "--dask-workers", "--workers", 2, here=True)
    size_list = _ints(sizes, "--sizes")
    if quick:
        size_list = size_list or [50 * 2**i for i in range(7)]
    if steps is None:  # --quick's 100 only where --steps is not given (it overrode --steps 1000)
        steps = 100 if quick else 1000
    check_settings(steps, size_list, workers)  # bad input: one line, exit 2, before any work
    # one run a worker at most: an idle worker only adds start-up (1 000 were taken, 2026-12-06
    # review); the untyped default of 2 shrinks to the runs, a typed count past them is refused
    runs = len(sweep_sizes(size_list))
    if workers > runs:
        if typed:
            raise UsageError(f"--dask-workers {workers} is more than the sweep's {runs} run(s) "
                             f"(one a worker at most); give at most {runs}")
        workers = runs
    set_threads(threads)
    from capacity.terminal import progress_bar
    from empirical.bench.sweep import bench_sweep as run_bench

    with progress_bar(counts=True) as bar:  # its legs take minutes each: no silent wait
        results = run_bench(steps=steps, sizes=size_list, workers=workers,
                            progress=_stage_progress(bar, "bench sweep, {}: runs"))
    title = "memcap bench sweep" + (" (quick)" if quick else "")
    emit(results, json_, lambda r: _print_results(title, r))


def _stage_progress(bar, label: str):
    """A ``progress(stage, done, total)`` callback drawing one task of ``bar`` per stage, each
    described by ``label.format(stage)`` (bench train's (a) and (b), bench sweep's legs)."""
    tasks: dict[str, object] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(label.format(stage), total=total)
        bar.update(tasks[stage], completed=done, total=total)

    return progress


def _print_results(title: str, results: dict) -> None:
    from rich.table import Table

    from capacity.terminal import print_table

    table = Table(title=title)
    table.add_column("measure")
    table.add_column("value", justify="right")
    def shown(value) -> str:  # lists of floats (the paired ratios) as the floats are
        if isinstance(value, float):
            return f"{value:.4g}"
        if isinstance(value, list):
            return "[" + ", ".join(shown(v) for v in value) + "]"
        return str(value)

    for key, value in results.items():
        table.add_row(key, shown(value))
    print_table(table)


@bench_app.command("construct")
def bench_construct(
    json_: Annotated[bool, typer.Option("--json", help="Print results as JSON.")] = False,
    repeats: Annotated[int, typer.Option(help="Timed runs per case; the fastest is kept.")] = 1,
) -> None:
    """Construction build and exhaustive-verification timings (constructions.bench)."""
    from constructions.bench import bench_constructions

    if repeats < 1 or repeats > 100:
        raise UsageError(f"--repeats must be between 1 and 100, got {repeats}")
    with progress_bar() as bar:  # about a minute and a half on 2 cores: show the cases
        task = bar.add_task("bench construct: build + verify", total=None)
        results = bench_constructions(
            repeats=repeats,
            progress=lambda done, total: bar.update(task, completed=done, total=total))
    wrong = [f"{r['method']} M={r['M']} seed {r['seed']} ({r['engine']})" for r in results
             if not r["ok"]]
    if wrong:  # a fixed case's network failed its exhaustive check: a builder's bug, not a
        # timing (it exited 0 with "ok": false beside the figures, 2026-12-06 bench review)
        raise RuntimeError(f"bench construct: the network of {', '.join(wrong)} failed "
                           "verification, so its timings measure a wrong network")
    emit(results, json_, lambda r: print_rows("memcap bench construct",
                                              r if isinstance(r, list) else [r]))
