"""Memory curves: read-out formulas, knee and capacity analysis, a tiny real run, the folder."""

from __future__ import annotations

import dataclasses
import json
import math
import pickle
import re
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from capacity.errors import UsageError
from empirical.engine.config import RunConfig
from empirical.engine.memorisation import readout_arrays as readouts
from empirical.memory.analysis import analyse_memory
from empirical.memory.curve import MemoryCurve, member_seeds, memory_curve
from empirical.memory.report import print_memory_curve, write_memory_curve

TINY = RunConfig().override(["data.d_in=4", "data.classes=2", "model.depth=1", "model.width=4",
                             "train.lr=0.05", "train.steps=300"])
# width 4 reliably memorises 4 points; 8 already fails for ~1 seed in 4 (3 of 12 measured)
TINY_NS = [4, 8, 16, 32, 64]




class PicklingExecutor:
    """Runs tasks in process but round-trips tasks and results through pickle, like Dask."""

    def __init__(self):
        self.calls = 0

    def map(self, fn, tasks, progress=False):
        self.calls += 1
        return [pickle.loads(pickle.dumps(fn(pickle.loads(pickle.dumps(t))))) for t in tasks]


@pytest.fixture(scope="module")
def tiny():
    ex = PicklingExecutor()
    return memory_curve(TINY, TINY_NS, seeds=[0, 1], executor=ex), ex


# --- formulas --------------------------------------------------------------------------------

@given(loss=st.floats(0, 5), n=st.integers(1, 10_000), v=st.integers(2, 1000))
def test_bits_formula(loss, n, v):
    bits, _ = readouts([0], [loss], n, v)
    assert bits[0] == pytest.approx((math.log(v) - loss) * n / math.log(2), rel=1e-12, abs=1e-9)


def test_bits_hand_cases():
    bits, mi = readouts([100, 100], [0.0, math.log(16)], 100, 16)
    assert bits.tolist() == pytest.approx([400.0, 0.0])  # n·log2 V for a perfect fit; 0 if uniform
    assert mi is None  # Collins' read-out is for binary labels only


@pytest.mark.parametrize("count,expected", [(100, 100.0), (50, 0.0), (0, 100.0), (89, 50.01)])
def test_mi_bits_hand_cases(count, expected):
    _, mi = readouts([count], [0.1], 100, 2)  # p = 1 − C/n; b(1 − H2(p)) with b = n = 100
    assert mi[0] == pytest.approx(expected, abs=0.01)


@given(c=st.integers(0, 200))
def test_mi_bits_matches_binary_entropy(c):
    p = 1 - c / 200
    h2 = 0.0 if p in (0, 1) else -p * math.log2(p) - (1 - p) * math.log2(1 - p)
    assert readouts([c], [0.0], 200, 2)[1][0] == pytest.approx(200 * (1 - h2), abs=1e-9)


# --- knee and capacity on synthetic curves ---------------------------------------------------

def _saturating(cap=50, seeds=3, sd=2.0, seed=0):
    ns = np.array([10, 20, 30, 40, 50, 60, 80, 100, 150, 200])
    rng = np.random.default_rng(seed)
    count = np.clip(np.minimum(ns[:, None], cap + rng.normal(0, sd, (len(ns), seeds))),
                    0, ns[:, None]).round()
    return ns, count


def test_knee_of_saturating_curve_is_near_its_level():
    ns, count = _saturating()
    out = analyse_memory(ns, count, count.astype(float))
    assert 40 <= out["knee"]["n"] <= 50 <= out["knee"]["next_n"] <= 60  # true knee: 50
    assert out["knee"]["method"].startswith("identity departure")
    est, lo, hi = out["capacity_bits"]
    assert abs(est - 50) < 3 and lo < est < hi
    assert out["saturated"]


@settings(max_examples=12)
@given(cap=st.integers(13, 700))
def test_noise_free_knee_brackets_the_level(cap):
    ns = np.array([12, 25, 50, 100, 200, 400, 800])
    count = np.repeat(np.minimum(ns, cap)[:, None], 2, axis=1)  # C(n) = min(n, cap)
    out = analyse_memory(ns, count, count.astype(float))
    # the knee is the largest n with C(n) ≥ 99 % of n, so 0.99·knee ≤ cap < 0.99·next_n
    assert 0.99 * out["knee"]["n"] <= cap < 0.99 * out["knee"]["next_n"]
    assert out["capacity_bits"][0] == cap
    if cap < 400:  # two grid points past the knee at the same level: a plateau
        assert out["saturated"]
    elif cap > 1.05 * 400:  # only n = 800 is past it, and it rises > 5 % over n = 400
        assert not out["saturated"]


def test_curve_that_never_leaves_the_identity_is_not_saturated():
    ns = np.array([10, 20, 40, 80, 160])
    count = np.repeat(ns[:, None], 3, axis=1)
    out = analyse_memory(ns, count, count * 0.99)
    assert out["knee"] is None and not out["saturated"]
    assert "lower bound" in out["reason"]


def test_curve_still_rising_at_the_end_is_not_saturated(capsys):
    ns = np.array([10, 20, 40, 80, 160, 320])
    count = np.repeat(np.where(ns <= 20, ns, 0.7 * ns)[:, None], 3, axis=1)
    bits = count * 0.5 + np.array([0.0, 0.1, -0.1])  # departs at 40 but bits keep doubling
    curve = MemoryCurve.from_arrays(TINY, ns, (0, 1, 2), count.round(), bits)
    assert curve.knee["n"] == 20 and not curve.saturated
    d = curve.to_dict()
    assert d["saturated"] is False and d["capacity_is_lower_bound"] is True
    assert "still rising" in d["analysis"]["reason"]
    print_memory_curve(curve)
    out = capsys.readouterr().out
    assert "NOT saturated" in out and "capacity ≥" in out


