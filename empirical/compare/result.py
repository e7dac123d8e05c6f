"""The typed result of ``memcap compare``: rows of bounds, constructions and trained sizes.

Every piece is a frozen dataclass with ``to_dict`` (the JSON written to ``compare.json``, schema
``memcap.compare/6``: /1's keys in their order, ``config.seeds`` and ``config.samples`` renamed
``config.trials`` and ``config.functions`` (/2), each row's bits-per-parameter anchors in
``anchors`` instead of ``lower`` (/3), each construction's largest |weight| beside its sizes
(/4; None when read from an older file), each trained size's ``diverged`` (/5; false when read
from an older file), each trained size's ``smallest_parameters`` (/6; None when read from an
older file)) and
``from_dict`` (its exact inverse:
``CompareResult.from_dict(r.to_dict()).to_dict() == r.to_dict()``). Figures, reports and findings
read attributes; only data keys stay dictionary keys (bound ids, builder names, search families,
depths).

Examples
--------
>>> t = TrainedCandidate(size=4, width=4, hidden=4, parameters=22, trials=5, successes=5,
...                      rate=1.0, interval=(0.57, 1.0), best_lr=0.01, steps_to_fit=120.0)
>>> TrainedCandidate.from_dict(t.to_dict()) == t
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from capacity.errors import UsageError
from capacity.user_files import damage_text
from empirical.compare.config import CompareConfig

__all__ = ["FORMAT", "CompareResult", "CompareRow", "ConstructionColumn", "DepthRow",
           "PointsRow", "SearchTiming", "SizeStats", "Sizes", "Timing", "TrainedCandidate",
           "TrainedSize"]

#: Schema tag of ``compare.json``.
FORMAT = "memcap.compare/6"
#: The formats :meth:`CompareResult.from_dict` reads: /1 named the trials per size ``seeds``
#: and the random functions per M ``samples`` (now ``trials`` and ``functions``); /1 and /2
#: kept each row's bits-per-parameter anchors in its ``lower`` map (now ``anchors``); /1 to /3
#: have no largest |weight| (read as None); /1 to /4 no trained size's ``diverged`` (read as
#: false; the key made an older memcap fail on a newer file, so the version moved); /1 to /5
#: no trained size's ``smallest_parameters`` (read as None; added on 2026-12-06 without a
#: version change, so memcap of 2026-12-04..06 failed on the key: /6 since 2026-12-07).
READ_FORMATS = ("memcap.compare/1", "memcap.compare/2", "memcap.compare/3",
                "memcap.compare/4", "memcap.compare/5", FORMAT)

#: The size fields of a network (constructions.network.NetworkSizes) that compare keeps.
SIZE_FIELDS = ("hidden", "neurons", "edges", "parameters", "depth")


@dataclass(frozen=True)
class SizeStats:
    """Min, median and max of one size over the sampled maps.

    Examples
    --------
    >>> SizeStats.of([5, 3, 4]).to_dict()
    {'min': 3, 'median': 4, 'max': 5}
    """

    min: int
    median: int
    max: int

    @classmethod
    def of(cls, values) -> SizeStats:
        """The stats of a non-empty list of ints (the median is the lower middle value).

        Examples
        --------
        >>> SizeStats.of([4, 1, 3, 2])   # an even count: the lower of the two middle values
        SizeStats(min=1, median=2, max=4)
        """
        v = sorted(int(x) for x in values)
        return cls(v[0], v[(len(v) - 1) // 2], v[-1])

    def to_dict(self) -> dict[str, int]:
        """``{"min", "median", "max"}``.

        Examples
        --------
        >>> SizeStats(1, 2, 4).to_dict()
        {'min': 1, 'median': 2, 'max': 4}
        """
        return {"min": self.min, "median": self.median, "max": self.max}

    @classmethod
    def from_dict(cls, d: dict) -> SizeStats:
        """Inverse of :meth:`to_dict`.

        Examples
        --------
        >>> s = SizeStats.of([5, 3, 4])
        >>> SizeStats.from_dict(s.to_dict()) == s
        True
        """
        return cls(int(d["min"]), int(d["median"]), int(d["max"]))


@dataclass(frozen=True)
class Sizes:
    """The sizes of one network: hidden units, neurons, edges, parameters, depth, and its
    largest |weight| (an exact int; None when read from a file of format /1 to /3).

    Examples
    --------
    >>> s = Sizes(hidden=3, neurons=4, edges=9, parameters=13, depth=2, max_abs_weight=2)
    >>> Sizes.from_dict(s.to_dict()) == s
    True
    """

    hidden: int
    neurons: int
    edges: int
    parameters: int
    depth: int
    max_abs_weight: int | None = None

    def to_dict(self) -> dict[str, int | None]:
        """JSON-ready dict.

        Examples
        --------
        >>> Sizes(hidden=3, neurons=4, edges=9, parameters=13, depth=2).to_dict()
        {'hidden': 3, 'neurons': 4, 'edges': 9, 'parameters': 13, 'depth': 2,
         'max_abs_weight': None}
        """
        return {**{f: getattr(self, f) for f in SIZE_FIELDS},
                "max_abs_weight": self.max_abs_weight}

    @classmethod
    def from_dict(cls, d: dict) -> Sizes:
        """Inverse of :meth:`to_dict`.

        Examples
        --------
        >>> s = Sizes(hidden=3, neurons=4, edges=9, parameters=13, depth=2, max_abs_weight=2)
        >>> Sizes.from_dict(s.to_dict()) == s
        True
        >>> old = {k: v for k, v in s.to_dict().items() if k != "max_abs_weight"}   # /1 to /3
        >>> Sizes.from_dict(old).max_abs_weight is None
        True
        """
        weight = d.get("max_abs_weight")
        return cls(**{f: int(d[f]) for f in SIZE_FIELDS},
                   max_abs_weight=None if weight is None else int(weight))


@dataclass(frozen=True)
class ConstructionColumn:
    """One builder on the sampled maps of one M: size stats, per-sample sizes, verification.

    ``per_sample[field]`` lists that size (and ``max_abs_weight``, the largest |weight| of the
    network) for each sampled map, in sample order; ``variants`` are the concrete methods the
    builder chose (``auto:dnf(exact)``, ...). ``max_abs_weight`` is None in a column read from
    a file of format /1 to /3.

    Examples
    --------
    >>> from empirical.compare.rows import construction_sizes
    >>> col = construction_sizes(3, samples=3, methods=("lookup",))["lookup"]
    >>> col.per_sample["hidden"], col.stats("hidden"), col.verified == col.samples
    ([3, 4, 3], SizeStats(min=3, median=3, max=4), True)
    >>> ConstructionColumn.from_dict(col.to_dict()) == col
    True
    """

    hidden: SizeStats
    neurons: SizeStats
    edges: SizeStats
    parameters: SizeStats
    depth: SizeStats
    per_sample: dict[str, list[int]]
    verified: int
    samples: int
    variants: list[str]
    max_abs_weight: SizeStats | None = None

    def stats(self, size: str) -> SizeStats | None:
        """The stats of ``size`` (one of hidden, neurons, edges, parameters, depth, or
        max_abs_weight, which may be None).

        Examples
        --------
        >>> s = SizeStats.of([3, 4, 3])
        >>> col = ConstructionColumn(s, s, s, s, SizeStats.of([2, 2, 2]), per_sample={},
        ...                          verified=3, samples=3, variants=["lookup"])
        >>> col.stats("depth"), col.stats("max_abs_weight") is None
        (SizeStats(min=2, median=2, max=2), True)
        """
        return getattr(self, size)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict.

        Examples
        --------
        >>> s = SizeStats.of([3, 4, 3])
        >>> col = ConstructionColumn(s, s, s, s, s, per_sample={"hidden": [3, 4, 3]},
        ...                          verified=3, samples=3, variants=["lookup"])
        >>> d = col.to_dict()
        >>> d["hidden"], d["max_abs_weight"], d["per_sample"]
        ({'min': 3, 'median': 3, 'max': 4}, None, {'hidden': [3, 4, 3]})
        """
        return {**{f: self.stats(f).to_dict() for f in SIZE_FIELDS},
                "max_abs_weight": self.max_abs_weight and self.max_abs_weight.to_dict(),
                "per_sample": {k: list(v) for k, v in self.per_sample.items()},
                "verified": self.verified, "samples": self.samples,
                "variants": list(self.variants)}

    @classmethod
    def from_dict(cls, d: dict) -> ConstructionColumn:
        """Inverse of :meth:`to_dict`.

        Examples
        --------
        >>> s, w = SizeStats.of([3, 4, 3]), SizeStats.of([1, 2, 1])
        >>> col = ConstructionColumn(s, s, s, s, s, per_sample={"hidden": [3, 4, 3]},
        ...                          verified=3, samples=3, variants=["lookup"],
        ...                          max_abs_weight=w)
        >>> ConstructionColumn.from_dict(col.to_dict()) == col
        True
        """
        weight = d.get("max_abs_weight")
        return cls(**{f: SizeStats.from_dict(d[f]) for f in SIZE_FIELDS},
                   max_abs_weight=None if weight is None else SizeStats.from_dict(weight),
                   per_sample={k: [int(x) for x in v] for k, v in d["per_sample"].items()},
                   verified=int(d["verified"]), samples=int(d["samples"]),
                   variants=list(d["variants"]))


