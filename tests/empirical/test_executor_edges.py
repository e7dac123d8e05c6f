"""Edges of the executors (empirical/engine/executor.py) that a mutation audit (2026-12-07)
found no test pinned: the flags make_executor passes on, the thread and scheduler checks, the
Dask connection's errors, progress bars, a failing or interrupted map cancelling its queued
tasks, and the worker's exception as itself. Each test fails on the mutants its docstring
names."""

import os
import time
from concurrent.futures.process import _RemoteTraceback

import distributed
import pytest
import torch
from pool_tasks import brief_square as _slow_square
from pool_tasks import fail_positive as _fail_positive
from pool_tasks import identity as _identity
from pool_tasks import key_error as _key_error
from pool_tasks import mark as _mark
from pool_tasks import torch_threads as _threads

import capacity.terminal as terminal
import empirical.engine.executor as executor
from capacity.errors import UsageError
from empirical.engine.executor import (
    DaskExecutor,
    InProcessExecutor,
    ProcessExecutor,
    available_cpus,
    check_executor,
    check_threads,
    make_executor,
    parse_scheduler,
    run_beside,
    set_threads,
)


# ---------------------------------------------------------------------- make_executor
def test_make_executor_passes_threads_and_preload_on_and_refuses_no_workers(monkeypatch):
    """Threads reach both Dask executors and the process pool, preload the pool; 0 or −3
    workers are refused (mutants: threads or preload dropped, workers = 0 in-process)."""
    calls = []
    monkeypatch.setattr(executor, "DaskExecutor", lambda **kw: calls.append(kw))
    make_executor(scheduler="tcp://127.0.0.1:1", threads=3)
    make_executor(dask_workers=2, threads=4)
    assert calls == [{"scheduler": "tcp://127.0.0.1:1", "threads": 3},
                     {"workers": 2, "threads": 4}]
    pool = make_executor(workers=2, threads=5, preload=("decimal",))
    assert (pool.workers, pool.threads, pool.preload) == (2, 5, ("decimal",))
    for bad in (0, -3):
        with pytest.raises(UsageError):
            make_executor(workers=bad)


def test_the_thread_limit_and_its_refusals(monkeypatch):
    """0..max(8, 4·cores): 16 on 4 cores accepted, 17 refused; bools, floats and −1 refused;
    set_threads checks first (torch.set_num_threads(10**6) segfaults) (mutants: 2 a core, an
    exclusive cap, bools accepted, set_threads unchecked)."""
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    assert check_threads(16) == 16 and check_threads(0) == 0
    for bad in (17, True, False, 1.0, -1):
        with pytest.raises(UsageError):
            check_threads(bad)
    with pytest.raises(UsageError):
        set_threads(-1)


