"""A small decoder-only GPT-style transformer, alone and as K members of one batched model.

**The model** (GPT-2 as nanoGPT writes it, without dropout): a token embedding W_e (V × D) and
learned positions W_p (T × D); ``depth`` pre-LayerNorm blocks ``x += proj(attn(LN₁(x)))``,
``x += out(act(fc(LN₂(x))))`` with ``heads`` causal heads of D/heads dimensions and an MLP
D → r·D → D (``activation``, GPT-2's is gelu); a final LayerNorm and the unembedding tied to
the token embedding (logits = LN(x)·W_eᵀ, no bias). Initialisation as nanoGPT: every linear
weight and both embeddings N(0, 0.02²), the two residual projections of each block (``proj``,
``out``) N(0, (0.02/√(2·depth))²), biases 0, LayerNorm weights 1. Parameter count:
:func:`empirical.engine.parameters.count_transformer_parameters`.

**The lone model** is :class:`ReferenceGPT` (``nn.Module``: ``nn.Embedding``, ``nn.LayerNorm``,
``nn.Linear``, :func:`torch.nn.functional.scaled_dot_product_attention`), built by
:func:`reference_gpt` under ``torch.manual_seed(init_seed)``.

**The ensemble** :class:`BatchedGPT` holds K members' parameters stacked along a leading member
axis, as views of one flat buffer (the trainer's optimiser steps them as one tensor, as for the
MLP ensemble), each member copied from its :func:`reference_gpt`, so member k starts exactly
where the lone model with init seed k starts. Two forward implementations, the same function:

* ``impl="bmm"`` (default): every linear layer is one ``torch.baddbmm`` over the member axis on
  ``(K, n·T, features)`` activations; attention runs on ``(K·n, heads, T, D/heads)`` as
  matmul–mask–softmax–matmul (on the CPU 1.5× faster here than
  ``scaled_dot_product_attention``'s backward for these tiny heads); the logits come out
  class-major ``(K, V, n·T)``, the layout the trainer's loss reads;
* ``impl="vmap"``: :func:`torch.func.vmap` over :func:`torch.func.functional_call` of the
  reference module (with the attention written as matmul–mask–softmax–matmul, because
  ``scaled_dot_product_attention`` has no batching rule on the CPU and falls back to a loop).

docs/benchmarks.md times both against a plain loop over K ``nn.Module`` s; ``bmm`` is the
default because it was the faster (see there). The loss is summed over members and every
member's parameters are its own slices, so each member's gradient — and, with the per-element
optimisers of :mod:`empirical.engine.optim`, its update — is the lone model's, up to the order
of floating-point sums (tested against the loop).

A point is a sequence: inputs are the context tokens ``(K, n, T)`` (a sequence of S = T + 1
tokens minus its last), the labels the next tokens ``(K, n, T)``, flattened to ``(K, n·T)``.

References
----------
A. Radford et al., "Language models are unsupervised multitask learners" (GPT-2, 2019);
A. Karpathy, nanoGPT (``model.py``: the block, the initialisation). J. X. Morris et al., "How
much do language models memorize?" (2025): GPT-style models on uniformly random tokens.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from capacity.errors import UsageError
from empirical.engine.ensemble import (
    activation_fn,
    flat_views,
    flatten_parameters,
    float32_build,
    member_lists,
    seeded_cpu_rng,
)

__all__ = ["BatchedGPT", "IMPLEMENTATIONS", "ReferenceGPT", "reference_gpt", "transformer_flops"]

IMPLEMENTATIONS = ("bmm", "vmap")

#: LayerNorm ε (nn.LayerNorm's default).
LN_EPS = 1e-5


def _attention(q, k, v, explicit: bool = False, causal: bool = True) -> torch.Tensor:
    """Softmax attention (causal: each position reads itself and earlier ones) on
    ``(..., T, h)`` queries, keys and values."""
    if not explicit:
        return F.scaled_dot_product_attention(q, k, v, is_causal=causal)
    t = q.shape[-2]
    scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])  # (..., T, T)
    if causal:
        future = torch.ones(t, t, dtype=torch.bool, device=q.device).triu(1)  # (T, T)
        scores = scores.masked_fill(future, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v


class _Block(nn.Module):
    def __init__(self, width: int, heads: int, mlp_ratio: int, activation: str, bias: bool,
                 explicit: bool, causal: bool):
        super().__init__()
        self.heads, self.act, self.explicit = heads, activation_fn(activation), explicit
        self.causal = causal
        self.ln1 = nn.LayerNorm(width, eps=LN_EPS, bias=bias)
        self.qkv = nn.Linear(width, 3 * width, bias=bias)
        self.proj = nn.Linear(width, width, bias=bias)
        self.ln2 = nn.LayerNorm(width, eps=LN_EPS, bias=bias)
        self.fc = nn.Linear(width, mlp_ratio * width, bias=bias)
        self.out = nn.Linear(mlp_ratio * width, width, bias=bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (B, T, D)
        b, t, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d, dim=2)  # (B, T, D) each
        q, k, v = (z.view(b, t, self.heads, d // self.heads).transpose(1, 2)
                   for z in (q, k, v))  # (B, H, T, D/H)
        y = _attention(q, k, v, self.explicit, self.causal).transpose(1, 2).reshape(b, t, d)
        x = x + self.proj(y)  # (B, T, D)
        return x + self.out(self.act(self.fc(self.ln2(x))))  # (B, T, D)


class ReferenceGPT(nn.Module):
    """The lone transformer (see the module notes): tokens ``(B, T)`` → logits ``(B, T, V)``.

    With ``d_in`` > 0 it is Kim et al.'s sequence-to-sequence model instead: d-dimensional
    tokens ``(B, T, d)`` enter through a linear projection ``win`` (d → D), attention is
    bidirectional (every token reads the whole sequence) and an untied linear ``head`` (D → V)
    gives a label per token.

    Examples
    --------
    >>> net = reference_gpt(16, 8, 8, 1, heads=2)
    >>> net(torch.zeros(3, 8, dtype=torch.long)).shape
    torch.Size([3, 8, 16])
    >>> sum(p.numel() for p in net.parameters())  # count_transformer_parameters(16, 8, 8, 1)
    1080
    """

    def __init__(self, vocab: int, context: int, width: int, depth: int, heads: int = 1,
                 mlp_ratio: int = 4, activation: str = "gelu", bias: bool = True,
                 explicit_attention: bool = False, d_in: int = 0):
        super().__init__()
        if width % heads:
            raise UsageError(f"width {width} is not a multiple of heads {heads}")
        self.d_in = d_in
        if d_in:
            self.win = nn.Linear(d_in, width, bias=bias)
        else:
            self.wte = nn.Embedding(vocab, width)
        self.wpe = nn.Embedding(context, width)
        self.blocks = nn.ModuleList(_Block(width, heads, mlp_ratio, activation, bias,
                                           explicit_attention, not d_in) for _ in range(depth))
        self.lnf = nn.LayerNorm(width, eps=LN_EPS, bias=bias)
        if d_in:
            self.head = nn.Linear(width, vocab, bias=bias)
        for name, p in self.named_parameters():  # nanoGPT's initialisation, in this order
            if name.endswith(("proj.weight", "out.weight")):
                nn.init.normal_(p, 0.0, 0.02 / math.sqrt(2 * depth))
            elif p.dim() == 2:
                nn.init.normal_(p, 0.0, 0.02)
            elif name.endswith("bias"):
                nn.init.zeros_(p)
            else:
                nn.init.ones_(p)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        """Logits ``(B, T, V)`` of tokens ``(B, T)`` (ids), or of ``(B, T, d)`` vectors when
        ``d_in`` > 0.

        Examples
        --------
        Next-token logits are causal: changing the last two tokens leaves the logits at the
        first two positions as they were. The sequence-to-sequence model reads vectors:

        >>> net = reference_gpt(8, 4, 4, 1)   # V = 8, T = 4, D = 4
        >>> a, b = net(torch.tensor([[1, 2, 3, 4]])), net(torch.tensor([[1, 2, 7, 0]]))
        >>> a.shape, torch.allclose(a[:, :2], b[:, :2]), torch.allclose(a[:, 2:], b[:, 2:])
        (torch.Size([1, 4, 8]), True, False)
        >>> reference_gpt(5, 4, 4, 1, d_in=3)(torch.zeros(2, 4, 3)).shape
        torch.Size([2, 4, 5])
        """
        embed = self.win(tokens) if self.d_in else self.wte(tokens)  # (B, T, D)
        x = embed + self.wpe.weight[:tokens.shape[1]]  # (B, T, D)
        for block in self.blocks:
            x = block(x)
        if self.d_in:
            return self.head(self.lnf(x))  # (B, T, V)
        return self.lnf(x) @ self.wte.weight.T  # (B, T, V)


def reference_gpt(vocab: int, context: int, width: int, depth: int, heads: int = 1,
                  mlp_ratio: int = 4, activation: str = "gelu", bias: bool = True,
                  init_seed: int = 0, dtype: torch.dtype = torch.float32,
                  explicit_attention: bool = False, d_in: int = 0) -> ReferenceGPT:
    """The lone transformer, built (float32, then cast to ``dtype``) with the CPU generator
    seeded as ``torch.manual_seed(init_seed)`` seeds it (``seeded_cpu_rng``); the global RNG is
    left alone.

    Parameters
    ----------
    vocab : int
        Vocabulary size V (outputs per token).
    context : int
        Context length T (positions).
    width : int
        Embedding width D; must be a multiple of ``heads``.
    depth : int
        Transformer blocks.
    heads : int, default 1
        Attention heads per block.
    mlp_ratio : int, default 4
        Hidden width of each block's MLP, in multiples of D.
    activation : str, default "gelu"
        The MLP's activation (:func:`~empirical.engine.ensemble.activation_fn` names).
    bias : bool, default True
        Whether the linear layers have biases.
    init_seed : int, default 0
        Seed of the initialisation.
    dtype : torch.dtype, default torch.float32
        dtype the built network is cast to.
    explicit_attention : bool, default False
        Compute attention with explicit softmax of the scores instead of
        ``scaled_dot_product_attention``.
    d_in : int, default 0
        > 0: the sequence-to-sequence model on d-dimensional tokens (see :class:`ReferenceGPT`).

    Returns
    -------
    ReferenceGPT
        The transformer.

    Examples
    --------
    >>> a, b = reference_gpt(8, 4, 4, 1, init_seed=3), reference_gpt(8, 4, 4, 1, init_seed=3)
    >>> all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    True
    """
    with seeded_cpu_rng(init_seed), float32_build():
        net = ReferenceGPT(vocab, context, width, depth, heads, mlp_ratio, activation, bias,
                           explicit_attention, d_in)
    return net.to(dtype)


def transformer_flops(tokens: int, vocab: int, context: int, width: int, depth: int,
                      mlp_ratio: int = 4) -> int:
    """Matmul FLOPs of one training step (forward and backward, ≈ 3× the forward) on
    ``tokens`` predicted tokens: per token 2·(4 + 2r)·D² per block for the linear layers,
    2·2·T·D per block for the attention scores and their use (full T × T, as computed), and
    2·D·V for the tied unembedding.

    Parameters
    ----------
    tokens : int
        Predicted tokens of the step.
    vocab : int
        Vocabulary size V.
    context : int
        Context length T.
    width : int
        Embedding width D.
    depth : int
        Transformer blocks.
    mlp_ratio : int, default 4
        MLP width ratio r.

    Returns
    -------
    int
        The FLOPs.

    Examples
    --------
    >>> transformer_flops(1, 16, 8, 8, 1)  # 3 · (2·12·64 + 4·8·8 + 2·8·16)
    6144
    """
    d, t = int(width), int(context)
    per_token = depth * (2 * (4 + 2 * mlp_ratio) * d * d + 4 * t * d) + 2 * d * vocab
    return 3 * tokens * per_token


class BatchedGPT:
    """K transformers of one shape held as stacked tensors (see the module notes).

    Parameters
    ----------
    vocab, context : int
        Vocabulary V (= the classes of the head) and context length T.
    depth : int
        Blocks.
    widths : sequence of int
        Model width D of each member (K = len(widths)); all equal.
    init_seeds : sequence of int
        Init seed of each member.
    heads, mlp_ratio, activation, bias
        As :class:`ReferenceGPT`.
    dtype, device
        Parameter dtype and device.
    impl : {"bmm", "vmap"}
        Forward implementation (same function; see the module notes).
    d_in : int
        0: next-token model on token ids; > 0: sequence-to-sequence model on d-dimensional
        tokens (:class:`ReferenceGPT`).

    Attributes
    ----------
    names : list of str
        Parameter names, in ``ReferenceGPT.named_parameters()`` order.
    params : dict of str to torch.Tensor
        ``(K, *shape)`` stacked parameters (reference layouts): leaf views of ``flat``.
    flat : torch.Tensor
        ``(P,)`` every parameter (what the trainer's optimiser steps).

    Examples
    --------
    >>> net = BatchedGPT(16, 8, 1, [8, 8], [0, 1], heads=2)
    >>> net.flat.shape  # 2 members × 1080 parameters
    torch.Size([2160])
    >>> net.forward_features(torch.zeros(2, 3, 8, dtype=torch.long)).shape  # (K, V, n·T)
    torch.Size([2, 16, 24])
    """

    def __init__(self, vocab: int, context: int, depth: int, widths, init_seeds, heads: int = 1,
                 mlp_ratio: int = 4, activation: str = "gelu", bias: bool = True,
                 dtype: torch.dtype = torch.float32, device: str | torch.device = "cpu",
                 impl: str = "bmm", d_in: int = 0):
        widths, init_seeds = member_lists(widths, init_seeds)
        if len(set(widths)) > 1:
            raise UsageError("transformer ensemble members share one width; got "
                             f"{sorted(set(widths))}")
        if impl not in IMPLEMENTATIONS:
            raise UsageError(f"unknown transformer implementation {impl!r}; choose "
                             f"{' or '.join(IMPLEMENTATIONS)}")
        self.k, self.classes, self.context, self.depth = len(widths), vocab, context, depth
        self.width, self.heads, self.mlp_ratio, self.bias = widths[0], heads, mlp_ratio, bias
        self.widths, self.init_seeds, self.impl = widths, init_seeds, impl
        self.activation, self.act = activation, activation_fn(activation)
        self.d_in = d_in
        self.config = dict(vocab=vocab, context=context, width=self.width, depth=depth,
                           heads=heads, mlp_ratio=mlp_ratio, activation=activation, bias=bias,
                           d_in=d_in)
        refs = [reference_gpt(**self.config, init_seed=s) for s in init_seeds]
        named = [dict(r.named_parameters()) for r in refs]
        self.names = list(named[0])
        stacked = [torch.stack([m[name].detach() for m in named]).to(dtype=dtype, device=device)
                   for name in self.names]  # (K, *shape) each
        self.flat, views = flatten_parameters(stacked)
        self.params = dict(zip(self.names, views, strict=True))
        self._meta = None  # the reference module on the meta device (impl="vmap")

    # --- the trainer's model protocol --------------------------------------------------------

    def parameters(self) -> list[torch.Tensor]:
        """All parameter tensors ``(K, *shape)``, in :attr:`names` order: leaf views of
        ``flat``.

        Examples
        --------
        Two members of a one-block model (V = 8, T = 4, D = 4): 16 tensors, 300 parameters
        each, as the lone model has:

        >>> net = BatchedGPT(8, 4, 1, [4, 4], [0, 1])
        >>> ps = net.parameters()
        >>> len(ps), net.names[:2], [tuple(p.shape) for p in ps[:2]]
        (16, ['wte.weight', 'wpe.weight'], [(2, 8, 4), (2, 4, 4)])
        >>> sum(p.numel() for p in ps) == net.flat.numel() == 2 * 300
        True
        >>> sum(p.numel() for p in reference_gpt(8, 4, 4, 1).parameters())
        300
        """
        return list(self.params.values())

    def views_of(self, buffer: torch.Tensor) -> list[torch.Tensor]:
        """Views of a ``(P,)`` buffer shaped like :meth:`parameters`, in that order.

        Examples
        --------
        >>> net = BatchedGPT(8, 4, 1, [4], [0])
        >>> grad = torch.zeros(net.flat.numel())   # a gradient buffer laid out like flat
        >>> [tuple(v.shape) for v in net.views_of(grad)[:3]]
        [(1, 8, 4), (1, 4, 4), (1, 4)]
        >>> all(torch.equal(v, p) for v, p in zip(net.views_of(net.flat.detach()),
        ...                                       net.parameters()))
        True
        """
        return flat_views(buffer, [p.shape for p in self.parameters()])

    def layers(self) -> list[list[torch.Tensor]]:
        """Parameters grouped for the per-layer ℓ2: the embeddings, each block, the final
        LayerNorm (and a seq2seq model's head): ``depth + 2`` groups.

        Examples
        --------
        >>> [len(g) for g in BatchedGPT(8, 4, 2, [4], [0]).layers()]
        [2, 12, 12, 2]
        """
        groups: list[list[torch.Tensor]] = [[], *([] for _ in range(self.depth)), []]
        for name, p in self.params.items():
            if name.startswith("blocks."):
                groups[1 + int(name.split(".")[1])].append(p)
            else:
                groups[-1 if name.startswith(("lnf", "head")) else 0].append(p)
        return groups

    def prepare(self, x: torch.Tensor) -> torch.Tensor:
        """The model's input layout: context tokens ``(K, n, T)`` (or ``(K, n, T, d)``) as
        they are.

        Examples
        --------
        >>> net = BatchedGPT(8, 4, 1, [4, 4], [0, 1])
        >>> tokens = torch.zeros(2, 3, 4, dtype=torch.long)   # K = 2, n = 3 sequences, T = 4
        >>> net.prepare(tokens) is tokens
        True
        >>> net.forward_features(net.prepare(tokens)).shape   # (K, V, n·T)
        torch.Size([2, 8, 12])
        >>> net.prepare(tokens + 8)   # a token id of V or more would read the next member's rows
        Traceback (most recent call last):
        ...
        ValueError: token ids must lie in 0..7 (the vocabulary), got 8..8
        """
        # the members share one embedding table (tokens + k·V): an id of V or more silently
        # read the next member's rows, where ReferenceGPT raises (2026-12-05 transformer
        # review); checked here, once per full batch, not at every forward
        if not x.is_floating_point() and x.numel():
            lo, hi = (int(v) for v in torch.aminmax(x))  # one pass
            if lo < 0 or hi >= self.classes:
                raise ValueError(f"token ids must lie in 0..{self.classes - 1} (the vocabulary), "
                                 f"got {lo}..{hi}")
        return x

    def step_flops(self, batch: int) -> int:
        """Matmul FLOPs of one training step on ``batch`` sequences, all K members
        (:func:`transformer_flops`; a seq2seq model's untied head counts as the tied
        unembedding, 2·D·V a token, and its input projection, 3·2·d_in·D a token, is not
        counted: about 3 % at d_in = 4, D = 8).

        Examples
        --------
        >>> BatchedGPT(16, 8, 1, [8], [0]).step_flops(1)  # 8 predicted tokens
        49152
        """
        return self.k * transformer_flops(batch * self.context, self.classes, self.context,
                                          self.width, self.depth, self.mlp_ratio)

    def forward_features(self, tokens: torch.Tensor) -> torch.Tensor:
        """Class-major logits ``(K, V, n·T)`` of context tokens ``(K, n, T)``; position t of
        sequence i is column ``i·T + t``.

        Examples
        --------
        >>> net = BatchedGPT(16, 8, 1, [8, 8], [0, 1], heads=2)
        >>> tok = torch.randint(0, 16, (2, 3, 8))
        >>> ref = reference_gpt(16, 8, 8, 1, heads=2, init_seed=1)(tok[1])  # (3, 8, V)
        >>> torch.allclose(net.forward_features(tok)[1], ref.reshape(24, 16).T, atol=1e-6)
        True
        """
        if self.impl == "vmap":
            return self._forward_vmap(tokens)
        return self._forward_bmm(tokens)

    # --- forward implementations -------------------------------------------------------------

    def _ln(self, x: torch.Tensor, prefix: str) -> torch.Tensor:
        """LayerNorm over the features of ``(K, m, D)`` with each member's weight and bias."""
        p = self.params
        h = F.layer_norm(x, (self.width,), eps=LN_EPS) * p[prefix + ".weight"][:, None]
        return h + p[prefix + ".bias"][:, None] if self.bias else h  # (K, m, D)

    def _linear(self, x: torch.Tensor, prefix: str) -> torch.Tensor:
        """``x W_kᵀ + b_k`` for ``x (K, m, in)`` and the stored ``(K, out, in)`` weights."""
        w = self.params[prefix + ".weight"].transpose(1, 2)  # (K, in, out) view
        if self.bias:
            return torch.baddbmm(self.params[prefix + ".bias"][:, None], x, w)  # (K, m, out)
        return torch.bmm(x, w)  # (K, m, out)

    def _forward_bmm(self, tokens: torch.Tensor) -> torch.Tensor:
        k, n, t = tokens.shape[:3]
        d, h, v = self.width, self.heads, self.classes
        if self.d_in:  # d-dimensional tokens (K, n, T, d_in) through the input projection
            x = self._linear(tokens.reshape(k, n * t, self.d_in), "win").view(k, n, t, d)
        else:
            wte = self.params["wte.weight"]  # (K, V, D)
            offset = (torch.arange(k, device=tokens.device) * v)[:, None, None]  # (K, 1, 1)
            x = F.embedding(tokens + offset, wte.reshape(k * v, d))  # (K, n, T, D)
        x = (x + self.params["wpe.weight"][:, None, :t]).reshape(k, n * t, d)  # (K, nT, D)
        for i in range(self.depth):
            b = f"blocks.{i}."
            qkv = self._linear(self._ln(x, b + "ln1"), b + "qkv")  # (K, nT, 3D)
            q, key, val = (qkv.view(k * n, t, 3, h, d // h).permute(2, 0, 3, 1, 4)
                           .unbind(0))  # (Kn, H, T, D/H) each
            y = _attention(q, key, val, explicit=True, causal=not self.d_in).transpose(
                1, 2).reshape(k, n * t, d)  # matmul-mask-softmax: faster here than SDPA
            x = x + self._linear(y, b + "proj")  # (K, nT, D)
            z = self.act(self._linear(self._ln(x, b + "ln2"), b + "fc"))  # (K, nT, rD)
            x = x + self._linear(z, b + "out")  # (K, nT, D)
        h_t = self._ln(x, "lnf").transpose(1, 2)  # (K, D, nT)
        if not self.d_in:
            return torch.bmm(wte, h_t)  # (K, V, nT), the tied unembedding
        w = self.params["head.weight"]  # (K, V, D)
        if self.bias:
            return torch.baddbmm(self.params["head.bias"][:, :, None], w, h_t)  # (K, V, nT)
        return torch.bmm(w, h_t)  # (K, V, nT)

    def _forward_vmap(self, tokens: torch.Tensor) -> torch.Tensor:
        from torch.func import functional_call, vmap

        if self._meta is None:
            self._meta = ReferenceGPT(**self.config, explicit_attention=True).to("meta")
        k, n, t = tokens.shape[:3]

        def one(params, tok):
            return functional_call(self._meta, params, (tok,))  # (n, T, V)

        logits = vmap(one)(self.params, tokens)  # (K, n, T, V)
        return logits.reshape(k, n * t, self.classes).transpose(1, 2)  # (K, V, nT)

    def member_state(self, k: int) -> list[torch.Tensor]:
        """Member k's parameters in ``ReferenceGPT.parameters()`` order and shapes.

        Examples
        --------
        >>> net = BatchedGPT(8, 4, 1, [4, 4], [5, 6])
        >>> ref = reference_gpt(8, 4, 4, 1, init_seed=6)
        >>> all(torch.equal(a, b) for a, b in zip(net.member_state(1), ref.parameters()))
        True
        """
        return [p[k].detach().clone() for p in self.parameters()]
