"""Bounds on the size of sign networks that realise maps {±1}^M → {±1}^N.

Construction sizes (upper bounds) count *neurons* = hidden units + output units, inputs and the
constant not included; ``construction.parity`` counts hidden units. Lower bounds are worst-case
statements: some map {±1}^M → {±1}^N needs that many. Each states its network model (which
values an output may read, whether one graph must serve every map); docs/capacity.md has the
proofs, "Many outputs" for N > 1.

References
----------
S. Shalev-Shwartz & S. Ben-David, *Understanding Machine Learning*, Cambridge UP 2014, Ch. 20
(Claim 20.1, Thm 20.2, Lemma 20.4, Thm 20.6). S. Jukna & I. Sergeev, "On Shannon functions for AC^0
circuits and AC^0 formulas" (errata note to Jukna, *Boolean Function Complexity*). K.-Y. Siu,
V. Roychowdhury, T. Kailath, "Depth-size tradeoffs for neural computation", IEEE Trans. Computers
40(12), 1991. T. Cover, IEEE Trans. Electronic Computers EC-14(3), 1965. V. I. Nechiporuk,
"The synthesis of networks from threshold elements", Doklady AN SSSR 154(4), 1964. O. B. Lupanov,
"Circuits using threshold elements", Soviet Physics Doklady 17(2), 1972. B. Horne, D. Hush, "On
the node complexity of neural networks", Neural Networks 7(9), 1994.

Examples
--------
>>> [b.id for b in BOOLEAN_BOUNDS][:2]
['construction.lookup', 'construction.lookup-complement']
"""

from __future__ import annotations

import sympy

from capacity import solvers
from capacity.bound import Bound, one_output_only
from capacity.symbols import M, N

__all__ = ["BOOLEAN_BOUNDS"]

_ANY = "any Boolean map {±1}^M → {±1}^N"
_UML = "Shalev-Shwartz & Ben-David, Understanding Machine Learning, CUP 2014"


_single_output = one_output_only("stated for N = 1 output")


def _depth3(M: int, N: int = 1) -> int:  # noqa: N803
    return solvers.depth3_worst_case_neurons(M, N)


def _gated(M: int, N: int = 1) -> int:  # noqa: N803
    return solvers.gated_worst_case_neurons(M, N)


def _hamming(M: int, N: int = 1) -> int:  # noqa: N803
    return solvers.hamming_worst_case_neurons(M, N)


def _five(M: int, N: int = 1) -> int:  # noqa: N803
    return solvers.five_worst_case_neurons(M, N)


def _parity_any_depth(M: int) -> int:  # noqa: N803
    return int(M).bit_length()


def _five_or_six(params: dict) -> str | None:
    if int(params.get("M", 5)) in (5, 6):
        return None
    return "built for M = 5 and 6 only"


def _hall(M: int, N: int = 1) -> int:  # noqa: N803
    return solvers.hall_worst_case_neurons(M, N)


def _xorsys(M: int, N: int = 1) -> int:  # noqa: N803
    return solvers.xorsys_worst_case_neurons(M, N)


def _distinct_outputs(M: int, N: int = 1) -> int:  # noqa: N803
    return solvers.least_neurons_distinct_outputs(M, N)


def _edges(M: int, N: int = 1) -> int:  # noqa: N803 - symbol names
    return solvers.least_edges_to_shatter(M, N)


def _edges_any_graph(M: int, N: int = 1) -> int:  # noqa: N803
    return solvers.least_parameters_any_graph(M, N)


def _neurons_from_edges(M: int, N: int = 1) -> int:  # noqa: N803
    return solvers.least_neurons_from_edges(M, solvers.least_edges_to_shatter(M, N))


def _any_depth(M: int, N: int = 1) -> int:  # noqa: N803
    return solvers.least_neurons_any_depth_counting(M, N)


def _one_hidden(M: int, N: int = 1) -> int:  # noqa: N803
    return solvers.least_neurons_one_hidden_counting(M, N)


