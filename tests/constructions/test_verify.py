"""The exhaustive verifier: factored engine against the dense reference, planted errors, zero
pre-activations, sampled mode, the size limit."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import constructions.factored as factored_module
from capacity.errors import UsageError
from constructions.boolean import BooleanFunction, all_inputs
from constructions.builders import build
from constructions.builders.xorsys import build_xorsys
from constructions.evaluate import evaluate_batch
from constructions.factored import factored_chunks, factored_work
from constructions.families import make_function
from constructions.network import Layer, SignNetwork
from constructions.testing import sign_networks
from constructions.verify import (
    COMPARE_RATE,
    FACTORED_RATE,
    MAX_EXHAUSTIVE_INPUTS,
    estimate_cost,
    verify,
)


def _factored_full(net, bits):
    outs, zeros = [], []
    for _, out, zero in factored_chunks(net, bits):
        outs.append(out)
        zeros.append(zero)
    return np.concatenate(outs, axis=1), np.concatenate(zeros)


def _dense_full(net):
    out, low = evaluate_batch(net, all_inputs(net.inputs))
    return out.T, low == 0


@settings(deadline=None, max_examples=80)
@given(sign_networks(), st.data())
def test_factored_equals_dense_reference(net, data):
    bits = data.draw(st.integers(0, net.inputs))
    out, zero = _factored_full(net, bits)
    ref_out, ref_zero = _dense_full(net)
    assert np.array_equal(out, ref_out)
    assert np.array_equal(zero, ref_zero)


@settings(deadline=None, max_examples=30)
@given(sign_networks(odd=True))
def test_odd_parity_networks_have_no_zero_and_verify_against_their_own_table(net):
    out, low = evaluate_batch(net, all_inputs(net.inputs))
    assert np.all(low != 0)
    f = BooleanFunction(out.T == 1)
    r = verify(net, f, chunk=1 << (net.inputs // 2))
    assert r.ok and r.exhaustive and r.checked == 1 << net.inputs and r.wrong == 0


@settings(deadline=None, max_examples=20)
@given(st.integers(2, 8), st.integers(0, 2**16), st.sampled_from(["depth3", "lookup"]))
def test_planted_counterexample_is_exactly_the_flipped_input(m, seed, method):
    f = make_function("random", m, seed=seed)
    net = build(f, method)
    i = seed % (1 << m)
    table = f.table.copy()
    table[0, i] = ~table[0, i]
    for engine in ("factored", "dense"):
        r = verify(net, BooleanFunction(table), engine=engine)
        assert not r.ok and r.wrong == 1 and r.zero_preactivations == 0
        (c,) = r.counterexamples
        assert c.index == i and c.expected == (1 if table[0, i] else -1,)
        assert c.got == (-c.expected[0],)


def test_planted_zero_preactivation_is_reported_on_exactly_those_inputs():
    # sign(x0 + x1) is 0 exactly where x0 = -x1: inputs 1 and 2; sign(0) = +1 so outputs agree
    net = SignNetwork(2, (Layer.from_lists([[1, 1]], [0], [0, 1]),))
    f = BooleanFunction.from_strings("0111")
    for engine in ("factored", "dense"):
        r = verify(net, f, engine=engine)
        assert r.wrong == 0 and not r.ok
        assert r.zero_preactivations == 2 and r.zero_indices == (1, 2)


def test_zero_in_a_hidden_unit_is_caught_even_when_the_output_is_right():
    hidden = Layer.from_lists([[1, -1], [2, 0]], [0, 1], [0, 1])  # unit 0 even parity
    net = SignNetwork(2, (hidden, Layer.from_lists([[1]], [0], [3])))  # output = unit 1 = x0
    r = verify(net, BooleanFunction.from_strings("0101"))
    assert r.wrong == 0 and r.zero_indices == (0, 3)


def test_many_outputs_and_counterexample_details():
    f = make_function("random", 6, outputs=3, seed=4)
    net = build(f, "depth3")
    table = f.table.copy()
    table[2, 17] = ~table[2, 17]
    r = verify(net, BooleanFunction(table))
    (c,) = r.counterexamples
    assert c.index == 17 and c.expected[:2] == c.got[:2] and c.expected[2] == -c.got[2]
    assert r.to_dict()["counterexamples"][0]["index"] == 17


def test_sampled_mode_is_seeded_distinct_and_finds_planted_errors():
    f = make_function("random", 10, seed=2)
    net = build(f, "depth3")
    table = f.table.copy()
    table[0, 5] = ~table[0, 5]
    r = verify(net, BooleanFunction(table), samples=1 << 10)
    assert r.exhaustive and r.checked == 1024 and r.wrong == 1  # a sample of every input
    a = verify(net, f, samples=100, seed=7)
    assert a.ok and a.checked == 100 and a.edge_evaluations == 100 * net.sizes().edges
    for bad in (2000, 0, -1):  # 0 samples would "verify" a wrong network by checking nothing
        with pytest.raises(ValueError, match="samples must be between"):
            verify(net, BooleanFunction(table), samples=bad)


def test_limit_refuses_with_estimate_and_force_hint():
    net = SignNetwork(25, (Layer.from_lists([[1] * 3], [1], [0, 1, 24]),))
    f = make_function("constant", 25)
    with pytest.raises(ValueError, match=r"M = 25 > 24.*s and .*MiB.*force=True.*samples=S"):
        verify(net, f)
    assert MAX_EXHAUSTIVE_INPUTS == 24
    assert verify(net, f, samples=1000).checked == 1000


@settings(deadline=None, max_examples=60)
@given(sign_networks(), st.data())
def test_factored_work_counts_what_the_evaluator_computes(net, data):
    """The cost model follows the evaluator's call pattern: which groups are evaluated in which
    chunk, and which block products are reused from the first chunk."""
    bits = data.draw(st.integers(0, net.inputs))
    tally = [0]
    evaluate = factored_module._evaluate_group

    def counting(g, vals, masks, cache, low, bits_, dtype, is_float, *rest):
        units = len(g.units)
        for bi, (block, _) in enumerate(g.blocks):
            sb = block.mask & low
            if not (block.mask == sb and (id(g), bi) in cache):
                tally[0] += units * len(block.cols) << (sb.bit_count())
        tally[0] += (units << (g.mask & low).bit_count()) * (len(g.blocks) + 1)
        return evaluate(g, vals, masks, cache, low, bits_, dtype, is_float, *rest)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(factored_module, "_evaluate_group", counting)
        for _ in factored_chunks(net, bits):
            pass
    assert tally[0] == factored_work(net, bits)


@pytest.mark.parametrize("method, m, bits", [("hall", 14, 12), ("xorsys", 13, 10),
                                             ("hall", 12, 12)])
def test_staircases_read_their_step_units_in_place_and_share_one_product(method, m, bits):
    """Each staircase unit reads the whole step-unit group in place (a view block: no stacked
    copy), the staircase's units share one product per chunk where the step units depend on
    the chunk, and the evaluation equals the dense reference. (xorsys with the five-bit system,
    whose gates all read the same inputs: the composed systems' gates of different levels read
    different top bits, so the planner groups them apart and a staircase stacks them.)"""
    f = make_function("random", m, seed=3)
    net = (build_xorsys(f, split=(5, 3, 5)) if method == "xorsys" else build(f, method))
    plan = factored_module.factored_plan(net, bits)
    low = (1 << bits) - 1
    staircase = [g for g in plan.groups if len(g.units) == 1
                 and any(b.view and len(b.cols) >= 6 for b, _ in g.blocks)]
    assert len(staircase) >= 4
    assert bool(plan.shared) == (bits < m)
    assert {key[0] for key in plan.shared} <= {id(g) for g in staircase if g.mask & ~low}
    out, zero = _factored_full(net, bits)
    ref_out, ref_zero = _dense_full(net)
    assert np.array_equal(out, ref_out) and np.array_equal(zero, ref_zero)


def test_shared_products_stay_within_one_budget():
    """Several wide groups each read by many one-unit groups: the products shared at once fit
    the budget (the sources with the most readers first), and the evaluation is exact."""
    rng = np.random.default_rng(0)
    m, sources, readers = 16, 4, 6  # 2^15 points a chunk: reading each source in place pays
    layers = [Layer(rng.choice([-1, 1], size=(1, m)), np.array([1]), tuple(range(m)))
              for _ in range(sources)]
    layers += [Layer(rng.choice([-1, 1], size=(1, sources)), np.array([1]),
                     tuple(range(m, m + sources))) for _ in range(readers)]
    net = SignNetwork(m, tuple(layers))
    plan = factored_module.factored_plan(net, 15)
    budget = 2 * readers * (1 << 15) * plan.dtype.itemsize  # two sources' products
    shared = factored_module._shared_products(plan.groups, m, (1 << 15) - 1, plan.dtype, budget)
    assert len({entry[0] for entry in shared.values()}) == 2
    assert len({entry[0] for entry in plan.shared.values()}) == sources
    out, zero = _factored_full(net, 15)
    ref_out, ref_zero = _dense_full(net)
    assert np.array_equal(out, ref_out) and np.array_equal(zero, ref_zero)


def test_long_verification_is_refused_by_its_estimate_before_any_work():
    f = make_function("random", 20, seed=0)
    net = build(f, "lookup")  # 2^19 hidden units on 2^20 inputs: about 46 min here
    plan = factored_module.factored_plan(net)  # planned once here (1-2 s at this size)
    seconds, _ = estimate_cost(net, plan=plan)
    assert seconds == plan.work / FACTORED_RATE + (1 << 20) / COMPARE_RATE > 900
    with pytest.raises(ValueError, match=r"this network \(524\d+ neurons\).*about \d+ min.*"
                                         r"force=True.*samples=S"):
        verify(net, f)
    assert verify(net, f, samples=64).ok
    # a sample of all 2^20 inputs is the same 40-minute check: refused too (it ran, review)
    with pytest.raises(ValueError, match=r"a sampled check of 1048576 inputs .* about \d+ min"
                                         r".*fewer --samples"):
        verify(net, f, samples=1 << 20)
    # an out-of-range sample is named as such, not priced (--force cannot help it; review)
    with pytest.raises(ValueError, match=r"--samples must be between 1 and 2\*\*M = 1048576"):
        verify(net, f, samples=10**14)
    # a chunk the user sets is part of the estimate: lookup at M = 16 in chunks of one input
    # repeats every product 2^16 times (41 s by the model against 9 s)
    mid = build(make_function("random", 16, seed=0), "lookup")
    assert estimate_cost(mid, "factored", 0)[0] > 4 * estimate_cost(mid)[0]
    small = build(make_function("random", 8, seed=0), "lookup")
    assert estimate_cost(small)[0] < 1 and verify(small, make_function("random", 8, seed=0)).ok


def test_python_integer_arithmetic_is_priced_at_its_own_rate():
    """hall with many outputs has weights of N + 2 bits: past 2^62 the engines compute in
    Python integers, 50-150× slower than the float rate the estimate assumed (M = 8, N = 512
    was "0.26 s" for 29-38 s, M = 20, N = 64 "7 min" for hours, unrefused; 2026-12-05 review)."""
    from constructions.factored import factored_plan
    from constructions.verify import ASSUMED_RATE, COMPARE_RATE, DENSE_OBJECT_RATE, OBJECT_RATE

    f = make_function("random", 6, 80, seed=0)
    net = build(f, "hall")
    plan = factored_plan(net)
    assert plan.dtype == np.dtype(object)
    compare = 80 * (1 << 6) / COMPARE_RATE  # the output signs against the target
    assert estimate_cost(net, plan=plan)[0] == plan.work / OBJECT_RATE + compare
    dense = (1 << 6) * net.sizes().edges
    assert estimate_cost(net, "dense")[0] == dense / DENSE_OBJECT_RATE + compare
    assert dense / DENSE_OBJECT_RATE > dense / ASSUMED_RATE
    one = build(make_function("random", 6, 2, seed=0), "hall")  # small weights: the float rate
    assert estimate_cost(one)[0] == factored_work(one) / FACTORED_RATE + 2 * 64 / COMPARE_RATE
    assert verify(net, f).ok


def test_shape_mismatches_and_bad_chunk_raise():
    net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))
    with pytest.raises(ValueError, match="M = 2 inputs"):
        verify(net, BooleanFunction.from_strings("01"))
    with pytest.raises(ValueError, match="N = 1 outputs"):
        verify(net, BooleanFunction.from_strings("0111,0111"))
    with pytest.raises(ValueError, match="power of two"):
        verify(net, BooleanFunction.from_strings("0111"), chunk=3)


def test_a_network_above_the_tables_range_is_not_told_to_give_an_impossible_table():
    """A 30-input network checked against a 2-input table was told to "give a table of
    2**30 characters", and one of 2^24 inputs of 2**16777216 (2026-12-06 review): no memcap
    table goes past M = MAX_TABLE_INPUTS, so the message says that instead."""
    net = SignNetwork(30, (Layer.from_lists([[1]], [1], [0]),))
    with pytest.raises(UsageError, match="truth tables and named functions go up to M = 28") as e:
        verify(net, BooleanFunction.from_strings("0110"))
    assert "give a table" not in str(e.value)


def test_large_weights_use_exact_integer_arithmetic():
    big = 2**70 + 1  # odd, beyond float64 and int64: the object path
    net = SignNetwork(2, (Layer.from_lists([[big, 2]], [-big + 1], [0, 1]),))
    out, _ = _dense_full(net)
    f = BooleanFunction(out == 1)
    assert verify(net, f).ok and verify(net, f, engine="dense").ok
    assert np.array_equal(_factored_full(net, 1)[0], out)


_DTYPE_EDGES = [2**k + d for k in (22, 23, 24, 51, 52, 53, 60, 61, 62, 63, 70) for d in (-3, 1)]


def _python_reference(net: SignNetwork) -> tuple[np.ndarray, np.ndarray]:
    """Outputs and smallest |pre-activation| per input in Python integers (no dtype at all)."""
    outs, lows = [], []
    for x in all_inputs(net.inputs).tolist():
        values, low = [int(v) for v in x], None
        for layer in net.layers:
            fresh = []
            for row, bias in zip(layer.weights.tolist(), layer.biases.tolist(), strict=True):
                pre = int(bias) + sum(int(w) * values[s]
                                      for w, s in zip(row, layer.sources, strict=True))
                low = abs(pre) if low is None else min(low, abs(pre))
                fresh.append(1 if pre >= 0 else -1)
            values += fresh
        outs.append(values[-net.outputs:])
        lows.append(low)
    return np.array(outs), np.array(lows)


@settings(deadline=None, max_examples=60)
@given(st.sampled_from(_DTYPE_EDGES), st.permutations([0, 1, 2]),
       st.sampled_from([0, 1, -1, "W", "-W"]))
def test_evaluation_is_exact_at_every_dtype_boundary(w, order, bias):
    """exact_dtype picks float32, float64, int64 or Python integers from the pre-activation
    bound; weights just below and above each switch (2^24, 2^53, 2^62), arranged so that a
    partial sum W ± 1 would round in a too-narrow type, give exactly the Python-integer
    outputs and smallest |pre-activation| (a review found the bounds themselves untested)."""
    # the third unit's weights W and 1 − W round apart in a too-narrow type (2^24 + 1 is not
    # a float32): its pre-activation 1 at x0 = x1 = +1 would become 0
    weights = [[(w, 1, w)[i] for i in order], [w, -w, 1], [w, 1 - w, 0]]
    biases = [{"W": w, "-W": -w}.get(bias, bias), 0, 0]
    net = SignNetwork(3, (Layer.from_lists(weights, biases, [0, 1, 2]),
                          Layer.from_lists([[1, 1, 1]], [0], [3, 4, 5])))
    out, low = evaluate_batch(net, all_inputs(3))
    ref_out, ref_low = _python_reference(net)
    assert np.array_equal(out, ref_out)
    assert np.array_equal(np.asarray(low, dtype=object), ref_low.astype(object))
    r = verify(net, BooleanFunction(ref_out.T == 1))
    assert r.wrong == 0 and r.zero_preactivations == int(np.sum(ref_low == 0))


def test_sampled_verification_builds_its_inputs_a_chunk_at_a_time():
    """The sampled check built every sample's ±1 inputs at once, S·M int64: 2^28 samples at
    M = 28 asked for 56 GiB and ended with status 70 (2026-12-04 review). At M = 20 with every
    input sampled the peak fell from 348 MiB to under 50; the verdict and counts are the
    exhaustive check's."""
    import tracemalloc

    from constructions.families import make_function
    from constructions.verify import verify

    f = make_function("parity", 20)
    net = build(f, "parity")
    tracemalloc.start()
    try:
        sampled = verify(net, f, samples=1 << 20, seed=1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sampled.ok and sampled.checked == 1 << 20 and sampled.exhaustive  # every input
    assert peak < 100 * 2**20, peak / 2**20
    wrong = BooleanFunction(f.table ^ (np.arange(1 << 20) == 12345)[None])  # one bit flipped
    bad = verify(net, wrong, samples=1 << 20, seed=1)
    assert bad.wrong == 1 and bad.counterexamples[0].index == 12345


def test_the_plan_takes_a_larger_chunk_where_the_budget_cuts_a_shared_product():
    """depth3 at M = 21 with four outputs: the 32 MiB budget cut the Y-detectors' support, so
    layer 2's Y-product ran in every chunk (1.8·10^13 elements, refused as "about 4.9 h"); a
    chunk one bit larger computes it once (7.7·10^10, ≈ 1 min; 2026-12-04 review)."""
    from constructions.factored import (
        DEFAULT_CHUNK_BYTES,
        REPLAN_BITS,
        _plan_at,
        factored_plan,
        plan_chunk_bits,
    )
    from constructions.families import make_function
    from constructions.verify import MAX_UNFORCED_SECONDS, estimate_cost

    net = build(make_function("random", 21, seed=0, outputs=4), "depth3")
    budget = _plan_at(net, plan_chunk_bits(net))
    plan = factored_plan(net)
    assert budget.bits < plan.bits <= budget.bits + REPLAN_BITS
    assert 100 * plan.work < budget.work
    assert budget.largest_array_bytes <= plan.largest_array_bytes <= 4 * DEFAULT_CHUNK_BYTES
    seconds, peak = estimate_cost(net, plan=plan)
    assert seconds < MAX_UNFORCED_SECONDS and peak >= 4 * plan.largest_array_bytes


@pytest.mark.parametrize("option, value", [("samples", 2.9), ("samples", True), ("chunk", 2.5),
                                           ("max_counterexamples", 1.5)])
def test_verify_refuses_counts_that_are_not_integers(option, value):
    """samples=2.9 checked 2 inputs, samples=True one, chunk=2.5 used 2 and
    max_counterexamples=1.5 raised TypeError (2026-12-04 review)."""
    net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))
    with pytest.raises(ValueError, match=f"{option} must be an integer"):
        verify(net, BooleanFunction.from_strings("0111"), **{option: value})
    assert verify(net, BooleanFunction.from_strings("0111"), **{option: np.int64(2)}).ok


