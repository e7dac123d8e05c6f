"""The round loop of :func:`empirical.search.size.search_size`: bracket, k-section, bookkeeping.

The search moves on integer hidden widths w (on the parameter axis, size(w) = the parameter count
of width w at depth L, the smallest budget that buys that width). After every round the bracket is
recomputed from all measurements (:func:`_bracket`): ``lo`` = the largest measured width with
rate < p, ``hi`` = the smallest measured width above ``lo`` with rate ≥ p. A lucky pass below a
failing width is thus ignored (listed as a violation): the answer is conservative, every measured
size at or above it passes (or diverged, below). Next candidates:

* no passing width above the largest failing one: the next ``bracket_steps`` doublings of the
  size of the largest measured width (up to twice as many while they are cheap, see ``_cheap``;
  capped at ``max_size``; not found once the cap fails);
* ``hi`` but no failing width below it: ``bracket_steps`` halvings of size(hi) (more while they
  are cheap, with no cap but width 1: at most log₂ size(hi) of them);
* ``hi − lo > 1``: ``points_per_round`` interior widths evenly spaced in (lo, hi) (all of them
  when the gap is that small), i.e. (k+1)-section;
* ``hi − lo = 1`` or ``hi = 1``: done, needed = hi.

A width whose every trial under every learning rate diverged (non-finite loss) is no failure of
that width but of the recipe there: it is left out of ``lo`` and never passes. The gap narrowed
is then (edge, hi), edge the largest measured width below ``hi`` (``lo``, or a diverged width
above it; the halvings come only when no width below ``hi`` was measured), so the answer ends
adjacent to a measured width, a failing or a diverged one; the measured widths between ``lo``
and the answer all diverged, and widths below a diverged one may be unmeasured.
"""

from __future__ import annotations

import dataclasses
import math
import statistics
import time

import numpy as np

from capacity.errors import UsageError
from empirical.engine.config import check_fits_memory
from empirical.engine.executor import InProcessExecutor
from empirical.engine.information import bracket_bits_per_parameter
from empirical.engine.parameters import (
    count_parameters,
    count_transformer_parameters,
    largest_width,
)
from empirical.search.options import CandidateResult, SearchOptions, SearchResult, check_search
from empirical.search.rounds import (
    OVERHEAD_MACS,
    TaskOutcome,
    group_cost,
    make_task,
    plan_groups,
    train_task,
)
from empirical.search.stats import wilson_interval
from empirical.search.target import SearchTarget

__all__ = ["guess_start", "run_search"]