BOOLEAN_BOUNDS = (
    Bound(
        "construction.lookup", "neurons", "upper", "sign, one hidden layer", _ANY,
        "One hidden layer of 2^M 'x = u' detectors shared by N output ORs realises any map "
        "(Claim 20.1 as stated; memcap's lookup builder is construction.lookup-complement).",
        expr=2**M + N, variables=("M", "N"),
        hypotheses="sign activation, inputs ±1; neurons = 2^M hidden + N outputs",
        reference=f"{_UML}, Claim 20.1 (N = 1) and Lemma 20.4 (OR per output)",
        status="derived",  # Claim 20.1 is the N = 1 case; sharing the detectors across N is ours
        sketch="Hidden unit u computes sign(<x,u> - M + 1), +1 iff x = u (<x,u> <= M-2 otherwise, "
               "so every pre-activation is odd). Output j is the OR of the units u with "
               "f_j(u) = +1: "
               "sign(sum_u g_u(x) + k_j - 1). For N = 1 this is Claim 20.1's 2^M + 1.",
    ),
    Bound(
        "construction.lookup-complement", "neurons", "upper", "sign, one hidden layer", _ANY,
        "Shared detectors for every input except the most common output signature: "
        "2^M - ⌈2^(M-N)⌉ hidden units + N outputs (2^(M-1) + 1 for N = 1).",
        # ⌈2^(M-N)⌉ = 2^max(M-N, 0): the form that stays small for N ≫ M (2^(M-N) exactly
        # had 2^24+ bits at N = 2e7 and was refused)
        expr=2**M - sympy.Integer(2)**sympy.Max(M - N, 0) + N, variables=("M", "N"),
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
        "construction.gated", "neurons", "upper", "sign, one hidden layer", _ANY,
        "Every 5-input cofactor split at its cheapest input into two 4-input halves at their "
        "exact minima, or a shipped witness for the functions every split of which costs "
        "more (at most 5 hidden units either way), gated on the other inputs, all blocks read "
        "by one output per output bit: N·(5·2^(M-5) + 1) neurons for M ≥ 5 (N, 3N, 4N, 5N for "
        "M = 1, 2, 3, 4), five sixteenths of lookup's 2^(M-1) + 1.",
        solver=_gated, variables=("M", "N"),
        formula="N·(5·2^(M-5) + 1) for M ≥ 5; N, 3N, 4N, 5N for M = 1, 2, 3, 4",
        hypotheses="sign activation, inputs ±1; one hidden layer, outputs read only the hidden "
                   "layer (an output that is a threshold function of the inputs may be a single "
                   "unit, as in exact.one-hidden-layer); neurons = hidden + N outputs; worst case "
                   "over all maps; no sharing across outputs",
        reference="derived in memcap (docs/constructions.md, 'gated'): Shannon cofactors, each "
                  "4-input block at its exact minimum (exact.one-hidden-layer, CP-SAT "
                  "certificates), the M = 5 layered witnesses (docs/exact.md, "
                  "certified.one-hidden-layer-m5), gated by one large weight per selector input "
                  "(UML Lemma 20.4)",
        status="derived",
        sketch="Split x = (z, y), z the first 5 inputs. For each value v of y split f(., v) at "
               "its cheapest input x_j into two 4-input halves with minimal layered networks "
               "(<= 5 hidden units together; a shipped witness of <= 5 for the 33 863 476 "
               "functions, 5 729 NPN classes, where every split costs more), flip units so "
               "every output weight is positive, "
               "and gate each unit on its block's selectors (y and x_j) by adding G(<v, y> - s) "
               "(large G): the unit is off outside its block. One output reads all blocks with "
               "weights scaled to a common threshold L = lcm of the blocks' thresholds; inside "
               "a block only its own units can fire, so the output is that block's output.",
    ),
    Bound(
        "construction.hamming", "neurons", "upper", "sign, one hidden layer", _ANY,
        "In every block of the inputs outside the first n = 2^k - 1 (the longest Hamming length "
        "≤ M), a coset of the Hamming code splits the block into radius-1 balls; each ball gets "
        "at most two hidden units that fire on it alone, one output per output bit reads them: "
        "N·(⌊3·2^(M-1)/(n + 1)⌋ + 1) neurons, below 3·2^M/(M + 1) + 1 per output, order "
        "2^M/M (gated is 5·2^(M-5) + 1; this is smaller from M = 15 on: 98 305 at M = 20).",
        solver=_hamming, variables=("M", "N"),
        formula="N·(⌊3·2^(M-1)/(n + 1)⌋ + 1), n = 2^⌊log2(M+1)⌋ - 1",
        hypotheses="sign activation, inputs ±1; one hidden layer, outputs read only the hidden "
                   "layer; neurons = hidden + N outputs; worst case over all maps; no sharing "
                   "across outputs",
        reference="derived in memcap (docs/constructions.md, 'hamming'); the perfect code: R. W. "
                  "Hamming, Bell Syst. Tech. J. 29 (1950) 147-160",
        status="derived",
        sketch="Split x = (w, u), w the first n inputs. For a ball of center c and S the "
               "neighbours whose value is not the output's default d: one unit [D <= 1] on "
               "{c} ∪ S (D = 1 per mismatch in S, 2 per other mismatch, block bits included) "
               "voting ¬d if f(c) ≠ d; if f(c) = d nothing (S empty), the single point (|S| = 1) "
               "or {c} ∪ S voting ¬d plus {c} voting d. A ball costs ≤ 1 + [f(c) = d]; every "
               "point is a center in one of the n + 1 cosets, so the cheapest coset of a block "
               "costs ≤ (2^n + Z_u)/(n + 1) with Z_u its points of value d; d = the minority "
               "value gives ≤ 3·2^(M-1)/(n + 1) hidden units. Attained by parity for M = 1 and "
               "M ≥ 3.",
    ),
    Bound(
        "construction.five", "neurons", "upper", "sign, any depth", _ANY,
        "Every map of 5 inputs in at most 4 neurons per output (the M = 5 worst case, exact for "
        "N = 1) and "
        "of 6 inputs in at most 8: the Shannon merge of its two 5-input cofactors' networks "
        "at the cheapest split; outputs side by side.",
        solver=_five, variables=("M", "N"), applies=_five_or_six,
        formula="4N at M = 5, 8N at M = 6",
        hypotheses="sign units, any depth, skip edges; integer weights; neurons = all units incl. "
                   "the N outputs; worst case over all maps; no sharing across outputs",
        reference="derived in memcap (docs/constructions.md, 'five'; docs/exact.md, 'M = 5 and "
                  "6'): certified.any-depth-m5 and the Shannon merge "
                  "(constructions.exact.shannon.merge_cofactor_networks)",
        status="derived",
        sketch="f = x_j ? f1 : f0: the merge feeds x_j with a large weight into f1's output "
               "neuron and both x_j and that neuron into f0's output neuron, so it costs the "
               "two cofactors' neurons together and no more. At M = 5 the cofactors have 4 "
               "inputs: at most 4 neurons at a split of cost 4 or less (2 + 2, 1 + 3), and for "
               "the 117 480 090 functions every split of "
               "which costs 5 or 6 the reuse merge (one cofactor's minimal network plus one "
               "neuron) or a shipped witness, 3 or 4 (certified.any-depth-m5); at M = 6 the "
               "cofactors are 5-input maps, at most 4 each.",
    ),
    Bound(
        "construction.depth3", "neurons", "upper", "sign, depth 3", _ANY,
        "Lupanov-type depth-3 construction with its first layer shared by the N outputs: "
        "min_k 2^(M-k) + N·2^k + N neurons (2^⌊M/2⌋ + 2^⌈M/2⌉ + 1 for N = 1).",
        solver=_depth3, variables=("M", "N"),
        formula="min_{0≤k≤M-1} 2^(M-k) + N·2^k + N",
        hypotheses="sign units with skip edges from the inputs to layer 2 (a strictly layered net "
                   "adds k pass-through units); neurons = all gates incl. the N outputs; an upper "
                   "bound for every map (every row of every output kept), reached by some map "
                   "for M = 2, 3 and N ≤ 2 (exhaustive) but not at M = N = 1, where the builder "
                   "needs at most 3",
        reference="S. Jukna & I. Sergeev, errata note 'On Shannon functions for AC^0 circuits and "
                  "AC^0 formulas' (N = 1: 2^k + 2^m + 1 gates, c·2^(n/2) + 1); sharing layer 1 "
                  "across outputs derived (docs/capacity.md, 'Many outputs')",
        status="derived",
        sketch="Split x = (a, b): a the high k inputs, b the low m = M - k. Layer 1: 2^m "
               "detectors of b, read by every output. Layer 2: per output j and per value a, one "
               "unit [X = a and b ∈ P_{j,a}] (an AND of the literals of a and an OR of "
               "detectors, one sign unit). Output j: OR of its 2^k layer-2 units. Neurons 2^m + "
               "N·2^k + N, minimised over k (k ≈ (M - log2 N)/2); exact integer minimum.",
    ),
    Bound(
        "construction.hall", "neurons", "upper", "sign, any depth", _ANY,
        "Column one-hot, step units whose per-column cuts are placed by Hall's theorem on "
        "Z_(2^a), a binary staircase and a multiplexer: O(√(2^M/M)) neurons, the optimal order "
        "(about 4.6·√(2^M/M) at M = 20: 1047 neurons); the one-hot and staircase are shared by "
        "the N outputs.",
        solver=_hall, variables=("M", "N"),
        formula="min over (e, a): 2^c·[c ≥ 1] + 2k(2^a − 1) + L + mux, c = M − e − a, "
                "k = max(1, ⌈N·2^e/a⌉), L = 2a (k = 1) or (k + 1)a + 1, mux = N(2^e + 1) (e ≥ 1), "
                "N (e = 0, N > 1), else 0",
        hypotheses="sign units, any depth, skip edges (the step units and the staircase read "
                   "the inputs and all earlier digits); integer weights up to about "
                   "2^((k+1)a); neurons = all units incl. the N outputs; the same count for every "
                   "map (no unit dropped)",
        reference="derived in memcap (docs/constructions.md, 'hall'); the placement exists by "
                  "M. Hall Jr., 'A combinatorial problem on abelian groups', Proc. AMS 3 (1952) "
                  "584-587, found by an exchange-chain search derived in memcap (its "
                  "termination is proved in docs/constructions.md)",
        status="derived",
        sketch="Index = w + 2^e·y + 2^(e+a)·z. Per column z the N·2^e bits of each row y form an "
               "integer F(y, z). Step unit [J(y) < l(z)] with its own cut l(z) per column; the "
               "units with cut y + 1 change the staircase input Φ between rows y and y + 1 by "
               "their values. Two units of each value 1..q-1 (q = 2^a) per chunk: Hall's "
               "permutations b, c of Z_q with c_i - b_i = d_i place them so that every row "
               "difference d_i is met mod q, hence Φ ≡ F (mod 2^B). The staircase's digits of Φ "
               "are the output bits, selected by the w inputs.",
    ),
    Bound(
        "construction.xorsys", "neurons", "upper", "sign, any depth", _ANY,
        "A thermometer on the top r inputs, c_m gates per block of h inputs that each cut one "
        "threshold form of a universal XOR system on the low m inputs, and a parity staircase: "
        "order 2^(M/2) (863 neurons at M = 20, depth3 2049, hall 1047); the thermometer "
        "is shared by the N outputs.",
        solver=_xorsys, variables=("M", "N"),
        formula="min over (m, h, k), m ≤ 13, 1 ≤ k ≤ 2^r: (k − 1) + (T − 1) + N·(c_m·2^h·k + "
                "⌈log2(c_m + 1)⌉), r = M − m − h, T = ⌈2^r/k⌉ with (k − 1)·T < 2^r, "
                "c_m = 1, 2, 3, 4, 6, 8, 15, 28, 52, 97, 182, 343, 649, 1234 for m = 0..13",
        hypotheses="sign units, any depth, skip edges (the range units and the thermometer "
                   "read the inputs, the gates the inputs, range units and thermometer, the "
                   "staircase the gates); integer weights; neurons = all units incl. the N "
                   "outputs; the same count for every map (no unit dropped)",
        reference="derived in memcap (docs/constructions.md, 'xorsys': construction and "
                  "proof); the systems' universality is proved by exhausting all "
                  "2^(2^m) subsets (constructions.builders.xor_systems.prove_universal; "
                  "2^32 subsets for m = 5), for m = 6..13 by composition (the algebraic normal "
                  "form over the top bits) from the five-bit system and level systems proved "
                  "the same way (prove_level_universal)",
        status="derived",
        sketch="Index = i + 2^m·β + 2^(m+h)·R. The thermometer d_s = [R ≥ s] lets a gate's "
               "threshold T(R) be any function of R (telescoping weights). Gate (n, β, j) = "
               "[block = β and a_j·i < T_{n,β,j}(R)]; the slice {i : f_n(i, β, R) = +1} is the "
               "XOR of the c_m prefix sets, so the number S of gates that fire is odd iff "
               "f_n = +1; the staircase's last digit is S mod 2. With k ranges, k − 1 units "
               "[R ≥ κT] split R into ranges of T values, the thermometer runs over R − T·K "
               "(K = the range units that fire), and each gate also requires its range κ.",
    ),
    Bound(
        "construction.parity", "hidden units", "upper", "sign, one hidden layer",
        "parity of M bits",
        "M hidden threshold units compute M-bit parity: unit j fires iff Σx ≥ j, the output "
        "alternates ±.",
        expr=M, variables=("M",), applies=_single_output,
        hypotheses="N = 1, parity only; hidden units (the output adds 1 neuron); no skip edges",
        reference="G. Hinton, CSC2515 lecture notes; M. Hassoun, Fundamentals of Artificial Neural "
                  "Networks, MIT Press 1995, §2.1; minimality proved only for M ≤ 4 (Neural "
                  "Computation 13(2):319, 2001); memcap certifies it for M = 2..5 "
                  "(exact.one-hidden-layer, refuted.one-hidden-layer-m5)",
        status="secondary",
        sketch="h_j = [Σ_i x_i ≥ j] for j = 1..M (0/1 inputs); parity = Σ_j (-1)^(j+1) h_j ≥ 1.",
    ),
    Bound(
        "exact.parity-any-depth", "neurons", "exact", "sign, any depth", "parity of M bits",
        "⌈log2(M + 1)⌉ sign neurons compute M-bit parity with skip edges (a binary counter whose "
        "last bit is the output), and no threshold network of any depth has fewer.",
        solver=_parity_any_depth, variables=("M",), applies=_single_output,
        formula="⌈log2(M + 1)⌉ (= M.bit_length())",
        hypotheses="N = 1, parity (or its complement) only; neurons = hidden units + the output; "
                   "any feed-forward connections; the lower half holds for real weights",
        reference="derived in memcap (docs/constructions.md, 'parity': construction and the "
                  "restriction proof); the ⌈log2(n+1)⌉-element ordered network: Arslanov, "
                  "Ashigaliev, Ismail, Neurocomputing 48, 2002; optimal threshold-gate counts "
                  "for parity: I. Wegener, Theoret. Comput. Sci. 85 (1991) 155-170 (abstracts "
                  "read); agrees with memcap minimal's certified minima for M ≤ 4",
        status="derived",
        sketch="Upper: unit i = L-1..0 computes bit i of the count s of +1 inputs, reading the "
               "inputs (weight 1) and the higher bits (weight -2^l); bit 0 = parity. Lower: the "
               "first unit reads only inputs; fixing the ⌈n/2⌉ inputs of largest |weight| to "
               "sign(b)·sign(w_j) makes it constant, and the rest computes ±parity of ⌊n/2⌋ "
               "inputs, so size(n) ≥ 1 + size(⌊n/2⌋), size(1) = 1.",
    ),
    Bound(
        "counting.any-depth", "neurons", "lower", "sign, any depth", _ANY,
        "Least s with s^N Π_{i=1}^{s} C(2^M, M+i) ≥ 2^(N 2^M): fewer sign neurons (any DAG) cannot "
        "realise every map, for every N (order Ω(√(N·2^M/M)) while N < 2^(2^(M-1)) - 2^M).",
        solver=_any_depth, variables=("M", "N"),
        formula="least s: s^N · Π_{i=1..s} C(2^M, M+i) ≥ 2^(N·2^M)",
        hypotheses="sign (threshold) units, any depth and any connections, real weights, each "
                   "network chosen for its map; the N outputs are N of the s neurons (several "
                   "outputs may share one)",
        reference="derived (docs/capacity.md, 'Many outputs'): counting with Cover 1965, Theorem "
                  "1, per neuron; for N = 1 the argument of V. I. Nechiporuk, Doklady AN SSSR "
                  "154(4), 1964 (lower bound ≈ 2·√(2^M/M))",
        status="derived",
        sketch="Order the neurons topologically. Neuron i reads M inputs and i - 1 earlier "
               "neurons; "
               "on the 2^M inputs its fan-in vectors are 2^M distinct points in R^(M+i-1), so it "
               "has at most C(2^M, M+i) dichotomies (Cover's count is the maximum over "
               "configurations). Choosing which neurons are the N outputs adds ≤ s^N. The product "
               "must reach 2^(N 2^M). log2 of the product is ≤ N log2 s + s + M(sM + s(s-1)/2), "
               "so s = Ω(√(N 2^M / M)) while log2 s ≤ 2^(M-1), i.e. for N < 2^(2^(M-1)) - 2^M; "
               "beyond, the output choice s^N dominates and, for fixed M, the bound tends to "
               "2^(2^M), the number of functions of M inputs. "
               "Solved by exact integer search (bit lengths of exact integers).",
    ),
    Bound(
        "counting.one-hidden-layer", "neurons", "lower", "sign, one hidden layer", _ANY,
        "Least k + N with [k ≥ 1]·C(U, k)·C(min(2^M, 2^k), k+1)^N + T^N ≥ 2^(N 2^M), "
        "T = C(2^M, M+1), U = ⌊(T - 2)/2⌋: one hidden layer of k units read by the outputs, "
        "or outputs that read the inputs when k = 0 (order Ω(N·2^M / (M(M + N))) hidden "
        "units).",
        solver=_one_hidden, variables=("M", "N"),
        formula="k + N, least k: [k ≥ 1]·C(U, k)·C(min(2^M, 2^k), k+1)^N + T^N ≥ 2^(N·2^M), "
                "T = C(2^M, M+1), U = ⌊(T - 2)/2⌋",
        hypotheses="memcap's layered model: one hidden layer of k sign units reading only the "
                   "inputs; N sign outputs that read ONLY the hidden layer when k ≥ 1 and the "
                   "inputs when k = 0; real weights. It also bounds strict layers (outputs "
                   "never read the inputs), which realise fewer maps, but not networks whose "
                   "outputs read the inputs beside hidden units",
        reference="derived: counting with Cover 1965, Theorem 1 (docs/capacity.md)",
        status="derived",
        sketch="With k ≥ 1, folding constant hidden units into the output biases, merging "
               "repeated units and replacing a unit by its complement (output weights change "
               "sign) leave the map unchanged, so the net is fixed by a set of at most k of the "
               "U = (T(M) - 2)/2 complementary pairs of non-constant threshold functions "
               "(T(M) ≤ C(2^M, M+1)), padded to k with unread pairs (≤ C(U, k); the least k is "
               "≤ 2^M - 1 ≤ U), and by N dichotomies of the ≤ min(2^M, 2^k) hidden vectors in "
               "R^k (each ≤ C(min(2^M, 2^k), k+1)); with k = 0 the N outputs are threshold "
               "functions of the inputs (≤ T^N maps). log2 of the count is ≤ k(M^2 + 1 + log2 e) + "
               "N(kM + 1), and for M ≥ 3 T^N ≤ 2^(N 2^M - 1), so k = Ω(N 2^M / (M(M + N))): "
               "Ω(N 2^M/M^2) for N ≤ M but only Ω(2^M/M) for N ≫ M (never above lookup's "
               "2^M - 1 + N). At M = 1 every map has k = 0 and the bound is N, exact. "
               "Solved by exact integer search on certified enclosures.",
    ),
    Bound(
        "counting.distinct-outputs", "neurons", "lower", "sign, any depth", _ANY,
        "A worst-case map has min(N, 2^(2^M) - 2M - 2) distinct outputs that are neither "
        "constants nor literals, each needing its own neuron; for M ≥ 2 also min(N, "
        "2^(2^M) - T(M)) + 1 (non-threshold outputs, plus the first neuron).",
        solver=_distinct_outputs, variables=("M", "N"),
        formula="max(min(N, 2^(2^M) - 2M - 2), [M≥2]·(min(N, 2^(2^M) - C(2^M, M+1)) + 1))",
        hypotheses="any depth, real weights; outputs may be read off ANY value (an input, the "
                   "constant, any neuron) and may share neurons; memcap's networks (N distinct "
                   "output units) always have ≥ N neurons anyway",
        reference="derived (elementary; docs/capacity.md, 'Many outputs'); T(M) ≤ C(2^M, M+1) "
                  "by Cover 1965, Theorem 1",
        status="derived",
        sketch="One neuron computes one function, and no input or constant equals a non-constant "
               "non-literal function: N pairwise distinct such outputs need N distinct neurons. "
               "The first neuron in topological order reads only inputs, so it is a threshold "
               "function: if no output is one, it is an extra neuron. Equals the exact worst "
               "case for M = 1, 2 and N ≤ 4 (the tests' brute force over all small networks).",
    ),
    Bound(
        "uml.thm20.6-edges", "parameters", "lower", "sign, any depth", _ANY,
        "Least |E| with (e·2^M)^|E| ≥ 2^(N·2^M): a graph whose sign networks realise every "
        "map {±1}^M → {±1}^N has that many joint behaviours on the 2^M inputs.",
        solver=_edges, variables=("M", "N"),
        formula="least E: (e·2^M)^E ≥ 2^(N·2^M)",
        hypotheses="ONE FIXED GRAPH (V, E) realises every map, only the weights change (UML's "
                   "H_{V,E,sign} ⊇ all functions, Thm 20.2); it does not bound the smallest "
                   "network for the worst map, where each map may use its own graph (that count "
                   "must include the choice of graph: counting.parameters-any-graph). Sign "
                   "units, any depth; |E| counts bias edges, so parameters ≥ |E|; the N outputs "
                   "are neurons of the graph",
        reference=f"{_UML}, Thm 20.6 (growth τ(m) ≤ (em)^|E|) and proof of Thm 20.2",
        status="derived",
        sketch="Thm 20.6's proof bounds the joint behaviour of all neurons on m = 2^M points by "
               "(em)^|E| (Sauer per neuron); every map {±1}^M → {±1}^N is one of them, so "
               "2^(N·m) ≤ (em)^|E|. The least integer E with E(1 + ln m) > N·m·ln 2 is found by "
               "integer search; each comparison is certified with interval arithmetic (equality "
               "is impossible since e is transcendental).",
    ),
    Bound(
        "counting.parameters-any-graph", "parameters", "lower", "sign, any depth", _ANY,
        "Least E with (E+N)^(N+1)·(3(A+1)·2^M)^E ≥ 2^(N 2^M), A = (E+N)M + (E+N)(E+N+1)/2, "
        "and at least counting.distinct-outputs: edges (so parameters) the worst map needs "
        "when each map may use its own graph.",
        solver=_edges_any_graph, variables=("M", "N"),
        formula="max(least E: (E+N)^(N+1)·(3(A+1)·2^M)^E ≥ 2^(N·2^M), A = (E+N)M + "
                "(E+N)(E+N+1)/2; counting.distinct-outputs)",
        hypotheses="sign units, any depth, real weights, a network (graph and weights) chosen "
                   "for each map; E counts non-zero weights and biases (UML's |E|), so dense "
                   "parameters ≥ E; outputs are N of the neurons",
        reference=f"derived (docs/capacity.md): {_UML}, Thm 20.6's growth bound per graph, "
                  "times the number of graphs",
        status="derived",
        sketch="Drop neurons no output depends on and fold constant hidden neurons into biases: "
               "≤ E + N neurons, only outputs edgeless. A DAG on s ≤ E + N neurons has ≤ A "
               "possible edges, so ≤ (A+1)^E graphs with ≤ E edges; on each, all neurons' "
               "joint behaviour on the 2^M inputs takes ≤ (e·2^M)^E values (Thm 20.6), e < 3; "
               "≤ (E+N)^N output choices and E + N sizes. Exact integer search. Each neuron "
               "counting.distinct-outputs requires is non-constant, so it has a non-zero weight "
               "of its own: E is at least that count too (it decides for N ≫ 2^M, where the "
               "first count falls; since 2026-12-03).",
    ),
    Bound(
        "uml.thm20.2-neurons", "neurons", "lower", "sign, any depth", _ANY,
        "Least s with s(M+1) + s(s-1)/2 ≥ E_min (E_min from uml.thm20.6-edges).",
        solver=_neurons_from_edges, variables=("M", "N"),
        formula="least s: s(M+1) + s(s-1)/2 ≥ least E with (e·2^M)^E ≥ 2^(N·2^M)",
        hypotheses="ONE FIXED GRAPH realises every map (as uml.thm20.6-edges); sign units, any "
                   "depth",
        reference=f"{_UML}, Thm 20.2 (argument) with Thm 20.6",
        status="derived",
        sketch="A DAG with s neurons on M inputs and a constant has at most s(M+1) + s(s-1)/2 "
               "edges; combine with uml.thm20.6-edges.",
    ),
    Bound(
        "uml.thm20.2", "neurons", "lower", "sign, any depth", _ANY,
        "The smallest graph whose sign networks realise all Boolean functions is exponential: "
        "|V| = Ω(2^(M/3)).",
        order="Ω(2^(M/3))", variables=("M",),
        hypotheses="one fixed graph realises every function (UML's s(n)); sign activation, any "
                   "depth; |V| counts all nodes",
        reference=f"{_UML}, Theorem 20.2",
        status="confirmed",
        sketch="VCdim ≥ 2^M and VCdim = O(|E| log |E|) ≤ O(|V|^3).",
    ),
    Bound(
        "siu-roychowdhury-kailath.depth3", "neurons", "upper", "sign, depth 3", _ANY,
        "Every Boolean function has a depth-3 threshold circuit with O(2^(M/2)) gates; Ω(2^(M/3)) "
        "gates are needed in general.",
        order="O(2^(M/2))", variables=("M",), applies=_single_output,
        hypotheses="threshold gates, unrestricted weights, N = 1",
        reference="K.-Y. Siu, V. Roychowdhury, T. Kailath, 'Depth-size tradeoffs for neural "
                  "computation', IEEE Trans. Computers 40(12), 1991 (abstract)",
        status="confirmed",
        sketch="Explicit constants: see construction.depth3.",
    ),
    Bound(
        "nechiporuk1964.lower", "neurons", "lower", "threshold, any depth", _ANY,
        "The worst-case Boolean function of M variables needs ≳ 2·√(2^M/M) threshold gates "
        "(asymptotically, M → ∞; the counting argument gives it for almost every function, "
        "but the recorded statement is the worst case).",
        order="≳ 2·√(2^M/M) (asymptotic)", variables=("M",),
        hypotheses="threshold gates, any depth, each gate reads the inputs and all earlier gates, "
                   "unbounded real weights, N = 1; asymptotic in M (no constant for finite M)",
        reference="V. I. Nechiporuk, 'The synthesis of networks from threshold elements', "
                  "Doklady AN SSSR 154(4), 1964 (proved there by counting partitions by "
                  "hyperplanes)",
        status="confirmed",
        sketch="Counting, as counting.any-depth (which evaluates a bound of this kind exactly).",
    ),
    Bound(
        "nechiporuk1964.upper", "neurons", "upper", "threshold, any depth", _ANY,
        "Every Boolean function of M variables has a threshold circuit with ≲ 2√2·√(2^M/M) "
        "gates (asymptotically): Θ(√(2^M/M)) is the worst-case order, not an open question.",
        order="≲ 2√2·√(2^M/M) (asymptotic)", variables=("M",), applies=_single_output,
        hypotheses="threshold gates, any depth, unbounded weights, N = 1; asymptotic in M",
        reference="V. I. Nechiporuk, Doklady AN SSSR 154(4), 1964 (stated there, proof not "
                  "given in the note; sovietrxiv ru-196401.16147); memcap's construction of "
                  "this order, with a larger constant, is construction.hall",
        status="partial",
        sketch="Stated in the 1964 note; constructions of this order: Lupanov 1972, Horne & "
               "Hush 1994 (not read here), and construction.hall (derived in memcap, about "
               "4.6·√(2^M/M) at M = 20).",
    ),
    Bound(
        "lupanov1972", "neurons", "upper", "threshold, any depth", _ANY,
        "Threshold circuits of the optimal order O(√(2^M/M)) for every Boolean function.",
        order="O(√(2^M/M))", variables=("M",), applies=_single_output,
        hypotheses="threshold gates, any depth, unbounded weights, N = 1",
        reference="O. B. Lupanov, 'Circuits using threshold elements', Soviet Physics Doklady "
                  "17(2), 1972 (cited by Horne & Hush 1994; text not read here)",
        status="unconfirmed",
    ),
    Bound(
        "horne-hush.node-complexity", "neurons", "upper", "threshold, any depth", _ANY,
        "O(√(2^M/M)) threshold nodes suffice for every Boolean function (matching the counting "
        "lower bound's order).",
        order="O(√(2^M/M))", variables=("M",), applies=_single_output,
        hypotheses="threshold nodes, N = 1; depth not re-checked here",
        reference="B. Horne, D. Hush, 'On the node complexity of neural networks', Neural "
                  "Networks 7(9), 1994 (as quoted in Beiu's abstract)",
        status="partial",
        sketch="The lower-bound order agrees with counting.any-depth and Nechiporuk 1964.",
    ),
)
