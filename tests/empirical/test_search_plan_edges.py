"""Edges of the size search's planning, rounds, lockstep merging, targets and statistics that a
mutation audit (2026-12-07) found no test pinned. The searches here run on scripted workers
(a ``TaskOutcome`` per task, no training), so each plan is exact. Each test fails on the
mutants its docstring names."""

import collections
import dataclasses
import time
from types import SimpleNamespace

import numpy as np
import pytest

import empirical.search.plan as plan
from capacity.errors import UsageError
from empirical.search.lockstep import merge_tasks, run_together
from empirical.search.options import SearchOptions
from empirical.search.plan import run_search
from empirical.search.rounds import (
    SearchTask,
    TaskOutcome,
    group_cost,
    make_task,
    member_outcomes,
    plan_groups,
    task_outcome,
)
from empirical.search.stats import wilson_interval, z_value
from empirical.search.target import MAX_INPUTS, SearchTarget


def _outcome(task, passes, curves=None) -> TaskOutcome:
    """Every member of ``task`` passes (``passes`` True), fails (False), or passes where
    ``passes(widths)`` says so."""
    widths = np.array(task.config.widths)
    ok = passes(widths) if callable(passes) else np.full(len(widths), passes)
    return TaskOutcome(np.asarray(ok, bool), np.where(ok, 3, -1), 0.0, curves=curves)


def _never(task):
    return _outcome(task, False)


def _always(task):
    return _outcome(task, True)


# ----------------------------------------------------------------------------- planning
def test_a_transformer_width_search_stays_at_or_below_max_size():
    """Transformer widths are multiples of --heads: with 2 heads and --max-size 7 the widest is
    6 (rounding the size up to a multiple trained width 8)."""
    seen = set()

    def never(task):
        seen.update(task.config.widths)
        return _never(task)

    res = run_search(SearchTarget(kind="sequences", n=4, classes=4, seq_len=3),
                     SearchOptions.of(model="transformer", heads=2, seeds=1, lrs=(0.01,),
                                      start=2, max_size=7), worker=never)
    assert res.needed is None and max(seen) == 6
    assert max(c.width for c in res.candidates) == 6


def test_a_doubling_round_holds_at_most_twice_bracket_steps_sizes():
    """plan.py's notes: up to twice --bracket-steps doublings a round while they are cheap (3×
    passed every test)."""
    res = run_search(SearchTarget(inputs=2), SearchOptions.of(
        seeds=1, lrs=(0.01,), start=1, max_size=2 ** 20, bracket_steps=2), worker=_never)
    per_round = collections.Counter(c.round for c in res.candidates)
    assert max(per_round.values()) == 4, per_round


@pytest.mark.parametrize("axis", ["width", "parameters"])
def test_a_search_whose_width_one_passes_ends_there(axis):
    """Width 1 passing ends the search: no width 0 is trained or listed, and nothing is
    reported as stopped by memory (``hi <= 0`` in place of ``hi == 1`` went on to width 0)."""
    def always(task):
        assert min(task.config.widths) >= 1, task.config.widths
        return _always(task)

    res = run_search(SearchTarget(inputs=2), SearchOptions.of(
        seeds=1, lrs=(0.01,), start=4, axis=axis, bracket_steps=1), worker=always)
    assert res.needed.width == 1 and res.below is None and res.memory_stop is None
    assert min(c.width for c in res.candidates) == 1


def test_a_passing_start_is_halved_one_halving_a_step_down_to_width_one():
    """Start 8, every size passing, 3 bracket steps: round 2 trains widths 1, 2, 4 (halving by
    4 gave [2], a floor of 2 never reached width 1)."""
    res = run_search(SearchTarget(inputs=3), SearchOptions.of(
        seeds=1, lrs=(0.01,), start=8, bracket_steps=3, max_size=64), worker=_always)
    assert [c.width for c in res.candidates if c.round == 2] == [1, 2, 4]
    assert res.rounds == 2 and res.needed.width == 1


def test_each_candidates_interval_is_wilsons_at_the_search_confidence():
    """--confidence 0.5 reaches every candidate's interval (the default 0.95 was used)."""
    res = run_search(SearchTarget(inputs=2), SearchOptions.of(
        seeds=4, lrs=(0.01,), start=1, confidence=0.5, max_size=4),
        worker=lambda task: _outcome(task, lambda w: np.arange(len(w)) % 2 == 0))
    assert res.candidates
    for c in res.candidates:
        assert c.interval == wilson_interval(c.successes, c.trials, 0.5)
        assert c.interval != wilson_interval(c.successes, c.trials)


