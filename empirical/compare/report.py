"""Render a compare result: markdown tables, a flat CSV, figures, and the output folder.

Folder (``--out DIR``): ``compare.json`` (everything), ``compare.csv`` (one row per M, pandas
reads it directly), ``compare.md`` (tables and findings), and the figures ``compare-neurons.png``,
``compare-parameters.png``, ``compare-random-labels.png`` and ``compare-depth.png`` (the last two
when those views ran). The folder is assembled in a hidden sibling and renamed into place; a
non-empty folder is refused unless ``overwrite``.

Examples
--------
>>> t = TrainedSize(1, "width", False, None, None, None, 4.0, [], [], 1, 64, [], 0.0)
>>> trained_cell(t)
'not found ≤ 64'
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from capacity.atomic_files import atomic_write_text, write_folder
from capacity.markdown import markdown_table
from capacity.options import option_text
from empirical.compare.config import TRAINING_KEYS, CompareConfig, auto_depth_inputs
from empirical.compare.plot import FIGURES, plot_compare
from empirical.compare.result import CompareResult, ConstructionColumn, SizeStats, TrainedSize
from empirical.compare.rows import CONSTRUCTION_METHODS, best_lower
from empirical.hardness.report import hardness_lines
from empirical.hardness.result import HardnessConfig, HardnessResult

__all__ = ["FIGURES", "command_line", "compare_frame", "compare_json", "compare_markdown",
           "exact_cell", "hardness_config", "hardness_section", "plot_compare", "trained_cell",
           "write_compare", "write_compare_files"]

_METHODS = CONSTRUCTION_METHODS  # the construction columns


def exact_cell(lower: dict) -> str:
    """``"3 / 5"``: the exact worst cases (any depth / one hidden layer) of a row, ``—`` for one
    not known, or ``—`` when neither is.

    Examples
    --------
    >>> exact_cell({"exact.any-depth": 3, "exact.one-hidden-layer": 5}), exact_cell({})
    ('3 / 5', '—')
    >>> exact_cell({"exact.any-depth": 4, "exact.one-hidden-layer": None})
    '4 / —'
    """
    a, b = lower.get("exact.any-depth"), lower.get("exact.one-hidden-layer")
    if a is None and b is None:
        return "—"
    return " / ".join("—" if v is None else str(v) for v in (a, b))


def _stat(s: SizeStats) -> str:
    return str(s.median) if s.min == s.max else f"{s.median} ({s.min}–{s.max})"


def _depth_weight(c: ConstructionColumn) -> str:
    weight = "—" if c.max_abs_weight is None else str(c.max_abs_weight.max)
    return f"{c.depth.max} / {weight}"


def trained_cell(t: TrainedSize, what: str = "hidden") -> str:
    """One trained size as a bracket with its rate: ``44 (43 ✗; 2/3 [0.21, 0.94]; lr 0.03)``.

    ``what`` is ``hidden`` (hidden units, ``L×w`` for L layers) or ``parameters``.

    Parameters
    ----------
    t : TrainedSize
        The search result.
    what : str, optional
        ``"parameters"`` for parameter counts; anything else (default ``"hidden"``) gives widths.

    Returns
    -------
    str
        The cell, or :meth:`~empirical.compare.result.TrainedSize.not_found`'s words when no
        size reached the success rate.

    Examples
    --------
    >>> from empirical.compare.result import TrainedCandidate
    >>> need = TrainedCandidate(8, 8, 16, 100, 3, 2, 2 / 3, (0.21, 0.94), 0.03, None)
    >>> fail = TrainedCandidate(7, 7, 14, 90, 3, 0, 0.0, (0.0, 0.56), 0.03, None)
    >>> t = TrainedSize(2, "width", True, need, fail, None, 64.0, [], [], 1, 4096, [], 0.0)
    >>> trained_cell(t)
    '2×8 (2×7 ✗; 2/3 [0.21, 0.94]; lr 0.03)'
    >>> trained_cell(t, "parameters")
    '100 (90 ✗; 2/3 [0.21, 0.94]; lr 0.03)'
    """
    n = t.needed
    if not n:
        return t.not_found()
    b = t.bracket
    if what == "parameters":
        size, fail = str(n.parameters), (str(b.parameters) if b else "none")
    else:
        prefix = f"{t.depth}×" if t.depth > 1 else ""
        size, fail = f"{prefix}{n.width}", (f"{prefix}{b.width}" if b else "none")
    lo, hi = n.interval
    return (f"{size} ({fail} ✗; {n.successes}/{n.trials} [{lo:.2f}, {hi:.2f}]; "
            f"lr {n.best_lr:g})")


def _bpp(t: TrainedSize | None) -> str:
    rng = t.bits_per_parameter_range() if t else None
    if not rng:
        return "—"
    lo, hi = f"{rng[0]:.2f}", f"{rng[1]:.2f}"  # ends that print alike are one value
    return lo if lo == hi else f"{lo}–{hi}"  # (4/100 and 4/91 printed "0.04–0.04")


def _is_range(ms: list[int]) -> bool:
    """Whether the sorted Ms are two or more consecutive integers (written ``LOW..HIGH``)."""
    return len(ms) > 1 and ms == list(range(ms[0], ms[-1] + 1))


def command_line(config: CompareConfig, hardness: bool = True) -> str:
    """The ``memcap compare`` command that regenerates a result with this config (``hardness``:
    whether the run included the short hardness study, which a training run does by default).

    Parameters
    ----------
    config : CompareConfig
        The run's configuration; only options that differ from the defaults are written.
    hardness : bool, optional
        Whether the run included the hardness study (False adds ``--no-hardness`` to a training
        run).

    Returns
    -------
    str
        The command line.

    Examples
    --------
    >>> from empirical.compare.config import CompareConfig
    >>> command_line(CompareConfig(inputs=(1, 2, 3), depth_inputs=(3,), points=()))
    'memcap compare --inputs 1..3 --points none'
    >>> command_line(CompareConfig(inputs=(2,), depth_inputs=(2,)), hardness=False)
    'memcap compare --inputs 2 --no-hardness'
    >>> command_line(CompareConfig(inputs=(2,), depth_inputs=(2,), train=False))
    'memcap compare --inputs 2 --no-train'
    >>> command_line(CompareConfig(inputs=(1,), depth_inputs=(8, 10)))  # not auto's (1,)
    'memcap compare --inputs 1 --depth-inputs 8,10'
    """
    cfg, default = config.to_dict(), CompareConfig().to_dict()
    ins = cfg["inputs"]
    # the command line's default is auto, which depends on the Ms: compared with the config's
    # (8, 10), a run of --inputs 1 --depth-inputs 8,10 regenerated without them (2026-12-05)
    default["depth_inputs"] = list(auto_depth_inputs(ins))
    parts = ["memcap compare", f"--inputs {ins[0]}..{ins[-1]}" if _is_range(ins)
             else f"--inputs {','.join(map(str, ins))}"]
    flags = {"outputs": "--outputs", "functions": "--functions", "trials": "--trials",
             "steps": "--steps", "lrs": "--lrs", "success_rate": "--success-rate",
             "depths": "--depths", "depth_inputs": "--depth-inputs",
             "depth_compare": "--depth-compare", "points": "--points", "d_in": "--d-in",
             "classes": "--classes", "seed": "--seed", "threads": "--threads"}
    for key, flag in flags.items():
        if not cfg["train"] and key in TRAINING_KEYS:
            continue  # --no-train refuses them (its line ran into status 2, 2026-12-01 review)
        if cfg[key] != default[key]:
            v = cfg[key]
            text = (",".join(map(option_text, v)) or "none") if isinstance(v, list) \
                else option_text(v)
            parts.append(f"{flag} {text}")
    if not cfg["train"]:
        parts.append("--no-train")
    elif not hardness:
        parts.append("--no-hardness")
    return " ".join(parts)


def hardness_config(quick: bool = False, seed: int = 0) -> HardnessConfig:
    """The short hardness study of ``memcap tour`` and ``memcap compare``: every NPN class of
    M = 3 (M = 2 with ``quick``), ReLU only, a small budget (about 3 s on the 2-core box, two
    workers), from the command's ``seed`` (compare's ``--seed`` did not reach it until
    2026-12-03).

    Examples
    --------
    >>> hardness_config().inputs, hardness_config(quick=True).families
    (3, ('npn',))
    >>> hardness_config(seed=7).seed
    7
    """
    if quick:
        return HardnessConfig(inputs=2, families=("npn",), trials=2, steps=200,
                              lrs=(0.03, 0.1), sign=False, seed=seed)
    return HardnessConfig(inputs=3, families=("npn",), trials=3, steps=1000, sign=False,
                          seed=seed)


def hardness_section(hardness: HardnessResult, heading: str = "##") -> list[str]:
    """Markdown lines of the short hardness study (the tour's section 3, compare's last one).

    Parameters
    ----------
    hardness : HardnessResult
        The study's result.
    heading : str, optional
        The markdown prefix of the section's title (default ``"##"``).

    Returns
    -------
    list of str
        The lines, ending with an empty one.

    Examples
    --------
    >>> from empirical.hardness.compute import run_hardness
    >>> lines = hardness_section(run_hardness(hardness_config(quick=True)), "## 5.")
    >>> lines[0]
    '## 5. Which maps are hard for gradient descent?'
    >>> [line.split(" | ")[0] for line in lines if line.startswith("| 0")]  # ranked by the gap
    ['| 0110', '| 0000']
    """
    c = hardness.config
    rows = hardness.ranked()
    out = [f"{heading} Which maps are hard for gradient descent?", "",
           f"Every NPN class of M = {c.inputs} (`{c.command()}`): the exact minimal hidden "
           "units of a one-hidden-layer sign network against the smallest ReLU MLP that Adam "
           f"trained on ≥ {c.success_rate:g} of the trials; the gap is their ratio in neurons. "
           "docs/hardness.md has the full study (M = 3, 4, 6, sign units hardened and verified, "
           "recipes, topology).", "",
           "| class | functions | exact hidden | trained hidden | gap |", "|---|---|---|---|---|"]
    for r in rows:
        trained = (f"{r.relu.hidden}" if r.relu.found else
                   "diverged" if r.relu.diverged else "not found")
        gap = "–" if r.gap_neurons is None else f"{r.gap_neurons:.2f}"
        out.append(f"| {r.label[4:]} | {r.functions} | {r.known.layered_hidden} | {trained} "
                   f"| {gap} |")
    return out + [""] + [f"- {line}" for line in hardness_lines(hardness)[1:]] + [""]


def compare_markdown(result: CompareResult, figures: str | None = None,
                     hardness: HardnessResult | None = None) -> str:
    """The markdown report: command, findings, the two size tables, depth and random-label
    views, the short hardness study when ``hardness`` is given, and where the time went.
    ``figures`` is the folder prefix for image links (None: no images).

    Parameters
    ----------
    result : CompareResult
        The comparison.
    figures : str or None, optional
        Prefix of the image links (``""``: same folder); None omits the images.
    hardness : HardnessResult or None, optional
        The short hardness study, added as the last section when given.

    Returns
    -------
    str
        The markdown text, ending with a newline.

    Examples
    --------
    >>> from empirical.compare.compute import run_compare
    >>> from empirical.compare.config import CompareConfig
    >>> md = compare_markdown(run_compare(CompareConfig(inputs=(1, 2), samples=1, train=False)))
    >>> md.splitlines()[0], "| 2 | 4 | 2 | 2 |" in md
    ('# memcap compare: M = 1..2, N = 1', True)
    >>> compare_markdown(run_compare(CompareConfig(inputs=(1, 3), samples=1, train=False))
    ...                  ).splitlines()[0]
    '# memcap compare: M ∈ {1, 3}, N = 1'
    """
    rows, cfg = result.rows, result.config
    fams = sorted({f for r in rows for f in r.trained})
    ms = [r.M for r in rows]  # --inputs 1,3 was titled "M = 1..3" (2026-12-07 audit)
    span = (f"= {ms[0]}" if len(ms) == 1 else f"= {ms[0]}..{ms[-1]}" if _is_range(ms)
            else f"∈ {{{', '.join(map(str, ms))}}}")
    # compare runs its own study (hardness_config); the quick tour writes another one here, so
    # its compare.md regenerates with --no-hardness and points to the study's own command
    # (it named a command whose hardness.json was for M = 3 beside an M = 2 study; review)
    own = hardness is not None and hardness.config == hardness_config(seed=cfg.seed)
    other = (" (the hardness study below has its own command, in its section)"
             if hardness is not None and not own else "")
    out = [f"# memcap compare: M {span}, N = {cfg.outputs}", "",
           f"Regenerate: `{command_line(cfg, own)}`{other}", "", "## Findings", ""]
    out += [f"- {f}" for f in result.findings]
    out += ["", "## Sizes in neurons and hidden units", "",
            "Lower bounds are proven for sign networks and hold for the worst map: the largest "
            "of the registered ones (copied from `memcap bounds`: any depth `counting.any-depth`, "
            "`counting.distinct-outputs`, `exact.persists.any-depth`; one hidden layer "
            "`counting.one-hidden-layer`, `exact.persists.one-hidden-layer` — the M = 5 worst "
            "cases persist at every larger M). "
            f"Construction sizes are sign-network **neurons** (hidden + N) on {cfg.samples} "
            "random maps, each verified exactly: median (min–max; the lower middle value for "
            "an even count). GD sizes are trained ReLU "
            "**hidden units**: the smallest width above every failing one that reached the "
            f"success rate p = {cfg.success_rate:g} within {cfg.steps} Adam steps (a smaller "
            "width that passed below a failing one is a lucky pass, counted under "
            "Consistency), then the measured "
            "failing width below it (✗), the successes/trials with the 95 % Wilson interval, and "
            "the winning lr. Measured, never exact. The **exact** column is the true worst case "
            "for one output (M ≤ 5, computed with certificates: `memcap minimal` for M ≤ 4, the "
            "five-input certificates at M = 5; any depth / one hidden layer; docs/exact.md).", ""]
    head = ["M", "bits", "≥ neurons, any depth", "≥ neurons, 1 hidden",
            "exact worst case (any / 1 hidden)", *_METHODS,
            *(f"GD {f[5:]} hidden layer(s)" for f in fams)]
    out += markdown_table(head, ([r.M, r.information_bits, best_lower(r.lower),
                                  best_lower(r.lower, "layered"), exact_cell(r.lower),
                                  *(_stat(r.constructions[m].neurons) for m in _METHODS),
                                  *(trained_cell(r.trained[f]) if f in r.trained else "—"
                                    for f in fams)] for r in rows))
    out += ["", "## Sizes in parameters", "",
            "`uml.thm20.6-edges` is a proven lower bound for sign networks (parameters ≥ edges) "
            "under its hypothesis that one fixed graph realises every map (with a graph chosen "
            "per map the proven bound is `counting.parameters-any-graph`, in `memcap bounds "
            "--answer`); the 2 and 3.6 bits/parameter columns are anchors, not lower bounds "
            "(`info.boolean-params.*`). Construction parameters count weights + biases as dense "
            "layers over each unit's sources; GD parameters count the trained MLP, its 2^N-logit "
            "head included (for N = 1 the two logits act as one, their difference: subtract "
            "width + 1 to compare with a one-output construction, as the hardness study counts). "
            "Bits/parameter is N·2^M over the needed parameters; the range comes from the "
            "bracket.", ""]
    head = ["M", "bits", "≥ params, one graph (Thm 20.6)", "2 b/p anchor", "3.6 b/p anchor",
            *_METHODS,
            *(f"GD {f[5:]} hidden: params" for f in fams), *(f"bits/param {f}" for f in fams)]
    out += markdown_table(head, ([r.M, r.information_bits, r.lower["uml.thm20.6-edges"],
                                  r.anchors["info.boolean-params.cover-2"],
                                  r.anchors["info.boolean-params.morris-3.6"],
                                  *(_stat(r.constructions[m].parameters) for m in _METHODS),
                                  *(trained_cell(r.trained[f], "parameters") if f in r.trained
                                    else "—" for f in fams),
                                  *(_bpp(r.trained.get(f)) for f in fams)] for r in rows))
    out += ["", "## Depth and largest |weight| of the constructions", "",
            "Per construction, the depth (neurons on the longest input-to-output path) and the "
            "largest |weight| of its sign network, each the largest over the "
            f"{cfg.samples} sampled maps (— for the weight in a file written before it was "
            "kept, format /3 and older).", ""]
    out += markdown_table(["M", *(f"{m} depth / |w|" for m in _METHODS)],
                          ([r.M, *(_depth_weight(r.constructions[m]) for m in _METHODS)]
                           for r in rows))
    if figures is not None:
        out += ["", f"![neurons]({figures}compare-neurons.png)",
                f"![parameters]({figures}compare-parameters.png)"]
    if result.depth_comparison:
        out += ["", "## Depth at equal parameter budgets (which topology GD finds easier)", "",
                "Search on the parameter axis: for a budget P, each depth trains the widest MLP "
                "with at most P parameters.", "",
                "| M | hidden layers | needed params | width | failing params | successes "
                "[Wilson] | lr | bits/param |", "|---|---|---|---|---|---|---|---|"]
        for d in result.depth_comparison:
            for depth, t in sorted(d.by_depth.items()):
                n, b = t.needed, t.bracket
                if not n:
                    out.append(f"| {d.M} | {depth} | {t.not_found()} | | | | | |")
                    continue
                out.append(f"| {d.M} | {depth} | {n.parameters} | {n.width} | "
                           f"{b.parameters if b else 'none'} | {n.successes}/{n.trials} "
                           f"[{n.interval[0]:.2f}, {n.interval[1]:.2f}] | "
                           f"{n.best_lr:g} | {_bpp(t)} |")
        if figures is not None:
            out += ["", f"![depth]({figures}compare-depth.png)"]
    if result.random_labels:
        p0 = result.random_labels[0]
        out += ["", f"## Random labels: n points in R^{p0.d_in}, V = {p0.classes} "
                "classes, one hidden layer", "",
                "Parameters GD needs (search on the parameter axis) against the parameters that "
                "2, 3.6 and 5 bits/parameter would need (`info.points-params.cover-2`, "
                "`.morris-3.6`, `.collins-5`; anchors, not theorems).", "",
                "| n | bits | 2 b/p | 3.6 b/p | 5 b/p | GD params | bits/param |",
                "|---|---|---|---|---|---|---|"]
        for p in result.random_labels:
            a = p.anchors
            out.append(f"| {p.n} | {p.information_bits:g} | "
                       f"{a['info.points-params.cover-2']} | {a['info.points-params.morris-3.6']} "
                       f"| {a['info.points-params.collins-5']} | "
                       f"{trained_cell(p.trained, 'parameters')} | {_bpp(p.trained)} |")
        if figures is not None:
            out += ["", f"![random labels]({figures}compare-random-labels.png)"]
    if hardness is not None:
        out += [""] + hardness_section(hardness)
    tm = result.timing
    out += ["", "## Where the time went", "",
            f"Total {tm.total_s:.1f} s: bounds {tm.bounds_s:.2f} s, constructions "
            f"{sum(tm.constructions_s.values()):.1f} s, searches {tm.searches_s:.1f} s "
            + ("(one after another, in-process)." if tm.executor == "InProcessExecutor"
               else "(summed over searches, which ran concurrently on "
                    f"{tm.executor})."),
            "Ensembles that an earlier search of the same target and depth had already trained "
            "were reused (same task, same numbers) and cost nothing.", "",
            "| search | wall s | ensembles | reused | members per ensemble |",
            "|---|---|---|---|---|"]
    for s in tm.searches:
        sizes = s.ensemble_sizes
        out.append(f"| {s.search} | {s.wall_s:.1f} | {s.ensembles} | {s.reused} | "
                   f"{min(sizes) if sizes else 0}–{max(sizes) if sizes else 0} |")
    return "\n".join(out) + "\n"


def compare_json(result: CompareResult) -> str:
    """The text of ``compare.json``: ``result.to_dict()`` indented, one trailing newline.

    Examples
    --------
    >>> from empirical.compare.compute import run_compare
    >>> from empirical.compare.config import CompareConfig
    >>> text = compare_json(run_compare(CompareConfig(inputs=(1,), samples=1, train=False)))
    >>> CompareResult.from_dict(json.loads(text)).rows[0].M
    1
    """
    return json.dumps(result.to_dict(), indent=2, default=str) + "\n"


def compare_frame(result: CompareResult):
    """One row per M, flat columns (lower bounds, construction stats, trained brackets, and
    ``gd_<family>_diverged``: every trial at the largest size tried diverged).

    Examples
    --------
    >>> from empirical.compare.compute import run_compare
    >>> from empirical.compare.config import CompareConfig
    >>> df = compare_frame(run_compare(CompareConfig(inputs=(1, 2), samples=2, train=False)))
    >>> list(df["M"]), int(df.loc[1, "depth3_neurons_max"])
    ([1, 2], 3)
    >>> str(df["lower:exact.any-depth"].dtype)   # integers, with blanks where no exact value
    'Int64'
    """
    import pandas as pd

    records = []
    for r in result.rows:
        rec = {"M": r.M, "N": r.N, "information_bits": r.information_bits}
        rec.update({f"lower:{k}": v for k, v in r.lower.items()})
        rec.update({f"anchor:{k}": v for k, v in r.anchors.items()})
        for m, c in r.constructions.items():
            for f in ("hidden", "neurons", "parameters", "edges", "depth", "max_abs_weight"):
                st = c.stats(f)
                rec.update({f"{m}_{f}_min": st and st.min, f"{m}_{f}_median": st and st.median,
                            f"{m}_{f}_max": st and st.max})
            rec[f"{m}_verified"] = c.verified
        for fam, t in sorted(r.trained.items()):
            n, b = t.needed, t.bracket
            rec.update({f"gd_{fam}_width": n and n.width, f"gd_{fam}_hidden": n and n.hidden,
                        f"gd_{fam}_parameters": n and n.parameters,
                        f"gd_{fam}_fail_width": b and b.width,
                        f"gd_{fam}_fail_parameters": b and b.parameters,
                        f"gd_{fam}_successes": n and n.successes,
                        f"gd_{fam}_trials": n and n.trials,
                        f"gd_{fam}_rate_lo": n and n.interval[0],
                        f"gd_{fam}_rate_hi": n and n.interval[1],
                        f"gd_{fam}_best_lr": n and n.best_lr,
                        f"gd_{fam}_bits_per_parameter": t.bits_per_parameter,
                        f"gd_{fam}_diverged": t.diverged})
        records.append(rec)
    frame = pd.DataFrame(records)
    # integer bounds with blanks (exact values stop at M = 5) were written as floats, "2.0"
    # (2026-12-03 audit): pandas' nullable dtypes keep "2"
    # likewise a construction's largest |weight|, absent from files of format /3 and older
    exact = [c for c in frame.columns if c.startswith(("lower:", "anchor:"))
             or "_max_abs_weight_" in c]
    frame[exact] = frame[exact].convert_dtypes()
    # likewise the trained sizes and counts once a search found nothing at some M ("33.0")
    counts = [c for c in frame.columns if c.startswith("gd_") and c.endswith(
        ("_width", "_hidden", "_parameters", "_successes", "_trials"))]
    frame[counts] = frame[counts].astype("Int64")
    return frame


def write_compare_files(folder: Path, result: CompareResult, figures: bool = True,
                        hardness: HardnessResult | None = None,
                        figures_from: str | Path | None = None) -> None:
    """Write a comparison's files into ``folder`` (a staging folder: :func:`write_compare` and the
    tour's writer call it inside :func:`capacity.atomic_files.write_folder`): compare.json,
    compare.csv, compare.md, the figures (copied from ``figures_from`` where they were already
    drawn, else drawn here) and, with ``hardness``, hardness.json and its section in compare.md.

    Parameters
    ----------
    folder : pathlib.Path
        The (staging) folder written into.
    result : CompareResult
        The comparison.
    figures : bool, optional
        Write the figures and link them from compare.md (default True).
    hardness : HardnessResult or None, optional
        The short hardness study, if it ran.
    figures_from : str or pathlib.Path or None, optional
        A folder holding already drawn figures to copy (those missing there are skipped).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from empirical.compare.compute import run_compare
    >>> from empirical.compare.config import CompareConfig
    >>> res = run_compare(CompareConfig(inputs=(1,), samples=1, train=False))
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_compare_files(folder, res, figures=False)
    >>> sorted(p.name for p in folder.iterdir())
    ['compare.csv', 'compare.json', 'compare.md']
    """
    atomic_write_text(folder / "compare.json", compare_json(result))
    atomic_write_text(folder / "compare.csv", compare_frame(result).to_csv(index=False))
    if figures and figures_from is not None:
        for name in FIGURES:
            if (Path(figures_from) / name).exists():
                shutil.copyfile(Path(figures_from) / name, folder / name)
    elif figures:
        plot_compare(result, folder)
    if hardness is not None:
        atomic_write_text(folder / "hardness.json",
                          json.dumps(hardness.to_dict(), indent=2) + "\n")
    atomic_write_text(folder / "compare.md",
                      compare_markdown(result, "" if figures else None, hardness))


def write_compare(result: CompareResult, out: str | Path, overwrite: bool = False,
                  figures: bool = True, hardness: HardnessResult | None = None,
                  figures_from: str | Path | None = None) -> Path:
    """Write compare.json, compare.csv, compare.md and the figures into ``out`` atomically, and
    with ``hardness`` (the short study) hardness.json and its section in compare.md.

    ``figures_from`` is a folder where :func:`empirical.compare.plot.plot_compare` already drew
    this result's figures (the CLI draws them while the hardness study trains): they are copied
    instead of drawn again.

    Parameters
    ----------
    result : CompareResult
        The comparison.
    out : str or pathlib.Path
        The output folder.
    overwrite : bool, optional
        Replace an existing non-empty folder (only one memcap wrote; otherwise refused).
    figures : bool, optional
        Write the figures (default True).
    hardness : HardnessResult or None, optional
        The short hardness study, if it ran.
    figures_from : str or pathlib.Path or None, optional
        A folder of already drawn figures, copied instead of drawn.

    Returns
    -------
    pathlib.Path
        The folder written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from empirical.compare.compute import run_compare
    >>> from empirical.compare.config import CompareConfig
    >>> res = run_compare(CompareConfig(inputs=(1, 2), samples=1, train=False))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "cmp"
    >>> sorted(p.name for p in write_compare(res, out, figures=False).iterdir())
    ['.memcap-folder', 'compare.csv', 'compare.json', 'compare.md']
    """
    return write_folder(out, lambda tmp: write_compare_files(tmp, result, figures, hardness,
                                                             figures_from), overwrite)
