"""Boolean functions: input order, table strings, constructors, families and value semantics."""

import itertools
import re

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from capacity.errors import UsageError
from constructions.boolean import BooleanFunction, all_inputs, index_to_point
from constructions.families import FAMILIES, make_function, random_threshold_weights


def tables(max_m=6, max_n=3):
    return st.integers(1, max_m).flatmap(
        lambda m: st.integers(1, max_n).flatmap(
            lambda n: st.lists(
                st.text("01", min_size=1 << m, max_size=1 << m), min_size=n, max_size=n
            )
        )
    )


def test_input_order_is_lsb_first():
    # x_j = +1 iff bit j of the index is 1
    assert all_inputs(3)[6].tolist() == [-1, 1, 1]
    for i in range(16):
        assert tuple(all_inputs(4)[i]) == index_to_point(i, 4)


def test_xor_table_is_0110():
    xor = BooleanFunction.from_strings("0110")
    assert xor == make_function("parity", 2)
    for x0, x1 in itertools.product((-1, 1), repeat=2):
        assert xor(x0, x1) == (1 if (x0 > 0) != (x1 > 0) else -1)


@given(tables())
def test_strings_round_trip(strings):
    f = BooleanFunction.from_strings(",".join(strings))
    assert f.to_strings() == strings
    assert BooleanFunction.from_int(f.to_int(), f.inputs, f.outputs) == f
    assert hash(f) == hash(BooleanFunction(f.table.copy()))
    assert f.complement().complement() == f
    assert f.complement() != f


@given(tables(max_m=5, max_n=2), st.data())
def test_restriction_matches_pointwise_evaluation(strings, data):
    f = BooleanFunction.from_strings(strings)
    m = f.inputs
    if m < 2:
        return
    fixed_keys = data.draw(st.sets(st.integers(0, m - 1), min_size=1, max_size=m - 1))
    fixed = {j: data.draw(st.sampled_from((-1, 1))) for j in fixed_keys}
    g = f.restrict(fixed)
    free = [j for j in range(m) if j not in fixed]
    assert g.inputs == len(free)
    for i in range(1 << g.inputs):
        point = dict(zip(free, index_to_point(i, g.inputs), strict=True)) | fixed
        full = tuple(point[j] for j in range(m))
        assert g(*index_to_point(i, g.inputs)) == f(*full)


def test_constructors_agree():
    a, b, c = sympy.symbols("a b c")
    from_expr = BooleanFunction.from_sympy(sympy.Or(sympy.And(a, b), c), [a, b, c])
    from_fn = BooleanFunction.from_callable(
        lambda x0, x1, x2: 1 if (x0 > 0 and x1 > 0) or x2 > 0 else -1, 3)
    from_vec = BooleanFunction.from_callable(
        lambda x: ((x[:, 0] > 0) & (x[:, 1] > 0)) | (x[:, 2] > 0), 3, vectorized=True)
    from_arr = BooleanFunction(np.array([from_fn(*index_to_point(i, 3)) for i in range(8)]))
    assert from_expr == from_fn == from_vec == from_arr


