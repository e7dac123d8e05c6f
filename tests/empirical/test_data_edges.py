"""Training data at its edges (the 2026-12-07 mutation audit of empirical/engine/dataset.py,
boolean_data.py and token_data.py): classes, dtypes, seeds and multi-output labels of Boolean
data, a token dataset's points and classes, labels beyond 127, bfloat16 inputs."""

import math

import numpy as np
import torch

from constructions.boolean import BooleanFunction
from constructions.families import make_function
from empirical.engine.boolean_data import boolean_dataset, function_dataset
from empirical.engine.config import DataConfig
from empirical.engine.dataset import best_achievable_count, decidable_labels
from empirical.engine.token_data import next_token_labels, token_dataset


def _labels(fn: BooleanFunction) -> list[int]:
    """Each input's label: output j is bit j (computed here from the table)."""
    return (fn.table.astype(np.int64) * (1 << np.arange(fn.outputs))[:, None]).sum(0).tolist()


def test_boolean_data_classes_dtypes_and_empty_test_set():
    """A map with N outputs has 2^N classes whatever labels occur (8 for N = 3, where 2N would
    be 6); train and test inputs follow dtype for a family and for a table; the empty test
    labels are int64 like the training ones."""
    assert function_dataset(BooleanFunction.from_strings(["0001", "0000", "0000"])).classes == 8
    assert function_dataset(BooleanFunction.from_strings(["0000"])).classes == 2
    for cfg in (DataConfig(kind="boolean", function="parity", inputs=3),
                DataConfig(kind="boolean", table="0110")):
        ds = boolean_dataset(cfg, dtype=torch.float64)
        assert ds.x_train.dtype == ds.x_test.dtype == torch.float64
    ds = boolean_dataset(DataConfig(kind="boolean", function="parity", inputs=3))
    assert ds.y_test.dtype == ds.y_train.dtype == torch.int64
    assert ds.y_test.shape == (0,) and ds.x_test.shape == (0, 3)


def test_boolean_data_seeds_and_multi_output_labels():
    """A member's seed draws its map, cfg.seed when none is given (7 here, not 0); a table of
    two outputs gives labels 0, 1, 1, 2 of 4 classes and 8 bits; a family of two outputs gives
    two-bit labels."""
    cfg = DataConfig(kind="boolean", function="random", inputs=5, outputs=1, seed=7)
    for seed in (1, 2, 3):
        assert boolean_dataset(cfg, seed=seed).y_train.tolist() == _labels(
            make_function("random", 5, 1, seed=seed))
    assert boolean_dataset(cfg).y_train.tolist() == _labels(make_function("random", 5, 1,
                                                                          seed=7))
    ds = boolean_dataset(DataConfig(kind="boolean", table="0110,0001"))
    assert ds.y_train.tolist() == [0, 1, 1, 2] and ds.classes == 4 and ds.information_bits == 8
    fam = boolean_dataset(DataConfig(kind="boolean", function="random", inputs=4, outputs=2,
                                     seed=3))
    assert fam.classes == 4 and fam.information_bits == 32
    assert fam.y_train.tolist() == _labels(make_function("random", 4, 2, seed=3))


def test_token_data_points_and_classes():
    """n_train counts sequences (3), labels their predicted positions (3 × 4 = 12 for sequences
    of 5 tokens); classes is the vocabulary V and the bits are labels · log2 V."""
    ds = token_dataset(DataConfig(kind="tokens", classes=4, seq_len=5, n_train=3, n_test=1))
    assert (ds.n_train, ds.labels) == (3, 12)
    ds = token_dataset(DataConfig(kind="tokens", classes=5, seq_len=4, n_train=6, n_test=1,
                                  seed=2))
    assert ds.classes == 5 and abs(ds.information_bits - 6 * 3 * math.log2(5)) < 1e-9
    assert int(ds.y_train.max()) < ds.classes and ds.x_train.shape == (6, 3)


def test_labels_beyond_127_and_bfloat16_inputs_are_grouped_exactly():
    """Labels 1, 257 and 2 on one input are a three-way tie (undecidable: best count 0), not
    1 and 257 merged as one int8 class; a bfloat16 input tensor is read (numpy has no
    bfloat16: TypeError), its equal inputs grouped."""
    x, y = [[0], [0], [0]], [1, 257, 2]
    assert best_achievable_count(x, y) == 0
    assert decidable_labels(x, y).tolist() == [False, False, False]
    best, counted = next_token_labels([[0, 1], [0, 257], [0, 2]])
    assert best == 0 and counted.tolist() == [[False], [False], [False]]
    half = torch.tensor([[1.0], [1.0], [2.0]], dtype=torch.bfloat16)
    assert best_achievable_count(half, torch.tensor([0, 0, 1])) == 3
    assert best_achievable_count(half, torch.tensor([0, 1, 1])) == 1  # a tie, and one decided
