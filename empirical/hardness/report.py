"""Presenting a :class:`~empirical.hardness.result.HardnessResult`: table, answer lines, figure,
folder.

The folder written by :func:`write_hardness` holds ``hardness.json``
(``HardnessResult.to_dict`` plus the package versions), ``rows.csv`` (``to_frame``),
``hardness.png`` (for M ≤ 4 with NPN rows: the gap against the exact minimal size of every
class) and ``networks/<label>.json``, one hardened sign network per row that has one (memcap's
network JSON; ``memcap verify`` re-checks it). It is assembled in a hidden sibling and renamed
into place.
"""

from __future__ import annotations

import json
from pathlib import Path

from capacity.atomic_files import atomic_write_text, write_folder
from capacity.markdown import markdown_table
from empirical.engine.plots import save_figure
from empirical.engine.versions import package_versions
from empirical.hardness.result import HardnessResult

__all__ = ["hardness_lines", "hardness_markdown", "plot_gap", "print_hardness", "print_study",
           "table_rows", "unfound_cell", "write_study", "write_hardness"]


def _num(v) -> str:
    return "–" if v is None else f"{v:.2f}"


def unfound_cell(t, not_found: str) -> str | None:
    """The table cell of a trained size (:class:`~empirical.hardness.result.TrainedFunctionSize`
    or None: not measured) that holds no size: ``"diverged"`` when every trial at the largest
    size tried diverged (a "not found" would bound nothing), ``not_found`` otherwise; None when
    a size was found (the caller writes it).

    Parameters
    ----------
    t : TrainedFunctionSize or None
        The cell's trained size; None when the cell was not measured.
    not_found : str
        The text of a cell without a size that did not diverge (not found, or not measured),
        e.g. ``"–"`` or ``"not found"``.

    Returns
    -------
    str or None
        ``"diverged"``, ``not_found``, or None when ``t`` holds a size.

    Examples
    --------
    >>> from empirical.hardness.result import TrainedFunctionSize
    >>> lost = TrainedFunctionSize("relu", 1, None, None, 0, 2, (0.0, 0.66), None, 8, 0,
    ...                            diverged=True)
    >>> unfound_cell(lost, "–"), unfound_cell(None, "–")
    ('diverged', '–')
    """
    if t is not None and t.found:
        return None
    return "diverged" if t is not None and t.diverged else not_found


def _trained(t) -> str:
    return (unfound_cell(t, "–" if t is None else f"> {t.below_hidden}")
            or f"{t.hidden} ({t.successes}/{t.trials})")


def table_rows(result: HardnessResult) -> list[dict]:
    """The ranked rows as flat dicts for a table (one per function).

    Parameters
    ----------
    result : HardnessResult
        The study.

    Returns
    -------
    list of dict
        Hardest first (:meth:`~empirical.hardness.result.HardnessResult.ranked`), each with the
        keys ``rank`` and ``#fn`` (ints: 1-based rank, functions in the NPN class) and, as
        text, ``function`` (the label), ``known h`` and ``any-depth n`` (the known sizes,
        ``*`` when not a proven minimum), ``ReLU h`` and ``sign h`` (``hidden
        (successes/trials)``, ``> below_hidden`` when not trained, ``diverged``, or ``–`` for
        sign units not measured), ``Wilson`` (the ReLU size's interval), ``gap n``, ``gap p``
        and ``sign gap`` (two decimals, ``–`` when not measured).

    Examples
    --------
    >>> from empirical.hardness.result import HardnessConfig
    >>> table_rows(HardnessResult(HardnessConfig(inputs=2), [], 0.0))
    []
    """
    out = []
    for rank, r in enumerate(result.ranked(), 1):
        out.append({
            "rank": rank, "function": r.label, "#fn": r.functions,
            "known h": f"{r.known.layered_hidden}{'' if r.known.layered_exact else '*'}",
            "any-depth n": f"{r.known.any_depth_neurons}{'' if r.known.any_depth_exact else '*'}",
            "ReLU h": _trained(r.relu),
            "Wilson": f"[{r.relu.interval[0]:.2f}, {r.relu.interval[1]:.2f}]",
            "gap n": _num(r.gap_neurons), "gap p": _num(r.gap_parameters),
            "sign h": _trained(r.sign), "sign gap": _num(r.sign_gap_neurons)})
    return out


