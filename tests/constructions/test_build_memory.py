"""The builders' memory guard: a build past half of this machine's memory is refused before
anything is built (it ended in a MemoryError, status 70, 2026-12-05 review)."""

from __future__ import annotations

import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capacity.errors import UsageError
from constructions.builders import build
from constructions.builders import memory as memory_module
from constructions.builders.memory import build_peak_bytes, dense_entries
from constructions.families import make_function
from constructions.verify import verify


@settings(deadline=None, max_examples=8)
@given(method=st.sampled_from(["lookup", "gated", "hamming", "depth3", "hall", "xorsys"]),
       inputs=st.integers(8, 12), outputs=st.sampled_from([1, 3, 16, 64]),
       seed=st.integers(0, 99))
def test_the_estimate_is_above_the_measured_peak_and_the_dense_model_is_exact(method, inputs,
                                                                              outputs, seed):
    f = make_function("random", inputs, outputs, seed=seed)
    tracemalloc.start()
    try:
        net = build(f, method)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert build_peak_bytes(method, inputs, outputs) >= peak
    entries = dense_entries(method, inputs, outputs)
    if entries is not None:  # the worst map's matrices bound this map's
        assert sum(layer.weights.size for layer in net.layers) <= entries


@pytest.mark.parametrize("outputs", [1, 3])
def test_lookup_without_the_complement_trick_is_priced_for_its_worst_map(monkeypatch, outputs):
    """build(f, "lookup", complement=False) of the all-ones map has a detector for each of the
    2^M inputs: the dense model counts them all (it priced the complemented worst case, half
    of it), and the guard refuses that build where the complemented one passes."""
    from constructions.boolean import BooleanFunction

    m = 8
    ones = BooleanFunction.from_strings(["1" * (1 << m)] * outputs)
    net = build(ones, "lookup", complement=False)
    entries = dense_entries("lookup", m, outputs, complement=False)
    assert sum(layer.weights.size for layer in net.layers) == entries == (1 << m) * (m + outputs)
    assert dense_entries("lookup", m, outputs) < entries
    need = build_peak_bytes("lookup", m, outputs, complement=False)
    monkeypatch.setattr(memory_module, "memory_limit_bytes", lambda: need - 1)
    assert build(ones, "lookup").outputs == outputs  # the complemented worst case fits
    with pytest.raises(UsageError, match="lookup for N = .* would need about"):
        build(ones, "lookup", complement=False)


def test_fixed_parts_grow_with_the_systems_not_at_every_m():
    # 512 MiB charged at M = 8 refused xorsys under a 1 GB address-space limit and changed
    # auto's pick (diff review); its tables measured 50 MiB there and 609 MiB at M = 20
    assert build_peak_bytes("xorsys", 8) <= 64 << 21
    assert build_peak_bytes("xorsys", 20) >= 609 << 20
    assert build_peak_bytes("hall", 12, 1024) >= 245 << 20  # measured peak


def test_a_build_past_the_memory_limit_is_refused_unless_forced(monkeypatch):
    f = make_function("random", 10, 16, seed=0)
    need = build_peak_bytes("depth3", 10, 16)
    monkeypatch.setattr(memory_module, "memory_limit_bytes", lambda: need - 1)
    with pytest.raises(UsageError, match=r"depth3 for N = 16 outputs of M = 10 inputs would "
                                         r"need about .* GiB .*use hall or xorsys"):
        build(f, "depth3")
    assert verify(build(f, "depth3", force=True), f).ok  # the user's risk
    monkeypatch.setattr(memory_module, "memory_limit_bytes", lambda: need)
    assert build(f, "depth3").outputs == 16


def test_auto_leaves_out_candidates_past_the_limit_and_they_are_no_rivals(monkeypatch):
    f = make_function("random", 10, 4, seed=0)
    assert build(f).method.startswith("auto:xorsys")  # the smallest with memory to spare
    hall = build_peak_bytes("hall", 10, 4)
    assert hall < build_peak_bytes("xorsys", 10, 4)
    monkeypatch.setattr(memory_module, "memory_limit_bytes", lambda: hall)
    net = build(f)  # xorsys left out: hall, which xorsys's size had ruled out, is built
    assert net.method.startswith("auto:hall") and verify(net, f).ok
    monkeypatch.setattr(memory_module, "memory_limit_bytes", lambda: 1)
    with pytest.raises(UsageError, match="every candidate at M = 14 with N = 4 outputs .* needs "
                                         "more than half of this machine's memory"):
        build(make_function("random", 14, 4, seed=0))  # dnf, the one unmodelled, stops at 10
