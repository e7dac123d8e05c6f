"""``xorsys``: a thermometer, *universal XOR systems* and a parity staircase (derived here).

Any depth, skip edges. About ``2·√(c_m·2^{M−m})`` neurons: 863 at M = 20 against depth3's
2049 and hall's 1047 (995 with the six-bit system alone, 1027 with the five-bit one). The order
is still ``2^{M/2}``, not the optimal ``√(2^M/M)``: the systems' ``c_m/2^m`` falls with ``m``
only as far as level systems have been found and proved (docs/constructions.md).

Construction. Split the input index into ``i`` (bits ``0..m−1``), a *block* ``β`` (bits
``m..m+h−1``) and ``R`` (bits ``m+h..M−1``, ``r = M − m − h`` of them), so input
``i + 2^m·β + 2^{m+h}·R``. A *universal XOR system* on ``m`` bits is a list of integer vectors
``a_1..a_c`` such that every subset ``P`` of ``{0,1}^m`` is ``⊕_j {i : a_j·i < T_j}`` for some
integers ``T_j`` (``a_j·i`` over the 0/1 bits of ``i``). The systems of
:data:`~constructions.builders.xor_systems.XOR_SYSTEMS` for ``m ≤ 5`` are proved universal by
exhausting all ``2^{2^m}`` subsets; those of ``m = 6..13`` are composed from the five-bit system
and *level systems* (one per number ``k`` of top bits, each proved on all ``2^32`` subsets of
the five base bits) by the algebraic normal form over the top bits, and their thresholds are
found level by level by :func:`~constructions.builders.xor_systems.decode_sets` (module
:mod:`constructions.builders.xor_systems`; docs/constructions.md, "m ≥ 6 by composition").

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

Ranges (``k > 1``, so that the two halves can balance at odd M). ``R`` is cut into ``k`` ranges
of ``T = ⌈2^r/k⌉`` values: ``k − 1`` range units ``u_κ = [R ≥ κT]`` (pre-activation
``2(R − κT) + 1``), a thermometer over ``ρ = R − T·K`` (``K`` = range units on; its units read
them with weight ``−T``, pre-activation ``2(ρ − s) + 1``) and one gate per (output, block, range,
form), whose block pattern gains the literals "``u_κ`` on" and "``u_{κ+1}`` off".

Size: ``(k − 1) + (T − 1) + N·(c_m·2^h·k + ⌈log2(c_m + 1)⌉)`` neurons for every function (no
unit is dropped; ``k = 1``: ``(2^r − 1) + N·(c_m·2^h + …)``), with ``(m, h, r, k)`` chosen by
:func:`xorsys_split` to minimise it.

Odd pre-activations. Range units and thermometer: ``2(R − κT) + 1``, ``2(ρ − s) + 1``. Gate:
``2(τ − a·i) − 1 − 2Λ·dist`` (``τ`` its threshold at the input's ``ρ``). Staircase:
``2(S − Σ 2^{k'} Y_{k'} − 2^k) + 1``. All odd on every input.

References
----------
Derived in memcap (docs/constructions.md, "xorsys", gives the construction and its proof); the
systems for m ≤ 5 and the level systems were found by random search for this module and are
proved universal by exhaustion; m = 6..13 are composed from them (docs/constructions.md).
The optimal order Θ(√(2^M/M)) is Nechiporuk 1964 (lower bound proved, upper bound stated) and
Lupanov 1972; this builder does not reach it.
"""

from __future__ import annotations

import numpy as np

from capacity import solvers
from capacity.errors import NotApplicable, UsageError
from capacity.solvers import xorsys_split
from constructions.boolean import BooleanFunction
from constructions.builders._common import (
    check_input_limit,
    finish,
    index_patterns,
    integer_parts,
    size_arguments,
)
from constructions.builders.xor_systems import XOR_SYSTEMS, decode_sets, form_values, thresholds
from constructions.network import Layer, SignNetwork

__all__ = ["MAX_XORSYS_INPUTS", "xorsys_size", "xorsys_split", "build_xorsys"]

#: Largest M built without ``force=True``.
MAX_XORSYS_INPUTS = 24


