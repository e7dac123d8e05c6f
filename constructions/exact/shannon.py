"""Upper bounds by Shannon splitting: ``min(f) ≤ min(f|x_j=+1) + min(f|x_j=-1)`` at any depth.

For ``f = x_j ? f1 : f0`` take networks for the two cofactors (``M − 1`` inputs each) and merge
them into one any-depth network with as many neurons as the two together:

* the output unit of ``f1``'s network gets weight ``W1`` on ``x_j`` and bias ``−W1`` added, with
  ``2 W1 > Z1`` (``Z1`` bounds its pre-activation): it computes ``u1 = f1 ∧ [x_j = +1]`` and
  becomes a hidden unit;
* the output unit of ``f0``'s network gets ``−W0`` on ``x_j``, ``−W0`` on its bias, and weight ``V``
  on ``u1`` with ``V`` added to its bias, ``2V > Z0 + 2 W0``: it outputs
  ``u1 ∨ (f0 ∧ [x_j = −1]) = f``.

The added terms ``±W(x_j ± 1)`` and ``V (u1 + 1)`` are even on ±1 values, so odd pre-activations
stay odd. With the exact tables of ``M = 4`` (worst case 3 neurons) this proves that every
function of 5 inputs has an any-depth network of at most 6 neurons; with the reuse merge
(:mod:`constructions.exact.reuse`) and the witnesses of the certificate of
:mod:`constructions.exact.five` for the functions every split of which costs 5 or 6, at most 4.

References
----------
C. E. Shannon, "The synthesis of two-terminal switching circuits", Bell Syst. Tech. J. 28, 1949
(the decomposition); the merge is derived here and verified on every use.
"""

from __future__ import annotations

import numpy as np

from capacity.errors import UsageError
from capacity.options import is_integer
from constructions.boolean import BooleanFunction
from constructions.exact.npn import check_table_value
from constructions.network import Layer, SignNetwork

__all__ = ["cofactor_positions", "cofactor_value", "cofactors", "merge_cofactor_networks"]


def cofactor_positions(inputs: int, j: int, value: int) -> np.ndarray:
    """Where the cofactor at ``x_j`` = −1 (``value`` 0) or +1 (``value`` 1) of an
    ``inputs``-input table sits in it: entry ``r`` is the table position of the cofactor's input
    ``r`` (the other inputs in order).

    Parameters
    ----------
    inputs : int
        Number of inputs M of the table.
    j : int
        The input fixed.
    value : int
        0 for ``x_j = −1``, 1 for ``x_j = +1``.

    Returns
    -------
    numpy.ndarray of int64, shape (2^(M−1),)
        The positions.

    Examples
    --------
    >>> cofactor_positions(3, 1, 1).tolist()   # x1 = +1: positions 2, 3, 6, 7
    [2, 3, 6, 7]
    """
    if not is_integer(inputs) or inputs < 1:
        raise UsageError(f"cofactor_positions needs inputs >= 1, got {inputs!r}")
    _check_input(j, inputs)  # j = 5 of three inputs gave positions 32..35 of an 8-entry table
    if not is_integer(value) or value not in (0, 1):  # b = 2 read as 1, True as 1 (reviews)
        raise UsageError(f"value must be 0 (x_j = -1) or 1 (x_j = +1), got {value!r}")
    r = np.arange(1 << (int(inputs) - 1), dtype=np.int64)
    return (r & ((1 << j) - 1)) | (int(value) << j) | ((r >> j) << (j + 1))


def _check_input(j, inputs: int) -> None:
    """One UsageError unless ``j`` is an input index 0..inputs-1 (j = 5 of two inputs read 0,
    j = 3 was an IndexError and -1 a negative shift; 2026-12-05 review)."""
    if not is_integer(j) or not 0 <= j < inputs:
        raise UsageError(f"input index j must be an integer in 0..{inputs - 1}, got {j!r}")


