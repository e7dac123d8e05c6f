"""The registry: exact evaluation, monotonicity, lower <= upper, inversion minimality."""

import math
import re
from fractions import Fraction

import pytest
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from capacity import solvers
from capacity.bisection import largest_true, least_true
from capacity.bound import lower_applies_to
from capacity.errors import UsageError
from capacity.evaluate import evaluate_bound, exact_value
from capacity.registry import all_bounds, get_bound

PARAMS = st.fixed_dictionaries({
    "M": st.integers(1, 12), "N": st.integers(1, 3), "n": st.integers(1, 500),
    "d": st.integers(1, 40), "V": st.integers(2, 20), "E": st.integers(1, 200),
    "W": st.integers(2, 500), "U": st.integers(2, 50), "L": st.integers(1, 8),
    "m": st.integers(1, 60), "d_VC": st.integers(0, 30),
})


@settings(deadline=None, max_examples=25)
@given(p=PARAMS)
@example(p={"M": 1, "N": 1, "n": 323, "d": 1, "V": 4, "E": 1, "W": 2, "U": 2, "L": 1, "m": 1,
            "d_VC": 0})  # nsimplify failed here
def test_exact_evaluator_equals_sympy_substitution(p):
    from fractions import Fraction
    checked = 0
    for b in all_bounds():
        if b.expr is None or not set(b.variables) <= set(p):
            continue
        mine = exact_value(b.expr, p)
        if not isinstance(mine, int | Fraction):
            continue  # irrational: the evaluator returns sympy's own exact value
        subs = {s: p[s.name] for s in b.expr.free_symbols}
        ref = b.expr.subs(subs).doit()
        if not ref.is_Rational:  # sympy keeps log(16)/log(2); the evaluator proves it is 4
            # simplify, not nsimplify: nsimplify guesses a closed form from a float and turned
            # 1615·log(4)/(18·log(2)) into a product of radicals (flaky, 2026-12-04 review)
            ref = sympy.simplify(sympy.expand_log(ref, force=True))
        assert ref.is_Rational and sympy.Rational(mine) == ref, b.id
        checked += 1
    assert checked >= 12


def test_order_only_bounds_are_never_evaluated():
    for b in all_bounds():
        if b.kind == "order":
            ev = evaluate_bound(b, {"M": 5, "N": 1, "n": 10, "d": 2, "W": 10, "L": 2, "U": 3})
            assert ev.value is None and ev.rounded is None and ev.shown == b.order


def _value(bound_id, **p):
    return evaluate_bound(get_bound(bound_id), p).rounded


@pytest.mark.parametrize("bound_id", [
    "construction.lookup", "construction.depth3", "construction.lookup-complement",
    "counting.any-depth", "counting.one-hidden-layer", "uml.thm20.6-edges",
    "uml.thm20.2-neurons", "info.boolean-params.cover-2"])
def test_boolean_bounds_are_monotone_in_m(bound_id):
    values = [_value(bound_id, M=m, N=1) for m in range(1, 13)]
    assert values == sorted(values)


def test_every_lower_bound_is_at_most_every_upper_bound():
    bounds = [b for b in all_bounds() if b.kind != "order" and b.status != "anchor"]
    checked = 0
    for m in range(1, 15):
        for n_out in (1, 2, 3):
            p = {"M": m, "N": n_out}
            evs = [evaluate_bound(b, p) for b in bounds if set(b.variables) <= set(p)]
            evs = [e for e in evs if e.note is None]
            for lo in (e for e in evs if e.bound.direction == "lower"):
                for up in (e for e in evs if e.bound.direction == "upper"):
                    same = (lo.bound.quantity, lo.bound.target) == (up.bound.quantity,
                                                                      up.bound.target)
                    if same and lower_applies_to(lo.bound.architecture, up.bound.architecture):
                        assert lo.rounded <= up.rounded, (lo.bound.id, up.bound.id, p)
                        checked += 1
    assert checked > 100


def test_a_lower_bound_constrains_exactly_the_sub_architectures_of_its_own():
    """Sign units are threshold units, and one hidden layer ⊂ depth 3 ⊂ any depth, so a lower
    bound proved for a class holds for each class inside it and for no class outside. Dropping
    "sign, depth 3" from threshold's sub-classes only weakened the test above, which passed
    (2026-12-06 mutation audit): the relation is pinned on the sign and threshold classes."""
    inside = {("sign, one hidden layer", "sign, one hidden layer"),
              ("sign, depth 3", "sign, depth 3"), ("sign, any depth", "sign, any depth"),
              ("threshold, any depth", "threshold, any depth")}
    inside |= {(big, small) for big in ("sign, any depth", "threshold, any depth")
               for small in ("sign, one hidden layer", "sign, depth 3", "sign, any depth")}
    classes = ("sign, one hidden layer", "sign, depth 3", "sign, any depth",
               "threshold, any depth")
    for lower in classes:
        for upper in classes:
            assert lower_applies_to(lower, upper) == ((lower, upper) in inside), (lower, upper)
        assert lower_applies_to("any network", lower)


