"""The information a dataset's labels carry and a search's bits per parameter: the two numbers of
:mod:`empirical.engine.memorisation` that need no torch (re-exported there), so that a process
that only plans searches and reports their results (``memcap compare``'s main process) does not
import it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from capacity.errors import UsageError
from capacity.options import check_integer

if TYPE_CHECKING:
    import torch

__all__ = ["bracket_bits_per_parameter", "label_information_bits"]


def label_information_bits(labels: int, classes: int, prior: torch.Tensor | None = None
                           ) -> float:
    """m·H(π): the information ``labels`` labels drawn from ``prior`` carry (uniform: m·log2 V).

    Parameters
    ----------
    labels : int
        Number m of labels.
    classes : int
        Number V of classes (used only when ``prior`` is None).
    prior : torch.Tensor or None, default None
        ``(V,)`` class probabilities π; zero entries are skipped. None: uniform.

    Returns
    -------
    float
        Bits.

    Examples
    --------
    >>> label_information_bits(100, 16)
    400.0
    >>> import torch
    >>> label_information_bits(10, 2, torch.tensor([0.5, 0.5]))
    10.0
    """
    # -10 labels were -10 bits and an unnormalised prior [2, 2] -40 bits (2026-12-05 review)
    check_integer("labels", labels, 0)
    if prior is None:
        check_integer("classes", classes, 1)
        return labels * math.log2(classes)
    import torch  # a prior is a torch tensor (empirical.engine.data.class_prior)

    prior = torch.as_tensor(prior, dtype=torch.float64)
    if (prior.dim() != 1 or not bool(torch.isfinite(prior).all()) or bool((prior < 0).any())
            or abs(float(prior.sum()) - 1) > 1e-6):
        raise UsageError(f"prior must be a (V,) tensor of probabilities summing to 1, got "
                         f"{prior.tolist() if prior.numel() <= 8 else tuple(prior.shape)}")
    p = prior[prior > 0]
    # + 0.0: a one-class prior is +0.0 bits, not the −0.0 of negating (into summary.json)
    return labels * float(-(p * torch.log2(p)).sum()) + 0.0


def bracket_bits_per_parameter(information_bits: float, needed: int, below: int | None,
                               smallest: int | None = None) -> tuple[float, float, float]:
    """Bits per parameter of a search's answer: (estimate, lower, upper).

    The smallest size that fits lies in ``(below, needed]`` (parameters; ``below`` None when
    nothing smaller was measured failing), so the labels' information per parameter at that size
    lies in ``[bits/needed, bits/(below + 1)]``; the estimate is bits/needed (conservative).
    Without ``below`` the size lies in ``[smallest, needed]``: the search space's smallest
    network bounds it (sizes below the answer that diverged or were not measured say nothing).

    Parameters
    ----------
    information_bits : float
        The labels' information in bits.
    needed : int
        Parameters of the smallest size found to fit.
    below : int or None
        Parameters of the largest size measured failing; None if none.
    smallest : int or None, default None
        Parameters of the smallest network of the search space, read when ``below`` is None;
        None: the bracket closes at ``needed``.

    Returns
    -------
    estimate, lower, upper : float
        ``bits/needed`` twice, and ``bits/(below + 1)`` (``bits/min(smallest, needed)`` if
        ``below`` is None).

    Examples
    --------
    >>> bracket_bits_per_parameter(64.0, 56, 47)
    (1.1428571428571428, 1.1428571428571428, 1.3333333333333333)
    >>> bracket_bits_per_parameter(4.0, 12, None)
    (0.3333333333333333, 0.3333333333333333, 0.3333333333333333)
    >>> bracket_bits_per_parameter(4.0, 12, None, smallest=8)   # nothing failed below: down to 8
    (0.3333333333333333, 0.3333333333333333, 0.5)
    """
    # below >= needed gave a lower end above the upper one, needed = 0 a ZeroDivisionError
    # (2026-12-05 review)
    check_integer("needed", needed, 1)
    if below is not None and not 0 <= check_integer("below", below, 0) < needed:
        raise UsageError(f"below ({below}) must be smaller than needed ({needed}): the answer "
                         "lies in (below, needed]")
    est = information_bits / needed
    if below is None:
        floor = needed if smallest is None else min(check_integer("smallest", smallest, 1),
                                                    needed)
        return est, est, information_bits / floor
    upper = information_bits / (below + 1)
    return est, est, upper
