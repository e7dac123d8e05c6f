"""Universal XOR systems: the shipped systems, the exhaustive proof that they are universal, and
the decoder that finds a subset's thresholds.

A *universal XOR system* on ``m`` bits is a list of integer vectors ``a_1..a_c`` such that every
subset ``P`` of ``{0,1}^m`` is ``⊕_j {i : a_j·i < T_j}`` for some integers ``T_j`` (``a_j·i``
over the 0/1 bits of ``i``). Each ``a_j`` offers a *chain* of prefix sets, one per useful
threshold (its distinct values and one more); a subset is written as a bit mask, bit ``i`` for
point ``i``. ``xorsys`` (:mod:`constructions.builders.xorsys`) builds its gates from them.

Proof of universality (:func:`prove_universal`): the sumset of the chains is computed exactly,
as a sparse set while it is small and then as a bitmap over all ``2^(2^m)`` subsets, where
adding a chain is the union of ``XOR``-shifted copies of the bitmap (``S ⊕ P`` for every prefix
``P``; consecutive prefixes differ in the points of one value, so each copy is the previous one
with an index bit flipped per point). The system is universal iff the final bitmap is full. For
``m ≤ 4`` the enumeration :func:`decode_table` is a second, independent proof (it records
thresholds for every subset); both accept the shipped systems, and :func:`prove_universal`
matches brute-force enumeration on random systems, universal or not (tests). The systems of
``m = 6..13`` bits are composed over the algebraic normal form of the top ``m − 5`` bits: the
five-bit system and one *level system* per number ``k`` of top bits (:data:`LEVEL_SYSTEMS`;
``k = 1`` the window system, :data:`WINDOW_SYSTEM_5`), each proved on all ``2^32`` subsets of
the base by the same sweep (:func:`prove_level_universal`); docs/constructions.md, "m ≥ 6 by
composition", proves that the composition is universal. :func:`decode_sets` finds the
thresholds level by level.

References
----------
Derived in memcap (docs/constructions.md, "xorsys");
the systems were found by random search for this module.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass

import numpy as np

from capacity import solvers
from capacity.errors import UsageError
from capacity.options import is_integer

__all__ = ["BASE_BITS", "BIG_JOIN_MASKS", "LEVEL_SYSTEMS", "MAX_PROOF_POINTS",
           "MAX_SYSTEM_BITS", "WINDOW_SYSTEM_5", "XOR_SYSTEMS", "UniversalityProof", "chain",
           "combine", "combine_sets", "decode", "decode_sets", "decode_table", "form_values",
           "level_masks", "level_steps", "prove_level_universal",
           "prove_universal", "thresholds", "window_masks", "window_steps"]

#: Universal XOR systems: ``m -> (a_1, ..., a_c)``; each is proved universal by exhaustion
#: (``m ≤ 4``: :func:`decode_table` and :func:`prove_universal`; ``m = 5``:
#: :func:`prove_universal`, 30–70 s and 1.6 GiB; tests/constructions/test_xor_systems.py).
XOR_SYSTEMS: dict[int, tuple[tuple[int, ...], ...]] = {
    0: ((),),
    1: ((1,), (1,)),
    2: ((3, 1), (0, -2), (-2, -4)),
    3: ((0, 1, 4), (2, 1, 0), (1, 4, -2), (3, 2, -4)),
    4: ((2, 5, -4, 0), (2, -2, 1, 6), (3, -2, -6, -4), (-3, 5, -3, 4), (-3, 2, 0, 6),
        (1, 6, 6, 3)),
    5: ((-6, -13, 47, 2, -10), (20, 10, -31, -3, -37), (29, -25, 27, 19, -34),
        (55, 31, -21, 46, -14), (-12, -45, 14, 52, -37), (-3, -36, -30, 42, 11),
        (-40, 47, 56, 57, 15), (-42, 26, -56, 52, -32)),
}

#: A *window-universal* system on 5 bits: every subset of ``{0,1}^5`` is the XOR of one window
#: ``{i : T − β ≤ a·i < T}`` of each ``(a, β)`` — proved by :func:`prove_universal` with
#: ``widths`` (all 2^32 subsets, 40 s and 1.6 GiB; found by a local search on sampled coverage
#: and a completing seventh family, 2026-12-03). Counting needs six (65^5 < 2^32).
WINDOW_SYSTEM_5: tuple[tuple[tuple[int, ...], int], ...] = (
    ((25, 35, -16, 1, 21), 33), ((-19, -25, 40, 10, -20), 27), ((6, -24, 10, -55, -44), 88),
    ((-29, -35, -10, 58, 36), 43), ((46, -53, -49, 16, -52), 67), ((59, 24, -42, -31, -56), 47),
    ((15, -2, 16, 12, 8), 13))

#: Bits of the base of the composed systems (m ≥ 6): every level of the composition is decoded
#: on a subset of ``{0,1}^BASE_BITS``, the size :func:`prove_universal` can exhaust.
BASE_BITS = 5

#: Level systems of the composition (docs/constructions.md, "m ≥ 6 by composition"): ``k ->``
#: forms ``(a, b)``, ``a`` on the five base bits and ``b ≠ 0`` on the level's ``k`` top bits,
#: such that every subset of ``{0,1}^5`` is the XOR of one *top image* of each form
#: (:func:`level_steps`). ``k = 1``: the window system (the top image of ``(a, (β,))`` at cut
#: ``T`` is the window ``{x : T − β ≤ a·x < T}``; proved by :func:`prove_universal` with
#: ``widths``); ``k = 2..8`` found by random search and proved by :func:`prove_level_universal`
#: (the slow tests).
LEVEL_SYSTEMS: dict[int, tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]] = {
    1: tuple((a, (beta,)) for a, beta in WINDOW_SYSTEM_5),
    # k = 2: six forms (counting needs five: 128^4 < 2^32), 112–128 distinct top images each;
    # proved universal by prove_level_universal (all 2^32 subsets, 2026-12-03, 438 s; the
    # search script's own sweep agreed)
    2: (((-54, -43, 5, 39, -52), (109, 121)), ((40, -22, -53, 33, 39), (74, 27)),
        ((-46, 58, 30, 56, -49), (116, 47)), ((-53, -5, 17, 33, 43), (35, 95)),
        ((-43, 39, 54, -30, -23), (139, 68)), ((-43, -15, 31, -22, -57), (110, 119))),
    # k = 3: five forms (counting needs four: 256^3 < 2^32), 222–235 top images each; proved
    # universal the same way (2026-12-03, 799 s under load)
    3: (((-39, 47, 48, -31, 60), (150, 160, 114)), ((-33, 37, 41, 56, -5), (270, 194, 165)),
        ((-21, -54, 56, 31, 14), (117, 141, 210)), ((-60, 18, 32, 35, -44), (279, 302, 234)),
        ((25, -31, 46, -42, 51), (125, 118, 182))),
    # k = 4: five forms (counting needs four, 512^3 < 2^32; random four-form systems reached
    # 89–92 % of sampled subsets), 440–450 top images each; proved universal (2026-12-03,
    # 407 s)
    4: (((-30, 40, 39, -47, 12), (209, 275, 347, 234)),
        ((36, -52, 14, -45, 60), (237, 270, 226, 385)),
        ((-22, 56, -50, -40, 60), (97, 178, 376, 249)),
        ((44, 32, 57, 54, 14), (228, 444, 319, 191)),
        ((-57, -32, 46, -4, -31), (370, 238, 148, 214))),
    # k = 5: four forms (the counting floor: 1024^3 < 2^32), coefficients up to ±1 000 so that
    # few values collide (829–960 top images of at most 1 024); proved universal (2026-12-03,
    # 428 s)
    5: (((860, -261, 466, 938, 147), (929, 589, 178, 464, 609)),
        ((-619, 323, -80, -42, -277), (973, 171, 995, 222, 804)),
        ((-392, 410, -184, 886, -585), (665, 91, 134, 521, 498)),
        ((-324, 805, -879, -46, 796), (431, 140, 789, 964, 984))),
    # k = 6: four forms (counting needs three: 2048^2 < 2^32; until 2026-12-03 the seven
    # lifted windows of docs/constructions.md served here and at k = 7),
    # coefficients up to ±1 000, 1 683–1 828 top images of at most 2 048; the four with the
    # most top images among 40 random forms (seed 1), proved universal at the first try
    # (2026-12-03, 741 s, 1.7 GiB)
    6: (((-41, -837, -560, 711, 335), (862, 841, 877, 311, 472, 618)),
        ((51, 822, -702, -825, 930), (491, 402, 731, 296, 638, 847)),
        ((-707, -487, -378, -854, 796), (258, 922, 764, 173, 698, 774)),
        ((-226, -476, -533, 698, -571), (606, 238, 807, 718, 631, 426))),
    # k = 7: four forms (counting needs three: 4096^2 < 2^32), 2 681–2 802 top images of
    # at most 4 096; found the same way (seed 2), proved universal (2026-12-03, 1 316 s, 1.9 GiB)
    7: (((961, 807, 855, 734, -512), (794, 251, 53, 771, 977, 812, 615)),
        ((499, -135, 358, 339, 891), (423, 220, 634, 935, 968, 868, 684)),
        ((-240, -217, -921, -626, -334), (346, 580, 512, 693, 892, 878, 776)),
        ((841, -620, -532, -53, -48), (182, 933, 800, 665, 615, 922, 284))),
    # k = 8: four forms (counting needs three: 8192^2 < 2^32), 3 766–4 143 top images of at
    # most 8 192; found the same way (seed 3), proved universal (2026-12-03, 1 991 s, 2.2 GiB)
    8: (((931, 871, 416, -946, -573), (749, 545, 945, 706, 820, 52, 296, 680)),
        ((-47, -589, -499, 702, 178), (169, 887, 965, 969, 624, 976, 607, 501)),
        ((538, 964, 372, -626, 122), (462, 664, 837, 877, 805, 684, 455, 548)),
        ((-415, 878, -998, -847, 947), (944, 299, 140, 314, 44, 892, 663, 586))),
}

#: Largest ``m`` of :data:`XOR_SYSTEMS` (composed from levels ``k ≤ MAX_SYSTEM_BITS − 5``).
MAX_SYSTEM_BITS = 13


def _level_sets(m: int) -> tuple[tuple[int, ...], ...]:
    """The levels ``S`` of the composed system on ``m`` bits: every subset of the ``m − 5``
    top bits (positions ``0..m−6`` above the base), by size, then lexicographically."""
    s = m - BASE_BITS
    return tuple(c for size in range(s + 1) for c in itertools.combinations(range(s), size))


def _placed(a: tuple[int, ...], b: tuple[int, ...], level: tuple[int, ...], m: int
            ) -> tuple[int, ...]:
    """The form on ``m`` bits: ``a`` on the base bits, ``b[i]`` on top bit ``level[i]``."""
    full = [*a] + [0] * (m - BASE_BITS)
    for bit, coef in zip(level, b, strict=True):
        full[BASE_BITS + bit] = coef
    return tuple(full)


def _level_forms(k: int) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
    """Level ``k``'s forms; ``k = 0`` is the five-bit system (prefixes, no top bit)."""
    return tuple((a, ()) for a in XOR_SYSTEMS[BASE_BITS]) if k == 0 else LEVEL_SYSTEMS[k]


