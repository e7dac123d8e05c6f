"""The theory corrections of issue 13, section 3: each asserts the corrected fact.

(T(0) = 2 is in test_counting.py; the one-hidden-layer model (no skip edges) and its order for
N ≫ M are in test_many_outputs.py.)
"""

from pathlib import Path

import pytest

from capacity.evaluate import evaluate_bound
from capacity.registry import all_bounds, get_bound

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_worst_case_order_is_known_not_open():
    """Nechiporuk 1964 proves ≈ 2√(2^M/M) below and states ≈ 2√2·√(2^M/M) above; Lupanov 1972
    and Horne & Hush 1994 give constructions of that order."""
    lower, upper = get_bound("nechiporuk1964.lower"), get_bound("nechiporuk1964.upper")
    assert (lower.direction, upper.direction) == ("lower", "upper")
    assert "2·√(2^M/M)" in lower.order and "2√2·√(2^M/M)" in upper.order
    assert lower.status == "confirmed" and upper.status == "partial"  # stated, not proved there
    assert "1964" in lower.reference and "154(4)" in upper.reference
    assert get_bound("lupanov1972").direction == "upper"
    hh = get_bound("horne-hush.node-complexity")
    assert hh.direction == "upper" and hh.order == "O(√(2^M/M))"
    for b in all_bounds():
        text = " ".join((b.statement, b.hypotheses, b.sketch)).lower()
        assert "open question" not in text or "not an open question" in text, b.id
    for page in ("capacity.md", "results.md"):
        text = " ".join((DOCS / page).read_text().split())  # one line: phrases may wrap
        assert "open Θ" not in text and "open question" not in text.replace(
            "not an open question", ""), page
        assert "Nechiporuk" in text, page


@pytest.mark.parametrize("bound_id", ["uml.thm20.6-edges", "uml.thm20.2-neurons", "uml.thm20.2"])
def test_thm20_6_bounds_state_the_fixed_graph_hypothesis(bound_id):
    assert "fixed graph" in get_bound(bound_id).hypotheses.lower()


def test_results_page_does_not_call_the_thm20_6_value_the_minimum():
    text = (DOCS / "results.md").read_text()
    assert "Thm 20.6 minimum" not in text


def test_bhlm_theta_wu_is_an_upper_bound_plus_an_existence_lower_bound():
    up = get_bound("bartlett-harvey-liaw-mehrabian.units")
    lo = get_bound("bartlett-harvey-liaw-mehrabian.units-lower")
    assert (up.direction, up.order) == ("upper", "O(W·U)")
    assert (lo.direction, lo.order, lo.target) == ("lower", "Ω(W·U)",
                                                   "some architecture of each size")
    assert "existence" in lo.hypotheses
    assert not any(b.id.startswith("bartlett") and b.direction == "exact" for b in all_bounds())


def test_cover_two_w_is_neither_memorisable_points_nor_a_parameter_lower_bound():
    b = get_bound("cover.two-bits-per-weight")
    assert b.quantity == "random-label threshold (points)"
    assert "NOT a count of memorisable points" in b.hypotheses
    assert "NOT a lower bound" in b.hypotheses
    # every labelling is separable only up to d + 1 points (halfspace VC dimension)
    d = 7
    assert evaluate_bound(get_bound("halfspace.vc"), {"d": d}).rounded == d + 1
    assert evaluate_bound(b, {"d": d}).rounded == 2 * (d + 1)
    for anchor in ("info.boolean-params.cover-2", "info.points-params.cover-2"):
        a = get_bound(anchor)
        assert "not a lower bound" in a.hypotheses and "not a lower bound" in a.statement


def test_parity_construction_is_single_output():
    b = get_bound("construction.parity")
    assert evaluate_bound(b, {"M": 5, "N": 1}).rounded == 5
    assert evaluate_bound(b, {"M": 5, "N": 3}).note == "stated for N = 1 output"


def test_a_construction_size_stated_as_a_real_number_is_not_rounded_down():
    """Huang (2003) states 2√((N+2)n) neurons; at n = 5, N = 1 that is 2√15 ≈ 7.75, and 7 was
    printed as sufficient (2026-12-01 audit). Only the exact real value is shown now, while a
    count bounded by a real number still rounds (an upper bound on a VC dimension rounds down)."""
    ev = evaluate_bound(get_bound("huang2003"), {"n": 5, "N": 1})
    assert ev.rounded is None and str(ev.value) == "2*sqrt(15)"
    vc = evaluate_bound(get_bound("uml.thm20.6-vc-lean"), {"E": 5})
    assert vc.rounded == 63  # 10·log2(80) ≈ 63.2: the VC dimension is at most 63


