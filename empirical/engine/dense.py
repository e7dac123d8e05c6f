"""The densely connected ensemble: every layer reads the input and every earlier layer.

The seed question's "connected in any way": hidden layer l of member k reads the concatenation
``[x, h_1, …, h_{l−1}]`` (``d_in + (l−1)·w`` features) and so does the output layer
(``d_in + L·w``), as in DenseNet (Huang et al., CVPR 2017) applied to an MLP. It follows the
trainer's model protocol of :class:`~empirical.engine.ensemble.BatchedMLP` (``flat``,
``parameters()``, ``views_of()``, ``layers()``, ``prepare()``, ``forward_features()``,
``step_flops()``, ``classes``), so :func:`empirical.engine.train.train_ensemble` trains it
unchanged: one optimiser over one flat buffer, the loss summed over members.

Members may have different widths: each hidden layer is padded to the widest and a 0/1 mask
zeroes the padded units' activations. Every weight that reads or feeds a padded unit starts at 0
and, the unit being 0, never receives a gradient, so a padded member computes and trains exactly
as the unpadded one. Initialisation follows ``nn.Linear``'s default for the real fan-in (weights
and biases uniform in ±1/√fan_in), drawn from a generator seeded with the member's init seed.

References
----------
G. Huang, Z. Liu, L. van der Maaten, K. Q. Weinberger, "Densely connected convolutional
networks", CVPR 2017.
"""

from __future__ import annotations

import math

import torch

from capacity.errors import UsageError
from empirical.engine.ensemble import activation_fn, flat_views, flatten_parameters, member_lists
from empirical.engine.parameters import dense_parameters  # re-exported: its old home

__all__ = ["BatchedDenseMLP", "dense_parameters"]


