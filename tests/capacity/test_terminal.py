"""Tables on a terminal narrower than they are: every cell whole (capacity.terminal)."""

import io
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from memcap_cli import memcap_main as run_main
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from capacity.terminal import FOLD_MIN, fit_columns, print_table

# words up to 24 characters: a folding column's floor (FOLD_MIN) is below its longest words
WORDS = st.text(alphabet="abcdefghij(),", min_size=1, max_size=24)


def _terminal(width: int) -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, width=width, force_terminal=True, color_system=None), buf


@st.composite
def tables(draw):
    """A table of 1..12 columns: headers of 1..5 words, cells that are numbers (one word each)
    in columns that cut (rich's default overflow) or text in columns that fold."""
    ncols = draw(st.integers(1, 12))
    nrows = draw(st.integers(0, 6))
    table = Table(box=draw(st.sampled_from([box.HEAVY_HEAD, box.SIMPLE, box.ASCII, None])),
                  show_edge=draw(st.booleans()), pad_edge=draw(st.booleans()),
                  collapse_padding=draw(st.booleans()),
                  title=draw(st.sampled_from([None, "a title"])))
    kinds = []
    for _ in range(ncols):
        fold = draw(st.booleans())
        kinds.append(fold)
        table.add_column(" ".join(draw(st.lists(WORDS, min_size=1, max_size=5))),
                         justify=draw(st.sampled_from(["left", "right"])),
                         overflow="fold" if fold else "ellipsis")
    for _ in range(nrows):
        table.add_row(*(" ".join(draw(st.lists(WORDS, min_size=1, max_size=4))) if fold
                        else str(draw(st.integers(0, 10**15))) for fold in kinds))
    return table, kinds


@settings(max_examples=150, deadline=None)
@given(tables(), st.integers(0, 3), st.integers(12, 160))
def test_fitted_parts_fit_and_cut_no_cell(drawn, keys, width):
    """Each part fits the width; every number and every header word of a cutting column
    appears whole; the key columns lead every part and the others appear once, in order;
    None only where some column cannot fit beside the key columns."""
    table, kinds = drawn
    console, buf = _terminal(width)
    parts = fit_columns(table, console, keys)
    keys = max(0, min(keys, len(table.columns) - 1))
    if parts is None:
        # the one refusal: a column whose longest word (FOLD_MIN at most where it folds) and the
        # key columns' do not fit in the width with their padding and borders
        def least(i):
            col = table.columns[i]
            words = [w for text in [col.header, *col._cells] for w in str(text).split()]
            longest = max(map(cell_len, words), default=0)
            return min(longest, FOLD_MIN) if kinds[i] else longest

        # borders and padding of a part of keys + 1 columns, as rich counts them (a part is
        # drawn without collapse_padding)
        part = Table(*(["x"] * (keys + 1)), box=table.box, show_edge=table.show_edge,
                     pad_edge=table.pad_edge, padding=table.padding)
        overhead = part._extra_width + sum(part._get_padding_width(j) for j in range(keys + 1))
        need = [sum(least(j) for j in range(keys)) + least(i) + overhead
                for i in range(keys, len(table.columns))]
        assert max(need) > width
        return
    headers = [c.header for c in table.columns]
    rest = []
    for part in parts:
        assert [c.header for c in part.columns[:keys]] == headers[:keys]
        rest += [c.header for c in part.columns[keys:]]
        console.print(part)
    assert rest == headers[keys:]
    text = buf.getvalue()
    assert all(cell_len(line) <= width for line in text.splitlines())
    assert "…" not in text
    for i, col in enumerate(table.columns):
        if not kinds[i]:
            for cell in col._cells:
                assert cell in text
            for word in str(col.header).split():
                assert word in text


def test_print_table_splits_on_a_terminal_and_says_so(capsys):
    table = Table("M", *(f"neurons of construction number {i}" for i in range(8)))
    table.add_row("20", *(str(10**9 + i) for i in range(8)))
    console, buf = _terminal(60)
    print_table(table, console)
    err = capsys.readouterr().err
    parts = buf.getvalue().count("part ")
    assert parts > 1 and buf.getvalue().count("│ 20 │") == parts
    assert all(str(10**9 + i) in buf.getvalue() for i in range(8))
    assert f"printed in {parts} parts for the terminal's 60, the first column in each" in err


def test_print_table_wraps_headers_without_a_note_when_one_part_fits(capsys):
    table = Table("M", "neurons, any depth (lower, counting)", "neurons, one hidden layer")
    table.add_row("20", "375", "98305")
    console, buf = _terminal(40)  # 74 columns wide unwrapped
    print_table(table, console)
    assert capsys.readouterr().err == "" and "part " not in buf.getvalue()
    assert "98305" in buf.getvalue() and "counting)" in buf.getvalue()


