"""The batched-ensemble trainer: one optimiser steps K models whose losses are summed.

Why each member gets exactly its standalone update: the loss is L = Σ_k ℓ_k(θ_k) and member k's
parameters are the slices ``[k]`` of every stacked tensor, so ∂L/∂θ_k = ∂ℓ_k/∂θ_k (no other
term depends on θ_k). Adam, AdamW and SGD (with momentum, Nesterov, weight decay) update each
element from that element's gradient and its own state only (Adam's m, v and bias correction
are per element; only the step count is shared, and every active member has taken the same
number of steps), so one optimiser on the stacked tensors performs K standalone updates. The
optimisers are :mod:`empirical.engine.optim`'s (torch.optim's arithmetic, bit for bit, without
the 1.5–2.5 s that the first ``torch.optim`` constructor spends importing ``torch._dynamo``).

Hot path (see docs/empirical.md, "The trainer"): activations are feature-major ``(K, features,
n)`` (:meth:`BatchedMLP.forward_features`), the loss is the per-member mean cross-entropy over
dim 1 of ``(K, V, n)`` logits, and the optimiser sees all parameters as **one** flat tensor
(:attr:`BatchedMLP.flat`, whose views are the layer tensors; a flat gradient buffer whose views
are their ``.grad``), so a step is a handful of elementwise passes whatever the depth.

Hand-written step (full batch, ReLU or identity activations, the common case):
:class:`empirical.engine.fullbatch.FullBatchStep` runs the forward pass under ``torch.no_grad`` and
forms the gradients itself with exactly the operations autograd would run, written straight
into the flat gradient buffer — no graph, no Python ``Function`` nodes, no gradient accumulation
into zeroed buffers (≈ 14 % of the ensemble benchmark's step) — and on the CPU splits many
points into cache-sized column chunks. Other activations and mini-batches use autograd
(``_BatchedLinear``).

Masks (never Python ``if`` on tensor values to decide what a member does): a member stops when
its train accuracy reaches the best achievable (early stop) or its loss is not finite
(diverged). An inactive member's loss is left out of the sum and, since Adam still moves a
parameter with a zero gradient through its momentum, its parameters are restored after every
step with ``torch.where`` from a copy taken before the step — a stopped member never moves
again, and NaNs of a diverged member stay in its own slices. On the CPU the copy and the restore
are skipped at steps where every member is active (the restore would be a no-op; whether all
are active is re-read only when the mask changes), and the mask updates are skipped at steps
where no member stops (one read of ``stop.any()``; without per-step early stopping, of whether
any loss is not finite; they would change nothing): on the CPU such a read is a memory read,
not a device synchronisation; on CUDA everything always runs. With full batches, early
stopping is checked at every step on the logits of that step's forward pass (a member that is
correct on all its points after s updates stops with ``stop_step = s`` and takes no more
updates); with mini-batches it is checked at log steps on the full training set.

Dropping stopped members (hand-written step on the CPU): once at most half of the members still
train, the ensemble is rebuilt from them (:meth:`BatchedMLP.select`: the same padded width, copies
of their parameters and optimiser state, the same column chunks), so the stopped half stops
costing arithmetic. Each remaining member's step is unchanged up to float32 rounding: every GEMM
is per member and no sum runs across members, but MKL's batched kernels can round a member's
products differently when the batch count K changes (a few per cent of small shapes, even at one
thread; docs/empirical.md, "Dropping stopped members"); the stopped members' parameters are
written back into the
caller's ensemble and their log rows, frozen since they stopped, are filled in from the row taken
when they left (tested against an uncompacted run).

Logging at steps 0, k, 2k, ..., T evaluates, on the parameters after that many updates, the
observables of :mod:`empirical.engine.observables` (``torch.inference_mode``). The only per-step
synchronisation-free rule is kept: the one ``.item()``-like read is at log steps, to end the loop
once every member has stopped; the remaining log rows then repeat the last one with ``active`` =
0, which is exactly what the remaining steps would log (no parameter can move any more; tested
against a run that keeps going). Mini-batches: one ``torch.randperm(n)`` per epoch from a
generator seeded with ``shuffle_seed``, consecutive slices of ``batch_size`` (the last one may
be shorter).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from capacity.errors import UsageError
from empirical.engine.config import TrainConfig
from empirical.engine.ensemble import BatchedMLP
from empirical.engine.fullbatch import MANUAL_ACTIVATIONS, FullBatchStep
from empirical.engine.memorisation import readout
from empirical.engine.observables import class_major_cross_entropy, correct_count, l2_norms
from empirical.engine.optim import FlatAdam, FlatOptimizer, FlatSGD

__all__ = ["DROP_STOPPED", "PROGRESS_EVERY_S", "SMALL_STEP_FLOPS", "TrainLog", "make_optimizer",
           "threads_for_step", "torch_threads", "train_ensemble", "tune_allocator"]


@dataclass
class TrainLog:
    """Logged observables: each entry of ``metrics`` is an array ``(n_logs, K)``.

    ``layer_l2`` is ``(n_logs, K, L)``; ``stop_step[k]`` is the step at which member k stopped
    (−1 if it trained to the end); ``diverged[k]`` says whether it stopped on a non-finite loss.

    Examples
    --------
    >>> from empirical.engine.data import make_dataset
    >>> from empirical.engine.config import DataConfig
    >>> ds = make_dataset(DataConfig(n_train=20, n_test=0, classes=2, d_in=3))
    >>> net = BatchedMLP(3, 2, 1, [16, 16], [0, 1])
    >>> x, y = ds.x_train.expand(2, -1, -1), ds.y_train.expand(2, -1)
    >>> log = train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.tensor([20, 20]),
    ...                      TrainConfig(lr=0.05, steps=20, log_every=10))
    >>> log.steps.tolist(), log.metrics["train_loss"].shape, log.layer_l2.shape
    ([0, 10, 20], (3, 2), (3, 2, 2))
    >>> log.stop_step.tolist(), log.diverged.tolist()   # both trained to the end
    ([-1, -1], [False, False])
    """

    steps: np.ndarray
    metrics: dict[str, np.ndarray]
    layer_l2: np.ndarray
    stop_step: np.ndarray
    diverged: np.ndarray
    wall_s: float


def _member_values(net: BatchedMLP, flat: torch.Tensor, values) -> torch.Tensor:
    """A float64 tensor shaped like ``flat`` holding member k's value on member k's slices."""
    out = torch.empty(flat.shape, dtype=torch.float64, device=flat.device)  # (P,)
    per_member = torch.tensor([float(v) for v in values], dtype=torch.float64,
                              device=flat.device)  # (K,)
    for view in net.views_of(out):  # (K, ...) each
        view.copy_(per_member.view(-1, *([1] * (view.dim() - 1))).expand_as(view))
    return out


def make_optimizer(flat: torch.Tensor, cfg: TrainConfig,
                   lr: torch.Tensor | None = None) -> FlatOptimizer:
    """The optimiser named by ``cfg`` over the flat parameter tensor ``flat``
    (:mod:`empirical.engine.optim`: torch.optim's arithmetic without its import cost).

    Parameters
    ----------
    flat : torch.Tensor
        The flat parameter tensor the optimiser steps.
    cfg : TrainConfig
        ``optimizer`` (adam, adamw or sgd) and its ``lr``, ``betas``, ``eps``, ``momentum``,
        ``nesterov`` and ``weight_decay``.
    lr : torch.Tensor or None, default None
        Per-element learning rates, shaped like ``flat``; None: ``cfg.lr``.

    Returns
    -------
    FlatOptimizer
        ``FlatAdam`` (decoupled weight decay for adamw) or ``FlatSGD``.

    Examples
    --------
    >>> p = torch.zeros(2, requires_grad=True)
    >>> opt = make_optimizer(p, TrainConfig(optimizer="adamw", weight_decay=0.01))
    >>> type(opt).__name__, opt.decoupled
    ('FlatAdam', True)
    """
    lr = cfg.lr if lr is None else lr  # a tensor: one learning rate per element
    if cfg.optimizer in ("adam", "adamw"):
        return FlatAdam(flat, lr=lr, betas=cfg.betas, eps=cfg.eps,
                        weight_decay=cfg.weight_decay, decoupled=cfg.optimizer == "adamw")
    if cfg.optimizer == "sgd":
        return FlatSGD(flat, lr=lr, momentum=cfg.momentum, nesterov=cfg.nesterov,
                       weight_decay=cfg.weight_decay)
    raise UsageError(f"unknown optimizer {cfg.optimizer!r}; choose adam, adamw or sgd")


_ALLOCATOR_TUNED = False


def tune_allocator() -> bool:
    """Keep freed memory in the heap (glibc ``mallopt``), once per process.

    Each training step allocates and frees activation buffers of a few MB; glibc serves those
    with ``mmap`` and returns them at once, so every step page-faults fresh zeroed pages. Raising
    the mmap threshold (to its 32 MiB maximum) and the trim threshold keeps them in the heap; on
    this machine that halved the step time of both benchmarks. Returns whether it was applied
    (False off glibc). The cost: the process keeps up to ~1 GiB of freed memory for reuse.

    Examples
    --------
    >>> tune_allocator() in (True, False)
    True
    """
    global _ALLOCATOR_TUNED
    if _ALLOCATOR_TUNED:
        return True
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        ok = (libc.mallopt(-3, 32 * 1024 * 1024)  # M_MMAP_THRESHOLD
              and libc.mallopt(-1, 1024 * 1024 * 1024)  # M_TRIM_THRESHOLD
              and libc.mallopt(-2, 64 * 1024 * 1024))  # M_TOP_PAD
    except (OSError, AttributeError):
        return False
    _ALLOCATOR_TUNED = bool(ok)
    return _ALLOCATOR_TUNED


#: Drop stopped members from the ensemble once at most half still train (hand-written full-batch
#: step on the CPU; module notes). False keeps every member to the end — the same numbers, bit for
#: bit (tests/empirical/test_trainer.py runs both), only slower.
DROP_STOPPED = True

#: Least seconds between two ``on_step`` calls of :func:`train_ensemble` (progress between logs).
PROGRESS_EVERY_S = 0.2

#: On the CPU, once every member has stopped, skip the steps up to the next log step (which logs
#: the frozen members and ends the run): they would restore every parameter, so nothing logged
#: changes. False runs them — the same numbers (tests/empirical/test_trainer.py runs both).
SKIP_IDLE = True

#: Below this many matmul FLOPs per training step (all members together) the trainer runs on one
#: CPU thread: OpenMP's second thread costs more than it saves on small work, and on a shared
#: machine it is 3–8× slower (docs/empirical.md, "Threads"). 0 disables the rule.
SMALL_STEP_FLOPS = 1e8


def threads_for_step(net: BatchedMLP, batch: int) -> int:
    """CPU threads the trainer uses for ``net`` on batches of ``batch`` points: 1 when one step's
    matmul FLOPs (forward, weight and input gradients, all K members) are below
    :data:`SMALL_STEP_FLOPS`, else torch's current setting (0 means "leave it").

    Parameters
    ----------
    net : BatchedMLP
        The ensemble (any model with ``step_flops`` and ``flat``); 0 unless it is on the CPU.
    batch : int
        Points per training step.

    Returns
    -------
    int
        1, or 0 (keep torch's thread setting).

    Examples
    --------
    >>> threads_for_step(BatchedMLP(9, 17, 2, [100], [0]), 100)  # l2-blog: 7.4 MFLOP a step
    1
    >>> threads_for_step(BatchedMLP(9, 17, 2, [100], [0]), 25600)  # 1.9 GFLOP: torch decides
    0
    """
    return 1 if net.step_flops(batch) < SMALL_STEP_FLOPS and net.flat.device.type == "cpu" else 0


class torch_threads:
    """Context manager: run the body with ``n`` torch CPU threads (0: unchanged), then restore.

    Examples
    --------
    >>> before = torch.get_num_threads()
    >>> with torch_threads(1):
    ...     torch.get_num_threads()
    1
    >>> torch.get_num_threads() == before
    True
    """

    def __init__(self, n: int):
        self.n, self.old = n, None

    def __enter__(self):
        if self.n and self.n != torch.get_num_threads():
            self.old = torch.get_num_threads()
            torch.set_num_threads(self.n)
        return self

    def __exit__(self, *exc):
        if self.old is not None:
            torch.set_num_threads(self.old)
        return False


_NAMES = ("train_loss", "train_acc", "test_loss", "test_acc", "weight_l2", "memorised_count",
          "memorised_bits", "mi_bits", "active")


def _logits(net, x, autocast) -> torch.Tensor:
    """Class-major logits of ``net`` on model inputs ``x``; with ``autocast`` (a dtype) the
    forward runs under ``torch.autocast`` (matmuls in bf16, parameters stay float32) and the
    logits come back float32, so losses and read-outs are never computed in bf16."""
    if autocast is None:
        return net.forward_features(x)
    with torch.autocast(x.device.type, dtype=autocast):
        return net.forward_features(x).float()


def _evaluate(net, xt_tr, y_tr, xt_te, y_te, active, prior, clip_group, autocast=None,
              counted=None) -> tuple[list, torch.Tensor, torch.Tensor]:
    """One log row from model inputs ``xt_tr``, ``xt_te`` (``net.prepare``'d) and flat labels
    ``y_tr (K, m)``, ``y_te (K, m')``; the memorisation read-out is the harness's
    (:func:`empirical.engine.memorisation.readout`: labels' law ``prior``, ``clip_group``,
    the countable training labels ``counted (K, m)`` or None)."""
    m = y_tr.shape[1]
    with torch.inference_mode():
        r = readout(_logits(net, xt_tr, autocast), y_tr, net.classes, prior,
                    clip_group, counted)  # (K,) each
        acc = r.count.to(r.loss.dtype) / m
        if y_te.shape[1]:
            logits_te = _logits(net, xt_te, autocast)  # (K, V, m')
            te_loss = class_major_cross_entropy(logits_te, y_te)
            te_acc = (correct_count(logits_te.transpose(1, 2), y_te).to(r.loss.dtype)
                      / y_te.shape[1])
        else:
            te_loss = te_acc = torch.full_like(r.loss, float("nan"))
        norms, total = l2_norms(net.layers())  # (K, L), (K,)
        row = [r.loss, acc, te_loss, te_acc, total,
               r.count.to(r.loss.dtype), r.bits, r.mi_bits, active.to(r.loss.dtype)]
    return row, norms, r.count


def _bind_flat(net) -> tuple[torch.Tensor, list, torch.Tensor]:
    """``(flat, grads, before)`` for training ``net``: ``flat`` (P,) holds every parameter (same
    storage) and its ``.grad`` buffer's views are the per-layer ``.grad`` (accumulated into in
    place by backward), so the optimiser sees them in ``flat.grad``; ``grads`` are those views in
    :meth:`parameters` order; ``before`` (P,) keeps the parameters before a step, for restoring
    inactive members."""
    params = net.parameters()
    flat = net.flat.detach().requires_grad_(True)
    flat.grad = torch.zeros_like(flat)
    for p, g in zip(params, net.views_of(flat.grad), strict=True):
        p.grad = g
    return flat, [p.grad for p in params], torch.empty_like(flat.detach())


def _restore_mask(net, active: torch.Tensor) -> torch.Tensor:
    """``(P,)`` bool laid out like ``flat``: True on every parameter of a member that ``active
    (K,)`` marks (made when the mask changes; one ``where`` over it restores the others)."""
    mask = torch.empty(net.flat.shape, dtype=torch.bool, device=active.device)
    for view in net.views_of(mask):  # (K, …) each
        view.copy_(active.view(active.shape[0], *([1] * (view.dim() - 1))).expand_as(view))
    return mask


class _ActiveCache:
    """What the step loop derives from the ``active (K,)`` mask, kept until the mask changes
    (:meth:`changed`): whether every member is active (read on the CPU only, ``track``; on
    CUDA the restore always runs), the ``(P,)`` restore mask and the hand-written step's loss
    weights, the last two made on first use."""

    def __init__(self, track: bool):
        self.track = track
        self.all_active = track  # a run starts with every member active
        self.restore_mask: torch.Tensor | None = None
        self.loss_weights: torch.Tensor | None = None

    def changed(self, active: torch.Tensor) -> None:
        """The mask (or the ensemble it belongs to) changed: re-read and forget."""
        self.all_active = self.track and bool(active.all())
        self.restore_mask = self.loss_weights = None

    def weights(self, full_step: FullBatchStep, active: torch.Tensor) -> torch.Tensor:
        """``full_step.loss_weights(active)``, made once per mask."""
        if self.loss_weights is None:
            self.loss_weights = full_step.loss_weights(active)
        return self.loss_weights

    def restore(self, net, active: torch.Tensor) -> torch.Tensor:
        """:func:`_restore_mask` of ``active``, made once per mask."""
        if self.restore_mask is None:
            self.restore_mask = _restore_mask(net, active)
        return self.restore_mask


def _write_back(root: BatchedMLP, net: BatchedMLP, members: torch.Tensor) -> None:
    """Copy the parameters of ``net`` (a :meth:`BatchedMLP.select` of ``root``) into the rows
    ``members`` of ``root`` (nothing to do while ``net`` is ``root`` itself)."""
    if net is root:
        return
    with torch.no_grad():
        for r, p in zip(root.parameters(), net.parameters(), strict=True):
            r.index_copy_(0, members, p)


def _select_flat(old: BatchedMLP, new: BatchedMLP, buffer: torch.Tensor,
                 keep: torch.Tensor) -> torch.Tensor:
    """The flat buffer of ``new`` (= ``old.select(keep)``) holding the ``keep`` rows of the flat
    buffer ``buffer`` of ``old`` (an optimiser state laid out like ``old.flat``)."""
    out = torch.empty(new.flat.shape, dtype=buffer.dtype, device=buffer.device)
    for src, dst in zip(old.views_of(buffer), new.views_of(out), strict=True):
        dst.copy_(src.index_select(0, keep))
    return out


def _repeat_frozen_rows(rows: list, norms_log: list, log_steps: list[int],
                        on_log: Callable[[int], None] | None) -> None:
    """Fill the remaining log rows once every member has stopped.

    No member's parameters can change after the last one stops (inactive members are restored
    after every optimiser step), and the observables are a deterministic function of the
    parameters, the data and ``active`` (all False from here on), so every later row equals the
    current one with ``active`` = 0 (the current row may still show 1 for members that a
    mini-batch early-stop check stopped at this log step): that is exactly what running the
    remaining steps would log.
    """
    while len(rows) < len(log_steps):
        rows.append(rows[-1].clone())
        rows[-1][-1] = 0  # the "active" metric (last of _NAMES)
        norms_log.append(norms_log[-1].clone())
        if on_log is not None:
            on_log(log_steps[len(rows) - 1])


def train_ensemble(net, x_train: torch.Tensor, y_train: torch.Tensor,
                   x_test: torch.Tensor, y_test: torch.Tensor, best_count: torch.Tensor,
                   cfg: TrainConfig,
                   on_log: Callable[[int], None] | None = None,
                   lrs: tuple[float, ...] | None = None,
                   label_prior: torch.Tensor | None = None,
                   autocast: torch.dtype | None = None,
                   counted: torch.Tensor | None = None,
                   on_step: Callable[[int], None] | None = None) -> TrainLog:
    """Train every member of ``net`` in place and return the logged observables.

    Parameters
    ----------
    net : BatchedMLP or BatchedGPT
        K members (the model protocol: ``flat``, ``parameters()``, ``views_of()``,
        ``layers()``, ``prepare()``, ``forward_features()``, ``step_flops()``, ``classes``).
    x_train, y_train : torch.Tensor
        ``(K, n, d)`` in the parameters' dtype and ``(K, n)`` torch.long class indices in
        0..V−1 (expanded views are fine for a shared dataset; anything else is one
        :class:`~capacity.errors.UsageError` before any step); for a
        transformer ``(K, n, T)`` context tokens and ``(K, n, T)`` next tokens — a point is a
        sequence, its labels are its T predicted tokens (labels are flattened to ``(K, n·T)``
        after the batch is chosen).
    x_test, y_test : torch.Tensor
        Like the training tensors with m points; m may be 0.
    best_count : torch.Tensor
        ``(K,)`` best achievable number of correct training labels (early-stop target).
    cfg : TrainConfig
        Optimiser and schedule (``loss`` must be cross_entropy).
    on_log : callable, optional
        Called with the step number after each log (progress bars).
    lrs : tuple of float, optional
        One learning rate per member (instead of ``cfg.lr`` for all), so a learning-rate grid
        trains as one ensemble; each member's update equals its standalone one up to the
        rounding of the batched products (bit for bit with equal widths for relu, identity,
        sign, relu2 and tanh — silu's and gelu's vectorised kernels round an element by its
        position, ≈ 1e-7 in float32; padded widths regroup sums, in float64 too: within 1e-12
        over the tests' 100 steps).
    label_prior : torch.Tensor, optional
        ``(V,)`` the law the labels were drawn from (default uniform): the reference code of the
        logged memorised bits (:func:`empirical.engine.memorisation.readout`; with
        ``cfg.clip_bits`` each point's — each sequence's — bits are clipped at 0).
    autocast : torch.dtype, optional
        Mixed precision: forward and backward under ``torch.autocast`` to this dtype
        (``torch.bfloat16``), parameters, gradients and optimiser state in the parameters'
        dtype (float32), losses and read-outs in float32.
    counted : torch.Tensor, optional
        ``(K, n)`` (``(K, n, T)``) bool: the training labels a count of correct labels may
        include (``Dataset.counted``: not those of equal inputs whose top label is tied); None:
        all. The early-stop target ``best_count`` counts the same labels.
    on_step : callable, optional
        Called with the number of steps done between the log steps, at most every
        :data:`PROGRESS_EVERY_S` seconds (checked every 64 steps): a progress bar moves while a
        run logs rarely (it sat at 0 through a whole run logged only at its end, 2026-12-06
        review).

    Notes
    -----
    Small work runs on one CPU thread (:func:`threads_for_step`; torch's setting is restored
    afterwards), so a small model's numbers do not depend on the machine's default thread count.

    Examples
    --------
    >>> from empirical.engine.data import make_dataset
    >>> from empirical.engine.config import DataConfig
    >>> ds = make_dataset(DataConfig(n_train=20, n_test=0, classes=2, d_in=3))
    >>> net = BatchedMLP(3, 2, 1, [16, 16], [0, 1])
    >>> x, y = ds.x_train.expand(2, -1, -1), ds.y_train.expand(2, -1)
    >>> log = train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.tensor([20, 20]),
    ...                      TrainConfig(lr=0.05, steps=300, log_every=100, early_stop=True))
    >>> log.metrics["train_acc"][-1].tolist(), log.steps.tolist()
    ([1.0, 1.0], [0, 100, 200, 300])
    """
    if cfg.loss != "cross_entropy":
        raise UsageError("loss 'mse' is refused on a classification dataset; use cross_entropy")
    _check_members(net, x_train, y_train, x_test, y_test, best_count, lrs)
    with torch_threads(threads_for_step(net, y_train.shape[1] if cfg.batch_size <= 0
                                        else min(cfg.batch_size, y_train.shape[1]))):
        return _train(net, x_train, y_train, x_test, y_test, best_count, cfg, on_log, lrs,
                      label_prior, autocast, counted, on_step)


def _check_members(net, x_train, y_train, x_test, y_test, best_count, lrs) -> None:
    """One UsageError when the tensors or ``lrs`` do not have one entry per member of ``net``
    (``lrs=(0.1,)`` for two members trained both at 0.1 and a ``(1,)`` best_count was
    broadcast; three rates for two members were a tensor-expansion RuntimeError, 2026-12-05
    review)."""
    k = net.k
    for name, t in (("x_train", x_train), ("y_train", y_train), ("x_test", x_test),
                    ("y_test", y_test)):
        if t.dim() < 2 or t.shape[0] != k:
            raise UsageError(f"{name} must have one leading entry per member (K = {k}), got "
                             f"shape {tuple(t.shape)}")
    if y_train.shape[1] != x_train.shape[1] or y_test.shape[1] != x_test.shape[1]:
        raise UsageError(f"inputs and labels must have as many points: x_train "
                         f"{tuple(x_train.shape)}, y_train {tuple(y_train.shape)}, x_test "
                         f"{tuple(x_test.shape)}, y_test {tuple(y_test.shape)}")
    if tuple(best_count.shape) != (k,):
        raise UsageError(f"best_count must have shape ({k},), one per member; got "
                         f"{tuple(best_count.shape)}")
    if lrs is not None and len(lrs) != k:
        raise UsageError(f"lrs must give one learning rate per member ({k}), got {len(lrs)}")
    if x_train.shape[1] < 1:  # early stopping's test raised a bare TypeError (audit)
        raise UsageError(f"x_train must hold at least one training point, got shape "
                         f"{tuple(x_train.shape)}")
    # the labels and an MLP's inputs as the model reads them: each of these reached torch as a
    # RuntimeError deep in the first step (2026-12-07)
    for name, y in (("y_train", y_train), ("y_test", y_test)):
        if y.dtype != torch.long:
            raise UsageError(f"{name} must hold class indices of dtype torch.long, got {y.dtype}")
        if y.numel():
            lo, hi = (int(v) for v in torch.aminmax(y))
            if lo < 0 or hi >= net.classes:
                raise UsageError(f"{name} holds labels {lo}..{hi}; they must lie in "
                                 f"0..{net.classes - 1} (the model's {net.classes} classes)")
    if isinstance(net, BatchedMLP):
        for name, x in (("x_train", x_train), ("x_test", x_test)):
            if x.dim() != 3 or x.shape[2] != net.d_in:
                raise UsageError(f"{name} must have shape (K, n, {net.d_in}) for the model's "
                                 f"{net.d_in} inputs, got {tuple(x.shape)}")
            if x.dtype != net.flat.dtype:
                raise UsageError(f"{name} is {x.dtype} but the model's parameters are "
                                 f"{net.flat.dtype}: convert one of them")


def _train(net, x_train, y_train, x_test, y_test, best_count, cfg: TrainConfig,
           on_log, lrs=None, prior=None, autocast=None, counted=None,
           on_step=None) -> TrainLog:
    """:func:`train_ensemble`'s worker (arguments checked, thread count set)."""
    tune_allocator()
    k, n = y_train.shape[:2]  # n points (a transformer's point is a sequence of labels)
    device = net.flat.device
    flat, grads, before = _bind_flat(net)
    # `is None`: a numpy array of rates has no truth value (`if lrs` raised, 2026-12-07 audit)
    opt = make_optimizer(flat, cfg, None if lrs is None else _member_values(net, flat, lrs))
    best_count = best_count.to(device)
    active = torch.ones(k, dtype=torch.bool, device=device)
    diverged = torch.zeros(k, dtype=torch.bool, device=device)
    stop_step = torch.full((k,), -1, dtype=torch.long, device=device)
    check_all_active = device.type == "cpu"  # a CPU read is not a device sync; CUDA restores
    cache = _ActiveCache(check_all_active)  # what is derived from ``active``, per mask
    opt_step = opt.step
    full = cfg.batch_size <= 0 or cfg.batch_size >= n
    quiet_check = check_all_active and not (cfg.early_stop and full)  # only divergence stops
    manual = (full and autocast is None and isinstance(net, BatchedMLP)
              and net.activation in MANUAL_ACTIVATIONS)
    xt_train = net.prepare(x_train).contiguous()  # MLP: (K, d, n) feature-major, made once
    # the test points contiguous (K, m, d), so that selecting members keeps their layout and
    # every member's test metrics stay the same bits when others leave (2026-12-02 review)
    x_test = x_test.contiguous()
    xt_test = net.prepare(x_test)  # (K, d, m)
    labels_train, labels_test = y_train.flatten(1), y_test.flatten(1)  # (K, m) label views
    counted_train = None if counted is None else counted.to(device).flatten(1)  # (K, m) bool
    clip_group = (y_train[0, 0].numel() if n else 1) if cfg.clip_bits else 0  # labels a point
    onehot = (F.one_hot(labels_train, net.classes).transpose(1, 2).to(flat.dtype).contiguous()
              if full else None)  # (K, V, m) labels for the step's loss
    full_step = FullBatchStep(net, xt_train, onehot, grads) if manual else None
    gen = torch.Generator().manual_seed(int(cfg.shuffle_seed))
    perm, batches_per_epoch = None, 1 if full else -(-n // cfg.batch_size)
    log_steps = sorted(set(range(0, cfg.steps + 1, cfg.log_every)) | {cfg.steps})
    rows, norms_log = [], []
    root, members = net, torch.arange(k, device=device)  # member j here is root member members[j]
    compact = DROP_STOPPED and manual and check_all_active and k > 1 and cfg.early_stop
    n_active, frozen = k, None  # frozen: (rows (9, K), norms (K, L)) of members that left
    idle = False  # every member stopped (CPU): the steps up to the next log step change nothing
    stop_root = diverged_root = None  # (K,) each, kept for the members that left
    start = shown = time.perf_counter()
    for step in range(cfg.steps + 1):
        if on_step is not None and not step & 63 and step:
            now = time.perf_counter()
            if now - shown >= PROGRESS_EVERY_S:
                on_step(step)
                shown = now
        if step == log_steps[len(rows)]:
            row, norms, correct = _evaluate(net, xt_train, labels_train, xt_test, labels_test,
                                            active, prior, clip_group, autocast, counted_train)
            row = torch.stack(row)  # (9, K here)
            if step == cfg.steps:  # the last update can diverge a member, and no later step's
                bad = ((row[0] - row[0]) != 0) & active  # loss would see it: the last row's does
                if bool(bad.any()):  # (2026-12-02 review: diverged stayed False)
                    diverged |= bad
                    stop_step = torch.where(bad, step, stop_step)
                    active &= ~bad
            if frozen is not None:  # the members that left, as they were when they left
                row, norms = frozen[0].clone().index_copy_(1, members, row), \
                    frozen[1].clone().index_copy_(0, members, norms)
            rows.append(row)  # (9, K)
            norms_log.append(norms)
            # mini-batches stop at log steps; full batches at every step from that step's
            # forward, which the last update has none of: its row decides (a member fitted only
            # by the last update kept stop_step -1 until 2026-12-06)
            if cfg.early_stop and (not full or step == cfg.steps):
                done = active & (correct >= best_count)
                stop_step = torch.where(done, step, stop_step)
                active &= ~done
                cache.changed(active)
            if on_log is not None:
                on_log(step)
            if len(rows) < len(log_steps) and not bool(active.any()):  # one sync per log step
                _repeat_frozen_rows(rows, norms_log, log_steps, on_log)
                break
        if step == cfg.steps:
            break
        if idle:  # parameters restored at every step: nothing moves until the log step ends it
            continue
        if compact and 0 < n_active <= net.k // 2:  # drop the stopped half (module notes)
            keep = active.nonzero().squeeze(1)  # (K',) members still training
            leaving_rows, leaving_norms, _ = _evaluate(net, xt_train, labels_train, xt_test,
                                                       labels_test, active, prior, clip_group,
                                                       autocast, counted_train)
            leaving_rows = torch.stack(leaving_rows)
            if frozen is None:
                frozen = (leaving_rows.new_zeros(leaving_rows.shape[0], k),
                          leaving_norms.new_zeros(k, leaving_norms.shape[1]))
                stop_root = torch.full((k,), -1, dtype=torch.long, device=device)
                diverged_root = torch.zeros(k, dtype=torch.bool, device=device)
            frozen[0].index_copy_(1, members, leaving_rows)
            frozen[1].index_copy_(0, members, leaving_norms)
            _write_back(root, net, members)
            stop_root.index_copy_(0, members, stop_step)
            diverged_root.index_copy_(0, members, diverged)
            old_net, old_opt = net, opt
            members, net = members[keep], net.select(keep)
            flat, grads, before = _bind_flat(net)
            opt = make_optimizer(flat, cfg)  # continues old_opt: its state and learning rates
            opt.take_state(old_opt, lambda buf, a=old_net, b=net, idx=keep: _select_flat(
                a, b, buf, idx))
            opt_step = opt.step
            xt_train = xt_train.index_select(0, keep)  # contiguous before and after
            x_test = x_test.index_select(0, keep)  # contiguous before and after
            xt_test = net.prepare(x_test)
            labels_train = labels_train.index_select(0, keep)
            labels_test = labels_test.index_select(0, keep)
            if counted_train is not None:
                counted_train = counted_train.index_select(0, keep)
            onehot, best_count = onehot.index_select(0, keep), best_count.index_select(0, keep)
            full_step = FullBatchStep(net, xt_train, onehot, grads, columns=full_step.columns)
            active = torch.ones(net.k, dtype=torch.bool, device=device)
            cache.changed(active)
            diverged, stop_step = diverged.index_select(0, keep), stop_step.index_select(0, keep)
        if full:
            xb, yb, cb = xt_train, labels_train, counted_train  # (K, d, n), (K, n), (K, n)
        else:
            b = step % batches_per_epoch
            if b == 0:
                perm = torch.randperm(n, generator=gen).to(device)
            idx = perm[b * cfg.batch_size:(b + 1) * cfg.batch_size]
            xb, yb = net.prepare(x_train[:, idx]), y_train[:, idx].flatten(1)  # (K, d, B), (K, B)
            cb = None  # a mini-batch's count is never read: its early stop is at the log steps
        if manual:  # forward and backward at once, for the members active before this step
            loss, correct = full_step(active, yb if cfg.early_stop else None,
                                      cache.weights(full_step, active), cb)
        else:
            logits = _logits(net, xb, autocast)  # (K, V, B)
            loss = class_major_cross_entropy(logits, yb, onehot)  # (K,)
        nonfinite = (loss - loss) != 0  # (K,) ~isfinite in two ops: x − x is NaN for ±inf, NaN
        if not (quiet_check and not bool(nonfinite.any())):  # else nothing can stop now
            if cfg.early_stop and full:
                if not manual:
                    correct = correct_count(logits.detach().transpose(1, 2), yb, cb)  # (K,)
                stop = (correct >= best_count).logical_or_(nonfinite).logical_and_(active)
            else:
                stop = nonfinite & active
            if not check_all_active or bool(stop.any()):  # else the updates change nothing
                diverged |= nonfinite & active
                stop_step = torch.where(stop, step, stop_step)
                active &= ~stop
                cache.changed(active)
                idle = SKIP_IDLE and check_all_active and not bool(active.any())
                if compact:
                    n_active = int(active.sum())
        if not manual:
            total = torch.where(active, loss, torch.zeros_like(loss)).sum()
            flat.grad.zero_()
            total.backward()
        with torch.no_grad():
            restore = not cache.all_active  # all active: a no-op
            if restore:
                before.copy_(flat)  # (P,)
            opt_step()
            if restore:
                flat_data = flat.detach()  # (P,) same storage
                torch.where(cache.restore(net, active), flat_data, before,
                            out=flat_data)  # stopped members never move
    wall = time.perf_counter() - start
    if frozen is not None:  # back to the caller's ensemble and member order
        _write_back(root, net, members)
        stop_step = stop_root.index_copy_(0, members, stop_step)
        diverged = diverged_root.index_copy_(0, members, diverged)
    table = torch.stack(rows).cpu().numpy()  # (n_logs, 9, K)
    return TrainLog(
        steps=np.array(log_steps[:len(rows)]),
        metrics={name: table[:, i, :] for i, name in enumerate(_NAMES)},
        layer_l2=torch.stack(norms_log).cpu().numpy(),
        stop_step=stop_step.cpu().numpy(),
        diverged=diverged.cpu().numpy(),
        wall_s=wall,
    )
