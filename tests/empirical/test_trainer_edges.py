"""The trainer's edges that a 2026-12-07 mutation audit of empirical/engine/train.py and
empirical/engine/ensemble.py found untested: the per-member argument checks, the progress rate
limit, the final log step, on_log for the rows repeated after every member stopped, clipping
per sequence, float32 read-outs under bf16 autocast, the float64 accuracy, the thread rule and
its restore, and the ensemble's select, step_flops, member_state snapshots and two-class input
gradient (dropping stopped members at exactly half is in test_trainer.py, beside the drop
test)."""

import types

import numpy as np
import pytest
import torch

import empirical.engine.ensemble as ensemble
import empirical.engine.train as train
from capacity.errors import UsageError
from empirical.engine.config import DataConfig, TrainConfig
from empirical.engine.data import make_dataset, token_dataset
from empirical.engine.ensemble import BatchedMLP, _two_class_fma, input_gradient
from empirical.engine.memorisation import readout
from empirical.engine.observables import class_major_cross_entropy
from empirical.engine.train import torch_threads, train_ensemble
from empirical.engine.transformer import BatchedGPT

F64 = torch.float64


def _shared(k, n=20, v=2, d=3, dtype=torch.float32):
    """One dataset of n points shared by k members: (x (k, n, d), y (k, n))."""
    ds = make_dataset(DataConfig(n_train=n, n_test=0, classes=v, d_in=d), dtype=dtype)
    return ds.x_train.expand(k, -1, -1), ds.y_train.expand(k, -1)


@pytest.fixture
def two_threads():
    """torch at 2 CPU threads for the test (the session runs at 1), restored afterwards."""
    old = torch.get_num_threads()
    torch.set_num_threads(2)
    yield
    torch.set_num_threads(old)


# --- _check_members ---------------------------------------------------------------------------


def test_more_leading_entries_than_members_is_one_usage_error():
    """x_train must have one leading entry per member: 3 entries for K = 2 is a UsageError,
    not a bmm RuntimeError (T11: only fewer entries were refused)."""
    g = torch.Generator().manual_seed(0)
    x, y = torch.randn(3, 8, 3, generator=g), torch.randint(0, 2, (3, 8), generator=g)
    net = BatchedMLP(3, 2, 1, [4, 4], [0, 1])
    with pytest.raises(UsageError, match="x_train must have one leading entry per member"):
        train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.tensor([8, 8]),
                       TrainConfig(lr=0.01, steps=2, log_every=1))


def test_test_inputs_and_labels_of_different_lengths_are_one_usage_error():
    """Inputs and labels must have as many points, the test set included: 5 test inputs with
    4 test labels is a UsageError (T12: only the training set was checked)."""
    g = torch.Generator().manual_seed(0)
    x, y = torch.randn(2, 8, 3, generator=g), torch.randint(0, 2, (2, 8), generator=g)
    xt, yt = torch.randn(2, 5, 3, generator=g), torch.randint(0, 2, (2, 4), generator=g)
    net = BatchedMLP(3, 2, 1, [4, 4], [0, 1])
    with pytest.raises(UsageError, match="as many points"):
        train_ensemble(net, x, y, xt, yt, torch.tensor([8, 8]),
                       TrainConfig(lr=0.01, steps=2, log_every=1))


@pytest.mark.parametrize("edit, message", [
    (lambda x, y, xt, yt: (torch.zeros(2, 8, 4), y, xt, yt),
     r"x_train must have shape \(K, n, 3\) for the model's 3 inputs, got \(2, 8, 4\)"),
    (lambda x, y, xt, yt: (x, y, torch.zeros(2, 5, 2), yt),
     r"x_test must have shape \(K, n, 3\)"),
    (lambda x, y, xt, yt: (x.double(), y, xt.double(), yt),
     "x_train is torch.float64 but the model's parameters are torch.float32"),
    (lambda x, y, xt, yt: (x.long(), y, xt, yt), "x_train is torch.int64"),
    (lambda x, y, xt, yt: (x, y.float(), xt, yt),
     "y_train must hold class indices of dtype torch.long, got torch.float32"),
    (lambda x, y, xt, yt: (x, y, xt, yt.int()), "y_test must hold class indices"),
    (lambda x, y, xt, yt: (x, y + 2, xt, yt),
     r"y_train holds labels 2..3; they must lie in 0..1 \(the model's 2 classes\)"),
    (lambda x, y, xt, yt: (x, y, xt, yt - 2), "y_test holds labels -2..-1"),
], ids=["d_in", "test-d_in", "float64", "int-inputs", "float-labels", "int32-test-labels",
        "label-too-large", "negative-test-label"])
