"""The smallest sign network known for a Boolean function: exact for M ≤ 4, else a construction.

For M ≤ 4 the minimal neurons of every NPN class are shipped with memcap
(:func:`constructions.exact.tables.load_minimal_table`, each with a verified witness and a proof
of minimality), so the function's class gives its exact minimum in both architectures. Above,
the smallest verified construction (:func:`constructions.builders.build` with ``auto``;
``strict_layers`` for the layered architecture) is an upper bound, exact only where it meets a
proven lower bound for this function (:func:`layered_floor`, :func:`any_depth_floor`):
threshold functions in both architectures, parity of any subset of ``t`` inputs at any depth
(``⌈log2(t + 1)⌉`` neurons, registered as ``exact.parity-any-depth``) and, for ``t ≤ 5``, in
one hidden layer (``t`` hidden units).

Parameters are counted as a dense *layered* network with one output unit counts them: h hidden
units on M inputs cost ``(M + 1)·h + (h + 1)`` weights and biases, no hidden unit ``M + 1``
(:func:`layered_parameters`); the trained side is counted the same way, so the parameter gap
compares like with like.

References
----------
S. Muroga, *Threshold Logic and its Applications*, Wiley 1971; OEIS A000370 (NPN classes).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from capacity.errors import NotApplicable, UsageError
from constructions.boolean import BooleanFunction
from constructions.builders import METHODS, build
from constructions.builders.auto import AUTO_LIMITS
from constructions.builders.dnf import MAX_DNF_INPUTS
from constructions.builders.parity import parity_subset
from constructions.exact.npn import MAX_NPN_INPUTS
from constructions.exact.search import fits_arch, restriction_bound
from constructions.exact.tables import minimal_neurons
from constructions.threshold import is_unate
from constructions.verify import verify
from empirical.engine.parameters import count_parameters

__all__ = ["KnownSize", "any_depth_floor", "known_size", "known_size_and_floors", "layered_floor",
           "layered_parameters"]


def layered_parameters(inputs: int, hidden: int, outputs: int = 1, depth: int = 1) -> int:
    """Weights + biases of a dense layered network: M inputs, ``depth`` hidden layers of
    ``hidden / depth`` units each (0 hidden: the outputs read the inputs), ``outputs`` units;
    :func:`~empirical.engine.parameters.count_parameters` counted by total hidden units.

    Parameters
    ----------
    inputs : int
        M.
    hidden : int
        Hidden units in total; a multiple of ``depth`` unless 0.
    outputs : int, optional
        Output units (default 1).
    depth : int, optional
        Hidden layers (default 1).

    Returns
    -------
    int
        The parameter count.

    Examples
    --------
    >>> layered_parameters(3, 0), layered_parameters(3, 3), layered_parameters(3, 4, depth=2)
    (4, 16, 17)
    """
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 1:  # 0: ZeroDivision
        raise UsageError(f"depth must be an integer >= 1, got {depth!r}")
    if hidden == 0:
        return count_parameters(inputs, 0, 0, outputs)
    if hidden % depth:
        raise UsageError(f"{hidden} hidden units do not split into {depth} equal layers")
    return count_parameters(inputs, hidden // depth, depth, outputs)


@dataclass(frozen=True)
class KnownSize:
    """The smallest sign network known for one function (one output).

    Attributes
    ----------
    layered_hidden : int
        Hidden units of the smallest layered network (one hidden layer, no skips).
    any_depth_neurons : int
        Neurons (hidden + output) of the smallest network where each neuron may read every input
        and every earlier neuron.
    layered_exact : bool
        ``layered_hidden`` is a proven minimum (M ≤ 4, or it meets :func:`layered_floor`); else
        it is the best verified construction.
    any_depth_exact : bool
        ``any_depth_neurons`` is a proven minimum (M ≤ 4, or it meets
        :func:`any_depth_floor`).
    source : str
        ``exact (NPN table)`` or the constructions' method names.

    Examples
    --------
    >>> from constructions.families import make_function
    >>> k = known_size(make_function("parity", 2))   # XOR
    >>> k.layered_hidden, k.layered_neurons, k.any_depth_neurons, k.exact, k.source
    (2, 3, 2, True, 'exact (NPN table)')
    """

    layered_hidden: int
    any_depth_neurons: int
    layered_exact: bool
    any_depth_exact: bool
    source: str

    @property
    def exact(self) -> bool:
        """Both sizes are proven minima.

        Examples
        --------
        >>> KnownSize(5, 3, False, True, "x").exact
        False
        """
        return self.layered_exact and self.any_depth_exact

    @property
    def layered_neurons(self) -> int:
        """Hidden units plus the output unit.

        Examples
        --------
        >>> KnownSize(2, 2, True, True, "x").layered_neurons
        3
        """
        return self.layered_hidden + 1

    def to_dict(self) -> dict:
        """JSON-ready dict; ``exact`` (both flags) is kept for readers of the one-flag format.

        Examples
        --------
        >>> KnownSize(2, 2, True, True, "x").to_dict()["layered_hidden"]
        2
        """
        return {**dataclasses.asdict(self), "exact": self.exact}

    @classmethod
    def from_dict(cls, d: dict) -> KnownSize:
        """Inverse of :meth:`to_dict`. A result written before 2026-12-03 (evening) has one
        ``exact`` for both sizes, False at every M ≥ 5; there the trivial floors (no hidden
        unit, one neuron) mark what was a proven minimum all along. The flags are passed on as
        read, so that :func:`empirical.hardness.result.check_loaded` refuses a flag that is not
        a boolean.

        Examples
        --------
        >>> k = KnownSize(2, 2, True, True, "x")
        >>> KnownSize.from_dict(k.to_dict()) == k
        True
        >>> KnownSize.from_dict({"layered_hidden": 0, "any_depth_neurons": 1, "exact": False,
        ...                      "source": "x"}).exact
        True
        """
        # as read (no int(), str()): check_loaded refuses a true, a 1.7 or a list there, which
        # int() and str() turned into sizes (2026-12-05 review)
        hidden, neurons = d["layered_hidden"], d["any_depth_neurons"]
        if "layered_exact" in d or "any_depth_exact" in d:
            layered, any_depth = d.get("layered_exact"), d.get("any_depth_exact")
        else:  # the one-flag format
            old = d.get("exact")
            layered = hidden == 0 if old is False else old
            any_depth = neurons == 1 if old is False else old
        return cls(hidden, neurons, layered, any_depth, d["source"])


def known_size(function: BooleanFunction) -> KnownSize:
    """The smallest known layered and any-depth sign networks of a one-output ``function``.

    Parameters
    ----------
    function : BooleanFunction
        One output, any M.

    Returns
    -------
    KnownSize
        For M ≤ 4 the exact minima of the function's NPN class in both architectures (source
        ``exact (NPN table)``). Above, the smallest verified one-hidden-layer construction
        (no skip edges) for ``layered_hidden``, and for ``any_depth_neurons`` the smaller of
        ``auto``'s network and that layered one (hidden + 1 neurons); each flagged exact only
        where it meets :func:`layered_floor` or :func:`any_depth_floor`, else an upper bound.
        The source names the constructions' methods (``construction: <layered> / <any-depth>``).

    Raises
    ------
    UsageError
        ``function`` is not a :class:`~constructions.boolean.BooleanFunction`, or has more
        than one output.

    References
    ----------
    Muroga 1971 (exact minima); see :mod:`constructions.builders` for the constructions.

    Examples
    --------
    >>> from constructions.families import make_function
    >>> k = known_size(make_function("parity", 3))  # M hidden units layered, 2 at any depth
    >>> k.layered_hidden, k.any_depth_neurons, k.exact, k.source
    (3, 2, True, 'exact (NPN table)')
    >>> k = known_size(make_function("parity", 5))  # both meet their floors (5 hidden, 3)
    >>> k.source, k.any_depth_neurons, k.any_depth_exact, k.layered_exact
    ('construction: parity / auto:five', 3, True, True)
    """
    return known_size_and_floors(function)[0]


def known_size_and_floors(function: BooleanFunction) -> tuple[KnownSize, tuple[int, int]]:
    """:func:`known_size` and the proven lower bounds it was judged against, ``(layered hidden
    units, any-depth neurons)``: :func:`layered_floor` and :func:`any_depth_floor` for M ≥ 5,
    the exact minima themselves for M ≤ 4. Computed once (a seeded family's quantile reads
    both; the floors were computed twice, 2026-12-06 re-read).

    Parameters
    ----------
    function : BooleanFunction
        One output, any M.

    Returns
    -------
    tuple of (KnownSize, (int, int))

    Examples
    --------
    >>> from constructions.families import make_function
    >>> k, floors = known_size_and_floors(make_function("parity", 5))
    >>> k.layered_hidden, k.any_depth_neurons, floors
    (5, 3, (5, 3))
    """
    if not isinstance(function, BooleanFunction):  # "0110" was a bare AttributeError
        raise UsageError(f"known_size needs a BooleanFunction, got {type(function).__name__}")
    if function.outputs != 1:
        raise UsageError(f"known sizes are for one-output functions, got N = {function.outputs}")
    m = function.inputs
    if m <= MAX_NPN_INPUTS:
        value = int(function.to_int())
        hidden = int(minimal_neurons(m, "layered")[value]) - 1
        neurons = int(minimal_neurons(m, "any-depth")[value])
        return KnownSize(hidden, neurons, True, True, "exact (NPN table)"), (hidden, neurons)
    layered = _one_hidden_layer(function)
    free = build(function, "auto")
    hidden = layered.sizes().hidden
    # a layered network is an any-depth one: auto's M limits (dnf's 10) left a 3-hidden-unit
    # dnf network out of both columns at M = 11, 12 (17 neurons known; 2026-12-05 review)
    neurons, free_method = ((free.sizes().neurons, free.method)
                            if free.sizes().neurons <= hidden + 1 else (hidden + 1, layered.method))
    floors = (layered_floor(function), any_depth_floor(function))
    return (KnownSize(hidden, neurons, hidden == floors[0], neurons == floors[1],
                      f"construction: {layered.method} / {free_method}"), floors)


#: Largest number of inputs whose parity has a proven one-hidden-layer minimum (t hidden units):
#: the M ≤ 4 tables and the five-input refutation ``refuted.one-hidden-layer-m5``.
LAYERED_PARITY_PROVEN = 5


def layered_floor(function: BooleanFunction) -> int:
    """A proven lower bound on the hidden units of any one-hidden-layer sign network (no skip
    edges) computing the one-output ``function``: ``t`` if it is parity (or its complement) of
    ``2 ≤ t ≤ 5`` of its inputs, else 2 if it is not unate (so not a threshold function), else 0.

    Parameters
    ----------
    function : BooleanFunction
        One output, any M.

    Returns
    -------
    int
        The bound; a network of this size is a proven minimum.

    Examples
    --------
    >>> from constructions.families import make_function
    >>> layered_floor(make_function("parity", 5)), layered_floor(make_function("parity", 6))
    (5, 4)
    >>> layered_floor(make_function("majority", 7))
    0

    References
    ----------
    ``exact.one-hidden-layer`` (docs/exact.md): parity of ``t ≤ 4`` inputs needs ``t`` hidden
    units (the certified tables), parity of five needs five (``refuted.one-hidden-layer-m5``);
    fixing the inputs outside the subset keeps a layered network layered and of the same size.
    A network with no hidden unit computes a threshold function, and with one hidden unit h
    its output sign(a·h + b) is a constant, h or −h: a threshold function again. Every threshold
    function is unate (Muroga 1971), so a function that is not needs two hidden units. For
    M ≥ 5 also the largest certified minimum of a restriction to four inputs
    (:func:`constructions.exact.search.restriction_bound`), less its output unit.
    """
    t = _parity_inputs(function)
    if t is not None and 2 <= t <= LAYERED_PARITY_PROVEN:
        return t
    floor = 0 if is_unate(function.table[0], function.inputs) else 2
    restricted = restriction_bound(function, "layered")  # M ≥ 5: the restrictions' minima
    return floor if restricted is None else max(floor, restricted[0] - 1)


def any_depth_floor(function: BooleanFunction) -> int:
    """A proven lower bound on the neurons of any sign network computing the one-output
    ``function``: ``⌈log2(t + 1)⌉`` if it is parity (or its complement) of ``t ≥ 1`` of its
    inputs, else 2 if it is not unate (so not a threshold function), else 1 (the output unit).

    Parameters
    ----------
    function : BooleanFunction
        One output, any M.

    Returns
    -------
    int
        The bound; a network of this size is a proven minimum.

    Examples
    --------
    >>> from constructions.families import make_function
    >>> any_depth_floor(make_function("parity", 7)), any_depth_floor(make_function("random", 7))
    (3, 3)
    >>> any_depth_floor(make_function("majority", 7))
    1

    References
    ----------
    ``exact.parity-any-depth`` (docs/constructions.md, "parity": the restriction proof; fixing
    the inputs outside the subset leaves a network for parity of ``t`` bits of the same size).
    One neuron computes a threshold function, and every threshold function is unate (Muroga
    1971): a function that is not needs two neurons. For M ≥ 5 also the largest certified
    minimum of a restriction to four inputs
    (:func:`constructions.exact.search.restriction_bound`).
    """
    t = _parity_inputs(function)
    if t:
        return t.bit_length()
    floor = 1 if is_unate(function.table[0], function.inputs) else 2
    restricted = restriction_bound(function, "any-depth")  # M ≥ 5: the restrictions' minima
    return floor if restricted is None else max(floor, restricted[0])


def _parity_inputs(function: BooleanFunction) -> int | None:
    """How many inputs the one-output ``function`` is the parity (or its complement) of; None
    if it is neither (a constant is the parity of none)."""
    if not isinstance(function, BooleanFunction):  # "0110" was a bare AttributeError (review)
        raise UsageError(f"the floor needs a BooleanFunction, got {type(function).__name__}")
    if function.outputs != 1:
        raise UsageError(f"the floor is for one-output functions, got N = {function.outputs}")
    found = parity_subset(function.table[0], function.inputs)
    return None if found is None else len(found[0])


#: Largest M at which :func:`known_size` tries each builder for the layered column: auto's
#: limits, with dnf (a one-hidden-layer builder) up to its own.
LAYERED_LIMITS = {**AUTO_LIMITS, "dnf": MAX_DNF_INPUTS}


def _one_hidden_layer(function: BooleanFunction):
    """The smallest network with one hidden layer (no skip edges) that memcap's builders make
    for ``function``. ``auto`` with strict layers forbids skip edges only: at M ≥ 9 it picked
    depth3's two hidden layers, which the layered column and the parameter gap priced as one
    (2026-12-03 audit)."""
    best = None
    for name in METHODS:
        # auto's M limits, but dnf's own (12): its 3^M sub-cubes take a second at M = 12, and
        # the study's sparse DNFs there have 3-unit networks (auto stops dnf at 10, which made
        # the known size 16 where dnf builds 3; 2026-12-05 review)
        if name == "auto" or function.inputs > LAYERED_LIMITS.get(name, 0):
            continue
        try:
            net = build(function, name, strict_layers=True)
        except (NotApplicable, UsageError):  # not a threshold function, M past its limit, …
            continue
        if fits_arch(net, "layered") and (best is None
                                          or net.sizes().hidden < best.sizes().hidden):
            best = net
    if best is None or not verify(best, function).ok:  # pragma: no cover - a builder's bug
        raise RuntimeError(f"no verified one-hidden-layer network for {function.inputs} inputs")
    return best