def test_lookup_construction_parameters_respect_the_edge_lower_bound():
    from capacity.answer import lookup_parameters
    for m in range(1, 16):
        # the textbook net: 2^M hidden units on M inputs, one output on them (dense counts)
        assert lookup_parameters(m) == (m + 1) * 2**m + 2**m + 1
        assert lookup_parameters(m, 3) == (m + 1) * 2**m + 3 * (2**m + 1)
        assert _value("uml.thm20.6-edges", M=m, N=1) <= lookup_parameters(m)


def test_known_values_of_construction_sizes():
    assert [_value("construction.lookup", M=m, N=1) for m in (1, 2, 3)] == [3, 5, 9]
    assert [_value("construction.depth3", M=m, N=1) for m in (4, 5)] == [9, 13]
    assert _value("construction.lookup-complement", M=4, N=1) == 9
    assert _value("construction.lookup-complement", M=4, N=2) == 2**4 - 2**2 + 2
    # N = 2 shares layer 1: min over k of 2^(4-k) + 2·2^k + 2 = 4 + 8 + 2 (k = 2) or 8 + 4 + 2
    assert _value("construction.depth3", M=4, N=2) == 14


@settings(deadline=None, max_examples=20)
@given(m=st.integers(1, 4), n_out=st.integers(3, 3000))
def test_counting_inversion_bisects_where_every_factor_is_a_shift(m, n_out):
    """Many outputs: the least size lies where M + s ≥ 2^M, found by bisection (a scan of
    ~4·10^9 steps at M = 5, N = 10^30 before 2026-12-02); still the least, checked exactly."""
    s = solvers.least_neurons_any_depth_counting(m, n_out)
    bits = n_out << m
    assert solvers.count_any_depth_maps(m, n_out, s).bit_length() > bits
    assert s == 1 or solvers.count_any_depth_maps(m, n_out, s - 1).bit_length() <= bits


@settings(deadline=None, max_examples=20)
@given(m=st.integers(1, 14), n_out=st.integers(1, 2))
def test_counting_inversion_returns_the_least_size(m, n_out):
    s = solvers.least_neurons_any_depth_counting(m, n_out)
    bits = n_out << m
    assert solvers.count_any_depth_maps(m, n_out, s).bit_length() > bits
    assert s == 1 or solvers.count_any_depth_maps(m, n_out, s - 1).bit_length() <= bits


@settings(deadline=None, max_examples=20)
@given(m=st.integers(1, 16))
def test_edges_inversion_is_least_and_agrees_with_a_high_precision_check(m):
    e = solvers.least_edges_to_shatter(m)
    pts = 2**m
    ln = sympy.log

    def ok(k):  # independent check with 60-digit sympy evaluation (margins are far larger)
        return sympy.N(k * (1 + ln(pts)) - pts * ln(2), 60) > 0
    assert ok(e) and (e == 1 or not ok(e - 1))


@given(edges=st.integers(1, 300))
def test_vc_cap_is_the_largest_shatterable_size(edges):
    m = solvers.vc_cap_sign_net(edges)
    def slack(k):  # ln((e k)^E / 2^k); the certified search must agree with its sign
        return edges * (1 + math.log(k)) - k * math.log(2)
    assert slack(m) > -1e-9 and slack(m + 1) < 1e-9
    assert m <= evaluate_bound(get_bound("uml.thm20.6-vc-lean"), {"E": edges}).rounded


@given(digits=st.integers(1, 120), seed=st.integers(0, 2**32))
@settings(max_examples=40, deadline=None)
def test_vc_cap_from_its_estimate_equals_the_search_from_one(digits, seed):
    """The search starts just below a floating-point estimate (a 1 000-digit E took 6 663
    certified calls and 10 s from 1, 2026-12-04): the answer is still the certified one."""
    import random

    edges = random.Random(seed).randrange(1, 10**digits)
    m = solvers.vc_cap_sign_net(edges)
    assert m == largest_true(lambda k: solvers._growth_ok(edges, k), lo=1)


