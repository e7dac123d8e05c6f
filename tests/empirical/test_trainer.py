"""The batched ensemble equals K standalone nn.Module runs; masks stop members cleanly."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import example, given, settings
from hypothesis import strategies as st

from empirical.engine.config import DataConfig, TrainConfig
from empirical.engine.data import make_dataset
from empirical.engine.ensemble import BatchedMLP, reference_mlp, reference_optimizer
from empirical.engine.observables import class_major_cross_entropy
from empirical.engine.train import train_ensemble
from empirical.engine.transformer import reference_gpt

F64 = torch.float64
TOL = 1e-10  # float64, relative to max(1, |param|); observed differences are ~1e-15


def _data(n=24, d=4, v=3, seed=0, dtype=F64):
    return make_dataset(DataConfig(n_train=n, n_test=0, classes=v, d_in=d, seed=seed), dtype=dtype)


def _alone(ds, width, depth, seed, cfg, activation="relu", bias=True, dtype=F64):
    """The reference: a plain nn.Sequential trained with torch.optim on its own."""
    net = reference_mlp(ds.x_train.shape[1], width, depth, ds.classes, activation, bias, seed,
                        dtype=dtype)
    opt = reference_optimizer(net.parameters(), cfg)
    for _ in range(cfg.steps):
        opt.zero_grad()
        F.cross_entropy(net(ds.x_train), ds.y_train).backward()
        opt.step()
    return [p.detach() for p in net.parameters()]


def _ensemble(dsets, widths, seeds, depth, cfg, activation="relu", bias=True, dtype=F64):
    x = torch.stack([d.x_train for d in dsets])  # (K, n, d)
    y = torch.stack([d.y_train for d in dsets])  # (K, n)
    net = BatchedMLP(x.shape[2], dsets[0].classes, depth, widths, seeds, activation, bias, dtype)
    best = torch.tensor([d.best_count for d in dsets])
    log = train_ensemble(net, x, y, x[:, :0], y[:, :0], best, cfg)
    return net, log


def _close(a, b, tol=TOL):
    for p, q in zip(a, b, strict=True):
        assert p.shape == q.shape
        assert torch.all((p - q).abs() <= tol * q.abs().clamp_min(1.0)), (p - q).abs().max()


def test_initial_parameters_equal_nn_linear_default_init():
    net = BatchedMLP(5, 3, 2, widths=[7, 4], init_seeds=[11, 12])
    for k, (w, s) in enumerate([(7, 11), (4, 12)]):
        torch.manual_seed(s)
        ref = torch.nn.Sequential(torch.nn.Linear(5, w), torch.nn.ReLU(), torch.nn.Linear(w, w),
                                  torch.nn.ReLU(), torch.nn.Linear(w, 3))
        for a, b in zip(net.member_state(k), ref.parameters(), strict=True):
            assert torch.equal(a, b)


def test_members_start_at_the_float32_build_under_a_float64_default_dtype():
    """Under torch.set_default_dtype(torch.float64) reference_mlp and reference_gpt drew
    their weights in float64, and a float64 ensemble member (built from the float32 module)
    started 1.4e-8 away from reference_mlp(dtype=float64) (2026-12-06 review). Both build in
    float32 whatever the default, as documented."""
    plain = reference_mlp(5, 7, 2, 3, init_seed=11)
    gpt = reference_gpt(8, 4, 4, 1, init_seed=3)
    before = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        ref = reference_mlp(5, 7, 2, 3, init_seed=11, dtype=F64)
        net = BatchedMLP(5, 3, 2, widths=[7], init_seeds=[11], dtype=F64)
        gpt64 = reference_gpt(8, 4, 4, 1, init_seed=3, dtype=F64)
        assert torch.get_default_dtype() == torch.float64  # restored after each build
    finally:
        torch.set_default_dtype(before)
    for a, b, c in zip(net.member_state(0), ref.parameters(), plain.parameters(), strict=True):
        assert torch.equal(a, b) and torch.equal(b, c.double())
    for a, b in zip(gpt64.parameters(), gpt.parameters(), strict=True):
        assert torch.equal(a, b.double())


@pytest.mark.parametrize("opt", [
    TrainConfig(optimizer="adam", lr=1e-2, steps=100),
    TrainConfig(optimizer="sgd", lr=5e-2, momentum=0.9, nesterov=True, weight_decay=1e-3,
                steps=100),
    TrainConfig(optimizer="adamw", lr=1e-2, weight_decay=0.1, steps=100),
])
def test_every_member_equals_its_standalone_run_with_padded_widths(opt):
    dsets = [_data(seed=s) for s in (1, 2, 3)]
    widths, seeds = [8, 3, 5], [4, 5, 6]
    net, _ = _ensemble(dsets, widths, seeds, depth=2, cfg=opt)
    for k in range(3):
        _close(net.member_state(k), _alone(dsets[k], widths[k], 2, seeds[k], opt))
    for w, m in zip(net.weights[1:], net.masks, strict=True):  # padded rows stay exactly zero
        assert torch.all(w * (1 - m.transpose(1, 2)) == 0)
    for w, m in zip(net.weights, net.masks, strict=False):  # padded output columns too
        assert torch.all(w * (1 - m) == 0)


@settings(deadline=None, max_examples=8)
@given(act=st.sampled_from(["relu", "tanh", "gelu", "silu", "relu2", "identity"]),
       bias=st.booleans(), width=st.integers(1, 6))
def test_equivalence_holds_for_every_activation(act, bias, width):
    cfg = TrainConfig(lr=1e-2, steps=20)
    ds = _data(n=10)
    net, _ = _ensemble([ds, ds], [width, 6], [0, 1], 1, cfg, act, bias)
    _close(net.member_state(0), _alone(ds, width, 1, 0, cfg, act, bias))


def test_diverging_member_leaves_the_others_untouched():
    ds = _data()
    cfg = TrainConfig(optimizer="sgd", lr=0.5, momentum=0.9, steps=60, log_every=20)
    good, _ = _ensemble([ds, ds], [6, 6], [1, 2], 1, cfg)
    # member 1 gets inputs scaled by 1e150: its weights blow up, its loss overflows within a few
    # steps and it is masked as diverged (NaN/inf stay in its own slices)
    x = torch.stack([ds.x_train, ds.x_train * 1e150, ds.x_train])
    y = ds.y_train.expand(3, -1)
    net = BatchedMLP(4, 3, 1, [6, 6, 6], [1, 9, 2], dtype=F64)
    log = train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.tensor([24] * 3), cfg)
    assert log.diverged.tolist() == [False, True, False]
    assert log.metrics["active"][-1].tolist() == [1.0, 0.0, 1.0]
    assert 0 < log.stop_step[1] < 10
    _close(net.member_state(0), good.member_state(0), 0)
    _close(net.member_state(2), good.member_state(1), 0)


def test_huge_learning_rate_diverges_only_that_run():
    ds = _data()
    cfg = TrainConfig(optimizer="sgd", lr=1e6, steps=40)
    net, log = _ensemble([ds], [6], [1], 1, cfg)
    assert log.diverged.tolist() == [True] and 0 < log.stop_step[0] < 40
    after = log.steps > log.stop_step[0]
    assert (log.metrics["active"][after, 0] == 0).all() and (log.metrics["active"][0] == 1).all()


def test_early_stop_freezes_a_member_at_full_accuracy():
    ds = _data(n=12)
    cfg = TrainConfig(lr=5e-2, steps=400, log_every=50, early_stop=True)
    net, log = _ensemble([ds, ds], [32, 32], [0, 1], 1, cfg)
    acc = log.metrics["train_acc"]
    assert acc[-1].tolist() == [1.0, 1.0]
    assert (log.stop_step > 0).all()
    # after stopping, the member's parameters (and so its weight norm) no longer change
    for k in range(2):
        after = log.steps > log.stop_step[k]
        norms = log.metrics["weight_l2"][after, k]
        assert len(norms) >= 2 and (norms == norms[0]).all()
    # the stopped member equals its standalone run of exactly stop_step updates
    steps0 = int(log.stop_step[0])
    _close(net.member_state(0), _alone(ds, 32, 1, 0, TrainConfig(lr=5e-2, steps=steps0)))


def test_conflicting_labels_stop_at_best_achievable_accuracy():
    ds = _data(n=6, d=2, v=2)
    x = torch.cat([ds.x_train, ds.x_train[:2]])[None]  # (1, 8, 2): two repeated inputs
    y = torch.cat([ds.y_train, 1 - ds.y_train[:2]])[None]  # with flipped labels
    net = BatchedMLP(2, 2, 1, [32], [0], dtype=F64)
    cfg = TrainConfig(lr=5e-2, steps=600, log_every=100, early_stop=True)
    log = train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.tensor([6]), cfg)
    assert 0 < log.stop_step[0] < 600
    assert log.metrics["memorised_count"][-1, 0] == 6


def test_minibatch_equals_standalone_minibatch_run():
    ds = _data(n=20)
    cfg = TrainConfig(lr=1e-2, steps=30, batch_size=8, shuffle_seed=3)
    net, _ = _ensemble([ds], [5], [2], 1, cfg)
    ref = reference_mlp(4, 5, 1, 3, init_seed=2, dtype=F64)
    opt = reference_optimizer(ref.parameters(), cfg)
    g = torch.Generator().manual_seed(3)
    for step in range(30):
        if step % 3 == 0:
            perm = torch.randperm(20, generator=g)
        idx = perm[(step % 3) * 8:(step % 3 + 1) * 8]
        opt.zero_grad()
        F.cross_entropy(ref(ds.x_train[idx]), ds.y_train[idx]).backward()
        opt.step()
    _close(net.member_state(0), list(ref.parameters()))


def test_same_config_and_seed_give_identical_metrics():
    ds = _data(dtype=torch.float32)
    cfg = TrainConfig(lr=1e-2, steps=30, log_every=10)
    a = _ensemble([ds, ds], [6, 4], [0, 1], 2, cfg, dtype=torch.float32)[1]
    b = _ensemble([ds, ds], [6, 4], [0, 1], 2, cfg, dtype=torch.float32)[1]
    for name in a.metrics:  # test metrics are NaN here (no test set): compare NaN-aware
        assert np.array_equal(a.metrics[name], b.metrics[name], equal_nan=True), name
    assert np.isnan(a.metrics["test_loss"]).all() and not np.isnan(a.metrics["train_loss"]).any()


def test_feature_major_forward_equals_the_sample_major_formula():
    """forward_features computes act(x W + b) layer by layer, masks included (float64)."""
    net = BatchedMLP(4, 3, 2, widths=[5, 2], init_seeds=[3, 4], activation="tanh", dtype=F64)
    x = torch.randn(2, 7, 4, dtype=F64, generator=torch.Generator().manual_seed(0))
    h = x  # (K, n, d): the textbook sample-major pass on the stored (K, in, out) weights
    for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        h = torch.baddbmm(b, h, w)  # (K, n, out)
        if i < net.depth:
            h = torch.tanh(h) * net.masks[i]
    out = net.forward_features(x.transpose(1, 2))  # (K, V, n)
    assert out.shape == (2, 3, 7)
    assert torch.allclose(out.transpose(1, 2), h, rtol=0, atol=1e-13)
    assert torch.equal(net(x), out.transpose(1, 2))


@settings(deadline=None, max_examples=20)
@given(k=st.integers(1, 3), v=st.integers(2, 5), n=st.integers(1, 9), seed=st.integers(0, 99))
def test_class_major_cross_entropy_is_each_members_f_cross_entropy(k, v, n, seed):
    from empirical.engine.observables import class_major_cross_entropy

    g = torch.Generator().manual_seed(seed)
    z = torch.randn(k, v, n, dtype=F64, generator=g) * 5  # (K, V, n)
    y = torch.randint(0, v, (k, n), generator=g)
    onehot = F.one_hot(y, v).transpose(1, 2).to(F64)  # (K, V, n)
    ref = torch.stack([F.cross_entropy(z[j].T, y[j]) for j in range(k)])
    for got in (class_major_cross_entropy(z, y), class_major_cross_entropy(z, y, onehot)):
        assert torch.allclose(got, ref, rtol=1e-14, atol=0)


@pytest.mark.parametrize("batch_size", [0, 8])
def test_stopping_early_when_all_stopped_logs_what_running_on_would(batch_size):
    """Once every member has stopped the loop ends; its remaining log rows must equal those of
    a run that keeps going (here: the same members next to one that can never stop)."""
    ds = _data(n=12)
    cfg = TrainConfig(lr=5e-2, steps=600, log_every=50, early_stop=True, batch_size=batch_size)
    x = ds.x_train.expand(3, -1, -1)
    y = ds.y_train.expand(3, -1)
    runs = []
    for best in ([12, 12], [12, 12, 13]):  # 13 of 12 points: the third member never stops
        k = len(best)
        net = BatchedMLP(4, 3, 1, [32] * k, [0, 1, 2][:k], dtype=F64)
        runs.append(train_ensemble(net, x[:k], y[:k], x[:k, :0], y[:k, :0], torch.tensor(best),
                                   cfg))
    short, full = runs
    assert (short.stop_step > 0).all() and short.stop_step.max() < 500  # it did stop early
    assert full.stop_step[2] == -1 and full.metrics["active"][-1, 2] == 1
    assert np.array_equal(short.steps, full.steps)
    for name in short.metrics:
        assert np.array_equal(short.metrics[name], full.metrics[name][:, :2], equal_nan=True), name
    assert np.array_equal(short.layer_l2, full.layer_l2[:, :2])
    assert np.array_equal(short.stop_step, full.stop_step[:2])


@pytest.mark.parametrize("dtype", [torch.float32, F64])
@pytest.mark.parametrize("activation, bias, widths, depth", [
    ("relu", True, [5, 9, 16], 2),  # padded widths: autograd multiplies by the masks, the
    # hand-written step does not (they change no bit: fullbatch's module notes)
    ("relu", False, [8, 8], 1),
    ("identity", True, [6, 3], 3),
])
def test_hand_written_backward_is_bit_identical_to_autograd(monkeypatch, dtype, activation,
                                                            bias, widths, depth):
    """The full-batch fast path (fullbatch.FullBatchStep, one chunk) forms exactly autograd's
    gradients: same parameters and logs, bit for bit, including early stop."""
    import empirical.engine.train as train

    dsets = [_data(n=20, d=3, v=4, seed=s, dtype=dtype) for s in range(len(widths))]
    cfg = TrainConfig(optimizer="adam", lr=0.05, steps=60, log_every=20, early_stop=True)
    fast_net, fast = _ensemble(dsets, widths, list(range(len(widths))), depth, cfg, activation,
                               bias, dtype)
    monkeypatch.setattr(train, "MANUAL_ACTIVATIONS", ())  # force the autograd path
    slow_net, slow = _ensemble(dsets, widths, list(range(len(widths))), depth, cfg, activation,
                               bias, dtype)
    assert torch.equal(fast_net.flat, slow_net.flat)
    for name in fast.metrics:
        np.testing.assert_array_equal(fast.metrics[name], slow.metrics[name])
    np.testing.assert_array_equal(fast.stop_step, slow.stop_step)


@pytest.mark.parametrize("widths", [[6, 6, 6], [6, 4, 5]])
def test_hand_written_backward_matches_autograd_with_a_diverging_member(monkeypatch, widths):
    import empirical.engine.train as train

    ds = _data()
    x = torch.stack([ds.x_train, ds.x_train * 1e150, ds.x_train])  # member 1 overflows
    y = ds.y_train.expand(3, -1)
    cfg = TrainConfig(optimizer="sgd", lr=0.5, momentum=0.9, steps=30, log_every=10)
    runs = []
    for manual in (train.MANUAL_ACTIVATIONS, ()):
        monkeypatch.setattr(train, "MANUAL_ACTIVATIONS", manual)
        net = BatchedMLP(4, 3, 1, widths, [1, 9, 2], dtype=F64)
        runs.append((net, train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.tensor([24] * 3),
                                         cfg)))
    (a, la), (b, lb) = runs
    assert la.diverged.tolist() == lb.diverged.tolist() == [False, True, False]
    assert torch.equal(a.flat.nan_to_num(7.0), b.flat.nan_to_num(7.0))
    np.testing.assert_array_equal(la.stop_step, lb.stop_step)


def _random_members(rng, k: int, min_width: int):
    """k members on their own 12-point, 3-input, 2-class datasets: ``(x, y, best, widths,
    init seeds)``, drawn from ``rng`` in that order."""
    dsets = [_data(n=12, d=3, v=2, seed=int(s), dtype=torch.float32)
             for s in rng.integers(0, 1000, k)]
    widths = [int(w) for w in rng.integers(min_width, 24, k)]
    seeds = [int(s) for s in rng.integers(0, 1000, k)]
    return (torch.stack([d.x_train for d in dsets]), torch.stack([d.y_train for d in dsets]),
            torch.tensor([d.best_count for d in dsets]), widths, seeds)


@settings(deadline=None, max_examples=8)
@given(seed=st.integers(0, 10**6), depth=st.integers(1, 2), sgd=st.booleans())
@example(seed=7625, depth=1, sgd=True)  # SGD members left sharing one rate (a bug once)
def test_dropping_stopped_members_changes_no_number(seed, depth, sgd):
    """Once half the members have stopped, the trainer rebuilds the ensemble from the rest; every
    number (parameters, stop steps, divergence, every logged metric) equals the run that keeps
    everyone. (With these settings about 9 draws in 10 drop members, some several times; SGD at
    the largest rate diverges.)"""
    import empirical.engine.train as train

    rng = np.random.default_rng(seed)
    k = 8
    x, y, best, widths, seeds = _random_members(rng, k, min_width=4)
    lrs = tuple(float(v) for v in rng.choice([0.001, 0.05, 0.2, 50.0], k))
    cfg = TrainConfig(optimizer="sgd" if sgd else "adam", momentum=0.9 if sgd else 0.0,
                      lr=0.01, steps=600, log_every=50, early_stop=True)
    runs = []
    for drop in (False, True):
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(train, "DROP_STOPPED", drop)
            net = BatchedMLP(3, 2, depth, widths, seeds)
            log = train_ensemble(net, x, y, x[:, :0], y[:, :0], best, cfg, lrs=lrs)
        runs.append((net, log))
    (keep_net, keep), (drop_net, drop) = runs
    assert torch.equal(keep_net.flat.nan_to_num(7.0), drop_net.flat.nan_to_num(7.0))
    np.testing.assert_array_equal(keep.stop_step, drop.stop_step)
    np.testing.assert_array_equal(keep.diverged, drop.diverged)
    np.testing.assert_array_equal(keep.steps, drop.steps)
    np.testing.assert_array_equal(keep.layer_l2, drop.layer_l2)
    for name, values in keep.metrics.items():
        np.testing.assert_array_equal(values, drop.metrics[name], err_msg=name)


def test_dropping_members_keeps_the_test_inputs_layout():
    """The review's case (2026-12-02): the test inputs' transposed view became a contiguous copy
    when members left, and member 0's test_loss moved by 1e-7 against keeping everyone."""
    import empirical.engine.train as train
    from empirical.engine.config import RunConfig
    from empirical.engine.run import run_training

    cfg = RunConfig().override(["lrs=[0.01,1e25,0.3,0.1]", "widths=[4,8,16,5]",
                                "model.depth=2", "train.optimizer='sgd'",
                                "train.early_stop=true", "data.n_test=10"])
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        runs = []
        for drop in (False, True):
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(train, "DROP_STOPPED", drop)
                runs.append(run_training(cfg).log.metrics)
    finally:
        torch.set_num_threads(threads)
    for name, values in runs[0].items():
        np.testing.assert_array_equal(values, runs[1][name], err_msg=name)


