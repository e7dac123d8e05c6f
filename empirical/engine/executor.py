"""Executors for sweeps and searches: run ``fn`` over a list of tasks, results in task order.

* :class:`InProcessExecutor` (the default) calls ``fn`` in this process, one task after another.
* :class:`ProcessExecutor` runs the tasks in K worker processes of this machine (the standard
  library's ``concurrent.futures``; no extra dependency), each with its own torch thread count.
* :class:`DaskExecutor` ships the tasks to Dask ``distributed`` workers: either an existing
  cluster (``scheduler="tcp://HOST:PORT"``, started with ``dask scheduler`` / ``dask worker``, see
  docs/sweeps.md) or a ``LocalCluster`` of K single-threaded worker processes on loopback only
  (127.0.0.1, no dashboard), which it starts and, on close, stops.

``fn`` and the tasks must be picklable (module-level functions, dataclass configs). Results come
back in task order whatever order the workers finish in, so a sweep's table does not depend on
the executor. Both executors are context managers; use ``with make_executor(...) as ex:``.
Every command runs inside :func:`capacity.interrupts.sigterm_as_interrupt`, so that ``kill PID``
stops its worker processes too, as Ctrl-C does, instead of leaving them running.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any, Protocol, Self, runtime_checkable

from capacity.errors import UsageError

__all__ = ["MAX_WORKERS", "ClosesOnExit", "DaskExecutor", "Executor", "InProcessExecutor",
           "ProcessExecutor",
           "available_cpus", "check_executor", "check_threads", "make_executor", "parse_scheduler",
           "run_beside", "set_threads"]

#: Most local worker processes or Dask workers one command starts (10^30 overflowed in the
#: process pool and ran a LocalCluster out of memory: status 70).
MAX_WORKERS = 1024

_ADDRESS = re.compile(r"^(tcp|tls)://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})$")


@runtime_checkable
class Executor(Protocol):
    """What sweeps and searches need: an ordered ``map`` and a context-manager lifecycle.

    Examples
    --------
    >>> isinstance(InProcessExecutor(), Executor)
    True
    """

    def map(self, fn: Callable[[Any], Any], tasks: Iterable[Any],
            progress: bool | str | Callable[[int, int], None] = False,
            on_result: Callable[[int, Any], None] | None = None) -> list[Any]:
        """``[fn(t) for t in tasks]``; ``progress`` (True or a label) shows a bar on stderr, a
        callable is called as ``progress(done, total)`` each time a task finishes;
        ``on_result(i, result)`` is called in this process as task ``i`` finishes (so a sweep
        saves each finished group at once, not when the whole batch is back).

        An implementation must return the results in task order whatever order the tasks
        finish in, call ``on_result`` once per finished task with its index in ``tasks``, call
        a callable ``progress`` with the count done so far and the total, and raise a task's
        own exception in the caller.

        Examples
        --------
        On :class:`InProcessExecutor`, which finishes the tasks in order:

        >>> results, counts = [], []
        >>> InProcessExecutor().map(lambda x: x * x, [3, 1, 2],
        ...                         progress=lambda done, total: counts.append((done, total)),
        ...                         on_result=lambda i, r: results.append((i, r)))
        [9, 1, 4]
        >>> results, counts
        ([(0, 9), (1, 1), (2, 4)], [(1, 3), (2, 3), (3, 3)])
        """

    def close(self) -> None:
        """Release what the executor started.

        An implementation stops the workers, clusters or connections it started (none for an
        in-process executor) and is safe to call twice; ``with`` calls it on the way out.

        Examples
        --------
        On :class:`InProcessExecutor`, which started nothing (so it can still map afterwards):

        >>> ex = InProcessExecutor()
        >>> with ex:
        ...     ex.map(len, ["ab", "c"])
        [2, 1]
        >>> ex.close(); ex.map(len, ["xyz"])   # closed twice: harmless
        [3]
        """

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc: object) -> None: ...


def _bar(progress: bool | str | Callable[[int, int], None], total: int):
    """``(bar, task)``, a started :func:`capacity.terminal.progress_bar` (the one mechanism every
    command draws with: silent where stderr is not a terminal), or None when progress is off or
    a callable. Stopped with ``bar.stop()``."""
    if not progress or callable(progress):
        return None
    from capacity.terminal import progress_bar

    bar = progress_bar(counts=True)
    bar.__enter__()
    label = progress if isinstance(progress, str) else "tasks"
    return bar, bar.add_task(label, total=total)


class ClosesOnExit:
    """The context-manager half of :class:`Executor`: ``with`` returns the executor and calls its
    ``close()`` on the way out (an executor that must act differently on an error, as
    :class:`ProcessExecutor` does, defines its own ``__exit__``).

    Examples
    --------
    >>> class Pool(ClosesOnExit):
    ...     closed = False
    ...     def close(self):
    ...         self.closed = True
    >>> with Pool() as pool:
    ...     pool.closed
    False
    >>> pool.closed
    True
    >>> isinstance(InProcessExecutor(), ClosesOnExit)
    True
    """

    def close(self) -> None:
        """Nothing to release.

        Subclasses that start something override it; this default is what
        :class:`InProcessExecutor` inherits.

        Examples
        --------
        >>> ex = InProcessExecutor()
        >>> InProcessExecutor.close is ClosesOnExit.close
        True
        >>> ex.close(); ex.map(abs, [-5])   # nothing was released: the executor still works
        [5]
        """

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class InProcessExecutor(ClosesOnExit):
    """Run tasks here, in order.

    Examples
    --------
    >>> with InProcessExecutor() as ex:
    ...     ex.map(abs, [-2, 3, -4])
    [2, 3, 4]
    """

    def map(self, fn: Callable[[Any], Any], tasks: Iterable[Any],
            progress: bool | str | Callable[[int, int], None] = False,
            on_result: Callable[[int, Any], None] | None = None) -> list[Any]:
        """Apply ``fn`` to every task in order; see :class:`Executor`.

        Examples
        --------
        A failing task stops the map with its own exception; the tasks before it were handed
        to ``on_result`` already (a sweep has saved them):

        >>> saved = []
        >>> InProcessExecutor().map(lambda x: 1 / x, [1, 2, 0, 4],
        ...                         on_result=lambda i, r: saved.append((i, r)))
        Traceback (most recent call last):
        ...
        ZeroDivisionError: division by zero
        >>> saved
        [(0, 1.0), (1, 0.5)]
        """
        tasks = list(tasks)
        bar = _bar(progress, len(tasks))
        out = []
        try:
            for task in tasks:
                out.append(fn(task))
                if on_result is not None:
                    on_result(len(out) - 1, out[-1])
                if bar:
                    bar[0].advance(bar[1])
                elif callable(progress):
                    progress(len(out), len(tasks))
        finally:
            if bar:
                bar[0].stop()
        return out


def available_cpus() -> int:
    """CPU cores this process may run on (its affinity mask where the OS has one).

    Examples
    --------
    >>> available_cpus() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


