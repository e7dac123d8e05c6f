"""Benchmark of the exact counting: T(n) enumeration and the seed-question answer table.

Run ``python -m capacity.benchmark [MAX_N]``; prints one Markdown table row per measurement
(best of 3 wall-clock runs for T(n), one run for the answer table).

Examples
--------
>>> rows = threshold_timings(3, repeats=1)
>>> [r["T(n)"] for r in rows]
[4, 14, 104]
"""

from __future__ import annotations

import time

from capacity.answer import answer_rows
from capacity.counting import threshold_count

__all__ = ["answer_timing", "threshold_timings"]


def threshold_timings(max_n: int = 5, repeats: int = 3) -> list[dict]:
    """Best-of-``repeats`` wall-clock seconds of :func:`threshold_count` for n = 1..max_n.

    Parameters
    ----------
    max_n : int, default 5
        Largest n timed; rows for n = 1..max_n (none when ``max_n < 1``). Cost grows steeply
        with n (see :func:`threshold_count`).
    repeats : int, default 3
        Runs per n; the fastest is kept (with 0 runs a row has ``T(n)`` None and infinite
        seconds).

    Returns
    -------
    list of dict
        One dict per n with keys ``"n"``, ``"T(n)"`` (the count) and ``"seconds"`` (float).

    Examples
    --------
    >>> threshold_timings(1, repeats=1)[0]["n"]
    1
    """
    rows = []
    for n in range(1, max_n + 1):
        best, value = float("inf"), None
        for _ in range(repeats):
            start = time.perf_counter()
            value = threshold_count(n)
            best = min(best, time.perf_counter() - start)
        rows.append({"n": n, "T(n)": value, "seconds": best})
    return rows


def answer_timing(max_inputs: int = 20) -> float:
    """Wall-clock seconds to compute the seed-question table for M = 1..max_inputs.

    Examples
    --------
    >>> answer_timing(3) < 60
    True
    """
    start = time.perf_counter()
    answer_rows(max_inputs)
    return time.perf_counter() - start


if __name__ == "__main__":  # pragma: no cover
    import argparse

    parser = argparse.ArgumentParser(description="T(n) enumeration and answer-table timings")
    parser.add_argument("max_n", type=int, nargs="?", default=6, help="largest n (1..6)")
    max_n = parser.parse_args().max_n
    if not 1 <= max_n <= 6:  # 0 printed an empty table; beyond 6 the enumeration never ends
        parser.error(f"max_n must be in 1..6, got {max_n}")
    print("| n | T(n) | seconds (best of 3) |\n|---:|---:|---:|")
    for row in threshold_timings(max_n):
        print(f"| {row['n']} | {row['T(n)']} | {row['seconds']:.4f} |")
    print(f"\nanswer table M = 1..20: {answer_timing(20):.1f} s")
