"""Sum-of-products (DNF) networks: one hidden unit per implicant of a minimised cover.

Method. For each output the builder computes all prime implicants of ``f`` and of ``¬f``
(Quine–McCluskey, done as a dynamic programme over the ``3^M`` sub-cubes: a cube with a free
variable is an implicant iff both halves are; a prime is an implicant that stays one of no
larger cube), then a cover of the on-set by primes:

* ``M ≤ MAX_EXACT_INPUTS`` (8): an exact minimum cover, as a 0/1 integer program solved by HiGHS
  (``scipy.optimize.milp``; Petrick's problem). ``method`` is ``"dnf(exact)"``; should HiGHS stop
  at its time limit without proving optimality the cover is its best one and ``method`` says
  ``"dnf(ilp-incomplete)"``.
* ``MAX_EXACT_INPUTS < M ≤ MAX_DNF_INPUTS`` (12): the greedy set-cover heuristic (repeatedly
  take the prime covering most uncovered minterms; within a factor ``ln 2^M`` of optimal),
  ``method`` ``"dnf(greedy)"``.

Per output it keeps whichever of ``f`` (output = OR of the implicants) and ``¬f`` (output = NOR)
has the smaller cover, so a constant output needs no hidden unit. Identical implicants of
different outputs share one hidden unit (the covers themselves are minimised per output).

Units. An implicant with literals ``x_j = s_j`` (``j ∈ L``, ``ℓ = |L|``) is the AND unit of UML
Lemma 20.4: weights ``s_j``, bias ``1 − ℓ``; its pre-activation is ``1`` when every literal holds
and ``≤ −1`` otherwise. The OR over ``t`` implicants has weights 1 and bias ``t − 1``: with
``r ≥ 0`` implicants firing its pre-activation is ``2r − 1`` (the NOR is its negation).

Odd pre-activations. AND: ``Σw + b ≡ ℓ + 1 − ℓ = 1``; OR/NOR: ``±(2t − 1)``. Both odd (parity
argument in :mod:`constructions.builders._common`).

References
----------
W. V. Quine, "The problem of simplifying truth functions", Amer. Math. Monthly 59 (1952);
E. J. McCluskey, "Minimization of Boolean functions", Bell Syst. Tech. J. 35 (1956);
S. R. Petrick, "A direct determination of the irredundant forms of a Boolean function" (1956);
UML §20.3, Lemma 20.4 (AND/OR as one sign unit).
"""

from __future__ import annotations

import numpy as np

from capacity.errors import UsageError
from constructions.boolean import BooleanFunction
from constructions.builders._common import finish
from constructions.network import Layer, SignNetwork

__all__ = ["MAX_DNF_INPUTS", "MAX_EXACT_INPUTS", "build_dnf", "minimum_cover", "prime_implicants"]

#: Largest M with an exact minimum cover.
MAX_EXACT_INPUTS = 8
#: Largest M the dnf builder accepts (3^M sub-cubes are enumerated).
MAX_DNF_INPUTS = 12


def prime_implicants(row: np.ndarray, inputs: int) -> tuple[np.ndarray, np.ndarray]:
    """Prime implicants of a one-output table as ``(mask, value)`` bit masks.

    A cube fixes the inputs whose bit is set in ``mask`` to the bits of ``value`` (bit ``j`` 1
    means ``x_j = +1``).

    Parameters
    ----------
    row : array_like of bool, shape (2^M,)
        The output's table; entry ``i`` is the value on input ``i``.
    inputs : int
        Number of inputs M.

    Returns
    -------
    mask, value : numpy.ndarray of int64, shape (P,)
        One entry per prime implicant: the fixed inputs and their bits.

    Examples
    --------
    >>> mask, value = prime_implicants(np.array([0, 0, 0, 1, 0, 1, 1, 1], dtype=bool), 3)
    >>> sorted(zip(mask.tolist(), value.tolist()))   # majority: x0x1, x0x2, x1x2
    [(3, 3), (5, 5), (6, 6)]

    References
    ----------
    Quine 1952; McCluskey 1956.
    """
    m = int(inputs)
    imp = np.asarray(row, dtype=bool).reshape((2,) * m)  # axis a ↔ bit m − 1 − a
    for axis in range(m):
        lo = np.take(imp, [0], axis=axis)
        hi = np.take(imp, [1], axis=axis)
        imp = np.concatenate([lo, hi, lo & hi], axis=axis)  # (…, 3, …): 2 = free
    prime = imp.copy()
    for axis in range(m):
        free = np.take(imp, [2], axis=axis)  # (…, 1, …)
        for side in (0, 1):
            idx = [slice(None)] * m
            idx[axis] = slice(side, side + 1)
            prime[tuple(idx)] &= ~free
    coords = np.argwhere(prime)[:, ::-1]  # (P, m) column j ↔ bit j; entries 0/1/2
    weights = np.int64(1) << np.arange(m, dtype=np.int64)  # (m,)
    mask = ((coords != 2) * weights).sum(axis=1).astype(np.int64)  # (P,)
    value = ((coords == 1) * weights).sum(axis=1).astype(np.int64)  # (P,)
    return mask, value


