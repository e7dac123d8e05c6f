"""Benchmarks of the trainer (``memcap bench train``; figures in docs/benchmarks.md).

(a) **Ensemble vs plain loop.** 64 one-hidden-layer width-32 ReLU MLPs, each on all 256 points of
its own random Boolean function of M = 8 (2-class head), 1000 full-batch Adam steps: the batched
trainer's time per model against a plain ``nn.Sequential`` + ``torch.optim.Adam`` +
``F.cross_entropy`` loop that trains models one after another (a subset of the 64, timed and
divided by its size). Same process, same threads; a 3-step warm-up run of each leg first takes
one-time costs (lazy imports, allocator growth, and the first ``torch.optim`` optimiser's import
of ``torch._dynamo``) out of both timings.

(b) **FLOP/s.** The ``l2-blog`` model (9 → 100 → 100 → 17) on 25 600 points, full batch: matmul
FLOPs per step, the model's useful ones (the padded first-layer product of one thread performs
1.9 % more): forward 2·n·Σ fan_in·fan_out, weight gradients the same again, input gradients
2·n·Σ over every layer but the first (no gradient w.r.t. the data); bias adds, activations,
softmax and the optimiser are not counted. Compared with the fp32 peak
measured by ``torch.mm`` on 2048 × 2048 matrices, measured in the same run at every tenth of
the training run, each tenth against the peak measured next to it (:func:`throughput`).
"""

from __future__ import annotations

import time

import numpy as np
import torch
import torch.nn.functional as F

from capacity.machine import load_average
from empirical.engine.boolean_data import boolean_dataset
from empirical.engine.config import DataConfig, RunConfig, TrainConfig
from empirical.engine.data import make_dataset
from empirical.engine.ensemble import BatchedMLP, reference_mlp
from empirical.engine.train import threads_for_step, torch_threads, train_ensemble

__all__ = ["bench_train", "block_length", "boolean_members", "ensemble_vs_loop",
           "matmul_peak_flops", "mlp_step_flops", "throughput"]


def matmul_peak_flops(size: int = 2048, repeats: int = 5, device: str = "cpu",
                      clock: str = "wall") -> float:
    """Best fp32 FLOP/s of ``torch.mm`` on ``size × size`` matrices (2·size³ FLOPs a product).

    ``clock="cpu"`` times with process CPU time instead of wall-clock time (on a shared machine:
    the speed while the process actually ran; meaningful at one thread, CPU device only).

    Parameters
    ----------
    size : int, default 2048
        Side of the square fp32 matrices multiplied.
    repeats : int, default 5
        Timed products (after one untimed warm-up); the fastest counts.
    device : str, default "cpu"
        torch device the matrices live on (CUDA is synchronised around each product).
    clock : {"wall", "cpu"}, default "wall"
        ``"cpu"`` uses process CPU time; any other value uses wall-clock time.

    Returns
    -------
    float
        Best achieved FLOP/s, ``2 * size**3`` divided by the fastest product's seconds.

    Examples
    --------
    >>> matmul_peak_flops(128, repeats=2) > 0, matmul_peak_flops(128, repeats=2, clock="cpu") > 0
    (True, True)
    """
    now = time.process_time if clock == "cpu" else time.perf_counter
    a = torch.randn(size, size, device=device)  # (s, s)
    b = torch.randn(size, size, device=device)  # (s, s)
    torch.mm(a, b)
    best = float("inf")
    for _ in range(repeats):
        _sync(device)
        t = now()
        torch.mm(a, b)
        _sync(device)
        best = min(best, now() - t)
    return 2.0 * size**3 / best


def _sync(device: str) -> None:
    if str(device).startswith("cuda"):
        torch.cuda.synchronize()


def mlp_step_flops(n: int, dims: list[int]) -> int:
    """Matmul FLOPs of one full-batch training step (forward + backward) of an MLP.

    Parameters
    ----------
    n : int
        Training points in the full batch.
    dims : list of int
        Layer widths from input to output, e.g. ``[9, 100, 100, 17]``.

    Returns
    -------
    int
        Matmul FLOPs: forward and weight gradients over all layers, input gradients over all
        but the first.

    Examples
    --------
    >>> mlp_step_flops(25600, [9, 100, 100, 17])  # 2n(Σ) fwd + 2n(Σ) dW + 2n(Σ minus first) dx
    1889280000
    """
    macs = [dims[i] * dims[i + 1] for i in range(len(dims) - 1)]
    return 2 * n * (2 * sum(macs) + sum(macs[1:]))


