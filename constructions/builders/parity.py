"""Parity (and anti-parity) of any subset of the inputs: a binary counter at any depth, a
staircase in one hidden layer.

Let ``T`` be the set of inputs the parity reads, ``t = |T|``, and
``s = #{j ∈ T : x_j = +1}``, so ``Σ_{j∈T} x_j = 2s − t``.

Binary counter (any depth, the default). With ``L = t.bit_length()`` (``= ⌈log2(t + 1)⌉``),
unit ``i = L − 1, …, 0`` computes bit ``i`` of ``s``: with ``β_l = (h_l + 1)/2`` the bits
already computed and ``r_i = s − Σ_{l>i} 2^l β_l = s mod 2^{i+1}``, bit ``i`` is
``[r_i ≥ 2^i]``. The unit reads the inputs of ``T`` with weight 1 and the higher bits ``h_l``
with weight ``−2^l``, bias ``t − Σ_{l>i} 2^l − 2^{i+1} + 1``; its pre-activation is
``2(r_i − 2^i) + 1``: odd, positive iff ``r_i ≥ 2^i``. Bit 0 is ``s mod 2``, the parity, and is
the output (pre-activation ``2(s mod 2) − 1 = ±1``); units ``L − 1 … 1`` are hidden, so the
network has ``⌈log2(t + 1)⌉`` neurons, which is the fewest of any sign network for parity of
``t`` inputs (restriction argument, docs/constructions.md, "parity"). Anti-parity negates the
output row.

Staircase (``strict_layers``: one hidden layer, no skip edges). Hidden unit ``i = 1..t`` computes
``h_i = sign(Σ_{j∈T} x_j + t − 2i + 1)``; its pre-activation is ``2(s − i) + 1``: odd, and
positive iff ``s ≥ i``. The output takes the alternating sum ``S = Σ_i (−1)^{i+1} h_i``. With
``[s ≥ i] = (h_i + 1)/2`` and ``c = Σ_{i=1}^t (−1)^{i+1}`` (1 for odd ``t``, else 0),
``Σ_i (−1)^{i+1}[s ≥ i] = s mod 2 = p`` gives ``S = 2p − c``, so the output
``sign(S + c − 1)`` has pre-activation ``2p − 1 = ±1``. ``t + 1`` neurons.

The builder accepts every function whose outputs are each ``±χ_T`` for some subset ``T``
(parity or its complement on ``T``; ``T = ∅`` is a constant) and refuses anything else. Outputs
with the same ``T`` share their hidden units.

Odd pre-activations. Counter: ``2(r_i − 2^i) + 1``. Staircase hidden unit:
``Σw + b = t + t − 2i + 1``, odd; its output: the weights sum to ``±c`` and the bias is
``±(c − 1)``: ``±(2c − 1)``, odd.

References
----------
The staircase is classical (M. Hassoun, *Fundamentals of Artificial Neural Networks*, MIT Press
1995, §2.1; K.-Y. Siu, V. Roychowdhury, T. Kailath, *Discrete Neural Computation*, Prentice Hall
1995). The ⌈log2(n + 1)⌉-element "ordered" (cascade) parity network: Arslanov, Ashigaliev,
Ismail, "N-bit parity ordered neural networks", Neurocomputing 48, 2002 (abstract read). Its
optimality is proved in docs/constructions.md (a restriction argument, derived here); I. Wegener,
"The complexity of the parity function in unbounded fan-in, unbounded depth circuits",
Theoret. Comput. Sci. 85, 1991, reports optimal gate counts for threshold circuits (abstract
read, the statement not checked). UML §20.3 for the sign-network model.
"""

from __future__ import annotations

import numpy as np

from capacity.errors import NotApplicable
from constructions.boolean import BooleanFunction
from constructions.builders._common import finish, size_arguments
from constructions.builders.suggest import universal_methods
from constructions.network import Layer, SignNetwork

__all__ = ["build_parity", "parity_size", "parity_subset"]


def parity_subset(row: np.ndarray, inputs: int) -> tuple[tuple[int, ...], bool] | None:
    """``(T, negated)`` if the one-output table ``row`` is parity (or its complement) of ``T``.

    Parameters
    ----------
    row : array_like of bool, shape (2^M,)
        One output's truth table (entry ``i``: the value on input ``i``).
    inputs : int
        Number of inputs M.

    Returns
    -------
    tuple of (tuple of int, bool) or None
        The subset ``T`` (sorted input indices) and whether the table is the complement; None
        when the table is neither.

    Examples
    --------
    >>> parity_subset(np.array([0, 1, 1, 0], dtype=bool), 2)
    ((0, 1), False)
    >>> parity_subset(np.array([0, 0, 0, 1], dtype=bool), 2) is None
    True
    """
    row = np.asarray(row, dtype=bool)
    subset = tuple(j for j in range(inputs) if row[1 << j] != row[0])
    chi = np.zeros(1 << inputs, dtype=bool)  # (2^M,) parity on T, one byte an input
    for j in subset:  # flip every index whose bit j is set (int64 index arrays took 33 bytes
        chi.reshape(-1, 2, 1 << j)[:, 1, :] ^= True  # an input: 0.5 GB at M = 24)
    if np.array_equal(row, chi):
        return subset, False
    if np.array_equal(row, ~chi):
        return subset, True
    return None


