"""Benchmark of the transformer ensemble (``memcap bench transformer``; figures in
docs/benchmarks.md).

K small decoder-only transformers, each on its own n random sequences (uniform tokens), train for
a number of full-batch Adam steps three ways, in one process on the same threads:

* ``bmm``: the engine's :class:`~empirical.engine.transformer.BatchedGPT` with batched matmuls
  over the member axis, through the engine's trainer (:func:`empirical.engine.train.
  train_ensemble`: flat Adam, masks, logging at the first and last step);
* ``vmap``: the same trainer and parameters with the ``torch.func.vmap`` forward;
* ``loop``: a plain loop over ``reference_gpt`` modules, each with ``torch.optim.Adam`` and
  ``F.cross_entropy`` (``loop_models`` of the K, timed and divided by their number).

``dtype="bfloat16"`` is the engine's mixed precision for all three (``torch.autocast`` to bf16,
float32 weights and optimiser state).

A 3-step run of each first takes one-time costs (lazy imports, allocator growth) out of the
timings. The three legs then alternate for ``rounds`` rounds (each in a rotated order), and
every ratio is the median over the rounds of the ratio of one round's legs. The figure of merit
is seconds per model (per member for the ensembles).
"""

from __future__ import annotations

import time

import numpy as np
import torch
import torch.nn.functional as F

from capacity.machine import load_average
from empirical.bench.train import _sync
from empirical.engine.config import DataConfig, TrainConfig
from empirical.engine.dataset import stacked_counted
from empirical.engine.token_data import token_dataset
from empirical.engine.train import threads_for_step, torch_threads, train_ensemble
from empirical.engine.transformer import BatchedGPT, reference_gpt

__all__ = ["bench_transformer", "transformer_ensemble_vs_loop"]


def transformer_ensemble_vs_loop(models: int = 32, loop_models: int = 8, steps: int = 200,
                                 vocab: int = 16, seq_len: int = 9, width: int = 16,
                                 depth: int = 1, heads: int = 2, n: int = 32,
                                 device: str = "cpu", dtype: str = "float32",
                                 rounds: int = 3) -> dict:
    """Seconds per model of the two ensemble implementations and of the plain loop.

    Parameters
    ----------
    models : int, default 32
        Ensemble members, each on its own token dataset (seeds 0 .. models - 1).
    loop_models : int, default 8
        Plain-loop models timed (at most ``models``).
    steps : int, default 200
        Adam steps per model in each implementation and in the loop.
    vocab : int, default 16
        Token vocabulary size (the data's ``classes``).
    seq_len : int, default 9
        Tokens per sequence; the model's context is ``seq_len - 1``.
    width : int, default 16
        Embedding width of every model.
    depth : int, default 1
        Transformer blocks.
    heads : int, default 2
        Attention heads per block.
    n : int, default 32
        Training sequences per model.
    device : str, default "cpu"
        torch device of every leg.
    dtype : str, default "float32"
        torch dtype name; ``"bfloat16"`` runs float32 weights under bfloat16 autocast.
    rounds : int, default 3
        Rounds of the three legs, alternating (each round in a rotated order).

    Returns
    -------
    dict
        The settings, ``parameters_per_model``, each ensemble's final loss, ``per_model_s``
        (keys ``bmm``, ``vmap``, ``loop``: medians over the rounds; ``per_model_s_rounds`` each
        round's), ``loop_models_timed``, ``threads``, ``rounds``, each ensemble's speedup over
        the loop (``speedup_bmm``: the median over the rounds of loop ÷ bmm time per model, each
        round's legs paired), ``vmap_over_bmm`` (median; ``vmap_over_bmm_rounds`` each round's)
        and ``fastest``: the faster ensemble where every round agrees, else a sentence saying
        that they are within the rounds' spread.

    Examples
    --------
    >>> r = transformer_ensemble_vs_loop(models=2, loop_models=1, steps=2, width=4, n=2)
    >>> sorted(r["per_model_s"]), len(r["vmap_over_bmm_rounds"]), r["speedup_bmm"] > 0
    (['bmm', 'loop', 'vmap'], 3, True)
    """
    autocast = torch.bfloat16 if dtype == "bfloat16" else None  # mixed precision, as the engine
    torch_dtype = torch.float32 if autocast is not None else getattr(torch, dtype)
    data = DataConfig(kind="tokens", classes=vocab, seq_len=seq_len, n_train=n, n_test=0)
    dsets = [token_dataset(data, seed=s) for s in range(models)]
    x = torch.stack([d.x_train for d in dsets]).to(device)  # (K, n, T)
    y = torch.stack([d.y_train for d in dsets]).to(device)  # (K, n, T)
    best = torch.tensor([d.best_count for d in dsets])
    counted = stacked_counted(dsets)  # (K, n, T) bool, or None
    cfg = TrainConfig(optimizer="adam", lr=1e-2, steps=steps, log_every=steps)
    shape = dict(heads=heads, dtype=torch_dtype, device=device)
    t_ctx = seq_len - 1
    out: dict = {"models": models, "steps": steps, "vocab": vocab, "seq_len": seq_len,
                 "width": width, "depth": depth, "heads": heads, "n": n, "dtype": dtype,
                 "parameters_per_model": sum(p.numel() for p in reference_gpt(
                     vocab, t_ctx, width, depth, heads).parameters())}
    threads = None

    def ensemble(impl: str, n_steps: int, train_cfg: TrainConfig) -> tuple[float, float]:
        """Seconds of one training of a fresh ensemble, and its final mean loss."""
        net = BatchedGPT(vocab, t_ctx, depth, [width] * models, range(models), impl=impl,
                         **shape)
        _sync(device)
        t = time.perf_counter()
        log = train_ensemble(net, x, y, x[:, :0], y[:, :0], best, train_cfg, autocast=autocast,
                             counted=counted)
        _sync(device)
        nonlocal threads
        threads = threads_for_step(net, n) or torch.get_num_threads()  # what the ensembles used
        return time.perf_counter() - t, float(log.metrics["train_loss"][-1].mean())

    loop_n = min(loop_models, models)

    def loop(count: int, n_steps: int) -> float:
        """Seconds of ``count`` plain-loop models trained one after another."""
        # the models and optimisers are built before the clock starts, as the ensembles are
        # (the loop paid for its construction, the ensembles did not: ≈ 12 % of speedup_bmm at
        # --quick; bench review, 2026-12-05)
        built = []
        for k in range(count):
            model = reference_gpt(vocab, t_ctx, width, depth, heads, init_seed=k,
                                  dtype=torch_dtype).to(device)
            built.append((k, model, torch.optim.Adam(model.parameters(), lr=cfg.lr,
                                                     fused=True)))  # its fastest Adam
        with torch_threads(threads):
            _sync(device)
            t = time.perf_counter()
            for k, model, opt in built:
                for _ in range(n_steps):
                    opt.zero_grad()
                    with torch.autocast(torch.device(device).type, dtype=autocast or torch_dtype,
                                        enabled=autocast is not None):
                        logits = model(x[k]).float()  # (n, T, V)
                    F.cross_entropy(logits.reshape(-1, vocab), y[k].reshape(-1)).backward()
                    opt.step()
            _sync(device)
            return time.perf_counter() - t

    for impl in ("bmm", "vmap"):  # 3 steps of each first: lazy imports, allocator growth
        ensemble(impl, 3, TrainConfig(steps=3))
    loop(1, 3)
    # the legs alternate, round by round and in a rotated order, and each ratio pairs the legs
    # of one round: run one after another, the ratios followed the box's drift (the vmap ÷ bmm
    # ratio went 1.10, 1.12, 0.98, 0.91 in four runs of one command; 2026-12-05 bench review)
    times: dict[str, list[float]] = {"bmm": [], "vmap": [], "loop": []}
    order = list(times)
    for r in range(rounds):
        for impl in order[r % 3:] + order[:r % 3]:
            if impl == "loop":
                times["loop"].append(loop(loop_n, steps) / loop_n)
            else:
                seconds, loss = ensemble(impl, steps, cfg)
                times[impl].append(seconds / models)
                out[f"{impl}_final_loss"] = loss
    per = {impl: float(np.median(v)) for impl, v in times.items()}
    paired = {name: [a / b for a, b in zip(times[num], times[den], strict=True)]
              for name, (num, den) in {"bmm": ("loop", "bmm"), "vmap": ("loop", "vmap"),
                                       "vmap_over_bmm": ("vmap", "bmm")}.items()}
    ratio = paired["vmap_over_bmm"]
    # the faster ensemble only where every round agrees (a 3 % margin was within the drift)
    fastest = ("bmm" if min(ratio) > 1 else "vmap" if max(ratio) < 1 else
               "bmm and vmap within the rounds' spread")
    out.update(per_model_s=per, per_model_s_rounds=times, loop_models_timed=loop_n,
               threads=threads, rounds=rounds, fastest=fastest,
               speedup_bmm=float(np.median(paired["bmm"])),
               speedup_vmap=float(np.median(paired["vmap"])),
               vmap_over_bmm=float(np.median(ratio)), vmap_over_bmm_rounds=ratio)
    return out