def test_a_maximum_the_grid_does_not_resolve_is_a_lower_bound(capsys):
    """The curve peaks at the knee, a fully memorised n, and falls: saturated, but the memorised
    bits still rise at the knee, so the largest lies before the next n and the estimate is a
    lower bound (the JSON said capacity_is_lower_bound false and the line "capacity =", with an
    interval of seed noise only, 6 % below the refined grid's: 2026-12-06 review)."""
    ns = np.array([10, 20, 40, 80])
    count = np.repeat(np.array([10, 20, 40, 30])[:, None], 3, axis=1)
    bits = count * 0.99 + np.array([0.0, 0.1, -0.1])
    curve = MemoryCurve.from_arrays(TINY, ns, (0, 1, 2), count, bits)
    assert curve.knee["n"] == 40 and curve.analysis["n_at_max"] == 40
    assert curve.saturated and curve.analysis["grid_limited"] and curve.lower_bound
    d = curve.to_dict()
    assert d["saturated"] is True and d["capacity_is_lower_bound"] is True
    print_memory_curve(curve)
    out = capsys.readouterr().out
    assert "capacity ≥" in out
    assert "saturated, but a lower bound (the grid does not resolve the maximum" in out
    assert "note: the maximum sits at the knee" in out
    # at the first n past the knee the grid misses the stretch between them, where the bits
    # may stand higher (112.6 bits at n = 200 past a knee at 100, 132.1 at n = 175 on a finer
    # grid; 2026-12-06 review): a lower bound too
    count[3], bits[3] = 60, 60 * 0.99
    curve = MemoryCurve.from_arrays(TINY, np.append(ns, 160), (0, 1, 2),
                                    np.vstack([count, [60, 60, 60]]),
                                    np.vstack([bits, [59.0, 59.2, 58.9]]))
    assert curve.analysis["n_at_max"] == 80 and curve.saturated and curve.lower_bound
    assert "the first n past the knee (n = 40" in curve.analysis["note"]
    # the first n past the knee as the largest n: the curve still rises, which the reason says;
    # "add points between" would point away from the larger n it needs
    out = analyse_memory(np.array([10, 20, 40]), np.array([[10] * 2, [20] * 2, [30] * 2]),
                         np.array([[10.0] * 2, [20.0] * 2, [30.0] * 2]))
    assert out["n_at_max"] == 40 and out["note"] is None and not out["saturated"]
    # a maximum with a departed n below it: the flag stays off (a finer grid may still find
    # more there, docs/memory.md)
    ns2 = np.array([10, 20, 40, 60, 80, 160])
    count2 = np.repeat(np.array([10, 20, 40, 50, 60, 60])[:, None], 3, axis=1)
    bits2 = np.repeat(np.array([9.9, 19.8, 39.6, 49.0, 59.4, 59.0])[:, None], 3, axis=1) + \
        np.array([0.0, 0.1, -0.1])
    curve = MemoryCurve.from_arrays(TINY, ns2, (0, 1, 2), count2, bits2)
    assert curve.knee["n"] == 40 and curve.analysis["n_at_max"] == 80
    assert curve.saturated and not curve.lower_bound
    assert curve.to_dict()["capacity_is_lower_bound"] is False


def test_t_interval_and_bits_per_parameter():
    ns = np.array([10, 20, 40, 80])
    count = np.array([[10, 10, 10], [20, 20, 20], [30, 33, 35], [31, 29, 30]])
    bits = count * 1.0
    curve = MemoryCurve.from_arrays(TINY, ns, (0, 1, 2), count, bits)
    v = bits[2]
    half = stats.t.ppf(0.975, 2) * v.std(ddof=1) / math.sqrt(3)
    assert curve.capacity_bits == pytest.approx((v.mean(), v.mean() - half, v.mean() + half))
    assert curve.parameters == 4 * 4 + 4 + 4 * 2 + 2
    assert curve.bits_per_parameter == pytest.approx(tuple(c / 30 for c in curve.capacity_bits))
    boot = analyse_memory(ns, count, bits, interval="bootstrap")["capacity_bits"]
    assert boot[1] <= boot[0] <= boot[2]


def test_single_seed_has_no_interval_and_json_is_valid():
    ns = np.array([10, 20, 40, 80])
    count = np.array([[10], [20], [30], [30]])
    curve = MemoryCurve.from_arrays(TINY, ns, (0,), count, count * 1.0)
    assert math.isnan(curve.capacity_bits[1])
    d = json.loads(json.dumps(curve.to_dict(), allow_nan=False))
    assert d["capacity_bits"]["lower"] is None and d["capacity_bits"]["estimate"] == 30


# --- a tiny real run -------------------------------------------------------------------------

def test_tiny_run_memorises_small_n_and_not_large(tiny):
    curve, ex = tiny
    assert curve.count.shape == (5, 2) and curve.bits.shape == (5, 2)
    assert curve.count[0].tolist() == [4, 4]  # 4 points, 30 parameters: all memorised
    assert curve.count[-1].max() < 64  # 64 random binary labels exceed 30 parameters' capacity
    assert curve.knee is not None and curve.knee["n"] < 64
    assert curve.information_bits.tolist() == pytest.approx(TINY_NS)  # V = 2: one bit per point
    # by hand at n = 32, V = 2 (uniform labels): bits = n·(ln 2 − loss)/ln 2 and the MI read-out
    # b·(1 − H2(p)) with p the error rate (Collins et al.; every label of a trained width-4 net
    # is decided, so b = n), from the logged count and loss; the MI is the trainer's float32 log
    loss, count = curve.loss[3].astype(float), curve.count[3].astype(float)
    np.testing.assert_allclose(curve.bits[3], 32 * (math.log(2) - loss) / math.log(2),
                               rtol=1e-6, atol=1e-6)
    p = 1 - count / 32
    h2 = np.where((p > 0) & (p < 1), -p * np.log2(np.where(p > 0, p, 1))
                  - (1 - p) * np.log2(np.where(p < 1, 1 - p, 1)), 0.0)
    np.testing.assert_allclose(curve.mi_bits[3], 32 * (1 - h2), rtol=1e-6, atol=1e-6)
    assert np.all(curve.bits <= curve.information_bits[:, None] + 1e-6)
    assert ex.calls == 1  # one map over the five n (one ensemble each)


def test_tiny_run_is_reproducible_and_each_n_is_independent_of_the_grid(tiny):
    curve, _ = tiny
    again = memory_curve(TINY, [64, 16], seeds=[0, 1])  # a sub-grid, given unsorted
    assert again.ns.tolist() == [16, 64]
    np.testing.assert_array_equal(again.count, curve.count[[2, 4]])
    np.testing.assert_array_equal(again.bits, curve.bits[[2, 4]])
    np.testing.assert_array_equal(again.loss, curve.loss[[2, 4]])


def test_seeds_give_distinct_data_and_init_seeds():
    pairs = [member_seeds(TINY, s) for s in range(20)]
    flat = [x for p in pairs for x in p]
    assert len(set(flat)) == len(flat)
    assert member_seeds(TINY, 3) == pairs[3]


def test_frame_and_progress(tiny):
    curve, _ = tiny
    df = curve.to_frame()
    assert len(df) == 10 and set(df["n"]) == set(TINY_NS) and set(df["seed"]) == {0, 1}
    row = df[(df["n"] == 32) & (df["seed"] == 1)].iloc[0]
    assert row["count"] == curve.count[3, 1] and row["bits"] == curve.bits[3, 1]
    calls = []
    memory_curve(TINY.override(["train.steps=5"]), [4, 8], [0], progress=lambda d, t:
                 calls.append((d, t)))
    assert calls == [(0, 2), (1, 2), (2, 2)]


