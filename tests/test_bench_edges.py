"""What ``memcap bench train`` and ``memcap bench transformer`` time, on the edges that
tests/test_bench_measures.py leaves open (a mutation audit of empirical/bench/train.py and
empirical/bench/transformer.py, 2026-12-07, found 56 changes that no test saw): what lies
inside each timed region (construction, progress callbacks, peak measurements), that both legs
do the same work on the same threads, the warm-ups, medians on uneven data, step counts that
are not multiples of the block count, and the fields of the benchmarks' records.

The same approach as there: fake clocks advanced by set amounts, stubbed legs and counters;
no assertion depends on real timing. Each test names the mutants it fails on."""

import types

import numpy as np
import pytest
import torch
from test_bench_measures import FakeClock, clocked_training, close

import empirical.bench.train as train_bench
import empirical.bench.transformer as transformer_bench
from empirical.bench.train import mlp_step_flops


@pytest.fixture
def process_threads():
    """Set torch's process-wide thread count for a test; restored afterwards."""
    before = torch.get_num_threads()
    yield torch.set_num_threads
    torch.set_num_threads(before)


class Recorder:
    """What the plain loops' optimisers and models did: each ``Adam``'s lr, the thread count
    at each of its steps, and the steps taken so far."""

    def __init__(self, monkeypatch):
        self.lrs, self.step_threads = [], []
        recorder = self

        class Adam(torch.optim.Adam):
            def __init__(self, params, **kwargs):
                recorder.lrs.append(kwargs.get("lr"))
                super().__init__(params, **kwargs)

            def step(self, *args, **kwargs):
                recorder.step_threads.append(torch.get_num_threads())
                return super().step(*args, **kwargs)

        monkeypatch.setattr(torch.optim, "Adam", Adam)

    @property
    def steps(self) -> int:
        return len(self.step_threads)


# ------------------------------------------------------------------------- the matmul peak
def test_every_timed_product_is_synchronised_before_the_clock_stops(monkeypatch):
    """On CUDA a product only queues a kernel: each timed ``torch.mm`` is followed by a device
    sync before the clock is read, so the peak times the kernel, not its launch (the CPU's
    ``_sync`` is a no-op, hence the spy) (mutants: T05)."""
    events, real_mm = [], torch.mm
    monkeypatch.setattr(train_bench, "_sync", lambda device: events.append("sync"))
    monkeypatch.setattr(torch, "mm", lambda a, b: (events.append("mm"), real_mm(a, b))[1])
    tick = iter(range(100))

    def now():
        events.append("clock")
        return float(next(tick))

    monkeypatch.setattr(train_bench, "time",
                        types.SimpleNamespace(perf_counter=now, process_time=now))
    train_bench.matmul_peak_flops(8, repeats=2)
    assert events == ["mm"] + ["sync", "clock", "mm", "sync", "clock"] * 2


# ------------------------------------------------------------------ (a) ensemble vs loop
def test_each_member_gets_its_own_boolean_function():
    """``boolean_members``: member k's labels are the random Boolean map of seed k, so no two
    members share a function (mutants: T07)."""
    x, y, best = train_bench.boolean_members(8, 3)
    assert torch.equal(x[0], x[1])  # all 256 points each
    assert not torch.equal(y[0], y[1]) and not torch.equal(y[1], y[2])
    assert not torch.equal(y[0], y[2])


@pytest.fixture
def clocked_a(monkeypatch):
    """``ensemble_vs_loop`` on a fake clock: a forward of plain-loop model k costs
    ``forward_cost(k)`` s, building a loop model ``build_cost`` s, an ensemble step 0.01 s
    for all members, a progress call ``progress_cost`` s. ``run(...) -> result``."""
    clock = FakeClock()
    monkeypatch.setattr(train_bench, "time", clock.namespace)
    monkeypatch.setattr(train_bench, "train_ensemble",
                        clocked_training(clock, train_bench.train_ensemble))
    real_reference = train_bench.reference_mlp

    def run(forward_cost=lambda k: 1.0, build_cost=0.0, progress_cost=None, **kwargs):
        def reference(*args, init_seed=0, **kw):
            clock.advance(build_cost)
            model = real_reference(*args, init_seed=init_seed, **kw)
            model.register_forward_hook(lambda *_: clock.advance(forward_cost(init_seed)))
            return model

        monkeypatch.setattr(train_bench, "reference_mlp", reference)
        progress = (None if progress_cost is None
                    else lambda done, total: clock.advance(progress_cost))
        return train_bench.ensemble_vs_loop(progress=progress, **kwargs)

    return run


