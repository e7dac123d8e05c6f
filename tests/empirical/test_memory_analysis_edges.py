"""Edges of the memory-curve analysis, the memory curve and the scaling grid that a mutation
audit (2026-12-07) found no test pinned. The analysis runs on hand-built arrays and the
scaling grid on scripted searches (no training), so every number is exact. Each test fails
on the mutants its docstring names."""

import dataclasses
import math
import re

import numpy as np
import pytest

import empirical.memory.scaling as scaling
from capacity.errors import UsageError
from empirical.engine.config import RunConfig
from empirical.engine.data import class_prior
from empirical.engine.memorisation import label_information_bits
from empirical.engine.seeds import derived_seed
from empirical.memory.analysis import (
    MAX_BOOTSTRAP_DRAWS,
    analyse_memory,
    check_analysis_settings,
    least_bootstrap_draws,
)
from empirical.memory.curve import MemoryCurve, member_seeds, memory_curve
from empirical.search.options import SearchOptions
from empirical.search.plan import run_search
from empirical.search.rounds import TaskOutcome
from empirical.search.target import SearchTarget
from empirical.sweeps.fits import fit_exponent

NS3 = np.array([10, 20, 40])


# ------------------------------------------------------------------------------ analysis
def test_the_t_interval_leaves_out_a_diverged_seed():
    """A seed diverged (NaN) at the best n: the interval is over the live seeds, finite."""
    count = np.array([[10, 10, 10], [20, 20, 20], [30, 32, 31]])
    bits = np.array([[10.0, 10, 10], [20, 20, 20], [40, 41, np.nan]])
    est, lo, hi = analyse_memory(NS3, count, bits)["capacity_bits"]
    assert est == 40.5 and math.isfinite(lo) and math.isfinite(hi) and lo < est < hi


def test_the_knee_is_the_last_n_on_the_identity_from_the_first():
    """No knee when the smallest n already fails (``ok.any()`` found a later one); the knee's
    count and bits are the seed means at the knee n."""
    count = np.array([[5, 5], [20, 20], [40, 40]])
    assert analyse_memory(NS3, count, count * 1.0)["knee"] is None
    count = np.array([[10, 10], [20, 20], [30, 34]])
    knee = analyse_memory(NS3, count, count * 1.0)["knee"]
    assert (knee["n"], knee["count"], knee["bits"]) == (20, 20.0, 20.0)


def test_a_curve_at_its_best_count_everywhere_has_no_knee_even_on_a_plateau():
    ns = np.array([10, 20, 40, 80, 160, 320, 640, 1280])
    best = np.minimum(ns, 50)[:, None] + np.zeros((1, 3), int)
    bits = best + np.random.default_rng(0).normal(0, 0.3, (8, 3))
    out = analyse_memory(ns, best, bits, best)
    assert out["knee"] is None and out["knee_note"].startswith("C(n) >= 99%")


def test_analysis_settings_at_their_documented_ends():
    """threshold in (0, 1], flat_tol >= 0, bootstrap draws at least ⌈2/(1 − c)⌉ and at most
    MAX_BOOTSTRAP_DRAWS, each end inclusive where documented."""
    check_analysis_settings(threshold=1)
    knee = analyse_memory([10, 20], [[10, 10], [20, 19]], [[10.0, 10], [20, 19]],
                          threshold=1.0)["knee"]
    assert knee["n"] == 10
    with pytest.raises(UsageError):
        check_analysis_settings(threshold=0)
    check_analysis_settings(flat_tol=0)
    assert least_bootstrap_draws(0.95) == 40
    assert least_bootstrap_draws(0.97) == 67 and least_bootstrap_draws(0.975) == 80
    check_analysis_settings(interval="bootstrap", n_boot=40)
    with pytest.raises(UsageError):
        check_analysis_settings(interval="bootstrap", n_boot=39)
    check_analysis_settings(interval="bootstrap", confidence=0.9, n_boot=20)
    assert least_bootstrap_draws(0.999998) == MAX_BOOTSTRAP_DRAWS
    check_analysis_settings(interval="bootstrap", confidence=0.999998,
                            n_boot=MAX_BOOTSTRAP_DRAWS)


@pytest.mark.parametrize("ns, count, best", [
    ([0, 10], [[0, 0], [10, 10]], None),  # n = 0
    ([10, 20], [[10, 10], [20, 20]], [[10, 10], [18, 18]]),  # count above best
    ([10, 20], [[10, 10], [20, 20]], [[12, 12], [20, 20]]),  # best above the labels
])
def test_arrays_that_cannot_be_a_memory_curve_are_refused(ns, count, best):
    with pytest.raises(UsageError):
        analyse_memory(ns, count, np.asarray(count, float), best)


