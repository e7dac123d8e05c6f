"""Edges of ``empirical.sweeps.phenomena`` and ``empirical.sweeps.metrics`` that a 2026-12-07
mutation audit of phenomena.py and metrics.py found untested: each test names the documented
behaviour (docs/sweeps.md, the docstrings) and the audit's mutant id(s) it kills.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import empirical.sweeps.phenomena as ph
from capacity.errors import UsageError
from empirical.sweeps.metrics import apply_metrics, reduce_series
from empirical.sweeps.phenomena import Phenomenon, detect, is_geometric

nan = float("nan")


def _kinds(found):
    return [p.kind for p in found]


# ---- metrics.py ----------------------------------------------------------------------------


def test_root_gap_reads_the_first_value_that_is_not_nan():
    """docs/sweeps.md: the reductions read the first value that is not NaN; root_gap of a series
    whose first log is NaN is √(5² − 3²) = 4, and −4 when the norm shrinks (kills M05)."""
    assert reduce_series("root_gap(w)", [nan, 3.0, 5.0]) == 4.0
    assert reduce_series("root_gap(w)", [nan, 5.0, 3.0]) == -4.0


def test_argmax_and_argmin_report_the_step_of_the_extreme_after_a_leading_nan():
    """docs/sweeps.md: argmax / argmin give the *step* at which the max / min is logged; a NaN
    entry before it is dropped with its step, so it does not shift the step (kills M11)."""
    steps = [0, 10, 20, 30]
    assert reduce_series("argmax(w)", [nan, 1.0, 9.0, 2.0], steps=steps) == 20.0
    assert reduce_series("argmin(w)", [nan, 5.0, 0.5, 2.0], steps=steps) == 20.0


@pytest.mark.parametrize("bad", [{"run_id": [0], "step": [0], "w": [1.0]}, [[0, 0, 1.0]]],
                         ids=["dict", "list"])
def test_apply_metrics_refuses_anything_that_is_not_a_dataframe(bad):
    """apply_metrics needs a pandas DataFrame: a dict or a list (not only None) is one clear
    UsageError, not an AttributeError (kills M27)."""
    with pytest.raises(UsageError, match="needs a pandas DataFrame"):
        apply_metrics(bad, ["max(w)"])


def test_a_constant_column_spelled_like_a_metric_gives_way_to_the_metric_at_the_end():
    """apply_metrics: the metric columns come after the run key and the constant columns; a
    constant column already spelled like the metric is replaced by it and keeps no place of its
    own (kills M28)."""
    table = pd.DataFrame({"run_id": [0, 0], "step": [0, 1], "max(w)": [7.0, 7.0], "n": [5, 5],
                          "w": [1.0, 3.0]})
    out = apply_metrics(table, ["max(w)"])
    assert list(out.columns) == ["run_id", "n", "max(w)"]
    assert out["max(w)"].tolist() == [3.0]
    assert out["n"].tolist() == [5]


# ---- phenomena.py --------------------------------------------------------------------------


def test_is_geometric_is_false_for_fewer_than_three_values():
    """is_geometric's docstring: fewer than 3 values give False (report.py uses it to pick a
    log-x axis) (kills P02)."""
    assert is_geometric([50, 100]) is False
    assert is_geometric([50]) is False
    assert is_geometric([50, 100, 200]) is True


def test_a_single_seed_row_does_not_replace_a_given_y():
    """detect's docstring / docs/sweeps.md: a single seed row is the curve only when y is not
    given; with y given, the findings are those of y alone (kills P10)."""
    x = 50 * 2.0 ** np.arange(10)
    y = 26 - 4 * (np.log2(x / 3200)) ** 2 + np.random.default_rng(0).normal(0, 0.3, 10)
    one_row = np.random.default_rng(1).normal(size=(1, 10))

    def key(found):
        return [(p.kind, p.location, p.score) for p in found]

    alone = detect(x, y, include_weak=True)
    with_row = detect(x, y, seeds=one_row, include_weak=True)
    assert key(with_row) == key(alone)
    assert "inverted_u" in _kinds(with_row)


def test_a_straight_line_with_round_off_residuals_has_unknown_noise():
    """docs/sweeps.md 'No noise to see': a MAD of at most 1e-9 of the largest |value| counts as
    0, so the noise is unknown, every shape score is NaN and nothing is claimed; here the
    residuals are float round-off, not exactly 0 (kills P12)."""
    x = np.arange(1.0, 11.0)
    y = 0.1 * x + 0.3
    assert np.abs(ph._inner_residuals(y, 3)).max() > 0  # round-off, not exactly 0
    assert detect(x, y) == []
    found = detect(x, y, include_weak=True)
    shapes = [p for p in found if p.fit is None]
    assert shapes and all(math.isnan(p.score) for p in shapes)
    assert all("unknown" in p.noise for p in found)
    assert not any(p.significant for p in found)


def test_the_monotone_score_compares_the_first_and_the_last_level():
    """docs/sweeps.md shapes table: the monotone score is (last − first level) /
    √(se_first² + se_last²), with the pooled se for S < 10 seeds (kills P18)."""
    rng = np.random.default_rng(3)
    x = np.arange(1.0, 13.0)
    seeds = 0.5 * x + rng.normal(0, 0.4, size=(5, 12))
    level = seeds.mean(0)
    se = math.sqrt(seeds.var(0, ddof=1).mean() / 5)  # pooled, S = 5 < 10
    want = (level[-1] - level[0]) / math.hypot(se, se)
    inc = [p for p in detect(x, seeds=seeds, include_weak=True) if p.kind == "increasing"]
    assert len(inc) == 1
    assert inc[0].score == pytest.approx(want, rel=1e-12)


def test_nan_scores_rank_after_every_finite_score():
    """Ranking (docs/sweeps.md): significant first, shapes before laws, then by score; a NaN
    score (noise unknown) claims nothing and ranks after every finite one (kills P44)."""
    base = np.array([0, 1, 3, 1, 0, -0.5, -1, -3, -1, 0.0])
    noise = np.random.default_rng(0).normal(0, 4.0, size=(10, 10))
    noise[:, [0, 2, 9]] = 0.0  # per-x se (S = 10) is 0 at both ends and at the peak
    found = detect(np.arange(1.0, 11.0), seeds=base + noise, include_weak=True)
    scores = [p.score for p in found if not p.significant and p.fit is None]
    assert any(math.isnan(s) for s in scores) and any(math.isfinite(s) for s in scores)
    first_nan = next(i for i, s in enumerate(scores) if math.isnan(s))
    assert all(math.isnan(s) for s in scores[first_nan:])


def test_describe_puts_a_u_depth_below_the_lower_end():
    """docs/sweeps.md shapes table: a U's height is its depth below the lower endpoint, and
    describe() says so (kills P47)."""
    p = Phenomenon("u", 64.0, 1.5, 7.0, True, 1.0, (2.0, 512.0), 9, "MAD")
    assert p.describe("n").startswith(
        "U: minimum near n = 64 (depth 1.5 below the lower end, score 7σ")


def test_an_infinite_value_is_refused_with_a_message_naming_inf():
    """detect refuses non-finite values with a UsageError whose message names both NaN and
    ±inf (kills P48), before the noise estimate (which drew numpy's "invalid value" warning
    first), in y and in a seed row alike."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UsageError, match="NaN or ±inf"):
            detect(np.arange(1.0, 7.0), [1, 2, np.inf, 4, 5, 6])
        with pytest.raises(UsageError, match="NaN or ±inf"):
            detect(np.arange(1.0, 7.0), seeds=[[1, 2, 3, 4, 5, 6], [1, 2, np.nan, 4, 5, 6]])


