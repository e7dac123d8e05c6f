"""Edges of capacity/terminal.py's table fitting that a mutation audit (2026-12-07) found no
test pinned: what a part's borders and padding cost (rich's own count, for tables without a
box, without edges, without edge padding, with collapsed padding), the fold floor of ten
characters, narrowing by exactly the excess, a table exactly the terminal's width, a renderable
that is not a table, and the split note's figures. Each test names the mutant it kills."""

import contextlib
import io
import itertools

import pytest
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from capacity.terminal import FOLD_MIN, _overhead, _plain, fit_columns, print_table


def _terminal(width: int) -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, width=width, force_terminal=True, color_system=None), buf


@pytest.mark.parametrize("table_box, show_edge, pad_edge, collapse, padding", list(
    itertools.product([box.HEAVY_HEAD, box.SIMPLE, None], [True, False], [True, False],
                      [True, False], [(0, 1), (0, 2), (0, 0)])))
def test_a_parts_overhead_is_richs_own(table_box, show_edge, pad_edge, collapse, padding):
    """Borders and padding of a part of n columns, against rich's Table._extra_width and
    _get_padding_width on a part of n columns as fit_columns draws it (the table's settings,
    padding never collapsed), and rich's measure of that part (mutants: every column charged a
    left border; a border charged without a box)."""
    for n in range(1, 5):
        t = Table(*(f"c{i}" for i in range(n)), box=table_box, show_edge=show_edge,
                  pad_edge=pad_edge, collapse_padding=collapse, padding=padding)
        part = _plain(t)
        for column in part.columns:
            column.width = 3
        assert _overhead(t, n) == part._extra_width + sum(part._get_padding_width(j)
                                                          for j in range(n))
        console = Console(width=200)
        measured = console.measure(part, options=console.options.update_width(1 << 16))
        assert measured.maximum == 3 * n + _overhead(t, n)


@pytest.mark.parametrize("kwargs, width", [({"show_edge": False}, 16), ({"pad_edge": False}, 16),
                                           ({"pad_edge": False}, 17), ({"box": None}, 17)])
def test_a_table_without_edges_that_fits_is_printed_whole_without_a_note(kwargs, width,
                                                                         capsys):
    """It was refused (every column charged a left border and both paddings) and print_table
    wrote "the table is 23 columns wide and was squeezed into the terminal's 16" although rich
    drew it whole (2026-12-07 audit)."""
    t = Table("k", "number of neurons", **kwargs)
    t.add_row("1", "1234567890")
    console, buf = _terminal(width)
    assert fit_columns(t, console) is not None
    print_table(t, console)
    assert capsys.readouterr().err == ""
    text = buf.getvalue()
    assert "1234567890" in text and "…" not in text
    assert all(len(line) <= width for line in text.splitlines())


def test_a_table_exactly_the_terminals_width_is_printed_as_rich_prints_it():
    """natural == width goes straight to console.print (mutant: `<`, which re-laid out a
    pad_edge=False table and wrapped cells it need not wrap)."""
    t = Table("ga", "b gbeechadb", pad_edge=False)
    t.add_row("hgbhbcgdc egehdfhba", "eahebd eedgccedg acgeeheeh")
    probe = Console(file=io.StringIO(), width=200)
    natural = probe.measure(t, options=probe.options.update_width(1 << 16)).maximum
    mine, _ = _terminal(natural)
    theirs, _ = _terminal(natural)
    print_table(t, mine)
    theirs.print(t)
    assert mine.file.getvalue() == theirs.file.getvalue()


def test_a_folding_column_gets_ten_characters_and_no_more():
    """docs/cli.md: a column that folds its text gets at least ten characters; its longer
    words fold, so a 30-character word does not make it 30 wide (mutants: FOLD_MIN 8; the
    floor the longest word)."""
    assert FOLD_MIN == 10
    t = Table("k")
    t.add_column("text", overflow="fold")
    t.add_row("1", "x" * 30)
    # key column 1 + fold column 10 + padding and borders 7 = 18
    assert fit_columns(t, Console(width=17)) is None
    parts = fit_columns(t, Console(width=18))
    assert parts is not None and [c.width for c in parts[0].columns] == [1, 10]


@pytest.mark.parametrize("kwargs, width, widths", [
    ({"box": None}, 21, [8, 9]),   # no border: 2 × (9 + 2) = 22, one column short
    ({}, 2 * 9 + 7 - 2, [8, 8]),   # boxed, two columns short: both tied widest narrowed once
])
def test_columns_are_narrowed_by_exactly_the_excess(kwargs, width, widths):
    """(mutants: a border charged without a box; the excess cut by one a round whatever the
    number of tied columns)."""
    t = Table("aaaa bbbb", "cccc dddd", **kwargs)
    t.add_row("1", "2")
    parts = fit_columns(t, Console(width=width))
    assert sorted(c.width for c in parts[0].columns) == widths


def test_a_renderable_that_is_not_a_table_is_squeezed_with_the_note():
    """print_table takes any renderable rich can measure; only a Table is fitted (mutant: the
    guard dropped, AttributeError)."""
    console, _ = _terminal(20)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        print_table(Text("word " * 20), console)
    assert "squeezed into the terminal's 20" in err.getvalue()


def test_the_split_note_names_the_tables_width_and_the_terminals():
    """(mutant: the terminal's width in place of the table's)."""
    t = Table("M", *(f"neurons of construction number {i}" for i in range(8)))
    t.add_row("20", *(str(10**9 + i) for i in range(8)))
    console, _ = _terminal(60)
    natural = console.measure(t, options=console.options.update_width(1 << 16)).maximum
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        print_table(t, console)
    assert natural > 60 and f"(the table is {natural} columns wide: printed in" in err.getvalue()
