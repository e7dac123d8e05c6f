"""The reuse merge: a 5-input function from one cofactor's minimal network and one more neuron.

For ``f = x_j ? f1 : f0`` the Shannon merge (:mod:`constructions.exact.shannon`) spends the
neurons of *both* cofactors' networks. The reuse merge spends those of one cofactor ``fb``
(``x_j = s`` on its half) plus one: the other cofactor ``fo`` is read off the same units, moved
on its half. Derived in memcap (docs/exact.md, "M = 5 and 6"); every network it returns is
verified on all 32 inputs before it is returned.

*Construction.* Let ``fb``'s minimal network have units ``u_1..u_c`` (``u_c`` its output); unit
``k`` has integer weights ``w_k`` over the four other inputs ``x'`` and the earlier units, bias
``c_k``, and the odd pre-activation ``p_k + c_k`` on ``fb``'s half. In the 5-input network unit
``k`` reads ``x'`` and the earlier (5-input) units with weights ``2 w_k``, ``x_j`` with weight
``s·(c_k + t_k + 1)`` and has bias ``c_k − t_k``, for an integer cut ``t_k`` of its own:

* on ``fb``'s half (``x_j = s``) its pre-activation is ``2(p_k + c_k) + 1``: odd, of the sign of
  ``p_k + c_k``, so by induction the units equal ``fb``'s network there and ``u_c = fb``;
* on the other half it is ``2(p'_k − t_k) − 1``: odd, positive iff ``p'_k > t_k``, where
  ``p'_k`` is ``w_k``'s sum over the other half's values. So there each unit is a threshold of
  the same weights at a cut of our choice (one below the smallest value of ``p'_k`` or at one of
  its values: every other cut repeats one of these tables).

The output reads ``x'``, ``u_1..u_{c−1}``, ``u_c`` and ``x_j``: with ``P`` an integer
separator (odd, :func:`~constructions.exact.separate.separate`) of ``fo`` over the features
``(x', u_1..u_{c−1})`` on the points it must decide, ``R = max |P| + 1`` over all 32 inputs and
pre-activation ``P + 2R·u_c + α·s·x_j + C``:

* **and** (``(α, C) = (R, −R)``), when ``fo`` is −1 wherever ``u_c`` is on the other half and
  ``P`` separates ``fo`` where ``u_c`` is +1: on ``fb``'s half ``2R·u_c + P`` (the sign of
  ``u_c = fb``), on the other half ``u_c ∧ [P > 0] = fo``;
* **or** (``(α, C) = (−R, R)``), when ``fo`` is +1 wherever ``u_c`` is on the other half and
  ``P`` separates ``fo`` where ``u_c`` is −1: on ``fb``'s half again ``2R·u_c + P``, on the
  other half ``u_c ∨ [P > 0] = fo``.

Every pre-activation is odd: ``P`` is odd on the separated points, and a sum of integer weights
times ±1 values has the same parity on every input (flipping a value moves the sum by an even
``2w``); the added terms ``2R·u_c ± R·s·x_j ∓ R`` are even. The network has ``c + 1`` neurons:
``fb``'s minimal size plus the output. The search tries the splits ``(j, b)`` by the size of
``fb``'s network (the proven minimum for the default networks; then ``j``, then ``b``), the
cuts depth-first, and both modes; a labelling is tested for separability only if no two points
of one label sum to two points of the other (2-asummability, a necessary condition), then
exactly by :func:`~constructions.exact.separate.separate` (an LP, checked in integers).

*Use.* With the M = 4 tables (worst case 3 neurons) a success gives at most 4 neurons. On the
16 483 NPN classes of 5-input functions whose every Shannon split costs 5 or 6, it builds the
representatives of all but 390 (2 409 with 3 neurons, 13 684 with 4; about 50 ms each), and the
rest have CP-SAT witnesses (:mod:`constructions.exact.five`).

References
----------
Derived in memcap (docs/exact.md, "M = 5 and 6"). The Shannon decomposition is C. E. Shannon,
"The synthesis of two-terminal switching circuits", Bell Syst. Tech. J. 28 (1949); the integer
weight bound behind :func:`~constructions.exact.separate.separate` is Muroga, Toda & Takasu
(1961).
"""

