"""``five``: every map of five inputs in at most 4 neurons per output at any depth, 6 with one
hidden layer (derived; the certificate is :mod:`constructions.exact.five`); every map of six
inputs in at most 8 and 11.

Construction, per output ``f`` of five inputs. Every input ``x_j`` splits ``f`` into two 4-input
cofactors whose proven minima (the M = 4 tables) give the split's cost
(:func:`constructions.exact.five.split_costs`).

* *Any depth*: at the cheapest split (ties: the lowest ``j``), if it costs at most 4, the
  Shannon merge (:func:`constructions.exact.shannon.merge_cofactor_networks`) of the cofactors'
  minimal networks (:mod:`constructions.builders.minimal`), with their neurons together. Every
  other function (every split costs 5 or 6; 16 483 NPN classes) gets its class's shipped
  witness where the class has one (:func:`constructions.exact.five.class_witness`, 3 or 4
  neurons), otherwise the reuse merge of its class representative
  (:func:`constructions.exact.reuse.reuse_merge`: one cofactor's minimal network plus one
  neuron, 3 or 4), moved by the class transform.
* *One hidden layer* (``strict_layers``): the ``gated`` network of the map
  (:mod:`constructions.builders.gated`), which for five inputs is one block: the cheapest split
  ``x_j`` by the hidden units it actually spends (a constant −1 half none, a constant +1 or
  threshold half one; ties: the lowest ``j``), its two halves' minimal networks gated on
  ``x_j``, and one output — at most 6 neurons unless the function is one of the 33 863 476 of
  :func:`~constructions.exact.five.hard_functions` (layered), which get their class's witness
  (4 to 6 neurons).
* *Six inputs*: at any depth, every input ``x_j`` splits ``f`` into two 5-input cofactors, each
  built as above at its own size; at the cheapest split (ties: the lowest ``j``) their Shannon
  merge, at most 4 + 4 = 8 neurons. Layered, the ``gated`` network: two 5-input blocks of at
  most 5 hidden units and one output, at most 11.

N outputs: one such network per output, side by side (any depth: each output's neurons read only
the inputs and its own earlier neurons; layered: the hidden units in one layer, each output
reading its own). The size is
the sum over outputs, at most 4N (any depth) and 6N (layered) at M = 5, 8N and 11N at M = 6;
outputs share nothing.

References
----------
Derived in memcap (docs/constructions.md, "five"; docs/exact.md, "M = 5 and 6").
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np

from capacity.errors import NotApplicable, UsageError
from capacity.solvers import five_worst_case_neurons
from constructions.boolean import BooleanFunction
from constructions.builders._common import size_arguments
from constructions.builders.gated import build_gated, gated_size, gated_worst_size
from constructions.builders.minimal import build_minimal
from constructions.exact.five import (
    FIVE_INPUT_TARGETS,
    best_split,
    class_witness,
    five_class_of,
)
from constructions.exact.npn import table_value
from constructions.exact.reuse import reuse_merge
from constructions.exact.shannon import cofactors, merge_cofactor_networks
from constructions.exact.witness_networks import moved_units, stacked_network
from constructions.network import SignNetwork

__all__ = ["FIVE_INPUTS", "MAX_FIVE_INPUTS", "build_five", "five_size", "five_worst_size"]

#: The input count of the certified bound.
FIVE_INPUTS = 5

#: The largest M the builder covers (six inputs: the Shannon merge of two five-input networks).
MAX_FIVE_INPUTS = 6


def _check(function: BooleanFunction) -> None:
    if not isinstance(function, BooleanFunction):
        raise UsageError(f"build_five needs a BooleanFunction, got {type(function).__name__}")
    if not FIVE_INPUTS <= function.inputs <= MAX_FIVE_INPUTS:
        raise NotApplicable(f"five covers M = 5 and 6, got M = {function.inputs}: use 'minimal' "
                            "for M <= 4, 'auto' otherwise")


def five_worst_size(inputs: int, outputs: int = 1, *, strict_layers: bool = False) -> int:
    """The most neurons :func:`build_five` spends on a map of ``inputs`` (5 or 6) inputs and
    ``outputs`` outputs: ``4N`` / ``8N`` at any depth, ``6N`` / ``11N`` layered (upper bounds;
    at M = 5 the certified ones of :mod:`constructions.exact.five`).

    Parameters
    ----------
    inputs : int
        Number of inputs M, 5 or 6 (else ``UsageError``).
    outputs : int, default 1
        Number of outputs N (at least 1, else ``UsageError``).
    strict_layers : bool, default False
        The layered bound (:func:`~constructions.builders.gated.gated_worst_size`) instead.

    Returns
    -------
    int
        The worst-case neuron count.

    References
    ----------
    Derived for memcap, with the shipped M = 5 certificate (docs/exact.md, "M = 5 and 6").

    Examples
    --------
    >>> five_worst_size(5), five_worst_size(6), five_worst_size(6, 2, strict_layers=True)
    (4, 8, 22)
    """
    m, n = size_arguments("five_worst_size", inputs, outputs)  # int() read 5.9 as 5
    if not FIVE_INPUTS <= m <= MAX_FIVE_INPUTS:
        raise UsageError(f"five_worst_size needs M = 5 or 6 and N >= 1, got M = {m}, N = {n}")
    if strict_layers:
        return gated_worst_size(m, n)
    return five_worst_case_neurons(m, n)  # the registered bound's solver: one formula


def _best_split(row: np.ndarray) -> tuple[int, int, BooleanFunction]:
    """(neurons, j, f) of the cheapest any-depth split of one output row (ties: the lowest j)."""
    c, j = best_split(table_value(row), "any-depth")
    return c, j, BooleanFunction(row[None, :])


def _output_size(row: np.ndarray) -> int:
    if len(row) > 1 << FIVE_INPUTS:
        return _six_split(row)[0]
    c, _, _ = _best_split(row)
    if c <= FIVE_INPUT_TARGETS["any-depth"]:
        return c  # the merge has exactly the cofactors' minimal neurons
    return len(_hard_units(table_value(row)))


def _six_split(row: np.ndarray) -> tuple[int, int, BooleanFunction, BooleanFunction]:
    """(neurons, j, f1, f0) of the cheapest split of a six-input row into two five-input
    cofactors, each at its own size (ties: the lowest j)."""
    f = BooleanFunction(row[None, :])
    best = None
    for j in range(MAX_FIVE_INPUTS):
        f1, f0 = cofactors(f, j)
        c = _output_size(f1.table[0]) + _output_size(f0.table[0])
        if best is None or c < best[0]:
            best = (c, j, f1, f0)
    return best


def five_size(function: BooleanFunction, *, strict_layers: bool = False) -> int:
    """Neurons of :func:`build_five`: per output, at any depth the cheapest split's cost (the
    cofactors' minima together) or its witness's size for the functions every split of which
    costs more (six inputs: the cheapest split's two 5-input sizes together); layered,
    :func:`~constructions.builders.gated.gated_size` (five inputs are one gated block: its
    cheapest split's hidden units or its witness's, plus the output); summed over the outputs.

    Parameters
    ----------
    function : BooleanFunction
        Target of M = 5 or 6 inputs (other M: ``NotApplicable``).
    strict_layers : bool, default False
        Count the layered (gated) network instead of the any-depth one.

    Returns
    -------
    int
        Neurons of the network :func:`build_five` builds.

    References
    ----------
    Derived for memcap (docs/exact.md, "M = 5 and 6"; docs/constructions.md, "five").

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
    if len(row) > 1 << FIVE_INPUTS:  # six inputs: merge the cheapest split's five-input networks
        _, j, f1, f0 = _six_split(row)
        nets = [stacked_network(g, _any_depth_units, "five") for g in (f1, f0)]
        return _dense_units(merge_cofactor_networks(*nets, j))
    c, j, f = _best_split(row)
    if c <= FIVE_INPUT_TARGETS["any-depth"]:
        f1, f0 = cofactors(f, j)
        return _dense_units(merge_cofactor_networks(build_minimal(f1), build_minimal(f0), j))
    return _hard_units(table_value(row))


@lru_cache(maxsize=4096)
def _reused(rep: int) -> tuple:
    units = reuse_merge(rep)
    if units is None:  # the certificate says every class without a witness merges
        raise RuntimeError(f"the reuse merge failed on the class representative {rep}")
    return tuple((tuple(w), b) for w, b in units)


def _hard_units(value: int) -> list[tuple[list[int], int]]:
    """A network of at most 4 neurons for a 5-input function every split of which costs more
    (:func:`constructions.exact.five.hard_functions`): its class's shipped witness, or the
    reuse merge of its class representative, moved by the class transform."""
    rep, t, negated = five_class_of(value)
    record = class_witness(rep, "any-depth")
    units = (record["units"] if record is not None
             else [{"weights": list(w), "bias": b} for w, b in _reused(rep)])
    return moved_units(units, t, FIVE_INPUTS, negated)


def build_five(function: BooleanFunction, *, strict_layers: bool = False) -> SignNetwork:
    """A network of every map of five inputs with at most 4 neurons per output (any depth) or
    6 (``strict_layers``: one hidden layer, no skip edges); of six inputs, at most 8 or 11.

    Parameters
    ----------
    function : BooleanFunction
        Target of M = 5 or 6 inputs and any number of outputs (not a BooleanFunction:
        ``UsageError``).
    strict_layers : bool, default False
        Build one hidden layer without skip edges (the gated network) instead of any depth.

    Returns
    -------
    SignNetwork
        The network, with ``method`` ``"five"``.

    Raises
    ------
    NotApplicable
        For M other than 5 and 6 (``auto`` then skips this builder).

    Examples
    --------
    >>> from constructions.families import make_function
    >>> from constructions.verify import verify
    >>> f = make_function("random", 5, seed=0)
    >>> net, layered = build_five(f), build_five(f, strict_layers=True)
    >>> verify(net, f).ok, verify(layered, f).ok, net.sizes().neurons <= 4, len(layered.layers)
    (True, True, True, 2)
    >>> g = make_function("random", 6, seed=0)
    >>> six = build_five(g)
    >>> verify(six, g).ok, six.sizes().neurons == five_size(g) <= five_worst_size(6)
    (True, True)

    References
    ----------
    See the module docstring.
    """
    _check(function)
    if strict_layers:
        return replace(build_gated(function), method="five")
    return stacked_network(function, _any_depth_units, "five")