#: Seconds between a worker's checks that the process that started it is still alive.
PARENT_CHECK_S = 1.0


def _exit_with_parent(parent: int) -> None:
    """Leave this worker process (without cleanup: it holds no file open for writing) once its
    parent is gone — reparented, so ``os.getppid()`` changes. A parent killed by SIGKILL cannot
    stop its workers, and they trained on as orphans to the end of their task (2026-12-04
    review)."""
    import time

    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def _init_worker(threads: int, preload: tuple[str, ...] = (), parent: int | None = None
                 ) -> None:
    """Process-pool initializer: the torch thread count of every task in this worker, and the
    modules its tasks will need, imported now (while the parent is still busy) instead of on
    the first task. Ctrl-C is the parent's to handle: it stops the workers (``close``), which
    otherwise each printed a KeyboardInterrupt traceback beside ``memcap: interrupted``. A
    daemon thread ends the worker within :data:`PARENT_CHECK_S` of the death of ``parent``
    (the pid the parent passed in: a worker that read ``os.getppid()`` itself after a kill
    during its start-up watched init and trained on, review; None: this process's parent)."""
    threading.Thread(target=_exit_with_parent, args=(os.getppid() if parent is None else parent,),
                     daemon=True, name="memcap-parent-watch").start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if threads:
        import torch

        torch.set_num_threads(threads)
    import importlib

    for name in preload:
        importlib.import_module(name)


