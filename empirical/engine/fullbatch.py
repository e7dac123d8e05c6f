"""The trainer's hand-written full-batch step (ReLU or identity activations), in column chunks.

One training step on the whole training set without autograd: a forward pass under
``torch.no_grad`` that keeps what the backward needs (each layer's input and activation
output), then the gradients autograd would form for ``Σ_k [active_k]·ℓ_k``, op for op — the
mean's ``(−1)/n``, the one-hot product, ``aten::_log_softmax_backward_data``, then per layer
``A Gᵀ`` written straight into the flat gradient buffer, the bias sum, ``W G`` and
``aten::threshold_backward`` — with no graph, no Python ``Function`` nodes, no gradient
accumulation into zeroed buffers, and no width mask (below: it would change no bit).

**Column chunks (CPU).** Activations are feature-major ``(K, features, n)``, so a chunk of
points is a slice of columns. With many points the step runs chunk by chunk: each chunk's
forward pass, loss and backward follow one another while its activations are still in the
CPU cache, and the weight and bias gradients are accumulated over chunks (``baddbmm_``,
``add_``). :func:`chunk_columns` sizes a chunk so that one layer's activations of all members
take about :data:`CHUNK_BYTES`, but never fewer than :data:`MIN_CHUNK_COLUMNS` points (narrower
GEMMs lose more to per-call overhead than the cache saves). On the ``l2-blog`` model with
25 600 points (5 chunks of 5 120) the step went from ≈ 43 to 37–40 ms at one thread, and
for 10 such members on 25 600 points each (25 chunks of 1 024) 1.6× faster
(docs/empirical.md, docs/benchmarks.md). With a single chunk — every run below 2 048 points,
and every run on CUDA, where chunks would only add kernel launches — the arithmetic is exactly
autograd's, bit for bit (tested); with several chunks only the order of the sums over points
changes. The input gradient ``W G`` is :func:`~empirical.engine.ensemble.input_gradient` here
and in the autograd path alike (for a large float32 two-class head ``W₀G₀ + W₁G₁`` with one fused
multiply-add per element instead of a ``bmm`` with an inner dimension of 2; tested against
autograd at such a shape).

**Padded first layer (one float32 model, short inputs).** The first layer's product has the
inputs as its inner dimension; for one model with fewer than 16 inputs (the ``l2-blog`` model
has 9) MKL runs it at a third of the peak. :func:`padded_inputs` decides when the forward
instead multiplies the inputs padded with zero rows to 16 by the weights padded with zero
columns (copied into a buffer every step): 0.5–0.96x the time (283 → 172 µs per 5 120-point
chunk of the l2-blog model, docs/benchmarks.md). The products with the padding are exact
zeros, but MKL may still group the sums differently, so the padding is confined to where the
padded product was found equal to the unpadded one bit for bit: one float32 model, chunks of
at least :data:`MIN_CHUNK_COLUMNS` points (a short last chunk keeps the unpadded product) and
one thread (checked at every step). There it matched in all of 500 random shapes (1–15
inputs, 1–200 units, 1 000–6 000 points) and in 700 random whole steps, but not always: a
property test later found one step (15 inputs, 3 units, 1 535 points in chunks of 1 489 and 46)
whose gradients differ in the last bits (6e-11), so the padding is a float32 regrouping, bit for
bit at the l2-blog shapes (tested); outside the rule differences were seen more often (a 1- or
2-point chunk; 4 of 500 shapes at two threads; 12 of 286 float64 shapes). The weight gradient
keeps the unpadded inputs.

**No width masks.** A padded unit's incoming and outgoing weights and bias are exactly zero
and stay so (:class:`~empirical.engine.ensemble.BatchedMLP`), so its pre-activation, its
activation (ReLU or identity) and its input gradient are ±0 (NaN only where a diverged member's
inputs are not finite). Multiplying a ±0 or NaN by the mask's +0 returns it unchanged, sign
included, so the mask multiplications of the autograd path would change no bit here; this step
leaves them out (two passes over the activations per hidden layer).

**Members that stop at this step.** Whether a member stops (its loss is not finite, or with
early stopping it is correct on every point) is known only after the last chunk, but each
chunk's backward runs before that, so the step forms the gradients of every member that was
active when it started. For a member that stops at this step that gradient reaches only its
own optimiser state: the trainer restores its parameters after the update, and it never moves
again — the same parameters as with autograd's gradient of ``Σ_k [active_k]·ℓ_k`` over the
mask after the step (tested, with a diverging member and with early stopping).
"""

from __future__ import annotations

import torch

from capacity.errors import UsageError
from empirical.engine.ensemble import BatchedMLP, input_gradient
from empirical.engine.observables import correct_count

