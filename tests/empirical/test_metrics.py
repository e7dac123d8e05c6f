"""Derived metrics: definitions, parsing, and the per-run reduction of a tidy table."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from empirical.sweeps.metrics import apply_metrics, parse_metric, reduce_series

finite = st.floats(-1e6, 1e6, allow_nan=False)
series = st.lists(finite, min_size=1, max_size=30)


@given(series)
def test_gap_and_root_gap_definitions(vals):
    first, last = vals[0], vals[-1]
    assert reduce_series("gap(w)", vals) == pytest.approx(last - first)
    rg = reduce_series("root_gap(w)", vals)
    d = last**2 - first**2
    # root gap squares back to last² − first², and carries the sign of that difference
    assert math.copysign(rg * rg, rg) == pytest.approx(d, rel=1e-9, abs=1e-6)
    if d >= 0:
        assert rg == pytest.approx(math.sqrt(d), rel=1e-9, abs=1e-9)


@given(series, st.integers(1, 40))
def test_extremes_and_mean_last_k(vals, k):
    steps = [10 * i for i in range(len(vals))]
    assert reduce_series("max(w)", vals, steps) == max(vals)
    assert reduce_series("argmax(w)", vals, steps) == steps[vals.index(max(vals))]
    assert reduce_series("argmin(w)", vals, steps) == steps[vals.index(min(vals))]
    assert reduce_series("final(w)", vals) == vals[-1] == reduce_series("last(w)", vals)
    assert reduce_series(f"mean_last_{k}(w)", vals) == pytest.approx(np.mean(vals[-k:]))


def test_nan_entries_are_skipped_and_all_nan_gives_nan():
    """first/max/min/mean skip NaN; the end values (last, gap) are the logged ones as they
    are, so a run whose last value is NaN (it diverged) shows NaN, not an earlier value."""
    assert reduce_series("first(w)", [math.nan, 2.0, 5.0]) == 2.0
    assert reduce_series("gap(w)", [math.nan, 2.0, 5.0]) == 3.0
    assert math.isnan(reduce_series("gap(w)", [math.nan, 2.0, 5.0, math.nan]))
    assert math.isnan(reduce_series("gap(w)", [math.nan, math.nan]))


def test_steps_order_not_row_order():
    assert reduce_series("gap(w)", [5.0, 1.0], steps=[10, 0]) == 4.0


@pytest.mark.parametrize("bad, fragment", [
    ("median(x)", "unknown reduction 'median'"),
    ("gap x", "write REDUCTION(COLUMN)"),
    ("mean_last_0(x)", "K >= 1"),
])
def test_bad_names_raise_with_choices(bad, fragment):
    with pytest.raises(ValueError) as err:
        parse_metric(bad)
    assert fragment in str(err.value)
    if "unknown" in fragment:
        assert "root_gap" in str(err.value) and "mean_last_K" in str(err.value)


def _table():
    rows = []
    for run, (n, l2) in enumerate([(50, [3.0, 4.0, 5.0]), (100, [3.0, 3.5, 2.0])]):
        for i, v in enumerate(l2):
            rows.append({"run_id": run, "step": 10 * i, "n": n, "seed": 7, "weight_l2": v,
                         "test_loss": 1.0 + i})
    return pd.DataFrame(rows)


def test_apply_metrics_one_row_per_run_keeps_constant_columns():
    out = apply_metrics(_table(), ["gap(weight_l2)", "root_gap(weight_l2)",
                                   "mean_last_2(test_loss)"])
    assert list(out["run_id"]) == [0, 1]
    assert list(out["n"]) == [50, 100] and list(out["seed"]) == [7, 7]
    assert "test_loss" not in out.columns and "step" not in out.columns  # not constant per run
    assert list(out["gap(weight_l2)"]) == [2.0, -1.0]
    assert out["root_gap(weight_l2)"].tolist() == pytest.approx([4.0, -math.sqrt(5.0)])
    assert list(out["mean_last_2(test_loss)"]) == [2.5, 2.5]


def test_apply_metrics_unknown_column_lists_columns():
    with pytest.raises(ValueError, match="unknown column 'wl2'.*weight_l2"):
        apply_metrics(_table(), ["gap(wl2)"])


def test_apply_metrics_falls_back_to_member_column():
    t = _table().rename(columns={"run_id": "member"})
    assert list(apply_metrics(t, ["last(weight_l2)"])["last(weight_l2)"]) == [5.0, 2.0]
    with pytest.raises(ValueError, match="cannot tell runs apart"):
        apply_metrics(t.drop(columns="member"), ["last(weight_l2)"])


@settings(deadline=None, max_examples=20)
@given(st.lists(st.lists(finite, min_size=2, max_size=8), min_size=1, max_size=5))
def test_apply_metrics_matches_per_series_reduction(runs):
    rows = [{"run_id": r, "step": s, "v": v} for r, vals in enumerate(runs)
            for s, v in enumerate(vals)]
    out = apply_metrics(pd.DataFrame(rows), ["gap(v)", "max(v)"])
    assert out["gap(v)"].tolist() == pytest.approx([v[-1] - v[0] for v in runs])
    assert out["max(v)"].tolist() == [max(v) for v in runs]


def test_mean_last_k_takes_any_k_python_can_read():
    """K above the logs means all of them (docs/sweeps.md): 10^19 is a K; only one of more
    than 4300 digits, which Python will not convert, is refused, in one line (it was status
    70, and a first fix capped K at 10^18; review, 2026-12-05)."""
    from capacity.errors import UsageError

    huge = "mean_last_1" + "0" * 19 + "(train_acc)"
    assert reduce_series(parse_metric(huge), [1.0, 2.0, 6.0]) == 3.0  # every log
    with pytest.raises(UsageError, match="K has more than 4300 digits"):
        parse_metric("mean_last_" + "9" * 4301 + "(train_acc)")


# --- edges a mutation audit found untested (2026-12-07): each test fails on its mutant --------


def test_mean_last_k_is_the_whole_reduction_name_and_4300_digits_still_parse():
    from capacity.errors import UsageError

    with pytest.raises(UsageError, match="unknown reduction 'mean_last_5x'"):
        parse_metric("mean_last_5x(w)")  # not mean_last_5 with a tail
    assert parse_metric("mean_last_" + "9" * 4300 + "(w)").k == int("9" * 4300)


def test_a_metric_text_that_cannot_be_read_is_identified_without_its_spaces():
    from empirical.sweeps.metrics import metric_identity

    assert metric_identity("gap (w) x") == "gap(w)x" == metric_identity("gap(w)x")


@pytest.mark.parametrize("name", ["last(w)", "gap(w)", "root_gap(w)", "max(w)", "mean_last_3(w)"])
def test_an_empty_series_reduces_to_nan_and_unequal_steps_are_refused(name):
    from capacity.errors import UsageError

    assert math.isnan(reduce_series(name, []))
    with pytest.raises(UsageError, match="values and steps differ in length"):
        reduce_series(name, [1.0, 2.0, 3.0], steps=[0, 1])


def test_apply_metrics_groups_by_run_id_before_run_and_refuses_what_it_cannot_use():
    from capacity.errors import UsageError

    t = pd.DataFrame({"run_id": [1, 1, 0, 0], "run": [5, 6, 5, 6], "step": [0, 1, 0, 1],
                      "w": [1.0, 2.0, 3.0, 5.0]})
    out = apply_metrics(t, ["last(w)"])
    assert out["run_id"].tolist() == [0, 1] and out["last(w)"].tolist() == [5.0, 2.0]  # sorted
    with pytest.raises(UsageError, match=r"grouping column\(s\) \['nope'\] not in the table"):
        apply_metrics(t, ["last(w)"], by="nope")
    with pytest.raises(UsageError, match="no metrics asked for"):
        apply_metrics(t, [])


def test_apply_metrics_carries_only_columns_constant_in_every_run_and_keeps_a_nan_key():
    t = pd.DataFrame({"run_id": [0.0, 0.0, 1.0, 1.0, math.nan, math.nan],
                      "step": [0, 1] * 3,
                      "lr": [0.1, 0.1, 0.2, 0.2, 0.3, 0.3],  # constant in each run: carried
                      "phase": [1, 1, 1, 2, 3, 3],  # varies in run 1: not carried
                      "note": [math.nan, 7.0, 7.0, 7.0, 8.0, 8.0],  # NaN then 7 in run 0
                      "w": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]})
    out = apply_metrics(t, ["last(w)"])
    assert list(out.columns) == ["run_id", "lr", "last(w)"]
    assert out["last(w)"].tolist() == [2.0, 4.0, 6.0] and math.isnan(out["run_id"].iloc[2])
