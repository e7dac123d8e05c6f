"""The compare findings' consistency line describes a search's `violations` correctly: sizes
*below* the largest failing size that passed (a review found the text said the opposite)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from empirical.compare.compute import run_compare, trained_summary
from empirical.compare.config import CompareConfig
from empirical.compare.findings import findings
from empirical.search.rounds import TaskOutcome
from empirical.search.size import SearchOptions, SearchTarget, search_size


def test_consistency_line_says_which_sizes_broke_monotonicity():
    def worker(task):  # an oracle: width 2 fails, every other width passes
        ws = task.config.widths
        return TaskOutcome(np.array([w != 2 for w in ws]), np.zeros(len(ws), dtype=np.int64), 0.0)

    res = search_size(SearchTarget(inputs=3),
                      SearchOptions.of(seeds=3, lrs=(0.01,), start=1, bracket_steps=3),
                      worker=worker)
    assert (res.needed.width, res.violations) == (3, [1])  # width 1 passed below the failure
    base = run_compare(CompareConfig(inputs=(3,), samples=1, train=False))
    row = dataclasses.replace(base.rows[0], trained={"depth1": trained_summary(res)})
    line = next(f for f in findings(dataclasses.replace(base, rows=[row]))
                if f.startswith("**Consistency.**"))
    assert "1 measured size(s) below a failing size passed" in line
    assert "above a needed size" not in line


def test_top_row_line_names_no_width_0_when_width_1_passes():
    def worker(task):  # an oracle: every width passes, so width 1 has no failing size below it
        ws = task.config.widths
        return TaskOutcome(np.ones(len(ws), dtype=bool), np.zeros(len(ws), dtype=np.int64), 0.0)

    res = search_size(SearchTarget(inputs=3),
                      SearchOptions.of(seeds=3, lrs=(0.01,), start=1, bracket_steps=3),
                      worker=worker)
    assert res.needed.width == 1 and trained_summary(res).bracket is None
    base = run_compare(CompareConfig(inputs=(3,), samples=1, train=False))
    row = dataclasses.replace(base.rows[0], trained={"depth1": trained_summary(res)})
    line = next(f for f in findings(dataclasses.replace(base, rows=[row]))
                if f.startswith("**M = 3**"))
    assert "needed width 1 (the smallest width; measured)" in line
    assert "width 0" not in line
    # the tables' one value for an equal range, and singulars (compare review, 2026-12-05:
    # "1.00–1.00 bits/parameter", "on the 1 sampled random maps", "the smallest width, 1")
    assert ", 1.00 bits/parameter" in line and "1.00–1.00" not in line
    assert "on the 1 sampled random map the smallest verified construction" in line


def _oracle_rows(outputs: int, widths_needed: dict[int, int]):
    """Compare rows for M = 4..7 whose one-layer searches 'need' the given widths (an oracle)."""
    return _depth_rows({m: (w,) for m, w in widths_needed.items()}, outputs)


def test_growth_slopes_are_all_in_neurons_and_the_width_law_counts_the_head():
    """2026-12-01 audit: the bounds' slopes were in neurons and the others in hidden units, and
    the width law said (M+3)·w + 2 parameters whatever N was."""
    result = _oracle_rows(2, {4: 3, 5: 6, 6: 12, 7: 24})
    line = next(f for f in findings(result) if f.startswith("**Growth with M**"))
    assert "(hidden)" not in line and "(hidden, median)" not in line
    assert "depth3 construction (neurons, median)" in line and "(hidden + N)" in line
    # GD: hidden + N = 5, 8, 14, 26 over M = 4..7; least-squares slope of log2 by hand
    pts = [(m, math.log2(h + 2)) for m, h in ((4, 3), (5, 6), (6, 12), (7, 24))]
    mx, my = sum(p[0] for p in pts) / 4, sum(p[1] for p in pts) / 4
    slope = (sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts))
    assert f"GD, 1 hidden layer(s) (hidden + N) {slope:.2f}" in line
    # a width-w layer with N = 2 outputs: (M+1)·w + 4·w + 4 parameters (4 logits)
    assert "2·2^M/(M+5)" in line and "4-logit head has (M+5)·w + 4 parameters" in line
    row = result.rows[-1]
    assert row.trained["depth1"].needed.parameters == (7 + 5) * 24 + 4


def _searched(m: int, need: int | None, depth: int = 1):
    """The trained summary of a width search at M = m (``depth`` hidden layers) whose oracle
    passes every width from ``need`` on (None: no width passes, up to 64)."""
    def worker(task):
        ws = task.config.widths
        return TaskOutcome(np.array([need is not None and w >= need for w in ws]),
                           np.zeros(len(ws), dtype=np.int64), 0.0)

    return trained_summary(search_size(SearchTarget(inputs=m), SearchOptions.of(
        seeds=3, lrs=(0.01,), start=1, max_size=64, depth=depth), worker=worker))


def test_one_vs_two_layers_line_calls_a_tie_a_tie():
    """Equal parameter counts read "more" (2026-12-04 review): at M = 1 one layer of width 6
    and two of width 3 both have 26 parameters."""
    base = run_compare(CompareConfig(inputs=(1, 2), samples=1, train=False))
    tie = dataclasses.replace(base.rows[0], trained={"depth1": _searched(1, 6),
                                                     "depth2": _searched(1, 3, depth=2)})
    assert (tie.trained["depth1"].needed.parameters
            == tie.trained["depth2"].needed.parameters == 26)
    more = dataclasses.replace(base.rows[1], trained={"depth1": _searched(2, 2),
                                                      "depth2": _searched(2, 4, depth=2)})
    line = next(f for f in findings(dataclasses.replace(base, rows=[tie]))
                if f.startswith("**One vs two hidden layers**"))
    assert "needed as many parameters as one at M = 1" in line and "more" not in line
    line = next(f for f in findings(dataclasses.replace(base, rows=[tie, more]))
                if f.startswith("**One vs two hidden layers**"))
    assert "needed as many parameters as one at M = 1 and more at the other M" in line
    # 2026-12-05 mutation review: 6 hidden units each (one layer of 6, two of 3) is a tie in
    # hidden units too, so two layers were never smaller (`<=` read "smaller at M = 1")
    assert "In hidden units two layers were never smaller." in line


def test_one_vs_two_layers_line_names_the_m_where_only_one_depth_passed():
    """2026-12-03 audit: where only one depth reached the success rate the line still said
    "more parameters than one at every M (bracket-separated at every M)". It now says where both
    were found and names the M where only one depth passed."""
    base = run_compare(CompareConfig(inputs=(1, 2), samples=1, train=False))
    rows = [dataclasses.replace(base.rows[0], trained={"depth1": _searched(1, 1),
                                                       "depth2": _searched(1, 2)}),
            dataclasses.replace(base.rows[1], trained={"depth1": _searched(2, None),
                                                       "depth2": _searched(2, 3)})]
    line = next(f for f in findings(dataclasses.replace(base, rows=rows))
                if f.startswith("**One vs two hidden layers**"))
    assert "at every M where both reached the success rate (M = 1)" in line
    assert "Only two hidden layers reached the success rate at M = 2" in line
    assert "bracket-separated at every M" not in line
    neither = dataclasses.replace(base.rows[1], trained={"depth1": _searched(2, None),
                                                         "depth2": _searched(2, None)})
    line = next(f for f in findings(dataclasses.replace(base, rows=[rows[0], neither]))
                if f.startswith("**One vs two hidden layers**"))
    assert "at every M where both reached the success rate (M = 1)" in line
    assert "Only" not in line


def test_trained_sizes_stay_integers_in_the_table_when_a_search_found_nothing():
    """compare.csv wrote every trained width, size and count as a float ("33.0") once one M
    had no passing size (2026-12-03 audit): they are nullable integers now."""
    from empirical.compare.report import compare_frame

    base = run_compare(CompareConfig(inputs=(1, 2), samples=1, train=False))
    rows = [dataclasses.replace(base.rows[0], trained={"depth1": _searched(1, 3)}),
            dataclasses.replace(base.rows[1], trained={"depth1": _searched(2, None)})]
    frame = compare_frame(dataclasses.replace(base, rows=rows))
    for col in ("gd_depth1_width", "gd_depth1_parameters", "gd_depth1_successes"):
        assert str(frame[col].dtype) == "Int64", col
    csv = frame.to_csv(index=False).splitlines()
    header, first = csv[0].split(","), csv[1].split(",")
    assert first[header.index("gd_depth1_width")] == "3"


def test_depth_verdict_checks_the_rates_of_depths_that_found_nothing():
    """A depth that searched to its ceiling and found nothing was left out of the overlap check,
    so with no other depth found the verdict said "the Wilson intervals of the rates do not
    overlap" whatever they were (2026-12-04 review): its largest size tried counts now."""
    from empirical.compare.findings import depth_verdict
    from empirical.compare.result import TrainedCandidate, TrainedSize

    def cand(p, interval):
        return TrainedCandidate(p, 1, 1, p, 3, 2, 2 / 3, interval, 0.01, None)

    def size(needed, bracket, candidates):
        return TrainedSize(1, "parameters", needed is not None, needed, bracket, None, 64,
                           candidates, [], 1, 9999, [], 0.0)

    one = size(cand(100, (0.21, 0.94)), cand(90, (0.0, 0.56)), [])
    lost = size(None, None, [cand(200, (0.06, 0.79)), cand(400, (0.06, 0.79))])
    order, words = depth_verdict({1: one, 2: lost})
    assert order == [1] and "overlap for depth 2, so this is not significant" in words
    apart = size(None, None, [cand(400, (0.0, 0.2))])
    assert "do not overlap" in depth_verdict({1: one, 2: apart})[1]
    # one depth alone is not ranked against nothing (2026-12-05 review)
    assert depth_verdict({1: one})[1] == ("only depth 1 was compared: 100 parameters, nothing "
                                          "to rank")


