"""The one error type that means "the user's input is wrong" (everything else is a memcap bug).

The ``memcap`` command turns a :class:`UsageError` into one line on stderr and exit status 2; any
other exception is reported as an internal error with a different exit status (see
``memcap/cli.py`` and docs/cli.md). ``UsageError`` subclasses ``ValueError`` so library callers
that catch ``ValueError`` keep working. It lives in ``capacity``, the lowest layer, so every
package can raise it.

Examples
--------
>>> try:
...     raise UsageError("--inputs must lie in 1..12, got 0")
... except ValueError as exc:
...     print(type(exc).__name__, exc)
UsageError --inputs must lie in 1..12, got 0
"""

from __future__ import annotations

__all__ = ["NotApplicable", "UsageError"]


class UsageError(ValueError):
    """Bad input from the user: a value out of range, a malformed table, conflicting flags.

    The message is one line that names the problem and the fix.

    Examples
    --------
    >>> from capacity.options import check_integer
    >>> try:
    ...     check_integer("--inputs", 0, least=1)
    ... except ValueError as exc:   # a library caller's ``except ValueError`` catches it
    ...     print(type(exc).__name__, "-", exc)
    UsageError - --inputs must be an integer >= 1, got 0
    """


class NotApplicable(UsageError):
    """A builder that does not apply to this function (e.g. ``linear`` on XOR).

    ``auto`` skips such builders; asked for directly, the CLI reports it as bad input.

    Examples
    --------
    >>> def linear(table):   # a builder for threshold functions only
    ...     if table == "0110":
    ...         raise NotApplicable("the function is not a threshold function")
    ...     return "one unit"
    >>> for table in ("0001", "0110"):   # ``auto`` skips it where it does not apply
    ...     try:
    ...         print(table, linear(table))
    ...     except NotApplicable as exc:
    ...         print(table, "skipped:", exc)
    0001 one unit
    0110 skipped: the function is not a threshold function
    >>> issubclass(NotApplicable, UsageError)   # asked for directly: bad input, status 2
    True
    """
