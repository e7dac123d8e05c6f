"""Trained-capacity search: the smallest network gradient descent trains to memorise a target.

For a target (a random or named Boolean function on all 2^M inputs, an explicit truth table, or n
random points with V classes) and an architecture family (L hidden layers of width h, or a
parameter budget P from which the width is derived for depth L), a candidate size is trained S
times (new data draw and new init per trial) under each learning rate of a small grid. A trial
succeeds when train accuracy reaches the dataset's best achievable within the step budget. The
candidate's success count is the best over the learning rates (the lr with the most successes
wins, ties to the smaller lr), with a Wilson interval. The needed size is the smallest size with
success rate ≥ p, found by an exponential bracket (several doublings per round) and then k-section
on the integer widths (several interior points per round). Every round's candidates × seeds are
trained as batched ensembles (one per learning rate and width group; :mod:`empirical.search.rounds`)
through an executor.

Non-monotone rates (success is only statistically monotone in size): after every round the
bracket is recomputed from everything measured: ``lo`` = the largest measured size with rate < p,
``hi`` = the smallest measured size above ``lo`` with rate ≥ p. The search ends when ``hi`` and
``lo`` are adjacent widths (or ``hi`` is width 1 and nothing failed), so the reported size passes,
the size just below it fails, and every measured size above it passes. Sizes below ``lo`` that
passed by luck are kept in the table and listed in ``SearchResult.violations``; nothing is
re-trained.

References
----------
E. B. Wilson, JASA 22:209–212 (1927) — the interval. Z. Liu, "Memory 1" (2026) and the pluskid
notes on the learning-rate-drop effect — why the lr is searched per size. T. M. Cover, IEEE Trans.
Electron. Comput. EC-14:326–334 (1965) — 2 bits per parameter of one threshold unit.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from empirical.engine.config import ACTIVATIONS, DTYPES, OPTIMIZERS
from empirical.search.target import MAX_INPUTS, SearchTarget

__all__ = ["MAX_INPUTS", "CandidateResult", "SearchOptions", "SearchResult", "SearchTarget",
           "check_search", "count_parameters", "search_size", "width_for_parameters"]

def count_parameters(d_in: int, width: int, depth: int, classes: int, bias: bool = True) -> int:
    """Parameters (weights + biases) of the dense MLP ``d_in → width × depth → classes``.

    ``depth = 0`` is the linear model (``width`` ignored).

    Examples
    --------
    >>> count_parameters(10, 64, 1, 2)  # 10·64 + 64 + 64·2 + 2
    834
    >>> count_parameters(3, 5, 0, 2, bias=False)
    6
    """
    dims = [int(d_in)] + [int(width)] * int(depth) + [int(classes)]
    return sum(dims[i] * dims[i + 1] + (dims[i + 1] if bias else 0) for i in range(len(dims) - 1))


def width_for_parameters(d_in: int, budget: int, depth: int, classes: int,
                         bias: bool = True) -> int:
    """Largest width w ≥ 1 with ``count_parameters(d_in, w, depth, classes, bias) <= budget``.

    Returns 1 when even width 1 exceeds the budget (and for ``depth = 0``).

    Examples
    --------
    >>> width_for_parameters(10, 834, 1, 2), width_for_parameters(10, 833, 1, 2)
    (64, 63)
    >>> w = width_for_parameters(10, 834, 2, 2)
    >>> count_parameters(10, w, 2, 2) <= 834 < count_parameters(10, w + 1, 2, 2)
    True
    """
    if depth == 0 or count_parameters(d_in, 1, depth, classes, bias) > budget:
        return 1
    lo, hi = 1, 2
    while count_parameters(d_in, hi, depth, classes, bias) <= budget:
        lo, hi = hi, hi * 2
    while hi - lo > 1:  # invariant: count(lo) <= budget < count(hi)
        mid = (lo + hi) // 2
        if count_parameters(d_in, mid, depth, classes, bias) <= budget:
            lo = mid
        else:
            hi = mid
    return lo


@dataclass(frozen=True)
class SearchOptions:
    """How to search (see the module notes for the algorithm).

    Extra knobs beyond the agreed API: ``bracket_steps`` doublings tested per bracket round,
    ``points_per_round`` interior points per k-section round, ``log_every`` (how often the
    trainer checks whether every member has stopped).

    Examples
    --------
    >>> SearchOptions(lrs=[0.01, 0.003]).lrs
    (0.01, 0.003)
    >>> SearchOptions(success_rate=0)
    Traceback (most recent call last):
    ...
    ValueError: success rate p must be in (0, 1], got 0; e.g. 0.5
    """

    depth: int = 1
    axis: str = "width"
    seeds: int = 3
    success_rate: float = 0.5
    lrs: tuple[float, ...] = (3e-3, 1e-2, 3e-2)
    steps: int = 2000
    optimizer: str = "adam"
    activation: str = "relu"
    max_size: int = 4096
    start: int | None = None
    seed: int = 0
    device: str = "cpu"
    dtype: str = "float32"
    confidence: float = 0.95
    bracket_steps: int = 3
    points_per_round: int = 3
    log_every: int = 25

    def __post_init__(self) -> None:
        def integer(name, value, minimum):
            if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
                raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")

        integer("depth (hidden layers)", self.depth, 1)
        integer("seeds", self.seeds, 1)
        integer("steps", self.steps, 1)
        integer("max size", self.max_size, 1)
        integer("bracket steps", self.bracket_steps, 1)
        integer("points per round", self.points_per_round, 1)
        integer("log every", self.log_every, 1)
        if self.start is not None:
            integer("start", self.start, 1)
        if self.axis not in ("width", "parameters"):
            raise ValueError(f"unknown axis {self.axis!r}; choose width or parameters")
        if not 0 < self.success_rate <= 1:
            raise ValueError(f"success rate p must be in (0, 1], got {self.success_rate!r}; "
                             "e.g. 0.5")
        if not 0 < self.confidence < 1:
            raise ValueError(f"confidence must be in (0, 1), got {self.confidence!r}")
        lrs = tuple(dict.fromkeys(float(v) for v in self.lrs))
        if not lrs or not all(v > 0 and math.isfinite(v) for v in lrs):
            raise ValueError(f"learning rates must be positive numbers, got {self.lrs!r}; "
                             "e.g. --lrs 0.003,0.01,0.03")
        object.__setattr__(self, "lrs", lrs)
        for name, value, options in (("optimizer", self.optimizer, OPTIMIZERS),
                                     ("activation", self.activation, ACTIVATIONS),
                                     ("dtype", self.dtype, DTYPES)):
            if value not in options:
                raise ValueError(f"unknown {name} {value!r}; choose one of {', '.join(options)}")
        if self.device not in ("cpu", "cuda") and not self.device.startswith("cuda:"):
            raise ValueError(f"unknown device {self.device!r}; choose cpu or cuda")


@dataclass(frozen=True)
class CandidateResult:
    """One measured size: trials, successes (best over the lrs), Wilson interval, winning lr.

    ``steps_to_fit`` is the median step at which the successful trials of the winning lr fitted
    (None when none did).
    """

    size: int
    width: int
    parameters: int
    trials: int
    successes: int
    rate: float
    interval: tuple[float, float]
    best_lr: float
    successes_by_lr: dict[float, int]
    round: int
    steps_to_fit: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (lr keys as strings)."""
        d = dataclasses.asdict(self)
        d["interval"] = list(self.interval)
        d["successes_by_lr"] = {f"{lr:g}": s for lr, s in self.successes_by_lr.items()}
        return d


