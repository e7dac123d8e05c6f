"""Memorisation of n points: sizes that suffice (upper) or are needed (lower).

Examples
--------
>>> [b.id for b in MEMORISATION_BOUNDS][0]
'baum1988'
"""

from __future__ import annotations

import sympy

from capacity.bound import Bound, one_output_only
from capacity.symbols import N, d, n

__all__ = ["MEMORISATION_BOUNDS"]

_PTS = "arbitrary labels on n points in R^d"
#: Baum's and Zhang et al.'s statements are for one output (2026-12-06 review)
_one_output = one_output_only("stated for one output (N = 1)")

MEMORISATION_BOUNDS = (
    Bound(
        "baum1988", "hidden units", "upper", "sign, one hidden layer", _PTS,
        "⌈n/d⌉ hidden threshold units memorise arbitrary binary labels of n points in general "
        "position in R^d.",
        expr=sympy.ceiling(n / d), variables=("n", "d"),
        # stated for two classes: beside --classes 3 the row read as a claim Baum did not make
        # (2026-12-04 review); and for one output: at N = 2 it printed 1 hidden unit for 4
        # points in R^4, whose two hidden values cannot give the outputs 4 label pairs
        # (2026-12-06 review)
        applies=lambda p: ("stated for binary labels (V = 2)" if p.get("V", 2) != 2 else
                           _one_output(p)),
        hypotheses="binary labels; one output; points in general position; threshold units",
        reference="E. B. Baum, 'On the capabilities of multilayer perceptrons', J. Complexity "
                  "4(3):193–215, 1988 (as restated in Bubeck, Eldan, Lee, Mikulincer, NeurIPS "
                  "2020)",
        status="secondary",
        sketch="Not reproduced here: memcap read the statement in a secondary source (Bubeck et "
               "al. 2020's abstract) only, so the ⌈n/d⌉ count is quoted, not derived. (The "
               "sketch given until 2026-12-02, a pair of parallel hyperplanes isolating d "
               "points of the smaller class, gives 2⌈⌊n/2⌋/d⌉ units — sometimes fewer than "
               "⌈n/d⌉ (n = 5, d = 2: 2 against 3), sometimes more — and was not Baum's "
               "argument.)",
    ),
    Bound(
        "huang-babri1998", "hidden units", "upper", "one hidden layer, bounded nonlinear", _PTS,
        "At most n hidden neurons learn n distinct samples with zero error.",
        expr=n, variables=("n",),
        hypotheses="distinct inputs; bounded nonlinear activation with a limit at one infinity",
        reference="G.-B. Huang, H. A. Babri, IEEE Trans. Neural Networks 9(1):224–229, 1998",
        status="confirmed",
        sketch="Constructive: choose input weights so the n×n hidden matrix is invertible.",
    ),
    Bound(
        "huang2003", "hidden units", "upper", "two hidden layers, sigmoid", _PTS,
        "2√((N+2)n) hidden neurons in two hidden layers learn n distinct samples with arbitrarily "
        "small error (N outputs).",
        # not rounded: the abstract states a real number of neurons, and whether its
        # construction needs the floor or the ceiling of it could not be read (2026-12-01 audit:
        # rounding down claimed 7 neurons suffice at n = 5, N = 1 where 2√15 ≈ 7.75 is stated)
        expr=2 * sympy.sqrt((N + 2) * n), variables=("n", "N"), integral=False,
        hypotheses="distinct samples; N outputs; arbitrarily small (not zero) error; sigmoid-type",
        reference="G.-B. Huang, IEEE Trans. Neural Networks 14(2):274–281, 2003 (abstract)",
        status="confirmed",
        sketch="Constructive, two hidden layers; conversely Q hidden neurons store ≥ Q^2/(4(N+2)).",
    ),
    Bound(
        "zhang2017",
        "parameters", "upper", "ReLU, one hidden layer", "arbitrary real labels on n points in R^d",
        "A two-layer ReLU net with 2n + d weights represents any function on any n points in R^d.",
        expr=2 * n + d, variables=("n", "d"),
        # one real output: N outputs on n points are N·n free values, which 2n + d parameters
        # cannot cover for N ≥ 2 (it printed 22 parameters for 3 outputs on 10 points;
        # 2026-12-06 review)
        applies=_one_output,
        hypotheses="distinct points; one real output; n hidden units; weights (the parameter "
                   "count in the theorem)",
        reference="C. Zhang, S. Bengio, M. Hardt, B. Recht, O. Vinyals, 'Understanding deep "
                  "learning "
                  "requires rethinking generalization', ICLR 2017, Theorem 1",
        status="secondary",
        sketch="Project on a generic direction a (d weights), then n ReLUs with interleaved "
               "biases give a triangular, invertible system for the n output weights.",
    ),
    Bound(
        "sontag1997",
        "parameters", "lower", "analytic", "arbitrary binary labels on every set of n "
        "points in general position",
        "Shattering all sets of n points in general position needs at least (n-1)/2 parameters.",
        expr=(n - 1) / sympy.Integer(2), variables=("n",),
        hypotheses="analytic parametrisation (sigmoidal and threshold nets covered)",
        reference="E. Sontag, 'Shattering all sets of k points in general position requires "
                  "(k-1)/2 parameters', Rutgers SYCON report 96-01, 1996; Neural Computation "
                  "9, 1997",
        status="secondary",
    ),
    Bound(
        "yun-sra-jadbabaie2019", "hidden units", "exact", "ReLU, depth 3", _PTS,
        "3-layer ReLU nets memorise most datasets of n points with Θ(√n) hidden nodes; width "
        "Θ(√n) is necessary and sufficient.",
        order="Θ(√n)", variables=("n",),
        hypotheses="most datasets, distinct inputs, labels in [-1,1]; exact width condition "
                   "UNCONFIRMED",
        reference="C. Yun, S. Sra, A. Jadbabaie, 'Small ReLU networks are powerful memorizers', "
                  "NeurIPS 2019, arXiv 1810.07770",
        status="partial",
    ),
    Bound(
        "park2021", "parameters", "upper", "ReLU, any depth", _PTS,
        "O(n^(2/3)) parameters suffice to memorise n pairs.",
        order="O(n^(2/3))", variables=("n",),
        hypotheses="mild separation condition on the inputs",
        reference="S. Park, J. Lee, C. Yun, J. Shin, 'Provable memorization via deep neural "
                  "networks using sub-linear parameters', COLT 2021",
        status="confirmed",
    ),
    Bound(
        "vardi-yehudai-shamir2022", "parameters", "exact", "ReLU, any depth", _PTS,
        "Õ(√n) parameters memorise n points, optimal up to logs (VC bounds force Ω(√n)); "
        "at depth L ≤ √n, Õ(n/L).",
        order="Θ̃(√n)", variables=("n",),
        hypotheses="mild separability; weights of large bit complexity",
        reference="G. Vardi, G. Yehudai, O. Shamir, 'On the optimal memorization power of ReLU "
                  "neural networks', ICLR 2022",
        status="confirmed",
    ),
    Bound(
        "vershynin2020", "neurons", "upper", "threshold, any depth", _PTS,
        "Deep threshold nets memorise n points with Õ(e^(1/δ^2) + √n) neurons and "
        "Õ(e^(1/δ^2)(d + √n) + n) weights.",
        order="Õ(e^(1/δ^2) + √n)", variables=("n",),
        hypotheses="points on the sphere with minimum separation δ",
        reference="R. Vershynin, 'Memory capacity of neural networks with threshold and ReLU "
                  "activations', 2020 (as restated by Rajput et al. 2021)",
        status="secondary",
    ),
    Bound(
        "kim-kim-mozafari2023", "parameters", "upper", "transformer",
        "n sequence-to-sequence maps of length ℓ, d-dimensional tokens",
        "Transformers memorise n sequence-to-sequence maps of length ℓ with d-dimensional input "
        "tokens using Õ(d + ℓ + √(ℓ n)) parameters.",
        order="Õ(d + ℓ + √(ℓ·n))", variables=("n", "d"),
        hypotheses="token-wise separated inputs; with or without permutation equivariance "
                   "(positional encodings in the latter case); the paper writes N sequences of "
                   "length n: Õ(d + n + √(nN)); at fixed ℓ and d the growth in the number of "
                   "sequences is at most √ (memcap search --points n1,n2,... fits it for trained "
                   "transformers)",
        reference="J. Kim, M. Kim, B. Mozafari, 'Provable memorization capacity of transformers', "
                  "ICLR 2023 (abstract, checked against the ICLR 2023 proceedings text)",
        status="confirmed",
    ),
    Bound(
        "kajitsuka-sato2025", "parameters", "exact", "transformer",
        "next-token labels of n sequences of length ℓ",
        "Transformers memorise next-token labels of n sequences with Õ(√n) parameters, optimal up "
        "to logs; sequence-to-sequence needs and suffices Õ(√(ℓ n)) (hardmax).",
        order="Θ̃(√n)", variables=("n",),
        hypotheses="token-wise (r, δ)-separated sequences; lower bound for seq-to-seq with hardmax",
        reference="T. Kajitsuka, I. Sato, 'On the optimal memorization capacity of transformers', "
                  "ICLR 2025, arXiv 2409.17677 (abstract)",
        status="confirmed",
    ),
)
