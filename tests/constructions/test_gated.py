"""The gated one-hidden-layer construction: exact blocks, gating, sizes (docs/constructions.md)."""

import json
from importlib import resources

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capacity.evaluate import evaluate_bound
from capacity.registry import get_bound
from capacity.solvers import gated_worst_case_neurons
from constructions.boolean import BooleanFunction, all_inputs
from constructions.builders import build
from constructions.builders._common import unit_parities_odd
from constructions.builders.gated import block_network, build_gated, gated_size, gated_worst_size
from constructions.exact.npn import canonical_forms, table_string
from constructions.exact.tables import load_minimal_table
from constructions.families import make_function
from constructions.verify import verify


def _minimal_layered(m: int) -> tuple[np.ndarray, dict]:
    return canonical_forms(m), {c["table"]: c["neurons"]
                                for c in load_minimal_table(m, "layered").classes}


@pytest.mark.parametrize("m", [1, 2, 3, 4])
def test_every_small_function_gets_a_correct_block_of_its_exact_minimal_size(m):
    x = all_inputs(m).astype(np.int64)  # (P, m)
    canon, minima = _minimal_layered(m)
    points = np.arange(1 << m)
    for g in range(1, 1 << (1 << m)):
        w, b, u, c = block_network(g, m)
        pre = x @ np.array(w, dtype=np.int64).reshape(-1, m).T + np.array(b, dtype=np.int64)
        assert (pre % 2 != 0).all()  # odd: never 0
        out = np.sign(pre) @ np.array(u, dtype=np.int64) + c
        assert (out % 2 != 0).all()
        want = np.where((g >> points) & 1, 1, -1)
        assert (np.sign(out) == want).all(), (m, g)
        minimum = minima[table_string(int(canon[g]), m)]
        assert (len(b) + 1 if minimum > 1 else 1) == minimum, (m, g)


def test_the_shipped_witnesses_are_the_minimal_tables_classes():
    text = resources.files("constructions.builders").joinpath("layered_witnesses.json").read_text()
    tables = json.loads(text)["tables"]
    for m in range(1, 5):
        classes = load_minimal_table(m, "layered").classes
        assert [r["table"] for r in tables[str(m)]] == [c["table"] for c in classes]
        for rec, cls in zip(tables[str(m)], classes, strict=True):
            assert rec["neurons"] == cls["neurons"]
            assert len(rec["hidden_biases"]) <= 4  # the exact M = 4 worst case: 4 hidden units


@settings(max_examples=25, deadline=None)
@given(m=st.integers(1, 10), outputs=st.integers(1, 3), seed=st.integers(0, 10**6))
def test_random_maps_verify_and_the_size_is_the_formula(m, outputs, seed):
    f = make_function("random", m, outputs=outputs, seed=seed)
    net = build_gated(f)
    assert verify(net, f).ok
    assert unit_parities_odd(net)
    assert net.sizes().neurons == gated_size(f) <= gated_worst_size(m, outputs)
    assert len(net.layers) <= 2  # one hidden layer: the output reads only the hidden units
    if len(net.layers) == 2:
        assert list(net.layers[1].sources) == list(range(m, m + net.layers[0].units))


@pytest.mark.parametrize("name", ["parity", "majority", "constant", "literal", "random-dense"])
@pytest.mark.parametrize("m", [5, 8, 12])
def test_structured_maps_verify(name, m):
    rng = np.random.default_rng(m)
    if name == "constant":
        f = BooleanFunction.from_strings("1" * (1 << m))
    elif name == "literal":
        f = BooleanFunction.from_strings("".join("01"[(i >> (m - 1)) & 1] for i in range(1 << m)))
    elif name == "random-dense":
        f = BooleanFunction.from_strings("".join("1" if v < 0.9 else "0"
                                                 for v in rng.random(1 << m)))
    else:
        f = make_function(name, m)
    net = build_gated(f)
    assert verify(net, f).ok
    assert net.sizes().neurons == gated_size(f)


def test_parity_attains_the_worst_case_and_auto_keeps_the_smaller_builder():
    f = make_function("parity", 8)
    assert gated_size(f) == gated_worst_size(8) == 2**6 + 1
    assert build(f, "auto").sizes().neurons == 9  # the parity builder's M + 1


@pytest.mark.parametrize("m", [1, 2, 3, 4])
def test_at_most_four_inputs_it_is_the_exact_layered_worst_case(m):
    table = load_minimal_table(m, "layered")
    assert gated_worst_size(m) == table.worst_case_neurons
    hardest = BooleanFunction.from_strings(table.hardest)
    assert build_gated(hardest).sizes().neurons == table.worst_case_neurons


@pytest.mark.parametrize("m", [1, 2, 3])
def test_every_function_of_at_most_three_inputs_is_built_at_its_exact_minimum(m):
    canon, minima = _minimal_layered(m)
    for g in range(1 << (1 << m)):
        f = BooleanFunction.from_strings(table_string(g, m))
        net = build_gated(f)
        assert verify(net, f).ok and unit_parities_odd(net)
        assert net.sizes().neurons == gated_size(f) == minima[table_string(int(canon[g]), m)]


def test_the_registered_bound_is_the_builders_worst_case_and_respects_the_lower_bounds():
    upper = get_bound("construction.gated")
    lower = get_bound("counting.one-hidden-layer")
    for m in range(1, 25):
        for n in (1, 2, 5):
            assert gated_worst_case_neurons(m, n) == gated_worst_size(m, n)
            ev = evaluate_bound(upper, {"M": m, "N": n})
            if m == 1:  # every map is a threshold function: outputs alone, no hidden layer
                assert ev.note is not None and gated_worst_size(m, n) == n
            else:
                assert ev.note is None and ev.value == gated_worst_size(m, n)
        if m >= 2:  # the counting bound models networks with a hidden layer
            assert evaluate_bound(lower, {"M": m, "N": 1}).value <= gated_worst_size(m)
        assert gated_worst_size(m) <= 2 ** (m - 1) + 1  # never above lookup's worst case


def test_it_refuses_bad_input():
    with pytest.raises(ValueError, match="force=True"):
        build_gated(make_function("parity", 21))
    with pytest.raises(ValueError, match="BooleanFunction"):
        build_gated("0110")
    with pytest.raises(ValueError, match="blocks have 1 to 4 inputs"):
        block_network(3, 5)


@pytest.mark.slow
def test_a_random_map_of_16_inputs_verifies():
    f = make_function("random", 16, seed=2)
    net = build_gated(f)
    assert verify(net, f).ok and net.sizes().neurons == gated_size(f)
