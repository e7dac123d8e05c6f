"""How the size gradient descent needs grows with the data: one capacity search per n, and the
exponent of the needed parameters against n.

For a grid of n (random points for an MLP, random token sequences — N in Kim et al.'s notation —
for a transformer) :func:`search_scaling` runs :func:`empirical.search.size.search_size` on the
same target family at each n, then fits P*(n) = A·n^a on log–log axes
(:func:`empirical.sweeps.fits.fit_exponent`) to the needed parameter counts, and again to the
bracket's lower ends (the failing size below + 1, where measured), so the exponent comes with the
spread the bracket allows. Beside it, the theory: for transformers, Kim, Kim & Mozafari (ICLR
2023) prove that Õ(d + ℓ + √(ℓ·n)) parameters *suffice* for n sequence-to-sequence maps of
length ℓ (bound ``kim-kim-mozafari2023``; an order, no constants), so the best possible exponent
in n at fixed ℓ and d is at most 1/2 once √(ℓn) dominates; for ReLU MLPs on points, Vardi,
Yehudai & Shamir (ICLR 2022, ``vardi-yehudai-shamir2022``) prove Θ̃(√n). A constant number of
bits per parameter — what trained networks are reported to store (Morris et al. 2025) — means
exponent 1.

Folder written by :func:`write_scaling`: ``scaling.json`` (:meth:`ScalingResult.to_dict`,
``memcap.scaling/1``), ``scaling.csv`` (one row per n), ``metrics.csv`` (every trained
member's logged metrics, one row per n × member × logged step: the column ``n``, then a
search's ``metrics.csv`` columns; when the grid kept them, ``search_scaling(curves=True)``, up
to :data:`~empirical.search.plan.CURVE_ROWS_LIMIT` rows in all), ``scaling.png`` (needed
parameters against n with the bracket, the fit and slopes 1/2 and 1), ``scaling.md``.
"""

from __future__ import annotations

import dataclasses
import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from capacity.atomic_files import atomic_write_text, json_safe, write_folder
from capacity.errors import UsageError
from capacity.registry import get_bound
from empirical.engine.config import integer_list
from empirical.engine.plots import save_figure
from empirical.engine.versions import package_versions
from empirical.search.options import SearchOptions, SearchResult
from empirical.search.plan import CURVE_ROWS_LIMIT
from empirical.search.size import search_size
from empirical.search.target import SearchTarget
from empirical.sweeps.fits import ExponentFit, fit_exponent

__all__ = ["THEORY_BOUNDS", "ScalingResult", "print_scaling", "scaling_lines", "search_scaling",
           "theory_bound",
           "write_scaling"]

#: The registered bound the exponent is reported beside, by model kind
#: (capacity/bounds/memorisation.py): Kim, Kim & Mozafari for transformers, Vardi, Yehudai &
#: Shamir for ReLU MLPs on points (an MLP grid printed the transformer theorem until 2026-12-04).
THEORY_BOUNDS = {"transformer": "kim-kim-mozafari2023", "mlp": "vardi-yehudai-shamir2022"}

#: What each bound says about the exponent of the needed parameters in n.
_THEORY_READING = {
    "kim-kim-mozafari2023": "At fixed length and token dimension the exponent of what suffices "
                            "is at most 1/2 once the square root dominates",
    "vardi-yehudai-shamir2022": "The exponent of what suffices is 1/2 up to logarithms, for "
                                "points with mild separability and weights of large bit "
                                "complexity",
}


def theory_bound(res: ScalingResult) -> str:
    """The id of the registered bound printed beside ``res``'s exponent (by its model kind).

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> theory_bound(NS(results=[NS(options=NS(model=NS(kind="mlp")))]))
    'vardi-yehudai-shamir2022'
    """
    return THEORY_BOUNDS[res.results[0].options.model.kind]


