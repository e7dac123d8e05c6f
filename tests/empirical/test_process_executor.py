"""Local worker processes (``--workers``): same ordered results as in-process, whole compare
runs and hardness studies included, and trainings shared inside a search group."""

import dataclasses
import os
import time

import pytest
from pool_tasks import loaded_and_pid as _loaded_and_pid
from pool_tasks import slow_square as _slow_square
from pool_tasks import square_or_fail as _square_or_fail
from pool_tasks import torch_threads as _threads

from capacity.errors import UsageError
from empirical.compare.compute import run_compare, run_search_group, search_groups, search_jobs
from empirical.compare.config import CompareConfig
from empirical.engine.executor import InProcessExecutor, ProcessExecutor, make_executor
from empirical.hardness.compute import run_hardness
from empirical.hardness.result import HardnessConfig


@pytest.fixture(scope="module")
def pool():
    with ProcessExecutor(workers=2, threads=1) as ex:
        yield ex


def test_results_follow_the_tasks_and_workers_use_the_thread_count(pool):
    tasks = [5, 1, 4, 2, 3, 0]
    assert pool.map(_square_or_fail, tasks) == [25, 1, 16, 4, 9, 0]
    assert set(pool.map(_threads, range(4))) == {1}
    seen = []
    assert pool.map(_square_or_fail, [2, 3], progress=lambda d, t: seen.append((d, t))) == [4, 9]
    assert seen == [(1, 2), (2, 2)]


def test_a_failing_task_raises_its_own_error(pool):
    with pytest.raises(ValueError, match="negative task -1"):
        pool.map(_square_or_fail, [1, -1, 2])
    assert pool.map(_square_or_fail, [3]) == [9]  # the pool still works afterwards


def test_executor_flags_are_checked():
    with pytest.raises(UsageError, match="at least 1"):
        ProcessExecutor(workers=0)
    with pytest.raises(UsageError, match="not both"):
        make_executor(dask_workers=2, workers=2)
    assert isinstance(make_executor(workers=1), InProcessExecutor)


_TINY = CompareConfig(inputs=(2, 3), samples=1, seeds=2, steps=150, lrs=(0.05,), depths=(1,),
                      depth_inputs=(3,), depth_compare=(1, 2), points=(16,), d_in=4)


def _numbers(res):
    """Everything a compare run measured, without timings."""
    d = res.to_dict()
    d.pop("timing")
    d.pop("versions")
    for row in d["rows"]:
        for t in row["trained"].values():
            t.pop("wall_s")
    for row in d["depth_comparison"]:
        for t in row["by_depth"].values():
            t.pop("wall_s")
    for row in d["random_labels"]:
        row["trained"].pop("wall_s")
    return d


def test_compare_in_worker_processes_gives_the_in_process_numbers(pool):
    here = run_compare(_TINY)
    there = run_compare(_TINY, pool)
    assert _numbers(there) == _numbers(here)
    assert there.timing.executor == "ProcessExecutor"
    timing = {s.search: s for s in here.timing.searches}
    width, params = timing["M=3 depth1"], timing["M=3 params-depth1"]
    assert width.reused == 0 and 0 <= params.reused <= params.ensembles


def test_a_search_group_trains_each_distinct_ensemble_once():
    jobs = [j for j in search_jobs(_TINY) if j.key == 3 and j.options.depth == 1]
    assert [tuple(j.label for j in g) for g in search_groups(jobs)] == [
        ("M=3 depth1", "M=3 params-depth1")]
    (a, reused_a), (b, reused_b) = run_search_group(tuple(jobs))
    alone = [dataclasses.replace(run_search_group((j,))[0][0], wall_s=0.0) for j in jobs]
    assert dataclasses.replace(a, wall_s=0.0) == alone[0]
    assert dataclasses.replace(b, wall_s=0.0) == alone[1]  # sharing changes no number
    assert reused_a == 0 and reused_b <= len(b.ensemble_sizes)
    assert [c.width for c in b.candidates] == [c.width for c in a.candidates]
    assert reused_b == len(b.ensemble_sizes)  # the same widths: nothing trained twice


def test_hardness_items_in_worker_processes_give_the_in_process_rows(pool):
    cfg = HardnessConfig(inputs=2, families=("parity", "majority", "npn"), trials=2, steps=300,
                         lrs=(0.05,), sign=False)
    here = run_hardness(cfg)
    there = run_hardness(cfg, pool)
    assert [r.to_dict() for r in there.rows] == [r.to_dict() for r in here.rows]