def test_a_times_neither_the_loops_construction_nor_the_progress_callback(clocked_a):
    """The loop's model and optimiser are built before its clock starts (the ensemble's are
    built before its first block), and ``progress`` runs between the timings: with a loop
    model costing 5 s to build and each progress call 100 s, a loop model still takes its 4
    steps' 4 s and the ensemble its 0.04 s (mutants: T19, T24)."""
    result = clocked_a(build_cost=5.0, progress_cost=100.0, models=2, loop_models=2, steps=4)
    assert close(result["loop_per_model_s"], 4.0)
    assert close(result["ensemble_s"], 0.04)
    assert all(close(p, 200) for p in result["paired_speedups"])


def test_a_with_steps_not_a_multiple_of_the_loop_models(clocked_a):
    """Blocks are ⌈steps / loop_models⌉ steps, so no more loop models are timed than asked: 5
    steps and 2 loop models make blocks of 3 and 2, two loop models. 5 steps and 4 loop models
    make blocks of 2, 2 and 1: three loop models are timed, reported as timed, and the loop's
    time is divided by those three (5 s a model of 5 steps). ``loop_models`` is clipped to
    at least 1 (mutants: T10, T11, T30, T34)."""
    result = clocked_a(models=4, loop_models=2, steps=5)
    assert result["loop_models_timed"] == len(result["paired_speedups"]) == 2
    result = clocked_a(models=4, loop_models=4, steps=5)
    assert result["loop_models_timed"] == len(result["paired_speedups"]) == 3
    assert close(result["loop_s"], 15.0) and close(result["loop_per_model_s"], 5.0)
    assert all(close(p, 400) for p in result["paired_speedups"])  # 1 s a step / 0.0025 s
    assert clocked_a(models=2, loop_models=0, steps=2)["loop_models_timed"] == 1


def test_a_paired_speed_up_is_the_median_of_uneven_pairs(clocked_a):
    """Loop models 0, 1, 2 costing 1, 1 and 10 s a step against a 1-step block of 0.01 s for 3
    members: the paired speed-ups are 300, 300 and 3000, their median 300 (the mean would be
    1200, which here is the overall ``speedup``) (mutants: T29)."""
    result = clocked_a(forward_cost=lambda k: [1.0, 1.0, 10.0][k], models=3, loop_models=3,
                       steps=3)
    assert np.allclose(result["paired_speedups"], [300, 300, 3000])
    assert close(result["speedup_paired_median"], 300)
    assert close(result["speedup"], 1200)


@pytest.fixture
def spied_a(monkeypatch):
    """Real ``ensemble_vs_loop`` runs with the trainer's calls recorded as (steps, timed, test
    points, config, loop Adam steps taken before the call); ``edit(log)`` may alter a timed
    run's log. Returns the calls list, the Recorder and the loop's forward batch sizes."""
    calls, batches, edits = [], [], []
    recorder = Recorder(monkeypatch)
    real_train, real_reference = train_bench.train_ensemble, train_bench.reference_mlp

    def train(net, x, y, xt, yt, best, cfg, on_log=None, **kwargs):
        calls.append((cfg.steps, on_log is not None, xt.shape[1], cfg, recorder.steps))
        log = real_train(net, x, y, xt, yt, best, cfg, on_log=on_log, **kwargs)
        for edit in edits if on_log is not None else ():
            edit(log)
        return log

    def reference(*args, **kwargs):
        model = real_reference(*args, **kwargs)
        model.register_forward_hook(lambda m, inputs, out: batches.append(inputs[0].shape[0]))
        return model

    monkeypatch.setattr(train_bench, "train_ensemble", train)
    monkeypatch.setattr(train_bench, "reference_mlp", reference)
    return types.SimpleNamespace(calls=calls, adam=recorder, batches=batches, edits=edits)


