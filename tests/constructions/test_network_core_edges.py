"""Edges of the network type, its JSON reader, the evaluator, the threshold LP and the factored
evaluator that a mutation audit (2026-12-07) found no test pinned, and the bugs it found: an
integer of more than 4 300 digits nested in a network file broke the refusal (status 70), a
bad input index of a network of M ≥ 14 284 inputs likewise, and 1.5 or True was cut to 1 by
``int()`` in ``factored_plan`` and ``threshold_weights``. Each test fails on the mutants its
docstring names (or on the code before the fix)."""

import itertools
import json

import numpy as np
import pytest
from memcap_cli import memcap_main

from capacity.errors import UsageError
from constructions.boolean import all_inputs
from constructions.evaluate import evaluate_batch
from constructions.factored import factored_chunks, factored_plan, plan_chunk_bits
from constructions.network import FORMAT, Layer, SignNetwork, one_hidden_layer, short_repr
from constructions.threshold import MAX_LINEAR_INPUTS, is_unate, threshold_weights

ONE = {"weights": [[1]], "biases": [0], "sources": [0]}


def _read(**fields):
    """The network file of one unit with ``fields`` replaced; the strings "BIG" and "-BIG"
    stand for ±10^5000 (which ``json.dumps`` cannot write)."""
    data = {"format": FORMAT, "inputs": 1, "outputs": 1, "layers": [ONE], **fields}
    text = json.dumps(data).replace('"-BIG"', "-1" + "0" * 5000)
    return SignNetwork.from_json(text.replace('"BIG"', "1" + "0" * 5000))


# ---------------------------------------------------------------------------- short_repr
def test_short_repr_cuts_integers_past_60_bits_and_texts_past_60_characters():
    assert short_repr(2**59) == repr(2**59)  # exactly 60 bits: printed
    assert short_repr(2**60) == "an integer of 61 bits"
    cut = short_repr("x" * 100)
    assert len(cut) == 60 and cut.endswith("...")
    assert short_repr("y" * 58) == repr("y" * 58)  # 60 characters with the quotes


def test_short_repr_of_containers_never_prints_a_huge_integer():
    """repr() of ``[10**5000]`` raised ValueError (Python's 4 300-digit limit)."""
    assert short_repr([1, 10**5000]) == "[1, an integer of 16610 bits]"
    assert short_repr((10**5000,)) == "(an integer of 16610 bits,)"
    assert short_repr({"k": -(10**5000)}) == "{'k': an integer of 16610 bits}"
    assert short_repr([[[[[1]]]]]) == "[[[[...]]]]"
    assert len(short_repr(list(range(10**6)))) == 60
    assert short_repr([1, (2, 3), {"a": None}]) == repr([1, (2, 3), {"a": None}])


@pytest.mark.parametrize("where", ["table list", "table", "layers", "flat weights", "method",
                                   "sources", "nested weights"])
def test_a_file_with_a_5000_digit_integer_anywhere_is_refused_in_one_line(where):
    big = "BIG"
    fields = {
        "table list": {"truth_table": [big]},
        "table": {"truth_table": big},
        "layers": {"layers": [big]},
        "flat weights": {"layers": [{"weights": [big], "biases": [0], "sources": [0]}]},
        "method": {"method": [big]},
        "sources": {"layers": [{"weights": [[1]], "biases": [0], "sources": ["-BIG"]}]},
        "nested weights": {"layers": [{"weights": [[[big]]], "biases": [0], "sources": [0]}]},
    }[where]
    with pytest.raises(UsageError) as refused:
        _read(**fields)
    assert len(str(refused.value)) < 400 and "\n" not in str(refused.value)


def test_memcap_verify_refuses_a_file_with_a_huge_integer_with_status_2(capsys, tmp_path):
    """It ended as 'memcap: internal error ... this is a bug' (status 70)."""
    path = tmp_path / "net.json"
    path.write_text('{"format": "memcap.sign-network/1", "inputs": 1, "outputs": 1, '
                    '"layers": [{"weights": [[1]], "biases": [0], "sources": [0]}], '
                    '"truth_table": [1' + "0" * 5000 + ']}')
    code, out, err = memcap_main(capsys, "verify", str(path))
    assert code == 2 and out == "" and "truth_table" in err and "bits" in err
    assert len(err.strip().splitlines()) == 1


