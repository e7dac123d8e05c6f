"""The depth-3 (two hidden layers) construction with about ``2·2^{M/2}`` units (Lupanov-type,
as corrected by Jukna & Sergeev), multi-output.

Construction. Split the inputs into ``Y = (x_0, …, x_{m−1})`` (the low ``m`` bits of the input
index) and ``X = (x_m, …, x_{M−1})`` (the high ``k = M − m`` bits), so input ``i = a·2^m + b`` has
``X``-value ``a`` and ``Y``-value ``b`` and the table of output ``j`` is a ``2^k × 2^m`` matrix
``T_j[a, b]``.

* Layer 1: one detector ``D_b`` per ``Y``-value ``b`` (weights = the ±1 pattern of ``b``, bias
  ``1 − m``); exactly one ``D_b`` is +1 on every input. (Jukna–Sergeev use the OR clause
  ``¬D_b``; a sign unit computes either at the same cost.)
* Layer 2: for each output ``j`` and each row ``a`` with ``P_a = {b : T_j[a,b] = 1}`` non-empty,
  one unit ``g_{j,a}`` that fires iff ``X = a`` and ``Y ∈ P_a``. It reads ``X`` with weights the
  pattern ``s_a`` of ``a`` (``⟨s_a, X⟩ = k − 2d``, ``d`` the Hamming distance) and either
  ``D_b`` with weight +1 for ``b ∈ P_a`` and bias ``|P_a| − k − 1``, or — when
  ``|P_a| > 2^{m−1}``, to save edges — ``D_b`` with weight −1 for ``b ∉ P_a`` and bias
  ``1 − k − |Q_a|`` (``Q_a`` the complement). In both cases the pre-activation is
  ``z − 2d − 1`` with ``z = 2·[Y ∈ P_a] ∈ {0, 2}``: it is ``+1`` iff ``d = 0`` and ``z = 2``, and
  ``≤ −1`` otherwise.
* Output ``j``: the OR of its ``t_j`` layer-2 units (weights 1, bias ``t_j − 1``). At most one of
  them fires (only the row ``a = X``), so the pre-activation is ±1.

Per output the builder realises ``f_j`` or ``¬f_j`` (then the output is a NOR: weights −1, bias
``1 − t_j``), whichever has fewer rows to keep (rows with ``P_a`` empty need no unit).

Sharing across the N outputs. Layer 1 (the ``2^m`` detectors of ``Y``) is built once and read by
every output; detectors that no layer-2 unit reads are dropped. A layer-2 unit depends only on
its row ``a`` and its set ``P`` (after the per-output choice of ``f_j`` or ``¬f_j``), so two
outputs whose row ``a`` keeps the same set read *one* shared unit (for ``N > 1``; a single
output never has two units with the same ``a``). Each output still ORs at most one firing unit
(only row ``a = X`` can fire), so its pre-activation stays ±1.

Size. With every row kept and no two outputs sharing a row (a random map, with high probability)
the network has ``2^m`` + ``N·2^k`` hidden units and ``N`` outputs; ``k`` is chosen to minimise
this (:func:`depth3_k`): ``min_k 2^{M−k} + N·2^k + N`` neurons (:func:`depth3_size`, the worst
case over all maps, registered as ``construction.depth3`` in :mod:`capacity`), about
``2√(N·2^M) + N`` at ``k ≈ (M − log2 N)/2``. For ``N = 1`` this is ``2^⌊M/2⌋ + 2^⌈M/2⌉ + 1`` —
exactly the Jukna–Sergeev gate count ``C_3(n) ≤ 2^k + 2^m + 1``. That count lets layer 2 read
the ``X`` literals directly (a skip edge, which memcap networks allow). With
``strict_layers=True`` the builder adds ``k`` pass-through units ``sign(x_j) = x_j`` (weight 1,
bias 0) to layer 1 so that every layer reads only the previous one: ``k`` more neurons.

Odd pre-activations. Detector: ``Σw + b ≡ m + 1 − m = 1``. Layer-2 unit: the pre-activation is
``z − 2d − 1`` with ``z`` even, so odd. Pass-through: ``1 + 0``. OR/NOR over ``t`` units:
``±(2t − 1)``. All odd (parity argument in :mod:`constructions.builders._common`).

References
----------
S. Jukna and I. Sergeev, "On Shannon functions for AC^0 circuits and AC^0 formulas", errata note
to S. Jukna, *Boolean Function Complexity* (Springer 2012),
web.vu.lt/mif/s.jukna/boolean/depth3.html, Theorem 1 (``C_3(n) ≤ c·2^{n/2} + 1``, ``c = 2``
for even n, ``3/√2`` for odd n).
O. B. Lupanov, "Implementing the algebra of logic functions in terms of constant-depth formulas
in the basis &, ∨, ¬", Soviet Physics Doklady 6 (1961).
K.-Y. Siu, V. Roychowdhury, T. Kailath, "Depth-size tradeoffs for neural computation", IEEE
Trans. Computers 40(12), 1991 (depth-3 threshold circuits with O(2^{n/2}) gates).
UML §20.3, Lemma 20.4 (AND/OR as one sign unit).
"""

