"""The dataset every run trains on: tensors plus what it takes to memorise them.

Random data (:mod:`empirical.engine.data`), Boolean data (:mod:`empirical.engine.boolean_data`)
and random token sequences (:mod:`empirical.engine.token_data`) all produce a :class:`Dataset`.

**What can be memorised.** Points with equal inputs (equal prefixes, for next tokens) get one
prediction, so of such a group at most its most frequent label can be right. When two labels
tie for most frequent, no model does better by deciding one than the other, and cross-entropy
training drives their logits *equal* (its optimum gives tied labels equal probability): whether
such a group counted as memorised was float noise, decided by a 10⁻⁵ margin
(:func:`~empirical.engine.observables.correct_count`), and a fully trained model ended below the
target it was asked to reach. So a group whose top label is tied is *undecidable*: its labels
are never counted, and ``best_count`` sums the top counts of the decidable groups only
(:func:`decidable_labels`, since 2026-12-03; before, a tied group's top count was in
``best_count`` too).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import torch

__all__ = ["Dataset", "best_achievable_count", "decidable_labels", "feature_labels",
           "memorisable_labels", "seen_in",
           "per_position_labels", "stacked_counted"]


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
        Most *decidable* training labels any model can get right (module notes: < n when equal
        inputs carry different labels; for tokens, sequences that share a prefix share its
        next-token prediction); the success criterion of early stopping and of a search.
    reference_bits : float, optional
        The training labels' code length under the law they were drawn from,
        Σ −log2 π(y_i) (:func:`~empirical.engine.memorisation.reference_bits`), the baseline
        of memorised bits; None for uniform labels (m·log2 V).
    counted : torch.Tensor, optional
        ``bool``, the shape of ``y_train``: the labels in decidable groups, the only ones a
        count of memorised labels includes (module notes); None when every label is (every
        input distinct, as for Boolean maps).

    Examples
    --------
    >>> from empirical.engine.config import DataConfig
    >>> from empirical.engine.data import make_dataset
    >>> xor = make_dataset(DataConfig(kind="boolean", table="0110"))
    >>> xor.x_train.tolist(), xor.y_train.tolist(), xor.information_bits, xor.best_accuracy
    ([[-1.0, -1.0], [1.0, -1.0], [-1.0, 1.0], [1.0, 1.0]], [0, 1, 1, 0], 4.0, 1.0)
    >>> x, y = torch.tensor([[0.0], [0.0], [1.0]]), torch.tensor([0, 1, 1])   # x = 0 twice
    >>> best, counted = memorisable_labels(x, y)
    >>> d = Dataset(x, y, x[:0], y[:0], classes=2, information_bits=3.0, best_count=best,
    ...             counted=counted)
    >>> d.n_train, d.labels, d.best_count, d.counted.tolist()   # x = 0's tie counts for none
    (3, 3, 1, [False, False, True])
    """

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor
    classes: int
    information_bits: float
    best_count: int
    reference_bits: float | None = None
    counted: torch.Tensor | None = None

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


def _as_array(values) -> np.ndarray:
    """A tensor (on any device, bfloat16 included) or array_like as a numpy array, every value
    kept exactly (numpy has no bfloat16: it raised TypeError; float32 holds each bfloat16
    value exactly, so equal inputs stay equal, 2026-12-07 audit)."""
    if isinstance(values, torch.Tensor):
        values = values.detach().cpu()
        if values.dtype == torch.bfloat16:
            values = values.float()
    return np.asarray(values)