def test_a_legs_do_the_same_work_on_the_same_threads(spied_a, process_threads):
    """Same process, same threads, same work: at torch threads 2 the tiny net's trainer rule
    gives 1 thread, reported as ``threads`` and used by every plain-loop optimiser step; each
    loop forward sees all 256 points of its member; both legs use Adam at lr 1e-2; the
    timed ensemble does not stop members early (the loop trains every step) (mutants: T13,
    T17, T18, T20, T63)."""
    process_threads(2)
    result = train_bench.ensemble_vs_loop(models=2, loop_models=1, steps=2)
    assert result["threads"] == 1
    assert spied_a.adam.step_threads and set(spied_a.adam.step_threads) == {1}
    assert spied_a.batches and set(spied_a.batches) == {256}
    timed = [cfg for _, is_timed, _, cfg, _ in spied_a.calls if is_timed]
    assert [(cfg.lr, cfg.early_stop, cfg.optimizer) for cfg in timed] == [(1e-2, False, "adam")]
    assert spied_a.adam.lrs and set(spied_a.adam.lrs) == {1e-2}


def test_a_warms_up_both_legs_before_the_timed_run(spied_a):
    """An untimed 3-step ensemble run comes first, and the loop's warm-up model takes its 3
    optimiser steps (the first optimiser's import of torch._dynamo) before the timed ensemble
    starts (mutants: T14, T16)."""
    train_bench.ensemble_vs_loop(models=2, loop_models=1, steps=2)
    assert [(steps, is_timed) for steps, is_timed, *_ in spied_a.calls] == [(3, False),
                                                                             (2, True)]
    assert spied_a.calls[-1][-1] == 3  # loop Adam steps before the timed ensemble


def test_a_counts_members_fitted_at_the_last_log_and_names_itself_when_refusing(spied_a):
    """``fitted`` counts the members at 100 % training accuracy at the last log (here none
    before it); a diverged run is refused with an error naming benchmark (a)
    (mutants: T33, T36)."""
    def last_row_only(log):
        acc = np.zeros_like(log.metrics["train_acc"])
        acc[-1] = 1.0
        log.metrics["train_acc"] = acc

    spied_a.edits.append(last_row_only)
    assert train_bench.ensemble_vs_loop(models=3, loop_models=1, steps=2)["fitted"] == 3
    spied_a.edits[:] = [lambda log: setattr(log, "diverged", np.ones_like(log.diverged))]
    with pytest.raises(RuntimeError, match=r"benchmark \(a\)"):
        train_bench.ensemble_vs_loop(models=2, loop_models=1, steps=2)


# ------------------------------------------------------------------------ (b) throughput
@pytest.fixture
def clocked_b(monkeypatch):
    """``throughput(n=256)`` on a fake clock: a training step costs 0.01 s, a peak measurement
    100 s (the scripted peaks in order), a progress call ``progress_cost`` s. Records each
    trainer call as (steps, timed, test points) and each peak's ``repeats``."""
    clock = FakeClock()
    seen = {"train": [], "repeats": [], "diverge": False}
    monkeypatch.setattr(train_bench, "time", clock.namespace)
    timed = clocked_training(clock, train_bench.train_ensemble)

    def train(net, x, y, xt, yt, best, cfg, on_log=None, **kwargs):
        seen["train"].append((cfg.steps, on_log is not None, xt.shape[1]))
        log = timed(net, x, y, xt, yt, best, cfg, on_log=on_log, **kwargs)
        if seen["diverge"] and on_log is not None:
            log.diverged = np.ones_like(log.diverged)
        return log

    monkeypatch.setattr(train_bench, "train_ensemble", train)

    def run(steps=40, blocks=2, peaks=(1e9, 4e9, 2e9, 3e9), progress_cost=None, diverge=False):
        it = iter(peaks)
        seen["diverge"] = diverge

        def peak(size, repeats=5, device="cpu", **kwargs):
            seen["repeats"].append(repeats)
            clock.advance(100.0)
            return next(it)

        monkeypatch.setattr(train_bench, "matmul_peak_flops", peak)
        progress = (None if progress_cost is None
                    else lambda done, total: clock.advance(progress_cost))
        result = train_bench.throughput(n=256, steps=steps, blocks=blocks, peak_size=4,
                                        progress=progress)
        return result, seen

    return run


