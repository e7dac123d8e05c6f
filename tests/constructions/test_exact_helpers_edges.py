"""Edges of the exact-minimum helpers (constructions/exact: brute, npn, separate, shannon,
reuse, witnesses, witness_networks, construct) that a mutation audit found no test reaching
(2026-12-07), and the refusals it found missing. Each test fails on its mutant or the old
code."""
import numpy as np
import pytest
import typer

import constructions.exact.construct as construct_module
import constructions.exact.witnesses as witnesses_module
import constructions.export as export_module
from capacity.errors import UsageError
from constructions.boolean import BooleanFunction
from constructions.builders import build
from constructions.exact.brute import any_depth_levels, layered_levels, threshold_tables
from constructions.exact.npn import canonical_forms, table_string
from constructions.exact.reuse import reuse_merge
from constructions.exact.separate import gate_weight_bound
from constructions.exact.shannon import cofactor_positions, cofactors, merge_cofactor_layered
from constructions.exact.tables import load_minimal_table
from constructions.exact.witness_networks import move_input_weights, witness_of, witness_records
from constructions.network import Layer, SignNetwork
from constructions.verify import verify


def test_the_layered_enumeration_agrees_with_the_shipped_four_input_table():
    """Colliding hidden-unit codes claimed 52 428 functions at 3 neurons instead of 39 732:
    unsound minima. The full comparison is a slow test; levels 1 and 3 take 0.3 s."""
    levels = layered_levels(4, 2)
    shipped = load_minimal_table(4, "layered").functions_by_neurons
    assert int((levels == 1).sum()) == shipped[1]
    assert int((levels == 3).sum()) == shipped[3]


def test_more_any_depth_neurons_change_nothing_once_every_function_is_reached():
    """Every function of two inputs needs at most 2 neurons, and of one input 1: enumerating
    further adds nothing (any_depth_levels(1, 4) raised a bare ValueError: no chain state was
    left to extend)."""
    for k in (3, 4):
        assert np.array_equal(any_depth_levels(2, k), any_depth_levels(2, 2))
    for k in (3, 4, 5):
        assert any_depth_levels(1, k).tolist() == [1, 1, 1, 1]


@pytest.mark.parametrize("call, words", [
    (lambda: any_depth_levels(1, 6), "any-depth enumeration needs"),
    (lambda: any_depth_levels(3, 4), "any-depth enumeration needs"),
    (lambda: layered_levels(2.5), "layered enumeration supports"),
    (lambda: layered_levels(2, 1.5), "layered enumeration supports"),
    (lambda: threshold_tables(6), "0 <= n <= 5"),
    (lambda: canonical_forms(0), "1 <= M <= 4"), (lambda: canonical_forms(5), "1 <= M <= 4"),
    (lambda: canonical_forms(2.5), "1 <= M <= 4"),
    (lambda: gate_weight_bound("3"), "fan-in"), (lambda: gate_weight_bound(None), "fan-in"),
    (lambda: reuse_merge(-1), r"\[0, 2\^32\)"), (lambda: reuse_merge(1 << 32), r"\[0, 2\^32\)"),
    (lambda: reuse_merge(2.5), r"\[0, 2\^32\)"),
    (lambda: witness_of("any-depth", -1, 2), r"\[0, 2\^4\)"),
    (lambda: witness_of("any-depth", 16, 2), r"\[0, 2\^4\)"),
    (lambda: witness_of("any-depth", 2.5, 2), r"\[0, 2\^4\)"),
    (lambda: witness_records("layered", 2.5), "witnesses exist for 1 to"),
    (lambda: cofactor_positions(3, 5, 1), "input index j"),
    (lambda: cofactor_positions(3, 1, 2), "value must be 0"),
    (lambda: move_input_weights([[3, 5]], -1, 2), "transform must be an integer"),
    (lambda: table_string(99, 2), "table_string")])
def test_out_of_domain_arguments_are_refused_at_once(call, words):
    """Refused in one line before any work: the enumerations beyond their documented sizes
    (a mutant started them), non-integers (bare TypeErrors, or 2.5 read as 2), and indices
    out of range (cofactor positions 32..35 of an 8-entry table, transform -1 wrapping to the
    last one, 99 printed as the two-input table '1100')."""
    with pytest.raises(UsageError, match=words):
        call()


def test_a_layered_shannon_merge_checks_its_input_index():
    """j = -1 returned a network of another function, j = M a bare IndexError."""
    f = BooleanFunction.from_strings("01101001")
    f1, f0 = cofactors(f, 2)
    n1, n0 = (build(g, "parity", strict_layers=True) for g in (f1, f0))
    assert verify(merge_cofactor_layered(n1, n0, 2), f).ok
    for j in (-1, 3, 1.5):
        with pytest.raises(UsageError, match="input index j"):
            merge_cofactor_layered(n1, n0, j)


@pytest.mark.parametrize("value", [3907149204, 4071050724, 2694805173,  # need the "or" mode
                                   2444712010, 3639700191, 3445702192])  # cheapest cofactor first
def test_the_reuse_merge_finds_three_neuron_networks(value):
    net = reuse_merge(value)
    assert net is not None and len(net) == 3


