"""The console every transient progress bar draws on: stderr, silent unless it is a terminal.

rich draws a live bar only on a terminal, but on a pipe or a file it still writes a line break
when the bar stops, so a redirected stderr got a blank line before any message (``memcap bounds
--answer --max-inputs 0 2> log`` wrote "\\n" and then the one-line error). A quiet console
writes nothing there; on a terminal the bar is unchanged.
"""

from __future__ import annotations

__all__ = ["progress_console"]


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
