"""What is logged during training, per ensemble member (every function returns a ``(K,)`` tensor).

* train/test mean cross-entropy (nats) and accuracy;
* weight ℓ2 = sqrt(Σ w²) over all parameters, biases included (the seed post's "weight L2
  observable"), and the same norm per layer (weight and bias of that layer);
* memorised count C = #{training points whose argmax equals the label} (Liu, "Memory 1",
  2026-02-09);
* memorised bits (ln V − ℓ)·n / ln 2, ℓ the mean train cross-entropy in nats (Liu, "Memory 2",
  2026-03-06; the same read-out as Morris et al. 2025 on uniform labels);
* mutual-information read-out b·(1 − H2(p)) for binary labels, b points, p the error rate
  (Collins, Sohl-Dickstein & Sussillo, ICLR 2017).
"""

from __future__ import annotations

import math

import torch

__all__ = [
    "binary_entropy_bits",
    "class_major_cross_entropy",
    "correct_count",
    "layer_l2",
    "mean_cross_entropy",
    "memorised_bits",
    "mutual_information_bits",
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
    """Number of points whose argmax equals the label, per member (the memorised count C).

    Examples
    --------
    >>> logits = torch.tensor([[[2.0, 0.0], [0.0, 1.0], [3.0, 0.0]]])  # (1, 3, 2)
    >>> correct_count(logits, torch.tensor([[0, 1, 1]]))
    tensor([2])
    """
    # argmax over a size-V innermost axis of a *contiguous* (K, n, V) tensor: on the trainer's
    # transposed (K, V, n) logits the strided argmax is ~10x slower than copying first.
    return (logits.contiguous().argmax(dim=2) == y).sum(dim=1)  # (K,)


def memorised_bits(loss_nats: torch.Tensor, n: int, classes: int) -> torch.Tensor:
    """(ln V − ℓ)·n / ln 2: bits saved against the uniform code by the model's predictions.

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
    """
    return (math.log(classes) - loss_nats) * n / math.log(2)


def binary_entropy_bits(p: torch.Tensor) -> torch.Tensor:
    """H2(p) = −p log2 p − (1 − p) log2(1 − p), with H2(0) = H2(1) = 0.

    Examples
    --------
    >>> binary_entropy_bits(torch.tensor([0.0, 0.5, 1.0])).tolist()
    [0.0, 1.0, 0.0]
    """
    p = p.double()
    return (-(torch.xlogy(p, p) + torch.xlogy(1 - p, 1 - p)) / math.log(2)).add(0.0)  # no -0


def mutual_information_bits(error_rate: torch.Tensor, b: int) -> torch.Tensor:
    """b·(1 − H2(p)): information between b binary labels and predictions with error rate p.

    References
    ----------
    J. Collins, J. Sohl-Dickstein, D. Sussillo, "Capacity and trainability in recurrent neural
    networks", ICLR 2017 (the bits-per-parameter read-out).

    Examples
    --------
    >>> mutual_information_bits(torch.tensor([0.0, 0.5, 0.11]), 100).round(decimals=2)
    tensor([100.0000,   0.0000,  50.0100], dtype=torch.float64)
    """
    return b * (1 - binary_entropy_bits(error_rate))


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