def test_b_blocks_time_only_training_in_wall_and_cpu_time(clocked_b):
    """Two blocks of 20 steps (0.2 s each) between 100 s peak measurements, with each progress
    call costing 100 s: the blocks' wall time is 0.4 s (the progress calls are outside), their
    CPU time 0.2 s (the fake process time runs at half the wall time; the peaks stay out),
    and the CPU-time rate divides the FLOPs by that CPU time, twice the wall rate
    (mutants: T39, T48, T49)."""
    result, _ = clocked_b(progress_cost=100.0)
    flops = mlp_step_flops(256, [9, 100, 100, 17])
    assert np.allclose(result["block_wall_s"], [0.2, 0.2]) and close(result["wall_s"], 0.4)
    assert close(result["cpu_s"], 0.2)
    assert close(result["achieved_flops_cpu"], flops * 40 / 0.2)
    assert close(result["achieved_flops_cpu"], 2 * result["achieved_flops"])


def test_b_fraction_median_is_the_median_of_uneven_blocks(clocked_b):
    """60 steps in 3 blocks against peaks 1, 1, 1, 2, 10 GFLOP/s: the blocks pair with 1, 2 and
    10, and ``fraction_median`` is the middle one's fraction, not the mean of the three
    (mutants: T46)."""
    flops = mlp_step_flops(256, [9, 100, 100, 17])
    result, _ = clocked_b(steps=60, blocks=3, peaks=(1e9, 1e9, 1e9, 2e9, 10e9))
    assert result["block_peak_flops"] == [1e9, 2e9, 10e9]
    assert close(result["fraction_median"], flops * 20 / 0.2 / 2e9)


def test_b_warms_up_evaluates_no_test_set_and_takes_the_best_of_three(clocked_b):
    """An untimed 2-step warm-up run precedes the timed one; the timed run has no test set (0
    points: nothing uncounted evaluated inside the blocks); every peak is the best of 3
    products (mutants: T38, T51, T52)."""
    _, seen = clocked_b()
    assert seen["train"] == [(2, False, 0), (40, True, 0)]
    assert seen["repeats"] == [3] * 4


def test_b_refuses_a_run_in_which_a_member_diverged(clocked_b):
    """Throughput's timed run is checked like (a)'s, and the error names (b) (mutants: T50)."""
    with pytest.raises(RuntimeError, match=r"benchmark \(b\)"):
        clocked_b(diverge=True)


# ------------------------------------------------------------------- bench_train's record
A_STUB = {"models": 4, "steps": 0, "ensemble_per_model_s": 1.0, "loop_per_model_s": 3.0,
          "loop_models_timed": 2, "speedup": 3.0, "speedup_cpu": 2.5, "fitted": 4,
          "speedup_paired_median": 2.0, "paired_speedups": [1.0, 2.0, 9.0], "threads": 7}
B_STUB = {"n": 8, "steps": 0, "wall_s": 1.0, "achieved_flops": 5e9, "peak_flops": 1e10,
          "fraction_median": 0.4, "fraction_overall": 0.3, "flops_per_step": 1,
          "block_fractions": [0.4, 0.5], "block_steps": [1, 1], "block_wall_s": [1.0, 1.0],
          "block_peak_flops": [6e9, 1e10], "cpu_s": 2.0, "achieved_flops_cpu": 7e9}


@pytest.fixture
def stubbed_train(monkeypatch):
    """``bench_train`` with both measurements stubbed (distinct values in every field);
    ``run(**kwargs) -> (record, what each measurement was asked)``."""
    seen = {}
    monkeypatch.setattr(train_bench, "ensemble_vs_loop", lambda **k: seen.update(a=k) or A_STUB)
    monkeypatch.setattr(train_bench, "throughput", lambda **k: seen.update(b=k) or B_STUB)
    monkeypatch.setattr(train_bench, "load_average", lambda: 0.5)
    return lambda **kwargs: (train_bench.bench_train(**kwargs), seen)


