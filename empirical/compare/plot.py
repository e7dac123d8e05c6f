"""The figures of ``memcap compare``: neurons and parameters against M, depth, random labels.

Every series of a compare result on log-y axes: proven lower bounds (black), anchors (grey,
dotted), each verified construction's median with its min–max over the sampled maps, and the
trained sizes with a bar down to the measured failing size. Files are written atomically.
"""

from __future__ import annotations

import math
from pathlib import Path

from empirical.compare.result import CompareResult, CompareRow
from empirical.compare.rows import CONSTRUCTION_METHODS, best_lower
from empirical.engine.plots import save_figure

__all__ = ["FIGURES", "log_ticks", "nechiporuk_band", "plot_compare"]

#: Figure file names written by :func:`plot_compare`.
FIGURES = ("compare-neurons.png", "compare-parameters.png", "compare-random-labels.png",
           "compare-depth.png")

_METHODS = CONSTRUCTION_METHODS  # the construction columns
_MARKERS = "osPD^vX<>"  # one per construction column, cycled if there are more
#: Colour and marker of each trained series (depth 1, 2, ..., 8: ``--depths`` allows 1..8):
#: none of the constructions' C0–C6, not the grey of the Nechiporuk band (depth 1 was C7, grey
#: on grey, until 2026-12-03) and not the black of the proven bounds
_TRAINED_STYLES = (("C9", "*"), ("C8", "*"), ("darkgoldenrod", "P"), ("teal", "X"),
                   ("navy", "h"), ("magenta", "d"), ("yellowgreen", "p"), ("maroon", "8"))