@pytest.mark.parametrize("kwargs,match", [
    ({"ns": [8, 8]}, "distinct positive"),
    ({"ns": []}, "distinct positive"),
    ({"seeds": []}, "seeds must be"),
    ({"base": RunConfig().override(["data.kind='boolean'"])}, "data.kind"),
])
def test_bad_input(kwargs, match):
    args = {"base": TINY, "ns": [8], "seeds": [0]} | kwargs
    with pytest.raises(ValueError, match=match):
        memory_curve(**args)


# --- the output folder -----------------------------------------------------------------------

def test_write_folder(tiny, tmp_path):
    curve, _ = tiny
    out = tmp_path / "mem"
    out.mkdir()  # an existing empty folder is fine
    write_memory_curve(curve, out)
    assert sorted(p.name for p in out.iterdir()) == [".memcap-folder", "memory.csv",
                                                     "memory.json", "memory.md",
                                                     "memory.png"]
    d = json.loads((out / "memory.json").read_text())
    assert d["ns"] == TINY_NS and d["count"] == curve.count.tolist() and "saturated" in d
    assert len(pd.read_csv(out / "memory.csv")) == 10
    assert (out / "memory.md").read_text().startswith("# memory curve")
    with pytest.raises(ValueError, match="not empty"):
        write_memory_curve(curve, out)
    (out / "memory.png").unlink()  # a memcap folder less a file is still replaced whole
    write_memory_curve(curve, out, overwrite=True)
    assert (out / "memory.png").stat().st_size > 1000
    (out / "stray.txt").write_text("x")  # a file a user added blocks --overwrite
    with pytest.raises(ValueError, match="memcap did not write"):
        write_memory_curve(curve, out, overwrite=True)
    assert (out / "stray.txt").read_text() == "x"
    assert [p.name for p in tmp_path.iterdir()] == ["mem"]  # no temporary leftovers


def test_an_unproven_rise_at_the_largest_n_is_not_saturation():
    """The largest n 23 % above the maximum at smaller n, too noisy for 3 seeds to call: a
    lower bound ("not shown to level off"), not "saturated: levelled off" as before 2026-12-01;
    a rise within flat_tol is still a plateau."""
    ns = np.array([8, 16, 32, 64])
    count = np.array([[8] * 3, [16] * 3, [20] * 3, [22] * 3])  # left the identity at n = 32
    bits = np.array([[8.0, 8.0, 8.0], [16.0, 16.0, 16.0], [20.0, 20.0, 20.0],
                     [4.0, 44.0, 25.8]])  # mean 24.6: +23 %, spread far too wide
    out = analyse_memory(ns, count, bits)
    assert not out["saturated"] and out["reason"].startswith("not shown to level off")
    flat = bits.copy()
    flat[-1] = [19.0, 21.0, 20.6]  # mean 20.2: +1 %
    out = analyse_memory(ns, count, flat)
    assert out["saturated"] and out["reason"].startswith("levelled off")


def test_every_seed_diverged_gives_no_estimate_and_no_crash(tmp_path):
    """Memorised bits NaN at every (n, seed): the analysis reports no estimate instead of
    failing on an all-NaN slice, and the curve's report and figure are written (status 70
    before, 2026-12-02 review)."""
    ns = np.array([10, 20])
    nan = np.full((2, 2), np.nan)
    out = analyse_memory(ns, np.zeros((2, 2)), nan)
    assert all(math.isnan(v) for v in out["capacity_bits"]) and not out["saturated"]
    assert "diverged" in out["reason"]
    base = TINY.override(["train.lr=1e20", "train.steps=20"])
    curve = memory_curve(base, [10, 20], seeds=[0, 1])
    assert np.isnan(curve.bits).all() and math.isnan(curve.capacity_bits[0])
    path = write_memory_curve(curve, tmp_path / "mc")
    assert (path / "memory.png").is_file() and "no estimate" in (path / "memory.md").read_text()


def test_the_knee_line_never_claims_identity_for_a_curve_that_left_it():
    """A curve whose smallest n is already below the threshold has no knee; the line says so
    (it used to print "C(n) = n at every n", the opposite of the table above it)."""
    from empirical.memory.analysis import analyse_memory

    ns = np.array([200, 400])
    count = np.array([[117, 120], [228, 230]])
    a = analyse_memory(ns, count, count * 1.0)
    assert a["knee"] is None and a["knee_note"].startswith("not found: already at the smallest")
    assert "at least 4 n values" in a["knee_note"]
    full = analyse_memory(ns, np.array([[200, 200], [400, 400]]), np.ones((2, 2)) * 300)
    assert full["knee_note"] == "C(n) = n at every n"
    # every seed at its best achievable count, which labels no model can fit keep below n: on
    # the identity, but not "C(n) = n" (it said so beside C/n = 0.67, 2026-12-05 review)
    best = np.array([[150, 150], [300, 300]])
    capped = analyse_memory(ns, best, np.ones((2, 2)) * 300, best)
    assert capped["knee"] is None
    assert capped["knee_note"] == ("C(n) >= 99% of the memorisable labels at every n (some "
                                   "labels no model can fit)")
    near = analyse_memory(ns, np.array([[199, 200], [400, 397]]), np.ones((2, 2)) * 300)
    assert near["knee_note"] == "C(n) >= 99% of the memorisable labels at every n"


def test_a_token_curve_on_the_identity_says_c_equals_t_n():
    """A token curve counts T labels a point: the note compared the counts with n and said
    "some labels no model can fit" of a curve that memorised every label (diff review)."""
    from empirical.engine.config import RunConfig
    from empirical.memory.curve import MemoryCurve

    cfg = RunConfig().override(["data.kind='tokens'", "model.kind='transformer'",
                                "data.seq_len=9", "data.classes=4", "model.width=4"])
    ns = np.array([4, 8, 16])
    c = np.stack([ns * 8, ns * 8], 1)
    curve = MemoryCurve.from_arrays(cfg, ns, (0, 1), c, c * 2.0)
    assert curve.analysis["knee_note"] == "C(n) = 8·n at every n"
    capped = MemoryCurve.from_arrays(cfg, ns, (0, 1), c - 1, c * 2.0, best_count=c - 1)
    assert capped.analysis["knee_note"].endswith("(some labels no model can fit)")


def test_one_seed_has_no_bootstrap_interval():
    """One seed curve resampled is itself: the bootstrap gave a zero-width "95%" interval;
    like the t interval, one seed has none (NaN ends, null in memory.json)."""
    from empirical.memory.analysis import analyse_memory

    ns, b = np.array([10, 20, 40, 80]), np.array([[10.0], [20.0], [30.0], [35.0]])
    for interval in ("t", "bootstrap"):
        a = analyse_memory(ns, b.astype(int), b, interval=interval)
        est, lo, hi = a["capacity_bits"]
        assert est == 35.0 and math.isnan(lo) and math.isnan(hi), interval
        assert a["interval"].startswith("none: one trial"), interval
    two = analyse_memory(ns, np.minimum(np.hstack([b, b + 2]), ns[:, None]).astype(int),
                         np.hstack([b, b + 2]), interval="bootstrap")
    assert two["capacity_bits"][1] < two["capacity_bits"][2]


