"""Shared pieces of the builders: pattern detectors, OR/NOR output rows and constant outputs.

Parity argument used by every builder. A unit reads values that are all ±1 (inputs or earlier
sign units), so its pre-activation ``z = Σ_s w_s v_s + b`` satisfies ``z ≡ Σ_s w_s + b (mod 2)``
because ``v_s ≡ 1 (mod 2)``. Hence a unit whose weight sum plus bias is odd has an odd, never-zero
pre-activation on *every* input; :func:`unit_parities_odd` checks exactly this condition.
"""

from __future__ import annotations

import numpy as np

from capacity.errors import UsageError
from capacity.options import is_integer
from constructions.boolean import BooleanFunction
from constructions.network import Layer, SignNetwork

__all__ = [
    "check_input_limit",
    "detector_layer",
    "finish",
    "index_patterns",
    "unit_parities_odd",
]


def index_patterns(indices: np.ndarray, width: int) -> np.ndarray:
    """±1 patterns of the given indices over ``width`` bits (bit ``j`` → column ``j``).

    Parameters
    ----------
    indices : array_like of int, shape (P,)
        The indices to expand (cast to int64).
    width : int
        Number of bits (columns) read from each index.

    Returns
    -------
    numpy.ndarray of int64, shape (P, width)
        Entry ``(p, j)`` is +1 where bit ``j`` of ``indices[p]`` is set, else −1.

    Examples
    --------
    >>> index_patterns(np.array([0, 3]), 2).tolist()
    [[-1, -1], [1, 1]]
    """
    idx = np.asarray(indices, dtype=np.int64)
    bits = (idx[:, None] >> np.arange(width, dtype=np.int64)) & 1  # (P, width)
    return (2 * bits - 1).astype(np.int64)


def detector_layer(indices: np.ndarray, sources: tuple[int, ...]) -> Layer:
    """One unit per index ``u`` that fires (+1) iff the values read equal the pattern of ``u``.

    Unit for pattern ``u`` (width ``w = len(sources)``): weights ``u``, bias ``1 - w``, so the
    pre-activation is ``⟨x, u⟩ - w + 1 = 1 - 2·dist(x, u)``: odd, and positive iff ``x = u``
    (UML Claim 20.1's hidden unit).

    Parameters
    ----------
    indices : numpy.ndarray of int, shape (P,)
        Pattern indices, one unit each (bit ``j`` of ``u`` is the pattern's entry ``j``).
    sources : tuple of int
        The value indices the layer reads; their number is the pattern width ``w``.

    Returns
    -------
    Layer
        ``P`` units with weights ``(P, w)`` the ±1 patterns and biases ``1 − w``.

    Examples
    --------
    >>> detector_layer(np.array([1]), (0, 1)).weights.tolist()
    [[1, -1]]
    """
    width = len(sources)
    w = index_patterns(indices, width)  # (P, width)
    b = np.full(len(w), 1 - width, dtype=np.int64)  # (P,)
    return Layer(w, b, tuple(sources))


def finish(function: BooleanFunction, layers: list[Layer], method: str) -> SignNetwork:
    """Wrap layers into a :class:`SignNetwork` carrying ``method`` and the target's table.

    Parameters
    ----------
    function : BooleanFunction
        The target: gives the network's input count and the recorded truth table.
    layers : list of Layer
        The network's layers, in order.
    method : str
        Name of the construction stored as the network's ``method``.

    Returns
    -------
    SignNetwork
        The network with ``method`` and ``truth_table`` set.

    Examples
    --------
    >>> f = BooleanFunction.from_strings("01")
    >>> finish(f, [Layer(np.array([[1]]), np.array([0]), (0,))], "id").truth_table
    ('01',)
    """
    return SignNetwork(function.inputs, tuple(layers), method=method,
                       truth_table=tuple(function.to_strings()))