def test_available_cpus_follow_the_affinity_mask(monkeypatch):
    """Three allowed cores of 64 are 3 (mutants: one short, os.cpu_count)."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert available_cpus() == 3


def test_a_threads_wrapper_sets_one_thread_too():
    """_WithThreads(f, 1) sets 1 thread where torch has 2 (mutant: 1 skipped)."""
    before = torch.get_num_threads()
    try:
        torch.set_num_threads(2)
        assert executor._WithThreads(lambda _: torch.get_num_threads(), 1)(None) == 1
    finally:
        torch.set_num_threads(before)


def test_an_executor_needs_a_callable_map_and_a_scheduler_a_real_port():
    """A non-callable map attribute is refused; ports 65 536 and 0 are refused, spaces around
    the address dropped (mutants: hasattr, 65 536 accepted, no strip)."""

    class NotAnExecutor:
        map = 3

    with pytest.raises(UsageError):
        check_executor(NotAnExecutor())
    assert parse_scheduler("  tcp://10.0.0.5:65535 \n") == "tcp://10.0.0.5:65535"
    for bad in ("tcp://h:65536", "tcp://h:0"):
        with pytest.raises(UsageError):
            parse_scheduler(bad)


def test_a_bug_while_connecting_to_dask_is_raised_as_itself(monkeypatch):
    """A RuntimeError from Client is no ConnectionError (status 74 would disguise a bug as an
    unreachable scheduler); an EOFError (a short frame) says 'is not a Dask scheduler'
    (mutants: every error a ConnectionError, EOFError not mapped)."""
    def buggy(*args, **kwargs):
        raise RuntimeError("a bug")

    def short_read(*args, **kwargs):
        raise EOFError("short read")

    monkeypatch.setattr(distributed, "Client", buggy)
    with pytest.raises(RuntimeError, match="a bug") as info:
        DaskExecutor(scheduler="tcp://127.0.0.1:9", timeout=1)
    assert not isinstance(info.value, ConnectionError)
    monkeypatch.setattr(distributed, "Client", short_read)
    with pytest.raises(ConnectionError, match="is not a Dask scheduler"):
        DaskExecutor(scheduler="tcp://127.0.0.1:9", timeout=1)


# ------------------------------------------------------------------- in-process maps
class _RecordingBar:
    def __init__(self, events):
        self.events = events

    def __enter__(self):
        self.events.append("enter")
        return self

    def add_task(self, label, total):
        self.events.append(("task", label, total))
        return 7

    def advance(self, task):
        self.events.append(("advance", task))

    def stop(self):
        self.events.append("stop")


def test_an_in_process_map_takes_a_generator_and_labels_and_stops_its_bar(monkeypatch):
    """The bar gets the label and the task count, one advance a task, and is stopped (mutants:
    list(tasks) dropped, the label ignored, no stop)."""
    assert InProcessExecutor().map(abs, (x for x in [-1, 2, -3])) == [1, 2, 3]
    events = []
    monkeypatch.setattr(terminal, "progress_bar", lambda counts=False: _RecordingBar(events))
    assert InProcessExecutor().map(abs, [-1, 2], progress="fits") == [1, 2]
    assert events == ["enter", ("task", "fits", 2), ("advance", 7), ("advance", 7), "stop"]


def test_run_beside_in_process_runs_the_background_first():
    """(mutant: the order swapped)."""
    order = []
    assert run_beside(lambda: order.append("background") or 1,
                      lambda: order.append("foreground") or 2, InProcessExecutor()) == (1, 2)
    assert order == ["background", "foreground"]


# --------------------------------------------------------------------- worker processes
def _interrupt(index, result):
    raise KeyboardInterrupt


@pytest.fixture(scope="module")
def one_worker():
    with ProcessExecutor(workers=1, threads=0) as ex:
        ex.map(abs, [0])
        yield ex


def test_the_first_failing_task_in_task_order_is_raised_with_the_workers_traceback(one_worker):
    """Two tasks failing while the caller waits: task 1's error (mutant: the higher index);
    the error is the worker's own KeyError with its traceback as the cause (mutant: rebuilt
    without it)."""
    with pytest.raises(ValueError, match="task 1"):
        one_worker.map(_fail_positive, [0, 1, 2], on_result=lambda i, r: time.sleep(2.0))
    with pytest.raises(KeyError) as info:
        one_worker.map(_key_error, [1])
    assert isinstance(info.value.__cause__, _RemoteTraceback)
    assert "in key_error" in str(info.value.__cause__)  # pool_tasks.key_error


@pytest.mark.parametrize("stop", ["failure", "interrupt"])
def test_a_failed_or_interrupted_map_cancels_its_queued_tasks(one_worker, tmp_path, stop):
    """Of 12 queued tasks of 0.2 s on one worker, at most 4 run after the first fails or a
    Ctrl-C arrives in on_result (mutants: the queue left to run, Ctrl-C not cancelling)."""
    first = -1 if stop == "failure" else 0
    tasks = [(str(tmp_path), first)] + [(str(tmp_path), x) for x in range(1, 12)]
    with pytest.raises(ValueError if stop == "failure" else KeyboardInterrupt):
        one_worker.map(_mark, tasks, on_result=_interrupt if stop == "interrupt" else None)
    one_worker.map(abs, [0])  # whatever was queued before it has run or was cancelled
    assert len(os.listdir(tmp_path)) <= 4


def test_a_local_cluster_whose_client_fails_is_closed(monkeypatch):
    """The LocalCluster DaskExecutor started is closed when its Client cannot be made (no
    executor existed to close it: its scheduler and worker stayed up)."""
    made = []

    class Recording(distributed.LocalCluster):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    def failing_client(*args, **kwargs):
        raise RuntimeError("client failed")

    monkeypatch.setattr(distributed, "LocalCluster", Recording)
    monkeypatch.setattr(distributed, "Client", failing_client)
    with pytest.raises(RuntimeError, match="client failed"):
        DaskExecutor(workers=1)
    (cluster,) = made
    try:
        assert "closed" in str(cluster.status).lower()
    finally:
        cluster.close()


_HANGUP_CHILD = r"""
import sys, time
sys.path.insert(0, {root!r})
from capacity.interrupts import sigterm_as_interrupt
from empirical.engine.executor import ProcessExecutor
try:
    with sigterm_as_interrupt(), ProcessExecutor(workers=2, threads=0) as ex:
        ex.start()
        ex.map(abs, [1, 2])
        print("busy", flush=True)
        ex.map(time.sleep, [30, 30])
except KeyboardInterrupt:
    print("memcap: interrupted", file=sys.stderr)
    sys.exit(130)
"""


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")
def test_a_closed_terminal_leaves_only_the_interrupted_line(tmp_path):
    """SIGHUP to the whole process group (a closed terminal) during a map: status 130 and
    'memcap: interrupted' alone (the resource tracker died with the workers; the relaunched one
    printed a KeyError traceback per semaphore)."""
    import signal
    import subprocess
    import sys

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    child = subprocess.Popen([sys.executable, "-c", _HANGUP_CHILD.format(root=root)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True, cwd=tmp_path)
    try:
        assert child.stdout.readline().strip() == "busy"
        time.sleep(0.5)
        os.killpg(child.pid, signal.SIGHUP)
        _, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    time.sleep(1)  # a relaunched tracker would print after the parent's exit
    assert (child.returncode, err.strip()) == (130, "memcap: interrupted")


def test_the_pool_has_its_workers_spawned_with_the_callers_pid(monkeypatch):
    """max_workers = workers, the spawn context and (threads, preload, this pid) as the
    initializer's arguments (mutant: workers + 1)."""
    import concurrent.futures

    seen = {}

    class Pool:
        def __init__(self, **kwargs):
            seen.update(kwargs)

        def shutdown(self, **kwargs):
            pass

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    ex = ProcessExecutor(workers=3, threads=2, preload=("decimal",))
    with ex._lock:
        ex._pool_locked()
    assert seen["max_workers"] == 3
    assert seen["initargs"] == (2, ("decimal",), os.getpid())
    assert seen["mp_context"].get_start_method() == "spawn"


