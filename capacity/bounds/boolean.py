"""Bounds on the size of sign networks that realise maps {±1}^M → {±1}^N.

Construction sizes (upper bounds) count *neurons* = hidden units + output units, inputs and the
constant not included; ``construction.parity`` counts hidden units. Lower bounds hold for every map
family that contains all 2^(N 2^M) maps.

References
----------
S. Shalev-Shwartz & S. Ben-David, *Understanding Machine Learning*, Cambridge UP 2014, Ch. 20
(Claim 20.1, Thm 20.2, Lemma 20.4, Thm 20.6). S. Jukna & I. Sergeev, "On Shannon functions for AC^0
circuits and AC^0 formulas" (errata note to Jukna, *Boolean Function Complexity*). K.-Y. Siu,
V. Roychowdhury, T. Kailath, "Depth-size tradeoffs for neural computation", IEEE Trans. Computers
40(12), 1991. T. Cover, IEEE Trans. Electronic Computers EC-14(3), 1965.

Examples
--------
>>> [b.id for b in BOOLEAN_BOUNDS][:2]
['construction.lookup', 'construction.lookup-complement']
"""

from __future__ import annotations

import sympy

from capacity import solvers
from capacity.registry import Bound
from capacity.symbols import M, N

__all__ = ["BOOLEAN_BOUNDS"]

_ANY = "any Boolean map {±1}^M → {±1}^N"
_UML = "Shalev-Shwartz & Ben-David, Understanding Machine Learning, CUP 2014"


def _single_output(params: dict) -> str | None:
    return None if params.get("N", 1) == 1 else "stated for N = 1 output"


def _edges(M: int, N: int = 1) -> int:  # noqa: N803 - symbol names
    return solvers.least_edges_to_shatter(M)


def _neurons_from_edges(M: int, N: int = 1) -> int:  # noqa: N803
    return solvers.least_neurons_from_edges(M, solvers.least_edges_to_shatter(M))


def _any_depth(M: int, N: int = 1) -> int:  # noqa: N803
    return solvers.least_neurons_any_depth_counting(M, N)


def _one_hidden(M: int, N: int = 1) -> int:  # noqa: N803
    return solvers.least_neurons_one_hidden_counting(M, N)


