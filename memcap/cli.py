"""The ``memcap`` console script.

Each subcommand lives in the package it belongs to (``capacity/cli.py``, ``constructions/cli.py``,
``empirical/cli/train.py``) and is imported only when it is invoked, so ``memcap --help``,
``memcap --version`` and ``memcap bounds`` never import torch.

Error convention (docs/cli.md): a package raises :class:`capacity.errors.UsageError` when the
*user's* input is bad; this shell prints its message as one line on stderr and exits with status
2, without a traceback, and so do the parser's own usage errors. An ``OSError`` (a disk, a
permission) is one line with status 74, and so is torch's failure to allocate a tensor (out of
memory); a path too long for the file system, which the user typed, is status 2 (outputs are
checked for that before any work: :func:`capacity.atomic_files.check_name_length`). Any other
exception is a bug in memcap: one line saying so, status 70, and the traceback when
``MEMCAP_DEBUG=1`` is set.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
import time

import click

from capacity.errors import UsageError
from memcap import __version__

#: ``time.perf_counter()`` when the shell was imported (≈ 0.05 s after the interpreter started).
STARTED = time.perf_counter()
_FROM_RUN = False  # set by run(): this process is the command, so STARTED is its start

__all__ = ["COMMANDS", "EXIT_INTERNAL", "EXIT_IO", "EXIT_USAGE", "STARTED", "LazyGroup", "cli",
           "command_started", "main", "run"]

#: Exit statuses: bad input, an operating-system error (disk, permissions), a bug in memcap.
EXIT_USAGE, EXIT_IO, EXIT_INTERNAL = 2, 74, 70

#: name -> (module, attribute, one-line help). The attribute is a ``typer.Typer`` app or a click
#: command; it is imported only when the command runs or its own ``--help`` is asked for.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "bounds": ("capacity.cli", "bounds_app", "Symbolic lower and upper bounds, evaluated exactly."),
    "count": ("capacity.cli", "count_app", "Exact counts: threshold functions, Cover, Sauer."),
    "construct": ("constructions.cli", "construct_app", "Build and verify a sign network."),
    "verify": ("constructions.cli", "verify_app", "Re-verify a saved network on every input."),
    "minimal": ("constructions.exact.cli", "minimal_app",
                "Exact minimal neurons of every function of M <= 4 inputs (NPN classes)."),
    "train": ("empirical.cli.train", "train_app", "Train (an ensemble of) MLPs to memorise data."),
    "bench": ("empirical.cli.train", "bench_app",
              "Benchmarks: train (ensemble vs plain loop, FLOP/s vs peak), sweep, "
              "transformer, construct."),
    "sweep": ("empirical.cli.sweep", "sweep_app",
              "Run a sweep of training runs over a grid (resumable)."),
    "report": ("empirical.cli.sweep", "report_app",
               "Write a markdown report with figures for a sweep folder."),
    "search": ("empirical.cli.search", "search_app",
               "Smallest network gradient descent trains to memorise a target; memory curves."),
    "hardness": ("empirical.cli.hardness", "hardness_app",
                 "Which maps gradient descent finds hard: trained vs smallest known size."),
    "compare": ("empirical.cli.compare", "compare_app",
                "Bounds, constructions and trained sizes side by side for M = 1..K."),
    "tour": ("empirical.cli.compare", "tour_app",
             "A short end-to-end run (10-20 s on 2 cores): bounds, constructions, "
             "training, figures, summary."),
}


def _load(name: str) -> click.Command:
    from capacity.atomic_files import interrupts_deferred

    module_name, attr, _ = COMMANDS[name]
    with interrupts_deferred():  # a Ctrl-C here left numpy half imported: status 70, "module
        module = importlib.import_module(module_name)  # 'numpy' has no attribute 'diff'"
    obj = getattr(module, attr)
    if isinstance(obj, click.Command):
        command = obj
    else:
        import typer.main

        command = typer.main.get_command(obj)
        command.name = name
    _refuse_repeated_options(command)
    return command


def _refuse_repeated_options(command: click.Command) -> None:
    """Make ``command`` (and a group's subcommands) refuse an option given twice (one line,
    status 2): click kept the last value without a word, so ``construct --table 0110 --table
    0111`` built one output and ``compare --train --no-train`` trained nothing (CLI review,
    2026-12-05). Options that take a list (``multiple``) and counters may repeat."""
    if getattr(command, "_memcap_repeats_checked", False):
        return
    command._memcap_repeats_checked = True
    for sub in getattr(command, "commands", {}).values():
        _refuse_repeated_options(sub)
    parse = command.parse_args

    def parse_args(ctx: click.Context, args: list[str]) -> list[str]:
        given = list(args)
        rest = parse(ctx, args)  # the parser's own errors (a missing value) come first
        if not ctx.resilient_parsing:
            _, _, order = command.make_parser(ctx).parse_args(args=given)
            seen: set[str | None] = set()
            for param in order:
                if (isinstance(param, click.Option) and not param.multiple
                        and not param.count and param.name in seen):
                    names = "/".join(param.opts + param.secondary_opts)
                    raise click.UsageError(f"{names} is given more than once; give it once",
                                           ctx=ctx)
                seen.add(param.name)
        return rest

    command.parse_args = parse_args


def _subcommand_path(command: str, rest: list[str]) -> str:
    """``command``, or ``command sub`` when ``command`` is a group (``bench``) and the first
    word after it names one of its subcommands: the help that lists the option the parser
    refused (``memcap bench sweep --sizes`` pointed to ``memcap bench --help``, 2026-12-03).
    The group's own parser finds that word: an option's value is not a subcommand (``memcap
    bounds -M explain --kappa`` pointed to ``memcap bounds explain --help``, which has no
    ``--kappa``; 2026-12-07 audit)."""
    group = _load(command)
    if not isinstance(group, click.Group):
        return command
    parser = group.make_parser(click.Context(group, resilient_parsing=True))  # never raises
    _, words, _ = parser.parse_args(list(rest))
    if words and words[0] in group.commands:
        return f"{command} {words[0]}"
    return command


class _Interrupted(BaseException):
    """Ctrl-C inside a command, carried past click (which would print an empty line and turn it
    into ``Abort``) to :func:`main`, which reports it as the documented ``memcap: interrupted``."""


class _Escaped(Exception):
    """An ``EOFError`` escaping a command (a bug: a truncated read memcap did not catch),
    carried past click, which turns EOFError into ``Abort`` and so into "memcap: interrupted"
    with status 130 (2026-12-07 audit); :func:`main` reports the original as an internal
    error."""


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use.

    Examples
    --------
    >>> ctx = click.Context(cli)   # ``cli``, the memcap command, is a LazyGroup
    >>> cli.list_commands(ctx) == sorted(COMMANDS), cli.get_command(ctx, "nope") is None
    (True, True)
    >>> cli.get_command(ctx, "bounds").name   # its module imported now, on first use
    'bounds'
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            raise _Interrupted() from exc
        except EOFError as exc:  # not an interrupt: click would report it as one
            raise _Escaped() from exc

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        return _load(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="memcap")
def cli() -> None:
    """memcap: how many neurons does it take to memorise an arbitrary map?

    Three answers side by side: explicit integer sign-network constructions (verified on every
    input), symbolic capacity bounds evaluated exactly, and the sizes gradient descent needs.
    """


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _out_of_memory(text: str) -> bool:
    """Whether a RuntimeError's message is torch's allocation failure (CPU or CUDA).

    Examples
    --------
    >>> _out_of_memory("[enforce fail at alloc_cpu.cpp:117] data. DefaultCPUAllocator: can't "
    ...                "allocate memory: you tried to allocate 8000000000000 bytes.")
    True
    >>> _out_of_memory("CUDA out of memory. Tried to allocate 2.00 GiB"), _out_of_memory("x")
    (True, False)
    """
    return "can't allocate memory" in text or "out of memory" in text.lower()


def _debug() -> bool:
    """Whether ``MEMCAP_DEBUG`` asks for tracebacks: ``1``, ``true`` or ``yes`` (any case); ``0``,
    ``false`` and other values do not (they all did until 2026-12-01).

    Examples
    --------
    >>> import os
    >>> os.environ["MEMCAP_DEBUG"] = "0"; _debug()
    False
    >>> os.environ["MEMCAP_DEBUG"] = "1"; _debug()
    True
    >>> del os.environ["MEMCAP_DEBUG"]
    """
    return os.environ.get("MEMCAP_DEBUG", "").strip().lower() in ("1", "true", "yes")


def _say(line: str) -> None:
    """One line on stderr. A stderr that cannot take it (``2>/dev/full``) loses the line but not
    the exit status: the failed write escaped :func:`main` and every refusal ended with status
    1, which reads as a failed check (2026-12-04 audit)."""
    try:
        click.echo(line, err=True)
    except OSError:
        pass


def _internal(exc: BaseException) -> None:
    """A bug in memcap: one line and status 70; with ``MEMCAP_DEBUG=1`` its traceback first (the
    status stays 70: a traceback's status 1 reads as a failed verification)."""
    if _debug():
        import traceback

        try:
            traceback.print_exception(exc, file=sys.stderr)
        except OSError:  # an unwritable stderr: the status stays 70 (see _say)
            pass
    _say(f"memcap: internal error: {type(exc).__name__}: {_first_line(exc)} — this is a bug "
         "in memcap; run again with MEMCAP_DEBUG=1 for the traceback and please report it")
    sys.exit(EXIT_INTERNAL)


#: Quoted values longer than this are shortened in an error line (:func:`_shorten_values`); a
#: path or a name the user typed is shorter and stays whole.
LONG_VALUE = 300


def _shorten_values(message: str) -> str:
    """An error line with every quoted value longer than :data:`LONG_VALUE` characters, or
    holding an integer past Python's 4 300-digit conversion limit, shortened to its ends and
    its length, and such an integer named as such: ``--sample`` with 4 301 nines echoed all
    of them and called the integer "not a valid integer" (2026-12-04 review). A value is a
    span in single or double quotes (click quotes a value holding an apostrophe in double
    quotes) that starts after a space, a colon or the start and ends before a space,
    punctuation or the end, so an apostrophe inside a word or a value is never taken for a
    quote.

    Examples
    --------
    >>> _shorten_values("Invalid value for '--n': '" + "9" * 4301 + "' is not a valid integer.")
    "Invalid value for '--n': '99999999999999999999…9999999999' (4301 characters) is not a \
valid integer (memcap reads integers of at most 4300 digits)."
    >>> _shorten_values("Invalid value for '-M': 'x' is not a valid integer.")
    "Invalid value for '-M': 'x' is not a valid integer."
    """
    import re

    limit = sys.get_int_max_str_digits() or None
    too_long = False

    def shorten(match: re.Match) -> str:
        nonlocal too_long
        quote, text = match.group(1), match.group(2)
        digits = sum(c.isdigit() for c in text)
        huge = bool(limit and re.fullmatch(r"\s*[+-]?\d+(_\d+)*\s*", text) and digits > limit)
        too_long |= huge
        if len(text) <= LONG_VALUE and not huge:  # paths and names stay whole
            return match.group(0)
        return f"{quote}{text[:20]}…{text[-10:]}{quote} ({len(text)} characters)"

    short = re.sub(r"""(?:(?<=^)|(?<=[\s:(]))(['"])(.*?)\1(?=$|[\s,.;:)])""", shorten, message)
    if too_long:  # the parser's "not a valid integer", or memcap's own list and --set checks
        note = f" (memcap reads integers of at most {limit} digits)"
        short = short[:-1] + note + "." if short.endswith(".") else short + note
    return short


def _typed_command(argv: list[str] | None) -> str | None:
    """The memcap command the command line names first (None when its first word is none)."""
    words = list(sys.argv[1:] if argv is None else argv)
    return words[0] if words and words[0] in COMMANDS else None


def main(argv: list[str] | None = None) -> None:
    """Run the CLI. Bad input ends with one line on stderr and exit status 2; an OS error with one
    line and status 74; a bug in memcap with one line and status 70 (``MEMCAP_DEBUG=1`` shows its
    traceback).

    Parameters
    ----------
    argv : list of str or None, default None
        The arguments after ``memcap``; None: ``sys.argv[1:]``.

    Examples
    --------
    >>> try:
    ...     main(["count", "threshold", "--inputs", "3"])
    ... except SystemExit as done:
    ...     print("status", done.code)
    T(3) = 104 threshold functions of 3 variables (of 256; Cover bound 128; ... s)
    status 0
    >>> try:
    ...     main(["count", "threshold", "--inputs", "x"])   # one line on stderr, then status 2
    ... except SystemExit as done:
    ...     print("status", done.code)
    status 2
    """
    from capacity.interrupts import sigterm_as_interrupt
    from capacity.options import (
        as_typed,
        check_failed,
        defer_warnings,
        forget_typed,
        mark_check_failed,
    )

    for stream in (sys.stdout, sys.stderr):  # a terminal or PYTHONIOENCODING that cannot show
        try:  # "—" or a network's odd method name was an internal error (UnicodeEncodeError)
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):  # not a text stream (a test's capture), closed
            pass
    if sys.stdout is None:  # started with stdout closed (memcap ... >&-): every result lost
        _say("memcap: I/O error: standard output is closed; the results would be lost "
             "(redirect it to a file or /dev/null instead)")
        sys.exit(EXIT_IO)
    pending = defer_warnings()  # printed once the command ran; bad input stays one line
    mark_check_failed(False)
    forget_typed()
    stdout_was_null = _stdout_is_null()
    try:
        try:
            term = None
            try:
                with sigterm_as_interrupt() as term:  # `kill PID` stops every command as Ctrl-C
                    # standalone_mode=False: click (8.1 on) returns an Exit's code as rv (the
                    # command ran: status 0, or 1 for a failed verification), never raises it
                    rv = cli.main(args=argv, prog_name="memcap", standalone_mode=False)
            finally:  # whatever the command did after a SIGTERM (a finaliser may have swallowed
                # its interrupt), it was stopped; so it was by one that arrived while the block
                # restored its handlers (counted, and the command exited 0 until 2026-12-06)
                if term is not None and term.fired:
                    raise _Interrupted()
        except SystemExit as exc:
            # click and rich turn a closed pipe (memcap ... | head) into status 1, which reads
            # as a failed verification; the reader left, which docs/cli.md says is not an error
            # -- unless the check did fail (the reader may have left before the verdict)
            if exc.code == 1 and _reader_left(stdout_was_null) and not check_failed():
                sys.exit(0)
            raise
        _print_warnings(pending)
    except (KeyboardInterrupt, _Interrupted, click.exceptions.Abort):
        tty = sys.stderr is not None and sys.stderr.isatty()  # then move past the echoed "^C"
        _say(("\n" if tty else "") + "memcap: interrupted")
        sys.exit(130)
    except click.ClickException as exc:  # the parser's usage errors: one line, like ours
        hint = ""
        ctx = getattr(exc, "ctx", None)
        if isinstance(exc, click.UsageError) and ctx is not None:
            hint = f" (see '{ctx.command_path} --help')"
        elif isinstance(exc, click.UsageError):  # the parser's own ("requires an argument")
            words = list(sys.argv[1:] if argv is None else argv)
            command = _typed_command(argv)
            hint = f" (see 'memcap{' ' + _subcommand_path(command, words[1:]) if command else ''}"
            hint += " --help')"
        if isinstance(exc, click.NoSuchOption) and isinstance(ctx, click.Context):
            # suggest no hidden option: a deprecated old name (compare --table offered
            # --samples, construct --jsn --json; 2026-12-06 review)
            hidden = {o for p in ctx.command.params if getattr(p, "hidden", False)
                      for o in (*p.opts, *p.secondary_opts)}
            exc.possibilities = [o for o in exc.possibilities or () if o not in hidden]
        message = _shorten_values(_first_line(click.unstyle(exc.format_message())))
        if message == "Option '--json' requires an argument." and _typed_command(argv) == (
                "construct"):  # --json is still the old name of --save there (2026-12-06)
            message, hint = ("construct prints its summary as JSON with --print-json; --json "
                             "is still the old name of --save FILE there"), ""
        if isinstance(ctx, click.Context) and isinstance(ctx.command, click.Group) and (
                message.startswith("Usage:") or message == "Missing command."):
            # no command after memcap, count or bench: click said "Usage: …" or "Missing command."
            message = (f"no command given; choose one of "
                       f"{', '.join(sorted(ctx.command.list_commands(ctx)))}")
        _say(f"memcap: error: {message}{hint}")
        sys.exit(EXIT_USAGE if exc.exit_code in (1, 2) else exc.exit_code)
    except UsageError as exc:  # naming a renamed option as the user spelled it
        _say(f"memcap: error: {_shorten_values(as_typed(_first_line(exc)))}")
        sys.exit(EXIT_USAGE)
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:  # a path the user gave: bad input, not the disk
            from capacity.atomic_files import shortened

            shown = shortened(str(exc.filename or ""))
            _say(f"memcap: error: the path {shown!r} is too long for the file system "
                 "(usually at most 255 bytes a name, 4096 a path); give a shorter one")
            sys.exit(EXIT_USAGE)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):  # the disk, named with what helps
            if exc.filename:
                advice = (f" while writing {_shorten_values(repr(str(exc.filename)))}; free "
                          "some space there, or give --out or --save a place on another disk")
            else:  # the system named no file: a results file or a redirected output stream
                # (count ... > /dev/full got advice about options count does not have, review)
                advice = ("; free some space on the disk being written (the results' folder, "
                          "or the file the output is redirected to), or write elsewhere")
            _say(f"memcap: I/O error: the disk is full ({exc.strerror}){advice}")
            sys.exit(EXIT_IO)
        _say(f"memcap: I/O error: {_first_line(exc)}")
        sys.exit(EXIT_IO)
    except RuntimeError as exc:
        # torch could not allocate a tensor: the run needs more memory than is free (--force
        # skipped memcap's estimate, or other programs hold the memory), an operating-system
        # limit, not a bug. A Python MemoryError stays a bug: it means a limit is missing.
        from concurrent.futures import BrokenExecutor

        if isinstance(exc, BrokenExecutor):  # a --workers process killed from outside (the
            # kernel's out-of-memory killer, a kill): status 70 "a bug" before (2026-12-03)
            _say("memcap: I/O error: a worker process ended abruptly (killed from outside, "
                 "often by the system for lack of memory); run again, with fewer --workers "
                 "if memory is short (a sweep resumes where it stopped)")
            sys.exit(EXIT_IO)
        if not _out_of_memory(str(exc)):
            _internal(exc)
        _say(f"memcap: I/O error: out of memory ({_first_line(exc)}); the run needs more "
             "memory than is free (--force lifts memcap's limit of half the machine's "
             "memory, and other programs may hold memory)")
        sys.exit(EXIT_IO)
    except _Escaped as exc:
        _internal(exc.__cause__)
    except Exception as exc:  # a bug in memcap, never disguised as bad input
        _internal(exc)
    finally:
        defer_warnings(False)
    sys.exit(rv if isinstance(rv, int) else 0)