def bench_transformer(quick: bool = False, device: str = "cpu", dtype: str = "float32",
                      progress=None) -> dict:
    """Two sizes — tiny (width 16, 1 block, 32 sequences of 9 tokens) and small (width 32, 2
    blocks, 64 sequences of 17 tokens) — with the 1-minute load average before and after.

    ``quick``: 20 steps and 2 loop models instead of 200 and 8.

    Parameters
    ----------
    quick : bool, default False
        20 steps and 2 loop models instead of 200 and 8.
    device : str, default "cpu"
        torch device of both cases.
    dtype : str, default "float32"
        Passed to :func:`transformer_ensemble_vs_loop`.
    progress : callable, optional
        Called as ``progress(done, total)`` before each case and after the last
        (``memcap bench transformer`` draws its bar from it).

    Returns
    -------
    dict
        Device, threads, load averages and ``cases``: the two
        :func:`transformer_ensemble_vs_loop` results.

    Examples
    --------
    About 18 s even with ``quick`` on the 2-core box, the slowest item of the default test run,
    so the test run skips it (each case is :func:`transformer_ensemble_vs_loop`, whose example
    runs; tests/empirical/test_transformer.py checks the cases and the progress):

    >>> r = bench_transformer(quick=True)  # doctest: +SKIP
    >>> [(c["width"], c["depth"], c["models"], c["steps"]) for c in r["cases"]]  # doctest: +SKIP
    [(16, 1, 32, 20), (32, 2, 16, 20)]
    >>> all(c["speedup_bmm"] > 0 and c["per_model_s"]["bmm"] > 0
    ...     for c in r["cases"])  # doctest: +SKIP
    True
    """
    load_start = load_average()
    steps, loop_n = (20, 2) if quick else (200, 8)
    cases = [(32, loop_n, steps, 16, 9, 16, 1, 2, 32), (16, loop_n, steps, 64, 17, 32, 2, 2, 64)]
    rows = []
    for done, case in enumerate(cases):
        if progress is not None:
            progress(done, len(cases))
        rows.append(transformer_ensemble_vs_loop(*case, device, dtype))
    if progress is not None:
        progress(len(cases), len(cases))
    return {"device": device, "threads": torch.get_num_threads(), "load_avg_start": load_start,
            "load_avg_end": load_average(), "cases": rows}
