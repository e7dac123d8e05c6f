"""Exact minimal sign networks for small M: the fewest neurons, with a certificate.

* :mod:`~constructions.exact.separate` — exact integer separators and the weight bound that makes
  a bounded search complete;
* :mod:`~constructions.exact.solver` — the CP-SAT model "k neurons of an architecture realise f";
* :mod:`~constructions.exact.brute` — complete enumeration of the functions k neurons realise
  (small M), the independent check of the solver;
* :mod:`~constructions.exact.npn` — NPN canonical forms and classes for M ≤ 4;
* :mod:`~constructions.exact.search` — :func:`exact_minimum` for one function (a minimum with
  its certificate, or a proven bracket past the time limit);
* :mod:`~constructions.exact.tables` — the minima of every function of M ≤ 4 inputs.

Examples
--------
>>> from constructions.boolean import BooleanFunction
>>> from constructions.exact.search import exact_minimum
>>> exact_minimum(BooleanFunction.from_strings("0110"), "any-depth").upper
2
"""

from capacity.errors import UsageError

__all__ = ["MAX_SEARCH_INPUTS", "check_search_inputs"]

#: Largest M that :func:`~constructions.exact.search.exact_minimum` (``construct --method
#: exact``) accepts; here, not in the search module, so the CLI checks it without importing
#: the solver.
MAX_SEARCH_INPUTS = 8


def check_search_inputs(inputs: int) -> None:
    """Refuse (one line) an M the exact search does not take (above :data:`MAX_SEARCH_INPUTS`).

    Parameters
    ----------
    inputs : int
        M.

    Examples
    --------
    >>> check_search_inputs(8)
    >>> check_search_inputs(9)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: exact: M = 9 is too large for the exact search (at most 8); use ...
    """
    if inputs > MAX_SEARCH_INPUTS:
        raise UsageError(f"exact: M = {inputs} is too large for the exact search (at most "
                         f"{MAX_SEARCH_INPUTS}); use --method auto")
