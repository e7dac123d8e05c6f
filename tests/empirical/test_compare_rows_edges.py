"""What compare's rows, search summaries and result file keep, at edges a mutation audit found
untested (2026-12-07): maps of N > 1 outputs, every field a search summary copies, the sample
seeds, and the order a compare.json is read back in. Each test failed on its mutant."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import empirical.compare.rows as rows
from capacity.answer import ANSWER_COLUMNS, answer_rows
from capacity.errors import UsageError
from capacity.evaluate import evaluate_bound
from capacity.registry import get_bound
from empirical.compare.config import CompareConfig
from empirical.compare.result import (
    CompareResult,
    CompareRow,
    DepthRow,
    PointsRow,
    Timing,
    TrainedSize,
)
from empirical.compare.searches import SearchJob, search_groups, trained_summary


@pytest.mark.parametrize("outputs", [1, 2, 3])
def test_compares_lower_bounds_for_n_outputs_are_those_bounds_answer_prints(outputs):
    """compare's row for M = 4 and N outputs shows the numbers `memcap bounds --answer
    --outputs N` prints and the registry gives at N (only N = 1 was tested)."""
    got = rows.lower_bounds((4,), outputs=outputs)[4]
    answer = {r["M"]: r for r in answer_rows(4, outputs)}[4]
    column = {bound_id: name for name, bound_id in ANSWER_COLUMNS.items() if bound_id}
    for bound_id, value in got.items():
        expected = (answer[column[bound_id]] if bound_id in column else
                    evaluate_bound(get_bound(bound_id), {"M": 4, "N": outputs}).value)
        assert value == expected, bound_id
    assert (got["exact.any-depth"] is None) == (outputs > 1)  # the tables are for N = 1


@pytest.mark.parametrize("outputs", [1, 2, 3])
def test_worst_case_rows_are_built_and_counted_for_n_outputs(outputs):
    """dnf's bound is N·2^(M−1) + N; xorsys, hall and gated are the same size on every map, so
    their sizes on the worst map (parity on every output) equal their closed forms at N."""
    bound = rows.worst_case_neurons(4, outputs)
    assert bound["dnf"] == outputs * 8 + outputs
    built = rows.worst_case_sizes(3, outputs)
    closed = rows.worst_case_neurons(3, outputs)
    for method in ("xorsys", "hall", "gated"):
        assert built[method].neurons == closed[method], method
    assert all(built[m].neurons <= closed[m] for m in built)


def test_point_anchors_count_the_bits_of_v_classes():
    """n labels over V classes carry n·log2(V) bits: at 2 bits per parameter, 100 four-class
    labels need 100 parameters (50 for two classes)."""
    assert rows.point_anchors(100, classes=4)["info.points-params.cover-2"] == 100
    assert rows.point_anchors(100, classes=2)["info.points-params.cover-2"] == 50


def test_construction_samples_are_seeded_by_offset_and_zero_samples_refused():
    a = rows.construction_sizes(4, samples=3, seed=0, methods=("lookup",))["lookup"]
    b = rows.construction_sizes(4, samples=2, seed=1, methods=("lookup",))["lookup"]
    assert a.per_sample["hidden"][1:] == b.per_sample["hidden"]  # sample s has seed seed + s
    assert rows.construction_sizes(4, samples=2)["auto"].variants == ["auto:minimal"]
    with pytest.raises(UsageError, match="--functions"):
        rows.construction_sizes(3, samples=0)


def test_a_construction_that_fails_verification_is_a_bug_not_a_row(monkeypatch):
    monkeypatch.setattr(rows, "verify", lambda net, f: SimpleNamespace(ok=False,
                                                                       to_dict=lambda: {}))
    with pytest.raises(RuntimeError):
        rows.construction_sizes(3, samples=1, methods=("lookup",))


def _candidate(width: int, ok: bool):
    return SimpleNamespace(size=width, width=width, parameters=7 * width, trials=2,
                           successes=2 if ok else 0, rate=1.0 if ok else 0.0,
                           interval=(0.3, 1.0) if ok else (0.0, 0.7), best_lr=0.01,
                           steps_to_fit=10.0 if ok else None)


def _search(found: bool, depth: int = 2):
    cands = [_candidate(1, False), _candidate(2, False), _candidate(3, found)]
    return SimpleNamespace(
        options=SimpleNamespace(depth=depth, axis="width", max_size=64, start=1),
        memory_stop=None, needed=cands[2] if found else None, below=cands[1] if found else None,
        candidates=cands, bits_per_parameter=4 / 21 if found else None, information_bits=4.0,
        violations=[5], rounds=2, ensemble_sizes=[3], wall_s=0.1, diverged=False,
        smallest_parameters=7)


@pytest.mark.parametrize("found", [True, False])
def test_a_search_summary_keeps_every_field_of_the_search(found):
    s = _search(found)
    t = trained_summary(s)
    assert t.found is found and t.depth == 2 and t.max_size == 64
    assert [c.width for c in t.candidates] == [1, 2, 3]
    assert [c.hidden for c in t.candidates] == [2, 4, 6]  # width x depth hidden units
    assert t.bits_per_parameter == s.bits_per_parameter and t.violations == [5]
    assert t.smallest_parameters == 7 and t.rounds == 2 and t.ensemble_sizes == [3]
    assert (t.needed.hidden if found else t.needed) == (6 if found else None)
    if found:  # the failing size just below the needed one, with its hidden units
        assert (t.bracket.width, t.bracket.hidden) == (2, 4)
        assert t.bracket.successes == s.below.successes
    else:
        assert t.bracket is None


def test_searches_with_different_thread_counts_do_not_share_trainings():
    from empirical.search.size import SearchOptions, SearchTarget

    options = SearchOptions.of(seeds=2, lrs=(0.05,), steps=100, start=2)
    jobs = [SearchJob("depth1", 3, SearchTarget(inputs=3), options, threads=t) for t in (1, 2)]
    assert [len(g) for g in search_groups(jobs)] == [1, 1]


def test_a_compare_file_reads_back_in_order_with_one_output_by_default():
    t = TrainedSize(1, "parameters", False, None, None, None, 4.0, [], [], 1, 64, [], 0.0)
    r = CompareResult(CompareConfig(inputs=(2,), train=False), {}, [],
                      [DepthRow(3, 8, {1: t}), DepthRow(2, 4, {1: t})],
                      [PointsRow(200, 2, 8, 200.0, {}, t), PointsRow(100, 2, 8, 100.0, {}, t)],
                      [], Timing({}, [], 0.0, "InProcessExecutor", 0.0, 0.0))
    back = CompareResult.from_dict(r.to_dict())
    assert [d.M for d in back.depth_comparison] == [2, 3]
    assert [p.n for p in back.random_labels] == [100, 200]
    assert len(r.searches()) == 4  # two depth rows and two random-label rows
    assert CompareRow.from_dict({"M": 2, "information_bits": 4, "lower": {},
                                 "constructions": {}}).N == 1
