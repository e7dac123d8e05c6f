"""``hamming``: one hidden layer whose units claim the radius-1 balls of a perfect Hamming code —
every map with at most ``N·(⌊3·2^(M−1)/(n + 1)⌋ + 1)`` neurons, ``n = 2^k − 1 ≤ M`` the longest
Hamming length: ``O(2^M/M)``, against gated's ``5·2^(M−5) + 1``.

Construction (derived here; proof in docs/constructions.md, "hamming"). The low ``n`` inputs are
the *code* coordinates ``w ∈ {0,1}^n``, the other ``M − n`` select a *block* ``u``. The Hamming
code of length ``n = 2^k − 1`` (parity-check columns: the binary forms of 1..n) is perfect: the
``2^k`` cosets of it each split ``{0,1}^n`` into ``2^n/(n + 1)`` disjoint balls of radius 1 (a
*center* and its ``n`` neighbours). In every block the builder picks one coset (the cheapest, below)
and for each ball of center ``c`` realises the block's values ``f(c), f(c ⊕ e_i)`` with units that
fire on that ball alone. With a *default* value ``d`` per output (what the output says when no
unit fires) and ``S`` the neighbours whose value is not ``d``:

* ``f(c) ≠ d``: one unit firing on ``{c} ∪ S``, voting for ``¬d``;
* ``f(c) = d``: nothing if ``S`` is empty, one unit on the point of ``S`` if ``|S| = 1``, else one
  unit on ``{c} ∪ S`` voting ``¬d`` and one on ``{c}`` voting ``d``.

A unit on ``{c} ∪ S`` in block ``u`` is ``[D(x) ≤ 1]`` with ``D`` = 2 per mismatching selector
input, 2 per mismatching code input outside ``S`` and 1 per mismatching code input in ``S``; its
pre-activation ``3 − 2D(x)`` is odd (weights ±1, ±2). So it fires on ``c`` (``D = 0``) and on the
``c ⊕ e_i``, ``i ∈ S`` (``D = 1``) and nowhere else. The output reads ``g = (h + 1)/2`` with
weight ``−2s`` for a ``¬d`` vote and ``+2s`` for a ``d`` vote and bias ``s`` (``s = ±1`` the sign
of ``d``): its pre-activation is ``±1`` on every input, ``s`` (value ``d``) unless a ``¬d`` unit
fires alone.

Size. A ball costs at most 1 unit if ``f(c) ≠ d`` and 2 if ``f(c) = d``; every point is the
center of one ball in exactly one coset, so the ``n + 1`` cosets of a block cost at most
``2^n + Z_u`` units together (``Z_u`` the block's points of value ``d``) and the cheapest at
most ``⌊(2^n + Z_u)/(n + 1)⌋``. With ``d`` the output's minority value (``Z ≤ 2^(M−1)``) the hidden
layer has at most ``⌊3·2^(M−1)/(n + 1)⌋`` units; the builder takes whichever default is cheaper.
Random maps need about that many, and parity exactly that many for M = 1 and M ≥ 3.

References
----------
Derived in memcap (docs/constructions.md, "hamming"). The Hamming code: R. W. Hamming, "Error
detecting and error correcting codes", Bell Syst. Tech. J. 29 (1950) 147–160 (perfect, radius 1).
W. Wenzel, N. Ay, F. Pasemann, "Hyperplane arrangements separating arbitrary vertex classes in
n-cubes", Adv. Appl. Math. 25 (2000) 284–306 study the hidden units of such networks with linear
codes (abstract only read here; whether this construction is theirs is not known).
"""

from __future__ import annotations

import numpy as np

from capacity.errors import UsageError
from capacity.solvers import hamming_code_length, hamming_worst_case_neurons
from constructions.boolean import BooleanFunction
from constructions.builders._common import check_input_limit, size_arguments
from constructions.network import SignNetwork, one_hidden_layer

__all__ = ["MAX_HAMMING_INPUTS", "build_hamming", "hamming_plan", "hamming_size",
           "hamming_worst_size"]

#: Largest M built without ``force`` (3·2^15 hidden units at M = 20, as gated's limit).
MAX_HAMMING_INPUTS = 20


def _syndromes(n: int) -> np.ndarray:
    """The Hamming syndrome of every ``w < 2^n``: XOR of ``i + 1`` over the set bits ``i``."""
    syn = np.zeros(1 << n, dtype=np.int64)
    for i in range(n):
        syn[(np.arange(1 << n) >> i) & 1 == 1] ^= i + 1
    return syn


def _ball_costs(values: np.ndarray, n: int, default: bool) -> np.ndarray:
    """For blocks ``values`` (shape ``(B, 2^n)``, bool): the units a ball centred at each point
    needs — 1 if the point differs from ``default``, else how many of its neighbours differ,
    at most 2."""
    off = values != default
    idx = np.arange(1 << n)
    others = np.zeros(values.shape, dtype=np.int64)
    for i in range(n):
        others += off[:, idx ^ (1 << i)]
    return np.where(off, 1, np.minimum(others, 2))


def hamming_plan(row: np.ndarray, m: int) -> tuple[bool, np.ndarray, int]:
    """``(default, cosets, units)`` for one output's table ``row`` (bool, length ``2^m``): the
    default value, the chosen coset (syndrome) of every block and the hidden units it costs —
    the cheaper default, the cheapest coset of each block (ties: ``False``, the lowest syndrome).

    Parameters
    ----------
    row : numpy.ndarray of bool, shape (2^m,)
        One output's truth table (entry ``i``: the value on input ``i``).
    m : int
        Number of inputs.

    Returns
    -------
    default : bool
        The default output value.
    cosets : numpy.ndarray
        The chosen coset (syndrome) of every block.
    units : int
        Hidden units the plan costs.

    Examples
    --------
    >>> parity = np.array([bin(i).count("1") % 2 == 1 for i in range(8)])
    >>> hamming_plan(parity, 3)     # balls of 000 (two units: f = d) and 111 (one)
    (False, array([0]), 3)
    """
    default, cosets, units, _ = _plan(row, m)
    return default, cosets, units