def test_a_pass_at_the_other_depths_failing_budget_is_bracket_separated():
    """2026-12-05 mutation review: at M = 1 two layers of width 3 pass at 26 parameters
    (2·3 + 4·3 + 4·2) and one layer fails at 26 (width 6: 2·6 + 7·2) and passes at 30
    (width 7), so two layers' passing budget is at most one layer's failing budget: the brackets
    order them (a strict `<` said they do not)."""
    from empirical.compare.findings import depth_verdict

    one, two = _searched(1, 7), _searched(1, 3, depth=2)
    assert (one.needed.parameters, one.bracket.parameters, two.needed.parameters) == (30, 26, 26)
    order, words = depth_verdict({1: one, 2: two})
    assert order == [2, 1]
    assert words.startswith("depth 2 needed the fewest parameters, bracket-separated")
    base = run_compare(CompareConfig(inputs=(1, 2), samples=1, train=False))
    row = dataclasses.replace(base.rows[0], trained={"depth1": one, "depth2": two})
    line = next(f for f in findings(dataclasses.replace(base, rows=[row]))
                if f.startswith("**One vs two hidden layers**"))
    assert "(bracket-separated at every M)" in line and "do not order" not in line


def test_the_top_row_names_the_exact_table_when_it_beats_the_counting_bound():
    """2026-12-05 mutation review: at M = 3 the counting bound for one hidden layer is below 4
    while the exact worst case is 4 (3 hidden units for parity of three, plus the output), so
    the one-hidden-layer bound ≥ 4 is not "proven, counting" but names the M ≤ 5 worst case."""
    res = run_compare(CompareConfig(inputs=(1, 2, 3), samples=1, train=False))
    top = res.rows[-1]
    assert top.M == 3 and top.lower["counting.one-hidden-layer"] < 4
    line = next(f for f in findings(res) if f.startswith("**M = 3**"))
    assert "(one hidden layer: ≥ 4; " in line
    assert "proven: counting, or the M ≤ 5 worst case, which persists)" in line
    assert "proven, counting)" not in line


