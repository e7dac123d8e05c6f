"""The sign-network type: validation, sizes, exact evaluation and the JSON format."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from capacity.errors import UsageError
from constructions.boolean import all_inputs
from constructions.evaluate import evaluate_batch
from constructions.network import FORMAT, Layer, SignNetwork


def claim_20_1(table: str, m: int) -> SignNetwork:
    """UML Claim 20.1 written by hand: one detector per positive input, output an OR."""
    x = all_inputs(m).astype(np.int64)
    pos = [i for i, c in enumerate(table) if c == "1"] or [0]
    k = sum(c == "1" for c in table)
    hidden = Layer(x[pos], np.full(len(pos), -(m - 1)), tuple(range(m)))
    weights = np.ones((1, len(pos)), dtype=np.int64) * (1 if k else 0)
    out = Layer(weights, np.array([k - 1 if k else -1]), tuple(range(m, m + len(pos))))
    return SignNetwork(m, (hidden, out), method="claim-20.1", truth_table=(table,))


@given(st.integers(1, 6).flatmap(lambda m: st.text("01", min_size=1 << m, max_size=1 << m)))
def test_hand_built_claim_20_1_is_exact(table):
    m = len(table).bit_length() - 1
    net = claim_20_1(table, m)
    out, low = evaluate_batch(net, all_inputs(m))
    assert "".join("1" if v > 0 else "0" for v in out[:, 0]) == table
    if "1" in table:
        assert low.min() >= 1  # odd pre-activations, never 0


@given(st.integers(1, 5).flatmap(lambda m: st.text("01", min_size=1 << m, max_size=1 << m)))
def test_json_round_trip_is_exact(table):
    m = len(table).bit_length() - 1
    net = claim_20_1(table, m)
    back = SignNetwork.from_json(net.to_json())
    assert back == net
    assert back.to_dict()["format"] == FORMAT


def test_sizes():
    net = claim_20_1("0110", 2)
    s = net.sizes()
    assert s.hidden_per_layer == (2,) and s.neurons == 3 and s.depth == 2
    assert s.edges == 2 * 2 + 2
    assert s.parameters == 2 * (2 + 1) + 1 * (2 + 1)
    assert s.max_abs_weight == 1 and s.max_abs_bias == 1


def test_big_weights_use_python_integers():
    big = 2**70 + 1
    net = SignNetwork(1, (Layer.from_lists([[big]], [0], [0]),))
    assert net.layers[0].weights.dtype == object
    out, low = evaluate_batch(net, all_inputs(1))
    assert out.ravel().tolist() == [-1, 1] and low.tolist() == [big, big]
    assert SignNetwork.from_json(net.to_json()) == net


@pytest.mark.parametrize("bad, fragment", [
    ({"format": "x"}, "not a memcap network"),
    ({"format": FORMAT, "inputs": 2, "outputs": 1}, "no 'layers' field"),
    ({"format": FORMAT, "inputs": 2, "outputs": 1, "layers": [
        {"weights": [[1.5, 1]], "biases": [1], "sources": [0, 1]}]}, "integers"),
    ({"format": FORMAT, "inputs": 2, "outputs": 1, "layers": [
        {"weights": [[1, 1]], "biases": [1], "sources": [0, 2]}]}, "not computed before"),
    # fields of the wrong type were coerced (int("2"), int(2.9), str(5)) or missing ones
    # accepted (2026-12-01 audit); each is refused by name now
    ({"format": FORMAT, "inputs": "2", "outputs": 1, "layers": []}, "'inputs' must be a positive"),
    ({"format": FORMAT, "inputs": 2.9, "outputs": 1, "layers": []}, "'inputs' must be a positive"),
    ({"format": FORMAT, "inputs": 2, "layers": []}, "'outputs' must be a positive integer"),
    ({"format": FORMAT, "inputs": 2, "outputs": 1, "layers": [], "method": 5},
     "'method' must be a string"),
    ({"format": FORMAT, "inputs": 2, "outputs": 1, "layers": [], "truth_table": "0110"},
     "'truth_table' must be a list"),
    ({"format": FORMAT, "inputs": 2, "outputs": 1, "layers": [], "truth_tables": ["0110"]},
     "unknown field"),
    ({"format": FORMAT, "inputs": 2, "outputs": 3, "layers": [
        {"weights": [[1, 1]], "biases": [1], "sources": [0, 1]}]}, "says 3 outputs"),
    ({"format": FORMAT, "inputs": 2, "outputs": 1, "layers": [  # fewer outputs than the layer
        {"weights": [[1, 1], [1, -1]], "biases": [1, 1], "sources": [0, 1]}]},
     "says 1 outputs but its last layer has 2"),
    # unpinned until the 2026-12-06 mutation audit: repeated sources, a table that is not 0/1
    ({"format": FORMAT, "inputs": 2, "outputs": 1, "layers": [
        {"weights": [[1, 1]], "biases": [1], "sources": [0, 0]}]}, "sources must be distinct"),
    ({"format": FORMAT, "inputs": 2, "outputs": 1, "truth_table": ["0120"], "layers": [
        {"weights": [[1, 1]], "biases": [1], "sources": [0, 1]}]}, "characters 0/1"),
])
def test_bad_json_is_rejected(bad, fragment):
    """Each malformed network is refused with one UsageError naming what is wrong."""
    with pytest.raises(ValueError, match=fragment):
        SignNetwork.from_dict(bad)


def test_save_is_atomic_and_loads(tmp_path):
    net = claim_20_1("0001", 2)
    p = tmp_path / "net.json"
    net.save(p)
    assert SignNetwork.load(p) == net
    assert [q.name for q in tmp_path.iterdir()] == ["net.json"]


def test_nan_infinity_and_huge_integers_in_network_files(tmp_path):
    """NaN/Infinity are refused as bad input (they were status 70); weights of 5 000 digits,
    above Python's 4 300-digit text guard, save and load exactly."""
    p = tmp_path / "n.json"
    p.write_text(f'{{"format": "{FORMAT}", "inputs": NaN, "outputs": 1, "layers": []}}')
    with pytest.raises(ValueError, match="NaN is not a JSON number"):
        SignNetwork.load(p)
    big = 10**5000 + 1
    net = SignNetwork(1, (Layer.from_lists([[big]], [1], [0]),))
    net.save(p)
    assert SignNetwork.load(p) == net