def _first_labels(labels: list[str], most: int = 8) -> str:
    """The first ``most`` labels, and how many more."""
    more = f" and {len(labels) - most} more" if len(labels) > most else ""
    return ", ".join(labels[:most]) + more


def _relu_lines(rows, some_diverged: bool) -> list[str]:
    """The ReLU half of :func:`hardness_lines`: the hardest ranked row (or the statement that
    none beat its known size) and the rows trained at the known size; ``rows`` ranked, with at
    least one that did not diverge (those come first)."""
    out = []
    hard = rows[0]
    # the rank breaks a tie of both gaps by label: name every tied row, not one of them
    tied = [r.label for r in rows[1:] if r.sort_key()[:4] == hard.sort_key()[:4]]
    if hard.gap_neurons is not None and hard.gap_neurons <= 1.0:
        # nothing was harder than its known minimum: naming a "hardest" row (ranked by the
        # parameter gap alone) read as a finding (2026-12-03 audit)
        # a known size that is not proven minimal is only an upper bound: say "known size"
        known = ("known minimum" if all(r.known_exact for r in rows)
                 else "known size (a proven minimum only where exact)")
        out.append(f"no {'measured ' if some_diverged else ''}function needed more ReLU "
                   f"hidden units than its {known} "
                   f"(largest gap in neurons {_num(hard.gap_neurons)}; in parameters "
                   f"{_num(hard.gap_parameters)}, {hard.label})")
    else:
        out.append(f"hardest for ReLU gradient descent: {hard.label} (gap "
                   f"{_num(hard.gap_neurons)} in neurons, {_num(hard.gap_parameters)} in "
                   f"parameters: trained {_trained(hard.relu)} hidden vs known "
                   f"{hard.known_neurons - 1}"
                   # deeper nets are compared with the any-depth network, not the table's
                   # "known h" (a layered size): "vs known 1" beside a 3 read as a slip (review)
                   + (", the any-depth network's hidden units)"
                      if hard.relu.depth > 1 else ")")
                   + (f", tied with {_first_labels(tied)}" if tied else ""))
    at_one = [r for r in rows if r.gap_neurons == 1.0]
    at_min = [r.label for r in at_one if r.known_exact]
    at_size = [r.label for r in at_one if not r.known_exact]  # an upper bound, not a minimum
    if at_min:
        out.append(f"trained at the known minimum (gap 1): {_first_labels(at_min)}")
    if at_size:
        out.append(f"trained at the known size, a construction not proven minimal (gap 1): "
                   f"{_first_labels(at_size)}")
    return out


