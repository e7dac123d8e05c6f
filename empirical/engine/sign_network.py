"""A verified integer sign network (:class:`~constructions.network.SignNetwork`) as a torch module.

Lives in the engine, not in ``constructions``, so that constructions never import torch.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from capacity.errors import UsageError
from constructions.network import SignNetwork, short_repr

__all__ = ["float32_matmul_is_exact", "to_torch"]


def to_torch(net: SignNetwork, dtype=None):
    """A ``torch.nn.Module`` computing the network with a sign activation (sign(0) = +1).

    ``forward(x)`` takes ±1 floats of shape ``(B, M)`` and returns ±1 of shape ``(B, N)``. It
    agrees with the exact evaluator on every input as long as every pre-activation partial sum is
    exact in ``dtype``; so float32 is refused when a |weight| or the pre-activation bound reaches
    2^24, and float64 when it reaches 2^53 (``ValueError``). The products are taken outside any
    ``torch.autocast`` region, and in float64 when the float32 matmul precision is not
    ``"highest"`` (TF32 or bfloat16 passes would round them).

    Parameters
    ----------
    net : SignNetwork
        The network to translate.
    dtype : torch.dtype or None, default None
        ``torch.float32`` or ``torch.float64`` (None: float64); other dtypes are refused.

    Returns
    -------
    torch.nn.Module
        The module computing ``net``.

    Examples
    --------
    >>> from constructions.network import Layer
    >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),))   # AND
    >>> to_torch(net)(torch.tensor([[1., 1.], [1., -1.]])).tolist()
    [[1.0], [-1.0]]
    """
    dtype = torch.float64 if dtype is None else dtype
    limits = {torch.float32: 24, torch.float64: 53}
    if dtype not in limits:
        raise UsageError(f"to_torch supports float32 or float64, got {dtype}")
    bound = max(net.preactivation_bound(), net.sizes().max_abs_weight)
    if bound >= 2 ** limits[dtype]:
        fix = ("use dtype=torch.float64" if bound < 2 ** limits[torch.float64] else
               "no torch float holds them exactly: evaluate with SignNetwork.evaluate (exact "
               "integers)")  # it told float64 to use float64 (2026-12-04 review)
        raise UsageError(f"weights/pre-activations up to {short_repr(bound)} are not exact in "
                         f"{dtype} "
                         f"(limit 2**{limits[dtype]}); {fix}")
    return _make_module(net, dtype)


def float32_matmul_is_exact() -> bool:
    """Whether torch's float32 matrix products are IEEE float32 (no TF32 or bfloat16 passes).

    Reads both of torch's switches: the legacy ``torch.get_float32_matmul_precision()`` (must be
    ``"highest"``) and the per-backend ``fp32_precision`` settings of torch ≥ 2.9 (``"none"``
    or ``"ieee"``). The legacy query raises once the new settings were used; that, or any
    setting that is not IEEE, counts as inexact (a product in float64 is then always exact).

    Returns
    -------
    bool
        True when a float32 product is an IEEE float32 product on every backend.

    Examples
    --------
    >>> float32_matmul_is_exact()   # torch's default
    True
    """
    try:
        if torch.get_float32_matmul_precision() != "highest":
            return False
    except RuntimeError:  # "a mix of the legacy and new APIs" (torch 2.13): the forward raised
        return False
    backends = (torch.backends, getattr(torch.backends.cuda, "matmul", None),
                getattr(torch.backends, "mkldnn", None),
                getattr(getattr(torch.backends, "mkldnn", None), "matmul", None))
    return all(getattr(b, "fp32_precision", "none") in ("none", "ieee") for b in backends)


def _make_module(net: SignNetwork, dtype):
    class SignNet(nn.Module):
        """Layers of sign units reading any earlier values (inputs and units)."""

        def __init__(self) -> None:
            super().__init__()
            self.sources = [list(layer.sources) for layer in net.layers]
            self.weights = nn.ParameterList(
                nn.Parameter(torch.tensor(np.asarray(layer.weights, dtype=np.float64),
                                          dtype=dtype), requires_grad=False)
                for layer in net.layers)
            self.biases = nn.ParameterList(
                nn.Parameter(torch.tensor(np.asarray(layer.biases, dtype=np.float64),
                                          dtype=dtype), requires_grad=False)
                for layer in net.layers)

        def forward(self, x):
            values = x.to(dtype)  # (B, M + units so far)
            # autocast (bfloat16) and a float32 matmul precision below "highest" (TF32 on CUDA,
            # bfloat16 passes on some CPUs) round the products: then multiply in float64
            lax = dtype == torch.float32 and not float32_matmul_is_exact()
            with torch.autocast(values.device.type, enabled=False):
                for src, w, b in zip(self.sources, self.weights, self.biases, strict=True):
                    if lax:
                        pre = (values[:, src].double() @ w.T.double() + b.double()).to(dtype)
                    else:
                        pre = values[:, src] @ w.T + b  # (B, U)
                    out = torch.where(pre >= 0, 1.0, -1.0).to(dtype)  # (B, U)
                    values = torch.cat([values, out], dim=1)
            return values[:, -net.outputs:]  # (B, N)

    return SignNet()
