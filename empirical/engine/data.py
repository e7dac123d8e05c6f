"""Random memorisation data: inputs and labels drawn independently.

Generation order (reproducible draw for draw, as in the ComfyResearch export of Liu's
"How does memorization affect ℓ2?"): one ``torch.Generator`` seeded with ``seed`` draws, in this
order, ``x_train`` (n_train × d_in), ``y_train`` (``torch.multinomial`` of the class prior, with
replacement), ``x_test``, ``y_test``. Inputs are drawn in float32 and then cast, so a float64 run
sees the same points.

Input laws: ``standard_normal`` (``torch.randn``), ``uniform`` on [−1, 1) (``2·torch.rand − 1``),
``rademacher`` ±1 (``2·torch.randint(0, 2) − 1``). Label priors over classes c_1..c_V:
``uniform`` 1/V, ``power_law`` ∝ n^−α, ``exponential`` ∝ e^−αn.
"""

from __future__ import annotations

import math
import numbers

import torch

from capacity.errors import UsageError
from capacity.options import check_integer, is_integer
from empirical.engine.boolean_data import boolean_dataset
from empirical.engine.config import (
    LABEL_PRIORS,
    DataConfig,
    check_prior_spread,
    finite_number,
    shown_value,
)
from empirical.engine.dataset import Dataset, best_achievable_count, feature_labels
from empirical.engine.memorisation import label_information_bits, reference_bits
from empirical.engine.token_data import token_dataset

__all__ = ["best_achievable_count", "class_prior", "make_dataset"]


def class_prior(classes: int, law: str = "uniform", alpha: float = 1.0) -> torch.Tensor:
    """Class probabilities P(c_n), n = 1..V, as a float64 tensor.

    Parameters
    ----------
    classes : int
        Number of classes V.
    law : {"uniform", "power_law", "exponential"}, default "uniform"
        Weights 1, n^(−α) or e^(−α(n−1)), normalised; any other name raises ``UsageError``.
    alpha : float, default 1.0
        Exponent α of the power and exponential laws (unused for ``"uniform"``).

    Returns
    -------
    torch.Tensor
        ``(V,)`` float64 probabilities summing to 1.

    Examples
    --------
    >>> [round(p, 4) for p in class_prior(3, "power_law", 1.0).tolist()]  # 1, 1/2, 1/3 normalised
    [0.5455, 0.2727, 0.1818]
    >>> float(class_prior(4).sum())
    1.0
    """
    # checked as DataConfig checks them: a NaN alpha gave NaN probabilities and a huge one the
    # one-class prior the config refuses (2026-12-05 review)
    check_integer("classes", classes, 1)
    if law not in LABEL_PRIORS:  # named before its alpha is checked
        raise UsageError(f"unknown label_prior {law!r}; choose uniform, power_law, exponential")
    if law != "uniform" and (isinstance(alpha, bool) or not isinstance(alpha, numbers.Real)
                             or not finite_number(alpha)):  # 10**400 overflowed math.isfinite
        raise UsageError(f"alpha must be a finite number, got {shown_value(alpha)}")
    check_prior_spread(law, alpha, classes)
    n = torch.arange(1, classes + 1, dtype=torch.float64)
    if law == "uniform":
        w = torch.ones_like(n)
    elif law == "power_law":
        w = n ** (-float(alpha))
    else:  # exponential
        w = torch.exp(-float(alpha) * (n - 1))  # shifted by e^α: same normalised prior
    return w / w.sum()


def _inputs(n: int, d: int, law: str, g: torch.Generator) -> torch.Tensor:
    if law == "standard_normal":
        return torch.randn(n, d, generator=g)  # (n, d)
    if law == "uniform":
        return 2.0 * torch.rand(n, d, generator=g) - 1.0  # (n, d)
    if law == "rademacher":
        return 2.0 * torch.randint(0, 2, (n, d), generator=g).float() - 1.0  # (n, d)
    raise UsageError(f"unknown input_law {law!r}; choose standard_normal, uniform, rademacher")


def _labels(n: int, prior: torch.Tensor, g: torch.Generator) -> torch.Tensor:
    if n == 0:
        return torch.zeros(0, dtype=torch.long)
    return torch.multinomial(prior, n, replacement=True, generator=g)  # (n,)


