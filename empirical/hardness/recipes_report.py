"""Presenting a :class:`~empirical.hardness.recipes.RecipeResult`: table, conclusions, figure,
folder (``recipes.json``, ``recipes.csv``, ``recipes.png``; assembled in a hidden sibling and
renamed into place).
"""

from __future__ import annotations

from pathlib import Path

from capacity.markdown import markdown_table
from empirical.engine.plots import save_figure
from empirical.hardness.plotting import family_colours, legend_figure, title_and_legend
from empirical.hardness.recipes import RecipeResult
from empirical.hardness.report import print_study, unfound_cell, write_study
from empirical.hardness.result import integer_counts

__all__ = ["plot_recipes", "print_recipes", "recipe_frame", "recipe_lines", "recipes_markdown",
           "write_recipes"]


def _h(v, diverged: bool = False) -> str:
    if diverged:  # every trial at the largest size diverged: its failure bounds nothing
        return "diverged"
    return "not found" if v is None else str(v)


def _recipe(opt: str, scale: float, result: RecipeResult) -> str:
    return opt if result.init_scales == (1.0,) else f"{opt}, init x{scale:g}"


def recipe_frame(result: RecipeResult):
    """One row per family × optimiser × budget: needed hidden units, the search's successes and
    Wilson interval at the winning lr, and the confirmation on fresh trials.

    Parameters
    ----------
    result : RecipeResult
        The study (one frame row per row of ``result.rows``, in their order).

    Returns
    -------
    pandas.DataFrame
        Columns ``family``, ``optimizer``, ``steps``, ``init_scale``, ``hidden`` (needed hidden
        units), ``successes``, ``trials``, ``lo``, ``hi`` (the Wilson interval), ``best_lr``,
        ``below_hidden`` (the failing size below), ``diverged``, ``confirmed_successes``,
        ``confirmed_trials``, ``confirmed_lo`` and ``confirmed_hi``; the counts are pandas'
        nullable Int64, blank (``<NA>``) where no size trained or nothing was confirmed. No
        rows and no columns when the study has no row.

    Examples
    --------
    >>> from empirical.hardness.result import HardnessConfig
    >>> len(recipe_frame(RecipeResult(HardnessConfig(inputs=2), (250,), ("adam",), 8, [], 0)))
    0
    """
    import pandas as pd

    rows = []
    for r in result.rows:
        t = r.trained
        rows.append({"family": r.family, "optimizer": r.optimizer, "steps": r.steps,
                     "init_scale": r.init_scale,
                     "hidden": t.hidden, "successes": t.successes, "trials": t.trials,
                     "lo": t.interval[0], "hi": t.interval[1], "best_lr": t.best_lr,
                     "below_hidden": t.below_hidden, "diverged": t.diverged,
                     "confirmed_successes": r.confirmed_successes,
                     "confirmed_trials": r.confirmed_trials,
                     "confirmed_lo": None if r.confirmed_interval is None
                     else r.confirmed_interval[0],
                     "confirmed_hi": None if r.confirmed_interval is None
                     else r.confirmed_interval[1]})
    return integer_counts(pd.DataFrame(rows), ("steps", "hidden", "successes", "trials",
                                               "below_hidden", "confirmed_successes",
                                               "confirmed_trials"))


