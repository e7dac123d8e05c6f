"""The one progress bar every command shows: a transient rich bar on stderr when rich would draw
there, else :class:`SilentProgress`.

Tables (:func:`print_table`) go to stdout whole: off a terminal rich would squeeze a wide table
into 80 columns and cut its numbers ("10…" for 1025); on a terminal too narrow for them their
columns are fitted, or the table is split into parts (:func:`fit_columns`), so no number is cut.

rich draws a live bar only on a terminal, but on a pipe or a file it still wrote a line break
when the bar stopped, so a redirected stderr got a blank line before any message (``memcap bounds
--answer --max-inputs 0 2> log`` wrote "\\n" and then the one-line error), and importing rich's
progress module costs ≈ 0.1 s. Off a terminal nothing is imported and nothing is written.
"""

from __future__ import annotations

import os
import sys

__all__ = ["FOLD_MIN", "SilentProgress", "fit_columns", "print_table", "progress_bar",
           "progress_console", "stderr_is_terminal"]


def stderr_is_terminal() -> bool:
    """Whether rich treats stderr as a terminal, decided without importing rich (its console
    module costs ≈ 0.1 s): ``TTY_COMPATIBLE=1``/``0`` force it on/off, a non-empty
    ``FORCE_COLOR`` turns it on, else ``isatty()`` (rich 13–15's ``Console.is_terminal``).

    Examples
    --------
    >>> stderr_is_terminal() == progress_console().is_terminal
    True
    """
    tty = os.environ.get("TTY_COMPATIBLE", "")
    if tty in ("0", "1"):
        return tty == "1"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:  # a closed stderr raises ValueError, which rich answers as False (2026-12-07 audit)
        return sys.stderr is not None and sys.stderr.isatty()
    except ValueError:
        return False


def progress_console():
    """A rich ``Console`` on stderr for progress bars, quiet when stderr is not a terminal.

    Examples
    --------
    >>> c = progress_console()
    >>> c.stderr, c.quiet == (not c.is_terminal)
    (True, True)
    """
    from rich.console import Console

    console = Console(stderr=True)
    console.quiet = not console.is_terminal
    return console


