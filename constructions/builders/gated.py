"""One hidden layer of gated minimal blocks: every map with ``2^(M−2) + 1`` neurons per output.

Construction (derived here; proof in docs/constructions.md, "gated"). Split the inputs into the
block variables ``z = (x_0, …, x_{m−1})``, ``m = min(M, 4)``, and the selector ``y = (x_m, …,
x_{M−1})``. For every value ``v`` of ``y`` the cofactor ``f_v(z) = f(z, v)`` is a function of at
most four inputs, and the shipped witnesses (:mod:`constructions.exact.witnesses`) hold a
*minimal* layered network for one function of every NPN class; a signed permutation of its input
weights (and a negation of its output for a negated class) gives a minimal layered network of
``f_v`` itself, with hidden units ``(w_k, b_k)``, output weights ``u_k`` and bias ``c``.

1. Make every ``u_k > 0`` by negating the units with ``u_k < 0`` (``h → −h``, same product).
   With ``b_k = (h_k + 1)/2 ∈ {0, 1}`` the block's output pre-activation is
   ``Σ u_k h_k + c = 2 Σ u_k b_k − D_v`` with ``D_v = Σ u_k − c``; it is odd, so ``D_v`` is odd,
   and ``D_v > 0`` unless ``f_v ≡ +1`` (then every pattern would be positive).
2. Gate each unit on ``y = v``: add ``G·(⟨v, y⟩ − (M − m))`` with ``G = ⌊(Σ|w_k| + |b_k|)/2⌋ + 1``.
   For ``y = v`` the term is 0 and the unit is the block's unit; otherwise it is ``−2jG`` (``j ≥ 1``
   mismatches), which makes the pre-activation negative (``|w_k·z + b_k| < 2G``) and keeps it odd:
   the unit is −1 (``b = 0``) outside its block.
3. A block with ``f_v ≡ +1`` gets one unit ``sign(⟨v, y⟩ − (M − m) + 1)`` (+1 iff ``y = v``);
   a block with ``f_v ≡ −1`` gets none.
4. One output: with ``L = lcm_v D_v`` (odd), weight ``λ_v u_k`` (``λ_v = L / D_v``, odd) on the
   units of block ``v``, ``L`` on the constant-true units, and bias ``W − L`` (``W`` = sum of the
   output weights). Its pre-activation is ``2 Σ λ b − L``: inside block ``v`` only that block's
   units can be on, so it equals ``λ_v (2 Σ u_k b_k − D_v)`` (the block's own odd, correctly
   signed value times an odd λ), ``+L`` in a constant-true block and ``−L`` in a constant-false
   one — always odd, and of the sign of ``f``.

Size. Every function of four inputs has a minimal layered network with at most 4 hidden units
(the exact table, ``exact.one-hidden-layer``); a threshold block needs 1, a constant-true block
1, a constant-false block 0. So ``f`` needs at most ``4·2^(M−4) + 1 = 2^(M−2) + 1`` neurons
(``M ≥ 4``), half of ``lookup``'s ``2^(M−1) + 1``; :func:`gated_size` is the exact count for one
function. For ``M ≤ 4`` there is one block and the network is the minimal layered one (a
threshold function becomes a single unit). ``N`` outputs: one such block network per output, the
hidden units side by side in one layer, each output reading only its own.

References
----------
Derived in memcap (docs/constructions.md, "gated"): Shannon's cofactor split with every block at
its exact minimum (constructions.exact, CP-SAT with the Muroga weight bound) and gating by one
large weight per selector input (S. Shalev-Shwartz & S. Ben-David, *Understanding Machine
Learning*, CUP 2014, Lemma 20.4, AND as one sign unit).
"""

from __future__ import annotations

import math

import numpy as np

from capacity.errors import UsageError
from capacity.solvers import gated_worst_case_neurons
from constructions.boolean import BooleanFunction
from constructions.builders._witnesses import move_input_weights, witness_of
from constructions.network import Layer, SignNetwork

__all__ = ["BLOCK_INPUTS", "MAX_GATED_INPUTS", "block_network", "build_gated",
           "gated_size", "gated_worst_size"]

#: Inputs of one block (the shipped witnesses cover every function of at most 4 inputs).
BLOCK_INPUTS = 4

#: Largest M built without ``force=True`` (``2^(M−2)`` hidden units of ``M`` weights each).
MAX_GATED_INPUTS = 20