def minimum_cover(covers: np.ndarray, exact: bool, time_limit: float = 30.0
                  ) -> tuple[np.ndarray, str]:
    """Choose columns of the 0/1 matrix ``covers`` (minterms × primes) covering every row.

    Returns the chosen column indices and ``"exact"``, ``"ilp-incomplete"`` or ``"greedy"``.

    Parameters
    ----------
    covers : numpy.ndarray of bool, shape (R, P)
        ``covers[r, p]`` is True when column (prime) ``p`` covers row (minterm) ``r``.
    exact : bool
        Solve the set-cover ILP with SciPy's ``milp`` (greedy only when it yields no cover);
        False runs the greedy cover alone.
    time_limit : float, default 30.0
        Seconds given to the ILP solver.

    Returns
    -------
    chosen : numpy.ndarray of int64
        Indices of the chosen columns.
    status : str
        ``"exact"`` (ILP optimal, or no rows), ``"ilp-incomplete"`` (ILP stopped early) or
        ``"greedy"``.

    Examples
    --------
    >>> cov = np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1]], dtype=bool)
    >>> minimum_cover(cov, exact=True)[0].size
    2
    """
    rows, cols = covers.shape
    if rows == 0:
        return np.zeros(0, dtype=np.int64), "exact" if exact else "greedy"
    if exact:
        from scipy.optimize import Bounds, LinearConstraint, milp

        res = milp(np.ones(cols), constraints=LinearConstraint(covers.astype(float), lb=1),
                   integrality=np.ones(cols), bounds=Bounds(0, 1),
                   options={"time_limit": time_limit})
        if res.x is not None:
            chosen = np.flatnonzero(res.x > 0.5)
            if covers[:, chosen].any(axis=1).all():
                return chosen, "exact" if res.status == 0 else "ilp-incomplete"
    left = np.ones(rows, dtype=bool)
    chosen = []
    while left.any():
        gain = covers[left].sum(axis=0)  # (P,)
        best = int(np.argmax(gain))
        chosen.append(best)
        left &= ~covers[:, best]
    return np.array(chosen, dtype=np.int64), "greedy"


def _cover(row: np.ndarray, m: int, exact: bool) -> tuple[list[tuple[int, int]], str]:
    mask, value = prime_implicants(row, m)
    on = np.flatnonzero(row).astype(np.int64)  # (K,)
    covers = (on[:, None] & mask[None, :]) == value[None, :]  # (K, P)
    chosen, how = minimum_cover(covers, exact)
    return [(int(mask[c]), int(value[c])) for c in chosen], how


def build_dnf(function: BooleanFunction, *, strict_layers: bool = False,
              exact: bool | None = None) -> SignNetwork:
    """Build the AND–OR network of a minimised DNF (or CNF, via ``¬f``) per output.

    Parameters
    ----------
    exact : bool, optional
        Force (``True``) or skip (``False``) the exact cover; default ``M ≤ MAX_EXACT_INPUTS``.

    Examples
    --------
    >>> net = build_dnf(BooleanFunction.from_strings("00010111"))   # majority of 3
    >>> net.sizes().hidden, net.method
    (3, 'dnf(exact)')

    References
    ----------
    Quine 1952; McCluskey 1956; Petrick 1956; UML Lemma 20.4.
    """
    del strict_layers
    m = function.inputs
    if m > MAX_DNF_INPUTS:
        raise UsageError(f"dnf enumerates 3^M sub-cubes and accepts M <= {MAX_DNF_INPUTS}, "
                         f"got M = {m}; use method 'depth3' or 'lookup'")
    exact = m <= MAX_EXACT_INPUTS if exact is None else bool(exact)
    cubes: dict[tuple[int, int], int] = {}
    plans, hows = [], set()
    for j in range(function.outputs):
        row = function.table[j]
        pos, how_p = _cover(row, m, exact)
        neg, how_n = _cover(~row, m, exact)
        negated = len(neg) < len(pos)
        chosen = neg if negated else pos
        hows.add(how_n if negated else how_p)
        plans.append((negated, [cubes.setdefault(c, len(cubes)) for c in chosen]))
    how = "exact" if hows <= {"exact"} else ("greedy" if "greedy" in hows else "ilp-incomplete")
    method = f"dnf({how})"
    out_w = np.zeros((function.outputs, max(len(cubes), 1)), dtype=np.int64)  # (N, H)
    out_b = np.zeros(function.outputs, dtype=np.int64)  # (N,)
    for j, (negated, units) in enumerate(plans):
        sign = -1 if negated else 1
        out_w[j, units] = sign
        out_b[j] = sign * (len(units) - 1)
    if not cubes:
        return finish(function, [Layer(out_w, out_b, (0,))], method)
    keys = np.array(list(cubes), dtype=np.int64).reshape(-1, 2)  # (H, 2) mask, value
    bits = np.arange(m, dtype=np.int64)
    lit = (keys[:, :1] >> bits) & 1  # (H, M) literal present
    val = (keys[:, 1:] >> bits) & 1  # (H, M) literal value
    hid_w = lit * (2 * val - 1)  # (H, M)
    hid_b = 1 - lit.sum(axis=1)  # (H,)
    hidden = Layer(hid_w, hid_b, tuple(range(m)))
    return finish(function, [hidden, Layer(out_w, out_b, tuple(range(m, m + len(cubes))))],
                  method)
