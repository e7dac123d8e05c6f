"""Observables, sign-network export and label information at their edges (the 2026-12-07
mutation audit of empirical/engine/observables.py, sign_network.py and information.py).
Expected values are worked out by hand in each test."""

import math

import pytest
import torch
from torch.overrides import TorchFunctionMode

from capacity.errors import UsageError
from constructions.network import Layer, SignNetwork
from empirical.engine.information import bracket_bits_per_parameter, label_information_bits
from empirical.engine.observables import (
    class_major_cross_entropy,
    correct_count,
    mean_cross_entropy,
)
from empirical.engine.sign_network import to_torch


def _onehot(y: torch.Tensor, classes: int) -> torch.Tensor:
    return torch.nn.functional.one_hot(y.long(), classes).transpose(1, 2).float()


def test_cross_entropy_of_no_points_is_nan_and_of_small_integer_labels_is_read():
    """n = 0 is NaN per member (documented); uint8 and int8 labels are labels (gather raised
    for them): uniform logits over 4 classes cost log 4."""
    assert mean_cross_entropy(torch.zeros(3, 0, 4), torch.zeros(3, 0, dtype=torch.long)).isnan(
    ).all()
    empty = class_major_cross_entropy(torch.zeros(2, 4, 0), torch.zeros(2, 0, dtype=torch.long))
    assert empty.shape == (2,) and empty.isnan().all()
    for dtype in (torch.uint8, torch.int8):
        y = torch.zeros(1, 3, dtype=dtype)
        assert abs(mean_cross_entropy(torch.zeros(1, 3, 4), y).item() - math.log(4)) < 1e-6
        assert abs(class_major_cross_entropy(torch.zeros(1, 4, 3), y).item()
                   - math.log(4)) < 1e-6


def test_the_one_hot_loss_selects_and_is_plus_zero():
    """With one-hot labels the label's log-probability is selected, not multiplied: logits of
    ±3e38 put the other class at −inf and 0·(−inf) is NaN; y is not read (a dummy y, one-hot
    labels 1, 1: (−log 3/4 − log 1/2)/2); a loss of exactly 0 is +0.0 on both paths."""
    z = torch.tensor([[[3e38, 0.5], [-3e38, 0.0]]])  # (1, V=2, n=2)
    y = torch.tensor([[0, 0]])
    got = class_major_cross_entropy(z, y, _onehot(y, 2))
    assert torch.isfinite(got).all() and torch.equal(got, class_major_cross_entropy(z, y))
    z = torch.tensor([[[0.0, 0.0], [math.log(3.0), 0.0]]])
    ones = torch.tensor([[[0.0, 0.0], [1.0, 1.0]]])
    got = class_major_cross_entropy(z, torch.zeros(1, 2, dtype=torch.long), ones).item()
    assert abs(got - (-math.log(3 / 4) - math.log(1 / 2)) / 2) < 1e-6
    z, y = torch.tensor([[[0.0], [-500.0]]]), torch.tensor([[0]])
    for loss in (class_major_cross_entropy(z, y, _onehot(y, 2)), class_major_cross_entropy(z, y)):
        assert str(loss.item()) == "0.0"


def test_counts_with_three_classes_and_logits_below_minus_1e30():
    """Three classes honour `counted` in both layouts (3 decided points, one not counted: 2);
    the label's own slot is masked with −inf, so a label at −1e31 beats rivals at −2e31 and
    −3e31 (a finite sentinel of −1e30 made the label its own best rival)."""
    z = torch.tensor([[[2.0, 0.0, -1.0], [0.0, 1.0, -1.0], [3.0, 0.0, -1.0]]])  # (1, n, V)
    y = torch.tensor([[0, 1, 0]])
    counted = torch.tensor([[True, False, True]])
    assert correct_count(z, y).tolist() == [3] and correct_count(z, y, counted).tolist() == [2]
    class_major = z.transpose(1, 2).contiguous().transpose(1, 2)  # the trainer's layout
    assert correct_count(class_major, y, counted).tolist() == [2]
    assert correct_count(torch.tensor([[[-1e31, -2e31, -3e31]]]), torch.tensor([[0]])).tolist(
    ) == [1]


