"""The certified solvers against independent exact or high-precision computations, and their
interval helpers' containment at and near decision boundaries: gaps a mutation audit
(2026-12-07) found (an undecided comparison answered, an interval end rounded the wrong way
or built from the other end, a float prefilter that skips a step, a fast path that skips a
cap, a count's term off by one, a tie broken the other way). Each test fails on the mutants
its docstring names."""

from fractions import Fraction

import mpmath
import pytest

from capacity import solvers
from capacity.counting import cover_count
from capacity.errors import UsageError
from capacity.solvers import (
    _add,
    _enc_power,
    _mul,
    _one_hidden_count,
    _one_hidden_verdict,
    _powers_exceed,
    _scale,
)


def _value(mantissa: int, exponent: int) -> Fraction:
    return mantissa * Fraction(2) ** exponent


def _encloses(enc, low: Fraction, high: Fraction) -> bool:
    """Whether the enclosure ``(lo, lo_e, hi, hi_e)`` holds [low, high]."""
    return _value(enc[0], enc[1]) <= low and high <= _value(enc[2], enc[3])


# --------------------------------------------------------------- large E and N, 3000 bits
def test_large_edge_counts_and_outputs_agree_with_3000_bit_arithmetic():
    """At 64 bits the certified interval straddles 0 for these E: an undecided comparison
    answered True or False, or its ends swapped, moved the result (the only large-E test
    compared the solver with its own growth check)."""
    with mpmath.workprec(3000):
        ln2 = mpmath.ln(2)
        for edges in (10**30 + 7, 3**80, 10**60 + 123):
            m = solvers.vc_cap_sign_net(edges)
            grows = lambda k, e=edges: e * (1 + mpmath.ln(k)) - k * ln2  # noqa: E731
            assert grows(m) > 0 > grows(m + 1), edges
        for inputs, outputs in ((20, 10**25), (12, 3**70)):
            e = solvers.least_edges_to_shatter(inputs, outputs)
            points = 1 << inputs
            reach = lambda k, p=points, n=outputs: k * (1 + mpmath.ln(p)) - n * p * ln2  # noqa
            assert reach(e) > 0 > reach(e - 1), (inputs, outputs)


@pytest.mark.parametrize("solver", [
    solvers.least_neurons_any_depth_counting, solvers.least_neurons_one_hidden_counting,
    solvers.least_neurons_distinct_outputs, solvers.depth3_split, solvers.least_edges_to_shatter,
    solvers.least_parameters_any_graph, solvers.hall_split, solvers.xorsys_split,
    solvers.hamming_worst_case_neurons, solvers.gated_worst_case_neurons])
@pytest.mark.parametrize("inputs", [0, -1])
def test_solvers_refuse_fewer_than_one_input(solver, inputs):
    with pytest.raises(UsageError):
        solver(inputs)


# ------------------------------------------------------------ against exact integer scans
def _distinct(m, n):
    points = 1 << m
    plain = min(n, 2**points - 2 * m - 2)
    return max(plain, min(n, 2**points - cover_count(points, m + 1)) + 1) if m >= 2 else plain


def test_the_distinct_outputs_bound_is_its_formula_where_the_caps_bind():
    for m in range(1, 6):
        points = 1 << m
        ns = set(range(1, 300)) | {2**e + d for e in range(points - 3, points + 2) if e >= 0
                                   for d in (-1, 0, 1)}
        for n in sorted(x for x in ns if x >= 1):
            assert solvers.least_neurons_distinct_outputs(m, n) == _distinct(m, n), (m, n)


def test_the_any_graph_parameter_count_agrees_with_plain_integers():
    """least E with (E+N)^(N+1)·(3(A+1)·2^M)^E ≥ 2^(N·2^M), A = (E+N)M + (E+N)(E+N+1)/2, and
    at least the distinct-outputs bound (s(s − 1)/2 edge slots passed at M ∈ {1, 4, 10})."""
    def scan(m, n):
        e = 1
        while True:
            s = e + n
            slots = s * m + s * (s + 1) // 2
            if (s ** (n + 1) * (3 * (slots + 1) << m) ** e).bit_length() > n << m:
                return max(e, _distinct(m, n))
            e += 1

    for m in range(1, 12):
        for n in (1, 2, 3, 5, 8, 40):
            assert solvers.least_parameters_any_graph(m, n) == scan(m, n), (m, n)


