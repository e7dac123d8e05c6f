"""Derived metrics: named reductions of one logged series, applied per run to a tidy table.

A derived metric is written ``REDUCTION(COLUMN)``, e.g. ``gap(weight_l2)`` (the seed post's
``W_gap_1``), ``root_gap(weight_l2)`` (its ``W_gap_2``) or ``mean_last_5(test_loss)``. The tidy
table has one row per run × logged step (docs/sweeps.md); :func:`apply_metrics` groups it by run and
returns one row per run.

Reductions (``s`` is the series ordered by step, as logged):

===============  ===========================================================================
``first``        the first value that is not NaN
``last``         ``s[-1]``, the value at the last logged step as it is (``final`` is the same)
``gap``          ``last − first``
``root_gap``     ``sign(d)·√|d|`` with ``d = last² − first²``: equals √(last² − first²) when
                 ``last² ≥ first²``; when ``last² < first²`` it is negative (−√(first² − last²))
                 instead of NaN, so a shrinking norm reads as a negative gap, as ``gap`` does
``max``/``min``  largest / smallest value
``argmax``       the *step* at which the largest value is logged (first one on ties)
``argmin``       the step of the smallest value
``mean``         mean over all logs
``mean_last_K``  mean over the last K logs (K ≥ 1; all logs if fewer), as logged
===============  ===========================================================================

What is dropped: only NaN entries, and only by the reductions over the whole series
(``first``, ``max``, ``min``, ``argmax``, ``argmin``, ``mean``), for which NaN means "not
computed at that step". The reductions that read the end of the run (``last``/``final``,
``gap``, ``root_gap``, ``mean_last_K``) take the last logged values as they are: a run that
diverged (its loss and weights logged as NaN or ±inf from some step on) gives NaN or ±inf
there, never an earlier finite value. ±inf is never dropped (``max`` of a series that reached
+inf is +inf). A series with no value that is not NaN gives NaN for every reduction.

References
----------
Z. Liu, "How does memorization affect ℓ2?" (blog, 2026-05-05): ``W_gap_1 = ℓ2(last) − ℓ2(first)``
and ``W_gap_2 = sqrt(ℓ2(last)² − ℓ2(first)²)`` of the weight-ℓ2 series (its workbench template).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from capacity.atomic_files import shortened
from capacity.errors import UsageError

__all__ = ["REDUCTIONS", "MetricSpec", "apply_metrics", "metric_identity", "parse_metric",
           "reduce_series"]


def metric_identity(text: str) -> str:
    """The metric a text names, with aliases folded (``final`` is ``last``) and spaces dropped:
    two texts with the same identity draw the same figure, so a list may not hold both.

    Examples
    --------
    >>> metric_identity("final(train_acc)") == metric_identity("last( train_acc )")
    True
    >>> metric_identity("mean_last_05(test_loss)")
    'mean_last_5(test_loss)'
    """
    try:  # mean_last_05(x) is mean_last_5(x) (both passed the repeat check, 2026-12-03 audit)
        text = parse_metric(text).name
    except UsageError:
        text = "".join(str(text).split())
    return "last(" + text[len("final("):] if text.startswith("final(") else text


def _first(s: np.ndarray) -> float:
    kept = s[~np.isnan(s)]
    return float(kept[0]) if len(kept) else math.nan


def _root_gap(s: np.ndarray, _steps: np.ndarray) -> float:
    d = float(np.square(s[-1]) - np.square(_first(s)))  # numpy: an overflow is inf, not an error
    return math.copysign(math.sqrt(abs(d)), d)


def _whole(reduce: Callable[[np.ndarray], float]) -> Callable[[np.ndarray, np.ndarray], float]:
    """A reduction over the whole series, its NaN entries dropped (NaN if nothing is left)."""
    def worker(s: np.ndarray, t: np.ndarray) -> float:
        keep = ~np.isnan(s)
        return float(reduce(s[keep], t[keep])) if keep.any() else math.nan
    return worker


#: name -> worker(values, steps) -> float; values (as logged: NaN and ±inf kept) and steps are
#: non-empty and step-ordered.
REDUCTIONS: dict[str, Callable[[np.ndarray, np.ndarray], float]] = {
    "first": lambda s, t: _first(s),
    "last": lambda s, t: float(s[-1]),
    "final": lambda s, t: float(s[-1]),
    "gap": lambda s, t: float(s[-1]) - _first(s),
    "root_gap": _root_gap,
    "max": _whole(lambda s, t: np.max(s)),
    "min": _whole(lambda s, t: np.min(s)),
    "argmax": _whole(lambda s, t: t[int(np.argmax(s))]),
    "argmin": _whole(lambda s, t: t[int(np.argmin(s))]),
    "mean": _whole(lambda s, t: np.mean(s)),
}

_NAME = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*([^()]+?)\s*\)\s*$")
_LAST_K = re.compile(r"^mean_last_(\d+)$")


def _valid_reductions() -> str:
    return ", ".join([*REDUCTIONS, "mean_last_K"])


@dataclass(frozen=True)
class MetricSpec:
    """A parsed derived metric: ``reduction(column)``, with ``k`` for ``mean_last_K``.

    Examples
    --------
    >>> MetricSpec("gap", "weight_l2").name
    'gap(weight_l2)'
    >>> MetricSpec("mean_last", "test_loss", k=5).name
    'mean_last_5(test_loss)'
    """

    reduction: str
    column: str
    k: int | None = None

    @property
    def name(self) -> str:
        """The canonical spelling, ``reduction(column)``."""
        red = f"mean_last_{self.k}" if self.reduction == "mean_last" else self.reduction
        return f"{red}({self.column})"


def parse_metric(text: str, columns: Sequence[str] | None = None) -> MetricSpec:
    """Parse ``"REDUCTION(COLUMN)"``; check the column against ``columns`` when given.

    Parameters
    ----------
    text : str
        The metric, e.g. ``gap(weight_l2)`` or ``mean_last_5(test_loss)`` (K >= 1).
    columns : sequence of str or None, optional
        The table's columns; None: the column is not checked.

    Returns
    -------
    MetricSpec
        Reduction, column and K (``mean_last_K`` only, else None).

    Raises
    ------
    ValueError
        Malformed text, unknown reduction, ``mean_last_0``, or a column not in ``columns``;
        the message lists the valid choices.

    Examples
    --------
    >>> parse_metric("gap(weight_l2)")
    MetricSpec(reduction='gap', column='weight_l2', k=None)
    >>> parse_metric("mean_last_5(test_loss)").k
    5
    >>> parse_metric("median(test_loss)")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: unknown reduction 'median' in 'median(test_loss)'; use one of: ...
    """
    if not isinstance(text, str):  # parse_metric(3) was a bare TypeError (2026-12-07 audit)
        raise UsageError(f"a metric is text such as 'final(train_acc)', got {text!r}")
    shown = repr(shortened(text))  # a metric of thousands of characters is quoted by its ends
    m = _NAME.match(text)
    if not m:
        raise UsageError(f"cannot read metric {shown}; write REDUCTION(COLUMN), "
                         f"e.g. gap(weight_l2), with REDUCTION one of: {_valid_reductions()}")
    red, col = m.group(1), m.group(2)
    k = None
    last_k = _LAST_K.match(red)
    if last_k:
        digits = last_k.group(1).lstrip("0") or "0"  # int()'s limit counts leading zeros too
        column = shortened(col)
        if len(digits) > 4300:  # int() of them raised ValueError: status 70
            raise UsageError(f"'mean_last_{digits[:12]}…({column})': K has more than 4300 "
                             f"digits; a K above the number of logged steps means all of them, "
                             f"e.g. mean_last_1000({column})")
        k = int(digits)
        if k < 1:
            raise UsageError(f"{shown}: mean_last_K needs K >= 1, e.g. mean_last_5({column})")
        red = "mean_last"
    elif red not in REDUCTIONS:
        raise UsageError(f"unknown reduction {shortened(red)!r} in {shown}; use one of: "
                         f"{_valid_reductions()}")
    if columns is not None and col not in columns:
        raise UsageError(f"unknown column {shortened(col)!r} in {shown}; the table has: "
                         f"{', '.join(map(str, columns))}")
    return MetricSpec(red, col, k)


def reduce_series(spec: MetricSpec | str, values, steps=None) -> float:
    """Apply one reduction to one series (``steps`` default to 0, 1, ...); see the module doc for
    what is dropped (only NaN entries, only by the whole-series reductions).

    Parameters
    ----------
    spec : MetricSpec or str
        The metric; a string is read by :func:`parse_metric`.
    values : array_like
        The series, 1-D.
    steps : array_like or None, optional
        The steps of ``values`` (same length; sorted before reducing); default 0, 1, ....

    Returns
    -------
    float
        The reduced value; NaN for an empty series.

    Examples
    --------
    >>> reduce_series("gap(w)", [3.0, 4.0, 5.0])
    2.0
    >>> reduce_series("root_gap(w)", [3.0, float("nan"), 5.0])
    4.0
    >>> reduce_series("root_gap(w)", [5.0, 3.0])
    -4.0
    >>> reduce_series("argmax(w)", [1.0, 9.0, 2.0], steps=[0, 10, 20])
    10.0
    >>> reduce_series("mean_last_2(w)", [1.0, 2.0, 4.0])
    3.0
    >>> nan = float("nan")  # a run that diverged after its second log
    >>> reduce_series("last(w)", [1.0, 2.0, nan]), reduce_series("max(w)", [1.0, 2.0, nan])
    (nan, 2.0)
    >>> reduce_series("gap(w)", [1.0, 2.0, float("inf")])
    inf
    """
    spec = parse_metric(spec) if isinstance(spec, str) else spec
    values = np.asarray(values, dtype=float)  # (T,)
    steps = np.arange(len(values), dtype=float) if steps is None else np.asarray(steps, float)
    if values.shape != steps.shape:
        raise UsageError(f"values and steps differ in length ({values.shape} vs {steps.shape})")
    if len(values) == 0:
        return float("nan")
    order = np.argsort(steps, kind="stable")
    values, steps = values[order], steps[order]
    with np.errstate(over="ignore", invalid="ignore"):  # inf − inf is NaN, as it should be
        if spec.reduction == "mean_last":
            return float(np.mean(values[-spec.k:]))
        return REDUCTIONS[spec.reduction](values, steps)


def _run_keys(table: pd.DataFrame, by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        for cand in ("run_id", "run", "member"):
            if cand in table.columns:
                return [cand]
        raise UsageError("cannot tell runs apart: the table has no run_id, run or member column; "
                         "pass by=[...] naming the columns that identify a run")
    keys = [by] if isinstance(by, str) else list(by)
    missing = [k for k in keys if k not in table.columns]
    if missing:
        raise UsageError(f"grouping column(s) {missing} not in the table; it has: "
                         f"{', '.join(map(str, table.columns))}")
    return keys


def apply_metrics(table: pd.DataFrame, metrics: Sequence[str], *,
                  by: str | Sequence[str] | None = None, step: str = "step") -> pd.DataFrame:
    """Reduce a tidy table (one row per run × step) to one row per run.

    The result holds the run key(s), every other column that is constant within each run (the
    sweep parameter, seeds, width, ...), and one column per metric, named as written canonically
    (``gap(weight_l2)``). ``by`` defaults to ``run_id``, else ``run``, else ``member``.

    Parameters
    ----------
    table : pandas.DataFrame
        The tidy table; it must have the ``step`` column.
    metrics : sequence of str
        At least one metric, each read by :func:`parse_metric` against the table's columns.
    by : str or sequence of str or None, optional
        Column(s) identifying a run (default: see above).
    step : str, optional
        The step column's name (default ``"step"``).

    Returns
    -------
    pandas.DataFrame
        One row per run, sorted by the run key(s).

    Examples
    --------
    >>> t = pd.DataFrame({"run_id": [0, 0, 1, 1], "step": [0, 10, 0, 10], "n": [50, 50, 99, 99],
    ...                   "weight_l2": [3.0, 5.0, 2.0, 2.5]})
    >>> apply_metrics(t, ["gap(weight_l2)", "root_gap(weight_l2)"])
       run_id   n  gap(weight_l2)  root_gap(weight_l2)
    0       0  50             2.0                  4.0
    1       1  99             0.5                  1.5
    """
    if not isinstance(table, pd.DataFrame):  # None was a bare AttributeError (2026-12-05 review)
        raise UsageError(f"apply_metrics needs a pandas DataFrame, got {type(table).__name__}")
    if isinstance(metrics, str):  # read letter by letter: "cannot read metric 'g'"
        raise UsageError(f"metrics must be a list of texts, got {metrics!r}; write "
                         f"[{metrics!r}]")
    if step not in table.columns:
        raise UsageError(f"the table has no {step!r} column; pass step=... naming the step column")
    keys = _run_keys(table, by)
    if not metrics:
        raise UsageError("no metrics asked for; name at least one, e.g. gap(weight_l2)")
    specs = [parse_metric(m, table.columns) for m in metrics]
    for spec in specs:  # a text column failed deep in pandas (status 70, 2026-12-03 audit);
        column = table[spec.column]  # true/false reduce as 1/0 (mean(active): the live share)
        if not (pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column)):
            raise UsageError(f"metric {spec.name!r} reduces {spec.column!r}, whose values are "
                             "not numbers (text or lists); reduce a numeric column")
    grouped = table.groupby(keys, sort=True, dropna=False)
    others = [c for c in table.columns if c not in keys and c != step]
    per_run_unique = grouped[others].nunique(dropna=False) if others else None
    constant = [c for c in others if (per_run_unique[c] == 1).all()]
    names = [s.name for s in specs]
    rows = []
    for key, group in grouped:
        key = key if isinstance(key, tuple) else (key,)
        row = dict(zip(keys, key, strict=True))
        row.update({c: group[c].iloc[0] for c in constant if c not in names})
        for spec in specs:
            row[spec.name] = reduce_series(spec, group[spec.column].to_numpy(float),
                                           group[step].to_numpy(float))
        rows.append(row)
    return pd.DataFrame(rows)