from __future__ import annotations

import numpy as np

from capacity.errors import UsageError
from constructions.boolean import BooleanFunction
from constructions.builders._common import (
    check_input_limit,
    detector_layer,
    finish,
    index_patterns,
    integer_parts,
    size_arguments,
)
from constructions.network import Layer, SignNetwork

__all__ = ["MAX_DEPTH3_INPUTS", "build_depth3", "depth3_k", "depth3_size"]

#: Largest M built without ``force=True`` (the layer-2 matrix has about 2^M entries).
MAX_DEPTH3_INPUTS = 24


def _edge_estimate(m: int, k: int, n: int) -> int:
    """Edges of the worst case with about half of each row's detectors read."""
    return m * (1 << m) + n * (1 << k) * (k + max(1, (1 << m) // 2) + 1)


def depth3_k(inputs: int, outputs: int = 1, strict_layers: bool = False) -> int:
    """The split ``k = |X|`` minimising ``2^{M−k} + N·2^k`` (``+ k`` when strictly layered),
    ties broken by fewer edges, over ``0 ≤ k ≤ M − 1``.

    Parameters
    ----------
    inputs : int
        Number of inputs M (at least 1, else ``UsageError``).
    outputs : int, default 1
        Number of outputs N (at least 1, else ``UsageError``).
    strict_layers : bool, default False
        Count the ``k`` pass-through units a strictly layered network needs.

    Returns
    -------
    int
        The chosen ``k`` in ``[0, M − 1]``.

    Examples
    --------
    >>> depth3_k(20), depth3_k(20, outputs=4), depth3_k(1)
    (10, 9, 0)
    """
    m_all, n = size_arguments("depth3_k", inputs, outputs)  # int() read 5.7 as 5, True as 1

    def key(k: int) -> tuple[int, int]:
        m = m_all - k
        neurons = (1 << m) + n * (1 << k) + (k if strict_layers else 0)
        return neurons, _edge_estimate(m, k, n)

    return min(range(m_all), key=key)


def _checked_k(k, inputs: int) -> int:
    """A user's split ``k`` as an int in [0, M − 1]; one line otherwise (2.5 was cut to 2)."""
    (k,) = integer_parts(k, "depth3 split k")
    if not 0 <= k < inputs:
        raise UsageError(f"depth3 split k must be in [0, M-1] = [0, {inputs - 1}], got {k}")
    return k


def depth3_size(inputs: int, outputs: int = 1, k: int | None = None,
                strict_layers: bool = False) -> int:
    """Neurons of the depth-3 network when every row is kept and no unit is shared (the worst
    case over all maps): ``2^{M−k} + N·2^k + N`` (``+ k`` pass-through units when strictly
    layered). Layer 1 (``2^{M−k}``) is shared by the N outputs.

    With the default ``k`` and ``N = 1`` this is ``2^⌊M/2⌋ + 2^⌈M/2⌉ + 1`` for ``M ≥ 2``.

    Parameters
    ----------
    inputs : int
        Number of inputs M.
    outputs : int, default 1
        Number of outputs N.
    k : int or None, default None
        The split ``|X|``, in ``[0, M − 1]`` (else ``UsageError``); None takes :func:`depth3_k`.
    strict_layers : bool, default False
        Add the ``k`` pass-through units of a strictly layered network.

    Returns
    -------
    int
        The neuron count.

    Examples
    --------
    >>> depth3_size(20), 2**10 + 2**10 + 1
    (2049, 2049)
    >>> depth3_size(5), depth3_size(5, strict_layers=True), depth3_size(4, outputs=3)
    (13, 15, 17)

    References
    ----------
    Jukna & Sergeev, errata note to *Boolean Function Complexity*, Theorem 1.
    """
    inputs, outputs = size_arguments("depth3_size", inputs, outputs)
    k = depth3_k(inputs, outputs, strict_layers) if k is None else _checked_k(k, inputs)
    return (1 << (inputs - k)) + outputs * (1 << k) + outputs + (k if strict_layers else 0)


def build_depth3(function: BooleanFunction, *, strict_layers: bool = False,
                 k: int | None = None, force: bool = False) -> SignNetwork:
    """Build the two-hidden-layer network of the module docstring.

    Parameters
    ----------
    function : BooleanFunction
        The target {±1}^M → {±1}^N.
    strict_layers : bool
        Add ``k`` pass-through units so layer 2 reads only layer 1 (no skip edges).
    k : int, optional
        Number of ``X`` inputs (default :func:`depth3_k`).
    force : bool
        Allow ``M > MAX_DEPTH3_INPUTS`` (24; the dense layer-2 matrix needs ``8·2^M`` bytes).

    Returns
    -------
    SignNetwork
        ``method`` is ``"depth3(k=K)"`` (``"depth3(k=K,strict)"`` when strictly layered).

    Examples
    --------
    >>> from constructions.families import make_function
    >>> net = build_depth3(make_function("random", 6, seed=0))
    >>> net.sizes().hidden_per_layer, net.method
    ((8, 8), 'depth3(k=3)')

    References
    ----------
    Jukna & Sergeev (errata note, Theorem 1); Lupanov 1961; Siu, Roychowdhury & Kailath 1991.
    """
    big_m, n = function.inputs, function.outputs
    check_input_limit("depth3", big_m, MAX_DEPTH3_INPUTS, force,
                      f"needs about {8 << big_m >> 20} MiB per output")
    k = depth3_k(big_m, n, strict_layers) if k is None else _checked_k(k, big_m)
    m = big_m - k
    tables = function.table.reshape(n, 1 << k, 1 << m)  # (N, 2^k, 2^m) [j, a, b]
    nonempty = tables.any(axis=2).sum(axis=1)  # (N,)
    notfull = (~tables.all(axis=2)).sum(axis=1)  # (N,)
    negate = notfull < nonempty  # (N,) realise ¬f_j with a NOR output
    grids = np.where(negate[:, None, None], ~tables, tables)  # (N, 2^k, 2^m)
    keep = grids.any(axis=2)  # (N, 2^k)
    out_j, rows_a = np.nonzero(keep)  # (K2,), (K2,) (output, row) pairs, by output then row
    rows = grids[out_j, rows_a]  # (K2, 2^m)
    rows_a, rows, unit_of = _share_units(rows_a, rows, n)  # (U2,), (U2, 2^m), (K2,)
    width = rows.sum(axis=1).astype(np.int64)  # (K2,) |P_a|
    use_q = width > (1 << m) // 2  # (K2,)
    det_w = np.where(use_q[:, None], -(~rows).astype(np.int64), rows.astype(np.int64))  # (K2, 2^m)
    det_b = np.where(use_q, 1 - k - ((1 << m) - width), width - k - 1)  # (K2,)
    used = np.flatnonzero(det_w.any(axis=0))  # (D,) detectors read by some unit
    x_w = index_patterns(rows_a, k)  # (K2, k)

    counts = keep.sum(axis=1).astype(np.int64)  # (N,) t_j
    sign = np.where(negate, -1, 1).astype(np.int64)  # (N,)
    out_b = sign * (counts - 1)  # (N,)
    name = f"depth3(k={k}{',strict' if strict_layers else ''})"
    x_src = tuple(range(m, big_m))
    if out_j.size == 0:
        return finish(function, [Layer(np.zeros((n, 1), dtype=np.int64), out_b, (0,))], name)

    layers: list[Layer] = []
    first = big_m
    det_src: tuple[int, ...] = ()
    if used.size:
        layers.append(detector_layer(used, tuple(range(m))))
        det_src = tuple(range(first, first + used.size))
        first += used.size
    if strict_layers and k:
        passthrough = Layer(np.eye(k, dtype=np.int64), np.zeros(k, dtype=np.int64), x_src)
        if layers:  # merge the pass-through units into layer 1
            d = layers[0]
            w1 = np.zeros((used.size + k, m + k), dtype=np.int64)  # (D + k, m + k)
            w1[: used.size, :m] = d.weights
            w1[used.size:, m:] = np.eye(k, dtype=np.int64)
            b1 = np.concatenate([d.biases, np.zeros(k, dtype=np.int64)])
            layers[0] = Layer(w1, b1, tuple(range(big_m)))
        else:
            layers.append(passthrough)
        x_src = tuple(range(first, first + k))
        first += k
    w2 = np.concatenate([x_w, det_w[:, used]], axis=1)  # (K2, k + D)
    layers.append(Layer(w2, det_b, x_src + det_src))
    out_w = np.zeros((n, rows_a.size), dtype=np.int64)  # (N, U2)
    out_w[out_j, unit_of] = sign[out_j]
    layers.append(Layer(out_w, out_b, tuple(range(first, first + rows_a.size))))
    return finish(function, layers, name)


def _share_units(rows_a: np.ndarray, rows: np.ndarray, outputs: int):
    """Merge layer-2 units with the same row ``a`` and set ``P`` (they compute the same value).

    Returns the distinct ``(a, P)`` in first-occurrence order and, for every ``(output, row)``
    pair, the index of its unit. With one output every ``a`` occurs once: nothing to merge.

    Examples
    --------
    >>> a = np.array([0, 1, 0]); p = np.array([[1, 0], [0, 1], [1, 0]], dtype=bool)
    >>> ua, up, of = _share_units(a, p, 2)
    >>> ua.tolist(), of.tolist()
    ([0, 1], [0, 1, 0])
    """
    if outputs == 1 or rows_a.size == 0:
        return rows_a, rows, np.arange(rows_a.size)
    keys = np.concatenate([rows_a[:, None], rows.astype(np.int64)], axis=1)  # (K2, 1 + 2^m)
    _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    order = np.argsort(first)  # distinct units in first-occurrence order
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    keep = first[order]
    return rows_a[keep], rows[keep], rank[inverse.reshape(-1)]