def _full_split(inputs: int, outputs: int,
                split: tuple[int, ...] | None) -> tuple[int, int, int, int]:
    """``(m, h, r, k)`` from ``split`` (``(m, h, r)`` means one range, ``k = 1``), validated
    by :func:`capacity.solvers.xorsys_neurons` (system size, non-negative parts, ranges)."""
    if split is None:
        return xorsys_split(inputs, outputs)
    if not isinstance(split, (tuple, list, np.ndarray)) or len(split) not in (3, 4):
        raise UsageError(f"a split is (m, h, r) or (m, h, r, k), got {split!r}")
    parts = integer_parts(split, "xorsys split (m, h, r[, k])")
    m, h, r, k = (*parts, 1) if len(parts) == 3 else parts
    if m + h + r != inputs:
        raise UsageError(f"bad split (m, h, r, k) = {(m, h, r, k)} for M = {inputs}")
    solvers.xorsys_neurons(inputs, outputs, m, h, k)
    return m, h, r, k


def xorsys_size(inputs: int, outputs: int = 1, split: tuple[int, ...] | None = None) -> int:
    """Neurons of the ``xorsys`` network, the same for every function:
    ``(k − 1) + (T − 1) + N·(c_m·2^h·k + ⌈log2(c_m + 1)⌉)`` with ``T = ⌈2^r/k⌉``.

    Parameters
    ----------
    inputs : int
        Number of inputs M.
    outputs : int, default 1
        Number of outputs N.
    split : tuple of int or None, default None
        ``(m, h, r)`` (``k = 1``) or ``(m, h, r, k)`` with ``m + h + r = M``, validated (else
        ``UsageError``); None takes the default split of :func:`xorsys_split`.

    Returns
    -------
    int
        The neuron count.

    References
    ----------
    Derived for memcap (docs/constructions.md, "xorsys", "Size").

    Examples
    --------
    >>> xorsys_size(20), xorsys_size(19), xorsys_size(8), xorsys_size(24)
    (863, 607, 19, 3292)
    """
    inputs, outputs = size_arguments("xorsys_size", inputs, outputs)
    m, h, r, k = _full_split(inputs, outputs, split)
    return solvers.xorsys_neurons(inputs, outputs, m, h, k)


