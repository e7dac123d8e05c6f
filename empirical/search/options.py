"""What a capacity search is asked (:class:`SearchOptions`) and what it returns
(:class:`CandidateResult`, :class:`SearchResult`); see :mod:`empirical.search.size` for the
algorithm.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from capacity.errors import UsageError
from empirical.engine.config import DTYPES, ModelConfig, TrainConfig, check_choice, check_device
from empirical.engine.parameters import count_parameters
from empirical.search.target import SearchTarget

__all__ = ["CandidateResult", "SearchOptions", "SearchResult", "check_search"]


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
    capacity.errors.UsageError: success rate p must be in (0, 1], got 0; e.g. 0.5
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
                raise UsageError(f"{name} must be an integer >= {minimum}, got {value!r}")

        # search knobs; the model and training fields are checked by the engine's configs below
        integer("depth (hidden layers)", self.depth, 1)
        integer("seeds", self.seeds, 1)
        integer("max size", self.max_size, 1)
        integer("bracket steps", self.bracket_steps, 1)
        integer("points per round", self.points_per_round, 1)
        if self.start is not None:
            integer("start", self.start, 1)
        if self.axis not in ("width", "parameters"):
            raise UsageError(f"unknown axis {self.axis!r}; choose width or parameters")
        if not 0 < self.success_rate <= 1:
            raise UsageError(f"success rate p must be in (0, 1], got {self.success_rate!r}; "
                             "e.g. 0.5")
        if not 0 < self.confidence < 1:
            raise UsageError(f"confidence must be in (0, 1), got {self.confidence!r}")
        lrs = tuple(dict.fromkeys(float(v) for v in self.lrs))
        if not lrs or not all(v > 0 and math.isfinite(v) for v in lrs):
            raise UsageError(f"learning rates must be positive numbers, got {self.lrs!r}; "
                             "e.g. --lrs 0.003,0.01,0.03")
        object.__setattr__(self, "lrs", lrs)
        integer("steps", self.steps, 1)  # the engine allows 0 steps; a search does not
        self.model_config(1)
        self.train_config(lrs[0])
        check_choice("dtype", self.dtype, DTYPES)
        check_device(self.device)

    def model_config(self, width: int) -> ModelConfig:
        """The engine's model of a candidate of ``width`` (depth and activation from here).

        Examples
        --------
        >>> SearchOptions(depth=2).model_config(8).width
        8
        """
        return ModelConfig(depth=self.depth, width=width, activation=self.activation,
                           init_seed=0)

    def train_config(self, lr: float) -> TrainConfig:
        """The engine's training recipe at learning rate ``lr`` (early stopping on).

        Examples
        --------
        >>> SearchOptions(steps=300, log_every=500).train_config(0.01).log_every
        300
        """
        return TrainConfig(optimizer=self.optimizer, lr=float(lr), steps=self.steps,
                           log_every=max(1, min(self.log_every, self.steps)), early_stop=True)


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
    capacity.errors.UsageError: max size 5 is below the smallest network (width 1 has 8 ...
    """
    if not isinstance(target, SearchTarget) or not isinstance(options, SearchOptions):
        raise UsageError("search_size needs a SearchTarget and a SearchOptions")
    smallest = count_parameters(target.d_features, 1, options.depth, target.n_classes)
    if options.axis == "parameters" and smallest > options.max_size:
        raise UsageError(f"max size {options.max_size} is below the smallest network (width 1 "
                         f"has {smallest} parameters at depth {options.depth}); raise --max-size")
