"""The dataset every run trains on: tensors plus what it takes to memorise them.

Random data (:mod:`empirical.engine.data`), Boolean data (:mod:`empirical.engine.boolean_data`)
and random token sequences (:mod:`empirical.engine.token_data`) all produce a :class:`Dataset`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

__all__ = ["Dataset", "best_achievable_count"]


@dataclass(frozen=True)
class Dataset:
    """A classification dataset with what it takes to memorise it.

    Attributes
    ----------
    x_train, y_train, x_test, y_test : torch.Tensor
        Shapes ``(n, d)`` float and ``(n,)`` int64; for token sequences ``(n, T)`` context
        tokens and ``(n, T)`` next tokens (int64), T labels per point.
    classes : int
        Number of classes V (the vocabulary for tokens).
    information_bits : float
        Information the training labels carry (:func:`~empirical.engine.memorisation.
        label_information_bits`): n·H(prior) for random data, N·2^M for Boolean,
        n·T·log2 V for token sequences.
    best_count : int
        Most training labels any model can get right (< n when equal inputs carry different
        labels; for tokens, sequences that share a prefix share its next-token prediction);
        the success criterion of early stopping.
    reference_bits : float, optional
        The training labels' code length under the law they were drawn from,
        Σ −log2 π(y_i) (:func:`~empirical.engine.memorisation.reference_bits`), the baseline
        of memorised bits; None for uniform labels (m·log2 V).
    """

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor
    classes: int
    information_bits: float
    best_count: int
    reference_bits: float | None = None

    @property
    def n_train(self) -> int:
        """Number of training points."""
        return int(self.y_train.shape[0])

    @property
    def labels(self) -> int:
        """Number of training labels (points, or points × T for token sequences)."""
        return int(self.y_train.numel())

    @property
    def best_accuracy(self) -> float:
        """Best achievable train accuracy ``best_count / labels``."""
        return self.best_count / self.labels


def best_achievable_count(x: np.ndarray | torch.Tensor, y: np.ndarray | torch.Tensor) -> int:
    """Most points a function of ``x`` can label correctly: Σ over groups of equal inputs of the
    count of their most frequent label.

    Parameters
    ----------
    x : array_like or torch.Tensor
        ``(n, ...)`` inputs; rows are compared flattened, for exact equality.
    y : array_like or torch.Tensor
        ``(n,)`` integer labels.

    Returns
    -------
    int
        Points a best function of ``x`` labels correctly (``n`` when no two equal inputs
        disagree).

    Examples
    --------
    >>> best_achievable_count([[1, 1], [1, 1], [1, 1], [0, 1]], [0, 1, 1, 2])
    3
    """
    x = np.asarray(x.cpu() if isinstance(x, torch.Tensor) else x)
    y = np.asarray(y.cpu() if isinstance(y, torch.Tensor) else y).astype(np.int64)
    _, group = np.unique(x.reshape(len(x), -1), axis=0, return_inverse=True)
    group = group.reshape(-1)
    pair = np.unique(np.stack([group, y]), axis=1, return_counts=True)
    pairs, counts = pair
    best = np.zeros(group.max() + 1 if len(group) else 0, dtype=np.int64)
    np.maximum.at(best, pairs[0], counts)
    return int(best.sum())