def test_bounds_evaluate_within_their_hypotheses_and_size_limits():
    """2026-12-01 capacity audit: N = 1 upper-bound orders are not shown for N > 1, Baum–Haussler
    not for one unit, lookup-complement stays exact for N ≫ M, sums stop where their binomial
    vanishes, and a huge irrational value is refused (or printed as ≈ 2^k), never status 70."""
    import sympy

    from capacity.errors import UsageError
    from capacity.evaluate import evaluate_bound, exact_value, format_number

    orders = {"lupanov1972": "O(√(2^M/M))", "nechiporuk1964.upper": "≲ 2√2·√(2^M/M) (asymptotic)",
              "horne-hush.node-complexity": "O(√(2^M/M))",
              "siu-roychowdhury-kailath.depth3": "O(2^(M/2))"}
    for name, order in orders.items():  # the order itself: any text passed before (review)
        assert evaluate_bound(get_bound(name), {"M": 6, "N": 64}).note == "stated for N = 1 output"
        assert evaluate_bound(get_bound(name), {"M": 6, "N": 1}).order == order
    assert evaluate_bound(get_bound("nechiporuk1964.lower"), {"M": 6, "N": 64}).order == \
        "≳ 2·√(2^M/M) (asymptotic)"
    assert "U ≥ 2" in evaluate_bound(get_bound("baum-haussler"), {"W": 10, "U": 1}).note
    lc = get_bound("construction.lookup-complement")
    for m, n in [(1, 20_000_000), (5, 3), (3, 3), (4, 9)]:
        assert evaluate_bound(lc, {"M": m, "N": n}).value == 2**m - -(-2**m // 2**n) + n
    cover = get_bound("cover.count")  # C(n, d) with d far above n: 2^n, at once
    assert evaluate_bound(cover, {"n": 10, "d": 10**8}).value == 2**10
    growth = get_bound("uml.thm20.6-growth")
    with pytest.raises(UsageError, match="more than 2\\^24 bits"):  # asked for directly
        exact_value(growth.expr, {"m": 1000, "E": 3_000_000})
    # in a listing the bound gets a note and the others go on (2026-12-02 review)
    assert "too large" in evaluate_bound(growth, {"m": 1000, "E": 3_000_000}).note
    shown = format_number(exact_value(growth.expr, {"m": 100, "E": 100_000}))
    assert shown.startswith("≈ 2^808655.") and shown.endswith("(irrational)")
    assert format_number(sympy.sqrt(2)) == "sqrt(2) ≈ 1.41421356237"


def test_float_parameters_are_refused_not_truncated():
    """evaluate_bound({"n": 10.9}) used n = 10 (Python API; the CLI passes ints and Fractions)."""
    from fractions import Fraction

    from capacity.errors import UsageError

    with pytest.raises(UsageError, match="must be an integer or a Fraction"):
        evaluate_bound(get_bound("baum1988"), {"n": 10.9, "d": 3})
    assert evaluate_bound(get_bound("baum1988"), {"n": 10, "d": 3}).value == 4
    assert evaluate_bound(get_bound("gardner.alpha-c"), {"kappa": Fraction(1, 2)}).value


def test_the_bits_per_parameter_anchors_are_not_lower_bounds():
    """The info.*-params anchors had direction "lower" though no theorem backs them: at M = 12
    the cover-2 anchor is 2 048 parameters while xorsys realises every map with 1 486 (dense,
    biases included), so read as a lower bound it was false (2026-12-03 audit). Every lower
    bound on the parameters of any Boolean map stays at or below that construction."""
    from constructions.builders import build
    from constructions.families import make_function

    anchors = [b for b in all_bounds() if b.id.startswith(("info.boolean-params.",
                                                            "info.points-params."))]
    assert len(anchors) == 6 and all(b.direction == "anchor" for b in anchors)
    net = build(make_function("random", 12, seed=3), "xorsys")
    params = net.sizes().parameters
    assert evaluate_bound(get_bound("info.boolean-params.cover-2"), {"M": 12, "N": 1}).rounded \
        > params
    for b in all_bounds():
        if b.direction == "lower" and b.quantity == "parameters" and \
                b.target.startswith("any Boolean map") and b.kind != "order":
            ev = evaluate_bound(b, {"M": 12, "N": 1})
            assert ev.rounded is None or ev.rounded <= params, b.id