@pytest.mark.parametrize("engine", ["factored", "dense"])
def test_zero_indices_keep_to_max_counterexamples_across_chunks(engine):
    """x_0 + x_1 is 0 on 8 of the 16 inputs; with chunks of 2 inputs and at most 3 kept, the
    first 3 in input order are kept and all 8 are counted (a mutant keeping 3 per chunk, 8 in
    all, passed the suite: unbounded lists at large M; 2026-12-05 test review)."""
    net = SignNetwork(4, (Layer.from_lists([[1, 1, 0, 0]], [0], [0, 1, 2, 3]),))
    r = verify(net, BooleanFunction.from_strings("0111" * 4), chunk=2, max_counterexamples=3,
               engine=engine)
    assert r.zero_preactivations == 8 and r.zero_indices == (1, 2, 5) and not r.ok


def test_sampled_verification_checks_the_last_input_of_every_chunk():
    """Sampled verification walks its sorted sample in chunks of 2^22 / values inputs; the
    only wrong output sits on the last input of the first chunk (a mutation that dropped the
    last input of each chunk reported the network correct; mutation review, 2026-12-05)."""
    f = make_function("random", 12, seed=0)
    net = build(f, "lookup")  # 2 025 values: chunks of 2 071 of the 4 096 inputs
    last = (1 << 22) // net.values - 1
    bits = f.to_strings()[0]
    wrong = BooleanFunction.from_strings(bits[:last] + str(1 - int(bits[last])) + bits[last + 1:])
    r = verify(net, wrong, samples=1 << 12)  # every input, drawn as a sample
    assert not r.ok and r.wrong == 1 and r.exhaustive
    assert verify(net, f, samples=1 << 12).ok


