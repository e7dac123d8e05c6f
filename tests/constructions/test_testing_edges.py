"""Edges of constructions.testing (the property-testing helpers for users' own constructions)
that a mutation audit (2026-12-07) found no test pinned: the network and table forms it accepts
and refuses with their messages, assert_realises' failure message, and what the strategies can
draw. Each test fails on the mutants its docstring names."""

import numpy as np
import pytest
from hypothesis import find, given, settings
from refusals import refusal as _refusal

from capacity.errors import UsageError
from constructions.boolean import BooleanFunction
from constructions.network import Layer, SignNetwork
from constructions.testing import (
    as_boolean_function,
    as_sign_network,
    assert_realises,
    boolean_maps,
    sign_networks,
)

FIND = settings(database=None, max_examples=2000)


def _failure(network, table) -> str:
    with pytest.raises(AssertionError) as info:
        assert_realises(network, table)
    return str(info.value)


# --------------------------------------------------------------------------- network forms
def test_plain_layers_in_tuples_numpy_rows_and_object_arrays_are_read():
    """An outer tuple of layers, a list of numpy rows and an object array of Python ints past
    int64 are networks (mutants: tuples, numpy rows or object arrays refused); the method is
    'plain-lists'."""
    net = as_sign_network((([[1, 1]], [1]),))
    assert (net.inputs, net.outputs, net.method) == (2, 1, "plain-lists")
    assert_realises((([[1, 1]], [1]),), "0111")
    assert_realises([([np.array([1, 1])], [1])], "0111")
    big = 2**70
    net = as_sign_network([(np.array([[big, big]], dtype=object), np.array([1], dtype=object))])
    assert net.layers[0].weights[0][0] == big
    assert_realises(net, "0111")


@pytest.mark.parametrize(("weights", "shape"), [(np.array([1, 1]), "(2,)"),
                                                 (np.ones((1, 1, 2), dtype=int), "(1, 1, 2)")])
def test_a_numpy_weight_array_of_another_dimension_is_named_by_its_shape(weights, shape):
    """(mutant: the dimension check dropped)."""
    message = _refusal(lambda: as_sign_network([(weights, [1])]))
    assert f"layer 0 weights must be a 2-d array, got shape {shape}" in message


def test_malformed_layers_are_refused_with_what_is_wrong():
    """A dict is no layer, a layer without rows has no units, fewer biases than rows, empty
    first rows (M = 0) and M = 29 are refused in one line; M = 28 is accepted (mutants: each
    check dropped, the limit moved by one)."""
    assert "layer 0 must be a pair (weights, biases)" in _refusal(
        lambda: as_sign_network([{"weights": [[1, 1]], "biases": [1]}]))
    for net in ([([[1, 1]], [1]), ([], [])], [([], [])]):
        assert "has no units (no weight rows)" in _refusal(lambda net=net: as_sign_network(net))
    assert "layer 0 has 2 weight rows but 1 biases" in _refusal(
        lambda: as_sign_network([([[1, 1], [1, -1]], [1])]))
    assert "layer 0 weight rows are empty" in _refusal(lambda: as_sign_network([([[]], [1])]))
    assert "layer 0 reads 29 inputs; memcap checks networks of at most M = 28" in _refusal(
        lambda: as_sign_network([([[1] * 29], [1])]))
    assert as_sign_network([([[1] * 28], [1])]).inputs == 28


def test_an_empty_float_weight_array_is_refused_by_its_type():
    """The refusal names the empty float64 array, not 'None' (the old message)."""
    message = _refusal(lambda: as_sign_network([(np.zeros((1, 0)), [1])]))
    assert "an empty float64 array" in message and "None" not in message


