"""Signals: ``kill PID`` (SIGTERM) and a closed terminal (SIGHUP) stop a memcap command the way
Ctrl-C does.

:func:`memcap.cli.main` runs every command inside :func:`sigterm_as_interrupt`, so a SIGTERM or
a SIGHUP becomes a KeyboardInterrupt: the command's ``with`` blocks and ``finally`` clauses run
(worker processes stopped, temporary files and folders removed), and it leaves with ``memcap:
interrupted`` and status 130, as docs/cli.md says for an interruption. Until 2026-12-03 only the
commands with worker processes did this; the others (``construct``, ``minimal``, ...) died at
once with status 143, leaving any temporary file they were writing; until 2026-12-05 a SIGHUP
(the terminal or ssh session closed) still did, and `compare --out` left an empty
``.memcap-figures-*`` folder beside its output on every such run. Python drops an exception
raised while a finaliser runs (a ``__del__``, a weakref callback, a generator closed by the
garbage collector); a signal landing there lost its interrupt, and the command ran on to its end
(then status 130, or 0 for a Ctrl-C) until 2026-12-06: the interrupt is now delivered again
once the finaliser is over, by a thread that repeats it until it lands outside the report of the
swallowed one.
"""

from __future__ import annotations

import _thread
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["REDELIVERY_DELAY_S", "STOP_SIGNALS", "Termination", "sigterm_as_interrupt"]

#: Seconds after a finaliser swallowed an interrupt before it is raised again (then again after
#: doubling waits, up to 1 s, while it keeps landing inside :data:`sys.unraisablehook`, where
#: Python would swallow it once more).
REDELIVERY_DELAY_S = 0.05

#: The signals besides SIGINT that stop a command as Ctrl-C does (SIGHUP does not exist on
#: Windows); :func:`capacity.atomic_files.interrupts_deferred` holds the same ones back.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP")
                     if hasattr(signal, name))


