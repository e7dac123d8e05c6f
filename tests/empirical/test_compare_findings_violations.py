"""The compare findings' consistency line describes a search's `violations` correctly: sizes
*below* the largest failing size that passed (a review found the text said the opposite)."""

from __future__ import annotations

import dataclasses

import numpy as np

from empirical.compare.compute import run_compare, trained_summary
from empirical.compare.config import CompareConfig
from empirical.compare.findings import findings
from empirical.search.size import SearchOptions, SearchTarget, search_size


def test_consistency_line_says_which_sizes_broke_monotonicity():
    def worker(task):  # an oracle: width 2 fails, every other width passes
        ws = task.config.widths
        return {"success": np.array([w != 2 for w in ws]),
                "stop_step": np.zeros(len(ws), dtype=np.int64), "wall_s": 0.0}

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
        return {"success": np.ones(len(ws), dtype=bool),
                "stop_step": np.zeros(len(ws), dtype=np.int64), "wall_s": 0.0}

    res = search_size(SearchTarget(inputs=3),
                      SearchOptions.of(seeds=3, lrs=(0.01,), start=1, bracket_steps=3),
                      worker=worker)
    assert res.needed.width == 1 and trained_summary(res).bracket is None
    base = run_compare(CompareConfig(inputs=(3,), samples=1, train=False))
    row = dataclasses.replace(base.rows[0], trained={"depth1": trained_summary(res)})
    line = next(f for f in findings(dataclasses.replace(base, rows=[row]))
                if f.startswith("**M = 3**"))
    assert "needed width 1 (the smallest width, 1; measured)" in line
    assert "width 0" not in line
