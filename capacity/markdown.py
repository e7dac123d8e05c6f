"""The one Markdown table writer every report uses (``--markdown`` output, report.md,
summary.md, compare.md, memory.md).

A cell's ``|`` is escaped (``\\|``) so that a formula such as ``|E|`` stays in its column, and
every cell is ``str()`` of its value; callers format numbers and the empty cell themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["markdown_table"]


def markdown_table(head: Sequence[object], rows: Iterable[Sequence[object]],
                   align: str = "---") -> list[str]:
    """Lines of a Markdown table: the header, the rule (``align`` per column: ``---`` or
    ``---:`` for right-aligned numbers) and one line per row.

    Parameters
    ----------
    head : sequence
        The column headers; their number sets the number of rule cells.
    rows : iterable of sequence
        The rows; each cell is shown with ``str`` and its ``|`` escaped as ``\\|``.
    align : str, default "---"
        The rule cell, used for every column (e.g. ``"---:"`` to right-align all of them).

    Returns
    -------
    list of str
        The table's lines, without newlines.

    Examples
    --------
    >>> print("\\n".join(markdown_table(["M", "bound"], [[1, "|E| ≥ 2"], [2, 3]], "---:")))
    | M | bound |
    |---:|---:|
    | 1 | \\|E\\| ≥ 2 |
    | 2 | 3 |
    """
    def line(cells: Iterable[object]) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    head = list(head)
    return [line(head), "|" + f"{align}|" * len(head), *(line(r) for r in rows)]
