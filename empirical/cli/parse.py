"""Command-line lists (``--seeds 0,1,2``, ``--inputs 1..10``, ``--lrs 0.01,0.03``), parsed one way.

Every integer list takes the same syntax: a comma-separated list ``3,5,8`` or an inclusive range
``1..10`` (or one value). Bad input raises ValueError with one line naming the option, an example
and what was given.
"""

from __future__ import annotations

import contextlib
import importlib
import math
import re

from capacity.errors import UsageError
from capacity.options import (
    canonical_choice,
    limit_text,
    option_given,
    refuse_unread_options,
)
from empirical.engine.executor import MAX_WORKERS, check_threads

__all__ = ["MAX_LIST", "MAX_TASKS_WITHOUT_FORCE", "OVERWRITE_HELP", "auto_workers",
           "check_distinct",
           "check_overwrite_has_out", "check_task_count", "check_threads", "device_option",
           "int_list", "vocabulary_option",
           "name_list", "option_given",
           "learning_rate_list", "options_named", "parse_workers", "positive_float_list",
           "refuse_unread_options", "text_items"]


@contextlib.contextmanager
def options_named(names: dict[str, str]):
    """Re-raise a :class:`~capacity.errors.UsageError` of the block with each config field of
    ``names`` (``"data.n_train"``) replaced by the option the user typed (``"--points"``): the
    configs check their fields under their own names, a command's user knows its options.

    Only the message's own words change, never a value it quotes (a path, a user's text): a
    dotted name (``model.width``) anywhere outside quotes, a bare one (``ns``, ``input_law``)
    only where the message names its subject or its fix: at its start, after "unknown ", "drop "
    or "drop X / ".

    Examples
    --------
    >>> with options_named({"model.width": "--width", "model.heads": "--heads"}):
    ...     raise UsageError("model.width 12 is not a multiple of model.heads 5")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --width 12 is not a multiple of --heads 5
    >>> with options_named({"ns": "--memory-curve", "model.width": "--width"}):
    ...     raise UsageError("output folder '/tmp/ns' is not empty; unknown 'model.width'")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: output folder '/tmp/ns' is not empty; unknown 'model.width'
    >>> with options_named({"data_seeds": "--data-seeds"}):
    ...     raise UsageError("no data seed changes 'parity'; drop data.seed / data_seeds")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: no data seed changes 'parity'; drop data.seed / --data-seeds
    """
    try:
        yield
    except UsageError as exc:
        raise UsageError(_named(str(exc), names)) from None


def _named(text: str, names: dict[str, str]) -> str:
    """:func:`options_named`'s rewrite of one message."""
    parts = re.split(r"('[^']*'|\"[^\"]*\")", text)  # odd parts: quoted values, kept
    for i in range(0, len(parts), 2):
        for name, option in names.items():
            if "." in name:
                where = rf"(?<![\w./-]){re.escape(name)}(?![\w./])"
            else:  # a bare field name: only as the message's subject (before any quoted
                # value) or its fix (after "drop ", anywhere outside quotes)
                fix = rf"(?:(?<=drop )|(?<= / )){re.escape(name)}(?![\w./])"
                subject = (rf"(?:(?<=^)|(?<=^unknown )|(?<=[;:] unknown ))"
                           rf"{re.escape(name)}(?![\w./])")
                where = fix if i else f"{subject}|{fix}"
            parts[i] = re.sub(where, option, parts[i])
    return "".join(parts)


#: Most values a list option may hold (a range is expanded into a list).
MAX_LIST = 10**4  # 10^6 points, budgets or seeds ran for ever before anything checked them