def _record_step_members(monkeypatch) -> list[int]:
    """The member count of every full-batch step the trainer builds, in order."""
    import empirical.engine.train as train

    seen = []
    real = train.FullBatchStep

    class Recording(real):
        def __init__(self, net, *args, **kwargs):
            seen.append(net.k)
            super().__init__(net, *args, **kwargs)

    monkeypatch.setattr(train, "FullBatchStep", Recording)
    return seen


def test_members_are_dropped_when_half_have_stopped(monkeypatch):
    """The rebuild really happens: the step after half the members stopped trains fewer."""
    seen = _record_step_members(monkeypatch)
    ds = _data(n=12, d=3, v=2, dtype=torch.float32)
    x, y = ds.x_train.expand(4, -1, -1), ds.y_train.expand(4, -1)
    net = BatchedMLP(3, 2, 1, [32, 32, 32, 32], [0, 1, 2, 3])
    cfg = TrainConfig(lr=0.05, steps=2000, log_every=100, early_stop=True)
    lrs = (0.1, 0.1, 0.1, 1e-5)  # three fit fast, the last one cannot within the budget
    log = train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.tensor([12] * 4), cfg, lrs=lrs)
    assert (log.stop_step[:3] > 0).all() and log.stop_step[3] == -1
    assert seen[0] == 4 and seen[-1] == 1  # the last stretch trained the one remaining member
    assert log.metrics["active"][-1].tolist() == [0.0, 0.0, 0.0, 1.0]


