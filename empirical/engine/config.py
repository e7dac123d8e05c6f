"""Frozen run configurations: data, model, training, and the run that ties them together.

A :class:`RunConfig` is built from a TOML file, a nested dict or dotted ``key=value`` overrides;
unknown keys are errors naming the key and listing the valid ones. ``to_dict`` gives the JSON
saved in every run folder. :data:`PRESETS` holds named configs; ``l2-blog`` is the base experiment
of Liu's post "How does memorization affect ℓ2?" (2026-05-05).

This module imports no torch, so the CLI can parse configs cheaply.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import numbers
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from capacity.bigint_text import brief_int, decimal_digits
from capacity.errors import UsageError
from capacity.machine import memory_limit_bytes
from capacity.options import canonical_choice, check_seed, choice_key, is_integer, limit_text
from capacity.user_files import parse_json, parse_toml, read_text
from empirical.engine.parameters import count_parameters, count_transformer_parameters

__all__ = [
    "ACTIVATIONS",
    "DTYPES",
    "INPUT_LAWS",
    "KIND_FIELDS",
    "LABEL_PRIORS",
    "LOG_ROW_BYTES",
    "MAX_DEPTH",
    "MAX_TRIALS",
    "OPTIMIZERS",
    "PRESETS",
    "DataConfig",
    "ModelConfig",
    "RunConfig",
    "TrainConfig",
    "canonical_device",
    "check_choice",
    "check_confidence",
    "check_device",
    "finite_number",
    "check_fits_memory",
    "check_learning_rates",
    "check_memory",
    "check_seeds_read",
    "check_success_rate",
    "check_value_type",
    "memory_limit_bytes",
    "load_config",
    "parse_overrides",
    "read_config_file",
    "set_choice",
    "unread_seeds",
    "written_member_count",
]

INPUT_LAWS = ("standard_normal", "uniform", "rademacher")
LABEL_PRIORS = ("uniform", "power_law", "exponential")
ACTIVATIONS = ("relu", "tanh", "gelu", "silu", "relu2", "identity", "sign")
OPTIMIZERS = ("adam", "adamw", "sgd")
LOSSES = ("cross_entropy", "mse")
DTYPES = ("float32", "float64", "bfloat16")
#: Most label classes: torch.multinomial draws from at most 2^24 categories.
MAX_CLASSES = 1 << 24
#: Largest number of inputs M of a Boolean dataset: the truth table's
#: (``constructions.boolean.MAX_TABLE_INPUTS``, not imported here to keep this module light).
MAX_BOOLEAN_INPUTS = 28
DATA_KINDS = ("random", "boolean", "tokens", "seq2seq")
SEQUENCE_KINDS = ("tokens", "seq2seq")  # the data a transformer reads
#: The ``data`` fields each data kind reads; the others are not used by that kind, so a config
#: that sets one of them is refused and a saved config leaves them out.
KIND_FIELDS = {
    "random": ("kind", "d_in", "classes", "input_law", "label_prior", "alpha", "n_train",
               "n_test", "seed"),
    "boolean": ("kind", "function", "inputs", "outputs", "table", "seed"),
    "tokens": ("kind", "classes", "label_prior", "n_train", "n_test", "seq_len", "seed"),
    "seq2seq": ("kind", "d_in", "classes", "input_law", "label_prior", "alpha", "n_train",
                "n_test", "seq_len", "seed"),
}
#: Why a kind does not read the fields it leaves out (ends the refusal's line).
_KIND_WHY = {
    "random": "it draws n_train + n_test points in R^d_in",
    "boolean": "every one of the 2^inputs points is a training point, with 2^outputs classes",
    "tokens": "it draws uniform token sequences from data.classes tokens",
    "seq2seq": "it draws sequences of points in R^d_in",
}
#: Model fields only a transformer reads.
TRANSFORMER_FIELDS = ("kind", "heads", "mlp_ratio")
MODEL_KINDS = ("mlp", "transformer")


#: Bytes no machine can allocate (2^62): a plan above it is refused even with ``--force``
#: (torch cannot index it; a width of 10^20 with --force ended as an internal error, status 70).
UNADDRESSABLE_BYTES = 1 << 62


def check_fits_memory(need: int, what: str, fix: str, force: bool = False) -> None:
    """Refuse (one line) a plan of ``need`` bytes above :func:`memory_limit_bytes` (unless
    ``force``) or at least :data:`UNADDRESSABLE_BYTES` (always): the one wording of every
    memory refusal. ``what`` names the plan ("this run (K = 3 member(s), width 8)"), ``fix``
    ends the message with what to shrink.

    Parameters
    ----------
    need : int
        Estimated bytes of the plan.
    what : str
        Names the plan; it starts the message.
    fix : str
        What to shrink; it ends the message.
    force : bool, default False
        Allow plans above this machine's limit (``--force``), not unaddressable ones.

    Raises
    ------
    UsageError
        If ``need`` exceeds :func:`memory_limit_bytes` and ``force`` is false, or reaches
        :data:`UNADDRESSABLE_BYTES`.

    Examples
    --------
    >>> check_fits_memory(2**20, "this plan", "shrink it")
    >>> check_fits_memory(2**60, "this plan", "shrink it")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: this plan needs about 1.07e+09 GiB, more than half of this ...
    >>> check_fits_memory(2**60, "this plan", "shrink it", force=True)
    >>> check_fits_memory(2**70, "this plan", "shrink it", force=True)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: this plan needs about 1.1e+12 GiB, more than any machine can ...
    """
    if need >= UNADDRESSABLE_BYTES:
        shrink = re.sub(r",? or pass --force$", "", fix)  # --force cannot help here
        # a float holds need / 2^30 up to ~10^308 (--n-train 10^400 was status 70, OverflowError)
        size = (f"about {need / 2**30:.3g} GiB" if need.bit_length() < 1000 else
                f"more than 2^{need.bit_length() - 1} bytes")
        raise UsageError(f"{what} needs {size}, more than any machine can address (2^62 bytes), "
                         f"even with --force; {shrink}")
    limit = memory_limit_bytes()
    if need > limit and not force:
        raise UsageError(f"{what} needs about {need / 2**30:.3g} GiB, more than half of this "
                         f"machine's memory (or of its ulimit: {2 * limit / 2**30:.3g} GiB); "
                         f"{fix}")


def check_memory(cfg: RunConfig, force: bool = False,
                 fix: str = "shrink it or pass --force") -> None:
    """Refuse (one line) a run whose estimated memory exceeds :func:`memory_limit_bytes`,
    unless ``force``; checked in microseconds, before anything is allocated. ``fix`` ends the
    message (a command without ``--force`` names what to shrink).

    Parameters
    ----------
    cfg : RunConfig
        The run; its :meth:`~RunConfig.estimated_bytes` is checked.
    force : bool, default False
        Allow a run above this machine's limit (not one no machine can address).
    fix : str, default "shrink it or pass --force"
        Ends the refusal's message.

    Raises
    ------
    UsageError
        If the estimate exceeds :func:`memory_limit_bytes` and ``force`` is false.

    Examples
    --------
    >>> check_memory(RunConfig())
    >>> check_memory(RunConfig().override(["model.width=100000000"]))
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: this run (K = 1 member(s), width 100000000) needs about ... GiB, ...
    """
    width = max(cfg.widths) if cfg.widths else cfg.model.width
    total, log = cfg.estimated_bytes(), cfg.log_bytes()
    what = (f"this run (K = {cfg.size} member(s), width {brief_int(width)}"
            + (f", {cfg.train.log_rows:,} log rows a member, most of it" if 2 * log > total
               else "") + ")")
    check_fits_memory(total, what, fix + (" (or log less often: --log-every)"
                                          if 2 * log > total else ""), force)


def check_choice(name: str, value: str, options: tuple[str, ...]) -> str:
    """``value`` if it is one of ``options``, else one clear ValueError naming them.

    Parameters
    ----------
    name : str
        What the value is (used in the message, e.g. ``"dtype"``).
    value : str
        The value given, in any case and with ``_`` or ``-`` alike
        (:func:`capacity.options.choice_key`).
    options : tuple of str
        The accepted values, as memcap spells them.

    Returns
    -------
    str
        The member of ``options`` that ``value`` names (``"Adam"`` gives ``"adam"``).

    Raises
    ------
    UsageError
        If ``value`` is not in ``options``.

    Examples
    --------
    >>> check_choice("dtype", "float16", DTYPES)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: unknown dtype 'float16'; choose one of float32, float64, bfloat16
    >>> check_choice("optimizer", "AdamW", OPTIMIZERS)
    'adamw'
    """
    choice = canonical_choice(value, options)
    if choice not in options:
        raise UsageError(f"unknown {name} {value!r}; choose one of {', '.join(options)}")
    return choice


def set_choice(config, attr: str, name: str, options: tuple[str, ...]) -> None:
    """Check the frozen dataclass ``config``'s field ``attr`` against ``options`` and store its
    canonical spelling (a config says ``optimizer = "adam"`` however it was typed): the one
    step every config with a named choice runs in its ``__post_init__``.

    Examples
    --------
    >>> cfg = TrainConfig()
    >>> object.__setattr__(cfg, "optimizer", "SGD"); set_choice(cfg, "optimizer", "optimizer",
    ...                                                         OPTIMIZERS)
    >>> cfg.optimizer
    'sgd'
    """
    object.__setattr__(config, attr, check_choice(name, getattr(config, attr), options))


def check_device(device: str) -> str:
    """``device`` if torch could name it here (cpu, cuda, cuda:N), else one clear ValueError.

    Examples
    --------
    >>> check_device("cuda:1")
    'cuda:1'
    >>> check_device("tpu")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: unknown device 'tpu'; choose cpu, cuda or cuda:N
    """
    name = canonical_device(device)
    # cuda:N with N a device number: "cuda:abc" or "cuda:" reached torch.device, whose
    # RuntimeError is no message for bad input (2026-12-07 audit)
    if name not in ("cpu", "cuda") and not re.fullmatch(r"cuda:[0-9]+", str(name)):
        raise UsageError(f"unknown device {device!r}; choose cpu, cuda or cuda:N")
    return name


def canonical_device(device):
    """``device`` in lower case when it names cpu, cuda or cuda:N in any case, else unchanged
    (the option callback of ``--device``; :func:`check_device` refuses what names nothing).

    Examples
    --------
    >>> canonical_device("CUDA:1"), canonical_device("Cpu"), canonical_device("tpu")
    ('cuda:1', 'cpu', 'tpu')
    """
    if not isinstance(device, str):
        return device
    low = device.lower()
    return low if low in ("cpu", "cuda") or low.startswith("cuda:") else device


#: Largest learning rate a run takes: Adam's first step is lr / (1 − β₁), which must stay below
#: float32's largest number (3.4e38) for any β₁ up to 1 − 1e−8 (1e39 was status 70).
MAX_LR = 1e30

#: Smallest learning rate a run takes: float32's smallest normal number, 2^−126 ≈ 1.2e−38. The
#: optimiser steps in float32, where a smaller rate is a denormal or 0 (``--lrs 1e-320`` trained
#: with a rate of exactly 0, 2026-12-03 audit).
MIN_LR = 2.0 ** -126
#: float32's largest finite number: a setting above it is inf in a float32 model.
FLOAT32_MAX = 3.4028234663852886e38


#: The RunConfig fields that hold one value per ensemble member (each empty or of the
#: ensemble's length).
MEMBER_LISTS = ("init_seeds", "data_seeds", "widths", "lrs", "tables")


def check_success_rate(value: float) -> float:
    """Refuse (one line) a needed success rate outside (0, 1]: the one check ``search``,
    ``compare`` and ``hardness`` share (each had its own wording).

    Parameters
    ----------
    value : float
        The ``--success-rate`` given.

    Returns
    -------
    float
        ``value``, unchanged.

    Examples
    --------
    >>> check_success_rate(0.5)
    0.5
    >>> check_success_rate(2.0)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --success-rate must be in (0, 1], got 2.0; e.g. 0.5
    """
    # a number, not a bool or text ("0.5" was a TypeError from Python, True counted as 1.0,
    # 2026-12-05 API review); NaN fails the range
    if not _is_real(value) or not 0 < value <= 1:
        raise UsageError(f"--success-rate must be in (0, 1], got {shown_value(value)}; e.g. 0.5")
    return value


def check_confidence(value: float) -> float:
    """Refuse (one line) a Wilson-interval coverage outside (0, 1): the one check ``search``
    and ``hardness`` (command and configs) share.

    Examples
    --------
    >>> check_confidence(0.95)
    0.95
    >>> check_confidence(1.5)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --confidence must be in (0, 1), got 1.5
    """
    if not _is_real(value) or not 0 < value < 1:  # NaN too; a bool or text (review)
        raise UsageError(f"--confidence must be in (0, 1), got {shown_value(value)}")
    return value


def _is_real(value) -> bool:
    """A real number (Python's or numpy's), not a bool."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_learning_rates(values, name: str = "--lrs", distinct: bool = False
                         ) -> tuple[float, ...]:
    """A learning-rate grid as floats, each finite and in [:data:`MIN_LR`, :data:`MAX_LR`] (at
    least one; with ``distinct``, none repeated, as the command line's lists), else
    :class:`~capacity.errors.UsageError` naming ``name``: the check a grid built in code
    (``SearchOptions``, ``CompareConfig``, ``HardnessConfig``) shares with the command line's.

    Examples
    --------
    >>> check_learning_rates([0.01, 3e-2])
    (0.01, 0.03)
    >>> check_learning_rates([1e-320])
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --lrs must be positive numbers in [2^-126 (about 1.18e-38), ...
    """
    # a string was read character by character ("0.01" failed on '.'; 2026-12-05 API review)
    if not isinstance(values, str | bytes) and hasattr(values, "__iter__"):
        values = tuple(values)  # a generator was used up by the check below
    if isinstance(values, str | bytes) or not hasattr(values, "__iter__") or not all(
            _is_real(v) for v in values):
        raise UsageError(f"{name} must be a sequence of numbers, got {values!r}; e.g. "
                         "(0.003, 0.01, 0.03)")
    lrs = tuple(float(v) if finite_number(v) else math.inf for v in values)
    if not lrs or not all(math.isfinite(v) and MIN_LR <= v <= MAX_LR for v in lrs):
        raise UsageError(f"{name} must be positive numbers in [{limit_text(MIN_LR)}, {MAX_LR:g}] "
                         f"(float32's smallest normal number, and the largest rate whose first "
                         f"Adam step stays finite), got {shown_value(values)}; e.g. "
                         "0.003,0.01,0.03")
    if distinct and len(set(lrs)) != len(lrs):  # a grid: HardnessConfig trained (0.1, 0.1)
        rate = next(v for v in lrs if lrs.count(v) > 1)  # twice (2026-12-06)
        raise UsageError(f"{name} repeats {rate:g}; list each value once")
    shown: dict[str, float] = {}
    for v in lrs:  # results are keyed by the rate's 6-digit form: 0.03 and 0.03000001 were
        # both trained and then shared one key in search.json and one column in
        # candidates.csv, the second's counts overwriting the first's (2026-12-05 review)
        if shown.setdefault(f"{v:g}", v) != v:
            raise UsageError(f"{name}: {shown[f'{v:g}']!r} and {v!r} print alike as {v:g}; give "
                             "rates that differ in their first 6 significant digits")
    return lrs

