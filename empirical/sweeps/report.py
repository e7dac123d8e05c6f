"""The sweep report: each derived metric against the sweep parameter, with bands, laws and findings.

Input is a plain per-run summary table: one row per run with the sweep parameter, the seed and
the derived metrics (e.g. the output of :func:`empirical.sweeps.metrics.apply_metrics`). Output, in
``out_dir``: ``report.md``, one PNG per metric, ``phenomena.json`` (the findings, machine
readable), and in a sweep folder :data:`REPORT_RECORD` (what the report was written for). Every
file is written atomically (:mod:`capacity.atomic_files`).

Error bands over seeds: with S ≥ 3 seeds at an x, mean ± standard error (sd/√S); with exactly 2,
the min–max range of the two; with 1, no band. The report says which one each figure uses.
The x axis is logarithmic when the parameter is a geometric grid (e.g. doubling). A categorical
parameter (text or true/false values, e.g. ``model.activation``) is drawn at evenly spaced
positions in sorted order, and nothing is detected on it: its values have no order for a shape
or a law to follow.
"""

from __future__ import annotations

import dataclasses
import json
import math
import numbers
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from capacity.atomic_files import (
    atomic_write_text,
    check_not_foreign,
    entries_recorded,
    json_safe,
    remove_recorded_files,
)
from capacity.errors import UsageError
from capacity.markdown import markdown_table
from empirical.engine.plots import save_figure
from empirical.sweeps.integrity import REPORT_FILES, REPORT_RECORD
from empirical.sweeps.phenomena import Phenomenon, detect, is_geometric

__all__ = ["cell_text", "distinct_digits", "linked_figures",
           "metric_bands", "report_is_current", "write_report"]


def metric_bands(table: pd.DataFrame, parameter: str, metric: str,
                 series: Sequence[str] = ()) -> tuple[pd.DataFrame, str]:
    """Per parameter value (and per value of each ``series`` column: the other grid axes, one
    curve each): mean, band low/high and seed count; plus the band's name. Runs whose metric is
    NaN, ±inf or beyond ±:data:`LARGEST_VALUE` (a diverged run's) are left out.

    Parameters
    ----------
    table : pandas.DataFrame
        The summary table (one row per run).
    parameter : str
        The column of the swept parameter.
    metric : str
        The metric column.
    series : sequence of str, optional
        Further grid columns, one curve per value combination (default none).

    Returns
    -------
    tuple of (pandas.DataFrame, str)
        Columns ``*series, parameter, mean, low, high, seeds``, and the band's name;
        ``seeds`` counts the runs with a finite metric in each group (one run per seed there).

    Examples
    --------
    >>> t = pd.DataFrame({"n": [1, 1, 2, 2], "seed": [0, 1, 0, 1], "m": [1.0, 3.0, 2.0, 2.0]})
    >>> bands, kind = metric_bands(t, "n", "m")
    >>> kind
    'min–max over 2 seeds'
    >>> bands[["n", "mean", "low", "high"]].to_numpy().tolist()
    [[1.0, 2.0, 1.0, 3.0], [2.0, 2.0, 2.0, 2.0]]
    >>> t["w"] = [8, 16, 8, 16]  # a second axis: its runs are curves, not seeds
    >>> metric_bands(t, "n", "m", series=["w"])[0][["w", "n", "mean", "seeds"]].values.tolist()
    [[8.0, 1.0, 1.0, 1.0], [8.0, 2.0, 2.0, 1.0], [16.0, 1.0, 3.0, 1.0], [16.0, 2.0, 2.0, 1.0]]
    """
    for col in (parameter, metric, *series):
        if col not in table.columns:
            raise UsageError(f"column {col!r} not in the summary table; it has: "
                             f"{', '.join(map(str, table.columns))}")
    keys = [*series, parameter]
    data = _finite(table[[*keys, metric]].dropna(subset=keys), metric)
    g = data.groupby(keys)[metric]
    out = pd.DataFrame({"mean": g.mean(), "sd": g.std(ddof=1), "low": g.min(), "high": g.max(),
                        "seeds": g.count()}).reset_index()
    if not len(out):  # every run's value NaN, ±inf or huge: nothing to band (it said "one seed")
        return out.drop(columns="sd"), "no band (no finite value)"
    # the band of each x by its own seed count: one x left with one finite run (the others
    # diverged) made every x's band "no band (one seed)" with low = high = mean, hiding the
    # spread of the x that had three (2026-12-05 review)
    n = out["seeds"]
    se = out["sd"] / np.sqrt(n)
    three, one = n >= 3, n == 1
    out["low"] = out["low"].where(~three, out["mean"] - se).where(~one, out["mean"])
    out["high"] = out["high"].where(~three, out["mean"] + se).where(~one, out["mean"])
    smin = int(n.min())
    if three.all():
        kind = f"mean ± standard error over {smin}+ seeds"
    elif (n == 2).all():
        kind = "min–max over 2 seeds"
    elif one.all():
        kind = "no band (one seed)"
    else:
        kind = ", ".join(k for k, present in (
            ("mean ± standard error where 3+ seeds", three.any()),
            ("min–max where 2", (n == 2).any()), ("none where 1", one.any())) if present)
    return out.drop(columns="sd"), kind


