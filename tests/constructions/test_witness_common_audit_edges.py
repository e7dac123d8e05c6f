"""Edges of the witness transforms (``constructions/exact/witness_networks.py``) and the builders'
shared pieces (``constructions/builders/_common.py``) that a mutation audit (WN, 2026-12-07)
found no test pinned, and the input counts ``move_input_weights`` and ``moved_units`` took
through a bare ``int()``. Each test fails on the mutant its docstring names."""

import itertools

import numpy as np
import pytest

from capacity.errors import UsageError
from constructions.builders._common import detector_layer, integer_parts
from constructions.exact.npn import input_transforms
from constructions.exact.witness_networks import move_input_weights, moved_units


def test_a_transform_one_past_the_last_is_one_usage_error():
    """m = 2 has 8 signed permutations: transform 8 is refused in one line, naming the range,
    not an IndexError (W06: `<=` in the range check)."""
    n = len(input_transforms(2))
    assert n == 8
    assert move_input_weights([[3, 5]], n - 1, 2).shape == (1, 2)
    with pytest.raises(UsageError, match=rf"transform must be an integer in 0\.\.{n - 1}, got 8"):
        move_input_weights([[3, 5]], n, 2)


@pytest.mark.parametrize("call", [
    lambda: move_input_weights([[3, 5]], 0, 2.5),
    lambda: moved_units([{"weights": [3, 5], "bias": 1}], 0, 2.5, False),
    lambda: move_input_weights([[3, 5]], 0, 0),
    lambda: move_input_weights([[3, 5]], 0, True),
], ids=["2.5-weights", "2.5-units", "zero", "bool"])
def test_an_input_count_that_is_no_positive_integer_is_refused(call):
    """inputs = 2.5 was read as 2 and 0 raised numpy's "cannot reshape": one UsageError now."""
    with pytest.raises(UsageError, match="takes at least 1 inputs, got"):
        call()


def test_weights_that_make_no_rows_of_m_are_refused():
    """Three weights for two inputs are refused in one line (numpy's ValueError before); four
    are two rows, as the docstring's reshape says."""
    with pytest.raises(UsageError, match="3 weight\\(s\\) do not make rows of 2"):
        move_input_weights([[3, 5, 1]], 0, 2)
    assert move_input_weights([3, 5, 1, 2], 0, 2).tolist() == [[3, 5], [1, 2]]


def test_integer_parts_reads_a_numpy_array_as_its_values():
    """A 1-d array of ints is several values, as the docstring says (C14: refused as one)."""
    assert integer_parts(np.array([3, 2]), "split") == (3, 2)
    assert all(type(v) is int for v in integer_parts(np.array([3, 2]), "split"))


def test_a_detector_reads_its_sources_in_the_order_given():
    """Pattern bit j reads sources[j], whatever their order: the unit for u fires exactly on the
    values whose sources[j] is +1 iff bit j of u is 1 (C16: the sources were sorted)."""
    for sources in ((1, 0), (2, 0, 1)):
        w = len(sources)
        layer = detector_layer(np.arange(2 ** w), sources)
        assert tuple(layer.sources) == sources
        for values in itertools.product((-1, 1), repeat=w):  # values[s]: value index s
            z = layer.weights.astype(int) @ np.array([values[s] for s in sources]) + \
                layer.biases.astype(int)
            fired = np.flatnonzero(z > 0).tolist()
            pattern = sum(1 << j for j, s in enumerate(sources) if values[s] == 1)
            assert fired == [pattern]
