"""Benchmark of the empirical engine (not a test: run it by hand; figures in docs/benchmarks.md).

    .venv/bin/python tests/benchmarks/bench_train.py            # full: (a) 1000 steps, (b) 1000
    .venv/bin/python tests/benchmarks/bench_train.py --quick
    .venv/bin/python tests/benchmarks/bench_train.py --threads 1
    .venv/bin/python tests/benchmarks/bench_train.py --device cuda

Same measurement as ``memcap bench train --json`` (empirical.bench.train.bench_train): (a) 64
width-32
models on random Boolean functions of M = 8, ensemble vs a plain nn.Module loop, per-model time
ratio; (b) the l2-blog model on 25 600 points, achieved matmul FLOP/s against the torch.mm peak.
"""

import argparse
import json

import torch

from capacity.errors import UsageError
from empirical.bench.train import bench_train
from empirical.cli.parse import check_threads
from empirical.engine.run import resolve_device

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: default)")
    parser.add_argument("--device", default="cpu", help="cpu (default) or cuda")
    args = parser.parse_args()
    try:
        check_threads(args.threads)  # the CLI's limits: 0..4 per core
        resolve_device(args.device)  # a device torch cannot use: one line, exit 2
    except UsageError as exc:
        parser.error(str(exc))
    if args.threads:
        torch.set_num_threads(args.threads)
    print(json.dumps(bench_train(quick=args.quick, device=args.device), indent=2))
