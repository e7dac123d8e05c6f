"""Edges of the full-batch step (empirical/engine/fullbatch.py) and of the next-token labels
(empirical/engine/token_data.py) that a 2026-12-07 mutation audit (FB) found untested: the inputs
count in a chunk's width, every activation without a written backward is refused, an empty batch
has the one start 0, a fully tied token set has best count 0, and the step's loss selects the
label's log-probability (a product with the one-hot made 0·(−inf) = NaN at logits of ±3e38).

Each test's docstring names the documented behaviour and the audit mutant(s) it kills (F18, the
one chunk on CUDA, needs a CUDA device and is left to tests/empirical/test_cuda.py).
"""

import pytest
import torch
import torch.nn.functional as F

import empirical.engine.train as train
from capacity.errors import UsageError
from empirical.engine.config import TrainConfig
from empirical.engine.ensemble import BatchedMLP
from empirical.engine.fullbatch import MANUAL_ACTIVATIONS, FullBatchStep, chunk_columns, even_chunks
from empirical.engine.observables import class_major_cross_entropy
from empirical.engine.token_data import best_next_token_count, next_token_labels
from empirical.engine.train import train_ensemble

HUGE = 3.0e38  # finite float32; logits (HUGE, −HUGE) give the other class log-probability −inf


def test_the_inputs_count_in_the_widest_layer_of_a_chunk():
    """A chunk's width counts the widest layer including the inputs: 600 inputs, 2 classes and
    4 units on 25 600 points are 25 chunks of 1 024 points (sized by the 2 classes and 4 units,
    the run was one chunk of 25 600). Kills F16."""
    n = 25_600
    net = BatchedMLP(600, 2, 1, [4], [0])
    step = FullBatchStep(net, torch.zeros(1, 600, n), torch.zeros(1, 2, n), [])
    assert step.columns == 1024 and len(step._chunks) == 25
    assert step._chunks[-1][0].stop == n


@pytest.mark.parametrize("activation", ["gelu", "silu", "relu2", "sign"])
def test_every_activation_without_a_written_backward_is_refused(activation):
    """Only relu and identity have a hand-written backward; every other activation is refused
    with a UsageError naming it (not run as the identity with silently wrong gradients).
    Kills F24."""
    assert activation not in MANUAL_ACTIVATIONS
    net = BatchedMLP(3, 2, 1, [4], [0], activation=activation)
    with pytest.raises(UsageError,
                       match=f"no hand-written backward for activation '{activation}'"):
        FullBatchStep(net, torch.zeros(1, 3, 5), torch.zeros(1, 2, 5),
                      [torch.empty_like(p) for p in net.parameters()])


def test_an_empty_batch_has_the_one_start_zero():
    """The chunk starts always end with n: 0 points are the list [0] (no ZeroDivisionError, not
    an empty list), also at the width chunk_columns gives 0 points. Kills F13 and F44."""
    assert even_chunks(0, 1024) == [0]
    assert even_chunks(0, chunk_columns(1, 10, 0)) == [0]


def test_a_fully_tied_token_set_has_best_count_zero():
    """After 0 come 1 and 2 once each: a tie, so no label is decidable and the best count is 0,
    as next_token_labels' (not the number of sequences). Kills T13."""
    tokens = [[0, 1], [0, 2]]
    assert best_next_token_count(tokens) == 0
    best, counted = next_token_labels(tokens)
    assert best == 0 and counted.tolist() == [[False], [False]]


def _huge_logit_net() -> BatchedMLP:
    """One identity unit whose logits are (x, −x)."""
    net = BatchedMLP(1, 2, 1, [1], [0], activation="identity")
    with torch.no_grad():
        for w in net.weights:
            w.fill_(1.0)
        for b in net.biases:
            b.zero_()
        net.weights[-1][0, 0, 1] = -1.0
    return net


def test_the_steps_loss_is_finite_where_a_non_label_log_probability_is_minus_inf(monkeypatch):
    """Logits (3e38, −3e38), finite, label 0: the other class's log-probability is −inf, and the
    hand-written step's loss selects the label's log-probability as class_major_cross_entropy
    does: 0, not 0·(−inf) = NaN; train_ensemble then does not count the member diverged, as on
    the autograd path (it was diverged at step 0). Kills the bug fixed 2026-12-07."""
    net = _huge_logit_net()
    xt = torch.full((1, 1, 4), HUGE)
    y = torch.zeros(1, 4, dtype=torch.long)
    onehot = F.one_hot(y, 2).transpose(1, 2).float().contiguous()
    logits = net.forward_features(xt).detach()
    assert torch.isfinite(logits).all()
    assert torch.isneginf(torch.log_softmax(logits, dim=1)[0, 1]).all()
    loss, _ = FullBatchStep(net, xt, onehot, [torch.empty_like(p) for p in net.parameters()])(
        torch.ones(1, dtype=torch.bool))
    ref = class_major_cross_entropy(logits, y, onehot)
    assert loss.tolist() == ref.tolist() == [0.0]

    x = torch.full((1, 4, 1), HUGE)
    cfg = TrainConfig(optimizer="sgd", lr=1e-3, steps=3, log_every=1)
    runs = []
    for manual in (train.MANUAL_ACTIVATIONS, ()):  # the hand-written step, then autograd's
        monkeypatch.setattr(train, "MANUAL_ACTIVATIONS", manual)
        log = train_ensemble(_huge_logit_net(), x, y, x[:, :0], y[:, :0], torch.tensor([4]), cfg)
        runs.append((log.diverged.tolist(), log.stop_step.tolist()))
    assert runs[0] == runs[1] == ([False], [-1])
