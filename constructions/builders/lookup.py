"""The look-up-table construction (UML Claim 20.1) with the complement trick, multi-output.

Construction. One hidden layer of *pattern detectors*: the unit for an input pattern ``u`` has
weights ``u`` and bias ``1 - M``, so its pre-activation is ``⟨x, u⟩ - M + 1 = 1 - 2·dist(x, u)``,
positive iff ``x = u``. Output ``j`` is an OR of the detectors of a set ``C_j`` of patterns
(Lemma 20.4: weights 1, bias ``|C_j| - 1``) when ``C_j = f_j^{-1}(+1)``, or a NOR (weights −1,
bias ``1 - |C_j|``) when ``C_j = f_j^{-1}(-1)`` (the complement trick: ``f_j(x) = +1`` iff ``x`` is
none of its negatives). At most one detector fires, so the OR's pre-activation is ``-1`` (none) or
``+1`` (one), and the NOR's is the negation.

Sharing across outputs. The hidden layer holds the union ``U = ∪_j C_j``. Write the *signature*
of an input ``x`` as its column ``(f_1(x), ..., f_N(x))``. With the choice ``C_j = {x : f_j(x) ≠
σ_j}`` for a signature ``σ``, an input is outside ``U`` iff its signature is ``σ``; and for *any*
choice of sides the inputs outside ``U`` all share one signature. So the smallest union is
``2^M − max_σ #{x : sig(x) = σ}``, reached by ``σ`` = the most common signature — this builder
computes that optimum exactly (for N = 1 it is ``min(k, 2^M − k)``). Since there are at most
``min(2^N, 2^M)`` signatures, ``|U| ≤ 2^M − ⌈2^{M−N}⌉`` for every function.

Odd pre-activations. Detector: ``Σw + b = Σu + 1 − M ≡ M + 1 − M = 1``. OR over ``c`` detectors:
``c + c − 1``; NOR: ``−c + 1 − c``; both odd. By the parity argument of
:mod:`constructions.builders._common` every pre-activation is odd. A constant output (``C_j``
empty) gets only zero weights and bias ±1.

References
----------
S. Shalev-Shwartz and S. Ben-David, *Understanding Machine Learning*, Cambridge UP 2014, §20.3,
Claim 20.1 (depth-2 look-up network) and Lemma 20.4 (AND/OR as one sign unit).
"""

from __future__ import annotations

import numpy as np

from capacity.errors import UsageError
from constructions.boolean import BooleanFunction
from constructions.builders._common import (
    check_input_limit,
    detector_layer,
    finish,
    integer_parts,
    size_arguments,
)
from constructions.network import Layer, SignNetwork

__all__ = ["MAX_LOOKUP_INPUTS", "build_lookup", "lookup_hidden", "lookup_size"]

#: Largest M built without ``force=True`` (up to 2^M detectors of M weights each).
MAX_LOOKUP_INPUTS = 20


def _signatures(function: BooleanFunction) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Signature id of every input, the distinct signatures (N, S) and their counts."""
    table = function.table  # (N, 2^M)
    uniq, inverse, counts = np.unique(table.T, axis=0, return_inverse=True, return_counts=True)
    return inverse.reshape(-1), uniq.T, counts


def _chosen_sets(function: BooleanFunction, complement: bool) -> np.ndarray:
    """Boolean (N, 2^M) membership of each input in each output's chosen pattern set ``C_j``."""
    table = function.table  # (N, 2^M)
    if not complement:
        return table.copy()
    _, uniq, counts = _signatures(function)
    best = uniq[:, int(np.argmax(counts))]  # (N,) the most common signature
    return table != best[:, None]  # (N, 2^M)


def lookup_hidden(function: BooleanFunction, complement: bool = True) -> int:
    """Hidden units :func:`build_lookup` uses: ``2^M − max_σ #sig⁻¹(σ)`` (``|∪ f_j⁻¹(+1)|``
    without the complement trick).

    Parameters
    ----------
    function : BooleanFunction
        The target map.
    complement : bool, default True
        Use the complement trick (skip the inputs with the most common output signature); False
        counts every input where some output is +1.

    Returns
    -------
    int
        The number of hidden units.

    Examples
    --------
    >>> lookup_hidden(BooleanFunction.from_strings("0111"))   # OR: one negative
    1
    >>> lookup_hidden(BooleanFunction.from_strings("0111"), complement=False)
    3
    """
    return int(_chosen_sets(function, complement).any(axis=0).sum())


