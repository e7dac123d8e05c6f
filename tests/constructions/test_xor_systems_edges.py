"""Edges of the universal XOR systems (constructions/builders/xor_systems.py) that a mutation
audit found no test reaching (2026-12-07): documented refusals, the proofs' own checks, the
meet in the middle's bookkeeping, and the 64-bit mask limit. Each test fails on its mutant."""
import numpy as np
import pytest

from capacity.errors import UsageError
from constructions.builders import xor_systems as xs


@pytest.fixture
def fresh_caches():
    """Clear the caches that remember a system's chains and tables, before and after a test
    that swaps a shipped system for another."""
    xs._halves.cache_clear()
    xs.decode_table.cache_clear()
    yield
    xs._halves.cache_clear()
    xs.decode_table.cache_clear()


@pytest.mark.parametrize("m", [14, 20, 99])
def test_decode_refuses_an_m_without_a_system(m):
    with pytest.raises(UsageError, match=r"m = 0\.\.13"):
        xs.decode(m, np.array([0]))


def test_decode_table_refuses_a_system_that_is_not_universal(monkeypatch, fresh_caches):
    """decode_table is a proof: a system reaching 13 of the 16 subsets of two bits fails it."""
    monkeypatch.setitem(xs.XOR_SYSTEMS, 2, ((1, 2), (2, 1)))
    with pytest.raises(RuntimeError, match="not universal"):
        xs.decode_table(2)


def test_decode_table_fills_every_chunk_of_left_combinations(monkeypatch, fresh_caches):
    """Two full-range forms before the shipped four-bit system make the left half too wide for
    one chunk of the table; every subset is still rebuilt from its recorded thresholds."""
    forms = ((1, 2, 4, 8), (8, 4, 2, 1)) + xs.XOR_SYSTEMS[4]
    monkeypatch.setitem(xs.XOR_SYSTEMS, 4, forms)
    left, right = xs._halves(4)
    assert np.prod([len(c) for c in left]) > (1 << 22) // np.prod([len(c) for c in right])
    table = xs.decode_table(4)
    rebuilt = np.zeros(table.shape[0], dtype=np.int64)
    for j, a in enumerate(forms):
        rebuilt ^= xs.chain(a)[table[:, j]]
    assert np.array_equal(rebuilt, np.arange(1 << 16))


@pytest.mark.parametrize("width", [True, False, 0, -1])
def test_a_window_width_is_a_positive_integer(width):
    with pytest.raises(UsageError, match="positive integer"):
        xs.window_steps((3, 1), width)
    if not isinstance(width, bool):
        with pytest.raises(UsageError, match="positive integer"):
            xs.prove_universal([(3, 1)], widths=(width,))


@pytest.mark.parametrize("forms, widths", [([(1, 2), (2, 1)], (None,)), ([(1, 2)], (None, 2))])
def test_prove_universal_wants_one_width_per_form(forms, widths):
    with pytest.raises(UsageError, match="one width"):
        xs.prove_universal(forms, widths=widths)


def test_prove_universal_wants_a_form():
    with pytest.raises(UsageError, match="at least one form"):
        xs.prove_universal([])


def test_the_meet_in_the_middle_matches_each_mask_with_its_own_pair():
    """One mask with two hits in a chunk, then a mask with a single hit in the same chunk:
    each gets a (left, right) pair whose XOR is that mask."""
    left = [np.array([0, 0x10000], dtype=np.uint32)]
    right = [np.array([0, 0x10000, 5], dtype=np.uint32)]
    tables = xs._make_join_tables(left, right, plain_left=True)
    masks = np.array([0, 0x10005], dtype=np.uint32)
    found_left, found_right = xs._meet(masks, tables, "toy")
    sums = np.asarray(xs._combos(left))[found_left] ^ np.asarray(xs._combos(right))[found_right]
    assert np.array_equal(sums, masks)


def test_a_residual_left_by_a_level_is_an_error_not_wrong_thresholds(monkeypatch):
    """docs: the composed decoder raises when a residual stays non-empty; a level decoder that
    answers cut 0 for every target must not give thresholds of another subset."""
    honest = xs._decode_level

    def level_one_lies(k, masks, few):
        out = honest(k, masks, few)
        return np.zeros_like(out) if k == 1 else out

    monkeypatch.setattr(xs, "_decode_level", level_one_lies)
    sets = np.random.default_rng(0).random((2, 64)) < 0.5
    with pytest.raises(RuntimeError, match="residual"):
        xs.decode_sets(6, sets)


