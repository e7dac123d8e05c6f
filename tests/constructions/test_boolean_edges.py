"""Edges of constructions.boolean (the truth-table type every part of memcap uses) that a
mutation audit (2026-12-07) found no test pinned, and the five bugs it found. Each test fails on
the mutants its docstring names."""

import numpy as np
import sympy
from refusals import refusal as _refusal

from constructions.boolean import (
    MAX_FUNCTION_OUTPUTS,
    MAX_TABLE_INPUTS,
    BooleanFunction,
    all_inputs,
    check_flag,
    check_inputs,
    check_table_size,
    table_strings,
)

XOR = BooleanFunction.from_strings("0110")


# ----------------------------------------------------------------------------- the limits
def test_the_input_and_size_limits_at_their_ends():
    """M = 28 accepted, True refused as M; N·2^M = 2^31 entries accepted; N = 65 537 refused
    even where the table is small; an empty half-open input range (mutants: 28 refused, bools
    accepted, 2^31 refused, the N check dropped, start == stop refused)."""
    assert MAX_TABLE_INPUTS == 28 and check_inputs(28) == 28
    _refusal(lambda: check_inputs(True))
    assert check_table_size(28, 8) == 8 and check_table_size(16, 1 << 15) == 1 << 15
    assert check_table_size(1, MAX_FUNCTION_OUTPUTS) == MAX_FUNCTION_OUTPUTS
    _refusal(lambda: check_table_size(1, MAX_FUNCTION_OUTPUTS + 1))
    assert all_inputs(2, 1, 1).shape == (0, 2) and all_inputs(2, 4, 4).shape == (0, 2)
    _refusal(lambda: check_flag("force", 1))


# ------------------------------------------------------------------------ building tables
def test_tables_of_bad_shape_or_values_are_refused_with_their_reason():
    """Length 3 named as no power of two, N = 0, length 1, a −1/0/1 mix, an empty output after
    a comma (mutants: each check dropped or its message lost)."""
    assert _refusal(lambda: BooleanFunction.from_strings("011")) == (
        "truth table length must be a power of two 2**M, got 3")
    _refusal(lambda: BooleanFunction(np.zeros((0, 4), dtype=bool)))
    assert "power of two" in _refusal(lambda: BooleanFunction([1]))
    _refusal(lambda: BooleanFunction([-1, 0, 1, 1]))
    assert BooleanFunction([-1, 1, 1, -1]).to_strings() == ["0110"]
    assert "output 1 of the truth table is empty" in _refusal(
        lambda: BooleanFunction.from_strings("0110, "))


def test_from_strings_checks_its_declared_inputs():
    """-1, 2.0 and True are refused as M in one line (they were a bare 'negative shift count',
    a TypeError, and M = 1)."""
    for bad in (-1, 2.0, True):
        assert "number of inputs M" in _refusal(
            lambda bad=bad: BooleanFunction.from_strings("0110", inputs=bad))


def test_table_files_read_comma_separated_outputs_and_refuse_a_stray_comma(tmp_path):
    """'0110,0001' on one line is two outputs; '0110,,0001' is refused as inline (the file
    dropped the empty part); inputs=3 refuses a 4-character table (mutant: inputs ignored)."""
    path = tmp_path / "t.txt"
    path.write_text("0110,0001\n")
    assert BooleanFunction.from_file(path).to_strings() == ["0110", "0001"]
    path.write_text("0110,,0001\n")
    assert "a stray comma?" in _refusal(lambda: BooleanFunction.from_file(path))
    path.write_text("# a comment\n\n0110  # xor\n")
    assert BooleanFunction.from_file(path).to_strings() == ["0110"]
    _refusal(lambda: BooleanFunction.from_file(path, inputs=3))


