"""Reading the files a user hands to memcap: text, JSON and TOML, with one clear error each.

A missing file, a folder, binary or non-UTF-8 bytes, malformed JSON or TOML, and nesting deep
enough to exhaust Python's recursion limit are the user's input problems, so each is a
:class:`~capacity.errors.UsageError` naming the file and what is wrong (never a RecursionError or
UnicodeDecodeError passed off as a bug, nor a bug passed off as bad input).

Examples
--------
>>> parse_json("[" * 100_000 + "]" * 100_000, "network file 'x.json'")
Traceback (most recent call last):
...
capacity.errors.UsageError: network file 'x.json' is nested too deeply to read (over ... levels)
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import json
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from capacity.errors import UsageError
from capacity.machine import memory_limit_bytes

__all__ = ["MAX_JSON_INT_DIGITS", "any_int_digits", "damage_text", "int_digits", "parse_json",
           "parse_toml", "read_text"]


#: The most decimal digits of one integer that :func:`parse_json` reads with ``long_ints``
#: (about 132 900 bits: twice the largest weight a builder writes, ``hall``'s, about N + 2
#: bits, 65 550 at the 65 536 outputs ``construct --force`` builds). CPython 3.11 reads
#: decimal text in quadratic time, so one integer of 2 million digits in a network file kept
#: ``memcap verify`` busy for 43 s, and 20 MB of digits would have taken hours (2026-12-05
#: review); under this cap a file's integers cost about 2 s per 10 MB.
MAX_JSON_INT_DIGITS = 40_000


@contextlib.contextmanager
def int_digits(limit: int) -> Iterator[None]:
    """Set Python's int ↔ decimal text guard to ``limit`` digits inside the block (0: none).

    Examples
    --------
    >>> with int_digits(5000):
    ...     len(str(10**4999))
    5000
    """
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(limit)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(old)


@contextlib.contextmanager
def any_int_digits() -> Iterator[None]:
    """Lift Python's 4300-digit guard on int ↔ decimal text inside the block: memcap's exact
    integers (network weights, counts, bounds) may be longer, and reading or writing them is
    not the denial of service the guard is for.

    Examples
    --------
    >>> with any_int_digits():
    ...     len(str(10**5000))
    5001
    """
    with int_digits(0):
        yield


def read_text(path: str | Path, what: str) -> str:
    """The UTF-8 text of ``path``; ``what`` names it in errors (e.g. ``"config file"``).

    Parameters
    ----------
    path : str or Path
        The file to read; a missing, unreadable or non-plain file (folder, device, pipe,
        socket) raises :class:`~capacity.errors.UsageError`.
    what : str
        Names the file in the error message, followed by the quoted path.

    Returns
    -------
    str
        The file's content decoded as UTF-8, without a leading byte-order mark (invalid UTF-8
        raises :class:`~capacity.errors.UsageError`).

    Examples
    --------
    >>> read_text("/no/such/file.toml", "config file")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: config file '/no/such/file.toml' not found; check the path
    >>> import codecs, pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
    >>> _ = p.write_bytes(codecs.BOM_UTF8 + b"0110")  # a byte-order mark first
    >>> read_text(p, "table file")
    '0110'
    """
    path = Path(path)
    try:  # exists() and is_file() raise PermissionError in a folder the user may not search:
        # it escaped as "I/O error", status 74 (2026-12-07 audit)
        if path.exists() and not path.is_dir() and not path.is_file():
            # a pipe blocks the read for ever and /dev/zero never ends (2026-12-01 fuzzing)
            raise UsageError(f"{what} {str(path)!r} is not a plain file (a device, pipe or "
                             "socket)")
        size = path.stat().st_size if path.is_file() else 0
        most = memory_limit_bytes() // 4  # the bytes, their text and what is parsed from it
        if size > most:  # a 2 GB file ended in MemoryError, status 70 (2026-12-06 review)
            raise UsageError(f"{what} {str(path)!r} is {size / 2**30:.1f} GiB, more than this "
                             f"machine can read and parse ({most / 2**30:.1f} GiB at most); is "
                             "it the right file?")
        data = path.read_bytes()
        # a leading byte-order mark (Windows editors write one) is not content: a table file
        # that began with one was refused as "found '\ufeff'" (CLI review, 2026-12-05)
        return data.decode("utf-8-sig")
    except (FileNotFoundError, NotADirectoryError):
        raise UsageError(f"{what} {str(path)!r} not found; check the path") from None
    except IsADirectoryError:
        raise UsageError(f"{what} {str(path)!r} is a folder, not a file") from None
    except PermissionError:
        raise UsageError(f"{what} {str(path)!r} is not readable (permission denied)") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # "I/O error", status 74, for a link loop (review)
            raise UsageError(f"{what} {str(path)!r} is a loop of symbolic links; give the "
                             "file itself") from None
        raise
    except MemoryError:  # under an address-space limit the read itself can fail
        raise UsageError(f"{what} {str(path)!r} is too large to read in this process's "
                         "memory; is it the right file?") from None
    except UnicodeDecodeError as exc:
        # the utf-8-sig decoder counts from after a byte-order mark: the file's offset is 3 more
        # (a file starting with the mark named offset 4 for its byte 7, 2026-12-06 audit)
        offset = exc.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        raise UsageError(f"{what} {str(path)!r} is not UTF-8 text (binary? the byte "
                         f"0x{exc.object[exc.start]:02x} at offset {offset} cannot be "
                         "decoded)") from None


def damage_text(exc: Exception) -> str:
    """Why a file that names its format was not read, from the reader's KeyError (a field is
    missing) or other error (a field of another type or shape): the words of a refusal, since
    the reader's own ("string indices must be integers") name neither the damage nor the fix.

    Examples
    --------
    >>> damage_text(KeyError("config"))
    "the field 'config' is missing"
    >>> damage_text(TypeError("'int' object is not subscriptable"))
    "a field does not have the type or shape memcap writes: 'int' object is not subscriptable"
    """
    return (f"the field {exc} is missing" if isinstance(exc, KeyError) else
            f"a field does not have the type or shape memcap writes: {exc}")


def parse_json(text: str, what: str, *, long_ints: bool = True) -> Any:
    """``json.loads(text)``, with malformed or too deeply nested input as one UsageError.

    NaN and ±Infinity (Python's extensions, not JSON) are refused, and so is a key that appears
    twice in one object (JSON leaves its meaning open; Python keeps the last); integers are read
    exactly up to :data:`MAX_JSON_INT_DIGITS` digits, or, without ``long_ints``, Python's 4300,
    and a longer one is refused in one line.

    Parameters
    ----------
    text : str
        The JSON text.
    what : str
        Names the source at the start of the error message (e.g. ``"network file 'x.json'"``).
    long_ints : bool, default True
        Read integers of up to :data:`MAX_JSON_INT_DIGITS` digits (a network's weights); False
        for files none of whose numbers can be that long (a sweep's spec, a saved result):
        such an integer is refused in one line above 4300 digits, before any check quotes it
        (formatting it raised ValueError, status 70).

    Returns
    -------
    Any
        The parsed value; large integers are read exactly.

    Examples
    --------
    >>> parse_json('{"a": [1, 2]}', "spec")
    {'a': [1, 2]}
    >>> parse_json('{"inputs": NaN}', "network file 'x.json'")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: network file 'x.json' is not valid JSON: NaN is not a JSON number
    >>> parse_json('{"biases": [1], "biases": [2]}', "network file 'x.json'")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: network file 'x.json' is not valid JSON for memcap: the key ...
    >>> parse_json('{"seeds": [' + "9" * 5000 + ']}', "sweep spec file", long_ints=False)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: sweep spec file holds an integer of more than 4300 digits; ...
    >>> parse_json("[" + "9" * 40_001 + "]", "network file 'x.json'")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: network file 'x.json' holds an integer of more than 40000 ...
    """
    def refuse(name: str):
        raise UsageError(f"{what} is not valid JSON: {name} is not a JSON number")

    def unique(pairs: list) -> dict:
        # a key twice in one object: json kept the last, so a hand-edited file with two
        # "biases" read as a network another reader sees otherwise (2026-12-04 review)
        obj = dict(pairs)
        if len(obj) < len(pairs):
            seen: set = set()
            twice = next(k for k, _ in pairs if k in seen or seen.add(k))
            raise UsageError(f"{what} is not valid JSON for memcap: the key {twice!r} appears "
                             "twice in one object")
        return obj

    digits = MAX_JSON_INT_DIGITS if long_ints else sys.get_int_max_str_digits()

    def loads(t: str):
        with int_digits(digits):
            return json.loads(t, parse_constant=refuse, object_pairs_hook=unique)

    return _parse(loads, json.JSONDecodeError, "JSON", text, what, digits,
                  "" if not long_ints else "; memcap reads integers up to that length (about "
                  f"{int(digits * 3.3219):,} bits) in a network file".replace(",", " "))


def parse_toml(text: str, what: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, with malformed or too deeply nested input as one UsageError.

    Parameters
    ----------
    text : str
        The TOML text.
    what : str
        Names the source at the start of the error message (e.g. ``"config file 'c.toml'"``).

    Returns
    -------
    dict
        The parsed table.

    Examples
    --------
    >>> parse_toml("steps = 3", "config file 'c.toml'")
    {'steps': 3}
    >>> parse_toml("steps = ", "config file 'c.toml'")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: config file 'c.toml' is not valid TOML: Invalid value ...
    >>> parse_toml("width = " + "9" * 5000, "config file 'c.toml'")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: config file 'c.toml' holds an integer of more than 4300 ...
    """
    return _parse(tomllib.loads, tomllib.TOMLDecodeError, "TOML", text, what,
                  sys.get_int_max_str_digits())


def _parse(loads, error: type[Exception], kind: str, text: str, what: str, digits: int,
           why: str = "") -> Any:
    """``loads(text)`` with its syntax ``error``, a RecursionError and an integer over the
    ``digits`` limit ``loads`` reads under as one UsageError (``why`` replaces the default
    reason after the limit)."""
    # memcap's network files parse to 2.3–4.9× their text, dense numbers to ≈ 8× (2026-12-06):
    # a fifth of the limit keeps a file memcap writes readable and the rest within memory
    most = memory_limit_bytes() // 5
    if len(text) > most:  # past it a file met the OOM killer, or MemoryError (status 70)
        size, cap = (f"{v / 2**20:,.0f}".replace(",", " ") for v in (len(text), most))
        raise UsageError(f"{what} is {size} MiB of {kind}, more than this machine can parse "
                         f"({cap} MiB at most); is it the right file?")
    try:
        return loads(text)
    except MemoryError:  # under an address-space limit the estimate above can fall short
        raise UsageError(f"{what} is too large to parse in this process's memory; is it the "
                         "right file?") from None
    except error as exc:
        raise UsageError(f"{what} is not valid {kind}: {exc}") from None
    except ValueError as exc:  # ended as "internal error", status 70 (2026-12-05 review)
        if "integer string conversion" not in str(exc):
            raise
        raise UsageError(f"{what} holds an integer of more than {digits} digits"
                         f"{why or '; no memcap setting takes one that long'}") from None
    except RecursionError:
        raise UsageError(f"{what} is nested too deeply to read (over "
                         f"{sys.getrecursionlimit()} levels)") from None
