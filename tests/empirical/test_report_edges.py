"""The sweep report (empirical.sweeps.report) at edges a mutation audit found untested
(2026-12-07): band names, seed matrices with holes or diverged runs, what makes a recorded report
stale, links where report files go, figure names that collide, categorical parameters. Each test
failed on its mutant."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from capacity.errors import UsageError
from empirical.sweeps.integrity import REPORT_RECORD
from empirical.sweeps.report import (
    cell_text,
    distinct_digits,
    linked_figures,
    metric_bands,
    report_is_current,
    write_report,
)

LINE = pd.DataFrame({"n": [1, 2, 4, 8], "seed": 0, "gap": [1.0, 2.0, 3.0, 4.0]})


def _peak(hole: bool = False, inf: bool = False) -> pd.DataFrame:
    """An inverted U over a doubling grid, three seeds; optionally one seed missing at one x or
    one run diverged (gap = inf)."""
    x = 50 * 2 ** np.arange(8)
    rows = [(xi, s, 20 - 3 * np.log2(xi / 800) ** 2 + 0.3 * s) for xi in x for s in (0, 1, 2)
            if not (hole and xi == 400 and s == 2)]
    table = pd.DataFrame(rows, columns=["n", "seed", "gap"])
    if inf:
        table.loc[5, "gap"] = np.inf
    return table


def test_the_band_is_named_by_the_smallest_seed_count():
    t = pd.DataFrame({"n": [1] * 3 + [2] * 4, "seed": [0, 1, 2, 0, 1, 2, 3],
                      "m": [1.0, 2, 3, 1, 2, 3, 4]})
    assert metric_bands(t, "n", "m")[1] == "mean ± standard error over 3+ seeds"


@pytest.mark.parametrize("damage", ["hole", "inf"])
def test_a_missing_or_diverged_seed_run_still_lets_the_peak_be_found(tmp_path, damage):
    """With one seed's run missing (or diverged) at one x the seed matrix is not used (seeds are
    not aligned); the curve of means is, and the peak is still found."""
    write_report(_peak(hole=damage == "hole", inf=damage == "inf"), tmp_path,
                 parameter="n", metrics=["gap"], config={})
    kinds = [f["kind"] for f in json.loads((tmp_path / "phenomena.json").read_text())["gap"]]
    assert kinds[0] == "inverted_u"
    report = (tmp_path / "report.md").read_text()
    assert ("1 run(s) whose gap is NaN, ±inf or beyond ±3.27e+150" in report) == (damage == "inf")


def test_one_diverged_run_is_said_and_three_points_are_too_few(tmp_path):
    t = LINE.assign(gap=[1.0, 2.0, np.inf, 4.0])
    assert "1 run(s) whose gap is NaN, ±inf or beyond ±3.27e+150" in write_report(
        t, tmp_path / "a", parameter="n", metrics=["gap"], config={}).read_text()
    lines = write_report(LINE.iloc[:3], tmp_path / "b", parameter="n", metrics=["gap"],
                         config={}).read_text().splitlines()
    assert "- none (only 3 sweep points: detection needs at least 4)" in lines


def test_nan_grid_values_count_as_one_value_for_their_digits():
    assert distinct_digits([float("nan"), float("nan"), 0.5]) == 6


def test_large_integers_beyond_double_precision_are_shown_as_floats():
    assert cell_text(2.0 ** 60) == "1.15292e+18" and cell_text(1e300) == "1e+300"
    assert cell_text(2.0 ** 52) == "4503599627370496"


def test_a_linked_report_lists_no_figures(tmp_path):
    (tmp_path / "real.md").write_text("![a vs n](a.png)")
    (tmp_path / "report.md").symlink_to(tmp_path / "real.md")
    assert linked_figures(tmp_path / "report.md") == []
    assert linked_figures(tmp_path / "real.md") == ["a.png"]


def test_a_report_file_that_is_a_link_is_refused_and_its_target_kept(tmp_path):
    mine = tmp_path / "mine.md"
    mine.write_text("user's file")
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").symlink_to(mine)
    with pytest.raises(UsageError, match="exists and is not a plain file"):
        write_report(LINE, out, parameter="n", metrics=["gap"], config={})
    assert (out / "report.md").is_symlink() and mine.read_text() == "user's file"


def _recorded(out: Path, inputs=("metrics.csv", "summary.csv")) -> Path:
    out.mkdir()
    for name in inputs:
        (out / name).write_text(name)
    write_report(LINE, out, parameter="n", metrics=["gap"], config={"name": "s"}, record=True)
    assert report_is_current(out, {"name": "s"}) == (len(inputs) == 2)  # a sweep has both
    return out


def test_a_record_that_forgets_a_figure_is_stale(tmp_path):
    out = _recorded(tmp_path / "s")
    record = json.loads((out / REPORT_RECORD).read_text())
    del record["files"]["gap.png"]
    (out / REPORT_RECORD).write_text(json.dumps(record))
    (out / "gap.png").unlink()
    assert not report_is_current(out, {"name": "s"})


def test_a_report_written_before_an_input_table_existed_is_stale(tmp_path):
    out = _recorded(tmp_path / "s", inputs=("metrics.csv",))
    (out / "summary.csv").write_text("rebuilt from other data")
    assert not report_is_current(out, {"name": "s"})


def test_a_figure_replaced_by_a_link_to_the_same_bytes_is_stale(tmp_path):
    out = _recorded(tmp_path / "s")
    elsewhere = tmp_path / "gap.png"
    shutil.move(out / "gap.png", elsewhere)
    (out / "gap.png").symlink_to(elsewhere)
    assert not report_is_current(out, {"name": "s"})


def test_the_swept_parameter_named_as_a_series_is_not_a_second_axis(tmp_path):
    t = pd.DataFrame({"n": [1, 2, 4, 8] * 2, "seed": [0] * 4 + [1] * 4, "w": 3,
                      "gap": [1.0, 2.0, 3.0, 4.0, 1.5, 2.5, 3.5, 4.5]})
    with_n = write_report(t, tmp_path / "a", parameter="n", metrics=["gap"], config={},
                          series=["n", "w"]).read_text()
    without = write_report(t, tmp_path / "b", parameter="n", metrics=["gap"], config={},
                           series=["w"]).read_text()
    assert with_n == without and "one curve per value of `w`" in with_n


def test_figure_names_that_collide_are_numbered_until_free(tmp_path):
    t = LINE.drop(columns="gap").assign(**{"a.b": [1.0, 2, 3, 4], "a_b": [4.0, 3, 2, 1],
                                           "a b": [1.0, 1, 2, 2], "a(b)": [2.0, 2, 1, 1]})
    report = write_report(t, tmp_path, parameter="n", metrics=["a.b", "a_b", "a b", "a(b)"],
                          config={})
    figures = ["a_b.png", "a_b_2.png", "a_b_3.png", "a_b_4.png"]
    assert linked_figures(report) == figures
    assert sorted(p.name for p in tmp_path.glob("*.png")) == figures


def test_a_true_false_parameter_is_categorical(tmp_path):
    t = pd.DataFrame({"flag": [True, False, True, False], "seed": [0, 0, 1, 1],
                      "gap": [1.0, 2, 3, 4]})
    lines = write_report(t, tmp_path, parameter="flag", metrics=["gap"],
                         config={}).read_text().splitlines()
    assert "Band: min–max over 2 seeds; x axis categorical, values in sorted order." in lines
    assert "- none (`flag` is categorical: no shape or law is detected on it)" in lines


def test_a_mean_last_k_with_thousands_of_leading_zeros_is_read_or_refused_in_one_line():
    """K written with more than 4 300 digits counting leading zeros (value 5) escaped the
    digit guard, which counted after stripping them, and int() raised a bare ValueError: a
    sweep naming it ended with status 70 (2026-12-07 audit). Long metric texts are quoted by
    their ends."""
    from empirical.sweeps.metrics import parse_metric

    assert parse_metric("mean_last_" + "0" * 4300 + "5(train_acc)").k == 5
    with pytest.raises(UsageError, match=r"mean_last_K needs K >= 1") as info:
        parse_metric("mean_last_" + "0" * 5000 + "(train_acc)")
    assert len(str(info.value)) < 200
    with pytest.raises(UsageError, match="unknown column") as info:
        parse_metric("gap(" + "c" * 5000 + ")", columns=["a"])
    assert len(str(info.value)) < 300


def test_no_seed_row_and_a_metric_that_is_not_text_are_one_usage_error():
    """detect() with a (0, n) seed matrix raised IndexError and parse_metric(3) a TypeError
    (library callers; 2026-12-07 audit)."""
    from empirical.sweeps.metrics import parse_metric
    from empirical.sweeps.phenomena import detect

    with pytest.raises(UsageError, match=r"seeds must be a \(S, n\) matrix with S >= 1, got "
                                         r"shape \(0, 4\)"):
        detect([1.0, 2.0, 4.0, 8.0], None, seeds=np.zeros((0, 4)))
    with pytest.raises(UsageError, match="a metric is text such as 'final"):
        parse_metric(3)
