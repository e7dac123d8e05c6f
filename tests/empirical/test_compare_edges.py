"""Edges of ``memcap compare`` and ``memcap tour`` that a mutation audit (2026-12-07) found no
test pinned: the config's limits, the computation's order and seeds, compare.md's cells and
lines, the tour's summary and network, and the CLI's refusals. Each test below fails on the
mutant named in its docstring (or in the comment beside its case)."""

import dataclasses
import json

import pytest
from memcap_cli import memcap_main

import empirical.compare.compute as compute_mod
import empirical.compare.tour as tour_mod
from capacity.answer import answer_rows
from capacity.errors import UsageError
from constructions.families import make_function
from empirical.compare.compute import run_compare, search_jobs
from empirical.compare.config import MAX_CONSTRUCTION_WORK, CompareConfig
from empirical.compare.report import (
    command_line,
    compare_frame,
    compare_json,
    compare_markdown,
    hardness_config,
    trained_cell,
    write_compare_files,
)
from empirical.compare.result import (
    DepthRow,
    PointsRow,
    TrainedCandidate,
    TrainedSize,
)
from empirical.compare.rows import point_anchors
from empirical.compare.tour import summary_markdown
from empirical.hardness.compute import run_hardness

#: One short training recipe: M = 1 only, no depth comparison and no random labels.
SHORT = dict(inputs=(1,), samples=1, seeds=1, steps=200, lrs=(0.1,), depths=())
NEED = TrainedCandidate(8, 8, 8, 100, 3, 2, 2 / 3, (0.21, 0.94), 0.03, None)
FAIL = TrainedCandidate(7, 7, 7, 90, 3, 0, 0.0, (0.0, 0.56), 0.03, None)


@pytest.fixture(scope="module")
def untrained():
    """``compare --inputs 2 --functions 1 --no-train``'s result."""
    return run_compare(CompareConfig(inputs=(2,), samples=1, train=False))


def bracket(axis="parameters"):
    """A trained size found at 8 hidden units (100 parameters) above a failing 7 (90)."""
    return TrainedSize(1, axis, True, NEED, FAIL, None, 4.0, [], [], 1, 4096, [], 0.0)


# ------------------------------------------------------------------------------- the config
@pytest.mark.parametrize("settings, words", [
    (dict(samples=1001), "--functions must be an integer in 1..1000"),  # limit 1001 passed
    (dict(samples=True), "--functions"),  # a bool read as the integer 1
    (dict(threads=-1), "--threads"),
    (dict(points=(0, 16)), "--points must be an integer >= 1, got 0"),
    (dict(success_rate=0.0), "--success-rate"),
    (dict(success_rate=1.5), "--success-rate"),
    # the last function's seed is seed + 4 with 5 functions: 2^63 - 1 at most
    (dict(samples=5, seed=2**63 - 4), "--seed"),
])
def test_the_config_refuses_values_past_its_limits(settings, words):
    with pytest.raises(UsageError, match=words):
        CompareConfig(inputs=(1,), **settings)


def test_the_config_accepts_its_limits():
    """1000 functions, no thread count (0: torch's default) and the largest seed whose last
    function seed is 2^63 - 1 are accepted (a refusal at threads <= 0 refused the default)."""
    assert CompareConfig(inputs=(1,), samples=1000).samples == 1000
    assert CompareConfig(inputs=(1,), threads=0).threads == 0
    assert CompareConfig(inputs=(1,), samples=5, seed=2**63 - 5).seed == 2**63 - 5


def test_a_file_with_the_old_and_the_new_trials_key_is_refused():
    """``seeds`` is compare.json/1's name for ``trials``: both at once is ambiguous."""
    with pytest.raises(UsageError, match="both trials and seeds"):
        CompareConfig.from_dict({"inputs": [2], "seeds": 3, "trials": 4})


def test_the_construction_work_grows_as_n_plus_one_over_two():
    """S x (N + 1)/2 x sum 2^M: 30 functions of N = 3 outputs at M = 12 are 245 760
    evaluations, under the limit (N x sum 2^M, 368 640, refused it without --force)."""
    cfg = CompareConfig(inputs=(12,), outputs=3, samples=30)
    assert cfg.construction_work == 30 * 4 * 4096 // 2 == 245_760 <= MAX_CONSTRUCTION_WORK