BOOLEAN_BOUNDS = (
    Bound(
        "construction.lookup", "neurons", "upper", "sign, one hidden layer", _ANY,
        "One hidden layer of 2^M 'x = u' detectors shared by N output ORs realises any map.",
        expr=2**M + N, variables=("M", "N"),
        hypotheses="sign activation, inputs ±1; neurons = 2^M hidden + N outputs",
        reference=f"{_UML}, Claim 20.1 (N = 1) and Lemma 20.4 (OR per output)",
        status="confirmed",
        sketch="Hidden unit u computes sign(<x,u> - M + 1), +1 iff x = u (<x,u> <= M-2 otherwise, "
               "so every pre-activation is odd). Output j is the OR of the units u with "
               "f_j(u) = +1: "
               "sign(sum_u g_u(x) + k_j - 1). For N = 1 this is Claim 20.1's 2^M + 1.",
    ),
    Bound(
        "construction.lookup-complement", "neurons", "upper", "sign, one hidden layer", _ANY,
        "Shared detectors for every input except the most common output signature: "
        "2^M - ⌈2^(M-N)⌉ hidden units + N outputs (2^(M-1) + 1 for N = 1).",
        expr=2**M - sympy.ceiling(sympy.Integer(2)**(M - N)) + N, variables=("M", "N"),
        formula="2^M - ⌈2^(M-N)⌉ + N",
        hypotheses="sign activation; neurons = hidden + N outputs; worst case over all maps",
        reference=f"derived from {_UML}, Claim 20.1 and Lemma 20.4 (AND of 'x ≠ u' units)",
        status="derived",
        sketch="Let c be the output signature shared by the most inputs (≥ ⌈2^M / 2^N⌉ of them by "
               "pigeonhole). Detect every other input (shared hidden layer). Output j is the OR "
               "of the detectors with f_j = +1 if c_j = -1, else the AND of the negated detectors "
               "with f_j = -1. For N = 1 at most 2^(M-1) detectors.",
    ),
    Bound(
        "construction.depth3", "neurons", "upper", "sign, depth 3", _ANY,
        "Lupanov-type depth-3 construction with 2^⌊M/2⌋ + 2^⌈M/2⌉ + 1 gates.",
        expr=2**sympy.floor(M / 2) + 2**sympy.ceiling(M / 2) + 1, variables=("M",),
        applies=_single_output,
        hypotheses="N = 1; sign units with skip edges from the inputs to layer 2 (a strictly "
                   "layered "
                   "net adds ⌊M/2⌋ pass-through units); neurons = all gates incl. the output",
        reference="S. Jukna & I. Sergeev, errata note 'On Shannon functions for AC^0 circuits and "
                  "AC^0 formulas' (depth-3 upper bound, c·2^(n/2) + 1 with 2^k + 2^m + 1 gates)",
        status="confirmed",
        sketch="Split x = (a, b) with k = ⌊M/2⌋, m = ⌈M/2⌉ variables. Layer 1: 2^m OR gates, "
               "one per "
               "clause over b. Layer 2: per a, an AND of the literals of a and the clauses "
               "C_b with "
               "f(a, b) = -1. Output: OR of layer 2. Each AND/OR is one sign unit (Lemma 20.4).",
    ),
    Bound(
        "construction.parity", "hidden units", "upper", "sign, one hidden layer",
        "parity of M bits",
        "M hidden threshold units compute M-bit parity: unit j fires iff Σx ≥ j, the output "
        "alternates ±.",
        expr=M, variables=("M",),
        hypotheses="N = 1, parity only; hidden units (the output adds 1 neuron); no skip edges",
        reference="G. Hinton, CSC2515 lecture notes; M. Hassoun, Fundamentals of Artificial Neural "
                  "Networks, MIT Press 1995, §2.1; minimality proved only for M ≤ 4 (Neural "
                  "Computation 13(2):319, 2001)",
        status="secondary",
        sketch="h_j = [Σ_i x_i ≥ j] for j = 1..M (0/1 inputs); parity = Σ_j (-1)^(j+1) h_j ≥ 1.",
    ),
    Bound(
        "counting.any-depth", "neurons", "lower", "sign, any depth", _ANY,
        "Least s with s^N Π_{i=1}^{s} C(2^M, M+i) ≥ 2^(N 2^M): fewer sign neurons (any DAG) cannot "
        "realise every map.",
        solver=_any_depth, variables=("M", "N"),
        formula="least s: s^N · Π_{i=1..s} C(2^M, M+i) ≥ 2^(N·2^M)",
        hypotheses="sign (threshold) units, any depth and any connections, real weights",
        reference="derived: counting with Cover 1965, Theorem 1, applied to each neuron; order "
                  "Ω(√(N 2^M / M)) matches Horne & Hush 1994 (unconfirmed from source)",
        status="derived",
        sketch="Order the neurons topologically. Neuron i reads M inputs and i - 1 earlier "
               "neurons; "
               "on the 2^M inputs its fan-in vectors are ≤ 2^M points in R^(M+i-1), so it has at "
               "most C(2^M, M+i) dichotomies (Cover's count is the maximum over configurations). "
               "Choosing the N outputs adds ≤ s^N. The product must reach 2^(N 2^M). Solved by "
               "exact integer search (bit lengths of exact integers).",
    ),
    Bound(
        "counting.one-hidden-layer", "neurons", "lower", "sign, one hidden layer", _ANY,
        "Least k + N with C(T+k-1, k) · C(2^M, k+1)^N ≥ 2^(N 2^M), T = C(2^M, M+1).",
        solver=_one_hidden, variables=("M", "N"),
        formula="k + N, least k: C(T+k-1, k)·C(2^M, k+1)^N ≥ 2^(N·2^M), T = C(2^M, M+1)",
        hypotheses="one hidden layer of k sign units, N sign outputs, real weights",
        reference="derived: counting with Cover 1965, Theorem 1; order Ω(N 2^M / M^2)",
        status="derived",
        sketch="The net is fixed by the multiset of its k hidden threshold functions (≤ "
               "C(T+k-1, k) "
               "with T(M) ≤ C(2^M, M+1)) and by N dichotomies of the ≤ 2^M hidden vectors in R^k "
               "(each ≤ C(2^M, k+1)). Solved by exact integer search.",
    ),
    Bound(
        "uml.thm20.6-edges", "parameters", "lower", "sign, any depth", _ANY,
        "Least |E| with (e·2^M)^|E| ≥ 2^(2^M): realising every f shatters the 2^M inputs.",
        solver=_edges, variables=("M",),
        formula="least E: (e·2^M)^E ≥ 2^(2^M)",
        hypotheses="sign units, any depth; |E| counts bias edges, so parameters ≥ |E|; holds for "
                   "each output separately",
        reference=f"{_UML}, Thm 20.6 (growth τ(m) ≤ (em)^|E|) and proof of Thm 20.2",
        status="derived",
        sketch="All 2^(2^M) functions shatter m = 2^M points, so 2^m ≤ τ(m) ≤ (em)^|E|. The least "
               "integer E with E(1 + ln m) > m ln 2 is found by integer search; each comparison is "
               "certified with interval arithmetic (equality is impossible since e is "
               "transcendental).",
    ),
    Bound(
        "uml.thm20.2-neurons", "neurons", "lower", "sign, any depth", _ANY,
        "Least s with s(M+1) + s(s-1)/2 ≥ E_min (E_min from uml.thm20.6-edges).",
        solver=_neurons_from_edges, variables=("M",),
        formula="least s: s(M+1) + s(s-1)/2 ≥ least E with (e·2^M)^E ≥ 2^(2^M)",
        hypotheses="sign units, any depth",
        reference=f"{_UML}, Thm 20.2 (argument) with Thm 20.6",
        status="derived",
        sketch="A DAG with s neurons on M inputs and a constant has at most s(M+1) + s(s-1)/2 "
               "edges; combine with uml.thm20.6-edges.",
    ),
    Bound(
        "uml.thm20.2", "neurons", "lower", "sign, any depth", _ANY,
        "The smallest sign network realising all Boolean functions is exponential: |V| = "
        "Ω(2^(M/3)).",
        order="Ω(2^(M/3))", variables=("M",),
        hypotheses="sign activation, any depth; |V| counts all nodes",
        reference=f"{_UML}, Theorem 20.2",
        status="confirmed",
        sketch="VCdim ≥ 2^M and VCdim = O(|E| log |E|) ≤ O(|V|^3).",
    ),
    Bound(
        "siu-roychowdhury-kailath.depth3", "neurons", "upper", "sign, depth 3", _ANY,
        "Every Boolean function has a depth-3 threshold circuit with O(2^(M/2)) gates; Ω(2^(M/3)) "
        "gates are needed in general.",
        order="O(2^(M/2))", variables=("M",),
        hypotheses="threshold gates, unrestricted weights, N = 1",
        reference="K.-Y. Siu, V. Roychowdhury, T. Kailath, 'Depth-size tradeoffs for neural "
                  "computation', IEEE Trans. Computers 40(12), 1991 (abstract)",
        status="confirmed",
        sketch="Explicit constants: see construction.depth3.",
    ),
    Bound(
        "horne-hush.node-complexity", "neurons", "exact", "threshold, any depth", _ANY,
        "Θ(√(2^M / M)) threshold nodes suffice and are necessary for arbitrary Boolean functions.",
        order="Θ(√(2^M/M))", variables=("M",),
        hypotheses="threshold nodes, N = 1",
        reference="B. Horne, D. Hush, 'On the node complexity of neural networks', Neural "
                  "Networks, 1994",
        status="unconfirmed",
        sketch="UNCONFIRMED: the paper was not retrievable; the lower-bound order agrees with "
               "counting.any-depth.",
    ),
)
