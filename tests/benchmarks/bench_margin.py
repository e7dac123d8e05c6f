"""Benchmark of the decided-label margin (not a test: run it by hand; figures in
docs/benchmarks.md, "the cost of the decided-label margin").

    .venv/bin/python tests/benchmarks/bench_margin.py            # 6 alternating pairs
    .venv/bin/python tests/benchmarks/bench_margin.py --pairs 10

A search-like run (40 members, M = 8 random map, width 24, 600 full-batch steps, early stop, one
torch thread) trained alternately with the engine's count
(:func:`empirical.engine.observables.correct_count`, margin 1e-5) and with the strict argmax count
it replaced (swapped into the trainer's modules), so that machine drift slows both alike; prints
both medians and their ratio.
"""

import argparse
import json
import statistics
import time

import torch

import empirical.engine.fullbatch as fullbatch
import empirical.engine.train as train
from empirical.engine.config import RunConfig
from empirical.engine.observables import correct_count
from empirical.engine.run import run_training


def strict_count(logits: torch.Tensor, y: torch.Tensor,
                 counted: torch.Tensor | None = None) -> torch.Tensor:
    """The count before 2026-12-01, two classes: the label's logit strictly the larger; only
    the ``counted`` points, as the engine's count (the trainer passes the mask since 2026-12-03:
    this script failed with a TypeError until 2026-12-05)."""
    l0, l1 = logits[:, :, 0], logits[:, :, 1]
    one = y == 1
    hit = torch.lt(l0, l1).logical_and_(one)
    hit = hit.logical_or_(torch.lt(l1, l0).logical_and_(one.logical_not_()))
    if counted is not None:
        hit.logical_and_(counted)
    return hit.sum(dim=1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=6)
    args = parser.parse_args()
    if args.pairs < 1:
        parser.error(f"--pairs must be at least 1, got {args.pairs}")
    torch.set_num_threads(1)
    cfg = RunConfig().override([
        "data.kind='boolean'", "data.inputs=8", "data.function='random'", "model.depth=1",
        "model.width=24", "train.steps=600", "train.log_every=25", "train.early_stop=true",
        "train.lr=0.003", "ensemble=40"])
    times: dict[str, list[float]] = {"strict": [], "margin": []}
    for _ in range(args.pairs):
        for name, count in (("strict", strict_count), ("margin", correct_count)):
            fullbatch.correct_count = train.correct_count = count
            start = time.perf_counter()
            run_training(cfg)
            times[name].append(time.perf_counter() - start)
    medians = {k: statistics.median(v) for k, v in times.items()}
    print(json.dumps({"seconds": times, "median_s": medians,
                      "margin_over_strict": medians["margin"] / medians["strict"]}, indent=2))