def test_members_are_dropped_once_exactly_half_still_train(monkeypatch):
    """Stopped members are dropped once at most half still train: 4 members of which 2 fit
    fast rebuild the step for 2 members (T19 of the 2026-12-07 audit: only fewer than half
    were dropped), and the stop steps come back in the caller's member order."""
    seen = _record_step_members(monkeypatch)
    ds = _data(n=12, d=3, v=2, dtype=torch.float32)
    x, y = ds.x_train.expand(4, -1, -1), ds.y_train.expand(4, -1)
    net = BatchedMLP(3, 2, 1, [32] * 4, [0, 1, 2, 3])
    log = train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.tensor([12] * 4),
                         TrainConfig(lr=0.05, steps=600, log_every=100, early_stop=True),
                         lrs=(0.1, 0.1, 1e-6, 1e-6))
    assert (log.stop_step[:2] > 0).all() and (log.stop_step[2:] == -1).all()
    assert seen == [4, 2]


@settings(deadline=None, max_examples=6)
@given(seed=st.integers(0, 10**6), log_every=st.sampled_from([7, 50, 600]))
@example(seed=0, log_every=50)  # every member stops (asserted): the skip is exercised
def test_skipping_the_steps_after_every_member_stopped_changes_no_number(seed, log_every):
    """Once every member has stopped (full batch, early stop), the trainer jumps to the next log
    step: parameters, stop steps and every logged row equal the run that steps through."""
    import empirical.engine.train as train

    x, y, best, widths, seeds = _random_members(np.random.default_rng(seed), 4, min_width=8)
    cfg = TrainConfig(optimizer="adam", lr=0.05, steps=600, log_every=log_every, early_stop=True)
    runs = []
    for skip in (False, True):
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(train, "SKIP_IDLE", skip)
            net = BatchedMLP(3, 2, 1, widths, seeds)
            runs.append((net, train_ensemble(net, x, y, x[:, :0], y[:, :0], best, cfg)))
    (a, la), (b, lb) = runs
    assert torch.equal(a.flat, b.flat)
    np.testing.assert_array_equal(la.stop_step, lb.stop_step)
    np.testing.assert_array_equal(la.steps, lb.steps)
    for name in la.metrics:
        np.testing.assert_array_equal(la.metrics[name], lb.metrics[name])
    np.testing.assert_array_equal(la.layer_l2, lb.layer_l2)
    if seed == 0:
        assert (la.stop_step >= 0).all() and la.stop_step.max() < 550  # the skip was exercised


