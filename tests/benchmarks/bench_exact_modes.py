"""The exact search's CP-SAT modes side by side (not a test: run it by hand; figures in
docs/benchmarks.md).

    .venv/bin/python tests/benchmarks/bench_exact_modes.py                 # the eight rows
    .venv/bin/python tests/benchmarks/bench_exact_modes.py --rows 2 --repeats 1

``exact_minimum(make_function(name, M, seed=s), arch, time_limit=120, workers=w)`` in three
modes, alternating function by function and repeat by repeat in one process, so that each
ratio pairs runs taken moments apart on the same load: **interleaved** (memcap's default, two
workers, deterministic: since 2026-12-06 one worker for ``solver.ONE_WORKER_FIRST`` units of
deterministic work, then two workers' strategies in one deterministic schedule; before, the
schedule alone), **racing** (two workers racing:
``solve_size(deterministic=False)``, what memcap ran before 2026-12-05) and **one** (one
worker). Prints one JSON line per row with each mode's median seconds and minimum, and the
paired median ratios racing ÷ interleaved and one ÷ interleaved.
"""

import argparse
import functools
import json
import os
import time

import numpy as np

import constructions.exact.search as search
from constructions.families import make_function

#: (family, M, seed, arch). Every row searches with CP-SAT past one neuron: since 2026-12-06
#: the certified table answers every M <= 4 map at once (``shipped_lower_bound``), so the four
#: M = 4 rows of the docs' table of 2026-12-05 (random seed 3, parity) timed ~10 ms of equal
#: work in every mode (bench review); random M = 5 seeds 3 and 4 replace them.
ROWS = [("random", 5, 1, "any-depth"), ("random", 5, 1, "layered"),
        ("random", 5, 3, "any-depth"), ("random", 5, 3, "layered"),
        ("random", 5, 4, "any-depth"), ("random", 5, 4, "layered"),
        ("random", 5, 2, "any-depth"), ("random", 5, 2, "layered")]

#: mode -> (workers, deterministic)
MODES = {"interleaved": (2, True), "racing": (2, False), "one": (1, True)}


def run(function, arch: str, mode: str, time_limit: float) -> tuple[float, int, bool]:
    """Seconds, the upper end found and whether it is exact, for one search in ``mode``."""
    workers, deterministic = MODES[mode]
    real = search.solve_size
    search.solve_size = functools.partial(real, deterministic=deterministic)
    try:
        t = time.perf_counter()
        result = search.exact_minimum(function, arch, time_limit=time_limit, workers=workers)
        return time.perf_counter() - t, result.upper, result.exact
    finally:
        search.solve_size = real


def measure(rows: int, repeats: int, time_limit: float):
    """Yield one dict per row: each mode's seconds (median of ``repeats``), its minimum and the
    paired median ratios against the interleaved mode."""
    for family, m, seed, arch in ROWS[:rows]:
        function = make_function(family, m, seed=seed) if seed is not None else \
            make_function(family, m)
        seconds = {mode: [] for mode in MODES}
        found = {}
        for r in range(repeats):
            order = list(MODES)
            for mode in order[r % 3:] + order[:r % 3]:  # rotated, so no mode always runs first
                s, upper, exact = run(function, arch, mode, time_limit)
                seconds[mode].append(s)
                found[mode] = (upper, exact)
        yield {"function": f"{family} M={m}" + (f" seed {seed}" if seed is not None else ""),
               "arch": arch, "load_avg": round(os.getloadavg()[0], 2),
               "minimum": {mode: found[mode] for mode in MODES},
               "median_s": {mode: round(float(np.median(v)), 3) for mode, v in seconds.items()},
               **{f"{mode}_over_interleaved": round(float(np.median(
                   [a / b for a, b in zip(seconds[mode], seconds["interleaved"], strict=True)])), 3)
                  for mode in ("racing", "one")}}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=len(ROWS), help="first rows of the table")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=120.0)
    args = parser.parse_args()
    if not 1 <= args.rows <= len(ROWS):
        parser.error(f"--rows must lie in 1..{len(ROWS)}, got {args.rows}")
    if args.repeats < 1 or args.time_limit <= 0:
        parser.error("--repeats must be at least 1 and --time-limit positive")
    # one untimed search first: the process's lazy imports (the first build's DNF cover,
    # CP-SAT) took ~1 s, charged to whichever mode ran first (bench review, 2026-12-06)
    search.exact_minimum(make_function("random", 4, seed=0), "any-depth", time_limit=30)
    for row in measure(args.rows, args.repeats, args.time_limit):
        print(json.dumps(row), flush=True)
