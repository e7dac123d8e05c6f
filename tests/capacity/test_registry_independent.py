"""Registered bounds checked against independent computations and against each source's stated
direction, beyond the docs snapshot (test_every_bound_section_is_the_registry_listing compares
docs/capacity.md with the registry, so a regenerated page hid any change of a direction or a
formula; mutation audit 2026-12-07). Each test fails on the mutants its docstring names."""

import math
from fractions import Fraction

import mpmath
import pytest

from capacity.evaluate import evaluate_bound
from capacity.registry import all_bounds, get_bound
from capacity.solvers import XOR_SYSTEM_SIZES

U, L, X, A = "upper", "lower", "exact", "anchor"

#: Each bound's direction as its source states it (theory.md) or its derivation gives it.
DIRECTIONS = {
    # constructions: sizes that suffice for every map
    "construction.lookup": U, "construction.lookup-complement": U, "construction.gated": U,
    "construction.hamming": U, "construction.five": U, "construction.depth3": U,
    "construction.hall": U, "construction.xorsys": U, "construction.parity": U,
    "exact.parity-any-depth": X,
    # counting and worst-case lower bounds, the literature's orders
    "counting.any-depth": L, "counting.one-hidden-layer": L, "counting.distinct-outputs": L,
    "uml.thm20.6-edges": L, "counting.parameters-any-graph": L, "uml.thm20.2-neurons": L,
    "uml.thm20.2": L, "siu-roychowdhury-kailath.depth3": U, "nechiporuk1964.lower": L,
    "nechiporuk1964.upper": U, "lupanov1972": U, "horne-hush.node-complexity": U,
    # exact minima and the M = 5 certificates (docs/exact.md)
    "exact.any-depth": X, "exact.one-hidden-layer": X, "exact.persists.any-depth": L,
    "exact.persists.one-hidden-layer": L, "certified.any-depth-m5": U,
    "certified.one-hidden-layer-m5": U, "refuted.any-depth-m5": L,
    "refuted.one-hidden-layer-m5": L,
    # VC dimension and growth
    "uml.thm20.6-growth": U, "uml.thm20.6-vc": U, "uml.thm20.6-vc-lean": U, "sauer-shelah": U,
    "baum-haussler": U, "bartlett-harvey-liaw-mehrabian.upper": U,
    "bartlett-harvey-liaw-mehrabian.lower": L, "bartlett-harvey-liaw-mehrabian.units": U,
    "bartlett-harvey-liaw-mehrabian.units-lower": L, "goldberg-jerrum": U,
    "karpinski-macintyre": U, "koiran-sontag": L,
    # memorisation
    "baum1988": U, "huang-babri1998": U, "huang2003": U, "zhang2017": U, "sontag1997": L,
    "yun-sra-jadbabaie2019": X, "park2021": U, "vardi-yehudai-shamir2022": X,
    "vershynin2020": U, "kim-kim-mozafari2023": U, "kajitsuka-sato2025": X,
    # perceptron and information
    "halfspace.vc": X, "cover.count": X, "cover.two-bits-per-weight": X, "gardner.alpha-c": X,
    "info.boolean-bits": X, "info.random-labels-bits": X,
    **{f"info.{kind}-params.{rate}": A for kind in ("boolean", "points")
       for rate in ("cover-2", "morris-3.6", "collins-5")},
}


def _value(bound_id: str, **params):
    return evaluate_bound(get_bound(bound_id), params)


def test_every_bound_has_its_sources_direction():
    """Every registered bound is listed here with the direction its source states (mutants:
    edges, certified, refuted, persists, vardi, huang2003, halfspace or the VC cap with
    another direction); a new bound must be added with its direction."""
    got = {b.id: b.direction for b in all_bounds()}
    assert got == DIRECTIONS