@dataclass
class ScalingResult:
    """One search per n (``results[i]`` at ``ns[i]``) and the fitted exponents of the needed
    parameters (``fit``) and of the bracket's lower ends (``fit_lower``); None with fewer than
    two sizes found.

    Examples
    --------
    >>> t = SearchTarget(kind="points", n=8, classes=2, d_in=4)
    >>> o = SearchOptions.of(seeds=1, lrs=(0.05,), steps=150, start=1, bracket_steps=1)
    >>> res = search_scaling(t, [4, 16], o)
    >>> res.ns, [r.target.n for r in res.results], res.fit.n_points
    ([4, 16], [4, 16], 2)
    >>> res.to_frame()["n"].tolist(), res.to_dict()["format"]
    ([4, 16], 'memcap.scaling/1')
    """

    ns: list[int]
    results: list[SearchResult]
    fit: ExponentFit | None
    fit_lower: ExponentFit | None
    wall_s: float
    #: Every trained member's logged metrics, the column ``n`` first, then each search's
    #: ``SearchResult.curves`` columns (``metrics.csv``), searches in the order of ``ns``;
    #: None when not kept (``curves_note`` says why when the grid asked for them).
    curves: dict[str, np.ndarray] | None = field(default=None, compare=False, repr=False)
    curves_note: str | None = None

    def to_frame(self) -> pd.DataFrame:
        """One row per n: information bits, needed parameters, the failing size below, bits
        per parameter with its bracket interval, whether the search diverged
        (:attr:`~empirical.search.options.SearchResult.diverged`), and ``fittable_share``, the
        share of labels a model can fit in the worst trial (below 1 where equal inputs or
        shared prefixes carry different labels: bits per parameter is then overstated).

        Examples
        --------
        >>> t = SearchTarget(kind="points", n=8, classes=2, d_in=4)
        >>> o = SearchOptions.of(seeds=1, lrs=(0.05,), steps=150, start=1, bracket_steps=1)
        >>> res = search_scaling(t, [4, 16], o)
        >>> df = res.to_frame()
        >>> df.shape, df["n"].tolist(), df["information_bits"].tolist()   # 1 bit per label
        ((2, 12), [4, 16], [4.0, 16.0])
        >>> df["needed_parameters"].tolist() == [r.needed.parameters for r in res.results]
        True
        >>> str(df["needed_parameters"].dtype)   # integers, with <NA> where not found
        'Int64'
        """
        rows = []
        for n, r in zip(self.ns, self.results, strict=True):
            iv = r.bits_per_parameter_interval or (math.nan,) * 3
            rows.append({"n": n, "information_bits": r.information_bits,
                         "needed_parameters": r.needed.parameters if r.needed else None,
                         "needed_width": r.needed.width if r.needed else None,
                         "below_parameters": r.below.parameters if r.below else None,
                         "bits_per_parameter": r.bits_per_parameter,
                         "bits_per_parameter_lower": iv[1], "bits_per_parameter_upper": iv[2],
                         "rounds": r.rounds, "wall_s": r.wall_s, "diverged": r.diverged,
                         "fittable_share": (math.nan if r.fittable_labels is None else
                                            r.fittable_labels[0] / r.fittable_labels[1])})
        # sizes stay integers beside a not-found n's blank ("58.0" before, 2026-12-03 audit)
        return pd.DataFrame(rows).astype({"needed_parameters": "Int64", "needed_width": "Int64",
                                          "below_parameters": "Int64"})

    def to_dict(self) -> dict:
        """JSON-ready dict (format ``memcap.scaling/1``; NaN → null).

        Examples
        --------
        >>> t = SearchTarget(kind="points", n=8, classes=2, d_in=4)
        >>> o = SearchOptions.of(seeds=1, lrs=(0.05,), steps=150, start=1, bracket_steps=1)
        >>> d = search_scaling(t, [4, 16], o).to_dict()
        >>> d["format"], d["ns"], len(d["searches"]), d["theory"]["bound"]
        ('memcap.scaling/1', [4, 16], 2, 'vardi-yehudai-shamir2022')
        >>> d["fit"]["n_points"], d["fit"]["interval"]   # two points: no interval, NaN → None
        (2, [None, None])
        >>> _ = json.dumps(d, allow_nan=False)   # strict JSON
        """
        return json_safe({
            "format": "memcap.scaling/1", "ns": list(self.ns),
            "searches": [r.to_dict() for r in self.results],
            "fit": None if self.fit is None else self.fit.to_dict(),
            "fit_lower": None if self.fit_lower is None else self.fit_lower.to_dict(),
            "theory": {"bound": theory_bound(self),
                       "statement": get_bound(theory_bound(self)).statement},
            **({} if self.curves_note is None else {"curves_note": self.curves_note}),
            "wall_s": self.wall_s, "versions": package_versions()})


