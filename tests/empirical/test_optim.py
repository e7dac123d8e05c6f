"""The trainer's flat optimisers are bit-identical to torch.optim on the same tensor."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from empirical.engine.config import TrainConfig
from empirical.engine.ensemble import reference_optimizer
from empirical.engine.train import make_optimizer

RECIPES = [
    TrainConfig(optimizer="adam", lr=0.01),
    TrainConfig(optimizer="adam", lr=0.003, weight_decay=0.1, betas=(0.8, 0.99), eps=1e-6),
    TrainConfig(optimizer="adamw", lr=0.02, weight_decay=0.05),
    TrainConfig(optimizer="sgd", lr=0.1),
    TrainConfig(optimizer="sgd", lr=0.05, momentum=0.9, weight_decay=0.01),
    TrainConfig(optimizer="sgd", lr=0.05, momentum=0.9, nesterov=True),
]


@settings(deadline=None, max_examples=30)
@given(recipe=st.sampled_from(RECIPES), dtype=st.sampled_from([torch.float32, torch.float64]),
       size=st.integers(1, 50), steps=st.integers(1, 12), seed=st.integers(0, 2**16))
def test_flat_optimisers_match_torch_optim_bit_for_bit(recipe, dtype, size, steps, seed):
    g = torch.Generator().manual_seed(seed)
    start = torch.randn(size, generator=g, dtype=dtype)
    grads = [torch.randn(size, generator=g, dtype=dtype) for _ in range(steps)]
    ours = start.clone().requires_grad_(True)
    ours.grad = torch.zeros_like(ours)
    theirs = start.clone().requires_grad_(True)
    opt_ours, opt_theirs = make_optimizer(ours, recipe), reference_optimizer([theirs], recipe)
    for grad in grads:
        ours.grad.copy_(grad)
        theirs.grad = grad.clone()
        with torch.no_grad():
            opt_ours.step()
        opt_theirs.step()
        assert torch.equal(ours.detach(), theirs.detach())  # exactly, every step


def test_training_imports_no_dynamo():
    import subprocess
    import sys

    code = ("import sys, torch\n"
            "from empirical.engine.run import run_training\n"
            "from empirical.engine.config import RunConfig\n"
            "run_training(RunConfig().override(['train.steps=3', 'data.n_train=8']))\n"
            "print('torch._dynamo' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_bad_learning_rate_is_refused():
    with pytest.raises(ValueError, match="learning rate"):
        make_optimizer(torch.zeros(2), _cfg_with_lr(0.0))


@pytest.mark.parametrize("bad", [-0.1, 0.0, float("nan"), float("inf")])
@pytest.mark.parametrize("cls", ["FlatAdam", "FlatSGD"])
def test_bad_per_element_learning_rates_are_refused(cls, bad):
    """2026-12-05 mutation review: a per-element learning rate tensor with one negative, zero,
    NaN or infinite entry (beside a good one, so it is no single value) is refused as a scalar
    one is; only its shape was checked."""
    from empirical.engine import optim

    p = torch.zeros(3)
    p.grad = torch.ones(3)
    with pytest.raises(ValueError, match="learning rate"):
        getattr(optim, cls)(p, lr=torch.tensor([0.1, bad, 0.2]))
    getattr(optim, cls)(p, lr=torch.tensor([0.1, 0.3, 0.2]))  # all good: accepted


def _cfg_with_lr(lr):
    cfg = TrainConfig()
    object.__setattr__(cfg, "lr", lr)  # bypass TrainConfig's own check to reach the optimiser's
    return cfg


@settings(deadline=None, max_examples=20)
@given(recipe=st.sampled_from(RECIPES[:3]), dtype=st.sampled_from([torch.float32, torch.float64]),
       seed=st.integers(0, 2**16))
def test_per_element_learning_rates_equal_separate_runs_bit_for_bit(recipe, dtype, seed):
    """Two halves with their own learning rates step exactly as two runs with scalar rates."""
    g = torch.Generator().manual_seed(seed)
    start = torch.randn(10, generator=g, dtype=dtype)
    grads = [torch.randn(10, generator=g, dtype=dtype) for _ in range(6)]
    lrs = torch.tensor([0.01] * 5 + [0.03] * 5, dtype=torch.float64)
    joint = start.clone()
    joint.grad = torch.zeros_like(joint)
    halves = [start[:5].clone(), start[5:].clone()]
    for h in halves:
        h.grad = torch.zeros_like(h)
    opt = make_optimizer(joint, recipe)
    opt_joint = type(opt)(joint, lr=lrs, **_kwargs(opt))
    opts = [type(opt)(h, lr=lr, **_kwargs(opt)) for h, lr in zip(halves, (0.01, 0.03), strict=True)]
    for grad in grads:
        joint.grad.copy_(grad)
        halves[0].grad.copy_(grad[:5])
        halves[1].grad.copy_(grad[5:])
        opt_joint.step()
        for o in opts:
            o.step()
        assert torch.equal(joint[:5], halves[0]) and torch.equal(joint[5:], halves[1])


def _kwargs(opt):
    if hasattr(opt, "beta1"):
        return {"betas": (opt.beta1, opt.beta2), "eps": opt.eps,
                "weight_decay": opt.weight_decay, "decoupled": opt.decoupled}
    return {"momentum": opt.momentum, "nesterov": opt.nesterov, "weight_decay": opt.weight_decay}


@pytest.mark.parametrize("optimizer", [[], ["train.optimizer='sgd'"],
                                       ["train.optimizer='sgd'", "train.momentum=0.9"]])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_a_learning_rate_grid_as_one_ensemble_equals_separate_runs(dtype, optimizer):
    """Every member equals its run alone, bit for bit, whatever rates its neighbours have (SGD's
    per-element rate once rounded differently from its single-rate step: 2026-12-01 audit)."""
    from empirical.engine.config import RunConfig
    from empirical.engine.run import run_training

    base = RunConfig().override(["data.kind='boolean'", "data.inputs=4", "data.function='random'",
                                 "model.depth=1", "train.steps=60", "train.log_every=20",
                                 f"dtype='{dtype}'", *optimizer])
    grid = (0.01, 0.03, 0.1)
    joint = run_training(RunConfig.from_dict({"widths": [6, 6, 6], "init_seeds": [1, 1, 1],
                                              "lrs": list(grid)}, base=base))
    for k, lr in enumerate(grid):
        alone = run_training(RunConfig.from_dict({"widths": [6], "init_seeds": [1],
                                                  "train": {"lr": lr}}, base=base))
        for name, series in alone.log.metrics.items():
            assert np.array_equal(joint.log.metrics[name][:, k], series[:, 0], equal_nan=True), (
                lr, name)


@pytest.mark.parametrize("recipe", RECIPES[:3])
def test_long_runs_stay_bit_identical_past_the_exact_bias_correction(recipe):
    """From step ≈ 350 (β₁ = 0.9) on, 1 − β₁^t is exactly 1.0 and FlatAdam keeps its per-element
    step instead of recomputing it: 420 steps still equal torch.optim (scalar rate) and separate
    scalar runs (per-element rates), also after take_state hands a kept step to a subset."""
    g = torch.Generator().manual_seed(7)
    start = torch.randn(10)
    lrs = torch.tensor([0.01] * 5 + [0.03] * 5, dtype=torch.float64)
    joint, theirs = start.clone(), start.clone().requires_grad_(True)
    joint.grad = torch.zeros_like(joint)
    halves = [start[:5].clone(), start[5:].clone()]
    for h in halves:
        h.grad = torch.zeros_like(h)
    scalar = start.clone()
    scalar.grad = torch.zeros_like(scalar)
    opt = make_optimizer(joint, recipe)
    opt_joint = type(opt)(joint, lr=lrs, **_kwargs(opt))
    opt_scalar = make_optimizer(scalar, recipe)
    opt_theirs = reference_optimizer([theirs], recipe)
    opts = [type(opt)(h, lr=lr, **_kwargs(opt)) for h, lr in zip(halves, (0.01, 0.03), strict=True)]
    for step in range(420):
        grad = torch.randn(10, generator=g)
        if step == 400:  # the second half alone from here on, continuing the joint state
            tail = joint[5:].clone()
            tail.grad = torch.zeros_like(tail)
            opt_tail = type(opt)(tail, lr=0.5, **_kwargs(opt))
            opt_tail.take_state(opt_joint, lambda t: t[5:].clone())
            joint, opt_joint, lo = tail, opt_tail, 5
        elif step == 0:
            lo = 0
        joint.grad.copy_(grad[lo:])
        scalar.grad.copy_(grad)
        theirs.grad = grad.clone()
        for h, part in zip(halves, (grad[:5], grad[5:]), strict=True):
            h.grad.copy_(part)
        with torch.no_grad():
            opt_joint.step()
            opt_scalar.step()
        opt_theirs.step()
        for o in opts:
            o.step()
        assert torch.equal(scalar, theirs.detach())
        if lo == 0:
            assert torch.equal(joint[:5], halves[0]) and torch.equal(joint[5:], halves[1])
        else:
            assert torch.equal(joint, halves[1])
    assert 1 - opt.beta1 ** 400 == 1.0 and opt_joint._neg_step is not None  # kept and used


def test_adam_counts_steps_as_torch_does_past_two_to_the_24():
    """torch.optim.Adam keeps its step count in a float32 tensor, which stops growing at 2^24;
    FlatAdam caps its count there. Removing the cap passed every test (2026-12-06 test audit):
    with the default betas both bias corrections are exactly 1 long before. With β₂ = 1 − 10⁻⁹
    the second is not, so a count of 2^24 + 6 against torch's 2^24 shows in the bits."""
    recipe = TrainConfig(optimizer="adam", lr=0.01, betas=(0.9, 1 - 1e-9))
    start = torch.randn(6, generator=torch.Generator().manual_seed(3))
    grad = torch.randn(6, generator=torch.Generator().manual_seed(4))
    ours, theirs = start.clone(), start.clone().requires_grad_(True)
    ours.grad, theirs.grad = grad.clone(), grad.clone()
    opt_ours, opt_theirs = make_optimizer(ours, recipe), reference_optimizer([theirs], recipe)
    with torch.no_grad():
        opt_ours.step()
    opt_theirs.step()
    assert torch.equal(ours, theirs.detach())
    opt_ours.steps = 2**24 + 5  # as if trained that long: torch's float32 count sits at 2^24
    state = opt_theirs.state[theirs]
    state["step"].fill_(2.0**24)
    opt_ours.step()
    opt_theirs.step()
    assert float(state["step"]) == 2.0**24  # float32: 2^24 + 1 rounds back to 2^24
    assert torch.equal(ours, theirs.detach())