def test_growth_slopes_need_three_values_of_m():
    """2026-12-05 mutation review: with M = 4 and 5 only, two points always fit a line exactly,
    so every slope is None, as the docstring promises for fewer than 3 points."""
    from empirical.compare.findings import growth_slopes

    res = run_compare(CompareConfig(inputs=(4, 5), samples=1, train=False))
    slopes = growth_slopes(res.rows)
    assert slopes and all(v is None for v in slopes.values()), slopes
    assert not any(f.startswith("**Growth with M**") for f in findings(res))


def _depth_rows(needs: dict[int, tuple[int, ...]], outputs: int = 1):
    """Compare rows whose searches at depth 1, 2, ... 'need' the given widths (oracles)."""
    base = run_compare(CompareConfig(inputs=tuple(needs), outputs=outputs, samples=1,
                                     train=False))
    rows = []
    for row in base.rows:
        trained = {}
        for depth, need in enumerate(needs[row.M], start=1):
            def worker(task, need=need):
                ws = task.config.widths
                return TaskOutcome(np.array([w >= need for w in ws]),
                                   np.zeros(len(ws), dtype=np.int64), 0.0)

            res = search_size(SearchTarget(inputs=row.M, outputs=outputs),
                              SearchOptions.of(depth=depth, seeds=3, lrs=(0.01,), start=1),
                              worker=worker)
            trained[f"depth{depth}"] = trained_summary(res)
        rows.append(dataclasses.replace(row, trained=trained))
    return dataclasses.replace(base, rows=rows)