def test_integers_callables_and_sympy_tables():
    """from_int refuses a value past 2^(N·2^M); to_int puts output j on input i at bit
    j·2^M + i; a callable's outputs must number N and agree; False mixed with +1 (or with
    sympy's Integer(1)) is −1; an undeclared sympy symbol is refused (mutants: each check,
    the outputs reversed)."""
    assert BooleanFunction.from_int(15, 2).to_strings() == ["1111"]
    _refusal(lambda: BooleanFunction.from_int(16, 2))
    assert BooleanFunction.from_strings("0110,0001").to_int() == 0b1000_0110
    _refusal(lambda: BooleanFunction.from_callable(lambda a, b: (a, b), 2, outputs=1))
    assert BooleanFunction.from_callable(lambda a, b: (a, b), 2, outputs=2).to_strings() == [
        "0101", "0011"]  # output j is the callable's j-th value (x0 is the low index bit)
    assert "different numbers of outputs" in _refusal(lambda: BooleanFunction.from_callable(
        lambda a, b: (a, b) if a > 0 else (a,), 2, 2))
    assert BooleanFunction.from_callable(lambda a, b: 1 if a > 0 else False,
                                         2).to_strings() == ["0101"]
    assert BooleanFunction.from_callable(lambda a, b: sympy.Integer(1) if a > 0 else False,
                                         2).to_strings() == ["0101"]
    # likewise a vectorized callable's Python list, flat or one (row) tuple per input, and
    # still refusing 0 and 2 (numpy read the list [False, 1, ...] as the integers 0 and 1)
    flat = [1 if x[0] > 0 else False for x in all_inputs(2).tolist()]
    assert BooleanFunction.from_callable(lambda X: flat, 2,
                                         vectorized=True).to_strings() == ["0101"]
    rows = [(1 if x[0] > 0 else False, x[1]) for x in all_inputs(2).tolist()]
    assert BooleanFunction.from_callable(lambda X: rows, 2, outputs=2,
                                         vectorized=True).to_strings() == ["0101", "0011"]
    assert "got 0" in _refusal(lambda: BooleanFunction.from_callable(
        lambda X: [0, 1, 1, 1], 2, vectorized=True))
    assert "got 2" in _refusal(lambda: BooleanFunction.from_callable(
        lambda X: [False, 1, 2, 1], 2, vectorized=True))
    a, b, c = sympy.symbols("a b c")
    assert "undeclared" in _refusal(lambda: BooleanFunction.from_sympy(sympy.And(a, c), [a, b]))


def test_a_table_is_the_functions_own_copy():
    """A memoryview of the caller's array is copied (changing the array changed the function
    behind its hash); an F-ordered integer table is read (copy=False raised numpy's bare
    'Unable to avoid copy'); the stored table is read-only (mutant: left writable)."""
    caller = np.array([[False, True, True, False]])
    f = BooleanFunction(memoryview(caller))
    caller[0, 0] = True
    assert f.to_strings() == ["0110"] and f == XOR
    table = np.asfortranarray(np.array([[0, 1, 1, 0], [1, 1, 1, 0]]))
    assert BooleanFunction(table).to_strings() == ["0110", "1110"]
    assert BooleanFunction(np.array([[-1, 1], [1, 1], [1, 1], [-1, 1]]).T).to_strings() == [
        "0110", "1111"]
    assert not f.table.flags.writeable


# --------------------------------------------------------------------- using a function
def test_outputs_coordinates_and_restrictions_are_checked():
    """output(-1), positives(1.5), a call with too few coordinates, restrict to 0 or to every
    input are refused; a coordinate or restriction given as False is −1 like a call's
    (mutants: each check dropped; False was refused as 0 when mixed with +1)."""
    two = BooleanFunction.from_strings("0110,0001")
    _refusal(lambda: two.output(-1))
    _refusal(lambda: two.positives(1.5))
    _refusal(lambda: XOR(1))
    _refusal(lambda: XOR.restrict({0: 0}))
    _refusal(lambda: XOR.restrict({0: 1, 1: -1}))
    assert XOR(False, 1) == XOR(-1, 1) == 1 and XOR(True, False) == 1
    assert XOR.restrict({0: False}) == XOR.restrict({0: -1})
    assert XOR.restrict({0: True}).to_strings() == ["10"]
    assert "restrict takes a mapping" in _refusal(lambda: XOR.restrict([(0, 1)]))
    for key in (1.0, True):
        assert "inputs are the integers 0..1" in _refusal(lambda key=key: XOR.restrict({key: 1}))


def test_equality_covers_every_output_and_ignores_the_name():
    """Tables differing in output 1 or in M differ; names do not count; another type decides
    its own comparison (mutants: eq/hash of output 0 only or without M, the name in them,
    False for other types)."""
    a, b = BooleanFunction.from_strings("0110,0001"), BooleanFunction.from_strings("0110,0000")
    assert a != b and len({a, b}) == 2
    # "01" and "0100" pack into the same byte: M tells them apart (mutant: M left out)
    assert BooleanFunction.from_strings("01") != BooleanFunction.from_strings("0100")
    named = BooleanFunction.from_strings("0110", name="a"), BooleanFunction.from_strings(
        "0110", name="b")
    assert named[0] == named[1] and hash(named[0]) == hash(named[1])

    class Anything:
        def __eq__(self, other):
            return True

    assert BooleanFunction.from_strings("01") == Anything()


def test_the_repr_and_inline_table_text():
    """The repr shows the bits up to M = 5 and the shape from M = 6; a space inside a string is
    no table (mutants: the cut moved, spaces dropped)."""
    assert repr(BooleanFunction.from_strings("01" * 16)).endswith(", " + "01" * 16 + ")")
    assert "<1x2^6>" in repr(BooleanFunction.from_strings("01" * 32))
    assert table_strings("01 10") is None