def _fits(ns, results, confidence: float) -> tuple[ExponentFit | None, ExponentFit | None]:
    """The exponent fits of the needed sizes and of the bracket's lower ends, with intervals at
    the search's ``confidence`` (they stayed at 95 % whatever --confidence, 2026-12-05 review)."""
    found = [(n, r) for n, r in zip(ns, results, strict=True) if r.needed is not None]
    if len({n for n, _ in found}) < 2:
        return None, None
    fit = fit_exponent([n for n, _ in found], [r.needed.parameters for _, r in found],
                       confidence=confidence)
    lower = [(n, r.below.parameters + 1) for n, r in found if r.below is not None]
    fit_lower = (fit_exponent(*zip(*lower, strict=True), confidence=confidence)
                 if len(lower) >= 2 else None)
    return fit, fit_lower


def search_scaling(target: SearchTarget, ns, options: SearchOptions, executor=None,
                   progress=None, curves: bool = False) -> ScalingResult:
    """Search the needed size of ``target`` at every n of ``ns`` (``target.n`` replaced) and fit
    the exponent (see the module notes). ``progress(done, total)`` counts searches.

    Parameters
    ----------
    target : SearchTarget
        What to memorise; a points or sequences target (a Boolean one is refused).
    ns : iterable of int
        The sizes n, two or more, distinct and positive (searched in increasing order).
    options : SearchOptions
        The search's options, the same at every n.
    executor : Executor or None, default None
        Passed to :func:`~empirical.search.size.search_size` (None: in-process).
    progress : callable or None, default None
        ``progress(done, total)``, called before each search and at the end.
    curves : bool, default False
        Keep every trained member's logged metrics (``ScalingResult.curves``, the folder's
        ``metrics.csv``), up to :data:`~empirical.search.plan.CURVE_ROWS_LIMIT` rows over the
        whole grid; nothing else changes.

    Returns
    -------
    ScalingResult
        The sorted ``ns``, one search result each, the two exponent fits and the wall seconds.

    Examples
    --------
    >>> t = SearchTarget(kind="points", n=8, classes=2, d_in=4)
    >>> o = SearchOptions.of(seeds=1, lrs=(0.05,), steps=150, start=1, bracket_steps=1)
    >>> res = search_scaling(t, [4, 16], o)
    >>> [r.target.n for r in res.results], res.fit is not None
    ([4, 16], True)
    """
    # integers only, as memory_curve takes them: int() cut 4.7 to 4, "48" ran n = 4 and 8,
    # True ran n = 1 and 5 was a bare TypeError (2026-12-05 review)
    if not isinstance(target, SearchTarget):
        raise UsageError(f"target must be a SearchTarget, got {type(target).__name__}")
    if not isinstance(options, SearchOptions):
        raise UsageError(f"options must be a SearchOptions (SearchOptions.of), got "
                         f"{type(options).__name__}")
    ns = [int(n) for n in integer_list(ns, "ns", "a list of distinct positive integers")]
    if target.kind == "boolean":
        raise UsageError("a scaling grid varies the number of points or sequences; give "
                         "--points n1,n2,... (random points, or sequences with --model "
                         "transformer), not a Boolean target")
    if len(ns) < 2 or len(set(ns)) != len(ns) or min(ns) < 1:
        raise UsageError(f"a scaling grid needs two or more distinct positive n, got {ns}")
    ns = sorted(ns)
    start = time.perf_counter()
    results: list[SearchResult] = []
    parts: list[dict[str, np.ndarray]] | None = [] if curves else None
    rows, note = 0, None
    for i, n in enumerate(ns):
        if progress:
            progress(i, len(ns))
        r = search_size(dataclasses.replace(target, n=n), options, executor,
                        curves=parts is not None)
        if parts is not None:  # one table for the grid, each search's rows under its n
            rows += 0 if r.curves is None else len(r.curves["step"])
            if r.curves is None or rows > CURVE_ROWS_LIMIT:
                parts, note = None, r.curves_note or (
                    f"training curves left out: more than {CURVE_ROWS_LIMIT:,} rows "
                    f"(members × logged steps) by n = {n}")
            else:
                parts.append({"n": np.full(len(r.curves["step"]), n, dtype=np.int64),
                              **r.curves})
            r = dataclasses.replace(r, curves=None)  # held once, in the grid's table
        results.append(r)
    if progress:
        progress(len(ns), len(ns))
    fit, fit_lower = _fits(ns, results, options.confidence)
    joined = (None if not parts else
              {name: np.concatenate([p[name] for p in parts]) for name in parts[0]})
    return ScalingResult(ns, results, fit, fit_lower, time.perf_counter() - start,
                         curves=joined, curves_note=note)


