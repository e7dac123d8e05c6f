"""Exact counting: Cover, Sauer-Shelah, Boolean functions and threshold functions T(n)."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from capacity.counting import (
    boolean_function_bits,
    boolean_function_count,
    cover_count,
    sauer_shelah_bound,
    threshold_count,
    threshold_upper_bound,
)

A000609 = {0: 2, 1: 4, 2: 14, 3: 104, 4: 1882, 5: 94572}  # test oracle only


def separable(points: np.ndarray, labels: np.ndarray) -> bool:
    """LP feasibility of y_i <w, x_i> >= 1 (homogeneous separator)."""
    a_ub = -(labels[:, None] * points)
    res = linprog(np.zeros(points.shape[1]), A_ub=a_ub, b_ub=-np.ones(len(labels)),
                  bounds=[(None, None)] * points.shape[1], method="highs")
    return res.status == 0


@settings(deadline=None, max_examples=12)
@given(p=st.integers(1, 6), dim=st.integers(1, 3), seed=st.integers(0, 10**6))
def test_cover_formula_equals_brute_force_dichotomy_count(p, dim, seed):
    pts = np.random.default_rng(seed).normal(size=(p, dim))  # general position almost surely
    count = sum(separable(pts, np.array(lab, dtype=float))
                for lab in itertools.product((-1.0, 1.0), repeat=p))
    assert count == cover_count(p, dim)


@given(p=st.integers(1, 40), dim=st.integers(2, 40))
def test_cover_recursion_and_closed_form(p, dim):
    assert cover_count(p + 1, dim) == cover_count(p, dim) + cover_count(p, dim - 1)
    assert cover_count(p, dim) == 2 * sum(math.comb(p - 1, k) for k in range(dim))


@given(w=st.integers(1, 200))
def test_perceptron_half_of_labellings_at_2w_points(w):
    assert cover_count(2 * w, w) == 2 ** (2 * w - 1)


@given(m=st.integers(0, 60), d=st.integers(0, 60))
def test_sauer_shelah_is_at_most_2_to_m_and_equal_when_d_ge_m(m, d):
    s = sauer_shelah_bound(m, d)
    assert s <= 2**m and (s == 2**m) == (d >= m)


@given(m=st.integers(0, 300), d=st.integers(0, 320))
def test_sauer_shelah_is_the_sum_of_binomials(m, d):
    """The running-term sum (one small multiplication and division a term) equals the sum of
    math.comb; the old sum of math.comb took 37 s at m = d = 20 000."""
    assert sauer_shelah_bound(m, d) == sum(math.comb(m, i) for i in range(min(d, m) + 1))


@pytest.mark.parametrize("call", [lambda: cover_count(10**30, 10**30),
                                  lambda: sauer_shelah_bound(10**30, 10**30),
                                  lambda: sauer_shelah_bound(10**12, 10**11)])
def test_counts_too_large_to_hold_are_a_usage_error_not_an_overflow(call):
    # 1 << 10**30 raised OverflowError from the Python API (2026-12-05 review)
    from capacity.errors import UsageError

    with pytest.raises(UsageError, match="use its log2"):
        call()
    assert sauer_shelah_bound(2 * 10**6, 2 * 10**6) == 1 << 2 * 10**6  # large but held


def test_boolean_counts_are_exact_and_refuse_absurd_sizes():
    assert boolean_function_count(3) == 256 and boolean_function_bits(30) == 2**30
    assert boolean_function_count(20).bit_length() == 2**20 + 1
    with pytest.raises(ValueError, match="log2"):
        boolean_function_count(30)
    # the 2^24-bit limit is inclusive: M = 24 (2^24 bits) is held, twice as many bits are not
    assert boolean_function_count(24).bit_length() == 2**24 + 1
    for call in (lambda: boolean_function_count(24, 2), lambda: boolean_function_count(25)):
        with pytest.raises(ValueError, match=r"2\^33554432 has 33554433 bits"):
            call()


def _brute_force_threshold_count(n: int) -> int:
    pts = np.array([[1.0] + [1.0 if (i >> j) & 1 else -1.0 for j in range(n)]
                    for i in range(2**n)])
    return sum(separable(pts, np.array([1.0 if (f >> i) & 1 else -1.0 for i in range(2**n)]))
               for f in range(2 ** (2**n)))


@pytest.mark.parametrize("n", [0, 1, 2, 3])
def test_threshold_enumeration_matches_brute_force_lp(n):
    assert threshold_count(n) == _brute_force_threshold_count(n) == A000609[n]


def test_threshold_enumeration_n4_n5_and_cover_upper_bound():
    for n in (4, 5):
        assert threshold_count(n) == A000609[n]
        assert threshold_count(n) < threshold_upper_bound(n)
    assert threshold_upper_bound(2) == threshold_count(2)


@pytest.mark.slow
def test_threshold_enumeration_n6():
    """T(6) through the CLI, so that its limit is pinned at the edge: M = 6 is enumerated, 7 is
    refused (the comparison ``n > 6`` for ``n >= 6`` survived every test; 2026-12-06 audit)."""
    from typer.testing import CliRunner

    from capacity.cli import count_app

    out = CliRunner().invoke(count_app, ["threshold", "--inputs", "6", "--json"])
    assert out.exit_code == 0
    assert __import__("json").loads(out.stdout)["threshold_functions"] == 15028134
    bad = CliRunner().invoke(count_app, ["threshold", "--inputs", "7"])  # memcap's main exits 2
    assert "beyond the enumeration (M <= 6)" in str(bad.exception)


def test_bad_input_raises_value_error():
    with pytest.raises(ValueError, match="points"):
        cover_count(0, 2)
    with pytest.raises(ValueError, match="n <= 6"):
        threshold_count(7)


def test_t0_is_two_the_constants_everywhere():
    """Correction (issue 13): T(0) = 2 — the single point of {±1}^0 carries the two constants,
    both threshold functions; enumeration, Cover's bound and the CLI agree."""
    from typer.testing import CliRunner

    from capacity.cli import count_app

    assert threshold_count(0) == threshold_upper_bound(0) == cover_count(1, 1) == 2
    out = CliRunner().invoke(count_app, ["threshold", "--inputs", "0", "--json"])
    assert out.exit_code == 0
    data = __import__("json").loads(out.stdout)
    assert data["threshold_functions"] == 2 == data["boolean_functions"]
    bad = CliRunner().invoke(count_app, ["threshold", "--n", "-1"])
    assert bad.exit_code != 0