def _exhaustive_pair_merges(blocks, fixed, units, low):
    """The planner's pair search as it was: recompute every pair's gain after every merge,
    take the largest (the first pair in list order on ties) while some gain is >= 0."""
    kept = [(list(b.cols), b.mask, cost) for b, cost in blocks]
    while len(kept) > 1:
        best = None
        for i in range(len(kept)):
            for j in range(i + 1, len(kept)):
                both = (len(kept[i][0]) + len(kept[j][0])) * (units + 1) \
                    * (1 << ((kept[i][1] | kept[j][1]) & low).bit_count()) + fixed
                gain = kept[i][2] + kept[j][2] - both
                if gain >= 0 and (best is None or gain > best[0]):
                    best = (gain, i, j, both)
        if best is None:
            break
        _, i, j, both = best
        kept[i] = (kept[i][0] + kept[j][0], kept[i][1] | kept[j][1], both)
        kept.pop(j)
    return [(cols, mask) for cols, mask, _ in kept]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 255), st.integers(1, 3), st.booleans()), min_size=1,
                max_size=40), st.integers(0, 8), st.integers(1, 6), st.integers(0, 8))
def test_block_merging_makes_the_exhaustive_searchs_merges(specs, low_bits, units, target_bits):
    """The planner merges the pair of blocks that gains most while one gains; it now keeps each
    block's best partner instead of recomputing every pair after every merge (O(blocks^3): a
    1 200-unit OR of distinct ANDs spent 41 s planning its verification, 2026-12-05 review).
    The merges are exactly those of the exhaustive search."""
    low = (1 << low_bits) - 1
    blocks = [factored_module._Block(list(range(10 * k, 10 * k + n)), [(k, [0])], mask, view)
              for k, (mask, n, view) in enumerate(specs)]
    costs = [factored_module._block_cost(len(b.cols), b.mask, b.view, target_bits, low, units)
             for b in blocks]
    fixed = (units << target_bits) + factored_module.BLOCK_OVERHEAD
    expected = _exhaustive_pair_merges(list(zip(blocks, costs, strict=True)), fixed, units, low)
    merged = factored_module._merge_pairs(list(blocks), list(costs), fixed, units, low)
    assert [(b.cols, b.mask) for b in merged] == expected