# ----------------------------------------------------------------------------- table forms
def test_table_forms_and_their_refusals():
    """A tuple of strings is a table named 'table' when given as values; the transposed hint
    only where the row length could be 2**M (not 3, not 1); complex values, '0'/'1'
    characters and N = 0 refused (mutants: tuples refused, the name, the hint's conditions,
    complex accepted, the size-0 check)."""
    assert as_boolean_function(("0111", "0110")).to_strings() == ["0111", "0110"]
    assert as_boolean_function([0, 1, 1, 0]).name == "table"
    plain = "a table needs one entry per input, 2**M of them; got 3"
    assert _refusal(lambda: as_boolean_function([[0, 1, 1], [1, 0, 0], [1, 1, 1]])) == plain
    assert _refusal(lambda: as_boolean_function([[0], [1], [1]])) == plain
    assert "transposed? (2**M, N) = (4, 3)" in _refusal(
        lambda: as_boolean_function([[0, 1, 1, 0]] * 3))
    assert "got complex128 values" in _refusal(
        lambda: as_boolean_function(np.array([1, -1, 1, 1], dtype=complex)))
    message = _refusal(lambda: as_boolean_function(np.array(list("0110"))))
    assert "mix of -1 and 0" not in message and "one table ('0110')" in message
    assert "found 2" in _refusal(lambda: as_boolean_function([1, 2, 1, 1]))
    assert ("a table must have one entry per input, shape (2**M,) or (2**M, N); got (4, 0)"
            in _refusal(lambda: as_boolean_function(np.zeros((4, 0)))))


def test_the_table_length_hint_of_assert_realises():
    """A string table of another M gets no transposed hint but the length to give; at M = 28
    a table of 2**28 entries is still possible, so the hint asks for one (mutants: the hint
    for strings, the 'none can match' hint at M = 28)."""
    message = _refusal(lambda: assert_realises([([[1, 1]], [1])], "01,10,11,00"))
    assert "transposed" not in message and "give a table of 2**2 entries" in message
    net = SignNetwork(28, (Layer.from_lists([[1]], [1], [0]),))
    assert "give a table of 2**28 entries" in _refusal(lambda: assert_realises(net, "0110"))


def test_force_checks_a_network_of_25_inputs():
    """force=True runs the M = 25 check that is refused without it (mutant: force ignored)."""
    table = BooleanFunction(np.ones((1, 1 << 25), dtype=bool))
    with pytest.raises(UsageError):
        assert_realises([([[0] * 25], [1])], table)
    assert_realises([([[0] * 25], [1])], table, force=True)


# ------------------------------------------------------------------- the failure message
def test_the_next_wrong_inputs_end_with_dots_only_when_more_are_left():
    """2 wrong: '1'; exactly 4 wrong: '1, 2, 3'; 5 wrong: '1, 2, 3, ...' (mutants: dots always,
    never)."""
    assert "  next wrong inputs: 1\n" in _failure([([[1, 1]], [3])], "0011")
    assert "  next wrong inputs: 1, 2, 3\n" in _failure([([[1, 1, 1]], [5])], "00001111")
    assert "  next wrong inputs: 1, 2, 3, ...\n" in _failure([([[1, 1, 1]], [5])], "00000111")


def test_the_output_pre_activations_are_the_last_layers_with_hidden_zeros_read_as_plus_one():
    """A layered XNOR against XOR shows the output's pre-activation 1, not the hidden layer's;
    a hidden unit at 0 counts as +1 there, as in the verifier: 2·(+1) + 1 = 3 (mutants: the
    first layer's values, a hidden zero read as −1)."""
    xnor = [([[1, 1], [-1, -1]], [-1, -1]), ([[1, 1]], [1])]
    assert _failure(xnor, "0110").splitlines()[1] == "  output pre-activations there: [1]"
    lines = _failure([([[1, 1]], [0]), ([[0, 0, 2]], [1])], "0000").splitlines()
    assert lines[0].startswith("wrong output on input 1")
    assert "  output pre-activations there: [3]" in lines


def test_zero_units_are_named_by_value_index_five_at_most():
    """Seven units at 0: units 0..4 named, 'and 2 more have'; a later unit's value index is
    M + u (mutants: no cut at five, 'has' for many, the index without u)."""
    line = _failure([([[1, 1]] * 7, [0] * 7)], ",".join(["0111"] * 7)).splitlines()[0]
    assert "layer 0 unit 4 (value index 6) and 2 more have pre-activation 0" in line
    assert "unit 5" not in line
    message = _failure([([[1, 1], [1, -1]], [1, 0]), ([[1, 1]], [1])], "1111")
    assert "layer 0 unit 1 (value index 3) has pre-activation 0" in message


