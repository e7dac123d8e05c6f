"""Derived metrics of a run that diverged: the end of the run is read as logged, never skipped."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capacity.errors import UsageError
from empirical.sweeps.metrics import apply_metrics, reduce_series

finite = st.floats(-1e6, 1e6, allow_nan=False)
prefixes = st.lists(finite, min_size=1, max_size=20)
ends = st.sampled_from([math.nan, math.inf, -math.inf])


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


@settings(deadline=None)
@given(prefixes, ends, st.integers(1, 30))
def test_a_non_finite_last_value_is_what_the_end_of_the_run_reads(prefix, end, k):
    vals = [*prefix, end]
    assert _same(reduce_series("last(w)", vals), end)
    assert _same(reduce_series("final(w)", vals), end)
    assert _same(reduce_series("gap(w)", vals), end - prefix[0])
    root = reduce_series("root_gap(w)", vals)
    assert math.isnan(root) if math.isnan(end) else root == math.inf  # last² = +inf
    want = math.nan if math.isnan(end) else end  # the mean of the last K logs holds the end
    assert _same(reduce_series(f"mean_last_{k}(w)", vals), want)


@settings(deadline=None)
@given(prefixes, ends)
def test_whole_series_reductions_drop_only_nan_entries(prefix, end):
    vals, steps = [*prefix, end], [10 * i for i in range(len(prefix) + 1)]
    kept = prefix if math.isnan(end) else vals  # ±inf is a value, NaN is not
    assert reduce_series("first(w)", [math.nan, *vals]) == prefix[0]
    assert reduce_series("max(w)", vals, steps) == max(kept)
    assert reduce_series("min(w)", vals, steps) == min(kept)
    assert reduce_series("argmax(w)", vals, steps) == steps[kept.index(max(kept))]
    assert reduce_series("argmin(w)", vals, steps) == steps[kept.index(min(kept))]
    assert _same(reduce_series("mean(w)", vals), float(np.mean(kept)))


def test_huge_finite_values_give_inf_not_an_error():
    assert reduce_series("root_gap(w)", [1.0, 1e200]) == math.inf
    assert reduce_series("root_gap(w)", [1e200, 1.0]) == -math.inf


def test_a_diverged_engine_run_reads_as_diverged():
    """The audit's case: an SGD run with a huge rate logs NaN losses and a huge weight norm
    from its second log on; its last loss and weight gap were the step-0 values before. (The
    norm, ≈ 5·10^33, was logged as inf until 2026-12-04: its float32 square overflowed.)"""
    from empirical.engine.config import RunConfig
    from empirical.engine.run import metrics_frame, run_training

    cfg = RunConfig().override(["train.steps=10", "train.log_every=5", "train.lr=1e12",
                                "train.optimizer=sgd", "model.width=8", "data.n_train=20",
                                "data.n_test=5"])
    table = metrics_frame(run_training(cfg))
    assert not np.isfinite(table["train_loss"].iloc[-1])  # the engine logged the divergence
    row = apply_metrics(table, ["last(train_loss)", "gap(weight_l2)", "max(train_loss)"],
                        by="member").iloc[0]
    assert math.isnan(row["last(train_loss)"])
    assert row["gap(weight_l2)"] == pytest.approx(table["weight_l2"].iloc[-1]
                                                  - table["weight_l2"].iloc[0])
    assert row["gap(weight_l2)"] > 1e30  # the diverged norm's, not step 0's
    assert row["max(train_loss)"] == table["train_loss"].max()  # pandas skips NaN too


@pytest.mark.parametrize("values", [["relu", "relu", "tanh", "tanh"],
                                    ["0110", "0110", "1000", "1000"]])
def test_a_column_of_text_is_refused_not_reduced(values):
    """`memcap report --metric "max(train.betas)"` ended in status 70 (float of a text) and
    "max(data.table)" read the tables 0110 and 1000 as the numbers 110 and 1000 (2026-12-03)."""
    t = pd.DataFrame({"run_id": [0, 0, 1, 1], "step": [0, 1, 0, 1], "x": values,
                      "loss": [1.0, 0.5, 2.0, 1.0]})
    with pytest.raises(UsageError, match="reduces 'x', whose values are not numbers"):
        apply_metrics(t, ["max(x)"])
    assert apply_metrics(t, ["min(loss)"])["min(loss)"].tolist() == [0.5, 1.0]


def test_true_false_columns_reduce_as_one_and_zero():
    """The engine's `active` column reads back as true/false: mean(active) is the share of
    logs a run was live (a review of the text refusal found it refused, 2026-12-03)."""
    t = pd.DataFrame({"run_id": [0, 0, 1, 1], "step": [0, 1, 0, 1],
                      "active": [True, True, True, False]})
    assert apply_metrics(t, ["mean(active)"])["mean(active)"].tolist() == [1.0, 0.5]