#: Most log rows one training run may keep (each holds every member's observables).
MAX_LOG_ROWS = 10**6

#: Bytes a member's log row takes beside its layer norms (:meth:`RunConfig.log_bytes`): the
#: trainer's nine float32 observables twice (rows and their stack), the metrics columns (five
#: int64 labels, the observables, a count and a flag) and the strip's seven float64 columns,
#: twice (this process's and the drawing process's copy); 350 bytes a row measured with 4·10^6 rows
#: (2026-12-06), rounded up.
LOG_ROW_BYTES = 360


#: Most hidden layers (MLP) or blocks (transformer) a model may have: a run keeps a weight
#: tensor, an activation and an optimiser state per layer, built in Python loops.
MAX_DEPTH = 1000

#: Most trials (independent trainings) per size a search, a hardness study or a comparison runs.
MAX_TRIALS = 1000

#: Largest step budget of a trial that search, compare and bench accept (hours per ensemble on a
#: CPU already; the trainer keeps a log row every ``log_every`` steps in memory).
MAX_STEPS = 10**7

#: The seeds a run takes: −2^63 … 2^63 − 1, the int64 range of a run folder's seed columns
#: (torch's ``manual_seed`` takes up to 2^64 − 1, but such a seed trained and then failed to
#: write its folder, status 70, 2026-12-05 review; ``capacity.options.MAX_SEED`` is 2^63 − 1).
SEED_RANGE = (-(2**63), 2**63 - 1)


def _check_seed(name: str, value: int) -> None:
    """Refuse (one line) a seed outside :data:`SEED_RANGE` (torch's own limit ended with status
    70 inside torch; one of 2^63 or more, after the training, in the run folder)."""
    if not SEED_RANGE[0] <= value <= SEED_RANGE[1]:
        raise UsageError(f"{name} must lie in -2^63..2^63-1 (run folders store seeds as 64-bit "
                         f"integers), got {value}")


def _positive(name: str, value: int, minimum: int = 1) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise UsageError(f"{name} must be an integer >= {minimum}, got {value!r}")


def check_prior_spread(law: str, alpha: float, classes: int) -> None:
    """Refuse a power-law or exponential prior that puts all of float64's probability on the
    first class: the other classes' weights together, n^(−α) or e^(−α(n−1)) for n ≥ 2, below
    2^−53 of the first's, so the labels are one class and carry no information (α = 10^6
    with 4 classes drew from [1, 0, 0, 0] and a capacity of −6.8 bits was reported;
    2026-12-04 review). Classes with a tiny or underflowing probability are no reason:
    with 1 000 classes and α = 1 the last ones are never drawn, as in any sample.

    Parameters
    ----------
    law : str
        ``"uniform"``, ``"power_law"`` or ``"exponential"`` (uniform is never refused).
    alpha : float
        The prior's exponent α.
    classes : int
        Number V of classes.

    Examples
    --------
    >>> check_prior_spread("power_law", 2.0, 4)
    >>> check_prior_spread("exponential", 1e6, 4)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: data.alpha = 1e+06 makes the exponential prior put all of its \
probability on the first of 4 classes (the others together 0 of it, below float64's 2^-53): \
the labels would be one class and carry no information; use a smaller data.alpha
    """
    if law == "uniform":
        return
    alpha, top = float(alpha), min(classes, 1000)  # later terms add < 2^-53 here

    def weight(n: int) -> float:
        return n ** -alpha if law == "power_law" else math.exp(-alpha * (n - 1))

    if weight(2) >= 2.0 ** -53:  # the sum is at least its first term: no need to add
        return  # (every DataConfig is checked; a sweep builds thousands)
    rest = math.fsum(weight(n) for n in range(2, top + 1))
    if rest < 2.0 ** -53:
        raise UsageError(
            f"data.alpha = {alpha:g} makes the {law} prior put all of its "
            f"probability on the first of {classes} classes (the others together "
            f"{rest:.2g} of it, below float64's 2^-53): the labels would be one class and "
            "carry no information; use a smaller data.alpha")


