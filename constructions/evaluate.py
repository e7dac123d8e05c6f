"""Exact evaluation of sign networks and exhaustive verification against a truth table.

Exactness: every pre-activation is an integer sum of ±1 values times integer weights. Its absolute
value is at most ``B = max_u Σ|w_u| + |b_u|``. The evaluator picks the cheapest arithmetic in which
such sums are exact: float32 when ``B < 2**24``, float64 when ``B < 2**53`` (integers below these
bounds, and all their partial sums, are represented exactly, so BLAS matrix products give the exact
integer result), int64 below ``2**62``, and Python integers beyond.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from capacity.errors import UsageError

__all__ = ["LayeredNetwork", "batch_evaluator", "exact_dtype", "evaluate_batch"]


class LayeredNetwork(Protocol):
    """What the evaluator reads of a network (a :class:`~constructions.network.SignNetwork`).

    The evaluator sits below ``constructions.network`` (which calls it), so it names the shape it
    needs instead of importing the class.

    Examples
    --------
    >>> from constructions.network import Layer, SignNetwork
    >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))   # OR, one unit
    >>> net.inputs, net.outputs, net.values, net.layer_offsets(), net.preactivation_bound()
    (2, 1, 3, [2], 3)
    >>> evaluate_batch(net, np.array([[-1, -1], [1, -1]]))[0].ravel().tolist()
    [-1, 1]
    """

    inputs: int
    layers: Sequence

    @property
    def outputs(self) -> int: ...

    @property
    def values(self) -> int: ...

    def preactivation_bound(self) -> int:
        """An upper bound on every |pre-activation| (``max_u Σ|w_u| + |b_u|``), from which
        :func:`exact_dtype` picks the arithmetic.

        Examples
        --------
        >>> from constructions.network import Layer, SignNetwork
        >>> net = SignNetwork(2, (Layer.from_lists([[1, -2]], [3], [0, 1]),))
        >>> net.preactivation_bound()   # |1| + |-2| + |3|
        6
        """
        ...

    def layer_offsets(self) -> list[int]:
        """Global index of each layer's first unit: the inputs come first, then the units in
        layer order.

        Examples
        --------
        >>> from constructions.network import Layer, SignNetwork
        >>> net = SignNetwork(2, (Layer.from_lists([[1, 1], [1, -1]], [1, 1], [0, 1]),
        ...                       Layer.from_lists([[1, 1]], [1], [2, 3])))
        >>> net.layer_offsets()   # inputs 0..1, layer 0 at 2..3, layer 1 at 4
        [2, 4]
        """
        ...


def exact_dtype(bound: int):
    """The cheapest numpy dtype in which integer sums bounded by ``bound`` are exact.

    Examples
    --------
    >>> exact_dtype(1000), exact_dtype(2**30), exact_dtype(2**60), exact_dtype(2**70)
    (dtype('float32'), dtype('float64'), dtype('int64'), dtype('O'))
    """
    if bound < 2**24:
        return np.dtype(np.float32)
    if bound < 2**53:
        return np.dtype(np.float64)
    if bound < 2**62:
        return np.dtype(np.int64)
    return np.dtype(object)


def evaluate_batch(net: LayeredNetwork, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Evaluate ``net`` on the ±1 points ``x`` (shape ``(B, M)``, any numeric dtype; an entry
    that is not ±1 is refused), in exact integer arithmetic.

    Parameters
    ----------
    net : LayeredNetwork
        The network to evaluate.
    x : array_like, shape (B, M)
        Points with ±1 entries; a bool or complex array, another shape or another value raises
        ``UsageError``.

    Returns
    -------
    outputs : numpy.ndarray of int8, shape (B, N)
        ±1 outputs (``sign(0)`` counted as +1).
    min_abs_pre : numpy.ndarray, shape (B,)
        The smallest |pre-activation| met by each point over all units (0 flags a sign(0) case).

    Examples
    --------
    >>> from constructions.network import Layer, SignNetwork
    >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))   # OR
    >>> out, low = evaluate_batch(net, np.array([[-1, -1], [1, -1]]))
    >>> out.ravel().tolist(), low.tolist()
    ([-1, 1], [1, 1])
    """
    return batch_evaluator(net)(x)


def batch_evaluator(net: LayeredNetwork):
    """:func:`evaluate_batch` for one network, its weights converted to the exact dtype once:
    for callers that evaluate it chunk by chunk (a sampled check of a 2^19-unit network ran in
    chunks of 8 points and converted its 10^7 weights for each chunk, 2026-12-07).

    Parameters
    ----------
    net : LayeredNetwork
        The network to evaluate.

    Returns
    -------
    callable
        ``evaluate(x)``, with :func:`evaluate_batch`'s argument, checks and results.

    Examples
    --------
    >>> from constructions.network import Layer, SignNetwork
    >>> evaluate = batch_evaluator(SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),)))
    >>> [evaluate(np.array([[a, b]]))[0].item() for a in (-1, 1) for b in (-1, 1)]   # AND
    [-1, -1, -1, 1]
    """
    dtype = exact_dtype(net.preactivation_bound())
    layers = [(np.asarray(layer.sources, dtype=np.intp), layer.weights.astype(dtype).T,
               layer.biases.astype(dtype),
               start, layer.units)
              for layer, start in zip(net.layers, net.layer_offsets(), strict=True)]
    inputs, values, outputs = net.inputs, net.values, net.outputs

    def evaluate(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x = np.asarray(x)
        if x.ndim != 2 or x.shape[1] != inputs:
            raise UsageError(f"expected points of shape (B, {inputs}), got {x.shape}")
        if x.dtype == np.dtype(bool) or x.dtype.kind == "c" or not (np.abs(x) == 1).all():
            raise UsageError("the points must have entries ±1 (inputs are ±1, not 0/1 bits)")
        # exact: a float ±1 times a big weight rounds (2026-12-02)
        x = x.astype(np.int8, copy=False)
        batch = x.shape[0]
        table = np.empty((batch, values), dtype=dtype)  # (B, M + units)
        table[:, :inputs] = x
        min_abs = None
        for sources, w_t, biases, start, units in layers:
            pre = table[:, sources] @ w_t + biases  # (B, U)
            low = np.abs(pre).min(axis=1)  # (B,)
            min_abs = low if min_abs is None else np.minimum(min_abs, low)
            table[:, start : start + units] = np.where(pre >= 0, 1, -1)
        out = table[:, values - outputs :].astype(np.int8)
        return out, (min_abs if dtype == np.dtype(object) else min_abs.astype(np.int64))

    return evaluate
