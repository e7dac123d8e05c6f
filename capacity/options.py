"""Command-line options shared by every command group: a renamed option's old spelling.

Lives in ``capacity`` (the lowest layer) so that the capacity, constructions and empirical CLIs
all call the one implementation.
"""

from __future__ import annotations

import math
import numbers
import re
import sys
from pathlib import Path

from capacity.errors import UsageError

__all__ = ["MAX_SEED", "as_typed", "canonical_choice", "check_failed", "check_integer",
           "check_seed", "choice_key", "defer_warnings", "forget_typed", "is_integer",
           "limit_text", "mark_check_failed", "option_given", "option_text", "output_file",
           "output_folder", "refuse_given_options", "refuse_unread_options", "renamed_option",
           "warn"]

#: The warning lines of the running command when the ``memcap`` shell collects them
#: (:func:`defer_warnings`): it prints them once the command has run, so that bad input stays
#: one line on stderr (a deprecated spelling with a bad value printed two). None: print at once.
_DEFERRED: list[str] | None = None


def defer_warnings(on: bool = True) -> list[str]:
    """Collect :func:`warn` lines from now on (``on``) and return the list, or stop collecting.

    Examples
    --------
    >>> pending = defer_warnings(); warn("memcap: warning: x"); pending
    ['memcap: warning: x']
    >>> _ = defer_warnings(False)
    """
    global _DEFERRED
    _DEFERRED = [] if on else None
    return _DEFERRED if on else []


#: Whether the running command found a check failed (its status must be 1 even when the reader
#: of its output leaves before it is printed, which the shell otherwise reports as status 0).
_CHECK_FAILED = False


def mark_check_failed(failed: bool = True) -> None:
    """Record that the running command's check failed (``failed``), or clear the record.

    Call it before printing the failure: the ``memcap`` shell turns the status 1 of a reader that
    left (``memcap verify ... | head``) into 0, except after a failed check (a wrong network
    reported as verified, 2026-12-03 audit).

    Examples
    --------
    >>> mark_check_failed(); check_failed()
    True
    >>> mark_check_failed(False); check_failed()
    False
    """
    global _CHECK_FAILED
    _CHECK_FAILED = bool(failed)


def check_failed() -> bool:
    """Whether :func:`mark_check_failed` recorded a failed check in the running command.

    Examples
    --------
    >>> was = check_failed()
    >>> mark_check_failed(False); check_failed()   # a command starts with the record cleared
    False
    >>> mark_check_failed(); check_failed()        # a check failed: the status stays 1
    True
    >>> mark_check_failed(was)
    """
    return _CHECK_FAILED


def warn(line: str) -> None:
    """One warning line on stderr, or kept for the shell while it collects them.

    Parameters
    ----------
    line : str
        The whole line, as printed (the caller writes the ``memcap: warning:`` prefix): printed
        on ``sys.stderr`` at once, or appended to the list :func:`defer_warnings` returned
        while it collects.

    Examples
    --------
    >>> import contextlib, io
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err):
    ...     warn("memcap: warning: --seeds is deprecated")
    >>> err.getvalue().splitlines()
    ['memcap: warning: --seeds is deprecated']
    >>> pending = defer_warnings()
    >>> with contextlib.redirect_stderr(err):
    ...     warn("memcap: warning: kept")                # collected, not printed
    >>> pending, len(err.getvalue().splitlines())
    (['memcap: warning: kept'], 1)
    >>> _ = defer_warnings(False)
    """
    if _DEFERRED is None:
        print(line, file=sys.stderr)
    else:
        _DEFERRED.append(line)


#: The old spellings of renamed options that the running command was given, {new flag: old
#: flag}: :func:`renamed_option` records them, :func:`as_typed` writes them back into an error
#: message (docs/cli.md: an error names the option the user typed).
_TYPED: dict[str, str] = {}


def forget_typed() -> None:
    """Forget the old spellings recorded by :func:`renamed_option` (a new command starts).

    Examples
    --------
    Once forgotten, an error message names the new option again (:func:`as_typed`):

    >>> _ = defer_warnings()   # the deprecation line is collected, not printed
    >>> renamed_option(None, 5, "--functions", "--samples")
    5
    >>> as_typed("--functions must be at most 4")
    '--samples must be at most 4'
    >>> forget_typed(); as_typed("--functions must be at most 4")
    '--functions must be at most 4'
    >>> _ = defer_warnings(False)
    """
    _TYPED.clear()