def test_inputs_and_labels_the_model_cannot_read_are_one_usage_error(edit, message):
    """A wrong input width, an input dtype other than the parameters', labels that are not
    torch.long, or labels outside 0..V-1 are one UsageError before any step (each was a
    RuntimeError from torch inside the first step until 2026-12-07)."""
    g = torch.Generator().manual_seed(0)
    x, y = torch.randn(2, 8, 3, generator=g), torch.randint(0, 2, (2, 8), generator=g)
    xt, yt = torch.randn(2, 5, 3, generator=g), torch.randint(0, 2, (2, 5), generator=g)
    net = BatchedMLP(3, 2, 1, [4, 4], [0, 1])
    before = net.flat.clone()
    with pytest.raises(UsageError, match=message):
        train_ensemble(net, *edit(x, y, xt, yt), torch.tensor([8, 8]),
                       TrainConfig(lr=0.01, steps=2, log_every=1))
    assert torch.equal(net.flat, before)  # refused before any update


# --- the step loop ----------------------------------------------------------------------------


def test_the_last_step_is_logged_when_steps_is_no_multiple_of_log_every():
    """Logs at every log_every steps and at the last step: steps = 7, log_every = 3 logs
    0, 3, 6 and 7, with one metrics row each (T18: the final step was dropped)."""
    x, y = _shared(2)
    seen = []
    log = train_ensemble(BatchedMLP(3, 2, 1, [8, 8], [0, 1]), x, y, x[:, :0], y[:, :0],
                         torch.tensor([20, 20]), TrainConfig(lr=0.05, steps=7, log_every=3),
                         on_log=seen.append)
    assert log.steps.tolist() == [0, 3, 6, 7] == seen
    assert log.metrics["train_loss"].shape == (4, 2) and log.layer_l2.shape[0] == 4


def test_on_step_is_rate_limited_after_every_call(monkeypatch):
    """on_step is called at most every PROGRESS_EVERY_S seconds (checked every 64 steps): with
    a clock moving 0.1 s a read and a 0.25 s interval, two calls are at least 3 checks
    (192 steps) apart (T24: after the first call every check called)."""
    clock = [0.0]

    def perf_counter():
        clock[0] += 0.1
        return clock[0]

    monkeypatch.setattr(train, "time", types.SimpleNamespace(perf_counter=perf_counter))
    monkeypatch.setattr(train, "PROGRESS_EVERY_S", 0.25)
    x, y = _shared(2)
    calls = []
    train_ensemble(BatchedMLP(3, 2, 1, [8, 8], [0, 1]), x, y, x[:, :0], y[:, :0],
                   torch.tensor([20, 20]), TrainConfig(lr=0.05, steps=1280, log_every=1280),
                   on_step=calls.append)
    gaps = [b - a for a, b in zip(calls, calls[1:], strict=False)]
    assert len(calls) >= 3 and all(c % 64 == 0 for c in calls)
    assert all(g >= 3 * 64 for g in gaps), calls


def test_on_log_is_called_for_the_rows_repeated_after_every_member_stopped():
    """on_log is called with the step number after each log, also for the rows filled in once
    every member has stopped, so a progress bar reaches the end (T44)."""
    x, y = _shared(2, n=12)
    calls = []
    log = train_ensemble(BatchedMLP(3, 2, 1, [32, 32], [0, 1]), x, y, x[:, :0], y[:, :0],
                         torch.tensor([12, 12]),
                         TrainConfig(lr=0.05, steps=600, log_every=50, early_stop=True),
                         on_log=calls.append)
    assert log.stop_step.max() < 500  # every member stopped well before the end
    assert calls == log.steps.tolist() == list(range(0, 601, 50))


