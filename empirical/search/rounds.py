"""One round of a capacity search: group candidate widths into ensembles and train them.

A round tests a few candidate hidden widths, each with S trials, under every learning rate of the
grid. Its members are packed into ensembles (:func:`plan_groups`): one ensemble holds members of
one learning rate, and candidates of similar width share an ensemble. The cost of an ensemble step
is a fixed overhead plus a part proportional to K × (padded width) × n, and an ensemble runs until
its slowest member stops, so a narrow failing candidate padded next to a wide one wastes work;
the greedy grouping merges neighbours only while the merged cost model is no larger than the
separate ones. Each ensemble is one picklable :class:`SearchTask` for an executor; the worker
:func:`train_task` returns plain numpy arrays.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from empirical.engine.config import DataConfig, RunConfig
from empirical.engine.seeds import derived_seed

__all__ = ["OVERHEAD_MACS", "PARAMETER_MACS", "MemberOutcomes", "SearchTask", "TaskOutcome",
           "group_cost", "make_task", "member_outcomes", "plan_groups", "task_outcome",
           "train_task", "trial_seeds"]

#: Per-step overhead of one ensemble step expressed in multiply-accumulates (measured on the
#: 2-core CPU box, 1 thread: ~1.2 ms per step for tiny ensembles, ~0.9 ns per MAC of
#: forward + backward for large ones, so the overhead is worth ~1.3 M MACs).
OVERHEAD_MACS = 1.3e6
#: Per-parameter cost of a step (Adam update, restore of stopped members, gradient zeroing) in
#: MAC equivalents (same measurement: ~40 ns per parameter).
PARAMETER_MACS = 45.0


@dataclass(frozen=True)
class SearchTask:
    """One ensemble of a round: its run config (a truth table is ``config.data.table``), and
    whether the worker returns the members' training curves (``curves``: the logged metrics
    of every member, :attr:`TaskOutcome.curves`; a search writing ``metrics.csv`` asks for
    them).

    Examples
    --------
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> t = make_task(SearchTarget(table="0001").data_config(), [1, 2], 2, 0.05,
    ...               SearchOptions.of(steps=100))
    >>> t.config.data.table, t.config.size, t.config.widths   # 2 widths × 2 trials
    ('0001', 4, (1, 1, 2, 2))
    """

    config: RunConfig
    curves: bool = False


def trial_seeds(seed: int, trial: int) -> tuple[int, int]:
    """``(init_seed, data_seed)`` of trial ``trial`` of a search with base seed ``seed``.

    Derived with ``numpy.random.SeedSequence((seed, trial, stream))``
    (:func:`~empirical.engine.seeds.derived_seed`, one-to-one for every integer seed), so
    different base seeds never share trials. Trial j uses the same data draw and init seed at
    every candidate size and every learning rate (common random numbers: size and lr
    comparisons see the same problems).

    Parameters
    ----------
    seed : int
        The search's base seed.
    trial : int
        The trial index.

    Returns
    -------
    init_seed, data_seed : int
        32-bit seeds.

    Examples
    --------
    >>> trial_seeds(0, 1) == trial_seeds(0, 1), trial_seeds(0, 1) != trial_seeds(1, 0)
    (True, True)
    """
    return derived_seed(seed, trial, 1), derived_seed(seed, trial, 0)


def group_cost(widths: list[int], seeds: int, d_in: int, classes: int, depth: int,
               n: int) -> float:
    """Cost model of one ensemble step in MAC equivalents: overhead + K × (n + 45) × (MACs per
    point of the padded MLP, which is also its weight count).

    Parameters
    ----------
    widths : list of int
        The ensemble's candidate widths; all are padded to the largest.
    seeds : int
        Trials per width (members per width).
    d_in : int
        Inputs.
    classes : int
        Outputs.
    depth : int
        Hidden layers.
    n : int
        Training points per step.

    Returns
    -------
    float
        The step's cost in MAC equivalents.

    Examples
    --------
    >>> group_cost([8], 3, 10, 2, 1, 1024) < group_cost([8, 64], 3, 10, 2, 1, 1024)
    True
    """
    h = max(widths)
    per_point = d_in * h + (depth - 1) * h * h + h * classes
    return OVERHEAD_MACS + len(widths) * seeds * (n + PARAMETER_MACS) * per_point


def plan_groups(widths: list[int], seeds: int, d_in: int, classes: int, depth: int,
                n: int) -> list[list[int]]:
    """Split candidate widths into ensembles of similar width (greedy, in width order).

    A width joins the current group when the merged group's cost (:func:`group_cost`) is at
    most the current group's cost plus its own alone.

    Parameters
    ----------
    widths : list of int
        Candidate widths (duplicates merged).
    seeds : int
        Trials per width.
    d_in : int
        Inputs.
    classes : int
        Outputs.
    depth : int
        Hidden layers.
    n : int
        Training points per step.

    Returns
    -------
    list of list of int
        The groups, in increasing width.

    Examples
    --------
    >>> plan_groups([8, 16, 32, 64, 128], 3, 10, 2, 1, 1024)  # wide ones alone: padding costs
    [[8, 16, 32], [64], [128]]
    >>> plan_groups([1, 2, 3, 4], 3, 2, 2, 1, 4)  # tiny: one ensemble, overhead dominates
    [[1, 2, 3, 4]]
    """
    groups: list[list[int]] = []
    for w in sorted(set(int(v) for v in widths)):
        if groups:
            cur = groups[-1]
            merged = group_cost(cur + [w], seeds, d_in, classes, depth, n)
            alone = (group_cost(cur, seeds, d_in, classes, depth, n)
                     + group_cost([w], seeds, d_in, classes, depth, n))
            if merged <= alone:
                cur.append(w)
                continue
        groups.append([w])
    return groups


def make_task(base_data: DataConfig, widths: list[int], trials: int, lrs,
              opts) -> SearchTask:
    """The :class:`SearchTask` training ``widths`` × ``lrs`` × ``trials`` members as one
    ensemble, each member with its own learning rate (``lrs`` a float or a sequence of them).

    ``opts`` is a :class:`~empirical.search.options.SearchOptions`. Members are ordered width,
    then learning rate, then trial: member ``(i * L + k) * trials + j`` is width ``widths[i]``,
    learning rate ``lrs[k]``, trial j. Every member's update equals its standalone one, so the
    grid trained together gives the numbers of one ensemble per learning rate.

    Parameters
    ----------
    base_data : DataConfig
        The target's data config (``SearchTarget.data_config()``), shared by every member;
        each member draws its data with its own seed.
    widths : list of int
        Hidden widths; the model config takes the largest (narrower members are masked).
    trials : int
        Trials per width and learning rate; trial j has the seeds :func:`trial_seeds` gives
        for ``opts.seed`` at every width and learning rate.
    lrs : float or sequence of float
        One learning rate (then ``config.lrs`` is empty and the train config's ``lr`` is used)
        or several (``config.lrs`` then holds one per member).
    opts : SearchOptions
        The model, recipe, seed, device and dtype.

    Examples
    --------
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> data = SearchTarget(table="0001").data_config()
    >>> cfg = make_task(data, [1, 2], 2, (0.05, 0.1), SearchOptions.of(steps=200)).config
    >>> cfg.size, cfg.widths
    (8, (1, 1, 1, 1, 2, 2, 2, 2))
    >>> cfg.lrs
    (0.05, 0.05, 0.1, 0.1, 0.05, 0.05, 0.1, 0.1)
    >>> cfg.init_seeds[:2] == cfg.init_seeds[2:4] == cfg.init_seeds[4:6]  # trial j: same seeds
    True
    >>> one = make_task(data, [3], 2, 0.05, SearchOptions.of()).config
    >>> one.widths, one.lrs, one.train.lr
    ((3, 3), (), 0.05)
    """
    lrs = (float(lrs),) if isinstance(lrs, int | float) else tuple(float(v) for v in lrs)
    seeds = [trial_seeds(opts.seed, j) for j in range(trials)]
    cells = [(w, lr, s) for w in widths for lr in lrs for s in seeds]
    cfg = RunConfig(
        data=base_data,
        model=opts.model_config(max(widths)), train=opts.train_config(lrs[0]),
        widths=tuple(w for w, _, _ in cells), init_seeds=tuple(s[0] for _, _, s in cells),
        data_seeds=tuple(s[1] for _, _, s in cells),
        lrs=tuple(lr for _, lr, _ in cells) if len(lrs) > 1 else (),
        device=opts.device, dtype=opts.dtype)
    return SearchTask(cfg)


@dataclass(frozen=True)
class TaskOutcome:
    """What a search worker returns for one trained ensemble: per-member ``success`` (``(K,)``
    bool) and ``stop_step`` (``(K,)`` int64, −1 when the member never stopped), the wall time,
    for sign-unit workers ``trained`` (``(K,)`` bool: memorised before hardening), and
    ``diverged`` (``(K,)`` bool: the member stopped on a non-finite loss; None from a worker that
    does not say, read as no divergence), ``best_count`` and ``labels`` (``(K,)`` int64: the
    labels of the member's dataset that a model can fit — equal inputs, or sequences sharing a
    prefix, with different labels cannot all be fitted — and all its labels; None from a worker
    that does not say), and ``curves`` when the task asked for them: the members' logged
    metrics as columns of ``metrics.csv`` (:func:`~empirical.engine.run.metrics_columns`: one
    row per member and logged step, member-major, every member with the same logged steps).

    Examples
    --------
    >>> o = TaskOutcome(np.array([True, False, True]), np.array([5, -1, 7]), 2.0)
    >>> [p.success.tolist() for p in o.split([1, 2])], o.split([1, 2])[1].wall_s
    ([[True], [False, True]], 2.0)
    >>> o.diverged_members().tolist()
    [False, False, False]
    >>> o = TaskOutcome(o.success, o.stop_step, 2.0, best_count=np.array([4, 3, 4]),
    ...                 labels=np.array([4, 4, 4]))
    >>> [p.best_count.tolist() for p in o.split([1, 2])]  # a merged ensemble's shares
    [[4], [3, 4]]
    """

    success: np.ndarray
    stop_step: np.ndarray
    wall_s: float
    trained: np.ndarray | None = None
    diverged: np.ndarray | None = None
    best_count: np.ndarray | None = None
    labels: np.ndarray | None = None
    curves: dict[str, np.ndarray] | None = None

    def diverged_members(self) -> np.ndarray:
        """``diverged`` as a ``(K,)`` bool array (all False when the worker did not say).

        Examples
        --------
        >>> success, stop = np.array([True, False, False]), np.array([5, 3, -1])
        >>> TaskOutcome(success, stop, 1.0).diverged_members().tolist()   # not said: none
        [False, False, False]
        >>> TaskOutcome(success, stop, 1.0,
        ...             diverged=np.array([0, 1, 0])).diverged_members().tolist()
        [False, True, False]
        """
        if self.diverged is None:
            return np.zeros(len(self.success), dtype=bool)
        return np.asarray(self.diverged, dtype=bool)

    def split(self, sizes) -> list[TaskOutcome]:
        """One outcome per original task of a merged ensemble (``sizes`` members each, in
        order): the per-member arrays are cut, the wall time is shared.

        Examples
        --------
        >>> o = TaskOutcome(np.array([True, False, True]), np.array([5, -1, 7]), 2.0,
        ...                 diverged=np.array([False, True, False]))
        >>> parts = o.split([2, 1])
        >>> [p.stop_step.tolist() for p in parts], [p.wall_s for p in parts]
        ([[5, -1], [7]], [2.0, 2.0])
        >>> [p.diverged.tolist() for p in parts], parts[0].trained   # None stays None
        ([[False, True], [False]], None)
        >>> o = TaskOutcome(o.success, o.stop_step, 2.0, curves={   # 2 logged steps a member
        ...     "member": np.repeat([0, 1, 2], 2), "step": np.tile([0, 10], 3)})
        >>> [p.curves["member"].tolist() for p in o.split([2, 1])]
        [[0, 0, 1, 1], [2, 2]]
        >>> o.split([1, 1])
        Traceback (most recent call last):
        ...
        ValueError: sizes [1, 1] do not add up to 3 members
        """
        if sum(sizes) != len(self.success):
            raise ValueError(f"sizes {list(sizes)} do not add up to {len(self.success)} members")
        parts, start = [], 0
        rows = 0 if self.curves is None else len(self.curves["step"]) // len(self.success)
        for n in sizes:
            cut = slice(start, start + n)
            parts.append(TaskOutcome(
                self.success[cut], self.stop_step[cut], self.wall_s,
                *(None if a is None else a[cut]
                  for a in (self.trained, self.diverged, self.best_count, self.labels)),
                curves=None if self.curves is None else {
                    k: v[start * rows:(start + n) * rows] for k, v in self.curves.items()}))
            start += n
        return parts


def train_task(task: SearchTask) -> TaskOutcome:
    """Executor worker: train one ensemble; return per-member success and stop step (numpy).

    A member succeeds when it reached its dataset's best achievable train accuracy within the
    step budget without diverging (early stop at that step).

    Examples
    --------
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> t = make_task(SearchTarget(table="0001").data_config(), [1, 2], 2, 0.05,
    ...               SearchOptions.of(steps=200))
    >>> out = train_task(t)
    >>> out.success.tolist()  # AND is linearly separable: width 1 suffices
    [True, True, True, True]
    """
    from empirical.engine.run import metrics_columns, run_training  # torch: where it trains

    start = time.perf_counter()
    res = run_training(task.config)
    out = task_outcome(res, start)
    return dataclasses.replace(out, curves=metrics_columns(res)) if task.curves else out


def task_outcome(res, start: float) -> TaskOutcome:
    """The :class:`TaskOutcome` of a finished run (:class:`~empirical.engine.run.RunResult`)
    started at ``start`` (``time.perf_counter``): :func:`member_outcomes` and the wall time
    since. Workers that train the engine's own way return it; the sign worker builds its own
    (its success is verification).

    Examples
    --------
    >>> from empirical.engine.run import run_training
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> t = make_task(SearchTarget(table="0001").data_config(), [1], 1, 0.05,
    ...               SearchOptions.of(steps=200))
    >>> o = task_outcome(run_training(t.config), time.perf_counter())
    >>> o.success.tolist(), o.best_count.tolist(), o.labels.tolist()  # AND: width 1 fits
    ([True], [4], [4])
    """
    out = member_outcomes(res)
    return TaskOutcome(out.success, out.stop_step, time.perf_counter() - start,
                       diverged=out.diverged, best_count=out.best_count, labels=out.labels)


class MemberOutcomes(NamedTuple):
    """Per-member outcomes of a finished run: ``success`` (``(K,)`` bool), ``stop_step``
    (``(K,)`` int64: the early stop, or the step budget), ``diverged`` (``(K,)`` bool: a
    non-finite loss stopped the member; it never counts as a success), ``best_count`` and
    ``labels`` (``(K,)`` int64: the labels of the member's dataset that a model can fit, and
    all of them).

    Examples
    --------
    >>> from empirical.engine.run import run_training
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> t = make_task(SearchTarget(table="0001").data_config(), [1], 2, 0.05,
    ...               SearchOptions.of(steps=100))
    >>> out = member_outcomes(run_training(t.config))   # AND: one unit fits its 4 labels
    >>> out.success.tolist(), out.diverged.tolist(), out.best_count.tolist(), out.labels.tolist()
    ([True, True], [False, False], [4, 4], [4, 4])
    >>> bool((out.stop_step <= 100).all())   # an early stop, or the step budget
    True
    """

    success: np.ndarray
    stop_step: np.ndarray
    diverged: np.ndarray
    best_count: np.ndarray
    labels: np.ndarray


def member_outcomes(res) -> MemberOutcomes:
    """Per-member success, stop step and divergence of a finished run
    (:class:`~empirical.engine.run.RunResult`): the rule of :func:`train_task`.

    Examples
    --------
    >>> from empirical.engine.run import run_training
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> t = make_task(SearchTarget(table="0110").data_config(), [1], 1, 0.05,
    ...               SearchOptions.of(steps=50))
    >>> out = member_outcomes(run_training(t.config))
    >>> out.success.tolist(), out.diverged.tolist()  # XOR: one ReLU unit cannot
    ([False], [False])
    """
    log = res.log
    best_arr = np.asarray([d.best_count for d in res.datasets], dtype=np.int64)
    stopped = (log.stop_step >= 0) & ~log.diverged
    final = log.metrics["memorised_count"][-1].astype(np.int64) >= best_arr
    success = stopped | (final & ~log.diverged)
    stop = np.where(log.stop_step >= 0, log.stop_step, res.config.train.steps)
    labels = np.asarray([d.labels for d in res.datasets], dtype=np.int64)
    return MemberOutcomes(success.astype(bool), stop.astype(np.int64),
                          np.asarray(log.diverged, dtype=bool).copy(), best_arr, labels)

