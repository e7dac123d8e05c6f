"""Signals: ``kill PID`` (SIGTERM) stops a memcap command the way Ctrl-C does.

:func:`memcap.cli.main` runs every command inside :func:`sigterm_as_interrupt`, so a SIGTERM
becomes a KeyboardInterrupt: the command's ``with`` blocks and ``finally`` clauses run (worker
processes stopped, temporary files and folders removed), and it leaves with ``memcap:
interrupted`` and status 130, as docs/cli.md says for an interruption. Until 2026-12-03 only the
commands with worker processes did this; the others (``construct``, ``minimal``, ...) died at
once with status 143, leaving any temporary file they were writing.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["sigterm_as_interrupt"]


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While the block runs, SIGTERM raises KeyboardInterrupt in the main thread, so a command
    stopped with ``kill PID`` leaves as on Ctrl-C: each executor's ``with`` stops its worker
    processes (a :class:`ProcessExecutor` terminates them, a LocalCluster is closed) instead of
    leaving them running without their parent. A second SIGTERM while that cleanup runs is
    ignored; the previous handler is restored when the block ends. Outside the main thread,
    where Python cannot install handlers, the block runs unchanged.

    Examples
    --------
    >>> import os, signal
    >>> before = signal.getsignal(signal.SIGTERM)
    >>> try:
    ...     with sigterm_as_interrupt():
    ...         os.kill(os.getpid(), signal.SIGTERM)
    ... except KeyboardInterrupt as exc:
    ...     print("interrupted by", exc)
    interrupted by SIGTERM
    >>> signal.getsignal(signal.SIGTERM) is before
    True
    """
    def interrupt(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one interrupt; let the cleanup finish
        raise KeyboardInterrupt("SIGTERM")

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
