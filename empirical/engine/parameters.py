"""Parameter counts of the models the engine trains (dense MLPs, GPT-style transformers), and
the width that fits a budget.

No torch: the comparison's bound columns and the search's parameter axis use these counts.
"""

from __future__ import annotations

from capacity.options import check_integer

__all__ = ["count_parameters", "count_transformer_parameters", "dense_parameters",
           "largest_width", "width_for_parameters"]


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
    d_in, width, depth, classes = _checked_shape("count_parameters", d_in, width, depth, classes)
    dims = [d_in] + [width] * depth + [classes]
    return sum(dims[i] * dims[i + 1] + (dims[i + 1] if bias else 0) for i in range(len(dims) - 1))


def _checked_shape(name: str, d_in, width, depth, classes) -> tuple[int, int, int, int]:
    """``(d_in, width, depth, classes)`` as ints, or one UsageError naming ``name``: int() cut
    2.5 to 2 and a negative width gave a negative count (2026-12-05 review). The width is
    unread (may be 0) without hidden layers."""
    d_in = check_integer(f"{name}: d_in", d_in, 1)
    depth = check_integer(f"{name}: depth", depth, 0)
    width = check_integer(f"{name}: width", width, 1 if depth else 0)
    classes = check_integer(f"{name}: classes", classes, 1)
    return d_in, width, depth, classes


def dense_parameters(d_in: int, width: int, depth: int, classes: int) -> int:
    """Weights and biases of one densely connected member (:mod:`empirical.engine.dense`):
    ``Σ_l (d + (l−1)w + 1)·w + (d + L·w + 1)·V``.

    Parameters
    ----------
    d_in : int
        Inputs d.
    width : int
        Units w of each hidden layer.
    depth : int
        Hidden layers L.
    classes : int
        Outputs V.

    Returns
    -------
    int
        The parameter count.

    Examples
    --------
    >>> dense_parameters(4, 3, 1, 2)   # one hidden layer: the output also reads the inputs
    31
    >>> dense_parameters(4, 3, 2, 2)
    61
    """
    # checked as count_parameters checks them: (4, 3, -1, 2) counted 4 parameters
    d_in, width, depth, classes = _checked_shape("dense_parameters", d_in, width, depth, classes)
    hidden = sum((d_in + (layer * width) + 1) * width for layer in range(depth))
    return hidden + (d_in + depth * width + 1) * classes


def count_transformer_parameters(vocab: int, context: int, width: int, depth: int,
                                 mlp_ratio: int = 4, bias: bool = True, d_in: int = 0) -> int:
    """Parameters of the transformer of :mod:`empirical.engine.transformer`.

    Token embedding V·D (tied to the unembedding), positions T·D, per block two LayerNorms
    (2D each, D without bias), attention qkv 3D² + 3D and projection D² + D, MLP D → rD → D
    (2rD² + rD + D), and a final LayerNorm; without bias every bias term is dropped. The head
    count does not change it. With ``d_in`` > 0 (sequence-to-sequence on d-dimensional tokens)
    the tied embedding is replaced by an input projection d·D + D and a head D·V + V.

    Examples
    --------
    >>> count_transformer_parameters(16, 8, 8, 1, d_in=3)  # 1080 − 128 + (24 + 8) + (128 + 16)
    1128
    >>> count_transformer_parameters(16, 8, 8, 1)  # 128 + 64 + (12·64 + 13·8) + 16
    1080
    >>> count_transformer_parameters(16, 8, 8, 1, bias=False)  # 128 + 64 + 12·64 + 16 + 8
    984
    >>> count_transformer_parameters(16, 8, 8, 1, mlp_ratio=2.5)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: count_transformer_parameters: mlp_ratio must be an integer ...
    """
    # int() cut 2.5 to 2 and a negative size gave a negative count, as count_parameters did
    # until 2026-12-05 (2026-12-06 transformer review)
    name = "count_transformer_parameters: "
    v = check_integer(name + "vocab", vocab, 1)
    t = check_integer(name + "context", context, 1)
    d = check_integer(name + "width", width, 1)
    r = check_integer(name + "mlp_ratio", mlp_ratio, 1)
    depth = check_integer(name + "depth", depth, 1)
    d_in = check_integer(name + "d_in", d_in, 0)
    ends = v * d if not d_in else d_in * d + d * v + (d + v if bias else 0)
    if bias:
        block = (4 + 2 * r) * d * d + (9 + r) * d
        return ends + t * d + depth * block + 2 * d
    return ends + t * d + depth * ((4 + 2 * r) * d * d + 2 * d) + d


def largest_width(count, budget: int, step: int = 1) -> int:
    """Largest multiple w of ``step`` (w ≥ step) with ``count(w) <= budget`` for an increasing
    ``count``; ``step`` when even that exceeds the budget.

    Parameters
    ----------
    count : callable
        ``count(w) -> int``, increasing in ``w`` (it is bisected).
    budget : int
        Largest allowed ``count(w)``.
    step : int, default 1
        The width's granularity (e.g. the number of attention heads).

    Returns
    -------
    int
        The width.

    Examples
    --------
    >>> largest_width(lambda w: w * w, 50), largest_width(lambda w: w * w, 50, step=4)
    (7, 4)
    """
    step = check_integer("largest_width: step", step, 1)  # step 0 looped forever
    if count(step) > budget:
        return step
    lo, hi = 1, 2  # in units of step
    while count(hi * step) <= budget:
        lo, hi = hi, hi * 2
    while hi - lo > 1:  # invariant: count(lo·step) <= budget < count(hi·step)
        mid = (lo + hi) // 2
        if count(mid * step) <= budget:
            lo = mid
        else:
            hi = mid
    return lo * step


def width_for_parameters(d_in: int, budget: int, depth: int, classes: int,
                         bias: bool = True) -> int:
    """Largest width w ≥ 1 with ``count_parameters(d_in, w, depth, classes, bias) <= budget``.

    Returns 1 when even width 1 exceeds the budget (and for ``depth = 0``).

    Parameters
    ----------
    d_in : int
        Inputs.
    budget : int
        Most parameters allowed.
    depth : int
        Hidden layers (0: the linear model, width 1 returned).
    classes : int
        Outputs.
    bias : bool, default True
        Whether biases are counted.

    Returns
    -------
    int
        The width.

    Examples
    --------
    >>> width_for_parameters(10, 834, 1, 2), width_for_parameters(10, 833, 1, 2)
    (64, 63)
    >>> w = width_for_parameters(10, 834, 2, 2)
    >>> count_parameters(10, w, 2, 2) <= 834 < count_parameters(10, w + 1, 2, 2)
    True
    """
    if depth == 0:
        return 1
    return largest_width(lambda w: count_parameters(d_in, w, depth, classes, bias), budget)
