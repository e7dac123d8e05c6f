"""The ``hamming`` one-hidden-layer construction: exact on every input, odd pre-activations,
its size formula, the worst-case bound, and the bound attained."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capacity.registry import get_bound
from capacity.solvers import (
    hamming_code_length,
    hamming_worst_case_neurons,
    least_neurons_one_hidden_counting,
)
from constructions.boolean import BooleanFunction
from constructions.builders import build
from constructions.builders._common import unit_parities_odd
from constructions.builders.hamming import (
    _syndromes,
    build_hamming,
    hamming_plan,
    hamming_size,
    hamming_worst_size,
)
from constructions.families import make_function
from constructions.verify import verify


def _check(function: BooleanFunction) -> None:
    net = build_hamming(function)
    result = verify(net, function)
    assert result.ok
    assert len(net.layers) <= 2  # one hidden layer, read by the outputs only
    if len(net.layers) == 2:
        assert list(net.layers[1].sources) == list(range(function.inputs,
                                                         function.inputs + net.layers[0].units))
    assert unit_parities_odd(net)  # every pre-activation odd: never sign(0)
    neurons = net.sizes().neurons
    assert neurons == hamming_size(function)
    assert neurons <= hamming_worst_size(function.inputs, function.outputs)
    # every hidden weight is ±1 or ±2, every output weight ±1
    if len(net.layers) == 2:
        assert set(np.abs(net.layers[0].weights).ravel().tolist()) <= {1, 2}
        assert set(np.abs(net.layers[1].weights).ravel().tolist()) <= {0, 1}


@settings(deadline=None, max_examples=40)
@given(st.integers(1, 10), st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_random_maps_are_realised_within_the_bound(m, n, seed):
    rng = np.random.default_rng(seed)
    table = rng.random((n, 1 << m)) < rng.uniform(0.05, 0.95)
    _check(BooleanFunction(table))


@pytest.mark.parametrize("family", ["parity", "majority", "and", "or"])
@pytest.mark.parametrize("m", [1, 3, 6, 7, 11])
def test_structured_maps(family, m):
    _check(make_function(family, m))


@pytest.mark.parametrize("m", [1, 4, 9])
def test_constants_and_single_literals(m):
    for value in (False, True):
        f = BooleanFunction(np.full((1, 1 << m), value))
        _check(f)
        assert build_hamming(f).sizes().neurons == 1  # the output's bias alone
    literal = BooleanFunction((np.arange(1 << m) >> (m - 1) & 1).astype(bool)[None, :])
    _check(literal)


@pytest.mark.parametrize("m", [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15])
def test_parity_attains_the_worst_case(m):
    """Every ball of parity costs 1 + [f(c) = d] (|S| = n ≥ 2), and every coset has as many
    centers of each value (the all-ones word is a codeword): exactly what the bound counts."""
    f = make_function("parity", m)
    assert hamming_size(f) == hamming_worst_size(m)


def test_at_two_inputs_the_formula_is_not_attained():
    """M = 2 (Hamming length 1): every one of the 16 maps needs at most 2 hidden units, one
    below the formula's 3 (a valid bound, not a tight one)."""
    sizes = [hamming_size(BooleanFunction(np.array([[(v >> i) & 1 for i in range(4)]],
                                                   dtype=bool))) for v in range(16)]
    assert max(sizes) == 3 == hamming_worst_size(2) - 1


@settings(deadline=None, max_examples=30)
@given(st.integers(1, 9), st.integers(0, 2**32 - 1))
def test_the_bound_counts_the_cheaper_default_and_the_cheapest_coset(m, seed):
    """Brute force: every default and every coset of every block, with the ball costs counted
    point by point, gives the plan's count as its minimum."""
    rng = np.random.default_rng(seed)
    row = rng.random(1 << m) < 0.5
    n = hamming_code_length(m)
    syn = _syndromes(n)
    best = None
    for default in (False, True):
        total = 0
        for block in row.reshape(-1, 1 << n):
            costs = []
            for s in range(n + 1):
                cost = 0
                for c in np.flatnonzero(syn == s):
                    differ = sum(block[c ^ (1 << i)] != default for i in range(n))
                    cost += 1 if block[c] != default else min(differ, 2)
                costs.append(cost)
            total += min(costs)
        best = total if best is None else min(best, total)
    assert hamming_plan(row, m)[2] == best


def test_the_syndromes_make_perfect_codes():
    """The syndromes take the n + 1 values 0..n equally often (so every point is a center in
    exactly one coset), and each coset's centers' radius-1 balls partition {0,1}^n."""
    for n in (1, 3, 7, 15):
        syn = _syndromes(n)
        assert np.bincount(syn).tolist() == [(1 << n) // (n + 1)] * (n + 1)
        for s in range(n + 1):
            centers = np.flatnonzero(syn == s)
            balls = np.concatenate([centers] + [centers ^ (1 << i) for i in range(n)])
            assert sorted(balls.tolist()) == list(range(1 << n))


def test_formula_values_and_order():
    assert [hamming_worst_case_neurons(m) for m in (1, 2, 3, 4, 7, 15, 16, 20)] == [
        2, 4, 4, 7, 25, 3073, 6145, 98305]
    assert hamming_worst_case_neurons(20, 3) == 3 * 98305
    for m in range(1, 25):  # below 3·2^M/(M + 1) + 1: order 2^M/M
        assert hamming_worst_case_neurons(m) <= 3 * 2**m // (m + 1) + 1
        assert hamming_worst_case_neurons(m) >= least_neurons_one_hidden_counting(m)
    bound = get_bound("construction.hamming")
    assert bound.direction == "upper" and bound.architecture == "sign, one hidden layer"


def test_build_dispatches_and_auto_is_never_larger():
    f = make_function("random", 15, seed=0)
    net = build(f, "hamming")
    assert net.method == "hamming" and net.sizes().neurons == hamming_size(f)
    assert net.sizes().neurons < 5 * 2**10 + 1  # gated's worst case at M = 15
    for seed in range(3):
        g = make_function("random", 6, seed=seed)
        assert build(g, "auto").sizes().neurons <= hamming_size(g)


def test_above_the_limit_it_needs_force():
    with pytest.raises(ValueError, match="force=True"):
        build(make_function("parity", 21), "hamming")


def test_the_cli_builds_and_verifies_it(capsys):
    import json

    from memcap_cli import memcap_main

    code, out, err = memcap_main(capsys, "construct", "-M", "7", "-f", "parity",
                                 "--method", "hamming", "--print-json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["verification"]["ok"] and summary["verification"]["exhaustive"]
    assert summary["verification"]["zero_preactivations"] == 0
    assert summary["sizes"]["neurons"] == hamming_size(make_function("parity", 7))


@pytest.mark.slow
def test_a_random_map_of_20_inputs_verifies():
    """About 4 minutes: 96 982 hidden units checked on all 2^20 inputs."""
    f = make_function("random", 20, seed=0)
    net = build_hamming(f)
    assert verify(net, f).ok
    assert net.sizes().neurons == hamming_size(f) <= hamming_worst_size(20) == 98305
