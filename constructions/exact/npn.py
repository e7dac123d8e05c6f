"""NPN symmetry of Boolean functions of ``M ≤ 4`` inputs stored as integer truth tables.

A truth table of one output is the integer ``f = Σ_i f(i) 2^i`` (bit ``i`` is the output on input
``i``, 1 meaning +1; the memcap input order). The NPN group permutes the inputs, negates any of
them and may negate the output; it has ``M! · 2^M · 2`` elements. Minimal network size is an NPN
invariant in both architectures (permuting or negating inputs permutes or negates weights;
negating the output negates the output unit's weights and bias), so the minimum needs computing
once per class: 2, 4, 14 and 222 classes for ``M = 1..4`` (:func:`npn_classes`).

References
----------
OEIS A000370 (NPN classes: 4, 14, 222, 616126 for M = 2..5).
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import numpy as np

from capacity.errors import UsageError
from capacity.options import is_integer

__all__ = ["MAX_NPN_INPUTS", "canonical_forms", "check_table_value", "input_transforms",
           "npn_classes", "table_string", "table_value"]

#: Largest M whose full canonical-form array (2^(2^M) entries) is built.
MAX_NPN_INPUTS = 4


def check_table_value(value, inputs: int, name: str) -> int:
    """``value`` as an int when it is an integer truth table of an ``inputs``-input function,
    in [0, 2^(2^inputs)); else one UsageError naming ``name`` (2^40 was taken as a five-input
    table by the M = 5 helpers, read modulo 2^32, and -3 found no witness; 2026-12-05 review).

    Parameters
    ----------
    value : int
        The integer table (bit ``i``: the output on input ``i``).
    inputs : int
        Number of inputs M.
    name : str
        The function that needs it, for the message.

    Returns
    -------
    int
        ``value``.

    Examples
    --------
    >>> check_table_value(6, 2, "xor")
    6
    >>> check_table_value(16, 2, "xor")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: xor needs a 2-input table value in [0, 2^4), got 16
    """
    if not is_integer(value) or not 0 <= value < 1 << (1 << inputs):
        raise UsageError(f"{name} needs a {inputs}-input table value in [0, 2^{1 << inputs}), "
                         f"got {value!r}")
    return int(value)


def table_value(table) -> int:
    """The integer ``Σ_i f(i) 2^i`` of a one-output table (bool array or ``0``/``1`` string).

    Examples
    --------
    >>> table_value("0110"), table_value([0, 0, 0, 1])
    (6, 8)
    """
    if isinstance(table, str):
        return sum(1 << i for i, c in enumerate(table) if c == "1")
    return sum(1 << i for i, v in enumerate(np.asarray(table, dtype=bool).tolist()) if v)


def table_string(value: int, inputs: int) -> str:
    """The truth-table string of the integer table ``value`` on ``inputs`` inputs.

    Parameters
    ----------
    value : int
        Integer truth table: bit ``i`` is the output on input ``i``.
    inputs : int
        Number of inputs M.

    Returns
    -------
    str
        ``2^M`` characters ``0``/``1``, character ``i`` the output on input ``i``.

    Examples
    --------
    >>> table_string(6, 2)
    '0110'
    """
    if not is_integer(inputs) or inputs < 0:
        raise UsageError(f"table_string needs inputs >= 0, got {inputs!r}")
    check_table_value(value, inputs, "table_string")  # 99 of two inputs printed '1100'
    return "".join("1" if (int(value) >> i) & 1 else "0" for i in range(1 << inputs))


@lru_cache(maxsize=8)
def input_transforms(inputs: int) -> np.ndarray:
    """Every input permutation-with-negations as a map of input indices, shape (M!·2^M, 2^M).

    Row ``t`` maps input ``i`` to ``src[t, i]``; the transformed function is
    ``g(i) = f(src[t, i])``.

    Examples
    --------
    >>> input_transforms(1).tolist()
    [[0, 1], [1, 0]]
    """
    m = int(inputs)
    idx = np.arange(1 << m, dtype=np.int64)  # (P,)
    bits = (idx[:, None] >> np.arange(m)) & 1  # (P, M)
    rows = []
    for perm in itertools.permutations(range(m)):
        permuted = (bits[:, list(perm)] << np.arange(m)).sum(axis=1)  # (P,)
        for neg in range(1 << m):
            rows.append(permuted ^ neg)
    out = np.array(rows, dtype=np.int64)
    out.setflags(write=False)
    return out


@lru_cache(maxsize=4)
def canonical_forms(inputs: int) -> np.ndarray:
    """NPN canonical form (the smallest integer table in the class) of every function.

    Returns a read-only array of length ``2^(2^M)`` (cached); entry ``f`` is the canonical
    table of ``f``.

    Examples
    --------
    >>> canonical_forms(2)[[6, 9, 8, 1]].tolist()   # XOR ~ XNOR; AND ~ NOR
    [6, 6, 1, 1]

    References
    ----------
    OEIS A000370.
    """
    if not is_integer(inputs) or not 1 <= inputs <= MAX_NPN_INPUTS:  # 2.5 was M = 2 (review)
        raise UsageError(f"canonical forms are built for 1 <= M <= {MAX_NPN_INPUTS}, got "
                         f"{inputs!r}")
    m = int(inputs)
    size = 1 << m
    funcs = np.arange(1 << size, dtype=np.int64)  # (F,)
    full = (1 << size) - 1
    bits = [(funcs >> i) & 1 for i in range(size)]  # P arrays of (F,)
    best = np.minimum(funcs, funcs ^ full)
    for src in input_transforms(m):
        g = np.zeros_like(funcs)
        for i in range(size):
            g |= bits[int(src[i])] << i
        np.minimum(best, g, out=best)
        np.minimum(best, g ^ full, out=best)
    best.setflags(write=False)
    return best


def npn_classes(inputs: int) -> tuple[np.ndarray, np.ndarray]:
    """The NPN classes of ``M``-input functions: canonical tables and class sizes.

    Examples
    --------
    >>> reps, sizes = npn_classes(3)
    >>> len(reps), int(sizes.sum())
    (14, 256)
    >>> len(npn_classes(4)[0])
    222
    """
    reps, sizes = np.unique(canonical_forms(inputs), return_counts=True)
    return reps, sizes
