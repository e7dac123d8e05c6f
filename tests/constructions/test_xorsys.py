"""The ``xorsys`` builder: universal XOR systems proved by exhaustion, exact realisation of random
and structured functions, odd pre-activations, size = formula, never below the counting bound."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capacity.solvers import least_neurons_any_depth_counting
from constructions.boolean import BooleanFunction, all_inputs
from constructions.builders import METHODS, build, xorsys_size, xorsys_split
from constructions.builders._common import unit_parities_odd
from constructions.builders.xor_systems import XOR_SYSTEMS
from constructions.builders.xorsys import build_xorsys
from constructions.families import make_function
from constructions.verify import verify


def assert_realises(net, f: BooleanFunction) -> None:
    """Exact on every input (dense reference evaluator and the verifier), no zero
    pre-activation, odd parity in every unit, size = formula."""
    out, low = net.evaluate(all_inputs(f.inputs), return_preactivations=True)
    assert np.array_equal(out.T, f.signs())
    assert int(low.min()) >= 1 and np.all(low % 2 == 1)
    assert unit_parities_odd(net)
    result = verify(net, f)
    assert result.ok and result.zero_preactivations == 0
    assert net.sizes().neurons == xorsys_size(f.inputs, f.outputs)


@settings(max_examples=25, deadline=None)
@given(m=st.integers(1, 11), seed=st.integers(0, 2**32 - 1))
def test_random_functions_realised(m, seed):
    assert_realises(build(make_function("random", m, seed=seed), "xorsys"), make_function(
        "random", m, seed=seed))


@pytest.mark.parametrize("m", [1, 2, 5, 9, 14])
@pytest.mark.parametrize("family", ["constant0", "constant1", "parity", "literal", "dense"])
def test_structured_functions_realised(m, family):
    rng = np.random.default_rng(m)
    idx = np.arange(1 << m)
    if family.startswith("constant"):
        table = np.full(1 << m, family.endswith("1"))
    elif family == "parity":
        table = np.array([bin(i).count("1") % 2 == 1 for i in idx])
    elif family == "literal":
        table = (idx >> (m - 1)) & 1 == 0  # the negated last input
    else:
        table = rng.random(1 << m) < 0.9
    f = BooleanFunction.from_strings("".join("1" if v else "0" for v in table))
    assert_realises(build_xorsys(f), f)


@settings(max_examples=10, deadline=None)
@given(m=st.integers(2, 8), n=st.integers(2, 3), seed=st.integers(0, 1000))
def test_multi_output_shares_the_thermometer(m, n, seed):
    f = make_function("random", m, outputs=n, seed=seed)
    net = build_xorsys(f)
    assert_realises(net, f)
    mm, h, r, k = xorsys_split(m, n)
    c, length = len(XOR_SYSTEMS[mm]), -(-(1 << r) // k)
    assert net.sizes().neurons == (k - 1) + (length - 1) + n * (c * (1 << h) * k
                                                                  + c.bit_length())


@pytest.mark.parametrize("m", range(1, 25))
def test_size_formula_and_counting_bound(m):
    size = xorsys_size(m)
    if m <= 20:  # the exact counting bound costs minutes above M = 20
        assert size >= least_neurons_any_depth_counting(m)
    mm, h, r, k = xorsys_split(m)
    c, length = len(XOR_SYSTEMS[mm]), -(-(1 << r) // k)
    assert size == (k - 1) + (length - 1) + c * (1 << h) * k + c.bit_length()
    assert mm + h + r == m and (k - 1) * length < 1 << r <= k * length
    for split in [(mm2, h2, m - mm2 - h2, k2) for mm2 in range(min(5, m) + 1)
                  for h2 in range(m - mm2 + 1)
                  for k2 in range(1, 1 + min(1 << (m - mm2 - h2), 64))]:
        try:
            other = xorsys_size(m, split=split)
        except ValueError:  # k2 ranges of ⌈2^r/k2⌉ values would leave the last one empty
            assert (split[3] - 1) * -(-(1 << split[2]) // split[3]) >= 1 << split[2]
            continue
        assert size <= other  # the chosen split is the best one


def _exhaustive_split(m, n):
    """The minimum of xorsys_split's key over every k ≤ 2^r, by brute force."""
    best = None
    for mm in range(min(12, m) + 1):
        for h in range(m - mm + 1):
            r = m - mm - h
            for k in range(1, (1 << r) + 1):
                length = -(-(1 << r) // k)
                if (k - 1) * length >= 1 << r:
                    continue
                key = (xorsys_size(m, n, (mm, h, r, k)), k - 1 + length - 1, -mm, k)
                best = min(best, (key, (mm, h, r, k))) if best else (key, (mm, h, r, k))
    return best[1]


@settings(max_examples=25, deadline=None)
@given(m=st.integers(1, 13), n=st.sampled_from([1, 2, 3, 5, 16, 100, 1000]))
def test_split_is_the_minimum_over_every_range_count(m, n):
    """The bounded window of large k in xorsys_split misses no split: it equals the exhaustive
    minimum over every k ≤ 2^r (k up to 8192 here)."""
    assert xorsys_split(m, n) == _exhaustive_split(m, n)


def test_many_ranges_win_at_large_odd_m():
    # with the composed systems (m ≤ 13) k = 7 ranges win at M = 29 and k = 29 at 35 (N = 1),
    # k = 3 with 16 outputs at M = 30; the best one-range split at M = 29 is (13, 3, 13), 57 more
    assert xorsys_split(29) == (13, 0, 16, 7) and xorsys_size(29) == 18017
    assert xorsys_size(29, split=(13, 3, 13, 1)) == 18074
    assert xorsys_split(35) == (13, 1, 21, 29) and xorsys_size(35) == 143926
    assert xorsys_split(30, 16) == (13, 0, 17, 3) and xorsys_size(30, 16) == 103100


def test_sizes_of_record():
    assert [xorsys_size(m) for m in (8, 16, 20, 24)] == [19, 231, 863, 3292]
    assert [xorsys_size(m) for m in (13, 15, 17, 19, 21, 23)] == [89, 167, 317, 607, 1170, 2268]
    assert xorsys_split(20) == (11, 0, 9, 1) and xorsys_split(19) == (11, 0, 8, 1)
    # 511 thermometer units, c_11 = 343 gates, 9 staircase units (866 with the seven lifted
    # windows at level 6 until 2026-12-03 evening: c_11 = 346)
    assert xorsys_size(20) == 511 + len(XOR_SYSTEMS[11]) + 9 and len(XOR_SYSTEMS[11]) == 343
    # the six-bit system alone (2026-12-03 morning): 995 at M = 20
    assert xorsys_size(20, split=(6, 5, 9, 1)) == 995
    # the five-bit system alone (before 2026-12-03): 1 027 at M = 20, 731 at M = 19
    assert xorsys_size(20, split=(5, 6, 9, 1)) == 1027
    assert xorsys_size(19, split=(5, 4, 10, 3)) == 731
    # M = 19: 2 range units, 341 thermometer units (ranges of 342 of the 1 024 values of R),
    # 8·2^4·3 gates and 4 staircase units, against 771 with one range
    assert xorsys_size(19, split=(5, 4, 10, 3)) == 2 + 341 + 384 + 4
    assert xorsys_size(19, split=(5, 5, 9)) == 771


@settings(max_examples=20, deadline=None)
@given(m=st.integers(1, 12), n=st.integers(1, 3), seed=st.integers(0, 1000), data=st.data())
def test_ranges_realise_every_split(m, n, seed, data):
    """Any split (m, h, r, k) with k ≤ 24 ranges builds an exact network of the formula's size."""
    mm = data.draw(st.integers(0, min(9, m)))
    h = data.draw(st.integers(0, m - mm))
    r = m - mm - h
    k = data.draw(st.integers(1, min(24, 1 << r)))
    length = -(-(1 << r) // k)
    if (k - 1) * length >= 1 << r:
        with pytest.raises(ValueError, match="non-empty"):
            xorsys_size(m, n, (mm, h, r, k))
        return
    f = make_function("random", m, outputs=n, seed=seed)
    net = build_xorsys(f, split=(mm, h, r, k))
    out, low = net.evaluate(all_inputs(m), return_preactivations=True)
    assert np.array_equal(out.T, f.signs()) and int(low.min()) >= 1
    assert unit_parities_odd(net) and verify(net, f).ok
    assert net.sizes().neurons == xorsys_size(m, n, (mm, h, r, k))


def test_explicit_split_and_rejections():
    f = make_function("random", 9, seed=3)
    net = build_xorsys(f, split=(3, 2, 4))
    assert net.method == "xorsys(m=3,h=2,r=4)" and verify(net, f).ok
    assert net.sizes().neurons == xorsys_size(9, split=(3, 2, 4)) == 15 + 4 * 4 + 3
    with pytest.raises(ValueError, match="bad split"):
        build_xorsys(f, split=(7, 1, 2))  # 7 + 1 + 2 ≠ 9
    with pytest.raises(ValueError, match="bad split"):
        build_xorsys(make_function("random", 15, seed=3), split=(14, 1, 0))  # no m = 14 system
    with pytest.raises(ValueError, match="non-empty"):
        build_xorsys(f, split=(5, 2, 2, 3))  # ranges of 2 of the 4 values of R: only 2 fit
    with pytest.raises(ValueError, match="a split is"):
        build_xorsys(f, split=(5, 4))
    with pytest.raises(ValueError, match="strictly layered"):
        build_xorsys(f, strict_layers=True)
    with pytest.raises(ValueError, match="force=True"):
        build_xorsys(make_function("parity", 25))
    assert METHODS["xorsys"].universal and METHODS["xorsys"].multi_output


def test_auto_picks_xorsys_where_smaller():
    f = make_function("random", 12, seed=0)
    net = build(f, "auto")
    assert net.method.startswith("auto:xorsys") and net.sizes().neurons == xorsys_size(12)
    strict = build(f, "auto", strict_layers=True)  # xorsys has no strictly layered form
    assert not strict.method.startswith("auto:xorsys")


@pytest.mark.slow
def test_m20_builds_and_verifies_in_a_minute():
    f = make_function("random", 20, seed=0)
    t0 = time.perf_counter()
    net = build_xorsys(f)
    result = verify(net, f)
    assert result.ok and result.zero_preactivations == 0
    assert net.sizes().neurons == 863 and unit_parities_odd(net)
    assert time.perf_counter() - t0 < 60


@settings(max_examples=15, deadline=None)
@given(m=st.integers(1, 9), n=st.integers(1, 4), seed=st.integers(0, 1000))
def test_registered_bound_is_the_built_size_and_the_systems_match_their_sizes(m, n, seed):
    from capacity.evaluate import evaluate_bound
    from capacity.registry import get_bound
    from capacity.solvers import XOR_SYSTEM_SIZES

    assert tuple(len(XOR_SYSTEMS[k]) for k in sorted(XOR_SYSTEMS)) == XOR_SYSTEM_SIZES
    f = make_function("random", m, outputs=n, seed=seed)
    net = build_xorsys(f)
    assert verify(net, f).ok
    value = evaluate_bound(get_bound("construction.xorsys"), {"M": m, "N": n}).value
    assert value == net.sizes().neurons == xorsys_size(m, n)


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10**6), split=st.sampled_from([(5, 0, 5, 3), (5, 0, 5, 5),
                                                           (4, 1, 5, 3), (5, 0, 4, 3)]))
def test_padded_columns_of_the_last_range_cost_no_edges(seed, split):
    """The last range's slots past the 2^r real columns are never selected; their slices repeat
    the last real one, so a gate of that range has weight 0 on the fine units of those slots.
    Padding with other columns (``arange(k·T) % 2^r``) kept every network correct and every
    neuron count, and added edges (558 → 566 at M = 10; 2026-12-06 mutation audit)."""
    from capacity.solvers import xorsys_range_length

    m, h, r, k = split
    f = make_function("random", m + h + r, seed=seed)
    net = build_xorsys(f, split=split)
    assert verify(net, f).ok
    length = xorsys_range_length(r, k)
    c = len(XOR_SYSTEMS[m])
    gates = net.layers[-(c.bit_length() + 1)]  # the gate layer, before the staircase
    delta = np.asarray(gates.weights)[:, -(length - 1):]  # (G, T − 1): weights on f_1..f_{T-1}
    kappa = np.tile(np.repeat(np.arange(k), c), 1 << h)  # each gate's range
    first_pad = (1 << r) - (k - 1) * length  # f_s with (k − 1)·T + s >= 2^r is a padded slot
    assert 0 < first_pad < length  # the split pads
    assert not delta[kappa == k - 1][:, first_pad - 1:].any()