def integer_parts(values, name: str) -> tuple[int, ...]:
    """``values`` (a builder's split, or one part of it) as a tuple of Python ints; a value
    that is not an integer — a float, a bool, a string — is refused in one line instead of being
    cut by ``int()`` (``depth3`` built k = 2 from k = 2.5, ``hall`` read True as e = 1 and
    raised TypeError on 1.0; 2026-12-04 review).

    Parameters
    ----------
    values : int, or tuple, list or array of int
        One value or several (numpy integers pass).
    name : str
        What the values are, for the message (``"depth3 split k"``).

    Returns
    -------
    tuple of int

    Raises
    ------
    UsageError
        If a value is not an integer.

    Examples
    --------
    >>> integer_parts((3, np.int64(2)), "split"), integer_parts(4, "k"), integer_parts(
    ...     np.array(3), "k")
    ((3, 2), (4,), (3,))
    >>> integer_parts(2.5, "depth3 split k")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: depth3 split k must be an integer, got 2.5
    >>> integer_parts((1, 2.5), "split (m, h, r)")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: split (m, h, r) must be integers, got (1, 2.5)
    """
    several = isinstance(values, (tuple, list)) or (isinstance(values, np.ndarray)
                                                     and values.ndim > 0)
    if isinstance(values, np.ndarray) and values.ndim == 0:  # np.array(3): one value
        values = values[()]
    items = tuple(values) if several else (values,)
    if any(isinstance(v, bool) or not isinstance(v, (int, np.integer)) for v in items):
        raise UsageError(f"{name} must be {'integers' if several else 'an integer'}, "
                         f"got {values!r}")
    return tuple(int(v) for v in items)


def check_input_limit(method: str, inputs: int, limit: int, force: bool, why: str) -> None:
    """Refuse ``inputs > limit`` unless ``force``: the builders' guard against huge networks.

    Parameters
    ----------
    method : str
        The builder's name, as the user typed it.
    inputs, limit : int
        The function's M and the largest M built without ``force``.
    force : bool
        Build anyway.
    why : str
        What grows with M (completes "<method> at M = <inputs> ...").

    Raises
    ------
    UsageError
        One line naming the method, M, the reason, the limit and the flag.

    Examples
    --------
    >>> check_input_limit("lookup", 20, 20, False, "builds up to 2^M detectors")
    >>> check_input_limit("lookup", 21, 20, False, "builds up to 2^M detectors")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: lookup at M = 21 builds up to 2^M detectors; pass force=True
    (--force on the CLI) to build above M = 20
    """
    if inputs > limit and not force:
        raise UsageError(f"{method} at M = {inputs} {why}; pass force=True (--force on the CLI) "
                         f"to build above M = {limit}")


def unit_parities_odd(net: SignNetwork) -> bool:
    """True iff every unit's weight sum plus bias is odd (so every pre-activation is odd).

    Examples
    --------
    >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))
    >>> unit_parities_odd(net)
    True
    """
    for layer in net.layers:
        total = layer.weights.astype(object).sum(axis=1) + layer.biases.astype(object)
        if any(int(t) % 2 == 0 for t in np.atleast_1d(total)):
            return False
    return True


def size_arguments(name: str, inputs, outputs=None) -> tuple[int, int]:
    """``(M, N)`` of a size formula's call as Python ints, both at least 1; anything else — a
    float, a bool, 0 — is refused in one line naming ``name`` (``hall_size(1.5)`` gave 4 and
    ``lookup_size(3, outputs=2.5)`` a fractional count, 2026-12-05 API review).

    Parameters
    ----------
    name : str
        The size function, for the message.
    inputs : int
        M (numpy and sympy integers pass).
    outputs : int or None, default None
        N, for formulas that take it (None: 1, and the message names M only).

    Returns
    -------
    tuple of int

    Raises
    ------
    UsageError
        If M or N is not an integer ≥ 1.

    Examples
    --------
    >>> size_arguments("hall_size", np.int64(5), 2)
    (5, 2)
    >>> size_arguments("hall_size", 1.5, 1)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: hall_size needs integers M >= 1 and N >= 1, got M = 1.5, N = 1
    >>> size_arguments("parity_size", 0)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: parity_size needs an integer M >= 1, got M = 0
    """
    given = (inputs,) if outputs is None else (inputs, outputs)
    if any(not is_integer(v) or v < 1 for v in given):
        raise UsageError(f"{name} needs an integer M >= 1, got M = {inputs!r}" if outputs is None
                         else f"{name} needs integers M >= 1 and N >= 1, got M = {inputs!r}, "
                              f"N = {outputs!r}")
    return int(inputs), 1 if outputs is None else int(outputs)
