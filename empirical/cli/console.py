"""Console helpers shared by the empirical commands (no torch import)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import typer

from capacity.atomic_files import json_safe

__all__ = ["emit", "print_rows", "progress_bar"]


def emit(data: Any, as_json: bool, show: Callable[[Any], None]) -> None:
    """The one way a command reports: ``data`` as indented strict JSON on stdout with ``--json``
    (NaN and ±inf as null, :func:`~capacity.atomic_files.json_safe`), else ``show(data)`` (a
    rich table or lines for people).

    Parameters
    ----------
    data : object
        What the command reports.
    as_json : bool
        Print ``data`` as JSON (``--json``) instead of calling ``show``.
    show : callable
        Prints ``data`` for people.

    Examples
    --------
    >>> emit({"a": 1}, True, print)
    {
      "a": 1
    }
    >>> emit({"a": 1}, False, lambda d: print("a =", d["a"]))
    a = 1
    """
    if as_json:
        typer.echo(json.dumps(json_safe(data), indent=2, default=str, allow_nan=False))
    else:
        show(data)


def progress_bar():
    """The training commands' progress bar: :func:`capacity.terminal.progress_bar` with
    description, bar, done/total and elapsed time (a :class:`~capacity.terminal.SilentProgress`
    when stderr is not a terminal).

    Examples
    --------
    >>> type(progress_bar()).__name__   # under doctest stderr is not a terminal
    'SilentProgress'
    """
    from capacity.terminal import progress_bar as bar

    return bar(counts=True)


def print_rows(title: str, rows: list[dict], columns: list[str] | None = None) -> None:
    """A rich table of ``rows`` (dicts) on stdout: one column per key of ``columns`` (default:
    the first row's keys), floats to 4 significant digits.

    Parameters
    ----------
    title : str
        The table's title (printed literally, not as rich markup).
    rows : list of dict
        One dict per row; every dict needs every key of ``columns``.
    columns : list of str or None, optional
        The keys shown, in order (default: the first row's keys; none when ``rows`` is empty).

    Examples
    --------
    >>> print_rows("demo", [{"a": 1.23456, "b": "x"}])  # doctest: +NORMALIZE_WHITESPACE
          demo
    ┏━━━━━━━┳━━━┓
    ┃     a ┃ b ┃
    ┡━━━━━━━╇━━━┩
    │ 1.235 │ x │
    └───────┴───┘
    """
    from rich.markup import escape
    from rich.table import Table

    from capacity.terminal import print_table

    columns = list(rows[0]) if columns is None and rows else list(columns or [])
    table = Table(title=escape(title))  # titles and cells hold users' names: not markup
    for col in columns:
        table.add_column(col, justify="right")
    for row in rows:
        table.add_row(*(f"{row[c]:.4g}" if isinstance(row[c], float) else escape(str(row[c]))
                        for c in columns))
    print_table(table)