def test_the_bootstrap_resamples_seed_curves_with_seed_0_and_takes_the_max_over_n():
    count = np.array([[10, 10, 10], [20, 20, 20], [30, 32, 31]])
    bits = np.array([[10.0, 10, 10], [20, 20, 20], [30, 18, 16]])  # the max row varies
    out = analyse_memory(NS3, count, bits, interval="bootstrap", n_boot=500)
    draws = np.random.default_rng(0).integers(0, 3, size=(500, 3))
    lo, hi = np.quantile(bits[:, draws].mean(axis=2).max(axis=0), [0.025, 0.975])
    assert out["capacity_bits"][1:] == (float(lo), float(hi))
    assert analyse_memory(NS3, count, bits, interval="bootstrap",
                          n_boot=500)["capacity_bits"] == out["capacity_bits"]
    least = analyse_memory(NS3, count, count * 1.0, interval="bootstrap", n_boot=40)
    assert math.isfinite(least["capacity_bits"][1]) and least["interval"].startswith("percent")


def test_a_trial_diverged_at_two_n_is_one_trial():
    count = np.array([[10, 10, 10], [20, 20, 20], [30, 32, 31], [30, 32, 31]])
    bits = np.array([[10.0, 10, 10], [20, 20, 20], [30, 32, np.nan], [29, 31, np.nan]])
    out = analyse_memory(np.array([10, 20, 40, 80]), count, bits, interval="bootstrap",
                         n_boot=100)
    assert "; 1 trial(s) diverged" in out["interval"]


def test_saturation_rules_at_their_edges():
    """One n cannot show a plateau; flat_tol is relative to the earlier maximum (a 5.2 % rise
    is a rise at 5 %), and with flat_tol 0 no rise at all is levelled off."""
    single = analyse_memory([10], [[8, 9]], [[7.0, 8]])
    assert not single["saturated"]
    assert single["reason"].startswith("a single n cannot show a plateau")
    ns = np.array([10, 20, 40, 80])
    rising = analyse_memory(ns, np.array([[10, 10], [20, 20], [35, 36], [40, 41]]),
                            np.array([[10.0, 10], [20, 20], [99, 101], [104.2, 106.2]]))
    assert rising["n_at_max"] == 80 and not rising["saturated"]
    count = np.array([[10, 10], [20, 20], [30, 31], [30, 31]])
    flat = analyse_memory(ns, count, np.array([[10.0, 10], [20, 20], [30, 31], [31, 30]]),
                          flat_tol=0.0)
    assert flat["saturated"] and flat["reason"].startswith("levelled off")
    assert analyse_memory(ns, count, count * 1.0, flat_tol=0.0)["saturated"]


def test_a_maximum_at_the_knee_is_grid_limited_also_when_not_saturated():
    out = analyse_memory(NS3, np.array([[10, 10], [20, 20], [30, 31]]),
                         np.array([[10.0, 10], [20, 20], [np.nan, np.nan]]))
    assert not out["saturated"] and out["note"] is not None and out["grid_limited"] is True


# ---------------------------------------------------------------------------- the curve
def test_data_and_init_seeds_come_from_two_streams_even_from_one_root():
    d, i = member_seeds(RunConfig().override(["data.seed=7", "model.init_seed=7"]), 3)
    assert (d, i) == (derived_seed(7, 3, 0), derived_seed(7, 3, 1)) and d != i


def test_repeated_seeds_and_n_of_2_to_the_53_are_refused_before_training():
    base = RunConfig().override(["data.d_in=2", "data.classes=2", "model.width=2",
                                 "train.steps=1"])
    with pytest.raises(UsageError, match="seeds must be distinct"):
        memory_curve(base, [4], seeds=[0, 0])
    with pytest.raises(UsageError, match=r"below 2\^53"):
        memory_curve(base, [2**53], seeds=[0])


def test_a_token_curves_information_counts_every_label_of_a_sequence():
    """n·T·log2 V bits (T = seq_len − 1 = 8 labels a sequence, V = 4)."""
    cfg = RunConfig().override(["data.kind='tokens'", "model.kind='transformer'",
                                "data.seq_len=9", "data.classes=4", "model.width=4"])
    ns = np.array([4, 8])
    c = np.stack([ns * 8, ns * 8], 1)
    curve = MemoryCurve.from_arrays(cfg, ns, (0, 1), c, c * 2.0)
    assert curve.information_bits.tolist() == [64.0, 128.0]