class Termination:
    """What :func:`sigterm_as_interrupt` saw: ``signals`` is the number of SIGTERMs and SIGHUPs
    received while its block ran, and of Ctrl-Cs a finaliser swallowed (a caller reports an
    interruption whenever it is not 0, even where the first one's KeyboardInterrupt was
    swallowed: Python drops an exception raised while a ``__del__``, a generator's finaliser or
    a weakref callback runs), ``ignored`` those of them that arrived during a cleanup and were
    let pass.

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
        self.redelivered = 0

    @property
    def fired(self) -> bool:
        """Whether a SIGTERM or SIGHUP arrived."""
        return self.signals > 0


def _send(signum: int) -> None:
    """``signum`` to the main thread as a real signal, which also cuts short a blocking call
    there (``_thread.interrupt_main`` only sets Python's flag: a redelivery waited for the end
    of a ``time.sleep`` or a lock wait)."""
    if hasattr(signal, "pthread_kill"):
        signal.pthread_kill(threading.main_thread().ident, signum)
    else:  # Windows
        _thread.interrupt_main(signum)


def _inside(frame, code) -> bool:
    """Whether ``frame`` or a frame that called it runs ``code``."""
    while frame is not None:
        if frame.f_code is code:
            return True
        frame = frame.f_back
    return False


@contextmanager
def sigterm_as_interrupt() -> Iterator[Termination]:
    """While the block runs, SIGTERM and SIGHUP raise KeyboardInterrupt in the main thread, so a
    command stopped with ``kill PID`` or by its terminal closing leaves as on Ctrl-C: each
    executor's ``with`` stops its worker processes (a :class:`ProcessExecutor` terminates them,
    a LocalCluster is closed) instead of leaving them running without their parent. A later
    signal that arrives while an exception is on its way out (the first one's cleanup) is
    ignored, and the third signal in all ends the process as that signal's default does; a
    later one that arrives while nothing is being cleaned up raises again. An interrupt that a
    finaliser swallowed (Python reports it through :data:`sys.unraisablehook` and goes on), a
    Ctrl-C's too (counted in ``signals``; Ctrl-C is then handled by this block's handler until
    it ends), is raised again :data:`REDELIVERY_DELAY_S` later, so the command still stops (a
    signal that arrives while that hook runs is delivered once it is over; a process that keeps
    its main thread inside the hook, reporting one unrelated swallowed exception after another,
    may end before it takes it, and ``signals`` still counts it). The previous
    handlers (and the unraisable hook) are restored when the block ends. The block gets a
    :class:`Termination` that counts the signals. Nothing is installed outside the main thread
    (where Python cannot install handlers), nor for a signal that is ignored (``trap '' TERM``,
    ``nohup`` for SIGHUP: the launcher meant it) or has a handler Python did not install.

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
    raised: list[BaseException] = []  # the interrupts this handler raised, the latest last
    redelivery: list[threading.Thread] = []  # the thread that delivers a swallowed one again
    redeliver = threading.Event()  # set while a redelivery is due (the next call raises)
    sending = threading.Lock()  # a redelivery is sent only while the block's handlers are in
    sent = threading.Event()  # a redelivery is on its way (tells it from a new signal)
    closing = threading.Event()  # the block is restoring them: signals are counted, not raised

    def stop(name: str):
        raised[:] = [KeyboardInterrupt(name)]
        raise raised[0]

    def start_redelivery(signum: int) -> None:
        """Deliver ``signum`` again from :data:`REDELIVERY_DELAY_S` on, until the main
        thread takes it outside the hook (one thread; it never starts from the handler twice)."""
        redeliver.set()
        if any(t.is_alive() for t in redelivery):
            return
        thread = threading.Thread(target=deliver_again, args=(signum,), daemon=True,
                                  name="memcap-redeliver")
        redelivery[:] = [thread]
        thread.start()

    def deliver_again(signum: int) -> None:
        delay = REDELIVERY_DELAY_S
        while True:
            time.sleep(delay)
            with sending:  # the block cannot restore its handlers in between (the signal
                if not redeliver.is_set():  # would meet SIGTERM's default: death)
                    return  # taken (or the block ended)
                # once when the handler is not this block's (Python's own for a Ctrl-C caught
                # in a worker thread, or one that code in the block installed): nothing would
                # tell this thread it was taken, and it was resent until the block ended
                once = signal.getsignal(signum) is not interrupt
                if once:
                    redeliver.clear()
                else:
                    sent.set()
                _send(signum)
            if once:
                return
            delay = min(max(2 * delay, 0.001), 1.0)  # landed in the hook again: retry

    def interrupt(signum, frame):
        name = signal.Signals(signum).name
        if closing.is_set():  # the block is over and restoring the handlers: raising here
            if not redeliver.is_set():  # would skip the restore; the caller reports it
                term.signals += 1
            return
        if _inside(frame, unraisable.__code__):  # an interrupt raised in the hook is swallowed
            # by Python's report of the hook (a busy process ran on, 2026-12-06 diff review):
            if not redeliver.is_set():  # a new signal, counted and delivered after the hook
                term.signals += 1
                start_redelivery(signum)
            return  # the pending redelivery comes again
        if redeliver.is_set():  # a swallowed interrupt, raised again, or a new signal that
            redeliver.clear()  # came first and stops the command in its place (counted: the
            if not sent.is_set():  # third signal in all still ends the process, review)
                term.signals += 1
            sent.clear()
            stop(name)
        term.signals += 1
        # the first always stops the command (sys.exc_info() is also set inside any library's
        # unrelated `except`: PIL, sympy, imports); a later one again when nothing is on its way
        # out (a finaliser swallowed the first one's interrupt and the redelivery failed)
        if term.signals == 1 or sys.exc_info()[0] is None:
            stop(name)
        if term.signals >= 3:  # the third signal in all, during a cleanup: end as by default
            signal.signal(signum, signal.SIG_DFL)  # (the sender will not wait for it)
            signal.raise_signal(signum)
        term.ignored += 1  # during the cleanup of an exception: let it finish

    def unraisable(report) -> None:
        """A finaliser swallowed an interrupt (one of ours, or Ctrl-C's): raise it again
        shortly; any other report goes to the previous hook."""
        exc = report.exc_value
        ours = bool(raised) and exc is raised[0]
        ctrl_c = (isinstance(exc, KeyboardInterrupt) and not ours
                  and signal.getsignal(signal.SIGINT) is signal.default_int_handler)
        if not (ours or ctrl_c):
            return previous_hook(report)
        raised.clear()
        term.redelivered += 1
        if ctrl_c:  # a Ctrl-C that arrived: counted, so the command reports an interruption
            term.signals += 1  # even if it ends first (it exited 0, 2026-12-06 review), and
            if threading.current_thread() is threading.main_thread():  # delivered by this
                # module's handler, which knows when it would land inside this hook (Python's
                # own raised there and the Ctrl-C was lost again)
                previous[signal.SIGINT] = signal.signal(signal.SIGINT, interrupt)
        start_redelivery(getattr(signal, str(exc), STOP_SIGNALS[0]) if ours else signal.SIGINT)
        return None

    if threading.current_thread() is not threading.main_thread():
        yield term
        return
    previous = {}
    previous_hook = sys.unraisablehook
    try:
        for signum in STOP_SIGNALS:
            handler = signal.getsignal(signum)
            if handler not in (signal.SIG_IGN, None):
                previous[signum] = handler  # before the install: a signal landing inside it
                signal.signal(signum, interrupt)  # left the handler for good (review)
        sys.unraisablehook = unraisable
        yield term
    finally:
        _restore(closing, sending, redeliver, previous, unraisable, previous_hook)


def _restore(closing, sending, redeliver, previous: dict, hook, previous_hook) -> None:
    """Put back the handlers and the unraisable hook that :func:`sigterm_as_interrupt` replaced,
    even if an interrupt lands on the way (a Ctrl-C under Python's own handler, or one of ours
    before ``closing`` is set): the restore is done again and the interrupt raised after it (it
    aborted the restore and left the block's handlers installed, 2026-12-06 review)."""
    late = None
    while True:
        try:
            closing.set()
            with sending:
                redeliver.clear()  # a pending redelivery's thread returns at its next look
            if sys.unraisablehook is hook:
                sys.unraisablehook = previous_hook
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            break
        except KeyboardInterrupt as exc:
            late = late or exc
    if late is not None:
        raise late
