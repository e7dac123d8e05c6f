"""Memorised information: the one definition every capacity figure in memcap is computed with.

**Labels.** A dataset is m labels y_1..y_m, each a class in {0, …, V − 1} drawn from a known
law π independently of its input: one training point of an MLP (random points with a label
prior, or every input of a Boolean map, labelled with one of 2^N classes), or one *predicted
token* of a decoder-only transformer (n sequences of S uniformly random tokens give
m = n·(S − 1) labels: the first token of a sequence is context only).

**Memorised bits.** A trained model q stores

    I = Σ_i [log2 q(y_i | x_i) − log2 π(y_i)]  =  R − m·ℓ / ln 2   bits

of the labels: the labels' code length under the law they were drawn from, R = Σ_i −log2 π(y_i),
minus their code length under the model, m·ℓ/ln 2 with ℓ the mean train cross-entropy in nats.
It is Morris et al.'s memorisation H(y) − H(y | θ̂) with the generating law as the reference
model, and for uniform labels it is Liu's (ln V − ℓ)·m / ln 2 (R = m·log2 V). A model that only
learned π stores 0 bits; one that is certain of every label stores R. Two companions come with
it: the memorised count C = #{i: q(y_i|x_i) the largest by the rounding margin} (Liu,
"Memory 1", counts argmax = label; here the label's logit must beat every other by
:data:`~empirical.engine.observables.MARGIN` × (1 + the larger |logit|), so ties and near-ties
count as wrong; docs/empirical.md, "Decided") and, for binary
labels, Collins et al.'s b·(1 − H2(p)) over the decided labels: b the labels the model decides
(its margin puts one class ahead, right or wrong), p the wrong fraction of them — with every
label decided, b = m and p = 1 − C/m as in the paper; an undecided label (a tie, a NaN) is an
erasure and carries nothing, so a network that decides nothing stores 0 bits, not m (a binary
symmetric channel with erasures; the information with uniform labels is
(1 − ε)(1 − H2(p)) per label, ε the erased fraction).

**Information.** What the labels carry on average, m·H(π) (= E[R]; m·log2 V for uniform
labels): the ceiling of a memory curve and the numerator of a search's bits per parameter.

**Capacity.** The largest memorised bits a model of a given size reaches as the dataset grows
(the plateau of the memory curve, :mod:`empirical.memory`), with an interval over seeds; bits per
parameter is that capacity divided by the parameter count P. The search (:mod:`empirical.search`)
asks the dual question, the smallest P that fits every memorisable label, and reports the
labels' information per parameter over the bracket ``(below, needed]`` it measured
(:func:`bracket_bits_per_parameter`). Every module that reports bits calls these functions:
the trainer's log (:mod:`empirical.engine.train`), memory curves, searches and ``memcap
compare``.

References
----------
Z. Liu, "Memory 1 — How much do linear layers memorize?" (2026-02-09) and "Memory 2 — How many
bits does each parameter store?" (2026-03-06). J. X. Morris et al., "How much do language models
memorize?", arXiv 2505.24832 (2025). J. Collins, J. Sohl-Dickstein, D. Sussillo, "Capacity and
trainability in recurrent neural networks", ICLR 2017.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import torch

from capacity.errors import UsageError
from empirical.engine.information import bracket_bits_per_parameter, label_information_bits
from empirical.engine.observables import class_major_cross_entropy, correct_count

__all__ = [
    "Readout",
    "binary_entropy_bits",
    "bracket_bits_per_parameter",
    "channel_information_bits",
    "label_information_bits",
    "memorised_bits",
    "mutual_information_bits",
    "readout",
    "readout_arrays",
    "reference_bits",
]


def binary_entropy_bits(p: torch.Tensor) -> torch.Tensor:
    """H2(p) = −p log2 p − (1 − p) log2(1 − p), with H2(0) = H2(1) = 0.

    Examples
    --------
    >>> binary_entropy_bits(torch.tensor([0.0, 0.5, 1.0])).tolist()
    [0.0, 1.0, 0.0]
    """
    p = p.double()
    return (-(torch.xlogy(p, p) + torch.xlogy(1 - p, 1 - p)) / math.log(2)).add(0.0)  # no -0


def reference_bits(y: torch.Tensor, classes: int, prior: torch.Tensor | None = None
                   ) -> torch.Tensor:
    """R = Σ_i −log2 π(y_i) over the last axes of ``y`` (``(K, m)`` or ``(K, n, T)`` → ``(K,)``;
    a 1-D ``y`` gives a 0-d tensor): the labels' code length under the law they were drawn from.

    Parameters
    ----------
    y : torch.Tensor
        Integer labels, ``(m,)``, ``(K, m)`` or ``(K, n, T)``.
    classes : int
        Number V of classes (used only when ``prior`` is None).
    prior : torch.Tensor or None, default None
        ``(V,)`` class probabilities π; None: uniform, R = m·log2 V.

    Returns
    -------
    torch.Tensor
        float64 bits, ``(K,)`` (0-d for a 1-D ``y``).

    Examples
    --------
    >>> reference_bits(torch.tensor([[0, 1, 1]]), 4).tolist()  # uniform: m·log2 V
    [6.0]
    >>> reference_bits(torch.tensor([[0, 1, 1], [1, 0, 0]]), 4).tolist()  # per member, K = 2
    [6.0, 6.0]
    >>> reference_bits(torch.ones(2, 3, 5, dtype=torch.long), 2).tolist()  # (K, n, T): n·T
    [15.0, 15.0]
    >>> reference_bits(torch.tensor([0, 0, 1]), 2, torch.tensor([0.5, 0.25, 0.25])).item()
    4.0
    """
    if prior is None:
        m = y[0].numel() if y.dim() > 1 else y.numel()
        shape = y.shape[:1] if y.dim() > 1 else ()
        return torch.full(shape, m * math.log2(classes), dtype=torch.float64)
    code = -torch.log2(prior.double().to(y.device))[y]  # same shape as y
    return code.flatten(1).sum(dim=1) if y.dim() > 1 else code.sum()


def memorised_bits(loss_nats, labels: int, classes: int, reference=None):
    """I = R − m·ℓ/ln 2 (see the module notes); R defaults to m·log2 V (uniform labels).

    ``loss_nats`` (mean cross-entropy over the m labels) and ``reference`` may be tensors or
    arrays of any matching shape; the result has their type.

    Parameters
    ----------
    loss_nats : torch.Tensor or numpy.ndarray or float
        Mean cross-entropy ℓ over the labels, in nats.
    labels : int
        Number m of labels.
    classes : int
        Number V of classes (used only when ``reference`` is None).
    reference : torch.Tensor or numpy.ndarray or None, default None
        The reference code length R in bits; None: m·log2 V.

    Returns
    -------
    torch.Tensor or numpy.ndarray or float
        Memorised bits I, of the inputs' type and shape.

    References
    ----------
    Z. Liu, "Memory 2 — How many bits does each parameter store?" (2026-03-06); J. X. Morris et
    al., "How much do language models memorize?" (2025), memorisation on uniform random data.

    Examples
    --------
    >>> memorised_bits(torch.tensor([0.0]), 100, 16)  # a perfect fit stores n·log2 V
    tensor([400.])
    >>> memorised_bits(torch.tensor([math.log(16)]), 100, 16)  # uniform prediction stores none
    tensor([0.])
    >>> memorised_bits(np.array([0.5]), 4, 2, reference=np.array([3.0])).round(4)
    array([0.1146])
    """
    if reference is None:
        return (math.log(classes) - loss_nats) * labels / math.log(2)
    return reference - loss_nats * labels / math.log(2)


def mutual_information_bits(correct, wrong):
    """d·(1 − H2(w/d)), d = c + w: information between binary labels and the model's decisions.

    ``correct`` (c) and ``wrong`` (w) count the labels the model decides right and wrong (its
    margin puts one class ahead); the other labels are undecided, erasures that carry nothing.
    With every label decided this is Collins et al.'s b·(1 − H2(p)), b = m, p = 1 − C/m; a
    model that decides nothing stores 0 (d = 0), not m — counting its ties as errors would give
    p = 1 and the full m bits.

    Parameters
    ----------
    correct : array_like or torch.Tensor
        Counts c of labels decided right.
    wrong : array_like or torch.Tensor
        Counts w of labels decided wrong, of a shape broadcastable with ``correct``.

    Returns
    -------
    torch.Tensor
        float64 bits.

    References
    ----------
    J. Collins, J. Sohl-Dickstein, D. Sussillo, "Capacity and trainability in recurrent neural
    networks", ICLR 2017 (the bits-per-parameter read-out). T. M. Cover, J. A. Thomas, *Elements
    of Information Theory*, 2nd ed., Wiley 2006, §7.1 (the binary symmetric and erasure channels).

    Examples
    --------
    >>> c, w = torch.tensor([100, 50, 89]), torch.tensor([0, 50, 11])
    >>> mutual_information_bits(c, w).round(decimals=2)
    tensor([100.0000,   0.0000,  50.0100], dtype=torch.float64)
    >>> mutual_information_bits(torch.tensor([0, 0, 30]), torch.tensor([100, 0, 0])).tolist()
    [100.0, 0.0, 30.0]
    """
    c = torch.as_tensor(correct).double()
    w = torch.as_tensor(wrong).double()
    d = c + w
    p = torch.where(d > 0, w / d.clamp(min=1), torch.zeros_like(d))
    return d * (1 - binary_entropy_bits(p))


def channel_information_bits(table, prior) -> torch.Tensor:
    """m·I(Y; D): the information the model's decisions D carry about binary labels Y drawn from
    a known law π, the model read as a channel whose decision law for each class is estimated
    from that class's labels.

    ``table[k, y]`` counts member k's labels of class y decided as class 0, as class 1, and
    undecided (an erasure: a tie, a near-tie, NaN, or a label that may not count). With
    P(d | y) = table[k, y, d] / n_y and Q(d) = Σ_y π_y P(d | y), the bits are
    m · Σ_y π_y Σ_d P(d | y) log2(P(d | y) / Q(d)), m = Σ_y n_y the labels; a class with no
    labels takes the decision law of all the labels, so it adds nothing (read as "all
    undecided", it made undecided a sign of that class and credited a model that decided
    every present label alike with m·H2(π), 2026-12-06 diff review; with no label at all the
    bits are 0). This is the mutual information of the channel with
    input law π, so it lies in [0, m·H2(π)]: a model that decides every label the same way
    stores 0. For uniform π and the same wrong fraction p in both classes it equals Collins et
    al.'s m·(1 − H2(p)) (:func:`mutual_information_bits`), which assumes uniform labels: with
    π = (8/9, 1/9) that formula gave a constant predictor 0.50·m bits (2026-12-06 review).

    Parameters
    ----------
    table : array_like or torch.Tensor
        ``(..., 2, 3)`` counts: per class y (axis −2), the labels decided 0, decided 1 and
        undecided (axis −1).
    prior : array_like or torch.Tensor
        ``(2,)`` the labels' law π.

    Returns
    -------
    torch.Tensor
        float64 bits, of ``table``'s shape without its last two axes.

    References
    ----------
    T. M. Cover, J. A. Thomas, *Elements of Information Theory*, 2nd ed., Wiley 2006, §2.4
    (mutual information), §7.1 (channels, erasures). J. Collins, J. Sohl-Dickstein,
    D. Sussillo, ICLR 2017 (the uniform-label read-out this generalises).

    Examples
    --------
    >>> pi = torch.tensor([8 / 9, 1 / 9])
    >>> constant = torch.tensor([[80, 0, 0], [10, 0, 0]])   # decides class 0 for every label
    >>> channel_information_bits(constant, pi).item()
    0.0
    >>> channel_information_bits(torch.tensor([[5, 0, 0], [0, 0, 0]]), pi).item()  # no 1s
    0.0
    >>> perfect = torch.tensor([[80, 0, 0], [0, 10, 0]])    # m·H2(π) = 90 × 0.503
    >>> round(channel_information_bits(perfect, pi).item(), 2)
    45.29
    >>> fair = torch.tensor([[45, 5, 0], [5, 45, 0]])       # uniform π: Collins's m(1 − H2(0.1))
    >>> half = torch.tensor([0.5, 0.5])
    >>> c, w = torch.tensor(90), torch.tensor(10)
    >>> torch.isclose(channel_information_bits(fair, half), mutual_information_bits(c, w)).item()
    True
    """
    t = torch.as_tensor(table).double()
    pi = torch.as_tensor(prior).double().to(t.device)
    pi = pi / pi.sum()  # a float32 law sums to 1 only up to rounding
    n = t.sum(dim=-1, keepdim=True)  # (..., 2, 1)
    pooled = t.sum(dim=-2, keepdim=True)  # (..., 1, 3) every label's decisions
    pooled = pooled / pooled.sum(dim=-1, keepdim=True).clamp(min=1)
    cond = torch.where(n > 0, t / n.clamp(min=1), pooled)  # P(d | y), (..., 2, 3)
    q = (pi[:, None] * cond).sum(dim=-2, keepdim=True)  # Q(d), (..., 1, 3)
    ratio = torch.where(cond > 0, cond / q.clamp(min=1e-300), torch.ones_like(cond))
    info = (pi[:, None] * cond * torch.log2(ratio)).sum(dim=(-2, -1))
    return (n.sum(dim=(-2, -1)) * info).clamp(min=0.0)


class Readout(NamedTuple):
    """What a trained ensemble stores of its labels, per member (``(K,)`` tensors).

    Examples
    --------
    >>> z = torch.tensor([[[9.0, -9.0, 9.0], [-9.0, 9.0, -9.0]]])   # (K=1, V=2, m=3): all right
    >>> r = readout(z, torch.tensor([[0, 1, 0]]), 2)
    >>> r.count.tolist(), r.bits.round().tolist(), r._fields   # 3 labels of 1 bit each
    ([3], [3.0], ('loss', 'count', 'bits', 'mi_bits'))
    """

    loss: torch.Tensor
    count: torch.Tensor
    bits: torch.Tensor
    mi_bits: torch.Tensor


def readout(logits: torch.Tensor, y: torch.Tensor, classes: int,
            prior: torch.Tensor | None = None, clip_group: int = 0,
            counted: torch.Tensor | None = None) -> Readout:
    """Loss, count, memorised bits and (binary labels) MI bits from class-major logits.

    ``logits`` is ``(K, V, m)``, ``y`` is ``(K, m)``; ``prior`` is the labels' law π (default
    uniform). ``clip_group = g ≥ 1`` clips the memorised bits of every example — g consecutive
    labels: 1 for an MLP's point, T for a transformer's sequence — at 0 before summing (Morris et
    al.'s per-sample max with the reference); 0 (the default) does not clip. ``mi_bits`` is NaN
    unless V = 2: :func:`mutual_information_bits` for uniform labels, and under a ``prior``
    :func:`channel_information_bits` (Collins's formula assumes uniform labels).

    Parameters
    ----------
    logits : torch.Tensor
        Class-major logits ``(K, V, m)``.
    y : torch.Tensor
        Integer labels ``(K, m)``.
    classes : int
        Number V of classes.
    prior : torch.Tensor or None, default None
        ``(V,)`` label law π; None: uniform.
    clip_group : int, default 0
        Labels per example for clipping (m must be a multiple); 0: no clipping.
    counted : torch.Tensor or None, default None
        ``(K, m)`` bool, the labels the count (and, for V = 2, the wrong count) may include
        (``Dataset.counted``); None: all. The bits are the code lengths of every label.

    Returns
    -------
    Readout
        ``loss``, ``count``, ``bits`` and ``mi_bits``, each ``(K,)``.

    Examples
    --------
    >>> z = torch.tensor([[[9.0, -9.0, 9.0, 0.0], [-9.0, 9.0, -9.0, 0.0]]])  # (1, V=2, m=4)
    >>> r = readout(z, torch.tensor([[0, 1, 0, 1]]), 2)
    >>> r.count.tolist(), round(r.bits.item(), 3), round(r.mi_bits.item(), 3)  # the tie: erased
    ([3], 3.0, 3.0)
    >>> z[0, :, 3] = torch.tensor([3.0, -3.0])  # confidently wrong on the last point: −7.66 bits
    >>> [round(readout(z, torch.tensor([[0, 1, 0, 1]]), 2, clip_group=g).bits.item(), 2)
    ...  for g in (0, 1, 2)]
    [-4.66, 3.0, 2.0]
    """
    m = y.shape[1]
    if logits.shape[1] != classes or (clip_group and m % clip_group):  # shapes only: no sync
        # (bits against log2 5 for 3 logits, a raw view error for m = 6 in groups of 4;
        # 2026-12-05 review)
        raise UsageError(f"readout needs logits (K, V = classes = {classes}, m) and m a "
                         f"multiple of clip_group {clip_group}; got logits "
                         f"{tuple(logits.shape)} and m = {m}")
    loss = class_major_cross_entropy(logits, y)  # (K,)
    count = correct_count(logits.transpose(1, 2), y, counted)  # (K,)
    if clip_group:
        code = -torch.log_softmax(logits, dim=1).gather(1, y[:, None]).squeeze(1) / math.log(2)
        ref = (math.log2(classes) if prior is None
               else -torch.log2(prior.to(logits.device, torch.float64))[y])  # (K, m) or scalar
        gain = (ref - code.double()).view(y.shape[0], -1, clip_group)  # (K, examples, g)
        bits = gain.sum(dim=2).clamp(min=0).sum(dim=1).to(loss.dtype)  # (K,)
    else:
        ref = None if prior is None else reference_bits(y, classes, prior).to(loss.device)
        bits = memorised_bits(loss, m, classes, ref)  # (K,)
    if classes == 2 and prior is not None:  # Collins's formula assumes uniform labels
        mi = channel_information_bits(_decision_table(logits, y, counted), prior).to(loss.dtype)
    elif classes == 2:  # the labels decided wrong: the other class decided
        wrong = correct_count(logits.transpose(1, 2), 1 - y, counted)  # (K,)
        mi = mutual_information_bits(count, wrong).to(loss.dtype)
    else:
        mi = torch.full_like(loss, float("nan"))
    return Readout(loss, count, bits, mi)


def _decision_table(logits: torch.Tensor, y: torch.Tensor,
                    counted: torch.Tensor | None) -> torch.Tensor:
    """``(K, 2, 3)`` counts for :func:`channel_information_bits` from binary class-major logits
    ``(K, 2, m)``: per class, the labels decided 0, decided 1 (by :func:`correct_count`'s
    margin, among the labels that may count) and the rest, undecided."""
    per_point = logits.transpose(1, 2)  # (K, m, 2)
    rows = []
    for cls in (0, 1):
        mine = y == cls if counted is None else (y == cls) & counted
        as_cls = [correct_count(per_point, torch.full_like(y, d), mine) for d in (0, 1)]
        rows.append(torch.stack([*as_cls, (y == cls).sum(dim=1) - as_cls[0] - as_cls[1]], -1))
    return torch.stack(rows, dim=1)  # (K, 2, 3)


def readout_arrays(count, loss, labels: int, classes: int, reference=None, wrong=None
                   ) -> tuple[np.ndarray, np.ndarray | None]:
    """Memorised bits and (V = 2) MI bits from stored final counts and losses (numpy).

    The formulas of :func:`readout` on arrays: memory curves written before the per-label
    reference was stored are read back with ``reference=None`` (uniform labels). ``wrong``
    counts the labels decided wrong (default ``labels − count``: every label decided; a model
    with undecided labels needs its own count, see :func:`mutual_information_bits`).

    Parameters
    ----------
    count : array_like
        Final correct counts, one per member.
    loss : array_like
        Final mean cross-entropies in nats.
    labels : int
        Number m of labels.
    classes : int
        Number V of classes.
    reference : array_like or None, default None
        Reference code lengths R in bits; None: m·log2 V.
    wrong : array_like or None, default None
        Labels decided wrong; None: ``labels - count``. Used only when V = 2.

    Returns
    -------
    bits : numpy.ndarray
        Memorised bits (float64).
    mi : numpy.ndarray or None
        MI bits for V = 2, else None.

    Examples
    --------
    >>> bits, mi = readout_arrays([100, 89], [0.0, math.log(2)], 100, 2)
    >>> bits.tolist(), mi.round(2).tolist()
    ([100.0, 0.0], [100.0, 50.01])
    >>> readout_arrays([0], [math.log(2)], 100, 2, wrong=[0])[1].tolist()  # nothing decided
    [0.0]
    >>> readout_arrays([3], [0.0], 4, 16)[1] is None
    True
    """
    loss = np.asarray(loss, dtype=np.float64)
    ref = None if reference is None else np.asarray(reference, dtype=np.float64)
    bits = np.asarray(memorised_bits(loss, labels, classes, ref), dtype=np.float64)
    if classes != 2:
        return bits, None
    count = np.asarray(count, dtype=np.int64)
    wrong = labels - count if wrong is None else np.asarray(wrong, dtype=np.int64)
    return bits, mutual_information_bits(torch.from_numpy(count), torch.from_numpy(wrong)).numpy()