def _noop(_: object = None) -> None:
    """A task that does nothing (it makes the pool start a worker)."""


#: The -W option that silences the resource tracker's leak warning (added by
#: :meth:`ProcessExecutor._pool_locked`).
_QUIET_TRACKER = "ignore:resource_tracker:UserWarning"


def _start_tracker_without_sighup() -> None:
    """Start multiprocessing's resource tracker (if it is not running) with SIGHUP blocked.

    The tracker ignores SIGINT and SIGTERM but not SIGHUP, so a closed terminal (SIGHUP to the
    whole foreground process group) killed it beside the workers; memcap then warned
    "resource_tracker: process died unexpectedly, relaunching" and the new tracker printed a
    KeyError traceback per semaphore after "memcap: interrupted" (2026-12-07 audit). A blocked
    signal stays blocked across the tracker's exec (it unblocks only SIGINT and SIGTERM), and
    the tracker still leaves when memcap does (its pipe closes).
    """
    import signal
    from multiprocessing import resource_tracker

    hup = getattr(signal, "SIGHUP", None)
    if hup is None or not hasattr(signal, "pthread_sigmask"):  # Windows
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {hup})
    try:
        resource_tracker.ensure_running()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


class ProcessExecutor:
    """Run tasks in ``workers`` local worker processes (``concurrent.futures``, spawned).

    Workers are started fresh (the ``spawn`` start method: no state or torch thread pool is
    inherited from this process), each sets ``torch.set_num_threads(threads)`` once, and every
    task runs whole in one worker. Results come back in task order.

    Parameters
    ----------
    workers : int
        Worker processes (at least 1).
    threads : int
        torch CPU threads per worker (0: torch's default).
    preload : tuple of str
        Modules each worker imports when it starts (see :meth:`start`).

    Examples
    --------
    >>> with ProcessExecutor(workers=2) as ex:
    ...     ex.map(abs, [-2, 3, -4])
    [2, 3, 4]
    >>> ProcessExecutor(workers=0)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --workers must be at least 1, got 0
    """

    def __init__(self, workers: int = 2, threads: int = 1, preload: tuple[str, ...] = ()):
        if int(workers) < 1:
            raise UsageError(f"--workers must be at least 1, got {workers}")
        self.workers, self.threads, self.preload = int(workers), int(threads), tuple(preload)
        self._pool = None
        self._busy = 0  # map calls under way (a caller may run one from a background thread)
        self._lock = threading.Lock()
        self._failed = False  # closed by an error: no new pool (see close)

    def _pool_locked(self):
        """The pool, created if there is none; the caller holds ``self._lock`` (two first maps
        from two threads made two pools, one never closed). After a close on an error there is
        none: a RuntimeError instead."""
        if self._failed:
            raise RuntimeError("this ProcessExecutor was closed by an error; it starts no more "
                               "work")
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # multiprocessing's resource tracker (started with this process's -W options)
            # unlinks the queues' semaphores itself when an interrupt ends memcap before the
            # pool closes, and warned about them in two lines after "memcap: interrupted"
            # (2026-12-04 CLI fuzz); nothing is left behind, so the warning is dropped
            if _QUIET_TRACKER not in sys.warnoptions:
                sys.warnoptions.append(_QUIET_TRACKER)
            _start_tracker_without_sighup()

            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker, initargs=(self.threads, self.preload, os.getpid()))
        return self._pool

    def start(self, workers: int | None = None) -> None:
        """Start ``workers`` workers (default all; at most all) now, without waiting for them,
        so that their start-up (a Python interpreter, torch and the ``preload`` modules: ≈ 1.5 s
        each) overlaps this process's own imports instead of following the first :meth:`map`.
        Nothing else changes: the tasks and their results are the same, and a later
        :meth:`map` starts the rest if it needs them.

        Examples
        --------
        >>> with ProcessExecutor(workers=2) as ex:
        ...     ex.start()
        ...     ex.map(abs, [-1])
        [1]
        """
        count = self.workers if workers is None else max(0, min(int(workers), self.workers))
        with self._lock:  # as a map's submits: not onto a pool a close() is shutting down
            pool = self._pool_locked()
            for _ in range(count):  # no worker is idle yet, so each submit spawns one
                pool.submit(_noop)

    def map(self, fn: Callable[[Any], Any], tasks: Iterable[Any],
            progress: bool | str | Callable[[int, int], None] = False,
            on_result: Callable[[int, Any], None] | None = None) -> list[Any]:
        """Submit every task, return results in task order; see :class:`Executor`.

        Examples
        --------
        The class example maps on two worker processes (≈ 2 s to start them, so not repeated
        here). An empty task list returns at once, without starting a worker process:

        >>> ex = ProcessExecutor(workers=2)
        >>> ex.map(abs, []), ex._pool is None
        ([], True)
        """
        from concurrent.futures import FIRST_COMPLETED, wait

        tasks = list(tasks)
        if not tasks:
            return []
        futures, bar = [], None
        try:
            # counted and submitted whole before a close() in another thread reads the count
            # and takes the pool away: a close() between the two (or between two submits)
            # shut the pool down under the map ("cannot schedule new futures after shutdown")
            with self._lock:
                self._busy += 1
                pool = self._pool_locked()
                for t in tasks:  # one by one: a failed submit cancels those before it
                    futures.append(pool.submit(fn, t))
            index = {fut: i for i, fut in enumerate(futures)}
            bar = _bar(progress, len(tasks))
            pending, done = set(futures), 0
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                failed = [f for f in finished if f.exception() is not None]
                for fut in sorted(set(finished) - set(failed), key=index.__getitem__):
                    if on_result is not None:  # every finished result first: a sweep saves
                        on_result(index[fut], fut.result())  # its groups before a failure
                    done += 1
                    if bar:
                        bar[0].advance(bar[1])
                    elif callable(progress):
                        progress(done, len(tasks))
                if failed:  # then re-raise the (first) task's own exception here
                    min(failed, key=index.__getitem__).result()
            return [f.result() for f in futures]
        except BaseException:
            for f in futures:
                f.cancel()
            raise
        finally:
            with self._lock:
                self._busy -= 1
            if bar:
                bar[0].stop()

    def close(self, terminate: bool = False) -> None:
        """Shut the worker processes down: after every task submitted so far, or at once with
        ``terminate`` (how the context manager leaves on an error or Ctrl-C, so a failed run does
        not wait for its workers' long tasks). A map under way in another thread therefore still
        returns all its results, queued tasks included. With no map under way the idle workers
        are stopped at once too: a graceful exit costs each ≈ 0.5 s of interpreter teardown
        (torch loaded) and loses nothing a finished task returned. A graceful close leaves the
        executor usable (a later map starts new workers); after ``terminate`` a later
        :meth:`map` or :meth:`start` raises RuntimeError instead of starting workers.

        Examples
        --------
        Leaving ``with`` normally closes gracefully; leaving on an exception terminates (no
        worker is started here: the pool starts with the first :meth:`map` or :meth:`start`):

        >>> class Shown(ProcessExecutor):
        ...     def close(self, terminate=False):
        ...         print("terminate" if terminate else "graceful")
        ...         super().close(terminate)
        >>> with Shown(workers=1):
        ...     pass
        graceful
        >>> try:
        ...     with Shown(workers=1):
        ...         raise RuntimeError("a task failed")
        ... except RuntimeError:
        ...     pass
        terminate
        """
        with self._lock:  # a map either submitted all its tasks already or gets a new pool
            pool, self._pool = self._pool, None
            idle = not self._busy
            # closed by an error for good: a map still to come from another thread (run_beside's
            # background, when the foreground failed first) started a new pool, and the
            # interpreter's exit waited for its tasks (2026-12-07 review)
            self._failed = self._failed or terminate
        if pool is not None:
            if terminate or idle:  # the pool's processes (a private attribute)
                for proc in list((getattr(pool, "_processes", None) or {}).values()):
                    proc.terminate()
            # Queued tasks are cancelled only when terminating: a cancelled future never wakes
            # the map's wait(), which would then hang.
            pool.shutdown(wait=True, cancel_futures=terminate)

    def __enter__(self) -> ProcessExecutor:
        return self

    def __exit__(self, exc_type, *exc: object) -> None:
        self.close(terminate=exc_type is not None)