def test_file_constructor(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text("# two outputs\n0110\n0001\n")
    f = BooleanFunction.from_file(p)
    assert f.to_strings() == ["0110", "0001"]


@pytest.mark.parametrize("bad, fragment", [
    ("011", "power of two"), ("01a0", "only the characters"), ("", "empty"),
    ("0110,01", "same length"),
])
def test_bad_tables_are_rejected(bad, fragment):
    with pytest.raises(ValueError, match=fragment):
        BooleanFunction.from_strings(bad)


def test_table_length_must_match_declared_inputs():
    with pytest.raises(ValueError, match="M = 3 needs"):
        BooleanFunction.from_strings("0110", inputs=3)


@given(st.integers(1, 10))
def test_family_definitions(m):
    x = all_inputs(m)
    plus = (x > 0).sum(axis=1)
    assert np.array_equal(make_function("parity", m).table[0], plus % 2 == 1)
    assert np.array_equal(make_function("majority", m).table[0], 2 * plus > m)
    assert np.array_equal(make_function("and", m).table[0], plus == m)
    assert np.array_equal(make_function("or", m).table[0], plus > 0)
    assert make_function("constant", m).count_positive() == 1 << m
    assert make_function("constant", m, value=0).count_positive() == 0


@given(st.integers(1, 5).map(lambda h: 2 * h))
def test_inner_product(m):
    h = m // 2
    f = make_function("inner-product", m)
    for i in range(1 << m):
        bits = [(i >> j) & 1 for j in range(m)]
        ip = sum(bits[j] * bits[h + j] for j in range(h)) % 2
        assert f.table[0, i] == bool(ip)


@given(st.integers(1, 10), st.integers(0, 2**32 - 1))
def test_threshold_family_is_odd_and_seeded(m, seed):
    w, b = random_threshold_weights(m, np.random.default_rng(seed))
    pre = all_inputs(m).astype(np.int64) @ w + b
    assert np.all(pre % 2 == 1)  # odd, hence never zero
    f = make_function("threshold", m, seed=seed)
    assert f == make_function("threshold", m, seed=seed)
    assert np.array_equal(f.table[0], pre > 0)


def test_seeded_multi_output_families_draw_independent_outputs():
    f = make_function("random", 6, outputs=3, seed=5)
    assert f.outputs == 3 and len(set(f.to_strings())) == 3
    assert make_function("random", 6, seed=5) != make_function("random", 6, seed=6)


def test_family_errors():
    with pytest.raises(ValueError, match="unknown function"):
        make_function("xor3", 3)
    with pytest.raises(ValueError, match="even"):
        make_function("inner-product", 3)
    with pytest.raises(ValueError, match="between 1 and"):
        make_function("parity", 0)
    assert set(FAMILIES) == {"parity", "majority", "and", "or", "constant", "random",
                             "threshold", "inner-product", "dnf"}


def test_counts():
    assert BooleanFunction.count_all(2) == 16
    assert BooleanFunction.count_all(3, 2) == 2**16
    assert make_function("parity", 4, outputs=2).information_bits == 32


def test_popcount_in_blocks_and_parity_detection_match_their_definitions():
    """popcount is built in blocks of 2^20 indices and parity_subset flips in place (one byte
    an input, not 17 and 33: construct -M 26 -f parity went 2.2 GB → 0.8 GB, 2026-12-02)."""
    import numpy as np

    from constructions.builders.parity import parity_subset
    from constructions.families import popcount

    for m in (0, 1, 5, 20, 21):  # 21: two blocks
        want = np.bitwise_count(np.arange(1 << m, dtype=np.uint64)).astype(np.int64)
        assert np.array_equal(popcount(m), want)
    for m in range(1, 7):
        idx = np.arange(1 << m)
        for mask in range(1, 1 << m):
            chi = popcount(m)[idx & mask] % 2 == 1
            subset = tuple(j for j in range(m) if mask >> j & 1)
            assert parity_subset(chi, m) == (subset, False)
            assert parity_subset(~chi, m) == (subset, True)
        assert parity_subset(popcount(m) == m, m) is None or m == 1  # AND is parity only at M = 1


@given(st.integers(1, 10), st.integers(0, 2**32 - 1), st.integers(1, 4), st.data())
def test_dnf_family_is_its_drawn_terms(m, seed, terms, data):
    """The dnf table is the OR of its terms, each drawn as before (inputs, then signs)."""
    width = data.draw(st.integers(1, m))
    rng = np.random.default_rng(seed)
    x, want = all_inputs(m), np.zeros(1 << m, dtype=bool)
    for _ in range(terms):
        inputs = rng.choice(m, size=width, replace=False)
        signs = rng.choice([-1, 1], size=width)
        want |= np.all(x[:, inputs] == signs, axis=1)
    f = make_function("dnf", m, seed=seed, terms=terms, width=width)
    assert np.array_equal(f.table[0], want)


@pytest.mark.parametrize("m", [1, 2, 3, 4, 5, 6, 7])
def test_dnf_terms_have_the_documented_default_width(m):
    """One term of width w on distinct inputs is true on 2^(M − w) inputs; the default width
    is ⌈M/2⌉. max(1, M // 2) in its place was caught only at M = 1 (2026-12-06 mutation
    audit)."""
    for seed in range(3):
        ones = int(make_function("dnf", m, seed=seed, terms=1).table.sum())
        assert ones == 2 ** (m - (m + 1) // 2)


def test_seeded_families_are_built_in_chunks_of_inputs(monkeypatch):
    """threshold and dnf built the whole (2^M, M) int64 input matrix: 6.9 GB at M = 24, a
    MemoryError reported as a memcap bug at M = 26 inside the documented M ≤ 28 (2026-12-04
    review). They are computed in chunks of inputs; the tables do not depend on the chunk."""
    import tracemalloc

    import constructions.boolean as boolean

    whole = [make_function(name, 7, seed=3).table for name in ("threshold", "dnf")]
    monkeypatch.setattr(boolean, "TABLE_CHUNK", 5)  # chunks that do not divide 2^M
    assert all(np.array_equal(make_function(name, 7, seed=3).table, t)
               for name, t in zip(("threshold", "dnf"), whole, strict=True))
    monkeypatch.undo()
    for name in ("threshold", "dnf"):
        tracemalloc.start()
        f = make_function(name, 22, seed=1)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        # the table (4 MiB of bools) and one chunk's work; the input matrix alone was 704 MiB
        assert 0 < f.count_positive() < 1 << 22 and peak < 64 << 20, (name, peak >> 20)


def test_callables_and_points_must_give_sign_values_in_the_documented_shape():
    """A transposed (N, 2^M) vectorized result was reshaped into a scrambled table, and 0 or
    NaN read as −1, all without a word (2026-12-05 API review)."""
    columns = BooleanFunction.from_callable(
        lambda x: np.stack([x[:, 0] > 0, x[:, 1] > 0], 1), 2, 2, vectorized=True)
    assert columns.to_strings() == ["0101", "0011"]  # x_0, then x_1 (LSB first)
    with pytest.raises(ValueError, match=r"shape \(2, 4\), expected \(4, 2\)"):
        BooleanFunction.from_callable(
            lambda x: np.stack([x[:, 0] > 0, x[:, 1] > 0], 0), 2, 2, vectorized=True)
    for value in (0, float("nan"), 2, "1"):
        with pytest.raises(ValueError, match="must be ±1 or bools"):
            BooleanFunction.from_callable(lambda a, b, v=value: v, 2)
    with pytest.raises(ValueError, match=r"shape \(\), expected \(4, 2\)"):
        BooleanFunction.from_callable(lambda x: 1, 2, 2, vectorized=True)  # a scalar
    assert BooleanFunction.from_callable(lambda a, b: sympy.Integer(a * b), 2).to_strings() == [
        "1001"]  # sympy's ±1 are values like any other (an object array)
    with pytest.raises(ValueError, match="must be ±1 or bools, got 0"):
        BooleanFunction.from_callable(lambda a, b: sympy.Integer(0), 2)
    with pytest.raises(ValueError, match="different numbers of outputs"):
        BooleanFunction.from_callable(lambda a, b: (a, b) if a > 0 else (a,), 2, 2)
    xor = BooleanFunction.from_strings("0110")
    assert xor(1, -1) == xor(True, False) == 1 and xor(1, 1) == -1
    with pytest.raises(ValueError, match="must be ±1 or bools, got 0"):
        xor(0, 1)


def test_family_parameters_are_checked_not_dropped():
    """make_function('dnf', ..., term=7) gave the default DNF and width=1.7 a width of 1
    (2026-12-05 API review)."""
    with pytest.raises(ValueError, match="dnf takes terms, width; got term"):
        make_function("dnf", 4, seed=1, term=7)
    with pytest.raises(ValueError, match="parity takes no parameters; got value"):
        make_function("parity", 4, value=0)
    with pytest.raises(ValueError, match="width must be an integer, got 1.7"):
        make_function("dnf", 4, seed=1, width=1.7)
    with pytest.raises(ValueError, match="integer >= 1, got 2.5"):
        make_function("random", 3, 2.5)
    assert make_function("dnf", 4, seed=0, terms=1, width=4).table.sum() == 1


def test_make_function_refuses_tables_and_dnfs_too_large_to_draw():
    """make_function("random", 3, 10**9) filled 24 GB before anything refused it, and a dnf of
    10^30 terms drew terms until memory ran out (2026-12-05 API review)."""
    from capacity.errors import UsageError
    from constructions.families import MAX_DNF_TERMS

    for args, kwargs, words in (
            (("random", 3, 10**9), {}, "make_function draws at most 65536 outputs"),
            (("random", 20, 4096), {}, "and 2^31 entries (2 GiB)"),
            (("dnf", 4), {"terms": 10**30}, f"dnf draws at most {MAX_DNF_TERMS} terms at M = 4"),
            (("dnf", 20), {"terms": 4097}, "dnf draws at most 4096 terms at M = 20")):
        with pytest.raises(UsageError, match=re.escape(words)):
            make_function(*args, **kwargs)
    assert make_function("random", 3, 1 << 16).outputs == 1 << 16  # the limits themselves
    assert make_function("dnf", 1).inputs == 1  # the default 3 terms at M = 1


def test_numpy_integer_seeds_draw_what_python_ints_draw():
    # np.int64(4) was refused by make_function while the config dataclasses took it
    f = make_function("random", 5, 2, seed=np.int64(4))
    assert f == make_function("random", 5, 2, seed=4) and f.name == "random(seed=4)"
    with pytest.raises(UsageError, match=r"non-negative integer below 2\^63, got 4.0"):
        make_function("random", 5, seed=4.0)


def test_a_function_owns_its_table_and_leaves_the_callers_array_alone():
    """A bool array given to BooleanFunction stayed the caller's: changing it changed the
    function behind its hash and equality, and the caller's array was frozen (2026-12-05 API
    review)."""
    a = np.array([False, True, True, False])
    f = BooleanFunction(a)
    a[0] = True  # the caller's array stays writable and its change does not reach f
    assert f.to_strings() == ["0110"] and f == BooleanFunction.from_strings("0110")
    b = np.zeros((1, 4), dtype=bool)
    BooleanFunction(b)
    assert b.flags.writeable


def test_from_sympy_takes_boolean_expressions_only():
    """x*y was tabulated over True/False (AND), where from_callable's ±1 reading of the same
    product is XNOR; x - y was a bare numpy TypeError (2026-12-05 API review)."""
    x, y = sympy.symbols("x y")
    for expr in (x * y, x + y, x - y, "x & y"):
        with pytest.raises(UsageError, match="sympy Boolean expressions"):
            BooleanFunction.from_sympy(expr, [x, y])
    assert BooleanFunction.from_sympy(sympy.And(x, y), [x, y]).to_strings() == ["0001"]
    assert BooleanFunction.from_sympy(x, [x, y]).to_strings() == ["0101"]


def test_all_inputs_refuses_indices_outside_the_cube():
    """Indices past 2^M wrapped round to the first points and a negative start began with the
    last ones (2026-12-05 API review)."""
    for args in ((2, 0, 8), (2, -2, 2), (2, 3, 1), (2, 0.0, 2), (0,), (2.0,)):
        with pytest.raises(UsageError):
            all_inputs(*args)
    assert all_inputs(40, 5, 6).tolist() == [[1, -1, 1] + [-1] * 37]  # any width, one index


def test_constructors_and_output_indices_refuse_bad_input_with_one_usage_error():
    """Bytes or non-strings given to from_strings, a float or bool value to from_int, an output
    count that fills memory, and output indices out of range or not integers were bare
    AttributeError/TypeError/IndexError/MemoryError, or −1 silently the last output; numpy's
    int64 had no to_bytes (2026-12-05 API review)."""
    f = BooleanFunction.from_strings("0110,0001")
    for bad in (lambda: BooleanFunction.from_strings(b"0110"),
                lambda: BooleanFunction.from_strings(None),
                lambda: BooleanFunction.from_strings(["0110", 1001]),
                lambda: BooleanFunction.from_int(6.0, 2), lambda: BooleanFunction.from_int(True, 1),
                lambda: BooleanFunction.from_int(0, 28, outputs=10**6),
                lambda: f.positives(5), lambda: f.positives(-1), lambda: f.output(1.5),
                lambda: f.output(True), lambda: f.count_positive(2)):
        with pytest.raises(UsageError):
            bad()
    assert BooleanFunction.from_int(np.int64(6), 2).to_strings() == ["0110"]
    assert f.positives(np.int64(1)).tolist() == [3] and f.output(np.int64(1)).outputs == 1


def test_a_functions_name_is_read_only_like_the_rest_of_it():
    """The class says instances are immutable; its name was assignable (2026-12-07). It still
    survives pickling (worker processes) and stays out of equality."""
    import pickle

    f = BooleanFunction.from_strings("0110", name="xor")
    with pytest.raises(AttributeError):
        f.name = "and"
    back = pickle.loads(pickle.dumps(f))
    assert back.name == "xor" and back == f == BooleanFunction.from_strings("0110", name="other")