# ------------------------------------------------------------------------------ computation
def test_a_search_too_large_for_memory_is_refused_before_any_construction():
    """10^8 points pass the data-size check but no ensemble of them fits: refused before
    anything is built (the test with 10^12 points was refused by the data check alone)."""
    reported = []
    cfg = CompareConfig(inputs=(1,), samples=1, depths=(), depth_inputs=(), points=(10**8,))
    with pytest.raises(UsageError, match="smallest ensemble"):
        run_compare(cfg, progress=lambda *a: reported.append(a))
    assert reported == []


def test_anchors_count_the_bits_of_every_output_and_class(untrained):
    """The information anchors of N = 2 outputs count N x 2^M bits (twice one output's), and
    a random-label row's anchors are those of its own number of classes."""
    two = run_compare(CompareConfig(inputs=(3,), outputs=2, samples=1, train=False)).rows[0]
    one = run_compare(CompareConfig(inputs=(3,), samples=1, train=False)).rows[0]
    key = "info.boolean-params.cover-2"
    assert two.anchors[key] == two.information_bits // 2 == 8 == 2 * one.anchors[key]
    cfg = CompareConfig(**SHORT, depth_inputs=(), points=(8,), d_in=2, classes=4)
    row = run_compare(cfg).random_labels[0]
    assert row.anchors == point_anchors(8, 4) != point_anchors(8, 2)


def test_random_label_and_depth_rows_come_out_in_increasing_order():
    cfg = CompareConfig(**SHORT, depth_inputs=(1, 2), depth_compare=(1,), points=(4, 8), d_in=2)
    result = run_compare(cfg)
    assert [p.n for p in result.random_labels] == [4, 8]
    assert [d.M for d in result.depth_comparison] == [1, 2]


def test_a_construction_verified_on_fewer_functions_than_built_is_a_violation(monkeypatch):
    """The consistency check is applied to the construction columns (with memcap's correct
    builders nothing triggers it: a column verified on 1 of 2 functions is planted)."""
    real = compute_mod.construction_sizes

    def one_unverified(*args, **kwargs):
        cols = real(*args, **kwargs)
        cols["lookup"] = dataclasses.replace(cols["lookup"], verified=cols["lookup"].samples - 1)
        return cols

    monkeypatch.setattr(compute_mod, "construction_sizes", one_unverified)
    result = run_compare(CompareConfig(inputs=(2,), samples=2, train=False))
    assert any("lookup verified on 1 of 2" in v for v in result.violations)
    assert result.rows[0].violations == result.violations


def test_an_untrained_comparison_plans_no_search():
    """--no-train plans no search job (without the guard the default config's 8 searches
    trained, minutes of work behind a flag that promises none)."""
    assert search_jobs(CompareConfig(inputs=(2, 3), train=False)) == []
    assert search_jobs(CompareConfig(inputs=(2, 3)))


def test_the_seed_reaches_every_search():
    jobs = search_jobs(CompareConfig(inputs=(2,), depth_inputs=(2,), points=(16,), seed=7))
    assert jobs and all(job.options.seed == 7 for job in jobs)


# ------------------------------------------------------------------------------ compare.md
def test_a_size_found_at_width_one_has_no_failing_size(untrained):
    one = TrainedCandidate(1, 1, 1, 7, 2, 2, 1.0, (0.34, 1.0), 0.05, 13.0)
    t = TrainedSize(1, "width", True, one, None, 4 / 7, 4.0, [one], [], 2, 64, [2], 0.1,
                    smallest_parameters=7)
    assert trained_cell(t) == "1 (none ✗; 2/2 [0.34, 1.00]; lr 0.05)"
    assert trained_cell(t, "parameters") == "7 (none ✗; 2/2 [0.34, 1.00]; lr 0.05)"
    # its bits per parameter are one value, not a range "0.57–0.57"
    result = dataclasses.replace(untrained, rows=[dataclasses.replace(
        untrained.rows[0], trained={"depth1": t})])
    line = next(x for x in compare_markdown(result).splitlines() if "7 (none ✗" in x)
    assert line.rstrip(" |").endswith("| 0.57")


