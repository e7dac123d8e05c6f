"""Typed results of the hardness study: the config, the trained size, one row per function,
and the whole result (each a frozen dataclass with ``to_dict``/``from_dict``).

The *trainability gap* of a row is trained / known: the neurons (hidden + output) of the
smallest network gradient descent trains to success rate ≥ p, over the neurons of the smallest
sign network known of the same architecture (exact for M ≤ 4): the layered minimum for one hidden
layer; for two or more stacked hidden layers the any-depth minimum (a stacked network is an
any-depth network without skip edges, so that minimum bounds it from below). Likewise in
parameters, counted as a dense network with one output: layered
(:func:`empirical.hardness.known.layered_parameters`) for one hidden layer, and for the any-depth
minimum of n neurons every unit reading every input and earlier unit, ``n·M + n(n+1)/2``. A gap of 1
means gradient descent finds networks as small as the best known; ``None`` means no size up to
the search's ceiling trained (the gap is then larger than the ceiling allows to measure).
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from dataclasses import dataclass, field

from capacity.bigint_text import decimal_digits
from capacity.errors import UsageError
from capacity.options import canonical_choice, check_seed, option_text
from constructions.network import short_repr
from empirical.hardness.known import KnownSize, layered_parameters

__all__ = ["FAMILY_NAMES", "HardnessConfig", "HardnessResult", "HardnessRow",
           "TrainedFunctionSize", "check_loaded", "check_study_format", "integer_counts",
           "row_labels", "study_format"]

#: The version of the hardness studies' files (``memcap.hardness/2``,
#: ``memcap.hardness-recipes/2``, ``memcap.hardness-topology/2``): /2 added each trained size's
#: ``diverged`` (2026-12-04); a /1 file reads back with it false. (The bump makes an older
#: memcap refuse a /2 file in one line instead of failing on the unknown key.)
STUDY_VERSION = 2


def study_format(kind: str) -> str:
    """The format tag a study of ``kind`` writes: ``memcap.<kind>/<STUDY_VERSION>``.

    Parameters
    ----------
    kind : str
        The study: ``"hardness"``, ``"hardness-recipes"`` or ``"hardness-topology"`` (not
        checked).

    Returns
    -------
    str
        The tag, e.g. ``"memcap.hardness/2"``.

    Examples
    --------
    >>> study_format("hardness"), study_format("hardness-recipes")
    ('memcap.hardness/2', 'memcap.hardness-recipes/2')
    """
    return f"memcap.{kind}/{STUDY_VERSION}"


def check_study_format(d: dict, kind: str) -> None:
    """Refuse (one line) a dict that is not a study of ``kind`` of a version memcap reads
    (1 to :data:`STUDY_VERSION`).

    Parameters
    ----------
    d : dict
        A saved study as read from its JSON file; only its ``"format"`` key is read.
    kind : str
        The study expected (see :func:`study_format`).

    Returns
    -------
    None
        Returns quietly when ``d["format"]`` is ``memcap.<kind>/<v>`` for a version ``v`` from
        1 to :data:`STUDY_VERSION`.

    Raises
    ------
    UsageError
        Any other format, or none.

    Examples
    --------
    >>> check_study_format({"format": "memcap.hardness/1"}, "hardness")
    >>> try:
    ...     check_study_format({"format": "memcap.hardness/3"}, "hardness")
    ... except UsageError as exc:
    ...     print(str(exc).split("; ")[1])
    a newer memcap wrote it: upgrade memcap to read it
    >>> check_study_format({"format": "memcap.recipes/1"}, "hardness")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: not a memcap.hardness/2 result (format 'memcap.recipes/1')
    """
    known = {f"memcap.{kind}/{v}" for v in range(1, STUDY_VERSION + 1)}
    tag = d.get("format")
    # a tag that is a JSON list or object is no format either (its set lookup raised a bare
    # "unhashable type": memcap hardness --report ended with status 70, 2026-12-07 audit)
    if not isinstance(tag, str) or tag not in known:
        version = tag.removeprefix(f"memcap.{kind}/") if isinstance(tag, str) else ""
        newer = version.isascii() and version.isdigit() and int(version) > STUDY_VERSION
        raise UsageError(f"not a {study_format(kind)} result (format {short_repr(tag)})"
                         + ("; a newer memcap wrote it: upgrade memcap to read it"
                            if newer else ""))


#: The families the study knows, in report order (``npn``: every NPN class, M ≤ 4).
FAMILY_NAMES = ("random", "parity", "inner-product", "majority", "threshold", "dnf", "npn")


@dataclass(frozen=True)
class HardnessConfig:
    """What ``memcap hardness`` measures and how.

    ``families`` (from :data:`FAMILY_NAMES`), ``trials`` per size, the training recipe
    (``steps``, ``lrs`` grid, ``optimizer``, ``depth`` hidden layers), ``success_rate`` p,
    ``max_width`` (search ceiling), ``sign`` (also train sign-unit networks and verify them),
    ``seed``, ``confidence`` of the Wilson intervals, ``device``/``dtype``.

    Examples
    --------
    >>> HardnessConfig(inputs=3, families=("parity",)).families
    ('parity',)
    >>> HardnessConfig(inputs=3, families=("prity",))
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: unknown family 'prity'; choose from random, parity, ...
    """

    inputs: int
    families: tuple[str, ...] = FAMILY_NAMES
    trials: int = 4
    steps: int = 2000
    lrs: tuple[float, ...] = (0.01, 0.03, 0.1)
    optimizer: str = "adam"
    depth: int = 1
    success_rate: float = 0.5
    max_width: int = 256
    sign: bool = True
    seed: int = 0
    confidence: float = 0.95
    device: str = "cpu"
    dtype: str = "float32"

    def __post_init__(self) -> None:
        # a string was read letter by letter ("unknown family 'p'", 2026-12-05 review)
        if not isinstance(self.families, (list, tuple)) or not all(
                isinstance(f, str) for f in self.families):
            raise UsageError(f"families must be a list of family names such as ['parity'], "
                             f"got {self.families!r}")
        object.__setattr__(self, "families", tuple(canonical_choice(f, FAMILY_NAMES)
                                                   for f in self.families))
        from empirical.engine.config import (
            DTYPES,
            MAX_DEPTH,
            MAX_TRIALS,
            OPTIMIZERS,
            check_confidence,
            check_device,
            check_learning_rates,
            check_success_rate,
            check_value_type,
            set_choice,
        )

        object.__setattr__(self, "lrs", check_learning_rates(self.lrs, distinct=True))
        check_value_type("sign", self.sign, bool)  # sign="no" trained sign networks (review)
        for f in self.families:
            if f not in FAMILY_NAMES:
                raise UsageError(f"unknown family {f!r}; choose from {', '.join(FAMILY_NAMES)}")
        if not self.families:
            raise UsageError("no family; give --families, e.g. parity,threshold")
        if len(set(self.families)) != len(self.families):  # ("parity", "PARITY") trained twice
            raise UsageError(f"families repeats a family: {', '.join(self.families)}; list "
                             "each once")
        if isinstance(self.inputs, bool) or not isinstance(self.inputs, int) \
                or not 1 <= self.inputs <= 12:
            raise UsageError(f"--inputs must be between 1 and 12 for the hardness study, got "
                             f"{self.inputs!r}")
        set_choice(self, "optimizer", "optimizer", OPTIMIZERS)
        object.__setattr__(self, "device", check_device(self.device))
        set_choice(self, "dtype", "dtype", DTYPES)

        for name in ("trials", "steps", "depth", "max_width"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                flag = "--" + name.replace("_", "-")
                raise UsageError(f"{flag} must be an integer >= 1, got {value!r}")
        for flag, value, most in (("--trials", self.trials, MAX_TRIALS),
                                  ("--depth", self.depth, MAX_DEPTH),
                                  # what --report reads back (the run wrote 10^20 and its report
                                  # refused it as damaged, 2026-12-05 review)
                                  ("--max-width", self.max_width, _MOST),
                                  ("--steps", self.steps, _MOST)):
            if value > most:
                raise UsageError(f"{flag} must be at most {most}, got {value}")
        # the command checked these; a config built in code or read back from an edited file
        # printed a success rate of 7 and a 150 % interval (2026-12-05 review)
        for name, kind, cast in (("seed", numbers.Integral, int),
                                 ("success_rate", numbers.Real, float),
                                 ("confidence", numbers.Real, float)):
            value = getattr(self, name)  # numpy scalars from code are numbers too
            if isinstance(value, kind) and not isinstance(value, bool):
                object.__setattr__(self, name, cast(value))
        check_value_type("success_rate", self.success_rate, float)
        check_success_rate(self.success_rate)
        check_value_type("confidence", self.confidence, float)
        check_confidence(self.confidence)
        check_seed(self.seed)

    def command(self) -> str:
        """The ``memcap hardness`` command that runs this study: the inputs and families, then
        every option whose value differs from the command's default (this class's defaults are
        the command's; compare's printed command left out ``--seed`` and ``--lrs``, so it ran
        another study, 2026-12-04 review).

        Examples
        --------
        >>> HardnessConfig(inputs=3, families=("npn",), trials=3, steps=1000, sign=False,
        ...                seed=7).command()
        'memcap hardness --inputs 3 --families npn --trials 3 --steps 1000 --no-sign --seed 7'
        >>> HardnessConfig(inputs=2, lrs=(0.03, 0.1)).command()
        'memcap hardness --inputs 2 --lrs 0.03,0.1'
        >>> HardnessConfig(inputs=2, lrs=(0.0123456789,)).command()  # no digit lost
        'memcap hardness --inputs 2 --lrs 0.0123456789'
        """
        default = HardnessConfig(inputs=self.inputs)
        parts = ["memcap hardness", f"--inputs {self.inputs}"]
        if self.families != default.families:
            parts.append(f"--families {','.join(self.families)}")
        for name in ("trials", "steps", "lrs", "optimizer", "depth", "success_rate",
                     "max_width", "sign", "seed", "confidence", "device"):
            value = getattr(self, name)
            if value == getattr(default, name):
                continue
            flag = "--" + name.replace("_", "-")
            if name == "sign":
                parts.append("--sign" if value else "--no-sign")
            elif name == "lrs":
                parts.append(f"{flag} {','.join(option_text(float(v)) for v in value)}")
            else:
                parts.append(f"{flag} {option_text(value)}")
        if self.dtype != default.dtype:  # no such option: say so rather than print a wrong one
            parts.append(f"(dtype {self.dtype}: from Python only)")
        return " ".join(parts)

    def to_dict(self, unread: tuple[str, ...] = ()) -> dict:
        """JSON-ready dict, without the fields ``unread`` (those a study does not read: the
        recipe study's own budgets and optimisers replace ``steps`` and ``optimizer``; a saved
        config recorded them as if they had run, 2026-12-04 review). :meth:`from_dict` gives an
        absent field its default.

        Examples
        --------
        >>> HardnessConfig(inputs=2).to_dict()["lrs"]
        [0.01, 0.03, 0.1]
        >>> "steps" in HardnessConfig(inputs=2).to_dict(unread=("steps", "sign"))
        False
        """
        d = dataclasses.asdict(self)
        d["families"], d["lrs"] = list(self.families), list(self.lrs)
        return {k: v for k, v in d.items() if k not in unread}

    @classmethod
    def from_dict(cls, d: dict) -> HardnessConfig:
        """Inverse of :meth:`to_dict`.

        Examples
        --------
        >>> c = HardnessConfig(inputs=2, families=("parity",))
        >>> HardnessConfig.from_dict(c.to_dict()) == c
        True
        >>> HardnessConfig.from_dict({"inputs": 2}) == HardnessConfig(inputs=2)  # defaults
        True
        """
        if not isinstance(d, dict):
            raise UsageError(f"a hardness config must be a table of fields, got {d!r}"[:200])
        fields = cls.__dataclass_fields__
        unknown = sorted(set(d) - set(fields))
        if unknown:  # a bare TypeError from __init__ (2026-12-05 API review)
            raise UsageError(f"unknown hardness config field(s) {', '.join(map(repr, unknown))}; "
                             f"valid: {', '.join(fields)}")
        # an absent field takes its default, as to_dict's unread= promises (families and lrs
        # were a KeyError, 2026-12-05 API review); lists become the tuples the fields hold
        return cls(**{k: tuple(v) if k in ("families", "lrs") and isinstance(v, list) else v
                      for k, v in d.items()})


#: Integer fields of saved results that count units, trials or draws: at least 1 where named
#: here (a network's hidden count may be 0, and successes may be 0).
_AT_LEAST_ONE = {"inputs", "trials", "steps", "depth", "max_width", "functions",
                 "any_depth_neurons", "confirm_trials"}
#: Largest integer a saved result may hold (sizes, counts, seconds): int64's.
_MOST = 2**63 - 1


def _check_ceiling(result, where: str) -> None:
    """Refuse a saved study whose trained width exceeds its config's ``max_width``, the search
    ceiling it trained under (an edited width of 10^6 printed beside a ceiling of 256)."""
    ceiling = result.config.max_width
    for i, row in enumerate(getattr(result, "rows", [])):
        for name in ("relu", "sign", "trained"):
            trained = getattr(row, name, None)
            if not isinstance(trained, TrainedFunctionSize):
                continue
            if trained.width is not None and trained.hidden != trained.width * trained.depth:
                # the tables and gaps read hidden: an edited 10^6 beside width 4 was printed
                raise UsageError(f"{where}.rows[{i}].{name}.hidden is {trained.hidden}, not "
                                 f"width {trained.width} x depth {trained.depth}")
            if trained.width is not None and trained.width > ceiling:
                raise UsageError(f"{where}.rows[{i}].{name}.width is {trained.width}, above "
                                 f"the study's ceiling max_width {ceiling}")
            below = trained.below_hidden
            if below is not None and below > ceiling * trained.depth:
                raise UsageError(f"{where}.rows[{i}].{name}.below_hidden is {below}, above "
                                 f"the ceiling's {ceiling} x {trained.depth} hidden units")


def _check_rates(size: TrainedFunctionSize, p: float, where: str) -> None:
    """Refuse a trained size whose counts contradict the success rate ``p`` it was searched
    at: a found size reached p (``successes / trials >= p``, the search's rule), the failing
    size below it and the largest size of an unfound search did not (an edited "4 (0/4)" was
    printed as trained at p = 0.5, 2026-12-07 mutation audit)."""
    if size.trials == 0:
        return  # refused by the counts' own check (trials >= 1)
    if size.found != (size.successes / size.trials >= p):
        raise UsageError(f"{where}: {size.successes} of {size.trials} trials "
                         f"{'does not reach' if size.found else 'reaches'} the success rate "
                         f"{p:g}, but hidden is {'set' if size.found else 'null'} (a size is "
                         "found exactly when its rate reaches p)")
    if size.below_successes is not None and size.below_successes / size.trials >= p:
        raise UsageError(f"{where}: the failing size below reached the success rate {p:g} "
                         f"({size.below_successes} of {size.trials} trials)")


def _npn_label(family, inputs: int) -> bool:
    """Whether ``family`` is an NPN class's row label, ``npn:`` and a truth table of
    2^``inputs`` bits."""
    if not isinstance(family, str) or not family.startswith("npn:"):
        return False
    table = family[4:]
    return len(table) == 1 << inputs and set(table) <= {"0", "1"}


def _check_rows(result, where: str) -> None:
    """Refuse rows that contradict their study's config: a family memcap does not have, a
    trained size whose trial count is not ``trials`` or whose units are not the row's (ReLU,
    or sign in the main study's sign column), a confirmation not of ``confirm_trials`` fresh
    trials, and in the main study sign units measured against ``sign`` (an edited file
    printed "2 (2/3)" beside a 2/4 interval, a family "zzz", and ``sign: true`` with no sign
    data, 2026-12-05 review)."""
    config = result.config
    for i, row in enumerate(getattr(result, "rows", [])):
        family = getattr(row, "family", None)
        # the recipe and topology rows of an NPN study are labelled by their class
        # (npn:01100000): their own --report refused them (2026-12-05)
        if family is not None and family not in FAMILY_NAMES and not _npn_label(
                family, config.inputs):
            raise UsageError(f"{where}.rows[{i}].family is {family!r}, not one of "
                             f"{', '.join(FAMILY_NAMES)} or npn:<truth table of "
                             f"{1 << config.inputs} bits>")
        # every trained size of every study ran the study's trials with its own units (the
        # sign, recipe and topology counts and a confirmation's fresh trials went unchecked:
        # edited files printed "3 (2/3)" in a 2-trial study, 2026-12-06 review)
        if isinstance(row, HardnessRow):
            measured = [("relu", row.relu, "relu"), ("sign", row.sign, "sign")]
        else:  # a recipe or topology row
            measured = [("trained", getattr(row, "trained", None), "relu")]
        for name, size, units in measured:
            if size is None:
                continue
            if size.trials != config.trials:
                raise UsageError(f"{where}.rows[{i}].{name}.trials is {size.trials}, not the "
                                 f"study's trials {config.trials}")
            if size.activation != units:
                raise UsageError(f"{where}.rows[{i}].{name}.activation is "
                                 f"{size.activation!r}, not {units!r}")
            _check_rates(size, config.success_rate, f"{where}.rows[{i}].{name}")
            # the main study trains at its depth (the topology study's rows carry their own):
            # depth-1 rows under depth 2 printed "depth 2" beside layered gaps (2026-12-07 audit)
            if isinstance(row, HardnessRow) and size.depth != config.depth:
                raise UsageError(f"{where}.rows[{i}].{name}.depth is {size.depth}, not the "
                                 f"study's depth {config.depth}")
        confirmed = getattr(row, "confirmed_trials", None)
        wanted = getattr(result, "confirm_trials", None)
        if confirmed is not None and confirmed != wanted:
            raise UsageError(f"{where}.rows[{i}].confirmed_trials is {confirmed}, not the "
                             f"study's confirm_trials {wanted}")
        if not isinstance(row, HardnessRow):
            continue
        if (row.sign is not None) != config.sign:
            raise UsageError(f"{where}.rows[{i}].sign is "
                             f"{'set' if row.sign is not None else 'null'} but the study's "
                             f"sign is {str(config.sign).lower()}")


#: Grid axes of a study: a saved study has at least one value on each.
_NON_EMPTY = {"budgets", "optimizers", "init_scales", "depths", "families", "lrs"}
#: Grid axes whose values a study measures once each (a repeat would print a column twice).
_GRID_AXES = {"budgets", "optimizers", "init_scales", "depths"}


def check_loaded(obj, where: str = "result") -> None:
    """Refuse (one line) a result read back from a file whose fields do not have the types
    their dataclass declares, or whose counts are out of range: the check a ``--report`` of an
    edited or damaged file needs before anything is printed. Walks nested dataclasses and lists
    of them; every declared ``int``, ``float``, ``bool``, ``str`` and ``tuple[...]`` field (and
    ``X | None``) is checked with :func:`empirical.engine.config.check_value_type`; integers
    must be >= 0 (>= 1 for the counts in :data:`_AT_LEAST_ONE`), successes at most the trials,
    and an interval two numbers in [0, 1].

    Parameters
    ----------
    obj : object
        A result dataclass, or a list or tuple of them.
    where : str, optional
        The path named in error messages (default ``"result"``).

    Examples
    --------
    >>> t = TrainedFunctionSize("relu", 1, 3, 3, 2, 3, (0.2, 0.9), 0.01)
    >>> check_loaded(t)
    >>> check_loaded(dataclasses.replace(t, successes=4), "rows[0].relu")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: rows[0].relu.successes is 4, more than trials 3
    """
    import typing

    from empirical.engine.config import check_value_type

    if isinstance(obj, list | tuple) and not dataclasses.is_dataclass(obj):
        for i, item in enumerate(obj):
            if dataclasses.is_dataclass(item):
                check_loaded(item, f"{where}[{i}]")
        return
    hints = typing.get_type_hints(type(obj))
    for f in dataclasses.fields(obj):
        value, name = getattr(obj, f.name), f"{where}.{f.name}"
        tp = hints[f.name]
        # a nested result, or a declared list of them; a list in a scalar's place is checked
        # (and refused) below, not walked (a list there was a status-70 crash in the printing)
        if dataclasses.is_dataclass(value) or (isinstance(value, list)
                                               and typing.get_origin(tp) is list):
            check_loaded(value, name)
            continue
        if f.name in _NON_EMPTY and isinstance(value, list | tuple) and not value:
            raise UsageError(f"{name} must list at least one value, got []")
        simple = {int, float, bool, str}
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if tp in simple or typing.get_origin(tp) is tuple or (args and all(
                a in simple or typing.get_origin(a) is tuple for a in args)):
            check_value_type(name, value, tp)
        if isinstance(value, int) and not isinstance(value, bool):
            least = 1 if f.name in _AT_LEAST_ONE else 0
            if value < least:  # a float field given as an integer (best_lr = -1) is a number
                kind = "a number" if float in (tp, *args) else "an integer"
                raise UsageError(f"{name} must be {kind} >= {least}, got {value}")
            if value > _MOST:  # a 401-digit size crashed the gap's division, status 70
                raise UsageError(f"{name} must be at most 2^63 - 1, got an integer of "
                                 f"{decimal_digits(value)} digits")
        if isinstance(value, float) and not math.isfinite(value) and f.name != "wall_s":
            raise UsageError(f"{name} must be a finite number, got {value}")
        if f.name == "wall_s" and isinstance(value, int | float) and value < 0:
            raise UsageError(f"{name} must be a number of seconds >= 0, got {value}")
        # after the type checks (a budget "x" is named as such, not compared with numbers)
        if f.name in _GRID_AXES and isinstance(value, list | tuple):
            # a repeated budget printed two "100 steps" columns, and budgets out of order
            # read the last as the largest (2026-12-06 review); memcap writes them sorted.
            # Values compared as values: init scales 1 and 1.0 are one scale
            if len(set(value)) != len(value):
                raise UsageError(f"{name} lists a value twice: {list(value)}")
            if f.name == "budgets" and list(value) != sorted(value):
                raise UsageError(f"{name} must be in increasing order, got {list(value)}")
        if (f.name == "best_lr" and isinstance(value, int | float)
                and not isinstance(value, bool) and not value > 0):
            raise UsageError(f"{name} must be a learning rate > 0, got {value}")
    if isinstance(getattr(obj, "config", None), HardnessConfig):
        _check_ceiling(obj, where)
        _check_rows(obj, where)
    successes, trials = getattr(obj, "successes", None), getattr(obj, "trials", None)
    if isinstance(successes, int) and isinstance(trials, int) and successes > trials:
        raise UsageError(f"{where}.successes is {successes}, more than trials {trials}")
    if isinstance(obj, TrainedFunctionSize):  # found (hidden set) or not found: all or nothing
        if (obj.hidden is None) != (obj.width is None) or (
                obj.hidden is not None and obj.best_lr is None):
            raise UsageError(f"{where}: hidden {obj.hidden}, width {obj.width} and best_lr "
                             f"{obj.best_lr} must be all set (a size was found) or hidden and "
                             "width both null")
        if obj.diverged and obj.hidden is not None:
            raise UsageError(f"{where}: diverged is true but a size was found (hidden "
                             f"{obj.hidden})")
        below = (obj.below_hidden, obj.below_successes)
        if (below[0] is None) != (below[1] is None):
            raise UsageError(f"{where}: below_hidden and below_successes must be both set or "
                             "both null")
        if below[0] is not None and obj.hidden is not None and below[0] >= obj.hidden:
            # a failing size at or above the passing one was reported as a bracket (2026-12-03)
            raise UsageError(f"{where}: the failing size below_hidden {below[0]} is not below "
                             f"the trained size hidden {obj.hidden}")
        if below[1] is not None and below[1] > obj.trials:
            raise UsageError(f"{where}.below_successes is {below[1]}, more than trials "
                             f"{obj.trials}")
    confirmed = [getattr(obj, f"confirmed_{k}", None) for k in ("successes", "trials",
                                                                   "interval")]
    if hasattr(obj, "confirmed_trials") and len({v is None for v in confirmed}) > 1:
        raise UsageError(f"{where}: confirmed_successes, confirmed_trials and "
                         "confirmed_interval must be all set or all null")
    if confirmed[1] is not None and confirmed[0] > confirmed[1]:
        raise UsageError(f"{where}.confirmed_successes is {confirmed[0]}, more than "
                         f"confirmed_trials {confirmed[1]}")
    for prefix in ("", "confirmed_"):
        # the confirmation's interval was never checked, and neither interval against its
        # counts: [0.0, 0.01] beside 4 of 4 was printed (2026-12-06 review). A Wilson
        # interval always holds the observed rate.
        interval = getattr(obj, f"{prefix}interval", None)
        if interval is None:
            continue
        if not (len(interval) == 2 and 0 <= interval[0] <= interval[1] <= 1):
            raise UsageError(f"{where}.{prefix}interval must be two numbers 0 <= lo <= hi <= 1, "
                             f"got {list(interval)}")
        won, tried = (getattr(obj, f"{prefix}{k}", None) for k in ("successes", "trials"))
        if (isinstance(won, int) and isinstance(tried, int) and tried > 0
                and not interval[0] - 1e-9 <= won / tried <= interval[1] + 1e-9):
            raise UsageError(f"{where}.{prefix}interval {list(interval)} does not hold the "
                             f"rate {won}/{tried} of its {prefix}successes and "
                             f"{prefix}trials")
    extra = obj.extra_rows() if hasattr(obj, "extra_rows") else []
    if extra:  # first: a row in the wrong cell also leaves its own cell empty
        raise UsageError(f"{where}: the row {extra[0]!r} appears twice or is not a cell its "
                         f"config measures (function, budget, optimiser, scale, depth or M; "
                         f"{len(extra)} such row(s))")
    missing = obj.missing_cells() if hasattr(obj, "missing_cells") else []
    if missing:  # a damaged file that lists a depth or budget without rows, not "not found"
        raise UsageError(f"{where}: no row for the grid cell {missing[0]} ({len(missing)} "
                         "missing)")


@dataclass(frozen=True)
class TrainedFunctionSize:
    """The smallest network gradient descent trained (to success rate ≥ p) for one function.

    ``hidden`` is the total hidden units (``width × depth``; 0 when the network without hidden
    units, the outputs reading the inputs, already trained), ``None`` when nothing up to the
    ceiling did. ``successes``/``trials``, ``interval`` (Wilson) and ``best_lr`` describe that
    size; ``below_hidden``/``below_successes`` the largest failing size under it (``None`` when
    nothing failed). ``activation`` is ``relu`` or ``sign`` (success then means the hardened
    integer network verified exactly). ``diverged`` is True when nothing was found and every
    trial at the largest size tried stopped on a non-finite loss (the recipe failed there, so
    ``below_hidden`` is no lower bound on the size; False in files written before it was
    recorded). (Named
    apart from
    :class:`empirical.compare.result.TrainedSize`, the comparison's per-M search outcome.)

    Examples
    --------
    >>> t = TrainedFunctionSize("relu", 1, 3, 3, 4, 4, (0.51, 1.0), 0.01, 2, 1)
    >>> t.neurons, t.parameters(3), TrainedFunctionSize.from_dict(t.to_dict()) == t
    (4, 16, True)
    """

    activation: str
    depth: int
    hidden: int | None
    width: int | None
    successes: int
    trials: int
    interval: tuple[float, float]
    best_lr: float | None
    below_hidden: int | None = None
    below_successes: int | None = None
    diverged: bool = False

    @property
    def found(self) -> bool:
        """Whether some size trained (``hidden`` is not None).

        Examples
        --------
        >>> TrainedFunctionSize("relu", 1, 3, 3, 4, 4, (0.51, 1.0), 0.01).found
        True
        >>> TrainedFunctionSize("relu", 1, None, None, 0, 4, (0.0, 0.49), None, 8, 0).found
        False
        """
        return self.hidden is not None

    @property
    def neurons(self) -> int | None:
        """Hidden units plus the output unit (None when nothing trained).

        Examples
        --------
        >>> TrainedFunctionSize("relu", 1, 3, 3, 4, 4, (0.51, 1.0), 0.01).neurons
        4
        >>> TrainedFunctionSize("relu", 1, 0, 0, 4, 4, (0.51, 1.0), 0.01).neurons  # linear
        1
        >>> print(TrainedFunctionSize("relu", 1, None, None, 0, 4, (0.0, 0.49), None,
        ...                           8, 0).neurons)
        None
        """
        return None if self.hidden is None else self.hidden + 1

    def parameters(self, inputs: int) -> int | None:
        """Dense layered count with one output (see the module notes).

        Examples
        --------
        Five hidden units on M = 3 inputs: 5·(3 + 1) + (5 + 1) weights and biases; two layers of
        two: 2·4 + 2·3 + 3; no hidden units: the output's 3 + 1; nothing trained: ``None``.

        >>> TrainedFunctionSize("relu", 1, 5, 5, 4, 4, (0.51, 1.0), 0.01).parameters(3)
        26
        >>> TrainedFunctionSize("relu", 2, 4, 2, 4, 4, (0.51, 1.0), 0.01).parameters(3)
        17
        >>> TrainedFunctionSize("relu", 1, 0, 0, 4, 4, (0.51, 1.0), 0.01).parameters(3)
        4
        >>> print(TrainedFunctionSize("relu", 1, None, None, 0, 4, (0.0, 0.49), None,
        ...                           8, 0).parameters(3))
        None
        """
        if self.hidden is None:
            return None
        return layered_parameters(inputs, self.hidden, 1, self.depth if self.hidden else 1)

    def to_dict(self) -> dict:
        """JSON-ready dict.

        Examples
        --------
        >>> d = TrainedFunctionSize("relu", 1, 3, 3, 2, 3, (0.2, 0.9), 0.01).to_dict()
        >>> d["hidden"], d["interval"], d["diverged"]   # the interval as a JSON list
        (3, [0.2, 0.9], False)
        """
        d = dataclasses.asdict(self)
        d["interval"] = list(self.interval)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> TrainedFunctionSize:
        """Inverse of :meth:`to_dict`.

        Examples
        --------
        >>> t = TrainedFunctionSize("relu", 1, 3, 3, 2, 3, (0.2, 0.9), 0.01)
        >>> back = TrainedFunctionSize.from_dict(t.to_dict())
        >>> back == t, back.interval   # the interval a tuple again
        (True, (0.2, 0.9))
        """
        return cls(**{**d, "interval": tuple(d["interval"])})


#: The integer columns of :meth:`HardnessResult.to_frame` (sizes and counts; the sign ones only
#: when sign units were trained).
_COUNT_COLUMNS = ("functions", "known_hidden", "known_any_depth_neurons", "known_neurons",
                  "known_parameters", "relu_hidden", "relu_parameters", "relu_successes",
                  "relu_trials", "sign_hidden", "sign_successes", "sign_trials")

def integer_counts(frame, columns):
    """``frame`` with its count ``columns`` (those it has) as pandas' nullable Int64, so that a
    count stays an integer in the CSV where another row has none (a size not reached was
    written "4.0" beside the blank: rows.csv, 2026-12-03 audit; recipes.csv and topology.csv,
    2026-12-05 review).

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    columns : iterable of str
        The count columns; those ``frame`` lacks are skipped. Their values must be whole
        numbers or missing.

    Returns
    -------
    pandas.DataFrame
        A new frame, those columns as ``Int64`` (a missing value is ``<NA>``, written blank
        in a CSV); the other columns as they were.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = integer_counts(pd.DataFrame({"hidden": [4, None], "lo": [0.5, None]}),
    ...                        ("hidden", "trials"))
    >>> frame.to_csv(index=False).splitlines()
    ['hidden,lo', '4,0.5', ',']
    """
    return frame.astype({c: "Int64" for c in columns if c in frame.columns})


#: The name of :class:`TrainedFunctionSize` until 2026-12-02 (kept one release for outside
#: imports; not exported).
TrainedSize = TrainedFunctionSize


def _ratio(a: int | None, b: int) -> float | None:
    return None if a is None else a / b


@dataclass(frozen=True)
class HardnessRow:
    """One function (or one family of seeded draws): known size, trained sizes, gaps.

    ``label`` names it (the family, or ``npn:<canonical table>``); ``table`` is its truth table
    when fixed; ``classes`` the number of functions in its NPN class (1 otherwise). ``network``
    is a hardened sign network of the trained sign size that verified (memcap's network JSON as
    a dict), when ``sign`` was measured and one did.

    Examples
    --------
    >>> k = KnownSize(3, 2, True, True, "exact (NPN table)")
    >>> relu = TrainedFunctionSize("relu", 1, 5, 5, 4, 4, (0.51, 1.0), 0.01, 4, 1)
    >>> row = HardnessRow("parity", "parity", 3, "01101001", 1, k, relu)
    >>> row.gap_neurons, round(row.gap_parameters, 3)
    (1.5, 1.625)
    >>> HardnessRow.from_dict(row.to_dict()) == row
    True
    >>> deep = HardnessRow("parity", "parity", 3, "01101001", 1, k,
    ...                    TrainedFunctionSize("relu", 2, 4, 2, 4, 4, (0.51, 1.0), 0.01, 2, 1))
    >>> deep.known_neurons, deep.gap_neurons   # two layers: against the any-depth minimum
    (2, 2.5)
    """

    family: str
    label: str
    inputs: int
    table: str | None
    functions: int
    known: KnownSize
    relu: TrainedFunctionSize
    sign: TrainedFunctionSize | None = None
    network: dict | None = field(default=None, compare=False)

    @property
    def known_neurons(self) -> int:
        """Neurons of the known network of the trained architecture: layered for one hidden
        layer, any-depth for more (see the module notes).

        Examples
        --------
        >>> k = KnownSize(3, 2, True, True, "exact (NPN table)")
        >>> relu = TrainedFunctionSize("relu", 1, 5, 5, 4, 4, (0.51, 1.0), 0.01, 4, 1)
        >>> deep = TrainedFunctionSize("relu", 2, 4, 2, 4, 4, (0.51, 1.0), 0.01, 2, 1)
        >>> [HardnessRow("parity", "parity", 3, None, 1, k, t).known_neurons
        ...  for t in (relu, deep)]   # 3 hidden + 1 output layered; 2 neurons at any depth
        [4, 2]
        """
        if self.relu.depth <= 1:
            return self.known.layered_neurons
        return self.known.any_depth_neurons

    @property
    def known_exact(self) -> bool:
        """Whether :attr:`known_neurons` (the gaps' reference) is a proven minimum.

        Examples
        --------
        A layered size that is a construction's, an any-depth size that is proven:

        >>> k = KnownSize(3, 2, False, True, "construction")
        >>> relu = TrainedFunctionSize("relu", 1, 5, 5, 4, 4, (0.51, 1.0), 0.01, 4, 1)
        >>> deep = TrainedFunctionSize("relu", 2, 4, 2, 4, 4, (0.51, 1.0), 0.01, 2, 1)
        >>> [HardnessRow("parity", "parity", 3, None, 1, k, t).known_exact
        ...  for t in (relu, deep)]
        [False, True]
        """
        return self.known.layered_exact if self.relu.depth <= 1 else self.known.any_depth_exact

    @property
    def known_parameters(self) -> int:
        """Dense parameters of the known network of the trained architecture.

        Examples
        --------
        Layered, 3 hidden units on M = 3: 3·(3 + 1) + (3 + 1); any-depth, 2 neurons reading
        the inputs and every earlier neuron: 2·3 + 2·3/2:

        >>> k = KnownSize(3, 2, True, True, "exact (NPN table)")
        >>> relu = TrainedFunctionSize("relu", 1, 5, 5, 4, 4, (0.51, 1.0), 0.01, 4, 1)
        >>> deep = TrainedFunctionSize("relu", 2, 4, 2, 4, 4, (0.51, 1.0), 0.01, 2, 1)
        >>> [HardnessRow("parity", "parity", 3, None, 1, k, t).known_parameters
        ...  for t in (relu, deep)]
        [16, 9]
        """
        if self.relu.depth <= 1:
            return layered_parameters(self.inputs, self.known.layered_hidden)
        n = self.known.any_depth_neurons
        return n * self.inputs + n * (n + 1) // 2

    @property
    def gap_neurons(self) -> float | None:
        """ReLU-trained neurons / known neurons (None when nothing trained).

        Examples
        --------
        >>> k = KnownSize(3, 2, True, True, "exact (NPN table)")
        >>> relu = TrainedFunctionSize("relu", 1, 5, 5, 4, 4, (0.51, 1.0), 0.01, 4, 1)
        >>> HardnessRow("parity", "parity", 3, None, 1, k, relu).gap_neurons   # 6 / 4
        1.5
        >>> none = TrainedFunctionSize("relu", 1, None, None, 0, 4, (0.0, 0.49), None, 8, 0)
        >>> print(HardnessRow("parity", "parity", 3, None, 1, k, none).gap_neurons)
        None
        """
        return _ratio(self.relu.neurons, self.known_neurons)

    @property
    def gap_parameters(self) -> float | None:
        """ReLU-trained parameters / known parameters (:attr:`known_parameters`; None when
        nothing trained).

        Examples
        --------
        >>> k = KnownSize(3, 2, True, True, "exact (NPN table)")
        >>> relu = TrainedFunctionSize("relu", 1, 5, 5, 4, 4, (0.51, 1.0), 0.01, 4, 1)
        >>> HardnessRow("parity", "parity", 3, None, 1, k, relu).gap_parameters   # 26 / 16
        1.625
        """
        return _ratio(self.relu.parameters(self.inputs), self.known_parameters)

    @property
    def sign_gap_neurons(self) -> float | None:
        """Sign-trained (verified) neurons / known neurons (None when sign units were not
        measured or none trained).

        Examples
        --------
        >>> k = KnownSize(3, 2, True, True, "exact (NPN table)")
        >>> relu = TrainedFunctionSize("relu", 1, 5, 5, 4, 4, (0.51, 1.0), 0.01, 4, 1)
        >>> sign = TrainedFunctionSize("sign", 1, 3, 3, 3, 4, (0.3, 0.95), 0.03, 2, 0)
        >>> HardnessRow("parity", "parity", 3, None, 1, k, relu, sign).sign_gap_neurons
        1.0
        >>> print(HardnessRow("parity", "parity", 3, None, 1, k, relu).sign_gap_neurons)
        None
        """
        return None if self.sign is None else _ratio(self.sign.neurons, self.known_neurons)

    @property
    def gap_unmeasured(self) -> bool:
        """Nothing trained up to a ceiling below the known hidden units: the trained size
        exceeds the ceiling, which bounds the gap from below by at most 1, so the row measured
        no gap (``--max-width 2`` ranked parity of three inputs, known 3 hidden units, as the
        hardest function with an infinite gap; 2026-12-05 review).

        Examples
        --------
        >>> k = KnownSize(3, 2, True, True, "exact (NPN table)")
        >>> low = TrainedFunctionSize("relu", 1, None, None, 0, 4, (0.0, 0.49), None, 2, 0)
        >>> HardnessRow("parity", "parity", 3, None, 1, k, low).gap_unmeasured
        True
        """
        r = self.relu
        return (not r.found and not r.diverged and r.below_hidden is not None
                and r.below_hidden + 2 <= self.known_neurons)

    def sort_key(self) -> tuple:
        """Rank order: largest neuron gap first (not trained = infinite), then parameters; a
        row that measured no gap — its ceiling below the known size
        (:attr:`gap_unmeasured`), or every trial diverged — comes after those that did.

        Examples
        --------
        >>> k = KnownSize(3, 2, True, True, "exact (NPN table)")
        >>> row = HardnessRow("parity", "parity", 3, None, 1, k,
        ...                   TrainedFunctionSize("relu", 1, 5, 5, 4, 4, (0.51, 1.0), 0.01))
        >>> row.sort_key()   # (diverged, unmeasured, -gap in neurons 6/4, -gap in params 26/16)
        (False, False, -1.5, -1.625, 'parity')
        >>> none = TrainedFunctionSize("relu", 1, None, None, 0, 4, (0.0, 0.49), None, 8, 0)
        >>> HardnessRow("parity", "parity", 3, None, 1, k, none).sort_key()
        (False, False, -inf, -inf, 'parity')
        """
        def inf(v):
            return math.inf if v is None else v
        return (self.relu.diverged, self.gap_unmeasured, -inf(self.gap_neurons),
                -inf(self.gap_parameters), self.label)

    def to_dict(self) -> dict:
        """JSON-ready dict with the gaps.

        Examples
        --------
        >>> k = KnownSize(3, 2, True, True, "exact (NPN table)")
        >>> row = HardnessRow("parity", "parity", 3, "01101001", 1, k,
        ...                   TrainedFunctionSize("relu", 1, 5, 5, 4, 4, (0.51, 1.0), 0.01))
        >>> d = row.to_dict()
        >>> d["gap_neurons"], d["gap_parameters"], d["relu"]["hidden"], d["sign"]
        (1.5, 1.625, 5, None)
        """
        return {"family": self.family, "label": self.label, "inputs": self.inputs,
                "table": self.table, "functions": self.functions,
                "known": self.known.to_dict(), "relu": self.relu.to_dict(),
                "sign": None if self.sign is None else self.sign.to_dict(),
                "gap_neurons": self.gap_neurons, "gap_parameters": self.gap_parameters,
                "sign_gap_neurons": self.sign_gap_neurons, "network": self.network}

    @classmethod
    def from_dict(cls, d: dict) -> HardnessRow:
        """Inverse of :meth:`to_dict` (the gaps are recomputed).

        Examples
        --------
        >>> k = KnownSize(3, 2, True, True, "exact (NPN table)")
        >>> row = HardnessRow("parity", "parity", 3, "01101001", 1, k,
        ...                   TrainedFunctionSize("relu", 1, 5, 5, 4, 4, (0.51, 1.0), 0.01))
        >>> d = {**row.to_dict(), "gap_neurons": 99.0}   # a stored gap is not read back
        >>> back = HardnessRow.from_dict(d)
        >>> back == row, back.gap_neurons
        (True, 1.5)
        """
        return cls(d["family"], d["label"], d["inputs"], d["table"], d["functions"],
                   KnownSize.from_dict(d["known"]), TrainedFunctionSize.from_dict(d["relu"]),
                   None if d["sign"] is None else TrainedFunctionSize.from_dict(d["sign"]),
                   d.get("network"))



def grid_mismatch(want, have) -> tuple[list, list]:
    """``(missing, extra)`` of a saved study: the cells of ``want`` (in its order) that no row
    of ``have`` fills, and the rows of ``have`` (in order) that repeat a cell or fill none.

    Parameters
    ----------
    want : iterable of hashable
        The grid's cells, in order.
    have : iterable of hashable
        The cell key of each row, in order.

    Returns
    -------
    tuple of (list, list)
        ``(missing, extra)``: the cells of ``want`` no row fills, and the keys of ``have``
        that are not a cell of ``want`` or repeat an earlier row's.

    Examples
    --------
    >>> grid_mismatch(["a", "b", "c"], ["a", "x", "a", "c"])
    (['b'], ['x', 'a'])
    """
    cells, seen, extra = set(want), set(), []
    for key in have:
        if key not in cells or key in seen:
            extra.append(key)
        seen.add(key)
    return [c for c in want if c not in seen], extra


def row_labels(config: HardnessConfig) -> list[str]:
    """The rows a study of ``config`` measures, by label: one per family (inner-product only
    for even M) and, for ``npn``, one per NPN class (``npn:<canonical table>``; M ≤ 4, refused
    above).

    Parameters
    ----------
    config : HardnessConfig
        The study's settings: M and the families, in their order.

    Returns
    -------
    list of str
        The labels in the order of ``config.families``, an NPN family's classes in
        :func:`~constructions.exact.npn.npn_classes`'s order; empty when the config measures
        no row (only inner-product at odd M).

    Raises
    ------
    UsageError
        ``npn`` with M above 4.

    Examples
    --------
    >>> row_labels(HardnessConfig(inputs=2, families=("parity", "npn")))
    ['parity', 'npn:0000', 'npn:1000', 'npn:1100', 'npn:0110']
    >>> row_labels(HardnessConfig(inputs=3, families=("inner-product",)))
    []
    """
    from constructions.exact.npn import MAX_NPN_INPUTS, npn_classes, table_string

    m, out = config.inputs, []
    for fam in config.families:
        if fam == "npn":
            if m > MAX_NPN_INPUTS:
                raise UsageError(f"the npn family lists every NPN class, for M <= "
                                 f"{MAX_NPN_INPUTS}; got M = {m} (drop npn from --families)")
            out += [f"npn:{table_string(rep, m)}" for rep in npn_classes(m)[0].tolist()]
        elif not (fam == "inner-product" and m % 2):
            out.append(fam)
    return out

@dataclass(frozen=True)
class HardnessResult:
    """The study: its config, the rows ranked by gap, and the wall time.

    Examples
    --------
    >>> r = HardnessResult(HardnessConfig(inputs=2), [], 0.0)
    >>> HardnessResult.from_dict(r.to_dict()) == r
    True
    """

    config: HardnessConfig
    rows: list[HardnessRow]
    wall_s: float

    def ranked(self) -> list[HardnessRow]:
        """Rows, hardest first (see :meth:`HardnessRow.sort_key`).

        Examples
        --------
        Parity trained at 5 hidden units (gap 1.5), majority at its known 1 (gap 1), threshold
        not at all (an infinite gap, ranked first):

        >>> def row(family, known, hidden):
        ...     trained = TrainedFunctionSize("relu", 1, hidden, hidden, 4, 4, (0.51, 1.0), 0.01)
        ...     return HardnessRow(family, family, 3, None, 1,
        ...                        KnownSize(known, 2, True, True, "exact"), trained)
        >>> config = HardnessConfig(inputs=3, families=("parity", "majority", "threshold"))
        >>> r = HardnessResult(config, [row("parity", 3, 5), row("majority", 1, 1),
        ...                             row("threshold", 1, None)], 0.0)
        >>> [row.label for row in r.ranked()]
        ['threshold', 'parity', 'majority']
        """
        return sorted(self.rows, key=HardnessRow.sort_key)

    def _grid(self) -> tuple[list, list]:
        """:func:`grid_mismatch` of the row labels against the config's; a row measured for
        another M fills no cell (``inputs = 9`` in an M = 3 file changed its gap in parameters;
        2026-12-05 review)."""
        return grid_mismatch(row_labels(self.config),
                             [r.label if r.inputs == self.config.inputs else
                              f"{r.label} (inputs {r.inputs})" for r in self.rows])

    def missing_cells(self) -> list[str]:
        """Labels the config measures that have no row (a damaged or edited file; the report
        refuses it through :func:`check_loaded`).

        Examples
        --------
        >>> k = KnownSize(3, 2, True, True, "exact")
        >>> parity = HardnessRow("parity", "parity", 3, None, 1, k,
        ...                      TrainedFunctionSize("relu", 1, 5, 5, 4, 4, (0.51, 1.0), 0.01))
        >>> config = HardnessConfig(inputs=3, families=("parity", "majority", "threshold"))
        >>> HardnessResult(config, [parity], 0.0).missing_cells()
        ['majority', 'threshold']
        """
        return self._grid()[0]

    def extra_rows(self) -> list[str]:
        """Row labels that appear twice, that the config does not measure, or whose ``inputs``
        is not the config's (refused by :func:`check_loaded` likewise).

        Examples
        --------
        >>> k = KnownSize(3, 2, True, True, "exact")
        >>> parity = HardnessRow("parity", "parity", 3, None, 1, k,
        ...                      TrainedFunctionSize("relu", 1, 5, 5, 4, 4, (0.51, 1.0), 0.01))
        >>> config = HardnessConfig(inputs=3, families=("parity",))
        >>> HardnessResult(config, [parity], 0.0).extra_rows()
        []
        >>> HardnessResult(config, [parity, parity], 0.0).extra_rows()   # parity twice
        ['parity']
        >>> HardnessResult(HardnessConfig(inputs=2, families=("parity",)), [parity],
        ...                0.0).extra_rows()   # a row measured for M = 3 in an M = 2 study
        ['parity (inputs 3)']
        """
        return self._grid()[1]

    def to_dict(self) -> dict:
        """JSON-ready dict (``format: memcap.hardness/2``, :func:`study_format`): rows in
        measured order, and ``ranking``, their labels hardest first.

        Examples
        --------
        >>> def row(family, known, hidden):
        ...     trained = TrainedFunctionSize("relu", 1, hidden, hidden, 4, 4, (0.51, 1.0), 0.01)
        ...     return HardnessRow(family, family, 3, None, 1,
        ...                        KnownSize(known, 2, True, True, "exact"), trained)
        >>> config = HardnessConfig(inputs=3, families=("majority", "parity"))
        >>> d = HardnessResult(config, [row("majority", 1, 1), row("parity", 3, 5)],
        ...                    2.5).to_dict()
        >>> d["format"], [r["label"] for r in d["rows"]], d["ranking"], d["wall_s"]
        ('memcap.hardness/2', ['majority', 'parity'], ['parity', 'majority'], 2.5)
        """
        return {"format": study_format("hardness"), "config": self.config.to_dict(),
                "rows": [r.to_dict() for r in self.rows],
                "ranking": [r.label for r in self.ranked()], "wall_s": self.wall_s}

    @classmethod
    def from_dict(cls, d: dict) -> HardnessResult:
        """Inverse of :meth:`to_dict` (reads /1 and /2).

        Examples
        --------
        >>> k = KnownSize(3, 2, True, True, "exact")
        >>> parity = HardnessRow("parity", "parity", 3, None, 1, k,
        ...                      TrainedFunctionSize("relu", 1, 5, 5, 4, 4, (0.51, 1.0), 0.01))
        >>> r = HardnessResult(HardnessConfig(inputs=3, families=("parity",)), [parity], 2.5)
        >>> HardnessResult.from_dict(r.to_dict()) == r
        True
        >>> HardnessResult.from_dict({**r.to_dict(), "format": "memcap.topology/2"})
        Traceback (most recent call last):
        ...
        capacity.errors.UsageError: not a memcap.hardness/2 result (format 'memcap.topology/2')
        """
        check_study_format(d, "hardness")
        return cls(HardnessConfig.from_dict(d["config"]),
                   [HardnessRow.from_dict(r) for r in d["rows"]], d["wall_s"])

    def to_frame(self):
        """One row per function: family, label, known and trained sizes, gaps, intervals, and
        whether the training diverged (``relu_diverged``, ``sign_diverged``).

        Examples
        --------
        Rows come hardest first; a size not reached is a blank (``<NA>``) in an integer column:

        >>> def row(family, known, hidden):
        ...     trained = TrainedFunctionSize("relu", 1, hidden, hidden, 4, 4, (0.51, 1.0), 0.01)
        ...     return HardnessRow(family, family, 3, None, 1,
        ...                        KnownSize(known, 2, True, True, "exact"), trained)
        >>> config = HardnessConfig(inputs=3, families=("parity", "threshold"))
        >>> frame = HardnessResult(config, [row("parity", 3, 5), row("threshold", 1, None)],
        ...                        0.0).to_frame()
        >>> frame.shape, "sign_hidden" in frame.columns   # no sign units measured
        ((2, 20), False)
        >>> print(frame[["label", "known_neurons", "relu_hidden", "gap_neurons"]]
        ...       .to_string(index=False))
            label  known_neurons  relu_hidden  gap_neurons
        threshold              2         <NA>          NaN
           parity              4            5          1.5
        """
        import pandas as pd

        rows = []
        for r in self.ranked():
            row = {"family": r.family, "label": r.label, "functions": r.functions,
                   "known_hidden": r.known.layered_hidden,
                   "known_any_depth_neurons": r.known.any_depth_neurons,
                   "known_layered_exact": r.known.layered_exact,
                   "known_any_depth_exact": r.known.any_depth_exact,
                   "known_neurons": r.known_neurons, "known_exact": r.known_exact,
                   "known_parameters": r.known_parameters,
                   "relu_hidden": r.relu.hidden, "relu_parameters": r.relu.parameters(r.inputs),
                   "relu_successes": r.relu.successes, "relu_trials": r.relu.trials,
                   "relu_lo": r.relu.interval[0], "relu_hi": r.relu.interval[1],
                   "relu_best_lr": r.relu.best_lr, "relu_diverged": r.relu.diverged,
                   "gap_neurons": r.gap_neurons, "gap_parameters": r.gap_parameters}
            if r.sign is not None:
                row.update({"sign_hidden": r.sign.hidden, "sign_successes": r.sign.successes,
                            "sign_trials": r.sign.trials, "sign_lo": r.sign.interval[0],
                            "sign_hi": r.sign.interval[1], "sign_diverged": r.sign.diverged,
                            "sign_gap_neurons": r.sign_gap_neurons})
            rows.append(row)
        return integer_counts(pd.DataFrame(rows), _COUNT_COLUMNS)
