"""Reporting a memory curve: the figure, the printed table, and the output folder.

Folder written by :func:`write_memory_curve` (assembled in a hidden sibling, then renamed into
place, so a reader never sees a partial folder)::

    memory.json   MemoryCurve.to_dict(): config, arrays, knee, capacity, versions
    memory.csv    MemoryCurve.to_frame(): one row per (n, seed)
    memory.png    C(n) and memorised bits against n with seed bands, the identity, the knee and
                  the capacity estimate
    memory.md     a short markdown summary (the printed table and the knee/capacity lines)

Imports flow one way: this module reads :class:`~empirical.memory.curve.MemoryCurve`; the curve
module knows nothing of reporting.
"""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import numpy as np

from capacity.atomic_files import atomic_write_text, write_folder
from capacity.markdown import markdown_table
from capacity.options import percent_text
from empirical.engine.data import class_prior
from empirical.engine.plots import save_figure
from empirical.memory.analysis import labels_text
from empirical.memory.curve import MemoryCurve
from empirical.search.report import ANCHORS

__all__ = ["memory_lines", "memory_markdown", "plot_bits_per_parameter", "plot_memory_curve",
           "print_memory_curve", "write_memory_curve"]


def _title(curve: MemoryCurve) -> str:
    c = curve.config
    m = c.model
    task = (f"seq2seq (d_in {c.data.d_in}), " if c.data.kind == "seq2seq" else "")
    model = (f"transformer: {task}V {c.data.classes}, S {c.data.seq_len}, width {m.width}, depth "
             f"{m.depth}, heads {m.heads}, mlp ratio {m.mlp_ratio}" if m.kind == "transformer" else
             f"d_in {c.data.d_in}, V {c.data.classes}, width {m.width}, depth {m.depth}")
    clipped = ", bits clipped at 0 per example (--clip-bits)" if c.train.clip_bits else ""
    return (f"memory curve: {model} ({curve.parameters} parameters), {len(curve.seeds)} "
            f"trial(s), {c.train.optimizer} lr {c.train.lr:g}, {c.train.steps} steps{clipped}")


def memory_lines(curve: MemoryCurve) -> list[str]:
    """The knee, capacity and bits-per-parameter lines (plain text, as printed).

    Examples
    --------
    >>> from empirical.engine.config import RunConfig
    >>> ns = np.array([10, 20, 40, 80])
    >>> c = np.array([[10, 10], [20, 20], [40, 40], [80, 80]])
    >>> curve = MemoryCurve.from_arrays(RunConfig(), ns, (0, 1), c, c * 1.0)
    >>> print(memory_lines(curve)[0])  # doctest: +NORMALIZE_WHITESPACE
    knee: none: C(n) = n at every n (every n was fully memorised: capacity not reached
    (lower bound))
    """
    est, lo, hi = curve.capacity_bits
    bpp = curve.bits_per_parameter
    a = curve.analysis
    k = curve.knee
    if k is None:  # the analysis says why: every n memorised, or none found
        note = a.get("knee_note") or "none found"
        knee = f"knee: none: {note}" + (f" ({a['reason']})" if note.startswith("C(n)") else "")
    elif k.get("next_n") is not None:
        dead, trials = k.get("diverged_at_next_n", 0), len(curve.seeds)
        memorised = f"{k['fraction_at_next_n']:.1%} of the best achievable count on average"
        if k.get("worst_fraction_at_next_n") is not None:  # older files lack it
            memorised += f" (the worst trial {k['worst_fraction_at_next_n']:.1%})"
        at_next = f"at n = {k['next_n']:g} "
        if not dead:
            at_next += f"only {memorised}"
        elif dead == trials:
            at_next += f"{dead} of {trials} trials diverged"
        else:
            others = "the other memorises" if trials - dead == 1 else "the others memorise"
            at_next += f"{dead} of {trials} trials diverged and {others} {memorised}"
        knee = (f"knee: n = {k['n']:g} (all trials memorise ≥ "
                f"{percent_text(k['threshold'], 0)}; "
                f"{at_next}); method: {k['method']}")
    else:
        knee = f"knee: n ≈ {k['n']:.4g}; method: {k['method']}"
    if k is not None and k.get("bits_plateau"):
        p = k["bits_plateau"]
        knee += f"; bits plateau from n ≈ {p['n']:.4g} at {p['bits']:.4g} bits (detect)"
    rel = "≥" if curve.lower_bound else "="
    ci = "" if math.isnan(lo) else f" [{lo:.4g}, {hi:.4g}]"
    cib = "" if math.isnan(lo) else f" [{bpp[1]:.3g}, {bpp[2]:.3g}]"
    tag = ("NOT saturated: a lower bound" if not curve.saturated else
           "saturated, but a lower bound (the grid does not resolve the maximum; see the "
           "note)"
           if curve.lower_bound else "saturated")
    if math.isnan(est):  # every seed diverged at every n
        return [knee, f"capacity: no estimate — {a['reason']}",
                f"bits per parameter: no estimate ({curve.parameters} parameters)"]
    clipped = " (each example's clipped at 0)" if curve.config.train.clip_bits else ""
    return [knee,
            f"capacity {rel} {est:.4g} bits{ci} (max over n of the trial-mean memorised "
            f"bits{clipped}, at "
            f"n = {a['n_at_max']:g}; interval: {a['interval']}) — {tag}: {a['reason']}",
            f"bits per parameter {rel} {bpp[0]:.3g}{cib} ({curve.parameters} parameters); "
            "anchors, each measured its own way: Cover 2 (proved, perceptron), Morris 3.6 "
            "(reported, GPT; slope of capacity over parameters), Collins 5 (reported, RNNs; "
            "mutual information)"] + ([f"note: {a['note']}"] if a.get("note") else []) + (
            [line] if (line := _diverged_line(curve)) else [])


