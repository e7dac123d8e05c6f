"""Exact integer separators of partial Boolean functions on ±1 points, and the weight bound.

A *gate* reads ``n`` values that are all ±1 (inputs or earlier gates). On the finite set of points
it sees, a labelling ``y`` is realisable by a gate iff it is linearly separable.
:func:`separate` decides this with the linear program ``y_p (w·p + b) ≥ 1`` (HiGHS via
``scipy.optimize.linprog``), rounds the float solution to integers by scaling, and keeps a
candidate only after checking it **exactly** in integer arithmetic; the returned weights are
made odd-sum (``w·p + b`` odd, hence never 0, on every ±1 point).

:func:`gate_weight_bound` is the bound that makes any integer search over gates complete:
if a partial function on ``S ⊆ {±1}^n`` is separable, then some integer ``(w, b)`` with
``y_p (w·p + b) ≥ 1`` on ``S`` has every ``|w_i|, |b| ≤ (n+1)^((n+1)/2)``.

Proof. The polyhedron ``Q = {z = (w, b) : y_p (p, 1)·z ≥ 1}`` is non-empty; its minimal face is
``{z : A' z = 1}`` for a subsystem ``A'`` of the rows (Schrijver, *Theory of Linear and Integer
Programming*, Thm 8.5). Pick a non-singular ``r × r`` submatrix ``B`` of ``A'`` (``r =
rank A' ≤ n + 1``), set the other variables to 0 and solve ``B z_B = 1``: by Cramer's rule
``z_i = det B_i / det B``, a point of the face, hence of ``Q``. The entries of ``B`` and ``B_i``
are ±1, so ``|det B| ≥ 1`` (a non-zero integer) and ``|det B_i| ≤ r^(r/2)`` (Hadamard). Then
``|det B| · z`` is integer, has margin ``|det B| ≥ 1`` and entries at most ``(n+1)^((n+1)/2)``.
This is the Muroga–Toda–Takasu argument, stated for partial functions and the ±1 encoding.

References
----------
S. Muroga, I. Toda, S. Takasu, "Theory of majority decision elements", J. Franklin Inst. 271,
1961. A. Schrijver, *Theory of Linear and Integer Programming*, Wiley 1986, Thm 8.5 and
Cor. 3.2b (Hadamard).
"""

from __future__ import annotations

import math

import numpy as np

from capacity.errors import UsageError
from capacity.options import is_integer

__all__ = ["gate_weight_bound", "separate", "separable"]


def gate_weight_bound(n: int) -> int:
    """``⌊(n+1)^((n+1)/2)⌋``: integer weights and bias of this size, with margin 1, realise every
    separable partial function of ``n`` ±1 inputs (proof in the module docstring).

    Examples
    --------
    >>> [gate_weight_bound(n) for n in range(0, 6)]
    [1, 2, 5, 16, 55, 216]

    References
    ----------
    Muroga, Toda & Takasu 1961; Hadamard's determinant bound.
    """
    if not is_integer(n) or n < 0:  # 2.5 was a bare TypeError (2026-12-05 review)
        raise UsageError(f"gate_weight_bound needs a fan-in n >= 0, got {n!r}")
    r = int(n) + 1
    return math.isqrt(r**r)


def _lp(points: np.ndarray, y: np.ndarray) -> np.ndarray | None:
    from scipy.optimize import linprog

    rows, n = points.shape
    aug = np.hstack([points.astype(float), np.ones((rows, 1))])  # (R, n + 1)
    # variables: w (n), b (1), t (n + 1) with |w|,|b| <= t; minimise sum t (small weights)
    a_sep = np.hstack([-y[:, None] * aug, np.zeros((rows, n + 1))])  # (R, 2n + 2)
    eye = np.eye(n + 1)
    a_abs = np.vstack([np.hstack([eye, -eye]), np.hstack([-eye, -eye])])  # (2n + 2, 2n + 2)
    cost = np.concatenate([np.zeros(n + 1), np.ones(n + 1)])
    res = linprog(cost, A_ub=np.vstack([a_sep, a_abs]),
                  b_ub=np.concatenate([-np.ones(rows), np.zeros(2 * n + 2)]),
                  bounds=[(None, None)] * (n + 1) + [(0, None)] * (n + 1), method="highs")
    if res.status == 2:  # infeasible: not separable
        return None
    if res.status != 0:  # an iteration limit or numerical trouble is no verdict (it was read
        # as "not separable", 2026-12-07)
        raise RuntimeError(f"the separating LP stopped without a verdict (HiGHS status "
                           f"{res.status}: {res.message})")
    return res.x[: n + 1]


