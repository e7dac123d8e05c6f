"""Trained-capacity search: the smallest network gradient descent trains to memorise a target.

For a target (a random or named Boolean function on all 2^M inputs, an explicit truth table, or n
random points with V classes) and an architecture family (L hidden layers of width h, or a
parameter budget P from which the width is derived for depth L), a candidate size is trained S
times (new data draw and new init per trial) under each learning rate of a small grid. A trial
succeeds when train accuracy reaches the dataset's best achievable within the step budget. The
candidate's success count is the best over the learning rates (the lr with the most successes
wins, ties to the smaller lr), with a Wilson interval. The needed size is the smallest size with
success rate ≥ p, found by an exponential bracket (several doublings per round) and then k-section
on the integer widths (several interior points per round). Every round's candidates × seeds are
trained as batched ensembles (one per width group, every learning rate of the grid in it;
:mod:`empirical.search.rounds`) through an executor.

Non-monotone rates (success is only statistically monotone in size): after every round the
bracket is recomputed from everything measured: ``lo`` = the largest measured size with rate < p,
``hi`` = the smallest measured size above ``lo`` with rate ≥ p. The search ends when ``hi`` and
``lo`` are adjacent widths (or ``hi`` is width 1 and nothing failed), so the reported size passes,
the size just below it fails, and every measured size above it passes. Sizes below ``lo`` that
passed by luck are kept in the table and listed in ``SearchResult.violations``; nothing is
re-trained.

References
----------
E. B. Wilson, JASA 22:209–212 (1927) — the interval. Z. Liu, "Memory 1" (2026) and the pluskid
notes on the learning-rate-drop effect — why the lr is searched per size. T. M. Cover, IEEE Trans.
Electron. Comput. EC-14:326–334 (1965) — 2 bits per parameter of one threshold unit.
"""

from __future__ import annotations

from collections.abc import Callable

from empirical.search.options import SearchOptions, SearchResult
from empirical.search.plan import run_search
from empirical.search.target import SearchTarget

__all__ = ["search_size"]


def search_size(target: SearchTarget, options: SearchOptions, executor=None,
                progress: bool | str | Callable[[int, int], None] | None = None, *,
                worker: Callable | None = None, curves: bool = False) -> SearchResult:
    """Find the smallest size whose success rate reaches ``options.success_rate``.

    Parameters
    ----------
    target, options : SearchTarget, SearchOptions
    executor : Executor, optional
        :mod:`empirical.engine.executor` (default in-process). Each round maps its ensembles at
        once.
    progress : bool, str or callable, optional
        True/label: the executor's bar per round; callable: ``progress(done, total)`` in
        ensembles, ``total`` growing as rounds are planned.
    worker : callable, optional
        Replaces :func:`empirical.search.rounds.train_task` (tests inject a success oracle).
    curves : bool, default False
        Keep every trained member's logged metrics (``SearchResult.curves``: ``metrics.csv``
        of the search's folder), up to :data:`empirical.search.plan.CURVE_ROWS_LIMIT` rows.

    Examples
    --------
    >>> res = search_size(SearchTarget(table="0001"), SearchOptions.of(seeds=2, lrs=(0.05,),
    ...                   steps=200, start=2, bracket_steps=1))
    >>> res.needed.width, [c.width for c in res.candidates]  # AND: one unit suffices
    (1, [1, 2, 4])
    """
    return run_search(target, options, executor, progress, worker, curves)
