"""Edges of the builders (depth3, lookup, dnf, parity, gated, hamming, auto, the size table
and the refusal's advice) that a mutation audit (2026-12-07) found no test pinned: limits at
their ends, tie-breaks, method labels, shared units and auto's guards. Each test fails on the
mutants its docstring names."""

import numpy as np
import pytest

import constructions.builders.auto as auto
import constructions.builders.dnf as dnf
from capacity.errors import UsageError
from constructions.boolean import BooleanFunction
from constructions.builders.auto import build_auto
from constructions.builders.depth3 import MAX_DEPTH3_INPUTS, build_depth3, depth3_size
from constructions.builders.gated import build_gated, gated_size
from constructions.builders.hamming import build_hamming
from constructions.builders.linear import build_linear
from constructions.builders.lookup import build_lookup, lookup_size
from constructions.builders.memory import memory_excess
from constructions.builders.parity import build_parity
from constructions.builders.sizes import size_table
from constructions.builders.suggest import universal_methods
from constructions.verify import verify


def _constant(m: int) -> BooleanFunction:
    return BooleanFunction(np.zeros((1, 1 << m), dtype=bool))


def build_dnf_method(function, **kw) -> str:
    """The method label of dnf's network for ``function``."""
    return dnf.build_dnf(function, **kw).method


# ------------------------------------------------------------------------ limits at ends
def test_depth3s_split_is_below_m_and_its_input_limit_is_24():
    with pytest.raises(UsageError):
        depth3_size(3, k=3)
    with pytest.raises(UsageError):
        build_depth3(BooleanFunction.from_strings("01101001"), k=3)
    assert MAX_DEPTH3_INPUTS == 24
    with pytest.raises(UsageError, match="above M = 24"):
        build_depth3(_constant(25))


def test_hamming_builds_m_20_and_dnf_m_12_without_force():
    assert build_hamming(_constant(20)).sizes().neurons == 1
    assert build_dnf_method(_constant(12)) == "dnf(greedy)"


def test_the_size_table_stops_at_62_and_its_strict_column_is_depth3s_strict_size():
    with pytest.raises(UsageError):
        size_table(63)
    rows = size_table(8)
    assert [r["depth3_strict"] for r in rows] == [4, 6, 8, 11, 15, 20, 28, 37]
    assert all(r["depth3_strict"] == r["depth3"] + r["depth3_k"] for r in rows)
    assert all(r["depth3_strict"] == depth3_size(r["M"], strict_layers=True) for r in rows)


def test_lookups_positives_count_is_for_one_output_only():
    with pytest.raises(UsageError):
        lookup_size(3, 2, outputs=2)


def test_the_refusals_advice_names_each_builder_up_to_its_limit():
    assert "'dnf'" in universal_methods(12)
    if memory_excess("lookup", 20, 1) is not None:
        pytest.skip("this machine cannot hold lookup at M = 20")
    assert "'lookup'" in universal_methods(20)


# ---------------------------------------------------------------------------------- dnf
def test_dnf_keeps_f_on_a_tie_between_the_covers_of_f_and_not_f():
    """XOR has two implicants on each side: the output stays an OR (non-negative weights,
    bias 1), like depth3's."""
    out = dnf.build_dnf(BooleanFunction.from_strings("0110")).layers[-1]
    assert out.weights.min() >= 0 and int(out.biases[0]) == 1


def test_dnfs_label_says_greedy_when_any_cover_is_greedy(monkeypatch):
    real = dnf.minimum_cover
    calls = []

    def fake(covers, exact, time_limit=30.0):
        chosen, _ = real(covers, exact, time_limit)
        calls.append(1)
        return chosen, ("ilp-incomplete" if len(calls) <= 2 else "greedy")

    monkeypatch.setattr(dnf, "minimum_cover", fake)
    assert build_dnf_method(BooleanFunction.from_strings(["0001", "0111"])) == "dnf(greedy)"


def test_dnfs_label_is_the_status_of_the_cover_it_used(monkeypatch):
    """OR is the NOR of one implicant of ¬f: an incomplete ILP on f's side (3 rows) is not
    the network's label."""
    real = dnf.minimum_cover

    def fake(covers, exact, time_limit=30.0):
        chosen, how = real(covers, exact, time_limit)
        return chosen, ("ilp-incomplete" if covers.shape[0] == 3 else how)

    monkeypatch.setattr(dnf, "minimum_cover", fake)
    assert build_dnf_method(BooleanFunction.from_strings("0111")) == "dnf(exact)"


def test_an_empty_cover_without_the_ilp_is_greedy():
    assert dnf.minimum_cover(np.zeros((0, 2), dtype=bool), exact=False)[1] == "greedy"
    assert build_dnf_method(BooleanFunction.from_strings("0000"), exact=False) == "dnf(greedy)"


# ------------------------------------------------------------------ parity, gated, auto
def test_parity_outputs_of_one_subset_share_their_hidden_units():
    f = BooleanFunction.from_strings(["01101001", "10010110"])  # parity and its negation
    assert build_parity(f).sizes().neurons == 3
    assert build_parity(f, strict_layers=True).sizes().neurons == 5


def test_a_constant_five_input_cofactor_costs_gated_one_unit():
    row = np.zeros(64, dtype=bool)
    row[:32] = True
    row[32:] = np.arange(32) % 3 == 0
    f = BooleanFunction(row)
    net = build_gated(f)
    assert verify(net, f).ok
    other = gated_size(BooleanFunction(row[32:])) - 1  # the other cofactor's hidden units
    assert net.sizes().hidden == gated_size(f) - 1 == other + 1