def run_beside(background: Callable[[], Any], foreground: Callable[[], Any],
               executor: Executor | None = None) -> tuple[Any, Any]:
    """Run ``background()`` in a thread while ``foreground()`` runs in this one; return both
    results ``(background's, foreground's)``.

    For work that waits on worker processes (a study's ``map`` on ``executor``) beside work this
    process can do meanwhile (drawing figures): the waiting costs no CPU, so both cores stay
    busy. When ``executor`` is an :class:`InProcessExecutor` the background work is this
    process's own, so the two run one after the other. An exception in ``foreground`` is raised
    at once, without waiting for ``background`` (whose executor the caller's ``with`` block then
    stops); one in ``background`` is raised after ``foreground``.

    Parameters
    ----------
    background : callable
        Called with no arguments in a worker thread (or first, in this thread, for an
        :class:`InProcessExecutor`).
    foreground : callable
        Called with no arguments in this thread.
    executor : Executor or None, default None
        The executor ``background`` submits its work to; only an :class:`InProcessExecutor`
        changes anything (sequential calls).

    Returns
    -------
    tuple
        ``(background(), foreground())``.

    Examples
    --------
    >>> run_beside(lambda: sum(range(10)), lambda: "figures")
    (45, 'figures')
    """
    if isinstance(executor, InProcessExecutor):
        return background(), foreground()
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=1)
    try:
        future = pool.submit(background)
        here = foreground()
    except BaseException:
        pool.shutdown(wait=False)
        raise
    pool.shutdown(wait=True)
    return future.result(), here


