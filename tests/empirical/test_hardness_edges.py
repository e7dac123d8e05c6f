"""Edges of ``memcap hardness`` that a mutation audit (2026-12-07) found no test pinned: the
hardening of sign units, the worker's depth, the checks of a saved study (``check_loaded``),
the ranking and the rows table, the network file names, and the CLI's refusals. Each test
below fails on the mutant named in its docstring."""

import dataclasses
import json
from types import SimpleNamespace

import numpy as np
import pytest
from memcap_cli import memcap_main

import empirical.hardness.sign as sign_module
from capacity.errors import UsageError
from constructions.boolean import BooleanFunction
from constructions.builders import build
from constructions.verify import verify
from empirical.engine.ensemble import BatchedMLP
from empirical.hardness.known import KnownSize
from empirical.hardness.report import write_hardness
from empirical.hardness.result import (
    HardnessConfig,
    HardnessResult,
    HardnessRow,
    TrainedFunctionSize,
    check_loaded,
)
from empirical.hardness.sign import harden, sign_train_task
from empirical.hardness.workers import train_built
from empirical.search.options import SearchOptions
from empirical.search.rounds import make_task
from empirical.search.target import SearchTarget

KNOWN = KnownSize(3, 2, True, True, "x")
#: A size found at width 4 with 4 of 4 trials, the failing width 3 below with 0 of 4.
FOUND = TrainedFunctionSize("relu", 1, 4, 4, 4, 4, (0.51, 1.0), 0.01, 3, 0)


def study(*rows, **config):
    """A saved parity study of M = 3 with ``rows`` (ReLU only unless ``sign`` is given)."""
    cfg = HardnessConfig(**{"inputs": 3, "families": ("parity",), "sign": False, **config})
    return HardnessResult(cfg, list(rows), 1.0)


def row(relu=FOUND, sign=None, functions=1, family="parity"):
    return HardnessRow(family, family, 3, None, functions, KNOWN, relu, sign)


# ------------------------------------------------------------------------------ hardening
def test_a_unit_at_exactly_zero_on_some_input_is_rounded_at_scale_one():
    """A hidden unit whose float pre-activation is 0 on an input (x0 + x1 on the mixed
    inputs) may take either sign there: the rounding keeps scale 1. Rounding every input
    (the "either sign" mask dropped) finds no scale that gives 0 a sign and ends at 2^20."""
    xor = BooleanFunction.from_strings("0110")
    state = [np.array([[1.0, 1.0], [0.9, 1.1]]), np.array([0.0, -1.3]),
             np.array([[0.0, 0.0], [1.0, -1.0]]), np.array([0.0, -1.0])]
    net = harden(state, xor)
    assert verify(net, xor).ok and net.sizes().max_abs_weight == 1


def test_a_head_of_three_classes_is_refused():
    """The hardened output is one sign unit: a 3-class head is refused in one line, not
    read as its first two rows."""
    xor = BooleanFunction.from_strings("0110")
    state = [np.array([[0.9, 1.1], [-1.0, -0.8]]), np.array([-1.3, -1.2]),
             np.array([[0.4, 0.3], [-0.5, -0.6], [0.1, 0.2]]), np.array([0.0, -0.2, 0.1])]
    with pytest.raises(UsageError, match="2 classes"):
        harden(state, xor)


def test_a_member_that_did_not_memorise_is_no_success_even_if_its_hardening_verifies():
    """Only members whose float network memorised are hardened: after 10 steps on the
    constant map some members have not memorised, and one of them hardens into a network
    that verifies (a constant is easy to round); hardening every member would count it."""
    opts = SearchOptions.of(steps=10, activation="sign")
    out = sign_train_task(make_task(SearchTarget(table="0000").data_config(), [1, 2], 4,
                                    0.01, opts))
    assert (~out.trained).any()
    assert not out.success[~out.trained].any()


def test_success_is_the_verified_hardening_and_trained_the_float_fit(monkeypatch):
    """``success`` says the hardened network verified, ``trained`` that the float network
    memorised: with verification forced to fail the members trained but none succeeded
    (the two swapped would read the other way round)."""
    monkeypatch.setattr(sign_module, "verify", lambda net, fn: SimpleNamespace(ok=False))
    opts = SearchOptions.of(steps=300, activation="sign")
    out = sign_train_task(make_task(SearchTarget(table="0001").data_config(), [1], 2, 0.05,
                                    opts))
    assert out.trained.all() and not out.success.any()


