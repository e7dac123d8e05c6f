"""The exponent fit (a planted power law is recovered), the scaling grid, and the transformer
modes of ``memcap search`` (search, memory curve, scaling) end to end on tiny sizes."""

import dataclasses
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from memcap_cli import memcap_main
from scipy import stats

from empirical.engine.parameters import count_transformer_parameters
from empirical.memory.scaling import search_scaling
from empirical.search.options import SearchOptions
from empirical.search.target import SearchTarget
from empirical.sweeps.fits import fit_exponent


@settings(deadline=None, max_examples=25)
@given(a=st.floats(0.2, 2.0), prefactor=st.floats(0.5, 50.0), seed=st.integers(0, 10**6))
def test_fit_exponent_recovers_a_planted_power_law(a, prefactor, seed):
    x = np.geomspace(8, 1024, 8)
    exact = fit_exponent(x, prefactor * x ** a)
    assert exact.exponent == pytest.approx(a, abs=1e-9)
    assert exact.prefactor == pytest.approx(prefactor, rel=1e-9)
    noisy = prefactor * x ** a * np.exp(np.random.default_rng(seed).normal(0, 0.05, len(x)))
    fit = fit_exponent(x, noisy)
    assert abs(fit.exponent - a) < 0.08  # 5 % noise over two decades: se ≈ 0.012
    assert fit.interval[0] < fit.exponent < fit.interval[1]


def test_fit_exponent_interval_covers_the_truth_about_95_percent():
    rng = np.random.default_rng(0)
    x = np.geomspace(4, 256, 6)
    covered = 0
    for _ in range(400):
        f = fit_exponent(x, 3 * x ** 0.5 * np.exp(rng.normal(0, 0.2, 6)))
        covered += f.interval[0] <= 0.5 <= f.interval[1]
    assert 0.92 <= covered / 400 <= 0.98


def test_scaling_grid_searches_every_n_and_fits_needed_parameters():
    target = SearchTarget(kind="sequences", n=4, classes=16, seq_len=5)
    opts = SearchOptions.of(model="transformer", activation="gelu", seeds=1, lrs=(0.02,),
                            steps=200, start=1, bracket_steps=2, max_size=32)
    res = search_scaling(target, [2, 8], opts)
    assert [r.target.n for r in res.results] == [2, 8]
    needed = [r.needed.parameters for r in res.results]
    assert needed[0] <= needed[1] and res.fit is not None
    assert res.fit.exponent == pytest.approx(np.log(needed[1] / needed[0]) / np.log(4))
    d = res.to_dict()
    assert d["format"] == "memcap.scaling/1" and d["theory"]["bound"] == "kim-kim-mozafari2023"


def test_a_not_found_n_is_given_in_parameters_and_named_outside_the_fit():
    """The row said "not found up to 6" (the width ceiling) under a parameters column, and the
    exponent line did not say that it left that n out (2026-12-03 audit)."""
    from empirical.memory.scaling import scaling_lines

    target = SearchTarget(kind="points", n=8, classes=2, d_in=4)
    opts = SearchOptions.of(seeds=1, lrs=(0.05,), steps=150, start=1, max_size=6)
    res = search_scaling(target, [8, 16, 512], opts)
    assert res.results[2].needed is None and res.fit is not None
    top = max(c.parameters for c in res.results[2].candidates)
    lines = scaling_lines(res)
    assert f"512 | 512 | not found up to {top} parameters (--max-size 6, axis width) | –" in lines
    assert any(line.startswith("not in the fit: n = 512 ") for line in lines)


def test_transformer_search_and_memory_curve_from_the_command_line(capsys):
    code, out, _ = memcap_main(capsys, "search", "--model", "transformer", "--points", "6",
                               "--classes", "16", "--seq-len", "5", "--lrs", "0.02", "--steps",
                               "200", "--trials", "1", "--start", "2", "--max-size", "32",
                               "--json")
    assert code == 0, out
    d = json.loads(out)
    assert d["target"]["kind"] == "sequences" and d["options"]["model"] == "transformer"
    assert d["information_bits"] == 6 * 4 * 4 and d["needed"]["parameters"] > 0
    lo, hi = d["bits_per_parameter_interval"]
    assert lo == pytest.approx(d["bits_per_parameter"]) and hi >= lo
    # the upper end is the bits over one parameter more than the failing size's (a mutant that
    # dropped the failing size, making hi the estimate, passed `hi >= lo`; 2026-12-05 review)
    below = d["below"]
    assert below is not None and hi == pytest.approx(d["information_bits"]
                                                     / (below["parameters"] + 1))
    code, out, _ = memcap_main(capsys, "search", "--model", "transformer", "--memory-curve",
                               "2,4",
                            "--width", "8", "--classes", "16", "--seq-len", "5", "--lrs",
                            "0.02", "--steps", "100", "--trials", "2", "--json")
    assert code == 0, out
    curve = json.loads(out)
    assert curve["labels_per_point"] == 4 and curve["information_bits"] == [32.0, 64.0]
    assert np.all(np.array(curve["bits"]) <= 64.0 + 1e-6)