@dataclass(frozen=True)
class TrainedCandidate:
    """One measured size of a search: its width, hidden units, parameters and success rate.

    Examples
    --------
    >>> c = TrainedCandidate(size=4, width=4, hidden=8, parameters=46, trials=5, successes=4,
    ...                      rate=0.8, interval=(0.38, 0.96), best_lr=0.01, steps_to_fit=300.0)
    >>> c.to_dict()["interval"], TrainedCandidate.from_dict(c.to_dict()) == c   # a list in JSON
    ([0.38, 0.96], True)
    """

    size: int
    width: int
    hidden: int
    parameters: int
    trials: int
    successes: int
    rate: float
    interval: tuple[float, float]
    best_lr: float
    steps_to_fit: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the interval as a list).

        Examples
        --------
        >>> c = TrainedCandidate(size=2, width=2, hidden=2, parameters=9, trials=4, successes=0,
        ...                      rate=0.0, interval=(0.0, 0.49), best_lr=0.03, steps_to_fit=None)
        >>> d = c.to_dict()
        >>> d["interval"], d["steps_to_fit"]   # no trial fitted: no step count
        ([0.0, 0.49], None)
        """
        return {"size": self.size, "width": self.width, "hidden": self.hidden,
                "parameters": self.parameters, "trials": self.trials,
                "successes": self.successes, "rate": self.rate,
                "interval": list(self.interval), "best_lr": self.best_lr,
                "steps_to_fit": self.steps_to_fit}

    @classmethod
    def from_dict(cls, d: dict) -> TrainedCandidate:
        """Inverse of :meth:`to_dict`.

        Examples
        --------
        >>> import json
        >>> c = TrainedCandidate(2, 2, 2, 9, 4, 3, 0.75, (0.3, 0.95), 0.03, 250.0)
        >>> back = TrainedCandidate.from_dict(json.loads(json.dumps(c.to_dict())))
        >>> back == c, back.interval   # the JSON list comes back as a tuple
        (True, (0.3, 0.95))
        """
        return cls(**{**d, "interval": tuple(d["interval"])})


def _candidate(d: dict | None) -> TrainedCandidate | None:
    return None if d is None else TrainedCandidate.from_dict(d)


@dataclass(frozen=True)
class TrainedSize:
    """What one search measured: the needed size (``needed``), the failing size just below it
    (``bracket``), bits per parameter, and every measured candidate.

    The size GD needs at rate p lies in ``(bracket, needed]`` up to trial noise (the Wilson
    intervals); ``needed`` is None when nothing up to ``max_size`` passed, and ``diverged`` is
    then True when every trial at the largest size tried diverged (a non-finite loss: the
    recipe failed there, so "not found" bounds nothing; False in files written before it was
    recorded). ``smallest_parameters`` counts the smallest network of the search space (width 1):
    with no failing size below ``needed``, the smallest size that fits lies in
    ``[smallest_parameters, needed]`` (None in files written before 2026-12-06, read as the
    needed count: the bracket closed at ``needed``).

    Examples
    --------
    >>> one = TrainedCandidate(1, 1, 1, 7, 2, 2, 1.0, (0.34, 1.0), 0.05, 13.0)   # AND: width 1
    >>> t = TrainedSize(depth=1, axis="width", found=True, needed=one, bracket=None,
    ...                 bits_per_parameter=4 / 7, information_bits=4.0, candidates=[one],
    ...                 violations=[], rounds=2, max_size=64, ensemble_sizes=[2], wall_s=0.1)
    >>> t.bits_per_parameter_range()   # no failing size below: both ends 4 bits / 7
    (0.5714285714285714, 0.5714285714285714)
    >>> TrainedSize.from_dict(t.to_dict()) == t
    True
    """

    depth: int
    axis: str
    found: bool
    needed: TrainedCandidate | None
    bracket: TrainedCandidate | None
    bits_per_parameter: float | None
    information_bits: float
    candidates: list[TrainedCandidate]
    violations: list[int]
    rounds: int | None
    max_size: int
    ensemble_sizes: list[int]
    wall_s: float
    diverged: bool = False
    smallest_parameters: int | None = None

    def not_found(self, unit: str = "") -> str:
        """The words for a search that found nothing: ``not found ≤ <max_size>[ unit]``, or
        ``diverged at <largest size tried>[ unit]`` when its trials there all diverged.

        Examples
        --------
        >>> t = TrainedSize(1, "width", False, None, None, None, 4.0, [], [], 1, 64, [], 0.0)
        >>> t.not_found(), t.not_found("parameters")
        ('not found ≤ 64', 'not found ≤ 64 parameters')
        """
        tail = f" {unit}" if unit else ""
        if self.diverged:
            top = self.candidates[-1].size if self.candidates else self.max_size
            return f"diverged at {top}{tail}"
        return f"not found ≤ {self.max_size}{tail}"

    def bits_per_parameter_range(self) -> tuple[float, float] | None:
        """Bits per parameter implied by the bracket: the needed parameter count P* lies in
        ``(bracket, needed]``, so bits/P* lies in ``[bits/needed, bits/(bracket + 1)]``; with no
        failing size below, P* lies in ``[smallest_parameters, needed]`` (both ends
        bits/needed when width 1 passed; the upper end was bits/needed whatever the smallest
        size, 2026-12-06 review). None when not found.

        Examples
        --------
        >>> c = lambda p: TrainedCandidate(p, 1, 1, p, 1, 1, 1.0, (0.0, 1.0), 0.01, None)
        >>> t = TrainedSize(1, "width", True, c(56), c(47), None, 64, [], [], 1, 9, [], 0.0)
        >>> t.bits_per_parameter_range()
        (1.1428571428571428, 1.3333333333333333)
        """
        if self.needed is None:
            return None
        from empirical.engine.information import bracket_bits_per_parameter

        _, lo, hi = bracket_bits_per_parameter(
            float(self.information_bits), self.needed.parameters,
            None if self.bracket is None else self.bracket.parameters, self.smallest_parameters)
        return lo, hi

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict.

        Examples
        --------
        >>> one = TrainedCandidate(1, 1, 1, 7, 2, 2, 1.0, (0.34, 1.0), 0.05, 13.0)
        >>> t = TrainedSize(1, "width", True, one, None, 4 / 7, 4.0, [one], [], 2, 64, [2], 0.1)
        >>> d = t.to_dict()
        >>> d["needed"]["parameters"], d["bracket"], len(d["candidates"]), d["diverged"]
        (7, None, 1, False)
        """
        return {"depth": self.depth, "axis": self.axis, "found": self.found,
                "needed": None if self.needed is None else self.needed.to_dict(),
                "bracket": None if self.bracket is None else self.bracket.to_dict(),
                "bits_per_parameter": self.bits_per_parameter,
                "information_bits": self.information_bits,
                "candidates": [c.to_dict() for c in self.candidates],
                "violations": list(self.violations), "rounds": self.rounds,
                "max_size": self.max_size, "ensemble_sizes": list(self.ensemble_sizes),
                "wall_s": self.wall_s, "diverged": self.diverged,
                "smallest_parameters": self.smallest_parameters}

    @classmethod
    def from_dict(cls, d: dict) -> TrainedSize:
        """Inverse of :meth:`to_dict`.

        Examples
        --------
        >>> import json
        >>> one = TrainedCandidate(1, 1, 1, 7, 2, 2, 1.0, (0.34, 1.0), 0.05, 13.0)
        >>> t = TrainedSize(1, "width", True, one, None, 4 / 7, 4.0, [one], [], 2, 64, [2], 0.1)
        >>> TrainedSize.from_dict(json.loads(json.dumps(t.to_dict()))) == t
        True
        """
        return cls(**{**d, "needed": _candidate(d["needed"]), "bracket": _candidate(d["bracket"]),
                      "candidates": [TrainedCandidate.from_dict(c) for c in d["candidates"]],
                      "violations": list(d["violations"]),
                      "ensemble_sizes": list(d["ensemble_sizes"])})