#: Largest number of points ``2^m`` that :func:`prove_universal` accepts: its bitmap has
#: ``2^(2^m)`` bits (512 MiB at ``m = 5``).
MAX_PROOF_POINTS = 32

#: Masks of the bits whose index has bit ``p`` clear, inside one 64-bit word (``p < 6``).
_LOW_MASKS = (0x5555555555555555, 0x3333333333333333, 0x0F0F0F0F0F0F0F0F,
              0x00FF00FF00FF00FF, 0x0000FFFF0000FFFF, 0x00000000FFFFFFFF)


def form_values(a: tuple[int, ...]) -> np.ndarray:
    """``a·i`` for every ``i`` in ``0..2^m − 1`` (bit ``t`` of ``i`` times ``a[t]``).

    Examples
    --------
    >>> form_values((3, 1)).tolist()
    [0, 3, 1, 4]
    """
    m = len(a)
    bits = (np.arange(1 << m)[:, None] >> np.arange(m)) & 1  # (2^m, m)
    return bits @ np.array(a, dtype=np.int64).reshape(m) if m else np.zeros(1, dtype=np.int64)


def thresholds(a: tuple[int, ...]) -> np.ndarray:
    """The useful thresholds of ``a``: its distinct values, then the maximum + 1.

    Examples
    --------
    >>> thresholds((3, 1)).tolist()
    [0, 1, 3, 4, 5]
    """
    vals = np.unique(form_values(a))
    return np.concatenate([vals, vals[-1:] + 1])


def chain(a: tuple[int, ...]) -> np.ndarray:
    """Bit masks of the prefix sets ``{i : a·i < T}``, one per threshold of :func:`thresholds`.

    Examples
    --------
    >>> chain((3, 1)).tolist()  # {}, {0}, {0, 2}, {0, 1, 2}, all four
    [0, 1, 5, 7, 15]

    A form of more than six bits has more than 64 points, no 64-bit mask:
    ``UsageError`` (:func:`combine_sets` takes its sets as bool vectors).
    """
    _check_mask_bits(len(a))
    v = form_values(a)
    weights = np.int64(1) << np.arange(v.size, dtype=np.int64)
    return np.array([int(weights[v < t].sum()) for t in thresholds(a)], dtype=np.int64)


#: m ≥ 6, by composition (docs/constructions.md, "xorsys"): for every level ``S`` (a set of top
#: bits, by size) the forms of ``LEVEL_SYSTEMS[|S|]`` placed on the base and on ``S``; the
#: level ``S = ∅`` is the five-bit system with zero top coefficients. At m = 6: the five-bit
#: forms with top coefficient 0 (every (X, X)), then the window forms with the width as the top
#: coefficient (halves cut at T and T − β: their XOR is a window).
for _m in range(BASE_BITS + 1, MAX_SYSTEM_BITS + 1):
    XOR_SYSTEMS[_m] = tuple(_placed(a, b, level, _m) for level in _level_sets(_m)
                            for a, b in _level_forms(len(level)))

