"""The sweep report (empirical.sweeps.report) and the manifest check `memcap report` relies on
(empirical.sweeps.integrity): the gaps a mutation audit (SR, 2026-12-07) found untested, and the
two bugs it found. Band names over mixed seed counts, the x axis of linear, doubling and x10
grids, the 1-point wording, a manifest with no groups table; huge finite runs (they overflowed
the seed mean and the report refused) and a NaN run that cost one metric its log axis. Each test
failed on its mutant (the bug tests on the code before their fix)."""

from __future__ import annotations

import json
import re
import warnings

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

from capacity.errors import UsageError
from empirical.sweeps.driver import group_runs
from empirical.sweeps.integrity import MANIFEST_FORMAT, check_sweep
from empirical.sweeps.phenomena import detect, is_geometric
from empirical.sweeps.report import metric_bands, write_report
from empirical.sweeps.spec import SweepSpec

SPEC = SweepSpec.from_dict({"base": {"train": {"steps": 4, "log_every": 2}},
                            "grid": [{"field": "model.width", "values": [3, 5]}], "seeds": [0]})


def _axes(text: str) -> list[str]:
    """The x axis each metric section of a report.md names, in order."""
    return re.findall(r"x axis (\w+)\.", text)


@pytest.fixture
def xscales(monkeypatch) -> list[tuple[str, float | None]]:
    """Every ``Axes.set_xscale(value, base=...)`` call the report's figures make."""
    calls: list[tuple[str, float | None]] = []
    original = Axes.set_xscale

    def spy(self, value, **kw):
        calls.append((value, kw.get("base")))
        return original(self, value, **kw)

    monkeypatch.setattr(Axes, "set_xscale", spy)
    return calls


def test_three_seeds_beside_two_name_both_bands():
    """An x with 3 seeds and an x with 2: mean ± standard error where 3+, min–max where 2."""
    t = pd.DataFrame({"n": [1, 1, 1, 2, 2], "seed": [0, 1, 2, 0, 1],
                      "m": [1.0, 2.0, 3.0, 4.0, 6.0]})
    bands, kind = metric_bands(t, "n", "m")
    assert kind == "mean ± standard error where 3+ seeds, min–max where 2"
    assert bands["seeds"].tolist() == [3, 2]


def test_three_seeds_beside_one_name_no_min_max_band():
    """An x with 3 seeds and an x with 1: no x has 2, so no min–max band is named."""
    t = pd.DataFrame({"n": [1, 1, 1, 2], "seed": [0, 1, 2, 0], "m": [1.0, 2.0, 3.0, 4.0]})
    assert metric_bands(t, "n", "m")[1] == "mean ± standard error where 3+ seeds, none where 1"


@pytest.mark.parametrize("ratio", [2, 10])
def test_a_geometric_grid_is_drawn_on_a_log_axis_of_its_own_base(tmp_path, xscales, ratio):
    """docs/sweeps.md: log-x for a geometric grid, base 2 when it doubles (base 10 otherwise)."""
    t = pd.DataFrame({"n": ratio ** np.arange(5), "seed": 0, "a": np.arange(5.0)})
    text = write_report(t, tmp_path, parameter="n", metrics=["a"], config={}).read_text()
    assert _axes(text) == ["logarithmic"]
    assert xscales == [("log", ratio)]


def test_a_linear_grid_gets_a_linear_axis(tmp_path, xscales):
    """A grid 1, 2, 3, 4, 5 is not geometric: report.md says 'x axis linear.', no log scale."""
    t = pd.DataFrame({"n": [1, 2, 3, 4, 5], "seed": 0, "m": [1.0, 2.0, 3.0, 4.0, 5.0]})
    text = write_report(t, tmp_path, parameter="n", metrics=["m"], config={}).read_text()
    assert _axes(text) == ["linear"]
    assert not [c for c in xscales if c[0] == "log"]


def test_a_one_point_sweep_says_point_in_the_singular(tmp_path):
    """A 1-point sweep is reported without detection: 'only 1 sweep point' (not 'points')."""
    t = pd.DataFrame({"n": [1], "seed": 0, "m": [1.0]})
    lines = write_report(t, tmp_path, parameter="n", metrics=["m"],
                         config={}).read_text().splitlines()
    assert "- none (only 1 sweep point: detection needs at least 4)" in lines
    assert json.loads((tmp_path / "phenomena.json").read_text()) == {"m": []}