def test_print_table_squeezes_only_what_cannot_fit(capsys):
    table = Table("M", "a-single-very-long-header-word")
    table.add_row("1", "2")
    console, buf = _terminal(20)
    print_table(table, console)
    assert "was squeezed into the terminal's 20" in capsys.readouterr().err


def test_answer_table_keeps_every_number_on_a_narrow_terminal(capsys, monkeypatch):
    """`memcap bounds --answer` on a 100-column terminal: the M = 20 row's cells, gathered from
    every part (M and N lead each), are the JSON's values (it printed "2…" for 225 before)."""
    code, out, _ = run_main(capsys, "bounds", "--answer", "--json")
    expected = json.loads(out)[-1]  # M = 20, the default last row
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "100")
    code, out, err = run_main(capsys, "bounds", "--answer")
    rows = [line for line in out.splitlines() if line.startswith("│ 20 │")]
    cells = [c.strip() for row in rows for c in row.strip("│").split("│")[2:]]
    values = [v for k, v in expected.items() if k not in ("M", "N")]
    assert code == 0 and len(rows) > 1 and "…" not in out
    assert cells == [str(v) if v is not None else "—" for v in values]
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)  # a terminal's output has colour codes
    assert max(cell_len(line) for line in plain.splitlines()) <= 100
    assert "parts for the terminal's 100, the first 2 columns in each" in err


def _rendered(table, width, keys=1):
    console, buf = _terminal(width)
    parts = fit_columns(table, console, keys)
    assert parts is not None
    for part in parts:
        console.print(part)
    return parts, buf.getvalue()


def test_last_column_padding_follows_the_parts_own_order():
    """A copied column kept its index in the whole table, and rich pads the first and last
    columns by index (pad_edge=False): '12345' printed as '123…' (2026-12-04, the fuzz)."""
    table = Table("M", "a", "b", "c", pad_edge=False)
    table.add_row("1", "1" * 20, "12345", "12345")
    parts, text = _rendered(table, 28)
    assert len(parts) > 1 and "…" not in text and text.count("12345") == 2


def test_title_on_the_first_part_and_caption_on_the_last():
    table = Table("M", *(f"column number {i}" for i in range(6)), title="THE TITLE",
                  caption="THE CAPTION")
    table.add_row("1", *(str(10**8 + i) for i in range(6)))
    parts, text = _rendered(table, 30)
    assert [p.title for p in parts] == ["THE TITLE"] + [None] * (len(parts) - 1)
    assert parts[-1].caption == f"THE CAPTION (part {len(parts)} of {len(parts)})"
    assert text.count("THE TITLE") == 1 and text.count("THE CAPTION") == 1


def test_a_callers_table_width_ratio_and_min_width_do_not_cut_cells():
    """Options that give a table width of its own (width, min_width, expand with column ratios,
    collapse_padding) are dropped from the parts, so no cell is cut (review, 2026-12-04)."""
    for kwargs, ratio in (({"width": 100}, None), ({"min_width": 50}, None),
                          ({"expand": True}, 1), ({"collapse_padding": True}, None)):
        table = Table(**kwargs)
        for i in range(5):
            table.add_column(f"head {i}", ratio=ratio)
        table.add_row(*(str(10**9 + i) for i in range(5)))
        console, buf = _terminal(40)
        parts = fit_columns(table, console)
        assert parts is not None, kwargs
        for part in parts:
            console.print(part)
        assert all(str(10**9 + i) in buf.getvalue() for i in range(5)), kwargs
        assert "…" not in buf.getvalue(), kwargs


def test_no_wrap_columns_stay_whole_and_max_width_holds():
    table = Table("M")
    table.add_column("neurons of the construction", no_wrap=True)
    table.add_column("reference", overflow="fold", max_width=12)
    table.add_row("20", "1000000000 1000000001", "a long reference text here")
    parts, text = _rendered(table, 50)
    widths = {c.header: c.width for p in parts for c in p.columns}
    assert "1000000000 1000000001" in text and "neurons of the construction" in text
    assert widths["reference"] <= 12


def test_key_columns_line_up_across_parts():
    table = Table("label column", *(f"value {i}" for i in range(8)))
    table.add_row("row", *(str(10**9 + i) for i in range(8)))
    parts, _ = _rendered(table, 40)
    assert len(parts) > 1 and len({p.columns[0].width for p in parts}) == 1