def scaling_lines(res: ScalingResult) -> list[str]:
    """The table rows and the exponent lines, as printed (plain text).

    Examples
    --------
    >>> t = SearchTarget(kind="points", n=8, classes=2, d_in=4)
    >>> o = SearchOptions.of(seeds=1, lrs=(0.05,), steps=150, start=1, bracket_steps=1)
    >>> scaling_lines(search_scaling(t, [4, 16], o))[-1].startswith("theory")
    True
    """
    lines = ["n | information bits | needed parameters (failing below) | bits/parameter "
             "[bracket]"]
    for n, r in zip(res.ns, res.results, strict=True):
        if r.needed is None:
            # in parameters, the column's unit (the ceiling was printed in the search axis's
            # units: "not found up to 40" for width 40, 282 parameters; 2026-12-03 audit)
            top = max((c.parameters for c in r.candidates), default=0)
            where = (f"not found up to {top} parameters: the next round would not fit in memory"
                     if r.memory_stop else
                     f"diverged: every trial at {top} parameters, the largest tried, stopped "
                     "on a non-finite loss (try smaller --lrs)" if r.diverged else
                     f"not found up to {top} parameters (--max-size "
                     f"{r.options.max_size}, axis {r.options.axis})")
            lines.append(f"{n} | {r.information_bits:g} | {where} | –")
            continue
        _, lo, hi = r.bits_per_parameter_interval
        below = f" ({r.below.parameters} ✗)" if r.below else ""
        if r.memory_stop:  # a narrowing round did not fit: the bracket is not closed
            below += " (bracket not narrowed: memory)"
        lines.append(f"{n} | {r.information_bits:g} | {r.needed.parameters}{below} | "
                     f"{r.bits_per_parameter:.3g} [{lo:.3g}, {hi:.3g}]")
    missing = [n for n, r in zip(res.ns, res.results, strict=True)
               if r.needed is None and not r.diverged]
    lost = [n for n, r in zip(res.ns, res.results, strict=True) if r.diverged]
    if missing and res.fit is not None:  # the fit and the figure leave them out: say so
        lines.append(f"not in the fit: n = {', '.join(f'{n:g}' for n in missing)} (not found "
                     "within the search's ceiling: each needs more than the parameters its row "
                     "gives, so the fit covers the smaller n only)")
    if lost and res.fit is not None:
        lines.append(f"not in the fit: n = {', '.join(f'{n:g}' for n in lost)} (training "
                     "diverged, so no size was measured)")
    if res.fit is None:
        lines.append("exponent: fewer than two sizes found; no fit")
    else:
        # with two points the description itself says there is no interval
        interval = f"{res.fit.interval_text()} " if res.fit.n_points > 2 else ""
        lines.append(f"exponent of needed parameters against n: {res.fit.exponent:.3g} "
                     f"{interval}({res.fit.describe()})")
        if res.fit_lower is not None:
            # an n whose smallest size already memorised has no lower end: say it is left out
            open_below = [n for n, r in zip(res.ns, res.results, strict=True)
                          if r.needed is not None and r.below is None]
            left = (f" (n = {', '.join(f'{n:g}' for n in open_below)} left out: its smallest "
                    "size tried already memorised, so it has no lower end)" if open_below else "")
            lines.append(f"exponent of the bracket's lower ends: {res.fit_lower.exponent:.3g} "
                         f"{res.fit_lower.interval_text()}{left}")
    over = [f"{n:g} ({r.fittable_labels[0]} of {r.fittable_labels[1]})"
            for n, r in zip(res.ns, res.results, strict=True) if r.overstated]
    if over:
        lines.append(f"bits/parameter overstated at n = {', '.join(over)}: labels no model can "
                     "fit (equal inputs, or sequences sharing a prefix, with different labels) "
                     "are counted in the bits; fitted of all labels in the worst trial")
    b = get_bound(theory_bound(res))
    # Kim et al.'s theorem is about seq2seq maps on d-dimensional tokens: next-token prediction
    # on token ids is outside its hypotheses (it was printed as if it applied, 2026-12-05 review)
    outside = (" Next-token prediction on token ids is outside its hypotheses (seq2seq maps of "
               "separated d-dimensional tokens): for this grid it is an analogy, not a bound."
               if b.id == "kim-kim-mozafari2023" and res.results[0].target.kind == "sequences"
               else "")
    lines.append(f"theory ({b.id}, {b.order}): {b.statement} {_THEORY_READING[b.id]} (an "
                 "existence bound, not what gradient descent finds); constant bits per "
                 f"parameter means exponent 1.{outside}")
    return lines