@dataclass(frozen=True)
class DataConfig:
    """The memorisation dataset.

    ``kind="random"``: ``n_train + n_test`` inputs in R^d_in from ``input_law`` and labels over
    ``classes`` classes from ``label_prior`` (shape ``alpha``), drawn independently of the inputs.
    ``kind="boolean"``: all ``2**inputs`` points of the family ``function`` (constructions) with
    ``outputs`` outputs, one 2^N-class head; there is no test set (``n_test`` is not read). A
    non-empty ``table`` (truth-table strings separated by commas, memcap's input order) is used
    instead of ``function``; ``inputs`` and ``outputs`` are then set from the table and
    ``function`` to ``"table"``, whatever they were, so that a stored config describes the run.
    ``kind="tokens"``: ``n_train + n_test`` sequences of ``seq_len`` tokens drawn uniformly from
    a vocabulary of ``classes`` (a transformer's data; the labels are the ``seq_len − 1`` next
    tokens of each sequence; ``label_prior`` must be uniform, ``d_in`` and ``input_law`` are
    unused). ``kind="seq2seq"``: Kim et al.'s setting, ``n_train + n_test`` sequences of
    ``seq_len`` tokens in R^d_in from ``input_law``, each token with a label from
    ``label_prior`` (``seq_len`` labels per sequence).

    Examples
    --------
    >>> DataConfig().d_in, DataConfig().classes
    (9, 17)
    >>> DataConfig(input_law="cauchy")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: unknown input_law 'cauchy'; choose one of standard_normal, ...
    """

    kind: str = "random"
    d_in: int = 9
    classes: int = 17
    input_law: str = "standard_normal"
    label_prior: str = "uniform"
    alpha: float = 1.0
    n_train: int = 100
    n_test: int = 80
    seed: int = 9266
    function: str = "random"
    inputs: int = 8
    outputs: int = 1
    table: str = ""
    seq_len: int = 16

    def __post_init__(self) -> None:
        _check_field_types(self, "data.")
        set_choice(self, "kind", "data kind", DATA_KINDS)
        if isinstance(self.function, str) and self.function != choice_key(self.function):
            from constructions.families import FAMILIES  # not imported for a canonical name

            # a name that is no family stays as typed, for the dataset's check to refuse
            object.__setattr__(self, "function", canonical_choice(self.function, FAMILIES))
        if self.kind == "boolean":  # numpy draws the function: 0..2^63 - 1, named as the key
            # (a seed of 2^63 was refused by make_function as "the seed of a Boolean function",
            # a name the user had not written, 2026-12-05 review)
            check_seed(self.seed, "data.seed (numpy draws the Boolean function)")
        _check_seed("data.seed", self.seed)
        _positive("data.seq_len", self.seq_len, 2)
        if self.kind == "tokens" and self.label_prior != "uniform":
            raise UsageError("token sequences are drawn uniformly; data.label_prior must be "
                             "'uniform' for data.kind = 'tokens'")
        if self.table and self.kind != "boolean":
            raise UsageError("data.table needs data.kind = 'boolean'")
        if self.table:  # the table decides M, N and the map: the stored config says so (a
            # preset's inputs = 8 and function = 'random' were kept beside a 2-input table)
            from constructions.boolean import BooleanFunction

            fn = BooleanFunction.from_strings(self.table.split(","))
            object.__setattr__(self, "inputs", fn.inputs)
            object.__setattr__(self, "outputs", fn.outputs)
            object.__setattr__(self, "function", "table")
        set_choice(self, "input_law", "input_law", INPUT_LAWS)
        set_choice(self, "label_prior", "label_prior", LABEL_PRIORS)
        _positive("data.d_in", self.d_in)
        _positive("data.classes", self.classes, 2)
        if self.classes > MAX_CLASSES:
            raise UsageError(f"data.classes = {self.classes} is above {MAX_CLASSES} (2^24, the "
                             "most categories torch draws labels from)")
        if not (isinstance(self.alpha, (int, float)) and finite_number(self.alpha)
                and self.alpha >= 0):
            raise UsageError(f"data.alpha (the label prior's shape) must be a finite number "
                             f">= 0, got {shown_value(self.alpha)}")
        self._check_prior_not_one_class()
        _positive("data.n_train", self.n_train)
        _positive("data.n_test", self.n_test, 0)
        _positive("data.inputs", self.inputs)
        _positive("data.outputs", self.outputs)
        if self.kind == "boolean" and self.inputs > MAX_BOOLEAN_INPUTS:
            # checked here, before the memory estimate computes 2**inputs (10^30 inputs was an
            # OverflowError there, status 70)
            raise UsageError(f"data.inputs = {self.inputs} is above {MAX_BOOLEAN_INPUTS}, the "
                             "largest M whose truth table is built")
        if self.kind == "boolean" and self.outputs > 16:
            raise UsageError(f"data.outputs = {self.outputs} gives a 2^N-class head too large; "
                             "use at most 16 outputs")

    def _check_prior_not_one_class(self) -> None:
        """:func:`check_prior_spread` for the data kinds that draw labels from the prior."""
        if self.kind in ("random", "seq2seq"):
            check_prior_spread(self.label_prior, self.alpha, self.classes)

    def unread_fields(self) -> tuple[str, ...]:
        """The fields this data kind does not read (:data:`KIND_FIELDS`).

        Examples
        --------
        >>> DataConfig(kind="boolean").unread_fields()
        ('d_in', 'classes', 'input_law', 'label_prior', 'alpha', 'n_train', 'n_test', 'seq_len')
        """
        return tuple(f.name for f in fields(self) if f.name not in KIND_FIELDS[self.kind])


@dataclass(frozen=True)
class ModelConfig:
    """The model: ``kind="mlp"`` (default), an MLP ``d_in → width × depth → classes`` with
    PyTorch's default ``nn.Linear`` init; ``kind="transformer"``, a decoder-only GPT-style
    transformer (:mod:`empirical.engine.transformer`) with model width ``width``, ``depth``
    blocks of ``heads`` causal heads and an MLP of ``mlp_ratio·width`` units (use
    ``activation="gelu"`` for GPT-2's). Whether ``heads`` divide the width is checked by
    :class:`RunConfig`, which knows whether ``width`` or its per-member ``widths`` are read.

    Examples
    --------
    >>> ModelConfig(activation="relu2").activation
    'relu2'
    >>> RunConfig(model=ModelConfig(kind="transformer", width=12, heads=5),
    ...           data=DataConfig(kind="tokens"))
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: model.width 12 is not a multiple of model.heads 5; ...
    """

    depth: int = 2
    width: int = 100
    activation: str = "relu"
    bias: bool = True
    init_seed: int = 1207
    kind: str = "mlp"
    heads: int = 1
    mlp_ratio: int = 4

    def __post_init__(self) -> None:
        _check_field_types(self, "model.")
        set_choice(self, "activation", "activation", ACTIVATIONS)
        _check_seed("model.init_seed", self.init_seed)
        set_choice(self, "kind", "model kind", MODEL_KINDS)
        _positive("model.depth", self.depth, 1 if self.kind == "transformer" else 0)
        if self.depth > MAX_DEPTH:
            raise UsageError(f"model.depth must be at most {MAX_DEPTH}, got {self.depth}")
        _positive("model.width", self.width)
        _positive("model.heads", self.heads)
        _positive("model.mlp_ratio", self.mlp_ratio)
        # whether heads divide the width is RunConfig's check: with per-member widths
        # model.width is not read (a preset's 100 refused heads = 3 beside widths [6, 6] given
        # by --set or a file, 2026-12-06 transformer review)


