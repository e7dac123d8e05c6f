"""The rules of ``empirical.sweeps.phenomena.detect`` at their boundaries (docs/sweeps.md's table):
each threshold is tested one step inside and one step outside, with curves designed for it, so a
change of a constant shows. A mutation audit (2026-12-07) found 28 rule changes that no test saw.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest

import empirical.sweeps.phenomena as ph
from capacity.errors import UsageError
from empirical.sweeps.phenomena import detect, is_geometric, smoothing_windows


def test_a_geometric_grid_is_increasing_with_ratios_equal_within_the_tolerance():
    assert is_geometric([1, 2, 4, 8], tol=0)  # exactly equal ratios pass a zero tolerance
    assert not is_geometric([400, 200, 100, 50])  # constant ratio 1/2, but falling
    assert is_geometric([100, 200, 400, 820], tol=0.05) and not is_geometric([100, 200, 400, 860])


def test_the_smoothing_windows_span_at_most_half_the_curve():
    assert [smoothing_windows(n) for n in (4, 9, 10, 21, 22, 41, 42)] == [
        [3], [3], [3, 5], [3, 5], [3, 5, 11], [3, 5, 11], [3, 5, 11, 21]]


def test_the_noise_without_seeds_is_the_mad_from_eight_full_width_residuals():
    rng = np.random.default_rng(0)
    mad = "1.4826·MAD of residuals to a 3-point average"
    assert ph._levels(rng.normal(size=10), None)[2] == mad
    assert ph._levels(rng.normal(size=9), None)[2] == ("RMS of residuals to a 3-point average "
                                                       "(too few for their MAD)")
    assert ph._levels(rng.normal(size=10), None)[3] == 7  # n − 3 degrees of freedom


def test_seed_noise_is_pooled_below_ten_seeds_and_per_x_from_ten():
    rng = np.random.default_rng(1)
    for s, words, dof in ((2, "seeds (S=2, pooled standard error)", 6 * 1),
                          (9, "seeds (S=9, pooled standard error)", 6 * 8),
                          (10, "seeds (S=10, standard error per x)", 9)):
        seeds = rng.normal(size=(s, 6))
        level, se, how, got_dof, from_seeds = ph._levels(np.zeros(6), seeds)
        assert how == words and got_dof == dof and from_seeds
        np.testing.assert_allclose(level, seeds.mean(axis=0))  # y is not read with seeds
        pooled = np.sqrt(seeds.var(axis=0, ddof=1).mean() / s)
        np.testing.assert_allclose(se, pooled if s < 10 else seeds.std(axis=0, ddof=1)
                                   / np.sqrt(s))


def test_seeds_that_differ_by_rounding_alone_leave_the_noise_unknown():
    y = np.linspace(1.0, 2.0, 6)
    level, se, how, _, _ = ph._levels(None, np.stack([y, y + 1e-12]))
    assert how.endswith("; the seeds do not differ: noise unknown") and not se.any()
    assert detect(np.arange(1, 7), seeds=np.stack([y, y + 1e-12])) == []  # nothing significant


def test_a_curve_needs_four_finite_points():
    with pytest.raises(UsageError, match="at least 4 sweep points"):
        detect([1, 2, 3], [1.0, 2.0, 3.0])
    with pytest.raises(UsageError, match="finite x"):
        detect([1, 2, math.nan, 4], [1.0, 2.0, 3.0, 4.0])


def test_an_extremum_at_either_end_is_not_a_u():
    level = np.arange(8.0)
    assert ph._extremum(None, level, np.ones(8), 3, 1) is None  # the maximum is the last point
    assert ph._extremum(None, level, np.ones(8), 3, -1) is None  # the minimum the first
    kinds = {p.kind for p in detect(np.arange(1, 9), level ** 1.5, include_weak=True)}
    assert not kinds & {"inverted_u", "u"}


def test_monotone_means_at_least_95_percent_of_the_steps_one_way():
    def curve(downs: int) -> np.ndarray:  # 20 steps, `downs` of them down
        steps = np.ones(20)
        steps[2:2 + downs] = -0.5
        return np.concatenate([[0.0], np.cumsum(steps)])

    assert ph._monotone(curve(1), np.ones(21), 1) is not None  # 95 % up
    assert ph._monotone(curve(2), np.ones(21), 1) is None  # 90 % up


def _step(t, before: int, after: list[float], w: int = 1):
    level = np.array([0.0] * before + after)
    return ph._plateau(np.asarray(t, float), level, np.full(len(level), 0.01), w, 1)


def test_a_plateau_needs_three_points():
    assert _step([0, 1, 2, 3, 4, 5, 6, 7, 20], 7, [1, 1]) is None  # two points, 13/20 of t
    k, _, height = _step([0, 1, 2, 3, 4, 5, 6, 7, 20, 21], 7, [1, 1, 1])
    assert k == 7 and height == 1


def test_a_plateau_covers_a_quarter_of_the_axis():
    assert _step(range(9), 6, [1, 1, 1])[0] == 6  # 2/8 of t: exactly a quarter
    assert _step(range(11), 8, [1, 1, 1]) is None  # 2/10 of t


def test_a_plateau_stays_within_15_percent_of_the_change_and_its_level_is_the_mean():
    k, _, height = _step(range(9), 5, [1, 0.86, 1, 0.9])  # wanders by 0.14: a plateau
    assert k == 5 and height == pytest.approx(np.mean([1, 0.86, 1, 0.9]))  # the mean
    assert _step(range(9), 5, [1, 0.8, 1, 0.8]) is None  # by 0.2


def test_a_leading_plateau_counts_its_points_to_the_knee_and_the_change_from_its_level():
    x = np.arange(1.0, 13.0)
    y = np.array([1.0, 1.04, 0.97, 1.02, 0.99, 1.03, 0.98, 0.6, 0.3, 0.0, -0.3, -0.6])
    seeds = np.stack([y + d for d in (-0.01, 0.0, 0.01)])
    lead, = [p for p in detect(x, seeds=seeds, include_weak=True) if p.after == "decrease"]
    k = int(np.flatnonzero(x == lead.location)[0])
    assert lead.n_points == k + 1 and lead.window == (1.0, lead.location)
    assert lead.height == pytest.approx(y[:k + 1].mean())
    assert lead.after_change == pytest.approx(y[-1] - y[:k + 1].mean())


def test_the_half_change_of_a_monotone_curve_is_the_first_point_reaching_it():
    rise, = [p for p in detect([1, 2, 3, 4, 5], [0.0, 1, 2, 3, 4], include_weak=True)
             if p.kind == "increasing"]
    assert rise.location == 3  # smoothed value 2 = half of the change 0 → 4


def _fake_extrema(monkeypatch, scores: dict[int, float | None]) -> list:
    """_extremum gives, for each smoothing width w, a maximum at index 4 of score scores[w] (None:
    no maximum); returns the list that receives the law windows detect passes to _laws."""
    def extremum(t, level, se, w, sign):
        score = scores.get(w) if sign == 1 else None
        return None if score is None else (4, score, 1.0)

    seen: list = []
    monkeypatch.setattr(ph, "_extremum", extremum)
    monkeypatch.setattr(ph, "_laws", lambda *args: seen.append(args[5]) or [])
    return seen


def test_half_the_smoothing_windows_make_a_significant_extremum_and_only_it_adds_law_windows(
        monkeypatch):
    x, y = np.arange(1.0, 11.0), np.sin(np.arange(10.0))  # ten points: widths 3 and 5
    seen = _fake_extrema(monkeypatch, {3: 50.0, 5: 0.5})
    u, = [p for p in detect(x, y, include_weak=True) if p.kind == "inverted_u"]
    assert u.confidence == 0.5 and u.significant and seen == [[(0, 4), (4, 9)]]
    seen = _fake_extrema(monkeypatch, {3: 1.0, 5: 50.0})  # below the threshold at w = 3
    u, = [p for p in detect(x, y, include_weak=True) if p.kind == "inverted_u"]
    assert not u.significant and seen == [[]]


def test_a_monotone_curve_is_significant_in_half_its_smoothing_windows(monkeypatch):
    def monotone(level, se, w, lo=0, hi=None):
        if lo != 0 or hi is not None:  # _laws' calls: no law
            return None
        return 1, (50.0 if w == 3 else 0.5)

    monkeypatch.setattr(ph, "_monotone", monotone)
    x = np.arange(1.0, 23.0)  # 22 points: widths 3, 5, 11
    rise, = [p for p in detect(x, x, include_weak=True) if p.kind == "increasing"]
    assert rise.confidence == pytest.approx(1 / 3) and not rise.significant


def _fake_fits(monkeypatch, fit_of) -> list:
    """fit_law returns fit_of(number of points) for every law window (no real fit)."""
    def fit_law(law, x, y, se):
        return SimpleNamespace(law=law, n_points=len(x), **fit_of(len(x)))

    monkeypatch.setattr(ph, "fit_law", fit_law)
    level = np.arange(20.0)  # every window of 20 points is monotone and far beyond the noise
    return ph._laws(np.arange(1.0, 21.0), np.arange(20.0), level, np.full(20, 0.01), 3.0, [],
                    "noise", True)


GOOD = {"r2": 0.995, "b_interval": (0.5, 1.5), "fit_p": 0.5}


@pytest.mark.parametrize("change, significant", [
    ({}, True), ({"r2": 0.985}, False), ({"b_interval": (-0.5, 1.5)}, False),
    ({"b_interval": (0.5, math.inf)}, False), ({"fit_p": 0.005}, True),
    ({"fit_p": 0.0005}, False), ({"fit_p": math.nan}, False)])
def test_a_law_is_significant_with_r2_099_a_curvature_excluding_0_and_a_chi2_p_of_0001(
        monkeypatch, change, significant):
    laws = _fake_fits(monkeypatch, lambda n: {**GOOD, **change})
    assert [(p.kind, p.significant) for p in laws] == [("power_law", significant),
                                                      ("exponential", significant)]


def test_the_reported_law_window_is_the_longest_then_the_tightest(monkeypatch):
    laws = _fake_fits(monkeypatch, lambda n: {**GOOD, "r2": 0.991 if n == 20 else 0.999})
    assert laws[0].window == (1.0, 20.0) and laws[0].n_points == 20
    # its confidence: the fraction of the windows fitted with R² ≥ 0.9
    laws = _fake_fits(monkeypatch, lambda n: {**GOOD, "r2": 0.95 if n >= 12 else 0.5})
    windows = ph._windows(20, [])
    assert laws[0].confidence == pytest.approx(
        np.mean([hi - lo + 1 >= 12 for lo, hi in windows]))
    assert 0 < laws[0].confidence < 1


def test_law_windows_include_the_first_and_last_40_percent():
    assert {(0, 7), (12, 19), (0, 9), (10, 19), (0, 19)} <= set(ph._windows(20, []))
    assert all(hi - lo + 1 >= 5 for lo, hi in ph._windows(10, [(0, 2), (2, 9)]))
