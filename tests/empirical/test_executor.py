"""Executors: a real LocalCluster on loopback gives the same ordered results as in-process."""

import math
import sys

import cloudpickle
import numpy as np
import pytest

from empirical.engine.executor import (
    DaskExecutor,
    InProcessExecutor,
    make_executor,
    parse_scheduler,
)
from empirical.sweeps.fits import fit_power_law

# the workers cannot import this test module; ship its functions by value
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def _fit_task(seed):
    """A deterministic pure task: fit a noisy power law drawn from ``seed``."""
    rng = np.random.default_rng(seed)
    x = np.geomspace(1, 100, 8)
    fit = fit_power_law(x, 2 * x**0.7 + 1 + rng.normal(0, 0.01, 8))
    return seed, fit.params, fit.r2


def _train_task(width):
    """A tiny training run; returns the final weight ℓ2 and train loss of each member."""
    from empirical.engine.config import RunConfig
    from empirical.engine.run import run_training

    cfg = RunConfig().override([f"model.width={width}", "train.steps=5"])
    res = run_training(cfg)
    return [float(v) for v in res.log.metrics["weight_l2"][-1]], \
        [float(v) for v in res.log.metrics["train_loss"][-1]]


@pytest.fixture(scope="module")
def dask_executor():
    with DaskExecutor(workers=2) as ex:
        yield ex


def test_local_cluster_equals_in_process(dask_executor):
    tasks = list(range(12))[::-1]  # uneven order: results must still follow the tasks
    local = InProcessExecutor().map(_fit_task, tasks)
    seen = {}
    remote = dask_executor.map(_fit_task, tasks, progress="fits",
                               on_result=lambda i, r: seen.setdefault(i, r))
    assert [r[0] for r in remote] == tasks
    assert remote == local  # bit-identical: same numpy code, same inputs
    assert seen == dict(enumerate(local))  # each result handed over once, with its index


@pytest.mark.slow  # ~18 s: each worker process imports torch
def test_local_cluster_tiny_training_equals_in_process(dask_executor):
    widths = [3, 5]
    assert dask_executor.map(_train_task, widths) == InProcessExecutor().map(_train_task, widths)


def _sleep_then_draw(seconds):
    import random
    import time

    time.sleep(seconds)
    return seconds, random.random()


def test_dask_progress_counts_every_task_and_identical_tasks_each_run(dask_executor):
    """progress(done, total) is called with (1, 3), (2, 3), (3, 3); on_result gets each task's
    own index; two identical tasks are two runs (pure=False), not one cached result (mutants
    of the executor audit 2026-12-07: progress counted from 0, pure=True)."""
    counts, seen = [], {}
    out = dask_executor.map(_sleep_then_draw, [0.5, 0.0, 0.0],
                            progress=lambda done, total: counts.append((done, total)),
                            on_result=lambda i, r: seen.setdefault(i, r))
    assert counts == [(1, 3), (2, 3), (3, 3)]
    assert [r[0] for r in out] == [0.5, 0.0, 0.0] and seen == dict(enumerate(out))
    assert out[1] != out[2]


def test_task_error_is_raised_here(dask_executor):
    with pytest.raises(ValueError, match="math domain error"):
        dask_executor.map(math.sqrt, [4.0, -1.0])


def test_local_cluster_listens_on_loopback_only(dask_executor):
    info = dask_executor._client.scheduler_info()
    assert info["address"].startswith("tcp://127.0.0.1:")
    assert all(addr.startswith("tcp://127.0.0.1:") for addr in info["workers"])
    assert len(info["workers"]) == 2


@pytest.mark.parametrize("bad", ["localhost:8786", "tcp://host", "http://h:1", "tcp://h:99999"])
def test_malformed_address_rejected(bad):
    with pytest.raises(ValueError, match="malformed scheduler address"):
        parse_scheduler(bad)


def test_unreachable_scheduler_is_one_clear_error():
    with pytest.raises(ConnectionError, match="cannot reach the Dask scheduler") as err:
        DaskExecutor(scheduler="tcp://127.0.0.1:9", timeout=1)
    assert "\n" not in str(err.value) and isinstance(err.value, OSError)


def test_a_slow_attempt_at_a_refused_port_is_not_called_a_silent_service(monkeypatch):
    """On a loaded machine Dask's connect to a refused port outlived the grace second, and the
    error said that something had accepted the connection (a CI run, 2026-12-01)."""
    import time

    import distributed

    def slow_client(*_args, **_kwargs):
        time.sleep(1.6)
        raise OSError("Timed out trying to connect")

    monkeypatch.setattr(distributed, "Client", slow_client)
    with pytest.raises(ConnectionError, match="cannot reach the Dask scheduler") as err:
        DaskExecutor(scheduler="tcp://127.0.0.1:9", timeout=0.2)
    assert "accepted" not in str(err.value)