def vocabulary_option(name: str, module: str = "empirical.engine.config"):
    """The ``typer.Option`` callback of a choice whose names are the tuple (or dict keys)
    ``name`` of ``module`` (``"OPTIMIZERS"``, ``"DTYPES"``, ...): it replaces the typed
    name by its canonical spelling (any case, ``_`` for ``-``:
    :func:`capacity.options.canonical_choice`), before any code compares it; a name that is
    none of them passes unchanged, for the config's check to refuse. The vocabulary is
    imported when the command line is parsed, not when the command's module is imported (so
    ``memcap --help`` imports none of it).

    Parameters
    ----------
    name : str
        The name of the tuple in ``module``.
    module : str
        Where the vocabulary lives.

    Returns
    -------
    callable
        ``callback(value) -> value``.

    Examples
    --------
    >>> vocabulary_option("OPTIMIZERS")("AdamW"), vocabulary_option("LABEL_PRIORS")("Power-law")
    ('adamw', 'power_law')
    >>> vocabulary_option("SWEEP_PRESETS", "empirical.sweeps.spec")("L2_Blog_Sweep")
    'l2-blog-sweep'
    >>> vocabulary_option("INPUT_LAWS")("Power-law")   # names nothing: the config refuses it
    'Power-law'
    """
    def callback(value):
        if not isinstance(value, str):  # None: an option left out
            return value
        return canonical_choice(value, tuple(getattr(importlib.import_module(module), name)))

    return callback


def device_option(value):
    """The ``typer.Option`` callback of ``--device``: cpu, cuda or cuda:N in lower case however
    typed (:func:`empirical.engine.config.canonical_device`); anything else unchanged.

    Examples
    --------
    >>> device_option("CUDA"), device_option(None)
    ('cuda', None)
    """
    from empirical.engine.config import canonical_device

    return canonical_device(value)


def text_items(text: str, name: str) -> list[str]:
    """The comma-separated items of ``text``, each stripped (spaces inside an item stay, so
    ``"1 2"`` is refused as a number instead of read as 12); ``""`` has none. An empty item
    between commas (``"1,,2"``, ``","``) is refused (ValueError): it was dropped silently. More
    than :data:`MAX_LIST` items are refused (UsageError, naming ``name``).

    Parameters
    ----------
    text : str
        Comma-separated items (converted with ``str``).
    name : str
        The option named in the error message for too many items.

    Returns
    -------
    list of str
        The stripped items.

    Examples
    --------
    >>> text_items(" adam, sgd", "--optimizers")
    ['adam', 'sgd']
    >>> text_items("adam,,sgd", "--optimizers")
    Traceback (most recent call last):
    ...
    ValueError: empty item in 'adam,,sgd'
    """
    parts = [v.strip() for v in str(text).split(",")]
    if parts == [""]:
        return []
    if any(not v for v in parts):
        raise ValueError(f"empty item in {text!r}")
    if len(parts) > MAX_LIST:
        raise UsageError(f"{name} holds {len(parts)} values, more than {MAX_LIST}")
    return parts


def int_list(text: str, name: str, example: str = "1,2,3", *, nonempty: bool = False,
             sort: bool = False, distinct: bool = False) -> list[int]:
    """Integers of ``"a,b,c"`` in the order given, or of the inclusive range ``"a..b"``
    (``[]`` for an empty string unless ``nonempty``); ``sort`` gives them sorted. A list of
    settings (``distinct``, implied by ``sort``) refuses a repeated value, as sweep specs do:
    it would train the same thing twice, or was dropped silently (until 2026-12-01).

    Parameters
    ----------
    text : str
        Comma-separated integers or an inclusive range ``a..b`` (at most :data:`MAX_LIST`
        values; ``a > b`` is refused).
    name : str
        The option named in error messages.
    example : str, optional
        A valid value quoted in error messages.
    nonempty : bool, optional
        Refuse an empty list.
    sort : bool, optional
        Return the values sorted (implies ``distinct``).
    distinct : bool, optional
        Refuse a repeated value.

    Returns
    -------
    list of int
        The integers.

    Examples
    --------
    >>> int_list("3, 1,2", "--seeds"), int_list(" 2 .. 3 ", "--inputs")
    ([3, 1, 2], [2, 3])
    >>> int_list("1 2", "--inputs")  # not 12
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --inputs must be comma-separated integers or a range LOW..HIGH, ...
    >>> int_list("2..4", "--inputs"), int_list("5,3", "--points", sort=True)
    ([2, 3, 4], [3, 5])
    >>> int_list("5,3,5", "--points", sort=True)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --points repeats 5; list each value once
    >>> int_list("1,x", "--seeds", "0,1,2")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --seeds must be comma-separated integers or a range LOW..HIGH, ...
    >>> int_list("3..1", "--inputs", "1..10")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --inputs range '3..1' is empty; write LOW..HIGH with LOW <= ...
    """
    raw = str(text).strip()
    values: list[int] | None
    try:
        if ".." in raw:
            lo, hi = (part.strip() for part in raw.split(".."))
            low, high = int(lo), int(hi)
            if low > high:
                raise UsageError(f"{name} range {text!r} is empty; write LOW..HIGH with "
                                 f"LOW <= HIGH, e.g. {example if '..' in example else '1..10'}")
            if high - low >= MAX_LIST:  # 1..10^30 ran out of memory building the list
                raise UsageError(f"{name} range {text!r} has {high - low + 1} values, more "
                                 f"than {MAX_LIST}; give a shorter range")
            values = list(range(low, high + 1))
        else:
            values = [int(v) for v in text_items(raw, name)]
    except ValueError as err:
        if isinstance(err, UsageError):  # an empty or too long range: its own message
            raise
        values = None
    if values is None or (nonempty and not values):
        raise UsageError(f"{name} must be comma-separated integers or a range LOW..HIGH, e.g. "
                         f"{example}; got {text!r}")
    if sort or distinct:
        check_distinct(values, name)
    return sorted(values) if sort else values


