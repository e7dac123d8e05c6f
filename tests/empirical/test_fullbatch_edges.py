"""The full-batch step's chunking and padding rules, what they are told apart by (the
2026-12-07 mutation audit of empirical/engine/fullbatch.py: a chunk's width from the inputs,
the classes, the element size and the member count; chunks as equal as possible; the padded
product only where the rule allows, with this step's weights; the counted points)."""

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from capacity.errors import UsageError
from empirical.engine.ensemble import BatchedMLP
from empirical.engine.fullbatch import (
    MIN_CHUNK_COLUMNS,
    FullBatchStep,
    chunk_columns,
    even_chunks,
    padded_inputs,
)
from empirical.engine.observables import correct_count
from empirical.engine.train import torch_threads

F64 = torch.float64


@given(k=st.integers(1, 300), width=st.integers(1, 500), n=st.integers(1, 200_000))
def test_default_chunks_are_as_equal_as_possible_and_never_too_narrow(k, width, n):
    """At most n // 1 024 chunks (a floor division of the width made 6 of 5 121 points), sizes
    differing by at most one point, none under 1 024 points unless the run is (the last chunk
    took the remainder: 1 021 of 5 121 points)."""
    starts = even_chunks(n, chunk_columns(k, width, n))
    sizes = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert starts[0] == 0 and starts[-1] == n and min(sizes) >= 1
    assert len(sizes) <= max(1, n // MIN_CHUNK_COLUMNS)
    assert max(sizes) - min(sizes) <= 1 and max(sizes) <= chunk_columns(k, width, n)
    assert min(sizes) >= min(n, MIN_CHUNK_COLUMNS)


def _chunk_sizes(step: FullBatchStep) -> list[int]:
    return [cols.stop - cols.start for cols, *_ in step._chunks]


def test_a_steps_default_chunks_follow_the_rule():
    """5 121 points of a width-1 000 model: five chunks of 1 025 and 1 024 points (were four of
    1 025 and one of 1 021); an explicit width still cuts every `columns` points."""
    net = BatchedMLP(9, 17, 1, [1000], [0])
    step = FullBatchStep(net, torch.zeros(1, 9, 5121), torch.zeros(1, 17, 5121), [])
    assert _chunk_sizes(step) == [1025, 1024, 1024, 1024, 1024] and step.columns == 1025
    step = FullBatchStep(net, torch.zeros(1, 9, 10), torch.zeros(1, 17, 10), [], columns=4)
    assert _chunk_sizes(step) == [4, 4, 2] and step.columns == 4


def test_the_default_chunk_width_counts_classes_element_size_members_and_device():
    """The widest layer includes the inputs and the classes (600 classes: 1 024-point chunks),
    float64 activations are twice float32's (10 chunks of 2 560 for the l2-blog model), the K
    members' activations all count (10 members: 1 024), and off the CPU there is one chunk."""
    n = 25_600
    wide = BatchedMLP(9, 600, 1, [4], [0])
    assert FullBatchStep(wide, torch.zeros(1, 9, n), torch.zeros(1, 600, n), []).columns == 1024
    blog = BatchedMLP(9, 17, 2, [100], [0], dtype=F64)
    step = FullBatchStep(blog, torch.zeros(1, 9, n, dtype=F64), torch.zeros(1, 17, n, dtype=F64),
                         [])
    assert step.columns == 2560 and len(step._chunks) == 10
    k = 10
    ten = BatchedMLP(9, 17, 2, [100] * k, list(range(k)))
    assert FullBatchStep(ten, torch.zeros(k, 9, n), torch.zeros(k, 17, n), []).columns == 1024
    meta = BatchedMLP(9, 17, 2, [100], [0], device="meta")
    step = FullBatchStep(meta, torch.zeros(1, 9, n, device="meta"),
                         torch.zeros(1, 17, n, device="meta"), [])
    assert step.columns == n and len(step._chunks) == 1
    assert padded_inputs(9, torch.zeros(1, 9, 2048), 1024) == 16
    assert padded_inputs(9, torch.zeros(1, 9, 2048, device="meta"), 1024) == 0  # CPU only


def test_an_activation_without_a_written_backward_is_refused():
    net = BatchedMLP(3, 2, 1, [4], [0], activation="tanh")
    with pytest.raises(UsageError, match="no hand-written backward for activation 'tanh'"):
        FullBatchStep(net, torch.zeros(1, 3, 5), torch.zeros(1, 2, 5),
                      [torch.empty_like(p) for p in net.parameters()])


def _padded_step(n: int, seed: int = 0):
    g = torch.Generator().manual_seed(seed)
    net = BatchedMLP(9, 3, 2, [8], [0])
    xt = torch.randn(1, 9, n, generator=g)
    y = torch.randint(0, 3, (1, n), generator=g)
    onehot = F.one_hot(y, 3).transpose(1, 2).float()
    grads = [torch.empty_like(p) for p in net.parameters()]
    step = FullBatchStep(net, xt, onehot, grads, columns=1024)
    seen = []
    real = step._forward

    def forward(h, padded=None):
        seen.append((h.shape[2], padded is not None))
        return real(h, padded)

    step._forward = forward
    return net, xt, y, step, seen


def test_the_padded_product_only_where_the_rule_allows():
    """One thread: chunks of exactly 1 024 points are padded, a short last chunk (52 points)
    is not; two threads: nothing is padded (checked at every step)."""
    _, _, _, step, seen = _padded_step(2100)
    with torch_threads(1):
        step(torch.ones(1, dtype=torch.bool))
    assert seen == [(1024, True), (1024, True), (52, False)]
    seen.clear()
    with torch_threads(2):
        step(torch.ones(1, dtype=torch.bool))
    assert seen == [(1024, False), (1024, False), (52, False)]


def test_the_padded_product_uses_each_steps_weights():
    """The padded first-layer weights are a copy, refreshed at every step: after the weights
    move (as the optimiser moves them, in place), the next step's loss is the moved network's
    (a copy made at the first step only left the loss ≈ 2 % off from the second step on)."""
    net, xt, y, step, _ = _padded_step(2048)
    active = torch.ones(1, dtype=torch.bool)
    g = torch.Generator().manual_seed(1)
    with torch_threads(1):
        step(active, y)
        with torch.no_grad():
            net.weights[0].add_(0.5 * torch.randn(net.weights[0].shape, generator=g))
        loss, _ = step(active, y)
        with torch.no_grad():
            ref = F.cross_entropy(net.forward_features(xt)[0].T, y[0])
    torch.testing.assert_close(loss[0], ref, rtol=1e-5, atol=1e-6)


def test_the_count_is_of_the_counted_points_not_the_others():
    """Correct points among the counted ones, at a seed where that count differs from the
    count among the others (seed 0 of the trainer's test has them equal)."""
    g = torch.Generator().manual_seed(1)
    net = BatchedMLP(3, 3, 2, [8, 8], [0, 1])
    xt = torch.randn(2, 3, 40, generator=g)
    y = torch.randint(0, 3, (2, 40), generator=g)
    counted = torch.rand(2, 40, generator=g) < 0.6
    onehot = F.one_hot(y, 3).transpose(1, 2).float().contiguous()
    with torch.no_grad():
        z = net.forward_features(xt).transpose(1, 2)
        want, other = correct_count(z, y, counted), correct_count(z, y, ~counted)
    assert not torch.equal(want, other)
    for columns in (7, 40):
        step = FullBatchStep(net, xt, onehot, [torch.zeros_like(p) for p in net.parameters()],
                             columns=columns)
        _, got = step(torch.ones(2, dtype=torch.bool), y, None, counted)
        assert torch.equal(got, want), columns