def test_a_verification_is_truthy_exactly_when_it_passed():
    """`if verify(net, f):` passed for a failed verification (every dataclass instance is
    truthy; 2026-12-05 API review); numpy's True_ is a flag as True is."""
    net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))  # OR
    assert verify(net, BooleanFunction.from_strings("0111"), force=np.True_)
    assert not verify(net, BooleanFunction.from_strings("0110"))
    f = make_function("random", 4, seed=1)
    assert build(f, "lookup", strict_layers=np.True_, complement=np.False_).method == \
        "lookup(plain)"


@pytest.mark.parametrize("option", [{"chunk": 4}, {"chunk": "x"}, {"engine": "dense"}])
def test_a_sampled_check_refuses_the_exhaustive_checks_options(option):
    """chunk and engine were ignored without a word with samples=..., invalid values included
    (2026-12-05 API review)."""
    net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))  # OR
    with pytest.raises(UsageError, match="a sampled check"):
        verify(net, BooleanFunction.from_strings("0111"), samples=2, **option)


def test_a_sample_is_exhaustive_only_when_it_holds_every_input():
    """``exhaustive`` (and the absent sample seed) only for a sample of all 2^M inputs: half of
    them reported as exhaustive passed every test (2026-12-06 mutation audit)."""
    f = make_function("random", 6, seed=2)
    net = build(f, "lookup")
    half = verify(net, f, samples=2**5, seed=3)
    assert half.ok and not half.exhaustive and half.sample_seed == 3 and half.checked == 32
    whole = verify(net, f, samples=2**6, seed=3)
    assert whole.exhaustive and whole.sample_seed is None and whole.checked == 64


