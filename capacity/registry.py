"""The bound record and the registry of every bound memcap knows.

A :class:`Bound` states what it bounds (``quantity``), for which ``architecture`` and ``target``
(any Boolean map, parity, n points, ...), its ``direction`` (lower / upper / exact), and either an
exact sympy ``expr`` (explicit constants), an implicit ``solver`` (exact integer search), or an
``order`` string (O/Ω/Θ only: shown, never evaluated).

Examples
--------
>>> b = get_bound("construction.lookup")
>>> b.direction, b.quantity
('upper', 'neurons')
>>> get_bound("construction.lokup")
Traceback (most recent call last):
...
ValueError: unknown bound id 'construction.lokup'; did you mean 'construction.lookup'? ...
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

import sympy

__all__ = [
    "ARCHITECTURES", "DIRECTIONS", "QUANTITIES", "STATUSES", "Bound", "all_bounds", "get_bound",
    "lower_applies_to",
]

QUANTITIES = ("hidden units", "neurons", "edges", "parameters", "VC dimension",
              "growth function", "memorisable points", "random-label threshold (points)", "bits")
DIRECTIONS = ("lower", "upper", "exact")
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


def lower_applies_to(lower_arch: str, upper_arch: str) -> bool:
    """Whether a lower bound for ``lower_arch`` constrains networks of ``upper_arch``.

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
    integral: bool = True  # the quantity is a count: lower bounds round up, upper bounds down
    applies: Callable[[dict], str | None] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
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


def _load() -> dict[str, Bound]:
    from capacity.bounds import ALL_BOUNDS

    table: dict[str, Bound] = {}
    for b in ALL_BOUNDS:
        if b.id in table:
            raise ValueError(f"duplicate bound id {b.id!r}")
        table[b.id] = b
    return table


_REGISTRY: dict[str, Bound] | None = None


def all_bounds() -> list[Bound]:
    """Every registered bound, in registration order.

    Examples
    --------
    >>> len(all_bounds()) > 30
    True
    """
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = _load()
    return list(_REGISTRY.values())


def get_bound(bound_id: str) -> Bound:
    """Look a bound up by id; unknown ids raise ValueError with a "did you mean".

    Examples
    --------
    >>> get_bound("cover.count").quantity
    'growth function'
    """
    table = {b.id: b for b in all_bounds()}
    if bound_id in table:
        return table[bound_id]
    close = difflib.get_close_matches(bound_id, list(table), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"unknown bound id {bound_id!r}{hint} (see `memcap bounds --list`)")