if tuple(len(XOR_SYSTEMS[m]) for m in sorted(XOR_SYSTEMS)) != solvers.XOR_SYSTEM_SIZES:
    raise RuntimeError("XOR_SYSTEMS and capacity.solvers.XOR_SYSTEM_SIZES disagree")


def _check_mask_bits(m: int) -> None:
    """Refuse a subset of more than 64 points as a 64-bit mask: numpy's int64 shifts by 64 or
    more wrapped, so combine(7, ·) lost points 64..127 silently (2026-12-07 audit)."""
    if m > 6:
        raise UsageError(f"a subset of 2^{m} points is no 64-bit mask: combine_sets and "
                         f"decode_sets take it as a bool vector")


def _check_system(m: int) -> tuple[tuple[int, ...], ...]:
    if m not in XOR_SYSTEMS:
        raise UsageError(f"memcap has universal XOR systems for m = 0..{max(XOR_SYSTEMS)}, "
                         f"not m = {m}")
    return XOR_SYSTEMS[m]


@functools.cache
def _halves(m: int) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """The chains of memcap's system on ``m`` bits, split into the two halves that the
    meet-in-the-middle enumerations join (the first ``c // 2`` forms, the rest)."""
    chains = [chain(a) for a in _check_system(m)]
    for c in chains:
        c.flags.writeable = False
    half = len(chains) // 2
    return tuple(chains[:half]), tuple(chains[half:])


def combine(m: int, indices: np.ndarray) -> np.ndarray:
    """The subset masks ``⊕_j chain_j[t_j]`` selected by threshold indices ``(…, c_m)``, the
    inverse of :func:`decode`.

    Parameters
    ----------
    m : int
        Bits of the XOR system (one of :data:`XOR_SYSTEMS`, else ``UsageError``), at most 6:
        a larger system's subsets are no 64-bit masks (``UsageError`` naming
        :func:`combine_sets`).
    indices : array_like of int, shape (..., c_m)
        One threshold index per chain of the system, on the last axis.

    Returns
    -------
    numpy.ndarray of int64, shape (...)
        The subset masks.

    Examples
    --------
    >>> combine(2, np.array([[1, 0, 0], [4, 2, 4]])).tolist()  # {0}; all four, three times
    [1, 15]
    """
    _check_system(m)
    _check_mask_bits(m)
    left, right = _halves(m)
    indices = np.asarray(indices)
    masks = np.zeros(indices.shape[:-1], dtype=np.int64)
    for j, c in enumerate(left + right):
        masks ^= c[indices[..., j]]
    return masks


def _combos(chains: list[np.ndarray]) -> np.ndarray:
    """The XOR of one prefix per chain, for every combination in lexicographic order (the
    position of a combination is its mixed-radix index)."""
    masks = np.zeros(1, dtype=chains[0].dtype if chains else np.int64)
    for c in chains:
        masks = (masks[:, None] ^ c[None, :]).ravel()
    return masks


def _unravel(index: np.ndarray, chains: list[np.ndarray]) -> np.ndarray:
    """Per-chain prefix indices of the mixed-radix combination indices ``index``."""
    if not chains:  # the empty half of a one-form system
        return np.zeros((*index.shape, 0), dtype=np.int64)
    return np.stack(np.unravel_index(index, [len(c) for c in chains]), axis=-1).reshape(
        *index.shape, len(chains))