def test_the_construction_cell_shows_the_largest_depth_and_weight():
    result = run_compare(CompareConfig(inputs=(3, 4), samples=5, train=False))
    md = compare_markdown(result).splitlines()
    varied = 0
    for row in result.rows:
        line = next(x for x in md if x.startswith(f"| {row.M} |") and " / " in x
                    and x.count("|") == 2 + len(row.constructions))
        for c in row.constructions.values():
            varied += c.max_abs_weight.min != c.max_abs_weight.max
            assert f"{c.depth.max} / {c.max_abs_weight.max}" in line
    assert varied  # some column's weights vary over the functions: min and max differ


def test_the_depth_table_lists_depths_in_order_with_the_failing_parameters(untrained):
    """Depths of one M in increasing order; the "failing params" column holds the failing
    size's parameters (90), not its width (7); bits per parameter whose ends print alike
    (4/100 and 4/91) are one value."""
    absent = [TrainedSize(d, "parameters", False, None, None, None, 4.0, [], [], 1, 64, [], 0.0)
              for d in (3, 1)]
    result = dataclasses.replace(untrained, depth_comparison=[
        DepthRow(2, 4, {3: absent[0], 1: absent[1]})])
    rows = [x for x in compare_markdown(result).splitlines()
            if x.startswith("| 2 | ") and "not found" in x]
    assert [x.split(" | ")[1] for x in rows] == ["1", "3"]
    result = dataclasses.replace(untrained, depth_comparison=[DepthRow(2, 4, {1: bracket()})])
    row = next(x for x in compare_markdown(result).splitlines()
               if x.startswith("| 2 | 1 | 100 |"))
    assert row.split(" | ")[4] == "90" and "0.04–0.04" not in row


def test_the_random_label_anchor_columns_are_in_order(untrained):
    t = TrainedSize(1, "parameters", False, None, None, None, 100.0, [], [], 1, 64, [], 0.0)
    row = PointsRow(n=100, classes=2, d_in=8, information_bits=100.0,
                    anchors=point_anchors(100), trained=t)
    md = compare_markdown(dataclasses.replace(untrained, random_labels=[row]))
    assert "| 100 | 100 | 50 | 28 | 20 |" in md  # 1, 2 and 3.6 bits a parameter, then Cover


def test_the_csv_holds_the_failing_width(untrained):
    result = dataclasses.replace(untrained, rows=[dataclasses.replace(
        untrained.rows[0], trained={"depth1": bracket("width")})])
    frame = compare_frame(result)
    assert (frame.loc[0, "gd_depth1_width"], frame.loc[0, "gd_depth1_fail_width"]) == (8, 7)


def test_the_title_names_the_ms_compared(untrained):
    assert compare_markdown(untrained).splitlines()[0] == "# memcap compare: M = 2, N = 1"
    gap = run_compare(CompareConfig(inputs=(1, 3), samples=1, train=False))
    assert compare_markdown(gap).splitlines()[0] == "# memcap compare: M ∈ {1, 3}, N = 1"


def test_the_regenerate_line_of_an_untrained_run_has_no_training_options():
    """--no-train refuses the training options and implies no hardness study: its line has
    neither (either one made the printed command exit 2)."""
    cfg = CompareConfig(inputs=(2,), depth_inputs=(2,), train=False, steps=50, points=(16,),
                        classes=3)
    assert command_line(cfg) == "memcap compare --inputs 2 --no-train"
    cfg = CompareConfig(inputs=(2,), depth_inputs=(2,), samples=1, train=False)
    assert command_line(cfg, hardness=False) == "memcap compare --inputs 2 --functions 1 " \
                                                "--no-train"
    assert ("Regenerate: `memcap compare --inputs 2 --functions 1 --no-train`"
            in compare_markdown(run_compare(cfg)))


def test_compares_own_study_at_another_seed_is_its_own(untrained):
    """The study compare runs at --seed 5 is compare's own: the line has no --no-hardness."""
    study = run_hardness(hardness_config(quick=True, seed=5))
    study = dataclasses.replace(study, config=hardness_config(seed=5))
    cfg = CompareConfig(inputs=(2,), depth_inputs=(2,), samples=1, seed=5)
    result = dataclasses.replace(untrained, config=cfg)
    line = next(x for x in compare_markdown(result, hardness=study).splitlines()
                if x.startswith("Regenerate:"))
    assert "--no-hardness" not in line and "own command" not in line and "--seed 5" in line


