"""What ``memcap bench`` measures, pinned with scripted clocks and stubbed legs (a mutation
audit, 2026-12-07, found 50 of 55 changes to the benchmark modules that no test saw: inverted
ratios, warm-ups dropped, the worst repeat kept, ``--quick`` sizes leaking into full runs).
Each test is deterministic and takes well under a second of training; each fails on the
mutants its docstring names. Timings themselves are never asserted: a fake clock advances by a
set amount per step, so every ratio has an exact expected value."""

import itertools
import time
import types

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import capacity.benchmark as capacity_bench
import constructions.bench as construct_bench
import empirical.bench.sweep as sweep_bench
import empirical.bench.train as train_bench
import empirical.bench.transformer as transformer_bench
import empirical.engine.train as engine_train
from empirical.bench.train import check_trained, mlp_step_flops


class FakeClock:
    """Wall time advanced by hand; process (CPU) time runs at half of it."""

    def __init__(self):
        self.wall = 0.0

    def advance(self, seconds: float) -> None:
        self.wall += seconds

    @property
    def namespace(self):
        return types.SimpleNamespace(perf_counter=lambda: self.wall,
                                     process_time=lambda: self.wall / 2)


def scripted(values):
    """A ``time`` module whose clocks return ``values`` in order."""
    it = iter(values)
    return types.SimpleNamespace(perf_counter=lambda: next(it), process_time=lambda: next(it))


def clocked_training(clock: FakeClock, real_train):
    """``train_ensemble`` whose logged steps advance ``clock`` by 0.01 s each (a run without
    ``on_log``, a warm-up, takes no time)."""
    def train(net, x, y, xt, yt, best, cfg, on_log=None, **kwargs):
        if on_log is None:
            return real_train(net, x, y, xt, yt, best, cfg, **kwargs)
        last = [0]

        def hook(step):
            clock.advance(0.01 * (step - last[0]))
            last[0] = step
            on_log(step)

        return real_train(net, x, y, xt, yt, best, cfg, on_log=hook, **kwargs)

    return train


def close(a, b):
    return abs(a - b) <= 1e-9 * abs(b)


# ---------------------------------------------------------------------- the matmul peak
def test_the_peak_counts_two_s_cubed_flops_of_the_fastest_timed_product(monkeypatch):
    """2·s³ FLOPs a product (s³ halved the peak); one untimed warm-up product first; the
    fastest repeat counts (not the last); clock="cpu" reads process time."""
    calls, real = [], torch.mm
    monkeypatch.setattr(torch, "mm", lambda a, b: (calls.append(1), real(a, b))[1])
    monkeypatch.setattr(train_bench, "time", scripted([0, 2, 10, 11, 20, 23]))
    assert train_bench.matmul_peak_flops(4, repeats=3) == 2 * 4**3 / 1.0
    assert len(calls) == 4  # the warm-up and three timed
    wall, cpu = itertools.count(0, 4), itertools.count(0, 1)
    monkeypatch.setattr(train_bench, "time", types.SimpleNamespace(
        perf_counter=lambda: next(wall), process_time=lambda: next(cpu)))
    assert train_bench.matmul_peak_flops(4, repeats=1, clock="cpu") == 2 * 4**3 / 1


