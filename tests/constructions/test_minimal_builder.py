"""The ``minimal`` builder: every map of at most four inputs at its proven minimal size."""

import json
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capacity.errors import NotApplicable
from constructions.boolean import BooleanFunction
from constructions.builders import build
from constructions.builders._common import unit_parities_odd
from constructions.builders.minimal import build_minimal, minimal_size
from constructions.exact.npn import canonical_forms, table_string
from constructions.exact.tables import load_minimal_table
from constructions.families import make_function
from constructions.verify import verify


def _minima(m: int, arch: str) -> tuple:
    return canonical_forms(m), {c["table"]: c["neurons"]
                                for c in load_minimal_table(m, arch).classes}


def test_the_shipped_any_depth_witnesses_are_the_minimal_tables_classes():
    text = resources.files("constructions.exact").joinpath(
        "any_depth_witnesses.json").read_text()
    tables = json.loads(text)["tables"]
    for m in range(1, 5):
        classes = load_minimal_table(m, "any-depth").classes
        assert [r["table"] for r in tables[str(m)]] == [c["table"] for c in classes]
        for rec, cls in zip(tables[str(m)], classes, strict=True):
            assert rec["neurons"] == cls["neurons"] == len(rec["units"])
            for k, unit in enumerate(rec["units"]):  # neuron k reads the inputs and k neurons
                assert len(unit["weights"]) == m + k


@pytest.mark.parametrize("m", [1, 2, 3])
def test_every_function_of_at_most_three_inputs_gets_its_exact_minimum(m):
    canon, minima = _minima(m, "any-depth")
    for g in range(1 << (1 << m)):
        f = BooleanFunction.from_strings(table_string(g, m))
        net = build_minimal(f)
        assert verify(net, f).ok and unit_parities_odd(net)
        assert net.sizes().neurons == minimal_size(f) == minima[table_string(int(canon[g]), m)]


@settings(max_examples=60, deadline=None)
@given(g=st.integers(0, 2**16 - 1))
def test_four_input_functions_get_their_exact_minimum(g):
    canon, minima = _minima(4, "any-depth")
    f = BooleanFunction.from_strings(table_string(g, 4))
    net = build_minimal(f)
    assert verify(net, f).ok and unit_parities_odd(net)
    assert net.sizes().neurons == minima[table_string(int(canon[g]), 4)]


@settings(max_examples=20, deadline=None)
@given(m=st.integers(1, 4), outputs=st.integers(1, 4), seed=st.integers(0, 10**6))
def test_many_outputs_are_the_sum_of_their_minima(m, outputs, seed):
    f = make_function("random", m, outputs=outputs, seed=seed)
    net = build_minimal(f)
    assert verify(net, f).ok
    singles = sum(minimal_size(BooleanFunction.from_strings(s)) for s in f.to_strings())
    assert net.sizes().neurons == minimal_size(f) == singles


def test_strict_layers_gives_the_layered_minimum_and_auto_uses_the_minimum():
    f = make_function("parity", 4)
    assert build(f, "minimal", strict_layers=True).sizes().neurons == 5
    assert build(f, "auto").sizes().neurons == 3  # the minimum, which parity's counter also has
    assert build(f, "auto", strict_layers=True).sizes().neurons == 5
    assert build(f, "auto").method == "auto:parity"  # same neurons and edges, tried first
    worst = load_minimal_table(4, "any-depth")
    hardest = BooleanFunction.from_strings(worst.hardest)
    assert build(hardest, "auto").sizes().neurons == worst.worst_case_neurons


def test_more_than_four_inputs_is_not_applicable():
    with pytest.raises(NotApplicable, match="M <= 4"):
        build_minimal(make_function("random", 5, seed=0))
    assert build(make_function("random", 5, seed=0), "auto").method != "auto:minimal"