def block_network(value: int, inputs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """A minimal layered network of the ``inputs``-input function with integer table ``value``.

    Returns ``(W, b, u, c)``: hidden weights ``(H, m)``, biases ``(H,)``, output weights ``(H,)``
    and bias; a threshold function comes as one hidden unit read with weight 1 and bias 0, the
    constant −1 as no unit and bias −1. Every hidden pre-activation is odd, and so is the
    output's on every input.

    Examples
    --------
    >>> w, b, u, c = block_network(0b0110, 2)       # XOR: two hidden units
    >>> len(b)
    2
    >>> from constructions.boolean import all_inputs
    >>> x = all_inputs(2)
    >>> h = np.sign(x @ w.T + b)
    >>> np.sign(h @ u + c).tolist()                 # −1, +1, +1, −1: the table 0110
    [-1, 1, 1, -1]
    """
    m = int(inputs)
    if not 1 <= m <= BLOCK_INPUTS:
        raise UsageError(f"blocks have 1 to {BLOCK_INPUTS} inputs, got {m}")
    rec, t, negated = witness_of("layered", value, m)
    moved = move_input_weights(rec["hidden_weights"], t, m)
    b = np.array(rec["hidden_biases"], dtype=object)
    u = np.array(rec["output_weights"], dtype=object)
    c = int(rec["output_bias"])
    if negated:
        u, c = -u, -c
    return moved, b, u, c


def _block_units(value: int, m: int) -> tuple[list[tuple[list[int], int]], list[int], int] | str:
    """The block's units with positive output weights, their weights and ``D``; or ``"true"`` /
    ``"false"`` for a constant block."""
    full = (1 << (1 << m)) - 1
    if value == 0:
        return "false"
    if value == full:
        return "true"
    w, b, u, c = block_network(value, m)
    units, weights = [], []
    for k in range(len(b)):
        uk = int(u[k])
        if uk == 0:  # pragma: no cover - minimal networks read every hidden unit
            continue
        s = 1 if uk > 0 else -1
        units.append(([s * int(v) for v in w[k]], s * int(b[k])))
        weights.append(abs(uk))
    d = sum(weights) - c
    if d <= 0:  # pragma: no cover - only the constant +1 has every pattern positive
        raise RuntimeError("gated: a non-constant block has D <= 0")
    return units, weights, d


def _cofactor_values(row: np.ndarray, m: int) -> list[int]:
    """Integer tables of the cofactors ``f_v`` of one output row, ``v`` in input order."""
    blocks = np.asarray(row, dtype=np.int64).reshape(-1, 1 << m)  # (2^(M-m), 2^m)
    powers = np.int64(1) << np.arange(1 << m, dtype=np.int64)
    return (blocks @ powers).tolist()


def _output_hidden(row: np.ndarray, m_total: int) -> int:
    m = min(m_total, BLOCK_INPUTS)
    total = 0
    for value in _cofactor_values(row, m):
        part = _block_units(value, m)
        total += 1 if part == "true" else 0 if part == "false" else len(part[0])
    return total


def gated_size(function: BooleanFunction) -> int:
    """Neurons of :func:`build_gated` for ``function`` (hidden units + outputs), without building.

    Examples
    --------
    >>> from constructions.families import make_function
    >>> gated_size(make_function("parity", 6))      # 4 blocks of 4-input parity, 4 units each
    17
    >>> gated_size(BooleanFunction.from_strings("0001"))   # AND: a threshold function
    1
    """
    if _single_units(function) is not None:
        return function.outputs
    return sum(_output_hidden(row, function.inputs) for row in function.table) + function.outputs


def gated_worst_size(inputs: int, outputs: int = 1) -> int:
    """The largest :func:`gated_size` over all maps: ``N·(2^(M−2) + 1)`` for ``M ≥ 4``; ``N``,
    ``3N``, ``4N`` for ``M = 1, 2, 3`` (the exact layered worst cases).

    Examples
    --------
    >>> [gated_worst_size(m) for m in range(1, 9)]
    [1, 3, 4, 5, 9, 17, 33, 65]
    """
    m, n = int(inputs), int(outputs)
    if m < 1 or n < 1:
        raise UsageError("gated_worst_size needs M >= 1 and N >= 1")
    return gated_worst_case_neurons(m, n)  # the registered bound's solver: one formula


def _single_unit(row: np.ndarray, m: int) -> tuple[list[int], int] | None:
    """``(w, b)`` of one unit computing the ``m``-input row (``m ≤ 4``) when it is a threshold
    function (its class's minimum is one neuron), else None — read off the witnesses, no LP."""
    value = _cofactor_values(row, m)[0]
    full = (1 << (1 << m)) - 1
    if value in (0, full):
        return [0] * m, 1 if value else -1
    if witness_of("layered", value, m)[0]["neurons"] != 1:
        return None
    w, b, u, _ = block_network(value, m)  # one hidden unit read with weight ±1, output bias 0
    s = 1 if int(u[0]) > 0 else -1
    return [s * int(v) for v in w[0]], s * int(b[0])


def _single_units(function: BooleanFunction) -> list[tuple[list[int], int]] | None:
    """One unit per output when every output is a threshold function of ``M ≤ 4`` inputs."""
    if function.inputs > BLOCK_INPUTS:
        return None
    units = [_single_unit(row, function.inputs) for row in function.table]
    return None if any(u is None for u in units) else units


def _gated_output(row: np.ndarray, m_total: int) -> tuple[list[list[int]], list[int],
                                                          list[int], int]:
    """Hidden rows over all inputs, their biases, the output's weights on them, its bias."""
    m = min(m_total, BLOCK_INPUTS)
    sel = m_total - m
    parts = []
    for v_index, value in enumerate(_cofactor_values(row, m)):
        v = [1 if (v_index >> j) & 1 else -1 for j in range(sel)]
        parts.append((v, _block_units(value, m)))
    ds = [p[2] for _, p in parts if not isinstance(p, str)]
    big_l = math.lcm(*ds) if ds else 1
    hidden, biases, out_w = [], [], []
    for v, part in parts:
        if part == "false":
            continue
        if part == "true":
            hidden.append([0] * m + list(v))
            biases.append(1 - sel)
            out_w.append(big_l)
            continue
        units, weights, d = part
        lam = big_l // d
        for (w, b), uk in zip(units, weights, strict=True):
            gate = (sum(abs(x) for x in w) + abs(b)) // 2 + 1
            hidden.append(list(w) + [gate * x for x in v])
            biases.append(b - gate * sel)
            out_w.append(lam * uk)
    return hidden, biases, out_w, sum(out_w) - big_l


def build_gated(function: BooleanFunction, *, strict_layers: bool = False,
                force: bool = False) -> SignNetwork:
    """One hidden layer of gated minimal 4-input blocks (see the module docstring).

    Parameters
    ----------
    strict_layers : bool
        Ignored: the network is strictly layered (the output reads only the hidden layer).
    force : bool
        Build beyond ``M = 20`` (``2^(M−2)`` hidden units).

    Examples
    --------
    >>> from constructions.families import make_function
    >>> from constructions.verify import verify
    >>> f = make_function("random", 7, seed=3)
    >>> net = build_gated(f)
    >>> verify(net, f).ok, net.sizes().neurons == gated_size(f) <= gated_worst_size(7)
    (True, True)

    References
    ----------
    See the module docstring.
    """
    del strict_layers
    if not isinstance(function, BooleanFunction):
        raise UsageError(f"build_gated needs a BooleanFunction, got {type(function).__name__}")
    m = function.inputs
    if m > MAX_GATED_INPUTS and not force:
        raise UsageError(f"gated has 2^(M-2) hidden units; M = {m} > {MAX_GATED_INPUTS} needs "
                         "force=True")
    table = tuple(function.to_strings())
    units = _single_units(function)
    if units is not None:
        layer = Layer.from_lists([w for w, _ in units], [b for _, b in units], list(range(m)))
        return SignNetwork(m, (layer,), method="gated", truth_table=table)
    hidden, biases, outputs = [], [], []
    for row in function.table:
        h, b, w, c = _gated_output(row, m)
        outputs.append((len(hidden), w, c))
        hidden += h
        biases += b
    n_hid = len(hidden)
    out_rows, out_biases = [], []
    for start, w, c in outputs:
        full = [0] * n_hid
        full[start:start + len(w)] = w
        out_rows.append(full)
        out_biases.append(c)
    if n_hid == 0:  # every output constant −1 (a single block of value 0)
        layer = Layer.from_lists([[0] * m for _ in outputs], [-1] * len(outputs), list(range(m)))
        return SignNetwork(m, (layer,), method="gated", truth_table=table)
    layers = (Layer.from_lists(hidden, biases, list(range(m))),
              Layer.from_lists(out_rows, out_biases, list(range(m, m + n_hid))))
    return SignNetwork(m, layers, method="gated", truth_table=table)