def test_the_first_rounds_doublings_stop_at_max_size():
    """Start 4, --max-size 8, 3 bracket steps: widths 4 and 8 (a ``<=`` trained width 9)."""
    seen = set()

    def never(task):
        seen.update(task.config.widths)
        return _never(task)

    res = run_search(SearchTarget(inputs=3), SearchOptions.of(
        seeds=1, lrs=(0.01,), start=4, max_size=8, bracket_steps=3), worker=never)
    assert [c.width for c in res.candidates] == [4, 8] and max(seen) == 8


def test_ensemble_sizes_are_the_sizes_of_the_trained_ensembles():
    """widths × learning rates × trials per ensemble, as the worker saw them (the lr factor
    dropped halved every entry)."""
    sizes = []

    def oracle(task):
        sizes.append(task.config.size)
        return _outcome(task, lambda w: w >= 3)

    res = run_search(SearchTarget(inputs=3), SearchOptions.of(
        seeds=2, lrs=(0.01, 0.03), start=1, max_size=16), worker=oracle)
    assert res.ensemble_sizes == sizes and all(s % 4 == 0 for s in sizes)


def test_curves_of_exactly_the_row_limit_are_kept(monkeypatch):
    """Curves are kept up to CURVE_ROWS_LIMIT rows inclusive (``>=`` dropped them at the
    limit)."""
    def oracle(task):
        k = task.config.size
        curves = {"member": np.repeat(np.arange(k), 2), "step": np.tile([0, 10], k),
                  "loss": np.zeros(2 * k)} if task.curves else None
        return _outcome(task, lambda w: w >= 3, curves)

    opts = SearchOptions.of(seeds=1, lrs=(0.01,), start=1, max_size=8)
    rows = len(run_search(SearchTarget(inputs=3), opts, worker=oracle,
                          curves=True).curves["step"])
    monkeypatch.setattr(plan, "CURVE_ROWS_LIMIT", rows)
    kept = run_search(SearchTarget(inputs=3), opts, worker=oracle, curves=True)
    assert kept.curves is not None and kept.curves_note is None
    monkeypatch.setattr(plan, "CURVE_ROWS_LIMIT", rows - 1)
    dropped = run_search(SearchTarget(inputs=3), opts, worker=oracle, curves=True)
    assert dropped.curves is None and dropped.curves_note


# ------------------------------------------------------------------------------- rounds
def test_plan_groups_merges_on_a_tie_and_merges_repeated_widths():
    """A merged ensemble that costs exactly as much as separate ones is merged (``<``
    split it), and repeated widths are one width."""
    merged = group_cost([1, 2001], 1, 8, 2, 1, 20)
    assert merged == group_cost([1], 1, 8, 2, 1, 20) + group_cost([2001], 1, 8, 2, 1, 20)
    assert plan_groups([1, 2001], 1, 8, 2, 1, 20) == [[1, 2001]]
    assert plan_groups([4, 4, 2, 2], 3, 2, 2, 1, 4) == [[2, 4]]


def test_a_diverged_member_is_no_success_even_at_the_best_count():
    """A member whose loss went non-finite does not count as a success though its last logged
    memorised count is the best, and the task's outcome names it diverged."""
    log = SimpleNamespace(stop_step=np.array([-1, -1]), diverged=np.array([True, False]),
                          metrics={"memorised_count": np.array([[0, 0], [4, 4]])})
    result = SimpleNamespace(log=log, datasets=[SimpleNamespace(best_count=4, labels=4)] * 2,
                             config=SimpleNamespace(train=SimpleNamespace(steps=50)))
    assert member_outcomes(result).success.tolist() == [False, True]
    outcome = task_outcome(result, time.perf_counter())
    assert outcome.success.tolist() == [False, True]
    assert outcome.diverged_members().tolist() == [True, False]


# ----------------------------------------------------------------------------- lockstep
def _sizes_trained(tasks) -> list[int]:
    sizes = []

    def fake(task):
        sizes.append(task.config.size)
        return _always(task)

    run_together([lambda ex, t=t: ex.map(fake, [t]) for t in tasks])
    return sizes


def test_transformer_tasks_never_merge():
    opts = SearchOptions.of(model="transformer", heads=2, seeds=1, steps=10)
    data = SearchTarget(kind="sequences", n=4, classes=4, seq_len=3).data_config()
    assert _sizes_trained([make_task(data, [2], 1, 0.01, opts) for _ in range(2)]) == [1, 1]


def test_tasks_of_one_key_and_padded_width_train_as_one_ensemble():
    """Three searches of M = 10 at width 100 train one ensemble of 6 (the merged cost is the
    separate costs less the overheads; a stale cost split them into 4 and 2)."""
    opts = SearchOptions.of(seeds=2, steps=100)
    data = SearchTarget(inputs=10).data_config()
    assert _sizes_trained([make_task(data, [100], 2, 0.01, opts) for _ in range(3)]) == [6]


