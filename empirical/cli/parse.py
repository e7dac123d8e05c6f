"""Comma-separated command-line lists (``--seeds 0,1,2``, ``--lrs 0.01,0.03``), parsed one way.

Bad input raises ValueError with one line naming the option, an example and what was given.
"""

from __future__ import annotations

__all__ = ["int_list", "positive_float_list"]


def _items(text: str) -> list[str]:
    return [v for v in str(text).replace(" ", "").split(",") if v]


def int_list(text: str, name: str, example: str = "1,2,3", *, nonempty: bool = False
             ) -> list[int]:
    """Integers of ``"a,b,c"`` in the order given (``[]`` for an empty string unless
    ``nonempty``).

    Examples
    --------
    >>> int_list("3, 1,2", "--seeds")
    [3, 1, 2]
    >>> int_list("1,x", "--seeds", "0,1,2")
    Traceback (most recent call last):
    ...
    ValueError: --seeds must be comma-separated integers, e.g. 0,1,2; got '1,x'
    """
    try:
        values = [int(v) for v in _items(text)]
    except ValueError:
        values = None
    if values is None or (nonempty and not values):
        raise ValueError(f"{name} must be comma-separated integers, e.g. {example}; got {text!r}")
    return values


def positive_float_list(text: str, name: str, example: str = "0.003,0.01,0.03"
                        ) -> tuple[float, ...]:
    """Positive numbers of ``"a,b,c"`` (at least one).

    Examples
    --------
    >>> positive_float_list("0.003, 1e-2", "--lrs")
    (0.003, 0.01)
    >>> positive_float_list("0.01,-1", "--lrs")
    Traceback (most recent call last):
    ...
    ValueError: --lrs must be comma-separated positive numbers, e.g. 0.003,0.01,0.03; got '0.01,-1'
    """
    try:
        values = tuple(float(v) for v in _items(text))
    except ValueError:
        values = ()
    if not values or not all(v > 0 for v in values):
        raise ValueError(f"{name} must be comma-separated positive numbers, e.g. {example}; "
                         f"got {text!r}")
    return values
