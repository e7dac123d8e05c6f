"""The shipped minimal networks of M ≤ 4 inputs and the NPN transforms that reach every function.

``layered_witnesses.json`` and ``any_depth_witnesses.json`` (written by
:func:`constructions.exact.witnesses.write_witnesses`) hold one network of the proven minimal
size per NPN class. Every function ``g`` of ``m ≤ 4`` inputs is ``g(i) = s · r(src[t, i])`` for
one class representative ``r``, one input transform ``t``
(:func:`~constructions.exact.npn.input_transforms`) and a sign ``s``; :func:`witness_of` finds
them, and :func:`move_input_weights` turns weights on ``r``'s inputs into weights on ``g``'s:
``x(src[t, i])`` is a signed permutation of ``x(i)``, so ``w · x(src[t, i]) = w' · x(i)`` with
``w'`` the permuted, signed ``w``. Units reading earlier units keep those weights; a negated
class negates the output unit.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import numpy as np

from capacity.errors import UsageError
from capacity.options import is_integer
from constructions.boolean import all_inputs
from constructions.exact.npn import check_table_value, input_transforms, table_value
from constructions.exact.solver import check_arch
from constructions.network import Layer, SignNetwork

__all__ = ["WITNESS_INPUTS", "move_input_weights", "moved_units", "stack_any_depth",
           "stacked_network", "witness_of", "witness_records"]

#: Largest M with shipped witnesses.
WITNESS_INPUTS = 4

_FILES = {"layered": "layered_witnesses.json", "any-depth": "any_depth_witnesses.json"}


@lru_cache(maxsize=2)
def _file(arch: str) -> dict:
    text = resources.files("constructions.exact").joinpath(_FILES[arch]).read_text()
    return json.loads(text)["tables"]


def witness_records(arch: str, inputs: int) -> list[dict]:
    """The shipped records of one architecture and input count, one per NPN class.

    Parameters
    ----------
    arch : {"any-depth", "layered"}
        Architecture (normalised by ``check_arch``; else ``UsageError``).
    inputs : int
        Number of inputs, 1 to :data:`WITNESS_INPUTS` (4; else ``UsageError``).

    Returns
    -------
    list of dict
        The records, one per NPN class.

    Examples
    --------
    >>> [r["neurons"] for r in witness_records("any-depth", 2)]
    [1, 1, 1, 2]
    """
    arch = check_arch(arch)
    if not is_integer(inputs) or not 1 <= inputs <= WITNESS_INPUTS:  # 2.5 was read as 2
        raise UsageError(f"witnesses exist for 1 to {WITNESS_INPUTS} inputs, got {inputs!r}")
    m = int(inputs)
    return _file(arch)[str(m)]


@lru_cache(maxsize=4)
def _signed_permutations(m: int) -> tuple[np.ndarray, np.ndarray]:
    """For every input transform ``t``: ``x(src[t, i])_j = sign[t, j] · x(i)_{col[t, j]}``."""
    x = all_inputs(m).astype(np.int64)  # (P, m) ±1
    moved = x[input_transforms(m)]  # (T, P, m): x(src[t, i])
    # column j of a transform is ±(column k) of x: its inner product with column k is ±P and
    # with every other column 0 (distinct ±1 columns of the full cube are orthogonal)
    inner = np.einsum("tpj,pk->tjk", moved, x)  # (T, m, m)
    col = np.abs(inner).argmax(axis=2)  # (T, m)
    sign = np.sign(np.take_along_axis(inner, col[..., None], axis=2)[..., 0])  # (T, m)
    if not (np.abs(np.take_along_axis(inner, col[..., None], axis=2)) == len(x)).all():
        raise RuntimeError("witnesses: an input transform is not a signed permutation")
    return col.astype(np.int64), sign.astype(np.int64)


@lru_cache(maxsize=8)
def _orbits(arch: str, m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every ``m``-input table value ``g``: the record index ``r``, transform ``t`` and
    negation ``s`` with ``g(i) = s · rep_r(src[t, i])``."""
    reps = np.array([table_value(r["table"]) for r in witness_records(arch, m)],
                    dtype=np.int64)  # the NPN class representatives, in the file's order
    size = 1 << m
    full = (1 << size) - 1
    rep_bits = (reps[:, None] >> np.arange(size)) & 1  # (R, P)
    powers = np.int64(1) << np.arange(size, dtype=np.int64)  # (P,)
    which = np.full(1 << size, -1, dtype=np.int64)
    trans = np.zeros(1 << size, dtype=np.int64)
    neg = np.zeros(1 << size, dtype=bool)
    for t, src in enumerate(input_transforms(m)):
        g = rep_bits[:, src] @ powers  # (R,) tables of rep∘t
        for values, negated in ((g, False), (full ^ g, True)):
            new = which[values] < 0
            idx = values[new]
            which[idx] = np.arange(len(reps))[new]
            trans[idx] = t
            neg[idx] = negated
    if (which < 0).any():  # pragma: no cover - the NPN classes cover every function
        raise RuntimeError("witnesses: some function is in no NPN orbit")
    return which, trans, neg