def as_typed(message: str) -> str:
    """``message`` with each renamed option's new name replaced by the old spelling the running
    command was given (recorded by :func:`renamed_option`); quoted values are left as they are.
    ``memcap compare --samples 0`` said "--functions must be ..." (2026-12-04 review).

    Examples
    --------
    >>> forget_typed(); _ = defer_warnings()
    >>> renamed_option(None, 0, "--functions", "--samples")
    0
    >>> as_typed("--functions must be an integer in 1..1000, got 0; not '--functions'")
    "--samples must be an integer in 1..1000, got 0; not '--functions'"
    >>> forget_typed(); _ = defer_warnings(False)
    """
    parts = re.split(r"('[^']*'|\"[^\"]*\")", message)  # odd parts: quoted values, kept
    for new, old in _TYPED.items():
        parts[::2] = [re.sub(rf"(?<![\w-]){re.escape(new)}(?![\w-])", old, part)
                      for part in parts[::2]]
    return "".join(parts)


def renamed_option(new, old, new_flag: str, old_flag: str, default=None, *,
                   here: bool = False):
    """The value of an option that was renamed: ``new`` if given, else the old spelling ``old``
    (with one deprecation line on stderr; the old spelling works for one more release), else
    ``default``. Both given is refused. ``here`` says the old flag is deprecated in this command
    only (it keeps another meaning elsewhere).

    Parameters
    ----------
    new : object
        The value given under the new name, ``None`` when not given.
    old : object
        The value given under the old name, ``None`` when not given.
    new_flag, old_flag : str
        The new and the old option name, used in the messages.
    default : object, optional
        Returned when neither is given (``None`` by default).
    here : bool, default False
        Keyword only: the warning says the old flag is deprecated "here" (in this command).

    Returns
    -------
    object
        ``new``, else ``old`` (after :func:`warn`), else ``default``.

    Examples
    --------
    >>> renamed_option(4, None, "--trials", "--seeds", 5)
    4
    >>> renamed_option(None, None, "--trials", "--seeds", 5)
    5
    >>> renamed_option(4, 3, "--trials", "--seeds", 5)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: give --trials only (--seeds is its old name), not both
    """
    if new is not None and old is not None:
        raise UsageError(f"give {new_flag} only ({old_flag} is its old name), not both")
    if old is not None:
        warn(f"memcap: warning: {old_flag} is deprecated{' here' if here else ''}; use "
             f"{new_flag} (the old spelling will be removed in the next release)")
        _TYPED[new_flag] = old_flag  # the command's errors name what the user typed
        return old
    return default if new is None else new


def is_integer(value) -> bool:
    """Whether ``value`` is an integer of any kind — Python's, numpy's or sympy's
    (``numbers.Integral``) — and not a bool: the one test every size, seed and count of memcap's
    library calls applies (``int()`` had cut 2.5 to 2 in several of them, 2026-12-05 review).

    Examples
    --------
    >>> import numpy as np
    >>> is_integer(3), is_integer(np.int64(3)), is_integer(3.0), is_integer(True)
    (True, True, False, False)
    """
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def check_integer(name: str, value, least: int | None = None) -> int:
    """``value`` as an int when :func:`is_integer` and at least ``least`` (when given); else
    :class:`~capacity.errors.UsageError`: "NAME must be an integer [>= LEAST], got VALUE".

    Parameters
    ----------
    name : str
        What the value is, for the message.
    value : Any
        The value checked.
    least : int or None, default None
        Its least allowed value.

    Returns
    -------
    int

    Examples
    --------
    >>> check_integer("--seed", 3, 0)
    3
    >>> check_integer("dnf's width", 1.7)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: dnf's width must be an integer, got 1.7
    """
    if not is_integer(value) or (least is not None and value < least):
        bound = "" if least is None else f" >= {least}"
        raise UsageError(f"{name} must be an integer{bound}, got {value!r}")
    return int(value)


