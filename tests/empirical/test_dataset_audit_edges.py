"""Edges of the training data (empirical/engine/dataset.py, boolean_data.py, versions.py) that
a mutation audit (DS) found untested: inputs that require grad, bfloat16 values beyond
float16's range or precision, ``seen_in`` returning ``data`` itself, a truth table winning over
a member seed, the recorded package versions, and zero points.
"""

import platform
import sys
from importlib.metadata import version

import numpy
import torch

import memcap
from constructions.boolean import BooleanFunction
from empirical.engine.boolean_data import boolean_dataset, function_dataset
from empirical.engine.config import DataConfig
from empirical.engine.dataset import (
    Dataset,
    best_achievable_count,
    decidable_labels,
    memorisable_labels,
    seen_in,
)
from empirical.engine.versions import package_versions


def test_inputs_that_require_grad_are_grouped():
    """Inputs that require grad are read (detached) like any others: best count 3 (D03)."""
    x = torch.tensor([[1.0], [1.0], [2.0]], requires_grad=True)
    assert best_achievable_count(x, torch.tensor([0, 0, 1])) == 3
    assert decidable_labels(x, torch.tensor([0, 0, 1])).tolist() == [True, True, True]


def test_bfloat16_inputs_beyond_float16_stay_distinct():
    """bf16 values float16 would make inf (1e5, 2e5) or 0 (1e-9, 2e-9) stay two points (D27)."""
    for a, b in ((1e5, 2e5), (1e-9, 2e-9)):
        x = torch.tensor([[a], [b]], dtype=torch.bfloat16)
        assert best_achievable_count(x, torch.tensor([0, 1])) == 2, (a, b)
        assert decidable_labels(x, torch.tensor([0, 1])).tolist() == [True, True], (a, b)


def test_seen_in_returns_data_itself_when_no_points_merge():
    """Without merged points ``seen_in`` gives ``data`` itself, its target unchanged (D15)."""
    b = function_dataset(BooleanFunction.from_strings("0110"))
    assert seen_in(b, torch.bfloat16) is b
    x = torch.tensor([[1.0], [1.0]])  # bf16-exact inputs; the caller set the target
    d = Dataset(x, torch.tensor([0, 1]), x[:0], torch.zeros(0, dtype=torch.long), 2, 2.0, 2)
    s = seen_in(d, torch.bfloat16)
    assert s is d
    assert s.best_count == 2 and s.counted is None


def test_explicit_table_wins_over_member_seed():
    """An explicit truth table gives the same labels whatever the member seed (B11)."""
    cfg = DataConfig(kind="boolean", table="0110")
    for seed in (None, 0, 3, 12345):
        ds = boolean_dataset(cfg, seed=seed)
        assert ds.y_train.tolist() == [0, 1, 1, 0], seed
        assert ds.x_train.shape == (4, 2)


def test_package_versions_are_each_packages_own():
    """memcap, torch and numpy versions come from their own metadata; python is x.y.z (V01-3)."""
    v = package_versions()
    assert v == {"memcap": version("memcap"), "torch": version("torch"),
                 "numpy": version("numpy"), "python": platform.python_version()}
    assert v["memcap"] == memcap.__version__
    assert v["torch"] == torch.__version__ and v["numpy"] == numpy.__version__
    assert v["python"] == ".".join(map(str, sys.version_info[:3]))


def test_zero_points_give_empty_targets():
    """Zero points: no labels to memorise (0, None), best count 0, an empty mask."""
    x, y = torch.zeros(0, 2), torch.zeros(0, dtype=torch.long)
    assert memorisable_labels(x, y) == (0, None)
    assert best_achievable_count(x, y) == 0
    mask = decidable_labels(x, y)
    assert mask.tolist() == [] and mask.dtype == numpy.bool_
