"""``xorsys``: a thermometer, small *universal XOR systems* and a parity staircase (derived here).

Any depth, skip edges. About ``2·√(c_m·2^{M−m})`` neurons with ``(m, c_m) = (4, 6)``: 1282 at
M = 20 against depth3's 2049. The order is still ``2^{M/2}``, not the optimal ``√(2^M/M)``.

Construction. Split the input index into ``i`` (bits ``0..m−1``), a *block* ``β`` (bits
``m..m+h−1``) and ``R`` (bits ``m+h..M−1``, ``r = M − m − h`` of them), so input
``i + 2^m·β + 2^{m+h}·R``. A *universal XOR system* on ``m`` bits is a list of integer vectors
``a_1..a_c`` such that every subset ``P`` of ``{0,1}^m`` is ``⊕_j {i : a_j·i < T_j}`` for some
integers ``T_j`` (``a_j·i`` over the 0/1 bits of ``i``). The systems of :data:`XOR_SYSTEMS` are
checked to be universal by exhausting all ``2^{2^m}`` subsets (:func:`decode_table`, a
meet-in-the-middle enumeration of every combination of prefixes).

1. Thermometer on ``R``: ``d_s = [R ≥ s]`` for ``s = 1..2^r − 1`` (weights ``2^k`` on the
   ``R`` inputs, bias ``2^r − 2s``; pre-activation ``2(R − s) + 1``).
2. For each output ``n``, block ``β`` and ``j ≤ c``, one gate
   ``g = [β(x) = β and a_j·i < T_{n,β,j}(R)]`` where ``T(R)`` is read off the decomposition of the
   slice ``P_{n,β,R} = {i : f_n(i, β, R) = +1}``. It reads the thermometer with telescoping
   weights ``Δ_s = T(s) − T(s−1)``, the ``i`` inputs with weights ``−a_j``, the block inputs with
   ``Λ·s_β`` (``s_β`` the ±1 pattern of ``β``), bias ``T(0) + T(2^r−1) − Σa_j − 1 − Λh``; its
   pre-activation is ``2(T(R) − a_j·i) − 1 − 2Λ·dist(block, β)``, and ``Λ`` exceeds half the
   largest ``2(T − a_j·i) − 1``, so the gate is off outside its block.
3. Per output, a staircase on ``S = Σ_{β,j} [g]`` (only the active block's ``c`` gates can fire,
   so ``S ≤ c``): ``y_{L−1} = [S ≥ 2^{L−1}]``, ``y_k = [S − Σ_{k'>k} 2^{k'}·y_{k'} ≥ 2^k]`` with
   ``L = ⌈log2(c + 1)⌉``; ``y_0 = S mod 2`` is the output, and ``S`` is odd iff ``i ∈ P`` by
   the choice of thresholds.

Size: ``(2^r − 1) + N·(c_m·2^h + ⌈log2(c_m + 1)⌉)`` neurons for every function (no unit is
dropped), with ``(m, h)`` chosen by :func:`xorsys_split` to minimise it.

Odd pre-activations. Thermometer: ``2(R − s) + 1``. Gate: ``2(T − a·i) − 1 − 2Λ·dist``.
Staircase: ``2(S − Σ 2^{k'} Y_{k'} − 2^k) + 1``. All odd on every input.

References
----------
Derived in /work/shared/references/theory.md §10 ("a partial route, derived here"); the
systems for m ≤ 4 were found by random search for this module and are proved universal by
exhaustion. The optimal order Θ(√(2^M/M)) is Nechiporuk 1964 (lower bound proved, upper bound
stated) and Lupanov 1972; this builder does not reach it.
"""

from __future__ import annotations

import functools
import itertools

import numpy as np

from capacity import solvers
from capacity.errors import NotApplicable, UsageError
from capacity.solvers import xorsys_split
from constructions.boolean import BooleanFunction
from constructions.builders._common import finish, index_patterns
from constructions.network import Layer, SignNetwork

__all__ = ["MAX_XORSYS_INPUTS", "XOR_SYSTEMS", "decode_table", "xorsys_size", "xorsys_split",
           "build_xorsys"]

#: Largest M built without ``force=True``.
MAX_XORSYS_INPUTS = 24

#: Universal XOR systems: ``m -> (a_1, ..., a_c)``; universality is checked by exhaustion.
XOR_SYSTEMS: dict[int, tuple[tuple[int, ...], ...]] = {
    0: ((),),
    1: ((1,), (1,)),
    2: ((3, 1), (0, -2), (-2, -4)),
    3: ((0, 1, 4), (2, 1, 0), (1, 4, -2), (3, 2, -4)),
    4: ((2, 5, -4, 0), (2, -2, 1, 6), (3, -2, -6, -4), (-3, 5, -3, 4), (-3, 2, 0, 6),
        (1, 6, 6, 3)),
}