def cofactor_value(value: int, inputs: int, j: int, b: int) -> int:
    """The integer table of the cofactor at ``x_j`` = −1 (``b`` 0) or +1 (``b`` 1) of the
    ``inputs``-input function with integer table ``value`` (bit ``i`` = output on input ``i``).

    Parameters
    ----------
    value : int
        Integer truth table of the function.
    inputs : int
        Number of inputs M.
    j : int
        The input fixed.
    b : int
        0 for ``x_j = −1``, 1 for ``x_j = +1``.

    Returns
    -------
    int
        The cofactor's integer table (``M − 1`` inputs).

    Examples
    --------
    >>> cofactor_value(0b1000, 2, 1, 1), cofactor_value(0b1000, 2, 1, 0)   # AND: x0, then 0
    (2, 0)
    """
    rows = cofactor_positions(inputs, j, b)  # checks inputs, j and b
    bits = (check_table_value(value, inputs, "cofactor_value") >> rows) & 1
    return int((bits << np.arange(len(rows), dtype=np.int64)).sum())


def cofactors(function: BooleanFunction, j: int) -> tuple[BooleanFunction, BooleanFunction]:
    """``(f|x_j=+1, f|x_j=-1)`` as functions of the other ``M − 1`` inputs (one output).

    Parameters
    ----------
    function : BooleanFunction
        The function; only its first output is read.
    j : int
        The input fixed.

    Returns
    -------
    tuple of (BooleanFunction, BooleanFunction)
        ``(f1, f0)``, the cofactors at ``x_j = +1`` and ``x_j = −1``.

    Examples
    --------
    >>> f1, f0 = cofactors(BooleanFunction.from_strings("0001"), 1)   # AND
    >>> f1.to_strings(), f0.to_strings()
    (['01'], ['00'])
    """
    m = function.inputs
    row = function.table[0]  # cofactor_positions checks j
    return (BooleanFunction(row[cofactor_positions(m, j, 1)]),
            BooleanFunction(row[cofactor_positions(m, j, 0)]))


def _units(net: SignNetwork, remap) -> list[tuple[list[int], list[int], int]]:
    """The units of ``net`` in order as (sources, weights, bias); sources through ``remap``."""
    out = []
    for layer in net.layers:
        for u in range(layer.units):
            out.append(([remap(s) for s in layer.sources],
                        [int(v) for v in layer.weights[u]], int(layer.biases[u])))
    return out


def merge_cofactor_networks(net1: SignNetwork, net0: SignNetwork, j: int) -> SignNetwork:
    """One any-depth network for ``x_j ? f1 : f0`` from networks of ``f1`` and ``f0``
    (``M − 1`` inputs, one output each), with ``neurons(net1) + neurons(net0)`` neurons.

    Parameters
    ----------
    net1 : SignNetwork
        One-output network of ``f1`` (the cofactor at ``x_j = +1``).
    net0 : SignNetwork
        One-output network of ``f0`` with the same ``M − 1`` inputs (else ``UsageError``).
    j : int
        Index of the new input ``x_j`` among the M inputs of the merged network.

    Returns
    -------
    SignNetwork
        The merged network, ``method`` ``"shannon"``.

    Examples
    --------
    >>> from constructions.builders import build
    >>> f = BooleanFunction.from_strings("01101001")                 # parity of 3
    >>> f1, f0 = cofactors(f, 2)
    >>> net = merge_cofactor_networks(build(f1, "parity", strict_layers=True),
    ...                               build(f0, "parity", strict_layers=True), 2)
    >>> from constructions.verify import verify
    >>> verify(net, f).ok, net.sizes().neurons
    (True, 6)
    """
    m = net1.inputs + 1
    if net1.outputs != 1 or net0.outputs != 1 or net0.inputs != m - 1:
        raise UsageError("Shannon merge needs two one-output networks of M - 1 inputs")
    _check_input(j, m)  # j = M built a network of another function (2026-12-07 audit)
    new_units: list[tuple[list[int], list[int], int]] = []

    def place(net):
        start = m + len(new_units)

        def remap(s):
            if s < m - 1:
                return s if s < j else s + 1
            return start + (s - (m - 1))
        return _units(net, remap)

    units1 = place(net1)
    src, w, b = units1[-1]
    big1 = sum(abs(v) for v in w) + abs(b) + 1  # 2·W1 > Z1 with W1 = big1
    units1[-1] = ([*src, j], [*w, big1], b - big1)
    new_units.extend(units1)
    u1 = m + len(new_units) - 1
    units0 = place(net0)
    src, w, b = units0[-1]
    big0 = sum(abs(v) for v in w) + abs(b) + 1
    big_v = sum(abs(v) for v in w) + abs(b) + 2 * big0 + 1
    units0[-1] = ([*src, j, u1], [*w, -big0, big_v], b - big0 + big_v)
    new_units.extend(units0)
    layers = tuple(Layer.from_lists([wt], [bias], sources) for sources, wt, bias in new_units)
    return SignNetwork(m, layers, method="shannon")


