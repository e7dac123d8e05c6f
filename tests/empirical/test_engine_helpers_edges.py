"""Edges of the dense topology, the parameter counts and the datasets
(empirical/engine/dense.py, parameters.py, data.py) that a mutation audit found no test
reaching (2026-12-07), with independent oracles: a hand redraw of the seeded initialisation,
linear scans, hand counts. Each test fails on its mutant."""
import dataclasses
import math
from collections import Counter, defaultdict

import pytest
import torch

from capacity.errors import UsageError
from empirical.engine.config import DataConfig
from empirical.engine.data import class_prior, make_dataset
from empirical.engine.dense import BatchedDenseMLP
from empirical.engine.parameters import (
    count_parameters,
    count_transformer_parameters,
    dense_parameters,
    largest_width,
    width_for_parameters,
)


def test_dense_initialisation_is_nn_linears_default_for_the_real_fan_in():
    """Weights then bias per layer, uniform in ±1/√fan_in, from one generator seeded with the
    member's seed (redrawn here by hand); biases are drawn, not zero."""
    d_in, classes, depth, width, seed = 3, 2, 2, 4, 7
    net = BatchedDenseMLP(d_in, classes, depth, [width], [seed], dtype=torch.float64)
    gen = torch.Generator().manual_seed(seed)
    for layer in range(depth + 1):
        fan_in, out = d_in + layer * width, (width if layer < depth else classes)
        bound = 1 / math.sqrt(fan_in)
        weights = (torch.rand(fan_in, out, generator=gen, dtype=torch.float64) * 2 - 1) * bound
        bias = (torch.rand(out, generator=gen, dtype=torch.float64) * 2 - 1) * bound
        assert torch.equal(net.weights[layer][0], weights)
        assert torch.equal(net.biases[layer][0, 0], bias)
        assert (bias != 0).all()


@pytest.mark.parametrize("kwargs, words", [
    (dict(depth=1, bias=False), "bias"), (dict(depth=0), "depth"), (dict(depth=-1), "depth")])
def test_the_dense_topology_refuses_what_it_cannot_build(kwargs, words):
    depth = kwargs.pop("depth")
    with pytest.raises(UsageError, match=words):
        BatchedDenseMLP(3, 2, depth, [4], [0], **kwargs)


def test_parameter_counts_refuse_impossible_shapes():
    for depth in (1, 3):
        with pytest.raises(UsageError):
            count_parameters(3, 0, depth, 2)
    assert count_parameters(3, 0, 0, 2) == 3 * 2 + 2  # no hidden layer: the width is unread
    for bad in (0, -1):
        with pytest.raises(UsageError, match="mlp_ratio"):
            count_transformer_parameters(16, 8, 8, 1, mlp_ratio=bad)
    for bad in (-1, 2.5, True):
        with pytest.raises(UsageError, match="d_in"):
            count_transformer_parameters(16, 8, 8, 1, d_in=bad)


@pytest.mark.parametrize("call, words", [
    (lambda: dense_parameters(4, 3, -1, 2), "dense_parameters: depth"),
    (lambda: dense_parameters(4, 0, 1, 2), "dense_parameters: width"),
    (lambda: dense_parameters(4, 2.5, 1, 2), "dense_parameters: width"),
    (lambda: dense_parameters(0, 3, 1, 2), "dense_parameters: d_in"),
    (lambda: dense_parameters(4, 3, 1, 0), "dense_parameters: classes"),
    (lambda: largest_width(lambda w: w, 10, step=0), "largest_width: step")])
def test_dense_counts_and_the_width_search_refuse_impossible_arguments(call, words):
    """dense_parameters(4, 3, -1, 2) counted 4 parameters and largest_width(step=0) looped
    forever; refused in one line as count_parameters refuses them."""
    with pytest.raises(UsageError, match=words):
        call()
    assert dense_parameters(4, 0, 0, 2) == (4 + 1) * 2  # no hidden layer: the width is unread


def _scan(count, budget, step=1):
    width = step
    while count(width + step) <= budget:
        width += step
    return width