@pytest.mark.parametrize("m, masks", [
    *[(6, np.array([-1], dtype=dt)) for dt in (np.int8, np.int16, np.int32)],
    *[(m, np.array([-1])) for m in (2, 3, 4, 5)],
    (6, np.array([-1], dtype=object)), (6, np.array([5, -(2 ** 63)], dtype=object))])
def test_negative_masks_are_refused(m, masks):
    """Only int64/uint64 arrays carry 64-bit patterns (bit 63 set: negative) at m = 6; a
    negative mask of a narrower type, of fewer points or a negative Python int is no subset
    (decode(3, [-1]) returned the full set)."""
    with pytest.raises(UsageError, match="lie in"):
        xs.decode(m, masks)


def test_decode_six_bits_keeps_the_input_shape():
    masks = np.arange(6, dtype=np.int64).reshape(2, 3)
    indices = xs.decode(6, masks)
    assert indices.shape == (2, 3, len(xs.XOR_SYSTEMS[6]))
    assert np.array_equal(xs.combine(6, indices), masks)


@pytest.mark.parametrize("m", [3, 7])
def test_a_zero_dimensional_array_is_no_subset(m):
    with pytest.raises(UsageError, match="bool arrays of shape"):
        xs.decode_sets(m, np.array(True))


@pytest.mark.parametrize("m", [7, 8, 13])
def test_subsets_of_more_than_64_points_are_no_masks(m):
    """combine(7, ·) returned int64 masks that lost points 64..127 (numpy's int64 shift by 64
    or more wraps): all 128 points of form 0's last prefix came back as −1, 64 points. It is
    refused as decode(7, ·) is, naming the bool decoders, and so are chain and window_masks
    of a form of more than six bits."""
    forms = xs.XOR_SYSTEMS[m]
    indices = np.zeros((1, len(forms)), dtype=np.int64)
    indices[0, 0] = len(xs.thresholds(forms[0])) - 1
    assert xs.combine_sets(m, indices).sum() == 1 << m  # the bool sets: every point
    for call in (lambda: xs.combine(m, indices), lambda: xs.chain(forms[0]),
                 lambda: xs.window_masks(forms[0]), lambda: xs.window_masks(forms[0], 3),
                 lambda: xs.decode(m, np.array([0]))):
        with pytest.raises(UsageError, match=rf"2\^{m} points is no 64-bit mask: combine_sets"):
            call()
    assert xs.chain((1, 2, 4, 8, 16, 32))[-1] == -1  # six bits: all 64 points, bit 63 set


def test_numpy_integer_widths_are_widths():
    """A numpy integer width is read as the number it holds, as every size in memcap (it was
    refused: 'a window width is a positive integer, got np.int64(1)'); a numpy bool is not."""
    assert ([s.tolist() for s in xs.window_steps((3, 1), np.int64(2))]
            == [s.tolist() for s in xs.window_steps((3, 1), 2)])
    forms = xs.XOR_SYSTEMS[3]
    assert (xs.prove_universal(forms, widths=[np.int32(1)] * len(forms))
            == xs.prove_universal(forms, widths=[1] * len(forms)))
    with pytest.raises(UsageError, match="positive integer"):
        xs.window_steps((3, 1), np.True_)


@pytest.mark.parametrize("m", [2, 3, 4, 5, 6])
def test_python_integer_masks_decode_at_every_m(m):
    """An object array of Python ints decodes at every m as at m = 6 (m ≤ 5 refused it while
    m = 6 took it); out-of-range ints and bools are refused in one line at every m."""
    rng = np.random.default_rng(m)
    top = 1 << (1 << m)
    masks = [0, top - 1, *(int.from_bytes(rng.bytes(8), "little") % top for _ in range(4))]
    got = xs.decode(m, np.array(masks, dtype=object))
    assert [int(v) & (top - 1) for v in xs.combine(m, got)] == masks
    for bad in ([top], [True], [-1]):
        with pytest.raises(UsageError, match=f"subset masks of {1 << m} points lie in"):
            xs.decode(m, np.array(bad, dtype=object))