def _plan(row: np.ndarray, m: int):
    """:func:`hamming_plan` and what it computed for the chosen default: ``(default, cosets,
    units, (blocks, ball costs, syndromes))``, the last for :func:`_units`."""
    n = hamming_code_length(m)
    blocks = np.asarray(row, dtype=bool).reshape(-1, 1 << n)  # (2^(m-n), 2^n): index w + 2^n u
    syn = _syndromes(n)
    best = None
    for default in (False, True):
        cost = _ball_costs(blocks, n, default)
        per_coset = np.stack([cost[:, syn == s].sum(axis=1) for s in range(n + 1)], axis=1)
        units = int(per_coset.min(axis=1).sum())
        if best is None or units < best[2]:
            best = (default, per_coset.argmin(axis=1), units, (blocks, cost, syn))
    return best


def _units(row: np.ndarray, m: int) -> tuple[list[list[int]], list[int], list[int], int]:
    """One output's hidden rows (over all ``m`` inputs), their biases, the output's weights on
    them (±1, on ``h``) and its bias."""
    n = hamming_code_length(m)
    default, cosets, _, (blocks, cost, syn) = _plan(row, m)
    s = 1 if default else -1  # the output's sign when no unit fires
    hidden, biases, votes = [], [], []

    def unit(point: int, loose: list[int]) -> None:
        """[D ≤ 1]: 1 per mismatch on the ``loose`` code inputs, 2 on every other input."""
        alpha = np.full(m, 2, dtype=np.int64)
        alpha[loose] = 1
        signs = 2 * ((point >> np.arange(m)) & 1) - 1  # the ±1 inputs of index ``point``
        hidden.append((alpha * signs).tolist())
        biases.append(3 - int(alpha.sum()))

    for u, coset in enumerate(cosets.tolist()):
        base = u << n
        for c in np.flatnonzero(syn == coset).tolist():
            if cost[u, c] == 0:
                continue
            loose = [i for i in range(n) if blocks[u, c ^ (1 << i)] != default]
            if blocks[u, c] != default or len(loose) >= 2:
                unit(base + c, loose)  # {c} ∪ S, a vote for ¬d
                votes.append(-s)
                if blocks[u, c] == default:
                    unit(base + c, [])  # {c}, a vote for d
                    votes.append(s)
            else:  # f(c) = d and one neighbour differs: that point alone
                unit(base + (c ^ (1 << loose[0])), [])
                votes.append(-s)
    # output on g = (h + 1)/2: Σ 2·vote·g + s  =  Σ vote·h + (Σ vote + s)
    return hidden, biases, votes, sum(votes) + s


def hamming_size(function: BooleanFunction) -> int:
    """Neurons of :func:`build_hamming` for ``function`` (hidden units + one output per output;
    a constant function has no hidden unit).

    References
    ----------
    Derived for memcap (docs/constructions.md, "hamming"); R. W. Hamming, Bell System
    Technical Journal 29(2), 1950 (the perfect codes).

    Examples
    --------
    >>> from constructions.families import make_function
    >>> f = make_function("random", 9, seed=1)
    >>> hamming_size(f) <= hamming_worst_size(9)
    True
    """
    m = function.inputs
    return sum(hamming_plan(row, m)[2] for row in function.table) + function.outputs


def hamming_worst_size(inputs: int, outputs: int = 1) -> int:
    """An upper bound on the builder's size for every map, ``N·(⌊3·2^(M−1)/(n + 1)⌋ + 1)``
    (the registered bound's solver, :func:`capacity.solvers.hamming_worst_case_neurons`); the
    builder's own worst case, except at M = 2 (3N: every map there costs at most 3 a output).

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
    Derived for memcap (docs/constructions.md, "hamming"); R. W. Hamming, Bell System
    Technical Journal 29(2), 1950 (the perfect codes).

    Examples
    --------
    >>> [hamming_worst_size(m) for m in (3, 7, 15, 16, 20)]
    [4, 25, 3073, 6145, 98305]
    """
    m, n = size_arguments("hamming_worst_size", inputs, outputs)  # int() read 5.7 as 5
    return hamming_worst_case_neurons(m, n)


def build_hamming(function: BooleanFunction, *, strict_layers: bool = False,
                  force: bool = False) -> SignNetwork:
    """One hidden layer of Hamming-ball units (see the module docstring).

    Parameters
    ----------
    strict_layers : bool
        Ignored: the network is strictly layered (the output reads only the hidden layer).
    force : bool
        Build beyond ``M = 20``.

    Examples
    --------
    >>> from constructions.families import make_function
    >>> from constructions.verify import verify
    >>> f = make_function("random", 8, seed=2)
    >>> net = build_hamming(f)
    >>> verify(net, f).ok, net.sizes().neurons == hamming_size(f) <= hamming_worst_size(8)
    (True, True)

    References
    ----------
    See the module docstring.
    """
    del strict_layers
    if not isinstance(function, BooleanFunction):
        raise UsageError(f"build_hamming needs a BooleanFunction, got {type(function).__name__}")
    m = function.inputs
    check_input_limit("hamming", m, MAX_HAMMING_INPUTS, force,
                      "has up to 3·2^(M-1)/(n+1) hidden units")
    # a constant output has no unit and its default as the bias
    return one_hidden_layer(m, [_units(row, m) for row in function.table], method="hamming",
                            truth_table=tuple(function.to_strings()))