def _top_counts(x, y) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(group, top, decidable)``: each point's group of equal inputs, each group's largest
    label count, and whether that count is reached by one label only."""
    x = _as_array(x)
    y = _as_array(y).astype(np.int64)
    if not len(x):  # no points, no groups (reshape(0, -1) raised numpy's ValueError, audit)
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=bool)
    _, group = np.unique(x.reshape(len(x), -1), axis=0, return_inverse=True)
    group = group.reshape(-1)
    groups = group.max() + 1
    (pair_group, _), counts = np.unique(np.stack([group, y]), axis=1, return_counts=True)
    top = np.zeros(groups, dtype=np.int64)
    np.maximum.at(top, pair_group, counts)
    at_top = np.zeros(groups, dtype=np.int64)  # labels reaching the group's top count
    np.add.at(at_top, pair_group, counts == top[pair_group])
    return group, top, at_top == 1


def decidable_labels(x: np.ndarray | torch.Tensor, y: np.ndarray | torch.Tensor) -> np.ndarray:
    """Which labels lie in a *decidable* group: equal inputs whose most frequent label is
    unique (module notes).

    Parameters
    ----------
    x : array_like or torch.Tensor
        ``(n, ...)`` inputs; rows are compared flattened, for exact equality.
    y : array_like or torch.Tensor
        ``(n,)`` integer labels.

    Returns
    -------
    numpy.ndarray
        ``(n,)`` bool.

    Examples
    --------
    >>> decidable_labels([[1], [1], [1], [0], [0]], [0, 1, 1, 2, 3]).tolist()  # [0] ties 2, 3
    [True, True, True, False, False]
    """
    group, _, decidable = _top_counts(x, y)
    return decidable[group]


def best_achievable_count(x: np.ndarray | torch.Tensor, y: np.ndarray | torch.Tensor) -> int:
    """Most points a function of ``x`` labels correctly *and decidedly*: Σ over the decidable
    groups of equal inputs of the count of their most frequent label (a group whose top label
    is tied contributes nothing: module notes).

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
    >>> best_achievable_count([[1, 1], [1, 1], [0, 1]], [0, 1, 2])  # the first group ties
    1
    """
    _, top, decidable = _top_counts(x, y)
    return int(top[decidable].sum())


def memorisable_labels(x: np.ndarray | torch.Tensor, y: np.ndarray | torch.Tensor,
                       ) -> tuple[int, torch.Tensor | None]:
    """``(best_count, counted)`` of a :class:`Dataset` whose labels ``y`` depend on ``x``:
    :func:`best_achievable_count` and :func:`decidable_labels` as a bool tensor, None when every
    label is decidable.

    Examples
    --------
    >>> memorisable_labels([[0], [1]], [1, 1])
    (2, None)
    >>> best, counted = memorisable_labels([[0], [0]], [0, 1])
    >>> best, counted.tolist()
    (0, [False, False])
    """
    group, top, decidable = _top_counts(x, y)
    mask = decidable[group]
    return int(top[decidable].sum()), (None if mask.all() else torch.from_numpy(mask))


def seen_in(data: Dataset, dtype: torch.dtype) -> Dataset:
    """``data`` with its target (``best_count``, ``counted``) for a network that sees its
    inputs rounded to ``dtype`` — bf16 under ``torch.autocast``, whose first matmul rounds the
    float32 inputs, so points 1.0 and 1.001 become one point: with ``d_in = 1`` and
    n = 2 000 the float32 target 2 000 was out of reach (1 421 in bf16), no member stopped
    early and every search failed (2026-12-04 review). Unchanged when the inputs are not
    floats (tokens) or no two training points merge.

    Parameters
    ----------
    data : Dataset
        A dataset made for the float inputs.
    dtype : torch.dtype
        The dtype the network's first layer reads the inputs in.

    Returns
    -------
    Dataset
        ``data`` itself, or a copy with the target of the rounded inputs.

    Examples
    --------
    >>> d = Dataset(torch.tensor([[1.0], [1.001]]), torch.tensor([0, 1]), torch.zeros(0, 1),
    ...             torch.zeros(0, dtype=torch.long), classes=2, information_bits=2.0,
    ...             best_count=2)
    >>> seen_in(d, torch.bfloat16).best_count, seen_in(d, torch.float32).best_count
    (0, 2)
    """
    x = data.x_train
    if not x.is_floating_point():  # token ids: looked up, not rounded
        return data
    seen = x.to(dtype).to(x.dtype)
    if torch.equal(seen, x):  # ±1 Boolean inputs, for instance
        return data
    best, counted = feature_labels(seen, data.y_train)
    return dataclasses.replace(data, best_count=best, counted=counted)


def feature_labels(x: torch.Tensor, y: torch.Tensor) -> tuple[int, torch.Tensor | None]:
    """:func:`memorisable_labels` of float features: one label a point (``x`` (n, d), ``y``
    (n,)), or a seq2seq label at every position of a sequence (``x`` (n, S, d), ``y`` (n, S)),
    where a label may read the whole sequence.

    Examples
    --------
    >>> x = torch.tensor([[[0.0], [1.0]], [[0.0], [1.0]]])  # two equal sequences
    >>> feature_labels(x, torch.tensor([[0, 1], [1, 1]]))[0]  # position 0 undecidable
    2
    """
    if y.dim() == 1:
        return memorisable_labels(x, y)
    n = len(y)
    whole = x.reshape(n, -1)  # (n, S·d)
    return per_position_labels([memorisable_labels(whole, y[:, j]) for j in range(y.shape[1])], n)


def per_position_labels(parts: list[tuple[int, torch.Tensor | None]], n: int
                        ) -> tuple[int, torch.Tensor | None]:
    """Join the :func:`memorisable_labels` of each label position of ``n`` sequences into the
    ``(best_count, counted)`` of their ``(n, T)`` labels.

    Examples
    --------
    >>> best, counted = per_position_labels([(2, None), (0, torch.tensor([False, False]))], 2)
    >>> best, counted.tolist()
    (2, [[True, False], [True, False]])
    """
    best = sum(b for b, _ in parts)
    if all(c is None for _, c in parts):
        return best, None
    return best, torch.stack([torch.ones(n, dtype=torch.bool) if c is None else c
                              for _, c in parts], dim=1)


def stacked_counted(datasets: list[Dataset]) -> torch.Tensor | None:
    """The ``(K, n[, T])`` ``counted`` masks of one ensemble's datasets (all True where a
    dataset has none), or None when no dataset has one.

    Examples
    --------
    >>> d = Dataset(torch.zeros(2, 1), torch.tensor([0, 1]), torch.zeros(0, 1),
    ...             torch.zeros(0, dtype=torch.long), 2, 2.0, 0, None, torch.tensor([False, False]))
    >>> e = Dataset(torch.zeros(2, 1), torch.tensor([0, 1]), torch.zeros(0, 1),
    ...             torch.zeros(0, dtype=torch.long), 2, 2.0, 2)
    >>> stacked_counted([d, e]).tolist(), stacked_counted([e])
    ([[False, False], [True, True]], None)
    """
    if all(d.counted is None for d in datasets):
        return None
    return torch.stack([torch.ones_like(d.y_train, dtype=torch.bool) if d.counted is None
                        else d.counted for d in datasets])
