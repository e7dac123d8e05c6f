"""The batched MLP: K models in ``(K, ...)`` parameter tensors, run with ``torch.baddbmm``.

Layer l of member k holds ``weights[l][k]`` of shape ``(fan_in, fan_out)`` (the transpose of
``nn.Linear.weight``) and ``biases[l][k]`` of shape ``(1, fan_out)``; all of them are views of
one flat buffer ``flat`` (so the optimiser can step every parameter in one pass). Members may
have different hidden widths: each hidden layer is padded to the largest width and a
``(K, 1, H)`` 0/1 mask multiplies its activations. Every supported activation has act(0) = 0 and
the mask kills the gradient into padded units, so padded weights, biases and their optimiser
state stay exactly zero and the real units compute (and are trained) as in the unpadded model,
up to the order of the GEMMs' sums: the zero terms change no value, but a longer inner dimension
can regroup the sums (float32: 1e-8 to 1e-7 at depth 2 in about half of random shapes, 2026-12-02
engine review; float64: 1e-16 a step, 2026-12-04 review).

The hot path is **feature-major**: activations are ``(K, features, n)`` and layer l computes
``baddbmm(b_lᵀ (K, out, 1), W_lᵀ (K, out, in), A (K, in, n))`` on transposed *views* of the
stored tensors (no copies; MKL takes the transpose as a flag), with a hand-written backward
(``_BatchedLinear``) that forms each gradient in the stored layout. With the points on the
innermost axis every GEMM has n as its long dimension, even for a 2-class head, and the softmax
reduces over dim 1 of ``(K, V, n)`` logits, which vectorises over n. The sample-major form
(``(K, n, V)`` logits) spent most of a step in batched GEMMs with an output dimension of 2 and in
a softmax over a size-2 innermost axis; see docs/benchmarks.md. ``__call__`` keeps the
``(K, n, d) → (K, n, V)`` interface (a transposed view of the same result).

Initialisation reproduces ``nn.Linear``'s default (weights kaiming-uniform with a = √5, biases
uniform(±1/√fan_in)) by building, for member k, the layers of
``nn.Sequential(nn.Linear(d, h), act, ..., nn.Linear(h, V))`` in float32 under
``torch.manual_seed(init_seed_k)``'s CPU stream (:func:`seeded_cpu_rng`, so the global RNG is
left alone) and copying them in; so member k starts exactly where that module starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import torch
import torch.nn.functional as F
from torch import nn

from capacity.errors import UsageError
from capacity.options import check_integer, is_integer

__all__ = ["BatchedMLP", "activation_fn", "flat_views", "flatten_parameters", "float32_build",
           "input_gradient", "member_lists", "reference_mlp", "reference_optimizer",
           "seeded_cpu_rng"]


@contextmanager
def seeded_cpu_rng(seed: int) -> Iterator[None]:
    """Run the body with torch's CPU generator seeded with ``seed``, then restore its state.

    The CPU stream is exactly ``torch.manual_seed(seed)``'s (which seeds
    ``torch.default_generator``); unlike it, this queues no seeding of CUDA, XPU or MTIA
    generators (torch records a stack trace for each such lazy call: ≈ 0.2 ms, most of the
    construction time of a small ensemble member), so those generators are left alone too.

    Examples
    --------
    >>> with seeded_cpu_rng(3):
    ...     a = torch.rand(2)
    >>> torch.equal(a, torch.rand(2, generator=torch.Generator().manual_seed(3)))
    True
    """
    with torch.random.fork_rng(devices=[]):
        torch.default_generator.manual_seed(int(seed))
        yield


@contextmanager
def float32_build() -> Iterator[None]:
    """Run the body with torch's default dtype float32, then restore it: reference networks
    are built (initialised) in float32 whatever a caller set, so that a member starts where the
    float32 module starts also under ``torch.set_default_dtype(torch.float64)`` (its float64
    draws, rounded, were 1.4e-8 away; 2026-12-06 review).

    Examples
    --------
    >>> before = torch.get_default_dtype()
    >>> try:   # one example, so that the caller's default comes back whatever happens
    ...     torch.set_default_dtype(torch.float64)
    ...     with float32_build():
    ...         inside = torch.zeros(1).dtype
    ...     after = torch.zeros(1).dtype
    ... finally:
    ...     torch.set_default_dtype(before)
    >>> inside, after
    (torch.float32, torch.float64)
    """
    before = torch.get_default_dtype()
    torch.set_default_dtype(torch.float32)
    try:
        yield
    finally:
        torch.set_default_dtype(before)


def _relu2(x: torch.Tensor) -> torch.Tensor:
    return torch.relu(x).square()


def _sign_ste(x: torch.Tensor) -> torch.Tensor:
    """sign(x) forward, the gradient of hardtanh backward (the straight-through estimator).

    ``sign(0) = 0`` keeps act(0) = 0 for padded units. References: Y. Bengio, N. Léonard,
    A. Courville, arXiv:1308.3432 (2013); I. Hubara et al., NeurIPS 2016 (the hardtanh form).
    """
    clipped = F.hardtanh(x)
    return clipped + (torch.sign(x) - clipped).detach()


_ACTS_INPLACE = {"relu": torch.relu_}  # output-only backward: safe in place after baddbmm

_ACTS = {
    "relu": torch.relu,
    "tanh": torch.tanh,
    "gelu": F.gelu,
    "silu": F.silu,
    "relu2": _relu2,
    "identity": lambda x: x,
    "sign": _sign_ste,
}


class _ReLU2(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return _relu2(x)


class _SignSTE(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return _sign_ste(x)


_MODULES = {"relu": nn.ReLU, "tanh": nn.Tanh, "gelu": nn.GELU, "silu": nn.SiLU,
            "relu2": _ReLU2, "identity": nn.Identity, "sign": _SignSTE}


def activation_fn(name: str):
    """The elementwise activation called ``name`` (all satisfy act(0) = 0).

    Examples
    --------
    >>> activation_fn("relu2")(torch.tensor([-2.0, 3.0])).tolist()
    [0.0, 9.0]
    >>> x = torch.tensor([-2.0, 0.5], requires_grad=True)   # sign units, straight-through
    >>> y = activation_fn("sign")(x); y.sum().backward(); y.tolist(), x.grad.tolist()
    ([-1.0, 1.0], [0.0, 1.0])
    """
    if name not in _ACTS:
        raise UsageError(f"unknown activation {name!r}; choose one of {', '.join(_ACTS)}")
    return _ACTS[name]


def reference_mlp(d_in: int, width: int, depth: int, classes: int, activation: str = "relu",
                  bias: bool = True, init_seed: int = 0,
                  dtype: torch.dtype = torch.float32) -> nn.Sequential:
    """The plain ``nn.Sequential`` MLP that ensemble members reproduce, built (in float32, then
    cast to ``dtype``) with the CPU generator seeded as ``torch.manual_seed(init_seed)`` seeds
    it (:func:`seeded_cpu_rng`); the global RNG is left alone.

    Parameters
    ----------
    d_in : int
        Input dimension.
    width : int
        Units in each hidden layer.
    depth : int
        Hidden layers (``depth + 1`` linear layers).
    classes : int
        Output units.
    activation : str, default "relu"
        One of relu, tanh, gelu, silu, relu2, identity, sign (applied after every hidden layer).
    bias : bool, default True
        Whether the linear layers have biases.
    init_seed : int, default 0
        Seed of the initialisation.
    dtype : torch.dtype, default torch.float32
        dtype the built network is cast to.

    Returns
    -------
    torch.nn.Sequential
        Alternating ``nn.Linear`` and activation modules.

    Examples
    --------
    >>> net = reference_mlp(9, 100, 2, 17)
    >>> sum(p.numel() for p in net.parameters())
    12817
    """
    activation_fn(activation)  # an unknown name: one UsageError (it was a bare KeyError)
    dims = [d_in] + [width] * depth + [classes]
    with seeded_cpu_rng(init_seed), float32_build():
        layers: list[nn.Module] = []
        for i in range(len(dims) - 1):
            layers.append(nn.Linear(dims[i], dims[i + 1], bias=bias))
            if i < len(dims) - 2:
                layers.append(_MODULES[activation]())
    return nn.Sequential(*layers).to(dtype)


def reference_optimizer(params, cfg) -> torch.optim.Optimizer:
    """The ``torch.optim`` optimiser a plain training loop of :func:`reference_mlp` would use
    (the reference the trainer's own optimisers, :mod:`empirical.engine.optim`, are tested
    against). ``cfg`` is a :class:`~empirical.engine.config.TrainConfig`.

    Parameters
    ----------
    params : iterable of torch.Tensor
        The parameters to optimise (e.g. ``net.parameters()``).
    cfg : TrainConfig
        ``optimizer`` ``"adam"`` or ``"adamw"`` (with ``lr``, ``betas``, ``eps``,
        ``weight_decay``); any other value gives SGD (``lr``, ``momentum``, ``nesterov``,
        ``weight_decay``).

    Returns
    -------
    torch.optim.Optimizer
        ``Adam``, ``AdamW`` or ``SGD``.

    Examples
    --------
    >>> from empirical.engine.config import TrainConfig
    >>> net = reference_mlp(2, 3, 1, 2)
    >>> type(reference_optimizer(net.parameters(), TrainConfig(optimizer="sgd"))).__name__
    'SGD'
    """
    if cfg.optimizer == "adam":
        return torch.optim.Adam(params, lr=cfg.lr, betas=cfg.betas, eps=cfg.eps,
                                weight_decay=cfg.weight_decay)
    if cfg.optimizer == "adamw":
        return torch.optim.AdamW(params, lr=cfg.lr, betas=cfg.betas, eps=cfg.eps,
                                 weight_decay=cfg.weight_decay)
    return torch.optim.SGD(params, lr=cfg.lr, momentum=cfg.momentum, nesterov=cfg.nesterov,
                           weight_decay=cfg.weight_decay)


def member_lists(widths, init_seeds) -> tuple[list[int], list[int]]:
    """The members' widths and init seeds as int lists, one of each per member (checked).

    Parameters
    ----------
    widths : iterable of int
        Hidden width of each member.
    init_seeds : iterable of int
        Init seed of each member; must be as long as ``widths``, and neither may be empty.

    Returns
    -------
    widths, init_seeds : list of int
        Both converted to ``int`` lists.

    Examples
    --------
    >>> member_lists((4, 8), (0, 1))
    ([4, 8], [0, 1])
    >>> member_lists([4], [0, 1])
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: give one width and one init seed per ensemble member
    """
    widths, init_seeds = list(widths), list(init_seeds)
    if len(widths) != len(init_seeds) or not widths:
        raise UsageError("give one width and one init seed per ensemble member")
    # 2.5 was width 2 and width 0 built (2026-12-05 review)
    if not all(is_integer(w) and w >= 1 for w in widths) or not all(
            is_integer(s) for s in init_seeds):
        raise UsageError(f"widths must be integers >= 1 and init seeds integers, got "
                         f"{widths[:8]} and {init_seeds[:8]}")
    return [int(w) for w in widths], [int(s) for s in init_seeds]


def flat_views(buffer: torch.Tensor, shapes) -> list[torch.Tensor]:
    """Consecutive views of the ``(P,)`` tensor ``buffer`` with the given shapes.

    Parameters
    ----------
    buffer : torch.Tensor
        1-D tensor ``(P,)`` holding the pieces back to back.
    shapes : iterable of tuple of int
        Shape of each view, taken in order from the start of ``buffer``.

    Returns
    -------
    list of torch.Tensor
        Views sharing ``buffer``'s storage (elements past the last shape are left out).

    Examples
    --------
    >>> [tuple(v.shape) for v in flat_views(torch.zeros(10), [(2, 3), (1, 4)])]
    [(2, 3), (1, 4)]
    """
    views, offset = [], 0
    for shape in shapes:
        size = 1
        for s in shape:
            size *= int(s)
        views.append(buffer[offset:offset + size].view(shape))  # (K, ...) view
        offset += size
    return views


def flatten_parameters(params: list[torch.Tensor]) -> tuple[torch.Tensor, list[torch.Tensor]]:
    """One flat buffer ``(P,)`` holding copies of ``params``, and its views shaped like them,
    each a contiguous leaf that requires grad (how an ensemble hands the trainer's optimiser all
    its parameters as a single tensor).

    Examples
    --------
    >>> flat, (a, b) = flatten_parameters([torch.ones(2, 2), torch.zeros(3)])
    >>> flat.tolist(), a.requires_grad, a.data_ptr() == flat.data_ptr()
    ([1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0], True, True)
    """
    ref = params[0]
    flat = torch.empty(sum(p.numel() for p in params), dtype=ref.dtype, device=ref.device)
    views = flat_views(flat, [p.shape for p in params])
    for view, p in zip(views, params, strict=True):
        view.copy_(p)
        view.requires_grad_(True)
    return flat, views


def _two_class_fma(w: torch.Tensor, gz: torch.Tensor) -> bool:
    """Whether :func:`input_gradient` forms ``W G`` of a two-class head ``w (K, H, 2)``,
    ``gz (K, 2, c)`` as ``W₀G₀ + W₁G₁`` (``mul`` + ``addcmul_``) instead of ``bmm``: float32 with
    H ≥ 8, c ≥ 64 and K·H·c ≥ 2^16. There ``bmm`` with an inner dimension of 2 streams its
    output at ≈ 0.6 ns an element (276 µs at K = 10, H = 45, c = 1 024; the elementwise form
    67 µs), and MKL computes each element with one fused multiply-add, as ``addcmul_`` does:
    equal bits in all 1 162 draws over 581 such shapes tried on the benchmark machine
    (K ≤ 64, H ≤ 128, c ≤ 5 120). For smaller H or c, and in float64, ``bmm`` takes kernels
    that round differently, so it stays there. On another CPU or BLAS the two may differ in the
    last bit, the kind of difference a change of thread count also makes. Only on the CPU: on
    CUDA, where the equality was never checked, ``bmm`` (cuBLAS) stays."""
    k, h, v = w.shape
    c = gz.shape[2]
    return (v == 2 and w.dtype == torch.float32 and w.device.type == "cpu" and h >= 8
            and c >= 64 and k * h * c >= 1 << 16)


def input_gradient(w: torch.Tensor, g: torch.Tensor) -> torch.Tensor:
    """``W G (K, in, n)``: the gradient w.r.t. a batched linear layer's input, from its stored
    weights ``w (K, in, out)`` and the output gradient ``g (K, out, n)``. A ``bmm``, except for
    a large float32 two-class head (:func:`_two_class_fma`): ``W₀G₀ + W₁G₁``, 4× faster there.
    The autograd backward and the trainer's hand-written step both call it.

    Parameters
    ----------
    w : torch.Tensor
        Layer weights ``(K, in, out)``.
    g : torch.Tensor
        Gradient of the layer's output ``(K, out, n)``.

    Returns
    -------
    torch.Tensor
        Gradient of the layer's input, ``(K, in, n)``.

    Examples
    --------
    >>> w, g = torch.randn(3, 16, 2), torch.randn(3, 2, 4096)
    >>> torch.allclose(input_gradient(w, g), torch.bmm(w, g))
    True
    """
    if _two_class_fma(w, g):
        return torch.mul(w[:, :, :1], g[:, :1]).addcmul_(w[:, :, 1:], g[:, 1:])
    return torch.bmm(w, g)


class _BatchedLinear(torch.autograd.Function):
    """``A ↦ Wᵀ A + bᵀ`` on feature-major activations, with a backward that picks its GEMMs.

    ``a (K, in, n)``, ``w (K, in, out)`` and ``b (K, 1, out)`` (stored layouts) give
    ``(K, out, n)``. Autograd through ``baddbmm`` on the transposed view would form the weight
    gradient as ``G Aᵀ (K, out, in)`` and then copy it into the stored layout; here it is
    ``A Gᵀ (K, in, out)`` directly (for the first layer of the ensemble benchmark, in = 8 and
    out = 32, that GEMM is 1.7× faster), the input gradient is ``W G (K, in, n)`` and the bias
    gradient the sum of G over the points. Same products, same sums: only the memory order of
    the GEMM operands differs.
    """

    @staticmethod
    def forward(ctx, a, w, b):
        ctx.save_for_backward(a, w)
        ctx.has_bias = b is not None
        wt = w.transpose(1, 2)  # (K, out, in) view
        if b is None:
            return torch.bmm(wt, a)  # (K, out, n)
        return torch.baddbmm(b.transpose(1, 2), wt, a)  # (K, out, n)

    @staticmethod
    def backward(ctx, g):  # g: (K, out, n)
        a, w = ctx.saved_tensors
        if g.dtype != w.dtype:  # under bf16 autocast: the backward GEMMs in the weights' dtype
            a, g = a.to(w.dtype), g.to(w.dtype)
        da = input_gradient(w, g) if ctx.needs_input_grad[0] else None  # (K, in, n)
        dw = torch.bmm(a, g.transpose(1, 2)) if ctx.needs_input_grad[1] else None  # (K, in, out)
        db = (g.sum(dim=2).unsqueeze(1)  # (K, 1, out)
              if ctx.has_bias and ctx.needs_input_grad[2] else None)
        return da, dw, db


class BatchedMLP:
    """K MLPs ``d_in → widths[k] × depth → classes`` held as stacked, padded tensors.

    Parameters
    ----------
    d_in, classes, depth : int
        Input size, output classes V and number of hidden layers.
    widths : sequence of int
        Hidden width of each member (K = len(widths)).
    init_seeds : sequence of int
        Init seed of each member.
    activation : str
        One of relu, tanh, gelu, silu, relu2, identity, sign (sign forward, hardtanh's
        gradient backward: the straight-through estimator).
    bias : bool
        Whether layers have biases.
    dtype, device
        Parameter dtype and device.

    Attributes
    ----------
    weights, biases : list of torch.Tensor
        ``(K, fan_in, fan_out)`` and ``(K, 1, fan_out)`` per layer: leaf views of ``flat``.
    flat : torch.Tensor
        ``(P,)`` every parameter, in :meth:`parameters` order (what the trainer's optimiser steps).
    masks : list of torch.Tensor
        ``(K, 1, H)`` 0/1 per hidden layer (1 on each member's real units).

    Examples
    --------
    >>> net = BatchedMLP(3, 2, depth=1, widths=[4, 2], init_seeds=[0, 1])
    >>> [tuple(w.shape) for w in net.weights]
    [(2, 3, 4), (2, 4, 2)]
    >>> net(torch.zeros(2, 5, 3)).shape
    torch.Size([2, 5, 2])
    >>> net.forward_features(torch.zeros(2, 3, 5)).shape  # feature-major: (K, d, n) → (K, V, n)
    torch.Size([2, 2, 5])
    >>> net.flat.shape, net.weights[0].data_ptr() == net.flat.data_ptr()  # 2·(3·4 + 4 + 4·2 + 2)
    (torch.Size([52]), True)
    """

    def __init__(self, d_in: int, classes: int, depth: int, widths, init_seeds,
                 activation: str = "relu", bias: bool = True,
                 dtype: torch.dtype = torch.float32, device: str | torch.device = "cpu"):
        widths, init_seeds = member_lists(widths, init_seeds)
        # depth -1 built a linear model, classes 0 a model of no output (2026-12-05 review)
        d_in, classes = check_integer("d_in", d_in, 1), check_integer("classes", classes, 1)
        depth = check_integer("depth", depth, 0)
        self.k, self.depth, self.d_in, self.classes = len(widths), depth, d_in, classes
        self.widths, self.init_seeds = widths, init_seeds
        self.activation, self.act, self.bias = activation, activation_fn(activation), bias
        self._act_inplace = _ACTS_INPLACE.get(activation)
        h = max(widths)
        dims = [d_in] + [h] * depth + [classes]
        self.weights = [torch.zeros(self.k, dims[i], dims[i + 1], dtype=dtype, device=device)
                        for i in range(len(dims) - 1)]  # (K, fan_in, fan_out) each
        self.biases = ([torch.zeros(self.k, 1, dims[i + 1], dtype=dtype, device=device)
                        for i in range(len(dims) - 1)] if bias else [])  # (K, 1, fan_out)
        unit = torch.arange(h, device=device)
        self.masks = [(unit[None, :] < torch.tensor(widths, device=device)[:, None])
                      .to(dtype)[:, None, :]] * depth  # (K, 1, H) each
        self.padded = len(set(widths)) > 1  # equal widths: no masking work in the hot path
        for k in range(self.k):
            ref = reference_mlp(d_in, widths[k], depth, classes, activation, bias, init_seeds[k])
            linears = [m for m in ref if isinstance(m, nn.Linear)]
            for lin, w, b in zip(linears, self.weights, self.biases or [None] * len(linears),
                                 strict=True):
                fo, fi = lin.weight.shape
                w[k, :fi, :fo] = lin.weight.detach().T.to(dtype)
                if b is not None:
                    b[k, 0, :fo] = lin.bias.detach().to(dtype)
        self._flatten()

    def _flatten(self) -> None:
        """Re-home every parameter as a view of one flat buffer ``self.flat`` of shape ``(P,)``
        (:func:`flatten_parameters`, in :meth:`parameters` order).

        The trainer gives the optimiser ``flat`` as a single tensor (with a flat gradient buffer
        whose views are the per-layer ``.grad``), so one optimiser step is a handful of
        elementwise passes over all parameters instead of a handful per parameter tensor. The
        per-element arithmetic is unchanged.
        """
        self.flat, views = flatten_parameters(self.parameters())
        step = 2 if self.bias else 1
        self.weights = views[::step]
        self.biases = views[1::2] if self.bias else []

    def views_of(self, buffer: torch.Tensor) -> list[torch.Tensor]:
        """Views of a ``(P,)`` buffer shaped like :meth:`parameters`, in that order (how
        ``flat`` holds the parameters; the trainer lays its gradient buffer out the same way).

        Examples
        --------
        >>> net = BatchedMLP(3, 2, 1, [4], [0])
        >>> [tuple(v.shape) for v in net.views_of(torch.zeros_like(net.flat))]
        [(1, 3, 4), (1, 1, 4), (1, 4, 2), (1, 1, 2)]
        """
        return flat_views(buffer, [p.shape for p in self.parameters()])

    def parameters(self) -> list[torch.Tensor]:
        """All parameter tensors (weight then bias, layer by layer): leaf views of ``flat``.

        Examples
        --------
        Two members of widths 4 and 2 (both padded to 4), 3 inputs, 2 classes:

        >>> net = BatchedMLP(3, 2, 1, [4, 2], [0, 1])
        >>> [tuple(p.shape) for p in net.parameters()]
        [(2, 3, 4), (2, 1, 4), (2, 4, 2), (2, 1, 2)]
        >>> sum(p.numel() for p in net.parameters()) == net.flat.numel() == 52
        True
        >>> all(p.is_leaf and p.requires_grad for p in net.parameters())
        True
        """
        out = []
        for i, w in enumerate(self.weights):
            out.append(w)
            if self.bias:
                out.append(self.biases[i])
        return out

    def layers(self) -> list[list[torch.Tensor]]:
        """Parameter tensors grouped by layer: ``[[W_0, b_0], [W_1, b_1], ...]``.

        Examples
        --------
        Depth 2 has three linear layers; without biases each group is the weight alone:

        >>> [[tuple(t.shape) for t in g] for g in BatchedMLP(3, 2, 2, [4], [0]).layers()]
        [[(1, 3, 4), (1, 1, 4)], [(1, 4, 4), (1, 1, 4)], [(1, 4, 2), (1, 1, 2)]]
        >>> [len(g) for g in BatchedMLP(3, 2, 2, [4], [0], bias=False).layers()]
        [1, 1, 1]
        """
        return [[w] + ([self.biases[i]] if self.bias else []) for i, w in enumerate(self.weights)]

    def prepare(self, x: torch.Tensor) -> torch.Tensor:
        """The model's input layout for points ``x (K, n, d_in)``: the feature-major view
        ``(K, d_in, n)`` that :meth:`forward_features` reads (the trainer's model protocol).

        Examples
        --------
        >>> net = BatchedMLP(3, 2, 1, [4, 2], [0, 1])
        >>> x = torch.zeros(2, 5, 3)   # K = 2 members, n = 5 points, d_in = 3
        >>> xt = net.prepare(x)
        >>> tuple(xt.shape), xt.data_ptr() == x.data_ptr()   # a view: no copy
        ((2, 3, 5), True)
        >>> net.forward_features(xt).shape   # (K, V, n)
        torch.Size([2, 2, 5])
        """
        return x.transpose(1, 2)  # (K, d_in, n)

    def select(self, members) -> BatchedMLP:
        """A new ensemble of the given members (indices into this one, in that order) with copies
        of their parameters, the same padded width and the same layout: each member computes
        exactly what it computes here (the trainer drops stopped members this way).

        Examples
        --------
        >>> net = BatchedMLP(3, 2, 1, [4, 2, 3], [0, 1, 2])
        >>> sub = net.select([2, 0])
        >>> sub.k, sub.widths, [tuple(w.shape) for w in sub.weights]
        (2, [3, 4], [(2, 3, 4), (2, 4, 2)])
        >>> all(torch.equal(a, b) for a, b in zip(sub.member_state(1), net.member_state(0)))
        True
        """
        idx = torch.as_tensor(list(members), dtype=torch.long, device=self.flat.device)
        out = object.__new__(BatchedMLP)
        out.__dict__.update(self.__dict__)
        out.k = int(idx.numel())
        out.widths = [self.widths[i] for i in idx.tolist()]
        out.init_seeds = [self.init_seeds[i] for i in idx.tolist()]
        out.masks = [m.index_select(0, idx) for m in self.masks]
        out.padded = min(out.widths) < self.weights[0].shape[2]
        with torch.no_grad():
            out.weights = [w.detach().index_select(0, idx) for w in self.weights]
            out.biases = [b.detach().index_select(0, idx) for b in self.biases]
        out._flatten()
        return out

    def step_flops(self, batch: int) -> int:
        """Matmul FLOPs of one training step on ``batch`` points, all K members: forward, weight
        gradients, and input gradients of every layer but the first.

        Examples
        --------
        >>> BatchedMLP(9, 17, 2, [100], [0]).step_flops(100)  # the l2-blog model
        7380000
        """
        dims = [self.d_in] + [max(self.widths)] * self.depth + [self.classes]
        macs = [dims[i] * dims[i + 1] for i in range(len(dims) - 1)]
        return 2 * batch * self.k * (2 * sum(macs) + sum(macs[1:]))

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        """Logits ``(K, n, V)`` for inputs ``x`` of shape ``(K, n, d_in)`` (a transposed view of
        :meth:`forward_features` on ``x.transpose(1, 2)``)."""
        return self.forward_features(x.transpose(1, 2)).transpose(1, 2)  # (K, n, V)

    def forward_features(self, xt: torch.Tensor) -> torch.Tensor:
        """Feature-major forward pass: inputs ``(K, d_in, n)`` → logits ``(K, V, n)``.

        Examples
        --------
        >>> net = BatchedMLP(3, 2, depth=1, widths=[4, 2], init_seeds=[0, 1])
        >>> x = torch.randn(2, 5, 3)
        >>> torch.equal(net.forward_features(x.transpose(1, 2)), net(x).transpose(1, 2))
        True
        """
        h = xt  # (K, d_in, n)
        last = len(self.weights) - 1
        for i, w in enumerate(self.weights):
            b = self.biases[i] if self.bias else None
            h = _BatchedLinear.apply(h, w, b)  # (K, fan_out, n)
            if i < last:
                h = self._act_inplace(h) if self._act_inplace else self.act(h)  # (K, H, n)
                if self.padded:
                    h = h * self.masks[i].transpose(1, 2)  # (K, H, n), padded units exactly 0
        return h  # (K, V, n)

    def member_state(self, k: int) -> list[torch.Tensor]:
        """Member k's parameters in ``nn.Sequential`` order and shapes (``weight`` as
        ``(fan_out, fan_in)``), padding removed.

        Examples
        --------
        >>> net = BatchedMLP(3, 2, 1, [4], [5])
        >>> ref = reference_mlp(3, 4, 1, 2, init_seed=5)
        >>> all(torch.equal(a, b) for a, b in zip(net.member_state(0), ref.parameters()))
        True
        """
        dims = [self.d_in] + [self.widths[k]] * self.depth + [self.classes]
        out = []
        for i, w in enumerate(self.weights):
            out.append(w[k, :dims[i], :dims[i + 1]].detach().T.contiguous())
            if self.bias:
                out.append(self.biases[i][k, 0, :dims[i + 1]].detach().clone())
        return out
