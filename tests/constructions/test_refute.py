"""The cut search (constructions.exact.refute) decides "k neurons suffice" exactly: it agrees
with the proven minima of every M ≤ 3 class and random M = 4 functions, its networks are
verified, and its refutations check — and stop checking when anything in them is changed."""

import re
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capacity.errors import UsageError
from constructions.boolean import BooleanFunction, all_inputs
from constructions.exact.npn import input_transforms
from constructions.exact.refute import (
    Refutation,
    _rows,
    check_refutation,
    clause_units,
    decide_by_cuts,
    refutation_from_dict,
)
from constructions.exact.separate import separable
from constructions.exact.tables import load_minimal_table
from constructions.verify import verify

ARCHS = ("any-depth", "layered")


def _decide_and_check(table: str, arch: str, minimum: int) -> None:
    f = BooleanFunction.from_strings(table)
    yes = decide_by_cuts(f, minimum, arch)
    assert yes.status == "feasible"
    assert yes.network.sizes().neurons <= minimum
    assert verify(yes.network, f).ok
    if minimum > 1:
        no = decide_by_cuts(f, minimum - 1, arch)
        assert no.status == "infeasible" and no.network is None
        check_refutation(no.refutation)


@pytest.mark.parametrize("arch", ARCHS)
@pytest.mark.parametrize("m", [1, 2, 3])
def test_agrees_with_the_proven_minimum_of_every_class(m, arch):
    for cls in load_minimal_table(m, arch).classes:
        _decide_and_check(cls["table"], arch, cls["neurons"])


@settings(max_examples=8, deadline=None)
@given(cls=st.integers(0, 221), transform=st.integers(0, 383), negate=st.booleans(),
       arch=st.sampled_from(ARCHS))
def test_agrees_with_the_proven_minimum_at_four_inputs(cls, transform, negate, arch):
    """A random M = 4 class, moved by a random input permutation-with-negations (the minimum is
    invariant)."""
    row = load_minimal_table(4, arch).classes[cls]
    bits = np.array([c == "1" for c in row["table"]])
    moved = bits[input_transforms(4)[transform]] ^ negate
    _decide_and_check("".join("1" if b else "0" for b in moved), arch, row["neurons"])


@settings(max_examples=20, deadline=None)
@given(value=st.integers(0, 255), arch=st.sampled_from(ARCHS), k=st.integers(1, 3))
def test_every_cut_excludes_a_labelling_no_gate_produces(value, arch, k):
    """The verdict is the certified table's (feasible exactly from the minimum on; a feasible
    network computes the table), and each cut's points, labelled as it says, are inseparable
    (the LP agrees with the exact multipliers), the clause naming exactly the units the gate
    reads or outputs (an empty refutation of every size passed before: weak-test review)."""
    from constructions.exact.tables import minimal_neurons
    from constructions.verify import verify

    table = "".join("1" if value >> i & 1 else "0" for i in range(8))
    function = BooleanFunction.from_strings(table)
    out = decide_by_cuts(function, k, arch, minimise=False)
    assert (out.status == "feasible") == (k >= int(minimal_neurons(3, arch)[value]))
    if out.status == "feasible":
        assert out.network.sizes().neurons <= k and verify(out.network, function).ok
        return
    ref = out.refutation
    assert ref.cuts  # nothing refutes no size: some cut is needed (k ≥ 1 leaves a gate)
    check_refutation(ref, solve=False)
    f = np.array([c == "1" for c in table])
    x = all_inputs(3).astype(np.int64)
    for cut in ref.cuts:
        assert all(len(v) == len(clause_units(arch, cut.unit, k - 1)) for v in cut.values)
        rows = np.array(_rows(arch, cut.unit, k - 1, x, f, cut.points, cut.values))
        assert not (np.array(cut.multipliers) @ rows).any()
        # a row is y·(v, 1): the gate would have to put every v on the side of its label y
        labels = rows[:, -1] > 0
        assert not separable(rows[:, :-1] * rows[:, -1:], labels)