@dataclass(frozen=True)
class CompareRow:
    """One M of the table: lower bounds, constructions on sampled maps, the universal
    constructions' worst case, trained sizes, and the consistency violations found.

    ``lower`` maps bound ids to exact values (None where a bound does not apply); ``anchors``
    maps the bits-per-parameter anchors' ids to theirs (reference lines, not bounds);
    ``constructions`` and ``worst_case`` map builder names; ``trained`` maps search families
    (``depth1``, ``depth2``, ...).

    Examples
    --------
    >>> lookup = Sizes(hidden=2, neurons=3, edges=6, parameters=9, depth=2, max_abs_weight=1)
    >>> row = CompareRow(M=2, N=1, information_bits=4, lower={"exact.any-depth": 2},
    ...                  constructions={}, worst_case={"lookup": lookup},
    ...                  anchors={"info.boolean-params.cover-2": 2})
    >>> CompareRow.from_dict(row.to_dict()) == row
    True
    >>> old = {**row.to_dict(), "lower": {"exact.any-depth": 2, "info.boolean-params.cover-2": 2}}
    >>> del old["anchors"]   # format /1 or /2: the anchors were in ``lower``
    >>> CompareRow.from_dict(old) == row
    True
    """

    M: int
    N: int
    information_bits: int
    lower: dict[str, int | None]
    constructions: dict[str, ConstructionColumn]
    worst_case: dict[str, Sizes]
    trained: dict[str, TrainedSize] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    anchors: dict[str, int | None] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict.

        Examples
        --------
        >>> row = CompareRow(M=2, N=1, information_bits=4, lower={"exact.any-depth": 2},
        ...                  constructions={}, worst_case={}, anchors={"info.x": 2})
        >>> d = row.to_dict()
        >>> list(d)
        ['M', 'N', 'information_bits', 'lower', 'anchors', 'constructions', 'worst_case',
         'trained', 'violations']
        >>> d["lower"], d["anchors"]
        ({'exact.any-depth': 2}, {'info.x': 2})
        """
        return {"M": self.M, "N": self.N, "information_bits": self.information_bits,
                "lower": dict(self.lower), "anchors": dict(self.anchors),
                "constructions": {k: c.to_dict() for k, c in self.constructions.items()},
                "worst_case": {k: s.to_dict() for k, s in self.worst_case.items()},
                "trained": {k: t.to_dict() for k, t in self.trained.items()},
                "violations": list(self.violations)}

    @classmethod
    def from_dict(cls, d: dict) -> CompareRow:
        """Inverse of :meth:`to_dict` (a row of format /1 or /2, whose anchors are in
        ``lower``, is read with them moved to ``anchors``).

        Examples
        --------
        >>> old = {"M": 2, "N": 1, "information_bits": 4, "constructions": {},
        ...        "lower": {"exact.any-depth": 2, "info.boolean-params.cover-2": 2}}
        >>> row = CompareRow.from_dict(old)
        >>> row.lower, row.anchors
        ({'exact.any-depth': 2}, {'info.boolean-params.cover-2': 2})
        >>> CompareRow.from_dict(row.to_dict()) == row
        True
        """
        lower = {k: v for k, v in d["lower"].items() if not k.startswith("info.")}
        anchors = {**{k: v for k, v in d["lower"].items() if k.startswith("info.")},
                   **d.get("anchors", {})}
        return cls(M=int(d["M"]), N=int(d.get("N", 1)), information_bits=d["information_bits"],
                   lower=lower, anchors=anchors,
                   constructions={k: ConstructionColumn.from_dict(c)
                                  for k, c in d["constructions"].items()},
                   worst_case={k: Sizes.from_dict(s) for k, s in d.get("worst_case", {}).items()},
                   trained={k: TrainedSize.from_dict(t) for k, t in d.get("trained", {}).items()},
                   violations=list(d.get("violations", [])))


@dataclass(frozen=True)
class DepthRow:
    """The equal-parameter depth comparison at one M: a parameter-axis search per depth.

    Examples
    --------
    >>> import json
    >>> t = TrainedSize(1, "parameters", False, None, None, None, 4.0, [], [], 1, 64, [], 0.0)
    >>> row = DepthRow(M=2, information_bits=4, by_depth={1: t, 2: t})
    >>> d = json.loads(json.dumps(row.to_dict()))   # JSON writes the depth keys as strings
    >>> sorted(d["by_depth"]), DepthRow.from_dict(d) == row
    (['1', '2'], True)
    """

    M: int
    information_bits: int
    by_depth: dict[int, TrainedSize]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (depth keys stay ints here; JSON turns them into strings).

        Examples
        --------
        >>> t = TrainedSize(1, "parameters", False, None, None, None, 4.0, [], [], 1, 64, [], 0.0)
        >>> d = DepthRow(M=2, information_bits=4, by_depth={1: t, 2: t}).to_dict()
        >>> d["M"], list(d["by_depth"]), d["by_depth"][2]["found"]
        (2, [1, 2], False)
        """
        return {"M": self.M, "information_bits": self.information_bits,
                "by_depth": {d: t.to_dict() for d, t in self.by_depth.items()}}

    @classmethod
    def from_dict(cls, d: dict) -> DepthRow:
        """Inverse of :meth:`to_dict` (accepts the string depth keys of a JSON file).

        Examples
        --------
        >>> t = TrainedSize(1, "parameters", False, None, None, None, 4.0, [], [], 1, 64, [], 0.0)
        >>> d = {"M": 2, "information_bits": 4, "by_depth": {"1": t.to_dict()}}
        >>> row = DepthRow.from_dict(d)
        >>> list(row.by_depth), row.by_depth[1] == t
        ([1], True)
        """
        return cls(M=int(d["M"]), information_bits=d["information_bits"],
                   by_depth={int(k): TrainedSize.from_dict(t) for k, t in d["by_depth"].items()})


