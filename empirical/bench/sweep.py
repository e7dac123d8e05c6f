"""Benchmark of the sweep driver: ``l2-blog-sweep`` through memcap against a plain PyTorch script.

The workload is the seed post's sweep: train size = test size ∈ {50, ..., 25 600}, one run per
size, the ``l2-blog`` model (9 → 100 → 100 → 17, Adam 1e-3, full batch, 1000 steps, logged every
10 steps), one seed. Compared, in the same process and run:

* **plain**: a script that trains the ten runs one after another with ``nn.Sequential``
  (:func:`empirical.engine.ensemble.reference_mlp`) + ``torch.optim.Adam(fused=True)`` +
  ``F.cross_entropy`` on the same data (:func:`empirical.engine.data.make_dataset`), logging what
  the sweep logs (train/test loss
  and accuracy, weight ℓ2) every 10 steps under ``torch.no_grad``, on the threads memcap's
  engine would use for that size: one for a step below
  :data:`~empirical.engine.train.SMALL_STEP_FLOPS`, else the calling process's (``--threads``;
  torch's default without it). Until 2026-12-05 it used torch's default Adam and the process's
  threads for every size: on a loaded 2-core box its time then measured the load (45× to 2.4×
  in four runs of the same code);
* **memcap in-process**: :func:`empirical.sweeps.driver.run_sweep` with the default executor;
* **memcap, K Dask workers**: the same with ``DaskExecutor(workers=K)`` (single-threaded worker
  processes; cluster start-up is included in the time).

Different sizes cannot share one ensemble (different n), so any speed-up comes from running the
independent groups in parallel processes (the work per group is small matmuls that one thread
uses better than two) and from the engine's own step cost. FLOPs are counted with
:func:`empirical.bench.train.mlp_step_flops` (training steps only; logging not counted) and compared
with :func:`empirical.bench.train.matmul_peak_flops`.
"""

from __future__ import annotations

import dataclasses
import tempfile
import time
from pathlib import Path

from capacity.errors import UsageError
from capacity.machine import load_average
from empirical.bench.train import matmul_peak_flops, mlp_step_flops
from empirical.engine.config import PRESETS
from empirical.engine.data import make_dataset
from empirical.engine.ensemble import reference_mlp
from empirical.engine.executor import (
    MAX_WORKERS,
    DaskExecutor,
    InProcessExecutor,
    available_cpus,
    set_threads,
)
from empirical.engine.train import torch_threads
from empirical.sweeps.driver import run_sweep
from empirical.sweeps.spec import SWEEP_PRESETS, SweepSpec

__all__ = ["bench_sweep", "check_settings", "max_steps", "plain_sweep", "sweep_sizes"]