class BatchedDenseMLP:
    """K densely connected MLPs ``d_in → widths[k] × depth → classes`` (see the module notes).

    Examples
    --------
    >>> net = BatchedDenseMLP(3, 2, depth=2, widths=[4, 2], init_seeds=[0, 1])
    >>> [tuple(w.shape) for w in net.weights]
    [(2, 3, 4), (2, 7, 4), (2, 11, 2)]
    >>> net.forward_features(torch.zeros(2, 3, 5)).shape
    torch.Size([2, 2, 5])
    >>> int((net.weights[2][1] != 0).sum())  # member 1: reads 3 inputs + 2 + 2 real units
    14
    """

    def __init__(self, d_in: int, classes: int, depth: int, widths, init_seeds,
                 activation: str = "relu", bias: bool = True,
                 dtype: torch.dtype = torch.float32, device: str | torch.device = "cpu"):
        widths, init_seeds = member_lists(widths, init_seeds)
        if not bias:
            raise UsageError("the dense topology is built with biases")
        if depth < 1:
            raise UsageError(f"a dense network needs depth >= 1, got {depth}")
        self.k, self.depth, self.d_in, self.classes = len(widths), depth, d_in, classes
        self.widths, self.init_seeds, self.bias = widths, init_seeds, True
        # named apart from the MLP's activations: the trainer's hand-written full-batch step
        # (engine.fullbatch) is for stacked MLPs only, and it is chosen by this name
        self.activation, self.act = f"dense:{activation}", activation_fn(activation)
        h = max(widths)
        fan_ins = [d_in + layer * h for layer in range(depth + 1)]
        fan_outs = [h] * depth + [classes]
        self.weights = [torch.zeros(self.k, fi, fo, dtype=torch.float64)
                        for fi, fo in zip(fan_ins, fan_outs, strict=True)]  # (K, in, out)
        self.biases = [torch.zeros(self.k, 1, fo, dtype=torch.float64)
                       for fo in fan_outs]  # (K, 1, out)
        for k, (w, seed) in enumerate(zip(widths, init_seeds, strict=True)):
            gen = torch.Generator().manual_seed(seed)
            real_in = [list(range(d_in)) + [d_in + j * h + u for j in range(layer)
                                             for u in range(w)] for layer in range(depth + 1)]
            for layer, rows in enumerate(real_in):
                out = w if layer < depth else classes
                bound = 1 / math.sqrt(len(rows))
                draw = (torch.rand(len(rows), out, generator=gen, dtype=torch.float64) * 2
                        - 1) * bound  # (in, out)
                self.weights[layer][k][torch.tensor(rows)[:, None], torch.arange(out)] = draw
                self.biases[layer][k, 0, :out] = (torch.rand(out, generator=gen,
                                                             dtype=torch.float64) * 2 - 1) * bound
        unit = torch.arange(h)
        mask = (unit[None, :] < torch.tensor(widths)[:, None]).to(dtype)  # (K, H)
        self.mask = mask[:, :, None].to(device)  # (K, H, 1) feature-major
        self.padded = len(set(widths)) > 1
        params = [t.to(dtype=dtype, device=device) for pair in
                  zip(self.weights, self.biases, strict=True) for t in pair]
        self.flat, views = flatten_parameters(params)  # (P,) and its leaf views
        self.weights, self.biases = views[::2], views[1::2]

    def views_of(self, buffer: torch.Tensor) -> list[torch.Tensor]:
        """Views of a ``(P,)`` buffer shaped like :meth:`parameters`, in that order.

        Examples
        --------
        Laid over ``flat`` the views are the parameters themselves; over another buffer (the
        trainer's gradient) they cut it in the same places: the first bias is elements 12–17,
        after the first weight's 2 · 2 · 3:

        >>> net = BatchedDenseMLP(2, 2, 2, [3, 1], [0, 1])
        >>> all(torch.equal(v, p) for v, p in zip(net.views_of(net.flat.detach()),
        ...                                       net.parameters()))
        True
        >>> net.views_of(torch.arange(float(net.flat.numel())))[1].flatten().tolist()
        [12.0, 13.0, 14.0, 15.0, 16.0, 17.0]
        """
        return flat_views(buffer, [p.shape for p in self.parameters()])

    def parameters(self) -> list[torch.Tensor]:
        """Weight then bias, layer by layer: leaf views of ``flat``.

        Examples
        --------
        Two inputs, depth 2, widths 3 and 1 (padded to 3): hidden layer 2 reads 2 + 3 features,
        the head 2 + 3 + 3:

        >>> net = BatchedDenseMLP(2, 2, 2, [3, 1], [0, 1])
        >>> [tuple(p.shape) for p in net.parameters()]
        [(2, 2, 3), (2, 1, 3), (2, 5, 3), (2, 1, 3), (2, 8, 2), (2, 1, 2)]
        >>> sum(p.numel() for p in net.parameters()) == net.flat.numel() == 90
        True
        """
        return [t for pair in zip(self.weights, self.biases, strict=True) for t in pair]

    def layers(self) -> list[list[torch.Tensor]]:
        """Parameter tensors grouped by layer.

        Examples
        --------
        >>> net = BatchedDenseMLP(2, 2, 2, [3, 1], [0, 1])
        >>> [[tuple(t.shape) for t in g] for g in net.layers()]   # [W, b] per layer, head last
        [[(2, 2, 3), (2, 1, 3)], [(2, 5, 3), (2, 1, 3)], [(2, 8, 2), (2, 1, 2)]]
        """
        return [[w, b] for w, b in zip(self.weights, self.biases, strict=True)]

    def prepare(self, x: torch.Tensor) -> torch.Tensor:
        """Points ``(K, n, d_in)`` → the feature-major view ``(K, d_in, n)``.

        Examples
        --------
        >>> net = BatchedDenseMLP(2, 2, 1, [3, 1], [0, 1])
        >>> x = torch.zeros(2, 4, 2)   # K = 2, n = 4 points, d_in = 2
        >>> xt = net.prepare(x)
        >>> tuple(xt.shape), xt.data_ptr() == x.data_ptr()   # a view: no copy
        ((2, 2, 4), True)
        """
        return x.transpose(1, 2)  # (K, d_in, n)

    def step_flops(self, batch: int) -> int:
        """Matmul FLOPs of one training step (forward and both gradients), all members.

        Examples
        --------
        >>> BatchedDenseMLP(3, 2, 1, [4], [0]).step_flops(10)
        1560
        """
        macs = sum(w.shape[1] * w.shape[2] for w in self.weights)
        return 2 * batch * self.k * 3 * macs

    def forward_features(self, xt: torch.Tensor) -> torch.Tensor:
        """Inputs ``(K, d_in, n)`` → logits ``(K, V, n)``.

        Examples
        --------
        >>> net = BatchedDenseMLP(2, 2, 1, [3, 1], [0, 0])
        >>> alone = BatchedDenseMLP(2, 2, 1, [1], [0])
        >>> x = torch.randn(1, 2, 4)
        >>> torch.allclose(net.forward_features(x.expand(2, 2, 4))[1],
        ...                alone.forward_features(x)[0])   # padding changes nothing
        True
        """
        feats = xt  # (K, d_in + l·H, n)
        for layer in range(self.depth):
            w, b = self.weights[layer], self.biases[layer]
            h = self.act(torch.baddbmm(b.transpose(1, 2), w.transpose(1, 2), feats))  # (K, H, n)
            if self.padded:
                h = h * self.mask
            feats = torch.cat([feats, h], dim=1)  # (K, d_in + (l+1)·H, n)
        w, b = self.weights[-1], self.biases[-1]
        return torch.baddbmm(b.transpose(1, 2), w.transpose(1, 2), feats)  # (K, V, n)

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        """Logits ``(K, n, V)`` for points ``(K, n, d_in)``."""
        return self.forward_features(self.prepare(x)).transpose(1, 2)  # (K, n, V)
