"""Divergence is reported as divergence, not as "not found".

A trial whose loss became non-finite never succeeds; when every trial at the largest size a search
tried diverged, its "not found up to that size" bounds nothing (the recipe failed, not the size).
Before 2026-12-04 every command said "not found" (the hardness study even "> 8 hidden units"),
with an init scale of 1e20 as for a hard function.
"""

from __future__ import annotations

import dataclasses
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


def _members(cfg):
    """Per member of an ensemble: (width, lr, trial), trials numbered within each (width, lr)."""
    lrs = cfg.lrs or (cfg.train.lr,) * len(cfg.widths)
    seen: dict = {}
    out = []
    for w, lr in zip(cfg.widths, lrs, strict=True):
        t = seen.get((w, lr), 0)
        seen[w, lr] = t + 1
        out.append((w, lr, t))
    return out


def _oracle(diverges, passes=lambda w, lr, t: False):
    """A worker that trains nothing: member (width, lr, trial) diverges when
    ``diverges(width, lr, trial)`` and succeeds when ``passes(...)`` (and did not diverge)."""
    def worker(task):
        cfg = task.config
        members = _members(cfg)
        bad = np.array([bool(diverges(*m)) for m in members])
        ok = np.array([bool(passes(*m)) for m in members]) & ~bad
        return TaskOutcome(ok, np.full(len(members), cfg.train.steps), 0.0, diverged=bad)
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


def test_divergence_is_counted_per_learning_rate():
    # width w diverges at lr 0.1 in its first (w mod 3) trials, never at 0.01: a count that
    # read another rate's slice, or another width's, would differ
    opts = SearchOptions.of(seeds=3, lrs=(0.01, 0.1), start=1, max_size=16)
    res = search_size(SearchTarget(inputs=4), opts,
                      worker=_oracle(lambda w, lr, t: lr == 0.1 and t < w % 3))
    assert [(c.width, c.diverged_by_lr) for c in res.candidates] == [
        (w, {0.01: 0, 0.1: w % 3}) for w in (1, 2, 4, 8, 16)]
    assert not res.diverged_sizes and not res.diverged


def test_divergence_only_at_the_top_bounds_nothing_there():
    opts = SearchOptions.of(seeds=2, lrs=(0.01, 0.1), start=1, max_size=16)
    worker = _oracle(lambda w, lr, t: w >= 8)
    res = search_size(SearchTarget(inputs=4), opts, worker=worker)
    assert res.needed is None and res.diverged and not res.all_diverged
    assert res.diverged_sizes == [8, 16]
    assert "every trial diverged (non-finite loss) at sizes 8, 16, the largest tried (16)" in \
        search_lines(res)[0]
    t = trained_size(SearchTarget(inputs=4), opts, worker=worker)
    assert t.diverged and not t.found and t.below_hidden == 16
    # compare keeps the same verdict
    s = trained_summary(res)
    assert s.diverged and trained_cell(s) == "diverged at 16"
    assert TrainedSize.from_dict(json.loads(json.dumps(s.to_dict()))) == s


def test_a_diverged_size_is_not_a_failure_of_the_size():
    # widths >= 3 memorise, widths >= 8 diverge: the answer is 3, not "diverged at 16" (a
    # diverged size counted as failing put lo at 16, above every passing size; 2026-12-04)
    opts = SearchOptions.of(seeds=2, lrs=(0.1,), start=1, max_size=16)
    worker = _oracle(lambda w, lr, t: w >= 8, lambda w, lr, t: w >= 3)
    res = search_size(SearchTarget(inputs=4), opts, worker=worker)
    assert res.needed.width == 3 and res.below.width == 2 and not res.diverged
    assert res.diverged_sizes == [8, 16] and not res.violations
    assert any(line.startswith("every trial diverged (non-finite loss) at sizes 8, 16: left "
                               "out of the bracket") for line in search_lines(res))
    t = trained_size(SearchTarget(inputs=4), opts, worker=worker)
    assert t.hidden == 3 and not t.diverged