def test_the_train_record_reports_each_figure_from_its_source(stubbed_train, process_threads):
    """At one thread: ``a_speedup`` is (a)'s wall-time speed-up and ``a_speedup_cpu`` its CPU
    one, ``a_speedup_paired_median`` the paired median, ``a_threads`` the threads (a) ran at
    (7, not the process's 1), ``b_gflops_cpu`` the CPU-time rate (7, not the wall rate 5) and
    ``peak_gflops`` the best peak of the run (10, not the first block's 6)
    (mutants: T57, T58, T59, T60, T62)."""
    process_threads(1)
    record, _ = stubbed_train()
    assert (record["a_speedup"], record["a_speedup_cpu"]) == (3.0, 2.5)
    assert record["a_speedup_paired_median"] == 2.0
    assert record["a_threads"] == 7
    assert record["b_gflops_cpu"] == 7.0 and record["b_gflops"] == 5.0
    assert record["peak_gflops"] == 10.0 and record["b_block_peak_gflops"] == [6.0, 10.0]


def test_bench_train_passes_its_sizes_quick_and_full(stubbed_train):
    """``quick``: 100 steps for (a), 25 for (b), 2 loop models; full: 1000 steps for (a);
    ``peak_size`` reaches (b) (mutants: T54, T55, T56, T61)."""
    _, seen = stubbed_train(quick=True, peak_size=256)
    quick = (seen["a"]["steps"], seen["b"]["steps"], seen["a"]["loop_models"])
    assert quick == (100, 25, 2)
    assert seen["b"]["peak_size"] == 256
    _, seen = stubbed_train(quick=False)
    assert (seen["a"]["steps"], seen["b"]["steps"]) == (1000, 1000)


# ---------------------------------------------------------------------- bench transformer
@pytest.fixture
def clocked_t(monkeypatch):
    """``transformer_ensemble_vs_loop`` on a fake clock: the r-th timed bmm / vmap training
    costs ``bmm[r]`` / ``vmap[r]`` s for the whole ensemble, a plain-loop forward 1 s, building
    a loop model ``build_cost`` s and an ensemble ``ensemble_build_cost`` s. Returns
    ``(result, final mean losses of the timed runs as (impl, loss))``."""
    clock = FakeClock()
    monkeypatch.setattr(transformer_bench, "time", clock.namespace)
    real_reference = transformer_bench.reference_gpt
    real_train, real_gpt = transformer_bench.train_ensemble, transformer_bench.BatchedGPT

    def run(bmm=(2.0, 2.0, 2.0), vmap=(3.0, 3.0, 3.0), steps=2, models=2, loop_models=2,
            build_cost=0.0, ensemble_build_cost=0.0):
        counts, losses = {"bmm": 0, "vmap": 0}, []

        def reference(*args, **kwargs):
            clock.advance(build_cost)
            model = real_reference(*args, **kwargs)
            model.register_forward_hook(lambda *_: clock.advance(1.0))
            return model

        def gpt(*args, **kwargs):
            clock.advance(ensemble_build_cost)
            return real_gpt(*args, **kwargs)

        def train(net, *args, **kwargs):
            log = real_train(net, *args, **kwargs)
            if args[5].steps == steps:
                clock.advance((bmm if net.impl == "bmm" else vmap)[counts[net.impl]])
                counts[net.impl] += 1
                losses.append((net.impl, float(log.metrics["train_loss"][-1].mean())))
            return log

        monkeypatch.setattr(transformer_bench, "reference_gpt", reference)
        monkeypatch.setattr(transformer_bench, "BatchedGPT", gpt)
        monkeypatch.setattr(transformer_bench, "train_ensemble", train)
        return transformer_bench.transformer_ensemble_vs_loop(
            models=models, loop_models=loop_models, steps=steps, width=4, n=2), losses

    return run