def test_a_member_diverging_at_the_last_update_is_flagged():
    """The loop checks a step's loss before its update, so a member made non-finite by the
    last update was logged with a NaN loss but diverged = False (engine review)."""
    x = torch.randn(2, 8, 3, generator=torch.Generator().manual_seed(0)) * 1e10
    y = torch.randint(0, 3, (2, 8), generator=torch.Generator().manual_seed(0))
    net = BatchedMLP(3, 3, 1, [4, 4], [0, 1])
    log = train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.tensor([8, 8]),
                         TrainConfig(optimizer="sgd", lr=1e-2, steps=1, log_every=1),
                         lrs=(1e-2, 1e30))
    assert bool(log.diverged[1]) and int(log.stop_step[1]) == 1


@pytest.mark.parametrize("batch_size", [0, 16])  # full batch (the hand-written step), mini-batch
def test_tied_groups_never_count_and_training_reaches_the_decidable_best(batch_size,
                                                                         monkeypatch):
    """Equal inputs whose top label is tied (Dataset.counted False) are never counted: the
    count never exceeds best_count, which sums only the decidable groups, and cross-entropy
    training — which drives tied logits equal — reaches it and stops early. Before 2026-12-03
    best_count credited tied groups too, and whether such a group counted was float noise.
    Each member has its own data (its own mask row), and stopped members leave the ensemble
    (full batch): the logs equal those of an ensemble that keeps every member."""
    from empirical.engine import train
    from empirical.engine.config import ModelConfig, RunConfig
    from empirical.engine.run import run_training

    data = DataConfig(input_law="rademacher", d_in=3, n_train=40, n_test=0, classes=3)
    seeds = (2, 3, 4, 5)
    best = [make_dataset(data, seed=s).best_count for s in seeds]
    tied = [make_dataset(data, seed=s).counted for s in seeds]
    assert all(c is not None and not bool(c.all()) for c in tied[:2])  # some groups tie
    cfg = RunConfig(data=data, model=ModelConfig(width=32, depth=1), ensemble=4,
                    init_seeds=(0, 1, 2, 3), data_seeds=seeds,
                    train=TrainConfig(lr=0.03, steps=3000, log_every=50, early_stop=True,
                                      batch_size=batch_size))
    res = run_training(cfg)
    count = res.log.metrics["memorised_count"]  # (logs, K)
    assert (count <= np.array(best)).all()
    assert (count[-1] == np.array(best)).all() and (res.log.stop_step >= 0).all()
    monkeypatch.setattr(train, "DROP_STOPPED", False)
    kept = run_training(cfg)
    assert np.array_equal(kept.log.metrics["memorised_count"], count)
    assert np.array_equal(kept.log.stop_step, res.log.stop_step)


