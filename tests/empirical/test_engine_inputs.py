"""The engine's Python API refuses input that does not fit its model with one UsageError
(2026-12-05 review: silent broadcasting, nonsense bits, raw tensor errors)."""

from __future__ import annotations

import math

import pytest
import torch

from capacity.errors import UsageError
from empirical.engine.config import DataConfig, TrainConfig
from empirical.engine.data import class_prior, make_dataset
from empirical.engine.ensemble import BatchedMLP
from empirical.engine.information import bracket_bits_per_parameter, label_information_bits
from empirical.engine.memorisation import readout
from empirical.engine.train import train_ensemble


def _two_members():
    ds = make_dataset(DataConfig(n_train=12, n_test=0, classes=2, d_in=3))
    net = BatchedMLP(3, 2, 1, [4, 4], [0, 1])
    x, y = ds.x_train.expand(2, -1, -1), ds.y_train.expand(2, -1)
    return net, x, y


@pytest.mark.parametrize("lrs, best", [((0.1,), None), ((0.1, 0.2, 0.3), None),
                                       (None, torch.tensor([12]))])
def test_train_ensemble_wants_one_rate_and_target_per_member(lrs, best):
    """lrs=(0.1,) trained both members at 0.1 and a (1,) best_count was broadcast; three
    rates for two members were a tensor-expansion RuntimeError."""
    net, x, y = _two_members()
    best = torch.tensor([12, 12]) if best is None else best
    with pytest.raises(UsageError, match="per member"):
        train_ensemble(net, x, y, x[:, :0], y[:, :0], best,
                       TrainConfig(lr=0.05, steps=2, log_every=1), lrs=lrs)


def test_train_ensemble_wants_the_members_data():
    net, x, y = _two_members()
    with pytest.raises(UsageError, match="one leading entry per member"):
        train_ensemble(net, x[:1], y[:1], x[:1, :0], y[:1, :0], torch.tensor([12, 12]),
                       TrainConfig(lr=0.05, steps=2, log_every=1))


def test_library_edges_of_the_trainer_are_one_line_errors_or_work():
    """Rates as a numpy array train like a tuple (`if lrs` raised numpy's "truth value is
    ambiguous"); no training point and an unknown activation of reference_mlp are one
    UsageError (a bare TypeError in the early stop, a KeyError) — 2026-12-07 audit."""
    import numpy as np

    from empirical.engine.ensemble import reference_mlp

    cfg = TrainConfig(lr=0.05, steps=3, log_every=1)
    runs = []
    for lrs in ((0.1, 0.2), np.array([0.1, 0.2])):
        net, x, y = _two_members()
        train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.tensor([12, 12]), cfg, lrs=lrs)
        runs.append(net.flat.detach().clone())
    assert torch.equal(runs[0], runs[1])
    net, x, y = _two_members()
    with pytest.raises(UsageError, match="at least one training point"):
        train_ensemble(net, x[:, :0], y[:, :0], x[:, :0], y[:, :0], torch.tensor([1, 1]), cfg)
    with pytest.raises(UsageError, match="unknown activation 'bogus'"):
        reference_mlp(3, 4, 1, 2, activation="bogus")


def test_readout_wants_logits_of_its_classes():
    z, y = torch.zeros(1, 3, 6), torch.zeros(1, 6, dtype=torch.long)
    with pytest.raises(UsageError, match="classes = 5"):
        readout(z, y, 5)  # bits were measured against log2 5 for three logits
    with pytest.raises(UsageError, match="clip_group 4"):
        readout(z, y, 3, clip_group=4)
    assert readout(z, y, 3, clip_group=3).count.tolist() == [0]  # a tie decides no label


def test_information_and_bracket_refuse_nonsense():
    with pytest.raises(UsageError, match="summing to 1"):
        label_information_bits(10, 2, torch.tensor([2.0, 2.0]))  # was -40 bits
    with pytest.raises(UsageError):
        label_information_bits(-10, 2)  # was -10 bits
    assert label_information_bits(10, 2, torch.tensor([0.5, 0.5])) == 10.0
    with pytest.raises(UsageError, match="smaller than needed"):
        bracket_bits_per_parameter(10.0, 5, 9)  # lower end 2.0 above the upper 1.0
    with pytest.raises(UsageError):
        bracket_bits_per_parameter(10.0, 0, None)  # ZeroDivisionError
    assert bracket_bits_per_parameter(10.0, 5, 4) == (2.0, 2.0, 2.0)


def test_class_prior_is_checked_like_the_config():
    with pytest.raises(UsageError, match="finite"):
        class_prior(3, "power_law", math.nan)  # NaN probabilities
    with pytest.raises(UsageError, match="first of 3 classes"):
        class_prior(3, "exponential", 1e6)  # [1, 0, 0]: DataConfig refuses it
    assert class_prior(3, "exponential", 1.0).sum().item() == pytest.approx(1.0)


def test_models_and_datasets_refuse_nonsense_shapes_and_seeds():
    """depth -1 built a linear model, classes 0 and width 0 built, width 2.5 was 2, and a data
    seed 1.7 drew seed 1's data (2026-12-05 review)."""
    for args in [(3, 2, -1, [4], [0]), (3, 0, 1, [4], [0]), (3, 2, 1, [0], [0]),
                 (3, 2, 1, [2.5], [0])]:
        with pytest.raises(UsageError):
            BatchedMLP(*args)
    assert BatchedMLP(3, 2, 0, [1], [0]).depth == 0  # no hidden layer: the output reads x
    with pytest.raises(UsageError, match="seed"):
        make_dataset(DataConfig(n_train=5, n_test=0, classes=2, d_in=2), seed=1.7)