def test_recipe_and_topology_cells_in_worker_processes_give_the_in_process_rows(pool):
    from empirical.hardness.recipes import run_recipes
    from empirical.hardness.topology import run_topology

    cfg = HardnessConfig(inputs=2, families=("parity", "majority"), trials=2, steps=300,
                         lrs=(0.1,), sign=False)
    here = run_recipes(cfg, [100, 300], ["adam"], confirm_trials=2)
    there = run_recipes(cfg, [100, 300], ["adam"], confirm_trials=2, executor=pool)
    assert [r.to_dict() for r in there.rows] == [r.to_dict() for r in here.rows]
    here = run_topology(cfg, depths=(1,))
    there = run_topology(cfg, depths=(1,), executor=pool)
    assert [r.to_dict() for r in there.rows] == [r.to_dict() for r in here.rows]


def test_a_memory_curve_in_worker_processes_equals_in_process(pool):
    from empirical.engine.config import DataConfig, ModelConfig, RunConfig, TrainConfig
    from empirical.memory.curve import memory_curve

    base = RunConfig(data=DataConfig(kind="random", d_in=4, classes=2, n_train=40, n_test=0),
                     model=ModelConfig(width=4),
                     train=TrainConfig(lr=0.05, steps=100, log_every=100))
    seen = []
    here = memory_curve(base, [10, 20, 40], [0, 1])
    there = memory_curve(base, [10, 20, 40], [0, 1], executor=pool,
                         progress=lambda d, t: seen.append(d))
    a, b = here.to_dict(), there.to_dict()
    for d in (a, b):
        d.pop("wall_s", None)
    assert a == b and seen[-1] == 3


def test_a_sweep_in_worker_processes_equals_in_process(pool, tmp_path):
    import pandas as pd

    from empirical.sweeps.driver import run_sweep
    from empirical.sweeps.spec import SweepSpec

    spec = SweepSpec.from_dict({
        "base": {"train": {"steps": 6, "log_every": 3}, "data": {"n_train": 12, "n_test": 5},
                 "dtype": "float64"},
        "grid": [{"field": "train.lr", "values": [1e-3, 1e-2, 3e-2]}], "seeds": [0, 1]})
    run_sweep(spec, tmp_path / "here")
    run_sweep(spec, tmp_path / "there", executor=pool)
    here = pd.read_csv(tmp_path / "here" / "metrics.csv")
    there = pd.read_csv(tmp_path / "there" / "metrics.csv")
    pd.testing.assert_frame_equal(here, there)  # one thread in both: the same numbers


def test_leaving_on_an_error_does_not_wait_for_long_tasks():
    import time

    start = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        with ProcessExecutor(workers=2, threads=0) as ex:  # 0: no torch in the workers
            ex.map(_square_or_fail, [1, 2])  # the workers are up
            for _ in range(2):
                ex._pool.submit(time.sleep, 60)
            raise KeyboardInterrupt  # as Ctrl-C would
    assert time.perf_counter() - start < 20  # the 60 s tasks were terminated, not awaited


def test_closing_while_a_map_runs_waits_for_its_tasks():
    """close() stops idle workers at once but never a map under way (compare runs its search
    groups from a background thread): that map still returns every result, including the task
    still queued behind the two running ones (cancelling it used to hang the map)."""
    import time
    from concurrent.futures import ThreadPoolExecutor

    ex = ProcessExecutor(workers=2, threads=0)  # 0: workers start without importing torch
    assert ex.map(_square_or_fail, [2]) == [4]  # workers up; nothing under way
    with ThreadPoolExecutor(max_workers=1) as thread:
        running = thread.submit(ex.map, _slow_square, [3, 4, 6])
        while not ex._busy:  # the map has started
            pass
        time.sleep(0.3)  # two tasks running on the two warm workers, one queued
        ex.close()
        assert running.result(timeout=60) == [9, 16, 36]
    ex.close()  # closing again is harmless
    assert ex.map(_square_or_fail, [5]) == [25]  # and a closed executor starts afresh
    ex.close()