@pytest.mark.parametrize("chunk", [16, 64, None])
def test_the_counterexample_limit_holds_over_every_chunk(chunk):
    """``max_counterexamples`` caps the list over the whole check: a cap applied per chunk gave
    48 counterexamples for a limit of 3 at M = 8, chunks of 16 (2026-12-06 mutation audit);
    ``wrong`` still counts every wrong input, and the examples are the first wrong ones."""
    f, g = make_function("random", 8, seed=1), make_function("random", 8, seed=2)
    net = build(f, "lookup")
    r = verify(net, g, chunk=chunk, max_counterexamples=3)
    wrong = np.flatnonzero(f.table[0] != g.table[0])
    assert r.wrong == wrong.size > 3
    assert [c.index for c in r.counterexamples] == wrong[:3].tolist()


def test_float64_is_used_only_below_two_to_the_53():
    """Sums between 2^53 and 2^54 round in float64: a limit of 2^54 kept every test green
    (2026-12-06 mutation audit). The unit (2^52 + 1)(x0 + x1) + x2 has |pre-activation|
    2^53 + 3 at x = (1, 1, 1), which float64 cannot hold."""
    from constructions.evaluate import exact_dtype

    assert exact_dtype(2**53 - 1) == np.float64 and exact_dtype(2**53) == np.int64
    assert exact_dtype(2**24 - 1) == np.float32 and exact_dtype(2**24) == np.float64
    assert exact_dtype(2**62 - 1) == np.int64 and exact_dtype(2**62) == np.dtype(object)
    w = 2**52 + 1
    net = SignNetwork(3, (Layer.from_lists([[w, w, 1]], [0], [0, 1, 2]),))
    _, low = evaluate_batch(net, np.ones((1, 3), dtype=np.int8))
    assert int(low[0]) == 2**53 + 3
    big = SignNetwork(1, (Layer.from_lists([[1]], [-2**60], [0]),))  # |bias| counts, not bias
    assert big.preactivation_bound() == 2**60 + 1
    assert evaluate_batch(big, all_inputs(1))[1].tolist() == [2**60 + 1, 2**60 - 1]