def _sd(v: np.ndarray) -> str:
    return f" ± {np.nanstd(v, ddof=1):.3g}" if len(v) > 1 else ""


def _rows(curve: MemoryCurve) -> list[list[str]]:
    """One row per n; every column averages the same trials, those that did not diverge (a
    diverged trial's bits are NaN and its count was taken on a net gone non-finite: its count
    and MI bits were averaged beside the others' bits, unmarked, until 2026-12-05)."""
    with warnings.catch_warnings():  # an n where every seed diverged: "nan", no numpy warning
        warnings.simplefilter("ignore", RuntimeWarning)
        rows = []
        for i, n in enumerate(curve.ns):
            live = ~np.isnan(curve.bits[i])  # (S,)
            c, b = curve.count[i][live].astype(float), curve.bits[i][live]
            dead = int((~live).sum())
            gone = f" ({dead} of {len(live)} diverged)" if dead else ""
            if not live.any():
                row = [f"{n:d}", f"{curve.information_bits[i]:.4g}", "–", "–", "–",
                       f"every trial diverged{gone}"]
            else:
                row = [f"{n:d}", f"{curve.information_bits[i]:.4g}",
                       f"{c.mean():.4g}{_sd(c)}", f"{c.min():g}–{c.max():g}",
                       f"{np.mean(c / curve.labels[i]):.3f}", f"{b.mean():.4g}{_sd(b)}{gone}"]
            if _unfittable(curve):  # C/(nT) above is of all labels: say how many can fit
                best = curve.best_count[i][live] if live.any() else curve.best_count[i]
                row.insert(5, f"{np.mean(best / curve.labels[i]):.3f}")
            if curve.mi_bits is not None:
                row.append(f"{np.nanmean(curve.mi_bits[i][live]):.4g}" if live.any() else "–")
            rows.append(row)
        return rows


def _diverged_line(curve: MemoryCurve) -> str | None:
    """Which (n, trial) cells diverged, or None: the table's means leave them out and the knee
    counts them as not memorising."""
    cells = np.argwhere(np.isnan(curve.bits))  # (D, 2): n index, trial index
    if not len(cells):
        return None
    shown = ", ".join(f"n = {curve.ns[g]:d} trial {curve.seeds[s]}" for g, s in cells[:12])
    more = f" and {len(cells) - 12} more" if len(cells) > 12 else ""
    return (f"diverged (non-finite loss): {shown}{more}; each row's means leave them out, and "
            "the knee counts them as not memorising their points")