def hardness_lines(result: HardnessResult) -> list[str]:
    """Plain-words summary: the hardest and easiest rows and the sign-unit comparison.

    Parameters
    ----------
    result : HardnessResult
        The study.

    Returns
    -------
    list of str
        The study's settings (M, functions, recipe, trials, p, depth); then, where they apply,
        the rows whose ReLU training diverged, the rows whose width ceiling was not above
        their known size (no gap measured), the hardest row for ReLU gradient descent (or
        that none needed more than its known size) with the rows trained at the known size,
        and the sign units' comparison with the known size. ``["no functions measured"]``
        when the study has no row.

    Examples
    --------
    >>> from empirical.hardness.result import HardnessConfig
    >>> hardness_lines(HardnessResult(HardnessConfig(inputs=2), [], 0.0))
    ['no functions measured']
    """
    rows = result.ranked()
    if not rows:
        return ["no functions measured"]
    c = result.config
    lines = [f"M = {c.inputs}: {len(rows)} function(s); recipe {c.optimizer}, {c.steps} steps, "
             f"lrs {', '.join(f'{v:g}' for v in c.lrs)}, {c.trials} trials per size, "
             f"p = {c.success_rate:g}, depth {c.depth}"]
    diverged = [r.label for r in rows if r.relu.diverged]  # ranked last: they measured no gap
    if diverged:
        lines.append(f"ReLU training diverged (non-finite loss in every trial at the largest "
                     f"width tried) for {len(diverged)} of {len(rows)} function(s), which "
                     f"measured no size: {_first_labels(diverged)}; try smaller --lrs")
    unmeasured = [r for r in rows if r.gap_unmeasured]  # ranked after the measured ones
    if unmeasured:
        lines.append(f"not trained up to the width ceiling, which is below the known size, "
                     f"so no gap was measured for {len(unmeasured)} function(s): "
                     + _first_labels([f"{r.label} ({_trained(r.relu)} hidden vs known "
                                      f"{r.known_neurons - 1})" for r in unmeasured])
                     + "; raise --max-width")
    if len(diverged) + len(unmeasured) < len(rows):
        lines += _relu_lines(rows, bool(diverged) or bool(unmeasured))
    signs = [r for r in rows if r.sign is not None]
    if signs:
        gaps = [r.sign_gap_neurons for r in signs if r.sign_gap_neurons is not None]
        # at or below: a verified sign network smaller than the known one (a construction's
        # size above M = 5) reaches it too (it counted as not reaching it, 2026-12-04 review)
        reach, below = sum(1 for g in gaps if g <= 1.0), sum(1 for g in gaps if g < 1.0)
        sign_diverged = sum(r.sign.diverged for r in signs)
        missing = len(signs) - len(gaps) - sign_diverged  # not trained, not diverged
        lines.append(f"sign units (trained, hardened to integers, verified exactly): {reach} of "
                     f"{len(signs)} reach the known size"
                     + (f" ({below} below it: verified networks smaller than the known one)"
                        if below else "")
                     + (f"; largest sign gap {_num(max(gaps))}" if gaps else "")
                     + (f"; {missing} not trained within the width ceiling" if missing else "")
                     + (f"; every trial diverged for {sign_diverged}" if sign_diverged else ""))
    return lines


def print_study(table, lines, wall_s: float) -> None:
    """Print a study's rich ``table``, its conclusion ``lines`` and its wall time (the hardness,
    recipe and topology reports share this ending).

    Parameters
    ----------
    table : rich.table.Table
        The study's table, printed on stdout whole (:func:`capacity.terminal.print_table`).
    lines : iterable of str
        Conclusion lines, printed one after another below the table.
    wall_s : float
        Wall time in seconds, printed last as ``"<wall_s> s"`` with one decimal.

    Examples
    --------
    >>> import contextlib, io
    >>> from rich.table import Table
    >>> table = Table("family", "hidden")
    >>> table.add_row("parity", "4")
    >>> with contextlib.redirect_stdout(io.StringIO()) as buf:
    ...     print_study(table, ["parity needs 4 hidden units"], 2.0)
    >>> lines = buf.getvalue().splitlines()
    >>> "parity" in lines[3], lines[-2:]   # header, rule, then the row; lines and time last
    (True, ['parity needs 4 hidden units', '2.0 s'])
    """
    from rich.console import Console

    from capacity.terminal import print_table

    console = Console()
    print_table(table, console)
    for line in lines:
        console.print(line, soft_wrap=True)
    console.print(f"{wall_s:.1f} s")


def write_study(result, out: str | Path, overwrite: bool, name: str, frame, csv_name: str,
                extra=None) -> Path:
    """Write ``name``.json (``result.to_dict()`` with the package versions), ``csv_name`` (the
    table ``frame``) and whatever ``extra(folder)`` adds into ``out``, atomically and whole (the
    hardness, recipe and topology studies' folders).

    Parameters
    ----------
    result : object
        The study's result; its ``to_dict()`` goes into ``name``.json, with a ``versions`` key
        added.
    out : str or Path
        The folder to write (assembled in a hidden sibling, then renamed into place, with the
        memcap folder marker).
    overwrite : bool
        Replace a non-empty ``out`` that memcap wrote, instead of refusing it.
    name : str
        Stem of the JSON file.
    frame : pandas.DataFrame
        Written to ``csv_name`` without its index.
    csv_name : str
        File name of the table.
    extra : callable, optional
        Called with the temporary folder to add more files (a figure, networks).

    Returns
    -------
    Path
        The written folder ``out``.

    Examples
    --------
    >>> import json, pathlib, tempfile
    >>> import pandas as pd
    >>> from empirical.hardness.result import HardnessConfig
    >>> result = HardnessResult(HardnessConfig(inputs=2), [], 0.0)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = write_study(result, pathlib.Path(tmp) / "study", False, "study",
    ...                          pd.DataFrame({"n": [1, 2]}), "table.csv",
    ...                          lambda d: (d / "notes.txt").write_text("extra"))
    ...     names = sorted(p.name for p in folder.iterdir())
    ...     csv = (folder / "table.csv").read_text().splitlines()
    ...     saved = json.loads((folder / "study.json").read_text())
    >>> names
    ['.memcap-folder', 'notes.txt', 'study.json', 'table.csv']
    >>> csv
    ['n', '1', '2']
    >>> saved["format"], saved["config"]["inputs"], "versions" in saved
    ('memcap.hardness/2', 2, True)
    """
    def writer(tmp: Path) -> None:
        payload = {**result.to_dict(), "versions": package_versions()}
        atomic_write_text(tmp / f"{name}.json", json.dumps(payload, indent=2) + "\n")
        atomic_write_text(tmp / csv_name, frame.to_csv(index=False))
        if extra is not None:
            extra(tmp)

    return write_folder(out, writer, overwrite)


