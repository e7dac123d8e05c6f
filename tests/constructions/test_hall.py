"""The ``hall`` construction: Hall placements, exact realisation, size formula, optimal order."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from capacity import solvers
from capacity.errors import NotApplicable, UsageError
from constructions.boolean import BooleanFunction
from constructions.builders import build, hall_size, hall_split
from constructions.builders._common import unit_parities_odd
from constructions.builders.hall import build_hall, hall_pairs
from constructions.families import make_function
from constructions.verify import verify


def _check_pairs(bills, q):
    b, c = hall_pairs(bills, q)
    assert sorted(b.tolist()) == list(range(q)) and sorted(c.tolist()) == list(range(q))
    assert ((c - b) % q).tolist() == [v % q for v in bills]


@pytest.mark.parametrize("q", [1, 2, 3, 4, 5, 6])
def test_hall_pairs_every_zero_sum_sequence(q):
    """Exhaustive: every bill sequence of Z_q (q ≤ 6) with zero sum gets its permutations."""
    for head in itertools.product(range(q), repeat=q - 1):
        _check_pairs([*head, -sum(head) % q], q)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 9), st.data())
def test_hall_pairs_random_and_structured(log_q, data):
    q = 1 << log_q
    kind = data.draw(st.sampled_from(["random", "constant", "progression", "even"]))
    if kind == "random":
        head = data.draw(st.lists(st.integers(0, q - 1), min_size=q - 1, max_size=q - 1))
    elif kind == "constant":
        head = [data.draw(st.integers(0, q - 1))] * (q - 1)
    elif kind == "progression":
        step = data.draw(st.integers(0, q - 1))
        head = [(i * step) % q for i in range(q - 1)]
    else:
        head = [2 * data.draw(st.integers(0, max(q // 2 - 1, 0)))] * (q - 1)
    _check_pairs([*head, -sum(head) % q], q)


def test_hall_pairs_reduces_any_integer_bills_mod_q():
    _check_pairs([2**70 + 1, -(2**70) + 2, -3, 2**64], 4)  # beyond int64: reduced, no overflow


def test_hall_pairs_rejects_bad_bills():
    with pytest.raises(UsageError, match="sum to 0"):
        hall_pairs([1, 0], 2)
    with pytest.raises(UsageError, match="exactly q bills"):
        hall_pairs([0, 0, 0], 4)


def _assert_realised(f):
    net = build_hall(f)
    result = verify(net, f, force=True)
    assert result.ok, result.to_dict()
    assert result.zero_preactivations == 0
    assert unit_parities_odd(net)
    assert net.sizes().neurons == hall_size(f.inputs, f.outputs)
    return net


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 11), st.integers(1, 3), st.integers(0, 2**32 - 1))
@example(m=8, n=1, seed=0)
@example(m=1, n=3, seed=5)
def test_hall_realises_random_maps_with_its_formula_size(m, n, seed):
    rng = np.random.default_rng(seed)
    table = rng.integers(0, 2, size=(n, 1 << m)).astype(bool)
    f = BooleanFunction.from_strings(["".join("1" if v else "0" for v in row) for row in table])
    net = _assert_realised(f)
    assert net.sizes().neurons >= solvers.least_neurons_any_depth_counting(m, n)


@pytest.mark.parametrize("m", [1, 2, 5, 9, 12, 14])
@pytest.mark.parametrize("family", ["constant", "parity", "dictator", "random"])
def test_hall_realises_structured_maps(m, family):
    if family == "dictator":  # a single literal: output = x_{M-1}
        f = BooleanFunction.from_strings("".join(str((i >> (m - 1)) & 1) for i in range(1 << m)))
    else:
        f = make_function(family, m, seed=m)
    _assert_realised(f)


def test_hall_realises_every_map_of_three_inputs():
    for code in range(256):
        f = BooleanFunction.from_strings("".join(str((code >> i) & 1) for i in range(8)))
        _assert_realised(f)


def test_hall_many_outputs_share_the_one_hot_with_python_integer_weights():
    f = make_function("random", 6, outputs=100, seed=1)
    net = _assert_realised(f)
    assert net.sizes().max_abs_weight > 2**62  # exact big integers, not int64
    assert net.sizes().neurons >= solvers.least_neurons_any_depth_counting(6, 100)


def test_hall_every_split_is_exact():
    f = make_function("random", 9, seed=3, outputs=2)
    for e in range(0, 3):
        for a in range(1, 9 - e + 1):
            split = (e, a, 9 - e - a)
            net = build_hall(f, split=split)
            assert verify(net, f).ok, split
            assert net.sizes().neurons == hall_size(9, 2, split)


def test_hall_size_formula_and_optimal_order():
    assert hall_split(20) == (3, 8, 9) and hall_size(20) == 1047
    assert hall_size(16) == 399 and hall_size(24) == 4123
    for m in range(1, 25):  # never below the proven lower bound
        assert hall_size(m) >= solvers.least_neurons_any_depth_counting(m)
    for m in range(8, 61):  # bounded constant in front of √(2^M/M), unlike depth3 and xorsys
        assert hall_size(m) / math.sqrt(2**m / m) < 7, m
    assert hall_size(20, 16) < solvers.depth3_worst_case_neurons(20, 16) / 1.9


def test_hall_rejects_what_it_cannot_build():
    f = make_function("random", 6, seed=0)
    with pytest.raises(NotApplicable):
        build(f, "hall", strict_layers=True)
    with pytest.raises(UsageError, match="bad split"):
        build_hall(f, split=(1, 1, 1))
    with pytest.raises(UsageError, match="a >= 1"):
        build_hall(f, split=(1, 0, 5))


def test_hall_is_best_from_thirty_six_inputs_and_xorsys_before():
    """xorsys (order 2^(M/2); systems composed up to m = 13) is 184–3 677 neurons smaller at
    even M = 20..28 and 184–3 275 at odd M = 19..27, and up to M = 35; hall's optimal order wins
    from M = 36 on (hall_worst_case_neurons vs xorsys_worst_case_neurons)."""
    from capacity.solvers import hall_worst_case_neurons, xorsys_worst_case_neurons
    from constructions.builders import bracket_table

    gaps = {m: hall_worst_case_neurons(m) - xorsys_worst_case_neurons(m) for m in range(19, 36)}
    assert [gaps[m] for m in range(20, 29, 2)] == [184, 391, 831, 1776, 3677]
    assert [gaps[m] for m in range(19, 28, 2)] == [184, 389, 829, 1645, 3275]
    assert all(g > 0 for g in gaps.values())
    assert all(hall_worst_case_neurons(m) < xorsys_worst_case_neurons(m) for m in range(36, 42))
    rows = bracket_table(24)
    assert [r["best_method"] for r in rows[6:]] == ["xorsys"] * 18
    assert rows[19]["best"] == 863 and rows[19]["per_order"] == 3.77


@pytest.mark.slow
def test_hall_at_twenty_inputs_and_auto_picks_xorsys_at_nineteen():
    f = make_function("random", 20, seed=0)
    net = _assert_realised(f)
    assert net.method == "hall(e=3,a=8,c=9)"
    g = make_function("random", 19, seed=1)
    assert build(g, "auto").method == "auto:xorsys(m=11,h=0,r=8)"  # 607 neurons, hall 791


def _reachable_columns(units, q):
    """How many columns step units reach: a column is the row targets mod q relative to row 0;
    unit (form, value) fires on the `cut` rows y (bits y_i) with the smallest Σ form_i·y_i, for
    a cut of its own in 0..q, and adds its value. The reachable set is the sumset of the units'
    sets in Z_q^(q−1), counted by a product of discrete Fourier transforms."""
    bits = np.array([[(y >> i) & 1 for i in range(q.bit_length() - 1)] for y in range(q)])
    product = np.ones((q,) * (q - 1), dtype=complex)
    for form, value in units:
        order = np.argsort(bits @ np.array(form), kind="stable")
        assert len(set((bits @ np.array(form)).tolist())) == q  # a strict order of the rows
        reach = np.zeros((q,) * (q - 1))
        for cut in range(q + 1):
            step = np.zeros(q, dtype=int)
            step[order[:cut]] = value
            reach[tuple((step[1:] - step[0]) % q)] = 1
        product *= np.fft.fftn(reach)
    return int((np.fft.ifftn(product).real > 0.5).sum())


def test_one_row_order_needs_more_step_units_than_several():
    """docs/constructions.md ("What is still missing"): with every step unit on one row order,
    the arithmetic-progression columns force G ≥ 2(q − 1)²/q units: no 4 units reach every
    column at q = 4 and 5 do. Units on several linear orders of the rows escape that bound:
    4 units on two orders at q = 4 (one per row), and 9 units on lexicographic orders at q = 8,
    where one order needs at least 13."""
    lex, swapped = (1, 2), (2, 1)  # bit 1 major; bit 0 major
    every_column = 4 ** 3
    for values in itertools.combinations_with_replacement(range(1, 4), 4):
        assert _reachable_columns([(lex, v) for v in values], 4) < every_column, values
    assert _reachable_columns([(lex, v) for v in (1, 2, 3, 1, 2)], 4) == every_column
    assert _reachable_columns([(lex, 1), (lex, 2), (swapped, 1), (swapped, 2)], 4) == every_column
    nine = [((4, -1, -2), 4), ((-4, 1, 2), 3), ((4, -1, 2), 6), ((2, -1, -4), 7),
            ((-2, -4, -1), 3), ((-1, -4, -2), 6), ((-2, -1, -4), 4), ((2, 1, -4), 6),
            ((2, 4, -1), 4)]  # lexicographic orders, found by a local search
    assert _reachable_columns(nine, 8) == 8 ** 7
    assert math.ceil(2 * 7**2 / 8) == 13


def _xor_classes(forms, a):
    """Binary row patterns (up to complement) that are the XOR of one prefix from each order:
    order g sorts the 2^a rows y by Σ forms[g]_i·y_i, and its prefixes are its cuts 0..q − 1
    (cut q is the complement of cut 0). Counted with one bitset of all 2^q patterns."""
    q = 1 << a
    bits = np.array([[(y >> i) & 1 for i in range(a)] for y in range(q)])
    reach = np.zeros(1 << q, dtype=bool)
    reach[0] = True
    for form in forms:
        values = bits @ np.array(form)
        assert len(set(values.tolist())) == q  # a strict order of the rows
        masks = np.cumsum([0] + [1 << int(y) for y in np.argsort(values, kind="stable")])[:-1]
        sources = np.flatnonzero(reach)
        reach = np.zeros_like(reach)
        for mask in masks:
            reach[sources ^ mask] = True
    every = np.arange(1 << q)
    return int((reach | reach[every ^ ((1 << q) - 1)]).sum() // 2)


def test_digit_levels_reduce_step_units_to_xor_of_prefixes():
    """docs/constructions.md ("What is still missing"): with unit values 2^j, digit j of the
    staircase's sum is the parity of the level-j units that fire plus a carry from the levels
    below and base(z)'s bit, so B levels of units on orders whose prefixes XOR to every row
    pattern (up to complement) reach every column. At q = 8, three lexicographic orders do
    (no two do, and 9^2 < 2^7), and nine units (three levels) reach all 8^7 columns mod 8;
    at q = 16 five do (the counting floor is four: 17^3 < 2^15)."""
    three = [(1, 2, 4), (1, 4, 2), (4, -1, 2)]  # two orders cannot do it: 9^2 < 2^7
    assert _xor_classes(three, 3) == 2**7
    assert _xor_classes(three[:2], 3) < 2**7
    assert _reachable_columns([(f, v) for v in (1, 2, 4) for f in three], 8) == 8**7
    five = [(-4, -8, -1, -2), (-1, -4, 8, -2), (4, -1, -2, -8), (1, 2, 8, -4), (8, 2, -4, 1)]
    assert _xor_classes(five, 4) == 2**15  # the counting floor is four orders: 17^3 < 2^15
    assert _xor_classes(five[:4], 4) < 2**15
