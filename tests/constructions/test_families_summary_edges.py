"""Edges of the function families, construct's summary and the bounds report that a mutation
audit (2026-12-07) found no test pinned. Each test fails on the mutants its docstring names."""

import numpy as np
import pytest

from capacity import report as bounds_report
from capacity.errors import UsageError
from capacity.evaluate import evaluate_bound
from capacity.registry import all_bounds
from constructions.boolean import BooleanFunction
from constructions.builders import build
from constructions.families import make_function, random_threshold_weights, threshold_table
from constructions.summary import construct_summary, print_summary, summary_rows
from constructions.verify import verify


# -------------------------------------------------------------------------------- families
def test_the_constant_family_takes_one_and_minus_one_only():
    assert make_function("constant", 3, value=-1).count_positive() == 0
    assert make_function("constant", 3, value=1).count_positive() == 8
    with pytest.raises(UsageError):
        make_function("constant", 3, value=2)


@pytest.mark.parametrize("value", [True, False, 1.0, np.float64(-1.0)])
def test_the_constant_value_is_an_integer_not_a_bool_or_a_float(value):
    """True, False and 1.0 compare equal to 1 or 0 and were taken as those values."""
    with pytest.raises(UsageError, match="constant value"):
        make_function("constant", 3, value=value)
    assert make_function("constant", 3, value=np.int8(-1)).count_positive() == 0


def test_threshold_weights_span_minus_m_to_m_and_a_zero_sum_is_minus_one():
    """The documented range [−M, M] is drawn at both ends (M = 2, 200 seeds); in
    ``threshold_table`` a pre-activation of exactly 0 gives −1 (the family's own bias is made
    odd, so it never meets 0)."""
    drawn = np.concatenate([random_threshold_weights(2, np.random.default_rng(s))[0]
                            for s in range(200)])
    assert drawn.min() == -2 and drawn.max() == 2
    assert threshold_table(2, [1, 1], 0).tolist() == [False, False, False, True]


@pytest.mark.parametrize("terms", [0, 1.7])
def test_dnf_needs_a_whole_number_of_terms_of_at_least_one(terms):
    with pytest.raises(UsageError):
        make_function("dnf", 4, seed=0, terms=terms)


@pytest.mark.parametrize("family", ["random", "threshold", "dnf"])
def test_a_seeded_family_is_named_with_its_seed(family):
    assert make_function(family, 3, seed=2).name == f"{family}(seed=2)"


# ---------------------------------------------------------------------- construct's summary
def test_the_summary_keeps_the_run_and_every_layer():
    function = BooleanFunction.from_strings(["0110", "0001", "0111"])  # M = 2, N = 3
    net = build(function, "lookup")
    summary = construct_summary(function, net, 1.5, verify(net, function))
    assert (summary["inputs"], summary["outputs"], summary["build_seconds"]) == (2, 3, 1.5)
    assert summary["units_per_layer"] == [layer.units for layer in net.layers]
    assert summary["units_per_layer"][-1] == 3


def _summary(**changes):
    summary = {"function": "f", "inputs": 2, "outputs": 1, "method": "lookup",
               "units_per_layer": [2, 1], "build_seconds": 0.25, "network_file": None,
               "drawing": None,
               "sizes": {"neurons": 3, "hidden": 2, "edges": 7, "parameters": 9, "depth": 2,
                         "max_abs_weight": 1},
               "verification": {"ok": True, "exhaustive": True, "checked": 4, "seconds": 0.0}}
    summary.update(changes)
    return summary


def test_the_summary_rows_say_what_each_count_is():
    rows = dict(summary_rows(_summary(), build_word="search"))
    assert rows["neurons"] == "3 (2 hidden + 1 output)"
    assert (rows["edges"], rows["parameters"]) == ("7", "9")
    assert rows["time"] == "search 0.250 s, verify 0.000 s"
    rows = dict(summary_rows(_summary(network_file="net.json", drawing="net.png")))
    assert (rows["network file"], rows["drawing"]) == ("net.json", "net.png")
    wide = _summary()
    wide["sizes"]["max_abs_weight"] = 10**29  # 30 digits: printed whole
    assert dict(summary_rows(wide))["largest |weight|"] == str(10**29)


def test_the_summary_prints_brackets_in_a_path_as_text(capsys):
    print_summary("t", [("network file", "a[/]b[bold]c.json")])
    assert "a[/]b[bold]c.json" in capsys.readouterr().out


# -------------------------------------------------------------------------- bounds report
def test_an_exact_bound_fills_both_columns_and_an_unconfirmed_one_says_so():
    bounds = all_bounds()
    checked = 0
    for bound in (b for b in bounds if b.direction == "exact" and b.kind != "order"):
        try:
            evaluated = evaluate_bound(bound, {"M": 4, "N": 1})
        except Exception:  # a bound of other symbols
            continue
        cells = bounds_report.bound_cells(evaluated)
        assert cells[3] == cells[4] == evaluated.shown
        checked += 1
    assert checked
    unconfirmed = next(b for b in bounds if b.status == "unconfirmed")
    cells = bounds_report.bound_cells(evaluate_bound(unconfirmed, {"M": 4, "N": 1}))
    assert cells[6].endswith(" [UNCONFIRMED]")