def test_a_one_rate_task_does_not_merge_with_a_learning_rate_grid():
    """Merged, the grid's 0.03 member trained at the other task's single rate 0.01."""
    opts = SearchOptions.of(seeds=1, steps=100)
    data = SearchTarget(table="0110").data_config()
    one = make_task(data, [2], 1, 0.01, opts)
    grid = make_task(data, [2], 1, (0.01, 0.03), opts)

    def rates(task):  # each member's learning rate, in thousandths, as its stop step
        lrs = task.config.member_lrs()
        return TaskOutcome(np.ones(len(lrs), bool), np.array([round(v * 1000) for v in lrs]),
                           0.0)

    got = run_together([lambda ex: ex.map(rates, [one])[0].stop_step.tolist(),
                        lambda ex: ex.map(rates, [grid])[0].stop_step.tolist()])
    assert got == [[10], [10, 30]]


def test_merging_tasks_with_member_tables_keeps_every_members_table():
    opts = SearchOptions.of(seeds=2, steps=100)
    base = make_task(SearchTarget(inputs=2).data_config(), [2], 2, 0.05, opts).config
    a = SearchTask(dataclasses.replace(base, tables=("0110", "0110")))
    b = SearchTask(dataclasses.replace(base, tables=("0001", "1000")))
    assert merge_tasks([a, b]).config.tables == ("0110", "0110", "0001", "1000")


def test_a_late_search_is_waited_for_and_members_follow_the_searches_order():
    """The batcher trains only once every running search waits (serving the first request
    trained two ensembles), and a merged ensemble lists its members in the searches' order,
    not their arrival (unsorted, the later search's members came first). Search 0 gives up
    the baton for 0.3 s (its executor's private condition) so that search 1 submits first."""
    opts = SearchOptions.of(seeds=2, steps=100)
    a, b = (make_task(SearchTarget(table=t).data_config(), [2], 2, 0.05, opts)
            for t in ("0110", "0001"))
    seen = []

    def fake(task):
        seen.append(task.config.tables or (task.config.data.table,) * task.config.size)
        return _always(task)

    def late(ex, task):
        end = time.monotonic() + 0.3
        while time.monotonic() < end:
            ex._batcher.cond.wait(end - time.monotonic())
        return ex.map(fake, [task])

    run_together([lambda ex: late(ex, a), lambda ex: ex.map(fake, [b])])
    assert seen == [("0110", "0110", "0001", "0001")]


def test_progress_counts_only_searches_that_end_without_error():
    calls = []

    def bad(ex):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        run_together([lambda ex: 1, bad], progress=lambda d, t: calls.append((d, t)))
    assert len(calls) == 1 and calls[0][1] == 2


def test_a_search_asking_for_curves_gets_them_when_merged_with_one_that_does_not():
    opts = SearchOptions.of(seeds=2, steps=100)
    a, b = (make_task(SearchTarget(table=t).data_config(), [2], 2, 0.05, opts)
            for t in ("0110", "0001"))
    a = dataclasses.replace(a, curves=True)

    def fake(task):
        k = task.config.size
        curves = {"member": np.arange(k), "step": np.zeros(k, int)} if task.curves else None
        return _outcome(task, True, curves)

    got = run_together([lambda ex: ex.map(fake, [a])[0].curves,
                        lambda ex: ex.map(fake, [b])[0].curves])
    assert got[0] is not None and list(got[0]["member"]) == [0, 1]


# ------------------------------------------------------------------------------ targets
def test_boolean_targets_take_m_up_to_the_limit_and_2_to_the_n_classes():
    assert MAX_INPUTS == 16 and SearchTarget(inputs=MAX_INPUTS).inputs == 16
    with pytest.raises(UsageError):
        SearchTarget(inputs=MAX_INPUTS + 1)
    assert SearchTarget(inputs=2, outputs=3).n_classes == 8
    assert SearchTarget(inputs=2, outputs=2).data_config().classes == 4


def test_a_seq2seq_target_labels_every_token():
    """Context S (not S − 1) and n·S·log2 V bits."""
    target = SearchTarget(kind="seq2seq", n=4, classes=4, seq_len=5, d_in=2)
    assert target.context == 5 and target.d_features == 5
    assert target.information_bits() == 40.0


def test_a_sequence_target_too_large_for_memory_counts_every_position():
    """10^7 sequences of 10^5 positions are refused (the check counted n, not n × context)."""
    with pytest.raises(UsageError, match="data of one trial"):
        SearchTarget(kind="sequences", n=10**7, classes=4, seq_len=10**5)


# -------------------------------------------------------------------------------- stats
@pytest.mark.parametrize("confidence", [0, 0.0, 1, 1.0])
def test_a_confidence_must_lie_strictly_between_0_and_1(confidence):
    with pytest.raises(UsageError):
        z_value(confidence)


@pytest.mark.parametrize("counts", [(True, 2), (1, True)])
def test_wilson_counts_are_integers_not_bools(counts):
    with pytest.raises(UsageError):
        wilson_interval(*counts)