def test_a_sign_networks_float32_export_limits_and_products():
    """float32 is refused from a bound of exactly 2^24 (2^24 − 1 is exact); other dtypes are
    refused; the products run in float64 when the float32 matmul precision is not 'highest'
    and outside autocast (watched by their operands' dtypes: this CPU's float32 products are
    exact anyway)."""
    big = SignNetwork(1, (Layer.from_lists([[2**24]], [0], [0]),))
    assert big.preactivation_bound() == 2**24
    with pytest.raises(ValueError, match="not exact in torch.float32"):
        to_torch(big, torch.float32)
    to_torch(SignNetwork(1, (Layer.from_lists([[2**24 - 1]], [0], [0]),)), torch.float32)
    net = SignNetwork(2, (Layer.from_lists([[259, -256]], [-4], [0, 1]),))
    for dtype in (torch.float16, torch.bfloat16, torch.int64):
        with pytest.raises(ValueError, match="float32 or float64"):
            to_torch(net, dtype)

    class Watch(TorchFunctionMode):
        def __init__(self):
            super().__init__()
            self.seen = []

        def __torch_function__(self, func, types, args=(), kwargs=None):
            if func in (torch.Tensor.__matmul__, torch.matmul, torch.Tensor.matmul):
                self.seen.append((args[0].dtype, args[1].dtype,
                                  torch.is_autocast_enabled("cpu")))
            return func(*args, **(kwargs or {}))

    module = to_torch(net, torch.float32)
    x = torch.tensor([[-1.0, -1.0], [1.0, -1.0], [-1.0, 1.0], [1.0, 1.0]])
    old = torch.get_float32_matmul_precision()
    try:
        torch.set_float32_matmul_precision("medium")
        with Watch() as watch:
            out = module(x)
        assert out.dtype == torch.float32 and out.ravel().tolist() == [-1, 1, -1, -1]
        assert watch.seen and all(a == b == torch.float64 for a, b, _ in watch.seen)
    finally:
        torch.set_float32_matmul_precision(old)
    with torch.autocast("cpu", dtype=torch.bfloat16), Watch() as watch:
        module(x)
    assert watch.seen and all(a == b == torch.float32 and not on for a, b, on in watch.seen)


def test_label_information_refuses_what_is_not_a_law_and_skips_zeros():
    """classes an integer ≥ 1 (0 was math.log2's ValueError, 1.5 a number of bits); a prior of
    one dimension, finite, non-negative, summing to 1 within 1e-6; zero entries skipped, so a
    certain class carries +0.0 bits (not a clamped 0·log 0, nor −0.0)."""
    F64 = torch.float64
    for bad in (0, 1.5, -2):
        with pytest.raises(UsageError):
            label_information_bits(10, bad)
    assert label_information_bits(10, 1) == 0.0
    for bad in ([0.5, 0.501], [0.5, 0.499], [0.75, 0.5, -0.25], [math.nan, 1.0],
                [0.5, math.nan, 0.5], [[0.5, 0.5]]):
        with pytest.raises(UsageError):
            label_information_bits(10, 2, torch.tensor(bad, dtype=F64))
    assert label_information_bits(10, 2, torch.tensor([0.5, 0.5 + 1e-9], dtype=F64)) > 9.99
    for prior in ([1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0]):
        bits = label_information_bits(10, len(prior), torch.tensor(prior, dtype=F64))
        assert bits == 0.0 and math.copysign(1.0, bits) == 1.0
    assert label_information_bits(8, 4, torch.tensor([0.5, 0.5, 0.0, 0.0])) == 8.0


def test_bits_per_parameter_brackets_at_their_edges():
    """The answer lies in (below, needed]: below = needed is refused; without below the upper
    end is bits / min(smallest, needed) (a smallest above needed does not lower it); smallest
    must be a count ≥ 1 (0 divided by zero)."""
    with pytest.raises(UsageError):
        bracket_bits_per_parameter(10.0, 5, 5)
    assert bracket_bits_per_parameter(10.0, 5, 4) == (2.0, 2.0, 2.0)
    assert bracket_bits_per_parameter(12.0, 6, None, smallest=12) == (2.0, 2.0, 2.0)
    with pytest.raises(UsageError):
        bracket_bits_per_parameter(12.0, 6, None, smallest=0)
