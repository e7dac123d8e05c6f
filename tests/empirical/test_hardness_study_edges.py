"""Edges of the hardness studies (``empirical/hardness/recipes.py``, ``topology.py`` and
``sign.py``) that a mutation audit (2026-12-07) found untested: what a recipe cell asks the
search and the confirmation for (its budget, init scale, width per layer, confidence, success
rate, start and ceiling), the study functions' refusals, what a topology cell trains and records,
and how sign units are hardened and verified. Each test names, in its docstring, the documented
behaviour (docs/hardness.md, the modules' docstrings) and the mutant id(s) it kills. Training and
search calls are monkeypatched to record what a cell asks for; the few real trainings use M <= 3
and a few steps."""

import functools
from types import SimpleNamespace

import numpy as np
import pytest

import empirical.hardness.recipes as recipes
import empirical.hardness.sign as sign_module
import empirical.hardness.topology as topology
from capacity.errors import UsageError
from constructions.boolean import BooleanFunction, all_inputs
from constructions.verify import verify
from empirical.hardness.compute import items_for
from empirical.hardness.recipes import budget_successes, confirm, recipe_options, run_recipes
from empirical.hardness.result import HardnessConfig, TrainedFunctionSize
from empirical.hardness.sign import MAX_SCALE, harden, train_sign_networks
from empirical.hardness.topology import TopologyResult, TopologyRow, run_topology
from empirical.hardness.workers import scaled_train_task
from empirical.search.options import SearchOptions
from empirical.search.rounds import TaskOutcome
from empirical.search.target import SearchTarget


class EmptyExecutor:
    """An executor that runs nothing (the study functions' checks come before any cell)."""

    def map(self, fn, jobs, progress=False):
        return []


def record_recipe_cell(monkeypatch, scale=2.0, steps=300):
    """Run one recipe cell (parity, M = 2, base steps 2000) with ``trained_size`` and ``confirm``
    replaced by recorders; return the row and the calls as (kind, train steps, worker)."""
    calls = []

    def fake_trained(target, options, worker):
        calls.append(("search", options.train.steps, worker))
        return TrainedFunctionSize("relu", 1, 2, 2, 2, 2, (0.3, 1.0), 0.05)

    def fake_confirm(target, options, size, trials, worker=recipes.relu_train_task):
        calls.append(("confirm", options.train.steps, worker))
        return trials, trials

    monkeypatch.setattr(recipes, "trained_size", fake_trained)
    monkeypatch.setattr(recipes, "confirm", fake_confirm)
    cfg = HardnessConfig(inputs=2, families=("parity",), trials=2, lrs=(0.05,), steps=2000)
    row = recipes.measure_recipe((recipes._items(cfg)[0], scale, "adam", steps, cfg, 2))
    return row, calls


# ---------------------------------------------------------------- recipes: one cell


def test_recipe_cell_trains_its_budget_not_the_configs_steps(monkeypatch):
    """A recipe cell trains for its own step budget (the budget axis of the study), both in the
    search and in the confirmation, not the base config's --steps. Kills R17."""
    row, calls = record_recipe_cell(monkeypatch, steps=300)
    assert [c[0] for c in calls] == ["search", "confirm"]
    assert [c[1] for c in calls] == [300, 300]
    assert row.steps == 300


def test_recipe_cell_confirms_with_its_scaled_init_worker(monkeypatch):
    """A scaled-init cell (--init-scales) searches and confirms with
    ``functools.partial(scaled_train_task, scale=...)``, not the default init. Kills R10."""
    row, calls = record_recipe_cell(monkeypatch, scale=2.0)
    assert row.init_scale == 2.0
    assert [c[0] for c in calls] == ["search", "confirm"]
    for kind, _, worker in calls:
        assert isinstance(worker, functools.partial), kind
        assert worker.func is scaled_train_task, kind
        assert worker.keywords == {"scale": 2.0}, kind


def test_confirmation_at_depth_two_trains_the_width_per_layer():
    """``confirm`` retrains the winning size: at depth 2 each member has ``size.width`` units per
    layer (2), not the total hidden units (4). Kills R07."""
    cfg = HardnessConfig(inputs=2, depth=2, trials=2, steps=50, lrs=(0.05,))
    options = recipe_options(cfg, "adam", 50)
    size = TrainedFunctionSize("relu", 2, 4, 2, 2, 2, (0.3, 1.0), 0.05)
    assert size.width == 2 and size.hidden == 4
    seen = []

    def worker(task):
        members = task.config.members()
        seen.extend(members)
        return TaskOutcome(np.ones(len(members), bool), np.zeros(len(members), int), 0.0)

    assert confirm(SearchTarget(function="parity", inputs=2), options, size, 3, worker) == (3, 3)
    assert [m[-1] for m in seen] == [2, 2, 2]


# ---------------------------------------------------------------- recipes: search options


