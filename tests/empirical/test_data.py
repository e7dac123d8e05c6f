"""Data laws, generation order, Boolean data and conflict detection."""

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from capacity.errors import UsageError
from constructions.boolean import BooleanFunction
from empirical.engine.boolean_data import function_dataset
from empirical.engine.config import DataConfig
from empirical.engine.data import best_achievable_count, class_prior, make_dataset
from empirical.engine.dataset import decidable_labels
from empirical.engine.memorisation import label_information_bits


@pytest.mark.parametrize("prior,alpha", [("uniform", 1.0), ("power_law", 1.0),
                                         ("power_law", 2.0), ("exponential", 0.5)])
def test_label_frequencies_follow_the_prior(prior, alpha):
    cfg = DataConfig(classes=7, label_prior=prior, alpha=alpha, n_train=20000, n_test=0, d_in=1,
                     seed=5)
    ds = make_dataset(cfg)
    counts = np.bincount(ds.y_train.numpy(), minlength=7)
    expected = class_prior(7, prior, alpha).numpy() * cfg.n_train
    assert stats.chisquare(counts, expected).pvalue > 1e-4  # fixed seed: deterministic


def test_prior_formulas():
    p = class_prior(4, "exponential", 1.0)
    assert torch.allclose(p[1:] / p[:-1], torch.full((3,), math.exp(-1.0), dtype=p.dtype))
    # α ≠ 1, where e^(−α(n−1)) and e^(−(n−1)/α) differ (α = 1 alone passed the second law;
    # 2026-12-06 mutation audit): ratio e^(−1/2), p_1 = 1/(1 + e^(−1/2) + e^(−1) + e^(−3/2))
    p = class_prior(4, "exponential", 0.5)
    assert float(p[1] / p[0]) == pytest.approx(math.exp(-0.5))
    assert float(p[0]) == pytest.approx(1 / sum(math.exp(-0.5 * k) for k in range(4)))
    q = class_prior(4, "power_law", 2.0)
    assert torch.allclose(q[0] / q[3], torch.tensor(16.0, dtype=q.dtype))
    assert label_information_bits(1, 17, class_prior(17)) == pytest.approx(math.log2(17))


@pytest.mark.parametrize("law,check", [
    ("standard_normal", lambda x: stats.kstest(x, "norm").pvalue > 1e-4),
    ("uniform", lambda x: stats.kstest(x, "uniform", args=(-1, 2)).pvalue > 1e-4),
    ("rademacher", lambda x: set(np.unique(x)) == {-1.0, 1.0} and abs(x.mean()) < 0.05),
])
def test_input_laws(law, check):
    ds = make_dataset(DataConfig(input_law=law, n_train=4000, n_test=0, d_in=2, seed=1))
    assert check(ds.x_train.numpy().ravel())


def test_generation_order_is_x_train_y_train_x_test_y_test():
    cfg = DataConfig(n_train=5, n_test=3, d_in=2, classes=4, seed=11)
    ds = make_dataset(cfg)
    g = torch.Generator().manual_seed(11)
    p = class_prior(4)
    assert torch.equal(ds.x_train, torch.randn(5, 2, generator=g))
    assert torch.equal(ds.y_train, torch.multinomial(p, 5, replacement=True, generator=g))
    assert torch.equal(ds.x_test, torch.randn(3, 2, generator=g))
    assert torch.equal(ds.y_test, torch.multinomial(p, 3, replacement=True, generator=g))


def test_same_seed_same_data_float64_sees_the_same_points():
    a = make_dataset(DataConfig(seed=3))
    b = make_dataset(DataConfig(seed=3), dtype=torch.float64)
    assert torch.equal(a.x_train.double(), b.x_train) and torch.equal(a.y_train, b.y_train)
    assert not torch.equal(a.x_train, make_dataset(DataConfig(seed=4)).x_train)


def test_information_bits():
    ds = make_dataset(DataConfig(n_train=100, classes=17))
    assert ds.information_bits == pytest.approx(100 * math.log2(17))
    fn = BooleanFunction.from_strings("0110,0111,0001")
    assert function_dataset(fn).information_bits == 3 * 4


def test_rademacher_conflicts_lower_the_best_accuracy():
    ds = make_dataset(DataConfig(input_law="rademacher", d_in=3, n_train=200, classes=5))
    assert ds.best_count < 200  # only 8 distinct inputs
    x, y = ds.x_train.numpy(), ds.y_train.numpy()
    rows = {}
    for xi, yi in zip(map(tuple, x), y, strict=True):
        rows.setdefault(xi, []).append(yi)
    top = {xi: np.bincount(v) for xi, v in rows.items()}
    unique = {xi: (c == c.max()).sum() == 1 for xi, c in top.items()}  # ties: undecidable
    assert ds.best_count == sum(c.max() for xi, c in top.items() if unique[xi])
    assert len(rows) == 8 and ds.best_accuracy == ds.best_count / 200
    want = [unique[xi] for xi in map(tuple, x)]
    assert (ds.counted is None) == all(want)
    assert ds.counted is None or ds.counted.tolist() == want