@pytest.mark.parametrize("inputs, start, diverges, passes, needed, below", [
    (4, 1, (1, 2), 3, 3, None),        # diverged below the answer, nothing failed
    (4, 1, (1, 6), 3, 7, None),        # diverged up to 6, so 3..6 cannot pass: 7
    (4, 1, (2, 2), 3, 3, 1),           # a diverged width between a failure and the answer
    (8, 64, (100, 180), 181, 181, 64),
    (8, 64, (150, 170), 171, 171, 128),  # 160, 168, 170 diverged
])
def test_the_search_narrows_across_diverged_widths(inputs, start, diverges, passes, needed,
                                                   below):
    # the bracket's lower edge is the largest measured width below hi, diverged or not: with a
    # diverged edge the search stopped early and answered 4, 8, 208, 176 (2026-12-04 review)
    lo_div, hi_div = diverges
    worker = _oracle(lambda w, lr, t: lo_div <= w <= hi_div, lambda w, lr, t: w >= passes)
    res = search_size(SearchTarget(inputs=inputs), SearchOptions.of(
        seeds=2, lrs=(0.1,), start=start), worker=worker)
    assert res.needed.width == needed
    assert (res.below.width if res.below else None) == below
    measured = {c.width for c in res.candidates}
    # the width just below the answer was measured (the bracket is closed), and every
    # measured width between the failing one and the answer diverged
    assert needed - 1 in measured
    assert all(lo_div <= w <= hi_div for w in measured if (below or 0) < w < needed)
    assert set(res.diverged_sizes) == {c.size for c in res.candidates
                                       if lo_div <= c.width <= hi_div}


def test_bits_per_parameter_reach_down_to_the_smallest_network_when_nothing_failed_below():
    """Widths 1..3 diverged, 4 passes: nothing shows a smaller network would fail, so the
    bits-per-parameter bracket runs from the answer's parameters down to width 1's (it
    collapsed to the estimate, claiming the answer exact, 2026-12-06 review); an answer at
    width 1 stays exact."""
    target = SearchTarget(inputs=4)
    opts = SearchOptions.of(seeds=2, lrs=(0.1,), start=1)
    res = search_size(target, opts, worker=_oracle(lambda w, lr, t: w <= 3,
                                                   lambda w, lr, t: w >= 4))
    assert res.needed.width == 4 and res.below is None
    smallest = res.smallest_parameters
    assert smallest == (4 + 1) + 2 * (1 + 1)  # width 1: 4 inputs + bias, two logits
    est, lo, hi = res.bits_per_parameter_interval
    assert smallest < res.needed.parameters
    assert est == lo == 16 / res.needed.parameters and hi == 16 / smallest
    assert any(f"across [{smallest}, {res.needed.parameters}] parameters: no smaller size was "
               "measured failing" in line for line in search_lines(res))
    summary = trained_summary(res)  # compare's copy: the same range, kept in compare.json
    assert summary.bits_per_parameter_range() == (lo, hi)
    assert TrainedSize.from_dict(json.loads(json.dumps(summary.to_dict()))) == summary
    old_file = {k: v for k, v in summary.to_dict().items() if k != "smallest_parameters"}
    assert TrainedSize.from_dict(old_file).bits_per_parameter_range() == (lo, lo)
    exact = search_size(target, opts, worker=_oracle(lambda w, lr, t: False,
                                                     lambda w, lr, t: True))
    assert exact.needed.width == 1 and exact.below is None
    assert exact.bits_per_parameter_interval == (16 / smallest,) * 3
    assert not any("across" in line for line in search_lines(exact))


