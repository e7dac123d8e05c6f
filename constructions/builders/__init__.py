"""Builders of exact integer sign networks realising a given Boolean map, and their sizes.

``build(function, method)`` dispatches to one builder of :data:`METHODS`; every builder returns
a :class:`~constructions.network.SignNetwork` with integer weights, ``method`` set, the target's
truth table attached, and every pre-activation odd on every input (each module proves it).

Examples
--------
>>> from constructions.boolean import BooleanFunction
>>> build(BooleanFunction.from_strings("0110"), "parity").sizes().neurons   # XOR: 1 hidden + 1
2
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

from capacity.errors import UsageError
from capacity.options import canonical_choice, is_integer
from constructions.boolean import BooleanFunction, check_flag
from constructions.builders.auto import build_auto, check_minimise
from constructions.builders.depth3 import build_depth3, depth3_k, depth3_size
from constructions.builders.dnf import build_dnf
from constructions.builders.five import build_five, five_size
from constructions.builders.gated import build_gated, gated_size, gated_worst_size
from constructions.builders.hall import build_hall, hall_size, hall_split
from constructions.builders.hamming import build_hamming, hamming_size, hamming_worst_size
from constructions.builders.linear import build_linear
from constructions.builders.lookup import build_lookup, lookup_hidden, lookup_size
from constructions.builders.memory import check_build_memory
from constructions.builders.minimal import build_minimal, minimal_size
from constructions.builders.parity import build_parity, parity_size
from constructions.builders.sizes import (
    bracket_table,
    claim_20_1_size,
    jukna_sergeev_size,
    size_table,
)
from constructions.builders.xorsys import build_xorsys, xorsys_size, xorsys_split
from constructions.network import SignNetwork

__all__ = [
    "METHODS",
    "BuilderInfo",
    "bracket_table",
    "build",
    "builder_options",
    "claim_20_1_size",
    "depth3_k",
    "depth3_size",
    "five_size",
    "gated_size",
    "gated_worst_size",
    "hall_size",
    "hall_split",
    "hamming_size",
    "hamming_worst_size",
    "jukna_sergeev_size",
    "lookup_hidden",
    "lookup_size",
    "minimal_size",
    "parity_size",
    "size_table",
    "xorsys_size",
    "xorsys_split",
]


@dataclass(frozen=True)
class BuilderInfo:
    """A registered builder: the callable, a one-line description, and what it handles.

    Examples
    --------
    >>> METHODS["depth3"].universal, METHODS["linear"].universal
    (True, False)
    """

    func: Callable[..., SignNetwork]
    description: str
    multi_output: bool
    universal: bool


METHODS: dict[str, BuilderInfo] = {
    "auto": BuilderInfo(build_auto, "try every applicable builder, keep the smallest verified",
                        True, True),
    "lookup": BuilderInfo(build_lookup, "one hidden detector per chosen input pattern, output "
                          "OR/NOR (UML Claim 20.1 + complement)", True, True),
    "dnf": BuilderInfo(build_dnf, "one hidden AND per implicant of a minimised DNF/CNF "
                       "(Quine-McCluskey; exact cover M<=8, greedy to M=12)", True, True),
    "depth3": BuilderInfo(build_depth3, "two hidden layers, 2^floor(M/2)+2^ceil(M/2)+1 neurons "
                          "(Lupanov; Jukna-Sergeev)", True, True),
    "linear": BuilderInfo(build_linear, "one sign unit per output, threshold functions only "
                          "(LP, exact integer weights)", True, False),
    "parity": BuilderInfo(build_parity, "parity/anti-parity of a subset of t inputs: a binary "
                          "counter of ceil(log2(t+1)) neurons (the minimum; --strict-layers: a "
                          "staircase of t hidden units)", True, False),
    "gated": BuilderInfo(build_gated, "one hidden layer: every 5-input cofactor split into exact "
                         "4-input minima (or a witness), gated on the other inputs; "
                         "5*2^(M-5)+1 neurons (derived)",
                         True, True),
    "hamming": BuilderInfo(build_hamming, "one hidden layer: two units at most per radius-1 "
                           "ball of a Hamming code coset in every block; "
                           "floor(3*2^(M-1)/(n+1))+1 neurons, n = 2^k-1 <= M, order 2^M/M "
                           "(derived)", True, True),
    "minimal": BuilderInfo(build_minimal, "M <= 4: every output at its proven minimal size "
                           "(exact tables, NPN-transformed witness networks)", True, True),
    "five": BuilderInfo(build_five, "M = 5: every output in at most 4 neurons (6 with "
                        "--strict-layers): Shannon, reuse or gated merge of minimal 4-input "
                        "cofactors, or a shipped witness; M = 6: two of them merged, at most 8 "
                        "(11) (derived)", True, True),
    "xorsys": BuilderInfo(build_xorsys, "thermometer + universal XOR systems (m<=12, "
                          "composed from systems proved by exhaustion) + parity staircase, any "
                          "depth; 863 neurons at M=20 "
                          "(derived)", True, True),
    "hall": BuilderInfo(build_hall, "column one-hot + step units placed by Hall's theorem + "
                        "binary staircase + multiplexer, any depth; optimal order sqrt(2^M/M), "
                        "1047 neurons at M=20 (derived)", True, True),
}


def _method_key(method: str) -> str:
    """The registry key of ``method`` (case and spelling as :func:`canonical_choice` reads
    them), or one UsageError listing the methods."""
    key = canonical_choice(str(method), tuple(METHODS))
    if key not in METHODS:
        raise UsageError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    return key


def builder_options(method: str) -> set[str]:
    """The options the builder ``method`` takes (its keyword parameters besides the function,
    ``strict_layers`` and ``minimise``): what :func:`build` accepts as ``**options``.

    Examples
    --------
    >>> sorted(builder_options("lookup")), builder_options("linear")
    (['complement', 'force'], set())
    """
    func = METHODS[_method_key(method)].func  # an unknown name was a bare KeyError
    return set(inspect.signature(func).parameters) - {"function", "strict_layers", "minimise"}


def build(function: BooleanFunction, method: str = "auto", *, minimise: str = "neurons",
          strict_layers: bool = False, **options) -> SignNetwork:
    """Build a sign network realising ``function`` with the named method.

    Parameters
    ----------
    function : BooleanFunction
        The target map {±1}^M → {±1}^N.
    method : str
        One of :data:`METHODS`.
    minimise : {"neurons", "edges"}
        What ``auto`` minimises.
    strict_layers : bool
        Forbid skip edges (``depth3`` then adds pass-through units).
    **options
        Builder options, as :func:`builder_options` lists them: ``k`` for depth3, ``split`` for
        xorsys and hall, ``exact`` for dnf, ``complement`` for lookup, ``force`` (build above
        the M limit) for lookup, depth3, gated, hamming, xorsys and hall, and ``verify``,
        ``prebuilt`` and ``progress`` for auto (see each builder's docstring).

    Raises
    ------
    ValueError
        Unknown method or option, or a method that does not apply to ``function``.

    Examples
    --------
    >>> from constructions.families import make_function
    >>> build(make_function("random", 6, seed=0), "depth3").sizes().neurons
    17
    >>> build(make_function("parity", 2), "linear")
    Traceback (most recent call last):
    ...
    capacity.errors.NotApplicable: the function is not a threshold function ...
    """
    if not isinstance(function, BooleanFunction):
        raise UsageError(f"build needs a BooleanFunction, got {type(function).__name__}")
    key = _method_key(method)
    minimise = check_minimise(minimise)
    func = METHODS[key].func
    allowed = builder_options(key)
    bad = sorted(set(options) - allowed)
    if bad:
        raise UsageError(f"method {key!r} does not take option(s) {', '.join(bad)}; "
                         f"it takes {', '.join(sorted(allowed)) or 'none'}")
    params = inspect.signature(func).parameters
    # switches: "no" built with the switch on, numpy's True_ was refused (2026-12-05 API review)
    strict_layers = check_flag("strict_layers", strict_layers)
    for name, value in options.items():
        kind = str(params[name].annotation) if name in params else ""
        if kind == "bool" or (kind == "bool | None" and value is not None):
            options[name] = check_flag(name, value)
    if key == "auto":
        options["minimise"] = minimise
    else:  # a build past this machine's memory ended in a MemoryError, status 70 (review)
        k = options.get("k")
        check_build_memory(key, function.inputs, function.outputs,
                           strict_layers=strict_layers,
                           k=k if is_integer(k) and 0 <= k <= function.inputs else None,
                           complement=options.get("complement", True),
                           force=options.get("force", False))
    return func(function, strict_layers=strict_layers, **options)