def witness_of(arch: str, value: int, inputs: int) -> tuple[dict, int, bool]:
    """The record of the class of the ``inputs``-input function with integer table ``value``,
    the transform ``t`` and whether the output is negated.

    Parameters
    ----------
    arch : {"any-depth", "layered"}
        Architecture of the shipped records.
    value : int
        Integer truth table of the function (bit ``i``: the output on input ``i``).
    inputs : int
        Number of inputs m, 1 to 4.

    Returns
    -------
    tuple of (dict, int, bool)
        ``(record, t, negated)``.

    Examples
    --------
    >>> rec, t, negated = witness_of("any-depth", 0b1001, 2)   # XNOR: the XOR class, negated
    >>> rec["table"], negated
    ('0110', True)
    """
    m = _witness_inputs(inputs, "witness_of", WITNESS_INPUTS)
    value = check_table_value(value, m, "witness_of")  # -1 was the constant 1's witness
    which, trans, neg = _orbits(arch, m)
    return witness_records(arch, m)[int(which[value])], int(trans[value]), bool(neg[value])


def _witness_inputs(inputs, where: str, most: int | None = None) -> int:
    """``inputs`` as an int when it is an integer from 1 (to ``most``, when given), else one
    UsageError naming ``where`` (``int()`` read 2.5 as 2, 2026-12-07 audit)."""
    if not is_integer(inputs) or inputs < 1 or most is not None and inputs > most:
        raise UsageError(f"{where} takes " + (f"1 to {most}" if most else "at least 1")
                         + f" inputs, got {inputs!r}")
    return int(inputs)


def move_input_weights(weights, transform: int, inputs: int) -> np.ndarray:
    """Weights on a representative's ``inputs`` inputs (last axis) moved to the transformed
    function's inputs: ``w · x(src[t, i]) = w' · x(i)`` for every input ``i``.

    Parameters
    ----------
    weights : array_like of int
        Weights over the representative's inputs, reshaped to ``(H, inputs)``.
    transform : int
        Index of the input transform (a row of ``input_transforms(inputs)``).
    inputs : int
        Number of inputs m.

    Returns
    -------
    numpy.ndarray of object (Python int), shape (H, inputs)
        The moved weights.

    Examples
    --------
    >>> move_input_weights([[3, 5]], 0, 2).tolist()   # the identity transform
    [[3, 5]]
    """
    m = _witness_inputs(inputs, "move_input_weights")
    w = np.array(weights, dtype=object)
    if w.size % m:  # numpy's "cannot reshape" before (2026-12-07 audit)
        raise UsageError(f"move_input_weights: {w.size} weight(s) do not make rows of {m} "
                         "(one weight per input)")
    w = w.reshape(-1, m)
    cols, signs = _signed_permutations(m)
    if not is_integer(transform) or not 0 <= transform < len(cols):  # -1 wrapped to the last
        raise UsageError(f"transform must be an integer in 0..{len(cols) - 1}, got "
                         f"{transform!r}")
    moved = np.zeros_like(w)
    for j in range(m):
        moved[:, cols[transform, j]] += w[:, j] * int(signs[transform, j])
    return moved


