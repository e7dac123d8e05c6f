"""Exact counting and the exact evaluator at their edges (the 2026-12-07 mutation audit of
capacity/counting.py and capacity/evaluate.py): the size limits at and beyond their edges, the
refusals and their wording, sums cut at k = a, negative values shown with their sign, and the
evaluator's documented result types. Expected values come from math.comb, brute force or
Fraction arithmetic, not from the code under test."""

import dataclasses
import itertools
import math
import re
from fractions import Fraction

import sympy
from refusals import refusal as _refusal

import capacity.counting as counting
import capacity.evaluate as evaluate
from capacity.counting import (
    binomial_sum,
    binomial_sum_bits,
    binomial_sum_size,
    boolean_function_bits,
    boolean_function_count,
    cover_count,
    sauer_shelah_bound,
)
from capacity.evaluate import (
    evaluate_bound,
    exact_parameters,
    exact_value,
    format_number,
)
from capacity.registry import get_bound
from capacity.report import bound_record

k, n, d, m, a, b, x, y = sympy.symbols("k n d m a b x y")


# ------------------------------------------------------------------------------ counting


def test_cover_and_sauer_refuse_past_the_held_size_and_hold_it_at_its_edge(monkeypatch):
    """MAX_HELD_BITS bits are held, one more refused: C(9, 9) = 2^9 (10 bits) and C(10, 10)
    (11 bits, the factor 2 of Cover's formula counted) at a limit of 10, C(10, 10) at 11; Sauer
    at m = d is 2^m, of m + 1 bits. The message's exponent e has 2^e < bits ≤ 2^(e+1)."""
    monkeypatch.setattr(counting, "MAX_HELD_BITS", 10)
    assert cover_count(9, 9) == 2**9 and sauer_shelah_bound(9, 9) == 2**9
    assert (2 * sum(math.comb(9, j) for j in range(10))).bit_length() == 11
    _refusal(lambda: cover_count(10, 10))
    _refusal(lambda: sauer_shelah_bound(10, 12))
    monkeypatch.setattr(counting, "MAX_HELD_BITS", 11)
    assert cover_count(10, 10) == 2**10
    monkeypatch.undo()
    message = _refusal(lambda: cover_count(10**30, 10**30))  # 2^(10^30): 10^30 + 1 bits
    e = int(re.search(r"more than 2\^(\d+) bits", message).group(1))
    assert 2**e < 10**30 + 1 <= 2 ** (e + 1)


def test_counting_refuses_what_its_hypotheses_exclude():
    """Cover needs d ≥ 1 (C(5, 0) would be 0) and P ≥ 1 (named in the message); N = 0 outputs
    and bools are refused; 2^b is said to have b + 1 bits."""
    _refusal(lambda: cover_count(5, 0))
    assert "points must be an integer >= 1, got 0" in _refusal(lambda: cover_count(0, 1))
    assert cover_count(1, 1) == 2
    for f in (boolean_function_bits, boolean_function_count):
        _refusal(lambda f=f: f(3, 0))
    for call in (lambda: boolean_function_bits(True), lambda: cover_count(True, 2),
                 lambda: sauer_shelah_bound(5, False)):
        _refusal(call)
    assert f"has {2**25 + 1} bits" in _refusal(lambda: boolean_function_count(25))