def _hall(m: int, n: int) -> int:
    """hall's size formula minimised over every split by brute force (docs/constructions.md)."""
    best = None
    for e in range(m + 1):
        for a in range(1, m - e + 1):
            c = m - e - a
            k = max(1, -(-n * 2**e // a))
            staircase = 2 * a if k == 1 else (k + 1) * a + 1
            mux = n * (2**e + 1) if e >= 1 else (n if n > 1 else 0)
            size = (2**c if c >= 1 else 0) + 2 * k * (2**a - 1) + staircase + mux
            best = size if best is None else min(best, size)
    return best


def _xorsys(m_total: int, n: int) -> int:
    """xorsys's size formula minimised over (m, h, k) by brute force (docs/constructions.md),
    with the systems' form counts c_m the builders ship."""
    best = None
    for m in range(min(13, m_total) + 1):
        c = XOR_SYSTEM_SIZES[m]
        for h in range(m_total - m + 1):
            r = m_total - m - h
            for k in range(1, 2**r + 1):
                length = -(-(2**r) // k)
                if (k - 1) * length >= 2**r:
                    continue
                size = (k - 1) + (length - 1) + n * (c * 2**h * k + c.bit_length())
                best = size if best is None else min(best, size)
    return best


def test_the_constructions_sizes_grow_with_the_outputs_as_their_formulas_say():
    """hall: 1 047, 2 076, 4 136 at M = 20 for N = 1, 4, 16 (docs/capacity.md); xorsys: 34,
    79, 207 at M = 10; both equal their formulas minimised by brute force (mutants: N dropped
    from either, which understated an upper bound: xorsys 64 instead of 97 at M = 12, N = 2)."""
    assert [_hall(20, n) for n in (1, 4, 16)] == [1047, 2076, 4136]
    assert [_xorsys(10, n) for n in (1, 4, 16)] == [34, 79, 207]
    for m, n in [(10, 1), (10, 4), (10, 16), (12, 3), (20, 4)]:
        assert _value("construction.hall", M=m, N=n).value == _hall(m, n)
    for m, n in [(10, 1), (10, 4), (10, 16), (8, 3), (12, 2)]:
        assert _value("construction.xorsys", M=m, N=n).value == _xorsys(m, n)


def test_the_neuron_count_from_theorem_20_2_counts_the_outputs():
    """The least s with s(M + 1) + s(s − 1)/2 ≥ E_min, E_min = ⌈N·2^M/(M + log2 e)⌉ (the edges
    (e·2^M)^E ≥ 2^(N·2^M) needs), computed with 60-digit mpmath: 12 at M = 6, N = 16 (mutant:
    N dropped, 2)."""
    for m, n in [(8, 1), (8, 4), (10, 3), (12, 2), (6, 16)]:
        with mpmath.workdps(60):
            edges = int(mpmath.ceil(n * 2**m / (m + mpmath.log(mpmath.e, 2))))
        s = 1
        while s * (m + 1) + s * (s - 1) // 2 < edges:
            s += 1
        assert _value("uml.thm20.6-edges", M=m, N=n).rounded == edges
        assert _value("uml.thm20.2-neurons", M=m, N=n).rounded == s


def test_parity_is_stated_for_one_output():
    """⌈log2(M + 1)⌉ neurons for M-bit parity, M = 1..39; N = 2, 3 get the note, not a value
    (mutant: the N = 1 rule dropped)."""
    bound = get_bound("exact.parity-any-depth")
    for m in range(1, 40):
        assert evaluate_bound(bound, {"M": m, "N": 1}).rounded == (m).bit_length()
    for n in (2, 3):
        result = evaluate_bound(bound, {"M": 5, "N": n})
        assert result.value is None and result.note == "stated for N = 1 output"


def test_the_vc_cap_of_theorem_20_6_is_the_largest_m_with_2_to_the_m_at_most_the_growth():
    """The largest m with m·ln 2 ≤ E(1 + ln m), scanned with 80-digit mpmath (equality cannot
    hold: e is transcendental): 404 at E = 40 (mutant: +1)."""
    for edges in [1, 2, 5, 10, 40]:
        m = 1
        with mpmath.workdps(80):
            while (m + 1) * mpmath.log(2) <= edges * (1 + mpmath.log(m + 1)):
                m += 1
        assert _value("uml.thm20.6-vc", E=edges).rounded == m
    assert _value("uml.thm20.6-vc", E=40).rounded == 404


def test_cover_sauer_and_the_halfspace_against_math_comb():
    """Cover's C(n, d + 1) = 2·Σ_{k ≤ d} C(n − 1, k), Sauer's Σ_{i ≤ d} C(m, i), VC d + 1 and
    2W = 2(d + 1) (mutants: Cover's sum to d − 1, Sauer's C(m − 1, i))."""
    for d in (1, 2, 7):
        assert _value("halfspace.vc", d=d).rounded == d + 1
        assert _value("cover.two-bits-per-weight", d=d).rounded == 2 * (d + 1)
        for n in (1, 3, 10, 25):
            assert _value("cover.count", n=n, d=d).rounded == 2 * sum(
                math.comb(n - 1, k) for k in range(d + 1))
    for m, d in [(1, 0), (5, 2), (10, 3), (20, 20), (40, 7)]:
        assert _value("sauer-shelah", m=m, d_VC=d).rounded == sum(
            math.comb(m, i) for i in range(d + 1))


@pytest.mark.parametrize(("rate_id", "rate"), [("cover-2", Fraction(2)),
                                               ("morris-3.6", Fraction(18, 5)),
                                               ("collins-5", Fraction(5))])
def test_the_bits_per_parameter_anchors(rate_id, rate):
    """N·2^M bits over 2, 3.6 and 5 bits a parameter, rounded up, and the rate in the
    statement's text (mutants: Collins's 5 as 4, the rate text)."""
    for m, n in [(1, 1), (3, 2), (10, 3)]:
        bits = n * 2**m
        assert _value("info.boolean-bits", M=m, N=n).value == bits
        result = _value(f"info.boolean-params.{rate_id}", M=m, N=n)
        assert result.value == bits / rate and result.rounded == math.ceil(bits / rate)
    shown = "3.6" if rate == Fraction(18, 5) else str(rate)
    assert f"N·2^M / {shown} parameters" in get_bound(f"info.boolean-params.{rate_id}").statement
