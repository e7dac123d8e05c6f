"""Benchmark of the constructions: build plus exhaustive verification time.

Cases (random functions, fixed seeds): ``depth3`` at M = 20 (target: under 10 s), ``lookup``
at M = 16 (target: under 30 s) and ``hall`` at M = 20 (the optimal-order construction; target:
under 60 s). Each case reports build seconds, verification seconds, the peak
memory traced by :mod:`tracemalloc` during a separate verification run, and the inputs × edges
evaluated per second (``2^M × edges / verification seconds``; the factored engine does far fewer
arithmetic operations than that, which is the point of it).
"""

from __future__ import annotations

import statistics
import time
import tracemalloc

from capacity.errors import UsageError
from capacity.machine import load_average
from constructions.builders import build
from constructions.families import make_function
from constructions.verify import verify

__all__ = ["CASES", "bench_constructions", "engine_ratios"]

#: (method, M, seed) of every benchmark case.
CASES = (("depth3", 20, 0), ("lookup", 16, 0), ("hall", 20, 0))


def bench_constructions(cases=CASES, *, engine: str = "factored", repeats: int = 1,
                        memory: bool = True, progress=None) -> list[dict]:
    """Time ``build`` + exhaustive ``verify`` on random functions; best of ``repeats``.

    Parameters
    ----------
    cases : sequence of (method, M, seed)
    engine : {"factored", "dense"}
    repeats : int
        Timed runs per case (the fastest is kept).
    memory : bool
        Also measure the traced peak memory of verification (one more, untimed run).
    progress : callable, optional
        Called as ``progress(done, total)`` after each case (the CLI's bar).

    Returns
    -------
    list of dict
        One row per case: method, M, seed, neurons, edges, first_build_s (the first repeat's
        build, with the tables a builder makes once per process and caches), build_s, verify_s
        and total_s (the fastest repeat; with two or more repeats its build reuses those
        tables, with one it is the first build itself), peak_MiB (None with
        ``memory=False``), input_edges_per_s, ok, repeats and load_avg_start (the 1-minute
        load average before the case; None where the system does not say).

    Examples
    --------
    >>> row = bench_constructions([("depth3", 8, 0)], repeats=2)[0]
    >>> row["ok"], row["M"], row["edges"] > 0, row["repeats"], "load_avg_start" in row
    (True, 8, True, 2, True)
    """
    if isinstance(repeats, bool) or not isinstance(repeats, int) or repeats < 1:
        raise UsageError(f"repeats must be at least 1, got {repeats!r}")  # was run once
    rows = []
    for done, (method, m, seed) in enumerate(cases):
        if progress is not None:
            progress(done, len(cases))
        load = load_average()  # the figures depend on it: each row says it (bench review)
        f = make_function("random", m, seed=seed)
        best, first_build = None, None
        for _ in range(repeats):
            t0 = time.perf_counter()
            net = build(f, method)
            t1 = time.perf_counter()
            if first_build is None:  # with the builder's one-time tables (xorsys's decoder,
                first_build = t1 - t0  # gated's witness index), which later repeats reuse
            result = verify(net, f, engine=engine, force=True)  # cases are asked for by name
            t2 = time.perf_counter()
            if best is None or t2 - t0 < best[0] + best[1]:
                best = (t1 - t0, t2 - t1, net, result)
        build_s, verify_s, net, result = best
        peak = None  # not measured: null, never a made-up 0
        if memory:  # a separate, untimed run: tracing allocations slows numpy down
            tracemalloc.start()
            verify(net, f, engine=engine, force=True)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        edges = net.sizes().edges
        rows.append({
            "method": method, "M": m, "seed": seed, "engine": engine,
            "neurons": net.sizes().neurons, "edges": edges, "first_build_s": round(first_build, 3),
            "build_s": round(build_s, 3), "verify_s": round(verify_s, 3),
            "total_s": round(build_s + verify_s, 3),
            "peak_MiB": None if peak is None else round(peak / 2**20, 1),
            "input_edges_per_s": float(f"{(edges << m) / verify_s:.3g}"), "ok": result.ok,
            "repeats": repeats, "load_avg_start": load,
        })
    if progress is not None:
        progress(len(cases), len(cases))
    return rows


def engine_ratios(cases, *, repeats: int = 5) -> list[dict]:
    """The dense reference verifier against the factored one, measured in one run: for each
    case one network is built, then verified ``repeats`` times by each engine, alternately, so
    the machine's load falls on both alike.

    Parameters
    ----------
    cases : sequence of (method, M, seed)
    repeats : int
        Verifications per engine (alternating dense, factored).

    Returns
    -------
    list of dict
        One row per case: method, M, seed, dense_s and factored_s (the fastest of each),
        ratio (the median over the repeats of dense ÷ factored, each pair measured back to
        back) and ok (both engines verified the network).

    Examples
    --------
    >>> row = engine_ratios([("depth3", 8, 0)], repeats=1)[0]
    >>> row["ok"], row["ratio"] > 0
    (True, True)
    """
    if isinstance(repeats, bool) or not isinstance(repeats, int) or repeats < 1:
        raise UsageError(f"repeats must be at least 1, got {repeats!r}")
    rows = []
    for i, (method, m, seed) in enumerate(cases):
        load = load_average()
        f = make_function("random", m, seed=seed)
        net = build(f, method)
        times: dict[str, list[float]] = {"dense": [], "factored": []}
        ok = True
        if i == 0:  # each engine's one-time costs, untimed: the dense engine ran first and
            for engine in ("dense", "factored"):  # carried them (0.24 s cold against 0.07-0.09
                verify(net, f, engine=engine, force=True)  # warm at depth3 M = 14; review)
        for _ in range(repeats):
            for engine in ("dense", "factored"):
                t0 = time.perf_counter()
                ok &= verify(net, f, engine=engine, force=True).ok
                times[engine].append(time.perf_counter() - t0)
        rows.append({"method": method, "M": m, "seed": seed, "load_avg_start": load,
                     "dense_s": round(min(times["dense"]), 4),
                     "factored_s": round(min(times["factored"]), 4),
                     "ratio": round(statistics.median(
                         dense / fact for dense, fact in zip(times["dense"], times["factored"],
                                                             strict=True)), 2),
                     "ok": ok})
    return rows
