"""Presenting a :class:`~empirical.search.options.SearchResult`: rich table, figure, folder.

The folder written by :func:`write_search` holds ``search.json`` (``SearchResult.to_dict``),
``candidates.csv`` (``SearchResult.to_frame``), ``metrics.csv`` (every trained member's logged
metrics, when the search kept them) and ``search.png`` (success rate with Wilson error bars
against size, log x, the needed size marked). It is assembled in a hidden sibling and renamed
into place, so a reader never sees a partial folder.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from capacity.atomic_files import atomic_write_text, write_folder
from capacity.options import percent_text
from empirical.engine.plots import save_figure
from empirical.engine.versions import package_versions
from empirical.search.options import SearchResult

__all__ = ["ANCHORS", "overstated_note", "plot_search", "print_search", "search_lines",
           "write_search"]

#: Reference storage rates in bits per parameter: Cover (1965) for one threshold unit
#: (2 bits per weight at the capacity 2d), Morris et al. 2025 (GPT-style models, 3.6) and
#: Collins, Sohl-Dickstein, Sussillo 2017 (RNN cells, ~5 with tuned training). The values
#: are :data:`capacity.bounds.information.ANCHORS`' (the registered anchors), kept here as floats
#: so that reports need not import sympy; a test checks that the two agree.
ANCHORS = {"Cover 1965": 2.0, "Morris et al. 2025": 3.6, "Collins et al. 2017": 5.0}


def search_lines(result: SearchResult) -> list[str]:
    """The answer as plain lines (needed size, parameters, bits per parameter, lr, interval).

    Examples
    --------
    >>> from empirical.search.size import SearchOptions, SearchTarget, search_size
    >>> res = search_size(SearchTarget(table="0001"), SearchOptions.of(seeds=1, lrs=(0.05,),
    ...                   steps=100, start=1, bracket_steps=1))
    >>> search_lines(res)[0]
    'needed: width 1 (1 hidden units per layer × 1 layer(s) = 1 hidden units, 7 parameters)'
    """
    o, n = result.options, result.needed
    if n is None and result.memory_stop:
        top = result.candidates[-1]
        return [f"not found: stopped after size {top.size} (rate {top.rate:.2f}), below "
                f"--max-size {o.max_size}, because the next round would not fit: "
                f"{result.memory_stop}"]
    if result.memory_stop:  # a narrowing round did not fit: the bracket is not closed
        low = result.below.size if result.below else 0
        return [*search_lines(dataclasses.replace(result, memory_stop=None)),
                f"search incomplete (memory): the answer lies in ({low}, {n.size}], not "
                f"narrowed further because the next round would not fit: {result.memory_stop}"]
    if n is None:
        top = result.candidates[-1] if result.candidates else None
        bad = result.diverged_sizes
        if result.all_diverged:  # nothing was learnt at any size: not a statement about sizes
            return [f"not found: every trial diverged (non-finite loss) at every size tried "
                    f"({', '.join(map(str, bad))}), so no size was really tested: the "
                    "training settings fail, not the sizes; try smaller --lrs"]
        if result.diverged:  # the ceiling's failure says nothing about the ceiling
            return [f"not found: every trial diverged (non-finite loss) at sizes "
                    f"{', '.join(map(str, bad))}, the largest tried ({top.size}) among them, "
                    "so their failure says nothing about those sizes: the training settings "
                    "fail there; try smaller --lrs"
                    + (f" (sizes {result.violations} passed below a failing size)"
                       if result.violations else "")]
        if result.violations:  # smaller sizes passed, but the largest one tried failed
            return [f"not found: the largest size tried, {top.size}, failed (rate "
                    f"{top.rate:.2f} < {o.success_rate:g}), so no size above every failing "
                    f"one passed, although sizes {result.violations} below it did: the larger "
                    "sizes failed to train with these settings, so try other --lrs, more "
                    "--steps or --trials (raising --max-size only adds larger sizes)"]
        return [f"not found: no size up to --max-size {o.max_size} reached success rate "
                f"{o.success_rate:g}" + (f" (largest tried: {top.size}, rate {top.rate:.2f})"
                                         if top else "") + "; raise --max-size or --steps"
                + (f" (every trial diverged at sizes {', '.join(map(str, bad))}: try smaller "
                   "--lrs too)" if bad else "")]
    head = "width" if o.axis == "width" else "parameter budget"
    shape = (f"transformer width {n.width}, {o.depth} block(s) of {o.model.heads} head(s)"
             if o.model.kind == "transformer" else
             f"{n.width} hidden units per layer × {o.depth} layer(s) = {n.width * o.depth} "
             "hidden units")
    chosen = (f" (the best of {len(o.lrs)} lrs: its own trials' interval, not adjusted for "
              "the choice)" if len(o.lrs) > 1 else "")
    lines = [f"needed: {head} {n.size} ({shape}, {n.parameters} parameters)",
             f"success {n.successes}/{n.trials} = {n.rate:.2f}, Wilson "
             f"{percent_text(o.confidence)} [{n.interval[0]:.2f}, {n.interval[1]:.2f}], "
             f"best lr {n.best_lr:g}{chosen}"
             + (f", median steps to fit {n.steps_to_fit:g}" if n.steps_to_fit is not None
                else "")]
    if result.below is not None:
        b = result.below
        lines.append(f"below it: size {b.size} succeeded {b.successes}/{b.trials} "
                     f"(Wilson [{b.interval[0]:.2f}, {b.interval[1]:.2f}])")
    if result.diverged_sizes:  # left out of the bracket: a failure of the recipe, not the size
        lines.append(f"every trial diverged (non-finite loss) at sizes "
                     f"{', '.join(map(str, result.diverged_sizes))}: left out of the bracket "
                     "(the training settings fail there, not the size)")
    anchors = ", ".join(f"{k} {v:g}" for k, v in ANCHORS.items())
    _, lo, hi = result.bits_per_parameter_interval
    over = (f" ({lo:.3g}–{hi:.3g} across the bracket ({result.below.parameters}, "
            f"{n.parameters}] parameters; not a confidence interval)"
            if result.below is not None else
            f" ({lo:.3g}–{hi:.3g} across [{result.smallest_parameters}, {n.parameters}] "
            "parameters: no smaller size was measured failing; not a confidence interval)"
            if hi > lo else "")
    if result.target.bits_are_information():
        lines.append(f"bits per parameter: {result.information_bits:g} bits / {n.parameters} = "
                     f"{result.bits_per_parameter:.3g}{over} (anchors: {anchors})")
    else:
        lines.append(f"truth-table bits per parameter: {result.information_bits:g} bits / "
                     f"{n.parameters} = {result.bits_per_parameter:.3g}{over}; not information: "
                     f"the labels of {result.target.describe().rsplit(' Boolean', 1)[0]} carry "
                     "fewer bits than the truth table's length, so the anchors do not apply")
    if result.overstated:
        lines.append(overstated_note(result))
    if result.violations:
        lines.append(f"non-monotone: sizes {result.violations} below a failing size passed "
                     f"(rate >= {o.success_rate:g}); ignored, the answer is the smallest size "
                     "above every failing one")
    return lines


def overstated_note(result: SearchResult) -> str:
    """The warning printed when some trial's labels cannot all be fitted
    (:attr:`~empirical.search.options.SearchResult.overstated`).

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> overstated_note(NS(fittable_labels=(15, 32)))[:62]
    'only 15 of 32 labels can be fitted in the worst trial (equal i'
    """
    best, labels = result.fittable_labels
    return (f"only {best} of {labels} labels can be fitted in the worst trial (equal inputs, or "
            "sequences sharing a prefix, with different labels; success asks for those "
            f"{best}): the bits count all {labels} labels, so bits per parameter overstates "
            f"what the network stores, by up to {1 - best / labels:.0%} of the bits "
            "(docs/search.md)")


def print_search(result: SearchResult, console=None) -> None:
    """Print the candidate table (one row per size) and the answer lines with rich.

    Parameters
    ----------
    result : SearchResult
        The search to show: a row per candidate (the needed size starred), then the lines of
        :func:`search_lines` and one line of rounds, ensembles and wall time.
    console : rich.console.Console, optional
        Where to print (default: a new console on stdout); a table wider than a console that is
        not a terminal is printed whole (:func:`capacity.terminal.print_table`).

    Examples
    --------
    >>> import io
    >>> from rich.console import Console
    >>> from empirical.search.size import SearchOptions, SearchTarget, search_size
    >>> res = search_size(SearchTarget(table="0001"), SearchOptions.of(seeds=1, lrs=(0.05,),
    ...                   steps=100, start=1, bracket_steps=1))
    >>> buf = io.StringIO()
    >>> print_search(res, Console(file=buf, width=100))
    >>> lines = buf.getvalue().splitlines()
    >>> lines[0].strip()
    'memcap search: table 0001 Boolean M=2 N=1, depth 1, axis width, 1 trial(s), p = 0.5'
    >>> [line.split("│")[1].strip() for line in lines if line.startswith("│")]  # sizes
    ['1*', '2']
    >>> lines[-1].split(", ")[:2]                                         # then the wall time
    ['1 round(s)', '1 ensemble(s) of K = 2..2 (total 2 members)']
    """
    from rich.console import Console
    from rich.table import Table

    from capacity.terminal import print_table

    console = console or Console()
    o = result.options
    table = Table(title=f"memcap search: {result.target.describe()}, depth {o.depth}, "
                        f"axis {o.axis}, {o.seeds} trial(s), p = {o.success_rate:g}")
    by_lr = "succ. by lr " + "/".join(f"{lr:g}" for lr in o.lrs)
    diverged = any(sum(c.diverged_by_lr.values()) for c in result.candidates)
    cols = ["size"] + (["width"] if o.axis == "parameters" else []) + [
        "params", "succ", "Wilson", "best lr", by_lr, "steps", "round"] + (
        ["diverged"] if diverged else [])  # trials of every lr; shown only where some did
    for col in cols:
        table.add_column(col, justify="right")
    for c in result.candidates:
        mark = result.needed is not None and c.size == result.needed.size
        table.add_row(
            f"[bold]{c.size}*[/bold]" if mark else str(c.size),
            *([str(c.width)] if o.axis == "parameters" else []), str(c.parameters),
            f"{c.successes}/{c.trials}", f"[{c.interval[0]:.2f}, {c.interval[1]:.2f}]",
            f"{c.best_lr:g}" if c.successes else "–",
            "/".join(str(c.successes_by_lr[lr]) for lr in o.lrs),
            "" if c.steps_to_fit is None else f"{c.steps_to_fit:g}", str(c.round),
            *([f"{sum(c.diverged_by_lr.values())}/{c.trials * len(o.lrs)}"] if diverged
              else []))
    print_table(table, console)
    for line in search_lines(result):  # whole lines: rich wrapped them at 80 columns on a pipe,
        console.print(line, soft_wrap=True)  # so grep missed half a line (2026-12-05 review)
    sizes = result.ensemble_sizes
    console.print(f"{result.rounds} round(s), {len(sizes)} ensemble(s) of K = "
                  f"{min(sizes)}..{max(sizes)} (total {sum(sizes)} members), "
                  f"{result.wall_s:.1f} s", soft_wrap=True)


def plot_search(result: SearchResult, path: str | Path) -> None:
    """Success rate with Wilson error bars against size (log x), p dashed, needed size marked;
    written atomically (PNG or SVG by suffix).

    Parameters
    ----------
    result : SearchResult
        The search to draw: one point per candidate.
    path : str or Path
        The file to write (its folder must exist); the format follows the suffix (PNG without
        one), through :func:`~empirical.engine.plots.save_figure`, which closes the figure.

    Examples
    --------
    >>> import os, tempfile, pathlib
    >>> from empirical.search.size import SearchOptions, SearchTarget, search_size
    >>> res = search_size(SearchTarget(table="0001"), SearchOptions.of(seeds=1, lrs=(0.05,),
    ...                   steps=100, start=1, bracket_steps=1))
    >>> tmp = tempfile.TemporaryDirectory(); d = pathlib.Path(tmp.name)
    >>> plot_search(res, d / "search.png"); plot_search(res, d / "search.svg")
    >>> (d / "search.png").read_bytes()[1:4], (d / "search.svg").read_text().count("<svg")
    (b'PNG', 1)
    >>> sorted(os.listdir(d))
    ['search.png', 'search.svg']
    >>> tmp.cleanup()
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker
    import numpy as np

    o = result.options
    sizes = np.array([c.size for c in result.candidates], dtype=float)
    rate = np.array([c.rate for c in result.candidates])
    lo = np.array([c.interval[0] for c in result.candidates])
    hi = np.array([c.interval[1] for c in result.candidates])
    fig, ax = plt.subplots(figsize=(6.4, 4))
    ax.errorbar(sizes, rate, yerr=[rate - lo, hi - rate], fmt="o-", capsize=3,
                label=f"success rate ({o.seeds} trials, Wilson {percent_text(o.confidence)})")
    ax.axhline(o.success_rate, ls="--", color="grey", lw=1, label=f"p = {o.success_rate:g}")
    if result.needed is not None:
        ax.axvline(result.needed.size, color="C3", lw=1, ls=":", zorder=0)
        ax.plot([result.needed.size], [result.needed.rate], "*", color="C3", ms=14, zorder=3,
                label=f"needed {result.needed.size} ({result.needed.parameters} params, "
                      f"{result.bits_per_parameter:.2g} "
                      + ("bits/param)" if result.target.bits_are_information()
                         else "truth-table bits/param)"))
    ax.set_xscale("log", base=2)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    ax.set_xlabel("hidden width" if o.axis == "width" else "parameter budget")
    ax.set_ylabel("success rate")
    ax.set_ylim(-0.05, 1.05)
    ax.set_title(f"{result.target.describe()}, depth {o.depth}", fontsize=9)
    ax.legend(frameon=False, fontsize=8)
    save_figure(fig, path)


