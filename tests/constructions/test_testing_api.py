"""The public property-testing API, constructions.testing: strategies, assert_realises, the forms
it accepts, its messages, and the example test file of docs/testing.md run as a user would."""

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from constructions.boolean import BooleanFunction, all_inputs, index_to_point
from constructions.builders import build
from constructions.builders.parity import parity_subset
from constructions.evaluate import evaluate_batch
from constructions.network import Layer, SignNetwork
from constructions.testing import (
    BOOLEAN_MAP_FAMILIES,
    as_boolean_function,
    as_sign_network,
    assert_realises,
    boolean_maps,
    sign_networks,
)

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "testing.md"

OR2 = [([[1, 1]], [1])]                                    # sign(x0 + x1 + 1): OR, table 0111
XNOR_LAYERED = [([[1, 1], [-1, -1]], [-1, -1]), ([[1, 1]], [1])]
XOR_ANY_DEPTH = [([[1, 1]], [-1]), ([[1, 1, -2]], [-1])]


def _family(name: str) -> str:
    return name.lstrip("-").split("(")[0]


def _point(i: int, m: int) -> str:
    return "(" + ", ".join(f"{v:+d}" for v in index_to_point(i, m)) + ")"


def _signs(values) -> str:
    return "[" + ", ".join(f"{int(v):+d}" for v in values) + "]"


def _any_depth_lists(net: SignNetwork):
    """``net`` as plain any-depth lists: every unit's row over all earlier values."""
    layers, offset = [], net.inputs
    for layer in net.layers:
        rows = []
        for row in layer.weights:
            full = [0] * offset
            for s, w in zip(layer.sources, row, strict=True):
                full[s] = int(w)
            rows.append(full)
        layers.append((rows, [int(b) for b in layer.biases]))
        offset += layer.units
    return layers


def _message(network, table) -> str:
    with pytest.raises(AssertionError) as info:
        assert_realises(network, table)
    return str(info.value)


# ---------------------------------------------------------------------------------- boolean_maps
def _check_row(name: str, row: np.ndarray, m: int) -> None:
    """Each family's output really is what its name says."""
    fam, neg = _family(name), name.startswith("-")
    bits = (np.arange(1 << m)[:, None] >> np.arange(m)) & 1  # (2^M, M)
    if fam == "constant":
        assert row.all() if name == "constant(+1)" else not row.any()
    elif fam == "literal":
        j = int(name.split("(x")[1].rstrip(")"))
        assert np.array_equal(row, (bits[:, j] == 1) ^ neg)
    elif fam == "parity":
        subset, negated = parity_subset(row, m)
        assert negated == neg and len(subset) >= 1
        assert name.split("(")[1].rstrip(")") == ",".join(f"x{j}" for j in subset)
    elif fam == "sparse":
        assert 1 <= row.sum() <= 4
    else:
        assert fam in ("threshold", "dense")


def test_every_family_appears_with_visible_probability_and_is_what_it_says():
    seen: dict[str, int] = {}

    @settings(max_examples=240, deadline=None, database=None, derandomize=True)
    @given(boolean_maps(st.integers(1, 5), st.integers(1, 2)))
    def collect(f):
        assert f.table.shape == (f.outputs, 1 << f.inputs)
        names = f.name.split("; ")
        assert len(names) == f.outputs
        for name, row in zip(names, f.table, strict=True):
            _check_row(name, row, f.inputs)
            seen[_family(name)] = seen.get(_family(name), 0) + 1

    collect()
    assert set(seen) == set(BOOLEAN_MAP_FAMILIES)
    total = sum(seen.values())
    assert all(count >= total / 30 for count in seen.values()), seen  # even mix: ~1/6 each


@settings(max_examples=30, deadline=None)
@given(st.data(), st.integers(1, 7), st.integers(1, 3))
def test_boolean_maps_shapes_with_int_or_strategy_arguments(data, m, n):
    f = data.draw(boolean_maps(m, n))
    g = data.draw(boolean_maps(st.just(m), outputs=st.just(n), families=["parity", "dense"]))
    for h in (f, g):
        assert isinstance(h, BooleanFunction) and (h.inputs, h.outputs) == (m, n)
    assert {_family(x) for x in g.name.split("; ")} <= {"parity", "dense"}