@dataclass(frozen=True)
class PointsRow:
    """The random-label view at one n: anchors (parameters at 2, 3.6, 5 bits/parameter) and the
    parameters GD needed.

    Examples
    --------
    >>> t = TrainedSize(1, "parameters", False, None, None, None, 100.0, [], [], 1, 64, [], 0.0)
    >>> row = PointsRow(n=100, classes=2, d_in=8, information_bits=100.0,
    ...                 anchors={"info.points-params.cover-2": 50}, trained=t)   # 100 bits / 2
    >>> PointsRow.from_dict(row.to_dict()) == row, row.trained.not_found("parameters")
    (True, 'not found ≤ 64 parameters')
    """

    n: int
    classes: int
    d_in: int
    information_bits: float
    anchors: dict[str, int | None]
    trained: TrainedSize

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict.

        Examples
        --------
        >>> t = TrainedSize(1, "parameters", False, None, None, None, 100.0, [], [], 1, 64, [], 0.0)
        >>> d = PointsRow(100, 2, 8, 100.0, {"info.points-params.cover-2": 50}, t).to_dict()
        >>> d["n"], d["anchors"], d["trained"]["max_size"]
        (100, {'info.points-params.cover-2': 50}, 64)
        """
        return {"n": self.n, "classes": self.classes, "d_in": self.d_in,
                "information_bits": self.information_bits, "anchors": dict(self.anchors),
                "trained": self.trained.to_dict()}

    @classmethod
    def from_dict(cls, d: dict) -> PointsRow:
        """Inverse of :meth:`to_dict`.

        Examples
        --------
        >>> import json
        >>> t = TrainedSize(1, "parameters", False, None, None, None, 100.0, [], [], 1, 64, [], 0.0)
        >>> row = PointsRow(100, 2, 8, 100.0, {"info.points-params.cover-2": 50}, t)
        >>> PointsRow.from_dict(json.loads(json.dumps(row.to_dict()))) == row
        True
        """
        return cls(n=int(d["n"]), classes=int(d["classes"]), d_in=int(d["d_in"]),
                   information_bits=d["information_bits"], anchors=dict(d["anchors"]),
                   trained=TrainedSize.from_dict(d["trained"]))


@dataclass(frozen=True)
class SearchTiming:
    """Wall time and ensembles of one search; ``reused`` of its ensembles were trained by an
    earlier search of its group (:func:`empirical.compare.compute.run_search_group`) and cost
    nothing here.

    Examples
    --------
    >>> s = SearchTiming("M=3 depth1", wall_s=1.5, ensembles=3, ensemble_sizes=[8, 8, 4])
    >>> SearchTiming.from_dict(s.to_dict()) == s
    True
    >>> old = {k: v for k, v in s.to_dict().items() if k != "reused"}   # an older file
    >>> SearchTiming.from_dict(old).reused
    0
    """

    search: str
    wall_s: float
    ensembles: int
    ensemble_sizes: list[int]
    reused: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict.

        Examples
        --------
        >>> SearchTiming("M=3 depth1", 1.5, 3, [8, 8, 4], reused=1).to_dict()
        {'search': 'M=3 depth1', 'wall_s': 1.5, 'ensembles': 3, 'ensemble_sizes': [8, 8, 4],
         'reused': 1}
        """
        return {"search": self.search, "wall_s": self.wall_s, "ensembles": self.ensembles,
                "ensemble_sizes": list(self.ensemble_sizes), "reused": self.reused}

    @classmethod
    def from_dict(cls, d: dict) -> SearchTiming:
        """Inverse of :meth:`to_dict` (files from before ``reused`` existed read as 0).

        Examples
        --------
        >>> s = SearchTiming("M=3 depth1", 1.5, 3, [8, 8, 4], reused=1)
        >>> SearchTiming.from_dict(s.to_dict()) == s
        True
        >>> SearchTiming.from_dict({"search": "M=3 depth1", "wall_s": 1.5, "ensembles": 3,
        ...                         "ensemble_sizes": [8, 8, 4]}).reused
        0
        """
        return cls(d["search"], d["wall_s"], int(d["ensembles"]), list(d["ensemble_sizes"]),
                   int(d.get("reused", 0)))