def name_list(text: str, name: str, refusal: str, options) -> tuple[str, ...]:
    """The names of a comma-separated list of settings (``--families``, ``--optimizers``), each
    in its canonical spelling (any case, ``_`` for ``-``: :func:`capacity.options.choice_key`):
    :func:`text_items` with its limit, ``refusal`` (one line) for an empty list or an empty
    item, and no repeated name (:func:`check_distinct`). A name outside ``options`` is returned
    as typed, for the caller to refuse with its own message.

    Parameters
    ----------
    text : str
        Comma-separated names.
    name : str
        The option named in error messages (too many items, a repeated name).
    refusal : str
        The error message for an empty list or an empty item.
    options : iterable of str
        The names the option takes, as memcap spells them.

    Returns
    -------
    tuple of str
        The names, in the order given.

    Examples
    --------
    >>> name_list("Adam, sgd", "--optimizers", "--optimizers takes adam and/or sgd",
    ...           ("adam", "sgd"))
    ('adam', 'sgd')
    >>> name_list("adam,,sgd", "--optimizers", "--optimizers takes adam and/or sgd",
    ...           ("adam", "sgd"))
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --optimizers takes adam and/or sgd
    """
    try:
        vocabulary = tuple(options)
        names = tuple(canonical_choice(v, vocabulary) for v in text_items(text, name))
    except ValueError as err:
        if isinstance(err, UsageError):  # too many values: its own (short) message
            raise
        names = ()  # an empty item
    if not names:
        raise UsageError(refusal)
    check_distinct(names, name)
    return names


def check_distinct(values, name: str) -> None:
    """Refuse (one line) a list of settings that repeats a value.

    Parameters
    ----------
    values : iterable
        The settings (hashable); floats are shown with ``:g`` in the message.
    name : str
        The option named in the error message.

    Examples
    --------
    >>> check_distinct(["adam", "sgd"], "--optimizers")
    >>> check_distinct([0.01, 0.03, 0.01], "--lrs")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --lrs repeats 0.01; list each value once
    """
    seen = set()
    for v in values:
        if v in seen:
            raise UsageError(f"{name} repeats {v:g}; list each value once" if isinstance(v, float)
                             else f"{name} repeats {v}; list each value once")
        seen.add(v)