def test_the_chunked_full_batch_step_counts_only_the_counted_points():
    """FullBatchStep splits the points into column chunks; the mask is sliced with them, so any
    chunking gives the count of correct points among the counted ones."""
    from empirical.engine.fullbatch import FullBatchStep
    from empirical.engine.observables import correct_count

    g = torch.Generator().manual_seed(0)
    net = BatchedMLP(3, 3, 2, [8, 8], [0, 1])
    xt = torch.randn(2, 3, 23, generator=g)  # (K, d, n) feature-major
    y = torch.randint(0, 3, (2, 23), generator=g)
    counted = torch.rand(2, 23, generator=g) < 0.6
    onehot = F.one_hot(y, 3).transpose(1, 2).float().contiguous()
    with torch.no_grad():
        want = correct_count(net.forward_features(xt).transpose(1, 2), y, counted)
    for columns in (5, 11, 23):
        grads = [torch.zeros_like(p) for p in net.parameters()]
        step = FullBatchStep(net, xt, onehot, grads, columns=columns)
        _, got = step(torch.ones(2, dtype=torch.bool), y, None, counted)
        assert torch.equal(got, want), columns
    with torch.no_grad():  # the masked count is the plain count on the counted points alone
        logits = net.forward_features(xt).transpose(1, 2)  # (K, n, V)
        for k in range(2):
            keep = counted[k]
            assert int(want[k]) == int(correct_count(logits[k:k + 1, keep], y[k:k + 1, keep]))