# --- read-outs --------------------------------------------------------------------------------


def test_clip_bits_clips_a_transformers_bits_per_sequence():
    """With clip_bits each sequence's bits (its T labels together) are clipped at 0: the logged
    memorised bits equal readout(..., T).bits and differ from per-label clipping (T36)."""
    v, t = 12, 6
    ds = [token_dataset(DataConfig(kind="tokens", classes=v, seq_len=t + 1, n_train=5,
                                   n_test=0), seed=s) for s in (0, 1)]
    x, y = torch.stack([d.x_train for d in ds]), torch.stack([d.y_train for d in ds])
    net = BatchedGPT(v, t, 1, [8, 8], [3, 4], heads=2, dtype=F64)
    log = train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.tensor([30, 30]),
                         TrainConfig(lr=1e-2, steps=1, log_every=1, clip_bits=True))
    with torch.no_grad():
        z = net.forward_features(net.prepare(x))  # (K, V, n·T) after the one update
    per_seq = readout(z, y.flatten(1), v, None, t).bits.numpy()
    per_label = readout(z, y.flatten(1), v, None, 1).bits.numpy()
    assert np.abs(per_seq - per_label).max() > 1e-6  # the case tells the two apart
    np.testing.assert_allclose(log.metrics["memorised_bits"][-1], per_seq, rtol=0, atol=1e-9)


def test_bf16_autocast_losses_are_computed_from_float32_logits():
    """Under bf16 autocast the logits come back float32, so losses are never computed in bf16:
    the logged test loss is the cross-entropy of the float32 logits (T37)."""
    ds = make_dataset(DataConfig(n_train=40, n_test=30, classes=3, d_in=5))
    x, y, xt, yt = ds.x_train[None], ds.y_train[None], ds.x_test[None], ds.y_test[None]
    net = BatchedMLP(5, 3, 1, [16], [0])
    log = train_ensemble(net, x, y, xt, yt, torch.tensor([40]),
                         TrainConfig(lr=0.05, steps=3, log_every=3), autocast=torch.bfloat16)
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
        z = net.forward_features(net.prepare(xt))
    assert z.dtype == torch.bfloat16
    want = class_major_cross_entropy(z.float(), yt).item()
    rounded = class_major_cross_entropy(z, yt).float().item()
    assert abs(rounded - want) > 1e-6 * abs(want)  # the case tells the two apart
    assert abs(float(log.metrics["test_loss"][-1, 0]) - want) <= 1e-6 * abs(want)


def test_train_acc_of_a_float64_run_is_divided_in_float64():
    """Logged metrics are in the run's dtype: a float64 run's train_acc is exactly
    memorised_count / n in float64 (T46: the division was float32)."""
    x, y = _shared(2, n=12, v=3, dtype=F64)
    log = train_ensemble(BatchedMLP(3, 3, 1, [8, 8], [0, 1], dtype=F64), x, y,
                         x[:, :0], y[:, :0], torch.tensor([12, 12]),
                         TrainConfig(lr=0.05, steps=10, log_every=5))
    acc, count = log.metrics["train_acc"], log.metrics["memorised_count"]
    assert acc.dtype == np.float64
    assert (count % 3 != 0).any()  # some ratio k/12 is not exact in float32
    assert np.array_equal(acc, count / 12.0)


# --- threads ----------------------------------------------------------------------------------