@given(t=st.integers(0, 10**6), lo=st.integers(-50, 50))
def test_integer_search_finds_the_threshold(t, lo):
    k = least_true(lambda x: x >= t, lo=lo)
    assert k == max(t, lo)
    assert largest_true(lambda x: x <= t + abs(lo), lo=lo) == t + abs(lo)


def test_huge_powers_are_refused_not_materialised():
    from capacity.symbols import M
    with pytest.raises(ValueError, match="log2"):
        exact_value(2 ** (2**M), {"M": 30})


def test_unknown_bound_suggests_a_close_id():
    with pytest.raises(ValueError, match="did you mean 'cover.count'"):
        get_bound("cover.cont")


def test_gardner_alpha_at_zero_margin_is_two():
    assert evaluate_bound(get_bound("gardner.alpha-c"), {"kappa": 0}).value == 2


@settings(deadline=None, max_examples=10)
@given(k=st.fractions(min_value=0, max_value=3, max_denominator=8))
def test_gardner_closed_form_matches_the_gaussian_integral(k):
    from scipy.integrate import quad
    from scipy.stats import norm

    integral, _ = quad(lambda t: (t + float(k)) ** 2 * norm.pdf(t), -float(k), float("inf"))
    alpha = evaluate_bound(get_bound("gardner.alpha-c"), {"kappa": k}).value
    assert abs(float(sympy.N(alpha, 20)) - 1 / integral) < 1e-7


@pytest.mark.parametrize("bound_id, params, formula", [
    ("uml.thm20.6-vc-lean", {"E": 7 * 10**300 + 1, "M": 2},
     lambda p, mp: 2 * p["E"] * mp.log(16 * p["E"], 2)),
    ("baum-haussler", {"W": 7 * 10**103 + 1, "U": 3, "M": 2},
     lambda p, mp: 2 * p["W"] * mp.log(mp.e * 3, 2)),
])
def test_huge_irrational_bounds_round_fast_and_exactly(bound_id, params, formula):
    """sympy's floor of these values ran for hours at accepted sizes (2026-12-02 review); the
    rounded value must equal a 700-digit mpmath evaluation."""
    import mpmath

    from capacity.evaluate import evaluate_bound
    from capacity.registry import get_bound

    mpmath.mp.dps = 700
    try:
        assert evaluate_bound(get_bound(bound_id), params).rounded == int(
            mpmath.floor(formula(params, mpmath)))
    finally:
        mpmath.mp.dps = 15


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 10**6), st.integers(1, 60))
def test_the_growth_bound_rounds_down_to_an_integer_count(m, edges):
    """τ(m) counts labellings, so (e·m)^E bounds it by its floor; `rounded` was null (the bound
    was registered as real-valued, 2026-12-05 review). The floor is checked at 600 digits."""
    import mpmath

    from capacity.evaluate import evaluate_bound
    from capacity.registry import get_bound

    ev = evaluate_bound(get_bound("uml.thm20.6-growth"), {"m": m, "E": edges})
    with mpmath.workdps(600):
        assert ev.rounded == int(mpmath.floor((mpmath.e * m) ** edges))


def test_one_oversized_bound_is_a_note_not_the_end_of_the_listing():
    """(e·m)^E at E = 3·10^6 has more than 2^24 bits: that bound gets a note and the other
    bounds of the listing are still evaluated (the whole output aborted, 2026-12-02 review)."""
    from capacity.evaluate import evaluate_bound
    from capacity.registry import get_bound

    ev = evaluate_bound(get_bound("uml.thm20.6-growth"), {"E": 3_000_000, "m": 100, "M": 3})
    assert ev.value is None and "too large" in ev.note
    assert evaluate_bound(get_bound("uml.thm20.6-vc-lean"), {"E": 3_000_000, "M": 3}).rounded


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 60), st.integers(-12, 40), st.integers(1, 5), st.integers(1, 9))
def test_a_log_ratio_of_powers_evaluates_to_its_exact_rational(base, p, q, scale):
    """log(x)/log(y) with x^q = y^p is p/q exactly (uml.thm20.6-vc-lean printed
    "48 (exact 8*log(64)/log(2) ≈ 48.0000000000)", 2026-12-03 audit); otherwise it stays an
    exact irrational sympy value, never a rounded float."""
    from fractions import Fraction

    x, y = sympy.Symbol("x"), sympy.Symbol("y")
    y_value = base**q
    x_value = Fraction(base) ** p
    value = exact_value(scale * sympy.log(x) / sympy.log(y), {"x": x_value, "y": y_value})
    assert value == scale * Fraction(p, q)
    other = exact_value(sympy.log(x) / sympy.log(y), {"x": x_value * 3 + 1, "y": y_value})
    if not isinstance(other, (int, Fraction)):
        assert sympy.simplify(other - sympy.log(x_value * 3 + 1) / sympy.log(y_value)) == 0
    else:  # x·3 + 1 happened to be a power of y's base too: then the ratio is exact
        r = Fraction(other)
        assert (x_value * 3 + 1) ** r.denominator == Fraction(y_value) ** r.numerator


