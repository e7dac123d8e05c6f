"""Edges of the trainer's optimisers (empirical/engine/optim.py) that a mutation audit found no
test reaching (2026-12-07), and the hyperparameter checks torch.optim makes that they lacked.
Each test fails on its mutant or on the old code."""
import pytest
import torch

from capacity.errors import UsageError
from empirical.engine.optim import FlatAdam, FlatSGD


def _param(n=3):
    p = torch.zeros(n)
    p.grad = torch.ones(n)
    return p


@pytest.mark.parametrize("cls", [FlatAdam, FlatSGD])
@pytest.mark.parametrize("lr", [torch.tensor([0.1, 0.2]), torch.tensor([[0.1], [0.2], [0.3]])])
def test_a_per_element_rate_is_shaped_like_the_parameters(cls, lr):
    with pytest.raises(UsageError, match="shaped like the parameters"):
        cls(_param(3), lr=lr)


@pytest.mark.parametrize("cls", [FlatAdam, FlatSGD])
def test_take_state_carries_the_scalar_rate_over(cls):
    """The next step after take_state is the step the old optimiser would have taken, even
    when the new one was built with another rate."""
    old = torch.zeros(4)
    old.grad = torch.tensor([1.0, 2.0, 3.0, 4.0])
    a = cls(old, lr=0.1)
    a.step()
    new = old[2:].clone()
    new.grad = old.grad[2:].clone()
    b = cls(new, lr=0.7)
    b.take_state(a, lambda t: t[2:].clone())
    assert b.lr == 0.1 and b.steps == 1
    a.step()
    b.step()
    assert torch.equal(old[2:], new)


@pytest.mark.parametrize("make", [
    lambda p: FlatAdam(p, lr=0.01, weight_decay=0.1),
    lambda p: FlatAdam(p, lr=0.01, weight_decay=0.1, decoupled=True),
    lambda p: FlatSGD(p, lr=0.01, weight_decay=0.1, momentum=0.9),
    lambda p: FlatSGD(p, lr=0.01, weight_decay=0.1, momentum=0.9, nesterov=True)])
def test_a_step_reads_the_gradient_and_never_writes_it(make):
    """As torch.optim: the trainer's flat gradient (whose views are the layers' grads) is the
    same after step() with weight decay and momentum."""
    p = torch.tensor([1.0, -2.0, 3.0])
    p.grad = torch.tensor([0.5, 0.25, -1.0])
    before = p.grad.clone()
    opt = make(p)
    opt.step()
    opt.step()
    assert torch.equal(p.grad, before)
    assert not torch.equal(p, torch.tensor([1.0, -2.0, 3.0]))


@pytest.mark.parametrize("momentum", [0.0, 0])
def test_nesterov_needs_momentum(momentum):
    with pytest.raises(UsageError, match="nesterov needs momentum > 0"):
        FlatSGD(_param(), lr=0.1, momentum=momentum, nesterov=True)
    FlatSGD(_param(), lr=0.1, momentum=0.5, nesterov=True)  # with momentum: accepted


@pytest.mark.parametrize("make, words", [
    (lambda p: FlatSGD(p, lr=float("inf")), "learning rate must be positive and finite"),
    (lambda p: FlatAdam(p, lr=float("inf")), "learning rate must be positive and finite"),
    (lambda p: FlatAdam(p, lr=float("nan")), "learning rate must be positive and finite"),
    (lambda p: FlatAdam(p, lr=0.1, betas=(1.0, 0.999)), "betas must lie in [0, 1)"),
    (lambda p: FlatAdam(p, lr=0.1, betas=(0.9, 1.0)), "betas must lie in [0, 1)"),
    (lambda p: FlatAdam(p, lr=0.1, betas=(-0.1, 0.9)), "betas must lie in [0, 1)"),
    (lambda p: FlatAdam(p, lr=0.1, eps=-1.0), "eps must be at least 0"),
    (lambda p: FlatAdam(p, lr=0.1, weight_decay=-1.0), "weight_decay must be at least 0"),
    (lambda p: FlatSGD(p, lr=0.1, weight_decay=float("nan")), "weight_decay must be at least 0"),
    (lambda p: FlatSGD(p, lr=0.1, momentum=-0.5), "momentum must be at least 0")])
def test_hyperparameters_torch_optim_refuses_are_refused(make, words):
    """A scalar rate of inf made every parameter -inf at the first step (a per-element inf
    was refused), β₁ = 1 was a bare ZeroDivisionError at the first step, β₂ = 1 gave NaN
    parameters, and negative eps, weight decay and momentum were taken; torch.optim refuses
    them all when it is built."""
    with pytest.raises(UsageError, match=words.replace("[", r"\[").replace(")", r"\)")):
        make(_param())


def test_the_edges_torch_optim_accepts_are_accepted():
    FlatAdam(_param(), lr=0.1, betas=(0.0, 0.0), eps=0.0, weight_decay=0.0).step()
    FlatSGD(_param(), lr=1e30, momentum=0.0, weight_decay=0.0).step()