def make_dataset(cfg: DataConfig, seed: int | None = None,
                 dtype: torch.dtype = torch.float32) -> Dataset:
    """Draw the dataset described by ``cfg`` (``seed`` overrides ``cfg.seed``).

    Boolean configs are delegated to :func:`empirical.engine.boolean_data.boolean_dataset`,
    token sequences to :func:`empirical.engine.token_data.token_dataset`; ``seq2seq`` draws
    sequences of d-dimensional tokens with a label per token (:func:`_seq2seq_dataset`).
    ``reference_bits`` is Σ −log2 π(y_i) under a non-uniform label prior (None for uniform).

    Parameters
    ----------
    cfg : DataConfig
        What to draw: ``kind``, sizes, ``classes``, ``d_in``, ``input_law``, ``label_prior``,
        ``alpha`` and ``seed``.
    seed : int or None, default None
        Seed of the draw; None: ``cfg.seed``.
    dtype : torch.dtype, default torch.float32
        dtype of the inputs (token datasets ignore it).

    Returns
    -------
    Dataset
        Train and test inputs ``(n, d_in)`` and labels ``(n,)`` (other shapes for tokens and
        seq2seq), with ``classes``, ``information_bits``, ``best_count``, ``reference_bits``.

    Examples
    --------
    >>> ds = make_dataset(DataConfig(n_train=5, n_test=2, classes=3, d_in=2))
    >>> tuple(ds.x_train.shape), tuple(ds.y_test.shape), ds.best_count
    ((5, 2), (2,), 5)
    >>> round(ds.information_bits, 4) == round(5 * math.log2(3), 4)
    True
    """
    if seed is not None and (not is_integer(seed) or not -2**63 <= seed < 2**64):
        # 1.7 drew seed 1's data, 2^64 a raw overflow error (2026-12-05 review)
        raise UsageError(f"seed must be an integer in -2^63..2^64-1, got {seed!r}")
    if cfg.kind == "boolean":
        return boolean_dataset(cfg, seed=seed, dtype=dtype)
    if cfg.kind == "tokens":
        return token_dataset(cfg, seed=seed)
    if cfg.kind == "seq2seq":
        return _seq2seq_dataset(cfg, seed, dtype)
    seed = cfg.seed if seed is None else seed
    g = torch.Generator().manual_seed(int(seed))
    prior = class_prior(cfg.classes, cfg.label_prior, cfg.alpha)
    x_train = _inputs(cfg.n_train, cfg.d_in, cfg.input_law, g)
    y_train = _labels(cfg.n_train, prior.float(), g)  # float32 prior, as the reference export
    x_test = _inputs(cfg.n_test, cfg.d_in, cfg.input_law, g)
    y_test = _labels(cfg.n_test, prior.float(), g)
    best, counted = feature_labels(x_train, y_train)
    return Dataset(
        x_train=x_train.to(dtype), y_train=y_train, x_test=x_test.to(dtype), y_test=y_test,
        classes=cfg.classes,
        information_bits=label_information_bits(cfg.n_train, cfg.classes, prior),
        best_count=best, counted=counted,
        reference_bits=(None if cfg.label_prior == "uniform"
                        else float(reference_bits(y_train, cfg.classes, prior))),
    )


def _seq2seq_dataset(cfg: DataConfig, seed: int | None, dtype: torch.dtype) -> Dataset:
    """Kim et al.'s sequence-to-sequence memorisation data: n_train (then n_test) sequences of
    ``seq_len`` tokens in R^d_in from ``input_law`` (drawn as one ``(n·S, d)`` block), then a
    label per token from the class prior. A label may depend on the whole sequence, so only
    tokens of equal sequences at equal positions compete (``best_count``).

    Examples
    --------
    >>> ds = make_dataset(DataConfig(kind="seq2seq", d_in=3, seq_len=4, classes=5, n_train=2,
    ...                              n_test=1))
    >>> tuple(ds.x_train.shape), tuple(ds.y_train.shape), ds.labels, ds.best_count
    ((2, 4, 3), (2, 4), 8, 8)
    """
    seed = cfg.seed if seed is None else seed
    g = torch.Generator().manual_seed(int(seed))
    prior = class_prior(cfg.classes, cfg.label_prior, cfg.alpha)
    s, d = cfg.seq_len, cfg.d_in
    x_train = _inputs(cfg.n_train * s, d, cfg.input_law, g).view(cfg.n_train, s, d)
    y_train = _labels(cfg.n_train * s, prior.float(), g).view(cfg.n_train, s)
    x_test = _inputs(cfg.n_test * s, d, cfg.input_law, g).view(cfg.n_test, s, d)
    y_test = _labels(cfg.n_test * s, prior.float(), g).view(cfg.n_test, s)
    best, counted = feature_labels(x_train, y_train)  # a label may read the whole sequence
    return Dataset(
        x_train=x_train.to(dtype), y_train=y_train, x_test=x_test.to(dtype), y_test=y_test,
        classes=cfg.classes,
        information_bits=label_information_bits(cfg.n_train * s, cfg.classes, prior),
        best_count=best, counted=counted,
        reference_bits=(None if cfg.label_prior == "uniform"  # every token's label: flatten
                        else float(reference_bits(y_train.reshape(-1), cfg.classes, prior))))


_ = math  # math is used in the doctest above
