"""Presenting a :class:`~empirical.hardness.topology.TopologyResult`: table, conclusions,
figure, folder (``topology.json``, ``topology.csv``, ``topology.png``; assembled in a hidden
sibling and renamed into place).
"""

from __future__ import annotations

from pathlib import Path

from capacity.markdown import markdown_table
from empirical.engine.plots import save_figure
from empirical.hardness.plotting import family_colours, legend_figure, title_and_legend
from empirical.hardness.report import print_study, unfound_cell, write_study
from empirical.hardness.topology import TOPOLOGIES, TopologyResult

__all__ = ["plot_topology", "print_topology", "topology_lines", "topology_markdown",
           "write_topology"]


def _families(result: TopologyResult) -> list[str]:
    return list(dict.fromkeys(r.family for r in result.rows))


def _grid(result: TopologyResult):
    """``(family, [row for each depth × topology])``, the columns of the parameter tables."""
    by = {(r.family, r.topology, r.depth): r for r in result.rows}
    for fam in _families(result):
        yield fam, [by[(fam, t, d)] for d in result.depths for t in TOPOLOGIES]


def topology_lines(result: TopologyResult) -> list[str]:
    """Plain-words answers: per family the cheapest topology and depth in parameters, and how
    often dense beats stacked at the same depth.

    Parameters
    ----------
    result : TopologyResult
        The study, every family × topology × depth cell measured (a missing cell is a
        ``KeyError``; :func:`~empirical.hardness.result.check_loaded` refuses such a file).

    Returns
    -------
    list of str
        One line per family (the parameters stacked and dense need at each depth, ``–`` when
        not trained or ``diverged``, and the cheapest cell, :meth:`TopologyResult.best`),
        then in how many (family, depth) pairs that trained in both topologies dense needs
        fewer parameters, and, where there are any, the pairs where only one topology trained
        and those where training diverged. ``["no topology measured"]`` when the study has no
        row.

    Examples
    --------
    >>> from empirical.hardness.result import HardnessConfig
    >>> topology_lines(TopologyResult(HardnessConfig(inputs=2), (1,), [], 0.0))
    ['no topology measured']
    """
    if not result.rows:
        return ["no topology measured"]
    lines = []
    by = {(r.family, r.topology, r.depth): r for r in result.rows}
    wins = ties = total = 0
    one_sided = {"stacked": 0, "dense": 0}  # pairs where only this topology trained
    lost = 0  # pairs with a cell whose training diverged (no size: not compared)

    def cell(r) -> str:
        return unfound_cell(r.trained, "–") or str(r.parameters)

    for fam in _families(result):
        best = result.best(fam)
        cells = []
        some_diverged = False
        for d in result.depths:
            rs, rn = by[(fam, "stacked", d)], by[(fam, "dense", d)]
            s, n = rs.parameters, rn.parameters
            cells.append(f"depth {d}: stacked {cell(rs)}, dense {cell(rn)}")
            if rs.trained.diverged or rn.trained.diverged:
                lost += 1
                some_diverged = True
            elif s is not None and n is not None:
                total += 1
                wins += n < s
                ties += n == s
            elif (s is None) != (n is None):
                one_sided["dense" if s is None else "stacked"] += 1
        lines.append(f"{fam}: parameters needed — " + "; ".join(cells)
                     + (f"; cheapest: {best.topology} depth {best.depth} ({best.parameters})"
                        + (" among the cells that did not diverge" if some_diverged else "")
                        if best else "; nothing trained"))
    if total:
        lines.append(f"dense needs fewer parameters than stacked in {wins} of {total} "
                     f"(family, depth) pairs, as many in {ties}")
    for topo, count in one_sided.items():
        if count:
            other = "stacked" if topo == "dense" else "dense"
            lines.append(f"only {topo} trained within the width ceiling in {count} (family, "
                         f"depth) pair(s) ({other}: not found, so not in the count above)")
    if lost:
        lines.append(f"training diverged (non-finite loss in every trial at the largest width "
                     f"tried) in {lost} (family, depth) pair(s): not compared; try smaller --lrs")
    return lines


