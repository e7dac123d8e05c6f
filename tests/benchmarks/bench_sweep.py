"""Benchmark of the sweep driver (not a test: run it by hand; figures in docs/benchmarks.md).

    .venv/bin/python tests/benchmarks/bench_sweep.py              # l2-blog-sweep, 1000 steps
    .venv/bin/python tests/benchmarks/bench_sweep.py --quick      # 100 steps, sizes 50..3200
    .venv/bin/python tests/benchmarks/bench_sweep.py --dask-workers 0  # in-process only
    .venv/bin/python tests/benchmarks/bench_sweep.py --dask-workers 0 --threads 1 --sizes 50,100

Same measurement as ``memcap bench sweep --json`` and ``python -m empirical.bench.sweep``
(empirical.bench.sweep.bench_sweep):
the ten l2-blog-sweep runs through ``memcap sweep`` (in-process, and on a 2-worker local Dask
cluster) against a plain nn.Sequential + Adam + F.cross_entropy script training them one after
another; achieved matmul FLOP/s against the torch.mm peak.
"""

from empirical.bench.sweep import main

if __name__ == "__main__":
    main()
