"""The ``memcap compare`` figures show what the result holds: every series at its own M (or n,
or depth), the sizes of the figure's kind, bars down to the failing size, the Nechiporuk band
for one output only, log axes and the documented file names.

The figures are drawn from a synthetic result (no training, ~1 s): ``run_compare`` without
training for M = 3, 4, 5 with injected trained sizes, a random-labels view and a depth
comparison; ``save_figure`` is replaced so the axes can be read back.
"""

import dataclasses
import math
from pathlib import Path

import matplotlib
import numpy as np
import pytest

import empirical.compare.plot as plot
from empirical.compare.compute import run_compare
from empirical.compare.config import CompareConfig
from empirical.compare.plot import FIGURES, log_ticks
from empirical.compare.result import (
    DepthRow,
    PointsRow,
    SizeStats,
    TrainedCandidate,
    TrainedSize,
)
from empirical.compare.rows import CONSTRUCTION_METHODS

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

GD1 = "GD, 1 hidden layer(s) (measured; bar down to failing size)"
GD2 = "GD, 2 hidden layer(s) (measured; bar down to failing size)"


def _cand(hidden, params):
    return TrainedCandidate(size=hidden, width=hidden, hidden=hidden, parameters=params, trials=4,
                            successes=4, rate=1.0, interval=(0.5, 1.0), best_lr=0.05,
                            steps_to_fit=10.0)


def _size(depth, needed, bracket):
    return TrainedSize(depth, "width", needed is not None, needed, bracket, None, 8.0, [], [], 1,
                       64, [], 0.0)