def test_partial_divergence_is_a_plain_failure():
    opts = SearchOptions.of(seeds=2, lrs=(0.01,), start=1, max_size=16)
    worker = _oracle(lambda w, lr, t: t == 0)
    res = search_size(SearchTarget(inputs=4), opts, worker=worker)
    assert res.needed is None and not res.diverged and not res.diverged_sizes
    assert [c.diverged_by_lr for c in res.candidates] == [{0.01: 1}] * len(res.candidates)
    assert search_lines(res)[0].startswith("not found: no size up to --max-size 16")
    t = trained_size(SearchTarget(inputs=4), opts, worker=worker)
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
    assert "(1 recipe(s) with a diverged family left out)" in text


LOST = TrainedFunctionSize("relu", 1, None, None, 0, 2, (0.0, 0.66), None, 8, 0, diverged=True)
EASY = TrainedFunctionSize("relu", 1, 0, 0, 2, 2, (0.34, 1.0), 0.05)
HARD = TrainedFunctionSize("relu", 1, 5, 5, 2, 2, (0.34, 1.0), 0.05, 4, 0)


def test_a_recipe_with_a_diverged_family_ranks_no_family():
    from empirical.hardness.recipes import RecipeResult, RecipeRow
    from empirical.hardness.recipes_report import recipe_lines

    cfg = HardnessConfig(inputs=3)
    # adam: parity diverged, majority trivial -> no ranking; sgd: parity 5 > majority 0
    rows = [RecipeRow("parity", "adam", 100, LOST, None, None, None),
            RecipeRow("majority", "adam", 100, EASY, 2, 2, (0.34, 1.0)),
            RecipeRow("parity", "sgd", 100, HARD, 2, 2, (0.34, 1.0)),
            RecipeRow("majority", "sgd", 100, EASY, 2, 2, (0.34, 1.0))]
    lines = recipe_lines(RecipeResult(cfg, (100,), ("adam", "sgd"), 2, rows, 0.0))
    assert ("hardest family (most hidden units, ties shared): parity under 1 of 1 recipes (1 "
            "recipe(s) with a diverged family left out)") in lines
    lines = recipe_lines(RecipeResult(cfg, (100,), ("adam",), 2, rows[:2], 0.0))
    assert any(line.startswith("no hardest family") for line in lines)
    assert not any("majority under" in line for line in lines)
    # a budget whose cell diverged is no evidence against monotonicity
    rows = [RecipeRow("parity", "adam", 100, HARD, 2, 2, (0.34, 1.0)),
            RecipeRow("parity", "adam", 200, LOST, None, None, None)]
    line = recipe_lines(RecipeResult(cfg, (100, 200), ("adam",), 2, rows, 0.0))[0]
    assert "200 steps diverged" in line and "not monotone" not in line


def test_the_sign_summary_stays_when_every_relu_row_diverged():
    sign = TrainedFunctionSize("sign", 1, 8, 8, 1, 2, (0.09, 0.91), 0.05, 4, 0)
    row = HardnessRow("parity", "parity", 3, None, 1, known_size(make_function("parity", 3)),
                      LOST, sign)
    lines = hardness_lines(HardnessResult(HardnessConfig(inputs=3), [row], 0.0))
    assert any(line.startswith("ReLU training diverged") for line in lines)
    assert any(line.startswith("sign units (trained, hardened to integers, verified exactly)")
               for line in lines)
    assert not any("hardest" in line or "no function needed" in line for line in lines)


def test_topology_summary_names_diverged_cells():
    from empirical.hardness.topology import TopologyResult, TopologyRow
    from empirical.hardness.topology_report import topology_lines

    rows = [TopologyRow("parity", "stacked", 1, HARD, 3),
            TopologyRow("parity", "dense", 1, LOST, 3)]
    lines = topology_lines(TopologyResult(HardnessConfig(inputs=3), (1,), rows, 0.0))
    assert "stacked 32, dense diverged" in lines[0]  # (3 + 1)·5 + (5 + 1)·2
    assert "among the cells that did not diverge" in lines[0]
    assert any("diverged" in line and "in 1 (family, depth) pair(s): not compared" in line
               for line in lines)
    assert not any(line.startswith("only stacked trained") for line in lines)


