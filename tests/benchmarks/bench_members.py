"""Members trained per second by the ensemble trainer (not a test: run it by hand; figures in
docs/benchmarks.md).

    .venv/bin/python tests/benchmarks/bench_members.py --device cuda            # M = 8 and 16
    .venv/bin/python tests/benchmarks/bench_members.py --device cpu --steps 20  # the CPU beside it

K one-hidden-layer width-32 ReLU MLPs, each on all 2^M points of its own random Boolean function
(bench (a)'s model), Adam at lr 0.01 for ``--steps`` full-batch steps with no early stop: the
wall time of the synchronised training (after a 3-step warm-up that takes the one-time costs
out), member-steps per second, and members per second for a 1 000-step budget (the search's
default), with the matmul FLOP/s of the steps (``empirical.bench.train.mlp_step_flops``).
"""

import argparse
import json
import time

from empirical.bench.train import _sync, boolean_members, mlp_step_flops
from empirical.engine.config import TrainConfig
from empirical.engine.ensemble import BatchedMLP
from empirical.engine.train import train_ensemble


def members_per_second(inputs: int, members: int, steps: int, device: str, width: int = 32
                       ) -> dict:
    """Train ``members`` models on M = ``inputs`` for ``steps`` steps; return the timings."""
    x, y, best = boolean_members(inputs, members, device)
    n = x.shape[1]

    def run(n_steps: int) -> float:
        net = BatchedMLP(inputs, 2, 1, [width] * members, list(range(members)), device=device)
        cfg = TrainConfig(optimizer="adam", lr=1e-2, steps=n_steps, log_every=n_steps)
        _sync(device)
        t = time.perf_counter()
        train_ensemble(net, x, y, x[:, :0], y[:, :0], best, cfg)
        _sync(device)
        return time.perf_counter() - t

    run(3)  # one-time costs: kernels, allocator, lazy imports
    wall = run(steps)
    flops = mlp_step_flops(n, [inputs, width, 2]) * members * steps
    return {"device": device, "inputs": inputs, "points": n, "members": members, "width": width,
            "steps": steps, "wall_s": wall, "member_steps_per_s": members * steps / wall,
            "members_per_s_at_1000_steps": members * steps / wall / 1000,
            "matmul_gflops": flops / wall / 1e9}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cpu", choices=("cpu", "cuda"))
    parser.add_argument("--inputs", default="8,16", help="comma-separated M values")
    parser.add_argument("--members", type=int, default=64)
    parser.add_argument("--steps", type=int, default=1000)
    args = parser.parse_args()
    # bad settings were tracebacks with status 1 (2026-12-05 bench review): argparse's usage
    # error, status 2, before any work, as the other benchmark scripts
    try:
        inputs = [int(v) for v in args.inputs.split(",")]
    except ValueError:
        parser.error(f"--inputs must be comma-separated integers, got {args.inputs!r}")
    if not all(1 <= m <= 20 for m in inputs):
        parser.error(f"--inputs must lie in 1..20, got {args.inputs!r}")
    if args.members < 1 or args.steps < 1:
        parser.error("--members and --steps must be at least 1")
    if args.device == "cuda":
        import torch

        if not torch.cuda.is_available():
            parser.error("--device cuda: no CUDA device here")
    for m in inputs:
        print(json.dumps(members_per_second(m, args.members, args.steps, args.device)),
              flush=True)