@settings(deadline=None, max_examples=40)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2)), min_size=1, max_size=30))
def test_best_count_is_sum_of_majority_labels(pairs):
    """Σ over groups of equal inputs of their majority label's count, where the majority is
    unique; a tied group credits nothing (module notes of empirical.engine.dataset)."""
    x = np.array([[a] for a, _ in pairs])
    y = np.array([b for _, b in pairs])
    counts = {g: np.bincount(y[x[:, 0] == g]) for g in np.unique(x[:, 0])}
    best = sum(c.max() for c in counts.values() if (c == c.max()).sum() == 1)
    assert best_achievable_count(x, y) == best
    assert decidable_labels(x, y).tolist() == [
        bool((counts[a] == counts[a].max()).sum() == 1) for a in x[:, 0]]


def test_boolean_labels_follow_the_input_order_and_output_bits():
    fn = BooleanFunction.from_strings("0110,0011")
    ds = function_dataset(fn)
    assert ds.classes == 4 and ds.best_count == 4
    for i in range(4):
        bits = [int(fn.table[j, i]) for j in range(2)]
        assert ds.y_train[i] == bits[0] + 2 * bits[1]
        assert [int(v) for v in ds.x_train[i]] == [1 if (i >> j) & 1 else -1 for j in range(2)]


def test_a_bf16_run_targets_the_inputs_its_forward_sees():
    """autocast rounds the inputs to bf16 in the first matmul: with d_in = 1 distinct float32
    points merge, so the float32 best_count was unreachable and no member ever stopped early
    (2026-12-04 review). The target is that of the rounded inputs; ±1 inputs keep theirs."""
    import torch

    from empirical.engine.config import RunConfig
    from empirical.engine.dataset import memorisable_labels
    from empirical.engine.run import run_training

    base = ["data.n_train=2000", "data.n_test=0", "data.d_in=1", "data.classes=2",
            "train.steps=2", "ensemble=1", "model.width=4"]
    f32 = run_training(RunConfig().override(base)).datasets[0]
    bf16 = run_training(RunConfig().override([*base, "dtype=bfloat16"])).datasets[0]
    rounded = f32.x_train.to(torch.bfloat16).float()
    assert len(torch.unique(rounded)) < len(torch.unique(f32.x_train))  # points merged
    want, _ = memorisable_labels(rounded, f32.y_train)
    assert bf16.best_count == want < f32.best_count == 2000
    seq = ["data.kind=seq2seq", "data.seq_len=2", "data.d_in=1", "data.classes=2",
           "data.n_train=2000", "data.n_test=0", "model.kind=transformer", "train.steps=2",
           "ensemble=1"]  # the transformer's input layer rounds its sequences alike (review)
    s32 = run_training(RunConfig().override(seq)).datasets[0]
    s16 = run_training(RunConfig().override([*seq, "dtype=bfloat16"])).datasets[0]
    rounded = s32.x_train.to(torch.bfloat16).float().reshape(2000, -1)
    want = sum(memorisable_labels(rounded, s32.y_train[:, j])[0] for j in range(2))
    assert s16.best_count == want < s32.best_count == 4000
    boolean = ["data.kind=boolean", "data.inputs=4", "train.steps=2", "ensemble=1"]
    assert run_training(RunConfig().override([*boolean, "dtype=bfloat16"])).datasets[0] \
        .best_count == 16


@pytest.mark.parametrize("law, classes, alpha, ok", [
    ("exponential", 4, 1e6, False), ("exponential", 4, 38.0, False),
    ("exponential", 4, 36.0, True), ("exponential", 1000, 1.0, True),
    ("exponential", 256, 3.0, True), ("power_law", 4, 500.0, False),
    ("power_law", 4, 50.0, True), ("power_law", 2**24, 1.0, True)])
def test_a_prior_on_one_class_is_refused(law, classes, alpha, ok):
    """alpha = 10^6 with 4 classes drew labels from [1, 0, 0, 0]: 0 bits of information and a
    negative capacity were reported. A prior whose other classes together weigh below 2^-53 of
    the first is refused now; one whose last classes merely underflow is not (an underflow rule
    refused 1 000 classes at the default alpha = 1; 2026-12-04 reviews)."""
    make = lambda: DataConfig(kind="random", classes=classes, label_prior=law,  # noqa: E731
                              alpha=alpha)
    if ok:
        if classes <= 1000:  # the prior itself: not a single class
            assert float(class_prior(classes, law, make().alpha)[0]) < 1.0
        else:
            make()
    else:
        with pytest.raises(UsageError, match="all of its probability on the first"):
            make()