def plain_sweep(sizes: list[int], steps: int = 1000, log_every: int = 10,
                progress=None) -> float:
    """Wall seconds of the plain PyTorch script over ``sizes`` (see the module doc).

    Parameters
    ----------
    sizes : list of int
        Train sizes, one plain run each (train size = test size) of the ``l2-blog`` preset model.
    steps : int, default 1000
        Full-batch Adam steps per run.
    log_every : int, default 10
        Steps between evaluations (loss, accuracy, ℓ2 norm), as the engine logs them.
    progress : callable, optional
        Called as ``progress(runs_done, runs_total)`` before the first run and after each.

    Returns
    -------
    float
        Wall-clock seconds for all the runs.

    Examples
    --------
    >>> plain_sweep([20, 40], steps=3, log_every=3) > 0   # wall seconds of two tiny runs
    True
    """
    import torch
    import torch.nn.functional as F

    from empirical.engine.train import SMALL_STEP_FLOPS, torch_threads

    base = PRESETS["l2-blog"]
    t0 = time.perf_counter()
    for done, n in enumerate(sizes):
        if progress is not None:
            progress(done, len(sizes))
        ds = make_dataset(dataclasses.replace(base.data, n_train=n, n_test=n))
        m = base.model
        net = reference_mlp(ds.x_train.shape[1], m.width, m.depth, ds.classes, m.activation,
                            m.bias, m.init_seed)
        # torch's fused Adam and memcap's thread rule (one thread for a small step), as bench
        # (a) gives its loop: the default Adam and two threads for small steps made this leg
        # slower, and its time a measure of the machine's load (2026-12-05 bench review)
        opt = torch.optim.Adam(net.parameters(), lr=base.train.lr, betas=base.train.betas,
                               eps=base.train.eps, fused=True)
        dims = [ds.x_train.shape[1], *[m.width] * m.depth, ds.classes]  # 9 → 100 → 100 → 17
        small = mlp_step_flops(n, dims) < SMALL_STEP_FLOPS
        x, y, xt, yt = ds.x_train, ds.y_train, ds.x_test, ds.y_test  # (n, 9), (n,), ...
        with torch_threads(1 if small else 0):  # 0: torch's setting, as the engine leaves it
            for step in range(steps + 1):
                if step % log_every == 0 or step == steps:
                    with torch.no_grad():
                        out, out_t = net(x), net(xt)  # (n, 17), (n, 17)
                        _ = (F.cross_entropy(out, y).item(), (out.argmax(1) == y).float().mean(),
                             F.cross_entropy(out_t, yt).item(),
                             (out_t.argmax(1) == yt).float().mean(),
                             torch.sqrt(sum((p * p).sum() for p in net.parameters())).item())
                if step == steps:
                    break
                opt.zero_grad()
                F.cross_entropy(net(x), y).backward()
                opt.step()
    if progress is not None:
        progress(len(sizes), len(sizes))
    return time.perf_counter() - t0


def _memcap(spec, workers: int, progress=None) -> float:
    with tempfile.TemporaryDirectory(prefix="memcap-bench-sweep-") as scratch:  # removed after
        t0 = time.perf_counter()
        ex = DaskExecutor(workers=workers) if workers else InProcessExecutor()
        with ex:
            run_sweep(spec, Path(scratch) / "s", ex, progress=progress)
        return time.perf_counter() - t0


def max_steps() -> int:
    """The most training steps a run of the benchmark's sweep (``l2-blog-sweep``, which logs
    every ``train.log_every`` steps) takes: at most ``MAX_STEPS``, and few enough to keep at
    most ``MAX_LOG_ROWS`` log rows (``steps // log_every + 2``).

    Examples
    --------
    >>> max_steps()  # logged every 10 steps
    9999989
    """
    from empirical.engine.config import MAX_LOG_ROWS, MAX_STEPS

    spec = SweepSpec.from_dict({**SWEEP_PRESETS["l2-blog-sweep"],
                                "base": {"train": {"steps": 1}},
                                "grid": [{"fields": ["data.n_train", "data.n_test"],
                                          "values": [20]}]})
    log_every = spec.runs()[0].config.train.log_every
    return min(MAX_STEPS, (MAX_LOG_ROWS - 1) * log_every - 1)


def sweep_sizes(sizes: list[int] | None = None) -> list[int]:
    """The train sizes the benchmark sweeps: ``sizes``, or the ``l2-blog-sweep`` preset's ten.

    Examples
    --------
    >>> len(sweep_sizes()), sweep_sizes([12, 24])
    (10, [12, 24])
    """
    return list(sizes or SWEEP_PRESETS["l2-blog-sweep"]["grid"][0]["values"])