def log_ticks(low: float, high: float) -> list[float]:
    """Labelled ticks for a log axis over ``[low, high]``: the powers of ten, or 1-2-5 per
    decade, or 1-1.5-2-3-5-7, the coarsest of them that gives at least three ticks in range,
    thinned to at most ten; evenly spaced round values where even the finest gives fewer than
    two (a span well under a decade).

    Examples
    --------
    >>> log_ticks(30, 600)
    [50.0, 100.0, 200.0, 500.0]
    >>> log_ticks(900, 1100)
    [920.0, 960.0, 1000.0, 1040.0, 1080.0]
    >>> log_ticks(10, 1e6)
    [10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0]
    >>> log_ticks(0.29, 0.3), log_ticks(5, 5)
    ([0.29, 0.2925, 0.295, 0.2975, 0.3], [])
    """
    if not 0 < low < high < math.inf:  # not a log axis's limits: leave the ticks to the axis
        return []
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    ticks: list[float] = []
    for subs in ((1,), (1, 2, 5), (1, 1.5, 2, 3, 5, 7)):
        values = (float(f"{s}e{e}") for e in range(first, last + 1) for s in subs)  # exact
        ticks = [v for v in values if low <= v <= high]
        if len(ticks) >= 3:
            break
    if len(ticks) < 2:
        from matplotlib.ticker import MaxNLocator

        slack = 1e-9 * (high - low)  # the locator's steps carry float error
        return [float(f"{t:.12g}") for t in MaxNLocator(5).tick_values(low, high)
                if low - slack <= t <= high + slack]
    step = -(-len(ticks) // 10)  # at most ten labels
    return ticks[::step]


def _save(fig, ax, path: Path, legend_size: int = 8, outside: bool = False) -> Path:
    """Grid and legend (``outside``: right of the axes, where it hides no data), then
    :func:`empirical.engine.plots.save_figure`."""
    ax.grid(True, which="major", alpha=0.3)
    if outside:
        ax.legend(fontsize=legend_size, frameon=False, loc="upper left",
                  bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
    else:
        ax.legend(fontsize=legend_size, frameon=False)
    return save_figure(fig, path)


def nechiporuk_band(inputs: list[int]) -> tuple[list[float], list[float]]:
    """The asymptotic band of the worst-case any-depth threshold-circuit size for one output:
    ``2·√(2^M/M)`` (Nechiporuk's proven asymptotic lower bound) to ``2√2·√(2^M/M)`` (his stated
    upper bound). An asymptotic order drawn for orientation, not a bound at finite M.

    Examples
    --------
    >>> [round(v, 1) for v in nechiporuk_band([16])[0] + nechiporuk_band([16])[1]]
    [128.0, 181.0]

    References
    ----------
    V. I. Nechiporuk, "The synthesis of networks from threshold elements", Doklady AN SSSR 154(4),
    1964 (lower bound proved; upper bound stated).
    """
    base = [math.sqrt(2**m / m) for m in inputs]
    return [2 * b for b in base], [2 * math.sqrt(2) * b for b in base]


def _trained_series(rows: list[CompareRow], fam: str, key: str, offset: int = 0):
    xs, ys, lo = [], [], []
    for r in rows:
        t = r.trained.get(fam)
        if t and t.needed:
            xs.append(r.M)
            need = getattr(t.needed, key)
            ys.append(need + offset)
            lo.append(need - getattr(t.bracket, key) if t.bracket else 0)  # bar to failing size
    return xs, ys, lo


def plot_compare(result: CompareResult, folder: str | Path) -> list[Path]:
    """Write the figures of :data:`FIGURES` that apply into ``folder``; return their paths.

    Parameters
    ----------
    result : CompareResult
        The comparison to draw.
    folder : str or pathlib.Path
        An existing folder the PNG files are written into.

    Returns
    -------
    list of pathlib.Path
        The files written: the neurons and parameters figures, then the random-label and depth
        figures when the result has those views.

    Examples
    --------
    >>> import tempfile
    >>> from empirical.compare.compute import run_compare
    >>> from empirical.compare.config import CompareConfig
    >>> res = run_compare(CompareConfig(inputs=(1, 2, 3), samples=1, train=False))
    >>> [p.name for p in plot_compare(res, tempfile.mkdtemp())]
    ['compare-neurons.png', 'compare-parameters.png']
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import ticker

    folder = Path(folder)
    rows = result.rows
    ms = [r.M for r in rows]
    nout = result.outputs
    fams = sorted({f for r in rows for f in r.trained})
    written = []
    for kind in ("neurons", "parameters"):
        fig, ax = plt.subplots(figsize=(11, 5))  # the legend right of the axes (it hid data)
        if kind == "neurons":
            # the largest proven bound, as the findings and the table state it: the counting
            # lines alone sat below the M ≤ 5 worst case where it persists (M = 6 for one
            # output, every M ≤ 6 for two: "≥ 4" in the text, 3 drawn; 2026-12-06)
            for arch, counting, style, name in (
                    ("any-depth", "counting.any-depth", "k-", "any depth"),
                    ("layered", "counting.one-hidden-layer", "k--", "one hidden layer")):
                best = [best_lower(r.lower, arch) for r in rows]
                how = ("counting" if best == [r.lower[counting] for r in rows] else
                       "counting, or the M ≤ 5 worst case, which persists")
                ax.plot(ms, best, style, label=f"≥ {name} (proven: {how})")
            exact = [(r.M, r.lower.get("exact.any-depth")) for r in rows
                     if r.lower.get("exact.any-depth") is not None]
            if exact:
                ax.plot([m for m, _ in exact], [v for _, v in exact], "k*", ms=11, zorder=5,
                        label="exact worst case, any depth (computed, certified)")
            if nout == 1:
                lo_band, hi_band = nechiporuk_band(ms)
                ax.fill_between(ms, lo_band, hi_band, color="0.85", zorder=0,
                                label="Nechiporuk 1964 asymptotics 2…2√2 · √(2^M/M) (order)")
        else:
            ax.plot(ms, [r.lower["uml.thm20.6-edges"] for r in rows], "k-",
                    label="≥ any depth, one fixed graph (Thm 20.6, proven)")
            ax.plot(ms, [r.anchors["info.boolean-params.cover-2"] for r in rows], color="0.5",
                    ls=":", label="2 bits/param (anchor)")
            ax.plot(ms, [r.anchors["info.boolean-params.morris-3.6"] for r in rows],
                    color="0.7", ls=":", label="3.6 bits/param (anchor)")
        for i, m in enumerate(_METHODS):
            st = [r.constructions[m].stats(kind) for r in rows]
            med = [s.median for s in st]
            ax.errorbar(ms, med, yerr=[[a - s.min for a, s in zip(med, st, strict=True)],
                                       [s.max - a for a, s in zip(med, st, strict=True)]],
                        marker=_MARKERS[i % len(_MARKERS)], ms=4, lw=1, capsize=2, color=f"C{i}",
                        label=f"{m} (verified, median of samples)")
        for fam in fams:
            key, off = ("hidden", nout) if kind == "neurons" else ("parameters", 0)
            xs, ys, lo = _trained_series(rows, fam, key, off)
            colour, marker = _TRAINED_STYLES[(int(fam[5:]) - 1) % len(_TRAINED_STYLES)]
            ax.errorbar(xs, ys, yerr=[lo, [0] * len(lo)], marker=marker, ms=9, lw=1.5, capsize=3,
                        color=colour,
                        label=f"GD, {fam[5:]} hidden layer(s) (measured; bar down to failing size)")
        ax.set_yscale("log")
        ax.set_xticks(ms)
        ax.set_xlabel("inputs M (random map {±1}^M → {±1}^N, all 2^M points)")
        ax.set_ylabel("neurons (hidden + N)" if kind == "neurons" else "parameters")
        ax.set_title(f"memcap compare: {kind} needed to memorise a random map")
        written.append(_save(fig, ax, folder / f"compare-{kind}.png", legend_size=7,
                             outside=True))
    pts = result.random_labels
    if pts:
        fig, ax = plt.subplots(figsize=(6.5, 4.5))
        ns = [p.n for p in pts]
        for bound_id, style, label in (("info.points-params.cover-2", ":", "2 bits/param"),
                                       ("info.points-params.morris-3.6", "-.", "3.6 bits/param"),
                                       ("info.points-params.collins-5", "--", "5 bits/param")):
            ax.plot(ns, [p.anchors[bound_id] for p in pts], color="0.4", ls=style,
                    label=f"{label} (anchor)")
        found = [p for p in pts if p.trained.needed]
        ys = [p.trained.needed.parameters for p in found]
        lo = [y - p.trained.bracket.parameters if p.trained.bracket else 0
              for y, p in zip(ys, found, strict=True)]
        ax.errorbar([p.n for p in found], ys, yerr=[lo, [0] * len(lo)], marker="*", ms=9,
                    capsize=3, color="C4", label="GD, one hidden layer (measured)")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xticks(ns, [str(n) for n in ns])
        ax.minorticks_off()
        # labelled ticks finer than the decades where the data span few (one tick, 2026-12-03)
        low, high = ax.get_ylim()
        ax.yaxis.set_major_locator(ticker.FixedLocator(log_ticks(low, high)))
        ax.yaxis.set_major_formatter(ticker.StrMethodFormatter("{x:g}"))
        ax.yaxis.set_minor_formatter(ticker.NullFormatter())
        ax.set_xlabel(f"points n (V = {pts[0].classes} classes, d = {pts[0].d_in})")
        ax.set_ylabel("parameters")
        ax.set_title("random labels: parameters GD needs vs n")
        written.append(_save(fig, ax, folder / "compare-random-labels.png"))
    dc = result.depth_comparison
    if dc:
        fig, ax = plt.subplots(figsize=(6.5, 4.5))
        for i, d in enumerate(dc):
            depths = sorted(d.by_depth)
            ts = [d.by_depth[k] for k in depths]
            xs = [k + 0.1 * i for k, t in zip(depths, ts, strict=True) if t.needed]
            ys = [t.needed.parameters for t in ts if t.needed]
            lo = [t.needed.parameters - t.bracket.parameters if t.bracket else 0
                  for t in ts if t.needed]
            ax.errorbar(xs, ys, yerr=[lo, [0] * len(lo)], marker="o", capsize=4, lw=1.5,
                        color=f"C{i}", label=f"M = {d.M} ({d.information_bits:g} bits)")
        ax.set_xticks(sorted({k for d in dc for k in d.by_depth}))
        ax.set_xlabel("hidden layers (equal parameter budget axis)")
        ax.set_ylabel("parameters GD needs (bar down to failing budget)")
        ax.set_title("which depth does gradient descent find easier?")
        written.append(_save(fig, ax, folder / "compare-depth.png"))
    return written
