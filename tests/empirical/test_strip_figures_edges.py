"""The training strip shows each member's own columns (few members) or, per step, the median,
quartiles and range over the members (many), with the legends, titles and member counts that
say so; the drawing process draws the same strip as this one.

``save_figure`` is replaced so the figure can be read back; every figure is closed afterwards.
"""

import matplotlib
import numpy as np
import pytest

from empirical.engine import plots
from empirical.engine.plots import STRIP_LINES, StripProcess, training_strip

matplotlib.use("Agg")
import matplotlib.image as mpimg  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402


def _table(members, steps=5, seed=0):
    """Every member logs steps 0..steps-1; random metrics in [0, 1)."""
    rng = np.random.default_rng(seed)
    t = {"member": np.repeat(np.arange(members), steps),
         "step": np.tile(np.arange(float(steps)), members)}
    for key in ("train_loss", "test_loss", "train_acc", "test_acc", "weight_l2"):
        t[key] = rng.random(members * steps)
    return t


@pytest.fixture
def draw(monkeypatch, tmp_path):
    """``draw(table, title="")`` -> the strip's figure (nothing written)."""

    def run(table, title=""):
        shown = []
        monkeypatch.setattr(plots, "save_figure", lambda fig, path: shown.append(fig))
        training_strip(table, tmp_path / "strip.png", title)
        return shown[0]

    yield run
    plt.close("all")


def _band_at(band, step):
    """The y values of a fill_between band's outline at ``step``."""
    v = band.get_paths()[0].vertices
    return v[np.isclose(v[:, 0], step), 1]


def test_many_members_median_quartiles_and_range_per_step(draw):
    """Per step: the line is the median over the members, the dark band the quartiles, the light
    band the range, over the finite values (member 0 diverged at step 3). A wrong strip would
    show the lower quartile as the median, a quartile band from the min, an infinite range,
    members mixed across steps, a wrong member count or the train/test legend swapped."""
    n = STRIP_LINES + 8
    t = _table(n, steps=4)
    t["train_loss"][3] = np.inf  # member 0, step 3 diverged
    loss, _acc, l2 = draw(t).axes
    assert loss.get_title() == f"train and test loss, {n} members"
    steps = np.arange(4.0)
    for ax, col, k in ((loss, "train_loss", 0), (l2, "weight_l2", 0), (loss, "test_loss", 1)):
        v = t[col].reshape(n, 4).copy()
        v[np.isinf(v)] = np.nan
        line = ax.lines[k]
        assert np.allclose(line.get_xdata(), steps)
        assert np.allclose(line.get_ydata(), np.nanmedian(v, axis=0)), col
        range_band, quartile_band = ax.collections[2 * k], ax.collections[2 * k + 1]
        for j, step in enumerate(steps):
            ys = _band_at(range_band, step)
            assert np.isclose(ys.min(), np.nanmin(v[:, j])), (col, j)
            assert np.isclose(ys.max(), np.nanmax(v[:, j])), (col, j)
            qs = _band_at(quartile_band, step)
            assert np.isclose(qs.min(), np.nanquantile(v[:, j], 0.25)), (col, j)
            assert np.isclose(qs.max(), np.nanquantile(v[:, j], 0.75)), (col, j)
    assert [x.get_text() for x in loss.get_legend().get_texts()] == [
        "train: median, quartiles, range", "test: median, quartiles, range"]
    assert loss.lines[0].get_linestyle() == "-" and loss.lines[1].get_linestyle() == "--"


def test_a_test_column_with_one_nan_is_still_banded(draw):
    t = _table(STRIP_LINES + 8, steps=4)
    t["test_loss"][0] = np.nan
    assert len(draw(t).axes[0].lines) == 2  # train and test medians


def test_exactly_strip_lines_members_are_still_lines(draw):
    """Bands start above STRIP_LINES members: at exactly that many, one line per member."""
    assert len(draw(_table(STRIP_LINES, steps=3)).axes[2].lines) == STRIP_LINES


def test_ragged_logging_median_over_the_members_that_logged_the_step(draw):
    """Member 0 skipped step 1: each step's median is over the members that logged it (a wrong
    grouping would move a value into its neighbour step)."""
    t = _table(STRIP_LINES + 2, steps=3)
    keep = ~((t["member"] == 0) & (t["step"] == 1))
    t = {k: v[keep] for k, v in t.items()}
    l2 = draw(t).axes[2]
    want = [np.median(t["weight_l2"][t["step"] == step]) for step in (0.0, 1.0, 2.0)]
    assert np.allclose(l2.lines[0].get_ydata(), want)


def test_few_members_each_line_is_its_own_column(draw):
    """Per member: the train line is its train column, the test line its test column (drawn
    despite one NaN), the l2 line its weight_l2; one "train" and one "test" legend entry. A wrong
    strip would show the loss on the l2 panel, test as train, other members' rows or a missing
    test line."""
    t = _table(2)
    t["test_loss"][1] = np.nan
    loss, acc, l2 = draw(t).axes
    for m in range(2):
        rows = t["member"] == m
        assert np.array_equal(loss.lines[2 * m].get_ydata(), t["train_loss"][rows])
        assert np.array_equal(loss.lines[2 * m + 1].get_ydata(), t["test_loss"][rows],
                              equal_nan=True)
        assert np.array_equal(l2.lines[m].get_ydata(), t["weight_l2"][rows])
        assert np.array_equal(acc.lines[2 * m].get_ydata(), t["train_acc"][rows])
    assert [x.get_text() for x in loss.get_legend().get_texts()] == ["train", "test"]
    assert loss.lines[0].get_label() == "train" and loss.lines[1].get_label() == "test"


def test_title_is_the_suptitle(draw):
    assert draw(_table(1), title="run 7")._suptitle.get_text() == "run 7"
    assert draw(_table(1))._suptitle is None


def test_the_drawing_process_draws_the_same_strip(tmp_path):
    """The strip of the StripProcess child is pixel-identical to this process's, title included
    (it gets the right columns, in the right order, and the title)."""
    t = _table(2, steps=6)
    t["member"] = t["member"].astype(float)
    training_strip(t, tmp_path / "here.png", "title X")
    with StripProcess() as strip:
        strip.draw(t, tmp_path / "child.png", "title X")
    here, child = mpimg.imread(tmp_path / "here.png"), mpimg.imread(tmp_path / "child.png")
    assert here.shape == child.shape and np.array_equal(here, child), "the child's strip differs"
