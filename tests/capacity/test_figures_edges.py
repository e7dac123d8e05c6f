"""Figure files and ``bounds --plot``'s drawing: the format from any-case suffixes, atomic
writes, ``bbox_inches``, memcap's mark recognised only where the format puts it, and every
answer column drawn in its panel at its own M as log2 of its cell."""

import math
import struct
import zlib

import matplotlib
import numpy as np
import pytest

import capacity.report as report
from capacity.answer import answer_rows
from capacity.figures import is_memcap_figure, save_figure

matplotlib.use("Agg")
import matplotlib.image as mpimg  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _figure():
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1], [1, 0])
    return fig


def test_an_upper_case_suffix_picks_the_format_and_the_mark(tmp_path):
    """A.SVG is an SVG with memcap's mark (else ``--plot A.SVG`` refuses to replace it)."""
    p = save_figure(_figure(), tmp_path / "A.SVG")
    assert p.read_text().lstrip().startswith("<?xml") and is_memcap_figure(p)


def test_a_write_that_fails_half_way_leaves_the_previous_figure(monkeypatch, tmp_path):
    """The write is atomic: a savefig that writes ten bytes and then fails (disk full) leaves
    the old figure whole and no temporary behind."""
    p = save_figure(_figure(), tmp_path / "a.png")
    before = p.read_bytes()
    fig = _figure()
    real = fig.savefig

    def broken(target, **kw):
        real(target, **kw)
        with open(target, "r+b") as fh:
            fh.truncate(10)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fig, "savefig", broken)
    with pytest.raises(OSError):
        save_figure(fig, p)
    assert p.read_bytes() == before
    assert [q.name for q in tmp_path.iterdir()] == ["a.png"]


def test_bbox_inches_tight_crops(tmp_path):
    full = mpimg.imread(save_figure(_figure(), tmp_path / "full.png", layout=False))
    tight = mpimg.imread(save_figure(_figure(), tmp_path / "tight.png", layout=False,
                                     bbox_inches="tight"))
    assert tight.shape[0] < full.shape[0] and tight.shape[1] < full.shape[1]


def test_a_png_software_chunk_after_the_image_data_is_not_the_mark(tmp_path):
    """Only chunks before the image data count (as is_memcap_figure documents)."""
    p = tmp_path / "x.png"
    fig = plt.figure(figsize=(1, 1))
    fig.savefig(p, metadata={"Software": None})
    data = p.read_bytes()

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))

    iend = data.rfind(b"IEND") - 4
    p.write_bytes(data[:iend] + chunk(b"tEXt", b"Software\x00memcap") + data[iend:])
    assert not is_memcap_figure(p)


def test_a_memcap_pdf_larger_than_the_read_window_is_still_ours(tmp_path):
    """The PDF Info dict is at the tail: a big memcap PDF must still count as memcap's."""
    fig, ax = plt.subplots()
    ax.plot(np.random.default_rng(0).random(20000))
    p = save_figure(fig, tmp_path / "big.pdf")
    assert p.stat().st_size > (1 << 16) + 4096
    assert is_memcap_figure(p)


def test_a_text_file_holding_the_svg_creator_block_is_not_ours(tmp_path):
    p = tmp_path / "notes.svg"
    p.write_text("my notes\n<dc:creator><cc:Agent><dc:title>memcap</dc:title>")
    assert not is_memcap_figure(p)


def _plot_answer(monkeypatch, rows):
    """plot_answer's figure, nothing written."""
    figs = []
    monkeypatch.setattr(report, "save_figure", lambda fig, path, **kw: figs.append(fig))
    report.plot_answer(rows, "unused.png")
    return figs[0]


def test_bounds_plot_draws_every_column_in_its_panel_at_its_m(monkeypatch):
    """Neuron columns left, the rest right; each non-empty cell at (M, log2(cell)). A wrong
    figure would put lower bounds in the neurons panel, shift every column to M+1 or drop the
    first M."""
    rows = answer_rows(8)
    left, right = _plot_answer(monkeypatch, rows).axes
    drawn = 0
    for side, ax in ((0, left), (1, right)):
        for line in ax.get_lines():
            col = line.get_label()
            assert ("neurons" in col) == (side == 0), col
            want = [(r["M"], math.log2(r[col])) for r in rows if r[col]]
            got = list(zip(line.get_xdata(), line.get_ydata(), strict=True))
            assert [x for x, _ in got] == [m for m, _ in want], col
            assert np.allclose([y for _, y in got], [y for _, y in want], rtol=0, atol=1e-9), col
            drawn += 1
    assert drawn > 0 and left.get_lines() and right.get_lines()


def test_bounds_plot_log2_of_cells_beyond_float_precision(monkeypatch):
    """plot_answer's log2 is exact for ints past 2^53 (not reached by answer_rows today)."""
    rows = [{"M": 1, "N": 1, "construction neurons": 2**60, "construction parameters": 2**70},
            {"M": 2, "N": 1, "construction neurons": 2**65, "construction parameters": 2**80}]
    left, right = _plot_answer(monkeypatch, rows).axes
    assert list(left.get_lines()[0].get_ydata()) == [60.0, 65.0]
    assert list(right.get_lines()[0].get_ydata()) == [70.0, 80.0]
