"""Integer weights of a threshold function: the unate test and the LP (HiGHS via
``scipy.optimize.linprog``) that finds an L1-minimal margin-1 separator, rounded to integers and
verified exactly. Used by the ``linear`` builder and by the exact minima's witnesses.

References
----------
S. Muroga, I. Toda, S. Takasu, "Theory of majority decision elements", J. Franklin Inst. 271
(1961): integer weights of size at most ``(n+1)^{(n+1)/2}/2^n`` suffice for every threshold
function. S. Muroga, *Threshold Logic and its Applications*, Wiley 1971.
"""

from __future__ import annotations

import numpy as np

from capacity.errors import UsageError
from constructions.boolean import all_inputs, check_inputs

__all__ = ["MAX_LINEAR_INPUTS", "is_unate", "threshold_weights"]


#: Largest M for which the LP (2^M constraints) is attempted.
MAX_LINEAR_INPUTS = 16


def _solve_lp(points: np.ndarray, target: np.ndarray) -> np.ndarray | None:
    """Float ``(w, b)`` of an L1-minimal margin-1 separator, or ``None`` if infeasible."""
    from scipy.optimize import linprog

    rows, m = points.shape
    y = np.where(target, 1.0, -1.0)  # (R,)
    aug = np.hstack([points.astype(float), np.ones((rows, 1))])  # (R, m + 1)
    # variables: w (m), b (1), t (m)
    a_sep = np.hstack([-y[:, None] * aug, np.zeros((rows, m))])  # (R, 2m + 1)
    eye = np.eye(m)
    a_abs = np.vstack([np.hstack([eye, np.zeros((m, 1)), -eye]),
                       np.hstack([-eye, np.zeros((m, 1)), -eye])])  # (2m, 2m + 1)
    cost = np.concatenate([np.zeros(m + 1), np.ones(m)])
    res = linprog(cost, A_ub=np.vstack([a_sep, a_abs]),
                  b_ub=np.concatenate([-np.ones(rows), np.zeros(2 * m)]),
                  bounds=[(None, None)] * (m + 1) + [(0, None)] * m, method="highs")
    return res.x[: m + 1] if res.status == 0 else None


def _table_and_inputs(row, inputs) -> tuple[np.ndarray, int]:
    """``row`` as a bool table of ``2^inputs`` entries and M as an int, else UsageError (2.5
    was cut to M = 2 by ``int()``, 2026-12-07 audit; a table of another length broke a
    reshape)."""
    m = check_inputs(inputs)
    table = np.asarray(row, dtype=bool)
    if table.shape != (1 << m,):
        raise UsageError(f"a table of M = {m} inputs has 2^{m} = {1 << m} entries, got shape "
                         f"{table.shape}")
    return table, m


def is_unate(row: np.ndarray, inputs: int) -> bool:
    """Whether the one-output table ``row`` is monotone (increasing or decreasing) in each
    input: a necessary condition for a threshold function, checked before the LP.

    A threshold function sign(w·x + b) is non-decreasing in x_i when w_i ≥ 0 and non-increasing
    when w_i ≤ 0, so a table that rises and falls along one input is not a threshold function.

    Parameters
    ----------
    row : array_like of bool, shape (2^M,)
        One output's truth table (entry ``i``: the value on input ``i``).
    inputs : int
        Number of inputs M.

    Returns
    -------
    bool
        Whether the table is unate.

    Examples
    --------
    >>> is_unate(np.array([0, 0, 0, 1], dtype=bool), 2), is_unate(np.array([0, 1, 1, 0]), 2)
    (True, False)

    References
    ----------
    S. Muroga, *Threshold Logic and its Applications*, Wiley 1971 (every threshold function is
    unate).
    """
    return _unate(*_table_and_inputs(row, inputs))


def _unate(table: np.ndarray, m: int) -> bool:
    """:func:`is_unate` of a table already checked by :func:`_table_and_inputs`."""
    for i in range(m):
        pairs = table.reshape(1 << (m - 1 - i), 2, 1 << i)  # index bit i = 0 / 1
        low, high = pairs[:, 0, :], pairs[:, 1, :]
        if (high & ~low).any() and (low & ~high).any():
            return False
    return True


def threshold_weights(row: np.ndarray, inputs: int) -> tuple[np.ndarray, int] | None:
    """Integer ``(w, b)`` with ``sign(w·x + b) = f(x)`` and ``w·x + b`` odd on every input, or
    ``None`` when the one-output table ``row`` is not a threshold function.

    Parameters
    ----------
    row : array_like of bool, shape (2^M,)
        One output's truth table (entry ``i``: the value on input ``i``).
    inputs : int
        Number of inputs M, at most :data:`MAX_LINEAR_INPUTS` (16; else ``UsageError``).

    Returns
    -------
    tuple of (numpy.ndarray of int64, int) or None
        ``(w, b)``, or None for a non-threshold table.

    Examples
    --------
    >>> w, b = threshold_weights(np.array([0, 0, 0, 1], dtype=bool), 2)   # AND
    >>> w.tolist(), b
    ([1, 1], -1)
    >>> threshold_weights(np.array([0, 1, 1, 0], dtype=bool), 2) is None   # XOR
    True

    References
    ----------
    Muroga, Toda & Takasu 1961 (integer weights suffice).
    """
    target, m = _table_and_inputs(row, inputs)  # (2^M,)
    if m > MAX_LINEAR_INPUTS:
        raise UsageError(f"linear: the LP has 2^M rows; M = {m} exceeds {MAX_LINEAR_INPUTS}")
    points = all_inputs(m).astype(np.int64)  # (2^M, M)
    if not _unate(target, m):  # not a threshold function: no LP needed
        return None
    sol = _solve_lp(points, target)
    if sol is None:
        return None
    y = np.where(target, 1, -1)  # (2^M,)
    for scale in range(1, 2 * (m + 2) + 8):
        cand = np.rint(sol * scale).astype(np.int64)  # (M + 1,)
        w, b = cand[:m], int(cand[m])
        if np.all(y * (points @ w + b) >= 1):  # exact int64: |w| is small
            if (int(w.sum()) + b) % 2 == 1:
                return w, b
            return 2 * w, 2 * b + 1
    raise RuntimeError("linear: LP solution could not be rounded to integers (numerical trouble)")