def test_transformer_times_no_construction_on_either_side(clocked_t):
    """Models and optimisers of both legs are built before their clocks start: with a loop
    model costing 5 s to build and an ensemble 5 s, the loop still takes 2 s a model (2 steps)
    and bmm 1 s a member (2 s for 2) (mutants: X07, X22)."""
    result, _ = clocked_t(build_cost=5.0, ensemble_build_cost=5.0)
    assert result["per_model_s"] == {"loop": 2.0, "bmm": 1.0, "vmap": 1.5}


def test_transformer_divides_each_leg_by_its_own_models(clocked_t):
    """K = 3 members, 1 loop model: the loop's 2 s are divided by the 1 model timed, an
    ensemble's time by its 3 members; ``loop_models`` is clipped to K (3 asked of 2 members
    times 2) (mutants: X09, X10, X11)."""
    result, _ = clocked_t(models=3, loop_models=1)
    assert result["per_model_s"]["loop"] == 2.0
    assert close(result["per_model_s"]["bmm"], 2.0 / 3) and close(result["per_model_s"]["vmap"],
                                                                   1.0)
    result, _ = clocked_t(models=2, loop_models=3)
    assert result["loop_models_timed"] == 2 and result["per_model_s"]["loop"] == 2.0


def test_transformer_ratios_are_medians_over_uneven_rounds(clocked_t):
    """Per-model seconds and ``vmap_over_bmm`` are medians over the rounds, ``speedup_vmap`` is
    loop / vmap: bmm rounds of 2, 2, 8 s give 1 s a member (mean 2); vmap rounds of 3, 1, 3 s
    give vmap / bmm ratios 1.5, 0.5, 1.5, median 1.5 (mean 7/6); loop 2 s over vmap 1.5 s is
    4/3 (mutants: X13, X14, X15)."""
    result, _ = clocked_t(bmm=(2.0, 2.0, 8.0))
    assert result["per_model_s"]["bmm"] == 1.0
    result, _ = clocked_t(vmap=(3.0, 1.0, 3.0))
    assert result["vmap_over_bmm"] == 1.5 and result["vmap_over_bmm_rounds"] == [1.5, 0.5, 1.5]
    result, _ = clocked_t()
    assert close(result["speedup_vmap"], 2.0 / 1.5)


def test_transformer_final_loss_fields_hold_the_last_runs_losses(clocked_t):
    """``bmm_final_loss`` / ``vmap_final_loss`` are the mean training losses at the end of each
    implementation's last timed run, not its seconds (mutants: X23)."""
    result, losses = clocked_t()
    for impl in ("bmm", "vmap"):
        assert result[f"{impl}_final_loss"] == [v for i, v in losses if i == impl][-1]


@pytest.fixture
def spied_t(monkeypatch):
    """Real ``transformer_ensemble_vs_loop`` runs with the trainer's calls recorded as (impl,
    config, loop Adam steps taken before it), the data seeds and the loop forwards' dtypes."""
    seen = types.SimpleNamespace(calls=[], seeds=[], dtypes=[], adam=Recorder(monkeypatch))
    real_train, real_reference = transformer_bench.train_ensemble, transformer_bench.reference_gpt
    real_tokens = transformer_bench.token_dataset

    def train(net, *args, **kwargs):
        seen.calls.append((net.impl, args[5], seen.adam.steps))
        return real_train(net, *args, **kwargs)

    def reference(*args, **kwargs):
        model = real_reference(*args, **kwargs)
        model.register_forward_hook(lambda m, inputs, out: seen.dtypes.append(out.dtype))
        return model

    monkeypatch.setattr(transformer_bench, "train_ensemble", train)
    monkeypatch.setattr(transformer_bench, "reference_gpt", reference)
    monkeypatch.setattr(transformer_bench, "token_dataset",
                        lambda data, seed: seen.seeds.append(seed) or real_tokens(data, seed=seed))
    return lambda **kwargs: (transformer_bench.transformer_ensemble_vs_loop(
        loop_models=1, steps=4, width=4, n=2, rounds=1, **kwargs), seen)