# --------------------------------------------------------------- (a) ensemble vs loop
@pytest.fixture
def bench_a(monkeypatch):
    """``ensemble_vs_loop`` on a fake clock: a plain-loop forward costs 1 s, an ensemble step
    0.01 s for all members. Returns ``run(**kwargs) -> (result, counters)``."""
    clock = FakeClock()
    counts = {"reference_models": 0, "adam_fused": []}
    monkeypatch.setattr(train_bench, "time", clock.namespace)
    real_reference, real_train = train_bench.reference_mlp, train_bench.train_ensemble

    def reference(*args, **kwargs):
        counts["reference_models"] += 1
        model = real_reference(*args, **kwargs)
        model.register_forward_hook(lambda *_: clock.advance(1.0))
        return model

    timed = clocked_training(clock, real_train)

    def train(*args, **kwargs):
        log = timed(*args, **kwargs)
        if counts.get("diverge") and kwargs.get("on_log") is not None:
            log.diverged = np.array([False] + [True] * (len(log.diverged) - 1))
        return log

    class Adam(torch.optim.Adam):
        def __init__(self, *args, **kwargs):
            counts["adam_fused"].append(kwargs.get("fused"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(train_bench, "reference_mlp", reference)
    monkeypatch.setattr(train_bench, "train_ensemble", train)
    monkeypatch.setattr(torch.optim, "Adam", Adam)

    def run(diverge=False, **kwargs):
        counts["diverge"] = diverge
        return train_bench.ensemble_vs_loop(**kwargs), counts

    return run


def test_the_ensemble_against_the_loop_is_loop_time_over_ensemble_time(bench_a):
    """4 steps: a loop model takes 4 s, the ensemble 0.04 s for 2 members, so every speed-up
    (paired, overall, CPU time) is 200 = loop / ensemble (inverted: 1/200); each loop model
    trains all its steps; the ensemble's time leaves out the loop's."""
    result, _ = bench_a(models=2, loop_models=2, steps=4)
    assert close(result["loop_per_model_s"], 4.0)
    assert close(result["ensemble_s"], 0.04)
    assert all(close(p, 200) for p in result["paired_speedups"])
    for key in ("speedup_paired_median", "speedup", "speedup_cpu"):
        assert close(result[key], 200), key


def test_the_loop_builds_one_warm_up_model_and_uses_fused_adam(bench_a):
    """One untimed warm-up model besides the timed ones; every Adam it builds is fused (the
    loop is the fastest plain PyTorch, not a strawman)."""
    result, counts = bench_a(models=2, loop_models=2, steps=4)
    assert counts["reference_models"] == result["loop_models_timed"] + 1 == 3
    assert counts["adam_fused"] and all(counts["adam_fused"])


def test_the_loop_times_no_more_models_than_the_ensemble_has(bench_a):
    result, _ = bench_a(models=1, loop_models=2, steps=2)
    assert result["loop_models_timed"] == 1


def test_a_run_in_which_a_member_diverged_is_refused(bench_a):
    with pytest.raises(RuntimeError, match="diverged"):
        bench_a(models=2, loop_models=2, steps=4, diverge=True)
    with pytest.raises(RuntimeError):  # one member of two is enough
        check_trained(types.SimpleNamespace(diverged=np.array([False, True])), "(a)")


# --------------------------------------------------------------------- (b) throughput
@pytest.fixture
def bench_b(monkeypatch):
    """``throughput`` on a fake clock: a training step costs 0.01 s, a peak measurement 100 s
    and returns the scripted peaks in order."""
    clock = FakeClock()
    monkeypatch.setattr(train_bench, "time", clock.namespace)
    monkeypatch.setattr(train_bench, "train_ensemble",
                        clocked_training(clock, train_bench.train_ensemble))

    def run(steps=40, blocks=2, peaks=(1e9, 4e9, 2e9, 3e9)):
        it = iter(peaks)

        def peak(size, repeats=5, device="cpu", clock_kind="wall", **kwargs):
            clock.advance(100.0)
            return next(it)

        monkeypatch.setattr(train_bench, "matmul_peak_flops", peak)
        return train_bench.throughput(n=256, steps=steps, blocks=blocks, peak_size=4)

    return run


def test_each_block_is_measured_against_the_better_peak_beside_it(bench_b):
    """Peaks 1, 4, 2, 3 GFLOP/s around two blocks of 20 steps: the blocks pair with 4 and 3
    (the better neighbour, not the worse or the first), the overall fraction and the peak use
    the best, 4; the peak measurements' 400 s stay out of the training's 0.4 s."""
    flops = mlp_step_flops(256, [9, 100, 100, 17])
    result = bench_b()
    assert result["block_peak_flops"] == [4e9, 3e9]
    assert close(result["fraction_median"], (flops * 100 / 4e9 + flops * 100 / 3e9) / 2)
    assert result["peak_flops"] == 4e9
    assert close(result["fraction_overall"], flops * 40 / 0.4 / 4e9)
    assert close(result["wall_s"], 0.4)


def test_a_block_has_at_least_twenty_steps(bench_b):
    """The last block too (61 steps made blocks of 21, 21 and 19; 201 nine of 21 and one of 12,
    2026-12-07 audit)."""
    assert bench_b(steps=40, blocks=10, peaks=[1e9] * 20)["block_steps"] == [20, 20]
    assert bench_b(steps=61, blocks=10, peaks=[1e9] * 20)["block_steps"] == [31, 30]
    assert bench_b(steps=201, blocks=10, peaks=[1e9] * 20)["block_steps"] == [29] * 6 + [27]


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 5000), st.integers(1, 20))
def test_block_length_makes_at_most_the_blocks_asked_of_twenty_steps_or_more(steps, blocks):
    every = train_bench.block_length(steps, blocks)
    sizes = [min(every, steps - start) for start in range(0, steps, every)]
    assert sum(sizes) == steps and len(sizes) <= blocks
    assert len(sizes) == 1 or min(sizes) >= 20
    if steps >= 20 * blocks and steps % blocks == 0:  # room for every block asked: all of them
        assert sizes == [steps // blocks] * blocks


# ------------------------------------------------------------------ bench_train's record
@pytest.fixture
def bench_record(monkeypatch):
    """``bench_train`` with both measurements stubbed; returns what each was asked for."""
    seen = {}
    a = {"models": 4, "steps": 0, "ensemble_per_model_s": 1.0, "loop_per_model_s": 3.0,
         "loop_models_timed": 2, "speedup": 3.0, "speedup_cpu": 2.5, "fitted": 4,
         "speedup_paired_median": 2.0, "paired_speedups": [1.0, 2.0, 9.0], "threads": 1}
    b = {"n": 8, "steps": 0, "wall_s": 1.0, "achieved_flops": 5e9, "peak_flops": 1e10,
         "fraction_median": 0.4, "fraction_overall": 0.3, "flops_per_step": 1,
         "block_fractions": [0.4], "block_steps": [1], "block_wall_s": [1.0],
         "block_peak_flops": [1e10], "cpu_s": 2.0, "achieved_flops_cpu": 7e9}
    monkeypatch.setattr(train_bench, "ensemble_vs_loop", lambda **k: seen.update(a=k) or a)
    monkeypatch.setattr(train_bench, "throughput", lambda **k: seen.update(b=k) or b)
    loads = iter([0.5, 1.5])
    monkeypatch.setattr(train_bench, "load_average", lambda: next(loads))
    return seen


def test_a_full_run_uses_the_full_sizes_and_records_the_load_at_both_ends(bench_record):
    """Without --quick: (b) runs 1000 steps and the loop 8 models (the quick 25 and 2 leaked
    into full runs in the mutants); the load is measured again at the end; the median and
    overall fractions go to their own keys."""
    result = train_bench.bench_train(quick=False)
    assert bench_record["b"]["steps"] == 1000 and bench_record["a"]["loop_models"] == 8
    assert (result["load_avg_start"], result["load_avg_end"]) == (0.5, 1.5)
    assert (result["b_fraction_of_peak"], result["b_fraction_overall"]) == (0.4, 0.3)


def test_cpu_time_throughput_is_reported_only_at_one_thread(bench_record):
    threads = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        assert train_bench.bench_train(quick=True)["b_gflops_cpu"] is None
    finally:
        torch.set_num_threads(threads)


# -------------------------------------------------------------------------- bench sweep
@pytest.fixture
def bench_sweep(monkeypatch):
    """``bench_sweep`` with its legs stubbed (plain 2 s, in-process 1 s, Dask 0.5 s) and the
    peaks 10, 1, 2, 3, 4 GFLOP/s in order."""
    calls = {"plain": []}
    peaks = itertools.cycle([10e9, 1e9, 2e9, 3e9, 4e9])
    monkeypatch.setattr(sweep_bench, "matmul_peak_flops", lambda size=2048: next(peaks))

    def plain(sizes, steps=1000, progress=None):
        calls["plain"].append(list(sizes))
        return 2.0

    monkeypatch.setattr(sweep_bench, "plain_sweep", plain)
    monkeypatch.setattr(sweep_bench, "_memcap",
                        lambda spec, workers, progress=None: 0.5 if workers else 1.0)
    loads = itertools.cycle([0.5, 1.5])
    monkeypatch.setattr(sweep_bench, "load_average", lambda: next(loads))
    return calls


def test_the_sweep_legs_warm_up_and_compare_as_documented(bench_sweep):
    """A plain warm-up sweep [20] runs before the timed one; the in-process fraction is
    against the better of the peaks beside it (2, not the run's best 10); the Dask speed-up is
    plain / Dask = 4 (inverted: 0.25)."""
    result = sweep_bench.bench_sweep(steps=1, sizes=[12], workers=0)
    assert bench_sweep["plain"] == [[20], [12]]
    assert close(result["in_process_fraction_of_peak"], result["train_flops"] / 1.0 / 2e9)
    assert sweep_bench.bench_sweep(steps=1, sizes=[12, 24], workers=1)["dask_speedup"] == 4.0


def test_the_plain_sweep_runs_on_one_thread_and_logs_its_last_step(monkeypatch):
    """Small plain steps run on 1 thread; with steps 3 and log_every 2 it logs at 0, 2 and 3:
    6 evaluation forwards and 3 training forwards."""
    seen, real_threads = [], engine_train.torch_threads
    monkeypatch.setattr(engine_train, "torch_threads",
                        lambda n: (seen.append(n), real_threads(n))[1])
    sweep_bench.plain_sweep([20], steps=1, log_every=1)
    assert seen == [1]
    forwards, real_reference = [], sweep_bench.reference_mlp

    def reference(*args, **kwargs):
        model = real_reference(*args, **kwargs)
        model.register_forward_hook(lambda *_: forwards.append(1))
        return model

    monkeypatch.setattr(sweep_bench, "reference_mlp", reference)
    sweep_bench.plain_sweep([20], steps=3, log_every=2)
    assert len(forwards) == 9


def test_memcaps_sweep_leg_counts_its_executors_start(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(sweep_bench, "time", clock.namespace)

    class Executor:
        def __enter__(self):
            clock.advance(5.0)
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(sweep_bench, "InProcessExecutor", Executor)
    monkeypatch.setattr(sweep_bench, "run_sweep",
                        lambda spec, path, ex, progress=None: clock.advance(1.0))
    assert sweep_bench._memcap(None, 0) == 6.0


def test_the_sweep_script_uses_the_clis_quick_sizes_and_keeps_given_steps(monkeypatch):
    seen = {}
    monkeypatch.setattr(sweep_bench, "bench_sweep",
                        lambda steps, sizes, workers: seen.update(steps=steps, sizes=sizes) or {})
    sweep_bench.main(["--quick", "--steps", "7", "--dask-workers", "0"])
    assert seen == {"steps": 7, "sizes": [50, 100, 200, 400, 800, 1600, 3200]}


# -------------------------------------------------------------------- bench transformer
@pytest.fixture
def bench_t(monkeypatch):
    """``transformer_ensemble_vs_loop`` on a fake clock: the r-th timed bmm / vmap training
    costs ``bmm[r]`` / ``vmap[r]`` s for the whole ensemble, a plain-loop forward 1 s."""
    clock = FakeClock()
    monkeypatch.setattr(transformer_bench, "time", clock.namespace)
    real_reference, real_train = transformer_bench.reference_gpt, transformer_bench.train_ensemble

    def run(bmm=(2.0, 2.0, 2.0), vmap=(3.0, 3.0, 3.0), steps=2):
        counts = {"reference_models": 0, "bmm": 0, "vmap": 0}

        def reference(*args, **kwargs):
            counts["reference_models"] += 1
            model = real_reference(*args, **kwargs)
            model.register_forward_hook(lambda *_: clock.advance(1.0))
            return model

        def train(net, *args, **kwargs):
            log = real_train(net, *args, **kwargs)
            if args[5].steps == steps:
                clock.advance((bmm if net.impl == "bmm" else vmap)[counts[net.impl]])
                counts[net.impl] += 1
            return log

        monkeypatch.setattr(transformer_bench, "reference_gpt", reference)
        monkeypatch.setattr(transformer_bench, "train_ensemble", train)
        return transformer_bench.transformer_ensemble_vs_loop(
            models=2, loop_models=2, steps=steps, width=4, n=2), counts

    return run


def test_transformer_times_are_per_model_and_compared_as_documented(bench_t):
    """Per model: the loop's 2 s (2 steps), bmm 2 s / 2 members, vmap 3 s / 2; speed-ups loop
    / ensemble and vmap / bmm = 1.5; one warm-up and one parameter-count model besides the 3
    rounds of 2 loop models."""
    result, counts = bench_t()
    assert result["per_model_s"] == {"loop": 2.0, "bmm": 1.0, "vmap": 1.5}
    assert result["speedup_bmm"] == 2.0
    assert result["vmap_over_bmm"] == 1.5 and result["fastest"] == "bmm"
    assert counts["reference_models"] == 1 + 1 + 3 * 2


def test_transformer_names_a_winner_only_when_every_round_agrees_and_uses_medians(bench_t):
    result, _ = bench_t(vmap=(3.0, 1.0, 3.0))
    assert result["fastest"] == "bmm and vmap within the rounds' spread"
    result, _ = bench_t(bmm=(2.0, 4.0, 6.0))
    assert result["per_model_s"]["bmm"] == 2.0  # the median of 1, 2, 3 a member


def test_transformer_loop_runs_on_the_ensembles_threads(bench_t):
    threads = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        result, _ = bench_t()
    finally:
        torch.set_num_threads(threads)
    assert result["threads"] == 1


def test_a_full_transformer_bench_uses_full_sizes(monkeypatch):
    seen = []
    monkeypatch.setattr(transformer_bench, "transformer_ensemble_vs_loop",
                        lambda *args: seen.append(args) or {})
    transformer_bench.bench_transformer(quick=False)
    assert len(seen) == 2 and all(args[1:3] == (8, 200) for args in seen)


# ------------------------------------------------------------------ bench construct, bounds
def test_construction_timings_keep_the_fastest_repeat_and_the_first_build(monkeypatch):
    # build 1 s, verify 10 s, then build 0.5 s, verify 2 s
    clock = iter([0, 1, 11, 20, 20.5, 22.5])
    monkeypatch.setattr(construct_bench, "time", types.SimpleNamespace(perf_counter=clock.__next__))
    row = construct_bench.bench_constructions([("depth3", 6, 0)], repeats=2, memory=False)[0]
    assert (row["build_s"], row["verify_s"], row["first_build_s"]) == (0.5, 2.0, 1.0)
    assert row["peak_MiB"] is None  # memory=False measures none
    monkeypatch.setattr(construct_bench, "time",
                        types.SimpleNamespace(perf_counter=iter([0, 1, 3]).__next__))
    row = construct_bench.bench_constructions([("depth3", 6, 0)], repeats=1, memory=False)[0]
    assert row["input_edges_per_s"] == float(f"{(row['edges'] << 6) / 2.0:.3g}")  # verify only


def test_construction_memory_is_the_traced_peak(monkeypatch):
    def verify(net, function, engine="factored", force=True):
        block = bytearray(8 << 20)
        del block
        return types.SimpleNamespace(ok=True)

    monkeypatch.setattr(construct_bench, "verify", verify)
    row = construct_bench.bench_constructions([("depth3", 6, 0)], repeats=1)[0]
    assert row["peak_MiB"] >= 8.0


def test_engine_ratios_warm_up_each_engine_and_divide_dense_by_factored(monkeypatch):
    engines, real_verify = [], construct_bench.verify
    monkeypatch.setattr(construct_bench, "verify", lambda net, f, engine, force: (
        engines.append(engine), real_verify(net, f, engine=engine, force=force))[1])
    construct_bench.engine_ratios([("depth3", 6, 0)], repeats=1)
    assert engines == ["dense", "factored", "dense", "factored"]
    monkeypatch.setattr(construct_bench, "time",
                        types.SimpleNamespace(perf_counter=iter([0, 4, 10, 11]).__next__))
    monkeypatch.setattr(construct_bench, "verify", real_verify)
    assert construct_bench.engine_ratios([("depth3", 6, 0)], repeats=1)[0]["ratio"] == 4.0
    oks = iter([True, True, False, True])  # the warm-ups' two, then the timed dense fails
    monkeypatch.setattr(construct_bench, "time", time)
    monkeypatch.setattr(construct_bench, "verify",
                        lambda net, f, engine, force: types.SimpleNamespace(ok=next(oks)))
    assert construct_bench.engine_ratios([("depth3", 6, 0)], repeats=1)[0]["ok"] is False


def test_bounds_timings_keep_the_fastest_run_of_the_work_itself(monkeypatch):
    monkeypatch.setattr(capacity_bench, "time",
                        types.SimpleNamespace(perf_counter=iter([0, 1, 10, 15]).__next__))
    assert capacity_bench.threshold_timings(1, repeats=2)[0]["seconds"] == 1
    now = [0.0]
    monkeypatch.setattr(capacity_bench, "time",
                        types.SimpleNamespace(perf_counter=lambda: now[0]))
    monkeypatch.setattr(capacity_bench, "answer_rows",
                        lambda m: now.__setitem__(0, now[0] + 7.0))
    assert capacity_bench.answer_timing(3) == 7.0