def test_huge_but_finite_logits_are_a_loss_of_zero_in_the_loss_function_and_the_log():
    """Logits of ±3e38 put the other class at log-probability −inf; a label pick by a product
    with the one-hot labels gives 0·(−inf) = NaN (2026-12-04 review). The loss function selects
    instead (F.cross_entropy's 0), and a loss of exactly 0 is logged as +0.0, not −0.0. (The
    full-batch step keeps the product, 3–5 % faster, and counts such a member as diverged:
    docs/empirical.md, "Loss".)"""
    net = BatchedMLP(1, 2, 0, [1, 1], [0, 1], activation="identity")
    with torch.no_grad():
        net.weights[0][0] = torch.tensor([[3e38, -3e38]])
        net.biases[0][0] = 0
    x, y = torch.ones(2, 1, 1), torch.zeros(2, 1, dtype=torch.long)
    assert F.cross_entropy(net(x)[0], y[0]).item() == 0.0  # (n, V) logits
    onehot = F.one_hot(y, 2).transpose(1, 2).float()  # (K, V, n)
    logits = net(x).detach().transpose(1, 2)  # (K, V, n)
    assert class_major_cross_entropy(logits, y, onehot)[0].item() == 0.0
    log = train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.tensor([1, 1]),
                         TrainConfig(lr=1e-3, steps=2, log_every=1))
    loss = log.metrics["train_loss"][:, 0]
    assert (loss == 0).all() and not np.signbit(loss).any()  # +0.0 in the table, not −0.0