def _form_values(a: tuple[int, ...]) -> np.ndarray:
    """``a·i`` for every ``i`` in ``0..2^m − 1`` (bit ``t`` of ``i`` times ``a[t]``)."""
    m = len(a)
    bits = (np.arange(1 << m)[:, None] >> np.arange(m)) & 1  # (2^m, m)
    return bits @ np.array(a, dtype=np.int64).reshape(m) if m else np.zeros(1, dtype=np.int64)


def _thresholds(a: tuple[int, ...]) -> np.ndarray:
    """The useful thresholds of ``a``: its distinct values, then the maximum + 1."""
    vals = np.unique(_form_values(a))
    return np.concatenate([vals, vals[-1:] + 1])


def _chain(a: tuple[int, ...]) -> np.ndarray:
    """Bit masks of the prefix sets ``{i : a·i < T}``, one per threshold of :func:`_thresholds`."""
    v = _form_values(a)
    weights = np.int64(1) << np.arange(v.size, dtype=np.int64)
    return np.array([int(weights[v < t].sum()) for t in _thresholds(a)], dtype=np.int64)


@functools.cache
def decode_table(m: int) -> np.ndarray:
    """For every subset mask ``P`` of ``{0,1}^m``: threshold indices ``(t_1..t_c)`` with
    ``P = ⊕_j chain_j[t_j]``; raises if some subset has none (the system is not universal).

    Examples
    --------
    >>> decode_table(2).shape
    (16, 3)
    """
    forms = XOR_SYSTEMS[m]
    chains = [_chain(a) for a in forms]
    half = len(chains) // 2
    left, right = chains[:half] or [np.zeros(1, dtype=np.int64)], chains[half:]

    def combos(cs):
        idx = np.array(list(itertools.product(*[range(len(c)) for c in cs])), dtype=np.int64)
        masks = np.zeros(len(idx), dtype=np.int64)
        for k, c in enumerate(cs):
            masks ^= c[idx[:, k]]
        return idx.reshape(len(idx), len(cs)), masks

    li, lm = combos(left)
    ri, rm = combos(right)
    table = np.full(1 << (1 << m), -1, dtype=np.int64)
    step = max(1, (1 << 22) // max(1, rm.size))
    for s in range(0, lm.size, step):
        xor = (lm[s:s + step, None] ^ rm[None, :]).ravel()  # (chunk * |right|,)
        table[xor] = np.arange(s * rm.size, s * rm.size + xor.size)  # any hit is a valid pair
    if (table < 0).any():
        raise RuntimeError(f"the XOR system for m = {m} is not universal")
    pairs = np.divmod(table, rm.size)
    out = np.concatenate([li[pairs[0]], ri[pairs[1]]], axis=1)  # (2^{2^m}, c + padding)
    return out[:, len(out[0]) - len(forms):] if not chains[:half] else out


if tuple(len(XOR_SYSTEMS[m]) for m in sorted(XOR_SYSTEMS)) != solvers.XOR_SYSTEM_SIZES:
    raise RuntimeError("XOR_SYSTEMS and capacity.solvers.XOR_SYSTEM_SIZES disagree")


def xorsys_size(inputs: int, outputs: int = 1, split: tuple[int, int, int] | None = None) -> int:
    """Neurons of the ``xorsys`` network, the same for every function:
    ``(2^r − 1) + N·(c_m·2^h + ⌈log2(c_m + 1)⌉)``.

    Examples
    --------
    >>> xorsys_size(20), xorsys_size(8), xorsys_size(24)
    (1282, 22, 5122)
    """
    m, h, r = xorsys_split(inputs, outputs) if split is None else split
    if m + h + r != inputs or min(m, h, r) < 0 or m not in XOR_SYSTEMS:
        raise UsageError(f"bad split (m, h, r) = {(m, h, r)} for M = {inputs}")
    return solvers.xorsys_neurons(inputs, outputs, m, h)


def build_xorsys(function: BooleanFunction, *, strict_layers: bool = False,
                 split: tuple[int, int, int] | None = None, force: bool = False) -> SignNetwork:
    """Build the thermometer + XOR-system + staircase network of the module docstring.

    Parameters
    ----------
    function : BooleanFunction
        The target {±1}^M → {±1}^N.
    strict_layers : bool
        Not supported (the construction reads inputs in every layer); must be False.
    split : tuple of int, optional
        ``(m, h, r)``; default :func:`xorsys_split`.
    force : bool
        Allow ``M > MAX_XORSYS_INPUTS``.

    Examples
    --------
    >>> from constructions.families import make_function
    >>> from constructions.verify import verify
    >>> f = make_function("random", 10, seed=1)
    >>> net = build_xorsys(f)
    >>> net.sizes().neurons == xorsys_size(10), verify(net, f).ok
    (True, True)

    References
    ----------
    theory.md §10 (derived route); systems proved universal by :func:`decode_table`.
    """
    if strict_layers:
        raise NotApplicable("xorsys reads the inputs in every layer; it has no strictly layered "
                            "form")
    big_m, n = function.inputs, function.outputs
    if big_m > MAX_XORSYS_INPUTS and not force:
        raise UsageError(f"xorsys at M = {big_m} holds 2^M table entries in memory; pass "
                         f"force=True (--force on the CLI) to build above M = "
                         f"{MAX_XORSYS_INPUTS}")
    m, h, r = xorsys_split(big_m, n) if split is None else split
    xorsys_size(big_m, n, (m, h, r))  # validates the split
    forms = XOR_SYSTEMS[m]
    c = len(forms)
    n_therm = (1 << r) - 1

    # slices P[n, R, beta] as bit masks over i, decoded into threshold indices
    grid = function.table.reshape(n, 1 << r, 1 << h, 1 << m)  # (N, 2^r, 2^h, 2^m)
    masks = (grid.astype(np.int64) << np.arange(1 << m, dtype=np.int64)).sum(axis=3)
    idx = decode_table(m)[masks]  # (N, 2^r, 2^h, c)
    thr = np.stack([_thresholds(a)[idx[..., j]] for j, a in enumerate(forms)], axis=-1)
    thr = np.moveaxis(thr, 1, -1)  # (N, 2^h, c, 2^r): T_{n,beta,j}(R)
    vmin = np.array([_form_values(a).min() for a in forms], dtype=np.int64)  # (c,)
    asum = np.array([sum(a) for a in forms], dtype=np.int64)  # (c,)
    a_mat = np.array(forms, dtype=np.int64).reshape(c, m)  # (c, m)

    layers: list[Layer] = []
    i_src = tuple(range(m))
    b_src = tuple(range(m, m + h))
    r_src = tuple(range(m + h, big_m))
    first = big_m
    t_src: tuple[int, ...] = ()
    if n_therm:
        s = np.arange(1, n_therm + 1, dtype=np.int64)
        w1 = np.broadcast_to(np.int64(1) << np.arange(r, dtype=np.int64), (n_therm, r))
        layers.append(Layer(np.array(w1), (1 << r) - 2 * s, r_src))
        t_src = tuple(range(first, first + n_therm))
        first += n_therm

    n_gates = n * c * (1 << h)
    delta = np.diff(thr, axis=-1).reshape(n_gates, n_therm)  # (G, 2^r − 1)
    t0, t_last = thr[..., 0].reshape(-1), thr[..., -1].reshape(-1)  # (G,)
    t_max = thr.max(axis=-1).reshape(-1)  # (G,)
    j_of = np.tile(np.arange(c), n * (1 << h))  # (G,) gates ordered (n, beta, j)
    beta_of = np.tile(np.repeat(np.arange(1 << h), c), n)  # (G,)
    lam = np.maximum(2 * (t_max - vmin[j_of]) - 1, 0) // 2 + 1  # (G,)
    w_i = -a_mat[j_of]  # (G, m)
    w_b = lam[:, None] * index_patterns(beta_of, h)  # (G, h)
    bias = t0 + t_last - asum[j_of] - 1 - lam * h  # (G,)
    w2 = np.concatenate([w_i, w_b, delta], axis=1)  # (G, m + h + 2^r − 1)
    layers.append(Layer(w2, bias, i_src + b_src + t_src))
    g_src = tuple(range(first, first + n_gates))
    first += n_gates

    per = c * (1 << h)
    big_l = c.bit_length()
    y_src: list[tuple[int, ...]] = []  # global indices of y_{L-1}, y_{L-2}, ... (N each)
    for k in range(big_l - 1, -1, -1):
        higher = [2**kk for kk in range(big_l - 1, k, -1)]
        w = np.zeros((n, n_gates + n * len(higher)), dtype=np.int64)  # (N, G + N·#higher)
        for out in range(n):
            w[out, out * per:(out + 1) * per] = 1
            for pos, weight in enumerate(higher):
                w[out, n_gates + pos * n + out] = -weight
        b = np.full(n, per - sum(higher) - 2 ** (k + 1) + 1, dtype=np.int64)
        sources = g_src + tuple(v for ys in y_src for v in ys)
        layers.append(Layer(w, b, sources))
        y_src.append(tuple(range(first, first + n)))
        first += n
    return finish(function, layers, f"xorsys(m={m},h={h},r={r})")