def recipe_lines(result: RecipeResult) -> list[str]:
    """Plain-words conclusions: per family and optimiser the needed size against the budget
    (does it settle, to what), which family is hardest under how many recipes, and how much the
    confirmation lowers the best-of-lr success rate.

    Parameters
    ----------
    result : RecipeResult
        The study.

    Returns
    -------
    list of str
        One line per family × init scale × optimiser (hidden units needed at each budget:
        a size, ``not found`` or ``diverged``; whether it settles at the largest budget; a
        note when it is not monotone in the budget), then the hardest family (ranked over the
        recipes where no family diverged), the number of diverged cells (when there are any)
        and the best-of-lr success rate against the fresh trials' (when a winner was
        confirmed). ``["no recipe measured"]`` when the study has no row.

    Examples
    --------
    >>> from empirical.hardness.result import HardnessConfig
    >>> recipe_lines(RecipeResult(HardnessConfig(inputs=2), (250,), ("adam",), 8, [], 0))
    ['no recipe measured']
    """
    if not result.rows:
        return ["no recipe measured"]
    fams = list(dict.fromkeys(r.family for r in result.rows))
    lines = []
    for fam in fams:
        for scale in result.init_scales:
            for opt in result.optimizers:
                needed = result.needed(fam, opt, scale)
                diverged = result.diverged(fam, opt, scale)
                found = [v for v in needed if v is not None]
                settled = (len(found) >= 2 and needed[-1] is not None
                           and needed[-2] == needed[-1])
                kept = [v for v, d in zip(needed, diverged, strict=True) if not d]
                mono = all(a is None or (b is not None and b <= a)  # a diverged cell has no size
                           for a, b in zip(kept, kept[1:], strict=False))
                lines.append(f"{fam}, {_recipe(opt, scale, result)}: hidden units needed at "
                             + ", ".join(f"{b} steps {_h(v, d)}" for b, v, d in
                                         zip(result.budgets, needed, diverged, strict=True))
                             + ("; settles at " + str(needed[-1]) if settled else
                                "; not settled at the largest budget" if len(needed) > 1
                                else "")
                             + ("" if mono else " (not monotone in the budget: search noise)"))
    recipes = [(o, b, s) for o in result.optimizers for b in result.budgets
               for s in result.init_scales]
    hardest = {}
    by = {(r.family, r.optimizer, r.steps, r.init_scale): r.trained for r in result.rows}
    ranked = 0  # recipes without a diverged cell: a family whose training diverged has no
    # size, so ranking the others would crown one because the recipe failed on the rest
    for o, b, sc in recipes:
        cells = {f: by.get((f, o, b, sc)) for f in fams}
        if any(t is not None and t.diverged for t in cells.values()):
            continue
        vals = {f: None if t is None else t.hidden for f, t in cells.items()}
        ranked += 1
        worst = max(vals.values(), key=lambda v: float("inf") if v is None else v)
        for f, v in vals.items():
            if v == worst:
                hardest[f] = hardest.get(f, 0) + 1
    skipped = len(recipes) - ranked
    if hardest:
        most = max(hardest.values())  # every family at the top count is named (the first of
        tops = [f for f in fams if hardest.get(f) == most]  # them alone was, until 2026-12-04)
        lines.append(f"hardest family (most hidden units, ties shared): {tops[0]} under "
                     f"{most} of {ranked} recipes"
                     + (f", tied with {', '.join(tops[1:])}" if len(tops) > 1 else "") + (
                         f" ({skipped} recipe(s) with a diverged family left out)"
                         if skipped else ""))
    else:
        lines.append("no hardest family: some family diverged (non-finite loss) under every "
                     "recipe; try smaller --lrs or --init-scales")
    n_div = sum(r.trained.diverged for r in result.rows)
    if n_div:
        lines.append(f"{n_div} of {len(result.rows)} cell(s) diverged: every trial at the "
                     "largest size tried stopped on a non-finite loss, so those cells measure "
                     "the recipe, not a size")
    conf = [r for r in result.rows if r.confirmed_trials]
    if conf:
        s = sum(r.trained.successes for r in conf)
        n = sum(r.trained.trials for r in conf)
        cs = sum(r.confirmed_successes for r in conf)
        cn = sum(r.confirmed_trials for r in conf)
        lines.append(f"best-of-lr success rate at the needed sizes {s}/{n} = {s / n:.2f}; the "
                     f"same configurations on fresh trials {cs}/{cn} = {cs / cn:.2f}")
    return lines


def _grid(result: RecipeResult):
    """Rows of the needed-size table: ``(family, recipe label, [row or None per budget])`` —
    None where nothing was measured — for every family, init scale and optimiser."""
    by = {(r.family, r.optimizer, r.steps, r.init_scale): r for r in result.rows}
    for fam in dict.fromkeys(r.family for r in result.rows):
        for scale in result.init_scales:
            for opt in result.optimizers:
                found = [by.get((fam, opt, b, scale)) for b in result.budgets]
                yield fam, _recipe(opt, scale, result), found


def _unfound(row, not_found: str) -> str | None:
    """:func:`~empirical.hardness.report.unfound_cell` of a recipe row (None: not measured)."""
    return unfound_cell(None if row is None else row.trained, not_found)