def test_layers_refuse_non_integers_and_never_wrap_large_integers():
    """Layer keeps exact integers: a float is refused, not truncated (1.5 was stored as 1), and
    unsigned or near-2^63 numpy values become Python ints (2^64 - 1 had wrapped to -1, and
    -2^63 broke |w| and the pre-activation bound). Construct audit, 2026-12-01."""
    import numpy as np
    import pytest

    from capacity.errors import UsageError
    from constructions.network import Layer

    for bad in ([[1.5, 2.0]], [[True, 1]]):
        with pytest.raises(UsageError, match="must be integers"):
            Layer.from_lists(bad, [0], [0, 1])
    with pytest.raises(UsageError, match="must be integers"):
        Layer(np.array([[1.5]], dtype=object), np.array([0]), (0,))
    big = Layer(np.array([[2**64 - 1]], dtype=np.uint64), np.array([0]), (0,))
    assert big.weights[0, 0] == 2**64 - 1 and big.max_abs_weight() == 2**64 - 1
    low = Layer(np.array([[-2**63, 1]], dtype=np.int64), np.array([0]), (0, 1))
    assert low.max_abs_weight() == 2**63 and low.preactivation_bound() == 2**63 + 1


def test_sources_and_inputs_must_be_integers():
    """A float source was cut with int() after the distinctness check ([1.2, 1.7] became the
    unreadable (1, 1)), and SignNetwork(1.5, …) wrote "inputs": 1.5 into the JSON (exact
    arithmetic audit, 2026-12-02)."""
    for bad in ([1.2, 1.7], [0, 1.7], [False, True], [-1, 0]):
        with pytest.raises(UsageError, match="sources must be non-negative integers"):
            Layer.from_lists([[1, 1]], [-1], bad)
    with pytest.raises(UsageError, match="one entry per source"):  # was numpy's ValueError
        Layer.from_lists([[1, 2], [3]], [0, 0], [0, 1])
    layer = Layer.from_lists([[1, 1]], [-1], [np.int64(0), 1])
    assert layer.sources == (0, 1) and all(type(s) is int for s in layer.sources)
    for bad in (1.5, True, "2"):
        with pytest.raises(UsageError, match="inputs M must be an integer"):
            SignNetwork(bad, (layer,))
    net = SignNetwork(np.int64(2), (layer,))
    assert type(net.inputs) is int and SignNetwork.from_json(net.to_json()) == net