def build_xorsys(function: BooleanFunction, *, strict_layers: bool = False,
                 split: tuple[int, ...] | None = None, force: bool = False) -> SignNetwork:
    """Build the range units + thermometer + XOR-system + staircase network of the module
    docstring.

    Parameters
    ----------
    function : BooleanFunction
        The target {±1}^M → {±1}^N.
    strict_layers : bool
        Not supported (the construction reads inputs in every layer); must be False.
    split : tuple of int, optional
        ``(m, h, r)`` or ``(m, h, r, k)`` (``k`` ranges of the thermometer bits, default 1);
        default :func:`xorsys_split`.
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
    >>> net = build_xorsys(f, split=(5, 0, 5, 3))  # three ranges of 11 of the 32 values of R
    >>> net.method, net.sizes().neurons == xorsys_size(10, split=(5, 0, 5, 3)), verify(net, f).ok
    ('xorsys(m=5,h=0,r=5,k=3)', True, True)

    References
    ----------
    theory.md §10 (derived route); systems proved universal by
    :func:`~constructions.builders.xor_systems.prove_universal`.
    """
    if strict_layers:
        raise NotApplicable("xorsys reads the inputs in every layer; it has no strictly layered "
                            "form")
    big_m, n = function.inputs, function.outputs
    check_input_limit("xorsys", big_m, MAX_XORSYS_INPUTS, force,
                      "holds 2^M table entries in memory")
    m, h, r, k = _full_split(big_m, n, split)
    length = solvers.xorsys_range_length(r, k)  # T
    forms = XOR_SYSTEMS[m]
    c = len(forms)
    n_fine = length - 1

    # slices P[n, R, beta] as bool vectors over i; R padded to k·T by repeating its last value
    # (those slices are never selected), then (range kappa, offset rho) = divmod(R, T)
    grid = function.table.reshape(n, 1 << r, 1 << h, 1 << m)  # (N, 2^r, 2^h, 2^m)
    pad = np.minimum(np.arange(k * length), (1 << r) - 1)
    sets = grid[:, pad].reshape(n, k, length, 1 << h, 1 << m).astype(bool)
    idx = decode_sets(m, sets)  # (N, k, T, 2^h, c)
    thr = np.stack([thresholds(a)[idx[..., j]] for j, a in enumerate(forms)], axis=-1)
    thr = np.transpose(thr, (0, 3, 1, 4, 2))  # (N, 2^h, k, c, T): tau_{n,beta,kappa,j}(rho)
    vmin = np.array([form_values(a).min() for a in forms], dtype=np.int64)  # (c,)
    asum = np.array([sum(a) for a in forms], dtype=np.int64)  # (c,)
    a_mat = np.array(forms, dtype=np.int64).reshape(c, m)  # (c, m)

    layers: list[Layer] = []
    i_src = tuple(range(m))
    b_src = tuple(range(m, m + h))
    r_src = tuple(range(m + h, big_m))
    first = big_m
    r_weights = np.int64(1) << np.arange(r, dtype=np.int64)  # Σ 2^t x_t = 2R − (2^r − 1)
    u_src: tuple[int, ...] = ()
    if k > 1:  # range units u_kappa = [R >= kappa·T], pre-activation 2(R − kappa·T) + 1
        kappa = np.arange(1, k, dtype=np.int64)
        layers.append(Layer(np.array(np.broadcast_to(r_weights, (k - 1, r))),
                            (1 << r) - 2 * kappa * length, r_src))
        u_src = tuple(range(first, first + k - 1))
        first += k - 1
    t_src: tuple[int, ...] = ()
    if n_fine:  # f_s = [R − T·K >= s] (K = range units on), pre-activation 2(R − T·K − s) + 1
        s_fine = np.arange(1, n_fine + 1, dtype=np.int64)
        w1 = np.concatenate([np.broadcast_to(r_weights, (n_fine, r)),
                             np.full((n_fine, k - 1), -length, dtype=np.int64)], axis=1)
        layers.append(Layer(w1, (1 << r) - length * (k - 1) - 2 * s_fine, r_src + u_src))
        t_src = tuple(range(first, first + n_fine))
        first += n_fine

    n_gates = n * (1 << h) * k * c  # ordered (n, beta, kappa, j)
    delta = np.diff(thr, axis=-1).reshape(n_gates, n_fine)  # (G, T − 1)
    t0, t_last = thr[..., 0].reshape(-1), thr[..., -1].reshape(-1)  # (G,)
    t_max = thr.max(axis=-1).reshape(-1)  # (G,)
    j_of = np.tile(np.arange(c), n * (1 << h) * k)  # (G,)
    kappa_of = np.tile(np.repeat(np.arange(k), c), n * (1 << h))  # (G,)
    beta_of = np.tile(np.repeat(np.arange(1 << h), c * k), n)  # (G,)
    lam = np.maximum(2 * (t_max - vmin[j_of]) - 1, 0) // 2 + 1  # (G,)
    w_i = -a_mat[j_of]  # (G, m)
    w_b = lam[:, None] * index_patterns(beta_of, h)  # (G, h)
    # the range literals: u_kappa on (kappa >= 1), u_{kappa+1} off (kappa <= k − 2)
    w_u = np.zeros((n_gates, k - 1), dtype=np.int64)
    on, off = kappa_of >= 1, kappa_of <= k - 2
    w_u[np.flatnonzero(on), kappa_of[on] - 1] = lam[on]
    w_u[np.flatnonzero(off), kappa_of[off]] = -lam[off]
    literals = h + on.astype(np.int64) + off.astype(np.int64)  # (G,)
    bias = t0 + t_last - asum[j_of] - 1 - lam * literals  # (G,)
    w2 = np.concatenate([w_i, w_b, w_u, delta], axis=1)  # (G, m + h + k − 1 + T − 1)
    layers.append(Layer(w2, bias, i_src + b_src + u_src + t_src))
    g_src = tuple(range(first, first + n_gates))
    first += n_gates

    per = c * (1 << h) * k
    big_l = c.bit_length()
    y_src: list[tuple[int, ...]] = []  # global indices of y_{L-1}, y_{L-2}, ... (N each)
    for level in range(big_l - 1, -1, -1):
        higher = [2**kk for kk in range(big_l - 1, level, -1)]
        w = np.zeros((n, n_gates + n * len(higher)), dtype=np.int64)  # (N, G + N·#higher)
        for out in range(n):
            w[out, out * per:(out + 1) * per] = 1
            for pos, weight in enumerate(higher):
                w[out, n_gates + pos * n + out] = -weight
        b = np.full(n, per - sum(higher) - 2 ** (level + 1) + 1, dtype=np.int64)
        sources = g_src + tuple(v for ys in y_src for v in ys)
        layers.append(Layer(w, b, sources))
        y_src.append(tuple(range(first, first + n)))
        first += n
    ranges = f",k={k}" if k > 1 else ""
    return finish(function, layers, f"xorsys(m={m},h={h},r={r}{ranges})")
