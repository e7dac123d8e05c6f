"""``memcap compare``: rows consistent with capacity and constructions, parsing, a tiny trained
comparison, atomic output folders."""

import dataclasses
import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from capacity.answer import ANSWER_COLUMNS, answer_rows
from capacity.errors import UsageError
from empirical.cli.compare import parse_inputs
from empirical.compare.compute import run_compare, search_jobs
from empirical.compare.config import CompareConfig
from empirical.compare.findings import depth_verdict
from empirical.compare.report import compare_frame, compare_markdown, write_compare
from empirical.compare.result import CompareResult, CompareRow, TrainedCandidate, TrainedSize
from empirical.compare.rows import (
    LOWER_BOUND_IDS,
    best_lower,
    check_consistency,
    construction_sizes,
    lower_bounds,
    worst_case_sizes,
)
from memcap.cli import main


def _cand(parameters):
    return TrainedCandidate(parameters, 1, 1, parameters, 1, 1, 1.0, (0.2, 1.0), 0.01, None)


def _cand_rated(parameters, interval):
    return TrainedCandidate(parameters, 1, 1, parameters, 1, 1, 1.0, interval, 0.01, None)


@pytest.fixture(scope="module")
def untrained():
    return run_compare(CompareConfig(inputs=tuple(range(1, 7)), samples=3, train=False))


@pytest.fixture(scope="module")
def tiny():
    cfg = CompareConfig(inputs=(1, 2, 3), samples=1, seeds=2, steps=150, lrs=(0.05,),
                        depths=(1,), depth_inputs=(), points=())
    return run_compare(cfg)


def test_lower_bound_columns_are_answer_rows_columns():
    from capacity.evaluate import evaluate_bound
    from capacity.registry import get_bound
    from empirical.compare.rows import best_lower

    rows = {r["M"]: r for r in answer_rows(12)}
    column = {b: name for name, b in ANSWER_COLUMNS.items() if b}
    got = lower_bounds(tuple(range(1, 13)))
    for m in range(1, 13):
        assert got[m] == {b: rows[m][column[b]] if b in column
                          else evaluate_bound(get_bound(b), {"M": m, "N": 1}).value
                          for b in LOWER_BOUND_IDS}
        # the best any-depth bound is answer_rows' "best" column; exact values meet the bests
        assert best_lower(got[m]) == rows[m]["neurons, any depth (lower, best)"]
        for arch, key in (("any-depth", "exact.any-depth"), ("layered", "exact.one-hidden-layer")):
            assert got[m][key] is None or got[m][key] == best_lower(got[m], arch)
        exact = {"exact.any-depth", "exact.one-hidden-layer"}
        assert all(isinstance(v, int) for b, v in got[m].items() if b not in exact)
        # known for M <= 5 in both architectures
        assert (got[m]["exact.any-depth"] is None) == (m > 5)
        assert (got[m]["exact.one-hidden-layer"] is None) == (m > 5)
    assert lower_bounds((3, 7))[7] == got[7]  # picking M values does not change them


def test_no_construction_below_a_proven_lower_bound(untrained):
    assert untrained.violations == []
    for r in untrained.rows:
        lw = r.lower
        # universal worst cases (lookup/dnf on parity; depth3's closed form) respect the bounds
        for method, w in r.worst_case.items():
            assert w.neurons >= lw["counting.any-depth"] or method == "depth3"
        assert r.worst_case["lookup"].neurons >= lw["counting.one-hidden-layer"]
        assert r.worst_case["dnf"].neurons >= lw["counting.one-hidden-layer"]
        c = r.constructions
        for method in ("lookup", "dnf", "depth3", "auto"):
            assert c[method].verified == c[method].samples == 3
        # auto keeps the smallest verified network on every sample
        for i, a in enumerate(c["auto"].per_sample["neurons"]):
            assert a <= min(c[m].per_sample["neurons"][i] for m in ("lookup", "dnf",
                                                                    "depth3"))


@pytest.mark.parametrize("outputs", [2, 3])
def test_several_outputs_are_consistent_too(outputs):
    res = run_compare(CompareConfig(inputs=(1, 2, 3, 4), outputs=outputs, samples=2,
                                    train=False))
    assert res.violations == []
    for r in res.rows:
        assert r.information_bits == outputs * 2 ** r.M
        assert r.lower == lower_bounds((r.M,), outputs)[r.M]


def test_consistency_check_catches_a_planted_violation():
    row = CompareRow(M=5, N=1, information_bits=32, lower=dict(lower_bounds((5,))[5]),
                     constructions=construction_sizes(5, samples=1),
                     worst_case=worst_case_sizes(5))
    assert check_consistency(row) == []
    inflated = dataclasses.replace(row, lower={**row.lower, "counting.any-depth": 10**6})
    assert any("below" in v or "<" in v for v in check_consistency(inflated))
    bare = TrainedCandidate(3, 3, 3, 20, 2, 2, 1.0, None, 0.01, None)  # no interval
    untrusted = dataclasses.replace(row, trained={"depth1": TrainedSize(
        1, "width", True, bare, None, None, 32, [bare], [], 1, 64, [1], 0.0)})
    assert any("without interval" in v for v in check_consistency(untrusted))