@given(a=st.integers(0, 400), lo=st.integers(0, 420), hi=st.integers(0, 420))
def test_binomial_sum_bits_bounds_the_exact_sum(a, lo, hi):
    """Known before the sum is computed, and never below its bit length; a sum that is built as
    2^a minus a short complement is charged the a + 1 bits of 2^a when it reaches k = a (it is
    2^a), else a bits (it is below 2^a; f7d020c; the case a = 3, lo = 0, hi = 2 failed here)."""
    from capacity.counting import _short_side, binomial_sum, binomial_sum_bits

    bits = binomial_sum_bits(a, lo, hi)
    assert binomial_sum(a, lo, hi).bit_length() <= bits <= (a + 1 if hi >= a else a)
    if lo <= min(a, hi) and _short_side(a, lo, hi) != (lo, min(a, hi)):
        assert bits == (a + 1 if hi >= a else a)


def test_a_sum_of_exactly_the_count_limits_bits_is_counted(capsys):
    """Σ_{k≤5·10^5} binom(10^6, k) has exactly 10^6 bits, but its estimate was 10^6 + 1 (the cap
    a + 1 of a sum that reaches k = a), so `count sauer` refused it even with --force
    (2026-12-05 review); it is now refused only without --force, for its work."""
    from capacity.counting import MAX_COUNT_BITS, binomial_sum_bits
    from memcap.cli import main

    assert binomial_sum_bits(10**6, 0, 5 * 10**5) == MAX_COUNT_BITS
    with pytest.raises(SystemExit) as done:
        main(["count", "sauer", "--sample", "1000000", "--vc", "499000"])
    assert done.value.code == 2 and "pass --force" in capsys.readouterr().err


def test_binomial_sum_bits_of_a_complemented_sum_below_2_to_the_a():
    from capacity.counting import binomial_sum, binomial_sum_bits

    assert binomial_sum(3, 0, 2) == 7 and binomial_sum_bits(3, 0, 2) == 3
    assert binomial_sum(3, 0, 3) == 8 and binomial_sum_bits(3, 0, 3) == 4


@given(top=st.integers(0, 80), lo=st.integers(0, 90), hi=st.integers(0, 90),
       c=st.integers(1, 7))
def test_binomial_sums_by_running_term_equal_the_term_by_term_sum(top, lo, hi, c):
    """The evaluator's fast path for Σ c·binomial(a, k) (Sauer's and Cover's sums; bounds
    --sample 40000 --vc 20000 ran past a minute term by term, now 0.4 s)."""
    import sympy

    from capacity.evaluate import _binomial_sum

    k, a = sympy.Symbol("k"), sympy.Symbol("a")
    want = sum(c * math.comb(top, j) for j in range(lo, hi + 1) if j <= top)
    assert _binomial_sum(c * sympy.binomial(a, k), k, lo, hi, {"a": top}) == want


def test_the_counting_bounds_exact_fallback_gives_the_same_answers(monkeypatch):
    """The any-depth counting bound decides each step from 128-bit enclosures and falls back to
    the exact count only when they cannot tell — which no tested (M, N) reaches, so a mutation
    of the fallback's comparison (> into >=) passed every test (2026-12-04 test review). With
    the enclosures made undecided everywhere, the exact path must give the same answers."""
    from capacity import solvers

    want = {(m, n): solvers.least_neurons_any_depth_counting(m, n)
            for m in range(1, 9) for n in (1, 2, 3)}
    # M = 1, 2 with many outputs reach the any-depth count's shift regime, whose own fallback
    # no test reached either; the one-hidden-layer count has a fallback too (2026-12-05)
    want.update({(m, n): solvers.least_neurons_any_depth_counting(m, n)
                 for m in (1, 2) for n in range(4, 21)})
    one = {(m, n): solvers.least_neurons_one_hidden_counting(m, n)
           for m in range(1, 5) for n in (1, 2, 3)}
    monkeypatch.setattr(solvers, "_decide", lambda encs, bits: None)
    assert {key: solvers.least_neurons_any_depth_counting(*key) for key in want} == want
    assert {key: solvers.least_neurons_one_hidden_counting(*key) for key in one} == one


