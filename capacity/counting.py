"""Exact counts: Cover's C(P, d), Sauer–Shelah, Boolean functions, threshold functions T(n).

Everything here is integer arithmetic (``math.comb`` and Python ints).

Threshold functions
-------------------
:func:`threshold_count` enumerates the threshold (linearly separable) Boolean functions of ``n``
variables for real. Algorithm:

1. Every threshold function is ``x -> [w . x >= t]`` on ``{0,1}^n`` with *integer* weights, and by
   Muroga, Toda & Takasu (1961) one can take ``|w_i| <= B(n) = floor((n+1)^((n+1)/2) / 2^n)``.
2. Negating an input maps a threshold function to a threshold function, so it suffices to find the
   *positive* ones (all ``w_i >= 0``); each positive function ``f`` that depends on ``r(f)``
   variables yields exactly ``2^r(f)`` distinct threshold functions by negating inputs, and distinct
   positive functions give disjoint families (a positive function is the unique monotone
   increasing member of its family). Hence ``T(n) = sum_f 2^r(f)``.
3. Positive functions: enumerate non-increasing weight vectors ``B >= w_1 >= ... >= w_n >= 0`` and
   every threshold ``0 <= t <= sum(w) + 1``, evaluate the truth table exactly (integer dot products
   on the ``2^n`` points, vectorised with numpy int64), deduplicate as bit masks, then close the set
   under all ``n!`` permutations of the inputs.

Certification: every function found is realised by the integer weights that produced it (an exact
witness); completeness is the Muroga–Toda–Takasu weight bound. Cost: ``C(B+n, n)`` weight vectors
times ``n B`` thresholds times ``2^n`` points, then ``n!`` permutations of the distinct masks:
n = 5 (B = 6) is ~10^5 truth tables, well under a second; n = 6 (B = 14) a few seconds.

The test-suite checks the enumeration against an independent brute-force LP over all ``2^(2^n)``
functions (n <= 3) and against OEIS A000609.

References
----------
T. M. Cover, "Geometrical and statistical properties of systems of linear inequalities with
applications in pattern recognition", IEEE Trans. Electronic Computers EC-14(3), 1965 (Theorem 1).
N. Sauer, "On the density of families of sets", J. Combin. Theory A 13, 1972; S. Shalev-Shwartz &
S. Ben-David, *Understanding Machine Learning*, 2014, Lemma 6.10.
S. Muroga, I. Toda, S. Takasu, "Theory of majority decision elements", J. Franklin Inst. 271, 1961.
Yu. A. Zuev, "Asymptotics of the logarithm of the number of threshold functions of the algebra of
logic", Soviet Math. Dokl. 39, 1989.

Examples
--------
>>> cover_count(4, 2), threshold_count(3)
(8, 104)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import numpy as np

from capacity.errors import UsageError

__all__ = [
    "MAX_COUNT_BITS",
    "SUM_WORK_FORCED",
    "SUM_WORK_WITHOUT_FORCE",
    "binomial_sum",
    "binomial_sum_bits",
    "binomial_sum_size",
    "boolean_function_count",
    "boolean_function_bits",
    "cover_count",
    "muroga_weight_bound",
    "positive_threshold_masks",
    "sauer_shelah_bound",
    "threshold_count",
    "threshold_upper_bound",
]

_MAX_T_N = 6  # n = 7 would need ~10^11 truth tables with this method
_MAX_MATERIALISED_BITS = 1 << 24


def _check_nonneg_int(name: str, value: int, least: int = 0) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise UsageError(f"{name} must be an integer >= {least}, got {value!r}")


def cover_count(points: int, dim: int,
                progress: Callable[[int, int], None] | None = None) -> int:
    """Cover's C(P, d) = 2 Σ_{k=0}^{d-1} binom(P-1, k): homogeneous dichotomies of P points.

    The number of labellings of ``P`` points in general position in R^d that a hyperplane through
    the origin separates. For affine separators in R^d use ``cover_count(P, d + 1)``.

    Parameters
    ----------
    points : int
        P >= 1.
    dim : int
        d >= 1, the points' dimension.
    progress : callable, optional
        ``progress(done, total)`` over the sum's terms (:func:`binomial_sum`).

    References
    ----------
    T. M. Cover, IEEE Trans. Electronic Computers EC-14(3):326–334, 1965, Theorem 1.

    Examples
    --------
    >>> cover_count(3, 2)
    6
    >>> cover_count(10, 5) == 2**9    # C(2d, d) = 2^(2d-1): half of all labellings
    True
    >>> cover_count(3, 5) == 2**3     # P <= d: every labelling
    True
    """
    _check_nonneg_int("points", points, 1)
    _check_nonneg_int("dim", dim, 1)
    _check_holdable("Cover's C(points, dim)", binomial_sum_bits(points - 1, 0, dim - 1) + 1)
    return 2 * binomial_sum(points - 1, 0, dim - 1, progress)


def sauer_shelah_bound(m: int, vc_dim: int,
                       progress: Callable[[int, int], None] | None = None) -> int:
    """Sauer–Shelah: a class of VC dimension d has growth function ≤ Σ_{i=0}^{d} binom(m, i).

    Parameters
    ----------
    m : int
        Number of points, an int ≥ 0 (:class:`~capacity.errors.UsageError` otherwise).
    vc_dim : int
        The VC dimension d, an int ≥ 0 (:class:`~capacity.errors.UsageError` otherwise).
    progress : callable, optional
        ``progress(done, total)`` over the sum's terms (:func:`binomial_sum`).

    Returns
    -------
    int
        Σ_{i=0}^{d} binom(m, i), which is 2^m when d ≥ m.

    References
    ----------
    Sauer (1972); Shelah (1972); Shalev-Shwartz & Ben-David, UML (2014), Lemma 6.10.

    Examples
    --------
    >>> sauer_shelah_bound(5, 2)
    16
    >>> sauer_shelah_bound(3, 3) == 2**3
    True
    """
    _check_nonneg_int("m", m, 0)
    _check_nonneg_int("vc_dim", vc_dim, 0)
    _check_holdable("the Sauer–Shelah sum",
                    m + 1 if vc_dim >= m else binomial_sum_bits(m, 0, vc_dim))
    if vc_dim >= m:
        return 1 << m  # every labelling
    return binomial_sum(m, 0, vc_dim, progress)


#: Most work (terms × bits of the largest term, :func:`binomial_sum_size`) of the exact sums
#: ``memcap count cover|sauer`` computes without ``--force``: a = 200 000 over its 100 000
#: short-side terms (2·10^10) took 3–6 s on the 2-core machines before the sums started from
#: the centre binomial (that sum is 3.3·10^9 now); a = 280 000 up to k = 75 000 (1.8·10^10)
#: took 2.4 s and a = 400 000 up to 100 000 (3.2·10^10, forced) 4.4 s (2026-12-06).
SUM_WORK_WITHOUT_FORCE = 2 * 10**10
#: Most work of such a sum even with ``--force``: a = 10^6 over 5·10^5 terms (5·10^11) took 67 s.
SUM_WORK_FORCED = 5 * 10**11
#: Most bits of a number ``memcap count cover|sauer`` prints (2^P, or a sum that large), even
#: with ``--force``: about 300 000 digits (so cover takes at most 10^6 points). How long the sum
#: takes is limited by its work (:data:`SUM_WORK_WITHOUT_FORCE`, :data:`SUM_WORK_FORCED`), not
#: by P: a sum of a few terms is instant at any P (``count sauer --sample 200001 --vc 1`` was
#: refused, 2026-12-03). ``memcap bounds``' note names ``count`` only for sums within both.
MAX_COUNT_BITS = 10**6


#: Most bits of a count :func:`cover_count` and :func:`sauer_shelah_bound` build (2^33 bits,
#: 1 GiB): beyond, an exact integer cannot be held here (``cover_count(10**30, 10**30)`` raised
#: an ``OverflowError`` from ``1 << 10**30``, 2026-12-05 review).
MAX_HELD_BITS = 1 << 33


def _check_holdable(what: str, bits: int) -> None:
    """Refuse a count of more than :data:`MAX_HELD_BITS` bits with a :class:`UsageError`."""
    if bits > MAX_HELD_BITS:
        raise UsageError(f"{what} would have more than 2^{bits.bit_length() - 1} bits, beyond "
                         "the 2^33 (1 GiB) an exact integer may take here; use its log2")


def _short_side(a: int, lo: int, hi: int) -> tuple[int, int]:
    """The range of k that :func:`binomial_sum` adds: ``lo..min(hi, a)``, or for a sum from 0
    past a/2 its shorter complement ``0..a − top − 1`` (subtracted from 2^a); empty when the
    first end exceeds the second."""
    top = min(hi, a)
    if lo == 0 and top > a // 2:
        return 0, a - top - 1
    return lo, top


#: What ``math.comb(a, a // 2)`` costs, in running-term steps on numbers of a bits: a / 13 at
#: a = 2·10^4, a / 23 at 2·10^5, a / 28 at 10^6 (2026-12-06, load ≈ 2); charged as a / 12.
_CENTRE_BINOMIAL_STEPS = 12


def _centre_steps(a: int, lo: int, last: int) -> int | None:
    """The steps of Σ_{k=0}^{last} binom(a, k) from the centre, when their work (steps × the
    centre binomial's bits) is less than that of the ``last + 1`` terms from k = 0 (else
    ``None``): the half sum Σ_{k<⌈a/2⌉} binom(a, k), which is 2^(a−1) or (2^a − binom(a, a/2))/2,
    minus the terms k = last + 1..⌈a/2⌉ − 1, each from the next by the running term downward
    after one ``math.comb`` at the centre (up to a/2 itself, for even a, plus binom(a, a/2))."""
    if lo != 0 or not 0 <= last <= a // 2:  # past a/2 the complement is shorter (_short_side)
        return None
    steps = max((a + 1) // 2 - 1 - last, 0) + a // _CENTRE_BINOMIAL_STEPS + 1
    if steps > last + 1:
        return None
    centre_bits = _terms_and_bits(a, a // 2, a // 2)[1]
    return steps if steps * centre_bits < math.prod(_terms_and_bits(a, 0, last)) else None


def binomial_sum_bits(a: int, lo: int, hi: int) -> int:
    """An upper bound on the bit length of ``Σ_{k=lo}^{hi} binom(a, k)``, known before the sum
    is computed: at most ``a + 1`` (the sum is at most 2^a), and for a sum that
    :func:`binomial_sum` adds term by term at most the largest term's bits plus those of the
    number of terms. A sum from 0 past a/2 is computed as 2^a minus its short complement, so
    2^a is built whatever the work: ``Σ_{k≤d} binom(n, k)`` with ``d ≥ n`` is 2^n.

    Parameters
    ----------
    a : int
        The upper argument of the binomials, ≥ 0.
    lo, hi : int
        The range of k, both ends included.

    Returns
    -------
    int
        A bit count the exact sum does not exceed (0 for an empty range).

    Examples
    --------
    >>> binomial_sum_bits(10**30, 0, 10**30) == 10**30 + 1   # 2^(10^30): d ≥ n
    True
    >>> binomial_sum_bits(10, 0, 3) >= binomial_sum(10, 0, 3).bit_length()
    True
    >>> binomial_sum_bits(10, 4, 2)
    0
    """
    top = min(hi, a)
    if lo > top:
        return 0
    if _short_side(a, lo, hi) != (lo, top):  # 2^a minus the complement, which is 0 only when
        return a + 1 if top >= a else a     # the sum reaches k = a: then exactly 2^a
    terms, bits = _terms_and_bits(a, lo, top)
    # below 2^a unless the sum reaches k = a: the cap a + 1 refused sums of exactly 10^6 bits
    # at the 10^6-bit limit (count sauer --sample 10^6 --vc 5·10^5, 2026-12-05 review)
    return min(a + 1 if top >= a else a, bits + terms.bit_length())


def binomial_sum_size(a: int, lo: int, hi: int) -> tuple[int, int]:
    """How much :func:`binomial_sum` does for ``Σ_{k=lo}^{hi} binom(a, k)``: the binomials it
    adds (the range, or its complement when that is shorter; from the centre, the terms between
    the end and a/2 plus a/12 for the one ``math.comb`` at a/2) and an upper estimate of the bits
    of the largest (from ``math.lgamma``, with a margin: a size for the work limits, never a
    value). Their product is the work the limits compare with :data:`SUM_WORK_WITHOUT_FORCE`,
    :data:`SUM_WORK_FORCED` (``memcap count``) and ``capacity.evaluate.MAX_SUM_WORK`` (inside
    ``memcap bounds``): each step multiplies and divides one such integer by a small one.

    Parameters
    ----------
    a : int
        The upper argument of the binomials, ≥ 0.
    lo, hi : int
        The range of k, both ends included.

    Returns
    -------
    tuple of int
        ``(terms, bits)``: ``bits`` at least ``binom(a, k).bit_length()`` for every k added;
        ``(0, 0)`` for an empty range.

    Examples
    --------
    >>> binomial_sum_size(10, 0, 1)[0], binomial_sum_size(10, 0, 8)[0], binomial_sum_size(10, 4, 2)
    (2, 2, (0, 0))
    >>> binomial_sum_size(10**6, 0, 499_999)   # from the centre: math.comb at a/2 and one term
    (83334, 999991)
    >>> import math
    >>> binomial_sum_size(1000, 0, 10)[1] >= math.comb(1000, 10).bit_length()
    True
    >>> binomial_sum_size(2_000_000, 0, 3)   # four terms of 61 bits (62 estimated)
    (4, 62)
    >>> binomial_sum_size(10**17, 0, 3)[1] >= math.comb(10**17, 3).bit_length()   # 176 ≥ 167
    True
    >>> binomial_sum_size(10**400, 0, 2)   # no float overflow (binom has 2 657 bits)
    (3, 2662)
    >>> math.prod(binomial_sum_size(200_000, 0, 60_000)) > SUM_WORK_WITHOUT_FORCE / 2  # seconds
    True
    >>> binomial_sum_size(200_000, 0, 100_000)[0]   # up to a/2: math.comb alone
    16667
    """
    first, last = _short_side(a, lo, hi)
    if first > last:
        return 0, 0
    steps = _centre_steps(a, first, last)
    if steps is not None:  # from the centre: its binomial is the largest
        return steps, _terms_and_bits(a, a // 2, a // 2)[1]
    return _terms_and_bits(a, first, last)


def _terms_and_bits(a: int, first: int, last: int) -> tuple[int, int]:
    """``(last − first + 1, bits)``, ``bits`` at least the bit length of every binom(a, k) with
    first ≤ k ≤ last (not empty), estimated from ``math.lgamma`` with a margin."""
    k = min(max(a // 2, first), last)  # binomials rise up to a/2, then fall
    if a < 1 << 40:  # lgamma's values below ~3·10^13: its rounding costs far less than a bit
        log2 = (math.lgamma(a + 1) - math.lgamma(k + 1) - math.lgamma(a - k + 1)) / math.log(2)
        return last - first + 1, int(log2 * (1 + 1e-9)) + 2
    # above, lgamma cancels (a = 10^17, k = 3 gave 2 bits for 167) or overflows (a ≥ 10^306):
    # binom(a, j) ≤ (e·a/j)^j and log2(e·a/j) < a.bit_length() − j.bit_length() + 3, in integers
    j = min(k, a - k)
    return last - first + 1, j * (a.bit_length() - j.bit_length() + 3) + 2


def binomial_sum(a: int, lo: int, hi: int,
                 progress: Callable[[int, int], None] | None = None) -> int:
    """Σ_{k=lo}^{hi} binom(a, k) exactly (terms with k > a are 0), by a running term:
    binom(a, k) = binom(a, k−1)·(a−k+1)/k, one small multiplication and division a step
    (summing math.comb afresh took 37 s at a = k = 20 000). Cover's and Sauer's sums and the
    bound evaluator's use it. A sum from k = 0 adds the shortest way: past a/2 as 2^a minus the
    complement, and near a/2 as the half sum (2^(a−1), or (2^a − binom(a, a/2))/2) minus the
    terms between the end and a/2, from one ``math.comb`` at the centre (Σ_{k≤499 999}
    binom(10^6, k): 10 s instead of about 70). ``progress(done, total)`` is called every 4 096
    terms (a sum of 5·10^5 big terms takes about a minute).

    Parameters
    ----------
    a : int
        The upper argument of the binomials, ≥ 0 (not checked here).
    lo, hi : int
        The range of k, both ends included; ``hi`` is cut to ``a``, and an empty range gives 0.
    progress : callable, optional
        ``progress(done, total)``, terms summed so far and in all, called every 4 096 terms;
        ``None`` (default) reports nothing.

    Returns
    -------
    int
        The exact sum.

    References
    ----------
    T. M. Cover, IEEE Trans. Electronic Computers EC-14(3), 1965, Theorem 1, and N. Sauer,
    J. Combin. Theory A 13, 1972 (the sums it evaluates); the running-term recurrence is
    elementary.

    Examples
    --------
    >>> binomial_sum(10, 0, 3), binomial_sum(4, 2, 9), binomial_sum(3, 5, 9)
    (176, 11, 0)
    >>> binomial_sum(10, 0, 8) == 2**10 - 10 - 1  # by the complement, two terms
    True
    >>> binomial_sum(2000, 0, 990) == sum(math.comb(2000, k) for k in range(991))  # the centre
    True
    """
    top = min(hi, a)
    if lo > top:
        return 0
    first, last = _short_side(a, lo, hi)
    if (first, last) != (lo, top):  # the shorter side: Σ_{k≤top} = 2^a − Σ_{k<a−top}
        # (symmetry); Cover's count at d ≥ n − 1 summed 10^6 big binomials for 2^n (2026-12-02)
        return (1 << a) - binomial_sum(a, first, last, progress)
    if _centre_steps(a, lo, top) is not None:  # near a/2: from the centre (sauer --sample
        # 10^6 --vc 499 999 added 5·10^5 terms of 10^6 bits, ~70 s, 2026-12-05 review)
        return _sum_from_centre(a, top, progress)
    term = total = math.comb(a, lo)
    for k in range(lo + 1, top + 1):
        term = term * (a - k + 1) // k
        total += term
        if progress is not None and not k & 4095:
            progress(k - lo, top - lo)
    return total


def _sum_from_centre(a: int, last: int,
                     progress: Callable[[int, int], None] | None = None) -> int:
    """Σ_{k=0}^{last} binom(a, k) for last ≤ a/2 (and a ≥ 1) as the half sum minus the terms
    above ``last``: Σ_{k<⌈a/2⌉} binom(a, k) is 2^(a−1) for odd a (the two halves of
    Σ_k binom(a, k) = 2^a mirror each other) and (2^a − binom(a, a/2))/2 for even a, whose sum
    up to a/2 is (2^a + binom(a, a/2))/2; the terms k = ⌈a/2⌉ − 1 down to last + 1 follow by
    binom(a, k − 1) = binom(a, k)·k/(a − k + 1).

    Examples
    --------
    >>> [_sum_from_centre(a, d) == sum(math.comb(a, k) for k in range(d + 1))
    ...  for a, d in ((1, 0), (7, 1), (7, 3), (8, 0), (8, 3), (8, 4), (2, 1))]
    [True, True, True, True, True, True, True]
    """
    half = (a + 1) // 2  # the terms k < half are the lower half
    if a % 2:
        total, term = 1 << (a - 1), math.comb(a, half - 1)
    else:
        centre = math.comb(a, half)
        if last == half:  # up to the centre itself (a/2 for --vc 5·10^5 added 5·10^5 terms)
            return ((1 << a) + centre) >> 1
        total, term = ((1 << a) - centre) >> 1, centre * half // (a - half + 1)
    steps = half - 1 - last
    for done, k in enumerate(range(half - 1, last, -1), 1):  # subtract binom(a, k), k > last
        total -= term
        term = term * k // (a - k + 1)
        if progress is not None and not done & 4095:
            progress(done, steps)
    return total


def boolean_function_bits(inputs: int, outputs: int = 1) -> int:
    """log2 of the number of maps {±1}^M → {±1}^N, i.e. N·2^M bits (exact).

    Parameters
    ----------
    inputs : int
        M, an int ≥ 0 (:class:`~capacity.errors.UsageError` otherwise, as for a bool).
    outputs : int, default 1
        N, an int ≥ 1 (:class:`~capacity.errors.UsageError` otherwise).

    Returns
    -------
    int
        N·2^M.

    References
    ----------
    Elementary: 2^M inputs with N output bits each (docs/capacity.md).

    Examples
    --------
    >>> boolean_function_bits(30, 2)
    2147483648
    """
    _check_nonneg_int("inputs", inputs, 0)
    _check_nonneg_int("outputs", outputs, 1)
    return outputs << inputs


def boolean_function_count(inputs: int, outputs: int = 1) -> int:
    """The number 2^(N·2^M) of maps {±1}^M → {±1}^N, as an exact int.

    Refuses values over 2^(2^24) (use :func:`boolean_function_bits`, the exact log2).

    Parameters
    ----------
    inputs : int
        M, an int ≥ 0 (:class:`~capacity.errors.UsageError` otherwise, as for a bool).
    outputs : int, default 1
        N, an int ≥ 1 (:class:`~capacity.errors.UsageError` otherwise).

    Returns
    -------
    int
        2^(N·2^M); :class:`~capacity.errors.UsageError` when N·2^M exceeds 2^24.

    References
    ----------
    Elementary: 2^M inputs with N output bits each (docs/capacity.md).

    Examples
    --------
    >>> boolean_function_count(2), boolean_function_count(2, 2)
    (16, 256)
    """
    bits = boolean_function_bits(inputs, outputs)
    if bits > _MAX_MATERIALISED_BITS:
        raise UsageError(
            f"2^{bits} has {bits + 1} bits; use boolean_function_bits() for its exact log2 "
            "instead"
        )
    return 1 << bits


def muroga_weight_bound(n: int) -> int:
    """floor((n+1)^((n+1)/2) / 2^n): integer weights of this size realise every threshold function.

    References
    ----------
    S. Muroga, I. Toda, S. Takasu, J. Franklin Inst. 271:376–418, 1961.

    Examples
    --------
    >>> [muroga_weight_bound(k) for k in range(1, 7)]
    [1, 1, 2, 3, 6, 14]
    >>> muroga_weight_bound(0)   # the formula's value; with no variables there is no weight
    1
    """
    _check_nonneg_int("n", n, 0)
    # floor(sqrt((n+1)^(n+1)) / 2^n) exactly, via integer square roots
    return math.isqrt((n + 1) ** (n + 1) // 4**n)


def _points(n: int) -> np.ndarray:
    idx = np.arange(1 << n, dtype=np.int64)  # (2^n,)
    return (idx[:, None] >> np.arange(n, dtype=np.int64)[None, :]) & 1  # (2^n, n) bit j of i


def _masks_of(tables: np.ndarray) -> np.ndarray:
    """Pack boolean truth tables (K, 2^n) into exact Python-int-free uint64 masks (n <= 6)."""
    weights = np.left_shift(np.uint64(1), np.arange(tables.shape[1], dtype=np.uint64))  # (2^n,)
    return (tables.astype(np.uint64) * weights[None, :]).sum(axis=1, dtype=np.uint64)  # (K,)


def positive_threshold_masks(n: int, progress: Callable[[int, int], None] | None = None) -> set:
    """Truth-table masks of every positive threshold function of ``n`` variables.

    Bit ``i`` of a mask is the value on input ``i`` (bit j of i is x_j, 1 meaning true).

    Parameters
    ----------
    n : int
        Number of variables, an int in 0..6; a larger, negative or non-int value raises
        :class:`~capacity.errors.UsageError`.
    progress : callable, optional
        ``progress(done, total)``, weight vectors enumerated so far and in all, called after
        each chunk of 2 048; ``None`` (default) reports nothing.

    Returns
    -------
    set of int
        The 2^n-bit truth-table masks, closed under permutations of the variables.

    References
    ----------
    S. Muroga, *Threshold Logic and its Applications*, Wiley 1971 (integer weights of
    threshold functions bounded by :func:`muroga_weight_bound`); OEIS A000609 for the counts.

    Examples
    --------
    >>> sorted(positive_threshold_masks(1))   # 0, x_0, 1
    [0, 2, 3]
    >>> sorted(positive_threshold_masks(0))   # the two constants on the single point
    [0, 1]
    >>> len(positive_threshold_masks(4))
    150
    """
    _check_nonneg_int("n", n, 0)
    if n > _MAX_T_N:
        raise UsageError(f"threshold enumeration supports n <= {_MAX_T_N}, got {n}; "
                         "use threshold_upper_bound(n) for larger n")
    bound = muroga_weight_bound(n)
    pts = _points(n)  # (2^n, n)
    canon: set[int] = set()
    vectors = list(itertools.combinations_with_replacement(range(bound, -1, -1), n))
    chunk = 2048
    for start in range(0, len(vectors), chunk):
        w = np.array(vectors[start:start + chunk], dtype=np.int64)  # (K, n) non-increasing
        dots = w @ pts.T  # (K, 2^n) exact int64 dot products
        tmax = int(w.sum(axis=1).max()) + 1
        t = np.arange(tmax + 1, dtype=np.int64)  # (T,)
        tables = dots[:, None, :] >= t[None, :, None]  # (K, T, 2^n)
        canon.update(int(x) for x in np.unique(_masks_of(tables.reshape(-1, 1 << n))))
        if progress is not None:
            progress(min(start + chunk, len(vectors)), len(vectors))
    return _close_under_permutations(canon, n)


def _close_under_permutations(masks: set, n: int) -> set:
    pts = _points(n)  # (2^n, n)
    arr = np.array(sorted(masks), dtype=np.uint64)  # (K,)
    shifts = np.arange(1 << n, dtype=np.uint64)  # (2^n,)
    bits = (arr[:, None] >> shifts[None, :]) & np.uint64(1)  # (K, 2^n)
    out: set[int] = set()
    pow2 = (1 << np.arange(n, dtype=np.int64))  # (n,)
    for perm in itertools.permutations(range(n)):
        # g(x) = f(x_perm): input index whose bit j is x_{perm[j]}
        src = (pts[:, list(perm)] * pow2[None, :]).sum(axis=1)  # (2^n,)
        out.update(int(x) for x in np.unique(_masks_of(bits[:, src].astype(bool))))
    return out


def _relevant_variables(mask: int, n: int) -> int:
    count = 0
    size = 1 << n
    for j in range(n):
        step = 1 << j
        if any(((mask >> i) & 1) != ((mask >> (i ^ step)) & 1) for i in range(size)):
            count += 1
    return count


def threshold_count(n: int, progress: Callable[[int, int], None] | None = None) -> int:
    """T(n): the exact number of threshold Boolean functions of ``n`` variables, by enumeration.

    See the module docstring for the algorithm, its cost and its certification.

    ``T(0) = 2``: {±1}^0 has one point, and both functions on it — the constants, ``sign(b)``
    for ``b = ±1`` — are threshold functions. This is OEIS A000609's a(0) = 2 and the value of
    Cover's count ``C(2^0, 0 + 1) = C(1, 1) = 2``; it is also what the enumeration below gives
    (one empty weight vector, thresholds 0 and 1).

    Parameters
    ----------
    n : int
        0 <= n <= 6.
    progress : callable, optional
        ``progress(done, total)`` is called after each chunk of weight vectors.

    References
    ----------
    Muroga, Toda & Takasu (1961) for the weight bound; OEIS A000609 lists T(n), from a(0) = 2.

    Examples
    --------
    >>> [threshold_count(k) for k in range(0, 4)]
    [2, 4, 14, 104]
    """
    masks = positive_threshold_masks(n, progress)
    return sum(1 << _relevant_variables(f, n) for f in masks)


def threshold_upper_bound(n: int) -> int:
    """T(n) ≤ C(2^n, n+1) (Cover's count with affine separators; exact for n ≤ 2).

    The 2^n cube vertices are not in general position for n ≥ 3, so the bound is strict there;
    it is exact for n ≤ 2 (``T(0) = 2``: the two constants).
    Asymptotically log2 T(n) ~ n^2 (Zuev 1989), reported as an order only.

    References
    ----------
    T. M. Cover, IEEE Trans. Electronic Computers EC-14(3), 1965, Theorem 1; Yu. A. Zuev,
    "Asymptotics of the logarithm of the number of threshold functions of the algebra of logic",
    Soviet Math. Doklady 39, 1989 (the order n^2).

    Examples
    --------
    >>> [threshold_upper_bound(k) for k in (0, 1, 2, 3)]
    [2, 4, 14, 128]
    """
    _check_nonneg_int("n", n, 0)
    return cover_count(1 << n, n + 1)