__all__ = ["CHUNK_BYTES", "FullBatchStep", "MANUAL_ACTIVATIONS", "MIN_CHUNK_COLUMNS",
           "PAD_INPUTS", "chunk_columns", "even_chunks", "padded_inputs"]

#: Activations whose backward :class:`FullBatchStep` writes by hand (others use autograd).
MANUAL_ACTIVATIONS = ("relu", "identity")

#: Target size of one layer's activations (all members) in one column chunk, small enough for a
#: chunk's forward and backward to find their operands in cache (chosen by measurement: chunks
#: of 1 024–8 192 l2-blog points did equally well, the whole 25 600 clearly worse).
CHUNK_BYTES = 2**21

#: No chunk is narrower than this many points.
MIN_CHUNK_COLUMNS = 1024


#: The first layer's inputs are padded with zero rows up to a multiple of this many.
PAD_INPUTS = 16


def padded_inputs(d_in: int, xt: torch.Tensor, columns: int) -> int:
    """Rows of the zero-padded first-layer inputs, or 0 for no padding (module notes).

    Padding is used for one float32 model on the CPU with fewer than :data:`PAD_INPUTS` inputs
    and chunks of at least :data:`MIN_CHUNK_COLUMNS` points (``xt (K, d_in, n)``, ``columns``
    points a chunk): there MKL's product with a short inner dimension such as 9 runs at a
    third of the peak, and padded to 16 it takes 0.5–0.96x the time (measured for d_in = 2..12
    at 1 024 and 5 120 points). For ensembles and short chunks the measured ratio ranged from
    0.35 to 4.6 with no simple rule, so they are not padded.

    Parameters
    ----------
    d_in : int
        Inputs of the first layer.
    xt : torch.Tensor
        Transposed inputs ``(K, d_in, n)``; its dtype, device and K decide.
    columns : int
        Points per chunk.

    Returns
    -------
    int
        :data:`PAD_INPUTS` where padding pays, else 0.

    Examples
    --------
    >>> padded_inputs(9, torch.zeros(1, 9, 5120), 5120)  # the l2-blog model's 9 inputs
    16
    >>> padded_inputs(9, torch.zeros(64, 9, 256), 256)  # an ensemble: not padded
    0
    >>> padded_inputs(9, torch.zeros(1, 9, 5120, dtype=torch.float64), 5120)  # float64: no
    0
    """
    if (xt.dtype != torch.float32 or xt.device.type != "cpu" or xt.shape[0] != 1
            or d_in >= PAD_INPUTS or columns < MIN_CHUNK_COLUMNS):
        return 0
    return PAD_INPUTS


