"""Benchmark of a search that keeps its members' training curves (``metrics.csv``; not a test:
run it by hand; figures in docs/benchmarks.md, "a search keeping its training curves").

    .venv/bin/python tests/benchmarks/bench_search_curves.py            # 6 alternating pairs
    .venv/bin/python tests/benchmarks/bench_search_curves.py --pairs 10 --inputs 10

The default search of a random map (:func:`empirical.search.size.search_size` with
``SearchOptions.of()``, one torch thread, in-process) timed plain and with ``curves=True``
alternately after one warm-up, so that machine drift slows both alike; prints both series, their
medians and least times, the curve rows kept, and checks that the two answers agree.
"""

import argparse
import json
import statistics
import time

import torch

from empirical.search.size import SearchOptions, SearchTarget, search_size

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=6)
    parser.add_argument("--inputs", type=int, default=8)
    args = parser.parse_args()
    if args.pairs < 1:
        parser.error(f"--pairs must be at least 1, got {args.pairs}")
    torch.set_num_threads(1)
    target, options = SearchTarget(inputs=args.inputs), SearchOptions.of()
    search_size(target, options)  # warm-up: imports and first-call costs
    times: dict[str, list[float]] = {"plain": [], "curves": []}
    answers = {}
    for _ in range(args.pairs):
        for name in ("plain", "curves"):
            start = time.perf_counter()
            result = search_size(target, options, curves=name == "curves")
            times[name].append(time.perf_counter() - start)
            answers[name] = {k: v for k, v in result.to_dict().items() if k != "wall_s"}
    if answers["plain"] != answers["curves"]:
        raise SystemExit("the search with curves gave another answer")
    medians = {k: statistics.median(v) for k, v in times.items()}
    print(json.dumps({"seconds": times, "median_s": medians,
                      "least_s": {k: min(v) for k, v in times.items()},
                      "curve_rows": len(result.curves["step"]),
                      "curves_over_plain": medians["curves"] / medians["plain"]}, indent=2))