def test_consistency_check_catches_each_planted_construction_violation():
    """check_consistency's construction facts, one planted violation each (only an inflated
    lower bound was planted: a sample check reading the median, auto against the largest
    other builder and a parity witness below its closed form passed every test, 2026-12-06
    mutation audit). M = 4 with five samples, where lookup's samples are 7, 8, 9 neurons."""
    row = CompareRow(M=4, N=1, information_bits=16, lower=dict(lower_bounds((4,))[4]),
                     constructions=construction_sizes(4, samples=5),
                     worst_case=worst_case_sizes(4))
    assert check_consistency(row) == []
    cons = row.constructions
    big = dataclasses.replace(cons["lookup"], neurons=dataclasses.replace(
        cons["lookup"].neurons, max=10**6))  # the median stays 8
    assert any("exceeds its worst case 9" in v for v in check_consistency(
        dataclasses.replace(row, constructions={**cons, "lookup": big})))
    others = min(cons[k].per_sample["neurons"][0] for k in cons if k != "auto")
    auto = cons["auto"]
    worse = dataclasses.replace(auto, per_sample={
        **auto.per_sample, "neurons": [others + 1, *auto.per_sample["neurons"][1:]]})
    assert any("auto sample 0 has" in v and "more than another builder" in v for v in
               check_consistency(dataclasses.replace(row, constructions={**cons,
                                                                         "auto": worse})))
    dnf = row.worst_case["dnf"]
    short = dataclasses.replace(dnf, neurons=dnf.neurons - 1)
    assert any("dnf on parity has 8 neurons, its closed form says 9" in v for v in
               check_consistency(dataclasses.replace(row, worst_case={**row.worst_case,
                                                                      "dnf": short})))


def test_consistency_checks_fire_exactly_past_their_boundaries():
    """Each proven fact planted one unit past its boundary is a violation and at the boundary
    is not (the planted values were 10^6 apart, so nine checks survived an off-by-one or being
    switched off; 2026-12-06 mutation audit). M = 4: worst cases lookup, dnf, depth3 9,
    gated 5 (its parity witness 25 parameters); exact worst cases 3 (any depth) and 5 (one
    hidden layer)."""
    row = CompareRow(M=4, N=1, information_bits=16, lower=dict(lower_bounds((4,))[4]),
                     constructions=construction_sizes(4, samples=2),
                     worst_case=worst_case_sizes(4))
    assert check_consistency(row) == []

    def said(lower=None, worst=None, cons=None, of=row):
        return " | ".join(check_consistency(dataclasses.replace(
            of, lower={**of.lower, **(lower or {})},
            worst_case={**of.worst_case, **(worst or {})},
            constructions={**of.constructions, **(cons or {})})))

    assert "gated worst case has 5 neurons < proven any-depth bound 6" in said(
        {"counting.any-depth": 6})
    assert "< proven any-depth bound" not in said({"counting.any-depth": 5})
    assert "gated worst case has 5 neurons < proven one-hidden-layer bound 6" in said(
        {"counting.one-hidden-layer": 6})
    assert "one-hidden-layer bound" not in said({"counting.one-hidden-layer": 5})
    depth3 = row.worst_case["depth3"]
    assert "depth3 on parity has 10 neurons, more than its closed-form worst case 9" in said(
        worst={"depth3": dataclasses.replace(depth3, neurons=10)})
    assert "gated worst case has 25 parameters < Thm 20.6 bound 26" in said(
        {"uml.thm20.6-edges": 26})  # gated's parity witness has the fewest, 25
    assert "Thm 20.6" not in said({"uml.thm20.6-edges": 25})
    assert "exact any-depth worst case 2 < counting bound 3" in said({"exact.any-depth": 2})
    assert "gated worst case 5 < exact worst case 6" in said({"exact.any-depth": 6})
    assert "< exact worst case" not in said({"exact.any-depth": 5})
    assert "gated worst case 5 < exact one-hidden-layer worst case 6" in said(
        {"exact.one-hidden-layer": 6})
    lookup = row.constructions["lookup"]
    assert "lookup verified on 1 of 2 samples" in said(
        cons={"lookup": dataclasses.replace(lookup, verified=1)})
    assert "lookup sample with 10 neurons exceeds its worst case 9" in said(cons={
        "lookup": dataclasses.replace(lookup, neurons=dataclasses.replace(lookup.neurons,
                                                                          max=10))})
    # a one-hidden-layer worst case of N neurons is the outputs alone and is not compared, but
    # one neuron more is: at M = 1 lookup's 2 against a planted bound of 3 (gated's 1 is N)
    one = CompareRow(M=1, N=1, information_bits=2, lower=dict(lower_bounds((1,))[1]),
                     constructions=construction_sizes(1, samples=1),
                     worst_case=worst_case_sizes(1))
    words = said({"counting.one-hidden-layer": 3}, of=one)
    assert "lookup worst case has 2 neurons < proven one-hidden-layer bound 3" in words
    assert "gated worst case" not in words


def test_compare_csv_statistics_columns_hold_their_statistics():
    """compare.csv's <method>_<field>_min/_median/_max are each column's own statistic (a
    median column holding the minimum passed every test; 2026-12-06 mutation audit). At M = 4
    with five samples the three differ (lookup: 7, 8, 9 neurons)."""
    res = run_compare(CompareConfig(inputs=(4,), samples=5, train=False))
    df = compare_frame(res)
    (row,) = res.rows
    assert int(df.loc[0, "lookup_neurons_min"]) == 7 and int(df.loc[0, "lookup_neurons_max"]) == 9
    for method, c in row.constructions.items():
        for field in ("hidden", "neurons", "parameters", "edges", "depth"):
            st_ = c.stats(field)
            assert [int(df.loc[0, f"{method}_{field}_{k}"]) for k in ("min", "median", "max")] \
                == [st_.min, st_.median, st_.max], (method, field)