def _stdout_is_null() -> bool:
    """Whether file descriptor 1 is the null device (rich points it there when the reader of a
    pipe left)."""
    try:
        return os.path.samestat(os.fstat(1), os.stat(os.devnull))
    except OSError:
        return False


def _reader_left(stdout_was_null: bool) -> bool:
    """Whether a status 1 came from a closed pipe: click wraps stdout in a PacifyFlushWrapper,
    rich points descriptor 1 at the null device (it was not there when the command began)."""
    return (type(sys.stdout).__name__.endswith("PacifyFlushWrapper")  # click 8.2: _Pacify...
            or (not stdout_was_null and _stdout_is_null()))


def _print_warnings(lines: list[str]) -> None:
    for line in lines:
        _say(line)


def _exit_status(code: object) -> int:
    """The process exit status ``sys.exit(code)`` would give (a string is printed, status 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def command_started() -> float | None:
    """The ``time.perf_counter()`` reading at this command's start when the process is the
    ``memcap`` command (:func:`run`), else None (an in-process :func:`main` call, whose caller
    imported this module at some earlier time).

    Examples
    --------
    >>> command_started() is None   # a test process, not the command
    True
    """
    return STARTED if _FROM_RUN else None


def run() -> None:
    """The console script and ``python -m memcap``: :func:`main`, then a fast exit.

    Once :func:`main` has finished (its files written and closed, its worker processes
    stopped), the process leaves with ``os._exit`` after flushing stdout and stderr, skipping
    the interpreter's teardown: with torch, matplotlib, pandas and sympy loaded that teardown
    takes 0.3–0.7 s and does nothing a finished command needs (docs/benchmarks.md, 2026-12-01).
    ``MEMCAP_SLOW_EXIT=1`` restores the normal exit. Output that cannot be flushed (a full disk)
    turns a success into status 74 with one line on stderr; a reader that left (``| head``) is
    not an error. In-process callers (the tests) use :func:`main`, which exits the normal way.
    """
    global _FROM_RUN
    _FROM_RUN = True
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    status = _exit_status(code)
    if os.environ.get("MEMCAP_SLOW_EXIT", "") not in ("", "0"):
        sys.exit(status)
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # closed when the process started (memcap ... >&-)
            continue
        try:
            stream.flush()
        except BrokenPipeError:  # the reader left (memcap ... | head): nothing more to tell
            pass
        except (OSError, ValueError) as exc:  # a full disk: unwritten output is an I/O error
            if status == 0:
                status = EXIT_IO
                try:
                    os.write(2, f"memcap: I/O error: {_first_line(exc)}\n".encode())
                except OSError:
                    pass
    os._exit(status)