def test_a_non_uniform_label_prior_carries_fewer_bits_a_label():
    cfg = RunConfig().override(["data.classes=4", "data.label_prior='exponential'",
                                "data.alpha=1.0"])
    ns = np.array([8, 16])
    c = np.array([[8, 8], [16, 16]])
    curve = MemoryCurve.from_arrays(cfg, ns, (0, 1), c, c * 1.0)
    prior = class_prior(4, "exponential", 1.0)
    assert curve.information_bits.tolist() == [label_information_bits(int(n), 4, prior)
                                               for n in ns]
    assert curve.information_bits[0] < 16.0


def test_a_first_format_file_keeps_its_knee_threshold():
    """Files of memcap.memory-curve/1 store only ``knee.threshold``: reading one back uses it
    (the default 0.99 moved this curve's knee)."""
    ns = np.array([10, 20, 40])
    c = np.array([[10, 10], [19, 19], [30, 30]])  # n = 20 at 95 %
    cfg = RunConfig().override(["data.classes=2"])
    curve = MemoryCurve.from_arrays(cfg, ns, (0, 1), c, c * 1.0, threshold=0.9)
    assert curve.knee["n"] == 20
    old = curve.to_dict()
    old.pop("analysis")
    old["format"] = "memcap.memory-curve/1"
    assert MemoryCurve.from_dict(old).knee["n"] == 20
    assert MemoryCurve.from_arrays(cfg, ns, (0, 1), c, c * 1.0).knee["n"] == 10


# ------------------------------------------------------------------------- scaling grid
def _scripted(widths, monkeypatch):
    """search_scaling's searches run on a scripted worker: at n, width >= widths[n] memorises
    (None: nothing does); every member logs two curve rows."""
    def search(target, options, executor=None, progress=None, *, worker=None, curves=False):
        need = widths[target.n]

        def scripted(task):
            w = np.array(task.config.widths)
            ok = np.zeros(len(w), bool) if need is None else w >= need
            k = len(w)
            rows = ({"member": np.repeat(np.arange(k), 2), "step": np.tile([0, 10], k)}
                    if task.curves else None)
            return TaskOutcome(ok, np.where(ok, 3, -1), 0.0, curves=rows)

        return run_search(target, options, worker=scripted, curves=curves)

    monkeypatch.setattr(scaling, "search_size", search)


TARGET = SearchTarget(kind="points", n=8, classes=2, d_in=4)
OPTS = SearchOptions.of(seeds=1, lrs=(0.05,), steps=1, start=1, bracket_steps=1, max_size=8)


def test_the_scaling_frame_holds_widths_and_brackets_lower_end_first(monkeypatch):
    _scripted({4: 3, 8: 5}, monkeypatch)
    frame = scaling.search_scaling(TARGET, [4, 8], OPTS).to_frame()
    assert frame["needed_width"].tolist() == [3, 5]
    assert (frame["needed_parameters"] > frame["needed_width"]).all()
    assert (frame["bits_per_parameter_lower"] <= frame["bits_per_parameter"]).all()
    assert (frame["bits_per_parameter"] <= frame["bits_per_parameter_upper"]).all()
    assert (frame["bits_per_parameter_lower"] < frame["bits_per_parameter_upper"]).all()


def test_one_found_size_is_no_fit(monkeypatch):
    _scripted({4: 3, 8: None}, monkeypatch)
    res = scaling.search_scaling(TARGET, [4, 8], OPTS)
    assert res.fit is None and res.fit_lower is None
    assert "exponent: fewer than two sizes found; no fit" in scaling.scaling_lines(res)


def test_a_two_point_fit_prints_no_interval_and_three_points_do(monkeypatch):
    _scripted({4: 2, 8: 3, 16: 5}, monkeypatch)
    two = scaling.search_scaling(TARGET, [4, 8], OPTS)
    three = scaling.search_scaling(TARGET, [4, 8, 16], OPTS)
    line = next(x for x in scaling.scaling_lines(two) if x.startswith("exponent of needed"))
    assert line.count(two.fit.interval_text()) <= 1  # its description says why not once
    line = next(x for x in scaling.scaling_lines(three) if x.startswith("exponent of needed"))
    assert three.fit.interval_text() in line


def test_only_found_sizes_without_a_lower_end_are_said_left_out(monkeypatch):
    """An n not found has no bracket at all: it is named among the n not in the fit, not as
    'left out' of the lower ends."""
    _scripted({4: 3, 8: 5, 16: None}, monkeypatch)
    res = scaling.search_scaling(TARGET, [4, 8, 16], OPTS)
    assert res.fit_lower is not None
    assert not any("left out" in line for line in scaling.scaling_lines(res))