def test_a_bad_input_index_of_a_very_wide_network_is_refused_not_crashed():
    """2^M − 1 was printed whole: at M = 15 000 a ValueError (status 70) in place of the
    refusal. Small M still names the range in digits."""
    wide = SignNetwork(15000, (Layer.from_lists([[1]], [1], [0]),))
    with pytest.raises(UsageError, match=r"0\.\.2\^15000-1"):
        wide.evaluate_index(-1)
    with pytest.raises(UsageError, match=r"0\.\.3, got an integer of 5001 bits"):
        SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),)).evaluate_index(2**5000)


# --------------------------------------------------------------------------- the network
def test_a_method_of_1000_characters_is_kept_and_1001_refused():
    net = SignNetwork(1, (Layer.from_lists([[1]], [0], [0]),), method="m" * 1000)
    assert SignNetwork.from_json(net.to_json()).method == "m" * 1000
    with pytest.raises(UsageError):
        SignNetwork(1, (Layer.from_lists([[1]], [0], [0]),), method="m" * 1001)


@pytest.mark.parametrize("weights, biases, words", [
    (np.ones((2, 1), dtype=np.int64), np.ones(1, dtype=np.int64), "do not match"),
    (np.array([[1.5]]), np.array([0]), "must be integers"),  # int() cut 1.5 to 1
    (np.array([[1]]), np.array([0.5]), "must be integers"),
    (np.array([[1.0]]), np.array([1]), "must be integers"),
])
def test_a_layer_refuses_unmatched_or_float_arrays(weights, biases, words):
    with pytest.raises(UsageError, match=words):
        Layer(weights, biases, (0,))


def test_uint64_weights_near_the_end_of_int64_are_kept_exactly():
    """2^63 as uint64 wrapped to −2^63 when the switch to Python ints came later."""
    layer = Layer(np.array([[2**63]], dtype=np.uint64), np.array([1], dtype=np.uint64), (0,))
    assert int(layer.weights[0, 0]) == 2**63 and layer.max_abs_weight() == 2**63
    layer = Layer(np.array([[2**62]], dtype=np.uint64), np.array([1], dtype=np.uint64), (0,))
    assert layer.weights.dtype == object


def test_the_json_reader_refuses_booleans_strings_and_unmatched_biases():
    with pytest.raises(UsageError, match="'outputs' must be a positive integer"):
        SignNetwork.from_json(json.dumps({"format": FORMAT, "inputs": 1, "outputs": True,
                                          "layers": [ONE]}))
    with pytest.raises(UsageError, match="'layers' must be a list"):
        _read(layers="")
    with pytest.raises(UsageError, match="layer 1 must have one bias per weight row"):
        _read(layers=[ONE, {"weights": [[1], [1]], "biases": [1], "sources": [1]}])


def test_a_truth_table_holds_one_string_per_output():
    SignNetwork(1, (Layer.from_lists([[1]], [0], [0]),), truth_table=("01",))
    with pytest.raises(UsageError):
        SignNetwork(1, (Layer.from_lists([[1]], [0], [0]),), truth_table=("01", "10"))


def test_depth_counts_only_paths_that_end_at_an_output():
    net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),   # unit 2
                          Layer.from_lists([[1]], [0], [2]),         # unit 3 reads unit 2
                          Layer.from_lists([[1, 1]], [1], [0, 1])))  # the output: inputs only
    assert net.longest_path() == 1 and net.sizes().depth == 1


def test_layers_reading_other_sources_are_unequal():
    a, b = Layer.from_lists([[1]], [1], [0]), Layer.from_lists([[1]], [1], [1])
    assert a != b and len({a, b}) == 2