@pytest.mark.filterwarnings("error::RuntimeWarning")  # the bootstrap printed numpy's warning
def test_a_diverged_seed_is_named_in_the_capacity_interval():
    """nanmean leaves a diverged seed (NaN bits) out of the capacity estimate; the interval
    text says over how many seeds it is, not "over the 3 seeds"."""
    from empirical.memory.analysis import analyse_memory

    ns = np.array([100, 200, 400])
    bits = np.array([[100.0, 100.0, 100.0], [150.0, 160.0, 155.0], [170.0, 170.0, np.nan]])
    count = np.where(np.isnan(bits), 3, bits).astype(int)
    t = analyse_memory(ns, count, bits)
    assert t["n_at_max"] == 400 and "2 of 3 trials (1 diverged, left out)" in t["interval"]
    b = analyse_memory(ns, count, bits, interval="bootstrap", n_boot=50)
    assert "1 trial(s) diverged" in b["interval"]
    clean = analyse_memory(ns, count, np.nan_to_num(bits, nan=165.0))
    assert "over the 3 trials" in clean["interval"]


def test_a_curve_that_diverged_below_its_largest_n_is_a_lower_bound_not_an_error():
    """nanargmax over the smaller n raised 'All-NaN slice encountered' when every seed diverged
    at every n but the largest, so the curve (and reading its memory.json back) failed
    (2026-12-03 audit)."""
    nan = np.nan
    r = analyse_memory([10, 20, 40], np.array([[0, 0], [0, 0], [30, 31]]),
                       np.array([[nan, nan], [nan, nan], [25.0, 26.0]]))
    assert r["saturated"] is False and "every trial diverged at every n but the largest" in \
        r["reason"] and r["capacity_bits"][0] == 25.5 and r["n_at_max"] == 40


def test_one_seed_names_no_interval_and_a_seq2seq_curve_says_so():
    """With one seed the interval text named a Student t interval whose ends were NaN, and a
    seq2seq curve was titled and described as next-token prediction (2026-12-03 audit)."""
    from empirical.engine.config import RunConfig
    from empirical.memory.curve import MemoryCurve
    from empirical.memory.report import memory_markdown

    r = analyse_memory([1, 2], np.array([[1], [1]]), np.array([[1.0], [1.5]]))
    assert r["interval"].startswith("none: one trial") and np.isnan(r["capacity_bits"][1])
    cfg = RunConfig().override(["model.kind='transformer'", "data.kind='seq2seq'",
                                "data.seq_len=2", "data.d_in=3", "data.classes=2",
                                "model.width=4", "model.heads=1", "data.n_test=0"])
    ns = np.array([1, 2, 4])
    count = np.array([[2], [4], [6]])
    curve = MemoryCurve.from_arrays(cfg, ns, (0,), count, count * 1.0)
    text = memory_markdown(curve)
    assert "transformer: seq2seq (d_in 3)" in text and "labelled positions" in text
    assert "predicted tokens" not in text


def test_a_seed_with_nothing_memorisable_is_skipped_without_a_warning():
    """Token data can leave a seed no memorisable point (best count 0): its fraction 0/0 printed
    numpy's RuntimeWarning on stderr (2026-12-04 review); it is NaN and skipped."""
    import warnings

    ns = np.array([1, 2, 3, 4])
    count = np.array([[1, 0], [2, 1], [3, 2], [3, 2]], dtype=float)
    best = np.array([[1, 0], [2, 1], [3, 2], [4, 3]], dtype=float)
    bits = count.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = analyse_memory(ns, count, bits, best)
        assert res["knee"]["n"] == 3  # the seed with best 0 at n = 1 does not decide the knee
        # one seed, nothing memorisable at n = 1: nanmin warned "All-NaN slice" and the NaN
        # counted as a departure, so there was no knee (review of the first fix)
        one = analyse_memory(ns, count[:, 1:], bits[:, 1:], best[:, 1:])
        assert one["knee"]["n"] == 3


def test_a_memory_table_with_nothing_memorisable_writes_nan_without_a_warning():
    import warnings

    from empirical.engine.config import RunConfig
    from empirical.memory.curve import memory_curve

    base = RunConfig().override(["data.d_in=4", "data.classes=2", "model.depth=1",
                                 "model.width=4", "train.lr=0.1", "train.steps=5"])
    curve = memory_curve(base, [4, 8], seeds=[0, 1])
    best = curve.best_count if curve.best_count is not None else np.full((2, 2), 4)
    none = np.array([[True, False], [False, False]])  # (G, S): seed 0 at n = 4
    zeroed = dataclasses.replace(curve, best_count=np.where(none, 0, best),
                                 count=np.where(none, 0, curve.count))  # count <= best
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = zeroed.to_frame()
    assert np.isnan(frame["fraction"].iloc[0]) and np.isfinite(frame["fraction"].iloc[1:]).all()


def test_table_shows_the_fittable_share_when_labels_cannot_all_fit(capsys):
    """C/n counts all labels, memory.csv's fraction the fittable ones: with repeated inputs
    the table said 0.531 beside "every n was fully memorised" and no column explained it
    (2026-12-04 review); the fittable share is printed beside C/n then, and only then."""
    ns = np.array([4, 8, 16])
    best = np.array([[4, 4], [7, 6], [9, 8]])
    curve = MemoryCurve.from_arrays(TINY, ns, (0, 1), best, best * 0.5, best_count=best)
    print_memory_curve(curve)
    out = capsys.readouterr().out
    assert "fittable/n" in out and "0.531" in out  # (9 + 8) / 2 / 16
    full = MemoryCurve.from_arrays(TINY, ns, (0, 1), np.repeat(ns[:, None], 2, 1), ns[:, None]
                                   * np.ones((1, 2)))
    print_memory_curve(full)
    assert "fittable" not in capsys.readouterr().out


def test_a_seed_at_exactly_the_threshold_is_still_on_the_identity():
    """The threshold is inclusive: a seed memorising 99 of 100 points (exactly 0.99) is "on the
    identity", so the knee is n = 100, the largest n before the first n where some seed
    memorises < 99 % (the method text's definition). 2026-12-05 mutation review."""
    ns = np.array([100, 200, 400, 800])
    count = np.array([[99, 99], [150, 150], [150, 150], [150, 150]])
    out = analyse_memory(ns, count, count * 1.0, threshold=0.99)
    assert count[0, 0] / ns[0] == 0.99  # exactly at the threshold, not above it
    assert out["knee"] is not None and out["knee"]["n"] == 100 and out["knee"]["next_n"] == 200
    assert out["knee_note"] is None


