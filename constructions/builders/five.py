"""``five``: every map of five inputs in at most 5 neurons per output at any depth, 7 with one
hidden layer (derived; the certificate is :mod:`constructions.exact.five`).

Construction, per output ``f`` of five inputs. Every input ``x_j`` splits ``f`` into two 4-input
cofactors whose proven minima (the M = 4 tables) give the split's cost
(:func:`constructions.exact.five.split_costs`).

* *Any depth*: at the cheapest split (ties: the lowest ``j``), the Shannon merge
  (:func:`constructions.exact.shannon.merge_cofactor_networks`) of the cofactors' minimal
  networks (:mod:`constructions.builders.minimal`), with their neurons together: at most 5
  unless all ten cofactors need 3. For those functions (337 NPN classes) the shipped witness of
  the class, moved by the class transform (:func:`constructions.exact.five.five_witness_of`):
  3 or 4 neurons.
* *One hidden layer* (``strict_layers``): the ``gated`` network of the map
  (:mod:`constructions.builders.gated`), which for five inputs is one block: the cheapest split
  ``x_j`` by the hidden units it actually spends (a constant −1 half none, a constant +1 or
  threshold half one; ties: the lowest ``j``), its two halves' minimal networks gated on
  ``x_j``, and one output — at most 7 neurons unless the function is one of the 66 of
  :func:`~constructions.exact.five.hard_functions` (layered), which get their class's witness
  (5 or 6 neurons).

N outputs: one such network per output, side by side (any depth: each output's neurons read only
the inputs and its own earlier neurons; layered: the hidden units in one layer, each output
reading its own). The size is
the sum over outputs, at most 5N (any depth) and 7N (layered); outputs share nothing.

References
----------
Derived in memcap (docs/constructions.md, "five"; docs/exact.md, "M = 5 and 6").
"""

from __future__ import annotations

import numpy as np

from capacity.errors import NotApplicable, UsageError
from constructions.boolean import BooleanFunction
from constructions.builders._witnesses import moved_units, stack_any_depth
from constructions.builders.gated import build_gated, gated_size
from constructions.builders.minimal import build_minimal
from constructions.exact.five import FIVE_INPUT_TARGETS, five_witness_of, split_costs
from constructions.exact.npn import table_value
from constructions.exact.shannon import cofactors, merge_cofactor_networks
from constructions.network import SignNetwork

__all__ = ["FIVE_INPUTS", "build_five", "five_size"]

#: The one input count the builder covers.
FIVE_INPUTS = 5


def _check(function: BooleanFunction) -> None:
    if not isinstance(function, BooleanFunction):
        raise UsageError(f"build_five needs a BooleanFunction, got {type(function).__name__}")
    if function.inputs != FIVE_INPUTS:
        raise NotApplicable(f"five covers M = 5 only, got M = {function.inputs}: use 'minimal' "
                            "for M <= 4, 'auto' otherwise")


def _best_split(row: np.ndarray) -> tuple[int, int, BooleanFunction]:
    """(neurons, j, f) of the cheapest any-depth split of one output row (ties: the lowest j)."""
    cost, extra = split_costs("any-depth")
    f = BooleanFunction(row[None, :])
    best = None
    for j in range(FIVE_INPUTS):
        f1, f0 = cofactors(f, j)
        c = (int(cost[table_value(f1.to_strings()[0])])
             + int(cost[table_value(f0.to_strings()[0])]) + extra)
        if best is None or c < best[0]:
            best = (c, j)
    return best[0], best[1], f


def _output_size(row: np.ndarray) -> int:
    c, _, _ = _best_split(row)
    if c <= FIVE_INPUT_TARGETS["any-depth"]:
        return c  # the merge has exactly the cofactors' minimal neurons
    return five_witness_of(table_value(row), "any-depth")[0]["neurons"]


def five_size(function: BooleanFunction, *, strict_layers: bool = False) -> int:
    """Neurons of :func:`build_five`: per output, at any depth the cheapest split's cost (the
    cofactors' minima together) or its witness's size for the functions every split of which
    costs more; layered, :func:`~constructions.builders.gated.gated_size` (five inputs are
    one gated block: its cheapest split's hidden units or its witness's, plus the output);
    summed over the outputs.

    Examples
    --------
    >>> parity = BooleanFunction.from_strings("".join(str(bin(i).count("1") % 2)
    ...                                               for i in range(32)))
    >>> five_size(parity), five_size(parity, strict_layers=True)   # a cascade; 5 hidden units
    (3, 6)
    """
    _check(function)
    if strict_layers:
        return gated_size(function)
    return sum(_output_size(row) for row in function.table)


def _dense_units(net: SignNetwork) -> list[tuple[list[int], int]]:
    """``(weights over the inputs and every earlier unit, bias)`` of each unit, in order."""
    m, units = net.inputs, []
    for layer in net.layers:
        for u in range(layer.units):
            full = [0] * (m + len(units))
            for s, w in zip(layer.sources, layer.weights[u].tolist(), strict=True):
                full[s] += int(w)
            units.append((full, int(layer.biases[u])))
    return units


def _any_depth_units(row: np.ndarray) -> list[tuple[list[int], int]]:
    c, j, f = _best_split(row)
    if c <= FIVE_INPUT_TARGETS["any-depth"]:
        f1, f0 = cofactors(f, j)
        return _dense_units(merge_cofactor_networks(build_minimal(f1), build_minimal(f0), j))
    rec, t, negated = five_witness_of(table_value(row), "any-depth")
    return moved_units(rec["units"], t, FIVE_INPUTS, negated)


def build_five(function: BooleanFunction, *, strict_layers: bool = False) -> SignNetwork:
    """A network of every map of five inputs with at most 5 neurons per output (any depth) or
    7 (``strict_layers``: one hidden layer, no skip edges).

    Raises
    ------
    NotApplicable
        For M ≠ 5 (``auto`` then skips this builder).

    Examples
    --------
    >>> from constructions.families import make_function
    >>> from constructions.verify import verify
    >>> f = make_function("random", 5, seed=0)
    >>> net, layered = build_five(f), build_five(f, strict_layers=True)
    >>> verify(net, f).ok, verify(layered, f).ok, net.sizes().neurons <= 5, len(layered.layers)
    (True, True, True, 2)

    References
    ----------
    See the module docstring.
    """
    _check(function)
    m = FIVE_INPUTS
    table = tuple(function.to_strings())
    if strict_layers:
        return SignNetwork(m, build_gated(function).layers, method="five", truth_table=table)
    layers = stack_any_depth([_any_depth_units(row) for row in function.table], m)
    return SignNetwork(m, layers, method="five", truth_table=table)