def print_hardness(result: HardnessResult) -> None:
    """Print the ranked table and the summary lines (rich).

    Parameters
    ----------
    result : HardnessResult
        The study; its rows are printed hardest first (:func:`table_rows`), then
        :func:`hardness_lines` and the wall time (:func:`print_study`).

    Examples
    --------
    >>> import contextlib, io
    >>> from empirical.hardness.known import KnownSize
    >>> from empirical.hardness.result import HardnessConfig, HardnessRow, TrainedFunctionSize
    >>> relu = TrainedFunctionSize("relu", 1, 4, 4, 2, 2, (0.34, 1.0), 0.1, 3, 0)
    >>> known = KnownSize(2, 2, True, True, "exact")
    >>> xor = HardnessRow("npn", "npn:0110", 2, "0110", 2, known, relu)
    >>> with contextlib.redirect_stdout(io.StringIO()) as buf:
    ...     print_hardness(HardnessResult(HardnessConfig(inputs=2), [xor], 0.0))
    >>> text = " ".join(buf.getvalue().split())   # rich wraps long lines: join them again
    >>> "│ 1 │ npn:0110 │ 2 │ 2 │ 2 │ 4 (2/2) │ [0.34, 1.00] │ 1.67 │ 1.89 │ – │ – │" in text
    True
    >>> "hardest for ReLU gradient descent: npn:0110 (gap 1.67 in neurons" in text
    True
    """
    from rich.table import Table

    rows = table_rows(result)
    table = Table(title=f"memcap hardness: M = {result.config.inputs}, ranked by the "
                        "trainability gap",
                  caption="h: hidden units (successes/trials at p); known h exact for M <= 4, "
                          "* a construction; sign h: hardened networks that verified; gap: "
                          "trained / known neurons (n) and parameters (p)")
    for col in (rows[0] if rows else {"function": ""}):
        table.add_column(col, justify="right")
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    print_study(table, hardness_lines(result), result.wall_s)


