"""The target of a capacity search: a Boolean map on all 2^M points, n random points, or n random
token sequences (a transformer's target).

Re-exported by :mod:`empirical.search.size` (import it from there).
"""

from __future__ import annotations

from dataclasses import dataclass

from capacity.counting import boolean_function_bits
from capacity.errors import UsageError
from capacity.options import canonical_choice
from constructions.boolean import BooleanFunction
from constructions.families import FAMILIES, make_function
from empirical.engine.config import INPUT_LAWS, LABEL_PRIORS, DataConfig, check_fits_memory
from empirical.engine.information import label_information_bits

__all__ = ["MAX_INPUTS", "TARGET_KINDS", "SearchTarget"]

#: Largest M a Boolean search accepts (all 2^M points are trained on every step).
MAX_INPUTS = 16

#: What a search memorises: a Boolean map, random points, token sequences or seq2seq tasks.
TARGET_KINDS = ("boolean", "points", "sequences", "seq2seq")


_SEEDED = ("random", "threshold", "dnf")


@dataclass(frozen=True)
class SearchTarget:
    """What must be memorised (see the module notes).

    ``kind="boolean"``: all 2^M points of ``function`` (a ``constructions.families`` name; the
    seeded families ``random``, ``threshold`` and ``dnf`` draw a new function per trial, the
    others are the same function every trial) or of ``table`` (truth-table strings separated
    by commas; sets ``inputs`` and ``outputs``). ``kind="points"``: ``n`` points in R^d_in
    from ``input_law`` with labels over ``classes`` classes from ``label_prior`` (new draw per
    trial).
    ``kind="sequences"``: ``n`` sequences of ``seq_len`` tokens drawn uniformly from a vocabulary
    of ``classes`` (new draw per trial); its labels are the ``seq_len − 1`` next tokens of each.
    ``kind="seq2seq"``: Kim et al.'s ``n`` sequences of ``seq_len`` tokens in R^d_in from
    ``input_law``, a label per token over ``classes`` from ``label_prior``.

    Examples
    --------
    >>> SearchTarget(table="0110").inputs, SearchTarget(table="0110").information_bits()
    (2, 4.0)
    >>> SearchTarget(function="prity")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: unknown function 'prity'; choose one of parity, majority, and, ...
    """

    kind: str = "boolean"
    function: str = "random"
    inputs: int = 4
    outputs: int = 1
    table: str | None = None
    n: int = 100
    classes: int = 2
    d_in: int = 8
    input_law: str = "standard_normal"
    label_prior: str = "uniform"
    alpha: float = 1.0
    seq_len: int = 16

    def to_dict(self) -> dict:
        """The fields this kind of target reads (a table target: its table, M and N; a family:
        its name, M and N; random points: n and their law; sequences: n, V and S), JSON-ready.

        Examples
        --------
        >>> SearchTarget(table="0110").to_dict()
        {'kind': 'boolean', 'table': '0110', 'inputs': 2, 'outputs': 1}
        >>> SearchTarget(kind="sequences", n=4, classes=8, seq_len=5).to_dict()
        {'kind': 'sequences', 'n': 4, 'classes': 8, 'seq_len': 5}
        """
        point_law = ("d_in", "input_law", "label_prior", "alpha")
        names = {"boolean": ("table",) if self.table is not None else ("function",),
                 "points": ("n", "classes", *point_law),
                 "sequences": ("n", "classes", "seq_len"),
                 "seq2seq": ("n", "classes", "seq_len", *point_law)}[self.kind]
        if self.kind == "boolean":
            names = (*names, "inputs", "outputs")
        return {"kind": self.kind, **{name: getattr(self, name) for name in names}}

    def _check_read_fields(self) -> None:
        """Refuse a field this kind of target does not read, set to other than its default:
        ``SearchTarget(n=500, classes=3)`` without ``kind="points"`` searched a random 4-input
        Boolean map, and ``SearchTarget(kind="points", inputs=8)`` ignored the 8 (2026-12-05
        API review)."""
        read = {"kind", *self.to_dict()}
        if self.kind == "boolean":
            read |= {"function", "table"}  # one of them decides the map (checked below)
        fields = SearchTarget.__dataclass_fields__
        for name, spec in fields.items():
            if name not in read and getattr(self, name) != spec.default:
                raise UsageError(f"{name} = {getattr(self, name)!r} is not read by a "
                                 f"{self.kind} target, which reads "
                                 f"{', '.join(sorted(read - {'kind'}))}; drop it (or choose "
                                 "the kind that reads it)")
        if self.kind == "boolean" and self.table is not None \
                and self.function != fields["function"].default:
            raise UsageError(f"function = {self.function!r} is not read beside a table (the "
                             "table is the map); drop one of them")

    def __post_init__(self) -> None:
        for name, options in (("kind", TARGET_KINDS), ("input_law", INPUT_LAWS),
                              ("label_prior", LABEL_PRIORS)):  # any case (docs/cli.md, Names)
            object.__setattr__(self, name, canonical_choice(getattr(self, name), options))
        if self.kind not in TARGET_KINDS:
            raise UsageError(f"unknown target kind {self.kind!r}; choose boolean, points, "
                             "sequences or seq2seq")
        self._check_read_fields()
        if self.kind in ("sequences", "seq2seq"):
            self.data_config()  # validates n, classes, seq_len
            self._check_data_size()
            return
        if self.kind == "points":
            if self.input_law not in INPUT_LAWS:
                raise UsageError(f"unknown input law {self.input_law!r}; choose one of "
                                 f"{', '.join(INPUT_LAWS)}")
            if self.label_prior not in LABEL_PRIORS:
                raise UsageError(f"unknown label prior {self.label_prior!r}; choose one of "
                                 f"{', '.join(LABEL_PRIORS)}")
            self.data_config()  # validates n, classes, d_in
            self._check_data_size()
            return
        if self.table is not None:
            fn = BooleanFunction.from_strings(str(self.table).replace(" ", "").split(","))
            fields = SearchTarget.__dataclass_fields__
            for name, value in (("inputs", fn.inputs), ("outputs", fn.outputs)):
                given = getattr(self, name)  # another value was replaced without a word
                if given not in (fields[name].default, value):  # (2026-12-05 API review)
                    raise UsageError(f"{name} = {given!r}, but the table sets {name} = {value}; "
                                     f"drop {name}")
            object.__setattr__(self, "table", ",".join(fn.to_strings()))
            object.__setattr__(self, "inputs", fn.inputs)
            object.__setattr__(self, "outputs", fn.outputs)
        # the options by name, as search types them (compare checks its own first); a table's
        # M and N as the table's (they named --inputs, which the user had not typed, review)
        if not isinstance(self.inputs, int) or not 1 <= self.inputs <= MAX_INPUTS:
            what = (f"the truth table has M = {self.inputs} inputs; a trained search takes at "
                    f"most {MAX_INPUTS}" if self.table is not None else
                    f"--inputs must be between 1 and {MAX_INPUTS} for a trained search, got "
                    f"{self.inputs!r}")
            raise UsageError(f"{what} (all 2^M points are trained)")
        if not isinstance(self.outputs, int) or not 1 <= self.outputs <= 8:
            what = (f"the truth table has N = {self.outputs} outputs; a trained search takes at "
                    "most 8" if self.table is not None else
                    f"--outputs must be between 1 and 8, got {self.outputs!r}")
            raise UsageError(f"{what} (one 2^N-class head)")
        if self.table is None:
            make_function(self.function, self.inputs, self.outputs, seed=0)  # validates
            object.__setattr__(self, "function", canonical_choice(self.function, FAMILIES))

    def _check_data_size(self) -> None:
        """Refuse (one line, before any training) a target whose data alone, for one trial,
        would take more than half of this machine's memory (a search trains several trials)."""
        per_point = max(1, self.context) * (max(1, self.d_in) * 4 + 8)
        check_fits_memory(self.n * per_point, "the data of one trial alone",
                          {"sequences": "shrink --points or --seq-len",
                           "seq2seq": "shrink --points, --d-in or --seq-len"}.get(
                              self.kind, "shrink --points or --d-in"))

    @property
    def fixed(self) -> bool:
        """True when every trial sees the same dataset (a table or an unseeded family)."""
        return self.kind == "boolean" and (self.table is not None
                                           or self.function not in _SEEDED)

    @property
    def d_features(self) -> int:
        """Input dimension of the network (the context length T = seq_len − 1 for sequences)."""
        if self.kind in ("sequences", "seq2seq"):
            return self.context
        return self.inputs if self.kind == "boolean" else self.d_in

    @property
    def context(self) -> int:
        """Positions a transformer reads and labels per sequence (S − 1 next tokens, or S
        labelled tokens for seq2seq); 0 for other targets."""
        return {"sequences": self.seq_len - 1, "seq2seq": self.seq_len}.get(self.kind, 0)

    @property
    def token_dim(self) -> int:
        """Dimension of a seq2seq token (0: token ids, or not a sequence target)."""
        return self.d_in if self.kind == "seq2seq" else 0

    @property
    def n_classes(self) -> int:
        """Classes of the head: 2^N for Boolean targets, V for points."""
        return 2 ** self.outputs if self.kind == "boolean" else self.classes

    @property
    def n_points(self) -> int:
        """Training points: 2^M or n (sequences for a sequence target)."""
        return 2 ** self.inputs if self.kind == "boolean" else self.n

    def data_config(self) -> DataConfig:
        """Base data config (the data seed is set per trial; no test set).

        Examples
        --------
        >>> SearchTarget(kind="points", n=50, d_in=3).data_config().n_train
        50
        """
        if self.kind == "boolean":
            return DataConfig(kind="boolean", function=self.function, inputs=self.inputs,
                              outputs=self.outputs, n_test=0, d_in=self.inputs,
                              classes=2 ** self.outputs, table=self.table or "")
        if self.kind == "sequences":
            return DataConfig(kind="tokens", classes=self.classes, seq_len=self.seq_len,
                              n_train=self.n, n_test=0)
        if self.kind == "seq2seq":
            return DataConfig(kind="seq2seq", d_in=self.d_in, classes=self.classes,
                              seq_len=self.seq_len, input_law=self.input_law,
                              label_prior=self.label_prior, alpha=self.alpha, n_train=self.n,
                              n_test=0)
        return DataConfig(kind="random", d_in=self.d_in, classes=self.classes,
                          input_law=self.input_law, label_prior=self.label_prior,
                          alpha=self.alpha, n_train=self.n, n_test=0)

    def information_bits(self) -> float:
        """Bits the labels carry: N·2^M (Boolean), n·H(prior) (points), n·(S − 1)·log2 V
        (sequences).

        Examples
        --------
        >>> SearchTarget(kind="points", n=100, classes=4).information_bits()
        200.0
        >>> SearchTarget(kind="sequences", n=10, classes=16, seq_len=9).information_bits()
        320.0
        """
        if self.kind == "boolean":
            return float(boolean_function_bits(self.inputs, self.outputs))
        if self.kind == "sequences":
            return label_information_bits(self.n * self.context, self.classes)
        labels = self.n * max(1, self.context)
        if self.label_prior == "uniform" and self.classes & (self.classes - 1) == 0:
            # p = 2^-k exactly, so m·H(π) is m·k exactly either way: no torch needed
            return label_information_bits(labels, self.classes)
        from empirical.engine.data import class_prior  # torch

        return label_information_bits(labels, self.classes, class_prior(
            self.classes, self.label_prior, self.alpha))

    def bits_are_information(self) -> bool:
        """Whether :meth:`information_bits` is the information the labels carry.

        True for random labels (points, sequences, seq2seq) and the ``random`` Boolean family,
        whose N·2^M label bits are independent fair coins. False for every other Boolean target:
        a fixed map (``parity``, ``table``) is one map, so its labels carry no information, and
        the ``threshold`` and ``dnf`` families draw from far fewer than 2^(N·2^M) maps (there
        are at most 2^(M²) threshold functions of M inputs). Their ``information_bits`` is the
        truth table's length, and bits per parameter is then truth-table bits per parameter.

        Examples
        --------
        >>> SearchTarget(inputs=4).bits_are_information()
        True
        >>> SearchTarget(inputs=4, function="parity").bits_are_information()
        False
        """
        return self.kind != "boolean" or (self.table is None and self.function == "random")

    def describe(self) -> str:
        """One-line description, e.g. ``random Boolean M=6 N=1``.

        Examples
        --------
        >>> SearchTarget(inputs=6).describe(), SearchTarget(table="0110").describe()
        ('random Boolean M=6 N=1', 'table 0110 Boolean M=2 N=1')
        >>> SearchTarget(kind="points", n=8, d_in=4).describe()
        '8 points, 2 classes, d_in=4 (standard_normal, uniform)'
        >>> SearchTarget(kind="sequences", n=4, classes=8, seq_len=5).describe()
        '4 random sequences of 5 tokens, V=8'
        """
        if self.kind == "points":
            return (f"{self.n} points, {self.classes} classes, d_in={self.d_in} "
                    f"({self.input_law}, {self.label_prior})")
        if self.kind == "sequences":
            return f"{self.n} random sequences of {self.seq_len} tokens, V={self.classes}"
        if self.kind == "seq2seq":
            return (f"{self.n} seq2seq maps of {self.seq_len} tokens in R^{self.d_in}, "
                    f"V={self.classes}")
        name = f"table {self.table}" if self.table is not None else self.function
        return f"{name} Boolean M={self.inputs} N={self.outputs}"