def chunk_columns(k: int, width: int, n: int, itemsize: int = 4) -> int:
    """Points per column chunk for ``k`` members whose widest layer has ``width`` units.

    The number of chunks is the activations' size over :data:`CHUNK_BYTES`, rounded up, but at
    most ``n // MIN_CHUNK_COLUMNS``; the chunks are then as equal as possible.

    Parameters
    ----------
    k : int
        Ensemble members.
    width : int
        Units of the widest layer.
    n : int
        Points of the full batch.
    itemsize : int, default 4
        Bytes per activation element (4 for float32).

    Returns
    -------
    int
        Points per chunk (``n`` when one chunk suffices).

    Examples
    --------
    >>> chunk_columns(1, 100, 25600)  # the l2-blog model on 25 600 points: 5 chunks
    5120
    >>> chunk_columns(64, 33, 256)  # 64 small members on 256 points: one chunk
    256
    >>> chunk_columns(64, 100, 25600)  # large ensembles: chunks of at least 1 024 points
    1024
    """
    chunks = -(-k * width * n * itemsize // CHUNK_BYTES)
    chunks = max(1, min(chunks, n // MIN_CHUNK_COLUMNS))
    return -(-n // chunks)


def even_chunks(n: int, columns: int) -> list[int]:
    """Where the chunks of ``n`` points start (and ``n`` last): as few chunks as chunks of at
    most ``columns`` points allow, as equal as possible — the first ``n mod chunks`` one point
    longer than the rest. With ``columns`` from :func:`chunk_columns` no chunk is then narrower
    than :data:`MIN_CHUNK_COLUMNS` (unless ``n`` is). Cutting at every ``columns`` points left
    the remainder to the last chunk: 1 021 of 5 121 points in chunks of 1 025 (2026-12-07
    audit).

    Examples
    --------
    >>> even_chunks(5121, 1025)   # chunks of 1 025, 1 024, 1 024, 1 024 and 1 024 points
    [0, 1025, 2049, 3073, 4097, 5121]
    >>> even_chunks(25600, 5120)  # the l2-blog model's 5 chunks of 5 120
    [0, 5120, 10240, 15360, 20480, 25600]
    """
    if n <= 0:
        return [0]
    count = -(-n // columns)
    small, longer = divmod(n, count)
    return [i * small + min(i, longer) for i in range(count + 1)]


class FullBatchStep:
    """Forward pass, loss and gradients of one full-batch step, written into ``grads``.

    Parameters
    ----------
    net : BatchedMLP
        The ensemble (activation in :data:`MANUAL_ACTIVATIONS`).
    xt : torch.Tensor
        ``(K, d_in, n)`` feature-major training inputs.
    onehot : torch.Tensor
        ``(K, V, n)`` one-hot labels in the parameters' dtype.
    grads : list of torch.Tensor
        Gradient buffers in :meth:`BatchedMLP.parameters` order (views of the flat buffer the
        optimiser reads), overwritten at every step.
    columns : int, optional
        Points per chunk, the last chunk taking the rest (a hook for tests); default
        :func:`chunk_columns`' chunks on the CPU, as equal as possible (:func:`even_chunks`),
        and all points on other devices.

    Examples
    --------
    >>> net = BatchedMLP(3, 2, 1, [4, 4], [0, 1])
    >>> grads = [torch.empty_like(p) for p in net.parameters()]
    >>> xt, y = torch.randn(2, 3, 10), torch.randint(0, 2, (2, 10))
    >>> onehot = torch.nn.functional.one_hot(y, 2).transpose(1, 2).float()  # (K, V, n)
    >>> step = FullBatchStep(net, xt, onehot, grads, columns=4)  # chunks of 4, 4 and 2 points
    >>> loss, correct = step(torch.tensor([True, True]), y)  # gradients now in grads
    >>> ref = torch.nn.functional.cross_entropy(net(xt.transpose(1, 2))[0], y[0])
    >>> torch.allclose(loss[0], ref), bool((correct <= 10).all())
    (True, True)
    """

    def __init__(self, net: BatchedMLP, xt: torch.Tensor, onehot: torch.Tensor,
                 grads: list[torch.Tensor], columns: int | None = None):
        if net.activation not in MANUAL_ACTIVATIONS:
            raise UsageError(f"no hand-written backward for activation {net.activation!r}")
        self.net, self.xt, self.onehot, self.grads = net, xt, onehot, grads
        n = xt.shape[2]
        if columns is None:
            widest = max([net.d_in, net.classes] + net.widths)
            starts = even_chunks(n, chunk_columns(net.k, widest, n, xt.element_size())
                                 if xt.device.type == "cpu" else n)
        else:
            width = max(1, min(int(columns), n))
            starts = [*range(0, n, width), n]
        self.columns = max((b - a for a, b in zip(starts, starts[1:], strict=False)),
                           default=1)  # the widest chunk
        # views made once (the parameters and gradients are updated in place, never re-homed):
        # each chunk's columns of the inputs, labels and label mask (the loss selects with it),
        # the transposed weights and biases, and the bias gradients as (K, out)
        is_label = onehot > 0  # (K, V, n), made once: the step compared it at every chunk
        self._chunks = [(slice(a, b), xt[:, :, a:b], onehot[:, :, a:b], is_label[:, :, a:b])
                        for a, b in zip(starts, starts[1:], strict=False)]
        self._wt = [w.transpose(1, 2) for w in net.weights]  # (K, out, in) each
        # the first layer's forward on inputs padded with zero rows (module notes)
        pad = padded_inputs(net.d_in, xt, self.columns)
        self._pad = None
        if pad:
            xp = torch.zeros(xt.shape[0], pad, n, dtype=xt.dtype, device=xt.device)
            xp[:, :net.d_in] = xt
            wp = torch.zeros(net.k, net.weights[0].shape[2], pad, dtype=xt.dtype,
                             device=xt.device)  # (K, out, pad), refreshed every step
            # a short last chunk (under MIN_CHUNK_COLUMNS points) keeps the unpadded product:
            # MKL rounds short products differently once padded (seen at 23 points)
            self._pad = (wp, [xp[:, :, cols] if cols.stop - cols.start >= MIN_CHUNK_COLUMNS
                              else None for cols, *_ in self._chunks])
        self._bt = [b.transpose(1, 2) for b in net.biases]  # (K, out, 1) each
        self._gw = grads[::2] if net.bias else list(grads)  # (K, in, out) each
        self._gb = [g.view(g.shape[0], g.shape[2]) for g in grads[1::2]] if net.bias else []

    def loss_weights(self, active: torch.Tensor) -> torch.Tensor:
        """``(K, 1, 1)`` −[active]/n: d(Σ active·mean loss)/d(Σ_i log p_i), the weights of a
        step's loss gradient (a caller may keep them while ``active`` does not change).

        Examples
        --------
        >>> net = BatchedMLP(3, 2, 1, [4, 4], [0, 1])
        >>> grads = [torch.empty_like(p) for p in net.parameters()]
        >>> onehot = torch.zeros(2, 2, 8)  # (K, V, n): n = 8 points
        >>> step = FullBatchStep(net, torch.randn(2, 3, 8), onehot, grads)
        >>> step.loss_weights(torch.tensor([True, False])).flatten().tolist()
        [-0.125, -0.0]
        """
        return (-active.to(self.onehot.dtype) / self.xt.shape[2])[:, None, None]

    @torch.no_grad()
    def __call__(self, active: torch.Tensor, y: torch.Tensor | None = None,
                 loss_weights: torch.Tensor | None = None, counted: torch.Tensor | None = None
                 ) -> tuple[torch.Tensor, torch.Tensor | None]:
        """One step: returns the per-member mean loss ``(K,)`` and, when the labels ``y (K, n)``
        are given (early stopping), the per-member count of correct points ``(K,)`` of this
        step's forward pass (of the points ``counted (K, n)`` allows, all when None); the
        gradients of the ``active (K,)`` members are in ``grads``. ``loss_weights`` is
        :meth:`loss_weights` of ``active`` (computed here when None)."""
        n = self.xt.shape[2]
        coef = self.loss_weights(active) if loss_weights is None else loss_weights  # (K, 1, 1)
        total = correct = None
        one = len(self._chunks) == 1
        pad = self._pad if self._pad and torch.get_num_threads() == 1 else None
        if pad:
            pad[0][:, :, :self.net.d_in] = self._wt[0]  # this step's first-layer weights
        for c, (cols, xt, onehot, is_label) in enumerate(self._chunks):  # (K, d_in|V, c)
            logits, saved = self._forward(xt, pad[1][c] if pad else None)  # (K, V, c)
            logp = torch.log_softmax(logits, dim=1)  # (K, V, c)
            # selected, not multiplied, as class_major_cross_entropy does: 0·(−inf) is NaN
            # where logits are ±3e38, and the member counted as diverged (2026-12-07 audit)
            part = torch.where(is_label, logp, 0.0).sum(dim=(1, 2))  # (K,) Σ over the chunk
            total = part if total is None else total.add_(part)
            if y is not None:
                yc, cc = ((y, counted) if one else
                          (y[:, cols], None if counted is None else counted[:, cols]))
                hits = correct_count(logits.transpose(1, 2), yc, cc)  # (K,)
                correct = hits if correct is None else correct.add_(hits)
            gz = torch._log_softmax_backward_data(coef * onehot, logp, 1, logp.dtype)  # (K, V, c)
            self._backward(saved, gz, accumulate=cols.start > 0)
        return -total / n, correct

    def _forward(self, h: torch.Tensor, padded: torch.Tensor | None = None):
        """Logits ``(K, V, c)`` of a chunk ``h (K, d_in, c)`` and, per layer, its input and
        (hidden layers) its activation output. ``padded``: the chunk with zero rows added, for
        the first layer's product (the saved input stays ``h``)."""
        net = self.net
        last = len(net.weights) - 1
        saved = []
        for i, wt in enumerate(self._wt):  # (K, out, in) each
            a, b = (self._pad[0], padded) if i == 0 and padded is not None else (wt, h)
            z = torch.baddbmm(self._bt[i], a, b) if net.bias else torch.bmm(a, b)  # (K, out, c)
            act = None
            if i < last:
                if net.activation == "relu":
                    z = torch.relu_(z)
                act = z  # padded units: exactly ±0 already, no mask (module notes)
            saved.append((h, act))
            h = z
        return h, saved

    def _backward(self, saved, gz: torch.Tensor, accumulate: bool) -> None:
        """Gradients of a chunk from ``gz (K, V, c)``, the loss gradient w.r.t. its logits,
        written into (or, for later chunks, added to) ``grads``."""
        net = self.net
        for i in range(len(net.weights) - 1, -1, -1):
            a, _ = saved[i]
            gw = self._gw[i]  # (K, in, out)
            if accumulate:
                gw.baddbmm_(a, gz.transpose(1, 2))
            else:
                torch.bmm(a, gz.transpose(1, 2), out=gw)
            if net.bias:
                gb = self._gb[i]  # (K, out)
                if accumulate:
                    gb.add_(gz.sum(dim=2))
                else:
                    torch.sum(gz, dim=2, out=gb)
            if i == 0:
                break
            da = input_gradient(net.weights[i], gz)  # (K, in, c), as the autograd path forms it
            _, act = saved[i - 1]  # padded units' da is ±0 (zero outgoing weights): no mask
            if net.activation == "relu":  # in place: da is a fresh buffer
                gz = torch.ops.aten.threshold_backward.grad_input(da, act, 0, grad_input=da)
            else:
                gz = da