@pytest.mark.parametrize("manifest", [{"format": MANIFEST_FORMAT, "spec": SPEC.to_dict()},
                                      {"format": MANIFEST_FORMAT}, {}, {"spec": {}}])
def test_a_manifest_without_a_groups_table_is_refused_as_damaged(tmp_path, manifest):
    """A manifest.json with no 'groups' is refused in one UsageError naming that (not KeyError)."""
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(UsageError, match=r"manifest\.json is damaged \(it has no groups table\)"):
        check_sweep(tmp_path, group_runs(SPEC.runs()), lambda group: [])
    check = check_sweep(tmp_path, group_runs(SPEC.runs()), lambda group: [], rebuild=True)
    assert check.manifest == "unreadable"  # a rebuild recomputes the groups (none on disk)
    assert [g.status for g in check.groups] == ["unfinished"]


def test_huge_finite_runs_are_left_out_like_inf_and_the_report_is_written(tmp_path):
    """Runs of 1e308 and 1.7e308 at one x (a diverged run's huge finite value) are left out like
    ±inf, said in report.md, with no overflow warning; they made the report refuse (bug)."""
    t = pd.DataFrame({"n": np.repeat([1, 2, 3, 4], 2), "seed": [0, 1] * 4,
                      "m": [1.0, 2.0, 1.5, 2.5, 1e308, 1.7e308, 3.0, 4.0]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bands, _ = metric_bands(t, "n", "m")
        text = write_report(t, tmp_path, parameter="n", metrics=["m"], config={}).read_text()
    assert bands["n"].tolist() == [1, 2, 4]  # x = 3 has no run left, like two ±inf runs
    assert np.isfinite(bands[["mean", "low", "high"]].to_numpy()).all()
    assert ("2 run(s) whose m is NaN, ±inf or beyond ±3.27e+150 (not computed, or a run that "
            "diverged") in text
    edge = t.assign(m=[1.0, 2.0, 1.5, 2.5, 2.0 ** 500, -(2.0 ** 500), 3.0, 2.0 ** 501])
    assert metric_bands(edge, "n", "m")[0]["seeds"].tolist() == [2, 2, 2, 1]  # 2^500 is kept


def test_a_nan_run_does_not_cost_a_metric_the_log_axis_of_the_grid(tmp_path, xscales):
    """A doubling grid where metric b has a NaN run at x = 8: every metric's section (and figure)
    uses the grid's logarithmic axis, as a and the docs say; b's was linear (bug)."""
    x = 2 ** np.arange(7)
    good = np.log2(x) + 1.0
    holed = np.where(x == 8, np.nan, good)
    t = pd.DataFrame({"n": x, "seed": 0, "a": good, "b": holed})
    text = write_report(t, tmp_path, parameter="n", metrics=["a", "b"], config={}).read_text()
    assert _axes(text) == ["logarithmic", "logarithmic"]
    assert [scale for scale, _ in xscales] == ["log", "log"]


def test_a_nan_run_does_not_cost_a_doubling_grid_its_base_2_axis(tmp_path, xscales):
    """docs/sweeps.md: base 2 when the grid doubles, for every metric of the sweep (the base
    was read from the metric's own finite x values: b, with x = 8 left out, got base 10)."""
    x = 2 ** np.arange(7)
    t = pd.DataFrame({"n": x, "seed": 0, "a": np.log2(x) + 1.0,
                      "b": np.where(x == 8, np.nan, np.log2(x) + 1.0)})
    write_report(t, tmp_path, parameter="n", metrics=["a", "b"], config={})
    assert xscales == [("log", 2), ("log", 2)]


def test_detect_reads_shapes_on_the_axis_it_is_told():
    """detect(log_x=...) overrides its own grid test; None is is_geometric(x). A curve that
    rises to a plateau over its last 3 of 10 doubling points: a plateau on linear x (the tail
    spans 3/4 of x), none on log x (2/9 of log x)."""
    x = 50.0 * 2.0 ** np.arange(10)
    y = np.minimum(np.arange(10.0), 7.0)
    seeds = np.array([y - 0.05, y, y + 0.05])
    assert is_geometric(x)
    on_log, on_linear = (detect(x, y, seeds, log_x=flag) for flag in (True, False))
    assert detect(x, y, seeds, log_x=None) == detect(x, y, seeds) == on_log
    assert "plateau" not in [p.kind for p in on_log]
    assert [(p.kind, p.location) for p in on_linear if p.kind == "plateau"] == [("plateau",
                                                                                  6400.0)]
