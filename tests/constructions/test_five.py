"""The certificate that every 5-input function has an any-depth network of at most 5 neurons
(constructions/exact/five.py): the enumeration of the functions whose cofactors are all hard,
against a direct definition; the merge for every other function; the shipped witnesses."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from constructions.boolean import BooleanFunction
from constructions.builders.minimal import build_minimal
from constructions.exact.five import (
    _four_input_neurons,
    _orbit,
    all_hard_functions,
    check_five_input_bound,
    five_input_classes,
    load_five_witnesses,
)
from constructions.exact.npn import table_string, table_value
from constructions.exact.shannon import cofactors, merge_cofactor_networks
from constructions.verify import verify


def _cofactor_needs(value: int) -> list[tuple[int, int]]:
    """(need of f|x_j=+1, need of f|x_j=-1) for j = 0..4, from the cofactors' tables."""
    f = BooleanFunction.from_strings(table_string(value, 5))
    need = _four_input_neurons()
    out = []
    for j in range(5):
        f1, f0 = cofactors(f, j)
        out.append((int(need[table_value(f1.to_strings()[0])]),
                    int(need[table_value(f0.to_strings()[0])])))
    return out


@settings(deadline=None, max_examples=60)
@given(st.integers(0, 2**32 - 1))
def test_a_function_is_listed_exactly_when_all_ten_cofactors_need_three(value):
    hard = all_hard_functions()
    at = int(np.searchsorted(hard, value))
    listed = at < len(hard) and int(hard[at]) == value
    assert listed == all(a == b == 3 for a, b in _cofactor_needs(value))


@settings(deadline=None, max_examples=40)
@given(st.sampled_from(range(1821338)), st.data())
def test_listed_functions_all_need_three_and_their_class_has_a_witness(i, data):
    value = int(all_hard_functions()[i])
    assert all(a == b == 3 for a, b in _cofactor_needs(value))
    witnesses = {r["table"] for r in load_five_witnesses()}
    assert table_string(int(_orbit(value)[0]), 5) in witnesses


@settings(deadline=None, max_examples=25)
@given(st.integers(0, 2**32 - 1))
def test_every_other_function_merges_into_at_most_five_neurons(value):
    needs = _cofactor_needs(value)
    if all(a == b == 3 for a, b in needs):
        return  # covered by the witnesses
    j = min(range(5), key=lambda k: sum(needs[k]))
    assert sum(needs[j]) <= 5
    f = BooleanFunction.from_strings(table_string(value, 5))
    f1, f0 = cofactors(f, j)
    net = merge_cofactor_networks(build_minimal(f1), build_minimal(f0), j)
    assert net.sizes().neurons == sum(needs[j]) <= 5
    assert verify(net, f).ok


def test_the_hard_set_is_a_union_of_337_classes_and_every_witness_verifies():
    b = check_five_input_bound()
    assert (b.hard_functions, b.hard_classes, b.bound) == (1821338, 337, 5)
    assert sum(b.witness_neurons.values()) == 337 and max(b.witness_neurons) <= 5
    reps, sizes = five_input_classes(all_hard_functions())
    assert int(sizes.sum()) == len(all_hard_functions())


def test_a_set_not_closed_under_npn_is_refused():
    import pytest

    with pytest.raises(ValueError, match="not closed"):
        five_input_classes(np.array([1]))  # x0 ∧ ... : its class has other members