@settings(max_examples=5, deadline=None)
@given(boolean_maps(14))
def test_dense_tables_past_the_bitwise_limit_come_from_a_seed(f):
    assert f.inputs == 14 and f.table.shape == (1, 1 << 14)


@pytest.mark.parametrize("kwargs, words", [
    ({"inputs": 0}, "inputs must be between 1 and 28"),
    ({"inputs": 2, "outputs": 0}, "outputs must be >= 1"),
    ({"inputs": 2.5}, "inputs must be an int or a hypothesis strategy"),
    ({"inputs": 2, "families": ["parity", "cubic"]}, "unknown families ['cubic']"),
    # "unknown families []" for an empty list, and a string read letter by letter (2026-12-03)
    ({"inputs": 2, "families": []}, "families is empty"),
    ({"inputs": 2, "families": "parity"}, "not the string 'parity'; write families=['parity']"),
])
def test_boolean_maps_refuses_bad_arguments(kwargs, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        boolean_maps(**kwargs)


@pytest.mark.parametrize("outputs, words", [
    (st.just(2.5), "outputs must be an integer, got 2.5"),  # was truncated to N = 2
    (st.just(True), "outputs must be an integer, got True"),  # was N = 1
    (st.just(0), "outputs must be >= 1, got 0"),
])
def test_a_drawn_n_is_checked_not_truncated(outputs, words):
    for strategy in (boolean_maps(2, outputs), sign_networks(inputs=2, outputs=outputs)):
        with pytest.raises(ValueError, match=re.escape(words)):
            find(strategy, lambda _: True)


@settings(max_examples=3, deadline=None, database=None)
@given(boolean_maps(12, 8, families=["dense", "parity"]))
def test_many_dense_outputs_pass_hypothesis_health_check(f):
    """N·2^M ≥ 2^15 drawn bit by bit failed hypothesis's large-base-example health check
    (M = 12, N = 8; 2026-12-03 audit): such tables come from a seed."""
    assert f.table.shape == (8, 1 << 12)


@pytest.mark.parametrize("kwargs, words", [
    ({"max_inputs": 0}, "max_inputs must be between 1 and 28, got 0"),
    ({"max_inputs": 40}, "max_inputs must be between 1 and 28, got 40"),  # drew M = 40
    ({"max_inputs": 2.5}, "max_inputs must be an int, got 2.5"),
    ({"max_layers": 0}, "max_layers must be >= 1, got 0"),
    ({"max_units": 0}, "max_units must be >= 1, got 0"),
    ({"max_weight": -1}, "max_weight must be >= 0, got -1"),
    ({"max_weight": 0}, "max_weight = 0 makes every pre-activation 0"),  # gave bias 1 with odd
    ({"odd": "yes"}, "odd must be True, False or None, got 'yes'"),
    # `in (True, False, None)` compared with ==: 1, 0 and 1.0 passed (2026-12-05 review)
    ({"odd": 1}, "odd must be True, False or None, got 1"),
    ({"odd": 0.0}, "odd must be True, False or None, got 0.0"),
    ({"max_inputs": 0, "inputs": 3}, "max_inputs must be between 1 and 28, got 0"),  # unchecked
])
def test_sign_networks_refuse_bad_arguments_when_called(kwargs, words):
    """They failed only when the test ran, inside hypothesis, naming no argument (2026-12-03)."""
    with pytest.raises(ValueError, match=re.escape(words)):
        sign_networks(**kwargs)


def test_sign_networks_check_a_drawn_m():
    with pytest.raises(ValueError, match="between 1 and 28, got 40"):
        find(sign_networks(inputs=st.just(40)), lambda _: True)
    net = find(sign_networks(max_weight=0, odd=False), lambda _: True)
    assert all(int(b) == 0 for layer in net.layers for b in layer.biases)


# --------------------------------------------------------------------------------- sign_networks
@settings(max_examples=40, deadline=None)
@given(st.data(), st.integers(1, 5), st.integers(1, 3))
def test_sign_networks_fix_inputs_and_outputs_and_odd_means_no_zero(data, m, n):
    net = data.draw(sign_networks(inputs=m, outputs=st.just(n), odd=True))
    assert isinstance(net, SignNetwork) and (net.inputs, net.outputs) == (m, n)
    _, low = evaluate_batch(net, all_inputs(m))
    assert np.all(low != 0)
    assert_realises(net, net.evaluate(all_inputs(m)))


@settings(max_examples=60, deadline=None)
@given(sign_networks(max_inputs=5, odd=False))
def test_zero_preactivations_of_random_networks_are_flagged_at_the_first_zero(net):
    out, low = evaluate_batch(net, all_inputs(net.inputs))  # (2^M, N), (2^M,)
    zeros = np.flatnonzero(low == 0)
    if zeros.size == 0:
        assert_realises(net, out)
        return
    msg = _message(net, out)
    z = int(zeros[0])
    assert msg.startswith(f"zero pre-activation on input {z}, x = {_point(z, net.inputs)}: layer ")
    assert f"{zeros.size} of {1 << net.inputs} inputs meet a zero" in msg


# ------------------------------------------------------------------- assert_realises on builders
@settings(max_examples=40, deadline=None)
@given(boolean_maps(st.integers(1, 5), st.integers(1, 2)))
def test_every_builder_output_passes(f):
    for method in ("lookup", "dnf", "depth3"):
        assert_realises(build(f, method), f)
    parity_outputs = all(parity_subset(row, f.inputs) is not None for row in f.table)
    if parity_outputs and all(parity_subset(row, f.inputs)[0] for row in f.table):
        assert_realises(build(f, "parity"), f)


@settings(max_examples=40, deadline=None)
@given(boolean_maps(st.integers(1, 5), st.integers(1, 2)), st.data())
def test_planted_wrong_table_names_the_first_wrong_input_exactly(f, data):
    method = data.draw(st.sampled_from(["lookup", "dnf", "depth3"]))
    net = build(f, method)
    size = 1 << f.inputs
    flips = data.draw(st.lists(st.tuples(st.integers(0, f.outputs - 1),
                                         st.integers(0, size - 1)), min_size=1, max_size=4))
    table = f.table.copy()
    for j, i in flips:
        table[j, i] = ~table[j, i]
    wrong = sorted({i for i in range(size) if (table[:, i] != f.table[:, i]).any()})
    if not wrong:  # the flips cancelled out
        assert_realises(net, BooleanFunction(table))
        return
    planted = BooleanFunction(table)
    i = wrong[0]
    msg = _message(net, planted)
    expected, got = planted.signs()[:, i], f.signs()[:, i]
    assert msg.splitlines()[0] == (
        f"wrong output on input {i}, x = {_point(i, f.inputs)}: expected {_signs(expected)}, "
        f"got {_signs(got)} ({len(wrong)} of {size} inputs wrong)")
    if len(wrong) > 1:
        assert f"next wrong inputs: {', '.join(map(str, wrong[1:4]))}" in msg
    assert "zero pre-activation" not in msg


def test_wrong_output_message_in_full():
    assert _message(OR2, "0110") == (
        "wrong output on input 3, x = (+1, +1): expected [-1], got [+1] (1 of 4 inputs wrong)\n"
        "  output pre-activations there: [3]\n"
        "  network computes 0111; table is 0110")
    msg = _message([([[1, 1], [1, -1]], [1, 1])], "0111,0110")
    assert msg.splitlines()[:3] == [
        "wrong output on input 0, x = (-1, -1): expected [-1, -1], got [-1, +1] "
        "(3 of 4 inputs wrong)",
        "  outputs that differ there: [1]",
        "  output pre-activations there: [-1, 1]"]


def test_zero_preactivation_fails_even_when_every_output_is_right():
    assert _message([([[1, 1]], [0])], "0111") == (
        "zero pre-activation on input 1, x = (+1, -1): layer 0 unit 0 (value index 2) has "
        "pre-activation 0, an ambiguous sign(0) (read as +1; 2 of 4 inputs meet a zero)\n"
        "  network computes 0111; table is 0111")
    # a hidden unit at 0: h = sign(x0 - x1) is 0 on inputs 0 and 3; the output ignores it
    msg = _message([([[1, -1]], [0]), ([[1, 0, 0]], [0])], "0101")
    assert msg.startswith("zero pre-activation on input 0, x = (-1, -1): layer 0 unit 0 "
                          "(value index 2) has pre-activation 0")
    # both at once: the wrong output comes first, the zero on its own line
    msg = _message([([[1, 1], [1, 1]], [0, 1])], "0111,0110").splitlines()
    assert msg[0].startswith("wrong output on input 3")
    assert any(line.startswith("  zero pre-activation on input 1, x = (+1, -1): layer 0 unit 0")
               for line in msg)


def test_weights_past_int64_are_exact():
    big = 2**70
    assert_realises([([[big, big]], [1])], "0111")
    assert_realises([([[big, big]], [1]), ([[big]], [big - 1])], "0111")  # layered, bias > 2**62
    assert "zero pre-activation on input 1" in _message([([[big, big]], [0])], "0111")
    assert "expected [+1], got [-1]" in _message([([[big, -big]], [-1])], "0111")


def test_pytest_hides_the_helper_frame():
    assert "__tracebackhide__" in assert_realises.__code__.co_varnames


# ------------------------------------------------------------------------------- network forms
def test_every_network_form_is_accepted(tmp_path):
    f = BooleanFunction.from_strings("0110")
    net = build(f, "depth3")
    path = tmp_path / "net.json"
    net.save(path)
    forms = [net, net.to_dict(), net.to_json(), "  " + net.to_json(), str(path), path,
             _any_depth_lists(net), XOR_ANY_DEPTH]
    for form in forms:
        assert_realises(form, f)
        assert "wrong output on input 0" in _message(form, "1001")
    assert_realises(XNOR_LAYERED, "1001")
    assert_realises(XNOR_LAYERED, "1001", layout="layered")
    assert_realises(XOR_ANY_DEPTH, "0110", layout="any-depth")
    numpy_layers = [(np.array(w, dtype=np.int64), np.array(b, dtype=np.int32))
                    for w, b in XNOR_LAYERED]
    assert_realises(numpy_layers, "1001")
    assert_realises([(tuple(map(tuple, w)), tuple(b)) for w, b in XNOR_LAYERED], "1001")


def test_plain_layouts_read_the_sources_they_document():
    lay = as_sign_network(XNOR_LAYERED + [([[1]], [0]), ([[1]], [0])])  # units 2, 1, 1, 1
    assert [layer.sources for layer in lay.layers] == [(0, 1), (2, 3), (4,), (5,)]
    deep = as_sign_network([([[1, 1]], [-1]), ([[1, 1, -2]], [-1]), ([[0, 0, 1, 1]], [1])])
    assert [layer.sources for layer in deep.layers] == [(0, 1), (0, 1, 2), (0, 1, 2, 3)]


@settings(max_examples=40, deadline=None)
@given(sign_networks(max_inputs=5, odd=True))
def test_any_depth_lists_of_any_network_realise_its_table(net):
    plain = as_sign_network(_any_depth_lists(net))
    x = all_inputs(net.inputs)
    assert np.array_equal(plain.evaluate(x), net.evaluate(x))
    assert_realises(_any_depth_lists(net), net.evaluate(x))


def test_lookup_builder_output_in_the_layered_plain_form():
    f = BooleanFunction.from_strings("00101101")
    net = build(f, "lookup")
    assert net.layers[1].sources == tuple(range(3, 3 + net.layers[0].units))  # layered
    plain = [([[int(v) for v in row] for row in layer.weights], [int(b) for b in layer.biases])
             for layer in net.layers]
    assert_realises(plain, f, layout="layered")
    assert_realises(plain, f)


# --------------------------------------------------------------------------------- table forms
def test_every_table_form_is_accepted():
    f = BooleanFunction.from_strings("0111,0110")
    net = build(f, "lookup")
    rows = f.signs().T  # (4, 2) of ±1
    forms = [f, "0111,0110", " 0111 , 0110 ", ["0111", "0110"], rows, rows.tolist(),
             (rows > 0).astype(int).tolist(), (rows > 0).tolist(), [tuple(r) for r in rows]]
    for form in forms:
        assert as_boolean_function(form) == f
        assert_realises(net, form)
    one = build(BooleanFunction.from_strings("0110"), "parity")
    for form in ("0110", [-1, 1, 1, -1], [0, 1, 1, 0], [False, True, True, False],
                 np.array([-1, 1, 1, -1], dtype=np.int8), [-1.0, 1.0, 1.0, -1.0]):
        assert_realises(one, form)


# ---------------------------------------------------------------------------------- usage errors
@pytest.mark.parametrize("network, table, words", [
    (OR2, "011", "truth table length must be a power of two"),
    (OR2, [1, -1, 1], "2**M of them; got 3"),
    (OR2, "01101001", "the network reads M = 2 inputs but the table has 8 entries (M = 3)"),
    (OR2, "0111,0110", "the network has N = 1 outputs but the table has N = 2"),
    (OR2, [[0, 1, 1, 1], [0, 1, 1, 0]], "did you pass it transposed? (2**M, N) = (4, 2)"),
    (OR2, [[0, 1, 1, 1]], "did you pass it transposed? (2**M, N) = (4, 1)"),
    # a network of more inputs than any table was told to give one of 2**30 entries
    (SignNetwork(30, (Layer.from_lists([[1]], [1], [0]),)), "0110",
     "memcap's truth tables go up to M = 28, so none can match"),
    (OR2, [-1, 0, 1, 1], "not a mix of -1 and 0"),
    (OR2, [1, 2, 1, 1], "table outputs must be ±1, or 0/1, or bools"),
    (OR2, [[1], [1, 1], [1], [1]], "table entries must all have the same number of outputs"),
    (OR2, 7, "cannot read a truth table from a int"),
    ([([[0.5, 1]], [1])], "0111", "layer 0 weights must be integers, found 0.5"),
    ([([[1, 1]], [1.0])], "0111", "layer 0 biases must be integers, found 1.0"),
    ([([[True, 1]], [1])], "0111", "layer 0 weights must be integers, found True"),
    ([(np.array([[1.0, 1.0]]), [1])], "0111", "layer 0 weights must be integers, found 1.0"),
    ([([[1, 1], [1]], [1, 1])], "0111", "layer 0 weights rows have different lengths [1, 2]"),
    ([([[1, 1]], [1, 1])], "0111", "layer 0 has 1 weight rows but 2 biases"),
    ([([[1, 1]], [1], [0, 1])], "0111", "layer 0 must be a pair (weights, biases)"),
    ([], "0111", "a network needs at least one layer"),
    ([([[1, 1]], [1]), ([[1, 1, 1, 1]], [1])], "0111",
     "layer 1 rows have 4 entries: a layered network needs 1 (the units of layer 0), "
     "an any-depth one 3 (M = 2 inputs + 1 units)"),
    ([([[1, 1], [1, 1]], [1, 1]), ([[1, 1]], [1]), ([[1, 1, 1, 1, 1]], [1])], "0111",
     "layer 2 rows have 5 entries but this layered network's layer 2 reads 1 values"),
    (42, "0111", "cannot read a network from a int"),
    ("no/such/net.json", "0111", "network file 'no/such/net.json' does not exist"),
    ("{not json", "0111", "network file is not valid JSON"),
    ({"format": "other"}, "0111", "not a memcap network"),
])
def test_usage_errors_are_one_line_value_errors(network, table, words):
    with pytest.raises(ValueError) as info:
        assert_realises(network, table)
    assert words in str(info.value)
    assert "\n" not in str(info.value)


def test_forced_layout_must_fit():
    with pytest.raises(ValueError, match="this layered network's layer 1 reads 1 values"):
        assert_realises(XOR_ANY_DEPTH, "0110", layout="layered")
    with pytest.raises(ValueError, match="unknown layout 'mlp'"):
        assert_realises(OR2, "0111", layout="mlp")


# ------------------------------------------------------------------------ hypothesis is optional
def test_assert_realises_works_without_hypothesis_and_strategies_say_what_to_install():
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "from constructions.testing import assert_realises, boolean_maps, sign_networks\n"
        "assert_realises([([[1, 1]], [1])], '0111')\n"
        "for strategy in (boolean_maps, sign_networks):\n"
        "    try:\n"
        "        strategy(2)\n"
        "    except ImportError as exc:\n"
        "        print(exc)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 2
    assert all("pip install 'memcap[testing]'" in line for line in lines)


# ------------------------------------------------------------------------- docs/testing.md itself
def test_docs_snippets_run_as_doctests():
    result = doctest.testfile(str(DOC), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 5 and result.failed == 0


def test_the_documented_example_file_fails_on_the_broken_construction_as_documented(tmp_path):
    text = DOC.read_text()
    section = text.split("## The example file", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    documented = re.search(r"```text\n(.*?)```", section, re.S).group(1)
    expected_lines = [line for line in documented.splitlines() if line.startswith("E  ")]
    assert expected_lines[0].startswith("E       AssertionError: wrong output on input 1")
    (tmp_path / "test_my_construction.py").write_text(code)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider",
         "test_my_construction.py"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [
            str(ROOT), os.environ.get("PYTHONPATH")]))})  # memcap importable as when installed
    out = run.stdout
    assert run.returncode == 1, out + run.stderr
    assert "2 failed, 2 passed" in out
    for name in ("test_lookup_network_realises_every_map", "test_my_exporter_keeps_the_function"):
        assert f"PASSED test_my_construction.py::{name}" in out
    for name in ("test_broken_lookup_network_realises_every_map",
                 "test_broken_lookup_network_on_one_table"):
        assert f"FAILED test_my_construction.py::{name}" in out
    for line in expected_lines:  # the documented message, line for line
        assert line in out, line
    hypothesis_failure = out.split("test_broken_lookup_network_realises_every_map ___", 1)[1]
    assert "AssertionError: wrong output on input " in hypothesis_failure
    assert "f=BooleanFunction(M=" in hypothesis_failure


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_sign_networks_keep_biases_in_their_documented_range(data):
    """Odd pre-activations are made by moving a bias toward 0, never past ±max_weight·width
    (the 2026-12-01 audit drew biases one above the top)."""
    from constructions.testing import sign_networks

    net = data.draw(sign_networks(max_weight=3, odd=True))
    for layer in net.layers:
        bound = 3 * len(layer.sources)
        assert all(-bound <= int(b) <= bound for b in layer.biases)