def _levelling(last):
    """Three seeds on the identity up to n = 16, 20 bits at n = 32, ``last`` at n = 64."""
    ns = np.array([8, 16, 32, 64])
    count = np.array([[8] * 3, [16] * 3, [20] * 3, [20] * 3])
    bits = np.array([[8.0] * 3, [16.0] * 3, [19.5, 20.0, 20.5], list(last)])
    return ns, count, bits


def test_a_seven_percent_rise_at_the_largest_n_is_still_rising():
    """The largest n 7 % (beyond flat_tol = 5 %) above the maximum at smaller n, tight over the
    seeds: "still rising" (a lower bound), not saturated. 2026-12-05 mutation review."""
    ns, count, bits = _levelling([21.2, 21.4, 21.6])
    rise = bits[-1].mean() - bits[2].mean()
    assert 0.05 * 20.0 < rise < 0.1 * 20.0  # +7 %: beyond flat_tol, within twice it
    out = analyse_memory(ns, count, bits, flat_tol=0.05)
    assert not out["saturated"]
    assert out["reason"].startswith("memorised bits still rising at the largest n: +1.4 bits")


def test_a_seven_percent_fall_at_the_largest_n_reads_peaked_and_fell():
    """The largest n 7 % below the maximum (beyond flat_tol = 5 %): "peaked at n = 32 and
    fell", not "levelled off". 2026-12-05 mutation review."""
    ns, count, bits = _levelling([18.4, 18.6, 18.8])
    out = analyse_memory(ns, count, bits, flat_tol=0.05)
    assert out["saturated"] and out["n_at_max"] == 32
    assert out["reason"].startswith("peaked at n = 32 and fell: the largest n holds -1.4 bits")


@pytest.mark.parametrize("third, knee_n, n_at_max", [(30, 20, 40), (40, 40, 40)])
def test_the_maximum_at_the_knee_note_is_set_exactly_when_they_coincide(third, knee_n, n_at_max):
    """The "maximum sits at the knee" note appears exactly when n_at_max equals the knee's n:
    [10, 20, 30, 30] leaves the identity at 40 (knee 20, maximum first reached at 40: the
    first n past the knee, its own note since 2026-12-06); [10, 20, 40, 30] has knee and
    maximum both at 40 (note). 2026-12-05 mutation review."""
    ns = np.array([10, 20, 40, 80])
    count = np.array([[10, 10], [20, 20], [third, third], [30, 30]])
    out = analyse_memory(ns, count, count * 1.0)
    assert out["knee"]["n"] == knee_n and out["n_at_max"] == n_at_max and out["grid_limited"]
    if knee_n == n_at_max:
        assert out["note"].startswith("the maximum sits at the knee")
        assert "between n = 40 and 80" in out["note"]
    else:
        assert out["note"].startswith("the maximum sits at n = 40, the first n past the knee")


def test_a_maximum_at_the_largest_n_first_past_the_knee_is_a_lower_bound():
    """The grid ends at the first n past the knee and the bits there rise within flat_tol
    (+2.5 %): "levelled off", and it was reported as saturated with no note — while one more
    n, where the bits fall, flagged the same maximum (2026-12-06 review). The stretch between
    the knee and the maximum is unsampled either way: a lower bound."""
    ns = np.array([10, 20, 40, 80, 160])
    count = np.array([[10] * 3, [20] * 3, [40] * 3, [80] * 3, [120, 125, 118]])
    bits = np.array([[10] * 3, [20] * 3, [40] * 3, [80] * 3, [82, 83, 81]], float)
    out = analyse_memory(ns, count, bits)
    assert out["saturated"] and out["n_at_max"] == 160 and out["knee"]["n"] == 80
    assert out["grid_limited"] and "the first n past the knee" in out["note"]


def test_bootstrap_interval_is_the_hand_computed_percentile_interval():
    """interval="bootstrap": the ends are the 2.5 % and 97.5 % quantiles of max_n of the mean
    over resampled whole seed curves (n_boot draws from default_rng(0)), computed here draw by
    draw. 2026-12-05 mutation review."""
    ns = np.array([10, 20, 40, 80])
    count = np.array([[10] * 5, [20] * 5, [30, 33, 35, 28, 31], [31, 29, 30, 27, 32]])
    bits = count * 1.0
    out = analyse_memory(ns, count, bits, interval="bootstrap", n_boot=2000, confidence=0.95)
    idx = np.random.default_rng(0).integers(0, 5, size=(2000, 5))
    draws = sorted(max(sum(bits[g, k] for k in row) / 5 for g in range(4)) for row in idx)
    lo, hi = np.percentile(draws, [2.5, 97.5])
    est, got_lo, got_hi = out["capacity_bits"]
    assert est == pytest.approx(31.4)
    assert (got_lo, got_hi) == (pytest.approx(lo, abs=1e-12), pytest.approx(hi, abs=1e-12))
    assert "95%" in out["interval"]


def test_the_rise_is_tested_with_pooled_degrees_of_freedom():
    """The largest n's rise over the maximum at smaller n is tested by Student t with
    2(s − 1) = 4 degrees of freedom (two means of 3 seeds). Here rise/se ≈ 3.42 lies between
    t.975(4) ≈ 2.78 and t.975(2) ≈ 4.30: with 4 dof the +30 % rise is significant ("still
    rising"), not "not shown to level off". 2026-12-05 mutation review."""
    ns, count, bits = _levelling([23.0, 26.0, 29.0])
    rise = bits[-1].mean() - bits[2].mean()  # 6
    se = math.hypot(bits[-1].std(ddof=1) / math.sqrt(3), bits[2].std(ddof=1) / math.sqrt(3))
    assert stats.t.ppf(0.975, 4) < rise / se < stats.t.ppf(0.975, 2)
    out = analyse_memory(ns, count, bits)
    assert not out["saturated"]
    assert out["reason"].startswith("memorised bits still rising at the largest n: +6 bits")


def test_the_bits_panel_names_the_labels_of_a_token_curve(tmp_path, saved_legends):
    """The information line of a token curve is T·n·H (T predicted tokens a sequence): its
    legend said n·H (2026-12-05 review), beside a count panel that said C = T·n."""
    from empirical.engine.config import RunConfig
    from empirical.memory.curve import MemoryCurve
    from empirical.memory.report import plot_memory_curve

    legends = saved_legends
    ns = np.array([4, 8, 16])
    tokens = RunConfig().override(["data.kind='tokens'", "model.kind='transformer'",
                                   "data.seq_len=9", "data.classes=4", "model.width=4"])
    for config, want in ((tokens, "label information 8·n·H"),
                         (RunConfig().override(["data.classes=2"]), "label information n·H")):
        t = 8 if config is tokens else 1
        c = np.array([[4, 4], [8, 7], [9, 10]]) * t
        plot_memory_curve(MemoryCurve.from_arrays(config, ns, (0, 1), c, c * 0.8),
                          tmp_path / "m.png")
        assert want in legends[-1], legends[-1]


