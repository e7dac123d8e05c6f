"""Parameter counts of the dense MLPs the engine trains, and the width that fits a budget.

No torch: the comparison's bound columns and the search's parameter axis use these counts.
"""

from __future__ import annotations

__all__ = ["count_parameters", "width_for_parameters"]


def count_parameters(d_in: int, width: int, depth: int, classes: int, bias: bool = True) -> int:
    """Parameters (weights + biases) of the dense MLP ``d_in → width × depth → classes``.

    ``depth = 0`` is the linear model (``width`` ignored).

    Examples
    --------
    >>> count_parameters(10, 64, 1, 2)  # 10·64 + 64 + 64·2 + 2
    834
    >>> count_parameters(3, 5, 0, 2, bias=False)
    6
    """
    dims = [int(d_in)] + [int(width)] * int(depth) + [int(classes)]
    return sum(dims[i] * dims[i + 1] + (dims[i + 1] if bias else 0) for i in range(len(dims) - 1))


def width_for_parameters(d_in: int, budget: int, depth: int, classes: int,
                         bias: bool = True) -> int:
    """Largest width w ≥ 1 with ``count_parameters(d_in, w, depth, classes, bias) <= budget``.

    Returns 1 when even width 1 exceeds the budget (and for ``depth = 0``).

    Examples
    --------
    >>> width_for_parameters(10, 834, 1, 2), width_for_parameters(10, 833, 1, 2)
    (64, 63)
    >>> w = width_for_parameters(10, 834, 2, 2)
    >>> count_parameters(10, w, 2, 2) <= 834 < count_parameters(10, w + 1, 2, 2)
    True
    """
    if depth == 0 or count_parameters(d_in, 1, depth, classes, bias) > budget:
        return 1
    lo, hi = 1, 2
    while count_parameters(d_in, hi, depth, classes, bias) <= budget:
        lo, hi = hi, hi * 2
    while hi - lo > 1:  # invariant: count(lo) <= budget < count(hi)
        mid = (lo + hi) // 2
        if count_parameters(d_in, mid, depth, classes, bias) <= budget:
            lo = mid
        else:
            hi = mid
    return lo