def _threads_task(_):
    import torch

    return torch.get_num_threads()


def test_tasks_run_with_the_threads_asked_for():
    """--threads reaches the tasks (Dask workers kept one thread, so a sweep's numbers
    differed from the in-process and --workers runs above 10^8 FLOPs a step; 2026-12-01)."""
    import torch

    from empirical.engine.executor import _WithThreads

    before = torch.get_num_threads()  # 1: tests/conftest.py pins it
    try:
        assert _WithThreads(_threads_task, 2)(None) == 2
        torch.set_num_threads(1)
        assert _WithThreads(_threads_task, 0)(None) == 1  # 0: the worker's own setting
    finally:
        torch.set_num_threads(before)


@pytest.mark.slow  # the worker imports torch
def test_local_cluster_tasks_get_the_threads():
    with DaskExecutor(workers=1, threads=2) as ex:
        assert ex.map(_threads_task, [0, 1]) == [2, 2]


def test_an_existing_cluster_reports_its_workers(dask_executor):
    """The sweep submits 2 × workers groups at a time: an external cluster counted as 2."""
    address = dask_executor._cluster.scheduler_address
    with DaskExecutor(scheduler=address, workers=7) as ex:  # the parameter is not the count
        assert ex.workers == 2


@pytest.mark.parametrize("greeting", [b"SSH-2.0-OpenSSH_8.9p1\r\n", None])
def test_a_service_that_is_not_dask_is_one_clear_error(greeting):
    """A banner made Dask read a frame length from it (status 70, MemoryError); a silent
    service made the command wait for ever (2026-12-01 audit)."""
    import socket
    import threading
    import time

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    port = server.getsockname()[1]
    held = []

    def serve():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            held.append(conn)
            if greeting:
                conn.sendall(greeting)

    threading.Thread(target=serve, daemon=True).start()
    t0 = time.monotonic()
    try:
        with pytest.raises(ConnectionError) as err:
            DaskExecutor(scheduler=f"tcp://127.0.0.1:{port}", timeout=1)
    finally:
        server.close()
        for conn in held:
            conn.close()
    assert "\n" not in str(err.value) and isinstance(err.value, OSError)
    assert time.monotonic() - t0 < 10


def test_make_executor_choices():
    assert isinstance(make_executor(), InProcessExecutor)
    with pytest.raises(ValueError, match="not both"):
        make_executor(scheduler="tcp://127.0.0.1:8786", dask_workers=2)


def test_a_failing_task_reaches_stderr_once_not_as_worker_logs(tmp_path):
    """A task's exception is re-raised by map (memcap then prints its one line); the workers
    also logged it as a five-line 'Compute Failed' record with a traceback, which broke the
    one-line contract of every Dask run that failed (2026-12-04 audit)."""
    import os
    import subprocess
    from pathlib import Path

    script = tmp_path / "fail.py"  # spawned workers import the main module: a real file
    script.write_text(
        "from empirical.engine.executor import DaskExecutor\n"
        "def f(x):\n"
        "    if x == 3:\n"
        "        raise ValueError('boom')\n"
        "    return x\n"
        "if __name__ == '__main__':\n"
        "    with DaskExecutor(workers=1) as ex:\n"
        "        try:\n"
        "            ex.map(f, range(5))\n"
        "        except ValueError as exc:\n"
        "            print('raised', exc)\n")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get(
        "PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, env=env, cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == "raised boom", done.stderr
    assert "Compute Failed" not in done.stderr and "Traceback" not in done.stderr, done.stderr


@pytest.mark.slow  # a cluster of its own: 2-3 s
def test_a_local_cluster_prints_no_warning_when_port_8787_is_taken():
    """Dask's scheduler still tried 8787 with dashboard_address=None and warned in four lines
    ("Port 8787 is already in use") on a successful run beside another cluster (2026-12-06)."""
    import socket
    import warnings

    holder = socket.socket()
    try:
        holder.bind(("127.0.0.1", 8787))  # in use already: as good for this test
        holder.listen()
    except OSError:
        pass
    try:
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            with DaskExecutor(workers=1) as ex:
                assert ex.map(_fit_task, [1])[0][0] == 1
        assert not [w for w in seen if "already in use" in str(w.message)]
    finally:
        holder.close()