def parity_size(inputs: int, strict_layers: bool = False) -> int:
    """Neurons of the parity network on all ``M`` inputs: ``⌈log2(M + 1)⌉`` at any depth (the
    binary counter, the fewest possible), ``M + 1`` in one hidden layer (the staircase).

    Parameters
    ----------
    inputs : int
        Number of inputs M (at least 1).
    strict_layers : bool, default False
        One hidden layer without skip edges (the staircase) instead of the counter.

    Returns
    -------
    int
        The neuron count, hidden units and the output.

    References
    ----------
    This module's docstring (the counter, the staircase: M. Hassoun, *Fundamentals of Artificial
    Neural Networks*, MIT Press 1995, §2.1); docs/constructions.md, "parity", for the proof that
    no sign network of any depth has fewer than ``⌈log2(M + 1)⌉`` neurons for parity.

    Examples
    --------
    >>> parity_size(8), parity_size(7), parity_size(8, strict_layers=True)
    (4, 3, 9)
    """
    inputs = size_arguments("parity_size", inputs)[0]
    return inputs + 1 if strict_layers else inputs.bit_length()


def _parity_specs(function: BooleanFunction) -> list[tuple[tuple[int, ...], bool]]:
    """``(T, negated)`` per output, or ``NotApplicable`` naming the first output that is not
    ``±χ_T``."""
    specs = []
    for j in range(function.outputs):
        spec = parity_subset(function.table[j], function.inputs)
        if spec is None:
            raise NotApplicable(
                f"output {j} is not parity or anti-parity of a subset of the inputs; "
                + universal_methods(function.inputs, function.outputs)
            )
        specs.append(spec)
    return specs


def build_parity(function: BooleanFunction, *, strict_layers: bool = False) -> SignNetwork:
    """Build a parity/anti-parity network of a subset of inputs (per output): the binary counter
    (any depth, ``⌈log2(t + 1)⌉`` neurons for a subset of ``t`` inputs) or, with
    ``strict_layers``, the staircase (one hidden layer of ``t`` units).

    Parameters
    ----------
    function : BooleanFunction
        Target whose every output is parity or anti-parity of a subset of the inputs.
    strict_layers : bool, default False
        One hidden layer read only by the outputs (no skip edges): the staircase.

    Returns
    -------
    SignNetwork
        The network, ``method`` ``"parity"``; outputs of the same subset share hidden units.

    Raises
    ------
    NotApplicable
        If some output is not parity or anti-parity of a subset of the inputs.

    Examples
    --------
    >>> f = BooleanFunction.from_strings("10010110")      # anti-parity, M = 3
    >>> build_parity(f).sizes().neurons, build_parity(f, strict_layers=True).sizes().neurons
    (2, 4)
    """
    specs = _parity_specs(function)
    groups = list(dict.fromkeys(t for t, _ in specs if t))  # distinct non-empty subsets
    if strict_layers:
        return _staircase(function, specs, groups)
    return _counter(function, specs, groups)


def _output_layer(function: BooleanFunction, specs, rows: dict, hidden: int) -> Layer:
    """The outputs' layer over the inputs and all ``hidden`` units: ``rows[T]`` is
    ``(weights over the M + hidden values, bias)`` of parity on ``T``; anti-parity negates it,
    the empty ``T`` is a constant (its pre-activation ``∓1``)."""
    m = function.inputs
    w = np.zeros((function.outputs, m + hidden), dtype=np.int64)  # (N, M + H)
    b = np.zeros(function.outputs, dtype=np.int64)  # (N,)
    for j, (t, neg) in enumerate(specs):
        sgn = -1 if neg else 1
        if not t:
            b[j] = -sgn  # parity of the empty set is −1
            continue
        w[j], b[j] = sgn * rows[t][0], sgn * rows[t][1]
    used = np.flatnonzero(w.any(axis=0))
    if used.size == 0:  # constants only: one (zero-weight) source keeps the layer well formed
        used = np.array([0])
    return Layer(w[:, used], b, tuple(int(s) for s in used))


def _staircase(function: BooleanFunction, specs, groups) -> SignNetwork:
    """One hidden layer: ``t`` staircase units per subset, alternating output weights."""
    m = function.inputs
    total = sum(len(t) for t in groups)
    hid_w = np.zeros((total, m), dtype=np.int64)  # (H, M)
    hid_b = np.zeros(total, dtype=np.int64)  # (H,)
    rows = {}
    pos = 0
    for t in groups:
        size = len(t)
        i = np.arange(1, size + 1)
        hid_w[pos:pos + size][:, list(t)] = 1
        hid_b[pos:pos + size] = size - 2 * i + 1
        row = np.zeros(m + total, dtype=np.int64)
        row[m + pos:m + pos + size] = np.where(i % 2 == 1, 1, -1)
        rows[t] = (row, size % 2 - 1)
        pos += size
    out = _output_layer(function, specs, rows, total)
    if total == 0:
        return finish(function, [out], "parity")
    return finish(function, [Layer(hid_w, hid_b, tuple(range(m))), out], "parity")


def _counter(function: BooleanFunction, specs, groups) -> SignNetwork:
    """Any depth: per subset, units for bits ``L − 1 … 1`` of the count, the output bit 0."""
    m = function.inputs
    layers, rows = [], {}
    total = sum(len(t).bit_length() - 1 for t in groups)
    for t in groups:
        size = len(t)
        higher: list[tuple[int, int]] = []  # (global index, bit l) of the bits computed so far
        for bit in range(size.bit_length() - 1, -1, -1):
            bias = size - sum(1 << lb for _, lb in higher) - (1 << (bit + 1)) + 1
            if bit == 0:
                row = np.zeros(m + total, dtype=np.int64)
                row[list(t)] = 1
                for index, lb in higher:
                    row[index] = -(1 << lb)
                rows[t] = (row, bias)
                break
            sources = (*t, *(index for index, _ in higher))
            weights = [1] * size + [-(1 << lb) for _, lb in higher]
            layers.append(Layer(np.array([weights], dtype=np.int64),
                                np.array([bias], dtype=np.int64), sources))
            higher.append((m + len(layers) - 1, bit))
    return finish(function, [*layers, _output_layer(function, specs, rows, total)], "parity")
