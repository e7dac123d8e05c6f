"""Complete enumeration of the functions that k neurons realise, for small M (no solver).

Threshold tables. :func:`threshold_tables` lists every threshold function of ``n ≤ 5`` variables
as a boolean truth table: the positive ones come from :func:`capacity.counting.
positive_threshold_masks` (complete by the Muroga–Toda–Takasu weight bound, checked there against
OEIS A000609), closed here under negating inputs (4, 14, 104, 1882, 94572 tables).

Restriction. A gate reading the ``M`` inputs and ``d`` earlier hidden units ``h_1..h_d`` sees the
``2^M`` points ``(x, h(x))`` of ``{±1}^(M+d)``. A labelling of these points is separable iff it
is the restriction of a threshold function of ``M + d`` variables (a separating hyperplane of the
points, shifted off the cube's vertices, defines one; conversely a threshold function's
hyperplane separates any subset). So the labellings a gate can produce are exactly the columns
``idx(p) = p + Σ_j h_j(p) 2^(M+j)`` of the threshold tables of ``M + d`` variables.

Levels. *any-depth*: ``k`` neurons realise ``f`` iff ``f`` is a separable labelling of
``(x, h_1..h_{k-1})`` for a chain where each ``h_i`` is a separable labelling of
``(x, h_1..h_{i-1})``; the output's labellings depend only on the *set* of hidden tables, and a
hidden unit may be negated freely, so chains are enumerated as sets of normalised tables.
*layered*: ``H`` hidden units are threshold functions of ``x``, the output a separable labelling
of the codes ``(h_1(x), .., h_H(x))``; ``H = 1`` adds nothing to ``H = 0`` (the output is ±h or
constant). Both level sets are closed under NPN, so the enumeration may restrict the first
hidden unit to one representative per class of threshold functions and close the result.

References
----------
S. Muroga, I. Toda, S. Takasu, J. Franklin Inst. 271, 1961; OEIS A000609 (T(n)).
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import numpy as np

from capacity.counting import positive_threshold_masks
from capacity.errors import UsageError
from capacity.options import is_integer
from constructions.exact.npn import canonical_forms

__all__ = ["MAX_THRESHOLD_VARIABLES", "any_depth_levels", "layered_levels", "threshold_tables"]

#: Largest number of variables whose threshold functions are listed.
MAX_THRESHOLD_VARIABLES = 5


@lru_cache(maxsize=8)
def threshold_tables(n: int) -> np.ndarray:
    """Every threshold function of ``n`` variables as a truth table, shape (T(n), 2^n), sorted.

    Examples
    --------
    >>> [len(threshold_tables(n)) for n in range(0, 5)]
    [2, 4, 14, 104, 1882]

    References
    ----------
    Muroga, Toda & Takasu 1961 (completeness); OEIS A000609.
    """
    if not is_integer(n) or not 0 <= n <= MAX_THRESHOLD_VARIABLES:  # 2.5: a bare TypeError
        raise UsageError(f"threshold tables are listed for 0 <= n <= {MAX_THRESHOLD_VARIABLES}, "
                         f"got {n}")
    if n == 0:
        return np.array([[False], [True]])
    size = 1 << n
    pos = np.array(sorted(positive_threshold_masks(n)), dtype=np.uint64)  # (K,)
    bits = ((pos[:, None] >> np.arange(size, dtype=np.uint64)) & np.uint64(1)).astype(bool)
    idx = np.arange(size)
    tables = np.concatenate([bits[:, idx ^ neg] for neg in range(size)])  # (K·2^n, 2^n)
    out = np.unique(np.packbits(tables, axis=1, bitorder="little"), axis=0)
    out = np.unpackbits(out, axis=1, bitorder="little", count=size).astype(bool)
    out.setflags(write=False)
    return out


def _codes(tables: np.ndarray) -> np.ndarray:
    """Integer tables ``Σ_p t[.., p] 2^p`` of boolean tables (last axis ≤ 62 points)."""
    return tables.astype(np.int64) @ (np.int64(1) << np.arange(tables.shape[-1], dtype=np.int64))


def _labellings(m: int, hidden: tuple[int, ...]) -> np.ndarray:
    """Integer tables of every separable labelling of the points ``(x, h(x))``."""
    n_pts = 1 << m
    idx = np.arange(n_pts, dtype=np.int64)
    for j, h in enumerate(hidden):
        idx = idx + (((h >> np.arange(n_pts)) & 1) << (m + j))
    return np.unique(_codes(threshold_tables(m + len(hidden))[:, idx]))


def _threshold_reps(m: int) -> list[int]:
    """One normalised (+1 on input 0) table per NP class of threshold functions of ``m`` inputs."""
    canon = canonical_forms(m)
    full = (1 << (1 << m)) - 1
    thr = _codes(threshold_tables(m))
    reps = sorted({int(canon[t]) for t in thr})
    return [r if r & 1 else r ^ full for r in reps]


def _close(found: np.ndarray, m: int) -> np.ndarray:
    """The NPN closure of a set of integer tables, as a boolean membership array."""
    canon = canonical_forms(m)
    member = np.zeros(canon.shape[0], dtype=bool)
    member[np.unique(canon[found])] = True
    return member[canon]


def any_depth_levels(m: int, max_neurons: int = 2) -> np.ndarray:
    """Minimal any-depth neurons of every ``m``-input function, by complete enumeration.

    Returns an int8 array of length ``2^(2^m)`` (entry ``f`` for the integer table ``f``): the
    minimum when it is at most ``max_neurons``, else 0 (more are needed). Supports
    ``m + max_neurons − 1 ≤ 5`` (threshold tables of up to 5 variables) and ``m ≤ 4``.

    Parameters
    ----------
    m : int
        Number of inputs, 1 to 4.
    max_neurons : int, default 2
        Largest level enumerated (at least 1, with ``m + max_neurons − 1 ≤ 5``; else
        ``UsageError``).

    Returns
    -------
    numpy.ndarray of int8, shape (2^(2^m),)
        The minima as described above.

    Examples
    --------
    >>> levels = any_depth_levels(2)
    >>> int(levels[6]), int(levels[8])   # XOR needs 2, AND needs 1
    (2, 1)

    References
    ----------
    See the module docstring (restriction lemma; Muroga et al. 1961 for completeness).
    """
    if (not is_integer(m) or not is_integer(max_neurons)
            or m + max_neurons - 1 > MAX_THRESHOLD_VARIABLES or not 1 <= m <= 4
            or max_neurons < 1):
        raise UsageError(f"any-depth enumeration needs 1 <= m <= 4, max_neurons >= 1 and "
                         f"m + max_neurons - 1 <= {MAX_THRESHOLD_VARIABLES}")
    out = np.zeros(1 << (1 << m), dtype=np.int8)
    out[_codes(threshold_tables(m))] = 1
    states = {(h,) for h in _threshold_reps(m)}
    for neurons in range(2, max_neurons + 1):
        if not states:  # no new hidden table (m = 1 from three neurons on): nothing more to add
            break       # (np.concatenate([]) raised ValueError for any_depth_levels(1, 4))
        found, nxt = [], set()
        for state in states:
            labels = _labellings(m, state)
            found.append(labels)
            if neurons < max_neurons:
                full = (1 << (1 << m)) - 1
                for h in labels.tolist():
                    h = h if h & 1 else h ^ full
                    if h not in state:
                        nxt.add(tuple(sorted((*state, h))))
        member = _close(np.concatenate(found), m)
        out[member & (out == 0)] = neurons
        states = nxt
    return out


def layered_levels(m: int, max_hidden: int = 2) -> np.ndarray:
    """Minimal layered neurons (hidden + 1 output) of every ``m``-input function, by enumeration.

    Returns an int8 array of length ``2^(2^m)``: the minimum when it is at most
    ``max_hidden + 1``, else 0. Threshold functions need 1 (no hidden layer); one hidden unit
    adds nothing, so the next level is 3. Supports ``m ≤ 4`` with ``max_hidden ≤ 2``, and
    ``m ≤ 3`` with ``max_hidden ≤ 3``.

    Parameters
    ----------
    m : int
        Number of inputs, 1 to 4.
    max_hidden : int, default 2
        Most hidden units enumerated: 0 to 3 for ``m ≤ 3``, 0 to 2 for ``m = 4`` (else
        ``UsageError``).

    Returns
    -------
    numpy.ndarray of int8, shape (2^(2^m),)
        The minima as described above.

    Examples
    --------
    >>> levels = layered_levels(2)
    >>> int(levels[6]), int(levels[8])   # XOR: 2 hidden + 1 output; AND: 1
    (3, 1)

    References
    ----------
    See the module docstring.
    """
    if (not is_integer(m) or not is_integer(max_hidden) or not 1 <= m <= 4 or max_hidden < 0
            or max_hidden > (3 if m <= 3 else 2)):  # 2.5 was a bare TypeError
        raise UsageError("layered enumeration supports m <= 3 with max_hidden <= 3 and m = 4 "
                         "with max_hidden <= 2")
    out = np.zeros(1 << (1 << m), dtype=np.int8)
    thr = _codes(threshold_tables(m))
    out[thr] = 1
    n_pts = 1 << m
    normal = sorted({int(t) if t & 1 else int(t) ^ ((1 << n_pts) - 1) for t in thr})
    bits = (np.array(normal, dtype=np.int64)[:, None] >> np.arange(n_pts)) & 1  # (K, P)
    reps = _threshold_reps(m)
    for hidden in range(2, max_hidden + 1):
        g_tables = threshold_tables(hidden)  # (T(H), 2^H)
        found = []
        for first in reps:  # NPN closure: the first hidden unit ranges over class representatives
            fb = (first >> np.arange(n_pts)) & 1  # (P,)
            others = np.array(list(itertools.combinations(range(len(normal)), hidden - 1)),
                              dtype=np.int64).reshape(-1, hidden - 1)  # (S, H-1)
            for start in range(0, len(others), 4096):
                chunk = others[start:start + 4096]
                code = fb[None, :].copy()  # (S, P)
                for j in range(hidden - 1):
                    code = code + (bits[chunk[:, j]] << (j + 1))
                labels = _codes(g_tables[:, code])  # (T(H), S)
                found.append(np.unique(labels))
        member = _close(np.concatenate(found), m)
        out[member & (out == 0)] = hidden + 1
    return out