def test_start_spawns_every_worker_with_its_preloaded_modules():
    # started before any map, each worker has already imported the preload list (the decimal
    # module is not imported by a bare spawned interpreter, so it proves the initializer ran)
    import time

    with ProcessExecutor(workers=2, threads=0, preload=("decimal",)) as ex:
        ex.start()
        time.sleep(0.5)
        assert len(ex._pool._processes) == 2  # both spawned by start(), not by the map
        out = ex.map(_loaded_and_pid, ["decimal"] * 6)
    assert all(loaded for loaded, _ in out)


@pytest.mark.parametrize("cfg", [
    CompareConfig(), CompareConfig(inputs=(3,), depth_inputs=(3,), points=(64,)),
    CompareConfig(inputs=(2, 5), depths=(1, 3), depth_inputs=(5, 7), depth_compare=(1, 2, 3),
                  points=(16, 32, 64)),  # a repeat is refused (2026-12-06)
    CompareConfig(inputs=(4,), depth_inputs=(), points=()), CompareConfig(train=False)])
def test_the_light_search_group_count_equals_the_groups_of_the_jobs(cfg):
    assert cfg.search_group_count == len(search_groups(search_jobs(cfg)))


def test_run_beside_returns_both_results_and_raises_either_error():
    import threading
    import time

    from empirical.engine.executor import run_beside

    names = []
    bg, fg = run_beside(lambda: names.append(threading.current_thread().name) or 1,
                        lambda: names.append(threading.current_thread().name) or 2)
    assert (bg, fg) == (1, 2) and len(set(names)) == 2  # two threads
    with pytest.raises(ValueError, match="background"):
        run_beside(lambda: (_ for _ in ()).throw(ValueError("background")), lambda: 0)
    t0 = time.perf_counter()
    with pytest.raises(KeyError):  # raised at once, not after the 2 s background
        run_beside(lambda: time.sleep(2), lambda: {}["missing"])
    assert time.perf_counter() - t0 < 1.5


def test_a_background_map_after_the_foreground_failed_starts_no_workers():
    """run_beside's background maps after its foreground's error closed the executor (the
    ``with`` block's terminate): the map raises instead of starting a new pool, which the
    interpreter's exit would have waited for."""
    import threading

    from empirical.engine.executor import run_beside

    ex, go, seen = ProcessExecutor(workers=1, threads=0), threading.Event(), []

    def background():
        go.wait(30)
        try:
            seen.append(ex.map(abs, [-1]))
        except RuntimeError as error:
            seen.append(str(error))

    try:
        with pytest.raises(KeyError), ex:
            run_beside(background, lambda: {}["missing"], ex)
        go.set()
        deadline = time.monotonic() + 30
        while not seen and time.monotonic() < deadline:
            time.sleep(0.02)
        assert seen == ["this ProcessExecutor was closed by an error; it starts no more work"]
        assert ex._pool is None
        with pytest.raises(RuntimeError, match="closed by an error"):
            ex.start()
    finally:
        ex.close(terminate=True)


def test_a_graceful_close_leaves_the_executor_usable():
    ex = ProcessExecutor(workers=1, threads=0)
    with ex:
        pass  # closed gracefully: a later map starts workers again
    try:
        assert ex.map(abs, [-3]) == [3]
    finally:
        ex.close()


def test_a_run_starts_only_the_workers_its_first_tasks_need():
    import time

    from empirical.cli.compare import started_executor

    with started_executor(workers=2, tasks=0) as ex:  # --no-train: nothing to start
        assert ex._pool is None
    with started_executor(workers=3, tasks=1) as ex:  # one search group: one worker
        time.sleep(0.3)
        assert len(ex._pool._processes) == 1


def test_sigterm_stops_busy_workers_as_ctrl_c_does():
    """Inside sigterm_as_interrupt a SIGTERM to this process is a KeyboardInterrupt: the
    executor's ``with`` terminates its busy workers instead of leaving them running."""
    import os
    import signal
    import threading
    import time

    from capacity.interrupts import sigterm_as_interrupt

    before = signal.getsignal(signal.SIGTERM)
    ex = ProcessExecutor(workers=2, threads=0)
    workers = []

    def kill_when_busy():
        while len(workers) < 2:
            workers[:] = list((getattr(ex._pool, "_processes", None) or {}).values())
            time.sleep(0.05)
        time.sleep(0.5)  # both in their 60 s task
        os.kill(os.getpid(), signal.SIGTERM)

    start = time.monotonic()
    threading.Thread(target=kill_when_busy, daemon=True).start()
    with pytest.raises(KeyboardInterrupt, match="SIGTERM"):
        with sigterm_as_interrupt(), ex:
            ex.map(time.sleep, [60, 60])
    for proc in workers:
        proc.join(timeout=10)
    assert not any(proc.is_alive() for proc in workers)
    assert time.monotonic() - start < 20 and signal.getsignal(signal.SIGTERM) is before


