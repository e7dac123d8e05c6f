"""``auto``: try every applicable builder, verify, keep the smallest network.

Candidates: ``linear`` (M ≤ 16; skipped when some output is not a threshold function),
``parity`` (when every output is ±parity of a subset), ``dnf`` (M ≤ 10; exact cover for M ≤ 8),
``lookup`` (M ≤ 16), ``gated`` (M ≤ 16), ``depth3`` (M ≤ 24), ``xorsys`` and ``hall``
(M ≤ 24, not with ``strict_layers``), ``minimal`` (M ≤ 4: every output at its proven
minimum, so it wins there whenever the others are larger), ``five`` (M = 5 and 6: at most 4
and 8 neurons an output, 6 and 11 with ``strict_layers``) and ``hamming`` (M ≤ 16; last, so a
tie keeps the earlier winner).
The smallest by ``(neurons, edges)`` — or by ``(edges, neurons)`` with ``minimise="edges"`` — is
verified exactly on every input (ties keep the order above) and returned with
``method = "auto:<winner>"``. ``xorsys`` and ``hall`` have the same number of neurons for every
map (:func:`~constructions.builders.xorsys.xorsys_size`,
:func:`~constructions.builders.hall.hall_size`); when minimising neurons, either is not built
if a candidate already built, or the other one, has strictly fewer neurons — it could not win,
and building xorsys for many outputs costs seconds (its decoder).

References
----------
See the individual builders (UML Claim 20.1 and Lemma 20.4; Jukna & Sergeev; Muroga 1961).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from capacity.errors import NotApplicable, UsageError
from capacity.options import canonical_choice
from constructions.boolean import BooleanFunction
from constructions.builders.depth3 import build_depth3
from constructions.builders.dnf import build_dnf
from constructions.builders.five import MAX_FIVE_INPUTS, build_five
from constructions.builders.gated import build_gated
from constructions.builders.hall import MAX_HALL_INPUTS, build_hall, hall_size
from constructions.builders.hamming import build_hamming
from constructions.builders.linear import MAX_LINEAR_INPUTS, build_linear
from constructions.builders.lookup import build_lookup
from constructions.builders.memory import memory_excess
from constructions.builders.minimal import build_minimal
from constructions.builders.parity import build_parity
from constructions.builders.xorsys import MAX_XORSYS_INPUTS, build_xorsys, xorsys_size
from constructions.network import SignNetwork
from constructions.verify import verify as verify_network

__all__ = ["AUTO_CANDIDATES", "AUTO_LIMITS", "MINIMISE", "build_auto", "check_minimise"]

#: What auto minimises (``--minimise``): the number of neurons, or of edges among them.
MINIMISE = ("neurons", "edges")


def check_minimise(minimise: str) -> str:
    """``minimise`` as :data:`MINIMISE` spells it (any case, ``_`` for ``-``), or one clear
    ``UsageError``.

    Examples
    --------
    >>> check_minimise("Edges")
    'edges'
    """
    key = canonical_choice(minimise, MINIMISE)
    if key not in MINIMISE:
        raise UsageError(f"--minimise must be 'neurons' or 'edges', got {minimise!r}")
    return key


def _candidate_builders() -> dict[str, Callable[..., SignNetwork]]:
    """auto's candidates by name, in the order they are tried (a tie keeps the earlier one);
    the names resolve at each call, so a test may replace one builder."""
    return {"linear": build_linear, "parity": build_parity, "dnf": build_dnf,
            "lookup": build_lookup, "gated": build_gated, "depth3": build_depth3,
            "xorsys": build_xorsys, "hall": build_hall, "minimal": build_minimal,
            "five": build_five, "hamming": build_hamming}


#: auto's candidate builders' names, in the order they are tried; ``construct --method exact``
#: starts from the smallest of them that fits its architecture.
AUTO_CANDIDATES = tuple(_candidate_builders())

#: Largest M at which auto tries each exponential-cost builder.
AUTO_LIMITS = {"minimal": 4, "five": MAX_FIVE_INPUTS, "linear": MAX_LINEAR_INPUTS, "parity": 28,
               "dnf": 10, "lookup": 16, "gated": 16, "hamming": 16, "depth3": 24,
               "xorsys": MAX_XORSYS_INPUTS, "hall": MAX_HALL_INPUTS}


def build_auto(function: BooleanFunction, *, strict_layers: bool = False,
               minimise: str = "neurons", verify: bool = True,
               prebuilt: Mapping[str, SignNetwork] | None = None,
               progress: Callable[[str, int, int], None] | None = None) -> SignNetwork:
    """Build with every applicable builder and keep the smallest verified network.

    Parameters
    ----------
    minimise : {"neurons", "edges"}
        Primary size measure (the other breaks ties).
    verify : bool
        Check the winner exactly on all ``2^M`` inputs (default).
    prebuilt : mapping of str to SignNetwork, optional
        Networks the caller already built *for this function with the same* ``strict_layers``,
        by builder name (e.g. ``{"dnf": ..., "hall": ...}``): used instead of building again.
        The builders are deterministic, so the result is the one auto would build; a name that
        is not a candidate is refused.
    progress : callable, optional
        Called as ``progress(name, done, total)`` before each candidate within its M limit is
        built or skipped (``done`` candidates finished of ``total``), and as
        ``progress("verifying", total, total)`` before the winner's check; ``memcap construct``
        draws its bar from it (the build of M = 20..28 takes seconds).

    Examples
    --------
    >>> net = build_auto(BooleanFunction.from_strings("00010111"))   # majority: one unit
    >>> net.method, net.sizes().neurons
    ('auto:linear', 1)
    """
    minimise = check_minimise(minimise)
    builders = _candidate_builders()
    prebuilt = dict(prebuilt or {})
    unknown = sorted(set(prebuilt) - set(builders))
    if unknown:
        raise UsageError(f"auto: prebuilt network(s) {', '.join(unknown)} are not candidates; "
                         f"choose from {', '.join(builders)}")
    m = function.inputs
    # neurons known before building (the same for every map); only where the builder applies
    # a candidate past half of this machine's memory is left out (it ended in a MemoryError,
    # 2026-12-05 review), and a left-out one is no rival that makes another "cannot win"
    too_big = [name for name in builders if m <= AUTO_LIMITS[name] and name not in prebuilt
               and memory_excess(name, m, function.outputs,
                                 strict_layers=strict_layers) is not None]
    known = {} if minimise != "neurons" or strict_layers else {
        name: size(m, function.outputs)
        for name, size in (("xorsys", xorsys_size), ("hall", hall_size))
        if m <= AUTO_LIMITS[name] and name not in prebuilt and name not in too_big}
    found: list[tuple[tuple[int, int, int], str, SignNetwork]] = []
    total = sum(m <= AUTO_LIMITS[name] for name in builders)
    done = 0
    for order, (name, builder) in enumerate(builders.items()):
        if m > AUTO_LIMITS[name]:
            continue
        if progress is not None:
            progress(name, done, total)
        done += 1
        rivals = [n for other, n in known.items() if other != name] + [k[0] for k, _, _ in found]
        if name in known and rivals and min(rivals) < known[name]:
            continue  # strictly more neurons than a network in hand: it cannot win
        if name in too_big:
            continue
        if name in prebuilt:
            net = prebuilt[name]
            if net.inputs != m or net.outputs != function.outputs:
                raise UsageError(f"auto: the prebuilt {name} network has {net.inputs} inputs "
                                 f"and {net.outputs} outputs, the function {m} and "
                                 f"{function.outputs}")
        else:
            try:
                net = builder(function, strict_layers=strict_layers)
            except NotApplicable:
                continue  # not a threshold function, not a parity, no strictly layered form
        s = net.sizes()
        key = (s.neurons, s.edges) if minimise == "neurons" else (s.edges, s.neurons)
        found.append(((*key, order), name, net))
    if not found and too_big:
        raise UsageError(f"auto: every candidate at M = {m} with N = {function.outputs} outputs "
                         f"({', '.join(too_big)}) needs more than half of this machine's "
                         "memory to build; give fewer outputs or inputs")
    if not found:
        raise UsageError(f"auto: no candidate applies to this map at M = {m} (the general "
                         f"builders stop at M = {AUTO_LIMITS['hall']}); name one: --method "
                         "xorsys or hall with --force (force=True in the Python API)")
    found.sort(key=lambda item: item[0])
    _, name, net = found[0]
    if progress is not None:
        progress("verifying" if verify else "done", total, total)
    if verify:
        result = verify_network(net, function, force=True)
        if not result.ok:  # a builder bug, not a user error
            raise RuntimeError(f"auto: the {name} network failed verification: {result.to_dict()}")
    return SignNetwork(net.inputs, net.layers, method=f"auto:{net.method}",
                       truth_table=net.truth_table)
