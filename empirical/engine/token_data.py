"""Random token sequences: a decoder-only transformer's memorisation data.

n sequences of S tokens, every token drawn uniformly and independently from a vocabulary of V
(Morris et al. 2025's capacity protocol: nothing can be generalised, so everything the model
predicts better than uniform it has memorised). One ``torch.Generator`` seeded with ``seed``
draws the n_train × S training tokens, then the n_test × S test tokens
(``torch.randint``). A point is a sequence: its input is the context, tokens 0..S − 2, and its
T = S − 1 labels are the next tokens 1..S − 1 (the first token is context only; it is never
predicted). Information: n·T·log2 V bits.

**What can be memorised.** A causal model predicts token j of a sequence from tokens 0..j − 1
alone, so sequences that share that prefix share the prediction: of a group of sequences with
equal prefixes of length j, at most the count of the most frequent next token can be right, and
none decidedly when two next tokens tie for most frequent (:mod:`empirical.engine.dataset`:
cross-entropy training drives tied logits equal; such groups' labels are never counted, since
2026-12-03). :func:`best_next_token_count` sums the maxima of the decidable groups over every
position (with V = 16 and 256 sequences, ≈ 16 sequences share each first token, so position 1
alone caps the count well below n·T; tied groups hold 252 of the 2 048 labels of data seed 0
and held 84 of the 1 744 counted before); it is the target of early stopping and the knee of a
memory curve, as ``best_count`` is for repeated inputs of an MLP.

References
----------
J. X. Morris et al., "How much do language models memorize?", arXiv 2505.24832 (2025).
"""

from __future__ import annotations

import numpy as np
import torch

from empirical.engine.config import DataConfig
from empirical.engine.dataset import Dataset, memorisable_labels, per_position_labels
from empirical.engine.memorisation import label_information_bits

__all__ = ["best_next_token_count", "next_token_labels", "token_dataset"]


def next_token_labels(tokens: torch.Tensor | np.ndarray) -> tuple[int, torch.Tensor | None]:
    """``(best_count, counted)`` of the next tokens of ``tokens (n, S)``: the most a causal
    model can predict right decidedly, and which of the ``(n, S − 1)`` labels are decidable
    (None: all of them) (module notes).

    Examples
    --------
    >>> best, counted = next_token_labels([[0, 1, 2], [0, 2, 2], [1, 1, 1]])
    >>> best, counted.tolist()  # position 1: after 0 come 1 and 2, once each: a tie
    (4, [[False, True], [False, True], [True, True]])
    """
    tok = np.asarray(tokens.cpu() if isinstance(tokens, torch.Tensor) else tokens)
    return per_position_labels([memorisable_labels(tok[:, :j], tok[:, j])
                                for j in range(1, tok.shape[1])], len(tok))


def best_next_token_count(tokens: torch.Tensor | np.ndarray) -> int:
    """Most next tokens of ``tokens (n, S)`` a causal model can predict right decidedly
    (module notes).

    Examples
    --------
    >>> best_next_token_count([[0, 1, 2], [0, 2, 2], [1, 1, 1]])  # of 6: 0 → 1 or 2 is tied
    4
    >>> best_next_token_count([[0, 1, 2], [0, 1, 2], [0, 2, 2]])  # of 6: 0 → 1 beats 0 → 2
    5
    """
    return next_token_labels(tokens)[0]


def token_dataset(cfg: DataConfig, seed: int | None = None) -> Dataset:
    """Draw the sequences of ``cfg`` (``seed`` overrides ``cfg.seed``) as a :class:`Dataset`:
    ``x (n, T)`` contexts and ``y (n, T)`` next tokens, T = ``cfg.seq_len − 1``.

    Parameters
    ----------
    cfg : DataConfig
        A token config: ``classes`` (vocabulary), ``seq_len``, ``n_train``, ``n_test``, ``seed``;
        tokens are uniform (``label_prior`` is not used).
    seed : int or None, default None
        Seed of the draw; None: ``cfg.seed``.

    Returns
    -------
    Dataset
        Integer token contexts and next tokens, uniform-label ``information_bits``.

    Examples
    --------
    >>> ds = token_dataset(DataConfig(kind="tokens", classes=4, seq_len=5, n_train=3, n_test=1))
    >>> tuple(ds.x_train.shape), tuple(ds.y_test.shape), ds.labels, ds.information_bits
    ((3, 4), (1, 4), 12, 24.0)
    >>> torch.equal(ds.x_train[:, 1:], ds.y_train[:, :-1])  # y is x shifted by one
    True
    """
    seed = cfg.seed if seed is None else seed
    g = torch.Generator().manual_seed(int(seed))
    train = torch.randint(0, cfg.classes, (cfg.n_train, cfg.seq_len), generator=g)  # (n, S)
    test = torch.randint(0, cfg.classes, (cfg.n_test, cfg.seq_len), generator=g)  # (m, S)
    labels = cfg.n_train * (cfg.seq_len - 1)
    best, counted = next_token_labels(train)
    return Dataset(x_train=train[:, :-1], y_train=train[:, 1:], x_test=test[:, :-1],
                   y_test=test[:, 1:], classes=cfg.classes,
                   information_bits=label_information_bits(labels, cfg.classes),
                   best_count=best, counted=counted)
