"""Exact solvers for bounds that are defined implicitly (inversion by integer search).

Each solver returns a Python int and is certified: integer comparisons are exact; comparisons
involving ``ln`` use :func:`capacity.certified.certified_positive` (interval arithmetic).

Examples
--------
>>> least_edges_to_shatter(4)          # Thm 20.6: (e m)^E >= 2^m for m = 2^4
3
>>> vc_cap_sign_net(10)
77
"""

from __future__ import annotations

import math

from capacity.certified import certified_positive
from capacity.counting import cover_count
from capacity.search import largest_true, least_true

__all__ = [
    "counting_log_any_depth",
    "least_edges_to_shatter",
    "least_neurons_any_depth_counting",
    "least_neurons_from_edges",
    "least_neurons_one_hidden_counting",
    "vc_cap_sign_net",
]

_MAX_M = 24


def _check_m(inputs: int, outputs: int = 1) -> None:
    if isinstance(inputs, bool) or not isinstance(inputs, int) or not 1 <= inputs <= _MAX_M:
        raise ValueError(f"inputs M must be an integer in 1..{_MAX_M}, got {inputs!r}")
    if isinstance(outputs, bool) or not isinstance(outputs, int) or outputs < 1:
        raise ValueError(f"outputs N must be a positive integer, got {outputs!r}")


def _product_exceeds(a: int, b: int, bits: int) -> bool:
    """Exactly decide a*b >= 2^bits (a, b >= 1), multiplying only when bit lengths are ambiguous."""
    la, lb = a.bit_length(), b.bit_length()
    if la + lb - 1 > bits:  # a*b >= 2^(la-1+lb-1) = 2^(la+lb-2) >= 2^bits
        return True
    if la + lb <= bits:  # a*b < 2^(la+lb) <= 2^bits
        return False
    return (a * b).bit_length() > bits


def _growth_ok(edges: int, m: int) -> bool:
    """Decide 2^m <= (e m)^E exactly: E (1 + ln m) - m ln 2 > 0 (never 0, e is transcendental)."""
    return certified_positive(lambda iv: edges * (1 + iv.log(iv.mpf(m))) - m * iv.log(2))


def vc_cap_sign_net(edges: int) -> int:
    """Largest m with 2^m ≤ (e m)^E: the exact VC cap of a sign network with E edges.

    References
    ----------
    Shalev-Shwartz & Ben-David, *Understanding Machine Learning* (2014), Thm 20.6 and its proof
    (growth function τ(m) ≤ (e m)^|E|).

    Examples
    --------
    >>> [vc_cap_sign_net(e) for e in (1, 2, 3)]
    [3, 9, 16]
    """
    if isinstance(edges, bool) or not isinstance(edges, int) or edges < 1:
        raise ValueError(f"edges E must be a positive integer, got {edges!r}")
    return largest_true(lambda m: _growth_ok(edges, m), lo=1)


def least_edges_to_shatter(inputs: int) -> int:
    """Least E with (e 2^M)^E ≥ 2^(2^M): edges needed by a sign net computing every f on M inputs.

    Realising all 2^(2^M) functions shatters the 2^M inputs, so m = 2^M must satisfy Thm 20.6's
    growth bound. UML counts bias edges, so this also bounds parameters.

    References
    ----------
    UML (2014), Thm 20.6 (growth bound) and the argument of Thm 20.2.

    Examples
    --------
    >>> [least_edges_to_shatter(k) for k in (1, 2, 3)]
    [1, 2, 2]
    """
    _check_m(inputs)
    m = 1 << inputs
    return least_true(lambda e: _growth_ok(e, m), lo=1)