@pytest.mark.parametrize("bound", [b for b in all_bounds() if b.kind == "implicit"],
                         ids=lambda b: b.id)
def test_an_implicit_bound_takes_integer_types_and_refuses_the_rest(bound):
    """Some solvers truncated M = 5.7 to 5 (int()) while others refused it, and numpy's and
    sympy's integers were refused by some (2026-12-04 review): one rule in evaluate_bound."""
    import numpy as np

    from capacity.errors import UsageError

    values = {"M": 5, "N": 2, "E": 6}
    params = {v: values[v] for v in bound.variables}
    plain = evaluate_bound(bound, params)
    for kind in (np.int64, sympy.Integer):
        same = evaluate_bound(bound, {k: kind(v) for k, v in params.items()})
        assert (same.value, same.note) == (plain.value, plain.note)
    for bad in (5.7, 5.0, True, "5", sympy.Rational(11, 2)):
        with pytest.raises(UsageError, match="must be an integer"):
            evaluate_bound(bound, {**params, bound.variables[0]: bad})


def test_baum_is_shown_for_binary_labels_only():
    baum = get_bound("baum1988")
    assert evaluate_bound(baum, {"n": 10, "d": 3}).rounded == 4
    assert evaluate_bound(baum, {"n": 10, "d": 3, "V": 2}).rounded == 4
    three = evaluate_bound(baum, {"n": 10, "d": 3, "V": 3})
    assert three.value is None and "binary labels" in three.note


@pytest.mark.parametrize("bound_id, words", [
    ("baum1988", "stated for one output (N = 1)"), ("zhang2017", "stated for one output"),
    ("info.random-labels-bits", "one label a point"),
    ("info.points-params.cover-2", "one label a point"),
])
def test_single_output_point_bounds_are_not_evaluated_for_several_outputs(bound_id, words):
    """Baum's ⌈n/d⌉ printed 1 hidden unit for 4 points in R^4 with N = 2 outputs — one hidden
    unit has two values, the outputs need four label pairs — Zhang et al.'s 2n + d printed 22
    parameters for 3 real outputs on 10 points (30 free values), and the points' bits counted
    one label a point (2026-12-06 review). Their statements are for one output; at N = 1 they
    still evaluate, and bounds valid for any N (Huang–Babri's n hidden units solve H·β = T
    for a target matrix T) still do at N = 3."""
    params = {"n": 10, "d": 2, "V": 2}
    assert evaluate_bound(get_bound(bound_id), {**params, "N": 1}).value is not None
    assert evaluate_bound(get_bound(bound_id), params).value is not None  # N absent: one
    several = evaluate_bound(get_bound(bound_id), {**params, "N": 3})
    assert several.value is None and words in several.note
    assert evaluate_bound(get_bound("huang-babri1998"), {**params, "N": 3}).rounded == 10
    assert "one output" in get_bound("baum1988").hypotheses


@pytest.mark.parametrize("bound_id, params, message", [
    ("construction.parity", {"M": -3}, "M must be an integer >= 1, got -3"),
    ("construction.parity", {"M": Fraction(5, 2)}, "M must be an integer >= 1, got 5/2"),
    ("info.boolean-bits", {"M": 3, "N": -2}, "N must be an integer >= 1"),
    ("info.random-labels-bits", {"n": 3, "V": 1}, "V must be an integer >= 2"),
    ("sauer-shelah", {"m": 0, "d_VC": 2}, "m must be an integer >= 1"),
    ("sauer-shelah", {"m": 5, "d_VC": -1}, "d_VC must be an integer >= 0"),
    ("uml.thm20.6-vc-lean", {"E": 0}, "E must be an integer >= 1"),
    ("baum1988", {"n": 5, "d": 0}, "d must be an integer >= 1"),
])
def test_evaluate_bound_refuses_values_outside_each_symbols_range(bound_id, params, message):
    """A library call evaluated construction.parity at M = −3 (−3 units), info.boolean-bits
    at N = −2 (−16 bits) and uml.thm20.6-vc-lean at E = 0 (a sympy TypeError); the CLI's
    options refused them (2026-12-05 API review). One table, capacity.symbols.SYMBOL_LEAST."""
    with pytest.raises(UsageError, match=re.escape(message)):
        evaluate_bound(get_bound(bound_id), params)


