"""Search workers of the hardness study: the stacked ReLU MLP with a margin check, the densely
connected MLP, and the stacked MLP with its initialisation scaled.

Each takes a :class:`~empirical.search.rounds.SearchTask` and returns what
:func:`~empirical.search.rounds.train_task` returns (per-member ``success`` and ``stop_step``),
so ``search_size(..., worker=...)`` uses them unchanged. Pass the scale with
``functools.partial(scaled_train_task, scale=s)`` (picklable, so Dask executors work too).

**The margin check.** The engine counts a member as memorising when its label's logit is
strictly the largest on every point. A degenerate solution passes that test by float rounding:
a linear model trained by SGD with momentum on an XOR-like map of M = 3 ends with the two
logits of four points equal up to 1e-7 but not exactly, and the larger one happens to be right
everywhere — a "memorisation" no exact classifier of that size can make. The hardness workers
therefore also require every point's margin (true logit minus the best other) to exceed
:data:`MARGIN` × (1 + the member's largest |logit|), about 100 float32 rounding steps.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import torch

from capacity.errors import UsageError
from empirical.engine.dense import BatchedDenseMLP
from empirical.engine.ensemble import BatchedMLP
from empirical.engine.run import run_training
from empirical.search.rounds import SearchTask, member_outcomes

__all__ = ["MARGIN", "dense_train_task", "margins_ok", "relu_train_task", "scaled_train_task",
           "train_built"]

#: Smallest accepted margin, relative to 1 + the member's largest |logit| (see the notes).
MARGIN = 1e-5


def margins_ok(res) -> np.ndarray:
    """Per member (``(K,)`` bool): every training point's margin exceeds the tolerance
    (:data:`MARGIN`) for the finished run ``res`` (:class:`~empirical.engine.run.RunResult`).

    Examples
    --------
    >>> from empirical.search.rounds import make_task
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> t = make_task(SearchTarget(table="0001").data_config(), [2], 2, 0.05,
    ...               SearchOptions.of(steps=300))
    >>> margins_ok(run_training(t.config)).tolist()
    [True, True]
    """
    x = torch.stack([d.x_train for d in res.datasets]).to(res.net.flat.device)  # (K, n, d)
    y = torch.stack([d.y_train for d in res.datasets]).to(x.device)  # (K, n)
    with torch.no_grad():
        logits = res.net(x.to(res.net.flat.dtype)).double()  # (K, n, V)
        true = logits.gather(2, y[..., None])[..., 0]  # (K, n)
        other = logits.scatter(2, y[..., None], float("-inf")).amax(dim=2)  # (K, n)
        scale = 1 + logits.abs().amax(dim=(1, 2))  # (K,)
        ok = (true - other).amin(dim=1) > MARGIN * scale  # (K,)
    return ok.cpu().numpy()


def _finish(res, start: float) -> dict:
    success, stop = member_outcomes(res)
    return {"success": success & margins_ok(res), "stop_step": stop,
            "wall_s": time.perf_counter() - start}


def relu_train_task(task: SearchTask) -> dict:
    """:func:`~empirical.search.rounds.train_task` (the engine's own run) with the margin check.

    Examples
    --------
    >>> from empirical.search.rounds import make_task
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> t = make_task(SearchTarget(table="0001").data_config(), [1, 2], 2, 0.05,
    ...               SearchOptions.of(steps=200))
    >>> relu_train_task(t)["success"].tolist()
    [True, True, True, True]
    """
    start = time.perf_counter()
    return _finish(run_training(task.config), start)


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
    >>> train_built(t, BatchedMLP)["success"].tolist() == relu_train_task(t)["success"].tolist()
    True
    """
    start = time.perf_counter()

    def model(cfg, data, dtype, device):
        members, m = cfg.members(), cfg.model
        return build(data.x_train.shape[1], data.classes, m.depth, [w for *_, w in members],
                     [s for s, *_ in members], m.activation, m.bias, dtype, device)

    return _finish(run_training(task.config, build=model), start)


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
        return relu_train_task(task)
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
    >>> scaled_train_task(t, 1.0)["success"].tolist() == relu_train_task(t)["success"].tolist()
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