def parse_scheduler(address: str) -> str:
    """Check a scheduler address ``tcp://HOST:PORT`` and return it; ``tls://`` is refused (Dask
    needs certificates for it, which memcap takes no option for: it was a TypeError, status 70,
    2026-12-06 fuzzing).

    Examples
    --------
    >>> parse_scheduler("tcp://10.0.0.5:8786")
    'tcp://10.0.0.5:8786'
    >>> parse_scheduler("10.0.0.5")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: malformed scheduler address '10.0.0.5'; write tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786
    >>> parse_scheduler("tls://10.0.0.5:8786")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: scheduler address 'tls://10.0.0.5:8786': tls:// needs TLS ...
    """
    m = _ADDRESS.match(address.strip())
    if not m or not 0 < int(m.group(3)) < 65536:
        raise UsageError(f"malformed scheduler address {address!r}; write tcp://HOST:PORT, "
                         "e.g. tcp://10.0.0.5:8786")
    if m.group(1) == "tls":
        raise UsageError(f"scheduler address {address!r}: tls:// needs TLS certificates, which "
                         "memcap cannot pass to Dask; use a tcp:// address")
    return address.strip()


class _WithThreads:
    """A task function that first sets the worker's torch threads (Dask workers are started
    with one thread; the in-process and ProcessExecutor runs honour ``--threads``)."""

    def __init__(self, fn: Callable[[Any], Any], threads: int):
        self.fn, self.threads = fn, threads

    def __call__(self, task: Any) -> Any:
        if self.threads:
            import torch

            if torch.get_num_threads() != self.threads:
                torch.set_num_threads(self.threads)
        return self.fn(task)