def test_the_one_hidden_layer_count_equals_the_exact_scan_for_many_outputs():
    """The enclosures' recurrence for C(U, k) against the exact count, N up to 60 (a mutation
    of the recurrence, U − k into U − k + 1, gave 23 instead of 24 at M = 2, N = 21 and
    passed every test; mutation review, 2026-12-05)."""
    from capacity.solvers import _one_hidden_count, least_neurons_one_hidden_counting, least_true

    for m in range(1, 5):
        for n in range(1, 61):
            exact = least_true(lambda k, m=m, n=n: _one_hidden_count(m, n, k).bit_length()
                               > n << m, lo=0)
            assert least_neurons_one_hidden_counting(m, n) == exact + n, (m, n)


@settings(max_examples=60)
@given(a=st.integers(1, 3000), back=st.integers(-1, 400))
def test_sums_near_the_centre_are_exact_and_taken_from_the_centre(a, back):
    """Σ_{k≤d} binom(a, k) with d just below a/2 is the half sum minus the terms up to a/2 (one
    math.comb at the centre instead of d + 1 running terms: `count sauer --sample 10^6 --vc
    499999` took about 70 s, 10 s now); the value is the term-by-term sum, and the sum's work
    estimate is that route's steps whenever it is taken."""
    from capacity.counting import _CENTRE_BINOMIAL_STEPS, binomial_sum, binomial_sum_size

    d = max(min((a + 1) // 2 - 1 - back, a // 2), 0)  # back = -1: up to a/2 itself (even a)
    assert binomial_sum(a, 0, d) == sum(math.comb(a, k) for k in range(d + 1))
    steps, bits = binomial_sum_size(a, 0, d)
    assert bits >= math.comb(a, a // 2).bit_length() or steps == d + 1
    if steps < d + 1:  # the centre route: the terms above d plus the binomial at a/2
        assert steps == max((a + 1) // 2 - 1 - d, 0) + a // _CENTRE_BINOMIAL_STEPS + 1
    if a % 2 == 0 and d == a // 2 and a >= 24:  # (2^a + binom(a, a/2))/2: math.comb alone
        assert steps == a // _CENTRE_BINOMIAL_STEPS + 1


@pytest.mark.parametrize("a, d, route", [(40_000, 15_000, "centre"), (40_000, 9_000, "start")])
def test_a_long_sum_reports_progress_over_the_terms_of_its_route(a, d, route):
    """Progress comes every 4 096 terms, counted over the terms the route adds: from the centre
    the 4 999 above d (a review found the previous test's sums too short for any call)."""
    from capacity.counting import binomial_sum

    calls = []
    got = binomial_sum(a, 0, d, lambda done, total: calls.append((done, total)))
    assert got == binomial_sum(a, 0, d)
    total = a // 2 - 1 - d if route == "centre" else d
    assert calls and all(t == total for _, t in calls) and calls[-1][0] <= total


@pytest.mark.parametrize("vc", ["499999", "500000"])
def test_count_sauer_next_to_the_centre_is_charged_for_the_centre_route(vc, capsys):
    """Its work estimate (the --force threshold) counts the route it takes: 83 334 steps,
    not the 500 000 terms from k = 0 (a sum up to a/2 itself took them, 75 s, until a review
    of 2026-12-06)."""
    from memcap.cli import main

    with pytest.raises(SystemExit) as done:
        main(["count", "sauer", "--sample", "1000000", "--vc", vc])
    err = capsys.readouterr().err
    assert done.value.code == 2 and "takes 83,334 steps on binomials" in err, err


def test_count_cover_charges_its_direct_route_term_by_term(capsys):
    """C(10^6, 10^5) = 2·Σ_{k<10^5} binom(999 999, k) adds 100 000 running terms (k = 0..99 999,
    ends included) whose largest, binom(999 999, 99 999), has 468 983 bits: the refusal names
    both, the bits estimated at most 2 above (the term count's ``+ 1`` survived every test of
    the 2026-12-06 mutation audit)."""
    from memcap.cli import main

    with pytest.raises(SystemExit) as done:
        main(["count", "cover", "--points", "1000000", "--d-in", "100000"])
    err = capsys.readouterr().err
    assert done.value.code == 2 and "takes 100,000 steps on binomials of up to " in err, err
    bits = int(err.split("up to ")[1].split(" bits")[0].replace(",", ""))
    assert 0 <= bits - math.comb(999_999, 99_999).bit_length() <= 2