@pytest.mark.parametrize("bad", [np.arange(6.0), 5.0], ids=["1-d", "0-d"])
def test_seeds_that_are_not_a_matrix_are_refused_as_such(bad):
    """detect: seeds must be an (S, n) matrix; 1-D and 0-d seeds are a UsageError naming that
    shape (kills P50)."""
    with pytest.raises(UsageError, match=r"\(S, n\) matrix"):
        detect(np.arange(1.0, 7.0), seeds=bad)


def test_a_decreasing_curve_is_not_also_increasing():
    """The monotone rule reads one direction: a decreasing curve is reported as decreasing and
    not also, even as a weak finding, as increasing (kills P52)."""
    x = np.arange(1.0, 11.0)
    y = 10 - x + np.random.default_rng(0).normal(0, 0.05, 10)
    kinds = _kinds(detect(x, y, include_weak=True))
    assert "decreasing" in kinds and "increasing" not in kinds


def test_a_parameter_starting_at_zero_skips_the_power_law():
    """A power law needs x > 0: on x = 0, 1, …, 9 detect leaves it out and still fits the
    exponential, instead of failing (kills P55)."""
    x = np.arange(0.0, 10.0)
    y = 5 * (1 - np.exp(-x / 3)) + np.random.default_rng(0).normal(0, 0.01, 10)
    kinds = _kinds(detect(x, y, include_weak=True))
    assert "power_law" not in kinds and "exponential" in kinds
