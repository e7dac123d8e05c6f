"""Detection when the noise cannot be seen: no exploding scores, no claims on unknown noise, no
laws fitted to a couple of steps, and no law whose interval is undefined."""

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import empirical.sweeps.phenomena as phenomena
from empirical.sweeps.phenomena import detect

DOUBLING = 50.0 * 2.0 ** np.arange(10)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "sweeps.md"


def test_an_exact_line_has_unknown_noise_and_claims_nothing():
    """Residuals to a 3-point average are all 0: the noise is unknown, not zero."""
    x = np.arange(1.0, 11.0)
    assert detect(x, 2 * x + 1) == []
    weak = detect(x, 2 * x + 1, include_weak=True)
    assert weak and all(math.isnan(p.score) and not p.significant for p in weak)
    assert "no score (noise unknown)" in weak[0].describe()


def test_seeds_that_do_not_differ_claim_nothing():
    curve = 26.0 - 4.0 * np.log2(DOUBLING / 3200) ** 2
    assert detect(DOUBLING, seeds=np.tile(curve, (5, 1))) == []
    assert detect(DOUBLING, seeds=np.tile(curve, (12, 1))) == []  # per-x standard errors


def test_zero_mad_falls_back_to_the_residuals_rms_and_the_docs_example_holds():
    """last(train_acc) = 1, 1, 1, 0.9, 0.6, 0.3: the MAD is 0 (most residuals are exactly 0);
    the knee is still found, with a finite score from the residuals' RMS (it was 6e+11σ), and
    no law is fitted to the two steps of 50–800 (there was one, with t = 2.8e+11)."""
    x = 50.0 * 2.0 ** np.arange(6)
    y = np.array([1.0, 1.0, 1.0, 0.9, 0.6, 0.3])
    found = detect(x, y)
    assert [p.kind for p in found] == ["plateau", "decreasing"]
    assert all(p.significant and 3 < p.score < 100 and "RMS" in p.noise for p in found)
    text = DOCS.read_text()
    for p in found:  # the lines docs/sweeps.md prints are what detect says
        assert p.describe("train size").split(" (score")[0] in " ".join(text.split())
        assert f"score {p.score:.3g}σ" in text


@settings(deadline=None, max_examples=40)
@given(n=st.integers(6, 14), steps=st.sets(st.integers(1, 13), min_size=1, max_size=3),
       sizes=st.lists(st.floats(0.01, 10), min_size=3, max_size=3), sign=st.sampled_from([1, -1]))
def test_no_law_on_a_curve_with_fewer_than_four_steps(n, steps, sizes, sign):
    """Exactly repeated values with at most 3 changes (an accuracy stuck at 1.0, then a few
    drops): a 3-parameter law fitted there would describe nothing."""
    jumps = np.zeros(n)
    for size, i in zip(sizes, sorted(s for s in steps if s < n), strict=False):  # ≤ 3 steps
        jumps[i] = size
    y = 1.0 + sign * np.cumsum(jumps)
    found = detect(50.0 * 2.0 ** np.arange(n), y, include_weak=True)
    assert not any(p.fit is not None for p in found)
    assert all(not math.isfinite(p.score) or abs(p.score) < 1e6 for p in found)


def test_a_law_whose_interval_is_undefined_is_not_significant(monkeypatch):
    rng = np.random.default_rng(3)
    x = np.geomspace(10, 1000, 12)
    seeds = 3 * x**0.5 + 2 + rng.normal(0, 0.5, (5, 12))  # (S, n)
    assert any(p.fit is not None for p in detect(x, seeds=seeds))  # a law, normally
    real = phenomena.fit_law

    def no_interval(*args, **kw):  # what a failed covariance gives: B ± NaN
        return dataclasses.replace(real(*args, **kw), b_interval=(math.nan, math.nan))

    monkeypatch.setattr(phenomena, "fit_law", no_interval)
    laws = [p for p in detect(x, seeds=seeds, include_weak=True) if p.fit is not None]
    assert laws and not any(p.significant for p in laws)


def _three_seed_inverted_u():
    """3 seeds × 8 points around a peak at x = 160 (noise sd 0.5, fixed rng)."""
    rng = np.random.default_rng(3)
    x = np.array([10, 20, 40, 80, 160, 320, 640, 1280.0])
    base = np.array([1.0, 2, 3, 4, 5, 4, 3, 2.5])
    return x, base + rng.normal(0, 0.5, (3, 8))


def test_a_three_seed_peak_is_judged_with_pooled_degrees_of_freedom():
    """Fewer than 10 seeds pool their variance over the 8 points: 8·(3 − 1) = 16
    degrees of freedom, so the 3σ threshold becomes t16 at the same tail (≈ 3.54), which the
    peak's hand-computed score (≈ 4.7) clears; with 3 − 1 = 2 dof (≈ 19.2) it would not.
    2026-12-05 mutation review."""
    x, seeds = _three_seed_inverted_u()
    level = seeds.mean(axis=0)
    se = math.sqrt(seeds.var(axis=0, ddof=1).mean() / 3)  # pooled, the same at every x
    score = min(level[4] - level[0], level[4] - level[-1]) / (math.sqrt(2) * se)
    t16, t2 = (stats.t.ppf(stats.norm.cdf(3.0), dof) for dof in (16, 2))
    assert t16 < score < t2
    peak = [p for p in detect(x, seeds=seeds) if p.kind == "inverted_u"]
    assert len(peak) == 1 and peak[0].significant and peak[0].location == 160
    assert peak[0].score == pytest.approx(score, rel=1e-9)


def test_an_inverted_u_height_is_over_the_higher_end():
    """height = level at the peak − the higher of the two end levels (the nearer-in-value
    end), here the right end (≈ 2.5 against ≈ 1 on the left). 2026-12-05 mutation review."""
    x, seeds = _three_seed_inverted_u()
    level = seeds.mean(axis=0)
    assert level[-1] > level[0] + 1
    peak = next(p for p in detect(x, seeds=seeds, include_weak=True) if p.kind == "inverted_u")
    assert peak.location == 160
    assert peak.height == pytest.approx(level[4] - max(level[0], level[-1]), rel=1e-12)


def test_pure_noise_without_seeds_rarely_shows_a_significant_shape():
    """The two end residuals to the 3-point average are exactly 0 and pulled the MAD down:
    σ̂ ≈ 0.4σ on five points of Gaussian noise and 6.5 % of such curves had a "significant"
    shape (an inverted U at 21.5σ on plain noise; 2026-12-05 review)."""
    from empirical.sweeps.phenomena import robust_sigma

    rng = np.random.default_rng(0)
    for n in (5, 10):
        hits = sum(bool(detect(50.0 * 2.0 ** np.arange(n), rng.normal(0, 1, n)))
                   for _ in range(200))
        assert hits <= 4, (n, hits)  # ≤ 2 %
    assert not detect(50 * 2.0 ** np.arange(5), [-2.207, 0.828, 1.542, 1.127, 0.755])
    y = rng.normal(0, 1, 11)  # nine interior residuals: their MAD, the ends left out
    inner = y[1:-1] - (y[:-2] + y[1:-1] + y[2:]) / 3
    mad = np.median(np.abs(inner - np.median(inner)))
    assert mad > 0 and robust_sigma(y) == pytest.approx(1.4826 * mad / np.sqrt(2 / 3), rel=1e-4)
    short = y[:7]  # five interior residuals: their RMS
    inner = short[1:-1] - (short[:-2] + short[1:-1] + short[2:]) / 3
    assert robust_sigma(short) == pytest.approx(np.sqrt(np.mean(inner ** 2) / (2 / 3)))
