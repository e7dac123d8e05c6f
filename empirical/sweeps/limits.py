"""How many runs a sweep may hold: checked from the axis lengths, before any run is built.

Kept apart from :mod:`empirical.sweeps.spec` so that the CLI can name the limits in its help
without importing pandas.
"""

from __future__ import annotations

from capacity.errors import UsageError

__all__ = ["MAX_RUNS_WITHOUT_FORCE", "MAX_SWEEP_RUNS", "check_run_count"]

#: Largest number of runs a sweep trains without ``--force`` (counted from the axis lengths,
#: before any run is built).
MAX_RUNS_WITHOUT_FORCE = 10_000
#: Largest number of runs any sweep may have, even with ``--force``: building and checking a
#: hundred thousand run configs already takes about 20 s and half a gigabyte, before any training.
MAX_SWEEP_RUNS = 100_000


def check_run_count(count: int, limit: int | None) -> None:
    """Refuse a sweep of ``count`` runs above ``limit`` (``None``: only :data:`MAX_SWEEP_RUNS`
    holds) with one line that says how to go on.

    Parameters
    ----------
    count : int
        Runs in the sweep.
    limit : int or None
        The most runs allowed without ``--force``; None: no limit but :data:`MAX_SWEEP_RUNS`.

    Examples
    --------
    >>> check_run_count(20_000, None)
    >>> check_run_count(20_000, MAX_RUNS_WITHOUT_FORCE)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: the sweep has 20000 runs (grid × seeds), above 10000; shrink ...
    >>> check_run_count(10**7, None)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: the sweep has 10000000 runs (grid × seeds), above 100000, ...
    """
    if count > MAX_SWEEP_RUNS:
        raise UsageError(f"the sweep has {count} runs (grid × seeds), above {MAX_SWEEP_RUNS}, "
                         "the most one sweep may hold; split it into several sweeps")
    if limit is not None and count > limit:
        raise UsageError(f"the sweep has {count} runs (grid × seeds), above {limit}; shrink "
                         "the grid or pass --force")
