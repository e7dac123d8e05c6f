"""Information bounds: the bits a dataset carries and the parameters it needs at c bits each.

The bits-per-parameter figures 2, 3.6 and 5 are empirical anchors, not theorems.

Examples
--------
>>> [b.id for b in INFORMATION_BOUNDS][0]
'info.boolean-bits'
"""

from __future__ import annotations

import sympy

from capacity.registry import Bound
from capacity.symbols import M, N, V, n

__all__ = ["ANCHORS", "INFORMATION_BOUNDS"]

#: (id suffix, bits per parameter, source)
ANCHORS = (
    ("cover-2", sympy.Integer(2), "Cover 1965 / MacKay ITILA Ch. 40 (single perceptron, theorem)"),
    ("morris-3.6", sympy.Rational(18, 5),
     "J. X. Morris et al., 'How much do language models memorize?', arXiv 2505.24832, 2025 "
     "(GPT-style transformers, ≈3.6 bits/param)"),
    ("collins-5", sympy.Integer(5),
     "J. Collins, J. Sohl-Dickstein, D. Sussillo, 'Capacity and trainability in recurrent neural "
     "networks', ICLR 2017 (≈5 bits/param, RNNs)"),
)

_bits_bool = N * 2**M
_bits_pts = n * sympy.log(V, 2)

INFORMATION_BOUNDS = (
    Bound(
        "info.boolean-bits", "bits", "exact", "any network", "any Boolean map {±1}^M → {±1}^N",
        "A map {±1}^M → {±1}^N is one of 2^(N 2^M): N·2^M bits.",
        expr=_bits_bool, variables=("M", "N"),
        reference="elementary counting", status="confirmed",
    ),
    Bound(
        "info.random-labels-bits", "bits", "exact", "any network", "uniform labels on n points",
        "n labels uniform over V classes carry n·log2 V bits (n·H(prior) in general).",
        expr=_bits_pts, variables=("n", "V"), integral=False,
        reference="Shannon entropy of the label prior", status="confirmed",
    ),
) + tuple(
    Bound(
        f"info.boolean-params.{suffix}",
        "parameters", "lower", "trained networks (empirical anchor)",
        "any Boolean map {±1}^M → {±1}^N",
        f"At {c} bits per parameter, N·2^M bits need ≥ N·2^M / {c} parameters.",
        expr=_bits_bool / c, variables=("M", "N"),
        hypotheses="EMPIRICAL ANCHOR, not a theorem: assumes the network stores c bits/param",
        reference=src, status="anchor",
        sketch="bits / (bits per parameter), rounded up.",
    )
    for suffix, c, src in ANCHORS
) + tuple(
    Bound(
        f"info.points-params.{suffix}",
        "parameters", "lower", "trained networks (empirical anchor)",
        "uniform labels on n points",
        f"At {c} bits per parameter, n log2 V bits need ≥ n log2 V / {c} parameters.",
        expr=_bits_pts / c, variables=("n", "V"),
        hypotheses="EMPIRICAL ANCHOR, not a theorem: assumes the network stores c bits/param",
        reference=src, status="anchor",
        sketch="bits / (bits per parameter), rounded up.",
    )
    for suffix, c, src in ANCHORS
)
