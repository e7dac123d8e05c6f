"""Capacity search: Wilson intervals, parameter counting, the bracket/k-section logic on a success
oracle, per-round ensemble batching, and planted answers found by real training."""

import json
import math
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from capacity.errors import UsageError
from empirical.engine.executor import InProcessExecutor
from empirical.engine.parameters import count_parameters, width_for_parameters
from empirical.search.options import SearchOptions
from empirical.search.plan import guess_start
from empirical.search.rounds import TaskOutcome, make_task, plan_groups, train_task, trial_seeds
from empirical.search.size import search_size
from empirical.search.stats import wilson_interval
from empirical.search.target import SearchTarget

# ---------------------------------------------------------------- Wilson interval


def _wilson_by_hand(s, n, z=1.959963984540054):
    p = s / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


@pytest.mark.parametrize("s, n, expected", [
    (0, 10, (0.0, 0.27753)),  # lower end 0, upper z²/(n+z²)
    (10, 10, (0.72247, 1.0)),
    (5, 10, (0.23659, 0.76341)),
    (1, 3, (0.06149, 0.79235)),
])
def test_wilson_known_counts(s, n, expected):
    lo, hi = wilson_interval(s, n)
    assert lo == pytest.approx(expected[0], abs=1e-5)
    assert hi == pytest.approx(expected[1], abs=1e-5)


def test_z_value_equals_scipy_norm_ppf():
    from scipy.stats import norm

    from empirical.search.stats import z_value

    for c in (0.5, 0.8, 0.9, 0.95, 0.99, 0.999):
        assert z_value(c) == pytest.approx(norm.ppf(0.5 + c / 2), rel=1e-13)


def test_wilson_zero_successes_upper_is_z2_over_n_plus_z2():
    z2 = 1.959963984540054 ** 2
    assert wilson_interval(0, 7)[1] == pytest.approx(z2 / (7 + z2))