def check_settings(steps: int, sizes: list[int] | None, workers: int) -> None:
    """Refuse bad benchmark settings with one clear ValueError (before any work).

    Parameters
    ----------
    steps : int
        Training steps per run; must lie in 1 .. :func:`max_steps` (the most a run logging
        every ``train.log_every`` steps keeps within ``MAX_LOG_ROWS`` log rows).
    sizes : list of int or None
        Train sizes (None: the preset's); if given, non-empty, at most 100, positive, distinct,
        and the largest must fit in memory (:func:`~empirical.engine.config.check_memory`).
    workers : int
        Dask workers, 0 (skip the Dask leg) to ``MAX_WORKERS``; a positive count needs
        ``distributed`` installed.

    Examples
    --------
    >>> check_settings(3, [20, 40], 0)
    >>> check_settings(0, None, 0)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --steps must be between 1 and 9999989, got 0 (the sweep ...
    """
    top = max_steps()
    if not 1 <= steps <= top:  # 10^8 was refused as train.steps, deep in a config, and the
        # top of 1..10^7 by the log's row limit with advice the bench cannot take (review)
        raise UsageError(f"--steps must be between 1 and {top}, got {steps} (the sweep logs "
                         "every train.log_every steps, at most 10^6 log rows a run)")
    if sizes is not None:
        if not sizes:
            raise UsageError("--sizes is empty; give train sizes such as 50,100,200")
        if len(sizes) > 100:  # each size is one run in each of the three legs
            raise UsageError(f"--sizes holds {len(sizes)} sizes, more than 100 (each is a run "
                             "in each of the three legs); give fewer")
        bad = [n for n in sizes if n < 1]
        if bad:
            raise UsageError(f"--sizes must be positive train sizes, got {bad[0]}")
        repeated = next((n for i, n in enumerate(sizes) if n in sizes[:i]), None)
        if repeated is not None:  # the wording of every other list option (cli.parse)
            raise UsageError(f"--sizes repeats {repeated}; list each value once")
        from empirical.engine.config import RunConfig, check_memory

        n = max(sizes)  # the largest run of the l2-blog model (train size = test size)
        check_memory(RunConfig().override([f"data.n_train={n}", f"data.n_test={n}"]),
                     fix="shrink --sizes")
    if workers < 0 or workers > MAX_WORKERS:
        raise UsageError(f"--dask-workers must be 0 (in-process only) or a positive count up to "
                         f"{MAX_WORKERS}, got {workers}")
    if workers:  # the Dask leg runs last: without Dask the first two legs' minutes were lost
        import importlib.util

        if importlib.util.find_spec("distributed") is None:
            raise UsageError("Dask is not installed: pip install 'memcap[dask]' for the Dask "
                             "leg, or pass --dask-workers 0 to skip it")