def print_scaling(res: ScalingResult, console=None) -> None:
    """Print :func:`scaling_lines`.

    Parameters
    ----------
    res : ScalingResult
        The scaling grid: one line per n, the exponent line(s) and the theory line.
    console : rich.console.Console, optional
        Where to print (default: stdout at the terminal's width; a line is printed whole,
        never wrapped, so that it can be copied).

    Examples
    --------
    >>> import io
    >>> from rich.console import Console
    >>> t = SearchTarget(kind="points", n=8, classes=2, d_in=4)
    >>> o = SearchOptions.of(seeds=1, lrs=(0.05,), steps=150, start=1, bracket_steps=1)
    >>> res = search_scaling(t, [4, 16], o)
    >>> console = Console(file=io.StringIO(), width=1000)
    >>> print_scaling(res, console)
    >>> printed = console.file.getvalue().splitlines()
    >>> printed == scaling_lines(res), printed[0]
    (True, 'n | information bits | needed parameters (failing below) | bits/parameter [bracket]')
    >>> [line.split(" | ")[:2] for line in printed[1:3]]   # n and its label bits (2 classes)
    [['4', '4'], ['16', '16']]
    """
    from rich.console import Console

    console = console or Console()
    for line in scaling_lines(res):
        console.print(line, highlight=False, markup=False, soft_wrap=True)


