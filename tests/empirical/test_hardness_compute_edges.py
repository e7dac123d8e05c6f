"""Edges of the hardness study's computation (empirical/hardness/compute.py, known.py and
workers.py) that a mutation audit (2026-12-07) found no test pinned: the study's settings
reaching the search, sizes at depth 2 counted in hidden units, the probe's p test, which lr a
result carries, the known size's quantile, the sign column's worker and network, NPN class
sizes and progress. Workers are scripted (no training) unless a test says otherwise; each test
fails on the mutants its docstring names."""

import dataclasses
import itertools

import pytest
from scripted_search import scripted_worker

import empirical.hardness.compute as compute
import empirical.hardness.sign as sign_module
from capacity.errors import UsageError
from constructions.families import make_function
from empirical.engine.ensemble import BatchedMLP
from empirical.engine.executor import InProcessExecutor, ProcessExecutor
from empirical.hardness.compute import (
    HardnessItem,
    items_for,
    known_quantile,
    measure_item,
    search_options,
    trained_size,
)
from empirical.hardness.known import (
    KnownSize,
    known_size,
    known_size_and_floors,
    layered_parameters,
)
from empirical.hardness.result import HardnessConfig, TrainedFunctionSize
from empirical.hardness.workers import train_built
from empirical.search.options import SearchOptions
from empirical.search.rounds import make_task
from empirical.search.stats import wilson_interval
from empirical.search.target import SearchTarget


# ----------------------------------------------------------------- settings reach the search
@pytest.mark.parametrize("activation", ["relu", "sign"])
def test_search_options_pass_every_study_setting_through(activation):
    """Depth, optimizer, steps, trials, p, lrs, the width ceiling, seed and confidence reach the
    search unchanged, which starts at width 1 (mutants: max_width + 1, success_rate, confidence,
    depth, the lr list or the optimizer dropped)."""
    cfg = HardnessConfig(inputs=3, depth=2, optimizer="sgd", steps=777, trials=5,
                         success_rate=0.75, lrs=(0.2, 0.03), max_width=9, seed=13,
                         confidence=0.9)
    o = search_options(cfg, activation)
    train = o.train_config(0.1)
    got = dict(depth=o.depth, act=o.model.activation, steps=train.steps, opt=train.optimizer,
               seeds=o.seeds, p=o.success_rate, lrs=tuple(o.lrs), max_size=o.max_size,
               start=o.start, seed=o.seed, conf=o.confidence)
    assert got == dict(depth=2, act=activation, steps=777, opt="sgd", seeds=5, p=0.75,
                       lrs=(0.2, 0.03), max_size=9, start=1, seed=13, conf=0.9)


# ----------------------------------------------------------------------- the trained size
def test_the_probe_compares_the_success_rate_with_p_not_p_times_trials():
    """At p one ulp above 1/9, 1 success in 9 linear trials misses p (1/9 < p), though
    p·9 rounds to 1.0: the probe fails and the search goes on to width 2 (mutant: s >= p·n)."""
    p = 0.11111111111111112
    assert 1 / 9 < p and p * 9 == 1.0
    opts = SearchOptions.of(trials=9, steps=10, lrs=(0.1,), success_rate=p, max_size=4)
    worker = scripted_worker(opts,
                             lambda depth, width, lr, j: (depth == 0 and j == 0) or width >= 2)
    got = trained_size(SearchTarget(function="parity", inputs=2), opts, worker)
    assert got.hidden == 2


def test_a_size_the_probe_found_has_its_interval_at_the_configured_confidence():
    """3 of 4 linear trials at confidence 0.8: the Wilson interval at 0.8, not at 0.95
    (mutant: the probe's interval at a fixed 0.95)."""
    opts = SearchOptions.of(trials=4, steps=10, lrs=(0.1,), confidence=0.8, max_size=3)
    got = trained_size(SearchTarget(function="and", inputs=2), opts,
                       scripted_worker(opts, lambda depth, width, lr, j: j < 3))
    assert got.hidden == 0 and got.interval == wilson_interval(3, 4, 0.8)
    assert got.interval != wilson_interval(3, 4, 0.95)


def test_sizes_at_depth_two_are_hidden_units_and_the_width_is_per_layer():
    """Needed width 2 at depth 2 is 4 hidden units of width 2; the failing width 1 below is 2
    hidden units with 0 successes (mutants: the found size or the size below in width)."""
    opts = SearchOptions.of(depth=2, trials=4, steps=10, lrs=(0.1,), max_size=4)
    got = trained_size(SearchTarget(function="parity", inputs=2), opts,
                       scripted_worker(opts, lambda depth, width, lr, j: depth > 0 and width >= 2))
    assert (got.hidden, got.width, got.below_hidden, got.below_successes) == (4, 2, 2, 0)