def plot_gap(result: HardnessResult, path: str | Path) -> bool:
    """Scatter of the neuron gap against the exact minimal layered size of every NPN class
    (marker area ∝ functions in the class; sign-unit gaps as crosses); False (nothing written)
    when the result has no NPN rows.

    Parameters
    ----------
    result : HardnessResult
        The study; only its ``npn`` rows are drawn (a row not trained sits on the top row).
    path : str or Path
        The figure file (written atomically; the format from its suffix).

    Returns
    -------
    bool
        Whether a figure was written.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from empirical.hardness.known import KnownSize
    >>> from empirical.hardness.result import HardnessConfig, HardnessRow, TrainedFunctionSize
    >>> relu = TrainedFunctionSize("relu", 1, 4, 4, 2, 2, (0.34, 1.0), 0.1, 3, 0)
    >>> known = KnownSize(2, 2, True, True, "exact")
    >>> xor = HardnessRow("npn", "npn:0110", 2, "0110", 2, known, relu)
    >>> parity = HardnessRow("parity", "parity", 2, "0110", 1, known, relu)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     png = pathlib.Path(tmp) / "gap.png"
    ...     drawn = plot_gap(HardnessResult(HardnessConfig(inputs=2), [xor], 0.0), png)
    ...     head = png.read_bytes()[1:4]
    ...     none = pathlib.Path(tmp) / "none.png"
    ...     skipped = plot_gap(HardnessResult(HardnessConfig(inputs=2), [parity], 0.0), none)
    ...     none_exists = none.exists()
    >>> drawn, head, skipped, none_exists   # no NPN row: nothing drawn
    (True, b'PNG', False, False)
    """
    rows = [r for r in result.rows if r.family == "npn"]
    if not rows:
        return False
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    c = result.config
    fig, ax = plt.subplots(figsize=(6.4, 4))
    rng = np.random.default_rng(0)
    # the gap's own reference: layered for one hidden layer, any depth for more (the axis said
    # "layered" at --depth 2 while the gaps were against the any-depth minimum, 2026-12-06)
    known = np.array([r.known_neurons for r in rows], dtype=float)
    reference = "layered" if c.depth <= 1 else "any depth"
    jitter = rng.uniform(-0.12, 0.12, len(rows))
    ceiling = max([r.gap_neurons or 0 for r in rows] + [1]) * 1.15

    def gaps(vals, lost):  # not trained: the top row; diverged (no size measured): no point
        return np.array([np.nan if d else ceiling if v is None else v
                         for v, d in zip(vals, lost, strict=True)], dtype=float)

    size = np.array([r.functions for r in rows], dtype=float)
    ax.scatter(known + jitter, gaps([r.gap_neurons for r in rows],
                                    [r.relu.diverged for r in rows]),
               s=12 + 60 * size / size.max(), alpha=0.6, label="ReLU (trained to p)")
    if any(r.sign is not None for r in rows):
        ax.scatter(known - jitter, gaps([r.sign_gap_neurons for r in rows],
                                        [r.sign is not None and r.sign.diverged for r in rows]),
                   marker="x", color="C3", label="sign units (verified)")
    ax.axhline(1, color="grey", lw=1, ls="--")
    ax.set_xlabel(f"exact minimal neurons, {reference} (NPN class)")
    ax.set_ylabel(f"trainability gap (trained / exact {reference} neurons)")
    ax.set_title(f"M = {c.inputs}: every NPN class (depth {c.depth}, {c.optimizer}, {c.steps} "
                 f"steps, {c.trials} trials; top row = not trained)", fontsize=9)
    ax.legend(frameon=False, fontsize=8)
    save_figure(fig, path)
    return True


def _safe(label: str) -> str:
    return label.replace(":", "-").replace("/", "-")


def write_hardness(result: HardnessResult, out: str | Path, overwrite: bool = False) -> Path:
    """Write hardness.json, rows.csv, hardness.png (NPN rows) and networks/*.json into ``out``
    (atomically, whole).

    Parameters
    ----------
    result : HardnessResult
        The study. hardness.png is drawn by :func:`plot_gap` (only with NPN rows); each row
        with a ``network`` is saved as ``networks/<label>.json`` (``:`` and ``/`` in the label
        replaced by ``-``).
    out : str or Path
        The folder to write (see :func:`write_study`).
    overwrite : bool
        Replace a non-empty ``out`` that memcap wrote, instead of refusing it.

    Returns
    -------
    Path
        The written folder ``out``.

    Examples
    --------
    >>> import json, pathlib, tempfile
    >>> from constructions.boolean import BooleanFunction
    >>> from constructions.builders import build
    >>> from empirical.hardness.known import KnownSize
    >>> from empirical.hardness.result import HardnessConfig, HardnessRow, TrainedFunctionSize
    >>> relu = TrainedFunctionSize("relu", 1, 4, 4, 2, 2, (0.34, 1.0), 0.1, 3, 0)
    >>> sign = TrainedFunctionSize("sign", 1, 2, 2, 2, 2, (0.34, 1.0), 0.1, 1, 0)
    >>> net = build(BooleanFunction.from_strings("0110"), "parity").to_dict()
    >>> known = KnownSize(2, 2, True, True, "exact")
    >>> xor = HardnessRow("npn", "npn:0110", 2, "0110", 2, known, relu, sign, net)
    >>> result = HardnessResult(HardnessConfig(inputs=2, families=("npn",)), [xor], 0.0)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_hardness(result, pathlib.Path(tmp) / "h")
    ...     names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    ...     saved = json.loads((out / "hardness.json").read_text())
    ...     head = (out / "rows.csv").read_text().split(",")[:3]
    >>> names
    ['.memcap-folder', 'hardness.json', 'hardness.png', 'networks', 'networks/npn-0110.json',
     'rows.csv']
    >>> saved["ranking"], saved["rows"][0]["sign_gap_neurons"], head
    (['npn:0110'], 1.0, ['family', 'label', 'functions'])
    """
    def extra(tmp: Path) -> None:
        plot_gap(result, tmp / "hardness.png")
        nets = [r for r in result.rows if r.network is not None]
        if nets:
            (tmp / "networks").mkdir()
            for r in nets:
                atomic_write_text(tmp / "networks" / f"{_safe(r.label)}.json",
                                  json.dumps(r.network, indent=1) + "\n")

    return write_study(result, out, overwrite, "hardness", result.to_frame(), "rows.csv", extra)