def test_a_worker_leaves_ctrl_c_to_the_parent():
    """Each worker printed a KeyboardInterrupt traceback beside ``memcap: interrupted`` when
    Ctrl-C reached the process group (2026-12-01 fuzzing of memcap tour)."""
    import subprocess
    import sys

    code = ("import signal; from empirical.engine.executor import _init_worker; "
            "_init_worker(0); print(signal.getsignal(signal.SIGINT) is signal.SIG_IGN)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.strip() == "True", out.stderr


def test_workers_leave_when_their_parent_is_killed():
    """A SIGKILL of `memcap sweep --workers 2` left its spawned workers training on as orphans
    (2026-12-04 review): each worker now leaves within about a second of its parent's death."""
    import os

    if not os.path.isdir("/proc"):
        pytest.skip("reads process states from /proc")
    script = (
        "import threading, time\n"
        "from empirical.engine.executor import ProcessExecutor\n"
        "ex = ProcessExecutor(workers=1, threads=0)\n"
        "def report():\n"
        "    while not getattr(getattr(ex, '_pool', None), '_processes', None):\n"
        "        time.sleep(0.05)\n"
        "    print(*[p.pid for p in ex._pool._processes.values()], flush=True)\n"
        "threading.Thread(target=report, daemon=True).start()\n"
        "ex.map(time.sleep, [120])\n")
    # killed at once, while the worker may still be starting: one that read its parent's pid
    # itself after the kill watched init and trained on (review of the first version)
    worker = _worker_of_killed_parent(script, after=0)
    assert _left_within(worker, 20)


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads process states from /proc")
def test_a_busy_worker_leaves_soon_after_its_parent_is_killed_late():
    """Killed 1.5 s after start-up (the watch thread in its sleep loop, not its first check as
    in test_workers_leave_when_their_parent_is_killed), the worker leaves within 10 s
    (mutant: the watch's 1 s interval as 60 s; executor audit 2026-12-07)."""
    import signal

    script = ("import time\n"
              "from empirical.engine.executor import ProcessExecutor\n"
              "ex = ProcessExecutor(workers=1, threads=0)\n"
              "ex.map(abs, [1])\n"
              "print(*[p.pid for p in ex._pool._processes.values()], flush=True)\n"
              "ex.map(time.sleep, [120])\n")
    worker = _worker_of_killed_parent(script, after=1.5)
    gone = _left_within(worker, 10)
    if not gone:
        os.kill(worker, signal.SIGKILL)
    assert gone


def _worker_of_killed_parent(script: str, after: float) -> int:
    """Run ``script`` (which prints its one worker's pid) in a parent process, SIGKILL the
    parent ``after`` seconds after the pid came, and return the pid."""
    import signal
    import subprocess
    import sys

    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                              text=True)
    try:
        (worker,) = map(int, parent.stdout.readline().split())
        time.sleep(after)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=30)
    return worker


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (not a zombie), read from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


def _left_within(pid: int, seconds: float) -> bool:
    """Whether process ``pid`` is gone within ``seconds``."""
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not _alive(pid)


def test_the_resource_tracker_is_started_without_its_leak_warning(tmp_path):
    """An interrupt that ends memcap before the pool closes left the queues' semaphores to
    multiprocessing's resource tracker, which unlinks them and warned about them in two lines
    after "memcap: interrupted" (2026-12-04 CLI fuzz). The tracker is started with this
    process's -W options, so the pool's start gives it the filter that drops that warning."""
    import os
    import subprocess
    import sys

    code = ("from multiprocessing import resource_tracker as rt\n"
            "from empirical.engine.executor import ProcessExecutor\n"
            "with ProcessExecutor(workers=1) as ex:\n"
            "    ex.map(abs, [-1])\n"
            "    print(open(f'/proc/{rt._resource_tracker._pid}/cmdline').read())\n")
    if not os.path.exists("/proc/self/cmdline"):
        pytest.skip("no /proc here")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    assert "-Wignore:resource_tracker:UserWarning" in out.split("\0")