def test_findings_count_open_brackets_the_one_logit_head_and_start_the_laws_at_m_4():
    """2026-12-06 mutation audit: the 'all but k are brackets' count, the parameter count with
    the head as one logit, the bits-per-parameter law's first M (4) and the two/one parameter
    ratios' first M (6) could each be changed without a test failing."""
    from empirical.engine.parameters import count_parameters

    # M = 3 passes at width 1 in both depths: no failing size below it, not a bracket
    result = _depth_rows({3: (1, 1), 4: (3, 2), 5: (6, 3), 6: (12, 5), 7: (24, 8)})
    lines = findings(result)
    consistency = next(f for f in lines if f.startswith("**Consistency.**"))
    assert "all but 2 are brackets (2 passed at the smallest size tried" in consistency
    top = next(f for f in lines if f.startswith("**M = 7**"))
    one_logit = count_parameters(7, 24, 1, 1)
    assert f"{count_parameters(7, 24, 1, 2)} parameters ({one_logit} with the head as the one " \
           "logit" in top
    growth = next(f for f in lines if f.startswith("**Growth with M**"))
    assert "went from " in growth and " at M = 4 to " in growth and " at M = 7;" in growth
    layers = next(f for f in lines if f.startswith("**One vs two hidden layers**"))
    assert "parameter ratio two/one M = 6: " in layers and "M = 5: " not in layers


def test_depth_verdict_ties_go_to_the_shallower_depth_and_touching_intervals_overlap():
    """Equal needed budgets rank the shallower depth first; a failing rate's upper Wilson end
    equal to the passing rate's lower end counts as overlap (not significant). Both could be
    changed without a test failing (2026-12-06 mutation audit)."""
    from empirical.compare.findings import depth_verdict
    from empirical.compare.result import TrainedCandidate, TrainedSize

    def cand(p, interval):
        return TrainedCandidate(p, 1, 1, p, 3, 3, 1.0, interval, 0.01, None)

    def size(need, below, below_interval=(0.0, 0.3)):
        return TrainedSize(1, "parameters", True, cand(need, (0.3, 1.0)),
                           cand(below, below_interval), None, 64, [], [], 1, 9999, [], 0.0)

    order, _ = depth_verdict({2: size(50, 40), 1: size(50, 40)})
    assert order == [1, 2]
    _, words = depth_verdict({1: size(50, 40), 2: size(90, 60, (0.0, 0.3))})
    assert "bracket-separated" in words and "overlap for depth 2" in words
    _, words = depth_verdict({1: size(50, 40), 2: size(90, 60, (0.0, 0.29))})
    assert "do not overlap" in words
