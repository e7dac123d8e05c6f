"""Searches in lockstep (empirical.search.lockstep) return exactly what they return alone, and
per-member truth tables train each member on its own map."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capacity.errors import UsageError
from empirical.engine.config import DataConfig, RunConfig
from empirical.engine.run import run_training
from empirical.hardness.compute import items_for, measure_item, measure_items
from empirical.hardness.result import HardnessConfig
from empirical.search.lockstep import merge_key, merge_tasks, run_together
from empirical.search.rounds import make_task, train_task
from empirical.search.size import SearchOptions, SearchTarget, search_size


def _same(a, b) -> bool:
    da, db = a.to_dict(), b.to_dict()
    for d in (da, db):
        d.pop("wall_s"), d.pop("ensemble_sizes")
    return da == db


@settings(max_examples=6, deadline=None)
@given(st.lists(st.integers(0, 255), min_size=2, max_size=4), st.integers(1, 3))
def test_searches_in_lockstep_equal_the_searches_alone(codes, start):
    opts = SearchOptions.of(seeds=2, lrs=(0.03, 0.1), steps=150, start=start, bracket_steps=2)
    targets = [SearchTarget(table="".join("1" if c >> i & 1 else "0" for i in range(8)))
               for c in codes]
    alone = [search_size(t, opts) for t in targets]
    together = run_together([lambda ex, t=t: search_size(t, opts, ex) for t in targets])
    assert all(_same(a, b) for a, b in zip(alone, together, strict=True))


def test_a_merged_task_trains_each_member_as_its_own_task():
    opts = SearchOptions.of(seeds=2, lrs=(0.01, 0.1), steps=200)
    a = make_task(SearchTarget(table="01101001").data_config(), [1, 3], 2, opts.lrs, opts)
    b = make_task(SearchTarget(table="00010111").data_config(), [3], 2, opts.lrs, opts)
    merged = merge_tasks([a, b])
    assert merged.config.size == a.config.size + b.config.size == 12
    parts = train_task(merged).split([a.config.size, b.config.size])
    for task, part in zip((a, b), parts, strict=True):
        alone = train_task(task)
        assert np.array_equal(alone.success, part.success)
        assert np.array_equal(alone.stop_step, part.stop_step)
    c = make_task(SearchTarget(table="0110").data_config(), [1], 2, opts.lrs, opts)  # M = 2
    other = make_task(SearchTarget(table="0110").data_config(), [1], 2, opts.lrs,
                      SearchOptions.of(seeds=2, lrs=(0.01, 0.1), steps=300))
    assert merge_key(c) != merge_key(other)  # another step budget: never merged
    with pytest.raises(ValueError, match="differ in more than their members"):
        merge_tasks([c, other])


def test_only_tasks_of_one_padded_width_merge_and_then_train_as_alone():
    # a member's float32 sums run over its task's padded units: a width-9 task merged with a
    # width-16 one lost a trial at M = 8, depth 2 (2026-12-04 review), so the two never merge
    opts = SearchOptions.of(depth=2, seeds=2, lrs=(0.01, 0.03), steps=300)
    tab = "".join("1" if (i * 37 + i // 3) % 5 < 2 else "0" for i in range(256))  # M = 8
    a = make_task(SearchTarget(table=tab).data_config(), [9], 2, opts.lrs, opts)
    wide = make_task(SearchTarget(table=tab[::-1]).data_config(), [16], 2, opts.lrs, opts)
    same = make_task(SearchTarget(table=tab[::-1]).data_config(), [5, 9], 2, opts.lrs, opts)
    assert merge_key(a) != merge_key(wide) and merge_key(a) == merge_key(same)
    parts = train_task(merge_tasks([a, same])).split([a.config.size, same.config.size])
    for task, part in zip((a, same), parts, strict=True):
        alone = train_task(task)
        assert np.array_equal(alone.success, part.success)
        assert np.array_equal(alone.stop_step, part.stop_step)


def test_hardness_rows_in_lockstep_equal_the_rows_one_at_a_time():
    cfg = HardnessConfig(inputs=3, families=("npn",), trials=2, steps=200, lrs=(0.03, 0.1),
                         sign=False)
    items = tuple(items_for(cfg))[:6]
    assert measure_items((items, cfg)) == [measure_item((item, cfg)) for item in items]


def test_per_member_tables_give_each_member_its_map():
    cfg = RunConfig(data=DataConfig(kind="boolean", table="0110"), tables=("0110", "0001"),
                    widths=(2, 2), init_seeds=(1, 1))  # (a table reads no data seed)
    res = run_training(dataclasses.replace(cfg, train=dataclasses.replace(cfg.train,
                                                                          steps=5)))
    assert [d.y_train.tolist() for d in res.datasets] == [[0, 1, 1, 0], [0, 0, 0, 1]]
    assert RunConfig.from_dict(cfg.to_dict()) == cfg and "tables" not in RunConfig().to_dict()
    with pytest.raises(UsageError, match="share their inputs and outputs"):
        RunConfig(data=DataConfig(kind="boolean", table="0110"), tables=("0110", "00010111"))
    with pytest.raises(UsageError, match="widths has 2 entries but tables has 3"):
        RunConfig(data=DataConfig(kind="boolean", table="0110"), tables=("0110",) * 3,
                  widths=(1, 1))
    with pytest.raises(UsageError, match="per-member tables need"):
        RunConfig(tables=("0110",))


def _fails_on_xor(task):
    if "0110" in (task.config.tables or (task.config.data.table,)):
        raise RuntimeError("worker bug")
    return train_task(task)


def test_a_worker_error_reaches_every_search_it_trained_for_without_a_deadlock():
    opts = SearchOptions.of(seeds=2, lrs=(0.05,), steps=100, start=1)
    jobs = [lambda ex, t=t: search_size(SearchTarget(table=t), opts, ex, worker=_fails_on_xor)
            for t in ("0110", "0001", "0111")]
    with pytest.raises(RuntimeError, match="worker bug"):
        run_together(jobs)
    ok = run_together(jobs[1:])  # without the failing map, the others finish
    assert [r.needed.width for r in ok] == [1, 1]


def test_a_lone_search_keeps_its_own_ensembles_and_large_data_never_merges():
    # one search in lockstep trains exactly the ensembles it trains alone (no re-merging of the
    # widths it kept apart); 2 048 or more points are never merged (column chunks could differ)
    opts = SearchOptions.of(seeds=2, lrs=(0.03,), steps=30, start=8, bracket_steps=3)
    target = SearchTarget(inputs=7)
    calls_alone, calls_together = [], []

    def recorder(calls):
        def worker(task):
            calls.append(task.config.widths)
            return train_task(task)
        return worker

    alone = search_size(target, opts, worker=recorder(calls_alone))
    [together] = run_together([lambda ex: search_size(target, opts, ex,
                                                      worker=recorder(calls_together))])
    assert calls_alone == calls_together and _same(alone, together)
    big = make_task(SearchTarget(inputs=11).data_config(), [2], 1, 0.1, opts)
    assert merge_key(big) != merge_key(make_task(SearchTarget(inputs=11).data_config(), [2], 1,
                                                 0.1, opts))


def test_transformer_searches_in_lockstep_equal_the_searches_alone():
    opts = SearchOptions.of(seeds=1, lrs=(0.01,), steps=20, start=4, bracket_steps=2,
                            model="transformer", heads=2, max_size=8)
    targets = [SearchTarget(kind="sequences", n=4, classes=4, seq_len=4)] * 2
    alone = [search_size(t, opts) for t in targets]
    together = run_together([lambda ex, t=t: search_size(t, opts, ex) for t in targets])
    assert all(_same(a, b) for a, b in zip(alone, together, strict=True))


def test_in_process_hardness_reports_progress_item_by_item():
    from empirical.hardness.compute import run_hardness

    cfg = HardnessConfig(inputs=2, families=("npn",), trials=1, steps=50, lrs=(0.1,),
                         sign=False)
    seen = []
    run_hardness(cfg, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(k, 4) for k in range(1, 5)]
