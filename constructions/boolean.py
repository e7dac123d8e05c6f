"""Boolean maps {±1}^M → {±1}^N backed by a packed truth table.

Conventions (README.md, "Conventions"; relied on by outside checks):

* **Input order.** Input index ``i`` in ``[0, 2**M)`` is the point ``x`` in {±1}^M with
  ``x[j] = +1`` iff bit ``j`` of ``i`` is 1 (``x[0]`` is the least significant bit).
* **Truth-table strings.** One output is a string of ``2**M`` characters ``0``/``1``;
  character ``i`` is the output on input ``i`` and ``1`` means +1. ``N`` outputs are ``N`` such
  strings separated by commas (or one per line in a file). ``"0110"`` is XOR on ``M = 2``.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import numpy as np

from capacity.errors import UsageError
from capacity.options import check_integer, is_integer
from capacity.user_files import read_text

__all__ = [
    "MAX_FUNCTION_ENTRIES",
    "MAX_FUNCTION_OUTPUTS",
    "MAX_TABLE_INPUTS",
    "BooleanFunction",
    "all_inputs",
    "check_flag",
    "check_inputs",
    "check_table_size",
    "index_to_point",
    "read_table_argument",
    "read_table_text",
    "table_by_chunks",
    "table_strings",
]

#: Largest M for which a dense truth table is built (2**28 bits = 32 MiB per output, packed).
MAX_TABLE_INPUTS = 28

#: Most outputs :func:`~constructions.families.make_function` draws (``memcap construct
#: --force``'s limit) and :meth:`BooleanFunction.from_int` reads, and most entries N x 2^M of
#: the table they build (one byte each: 2 GiB).
MAX_FUNCTION_OUTPUTS = 1 << 16
MAX_FUNCTION_ENTRIES = 1 << 31


def check_flag(name: str, value) -> bool:
    """``value`` as a bool when it is one (numpy's ``True_`` too), else one UsageError:
    "NAME must be True or False, got VALUE" (a switch given ``"no"`` was read by truthiness and
    turned on, 2026-12-05 API review).

    Examples
    --------
    >>> check_flag("force", np.True_), check_flag("force", False)
    (True, False)
    >>> check_flag("force", "no")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: force must be True or False, got 'no'
    """
    if not isinstance(value, bool | np.bool_):
        raise UsageError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def check_inputs(m: int) -> int:
    """``m`` as an int if it is a valid number of inputs (1..MAX_TABLE_INPUTS), else ValueError.

    Examples
    --------
    >>> check_inputs(3)
    3
    >>> check_inputs(0)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: the number of inputs M must be between 1 and 28, got 0
    """
    if not isinstance(m, (int, np.integer)) or isinstance(m, bool):
        raise UsageError(f"the number of inputs M must be an integer, got {m!r}")
    m = int(m)
    if m < 1 or m > MAX_TABLE_INPUTS:
        raise UsageError(
            f"the number of inputs M must be between 1 and {MAX_TABLE_INPUTS}, got {m}"
        )
    return m


def check_table_size(m: int, outputs, who: str = "") -> int:
    """``outputs`` as an int if a table of N = ``outputs`` rows of 2^``m`` entries stays within
    :data:`MAX_FUNCTION_OUTPUTS` and :data:`MAX_FUNCTION_ENTRIES`, else
    :class:`~capacity.errors.UsageError` (``who``, e.g. ``"make_function draws "``, opens its
    limit's clause).

    Examples
    --------
    >>> check_table_size(4, 3)
    3
    >>> check_table_size(28, 10**6)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: N = 1000000 outputs of M = 28 inputs is a table of ...
    """
    outputs = check_integer("the number of outputs N", outputs, 1)
    if outputs > MAX_FUNCTION_OUTPUTS or outputs << m > MAX_FUNCTION_ENTRIES:
        raise UsageError(f"N = {outputs} outputs of M = {m} inputs is a table of {outputs} x "
                         f"2^{m} entries; {who}at most {MAX_FUNCTION_OUTPUTS} outputs and 2^31 "
                         "entries (2 GiB)")
    return outputs


def all_inputs(m: int, start: int = 0, stop: int | None = None) -> np.ndarray:
    """Return the points of {±1}^M with indices ``start..stop-1`` in the memcap input order.

    Parameters
    ----------
    m : int
        Number of inputs M.
    start, stop : int
        Half-open range of input indices; ``stop`` defaults to ``2**m``.

    Returns
    -------
    numpy.ndarray
        ``int8`` array of shape ``(stop - start, m)`` with entries ±1; column ``j`` is ``x_j``.

    Examples
    --------
    >>> all_inputs(2).tolist()
    [[-1, -1], [1, -1], [-1, 1], [1, 1]]
    """
    if not is_integer(m) or m < 1:
        raise UsageError(f"all_inputs: M must be a positive integer, got {m!r}")
    m = int(m)  # not check_inputs' 28: a network of any width evaluates one index of it
    stop = (1 << m) if stop is None else stop
    for name, value in (("start", start), ("stop", stop)):
        if not is_integer(value):
            raise UsageError(f"all_inputs: {name} must be an integer, got {value!r}")
    if not 0 <= start <= stop <= 1 << m:  # indices past 2^M wrapped round to the first
        # points, and a negative start began with the last ones (2026-12-05 API review)
        raise UsageError(f"all_inputs: need 0 <= start <= stop <= 2**{m}, got start = "
                         f"{start}, stop = {stop}")
    idx = np.arange(start, stop, dtype=np.int64)  # (B,)
    out = np.empty((len(idx), m), dtype=np.int8)  # column by column: no (B, m) int64 matrix
    for j in range(m):
        out[:, j] = ((idx >> j) & 1) * 2 - 1
    return out


def _python_values(values) -> np.ndarray:
    """A flat sequence, or a sequence of lists or tuples, of Python values as an array for
    :func:`_sign_bits`: of object dtype where bools are mixed with numbers (numpy reads
    ``(False, 1)`` as the integers ``(0, 1)``, and False was refused as 0)."""
    arr = np.asarray(values)
    if arr.dtype.kind in "iuf":
        flat = (v for item in values
                for v in (item if isinstance(item, (list, tuple)) else (item,)))
        if any(isinstance(v, (bool, np.bool_)) for v in flat):
            return np.asarray(values, dtype=object)
    return arr


def _sign_bits(values: np.ndarray, what: str) -> np.ndarray:
    """``values`` (bools, or numbers that are all ±1) as bools, +1 ↦ True; anything else
    (0, NaN, 2, a string) is refused in one line naming ``what``."""
    if values.dtype == np.bool_:
        return values
    if values.dtype.kind in "iuf":  # numbers: one vectorised check
        ok = np.isin(values, (-1, 1))
        if not ok.all():
            bad = values[~ok].ravel()[0].item()
            raise UsageError(f"{what} must be ±1 or bools, got {bad!r}")
        return values > 0
    # anything else value by value: bools mixed with ±1, or sympy's Integer(±1), are fine (an
    # object array was refused naming its first value even when that one was fine, review)
    flat = values.ravel().tolist()
    for v in flat:  # sympy's numbers are numbers.Number too
        if not (isinstance(v, (bool, np.bool_)) or isinstance(v, numbers.Number) and v in (-1, 1)):
            raise UsageError(f"{what} must be ±1 or bools, got {v!r}")
    return np.array([bool(v > 0) for v in flat], dtype=bool).reshape(values.shape)


#: Input indices :func:`table_by_chunks` computes at a time.
TABLE_CHUNK = 1 << 20


def table_by_chunks(m: int, row_of: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """A truth-table row ``row_of(idx)`` over every input index of {±1}^M, computed
    :data:`TABLE_CHUNK` indices at a time, so that the peak memory is the table plus one
    chunk's work (a row built from the whole (2^M, M) input matrix took 6.9 GB at M = 24 and
    failed at M = 26, inside the documented M ≤ 28).

    Parameters
    ----------
    m : int
        Number of inputs M.
    row_of : callable
        Maps an ``int64`` array of input indices (bit ``j`` of an index is ``x_j = +1``) to a
        bool array of the same length: the row at those inputs.

    Returns
    -------
    numpy.ndarray
        ``bool`` array of length ``2**m``.

    Examples
    --------
    >>> table_by_chunks(3, lambda idx: (idx & 1) == 1).astype(int).tolist()
    [0, 1, 0, 1, 0, 1, 0, 1]
    """
    size = 1 << m
    out = np.empty(size, dtype=bool)
    for start in range(0, size, TABLE_CHUNK):
        idx = np.arange(start, min(start + TABLE_CHUNK, size), dtype=np.int64)  # (C,)
        out[start:start + len(idx)] = row_of(idx)
    return out


def index_to_point(i: int, m: int) -> tuple[int, ...]:
    """Return input ``i`` of {±1}^M as a tuple of ±1 (``x_0`` is bit 0 of ``i``).

    Parameters
    ----------
    i : int
        Input index in ``0..2^m − 1``; bit ``j`` set means ``x_j = +1`` (not range-checked).
    m : int
        Number of inputs M (the tuple's length).

    Returns
    -------
    tuple of int
        The ±1 coordinates ``(x_0, …, x_{m−1})``.

    Examples
    --------
    >>> index_to_point(1, 3)
    (1, -1, -1)
    """
    return tuple(1 if (i >> j) & 1 else -1 for j in range(m))


def _bits_from_string(s: str, m: int | None) -> np.ndarray:
    s = s.strip()
    if not s:
        raise UsageError("empty truth table: give a string of 2**M characters 0/1")
    bad = set(s) - {"0", "1"}
    if bad:
        raise UsageError(
            f"truth table may contain only the characters 0 and 1, found {''.join(sorted(bad))!r}"
        )
    length = len(s)
    if length & (length - 1):
        raise UsageError(f"truth table length must be a power of two 2**M, got {length}")
    if m is not None and length != 1 << m:
        raise UsageError(
            f"truth table has {length} characters but M = {m} needs 2**{m} = {1 << m}"
        )
    return np.frombuffer(s.encode("ascii"), dtype=np.uint8) == ord("1")


class BooleanFunction:
    """A Boolean map {±1}^M → {±1}^N stored as a packed truth table.

    Row ``j`` of the table holds output ``j``; column ``i`` is input ``i`` in the memcap input
    order.
    ``True`` stands for +1. Instances are immutable, hashable and compare by value.

    Parameters
    ----------
    table : array_like of bool, shape (N, 2**M) or (2**M,)
        The truth table (``True`` = +1). Integer tables with values in {0, 1} or {−1, +1} are
        accepted as well.
    name : str, optional
        A human-readable description (not part of equality).

    Examples
    --------
    >>> xor = BooleanFunction.from_strings("0110")
    >>> xor.inputs, xor.outputs
    (2, 1)
    >>> xor(1, -1)
    1
    >>> xor.to_strings()
    ['0110']
    >>> xor.complement().to_strings()
    ['1001']
    """

    __slots__ = ("_inputs", "_name", "_outputs", "_packed", "_table")

    def __init__(self, table, name: str = "") -> None:
        try:
            arr = np.asarray(table)
        except ValueError as exc:  # a ragged list: numpy's "inhomogeneous shape" (review)
            raise UsageError(f"a truth table must be a rectangular array of shape (N, 2**M): "
                             f"{exc}") from None
        if arr.ndim == 1:
            arr = arr[None, :]
        if arr.ndim != 2 or arr.shape[0] < 1:
            raise UsageError(f"a truth table must have shape (N, 2**M), got {arr.shape}")
        length = arr.shape[1]
        if length < 2 or length & (length - 1):
            raise UsageError(f"truth table length must be a power of two 2**M >= 2, got {length}")
        fresh = isinstance(table, (list, tuple))  # np.asarray built a new array
        if arr.dtype != np.bool_:
            values = np.unique(arr)
            if np.all(np.isin(values, (0, 1))) or np.all(np.isin(values, (-1, 1))):
                arr, fresh = arr == 1, True
            else:
                raise UsageError("truth-table entries must be booleans, 0/1 or ±1")
        self._inputs = check_inputs(length.bit_length() - 1)
        self._outputs = int(arr.shape[0])
        # a copy whenever arr may be the caller's (a bool array, a view of one, a memoryview or
        # any other buffer): the table stayed the caller's, so changing it changed the function
        # behind its hash and equality, and froze the caller's array (2026-12-05 API review;
        # buffers 2026-12-07); a fresh array is copied only to make it C-ordered (copy=False
        # refused an F-ordered one, BooleanFunction(int_table.T), with numpy's bare ValueError)
        self._table = np.array(arr, dtype=np.bool_, order="C", copy=None if fresh else True)
        self._table.setflags(write=False)
        self._packed = np.packbits(self._table, axis=1, bitorder="little").tobytes()
        self._name = name

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_strings(cls, strings: str | Iterable[str], inputs: int | None = None,
                     name: str = "") -> BooleanFunction:
        """Build from truth-table strings: ``"0110"`` or ``"0110,1001"`` or a list of strings.

        Examples
        --------
        >>> BooleanFunction.from_strings("0110,0001").outputs
        2
        """
        if not isinstance(strings, str):
            items = list(strings) if isinstance(strings, Iterable) and not isinstance(
                strings, bytes | bytearray) else None
            if items is None or not all(isinstance(p, str) for p in items):
                # bytes, None, an int or a list holding one were a bare AttributeError or
                # TypeError (2026-12-05 API review)
                raise UsageError(f"truth-table strings must be a str or a list of str, got "
                                 f"{strings!r}"[:200])
            strings = items
        parts = [p.strip() for p in
                 (strings.split(",") if isinstance(strings, str) else strings)]
        if not any(parts):
            raise UsageError("empty truth table: give a string of 2**M characters 0/1")
        if not all(parts):
            empty = [i for i, p in enumerate(parts) if not p]
            raise UsageError(f"output {empty[0]} of the truth table is empty (a stray comma?): "
                             "give N strings of 2**M characters 0/1 separated by commas")
        if inputs is not None:  # -1 was a bare "negative shift count", True read as M = 1
            inputs = check_inputs(inputs)
        rows = [_bits_from_string(p, inputs) for p in parts]
        lengths = [len(r) for r in rows]
        if len(set(lengths)) > 1:  # per output, in order (a sorted set hid which one, 2026-12-03)
            raise UsageError(
                f"all outputs' truth tables must have the same length, got {lengths}"
            )
        return cls(np.stack(rows), name=name or "table")

    @classmethod
    def from_file(cls, path: str | Path, inputs: int | None = None) -> BooleanFunction:
        """Read a file holding one truth-table string per line (``#`` starts a comment).

        Examples
        --------
        >>> import tempfile, os
        >>> p = os.path.join(tempfile.mkdtemp(), "f.txt")
        >>> _ = open(p, "w").write("0110\\n0001\\n")
        >>> BooleanFunction.from_file(p).to_strings()
        ['0110', '0001']
        """
        path = Path(path)
        if not path.is_file():
            raise UsageError(f"table file {str(path)!r} does not exist or is not a file")
        lines = [ln.split("#", 1)[0].strip() for ln in read_text(path, "table file").splitlines()]
        # a line may hold several outputs comma-separated; an empty one between commas is
        # refused as inline (it was dropped: '0110,,0001' read as two outputs)
        lines = [part for ln in lines if ln for part in ln.split(",")]
        if not lines:
            raise UsageError(f"table file {str(path)!r} holds no truth table")
        return cls.from_strings(lines, inputs=inputs, name=path.name)

    @classmethod
    def from_int(cls, value: int, inputs: int, outputs: int = 1) -> BooleanFunction:
        """Build from an integer: bit ``j * 2**M + i`` is output ``j`` on input ``i``.

        Examples
        --------
        >>> BooleanFunction.from_int(6, 2).to_strings()   # 0b0110 read from bit 0 up
        ['0110']
        """
        m = check_inputs(inputs)
        value = check_integer("from_int's value", value)  # numpy's int64 had no to_bytes
        outputs = check_table_size(m, outputs)  # N = 10^6 at M = 28 was a MemoryError
        size = outputs << m
        if value < 0 or value >> size:
            raise UsageError(f"integer {value} does not fit in N * 2**M = {size} bits")
        raw = value.to_bytes((size + 7) // 8, "little")
        bits = np.unpackbits(np.frombuffer(raw, dtype=np.uint8), bitorder="little")[:size]
        return cls(bits.reshape(outputs, 1 << m).astype(bool), name=f"int:{value}")

    @classmethod
    def from_callable(cls, fn: Callable, inputs: int, outputs: int = 1, *,
                      vectorized: bool = False, name: str = "") -> BooleanFunction:
        """Tabulate a Python callable.

        With ``vectorized=False`` the callable receives the ``M`` coordinates ``x_0..x_{M-1}``
        (each ±1) and returns ±1 (or a bool), or a sequence of ``N`` such values. With
        ``vectorized=True`` it receives the whole ``(2**M, M)`` ±1 array and returns an array of
        shape ``(2**M,)`` or ``(2**M, N)``.

        Examples
        --------
        >>> f = BooleanFunction.from_callable(lambda a, b: a * b, 2)   # XNOR in ±1 terms
        >>> f.to_strings()
        ['1001']
        """
        m = check_inputs(inputs)
        if vectorized:
            result = fn(all_inputs(m))
            # a Python list may mix False with 1 (numpy would read False as the integer 0)
            out = (_python_values(result) if isinstance(result, (list, tuple))
                   else np.asarray(result))
            # exactly (2^M,) or (2^M, N): a transposed (N, 2^M) result was reshaped into a
            # scrambled table without a word (2026-12-05 API review)
            if out.shape not in ((1 << m, outputs), *([(1 << m,)] if outputs == 1 else [])):
                want = f"(2**M,) or ({1 << m}, 1)" if outputs == 1 else f"({1 << m}, {outputs})"
                raise UsageError(f"vectorized callable returned shape {out.shape}, expected "
                                 f"{want}: one row per input, one column per output")
            out = out.reshape(1 << m, -1).T
        else:
            rows = []
            for x in all_inputs(m).tolist():
                y = fn(*x)
                rows.append(list(y) if isinstance(y, (list, tuple, np.ndarray)) else [y])
            if len({len(r) for r in rows}) > 1:
                raise UsageError("callable returned different numbers of outputs on different "
                                 "inputs")
            out = _python_values(rows).T
        if out.shape[0] != outputs:
            raise UsageError(f"callable returned {out.shape[0]} outputs, expected {outputs}")
        return cls(_sign_bits(out, "the callable's values"),
                   name=name or getattr(fn, "__name__", "callable"))

    @classmethod
    def from_sympy(cls, exprs, symbols, name: str = "") -> BooleanFunction:
        """Tabulate sympy Boolean expression(s); symbol ``symbols[j]`` is ``x_j`` and True is +1.

        Examples
        --------
        >>> import sympy
        >>> a, b = sympy.symbols("a b")
        >>> BooleanFunction.from_sympy(sympy.Xor(a, b), [a, b]).to_strings()
        ['0110']
        """
        import sympy
        from sympy.logic.boolalg import Boolean

        exprs = [exprs] if isinstance(exprs, sympy.Basic) else list(exprs)
        symbols = list(symbols)
        m = check_inputs(len(symbols))
        for expr in exprs:  # x*y was tabulated over True/False as AND, where from_callable's
            # ±1 reading makes it XNOR; x - y was a bare numpy TypeError (2026-12-05 review)
            if not isinstance(expr, Boolean):
                raise UsageError(f"from_sympy takes sympy Boolean expressions (And, Or, Xor, "
                                 f"Not, ...), got {expr!r}; for arithmetic on ±1 values use "
                                 "from_callable")
        bits = all_inputs(m) > 0  # (2^M, M) bool
        rows = []
        for expr in exprs:
            free = expr.free_symbols - set(symbols)
            if free:
                raise UsageError(f"expression uses undeclared symbols {sorted(map(str, free))}")
            fn = sympy.lambdify(symbols, expr, modules="numpy")
            vals = np.asarray(fn(*[bits[:, j] for j in range(m)]), dtype=bool)
            rows.append(np.broadcast_to(vals, (1 << m,)))
        return cls(np.stack(rows), name=name or ",".join(map(str, exprs)))

    # ------------------------------------------------------------------ properties
    @property
    def name(self) -> str:
        """The human-readable description given at construction (read-only, as the instance:
        it was assignable until 2026-12-07; not part of equality)."""
        return self._name

    @property
    def inputs(self) -> int:
        """Number of inputs M."""
        return self._inputs

    @property
    def outputs(self) -> int:
        """Number of outputs N."""
        return self._outputs

    @property
    def table(self) -> np.ndarray:
        """Read-only ``bool`` array of shape ``(N, 2**M)``; ``True`` is +1."""
        return self._table

    def signs(self) -> np.ndarray:
        """The table as ``int8`` ±1 values, shape ``(N, 2**M)``.

        Examples
        --------
        >>> BooleanFunction.from_strings("0110,0001").signs().tolist()
        [[-1, 1, 1, -1], [-1, -1, -1, 1]]
        """
        return np.where(self._table, 1, -1).astype(np.int8)

    def positives(self, output: int = 0) -> np.ndarray:
        """Indices of the inputs on which output ``output`` is +1.

        Examples
        --------
        >>> f = BooleanFunction.from_strings("0110,0001")
        >>> f.positives().tolist(), f.positives(1).tolist()   # XOR, then AND
        ([1, 2], [3])
        """
        return np.flatnonzero(self._table[self._output_index(output)])

    def count_positive(self, output: int = 0) -> int:
        """Number of inputs mapped to +1 by output ``output`` (the k of Claim 20.1).

        Examples
        --------
        >>> f = BooleanFunction.from_strings("0110,0001")
        >>> f.count_positive(), f.count_positive(1) == len(f.positives(1))
        (2, True)
        """
        return int(self._table[self._output_index(output)].sum())

    def _output_index(self, j) -> int:
        """``j`` as an output index 0..N−1, else UsageError (5 was an IndexError, −1 silently
        the last output, 1.5 an IndexError and True output 1; 2026-12-05 API review)."""
        if not is_integer(j) or not 0 <= j < self._outputs:
            raise UsageError(f"output index {j!r} out of range for N = {self._outputs} (an "
                             f"integer 0..{self._outputs - 1})")
        return int(j)

    # ------------------------------------------------------------------ conversions
    def to_strings(self) -> list[str]:
        """Return one truth-table string per output (character ``i`` is input ``i``).

        Examples
        --------
        >>> f = BooleanFunction.from_callable(lambda a, b: (a * b, max(a, b)), 2, outputs=2)
        >>> f.to_strings()   # XNOR and OR in ±1 terms
        ['1001', '0111']
        >>> BooleanFunction.from_strings(f.to_strings()) == f
        True
        """
        return [np.where(row, ord("1"), ord("0")).astype(np.uint8).tobytes().decode("ascii")
                for row in self._table]

    def to_int(self) -> int:
        """Inverse of :meth:`from_int`.

        Examples
        --------
        >>> xor = BooleanFunction.from_strings("0110")
        >>> xor.to_int()   # bits 1 and 2 set
        6
        >>> BooleanFunction.from_int(xor.to_int(), xor.inputs) == xor
        True
        """
        flat = np.packbits(self._table.reshape(-1), bitorder="little").tobytes()
        return int.from_bytes(flat, "little")

    def output(self, j: int) -> BooleanFunction:
        """The single-output function computed by output ``j``.

        Examples
        --------
        >>> f = BooleanFunction.from_strings("0110,0001")
        >>> f.output(1).outputs, f.output(1).to_strings()
        (1, ['0001'])
        """
        j = self._output_index(j)
        return BooleanFunction(self._table[j], name=f"{self.name}[{j}]")

    def complement(self) -> BooleanFunction:
        """The function with every output negated.

        Examples
        --------
        >>> f = BooleanFunction.from_strings("0110,0001")
        >>> f.complement().to_strings()
        ['1001', '1110']
        >>> f.complement().complement() == f
        True
        """
        return BooleanFunction(~self._table, name=f"not({self.name})")

    def restrict(self, fixed: Mapping[int, int]) -> BooleanFunction:
        """Restrict to the sub-cube where ``x_j = fixed[j]`` (values ±1, or bools: True is +1).

        The remaining inputs keep their relative order and become ``x_0, x_1, ...`` of the result.

        Examples
        --------
        >>> xor = BooleanFunction.from_strings("0110")
        >>> xor.restrict({0: 1}).to_strings()   # x_0 = +1 leaves NOT x_1
        ['10']
        """
        m = self._inputs
        if not isinstance(fixed, Mapping):  # a list of pairs was a bare AttributeError
            raise UsageError(f"restrict takes a mapping {{input index: ±1}}, got "
                             f"{type(fixed).__name__}")
        for j, v in fixed.items():
            if isinstance(j, (bool, np.bool_)) or not isinstance(j, (int, np.integer)) or not (
                    0 <= j < m):  # 1.0 was a bare TypeError
                raise UsageError(f"cannot fix input {j!r}: inputs are the integers 0..{m - 1}")
            if not isinstance(v, (bool, np.bool_)) and v not in (-1, 1):  # True = +1, as in
                # a call; False was refused while True was accepted
                raise UsageError(f"fixed values must be ±1 or bools, got {v!r} for input {j}")
        if len(fixed) >= m:
            raise UsageError("restriction must leave at least one free input")
        cube = self._table.reshape((self._outputs,) + (2,) * m)
        # axis 1 + (m - 1 - j) holds bit j (C order: the last axis is the least significant bit)
        index: list = [slice(None)] * (m + 1)
        for j, v in fixed.items():
            index[1 + (m - 1 - j)] = 1 if v == 1 else 0
        sub = cube[tuple(index)]
        return BooleanFunction(sub.reshape(self._outputs, -1), name=f"{self.name}|{dict(fixed)}")

    def __call__(self, *x: int):
        """Evaluate on one point given as ±1 coordinates; returns ±1 or a tuple of N of them."""
        if len(x) != self._inputs:
            raise UsageError(f"expected {self._inputs} coordinates, got {len(x)}")
        # 0 (or a 0/1 coordinate) read as -1 without a word (2026-12-05 API review)
        bits = _sign_bits(_python_values(x), "coordinates")
        i = sum(1 << j for j, b in enumerate(bits.tolist()) if b)
        vals = tuple(1 if b else -1 for b in self._table[:, i])
        return vals[0] if self._outputs == 1 else vals

    # ------------------------------------------------------------------ value semantics
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BooleanFunction):
            return NotImplemented
        return (self._inputs, self._outputs, self._packed) == (
            other._inputs, other._outputs, other._packed)

    def __hash__(self) -> int:
        return hash((self._inputs, self._outputs, self._packed))

    def __repr__(self) -> str:
        small = self._inputs <= 5
        body = ",".join(self.to_strings()) if small else f"<{self._outputs}x2^{self._inputs}>"
        return f"BooleanFunction(M={self._inputs}, N={self._outputs}, {body})"

    @property
    def information_bits(self) -> int:
        """Bits needed to single this map out among all 2^(N·2^M) of them: ``N * 2**M``
        (:func:`capacity.counting.boolean_function_bits`)."""
        from capacity.counting import boolean_function_bits

        return boolean_function_bits(self._inputs, self._outputs)

    @staticmethod
    def count_all(inputs: int, outputs: int = 1) -> int:
        """Number of maps {±1}^M → {±1}^N, ``2**(N * 2**M)`` (exact integer;
        :func:`capacity.counting.boolean_function_count`).

        Examples
        --------
        >>> BooleanFunction.count_all(2), BooleanFunction.count_all(2, outputs=2)
        (16, 256)
        >>> BooleanFunction.count_all(6) == 2**64
        True
        """
        from capacity.counting import boolean_function_count

        return boolean_function_count(inputs, outputs)


def table_strings(text: str) -> list[str] | None:
    """The truth-table strings that a ``--table`` value gives inline (comma-separated ``0``/``1``
    strings, spaces around them ignored), or None when it is not bits (then it names a file).

    Parameters
    ----------
    text : str
        The option's value.

    Returns
    -------
    list of str or None
        The strings, or None.

    Examples
    --------
    >>> table_strings("0110, 0001"), table_strings("tables/xor.txt")
    (['0110', '0001'], None)
    """
    parts = [p.strip() for p in text.split(",")]
    return None if set("".join(parts)) - {"0", "1"} else parts


def read_table_text(text: str, option: str = "--table") -> str:
    """The truth table a ``--table`` option names (:func:`read_table_argument`) as one text, its
    outputs' strings comma-separated: what a run config's ``data.table`` and a search target's
    ``table`` hold.

    Examples
    --------
    >>> read_table_text(" 0110, 0001")
    '0110,0001'
    """
    return ",".join(read_table_argument(text, option).to_strings())


def read_table_argument(text: str, option: str = "--table") -> BooleanFunction:
    """The truth table a ``--table`` option names: the bits (N outputs comma-separated, spaces
    around the commas ignored) or, when the text is not 0/1 and names a file, that file read
    by :meth:`BooleanFunction.from_file`. One reading for every command that takes a table
    (construct, verify, search).

    Parameters
    ----------
    text : str
        The option's value: 0/1 strings (one per output, comma-separated) or a file's path.
    option : str, default "--table"
        Option name quoted in the ``UsageError`` raised when ``text`` is neither.

    Returns
    -------
    BooleanFunction
        The function the bits (or the file) give.

    Examples
    --------
    >>> read_table_argument("0110, 0001").to_strings()
    ['0110', '0001']
    >>> read_table_argument("01a0")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --table '01a0' is neither a 0/1 truth table (found 'a') nor a ...
    >>> read_table_argument("0" * 255 + "x")  # too long for a file name: still a table's typo
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --table '000...0x' is neither a 0/1 truth table (found 'x') nor ...
    """
    parts = table_strings(text)
    if parts is not None:
        return BooleanFunction.from_strings(parts)
    bad = sorted(set("".join(p.strip() for p in text.split(","))) - {"0", "1"})
    path = Path(text)
    try:
        is_file, exists = path.is_file(), path.exists()
    except OSError:  # a long table with a typo is no file name (ENAMETOOLONG)
        is_file = exists = False
    if is_file:
        return BooleanFunction.from_file(text)
    if exists:  # a folder or a device: "nor a file" was misleading (2026-12-03 audit)
        kind = "a folder" if path.is_dir() else "not a regular file (a device or pipe)"
        raise UsageError(f"{option} {text!r} is {kind}; give the bits (e.g. 0110) or a file "
                         "with one string per line")
    raise UsageError(f"{option} {text!r} is neither a 0/1 truth table (found {bad[0]!r}) nor a "
                     "file; give the bits (e.g. 0110) or a file with one string per line")