def test_the_one_hidden_verdict_counts_the_nets_without_hidden_units():
    """Where adding the T^N networks with no hidden unit crosses a power of two, the
    straddle fallback must count them."""
    crossings = 0
    for m in range(2, 6):
        t_m = cover_count(1 << m, m + 1)
        for n in range(1, 12):
            for k in range(0, 6):
                count = _one_hidden_count(m, n, k)
                for bits in {count.bit_length() - 1, count.bit_length(),
                             (count - t_m**n).bit_length()}:
                    if bits >= 1:
                        assert _one_hidden_verdict(m, n, k, t_m, bits) == (
                            count.bit_length() > bits), (m, n, k, bits)
                        crossings += (count - t_m**n).bit_length() <= bits < count.bit_length()
    assert crossings > 0


def test_depth3s_split_takes_the_smallest_k_on_a_tie():
    for m in range(1, 16):
        for n in (1, 2, 3, 4, 8):
            costs = [(1 << (m - k)) + n * (1 << k) for k in range(m)]
            assert solvers.depth3_split(m, n) == costs.index(min(costs)), (m, n)


# ------------------------------------------------------------------ interval helpers
def test_powers_exceed_decides_products_within_2_to_the_minus_100_of_the_boundary():
    """The enclosures straddle 2^bits there and the exact fallback decides (the lower end's
    'certainly below', a >= in the fallback, an upper end from the lower power each failed)."""
    for base, n in ((3, 200), (7, 150), (10**30 + 7, 9)):
        y = base**n
        for extra in (100, 140):
            bits = y.bit_length() + extra
            above, below = -(-(1 << bits) // y), (1 << bits) // y
            assert (y * above).bit_length() > bits >= (y * below).bit_length()
            assert _powers_exceed([(base, n), (above, 1)], bits) is True
            assert _powers_exceed([(above, 1), (base, n)], bits) is True
            assert _powers_exceed([(base, n), (below, 1)], bits) is False


@pytest.mark.parametrize("one, two", [
    ((3**90, 0, 3**90, 0), (7**60, -5, 7**60, -5)),
    ((2**129 - 1, 0, 2**129 - 1, 0), (2**129 - 3, 0, 2**129 - 3, 0)),
    ((1, 0, 1, 0), (3, 0, 5, 0)), ((3, 0, 5, 0), (7, 2, 9, 2)),
    ((10**40 + 1, 3, 10**40 + 9, 3), (3**100, 0, 3**100 + 2**50, 0)),
])
def test_a_product_of_enclosures_encloses_the_products(one, two):
    product = _mul(one, two)
    low = _value(one[0], one[1]) * _value(two[0], two[1])
    high = _value(one[2], one[3]) * _value(two[2], two[3])
    assert _encloses(product, low, high)
    assert max(product[0].bit_length(), product[2].bit_length()) <= 128


@pytest.mark.parametrize("enc, n", [((3, 0, 5, 0), 2), ((10**40, -7, 10**40 + 10**20, -7), 5),
                                    ((2**127 + 1, 0, 2**127, 1), 3)])
def test_a_power_of_an_enclosure_raises_both_ends(enc, n):
    assert _encloses(_enc_power(enc, n), _value(enc[0], enc[1]) ** n,
                     _value(enc[2], enc[3]) ** n)


@pytest.mark.parametrize("num, den", [(1, 3), (10**12, 7), (5, 10**30 + 1), (2**200 + 1, 3)])
def test_a_scaled_enclosure_stays_tight(num, den):
    """Within 2^-120 relative (no padding made 1/3 the interval [0, 1])."""
    enc = _scale((1, 0, 1, 0), num, den)
    x = Fraction(num, den)
    assert _encloses(enc, x, x) and enc[0] > 0
    assert _value(enc[2], enc[3]) - _value(enc[0], enc[1]) <= x / 2**120


@pytest.mark.parametrize("x", [(3, 5, 3, 5), (7, -4, 9, -4), (2**130 + 1, 17, 2**130 + 3, 17)])
def test_a_zero_term_leaves_the_other_as_it_is(x):
    low, high = _value(x[0], x[1]), _value(x[2], x[3])
    for total in (_add((0, 0, 0, 0), x), _add(x, (0, 0, 0, 0)), _add((0, 9, 0, 9), x)):
        assert _encloses(total, low, high)