def write_search(result: SearchResult, out: str | Path, overwrite: bool = False,
                 figure: bool = True) -> Path:
    """Write search.json, candidates.csv, metrics.csv and search.png into ``out`` (atomically,
    whole).

    Parameters
    ----------
    result : SearchResult
        The search to write: ``search.json`` holds ``result.to_dict()`` and the package
        versions, ``candidates.csv`` ``result.to_frame()``, ``metrics.csv`` the training curves
        of every trained member (``result.curves``: one row per member × logged step, as
        ``memcap train`` writes them, with the member's round, size, lr and trial; only when
        the search kept them, ``search_size(..., curves=True)``), ``search.png``
        :func:`plot_search`.
    out : str or Path
        The folder, assembled in a hidden sibling and renamed into place
        (:func:`~capacity.atomic_files.write_folder`); a non-empty one is refused unless
        ``overwrite``, and replaced only if memcap wrote it.
    overwrite : bool
        Replace an existing folder that memcap wrote.
    figure : bool
        Also draw ``search.png``.

    Returns
    -------
    Path
        ``out``.

    Examples
    --------
    >>> import json, os, tempfile, pathlib
    >>> from empirical.search.size import SearchOptions, SearchTarget, search_size
    >>> res = search_size(SearchTarget(table="0001"), SearchOptions.of(seeds=1, lrs=(0.05,),
    ...                   steps=100, start=1, bracket_steps=1), curves=True)
    >>> tmp = tempfile.TemporaryDirectory()
    >>> out = write_search(res, pathlib.Path(tmp.name) / "search")
    >>> sorted(os.listdir(out))
    ['.memcap-folder', 'candidates.csv', 'metrics.csv', 'search.json', 'search.png']
    >>> json.loads((out / "search.json").read_text())["needed"]["width"]
    1
    >>> len((out / "candidates.csv").read_text().splitlines())  # a header and 2 candidates
    3
    >>> write_search(res, out)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: output folder '...' is not empty; pass --overwrite to replace ...
    >>> sorted(os.listdir(write_search(res, out, overwrite=True, figure=False)))
    ['.memcap-folder', 'candidates.csv', 'metrics.csv', 'search.json']
    >>> tmp.cleanup()
    """
    def writer(tmp: Path) -> None:
        payload = {**result.to_dict(), "versions": package_versions()}
        atomic_write_text(tmp / "search.json", json.dumps(payload, indent=2) + "\n")
        atomic_write_text(tmp / "candidates.csv", result.to_frame().to_csv(index=False))
        if result.curves is not None:
            from empirical.engine.run import write_metrics_csv  # torch: trained already

            write_metrics_csv(result.curves, tmp / "metrics.csv")
        if figure:
            plot_search(result, tmp / "search.png")

    return write_folder(out, writer, overwrite)
