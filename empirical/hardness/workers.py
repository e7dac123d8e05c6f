"""Search workers of the hardness study: the stacked ReLU MLP (the engine's own run), the densely
connected MLP, and the stacked MLP with its initialisation scaled.

Each takes a :class:`~empirical.search.rounds.SearchTask` and returns what
:func:`~empirical.search.rounds.train_task` returns (per-member ``success`` and ``stop_step``),
so ``search_size(..., worker=...)`` uses them unchanged. Pass the scale with
``functools.partial(scaled_train_task, scale=s)`` (picklable, so Dask executors work too).

**The margin check** that these workers once added is the engine's own rule since 2026-12-01:
a label counts as memorised only when its logit beats every other by a rounding margin
(:func:`empirical.engine.observables.correct_count`), in every command.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import torch

from capacity.errors import UsageError
from empirical.engine.dense import BatchedDenseMLP
from empirical.engine.ensemble import BatchedMLP
from empirical.engine.run import run_training
from empirical.search.rounds import SearchTask, TaskOutcome, task_outcome, train_task

__all__ = ["dense_train_task", "relu_train_task", "scaled_train_task", "train_built"]

#: The stacked ReLU MLP: the engine's own run, the worker of ``memcap search`` itself (the same
#: function, so the lockstep executor merges its tasks with plain searches'; its docstring is
#: :func:`~empirical.search.rounds.train_task`'s).
relu_train_task = train_task


def train_built(task: SearchTask, build: Callable) -> TaskOutcome:
    """Train ``task.config``'s members on their datasets with the ensemble
    ``build(d_in, classes, depth, widths, init_seeds, activation, bias, dtype, device)``;
    return the worker dict (``success``, ``stop_step``, ``wall_s``).

    Parameters
    ----------
    task : SearchTask
        The ensemble's configuration.
    build : callable
        Builds the ensemble module from the arguments above.

    Returns
    -------
    TaskOutcome
        Per-member success and stop step, and the wall time.

    Examples
    --------
    >>> from empirical.search.rounds import make_task
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> t = make_task(SearchTarget(table="0001").data_config(), [1], 2, 0.05,
    ...               SearchOptions.of(steps=200))
    >>> train_built(t, BatchedMLP).success.tolist() == relu_train_task(t).success.tolist()
    True
    """
    start = time.perf_counter()

    def model(cfg, data, dtype, device):
        members, m = cfg.members(), cfg.model
        return build(data.x_train.shape[1], data.classes, m.depth, [w for *_, w in members],
                     [s for s, *_ in members], m.activation, m.bias, dtype, device)

    return task_outcome(run_training(task.config, build=model), start)


def dense_train_task(task: SearchTask) -> TaskOutcome:
    """Search worker training the members as dense MLPs (depth 0 is the linear model, the same
    in both topologies).

    Parameters
    ----------
    task : SearchTask
        One ensemble of K members (:func:`~empirical.search.rounds.make_task`: width × lr ×
        trial); its model's depth and activation are those of every dense layer
        (:class:`~empirical.engine.dense.BatchedDenseMLP`: each layer reads the input and
        every earlier layer).

    Returns
    -------
    TaskOutcome
        Per member, in the task's member order: ``success`` (``(K,)`` bool), ``stop_step``
        (``(K,)`` int64), ``diverged``, ``best_count`` and ``labels``, by the engine's rule
        (:func:`~empirical.search.rounds.task_outcome`), and the wall time in seconds.

    Examples
    --------
    >>> from empirical.search.rounds import make_task
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> t = make_task(SearchTarget(table="0110").data_config(), [1, 2], 2, 0.1,
    ...               SearchOptions.of(steps=400))
    >>> dense_train_task(t).success.tolist()  # XOR: one unit with skip edges can do it
    [False, True, True, True]
    """
    if task.config.model.depth == 0:
        return relu_train_task(task)
    return train_built(task, BatchedDenseMLP)


def scaled_train_task(task: SearchTask, scale: float = 1.0) -> TaskOutcome:
    """Search worker training stacked MLPs whose initial weights and biases are multiplied by
    ``scale`` (``nn.Linear``'s default init × scale; 1 is the engine's own run).

    Parameters
    ----------
    task : SearchTask
        The ensemble's configuration.
    scale : float, optional
        The init multiplier, finite and >= 0 (default 1).

    Returns
    -------
    TaskOutcome
        Per-member success and stop step, and the wall time.

    Examples
    --------
    >>> from empirical.search.rounds import make_task
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> t = make_task(SearchTarget(table="0110").data_config(), [2, 4], 2, 0.1,
    ...               SearchOptions.of(steps=300))
    >>> scaled_train_task(t, 1.0).success.tolist() == relu_train_task(t).success.tolist()
    True
    >>> scaled_train_task(t, 0.0).success.tolist()  # all-zero start: symmetric, stuck
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
