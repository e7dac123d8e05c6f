"""Exact decimal text of huge integers in subquadratic time, and JSON that holds them.

CPython 3.11 converts an int to decimal text in quadratic time: the 2^24-bit values that
``memcap bounds`` evaluates exactly (5 million digits) took longer than ten minutes in
``--json`` (2026-12-05 review), 2^(4·10^6) alone 20 s. :func:`int_text` splits the integer's
bits in halves and joins the halves' :class:`decimal.Decimal` values with libmpdec's
number-theoretic-transform multiplication — the method CPython 3.12 adopted (``_pylong``) — so
5 million digits take about 3 s. Every digit is exact: the context has the maximum precision
and traps ``Inexact``.
"""

from __future__ import annotations

import decimal
import json
import re
from typing import Any

from capacity.user_files import any_int_digits

__all__ = ["brief_int", "decimal_digits", "dumps_exact", "int_text"]

#: Below this many bits ``str`` is fast enough (30 000 bits: about 9 000 digits, a few ms).
_PLAIN_BITS = 30_000


def decimal_digits(value: int) -> int:
    """The number of decimal digits of ``abs(value)``, without printing it (Python refuses to
    print an integer of more than 4 300 digits, and printing is quadratic).

    Examples
    --------
    >>> decimal_digits(0), decimal_digits(-999), decimal_digits(10**5000)
    (1, 3, 5001)
    """
    value = abs(int(value))
    digits = max(1, int((value.bit_length() - 1) * 0.30102999566398120) + 1)
    return digits + (value >= 10**digits) - (digits > 1 and value < 10**(digits - 1))


def brief_int(value: int) -> str:
    """``value`` for a one-line message or a table cell: its digits up to 30 of them; beyond,
    its first digits and its digit count (a 4000-digit --inputs was echoed whole in a
    4 061-character error line, 2026-12-05 review).

    Parameters
    ----------
    value : int
        Any integer.

    Returns
    -------
    str
        The decimal digits, or the first ten and ``(D digits)``.

    Examples
    --------
    >>> brief_int(-12345)
    '-12345'
    >>> brief_int(10 ** 4000)
    '1000000000… (4001 digits)'
    """
    text = int_text(abs(value))
    sign = "-" if value < 0 else ""
    return sign + (text if len(text) <= 30 else f"{text[:10]}… ({len(text)} digits)")


def int_text(value: int) -> str:
    """The exact decimal text of any int, as ``str(value)`` gives it but in subquadratic time
    and without Python's 4300-digit guard.

    Parameters
    ----------
    value : int
        Any integer.

    Returns
    -------
    str
        Its decimal digits, with a leading ``-`` when negative.

    Examples
    --------
    >>> int_text(-12345)
    '-12345'
    >>> n = 3 ** 40_000 + 7          # 63 398 bits, 19 085 digits
    >>> text = int_text(n)
    >>> len(text), text[-3:], int(text[:30]) == n // 10 ** (len(text) - 30)
    (19085, '008', True)
    """
    value = int(value)
    if value < 0:
        return "-" + int_text(-value)
    if value.bit_length() <= _PLAIN_BITS:
        with any_int_digits():
            return str(value)
    ctx = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
                          traps=[decimal.Inexact, decimal.Overflow, decimal.InvalidOperation])
    powers: dict[int, decimal.Decimal] = {}

    def two_to(w: int) -> decimal.Decimal:
        if w not in powers:
            powers[w] = ctx.power(decimal.Decimal(2), w)
        return powers[w]

    def convert(n: int, w: int) -> decimal.Decimal:  # n < 2^w
        if w <= _PLAIN_BITS:
            return decimal.Decimal(n)
        half = w >> 1
        high = n >> half
        return ctx.add(convert(n - (high << half), half),
                       ctx.multiply(convert(high, w - half), two_to(half)))

    return format(convert(value, value.bit_length()), "f")


_TOKEN = "\x00memcap-int-{}\x00"
_TOKEN_JSON = re.compile(r'"\\u0000memcap-int-(\d+)\\u0000"')


def dumps_exact(obj: Any, **kwargs: Any) -> str:
    """``json.dumps(obj, **kwargs)`` with every int written exactly, a huge one by
    :func:`int_text` (``json`` converts with ``str``: quadratic, and refused past 4300 digits).

    Parameters
    ----------
    obj : Any
        JSON-ready data: dicts, lists, tuples, strings, numbers, bools and None.
    **kwargs
        Passed to :func:`json.dumps` (``indent`` and the like).

    Returns
    -------
    str
        The JSON text.

    Examples
    --------
    >>> text = dumps_exact({"exact": 2 ** 100_000 - 1, "n": [1, True]})
    >>> with any_int_digits():
    ...     json.loads(text)["exact"] == 2 ** 100_000 - 1
    True
    >>> text.endswith('"n": [1, true]}')
    True
    """
    big: list[int] = []
    clash = []

    def swap(o: Any) -> Any:
        if isinstance(o, int) and not isinstance(o, bool) and o.bit_length() > _PLAIN_BITS:
            big.append(o)
            return _TOKEN.format(len(big) - 1)
        if isinstance(o, str) and "\x00memcap-int-" in o:
            clash.append(o)  # a string (or key) that reads like a placeholder: none at all
        if isinstance(o, dict):
            return {swap(k) if isinstance(k, str) else k: swap(v) for k, v in o.items()}
        if isinstance(o, (list, tuple)):
            return [swap(v) for v in o]
        return o

    with any_int_digits():  # ints of 4300 digits up to _PLAIN_BITS go through str
        swapped = swap(obj)
        if clash:
            return json.dumps(obj, **kwargs)  # exact too, only slower
        text = json.dumps(swapped, **kwargs)
    if not big:
        return text
    return _TOKEN_JSON.sub(lambda m: int_text(big[int(m.group(1))]), text)

