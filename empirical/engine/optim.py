"""The trainer's optimisers: Adam, AdamW and SGD over one flat parameter tensor.

The batched trainer keeps all K members' parameters in one flat tensor with one flat gradient
(:mod:`empirical.engine.train`), so an optimiser here is a handful of in-place tensor operations
on three flat buffers. They perform, operation for operation, the update of ``torch.optim``'s
single-tensor implementations (``_single_tensor_adam`` with and without decoupled weight decay,
``_single_tensor_sgd``) in torch 2.13, so the numbers are bit-identical to ``torch.optim.Adam``,
``AdamW`` and ``SGD`` on the same tensor (tests/empirical/test_optim.py checks it).

Why not ``torch.optim`` itself: constructing the first ``torch.optim`` optimiser in a process
imports ``torch._dynamo`` (the optimiser methods carry ``torch._disable_dynamo`` decorators), which
costs 1.5–2.5 s on this machine — longer than many whole training runs of ``memcap train``.

References
----------
D. P. Kingma, J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015 (Algorithm 1, with
the ε added after the bias-corrected square root, as torch does). I. Loshchilov, F. Hutter,
"Decoupled Weight Decay Regularization", ICLR 2019 (AdamW). I. Sutskever et al., ICML 2013
(momentum and Nesterov momentum in the form torch uses).

Examples
--------
>>> import torch
>>> p = torch.tensor([1.0, -2.0]); p.grad = torch.tensor([0.5, 0.5])
>>> opt = FlatAdam(p, lr=0.1)
>>> opt.step(); p.tolist()
[0.9000000357627869, -2.0999999046325684]
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import torch

from capacity.errors import UsageError

__all__ = ["FlatAdam", "FlatSGD", "FlatOptimizer"]


class FlatOptimizer(ABC):
    """Common part: the parameter tensor (its ``.grad`` is read at every step) and a step count.

    Subclasses implement :meth:`step`; ``param.grad`` must be set before the first step. A step
    updates ``param`` in place, so a ``param`` that requires grad is stepped under
    ``torch.no_grad()`` (as the trainer does; no decorator adds its cost to every step).

    Examples
    --------
    >>> p = torch.ones(2); p.grad = torch.tensor([1.0, -1.0])
    >>> opt = FlatSGD(p, lr=0.5)
    >>> isinstance(opt, FlatOptimizer), opt.steps
    (True, 0)
    >>> opt.step(); opt.steps, p.tolist()
    (1, [0.5, 1.5])
    >>> FlatSGD(p, lr=0)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: learning rate must be positive and finite, got 0
    """

    def __init__(self, param: torch.Tensor, lr) -> None:
        if isinstance(lr, torch.Tensor):  # one learning rate per element (per ensemble member)
            lr = lr.to(device=param.device, dtype=torch.float64)
            if lr.shape != param.shape or not bool((lr > 0).all() & lr.isfinite().all()):
                raise UsageError("per-element learning rates must be positive, finite and "
                                 "shaped like the parameters")
            distinct = torch.unique(lr)
            if distinct.numel() == 1:  # one value: the scalar path (bit-identical to torch.optim)
                lr = float(distinct.item())
        elif not (lr > 0 and lr < float("inf")):  # inf made every parameter -inf at one step
            raise UsageError(f"learning rate must be positive and finite, got {lr!r}")
        self.param = param
        self.lr = lr if isinstance(lr, torch.Tensor) else float(lr)
        self.steps = 0

    @abstractmethod
    def step(self) -> None:
        """One update of ``param`` from ``param.grad``.

        An implementation updates ``param`` in place (the trainer holds views of it), reads the
        gradient from ``param.grad`` at every call, adds 1 to :attr:`steps`, and keeps any
        per-element state in the buffers its :attr:`STATE` names (so :meth:`take_state` can
        carry them over).

        Examples
        --------
        A minimal subclass, sign descent ``p ← p − lr · sign(g)``, stepped twice:

        >>> class SignSGD(FlatOptimizer):
        ...     def step(self):
        ...         self.steps += 1
        ...         self.param.add_(self.param.grad.sign(), alpha=-self.lr)
        >>> p = torch.tensor([1.0, -1.0]); p.grad = torch.tensor([3.0, -0.5])
        >>> opt = SignSGD(p, lr=0.25)
        >>> opt.step(); opt.step(); p.tolist(), opt.steps
        ([0.5, -0.5], 2)
        """

    #: Names of the per-element state buffers (flat tensors shaped like ``param``, or None).
    STATE: tuple[str, ...] = ()

    def take_state(self, other: FlatOptimizer, gather) -> None:
        """Continue ``other``'s run on a subset of its elements: copy its step count, its learning
        rate (a per-element one through ``gather``) and every per-element state buffer through
        ``gather`` (old flat buffer → new flat buffer, e.g. the trainer's selection of the members
        still training), so the next :meth:`step` of this optimiser is, element for element, the
        step ``other`` would have taken.

        Examples
        --------
        >>> old = torch.zeros(4); old.grad = torch.tensor([1.0, 2.0, 3.0, 4.0])
        >>> a = FlatAdam(old, lr=0.1); a.step()
        >>> new = old[2:].clone(); new.grad = old.grad[2:].clone()
        >>> b = FlatAdam(new, lr=0.1); b.take_state(a, lambda t: t[2:].clone())
        >>> a.step(); b.step(); torch.equal(old[2:], new)
        True
        """
        self.steps = other.steps
        # the same arithmetic path: a per-element learning rate stays per element even where the
        # kept elements share one value (the scalar path rounds differently for SGD)
        self.lr = gather(other.lr) if isinstance(other.lr, torch.Tensor) else other.lr
        for name in self.STATE:
            value = getattr(other, name)
            setattr(self, name, None if value is None else gather(value))


def _non_negative(**values: float) -> None:
    """Refuse (UsageError) a negative or NaN hyperparameter, as torch.optim does."""
    for name, value in values.items():
        if not value >= 0:
            raise UsageError(f"{name} must be at least 0, got {value!r}")


class FlatAdam(FlatOptimizer):
    """Adam (``decoupled=False``) or AdamW (``decoupled=True``) on one flat tensor.

    Parameters
    ----------
    param : torch.Tensor
        The parameters; ``param.grad`` holds the gradient at each :meth:`step`.
    lr : float or torch.Tensor
        As in ``torch.optim.Adam``, or one learning rate per element (a tensor shaped like
        ``param``: the trainer gives each ensemble member its own). With one value throughout,
        the update is bit-identical to the scalar one.
    betas, eps, weight_decay
        As in ``torch.optim.Adam`` / ``AdamW``.
    decoupled : bool
        AdamW's decoupled weight decay (``param *= 1 − lr·wd`` before the update) instead of
        Adam's L2 term added to the gradient.

    Examples
    --------
    >>> import torch
    >>> p = torch.zeros(3, dtype=torch.float64); p.grad = torch.ones(3, dtype=torch.float64)
    >>> opt = FlatAdam(p, lr=0.01)
    >>> for _ in range(3):
    ...     opt.step()
    >>> p.tolist()   # each Adam step moves by ~lr against a constant gradient
    [-0.0299999996999..., -0.0299999996999..., -0.0299999996999...]
    """

    def __init__(self, param: torch.Tensor, lr=1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.0, decoupled: bool = False) -> None:
        super().__init__(param, lr)
        self.beta1, self.beta2 = float(betas[0]), float(betas[1])
        self.eps, self.weight_decay = float(eps), float(weight_decay)
        # torch.optim's own checks: β₁ = 1 divided by zero at the first step, β₂ = 1 gave NaN
        if not (0 <= self.beta1 < 1 and 0 <= self.beta2 < 1):
            raise UsageError(f"betas must lie in [0, 1), got {tuple(betas)!r}")
        _non_negative(eps=self.eps, weight_decay=self.weight_decay)
        self.decoupled = decoupled
        self.exp_avg = torch.zeros_like(param, memory_format=torch.preserve_format)
        self.exp_avg_sq = torch.zeros_like(param, memory_format=torch.preserve_format)
        # a per-element learning rate's step −lr/(1 − β₁^t), kept once 1 − β₁^t is exactly 1.0
        self._neg_step: torch.Tensor | None = None

    STATE = ("exp_avg", "exp_avg_sq", "_neg_step")  # a kept per-element step is gathered too

    def step(self) -> None:
        """One Adam(W) update (torch's single-tensor arithmetic, operation for operation).

        Examples
        --------
        The first step from zero moments: ``m = (1 − β₁)·g``, ``v = (1 − β₂)·g²``, and
        ``p ← p − lr · (m / (1 − β₁)) / (√(v / (1 − β₂)) + ε)``, about ``lr`` against the sign
        of each gradient element whatever its size:

        >>> p0 = torch.tensor([1.0, -2.0], dtype=torch.float64)
        >>> g = torch.tensor([0.5, -4.0], dtype=torch.float64)
        >>> p = p0.clone(); p.grad = g.clone()
        >>> opt = FlatAdam(p, lr=0.1)
        >>> opt.step()
        >>> m, v = (1 - 0.9) * g, (1 - 0.999) * g**2
        >>> expected = p0 - 0.1 * (m / (1 - 0.9)) / ((v / (1 - 0.999)).sqrt() + 1e-8)
        >>> torch.allclose(p, expected, rtol=0, atol=1e-12), opt.steps
        (True, 1)
        >>> [round(x, 6) for x in p.tolist()]
        [0.9, -1.9]
        """
        param, grad = self.param, self.param.grad
        self.steps += 1
        if self.weight_decay != 0:
            if self.decoupled:
                decay = 1 - self.lr * self.weight_decay
                param.mul_(decay.to(param.dtype) if isinstance(decay, torch.Tensor) else decay)
            else:
                grad = grad.add(param, alpha=self.weight_decay)
        self.exp_avg.lerp_(grad, 1 - self.beta1)
        self.exp_avg_sq.mul_(self.beta2).addcmul_(grad, grad, value=1 - self.beta2)
        # torch counts steps in a float32 tensor and reads it back as a Python float: the same
        # value as this count, which float32 holds exactly up to 2^24 (and then no longer grows)
        step = float(min(self.steps, 1 << 24))
        bias_correction1 = 1 - self.beta1**step
        bias_correction2 = 1 - self.beta2**step
        bias_correction2_sqrt = bias_correction2**0.5
        denom = (self.exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(self.eps)
        if isinstance(self.lr, torch.Tensor):
            # per-element step: -(lr / bc1) in float64, rounded to the parameter dtype, then
            # (step * m) / denom added: the same roundings as addcdiv_ with a scalar value
            neg_step = self._neg_step
            if neg_step is None:
                neg_step = (-(self.lr / bias_correction1)).to(param.dtype)
                if bias_correction1 == 1.0:  # from here on the same every step (t ≳ 350)
                    self._neg_step = neg_step
            param.add_(torch.mul(neg_step, self.exp_avg).div_(denom))
        else:
            step_size = self.lr / bias_correction1
            param.addcdiv_(self.exp_avg, denom, value=-step_size)


class FlatSGD(FlatOptimizer):
    """SGD with optional momentum, Nesterov momentum and L2 weight decay on one flat tensor.

    Examples
    --------
    >>> import torch
    >>> p = torch.ones(2); p.grad = torch.tensor([1.0, -1.0])
    >>> FlatSGD(p, lr=0.5).step(); p.tolist()
    [0.5, 1.5]
    """

    def __init__(self, param: torch.Tensor, lr=1e-3, momentum: float = 0.0,
                 nesterov: bool = False, weight_decay: float = 0.0) -> None:
        super().__init__(param, lr)
        _non_negative(momentum=float(momentum), weight_decay=float(weight_decay))
        if nesterov and not momentum > 0:
            raise UsageError("nesterov needs momentum > 0")
        self.momentum, self.nesterov = float(momentum), nesterov
        self.weight_decay = float(weight_decay)
        self.buf: torch.Tensor | None = None

    STATE = ("buf",)

    def step(self) -> None:
        """One SGD update (torch's single-tensor arithmetic, operation for operation).

        Examples
        --------
        With momentum μ the buffer starts as the gradient, ``b = g``, then ``b ← μ·b + g``;
        each step is ``p ← p − lr·b``. Two steps of a constant gradient, lr 0.1, μ 0.9:

        >>> p = torch.ones(2, dtype=torch.float64)
        >>> p.grad = torch.tensor([1.0, -2.0], dtype=torch.float64)
        >>> opt = FlatSGD(p, lr=0.1, momentum=0.9)
        >>> opt.step(); p.tolist()   # 1 − 0.1·g
        [0.9, 1.2]
        >>> opt.step(); opt.buf.tolist()   # b = 0.9·g + g
        [1.9, -3.8]
        >>> [round(x, 12) for x in p.tolist()]   # 0.9 − 0.1·1.9, 1.2 + 0.1·3.8
        [0.71, 1.58]
        """
        param, grad = self.param, self.param.grad
        self.steps += 1
        if self.weight_decay != 0:
            grad = grad.add(param, alpha=self.weight_decay)
        if self.momentum != 0:
            if self.buf is None:
                self.buf = grad.detach().clone()
            else:
                self.buf.mul_(self.momentum).add_(grad, alpha=1)
            grad = grad.add(self.buf, alpha=self.momentum) if self.nesterov else self.buf
        if isinstance(self.lr, torch.Tensor):
            # p + (−1)·grad·lr in one rounding, as add_(grad, alpha=−lr) rounds it: a member's
            # update never depends on its neighbours' rates (sub_(grad * lr) rounds twice)
            param.addcmul_(grad, self.lr.to(param.dtype), value=-1)
        else:
            param.add_(grad, alpha=-self.lr)
