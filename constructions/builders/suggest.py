"""Which universal builders to suggest when a special-purpose one does not apply.

``linear`` and ``parity`` realise only threshold functions and parities; when a table is
neither, their message names the universal builders that accept its number of inputs (before
2026-12-04 it named ``dnf`` and ``lookup`` at every M, also where they refuse).
"""

from __future__ import annotations

from constructions.builders.depth3 import MAX_DEPTH3_INPUTS
from constructions.builders.dnf import MAX_DNF_INPUTS
from constructions.builders.lookup import MAX_LOOKUP_INPUTS

__all__ = ["universal_methods"]


def universal_methods(inputs: int) -> str:
    """The universal builders that accept ``inputs`` inputs without ``--force``, as message text.

    Parameters
    ----------
    inputs : int
        The number of inputs M of the table that a special-purpose builder refused.

    Returns
    -------
    str
        ``"use method 'dnf', 'depth3', 'lookup' or 'auto'"`` and the like, naming only the
        builders whose input limit (``MAX_DNF_INPUTS``, ``MAX_LOOKUP_INPUTS``,
        ``MAX_DEPTH3_INPUTS``) admits M; above every limit, the methods that take ``--force``.

    Examples
    --------
    >>> universal_methods(8)
    "use method 'dnf', 'depth3', 'lookup' or 'auto'"
    >>> universal_methods(24)
    "use method 'depth3', 'xorsys', 'hall' or 'auto'"
    >>> universal_methods(26)
    "use method 'depth3' or 'lookup' with --force"
    """
    if inputs > MAX_DEPTH3_INPUTS:
        return "use method 'depth3' or 'lookup' with --force"
    names = ["dnf"] if inputs <= MAX_DNF_INPUTS else []
    names.append("depth3")
    names += ["lookup"] if inputs <= MAX_LOOKUP_INPUTS else ["xorsys", "hall"]
    return "use method " + ", ".join(f"'{n}'" for n in names) + " or 'auto'"
