"""Benchmark of dropping stopped members (not a test: run it by hand; figures in
docs/benchmarks.md).

    .venv/bin/python tests/benchmarks/bench_drop_stopped.py              # M = 10, twice
    .venv/bin/python tests/benchmarks/bench_drop_stopped.py --inputs 8 --repeats 3

Runs the trained-size searches of ``memcap compare`` at one M (depth 1 and 2, default settings)
in this process on one thread, with ``empirical.engine.train.DROP_STOPPED`` off and then on,
``--repeats`` times, and prints the seconds of each and their ratio (measured back to back, so
the ratio does not depend on how busy the machine was between runs). The needed widths must be
the same both ways.
"""

import argparse
import json
import time

import torch

import empirical.engine.train as train
from empirical.compare.compute import search_jobs
from empirical.compare.config import CompareConfig
from empirical.search.size import search_size

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    if args.repeats < 1 or not 1 <= args.inputs <= 12:
        parser.error(f"--repeats must be at least 1 and --inputs in 1..12, got {args.repeats} "
                     f"and {args.inputs}")
    torch.set_num_threads(1)
    jobs = search_jobs(CompareConfig(inputs=(args.inputs,), depth_inputs=(), points=()))
    for _ in range(args.repeats):
        row = {}
        for drop in (False, True):
            train.DROP_STOPPED = drop
            t0 = time.perf_counter()
            needed = [search_size(j.target, j.options).needed.width for j in jobs]
            row["drop" if drop else "keep"] = {"seconds": time.perf_counter() - t0,
                                               "needed_widths": needed}
        row["ratio"] = row["keep"]["seconds"] / row["drop"]["seconds"]
        assert row["keep"]["needed_widths"] == row["drop"]["needed_widths"]
        print(json.dumps(row), flush=True)
