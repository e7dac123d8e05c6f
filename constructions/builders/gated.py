"""One hidden layer of gated minimal blocks: every map with ``5·2^(M−5) + 1`` neurons per output
(``M ≥ 5``; the exact one-hidden-layer worst cases 1, 3, 4, 5 for ``M ≤ 4``).

Construction (derived here; proof in docs/constructions.md, "gated"). A *block* is a cofactor of
``f``: a set of block inputs and, on the other inputs (the *selectors*), one fixed value ``v``.
Every block gets a layered network of its cofactor with hidden units ``(w_k, b_k)``, output
weights ``u_k`` and bias ``c``:

* a block of at most four inputs takes the shipped *minimal* layered network of its NPN class
  (:mod:`constructions.exact.witnesses`), moved by a signed input permutation and negated with
  a negated class — at most 4 hidden units;
* for ``M ≥ 5`` the inputs ``x_0..x_4`` of every 5-input cofactor are split at the input ``x_j``
  that costs least (the two 4-input halves' hidden units; ties: the lowest ``j``), ``x_j``
  joining the selectors; the 33 863 476 functions every split of which needs more than 5 hidden
  units (:func:`constructions.exact.five.hard_functions`, ``"layered"``) take their class's
  shipped witness (3 to 5 hidden units), and the constant +1 one unit. So every 5-input cofactor
  costs at most 5 hidden units.

1. Make every ``u_k > 0`` by negating the units with ``u_k < 0`` (``h → −h``, same product);
   make every pre-activation odd (:func:`odd_unit`, :func:`odd_output`: an even one ``p``
   becomes ``2p ± 1``, of the same sign since ``p`` is a non-zero integer; the shipped
   witnesses are odd already, so this is a guard). With ``b_k = (h_k + 1)/2`` the
   block's output pre-activation is ``2 Σ u_k b_k − D`` with ``D = Σ u_k − c``: odd, and
   ``D > 0`` unless the cofactor is constant +1.
2. Gate each unit on the block: add ``G·(⟨v, y⟩ − s)`` over its ``s`` selectors ``y`` with
   ``G = ⌊(Σ|w_k| + |b_k|)/2⌋ + 1``. On the block the term is 0; elsewhere it is ``−2jG``
   (``j ≥ 1`` mismatches), which makes the pre-activation negative (``|w_k·z + b_k| < 2G``) and
   keeps it odd: the unit is −1 (``b = 0``) outside its block.
3. A constant +1 block gets one unit ``sign(⟨v, y⟩ − s + 1)`` (+1 iff ``y = v``); a constant −1
   block none.
4. One output: with ``L = lcm D`` over the blocks (odd), weight ``λ u_k`` (``λ = L / D``, odd) on
   each block's units, ``L`` on the constant-true units, and bias ``W − L`` (``W`` = sum of the
   output weights). Its pre-activation is ``2 Σ λ b − L``: on a block only that block's units
   can be on (the blocks partition the inputs), so it is ``λ (2 Σ u_k b_k − D)`` — the block's
   own odd, correctly signed value times an odd λ — ``+L`` in a constant-true block and ``−L``
   in a constant-false one.

Size. At most ``5·2^(M−5) + 1`` neurons for ``M ≥ 5`` — five eighths of the ``2^(M−2) + 1`` of
4-input blocks alone, and attained (parity: every 5-input cofactor is parity of five inputs or
its complement, which needs 5 hidden units); ``5`` for
``M = 4``; :func:`gated_size` is the exact count for one function. For ``M ≤ 4`` there is one
block and the network is the minimal layered one (a threshold function becomes a single unit).
``N`` outputs: one such block network per output, the hidden units side by side in one layer,
each output reading only its own.

References
----------
Derived in memcap (docs/constructions.md, "gated"): Shannon's cofactor split with every block at
its exact minimum (constructions.exact, CP-SAT with the Muroga weight bound), the M = 5 layered
certificate (docs/exact.md) and gating by one large weight per selector input (S. Shalev-Shwartz &
S. Ben-David, *Understanding Machine Learning*, CUP 2014, Lemma 20.4, AND as one sign unit).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from capacity.errors import UsageError
from capacity.solvers import gated_worst_case_neurons
from constructions.boolean import BooleanFunction
from constructions.builders._common import check_input_limit, size_arguments
from constructions.exact.shannon import cofactor_positions
from constructions.exact.witness_networks import move_input_weights, witness_of
from constructions.network import Layer, SignNetwork, one_hidden_layer

__all__ = ["BLOCK_INPUTS", "MAX_GATED_INPUTS", "SPLIT_INPUTS", "block_network", "build_gated",
           "gated_size", "gated_worst_size", "odd_output", "odd_unit"]

#: Inputs of a witness block (the shipped witnesses cover every function of at most 4 inputs).
BLOCK_INPUTS = 4

#: From ``M ≥ 5`` every cofactor on ``x_0..x_4`` is split at its cheapest input (or a witness).
SPLIT_INPUTS = 5

#: At most this many hidden units per 5-input cofactor (docs/exact.md, "M = 5 and 6").
SPLIT_HIDDEN = 5

#: The table of the constant +1 on five inputs.
_FULL5 = (1 << 32) - 1

#: Largest M built without ``force=True`` (``5·2^(M−5)`` hidden units of ``M`` weights each).
MAX_GATED_INPUTS = 20


def block_network(value: int, inputs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """A minimal layered network of the ``inputs``-input function with integer table ``value``.

    Returns ``(W, b, u, c)``: hidden weights ``(H, m)``, biases ``(H,)``, output weights ``(H,)``
    and bias; a threshold function comes as one hidden unit read with weight 1 and bias 0, the
    constant −1 as no unit and bias −1. Every hidden pre-activation is odd, and so is the
    output's on every input.

    Parameters
    ----------
    value : int
        Integer truth table: bit ``i`` is the output on input ``i``.
    inputs : int
        Number of inputs m, 1 to :data:`BLOCK_INPUTS` (4; else ``UsageError``).

    Returns
    -------
    tuple of (numpy.ndarray, numpy.ndarray, numpy.ndarray, int)
        ``(W, b, u, c)`` as above; the arrays hold Python ints (object dtype).

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