def print_topology(result: TopologyResult) -> None:
    """Print the parameter table (family × depth, stacked and dense) and the conclusions.

    Parameters
    ----------
    result : TopologyResult
        The study; each cell shows the parameters needed and, in brackets, the hidden units
        per layer (``–``: not trained), followed by :func:`topology_lines` and the wall time
        (:func:`~empirical.hardness.report.print_study`).

    Examples
    --------
    >>> import contextlib, io
    >>> from empirical.hardness.result import HardnessConfig, TrainedFunctionSize
    >>> from empirical.hardness.topology import TopologyRow
    >>> stacked = TrainedFunctionSize("relu", 1, 4, 4, 2, 2, (0.34, 1.0), 0.1, 3, 1)
    >>> dense = TrainedFunctionSize("relu", 1, 1, 1, 2, 2, (0.34, 1.0), 0.1, 0, 0)
    >>> rows = [TopologyRow("parity", "stacked", 1, stacked, 2),
    ...         TopologyRow("parity", "dense", 1, dense, 2)]
    >>> result = TopologyResult(HardnessConfig(inputs=2), (1,), rows, 0.0)
    >>> with contextlib.redirect_stdout(io.StringIO()) as buf:
    ...     print_topology(result)
    >>> text = " ".join(buf.getvalue().split())   # rich wraps long lines: join them again
    >>> "│ parity │ 22 (4) │ 11 (1) │" in text, "cheapest: dense depth 1 (11)" in text
    (True, True)
    """
    from rich.table import Table

    table = Table(title=f"memcap hardness --topology: M = {result.config.inputs}, parameters "
                        f"(hidden units per layer) gradient descent needs, p = "
                        f"{result.config.success_rate:g}")
    table.add_column("family")
    for d in result.depths:
        for t in TOPOLOGIES:
            table.add_column(f"{t} L={d}", justify="right")
    for fam, rows in _grid(result):
        table.add_row(fam, *(unfound_cell(r.trained, "–") or
                             f"{r.parameters} ({r.trained.width})" for r in rows))
    print_study(table, topology_lines(result), result.wall_s)


def plot_topology(result: TopologyResult, path: str | Path) -> None:
    """Parameters needed against depth, one colour per family, stacked solid and dense
    dashed.

    Parameters
    ----------
    result : TopologyResult
        The study (every family × topology × depth cell; not trained: a gap in the line).
    path : str or Path
        The figure file (written atomically; the format from its suffix).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from empirical.hardness.result import HardnessConfig, TrainedFunctionSize
    >>> from empirical.hardness.topology import TopologyRow
    >>> stacked = TrainedFunctionSize("relu", 1, 4, 4, 2, 2, (0.34, 1.0), 0.1, 3, 1)
    >>> dense = TrainedFunctionSize("relu", 1, 1, 1, 2, 2, (0.34, 1.0), 0.1, 0, 0)
    >>> rows = [TopologyRow("parity", "stacked", 1, stacked, 2),
    ...         TopologyRow("parity", "dense", 1, dense, 2)]
    >>> result = TopologyResult(HardnessConfig(inputs=2), (1,), rows, 0.0)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     png = pathlib.Path(tmp) / "topology.png"
    ...     plot_topology(result, png)
    ...     head, size = png.read_bytes()[1:4], png.stat().st_size
    >>> head, size > 1000
    (b'PNG', True)
    """
    import matplotlib

    matplotlib.use("Agg")

    families = _families(result)
    series = len(families) * len(TOPOLOGIES)
    # as recipes.png: C{i} repeated after ten families (an NPN study drew family i and i + 10
    # alike), and a long legend covered the lines (2026-12-07 audit)
    fig, ax = legend_figure(series)  # beside the axes past 12 entries
    by = {(r.family, r.topology, r.depth): r.parameters for r in result.rows}
    for fam, colour in zip(families, family_colours(len(families)), strict=True):
        for t, style in zip(TOPOLOGIES, ("-", "--"), strict=True):
            ys = [by[(fam, t, d)] for d in result.depths]
            ax.plot(result.depths, [float("nan") if y is None else y for y in ys], style,
                    marker="o", color=colour, label=f"{fam}, {t}")
    ax.set_yscale("log")
    ax.set_xticks(list(result.depths))
    ax.set_xlabel("hidden layers")
    ax.set_ylabel("parameters needed (two-class head)")
    title = f"M = {result.config.inputs}: stacked vs dense, parameters needed"
    save_figure(fig, path, **title_and_legend(ax, title, series, "topology.csv"))