@functools.cache
def decode_table(m: int) -> np.ndarray:
    """For every subset mask ``P`` of ``{0,1}^m`` (``m ≤ 4``): threshold indices
    ``(t_1..t_c)`` with ``P = ⊕_j chain_j[t_j]``; raises if some subset has none (the system is
    not universal), so building the table proves universality.

    Examples
    --------
    >>> decode_table(2).shape
    (16, 3)
    """
    _check_system(m)
    if m > 4:
        raise UsageError(f"decode_table enumerates all 2^(2^m) subsets; m = {m} is too large "
                         f"(use decode)")
    left, right = (list(h) for h in _halves(m))
    lm, rm = _combos(left), _combos(right)
    table = np.full(1 << (1 << m), -1, dtype=np.int64)
    step = max(1, (1 << 22) // rm.size)
    for s in range(0, lm.size, step):
        xor = (lm[s:s + step, None] ^ rm[None, :]).ravel()  # (chunk * |right|,)
        table[xor] = np.arange(s * rm.size, s * rm.size + xor.size)  # any hit is a valid pair
    if (table < 0).any():
        raise RuntimeError(f"the XOR system for m = {m} is not universal")
    li, ri = np.divmod(table, rm.size)
    out = np.concatenate([_unravel(li, left), _unravel(ri, right)], axis=1)
    out.flags.writeable = False  # cached: shared by every caller
    return out


@dataclass(frozen=True)
class UniversalityProof:
    """The exhaustive count behind :func:`prove_universal`.

    Attributes
    ----------
    points : int
        ``2^m``, the points a subset is taken from.
    forms : int
        ``c``, the number of forms (chains).
    reachable : int
        Subsets that are the XOR of one prefix per form (of ``2^(2^m)``).
    unreachable_examples : tuple of int
        Up to 16 subset masks that are not, smallest first (empty iff universal).

    Examples
    --------
    >>> proof = prove_universal([(1, 2), (2, 1)])   # two forms on two bits
    >>> proof.points, proof.forms, proof.reachable, proof.universal   # 13 of the 16 subsets
    (4, 2, 13, False)
    >>> prove_universal(XOR_SYSTEMS[3]).unreachable_examples   # universal: none missed
    ()
    """

    points: int
    forms: int
    reachable: int
    unreachable_examples: tuple[int, ...]

    @property
    def universal(self) -> bool:
        """Whether every subset is reachable."""
        return self.reachable == 1 << self.points


def _flip(words: np.ndarray, p: int, spare: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The bitmap ``t ↦ words[t ^ 2^p]`` (bit ``t`` of the whole array) and the array left free.

    ``p < 6`` swaps bit groups inside each word in place (a delta swap with ``spare`` as
    scratch); ``p ≥ 6`` swaps blocks of words into ``spare``.
    """
    if p < 6:
        s, mask = np.uint64(1 << p), np.uint64(_LOW_MASKS[p])
        np.right_shift(words, s, out=spare)  # t = ((w >> s) ^ w) & mask; w ^= t ^ (t << s)
        np.bitwise_xor(spare, words, out=spare)
        np.bitwise_and(spare, mask, out=spare)
        np.bitwise_xor(words, spare, out=words)
        np.left_shift(spare, s, out=spare)
        np.bitwise_xor(words, spare, out=words)
        return words, spare
    w3, o3 = words.reshape(-1, 2, 1 << (p - 6)), spare.reshape(-1, 2, 1 << (p - 6))
    o3[:, 0, :] = w3[:, 1, :]
    o3[:, 1, :] = w3[:, 0, :]
    return spare, words


def window_steps(a: tuple[int, ...], width: int | None = None) -> list[np.ndarray]:
    """The points that change between consecutive sets of the family of ``a``, from ∅.

    ``width`` None: the prefixes ``{i : a·i < T}`` in order of ``T`` (each step adds the points
    of one value). ``width = β ≥ 1``: the *windows* ``{i : T − β ≤ a·i < T}`` (each step adds
    the points of value ``T`` and drops those of value ``T − β``; the family starts and ends at
    ∅). The family's sets are the running XORs of the steps (:func:`window_masks`).

    Parameters
    ----------
    a : tuple of int
        Coefficients of the form ``a·i``.
    width : int or None, default None
        Window width β; None gives the prefixes. Anything but a positive int (a bool too) raises
        ``UsageError``.

    Returns
    -------
    list of numpy.ndarray
        The points (indices ``i``) that change at each step.

    Examples
    --------
    >>> [s.tolist() for s in window_steps((3, 1))]       # values 0, 3, 1, 4
    [[0], [2], [1], [3]]
    >>> [s.tolist() for s in window_steps((3, 1), 2)]    # windows of two consecutive values
    [[0], [2], [0], [1, 2], [3], [1], [3]]
    """
    v = form_values(a)
    if width is None:
        return [np.flatnonzero(v == value) for value in np.unique(v)]
    if not is_integer(width) or width < 1:  # np.int64(1) was refused (2026-12-07 review)
        raise UsageError(f"a window width is a positive integer, got {width!r}")
    width = int(width)
    steps = []
    for t in range(int(v.min()), int(v.max()) + width + 1):  # W(t) → W(t + 1)
        step = np.concatenate([np.flatnonzero(v == t), np.flatnonzero(v == t - width)])
        if step.size:
            steps.append(step)
    return steps


def window_masks(a: tuple[int, ...], width: int | None = None) -> np.ndarray:
    """Bit masks of the family of :func:`window_steps` (∅ first; prefixes: :func:`chain`).

    Parameters
    ----------
    a : tuple of int
        Coefficients of the form ``a·i``.
    width : int or None, default None
        Window width β (a positive integer); None gives the prefix family.

    Returns
    -------
    numpy.ndarray of int64
        The family's subset masks, one more than :func:`window_steps` has steps.

    Examples
    --------
    >>> window_masks((3, 1)).tolist() == chain((3, 1)).tolist()
    True
    >>> window_masks((3, 1), 2).tolist()   # ∅, {0}, {0, 2}, {2}, {1}, {1, 3}, {3}, ∅
    [0, 1, 5, 4, 2, 10, 8, 0]
    >>> int(window_masks((1, 2, 4, 8, 16, 32))[-1]), int(chain((1, 2, 4, 8, 16, 32))[-1])
    (-1, -1)

    Like :func:`chain`'s, the masks are int64 bit patterns, so a set containing point 63 of a
    six-bit form is negative, and a form of more than six bits is refused.
    """
    _check_mask_bits(len(a))
    masks, mask = [0], 0
    for step in window_steps(a, width):
        for i in step.tolist():
            mask ^= 1 << i
        masks.append(mask - (1 << 64) if mask >> 63 else mask)
    return np.array(masks, dtype=np.int64)


def prove_universal(forms: tuple[tuple[int, ...], ...] | list[tuple[int, ...]], *,
                    sparse_limit: int = 1 << 22,
                    widths: tuple[int | None, ...] | None = None) -> UniversalityProof:
    """Count exactly the subsets of ``{0,1}^m`` that are XORs of one prefix of each form (or,
    with ``widths``, of one set of each form's family: :func:`window_steps`).

    The sumset ``S_k = S_{k−1} ⊕ chain_k`` is kept as a sorted set while the next step has at
    most ``sparse_limit`` combinations and then as a bitmap of ``2^(2^m)`` bits, where
    ``S ⊕ chain = ⋃_P (S ⊕ P)``: the prefixes of a form are visited in order, each is the
    previous one plus the points of one value, and ``S ⊕ (P ∪ {i}) = (S ⊕ P)`` with index bit
    ``i`` flipped, so every copy costs a few passes over the bitmap. At ``m = 5`` (2^32
    subsets) this takes 30–70 s and 1.6 GiB (three bitmaps of 512 MiB).

    Parameters
    ----------
    forms : sequence of tuple of int
        The integer vectors ``a_1..a_c``, all of length ``m ≤ 5``.
    sparse_limit : int
        Largest ``|S_{k−1}| · |chain_k|`` computed as a sorted set (0: the bitmap from the
        start); the count does not depend on it.
    widths : sequence of int or None, optional
        Per form: None for its prefixes, ``β ≥ 1`` for its windows of width ``β``.

    Returns
    -------
    UniversalityProof
        ``universal`` is True iff every subset is reachable.

    Examples
    --------
    >>> prove_universal(XOR_SYSTEMS[3]).universal
    True
    >>> proof = prove_universal([(1, 2), (2, 1)])  # two forms on two bits miss 3 subsets
    >>> proof.reachable, proof.unreachable_examples
    (13, (9, 11, 13))
    >>> prove_universal([(1, 2), (2, 1)], widths=(2, 1)).reachable   # windows: 15 of 16
    15

    References
    ----------
    Derived in memcap (module docstring).
    """
    forms = [tuple(int(v) for v in a) for a in forms]
    if not forms or len({len(a) for a in forms}) != 1:
        raise UsageError("give at least one form, all of the same length m")
    m = len(forms[0])
    points = 1 << m
    if points > MAX_PROOF_POINTS:
        raise UsageError(f"a bitmap over the 2^(2^m) subsets is proved for m ≤ 5, got m = {m}")
    widths = (None,) * len(forms) if widths is None else tuple(widths)
    if len(widths) != len(forms):
        raise UsageError(f"give one width (or None) per form: {len(forms)} forms, "
                         f"{len(widths)} widths")
    return _count_sumset(m, [window_masks(a, w) for a, w in zip(forms, widths, strict=True)],
                         [window_steps(a, w) for a, w in zip(forms, widths, strict=True)],
                         sparse_limit)


def _count_sumset(m: int, families: list[np.ndarray], steps: list[list[np.ndarray]],
                  sparse_limit: int) -> UniversalityProof:
    """The exact count of :func:`prove_universal`: ``families[j]`` are form ``j``'s sets (masks
    over ``2^m`` points, ∅ first) and ``steps[j]`` the points that change between consecutive
    ones."""
    points = 1 << m
    sparse = np.zeros(1, dtype=np.int64)
    k = 0
    while k < len(families) and sparse.size * len(families[k]) <= sparse_limit:
        sparse = np.unique((sparse[:, None] ^ families[k][None, :]).ravel())
        k += 1
    n_words = max(1, (1 << points) >> 6)
    words = np.zeros(n_words, dtype=np.uint64)
    np.bitwise_or.at(words, sparse >> 6, np.uint64(1) << (sparse & 63).astype(np.uint64))
    if k < len(families):
        cur, buf = np.empty_like(words), np.empty_like(words)
        for form_steps in steps[k:]:
            np.copyto(cur, words)  # S ⊕ ∅; the union accumulates in words itself
            for step in form_steps:  # the family in order, a step's points at once
                for i in step.tolist():
                    cur, buf = _flip(cur, int(i), buf)
                np.bitwise_or(words, cur, out=words)
        del cur, buf
    if points < 6:
        words &= np.uint64((1 << (1 << points)) - 1)  # bits past the last subset are unused
    reachable = int(np.bitwise_count(words).sum(dtype=np.int64))
    examples: list[int] = []
    for w in np.flatnonzero(words != np.uint64((1 << min(64, 1 << points)) - 1))[:16]:
        missing = ~int(words[w]) & ((1 << min(64, 1 << points)) - 1)
        examples += [int(w) * 64 + b for b in range(64) if missing >> b & 1]
    return UniversalityProof(points, len(families), reachable, tuple(examples[:16]))


#: Distinct masks above which :func:`decode` joins three chains against five (tables of 3.6 s
#: and 190 MiB, 5 µs a mask) instead of four against four (0.4 s and 20 MiB, 70 µs a mask).
BIG_JOIN_MASKS = 1 << 16


def _sorted_distinct(sums: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of ``sums`` (< 2^32), sorted, with the first position of each."""
    key = (sums.astype(np.uint64) << np.uint64(32)) | np.arange(sums.size, dtype=np.uint64)
    key.sort()
    values = (key >> np.uint64(32)).astype(np.uint32)
    first = np.ones(values.size, dtype=bool)
    np.not_equal(values[1:], values[:-1], out=first[1:])
    return values[first], (key[first] & np.uint64(0xFFFFFFFF)).astype(np.int64)


@functools.lru_cache(maxsize=2)
def _join_tables(m: int, left_count: int) -> tuple[np.ndarray, ...]:
    """The meet-in-the-middle tables of :func:`decode` for ``m = 5``, the first ``left_count``
    chains against the rest (:func:`_make_join_tables`)."""
    chains = [c.astype(np.uint32) for c in sum(_halves(m), ())]
    return _make_join_tables(chains[:left_count], chains[left_count:])


#: A prime larger than any left side: combination ``(i·_STRIDE) mod L`` is the ``i``-th tried
#: on a lazy left side (a bijection of ``0..L−1`` while ``L`` is not a multiple of it).
_STRIDE = 1_000_000_007


def _make_join_tables(left: list[np.ndarray], right: list[np.ndarray], *,
                      plain_left: bool = False, lazy_left: bool = False) -> tuple:
    """Meet-in-the-middle tables of 32-bit families: the left sums (distinct, in a fixed
    pseudo-random order; with ``plain_left`` every combination in its mixed-radix order, which
    skips sorting a large left side; with ``lazy_left`` not stored at all: the left families,
    whose combinations :func:`_meet` generates in the order ``(i·_STRIDE) mod L``) and the right
    sums (distinct, sorted), each with its combination index, and a filter: bit
    ``s >> (32 − b)`` of ``occupied`` (little-endian bit order) is set iff some right sum shares
    the top ``b`` bits of ``s`` (b = 24 for four right chains, 1.3 % set; 28 for five)."""
    if lazy_left:
        left_sums, left_index = tuple(left), None
    elif plain_left:  # a left sum's combination index is its position (None below)
        left_sums, left_index = _combos(left), None
    else:
        left_sums, left_index = _sorted_distinct(_combos(left))
        order = np.random.default_rng(0).permutation(left_sums.size)
        left_sums, left_index = left_sums[order], left_index[order]
    right_sums, right_index = _sorted_distinct(_combos(right))
    bits = min(30, 24 + max(0, round(float(np.log2(right_sums.size / 2**20)))))
    occupied = np.zeros(1 << bits, dtype=bool)
    occupied[right_sums >> (32 - bits)] = True
    tables = (left_sums, left_index, right_sums, right_index,
              np.packbits(occupied, bitorder="little"), np.uint32(32 - bits))
    for t in tables[:-1]:
        if isinstance(t, np.ndarray):
            t.flags.writeable = False  # cached: shared by every caller
    return tables


def _left_chunk(left_sums, left_index, pos: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Left sums ``pos..pos+k−1`` of :func:`_make_join_tables`' tables and their combination
    indices (generated for a lazy left side)."""
    if isinstance(left_sums, tuple):  # lazy: the families themselves
        sizes = [f.size for f in left_sums]
        index = (np.arange(pos, pos + k, dtype=np.int64) * _STRIDE) % math.prod(sizes)
        sums = np.zeros(k, dtype=np.uint32)
        for fam, digit in zip(left_sums, np.unravel_index(index, sizes), strict=True):
            sums ^= fam[digit]
        return sums, index
    index = np.arange(pos, pos + k) if left_index is None else left_index[pos:pos + k]
    return left_sums[pos:pos + k], index


def _decode_join(m: int, masks: np.ndarray) -> np.ndarray:
    """Threshold indices for the distinct subset masks ``masks`` by meet in the middle: for
    each mask ``P`` try left sums ``L`` (a fixed pseudo-random order) until ``P ⊕ L`` is a
    right sum. Universality (proved) guarantees that the loop ends. With four chains a side
    (m = 5) a mask has about 139 representations on average (770 530 × 777 048 distinct sums
    over 2^32 masks), so the first hit comes after a median 5 500 tries (mean 7 800); with three
    against five (above :data:`BIG_JOIN_MASKS` masks) after about 230."""
    chains = list(sum(_halves(m), ()))
    left_count = len(chains) // 2 - (masks.size > BIG_JOIN_MASKS)
    found_left, found_right = _meet(masks, _join_tables(m, left_count),
                                    f"the XOR system for m = {m}")
    return np.concatenate([_unravel(found_left, chains[:left_count]),
                           _unravel(found_right, chains[left_count:])], axis=1)


def _meet(masks: np.ndarray, tables: tuple[np.ndarray, ...], what: str
          ) -> tuple[np.ndarray, np.ndarray]:
    """The left and right combination indices of each distinct 32-bit mask by meet in the
    middle over ``tables`` (:func:`_make_join_tables`); raises naming ``what`` if a mask has
    none (the system would not be universal)."""
    left_sums, left_index, right_sums, right_index, occupied, shift = tables
    masks = masks.astype(np.uint32)
    found_left = np.full(masks.size, -1, dtype=np.int64)
    found_right = np.full(masks.size, -1, dtype=np.int64)
    live = np.arange(masks.size)
    total = (math.prod(f.size for f in left_sums) if isinstance(left_sums, tuple)
             else left_sums.size)
    pos, chunk = 0, 256  # left sums tried a mask this round: doubling, so few masks stop early
    while live.size and pos < total:
        k = max(1, min((1 << 21) // live.size, chunk, total - pos))
        chunk *= 2
        sums, index = _left_chunk(left_sums, left_index, pos, k)
        x = (masks[live][:, None] ^ sums[None, :]).ravel()  # (live * k,)
        top = x >> shift
        maybe = np.flatnonzero((occupied[top >> 3] >> (top & 7).astype(np.uint8)) & 1)
        j = np.minimum(np.searchsorted(right_sums, x[maybe]), right_sums.size - 1)
        hit = right_sums[j] == x[maybe]
        rows, cols = np.divmod(maybe[hit], k)
        first = np.unique(rows, return_index=True)[1]  # each mask's first hit
        rows, cols, j = rows[first], cols[first], j[hit][first]
        found_left[live[rows]] = index[cols]
        found_right[live[rows]] = right_index[j]
        live = np.delete(live, rows)
        pos += k
    if live.size:
        raise RuntimeError(f"{what} does not reach subset {int(masks[live[0]]):#x}; it is not "
                           "universal")
    return found_left, found_right


def level_steps(a: tuple[int, ...], b: tuple[int, ...]) -> list[np.ndarray]:
    """The base points whose *top image* toggles at each threshold step of the level form
    ``(a, b)``, from ∅.

    The form is ``a·x + b·z`` on a base point ``x ∈ {0,1}^5`` (or any length of ``a``) and the
    level's top bits ``z ∈ {0,1}^k``; its top image at cut ``T`` is
    ``{x : #{z : a·x + b·z < T} odd}``, the coefficient of ``z_1⋯z_k`` in the prefix's algebraic
    normal form over ``z`` (docs/constructions.md, "m ≥ 6 by composition"). Raising ``T`` past
    a value ``v`` toggles every ``x`` with an odd number of ``z`` at ``a·x + b·z = v``. With
    ``b = ()`` these are the prefix steps of :func:`window_steps`.

    Parameters
    ----------
    a : tuple of int
        Coefficients on the base bits.
    b : tuple of int
        Coefficients on the level's top bits.

    Returns
    -------
    list of numpy.ndarray
        The base points toggled at each step (one step per distinct value of the form).

    Examples
    --------
    >>> [s.tolist() for s in level_steps((3, 1), (2,))]   # the windows of width 2 of (3, 1)
    [[0], [2], [0], [1, 2], [3], [1], [3]]
    """
    va = form_values(a)
    vb = form_values(b) if b else np.zeros(1, dtype=np.int64)
    v = (va[:, None] + vb[None, :]).ravel()  # (2^|a| · 2^k,), x-major
    x_of = np.repeat(np.arange(va.size), vb.size)
    order = np.argsort(v, kind="stable")
    bounds = np.flatnonzero(np.diff(v[order])) + 1
    steps = []
    for group in np.split(x_of[order], bounds):
        odd = np.flatnonzero(np.bincount(group, minlength=va.size) & 1)
        if odd.size:
            steps.append(odd)
    return steps


def level_masks(a: tuple[int, ...], b: tuple[int, ...]) -> np.ndarray:
    """Top images of the level form ``(a, b)`` at each of its thresholds (:func:`thresholds`
    of the concatenated form), as bit masks over the base points.

    Parameters
    ----------
    a : tuple of int
        Coefficients on the base bits (at most six: the masks are int64 bit patterns).
    b : tuple of int
        Coefficients on the level's top bits.

    Returns
    -------
    numpy.ndarray of int64
        One mask per threshold, ∅ at the first.

    Examples
    --------
    >>> level_masks((3, 1), (2,)).tolist()  # thresholds 0..6: the windows of width 2
    [0, 1, 5, 4, 2, 10, 8, 0]
    >>> level_masks((3, 1), ()).tolist() == chain((3, 1)).tolist()
    True
    """
    va = form_values(a)
    vb = form_values(b) if b else np.zeros(1, dtype=np.int64)
    v = va[:, None] + vb[None, :]  # (2^|a|, 2^k)
    thr = thresholds((*a, *b))
    odd = (v[None, :, :] < thr[:, None, None]).sum(axis=2) & 1  # (K, 2^|a|)
    bits = np.uint64(1) << np.arange(va.size, dtype=np.uint64)
    return (odd.astype(np.uint64) * bits).sum(axis=1, dtype=np.uint64).view(np.int64)


def prove_level_universal(forms: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] | list,
                          *, sparse_limit: int = 1 << 22) -> UniversalityProof:
    """Count exactly the subsets of ``{0,1}^5`` that are XORs of one top image of each level
    form ``(a, b)`` (:func:`level_steps`), by the sweep of :func:`prove_universal`.

    Parameters
    ----------
    forms : sequence of (tuple of int, tuple of int)
        The level forms, all with ``a`` of length 5 and ``b`` of one length ``k``.
    sparse_limit : int
        As in :func:`prove_universal`.

    Returns
    -------
    UniversalityProof
        ``universal`` is True iff every subset is reachable.

    Examples
    --------
    >>> prove_level_universal([((1, 2), (1,)), ((2, 1), (2,))]).reachable  # on two bits
    15

    References
    ----------
    Derived in memcap (docs/constructions.md, "m ≥ 6 by composition").
    """
    forms = [(tuple(int(v) for v in a), tuple(int(v) for v in b)) for a, b in forms]
    if not forms or len({(len(a), len(b)) for a, b in forms}) != 1:
        raise UsageError("give at least one level form (a, b), all of the same shape")
    if 1 << len(forms[0][0]) > MAX_PROOF_POINTS:
        raise UsageError(f"a bitmap over the 2^(2^m) subsets is proved for m ≤ 5, got "
                         f"m = {len(forms[0][0])}")
    return _count_sumset(len(forms[0][0]), [level_masks(a, b) for a, b in forms],
                         [level_steps(a, b) for a, b in forms], sparse_limit)


@functools.cache
def _level_families(k: int) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Per form of level ``k``: its distinct top images as 32-bit masks and, for each, the
    least cut ``T`` that gives it."""
    out = []
    for a, b in LEVEL_SYSTEMS[k]:
        masks = level_masks(a, b).astype(np.uint32)
        distinct, first = np.unique(masks, return_index=True)
        fam = (distinct, thresholds((*a, *b))[first])
        for t in fam:
            t.flags.writeable = False
        out.append(fam)
    return tuple(out)


#: Targets (all levels of one decode together) up to which a level is joined with more
#: families on the plain (unsorted) left side and fewer on the sorted right (the window
#: families: four against three, ≈ 17 million sums generated in order, 0.1 s, against 164 405
#: right sums, ≈ 15 600 tries a target), instead of the fewer tries of a larger sorted right
#: side (three against four: 1.5 s of tables, ≈ 300 tries). Used only where both sides stay
#: within :data:`_JOIN_LIMIT` sums.
FEW_WINDOW_MASKS = 4096

#: Set bits (subsets × 2^m) decoded at once by the composed systems: their packed masks and
#: Möbius transforms take a few bytes each, so a batch stays near 100 MiB.
DECODE_BATCH_BITS = 1 << 24

#: Most combinations on either side of a level's meet in the middle.
_JOIN_LIMIT = 1 << 25


@functools.cache
def _level_tables(k: int, few: bool) -> tuple[tuple[np.ndarray, ...], int]:
    """Meet-in-the-middle tables of level ``k``'s families and the number of families on the
    left: the sorted right side is the longest suffix within :data:`_JOIN_LIMIT` sums; with
    ``few`` targets one family moves to a plain left side where that keeps the right side at
    ``2^17`` sums or more and the left within the limit; a left side above the limit is lazy
    (its combinations generated as they are tried: level 4's three families, 89.5 million)."""
    fams = [masks for masks, _ in _level_families(k)]
    sizes = [f.size for f in fams]
    right = 1
    while right < len(fams) and math.prod(sizes[-right - 1:]) <= _JOIN_LIMIT:
        right += 1
    left = len(fams) - right
    if (few and right > 1 and math.prod(sizes[-right + 1:]) >= 1 << 17
            and math.prod(sizes[:left + 1]) <= _JOIN_LIMIT):
        return _make_join_tables(fams[:left + 1], fams[left + 1:], plain_left=True), left + 1
    lazy = math.prod(sizes[:left]) > _JOIN_LIMIT  # generated as tried, never stored
    return _make_join_tables(fams[:left], fams[left:], lazy_left=lazy), left


def _decode_level(k: int, masks: np.ndarray, few: bool) -> np.ndarray:
    """Cuts ``T`` of level ``k``'s forms whose top images XOR to each 32-bit mask (``k = 0``:
    the prefixes of the five-bit system), ``(n, forms)``; ``few``: the tables for few targets
    (:func:`_level_tables`)."""
    if k == 0:
        idx = decode(BASE_BITS, masks.astype(np.int64))
        return np.stack([thresholds(a)[idx[:, j]]
                         for j, a in enumerate(XOR_SYSTEMS[BASE_BITS])], axis=1)
    fams = _level_families(k)
    distinct, inverse = np.unique(masks.astype(np.uint32), return_inverse=True)
    tables, left = _level_tables(k, few)
    found_left, found_right = _meet(distinct, tables, f"the level-{k} system on five bits")
    pos = np.concatenate([_unravel(found_left, [f for f, _ in fams[:left]]),
                          _unravel(found_right, [f for f, _ in fams[left:]])], axis=1)
    cuts = np.stack([fams[j][1][pos[:, j]] for j in range(len(fams))], axis=1)
    return cuts[inverse.reshape(-1)]


def _mobius(values: np.ndarray, bits: int) -> np.ndarray:
    """In place over axis 1 (``2^bits`` long): ``c[z] = ⊕_{z' ⊆ z} values[z']``, the algebraic
    normal form's coefficients (an involution over GF(2))."""
    n, rest = values.shape[0], values.shape[2:]
    for p in range(bits):
        v = values.reshape(n, -1, 2, 1 << p, *rest)
        v[:, :, 1] ^= v[:, :, 0]
    return values


@functools.cache
def _level_form_tables(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """A level form's base prefixes as 32-bit masks (:func:`chain` of ``a``) and its values
    ``b·z`` on the sub-cube, computed once: every level of every slice batch reads them."""
    prefixes = chain(a).astype(np.uint32)
    vb = form_values(b) if b else np.zeros(1, dtype=np.int64)
    for t in (prefixes, vb):
        t.flags.writeable = False
    return prefixes, vb


def _decode_composed(m: int, sets: np.ndarray, few: bool) -> np.ndarray:
    """Cuts of the composed system on ``m ≥ 6`` bits for the subsets ``sets`` (bool,
    ``(n, 2^m)``, point ``x + 32·z``): the levels from the largest ``S`` down, each decoding
    the residual's coefficient of ``z_S`` (a subset of the base) and removing its forms'
    prefixes from the residual (docs/constructions.md, "m ≥ 6 by composition"). Subsets of the
    base are 32-bit masks throughout (bit ``x``). ``few``: every level's tables are built once
    (:func:`_level_tables`), chosen by the caller for all its batches."""
    n, s = sets.shape[0], m - BASE_BITS
    base = 1 << BASE_BITS
    packed = (sets.reshape(n, 1 << s, base).astype(np.uint32)
              << np.arange(base, dtype=np.uint32)).sum(axis=2, dtype=np.uint32)
    coef = _mobius(packed, s)  # (n, 2^s): the coefficient of z^R, R as a bit mask
    levels = _level_sets(m)
    offsets = np.cumsum([0] + [len(_level_forms(len(lv))) for lv in levels])
    cuts = np.zeros((n, int(offsets[-1])), dtype=np.int64)
    for li in range(len(levels) - 1, -1, -1):
        level = levels[li]
        k = len(level)
        z_of = np.array([sum(1 << level[i] for i in range(k) if sub >> i & 1)
                         for sub in range(1 << k)], dtype=np.int64)  # sub-cube -> global z
        level_cuts = _decode_level(k, coef[:, z_of[-1]], few)  # (n, forms)
        cuts[:, offsets[li]:offsets[li + 1]] = level_cuts
        for j, (a, b) in enumerate(_level_forms(k)):
            prefixes, vb = _level_form_tables(a, b)
            # {x : a·x + b·z < T} for every z of the sub-cube: a prefix of a at T − b·z
            shifted = level_cuts[:, j, None] - vb[None, :]  # (n, 2^k)
            coef[:, z_of] ^= _mobius(prefixes[_cut_index(a, shifted)], k)
    if coef.any():
        raise RuntimeError(f"the composed system on m = {m} bits left a residual; a level "
                           "system is not universal")
    return cuts


def _as_sets(m: int, sets: np.ndarray) -> np.ndarray:
    """``sets`` as a bool array ``(..., 2^m)``; anything else is a ``UsageError``."""
    sets = np.asarray(sets)
    if sets.dtype != np.bool_ or sets.ndim < 1 or sets.shape[-1] != 1 << m:
        raise UsageError(f"subsets of {1 << m} points are bool arrays of shape (..., {1 << m}), "
                         f"got {sets.dtype} {sets.shape}")
    return sets


def decode_sets(m: int, sets: np.ndarray) -> np.ndarray:
    """Threshold indices ``t_j`` with ``P = ⊕_j {i : a_j·i < thresholds(a_j)[t_j]}`` for every
    subset ``P`` given as a bool vector over the ``2^m`` points (any ``m`` of
    :data:`XOR_SYSTEMS`; :func:`decode` for bit masks).

    ``m ≤ 5`` packs the sets into masks for :func:`decode`; ``m ≥ 6`` decodes the composed
    system level by level (docs/constructions.md, "m ≥ 6 by composition": the residual's
    algebraic normal form over the top bits, each level's coefficient by meet in the middle).
    :func:`combine_sets` is the inverse.

    Parameters
    ----------
    m : int
        Bits of the system, ``0..MAX_SYSTEM_BITS``.
    sets : numpy.ndarray of bool, shape (..., 2^m)
        Point ``i`` is in the subset iff ``sets[..., i]``.

    Returns
    -------
    numpy.ndarray
        ``sets.shape[:-1] + (c_m,)`` indices into each form's :func:`thresholds`.

    Examples
    --------
    >>> sets = np.random.default_rng(0).random((3, 128)) < 0.5
    >>> idx = decode_sets(7, sets)
    >>> idx.shape, bool((combine_sets(7, idx) == sets).all())
    ((3, 28), True)
    """
    forms = _check_system(m)
    sets = _as_sets(m, sets)
    shape = sets.shape[:-1]
    flat = sets.reshape(-1, 1 << m)
    if m < BASE_BITS + 1:
        bits = np.int64(1) << np.arange(1 << m, dtype=np.int64)
        return decode(m, (flat.astype(np.int64) * bits).sum(axis=1)).reshape(*shape, len(forms))
    distinct, inverse = np.unique(flat, axis=0, return_inverse=True)
    return _composed_indices(m, distinct)[inverse.reshape(-1)].reshape(*shape, len(forms))


def _composed_indices(m: int, sets: np.ndarray) -> np.ndarray:
    """:func:`_decode_composed`'s cuts as indices into each form's :func:`thresholds`."""
    if not sets.shape[0]:  # no subset: nothing to decode (the transforms need one)
        return np.zeros((0, len(XOR_SYSTEMS[m])), dtype=np.int64)
    # in batches of 2^24 set bits: the packed sets and their transforms are (n, 2^m)-sized,
    # and M = 20 with 1024 outputs asked for 4 GiB at once (2026-12-05 review); the batches
    # choose the tables the whole count would, so the cuts are the same
    few = sets.shape[0] * (len(_level_sets(m)) - 1) <= FEW_WINDOW_MASKS
    step = max(1, DECODE_BATCH_BITS >> m)
    cuts = np.concatenate([_decode_composed(m, sets[i:i + step], few)
                           for i in range(0, sets.shape[0], step)])
    return np.stack([_cut_index(a, cuts[:, j]) for j, a in enumerate(XOR_SYSTEMS[m])], axis=1)


def combine_sets(m: int, indices: np.ndarray) -> np.ndarray:
    """The subsets ``⊕_j {i : a_j·i < thresholds(a_j)[t_j]}`` as bool vectors, the inverse of
    :func:`decode_sets`.

    Parameters
    ----------
    m : int
        Bits of the system (one of :data:`XOR_SYSTEMS`).
    indices : array_like of int, shape (..., c_m)
        One threshold index per form.

    Returns
    -------
    numpy.ndarray of bool, shape (..., 2^m)

    Examples
    --------
    >>> combine_sets(2, np.array([1, 0, 0])).tolist()  # {0}
    [True, False, False, False]
    """
    forms = _check_system(m)
    indices = np.asarray(indices)
    out = np.zeros((*indices.shape[:-1], 1 << m), dtype=bool)
    for j, a in enumerate(forms):
        out ^= form_values(a) < thresholds(a)[indices[..., j]][..., None]
    return out


def _patterns_64(masks: np.ndarray) -> np.ndarray:
    """Subset masks of 64 points as int64 bit patterns (bit 63 set: negative): int64 and uint64
    arrays as they are, Python ints (an object array) and smaller integer types checked to lie
    in ``0..2^64 − 1``."""
    if masks.dtype in (np.dtype(np.int64), np.dtype(np.uint64)):
        return masks.view(np.int64)
    if masks.dtype == object:
        return _python_masks(6, masks).astype(np.uint64).view(np.int64)
    if not np.issubdtype(masks.dtype, np.integer):
        raise UsageError(f"subset masks of 64 points are integers in 0..2^64 − 1, got an array "
                         f"of {masks.dtype}")
    if masks.size and masks.min() < 0:
        raise UsageError("subset masks of 64 points lie in 0..2^64 − 1")
    return masks.astype(np.int64)


def _python_masks(m: int, masks: np.ndarray) -> np.ndarray:
    """An object array of subset masks of ``2^m`` points, checked to hold Python integers (not
    bools) in ``0..2^(2^m) − 1``."""
    top = 1 << (1 << m)
    if not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v < top
               for v in masks.ravel().tolist()):
        raise UsageError(f"subset masks of {1 << m} points lie in 0..2^{1 << m} − 1 (Python "
                         "integers, not bools)")
    return masks


def _cut_index(a: tuple[int, ...], cuts: np.ndarray) -> np.ndarray:
    """Indices into :func:`thresholds` of ``a`` of the prefixes ``{i : a·i < T}`` for the
    integers ``cuts``: the least threshold ``≥ T`` cuts the same set (the last, max + 1, for
    every larger ``T``)."""
    thr = thresholds(a)
    return np.minimum(np.searchsorted(thr, cuts), thr.size - 1)


def decode(m: int, masks: np.ndarray) -> np.ndarray:
    """Threshold indices ``t_j`` with ``P = ⊕_j chain_j[t_j]`` for every subset mask ``P`` in
    ``masks`` (any shape), using memcap's system on ``m`` bits.

    ``m ≤ 4`` reads :func:`decode_table`; ``m = 5`` decodes the distinct masks by meet in the
    middle (four chains against four: ≈ 0.07 ms a mask after 0.4 s of tables; above
    :data:`BIG_JOIN_MASKS` masks three against five: ≈ 5 µs a mask after 3.6 s; the tables are
    built once per process); ``m = 6`` by the composition of :data:`XOR_SYSTEMS`, as
    :func:`decode_sets` (windows by meet in the middle, then the five-bit decoder: up to
    :data:`FEW_WINDOW_MASKS` distinct targets 0.1 s of tables and ≈ 0.45 ms a mask, above 1.5 s
    of tables and ≈ 0.1 ms a mask). Larger ``m``: :func:`decode_sets` (a subset of more than 64
    points is no int64 mask). :func:`combine` is the inverse.

    Parameters
    ----------
    m : int
        Bits of the system, ``0..6`` (larger: ``UsageError`` naming :func:`decode_sets`).
    masks : numpy.ndarray
        Integer subset masks in ``0..2^(2^m) − 1``; at ``m = 6`` also int64 arrays holding the
        64-bit patterns (bit 63 set: negative).

    Returns
    -------
    numpy.ndarray
        ``masks.shape + (c_m,)`` indices into each form's :func:`thresholds`.

    Examples
    --------
    >>> idx = decode(5, np.array([0x96696996]))
    >>> idx.shape, hex(int(combine(5, idx)[0]))
    ((1, 8), '0x96696996')
    """
    _check_system(m)
    _check_mask_bits(m)
    masks = np.asarray(masks)
    if m == 6:  # 64 points: a mask is any 64-bit pattern, kept as an int64
        distinct, inverse = np.unique(_patterns_64(masks), return_inverse=True)
        sets = (distinct.view(np.uint64)[:, None] >> np.arange(64, dtype=np.uint64)) & 1
        return _composed_indices(6, sets.astype(bool))[inverse.reshape(masks.shape)]
    if masks.dtype == object:  # Python integers, as m = 6 takes them
        masks = _python_masks(m, masks).astype(np.int64)
    if not np.issubdtype(masks.dtype, np.integer):
        raise UsageError(f"subset masks of {1 << m} points are integers in 0..2^{1 << m} − 1, "
                         f"got an array of {masks.dtype}")
    if masks.size and (masks.min() < 0 or masks.max() >= 1 << (1 << m)):
        raise UsageError(f"subset masks of {1 << m} points lie in 0..2^{1 << m} − 1")
    masks = masks.astype(np.int64)
    if m <= 4:
        return decode_table(m)[masks]
    distinct, inverse = np.unique(masks, return_inverse=True)
    return _decode_join(m, distinct)[inverse.reshape(masks.shape)]