def test_scaling_lines_say_diverged():
    from empirical.memory.scaling import scaling_lines, search_scaling

    t = SearchTarget(kind="points", n=8, classes=2, d_in=4)
    o = SearchOptions.of(seeds=2, lrs=(HUGE_LR,), steps=30, optimizer="sgd", start=1,
                         max_size=40, axis="parameters")
    res = search_scaling(t, [8, 16], o)
    lines = scaling_lines(res)
    assert all("| diverged: every trial at" in line for line in lines[1:3])
    assert res.to_frame()["diverged"].tolist() == [True, True]


def test_compare_depth_verdict_leaves_a_diverged_depth_out():
    from empirical.compare.findings import depth_verdict
    from empirical.compare.result import TrainedCandidate

    def c(p):
        return TrainedCandidate(p, 1, 1, p, 1, 1, 1.0, (0.0, 1.0), 0.01, None)

    found = TrainedSize(1, "parameters", True, c(100), c(90), None, 64, [], [], 1, 9999, [],
                        0.0)
    lost = TrainedSize(2, "parameters", False, None, None, None, 64, [c(9999)], [], 1, 9999,
                       [], 0.0, diverged=True)
    order, words = depth_verdict({1: found, 2: lost})
    assert order == [1] and words.endswith("depth 2 diverged (every trial at the largest "
                                           "budget tried), so not compared")
    assert words.startswith("only depth 1 was compared: 100 parameters, nothing to rank")
    order, words = depth_verdict({2: lost})
    assert order == [] and words.startswith("depth 2 diverged")
    # one depth alone was "depth 1 needed the fewest parameters, bracket-separated" (review)
    assert depth_verdict({1: found}) == ([1], "only depth 1 was compared: 100 parameters, "
                                              "nothing to rank")
    from empirical.cli.compare import _short

    assert _short(lost) == "diverged at 9999" and _short(
        dataclasses.replace(lost, diverged=False)) == "> 9999"


def test_study_files_of_the_first_version_still_read():
    from empirical.hardness.recipes import RecipeResult, RecipeRow

    res = RecipeResult(HardnessConfig(inputs=2), (100,), ("adam",), 2,
                       [RecipeRow("parity", "adam", 100, LOST, None, None, None)], 0.0)
    d = json.loads(json.dumps(res.to_dict()))
    assert d["format"] == "memcap.hardness-recipes/2"
    d["format"] = "memcap.hardness-recipes/1"
    del d["rows"][0]["trained"]["diverged"]
    back = RecipeResult.from_dict(d)
    assert not back.rows[0].trained.diverged
    d["format"] = "memcap.hardness-recipes/3"
    with pytest.raises(UsageError, match="not a memcap.hardness-recipes/2 result"):
        RecipeResult.from_dict(d)


def test_a_diverged_member_is_no_success_even_with_a_full_final_count():
    """member_outcomes: a diverged member never succeeds. The only test ran XOR at a huge
    learning rate, where the final count is 0 anyway, so dropping the rule passed (2026-12-04
    test review). Here the final count reaches best_count and only divergence says no."""
    from types import SimpleNamespace

    import numpy as np

    from empirical.search.rounds import member_outcomes

    log = SimpleNamespace(stop_step=np.array([-1, -1, 5]), diverged=np.array([True, False, False]),
                          metrics={"memorised_count": np.array([[0, 0, 0], [4, 4, 4]])})
    res = SimpleNamespace(log=log, datasets=[SimpleNamespace(best_count=4, labels=4)] * 3,
                          config=SimpleNamespace(train=SimpleNamespace(steps=100)))
    out = member_outcomes(res)
    assert out.success.tolist() == [False, True, True]
    assert out.diverged.tolist() == [True, False, False] and out.stop_step.tolist() == [100, 100, 5]