def test_the_fit_takes_the_search_confidence(monkeypatch):
    _scripted({4: 2, 8: 3, 16: 5}, monkeypatch)
    opts = SearchOptions.of(seeds=1, lrs=(0.05,), steps=1, start=1, bracket_steps=1,
                            max_size=8, confidence=0.8)
    res = scaling.search_scaling(TARGET, [4, 8, 16], opts)
    found = [r.needed.parameters for r in res.results]
    assert res.fit.to_dict() == fit_exponent([4, 8, 16], found, confidence=0.8).to_dict()


def test_repeated_n_are_refused_and_curves_at_exactly_the_row_limit_kept(monkeypatch):
    _scripted({4: 3, 8: 5}, monkeypatch)
    with pytest.raises(UsageError, match="distinct"):
        scaling.search_scaling(TARGET, [4, 4, 8], OPTS)
    rows = len(scaling.search_scaling(TARGET, [4, 8], OPTS, curves=True).curves["step"])
    monkeypatch.setattr(scaling, "CURVE_ROWS_LIMIT", rows)
    kept = scaling.search_scaling(TARGET, [4, 8], OPTS, curves=True)
    assert kept.curves is not None and kept.curves_note is None
    monkeypatch.setattr(scaling, "CURVE_ROWS_LIMIT", rows - 1)
    assert scaling.search_scaling(TARGET, [4, 8], OPTS, curves=True).curves is None


def test_a_curve_read_back_refuses_fractional_sizes_and_seeds_that_do_not_fit_its_columns():
    """MemoryCurve.from_arrays (and so memory.json through from_dict) cut n = 16.7 to 16
    before the analysis could refuse it, and took seeds [0] or [0, 0] beside two columns
    (memory.csv then failed inside pandas): both are one UsageError now (2026-12-07 audit)."""
    import json

    cfg = RunConfig().override(["data.classes=2"])
    c = np.array([[8, 8], [16, 15], [20, 22]])
    with pytest.raises(UsageError, match=r"positive integer sizes, got \[8.0, 16.7, 32.0\]"):
        MemoryCurve.from_arrays(cfg, [8, 16.7, 32], (0, 1), c, c * 0.8)
    d = json.loads(json.dumps(MemoryCurve.from_arrays(cfg, [8, 16.0, 32], (0, 1), c,
                                                      c * 0.8).to_dict()))
    assert d["ns"] == [8, 16, 32]  # 16.0 is an integer size
    for seeds in ([0], [0, 0], [0, 1, 2]):
        listed = ", ".join(map(str, seeds))
        with pytest.raises(UsageError, match=rf"seeds must be 2 distinct integers, one per "
                                             rf"column of count, got \[{listed}\]"):
            MemoryCurve.from_dict({**d, "seeds": seeds})
    curve = MemoryCurve.from_dict(d)
    assert curve.seeds == (0, 1) and len(curve.to_frame()) == 6


def test_a_confidence_or_threshold_just_below_one_is_never_printed_as_100_percent():
    """f"{100 * c:g}%" printed a 0.9999999 confidence as a "100%" interval (unbounded) and
    :.0% a 0.995 threshold as "memorises < 100%": percentages below 1 keep the digits that
    show it (2026-12-07 audit)."""
    with pytest.raises(UsageError, match=r"^a 99\.99999% percentile interval needs"):
        check_analysis_settings(interval="bootstrap", confidence=0.9999999)
    ns, c = np.array([8, 16, 32]), np.array([[8, 8], [16, 15], [20, 22]])
    assert analyse_memory(ns, c, c * 0.8, confidence=0.9999999)["interval"].endswith(
        "at n = 32, 99.99999%")
    assert analyse_memory(ns, c, c * 0.8)["interval"].endswith("at n = 32, 95%")
    knee = analyse_memory(ns, c, c * 0.8, threshold=0.995)["knee"]
    assert "99.5%" in knee["method"] and "100%" not in knee["method"]


@pytest.mark.parametrize("key, value", [
    ("analysis", [1]), ("analysis", {"settings": [1, 2]}), ("analysis", {"settings": {"b": 1}}),
    ("seeds", 3), ("count", [["a"]]), ("wall_s", "x")])
def test_a_memory_json_with_a_field_of_another_type_is_one_usage_error(key, value):
    """from_dict's contract is one UsageError for a file memcap did not write: these fields
    were an AttributeError, TypeError or ValueError naming nothing (2026-12-07 audit)."""
    import json

    c = np.array([[8, 8], [16, 15], [20, 22]])
    d = json.loads(json.dumps(MemoryCurve.from_arrays(
        RunConfig().override(["data.classes=2"]), [8, 16, 32], (0, 1), c, c * 0.8).to_dict()))
    with pytest.raises(UsageError, match="^not a memory curve memcap wrote: a field does not "
                                         "have the type or shape memcap writes"):
        MemoryCurve.from_dict({**d, key: value})


