"""The registry of every bound memcap knows (the records: :class:`capacity.bound.Bound`).

Examples
--------
>>> b = get_bound("construction.lookup")
>>> b.direction, b.quantity
('upper', 'neurons')
>>> get_bound("construction.lokup")
Traceback (most recent call last):
...
capacity.errors.UsageError: unknown bound id 'construction.lokup'; did you mean ...
"""

from __future__ import annotations

import difflib

from capacity.bound import Bound
from capacity.bounds import ALL_BOUNDS
from capacity.errors import UsageError
from capacity.options import canonical_choice

__all__ = ["all_bounds", "get_bound"]


def _load() -> dict[str, Bound]:
    table: dict[str, Bound] = {}
    for b in ALL_BOUNDS:
        if b.id in table:
            raise ValueError(f"duplicate bound id {b.id!r}")  # memcap's defect: status 70
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
    if not isinstance(bound_id, str):  # 5 was a bare TypeError (2026-12-05 API review)
        raise UsageError(f"a bound id is text such as 'cover.count', got {bound_id!r}")
    table = {b.id: b for b in all_bounds()}
    key = canonical_choice(bound_id, tuple(table))  # any case, as every name (docs/cli.md)
    if key in table:
        return table[key]
    close = difflib.get_close_matches(bound_id, list(table), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise UsageError(f"unknown bound id {bound_id!r}{hint} (see `memcap bounds --list`)")