def test_binomial_sums_at_a_huge_a_and_their_progress():
    """Σ_{k=a−2}^{a} binom(a, k) at a = 2^41 is 1 + a + C(a, 2): estimated from min(k, a − k),
    so evaluated, not refused; an empty range (lo > a) has 0 bits and the value 0 however large
    2^a is; a sum over k ≤ 30 000 of binom(40 000, k) is 2^40000 minus the rest, with progress
    reported over the 9 999 terms of the rest."""
    big = 2**41
    terms, bits = binomial_sum_size(big, big - 2, big)
    assert math.comb(big, 2).bit_length() <= bits <= 2 * math.comb(big, 2).bit_length() + 10
    assert exact_value(sympy.Sum(sympy.binomial(n, k), (k, n - 2, n)), {"n": big}) == (
        1 + big + big * (big - 1) // 2)
    assert binomial_sum_bits(10, 12, 15) == 0
    assert exact_value(sympy.Sum(sympy.binomial(n, k), (k, n + 1, d)),
                       {"n": 10**8, "d": 10**8 + 5}) == 0
    calls = []
    value = binomial_sum(40000, 0, 30000, lambda done, total: calls.append(total))
    term, upper = 1, 0  # binom(40000, j) for j = 40000 down to 30001, by its own running term
    for j in range(40000, 30000, -1):
        upper += term
        term = term * j // (40000 - j + 1)
    assert value == (1 << 40000) - upper and calls and set(calls) == {9999}


def test_positive_threshold_masks_at_six_inputs(monkeypatch):
    """n = 6 is enumerated (its 64-bit masks reach 2^63: unsigned, not int64) and n = 7 refused;
    with weights limited to 0/1 the positive threshold functions are 'at least t of S' and the
    two constants, brute-forced here on Python ints (the real n = 6 run is a slow test)."""
    monkeypatch.setattr(counting, "muroga_weight_bound", lambda inputs: 1)
    want = {0, (1 << 64) - 1}
    for r in range(1, 7):
        for subset in itertools.combinations(range(6), r):
            for t in range(1, r + 1):
                want.add(sum(1 << i for i in range(64)
                             if sum((i >> j) & 1 for j in subset) >= t))
    assert counting.positive_threshold_masks(6) == want
    _refusal(lambda: counting.positive_threshold_masks(7))


# ----------------------------------------------------------------------------- evaluate


def test_powers_are_sized_before_they_are_built():
    """2^(2^23) (2^23 + 1 bits) is computed; 2^(−2^24) and (1/2^64)^(2^18 + 1) (a denominator
    of 2^24 + 1 and 16 777 281 bits) are refused like (2^64)^(2^18 + 1); 2^n/(2^n + 1) at
    n = 2^23 + 1 is refused where its power occurs; a tiny irrational with a huge exact form,
    (2e)^(−2^25), is refused."""
    assert exact_value(2**n, {"n": 2**23}) == 1 << 2**23
    _refusal(lambda: exact_value(2 ** (-n), {"n": 2**24}))
    _refusal(lambda: exact_value(x**n, {"x": 2**64, "n": 2**18 + 1}))
    _refusal(lambda: exact_value(x**n, {"x": Fraction(1, 2**64), "n": 2**18 + 1}))
    _refusal(lambda: exact_value(2**n / (2**n + 1), {"n": 2**23 + 1}))
    _refusal(lambda: exact_value((2 * sympy.E) ** (-n), {"n": 2**25}))


def test_binomials_and_sums_of_binomials():
    """binom(a, b) is 0 outside 0 ≤ b ≤ a (a < 0 too); a sum with a factor binom(n, k) stops at
    k = n (n = 5 and n = 0, 10^7 terms asked); from a negative k; every factor free of k
    multiplies it; the bit and work limits hold their edges (a sum of exactly 2^24 bits, one of
    exactly MAX_SUM_WORK work)."""
    assert exact_value(sympy.binomial(a, b) + 1, {"a": -1, "b": 2}) == 1
    assert exact_value(sympy.Sum(k * sympy.binomial(n, k), (k, 0, d)),
                       {"n": 5, "d": 10**7}) == sum(j * math.comb(5, j) for j in range(6))
    assert exact_value(sympy.Sum((k + 1) * sympy.binomial(n, k), (k, 0, d)),
                       {"n": 0, "d": 10**7}) == 1
    assert exact_value(sympy.Sum(sympy.binomial(n, k), (k, -2, n)), {"n": 5}) == 32
    assert exact_value(sympy.Sum(2 * m * sympy.binomial(n, k), (k, 0, n)),
                       {"n": 5, "m": 7}) == 2 * 7 * 32
    top = 2**24 - 1
    assert exact_value(sympy.Sum(sympy.binomial(n, k), (k, 0, n)), {"n": top}) == 1 << top


def test_the_work_limit_holds_its_edge(monkeypatch):
    monkeypatch.setattr(evaluate, "MAX_SUM_WORK", math.prod(binomial_sum_size(100, 0, 3)))
    assert exact_value(sympy.Sum(sympy.binomial(n, k), (k, 0, d)), {"n": 100, "d": 3}) == sum(
        math.comb(100, j) for j in range(4))


def test_long_sums_are_refused_by_their_term_count(monkeypatch):
    """More than _MAX_TERMS terms are refused (10^6 + 1 terms were evaluated: the check counted
    hi − lo), and the note counts hi − lo + 1 terms; a binomial sum's note writes its bits with
    thousands separators."""
    monkeypatch.setattr(evaluate, "_MAX_TERMS", 5)
    assert exact_value(sympy.Sum(k**2, (k, 1, n)), {"n": 5}) == 55
    assert "has 6 terms" in _refusal(lambda: exact_value(sympy.Sum(k**2, (k, 1, n)), {"n": 6}))
    monkeypatch.undo()
    message = _refusal(lambda: exact_value(sympy.Sum(sympy.binomial(n, k), (k, 0, d)),
                                           {"n": 10**6, "d": 10**5}))
    assert re.search(r"up to \d{1,3}(,\d{3})+ bits", message)


def test_exact_results_have_the_documented_types():
    """floor is exact (floor(−7/2) = −4); log_y x is an exact Fraction for denominators up to
    64 (1/17, 5/33); a rational root is an int or a Fraction, not sympy's Integer (√4 = 2, the
    cube root of 8, √(9/4) = 3/2), so huang2003 at n = 3, N = 1 is the JSON number 6 (it was
    the string "6"); integers=True makes Fraction(10, 2) the int 5; a symbol with no value is
    named also on the irrational path."""
    for num, den in ((10, 3), (-7, 2), (9, 3)):
        assert exact_value(sympy.floor(n / d), {"n": num, "d": den}) == num // den
    for xv, yv, want in ((2, 2**17, Fraction(1, 17)), (2**5, 2**33, Fraction(5, 33))):
        got = exact_value(sympy.log(x) / sympy.log(y), {"x": xv, "y": yv})
        assert isinstance(got, Fraction) and got == want
    for expr, params, want in [(sympy.sqrt(n), {"n": 4}, 2),
                               (n ** sympy.Rational(1, 3), {"n": 8}, 2),
                               (sympy.sqrt(n), {"n": Fraction(9, 4)}, Fraction(3, 2))]:
        got = exact_value(expr, params)
        assert type(got) is type(want) and got == want
    record = bound_record(evaluate_bound(get_bound("huang2003"), {"n": 3, "N": 1}))
    assert type(record["exact"]) is int and record["exact"] == 6
    five = exact_parameters({"M": Fraction(10, 2)}, integers=True)["M"]
    assert type(five) is int and five == 5
    assert "missing value for m" in _refusal(lambda: exact_value(sympy.exp(m) + n, {"n": 1}))
    # an undefined value is one line, not mpmath's ZeroDivisionError or sympy's zoo
    for params in ({"x": 2, "y": 1}, {"x": 1, "y": 1}, {"x": 0, "y": 2}):
        assert "undefined" in _refusal(lambda p=params: exact_value(
            sympy.log(x) / sympy.log(y), p))


def test_format_number_at_its_edges_and_with_a_sign():
    """24 digits in full (10^23 + 1), a 4 096-bit ratio to 12 digits (not a log2); negative
    values keep their sign as ≈ −2^k: a long int, a long fraction and an irrational holding a
    long integer (−10^200·√2 was shown as the positive ≈ 2^664.9)."""
    assert format_number(10**23 + 1) == str(10**23 + 1)
    num = 2**4095 + 1
    digits = str(num // 7)
    shown = format_number(Fraction(num, 7))
    assert shown.startswith(f"≈ {digits[0]}.{digits[1:5]}") and f"E+{len(digits) - 1}" in shown
    assert "2^" not in shown
    assert format_number(-(10**30 + 8)) == "≈ -2^99.657843 (100 bits)"
    assert format_number(Fraction(-(10**5000 + 1), 2)).startswith("≈ -2^16608.6")
    shown = format_number(-sympy.Integer(10) ** 200 * sympy.sqrt(2))
    assert shown.startswith("≈ -2^664.88") and "irrational" in shown
    assert format_number(sympy.Integer(10) ** 200 * sympy.sqrt(2)).startswith("≈ 2^664.88")


def test_bounds_as_shown_and_as_their_solvers_see_them():
    """An exact int is shown once ('13', not '13 (exact 13)'); an implicit bound's solver gets
    ints from integral Fractions and is called up to M = 1024 (construction.gated is
    5·2^(M − 5) + 1 there) and not at M = 1025."""
    shown = evaluate_bound(get_bound("construction.depth3"), {"M": 5, "N": 1})
    assert shown.value == 13 and shown.shown == "13"
    assert evaluate_bound(get_bound("sauer-shelah"), {"m": 5, "d_VC": 2}).shown == "16"
    gated = get_bound("construction.gated")
    seen = []
    spy = dataclasses.replace(gated, solver=lambda **kw: seen.append(kw) or gated.solver(**kw))
    evaluate_bound(spy, {"M": Fraction(6), "N": Fraction(1)})
    assert seen and all(type(v) is int for v in seen[0].values())
    assert evaluate_bound(gated, {"M": 1024, "N": 1}).value == 5 * 2**1019 + 1
    # wide rounding gives up near an integer: log2(8)·10^31 is exactly 3·10^31, never + 1
    assert evaluate._round_wide(sympy.log(8) / sympy.log(2) * sympy.Integer(10) ** 31,
                                True) in (None, 3 * 10**31)
    beyond = evaluate_bound(gated, {"M": 1025, "N": 1})
    assert beyond.value is None and beyond.note