def test_the_whole_table_is_shown_up_to_256_entries_over_all_outputs():
    """N·2^M = 256 shows what the network computes; 3·128 = 384 does not (mutants: < 256,
    2^M alone)."""
    assert "  network computes " in _failure([([[1] * 8], [1])], "0" * 256)
    table = ",".join(["0" * 128] * 3)
    assert "network computes" not in _failure([([[1] * 7] * 3, [1] * 3)], table)


# ------------------------------------------------------------------- strategy arguments
def test_the_strategies_accept_28_inputs_and_refuse_bools():
    """M = 28 is the documented maximum of both strategies; True is no int (mutants: the upper
    bound exclusive, bools accepted); families=3 is one refusal, not a bare TypeError."""
    boolean_maps(28)
    sign_networks(max_inputs=28)
    sign_networks(inputs=28)
    for call in (lambda: sign_networks(max_layers=True), lambda: sign_networks(max_inputs=True),
                 lambda: sign_networks(max_weight=True), lambda: boolean_maps(True)):
        assert "must be an int" in _refusal(call)
    assert "families must be a sequence of family names, got 3" in _refusal(
        lambda: boolean_maps(2, families=3))


# ----------------------------------------------------------------- what the strategies draw
def test_boolean_maps_reach_every_documented_shape():
    """Negated literals, negative threshold weights and four-one sparse tables are drawn
    (mutants: no negation, weights >= 0, at most three ones)."""
    assert find(boolean_maps(3, families=["literal"]), lambda f: f.name.startswith("-literal"),
                settings=FIND).name.startswith("-literal(x")
    assert find(boolean_maps(2, families=["threshold"]), lambda f: "-2" in f.name,
                settings=FIND).name.startswith("threshold(w=")
    assert find(boolean_maps(3, families=["sparse"]), lambda f: f.table.sum() == 4,
                settings=FIND).name == "sparse(4 ones)"


@pytest.mark.parametrize("outputs", [1, 4])
def test_dense_tables_are_drawn_bit_by_bit_up_to_2_to_the_14_entries(outputs):
    """At M = 12 with N·2^M ≤ 2^14 a failure shrinks to a single +1 entry (mutants: a seed at
    M = 12, or at N·2^M = 2^14)."""
    f = find(boolean_maps(12, outputs, families=["dense"]), lambda f: f.table.any(),
             settings=settings(database=None, max_examples=50))
    assert f.table.sum() == 1


def test_seeded_dense_tables_are_uniform():
    """M = 14 tables (drawn from a seed) hold about half +1 entries (mutant: biased draws)."""
    @settings(max_examples=10, database=None, deadline=None)
    @given(boolean_maps(14, families=["dense"]))
    def check(f):
        assert abs(f.table.mean() - 0.5) < 0.05
    check()


def test_sign_networks_reach_their_documented_limits():
    """A layer reading six values, max_layers layers, max_units units, max_inputs inputs, a
    later layer reading an earlier unit, an even unit under odd=None and a hidden layer wider
    than the outputs (mutants: each limit never drawn)."""
    net = find(sign_networks(inputs=6), lambda n: any(len(la.sources) == 6 for la in n.layers),
               settings=FIND)
    assert max(len(la.sources) for la in net.layers) == 6
    find(sign_networks(max_layers=3), lambda n: len(n.layers) == 3, settings=FIND)
    find(sign_networks(max_units=4), lambda n: any(la.units == 4 for la in n.layers),
         settings=FIND)
    find(sign_networks(max_inputs=6), lambda n: n.inputs == 6, settings=FIND)
    find(sign_networks(inputs=2), lambda n: any(s >= 2 for la in n.layers[1:]
                                                for s in la.sources), settings=FIND)
    find(sign_networks(), lambda n: any((sum(int(w) for w in row) + int(b)) % 2 == 0
                                        for la in n.layers
                                        for row, b in zip(la.weights, la.biases, strict=True)),
         settings=FIND)
    find(sign_networks(outputs=1, max_units=4),
         lambda n: any(la.units > 1 for la in n.layers[:-1]), settings=FIND)