@pytest.mark.parametrize("args, kwargs, words", [
    # int() made 10.7 into 10 and seed 1.5 into 1; "10" passed; 10 and inf were bare errors
    (([10.7], [0]), {}, "ns must be a list of distinct positive integers, got [10.7]"),
    (([10], [1.5]), {}, "seeds must be a list of distinct integers, got [1.5]"),
    ((["10"], [0]), {}, "ns must be a list of distinct positive integers, got ['10']"),
    ((10, [0]), {}, "ns must be a list of distinct positive integers, got 10"),
    (([float("inf")], [0]), {}, "got [inf]"),
    # analysis settings were passed on unchecked (2026-12-05 API review)
    (([8, 64], [0, 1]), {"confidence": 2}, "--confidence must be in (0, 1), got 2.0"),
    (([8], [0]), {"threshold": float("nan")}, "threshold must be a finite number, got nan"),
    (([8], [0]), {"interval": "bootstrap", "n_boot": 0}, "n_boot must be an integer in 1..10"),
    (([8], [0]), {"n_boot": 10**12}, "n_boot must be an integer in 1..1000000"),
    # one draw gave a zero-width "95%" interval (2026-12-06)
    (([8], [0]), {"interval": "bootstrap", "n_boot": 1}, "use n_boot >= 40"),
    (([8], [0]), {"interval": "bootstrap", "n_boot": 19, "confidence": 0.9},
     "n_boot = 19 draws cannot give a 90% percentile interval"),
    (([8], [0]), {"labels_per_point": 3}, "unknown analysis setting(s) labels_per_point"),
    (([8], [0]), {"flat_tol": -1}, "flat_tol must be >= 0, got -1"),
])
def test_memory_curve_refuses_bad_arguments_before_training(args, kwargs, words, monkeypatch):
    import empirical.memory.curve as curve_module

    monkeypatch.setattr(curve_module, "run_training",
                        lambda *a, **k: pytest.fail("trained before refusing"))
    with pytest.raises(UsageError, match=re.escape(words)):
        memory_curve(TINY, *args, **kwargs)


def test_the_bootstrap_minimum_reads_the_default_draws_and_spares_stored_curves(monkeypatch):
    """The minimum-draws check read an absent n_boot as 1, so memory_curve(...,
    interval="bootstrap") was refused though analyse_memory draws 2000 by default; a curve
    stored with fewer draws could not be read back; a confidence no n_boot can give asked for
    more draws than memcap takes (2026-12-06 diff review)."""
    from empirical.memory.analysis import check_analysis_settings

    check_analysis_settings(interval="bootstrap")  # the default 2000 draws
    with pytest.raises(UsageError, match="lower the confidence"):
        check_analysis_settings(interval="bootstrap", confidence=0.9999999, n_boot=10**6)
    ns, count = [8, 16], np.array([[8, 8, 8], [12, 14, 13]])
    bits = count * 0.9
    out = analyse_memory(ns, count, bits, interval="bootstrap", n_boot=10)  # as stored
    assert math.isnan(out["capacity_bits"][1]) and out["interval"].startswith(
        "none: 10 bootstrap draws are too few for a 95% percentile interval (at least 40)")
    curve = MemoryCurve.from_arrays(TINY, ns, (0, 1, 2), count, bits, interval="bootstrap",
                                    n_boot=10)
    assert MemoryCurve.from_dict(curve.to_dict()).analysis["interval"] == out["interval"]
    import empirical.memory.curve as curve_module

    monkeypatch.setattr(curve_module, "run_training", lambda *a, **k: pytest.fail("trained"))
    with pytest.raises(UsageError, match="use n_boot >= 40"):
        memory_curve(TINY, [4, 8], [0, 1], interval="bootstrap", n_boot=5)
    checked = []
    monkeypatch.setattr(curve_module, "_normalise", lambda b: checked.append(b) or 1 / 0)
    with pytest.raises(ZeroDivisionError):  # past the settings check: it would train now
        memory_curve(TINY, [4, 8], [0, 1], interval="bootstrap")
    assert checked


def test_a_memory_curve_trains_the_member_width_it_was_given():
    """A base with per-member widths [6, 6] trained the unread model.width (2026-12-06 diff
    review); unequal widths are refused like unequal learning rates."""
    from empirical.memory.curve import _normalise

    base = TINY.override(["widths=[6, 6]", "ensemble=2"])
    assert _normalise(base).model.width == 6 and _normalise(base).widths == ()
    with pytest.raises(UsageError, match="a memory curve trains one model; got widths"):
        _normalise(TINY.override(["widths=[6, 8]", "ensemble=2"]))


def test_a_maximum_at_the_smallest_n_past_the_knee_is_not_saturation():
    """The documented model's grid without its first eight n read "= 211 bits, saturated:
    peaked at n = 400 and fell" though it stores ≈ 290 bits at n = 283 (2026-12-05 review)."""
    ns = [400, 566, 800]
    count = np.array([[380, 385, 390], [480, 470, 475], [560, 570, 565]])
    bits = np.array([[210.0, 212.0, 211.0], [150.0, 140.0, 145.0], [90.0, 80.0, 85.0]])
    r = analyse_memory(ns, count, bits)
    assert r["n_at_max"] == 400 and r["saturated"] is False
    assert "the maximum sits at the smallest n = 400" in r["reason"]
    # the same curve with a fully memorised first n peaks inside the grid: saturated
    full = analyse_memory(ns, np.vstack([[400] * 3, count[1:]]), bits)
    assert full["saturated"] is True and "peaked at n = 400 and fell" in full["reason"]


def test_every_trial_diverged_at_the_largest_n_and_no_bits_stored_are_not_saturation():
    nan = np.nan
    ns, count = [10, 20, 40, 80], np.array([[10, 10], [20, 20], [30, 31], [50, 40]])
    bits = np.array([[10.0, 10.0], [20.0, 20.0], [25.0, 26.0], [nan, nan]])
    r = analyse_memory(ns, count, bits)  # "levelled off ... by +nan bits" before
    assert r["saturated"] is False and "every trial diverged at the largest n = 80" in r["reason"]
    neg = analyse_memory(ns, count, np.array([[-5.0, -6.0], [-50.0, -46.0], [-80.0, -70.0],
                                              [-99.0, -90.0]]))
    assert neg["saturated"] is False and "no n stores any bits" in neg["reason"]


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_analysis_inputs_are_checked_and_infinite_bits_are_a_diverged_trial():
    ns, count = [10, 20, 40], np.array([[10, 10], [18, 19], [20, 22]])
    bits = np.array([[10.0, 10.0], [15.0, 16.0], [-np.inf, 17.0]])
    r = analyse_memory(ns, count, bits)  # -inf gave a capacity of -inf / "levelled off -inf"
    assert r["capacity_bits"][0] == 17.0 and r["n_at_max"] == 40  # the other trial's bits
    assert r["interval"].startswith("none: one trial with finite bits at n = 40")
    for bad_ns in ([40, 10, 20], [], [10, 10, 20]):
        with pytest.raises(UsageError, match="ns must be a non-empty increasing list"):
            analyse_memory(bad_ns, np.zeros((len(bad_ns), 2)), np.zeros((len(bad_ns), 2)))
    with pytest.raises(UsageError, match="labels_per_point must be an integer >= 1, got 0"):
        analyse_memory(ns, count, bits, labels_per_point=0)


