"""What is logged during training, per ensemble member (every function returns a ``(K,)`` tensor).

* train/test mean cross-entropy (nats) and accuracy;
* weight ℓ2 = sqrt(Σ w²) over all parameters, biases included (the seed post's "weight L2
  observable"), and the same norm per layer (weight and bias of that layer);
* memorised count C = #{training labels whose logit is strictly the largest} (Liu, "Memory 1",
  2026-02-09, counts argmax = label; the two differ only on exact ties, which count as wrong
  here).

Memorised bits and the mutual-information read-out are defined once, in
:mod:`empirical.engine.memorisation` (the capacity harness), from these losses and counts.
"""

from __future__ import annotations

import torch

__all__ = [
    "class_major_cross_entropy",
    "correct_count",
    "layer_l2",
    "mean_cross_entropy",
    "weight_l2",
]


def mean_cross_entropy(logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy (nats) per member: logits ``(K, n, V)``, labels ``(K, n)`` → ``(K,)``.

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
    if onehot is not None:
        return -(logp * onehot).sum(dim=1).mean(dim=1)  # (K,)
    return -logp.gather(1, y[:, None, :]).squeeze(1).mean(dim=1)  # (K,)


def correct_count(logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Number of points whose label's logit is *strictly* the largest, per member (the
    memorised count C).

    A tie is no decision: a point whose label shares the largest logit with another class is
    wrong for every label, and so is a point with a NaN logit (NaN compares false). The plain
    ``argmax == label`` rule would credit a dead network (all logits equal) with every class-0
    point, because ``argmax`` resolves ties to the first class.

    Parameters
    ----------
    logits : torch.Tensor
        ``(K, n, V)`` (any strides).
    y : torch.Tensor
        ``(K, n)`` labels in ``0..V−1``, any integer dtype.

    Returns
    -------
    torch.Tensor
        ``(K,)`` int64 counts.

    Examples
    --------
    >>> logits = torch.tensor([[[2.0, 0.0], [0.0, 1.0], [3.0, 0.0], [1.0, 1.0]]])  # (1, 4, 2)
    >>> correct_count(logits, torch.tensor([[0, 1, 1, 0]]))  # the tie at point 3 is wrong
    tensor([2])
    """
    if logits.shape[2] == 2:
        # two classes: label 1 needs l0 < l1, label 0 needs l1 < l0. Comparisons, not the sign
        # of l1 − l0, which flush-to-zero would turn into a tie for close subnormal-gap logits;
        # NaN and ties compare false. Elementwise passes over (K, n) views, no size-2
        # reduction per point (timings: docs/benchmarks.md)
        l0, l1 = logits[:, :, 0], logits[:, :, 1]  # (K, n) views
        one = y == 1  # (K, n) bool, for any integer label dtype
        hit = torch.lt(l0, l1).logical_and_(one)
        return hit.logical_or_(torch.lt(l1, l0).logical_and_(one.logical_not_())).sum(dim=1)
    true = logits.gather(2, y.long()[:, :, None])  # (K, n, 1)
    # every other logit strictly below the label's: V − 1 of them (NaN anywhere fails)
    below = torch.lt(logits, true).sum(dim=2)  # (K, n)
    return below.eq_(logits.shape[2] - 1).sum(dim=1)  # (K,)


def layer_l2(layers: list[list[torch.Tensor]]) -> torch.Tensor:
    """ℓ2 norm of each layer (weight and bias) per member: ``(K, L)``.

    Examples
    --------
    >>> w, b = torch.full((2, 3, 4), 1.0), torch.zeros(2, 1, 4)
    >>> layer_l2([[w, b]])
    tensor([[3.4641],
            [3.4641]])
    """
    cols = [sum(p.detach().square().flatten(1).sum(dim=1) for p in group) for group in layers]
    return torch.stack(cols, dim=1).sqrt()  # (K, L)


def weight_l2(layers: list[list[torch.Tensor]]) -> torch.Tensor:
    """sqrt(Σ w²) over every parameter (biases included), per member: ``(K,)``.

    Examples
    --------
    >>> weight_l2([[torch.full((1, 2, 2), 1.0), torch.full((1, 1, 2), 2.0)]])
    tensor([3.4641])
    """
    return layer_l2(layers).square().sum(dim=1).sqrt()