def test_progress_between_log_steps_changes_no_number(monkeypatch):
    """``on_step`` reports the steps done between two logs (a run logged only at its end sat at
    0 % on its progress bar, 2026-12-06 review), every 64 steps at most, and training is the same
    with it as without."""
    import empirical.engine.train as train_module

    monkeypatch.setattr(train_module, "PROGRESS_EVERY_S", 0.0)
    ds = make_dataset(DataConfig(n_train=20, n_test=0, classes=2, d_in=3))
    x, y = ds.x_train.expand(2, -1, -1), ds.y_train.expand(2, -1)
    cfg = TrainConfig(lr=0.05, steps=200, log_every=200)
    logs = []
    for on_step in (None, logs.append):
        net = BatchedMLP(3, 2, 1, [8, 8], [0, 1])
        log = train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.tensor([20, 20]), cfg,
                             on_step=on_step)
        logs.append(log.metrics["train_loss"].tolist())
    assert logs[1:4] == [64, 128, 192]
    assert logs[0] == logs[4]


@pytest.mark.parametrize("activation", ["relu", "tanh"])  # the hand-written step and autograd
def test_a_member_decided_by_the_last_update_stops_at_the_last_step(activation):
    """A member first correct on every point after the last of T updates has ``stop_step = T``,
    as it would at any earlier step (it read -1, "never stopped", while a member diverging at T
    got T: 2026-12-06 engine review). Its stop step in a longer run is the T used."""
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(0)
    x, y = torch.randn(16, 3, generator=g), torch.randint(0, 2, (16,), generator=g)

    def run(steps):
        net = BatchedMLP(3, 2, 1, [8], [5], activation)
        return train_ensemble(net, x[None], y[None], x[None, :0], y[None, :0],
                              torch.tensor([16]), TrainConfig(optimizer="adam", lr=0.2,
                                                              steps=steps, log_every=1,
                                                              early_stop=True))
    first = int(run(400).stop_step[0])
    assert 0 < first < 400
    log = run(first)
    assert log.stop_step.tolist() == [first] and log.metrics["train_acc"][-1, 0] == 1.0
    assert log.metrics["train_acc"][-2, 0] < 1.0 and not log.diverged[0]