def test_diverged_trials_are_left_out_of_every_column_and_named(capsys):
    """A diverged trial's count (taken on a non-finite net) and MI bits were averaged beside the
    other trials' bits, and nothing printed said a trial diverged (2026-12-05 review)."""
    nan = np.nan
    ns = [10, 20, 40, 80]
    count = np.array([[10, 10, 10], [20, 20, 20], [39, 39, 14], [50, 52, 51]])
    bits = np.array([[10.0, 10.0, 10.0], [20.0, 20.0, 20.0], [36.0, 36.0, nan],
                     [30.0, 31.0, 32.0]])
    curve = MemoryCurve.from_arrays(RunConfig().override(["data.classes=2"]), ns, (0, 1, 2),
                                    count, bits)
    print_memory_curve(curve)
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.strip("│ ").startswith("40 "))
    assert "39 ± 0" in row and "14" not in row and "(1 of 3 diverged)" in row, row
    assert "diverged (non-finite loss): n = 40 trial 2; each row's means leave them out" in out
    assert curve.knee["n"] == 20  # the diverged trial memorised nothing it can be credited with
    # a trial at 39 of 40 without the diverged one would have been on the identity at 97.5 %


def test_clipped_bits_are_said_to_be_clipped(capsys):
    from empirical.memory.report import memory_markdown

    cfg = RunConfig().override(["data.classes=2", "train.clip_bits=true"])
    c = np.array([[10, 10], [20, 19], [22, 30], [25, 27]])
    curve = MemoryCurve.from_arrays(cfg, [10, 20, 40, 80], (0, 1), c, c * 1.0)
    print_memory_curve(curve)
    out = " ".join(capsys.readouterr().out.split())  # the table's title wraps
    assert "bits clipped at 0 per example (--clip-bits)" in out
    assert "memorised bits (each example's clipped at 0)" in out
    md = memory_markdown(curve)
    assert "max(0, r − ℓ_e/ln 2)" in md and "R − m·ℓ/ln 2" not in md
    plain = MemoryCurve.from_arrays(RunConfig().override(["data.classes=2"]), [10, 20, 40, 80],
                                    (0, 1), c, c * 1.0)
    assert "R − m·ℓ/ln 2" in memory_markdown(plain) and "clipped" not in memory_markdown(plain)


def test_library_entry_points_refuse_wrong_types():
    with pytest.raises(UsageError, match="base must be a RunConfig, got NoneType"):
        memory_curve(None, [8], [0])
    with pytest.raises(UsageError, match="executor must have a map"):
        memory_curve(TINY, [8], [0], executor="x")
    with pytest.raises(UsageError, match="read from a dict"):
        MemoryCurve.from_dict(None)
    with pytest.raises(UsageError, match="not a complete memory curve: no config, ns, seeds"):
        MemoryCurve.from_dict({"format": "memcap.memory-curve/2"})


def test_a_grid_past_the_knee_is_a_lower_bound_wherever_noise_puts_the_maximum():
    """Two equally flat curves past the knee: one read "lower bound" (its maximum at the
    smallest n), the other "saturated" (its maximum one n later) (2026-12-05 diff review)."""
    ns, count = [100, 200, 300, 400], np.array([[90, 91], [150, 151], [200, 201], [250, 251]])
    for level in ([100.3, 100.0, 99.9, 100.1], [100.0, 100.3, 99.9, 100.1]):
        bits = np.array([[x, x + 0.01] for x in level])
        r = analyse_memory(ns, count, bits)
        assert r["saturated"] is False and "a smaller n may store more" in r["reason"], r
    # a curve that rises from its first n into a peak inside the grid is bracketed: saturated
    bits = np.array([[150.0, 152.0], [210.0, 212.0], [160.0, 161.0], [120.0, 121.0]])
    r = analyse_memory(ns, count, bits)
    assert r["saturated"] is True and "peaked at n = 200 and fell" in r["reason"], r


def test_divergence_at_the_first_n_or_at_the_knee_is_said():
    nan = np.nan
    # every trial diverged at the smallest n: the first n with data (16) already misses points
    r = analyse_memory([8, 16, 32], np.array([[0, 0], [15, 15], [25, 25]]),
                       np.array([[nan, nan], [14, 14.5], [12, 12.5]]))
    assert r["saturated"] is False and "the smallest n = 16 with live trials" in r["reason"]
    assert "less than 99% of its points or diverged" in r["knee_note"]
    cfg = RunConfig().override(["data.classes=2"])
    for bits, said in ((np.array([[8, 8], [nan, nan], [18, 19]]), "at n = 16 2 of 2 trials "
                        "diverged);"),
                       (np.array([[8, 8], [16, nan], [32, 32]]), "at n = 16 1 of 2 trials "
                        "diverged and the other memorises 100.0%")):
        c = np.array([[8, 8], [16, 16], [20, 22]])
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "Mean of empty slice" leaked before
            curve = MemoryCurve.from_arrays(cfg, [8, 16, 32], (0, 1), c, bits)
        from empirical.memory.report import memory_lines
        assert said in memory_lines(curve)[0], memory_lines(curve)[0]


def test_a_memory_curve_trains_the_one_rate_it_records():
    """lrs=[0.01] trained 0.01 while memory.json, memory.md and the title said train.lr 0.05,
    and two rates were spread over the trials (2026-12-05 review)."""
    base = RunConfig().override(["data.d_in=4", "data.classes=2", "model.depth=1",
                                 "model.width=4", "train.lr=0.05", "train.steps=40"])
    via_lrs = memory_curve(base.override(["lrs=[0.01]"]), [8, 16], [0])
    direct = memory_curve(base.override(["train.lr=0.01"]), [8, 16], [0])
    assert via_lrs.config.train.lr == 0.01 and not via_lrs.config.lrs
    assert np.array_equal(via_lrs.bits, direct.bits)
    with pytest.raises(UsageError, match="one learning rate"):
        memory_curve(base.override(["ensemble=2", "lrs=[0.001,0.5]"]), [8, 16], [0, 1])


def test_a_diverged_trial_does_not_make_a_rise_significant():
    """The saturation test counted all S trials in its standard error and degrees of freedom
    where only the live ones had bits: one diverged trial at the peak turned a rise that the
    same curve without that trial did not show into "saturated" (2026-12-05 review)."""
    ns = np.array([40, 80, 160])
    count = np.array([[30] * 3, [50] * 3, [60] * 3])
    with_nan = analyse_memory(ns, count, np.array([[10, 12, 11], [20, 30, np.nan],
                                                   [15, 16, 17]], dtype=float))
    without = analyse_memory(ns, count[:, :2], np.array([[10, 12], [20, 30], [15, 16.]]))
    assert not without["saturated"] and not with_nan["saturated"]
    assert "lower bound" in with_nan["reason"]