def _five_witness_network(value: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """``(W, b, u, c)`` of the shipped layered witness of a hard 5-input function's class."""
    from constructions.exact.five import five_witness_of  # its tables load on first use

    found = five_witness_of(value, "layered")
    if found is None:  # pragma: no cover - the plan sends only hard functions here
        raise RuntimeError(f"gated: no layered 5-input witness for table {value:#x}")
    rec, t, negated = found
    w = move_input_weights(rec["hidden_weights"], t, SPLIT_INPUTS)
    b = np.array(rec["hidden_biases"], dtype=object)
    u = np.array(rec["output_weights"], dtype=object)
    c = int(rec["output_bias"])
    return (w, b, -u, -c) if negated else (w, b, u, c)


@dataclass(frozen=True)
class _Part:
    """A non-constant block's network ready for gating: every output weight positive, every
    pre-activation odd, ``d = Σ weights − c`` odd and positive."""

    units: tuple[tuple[tuple[int, ...], int], ...]  # (weights over the block inputs, bias)
    weights: tuple[int, ...]
    d: int


def odd_unit(w: list[int], b: int) -> tuple[list[int], int]:
    """A unit whose pre-activation is odd on every ±1 input and has the same sign: itself if
    ``Σw + b`` is odd (with ±1 inputs the parity of ``w·x + b`` is that of ``Σw + b``), else
    ``(2w, 2b + 1)`` — ``2p + 1`` has the sign of the non-zero integer ``p``.

    Parameters
    ----------
    w : list of int
        The unit's weights on ±1 inputs.
    b : int
        The unit's bias.

    Returns
    -------
    tuple of (list of int, int)
        The (possibly doubled) weights and the bias.

    Examples
    --------
    >>> odd_unit([1, 1], 0), odd_unit([1, 1], 1)
    (([2, 2], 1), ([1, 1], 1))
    """
    if (sum(w) + b) % 2:
        return list(w), b
    return [2 * v for v in w], 2 * b + 1


def odd_output(u: list[int], c: int) -> tuple[list[int], int]:
    """Output weights on ±1 units and bias with an odd pre-activation of the same sign: itself if
    ``Σu + c`` is odd, else ``(2u, 2c − 1)`` — ``2p − 1`` has the sign of the non-zero ``p``.

    Parameters
    ----------
    u : list of int
        Output weights on the ±1 hidden units.
    c : int
        Output bias.

    Returns
    -------
    tuple of (list of int, int)
        The (possibly doubled) weights and the bias.

    Examples
    --------
    >>> odd_output([3, 5], 0), odd_output([3, 4], 0)
    (([6, 10], -1), ([3, 4], 0))
    """
    if (sum(u) + c) % 2:
        return list(u), c
    return [2 * v for v in u], 2 * c - 1


@lru_cache(maxsize=1 << 17)
def _block_part(value: int, m: int) -> _Part | str:
    """The block network of the ``m``-input table ``value``, or ``"true"`` / ``"false"``."""
    full = (1 << (1 << m)) - 1
    if value == 0:
        return "false"
    if value == full:
        return "true"
    w, b, u, c = block_network(value, m) if m <= BLOCK_INPUTS else _five_witness_network(value)
    units, weights = [], []
    for k in range(len(b)):
        uk = int(u[k])
        if uk == 0:  # pragma: no cover - minimal networks read every hidden unit
            continue
        s = 1 if uk > 0 else -1
        wk, bk = odd_unit([s * int(v) for v in w[k]], s * int(b[k]))  # a guard: the shipped
        units.append((tuple(wk), bk))  # witnesses are all odd already (tested)
        weights.append(abs(uk))
    weights, c = odd_output(weights, c)
    d = sum(weights) - c
    if d <= 0:  # pragma: no cover - only the constant +1 has every pattern positive
        raise RuntimeError("gated: a non-constant block has D <= 0")
    return _Part(tuple(units), tuple(weights), d)


@dataclass(frozen=True)
class _Block:
    """A cofactor: its inputs (its table's order), the selectors and their ±1 values on it."""

    inputs: tuple[int, ...]
    selectors: tuple[int, ...]
    v: tuple[int, ...]
    value: int


@lru_cache(maxsize=1)
def _four_costs() -> np.ndarray:
    """Hidden units of every 4-input block by table value: 0 for the constant −1, 1 for the
    constant +1 and a threshold function, else the exact layered minimum minus the output."""
    from constructions.exact.five import split_costs  # its tables load on first use

    cost = split_costs("layered")[0].copy()  # max(1, minimum − 1)
    cost[0] = 0
    cost.setflags(write=False)
    return cost


@lru_cache(maxsize=1)
def _split_sources() -> np.ndarray:
    """``(5, 2, 16)``: the 5-input table positions of the cofactor at ``x_j`` = −1 (0) and +1
    (1), over the other four inputs in order."""
    return np.array([[cofactor_positions(SPLIT_INPUTS, j, b) for b in range(2)]
                     for j in range(SPLIT_INPUTS)])


@dataclass(frozen=True)
class _SplitPlan:
    """The 5-input cofactors of one output row (``M ≥ 5``), in input order."""

    values: np.ndarray  # (K,) each cofactor's table
    best: np.ndarray  # (K,) its cheapest split j (ties: the lowest)
    halves: np.ndarray  # (K, 2) that split's 4-input tables (x_j = −1, +1)
    costs: np.ndarray  # (K,) that split's hidden units
    split: np.ndarray  # (K,) bool: built as the two halves (else one block: +1 or a witness)


def _split_plan(row: np.ndarray) -> _SplitPlan:
    """Cheapest splits of every 5-input cofactor of one row: a cofactor is built as its two
    halves unless it is the constant +1 (one unit) or its split costs more than
    :data:`SPLIT_HIDDEN` (then it is a hard function and takes its class's witness)."""
    bits = np.asarray(row, dtype=np.int64).reshape(-1, 32)  # (K, 32): x0..x4 within a block
    powers = np.int64(1) << np.arange(32, dtype=np.int64)
    values = bits @ powers
    halves = bits[:, _split_sources()] @ powers[:16]  # (K, 5, 2)
    costs = _four_costs()[halves].sum(axis=2)  # (K, 5)
    best = costs.argmin(axis=1)  # ties: the lowest j
    rows = np.arange(len(values))
    cost = costs[rows, best]
    return _SplitPlan(values, best, halves[rows, best], cost,
                      (values != _FULL5) & (cost <= SPLIT_HIDDEN))


def _selector_values(index: int, selectors: tuple[int, ...], low: int) -> tuple[int, ...]:
    """±1 values of ``selectors`` on the block whose selector bits above ``low`` read ``index``
    (a selector below ``low`` is set by the caller)."""
    return tuple(1 if (index >> (s - low)) & 1 else -1 for s in selectors)


def _blocks(row: np.ndarray, m_total: int) -> list[_Block]:
    """The blocks of one output row, in input order."""
    if m_total <= BLOCK_INPUTS:
        powers = np.int64(1) << np.arange(1 << m_total, dtype=np.int64)
        return [_Block(tuple(range(m_total)), (), (), int(np.asarray(row, np.int64) @ powers))]
    outer = tuple(range(SPLIT_INPUTS, m_total))
    plan = _split_plan(row)
    blocks = []
    for k, (value, j, split) in enumerate(zip(plan.values.tolist(), plan.best.tolist(),
                                              plan.split.tolist(), strict=True)):
        v = _selector_values(k, outer, SPLIT_INPUTS)
        if not split:  # the constant +1 (one unit) or a hard function's witness
            blocks.append(_Block(tuple(range(SPLIT_INPUTS)), outer, v, value))
            continue
        inputs = tuple(i for i in range(SPLIT_INPUTS) if i != j)
        for b in range(2):
            blocks.append(_Block(inputs, (j,) + outer, (2 * b - 1,) + v,
                                 int(plan.halves[k, b])))
    return blocks


def _part_hidden(part: _Part | str) -> int:
    return 1 if part == "true" else 0 if part == "false" else len(part.units)


def _output_hidden(row: np.ndarray, m_total: int) -> int:
    if m_total <= BLOCK_INPUTS:
        return sum(_part_hidden(_block_part(b.value, len(b.inputs)))
                   for b in _blocks(row, m_total))
    plan = _split_plan(row)
    single = [_part_hidden(_block_part(int(g), SPLIT_INPUTS))
              for g in plan.values[~plan.split].tolist()]  # the constant +1 and witnesses
    return int(plan.costs[plan.split].sum()) + sum(single)


def gated_size(function: BooleanFunction) -> int:
    """Neurons of :func:`build_gated` for ``function`` (hidden units + outputs), without building.

    References
    ----------
    Derived for memcap (docs/constructions.md, "gated").

    Examples
    --------
    >>> from constructions.families import make_function
    >>> gated_size(make_function("parity", 6))      # 2 cofactors of 5-input parity, 5 units each
    11
    >>> gated_size(BooleanFunction.from_strings("0001"))   # AND: a threshold function
    1
    """
    if _single_units(function) is not None:
        return function.outputs
    return sum(_output_hidden(row, function.inputs) for row in function.table) + function.outputs


def gated_worst_size(inputs: int, outputs: int = 1) -> int:
    """The largest :func:`gated_size` over all maps: ``N·(5·2^(M−5) + 1)`` for ``M ≥ 5``;
    ``N``, ``3N``, ``4N``, ``5N`` for ``M = 1..4`` (the exact layered worst cases).

    Parameters
    ----------
    inputs : int
        Number of inputs M (at least 1, else ``UsageError``).
    outputs : int, default 1
        Number of outputs N (at least 1, else ``UsageError``).

    Returns
    -------
    int
        The worst-case neuron count.

    References
    ----------
    Derived for memcap (docs/constructions.md, "gated"); the M ≤ 4 values are the exact
    layered worst cases (docs/exact.md).

    Examples
    --------
    >>> [gated_worst_size(m) for m in range(1, 9)]
    [1, 3, 4, 5, 6, 11, 21, 41]
    """
    m, n = size_arguments("gated_worst_size", inputs, outputs)
    return gated_worst_case_neurons(m, n)  # the registered bound's solver: one formula


def _single_unit(row: np.ndarray, m: int) -> tuple[list[int], int] | None:
    """``(w, b)`` of one unit computing the ``m``-input row (``m ≤ 4``) when it is a threshold
    function (its class's minimum is one neuron), else None — read off the witnesses, no LP."""
    value = _blocks(row, m)[0].value
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
    parts = [(blk, _block_part(blk.value, len(blk.inputs))) for blk in _blocks(row, m_total)]
    ds = [p.d for _, p in parts if isinstance(p, _Part)]
    big_l = math.lcm(*ds) if ds else 1
    hidden, biases, out_w = [], [], []
    for blk, part in parts:
        if part == "false":
            continue
        sel = len(blk.selectors)
        if part == "true":
            full = [0] * m_total
            for s, vs in zip(blk.selectors, blk.v, strict=True):
                full[s] = vs
            hidden.append(full)
            biases.append(1 - sel)
            out_w.append(big_l)
            continue
        lam = big_l // part.d
        for (w, b), uk in zip(part.units, part.weights, strict=True):
            gate = (sum(abs(x) for x in w) + abs(b)) // 2 + 1
            full = [0] * m_total
            for i, wi in zip(blk.inputs, w, strict=True):
                full[i] = wi
            for s, vs in zip(blk.selectors, blk.v, strict=True):
                full[s] = gate * vs
            hidden.append(full)
            biases.append(b - gate * sel)
            out_w.append(lam * uk)
    return hidden, biases, out_w, sum(out_w) - big_l


def build_gated(function: BooleanFunction, *, strict_layers: bool = False,
                force: bool = False) -> SignNetwork:
    """One hidden layer of gated minimal blocks (see the module docstring).

    Parameters
    ----------
    strict_layers : bool
        Ignored: the network is strictly layered (the output reads only the hidden layer).
    force : bool
        Build beyond ``M = 20`` (``5·2^(M−5)`` hidden units).

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
    check_input_limit("gated", m, MAX_GATED_INPUTS, force, "has 5·2^(M-5) hidden units")
    table = tuple(function.to_strings())
    units = _single_units(function)
    if units is not None:
        layer = Layer.from_lists([w for w, _ in units], [b for _, b in units], list(range(m)))
        return SignNetwork(m, (layer,), method="gated", truth_table=table)
    # no hidden unit at all: every output constant −1 (its bias, sum(weights) − 1 = −1)
    return one_hidden_layer(m, [_gated_output(row, m) for row in function.table],
                            method="gated", truth_table=table)
