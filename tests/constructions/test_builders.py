"""Builders: every builder realises its target exactly with odd pre-activations, and the sizes
match the documented formulas."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capacity.errors import UsageError
from constructions.boolean import BooleanFunction, all_inputs
from constructions.builders import (
    METHODS,
    build,
    depth3_k,
    depth3_size,
    jukna_sergeev_size,
    lookup_hidden,
    lookup_size,
    parity_size,
    size_table,
)
from constructions.builders._common import unit_parities_odd
from constructions.exact.search import fits_arch
from constructions.exact.tables import minimal_neurons
from constructions.families import make_function
from constructions.network import SignNetwork
from constructions.verify import verify


def assert_exact(net: SignNetwork, f: BooleanFunction) -> None:
    """Exact check on every input, no zero pre-activation, integer weights, table attached."""
    out, low = net.evaluate(all_inputs(f.inputs), return_preactivations=True)
    assert np.array_equal(out.T, f.signs())
    assert int(low.min()) >= 1  # never a zero pre-activation
    assert unit_parities_odd(net)  # the parity argument: Σw + b odd in every unit
    assert np.all(low % 2 == 1)  # and indeed every minimum |pre-activation| is odd
    assert net.truth_table == tuple(f.to_strings())
    for layer in net.layers:
        assert np.issubdtype(layer.weights.dtype, np.integer)


def expected_depth3_neurons(f: BooleanFunction, k: int, strict: bool) -> int:
    """Independent count: detectors read + distinct kept (row a, set P) units (outputs share
    equal ones) + outputs (+ k pass-throughs)."""
    m = f.inputs - k
    grids = f.table.reshape(f.outputs, 1 << k, 1 << m)
    used = np.zeros(1 << m, dtype=bool)
    kept = set()
    for g in grids:
        if (~g.all(axis=1)).sum() < g.any(axis=1).sum():
            g = ~g
        for a in np.flatnonzero(g.any(axis=1)):
            row = g[a]
            used |= ~row if row.sum() > (1 << m) // 2 else row
            kept.add((int(a), row.tobytes()))
    extra = k if strict and kept else 0
    return int(used.sum()) + len(kept) + f.outputs + extra


def all_functions(m: int):
    for v in range(1 << (1 << m)):
        yield BooleanFunction.from_int(v, m)


@pytest.mark.parametrize("m", [1, 2, 3])
def test_every_function_small_m_universal_builders(m):
    for f in all_functions(m):
        k = f.count_positive()
        net = build(f, "lookup")
        assert_exact(net, f)
        assert net.sizes().neurons == lookup_size(m, k)
        net = build(f, "dnf")
        assert_exact(net, f)
        assert net.method == "dnf(exact)"
        for strict in (False, True):
            for split in range(m):
                net = build(f, "depth3", strict_layers=strict, k=split)
                assert_exact(net, f)
                assert net.sizes().neurons == expected_depth3_neurons(f, split, strict)
                assert net.sizes().neurons <= depth3_size(m, 1, split, strict)
                if strict:  # strictly layered: every layer reads only the previous one
                    offs = [0, *net.layer_offsets()]
                    for i, layer in enumerate(net.layers):
                        lo, hi = offs[i], offs[i] + (m if i == 0 else net.layers[i - 1].units)
                        assert all(lo <= s < hi for s in layer.sources)


def test_linear_accepts_exactly_the_threshold_functions_m3():
    # 2, 14 and 104 threshold functions of 1, 2, 3 variables (OEIS A000609)
    for m, expected in ((1, 4), (2, 14), (3, 104)):
        accepted = 0
        for f in all_functions(m):
            try:
                net = build(f, "linear")
            except ValueError as exc:
                assert "is not a threshold function" in str(exc)
                continue
            accepted += 1
            assert_exact(net, f)
            assert net.sizes().neurons == 1 and net.sizes().hidden == 0
        assert accepted == expected


def test_parity_accepts_exactly_subset_parities():
    for m in (1, 2, 3):
        accepted = 0
        for f in all_functions(m):
            try:
                net = build(f, "parity")
            except ValueError as exc:
                assert "not parity" in str(exc)
                continue
            accepted += 1
            assert_exact(net, f)
        assert accepted == 2 << m  # ±χ_T for each of the 2^M subsets T


@pytest.mark.parametrize("m", [1, 2, 3, 4, 7, 8, 15, 16])
def test_parity_size(m):
    """The counter has ceil(log2(M + 1)) neurons, the staircase M + 1 in one hidden layer."""
    f = make_function("parity", m)
    for strict, size in ((False, m.bit_length()), (True, m + 1)):
        for g in (f, f.complement()):
            net = build(g, "parity", strict_layers=strict)
            assert_exact(net, g)
            assert net.sizes().neurons == parity_size(m, strict_layers=strict) == size
        counter = build(f, "parity").sizes()  # one unit per binary digit of the count, 0..M
        assert 2 ** (counter.neurons - 1) <= m < 2 ** counter.neurons
        assert counter.depth == counter.neurons
        assert counter.max_abs_weight == 2 ** (counter.neurons - 1)
        assert fits_arch(build(f, "parity", strict_layers=True), "layered")


@pytest.mark.parametrize("m", [1, 2, 3, 4])
def test_parity_counter_is_the_exact_minimum(m):
    """The certified minima of every M <= 4 function agree with ceil(log2(M + 1)) for parity
    (any depth) and M + 1 (one hidden layer), so both builders are optimal there."""
    value = int(make_function("parity", m).to_int())
    assert int(minimal_neurons(m, "any-depth")[value]) == parity_size(m)
    if m >= 2:  # one input: the output reads x itself (1 neuron), the staircase has 2
        assert int(minimal_neurons(m, "layered")[value]) == parity_size(m, strict_layers=True)


def test_linear_refuses_xor_with_clear_message():
    with pytest.raises(ValueError, match="is not a threshold function"):
        build(BooleanFunction.from_strings("0110"), "linear")


@pytest.mark.parametrize("m", [3, 12, 13, 20, 21, 24, 25])
def test_refusals_suggest_only_builders_that_accept_m(m):
    # linear and parity named dnf and lookup at every M, also where those refuse (M = 13: dnf,
    # M = 21: lookup); the message now names only the universal builders whose limit admits M
    from constructions.builders.depth3 import MAX_DEPTH3_INPUTS
    from constructions.builders.dnf import MAX_DNF_INPUTS
    from constructions.builders.hall import MAX_HALL_INPUTS
    from constructions.builders.lookup import MAX_LOOKUP_INPUTS
    from constructions.builders.suggest import universal_methods
    from constructions.builders.xorsys import MAX_XORSYS_INPUTS

    limits = {"dnf": MAX_DNF_INPUTS, "lookup": MAX_LOOKUP_INPUTS, "depth3": MAX_DEPTH3_INPUTS,
              "xorsys": MAX_XORSYS_INPUTS, "hall": MAX_HALL_INPUTS, "auto": 24}
    text = universal_methods(m)
    named = [name for name in limits if f"'{name}'" in text]
    assert named, text
    if m <= 24:
        assert all(limits[name] >= m for name in named), (m, text)
        assert "'depth3'" in text and "'auto'" in text
    else:  # above every limit only the builders with --force are named, and --force is said
        assert "--force" in text and "'auto'" not in text
    if m == 13:  # the old suggestion, tried: dnf refuses M = 13
        with pytest.raises(ValueError, match="dnf"):
            build(make_function("random", 13, seed=0), "dnf")
        with pytest.raises(ValueError, match="not parity") as refused:
            build(make_function("random", 13, seed=0), "parity")
        assert "'dnf'" not in str(refused.value) and "'lookup'" in str(refused.value)


@settings(deadline=None, max_examples=15)
@given(m=st.integers(1, 8), n=st.integers(1, 3), seed=st.integers(0, 2**31))
def test_linear_on_random_threshold_family(m, n, seed):
    f = make_function("threshold", m, n, seed=seed)
    net = build(f, "linear")
    assert_exact(net, f)
    assert net.sizes().neurons == n


@pytest.mark.parametrize("m", range(2, 8))
def test_dnf_parity_needs_half_the_cube(m):
    net = build(make_function("parity", m), "dnf")
    assert net.sizes().hidden == 1 << (m - 1)  # every minterm is a prime of parity


def test_dnf_majority_and_constants():
    assert build(make_function("majority", 3), "dnf").sizes().hidden == 3
    assert build(make_function("majority", 5), "dnf").sizes().hidden == 10  # C(5, 3) primes
    for value in (0, 1):
        f = make_function("constant", 4, value=value)
        net = build(f, "dnf")
        assert_exact(net, f)
        assert net.sizes().hidden == 0


def test_dnf_greedy_above_exact_limit():
    f = make_function("random", 9, seed=3)
    net = build(f, "dnf")
    assert net.method == "dnf(greedy)"
    assert_exact(net, f)


@settings(deadline=None, max_examples=25)
@given(m=st.integers(1, 8), n=st.integers(1, 3), seed=st.integers(0, 2**31),
       strict=st.booleans())
def test_universal_builders_on_random_functions(m, n, seed, strict):
    f = make_function("random", m, n, seed=seed)
    lk = build(f, "lookup")
    assert_exact(lk, f)
    assert lk.sizes().hidden == lookup_hidden(f)
    assert lk.sizes().neurons <= lookup_size(m, outputs=n)
    if n == 1:
        assert lk.sizes().neurons == lookup_size(m, f.count_positive())
    plain = build(f, "lookup", complement=False)
    assert_exact(plain, f)
    assert plain.sizes().hidden == int(f.table.any(axis=0).sum())
    d3 = build(f, "depth3", strict_layers=strict)
    assert_exact(d3, f)
    k = depth3_k(m, n, strict)
    assert d3.sizes().neurons == expected_depth3_neurons(f, k, strict)
    assert d3.sizes().neurons <= depth3_size(m, n, strict_layers=strict)
    dn = build(f, "dnf")
    assert_exact(dn, f)
    auto = build(f, "auto", strict_layers=strict)
    assert_exact(auto, f)
    assert auto.method.startswith("auto:")
    best = min(net.sizes().neurons for net in (lk, d3, dn))
    assert auto.sizes().neurons <= best


def test_lookup_shared_layer_is_the_optimal_union():
    # two outputs that are complements of each other: one signature class per side
    f = BooleanFunction.from_strings("0001,1110")
    net = build(f, "lookup")
    assert_exact(net, f)
    assert net.sizes().hidden == 1  # the single pattern (+1, +1) serves both outputs


def test_auto_picks_minimum_and_respects_edges():
    f = make_function("majority", 5)
    assert build(f, "auto").method == "auto:linear"
    p = make_function("parity", 7)
    net = build(p, "auto")
    assert net.method == "auto:parity" and net.sizes().neurons == 3  # the counter
    six = make_function("parity", 6)
    assert build(six, "five").sizes().neurons == 6  # two 3-neuron parity-5 cascades merged
    assert build(six, "auto").method == "auto:parity" and build(six, "auto").sizes().neurons == 3
    e = build(p, "auto", minimise="edges")
    assert e.sizes().edges <= net.sizes().edges


def test_auto_skips_a_formula_builder_that_cannot_win(monkeypatch):
    """xorsys and hall have the same size for every map, so auto does not build the one with
    strictly more neurons than a rival: at M = 9, N = 18 hall (188) beats xorsys (189), the
    smallest such case (M = 10, N = 64 took 8 s of a CI run). It is still built when it can
    win, and when auto minimises edges (not known in advance)."""
    import constructions.builders.auto as auto
    from constructions.builders import hall_size, xorsys_size

    calls = []
    real = auto.build_xorsys
    monkeypatch.setattr(auto, "build_xorsys", lambda *a, **k: calls.append(1) or real(*a, **k))
    f = make_function("random", 9, outputs=18, seed=0)
    assert (hall_size(9, 18), xorsys_size(9, 18)) == (188, 189)
    net = build(f, "auto")
    assert net.method.startswith("auto:hall") and net.sizes().neurons == 188 and not calls
    build(f, "auto", minimise="edges")
    assert len(calls) == 1
    g = make_function("random", 10, outputs=2, seed=0)  # xorsys 55 against hall 76
    assert build(g, "auto").method.startswith("auto:xorsys") and len(calls) == 2


def test_auto_reports_each_candidate_before_building_it(monkeypatch):
    """build_auto's progress callback names every candidate within its M limit before it is
    built (or skipped: hall cannot beat xorsys at M = 10, N = 1), counting the finished ones,
    then the winner's check; the names are the builders auto would call."""
    import constructions.builders.auto as auto

    built = []
    real = auto.build_depth3
    monkeypatch.setattr(auto, "build_depth3",
                        lambda *a, **k: built.append("depth3") or real(*a, **k))
    calls = []
    f = make_function("random", 10, seed=0)
    net = auto.build_auto(f, progress=lambda *c: calls.append(c))
    names = [c[0] for c in calls]
    expected = [n for n in ("linear", "parity", "dnf", "lookup", "gated", "depth3", "xorsys",
                            "hall", "minimal", "five", "hamming")
                if 10 <= auto.AUTO_LIMITS[n]]
    assert names == [*expected, "verifying"]
    assert [c[1] for c in calls] == [*range(len(expected)), len(expected)]
    assert {c[2] for c in calls} == {len(expected)} and built == ["depth3"]
    assert net == auto.build_auto(f)  # the callback changes nothing
    calls.clear()
    auto.build_auto(make_function("parity", 3), verify=False,
                    progress=lambda *c: calls.append(c))
    assert calls[-1] == ("done", len(calls) - 1, len(calls) - 1)