@dataclass(frozen=True)
class Timing:
    """Where a compare run's time went.

    Examples
    --------
    >>> import json
    >>> s = SearchTiming("M=3 depth1", 1.5, 3, [8, 8, 4])
    >>> t = Timing({3: 0.2}, [s], bounds_s=0.1, executor="InProcessExecutor", searches_s=1.5,
    ...            total_s=1.9)
    >>> d = json.loads(json.dumps(t.to_dict()))   # JSON writes the M keys as strings
    >>> d["constructions_s"], Timing.from_dict(d) == t
    ({'3': 0.2}, True)
    """

    constructions_s: dict[int, float]
    searches: list[SearchTiming]
    bounds_s: float
    executor: str
    searches_s: float
    total_s: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict.

        Examples
        --------
        >>> s = SearchTiming("M=3 depth1", 1.5, 3, [8, 8, 4])
        >>> d = Timing({3: 0.2}, [s], 0.1, "InProcessExecutor", 1.5, 1.9).to_dict()
        >>> d["constructions_s"], d["searches"][0]["search"], d["total_s"]   # int M keys here
        ({3: 0.2}, 'M=3 depth1', 1.9)
        """
        return {"constructions_s": dict(self.constructions_s),
                "searches": [s.to_dict() for s in self.searches], "bounds_s": self.bounds_s,
                "executor": self.executor, "searches_s": self.searches_s,
                "total_s": self.total_s}

    @classmethod
    def from_dict(cls, d: dict) -> Timing:
        """Inverse of :meth:`to_dict` (accepts the string M keys of a JSON file).

        Examples
        --------
        >>> import json
        >>> t = Timing({3: 0.2, 4: 0.5}, [], 0.1, "InProcessExecutor", 0.0, 0.8)
        >>> back = Timing.from_dict(json.loads(json.dumps(t.to_dict())))
        >>> back == t, list(back.constructions_s)
        (True, [3, 4])
        """
        return cls(constructions_s={int(k): v for k, v in d["constructions_s"].items()},
                   searches=[SearchTiming.from_dict(s) for s in d["searches"]],
                   bounds_s=d["bounds_s"], executor=d["executor"],
                   searches_s=d["searches_s"], total_s=d["total_s"])


@dataclass(frozen=True)
class CompareResult:
    """Everything a compare run produced: its config, the rows, the two extra views, the
    consistency violations, the timing and the findings in words.

    Examples
    --------
    >>> timing = Timing({}, [], bounds_s=0.0, executor="InProcessExecutor", searches_s=0.0,
    ...                 total_s=0.0)
    >>> r = CompareResult(CompareConfig(inputs=(2,), train=False), {"memcap": "0"}, [], [], [], [],
    ...                   timing)
    >>> r.outputs, r.searches(), r.to_dict()["format"]
    (1, [], 'memcap.compare/6')
    >>> CompareResult.from_dict(r.to_dict()) == r
    True
    """

    config: CompareConfig
    versions: dict[str, str]
    rows: list[CompareRow]
    depth_comparison: list[DepthRow]
    random_labels: list[PointsRow]
    violations: list[str]
    timing: Timing
    findings: list[str] = field(default_factory=list)

    @property
    def outputs(self) -> int:
        """N, the number of outputs of the compared maps."""
        return self.config.outputs

    def searches(self) -> list[TrainedSize]:
        """Every search of the run: the table's, the depth comparison's, the random labels'.

        Examples
        --------
        >>> lost = lambda d: TrainedSize(d, "width", False, None, None, None, 4.0, [], [], 1,
        ...                              64, [], 0.0)
        >>> row = CompareRow(2, 1, 4, {}, {}, {}, trained={"depth1": lost(1)})
        >>> depth = DepthRow(2, 4, {1: lost(1), 2: lost(2), 3: lost(3)})
        >>> timing = Timing({}, [], 0.0, "InProcessExecutor", 0.0, 0.0)
        >>> r = CompareResult(CompareConfig(inputs=(2,), train=False), {}, [row], [depth], [], [],
        ...                   timing)
        >>> [t.depth for t in r.searches()]   # the row's search, then the depth comparison's
        [1, 1, 2, 3]
        """
        return ([t for r in self.rows for t in r.trained.values()]
                + [t for d in self.depth_comparison for t in d.by_depth.values()]
                + [p.trained for p in self.random_labels])

    def to_dict(self) -> dict[str, Any]:
        """The ``compare.json`` dict (``format: memcap.compare/6``; /1 had ``config.seeds`` for
        ``config.trials``, /1 and /2 the anchors in each row's ``lower``).

        Examples
        --------
        >>> timing = Timing({}, [], 0.0, "InProcessExecutor", 0.0, 0.0)
        >>> r = CompareResult(CompareConfig(inputs=(2,), train=False), {"memcap": "0"}, [], [],
        ...                   [], ["none"], timing)
        >>> d = r.to_dict()
        >>> d["format"], d["config"]["inputs"], d["violations"]
        ('memcap.compare/6', [2], ['none'])
        """
        return {"format": FORMAT, "config": self.config.to_dict(),
                "versions": dict(self.versions),
                "rows": [r.to_dict() for r in self.rows],
                "depth_comparison": [d.to_dict() for d in self.depth_comparison],
                "random_labels": [p.to_dict() for p in self.random_labels],
                "violations": list(self.violations), "timing": self.timing.to_dict(),
                "findings": list(self.findings)}

    @classmethod
    def from_dict(cls, d: dict) -> CompareResult:
        """Read a ``compare.json`` dict back (refuses another format).

        Examples
        --------
        >>> CompareResult.from_dict({"format": "memcap.search/1"})
        Traceback (most recent call last):
        ...
        capacity.errors.UsageError: not a compare result: format 'memcap.search/1', expected ...
        >>> CompareResult.from_dict({"format": FORMAT})
        Traceback (most recent call last):
        ...
        capacity.errors.UsageError: not a compare result (the field 'config' is missing); ...
        """
        if not isinstance(d, dict):
            raise UsageError(f"not a compare result: a {type(d).__name__}, not a table of "
                             "fields")
        if d.get("format") not in READ_FORMATS:
            raise UsageError(f"not a compare result: format {d.get('format')!r}, expected "
                             f"{FORMAT!r}")
        try:  # a file that names the format but whose fields are damaged is bad input too, as
            # `memcap hardness --report` says of a hardness file (a bare KeyError, 2026-12-07)
            return cls._from_fields(d)
        except (KeyError, TypeError, AttributeError) as exc:
            raise UsageError(f"not a compare result ({damage_text(exc)}); write it again with "
                             "memcap compare --out") from None

    @classmethod
    def _from_fields(cls, d: dict) -> CompareResult:
        """:meth:`from_dict` of a dict whose format it reads."""
        # in the config's order (sorted since 2026-12-06): a file written through the API
        # with inputs (3, 2) had its rows in that order (2026-12-06 diff review)
        return cls(config=CompareConfig.from_dict(d["config"]), versions=dict(d["versions"]),
                   rows=sorted((CompareRow.from_dict(r) for r in d["rows"]),
                               key=lambda r: r.M),
                   depth_comparison=sorted((DepthRow.from_dict(x)
                                            for x in d["depth_comparison"]), key=lambda r: r.M),
                   random_labels=sorted((PointsRow.from_dict(x) for x in d["random_labels"]),
                                        key=lambda r: r.n),
                   violations=list(d["violations"]), timing=Timing.from_dict(d["timing"]),
                   findings=list(d.get("findings", [])))