def _result(outputs):
    """Rows at M = 3, 4, 5: depth1 needs hidden 4+M (parameters 10·M) and fails at hidden 2+M
    (parameters 7·M), no failing size at M = 5; depth2 is found only at M = 4 and 5 (hidden 3·M,
    parameters 9·M, no failing size). Random labels: n = 16 (not found), 32, 64. Depth
    comparison at M = 4 and 5 over depths 1, 2, 3 (depth 2 not found at M = 4)."""
    res = run_compare(CompareConfig(inputs=(3, 4, 5), outputs=outputs, samples=1, train=False))
    rows = []
    for r in res.rows:
        m = r.M
        trained = {"depth1": _size(1, _cand(4 + m, 10 * m),
                                   _cand(2 + m, 7 * m) if m != 5 else None)}
        if m >= 4:
            trained["depth2"] = _size(2, _cand(3 * m, 9 * m), None)
        rows.append(dataclasses.replace(r, trained=trained))

    def anchors(n):
        return {"info.points-params.cover-2": n // 2,
                "info.points-params.morris-3.6": int(n / 3.6),
                "info.points-params.collins-5": n // 5}

    pts = [PointsRow(16, 2, 8, 16.0, anchors(16), _size(1, None, _cand(2, 9))),
           PointsRow(32, 2, 8, 32.0, anchors(32), _size(1, _cand(4, 41), _cand(2, 21))),
           PointsRow(64, 2, 8, 64.0, anchors(64), _size(1, _cand(8, 81), None))]
    dc = [DepthRow(4, 16, {1: _size(1, _cand(4, 40), _cand(2, 20)),
                           2: _size(2, None, _cand(2, 12)),
                           3: _size(3, _cand(3, 50), None)}),
          DepthRow(5, 32, {1: _size(1, _cand(8, 80), _cand(4, 40)),
                           2: _size(2, _cand(6, 70), None),
                           3: _size(3, _cand(5, 90), _cand(4, 75))})]
    return dataclasses.replace(res, rows=rows, random_labels=pts, depth_comparison=dc)


@pytest.fixture(scope="module")
def two_outputs():
    return _result(outputs=2)


@pytest.fixture(scope="module")
def one_output():
    return _result(outputs=1)


@pytest.fixture
def draw(monkeypatch, tmp_path):
    """``draw(result)`` -> (file names plot_compare returns, {file name: axes}); nothing is
    written, every figure is closed at teardown."""

    def run(result):
        kept = {}

        def keep(fig, path, *args, **kwargs):
            kept[Path(path).name] = fig.axes[0]
            return Path(path)

        monkeypatch.setattr(plot, "save_figure", keep)
        names = [p.name for p in plot.plot_compare(result, tmp_path)]
        return names, kept

    yield run
    plt.close("all")


def _lines(ax):
    """label -> (x, y) of each plotted line."""
    return {ln.get_label(): (list(ln.get_xdata()), list(ln.get_ydata())) for ln in ax.get_lines()}


def _errorbars(ax):
    """label -> (x, y, lower error, upper error) of each errorbar series."""
    out = {}
    for c in ax.containers:
        line, _caps, bars = c.lines
        xs, ys = list(line.get_xdata()), list(line.get_ydata())
        lo, hi = [], []
        if bars:  # segment i spans [y - lower, y + upper]
            segs = bars[0].get_segments()
            lo = [float(y - min(s[0][1], s[1][1])) for y, s in zip(ys, segs, strict=True)]
            hi = [float(max(s[0][1], s[1][1]) - y) for y, s in zip(ys, segs, strict=True)]
        out[c.get_label()] = (xs, ys, lo, hi)
    return out


def test_log_ticks_label_a_decade_one_two_five():
    """The coarsest ladder with at least three ticks: a decade gets 1-2-5, not its two ends."""
    assert log_ticks(10, 100) == [10.0, 20.0, 50.0, 100.0]


def test_trained_sizes_at_their_m_with_bars_down_to_the_failing_size(draw, two_outputs):
    """A wrong figure would put GD's points at M+1, drop the N output neurons, or draw the bar
    up, to zero, or by the failing size instead of down to it."""
    _, kept = draw(two_outputs)
    xs, ys, lo, hi = _errorbars(kept["compare-neurons.png"])[GD1]
    assert xs == [3, 4, 5]
    assert ys == [4 + 3 + 2, 4 + 4 + 2, 4 + 5 + 2]  # hidden + N
    assert lo == [2.0, 2.0, 0.0]  # needed - failing hidden; no failing size at M = 5
    assert hi == [0.0, 0.0, 0.0]  # no bar upwards
    xs, ys, lo, hi = _errorbars(kept["compare-parameters.png"])[GD1]
    assert (xs, ys) == ([3, 4, 5], [30, 40, 50])
    assert lo == [9.0, 12.0, 0.0] and hi == [0.0, 0.0, 0.0]


def test_every_trained_family_keeps_its_own_depth_and_points(draw, two_outputs):
    """depth2 appears only from the second row on: a wrong figure would drop it, name it after
    depth 1, or show hidden units on the parameters figure."""
    _, kept = draw(two_outputs)
    params = _errorbars(kept["compare-parameters.png"])
    assert params[GD1][1] == [30, 40, 50]
    assert params[GD2][:2] == ([4, 5], [36, 45])
    assert _errorbars(kept["compare-neurons.png"])[GD2][:2] == ([4, 5], [14, 17])


def test_exact_worst_case_stars_sit_on_the_exact_values(draw, one_output):
    """The stars are lower["exact.any-depth"] at their M, not one above."""
    _, kept = draw(one_output)
    stars = _lines(kept["compare-neurons.png"])[
        "exact worst case, any depth (computed, certified)"]
    want = [(r.M, r.lower["exact.any-depth"]) for r in one_output.rows
            if r.lower.get("exact.any-depth") is not None]
    assert want, "the fixture has no exact values"
    assert list(zip(*stars, strict=True)) == want


def test_nechiporuk_band_for_one_output_between_its_edges(draw, one_output, two_outputs):
    """The one-output band is absent for N = 2 and spans 2·√(2^M/M) … 2√2·√(2^M/M) at each M
    for N = 1 (a wrong one is drawn for N > 1, shifted in M, or collapsed to a line)."""
    _, kept = draw(two_outputs)
    assert all("Nechiporuk" not in c.get_label() for c in kept["compare-neurons.png"].collections)
    _, kept = draw(one_output)
    ax = kept["compare-neurons.png"]
    band = [c for c in ax.collections if "Nechiporuk" in c.get_label()]
    assert len(band) == 1, [c.get_label() for c in ax.collections]
    v = band[0].get_paths()[0].vertices
    for m in (3, 4, 5):
        ys = v[np.isclose(v[:, 0], m), 1]
        b = math.sqrt(2**m / m)
        assert np.isclose(ys.min(), 2 * b) and np.isclose(ys.max(), 2 * math.sqrt(2) * b), (m, ys)


def test_parameters_figure_bound_and_anchors_from_their_own_columns(draw, two_outputs):
    """A wrong figure would draw a neuron bound as the edges bound, or one anchor's column
    under another's label."""
    _, kept = draw(two_outputs)
    ls = _lines(kept["compare-parameters.png"])
    rows = two_outputs.rows
    assert ls["≥ any depth, one fixed graph (Thm 20.6, proven)"][1] == [
        r.lower["uml.thm20.6-edges"] for r in rows]
    assert ls["2 bits/param (anchor)"][1] == [
        r.anchors["info.boolean-params.cover-2"] for r in rows]
    assert ls["3.6 bits/param (anchor)"][1] == [
        r.anchors["info.boolean-params.morris-3.6"] for r in rows]


@pytest.mark.parametrize("kind", ["neurons", "parameters"])
def test_each_construction_is_its_median_with_bars_to_min_and_max(draw, two_outputs, kind):
    """Min < median < max (median - 1, median + 3) so the bars show: a wrong figure would plot
    the min, take the bars from the wrong end, show neurons on the parameters figure, or label
    every series with the first method."""
    def spread(s):
        return SizeStats(s.median - 1, s.median, s.median + 3)

    rows = [dataclasses.replace(r, constructions={
        k: dataclasses.replace(c, neurons=spread(c.neurons), parameters=spread(c.parameters))
        for k, c in r.constructions.items()}) for r in two_outputs.rows]
    res = dataclasses.replace(two_outputs, rows=rows)
    eb = _errorbars(draw(res)[1][f"compare-{kind}.png"])
    for m in CONSTRUCTION_METHODS:
        xs, ys, lo, hi = eb[f"{m} (verified, median of samples)"]
        assert xs == [3, 4, 5]
        assert ys == [r.constructions[m].stats(kind).median for r in rows], m
        assert lo == [1.0] * 3 and hi == [3.0] * 3, (m, lo, hi)


def test_axes_scales_and_labels(draw, two_outputs):
    """Compare figures are log-y with the y label of their kind; random labels is log-log."""
    _, kept = draw(two_outputs)
    neurons, params = kept["compare-neurons.png"], kept["compare-parameters.png"]
    assert neurons.get_yscale() == params.get_yscale() == "log"
    assert neurons.get_ylabel() == "neurons (hidden + N)"
    assert params.get_ylabel() == "parameters"
    rl = kept["compare-random-labels.png"]
    assert (rl.get_xscale(), rl.get_yscale()) == ("log", "log")


def test_random_labels_series(draw, two_outputs):
    """Each anchor line from its own column; GD's points at the n where it was found (n = 16 was
    not), in parameters, bar down to the failing size; each x tick labelled with its own n."""
    ax = draw(two_outputs)[1]["compare-random-labels.png"]
    ls = _lines(ax)
    for key, label in (("cover-2", "2 bits/param"), ("morris-3.6", "3.6 bits/param"),
                       ("collins-5", "5 bits/param")):
        assert ls[f"{label} (anchor)"][1] == [
            p.anchors[f"info.points-params.{key}"] for p in two_outputs.random_labels], label
    xs, ys, lo, hi = _errorbars(ax)["GD, one hidden layer (measured)"]
    assert (xs, ys) == ([32, 64], [41, 81])
    assert lo == [20.0, 0.0] and hi == [0.0, 0.0]
    ticks = {float(t): lab.get_text() for t, lab in zip(ax.get_xticks(), ax.get_xticklabels(),
                                                        strict=True)}
    assert ticks == {16.0: "16", 32.0: "32", 64.0: "64"}


def test_random_labels_y_ticks_are_log_ticks_of_the_limits(draw, two_outputs):
    """No labelled tick dropped from the 1-2-5 ladder over the axis limits."""
    ax = draw(two_outputs)[1]["compare-random-labels.png"]
    low, high = ax.get_ylim()
    assert list(ax.yaxis.get_major_locator().tick_values(low, high)) == log_ticks(low, high)


def test_depth_figure_series(draw, two_outputs):
    """Each M's points at its own depths (offset 0.1 per M), in parameters, bar down to the
    failing budget, labelled with its own M (depth 2 not found at M = 4)."""
    eb = _errorbars(draw(two_outputs)[1]["compare-depth.png"])
    xs, ys, lo, _ = eb["M = 4 (16 bits)"]
    assert (xs, ys, lo) == ([1.0, 3.0], [40, 50], [20.0, 0.0])
    xs, ys, lo, _ = eb["M = 5 (32 bits)"]
    assert [round(x, 6) for x in xs] == [1.1, 2.1, 3.1]
    assert ys == [80, 70, 90] and lo == [40.0, 0.0, 15.0]


def test_files_have_the_documented_names(two_outputs, tmp_path):
    """All four figures are written under the names compare.md links (FIGURES)."""
    names = [p.name for p in plot.plot_compare(two_outputs, tmp_path)]
    assert names == list(FIGURES)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FIGURES)


def test_one_point_and_one_m_still_get_their_figures(draw, two_outputs):
    """A random-labels view with one n and a depth comparison at one M are still drawn."""
    one = dataclasses.replace(two_outputs, random_labels=two_outputs.random_labels[1:2],
                              depth_comparison=two_outputs.depth_comparison[:1])
    names, _ = draw(one)
    assert names == list(FIGURES)
