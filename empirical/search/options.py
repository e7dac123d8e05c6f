"""What a capacity search is asked (:class:`SearchOptions`) and what it returns
(:class:`CandidateResult`, :class:`SearchResult`); see :mod:`empirical.search.size` for the
algorithm.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from capacity.errors import UsageError
from capacity.options import canonical_choice, check_integer
from empirical.engine.config import (
    DTYPES,
    MAX_DEPTH,
    MAX_STEPS,
    MAX_TRIALS,
    ModelConfig,
    TrainConfig,
    check_confidence,
    check_device,
    check_fits_memory,
    check_learning_rates,
    check_success_rate,
    set_choice,
)
from empirical.engine.information import bracket_bits_per_parameter
from empirical.engine.parameters import count_parameters, count_transformer_parameters
from empirical.search.rounds import make_task

if TYPE_CHECKING:
    import numpy as np
from empirical.search.target import SearchTarget

__all__ = ["AXES", "MAX_STEPS", "CandidateResult", "SearchOptions", "SearchResult", "check_search",
           "check_steps", "smallest_parameters"]

#: What a search's size counts: hidden units (``width``) or parameters (``parameters``).
AXES = ("width", "parameters")


def check_steps(steps: int, option: str = "--steps") -> None:
    """Refuse (one line) a step budget below 1 or above :data:`MAX_STEPS`: the limits of a
    search, a hardness study (``--steps``, ``--budgets``) and a memory curve, which keep a log
    row every few steps in memory.

    Parameters
    ----------
    steps : int
        The step budget, 1 .. :data:`MAX_STEPS`.
    option : str, default "--steps"
        The option named in the message.

    Raises
    ------
    UsageError
        If ``steps`` is out of range.

    Examples
    --------
    >>> check_steps(2000)
    >>> check_steps(10**20, "--budgets")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --budgets must be at most 10000000 steps, got 100000000000000000000
    """
    if steps < 1:  # an untrained net's curve was reported as "saturated" (2026-12-01)
        raise UsageError(f"{option} must be at least 1 step, got {steps}")
    if steps > MAX_STEPS:
        raise UsageError(f"{option} must be at most {MAX_STEPS} steps, got {steps}")


@dataclass(frozen=True)
class SearchOptions:
    """How to search (see :mod:`empirical.search.size` for the algorithm).

    The model and the training recipe are the engine's own configs, wrapped: ``model`` (its
    ``depth`` and ``activation``; the width is what the search finds) and ``train`` (optimiser,
    step budget, ``log_every``; the learning rate comes from the ``lrs`` grid), checked by
    :class:`~empirical.engine.config.ModelConfig` and
    :class:`~empirical.engine.config.TrainConfig` themselves. The rest are the search's knobs:
    ``axis``, ``seeds`` (trials per size), ``success_rate``, ``lrs``, ``max_size``, ``start``,
    ``seed``, ``confidence``, ``bracket_steps`` (doublings per bracket round) and
    ``points_per_round`` (interior points per k-section round). :meth:`of` builds one from flat
    keywords, as the command line and the JSON on disk spell them.

    Examples
    --------
    >>> SearchOptions.of(lrs=[0.01, 0.003], depth=2).lrs, SearchOptions.of(depth=2).model.depth
    ((0.01, 0.003), 2)
    >>> SearchOptions.of(success_rate=0)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --success-rate must be in (0, 1], got 0; e.g. 0.5
    """

    model: ModelConfig = ModelConfig(depth=1, width=1, init_seed=0)
    train: TrainConfig = TrainConfig(steps=2000, log_every=25, early_stop=True)
    device: str = "cpu"
    dtype: str = "float32"
    axis: str = "width"
    seeds: int = 3
    success_rate: float = 0.5
    lrs: tuple[float, ...] = (3e-3, 1e-2, 3e-2)
    max_size: int = 4096
    start: int | None = None
    seed: int = 0
    confidence: float = 0.95
    bracket_steps: int = 3
    points_per_round: int = 3

    @classmethod
    def of(cls, *, depth: int = 1, activation: str = "relu", optimizer: str = "adam",
           steps: int = 2000, log_every: int = 25, model: str = "mlp", heads: int = 1,
           mlp_ratio: int = 4, trials: int | None = None, **search: Any) -> SearchOptions:
        """Options from flat keywords: the model (``model`` mlp or transformer, ``depth`` —
        hidden layers or blocks — ``activation``, a transformer's ``heads`` and ``mlp_ratio``),
        the recipe's ``optimizer``, ``steps`` and ``log_every``, and the search's own fields.
        ``trials`` (trials per size, the word of ``--trials`` and of search.json) sets the
        field ``seeds``; give one of the two.

        Examples
        --------
        >>> o = SearchOptions.of(depth=2, steps=300, trials=5)
        >>> o.model.depth, o.train.steps, o.trials, o.seeds
        (2, 300, 5, 5)
        >>> SearchOptions.of(model="transformer", heads=2, activation="gelu").model.kind
        'transformer'
        """
        if isinstance(depth, bool) or not isinstance(depth, int) or not 1 <= depth <= MAX_DEPTH:
            what = "transformer blocks" if model == "transformer" else "hidden layers"
            raise UsageError(f"--depth ({what}) must be an integer in 1..{MAX_DEPTH}, "
                             f"got {depth!r}")
        if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
            raise UsageError(f"--steps must be an integer >= 1, got {steps!r}")
        check_steps(steps)
        if isinstance(heads, bool) or not isinstance(heads, int) or heads < 1:
            raise UsageError(f"--heads must be an integer >= 1, got {heads!r}")
        if isinstance(mlp_ratio, bool) or not isinstance(mlp_ratio, int) or mlp_ratio < 1:
            raise UsageError(f"--mlp-ratio must be an integer >= 1, got {mlp_ratio!r}")
        model = ModelConfig(depth=depth, width=heads if model == "transformer" else 1,
                            activation=activation, init_seed=0, kind=model, heads=heads,
                            mlp_ratio=mlp_ratio)
        train = TrainConfig(optimizer=optimizer, steps=steps, log_every=log_every,
                            early_stop=True)
        if trials is not None:  # of(trials=3) raised TypeError (2026-12-04 review)
            if "seeds" in search:
                raise UsageError("give trials or seeds (its older name), not both")
            search["seeds"] = trials
        return cls(model=model, train=train, **search)

    @property
    def trials(self) -> int:
        """Trials per size (the field ``seeds``; ``--trials`` on the command line)."""
        return self.seeds

    def __post_init__(self) -> None:
        def integer(field, name, minimum):  # kept as an int: numpy's pass, and JSON writes it
            object.__setattr__(self, field, check_integer(name, getattr(self, field), minimum))

        if not isinstance(self.model, ModelConfig) or not isinstance(self.train, TrainConfig):
            raise UsageError("SearchOptions needs a ModelConfig and a TrainConfig; build it "
                             "with SearchOptions.of(depth=..., steps=..., ...)")
        check_integer("--depth (hidden layers)", self.model.depth, 1)
        check_integer("--steps", self.train.steps, 1)
        integer("seeds", "--trials", 1)
        if self.seeds > MAX_TRIALS:
            raise UsageError(f"--trials must be at most {MAX_TRIALS}, got {self.seeds}")
        integer("max_size", "--max-size", 1)
        integer("bracket_steps", "bracket steps", 1)
        integer("points_per_round", "points per round", 1)
        integer("seed", "--seed", 0)  # 1.5 ran as seed 1, None failed mid-search (2026-12-05)
        if self.start is not None:
            integer("start", "--start", 1)
            if self.start > self.max_size:
                raise UsageError(f"--start {self.start} is above --max-size {self.max_size}; "
                                 "lower --start or raise --max-size")
        object.__setattr__(self, "axis", canonical_choice(self.axis, AXES))
        if self.axis not in AXES:
            raise UsageError(f"unknown axis {self.axis!r}; choose width or parameters")
        check_success_rate(self.success_rate)
        check_confidence(self.confidence)
        lrs = tuple(dict.fromkeys(check_learning_rates(self.lrs)))
        object.__setattr__(self, "lrs", lrs)
        set_choice(self, "dtype", "dtype", DTYPES)
        object.__setattr__(self, "device", check_device(self.device))

    @property
    def depth(self) -> int:
        """Hidden layers of every candidate (``model.depth``)."""
        return self.model.depth

    @property
    def steps(self) -> int:
        """Step budget per trial (``train.steps``)."""
        return self.train.steps

    def model_config(self, width: int) -> ModelConfig:
        """The engine's model of a candidate of ``width``.

        Examples
        --------
        >>> SearchOptions.of(depth=2).model_config(8).width
        8
        """
        return dataclasses.replace(self.model, width=width)

    def train_config(self, lr: float) -> TrainConfig:
        """The engine's training recipe at learning rate ``lr`` (early stopping on).

        Examples
        --------
        >>> SearchOptions.of(steps=300, log_every=500).train_config(0.01).log_every
        300
        """
        return dataclasses.replace(self.train, lr=float(lr), early_stop=True,
                                   log_every=max(1, min(self.train.log_every, self.train.steps)))

    def to_flat(self) -> dict[str, Any]:
        """The flat JSON form (``search.json``'s ``options``; ``trials`` was ``seeds`` in
        memcap.search/1, the only key that changed in memcap.search/2).

        Examples
        --------
        >>> SearchOptions.of(depth=2).to_flat()["depth"]
        2
        """
        return {"depth": self.model.depth, "axis": self.axis, "trials": self.seeds,
                "success_rate": self.success_rate, "lrs": list(self.lrs),
                "steps": self.train.steps, "optimizer": self.train.optimizer,
                "activation": self.model.activation, "max_size": self.max_size,
                "start": self.start, "seed": self.seed, "device": self.device,
                "dtype": self.dtype, "confidence": self.confidence,
                "bracket_steps": self.bracket_steps, "points_per_round": self.points_per_round,
                "log_every": self.train.log_every,
                **({"model": "transformer", "heads": self.model.heads,
                    "mlp_ratio": self.model.mlp_ratio}
                   if self.model.kind == "transformer" else {}),
                **({} if self.model.bias else {"bias": False})}  # the counts depend on it


@dataclass(frozen=True)
class CandidateResult:
    """One measured size: trials, successes (best over the lrs), Wilson interval, winning lr.

    ``steps_to_fit`` is the median step at which the successful trials of the winning lr fitted
    (None when none did). ``diverged_by_lr`` counts, per learning rate, the trials that stopped
    on a non-finite loss (none of them is a success).

    Examples
    --------
    >>> c = CandidateResult(4, 4, 17, 2, 0, 0.0, (0.0, 0.66), 0.01, {0.01: 0, 0.1: 0}, 1,
    ...                     diverged_by_lr={0.01: 2, 0.1: 2})
    >>> c.all_diverged, c.to_dict()["diverged_by_lr"]
    (True, {'0.01': 2, '0.1': 2})
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
    diverged_by_lr: dict[float, int] = field(default_factory=dict)

    @property
    def all_diverged(self) -> bool:
        """Whether every trial under every learning rate diverged (the size was never really
        tried: the training, not the network, failed)."""
        return (bool(self.diverged_by_lr) and set(self.diverged_by_lr) == set(self.successes_by_lr)
                and all(d == self.trials for d in self.diverged_by_lr.values()))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (lr keys as strings; ``best_lr`` null where no lr succeeded).

        Examples
        --------
        >>> c = CandidateResult(4, 4, 17, 2, 0, 0.0, (0.0, 0.66), 0.01, {0.01: 0, 0.1: 0}, 1)
        >>> d = c.to_dict()
        >>> d["best_lr"], d["successes_by_lr"], d["interval"]   # no lr succeeded
        (None, {'0.01': 0, '0.1': 0}, [0.0, 0.66])
        >>> CandidateResult(4, 4, 17, 2, 1, 0.5, (0.09, 0.91), 0.1, {0.01: 0, 0.1: 1},
        ...                 1).to_dict()["best_lr"]
        0.1
        """
        d = dataclasses.asdict(self)
        d["interval"] = list(self.interval)
        d["best_lr"] = self.best_lr if self.successes else None
        d["successes_by_lr"] = {f"{lr:g}": s for lr, s in self.successes_by_lr.items()}
        d["diverged_by_lr"] = {f"{lr:g}": s for lr, s in self.diverged_by_lr.items()}
        return d


@dataclass
class SearchResult:
    """Everything a search measured, and its answer.

    ``needed`` is the smallest measured size with rate ≥ p above the largest measured size with
    rate < p (``below``, adjacent to it when the search finished, unless sizes between them
    diverged: a size whose every trial diverged is no failure, ``diverged_sizes``, and the
    answer is then adjacent to the largest measured one) — or the smallest passing size when
    nothing failed; None when nothing up to ``max_size`` passed. ``violations`` lists the
    measured sizes below ``below`` whose rate is ≥ p (lucky passes, ignored). ``memory_stop``
    says why the search stopped before ``max_size`` when its next round would not fit in half
    of this machine's memory (the earlier rounds' measurements are kept; None otherwise).
    ``fittable_labels`` is ``(best_count, labels)`` of the trial whose dataset has the smallest
    share of labels a model can fit (None when the workers did not say). ``curves`` holds every
    trained member's logged metrics as the columns of ``metrics.csv`` (round, size, lr, trial,
    then :func:`~empirical.engine.run.metrics_columns`' without its member index; ordered by
    size, lr, trial and step) when the search kept them, and ``curves_note`` why it did not
    keep them (too many rows); neither is in :meth:`to_dict`.

    Examples
    --------
    >>> from empirical.search.size import SearchTarget, search_size
    >>> res = search_size(SearchTarget(table="0001"), SearchOptions.of(seeds=2, lrs=(0.05,),
    ...                   steps=200, start=2))
    >>> res.needed.width, res.below, res.information_bits   # AND: width 1 fits its 4 labels
    (1, None, 4.0)
    >>> res.overstated, res.diverged, res.to_dict()["format"]
    (False, False, 'memcap.search/2')
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
    memory_stop: str | None = None
    fittable_labels: tuple[int, int] | None = None
    curves: dict[str, np.ndarray] | None = field(default=None, compare=False, repr=False)
    curves_note: str | None = None

    @property
    def overstated(self) -> bool:
        """Whether some trial's dataset has labels no model can fit (``fittable_labels``: the
        trial with the smallest share, as ``(best_count, labels)``): equal inputs, or token
        sequences sharing a prefix, with different labels. ``information_bits`` counts every
        label, so bits per parameter then overstates what the network stores."""
        return self.fittable_labels is not None and (
            self.fittable_labels[0] < self.fittable_labels[1])

    @property
    def diverged_sizes(self) -> list[int]:
        """The measured sizes at which every trial under every learning rate diverged."""
        return [c.size for c in self.candidates if c.all_diverged]

    @property
    def all_diverged(self) -> bool:
        """Whether every trial of every measured size diverged: nothing was learnt, so "not
        found" says nothing about the sizes (the training recipe failed)."""
        return bool(self.candidates) and len(self.diverged_sizes) == len(self.candidates)

    @property
    def diverged(self) -> bool:
        """Whether nothing was found and every trial at the largest size tried diverged: the
        failure there is the training recipe's, so "not found up to that size" bounds nothing."""
        return self.needed is None and bool(self.candidates) and self.candidates[-1].all_diverged

    @property
    def smallest_parameters(self) -> int:
        """Parameters of the smallest network the search space holds (width 1, a
        transformer's width ``--heads``)."""
        return smallest_parameters(self.target, self.options)

    @property
    def bits_per_parameter_interval(self) -> tuple[float, float, float] | None:
        """(estimate, lower, upper) bits per parameter over the bracket ``(below, needed]``
        (:func:`empirical.engine.memorisation.bracket_bits_per_parameter`); None if not found.
        Without a failing size below the answer the bracket reaches down to the smallest
        network: exact only when the answer is that network (sizes below it that diverged or
        were not measured said nothing; the interval collapsed to the estimate, 2026-12-06
        review)."""
        if self.needed is None:
            return None
        return bracket_bits_per_parameter(
            self.information_bits, self.needed.parameters,
            None if self.below is None else self.below.parameters, self.smallest_parameters)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (``format: memcap.search/2``: ``options.trials`` was ``seeds`` in
        memcap.search/1).

        Examples
        --------
        >>> fail = CandidateResult(1, 1, 7, 2, 0, 0.0, (0.0, 0.66), 0.05, {0.05: 0}, 1)
        >>> ok = CandidateResult(2, 2, 12, 2, 2, 1.0, (0.34, 1.0), 0.05, {0.05: 2}, 2,
        ...                      steps_to_fit=40.0)
        >>> res = SearchResult(SearchTarget(table="0110"), SearchOptions.of(seeds=2, lrs=(0.05,)),
        ...                    [fail, ok], ok, 4.0, 4 / 12, [2, 2], 0.5, below=fail, rounds=2)
        >>> d = res.to_dict()
        >>> d["format"], d["target"], d["options"]["trials"]
        ('memcap.search/2', {'kind': 'boolean', 'table': '0110', 'inputs': 2, 'outputs': 1}, 2)
        >>> d["needed"]["width"], d["below"]["best_lr"], d["bits_per_parameter_interval"]
        (2, None, [0.3333333333333333, 0.5])
        """
        opts = self.options.to_flat()
        stop = {} if self.memory_stop is None else {"memory_stop": self.memory_stop}
        if self.overstated:  # only then: files of other targets keep their keys
            stop["fittable_labels"] = list(self.fittable_labels)
        if self.curves_note is not None:  # why a search folder has no metrics.csv
            stop["curves_note"] = self.curves_note
        return {
            "format": "memcap.search/2",
            "target": self.target.to_dict(), "options": opts,
            "needed": self.needed.to_dict() if self.needed else None,
            "below": self.below.to_dict() if self.below else None,
            "information_bits": self.information_bits,
            "bits_are_information": self.target.bits_are_information(),
            "bits_per_parameter": self.bits_per_parameter,
            "bits_per_parameter_interval": (None if self.needed is None
                                            else list(self.bits_per_parameter_interval[1:])),
            "candidates": [c.to_dict() for c in self.candidates],
            "violations": list(self.violations), "rounds": self.rounds,
            "diverged": self.diverged, "ensemble_sizes": list(self.ensemble_sizes),
            "wall_s": self.wall_s,
            **stop,  # only when memory stopped the search: other files keep their keys
        }

    def to_frame(self):
        """One row per candidate: size, width, parameters, trials, successes, rate, lo, hi,
        best_lr (empty where no lr succeeded), round, steps_to_fit, diverged (trials of every
        lr that stopped on a non-finite loss), and ``successes_lr=<lr>`` per learning rate.

        Examples
        --------
        >>> fail = CandidateResult(1, 1, 7, 2, 0, 0.0, (0.0, 0.66), 0.05, {0.05: 0}, 1)
        >>> ok = CandidateResult(2, 2, 12, 2, 2, 1.0, (0.34, 1.0), 0.05, {0.05: 2}, 2,
        ...                      steps_to_fit=40.0)
        >>> res = SearchResult(SearchTarget(table="0110"), SearchOptions.of(seeds=2, lrs=(0.05,)),
        ...                    [fail, ok], ok, 4.0, 4 / 12, [2, 2], 0.5, below=fail, rounds=2)
        >>> df = res.to_frame()
        >>> df[["size", "parameters", "successes", "needed", "successes_lr=0.05"]].values.tolist()
        [[1, 7, 0, False, 0], [2, 12, 2, True, 2]]
        >>> df["best_lr"].isna().tolist()   # width 1 never succeeded: no winning lr
        [True, False]
        """
        rows = []
        for c in self.candidates:
            row = {"size": c.size, "width": c.width, "parameters": c.parameters,
                   "trials": c.trials, "successes": c.successes, "rate": c.rate,
                   "lo": c.interval[0], "hi": c.interval[1],
                   "best_lr": c.best_lr if c.successes else None,
                   "round": c.round, "steps_to_fit": c.steps_to_fit,
                   "diverged": sum(c.diverged_by_lr.values()),
                   "needed": self.needed is not None and c.size == self.needed.size}
            row.update({f"successes_lr={lr:g}": s for lr, s in c.successes_by_lr.items()})
            rows.append(row)
        import pandas as pd

        return pd.DataFrame(rows)


def smallest_parameters(target: SearchTarget, options: SearchOptions) -> int:
    """Parameters of the smallest network a search of ``target`` can train: an MLP of width 1,
    a transformer of width ``options.model.heads``, each at ``options.depth``.

    Parameters
    ----------
    target : SearchTarget
        What is memorised.
    options : SearchOptions
        The search's model, depth and heads.

    Returns
    -------
    int
        The parameter count.

    Examples
    --------
    >>> smallest_parameters(SearchTarget(inputs=3), SearchOptions.of())  # (3 + 1) + 2·(1 + 1)
    8
    """
    if options.model.kind == "transformer":  # a bias-free model is smaller: counted with
        # biases, a search whose --max-size lay between the two counts was refused (2026-12-05)
        return count_transformer_parameters(target.n_classes, target.d_features,
                                            options.model.heads, options.depth,
                                            options.model.mlp_ratio, options.model.bias,
                                            target.token_dim)
    return count_parameters(target.d_features, 1, options.depth, target.n_classes,
                            options.model.bias)


def check_search(target: SearchTarget, options: SearchOptions) -> None:
    """Refuse a target/options pair that cannot be searched (before anything is trained).

    Parameters
    ----------
    target : SearchTarget
        What to memorise; a sequences or seq2seq target needs a transformer and vice versa.
    options : SearchOptions
        The search's options; ``max_size`` must admit the smallest network, and the smallest
        ensemble (every trial and learning rate) must fit in memory.

    Raises
    ------
    UsageError
        If the pair cannot be searched.

    Examples
    --------
    >>> check_search(SearchTarget(inputs=3), SearchOptions.of(axis="parameters", max_size=5))
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --max-size 5 is below the smallest network (width 1 has 8 ...
    """
    if not isinstance(target, SearchTarget) or not isinstance(options, SearchOptions):
        raise UsageError("search_size needs a SearchTarget and a SearchOptions")
    transformer = options.model.kind == "transformer"
    if transformer != (target.kind in ("sequences", "seq2seq")):
        raise UsageError("a transformer searches random token sequences and sequences need a "
                         "transformer: use --model transformer with --points n (sequences)")
    smallest = smallest_parameters(target, options)
    if options.axis == "parameters" and smallest > options.max_size:
        raise UsageError(f"--max-size {options.max_size} is below the smallest network (width "
                         f"{options.model.heads if transformer else 1} has {smallest} "
                         f"parameters at depth {options.depth}); raise --max-size")
    if options.axis == "width" and transformer and options.model.heads > options.max_size:
        # it trained width --heads above the ceiling, then said "not found" (2026-12-01 audit)
        raise UsageError(f"--max-size {options.max_size} is below the smallest transformer "
                         f"width, --heads {options.model.heads} (the width is a multiple of "
                         "the heads); raise --max-size or lower --heads")
    if (options.axis == "width" and transformer and options.start is not None
            and options.start % options.model.heads):
        # it started at the multiple below without a word (--heads 2 --start 3 trained width 2)
        raise UsageError(f"--start {options.start} is not a multiple of --heads "
                         f"{options.model.heads} (a transformer's width is a multiple of its "
                         "heads); choose a multiple")
    # the smallest ensemble a round can train (every trial and learning rate at the smallest
    # width) must fit in memory; larger candidates are only larger
    width = options.model.heads if transformer else 1
    data = target.data_config()
    first = make_task(data, [width], options.seeds, options.lrs, options).config
    sizes = {"tokens": "--points, --seq-len, --classes",  # the target's own size options
             "seq2seq": "--points, --seq-len, --d-in, --classes"}.get(
        data.kind, "--points, --d-in, --classes")
    check_fits_memory(first.estimated_bytes(),
                      f"even the smallest ensemble of this search ({first.size} trials and "
                      f"learning rates at width {width})",
                      f"shrink the target ({sizes}) or the trials and learning rates "
                      "(--trials, --lrs)")
