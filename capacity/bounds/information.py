"""Information bounds: the bits a dataset carries and the parameters it needs at c bits each.

The bits-per-parameter figures 2, 3.6 and 5 are reference scales ("anchors"), not theorems and not
lower bounds: a network that stores more bits per parameter needs fewer parameters. Cover's 2 is
the random-label 50 % point of one perceptron (``cover.two-bits-per-weight``); 3.6 and 5 are
measurements of trained transformers and RNNs. Their direction is "anchor" (until 2026-12-03
"lower", because they read as "parameters needed at that rate"; but at M = 12 the cover-2
anchor is 2 048 parameters while xorsys realises every map with 1 433 (1 486 then), so read as a
lower bound it was false).

Examples
--------
>>> [b.id for b in INFORMATION_BOUNDS][0]
'info.boolean-bits'
"""

from __future__ import annotations

import sympy

from capacity.bound import Bound, one_output_only
from capacity.symbols import M, N, V, n

__all__ = ["ANCHORS", "INFORMATION_BOUNDS"]

def _rate_text(c: sympy.Rational) -> str:
    """``c`` bits per parameter as text that reads unambiguously after a ``/``: ``3.6``, not
    ``18/5`` ("N·2^M / 18/5" read as N·2^M/90, 2026-12-05 review); a non-terminating fraction in
    parentheses."""
    from decimal import Decimal

    p, q = int(c.p), int(c.q)
    if q == 1:
        return str(p)
    decimal = Decimal(p) / Decimal(q)
    return str(decimal) if decimal * q == p else f"({p}/{q})"


#: (id suffix, bits per parameter, source)
ANCHORS = (
    ("cover-2", sympy.Integer(2),
     "Cover 1965 / MacKay ITILA Ch. 40: the 50 % point n = 2W of random-label separability of ONE "
     "perceptron on points in general position; a scale, not a theorem about networks"),
    ("morris-3.6", sympy.Rational(18, 5),
     "J. X. Morris et al., 'How much do language models memorize?', arXiv 2505.24832, 2025 "
     "(GPT-style transformers, ≈3.6 bits/param)"),
    ("collins-5", sympy.Integer(5),
     "J. Collins, J. Sohl-Dickstein, D. Sussillo, 'Capacity and trainability in recurrent neural "
     "networks', ICLR 2017 (≈5 bits/param, RNNs)"),
)

_ANCHOR_HYPOTHESES = (
    "ANCHOR, not a theorem and not a lower bound: holds only if the network stores exactly c "
    "bits per parameter; networks that store more need fewer parameters (a fixed sign-network "
    "graph can carry up to log2(e·2^M) bits per edge: uml.thm20.6-edges)")

_bits_bool = N * 2**M
_bits_pts = n * sympy.log(V, 2)
#: the points' bits count one label a point: with N outputs a point carries N labels, and the
#: rows printed n·log2 V beside --outputs 3 (2026-12-06 review)
_one_label_a_point = one_output_only("one label a point (N = 1)")

INFORMATION_BOUNDS = (
    Bound(
        "info.boolean-bits", "bits", "exact", "any network", "any Boolean map {±1}^M → {±1}^N",
        "A map {±1}^M → {±1}^N is one of 2^(N 2^M): N·2^M bits.",
        expr=_bits_bool, variables=("M", "N"),
        hypotheses="every map of the 2^(N·2^M) equally likely (the worst case / a uniform map)",
        reference="elementary counting", status="confirmed",
    ),
    Bound(
        "info.random-labels-bits", "bits", "exact", "any network", "uniform labels on n points",
        "n labels uniform over V classes carry n·log2 V bits (n·H(prior) in general).",
        expr=_bits_pts, variables=("n", "V"), integral=False, applies=_one_label_a_point,
        hypotheses="one label a point (N = 1); labels independent of the inputs and of each "
                   "other, uniform over V classes",
        reference="Shannon entropy of the label prior", status="confirmed",
    ),
) + tuple(
    Bound(
        f"info.boolean-params.{suffix}",
        "parameters", "anchor", "trained networks (empirical anchor)",
        "any Boolean map {±1}^M → {±1}^N",
        f"At exactly {_rate_text(c)} bits per parameter, N·2^M bits would need "
        f"N·2^M / {_rate_text(c)} parameters "
        "(a reference scale, not a lower bound).",
        expr=_bits_bool / c, variables=("M", "N"),
        hypotheses=_ANCHOR_HYPOTHESES,
        reference=src, status="anchor",
        sketch="bits / (bits per parameter), rounded up.",
    )
    for suffix, c, src in ANCHORS
) + tuple(
    Bound(
        f"info.points-params.{suffix}",
        "parameters", "anchor", "trained networks (empirical anchor)",
        "uniform labels on n points",
        f"At exactly {_rate_text(c)} bits per parameter, n log2 V bits would need "
        f"n log2 V / {_rate_text(c)} parameters "
        "(a reference scale, not a lower bound).",
        expr=_bits_pts / c, variables=("n", "V"), applies=_one_label_a_point,
        hypotheses=_ANCHOR_HYPOTHESES + "; one label a point (N = 1)",
        reference=src, status="anchor",
        sketch="bits / (bits per parameter), rounded up.",
    )
    for suffix, c, src in ANCHORS
)