from __future__ import annotations

import numpy as np

from constructions.boolean import all_inputs
from constructions.exact.npn import check_table_value
from constructions.exact.separate import separate
from constructions.exact.shannon import cofactor_value
from constructions.exact.witness_networks import moved_units, witness_of

__all__ = ["REUSE_INPUTS", "reuse_merge"]

#: The input count the merge is written for (cofactors of four inputs, the M = 4 tables).
REUSE_INPUTS = 5

_POINTS4 = all_inputs(REUSE_INPUTS - 1).astype(np.int64)
_POINTS5 = all_inputs(REUSE_INPUTS).astype(np.int64)


def _bits(value: int, n: int) -> np.ndarray:
    return (int(value) >> np.arange(n, dtype=np.int64)) & 1


def _asummable(points: np.ndarray, labels: np.ndarray) -> bool:
    """No two points labelled 1 sum to two points labelled 0 (one point may count twice): a
    necessary condition for linear separability (``w·(a + b) > 2θ > w·(c + d)``)."""
    pos, neg = points[labels == 1], points[labels == 0]
    if not len(pos) or not len(neg):
        return True
    base = 5 ** np.arange(points.shape[1], dtype=np.int64)  # coordinates of a sum: -2, 0, 2
    sp = (((pos[:, None, :] + pos[None, :, :]) + 2) * base).sum(-1).ravel()
    sn = (((neg[:, None, :] + neg[None, :, :]) + 2) * base).sum(-1).ravel()
    return not np.intersect1d(sp, sn).size


def _separator(points: np.ndarray, labels: np.ndarray):
    if not len(points):
        return [0] * points.shape[1], 1  # nothing to decide: the constant +1, odd
    if not _asummable(points, labels):
        return None
    return separate(points, labels)