def test_the_logged_test_metrics_are_the_test_sets_and_a_batch_of_n_is_full():
    """Two edges of the 2026-12-06 engine mutation audit: the logged test loss and accuracy are
    those of the test set's logits, in their own columns (a swap of the two survived: only a
    slow test read them); a batch of all n points is a full batch (checked every step: stops at
    step 26 like batch_size 0; as mini-batches it stopped at the log step 100)."""
    from empirical.engine.data import make_dataset
    from empirical.engine.observables import correct_count

    torch.set_num_threads(1)
    ds = make_dataset(DataConfig(n_train=20, n_test=10, classes=2, d_in=3))
    x, y, xt, yt = ds.x_train[None], ds.y_train[None], ds.x_test[None], ds.y_test[None]
    net = BatchedMLP(3, 2, 1, [16], [0])
    log = train_ensemble(net, x, y, xt, yt, torch.tensor([ds.best_count]),
                         TrainConfig(lr=0.05, steps=20, log_every=20))
    with torch.no_grad():
        z = net.forward_features(net.prepare(xt))  # (1, V, n_test) class-major logits
    loss = class_major_cross_entropy(z, yt).item()
    acc = correct_count(z.transpose(1, 2), yt).item() / 10
    assert log.metrics["test_loss"][-1, 0] == pytest.approx(loss, rel=1e-6)
    assert log.metrics["test_acc"][-1, 0] == pytest.approx(acc) and loss != pytest.approx(acc)
    stops = []
    for batch in (0, 20):
        log = train_ensemble(BatchedMLP(3, 2, 1, [16], [0]), x, y, x[:, :0], y[:, :0],
                             torch.tensor([ds.best_count]),
                             TrainConfig(lr=0.05, steps=300, log_every=100, early_stop=True,
                                         batch_size=batch))
        stops.append((log.stop_step.tolist(), log.metrics["train_loss"][-1].tolist()))
    assert stops[0] == stops[1] and stops[0][0][0] % 100 != 0


def test_a_member_stopped_before_another_diverges_is_not_called_diverged():
    """Mini-batches: member 0 is decided at step 0 (best count 1 on its one counted point);
    member 1's logits of ±3·10^38 overflow its loss at step 1. Only member 1 diverged (an
    audit mutant flagged every member whose loss was not finite, stopped or not)."""
    net = BatchedMLP(1, 2, 0, [1, 1], [0, 1])
    with torch.no_grad():
        net.weights[-1].zero_()
        net.biases[-1].copy_(torch.tensor([3e38, -3e38]).view(1, 1, 2).expand(2, 1, 2))
    x, y = torch.tensor([[0.0], [0.0], [1.0]]).expand(2, 3, 1), torch.tensor([0, 1, 0]).expand(2, 3)
    log = train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.tensor([1, 2]),
                         TrainConfig(lr=0.01, steps=4, log_every=2, early_stop=True,
                                     batch_size=2),
                         counted=torch.tensor([False, False, True]).expand(2, 3))
    assert log.stop_step.tolist() == [0, 1] and log.diverged.tolist() == [False, True]
