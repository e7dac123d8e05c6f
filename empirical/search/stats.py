"""Binomial statistics for success rates: the Wilson score interval.

A capacity search trains S seeds per candidate size and counts successes; the success rate is a
binomial proportion, and with S = 3..20 the normal ("Wald") interval p̂ ± z·√(p̂(1−p̂)/S) is useless
(it collapses to a point at 0/S and S/S). The Wilson score interval inverts the score test instead:
it never leaves [0, 1], is never empty, and keeps a sensible width at 0/S and S/S.

This module imports no torch.

References
----------
.. [1] E. B. Wilson, "Probable inference, the law of succession, and statistical inference",
   Journal of the American Statistical Association 22(158):209–212, 1927.
.. [2] L. D. Brown, T. T. Cai, A. DasGupta, "Interval estimation for a binomial proportion",
   Statistical Science 16(2):101–133, 2001 (recommends Wilson for small n).
"""

from __future__ import annotations

import math
import numbers
from statistics import NormalDist

from capacity.errors import UsageError

__all__ = ["wilson_interval", "z_value"]


def z_value(confidence: float = 0.95) -> float:
    """Two-sided standard-normal quantile z with P(|Z| ≤ z) = ``confidence``.

    Computed with :class:`statistics.NormalDist` (Wichura's AS 241, equal to
    ``scipy.stats.norm.ppf`` to 1e-14; tested), so this module needs no scipy.

    Examples
    --------
    >>> round(z_value(0.95), 6)
    1.959964
    >>> z_value(1.5)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: confidence must be in (0, 1), got 1.5; e.g. 0.95
    """
    if not 0 < confidence < 1:
        raise UsageError(f"confidence must be in (0, 1), got {confidence!r}; e.g. 0.95")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson_interval(successes: int, trials: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion ``successes / trials``.

    With p̂ = s/n and z the two-sided normal quantile of ``confidence``::

        centre = (p̂ + z²/(2n)) / (1 + z²/n)
        half   = z / (1 + z²/n) · √(p̂(1−p̂)/n + z²/(4n²))
        interval = [centre − half, centre + half]  (clipped to [0, 1])

    ``trials == 0`` gives the uninformative ``(0.0, 1.0)``. The interval contains p̂, is
    symmetric under successes ↔ failures (``lo(s, n) = 1 − hi(n − s, n)``) and shrinks as
    ``trials`` grows at a fixed p̂.

    Parameters
    ----------
    successes, trials : int
        ``0 <= successes <= trials``.
    confidence : float
        Coverage in (0, 1), default 0.95.

    Returns
    -------
    (float, float)
        Lower and upper bound.

    Examples
    --------
    >>> [round(v, 4) for v in wilson_interval(5, 10)]
    [0.2366, 0.7634]
    >>> [round(v, 4) for v in wilson_interval(0, 10)]
    [0.0, 0.2775]
    >>> [round(v, 4) for v in wilson_interval(10, 10)]
    [0.7225, 1.0]
    >>> wilson_interval(0, 0)
    (0.0, 1.0)
    >>> wilson_interval(float("nan"), 3)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: successes must be an integer, got nan
    >>> wilson_interval(4, 3)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: need 0 <= successes <= trials, got successes = 4, trials = 3

    References
    ----------
    .. [1] E. B. Wilson, JASA 22(158):209–212, 1927.
    """
    for name, value in (("successes", successes), ("trials", trials)):
        if (isinstance(value, bool) or not isinstance(value, numbers.Real)
                or not math.isfinite(value) or int(value) != value):
            raise UsageError(f"{name} must be an integer, got {value!r}")
    s, n = int(successes), int(trials)
    if n < 0 or not 0 <= s <= n:
        raise UsageError(f"need 0 <= successes <= trials, got successes = {s}, trials = {n}")
    z = z_value(confidence)
    if n == 0:
        return (0.0, 1.0)
    p = s / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    lo = 0.0 if s == 0 else max(0.0, centre - half)
    hi = 1.0 if s == n else min(1.0, centre + half)
    return (lo, hi)