def _accepts(scheduler: str) -> bool:
    """Whether something accepts a TCP connection at the scheduler's host and port (one
    attempt, 1 s): tells a silent service from a refused port whose Dask connect was slow."""
    import socket

    m = _ADDRESS.match(scheduler.strip())
    try:
        with socket.create_connection((m.group(2).strip("[]"), int(m.group(3))), timeout=1.0):
            return True
    except OSError:
        return False


def _connect(scheduler: str, timeout: float):
    """A ``distributed.Client`` of ``scheduler``, or a one-line ``ConnectionError``: within
    ``timeout`` s plus a grace second for the handshake, whatever answers at the address (a
    service that accepts and stays silent made ``Client`` wait for ever; one that sends a
    banner made it read a frame length from the banner and fail with a MemoryError)."""
    from distributed import Client

    box: dict[str, Any] = {}
    lock, abandoned = threading.Lock(), threading.Event()

    def connect() -> None:
        # A Client that failed half-way is garbage whose __del__ closes it, and close() takes
        # distributed's LoopRunner lock. Collected inside another Client's start, which holds
        # that lock while it makes a thread, it deadlocked (a test run hung at teardown,
        # 2026-12-01). So collect here, before starting, and free a failed one at once.
        gc.collect()
        try:
            client = Client(scheduler, timeout=timeout)
        except BaseException as err:  # reported below, in the calling thread
            box["error"] = err.with_traceback(None)  # the traceback held the half-built Client
            del err
            gc.collect()
            return
        with lock:
            if abandoned.is_set():  # the caller gave up: a late client is closed, not leaked
                client.close()
            else:
                box["client"] = client

    thread = threading.Thread(target=connect, name="memcap-dask-connect", daemon=True)
    thread.start()
    thread.join(timeout + 1.0)
    fix = "start it with `dask scheduler` or check the address"
    with lock:
        if thread.is_alive() and "client" not in box:
            abandoned.set()
            if not _accepts(scheduler):  # the attempt was only slow (a loaded machine): nothing
                raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler} within "
                                      f"{timeout:g} s; {fix}")  # listens there
            raise ConnectionError(f"no Dask scheduler answered at {scheduler} within "
                                  f"{timeout:g} s (something accepted the connection but did "
                                  f"not speak Dask); {fix}")
    err = box.get("error")
    if isinstance(err, (OSError, TimeoutError)):
        raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler} within "
                              f"{timeout:g} s ({type(err).__name__}); {fix}") from None
    if isinstance(err, (MemoryError, EOFError)):
        # what Dask's frame reader raises on bytes that are not its protocol (a banner's
        # text read as a frame length asks for exabytes)
        raise ConnectionError(f"the service at {scheduler} is not a Dask scheduler (its answer "
                              f"is not Dask's protocol: {type(err).__name__}: {err}); "
                              f"{fix}") from None
    if err is not None:  # anything else (a TLS address without TLS settings, a bug) as it is
        raise err
    return box["client"]


