"""Benchmark of single search ensembles (not a test: run it by hand; figures in
docs/benchmarks.md, "the trainer's per-step overhead").

    .venv/bin/python tests/benchmarks/bench_search_ensembles.py --out now.json
    # the same ensembles on an older commit, checked out in a git worktree:
    git worktree add /tmp/old 626553d
    PYTHONPATH=/tmp/old .venv/bin/python tests/benchmarks/bench_search_ensembles.py --out old.json
    .venv/bin/python tests/benchmarks/bench_search_ensembles.py --compare old.json now.json

Trains, on one thread in this process, a few ensembles exactly as ``memcap compare``'s searches
build them (``empirical.search.rounds.make_task`` with compare's options: 5 trials × the
learning rates 0.01 and 0.03, 1000 steps): failing and partly passing ones (M = 10 width 45,
M = 8 widths 10–14, M = 7, 6 and 4) and fully passing ones (every member stops early). Prints
and writes the best of ``--repeats`` wall times of each, with every member's success and stop
step; ``--compare`` prints the ratios of two such files and whether the outcomes are equal.
"""

import argparse
import json
import os
import time

import torch

CASES = [  # (M, depth, widths)
    (10, 1, [45]), (8, 1, [10, 12, 14]), (6, 1, [3, 4, 5, 6]), (4, 2, [1, 2, 3, 4, 5]),
    (7, 1, [5, 6, 7]),
    (6, 1, [16, 20]), (8, 1, [40]), (5, 2, [8, 10]),  # every member stops early
]


def measure(repeats: int) -> dict:
    from empirical.search.rounds import make_task, train_task
    from empirical.search.size import SearchOptions, SearchTarget

    out = {}
    for m, depth, widths in CASES:
        task = make_task(SearchTarget(inputs=m).data_config(), widths, 5, (1e-2, 3e-2),
                         SearchOptions.of(steps=1000, depth=depth))
        train_task(task)  # warm-up
        best, res = float("inf"), None
        for _ in range(repeats):
            t0 = time.perf_counter()
            res = train_task(task)
            best = min(best, time.perf_counter() - t0)
        out[f"M={m} depth={depth} widths={widths}"] = {
            "seconds": best, "success": res.success.tolist(),
            "stop_step": res.stop_step.tolist()}
        print(f"M={m} depth={depth} widths={widths}: {best:.3f} s", flush=True)
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", help="write the measurements as JSON here")
    parser.add_argument("--compare", nargs=2, metavar=("OLD", "NEW"),
                        help="print NEW's speed-up over OLD instead of measuring")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error(f"--repeats must be at least 1, got {args.repeats}")
    for path in args.compare or ():
        if not os.path.isfile(path):
            parser.error(f"--compare: {path!r} is not a file")
    if args.out and not os.access(os.path.dirname(os.path.abspath(args.out)), os.W_OK):
        # checked before measuring: the measurements were lost to a traceback after the work
        parser.error(f"--out: cannot write {args.out!r} (its folder is missing or read-only)")
    if args.compare:
        try:
            old, new = (json.load(open(path)) for path in args.compare)
            rows = [(key, old[key], new[key]) for key in old]
            lines = [f"{key}: {a['seconds']:.3f} s -> {b['seconds']:.3f} s, "
                     f"{a['seconds'] / b['seconds']:.2f}x, same outcomes: "
                     f"{all(a[f] == b[f] for f in ('success', 'stop_step'))}"
                     for key, a, b in rows]
        except (ValueError, KeyError, TypeError, AttributeError, ZeroDivisionError) as exc:
            parser.error(f"--compare: not two measurement files of this script with the same "
                         f"cases ({type(exc).__name__}: {exc})")
        print("\n".join(lines))
    else:
        torch.set_num_threads(1)
        data = measure(args.repeats)
        if args.out:
            with open(args.out, "w") as fh:
                json.dump(data, fh, indent=1)
