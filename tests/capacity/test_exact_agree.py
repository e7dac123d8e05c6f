"""capacity's registered exact worst cases agree with constructions.exact, and sit between the
proven lower bounds and the universal constructions' sizes."""

import pytest

from capacity.answer import answer_rows
from capacity.bounds.exact import EXACT_MAX_INPUTS, EXACT_WORST_NEURONS, FIVE_INPUT_LOWER
from capacity.evaluate import evaluate_bound
from capacity.registry import get_bound
from constructions.builders import depth3_size, lookup_size, xorsys_size
from constructions.exact.tables import compute_minimal_table, load_minimal_table

ARCHS = ("any-depth", "layered")


@pytest.mark.parametrize("arch", ARCHS)
def test_registered_values_equal_the_shipped_tables(arch):
    for m in range(1, EXACT_MAX_INPUTS + 1):
        assert EXACT_WORST_NEURONS[arch][m] == load_minimal_table(m, arch).worst_case_neurons


@pytest.mark.parametrize("arch", ARCHS)
@pytest.mark.parametrize("m", [1, 2, 3])
def test_registered_values_equal_a_recomputation(arch, m):
    assert EXACT_WORST_NEURONS[arch][m] == compute_minimal_table(m, arch).worst_case_neurons


def test_exact_values_sit_between_bounds_and_constructions():
    from capacity.solvers import gated_worst_case_neurons

    for row in answer_rows(5):
        m = row["M"]
        any_depth, layered = EXACT_WORST_NEURONS["any-depth"][m], EXACT_WORST_NEURONS["layered"][m]
        assert row["neurons, any depth (exact, M ≤ 5)"] == any_depth
        assert row["neurons, 1 hidden layer (exact, M ≤ 5)"] == layered
        assert any_depth >= row["neurons, any depth (lower, best)"]  # never below a proof
        assert any_depth <= layered  # a layered network is an any-depth one
        assert any_depth <= min(depth3_size(m), xorsys_size(m), lookup_size(m))
        assert layered <= min(lookup_size(m), gated_worst_case_neurons(m))  # one hidden layer
        if m >= 2:  # at M = 1 the layered model allows the output alone (every map is threshold)
            assert layered >= row["neurons, 1 hidden layer (lower, counting)"]


def test_outside_the_computed_range_there_is_no_number():
    ev = evaluate_bound(get_bound("exact.any-depth"), {"M": 6, "N": 1})
    assert ev.rounded is None and "M ≤ 5" in ev.note
    ev = evaluate_bound(get_bound("exact.one-hidden-layer"), {"M": 6, "N": 1})
    assert ev.rounded is None and "M ≤ 5" in ev.note
    ev = evaluate_bound(get_bound("exact.one-hidden-layer"), {"M": 3, "N": 2})
    assert ev.rounded is None and "N = 1" in ev.note


@pytest.mark.parametrize(("arch", "bound_id", "lower_id"),
                         [("any-depth", "certified.any-depth-m5", "refuted.any-depth-m5"),
                          ("layered", "certified.one-hidden-layer-m5",
                           "refuted.one-hidden-layer-m5")])
def test_the_five_input_bounds_are_the_certificates_and_form_the_brackets(arch, bound_id,
                                                                           lower_id):
    from capacity.bounds.exact import FIVE_INPUT_LOWER, FIVE_INPUT_UPPER
    from constructions.exact.five import FIVE_INPUT_TARGETS, check_five_input_lower

    upper, lower = FIVE_INPUT_UPPER[arch], FIVE_INPUT_LOWER[arch]
    assert FIVE_INPUT_TARGETS[arch] == upper
    # the certificates themselves take a minute (layered) and ten (any depth): they run under
    # --runslow in tests/constructions/test_five.py
    # the refutation, rechecked: its cuts always, CP-SAT's infeasibility proof at any depth
    # (3 s); the layered proof takes 90 s and runs under --runslow (tests/constructions)
    assert check_five_input_lower(arch, solve=arch == "any-depth") == lower
    for bid, value in ((bound_id, upper), (lower_id, lower)):
        assert evaluate_bound(get_bound(bid), {"M": 5, "N": 1}).value == value
        assert evaluate_bound(get_bound(bid), {"M": 6, "N": 1}).value is None
        assert evaluate_bound(get_bound(bid), {"M": 5, "N": 2}).value is None
    # above the M = 4 worst case, which persists at M = 5: the refutation is new information
    assert EXACT_WORST_NEURONS[arch][4] < lower <= upper
    assert lower == upper == EXACT_WORST_NEURONS[arch][5]
    row = answer_rows(5)[-1]
    assert row["neurons, any depth (lower, best)"] == FIVE_INPUT_LOWER["any-depth"]
    assert row["neurons, any depth (exact, M ≤ 5)"] == FIVE_INPUT_LOWER["any-depth"]
    assert row["neurons, 1 hidden layer (exact, M ≤ 5)"] == FIVE_INPUT_LOWER["layered"]
    assert upper == {"any-depth": 4, "layered": 6}[arch]  # reuse merge/witnesses; gated + 5 729
    assert upper < lookup_size(5) and (arch == "layered" or upper < xorsys_size(5))


@pytest.mark.parametrize("m", range(1, 11))
@pytest.mark.parametrize("n", [1, 2, 3, 8, 64])
def test_the_persisting_worst_cases_stay_below_every_construction(m, n):
    from capacity.solvers import gated_worst_case_neurons, hall_worst_case_neurons

    any_depth = evaluate_bound(get_bound("exact.persists.any-depth"), {"M": m, "N": n}).value
    layered = evaluate_bound(get_bound("exact.persists.one-hidden-layer"),
                             {"M": m, "N": n}).value
    top = min(m, EXACT_MAX_INPUTS)
    if m < 5:
        assert any_depth == EXACT_WORST_NEURONS["any-depth"][top]
        assert layered == EXACT_WORST_NEURONS["layered"][top] - 1 + n
    else:  # the refuted five-input functions persist
        assert any_depth == FIVE_INPUT_LOWER["any-depth"] == EXACT_WORST_NEURONS["any-depth"][5]
        assert layered == FIVE_INPUT_LOWER["layered"] - 1 + n
    lookup = lookup_size(m, outputs=n)
    assert any_depth <= min(depth3_size(m, n), xorsys_size(m, n), hall_worst_case_neurons(m, n),
                            lookup)
    assert layered <= min(gated_worst_case_neurons(m, n), lookup)
    if n == 1 and m == 5:  # the exact worst cases 4 and 6
        assert (any_depth, layered) == (4, 6)