def test_workers_run_with_their_thread_count_and_label_and_stop_their_bar(monkeypatch):
    """threads=3 reaches every task; a map's bar gets its label and total and is stopped
    (mutants: worker threads fixed at 1, the bar not stopped)."""
    events = []
    monkeypatch.setattr(terminal, "progress_bar", lambda counts=False: _RecordingBar(events))
    with ProcessExecutor(workers=1, threads=3) as ex:
        assert ex.map(_threads, [0]) == [3]
        assert ex.map(abs, [-1, 2], progress="fits") == [1, 2]
    assert events == ["enter", ("task", "fits", 2), ("advance", 7), ("advance", 7), "stop"]


def test_close_terminates_idle_workers_and_waits_for_them():
    """With no map under way close() ends the workers at once (SIGTERM) and returns after they
    exited (mutants: _busy never decremented, idle workers not terminated, no wait)."""
    import signal

    ex = ProcessExecutor(workers=1, threads=0)
    assert ex.map(abs, [-1]) == [1] and ex._busy == 0
    processes = list(ex._pool._processes.values())
    ex.close()
    assert processes and all(p.exitcode == -signal.SIGTERM for p in processes)
    assert not any(p.is_alive() for p in processes)


def test_a_graceful_close_lets_a_running_map_finish_every_task():
    """8 tasks on 1 worker, most still queued behind the call queue when close() is called from
    another thread: the map returns all 8 results (mutant: cancel_futures on a graceful close,
    which hung the map)."""
    import threading

    ex = ProcessExecutor(workers=1, threads=0)
    ex.map(abs, [0])
    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("r", ex.map(_slow_square,
                                                                        list(range(8)))),
                              daemon=True)
    thread.start()
    while not ex._busy:
        time.sleep(0.01)
    time.sleep(0.2)
    ex.close()
    thread.join(timeout=60)
    assert box.get("r") == [x * x for x in range(8)]


def test_results_of_one_wait_reach_on_result_in_task_order(one_worker):
    """While on_result sleeps on the first result the other 29 finish; they are handed over in
    task order (mutant: completion order)."""
    seen = []

    def on_result(index, result):
        if not seen:
            time.sleep(2.0)
        seen.append(index)

    assert one_worker.map(_identity, list(range(30)), on_result=on_result) == list(range(30))
    assert seen == sorted(seen)


def test_two_first_maps_from_two_threads_share_one_pool(monkeypatch):
    """The pool is created under the executor's lock: two threads mapping at once on a fresh
    executor made two pools, one of them never closed (executor audit's race)."""
    import concurrent.futures
    import threading

    made = []

    class SlowPool:
        def __init__(self, **kwargs):
            time.sleep(0.3)  # both threads are past the None check meanwhile
            made.append(self)

        def submit(self, fn, arg):
            future = concurrent.futures.Future()
            future.set_result(fn(arg))
            return future

        def shutdown(self, **kwargs):
            pass

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", SlowPool)
    ex = ProcessExecutor(workers=1, threads=0)
    results = []
    threads = [threading.Thread(target=lambda: results.append(ex.map(abs, [-1])))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [[1], [1]] and len(made) == 1
    ex.close()


def test_a_close_from_another_thread_waits_for_a_map_to_submit_every_task(monkeypatch):
    """close() called while a map is between two submits: the map still gets every result,
    and the pool is shut down after the last submit (close() shut the pool down under the
    map, whose next submit raised "cannot schedule new futures after shutdown"; executor
    audit's race)."""
    import concurrent.futures
    import threading

    events = []
    in_first_submit = threading.Event()

    class SlowPool:
        def __init__(self, **kwargs):
            self.down = False

        def submit(self, fn, arg):
            if not events:
                in_first_submit.set()
                time.sleep(0.5)  # the close() below runs meanwhile
            if self.down:
                raise RuntimeError("cannot schedule new futures after shutdown")
            events.append("submit")
            future = concurrent.futures.Future()
            future.set_result(fn(arg))
            return future

        def shutdown(self, **kwargs):
            self.down = True
            events.append("shutdown")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", SlowPool)
    ex = ProcessExecutor(workers=1, threads=0)
    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("r", ex.map(abs, [-1, -2, -3])),
                              daemon=True)
    thread.start()
    assert in_first_submit.wait(timeout=30)
    ex.close()
    thread.join(timeout=30)
    assert box.get("r") == [1, 2, 3]
    assert events == ["submit"] * 3 + ["shutdown"] and ex._pool is None