def test_a_changed_refutation_no_longer_checks():
    f = BooleanFunction.from_strings("0110")  # XOR: 2 hidden units layered, so 2 neurons fail
    ref = decide_by_cuts(f, 2, "layered").refutation
    check_refutation(ref)
    first = ref.cuts[0]
    bad_lambda = replace(first, multipliers=(first.multipliers[0] + 1,) + first.multipliers[1:])
    bad_values = replace(first, values=first.values[:-1] + ("",))
    with pytest.raises(ValueError, match="not 0"):
        check_refutation(replace(ref, cuts=(bad_lambda,) + ref.cuts[1:]))
    # a forgery that leaves some coordinates of Σ λ y (v, 1) at 0 is refused too (a mutation
    # that refused only an all-non-zero sum passed the test above; mutation review)
    two = replace(first, multipliers=tuple(v + 1 for v in first.multipliers[:2])
                  + first.multipliers[2:])
    with pytest.raises(ValueError, match="not 0"):
        check_refutation(replace(ref, cuts=(two,) + ref.cuts[1:]), solve=False)
    with pytest.raises(ValueError, match="values"):
        check_refutation(replace(ref, cuts=(bad_values,) + ref.cuts[1:]))
    with pytest.raises(ValueError, match="positive"):
        check_refutation(replace(ref, cuts=(replace(first, multipliers=(0,) * len(
            first.points)),) + ref.cuts[1:]))
    with pytest.raises(ValueError, match="positive integers"):  # True is not the integer 1
        check_refutation(replace(ref, cuts=(replace(first, multipliers=(True,) * len(
            first.points)),) + ref.cuts[1:]))
    with pytest.raises(ValueError, match="bad unit or points"):  # an empty cut
        check_refutation(replace(ref, cuts=(replace(first, points=(), values=(),
                                                    multipliers=()),) + ref.cuts[1:]))
    with pytest.raises(ValueError, match="satisfiable"):
        check_refutation(replace(ref, cuts=ref.cuts[1:]))
    # the same cuts claimed for a function that has a network (AND: one neuron) fail
    with pytest.raises(ValueError):
        check_refutation(Refutation("0001", 2, "layered", ref.cuts))


def test_a_cut_whose_weights_cancel_but_whose_bias_does_not_is_refused():
    """Dropping the bias coordinate from the check of Σ λ y (v, 1) = 0 let a false proof
    through and passed every test (2026-12-06 mutation audit): the constant +1 on one input
    does have a one-neuron network, yet x = −1 and x = +1, both labelled +1, with λ = (1, 1)
    give rows (−1, 1) and (1, 1), whose weight parts cancel while the bias part sums to 2."""
    from constructions.exact.refute import Cut

    forged = Refutation("11", 1, "any-depth", (Cut(0, (0, 1), ("", ""), (1, 1)),))
    with pytest.raises(ValueError, match=re.escape("cut 0: Σ λ y (v, 1) = [0, 2], not 0")):
        check_refutation(forged, solve=False)


def test_a_layered_output_cut_reads_the_hidden_layer_alone():
    """The layered output reads only the hidden units: its cuts' rows are (y·h, y), with no
    input coordinates. Reading the inputs too passed every test (2026-12-06 mutation audit):
    no M ≤ 3 refutation has an output cut; this M = 4 function (4 neurons layered) has."""
    f = BooleanFunction.from_strings("1101001100100010")
    ref = decide_by_cuts(f, 3, "layered").refutation
    hidden = ref.neurons - 1
    outputs = [cut for cut in ref.cuts if cut.unit == hidden]
    assert outputs
    check_refutation(ref)
    x = all_inputs(4).astype(np.int64)
    table = np.array([c == "1" for c in ref.table])
    for cut in outputs:
        rows = np.array(_rows("layered", cut.unit, hidden, x, table, cut.points, cut.values))
        assert rows.shape == (len(cut.points), hidden + 1)
        assert not (np.array(cut.multipliers) @ rows).any()
    assert decide_by_cuts(f, 4, "layered").status == "feasible"