def stack_any_depth(per_output: list[list[tuple[list[int], int]]], inputs: int
                    ) -> tuple[Layer, ...]:
    """The layers of one any-depth network holding one network per output side by side.

    ``per_output[n]`` lists output ``n``'s neurons as ``(weights, bias)``, the weights over the
    ``inputs`` inputs and that output's earlier neurons; its last neuron is the output. Each
    hidden neuron becomes a one-unit layer reading the inputs and its own output's earlier
    neurons; the outputs form the last layer, each reading the inputs and its own neurons.

    Parameters
    ----------
    per_output : list of list of tuple of (list of int, int)
        Each output's neurons as ``(weights, bias)``, as above.
    inputs : int
        Number of inputs M.

    Returns
    -------
    tuple of Layer
        The hidden one-unit layers, then the output layer.

    Examples
    --------
    >>> xor = [([-1, -1], -1), ([-1, -1, -2], -1)]         # NAND, then the output
    >>> [(list(l.sources), l.units) for l in stack_any_depth([xor, xor], 2)]
    [([0, 1], 1), ([0, 1], 1), ([0, 1, 2, 3], 2)]
    """
    m = int(inputs)
    layers, offsets, hidden = [], [], 0
    for units in per_output:  # each output's hidden neurons, in order
        offsets.append(hidden)
        for k, (w, b) in enumerate(units[:-1]):
            sources = list(range(m)) + [m + hidden - k + j for j in range(k)]
            layers.append(Layer.from_lists([w], [b], sources))
            hidden += 1
    rows, biases = [], []
    for units, start in zip(per_output, offsets, strict=True):
        w, b = units[-1]
        full = [0] * (m + hidden)
        full[:m] = w[:m]
        for j, v in enumerate(w[m:]):
            full[m + start + j] = v
        rows.append(full)
        biases.append(b)
    layers.append(Layer.from_lists(rows, biases, list(range(m + hidden))))
    return tuple(layers)


def stacked_network(function, units_of, method: str) -> SignNetwork:
    """The any-depth network of ``function`` whose output ``n`` is the network
    ``units_of(row_n)`` (neurons as in :func:`stack_any_depth`), side by side.

    Parameters
    ----------
    function : BooleanFunction
        The target; gives the inputs, the rows and the recorded truth table.
    units_of : callable
        Maps one output's table row to its neurons ``[(weights, bias), ...]``.
    method : str
        Name stored as the network's ``method``.

    Returns
    -------
    SignNetwork
        The stacked network.

    Examples
    --------
    >>> from constructions.boolean import BooleanFunction
    >>> xor = [([-1, -1], -1), ([-1, -1, -2], -1)]
    >>> net = stacked_network(BooleanFunction.from_strings("0110"), lambda row: xor, "demo")
    >>> net.method, net.sizes().neurons, net.truth_table
    ('demo', 2, ('0110',))
    """
    m = function.inputs
    layers = stack_any_depth([units_of(row) for row in function.table], m)
    return SignNetwork(m, layers, method=method, truth_table=tuple(function.to_strings()))


def moved_units(units: list[dict], transform: int, inputs: int, negated: bool
                ) -> list[tuple[list[int], int]]:
    """An any-depth witness's neurons (``{"weights", "bias"}``, weights over the inputs then the
    earlier neurons) as ``(weights, bias)`` of the transformed function: input weights moved by
    :func:`move_input_weights`, weights on earlier neurons kept, the output negated when
    ``negated``.

    Parameters
    ----------
    units : list of dict
        The witness's neurons in order, each ``{"weights", "bias"}``; the last is the output.
    transform : int
        Index of the input transform.
    inputs : int
        Number of inputs m.
    negated : bool
        Negate the output neuron's weights and bias.

    Returns
    -------
    list of tuple of (list of int, int)
        ``(weights, bias)`` per neuron, in order.

    Examples
    --------
    >>> moved_units([{"weights": [3, 5], "bias": 1}], 0, 2, True)   # identity, negated output
    [([-3, -5], -1)]
    """
    m = _witness_inputs(inputs, "moved_units")
    out = []
    for u in units:
        w = list(u["weights"])
        moved = [int(v) for v in move_input_weights([w[:m]], transform, m)[0]]
        out.append((moved + [int(v) for v in w[m:]], int(u["bias"])))
    if negated:
        w, b = out[-1]
        out[-1] = ([-v for v in w], -b)
    return out
