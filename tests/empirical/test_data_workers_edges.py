"""Edges of the datasets (token sequences, ``seen_in``), the exact sign-network module and the
hardness workers that a mutation audit (2026-12-07) found no test pinned. Each test fails on
the mutants its docstring names."""

import dataclasses
import functools

import pytest
import torch
from torch.overrides import TorchFunctionMode

import empirical.hardness.workers as workers
from capacity.errors import UsageError
from constructions.network import Layer, SignNetwork
from empirical.engine.config import DataConfig
from empirical.engine.data import make_dataset
from empirical.engine.dataset import Dataset, decidable_labels, seen_in
from empirical.engine.ensemble import BatchedMLP
from empirical.engine.sign_network import to_torch
from empirical.engine.token_data import next_token_labels, token_dataset
from empirical.search.rounds import make_task
from empirical.search.size import SearchOptions, SearchTarget


def _tokens(**kw) -> Dataset:
    return token_dataset(DataConfig(kind="tokens", **kw))


# ------------------------------------------------------------------------------- tokens
def test_token_sequences_train_and_test_from_one_generator_shifted_by_one():
    """x = tokens 0..S−2, y = tokens 1..S−1, the test sequences drawn after the training ones
    from the same generator (a shifted slice, a re-seeded draw or V − 1 classes failed)."""
    d = _tokens(classes=7, seq_len=6, n_train=5, n_test=40, seed=3)
    g = torch.Generator().manual_seed(3)
    train = torch.randint(0, 7, (5, 6), generator=g)
    test = torch.randint(0, 7, (40, 6), generator=g)
    assert torch.equal(d.x_train, train[:, :-1]) and torch.equal(d.y_train, train[:, 1:])
    assert torch.equal(d.x_test, test[:, :-1]) and torch.equal(d.y_test, test[:, 1:])
    d = _tokens(classes=16, seq_len=8, n_train=32, n_test=8, seed=0)
    assert not torch.equal(d.x_test, d.x_train[:8])
    d = _tokens(classes=3, seq_len=10, n_train=2, n_test=60)
    assert set(d.x_test.unique().tolist()) | set(d.y_test.unique().tolist()) == {0, 1, 2}


def test_a_members_data_seed_draws_its_own_sequences():
    """Without it every member of a transformer ensemble shared one data set."""
    cfg = DataConfig(kind="tokens", classes=16, seq_len=6, n_train=16, n_test=2, seed=0)
    a, b = token_dataset(cfg, seed=1), token_dataset(cfg, seed=2)
    assert not torch.equal(a.x_train, b.x_train)
    c = token_dataset(dataclasses.replace(cfg, seed=1))
    assert torch.equal(a.x_train, c.x_train) and torch.equal(a.y_test, c.y_test)
    assert not torch.equal(make_dataset(cfg, seed=1).x_train, make_dataset(cfg, seed=2).x_train)


def test_tied_next_token_labels_are_not_counted_and_accuracy_is_per_label():
    """The module notes' figure: V = 16, 256 sequences of 9, seed 0: 252 of 2 048 labels in
    tied groups; best_accuracy divides by the labels (n·T), not by n."""
    d = _tokens(classes=16, seq_len=9, n_train=256, n_test=1, seed=0)
    assert d.labels == 2048 and d.counted is not None and int((~d.counted).sum()) == 252
    assert d.counted[:, 0].tolist() == decidable_labels(d.x_train[:, :1],
                                                         d.y_train[:, 0]).tolist()
    assert next_token_labels([[0, 1], [0, 2]])[1].tolist() == [[False], [False]]
    small = _tokens(classes=2, seq_len=5, n_train=8, n_test=1)
    assert small.best_accuracy == small.best_count / small.labels <= 1


def test_seen_in_leaves_token_ids_alone_and_updates_the_counted_mask():
    d = _tokens(classes=1000, seq_len=6, n_train=64, n_test=4)  # ids beyond bf16's integers
    assert seen_in(d, torch.bfloat16) is d
    points = Dataset(torch.tensor([[1.0], [1.001], [3.0]]), torch.tensor([0, 1, 1]),
                     torch.zeros(0, 1), torch.zeros(0, dtype=torch.long), classes=2,
                     information_bits=3.0, best_count=3)
    merged = seen_in(points, torch.bfloat16)  # 1.0 and 1.001 meet in bf16, labels tie
    assert merged.best_count == 1 and merged.counted.tolist() == [False, False, True]


# -------------------------------------------------------------------- the sign module
def _net(w, b=0) -> SignNetwork:
    return SignNetwork(1, (Layer.from_lists([[w]], [b], [0]),))


def test_to_torch_refuses_a_bound_that_reaches_the_dtypes_integers():
    to_torch(_net(2**24 - 1), torch.float32)
    to_torch(_net(2**24 - 2, 1), torch.float32)
    for dtype, limit in ((torch.float32, 2**24), (torch.float64, 2**53)):
        for net in (_net(limit), _net(limit - 1, 1)):
            with pytest.raises(UsageError):
                to_torch(net, dtype)
    for dtype in (torch.float32, torch.float64):  # float64 cannot help at 2^53: no such advice
        with pytest.raises(UsageError, match="SignNetwork.evaluate") as refused:
            to_torch(_net(2**53), dtype)
        assert "use dtype=torch.float64" not in str(refused.value)
    for dtype in (torch.float16, torch.bfloat16, torch.int64):
        with pytest.raises(UsageError):
            to_torch(_net(1), dtype)


class _Matmuls(TorchFunctionMode):
    """Records the dtype of every matmul's first operand."""

    def __init__(self):
        super().__init__()
        self.dtypes = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        if "matmul" in getattr(func, "__name__", ""):
            self.dtypes.append(args[0].dtype)
        return func(*args, **(kwargs or {}))


def test_a_float32_module_multiplies_in_float64_under_lax_matmul_precision():
    net = SignNetwork(2, (Layer.from_lists([[2**20 + 1, -(2**20)]], [-1], [0, 1]),))
    x = torch.tensor([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]])
    module = to_torch(net, torch.float32)
    old = torch.get_float32_matmul_precision()
    try:
        torch.set_float32_matmul_precision("medium")
        with _Matmuls() as seen:
            y = module(x)
    finally:
        torch.set_float32_matmul_precision(old)
    assert seen.dtypes and all(d == torch.float64 for d in seen.dtypes)
    assert y.dtype == torch.float32 and y[:, 0].tolist() == [1.0, 1.0, -1.0, -1.0]


# ------------------------------------------------------------------------------ workers
class _Built(Exception):
    pass


def test_the_scaled_worker_multiplies_the_engines_init_by_its_scale(monkeypatch):
    """At 0.5 every weight and bias is half BatchedMLP's own (scale² passed the doctests,
    which use 0 and 1)."""
    def capture(cfg, build):
        raise _Built(build(cfg, make_dataset(cfg.data), torch.float32, "cpu"), cfg)

    monkeypatch.setattr(workers, "run_training", capture)
    task = make_task(SearchTarget(table="0110").data_config(), [2, 3], 2, 0.1,
                     SearchOptions.of(steps=50, depth=1))
    with pytest.raises(_Built) as built:
        functools.partial(workers.scaled_train_task, scale=0.5)(task)
    module, cfg = built.value.args
    members = cfg.members()
    reference = BatchedMLP(2, 2, cfg.model.depth, [w for *_, w in members],
                           [s for s, *_ in members], cfg.model.activation, cfg.model.bias,
                           torch.float32, "cpu")
    assert torch.allclose(module.flat, 0.5 * reference.flat)