def write_topology(result: TopologyResult, out: str | Path, overwrite: bool = False) -> Path:
    """Write topology.json, topology.csv and topology.png into ``out`` (atomically, whole).

    Parameters
    ----------
    result : TopologyResult
        The study: topology.json is its ``to_dict()`` with the package versions, topology.csv
        its ``to_frame()``, topology.png :func:`plot_topology` (only when there are rows).
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
    >>> from empirical.hardness.result import HardnessConfig, TrainedFunctionSize
    >>> from empirical.hardness.topology import TopologyRow
    >>> stacked = TrainedFunctionSize("relu", 1, 4, 4, 2, 2, (0.34, 1.0), 0.1, 3, 1)
    >>> dense = TrainedFunctionSize("relu", 1, 1, 1, 2, 2, (0.34, 1.0), 0.1, 0, 0)
    >>> rows = [TopologyRow("parity", "stacked", 1, stacked, 2),
    ...         TopologyRow("parity", "dense", 1, dense, 2)]
    >>> result = TopologyResult(HardnessConfig(inputs=2), (1,), rows, 0.0)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_topology(result, pathlib.Path(tmp) / "topology")
    ...     names = sorted(p.name for p in out.iterdir())
    ...     table = pd.read_csv(out / "topology.csv")
    ...     saved = json.loads((out / "topology.json").read_text())
    >>> names
    ['.memcap-folder', 'topology.csv', 'topology.json', 'topology.png']
    >>> table["topology"].tolist(), table["parameters"].tolist()
    (['stacked', 'dense'], [22, 11])
    >>> saved["format"], [r["parameters"] for r in saved["rows"]]
    ('memcap.hardness-topology/2', [22, 11])
    """
    def extra(tmp: Path) -> None:
        if result.rows:
            plot_topology(result, tmp / "topology.png")

    return write_study(result, out, overwrite, "topology", result.to_frame(), "topology.csv",
                       extra)


def topology_markdown(result: TopologyResult) -> str:
    """Markdown for docs: parameters (hidden units per layer) needed per family, topology and
    depth, then the conclusions.

    Parameters
    ----------
    result : TopologyResult
        The study, every family × topology × depth cell measured.

    Returns
    -------
    str
        A Markdown table (one row per family, a ``stacked L=d`` and a ``dense L=d`` column per
        depth; a cell reads ``parameters (width; successes/trials)``, ``not found`` or
        ``diverged``), a blank line and :func:`topology_lines` as a bullet list; ``"no
        topology measured"`` when the study has no row.

    Examples
    --------
    >>> from empirical.hardness.result import HardnessConfig
    >>> print(topology_markdown(TopologyResult(HardnessConfig(inputs=2), (1,), [], 0.0)))
    no topology measured
    """
    if not result.rows:
        return "no topology measured"
    head = ["family"] + [f"{t} L={d}" for d in result.depths for t in TOPOLOGIES]
    body = []
    for fam, rows in _grid(result):
        cells = [unfound_cell(r.trained, "not found") or
                 f"{r.parameters} ({r.trained.width}; {r.trained.successes}/{r.trained.trials})"
                 for r in rows]
        body.append([fam, *cells])
    out = markdown_table(head, body)
    return "\n".join(out + [""] + [f"- {line}" for line in topology_lines(result)])
