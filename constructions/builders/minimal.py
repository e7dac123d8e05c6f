"""``minimal``: every map of at most four inputs at its proven minimal size, output by output.

Construction. ``constructions/exact/any_depth_witnesses.json`` holds, for one function of every
NPN class of M ≤ 4 inputs, an any-depth network (each neuron reads the inputs and every earlier
neuron) with exactly the minimal number of neurons of the exact tables (``memcap minimal``;
CP-SAT with the Muroga weight bound, every witness verified on all inputs). A function ``g`` of
the class is ``g(i) = s · r(src[t, i])``: moving each neuron's input weights by the signed input
permutation of ``t`` (the weights on earlier neurons stay) and negating the output neuron when
``s = −1`` gives a network of ``g`` with the same neurons and the same pre-activation values,
permuted over the inputs — so every pre-activation stays odd and correctly signed. With
``strict_layers`` the layered minimum is built instead (:mod:`constructions.builders.gated`, whose
single block is the minimal layered network).

N outputs. Each output gets its own minimal network, the outputs' hidden neurons side by side
(each reads only its own output's earlier neurons); the size is the sum of the per-output minima,
an upper bound on the joint minimum (outputs could share neurons), not the joint minimum itself.
With ``strict_layers`` the outputs read only the hidden layer once it has a unit, so a threshold
output beside others with hidden units costs one hidden unit more than its 1-neuron minimum, and
the sum of the per-output layered minima is then no upper bound on the joint minimum: (x0,
x1 ⊕ x2) needs 5 neurons (``exact_minimum``), its outputs' minima sum to 1 + 3 (2026-12-03
audit); the builder's size is :func:`~constructions.builders.gated.gated_size`, 5 there, and
for (AND, XOR) 5 against a joint minimum of 4 (OR and NAND shared).

References
----------
The exact minima: docs/exact.md (constructions.exact; OEIS A000370 for the NPN classes).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from capacity.errors import NotApplicable, UsageError
from constructions.boolean import BooleanFunction
from constructions.builders.gated import build_gated, gated_size
from constructions.exact.npn import table_value
from constructions.exact.witness_networks import (
    WITNESS_INPUTS,
    moved_units,
    stacked_network,
    witness_of,
)
from constructions.network import SignNetwork

__all__ = ["build_minimal", "minimal_size"]


def _output_network(row: np.ndarray, m: int) -> list[tuple[list[int], int]]:
    """Neurons of the minimal any-depth network of one output row: ``(weights, bias)`` with the
    weights over the inputs then this network's earlier neurons; the last neuron is the output."""
    rec, t, negated = witness_of("any-depth", table_value(row), m)
    return moved_units(rec["units"], t, m, negated)


def _check(function: BooleanFunction) -> None:
    if not isinstance(function, BooleanFunction):
        raise UsageError(f"build_minimal needs a BooleanFunction, got {type(function).__name__}")
    if function.inputs > WITNESS_INPUTS:
        raise NotApplicable(f"minimal covers M <= {WITNESS_INPUTS} inputs (the exact tables); "
                            f"got M = {function.inputs}: use 'exact' for one function or 'auto'")


def minimal_size(function: BooleanFunction, *, strict_layers: bool = False) -> int:
    """Neurons of :func:`build_minimal`: the sum over outputs of each output's proven minimum.

    Parameters
    ----------
    function : BooleanFunction
        Target of at most 4 inputs (more: ``NotApplicable``).
    strict_layers : bool, default False
        Count the layered network (:func:`~constructions.builders.gated.gated_size`) instead of
        the any-depth minima.

    Returns
    -------
    int
        The neuron count.

    References
    ----------
    Computed by memcap with certificates (docs/exact.md): the proven minimum of the
    function's NPN class.

    Examples
    --------
    >>> minimal_size(BooleanFunction.from_strings("0110100110010110"))  # 4-bit parity
    3
    >>> minimal_size(BooleanFunction.from_strings("0110100110010110"), strict_layers=True)
    5
    """
    _check(function)
    m = function.inputs
    if strict_layers:
        return gated_size(function)
    return sum(witness_of("any-depth", table_value(row), m)[0]["neurons"]
               for row in function.table)


def build_minimal(function: BooleanFunction, *, strict_layers: bool = False) -> SignNetwork:
    """The proven-minimal network of every output of a map of at most four inputs.

    Parameters
    ----------
    strict_layers : bool
        Build the minimal one-hidden-layer network instead of the any-depth one.

    Raises
    ------
    NotApplicable
        For ``M > 4`` (``auto`` then skips this builder).

    Examples
    --------
    >>> from constructions.verify import verify
    >>> f = BooleanFunction.from_strings("0110100110010110")       # 4-bit parity
    >>> net = build_minimal(f)
    >>> verify(net, f).ok, net.sizes().neurons      # the minimum (parity's counter: also 3)
    (True, 3)

    References
    ----------
    See the module docstring.
    """
    _check(function)
    m = function.inputs
    if strict_layers:
        return replace(build_gated(function), method="minimal")
    return stacked_network(function, lambda row: _output_network(row, m), "minimal")