@pytest.mark.parametrize("bad", [
    dict(count=np.array([10, 20, 30, 35]), bits=np.array([10., 20, 30, 35])),  # 1-D
    dict(best=np.ones((3, 2))),  # best not (G, S)
    dict(ns=np.array([-10, 20, 40, 80])),
    dict(ns=np.array([10.5, 20, 40, 80])),
    dict(count=np.array([[30, 30], [60, 60], [90, 90], [105, 108]])),  # above n
    dict(count=-np.array([[10, 10], [20, 20], [30, 32], [35, 36]])),
])
def test_analyse_memory_refuses_inconsistent_input(bad):
    """Shapes were checked after broadcasting (a 1-D count was numpy's error), best never, and
    negative sizes or counts above the labels passed ("every n was fully memorised")."""
    args = dict(ns=np.array([10, 20, 40, 80]),
                count=np.array([[10, 10], [20, 20], [30, 32], [35, 36]]))
    args["bits"] = args["count"] * 1.0
    args.update(bad)
    best = args.pop("best", None)
    with pytest.raises(UsageError):
        analyse_memory(args["ns"], args["count"], args["bits"], best)


def test_analyse_memory_takes_numpy_settings():
    ns = np.array([10, 20, 40, 80])
    c = np.array([[10, 10], [20, 20], [30, 32], [35, 36]])
    out = analyse_memory(ns, c, c * 1.0, threshold=np.float32(0.9))
    assert out["settings"]["threshold"] == pytest.approx(0.9)  # what a re-analysis reuses
    assert out["knee"] == analyse_memory(ns, c, c * 1.0, threshold=0.9)["knee"]


def test_the_knee_line_names_the_trial_that_left_the_identity():
    """"at n = 80 only 99.6 % ... on average" printed a mean above the 99 % threshold: the
    departure is the worst trial's (79 of 80), which the line now gives too (2026-12-05
    review)."""
    from empirical.memory.report import memory_lines

    ns = np.array([10, 20, 40, 80])
    c = np.array([[10, 10], [20, 20], [40, 40], [80, 79]])
    curve = MemoryCurve.from_arrays(RunConfig(), ns, (0, 1), c, c * 1.0)
    assert curve.knee["worst_fraction_at_next_n"] == 79 / 80
    assert "only 99.4% of the best achievable count on average (the worst trial 98.8%)" in \
        memory_lines(curve)[0]


def test_the_mi_legend_names_the_channel_information_under_a_non_uniform_prior():
    """Under a non-uniform label prior the MI column holds the channel's m·I(Y; D) (the engine
    passes the prior), but the legend named Collins's d(1 − H2(w/d)) for every curve
    (2026-12-06 review)."""
    from empirical.engine.config import RunConfig
    from empirical.memory.report import memory_markdown

    ns, count = np.array([4, 8]), np.array([[4, 4], [6, 7]])
    for prior, want, absent in (("uniform", "d(1 − H2(w/d))", "I(Y; D)"),
                                ("power_law", "m·I(Y; D)", "d(1 − H2(w/d))")):
        cfg = RunConfig().override(["data.classes=2", f"data.label_prior='{prior}'"]
                                   + (["data.alpha=3"] if prior != "uniform" else []))
        curve = MemoryCurve.from_arrays(cfg, ns, (0, 1), count, count * 0.5,
                                        mi_bits=count * 0.3)
        text = memory_markdown(curve)
        assert want in text and absent not in text, text


def test_the_chance_line_and_the_ratio_column_follow_the_labels(tmp_path, monkeypatch):
    """Under --label-prior the best constant guess (the likeliest class every time) gets n·max π
    right, not n/V, and the legend of a token curve names its C/(nT) column (both read n/V and
    C/n for every curve: 2026-12-06 review)."""
    import matplotlib.axes

    from empirical.engine.config import RunConfig
    from empirical.engine.data import class_prior
    from empirical.memory.report import memory_markdown, plot_memory_curve

    lines = []
    plot = matplotlib.axes.Axes.plot
    monkeypatch.setattr(matplotlib.axes.Axes, "plot", lambda ax, *a, **k: (
        lines.append((k.get("label"), a[1])), plot(ax, *a, **k))[1])
    ns, count = np.array([4, 8, 16]), np.array([[4, 4], [6, 7], [9, 10]])
    skewed = RunConfig().override(["data.classes=3", "data.label_prior='power_law'",
                                   "data.alpha=1"])
    plot_memory_curve(MemoryCurve.from_arrays(skewed, ns, (0, 1), count, count * 0.5),
                      tmp_path / "m.png")
    top = float(class_prior(3, "power_law", 1.0).max())
    assert 0.5 < top < 0.6  # 1 / (1 + 1/2 + 1/3)
    chance = [y for label, y in lines if label and label.startswith("chance")]
    assert [str(label) for label, _ in lines if label and label.startswith("chance")] == [
        "chance n·max π"] and np.allclose(chance[0], ns * top)
    lines.clear()
    plot_memory_curve(MemoryCurve.from_arrays(RunConfig().override(["data.classes=3"]), ns,
                                              (0, 1), count, count * 0.5), tmp_path / "u.png")
    assert [(lab, list(y)) for lab, y in lines if lab and lab.startswith("chance")] == [
        ("chance n/V", list(ns / 3))]
    tokens = RunConfig().override(["data.kind='tokens'", "model.kind='transformer'",
                                   "data.seq_len=9", "data.classes=4", "model.width=4"])
    text = memory_markdown(MemoryCurve.from_arrays(tokens, ns, (0, 1), count * 8, count * 4.0))
    assert "the C/(nT) column divides by every label" in text and "the C/n column" not in text


def test_zero_bits_and_a_small_fall_are_read_as_such():
    """Two edges of the memory analysis a 2026-12-06 mutation audit found unpinned: a curve
    storing 0 bits at every n measured no capacity (not "levelled off", saturated); a last n
    that falls 2.4 % (within the flat tolerance) is "levelled off", not "peaked and fell"."""
    from empirical.memory.analysis import analyse_memory

    out = analyse_memory([8, 16, 32], [[8, 8], [16, 16], [10, 10]], np.zeros((3, 2)))
    assert not out["saturated"] and out["reason"].startswith("no n stores any bits")
    count = np.array([[8, 8], [16, 16], [20, 21], [20, 20]])
    out = analyse_memory([8, 16, 32, 64], count, count * 1.0)
    assert out["saturated"] and out["reason"].startswith(
        "levelled off: the largest n changes the maximum over smaller n by -0.5 bits (-2.4%)")