def boolean_members(inputs: int, members: int, device: str = "cpu"
                    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The benchmarks' ensemble data: member ``k`` gets all ``2^M`` points of its own random
    one-output Boolean map (seed ``k``).

    Parameters
    ----------
    inputs : int
        M.
    members : int
        K, the ensemble's members.
    device : str, default "cpu"
        Where the inputs and labels go.

    Returns
    -------
    x, y, best : torch.Tensor
        ``(K, 2^M, M)`` inputs and ``(K, 2^M)`` labels on ``device``, and ``(K,)`` the points
        each member can memorise (all of them), on the CPU.

    Examples
    --------
    >>> x, y, best = boolean_members(3, 2)
    >>> tuple(x.shape), tuple(y.shape), best.tolist()
    ((2, 8, 3), (2, 8), [8, 8])
    """
    dsets = [boolean_dataset(DataConfig(kind="boolean", inputs=inputs, outputs=1), seed=s)
             for s in range(members)]
    x = torch.stack([d.x_train for d in dsets]).to(device)
    y = torch.stack([d.y_train for d in dsets]).to(device)
    return x, y, torch.full((members,), x.shape[1])


def ensemble_vs_loop(models: int = 64, loop_models: int = 8, steps: int = 1000,
                     device: str = "cpu", progress=None) -> dict:
    """Time per model: the batched trainer against a plain nn.Module loop (benchmark (a)).

    The two legs are interleaved so that a machine whose speed drifts (this 2-core box moves by
    ±20 % within seconds) slows both alike: the ensemble trains its ``steps`` in blocks of
    ⌈steps / loop_models⌉ steps (its log interval), and after each block one plain-loop model
    trains all ``steps`` (paused between blocks, the ensemble's state is untouched). Where
    ``steps`` is not a multiple, the last block is shorter and fewer loop models may be timed
    (``loop_models_timed`` says how many). ``speedup`` divides the loop's total time per
    model by the ensemble's; ``speedup_paired_median`` is the median over the blocks of the
    ratio between each block and the loop model timed right after it.

    Parameters
    ----------
    models : int, default 64
        Ensemble members (each on its own 8-input Boolean dataset, width 32).
    loop_models : int, default 8
        Plain-loop models to time, clipped to 1 .. ``models``; it sets the block count.
    steps : int, default 1000
        Adam steps per model, in both legs.
    device : str, default "cpu"
        torch device of both legs.
    progress : callable, optional
        Called as ``progress(done, total)`` with the ensemble's steps done, at each pause
        (outside the timed blocks and loop runs).

    Returns
    -------
    dict
        Timings (wall and CPU) of both legs, per-model times, ``speedup``, ``speedup_cpu``,
        ``paired_speedups``, ``speedup_paired_median``, threads used and members ``fitted``.

    Examples
    --------
    >>> r = ensemble_vs_loop(models=4, loop_models=2, steps=6)
    >>> r["speedup"] > 0, len(r["paired_speedups"])
    (True, 2)
    """
    loop_n = max(1, min(loop_models, models))
    every = -(-steps // loop_n)  # ensemble steps a block; the last block may be shorter
    cfg = TrainConfig(optimizer="adam", lr=1e-2, steps=steps, log_every=every)
    x, y, best = boolean_members(8, models, device)  # (K, 256, 8), (K, 256), (K,)
    warm = BatchedMLP(8, 2, 1, [32] * models, list(range(models)), device=device)
    train_ensemble(warm, x, y, x[:, :0], y[:, :0], best, TrainConfig(steps=3))  # one-time costs
    net = BatchedMLP(8, 2, 1, [32] * models, list(range(models)), device=device)
    threads = threads_for_step(net, 256) or torch.get_num_threads()  # what the ensemble uses

    def loop_model(k: int, n_steps: int) -> tuple[float, float]:
        """Train plain model ``k`` for ``n_steps`` on the ensemble's threads: (wall, cpu) s."""
        with torch_threads(threads):
            # built before the clock starts, as the ensemble is (its model and optimiser are
            # made before its first timed block): the loop paid for its construction, the
            # ensemble did not (≈ 12 % of the ratio at --quick; bench review, 2026-12-05)
            model = reference_mlp(8, 32, 1, 2, init_seed=k).to(device)
            # torch's fused Adam, its fastest here: the ensemble steps one flat buffer, so the
            # loop gets the equally optimised optimiser (the default one-tensor-at-a-time Adam
            # made the loop 1.3x slower and the ratio that much larger; 2026-12-02 review)
            opt = torch.optim.Adam(model.parameters(), lr=cfg.lr, fused=True)
            xk, yk = x[k], y[k]
            _sync(device)
            t, c = time.perf_counter(), time.process_time()
            for _ in range(n_steps):
                opt.zero_grad()
                F.cross_entropy(model(xk), yk).backward()
                opt.step()
            _sync(device)
            return time.perf_counter() - t, time.process_time() - c

    # the loop's one-time costs, out of the timing like the ensemble's: the first torch.optim
    # optimiser imports torch._dynamo (1.3 s here), which had been charged to the loop
    loop_model(0, 3)
    marks, loops = [], []  # (wall, cpu) when each log pause begins and ends; loop timings

    def pause(step: int) -> None:  # the trainer's on_log: after a block, one loop model
        _sync(device)
        begin = (time.perf_counter(), time.process_time())
        if step > 0:
            loops.append(loop_model(len(loops), steps))
        if progress is not None:  # between the timings: a block ended, its loop model ran
            progress(step, steps)
        marks.append((begin, (time.perf_counter(), time.process_time())))

    log = train_ensemble(net, x, y, x[:, :0], y[:, :0], best, cfg, on_log=pause)
    check_trained(log, "(a)")
    done = [int(v) for v in log.steps]  # 0, every, ..., steps
    blocks = [(done[i] - done[i - 1], marks[i][0][0] - marks[i - 1][1][0],
               marks[i][0][1] - marks[i - 1][1][1]) for i in range(1, len(marks))]
    ensemble_s, ensemble_cpu = sum(b[1] for b in blocks), sum(b[2] for b in blocks)
    loop_s, loop_cpu = sum(w for w, _ in loops), sum(c for _, c in loops)
    paired = [(lw / steps) / (bw / (n * models)) for (n, bw, _), (lw, _) in
              zip(blocks, loops, strict=True)]
    per_ens, per_loop = ensemble_s / models, loop_s / len(loops)
    return {"models": models, "steps": steps, "ensemble_s": ensemble_s,
            "ensemble_per_model_s": per_ens, "loop_models_timed": len(loops), "loop_s": loop_s,
            "loop_per_model_s": per_loop, "speedup": per_loop / per_ens, "threads": threads,
            "speedup_cpu": (loop_cpu / len(loops)) / (ensemble_cpu / models),
            "paired_speedups": paired, "speedup_paired_median": float(np.median(paired)),
            "fitted": int((log.metrics["train_acc"][-1] == 1.0).sum())}


def check_trained(log, what: str) -> None:
    """Refuse to report a timed run in which a member diverged (its remaining steps cost
    nothing, so the figures would time less work than they count).

    Examples
    --------
    >>> import types, numpy as np
    >>> check_trained(types.SimpleNamespace(diverged=np.array([False])), "(b)")
    >>> check_trained(types.SimpleNamespace(diverged=np.array([True])), "(b)")
    Traceback (most recent call last):
    ...
    RuntimeError: benchmark (b): a member diverged, so its blocks timed less work than ...
    """
    if bool(np.asarray(log.diverged).any()):  # (the trainer logs every step up to ``steps``
        # even when all members stop, so the log's last step says nothing more)
        raise RuntimeError(f"benchmark {what}: a member diverged, so its blocks timed less work "
                           "than they count; the figures would be meaningless")


def block_length(steps: int, blocks: int) -> int:
    """Steps a block of :func:`throughput`'s run: ``steps`` split into at most ``blocks``
    blocks of ``ceil(steps / blocks)`` steps and a last one of the rest, with fewer blocks
    wherever a block (the last included) would have under 20 steps (a block's log step is noise
    beside it). ``ceil(steps / blocks)`` alone left the last block short: 61 steps made 21, 21
    and 19, 201 made nine of 21 and one of 12 (2026-12-07 audit).

    Parameters
    ----------
    steps : int
        Steps of the run (at least 1).
    blocks : int
        Most blocks (at least 1).

    Returns
    -------
    int
        The block length; ``steps`` itself when one block is all there is room for.

    Examples
    --------
    >>> block_length(1000, 10), block_length(61, 10), block_length(201, 10), block_length(25, 10)
    (100, 31, 29, 25)
    """
    blocks = max(1, min(blocks, steps // 20))
    every = -(-steps // blocks)
    while blocks > 1 and (steps % every or every) < 20:  # the last block's steps
        blocks -= 1
        every = -(-steps // blocks)
    return every


def throughput(n: int = 25600, steps: int = 1000, device: str = "cpu", blocks: int = 10,
               peak_size: int = 2048, progress=None) -> dict:
    """Achieved matmul FLOP/s of the l2-blog model on ``n`` points (benchmark (b)).

    One uninterrupted run of ``steps`` full-batch Adam steps, logged every ``steps / blocks``
    steps (fewer blocks where a block would have under 20 steps); at each log step (and before
    the first) the run pauses to measure the matmul peak (:func:`matmul_peak_flops`, best of
    3). Each block of steps is then paired with the better
    of the two peaks measured right before and right after it, so a block that ran while
    another job slowed the machine is compared with the peak of that moment, not with one
    measured in a quieter minute: on a machine shared by fewer busy threads than it has cores
    the per-block ratio is the code's efficiency, and ``fraction_median`` is their median.
    Above that load it is not: one large matmul keeps its pace on a busy machine far better
    than many small training steps do (docs/benchmarks.md, 2026-12-05 07:54: at torch's default
    two threads and load 3 on 2 cores a full run had not finished after 15 minutes, against
    35 s for (b) on one thread at 59 % of the peak), so measure (b) with ``--threads 1`` or on
    a quiet machine. ``fraction_overall`` divides the
    whole run's FLOP/s by the best peak of all (the conservative figure). A block's time
    includes its log step's evaluation (one forward pass, not counted as FLOPs).

    Parameters
    ----------
    n : int, default 25600
        Training points of the l2-blog dataset (no test set).
    steps : int, default 1000
        Full-batch Adam steps of the run.
    device : str, default "cpu"
        torch device of the run and of the peak measurements.
    blocks : int, default 10
        Blocks the run is split into, reduced so that each has at least 20 steps (at least 1).
    peak_size : int, default 2048
        Matrix size for :func:`matmul_peak_flops`.
    progress : callable, optional
        Called as ``progress(done, total)`` with the steps done, at each pause (outside the
        timed blocks).

    Returns
    -------
    dict
        ``n``, ``steps``, wall and CPU seconds, ``flops_per_step``, achieved FLOP/s (wall and
        CPU), ``peak_flops``, ``block_fractions`` with each block's ``block_steps``,
        ``block_wall_s`` and paired ``block_peak_flops`` (a fraction is
        flops_per_step · steps / wall / peak), ``fraction_median`` and ``fraction_overall``.

    Examples
    --------
    >>> r = throughput(n=256, steps=40, blocks=2, peak_size=128)
    >>> r["flops_per_step"], len(r["block_fractions"]), r["fraction_overall"] > 0
    (18892800, 2, True)
    """
    base = RunConfig()
    data = DataConfig(n_train=n, n_test=0, seed=base.data.seed)
    ds = make_dataset(data)
    m = base.model
    x, y = ds.x_train[None].to(device), ds.y_train[None].to(device)  # (1, n, 9), (1, n)
    best = torch.tensor([ds.best_count])

    def net():
        return BatchedMLP(ds.x_train.shape[1], ds.classes, m.depth, [m.width], [m.init_seed],
                          device=device)

    train_ensemble(net(), x, y, x[:, :0], y[:, :0], best, TrainConfig(steps=2))  # one-time costs
    peaks, marks = [], []  # peak FLOP/s; (wall, cpu) when each pause begins and ends

    def pause(step: int | None = None) -> None:  # also the run's on_log
        _sync(device)  # the block's queued kernels belong to the block, not to the peak
        begin = (time.perf_counter(), time.process_time())
        if progress is not None and step is not None:
            progress(step, steps)
        peaks.append(matmul_peak_flops(peak_size, repeats=3, device=device))
        _sync(device)
        marks.append((begin, (time.perf_counter(), time.process_time())))

    every = block_length(steps, blocks)
    pause()
    log = train_ensemble(net(), x, y, x[:, :0], y[:, :0], best,
                         TrainConfig(steps=steps, log_every=every), on_log=pause)
    check_trained(log, "(b)")
    flops = mlp_step_flops(n, [ds.x_train.shape[1]] + [m.width] * m.depth + [ds.classes])
    done = [int(s) for s in log.steps]  # 0, every, 2·every, ..., steps
    rows = []  # (steps, wall s, cpu s, paired peak) per block
    for i in range(2, len(marks)):  # marks[1] is the log at step 0: no training before it
        wall = marks[i][0][0] - marks[i - 1][1][0]
        cpu = marks[i][0][1] - marks[i - 1][1][1]
        rows.append((done[i - 1] - done[i - 2], wall, cpu, max(peaks[i - 1], peaks[i])))
    wall, cpu = sum(r[1] for r in rows), sum(r[2] for r in rows)
    fractions = [flops * k / w / p for k, w, _, p in rows]
    return {"n": n, "steps": steps, "wall_s": wall, "cpu_s": cpu, "flops_per_step": flops,
            "achieved_flops": flops * steps / wall, "achieved_flops_cpu": flops * steps / cpu,
            "peak_flops": max(peaks), "block_fractions": fractions,
            "block_steps": [r[0] for r in rows], "block_wall_s": [r[1] for r in rows],
            "block_peak_flops": [r[3] for r in rows],
            "fraction_median": float(np.median(fractions)),
            "fraction_overall": flops * steps / wall / max(peaks)}


def bench_train(quick: bool = False, device: str = "cpu", steps: int | None = None,
                models: int = 64, n: int = 25600, loop_models: int | None = None,
                peak_size: int = 2048, progress=None) -> dict:
    """Both benchmarks in one run, with the measured peak and the two ratios.

    Also reports torch's thread count and the 1-minute load average before and after (timings
    on a shared machine are only comparable as ratios within one run). Every time is wall-clock;
    the ``_cpu`` figures divide by process CPU time instead, which on a shared machine leaves out
    the time the process waited for a core (meaningful at one thread: then CPU time is the time
    it computed). (b) pairs each tenth of its run with the matmul peak measured next to it
    (:func:`throughput`): ``b_fraction_of_peak`` is the median of those paired ratios,
    ``b_fraction_overall`` the whole run against the best peak measured at any point.

    ``quick``: 100 steps for (a) and 25 for (b), 2 loop models timed instead of 8.

    Parameters
    ----------
    quick : bool, default False
        Shorter defaults (see above); ``steps`` and ``loop_models`` override them when given.
    device : str, default "cpu"
        torch device of both benchmarks.
    steps : int or None, default None
        Steps of both (a) and (b); None: 1000 each (or the ``quick`` counts).
    models : int, default 64
        Ensemble members in (a).
    n : int, default 25600
        Training points in (b).
    loop_models : int or None, default None
        Plain-loop models timed in (a); None: 8 (2 if ``quick``).
    peak_size : int, default 2048
        Matrix size of the matmul peak in (b).
    progress : callable, optional
        Called as ``progress(what, done, total)`` with ``what`` ``"(a)"`` or ``"(b)"`` and the
        steps done, between timed blocks (``memcap bench train`` draws its bar from it).

    Returns
    -------
    dict
        Device, threads, load averages, ``a_*`` figures from :func:`ensemble_vs_loop` and
        ``b_*`` figures from :func:`throughput` (``b_gflops_cpu`` None unless one thread).

    Examples
    --------
    >>> r = bench_train(steps=4, models=4, n=512, loop_models=1, peak_size=256)
    >>> r["a_models"], r["b_n"], 0 < r["b_fraction_of_peak"]
    (4, 512, True)
    """
    load_start = load_average()
    steps_a = steps or (100 if quick else 1000)
    steps_b = steps or (25 if quick else 1000)
    loop_n = loop_models or (2 if quick else 8)
    def stage(what: str):
        return None if progress is None else (lambda done, total: progress(what, done, total))

    a = ensemble_vs_loop(models=models, loop_models=loop_n, steps=steps_a, device=device,
                         progress=stage("(a)"))
    b = throughput(n=n, steps=steps_b, device=device, peak_size=peak_size,
                   progress=stage("(b)"))
    return {
        "device": device, "threads": torch.get_num_threads(),
        "load_avg_start": load_start, "load_avg_end": load_average(),
        "a_models": a["models"], "a_steps": a["steps"],
        "a_ensemble_per_model_s": a["ensemble_per_model_s"],
        "a_loop_per_model_s": a["loop_per_model_s"], "a_loop_models_timed": a["loop_models_timed"],
        "a_speedup": a["speedup"], "a_speedup_cpu": a["speedup_cpu"], "a_fitted": a["fitted"],
        "a_speedup_paired_median": a["speedup_paired_median"],
        "a_paired_speedups": a["paired_speedups"],
        "a_threads": a["threads"],
        "b_n": b["n"], "b_steps": b["steps"], "b_wall_s": b["wall_s"],
        "b_gflops": b["achieved_flops"] / 1e9, "peak_gflops": b["peak_flops"] / 1e9,
        "b_fraction_of_peak": b["fraction_median"], "b_fraction_overall": b["fraction_overall"],
        "b_flops_per_step": b["flops_per_step"], "b_block_fractions": b["block_fractions"],
        "b_block_steps": b["block_steps"], "b_block_wall_s": b["block_wall_s"],
        "b_block_peak_gflops": [p / 1e9 for p in b["block_peak_flops"]],
        "b_cpu_s": b["cpu_s"],
        # CPU time sums over threads: the rate per CPU second means something at one thread
        "b_gflops_cpu": (b["achieved_flops_cpu"] / 1e9 if torch.get_num_threads() == 1
                         else None),
    }