def positive_float_list(text: str, name: str, example: str = "0.003,0.01,0.03",
                        at_most: float = math.inf, *, zero: bool = False,
                        at_least: float = 0.0) -> tuple[float, ...]:
    """Positive numbers of ``"a,b,c"`` (at least one, at most :data:`MAX_LIST`), none above
    ``at_most``, none positive below ``at_least`` and none infinite; ``zero=True`` admits 0 as
    well.

    Parameters
    ----------
    text : str
        Comma-separated numbers; empty items and repeats are refused.
    name : str
        The option named in error messages.
    example : str, optional
        A valid value quoted in the error message.
    at_most : float, optional
        The largest value accepted (default: no limit).
    at_least : float, optional
        The smallest positive value accepted (default: any; learning rates pass
        ``empirical.engine.config.MIN_LR``).
    zero : bool, optional
        Accept 0 too.

    Returns
    -------
    tuple of float
        The numbers, in the order given.

    Examples
    --------
    >>> positive_float_list("0.003, 1e-2", "--lrs")
    (0.003, 0.01)
    >>> positive_float_list("0.01,-1", "--lrs")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --lrs must be comma-separated positive numbers, e.g. ...
    >>> positive_float_list("1e-320", "--lrs", at_least=2.0 ** -126)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --lrs must be at least 2^-126 (about 1.18e-38), got 9.99989e-321
    >>> positive_float_list("0,1", "--init-scales", "0.5,1,2", zero=True)
    (0.0, 1.0)
    >>> positive_float_list("0,,1", "--init-scales", "0.5,1,2", zero=True)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --init-scales must be comma-separated numbers >= 0, e.g. ...
    """
    try:
        values = tuple(float(v) for v in text_items(text, name))
    except ValueError as err:
        if isinstance(err, UsageError):  # too many values: its own message
            raise
        values = ()
    if not values or not all((v >= 0 if zero else v > 0) and math.isfinite(v) for v in values):
        kind = "numbers >= 0" if zero else "positive numbers"
        raise UsageError(f"{name} must be comma-separated {kind}, e.g. {example}; got {text!r}")
    if max(values) > at_most:
        raise UsageError(f"{name} must be at most {limit_text(at_most)}, got "
                         f"{limit_text(max(values))}")
    if any(0 < v < at_least for v in values):
        raise UsageError(f"{name} must be at least {limit_text(at_least)}, got "
                         f"{limit_text(min(v for v in values if v > 0))}")
    check_distinct(values, name)  # a grid of settings: a repeat trained the same thing twice
    return values


def learning_rate_list(text: str, example: str = "0.003,0.01,0.03") -> tuple[float, ...]:
    """The learning rates of ``--lrs``: :func:`positive_float_list` within
    [``MIN_LR``, ``MAX_LR``] of :mod:`empirical.engine.config` (float32's smallest normal number,
    and the largest rate whose first Adam step stays finite), the check search, compare and
    hardness share.

    Examples
    --------
    >>> learning_rate_list("0.01,0.03")
    (0.01, 0.03)
    >>> learning_rate_list("0.1,1e39")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --lrs must be at most 1e+30, got 1e+39
    """
    from empirical.engine.config import MAX_LR, MIN_LR

    return positive_float_list(text, "--lrs", example, at_most=MAX_LR, at_least=MIN_LR)


#: Most separate searches or study cells one command runs without ``--force`` (a --points or
#: --memory-curve list, compare's search groups, a hardness study's cells). Each is seconds to
#: minutes of training: ``search --points 1..10000`` and ``hardness --budgets 1..10000`` ran for
#: hours (2026-12-01 fuzzing). The largest documented study, ``hardness --inputs 4``, has 228.
MAX_TASKS_WITHOUT_FORCE = 1000

#: ``--overwrite``'s help for the commands that write one result folder (search, compare,
#: tour, hardness): it said "Replace a non-empty --out folder", but only folders memcap wrote,
#: holding nothing else, are replaced (capacity.atomic_files.check_replaceable).
OVERWRITE_HELP = ("Replace a non-empty --out folder that memcap wrote (one holding files memcap "
                  "did not write is refused).")


def check_task_count(count: int, what: str, force: bool = False,
                     fix: str = "shorten the list") -> None:
    """Refuse (one line, before any training) more than :data:`MAX_TASKS_WITHOUT_FORCE`
    separate searches or cells unless ``force``; ``what`` says what they are, ``fix`` how to
    have fewer.

    Parameters
    ----------
    count : int
        Number of searches or cells the command would run.
    what : str
        What they are, for the message (e.g. ``"searches (one per --points value)"``).
    force : bool, optional
        Allow any count (``--force``).
    fix : str, optional
        How to have fewer, for the message (default ``"shorten the list"``).

    Examples
    --------
    >>> check_task_count(10_000, "searches (one per --points value)", force=True)
    >>> check_task_count(10_000, "searches (one per --points value)")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: 10000 searches (one per --points value) are more than 1000, ...
    """
    if count > MAX_TASKS_WITHOUT_FORCE and not force:
        raise UsageError(f"{count} {what} are more than {MAX_TASKS_WITHOUT_FORCE}, each seconds "
                         f"to minutes of training (hours in all); {fix} or pass --force")