def test_a_found_size_carries_the_searchs_winning_lr_and_none_when_nothing_was_found():
    """Only lr 0.1 succeeds at width 2: best_lr 0.1, not the probe's tie-break 0.01; nothing
    found (1 success of 4 at the top width): best_lr None (mutants: the probe's lr kept, an lr
    given to an unfound size)."""
    target = SearchTarget(function="parity", inputs=2)
    opts = SearchOptions.of(trials=4, steps=10, lrs=(0.1, 0.01), max_size=4)
    got = trained_size(target, opts, scripted_worker(
        opts, lambda depth, width, lr, j: depth > 0 and width >= 2 and lr == 0.1))
    assert (got.hidden, got.best_lr) == (2, 0.1)
    opts = SearchOptions.of(trials=4, steps=10, lrs=(0.1, 0.01), max_size=3)
    got = trained_size(target, opts, scripted_worker(opts, lambda depth, width, lr, j: j == 0))
    assert got.hidden is None and got.best_lr is None and got.successes == 1


# ------------------------------------------------------------------------- known sizes
def test_one_draw_is_its_own_known_quantile():
    """A fixed function's single draw is returned as it is, source and flags included
    (mutant: one draw relabelled as a quantile over 1 draws)."""
    k = KnownSize(3, 2, False, False, "construction: x / y")
    assert known_quantile([k], 0.5) == k
    assert known_quantile([k], 0.9) == k


def test_a_seeded_familys_known_size_is_the_quantile_at_the_studys_p(monkeypatch):
    """random at M = 3 with p = 0.75 and 4 draws: the known size is the 3rd smallest draw, not
    the median (mutant: the quantile at 0.5). Training is stubbed: only the known side is
    checked."""
    stub = TrainedFunctionSize("relu", 1, 0, 0, 4, 4, (0.51, 1.0), 0.01)
    monkeypatch.setattr(compute, "trained_size", lambda *a, **k: stub)
    for seed in range(40):
        cfg = HardnessConfig(inputs=3, families=("random",), trials=4, seed=seed,
                             success_rate=0.75, sign=False)
        item = items_for(cfg)[0]
        hidden = sorted(known_size(f).layered_hidden for f in item.functions)
        if hidden[1] != hidden[2]:  # the 0.5 and 0.75 quantiles differ
            break
    else:
        pytest.fail("no seed below 40 draws maps whose quantiles differ")
    assert measure_item((item, cfg)).known.layered_hidden == hidden[2]


def test_the_floors_below_five_inputs_are_the_exact_minima():
    """3-bit parity: 3 hidden units in one layer, 2 neurons at any depth, and those are its
    floors (mutant: trivial floors (0, 1) for M ≤ 4)."""
    known, floors = known_size_and_floors(make_function("parity", 3))
    assert (known.layered_hidden, known.any_depth_neurons) == (3, 2)
    assert floors == (3, 2)


def test_a_one_flag_record_marks_no_nontrivial_size_exact():
    """The old one-flag format with exact false: 2 any-depth neurons is not proven minimal
    (mutant: any-depth exact whenever it is at most 2)."""
    k = KnownSize.from_dict({"layered_hidden": 2, "any_depth_neurons": 2, "exact": False,
                             "source": "x"})
    assert k.any_depth_exact is False and k.layered_exact is False


def test_layered_parameters_refuse_hidden_units_that_do_not_split_into_equal_layers():
    """3 hidden units in 2 layers is no equal split (mutant: the check dropped)."""
    with pytest.raises(UsageError):
        layered_parameters(3, 3, depth=2)
    assert layered_parameters(3, 4, depth=2) == (3 * 2 + 2) + (2 * 2 + 2) + (2 + 1)


# ------------------------------------------------------------------- study rows and items
def _npn_orbit(table: str, m: int) -> set:
    orbit = set()
    for perm in itertools.permutations(range(m)):
        for flip in range(1 << m):
            for negate in (0, 1):
                image = []
                for x in range(1 << m):
                    y = sum(1 << i for i in range(m) if (x >> perm[i]) & 1)
                    image.append(int(table[y ^ flip]) ^ negate)
                orbit.add(tuple(image))
    return orbit


def test_npn_items_carry_their_own_class_sizes():
    """M = 2: 0000, 1000, 1100, 0110 hold 2, 8, 4, 2 functions; M = 3: every class's size is
    its NPN orbit counted by brute force, 256 in all (mutant: the sizes paired with the wrong
    classes)."""
    got = [(i.label, i.class_size) for i in items_for(HardnessConfig(inputs=2,
                                                                     families=("npn",)))]
    assert got == [("npn:0000", 2), ("npn:1000", 8), ("npn:1100", 4), ("npn:0110", 2)]
    items = items_for(HardnessConfig(inputs=3, families=("npn",)))
    for item in items:
        assert item.class_size == len(_npn_orbit(item.label.removeprefix("npn:"), 3))
    assert sum(i.class_size for i in items) == 256