def test_a_witness_is_kept_only_after_it_verifies(monkeypatch):
    """A wrong network from the assembly (its output negated) is an error, not a witness."""
    assemble = witnesses_module.network_from_hidden

    def negated(*args, **kwargs):
        net = assemble(*args, **kwargs)
        *front, last = net.layers
        flipped = Layer.from_lists((-last.weights).tolist(), (-last.biases).tolist(),
                                   list(last.sources))
        return SignNetwork(net.inputs, (*front, flipped), method=net.method)

    monkeypatch.setattr(witnesses_module, "network_from_hidden", negated)
    with pytest.raises(RuntimeError, match="failed verification"):
        witnesses_module.layered_witnesses(2)


def test_an_exact_network_that_fails_verification_is_not_saved(monkeypatch, tmp_path):
    f = BooleanFunction.from_strings("0110")
    real = construct_module.exact_summary(f, "any-depth", 10.0)

    def failing(*args, **kwargs):
        return {**real, "verification": {**real["verification"], "ok": False}}

    monkeypatch.setattr(construct_module, "exact_summary", failing)
    out = tmp_path / "net.json"
    with pytest.raises(typer.Exit) as stopped:
        construct_module.run_exact(f, "any-depth", 10.0, out, None, True)
    assert stopped.value.exit_code == 1 and not out.exists()


@pytest.mark.parametrize("limit, drawn", [(1, False), (2, True)])
def test_the_exact_network_is_drawn_up_to_the_drawing_limit(monkeypatch, tmp_path, limit, drawn):
    """XOR's two-unit network is drawn at a limit of 2 and not at 1 (its JSON saved either
    way)."""
    monkeypatch.setattr(construct_module, "MAX_DRAW_UNITS", limit)
    monkeypatch.setattr(export_module, "MAX_DRAW_UNITS", limit)
    f = BooleanFunction.from_strings("0110")
    saved, picture = tmp_path / "net.json", tmp_path / "net.png"
    construct_module.run_exact(f, "any-depth", 10.0, saved, picture, True)
    assert saved.exists() and picture.exists() == drawn


def test_an_lp_without_a_verdict_is_never_read_as_not_separable(monkeypatch):
    """separate() answers None only on the LP's infeasibility verdict: an LP stopped by an
    iteration limit or numerical trouble, or a solution no rounding makes exact, raises
    RuntimeError (both were None, "not separable", and the exact assembler turned that into a
    user's "unit 0 is not separable" error)."""
    import types

    import scipy.optimize

    import constructions.exact.separate as sep

    and2 = ([[-1, -1], [1, -1], [-1, 1], [1, 1]], [0, 0, 0, 1])
    for status in (1, 4):
        monkeypatch.setattr(scipy.optimize, "linprog", lambda *a, status=status, **k:
                            types.SimpleNamespace(status=status, message="stopped", x=None))
        with pytest.raises(RuntimeError, match=f"without a verdict \\(HiGHS status {status}"):
            sep.separate(*and2)
    monkeypatch.setattr(scipy.optimize, "linprog", lambda *a, **k: types.SimpleNamespace(
        status=2, message="infeasible", x=None))
    assert sep.separate(*and2) is None  # the infeasibility verdict itself
    monkeypatch.undo()
    monkeypatch.setattr(sep, "_lp", lambda points, y: np.array([0.0, 0.0, -1.0]))  # a wrong LP
    with pytest.raises(RuntimeError, match="no rounding"):
        sep.separate(*and2)


@pytest.mark.parametrize("j", [3, 4, -1, 1.0])
def test_the_any_depth_merge_refuses_an_input_index_outside_the_merged_inputs(j):
    """merge_cofactor_networks checks j as the layered merge does: with j = M = 3 it built a
    network of another function (the new input's weight landed on net1's hidden unit), and
    4, -1, 1.0 were refused with messages about layer sources (2026-12-07 audit EX)."""
    from constructions.exact.shannon import merge_cofactor_networks

    net1 = SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),
                           Layer.from_lists([[1, 1]], [1], [0, 1])), method="t")
    net0 = SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),), method="t")
    with pytest.raises(UsageError, match=r"input index j must be an integer in 0\.\.2"):
        merge_cofactor_networks(net1, net0, j)
    merged = merge_cofactor_networks(net1, net0, 2)  # x2 ? (x0 OR x1) : (x0 AND x1)
    table = "".join("1" if (i >> 2 & 1 and i & 3) or i & 3 == 3 else "0" for i in range(8))
    assert verify(merged, BooleanFunction.from_strings(table)).ok


def test_hidden_tables_of_the_wrong_size_are_one_usage_error():
    """network_from_hidden of 3 hidden values for a 2-input function: one UsageError (numpy's
    reshape ValueError before, 2026-12-07 audit EX)."""
    from constructions.exact.assemble import network_from_hidden

    with pytest.raises(UsageError, match=r"must hold 2\^2 = 4 values each, got 3"):
        network_from_hidden(BooleanFunction.from_strings("0110"), np.ones(3, dtype=bool),
                            "any-depth")
