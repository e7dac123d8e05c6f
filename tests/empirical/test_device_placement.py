"""Every tensor of a training step follows the model's device.

CI has no GPU, so the ``--device cuda`` path is checked here on PyTorch's ``meta`` device: a
tensor created on the CPU inside a step (a mask, an offset, an index) meets the model's tensors
in an operation and raises "Expected all tensors to be on the same device". This catches the
placement bugs a CUDA run would hit first; it says nothing about CUDA kernels or speed.
"""

import pytest
import torch

from empirical.engine.ensemble import BatchedMLP
from empirical.engine.fullbatch import FullBatchStep
from empirical.engine.transformer import BatchedGPT


@pytest.mark.parametrize("impl", ["bmm", "vmap"])
@pytest.mark.parametrize("seq2seq", [False, True])
def test_the_transformer_ensemble_stays_on_its_device(impl, seq2seq):
    d_in = 3 if seq2seq else 0
    net = BatchedGPT(16, 8, 1, [8, 8], [0, 1], heads=2, device="meta", impl=impl, d_in=d_in)
    x = (torch.zeros(2, 3, 8, d_in, device="meta") if seq2seq
         else torch.zeros(2, 3, 8, dtype=torch.long, device="meta"))
    out = net.forward_features(x)  # (K, V, n·T)
    out.sum().backward()
    assert out.device.type == "meta" and out.shape == (2, 16, 24)
    assert all(p.device.type == "meta" for p in net.parameters())


def test_the_hand_written_mlp_step_stays_on_its_device():
    net = BatchedMLP(3, 2, 1, [4, 6], [0, 1], device="meta")  # padded widths: masks too
    grads = [torch.empty_like(p) for p in net.parameters()]
    xt, onehot = torch.zeros(2, 3, 10, device="meta"), torch.zeros(2, 2, 10, device="meta")
    loss, correct = FullBatchStep(net, xt, onehot, grads)(
        torch.ones(2, dtype=torch.bool, device="meta"),
        torch.zeros(2, 10, dtype=torch.long, device="meta"))
    assert loss.device.type == correct.device.type == "meta"
    assert all(g.device.type == "meta" for g in grads)
