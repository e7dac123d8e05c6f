"""Benchmark of the sweep driver (not a test: run it by hand; figures in docs/benchmarks.md).

    .venv/bin/python tests/benchmarks/bench_sweep.py              # l2-blog-sweep, 1000 steps
    .venv/bin/python tests/benchmarks/bench_sweep.py --quick      # 100 steps, sizes 50..3200
    .venv/bin/python tests/benchmarks/bench_sweep.py --dask-workers 0  # in-process only

Same measurement as ``memcap bench sweep --json`` and ``python -m empirical.bench.sweep``
(empirical.bench.sweep.bench_sweep):
the ten l2-blog-sweep runs through ``memcap sweep`` (in-process, and on a 2-worker local Dask
cluster) against a plain nn.Sequential + Adam + F.cross_entropy script training them one after
another; achieved matmul FLOP/s against the torch.mm peak.
"""

import argparse
import json

from empirical.bench.sweep import bench_sweep

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--dask-workers", "--workers", dest="workers", type=int, default=2)
    args = parser.parse_args()
    sizes = [50 * 2**i for i in range(7)] if args.quick else None
    print(json.dumps(bench_sweep(100 if args.quick else args.steps, sizes, args.workers),
                     indent=2))
