"""The one progress bar every command shows: a transient rich bar on stderr when rich would draw
there, else :class:`SilentProgress`.

Tables (:func:`print_table`) go to stdout whole: off a terminal rich would squeeze a wide table
into 80 columns and cut its numbers ("10…" for 1025).

rich draws a live bar only on a terminal, but on a pipe or a file it still wrote a line break
when the bar stopped, so a redirected stderr got a blank line before any message (``memcap bounds
--answer --max-inputs 0 2> log`` wrote "\\n" and then the one-line error), and importing rich's
progress module costs ≈ 0.1 s. Off a terminal nothing is imported and nothing is written.
"""

from __future__ import annotations

import os
import sys

__all__ = ["SilentProgress", "print_table", "progress_bar", "progress_console",
           "stderr_is_terminal"]


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
    return sys.stderr is not None and sys.stderr.isatty()


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
        """A new task id (0, 1, …)."""
        self._tasks += 1
        return self._tasks - 1

    def update(self, task: int, **_: object) -> None:
        """Nothing to draw."""

    def advance(self, task: int, advance: float = 1) -> None:
        """Nothing to draw."""

    def stop(self) -> None:
        """Nothing to stop (rich's ``Progress.stop``)."""

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


def print_table(table, console=None) -> None:
    """Print a rich ``table`` on stdout (or ``console``) with nothing cut off.

    Off a terminal (a pipe or a file) rich would squeeze a table wider than 80 columns (or
    ``$COLUMNS``) and shorten its cells, so ``memcap construct --size-table | cat`` printed
    "10…" for 1025; there the table is printed at its natural width instead. On a terminal
    narrower than the table rich still squeezes it, and one line on stderr says so and names
    the way out (a wider terminal, ``--markdown`` or ``--json``).

    Parameters
    ----------
    table : rich.table.Table
        The table to print (any rich renderable that can be measured).
    console : rich.console.Console, optional
        Where to print; ``None`` (default) makes a new ``Console()`` on stdout. Its width is
        widened only for the one print and then restored.

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
    """
    from rich.console import Console

    console = console or Console()
    natural = console.measure(table, options=console.options.update_width(1 << 16)).maximum
    if natural <= console.width:
        console.print(table)
    elif not console.is_terminal:
        width = console.width
        console.width = natural
        try:
            console.print(table)
        finally:
            console.width = width
    else:
        console.print(table)
        sys.stderr.write(f"(the table is {natural} columns wide and was squeezed into the "
                         f"terminal's {console.width}: widen the terminal, or use --markdown "
                         "or --json where the command has them)\n")