def _unfittable(curve: MemoryCurve) -> bool:
    """Whether some seed's data has labels no model can fit (equal inputs, or sequences sharing
    a prefix, with different labels): the table then shows the fittable share beside C/n, which
    counts all labels (memory.csv's ``fraction`` is of the fittable ones)."""
    return curve.best_count is not None and bool(
        np.any(np.asarray(curve.best_count) < np.asarray(curve.labels)[:, None]))


def _headers(curve: MemoryCurve) -> list[str]:
    per = "C/(nT)" if curve.labels_per_point > 1 else "C/n"
    head = ["n", "info bits", "C(n) mean ± sd", "C min–max", per, "bits mean ± sd"]
    if _unfittable(curve):
        head.insert(5, "fittable/(nT)" if curve.labels_per_point > 1 else "fittable/n")
    return head + (["MI bits"] if curve.mi_bits is not None else [])


def print_memory_curve(curve: MemoryCurve, console=None) -> None:
    """Print the rich table (one row per n) and the knee, capacity and bits/param lines.

    Parameters
    ----------
    curve : MemoryCurve
        The measured curve.
    console : rich.console.Console or None, default None
        Where to print; None: a new ``Console()`` (lines printed whole, never wrapped).

    Examples
    --------
    >>> from empirical.engine.config import RunConfig
    >>> c = np.array([[10, 10], [20, 19], [22, 30], [25, 27]])
    >>> curve = MemoryCurve.from_arrays(RunConfig(), [10, 20, 40, 80], (0, 1), c, c * 1.0)
    >>> print_memory_curve(curve)  # doctest: +ELLIPSIS
    memory curve: ...
    ...
    knee: n = 10 (all trials memorise ≥ 99%; at n = 20 only 97.5% of the best achievable ...
    """
    from rich.console import Console
    from rich.table import Table

    from capacity.terminal import print_table

    console = console or Console()
    table = Table(title=_title(curve))
    for h in _headers(curve):
        table.add_column(h, justify="right")
    for row in _rows(curve):
        table.add_row(*row)
    print_table(table, console)
    for line in memory_lines(curve):
        console.print(line, highlight=False, markup=False, soft_wrap=True)


def _legend(curve: MemoryCurve) -> str:
    """What the columns are (the harness's definitions, empirical.engine.memorisation)."""
    if curve.labels_per_point > 1:  # seq2seq labels every position; next-token data predict
        what = ("labelled positions" if curve.config.data.kind == "seq2seq"
                else "predicted tokens")
        labels = (f"n sequences, T = {curve.labels_per_point} {what} each (labels "
                  "m = nT); C(n): labels")
    else:
        labels = "C(n): training points"
    return (f"{labels} whose logit beats every other by more than 1e-5 x (1 + the larger "
            f"|logit|) (Liu's Memory 1 counts argmax; a near-tie counts as wrong here); the "
            f"{'C/(nT)' if curve.labels_per_point > 1 else 'C/n'} column "
            "divides by every label, the knee's percentage by the best achievable count "
            "(memory.csv's fraction: repeated inputs or contexts with different labels cap it); "
            + ("bits: Σ over examples of max(0, r − ℓ_e/ln 2) (--clip-bits: each example's "
               "bits clipped at 0, which only adds), r an example's labels' code length under "
               "their law, ℓ_e its final train loss in nats (summed over its labels)"
               if curve.config.train.clip_bits else
               "bits: R − m·ℓ/ln 2, R the labels' code length under their law (m·log2 V for "
               "uniform labels: Liu's Memory 2 (ln V − ℓ)·m/ln 2), ℓ the final train loss in "
               "nats")
            + (_mi_legend(curve) if curve.mi_bits is not None else "."))