def test_boolean_maps_build_rows_in_chunks_with_the_same_tables(monkeypatch):
    """Every example built the whole (2^M, M) bit matrix, whatever its family: 6 GiB at M = 24,
    an allocation failure at M = 26 (2026-12-04 review). Rows are computed 2^20 indices at a
    time; the tables do not depend on the chunk, and a large M is cheap."""
    import hashlib

    from hypothesis import HealthCheck

    import constructions.boolean as boolean
    import constructions.testing as testing

    def tables(m, n, families=None, examples=40):
        out = []

        @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(testing.boolean_maps(m, n, families=families))
        def draw(f):
            out.append((f.name, np.packbits(f.table).tobytes()))

        draw()
        return hashlib.sha256(repr(out).encode()).hexdigest()

    whole = tables(7, 2)
    monkeypatch.setattr(boolean, "TABLE_CHUNK", 5)  # chunks that do not divide 2^M
    assert tables(7, 2) == whole
    monkeypatch.undo()
    fs = []

    @settings(max_examples=3, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(testing.boolean_maps(22, families=["literal", "parity", "threshold"]))
    def big(f):
        fs.append(f)

    big()
    idx = np.arange(1 << 22, dtype=np.int64)
    for f in fs:  # each row is its family's function of the input bits
        if f.name.lstrip("-").startswith("literal"):
            j = int(f.name.split("x")[1].rstrip(")"))
            want = ((idx >> j) & 1) == 1
            assert np.array_equal(f.table[0], ~want if f.name.startswith("-") else want)


def test_a_check_too_long_to_run_asks_for_what_assert_realises_takes():
    """Above M = 24 the refusal said "pass --force ... or --samples S (from Python: force=True,
    samples=S)", but assert_realises takes no samples and no --force (2026-12-05 review)."""
    from capacity.errors import UsageError
    from constructions.boolean import BooleanFunction
    from constructions.testing import assert_realises

    table = BooleanFunction(np.ones((1, 1 << 25), dtype=bool))
    with pytest.raises(ValueError) as exc:
        assert_realises([([[0] * 25], [1])], table)
    text = str(exc.value)
    assert isinstance(exc.value, UsageError) and "checks 2**25 inputs" in text
    assert text.endswith("pass force=True to assert_realises to run it")
    assert "--force" not in text and "samples" not in text


def test_the_testing_helpers_refuse_bad_input_as_usage_errors():
    """They raised plain ValueError, which `except UsageError` (the rest of the package's type
    for bad input) did not catch (2026-12-05 API review)."""
    from capacity.errors import UsageError
    from constructions.testing import as_boolean_function, as_sign_network

    for bad in (lambda: as_sign_network(5), lambda: as_boolean_function("012"),
                lambda: as_sign_network([([[0.5]], [1])])):
        with pytest.raises(UsageError):
            bad()