class _Axis:
    """size ↔ width unit for the search axis.

    The search moves on integer units u; a unit is one hidden unit of an MLP and ``heads``
    model dimensions of a transformer (its width must be a multiple of the head count), so the
    candidate's model width is ``step · u``.
    """

    def __init__(self, target: SearchTarget, opts: SearchOptions):
        self.d, self.v, self.depth = target.d_features, target.n_classes, opts.depth
        self.parameters = opts.axis == "parameters"
        self.transformer = opts.model.kind == "transformer"
        self.step = opts.model.heads if self.transformer else 1
        self.token_dim = target.token_dim
        self.ratio, self.bias = opts.model.mlp_ratio, opts.model.bias

    def model_width(self, u: int) -> int:
        return self.step * int(u)

    def params(self, u: int) -> int:
        w = self.model_width(u)
        if self.transformer:
            return count_transformer_parameters(self.v, self.d, w, self.depth, self.ratio,
                                                self.bias, self.token_dim)
        return count_parameters(self.d, w, self.depth, self.v, self.bias)  # a bias-free MLP
        # was counted with biases, 37 instead of 30 parameters at width 5 (2026-12-03 audit)

    def size(self, u: int) -> int:
        return self.params(u) if self.parameters else self.model_width(u)

    def width(self, s: int) -> int:
        """The unit of size ``s`` (the largest unit whose size is at most ``s``, at least 1)."""
        if self.parameters:
            return largest_width(self.params, int(s))
        return max(1, int(s) // self.step)

    def cost(self, units: list[int], seeds: int, n: int) -> float:
        """Cost model of one ensemble step of these candidates (MAC equivalents)."""
        widths = [self.model_width(u) for u in units]
        if not self.transformer:
            return group_cost(widths, seeds, self.d, self.v, self.depth, n)
        from empirical.engine.transformer import transformer_flops  # torch: only when used

        macs = sum(transformer_flops(n * self.d, self.v, self.d, w, self.depth, self.ratio)
                   for w in widths) / 6  # a step is ≈ 3 forward passes of 2 FLOPs a MAC
        return OVERHEAD_MACS + seeds * macs

    def groups(self, units: list[int], seeds: int, n: int) -> list[list[int]]:
        """Units trained together: similar MLP widths share an ensemble (padded); transformer
        members share one width, so each transformer width is an ensemble of its own."""
        if self.transformer:
            return [[u] for u in sorted(set(units))]
        return plan_groups(units, seeds, self.d, self.v, self.depth, n)


def _fitting_round(data, plan: list[list[int]], axis: _Axis, opts: SearchOptions,
                   rnd: int) -> tuple[list[list[int]], list]:
    """A round's groups and their tasks, every ensemble within half of this machine's memory:
    a padded group that does not fit trains its widths one ensemble each (then without the
    group's padding, so a member's numbers can move by float32 regrouping and a borderline
    trial flip: docs/search.md — the split depends on the machine's memory), and a width that
    does not fit alone is left out of
    the round (memory grows with the width, so these are the round's widest: a later round
    that needs them ends the search). When no width of the round fits, the one-line memory
    error of the narrowest is raised (:func:`~empirical.engine.config.check_fits_memory`)."""

    def task_of(group):
        return make_task(data, [axis.model_width(u) for u in group], opts.seeds, opts.lrs, opts)

    # the data's own options too: --d-in 10^8 was refused with advice naming only the ceiling
    # and the trials (CLI fuzz, 2026-12-04)
    data_options = {"random": " or its data (--points, --d-in)",
                    "seq2seq": " or its data (--points, --d-in, --seq-len)",
                    "tokens": " or its data (--points, --seq-len)"}.get(data.kind, "")

    def check(task) -> None:
        cfg = task.config
        check_fits_memory(cfg.estimated_bytes(),
                          f"search round {rnd} ({cfg.size} members up to width "
                          f"{max(cfg.widths)})",
                          "lower the search's ceiling (--max-size, --start), its trials and "
                          f"learning rates (--trials, --lrs){data_options}")

    groups, tasks, refused = [], [], []
    for group in plan:
        task = task_of(group)
        try:
            check(task)
            groups.append(group)
            tasks.append(task)
            continue
        except UsageError as exc:
            if len(group) == 1:
                refused.append((group[0], exc))
                continue
        for u in group:  # narrower ensembles, one width each
            single = task_of([u])
            try:
                check(single)
            except UsageError as exc:
                refused.append((u, exc))
                continue
            groups.append([u])
            tasks.append(single)
    if not tasks:  # a doubling that fits alone no longer costs the widths below it their round
        # (M = 14: --max-size 10^6 stopped after 16 384, --max-size 65536 reached 65 536)
        raise min(refused, key=lambda r: r[0])[1]
    return groups, tasks


def guess_start(target: SearchTarget, opts: SearchOptions) -> int:
    """Default first candidate: the power-of-two width whose parameters are ≈ bits / 4 (a size
    that stores 4 bits per parameter, above what trained networks reach, so usually too small),
    as a size on the search axis.

    Parameters
    ----------
    target : SearchTarget
        What to memorise; its information bits set the guess.
    opts : SearchOptions
        The search's options: the axis (width or parameters) and model shape.

    Returns
    -------
    int
        The first candidate size on the search axis.

    Examples
    --------
    >>> guess_start(SearchTarget(inputs=10), SearchOptions.of())
    16
    >>> guess_start(SearchTarget(inputs=10), SearchOptions.of(axis="parameters"))
    210
    """
    axis = _Axis(target, opts)
    u = largest_width(axis.params, max(1, int(target.information_bits() / 4)))
    return axis.size(2 ** int(math.floor(math.log2(u))))


def _cheap(widths: list[int], axis: _Axis, opts: SearchOptions, n: int) -> bool:
    """Whether ``widths`` fit one ensemble step costing at most twice the fixed overhead (then
    more candidates per round are nearly free: the step time is overhead, not arithmetic). The
    step trains every learning rate's members too (the grid is one ensemble): counting the
    trials alone called rounds cheap that cost three times as much with compare's three rates
    (2026-12-05; the same sizes and counts, compare 6-11 % faster: docs/benchmarks.md)."""
    return axis.cost(widths, opts.seeds * len(opts.lrs), n) <= 2 * OVERHEAD_MACS


def _next(measured: dict[int, CandidateResult], axis: _Axis, opts: SearchOptions,
          w_max: int, n: int) -> list[int]:
    lo, hi = _bracket(measured, opts.success_rate)
    if hi is None:
        top = max(measured)
        if top >= w_max:
            return []
        out, s = [], axis.size(top)
        while ((len(out) < opts.bracket_steps
                or (len(out) < 2 * opts.bracket_steps and _cheap(out, axis, opts, n)))
               and (not out or out[-1] < w_max)):
            s *= 2
            w = min(axis.width(min(s, opts.max_size)), w_max)
            if w > max([top, *out]):
                out.append(w)
            elif s >= opts.max_size:
                break
        return out or [top + 1]
    # the lower edge of the gap to narrow: the largest measured width below hi, which is lo or
    # a width above it whose every trial diverged (it bounds nothing, but re-measuring it would
    # not either); None when nothing below hi was measured
    edge = max((w for w in measured if w < hi and (lo is None or w >= lo)), default=None)
    if edge is None:
        if hi == 1:
            return []
        out, s = [], axis.size(hi)
        while ((len(out) < opts.bracket_steps or _cheap(out, axis, opts, n))
               and (not out or out[-1] > 1)):
            s //= 2
            w = axis.width(max(s, 1))
            if w < min([hi, *out]):
                out.append(w)
            elif s <= 1:
                break
        return sorted(out or [hi - 1])
    gap = hi - edge
    if gap <= 1:
        return []
    k = opts.points_per_round
    while k < gap - 1 and _cheap(_spaced(edge, hi, k + 1), axis, opts, n):
        k += 1
    if gap - 1 <= k:
        return list(range(edge + 1, hi))
    return _spaced(edge, hi, k)


def _spaced(lo: int, hi: int, k: int) -> list[int]:
    """k integers evenly spaced strictly inside (lo, hi) (all of them when the gap is small)."""
    if hi - lo - 1 <= k:
        return list(range(lo + 1, hi))
    return sorted({lo + round((hi - lo) * i / (k + 1)) for i in range(1, k + 1)} - {lo, hi})


def _bracket(measured: dict[int, CandidateResult], p: float) -> tuple[int | None, int | None]:
    """``(lo, hi)``: the largest failing width, and the smallest passing width above it; a
    width whose every trial diverged is no failure of the width and is left out.

    Examples
    --------
    >>> class C:
    ...     def __init__(self, rate, all_diverged=False):
    ...         self.rate, self.all_diverged = rate, all_diverged
    >>> _bracket({1: C(1), 2: C(0), 4: C(1), 8: C(1)}, 0.5)  # the lucky pass at 1 is ignored
    (2, 4)
    >>> _bracket({4: C(1), 8: C(1)}, 0.5), _bracket({4: C(0)}, 0.5)
    ((None, 4), (4, None))
    >>> _bracket({2: C(0.5), 4: C(1)}, 0.5), _bracket({4: C(1)}, 1.0)  # a rate equal to p passes
    ((None, 2), (None, 4))
    >>> _bracket({2: C(0), 4: C(1), 8: C(0, True)}, 0.5)  # 8 diverged: 4 is still the answer
    (2, 4)
    """
    failing = [w for w, c in measured.items() if c.rate < p and not c.all_diverged]
    lo = max(failing) if failing else None
    above = [w for w, c in measured.items() if c.rate >= p and (lo is None or w > lo)]
    return lo, (min(above) if above else None)


#: Most rows (member × logged step) of the training curves a search keeps for ``metrics.csv``
#: (about 160 bytes a row held, 150 written): above it the curves are left out and the search
#: says so, its answer unchanged (2 000 steps logged every 25 are 81 rows a member).
CURVE_ROWS_LIMIT = 10**6


def _round_curves(out: TaskOutcome, group: list[int], axis: _Axis, lrs, seeds: int,
                  rnd: int) -> dict[str, np.ndarray]:
    """The curves of one trained ensemble as ``metrics.csv`` columns: the round, the
    candidate's size on the search's axis, the learning rate and the trial of each member (the
    order of :func:`~empirical.search.rounds.make_task`), then the worker's columns without its
    member index."""
    k = len(out.success)
    rows = len(out.curves["step"]) // k
    cells = [(axis.size(w), lr, j) for w in group for lr in lrs for j in range(seeds)]
    size, lr, trial = (np.array(c) for c in zip(*cells, strict=True))  # (K,) each
    cols = {"round": np.full(k * rows, rnd, dtype=np.int64), "size": np.repeat(size, rows),
            "lr": np.repeat(lr.astype(float), rows), "trial": np.repeat(trial, rows)}
    cols.update((name, v) for name, v in out.curves.items() if name != "member")
    return cols


def _joined_curves(parts: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The rounds' curves as one table, ordered by size, learning rate, trial and step."""
    cols = {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}
    order = np.lexsort((cols["step"], cols["trial"], cols["lr"], cols["size"]))
    return {name: v[order] for name, v in cols.items()}


def _candidate(w: int, axis: _Axis, opts: SearchOptions, rnd: int, succ: dict, stops: dict,
               diverged: dict) -> CandidateResult:
    by_lr = {lr: int(sum(succ[lr])) for lr in opts.lrs}
    best = min(opts.lrs, key=lambda lr: (-by_lr[lr], lr))
    s, n = by_lr[best], opts.seeds
    fits = [st for ok, st in zip(succ[best], stops[best], strict=True) if ok]
    return CandidateResult(size=axis.size(w), width=axis.model_width(w),
                           parameters=axis.params(w), trials=n,
                           successes=s, rate=s / n,
                           interval=wilson_interval(s, n, opts.confidence), best_lr=best,
                           successes_by_lr=by_lr, round=rnd,
                           steps_to_fit=float(statistics.median(fits)) if fits else None,
                           diverged_by_lr={lr: int(sum(diverged[lr])) for lr in opts.lrs})


def run_search(target: SearchTarget, opts: SearchOptions, executor=None, progress=None,
               worker=None, curves: bool = False) -> SearchResult:
    """Implementation of :func:`empirical.search.size.search_size` (same arguments).

    Parameters
    ----------
    target : SearchTarget
        What to memorise; checked with ``opts`` first (:func:`check_search`).
    opts : SearchOptions
        How to search: axis, trials, success rate, learning rates, start and ceiling.
    executor : Executor, optional
        Runs each round's ensembles (default :class:`InProcessExecutor`).
    progress : bool, str or callable, optional
        A callable is called as ``progress(done, total)`` in ensembles, ``total`` growing as
        rounds are planned; True or a label: the executor's own bar per round.
    worker : callable, optional
        Trains one :class:`~empirical.search.rounds.SearchTask` and returns its
        :class:`~empirical.search.rounds.TaskOutcome` (default
        :func:`~empirical.search.rounds.train_task`).
    curves : bool, default False
        Keep every trained member's logged metrics (``SearchResult.curves``, the search's
        ``metrics.csv``), up to :data:`CURVE_ROWS_LIMIT` rows; nothing else changes.

    Returns
    -------
    SearchResult

    Examples
    --------
    A worker that trains nothing (a trial succeeds exactly when its width is at least 5)
    shows the rounds: doublings from ``start``, then the gap between 4 and 8 filled:

    >>> import numpy as np
    >>> from empirical.search.rounds import TaskOutcome
    >>> def oracle(task):
    ...     w = np.array(task.config.widths)
    ...     return TaskOutcome(w >= 5, np.where(w >= 5, 10, -1), 0.0)
    >>> seen = []
    >>> res = run_search(SearchTarget(inputs=4), SearchOptions.of(seeds=2, start=1),
    ...                  progress=lambda done, total: seen.append((done, total)), worker=oracle)
    >>> res.needed.width, res.below.width, res.rounds
    (5, 4, 2)
    >>> [(c.width, c.round) for c in res.candidates]
    [(1, 1), (2, 1), (4, 1), (5, 2), (6, 2), (7, 2), (8, 1), (16, 1), (32, 1)]
    >>> seen                         # one ensemble per round
    [(0, 1), (1, 1), (1, 2), (2, 2)]
    """
    check_search(target, opts)
    worker = worker or train_task
    ex = executor or InProcessExecutor()
    axis = _Axis(target, opts)
    w_max = axis.width(opts.max_size)
    start_size = min(opts.start or guess_start(target, opts), opts.max_size)
    w0 = min(axis.width(start_size), w_max)
    first = [w0]
    while ((len(first) < opts.bracket_steps or (len(first) < 2 * opts.bracket_steps and _cheap(
            first, axis, opts, target.n_points))) and first[-1] < w_max):
        w = min(axis.width(min(axis.size(first[-1]) * 2, opts.max_size)), w_max)
        first.append(max(w, first[-1] + 1))
    data = target.data_config()
    measured: dict[int, CandidateResult] = {}
    memory_stop = None  # why the search stopped growing, when memory stopped it
    fittable: tuple[int, int] | None = None  # the trial with the smallest fittable share
    ensembles: list[int] = []
    curve_parts: list[dict] | None = [] if curves else None
    curve_rows, curves_note = 0, None
    done_tasks, total_tasks, rnd = 0, 0, 0
    t0 = time.perf_counter()
    pending = first
    while pending:
        rnd += 1
        lrs = opts.lrs  # the whole grid trains as one ensemble per width group; the groups are
        # formed as for one learning rate, so every member is padded exactly as before
        try:  # before any of the round trains (a round may reach --max-size)
            plan, tasks = _fitting_round(data, axis.groups(pending, opts.seeds,
                                                           target.n_points), axis, opts, rnd)
        except UsageError as exc:
            if not measured:  # nothing trained yet: bad input, refused at once
                raise
            memory_stop = str(exc)  # keep what the earlier rounds measured
            rnd -= 1  # the round did not train
            break
        if curve_parts is not None:
            tasks = [dataclasses.replace(t, curves=True) for t in tasks]
        pending = sorted(w for g in plan for w in g)  # without the widths that do not fit
        ensembles += [len(g) * len(lrs) * opts.seeds for g in plan]
        total_tasks += len(tasks)
        if callable(progress):
            progress(done_tasks, total_tasks)
            if isinstance(ex, InProcessExecutor):
                outs = []
                for task in tasks:
                    outs += ex.map(worker, [task])
                    done_tasks += 1
                    progress(done_tasks, total_tasks)
            else:
                outs = ex.map(worker, tasks)
                done_tasks += len(tasks)
                progress(done_tasks, total_tasks)
        else:
            label = f"search round {rnd}" if progress is True else progress
            outs = ex.map(worker, tasks, progress=label or False)
        succ = {w: {} for w in pending}
        stops = {w: {} for w in pending}
        diverged = {w: {} for w in pending}
        for g, out in zip(plan, outs, strict=True):
            if curve_parts is not None and out.curves is not None:
                curve_rows += len(out.curves["step"])
                if curve_rows > CURVE_ROWS_LIMIT:
                    curve_parts, curves_note = None, (
                        f"training curves left out: more than {CURVE_ROWS_LIMIT:,} rows "
                        f"(members × logged steps) by round {rnd}")
                else:
                    curve_parts.append(_round_curves(out, g, axis, lrs, opts.seeds, rnd))
            fittable = _fewest_fittable(fittable, out)
            bad = out.diverged_members()
            for i, w in enumerate(g):
                for k, lr in enumerate(lrs):
                    first = (i * len(lrs) + k) * opts.seeds
                    sl = slice(first, first + opts.seeds)
                    succ[w][lr] = [bool(v) for v in out.success[sl]]
                    stops[w][lr] = [int(v) for v in out.stop_step[sl]]
                    diverged[w][lr] = [bool(v) for v in bad[sl]]
        for w in pending:
            measured[w] = _candidate(w, axis, opts, rnd, succ[w], stops[w], diverged[w])
        pending = [w for w in _next(measured, axis, opts, w_max, target.n_points)
                   if w not in measured]
    lo, hi = _bracket(measured, opts.success_rate)
    needed = measured[hi] if hi is not None else None
    below = measured[lo] if lo is not None and needed is not None else None
    info = target.information_bits()
    return SearchResult(
        target=target, options=opts,
        candidates=[measured[w] for w in sorted(measured)], needed=needed,
        information_bits=info,
        bits_per_parameter=(bracket_bits_per_parameter(info, needed.parameters, None)[0]
                            if needed else None),
        ensemble_sizes=ensembles, wall_s=time.perf_counter() - t0, below=below, rounds=rnd,
        violations=[c.size for w, c in sorted(measured.items())
                    if lo is not None and w < lo and c.rate >= opts.success_rate],
        memory_stop=memory_stop, fittable_labels=fittable,
        curves=_joined_curves(curve_parts) if curve_parts else None, curves_note=curves_note)


def _fewest_fittable(worst: tuple[int, int] | None, out: TaskOutcome) -> tuple[int, int] | None:
    """``(best_count, labels)`` of the member whose dataset has the smallest share of labels a
    model can fit, among ``worst`` (so far) and the members of ``out`` (None when no worker
    said)."""
    if out.best_count is None or out.labels is None:
        return worst
    for best, labels in zip(out.best_count.tolist(), out.labels.tolist(), strict=True):
        if worst is None or best * worst[1] < worst[0] * labels:  # exact: no float shares
            worst = (best, labels)
    return worst
