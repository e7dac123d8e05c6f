"""The seed question answered for M = 1..K: lower bounds against construction sizes.

For maps {±1}^M → {±1}^N (default N = 1): neurons that any sign network (any depth) or a
one-hidden-layer sign network must have, against the neurons the constructions use (depth3 and the
lookup share their first layer across the N outputs); and parameters (Thm 20.6 lower bound for
one fixed graph that realises every map, the counting bound when each map has its own graph,
information anchors) against the dense parameter count of the textbook lookup net. Every
lower-bound column is a worst-case statement; each bound's model (``memcap bounds explain ID``)
says which networks it covers. Column names use the constructions' names in ``memcap
construct --size-table``: "claim20_1" is the textbook lookup (UML Claim 20.1, 2^M + N neurons) and
"lookup (complement)" the ``lookup`` builder (``--method lookup``, 2^M − ⌈2^(M−N)⌉ + N with the
complement trick);
before 2026-12-01 they were "lookup neurons" and "complement neurons", so ``bounds`` called
"lookup" what ``construct`` calls ``claim20_1``.

Examples
--------
>>> rows = answer_rows(4)
>>> rows[-1]["M"], rows[-1]["claim20_1 neurons (upper)"]
(4, 17)
"""

from __future__ import annotations

from collections.abc import Callable

from capacity.errors import UsageError
from capacity.evaluate import evaluate_bound
from capacity.options import is_integer
from capacity.registry import get_bound

__all__ = ["ANSWER_COLUMNS", "BEST_ANY_DEPTH", "answer_rows", "lookup_parameters"]

#: column name -> bound id (or None for a derived column)
ANSWER_COLUMNS: dict[str, str | None] = {
    "neurons, any depth (lower, counting)": "counting.any-depth",
    "neurons (lower, distinct outputs)": "counting.distinct-outputs",
    "neurons, any depth (lower, best)": None,
    "neurons, one graph for every map (lower, Thm 20.6)": "uml.thm20.2-neurons",
    "neurons, any depth (exact, M ≤ 5)": "exact.any-depth",
    "neurons, 1 hidden layer (lower, counting)": "counting.one-hidden-layer",
    "neurons, 1 hidden layer (exact, M ≤ 5)": "exact.one-hidden-layer",
    "hall neurons, any depth (upper)": "construction.hall",
    "xorsys neurons, any depth (upper)": "construction.xorsys",
    "five neurons, any depth (upper, M = 5, 6)": "construction.five",
    "depth-3 neurons (upper)": "construction.depth3",
    "gated neurons, 1 hidden layer (upper)": "construction.gated",
    "hamming neurons, 1 hidden layer (upper)": "construction.hamming",
    "lookup (complement) neurons (upper)": "construction.lookup-complement",
    "claim20_1 neurons (upper)": "construction.lookup",
    "parameters, one graph for every map (lower, Thm 20.6)": "uml.thm20.6-edges",
    "parameters, any depth, per-map graph (lower, counting)": "counting.parameters-any-graph",
    "parameters at 2 bits/param (anchor)": "info.boolean-params.cover-2",
    "parameters at 3.6 bits/param (anchor)": "info.boolean-params.morris-3.6",
    "claim20_1 parameters (upper, dense)": None,
}


#: the bound ids whose maximum is the "best" any-depth neuron lower bound (per-map networks)
BEST_ANY_DEPTH = ("counting.any-depth", "counting.distinct-outputs",
                  "exact.persists.any-depth")


def lookup_parameters(inputs: int, outputs: int = 1) -> int:
    """Dense parameter count of the lookup net: (M + 1)·2^M + (2^M + 1)·N.

    Parameters
    ----------
    inputs : int
        M, the number of input bits (no check: used as a shift, so it must be ≥ 0).
    outputs : int, default 1
        N, the number of output bits.

    Returns
    -------
    int
        The dense weight-plus-bias count (M + 1)·2^M + (2^M + 1)·N.

    References
    ----------
    Shalev-Shwartz & Ben-David, *Understanding Machine Learning* (2014), §20.3, Claim 20.1
    (the lookup network; parameters counted as dense layers).

    Examples
    --------
    >>> lookup_parameters(2)
    17
    """
    hidden = 1 << inputs
    return (inputs + 1) * hidden + (hidden + 1) * outputs


def answer_rows(max_inputs: int, outputs: int = 1,
                progress: Callable[[int], None] | None = None) -> list[dict]:
    """One row per M = 1..max_inputs with every column of :data:`ANSWER_COLUMNS`, exact ints.

    "neurons, any depth (lower, best)" is the largest of :data:`BEST_ANY_DEPTH` (bounds that hold
    when every map has its own network); "claim20_1 parameters (upper, dense)" is
    :func:`lookup_parameters`.

    Parameters
    ----------
    max_inputs : int
        Largest M; rows run M = 1..max_inputs. Must be an int in 1..24, otherwise
        :class:`~capacity.errors.UsageError`.
    outputs : int, default 1
        N, the number of output bits, used for every row (not checked here).
    progress : callable, optional
        Called as ``progress(M)`` after each row is built; ``None`` (default) reports nothing.

    Returns
    -------
    list of dict
        One dict per M, keys ``"M"``, ``"N"`` then every :data:`ANSWER_COLUMNS` name; a bound
        that cannot be evaluated exactly (its evaluation carries a note) gives ``None``.

    References
    ----------
    The bounds named in :data:`ANSWER_COLUMNS` (``memcap bounds explain ID``); docs/capacity.md.

    Examples
    --------
    >>> answer_rows(2)[1]["claim20_1 parameters (upper, dense)"]
    17
    >>> row = answer_rows(3, outputs=8)[-1]
    >>> row["neurons, any depth (lower, best)"], row["depth-3 neurons (upper)"]
    (9, 24)
    >>> answer_rows(True)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --max-inputs must be in 1..24, got True
    """
    if not is_integer(max_inputs) or not 1 <= max_inputs <= 24:  # True was M = 1 (2026-12-07)
        raise UsageError(f"--max-inputs must be in 1..24, got {max_inputs!r}")
    rows = []
    for inputs in range(1, max_inputs + 1):
        params = {"M": inputs, "N": outputs}
        row: dict = {"M": inputs, "N": outputs}
        values = {}
        for column, bound_id in ANSWER_COLUMNS.items():
            if bound_id is None:
                continue
            ev = evaluate_bound(get_bound(bound_id), params)
            values[bound_id] = row[column] = ev.rounded if ev.note is None else None
        for bound_id in BEST_ANY_DEPTH:
            if bound_id not in values:
                ev = evaluate_bound(get_bound(bound_id), params)
                values[bound_id] = ev.rounded if ev.note is None else None
        row["neurons, any depth (lower, best)"] = max(values[b] for b in BEST_ANY_DEPTH)
        row["claim20_1 parameters (upper, dense)"] = lookup_parameters(inputs, outputs)
        row = {"M": inputs, "N": outputs, **{c: row[c] for c in ANSWER_COLUMNS}}
        rows.append(row)
        if progress is not None:
            progress(inputs)
    return rows