def lookup_size(inputs: int, positives: int | None = None, outputs: int = 1) -> int:
    """Neurons (hidden + output) of the look-up construction.

    With ``positives = k`` (N = 1): ``min(k, 2^M − k) + 1``. With ``positives=None``: the
    worst case over all functions {±1}^M → {±1}^N, ``2^M − ⌈2^{M−N}⌉ + N`` (``2^{M−1} + 1`` for
    N = 1; the plain Claim 20.1 network without the complement trick has ``2^M + 1``).

    Parameters
    ----------
    inputs : int
        Number of inputs M (at least 1, else ``UsageError``).
    positives : int or None, default None
        Number ``k`` of inputs mapped to +1, in ``[0, 2^M]``; only with ``outputs = 1``. None gives
        the worst case.
    outputs : int, default 1
        Number of outputs N (at least 1, else ``UsageError``).

    Returns
    -------
    int
        The neuron count.

    Examples
    --------
    >>> lookup_size(3, 2), lookup_size(3), lookup_size(3, outputs=2)
    (3, 5, 8)

    References
    ----------
    UML §20.3, Claim 20.1; the complement trick is Lemma 20.4 applied to ``¬f``.
    """
    m, n = size_arguments("lookup_size", inputs, outputs)
    total = 1 << m
    if positives is not None:
        if n != 1:
            raise UsageError("lookup_size: give positives=k only for N = 1")
        (positives,) = integer_parts(positives, "positives")
        if not 0 <= positives <= total:
            raise UsageError(f"positives must be in [0, 2^M] = [0, {total}], got {positives}")
        return min(positives, total - positives) + 1
    excluded = 1 << (m - n) if n <= m else 1
    return total - excluded + n


def build_lookup(function: BooleanFunction, *, strict_layers: bool = False,
                 complement: bool = True, force: bool = False) -> SignNetwork:
    """Build the (complemented, shared) look-up network of UML Claim 20.1.

    Parameters
    ----------
    function : BooleanFunction
        The target {±1}^M → {±1}^N.
    strict_layers : bool
        Accepted for interface uniformity; the network is strictly layered anyway.
    complement : bool
        Choose each output's detector set as in the module docstring (default). ``False`` gives
        the textbook construction with one detector per input in ``∪_j f_j⁻¹(+1)``.
    force : bool
        Allow ``M > MAX_LOOKUP_INPUTS`` (20).

    Returns
    -------
    SignNetwork
        Hidden layer of ``lookup_hidden(function, complement)`` detectors (omitted when that is
        0) and N OR/NOR outputs; ``method`` is ``"lookup"`` (``"lookup(plain)"`` without
        the complement trick).

    Examples
    --------
    >>> net = build_lookup(BooleanFunction.from_strings("0110"))
    >>> net.sizes().neurons, net.method
    (3, 'lookup')

    References
    ----------
    UML §20.3, Claim 20.1 and Lemma 20.4.
    """
    del strict_layers
    check_input_limit("lookup", function.inputs, MAX_LOOKUP_INPUTS, force,
                      "builds up to 2^M detectors")
    chosen = _chosen_sets(function, complement)  # (N, 2^M)
    negated = chosen != function.table  # (N, 2^M): True where C_j holds the negatives
    use_neg = negated.any(axis=1)  # (N,) C_j is the negatives (then it differs everywhere)
    union = np.flatnonzero(chosen.any(axis=0))  # (U,)
    counts = chosen.sum(axis=1).astype(np.int64)  # (N,)
    sign = np.where(use_neg, -1, 1).astype(np.int64)  # (N,)
    biases = sign * (counts - 1)  # (N,)  OR: c − 1; NOR: 1 − c
    method = "lookup" if complement else "lookup(plain)"
    m = function.inputs
    if union.size == 0:
        weights = np.zeros((function.outputs, 1), dtype=np.int64)  # (N, 1)
        return finish(function, [Layer(weights, biases, (0,))], method)
    hidden = detector_layer(union, tuple(range(m)))
    weights = chosen[:, union].astype(np.int64) * sign[:, None]  # (N, U)
    out = Layer(weights, biases, tuple(range(m, m + union.size)))
    return finish(function, [hidden, out], method)
