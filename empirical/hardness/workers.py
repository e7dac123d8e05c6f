"""Search workers for models the engine's :func:`~empirical.engine.run.run_training` does not
build: the densely connected MLP, and the stacked MLP with its initialisation scaled.

Each takes a :class:`~empirical.search.rounds.SearchTask` and returns what
:func:`~empirical.search.rounds.train_task` returns (per-member ``success`` and ``stop_step``,
by the same rule, :func:`~empirical.search.rounds.member_outcomes`), so
``search_size(..., worker=...)`` uses them unchanged. Pass the scale with
``functools.partial(scaled_train_task, scale=s)`` (picklable, so Dask executors work too).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import torch

from capacity.errors import UsageError
from empirical.engine.data import make_dataset
from empirical.engine.dense import BatchedDenseMLP
from empirical.engine.ensemble import BatchedMLP
from empirical.engine.run import RunResult, resolve_device
from empirical.engine.train import train_ensemble
from empirical.search.rounds import SearchTask, member_outcomes, train_task

__all__ = ["dense_train_task", "scaled_train_task", "train_built"]


def train_built(task: SearchTask, build: Callable) -> dict:
    """Train ``task.config``'s members on their datasets with the ensemble
    ``build(d_in, classes, depth, widths, init_seeds, activation, bias, dtype, device)``;
    return the worker dict (``success``, ``stop_step``, ``wall_s``).

    Examples
    --------
    >>> from empirical.search.rounds import make_task
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> t = make_task(SearchTarget(table="0001").data_config(), [1], 2, 0.05,
    ...               SearchOptions.of(steps=200))
    >>> train_built(t, BatchedMLP)["success"].tolist() == train_task(t)["success"].tolist()
    True
    """
    cfg = task.config
    start = time.perf_counter()
    device, dtype = resolve_device(cfg.device), getattr(torch, cfg.dtype)
    members = cfg.members()
    datasets = [make_dataset(cfg.data, seed=s, dtype=dtype) for _, s, _ in members]
    x_tr = torch.stack([d.x_train for d in datasets]).to(device)  # (K, n, d)
    y_tr = torch.stack([d.y_train for d in datasets]).to(device)  # (K, n)
    x_te = torch.stack([d.x_test for d in datasets]).to(device)  # (K, m, d)
    y_te = torch.stack([d.y_test for d in datasets]).to(device)  # (K, m)
    net = build(x_tr.shape[2], datasets[0].classes, cfg.model.depth, [w for *_, w in members],
                [s for s, *_ in members], cfg.model.activation, cfg.model.bias, dtype, device)
    best = torch.tensor([d.best_count for d in datasets], device=device)
    log = train_ensemble(net, x_tr, y_tr, x_te, y_te, best, cfg.train, lrs=cfg.lrs or None)
    success, stop = member_outcomes(RunResult(cfg, datasets, net, log))
    return {"success": success, "stop_step": stop, "wall_s": time.perf_counter() - start}


def dense_train_task(task: SearchTask) -> dict:
    """Search worker training the members as dense MLPs (depth 0 is the linear model, the same
    in both topologies).

    Examples
    --------
    >>> from empirical.search.rounds import make_task
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> t = make_task(SearchTarget(table="0110").data_config(), [1, 2], 2, 0.1,
    ...               SearchOptions.of(steps=400))
    >>> dense_train_task(t)["success"].tolist()  # XOR: one unit with skip edges can do it
    [False, True, True, True]
    """
    if task.config.model.depth == 0:
        return train_task(task)
    return train_built(task, BatchedDenseMLP)


def scaled_train_task(task: SearchTask, scale: float = 1.0) -> dict:
    """Search worker training stacked MLPs whose initial weights and biases are multiplied by
    ``scale`` (``nn.Linear``'s default init × scale; 1 is the engine's own run).

    Examples
    --------
    >>> from empirical.search.rounds import make_task
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> t = make_task(SearchTarget(table="0110").data_config(), [2, 4], 2, 0.1,
    ...               SearchOptions.of(steps=300))
    >>> scaled_train_task(t, 1.0)["success"].tolist() == train_task(t)["success"].tolist()
    True
    >>> scaled_train_task(t, 0.0)["success"].tolist()  # all-zero start: symmetric, stuck
    [False, False, False, False]
    """
    if not (scale >= 0 and scale == scale and scale != float("inf")):
        raise UsageError(f"the init scale must be a finite number >= 0, got {scale!r}")

    def build(*args):
        net = BatchedMLP(*args)
        with torch.no_grad():
            net.flat.mul_(float(scale))  # (P,) every weight and bias
        return net

    return train_built(task, build)
