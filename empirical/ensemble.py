"""The batched MLP: K models in ``(K, ...)`` parameter tensors, run with ``torch.baddbmm``.

Layer l of member k holds ``weights[l][k]`` of shape ``(fan_in, fan_out)`` (the transpose of
``nn.Linear.weight``) and ``biases[l][k]`` of shape ``(1, fan_out)``. Members may have different
hidden widths: each hidden layer is padded to the largest width and a ``(K, 1, H)`` 0/1 mask
multiplies its activations. Every supported activation has act(0) = 0 and the mask kills the
gradient into padded units, so padded weights, biases and their optimiser state stay exactly zero
and the real units compute (and are trained) exactly as in the unpadded model.

Initialisation reproduces ``nn.Linear``'s default (weights kaiming-uniform with a = √5, biases
uniform(±1/√fan_in)) by building, for member k, the layers of
``nn.Sequential(nn.Linear(d, h), act, ..., nn.Linear(h, V))`` in float32 under
``torch.manual_seed(init_seed_k)`` (inside ``torch.random.fork_rng``, so the global RNG is left
alone) and copying them in; so member k starts exactly where that module starts.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

__all__ = ["BatchedMLP", "activation_fn", "reference_mlp"]


def _relu2(x: torch.Tensor) -> torch.Tensor:
    return torch.relu(x).square()


_ACTS = {
    "relu": torch.relu,
    "tanh": torch.tanh,
    "gelu": F.gelu,
    "silu": F.silu,
    "relu2": _relu2,
    "identity": lambda x: x,
}


class _ReLU2(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return _relu2(x)


_MODULES = {"relu": nn.ReLU, "tanh": nn.Tanh, "gelu": nn.GELU, "silu": nn.SiLU,
            "relu2": _ReLU2, "identity": nn.Identity}


def activation_fn(name: str):
    """The elementwise activation called ``name`` (all satisfy act(0) = 0).

    Examples
    --------
    >>> activation_fn("relu2")(torch.tensor([-2.0, 3.0])).tolist()
    [0.0, 9.0]
    """
    if name not in _ACTS:
        raise ValueError(f"unknown activation {name!r}; choose one of {', '.join(_ACTS)}")
    return _ACTS[name]


def reference_mlp(d_in: int, width: int, depth: int, classes: int, activation: str = "relu",
                  bias: bool = True, init_seed: int = 0,
                  dtype: torch.dtype = torch.float32) -> nn.Sequential:
    """The plain ``nn.Sequential`` MLP that ensemble members reproduce, built (in float32, then
    cast to ``dtype``) under ``torch.manual_seed(init_seed)``; the global RNG is left alone.

    Examples
    --------
    >>> net = reference_mlp(9, 100, 2, 17)
    >>> sum(p.numel() for p in net.parameters())
    12817
    """
    dims = [d_in] + [width] * depth + [classes]
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(int(init_seed))
        layers: list[nn.Module] = []
        for i in range(len(dims) - 1):
            layers.append(nn.Linear(dims[i], dims[i + 1], bias=bias))
            if i < len(dims) - 2:
                layers.append(_MODULES[activation]())
    return nn.Sequential(*layers).to(dtype)


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
        One of relu, tanh, gelu, silu, relu2, identity.
    bias : bool
        Whether layers have biases.
    dtype, device
        Parameter dtype and device.

    Examples
    --------
    >>> net = BatchedMLP(3, 2, depth=1, widths=[4, 2], init_seeds=[0, 1])
    >>> [tuple(w.shape) for w in net.weights]
    [(2, 3, 4), (2, 4, 2)]
    >>> net(torch.zeros(2, 5, 3)).shape
    torch.Size([2, 5, 2])
    """

    def __init__(self, d_in: int, classes: int, depth: int, widths, init_seeds,
                 activation: str = "relu", bias: bool = True,
                 dtype: torch.dtype = torch.float32, device: str | torch.device = "cpu"):
        widths = [int(w) for w in widths]
        init_seeds = [int(s) for s in init_seeds]
        if len(widths) != len(init_seeds) or not widths:
            raise ValueError("give one width and one init seed per ensemble member")
        self.k, self.depth, self.d_in, self.classes = len(widths), depth, d_in, classes
        self.widths, self.init_seeds = widths, init_seeds
        self.activation, self.act, self.bias = activation, activation_fn(activation), bias
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
        for p in self.parameters():
            p.requires_grad_(True)

    def parameters(self) -> list[torch.Tensor]:
        """All parameter tensors (weights then biases, layer by layer)."""
        out = []
        for i, w in enumerate(self.weights):
            out.append(w)
            if self.bias:
                out.append(self.biases[i])
        return out

    def layers(self) -> list[list[torch.Tensor]]:
        """Parameter tensors grouped by layer: ``[[W_0, b_0], [W_1, b_1], ...]``."""
        return [[w] + ([self.biases[i]] if self.bias else []) for i, w in enumerate(self.weights)]

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        """Logits ``(K, n, V)`` for inputs ``x`` of shape ``(K, n, d_in)``."""
        h = x  # (K, n, d_in)
        last = len(self.weights) - 1
        for i, w in enumerate(self.weights):
            if self.bias:
                h = torch.baddbmm(self.biases[i], h, w)  # (K, n, fan_out)
            else:
                h = torch.bmm(h, w)  # (K, n, fan_out)
            if i < last:
                h = self.act(h)  # (K, n, H)
                if self.padded:
                    h = h * self.masks[i]  # (K, n, H), padded units exactly 0
        return h  # (K, n, V)

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
