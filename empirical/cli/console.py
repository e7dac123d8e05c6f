"""Console helpers shared by the empirical commands (no torch import)."""

from __future__ import annotations

__all__ = ["progress_bar"]


def progress_bar():
    """A transient rich progress bar on stderr: description, bar, done/total, elapsed time.

    Examples
    --------
    >>> with progress_bar() as bar:
    ...     task = bar.add_task("demo", total=2)
    ...     bar.update(task, completed=2)
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    return Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=Console(stderr=True), transient=True)