def test_every_network_that_can_be_built_reads_back(tmp_path):
    """More than 2^24 inputs, outputs or a source beyond 2^24 was built and saved, then refused
    by the network's own reader (2026-12-05 review): the constructor refuses what the reader
    would, and a network at the limits round-trips."""
    from constructions.network import MAX_NETWORK_SIZE as cap

    with pytest.raises(UsageError, match=f"at most {cap} inputs"):
        SignNetwork(cap + 1, (Layer.from_lists([[1]], [1], [cap]),))
    with pytest.raises(UsageError, match=f"sources go up to {cap}"):
        SignNetwork(cap, (Layer.from_lists([[1], [1]], [1, 1], [0]),
                          Layer.from_lists([[1]], [1], [cap + 1])))
    ones = np.ones((cap + 1, 1), dtype=np.int64)
    with pytest.raises(UsageError, match=f"at most {cap} outputs"):
        SignNetwork(1, (Layer(ones, np.ones(cap + 1, dtype=np.int64), (0,)),))
    net = SignNetwork(cap, (Layer.from_lists([[1, -1]], [1], [0, cap - 1]),))
    net.save(tmp_path / "wide.json")
    assert SignNetwork.load(tmp_path / "wide.json") == net


def test_complex_points_are_refused():
    """|1j| = 1 passed the ±1 check and int8 dropped the imaginary part."""
    net = SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),))
    with pytest.raises(UsageError, match="±1"):
        evaluate_batch(net, np.array([[1j, 1]]))


def test_save_onto_a_folder_and_a_fractional_index_are_refused(tmp_path):
    """net.save(folder) raised IsADirectoryError naming a temporary file, and
    evaluate_index(1.5) evaluated input 1 (2026-12-05 API review)."""
    net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))  # OR
    with pytest.raises(IsADirectoryError) as err:
        net.save(tmp_path)
    assert err.value.filename == str(tmp_path)  # the path given, not a temporary's
    assert list(tmp_path.iterdir()) == []  # no temporary left behind
    with pytest.raises(UsageError, match="must be an integer in 0..2\\^M-1 = 0..3, got 1.5"):
        net.evaluate_index(1.5)
    assert net.evaluate_index(np.int64(3)).tolist() == [1]


def test_layers_compare_and_hash_by_value():
    """The generated dataclass comparison compared numpy arrays ("truth value of an array is
    ambiguous") and hashing raised (2026-12-05 API review)."""
    a = Layer.from_lists([[1, 1]], [-1], [0, 1])
    b = Layer(np.array([[1, 1]], dtype=np.int64), np.array([-1], dtype=np.int64), (0, 1))
    c = Layer.from_lists([[1, 1]], [1], [0, 1])
    assert a == b and hash(a) == hash(b) and a != c and len({a, b, c}) == 2 and a in [c, b]


def test_evaluation_edges_an_int64_bound_float_points_and_0_1_points():
    """Three edges of exact evaluation the 2026-12-06 mutation audit found unpinned:
    - a bound past int64 (3·2^61 + 2^61) moves the arithmetic to Python integers: without the
      guard it wrapped to 0 and the network was evaluated in float32, wrongly;
    - float points are read as the ±1 integers they hold: a weight of 2^70 in float arithmetic
      rounded −1 + ... to a false sign(0);
    - 0/1 points are refused (inputs are ±1)."""
    net = SignNetwork(4, (Layer.from_lists([[2**61, 2**61, 2**61, 3]], [-(2**61 - 2)],
                                           [0, 1, 2, 3]),))
    assert net.layers[0].preactivation_bound() == 9223372036854775809
    out, least = net.evaluate(np.array([[1, 1, -1, -1]]), return_preactivations=True)
    assert out.tolist() == [[-1]] and least.tolist() == [1]
    table = "".join("1" if v > 0 else "0" for v in net.evaluate(all_inputs(4))[:, 0])
    assert table == "0000000100010111"
    big = SignNetwork(1, (Layer.from_lists([[2**70]], [-(2**70) - 1], [0]),))
    out, least = evaluate_batch(big, np.array([[1.0]]))
    assert out.tolist() == [[-1]] and least.tolist() == [1]
    with pytest.raises(UsageError, match="entries ±1"):
        evaluate_batch(SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),)),
                       np.array([[0, 1]]))