def print_recipes(result: RecipeResult) -> None:
    """Print the needed-size table (family × optimiser rows, one column per budget) and the
    conclusions (rich).

    Parameters
    ----------
    result : RecipeResult
        The study; each cell shows the needed hidden units with the search's successes and the
        fresh confirmation (``–``: not measured or not found; ``diverged``: every trial
        at the largest size tried diverged), followed by
        :func:`recipe_lines` and the wall time (:func:`~empirical.hardness.report.print_study`).

    Examples
    --------
    >>> import contextlib, io
    >>> from empirical.hardness.recipes import RecipeRow
    >>> from empirical.hardness.result import HardnessConfig, TrainedFunctionSize
    >>> at100 = TrainedFunctionSize("relu", 1, 4, 4, 2, 2, (0.34, 1.0), 0.05, 3, 0)
    >>> at300 = TrainedFunctionSize("relu", 1, 2, 2, 2, 2, (0.34, 1.0), 0.05, 1, 0)
    >>> rows = [RecipeRow("parity", "adam", 100, at100, 2, 2, (0.34, 1.0)),
    ...         RecipeRow("parity", "adam", 300, at300, 1, 2, (0.09, 0.91))]
    >>> result = RecipeResult(HardnessConfig(inputs=2), (100, 300), ("adam",), 2, rows, 0.0)
    >>> with contextlib.redirect_stdout(io.StringIO()) as buf:
    ...     print_recipes(result)
    >>> text = " ".join(buf.getvalue().split())   # rich wraps long lines: join them again
    >>> "│ parity │ adam │ 4 (2/2; fresh 2/2) │ 2 (2/2; fresh 1/2) │" in text
    True
    >>> "the same configurations on fresh trials 3/4 = 0.75" in text
    True
    """
    from rich.table import Table

    table = Table(title=f"memcap hardness --recipes: M = {result.config.inputs}, hidden units "
                        f"needed (p = {result.config.success_rate:g}; confirmed on "
                        f"{result.confirm_trials} fresh trials)")
    table.add_column("family")
    table.add_column("recipe")
    for b in result.budgets:
        table.add_column(f"{b} steps", justify="right")
    for fam, recipe, by_budget in _grid(result):
        cells = [_unfound(r, "–") or
                 f"{r.trained.hidden} ({r.trained.successes}/{r.trained.trials}; fresh "
                 f"{r.confirmed_successes}/{r.confirmed_trials})" for r in by_budget]
        table.add_row(fam, recipe, *cells)
    print_study(table, recipe_lines(result), result.wall_s)


