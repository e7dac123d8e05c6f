"""What is logged during training, per ensemble member (every function returns a ``(K,)`` tensor).

* train/test mean cross-entropy (nats) and accuracy;
* weight ℓ2 = sqrt(Σ w²) over all parameters, biases included (the seed post's "weight L2
  observable"), and the same norm per layer (weight and bias of that layer);
* memorised count C = #{training labels whose logit exceeds every other by more than a
  rounding margin} (Liu, "Memory 1", 2026-02-09, counts argmax = label; the two differ only on
  ties and near-ties within 1e-5 relative, which count as wrong here: :func:`correct_count`).

Memorised bits and the mutual-information read-out are defined once, in
:mod:`empirical.engine.memorisation` (the capacity harness), from these losses and counts.
"""

from __future__ import annotations

import torch

__all__ = [
    "MARGIN",
    "class_major_cross_entropy",
    "correct_count",
    "l2_norms",
    "layer_l2",
    "mean_cross_entropy",
    "weight_l2",
]


def mean_cross_entropy(logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy (nats) per member: logits ``(K, n, V)``, labels ``(K, n)`` → ``(K,)``.

    Parameters
    ----------
    logits : torch.Tensor
        Point-major logits ``(K, n, V)``.
    y : torch.Tensor
        Integer labels ``(K, n)``.

    Returns
    -------
    torch.Tensor
        ``(K,)`` mean cross-entropies (NaN for n = 0).

    Examples
    --------
    >>> mean_cross_entropy(torch.zeros(1, 3, 4), torch.zeros(1, 3, dtype=torch.long))
    tensor([1.3863])
    """
    return class_major_cross_entropy(logits.transpose(1, 2), y)


def class_major_cross_entropy(logits: torch.Tensor, y: torch.Tensor,
                              onehot: torch.Tensor | None = None) -> torch.Tensor:
    """Mean cross-entropy (nats) per member from class-major logits ``(K, V, n)`` → ``(K,)``.

    ``−mean_i log_softmax(z_i)[y_i]`` with the softmax over dim 1, i.e. exactly what
    ``torch.nn.functional.cross_entropy`` computes (``nll_loss ∘ log_softmax``), per member.
    This is the trainer's loss: reducing over dim 1 of a ``(K, V, n)`` tensor vectorises over
    the n points, where a reduction over a size-2 innermost axis does not. Member k's value
    depends only on ``logits[k]``, so summing over members gives each member its own gradient.

    Parameters
    ----------
    logits : torch.Tensor
        Class-major logits ``(K, V, n)``.
    y : torch.Tensor
        Integer labels ``(K, n)``; unused when ``onehot`` is given.
    onehot : torch.Tensor or None, default None
        The labels one-hot, ``(K, V, n)``: a weighted sum replaces the gather.

    Returns
    -------
    torch.Tensor
        ``(K,)`` mean cross-entropies in nats, NaN for n = 0.

    Examples
    --------
    >>> z = torch.tensor([[[2.0, 0.0, 1.0], [0.0, 1.0, 1.0]]])  # (1, V=2, n=3)
    >>> y = torch.tensor([[0, 1, 1]])
    >>> ref = torch.nn.functional.cross_entropy(z[0].T, y[0])
    >>> torch.allclose(class_major_cross_entropy(z, y), ref[None])
    True
    >>> onehot = torch.nn.functional.one_hot(y, 2).transpose(1, 2).float()  # (1, V, n)
    >>> torch.equal(class_major_cross_entropy(z, y, onehot), class_major_cross_entropy(z, y))
    True
    """
    k, _, n = logits.shape
    if n == 0:
        return torch.full((k,), float("nan"), dtype=logits.dtype, device=logits.device)
    logp = torch.log_softmax(logits, dim=1)  # (K, V, n)
    # + 0.0: a loss of exactly 0 is +0.0, not the −0.0 that negating wrote into metrics.csv
    if onehot is not None:  # selected, not multiplied: 0·(−inf) is NaN where logits are ±3e38
        return -torch.where(onehot > 0, logp, 0.0).sum(dim=1).mean(dim=1) + 0.0  # (K,)
    # .long(): gather takes int32 or int64 indices (uint8 or int8 labels raised, 2026-12-07 audit)
    return -logp.gather(1, y[:, None, :].long()).squeeze(1).mean(dim=1) + 0.0  # (K,)


#: Smallest margin that counts a label as decided, relative to 1 + the larger |logit| of the
#: label and its best rival: about 100 float32 rounding steps (see :func:`correct_count`).
MARGIN = 1e-5


def correct_count(logits: torch.Tensor, y: torch.Tensor,
                  counted: torch.Tensor | None = None) -> torch.Tensor:
    """Number of points whose label's logit exceeds every other logit by more than
    :data:`MARGIN` × (1 + the larger |logit| of the label and its best rival), per member (the
    memorised count C).

    A tie is no decision: a point whose label shares the largest logit with another class is
    wrong for every label, and so is a point with a NaN or infinite logit. The plain
    ``argmax == label`` rule would credit a dead network (all logits equal) with every class-0
    point, because ``argmax`` resolves ties to the first class. The margin also refuses a
    decision by float rounding: a linear model trained by SGD with momentum on an XOR-like map
    of M = 3 can end with the two logits of four points equal up to 1e-7 but not exactly, the
    larger one right everywhere — a "memorisation" no exact classifier of that size can make
    (2026-12-01 audit). A margin of 1e-5 relative is far below what training reaches on a point
    it has decided (cross-entropy keeps widening it), and far above float32 rounding.

    Parameters
    ----------
    logits : torch.Tensor
        ``(K, n, V)`` (any strides).
    y : torch.Tensor
        ``(K, n)`` labels in ``0..V−1``, any integer dtype.
    counted : torch.Tensor or None, default None
        ``(K, n)`` bool: the points that may count (``Dataset.counted``: the labels of groups
        of equal inputs whose top label is tied are never memorised); None: all.

    Returns
    -------
    torch.Tensor
        ``(K,)`` int64 counts.

    Examples
    --------
    >>> logits = torch.tensor([[[2.0, 0.0], [0.0, 1.0], [3.0, 0.0], [1.0, 1.0]]])  # (1, 4, 2)
    >>> correct_count(logits, torch.tensor([[0, 1, 1, 0]]))  # the tie at point 3 is wrong
    tensor([2])
    >>> near = torch.tensor([[[0.25, 0.25 + 2**-24], [0.0, 1.0]]])  # a one-ulp gap: undecided
    >>> correct_count(near, torch.tensor([[1, 1]]))
    tensor([1])
    >>> correct_count(logits, torch.tensor([[0, 1, 1, 0]]), torch.tensor([[False, True, True,
    ...                                                                    True]]))
    tensor([1])
    >>> inf = float("inf")   # an infinite logit anywhere, for any number of classes
    >>> correct_count(torch.tensor([[[-inf, 0.3, 0.5], [-inf, 0.5, -inf], [0.0, 0.3, 0.5]]]),
    ...               torch.tensor([[2, 1, 2]]))
    tensor([1])
    """
    if logits.shape[2] == 2:
        # two classes: elementwise passes over (K, n) views, no size-2 reduction per point
        # (timings: docs/benchmarks.md). NaN and ±inf compare false against the tolerance.
        l0, l1 = logits[:, :, 0], logits[:, :, 1]  # (K, n) views
        gap = torch.where(y == 1, l1 - l0, l0 - l1)  # (K, n) the label's margin
        tol = torch.maximum(l0.abs(), l1.abs()).add_(1).mul_(MARGIN)  # (K, n)
        hit = torch.gt(gap, tol)  # (K, n)
        return (hit if counted is None else hit.logical_and_(counted)).sum(dim=1)
    # reduce over the classes on the class-major layout (K, V, n) when the points are the
    # contiguous axis (the trainer's logits): gather, scatter and amax then vectorise over the
    # points, 3.6x faster at (1, 17, 5 120) than on the strided view (docs/benchmarks.md)
    class_major = logits.stride(1) == 1 and logits.stride(2) != 1
    dim = 1 if class_major else 2
    scores = logits.transpose(1, 2) if class_major else logits  # classes on dim ``dim``
    yi = y.long().unsqueeze(dim)  # (K, 1, n) or (K, n, 1)
    true = scores.gather(dim, yi).squeeze(dim)  # (K, n)
    other = scores.scatter(dim, yi, float("-inf")).amax(dim=dim)  # (K, n) best other class
    tol = torch.maximum(true.abs(), other.abs()).add_(1).mul_(MARGIN)  # (K, n)
    hit = torch.gt(true - other, tol)  # (K, n) NaN anywhere: the comparison fails
    # a -inf logit of a class that is not the best rival escaped both (it counted: 2026-12-06
    # review); amin is one cheap vectorised pass (8 µs at (1, 17, 5 120) against 64 for the rest)
    hit.logical_and_(scores.amin(dim=dim) > float("-inf"))
    return (hit if counted is None else hit.logical_and_(counted)).sum(dim=1)


def l2_norms(layers: list[list[torch.Tensor]]) -> tuple[torch.Tensor, torch.Tensor]:
    """ℓ2 norm of each layer (weight and bias) and of every parameter, per member:
    ``((K, L), (K,))`` in the parameters' dtype.

    Both come from one sum of squares kept in float64, so a total whose float32 square would
    overflow (layers of norm ≈ 10^31) is still the finite norm (:func:`weight_l2`).

    Examples
    --------
    >>> w, b = torch.full((2, 3, 4), 1.0), torch.zeros(2, 1, 4)
    >>> per_layer, total = l2_norms([[w, b], [b, b]])
    >>> per_layer.tolist(), total.tolist()
    ([[3.464101552963257, 0.0], [3.464101552963257, 0.0]], [3.464101552963257, 3.464101552963257])
    """
    # squares of float32 (or float16) values are exact in float64 and the sum is kept there:
    # a float32 sum's grouping follows the padded length, which moved a member's ℓ2 in the last
    # bits when its ensemble-mates' widths changed (2026-12-02 review); padding adds exact zeros
    squares = torch.stack([sum(p.detach().double().square().flatten(1).sum(dim=1)
                               for p in group) for group in layers], dim=1)  # (K, L) float64
    dtype = layers[0][0].dtype
    # the total from the float64 squares: squaring the float32 layer norms overflowed to inf
    # once a layer's norm passed ≈ 1.8·10^19 (a diverging run logged weight_l2 = inf beside
    # finite layer norms of 10^31, 2026-12-04 review)
    return squares.sqrt().to(dtype), squares.sum(dim=1).sqrt().to(dtype)


def layer_l2(layers: list[list[torch.Tensor]]) -> torch.Tensor:
    """ℓ2 norm of each layer (weight and bias) per member: ``(K, L)``.

    Examples
    --------
    >>> w, b = torch.full((2, 3, 4), 1.0), torch.zeros(2, 1, 4)
    >>> layer_l2([[w, b]])
    tensor([[3.4641],
            [3.4641]])
    """
    return l2_norms(layers)[0]


def weight_l2(layers: list[list[torch.Tensor]]) -> torch.Tensor:
    """sqrt(Σ w²) over every parameter (biases included), per member: ``(K,)``.

    Examples
    --------
    >>> weight_l2([[torch.full((1, 2, 2), 1.0), torch.full((1, 1, 2), 2.0)]])
    tensor([3.4641])
    >>> weight_l2([[torch.full((1, 1, 1), 1e31)], [torch.full((1, 1, 1), 1e31)]])  # no overflow
    tensor([1.4142e+31])
    """
    return l2_norms(layers)[1]
