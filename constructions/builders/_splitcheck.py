"""Fast exact exhaustive check of a sign network by splitting the inputs into two blocks.

Write input ``i = a·2^m + b`` (``X``-value ``a``: the high ``k`` bits; ``Y``-value ``b``: the low
``m`` bits). While every value a layer reads depends on ``X`` only or on ``Y`` only, a unit's
pre-activation is *separable*: ``P[a, u] + Q[b, u] + b_u`` with ``P`` (``2^k × U``) and ``Q``
(``2^m × U``) small integer matrices. Units reading one block only are evaluated on their
``2^k`` or ``2^m`` values; a unit reading both is zero somewhere iff the sets
``{P[a,u] + b_u}`` and ``{−Q[b,u]}`` intersect. After the first layer with such mixed units the
remaining layers are evaluated on the full grid in chunks of ``a`` (exact BLAS arithmetic as in
:mod:`constructions.evaluate`). For the depth-3 and look-up networks this costs one pass over the
``2^M × U`` grid of sign values instead of a ``2^M × U × fan-in`` matrix product.
"""

from __future__ import annotations

import numpy as np

from constructions.boolean import BooleanFunction, all_inputs
from constructions.evaluate import exact_dtype
from constructions.network import SignNetwork

__all__ = ["check_network_split"]


