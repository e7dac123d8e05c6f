"""The single perceptron: VC dimension, Cover's count, 2 bits per weight, Gardner's α_c(κ).

Examples
--------
>>> [b.id for b in PERCEPTRON_BOUNDS][:2]
['halfspace.vc', 'cover.count']
"""

from __future__ import annotations

import sympy

from capacity.bound import Bound
from capacity.symbols import d, kappa, n

__all__ = ["PERCEPTRON_BOUNDS", "gardner_alpha"]

_k = sympy.Symbol("k", integer=True, nonnegative=True)
_t = sympy.Symbol("t", real=True)


def gardner_alpha(margin: sympy.Expr = kappa) -> sympy.Expr:
    """Gardner's α_c(κ) = 1 / [(1 + κ^2) Φ(κ) + κ φ(κ)], exact sympy expression.

    References
    ----------
    E. Gardner, "The space of interactions in neural network models", J. Phys. A 21:257, 1988.

    Examples
    --------
    >>> gardner_alpha(0)
    2
    """
    phi = sympy.exp(-margin**2 / 2) / sympy.sqrt(2 * sympy.pi)
    big_phi = (1 + sympy.erf(margin / sympy.sqrt(2))) / 2
    return 1 / ((1 + margin**2) * big_phi + margin * phi)


PERCEPTRON_BOUNDS = (
    Bound(
        "halfspace.vc", "VC dimension", "exact", "perceptron", "affine halfspaces in R^d",
        "VCdim of affine halfspaces in R^d is d + 1.",
        expr=d + 1, variables=("d",),
        hypotheses="the class {x ↦ sign(<w, x> + b)}: w ∈ R^d, b ∈ R (affine, not homogeneous)",
        reference="UML (Shalev-Shwartz & Ben-David 2014), §9.1.3 (Theorem 9.3)",
        status="confirmed",
    ),
    Bound(
        "cover.count",
        "growth function", "exact", "perceptron", "n points in general position in R^d",
        "An affine perceptron in R^d realises exactly C(n, d+1) = 2 Σ_{k=0}^{d} C(n-1, k) "
        "labellings.",
        expr=2 * sympy.Sum(sympy.binomial(n - 1, _k), (_k, 0, d)), variables=("n", "d"),
        hypotheses="points in general position (homogeneous count C(n, d+1) in R^(d+1))",
        reference="T. M. Cover, IEEE Trans. Electronic Computers EC-14(3):326–334, 1965, Theorem 1",
        status="confirmed",
        sketch="Recursion C(P+1, d) = C(P, d) + C(P, d-1): a new point either leaves a dichotomy "
               "unique or is cut by a separating hyperplane through it.",
    ),
    Bound(
        "cover.two-bits-per-weight", "random-label threshold (points)", "exact", "perceptron",
        "random labels, points in general position in R^d",
        "At n = 2W = 2(d+1) points exactly half of all labellings are separable (C(2W, W) = "
        "2^(2W-1)) and the fraction drops sharply past it: the 50 % point of random-label "
        "separability, '2 bits per weight'.",
        expr=2 * (d + 1), variables=("d",),
        hypotheses="one perceptron, points in general position, uniformly random labels, W = d + 1 "
                   "weights. NOT a count of memorisable points (every labelling is separable only "
                   "up to n = W = d + 1 points: halfspace.vc) and NOT a lower bound on the "
                   "parameters of any network (info.*-params.cover-2 are reference scales)",
        reference="Cover 1965, Theorem 1; D. MacKay, Information Theory, Inference and Learning "
                  "Algorithms, CUP 2003, Ch. 40",
        status="secondary",
        sketch="C(2W, W) = 2 Σ_{k<W} C(2W-1, k) = 2^(2W-1) by symmetry of the binomial row.",
    ),
    Bound(
        "gardner.alpha-c", "random-label threshold (points per weight)", "exact", "perceptron",
        "random patterns per weight, margin κ, input dimension → ∞",
        "α_c(κ) = 1/[(1+κ^2)Φ(κ) + κφ(κ)] patterns per weight; α_c(0) = 2.",
        expr=gardner_alpha(kappa), variables=("kappa",), integral=False,
        hypotheses="spherical continuous weights, random patterns, input dimension → ∞ (Gardner's "
                   "N, not memcap's outputs), replica symmetric. "
                   "A threshold ratio (points per weight at which random labels stop being "
                   "separable with margin κ; 2 at κ = 0, as cover.two-bits-per-weight), NOT a "
                   "count of memorisable points (registered as 'memorisable points' until "
                   "2026-12-02)",
        reference="E. Gardner, J. Phys. A 21:257–270, 1988 (formula as in course notes)",
        status="secondary",
        sketch="1/α_c(κ) = ∫_{-κ}^{∞} Dt (t + κ)^2 with Dt the Gaussian measure.",
    ),
)