#: Largest |value| of a metric a report reads: beyond it a value is a diverged run's (the engine
#: may log "a huge finite value", docs/sweeps.md) and is left out like ±inf. Two runs of 1e308
#: at one x made the seed mean inf and detection refused the whole report; squares of values
#: beyond about 1.3e154 overflow the noise estimate (detection found nothing, with a
#: RuntimeWarning); and matplotlib cannot draw an axis that spans about 1.8e308 (2026-12-07).
LARGEST_VALUE = 2.0 ** 500


def _finite(table: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The rows whose ``metric`` is a finite number of at most :data:`LARGEST_VALUE` in size:
    NaN (not computed), ±inf and larger values (a run that diverged) are left out of bands,
    figures and detection, and the report says so."""
    values = table[metric].to_numpy(float)
    with np.errstate(invalid="ignore"):  # NaN compares False: left out
        return table[np.abs(values) <= LARGEST_VALUE]


def _seed_matrix(table, parameter, metric, seeds_column) -> np.ndarray | None:
    """(S, n) matrix when every parameter value has the same S ≥ 2 seeds, else None."""
    if seeds_column not in table.columns:
        return None
    wide = table.pivot_table(index=seeds_column, columns=parameter, values=metric,
                             aggfunc="mean")  # (S, n)
    if len(wide) < 2 or wide.isna().any().any():
        return None
    return wide.sort_index(axis=1).to_numpy(float)


def cell_text(value, digits: int = 6) -> str:
    """A grid value in a table cell: true/false as in the spec (a bool is an int: they read 1
    and 0, 2026-12-03 audit), integers exactly (a seed 1234567 read 1.23457e+06), other numbers
    with ``digits`` significant digits (8, 0.001), anything else as text.

    Examples
    --------
    >>> cell_text(True), cell_text(1234567), cell_text(1234567.0), cell_text(0.0010000001)
    ('true', '1234567', '1234567', '0.001')
    """
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if math.isfinite(value) and value == int(value) and abs(value) < 2 ** 53:
            return str(int(value))
        return f"{value:.{digits}g}"
    return str(value)


def distinct_digits(values) -> int:
    """The fewest significant digits, from 6, at which :func:`cell_text` tells the distinct
    ``values`` apart (a grid 0.001, 0.0010000001 read 0.001 twice, 2026-12-05 review).

    Examples
    --------
    >>> distinct_digits([0.001, 0.002]), distinct_digits([0.001, 0.0010000001])
    (6, 8)
    """
    def key(v):  # numbers by value (0.0 and -0.0, 1 and 1.0 are one grid value), a list by
        # its text (not hashable)
        if isinstance(v, numbers.Real) and not isinstance(v, bool | np.bool_):
            return ("number", float(v)) if v == v else ("nan",)
        return ("text", repr(v))

    distinct = list({key(v): v for v in values}.values())
    for digits in range(6, 18):
        if len({cell_text(v, digits) for v in distinct}) == len(distinct):
            return digits
    return 17


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_") or "metric"


def _figure(path: Path, curves: list[tuple[str, pd.DataFrame, list[Phenomenon]]],
            band_kind: str, parameter: str, metric: str, log_base: int | None,
            categories: list | None = None) -> None:
    """One line (and band, fits, markers) per curve ``(label, bands, found)``; the label names
    the curve's values of the other grid axes ("" for a one-axis sweep). ``categories``: the
    sorted values of a categorical parameter, drawn at positions 0, 1, ... (None: numeric);
    ``log_base``: the log axis's base, 2 or 10 (None: a linear axis)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    for c, (label, bands, _) in enumerate(curves):
        x = _positions(bands[parameter], categories)  # (n,)
        colour = f"C{c % 10}"
        name = f"{metric} (mean{', ' + label if label else ''})"
        if categories is not None:  # unordered values: points with error bars, no lines
            ax.errorbar(x, bands["mean"], [bands["mean"] - bands["low"],
                                           bands["high"] - bands["mean"]],
                        fmt="o", color=colour, capsize=3, label=name)
            continue
        ax.plot(x, bands["mean"], "o-", color=colour, label=name)
        if not band_kind.startswith("no band"):
            ax.fill_between(x, bands["low"], bands["high"], color=colour, alpha=0.25,
                            label=band_kind if len(curves) == 1 else None)
    if len(curves) > 1 and categories is None and not band_kind.startswith("no band"):
        # one grey entry for every curve's band: it was the first curve's colour alone, as if
        # only that curve had one (2026-12-06 review)
        ax.fill_between([], [], [], color="0.5", alpha=0.25, label=f"bands: {band_kind}")
    if categories is not None and not band_kind.startswith("no band"):
        # the error bars' meaning was only in report.md (2026-12-06 review)
        ax.errorbar([], [], [], fmt="none", color="0.5", capsize=3,
                    label=f"error bars: {band_kind}")
    for c, (_, _, found) in enumerate(curves if categories is None else ()):  # fits, markers
        colour = f"C{c % 10}"
        # one dash pattern per law, so that a power law and an exponential over the same
        # points are told apart in the legend (both were "--", 2026-12-05 sweep review)
        for k, p in enumerate(q for q in found if q.fit is not None):
            lo, hi = p.fit.x_range
            xs = np.geomspace(lo, hi, 200) if log_base else np.linspace(lo, hi, 200)
            ax.plot(xs, p.fit.predict(xs), ("--", "-.", (0, (1, 1)), (0, (5, 1, 1, 1)))[k % 4],
                    color=colour,
                    label=f"{p.kind.replace('_', ' ')}: B = {p.fit.params[1]:.3g}, "
                          f"R² = {p.fit.r2:.3f}")
        for p in found:
            if p.kind in ("inverted_u", "u", "plateau"):
                ax.axvline(p.location, color=colour, ls=":", lw=1)
                ax.annotate(p.kind.replace("_", "-"), (p.location, ax.get_ylim()[1]),
                            ha="center", va="top", fontsize=8, color=colour)
    if categories is not None:
        ax.set_xticks(range(len(categories)), [cell_text(v) for v in categories])
    elif log_base:
        ax.set_xscale("log", base=log_base)
    ax.set_xlabel(parameter)
    ax.set_ylabel(metric)
    ax.set_title(f"{metric} vs {parameter}")
    if ax.get_legend_handles_labels()[0]:  # all-NaN curves draw nothing: matplotlib warned
        ax.legend(fontsize=8)
    save_figure(fig, path)


def _categories(column: pd.Series) -> list | None:
    """The sorted values of a categorical parameter column (text, true/false, mixed), or None
    for a numeric one.

    Examples
    --------
    >>> _categories(pd.Series(["tanh", "relu", "tanh"])), _categories(pd.Series([8, 4]))
    (['relu', 'tanh'], None)
    """
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        return None
    return sorted(column.dropna().unique(), key=str)


def _positions(values: pd.Series, categories: list | None) -> np.ndarray:
    """x coordinates of parameter values: the values themselves, or a category's position."""
    if categories is None:
        return values.to_numpy(float)
    return values.map({v: i for i, v in enumerate(categories)}).to_numpy(float)


def _config_json(config) -> str:
    if dataclasses.is_dataclass(config) and not isinstance(config, type):
        config = dataclasses.asdict(config)
    return json.dumps(config, indent=2, sort_keys=True, default=str)


def linked_figures(report: Path) -> list[str]:
    """The figure files (in its own folder) that the report ``report`` links to; none when it
    is missing or a link.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "report.md"
    >>> _ = p.write_text("![a vs n](a.png) ![b](../b.png)")
    >>> linked_figures(p), linked_figures(p.parent / "none.md")
    (['a.png'], [])
    """
    if not report.is_file() or report.is_symlink():
        return []
    return re.findall(r"!\[[^\]]*\]\(([^)/\\]+\.png)\)", report.read_text(errors="replace"))


_RECORD_FORMAT = "memcap.sweep-report/1"


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _report_files(out: Path) -> list[str]:
    return [*REPORT_FILES, *linked_figures(out / "report.md")]


#: The tables a sweep's report is computed from: a report is current only beside the very
#: tables it was written from (a manifest rebuilt from edited group files rewrote them).
_REPORT_INPUTS = ("metrics.csv", "summary.csv")


def _record_text(out: Path, config: dict) -> str:
    """The :data:`REPORT_RECORD` of the report just written into ``out`` for the spec
    ``config``: the sha-256 of report.md, phenomena.json and every figure it links to, and of
    the tables it was computed from (metrics.csv, summary.csv, where there)."""
    files = {name: _sha256(out / name) for name in _report_files(out)}
    inputs = {name: _sha256(out / name) for name in _REPORT_INPUTS if (out / name).is_file()}
    record = {"format": _RECORD_FORMAT, "spec": json.loads(json.dumps(config, default=str)),
              "files": files, "inputs": inputs}
    return json.dumps(record, indent=1, sort_keys=True) + "\n"


def report_is_current(out: str | Path, config: dict) -> bool:
    """Whether the sweep folder ``out`` holds, unchanged, the report :func:`write_report` wrote
    there for the spec ``config`` (its :data:`REPORT_RECORD`): the record names that spec, and
    every file of the report (report.md, phenomena.json, each figure it links to) and both
    tables it was computed from have the recorded sha-256. A missing or damaged record,
    another spec (a relabelled sweep, also one interrupted before its report), a file gone,
    edited, truncated or made a link, tables rebuilt from other data: False.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for name in ("metrics.csv", "summary.csv"):  # the tables the report is computed from
    ...     _ = (d / name).write_text(name)
    >>> t = pd.DataFrame({"n": [1, 2, 4, 8], "seed": 0, "gap": [1.0, 2.0, 3.0, 4.0]})
    >>> _ = write_report(t, d, parameter="n", metrics=["gap"], config={"name": "s"},
    ...                  record=True)
    >>> report_is_current(d, {"name": "s"}), report_is_current(d, {"name": "t"})
    (True, False)
    >>> _ = (d / "gap.png").write_bytes(b"edited"); report_is_current(d, {"name": "s"})
    False
    """
    out = Path(out)
    try:
        record = json.loads((out / REPORT_RECORD).read_text())
        files, inputs = record["files"], record["inputs"]
        if (record.get("format") != _RECORD_FORMAT
                or record.get("spec") != json.loads(json.dumps(config, default=str))
                or not isinstance(files, dict) or sorted(files) != sorted(_report_files(out))
                or not isinstance(inputs, dict) or sorted(inputs) != sorted(_REPORT_INPUTS)):
            return False
        return all(not (out / name).is_symlink() and (out / name).is_file()
                   and _sha256(out / name) == digest
                   for name, digest in (*files.items(), *inputs.items()))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return False


def write_report(table: pd.DataFrame, out_dir: str | Path, *, parameter: str,
                 metrics: list[str], config: dict, seeds_column: str = "seed",
                 series: Sequence[str] = (), record: bool = False) -> Path:
    """Write ``report.md``, one PNG per metric, ``phenomena.json`` and, with ``record`` (a
    sweep folder's report), last :data:`REPORT_RECORD` (``config`` and the sha-256 of those
    files and of the folder's metrics.csv and summary.csv: :func:`report_is_current`); return
    the report's path.

    Everything is computed before anything is written; only then, in a memcap folder (a sweep's),
    are the outputs added to its marker (:func:`capacity.atomic_files.entries_recorded`, which
    takes back the ones not written when a write fails) and
    written, so a report that fails on its input lists and writes nothing; an output whose
    place holds a folder, a device or a link is refused before anything is written.

    Parameters
    ----------
    table : DataFrame
        One row per run: the sweep ``parameter``, ``seeds_column`` (optional), the ``series``
        columns and the metrics.
    out_dir : path
        Folder to write into (created if missing).
    parameter : str
        The swept column (x axis): numeric, or categorical (text or true/false values, drawn at
        evenly spaced positions in sorted order, with no detection).
    metrics : list of str
        Metric columns to report, e.g. ``["gap(weight_l2)"]``.
    config : dict or dataclass
        The configuration that produced the sweep; quoted in the report.
    seeds_column : str
        Column identifying the seed; with ≥ 2 seeds per x, significance uses their spread.
    series : sequence of str
        The other grid axes' fields: one curve (table rows, detection, line) per combination of
        their values, so their runs are never averaged as if they were seeds.
    record : bool, default False
        Also write :data:`REPORT_RECORD` (``memcap sweep`` and ``memcap report`` do, in a sweep
        folder): an output like the others, refused up front when a folder or link is in its
        place, and listed in the folder's marker.

    References
    ----------
    Z. Liu, "How does memorization affect ℓ2?" (2026-05-05): the sweep figure and findings this
    report format reproduces.

    Examples
    --------
    >>> import tempfile
    >>> x = 50 * 2 ** np.arange(8)
    >>> t = pd.DataFrame({"n": x, "seed": 0, "gap": 20 - 3 * np.log2(x / 800) ** 2})
    >>> p = write_report(t, tempfile.mkdtemp(), parameter="n", metrics=["gap"], config={"a": 1})
    >>> "inverted U: maximum near n = 800" in p.read_text()
    True
    """
    if not metrics:
        raise UsageError("no metrics to report; name at least one metric column")
    if parameter not in table.columns:
        raise UsageError(f"sweep parameter {parameter!r} not in the table; it has: "
                         f"{', '.join(map(str, table.columns))}")
    series = [f for f in series if f != parameter]
    out = Path(out_dir)
    categories = _categories(table[parameter])
    seeds = sorted(table[seeds_column].unique()) if seeds_column in table.columns else []
    runs_of = dict(iter(table.groupby(series, sort=True))) if series else {(): table}
    head = (f"{table[parameter].nunique()} values of `{parameter}`, {len(seeds) or 1} seed(s), "
            f"{len(table)} runs")
    if series:
        head += (f"; one curve per value of {', '.join(f'`{f}`' for f in series)} "
                 f"({len(runs_of)} curves)")
    lines = [f"# Sweep report: {', '.join(metrics)} vs {parameter}", "", head + ".", ""]
    findings: dict[str, list[dict]] = {}
    figures = []  # (file name, metric, curves, band kind): drawn once all is computed
    digits = {f: distinct_digits(table[f].dropna().tolist()) for f in [*series, parameter]}
    # one axis for every metric, from the sweep's whole grid: a metric's NaN run dropped an x
    # and with it the log axis, its base 2 and the log-x shapes of that metric (2026-12-07)
    grid_x = (np.unique(table[parameter].dropna().to_numpy(float)) if categories is None
              else None)
    log_x = categories is None and is_geometric(grid_x)
    log_base = (2 if np.allclose(grid_x[1:] / grid_x[:-1], 2) else 10) if log_x else None
    for metric in metrics:
        bands, band_kind = metric_bands(table, parameter, metric, series)
        parts = dict(iter(bands.groupby(series, sort=True))) if series else {(): bands}
        curves, findings[metric], described = [], [], []
        indistinct = False
        for key, part in parts.items():
            values = dict(zip(series, key, strict=True))
            label = ", ".join(f"{f} = {cell_text(v, digits[f])}" for f, v in values.items())
            found: list[Phenomenon] = []
            xs = part[parameter].to_numpy(float) if categories is None else None
            if xs is not None and len(part) >= 4 and len(np.unique(xs)) == len(xs):
                runs = _finite(runs_of[key], metric)
                found = detect(xs, part["mean"].to_numpy(float),
                               _seed_matrix(runs, parameter, metric, seeds_column),
                               log_x=log_x)
            elif xs is not None and len(part) >= 4:  # integers beyond 2^53 that float64
                # makes equal: detect refused them, reported as the user's bad input (review)
                indistinct = True
            curves.append((label, part, found))
            for p in found:
                findings[metric].append(dict(dataclasses.asdict(p),
                                             description=p.describe(parameter),
                                             **({"series": values} if series else {})))
                described.append(f"- {label + ': ' if label else ''}{p.describe(parameter)}")
        # max(data.seed) and max(data_seed) shared one file, the second drawn over the first
        taken, fig_name, k = {name for name, *_ in figures}, f"{_slug(metric)}.png", 1
        while fig_name in taken:
            k += 1
            fig_name = f"{_slug(metric)}_{k}.png"
        figures.append((fig_name, metric, curves, band_kind))
        shortest = min(len(part) for part in parts.values()) if parts else 0
        if categories is not None:
            note = f"(`{parameter}` is categorical: no shape or law is detected on it)"
        elif indistinct:
            note = (f"(some values of `{parameter}` are equal as float64 numbers, which "
                    "detection works in: no shape or law is detected on it)")
        else:
            note = (f"(only {shortest} sweep point{'s' if shortest != 1 else ''}"
                    f"{' in a curve' if series else ''}: detection "
                    "needs at least 4)") if shortest < 4 else ""
        axis = ("categorical, values in sorted order" if categories is not None
                else "logarithmic" if log_x else "linear")
        lines += [f"## {metric}", "", f"![{metric} vs {parameter}]({fig_name})", "",
                  f"Band: {band_kind}; x axis {axis}.", "",
                  *markdown_table([*series, parameter, "mean", "low", "high", "seeds"],
                                  # column by column: iterrows made a row's integers floats
                                  zip(*([cell_text(v, digits[f]) for v in bands[f].tolist()]
                                        for f in [*series, parameter]),
                                      *([f"{v:.6g}" for v in bands[c].tolist()]
                                        for c in ("mean", "low", "high")),
                                      [int(v) for v in bands["seeds"].tolist()],
                                      strict=True), "---:")]
        left_out = len(table) - len(_finite(table, metric))
        if left_out:
            lines += ["", f"{left_out} run(s) whose {metric} is NaN, ±inf or beyond "
                          f"±{LARGEST_VALUE:.3g} (not computed, or "
                          "a run that diverged: see their logged curves in metrics.csv) are left "
                          "out of this table, the figure and the detection."]
        lines += ["", "Detected phenomena (significant only; see docs/sweeps.md for how to "
                      "read them):", ""]
        lines += described or [f"- none {note}".rstrip()]
        lines.append("")
    lines += ["## Configuration", "", "```json", _config_json(config), "```", ""]
    text = json.dumps(json_safe(findings), indent=2, allow_nan=False) + "\n"
    names = (sorted(REPORT_FILES) + [f[0] for f in figures]
             + ([REPORT_RECORD] if record else []))
    for name in names:  # a folder or device in an output's place failed after the figures
        target = out / name
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise UsageError(f"cannot write the report: {str(target)!r} exists and is not a "
                             "plain file; move it away and run the command again")
    check_not_foreign(out, names)  # a user's report.md in a sweep folder is not replaced
    # the figures the report being replaced linked to (in its own folder)
    linked = linked_figures(out / "report.md")
    # everything is computed: now list the outputs in a sweep folder's marker, then write them
    out.mkdir(parents=True, exist_ok=True)
    path = out / "report.md"
    with entries_recorded(out, names):  # a write that fails takes back what it did not write
        for fig_name, metric, curves, band_kind in figures:
            _figure(out / fig_name, curves, band_kind, parameter, metric, log_base, categories)
        atomic_write_text(out / "phenomena.json", text)
        atomic_write_text(path, "\n".join(lines))
        if record:  # last: it holds the hashes of the files just written
            atomic_write_text(out / REPORT_RECORD, _record_text(out, config))
    # a figure of a metric no longer asked for stayed beside the new report (2026-12-03 audit);
    # only memcap's own (listed in a sweep folder's marker) are removed
    remove_recorded_files(out, [n for n in linked if n not in names])
    return path