def limit_text(limit: float) -> str:
    """A float limit as a refusal states it, exactly: a power of two of exponent beyond ±20 as
    ``2^e`` (with its value to three digits), another number as ``{:g}`` when that reads back as
    the same float, else its shortest round-trip ``repr``. ``f"{x:.2g}"`` printed float32's least
    normal number, 2^-126, as 1.2e-38, while 1.18e-38 was accepted (noticed 2026-12-06).

    Parameters
    ----------
    limit : float
        The limit.

    Returns
    -------
    str

    Examples
    --------
    >>> limit_text(2.0 ** -126), limit_text(1e30), limit_text(0.5)
    ('2^-126 (about 1.18e-38)', '1e+30', '0.5')
    >>> limit_text(3.4028234663852886e38)
    '3.4028234663852886e+38'
    """
    fraction, exponent = math.frexp(limit)
    if fraction == 0.5 and abs(exponent - 1) > 20:
        return f"2^{exponent - 1} (about {limit:.3g})"
    short = f"{limit:g}"
    return short if float(short) == limit else repr(limit)


def percent_text(fraction: float, digits: int | None = None) -> str:
    """``fraction`` as a percentage: ``digits`` decimals (None: six significant digits, as
    ``:g``), and more wherever fewer would show a fraction strictly between 0 and 1 as 0 % or
    100 % (``:.0%`` printed a 0.995 memorisation threshold as "≥ 100%", ``:g`` a 0.9999999
    confidence as a "100%" interval, which would be unbounded; 2026-12-07 audit).

    Parameters
    ----------
    fraction : float
        The fraction (1 is 100 %).
    digits : int or None, default None
        Decimals after the point; None for six significant digits.

    Returns
    -------
    str
        The number and "%".

    Examples
    --------
    >>> percent_text(0.95), percent_text(0.975), percent_text(0.9999999)
    ('95%', '97.5%', '99.99999%')
    >>> percent_text(2 / 3, 0), percent_text(0.995, 0), percent_text(1.0, 0), percent_text(0, 0)
    ('67%', '99.5%', '100%', '0%')
    """
    kind, places = ("g", 6) if digits is None else ("f", digits)
    while True:
        text = f"{100 * fraction:.{places}{kind}}"
        if not (0 < fraction < 1 and float(text) in (0.0, 100.0) and places < 17):
            return text + "%"
        places += 1


#: Largest seed memcap takes (int64's maximum: result files store seeds as int64).
MAX_SEED = 2**63 - 1


def check_seed(seed, name: str = "--seed", draws: int = 1) -> int | None:
    """A seed as a Python int, refusing (one line) one that is not a non-negative integer, where
    the seed feeds ``numpy.random.default_rng`` (a drawn Boolean function, sampled verification
    inputs): numpy takes only seeds ≥ 0. Torch's seeds in a run config may stay negative.
    ``None`` (no seed given) passes.

    Parameters
    ----------
    seed : int or None
        The seed to check; a bool, a non-integer or a negative integer raises
        :class:`~capacity.errors.UsageError`. numpy's integers are integers
        (:func:`is_integer`; ``np.int64(4)`` was refused here and taken by the config
        dataclasses, 2026-12-05 API review).
    name : str, default "--seed"
        The option named in the error message.
    draws : int, default 1
        The seeds derived from it, ``seed .. seed + draws − 1`` (compare's functions, a memory
        curve's trials): the last must be below 2^63 too (``compare --seed 2^63 − 1`` refused
        "the seed of a Boolean function", a seed the user had not typed, 2026-12-05 review).

    Returns
    -------
    int or None
        ``seed`` as a Python int (JSON writes it), or None.

    Examples
    --------
    >>> import numpy as np
    >>> check_seed(0), check_seed(None), type(check_seed(np.int64(4))).__name__
    (0, None, 'int')
    >>> check_seed(-1, "--data-seeds")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --data-seeds must be a non-negative integer below 2^63, got -1
    >>> check_seed(2**63 - 2, draws=3)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --seed 9223372036854775806 draws seeds up to --seed + 2, above ...
    """
    if seed is None:
        return None
    if not is_integer(seed) or not 0 <= seed <= MAX_SEED:
        # below 2^63: memcap's result files hold int64 seeds, and reading back a study run with
        # --seed 2^63 refused it as damaged (2026-12-05 hardness review)
        shown = repr(seed)
        if is_integer(seed) and abs(seed) >= 10**30:  # 5 000 digits cannot be printed whole
            from capacity.bigint_text import decimal_digits
            shown = f"an integer of {decimal_digits(seed)} digits"
        raise UsageError(f"{name} must be a non-negative integer below 2^63, got {shown}")
    if seed + draws - 1 > MAX_SEED:
        raise UsageError(f"{name} {seed} draws seeds up to {name} + {draws - 1}, above "
                         f"2^63 - 1; give a {name} below {MAX_SEED - draws + 2}")
    return int(seed)


