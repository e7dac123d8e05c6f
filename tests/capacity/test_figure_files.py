"""Single figure files (`bounds --plot`, `minimal --plot`, `construct --draw`) replace only a figure
memcap wrote: `bounds --plot README` replaced a user's README with a PNG until 2026-12-04."""

import matplotlib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from memcap_cli import memcap_main

from capacity.errors import UsageError
from capacity.figures import FIGURE_MARK, check_figure_target, is_memcap_figure, save_figure

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

MARKED = ("png", "pdf", "svg", "svgz", "eps", "ps")
UNMARKED = ("jpg", "tif", "webp", "raw")


def _figure():
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([0, 1, 2], [2, 0, 1])
    return fig


@pytest.mark.parametrize("fmt", MARKED)
def test_memcap_figures_carry_the_mark_and_others_do_not(tmp_path, fmt):
    ours, theirs = tmp_path / f"ours.{fmt}", tmp_path / f"theirs.{fmt}"
    save_figure(_figure(), ours)
    fig = _figure()
    fig.savefig(theirs, format=fmt)  # matplotlib's own creator
    plt.close(fig)
    assert is_memcap_figure(ours) and not is_memcap_figure(theirs)


@pytest.mark.parametrize("fmt", UNMARKED)
def test_formats_without_metadata_are_never_memcap_figures(tmp_path, fmt):
    path = tmp_path / f"f.{fmt}"
    save_figure(_figure(), path)
    assert path.stat().st_size > 0 and not is_memcap_figure(path)


def test_a_name_without_suffix_is_a_marked_png(tmp_path):
    path = save_figure(_figure(), tmp_path / "plot")
    assert path.read_bytes().startswith(b"\x89PNG") and is_memcap_figure(path)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([b"", b"\x89PNG\r\n\x1a\n", b"%PDF-1.4\n", b"%!PS-Adobe-3.0\n",
                        b"<?xml version='1.0'?>", b"\x1f\x8b\x08"]),
       st.binary(max_size=400))
def test_arbitrary_bytes_with_a_figure_header_are_not_memcap_figures(tmp_path_factory, magic,
                                                                      body):
    """Whatever follows a format's magic bytes, no exception and no mark unless memcap's
    creator field is there (random bytes hold none)."""
    path = tmp_path_factory.mktemp("b") / "f"
    path.write_bytes(magic + body + FIGURE_MARK.encode())  # the word alone is not the mark
    assert is_memcap_figure(path) is False


@pytest.mark.parametrize("fmt", ["png", "svgz"])
def test_truncated_marked_figures_need_their_creator_field_whole(tmp_path, fmt):
    """Cut anywhere, a marked PNG or SVGZ is read without an exception; a PNG counts as
    memcap's exactly when its Software chunk survived the cut."""
    full = tmp_path / f"full.{fmt}"
    save_figure(_figure(), full)
    data = full.read_bytes()
    chunk_end = data.find(FIGURE_MARK.encode()) + len(FIGURE_MARK) + 4  # the chunk's CRC
    cut = tmp_path / f"cut.{fmt}"
    lengths = [*range(0, min(len(data), 3000), 7), len(data)]
    marks = []
    for n in lengths:
        cut.write_bytes(data[:n])
        marks.append(is_memcap_figure(cut))
        if fmt == "png":
            assert marks[-1] == (n >= chunk_end - 4), n
    # more of the file never loses the mark: unmarked up to some cut, marked from there on
    assert marks == sorted(marks) and marks[0] is False and marks[-1] is True


@pytest.mark.parametrize("argv, name", [
    (["bounds", "--answer", "--max-inputs", "3", "--plot"], "README"),  # no suffix: PNG
    (["bounds", "--answer", "--max-inputs", "3", "--plot"], "photo.jpg"),
    (["minimal", "--inputs", "2", "--plot"], "thesis.pdf"),
    (["construct", "--table", "0110", "--draw"], "drawing.svg"),
])
def test_a_user_file_at_a_figure_path_is_refused_and_kept(capsys, tmp_path, argv, name):
    path = tmp_path / name
    path.write_text("my own file\n")
    code, _, err = memcap_main(capsys, *argv, str(path))
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "exists and is not a figure memcap wrote" in err and "remove it" in err
    assert path.read_text() == "my own file\n"


def test_a_figure_another_program_wrote_is_refused(capsys, tmp_path):
    path = tmp_path / "theirs.png"
    fig = _figure()
    fig.savefig(path)
    plt.close(fig)
    before = path.read_bytes()
    code, _, err = memcap_main(capsys, "minimal", "--inputs", "2", "--plot", str(path))
    assert code == 2 and "not a figure memcap wrote" in err and path.read_bytes() == before


@pytest.mark.parametrize("argv, name", [
    (["bounds", "--answer", "--max-inputs", "3", "--plot"], "answer"),
    (["minimal", "--inputs", "2", "--plot"], "minimal.svg"),
    (["construct", "--table", "0110", "--draw"], "net.pdf"),
])
def test_memcap_replaces_its_own_figure_and_an_empty_file(capsys, tmp_path, argv, name):
    path = tmp_path / name
    path.touch()  # an empty file made for the output (mktemp) is taken
    for _ in range(2):  # then the figure just written is replaced
        code, _, err = memcap_main(capsys, *argv, str(path))
        assert code == 0, err
        assert is_memcap_figure(path)


def test_check_figure_target_names_formats_that_carry_no_mark(tmp_path):
    path = tmp_path / "old.webp"
    save_figure(_figure(), path)
    with pytest.raises(UsageError, match="WEBP files carry no mark"):
        check_figure_target(path, "--plot", (".webp",))
