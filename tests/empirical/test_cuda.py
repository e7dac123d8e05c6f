"""The ``--device cuda`` path on a real GPU: skipped where torch sees none (CI never has one).

test_device_placement.py checks on PyTorch's ``meta`` device that every tensor of a step
follows the model; these run the CUDA kernels themselves: the hand-written backward against
autograd, whole trainings against the CPU's, and the CLI end to end.
"""

import json

import pytest
import torch
from memcap_cli import memcap_main

from empirical.engine.boolean_data import boolean_dataset
from empirical.engine.config import DataConfig, TrainConfig
from empirical.engine.ensemble import BatchedMLP
from empirical.engine.fullbatch import FullBatchStep
from empirical.engine.train import train_ensemble

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")


@pytest.mark.parametrize("depth, widths", [(1, [4, 6]), (2, [7, 3, 5])])
def test_the_hand_written_step_equals_autograd_on_cuda(depth, widths):
    """Members of different widths (padded to the widest) and depths 1 and 2."""
    torch.manual_seed(0)
    net = BatchedMLP(5, 3, depth, widths, list(range(len(widths))), device="cuda")
    k, n = len(widths), 37
    grads = [torch.empty_like(p) for p in net.parameters()]
    xt = torch.randn(k, 5, n, device="cuda")
    y = torch.randint(0, 3, (k, n), device="cuda")
    onehot = torch.nn.functional.one_hot(y, 3).transpose(1, 2).float()
    loss, _ = FullBatchStep(net, xt, onehot, grads)(torch.ones(k, dtype=torch.bool,
                                                               device="cuda"), y)
    params = list(net.parameters())
    for p in params:
        p.grad = None
    logits = net(xt.transpose(1, 2))  # (K, n, V), autograd
    ref = torch.stack([torch.nn.functional.cross_entropy(logits[i], y[i]) for i in range(k)])
    ref.sum().backward()
    assert torch.allclose(loss, ref, rtol=1e-5, atol=1e-6)
    for g, p in zip(grads, params, strict=True):
        assert torch.allclose(g, p.grad, rtol=1e-4, atol=1e-6)


def test_a_training_on_cuda_matches_the_cpu():
    """Same members, same data, same Adam steps: the GPU's float32 sums group differently, so
    the first logged losses (step 0, the same initial weights) agree to float tolerance, and
    after 300 steps the same members have memorised their maps on both devices."""
    k = 6
    dsets = [boolean_dataset(DataConfig(kind="boolean", inputs=5, outputs=1), seed=s)
             for s in range(k)]
    cfg = TrainConfig(optimizer="adam", lr=1e-2, steps=300, log_every=100)
    logs = {}
    for device in ("cpu", "cuda"):
        x = torch.stack([d.x_train for d in dsets]).to(device)
        y = torch.stack([d.y_train for d in dsets]).to(device)
        net = BatchedMLP(5, 2, 1, [24] * k, list(range(k)), device=device)
        logs[device] = train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.full((k,), 32), cfg)
    cpu, gpu = (logs[d].metrics for d in ("cpu", "cuda"))
    assert torch.allclose(torch.as_tensor(cpu["train_loss"][0]),
                          torch.as_tensor(gpu["train_loss"][0]), rtol=1e-4, atol=1e-6)
    assert (gpu["train_acc"][-1] == cpu["train_acc"][-1]).all()


def test_train_and_bench_run_on_cuda_from_the_command_line(capsys):
    code, out, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--steps", "200",
                                 "--device", "cuda", "--json")
    assert code == 0, err
    run = json.loads(out)
    assert run["steps"] == 200 and run["diverged"] == 0
    code, out, err = memcap_main(capsys, "bench", "train", "--quick", "--device", "cuda",
                                 "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["device"] == "cuda" and data["a_speedup"] > 0 and data["peak_gflops"] > 0
