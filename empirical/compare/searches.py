"""The trained part of ``memcap compare``: its searches as :class:`SearchJob` s, their groups,
and the worker that runs a group (:func:`run_search_group`).

This module is what a worker process imports to run a group, so it imports only the search
machinery (no sympy bounds, no constructions, no pandas): each worker starts ≈ 0.5 s sooner than
when it imported the whole comparison (:mod:`empirical.compare.compute`, which re-exports these
names).
"""

from __future__ import annotations

from dataclasses import dataclass

from capacity.errors import UsageError
from empirical.compare.result import TrainedCandidate, TrainedSize
from empirical.search.size import search_size

__all__ = ["SearchJob", "run_search_group", "search_groups", "trained_summary"]


@dataclass(frozen=True)
class SearchJob:
    """One search of a compare run: which view it feeds (``family``), its key, target, options.

    Examples
    --------
    >>> from empirical.compare.compute import search_jobs
    >>> from empirical.compare.config import CompareConfig
    >>> cfg = CompareConfig(inputs=(3,), depths=(1,), depth_inputs=(), points=(64,))
    >>> [(job.label, job.family, job.options.axis) for job in search_jobs(cfg)]   # costliest first
    [('n=64 points', 'points', 'parameters'), ('M=3 depth1', 'depth1', 'width')]
    """

    family: str
    key: int
    target: object
    options: object
    threads: int = 0

    @property
    def label(self) -> str:
        """e.g. ``M=10 depth1`` or ``n=256 points``."""
        return (f"n={self.key} {self.family}" if self.family == "points"
                else f"M={self.key} {self.family}")


def _candidate(c, depth: int) -> TrainedCandidate:
    return TrainedCandidate(size=c.size, width=c.width, hidden=c.width * depth,
                            parameters=c.parameters, trials=c.trials, successes=c.successes,
                            rate=c.rate, interval=tuple(c.interval), best_lr=c.best_lr,
                            steps_to_fit=c.steps_to_fit)


def trained_summary(result) -> TrainedSize:
    """What compare keeps of a :class:`~empirical.search.options.SearchResult`.

    ``needed`` is the smallest measured passing size above every failing one (a smaller size
    that passed below a failing one is a violation, docs/search.md), ``bracket`` the measured
    failing size just below it (None when ``needed`` is width 1): the size GD needs at rate p
    lies in ``(bracket, needed]`` up to trial noise, which the Wilson intervals quantify.

    Examples
    --------
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> res = search_size(SearchTarget(table="0001"), SearchOptions.of(seeds=2, lrs=(0.05,),
    ...                   steps=200, start=2))
    >>> s = trained_summary(res)
    >>> s.needed.width, s.needed.hidden, s.bracket
    (1, 1, None)
    """
    opts = result.options
    if result.memory_stop:  # compare has no --max-size to lower and no field for a cut search
        raise UsageError(f"a search of this comparison stopped short: {result.memory_stop}")
    needed = _candidate(result.needed, opts.depth) if result.needed is not None else None
    return TrainedSize(
        depth=opts.depth, axis=opts.axis, found=needed is not None, needed=needed,
        bracket=_candidate(result.below, opts.depth) if result.below is not None else None,
        bits_per_parameter=result.bits_per_parameter,
        information_bits=result.information_bits,
        candidates=[_candidate(c, opts.depth) for c in result.candidates],
        violations=list(result.violations), rounds=result.rounds, max_size=opts.max_size,
        ensemble_sizes=list(result.ensemble_sizes), wall_s=result.wall_s,
        diverged=result.diverged, smallest_parameters=result.smallest_parameters)


def search_groups(jobs: list[SearchJob]) -> list[tuple[SearchJob, ...]]:
    """The jobs in groups that may share trainings: same target, depth and thread count, in the
    order of each group's first (most expensive) job.

    Two searches of a group that reach the same candidate widths ask for identical ensembles
    (:func:`~empirical.search.rounds.make_task` depends on the target, the widths and the
    training options, not on the search axis), and a trained ensemble is a deterministic
    function of its task, so :func:`run_search_group` trains each distinct one once.

    Examples
    --------
    >>> from empirical.compare.compute import search_jobs
    >>> from empirical.compare.config import CompareConfig
    >>> jobs = search_jobs(CompareConfig(inputs=(3,), depth_inputs=(3,), points=()))
    >>> for group in search_groups(jobs):
    ...     print([job.label for job in group])
    ['M=3 params-depth3']
    ['M=3 depth2', 'M=3 params-depth2']
    ['M=3 depth1', 'M=3 params-depth1']
    """
    groups: dict[tuple, list[SearchJob]] = {}
    for job in jobs:
        groups.setdefault((job.target, job.options.depth, job.threads), []).append(job)
    return [tuple(g) for g in groups.values()]


def run_search_group(jobs: tuple[SearchJob, ...]) -> list[tuple[TrainedSize, int]]:
    """Executor worker: run the searches of one :func:`search_groups` group one after another,
    training every distinct ensemble once; return each search's summary and how many of its
    ensembles came from an earlier search of the group.

    Examples
    --------
    >>> import dataclasses
    >>> from empirical.engine.parameters import count_parameters
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> width = SearchJob("depth1", 3, SearchTarget(inputs=3),
    ...                   SearchOptions.of(seeds=2, lrs=(0.05,), steps=100, start=2))
    >>> params = dataclasses.replace(width, family="params-depth1", options=dataclasses.replace(
    ...     width.options, axis="parameters", start=count_parameters(3, 2, 1, 2)))
    >>> (a, reused_a), (b, reused_b) = run_search_group((width, params))
    >>> [c.width for c in b.candidates] == [c.width for c in a.candidates]
    True
    >>> len(b.ensemble_sizes), reused_a, reused_b   # the second search trained nothing new
    (2, 0, 2)
    """
    from empirical.search.rounds import train_task

    memo: dict = {}
    out = []
    for job in jobs:
        reused = 0

        def worker(task):
            nonlocal reused
            if task in memo:
                reused += 1
                return memo[task]
            return memo.setdefault(task, train_task(task))

        if job.threads:
            import torch

            torch.set_num_threads(job.threads)
        out.append((trained_summary(search_size(job.target, job.options, worker=worker)),
                    reused))
    return out
