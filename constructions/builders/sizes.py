"""Size formulas of the constructions, side by side for M = 1..max (``size_table``).

Every count is in *neurons* (hidden units + outputs), exact integers, for one output.

References
----------
UML §20.3, Claim 20.1 (``2^M + 1``) and its complement variant (``2^{M−1} + 1``); Jukna & Sergeev,
errata note to *Boolean Function Complexity*, Theorem 1 (``2^⌊M/2⌋ + 2^⌈M/2⌉ + 1``).
"""

from __future__ import annotations

import math

from capacity.errors import UsageError
from capacity.options import is_integer
from constructions.builders._common import size_arguments
from constructions.builders.depth3 import depth3_k, depth3_size
from constructions.builders.gated import gated_worst_size
from constructions.builders.hall import hall_size
from constructions.builders.hamming import hamming_worst_size
from constructions.builders.lookup import lookup_size
from constructions.builders.parity import parity_size
from constructions.builders.xorsys import xorsys_size

__all__ = ["bracket_table", "claim_20_1_size", "jukna_sergeev_size", "size_table"]


def claim_20_1_size(inputs: int) -> int:
    """Neurons of the fully connected Claim 20.1 network: ``2^M + 1``.

    Examples
    --------
    >>> claim_20_1_size(3)
    9

    References
    ----------
    UML §20.3, Claim 20.1.
    """
    return (1 << size_arguments("claim_20_1_size", inputs)[0]) + 1


def jukna_sergeev_size(inputs: int) -> int:
    """The depth-3 AND/OR gate count ``2^⌊M/2⌋ + 2^⌈M/2⌉ + 1``.

    Examples
    --------
    >>> jukna_sergeev_size(5)
    13

    References
    ----------
    Jukna & Sergeev, errata note, Theorem 1.
    """
    m = size_arguments("jukna_sergeev_size", inputs)[0]
    return (1 << (m // 2)) + (1 << ((m + 1) // 2)) + 1


def _max_inputs(value, limit: int) -> int:
    """``value`` as an int in 1..``limit``, or one UsageError (int() cut 2.5 to 2 rows and read
    True as 1, 2026-12-07 audit)."""
    if not is_integer(value) or not 1 <= value <= limit:
        raise UsageError(f"--max-inputs must be an integer between 1 and {limit}, got {value!r}")
    return int(value)


def size_table(max_inputs: int = 20) -> list[dict]:
    """Rows ``{M, claim20_1, lookup, dnf_parity, depth3_k, depth3, depth3_strict,
    jukna_sergeev, parity, parity_any_depth, xorsys, hall, gated, hamming}`` of worst-case neuron
    counts for M = 1..``max_inputs`` (N = 1).

    ``lookup`` is the complement-trick worst case ``2^{M−1} + 1``; ``dnf_parity`` is the exact
    minimum DNF size of parity plus the output, ``2^{M−1} + 1`` (the worst case of a minimum DNF
    or CNF); ``depth3`` as built (skip edges), ``depth3_strict`` with ``k`` pass-through units;
    ``parity`` is parity's one-hidden-layer staircase (``M + 1``), ``parity_any_depth`` its binary
    counter (``⌈log2(M + 1)⌉``, the fewest at any depth).

    Examples
    --------
    >>> row = size_table(2)[1]
    >>> row["claim20_1"], row["lookup"], row["depth3"], row["jukna_sergeev"], row["parity"]
    (5, 3, 5, 5, 3)
    >>> [r["parity_any_depth"] for r in size_table(8)]
    [1, 2, 2, 3, 3, 3, 3, 4]
    """
    top = _max_inputs(max_inputs, 62)
    rows = []
    for m in range(1, top + 1):
        rows.append({
            "M": m,
            "claim20_1": claim_20_1_size(m),
            "lookup": lookup_size(m),
            "dnf_parity": (1 << (m - 1)) + 1,
            "depth3_k": depth3_k(m),
            "depth3": depth3_size(m),
            "depth3_strict": depth3_size(m, strict_layers=True),
            "jukna_sergeev": jukna_sergeev_size(m),
            "parity": parity_size(m, strict_layers=True),
            "parity_any_depth": parity_size(m),
            "xorsys": xorsys_size(m),
            "hall": hall_size(m),
            "gated": gated_worst_size(m),
            "hamming": hamming_worst_size(m),
        })
    return rows


def bracket_table(max_inputs: int = 24) -> list[dict]:
    """Rows ``{M, lower, exact, best, best_method, ratio, per_order}``: the seed question's bracket
    for one output and any depth, M = 1..``max_inputs`` (at most 24).

    ``lower`` is the best proven worst-case lower bound (the largest of ``counting.any-depth``,
    ``counting.distinct-outputs`` and ``exact.persists.any-depth``), ``exact`` the exact worst
    case where it is known (M ≤ 5, ``exact.any-depth``; None elsewhere), ``best`` the smallest
    worst-case size of a universal construction (lookup, dnf on parity, depth3, xorsys, hall,
    gated, hamming; for M ≤ 4 minimal, which is the exact worst case; at M = 5 and 6 five, at
    most 4 — the exact worst case — and 8) with ``best_method`` naming it,
    ``ratio`` = best / lower rounded to 2 decimals, and ``per_order`` = best / √(2^M/M), the
    constant in front of the optimal order Θ(√(2^M/M)).

    Examples
    --------
    >>> rows = bracket_table(4)
    >>> [(r["M"], r["lower"], r["exact"], r["best"]) for r in rows]
    [(1, 1, 1, 1), (2, 2, 2, 2), (3, 2, 2, 2), (4, 3, 3, 3)]

    References
    ----------
    The bounds' own references (``memcap bounds explain ID``); V. I. Nechiporuk, Doklady AN SSSR
    154(4), 1964 for the order √(2^M/M).
    """
    from capacity.answer import answer_rows
    from constructions.builders.five import FIVE_INPUTS, MAX_FIVE_INPUTS, five_worst_size
    from constructions.exact.tables import load_minimal_table

    top = _max_inputs(max_inputs, 24)
    rows = []
    for answer, sizes in zip(answer_rows(top), size_table(top), strict=True):
        m = answer["M"]
        candidates = {"lookup": sizes["lookup"], "dnf": sizes["dnf_parity"],
                      "depth3": sizes["depth3"], "xorsys": sizes["xorsys"],
                      "hall": sizes["hall"], "gated": sizes["gated"],
                      "hamming": sizes["hamming"]}
        if m <= 4:  # every map at its proven minimum: the exact worst case itself
            candidates["minimal"] = load_minimal_table(m, "any-depth").worst_case_neurons
        if FIVE_INPUTS <= m <= MAX_FIVE_INPUTS:  # 5: the certified bound; 6: two merged
            candidates["five"] = five_worst_size(m)
        method = min(candidates, key=lambda k: (candidates[k], k))
        lower = answer["neurons, any depth (lower, best)"]
        best = candidates[method]
        rows.append({"M": m, "lower": lower, "exact": answer["neurons, any depth (exact, M ≤ 5)"],
                     "best": best, "best_method": method, "ratio": round(best / lower, 2),
                     "per_order": round(best / math.sqrt(2**m / m), 2)})
    return rows
