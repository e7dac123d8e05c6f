"""Observables on hand-made cases."""

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from empirical.engine.ensemble import BatchedMLP
from empirical.engine.memorisation import (
    binary_entropy_bits,
    memorised_bits,
    mutual_information_bits,
)
from empirical.engine.observables import correct_count, layer_l2, mean_cross_entropy, weight_l2


def test_cross_entropy_and_count_by_hand():
    logits = torch.tensor([[[math.log(3.0), 0.0], [0.0, 0.0], [0.0, 5.0]]])  # (1, 3, 2)
    y = torch.tensor([[0, 1, 0]])
    # point 0: p = 3/4; point 1: 1/2 (argmax is class 0: wrong); point 2: e^0/(1+e^5)
    expected = (-math.log(0.75) - math.log(0.5) + math.log(1 + math.exp(5))) / 3
    assert mean_cross_entropy(logits, y).item() == pytest.approx(expected)
    assert correct_count(logits, y).tolist() == [1]


_SPECIAL = [0.0, -0.0, 1.0, -1.0, 1e-30, 3.5, float("nan"), float("inf"), float("-inf")]


@settings(deadline=None, max_examples=60)
@given(st.lists(st.tuples(st.sampled_from(_SPECIAL) | st.floats(-5, 5, width=32),
                          st.sampled_from(_SPECIAL) | st.floats(-5, 5, width=32),
                          st.integers(0, 1)), min_size=1, max_size=40),
       st.booleans(), st.integers(1, 3))
def test_two_class_count_equals_argmax_with_ties_nan_and_inf(points, transposed, k):
    """The two-class shortcut of correct_count (from 1 024 labels on) counts exactly what
    argmax counts: ties go to class 0, NaN is the maximum (first NaN on two), ±inf and ±0
    compare as floats."""
    points = (points * (1024 // len(points) + 1))[:1024 // k + 1]  # K·n ≥ 1 024: the shortcut
    logits = torch.tensor([[p[0], p[1]] for p in points])[None].repeat(k, 1, 1)  # (K, n, 2)
    logits[1:] *= -1  # other members: other orders, same specials
    if transposed:  # the trainer's layout: a (K, n, V) view of (K, V, n) logits
        logits = logits.transpose(1, 2).contiguous().transpose(1, 2)
    y = torch.tensor([[p[2] for p in points]]).repeat(k, 1)
    reference = (logits.contiguous().argmax(dim=2) == y).sum(dim=1)
    assert torch.equal(correct_count(logits, y), reference)


def test_memorised_bits_limits_and_linearity():
    assert memorised_bits(torch.tensor(0.0), 50, 17).item() == pytest.approx(50 * math.log2(17))
    assert memorised_bits(torch.tensor(math.log(17)), 50, 17).item() == pytest.approx(0.0)
    half = memorised_bits(torch.tensor(math.log(17) / 2), 50, 17).item()
    assert half == pytest.approx(25 * math.log2(17))


def test_mutual_information_by_hand():
    p = torch.tensor([0.0, 0.25, 0.5, 1.0])
    h = -(0.25 * math.log2(0.25) + 0.75 * math.log2(0.75))
    assert binary_entropy_bits(p).tolist() == pytest.approx([0.0, h, 1.0, 0.0])
    assert mutual_information_bits(p, 8).tolist() == pytest.approx([8.0, 8 * (1 - h), 0.0, 8.0])


@settings(deadline=None, max_examples=30)
@given(st.floats(0.0, 1.0))
def test_binary_entropy_is_symmetric_and_bounded(p):
    a, b = binary_entropy_bits(torch.tensor([p, 1 - p], dtype=torch.float64)).tolist()
    assert a == pytest.approx(b, abs=1e-12) and -1e-12 <= a <= 1 + 1e-12


def test_weight_l2_counts_biases_and_ignores_padding():
    net = BatchedMLP(3, 2, 1, widths=[4, 2], init_seeds=[0, 1], dtype=torch.float64)
    flat = [torch.cat([p.flatten() for p in net.member_state(k)]) for k in range(2)]
    assert weight_l2(net.layers()).tolist() == pytest.approx([float(f.norm()) for f in flat])
    per_layer = layer_l2(net.layers())
    st0 = net.member_state(1)
    assert per_layer[1, 0].item() == pytest.approx(float(torch.cat([st0[0].flatten(),
                                                                    st0[1]]).norm()))