def _md_table(rows: list[dict]) -> list[str]:
    if not rows:
        return ["(none)"]
    cols = list(rows[0])
    return markdown_table(cols, ([r[c] for c in cols] for r in rows))


def _distribution(rows, attr: str) -> str:
    counts: dict = {}
    for r in rows:
        t = getattr(r, attr)
        key = ("–" if t is None else "diverged" if t.diverged else
               "not trained" if not t.found else t.hidden)
        counts[key] = counts.get(key, 0) + r.functions
    total = sum(counts.values())
    if set(counts) == {"–"}:  # a --no-sign study read "–: 100%" (compare review, 2026-12-04)
        return "not measured"
    keys = sorted(counts, key=lambda k: (isinstance(k, str), k if not isinstance(k, str) else 0))
    return ", ".join(f"{k}: {counts[k] / total:.0%}" for k in keys)


def hardness_markdown(result: HardnessResult, top: int = 12) -> str:
    """Markdown for docs: the named families (all rows), the NPN classes summarised by their
    exact minimal size (share of *functions* trained at each size, ReLU and sign), and the
    ``top`` hardest NPN classes; then the summary lines.

    Parameters
    ----------
    result : HardnessResult
        The study.
    top : int, optional
        How many hardest NPN classes to list (default 12).

    Returns
    -------
    str
        The markdown text (``no functions measured`` without rows).

    Examples
    --------
    >>> from empirical.hardness.result import HardnessConfig
    >>> print(hardness_markdown(HardnessResult(HardnessConfig(inputs=2), [], 0.0)))
    no functions measured
    """
    if not result.rows:
        return "no functions measured"
    table = table_rows(result)
    named = [t for t, r in zip(table, result.ranked(), strict=True) if r.family != "npn"]
    npn = [r for r in result.ranked() if r.family == "npn"]
    out = []
    if named:
        out += ["**Families** (ranked by the gap)", ""] + _md_table(named) + [""]
    if npn:
        by_size: dict[int, list] = {}
        for r in npn:
            by_size.setdefault(r.known.layered_hidden, []).append(r)
        summary = [{"exact hidden (layered)": k, "classes": len(rs),
                    "functions": sum(r.functions for r in rs),
                    "ReLU trained hidden (share of functions)": _distribution(rs, "relu"),
                    "sign trained hidden, verified (share of functions)":
                        _distribution(rs, "sign")}
                   for k, rs in sorted(by_size.items())]
        out += [f"**Every NPN class of M = {result.config.inputs}** ({len(npn)} classes, "
                f"{sum(r.functions for r in npn)} functions), by exact minimal size", ""]
        out += _md_table(summary) + [""]
        hardest = [t for t, r in zip(table, result.ranked(), strict=True)
                   if r.family == "npn"][:top]
        out += [f"**The {len(hardest)} hardest NPN classes** (label = canonical truth table)",
                ""] + _md_table(hardest) + [""]
    out += [f"- {line}" for line in hardness_lines(result)]
    return "\n".join(out)