def test_the_files_without_figures_link_none_and_the_json_ends_in_one_newline(tmp_path,
                                                                             untrained):
    write_compare_files(tmp_path, untrained, figures=False)
    assert "![" not in (tmp_path / "compare.md").read_text()
    assert not list(tmp_path.glob("*.png"))
    text = compare_json(untrained)
    assert text.endswith("}\n") and not text.endswith("\n\n")


# ------------------------------------------------------------------------------- the tour
NETWORK = {"file": "x.json", "method": "auto", "M": 3, "neurons": 3, "verified": True}


def test_the_summary_names_the_recipe_the_study_and_the_inputs(untrained):
    """Two trials a size is a shorter recipe than the full run's; no hardness.json is listed
    when no study ran; the network is verified on all 2^M = 8 inputs."""
    two = run_compare(CompareConfig(inputs=(1, 2), samples=1, seeds=2, train=False))
    md = summary_markdown(two, answer_rows(2), NETWORK, 1.0)
    assert "a shorter recipe than the full run's" in md
    assert "hardness.json" not in md
    assert "verified on all 8 inputs: True" in md


@pytest.fixture
def tiny_tour(monkeypatch):
    monkeypatch.setattr(tour_mod, "tour_config", lambda quick=False: CompareConfig(
        inputs=(1, 2), samples=1, seeds=1, steps=60, lrs=(0.05,), depths=(1,),
        depth_inputs=(), points=()))


def test_the_tour_saves_the_seeds_network_and_reports_its_verification(tiny_tour, tmp_path,
                                                                        monkeypatch):
    """The saved network realises the random map of the tour's seed (0), and the summary
    reports what verify said (planted False here), not a constant."""
    monkeypatch.setattr(tour_mod, "verify", lambda net, fn: type("R", (), {"ok": False})())
    data = tour_mod.run_tour(tmp_path / "t", quick=True)
    net = json.loads((tmp_path / "t" / "networks" / "auto-random-M3.json").read_text())
    assert net["truth_table"] == make_function("random", 3, seed=0).to_strings()
    assert data["network"]["verified"] is False
    assert "inputs: False" in (tmp_path / "t" / "summary.md").read_text()


def test_the_tour_refuses_a_busy_folder_before_any_work(tiny_tour, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    reported = []
    with pytest.raises(UsageError, match="not empty"):
        tour_mod.run_tour(tmp_path, quick=True, progress=lambda *a: reported.append(a))
    assert reported == []


# -------------------------------------------------------------------------------- the CLI
NO_TRAIN = ["compare", "--inputs", "1", "--functions", "1", "--no-train"]


@pytest.mark.parametrize("args, words", [
    (NO_TRAIN + ["--json", "--markdown"], "not both"),
    (NO_TRAIN + ["--classes", "3"], "--classes"),
    (["compare", "--inputs", "1", "--functions", "1", "--points", "none", "--depths", "none",
      "--depth-inputs", "none", "--no-hardness", "--classes", "3"], "--classes"),
])
def test_options_that_cannot_go_together_are_refused(capsys, args, words):
    code, out, err = memcap_main(capsys, *args)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1 and out == ""


def test_construction_work_at_the_limit_runs_without_force(capsys, tmp_path):
    """Exactly 300 000 evaluations is allowed (the run goes on to refuse the busy --out);
    the limit refuses only more."""
    inputs = (4, 5, 6, 8, 9, 10, 12)
    assert CompareConfig(inputs=inputs, samples=50, train=False).construction_work \
        == MAX_CONSTRUCTION_WORK
    (tmp_path / "mine.txt").write_text("x")
    code, _, err = memcap_main(capsys, "compare", "--inputs", ",".join(map(str, inputs)),
                               "--functions", "50", "--no-train", "--out", tmp_path)
    assert code == 2 and "not empty" in err and "construction work" not in err


def test_an_untrained_comparison_runs_no_hardness_study(capsys):
    code, out, err = memcap_main(capsys, *NO_TRAIN, "--json")
    assert code == 0, err
    assert "hardness" not in json.loads(out)
