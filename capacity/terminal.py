"""The console every transient progress bar draws on: stderr, silent unless it is a terminal.

rich draws a live bar only on a terminal, but on a pipe or a file it still writes a line break
when the bar stops, so a redirected stderr got a blank line before any message (``memcap bounds
--answer --max-inputs 0 2> log`` wrote "\\n" and then the one-line error). A quiet console
writes nothing there; on a terminal the bar is unchanged.
"""

from __future__ import annotations

import os
import sys

__all__ = ["progress_console", "stderr_is_terminal"]


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
