"""Divergence is reported as divergence, not as "not found".

A trial whose loss became non-finite never succeeds; when every trial at the largest size a search
tried diverged, its "not found up to that size" bounds nothing (the recipe failed, not the size).
Before 2026-12-04 every command said "not found" (the hardness study even "> 8 hidden units"),
with an init scale of 1e20 as for a hard function.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from memcap_cli import memcap_main

from capacity.errors import UsageError
from constructions.families import make_function
from empirical.compare.report import trained_cell
from empirical.compare.result import TrainedSize
from empirical.compare.searches import trained_summary
from empirical.engine.run import run_training
from empirical.hardness.compute import trained_size
from empirical.hardness.known import known_size
from empirical.hardness.report import hardness_lines
from empirical.hardness.result import (
    HardnessConfig,
    HardnessResult,
    HardnessRow,
    TrainedFunctionSize,
    check_loaded,
)
from empirical.search.options import SearchOptions
from empirical.search.report import search_lines
from empirical.search.rounds import TaskOutcome, make_task, member_outcomes
from empirical.search.size import search_size
from empirical.search.target import SearchTarget

# a learning rate no float32 SGD run survives: every member's loss is non-finite within steps
HUGE_LR = 1e30


def _oracle(diverges_from: int, trials_diverging: int | None = None):
    """A worker that trains nothing: no member succeeds, and the members of width
    >= ``diverges_from`` diverge (the first ``trials_diverging`` of each width's trials, all by
    default)."""
    def worker(task):
        cfg = task.config
        w = np.array(cfg.widths)
        bad = w >= diverges_from
        if trials_diverging is not None:  # members are (width, lr, trial) in order
            trial = np.arange(len(w)) % (len(w) // (len(set(cfg.widths)) * max(1, len(cfg.lrs))))
            bad &= trial < trials_diverging
        return TaskOutcome(np.zeros(len(w), bool), np.full(len(w), cfg.train.steps), 0.0,
                           diverged=bad)
    return worker


def test_member_outcomes_report_divergence():
    opts = SearchOptions.of(steps=50, optimizer="sgd")
    task = make_task(SearchTarget(table="0110").data_config(), [2, 4], 2, HUGE_LR, opts)
    out = member_outcomes(run_training(task.config))
    assert out.diverged.all() and not out.success.any()
    task = make_task(SearchTarget(table="0110").data_config(), [4], 2, 0.05, opts)
    assert not member_outcomes(run_training(task.config)).diverged.any()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=4), st.data())
def test_split_keeps_each_members_divergence(sizes, data):
    k = sum(sizes)
    bad = np.array(data.draw(st.lists(st.booleans(), min_size=k, max_size=k)))
    whole = TaskOutcome(np.zeros(k, bool), np.zeros(k, int), 1.0, diverged=bad)
    parts = whole.split(sizes)
    assert np.concatenate([p.diverged for p in parts]).tolist() == bad.tolist()
    assert [len(p.diverged_members()) for p in parts] == list(sizes)
    # a worker that does not say reads as no divergence, also after a split
    silent = TaskOutcome(np.zeros(k, bool), np.zeros(k, int), 1.0).split(sizes)
    assert not any(p.diverged_members().any() for p in silent)


def test_search_whose_every_trial_diverged_says_so():
    res = search_size(SearchTarget(inputs=4), SearchOptions.of(
        seeds=2, lrs=(HUGE_LR,), steps=50, optimizer="sgd", max_size=8, start=1))
    assert res.needed is None and res.all_diverged and res.diverged
    assert res.diverged_sizes == [c.size for c in res.candidates]
    assert all(c.diverged_by_lr == {HUGE_LR: 2} for c in res.candidates)
    line = search_lines(res)[0]
    assert line.startswith("not found: every trial diverged (non-finite loss) at every size")
    assert "--lrs" in line
    frame = res.to_frame()
    assert frame["diverged"].tolist() == [2] * len(res.candidates)
    assert res.to_dict()["candidates"][0]["diverged_by_lr"] == {"1e+30": 2}


def test_divergence_only_at_the_top_bounds_nothing_there():
    opts = SearchOptions.of(seeds=2, lrs=(0.01, 0.1), start=1, max_size=16)
    res = search_size(SearchTarget(inputs=4), opts, worker=_oracle(8))
    assert res.needed is None and res.diverged and not res.all_diverged
    assert res.diverged_sizes == [8, 16]
    assert "every trial diverged (non-finite loss) at sizes 8, 16, the largest tried (16)" in \
        search_lines(res)[0]
    t = trained_size(SearchTarget(inputs=4), opts, worker=_oracle(8))
    assert t.diverged and not t.found and t.below_hidden == 16
    # compare keeps the same verdict
    s = trained_summary(res)
    assert s.diverged and trained_cell(s) == "diverged at 16"
    assert TrainedSize.from_dict(json.loads(json.dumps(s.to_dict()))) == s


def test_partial_divergence_is_a_plain_failure_with_a_note():
    opts = SearchOptions.of(seeds=2, lrs=(0.01,), start=1, max_size=16)
    res = search_size(SearchTarget(inputs=4), opts, worker=_oracle(1, trials_diverging=1))
    assert res.needed is None and not res.diverged and not res.diverged_sizes
    assert [c.diverged_by_lr for c in res.candidates] == [{0.01: 1}] * len(res.candidates)
    assert search_lines(res)[0].startswith("not found: no size up to --max-size 16")
    t = trained_size(SearchTarget(inputs=4), opts, worker=_oracle(1, trials_diverging=1))
    assert not t.diverged and t.below_hidden == 16
    assert trained_cell(trained_summary(res)) == "not found ≤ 16"


def test_stored_results_without_the_field_read_as_not_diverged():
    t = TrainedFunctionSize("relu", 1, None, None, 0, 2, (0.0, 0.66), None, 8, 0)
    d = t.to_dict()
    assert d["diverged"] is False
    del d["diverged"]  # a file written before divergence was recorded
    assert TrainedFunctionSize.from_dict(d) == t
    old = trained_summary(search_size(SearchTarget(inputs=3), SearchOptions.of(
        seeds=1, lrs=(HUGE_LR,), steps=20, optimizer="sgd", max_size=2, start=1))).to_dict()
    assert old.pop("diverged") is True
    assert TrainedSize.from_dict(old).diverged is False


def test_a_stored_row_cannot_be_found_and_diverged():
    t = TrainedFunctionSize("relu", 1, 4, 4, 2, 2, (0.34, 1.0), 0.05, 3, 0, diverged=True)
    with pytest.raises(UsageError, match="diverged is true but a size was found"):
        check_loaded(t, "rows[0].relu")
    check_loaded(TrainedFunctionSize("relu", 1, None, None, 0, 2, (0.0, 0.66), None, 8, 0,
                                     diverged=True))


def test_hardness_ranks_diverged_rows_last_and_names_them():
    cfg = HardnessConfig(inputs=3, families=("parity", "majority"))
    lost = TrainedFunctionSize("relu", 1, None, None, 0, 2, (0.0, 0.66), None, 8, 0,
                               diverged=True)
    easy = TrainedFunctionSize("relu", 1, 0, 0, 2, 2, (0.34, 1.0), 0.05)
    rows = [HardnessRow("parity", "parity", 3, None, 1,
                        known_size(make_function("parity", 3)), lost),
            HardnessRow("majority", "majority", 3, None, 1,
                        known_size(make_function("majority", 3)), easy)]
    result = HardnessResult(cfg, rows, 0.0)
    assert [r.label for r in result.ranked()] == ["majority", "parity"]
    lines = hardness_lines(result)
    assert any("diverged" in line and "parity" in line for line in lines)
    assert not any(line.startswith("hardest for ReLU gradient descent: parity")
                   for line in lines)


def test_cli_recipes_with_an_init_scale_that_overflows(capsys):
    # 1e20 is finite in float32, but the forward pass overflows: every trial diverges. Each
    # cell of that scale read "not found", the threshold function's too (2026-12-04 review)
    code, out, _ = memcap_main(capsys, "hardness", "--inputs", "2", "--recipes", "--families",
                               "majority,parity", "--budgets", "100", "--optimizers", "adam",
                               "--init-scales", "1,1e20", "--trials", "2", "--confirm", "2",
                               "--lrs", "0.05", "--max-width", "4", "--json")
    assert code == 0
    rows = {(r["family"], r["init_scale"]): r["trained"] for r in json.loads(out)["rows"]}
    assert rows["majority", 1.0]["hidden"] == 0 and not rows["majority", 1.0]["diverged"]
    assert all(rows[f, 1e20]["diverged"] and rows[f, 1e20]["hidden"] is None
               for f in ("majority", "parity"))
    code, out, _ = memcap_main(capsys, "hardness", "--inputs", "2", "--recipes", "--families",
                               "majority,parity", "--budgets", "100", "--optimizers", "adam",
                               "--init-scales", "1,1e20", "--trials", "2", "--confirm", "2",
                               "--lrs", "0.05", "--max-width", "4")
    text = " ".join(out.split())
    assert "majority, adam, init x1e+20: hidden units needed at 100 steps diverged" in text
    assert "2 of 4 cell(s) diverged" in text
    assert "(1 recipe(s) where every family diverged left out)" in text