def test_verification_edges_sampled_zeros_and_surplus_outputs():
    """Two edges the 2026-12-06 mutation audit found unpinned: a sampled check counts sign(0)
    as a failure, as the exhaustive one does (x_0 + x_1 is 0 at inputs 1 and 2, both sampled
    here); a network with more outputs than the truth table is refused, not broadcast against
    it (it verified as ok)."""
    table = BooleanFunction.from_strings("0111")
    net = SignNetwork(2, (Layer.from_lists([[1, 1]], [0], [0, 1]),))
    r = verify(net, table, samples=3, seed=0)
    assert not r.ok and r.zero_preactivations == 2 and r.zero_indices == (1, 2)
    two = SignNetwork(2, (Layer.from_lists([[1, 1], [1, 1]], [1, 1], [0, 1]),))
    with pytest.raises(UsageError, match="N = 2 outputs but the truth table has N = 1"):
        verify(two, table)


def test_a_sampled_check_without_a_seed_is_refused_before_the_work(monkeypatch):
    """verify(..., samples=S, seed=None) drew unseeded inputs, checked them all, then raised a
    bare TypeError at int(None) (2026-12-07 audit): now one UsageError before any input is
    drawn; an exhaustive check needs no seed, and a numpy integer seed is recorded as an int."""
    import constructions.verify as verify_module

    net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))  # OR
    f = BooleanFunction.from_strings("0111")
    monkeypatch.setattr(verify_module, "batch_evaluator",
                        lambda *a: pytest.fail("the check ran"))
    with pytest.raises(UsageError, match="a sampled check needs an integer seed"):
        verify(net, f, samples=2, seed=None)
    monkeypatch.undo()
    assert verify(net, f, seed=None).ok  # exhaustive: no seed read
    result = verify(net, f, samples=2, seed=np.int64(7))
    assert result.ok and result.sample_seed == 7 and type(result.sample_seed) is int