def test_recipe_search_starts_at_width_one():
    """The recipe search starts at width 1, so a 1-unit size can be reported. Kills R03."""
    assert recipe_options(HardnessConfig(inputs=3), "sgd", 500).start == 1


def test_recipe_search_uses_the_configs_confidence():
    """The search's Wilson intervals use the config's --confidence. Kills R04."""
    options = recipe_options(HardnessConfig(inputs=3, confidence=0.5), "adam", 100)
    assert options.confidence == 0.5


def test_recipe_search_ceiling_is_max_width():
    """The recipe search's ceiling is --max-width, not one above. Kills R05."""
    assert recipe_options(HardnessConfig(inputs=3, max_width=3), "adam", 100).max_size == 3


def test_recipe_cell_is_judged_at_the_configs_success_rate():
    """A recipe cell is judged at the config's --success-rate. Kills R06."""
    options = recipe_options(HardnessConfig(inputs=3, success_rate=0.75), "adam", 100)
    assert options.success_rate == 0.75


def test_recipe_cells_train_with_early_stopping():
    """Recipe cells train with early stopping on (docs/hardness.md: the budget monotonicity
    relies on it). Kills R02."""
    options = recipe_options(HardnessConfig(inputs=3), "sgd", 500)
    assert options.train.early_stop is True
    assert options.train.steps == 500


# ---------------------------------------------------------------- recipes: study functions


def test_budget_successes_lists_budgets_in_ascending_order():
    """``budget_successes`` returns its budgets in ascending order (documented), whatever order
    they were given in. Kills R08."""
    options = SearchOptions.of(seeds=1, lrs=(0.03,))
    out = budget_successes(SearchTarget(function="parity", inputs=2), options, [2], [40, 10])
    assert list(out) == [10, 40]


def test_run_recipes_refuses_a_zero_budget():
    """Step budgets are integers >= 1: ``run_recipes`` refuses 0 in one UsageError before any
    cell runs. Kills R11."""
    cfg = HardnessConfig(inputs=2, families=("parity",))
    with pytest.raises(UsageError):
        run_recipes(cfg, [0], ["adam"], executor=EmptyExecutor())


def test_run_recipes_accepts_init_scale_zero():
    """Init scales are finite numbers >= 0 (docstring): scale 0 is allowed and its rows carry
    0.0. Kills R12."""
    cfg = HardnessConfig(inputs=2, families=("majority",), trials=1, lrs=(0.05,), max_width=1)
    res = run_recipes(cfg, [5], ["adam"], confirm_trials=1, init_scales=(0.0,))
    assert res.init_scales == (0.0,)
    assert [r.init_scale for r in res.rows] == [0.0]


def test_run_recipes_refuses_a_scale_above_float32_max():
    """An init scale above float32's largest number would overflow every weight: refused with a
    UsageError saying 'at most'. Kills R15."""
    cfg = HardnessConfig(inputs=2, families=("majority",), trials=1, lrs=(0.05,), max_width=1)
    with pytest.raises(UsageError, match="at most"):
        run_recipes(cfg, [5], ["adam"], confirm_trials=1, init_scales=(1e39,),
                    executor=EmptyExecutor())


def test_run_recipes_refuses_a_positive_scale_below_float32s_least_normal_number():
    """1e-50 scales every weight to exactly 0, the 0 cell again under another label: the CLI
    refused it, run_recipes took it (2026-12-07 audit's note); 0 itself stays allowed."""
    cfg = HardnessConfig(inputs=2, families=("majority",), trials=1, lrs=(0.05,), max_width=1)
    with pytest.raises(UsageError, match=r"init scales must be 0 or at least 2\^-126 .*got "
                                         r"1e-50"):
        run_recipes(cfg, [5], ["adam"], confirm_trials=1, init_scales=(0.0, 1e-50),
                    executor=EmptyExecutor())


# ---------------------------------------------------------------- topology


def record_topology_cell(monkeypatch):
    seen = []

    def fake(target, options, worker):
        seen.append((options.model.depth, worker))
        return TrainedFunctionSize("relu", options.model.depth, 2, 1, 2, 2, (0.3, 1.0), 0.1)

    monkeypatch.setattr(topology, "trained_size", fake)
    cfg = HardnessConfig(inputs=3, families=("parity",), depth=1)
    row = topology.measure_topology((items_for(cfg)[0], 2, "dense", cfg))
    return row, seen


def test_topology_cell_trains_at_its_depth(monkeypatch):
    """A topology cell (depth 2, dense) trains at its own depth with the dense worker, not the
    config's depth 1. Kills T01."""
    row, seen = record_topology_cell(monkeypatch)
    assert seen == [(2, topology.dense_train_task)]
    assert row.depth == 2


def test_topology_row_records_the_configs_inputs(monkeypatch):
    """A topology row records the config's M (3), so its parameters are counted for M = 3.
    Kills T07."""
    row, _ = record_topology_cell(monkeypatch)
    assert row.inputs == 3
    same = TopologyRow(row.family, row.topology, row.depth, row.trained, 3)
    assert row.parameters == same.parameters


