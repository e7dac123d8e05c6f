"""memcap's capacity package: symbolic bounds and exact counting (sympy, math; no torch).

Start from :func:`capacity.registry.all_bounds`, :func:`capacity.evaluate.evaluate_bound` and
:mod:`capacity.counting`; ``memcap bounds`` and ``memcap count`` are in :mod:`capacity.cli`.
"""

__all__: list[str] = []
