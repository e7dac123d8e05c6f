"""The bound record: what a bound states, for which architecture and target, and how it evaluates.

A :class:`Bound` states what it bounds (``quantity``), for which ``architecture`` and ``target``
(any Boolean map, parity, n points, ...), its ``direction`` (lower / upper / exact, or anchor for
a reference scale that bounds nothing, such as "parameters needed at 2 bits each"), and either an
exact sympy ``expr`` (explicit constants), an implicit ``solver`` (exact integer search), or an
``order`` string (O/Ω/Θ only: shown, never evaluated). The registry of every bound memcap knows is
:mod:`capacity.registry`; the bounds themselves live in :mod:`capacity.bounds`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import sympy

__all__ = ["ARCHITECTURES", "DIRECTIONS", "QUANTITIES", "STATUSES", "Bound", "lower_applies_to",
           "one_output_only"]

QUANTITIES = ("hidden units", "neurons", "edges", "parameters", "VC dimension",
              "growth function", "memorisable points", "random-label threshold (points)",
              "random-label threshold (points per weight)", "bits")
DIRECTIONS = ("lower", "upper", "exact", "anchor")
ARCHITECTURES = (
    "sign, one hidden layer", "sign, depth 3", "sign, any depth", "threshold, any depth",
    "ReLU, depth L", "piecewise-linear, depth L", "piecewise-polynomial", "sigmoid",
    "one hidden layer, bounded nonlinear", "two hidden layers, sigmoid", "ReLU, one hidden layer",
    "ReLU, depth 3", "ReLU, any depth", "analytic", "perceptron", "transformer", "any class",
    "trained networks (empirical anchor)", "any network",
)
STATUSES = ("confirmed", "secondary", "partial", "derived", "unconfirmed", "anchor")

#: a lower bound proved for the key architecture also holds for each listed sub-architecture
_SUBCLASSES = {
    "sign, any depth": ("sign, one hidden layer", "sign, depth 3", "sign, any depth"),
    "threshold, any depth": ("sign, one hidden layer", "sign, depth 3", "sign, any depth",
                             "threshold, any depth"),
    "any network": ARCHITECTURES,
}


def one_output_only(note: str) -> Callable[[dict], str | None]:
    """A bound's ``applies`` rule for a statement about one output: ``note`` (why it is not
    evaluated) where the parameters give N > 1 outputs, None at N = 1 or without N.

    Upper bounds and exact values stated for one output say nothing about N outputs (a lower
    bound for one output still holds: the first output alone needs it).

    Parameters
    ----------
    note : str
        The reason shown in place of the value.

    Returns
    -------
    callable
        ``params -> str | None``.

    Examples
    --------
    >>> rule = one_output_only("stated for N = 1 output")
    >>> rule({"M": 3}), rule({"M": 3, "N": 1}), rule({"M": 3, "N": 2})
    (None, None, 'stated for N = 1 output')
    """
    def applies(params: dict) -> str | None:
        return None if params.get("N", 1) == 1 else note

    return applies


def lower_applies_to(lower_arch: str, upper_arch: str) -> bool:
    """Whether a lower bound for ``lower_arch`` constrains networks of ``upper_arch``.

    Parameters
    ----------
    lower_arch : str
        The architecture the lower bound is proved for (one of :data:`ARCHITECTURES`).
    upper_arch : str
        The architecture of the networks in question.

    Returns
    -------
    bool
        True when the two are equal or ``upper_arch`` is a listed sub-architecture of
        ``lower_arch``; an unknown name has no sub-architectures.

    Examples
    --------
    >>> lower_applies_to("sign, any depth", "sign, one hidden layer")
    True
    >>> lower_applies_to("sign, one hidden layer", "sign, depth 3")
    False
    """
    return upper_arch == lower_arch or upper_arch in _SUBCLASSES.get(lower_arch, ())


@dataclass(frozen=True)
class Bound:
    """One bound: what it bounds, its formula, hypotheses, reference and confirmation status.

    Exactly one of ``expr`` (exact sympy expression), ``solver`` (exact integer function of the
    named ``variables``) or ``order`` (an O/Ω/Θ statement, never evaluated) carries the value.

    Examples
    --------
    >>> from capacity.symbols import M
    >>> b = Bound("x", "neurons", "upper", "sign, any depth", "any Boolean map", "demo",
    ...           expr=M + 1, variables=("M",))
    >>> b.kind
    'explicit'
    """

    id: str
    quantity: str
    direction: str
    architecture: str
    target: str
    statement: str
    expr: sympy.Expr | None = None
    solver: Callable[..., int] | None = None
    order: str | None = None
    variables: tuple[str, ...] = ()
    hypotheses: str = ""
    reference: str = ""
    status: str = "confirmed"
    sketch: str = ""
    formula: str = ""
    # the quantity is a count bounded by a real number: lower bounds round up, upper bounds
    # down. False where that is not sound: a real-valued quantity, or a construction's size
    # stated as a real number without its rounding (huang2003: flooring claimed fewer neurons)
    integral: bool = True
    applies: Callable[[dict], str | None] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # a defect in a bound's definition, not the user's input: ValueError, which the memcap
        # shell reports as a bug (status 70), not UsageError (status 2; 2026-12-04 review)
        if self.quantity not in QUANTITIES:
            raise ValueError(f"bound {self.id}: unknown quantity {self.quantity!r}")
        if self.direction not in DIRECTIONS:
            raise ValueError(f"bound {self.id}: unknown direction {self.direction!r}")
        if self.architecture not in ARCHITECTURES:
            raise ValueError(f"bound {self.id}: unknown architecture {self.architecture!r}")
        if self.status not in STATUSES:
            raise ValueError(f"bound {self.id}: unknown status {self.status!r}")
        if sum(x is not None for x in (self.expr, self.solver, self.order)) != 1:
            raise ValueError(f"bound {self.id}: give exactly one of expr, solver, order")

    @property
    def kind(self) -> str:
        """'explicit' (sympy expression), 'implicit' (exact solver) or 'order' (never evaluated)."""
        if self.expr is not None:
            return "explicit"
        return "implicit" if self.solver is not None else "order"

    @property
    def formula_text(self) -> str:
        """The formula as shown to users."""
        if self.formula:
            return self.formula
        if self.expr is not None:
            return sympy.sstr(self.expr).replace("**", "^")
        return self.order or ""
