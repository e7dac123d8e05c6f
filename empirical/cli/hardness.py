"""``memcap hardness``: a typer app mounted lazily by ``memcap/cli.py``.

Three studies: the trainability gap of every function family (default;
:func:`empirical.hardness.compute.run_hardness`); with ``--recipes``, the needed size across
training recipes — step budgets × optimisers, each winner confirmed on fresh trials
(:func:`empirical.hardness.recipes.run_recipes`); with ``--topology``, stacked against densely
connected MLPs at depths ``--depths``, compared in parameters
(:func:`empirical.hardness.topology.run_topology`). Bad input raises a usage error (one line on
stderr, exit 2); the flags and the output folder are checked before anything is trained.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from capacity.errors import UsageError
from capacity.options import input_path, output_folder
from empirical.cli.console import emit, progress_bar
from empirical.cli.parse import (
    OVERWRITE_HELP,
    auto_workers,
    check_overwrite_has_out,
    check_task_count,
    check_threads,
    device_option,
    int_list,
    learning_rate_list,
    name_list,
    parse_workers,
    positive_float_list,
    refuse_unread_options,
    vocabulary_option,
)

__all__ = ["hardness_app"]

hardness_app = typer.Typer(add_completion=False, no_args_is_help=False,
                           help="Which maps gradient descent finds hard: trained size against "
                                "the smallest known sign network, per function family.")


def _families(text: str | None, inputs: int) -> tuple[str, ...]:
    from empirical.hardness.result import FAMILY_NAMES

    if text is None:
        fams = [f for f in FAMILY_NAMES if not (f == "inner-product" and inputs % 2)
                and not (f == "npn" and inputs > 4)]
        return tuple(fams)
    # an empty item or a repeat was dropped silently (until 2026-12-01)
    fams = name_list(text, "--families", "--families must be comma-separated family names, "
                                         f"e.g. parity,threshold; got {text!r}", FAMILY_NAMES)
    bad = [f for f in fams if f not in FAMILY_NAMES]
    if bad:
        raise UsageError(f"unknown family {bad[0]!r} in --families; choose from "
                         f"{', '.join(FAMILY_NAMES)}")
    if "inner-product" in fams and inputs % 2:
        raise UsageError(f"inner-product needs an even number of inputs, got --inputs {inputs}")
    return fams


#: Options every study reads; each study adds its own (:func:`_options_read`).
_STUDY = {"inputs", "families", "trials", "lrs", "success_rate", "max_width", "seed",
          "confidence", "device", "threads", "workers", "out", "overwrite", "json_", "markdown",
          "force"}


def _options_read(report, recipes: bool, topology: bool) -> tuple[set[str], str]:
    """The options the chosen mode reads, and the mode in words (for the refusal)."""
    if report is not None:
        return {"report", "json_", "markdown"}, "--report (it prints a saved folder)"
    if recipes:  # each recipe sets the optimiser and step budget; no sign units
        return _STUDY | {"recipes", "depth", "budgets", "optimizers", "confirm",
                         "init_scales"}, "the recipe study (--recipes)"
    if topology:  # depths from --depths; no sign units
        return _STUDY | {"topology", "depths", "steps", "optimizer"}, \
            "the topology study (--topology)"
    return _STUDY | {"steps", "optimizer", "depth", "sign"}, "the hardness study"


@hardness_app.command()
def hardness(
    ctx: typer.Context,
    inputs: Annotated[int | None, typer.Option("--inputs", "-M", help="Number of inputs M "
                                                                      "(1..12; npn needs "
                                                                      "M <= 4).")] = None,
    families: Annotated[str | None, typer.Option(
        help="Comma-separated: random, parity, inner-product, majority, threshold, dnf, npn "
             "(every NPN class); default: all that apply to M.")] = None,
    trials: Annotated[int, typer.Option(help="Trials per candidate size.")] = 4,
    steps: Annotated[int, typer.Option(help="Step budget per trial.")] = 2000,
    lrs: Annotated[str, typer.Option(help="Learning-rate grid (best-of per size).")
                   ] = "0.01,0.03,0.1",
    optimizer: Annotated[str, typer.Option(
        callback=vocabulary_option("OPTIMIZERS"),
        help="adam, adamw or sgd (plain: momentum 0; --recipes' sgd has momentum 0.9).")
    ] = "adam",
    depth: Annotated[int, typer.Option(help="Hidden layers of the trained networks.")] = 1,
    success_rate: Annotated[float, typer.Option(help="p: needed = smallest size with success "
                                                     "rate >= p.")] = 0.5,
    max_width: Annotated[int, typer.Option(help="Search ceiling (hidden units per layer).")
                         ] = 256,
    sign: Annotated[bool, typer.Option(help="Also train sign-unit networks (straight-through), "
                                            "harden them to integers and verify them.")] = True,
    recipes: Annotated[bool, typer.Option("--recipes", help="Recipe study instead: needed size "
                                                            "per step budget and optimiser.")
                       ] = False,
    topology: Annotated[bool, typer.Option("--topology", help="Topology study instead: stacked "
                                                              "vs dense (skip) MLPs per depth.")
                        ] = False,
    depths: Annotated[str, typer.Option(help="--topology: hidden layers compared.")] = "1,2,3",
    budgets: Annotated[str, typer.Option(help="--recipes: step budgets.")
                       ] = "250,1000,4000,16000",
    optimizers: Annotated[str, typer.Option(help="--recipes: adam and/or sgd (momentum 0.9).")
                          ] = "adam,sgd",
    confirm: Annotated[int, typer.Option(help="--recipes: fresh trials confirming each "
                                              "winner.")] = 8,
    init_scales: Annotated[str, typer.Option(help="--recipes: initialisation scales (the "
                                                  "default init times s).")] = "1",
    seed: Annotated[int, typer.Option(help="Base seed (function draws, data, inits).")] = 0,
    confidence: Annotated[float, typer.Option(help="Wilson interval coverage.")] = 0.95,
    device: Annotated[str, typer.Option(callback=device_option, help="cpu or cuda.")] = "cpu",
    threads: Annotated[int, typer.Option(help="torch CPU threads per worker (0: torch's "
                                              "default).")] = 1,
    workers: Annotated[str, typer.Option(help="Worker processes: auto (one per available core "
                                              "on the CPU, 1 on cuda) or K; 1 runs everything "
                                              "in this process. Results do not depend on it.")
                       ] = "auto",
    out: Annotated[Path | None, typer.Option(
        parser=output_folder, help="Folder for hardness.json, rows.csv, "
                                   "networks/ and, with NPN rows (M <= 4), "
                                   "hardness.png; with --recipes recipes.json, .csv "
                                   "and .png, with --topology topology.json, .csv and "
                                   ".png.")] = None,
    overwrite: Annotated[bool, typer.Option(help=OVERWRITE_HELP)] = False,
    json_: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print markdown tables (for "
                                                              "docs).")] = False,
    report: Annotated[Path | None, typer.Option(parser=input_path,
                                                help="Print a saved result folder (hardness, "
                                                     "--recipes or --topology) instead of "
                                                     "training.")] = None,
    force: Annotated[bool, typer.Option(help="Run a study of more than 1000 cells (rows, times "
                                             "recipes or topologies).")] = False,
) -> None:
    """Trained size against the smallest known sign network, ranked by the trainability gap."""
    from empirical.hardness.result import HardnessConfig

    if json_ and markdown:
        raise UsageError("give --json or --markdown, not both")
    if recipes and topology:
        raise UsageError("give --recipes or --topology, not both")
    if report is not None:  # names only what was typed (it said "drop --inputs and --out")
        refuse_unread_options(ctx, *_options_read(report, recipes, topology))
        _report(report, json_, markdown)
        return
    if inputs is None:
        raise UsageError("no --inputs; give --inputs M (e.g. --inputs 3), or --report FOLDER")
    check_threads(threads)
    n_workers = parse_workers(workers)
    from empirical.engine.config import check_confidence, check_success_rate

    check_success_rate(success_rate)
    check_confidence(confidence)
    fams = _families(families, inputs)
    refuse_unread_options(ctx, *_options_read(report, recipes, topology))
    from capacity.options import check_seed

    check_seed(seed)
    from empirical.engine.config import MAX_DEPTH

    if topology:
        depth_list = int_list(depths, "--depths", "1,2,3", nonempty=True, sort=True)
        if depth_list[0] < 1:
            raise UsageError(f"--depths must be integers >= 1, got {depths!r}")
        if depth_list[-1] > MAX_DEPTH:  # the config's check named --depth (2026-12-03 audit)
            raise UsageError(f"--depths must be at most {MAX_DEPTH}, got {depth_list[-1]}")

    cfg = HardnessConfig(inputs=inputs, families=fams, trials=trials, steps=steps,
                         lrs=learning_rate_list(lrs, "0.01,0.03,0.1"),
                         optimizer=optimizer, depth=depth, success_rate=success_rate,
                         max_width=max_width, sign=sign, seed=seed, confidence=confidence,
                         device=device)
    from empirical.engine.config import FLOAT32_MAX, MIN_LR

    if recipes:
        budget_list = int_list(budgets, "--budgets", "250,1000,4000", nonempty=True, sort=True)
        from empirical.search.options import check_steps

        check_steps(budget_list[-1], "--budgets")
        from empirical.hardness.recipes import OPTIMIZER_RECIPES

        refusal = f"--optimizers takes adam and/or sgd, got {optimizers!r}"
        opt_list = name_list(optimizers, "--optimizers", refusal,  # a repeat: cells twice
                             OPTIMIZER_RECIPES)
        if any(o not in OPTIMIZER_RECIPES for o in opt_list):
            raise UsageError(refusal)
        from empirical.engine.config import MAX_TRIALS

        if not 1 <= confirm <= MAX_TRIALS:  # checked as trials, it was reported as --trials
            raise UsageError(f"--confirm must be between 1 and {MAX_TRIALS}, got {confirm}")
        # finite numbers >= 0 (0 is allowed: the symmetric all-zero start)
        # and finite in float32 (1e308 made every weight inf, and every cell 'not found')
        # and none positive below float32's least normal number: 1e-50 scaled every weight to
        # exactly 0, training the 0 cell again under another label (2026-12-06 fuzzing)
        scale_list = positive_float_list(init_scales, "--init-scales", "0.5,1,2",
                                         at_most=FLOAT32_MAX, zero=True, at_least=MIN_LR)
    check_overwrite_has_out(out, overwrite)  # accepted and ignored until 2026-12-03
    if out is not None:
        from capacity.atomic_files import check_out_folder

        check_out_folder(out, overwrite)
    from empirical.engine.executor import make_executor
    from empirical.hardness.compute import items_for

    items = items_for(cfg)  # refuses npn above M = 4 before anything is trained
    _prepare(device, threads)
    cells = len(items)  # the tasks the executor maps: rows, or row × recipe / topology cells
    if recipes:
        cells *= len(budget_list) * len(opt_list) * len(scale_list)
    elif topology:
        from empirical.hardness.topology import TOPOLOGIES

        cells *= len(TOPOLOGIES) * len(depth_list)
    check_task_count(cells, "study cells (rows, times recipes or topologies)", force,
                     "choose fewer --families" + (", --budgets, --optimizers or --init-scales"
                                                  if recipes else " or --depths" if topology
                                                  else ""))
    bar = progress_bar()
    with make_executor(workers=auto_workers(n_workers, cells, device), threads=threads) as ex, \
            bar:
        task = bar.add_task("hardness", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        if recipes:
            from empirical.hardness.recipes import run_recipes

            result = run_recipes(cfg, budget_list, opt_list, confirm, progress, scale_list, ex)
        elif topology:
            from empirical.hardness.topology import run_topology

            result = run_topology(cfg, depth_list, progress, ex)
        else:
            from empirical.hardness.compute import run_hardness

            result = run_hardness(cfg, ex, progress)
    write, show, md = _presenters("recipes" if recipes else "topology" if topology
                                  else "hardness")
    if out is not None:
        write(result, out, overwrite)
    if markdown:
        typer.echo(md(result))
        return
    from empirical.engine.versions import package_versions

    emit({**result.to_dict(), "versions": package_versions()}, json_, lambda _: show(result))
    if out is not None and not json_:
        typer.echo(f"hardness folder: {out}")


def _presenters(kind: str):
    """(write, print, markdown) of a study kind."""
    if kind == "recipes":
        from empirical.hardness.recipes_report import (
            print_recipes,
            recipes_markdown,
            write_recipes,
        )

        return write_recipes, print_recipes, recipes_markdown
    if kind == "topology":
        from empirical.hardness.topology_report import (
            print_topology,
            topology_markdown,
            write_topology,
        )

        return write_topology, print_topology, topology_markdown
    from empirical.hardness.report import hardness_markdown, print_hardness, write_hardness

    return write_hardness, print_hardness, hardness_markdown


_SAVED = {"hardness.json": "hardness", "recipes.json": "recipes", "topology.json": "topology"}


def _report(folder: Path, json_: bool, markdown: bool) -> None:
    """Print the result saved in ``folder`` (no training)."""
    from capacity.user_files import damage_text, parse_json, read_text

    if not Path(folder).exists():
        raise UsageError(f"--report {str(folder)!r} does not exist; give a folder written by "
                         "memcap hardness --out")
    found = [name for name in _SAVED if (Path(folder) / name).is_file()]
    if not found:
        raise UsageError(f"--report {str(folder)!r}: no hardness.json, recipes.json or "
                         "topology.json there; give a folder written by memcap hardness --out")
    kind = _SAVED[found[0]]
    path = Path(folder) / found[0]
    data = parse_json(read_text(path, "hardness result"), f"hardness result {path}",
                      long_ints=False)
    if kind == "recipes":
        from empirical.hardness.recipes import RecipeResult as cls
    elif kind == "topology":
        from empirical.hardness.topology import TopologyResult as cls
    else:
        from empirical.hardness.result import HardnessResult as cls
    if not isinstance(data, dict):
        raise UsageError(f"--report {str(folder)!r}: {found[0]} is not a memcap hardness result "
                         f"(a JSON {type(data).__name__}, not an object)")
    from empirical.hardness.result import check_loaded, check_study_format

    try:  # another format (a newer memcap's) is not damage: "write it again" told a user to
        # overwrite a valid file (the reader's refusal came wrapped, mutation audit 2026-12-07)
        check_study_format(data, "hardness" if kind == "hardness" else f"hardness-{kind}")
    except UsageError as exc:
        raise UsageError(f"--report {str(folder)!r}: {found[0]}: {exc}") from None
    try:  # a file that names the format but whose fields are damaged is bad input too
        result = cls.from_dict(data)
        check_loaded(result)  # types, ranges and a row for every grid cell, before printing
    except (KeyError, TypeError, ValueError) as exc:
        # the reader's own words named neither the damage nor the fix (CLI review, 2026-12-05)
        raise UsageError(f"--report {str(folder)!r}: {found[0]} is not a memcap hardness result "
                         f"({damage_text(exc)}); write it again with memcap hardness --out"
                         ) from None
    _, show, md = _presenters(kind)
    if markdown:
        typer.echo(md(result))
    else:  # the versions that produced the saved result, as the file holds them
        emit({**result.to_dict(), "versions": data.get("versions")}, json_,
             lambda _: show(result))


def _prepare(device: str, threads: int) -> None:
    from empirical.engine.run import resolve_device

    resolve_device(device)
    if threads:
        import torch

        torch.set_num_threads(threads)
