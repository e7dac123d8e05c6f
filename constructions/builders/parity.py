"""Parity (and anti-parity) of any subset of the inputs with one hidden unit per input read.

Construction. Let ``T`` be the set of inputs the parity reads, ``t = |T|``, and
``s = #{j ∈ T : x_j = +1}``. Hidden unit ``i = 1..t`` computes ``h_i = sign(Σ_{j∈T} x_j + t −
2i + 1)``; since ``Σ_{j∈T} x_j = 2s − t`` its pre-activation is ``2(s − i) + 1``: odd, and positive
iff ``s ≥ i`` (a "staircase" of thresholds). The output takes the alternating sum
``S = Σ_i (−1)^{i+1} h_i``. With ``[s ≥ i] = (h_i + 1)/2`` and ``c = Σ_{i=1}^t (−1)^{i+1}``
(1 for odd ``t``, else 0), ``Σ_i (−1)^{i+1}[s ≥ i] = s mod 2 = p`` gives ``S = 2p − c``, so the
output ``sign(S + c − 1)`` has pre-activation ``2p − 1 = ±1``. Anti-parity negates the output row.

The builder accepts every function whose outputs are each ``±χ_T`` for some subset ``T``
(parity or its complement on ``T``; ``T = ∅`` is a constant) and refuses anything else. Outputs
with the same ``T`` share their hidden units.

Odd pre-activations. Hidden unit: ``Σw + b = t + t − 2i + 1``, odd. Output: the weights sum to
``±c`` and the bias is ``±(c − 1)``: ``±(2c − 1)``, odd.

References
----------
The staircase construction is classical; see e.g. K.-Y. Siu, V. Roychowdhury, T. Kailath,
*Discrete Neural Computation*, Prentice Hall 1995, and R. Impagliazzo, R. Paturi, M. Saks, SIAM J.
Comput. 26(3), 1997 (depth–size trade-offs for parity). UML §20.3 for the sign-network model.
"""

from __future__ import annotations

import numpy as np

from capacity.errors import NotApplicable, UsageError
from constructions.boolean import BooleanFunction
from constructions.builders._common import finish
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


def parity_size(inputs: int) -> int:
    """Neurons of the parity network on all ``M`` inputs: ``M`` hidden + 1 output.

    References
    ----------
    The classical staircase (this module's docstring: K.-Y. Siu, V. Roychowdhury, T. Kailath,
    *Discrete Neural Computation*, Prentice Hall 1995); docs/constructions.md, "parity".

    Examples
    --------
    >>> parity_size(8)
    9
    """
    if int(inputs) < 1:
        raise UsageError(f"parity_size needs M >= 1, got {inputs}")
    return int(inputs) + 1


def build_parity(function: BooleanFunction, *, strict_layers: bool = False) -> SignNetwork:
    """Build the staircase network for parity/anti-parity of a subset of inputs (per output).

    Parameters
    ----------
    function : BooleanFunction
        Target whose every output is parity or anti-parity of a subset of the inputs.
    strict_layers : bool, default False
        Accepted for the builders' common signature and ignored (the network is layered anyway).

    Returns
    -------
    SignNetwork
        The network, ``method`` ``"parity"``; outputs of the same subset share hidden units.

    Raises
    ------
    ValueError
        If some output is not parity or anti-parity of a subset of the inputs.

    Examples
    --------
    >>> net = build_parity(BooleanFunction.from_strings("10010110"))   # anti-parity, M = 3
    >>> net.sizes().hidden, net.method
    (3, 'parity')
    """
    del strict_layers
    m = function.inputs
    specs = []
    for j in range(function.outputs):
        spec = parity_subset(function.table[j], m)
        if spec is None:
            raise NotApplicable(
                f"output {j} is not parity or anti-parity of a subset of the inputs; "
                "use method 'dnf', 'depth3', 'lookup' or 'auto'"
            )
        specs.append(spec)
    groups = list(dict.fromkeys(t for t, _ in specs if t))  # distinct non-empty subsets
    total = sum(len(t) for t in groups)
    out_w = np.zeros((function.outputs, max(total, 1)), dtype=np.int64)  # (N, H)
    out_b = np.zeros(function.outputs, dtype=np.int64)  # (N,)
    hid_w = np.zeros((total, m), dtype=np.int64)  # (H, M)
    hid_b = np.zeros(total, dtype=np.int64)  # (H,)
    start = {}
    pos = 0
    for t in groups:
        size = len(t)
        i = np.arange(1, size + 1)
        hid_w[pos:pos + size][:, list(t)] = 1
        hid_b[pos:pos + size] = size - 2 * i + 1
        start[t] = pos
        pos += size
    for j, (t, neg) in enumerate(specs):
        sgn = -1 if neg else 1
        if not t:
            out_b[j] = -sgn  # constant: parity of the empty set is −1
            continue
        size = len(t)
        c = size % 2
        alt = np.where(np.arange(1, size + 1) % 2 == 1, 1, -1)
        out_w[j, start[t]:start[t] + size] = sgn * alt
        out_b[j] = sgn * (c - 1)
    if total == 0:
        return finish(function, [Layer(out_w, out_b, (0,))], "parity")
    hidden = Layer(hid_w, hid_b, tuple(range(m)))
    return finish(function, [hidden, Layer(out_w, out_b, tuple(range(m, m + total)))], "parity")
