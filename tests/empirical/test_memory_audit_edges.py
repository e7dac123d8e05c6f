"""Edges of the memory curve (empirical/memory/curve.py), its analysis (analysis.py) and the
scaling grid (scaling.py) that a 2026-12-07 mutation audit of the memory curve found untested.

The analysis runs on hand-made arrays and the scaling grid on scripted searches (no training),
so those numbers are exact; the few facts only training shows (what the trainer is asked to
do, the MI read-out, clipped bits) use tiny configs as tests/empirical/test_memory.py does.
Each test's docstring names the documented behaviour and the audit mutant(s) it kills.
"""

import json

import numpy as np
import pytest

import empirical.memory.curve as curve_module
from capacity.errors import UsageError
from empirical.engine.config import RunConfig
from empirical.memory.analysis import analyse_memory
from empirical.memory.curve import MemoryCurve, member_seeds, memory_curve

BINARY = RunConfig().override(["data.classes=2"])
TINY = ["data.d_in=4", "data.classes=2", "model.depth=1", "model.width=4", "train.lr=0.1"]


def _no_training(monkeypatch):
    monkeypatch.setattr(curve_module, "run_training",
                        lambda *a, **k: pytest.fail("trained before refusing"))


# ------------------------------------------------------------------------------ analysis
def test_the_knee_fractions_at_next_n_are_over_the_trials_that_did_not_diverge():
    """docs/memory.md "Diverged trials": a diverged trial is left out of every mean of its row;
    the knee's fraction_at_next_n / worst_fraction_at_next_n are over the live trials only,
    and diverged_at_next_n counts the one that diverged. Kills A08."""
    ns = np.array([4, 8, 16])
    count = np.array([[4, 4], [8, 0], [12, 12]])
    bits = np.array([[4.0, 4.0], [7.9, np.nan], [9.0, 9.0]])  # seed 1 diverged at n = 8
    knee = analyse_memory(ns, count, bits)["knee"]
    assert (knee["n"], knee["next_n"], knee["diverged_at_next_n"]) == (4, 8, 1)
    assert knee["fraction_at_next_n"] == 1.0
    assert knee["worst_fraction_at_next_n"] == 1.0


def test_a_maximum_at_a_knee_that_is_the_first_n_is_grid_limited():
    """analyse_memory: the maximum sitting at the knee (a fully memorised n) makes the
    estimate grid-limited, with the note saying where to add points, also when the knee is
    the grid's first n; MemoryCurve.lower_bound (JSON capacity_is_lower_bound) then holds
    even though the curve peaked and fell (saturated). Kills A28."""
    ns = np.array([8, 16, 32, 64])
    count = np.array([[8, 8, 8], [12, 13, 12], [14, 15, 14], [15, 15, 16]])
    bits = np.array([[8.0, 8.0, 8.0], [5.0, 5.2, 4.9], [4.0, 4.1, 3.9], [3.0, 3.1, 2.9]])
    out = analyse_memory(ns, count, bits)
    assert out["knee"]["n"] == 8 and out["n_at_max"] == 8.0
    assert out["saturated"] and out["grid_limited"] is True
    assert out["note"] == ("the maximum sits at the knee, a fully memorised n, so the grid "
                           "limits the estimate: the knee lies between n = 8 and 16; add "
                           "points there to sharpen it")
    curve = MemoryCurve.from_arrays(BINARY, ns, (0, 1, 2), count, bits)
    assert curve.saturated and curve.lower_bound
    assert curve.to_dict()["capacity_is_lower_bound"] is True


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_a_count_that_is_not_finite_is_refused_in_its_own_words(bad):
    """analyse_memory: a non-finite count is one UsageError that says a diverged trial's bits,
    not its count, are NaN (not the generic 0 <= count <= best line). Kills A35."""
    count = np.array([[8.0, 8.0], [16.0, bad]])
    with pytest.raises(UsageError, match=r"^count must be finite \(a diverged trial's bits "
                                         r"are NaN, not its count\)$"):
        analyse_memory([8, 16], count, np.array([[8.0, 8.0], [16.0, 15.0]]))


# ---------------------------------------------------------------------------- the curve
def test_memory_json_and_csv_name_each_seeds_data_and_init_seed():
    """memory.json's data_seeds / init_seeds and memory.csv's data_seed / init_seed columns are
    member_seeds(config, s)[0] and [1] for each seed s (module notes: data stream 0, init
    stream 1). Kills C05."""
    cfg = RunConfig().override(["data.classes=2", "data.seed=3", "model.init_seed=11"])
    ns, c = np.array([8, 16, 32]), np.array([[8, 8], [16, 15], [20, 22]])
    curve = MemoryCurve.from_arrays(cfg, ns, (0, 5), c, c * 0.8)
    pairs = [member_seeds(cfg, s) for s in (0, 5)]
    d = curve.to_dict()
    assert d["data_seeds"] == [pairs[0][0], pairs[1][0]]
    assert d["init_seeds"] == [pairs[0][1], pairs[1][1]]
    assert d["data_seeds"] != d["init_seeds"]
    df = curve.to_frame()
    assert df["data_seed"].tolist() == [pairs[0][0], pairs[1][0]] * 3
    assert df["init_seed"].tolist() == [pairs[0][1], pairs[1][1]] * 3