def _evaluate(units: list[tuple[list[int], int]]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Values (inputs, then units) and pre-activations of an any-depth network on all 32
    inputs; unit ``k``'s weights run over the five inputs and the ``k`` earlier units."""
    values = [_POINTS5[:, i] for i in range(REUSE_INPUTS)]
    pres = []
    for weights, bias in units:
        pre = np.full(32, int(bias), dtype=object)
        for w, v in zip(weights, values, strict=True):
            if w:
                pre = pre + int(w) * v.astype(object)
        pres.append(pre)
        values.append(np.where(pre > 0, 1, -1).astype(np.int64))
    return values, pres


def _search(units, other: np.ndarray):
    """Cuts ``t_k`` (one per unit), a mode and a separator for the other cofactor's labels, or
    None. ``units`` are the minimal network's ``(weights over x' and earlier units, bias)``."""
    last = len(units) - 1

    def rec(k: int, values: list[np.ndarray], cuts: list[int]):
        weights, _ = units[k]
        pre = _POINTS4 @ np.asarray(weights[:4], dtype=np.int64)
        for w, v in zip(weights[4:], values, strict=True):
            pre = pre + int(w) * v
        seen = set()
        distinct = np.unique(pre)
        for t in [int(distinct[0]) - 1] + [int(v) for v in distinct]:
            table = np.where(pre > t, 1, -1)
            key = table.tobytes()
            if key in seen:
                continue
            seen.add(key)
            if k < last:
                got = rec(k + 1, values + [table], cuts + [t])
                if got is not None:
                    return got
                continue
            features = np.hstack([_POINTS4] + [v[:, None] for v in values])
            for mode, off in (("and", -1), ("or", 1)):
                if (other[table == off] != (1 if mode == "or" else 0)).any():
                    continue  # and: fo must be 0 where u_c is off; or: 1 where it is on
                keep = table == -off
                sep = _separator(features[keep], other[keep])
                if sep is not None:
                    return cuts + [t], mode, sep
        return None

    return rec(0, [], [])


def reuse_merge(value: int, fb_units=None) -> list[tuple[list[int], int]] | None:
    """An any-depth network of the 5-input function with integer table ``value`` by the reuse
    merge (module docstring), or None when no split, cut and mode works.

    Returns its units in order as ``(weights, bias)``, unit ``k``'s weights over the five inputs
    and the ``k`` units before it, the last unit the output; the network has the proven minimum
    of the reused cofactor plus one neurons, and it was verified on all 32 inputs (odd
    pre-activations of the right sign).

    Parameters
    ----------
    value : int
        The table as an integer (bit ``i`` = output on input ``i``, memcap's input order).
    fb_units : callable, optional
        ``fb_units(table_value) -> [(weights, bias), ...]``: a network of a 4-input cofactor
        (weights over its four inputs and earlier units); default the ``minimal`` builder's
        witness (proven minimal size).

    Examples
    --------
    >>> from constructions.exact.five import cheapest_split
    >>> cheapest_split(400336)   # every Shannon split of this function costs 5 or more
    5
    >>> len(reuse_merge(400336))   # the reuse merge: 4 neurons
    4

    References
    ----------
    Derived in memcap (this module's docstring; docs/exact.md, "M = 5 and 6").
    """
    value = check_table_value(value, 5, "reuse_merge")
    if fb_units is None:
        fb_units = _minimal_units
    networks = {(j, b): fb_units(cofactor_value(value, REUSE_INPUTS, j, b))
                for j in range(REUSE_INPUTS) for b in (0, 1)}
    for _, j, b in sorted((len(units), j, b) for (j, b), units in networks.items()):
        units = networks[j, b]
        other = _bits(cofactor_value(value, REUSE_INPUTS, j, 1 - b), 16)
        found = _search(units, other)
        if found is not None:
            net = _assemble(units, found, j, b)
            _check(net, value)
            return net
    return None


def _assemble(units, found, j: int, b: int) -> list[tuple[list[int], int]]:
    """The 5-input network of the module docstring from the cofactor network and the search's
    cuts, mode and separator."""
    cuts, mode, (sep_w, sep_b) = found
    s = 1 if b == 1 else -1
    rest = [i for i in range(REUSE_INPUTS) if i != j]
    net = []
    for k, (weights, bias) in enumerate(units):
        w = [0] * (REUSE_INPUTS + k)
        for r in range(4):
            w[rest[r]] = 2 * int(weights[r])
        for q in range(k):
            w[REUSE_INPUTS + q] = 2 * int(weights[4 + q])
        w[j] = s * (int(bias) + cuts[k] + 1)
        net.append((w, int(bias) - cuts[k]))
    c = len(units)
    sep_w = [int(v) for v in sep_w]
    w = [0] * (REUSE_INPUTS + c)
    for r in range(4):
        w[rest[r]] += sep_w[r]
    for q in range(c - 1):
        w[REUSE_INPUTS + q] += sep_w[4 + q]
    values, _ = _evaluate(net)
    sep = np.full(32, int(sep_b), dtype=np.int64)
    for f, v in zip(w, values, strict=True):
        sep = sep + f * v
    big = int(np.abs(sep).max()) + 1
    alpha, shift = (big, -big) if mode == "and" else (-big, big)
    w[REUSE_INPUTS + c - 1] += 2 * big
    w[j] += alpha * s
    net.append((w, int(sep_b) + shift))
    return net


def _check(net: list[tuple[list[int], int]], value: int) -> None:
    values, pres = _evaluate(net)
    target = np.where(_bits(value, 32) == 1, 1, -1)
    if (values[-1] != target).any() or any((p % 2 == 0).any() for p in pres):
        raise RuntimeError(f"reuse_merge built a wrong network for table value {value}")  # a bug


def _minimal_units(value: int) -> list[tuple[list[int], int]]:
    rec, t, negated = witness_of("any-depth", int(value), 4)
    return moved_units(rec["units"], t, 4, negated)