def test_a_row_trains_relu_with_the_default_worker_and_sign_with_the_sign_worker(monkeypatch):
    """The ReLU column uses the search's own worker, the sign column sign_train_task (verified
    hardened networks), and the row keeps the class size, 8 for npn:1000 (mutants: the sign
    column trained by the ReLU worker, the row's function count dropped)."""
    calls = []

    def fake(target, options, worker=None, executor=None):
        calls.append((options.model.activation, worker))
        return TrainedFunctionSize(options.model.activation, 1, 0, 0, 2, 2, (0.34, 1.0), 0.1)

    monkeypatch.setattr(compute, "trained_size", fake)
    monkeypatch.setattr(compute, "_network", lambda item, options, sign: None)
    cfg = HardnessConfig(inputs=2, families=("npn",), trials=2, lrs=(0.1,), sign=True)
    item = items_for(cfg)[1]
    assert item.label == "npn:1000"
    row = measure_item((item, cfg))
    assert calls == [("relu", None), ("sign", sign_module.sign_train_task)]
    assert row.functions == 8


def test_the_kept_sign_network_is_retrained_at_the_width_and_only_when_found(monkeypatch):
    """A depth-2 sign size of 4 hidden units is retrained at width 2 with its lr; a size not
    found retrains nothing (mutants: retrained at hidden units, retrained without a size)."""
    seen = []
    monkeypatch.setattr(sign_module, "train_sign_networks",
                        lambda target, options, width, lr: seen.append((width, lr)) or [])
    item = HardnessItem("parity", "parity", SearchTarget(function="parity", inputs=2), ())
    found = TrainedFunctionSize("sign", 2, 4, 2, 4, 4, (0.51, 1.0), 0.1, 2, 0)
    opts = SearchOptions.of(depth=2, activation="sign", trials=4, lrs=(0.1,))
    assert compute._network(item, opts, found) is None
    assert seen == [(2, 0.1)]
    seen.clear()
    unfound = TrainedFunctionSize("sign", 1, None, None, 1, 4, (0.05, 0.7), None, 3, 1)
    opts = SearchOptions.of(activation="sign", trials=4, lrs=(0.1,))
    assert compute._network(item, opts, unfound) is None
    assert seen == []


def test_a_rows_relu_searches_run_through_the_executor_it_is_given():
    """measure_item's probe and search go through its executor (how measure_items' lockstep
    merges the items' ensembles; mutant: the search run without it). Trains 2 tiny members."""
    calls = []

    class Recording(InProcessExecutor):
        def map(self, fn, tasks, *args, **kwargs):
            calls.append(fn)
            return super().map(fn, tasks, *args, **kwargs)

    cfg = HardnessConfig(inputs=2, families=("parity",), trials=2, steps=50, lrs=(0.1,),
                         sign=False, max_width=2)
    measure_item((items_for(cfg)[0], cfg), Recording())
    assert len(calls) >= 2


def test_progress_with_worker_processes_counts_items_not_bundles(monkeypatch):
    """4 NPN items on 2 workers: progress (2, 4) then (4, 4) (mutant: bundles counted, (1, 2)
    then (2, 2)); the executor and measure_items are stubbed."""

    class TwoWorkers(ProcessExecutor):
        def __init__(self):
            self.workers = 2

        def map(self, fn, tasks, progress=False):
            out = []
            for i, task in enumerate(tasks):
                out.append(fn(task))
                if callable(progress):
                    progress(i + 1, len(tasks))
            return out

    monkeypatch.setattr(compute, "measure_items",
                        lambda job, progress=None: [item.label for item in job[0]])
    monkeypatch.setattr(compute, "HardnessResult", lambda config, rows, wall: rows)
    seen = []
    cfg = HardnessConfig(inputs=2, families=("npn",), trials=1, lrs=(0.1,), sign=False)
    rows = compute.run_hardness(cfg, TwoWorkers(), progress=lambda d, t: seen.append((d, t)))
    assert seen == [(2, 4), (4, 4)]
    assert rows == [item.label for item in items_for(cfg)]  # reassembled in the items' order


def test_train_built_passes_the_models_bias_setting_and_classes_to_the_builder():
    """bias=False reaches the ensemble builder, and a two-output table's 4 classes (mutants:
    bias forced to True, classes fixed at 2)."""
    task = make_task(SearchTarget(table="0001,0110").data_config(), [1], 1, 0.05,
                     SearchOptions.of(steps=5))
    task = dataclasses.replace(task, config=dataclasses.replace(
        task.config, model=dataclasses.replace(task.config.model, bias=False)))
    seen = []

    def build(*args):
        seen.append((args[1], args[6]))
        return BatchedMLP(*args)

    train_built(task, build)
    assert seen == [(4, False)]