def plot_scaling(res: ScalingResult, path: str | Path) -> None:
    """Needed parameters against n (log–log) with the bracket, the fit and slopes 1/2 and 1."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    df = res.to_frame().dropna(subset=["needed_parameters"])
    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    if len(df):
        x, y = df["n"].to_numpy(float), df["needed_parameters"].to_numpy(float)
        low = df["below_parameters"].fillna(df["needed_parameters"] - 1).to_numpy(float) + 1
        ax.errorbar(x, y, yerr=[y - low, np.zeros_like(y)], fmt="o", capsize=3, color="C0",
                    label="needed parameters (bar: down to the failing size + 1)")
        grid = np.geomspace(x.min(), x.max(), 50)
        if res.fit is not None:
            ax.plot(grid, res.fit.predict(grid), "-", color="C1",
                    label=f"fit: exponent {res.fit.exponent:.2f}")
        for slope, style in ((0.5, ":"), (1.0, "--")):
            ax.plot(grid, y[0] * (grid / x[0]) ** slope, style, color="0.5",
                    label=f"slope {slope:g}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("n (sequences or points)")
    ax.set_ylabel("parameters gradient descent needs")
    ax.legend(frameon=False, fontsize=8)
    if res.results:
        ax.set_title(res.results[0].target.describe().split(" ", 1)[1], fontsize=9)
    save_figure(fig, path)


def write_scaling(res: ScalingResult, out: str | Path, overwrite: bool = False) -> Path:
    """Write scaling.json, scaling.csv, scaling.png and scaling.md into ``out`` (whole or not
    at all; a non-empty ``out`` is refused unless ``overwrite``).

    Parameters
    ----------
    res : ScalingResult
        The scaling grid: scaling.json is :meth:`ScalingResult.to_dict`, scaling.csv
        :meth:`ScalingResult.to_frame`, metrics.csv ``res.curves`` (when the grid kept them),
        scaling.png the needed parameters against n, and scaling.md :func:`scaling_lines`
        under a heading, with the figure.
    out : str or Path
        The folder to write (assembled in a hidden sibling, then renamed into place).
    overwrite : bool
        Replace a non-empty ``out`` that memcap wrote, instead of refusing it.

    Returns
    -------
    Path
        The written folder ``out``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> t = SearchTarget(kind="points", n=8, classes=2, d_in=4)
    >>> o = SearchOptions.of(seeds=1, lrs=(0.05,), steps=150, start=1, bracket_steps=1)
    >>> res = search_scaling(t, [4, 16], o, curves=True)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_scaling(res, pathlib.Path(tmp) / "scaling")
    ...     names = sorted(p.name for p in out.iterdir())
    ...     saved = json.loads((out / "scaling.json").read_text())
    ...     ns = pd.read_csv(out / "scaling.csv")["n"].tolist()
    ...     curve_ns = sorted(set(pd.read_csv(out / "metrics.csv")["n"]))
    ...     heading = (out / "scaling.md").read_text().splitlines()[0]
    >>> names
    ['.memcap-folder', 'metrics.csv', 'scaling.csv', 'scaling.json', 'scaling.md', 'scaling.png']
    >>> curve_ns   # metrics.csv: every search's members' curves, under their n
    [4, 16]
    >>> saved["format"], saved["ns"], saved["theory"]["bound"], ns, heading  # an MLP grid
    ('memcap.scaling/1', [4, 16], 'vardi-yehudai-shamir2022', [4, 16], '# Needed parameters...')
    """
    def writer(tmp: Path) -> None:
        atomic_write_text(tmp / "scaling.json", json.dumps(res.to_dict(), indent=2) + "\n")
        atomic_write_text(tmp / "scaling.csv", res.to_frame().to_csv(index=False))
        if res.curves is not None:
            from empirical.engine.run import write_metrics_csv  # torch: trained already

            write_metrics_csv(res.curves, tmp / "metrics.csv")
        plot_scaling(res, tmp / "scaling.png")
        atomic_write_text(tmp / "scaling.md", "\n".join(
            ["# Needed parameters against n", ""] + [f"    {x}" for x in scaling_lines(res)]
            + ["", "![scaling](scaling.png)", ""]))

    return write_folder(out, writer, overwrite)