class DaskExecutor(ClosesOnExit):
    """Run tasks on Dask ``distributed`` workers (an existing scheduler, or a LocalCluster).

    Parameters
    ----------
    scheduler : str, optional
        ``tcp://HOST:PORT`` of a running ``dask scheduler``. When None, a LocalCluster is started.
    workers : int
        Worker processes of the LocalCluster; ignored with ``scheduler`` (then :attr:`workers`
        is the cluster's worker count when it connects).
    timeout : float
        Seconds to wait for the scheduler before giving up with a one-line error.
    threads : int
        torch CPU threads each task runs with, as :class:`ProcessExecutor`'s (0: the worker's
        own setting, which is one thread on a LocalCluster).

    Examples
    --------
    >>> DaskExecutor(scheduler="localhost:8786")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: malformed scheduler address 'localhost:8786'; write ...
    """

    def __init__(self, scheduler: str | None = None, workers: int = 2, timeout: float = 5.0,
                 threads: int = 0):
        if scheduler is not None:
            scheduler = parse_scheduler(scheduler)
        elif int(workers) < 1:
            raise UsageError(f"--dask-workers must be at least 1, got {workers}")
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("Dask is not installed: pip install 'memcap[dask]' to use "
                             "--dask-workers or --scheduler") from None

        self.scheduler, self.workers, self.threads = scheduler, int(workers), int(threads)
        self._cluster = None
        if scheduler is None:
            # silence_logs: the workers' own log lines stay off memcap's stderr; a task's
            # exception reaches the caller through its future (map re-raises it), and the
            # workers printed it again as a five-line "Compute Failed" record with its
            # traceback, and "Failed to communicate with scheduler during heartbeat" with a
            # CommClosedError traceback when the cluster closed (2026-12-04 audit).
            # dashboard_address: the scheduler's HTTP server on a free local port (None still
            # tried 8787, and Dask printed a four-line "Port 8787 is already in use" warning on
            # a successful run whenever another cluster held it, 2026-12-06)
            self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                         processes=True, dashboard_address="127.0.0.1:0",
                                         host="127.0.0.1", silence_logs=logging.CRITICAL)
            gc.collect()  # no stray Client's __del__ inside this one's start (see _connect)
            try:
                self._client = Client(self._cluster)
            except BaseException:  # no executor exists to close it: its processes stayed up
                self._cluster.close()
                raise
            return
        self._client = _connect(scheduler, timeout)
        # an existing cluster has as many workers as it has (the sweep's chunk is 2 × workers;
        # nthreads() lists every worker, scheduler_info() at most 5 in some Dask releases)
        self.workers = max(1, len(self._client.nthreads()))

    def map(self, fn: Callable[[Any], Any], tasks: Iterable[Any],
            progress: bool | str | Callable[[int, int], None] = False,
            on_result: Callable[[int, Any], None] | None = None) -> list[Any]:
        """Submit every task, gather results in task order; see :class:`Executor`.

        Tasks finish on the workers in any order; each result is put in its task's place, and
        ``on_result`` and ``progress`` are called in this process as they come back.

        Examples
        --------
        A :class:`DaskExecutor` needs a running cluster (a LocalCluster takes seconds to
        start), so this example runs the same call on :class:`InProcessExecutor`, which keeps
        the same contract; a DaskExecutor returns the same list:

        >>> finished = []
        >>> InProcessExecutor().map(str.upper, ["a", "b", "c"],
        ...                         on_result=lambda i, r: finished.append(i))
        ['A', 'B', 'C']
        >>> sorted(finished)   # every index once (in completion order on a cluster)
        [0, 1, 2]
        """
        from distributed import as_completed

        tasks = list(tasks)
        # pure=False: identical tasks are still run (they may carry their own seeds)
        futures = self._client.map(_WithThreads(fn, self.threads), tasks, pure=False)
        bar = _bar(progress, len(tasks))
        try:
            index = {fut.key: i for i, fut in enumerate(futures)}
            results: list[Any] = [None] * len(tasks)
            for done, fut in enumerate(as_completed(futures), 1):
                i = index[fut.key]
                results[i] = fut.result()  # re-raises the task's own exception here
                if on_result is not None:
                    on_result(i, results[i])
                if bar:
                    bar[0].advance(bar[1])
                elif callable(progress):
                    progress(done, len(tasks))
            return results
        finally:
            if bar:
                bar[0].stop()
            for fut in futures:
                fut.release()

    def close(self) -> None:
        """Close the client, and the LocalCluster if this executor started it.

        A second call does nothing. An existing cluster (``scheduler=``) is left running: only
        this executor's connection to it is closed.

        Examples
        --------
        Constructing a DaskExecutor starts or connects to a cluster, so this example shows
        without one that ``with`` calls this method on the way out (the ``__exit__`` of
        :class:`ClosesOnExit`):

        >>> DaskExecutor.__exit__ is ClosesOnExit.__exit__   # with ... as ex: ex.close() at the end
        True
        >>> DaskExecutor.close is ClosesOnExit.close   # its own: stops the client and cluster
        False
        """
        if getattr(self, "_client", None) is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def check_executor(executor) -> None:
    """Refuse (one UsageError) an ``executor`` that is neither None nor something with a
    ``map(fn, tasks)`` method: ``executor="x"`` failed deep inside a sweep or memory curve, after
    its folder was prepared (2026-12-05 API review).

    Examples
    --------
    >>> check_executor(None); check_executor(InProcessExecutor())
    >>> check_executor("x")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: executor must have a map(fn, tasks) method (make_executor ...
    """
    if executor is not None and not callable(getattr(executor, "map", None)):
        raise UsageError(f"executor must have a map(fn, tasks) method (make_executor builds "
                         f"one), got {type(executor).__name__}")


