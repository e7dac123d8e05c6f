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
    """


class NotApplicable(UsageError):
    """A builder that does not apply to this function (e.g. ``linear`` on XOR).

    ``auto`` skips such builders; asked for directly, the CLI reports it as bad input.
    """