def test_the_worker_builds_the_tasks_depth():
    """``train_built`` passes the task's depth to the builder (a depth-2 task trained one
    hidden layer when it passed 1)."""
    depths = []

    def builder(*args):
        depths.append(args[2])  # (d_in, classes, depth, widths, ...)
        return BatchedMLP(*args)

    task = make_task(SearchTarget(table="0110").data_config(), [2], 1, 0.1,
                     SearchOptions.of(steps=5, depth=2))
    train_built(task, builder)
    assert depths == [2]


# ------------------------------------------------------------------------- a saved study
def test_a_family_listed_twice_in_any_case_is_refused():
    """"parity" and "PARITY" are one family (the path ``--report`` reads a config by)."""
    with pytest.raises(UsageError, match="repeats"):
        HardnessConfig(inputs=2, families=("parity", "PARITY"))


def test_the_ceiling_holds_a_size_found_at_it_and_a_failure_in_every_layer():
    """A search may find its size exactly at ``max_width`` (width 4 of 4), and at depth 2
    its failing size below may be the ceiling's width in both layers (8 hidden units):
    both load; one unit more is refused."""
    at_ceiling = TrainedFunctionSize("relu", 1, 4, 4, 4, 4, (0.51, 1.0), 0.01, 3, 0)
    check_loaded(study(row(at_ceiling), max_width=4))
    with pytest.raises(UsageError, match="above the study's ceiling max_width 3"):
        check_loaded(study(row(at_ceiling), max_width=3))
    unfound = TrainedFunctionSize("relu", 2, None, None, 0, 4, (0.0, 0.49), None, 8, 0)
    check_loaded(study(row(unfound), max_width=4, depth=2))
    with pytest.raises(UsageError, match="below_hidden is 9, above the ceiling's 4 x 2"):
        check_loaded(study(row(dataclasses.replace(unfound, below_hidden=9)), max_width=4,
                           depth=2))


@pytest.mark.parametrize("edit, words", [
    (dict(relu=dataclasses.replace(FOUND, successes=2, trials=3, interval=(0.2, 0.9))),
     "relu.trials is 3, not the study's trials 4"),
    (dict(sign=dataclasses.replace(FOUND, activation="sign")),
     "sign is set but the study's sign is false"),
    (dict(functions=0), "functions must be an integer >= 1, got 0"),
    (dict(relu=dataclasses.replace(FOUND, best_lr=float("inf"))),
     "best_lr must be a finite number"),
    (dict(relu=dataclasses.replace(FOUND, interval=(0.51, 1.5))),
     r"interval must be two numbers 0 <= lo <= hi <= 1"),
    # a found size reached p; the failing size below and an unfound top did not
    (dict(relu=dataclasses.replace(FOUND, successes=1, interval=(0.05, 0.7))),
     "1 of 4 trials does not reach the success rate 0.5, but hidden is set"),
    (dict(relu=TrainedFunctionSize("relu", 1, None, None, 2, 4, (0.15, 0.85), None, 4, 2)),
     "2 of 4 trials reaches the success rate 0.5, but hidden is null"),
    (dict(relu=dataclasses.replace(FOUND, below_successes=2)),
     r"the failing size below reached the success rate 0.5 \(2 of 4 trials\)"),
])
def test_a_saved_row_that_the_study_cannot_have_written_is_refused(edit, words):
    """Fewer trials than the study ran, sign data in a study without sign units, a row
    standing for no function, an infinite learning rate, an interval reaching past 1, and
    counts that contradict the success rate p = 0.5 (each check dropped or loosened in the
    audit's mutants passed its edited file)."""
    check_loaded(study(row()))
    with pytest.raises(UsageError, match=words):
        check_loaded(study(row(**edit)))


def test_rows_trained_at_another_depth_than_the_studys_are_refused():
    """A depth-2 study's rows train at depth 2: depth-1 rows under it printed "depth 2"
    beside gaps taken against the layered minimum."""
    check_loaded(study(row(dataclasses.replace(FOUND, depth=2, hidden=8)), depth=2))
    with pytest.raises(UsageError, match="relu.depth is 1, not the study's depth 2"):
        check_loaded(study(row(), depth=2))


def test_a_ceiling_at_the_known_size_is_a_measured_gap():
    """Nothing trained up to exactly the known 3 hidden units: the gap is measured (the
    trained size is above the known one), not "unmeasured" (only a ceiling below 3 is)."""
    unfound = TrainedFunctionSize("relu", 1, None, None, 0, 4, (0.0, 0.49), None, 3, 0)
    assert row(unfound).gap_unmeasured is False
    below = dataclasses.replace(unfound, below_hidden=2)
    assert row(below).gap_unmeasured is True