def _mi_legend(curve: MemoryCurve) -> str:
    """The MI column's definition: Collins et al.'s for uniform labels, the channel's m·I(Y;D)
    under another label law (the legend named Collins's formula for both, 2026-12-06 review;
    the engine's rule: empirical.engine.run passes a prior for random and seq2seq data)."""
    d = curve.config.data
    if d.kind in ("random", "seq2seq") and d.label_prior != "uniform":
        return ("; MI bits: m·I(Y; D), the mutual information of the labels (law "
                f"{d.label_prior}, α = {d.alpha:g}) with the model's decisions (decided 0, 1 or "
                "undecided), each class's decision law estimated from its labels (Collins et "
                "al.'s formula assumes uniform labels).")
    return ("; MI bits: d(1 − H2(w/d)) over the d labels decided, w of them wrong (Collins et "
            "al. 2017's m(1 − H2(1 − C/m)) when every label is decided).")


def memory_markdown(curve: MemoryCurve, command: str | None = None) -> str:
    """The memory.md summary: title, table, knee/capacity lines, and the command if given.

    Parameters
    ----------
    curve : MemoryCurve
        The measured curve: one table row per n, then :func:`memory_lines` as a list, the
        column legend and a link to memory.png.
    command : str, optional
        The command line that made the curve, added at the end under "Regenerate:" as a code
        block.

    Returns
    -------
    str
        The markdown text (newline-terminated).

    Examples
    --------
    >>> from empirical.engine.config import RunConfig
    >>> c = np.array([[10, 10], [20, 19], [22, 30], [25, 27]])
    >>> curve = MemoryCurve.from_arrays(RunConfig(), [10, 20, 40, 80], (0, 1), c, c * 1.0)
    >>> lines = memory_markdown(curve, "memcap search --memory-curve 10,20,40,80").splitlines()
    >>> print(lines[0])  # doctest: +NORMALIZE_WHITESPACE
    # memory curve: d_in 9, V 17, width 100, depth 2 (12817 parameters), 2 trial(s), adam lr
    0.001, 1000 steps
    >>> for line in lines[2:5]:
    ...     print(line)
    | n | info bits | C(n) mean ± sd | C min–max | C/n | bits mean ± sd |
    |---:|---:|---:|---:|---:|---:|
    | 10 | 40.87 | 10 ± 0 | 10–10 | 1.000 | 10 ± 0 |
    >>> lines[9][:30], lines[10][:20]
    ('- knee: n = 10 (all trials mem', '- capacity = 26 bits')
    >>> lines[-5:]
    ['Regenerate:', '', '```', 'memcap search --memory-curve 10,20,40,80', '```']
    """
    head = _headers(curve)
    lines = [f"# {_title(curve)}", "", *markdown_table(head, _rows(curve), "---:")]
    lines += [""] + [f"- {x}" for x in memory_lines(curve)] + [
        "", _legend(curve), "", "![memory curve](memory.png)", ""]
    if command:
        lines += ["Regenerate:", "", "```", command, "```", ""]
    return "\n".join(lines)