def test_transformer_legs_do_the_same_work_on_the_same_threads(spied_t, process_threads):
    """Member k trains on the token data of seed k; the timed ensembles log only at the first
    and last step (``log_every == steps``) and stop no member early, as the loop trains every
    step; at torch threads 2 every loop optimiser step runs at the ensembles' thread count
    (mutants: X01, X02, X06, X24)."""
    process_threads(2)
    result, seen = spied_t(models=3)
    assert seen.seeds == [0, 1, 2]
    timed = [cfg for _, cfg, _ in seen.calls if cfg.steps == 4]
    assert [(cfg.log_every, cfg.early_stop) for cfg in timed] == [(4, False)] * 2
    assert result["threads"] == 1
    assert seen.adam.step_threads and set(seen.adam.step_threads) == {1}


def test_transformer_bfloat16_loop_runs_under_autocast_like_the_ensembles(spied_t):
    """``dtype="bfloat16"`` is mixed precision for all three legs: the loop models' forwards
    run under bf16 autocast, so their outputs are bfloat16 (mutants: X08)."""
    _, seen = spied_t(models=2, dtype="bfloat16")
    assert seen.dtypes and set(seen.dtypes) == {torch.bfloat16}


def test_transformer_warms_up_every_leg_before_the_timed_rounds(spied_t):
    """A 3-step run of bmm, then of vmap, comes first, and the loop's warm-up takes its 3
    optimiser steps before the first timed ensemble run (mutants: X03, X05)."""
    _, seen = spied_t(models=2)
    assert [(impl, cfg.steps) for impl, cfg, _ in seen.calls] == [
        ("bmm", 3), ("vmap", 3), ("bmm", 4), ("vmap", 4)]
    assert seen.calls[2][2] == 3  # loop Adam steps before the first timed run


def test_transformer_ensemble_clock_stops_after_a_device_sync(monkeypatch):
    """On CUDA the trainer returns with kernels queued: every ensemble training (warm-up or
    timed) is followed by a device sync before the clock is read (the CPU's ``_sync`` is a
    no-op, hence the spy) (mutants: X21)."""
    events, real_train = [], transformer_bench.train_ensemble
    monkeypatch.setattr(transformer_bench, "_sync", lambda device: events.append("sync"))
    monkeypatch.setattr(transformer_bench, "time", types.SimpleNamespace(
        perf_counter=lambda: events.append("clock") or float(len(events))))
    monkeypatch.setattr(transformer_bench, "train_ensemble", lambda net, *args, **kwargs: (
        real_train(net, *args, **kwargs), events.append("train"))[0])
    transformer_bench.transformer_ensemble_vs_loop(models=2, loop_models=1, steps=2, width=4,
                                                   n=2, rounds=1)
    after = [next(e for e in events[i + 1:] if e != "train")
             for i, e in enumerate(events) if e == "train"]
    assert len(after) == 4 and set(after) == {"sync"}


def test_bench_transformer_runs_the_documented_cases(monkeypatch):
    """Full: the tiny case (K 32, vocab 16, 9 tokens, width 16, 1 block, 2 heads, 32
    sequences) and the small one (K 16, 17 tokens, width 32, 2 blocks, 64 sequences), 200
    steps and 8 loop models; ``quick``: 20 steps and 2 loop models; ``dtype`` reaches both
    cases (mutants: X18, X19, X20)."""
    seen = []
    monkeypatch.setattr(transformer_bench, "transformer_ensemble_vs_loop",
                        lambda *args, **kwargs: seen.append((args, kwargs)) or {})
    monkeypatch.setattr(transformer_bench, "load_average", lambda: 0.5)
    transformer_bench.bench_transformer(quick=False)
    assert seen == [((32, 8, 200, 16, 9, 16, 1, 2, 32, "cpu", "float32"), {}),
                    ((16, 8, 200, 64, 17, 32, 2, 2, 64, "cpu", "float32"), {})]
    seen.clear()
    transformer_bench.bench_transformer(quick=True, dtype="bfloat16")
    assert seen == [((32, 2, 20, 16, 9, 16, 1, 2, 32, "cpu", "bfloat16"), {}),
                    ((16, 2, 20, 64, 17, 32, 2, 2, 64, "cpu", "bfloat16"), {})]
