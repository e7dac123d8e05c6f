"""A single sign unit per output when every output is a threshold (linearly separable) function.

Method. For output ``f`` solve the linear program (HiGHS via ``scipy.optimize.linprog``)

    minimise Σ_j t_j   subject to   f(x)·(w·x + b) ≥ 1 for all x ∈ {±1}^M,  −t ≤ w ≤ t,

(an L1-minimal separating hyperplane with margin 1). Infeasible means ``f`` is not a threshold
function. The float solution is turned into integers by scaling by ``s = 1, 2, 3, …`` and
rounding; every candidate is verified *exactly* in integer arithmetic on all ``2^M`` inputs, and
the first one with ``f(x)·(w·x + b) ≥ 1`` everywhere is kept. This terminates: rounding moves
``s(w·x + b)`` by at most ``(M + 1)/2``, so any ``s > (M + 1)/2 + (LP tolerance)·s`` works.

Odd pre-activations. If the integer ``(w, b)`` has ``Σw + b`` odd, every pre-activation is odd
(parity argument of :mod:`constructions.builders._common`). Otherwise the builder outputs
``(2w, 2b + 1)``: a pre-activation ``z`` with ``|z| ≥ 1`` becomes ``2z + 1``, which is ``≥ 3``
when ``z ≥ 1`` and ``≤ −1`` when ``z ≤ −1`` — same sign, and odd.

References
----------
S. Muroga, I. Toda, S. Takasu, "Theory of majority decision elements", J. Franklin Inst. 271
(1961): integer weights of size at most ``(n+1)^{(n+1)/2}/2^n`` suffice for every threshold
function. UML §20.3 / Lemma 20.4 for sign units.
"""

from __future__ import annotations

import numpy as np

from capacity.errors import NotApplicable
from constructions.boolean import BooleanFunction
from constructions.builders._common import finish
from constructions.builders.suggest import universal_methods
from constructions.network import Layer, SignNetwork
from constructions.threshold import MAX_LINEAR_INPUTS, is_unate, threshold_weights

__all__ = ["MAX_LINEAR_INPUTS", "build_linear", "is_unate", "threshold_weights"]

# the LP and the unate test live one layer down (constructions.threshold), where the exact
# minima's witnesses use them too; re-exported here, their old home

def build_linear(function: BooleanFunction, *, strict_layers: bool = False) -> SignNetwork:
    """One sign unit per output (no hidden layer), for threshold functions only.

    Parameters
    ----------
    function : BooleanFunction
        Target; every output must be a threshold function (M ≤ 16 for the LP).
    strict_layers : bool, default False
        Accepted for the builders' common signature and ignored (the network has one layer).

    Returns
    -------
    SignNetwork
        One layer of N output units reading the inputs, ``method`` ``"linear"``.

    Raises
    ------
    ValueError
        ``"... is not a threshold function ..."`` when some output is not linearly separable.

    Examples
    --------
    >>> net = build_linear(BooleanFunction.from_strings("00010111"))   # majority of 3
    >>> net.layers[0].weights.tolist(), net.layers[0].biases.tolist()
    ([[1, 1, 1]], [0])

    References
    ----------
    Muroga, Toda & Takasu 1961; UML §20.3.
    """
    del strict_layers
    m = function.inputs
    weights = np.zeros((function.outputs, m), dtype=np.int64)  # (N, M)
    biases = np.zeros(function.outputs, dtype=np.int64)  # (N,)
    for j in range(function.outputs):
        found = threshold_weights(function.table[j], m)
        if found is None:
            which = "the function" if function.outputs == 1 else f"output {j}"
            raise NotApplicable(
                f"{which} is not a threshold function (no separating hyperplane exists); "
                + universal_methods(m, function.outputs)
            )
        weights[j], biases[j] = found
    return finish(function, [Layer(weights, biases, tuple(range(m)))], "linear")