def test_one_hidden_layer_outputs_read_their_own_parts_units():
    net = one_hidden_layer(2, [([[1, 1]], [-1], [1], 0),   # output 0: AND
                               ([[1, 1]], [1], [1], 0)],   # output 1: OR
                           method="t")
    out = net.evaluate(all_inputs(2))
    assert out[:, 0].tolist() == [-1, -1, -1, 1] and out[:, 1].tolist() == [-1, 1, 1, 1]
    assert net.layers[1].weights.tolist() == [[1, 0], [0, 1]]


@pytest.mark.parametrize("first", [True, False])
def test_a_layer_without_units_is_refused(first):
    empty = Layer(np.zeros((0, 1), dtype=np.int64), np.zeros(0, dtype=np.int64),
                  (0,) if first else (1,))
    one = Layer.from_lists([[1]], [0], [0])
    with pytest.raises(UsageError, match="has no units"):
        SignNetwork(1, (empty, one) if first else (one, empty))


# ---------------------------------------------------------------------------- evaluation
@pytest.mark.parametrize("points", [np.array([[True, True]]),
                                    np.ones((1, 3), dtype=np.int8),
                                    np.ones((1, 1), dtype=np.int8)])
def test_bool_points_and_points_of_another_width_are_refused(points):
    net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))
    with pytest.raises(UsageError):
        evaluate_batch(net, points)


# ----------------------------------------------------------------------------- threshold
def test_is_unate_agrees_with_its_definition_on_every_table_of_three_inputs():
    """Every input is checked, the last included."""
    for bits in itertools.product([False, True], repeat=8):
        table = np.array(bits)
        unate = True
        for i in range(3):
            pairs = [(table[k], table[k | 1 << i]) for k in range(8) if not k >> i & 1]
            if any(h and not lo for lo, h in pairs) and any(lo and not h for lo, h in pairs):
                unate = False
        assert is_unate(table, 3) == unate, bits


def test_threshold_weights_take_m_up_to_sixteen():
    assert MAX_LINEAR_INPUTS == 16
    for m in (16, 17):
        row = np.zeros(1 << m, dtype=bool)
        row[1] = row[2] = True  # x0 XOR x1 on one corner: not unate
        if m == 16:
            assert threshold_weights(row, m) is None
        else:
            with pytest.raises(UsageError, match="exceeds 16"):
                threshold_weights(row, m)


@pytest.mark.parametrize("inputs", [2.5, True, -1])
def test_threshold_functions_take_an_integer_m_and_a_table_of_its_length(inputs):
    """2.5 was read as M = 2 by ``int()``."""
    and2 = np.array([0, 0, 0, 1], dtype=bool)
    with pytest.raises(UsageError):
        threshold_weights(and2, inputs)
    with pytest.raises(UsageError):
        is_unate(and2, inputs)
    with pytest.raises(UsageError, match="2\\^3 = 8 entries"):
        threshold_weights(and2, 3)


# ------------------------------------------------------------------------------ factored
def test_a_units_support_leaves_out_its_zero_weights():
    """x0 AND x1 with weight 0 on x2 costs a 2-input block: 1·2·4 products and 2·4 sums."""
    plan = factored_plan(SignNetwork(3, (Layer.from_lists([[1, 1, 0]], [-1], [0, 1, 2]),)))
    assert plan.groups[0].mask == 0b011 and plan.work == 16


def test_factored_chunks_refuse_another_networks_plan():
    and2 = SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),))
    or2 = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))
    with pytest.raises(UsageError):
        list(factored_chunks(or2, plan=factored_plan(and2)))


def test_a_chunk_whose_arrays_take_exactly_the_budget_is_kept():
    and3 = SignNetwork(3, (Layer.from_lists([[1, 1, 1]], [-2], [0, 1, 2]),))  # 8 float32
    assert plan_chunk_bits(and3, 32) == 3 and plan_chunk_bits(and3, 31) == 2


@pytest.mark.parametrize("bits", [-1, 3, 1.5, True])
def test_chunk_bits_are_an_integer_in_0_to_m(bits):
    """1.5 and True were cut to 1 by ``int()``."""
    net = SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),))
    with pytest.raises(UsageError):
        factored_plan(net, bits)
