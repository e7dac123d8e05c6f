"""Edges of the exact minima (solver, search, Shannon merges, reuse, enumeration, witnesses,
the printout) that a mutation audit (2026-12-07) found no test pinned. Several are about
soundness: a capped or undecided solve is never a proof, every network the search returns is
verified. Each test fails on the mutants its docstring names."""

import contextlib
import io

import numpy as np
import pytest

import constructions.exact.search as search
from capacity.errors import UsageError
from constructions.boolean import BooleanFunction, all_inputs
from constructions.builders import build
from constructions.exact import reuse
from constructions.exact.brute import layered_levels
from constructions.exact.construct import _print, exact_summary
from constructions.exact.shannon import cofactor_value, cofactors, merge_cofactor_networks
from constructions.exact.solver import SolveOutcome, solve_size
from constructions.exact.witness_networks import witness_records
from constructions.exact.witnesses import any_depth_witnesses, layered_witnesses
from constructions.families import make_function
from constructions.network import Layer, SignNetwork
from constructions.verify import verify

PARITY4 = BooleanFunction.from_strings("0110100110010110")
AND_OR = BooleanFunction.from_strings("0001,0111")


def _negated_output(net: SignNetwork) -> SignNetwork:
    """``net`` with its output unit negated: a wrong network of the same shape."""
    *first, last = net.layers
    bad = Layer.from_lists((-last.weights).tolist(), (-last.biases).tolist(),
                           list(last.sources))
    return SignNetwork(net.inputs, (*first, bad), method=net.method)


# ------------------------------------------------------------------------------- solver
def test_a_weight_capped_infeasible_is_no_proof():
    """A cap below the complete weight bound of any unit proves nothing: sign(3x0 + x1 + x2 +
    x3) needs a weight above 1 (capped at 1: 'unknown', not 'infeasible'); 4-bit parity in two
    any-depth neurons has units of bounds 55 and 216, and a cap of 55 covers only the first
    (checking only the first unit's bound gave 'infeasible')."""
    x = all_inputs(4).astype(int)
    threshold = BooleanFunction((x @ np.array([3, 1, 1, 1]) > 0)[None, :])
    assert solve_size(threshold, 1, "any-depth", workers=1).status == "feasible"
    assert solve_size(threshold, 1, "any-depth", workers=1, weight_cap=1).status == "unknown"
    capped = solve_size(PARITY4, 2, "any-depth", workers=1, weight_cap=55, time_limit=60)
    assert capped.status == "unknown"


def test_fewer_neurons_than_outputs_are_refused():
    with pytest.raises(UsageError):
        solve_size(AND_OR, 1, "any-depth", workers=1)


def test_the_time_limit_bounds_the_whole_solve():
    """The portfolio that takes over from the one-worker phase shares the limit (it was given
    the whole limit again: about 6 s for a 3 s limit). 5-bit parity in 5 layered neurons is
    undecided for minutes."""
    parity5 = BooleanFunction.from_strings(
        "".join(str(bin(i).count("1") % 2) for i in range(32)))
    out = solve_size(parity5, 5, "layered", time_limit=3.0)
    assert out.status == "unknown" and out.seconds < 4.5


# ------------------------------------------------------------------------------- search
def test_an_undecided_size_is_never_claimed_impossible(monkeypatch):
    """(AND, OR) of two inputs has a 2-neuron layered network. With CP-SAT undecided at 2 (as
    after a time-out) and a larger start, the lower bound stays at most 2: 'unknown' is no
    proof, nor is the one-hidden-unit argument or monotonicity from the proof at 3 (each
    certified exactly 4)."""
    real = search.solve_size

    def undecided_at_two(function, k, arch, **kw):
        return SolveOutcome("unknown", None, None, 0.0) if k == 2 else real(function, k,
                                                                                arch, **kw)

    big = build(AND_OR, "lookup", strict_layers=True)
    assert big.sizes().neurons > 2 and search.fits_arch(big, "layered")
    monkeypatch.setattr(search, "solve_size", undecided_at_two)
    monkeypatch.setattr(search, "_construction", lambda function, arch: big)
    result = search.exact_minimum(AND_OR, "layered", time_limit=30, workers=1)
    assert result.lower <= 2 < result.upper