@given(st.integers(1, 200).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_contains_estimate_and_is_symmetric(sn):
    s, n = sn
    lo, hi = wilson_interval(s, n)
    assert 0 <= lo <= s / n <= hi <= 1
    lo2, hi2 = wilson_interval(n - s, n)
    assert lo == pytest.approx(1 - hi2, abs=1e-12) and hi == pytest.approx(1 - lo2, abs=1e-12)
    if 0 < s < n:
        assert (lo, hi) == pytest.approx(_wilson_by_hand(s, n))


@given(st.integers(1, 50), st.integers(0, 50), st.integers(2, 5))
def test_wilson_shrinks_with_trials_and_widens_with_confidence(n, s, k):
    s = min(s, n)
    lo, hi = wilson_interval(s, n)
    lo_k, hi_k = wilson_interval(s * k, n * k)  # same estimate, k times the trials
    assert hi_k - lo_k < hi - lo
    lo9, hi9 = wilson_interval(s, n, confidence=0.9)
    assert lo <= lo9 and hi9 <= hi


def test_wilson_ends_are_exactly_zero_and_one_at_the_extremes():
    """At 0 successes the lower end is 0.0 exactly, at S of S the upper end 1.0 (search.json
    stores them): without the forcing, n = 1999 gave 1e-19 (2026-12-06 mutation audit)."""
    for n in range(1, 2000):
        assert wilson_interval(0, n)[0] == 0.0 and wilson_interval(n, n)[1] == 1.0


def test_wilson_no_trials_and_bad_counts():
    assert wilson_interval(0, 0) == (0.0, 1.0)
    for args, words in (((3, 2), "0 <= successes <= trials"), ((-1, 4), "0 <= successes"),
                        ((1.5, 4), "must be an integer")):
        with pytest.raises(ValueError, match=words):
            wilson_interval(*args)
    with pytest.raises(ValueError, match="confidence"):
        wilson_interval(1, 2, confidence=1.0)


# ---------------------------------------------------------------- parameter counting


@given(st.integers(1, 20), st.integers(1, 40), st.integers(0, 4), st.integers(2, 9),
       st.booleans())
def test_count_parameters_matches_torch_modules(d, w, depth, v, bias):
    from empirical.engine.ensemble import reference_mlp

    net = reference_mlp(d, w, depth, v, bias=bias)
    assert count_parameters(d, w, depth, v, bias) == sum(p.numel() for p in net.parameters())


@given(st.integers(1, 20), st.integers(1, 200_000), st.integers(1, 4), st.integers(2, 9))
def test_width_for_parameters_is_the_largest_width_within_budget(d, budget, depth, v):
    w = width_for_parameters(d, budget, depth, v)
    assert w >= 1
    if count_parameters(d, 1, depth, v) <= budget:
        assert count_parameters(d, w, depth, v) <= budget < count_parameters(d, w + 1, depth, v)
    else:
        assert w == 1


@given(st.integers(1, 20), st.integers(1, 300), st.integers(1, 4), st.integers(2, 9))
def test_width_for_parameters_inverts_count_parameters(d, w, depth, v):
    assert width_for_parameters(d, count_parameters(d, w, depth, v), depth, v) == w


# ---------------------------------------------------------------- validation


@pytest.mark.parametrize("kwargs, words", [
    ({"inputs": 0}, "between 1 and 16"),
    ({"inputs": 17}, "between 1 and 16"),
    ({"outputs": 9}, "between 1 and 8"),
    ({"function": "prity"}, "unknown function 'prity'"),
    ({"function": "inner-product", "inputs": 3}, "even number of inputs"),
    ({"table": "011"}, "2\\^M|length|power"),
    ({"kind": "points", "input_law": "cauchy"}, "unknown input law"),
    ({"kind": "points", "classes": 1}, "classes"),
    ({"kind": "wave"}, "unknown target kind"),
])
def test_bad_targets_are_value_errors(kwargs, words):
    with pytest.raises(ValueError, match=words):
        SearchTarget(**kwargs)


@pytest.mark.parametrize("kwargs, words", [
    ({"success_rate": 0}, r"\(0, 1\]"), ({"success_rate": 1.5}, r"\(0, 1\]"),
    ({"seeds": 0}, "--trials"), ({"lrs": ()}, "--lrs"), ({"lrs": (0.01, -1)}, "positive"),
    ({"lrs": (1e-320,)}, r"\[2\^-126 \(about 1.18e-38\), 1e\+30\]"),
    ({"axis": "depth"}, "unknown axis"), ({"depth": 0}, "depth"), ({"steps": 0}, "steps"),
    ({"optimizer": "lion"}, "unknown optimizer"), ({"start": 0}, "start"),
    ({"device": "tpu"}, "unknown device"),
])
def test_bad_options_are_value_errors(kwargs, words):
    with pytest.raises(ValueError, match=words):
        SearchOptions.of(**kwargs)


def test_table_target_sets_m_and_n_and_is_fixed():
    t = SearchTarget(table="0110, 0001")
    assert (t.inputs, t.outputs, t.fixed, t.n_classes, t.information_bits()) == (2, 2, True, 4, 8.0)
    assert not SearchTarget(function="random").fixed and SearchTarget(function="parity").fixed
    assert SearchTarget(kind="points", n=30, classes=4).information_bits() == 60.0


def test_parameter_budget_below_the_smallest_network_is_refused():
    opts = SearchOptions.of(axis="parameters", max_size=5, depth=2)
    with pytest.raises(ValueError, match="below the smallest network"):
        search_size(SearchTarget(inputs=3), opts, worker=_oracle(lambda w, lr: True))


def test_smallest_network_check_counts_a_bias_free_model_without_biases():
    # width 1 of a bias-free 3 -> 1 -> 2 MLP has 3 + 2 = 5 parameters (8 with biases): a budget
    # of 6 admits it (the check counted biases and refused it, 2026-12-05 review)
    import dataclasses

    from empirical.engine.parameters import count_parameters
    from empirical.search.options import check_search

    opts = SearchOptions.of(axis="parameters", max_size=6)
    free = dataclasses.replace(opts, model=dataclasses.replace(opts.model, bias=False))
    assert count_parameters(3, 1, 1, 2, bias=False) == 5
    check_search(SearchTarget(inputs=3), free)  # no refusal
    with pytest.raises(ValueError, match="width 1 has 8 parameters"):
        check_search(SearchTarget(inputs=3), opts)
    with pytest.raises(ValueError, match="width 1 has 5 parameters"):
        check_search(SearchTarget(inputs=3), dataclasses.replace(free, max_size=4))


# ---------------------------------------------------------------- search logic on an oracle


def _oracle(rule, calls=None):
    """A fake worker: member succeeds iff rule(width, lr); records every task."""
    def worker(task):
        if calls is not None:
            calls.append(task)
        widths = [w for *_, w in task.config.members()]
        lrs = task.config.member_lrs()  # one per member: the lr grid trains as one ensemble
        ok = np.array([bool(rule(w, lr)) for w, lr in zip(widths, lrs, strict=True)])
        return TaskOutcome(ok, np.where(ok, 10, task.config.train.steps), 0.0)
    return worker


BIG = SearchTarget(kind="points", n=10**6, d_in=8)  # expensive per member: no cheap extension


def test_planted_threshold_37_found_in_the_expected_rounds():
    calls = []
    res = search_size(BIG, SearchOptions.of(start=1, lrs=(0.01,)),
                      worker=_oracle(lambda w, lr: w >= 37, calls))
    assert res.needed.width == res.needed.size == 37
    assert res.below.width == 36
    # bracket 1,2,4 | 8,16,32 | 64,128,256; quartering (32,64) → 40,48,56; (32,40) → 34,36,38;
    # (36,38) → 37
    assert [c.width for c in res.candidates] == [1, 2, 4, 8, 16, 32, 34, 36, 37, 38, 40, 48,
                                                 56, 64, 128, 256]
    assert res.rounds == 6
    assert {c.width: c.round for c in res.candidates}[37] == 6
    assert res.violations == []
    assert sum(res.ensemble_sizes) == 16 * 3  # every candidate × 3 seeds trained once
    assert len(calls) == len(res.ensemble_sizes)


def test_rate_threshold_compares_the_point_estimate_with_p():
    # 3 seeds, p = 0.5: widths 10..19 succeed only on trial 0 (1/3 < p); 20 and up always
    first = trial_seeds(0, 0)[0]

    def worker(task):
        ok = np.array([w >= 20 or (w >= 10 and s == first) for s, _, w in task.config.members()])
        return TaskOutcome(ok, np.zeros(len(ok), int), 0.0)

    res = search_size(BIG, SearchOptions.of(start=1, lrs=(0.01,)), worker=worker)
    rates = {c.width: (c.successes, c.rate) for c in res.candidates}
    assert rates[16] == (1, pytest.approx(1 / 3))
    assert res.needed.width == 20


def test_non_monotone_lucky_pass_below_is_ignored_and_reported():
    res = search_size(BIG, SearchOptions.of(start=1, lrs=(0.01,)),
                      worker=_oracle(lambda w, lr: w == 2 or w >= 37))
    assert res.needed.width == 37 and res.violations == [2]


def test_start_above_the_answer_brackets_downwards():
    res = search_size(BIG, SearchOptions.of(start=64, lrs=(0.01,)),
                      worker=_oracle(lambda w, lr: w >= 5))
    assert res.needed.width == 5 and res.below.width == 4
    assert min(c.width for c in res.candidates) <= 4


def test_width_one_passing_needs_no_failure_below():
    res = search_size(BIG, SearchOptions.of(start=4, lrs=(0.01,)),
                      worker=_oracle(lambda w, lr: True))
    assert res.needed.width == 1 and res.below is None


def test_not_found_below_max_size():
    res = search_size(BIG, SearchOptions.of(start=1, max_size=100, lrs=(0.01,)),
                      worker=_oracle(lambda w, lr: False))
    assert res.needed is None and res.bits_per_parameter is None
    assert max(c.size for c in res.candidates) == 100
    # no size passed, so no bracket: search.json's below is null (2026-12-06 audit)
    assert res.below is None and res.to_dict()["below"] is None


def test_a_size_is_all_diverged_only_when_every_lr_diverged_in_every_trial():
    """The search drops a size from the bracket's failing end only when the training, not the
    network, failed everywhere: one lr diverging in every trial while another merely fails is
    a real failure (2026-12-06 audit: ``any`` for ``all`` passed every test)."""
    from empirical.search.options import CandidateResult

    def cand(diverged):
        return CandidateResult(4, 4, 17, 2, 0, 0.0, (0.0, 0.66), 0.01, {0.01: 0, 0.1: 0}, 1,
                               diverged_by_lr=diverged)

    assert cand({0.01: 2, 0.1: 2}).all_diverged
    assert not cand({0.01: 0, 0.1: 2}).all_diverged
    assert not cand({0.01: 1, 0.1: 2}).all_diverged
    assert not cand({0.1: 2}).all_diverged and not cand({}).all_diverged


def test_not_found_says_that_smaller_sizes_passed():
    """Sizes 8 and 16 pass, the largest (32) fails: nothing above every failing size passed,
    and the message says so instead of 'no size reached p' (2026-12-01 audit)."""
    from empirical.search.report import search_lines

    res = search_size(BIG, SearchOptions.of(start=1, max_size=32, lrs=(0.01,)),
                      worker=_oracle(lambda w, lr: 5 <= w < 32))
    assert res.needed is None and res.violations == [8, 16]
    (line,) = search_lines(res)
    assert "the largest size tried, 32, failed" in line and "[8, 16]" in line
    assert "no size up to" not in line


def test_best_lr_per_size_ties_to_the_smaller_lr():
    rule = {0.003: 30, 0.01: 12, 0.03: 10}  # lr → smallest width that succeeds
    res = search_size(BIG, SearchOptions.of(start=1),
                      worker=_oracle(lambda w, lr: w >= rule[round(lr, 6)]))
    by_width = {c.width: c for c in res.candidates}
    assert res.needed.width == 10 and res.needed.best_lr == 0.03
    assert by_width[16].best_lr == 0.01  # 0.01 and 0.03 both 3/3: the smaller lr wins
    assert by_width[16].successes_by_lr == {0.003: 0, 0.01: 3, 0.03: 3}
    assert by_width[8].best_lr == 0.003 and by_width[8].successes == 0  # the tie rule, but:
    assert by_width[8].to_dict()["best_lr"] is None  # no lr succeeded: null in the JSON
    assert by_width[16].to_dict()["best_lr"] == 0.01


def test_parameter_axis_reports_budgets_and_derives_widths():
    target = SearchTarget(inputs=6)
    opts = SearchOptions.of(axis="parameters", depth=2, lrs=(0.01,), start=20)
    res = search_size(target, opts, worker=_oracle(lambda w, lr: w >= 7))
    d, v = 6, 2
    assert res.needed.width == 7
    assert res.needed.size == res.needed.parameters == count_parameters(d, 7, 2, v)
    assert res.below.width == 6
    for c in res.candidates:
        assert width_for_parameters(d, c.size, 2, v) == c.width
    assert res.bits_per_parameter == pytest.approx(64 / count_parameters(d, 7, 2, v))


def test_each_round_is_one_task_per_width_group_with_every_lr_and_common_seeds(monkeypatch):
    import empirical.engine.config as config

    # the oracle trains nothing; the real ensembles of BIG at width 256 would need ~18 GiB
    monkeypatch.setattr(config, "memory_limit_bytes", lambda: 2**50)
    calls, ex_calls = [], []

    class Recording(InProcessExecutor):
        def map(self, fn, tasks, progress=False):
            ex_calls.append(len(tasks))
            return super().map(fn, tasks, progress)

    lrs = (0.003, 0.01, 0.03)
    res = search_size(BIG, SearchOptions.of(start=1, lrs=lrs), Recording(),
                      worker=_oracle(lambda w, lr: w >= 37, calls))
    by_round = {}
    for c in res.candidates:
        by_round.setdefault(c.round, []).append(c.width)
    expected = [len(plan_groups(ws, 3, 8, 2, 1, 10**6))
                for _, ws in sorted(by_round.items())]
    assert ex_calls == expected  # all ensembles of a round in one executor.map
    for t in calls:  # members: width, then lr, then trial
        assert t.config.member_lrs()[:9] == tuple(lr for lr in lrs for _ in range(3))
    seeds = {tuple((s, d) for s, d, _ in t.config.members()[k:k + 3])
             for t in calls for k in range(0, t.config.size, 3)}
    assert len(seeds) == 1  # trial j: same init and data seed at every size and lr
    for t in calls:
        assert t.config.train.early_stop and t.config.data.n_test == 0
        assert t.config.model.width == max(t.config.widths)


def test_a_round_that_would_not_fit_in_memory_stops_the_search_and_keeps_the_rest(
        monkeypatch):
    """It was a one-line error after the earlier rounds had trained: their minutes were lost
    (2026-12-01 review). Nothing fits at all: refused before anything trains."""
    import empirical.engine.config as config
    from empirical.search.report import search_lines

    # BIG's ensembles (9 members): about 18 GiB at width 256, a few GiB up to width 64
    monkeypatch.setattr(config, "memory_limit_bytes", lambda: 5 * 2**30)
    calls = []
    res = search_size(BIG, SearchOptions.of(start=1, lrs=(0.003, 0.01, 0.03)),
                      worker=_oracle(lambda w, lr: w >= 10**6, calls))
    assert res.needed is None and res.memory_stop and "needs about" in res.memory_stop
    widest = max(c.width for c in res.candidates)
    assert res.rounds == max(c.round for c in res.candidates)  # the stopped round is not one
    assert res.to_dict()["memory_stop"] == res.memory_stop
    assert search_lines(res)[0].startswith(f"not found: stopped after size {widest}")
    from empirical.compare.searches import trained_summary

    with pytest.raises(ValueError, match="a search of this comparison stopped short"):
        trained_summary(res)  # compare said "found no size <= 4096" (2026-12-01 review)
    monkeypatch.setattr(config, "memory_limit_bytes", lambda: 2**30)  # width 1 fits, 128 not
    none = []
    with pytest.raises(ValueError, match="search round 1"):
        search_size(BIG, SearchOptions.of(start=128, lrs=(0.01,)), worker=_oracle(
            lambda w, lr: True, none))
    assert none == []


def test_a_narrowing_round_too_wide_together_trains_its_widths_apart(monkeypatch):
    """A padded group of narrowing widths could exceed the limit although each width fit: the
    search stopped with an unclosed bracket reported as an answer (2026-12-01 review). Each
    width now trains in an ensemble of its own and the bracket closes."""
    import empirical.engine.config as config

    monkeypatch.setattr(config, "memory_limit_bytes", lambda: 64 * 2**20)
    calls = []
    res = search_size(SearchTarget(kind="points", n=10000, d_in=8),
                      SearchOptions.of(start=1, lrs=(0.003, 0.01, 0.03)),
                      worker=_oracle(lambda w, lr: w >= 23, calls))
    assert res.memory_stop is None and (res.below.width, res.needed.width) == (22, 23)
    assert [21] in [sorted(set(t.config.widths)) for t in calls]  # trained alone


def test_progress_callback_counts_ensembles():
    seen = []
    res = search_size(BIG, SearchOptions.of(start=1, lrs=(0.01, 0.03)),
                      progress=lambda d, t: seen.append((d, t)),
                      worker=_oracle(lambda w, lr: w >= 5))
    assert seen[-1] == (len(res.ensemble_sizes), len(res.ensemble_sizes))
    assert all(a[0] <= b[0] and a[1] <= b[1] for a, b in zip(seen, seen[1:], strict=False))


def test_plan_groups_keeps_wide_candidates_apart_and_covers_all():
    groups = plan_groups([8, 16, 32, 64, 128, 256], 3, 10, 2, 1, 1024)
    assert sorted(w for g in groups for w in g) == [8, 16, 32, 64, 128, 256]
    assert [256] in groups and [128] in groups
    assert plan_groups([1, 2, 3], 3, 2, 2, 1, 4) == [[1, 2, 3]]


def test_guess_start_is_a_power_of_two_below_four_bits_per_parameter():
    for m in range(1, 11):
        t = SearchTarget(inputs=m)
        w = guess_start(t, SearchOptions.of())
        assert w & (w - 1) == 0
        assert w == 1 or count_parameters(m, w, 1, 2) <= t.information_bits() / 4


def test_result_dict_is_json_and_frame_has_one_row_per_candidate():
    res = search_size(BIG, SearchOptions.of(start=1, lrs=(0.01, 0.03)),
                      worker=_oracle(lambda w, lr: w >= 5))
    d = json.loads(json.dumps(res.to_dict()))
    assert d["needed"]["width"] == 5 and d["needed"]["successes_by_lr"] == {"0.01": 3, "0.03": 3}
    df = res.to_frame()
    assert len(df) == len(res.candidates) and df["needed"].sum() == 1
    assert list(df["size"]) == sorted(df["size"])
    assert {"lo", "hi", "best_lr", "successes_lr=0.01"} <= set(df.columns)


# ---------------------------------------------------------------- real training, planted answers


def test_table_and_family_tasks_train_identically():
    t_table, t_family = SearchTarget(table="0110"), SearchTarget(function="parity", inputs=2)
    opts = SearchOptions.of(steps=200)
    a = train_task(make_task(t_table.data_config(), [1, 2], 2, 0.05, opts))
    b = train_task(make_task(t_family.data_config(), [1, 2], 2, 0.05, opts))
    assert a.success.tolist() == b.success.tolist()
    assert a.stop_step.tolist() == b.stop_step.tolist()


def test_planted_xor_needs_two_units_and_and_needs_one():
    """XOR is not linearly separable and one hidden unit (any monotone activation) only
    thresholds one projection of x, so width 1 can never succeed; width 2 can (tanh finds it from
    every seed here; ReLU from about half). AND is a threshold function: width 1 suffices."""
    opts = SearchOptions.of(seeds=3, lrs=(0.03, 0.1), steps=200, start=1, activation="tanh")
    xor = search_size(SearchTarget(table="0110"), opts)
    assert xor.needed.width == 2 and xor.needed.successes == 3
    assert xor.below.width == 1 and xor.below.successes_by_lr == {0.03: 0, 0.1: 0}
    assert xor.information_bits == 4 and xor.bits_per_parameter == pytest.approx(4 / 12)
    and_ = search_size(SearchTarget(function="and", inputs=2),
                       SearchOptions.of(seeds=3, lrs=(0.03, 0.1), steps=200, start=4))
    assert and_.needed.width == 1 and and_.below is None


def test_random_functions_draw_a_new_function_per_trial():
    t = SearchTarget(inputs=4)
    task = make_task(t.data_config(), [4], 3, 0.01, SearchOptions.of())
    assert len({d for _, d, _ in task.config.members()}) == 3
    from empirical.engine.data import make_dataset

    labels = {tuple(make_dataset(task.config.data, seed=d).y_train.tolist())
              for _, d, _ in task.config.members()}
    assert len(labels) == 3


def test_same_options_same_numbers():
    opts = SearchOptions.of(seeds=2, lrs=(0.03, 0.1), steps=150, start=1)
    a = search_size(SearchTarget(inputs=3), opts).to_dict()
    b = search_size(SearchTarget(inputs=3), opts).to_dict()
    a.pop("wall_s"), b.pop("wall_s")
    assert a == b


def test_training_curves_change_no_number_and_agree_with_the_candidates():
    """search_size(..., curves=True) keeps every trained member's logged metrics (the folder's
    metrics.csv, 2026-12-06 review: DESIGN asks a table per run × logged step): the answer is
    the same, and a member whose last logged count is every label is exactly a success."""
    opts = SearchOptions.of(seeds=3, lrs=(0.03, 0.1), steps=150, start=1)
    plain = search_size(SearchTarget(inputs=3), opts)
    kept = search_size(SearchTarget(inputs=3), opts, curves=True)
    a, b = plain.to_dict(), kept.to_dict()
    a.pop("wall_s"), b.pop("wall_s")
    assert a == b and plain.curves is None
    cols = kept.curves
    assert list(cols)[:8] == ["round", "size", "lr", "trial", "init_seed", "data_seed",
                              "width", "step"]
    assert len({len(v) for v in cols.values()}) == 1
    keys = list(zip(cols["size"].tolist(), cols["lr"].tolist(), cols["trial"].tolist(),
                    cols["step"].tolist(), strict=True))
    assert keys == sorted(keys) and len(set(keys)) == len(keys)  # one row per member × step
    last = {}  # the count at each member's last logged step (keys are in step order)
    for (size, lr, trial, _), count in zip(keys, cols["memorised_count"].tolist(), strict=True):
        last[size, lr, trial] = count
    for c in kept.candidates:
        assert c.round == int(cols["round"][cols["size"] == c.size][0])
        for lr in opts.lrs:
            members = [last[c.size, lr, t] for t in range(opts.seeds)]
            assert sum(m == 8 for m in members) == c.successes_by_lr[lr]
            assert (cols["init_seed"][(cols["size"] == c.size) & (cols["step"] == 0)
                                      & (cols["lr"] == lr)].tolist()
                    == [trial_seeds(opts.seed, t)[0] for t in range(opts.seeds)])


def test_training_curves_above_the_row_limit_are_left_out_and_said(monkeypatch):
    import empirical.search.plan as plan

    monkeypatch.setattr(plan, "CURVE_ROWS_LIMIT", 50)  # 7 rows a member (steps 0..150 by 25)
    opts = SearchOptions.of(seeds=2, lrs=(0.03,), steps=150, start=1)
    res = search_size(SearchTarget(inputs=3), opts, curves=True)
    assert res.curves is None and "more than 50 rows" in res.curves_note
    assert res.to_dict()["curves_note"] == res.curves_note
    assert "curves_note" not in search_size(SearchTarget(inputs=3), opts).to_dict()


@pytest.mark.slow
def test_dask_executor_gives_the_in_process_answer():
    from empirical.engine.executor import DaskExecutor

    target, opts = SearchTarget(inputs=3), SearchOptions.of(seeds=2, lrs=(0.03,), steps=150)
    here = search_size(target, opts).to_dict()
    with DaskExecutor(workers=2) as ex:
        there = search_size(target, opts, ex).to_dict()
    here.pop("wall_s"), there.pop("wall_s")
    assert here == there


@pytest.mark.parametrize(("target", "information"), [
    (SearchTarget(inputs=4), True), (SearchTarget(inputs=4, function="parity"), False),
    (SearchTarget(inputs=4, function="threshold"), False), (SearchTarget(table="0110"), False),
    (BIG, True)])
def test_only_random_labels_report_bits_per_parameter_as_information(target, information):
    from empirical.search.report import search_lines

    res = search_size(target, SearchOptions.of(start=1, lrs=(0.01,)),
                      worker=_oracle(lambda w, lr: w >= 3))
    line = next(x for x in search_lines(res) if "bits per parameter" in x)
    assert target.bits_are_information() is information
    assert res.to_dict()["bits_are_information"] is information
    assert line.startswith("truth-table bits per parameter") is not information
    assert ("anchors:" in line) is information


def test_a_bias_free_search_counts_the_parameters_its_members_have():
    """_Axis.params counted an MLP's biases even with model.bias = False (37 instead of 30
    parameters at width 5 on M = 4), so bits per parameter and a parameter-axis search were off
    by the biases (2026-12-03 audit); search.json's options now say bias = false."""
    import dataclasses

    opts = SearchOptions.of(seeds=2, start=1, lrs=(0.01,))
    opts = dataclasses.replace(opts, model=dataclasses.replace(opts.model, bias=False))
    res = search_size(SearchTarget(inputs=4), opts, worker=_oracle(lambda w, lr: w >= 5))
    assert res.needed.width == 5
    assert res.needed.parameters == count_parameters(4, 5, 1, 2, bias=False) == 30
    assert opts.to_flat()["bias"] is False and "bias" not in SearchOptions.of().to_flat()


def test_a_search_whose_larger_sizes_fail_advises_the_recipe_not_the_ceiling():
    """Widths 4 and 8 passed and every larger width up to the ceiling failed; the line said
    "raise --max-size or --trials", though larger sizes were what failed (2026-12-03 audit)."""
    from empirical.search.report import search_lines

    res = search_size(BIG, SearchOptions.of(start=4, lrs=(0.01,), max_size=64),
                      worker=_oracle(lambda w, lr: w in (4, 8)))
    line = search_lines(res)[0]
    assert res.needed is None and res.violations
    assert line.startswith("not found: the largest size tried") and "other --lrs" in line
    assert "raise --max-size or" not in line


def test_search_options_take_trials_the_word_of_the_cli_and_the_json():
    """SearchOptions.of(trials=3) raised TypeError while --trials and search.json's
    options.trials name the same count (2026-12-04 review)."""
    from capacity.errors import UsageError
    from empirical.search.options import SearchOptions

    assert SearchOptions.of(trials=4) == SearchOptions.of(seeds=4)
    assert SearchOptions.of(trials=4).trials == 4 == SearchOptions.of(trials=4).to_flat()["trials"]
    with pytest.raises(UsageError, match="not both"):
        SearchOptions.of(trials=2, seeds=2)
    with pytest.raises(UsageError, match="--trials must be"):
        SearchOptions.of(trials=0)


def test_a_table_target_refuses_another_inputs_or_outputs():
    """SearchTarget(table="0110", inputs=3) searched the 2-input table and reported M = 2
    without a word (2026-12-05 API review); the table's own M and N (or the defaults) pass."""
    assert SearchTarget(table="0110", inputs=2).inputs == SearchTarget(table="0110").inputs == 2
    with pytest.raises(UsageError, match="inputs = 3, but the table sets inputs = 2"):
        SearchTarget(table="0110", inputs=3)
    with pytest.raises(UsageError, match="outputs = 2, but the table sets outputs = 1"):
        SearchTarget(table="0110", outputs=2)


@pytest.mark.parametrize("kwargs, words", [
    ({"n": 500, "classes": 3}, "n = 500 is not read by a boolean target"),  # searched M = 4
    ({"kind": "points", "inputs": 8}, "inputs = 8 is not read by a points target"),
    ({"kind": "points", "function": "parity"}, "function = 'parity' is not read by a points"),
    ({"table": "0110", "function": "parity"}, "function = 'parity' is not read beside a table"),
    ({"kind": "sequences", "n": 4, "classes": 8, "seq_len": 5, "d_in": 3},
     "d_in = 3 is not read by a sequences target"),
])
def test_a_target_refuses_fields_its_kind_does_not_read(kwargs, words):
    """SearchTarget(n=500, classes=3) without kind="points" searched a random 4-input Boolean
    map without a word (2026-12-05 API review); a field the kind does not read, set to other
    than its default, is refused."""
    with pytest.raises(UsageError, match=re.escape(words)):
        SearchTarget(**kwargs)


@pytest.mark.parametrize("kwargs, words", [
    ({"success_rate": "0.5"}, "--success-rate must be in (0, 1], got '0.5'"),  # a TypeError
    ({"success_rate": True}, "--success-rate must be in (0, 1], got True"),  # counted as 1.0
    ({"confidence": None}, "--confidence must be in (0, 1), got None"),  # a TypeError
])
def test_search_options_refuse_a_rate_that_is_not_a_number(kwargs, words):
    """2026-12-05 API review: HardnessConfig refused these cleanly, SearchOptions did not."""
    with pytest.raises(UsageError, match=re.escape(words)):
        SearchOptions.of(**kwargs)


def test_a_round_trains_the_widths_that_fit_and_a_higher_ceiling_measures_no_less(monkeypatch):
    """A doubling round with one width beyond the memory limit was dropped whole, so a larger
    --max-size measured fewer sizes (M = 14: --max-size 10^6 stopped after 16 384, 65 536
    reached 65 536), and a --start that fit alone was refused when its doublings did not
    (2026-12-05 review, search F2). The round now trains the widths that fit."""
    import empirical.engine.config as config

    monkeypatch.setattr(config, "memory_limit_bytes", lambda: 5 * 2**30)  # BIG: 64 fits
    rule = lambda w, lr: w >= 10**6  # noqa: E731 (never found: the search grows to the limit)

    def widths(**kw):
        res = search_size(BIG, SearchOptions.of(**{"start": 1, "lrs": (0.01,), **kw}),
                          worker=_oracle(rule))
        return [c.width for c in res.candidates], res

    low, res_low = widths(max_size=128)
    high, res_high = widths(max_size=10**6)
    fits = [w for w in high if w <= 128]
    assert fits == [w for w in low if w <= max(high)] and max(high) >= 64
    assert res_high.memory_stop and "needs about" in res_high.memory_stop
    assert f"up to width {2 * max(high)}" in res_high.memory_stop  # the first that did not fit
    alone, res = widths(max_size=10**6, start=max(high))  # fits alone, its doublings do not
    assert alone == [max(high)] and res.memory_stop


def test_steps_to_fit_is_the_median_over_the_winning_learning_rates_passing_trials():
    """A candidate's "median steps to fit" was never checked: max() in its place passed every
    test (2026-12-06 test audit). Trial t at lr 0.01 passes unless t = 2, stopping at
    10·(t + 1); at lr 0.03 only trial 0 passes, at step 5. lr 0.01 wins (3/4), and its passing
    trials stopped at 10, 20 and 40: median 20 (max 40, mean 23.3, the losing lr's 5)."""
    def worker(task):
        seen: dict = {}
        ok, stop = [], []
        for (*_, w), lr in zip(task.config.members(), task.config.member_lrs(), strict=True):
            t = seen[w, lr] = seen.get((w, lr), -1) + 1
            passed = w >= 4 and (t != 2 if lr == 0.01 else t == 0)
            ok.append(passed)
            stop.append((10 * (t + 1) if lr == 0.01 else 5) if passed else -1)
        return TaskOutcome(np.array(ok), np.array(stop, dtype=np.int64), 0.0)

    res = search_size(BIG, SearchOptions.of(start=1, lrs=(0.01, 0.03), trials=4),
                      worker=worker)
    assert res.needed.width == 4 and res.needed.best_lr == 0.01
    assert res.needed.successes_by_lr == {0.01: 3, 0.03: 1}
    assert res.needed.steps_to_fit == 20.0
    assert all(c.steps_to_fit == (20.0 if c.width >= 4 else None) for c in res.candidates)


def test_a_pass_at_exactly_the_success_rate_below_the_bracket_is_a_violation():
    """A rate equal to p passes (the bracket's rule), so a width below the bracket passing at
    exactly p is a violation; `>` in its place passed every test (2026-12-06 test audit).
    Width 2 passes 1 of 2 trials (rate 0.5 = p), width 4 none, widths from 5 all."""
    def worker(task):
        seen: dict = {}
        ok = []
        for *_, w in task.config.members():
            t = seen[w] = seen.get(w, -1) + 1
            ok.append(w >= 5 or (w == 2 and t == 0))
        return TaskOutcome(np.array(ok), np.where(ok, 10, -1), 0.0)

    res = search_size(BIG, SearchOptions.of(start=1, lrs=(0.01,), trials=2, success_rate=0.5),
                      worker=worker)
    assert (res.needed.width, res.below.width) == (5, 4)
    assert {c.width: c.rate for c in res.candidates}[2] == 0.5
    assert res.violations == [2]


def test_the_fewest_fittable_labels_are_the_smallest_share_over_every_trial():
    """The search reports the trial whose dataset has the smallest share of fittable labels;
    the largest in its place passed every test (2026-12-06 test audit). Members' datasets
    fit 12, 10 and 16 of 16 labels in turn: the report is (10, 16)."""
    def worker(task):
        k = len(task.config.members())
        ok = np.ones(k, dtype=bool)
        best = np.resize(np.array([12, 10, 16], dtype=np.int64), k)
        return TaskOutcome(ok, np.full(k, 10), 0.0, best_count=best,
                           labels=np.full(k, 16, dtype=np.int64))

    res = search_size(BIG, SearchOptions.of(start=1, lrs=(0.01,)), worker=worker)
    assert res.fittable_labels == (10, 16)


def test_search_edges_of_the_2026_12_06_audit():
    """Edges of the size search that a mutation audit found unpinned (scripted workers):
    - from --start 2 with everything passing, width 1 is measured before it is the answer
      (a mutant stopping the halving at a bracket (1, 2) reported 2);
    - a search that found its size is not "diverged" because larger sizes diverged;
    - the k-section's cheap widening counts every learning rate of the grid: three lrs make a
      round of M = 6 costlier than one, so its third round has 3 points where one lr has 8
      (the 2026-12-05 regression its docstring records)."""
    res = search_size(BIG, SearchOptions.of(start=2, lrs=(0.01,)),
                      worker=_oracle(lambda w, lr: True))
    assert res.needed.width == 1 and [c.width for c in res.candidates] == [1, 2, 4, 8]

    def diverging(task):
        widths = np.array([w for *_, w in task.config.members()])
        ok = (widths >= 5) & (widths < 32)
        return TaskOutcome(ok, np.where(ok, 10, task.config.train.steps), 0.0,
                           diverged=widths >= 32)
    res = search_size(BIG, SearchOptions.of(start=1, lrs=(0.01,)), worker=diverging)
    assert res.needed.width == 5 and res.diverged_sizes == [32]
    assert res.diverged is False and res.to_dict()["diverged"] is False
    target = SearchTarget(inputs=6)
    third = {}
    for lrs in ((0.01,), (0.003, 0.01, 0.03)):
        res = search_size(target, SearchOptions.of(start=1, lrs=lrs),
                          worker=_oracle(lambda w, lr: w >= 37))
        assert (res.needed.width, res.below.width) == (37, 36)
        third[len(lrs)] = [c.width for c in res.candidates if c.round == 3]
    assert third == {1: [36, 39, 43, 46, 50, 53, 57, 60], 3: [40, 48, 56]}


def test_without_early_stopping_a_member_that_ends_fitted_is_a_success():
    """With early stopping off no member gets a stop step (-1): success then comes from the
    final logged count reaching the best count (the fallback a mutation audit found unpinned,
    2026-12-06); AND of two inputs fits in 300 steps either way."""
    import dataclasses

    from empirical.engine.run import run_training
    from empirical.search.rounds import make_task, member_outcomes

    task = make_task(SearchTarget(table="0001").data_config(), [2], 2, 0.05,
                     SearchOptions.of(steps=300))
    cfg = dataclasses.replace(task.config,
                              train=dataclasses.replace(task.config.train, early_stop=False))
    res = run_training(cfg)
    assert res.log.stop_step.tolist() == [-1, -1]
    out = member_outcomes(res)
    assert out.success.tolist() == [True, True] and out.stop_step.tolist() == [300, 300]