def plot_memory_curve(curve: MemoryCurve, path: str | Path) -> None:
    """Two panels against n (log axis): C(n) with the identity and chance n/V, and memorised
    bits with the label information n·H, the knee and the capacity band. Seed bands span
    min–max over seeds; the file is written atomically.

    Parameters
    ----------
    curve : MemoryCurve
        The measured curve.
    path : str or Path
        The image file; its suffix picks the format.

    Examples
    --------
    >>> from empirical.engine.config import RunConfig
    >>> c = np.array([[10, 10], [20, 19], [22, 30], [25, 27]])
    >>> curve = MemoryCurve.from_arrays(RunConfig(), [10, 20, 40, 80], (0, 1), c, c * 1.0)
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "m.png"
    >>> plot_memory_curve(curve, p); p.stat().st_size > 1000
    True
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import NullFormatter, ScalarFormatter

    ns = curve.ns.astype(float)
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.4))
    k = curve.knee
    labels = curve.labels.astype(float)
    labels_n = labels_text(curve.labels_per_point)  # n, or T·n for sequences of T labels
    ident = f"C = {labels_n}"
    series = [(axes[0], curve.count.astype(float), "C(n) memorised count", labels, ident),
              (axes[1], curve.bits, "memorised bits", curve.information_bits,
               f"label information {labels_n}·H")]
    for ax, y, label, ident, ident_label in series:
        with warnings.catch_warnings():  # an n where every seed diverged is a gap, no warning
            warnings.simplefilter("ignore", RuntimeWarning)
            low, high, mean = np.nanmin(y, 1), np.nanmax(y, 1), np.nanmean(y, 1)
        ax.fill_between(ns, low, high, color="C0", alpha=0.25, label="trial min–max")
        ax.plot(ns, mean, "o-", color="C0", label=f"{label} (trial mean)")
        ax.plot(ns, ident, "--", color="0.4", label=ident_label)
        if k is not None:
            ax.axvline(k["n"], color="C3", ls=":", label=f"knee n = {k['n']:.4g}")
        ax.set_xscale("log")
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.xaxis.set_major_formatter(ScalarFormatter())
        if len(ns) <= 12:
            ax.set_xticks(ns, [f"{v:g}" for v in ns], fontsize=8)
        ax.set_xlabel("n (training sequences)" if curve.labels_per_point > 1
                      else "n (training points)")
    # the best constant guess, the likeliest class: n/V for uniform labels, n·max π under
    # --label-prior (n/V sat below what a constant reaches: 2026-12-06 review)
    d = curve.config.data
    top = float(class_prior(d.classes, d.label_prior, d.alpha).max())
    chance = (f"chance {labels_n}/V" if d.label_prior == "uniform"
              else f"chance {labels_n}·max π")  # a label per token of a sequence
    axes[0].plot(ns, labels * top, ":", color="0.6", label=chance)
    if curve.mi_bits is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            mi_mean = np.nanmean(curve.mi_bits, 1)
        axes[1].plot(ns, mi_mean, "s--", color="C2", ms=4, label="MI bits (decided labels)")
    est, lo, hi = curve.capacity_bits
    word = ("capacity ≥ (not saturated)" if not curve.saturated else
            "capacity ≥ (grid-limited)" if curve.lower_bound else "capacity")
    if not math.isnan(est):  # NaN: every seed diverged at every n, no estimate to draw
        axes[1].axhline(est, color="C1", label=f"{word} {est:.4g} bits "
                        f"({curve.bits_per_parameter[0]:.3g} bits/param)")
    if not math.isnan(lo):
        axes[1].axhspan(lo, hi, color="C1", alpha=0.15)
    finite = [v for v in (est, *np.ravel(curve.bits)) if math.isfinite(v)]
    axes[1].set_ylim(0, 1.15 * (max(finite) if finite else float(np.max(curve.information_bits))))
    axes[0].set_ylabel("labels whose logit wins")
    axes[1].set_ylabel("bits")
    axes[0].legend(frameon=False, fontsize=8, loc="upper left")
    axes[1].legend(frameon=True, framealpha=0.85, fontsize=8, loc="best")
    fig.suptitle(_title(curve), fontsize=10)
    save_figure(fig, path)


def write_memory_curve(curve: MemoryCurve, out: str | Path, overwrite: bool = False,
                       command: str | None = None) -> Path:
    """Write memory.json, memory.csv, memory.png and memory.md into the folder ``out``.

    A non-empty ``out`` is refused unless ``overwrite`` (then replaced whole); ``command`` (the
    command line that made the curve) goes into memory.md.

    Parameters
    ----------
    curve : MemoryCurve
        The measured curve.
    out : str or Path
        The output folder, written atomically (:func:`~capacity.atomic_files.write_folder`).
    overwrite : bool, default False
        Whether an existing non-empty ``out`` may be replaced.
    command : str or None, default None
        The command line, recorded in memory.md; None: not recorded.

    Returns
    -------
    Path
        ``out``.

    Examples
    --------
    >>> from empirical.engine.config import RunConfig
    >>> c = np.array([[10, 10], [20, 19], [22, 30], [25, 27]])
    >>> curve = MemoryCurve.from_arrays(RunConfig(), [10, 20, 40, 80], (0, 1), c, c * 1.0)
    >>> import tempfile
    >>> out = write_memory_curve(curve, Path(tempfile.mkdtemp()) / "mem")
    >>> sorted(p.name for p in out.iterdir())
    ['.memcap-folder', 'memory.csv', 'memory.json', 'memory.md', 'memory.png']
    >>> write_memory_curve(curve, out)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: output folder '...' is not empty; pass --overwrite to replace ...
    """
    def writer(tmp: Path) -> None:
        atomic_write_text(tmp / "memory.json", json.dumps(curve.to_dict(), indent=2) + "\n")
        atomic_write_text(tmp / "memory.csv", curve.to_frame().to_csv(index=False))
        plot_memory_curve(curve, tmp / "memory.png")
        atomic_write_text(tmp / "memory.md", memory_markdown(curve, command))

    return write_folder(out, writer, overwrite)


def plot_bits_per_parameter(curves: list[MemoryCurve], path: str | Path,
                            title: str = "capacity per parameter against model size") -> None:
    """Bits per parameter at capacity against parameters, one marker per memory curve (MLPs and
    transformers on the same axes, with the t interval as an error bar and an open marker when
    the estimate is a lower bound: the curve did not saturate, or its maximum sits at a fully
    memorised n), beside the search's bits-per-parameter anchors
    (:data:`empirical.search.report.ANCHORS`: Cover 1965, Morris et al. 2025, Collins et al.
    2017).

    Parameters
    ----------
    curves : list of MemoryCurve
        The curves, each of an ``mlp`` or ``transformer`` model.
    path : str or Path
        The image file; its suffix picks the format.
    title : str, default "capacity per parameter against model size"
        Plot title (a note on open markers is appended).

    Examples
    --------
    >>> from empirical.engine.config import RunConfig
    >>> c = np.array([[10, 10], [20, 19], [22, 30], [25, 27]])
    >>> curve = MemoryCurve.from_arrays(RunConfig(), [10, 20, 40, 80], (0, 1), c, c * 1.0)
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "b.png"
    >>> plot_bits_per_parameter([curve], p); p.stat().st_size > 1000
    True
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.2, 4.6))
    styles = {"mlp": ("o", "C0"), "transformer": ("s", "C3")}
    seen: set[str] = set()
    for curve in curves:
        kind = curve.config.model.kind
        marker, color = styles[kind]
        est, lo, hi = curve.bits_per_parameter
        yerr = None if math.isnan(lo) else [[est - lo], [hi - est]]
        label = None if kind in seen else ("MLP" if kind == "mlp" else "transformer")
        seen.add(kind)
        ax.errorbar([curve.parameters], [est], yerr=yerr, fmt=marker, color=color, capsize=3,
                    mfc="white" if curve.lower_bound else color, label=label)
        m = curve.config.model
        tag = ("linear" if kind == "mlp" and m.depth == 0 else f"w{m.width}" + (
            f" L{m.depth}" if kind == "transformer" else "")) + (
            f" {curve.config.dtype}" if curve.config.dtype != "float32" else "")
        ax.annotate(tag, (curve.parameters, est), textcoords="offset points", xytext=(5, 4),
                    fontsize=7)
    for (name, value), style in zip(ANCHORS.items(), (":", "-.", "--"), strict=True):
        ax.axhline(value, color="0.5", ls=style, lw=1, label=f"{name}: {value:g} (anchor)")
    ax.set_xscale("log")
    ax.set_ylim(0, 5.6)
    ax.set_xlabel("parameters P")
    ax.set_ylabel("bits per parameter at capacity")
    ax.set_title(title + " (open marker: a lower bound)", fontsize=9)
    ax.legend(frameon=False, fontsize=7, loc="upper left")
    save_figure(fig, path)
