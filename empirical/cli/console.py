"""Console helpers shared by the empirical commands (no torch import)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import typer

__all__ = ["SilentProgress", "emit", "print_rows", "progress_bar"]


def emit(data: Any, as_json: bool, show: Callable[[Any], None]) -> None:
    """The one way a command reports: ``data`` as indented JSON on stdout with ``--json``,
    else ``show(data)`` (a rich table or lines for people).

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
        typer.echo(json.dumps(data, indent=2, default=str))
    else:
        show(data)


class SilentProgress:
    """What :func:`progress_bar` returns when stderr is not a terminal: the same calls
    (``add_task``, ``update``, ``advance``, a context manager), drawing nothing and importing
    nothing (rich's progress module costs ≈ 0.1 s to import).

    Examples
    --------
    >>> with SilentProgress() as bar:
    ...     task = bar.add_task("demo", total=2)
    ...     bar.update(task, completed=2)
    >>> task
    0
    """

    def __init__(self) -> None:
        self._tasks = 0

    def add_task(self, description: str, total: float | None = None, **_: Any) -> int:
        """A new task id (0, 1, …)."""
        self._tasks += 1
        return self._tasks - 1

    def update(self, task: int, **_: Any) -> None:
        """Nothing to draw."""

    def advance(self, task: int, advance: float = 1) -> None:
        """Nothing to draw."""

    def __enter__(self) -> SilentProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def progress_bar():
    """A transient rich progress bar on stderr (description, bar, done/total, elapsed time) when
    rich would draw on stderr (:func:`capacity.terminal.stderr_is_terminal`), else a
    :class:`SilentProgress`: a bar on a pipe or a log file shows nothing and only wrote a blank
    line when it stopped.

    Examples
    --------
    >>> with progress_bar() as bar:    # under doctest stderr is not a terminal
    ...     task = bar.add_task("demo", total=2)
    ...     bar.update(task, completed=2)
    >>> type(bar).__name__
    'SilentProgress'
    """
    from capacity.terminal import progress_console, stderr_is_terminal

    if not stderr_is_terminal():
        return SilentProgress()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    return Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=progress_console(), transient=True)


def print_rows(title: str, rows: list[dict], columns: list[str] | None = None) -> None:
    """A rich table of ``rows`` (dicts) on stdout: one column per key of ``columns`` (default:
    the first row's keys), floats to 4 significant digits.

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
    from rich.console import Console
    from rich.table import Table

    columns = list(rows[0]) if columns is None and rows else list(columns or [])
    table = Table(title=title)
    for col in columns:
        table.add_column(col, justify="right")
    for row in rows:
        table.add_row(*(f"{row[c]:.4g}" if isinstance(row[c], float) else str(row[c])
                        for c in columns))
    Console().print(table)
