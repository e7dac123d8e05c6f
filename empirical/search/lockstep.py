"""Several searches in lockstep: the ensembles they wait for at one time train as one.

A search alternates planning (which sizes to train next) with training (one ensemble per group
of sizes, :mod:`empirical.search.rounds`). Small targets — the hardness study's 14 NPN classes of
M = 3, eight points each — make tiny ensembles whose cost is the trainer's fixed per-step
overhead, paid once per ensemble. :func:`run_together` runs each search in its own thread with a
:class:`LockstepExecutor`; once every search still running waits for its ensembles, the waiting
tasks that can share an ensemble are merged into one task, trained once in the calling thread,
and split back. One search runs at a time (the others wait), so the threads share nothing but
the merged trainings.

Tasks share an ensemble when they have the same worker function and the same run config apart
from the members (init and data seeds, member widths, learning rates, and for Boolean data the
truth table: ``RunConfig.tables``) — the padded width included: a task pads its members to its
widest, and a member's sums run over its padded units, so a task merged with a wider one
could round differently (until 2026-12-04 it could: a depth-2 M = 8 search lost a width-9 trial
beside a width-16 one). With one padded width each member's numbers equal its standalone run's
(the trainer's guarantee, tested in tests/empirical/test_trainer.py, for the relu and sign
units the hardness searches train; silu's and gelu's kernels round by position,
docs/empirical.md), so every search returns exactly what it returns alone. Only the number
and the sizes of the ensembles change, and the wall time.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from empirical.engine.executor import ClosesOnExit
from empirical.search.rounds import SearchTask, TaskOutcome

__all__ = ["LockstepExecutor", "ensemble_cost", "merge_key", "merge_tasks", "run_together"]


def merge_key(task: SearchTask) -> Any:
    """What two tasks must share to train as one ensemble: the run config without its members
    (its model's padded width kept), or a key of the task's own (never merged) where merging
    could change a number.

    Never merged: transformers (an ensemble of them shares one width), and data of 2 048 or
    more points, where the full-batch step splits the points into column chunks whose number
    depends on the members and the widest width
    (:func:`empirical.engine.fullbatch.chunk_columns`), so a merged ensemble could sum them in
    another order.

    Examples
    --------
    >>> from empirical.search.rounds import make_task
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> opts = SearchOptions.of(seeds=2, lrs=(0.01, 0.03), steps=100)
    >>> a = make_task(SearchTarget(table="0110").data_config(), [1, 4], 2, opts.lrs, opts)
    >>> b = make_task(SearchTarget(table="0001").data_config(), [4], 2, opts.lrs, opts)
    >>> c = make_task(SearchTarget(table="0001").data_config(), [3], 2, opts.lrs, opts)
    >>> merge_key(a) == merge_key(b), merge_key(a) == merge_key(c)   # c pads to 3, not 4
    (True, False)
    """
    from empirical.engine.fullbatch import MIN_CHUNK_COLUMNS

    cfg = task.config
    data, model = cfg.data, cfg.model
    points = 2 ** data.inputs if data.kind == "boolean" else data.n_train
    if model.kind != "mlp" or points >= 2 * MIN_CHUNK_COLUMNS:
        return ("alone", id(task))
    fixed_table = _fixed_table(cfg)  # then the table is a member's own: the rest must match
    return (_fields(data, "table" if fixed_table else None), _fields(model, None),
            dataclasses.astuple(cfg.train), cfg.device, cfg.dtype, bool(cfg.lrs), fixed_table)


def _fixed_table(cfg) -> bool:
    """Whether the members learn fixed truth tables (each may have its own)."""
    return cfg.data.kind == "boolean" and bool(cfg.data.table or cfg.tables)


def _fields(obj, drop: str | None) -> tuple:
    """``obj``'s field values (a dataclass) in order, without the field named ``drop``."""
    return tuple(getattr(obj, f.name) for f in dataclasses.fields(obj) if f.name != drop)


def merge_tasks(tasks: Sequence[SearchTask]) -> SearchTask:
    """One task whose members are those of ``tasks`` in order (all with one :func:`merge_key`).

    Examples
    --------
    >>> from empirical.search.rounds import make_task
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> opts = SearchOptions.of(seeds=2, lrs=(0.01, 0.03), steps=100)
    >>> a = make_task(SearchTarget(table="0110").data_config(), [1, 4], 2, opts.lrs, opts)
    >>> b = make_task(SearchTarget(table="0001").data_config(), [4], 2, opts.lrs, opts)
    >>> m = merge_tasks([a, b]).config
    >>> m.size, m.model.width, m.widths[::4], m.tables[::4]
    (12, 4, (1, 4, 4), ('0110', '0110', '0001'))
    """
    cfgs = [t.config for t in tasks]
    first = cfgs[0]
    key = merge_key(tasks[0])
    if any(merge_key(t) != key for t in tasks[1:]):
        raise ValueError("merge_tasks: the tasks differ in more than their members")
    members = [m for c in cfgs for m in c.members()]
    widths = tuple(w for _, _, w in members)
    return SearchTask(dataclasses.replace(
        first, ensemble=1, init_seeds=tuple(s for s, _, _ in members),
        data_seeds=tuple(s for _, s, _ in members), widths=widths,
        lrs=tuple(lr for c in cfgs for lr in c.member_lrs()) if first.lrs else (),
        tables=(tuple(t for c in cfgs for t in (c.tables or (c.data.table,) * c.size))
                if _fixed_table(first) else ())),  # the model (its padded width) is first's:
        curves=any(t.curves for t in tasks))  # merge_key holds it equal


@dataclasses.dataclass
class _Request:
    index: int  # the search's position: merged tasks list members in this order
    fn: Callable[[SearchTask], TaskOutcome]
    tasks: list[SearchTask]
    result: list | None = None
    error: BaseException | None = None


class _Batcher:
    """Collects the searches' requests; the caller's thread trains them (:meth:`serve_all`).

    Its (re-entrant) lock is also a baton: a search holds it whenever it runs, and gives it up
    only while it waits, so no two searches ever run torch code at the same time (a training
    seeds and draws from torch's global generator) and the merged tasks do not depend on how
    the threads were scheduled. The training runs in the thread that called
    :func:`run_together` (the main thread of a command), so Ctrl-C interrupts it at once."""

    def __init__(self, searches: int):
        self.cond = threading.Condition(threading.RLock())
        self.active = searches
        self.pending: list[_Request] = []
        self.cancelled = False

    def submit(self, index: int, fn: Callable[[SearchTask], TaskOutcome],
               tasks: list[SearchTask]) -> list:
        req = _Request(index, fn, tasks)
        with self.cond:
            if self.cancelled:
                raise KeyboardInterrupt("run_together was interrupted")
            self.pending.append(req)
            self.cond.notify_all()
            while req.result is None and req.error is None:
                self.cond.wait()
        if req.error is not None:
            raise req.error
        return req.result

    def leave(self) -> None:
        with self.cond:
            self.active -= 1
            self.cond.notify_all()

    def serve_all(self) -> None:
        """Train the waiting requests whenever every search still running waits, until every
        search has ended (in the calling thread)."""
        with self.cond:
            while self.active:
                if self.pending and len(self.pending) == self.active:
                    self._serve()
                else:
                    self.cond.wait()

    def _serve(self) -> None:
        """Train every pending request (the lock is held; every other search is waiting).

        Tasks merge only across searches: the i-th task of each waiting request with one
        :func:`merge_key`, and only while the merged ensemble costs no more than separate ones
        (:func:`ensemble_cost`), so a search's own split of its widths into ensembles stands."""
        batch, self.pending = sorted(self.pending, key=lambda r: r.index), []
        try:
            if self.cancelled:
                raise KeyboardInterrupt("run_together was interrupted")
            groups: dict[Any, list[tuple[_Request, int]]] = {}
            for req in batch:
                for i, task in enumerate(req.tasks):
                    groups.setdefault((req.fn, merge_key(task), i), []).append((req, i))
            outs: dict[tuple[int, int], TaskOutcome] = {}
            for (fn, _, _), where in groups.items():
                for part_where in _cheap_runs(where):
                    tasks = [req.tasks[i] for req, i in part_where]
                    if len(tasks) == 1:
                        parts = [fn(tasks[0])]
                    else:
                        parts = fn(merge_tasks(tasks)).split([t.config.size for t in tasks])
                    for (req, i), part in zip(part_where, parts, strict=True):
                        outs[id(req), i] = part
            for req in batch:
                req.result = [outs[id(req), i] for i in range(len(req.tasks))]
        except BaseException as exc:  # every search of the batch sees the worker's error
            for req in batch:
                req.error = exc
        self.cond.notify_all()

    def cancel(self) -> None:
        """Make every waiting and later request raise KeyboardInterrupt (Ctrl-C in the caller)."""
        with self.cond:
            self.cancelled = True
            for req in self.pending:
                req.error = KeyboardInterrupt("run_together was interrupted")
            self.pending = []
            self.cond.notify_all()


def ensemble_cost(tasks: Sequence[SearchTask]) -> float:
    """Cost model of one step of ``tasks`` trained as one ensemble (every member padded to the
    widest), in the multiply-accumulate equivalents of
    :func:`empirical.search.rounds.group_cost`.

    Examples
    --------
    >>> from empirical.search.rounds import make_task
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> opts = SearchOptions.of(seeds=2, steps=100)
    >>> a = make_task(SearchTarget(table="0110").data_config(), [1], 2, 0.1, opts)
    >>> ensemble_cost([a, a]) < 2 * ensemble_cost([a])   # tiny ensembles: overhead-bound
    True
    """
    from empirical.search.rounds import OVERHEAD_MACS, PARAMETER_MACS

    cfgs = [t.config for t in tasks]
    data, depth = cfgs[0].data, cfgs[0].model.depth
    d, v, n = ((data.inputs, 2 ** data.outputs, 2 ** data.inputs) if data.kind == "boolean"
               else (data.d_in, data.classes, data.n_train))
    h = max(w for c in cfgs for _, _, w in c.members())
    per_point = d * h + (depth - 1) * h * h + h * v
    return OVERHEAD_MACS + sum(c.size for c in cfgs) * (n + PARAMETER_MACS) * per_point


def _cheap_runs(where: list) -> list[list]:
    """Consecutive runs of ``where`` ((request, task index) pairs) each trained as one ensemble:
    a task joins the run while the merged cost is at most the run's and its own apart."""
    runs: list[list] = []
    tasks: list[SearchTask] = []  # the last run's tasks, and its cost as one ensemble
    cost = 0.0
    for req, i in where:
        new = req.tasks[i]
        if runs:
            merged = ensemble_cost([*tasks, new])
            if merged <= cost + ensemble_cost([new]):
                runs[-1].append((req, i))
                tasks.append(new)
                cost = merged
                continue
        runs.append([(req, i)])
        tasks, cost = [new], ensemble_cost([new])
    return runs


class LockstepExecutor(ClosesOnExit):
    """The executor a search of :func:`run_together` runs with: ``map`` hands its tasks to the
    shared batcher and waits until they are trained (with the other searches' tasks).

    Examples
    --------
    >>> from empirical.search.rounds import make_task
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> task = make_task(SearchTarget(table="0001").data_config(), [1, 2], 2, 0.05,
    ...                  SearchOptions.of(steps=100))
    >>> def job(ex):   # a search: it hands its tasks to ``ex`` and gets their outcomes back
    ...     return type(ex).__name__, ex.map(lambda t: t.config.size, [task])
    >>> run_together([job])
    [('LockstepExecutor', [4])]
    """

    def __init__(self, batcher: _Batcher, index: int):
        self._batcher, self._index = batcher, index

    def map(self, fn: Callable[[Any], Any], tasks: Iterable[Any],
            progress: bool | str | Callable[[int, int], None] = False) -> list[Any]:
        """Train ``tasks`` with ``fn`` together with the other searches' waiting tasks.

        Examples
        --------
        Two searches each map one task of two members; the tasks share a :func:`merge_key`, so
        ``fn`` runs once, on a merged ensemble of four, and each search gets its own members
        back (here ``fn`` records the ensembles it is given and numbers the members as their
        stop steps, instead of training):

        >>> import numpy as np
        >>> from empirical.search.rounds import make_task
        >>> from empirical.search.size import SearchOptions, SearchTarget
        >>> opts = SearchOptions.of(steps=100)
        >>> a, b = (make_task(SearchTarget(table=t).data_config(), [2], 2, 0.05, opts)
        ...         for t in ("0110", "0001"))
        >>> sizes = []
        >>> def fake(task):
        ...     k = task.config.size
        ...     sizes.append(k)
        ...     return TaskOutcome(np.ones(k, dtype=bool), np.arange(k), 0.0)
        >>> jobs = [lambda ex, t=t: [o.stop_step.tolist() for o in ex.map(fake, [t])]
        ...         for t in (a, b)]
        >>> run_together(jobs), sizes
        ([[[0, 1]], [[2, 3]]], [4])
        """
        tasks = list(tasks)
        out = self._batcher.submit(self._index, fn, tasks) if tasks else []
        if callable(progress):
            progress(len(tasks), len(tasks))
        return out


def run_together(jobs: Sequence[Callable[[LockstepExecutor], Any]],
                 progress: Callable[[int, int], None] | None = None) -> list[Any]:
    """Run ``job(executor)`` for every job, each in its own thread, their training merged as
    the module notes say; return the jobs' results in order (the first error, if any, is
    raised after every job has ended). ``progress(done, total)`` is called as each job ends.
    The ensembles train in the calling thread, so Ctrl-C interrupts the one training and stops
    the jobs at their next request.

    Parameters
    ----------
    jobs : sequence of callable
        Each ``job(executor)`` runs its search on the :class:`LockstepExecutor` it is given.
    progress : callable or None, default None
        ``progress(done, total)``, called as each job ends without error.

    Returns
    -------
    list
        The jobs' results, in the order of ``jobs``.

    Examples
    --------
    >>> from empirical.search.size import SearchOptions, SearchTarget, search_size
    >>> opts = SearchOptions.of(seeds=2, lrs=(0.05,), steps=200, start=1)
    >>> jobs = [lambda ex, t=t: search_size(SearchTarget(table=t), opts, ex)
    ...         for t in ("0110", "0001")]
    >>> [r.needed.width for r in run_together(jobs)]
    [2, 1]
    """
    batcher = _Batcher(len(jobs))
    results: list[Any] = [None] * len(jobs)
    errors: list[BaseException | None] = [None] * len(jobs)
    done = [0]

    def go(i: int) -> None:
        with batcher.cond:  # the baton: this search runs only while it holds the lock
            try:
                results[i] = jobs[i](LockstepExecutor(batcher, i))
            except BaseException as exc:  # raised below, once every search has ended
                errors[i] = exc
            finally:
                batcher.leave()
                done[0] += 1
                if progress is not None and errors[i] is None:
                    progress(done[0], len(jobs))

    threads = [threading.Thread(target=go, args=(i,), name=f"lockstep-{i}", daemon=True)
               for i in range(len(jobs))]
    for t in threads:
        t.start()
    try:
        batcher.serve_all()  # the trainings run here, in the caller's thread
    except BaseException:  # Ctrl-C: the searches stop at their next request
        batcher.cancel()
        for t in threads:
            t.join(timeout=5.0)
        raise
    for t in threads:
        t.join()
    for exc in errors:
        if exc is not None:
            raise exc
    return results