def test_a_curve_trains_without_early_stopping_and_draws_no_test_set(monkeypatch):
    """memory_curve (docstring, docs/memory.md "Training"): n_test is replaced by 0 and early
    stopping is switched off, whatever the base config says; the trainer is asked for exactly
    that and memory.json's config records it. Kills C07, C08."""
    seen = []
    real = curve_module.run_training

    def spy(cfg):
        seen.append(cfg)
        return real(cfg)

    monkeypatch.setattr(curve_module, "run_training", spy)
    base = RunConfig().override(TINY + ["train.steps=20", "train.early_stop=true",
                                        "data.n_test=50"])
    curve = memory_curve(base, [4, 8], seeds=[0])
    assert len(seen) == 2
    assert all(c.train.early_stop is False and c.data.n_test == 0 for c in seen)
    saved = curve.to_dict()["config"]
    assert saved["train"]["early_stop"] is False and saved["data"]["n_test"] == 0


def test_n_of_zero_is_refused_before_any_training(monkeypatch):
    """memory_curve: ns must be distinct positive integers, refused in one line before any
    training. Kills C09."""
    _no_training(monkeypatch)
    with pytest.raises(UsageError, match=r"^ns must be distinct positive integers, got "
                                         r"\[0, 4\]"):
        memory_curve(RunConfig().override(TINY), [0, 4], seeds=[0])


def test_only_a_two_class_curve_has_the_mutual_information_read_out():
    """Module notes: the MI read-out b·(1 − H2(p)) is for V = 2 only; a 3-class curve has
    mi_bits None, memory.json null and memory.csv's mi_bits column NaN. Kills C13."""
    base = RunConfig().override(["data.d_in=4", "data.classes=3", "model.depth=1",
                                 "model.width=4", "train.lr=0.1", "train.steps=20"])
    curve = memory_curve(base, [4, 8], seeds=[0])
    assert curve.mi_bits is None and curve.to_dict()["mi_bits"] is None
    assert curve.to_frame()["mi_bits"].isna().all()


def test_clip_bits_clips_each_points_bits_at_zero():
    """Module notes: with train.clip_bits each point's bits are clipped at 0 first, as the
    trainer logs them: the curve's bits are never below the unclipped read-out, never
    negative, and above it where some point is predicted worse than chance. Kills C14."""
    common = ["data.d_in=4", "data.classes=2", "model.depth=1", "model.width=2",
              "train.lr=0.05", "train.steps=30"]
    plain = memory_curve(RunConfig().override(common), [16, 64], seeds=[0, 1])
    clip = memory_curve(RunConfig().override(common + ["train.clip_bits=true"]), [16, 64],
                        seeds=[0, 1])
    assert np.array_equal(plain.count, clip.count)
    assert np.all(clip.bits >= plain.bits - 1e-9) and np.all(clip.bits >= 0)
    assert np.any(clip.bits > plain.bits + 1e-3)


def test_the_memory_check_is_on_the_largest_n_before_any_training(monkeypatch):
    """memory_curve checks the memory of every seed of the LARGEST n before training and
    refuses a grid whose largest n cannot fit ("shrink --width, the largest n of
    --memory-curve or --trials"), however small its other n. Kills C19."""
    _no_training(monkeypatch)
    with pytest.raises(UsageError, match="the largest n of --memory-curve"):
        memory_curve(RunConfig().override(TINY), [4, 2**45], seeds=[0, 1])


def test_infinite_bits_are_stored_as_nan_like_a_diverged_trial():
    """MemoryCurve.from_arrays: a diverged trial's non-finite bits are stored as NaN, as the
    analysis reads them, so memory.csv and memory.json hold NaN / null there, never inf.
    Kills C23."""
    ns, c = np.array([8, 16, 32]), np.array([[8, 8], [16, 15], [20, 22]])
    bits = np.array([[6.4, -np.inf], [12.8, 12.0], [16.0, np.inf]])
    curve = MemoryCurve.from_arrays(BINARY, ns, (0, 1), c, bits)
    assert np.isnan(curve.bits[0, 1]) and np.isnan(curve.bits[2, 1])
    assert not np.isinf(curve.bits).any()
    column = curve.to_frame()["bits"].to_numpy()
    assert np.isnan(column).sum() == 2 and not np.isinf(column).any()
    d = json.loads(json.dumps(curve.to_dict(), allow_nan=False))
    assert d["bits"] == [[6.4, None], [12.8, 12.0], [16.0, None]]


def test_a_stored_curve_keeps_its_wall_time():
    """MemoryCurve.from_dict reads memory.json's wall_s back (the time the training took).
    Kills C26 (adapted: from_dict now passes wall_s=wall_s, dropped by the mutant)."""
    ns, c = np.array([8, 16, 32]), np.array([[8, 8], [16, 15], [20, 22]])
    curve = MemoryCurve.from_arrays(BINARY, ns, (0, 1), c, c * 0.8, wall_s=12.5)
    back = MemoryCurve.from_dict(json.loads(json.dumps(curve.to_dict())))
    assert back.wall_s == 12.5 and back.to_dict()["wall_s"] == 12.5
