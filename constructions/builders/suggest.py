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


def universal_methods(inputs: int, outputs: int = 1) -> str:
    """The universal builders that accept ``inputs`` inputs without ``--force``, as message text.

    Parameters
    ----------
    inputs : int
        The number of inputs M of the table that a special-purpose builder refused.
    outputs : int, default 1
        Its number of outputs N (the memory estimates above M = 24 grow with it: at M = 26 and
        N = 4 only hall's build fits 12 GiB).

    Returns
    -------
    str
        ``"use method 'dnf', 'depth3', 'lookup' or 'auto'"`` and the like, naming only the
        builders whose input limit (``MAX_DNF_INPUTS``, ``MAX_LOOKUP_INPUTS``,
        ``MAX_DEPTH3_INPUTS``) admits M and whose build for N outputs fits this machine's
        memory (:func:`~constructions.builders.memory.memory_excess`); above every limit,
        those of xorsys, hall and depth3 (smallest networks first) that fit, with ``--force``
        (lookup and depth3 were named: at M = 25 lookup's build is estimated at 19.8 GiB,
        hall's at 0.6, xorsys's at 3.2, depth3's at 1.8; 2026-12-06 review).

    Examples
    --------
    >>> universal_methods(8)
    "use method 'dnf', 'depth3', 'lookup' or 'auto'"
    >>> universal_methods(24)
    "use method 'depth3', 'xorsys', 'hall' or 'auto'"
    >>> universal_methods(25)   # on a machine with 8 GiB or more
    "use method 'xorsys', 'hall' or 'depth3' with --force"
    """
    from constructions.builders.memory import memory_excess

    if inputs > MAX_DEPTH3_INPUTS:
        names, end = ["xorsys", "hall", "depth3"], " with --force"
    else:
        names = ["dnf"] if inputs <= MAX_DNF_INPUTS else []
        names.append("depth3")
        names += ["lookup"] if inputs <= MAX_LOOKUP_INPUTS else ["xorsys", "hall"]
        end = ""
    # only builds whose estimate fits this machine (M = 20, N = 256 named depth3 and lookup,
    # 13.8 and 14.5 GiB, both then refused; 2026-12-06 review)
    def fitting(methods) -> list[str]:
        return [f"'{m}'" for m in methods if memory_excess(m, inputs, outputs) is None]

    fit = fitting(names)
    if not fit and not end:  # many outputs: the smallest builds may still fit
        fit = fitting(("xorsys", "hall"))
    if not fit:  # hall's estimate is the least: 4.1 GiB at M = 28
        return (f"use method 'hall' with --force (no build's estimate for N = {outputs} "
                "fits this machine's memory)")
    if not end:
        fit.append("'auto'")
    listed = fit[0] if len(fit) == 1 else ", ".join(fit[:-1]) + " or " + fit[-1]
    return f"use method {listed}{end}"
