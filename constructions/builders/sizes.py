"""Size formulas of the constructions, side by side for M = 1..max (``size_table``).

Every count is in *neurons* (hidden units + outputs), exact integers, for one output.

References
----------
UML §20.3, Claim 20.1 (``2^M + 1``) and its complement variant (``2^{M−1} + 1``); Jukna & Sergeev,
errata note to *Boolean Function Complexity*, Theorem 1 (``2^⌊M/2⌋ + 2^⌈M/2⌉ + 1``).
"""

from __future__ import annotations

from capacity.errors import UsageError
from constructions.builders.depth3 import depth3_k, depth3_size
from constructions.builders.lookup import lookup_size
from constructions.builders.parity import parity_size
from constructions.builders.xorsys import xorsys_size

__all__ = ["claim_20_1_size", "jukna_sergeev_size", "size_table"]


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
    return (1 << int(inputs)) + 1


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
    m = int(inputs)
    return (1 << (m // 2)) + (1 << ((m + 1) // 2)) + 1


def size_table(max_inputs: int = 20) -> list[dict]:
    """Rows ``{M, claim20_1, lookup, dnf_parity, depth3_k, depth3, depth3_strict,
    jukna_sergeev, parity, xorsys}`` of worst-case neuron counts for M = 1..``max_inputs`` (N = 1).

    ``lookup`` is the complement-trick worst case ``2^{M−1} + 1``; ``dnf_parity`` is the exact
    minimum DNF size of parity plus the output, ``2^{M−1} + 1`` (the worst case of a minimum DNF
    or CNF); ``depth3`` as built (skip edges), ``depth3_strict`` with ``k`` pass-through units.

    Examples
    --------
    >>> row = size_table(2)[1]
    >>> row["claim20_1"], row["lookup"], row["depth3"], row["jukna_sergeev"], row["parity"]
    (5, 3, 5, 5, 3)
    """
    top = int(max_inputs)
    if top < 1 or top > 62:
        raise UsageError(f"max_inputs must be between 1 and 62, got {max_inputs}")
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
            "parity": parity_size(m),
            "xorsys": xorsys_size(m),
        })
    return rows
