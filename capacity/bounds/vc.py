"""VC-dimension and growth-function bounds for networks and general classes.

References
----------
UML (Shalev-Shwartz & Ben-David 2014) Thm 20.6, Lemma 6.10; Baum & Haussler, "What size net gives
valid generalization?", Neural Computation 1(1), 1989; Bartlett, Harvey, Liaw, Mehrabian, "Nearly-
tight VC-dimension and pseudodimension bounds for piecewise linear neural networks", JMLR 20(63),
2019; Goldberg & Jerrum, Machine Learning 18:131–148, 1995; Karpinski & Macintyre, J. Comput. Syst.
Sci. 54(1), 1997; Koiran & Sontag, J. Comput. Syst. Sci. 54(1), 1997.

Examples
--------
>>> len(VC_BOUNDS) >= 8
True
"""

from __future__ import annotations

import sympy

from capacity import solvers
from capacity.bound import Bound
from capacity.symbols import E, U, W, d_vc, m

__all__ = ["VC_BOUNDS"]

_UML = "Shalev-Shwartz & Ben-David, Understanding Machine Learning, CUP 2014"
_i = sympy.Symbol("i", integer=True, nonnegative=True)


def _vc_cap(E: int) -> int:  # noqa: N803
    return solvers.vc_cap_sign_net(E)