def test_torch_threads_and_train_ensemble_restore_the_callers_thread_count(two_threads):
    """torch_threads restores the caller's thread count, and so does train_ensemble, which
    trains a small model on 1 thread (T40: never restored)."""
    with torch_threads(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == 2
    x, y = _shared(2)
    seen = []
    train_ensemble(BatchedMLP(3, 2, 1, [8, 8], [0, 1]), x, y, x[:, :0], y[:, :0],
                   torch.tensor([20, 20]), TrainConfig(lr=0.05, steps=4, log_every=2),
                   on_log=lambda s: seen.append(torch.get_num_threads()))
    assert set(seen) == {1} and torch.get_num_threads() == 2


def test_a_batch_size_above_n_is_sized_by_the_n_points_a_step_uses(two_threads):
    """A batch_size above n is one full batch of n points, and the thread rule sizes the step
    by those n points: a tiny model with batch_size = 10^7 trains on 1 thread (T43: sized by
    batch_size, it kept torch's 2)."""
    x, y = _shared(2)
    seen = []
    train_ensemble(BatchedMLP(3, 2, 1, [8, 8], [0, 1]), x, y, x[:, :0], y[:, :0],
                   torch.tensor([20, 20]),
                   TrainConfig(lr=0.05, steps=4, log_every=2, batch_size=10**7),
                   on_log=lambda s: seen.append(torch.get_num_threads()))
    assert seen and set(seen) == {1}


# --- BatchedMLP -------------------------------------------------------------------------------


def test_select_keeps_the_selected_members_init_seeds():
    """select gives a new ensemble of the given members in that order: their widths and their
    init seeds (E11: the whole old seed list was kept)."""
    sub = BatchedMLP(3, 2, 1, [4, 2, 3], [10, 11, 12]).select([2, 0])
    assert (sub.k, sub.widths, sub.init_seeds) == (2, [3, 4], [12, 10])


def test_step_flops_counts_all_members():
    """step_flops counts all K members: 3 l2-blog members are 3 × 7 380 000 FLOPs a step of
    100 points (E13: the factor K was dropped, sizing a big ensemble as one member)."""
    assert BatchedMLP(9, 17, 2, [100], [0]).step_flops(100) == 7_380_000
    assert BatchedMLP(9, 17, 2, [100, 60, 100], [0, 1, 2]).step_flops(100) == 3 * 7_380_000


def test_member_state_is_a_snapshot_that_training_does_not_move():
    """member_state returns copies of member k's parameters: training afterwards changes none
    of the tensors it returned, weights or biases (E14: weight views, E15: bias views of the
    live flat buffer), while the member itself did move."""
    x, y = _shared(2)
    net = BatchedMLP(3, 2, 1, [8, 8], [0, 1])
    state = net.member_state(0)
    copies = [t.clone() for t in state]
    train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.tensor([20, 20]),
                   TrainConfig(lr=0.05, steps=5, log_every=5))
    after = net.member_state(0)
    for i, (a, b, c) in enumerate(zip(state, copies, after, strict=True)):
        assert torch.equal(a, b), f"tensor {i} of the earlier snapshot moved"
        assert not torch.equal(a, c), f"tensor {i} of the member did not train"


def test_float64_two_class_input_gradient_is_bmm_bit_for_bit():
    """input_gradient keeps bmm in float64 (the fused W0 G0 + W1 G1 form is float32 only):
    a float64 head of a shape that float32 would fuse gives bmm's bits (E05)."""
    g = torch.Generator().manual_seed(0)
    w = torch.randn(4, 64, 2, dtype=F64, generator=g)
    gz = torch.randn(4, 2, 1024, dtype=F64, generator=g)
    assert _two_class_fma(w.float(), gz.float()) and not _two_class_fma(w, gz)
    assert torch.equal(input_gradient(w, gz), torch.bmm(w, gz))


def test_the_autograd_backward_forms_the_input_gradient_with_input_gradient(monkeypatch):
    """The autograd backward and the hand-written step both call input_gradient, so on any BLAS
    they form W G alike (E20: the backward's bmm equals the fused product only on some BLAS):
    a float32 two-class head that the rule fuses is routed through it, and the gradients match
    those of the unpatched call."""
    calls = []

    def spy(w, g):
        calls.append((tuple(w.shape), _two_class_fma(w, g)))
        return input_gradient(w, g)

    gen = torch.Generator().manual_seed(0)
    x = torch.randn(4, 1024, 9, generator=gen)
    net = BatchedMLP(9, 2, 1, [64] * 4, [0, 1, 2, 3])

    def grads():
        for p in net.parameters():
            p.grad = None
        net.forward_features(net.prepare(x)).square().sum().backward()
        return [p.grad.clone() for p in net.parameters()]

    want = grads()
    monkeypatch.setattr(ensemble, "input_gradient", spy)
    got = grads()
    assert calls == [((4, 64, 2), True)]  # the head; the first layer's input needs none
    assert all(torch.equal(a, b) for a, b in zip(got, want, strict=True))