# ------------------------------------------------- scaling grid (2026-12-07 audit of memory/*)
def _no_search(monkeypatch):
    monkeypatch.setattr(scaling, "search_size",
                        lambda *a, **k: pytest.fail("searched before refusing the grid"))


@pytest.mark.parametrize("ns", [[0, 4], [4, 4, 8]])
def test_a_scaling_grid_of_n_zero_or_a_repeated_n_is_refused_before_any_search(ns,
                                                                              monkeypatch):
    """search_scaling: the sizes are "two or more, distinct and positive", refused in one line
    before any search. Kills S05 ([0, 4]) and S06 ([4, 4, 8])."""
    _no_search(monkeypatch)
    with pytest.raises(UsageError, match=re.escape(
            f"a scaling grid needs two or more distinct positive n, got {ns}")):
        scaling.search_scaling(TARGET, ns, OPTS)


def test_a_boolean_target_is_refused_before_any_search(monkeypatch):
    """search_scaling: "a points or sequences target (a Boolean one is refused)", in one line
    before any search. Kills S08."""
    _no_search(monkeypatch)
    with pytest.raises(UsageError, match="not a Boolean target$"):
        scaling.search_scaling(SearchTarget(kind="boolean", inputs=3), [2, 3], OPTS)


def test_progress_counts_the_searches_done_before_each_and_at_the_end(monkeypatch):
    """search_scaling: progress(done, total) is "called before each search and at the end":
    (0, 2), (1, 2), (2, 2) for two n. Kills S10, S17."""
    _scripted({4: 3, 8: 5}, monkeypatch)
    calls = []
    scaling.search_scaling(TARGET, [4, 8], OPTS, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(0, 2), (1, 2), (2, 2)]


def test_a_two_point_exponent_line_says_no_interval_once(monkeypatch):
    """scaling_lines: with two sizes found the fit's description itself says there is no
    interval, so the exponent line carries no interval text of its own. Kills S12."""
    _scripted({4: 3, 8: 5}, monkeypatch)
    res = scaling.search_scaling(TARGET, [4, 8], OPTS)
    assert res.fit.n_points == 2
    line = next(x for x in scaling.scaling_lines(res) if x.startswith("exponent of needed"))
    assert line == (f"exponent of needed parameters against n: {res.fit.exponent:.3g} "
                    f"({res.fit.describe()})")
    assert line.count("no interval") == 1


def test_the_csv_bracket_columns_are_the_intervals_lower_and_upper_ends(monkeypatch):
    """ScalingResult.to_frame (scaling.csv): bits_per_parameter_lower / _upper are
    bits_per_parameter_interval[1] / [2], bits over the needed size and over the failing size
    below + 1. Kills S14."""
    _scripted({4: 3, 8: 5}, monkeypatch)
    res = scaling.search_scaling(TARGET, [4, 8], OPTS)
    frame = res.to_frame()
    ivs = [r.bits_per_parameter_interval for r in res.results]
    assert frame["bits_per_parameter_lower"].tolist() == [iv[1] for iv in ivs]
    assert frame["bits_per_parameter_upper"].tolist() == [iv[2] for iv in ivs]
    assert [iv[1] for iv in ivs] == [r.information_bits / r.needed.parameters
                                     for r in res.results]
    assert [iv[2] for iv in ivs] == [r.information_bits / (r.below.parameters + 1)
                                     for r in res.results]
    assert (frame["bits_per_parameter_lower"] < frame["bits_per_parameter_upper"]).all()


def test_a_found_size_whose_bracket_did_not_narrow_for_memory_says_so(monkeypatch):
    """scaling_lines: a found n whose narrowing round did not fit in memory (memory_stop)
    says "(bracket not narrowed: memory)" after its failing size; other rows do not. Kills
    S19."""
    _scripted({4: 3, 8: 5}, monkeypatch)
    res = scaling.search_scaling(TARGET, [4, 8], OPTS)
    plain = scaling.scaling_lines(res)
    stopped = dataclasses.replace(res, results=[
        res.results[0], dataclasses.replace(res.results[1], memory_stop="out of memory")])
    lines = scaling.scaling_lines(stopped)
    assert res.results[1].below is not None and " ✗)" in plain[2]
    assert lines[1] == plain[1] and "not narrowed" not in lines[1]
    assert lines[2] == plain[2].replace(" ✗)", " ✗) (bracket not narrowed: memory)")