def least_neurons_from_edges(inputs: int, edges: int) -> int:
    """Least s such that a DAG of s neurons on M inputs can hold ``edges`` edges.

    Neuron i (in topological order) reads at most M inputs, the constant and i − 1 earlier neurons,
    so |E| ≤ s (M + 1) + s (s − 1) / 2.

    Examples
    --------
    >>> least_neurons_from_edges(3, 10)   # 2 neurons hold at most 2*4 + 1 = 9 edges
    3
    """
    return least_true(lambda s: s * (inputs + 1) + s * (s - 1) // 2 >= edges, lo=1)


def counting_log_any_depth(inputs: int, outputs: int, neurons: int) -> int:
    """An exact integer X ≥ the number of maps computable by s sign neurons (any DAG), as X.

    Neuron i reads M inputs and i − 1 earlier neurons; on the 2^M inputs its fan-in vectors are at
    most 2^M points in R^(M+i−1), so it has at most C(2^M, M + i) dichotomies (Cover, affine).
    N of the s neurons are outputs: at most s^N choices.

    Examples
    --------
    >>> counting_log_any_depth(2, 1, 1)
    14
    """
    p = 1 << inputs
    x = neurons**outputs
    for i in range(1, neurons + 1):
        x *= cover_count(p, inputs + i)
    return x


def least_neurons_any_depth_counting(inputs: int, outputs: int = 1) -> int:
    """Least s whose counting bound reaches 2^(N 2^M): neurons needed at any depth.

    The product is monotone in s and each step multiplies in one factor, so the search is a
    linear scan over s with the exact running product (cheaper than re-multiplying in a
    bisection); the answer equals ``least_true`` on :func:`counting_log_any_depth`.

    References
    ----------
    Derived (counting argument with Cover's theorem, 1965, Theorem 1, applied per neuron).

    Examples
    --------
    >>> [least_neurons_any_depth_counting(k) for k in (1, 2, 3, 4, 8)]
    [1, 2, 2, 2, 5]
    """
    _check_m(inputs, outputs)
    bits = outputs << inputs
    p = 1 << inputs
    product = 1
    s = 0
    while True:
        s += 1
        product *= cover_count(p, inputs + s)
        if _product_exceeds(product, s**outputs, bits):
            return s


def _one_hidden_count(inputs: int, outputs: int, k: int) -> int:
    p = 1 << inputs
    t_m = cover_count(p, inputs + 1)  # >= T(M), threshold functions of the M inputs
    return math.comb(t_m + k - 1, k) * cover_count(p, k + 1) ** outputs


def least_neurons_one_hidden_counting(inputs: int, outputs: int = 1) -> int:
    """Least k + N (k hidden units) whose one-hidden-layer counting bound reaches 2^(N 2^M).

    A one-hidden-layer sign net is fixed by the multiset of its k hidden threshold functions
    (at most C(T + k − 1, k) multisets, T ≤ C(2^M, M+1)) and N output dichotomies of the
    ≤ 2^M hidden vectors in R^k (each ≤ C(2^M, k+1)). Linear scan over k with both factors
    updated exactly (C(T+k, k+1) = C(T+k-1, k)(T+k)/(k+1); C(P, k+2) = C(P, k+1) + 2 C(P-1, k+1)).

    References
    ----------
    Derived (counting argument; Cover 1965, Theorem 1).

    Examples
    --------
    >>> [least_neurons_one_hidden_counting(k) for k in (1, 2, 3, 8)]
    [2, 2, 2, 6]
    >>> all(least_neurons_one_hidden_counting(k) - 1 ==
    ...     least_true(lambda j: _one_hidden_count(k, 1, j).bit_length() > 2**k, lo=0)
    ...     for k in range(1, 9))
    True
    """
    _check_m(inputs, outputs)
    bits = outputs << inputs
    p = 1 << inputs
    t_m = cover_count(p, inputs + 1)  # >= T(M)
    multisets = 1  # C(T + k - 1, k) at k = 0
    cover = cover_count(p, 1)  # C(P, k + 1) at k = 0
    binom = 1  # C(P - 1, k) at k = 0
    k = 0
    while not _product_exceeds(multisets, cover**outputs, bits):
        multisets = multisets * (t_m + k) // (k + 1)
        binom = binom * (p - 1 - k) // (k + 1)
        cover += 2 * binom
        k += 1
    return k + outputs