def test_a_cut_on_a_unit_outside_the_network_or_with_repeated_points_is_refused():
    """A cut naming a unit past the output raised IndexError, not the check's ValueError; a
    repeated point is refused though it cannot forge a proof (equal rows only add up, and
    unequal values make the clause a tautology) (2026-12-06 mutation audit)."""
    ref = decide_by_cuts(BooleanFunction.from_strings("0110"), 2, "layered").refutation
    first = ref.cuts[0]
    for unit in (-1, ref.neurons):  # units are 0..neurons - 1
        with pytest.raises(ValueError, match="bad unit or points"):
            check_refutation(replace(ref, cuts=(replace(first, unit=unit),)), solve=False)
    doubled = replace(first, points=first.points + first.points[:1],
                      values=first.values + first.values[:1],
                      multipliers=first.multipliers + first.multipliers[:1])
    with pytest.raises(ValueError, match="bad unit or points"):
        check_refutation(replace(ref, cuts=(doubled,)), solve=False)


def test_refutations_round_trip_and_records_are_validated():
    ref = decide_by_cuts(BooleanFunction.from_strings("10010110"), 3, "layered").refutation
    assert ref.cuts and refutation_from_dict(ref.to_dict()) == replace(
        ref, seconds=round(ref.seconds, 1))
    with pytest.raises(ValueError, match="not a refutation"):
        refutation_from_dict({"table": "0110"})


@pytest.mark.parametrize(("table", "neurons", "message"),
                         [("0110", 0, "at least 1"), ("0" * 128, 2, "M ≤ 6")])
def test_bad_requests_are_usage_errors(table, neurons, message):
    with pytest.raises(UsageError, match=message):
        decide_by_cuts(BooleanFunction.from_strings(table), neurons)
    with pytest.raises(UsageError, match="one output"):
        decide_by_cuts(BooleanFunction.from_strings("0110,0001"), 2)


def test_exact_minimum_proves_what_cp_sat_cannot_with_the_cuts(monkeypatch):
    """With every complete-bound CP-SAT call answering `unknown` (as it does on hard M = 5
    sizes), exact_minimum still proves 5-bit parity's any-depth minimum, 3, by the cut search."""
    import constructions.exact.search as search
    from constructions.exact.solver import SolveOutcome

    real = search.solve_size

    def capped_only(function, neurons, arch, *, weight_cap=None, **kw):
        if weight_cap is None:
            return SolveOutcome("unknown", None, None, 0.0)
        return real(function, neurons, arch, weight_cap=weight_cap, **kw)

    monkeypatch.setattr(search, "solve_size", capped_only)
    monkeypatch.setattr(search, "restriction_bound", lambda f, arch: None)  # the cuts decide
    parity = BooleanFunction.from_strings("".join(str(bin(i).count("1") % 2)
                                                  for i in range(32)))
    r = search.exact_minimum(parity, "any-depth", time_limit=120)
    assert (r.exact, r.lower, r.upper) == (True, 3, 3)
    assert {p["neurons"]: p["by"] for p in r.proofs} == {1: "cuts", 2: "cuts"}
    assert "Farkas cuts" in r.certificate()["encoding"]
    assert verify(r.network, parity).ok


def test_a_feasible_answer_whose_network_fails_verification_is_a_bug(monkeypatch):
    """The cut search returns a network only after verifying it: a wrong one (here: every
    output weight negated) raises RuntimeError, never 'feasible'."""
    import constructions.exact.assemble as assemble
    from constructions.network import Layer, SignNetwork

    real = assemble.network_from_hidden

    def negated(*args, **kw):
        net = real(*args, **kw)
        out = net.layers[-1]
        flipped = Layer(-out.weights, -out.biases, out.sources)
        return SignNetwork(net.inputs, (*net.layers[:-1], flipped))

    monkeypatch.setattr(assemble, "network_from_hidden", negated)
    with pytest.raises(RuntimeError, match="failed verification"):
        decide_by_cuts(BooleanFunction.from_strings("0110"), 2, "any-depth")


def test_a_solver_call_that_times_out_is_no_proof():
    """check_refutation accepts a file only when CP-SAT proves the clauses INFEASIBLE: a call
    stopped by its time limit (UNKNOWN) must be refused, not read as a refutation (a mutant
    accepting every non-FEASIBLE status passed the whole suite; 2026-12-05 test review). The
    shipped five-input refutations need more than 10 ms each."""
    from constructions.exact.five import FIVE_LOWER_FILE
    from constructions.exact.refute import load_refutations

    refs = load_refutations(FIVE_LOWER_FILE)
    with pytest.raises(ValueError, match="could not decide the clauses in 0.01 s"):
        check_refutation(refs[0], time_limit=0.01)