def test_a_network_with_a_skip_edge_is_not_layered():
    net = build(BooleanFunction.from_strings("01101001"), "parity")
    assert any(s < net.inputs for s in net.layers[-1].sources)
    assert not search.fits_arch(net, "layered") and search.fits_arch(net, "any-depth")


def test_the_search_verifies_the_network_it_found(monkeypatch):
    real = search.network_from_hidden
    monkeypatch.setattr(search, "network_from_hidden",
                        lambda *a, **kw: _negated_output(real(*a, **kw)))
    with pytest.raises(RuntimeError, match="failed verification"):
        search.exact_minimum(make_function("random", 5, seed=1), "any-depth", time_limit=60)


def test_the_search_verifies_a_shannon_merged_network(monkeypatch):
    """At M = 5 a Shannon merge of the cofactors' minima beats a large start; a wrong merge
    is refused, not returned."""
    f = make_function("random", 5, seed=1)
    real = search.merge_cofactor_networks
    monkeypatch.setattr(search, "merge_cofactor_networks",
                        lambda n1, n0, j: _negated_output(real(n1, n0, j)))
    big = build(f, "lookup")
    monkeypatch.setattr(search, "_construction", lambda function, arch: big)
    with pytest.raises(RuntimeError, match="failed verification"):
        search.exact_minimum(f, "any-depth", time_limit=2, workers=1)


# ------------------------------------------------------------------- shannon and reuse
def test_cofactors_take_an_input_index_below_m_and_a_bit_0_or_1():
    with pytest.raises(UsageError):
        cofactors(BooleanFunction.from_strings("0110"), 2)
    with pytest.raises(UsageError):
        cofactor_value(6, 2, 2, 1)
    with pytest.raises(UsageError):
        cofactor_value(6, 2, 0, True)


def test_merged_cofactor_networks_have_one_input_count():
    n2 = build(BooleanFunction.from_strings("0110"), "parity", strict_layers=True)
    n3 = build(BooleanFunction.from_strings("01101001"), "parity", strict_layers=True)
    with pytest.raises(UsageError):
        merge_cofactor_networks(n3, n2, 0)


def test_the_reuse_merge_verifies_its_network():
    """Given networks of the complement of each cofactor, it raises (or finds nothing); it
    never returns a network that does not compute the table."""
    value = 400336  # the docstring's example: the reuse merge gives 4 neurons
    try:
        net = reuse.reuse_merge(value, fb_units=lambda v: reuse._minimal_units(v ^ 0xFFFF))
    except RuntimeError as err:
        assert "wrong network" in str(err)
    else:
        if net is not None:
            values, _ = reuse._evaluate(net)
            target = np.where(reuse._bits(value, 32) == 1, 1, -1)
            assert (values[-1] == target).all()


# --------------------------------------------------------------- enumeration, witnesses
def test_enumeration_and_witnesses_refuse_sizes_outside_their_range():
    with pytest.raises(UsageError):
        layered_levels(4, 3)  # 0 to 2 hidden units at M = 4 (3 ran for minutes)
    with pytest.raises(UsageError):
        witness_records("any-depth", 0)
    with pytest.raises(UsageError, match="1 <= M <= 4"):
        layered_witnesses(0)