VC_BOUNDS = (
    Bound(
        "uml.thm20.6-growth",
        "growth function", "upper", "sign, any depth", "class of a fixed graph",
        "τ(m) ≤ (e·m)^|E| for the sign networks on a graph with |E| edges.",
        expr=(sympy.E * m) ** E, variables=("m", "E"), formula="(e·m)^E",
        hypotheses="sign activation, single output, |E| includes bias edges",
        reference=f"{_UML}, Thm 20.6, proof",
        status="confirmed",
        sketch="Product over neurons of Sauer bounds (em/d)^d ≤ (em)^d with d the fan-in.",
    ),
    Bound(
        "uml.thm20.6-vc", "VC dimension", "upper", "sign, any depth", "class of a fixed graph",
        "VCdim ≤ the largest m with 2^m ≤ (e·m)^|E|.",
        solver=_vc_cap, variables=("E",), formula="largest m: 2^m ≤ (e·m)^E",
        hypotheses="sign activation, single output, |E| includes bias edges",
        reference=f"{_UML}, Thm 20.6 (O(|E| log |E|)); exact cap derived",
        status="derived",
        sketch="A shattered set of size m needs 2^m ≤ τ(m) ≤ (em)^E. The set of m where this holds "
               "is an interval [1, m*] (E(1 + ln m) - m ln 2 is concave and positive at m = 1); m* "
               "is found by integer search with certified interval comparisons.",
    ),
    Bound(
        "uml.thm20.6-vc-lean", "VC dimension", "upper", "sign, any depth", "class of a fixed graph",
        "Every m ≤ VCdim satisfies m ≤ 2|E| log2(16|E|).",
        expr=2 * E * sympy.log(16 * E, 2), variables=("E",), formula="2·E·log2(16·E)",
        hypotheses="sign activation, single output, depth ≥ 1, |E| includes bias edges",
        reference=f"{_UML}, Thm 20.6; explicit constant from the Lean formalisation "
                  "UnderstandingML.vcDim_sign_net (prove2me)",
        status="secondary",
        sketch="A shattered set of size m has 2^m ≤ (e·m)^E, i.e. g(m) = m − E·log2(e·m) ≤ 0. "
               "g increases for m > E/ln 2; at m0 = 2E·log2(16E) (> E/ln 2) "
               "g(m0) = E·log2(128E / (e·log2(16E))) > 0 for every E ≥ 1, so m < m0. "
               "(UML Lemma A.2 with natural logs gives the weaker 4E·log2(2E/ln 2) + 2E/ln 2; "
               "this sketch cited it until 2026-12-03.) The tests check it against the exact "
               "cap uml.thm20.6-vc.",
    ),
    Bound(
        "sauer-shelah", "growth function", "upper", "any class", "class of VC dimension d_VC",
        "Π_H(m) ≤ Σ_{i=0}^{d_VC} C(m, i).",
        expr=sympy.Sum(sympy.binomial(m, _i), (_i, 0, d_vc)), variables=("m", "d_VC"),
        hypotheses="VCdim(H) = d_VC",
        reference="Sauer 1972; Shelah 1972; Vapnik–Chervonenkis 1971; UML Lemma 6.10",
        status="confirmed",
        sketch="Induction on m (shifting / the Pajor argument); see UML Lemma 6.10.",
    ),
    Bound(
        "baum-haussler", "VC dimension", "upper", "threshold, any depth", "class of a fixed graph",
        "A feedforward net of U linear threshold units with W weights has VCdim ≤ 2W log2(e·U).",
        expr=2 * W * sympy.log(sympy.E * U, 2), variables=("W", "U"), formula="2·W·log2(e·U)",
        applies=lambda p: None if p.get("U", 2) >= 2 else "stated for U ≥ 2 computation nodes",
        hypotheses="linear threshold units, W weights incl. thresholds, U ≥ 2 computation nodes",
        reference="E. B. Baum, D. Haussler, 'What size net gives valid generalization?', Neural "
                  "Computation 1(1):151–160, 1989 (growth (eUm/W)^W; VC form as used by Freund & "
                  "Schapire 1997)",
        status="partial",
        sketch="Growth ≤ (e U m / W)^W; shattering m points needs 2^m ≤ that, giving "
               "m ≤ 2W log2(eU). The primary statement of the 2W log2(eU) form was not read "
               "(secondary + derived).",
    ),
    Bound(
        "bartlett-harvey-liaw-mehrabian.upper",
        "VC dimension", "upper", "piecewise-linear, depth L",
        "class of a fixed architecture", "VCdim = O(W L log W) for piecewise-linear nets.",
        order="O(W·L·log W)", variables=("W", "L"),
        hypotheses="piecewise-linear activation with a constant number of pieces (e.g. ReLU)",
        reference="P. Bartlett, N. Harvey, C. Liaw, A. Mehrabian, JMLR 20(63), 2019 "
                  "(abstract; theorem number not checked)",
        status="confirmed",
        sketch="Bound the number of sign patterns of the layer-wise piecewise-polynomial outputs.",
    ),
    Bound(
        "bartlett-harvey-liaw-mehrabian.lower", "VC dimension", "lower", "ReLU, depth L",
        "some architecture of each size", "There are ReLU nets with VCdim Ω(W L log(W/L)).",
        order="Ω(W·L·log(W/L))", variables=("W", "L"),
        hypotheses="ReLU, W parameters, L layers (lower bound by construction)",
        reference="Bartlett, Harvey, Liaw, Mehrabian, JMLR 2019 (abstract; theorem number not "
                  "checked)",
        status="confirmed",
        sketch="Bit-extraction construction.",
    ),
    Bound(
        "bartlett-harvey-liaw-mehrabian.units",
        "VC dimension", "upper", "piecewise-linear, depth L",
        "class of a fixed architecture",
        "In terms of U non-linear units: VCdim = O(W·U) for every architecture.",
        order="O(W·U)", variables=("W", "U"),
        hypotheses="piecewise-linear activation, W parameters, U non-linear units; any fixed "
                   "architecture",
        reference="Bartlett, Harvey, Liaw, Mehrabian, JMLR 20(63), 2019 (abstract: 'a tight "
                  "bound Θ(WU)'; the upper half)",
        status="confirmed",
        sketch="The abstract's Θ(W·U) is an upper bound for every architecture plus a matching "
               "lower bound for some architectures (bartlett-harvey-liaw-mehrabian.units-lower); "
               "it is not an exact value for a given architecture.",
    ),
    Bound(
        "bartlett-harvey-liaw-mehrabian.units-lower", "VC dimension", "lower",
        "piecewise-linear, depth L", "some architecture of each size",
        "There are piecewise-linear nets with VCdim Ω(W·U): an existence result, not a bound "
        "for every architecture.",
        order="Ω(W·U)", variables=("W", "U"),
        hypotheses="existence: for each size some architecture (by construction) reaches it; a "
                   "given architecture may have a much smaller VC dimension",
        reference="Bartlett, Harvey, Liaw, Mehrabian, JMLR 20(63), 2019 (abstract: the lower "
                  "half of 'a tight bound Θ(WU)')",
        status="confirmed",
        sketch="Bit-extraction construction, as for bartlett-harvey-liaw-mehrabian.lower.",
    ),
    Bound(
        "goldberg-jerrum", "VC dimension", "upper", "piecewise-polynomial",
        "class of a fixed "
        "architecture", "VCdim = O(W^2) (≤ C(W^2 + W U)) for piecewise-polynomial nets.",
        order="O(W^2)", variables=("W",),
        hypotheses="piecewise-polynomial activations, any depth",
        reference="P. Goldberg, M. Jerrum, Machine Learning 18:131–148, 1995 (form as quoted by "
                  "Bartlett–Maiorov–Meir 1998)",
        status="secondary",
    ),
    Bound(
        "karpinski-macintyre", "VC dimension", "upper", "sigmoid", "class of a fixed architecture",
        "Standard sigmoid nets: VCdim = O(W^2 U^2).",
        order="O(W^2·U^2)", variables=("W", "U"),
        hypotheses="sigmoid (or Pfaffian) activation",
        reference="M. Karpinski, A. Macintyre, J. Comput. Syst. Sci. 54(1):169–176, 1997",
        status="confirmed",
    ),
    Bound(
        "koiran-sontag", "VC dimension", "lower", "sigmoid", "some architecture of each size",
        "Some continuous-activation nets have VCdim Ω(W^2).",
        order="Ω(W^2)", variables=("W",),
        hypotheses="continuous sigmoidal activations",
        reference="P. Koiran, E. Sontag, 'Neural networks with quadratic VC dimension', NIPS "
                  "1995 / "
                  "J. Comput. Syst. Sci. 54(1), 1997",
        status="confirmed",
    ),
)