def plot_recipes(result: RecipeResult, path: str | Path) -> None:
    """Needed hidden units against the step budget (log x), one line per family × optimiser
    (not found: drawn at the top; a cell whose training diverged has no point).

    Parameters
    ----------
    result : RecipeResult
        The study (one line per family × optimiser × init scale).
    path : str or Path
        The figure file (written atomically; the format from its suffix).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from empirical.hardness.recipes import RecipeRow
    >>> from empirical.hardness.result import HardnessConfig, TrainedFunctionSize
    >>> at100 = TrainedFunctionSize("relu", 1, 4, 4, 2, 2, (0.34, 1.0), 0.05, 3, 0)
    >>> at300 = TrainedFunctionSize("relu", 1, 2, 2, 2, 2, (0.34, 1.0), 0.05, 1, 0)
    >>> rows = [RecipeRow("parity", "adam", 100, at100, 2, 2, (0.34, 1.0)),
    ...         RecipeRow("parity", "adam", 300, at300, 1, 2, (0.09, 0.91))]
    >>> result = RecipeResult(HardnessConfig(inputs=2), (100, 300), ("adam",), 2, rows, 0.0)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     png = pathlib.Path(tmp) / "recipes.png"
    ...     plot_recipes(result, png)
    ...     head, size = png.read_bytes()[1:4], png.stat().st_size
    >>> head, size > 1000
    (b'PNG', True)
    """
    import matplotlib

    matplotlib.use("Agg")

    families = list(dict.fromkeys(r.family for r in result.rows))
    combos = [(o, s) for s in result.init_scales for o in result.optimizers]
    series = len(families) * len(combos)
    fig, ax = legend_figure(series)  # beside the axes past 12 entries
    top = max([r.trained.hidden or 0 for r in result.rows] + [1]) + 1
    # one colour a family and one line style and marker a recipe: with more than four recipes
    # or ten families two series were drawn alike (review)
    styles = ("-", "--", ":", "-.")
    markers = ("o", "s", "^", "D", "v", "P", "X", "*")
    for fam, colour in zip(families, family_colours(len(families)), strict=True):
        for j, (opt, scale) in enumerate(combos):
            ys = [float("nan") if d else top if v is None else v  # diverged: no point
                  for v, d in zip(result.needed(fam, opt, scale),
                                  result.diverged(fam, opt, scale), strict=True)]
            ax.plot(result.budgets, ys, styles[j % len(styles)],
                    marker=markers[(j // len(styles)) % len(markers)],
                    color=colour, label=f"{fam}, {_recipe(opt, scale, result)}")
    ax.set_xscale("log")
    ax.set_xlabel("step budget")
    ax.set_ylabel("hidden units needed (top row: not found)")
    title = f"M = {result.config.inputs}: is it the network or the recipe?"
    save_figure(fig, path, **title_and_legend(ax, title, series, "recipes.csv"))


def write_recipes(result: RecipeResult, out: str | Path, overwrite: bool = False) -> Path:
    """Write recipes.json, recipes.csv and recipes.png into ``out`` (atomically, whole).

    Parameters
    ----------
    result : RecipeResult
        The study: recipes.json is its ``to_dict()`` with the package versions, recipes.csv
        :func:`recipe_frame`, recipes.png :func:`plot_recipes` (only when there are rows).
    out : str or Path
        The folder to write (see :func:`~empirical.hardness.report.write_study`).
    overwrite : bool
        Replace a non-empty ``out`` that memcap wrote, instead of refusing it.

    Returns
    -------
    Path
        The written folder ``out``.

    Examples
    --------
    >>> import json, pathlib, tempfile
    >>> import pandas as pd
    >>> from empirical.hardness.recipes import RecipeRow
    >>> from empirical.hardness.result import HardnessConfig, TrainedFunctionSize
    >>> at100 = TrainedFunctionSize("relu", 1, 4, 4, 2, 2, (0.34, 1.0), 0.05, 3, 0)
    >>> at300 = TrainedFunctionSize("relu", 1, 2, 2, 2, 2, (0.34, 1.0), 0.05, 1, 0)
    >>> rows = [RecipeRow("parity", "adam", 100, at100, 2, 2, (0.34, 1.0)),
    ...         RecipeRow("parity", "adam", 300, at300, 1, 2, (0.09, 0.91))]
    >>> result = RecipeResult(HardnessConfig(inputs=2), (100, 300), ("adam",), 2, rows, 0.0)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_recipes(result, pathlib.Path(tmp) / "recipes")
    ...     names = sorted(p.name for p in out.iterdir())
    ...     table = pd.read_csv(out / "recipes.csv")
    ...     saved = json.loads((out / "recipes.json").read_text())
    >>> names
    ['.memcap-folder', 'recipes.csv', 'recipes.json', 'recipes.png']
    >>> table["steps"].tolist(), table["hidden"].tolist(), table["confirmed_successes"].tolist()
    ([100, 300], [4, 2], [2, 1])
    >>> saved["format"], saved["budgets"]
    ('memcap.hardness-recipes/2', [100, 300])
    """
    def extra(tmp: Path) -> None:
        if result.rows:
            plot_recipes(result, tmp / "recipes.png")

    return write_study(result, out, overwrite, "recipes", recipe_frame(result), "recipes.csv",
                       extra)


def recipes_markdown(result: RecipeResult) -> str:
    """Markdown for docs: hidden units needed per family × recipe (rows) and budget (columns),
    with the search's successes and the fresh confirmation, then the conclusions.

    Parameters
    ----------
    result : RecipeResult
        The study.

    Returns
    -------
    str
        A Markdown table (one row per family × recipe, one column per budget; a cell reads
        ``hidden (successes/trials, lr best_lr; fresh successes/trials)``, ``not found`` —
        also where the cell was not measured — or ``diverged``), a blank line and
        :func:`recipe_lines` as a bullet list; ``"no recipe measured"`` when the study has no
        row.

    Examples
    --------
    >>> from empirical.hardness.result import HardnessConfig
    >>> print(recipes_markdown(RecipeResult(HardnessConfig(inputs=2), (250,), ("adam",), 8,
    ...                                     [], 0)))
    no recipe measured
    """
    if not result.rows:
        return "no recipe measured"
    head = ["family", "recipe"] + [f"{b} steps" for b in result.budgets]
    body = []
    for fam, recipe, by_budget in _grid(result):
        cells = [_unfound(r, "not found") or
                 f"{r.trained.hidden} ({r.trained.successes}/{r.trained.trials}, lr "
                 f"{r.trained.best_lr:g}; fresh {r.confirmed_successes}/{r.confirmed_trials})"
                 for r in by_budget]
        body.append([fam, recipe, *cells])
    out = markdown_table(head, body)
    return "\n".join(out + [""] + [f"- {line}" for line in recipe_lines(result)])