class SilentProgress:
    """What :func:`progress_bar` returns when stderr is not a terminal: the same calls
    (``add_task``, ``update``, ``advance``, a context manager), drawing nothing and importing
    nothing.

    Examples
    --------
    >>> with SilentProgress() as bar:
    ...     task = bar.add_task("demo", total=2)
    ...     bar.update(task, completed=2)
    >>> task
    0
    """

    def __init__(self) -> None:
        self._tasks = 0

    def add_task(self, description: str, total: float | None = None, **_: object) -> int:
        """A new task id (0, 1, …).

        Examples
        --------
        Ids count per bar, as rich's do:

        >>> bar = SilentProgress()
        >>> bar.add_task("train", total=10), bar.add_task("verify"), SilentProgress().add_task("x")
        (0, 1, 0)
        """
        self._tasks += 1
        return self._tasks - 1

    def update(self, task: int, **_: object) -> None:
        """Nothing to draw.

        Examples
        --------
        It takes rich's ``Progress.update`` keywords and writes nothing:

        >>> import contextlib, io
        >>> err, bar = io.StringIO(), SilentProgress()
        >>> task = bar.add_task("train", total=3)
        >>> with contextlib.redirect_stderr(err):
        ...     bar.update(task, completed=2, total=4, description="train (lr 0.1)")
        >>> err.getvalue()
        ''
        """

    def advance(self, task: int, advance: float = 1) -> None:
        """Nothing to draw.

        Examples
        --------
        As :meth:`update`: rich's signature, nothing written:

        >>> import contextlib, io
        >>> err, bar = io.StringIO(), SilentProgress()
        >>> task = bar.add_task("sweep", total=5)
        >>> with contextlib.redirect_stderr(err):
        ...     bar.advance(task); bar.advance(task, 2.5)
        >>> err.getvalue()
        ''
        """

    def stop(self) -> None:
        """Nothing to stop (rich's ``Progress.stop``).

        Examples
        --------
        Off a terminal rich's ``stop`` still wrote a line break (see the module notes); this one
        writes nothing, and may be called again after the ``with`` has ended:

        >>> import contextlib, io
        >>> err = io.StringIO()
        >>> with contextlib.redirect_stderr(err):
        ...     with SilentProgress() as bar:
        ...         bar.stop()
        ...     bar.stop()
        >>> err.getvalue()
        ''
        """

    def __enter__(self) -> SilentProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def progress_bar(counts: bool = False):
    """A transient rich progress bar on stderr when rich would draw there
    (:func:`stderr_is_terminal`), else a :class:`SilentProgress`. ``counts`` shows
    description, bar, done/total and elapsed time (the training commands' columns) instead of
    rich's default columns.

    Examples
    --------
    >>> with progress_bar() as bar:    # under doctest stderr is not a terminal
    ...     task = bar.add_task("demo", total=2)
    ...     bar.update(task, completed=2)
    >>> type(bar).__name__
    'SilentProgress'
    """
    if not stderr_is_terminal():
        return SilentProgress()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    columns = (("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn()) if counts else ())
    return Progress(*columns, console=progress_console(), transient=True)


def print_table(table, console=None, keys: int = 1) -> None:
    """Print a rich ``table`` on stdout (or ``console``) with no cell cut off.

    Off a terminal (a pipe or a file) rich would squeeze a table wider than 80 columns (or
    ``$COLUMNS``) and shorten its cells, so ``memcap construct --size-table | cat`` printed
    "10…" for 1025; there the table is printed at its natural width instead. On a terminal
    narrower than the table rich would squeeze it the same way (``memcap bounds --answer`` in
    120 columns printed "2…" for 225, until 2026-12-04); there the columns get widths of their
    own (:func:`fit_columns`): each at least its longest word, so headers wrap between words
    and no number is cut, the widest narrowed first. When even that is too wide the table is
    printed in parts, each with the first ``keys`` columns again, and one line on stderr says
    so. Only where :func:`fit_columns` finds no layout (a column that cannot fit beside the key
    columns even at its narrowest) does rich squeeze the table, with one line on stderr naming
    the way out (a wider terminal, ``--markdown`` or ``--json``).

    Parameters
    ----------
    table : rich.table.Table
        The table to print (any rich renderable that can be measured; only a ``Table`` is
        fitted or split).
    console : rich.console.Console, optional
        Where to print; ``None`` (default) makes a new ``Console()`` on stdout. Its width is
        widened only for the one print and then restored.
    keys : int, optional
        Leading columns repeated in every part of a split table (default 1: the row's label;
        ``memcap bounds --answer`` repeats M and N).

    Examples
    --------
    >>> import io
    >>> from rich.console import Console
    >>> from rich.table import Table
    >>> t = Table("M", "lookup neurons", "depth3 neurons")
    >>> t.add_row("12", "2049", "129")
    >>> squeezed, whole = io.StringIO(), io.StringIO()
    >>> Console(file=squeezed, width=18).print(t)         # rich alone prints "20…"
    >>> print_table(t, Console(file=whole, width=18))      # a file: printed whole
    >>> "2049" in squeezed.getvalue(), "2049" in whole.getvalue()
    (False, True)
    >>> term = io.StringIO()                               # a terminal 18 columns wide
    >>> print_table(t, Console(file=term, width=18, force_terminal=True, color_system=None))
    >>> print(term.getvalue().rstrip())  # doctest: +NORMALIZE_WHITESPACE
    ┏━━━━┳━━━━━━━━━━━┓
    ┃    ┃ lookup    ┃
    ┃ M  ┃ neurons   ┃
    ┡━━━━╇━━━━━━━━━━━┩
    │ 12 │ 2049      │
    └────┴───────────┘
       part 1 of 2
    ┏━━━━┳━━━━━━━━━━━┓
    ┃    ┃ depth3    ┃
    ┃ M  ┃ neurons   ┃
    ┡━━━━╇━━━━━━━━━━━┩
    │ 12 │ 129       │
    └────┴───────────┘
       part 2 of 2
    """
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    natural = console.measure(table, options=console.options.update_width(1 << 16)).maximum
    if natural <= console.width:
        console.print(table)
        return
    if not console.is_terminal:
        width = console.width
        console.width = natural
        try:
            console.print(table)
        finally:
            console.width = width
        return
    parts = fit_columns(table, console, keys) if isinstance(table, Table) else None
    if parts is None:
        console.print(table)
        sys.stderr.write(f"(the table is {natural} columns wide and was squeezed into the "
                         f"terminal's {console.width}: widen the terminal, or use --markdown "
                         "or --json where the command has them)\n")
        return
    for part in parts:
        console.print(part)
    if len(parts) > 1:
        kept = (sum(len(p.columns) for p in parts) - len(table.columns)) // (len(parts) - 1)
        repeated = (f", the first {kept} columns in each" if kept > 1
                    else ", the first column in each" if kept else "")
        sys.stderr.write(f"(the table is {natural} columns wide: printed in {len(parts)} parts "
                         f"for the terminal's {console.width}{repeated}; widen the terminal, or "
                         "use --markdown or --json where the command has them)\n")


#: The narrowest a ``overflow="fold"`` column is made: rich folds a longer word onto the next
#: line, character by character, so nothing of it is lost (every other overflow cuts it).
FOLD_MIN = 10


def _plain(table):
    """A copy of ``table`` that takes no width of its own: no fixed, minimum or expanded width
    (rich would give a part the caller's width, or share it out by the columns' ratios)."""
    import copy

    part = copy.copy(table)
    part.width = part.min_width = None
    part.expand = False
    part.collapse_padding = False  # rich pads an explicit-width column less than it draws
    return part


def _column_widths(table, console) -> list[tuple[int, int]]:
    """Each column's ``(minimum, maximum)`` content width (no padding, no border): the longest
    word of its header and cells (at most :data:`FOLD_MIN` for a column that folds; all of its
    widest line for one that must not wrap, ``no_wrap``), and its widest line unwrapped (at
    most the caller's ``max_width``, never below the minimum)."""
    import copy

    widths = []
    for column in table.columns:
        alone = _plain(table)
        alone.columns, alone.title, alone.caption = [copy.copy(column)], None, None
        alone.box, alone.padding, alone.show_edge = None, (0, 0), False
        only = alone.columns[0]
        only.width = only.min_width = only.max_width = only.ratio = None
        only._index = 0
        span = console.measure(alone, options=console.options.update_width(1 << 16))
        low = (span.maximum if column.no_wrap
               else min(span.minimum, FOLD_MIN) if column.overflow == "fold" else span.minimum)
        high = span.maximum if column.max_width is None else min(span.maximum, column.max_width)
        widths.append((low, max(low, high)))
    return widths


def _overhead(table, count: int) -> int:
    """Characters of a ``count``-column part (``count`` ≥ 1) of ``table`` that are not cell
    content: its vertical borders and its cells' padding, as rich counts them (``_extra_width``
    and ``Table._get_padding_width``: no outer borders without ``show_edge``, no outer padding
    without ``pad_edge``; a part is drawn without ``collapse_padding``, :func:`_plain`). Every
    column was charged a left border and both paddings: a table without edges that fits was
    refused with a false "squeezed" note (2026-12-07 audit)."""
    _, pad_right, _, pad_left = table.padding
    padding = (pad_left + pad_right) * count
    if not table.pad_edge:
        padding -= pad_left + pad_right  # the first column's left, the last one's right
    borders = count - 1 + (2 if table.show_edge else 0) if table.box else 0
    return padding + borders


def fit_columns(table, console, keys: int = 1) -> list | None:
    """``table`` as one or more tables that fit ``console.width`` with every cell whole, or
    None when the first ``keys`` columns and one more cannot fit.

    Every column gets at least its longest word (a number is one word, so it is never cut;
    a header wraps between its words; a column whose overflow is ``"fold"`` at least
    :data:`FOLD_MIN`, its longer words folded whole onto the next lines) and at most its natural
    width; where the natural widths do not fit, the widest columns are narrowed together first,
    as rich does, but never below those floors.
    Columns that do not fit beside the others go to further parts, each with the first
    ``keys`` columns again; the first part keeps the table's title, the last its caption, and
    each says which part it is.

    Parameters
    ----------
    table : rich.table.Table
        The table; it is not changed (the parts share its rows and cells).
    console : rich.console.Console
        Its ``width`` is the room, and it measures the cells.
    keys : int, optional
        Leading columns repeated in every part.

    Returns
    -------
    list of rich.table.Table or None
        The parts, in column order; None when some column does not fit beside the key
        columns even at their narrowest (the caller then lets rich squeeze the table).

    Examples
    --------
    >>> from rich.console import Console
    >>> from rich.table import Table
    >>> t = Table("M", "neurons, one hidden layer (upper)", "neurons, any depth (lower)")
    >>> t.add_row("20", "98305", "375")
    >>> [len(p.columns) for p in fit_columns(t, Console(width=40))]  # both fit, wrapped
    [3]
    >>> [len(p.columns) for p in fit_columns(t, Console(width=20))]  # M again in each part
    [2, 2]
    >>> fit_columns(t, Console(width=16)) is None   # M and the word 'neurons,' need 17
    True
    """
    import copy

    columns = list(table.columns)
    keys = max(0, min(keys, len(columns) - 1))
    spans = _column_widths(table, console)

    def room(indices) -> int:  # content width left once borders and padding are paid
        return console.width - _overhead(table, len(indices))

    def fits(indices) -> bool:
        return sum(spans[i][0] for i in indices) <= room(indices)

    head = list(range(keys))
    parts: list[list[int]] = []
    current = list(head)
    for i in range(keys, len(columns)):
        if fits(current + [i]):
            current.append(i)
        elif len(current) > keys:
            parts.append(current)
            current = head + [i]
            if not fits(current):
                return None
        else:
            return None
    parts.append(current)

    def share(indices, fixed: dict[int, int]) -> list[int]:
        """Widths of the part's columns: those in ``fixed`` (position -> width) as given, the
        others from their maximum, the widest narrowed together, never below their minimum,
        until the part fits (rich's own order, with the floors)."""
        widths = [fixed.get(j, spans[i][1]) for j, i in enumerate(indices)]
        excess = sum(widths) - room(indices)
        while excess > 0:
            open_ = [j for j, i in enumerate(indices) if j not in fixed and widths[j] > spans[i][0]]
            if not open_:  # cannot happen after fits(); the width check below catches it
                break
            high = max(widths[j] for j in open_)
            widest = [j for j in open_ if widths[j] == high]
            for j in widest[:excess]:
                widths[j] -= 1
            excess -= min(excess, len(widest))
        return widths

    out = []
    key_widths = None  # the first part's, so that every part's key columns line up
    for n, indices in enumerate(parts):
        rest = sum(spans[i][0] for i in indices[keys:])
        fixed = ({} if key_widths is None or sum(key_widths) + rest > room(indices)
                 else dict(enumerate(key_widths)))
        widths = share(indices, fixed)
        if key_widths is None:
            key_widths = widths[:keys]
        part = _plain(table)
        part.columns = []
        for position, (i, w) in enumerate(zip(indices, widths, strict=True)):
            column = copy.copy(columns[i])
            column.width, column.min_width, column.max_width, column.ratio = w, None, None, None
            column._index = position  # rich pads the first and last columns by it (pad_edge)
            part.columns.append(column)
        if n:
            part.title = None
        if n < len(parts) - 1:
            part.caption = None
        if len(parts) > 1:
            note = f"part {n + 1} of {len(parts)}"
            part.caption = f"{part.caption} ({note})" if part.caption else note
        wide = console.measure(part, options=console.options.update_width(1 << 16)).maximum
        if wide > console.width:  # a layout this count missed: let rich squeeze instead
            return None
        out.append(part)
    return out