@dataclass(frozen=True)
class TrainConfig:
    """Optimiser, loss and schedule.

    ``batch_size = 0`` means full batch. Mini-batches follow one ``torch.randperm`` per epoch from
    a generator seeded with ``shuffle_seed`` (shared by all ensemble members). ``clip_bits``
    clips each training point's (each sequence's) logged memorised bits at 0
    (:func:`empirical.engine.memorisation.readout`); off by default.

    Examples
    --------
    >>> TrainConfig(optimizer="sgd", momentum=0.9, nesterov=True).nesterov
    True
    >>> TrainConfig(optimizer="sgd", nesterov=True)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: nesterov needs momentum > 0; set train.momentum (e.g. 0.9)
    >>> TrainConfig(eps=0.0)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: train.eps must be above 2^-150 for Adam and AdamW (float32 ...
    """

    optimizer: str = "adam"
    lr: float = 1e-3
    betas: tuple[float, float] = (0.9, 0.999)
    eps: float = 1e-8
    weight_decay: float = 0.0
    momentum: float = 0.0
    nesterov: bool = False
    loss: str = "cross_entropy"
    steps: int = 1000
    batch_size: int = 0
    shuffle_seed: int = 0
    log_every: int = 10
    early_stop: bool = False
    clip_bits: bool = False

    def __post_init__(self) -> None:
        _check_field_types(self, "train.")
        set_choice(self, "optimizer", "optimizer", OPTIMIZERS)
        set_choice(self, "loss", "loss", LOSSES)
        _positive("train.steps", self.steps, 0)
        _check_seed("train.shuffle_seed", self.shuffle_seed)
        _positive("train.batch_size", self.batch_size, 0)
        _positive("train.log_every", self.log_every)
        rows = self.log_rows
        if rows > MAX_LOG_ROWS:
            raise UsageError(f"train.steps {self.steps} logged every {self.log_every} steps "
                             f"makes {rows} log rows, more than {MAX_LOG_ROWS} (the log is "
                             "kept in memory); raise train.log_every or lower train.steps")
        if not (self.lr > 0 and finite_number(self.lr)):
            raise UsageError(f"train.lr must be a positive finite number, got "
                             f"{shown_value(self.lr)}")
        if self.lr > MAX_LR:  # Adam's first step lr / (1 − β₁) must stay a float32 number
            raise UsageError(f"train.lr must be at most {MAX_LR:g}, got {self.lr!r} (larger "
                             "rates overflow float32 in the optimiser's step)")
        if self.lr < MIN_LR:
            raise UsageError(f"train.lr must be at least {limit_text(MIN_LR)}, got {self.lr!r} "
                             "(float32's smallest normal number: a smaller rate is 0 or a "
                             "denormal in the optimiser's step)")
        for name in ("eps", "weight_decay", "momentum"):
            value = getattr(self, name)
            if not (finite_number(value) and value >= 0):
                raise UsageError(f"train.{name} must be a finite number >= 0, got "
                                 f"{shown_value(value)}")
        if self.momentum >= 1:  # torch accepts it; the velocity then never decays (review)
            raise UsageError(f"train.momentum must be in [0, 1), got {self.momentum!r} (with 1 "
                             "or more the velocity never decays and the steps grow)")
        # up to half the least float32 subnormal, eps rounds to 0 in a float32 model
        if self.eps <= 2.0 ** -150 and self.optimizer != "sgd":
            raise UsageError(f"train.eps must be above 2^-150 for Adam and AdamW (float32 "
                             f"rounds smaller values to 0), got {self.eps!r}: a parameter whose "
                             "gradient is exactly 0, such as a dead or padded unit's, would be "
                             "updated by 0/0 = NaN")
        if self.eps > FLOAT32_MAX:  # float32 rounds it to inf: every Adam step is 0, silently
            raise UsageError(f"train.eps must be at most {limit_text(FLOAT32_MAX)} (float32's "
                             "largest number; larger values round to inf and no parameter "
                             f"moves), got {self.eps!r}")
        if self.weight_decay > MAX_LR:  # the optimiser adds it to float32 gradients
            raise UsageError(f"train.weight_decay must be at most {MAX_LR:g}, got "
                             f"{self.weight_decay!r} (larger values overflow float32 in the "
                             "optimiser's step)")
        if not all(finite_number(b) for b in self.betas):  # float() of a 400-digit int overflowed
            raise UsageError(f"train.betas must be two numbers in [0, 1), got "
                             f"{shown_value(self.betas)}")
        object.__setattr__(self, "betas", tuple(float(b) for b in self.betas))
        if len(self.betas) != 2 or not all(0 <= b < 1 for b in self.betas):
            raise UsageError(f"train.betas must be two numbers in [0, 1), got {self.betas!r}")
        if self.nesterov and self.optimizer == "sgd" and not self.momentum > 0:
            # only SGD reads either: with Adam, unread_settings names nesterov itself (this
            # advice led to a second refusal of the momentum, 2026-12-05 review)
            raise UsageError("nesterov needs momentum > 0; set train.momentum (e.g. 0.9)")

    @property
    def log_rows(self) -> int:
        """An upper bound on the log rows a run keeps a member: the steps 0, ``log_every``, …
        and the last step.

        Examples
        --------
        >>> TrainConfig(steps=100, log_every=10).log_rows
        12
        """
        return self.steps // self.log_every + 2


def check_value_type(name: str, value: Any, tp) -> None:
    """Refuse (one line) a config value whose type does not fit the field's annotation: an
    integer field takes an integer, a float field an integer or float (never a bool), a bool
    field a bool, a string field a string, a ``tuple[...]`` field a list or tuple of fitting
    elements; ``X | None`` also takes None. A value from a ``--set``, a ``-c`` file or a sweep
    spec is checked here before any dataclass sees it, so a wrong type is bad input, not a
    crash inside the trainer. A numpy scalar is checked as the Python number it holds.

    Parameters
    ----------
    name : str
        The key, for the message (list elements get ``name[i]``).
    value : object
        The value to check.
    tp : type or typing annotation
        The field's annotation: ``int``, ``float``, ``bool``, ``str``, ``tuple[...]`` (fixed or
        ``...``-length) or ``X | None``; a union of several types and other annotations pass.

    Raises
    ------
    UsageError
        If ``value`` does not fit ``tp``.

    Examples
    --------
    >>> check_value_type("train.lr", 0.01, float)
    >>> check_value_type("lrs", [0.1, 1], tuple[float, ...])
    >>> check_value_type("train.lr", "abc", float)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: train.lr must be a number, got 'abc' (str)
    >>> check_value_type("train.early_stop", "maybe", bool)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: train.early_stop must be true or false, got 'maybe' (str)
    """
    value = _python_scalar(value)  # a numpy scalar is checked as the number it holds, as the
    # dataclasses store it (from_dict refused np.int64(3) that RunConfig's sections take)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            return check_value_type(name, value, options[0])
        return  # a union of several types: the dataclass checks it
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise UsageError(f"{name} must be a list, got {shown_value(value)} "
                             f"({type(value).__name__})")
        element = args[0] if args else Any
        fixed = args if args and args[-1] is not Ellipsis else None
        if fixed is not None and len(value) != len(fixed):
            raise UsageError(f"{name} must be a list of {len(fixed)} values, got "
                             f"{shown_value(value)}")
        for i, item in enumerate(value):
            check_value_type(f"{name}[{i}]", item, fixed[i] if fixed else element)
        return
    if tp is bool:
        if not isinstance(value, bool):
            raise UsageError(f"{name} must be true or false, got {shown_value(value)} "
                             f"({type(value).__name__})")
    elif tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise UsageError(f"{name} must be an integer, got {shown_value(value)} "
                             f"({type(value).__name__})")
    elif tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise UsageError(f"{name} must be a number, got {shown_value(value)} "
                             f"({type(value).__name__})")
        if not finite_number(value) and isinstance(value, int):  # an integer of 309 to 4300 digits
            # overflowed float() in the dataclass, status 70 (2026-12-05 review)
            raise UsageError(f"{name} must be a finite number, got an integer of "
                             f"{decimal_digits(value)} digits (beyond float64's range)")
    elif tp is str:
        if not isinstance(value, str):
            raise UsageError(f"{name} must be a string, got {shown_value(value)} "
                             f"({type(value).__name__})")


def shown_value(value: Any) -> str:
    """A config value as a refusal quotes it: its ``repr``, but an integer of more than 30
    digits as "an integer of N digits" and lists and tuples element by element (a 4 300-digit
    learning rate was quoted whole, and one of 5 000 digits could not be printed at all,
    2026-12-05 review).

    Examples
    --------
    >>> shown_value(0.5), shown_value((10**400, 0.9)), shown_value([1, "a"])
    ('0.5', '(an integer of 401 digits, 0.9)', "[1, 'a']")
    """
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**30:
        return f"an integer of {decimal_digits(value)} digits"
    if isinstance(value, tuple | list):
        inner = ", ".join(shown_value(v) for v in value)
        return f"({inner}{',' if len(value) == 1 else ''})" if isinstance(value, tuple) \
            else f"[{inner}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {shown_value(v)}" for k, v in value.items()) + "}"
    return repr(value)


def integer_list(values, name: str, what: str, fix: str = "") -> list:
    """``values`` as a list when it is a sequence of integers (numpy's too), else one
    UsageError naming ``name``, saying it must be ``what`` and ending with ``fix``.

    Examples
    --------
    >>> integer_list((4, 8), "ns", "a list of sizes")
    [4, 8]
    >>> integer_list("48", "ns", "a list of sizes")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: ns must be a list of sizes, got '48'
    """
    if isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
        raise UsageError(f"{name} must be {what}, got {shown_value(values)}{fix}")
    values = list(values)
    if not all(is_integer(v) for v in values):
        raise UsageError(f"{name} must be {what}, got {shown_value(values)}{fix}")
    return values


def finite_number(value) -> bool:
    """Whether the number ``value`` is finite as a float: False for NaN, ±inf and an integer
    beyond float64's range (``math.isfinite`` raised OverflowError on one).

    Examples
    --------
    >>> finite_number(0.5), finite_number(float("nan")), finite_number(10**400)
    (True, False, False)
    """
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


@functools.cache
def _field_types(cls) -> dict[str, Any]:
    """A config dataclass's resolved field annotations (resolved once: a sweep's spec calls
    :meth:`RunConfig.from_dict` for every run)."""
    return typing.get_type_hints(cls)


def _check_field_types(section, prefix: str) -> None:
    """Check every field of the config ``section`` against its annotation as
    :func:`check_value_type` checks a file's or ``--set``'s values, for a config built directly
    in Python too: ``TrainConfig(early_stop="no")`` trained with early stopping (any truthy
    value counting as True), ``DataConfig(seed=1.5)`` trained seed 1's data, and
    ``TrainConfig(lr="0.1")`` or ``DataConfig(table=5)`` were bare TypeError/AttributeError
    (2026-12-05 API review). A numpy scalar is stored as the Python number it holds (numpy is
    not imported here: anything with a dtype and an empty shape)."""
    for name, tp in _field_types(type(section)).items():
        held = getattr(section, name)
        value = _python_scalar(held)
        if value is not held:  # np.int64(3) could not be written to JSON
            object.__setattr__(section, name, value)
        check_value_type(f"{prefix}{name}", value, tp)