def test_the_width_search_finds_the_largest_width_within_the_budget():
    assert largest_width(lambda w: w * w, 25) == 5 == _scan(lambda w: w * w, 25)
    assert largest_width(lambda w: w * w, 36, step=3) == 6
    for depth in (1, 2):
        for bias in (True, False):
            for width in (5, 37, 50):  # budgets hit exactly
                budget = count_parameters(10, width, depth, 2, bias)
                assert width_for_parameters(10, budget, depth, 2, bias) == width
            for budget in (100, 834, 5000):
                assert width_for_parameters(10, budget, depth, 2, bias) == _scan(
                    lambda w, depth=depth, bias=bias: count_parameters(10, w, depth, 2, bias),
                    budget)
    assert width_for_parameters(10, 10 ** 6, 0, 2) == 1  # the linear model: width 1
    assert width_for_parameters(10, 1, 0, 2, bias=False) == 1


@pytest.mark.parametrize("call, words", [
    (lambda: class_prior(3, "power_law", True), "alpha"),
    (lambda: class_prior(3, "exponential", True), "alpha"),
    (lambda: class_prior(0, "uniform"), "classes"),
    (lambda: class_prior(0, "power_law"), "classes"),
    (lambda: class_prior(3, "power_law", 10 ** 400), "alpha must be a finite number, got an "
                                                     "integer of 401 digits"),
    (lambda: class_prior(3, "exponential", 10 ** 400), "alpha must be a finite number"),
    (lambda: class_prior(3, "bogus", float("nan")), "unknown label_prior 'bogus'")])
def test_class_prior_refuses_what_data_config_refuses(call, words):
    """A 400-digit alpha was a raw OverflowError (DataConfig refuses it in one line), and an
    unknown law with a NaN alpha was refused for its alpha."""
    with pytest.raises(UsageError, match=words):
        call()


def test_a_uniform_prior_ignores_alpha():
    assert class_prior(3, "uniform", True).tolist() == [1 / 3] * 3


def test_seq2seq_data_counts_every_token():
    """Information bits are n·S·log2 V; the best count groups tokens by (whole sequence,
    position), a tied group counting 0; inputs are one (n·S, d) block viewed as (n, S, d)."""
    ds = make_dataset(DataConfig(kind="seq2seq", d_in=3, seq_len=4, classes=5, n_train=6,
                                 n_test=1))
    assert abs(ds.information_bits - 6 * 4 * math.log2(5)) < 1e-9
    ds = make_dataset(DataConfig(kind="seq2seq", d_in=1, seq_len=3, classes=2, n_train=40,
                                 n_test=1, input_law="rademacher"))
    groups = defaultdict(Counter)
    for x, y in zip(ds.x_train.tolist(), ds.y_train.tolist(), strict=True):
        for position, label in enumerate(y):
            groups[(tuple(v[0] for v in x), position)][label] += 1

    def decided(counts):
        top = sorted(counts.values(), reverse=True)
        return top[0] if len(top) == 1 or top[0] > top[1] else 0

    assert ds.best_count == sum(decided(c) for c in groups.values())
    n, s, d = 3, 4, 2
    ds = make_dataset(DataConfig(kind="seq2seq", d_in=d, seq_len=s, classes=5, n_train=n,
                                 n_test=1, seed=11))
    block = torch.randn(n * s, d, generator=torch.Generator().manual_seed(11))
    assert torch.equal(ds.x_train, block.view(n, s, d))


def test_make_dataset_reads_its_seed_and_dtype_arguments():
    cfg = DataConfig(n_train=6, n_test=3, classes=3, d_in=2, seed=0)
    ours, theirs = make_dataset(cfg, seed=5), make_dataset(dataclasses.replace(cfg, seed=5))
    assert torch.equal(ours.x_train, theirs.x_train)
    assert torch.equal(ours.y_train, theirs.y_train)
    assert not torch.equal(ours.x_train, make_dataset(cfg).x_train)
    low, high = make_dataset(cfg), make_dataset(cfg, dtype=torch.float64)
    assert high.x_train.dtype == high.x_test.dtype == torch.float64
    assert torch.equal(high.x_test, low.x_test.double())
    for seed in (2 ** 63, 2 ** 64 - 1, -2 ** 63):  # the documented range
        make_dataset(cfg, seed=seed)
    for seed in (2 ** 64, -2 ** 63 - 1, 1.5):
        with pytest.raises(UsageError):
            make_dataset(cfg, seed=seed)
