"""Certified comparisons of real numbers built from integers, logarithms and e.

A comparison ``a >= b`` is decided with interval arithmetic (``mpmath.iv``): the difference is
enclosed in an interval whose endpoints are rounded outwards, and the precision is doubled until the
interval excludes 0. The answer is therefore exact, not a floating-point guess. Callers must only
ask about differences that are provably non-zero (e.g. ``E (1 + ln m) - m ln 2`` is never 0 for
integers ``E, m >= 1`` because ``e`` is transcendental).

Examples
--------
>>> certified_positive(lambda iv: iv.log(3) - 1)
True
>>> certified_positive(lambda iv: 1 - iv.log(3))
False
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath

__all__ = ["certified_positive"]


def certified_positive(diff: Callable, max_prec: int = 1 << 16) -> bool:
    """Decide ``diff > 0`` exactly, where ``diff(iv)`` builds the number with ``mpmath.iv``.

    Parameters
    ----------
    diff : callable
        ``diff(ctx)`` returns an interval enclosing the number, using ``ctx.log``, ``ctx.e``,
        ``ctx.mpf`` and integer arithmetic.
    max_prec : int
        Largest working precision (bits) before giving up.

    Returns
    -------
    bool
        True if the number is positive, False if negative.

    Raises
    ------
    ArithmeticError
        If the sign is still undecided at ``max_prec`` bits (the number may be 0).

    References
    ----------
    F. Johansson et al., mpmath (interval arithmetic, ``mpmath.iv``); R. E. Moore, *Interval
    Analysis*, Prentice-Hall 1966 (enclosures decide a sign once they exclude 0).

    Examples
    --------
    >>> certified_positive(lambda iv: iv.e - iv.mpf(2718281828) / 10**9)
    True
    """
    prec = 64
    while prec <= max_prec:
        ctx = mpmath.iv
        old = ctx.prec
        ctx.prec = prec
        try:
            x = diff(ctx)
            lo, hi = x.a, x.b
        finally:
            ctx.prec = old
        if lo > 0:
            return True
        if hi < 0:
            return False
        prec *= 2
    raise ArithmeticError("certified comparison undecided: the two sides may be equal")