def option_text(value) -> str:
    """``value`` as a command line writes it so that it reads back exactly: a float as short
    as it round-trips (``0.01``, ``1``, ``0.0123456789``; ``:g`` alone keeps six digits and
    printed another learning rate), anything else by ``str``. One formatter for every
    regenerating command memcap prints (``memcap compare``'s, the hardness study's).

    Parameters
    ----------
    value : float, int or str
        An option's value.

    Returns
    -------
    str
        Its text on a command line; ``float(text) == value`` for a float.

    Examples
    --------
    >>> import numpy as np
    >>> [option_text(v) for v in (0.01, 1.0, 0.0123456789, 1e-07, 3, "adam",
    ...                           np.float64(0.123456789))]
    ['0.01', '1', '0.0123456789', '1e-07', '3', 'adam', '0.123456789']
    """
    if not isinstance(value, float):
        return str(value)
    value = float(value)  # a numpy float printed as np.float64(...) (2026-12-04 review)
    short = f"{value:g}"
    return short if float(short) == value else repr(value)


def choice_key(text: str) -> str:
    """The spelling by which memcap compares a named choice: lower case, ``_`` read as ``-``.

    One rule for every command (docs/cli.md, "Names"): ``-f PARITY``, ``--optimizer Adam``,
    ``--input-law standard-normal`` and ``loss = "cross-entropy"`` name the same things as the
    canonical ``parity``, ``adam``, ``standard_normal`` and ``cross_entropy``.

    Parameters
    ----------
    text : str
        A name as the user typed it.

    Returns
    -------
    str
        Its comparison key.

    Examples
    --------
    >>> choice_key("Inner_Product"), choice_key("standard_normal")
    ('inner-product', 'standard-normal')
    """
    return text.lower().replace("_", "-")


def canonical_choice(value, options):
    """The member of ``options`` that ``value`` names under :func:`choice_key`, else ``value``
    unchanged (so that the caller's own check refuses it with its own message).

    Parameters
    ----------
    value : str or None
        A name as the user typed it (anything else is returned unchanged).
    options : iterable of str
        The canonical spellings, whose keys must be distinct.

    Returns
    -------
    str or None
        The canonical spelling, or ``value``.

    Examples
    --------
    >>> canonical_choice("ADAM", ("adam", "sgd")), canonical_choice("Power-Law", ("power_law",))
    ('adam', 'power_law')
    >>> canonical_choice("adagrad", ("adam", "sgd"))
    'adagrad'
    """
    if not isinstance(value, str):
        return value
    key = choice_key(value)
    return next((option for option in options if choice_key(option) == key), value)


def option_given(ctx, name: str) -> bool:
    """Whether the option whose parameter is ``name`` was given on the command line (or in the
    environment) rather than left at its default; ``ctx`` is the command's click context.

    Parameters
    ----------
    ctx : click.Context
        The command's click context.
    name : str
        The parameter's name (``"steps"`` for ``--steps``); an unknown name counts as not given.

    Returns
    -------
    bool
        True unless the value came from the default or the default map (or is unknown).

    Examples
    --------
    >>> import click
    >>> cmd = click.Command("x", params=[click.Option(["--steps"], default=1)])
    >>> option_given(cmd.make_context("x", ["--steps", "1"]), "steps")  # given, at its default
    True
    >>> option_given(cmd.make_context("x", []), "steps")
    False
    """
    from click.core import ParameterSource

    return ctx.get_parameter_source(name) not in (None, ParameterSource.DEFAULT,
                                                  ParameterSource.DEFAULT_MAP)