def test_regenerated_witness_records_realise_their_tables():
    """Every M = 2 record, both architectures: odd pre-activations with the table's signs."""
    x = all_inputs(2).astype(np.int64)
    for rec in layered_witnesses(2):
        want = np.array([c == "1" for c in rec["table"]])
        if rec["hidden_weights"]:
            pre_h = x @ np.array(rec["hidden_weights"]).T + np.array(rec["hidden_biases"])
            assert (pre_h % 2 != 0).all(), rec
            pre = np.where(pre_h > 0, 1, -1) @ np.array(rec["output_weights"]) \
                + rec["output_bias"]
        else:
            pre = np.full(4, rec["output_bias"])
        assert (pre % 2 != 0).all() and ((pre > 0) == want).all(), rec
    for rec in any_depth_witnesses(2):
        want = np.array([c == "1" for c in rec["table"]])
        values = [x[:, 0], x[:, 1]]
        for unit in rec["units"]:
            pre = np.asarray(sum(w * v for w, v in zip(unit["weights"], values, strict=False))
                             + unit["bias"]) * np.ones(4, dtype=np.int64)
            assert (pre % 2 != 0).all(), rec
            values.append(np.where(pre > 0, 1, -1))
        assert ((values[-1] > 0) == want).all(), rec


# ------------------------------------------------------------------------- the printout
def _printed(summary: dict) -> str:
    summary.pop("network")
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        _print(summary)
    return buffer.getvalue()


def test_one_outputs_exact_minimum_is_over_every_network():
    text = _printed(exact_summary(BooleanFunction.from_strings("0110"), "any-depth", 30.0))
    assert "EXACT minimum: 2 neurons" in text and "no unit reads an output" not in text


def test_a_bracket_is_printed_as_a_bracket():
    for seed in (1, 2, 3):
        summary = exact_summary(make_function("random", 5, seed=seed), "any-depth", 0.05,
                                workers=1)
        exact = summary["certificate"]["exact"]
        text = _printed(summary)
        assert ("EXACT minimum" in text) == exact and ("BRACKET" in text) == (not exact)


def test_verify_agrees_with_the_searchs_result_on_a_small_map():
    """A sanity anchor for the tests above: the search's network for (AND, OR) verifies."""
    result = search.exact_minimum(AND_OR, "layered", time_limit=30, workers=1)
    assert result.lower == result.upper == 2 and verify(result.network, AND_OR).ok


# ------------------------------------------------------------ more of the same audit
def test_a_brackets_certificate_says_so():
    """A bracket [2, 4] and [3, 4]: the certificate's lower bound is the proven one and
    'exact' is False (upper for lower, or 'within one', passed every test)."""
    net = build(AND_OR, "lookup")
    for lower in (2, 3):
        cert = search.ExactResult("any-depth", net, lower, 4).certificate()
        assert cert["lower_bound"] == lower and cert["upper_bound"] == 4
        assert cert["exact"] is False
    assert search.ExactResult("any-depth", net, 4, 4).certificate()["exact"] is True


def test_a_proven_bound_above_a_verified_network_is_an_error(monkeypatch):
    """A shipped bound one above XOR's verified 2-neuron network contradicts it: memcap raises
    instead of printing lower 3, upper 2."""
    monkeypatch.setattr(search, "shipped_lower_bound",
                        lambda function, arch: (3, "table", "a planted wrong bound"))
    with pytest.raises(RuntimeError, match="contradicts"):
        search.exact_minimum(BooleanFunction.from_strings("0110"), "any-depth", workers=1)


def test_the_search_refuses_more_inputs_than_it_takes():
    with pytest.raises(UsageError):
        search.exact_minimum(BooleanFunction(np.zeros((1, 1 << 9), dtype=bool)), "any-depth")


def test_a_layered_shannon_merge_stays_layered():
    """At M = 5 the merge of the cofactors' layered minima is itself layered (the any-depth
    merge in its place gave a network with skip edges as a layered upper bound)."""
    f = make_function("random", 5, seed=1)
    net = search._shannon_upper(f, 3.0, 1, "layered")
    assert "shannon" in net.method and verify(net, f).ok
    assert search.fits_arch(net, "layered")
    assert not search.fits_arch(search._shannon_upper(f, 3.0, 1, "any-depth"), "layered")