def _python_scalar(value: Any) -> Any:
    """The Python number a numpy scalar holds (anything with a dtype and an empty shape:
    numpy is not imported here); any other value itself."""
    if getattr(value, "dtype", None) is not None and getattr(value, "shape", None) == ():
        return value.item()
    return value


def _check_section(prefix: str, cls, values: dict[str, Any]) -> None:
    hints = _field_types(cls)
    for key, value in values.items():
        if key in hints and not dataclasses.is_dataclass(hints[key]):
            check_value_type(f"{prefix}{key}", value, hints[key])


#: The sections of a run config: its nested dataclasses, by key.
_SECTIONS = {"data": DataConfig, "model": ModelConfig, "train": TrainConfig}


@dataclass(frozen=True)
class RunConfig:
    """A whole run: K ensemble members sharing data size, depth and optimiser.

    Member k uses init seed ``init_seeds[k]`` (default ``model.init_seed + k``), data seed
    ``data_seeds[k]`` (default ``data.seed`` for every member: one shared dataset), hidden width
    ``widths[k]`` (default ``model.width``) and, for Boolean data, truth table ``tables[k]``
    (default ``data.table`` for every member; one member's table may differ from another's, so
    searches of several fixed maps train as one ensemble). ``dtype`` is float32, float64 or
    bfloat16; bfloat16 is mixed precision (forward and backward under ``torch.autocast`` to
    bf16, parameters, gradients and optimiser state float32, losses and read-outs float32), the
    usual meaning of "bf16 training" (nanoGPT's).

    Examples
    --------
    >>> cfg = RunConfig(ensemble=3)
    >>> cfg.members()
    [(1207, 9266, 100), (1208, 9266, 100), (1209, 9266, 100)]
    >>> RunConfig.from_dict({"train": {"lr": 0.01, "lrr": 1}})
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: unknown key 'train.lrr'; valid keys: optimizer, lr, betas, eps, ...
    """

    data: DataConfig = field(default_factory=DataConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    train: TrainConfig = field(default_factory=TrainConfig)
    ensemble: int = 1
    init_seeds: tuple[int, ...] = ()
    data_seeds: tuple[int, ...] = ()
    widths: tuple[int, ...] = ()
    device: str = "cpu"
    dtype: str = "float32"
    lrs: tuple[float, ...] = ()
    tables: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # sections and per-member lists of the right kind: data={} or widths=8 were bare
        # AttributeError/TypeError from inside (2026-12-05 API review)
        for name, section in (("data", DataConfig), ("model", ModelConfig),
                              ("train", TrainConfig)):
            if not isinstance(getattr(self, name), section):
                raise UsageError(f"{name} must be a {section.__name__}, got "
                                 f"{shown_value(getattr(self, name))}"[:200])
        hints = _field_types(RunConfig)
        for name in MEMBER_LISTS:
            values = getattr(self, name)
            if isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
                raise UsageError(f"{name} must be a list with one value per member, got "
                                 f"{shown_value(values)}"[:200])
            # each element as from_dict and --set check it: int() made widths (2.7, 3.2) into
            # (2, 3), str() made tables 5 into "5", lrs "0.1" was a bare TypeError and True a
            # rate of 1 (2026-12-05 API review, 2026-12-07); numpy scalars are their numbers
            values = tuple(_python_scalar(v) for v in values)
            check_value_type(name, values, hints[name])
            object.__setattr__(self, name, values)
        if self.tables:
            if self.data.kind != "boolean":
                raise UsageError("per-member tables need data.kind = 'boolean'")
            from constructions.boolean import BooleanFunction

            shapes = set()
            for table in set(self.tables):  # every member's table maps the same M → N
                f = BooleanFunction.from_strings(table.split(","))
                shapes.add((f.inputs, f.outputs))
            if len(shapes) > 1:
                raise UsageError(f"member tables must share their inputs and outputs, got "
                                 f"{sorted(shapes)} (M, N)")
            (m, n), = shapes
            if self.data.table and (self.data.inputs, self.data.outputs) != (m, n):
                raise UsageError(f"data.table maps {self.data.inputs} inputs to "
                                 f"{self.data.outputs} output(s), the per-member tables {m} to "
                                 f"{n}; give tables of one shape")
            # the tables decide M, N and the map, as data.table does: the memory guard read
            # data.inputs (a preset's 8 beside M = 16 tables: 237x too low, and an out-of-memory
            # error without --force) and config.json recorded it (2026-12-05 review)
            object.__setattr__(self, "data", dataclasses.replace(
                self.data, inputs=m, outputs=n, function="table"))
        object.__setattr__(self, "lrs", tuple(float(v) for v in self.lrs))
        if not all(v > 0 and math.isfinite(v) for v in self.lrs):
            raise UsageError(f"lrs must be positive finite numbers, one per member, got "
                             f"{self.lrs!r}")
        if any(v > MAX_LR for v in self.lrs):  # as train.lr (the optimiser's float32 step)
            raise UsageError(f"lrs must be at most {MAX_LR:g}, got {max(self.lrs)!r}")
        if any(v < MIN_LR for v in self.lrs):
            raise UsageError(f"lrs must be at least {limit_text(MIN_LR)} (float32's smallest "
                             f"normal number), got {min(self.lrs)!r}")
        if self.data.kind == "boolean":  # numpy's seeds: 0..2^63 - 1 (its message first)
            for v in self.data_seeds:
                check_seed(v, "data_seeds (numpy draws the Boolean functions)")
        for name in ("init_seeds", "data_seeds"):
            for v in getattr(self, name):
                _check_seed(name, v)
        object.__setattr__(self, "ensemble", _python_scalar(self.ensemble))  # as the sections
        _positive("ensemble", self.ensemble)
        set_choice(self, "dtype", "dtype", DTYPES)
        object.__setattr__(self, "device", check_device(self.device))
        longest = max(MEMBER_LISTS, key=lambda key: len(getattr(self, key)))  # sets the size
        for name in MEMBER_LISTS:
            n = len(getattr(self, name))
            if n and n != self.size:  # name the list that set the size (the message said "the
                # ensemble has 3 members" to a user who had typed no ensemble, 2026-12-07 audit)
                raise UsageError(f"{name} has {n} entries but {longest} has {self.size}; give "
                                 "each per-member list one entry per member")
            if n and self.ensemble not in (1, n):
                # (the ensemble may come from the preset: "drop --ensemble" named an option
                # the user had not typed, 2026-12-04 review)
                raise UsageError(f"ensemble = {self.ensemble} but {name} has {n} entries; give "
                                 f"one entry per member or set ensemble = {n}")
        if any(w < 1 for w in self.widths):
            raise UsageError("widths must be positive integers")
        if not self.init_seeds and self.model.init_seed + self.size - 1 > SEED_RANGE[1]:
            raise UsageError(f"model.init_seed {self.model.init_seed} gives member k the init "
                             f"seed init_seed + k, above 2^63-1 for {self.size} members; lower "
                             "model.init_seed or give init_seeds")
        if self.train.loss == "mse":
            raise UsageError("loss 'mse' is refused on a classification dataset (labels are "
                             "classes); use loss = 'cross_entropy'")
        if (self.model.kind == "transformer") != (self.data.kind in SEQUENCE_KINDS):
            raise UsageError("a transformer reads token sequences and token sequences need a "
                             "transformer: set model.kind = 'transformer' together with "
                             "data.kind = 'tokens' (or 'seq2seq')")
        split = [w for w in self.widths if w % self.model.heads]  # heads do not divide these
        if self.model.kind == "transformer" and split:
            raise UsageError(f"widths holds {split[0]}, not a multiple of model.heads "
                             f"{self.model.heads}; each head reads width/heads dimensions")
        if self.model.kind == "transformer" and not self.widths \
                and self.model.width % self.model.heads:  # the one width every member has
            raise UsageError(f"model.width {self.model.width} is not a multiple of model.heads "
                             f"{self.model.heads}; each head reads width/heads dimensions")
        if self.model.kind == "transformer" and len(set(self.widths)) > 1:
            raise UsageError("transformer ensemble members share one width; give equal widths "
                             "or train one ensemble per width")

    @property
    def size(self) -> int:
        """Number of ensemble members K (the longest per-member list, else ``ensemble``)."""
        lengths = [len(self.init_seeds), len(self.data_seeds), len(self.widths), len(self.lrs),
                   len(self.tables)]
        return max(lengths) if max(lengths) else self.ensemble

    def member_lrs(self) -> tuple[float, ...]:
        """Each member's learning rate: ``lrs`` (one per member, so a learning-rate grid trains
        as one ensemble) or ``train.lr`` for every member.

        Examples
        --------
        >>> RunConfig(ensemble=2).member_lrs(), RunConfig(lrs=(0.01, 0.03)).member_lrs()
        ((0.001, 0.001), (0.01, 0.03))
        """
        return self.lrs or (self.train.lr,) * self.size

    def estimated_bytes(self) -> int:
        """An estimate of the memory a run of this config takes: parameters with their
        gradient and two optimiser buffers (a transformer: eight copies, for the copies its
        ensemble is built from and the optimiser's temporaries), the K datasets, and the
        activations of one full-batch step (widths padded to the widest member), at the
        config's dtype. A lower estimate for MLPs; for transformers 5-step runs of widths
        512-2048 peaked at 0.76-0.86 of it (2026-12-05).

        Examples
        --------
        >>> RunConfig().estimated_bytes() < 10 * 2**20
        True
        """
        return self._model_bytes() + self.log_bytes()

    def log_bytes(self) -> int:
        """An estimate of the memory of a run's training log and of the tables written from
        it: per member and log row, the trainer's rows of nine observables and ``depth + 2``
        layer norms (and their stacked copy), the metrics columns and the strip's float64
        columns — :data:`LOG_ROW_BYTES` plus 12 bytes a layer (``metrics.csv`` itself is
        written in blocks of rows). A run of 4 members logged at each of 10^6 steps passed the
        memory guard and failed after training, at 1.3–1.6 KB a row of the one-string CSV
        (2026-12-06 review).

        Examples
        --------
        >>> RunConfig().override(["train.steps=999998", "train.log_every=1",
        ...                       "ensemble=10000"]).log_bytes() > 10**12
        True
        """
        return self.size * self.train.log_rows * (LOG_ROW_BYTES + 12 * (self.model.depth + 2))

    def _model_bytes(self) -> int:
        """:meth:`estimated_bytes` without the log: parameters, data, activations."""
        k = self.size
        width = max(self.widths) if self.widths else self.model.width
        item = 8 if self.dtype == "float64" else 4
        if self.model.kind == "transformer":
            t, v, depth = self.context, self.data.classes, self.model.depth
            params = self.parameter_count(width)
            n = self.data.n_train if self.train.batch_size <= 0 else min(
                self.data.n_train, self.train.batch_size)
            # kept activations, logits, and per head a T-long attention row three times: the
            # scores, the softmax output and a gradient of one of them at a time (one copy
            # was counted until 2026-12-03; a 1 024-token run peaked at 3.1x that estimate)
            per_token = depth * (16 + 3 * self.model.mlp_ratio) * width + 3 * v + (
                3 * depth * self.model.heads * t)
            per_input = self.data.d_in * item if self.data.kind == "seq2seq" else 8  # x, y
            # 8 copies of the parameters, not 4: building the ensemble holds the K reference
            # modules, the stacked copy and the flat buffer at once, and the optimiser's first
            # step makes temporaries; 5-step runs of widths 512-2048 peaked at 1.5-1.8x the
            # 4-copy estimate, and a search up to width 4096 passed the guard and was killed
            # by the kernel (2026-12-05 transformer review)
            return k * item * (8 * params + n * t * per_token) + k * (per_input + 8) * t * (
                self.data.n_train + self.data.n_test)
        d, v = (self.data.inputs, 1 << self.data.outputs) if self.data.kind == "boolean" else (
            self.data.d_in, self.data.classes)
        n = (1 << self.data.inputs) if self.data.kind == "boolean" else self.data.n_train
        m = 0 if self.data.kind == "boolean" else self.data.n_test
        depth = self.model.depth
        dims = [d] + [width] * depth + [v]
        params = sum(dims[i] * dims[i + 1] + dims[i + 1] for i in range(len(dims) - 1))
        batch = n if self.train.batch_size <= 0 else min(n, self.train.batch_size)
        activations = batch * (d + 2 * width * depth + 2 * v)
        return k * item * (4 * params + (n + m) * (d + 1) + activations)

    @property
    def context(self) -> int:
        """Positions a transformer reads, and labels per sequence: ``seq_len − 1`` for next
        tokens, ``seq_len`` for seq2seq (0 for data that are not sequences).

        Examples
        --------
        >>> RunConfig().context, RunConfig().override(["data.kind='tokens'",
        ...     "model.kind='transformer'", "data.seq_len=9"]).context
        (0, 8)
        """
        kind = self.data.kind
        return {"tokens": self.data.seq_len - 1, "seq2seq": self.data.seq_len}.get(kind, 0)

    def parameter_count(self, width: int | None = None) -> int:
        """Parameters (weights and biases) of one member of ``width`` (default
        ``model.width``): the dense MLP on this data's inputs and classes, or the transformer
        on its vocabulary and context.

        Examples
        --------
        >>> RunConfig().parameter_count()  # the l2-blog MLP 9 → 100 → 100 → 17
        12817
        >>> RunConfig().override(["model.kind='transformer'", "data.kind='tokens'",
        ...                       "model.width=8", "model.depth=1"]).parameter_count()
        1144
        """
        w, m, data = self.model.width if width is None else int(width), self.model, self.data
        if m.kind == "transformer":
            return count_transformer_parameters(
                data.classes, self.context, w, m.depth, m.mlp_ratio, m.bias,
                data.d_in if data.kind == "seq2seq" else 0)
        d, v = ((data.inputs, 1 << data.outputs) if data.kind == "boolean"
                else (data.d_in, data.classes))
        return count_parameters(d, w, m.depth, v, m.bias)

    def reads_data_seed(self) -> bool:
        """Whether the data depend on the data seed: not for Boolean data given as truth tables
        (``data.table``, ``tables``) or a fixed map (``data.function`` parity, majority, ...;
        only the seeded families random, threshold and dnf draw from it).

        Examples
        --------
        >>> RunConfig().reads_data_seed()
        True
        >>> RunConfig(data=DataConfig(kind="boolean", function="parity")).reads_data_seed()
        False
        """
        if self.data.kind != "boolean":
            return True
        from constructions.families import family_reads_seed

        return not (self.data.table or self.tables) and family_reads_seed(self.data.function)

    def hidden_width(self, width: int) -> int:
        """The width a member's results report: ``width``, or 0 for an MLP of depth 0 (a
        linear model has no hidden layer; the configured width, which the config keeps, reads
        nothing; results said that width until 2026-12-06).

        Examples
        --------
        >>> RunConfig().hidden_width(100), RunConfig().override(["model.depth=0"]).hidden_width(100)
        (100, 0)
        """
        return 0 if self.model.kind == "mlp" and self.model.depth == 0 else int(width)

    def members(self) -> list[tuple[int, int, int]]:
        """``(init_seed, data_seed, width)`` for each member, in order.

        Examples
        --------
        >>> cfg = RunConfig(init_seeds=(1, 2), widths=(4, 8))   # the data seed is shared
        >>> cfg.members() == [(1, cfg.data.seed, 4), (2, cfg.data.seed, 8)]
        True
        """
        k = self.size
        inits = self.init_seeds or tuple(self.model.init_seed + i for i in range(k))
        datas = self.data_seeds or (self.data.seed,) * k
        widths = self.widths or (self.model.width,) * k
        return list(zip(inits, datas, widths, strict=True))

    def to_dict(self) -> dict[str, Any]:
        """Plain nested dict (JSON/TOML-ready) that :meth:`from_dict` reads back.

        Examples
        --------
        >>> cfg = RunConfig(ensemble=2, widths=(4, 8))
        >>> d = cfg.to_dict()
        >>> d["ensemble"], d["widths"], d["train"]["betas"], "lrs" in d   # lists, no unused key
        (2, [4, 8], [0.9, 0.999], False)
        >>> RunConfig.from_dict(d) == cfg
        True
        """
        d = dataclasses.asdict(self)
        d["train"]["betas"] = list(d["train"]["betas"])
        for name in ("init_seeds", "data_seeds", "widths"):
            d[name] = list(d[name])
        if self.lrs:
            d["lrs"] = list(self.lrs)
        else:  # a run with one learning rate keeps the config schema it always had
            del d["lrs"]
        if self.tables:
            d["tables"] = list(self.tables)
        else:  # so does a run whose members share the data's table
            del d["tables"]
        if self.model.kind == "mlp":  # so does an MLP run: no transformer keys
            for key in TRANSFORMER_FIELDS:
                del d["model"][key]
        for key in self.data.unread_fields():  # only the data fields its kind reads
            del d["data"][key]
        if not self.train.clip_bits:
            del d["train"]["clip_bits"]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any], base: RunConfig | None = None, *,
                  stored: bool = False) -> RunConfig:
        """Build from a nested dict, overriding ``base`` (default: the defaults).

        A key the config's data or model kind does not read is refused, unless ``stored``: a
        file memcap wrote before 2026-12-01 (a sweep's spec.json, a memory.json, a run's
        config.json) holds every data field, and reading it back must still work (such a
        field changes nothing; :meth:`to_dict` leaves it out).

        Examples
        --------
        >>> old = {"data": {"kind": "random", "inputs": 8, "table": ""}}  # written by 8726ca6
        >>> RunConfig.from_dict(old, stored=True).to_dict()["data"].get("inputs") is None
        True
        >>> RunConfig.from_dict(old)
        Traceback (most recent call last):
        ...
        capacity.errors.UsageError: data.inputs is not used when data.kind = 'random' ...
        """
        if not isinstance(d, dict):  # None was a bare AttributeError (2026-12-05 API review)
            raise UsageError(f"a run config is a table of keys (a dict), got {shown_value(d)}")
        if base is not None and not isinstance(base, RunConfig):
            raise UsageError(f"base must be a RunConfig, got {type(base).__name__}")
        base = base or cls()
        top = {f.name for f in fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in d.items():
            if key not in top:
                raise UsageError(f"unknown key {key!r}; valid keys: {', '.join(sorted(top))}")
            if key in _SECTIONS:
                if not isinstance(value, dict):
                    raise UsageError(f"{key!r} must be a table of keys, got {value!r}")
                valid = [f.name for f in fields(_SECTIONS[key])]
                for sub in value:
                    if sub not in valid:
                        raise UsageError(f"unknown key '{key}.{sub}'; valid keys: "
                                         f"{', '.join(valid)}")
                _check_section(f"{key}.", _SECTIONS[key], value)
                kwargs[key] = dataclasses.replace(getattr(base, key), **value)
            else:
                _check_section("", cls, {key: value})
                kwargs[key] = value
        try:
            cfg = dataclasses.replace(base, **kwargs)
        except TypeError as exc:  # wrong value types reaching a dataclass
            raise UsageError(f"bad config value: {exc}") from None
        if not stored:
            _refuse_first(unread_settings(cfg, d))
        return cfg

    def override(self, assignments: list[str]) -> RunConfig:
        """Apply dotted ``key=value`` overrides (values parsed as TOML), e.g. ``train.lr=0.01``.

        A string field takes the text as typed, so a truth table that TOML would read as a
        number (``data.table=1001``) or a bool stays the string it is.

        Examples
        --------
        >>> RunConfig().override(["train.lr=0.01", "model.width=8"]).model.width
        8
        >>> RunConfig().override(["data.kind=boolean", "data.table=1001"]).data.table
        '1001'
        """
        return RunConfig.from_dict(parse_overrides(assignments), base=self)


def parse_overrides(assignments: list[str]) -> dict[str, Any]:
    """The nested dict of dotted ``key=value`` overrides (values parsed as TOML; a string field
    keeps the text as typed), not yet applied: see :meth:`RunConfig.override`.

    Examples
    --------
    >>> parse_overrides(["train.lr=0.01", "ensemble=3", "data.table=0110"])
    {'train': {'lr': 0.01}, 'ensemble': 3, 'data': {'table': '0110'}}
    >>> parse_overrides(["model.width=4", "model={width=5, depth=2}"])
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: override key 'model.width' is given more than once; give it once
    >>> parse_overrides(["model={width=4}", "model={depth=2}"])
    {'model': {'width': 4, 'depth': 2}}
    >>> parse_overrides(["train.lr=0.1\\ntrain.steps=3"])
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: override 'train.lr': the value holds more than one TOML...
    """
    nested: dict[str, Any] = {}
    seen: set[str] = set()  # the dotted keys set so far, those of a whole-section table too
    for item in assignments:
        if "=" not in item:
            raise UsageError(f"override {item!r} is not key=value; write e.g. train.lr=0.01")
        key, raw = item.split("=", 1)
        parts = key.strip().split(".")
        if len(parts) > 2:
            raise UsageError(f"override key {key!r} is too deep; use section.key")
        if len(parts) == 2 and parts[0] not in _SECTIONS and parts[0] in _field_types(RunConfig):
            # "ensemble.x=1" was "ensemble must be an integer, got {'x': 1}", and after
            # "ensemble=3" "'ensemble' must be a table of keys" (2026-12-07 audit)
            raise UsageError(f"override key {key.strip()!r}: {parts[0]!r} takes a value, not "
                             f"keys; write {parts[0]}=VALUE")
        try:
            document = tomllib.loads(f"v = {raw}")
        except (tomllib.TOMLDecodeError, ValueError):  # ValueError: an integer of > 4300 digits
            # a bare word, stripped as a TOML value is ("data.kind= boolean" was the unknown
            # kind ' boolean', 2026-12-07 audit)
            document = {"v": raw.strip()}
        except RecursionError:  # "[[[[...]]]]" nested thousands deep: status 70 before
            raise UsageError(f"override {key.strip()!r}: the value is nested too deeply") from None
        if set(document) != {"v"}:  # "0.1\ntrain.steps=3": the second line was dropped unseen
            raise UsageError(f"override {key.strip()!r}: the value holds more than one TOML "
                             "assignment (a newline?); give one key=value per --set")
        value = document["v"]
        owner = _SECTIONS.get(parts[0], RunConfig) if len(parts) == 2 else RunConfig
        if (_field_types(owner).get(parts[-1]) in (str, str | None)
                and not isinstance(value, str)):
            value = raw.strip()
        # a key set twice, dotted or inside a section's table: the last value won without a
        # word (CLI review, 2026-12-05); a table's other keys merge with the dotted ones
        leaves = ([f"{parts[0]}.{k}" for k in value] if len(parts) == 1 and isinstance(value, dict)
                  and parts[0] in _SECTIONS else [".".join(parts)])
        twice = next((k for k in leaves if k in seen), None)
        if twice is not None:
            raise UsageError(f"override key {twice!r} is given more than once; give it once")
        seen.update(leaves)
        target = nested.setdefault(parts[0], {}) if len(parts) == 2 else nested
        if not isinstance(target, dict):  # "train=5" then "train.lr=0.1" (status 70 before)
            raise UsageError(f"{parts[0]!r} must be a table of keys, got {target!r}")
        if isinstance(value, dict) and isinstance(target.get(parts[-1]), dict):
            value = {**target[parts[-1]], **value}  # "model.kind=…" then "model={…}": both
        target[parts[-1]] = value
    return nested


def _refuse_first(problems: list[str]) -> None:
    """Refuse (one line) the first of ``problems``, if any."""
    if problems:
        raise UsageError(problems[0])


def unread_settings(cfg: RunConfig, given: dict[str, Any]) -> list[str]:
    """Every key ``given`` sets that ``cfg``'s data kind, model kind, optimiser, label law or
    truth table does not read (it would be silently ignored), as refusal messages (empty: none).

    Examples
    --------
    >>> cfg = RunConfig(data=DataConfig(kind="boolean", table="0110"))
    >>> [m[:34] for m in unread_settings(cfg, {"data": {"inputs": 5, "d_in": 3}})]
    ['data.d_in is not used when data.ki', 'data.inputs = 5 is not read beside']
    """
    out = []
    data = given.get("data", {})
    out += [f"data.{key} is not used when data.kind = '{cfg.data.kind}' "
            f"({_KIND_WHY[cfg.data.kind]}); drop it"
            for key in cfg.data.unread_fields() if key in data]
    model = given.get("model", {})
    if cfg.model.kind == "mlp":
        out += [f"model.{key} is read only by model.kind = 'transformer'; drop it for an MLP"
                for key in TRANSFORMER_FIELDS[1:] if key in model]
    # settings one optimiser or label law reads and the chosen one does not: refused when set
    # to anything but their default, so a tied sweep axis may still pass the default (a
    # momentum with Adam was recorded in config.json and read by nothing, 2026-12-03 audit)
    train, default = given.get("train", {}), TrainConfig.__dataclass_fields__
    sgd = cfg.train.optimizer == "sgd"
    out += [f"train.{key} is read only by {by} (train.optimizer is '{cfg.train.optimizer}'); "
            "drop it"
            for key, read, by in (("momentum", sgd, "SGD"), ("nesterov", sgd, "SGD"),
                                  ("betas", not sgd, "Adam and AdamW"),
                                  ("eps", not sgd, "Adam and AdamW"))
            if key in train and not read and getattr(cfg.train, key) != default[key].default]
    if ("alpha" in data and "alpha" in KIND_FIELDS[cfg.data.kind]
            and cfg.data.label_prior == "uniform"
            and cfg.data.alpha != DataConfig.__dataclass_fields__["alpha"].default):
        out.append("data.alpha shapes the power_law and exponential label priors; "
                   "data.label_prior = 'uniform' does not read it; drop it")
    # a truth table decides M and N: another value was replaced without a word (config.json
    # recorded the table's, 2026-12-03 audit), or kept beside per-member tables and read by the
    # memory estimate alone; training reads the per-member tables first (run.py)
    shape = {}
    if cfg.tables:
        from constructions.boolean import BooleanFunction

        fn = BooleanFunction.from_strings(cfg.tables[0].split(","))
        shape = {"inputs": fn.inputs, "outputs": fn.outputs}
    elif cfg.data.table:  # DataConfig set them from its table
        shape = {"inputs": cfg.data.inputs, "outputs": cfg.data.outputs}
    out += [f"data.{key} = {data[key]} is not read beside a truth table, which has {value} "
            f"{key}; drop it" for key, value in shape.items() if key in data and data[key] != value]
    return out


def check_seeds_read(cfg: RunConfig, given: dict[str, Any], base: RunConfig | None) -> None:
    """Refuse seeds the user set that nothing reads (each was recorded in config.json, and a
    sweep over one trained identical runs as if they were replicates; 2026-12-03 audit): a data
    seed of a fixed map or truth table, ``data.seed`` or ``model.init_seed`` beside the
    per-member list that replaces it, ``train.shuffle_seed`` with full batches, and
    ``data.function`` beside a truth table (which replaced it silently).

    Called on what a user writes — :func:`load_config` (preset, file, ``--set``, options) and a
    sweep spec — not by :meth:`RunConfig.from_dict`, which must read back every config memcap
    writes (config.json holds every field, ``model.init_seed`` beside ``init_seeds``).

    Parameters
    ----------
    cfg : RunConfig
        The config built.
    given : dict
        What the user's layers set (nested like :meth:`RunConfig.to_dict`).
    base : RunConfig or None
        What they were applied to; a seed equal to ``base``'s is accepted (a preset's own
        seeds). None: every seed given counts, whatever its value (a sweep asks whether any of
        its runs reads a field).

    Examples
    --------
    >>> cfg = RunConfig(init_seeds=(1, 2), ensemble=2, model=ModelConfig(init_seed=5))
    >>> check_seeds_read(cfg, {"model": {"init_seed": 5}}, RunConfig())
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: model.init_seed is not read when init_seeds gives each ...
    """
    _refuse_first(unread_seeds(cfg, given, base))


def unread_seeds(cfg: RunConfig, given: dict[str, Any], base: RunConfig | None) -> list[str]:
    """Every refusal :func:`check_seeds_read` would make, as messages (empty: none).

    Examples
    --------
    >>> [m[:40] for m in unread_seeds(RunConfig(), {"train": {"shuffle_seed": 3}}, None)]
    ['train.shuffle_seed orders mini-batches; ']
    """
    out = []
    data, model, train = given.get("data", {}), given.get("model", {}), given.get("train", {})
    seed_set = "seed" in data and (base is None or cfg.data.seed != base.data.seed)
    if not cfg.reads_data_seed() and (seed_set or ("data_seeds" in given and cfg.data_seeds)):
        what = ("a truth table" if cfg.data.table or cfg.tables
                else f"the fixed map data.function = '{cfg.data.function}'")
        out.append(f"the data are {what}, which no data seed changes (only the seeded families "
                   "random, threshold and dnf draw from it); drop data.seed / data_seeds")
    if seed_set and cfg.data_seeds:
        out.append("data.seed is not read when data_seeds gives each member's data seed; drop "
                   "one of them")
    init_set = base is None or cfg.model.init_seed != base.model.init_seed
    if "init_seed" in model and cfg.init_seeds and init_set:
        out.append("model.init_seed is not read when init_seeds gives each member's init seed; "
                   "drop one of them")
    points = _training_points(cfg)
    if ("shuffle_seed" in train and not 0 < cfg.train.batch_size < points
            and (base is None or cfg.train.shuffle_seed != base.train.shuffle_seed)):
        # a batch of n or more is the whole set, as the trainer reads it: the seed was kept in
        # config.json and read by nothing (2026-12-06 review)
        # one text for every run: a sweep refuses a setting when every run's message is the
        # same, and per-run numbers let an all-full-batch grid through (diff review)
        out.append("train.shuffle_seed orders mini-batches; with full batches (train.batch_size "
                   "0, or at least the number of training points) nothing reads it; drop it or "
                   "set a smaller batch size")
    if "function" in data and (cfg.data.table or cfg.tables) and data["function"] != "table":
        out.append(f"data.function = {data['function']!r} is not read beside a truth table "
                   "(data.table or tables decides the map); drop one of them")
    return out


def _training_points(cfg: RunConfig) -> int:
    """The training points (sequences, for a transformer) a member's batches are drawn from:
    2^M for Boolean data (M of the truth tables where they decide it), else data.n_train."""
    # data.inputs holds M of a table too (a table's text may carry spaces: its length was read
    # as 5 points for " 0110", 2026-12-06 diff review)
    return cfg.data.n_train if cfg.data.kind != "boolean" else 1 << cfg.data.inputs


#: Named configurations. ``l2-blog``: Liu, "How does memorization affect ℓ2?" (2026-05-05),
#: base experiment: d_in 9, 17 uniform classes, standard-normal inputs, 100 train / 80 test, data
#: seed 9266; MLP 2×100 ReLU with biases, init seed 1207; Adam lr 1e-3, β (0.9, 0.999), ε 1e-8;
#: mean cross-entropy; 1000 full-batch steps, logged every 10.
PRESETS: dict[str, RunConfig] = {
    "l2-blog": RunConfig(),
    "boolean-small": RunConfig(
        data=DataConfig(kind="boolean", inputs=8, outputs=1, n_test=0),
        model=ModelConfig(depth=1, width=32, init_seed=0),
        train=TrainConfig(lr=1e-2, early_stop=True, steps=1000),
        ensemble=4,
    ),
}


def written_member_count(given: dict[str, Any],
                         where: str = "the config file or the overrides") -> int | None:
    """The member count of the per-member lists (:data:`MEMBER_LISTS`) written in ``given``
    (a merged config dict), None when none is written; two of different lengths are refused,
    named as the two lists (it said "the ensemble has 3 members", a count the user had not
    written, 2026-12-05 review). A preset's ensemble is a default such a list replaces.

    Parameters
    ----------
    given : dict
        The settings written by the user (a config file, overrides), before the preset.
    where : str, default "the config file or the overrides"
        Where they were written, for the message.

    Examples
    --------
    >>> written_member_count({"widths": [4, 8]}), written_member_count({"train": {}})
    (2, None)
    >>> written_member_count({"widths": [4, 8], "lrs": [0.1]})
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: widths lists 2 values but lrs lists 1 (both written in the ...
    """
    written = {k: v for k in MEMBER_LISTS if isinstance(v := given.get(k), list | tuple) and v}
    if not written:
        return None
    (first, values), *others = written.items()
    for key, other in others:
        if len(other) != len(values):
            raise UsageError(f"{first} lists {len(values)} values but {key} lists {len(other)} "
                             f"(both written in {where}); give one per member")
    return len(values)


def read_config_file(path: str | Path) -> dict[str, Any]:
    """The settings of a config file: a TOML file's tables, or the ``config`` of a run
    folder's ``config.json`` (``{"config": RunConfig.to_dict(), "versions": ...}``), so that
    ``memcap train --config RUN/config.json`` trains that run again (since 2026-12-06; it was
    "not valid TOML").

    Parameters
    ----------
    path : str or Path
        The file.

    Returns
    -------
    dict
        Top-level keys and section tables, as :func:`load_config` merges them.

    Examples
    --------
    >>> import json, pathlib, tempfile
    >>> run = pathlib.Path(tempfile.mkdtemp()) / "config.json"
    >>> _ = run.write_text(json.dumps({"config": RunConfig(ensemble=2).to_dict()}))
    >>> load_config(run) == RunConfig(ensemble=2)
    True
    """
    return _config_file_layer(path)[0]


def _config_file_layer(path: str | Path) -> tuple[dict[str, Any], bool]:
    """:func:`read_config_file`'s settings, and whether memcap wrote them (a run folder's
    config.json, not a TOML file a user wrote)."""
    text = read_text(path, "config file")
    what = f"config file {str(path)!r}"
    if not text.lstrip().startswith("{"):
        return parse_toml(text, what), False
    document = parse_json(text, what)
    if not (isinstance(document, dict) and isinstance(document.get("config"), dict)
            and set(document) <= {"config", "versions"}):
        raise UsageError(f"{what} is JSON but not a run folder's config.json (an object with "
                         "'config'); write a config file in TOML")
    # as memcap reads back what it wrote: a config.json from before 2026-12-01 holds every data
    # field, which its kind does not read and a config file may not set (2026-12-06 review)
    return RunConfig.from_dict(document["config"], stored=True).to_dict(), True


def load_config(path: str | Path | None = None, preset: str | None = None,
                overrides: list[str] | None = None,
                update: dict[str, Any] | None = None) -> RunConfig:
    """Preset (default ``l2-blog``), then the TOML file, then dotted overrides, then ``update``
    (a nested dict: a command's options), each later one winning key by key. They are merged
    first and checked once, so a pair of keys that must agree (``model.width`` a multiple of
    ``model.heads``) may come from different layers.

    Parameters
    ----------
    path : str or Path or None, default None
        TOML config file, or a run folder's config.json (:func:`read_config_file`); None: none.
    preset : str or None, default None
        Name of a :data:`PRESETS` entry; None: ``l2-blog``.
    overrides : list of str or None, default None
        Dotted ``key=value`` assignments (:func:`parse_overrides`).
    update : dict or None, default None
        Nested dict of sections to keys, applied last.

    Returns
    -------
    RunConfig
        The checked config.

    Raises
    ------
    UsageError
        On an unknown preset, a bad file or override, a section given as a non-table, or a
        config the checks refuse.

    Examples
    --------
    >>> load_config(preset="l2-blog").train.steps
    1000
    >>> load_config(overrides=["model.kind=transformer", "data.kind=tokens", "model.heads=8"],
    ...             update={"model": {"width": 64}}).model.width
    64
    >>> load_config(preset="boolean-small", overrides=["widths=[4,8]"]).widths  # 2 members
    (4, 8)
    >>> load_config(preset="nope")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: unknown preset 'nope'; choose one of l2-blog, boolean-small
    """
    name = "l2-blog" if preset is None else canonical_choice(preset, tuple(PRESETS))
    if name not in PRESETS:
        raise UsageError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
    if update is not None and not isinstance(update, dict):  # a bare AttributeError before
        raise UsageError(f"update must be a dict of sections to keys, got {update!r}")
    stored, written = _config_file_layer(path) if path is not None else ({}, False)
    layers = [stored, parse_overrides(list(overrides or [])), update or {}]
    merged = _merged_layers(layers)
    if "ensemble" not in merged and (count := written_member_count(merged)) is not None:
        # a written per-member list replaces the preset's ensemble, as on the command line
        # (load_config(preset="boolean-small", overrides=["widths=[4,8]"]) was refused for the
        # preset's 4 members, 2026-12-05)
        merged["ensemble"] = count
    cfg = RunConfig.from_dict(merged, base=PRESETS[name])
    # a run folder's config.json is memcap's record of every field (model.init_seed beside
    # init_seeds): only what the user adds to it is checked (`memcap train --config
    # RUN/config.json` refused a run trained with --seeds, 2026-12-07 audit)
    check_seeds_read(cfg, _merged_layers(layers[1:]) if written else merged, PRESETS[name])
    return cfg


def _merged_layers(layers: list[dict[str, Any]]) -> dict[str, Any]:
    """The layers' settings merged in order, a later layer winning key by key (a section's
    table key by key)."""
    merged: dict[str, Any] = {}
    for layer in layers:
        for key, value in layer.items():
            if key in _SECTIONS and not isinstance(value, dict):
                # checked per layer: a later layer's table of this section replaced it unseen
                # (`train = 5` in --config with --lr given, 2026-12-01 fuzzing)
                raise UsageError(f"{key!r} must be a table of keys, got {value!r}")
            if key in _SECTIONS and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
    return merged