@given(st.integers(1, 12), st.integers(0, 11))
def test_parse_inputs_ranges_and_lists(lo, span):
    hi = min(12, lo + span)
    assert parse_inputs(f"{lo}..{hi}") == tuple(range(lo, hi + 1))
    if hi != lo:
        assert parse_inputs(f"{hi},{lo}") == (lo, hi)
    else:  # a repeated value is refused (it was dropped silently until 2026-12-01)
        with pytest.raises(ValueError, match=f"--inputs repeats {lo}; list each value once"):
            parse_inputs(f"{hi},{lo}")


@pytest.mark.parametrize("args, needle", [
    (["--inputs", "0..3"], "at least 1"),
    (["--inputs", "1..13"], "full batch"),
    (["--inputs", "5..2"], "is empty"),
    (["--inputs", "a,b"], "or a range LOW..HIGH"),
    (["--inputs", "1 2"], "or a range LOW..HIGH"),  # was read as 12 (2026-12-01 audit)
    (["--points", "64 128"], "or a range LOW..HIGH"),  # was 64128
    (["--lrs", "0.1,-2"], "--lrs"),
    (["--lrs", "0.01,1e-320"], "--lrs must be at least 2^-126 "),  # 0 in float32
    (["--trials", "0"], "--trials"),
    (["--points", "0,5"], "--points"),
    (["--depth-inputs", "13"], "--depth-inputs must lie in 1..12"),  # named --inputs before
    (["--depths", "9"], "--depths (hidden layers) must lie in 1..8"),
])
def test_bad_input_exits_2_with_one_line(capsys, args, needle):
    with pytest.raises(SystemExit) as exc:
        main(["compare", *args, "--no-train"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and needle in err and "Traceback" not in err


def test_a_start_above_the_ceiling_is_clamped_not_refused():
    """Compare has no --start or --max-size: its searches clamp their start (a large --points
    view was refused with "--start 2105856 is above --max-size 1048576", 2026-12-01 review)."""
    from empirical.compare.compute import search_jobs

    cfg = CompareConfig(inputs=(2,), depth_inputs=(), points=(600000,), classes=4096)
    starts = [(job.target.kind, job.options.start, job.options.max_size)
              for job in search_jobs(cfg)]
    # the points view's guess (2 105 856 parameters) clamped to the ceiling, the M = 2
    # searches (depths 1 and 2) from width 1: a start that was never computed passed before
    assert starts == [("points", 2**20, 2**20), ("boolean", 1, 4096), ("boolean", 1, 4096)]


def test_samples_is_the_old_name_of_functions(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["compare", "--inputs", "2", "--samples", "2", "--no-train", "--no-hardness",
              "--points", "none", "--depth-inputs", "none", "--json"])
    captured = capsys.readouterr()
    assert exc.value.code == 0 and "--samples is deprecated here; use --functions" in captured.err
    assert json.loads(captured.out)["config"]["functions"] == 2


def test_no_train_accepts_the_switches_that_turn_training_parts_off(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["compare", "--inputs", "1..2", "--functions", "1", "--no-train", "--no-hardness",
              "--points", "none", "--depth-inputs", "none", "--json"])
    assert exc.value.code == 0
    with pytest.raises(SystemExit) as exc:  # no GD columns: no GD in the title (review)
        main(["compare", "--inputs", "1..2", "--functions", "1", "--no-train"])
    out = capsys.readouterr().out
    assert "median of samples)" in out and "GD" not in out.splitlines()[0]
    with pytest.raises(SystemExit) as exc:
        main(["compare", "--inputs", "1..2", "--no-train", "--trials", "3"])
    assert exc.value.code == 2 and "--trials is not used by compare --no-train" in \
        capsys.readouterr().err


@pytest.mark.parametrize("args, words", [
    (["--no-train", "--workers", "2"], "--workers is not used by compare --no-train"),
    (["--no-train", "--threads", "2"], "--threads is not used by compare --no-train"),
    (["--no-train", "--dask-workers", "1"], "--dask-workers is not used by compare --no-train"),
    (["--no-train", "--overwrite"], "--overwrite replaces an --out folder; give --out"),
])
def test_options_nothing_reads_are_refused(args, words, capsys):
    """2026-12-03 audit: these exited 0, the option ignored."""
    with pytest.raises(SystemExit) as exc:
        main(["compare", "--inputs", "1"] + args)
    assert exc.value.code == 2 and words in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["search", "--inputs", "3", "--overwrite"])
    assert exc.value.code == 2 and "--overwrite replaces an --out folder" in \
        capsys.readouterr().err


@pytest.mark.parametrize("extra", [["--trials", "7"], ["--steps", "50"], ["--lrs", "0.1"],
                                   ["--success-rate", "0.9"], ["--workers", "2"],
                                   ["--threads", "2"]])
def test_training_options_are_refused_when_every_training_part_is_off(extra, capsys):
    """With --depths none, --depth-inputs none, --points none and --no-hardness nothing trains,
    yet the training options were accepted, recorded in the config and the regenerated line,
    and ignored (2026-12-05 compare review). The same run without them trains nothing, exit 0."""
    off = ["compare", "--inputs", "1..2", "--functions", "1", "--depths", "none",
           "--depth-inputs", "none", "--points", "none", "--no-hardness", "--json"]
    with pytest.raises(SystemExit) as exc:
        main(off + extra)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and f"{extra[0]} is not used by compare with no search" in err
    with pytest.raises(SystemExit) as exc:
        main(off)
    assert exc.value.code == 0 and json.loads(capsys.readouterr().out)["rows"]


@pytest.mark.parametrize("extra, words", [
    (["--trials", "2"], "--trials is not used by compare with no search (only the hardness"),
    (["--steps", "7"], "--steps is not used by compare with no search"),
    (["--lrs", "0.5"], "--lrs is not used by compare with no search"),
    (["--success-rate", "0.9"], "--success-rate is not used by compare with no search"),
])
def test_search_options_are_refused_when_only_the_hardness_study_trains(extra, words, capsys):
    """The hardness study trains with its own recipe: with every search switched off these were
    recorded in compare.json and its Regenerate line and ignored (2026-12-06 review)."""
    with pytest.raises(SystemExit) as exc:
        main(["compare", "--inputs", "2", "--depths", "none", "--depth-inputs", "none",
              "--points", "none"] + extra)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and words in err and err.count("\n") == 1, err


def test_depth_inputs_are_refused_without_a_depth_comparison(capsys):
    """``--depth-inputs 5 --depth-compare none`` recorded depth_inputs [5] beside an empty
    depth comparison (2026-12-06 review); --depth-compare none is an off switch of --no-train
    as --depth-inputs none is."""
    with pytest.raises(SystemExit) as exc:
        main(["compare", "--inputs", "2", "--depth-inputs", "5", "--depth-compare", "none",
              "--points", "none", "--no-hardness", "--json"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "--depth-inputs is not used by compare --depth-compare " \
        "none" in err
    for offs in (["--depth-compare"], ["--depths"],  # off switches agree with --no-train
                 ["--depth-inputs", "--depth-compare"]):  # and with each other (both: refused
        # until the newcomer review, 2026-12-06)
        with pytest.raises(SystemExit) as exc:
            main(["compare", "--inputs", "2", "--functions", "1", "--no-train",
                  *[a for off in offs for a in (off, "none")], "--json"])
        assert exc.value.code == 0 and json.loads(capsys.readouterr().out)["rows"]


def test_cli_json_without_training(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["compare", "--inputs", "2,4", "--functions", "1", "--no-train", "--json"])
    assert exc.value.code == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["M"] for r in data["rows"]] == [2, 4] and data["violations"] == []
    assert data["rows"][1]["constructions"]["depth3"]["neurons"]["max"] <= 9  # depth3_size(4)


def test_search_jobs_cover_every_view_most_expensive_first():
    cfg = CompareConfig(inputs=(2, 5), depth_inputs=(4,), points=(32, 64))
    jobs = search_jobs(cfg)
    labels = [j.label for j in jobs]
    assert sorted(labels) == sorted(["M=2 depth1", "M=2 depth2", "M=5 depth1", "M=5 depth2",
                                     "M=4 params-depth1", "M=4 params-depth2",
                                     "M=4 params-depth3", "n=32 points", "n=64 points"])
    assert labels.index("M=5 depth1") < labels.index("M=2 depth1")
    for j in jobs:
        assert j.options.start >= 1 and j.options.seeds == cfg.seeds
        assert j.options.axis == ("width" if j.family.startswith("depth") else "parameters")


def test_tiny_compare_trained_sizes_are_bracketed(tiny):
    assert tiny.violations == []
    p = tiny.config.success_rate
    for r in tiny.rows:
        t = r.trained["depth1"]
        n, b = t.needed, t.bracket
        assert n is not None and n.width >= 1 and n.hidden == n.width
        assert n.successes / n.trials >= p
        lo, hi = n.interval
        assert 0 <= lo <= n.rate <= hi <= 1 and lo < hi  # an interval, never a point
        if b is None:
            assert n.width == 1
        else:
            assert b.width < n.width and b.rate < p
            rng = t.bits_per_parameter_range()
            assert rng[0] <= rng[1]
        assert t.ensemble_sizes and all(k >= 1 for k in t.ensemble_sizes)
    md = compare_markdown(tiny)
    assert "✗" in md and "Wilson" in md and "| 3 |" in md


def test_out_folder_is_written_whole_or_not_at_all(tiny, tmp_path, monkeypatch):
    out = tmp_path / "cmp"
    write_compare(tiny, out, figures=True)
    names = sorted(p.name for p in out.iterdir())
    assert names == [".memcap-folder", "compare-neurons.png", "compare-parameters.png",
                     "compare.csv", "compare.json", "compare.md"]
    on_disk = json.loads((out / "compare.json").read_text())
    assert on_disk["format"] == "memcap.compare/6" and on_disk["rows"][0]["M"] == 1
    assert CompareResult.from_dict(on_disk) == tiny  # the JSON reads back to the same result
    assert list(compare_frame(tiny)["M"]) == [1, 2, 3]
    with pytest.raises(ValueError, match="not empty"):
        write_compare(tiny, out)
    import empirical.compare.report as report

    def boom(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(report, "plot_compare", boom)
    fresh = tmp_path / "fresh"
    with pytest.raises(RuntimeError, match="disk full"):
        write_compare(tiny, fresh)
    assert not fresh.exists()
    with pytest.raises(RuntimeError, match="disk full"):  # a failed overwrite keeps the old folder
        write_compare(tiny, out, overwrite=True)
    assert sorted(p.name for p in out.iterdir()) == names
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_depth_verdict_orders_by_parameters():
    def t(need, below):
        return TrainedSize(1, "parameters", True, _cand(need), _cand(below), None, 64, [], [], 1,
                           10**6, [], 0.0)

    order, words = depth_verdict({1: t(300, 250), 2: t(200, 150), 3: t(400, 350)})
    assert order == [2, 1, 3] and "bracket-separated" in words
    # every candidate here has the rate interval (0.2, 1.0): they overlap, so not significant
    assert "overlap for depth 1, 3, so this is not significant" in words

    def rated(need, below, passing, failing):
        return TrainedSize(1, "parameters", True, _cand_rated(need, passing),
                           _cand_rated(below, failing), None, 64, [], [], 1, 10**6, [], 0.0)

    order, words = depth_verdict({1: rated(300, 250, (0.6, 1.0), (0.0, 0.5)),
                                  2: rated(200, 150, (0.6, 1.0), (0.0, 0.4))})
    assert order == [2, 1] and "do not overlap" in words
    order, words = depth_verdict({1: t(300, 250), 2: t(280, 260)})
    assert order == [2, 1] and "does not separate" in words


@given(st.integers(1, 10**6), st.integers(1, 10**6), st.integers(1, 10**5))
def test_bits_per_parameter_range_brackets_the_truth(bits, needed, below):
    below = min(below, needed - 1)
    t = TrainedSize(1, "parameters", True, _cand(needed), _cand(below) if below >= 1 else None,
                    None, bits, [], [], 1, 10**7, [], 0.0)
    lo, hi = t.bits_per_parameter_range()
    assert lo == bits / needed and lo <= hi
    for p_star in {needed, below + 1}:  # any needed count in (below, needed]
        assert lo <= bits / p_star <= hi + 1e-12


@pytest.mark.slow
def test_dask_workers_give_the_same_numbers():
    from empirical.engine.executor import DaskExecutor

    cfg = CompareConfig(inputs=(2, 3), samples=1, seeds=2, steps=150, lrs=(0.05,), depths=(1,),
                        depth_inputs=(3,), depth_compare=(1, 2), points=(16,), d_in=4)
    here = run_compare(cfg)
    with DaskExecutor(workers=2) as ex:
        there = run_compare(cfg, ex)

    def sizes(res):
        return ([(r.M, r.trained["depth1"].needed, r.trained["depth1"].bracket)
                 for r in res.rows],
                [(d.M, sorted((k, t.needed.parameters) for k, t in d.by_depth.items()))
                 for d in res.depth_comparison],
                [p.trained.needed for p in res.random_labels])

    assert sizes(here) == sizes(there)


def test_the_short_hardness_study_rides_with_compare(capsys, tmp_path, monkeypatch):
    from empirical.compare import report

    quick = report.hardness_config(quick=True)
    monkeypatch.setattr(report, "hardness_config", lambda quick_=False, seed=0: quick)  # M = 2
    tiny_args = ["compare", "--inputs", "2", "--functions", "1", "--trials", "2", "--steps", "100",
                 "--lrs", "0.05", "--depths", "1", "--depth-inputs", "none", "--points", "none"]
    with pytest.raises(SystemExit) as exc:
        main([*tiny_args, "--out", str(tmp_path / "with"), "--json"])
    assert exc.value.code == 0
    data = json.loads(capsys.readouterr().out)
    with pytest.raises(SystemExit) as exc:  # its lines followed the total unlabelled (review)
        main([*tiny_args, "--out", str(tmp_path / "table")])
    table = capsys.readouterr().out
    assert "and hidden units GD needs" in table
    assert "hardness study (exact minimum against the trained size" in table
    assert "\n  M = 2: 4 function(s)" in table
    hard = json.loads((tmp_path / "with" / "hardness.json").read_text())
    assert data["hardness"] == hard and hard["config"]["inputs"] == 2
    assert {r["label"] for r in hard["rows"]} == {"npn:0000", "npn:1000", "npn:1100", "npn:0110"}
    md = (tmp_path / "with" / "compare.md").read_text()
    assert "Which maps are hard for gradient descent?" in md and "| 0110 | 2 | 2 |" in md
    assert data["format"] == "memcap.compare/6" and CompareResult.from_dict(data).rows[0].M == 2
    old = json.loads(json.dumps(data))  # memcap.compare/1 named the trials per size "seeds"
    old["format"], old["config"]["seeds"] = "memcap.compare/1", old["config"].pop("trials")
    old["config"]["samples"] = old["config"].pop("functions")
    assert CompareResult.from_dict(old).to_dict()["config"] == data["config"]
    # the bits-per-parameter anchors are not lower bounds: their own map since /3; a /2 file
    # (anchors inside "lower") reads back with them moved
    row = data["rows"][0]
    assert set(row["anchors"]) == {"info.boolean-params.cover-2", "info.boolean-params.morris-3.6"}
    assert not any(k.startswith("info.") for k in row["lower"])
    old2 = json.loads(json.dumps(data))
    old2["format"] = "memcap.compare/2"
    for r in old2["rows"]:
        r["lower"].update(r.pop("anchors"))
    assert CompareResult.from_dict(old2).to_dict()["rows"] == data["rows"]
    # /6 added smallest_parameters (a /5 file of 2026-12-06 may hold it; older ones do not)
    old5 = json.loads(json.dumps(data))
    old5["format"] = "memcap.compare/5"
    sizes = [t for r in old5["rows"] for t in r["trained"].values()]
    assert sizes and all(t.pop("smallest_parameters") >= 1 for t in sizes)
    assert all(t.smallest_parameters is None
               for r in CompareResult.from_dict(old5).rows for t in r.trained.values())
    with pytest.raises(UsageError, match="not a compare result: format 'memcap.compare/7'"):
        CompareResult.from_dict({**data, "format": "memcap.compare/7"})
    csv = (tmp_path / "with" / "compare.csv").read_text().splitlines()[0].split(",")
    assert "anchor:info.boolean-params.cover-2" in csv
    assert not any(c.startswith("lower:info.") for c in csv)
    with pytest.raises(SystemExit) as exc:
        main([*tiny_args, "--out", str(tmp_path / "without"), "--no-hardness"])
    assert exc.value.code == 0
    assert not (tmp_path / "without" / "hardness.json").exists()
    assert "hard for gradient descent" not in (tmp_path / "without" / "compare.md").read_text()


def test_figures_drawn_while_the_study_trains_equal_figures_drawn_after(capsys, tmp_path,
                                                                         monkeypatch):
    # with worker processes the CLI draws the figures while the workers train the hardness
    # study (run_beside) and write_compare copies them: the files equal plot_compare's
    from empirical.compare import report
    from empirical.compare.plot import plot_compare

    quick = report.hardness_config(quick=True)
    monkeypatch.setattr(report, "hardness_config", lambda quick_=False, seed=0: quick)
    with pytest.raises(SystemExit) as exc:
        main(["compare", "--inputs", "1,2", "--functions", "1", "--trials", "2", "--steps", "100",
              "--lrs", "0.05", "--depths", "1", "--depth-inputs", "none", "--points", "none",
              "--workers", "2", "--out", str(tmp_path / "cmp")])
    assert exc.value.code == 0
    capsys.readouterr()
    result = CompareResult.from_dict(json.loads((tmp_path / "cmp" / "compare.json").read_text()))
    again = [p.name for p in plot_compare(result, tmp_path)]
    assert again == ["compare-neurons.png", "compare-parameters.png"]
    for name in again:
        assert (tmp_path / "cmp" / name).read_bytes() == (tmp_path / name).read_bytes()
    assert (tmp_path / "cmp" / "hardness.json").exists()


def test_with_worker_processes_the_main_process_never_imports_torch(tmp_path):
    # the main process only schedules, builds constructions and draws: importing torch there
    # cost ≈ 1 s of CPU that the two workers needed
    import subprocess
    import sys

    script = ("import sys\nfrom memcap.cli import main\ntry:\n    main(sys.argv[1:])\n"
              "except SystemExit as e:\n    assert e.code == 0, e.code\n"
              "print('torch' in sys.modules)\n")
    args = ["--inputs", "1,2", "--functions", "1", "--trials", "2", "--steps", "50", "--lrs",
            "0.05", "--depths", "1", "--depth-inputs", "2", "--points", "16", "--workers", "2"]
    for command in (["compare", *args, "--out", str(tmp_path / "c")],
                    ["tour", "--quick", "--workers", "2", "--out", str(tmp_path / "t")]):
        done = subprocess.run([sys.executable, "-c", script, *command], capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().splitlines()[-1] == "False"


@pytest.mark.parametrize("classes", [2, 4, 8, 1024])
def test_uniform_power_of_two_information_needs_no_torch_and_is_the_same(classes):
    from empirical.engine.data import class_prior
    from empirical.engine.information import label_information_bits
    from empirical.search.target import SearchTarget

    target = SearchTarget(kind="points", n=100, classes=classes)
    assert target.information_bits() == label_information_bits(100, classes,
                                                               class_prior(classes))


def test_the_terminal_table_marks_a_passing_width_1_without_a_width_0():
    from empirical.cli.compare import _short

    def cand(w):
        return TrainedCandidate(size=w, width=w, hidden=w, parameters=4 * w, trials=2,
                                successes=2, rate=1.0, interval=(0.3, 1.0), best_lr=0.1,
                                steps_to_fit=5.0)

    one = TrainedSize(1, "width", True, cand(1), None, None, 4, [], [], 1, 64, [], 0.0)
    assert _short(one) == "1 (none✗) 2/2"
    two = TrainedSize(2, "width", True, cand(3), cand(2), None, 4, [], [], 1, 64, [], 0.0)
    assert _short(two) == "2×3 (2×2✗) 2/2"


def test_report_anchors_are_the_registered_anchors():
    """The figures' bits-per-parameter lines and the registered information bounds use one set
    of anchors (the report keeps float copies so that it need not import sympy)."""
    from capacity.bounds.information import ANCHORS as registered
    from empirical.search.report import ANCHORS

    assert list(ANCHORS.values()) == [float(c) for _, c, _ in registered]
    assert [name.split()[0] for name in ANCHORS] == ["Cover", "Morris", "Collins"]
    assert all(name.split()[0].lower() in suffix for name, (suffix, _, _) in
               zip(ANCHORS, registered, strict=True))


def test_depth_and_largest_weight_are_the_sampled_networks(untrained):
    """DESIGN's sizes include the depth and the largest |weight|: compare keeps both, per sampled
    map, equal to the rebuilt networks', in compare.json, compare.csv and compare.md."""
    from constructions.builders import build
    from constructions.families import make_function

    row = untrained.rows[4]  # M = 5: every builder has weights above 1 somewhere
    for method in ("lookup", "xorsys", "hall"):
        col = row.constructions[method]
        nets = [build(make_function("random", 5, 1, seed=s), method) for s in range(3)]
        assert col.per_sample["max_abs_weight"] == [n.sizes().max_abs_weight for n in nets]
        assert col.per_sample["depth"] == [n.sizes().depth for n in nets]
        assert col.max_abs_weight.max == max(n.sizes().max_abs_weight for n in nets)
    assert row.worst_case["lookup"].max_abs_weight == 1  # one-hot detectors and an OR
    assert row.constructions["xorsys"].max_abs_weight.max > 1
    frame = compare_frame(untrained)
    assert list(frame["hall_depth_max"]) == [r.constructions["hall"].depth.max
                                             for r in untrained.rows]
    assert str(frame["xorsys_max_abs_weight_max"].dtype) == "Int64"
    md = compare_markdown(untrained)
    c = row.constructions
    assert (f"| 5 | {c['lookup'].depth.max} / {c['lookup'].max_abs_weight.max} |" in md)


def test_a_compare_json_of_format_3_reads_without_weights(untrained):
    """Files written before the largest |weight| was kept still read; the weight is None there
    and blank in the CSV, — in the report."""
    data = json.loads(json.dumps(untrained.to_dict()))
    data["format"] = "memcap.compare/3"
    for r in data["rows"]:
        for c in r["constructions"].values():
            del c["max_abs_weight"], c["per_sample"]["max_abs_weight"]
        for w in r["worst_case"].values():
            del w["max_abs_weight"]
    old = CompareResult.from_dict(data)
    assert old.rows[0].constructions["hall"].max_abs_weight is None
    assert old.rows[0].worst_case["lookup"].max_abs_weight is None
    frame = compare_frame(old)
    assert frame["hall_max_abs_weight_max"].isna().all()
    assert list(frame["hall_depth_max"]) == list(compare_frame(untrained)["hall_depth_max"])
    assert f"| 1 | {old.rows[0].constructions['lookup'].depth.max} / — |" in compare_markdown(old)


@settings(max_examples=40)
@given(lrs=st.lists(st.floats(1e-6, 1.0), min_size=1, max_size=3,  # rates that print alike
                    unique_by=lambda v: f"{v:g}"),  # are refused (failed once, 2026-12-06)
       rate=st.floats(0.01, 1.0))
def test_the_printed_compare_command_reads_back_the_same_floats(lrs, rate):
    """compare.md's 'Regenerate:' line wrote floats with :g, six digits: --lrs 0.0123456789
    printed 0.0123457, another learning rate (left alone 2026-12-04, fixed with the formatter
    the hardness command uses, capacity.options.option_text)."""
    from empirical.cli.parse import learning_rate_list
    from empirical.compare.report import command_line

    cfg = CompareConfig(inputs=(2,), lrs=tuple(lrs), success_rate=rate)
    words = command_line(cfg).split()
    if cfg.lrs != CompareConfig().lrs:
        assert learning_rate_list(words[words.index("--lrs") + 1], "") == cfg.lrs
    if rate != CompareConfig().success_rate:
        assert float(words[words.index("--success-rate") + 1]) == rate


def test_consistency_words_do_not_claim_brackets_for_searches_that_found_nothing():
    """With every search ending "not found", Consistency said "every trained size is a bracket
    with a Wilson interval" (2026-12-04 compare review)."""
    from types import SimpleNamespace as NS

    from empirical.compare.findings import _brackets

    nothing = [NS(needed=None, bracket=None)] * 2
    assert _brackets(nothing).startswith("no search found a size (2 search(es)")
    some = [NS(needed=8, bracket=7), NS(needed=None, bracket=None)]
    assert _brackets(some) == ("every trained size found is a bracket with a Wilson interval "
                               "(1 search(es) found no passing size up to their ceiling)")
    assert _brackets([NS(needed=8, bracket=7)]) == ("every trained size found is a bracket "
                                                    "with a Wilson interval")


@settings(max_examples=60, deadline=None)
@given(lo=st.integers(1, 12), span=st.integers(0, 4),
       depth=st.one_of(st.just("auto"), st.just("none"),
                       st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True)))
@example(lo=1, span=0, depth=[8, 10])  # the review's case: CompareConfig's (8, 10), not auto
@example(lo=2, span=10, depth=[8, 12])
def test_the_printed_compare_command_keeps_the_depth_comparison(lo, span, depth):
    """The 'Regenerate:' line left --depth-inputs out whenever it was CompareConfig's (8, 10),
    but the command line's default is auto (the largest M up to 8 and the largest M), so
    `--inputs 1 --depth-inputs 8,10` regenerated as a depth comparison at M = 1 (2026-12-05
    compare review). Read back, the printed line's depth comparison is the run's."""
    from empirical.cli.compare import config_from_options
    from empirical.compare.report import command_line

    inputs = f"{lo}..{min(12, lo + span)}"
    given_depth = depth if isinstance(depth, str) else ",".join(map(str, sorted(depth)))
    cfg = config_from_options(inputs=inputs, depth_inputs=given_depth)
    words = command_line(cfg).split()
    printed = words[words.index("--depth-inputs") + 1] if "--depth-inputs" in words else "auto"
    assert config_from_options(inputs=inputs, depth_inputs=printed).depth_inputs \
        == cfg.depth_inputs


def test_a_search_too_large_for_memory_is_refused_before_the_constructions(monkeypatch):
    """A random-label view of 3·10^7 points was refused by its search's memory check inside the
    worker, after every construction had been built and verified (84 s at M = 12, 2026-12-05
    compare review). Every search is checked before any work starts."""
    import empirical.compare.compute as compute
    from capacity.errors import UsageError

    built = []
    monkeypatch.setattr(compute, "construction_sizes",
                        lambda *a, **k: built.append(a) or pytest.fail("built"))
    # 10^12 points: 37 000 GiB, beyond any machine this runs on
    cfg = CompareConfig(inputs=(2,), depths=(1,), depth_inputs=(), points=(10**12,))
    with pytest.raises(UsageError, match="needs about .* GiB, more than half"):
        run_compare(cfg)
    assert built == []


def test_the_config_keeps_its_lists_sorted_and_refuses_repeats():
    """The API took inputs=(5, 2) with the largest M first (report title "M = 5..2", the "M = top"
    finding about M = 2) and (3, 3) as two rows with a Regenerate line the CLI refuses
    (2026-12-06 compare review)."""
    cfg = CompareConfig(inputs=(5, 2), points=(128, 64), depths=(2, 1))
    assert (cfg.inputs, cfg.points, cfg.depths) == ((2, 5), (64, 128), (1, 2))
    with pytest.raises(UsageError, match=r"^--inputs repeats 3; list each value once$"):
        CompareConfig(inputs=(3, 3))
    with pytest.raises(UsageError, match=r"^--depth-compare repeats 2"):
        CompareConfig(depth_compare=(2, 1, 2))
    assert CompareConfig.from_dict(CompareConfig(inputs=(4, 2)).to_dict()).inputs == (2, 4)


def test_the_config_refuses_cut_values_and_repeated_rates_and_reads_rows_in_order():
    """points=(10, 10.5) was cut to (10, 10) and refused as a repeat of 10; lrs (0.1, 0.1) was
    accepted; an older compare.json written with inputs (3, 2) read back with a sorted config
    beside rows in file order (2026-12-06 diff review)."""
    from empirical.compare.result import CompareResult

    with pytest.raises(UsageError, match=r"^--points must be integers, got 10\.5$"):
        CompareConfig(points=(10, 10.5))
    with pytest.raises(UsageError, match=r"^--lrs repeats 0\.1; list each value once$"):
        CompareConfig(lrs=(0.1, 0.1))
    result = run_compare(CompareConfig(inputs=(2, 3), train=False, samples=1))
    d = json.loads(json.dumps(result.to_dict()))
    d["config"]["inputs"], d["rows"] = [3, 2], d["rows"][::-1]
    back = CompareResult.from_dict(d)
    assert back.config.inputs == (2, 3) and [r.M for r in back.rows] == [2, 3]


def test_the_neurons_figure_draws_the_largest_proven_lower_bounds(tmp_path, monkeypatch):
    """The figure drew the counting bounds alone, below the "≥ 4" of the text and the table
    where the M ≤ 5 worst case persists (M = 6, or every M ≤ 6 with two outputs; 2026-12-06)."""
    import empirical.compare.plot as plot

    drawn = {}

    def keep(fig, ax, path, **kw):
        drawn[path.name] = {line.get_label(): list(line.get_ydata()) for line in ax.get_lines()}
        return path

    monkeypatch.setattr(plot, "_save", keep)
    for outputs in (1, 2):
        res = run_compare(CompareConfig(inputs=(5, 6), outputs=outputs, samples=1, train=False))
        plot.plot_compare(res, tmp_path)
        lines = drawn["compare-neurons.png"]
        for arch, name in (("any-depth", "any depth"), ("layered", "one hidden layer")):
            label = next(k for k in lines if k.startswith(f"≥ {name} (proven"))
            assert lines[label] == [best_lower(r.lower, arch) for r in res.rows]
            assert "worst case, which persists" in label  # above counting at M = 6
        assert lines[next(k for k in lines if k.startswith("≥ any depth"))][1] == 4


def test_every_search_starts_at_two_bits_per_parameter():
    """The first candidate stores 2 bits a parameter (Cover's count), the width rounded down to
    a power of two; bits/4 in its place passed every test (2026-12-06 mutation audit). M = 8:
    256 bits → 128 parameters. Depth 1 has 11w + 2 (w = 11 → 8; 90 parameters), depth 2
    w² + 12w + 2 (w = 6 → 4; 66), depth 3 2w² + 13w + 2 (w = 5 → 4; 86); 256 random points
    in R^8 with two classes are 256 bits too."""
    starts = {job.label: job.options.start for job in search_jobs(
        CompareConfig(inputs=(8,), depth_inputs=(8,), points=(256,)))}
    assert starts == {"M=8 depth1": 8, "M=8 depth2": 4, "M=8 params-depth1": 90,
                      "M=8 params-depth2": 66, "M=8 params-depth3": 86, "n=256 points": 90}