def separate(points, labels) -> tuple[list[int], int] | None:
    """Integer ``(w, b)`` with ``sign(w·p + b) = label`` and ``w·p + b`` odd on every ±1 point,
    or ``None`` when the labelling is not linearly separable.

    Parameters
    ----------
    points : array_like of int, shape (P, n)
        Distinct points with entries ±1 (``n`` may be 0).
    labels : array_like of bool, shape (P,)
        ``True`` means +1.

    Raises
    ------
    RuntimeError
        When the LP stops without a verdict (an iteration limit, numerical trouble) or finds a
        separator that no rounding makes exact: never reported as "not separable".

    Notes
    -----
    ``None`` comes from the LP's infeasibility verdict (floating point); exact certificates of
    non-separability in memcap come from complete enumeration (:mod:`constructions.exact`), never
    from this function. A separable answer is always checked exactly.

    Examples
    --------
    >>> separate([[-1, -1], [1, -1], [-1, 1], [1, 1]], [0, 0, 0, 1])   # AND
    ([1, 1], -1)
    >>> separate([[-1, -1], [1, -1], [-1, 1], [1, 1]], [0, 1, 1, 0]) is None   # XOR
    True

    References
    ----------
    Muroga, Toda & Takasu 1961 (integer weights suffice).
    """
    lab = np.asarray(labels, dtype=bool)  # (P,)
    pts = np.asarray(points, dtype=np.int64)
    if pts.size == 0 and pts.ndim < 2:  # P points of no coordinates
        pts = pts.reshape(len(lab), 0)
    # two points and one label were read as one point of four coordinates, and points off
    # {±1} broke the odd pre-activations the weights promise (2026-12-05 review)
    if (lab.ndim != 1 or pts.ndim != 2 or pts.shape[0] != len(lab)
            or not np.all(np.abs(pts) == 1)):
        raise UsageError(f"separate needs (P, n) points with entries ±1 and P labels, got "
                         f"points of shape {pts.shape} and {lab.size} label(s)")
    n = pts.shape[1]
    y = np.where(lab, 1, -1)  # (P,)
    if lab.all() or not lab.any():  # constant: bias only
        return [0] * n, (1 if lab.all() else -1)
    sol = _lp(pts, y.astype(float))
    if sol is None:
        return None
    for scale in range(1, 4 * (n + 2) + 16):
        cand = np.rint(sol * scale).astype(np.int64)  # (n + 1,)
        w, b = cand[:n], int(cand[n])
        if np.all(y * (pts @ w + b) >= 1):  # exact int64
            if (int(w.sum()) + b) % 2 == 0:
                w, b = 2 * w, 2 * b + 1  # z -> 2z + 1 keeps the sign of every |z| >= 1, odd
            return [int(v) for v in w], int(b)
    raise RuntimeError(f"the LP separates the {len(lab)} points but no rounding of its "
                       "solution does (numerical trouble, not a verdict)")


def separable(points, labels) -> bool:
    """Whether ``labels`` is linearly separable on ``points`` (with an exact integer witness).

    Parameters
    ----------
    points : array_like of int, shape (P, n)
        Distinct points with entries ±1, as :func:`separate` takes.
    labels : array_like of bool, shape (P,)
        ``True`` means +1.

    Returns
    -------
    bool
        Whether :func:`separate` finds a separating ``(w, b)``.

    Examples
    --------
    >>> separable([[-1], [1]], [1, 0])
    True
    """
    return separate(points, labels) is not None