def check_overwrite_has_out(out, overwrite: bool) -> None:
    """Refuse ``--overwrite`` without ``--out`` in a command whose ``--out`` is optional (it was
    accepted and ignored until 2026-12-03).

    Examples
    --------
    >>> check_overwrite_has_out("res", True)
    >>> check_overwrite_has_out(None, True)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --overwrite replaces an --out folder; give --out DIR or drop ...
    """
    if overwrite and out is None:
        raise UsageError("--overwrite replaces an --out folder; give --out DIR or drop "
                         "--overwrite")


def parse_workers(text: str | None, scheduler: str | None = None,
                  dask_workers: int | None = None, given: bool = False) -> int | None:
    """``--workers``: ``auto`` (None: one worker process per available core, see
    :func:`auto_workers`) or a positive integer (1: everything in this process). ``--workers``
    typed (``given``) together with a Dask flag (``--scheduler``, ``--dask-workers``) is
    refused, and so are two or more local workers; the default (``auto`` or 1) gives way to
    Dask. The Dask flags are checked here too (both at once, a malformed address), so that a
    dry run refuses what the run would.

    Parameters
    ----------
    text : str or None
        ``--workers`` as typed: ``auto`` (any case) or None for automatic, else an integer in
        1..``MAX_WORKERS``.
    scheduler : str or None, optional
        ``--scheduler``, a Dask scheduler address (its syntax is checked).
    dask_workers : int or None, optional
        ``--dask-workers``, 1..``MAX_WORKERS``.
    given : bool, optional
        Whether ``--workers`` was typed on the command line.

    Returns
    -------
    int or None
        The number of local workers, or None for ``auto``.

    Examples
    --------
    >>> parse_workers("auto"), parse_workers("3"), parse_workers("1", dask_workers=2)
    (None, 3, 1)
    >>> parse_workers("0")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --workers must be auto or a positive integer, got '0'
    >>> parse_workers("2", dask_workers=2)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: give either --workers (local processes) or ..., not both
    >>> parse_workers("1", dask_workers=2, given=True)  # typed, though at a default value
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: give either --workers (local processes) or ..., not both
    """
    if scheduler is not None and dask_workers is not None:
        raise UsageError("give either --scheduler (an existing cluster) or --dask-workers "
                         "(a local one), not both")
    if scheduler is not None:  # a malformed or empty address, before anything starts
        from empirical.engine.executor import parse_scheduler

        parse_scheduler(scheduler)
    if dask_workers is not None and dask_workers < 1:  # checked here for a dry run too
        raise UsageError(f"--dask-workers must be at least 1, got {dask_workers}")
    if dask_workers is not None and dask_workers > MAX_WORKERS:
        raise UsageError(f"--dask-workers must be at most {MAX_WORKERS}, got {dask_workers}")
    if given and (scheduler is not None or dask_workers is not None):
        raise UsageError("give either --workers (local processes) or --scheduler/--dask-workers "
                         "(Dask), not both")
    if text is None or text.strip().lower() == "auto":
        return None
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise UsageError(f"--workers must be auto or a positive integer, got {text!r}")
    if value > MAX_WORKERS:  # 10^30 overflowed in the process pool (status 70)
        raise UsageError(f"--workers must be at most {MAX_WORKERS}, got {value}")
    if value > 1 and (scheduler is not None or dask_workers is not None):
        raise UsageError("give either --workers (local processes) or --scheduler/--dask-workers "
                         "(Dask), not both")
    return value


def auto_workers(workers: int | None, tasks: int, device: str = "cpu") -> int:
    """Worker processes for ``tasks`` independent tasks: ``workers`` when given, else one per
    available core but no more than there are tasks, and 1 (in-process) off the CPU.

    Parameters
    ----------
    workers : int or None
        The number asked for; None picks automatically.
    tasks : int
        The number of independent tasks.
    device : str, optional
        The training device (default ``"cpu"``); any other gives 1 when ``workers`` is None.

    Returns
    -------
    int
        The number of worker processes (at least 1 when picked automatically).

    Examples
    --------
    >>> auto_workers(3, 10), auto_workers(None, 1), auto_workers(None, 10, "cuda")
    (3, 1, 1)
    """
    if workers is not None:
        return workers
    if device != "cpu":
        return 1
    from empirical.engine.executor import available_cpus

    return max(1, min(available_cpus(), tasks))
