"""Signals: ``kill PID`` (SIGTERM) and a closed terminal (SIGHUP) stop a memcap command the way
Ctrl-C does.

:func:`memcap.cli.main` runs every command inside :func:`sigterm_as_interrupt`, so a SIGTERM or
a SIGHUP becomes a KeyboardInterrupt: the command's ``with`` blocks and ``finally`` clauses run
(worker processes stopped, temporary files and folders removed), and it leaves with ``memcap:
interrupted`` and status 130, as docs/cli.md says for an interruption. Until 2026-12-03 only the
commands with worker processes did this; the others (``construct``, ``minimal``, ...) died at
once with status 143, leaving any temporary file they were writing; until 2026-12-05 a SIGHUP
(the terminal or ssh session closed) still did, and `compare --out` left an empty
``.memcap-figures-*`` folder beside its output on every such run.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["STOP_SIGNALS", "Termination", "sigterm_as_interrupt"]

#: The signals besides SIGINT that stop a command as Ctrl-C does (SIGHUP does not exist on
#: Windows); :func:`capacity.atomic_files.interrupts_deferred` holds the same ones back.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP")
                     if hasattr(signal, name))


class Termination:
    """What :func:`sigterm_as_interrupt` saw: ``signals`` is the number of SIGTERMs and SIGHUPs
    received while its block ran (a caller reports an interruption whenever it is not 0, even
    where the first one's KeyboardInterrupt was swallowed: Python drops an exception raised
    while a ``__del__``, a generator's finaliser or a weakref callback runs), ``ignored`` those
    of them that arrived during a cleanup and were let pass.

    Examples
    --------
    >>> import os, signal
    >>> with sigterm_as_interrupt() as term:   # nothing arrived
    ...     pass
    >>> term.fired, term.signals
    (False, 0)
    >>> try:
    ...     with sigterm_as_interrupt() as term:
    ...         os.kill(os.getpid(), signal.SIGTERM)
    ... except KeyboardInterrupt:
    ...     pass
    >>> term.fired, term.signals, term.ignored
    (True, 1, 0)
    """

    def __init__(self) -> None:
        self.signals = 0
        self.ignored = 0

    @property
    def fired(self) -> bool:
        """Whether a SIGTERM or SIGHUP arrived."""
        return self.signals > 0


@contextmanager
def sigterm_as_interrupt() -> Iterator[Termination]:
    """While the block runs, SIGTERM and SIGHUP raise KeyboardInterrupt in the main thread, so a
    command stopped with ``kill PID`` or by its terminal closing leaves as on Ctrl-C: each
    executor's ``with`` stops its worker processes (a :class:`ProcessExecutor` terminates them,
    a LocalCluster is closed) instead of leaving them running without their parent. A later
    signal that arrives while an exception is on its way out (the first one's cleanup) is
    ignored, and the third signal in all ends the process as that signal's default does; a
    later one that arrives while nothing is being cleaned up raises again (the first one's
    KeyboardInterrupt may have been swallowed by a finaliser, and the command would otherwise
    run on with the signal ignored). The previous
    handlers are restored when the block ends. The block gets a :class:`Termination` that counts
    the signals. Nothing is installed outside the main thread (where Python cannot install
    handlers), nor for a signal that is ignored (``trap '' TERM``, ``nohup`` for SIGHUP: the
    launcher meant it) or has a handler Python did not install.

    Examples
    --------
    >>> import os, signal
    >>> before = signal.getsignal(signal.SIGTERM)
    >>> try:
    ...     with sigterm_as_interrupt() as term:
    ...         os.kill(os.getpid(), signal.SIGTERM)
    ... except KeyboardInterrupt as exc:
    ...     print("interrupted by", exc, term.signals)
    interrupted by SIGTERM 1
    >>> signal.getsignal(signal.SIGTERM) is before
    True
    """
    term = Termination()

    def interrupt(signum, frame):
        term.signals += 1
        name = signal.Signals(signum).name
        # the first always stops the command (sys.exc_info() is also set inside any library's
        # unrelated `except`: PIL, sympy, imports); a later one again when nothing is on its way
        # out (the first one's interrupt was swallowed by a finaliser)
        if term.signals == 1 or sys.exc_info()[0] is None:
            raise KeyboardInterrupt(name)
        term.ignored += 1  # during the cleanup of an exception: let it finish ...
        if term.ignored >= 2:  # ... unless it takes too long for the sender: end as by default
            signal.signal(signum, signal.SIG_DFL)
            signal.raise_signal(signum)

    if threading.current_thread() is not threading.main_thread():
        yield term
        return
    previous = {}
    try:
        for signum in STOP_SIGNALS:
            if signal.getsignal(signum) not in (signal.SIG_IGN, None):
                previous[signum] = signal.signal(signum, interrupt)
        yield term
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