def make_executor(scheduler: str | None = None, dask_workers: int | None = None,
                  workers: int | None = None, threads: int = 1,
                  preload: tuple[str, ...] = ()) -> Executor:
    """The executor the CLI flags ask for: ``--scheduler`` > ``--dask-workers`` > ``--workers``
    (local processes; 1 means in-process) > in-process. ``preload`` names the modules local
    worker processes import when they start (:meth:`ProcessExecutor.start`).

    Parameters
    ----------
    scheduler : str or None, default None
        Address of an existing Dask scheduler.
    dask_workers : int or None, default None
        Workers of a local Dask cluster (at least 1).
    workers : int or None, default None
        Local worker processes; 1 (or None) means in-process. At most one of ``scheduler``,
        ``dask_workers`` and ``workers`` may be given.
    threads : int, default 1
        torch CPU threads per worker (Dask and process executors).
    preload : tuple of str, default ()
        Modules local worker processes import at start (process executor only).

    Returns
    -------
    Executor
        A :class:`DaskExecutor`, :class:`ProcessExecutor` or :class:`InProcessExecutor`.

    Examples
    --------
    >>> type(make_executor()).__name__, type(make_executor(workers=1)).__name__
    ('InProcessExecutor', 'InProcessExecutor')
    >>> type(make_executor(workers=2)).__name__
    'ProcessExecutor'
    >>> make_executor(dask_workers=0)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --dask-workers must be at least 1, got 0
    """
    given = [name for name, v in (("--scheduler", scheduler), ("--dask-workers", dask_workers),
                                  ("--workers", workers)) if v is not None]
    if len(given) > 1:
        raise UsageError(f"give either {given[0]} or {given[1]}, not both (--scheduler uses an "
                         "existing Dask cluster, --dask-workers starts a local one, --workers "
                         "local worker processes)")
    if scheduler is not None:
        return DaskExecutor(scheduler=scheduler, threads=threads)
    if dask_workers is not None:
        return DaskExecutor(workers=dask_workers, threads=threads)
    if workers is not None and int(workers) != 1:
        return ProcessExecutor(workers=workers, threads=threads, preload=preload)
    return InProcessExecutor()


def check_threads(threads: int) -> int:
    """``--threads``: 0 (torch's default) up to 4 per CPU core (at least 8); more is refused.

    Examples
    --------
    >>> check_threads(2)
    2
    >>> check_threads(100000)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --threads must be in 0...got 100000
    """
    top = max(8, 4 * (os.cpu_count() or 1))
    if isinstance(threads, bool) or not isinstance(threads, int) or not 0 <= threads <= top:
        raise UsageError(f"--threads must be in 0..{top} (0: torch's default; this machine has "
                         f"{os.cpu_count()} cores), got {threads!r}")
    return threads


def set_threads(threads: int) -> None:
    """:func:`check_threads`, then torch's thread count set to ``threads`` (0: left at torch's
    default) — what a command's ``--threads`` does in its own process.

    Examples
    --------
    >>> set_threads(0)
    """
    check_threads(threads)
    if threads:
        import torch

        torch.set_num_threads(threads)
