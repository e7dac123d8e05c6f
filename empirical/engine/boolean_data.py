"""Boolean memorisation data: every input of a map {±1}^M → {±1}^N.

Head choice: **one 2^N-class head**. The label of input i is the integer whose bit j is 1 iff
output j is +1 on input i, so a network memorises the map iff the right class strictly wins
on all 2^M inputs, and cross-entropy over 2^N classes is the loss (for N = 1 this is a
two-class softmax, equivalent to one logistic head). Inputs follow the memcap input order
(README.md, "Conventions") as ±1 floats. The training set is all 2^M inputs; there is no test set.
Information: N·2^M bits.
"""

from __future__ import annotations

import numpy as np
import torch

from capacity.counting import boolean_function_bits
from constructions.boolean import BooleanFunction, all_inputs
from constructions.families import make_function
from empirical.engine.config import DataConfig
from empirical.engine.dataset import Dataset

__all__ = ["boolean_dataset", "function_dataset"]


def function_dataset(fn: BooleanFunction, dtype: torch.dtype = torch.float32) -> Dataset:
    """Dataset of all ``2**M`` inputs of ``fn`` with 2^N-class labels.

    Parameters
    ----------
    fn : BooleanFunction
        The map from M input bits to N output bits; label = Σ_j 2^j·(output bit j).
    dtype : torch.dtype, default torch.float32
        dtype of the ±1 inputs.

    Returns
    -------
    Dataset
        Train set: all ``2**M`` inputs ``(2**M, M)`` and their labels; empty test set;
        ``classes = 2**N``, ``best_count = 2**M``.

    Examples
    --------
    >>> ds = function_dataset(BooleanFunction.from_strings("0110"))
    >>> ds.x_train.tolist(), ds.y_train.tolist(), ds.classes, ds.information_bits
    ([[-1.0, -1.0], [1.0, -1.0], [-1.0, 1.0], [1.0, 1.0]], [0, 1, 1, 0], 2, 4.0)
    >>> function_dataset(BooleanFunction.from_strings("0110,0001")).y_train.tolist()
    [0, 1, 1, 2]
    """
    m, n_out = fn.inputs, fn.outputs
    x = torch.from_numpy(all_inputs(m).astype(np.float32)).to(dtype)  # (2^M, M)
    weights = (1 << np.arange(n_out, dtype=np.int64))[:, None]  # (N, 1)
    y = torch.from_numpy((fn.table.astype(np.int64) * weights).sum(axis=0))  # (2^M,)
    empty_x = torch.zeros(0, m, dtype=dtype)
    return Dataset(x_train=x, y_train=y, x_test=empty_x, y_test=torch.zeros(0, dtype=torch.long),
                   classes=2 ** n_out, information_bits=float(boolean_function_bits(m, n_out)),
                   best_count=2 ** m)


def boolean_dataset(cfg: DataConfig, seed: int | None = None,
                    dtype: torch.dtype = torch.float32) -> Dataset:
    """Dataset of the family ``cfg.function`` (constructions.families) drawn with ``seed``, or of
    the explicit ``cfg.table``.

    Parameters
    ----------
    cfg : DataConfig
        A Boolean data config: ``table`` (comma-separated truth-table strings), if set, wins;
        otherwise ``function``, ``inputs`` and ``outputs`` name the family member to draw.
    seed : int or None, default None
        Seed of the family draw; None: ``cfg.seed``. Ignored for an explicit ``table``.
    dtype : torch.dtype, default torch.float32
        dtype of the inputs.

    Returns
    -------
    Dataset
        As :func:`function_dataset`.

    Examples
    --------
    >>> ds = boolean_dataset(DataConfig(kind="boolean", function="parity", inputs=3))
    >>> ds.y_train.tolist()
    [0, 1, 1, 0, 1, 0, 0, 1]
    >>> boolean_dataset(DataConfig(kind="boolean", table="0001", inputs=2)).y_train.tolist()
    [0, 0, 0, 1]
    """
    if cfg.table:  # an explicit truth table: the same map whatever the seed
        return function_dataset(BooleanFunction.from_strings(cfg.table.split(",")), dtype=dtype)
    seed = cfg.seed if seed is None else seed
    return function_dataset(make_function(cfg.function, cfg.inputs, cfg.outputs, seed=seed),
                            dtype=dtype)
