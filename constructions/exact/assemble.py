"""An integer sign network from the tables of its hidden units: ``network_from_hidden``.

The exact search (:mod:`constructions.exact.search`) and the minimal tables
(:mod:`constructions.exact.tables`) both find *which* hidden functions work; this module turns
them into a network with integer weights, every pre-activation odd (never 0).
"""

from __future__ import annotations

import numpy as np

from capacity.errors import UsageError
from constructions.boolean import BooleanFunction, all_inputs
from constructions.exact.separate import separate
from constructions.exact.solver import check_arch
from constructions.network import Layer, SignNetwork

__all__ = ["network_from_hidden"]


def _odd(w: list[int], b: int) -> tuple[list[int], int]:
    if (sum(w) + b) % 2 == 0:
        return [2 * v for v in w], 2 * b + 1
    return list(w), b


def network_from_hidden(function: BooleanFunction, hidden: np.ndarray, arch: str,
                        fallback: list | None = None, method: str = "exact") -> SignNetwork:
    """The integer network of the architecture whose hidden units have the given tables.

    Every unit's weights come from :func:`~constructions.exact.separate.separate` on the points it
    sees (or from ``fallback``, the solver's integer weights, made odd); the caller verifies.

    Parameters
    ----------
    hidden : numpy.ndarray of bool, shape (H, 2^M)
        Hidden units' outputs on every input (in order).

    Examples
    --------
    >>> xor = BooleanFunction.from_strings("0110")
    >>> h = np.array([[1, 1, 1, 0]], dtype=bool)            # NAND
    >>> net = network_from_hidden(xor, h, "any-depth")
    >>> [layer.units for layer in net.layers], net.sizes().neurons
    ([1, 1], 2)
    """
    arch = check_arch(arch)
    m, n_out = function.inputs, function.outputs
    hidden = np.asarray(hidden, dtype=bool)
    if hidden.size % (1 << m):  # numpy's reshape ValueError before (2026-12-07 audit)
        raise UsageError(f"hidden tables of a {m}-input function must hold 2^{m} = {1 << m} "
                         f"values each, got {hidden.size} in all")
    hidden = hidden.reshape(-1, 1 << m)
    n_hid = hidden.shape[0]
    x = all_inputs(m).astype(np.int64)  # (P, M)
    hs = np.where(hidden, 1, -1).T.astype(np.int64)  # (P, H)
    units = []
    for unit in range(n_hid + n_out):
        is_out = unit >= n_hid
        if arch == "any-depth":
            sources = list(range(m + (n_hid if is_out else unit)))
        elif is_out and n_hid:
            sources = list(range(m, m + n_hid))
        else:
            sources = list(range(m))
        vals = np.hstack([x, hs])[:, sources]  # (P, fan-in)
        labels = function.table[unit - n_hid] if is_out else hidden[unit]
        found = separate(vals, labels)
        if found is None:
            if fallback is None:
                raise UsageError(f"unit {unit} is not separable on the points it reads")
            found = _odd(*fallback[unit])
        units.append((sources, found))
    layers = []
    if arch == "any-depth":
        for sources, (w, b) in units[:n_hid]:
            layers.append(Layer.from_lists([w], [b], sources))
    elif n_hid:
        layers.append(Layer.from_lists([u[1][0] for u in units[:n_hid]],
                                       [u[1][1] for u in units[:n_hid]], units[0][0]))
    outs = units[n_hid:]
    layers.append(Layer.from_lists([u[1][0] for u in outs], [u[1][1] for u in outs], outs[0][0]))
    return SignNetwork(m, tuple(layers), method=method, truth_table=tuple(function.to_strings()))