def test_depth3_matches_jukna_sergeev_count():
    for m in range(2, 21):
        assert depth3_size(m) == jukna_sergeev_size(m) == (1 << (m // 2)) + (1 << -(-m // 2)) + 1
    rows = size_table(20)
    assert [r["M"] for r in rows] == list(range(1, 21))
    assert rows[19]["depth3"] == 2049 and rows[19]["lookup"] == 2**19 + 1


def test_build_rejects_bad_input():
    f = BooleanFunction.from_strings("0110")
    with pytest.raises(ValueError, match="unknown method 'nope'; choose one of auto"):
        build(f, "nope")
    with pytest.raises(ValueError, match="does not take option"):
        build(f, "lookup", k=1)
    with pytest.raises(ValueError, match="minimise"):
        build(f, "auto", minimise="weights")
    with pytest.raises(ValueError, match="split k"):
        build(f, "depth3", k=5)
    big = make_function("parity", 21)
    with pytest.raises(ValueError, match="force=True"):
        build(big, "lookup")
    assert set(METHODS) == {"auto", "lookup", "dnf", "depth3", "linear", "parity", "xorsys",
                            "hall", "gated", "hamming", "minimal", "five"}


@pytest.mark.slow
def test_large_builds_verified_exhaustively():
    f = make_function("random", 20, seed=0)
    net = build(f, "depth3")
    assert net.sizes().neurons == depth3_size(20) == 2049
    assert verify(net, f).ok
    g = make_function("random", 16, seed=0)
    net = build(g, "lookup")
    assert net.sizes().neurons == lookup_size(16, g.count_positive())
    assert verify(net, g).ok


@settings(deadline=None, max_examples=20)
@given(m=st.integers(1, 8), data=st.data())
def test_parity_builder_on_random_subset_parities(m, data):
    n = data.draw(st.integers(1, 3))
    rows = []
    for _ in range(n):
        subset = data.draw(st.lists(st.integers(0, m - 1), unique=True))
        neg = data.draw(st.booleans())
        f = BooleanFunction.from_callable(
            lambda x, s=tuple(subset), g=neg: (np.prod(x[:, list(s)], axis=1) if s
                                               else np.ones(len(x))) * (-1 if g else 1)
            * (-1) ** (len(s) + 1), m, vectorized=True)
        rows.append(f.table[0])
    target = BooleanFunction(np.stack(rows))
    distinct = {tuple(np.flatnonzero(r[[1 << j for j in range(m)]] != r[0])) for r in rows}
    distinct.discard(())
    net = build(target, "parity")
    assert_exact(net, target)
    assert net.sizes().hidden == sum(len(t).bit_length() - 1 for t in distinct)
    layered = build(target, "parity", strict_layers=True)
    assert_exact(layered, target)
    assert layered.sizes().hidden == sum(len(t) for t in distinct)
    assert fits_arch(layered, "layered")


def test_dnf_shares_identical_implicants_across_outputs():
    f = BooleanFunction.from_strings("00010111,00010111,00000001")
    net = build(f, "dnf")
    assert_exact(net, f)
    assert net.sizes().hidden == 3 + 1  # majority's 3 primes shared; AND is one more implicant


def test_auto_on_every_function_small_m():
    for m in (1, 2, 3):
        for f in all_functions(m):
            net = build(f, "auto")
            assert_exact(net, f)
            sizes = [build(f, name).sizes().neurons for name in ("lookup", "dnf", "depth3")]
            assert net.sizes().neurons <= min(sizes)


def test_bracket_table_orders_its_columns_and_matches_the_docs():
    from pathlib import Path

    from constructions.builders import bracket_table

    rows = bracket_table(24)
    for r in rows:
        assert r["lower"] <= r["best"]
        if r["exact"] is not None:
            assert r["lower"] <= r["exact"] <= r["best"]
    # best / lower at M = 1, 4, 5, 6, 10, 20, 24, by hand: 1/1, 3/3 (the exact worst case is a
    # lower bound), 4/4 (five's bound meets the refutation), 8/4 (the refuted five-input map
    # persists), 34/10, 863/375, 3292/1442 (xorsys with the composed systems, m ≤ 13)
    assert [rows[m - 1]["ratio"] for m in (1, 4, 5, 6, 10, 20, 24)] == [1.0, 1.0, 1.0, 2.0, 3.4,
                                                                         2.3, 2.28]
    assert (rows[4]["best"], rows[4]["best_method"]) == (4, "five")
    assert [r["exact"] for r in rows[:6]] == [1, 2, 2, 3, 4, None]
    assert rows[19]["best"] == 863 and rows[19]["best_method"] == "xorsys"
    docs = Path(__file__).resolve().parents[2] / "docs"
    for page in ("capacity.md", "results.md"):
        text = (docs / page).read_text()
        for r in rows:
            cells = ["—" if r[k] is None else str(r[k]) for k in r]
            assert "| " + " | ".join(cells) + " |" in text, (page, r["M"])


def test_unate_precheck_only_skips_lps_that_are_infeasible():
    # every table the precheck refuses is infeasible for the LP; unate tables still go to it,
    # and at M = 4 some unate tables are not threshold functions (so the LP is still needed)
    from constructions.boolean import all_inputs
    from constructions.threshold import _solve_lp, is_unate

    rng = np.random.default_rng(5)
    points = all_inputs(4).astype(np.int64)
    unate_not_threshold = 0
    for _ in range(300):
        if rng.random() < 0.5:
            code = int(rng.integers(1 << 16))
            row = np.array([(code >> i) & 1 for i in range(16)], dtype=bool)
        else:  # an OR of random positive terms: monotone, so unate, often not threshold
            terms = rng.integers(1, 16, size=int(rng.integers(1, 4)))
            row = np.array([any(t & i == t for t in terms) for i in range(16)], dtype=bool)
        feasible = _solve_lp(points, row) is not None
        if not is_unate(row, 4):
            assert not feasible
        elif not feasible:
            unate_not_threshold += 1
    assert unate_not_threshold > 0


def test_auto_with_prebuilt_networks_returns_what_it_would_build():
    from constructions.builders.auto import build_auto

    for m, seed in [(2, 1), (4, 3), (6, 0), (9, 2)]:
        f = make_function("random", m, outputs=1 + seed % 2, seed=seed)
        plain = build_auto(f)
        pre = {name: build(f, name) for name in ("lookup", "dnf", "depth3", "hall")}
        reused = build_auto(f, prebuilt=pre, verify=False)
        assert reused.to_json() == plain.to_json()
    f = make_function("random", 3, seed=0)
    with pytest.raises(ValueError, match="not candidates"):
        build_auto(f, prebuilt={"exact": build(f, "lookup")})
    with pytest.raises(ValueError, match="prebuilt lookup network has 4 inputs"):
        build_auto(f, prebuilt={"lookup": build(make_function("random", 4, seed=0), "lookup")})


def _all_preactivations_odd(net: SignNetwork) -> bool:
    """Every unit's pre-activation on every input odd, computed in Python integers."""
    for x in all_inputs(net.inputs).tolist():
        values = [int(v) for v in x]
        for layer in net.layers:
            fresh = []
            for row, bias in zip(layer.weights.tolist(), layer.biases.tolist(), strict=True):
                pre = int(bias) + sum(int(w) * values[s]
                                      for w, s in zip(row, layer.sources, strict=True))
                if pre % 2 == 0:
                    return False
                fresh.append(1 if pre >= 0 else -1)
            values += fresh
    return True


@settings(deadline=None, max_examples=60)
@given(__import__("constructions.testing", fromlist=["sign_networks"]).sign_networks(
    max_inputs=4, odd=False))
def test_unit_parities_odd_is_exactly_odd_preactivations_everywhere(net):
    """The parity check the builders' tests rely on: Σw + b odd in every unit iff every unit's
    pre-activation is odd on every input (±1 inputs and ±1 unit values change a sum by even
    steps), so it can fail, and fails exactly when a pre-activation is even somewhere."""
    assert unit_parities_odd(net) == _all_preactivations_odd(net)


def test_unit_parities_odd_catches_one_even_unit_anywhere():
    from constructions.network import Layer

    odd = Layer.from_lists([[1, 1]], [1], [0, 1])
    even = Layer.from_lists([[1, -1]], [0], [0, 1])
    assert unit_parities_odd(SignNetwork(2, (odd,)))
    assert not unit_parities_odd(SignNetwork(2, (even,)))
    assert not unit_parities_odd(SignNetwork(2, (even, Layer.from_lists([[1]], [0], [2]))))
    assert not unit_parities_odd(SignNetwork(2, (odd, Layer.from_lists([[2]], [0], [2]))))


@settings(deadline=None, max_examples=200)
@given(weights=st.lists(st.integers(-50, 50), min_size=2, max_size=9),
       bias=st.integers(-60, 60).filter(lambda b: b != 0))
def test_fixing_the_heavier_half_makes_a_threshold_unit_constant(weights, bias):
    """The step of the parity lower bound (docs/constructions.md, "parity"): fixing the
    ceil(n/2) inputs of largest |w_j| to sign(b)·sign(w_j) leaves sign(w·x + b) constant on
    every assignment of the other floor(n/2) inputs."""
    n = len(weights)
    w = np.array(weights)
    order = np.argsort(-np.abs(w), kind="stable")
    fixed, free = order[:(n + 1) // 2], order[(n + 1) // 2:]
    x = np.zeros((1 << len(free), n), dtype=np.int64)
    x[:, fixed] = np.sign(bias) * np.where(w[fixed] >= 0, 1, -1)
    x[:, free] = all_inputs(len(free)) if len(free) else 0
    z = x @ w + bias
    assert np.all(np.sign(z) == np.sign(bias))



def test_the_docs_list_autos_candidates_in_order_with_their_limits():
    """docs/constructions.md's `auto` section left out hamming and parity's limit, and its first
    example said auto:minimal where auto keeps parity (2026-12-04 review)."""
    import re
    from pathlib import Path

    from constructions.builders.auto import AUTO_CANDIDATES, AUTO_LIMITS

    text = (Path(__file__).parents[2] / "docs" / "constructions.md").read_text()
    section = text.split("## `auto`", 1)[1].split("keeps the smallest", 1)[0]
    listed = [(name, int(k)) for name, k in re.findall(r"`(\w+)` \(M ≤ (\d+)", section)]
    assert listed == [(c, AUTO_LIMITS[c]) for c in AUTO_CANDIDATES]
    net = build(BooleanFunction.from_strings("0110"), "auto")
    assert f"# {(net.method, net.sizes().neurons)!r}" in text.split("```", 2)[1]


@pytest.mark.parametrize("method, option, value, words", [
    ("depth3", "k", 2.5, "depth3 split k must be an integer, got 2.5"),
    ("depth3", "k", True, "depth3 split k must be an integer, got True"),
    ("hall", "split", (1.0, 3.0, 4.0), "hall split (e, a, c) must be integers"),
    ("hall", "split", (True, 3, 4), "hall split (e, a, c) must be integers"),
    ("hall", "split", 5, "a hall split is (e, a, c), got 5"),
    ("xorsys", "split", (5, 0, 3.0), "xorsys split (m, h, r[, k]) must be integers"),
])
def test_a_split_that_is_not_integers_is_refused_not_cut(method, option, value, words):
    """depth3 built k = 2 from k = 2.5, hall read True as e = 1 and raised TypeError on 1.0
    (a bug report for bad input), xorsys cut 3.0 to 3 (2026-12-04 review)."""
    from capacity.errors import UsageError

    f = make_function("random", 8, seed=0)
    with pytest.raises(UsageError) as info:
        build(f, method, **{option: value})
    assert str(info.value) == words or str(info.value).startswith(words)
    assert build(f, method, **{option: (3 if option == "k" else
                                        (1, 3, 4) if method == "hall" else (5, 0, 3))})


def _fewest_cubes(on: int, m: int) -> int:
    """The fewest cubes (products of literals) inside the on-set ``on`` (a 2^m-bit mask) whose
    union is ``on``: breadth-first over the unions, every cube tried."""
    import itertools

    cubes = []
    for spec in itertools.product((0, 1, None), repeat=m):
        mask = sum(1 << i for i in range(1 << m)
                   if all(s is None or (i >> j) & 1 == s for j, s in enumerate(spec)))
        if mask & ~on == 0:
            cubes.append(mask)
    terms, frontier = {0: 0}, [0]  # union -> fewest cubes reaching it
    while on not in terms:
        reached = []
        for union in frontier:
            for cube in cubes:
                if union | cube not in terms:
                    terms[union | cube] = terms[union] + 1
                    reached.append(union | cube)
        frontier = reached
    return terms[on]


def test_dnf_uses_the_fewest_terms_of_f_or_its_complement_for_every_small_map():
    """dnf's size was checked only on constants, majority and parity (f and ¬f tie there), so
    taking the larger of the two covers, or a greedy cover labelled exact, could pass (2026-12-04
    test review). For every map of M ≤ 3 its hidden units are the fewest cubes covering f or
    ¬f, found by brute force."""
    for m in (1, 2, 3):
        full = (1 << (1 << m)) - 1
        for code in range(full + 1):
            f = BooleanFunction.from_strings(["".join(str(code >> i & 1) for i in range(1 << m))])
            want = min(_fewest_cubes(code, m), _fewest_cubes(full & ~code, m))
            assert build(f, "dnf").sizes().hidden == want, (m, code)


@pytest.mark.parametrize("call", [
    lambda s: s.hall_size(1.5), lambda s: s.parity_size(2.7), lambda s: s.gated_worst_size(2.5),
    lambda s: s.lookup_size(3, outputs=2.5), lambda s: s.lookup_size(3, positives=2.5),
    lambda s: s.depth3_size(True), lambda s: s.xorsys_size(20, 0),
    lambda s: s.claim_20_1_size(-1), lambda s: s.jukna_sergeev_size(-1),
])
def test_size_formulas_refuse_what_is_not_a_size(call):
    """hall_size(1.5) gave 4 and lookup_size(3, outputs=2.5) the count 3.5 (2026-12-05 API
    review): every size formula takes integers M, N >= 1 and says so."""
    import constructions.builders.sizes as sizes

    with pytest.raises(UsageError, match="must be an integer|needs (an integer|integers) M >= 1"):
        call(sizes)


def test_size_formulas_take_numpy_and_sympy_integers_with_the_same_value():
    import sympy

    from constructions.builders.sizes import hall_size, lookup_size, parity_size

    assert hall_size(np.int64(20)) == hall_size(sympy.Integer(20)) == hall_size(20) == 1047
    assert lookup_size(np.int32(3), np.int64(2)) == lookup_size(3, 2) == 3
    assert parity_size(np.int64(8)) == parity_size(sympy.Integer(8)) == 4
    with pytest.raises(UsageError, match=r"parity_size needs an integer M >= 1, got M = 0$"):
        parity_size(0)  # no N in the message of a formula that takes none


def test_fits_arch_refuses_an_output_that_reads_the_inputs():
    """parity's binary counter for XOR has an output reading x_0, x_1 and a hidden unit: not a
    layered network. fits_arch said layered for it under a mutant that let any source below the
    hidden layer's end count (its callers build strictly layered; 2026-12-05 test review)."""
    xor = BooleanFunction.from_strings("0110")
    skip = build(xor, "parity")
    assert any(s < xor.inputs for s in skip.layers[-1].sources)  # the skip edge
    assert not fits_arch(skip, "layered") and fits_arch(skip, "any-depth")
    assert fits_arch(build(xor, "parity", strict_layers=True), "layered")


def test_dnf_covers_exactly_up_to_its_limit_and_labels_an_unproven_cover():
    """M = 8 (MAX_EXACT_INPUTS) is still solved exactly: 44 terms against the greedy cover's 49
    on random seed 0 (a mutant moving the limit to M < 8 built the greedy 49); and a cover the
    ILP did not prove optimal within its time limit is never called exact (a mutant labelling
    every ILP answer "exact" passed; 2026-12-05 mutation review)."""
    from constructions.builders.dnf import MAX_EXACT_INPUTS, build_dnf, minimum_cover

    f = make_function("random", MAX_EXACT_INPUTS, seed=0)
    exact, greedy = build(f, "dnf"), build_dnf(f, exact=False)
    assert exact.method == "dnf(exact)" and greedy.method == "dnf(greedy)"
    assert exact.sizes().hidden == 44 < greedy.sizes().hidden == 49
    rng = np.random.default_rng(0)  # a cover HiGHS does not close in 30 s (measured)
    covers = rng.random((400, 600)) < 0.02
    covers[np.arange(400), rng.integers(0, 600, 400)] = True
    chosen, how = minimum_cover(covers, True, time_limit=0.05)
    assert how in ("ilp-incomplete", "greedy") and covers[:, chosen].any(axis=1).all()


def test_auto_breaks_a_neuron_tie_by_edges_with_formula_builders():
    """auto skips a formula builder (xorsys, hall) only when a network in hand has strictly
    fewer neurons: here xorsys ties gated at 15 neurons with 106 edges against 111, and auto
    keeps xorsys (a mutation that skipped on a tie returned gated's 111 edges; mutation
    review, 2026-12-05)."""
    from constructions.builders.auto import build_auto

    f = BooleanFunction.from_strings(
        "01001001110000000000010001110000000000000000000000010101100001100000001000000100"
        "100010011010100001100000000100000000000010001000")
    net = build_auto(f)
    gated = build(f, "gated").sizes()
    assert (net.sizes().neurons, net.sizes().edges) == (15, 106) == (
        build(f, "xorsys").sizes().neurons, build(f, "xorsys").sizes().edges)
    assert (gated.neurons, gated.edges) == (15, 111)
    assert verify(net, f).ok


@pytest.mark.parametrize("size, args", [
    ("hamming_worst_size", (5.7,)), ("hamming_worst_size", (5, 2.5)),
    ("hamming_worst_size", ("5",)), ("five_worst_size", (5.9, 1.5)), ("depth3_k", (5.7,)),
    ("depth3_k", (True,))])
def test_size_functions_refuse_what_is_not_an_integer(size, args):
    """hamming_worst_size(5.7), five_worst_size(5.9, 1.5) and depth3_k(True) read int() of their
    arguments — 13, 4 and 0 — where every other size formula refuses (2026-12-06 review)."""
    from constructions.builders import depth3_k, hamming_worst_size
    from constructions.builders.five import five_worst_size

    fn = {"hamming_worst_size": hamming_worst_size, "five_worst_size": five_worst_size,
          "depth3_k": depth3_k}[size]
    with pytest.raises(UsageError, match=f"{size} needs integers M >= 1 and N >= 1"):
        fn(*args)


@pytest.mark.parametrize("inputs, outputs", [(25, 1), (26, 1), (27, 1), (28, 1), (26, 4),
                                             (25, 8), (27, 2), (20, 256), (24, 16), (22, 64),
                                             (22, 256), (8, 1), (24, 1)])
def test_the_advice_names_builds_that_fit_memory(inputs, outputs):
    """A special-purpose builder refusing an M > 24 table advised 'depth3' or 'lookup' with
    --force: lookup's build at M = 25 is estimated at 19.8 GiB; at M <= 24 it named builders
    whose estimate for N outputs is refused (2026-12-06 reviews). Every method named now has an
    estimate within this machine's limit (above M = 24 smallest networks first), or hall alone
    is named with a word that nothing fits."""
    import re

    from constructions.builders.memory import memory_excess
    from constructions.builders.suggest import universal_methods

    text = universal_methods(inputs, outputs)  # N counts: at M = 26, N = 4 only hall fits
    named = [m for m in re.findall(r"'(\w+)'", text) if m != "auto"]
    assert named and (all(memory_excess(m, inputs, outputs) is None for m in named)
                      or (named == ["hall"] and "no build's estimate" in text))
    if inputs > 24:
        assert text.endswith(("with --force", "memory)")) and "lookup" not in named
        assert named == [m for m in ("xorsys", "hall", "depth3") if m in named]
    else:  # M = 20, N = 256 named depth3 and lookup, both refused for memory (review)
        assert "'auto'" in text or "no build's estimate" in text