def refuse_unread_options(ctx, reads: set[str], mode: str) -> None:
    """Refuse (one line) the options given on the command line that ``mode`` would ignore:
    every parameter of the command not named in ``reads`` that :func:`option_given`.

    Parameters
    ----------
    ctx : click.Context
        The command's click context; every parameter of ``ctx.command`` is checked.
    reads : set of str
        The parameter names ``mode`` uses; these are never refused.
    mode : str
        What the command does in this run, named in the message ("... is not used by {mode}").

    Examples
    --------
    >>> import click
    >>> cmd = click.Command("x", params=[click.Option(["--steps"], default=1),
    ...                                  click.Option(["--budgets"], default="1")])
    >>> ctx = cmd.make_context("x", ["--budgets", "5"])
    >>> refuse_unread_options(ctx, {"budgets"}, "a recipe study")
    >>> refuse_unread_options(ctx, {"steps"}, "a hardness study")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --budgets is not used by a hardness study; drop it
    >>> cmd.params.append(click.Option(["--sign/--no-sign"], default=True))
    >>> refuse_unread_options(cmd.make_context("x", ["--no-sign"]), {"steps"}, "a report")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --no-sign is not used by a report; drop it
    """
    unread = [p for p in ctx.command.params if p.name not in reads and option_given(ctx, p.name)]
    if unread:
        def typed(p) -> str:  # "--no-sign" was named "--sign" (2026-12-03 audit)
            off = getattr(p, "secondary_opts", None) and not ctx.params.get(p.name)
            return p.secondary_opts[0] if off else p.opts[0]
        flags = ", ".join(typed(p) for p in unread)
        one = len(unread) == 1
        raise UsageError(f"{flags} {'is' if one else 'are'} not used by {mode}; "
                         f"drop {'it' if one else 'them'}")


def refuse_given_options(ctx, names: set[str], mode: str) -> None:
    """Refuse (one line) the options of ``names`` given on the command line, which ``mode``
    ignores: :func:`refuse_unread_options` with every other parameter read.

    Parameters
    ----------
    ctx : click.Context
        The command's click context.
    names : set of str
        The parameter names ``mode`` does not use.
    mode : str
        What the command does in this run, named in the message.

    Examples
    --------
    >>> import click
    >>> cmd = click.Command("x", params=[click.Option(["--steps"], default=1),
    ...                                  click.Option(["--budgets"], default="1")])
    >>> refuse_given_options(cmd.make_context("x", ["--steps", "5"]), {"budgets"}, "a study")
    >>> refuse_given_options(cmd.make_context("x", ["--budgets", "5"]), {"budgets"}, "a study")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --budgets is not used by a study; drop it
    """
    refuse_unread_options(ctx, {p.name for p in ctx.command.params} - set(names), mode)


def output_folder(text: str) -> Path:
    """The path of an ``--out`` folder, read from the text as typed (typer's ``parser``): an
    empty value names no folder, where ``Path("")`` would silently be the current folder
    (``memcap sweep spec.toml --out ''`` trained into it; docs/cli.md refuses empty values).

    Examples
    --------
    >>> output_folder("results/run1"), output_folder(Path("memcap-out"))  # a default: as is
    (PosixPath('results/run1'), PosixPath('memcap-out'))
    >>> output_folder("")
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: an empty value names no folder; give a folder name
    """
    return _typed_path(text, "an empty value names no folder; give a folder name")


def _typed_path(text: str | Path, empty: str) -> Path:
    """``Path(text)`` for a path parser, refusing an empty value with the message ``empty``
    (``Path("")`` is the current folder); a ``Path`` (an option's default, which click passes
    through the parser too) as it is."""
    if isinstance(text, Path):
        return text
    if not text.strip():
        import click

        raise click.BadParameter(empty)
    return Path(text)


def input_path(text: str) -> Path:
    """The path of a file or folder a command reads (``memcap verify NET``, ``memcap report
    FOLDER``), read from the text as typed (typer's ``parser``): an empty value names nothing,
    where ``Path("")`` would be the current folder (``memcap verify ''`` said "network file '.'
    is a folder" until 2026-12-02).

    Examples
    --------
    >>> input_path("net.json")
    PosixPath('net.json')
    >>> input_path("")
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: an empty value names no file or folder
    """
    return _typed_path(text, "an empty value names no file or folder")


def output_file(text: str) -> Path:
    """The path of a single output file option (``--save``, ``--draw``, ``--plot``), read from
    the text as typed (typer's ``parser``): a trailing ``/`` names a folder, which ``Path``
    would silently drop (``--save o/net.json/`` wrote ``o/net.json`` until 2026-12-01).

    Examples
    --------
    >>> output_file("o/net.json")
    PosixPath('o/net.json')
    >>> output_file("o/net.json/")
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: 'o/net.json/' ends in '/', so it names a folder; give a file name
    >>> output_file("")
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: an empty value names no file; give a file name
    """
    # Path("") is ".", reported as "'.' is a folder" until 2026-12-02
    path = _typed_path(text, "an empty value names no file; give a file name")
    if isinstance(text, str) and text.endswith("/"):  # click's own error names the option
        import click

        raise click.BadParameter(f"{text!r} ends in '/', so it names a folder; give a file name")
    return path

