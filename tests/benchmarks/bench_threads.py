"""1 against 2 torch threads on small and large training steps (not a test: run it by hand).

    .venv/bin/python tests/benchmarks/bench_threads.py --repeats 3

Interleaves 1 and 2 threads in one process — the order alternating from repeat to repeat, each
thread count warmed up untimed first (a cold first sample made one 2/1 ratio 3.9 where the warm
runs give 0.57; 2026-12-06 review) — and prints the median (best) wall-clock ms per step
of: the 64-model ensemble benchmark (a), the l2-blog model on 100, 3 200 and 25 600 points. The
trainer's thread rule (``empirical.engine.train.SMALL_STEP_FLOPS``) is switched off here, so both
thread
counts really run; figures and the decision they support are in docs/empirical.md ("Threads").
"""

import argparse
import os
import time

import numpy as np
import torch

import empirical.engine.train as train
from empirical.engine.boolean_data import boolean_dataset
from empirical.engine.config import DataConfig, TrainConfig
from empirical.engine.data import make_dataset
from empirical.engine.ensemble import BatchedMLP


def _cases():
    k = 64
    ds = [boolean_dataset(DataConfig(kind="boolean", inputs=8, outputs=1), seed=s)
          for s in range(k)]
    xa = torch.stack([d.x_train for d in ds])  # (K, 256, 8)
    ya = torch.stack([d.y_train for d in ds])  # (K, 256)
    out = {"a: 64 x (8-32-2), n=256": (xa, ya, torch.full((k,), 256), 8, 2, 1, [32] * k, 300)}
    for n, steps in ((100, 300), (3200, 60), (25600, 10)):
        d = make_dataset(DataConfig(n_train=n, n_test=0, seed=9266))
        out[f"l2-blog n={n}"] = (d.x_train[None], d.y_train[None], torch.tensor([d.best_count]),
                                 9, 17, 2, [100], steps)
    return out


def main(repeats: int) -> None:
    train.SMALL_STEP_FLOPS = 0  # measure what the thread counts do, not the rule
    cases = _cases()
    res = {name: {1: [], 2: []} for name in cases}

    def step_ms(case) -> float:
        x, y, best, d, v, depth, widths, steps = case
        net = BatchedMLP(d, v, depth, widths, list(range(len(widths))))
        t = time.perf_counter()
        train.train_ensemble(net, x, y, x[:, :0], y[:, :0], best,
                             TrainConfig(steps=steps, log_every=steps, lr=1e-2))
        return (time.perf_counter() - t) / steps * 1e3

    for threads in (1, 2):  # warm-up, untimed: each thread count's pool and caches
        torch.set_num_threads(threads)
        for case in cases.values():
            step_ms(case)
    for r in range(repeats):
        for threads in ((1, 2) if r % 2 == 0 else (2, 1)):  # neither always goes first
            torch.set_num_threads(threads)
            for name, case in cases.items():
                res[name][threads].append(step_ms(case))
    print("load average", os.getloadavg())
    for name, r in res.items():
        m1, m2 = np.median(r[1]), np.median(r[2])
        print(f"{name:26s} 1 thread {m1:8.3f} ({min(r[1]):.3f}) ms/step   2 threads {m2:8.3f} "
              f"({min(r[2]):.3f}) ms/step   2/1 = {m2 / m1:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    repeats = parser.parse_args().repeats
    if repeats < 1:
        parser.error(f"--repeats must be at least 1, got {repeats}")
    main(repeats)