def test_topology_frame_diverged_column_is_the_trained_sizes():
    """The topology table's diverged column is the trained size's flag. Kills T04."""
    t = TrainedFunctionSize("relu", 1, None, None, 0, 2, (0.0, 0.8), None, diverged=True)
    row = TopologyRow("parity", "stacked", 1, t, 2)
    res = TopologyResult(HardnessConfig(inputs=2, families=("parity",)), (1,), [row], 0.0)
    assert bool(res.to_frame()["diverged"].iloc[0]) is True


def test_run_topology_sorts_depths_and_drops_repeats():
    """``run_topology`` sorts its depths and drops repeats (documented). Kills T06."""
    cfg = HardnessConfig(inputs=2, families=("parity",))
    res = run_topology(cfg, depths=(2, 1, 2), executor=EmptyExecutor())
    assert res.depths == (1, 2)


# ---------------------------------------------------------------- sign hardening


def output_unit(w, b):
    """The function an output unit ``sign(w . x + b)`` computes, and its one-layer state."""
    w = np.asarray(w, dtype=np.float64)
    x = all_inputs(len(w)).astype(np.float64)
    fn = BooleanFunction.from_strings("".join("1" if v > 0 else "0" for v in x @ w + b))
    return fn, [np.stack([np.zeros(len(w)), w]), np.array([0.0, b])]


def test_harden_tries_every_scale_up_to_sixteen():
    """Hardening tries scales 1, 2, ..., 16 and only then doubles (module docs): the unit
    (0.264, -0.314, 1.458; 1.96) rounds faithfully first at c = 3, giving weights (1, -1, 3)
    and bias 4 (doubling only would give (1, -1, 4), 5). Kills S01."""
    fn, state = output_unit([0.264, -0.314, 1.458], 1.96)
    net = harden(state, fn)
    assert verify(net, fn).ok
    layer = net.to_dict()["layers"][0]
    assert layer["weights"] == [[1, -1, 3]]
    assert layer["biases"] == [4]


def test_harden_scales_up_to_two_to_the_twenty():
    """Scales go up to MAX_SCALE = 2^20: the unit (1, 0.03; -1.0), where the small weight
    decides, needs c = 32 and still hardens to a verified network. Kills S03."""
    assert MAX_SCALE == 1 << 20
    fn, state = output_unit([1.0, 0.03], -1.0)
    assert verify(harden(state, fn), fn).ok


def test_hardened_network_method_label():
    """A hardened network is labelled method 'trained:sign-ste' (saved in its JSON). Kills
    S04."""
    xor = BooleanFunction.from_strings("0110")
    state = [np.array([[0.9, 1.1], [-1.0, -0.8]]), np.array([-1.3, -1.2]),
             np.array([[0.4, 0.3], [-0.5, -0.6]]), np.array([0.0, -0.2])]
    net = harden(state, xor)
    assert net.method == "trained:sign-ste"
    assert net.to_dict().get("method", "trained:sign-ste") == "trained:sign-ste"


def test_harden_reads_a_float_zero_in_a_hidden_layer_as_either_sign():
    """A later layer's wanted signs come from the float network as it computes
    (torch.sign(0) == 0): layer 1 (1, 1; 0) is exactly 0 on the mixed inputs, so the layer-2
    unit (1; 0.5) hardens to weight 1, bias 0. Kills S05."""
    fn = BooleanFunction.from_strings("0111")
    state = [np.array([[1.0, 1.0]]), np.array([0.0]),
             np.array([[1.0]]), np.array([0.5]),
             np.array([[0.0], [1.0]]), np.array([0.0, 0.0])]
    layer2 = harden(state, fn).to_dict()["layers"][1]
    assert layer2["weights"] == [[1]]
    assert layer2["biases"] == [0]


def test_train_sign_networks_trains_the_trials_asked_for():
    """``train_sign_networks(..., trials=1)`` trains 1 network even when options.seeds is 2.
    Kills S07."""
    options = SearchOptions.of(steps=20, activation="sign", seeds=2)
    out = train_sign_networks(SearchTarget(function="majority", inputs=3), options, 1, 0.03,
                              trials=1)
    assert len(out) == 1


def test_sign_trial_verified_is_the_exact_verification(monkeypatch):
    """``SignTrial.verified`` is the exact verification of the hardened network, not the float
    fit: with verify() forced to fail, a trained trial reads verified False. Kills S08."""
    monkeypatch.setattr(sign_module, "verify", lambda net, fn: SimpleNamespace(ok=False))
    options = SearchOptions.of(steps=400, activation="sign", seeds=1)
    (trial,) = train_sign_networks(SearchTarget(function="majority", inputs=3), options, 0,
                                   0.03)
    assert trial.trained
    assert not trial.verified