@dataclass
class SearchResult:
    """Everything a search measured, and its answer.

    ``needed`` is the smallest measured size with rate ≥ p above the largest measured size with
    rate < p (``below``, adjacent to it when the search finished) — or width 1 when nothing
    failed; None when nothing up to ``max_size`` passed. ``violations`` lists the measured sizes
    below ``below`` whose rate is ≥ p (lucky passes, ignored).
    """

    target: SearchTarget
    options: SearchOptions
    candidates: list[CandidateResult]
    needed: CandidateResult | None
    information_bits: float
    bits_per_parameter: float | None
    ensemble_sizes: list[int]
    wall_s: float
    below: CandidateResult | None = None
    rounds: int = 0
    violations: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (``format: memcap.search/1``)."""
        opts = dataclasses.asdict(self.options)
        opts["lrs"] = list(self.options.lrs)
        return {
            "format": "memcap.search/1",
            "target": dataclasses.asdict(self.target), "options": opts,
            "needed": self.needed.to_dict() if self.needed else None,
            "below": self.below.to_dict() if self.below else None,
            "information_bits": self.information_bits,
            "bits_per_parameter": self.bits_per_parameter,
            "candidates": [c.to_dict() for c in self.candidates],
            "violations": list(self.violations), "rounds": self.rounds,
            "ensemble_sizes": list(self.ensemble_sizes), "wall_s": self.wall_s,
        }

    def to_frame(self):
        """One row per candidate: size, width, parameters, trials, successes, rate, lo, hi,
        best_lr, round, steps_to_fit, and ``successes_lr=<lr>`` per learning rate."""
        import pandas as pd

        rows = []
        for c in self.candidates:
            row = {"size": c.size, "width": c.width, "parameters": c.parameters,
                   "trials": c.trials, "successes": c.successes, "rate": c.rate,
                   "lo": c.interval[0], "hi": c.interval[1], "best_lr": c.best_lr,
                   "round": c.round, "steps_to_fit": c.steps_to_fit,
                   "needed": self.needed is not None and c.size == self.needed.size}
            row.update({f"successes_lr={lr:g}": s for lr, s in c.successes_by_lr.items()})
            rows.append(row)
        return pd.DataFrame(rows)


def check_search(target: SearchTarget, options: SearchOptions) -> None:
    """Refuse a target/options pair that cannot be searched (before anything is trained).

    Examples
    --------
    >>> check_search(SearchTarget(inputs=3), SearchOptions(axis="parameters", max_size=5))
    Traceback (most recent call last):
    ...
    ValueError: max size 5 is below the smallest network (width 1 has 8 parameters at depth 1); ...
    """
    if not isinstance(target, SearchTarget) or not isinstance(options, SearchOptions):
        raise ValueError("search_size needs a SearchTarget and a SearchOptions")
    smallest = count_parameters(target.d_features, 1, options.depth, target.n_classes)
    if options.axis == "parameters" and smallest > options.max_size:
        raise ValueError(f"max size {options.max_size} is below the smallest network (width 1 "
                         f"has {smallest} parameters at depth {options.depth}); raise --max-size")


def search_size(target: SearchTarget, options: SearchOptions, executor=None,
                progress: bool | str | Callable[[int, int], None] | None = None, *,
                worker: Callable | None = None) -> SearchResult:
    """Find the smallest size whose success rate reaches ``options.success_rate``.

    Parameters
    ----------
    target, options : SearchTarget, SearchOptions
    executor : Executor, optional
        :mod:`empirical.engine.executor` (default in-process). Each round maps its ensembles at once.
    progress : bool, str or callable, optional
        True/label: the executor's bar per round; callable: ``progress(done, total)`` in
        ensembles, ``total`` growing as rounds are planned.
    worker : callable, optional
        Replaces :func:`empirical.search.rounds.train_task` (tests inject a success oracle).

    Examples
    --------
    >>> res = search_size(SearchTarget(table="0001"), SearchOptions(seeds=2, lrs=(0.05,),
    ...                   steps=200, start=2, bracket_steps=1))
    >>> res.needed.width, [c.width for c in res.candidates]  # AND: one unit suffices
    (1, [1, 2, 4])
    """
    from empirical.search.plan import run_search

    return run_search(target, options, executor, progress, worker)