@pytest.mark.parametrize("args,message", [
    (["--model", "transformer", "--inputs", "3"], "searches random token sequences"),
    (["--model", "lstm", "--points", "4"], "unknown --model"),
    (["--model", "transformer", "--heads", "3", "--memory-curve", "2,4", "--width", "8"],
     "multiple of --heads"),
    (["--points", "4,4"], "--points repeats 4; list each value once"),
    (["--inputs", "3", "--points", "4,8"], "conflict"),
    (["--seq2seq", "--points", "4"], "--seq2seq is a transformer task"),
])
def test_transformer_bad_input_is_one_line(capsys, args, message):
    code, out, err = memcap_main(capsys, "search", *args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and not out


def test_seq2seq_search_from_the_command_line(capsys):
    code, out, _ = memcap_main(capsys, "search", "--model", "transformer", "--seq2seq",
                               "--points", "4", "--d-in", "3", "--seq-len", "4", "--classes",
                               "8", "--lrs", "0.02", "--steps", "200", "--trials", "1",
                               "--start", "2", "--max-size", "32", "--json")
    assert code == 0, out
    d = json.loads(out)
    assert d["target"]["kind"] == "seq2seq" and d["information_bits"] == 4 * 4 * 3
    assert d["needed"]["parameters"] == count_transformer_parameters(
        8, 4, d["needed"]["width"], 1, 4, True, d_in=3)


def test_a_two_point_exponent_says_it_has_no_interval():
    """search --points 10,20 printed 'exponent 0.544 [nan, nan] ... R² on log y = 1.000'
    (2026-12-04 walkthrough): two points leave no degree of freedom, so no interval and no R²."""
    from empirical.sweeps.fits import fit_exponent

    two, three = fit_exponent([10, 20], [40, 60]), fit_exponent([10, 20, 40], [40, 60, 95])
    assert "nan" not in two.describe() and "no interval" in two.interval_text()
    assert "R²" not in two.describe() and "R² on log y" in three.describe()
    assert three.interval_text().startswith("[") and "nan" not in three.describe()


def test_mlp_grid_names_the_mlp_bound_and_the_labels_no_model_can_fit():
    """An MLP grid printed Kim, Kim & Mozafari's transformer theorem, and bits per parameter
    counted labels no model can fit (4 distinct Rademacher inputs in d = 2 carry 32 labels:
    4.57 bits per parameter, above Cover's 2, without a word; 2026-12-04 review)."""
    from empirical.memory.scaling import scaling_lines
    from empirical.search.report import search_lines

    target = SearchTarget(kind="points", n=16, classes=2, d_in=2, input_law="rademacher")
    opts = SearchOptions.of(seeds=2, lrs=(0.05,), steps=150, start=1, bracket_steps=1)
    res = search_scaling(target, [16, 32], opts)
    assert res.to_dict()["theory"]["bound"] == "vardi-yehudai-shamir2022"
    lines = scaling_lines(res)
    assert lines[-1].startswith("theory (vardi-yehudai-shamir2022")
    for r in res.results:  # at most 4 distinct inputs: at most 4 groups' majorities fit
        best, labels = r.fittable_labels
        assert labels == r.target.n and best < labels and r.overstated
    assert any(line.startswith("bits/parameter overstated at n = 16 (") for line in lines)
    frame = res.to_frame()
    assert (frame["fittable_share"] < 1).all()
    one = res.results[1]
    assert one.to_dict()["fittable_labels"] == list(one.fittable_labels)
    assert any(line.startswith(f"only {one.fittable_labels[0]} of 32 labels can be fitted")
               for line in search_lines(one))
    # Gaussian inputs never repeat: every label fits, no note, and the JSON keeps its keys
    from empirical.search.size import search_size

    r = search_size(SearchTarget(kind="points", n=16, classes=2, d_in=2), opts)
    assert r.fittable_labels == (16, 16) and not r.overstated
    assert "fittable_labels" not in r.to_dict()
    assert not any("can be fitted" in line for line in search_lines(r))


def test_fit_exponent_interval_is_the_textbook_slope_interval():
    """Five points: the exponent's interval is slope ± t.975(n − 2)·se, se the ordinary least
    squares slope error √(SSE/(n − 2)/Sxx) (scipy's linregress stderr), on log–log axes.
    2026-12-05 mutation review."""
    x = np.array([1.0, 2.0, 4.0, 8.0, 16.0])
    y = np.array([3.0, 5.5, 12.0, 22.0, 50.0])
    ref = stats.linregress(np.log(x), np.log(y))
    fit = fit_exponent(x, y)
    half = stats.t.ppf(0.975, 3) * ref.stderr
    assert fit.exponent == pytest.approx(ref.slope, rel=1e-12)
    assert fit.interval[0] == pytest.approx(ref.slope - half, rel=1e-9)
    assert fit.interval[1] == pytest.approx(ref.slope + half, rel=1e-9)


@pytest.mark.parametrize("ns, words", [
    ([4.7, 8], "ns must be a list of distinct positive integers, got [4.7, 8]"),  # ran n = 4
    ("48", "got '48'"),  # ran n = 4 and 8
    ([True, 4], "got [True, 4]"),  # ran n = 1
    (5, "got 5"),  # a bare TypeError
])
def test_a_scaling_grid_takes_integers_only(ns, words, monkeypatch):
    import re

    import empirical.memory.scaling as scaling
    from capacity.errors import UsageError
    from empirical.search.target import SearchTarget

    monkeypatch.setattr(scaling, "search_size", lambda *a, **k: pytest.fail("searched"))
    target = SearchTarget(kind="points", n=8, classes=2, d_in=4)
    with pytest.raises(UsageError, match=re.escape(words)):
        search_scaling(target, ns, SearchOptions.of(seeds=1))
    with pytest.raises(UsageError, match="target must be a SearchTarget"):
        search_scaling(None, [4, 8], SearchOptions.of(seeds=1))


def test_the_exponent_intervals_take_the_searchs_confidence_and_name_what_is_left_out():
    from types import SimpleNamespace as NS

    from empirical.memory.scaling import ScalingResult, _fits, scaling_lines

    def result(needed, below):
        return NS(needed=NS(parameters=needed), below=None if below is None else
                  NS(parameters=below), overstated=False, diverged=False, memory_stop=False,
                  information_bits=8.0, bits_per_parameter=0.5,
                  bits_per_parameter_interval=(0.5, 0.4, 0.6),
                  options=NS(model=NS(kind="mlp")), target=NS(kind="points"))

    ns = [8, 16, 32, 64]
    results = [result(10, None), result(21, 15), result(39, 30), result(85, 60)]
    fit, lower = _fits(ns, results, 0.8)  # stayed at 95 % whatever --confidence
    assert fit.confidence == lower.confidence == 0.8 and lower.n_points == 3
    wide, _ = _fits(ns, results, 0.95)
    assert wide.interval[1] - wide.interval[0] > fit.interval[1] - fit.interval[0]
    res = ScalingResult(ns, results, fit, lower, 1.0)
    line = next(x for x in scaling_lines(res) if x.startswith("exponent of the bracket's"))
    assert "(n = 8 left out: its smallest size tried already memorised" in line
    # the lower ends are the first sizes not known to fail: below + 1 (2026-12-06 audit)
    by_hand = fit_exponent([16, 32, 64], [16, 31, 61], confidence=0.8)
    assert lower.exponent == pytest.approx(by_hand.exponent)
    assert lower.interval == pytest.approx(by_hand.interval)
    # a diverged n is named as diverged, not as "not found within the search's ceiling"
    lost = dataclasses.replace(res, results=[*results[:3], NS(**{**vars(result(85, 60)),
                                                              "needed": None, "below": None,
                                                              "diverged": True,
                                                              "candidates": []})])
    text = "\n".join(scaling_lines(lost))
    assert "not in the fit: n = 64 (not found" not in text and "64 | 8 | diverged" in text


def test_a_scaling_grid_searches_its_ns_in_increasing_order():
    """An unsorted grid is searched and reported smallest n first (the fit, the table and
    search.json read it so; 2026-12-06 audit: no test passed an unsorted grid)."""
    target = SearchTarget(kind="points", n=8, classes=2, d_in=4)
    opts = SearchOptions.of(seeds=1, lrs=(0.05,), steps=100, start=1, max_size=4)
    res = search_scaling(target, [16, 4, 8], opts)
    assert res.ns == [4, 8, 16] == [r.target.n for r in res.results]


def test_a_next_token_grid_calls_kims_seq2seq_theorem_an_analogy():
    """Kim et al.'s bound is about seq2seq maps of separated d-dimensional tokens; a next-token
    grid printed it as if it applied (2026-12-05 transformer review)."""
    from types import SimpleNamespace as NS

    from empirical.memory.scaling import ScalingResult, scaling_lines

    def result(kind):
        return NS(needed=None, below=None, overstated=False, diverged=False, memory_stop=False,
                  information_bits=8.0, candidates=[], options=NS(model=NS(kind="transformer"),
                                                                  max_size=8, axis="width"),
                  target=NS(kind=kind))

    for kind, said in (("sequences", True), ("seq2seq", False)):
        res = ScalingResult([4, 8], [result(kind), result(kind)], None, None, 1.0)
        theory = scaling_lines(res)[-1]
        assert theory.startswith("theory (kim-kim-mozafari2023")
        assert ("outside its hypotheses" in theory) is said, theory


def test_a_scaling_folder_holds_every_searchs_training_curves(capsys, tmp_path, monkeypatch):
    """A --points list wrote no metrics table (DESIGN: one row per run × logged step); only a
    single search did (2026-12-06). metrics.csv holds each n's search curves under its n,
    exactly the rows that search alone keeps, and keeping them changes no answer; above the
    row limit they are left out and the folder's JSON says why."""
    import dataclasses

    import pandas as pd

    import empirical.memory.scaling as scaling
    from empirical.search.size import search_size

    t = SearchTarget(kind="points", n=8, classes=2, d_in=4)
    o = SearchOptions.of(seeds=1, lrs=(0.05,), steps=100, start=1, bracket_steps=1)
    kept = search_scaling(t, [4, 12], o, curves=True)
    plain = search_scaling(t, [4, 12], o)
    assert plain.curves is None and kept.to_frame().drop(columns="wall_s").equals(
        plain.to_frame().drop(columns="wall_s"))
    for n in (4, 12):
        alone = search_size(dataclasses.replace(t, n=n), o, curves=True).curves
        rows = kept.curves["n"] == n
        assert rows.sum() == len(alone["step"]) > 0
        for name, values in alone.items():
            np.testing.assert_array_equal(kept.curves[name][rows], values)
    out = tmp_path / "grid"
    code, _, err = memcap_main(capsys, "search", "--points", "4,12", "--d-in", "4", "--trials",
                               "1", "--lrs", "0.05", "--steps", "100", "--out", str(out))
    assert code == 0, err
    frame = pd.read_csv(out / "metrics.csv")
    assert list(frame.columns[:4]) == ["n", "round", "size", "lr"]
    assert sorted(set(frame["n"])) == [4, 12]
    monkeypatch.setattr(scaling, "CURVE_ROWS_LIMIT", 10)
    few = search_scaling(t, [4, 12], o, curves=True)
    assert few.curves is None and "more than 10 rows" in few.curves_note
    assert few.to_dict()["curves_note"] == few.curves_note


def test_two_searches_with_a_failing_size_below_fit_the_lower_exponent():
    """Two n, each with a failing size below, are enough for the lower fit (a mutant asking
    three survived the 2026-12-06 audit): below + 1 parameters 16 and 32 at n = 8 and 16 give
    exponent 1."""
    from types import SimpleNamespace as R

    from empirical.memory.scaling import _fits

    results = [R(needed=R(parameters=20), below=R(parameters=15)),
               R(needed=R(parameters=40), below=R(parameters=31))]
    fit, lower = _fits([8, 16], results, 0.95)
    assert fit.exponent == pytest.approx(1.0) and lower.exponent == pytest.approx(1.0)