def check_network_split(net: SignNetwork, function: BooleanFunction, k: int | None = None,
                        budget: int = 1 << 22) -> None:
    """Raise ``AssertionError`` unless ``net`` realises ``function`` exactly with no zero
    pre-activation, checking all ``2^M`` inputs through the ``X``/``Y`` split (``k = |X|``).

    Examples
    --------
    >>> from constructions.builders import build
    >>> from constructions.families import make_function
    >>> f = make_function("random", 8, 2, seed=0)
    >>> check_network_split(build(f, "depth3"), f)
    """
    big_m = function.inputs
    k = big_m // 2 if k is None else int(k)
    m = big_m - k
    if net.inputs != big_m or net.outputs != function.outputs:
        raise AssertionError("network shape does not match the function")
    ya = all_inputs(m).astype(np.int64) if m else np.zeros((1, 0), np.int64)  # (2^m, m)
    xa = all_inputs(k).astype(np.int64) if k else np.zeros((1, 0), np.int64)  # (2^k, k)
    # kind of each value: 0 = X only, 1 = Y only, 2 = mixed (separable P + Q + bias)
    xval = {m + j: xa[:, j] for j in range(k)}  # value -> (2^k,)
    yval = {j: ya[:, j] for j in range(m)}  # value -> (2^m,)
    mixed: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # value -> (P + bias (2^k,), Q (2^m,))
    offsets = net.layer_offsets()
    split_layers = 0
    for layer, start in zip(net.layers, offsets, strict=True):
        if any(s in mixed for s in layer.sources):
            break
        w = layer.weights.astype(np.int64)  # (U, S)
        xs = [i for i, s in enumerate(layer.sources) if s in xval]
        ys = [i for i, s in enumerate(layer.sources) if s in yval]
        p = np.zeros((1 << k, layer.units), np.int64) + layer.biases.astype(np.int64)  # (2^k, U)
        q = np.zeros((1 << m, layer.units), np.int64)  # (2^m, U)
        mul = _exact_matmul(_bound(layer))
        if xs:
            p += mul(np.stack([xval[layer.sources[i]] for i in xs], 1), w[:, xs].T)
        if ys:
            q += mul(np.stack([yval[layer.sources[i]] for i in ys], 1), w[:, ys].T)
        reads_x = np.any(w[:, xs] != 0, axis=1) if xs else np.zeros(layer.units, bool)
        reads_y = np.any(w[:, ys] != 0, axis=1) if ys else np.zeros(layer.units, bool)
        for u in range(layer.units):
            if reads_x[u] and reads_y[u]:
                if np.intersect1d(p[:, u], -q[:, u]).size:
                    raise AssertionError(f"unit {start + u} has a zero pre-activation")
                mixed[start + u] = (p[:, u], q[:, u])
            elif reads_y[u]:
                pre = q[:, u] + p[0, u]
                if np.any(pre == 0):
                    raise AssertionError(f"unit {start + u} has a zero pre-activation")
                yval[start + u] = np.where(pre > 0, 1, -1)
            else:
                if np.any(p[:, u] == 0):
                    raise AssertionError(f"unit {start + u} has a zero pre-activation")
                xval[start + u] = np.where(p[:, u] > 0, 1, -1)
        split_layers += 1
    rest = net.layers[split_layers:]
    computed = set(range(offsets[split_layers], net.values)) if rest else set()
    need = sorted({s for layer in rest for s in layer.sources}
                  | (set(range(net.values - net.outputs, net.values)) - computed))
    cols = need + [start + u for layer, start in zip(rest, offsets[split_layers:], strict=True)
                   for u in range(layer.units)]
    col = {s: i for i, s in enumerate(cols)}
    bound = max([_bound(layer) for layer in rest] or [1])
    dtype = exact_dtype(bound) if bound >= 2**24 else np.dtype(np.float32)
    mix = [s for s in need if s in mixed]
    pm = np.stack([mixed[s][0] for s in mix], 1).astype(dtype) if mix else None  # (2^k, Um)
    qm = np.stack([mixed[s][1] for s in mix], 1).astype(dtype) if mix else None  # (2^m, Um)
    mix_idx = _index(col, mix)
    plan = [(_index(col, layer.sources), _index(col, range(start, start + layer.units)),
             np.ascontiguousarray(layer.weights.astype(dtype).T), layer.biases.astype(dtype))
            for layer, start in zip(rest, offsets[split_layers:], strict=True)]
    out_idx = _index(col, range(net.values - net.outputs, net.values))
    rows_a = max(1, budget // (max(1, len(cols)) << m))
    target = function.signs()  # (N, 2^M)
    for a0 in range(0, 1 << k, rows_a):
        a1 = min(1 << k, a0 + rows_a)
        batch = (a1 - a0) << m
        vals = np.empty((batch, len(cols)), dtype=dtype)  # (B, V)
        if mix and isinstance(mix_idx, slice):  # in place, no temporary
            grid = vals[:, mix_idx].reshape(a1 - a0, 1 << m, len(mix))  # (ca, 2^m, Um) view
            np.add(pm[a0:a1, None, :], qm[None, :, :], out=grid)
            np.sign(grid, out=grid)
        elif mix:
            grid = (pm[a0:a1, None, :] + qm[None, :, :]).reshape(batch, len(mix))  # (B, Um)
            vals[:, mix_idx] = np.sign(grid)
        for s in need:
            if s in xval:
                vals[:, col[s]] = np.repeat(xval[s][a0:a1], 1 << m)
            elif s in yval:
                vals[:, col[s]] = np.tile(yval[s], a1 - a0)
        for (src_idx, dst_idx, w_t, bias), start in zip(plan, offsets[split_layers:],
                                                         strict=True):
            pre = vals[:, src_idx] @ w_t + bias  # (B, U)
            if np.any(pre == 0):
                raise AssertionError(f"zero pre-activation in layer starting at value {start}")
            vals[:, dst_idx] = np.sign(pre)
        out = vals[:, out_idx].T  # (N, B)
        bad = np.flatnonzero(np.any(out != target[:, a0 << m:a1 << m], axis=0))
        if bad.size:
            raise AssertionError(f"network is wrong on input {(a0 << m) + int(bad[0])}")


def _index(col: dict[int, int], values) -> slice | np.ndarray:
    """Column positions of ``values``: a slice when contiguous (a view, no copy)."""
    idx = np.fromiter((col[s] for s in values), dtype=np.int64)
    if idx.size and np.array_equal(idx, np.arange(idx[0], idx[0] + idx.size)):
        return slice(int(idx[0]), int(idx[0]) + idx.size)
    return idx


def _exact_matmul(bound: int):
    """An exact integer matrix product: BLAS float64 when every partial sum is below 2^53."""
    if bound < 2**53:
        return lambda a, b: np.rint(a.astype(np.float64) @ b.astype(np.float64)).astype(np.int64)
    return lambda a, b: a.astype(object) @ b.astype(object) if bound >= 2**62 else a @ b


def _bound(layer) -> int:
    """``max_u Σ|w_u| + |b_u|``, vectorised when int64 sums cannot overflow."""
    w, b = layer.weights, layer.biases
    if w.dtype == np.int64 and b.dtype == np.int64 and layer.units:
        top = int(np.abs(w).max(initial=0)) + int(np.abs(b).max(initial=0)) + 1
        if top * (w.shape[1] + 1) < 2**62:
            return int((np.abs(w).sum(axis=1) + np.abs(b)).max())
    return layer.preactivation_bound()
