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
* *One hidden layer* (``strict_layers``): at the cheapest split, the ``gated`` construction of
  the function with ``x_j`` and ``x4`` exchanged (it splits on ``x4``), its reads of the two
  inputs exchanged back: the two blocks' hidden units and one output, at most 7 unless the
  function is one of the 66 of :func:`~constructions.exact.five.hard_functions` (layered), which
  get their class's witness (5 or 6 neurons).

N outputs: one such network per output, side by side (any depth: each output's neurons read only
the inputs and its own earlier neurons; layered: the hidden units in one layer, each output
reading its own, a hidden-free output becoming one hidden unit read with weight 1). The size is
the sum over outputs, at most 5N (any depth) and 7N (layered); outputs share nothing.

References
----------
Derived in memcap (docs/constructions.md, "five"; docs/exact.md, "M = 5 and 6").
"""

from __future__ import annotations

import numpy as np

from capacity.errors import NotApplicable, UsageError
from constructions.boolean import BooleanFunction
from constructions.builders._witnesses import move_input_weights, moved_units, stack_any_depth
from constructions.builders.gated import build_gated
from constructions.builders.minimal import build_minimal
from constructions.exact.five import FIVE_INPUT_TARGETS, five_witness_of, split_costs
from constructions.exact.npn import table_value
from constructions.exact.shannon import cofactors, merge_cofactor_networks
from constructions.network import Layer, SignNetwork

__all__ = ["FIVE_INPUTS", "build_five", "five_size"]

#: The one input count the builder covers.
FIVE_INPUTS = 5


def _check(function: BooleanFunction) -> None:
    if not isinstance(function, BooleanFunction):
        raise UsageError(f"build_five needs a BooleanFunction, got {type(function).__name__}")
    if function.inputs != FIVE_INPUTS:
        raise NotApplicable(f"five covers M = 5 only, got M = {function.inputs}: use 'minimal' "
                            "for M <= 4, 'auto' otherwise")


def _best_split(row: np.ndarray, arch: str) -> tuple[int, int, BooleanFunction]:
    """(cost, j, f) of the cheapest split of one output row (ties: the lowest j)."""
    cost, extra = split_costs(arch)
    f = BooleanFunction(row[None, :])
    best = None
    for j in range(FIVE_INPUTS):
        f1, f0 = cofactors(f, j)
        c = (int(cost[table_value(f1.to_strings()[0])])
             + int(cost[table_value(f0.to_strings()[0])]) + extra)
        if best is None or c < best[0]:
            best = (c, j)
    return best[0], best[1], f


def _output_size(row: np.ndarray, arch: str) -> int:
    if arch == "layered":  # gated may spend less than the split's cost (a constant-false block
        return len(_layered_parts(row)[1]) + 1  # is free, a threshold function one unit)
    c, _, _ = _best_split(row, arch)
    if c <= FIVE_INPUT_TARGETS[arch]:
        return c  # the merge has exactly the cofactors' minimal neurons
    return five_witness_of(table_value(row), arch)[0]["neurons"]


def five_size(function: BooleanFunction, *, strict_layers: bool = False) -> int:
    """Neurons of :func:`build_five`: per output, at any depth the cheapest split's cost (the
    cofactors' minima together) or its witness's size for the functions every split of which
    costs more; layered, the hidden units of the gated network at the cheapest split (at most
    the split's cost: a constant-false block needs none, a threshold function one unit) or of
    the witness, plus the output; summed over the outputs.

    Examples
    --------
    >>> parity = BooleanFunction.from_strings("".join(str(bin(i).count("1") % 2)
    ...                                               for i in range(32)))
    >>> five_size(parity), five_size(parity, strict_layers=True)   # a cascade; 5 hidden units
    (3, 6)
    """
    _check(function)
    arch = "layered" if strict_layers else "any-depth"
    return sum(_output_size(row, arch) for row in function.table)


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
    c, j, f = _best_split(row, "any-depth")
    if c <= FIVE_INPUT_TARGETS["any-depth"]:
        f1, f0 = cofactors(f, j)
        return _dense_units(merge_cofactor_networks(build_minimal(f1), build_minimal(f0), j))
    rec, t, negated = five_witness_of(table_value(row), "any-depth")
    return moved_units(rec["units"], t, FIVE_INPUTS, negated)


def _input_rows(layer: Layer, relabel: dict[int, int]) -> list[list[int]]:
    """Each unit's weights over the five inputs, input ``s`` read as ``relabel.get(s, s)``."""
    rows = []
    for u in range(layer.units):
        w = [0] * FIVE_INPUTS
        for s, v in zip(layer.sources, layer.weights[u].tolist(), strict=True):
            w[relabel.get(s, s)] += int(v)
        rows.append(w)
    return rows


def _layered_parts(row: np.ndarray) -> tuple[list[list[int]], list[int], list[int], int]:
    """``(hidden weights over the 5 inputs, hidden biases, output weights, output bias)``."""
    c, j, _ = _best_split(row, "layered")
    if c <= FIVE_INPUT_TARGETS["layered"]:
        idx = np.arange(1 << FIVE_INPUTS)
        swap = idx ^ ((((idx >> j) ^ (idx >> 4)) & 1) * ((1 << j) | 16))  # bits j and 4 exchanged
        net = build_gated(BooleanFunction(row[swap][None, :]))  # it splits on x4
        first = net.layers[0]
        rows = _input_rows(first, {j: 4, 4: j})
        if len(net.layers) == 1:  # a threshold (or constant) function: one unit read with weight 1
            return rows, [int(first.biases[0])], [1], 0
        out = net.layers[1]
        return (rows, [int(b) for b in first.biases.tolist()],
                [int(v) for v in out.weights[0].tolist()], int(out.biases[0]))
    rec, t, negated = five_witness_of(table_value(row), "layered")
    rows = [[int(v) for v in r]
            for r in move_input_weights(rec["hidden_weights"], t, FIVE_INPUTS).tolist()]
    sign = -1 if negated else 1
    return (rows, [int(b) for b in rec["hidden_biases"]],
            [sign * int(v) for v in rec["output_weights"]], sign * int(rec["output_bias"]))


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
        parts = [_layered_parts(row) for row in function.table]
        hidden_w = [w for p in parts for w in p[0]]
        hidden_b = [b for p in parts for b in p[1]]
        out_rows, out_b, start = [], [], 0
        for rows, _, out_w, ob in parts:
            full = [0] * len(hidden_b)
            full[start:start + len(rows)] = out_w
            out_rows.append(full)
            out_b.append(ob)
            start += len(rows)
        layers = (Layer.from_lists(hidden_w, hidden_b, list(range(m))),
                  Layer.from_lists(out_rows, out_b, list(range(m, m + len(hidden_b)))))
        return SignNetwork(m, layers, method="five", truth_table=table)
    layers = stack_any_depth([_any_depth_units(row) for row in function.table], m)
    return SignNetwork(m, layers, method="five", truth_table=table)