def _layered_parts(net: SignNetwork, remap) -> tuple[list[tuple[list[int], int]], list[int], int]:
    """Hidden units (weights over the M inputs, bias) and output (weights, bias) of a one-output
    layered network; a network without hidden layer becomes one hidden unit read with weight 1."""
    m = net.inputs + 1

    def row(layer, u):
        w = [0] * m
        for s, v in zip(layer.sources, layer.weights[u], strict=True):
            w[remap(s)] += int(v)
        return w, int(layer.biases[u])

    if len(net.layers) == 1:
        return [row(net.layers[0], 0)], [1], 0
    if len(net.layers) != 2 or any(s < net.inputs for s in net.layers[1].sources):
        raise UsageError("the layered Shannon merge needs networks with one hidden layer read "
                         "only by the output (build them with strict_layers=True)")
    hid, out = net.layers
    hidden = [row(hid, u) for u in range(hid.units)]
    pos = {s: i for i, s in enumerate(range(net.inputs, net.inputs + hid.units))}
    a = [0] * hid.units
    for s, v in zip(out.sources, out.weights[0], strict=True):
        a[pos[s]] += int(v)
    return hidden, a, int(out.biases[0])


def merge_cofactor_layered(net1: SignNetwork, net0: SignNetwork, j: int) -> SignNetwork:
    """One *layered* network for ``x_j ? f1 : f0`` from layered networks of the cofactors:
    ``H1 + H0 + 1`` hidden units and one output (a cofactor without hidden layer counts as one
    hidden unit).

    Hidden units of ``f1``'s network are switched off (−1) when ``x_j = −1`` (weight ``W`` on
    ``x_j``, bias ``−W``, ``2W`` above their pre-activation bound), those of ``f0``'s when
    ``x_j = +1``; one more hidden unit copies ``x_j``. With the output weights doubled, the
    output's bias ``B`` and weight ``V`` on the copy solve two linear equations so that its
    pre-activation is ``2 z1 + 1`` when ``x_j = +1`` and ``2 z0 + 1`` when ``x_j = −1`` (``z1``,
    ``z0`` the cofactor outputs' pre-activations, odd and non-zero): same signs, odd.

    Examples
    --------
    >>> from constructions.builders import build
    >>> from constructions.verify import verify
    >>> f = BooleanFunction.from_strings("01101001")                 # parity of 3
    >>> f1, f0 = cofactors(f, 0)
    >>> net = merge_cofactor_layered(build(f1, "parity", strict_layers=True),
    ...                              build(f0, "parity", strict_layers=True), 0)
    >>> verify(net, f).ok, net.sizes().hidden
    (True, 5)
    """
    m = net1.inputs + 1
    if net1.outputs != 1 or net0.outputs != 1 or net0.inputs != m - 1:
        raise UsageError("Shannon merge needs two one-output networks of M - 1 inputs")
    _check_input(j, m)  # j = -1 built a network of another function, j = M an IndexError

    def remap(s):
        return s if s < j else s + 1
    h1, a1, b1 = _layered_parts(net1, remap)
    h0, a0, b0 = _layered_parts(net0, remap)
    hidden = []
    for units, sign in ((h1, 1), (h0, -1)):
        for w, b in units:
            big = sum(abs(v) for v in w) + abs(b) + 1
            w = list(w)
            w[j] += sign * big
            hidden.append((w, b - big))
    hidden.append(([1 if i == j else 0 for i in range(m)], 0))  # copy of x_j (pre-act. ±1)
    s1, s0 = sum(a1), sum(a0)
    bias = b1 + b0 + 1 + s0 + s1
    v = b1 - b0 + s0 - s1
    out_w = [2 * x for x in a1] + [2 * x for x in a0] + [v]
    layers = (Layer.from_lists([w for w, _ in hidden], [b for _, b in hidden], range(m)),
              Layer.from_lists([out_w], [bias], range(m, m + len(hidden))))
    return SignNetwork(m, layers, method="shannon-layered")