def test_auto_builds_no_rival_that_cannot_beat_what_it_holds(monkeypatch):
    """Majority is linear (one neuron): xorsys is not built (the result was the same, the work
    not)."""
    def boom(*args, **kwargs):
        raise AssertionError("xorsys built beside a one-neuron network")

    monkeypatch.setattr(auto, "build_xorsys", boom)
    assert build_auto(BooleanFunction.from_strings("00010111")).method == "auto:linear"


def test_auto_refuses_a_prebuilt_network_of_another_output_count():
    wrong = build_lookup(BooleanFunction.from_strings(["0110", "0001"]))
    with pytest.raises(UsageError):
        build_auto(BooleanFunction.from_strings("0110"), prebuilt={"lookup": wrong})


def test_auto_minimising_edges_breaks_a_tie_by_neurons():
    net = build_auto(BooleanFunction.from_int(25, 3), minimise="edges")
    assert net.sizes().neurons == 2, net.method


def test_auto_raises_when_its_winner_fails_verification(monkeypatch):
    """A builder's bug is never returned: a one-neuron AND network offered for XOR wins on
    size and must fail auto's exhaustive check."""
    wrong = build_linear(BooleanFunction.from_strings("0001"))
    monkeypatch.setattr(auto, "build_linear", lambda function, strict_layers=False: wrong)
    with pytest.raises(RuntimeError):
        build_auto(BooleanFunction.from_strings("0110"))


# ------------------------------------------------------------- five, xorsys, hall (audit 2)
def test_five_takes_the_cheapest_of_all_six_splits_lowest_input_on_ties():
    """At six inputs five_size and the build take the cheapest Shannon split over x0..x5 (one
    that skipped x0 built larger networks that five_size agreed with), the lowest j on a
    tie. Maps are planted so that x5 or x0 alone gives the cheapest split."""
    from constructions.builders import five
    from constructions.exact.shannon import cofactors
    from constructions.families import make_function

    def size(row):
        return five.five_size(BooleanFunction(row[None, :]))

    rows = [make_function("random", 6, seed=s).table[0] for s in range(6)]
    idx = np.arange(64)
    for j in (5, 0):  # f = x_j ? (a literal) : g, g a random five-input map
        for s in range(4):
            g = make_function("random", 5, seed=s).table[0]
            literal = ((idx >> (4 if j == 5 else 0)) & 1).astype(bool)
            low = np.array([(i & ((1 << j) - 1)) | ((i >> (j + 1)) << j) for i in idx])
            rows.append(np.where(((idx >> j) & 1) == 1, literal, g[low]).astype(bool))
    for row in rows:
        f = BooleanFunction(np.asarray(row, dtype=bool)[None, :])
        costs = [size(f1.table[0]) + size(f0.table[0])
                 for f1, f0 in (cofactors(f, j) for j in range(6))]
        best = min(costs)
        assert five.five_size(f) == best
        assert five._six_split(f.table[0])[:2] == (best, costs.index(best))
        net = five.build_five(f)
        assert net.sizes().neurons == best and verify(net, f).ok


@pytest.fixture
def fresh_xor_system_caches():
    """The decoders' caches are emptied before and after (a test swaps a system in)."""
    import constructions.builders.xor_systems as xs

    def clear():
        for name in ("_halves", "decode_table", "_join_tables"):
            getattr(xs, name).cache_clear()

    clear()
    yield xs
    clear()


def test_a_decode_table_of_a_system_that_is_not_universal_raises(monkeypatch,
                                                                  fresh_xor_system_caches):
    """Building the table is the second, independent proof of universality for m <= 4: a
    two-bit system that reaches 13 of the 16 subsets must raise, not decode wrongly."""
    xs = fresh_xor_system_caches
    monkeypatch.setitem(xs.XOR_SYSTEMS, 2, ((1, 2), (2, 1)))
    with pytest.raises(RuntimeError, match="not universal"):
        xs.decode_table(2)


def test_a_composed_decoder_that_leaves_a_residual_raises(monkeypatch,
                                                          fresh_xor_system_caches):
    xs = fresh_xor_system_caches
    real = xs._level_form_tables

    def empty_prefixes(a, b):
        prefixes, vb = real(a, b)
        return np.zeros_like(prefixes), vb

    monkeypatch.setattr(xs, "_level_form_tables", empty_prefixes)
    sets = np.random.default_rng(0).random((3, 64)) < 0.5
    with pytest.raises(RuntimeError, match="left a residual"):
        xs.decode_sets(6, sets)


def test_hall_and_xorsys_refuse_malformed_splits_and_hall_m_25(monkeypatch):
    import constructions.builders.hall as hall
    from constructions.builders.xorsys import build_xorsys, xorsys_size
    from constructions.families import make_function

    with pytest.raises(UsageError, match="bad split"):
        xorsys_size(9, split=(3, 2, 3))  # parts summing to 8 at M = 9
    with pytest.raises(UsageError, match="bad split"):
        build_xorsys(make_function("random", 9, seed=0), split=(3, 2, 3, 1))
    with pytest.raises(UsageError, match=r"a split is \(m, h, r\) or \(m, h, r, k\)"):
        xorsys_size(9, split=(3, 2, 4, 1, 0))
    with pytest.raises(UsageError, match=r"a hall split is \(e, a, c\)"):
        hall.hall_size(8, split=(1, 3, 4, 0))
    with pytest.raises(UsageError, match=r"a hall split is \(e, a, c\)"):
        hall.build_hall(make_function("random", 8, seed=0), split=(1, 3, 4, 0))
    assert hall.MAX_HALL_INPUTS == 24

    def built(*args, **kwargs):  # past the limit check: fail at once instead of building
        raise AssertionError("build_hall went on to build M = 25 without force")

    monkeypatch.setattr(hall, "_chunk_digits", built)
    with pytest.raises(UsageError, match="force=True"):
        hall.build_hall(_constant(25))
