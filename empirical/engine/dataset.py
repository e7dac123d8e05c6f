"""The dataset every run trains on: tensors plus what it takes to memorise them.

Random data (:mod:`empirical.engine.data`) and Boolean data (:mod:`empirical.engine.boolean_data`)
both produce a :class:`Dataset`.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

__all__ = ["Dataset"]


@dataclass(frozen=True)
class Dataset:
    """A classification dataset with what it takes to memorise it.

    Attributes
    ----------
    x_train, y_train, x_test, y_test : torch.Tensor
        Shapes ``(n, d)`` float and ``(n,)`` int64.
    classes : int
        Number of classes V.
    information_bits : float
        Information the training labels carry: n·H(prior) for random data, N·2^M for Boolean.
    best_count : int
        Most training points any function can label correctly (< n when equal inputs carry
        different labels); the success criterion of early stopping.
    """

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor
    classes: int
    information_bits: float
    best_count: int

    @property
    def n_train(self) -> int:
        """Number of training points."""
        return int(self.y_train.shape[0])

    @property
    def best_accuracy(self) -> float:
        """Best achievable train accuracy ``best_count / n_train``."""
        return self.best_count / self.n_train