def test_each_symbols_least_value_is_what_the_cli_refuses_below():
    """The CLI checks the same table: one value below each least is refused, naming it."""
    from capacity.symbols import SYMBOL_HELP, SYMBOL_LEAST

    assert set(SYMBOL_LEAST) == set(SYMBOL_HELP) - {"kappa"}
    assert evaluate_bound(get_bound("sauer-shelah"), {"m": 1, "d_VC": 0}).value == 1
    assert evaluate_bound(get_bound("info.random-labels-bits"), {"n": 3, "V": 2}).value == 3


def test_lookup_parameters_count_the_dense_lookup_net_for_every_n():
    """(M + 1)·2^M + (2^M + 1)·N: 2^M detectors on M inputs and a bias, N outputs on 2^M
    detectors and a bias. At N = 1 a mutant (2^M·N + 1) agreed, and every test but a `<=`
    ran N = 1 (2026-12-05 test review)."""
    from capacity.answer import lookup_parameters

    assert lookup_parameters(3, 8) == 4 * 8 + 9 * 8 == 104
    assert lookup_parameters(1, 2) == 2 * 2 + 3 * 2


@pytest.mark.parametrize("bound_id, params, value, rounded", [
    ("sontag1997", {"n": 11}, 5, 5), ("sontag1997", {"n": 12}, Fraction(11, 2), 6),
    ("huang-babri1998", {"n": 7}, 7, 7),
])
def test_memorisation_bounds_have_their_stated_values(bound_id, params, value, rounded):
    """Sontag: (n − 1)/2 parameters (a lower bound: rounded up); Huang–Babri: n hidden units.
    Only the docs snapshot caught a mutant of either formula (2026-12-05 test review)."""
    ev = evaluate_bound(get_bound(bound_id), params)
    assert ev.value == value and ev.rounded == rounded


def test_the_five_builders_registered_size_covers_m_5_and_6_only():
    """construction.five is 4N at M = 5 and 8N at M = 6 — the size its builder keeps (a
    mutation that dropped M = 6 from the formula's domain passed every test; mutation review,
    2026-12-05)."""
    from constructions.builders import build
    from constructions.families import make_function

    bound = get_bound("construction.five")
    assert [evaluate_bound(bound, {"M": m, "N": n}).value
            for m, n in ((5, 1), (6, 1), (6, 3))] == [4, 8, 24]
    for m in (4, 7):
        assert evaluate_bound(bound, {"M": m, "N": 1}).shown == "— (built for M = 5 and 6 only)"
    for seed in range(3):
        assert build(make_function("random", 6, seed=seed), "five").sizes().neurons <= 8


def test_construction_sizes_at_an_astronomical_m_are_a_note_not_a_crash():
    """evaluate_bound of construction.gated / hamming at M = 10^30 raised OverflowError
    ("too many digits in integer") and hall's search filled memory at M = 10^6 (2026-12-05 API
    review): above MAX_SOLVER_INPUTS an implicit bound is a note, as exact bounds too large to
    write are; at the limit itself the solvers answer."""
    from capacity.evaluate import MAX_SOLVER_INPUTS, evaluate_bound
    from capacity.registry import get_bound

    for bound_id in ("construction.gated", "construction.hamming", "construction.hall",
                     "construction.xorsys"):
        ev = evaluate_bound(get_bound(bound_id), {"M": 10**30, "N": 5})
        assert ev.value is None and ev.note.startswith(
            f"not evaluated: M above {MAX_SOLVER_INPUTS}")
    at_limit = evaluate_bound(get_bound("construction.xorsys"), {"M": MAX_SOLVER_INPUTS, "N": 1})
    assert at_limit.value is not None and at_limit.value.bit_length() == 512


@pytest.mark.parametrize("value", ["x", None, float("nan"), -1, 1.5])
def test_an_order_bound_checks_its_given_parameters_too(value):
    """evaluate_bound of an order-only bound returned its Ω text for M = "x", None, NaN, −1 or
    1.5: the order branch returned before the parameters were checked (2026-12-05 API
    review)."""
    from capacity.errors import UsageError
    from capacity.evaluate import evaluate_bound
    from capacity.registry import get_bound

    with pytest.raises(UsageError, match="parameter M must be"):
        evaluate_bound(get_bound("uml.thm20.2"), {"M": value})
    assert evaluate_bound(get_bound("uml.thm20.2"), {"M": 5}).order == "Ω(2^(M/3))"