def test_rows_with_an_unmeasured_gap_rank_before_diverged_rows():
    """Among rows with no size found, a ceiling below the known size ranks before a recipe
    that diverged (both after measured rows)."""
    low = TrainedFunctionSize("relu", 1, None, None, 0, 4, (0.0, 0.49), None, 1, 0)
    lost = dataclasses.replace(low, diverged=True)
    result = study(row(lost, family="majority"), row(low), families=("parity", "majority"))
    assert [r.label for r in result.ranked()] == ["parity", "majority"]


def test_rows_csv_holds_the_intervals_lower_and_upper_ends():
    relu = TrainedFunctionSize("relu", 1, 4, 4, 3, 4, (0.3, 0.95), 0.01, 3, 0)
    frame = study(row(relu)).to_frame()
    assert (frame.relu_lo[0], frame.relu_hi[0]) == (0.3, 0.95)


def test_a_network_file_is_named_without_path_separators(tmp_path):
    """``write_hardness`` names a row's network file after its label with ':' and '/' made
    '-' (a '/' pointed into a sub-folder that does not exist; memcap's own labels hold
    ':', callers of the API may write '/')."""
    relu = TrainedFunctionSize("relu", 1, 4, 4, 2, 2, (0.34, 1.0), 0.1, 3, 0)
    net = build(BooleanFunction.from_strings("0110"), "parity").to_dict()
    labelled = HardnessRow("parity", "a/b:c", 2, "0110", 1, KNOWN, relu, None, net)
    cfg = HardnessConfig(inputs=2, families=("parity",), sign=False, trials=2)
    out = write_hardness(HardnessResult(cfg, [labelled], 0.0), tmp_path / "h")
    assert (out / "networks" / "a-b-c.json").is_file()


# -------------------------------------------------------------------------------- the CLI
TINY = ["--trials", "1", "--steps", "1", "--max-width", "1", "--no-sign", "--lrs", "0.1",
        "--workers", "1"]


def test_the_default_families_at_five_inputs_leave_npn_out(capsys):
    """npn (every NPN class, M <= 4) is not one of M = 5's default families: it is left out
    rather than refused."""
    code, out, err = memcap_main(capsys, "hardness", "--inputs", "5", *TINY, "--json")
    assert code == 0, err
    assert json.loads(out)["config"]["families"] == ["random", "parity", "majority",
                                                      "threshold", "dnf"]


@pytest.mark.parametrize("extra, words", [
    (["--json", "--markdown"], "--json or --markdown"),
    (["--overwrite"], "--out"),
])
def test_options_that_cannot_go_together_are_refused_before_training(capsys, extra, words):
    code, out, err = memcap_main(capsys, "hardness", "--inputs", "2", "--families", "parity",
                                 *TINY, *extra)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1 and out == ""


def test_a_report_of_a_newer_format_says_so_instead_of_calling_the_file_damaged(capsys,
                                                                                 tmp_path):
    """A ``memcap.hardness/3`` file is refused as a newer memcap's, not as damaged with
    "write it again" (the format refusal came wrapped in the damaged-file message)."""
    data = study(row()).to_dict()
    for tag, words in [("memcap.hardness/3", "a newer memcap wrote it"),
                       ("memcap.recipes/1", "not a memcap.hardness/2 result")]:
        (tmp_path / "hardness.json").write_text(json.dumps({**data, "format": tag}))
        code, _, err = memcap_main(capsys, "hardness", "--report", tmp_path)
        assert code == 2 and len(err.strip().splitlines()) == 1 and words in err
        assert "write it again" not in err


@pytest.mark.parametrize("width, trials, words", [(-3, None, "width must be an integer >= 0"),
                                                  (2.5, None, "width must be an integer"),
                                                  (2, 0, "trials must be an integer >= 1")])
def test_sign_networks_refuse_a_width_or_trial_count_they_would_not_train(width, trials, words):
    """train_sign_networks trained width 1 for width -3 and width 2 for 2.5 (max(int(w), 1));
    a trial count below 1 is refused too (2026-12-07 audit's note)."""
    from empirical.hardness.sign import train_sign_networks
    from empirical.search.size import SearchOptions, SearchTarget

    opts = SearchOptions.of(steps=5, activation="sign", seeds=1)
    with pytest.raises(UsageError, match=words):
        train_sign_networks(SearchTarget(function="parity", inputs=2), opts, width, 0.03,
                            trials=trials)