def bench_sweep(steps: int = 1000, sizes: list[int] | None = None, workers: int = 2,
                peak_size: int = 2048, progress=None) -> dict:
    """Time the plain script, memcap in-process and memcap on ``workers`` Dask workers.

    ``sizes`` default to the preset's ten sizes 50, 100, ..., 25 600 (train size = test size);
    ``workers = 0`` skips the Dask leg. Bad settings raise ValueError before any work.

    Parameters
    ----------
    steps : int, default 1000
        Training steps per run.
    sizes : list of int or None, default None
        Train sizes (train size = test size); None: the preset's ten sizes.
    workers : int, default 2
        Dask workers for the third leg; 0 skips it.
    peak_size : int, default 2048
        Matrix size for the matmul peak (:func:`~empirical.bench.train.matmul_peak_flops`),
        measured before the first leg and after each: the plain and in-process legs' fraction
        of the peak divides by the better of the two peaks measured next to it (the one peak
        measured after every leg was minutes away from the legs before it; 2026-12-05 bench
        review); the Dask leg's by one peak measured after it on as many threads as its
        workers have cores (they run at once).
    progress : callable, optional
        Called as ``progress(leg, runs_done, runs_total)`` with ``leg`` ``"plain"``,
        ``"in-process"`` or ``"dask"`` (``memcap bench sweep`` draws its bar from it).

    Returns
    -------
    dict
        Runs, sizes, steps, threads, load averages, each leg's wall seconds, speedups and
        GFLOP/s, the peaks measured (``peaks_gflops``) and fractions of the paired peak
        (``dask_*`` keys only when ``workers > 0``).

    Examples
    --------
    A tiny real run (it trains, so it is a test, tests/empirical/test_sweep_cli.py)::

        r = bench_sweep(steps=3, sizes=[20, 40], workers=0, peak_size=128)
        r["runs"], r["sizes"]           # (2, [20, 40])

    Bad settings fail at once:

    >>> bench_sweep(steps=0)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --steps must be between 1 and 9999989, got 0 (the sweep ...
    """
    check_settings(steps, sizes, workers)
    import torch

    d = SWEEP_PRESETS["l2-blog-sweep"]
    sizes = sweep_sizes(sizes)
    spec = SweepSpec.from_dict({**d, "base": {"train": {"steps": steps}},
                                "grid": [{"fields": ["data.n_train", "data.n_test"],
                                          "values": list(sizes)}]})
    def leg(name: str):
        return None if progress is None else (lambda done, total: progress(name, done, total))

    load_start = load_average()
    plain_sweep([20], steps=3)  # warm-up: lazy imports, allocator
    peaks = [matmul_peak_flops(peak_size)]
    plain_s = plain_sweep(sizes, steps, progress=leg("plain"))
    peaks.append(matmul_peak_flops(peak_size))
    in_s = _memcap(spec, 0, progress=leg("in-process"))
    peaks.append(matmul_peak_flops(peak_size))
    flops = sum(mlp_step_flops(n, [9, 100, 100, 17]) for n in sizes) * steps
    in_peak = max(peaks[1], peaks[2])
    r = {"runs": len(sizes), "sizes": list(sizes), "steps": steps,
         "threads": torch.get_num_threads(), "load_avg_start": load_start,
         "plain_s": plain_s, "in_process_s": in_s, "in_process_speedup": plain_s / in_s,
         "train_flops": flops, "peak_gflops": max(peaks) / 1e9,
         "in_process_gflops": flops / in_s / 1e9,
         "in_process_fraction_of_peak": flops / in_s / in_peak,
         "plain_gflops": flops / plain_s / 1e9,
         "plain_fraction_of_peak": flops / plain_s / max(peaks[0], peaks[1])}
    if workers:
        dask_s = _memcap(spec, workers, progress=leg("dask"))
        peaks.append(matmul_peak_flops(peak_size))
        # the Dask leg runs `workers` one-thread processes at once: its peak is the product's
        # on as many threads as they have cores (the main process's peak, one thread under
        # --threads 1, gave 48 % where the two cores' peak gives 25 %; 2026-12-06 review)
        cores = min(workers, available_cpus())
        with torch_threads(cores):
            dask_peak = matmul_peak_flops(peak_size)
        r.update({"dask_workers": workers, "dask_s": dask_s, "dask_speedup": plain_s / dask_s,
                  "dask_gflops": flops / dask_s / 1e9, "dask_peak_threads": cores,
                  "dask_peak_gflops": dask_peak / 1e9,
                  "dask_fraction_of_peak": flops / dask_s / dask_peak})
    r.update(peak_gflops=max(peaks) / 1e9, peaks_gflops=[p / 1e9 for p in peaks],
             load_avg_end=load_average())
    return r


def main(argv: list[str] | None = None) -> None:
    """``python -m empirical.bench.sweep`` and ``tests/benchmarks/bench_sweep.py``: the same
    measurement as ``memcap bench sweep --json``; bad settings end in argparse's usage error
    (status 2) before any work."""
    import argparse
    import json

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=None, help="default 1000, 100 with --quick")
    ap.add_argument("--dask-workers", "--workers", dest="workers", type=int, default=2)
    ap.add_argument("--quick", action="store_true", help="100 steps, sizes up to 3200")
    ap.add_argument("--sizes", help="train sizes (= test sizes), e.g. 50,100,200")
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: default)")
    a = ap.parse_args(argv)
    try:  # the CLI's options too, so the docs' --threads 1 rows can be reproduced here
        try:
            sizes = [int(v) for v in a.sizes.split(",")] if a.sizes is not None else None
        except ValueError:
            raise UsageError(f"--sizes must be comma-separated integers, e.g. 50,100,200; got "
                             f"{a.sizes!r}") from None
        set_threads(a.threads)
        sizes = sizes or ([50 * 2**i for i in range(7)] if a.quick else None)
        steps = a.steps if a.steps is not None else 100 if a.quick else 1000
        check_settings(steps, sizes, a.workers)
    except UsageError as exc:
        ap.error(str(exc))
    print(json.dumps(bench_sweep(steps, sizes, a.workers), indent=2))


if __name__ == "__main__":
    main()
