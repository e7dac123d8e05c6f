"""The builder registry, its memory guard and size tables (constructions/builders: __init__,
_common, memory, sizes): the edges a mutation audit found no test reaching (2026-12-07), with
independent oracles (the entries of the network actually built, the documented formulas, the
neurons dnf builds). The existing memory test only checks the estimate against the measured
peak, which its ×6 factor and 64 MiB floor hide. Each test fails on its mutant or the old code."""
import re
from pathlib import Path

import pytest

import constructions.builders.memory as memory
from capacity.errors import UsageError
from constructions.builders import bracket_table, build, builder_options, size_table
from constructions.builders._common import check_input_limit
from constructions.builders.depth3 import depth3_k
from constructions.builders.memory import build_peak_bytes, dense_entries
from constructions.families import make_function

MIB, KIB = 1 << 20, 1 << 10


def test_the_input_limit_gives_way_to_force_only():
    check_input_limit("lookup", 21, 20, True, "builds up to 2^M detectors")
    check_input_limit("lookup", 20, 20, False, "builds up to 2^M detectors")
    with pytest.raises(UsageError):
        check_input_limit("lookup", 21, 20, False, "builds up to 2^M detectors")


@pytest.mark.parametrize("m, n, k", [(8, 1, 1), (8, 2, 1), (7, 1, 5), (6, 2, 0), (9, 1, None),
                                     (7, 3, None)])
def test_depth3s_entry_estimate_bounds_the_network_built(m, n, k):
    """For the default k and a given one, plain and strictly layered: the estimate prices the
    rows and columns of the k the caller gives (k = 1 at M = 8: 805 entries built)."""
    f = make_function("random", m, n, seed=3)
    for strict in (False, True):
        net = build(f, "depth3", strict_layers=strict, **({} if k is None else {"k": k}))
        built = sum(layer.weights.size for layer in net.layers)
        assert dense_entries("depth3", m, n, strict_layers=strict, k=k) >= built


@pytest.mark.parametrize("m, seed", [(8, 0), (10, 1), (9, 2)])
def test_the_strict_estimate_counts_the_pass_through_units(m, seed):
    """A random map whose 2^k rows are distinct and not constant keeps every unit; layer 1's
    k pass-through units read all M inputs."""
    f = make_function("random", m, seed=seed)
    k = depth3_k(m, 1, True)
    rows = f.table.reshape(1 << k, 1 << (m - k))
    assert len({r.tobytes() for r in rows}) == len(rows)
    assert rows.any(1).all() and (~rows).any(1).all()
    net = build(f, "depth3", strict_layers=True)
    built = sum(layer.weights.size for layer in net.layers)
    assert dense_entries("depth3", m, 1, strict_layers=True) >= built


@pytest.mark.parametrize("m, n", [(8, 1), (12, 64), (20, 1024), (16, 3)])
def test_the_memory_model_is_the_documented_formula(m, n):
    """docs/constructions.md ("auto", memory guard): hall 16 bytes per truth-table entry
    (N·2^M) + 192 KiB per output + 64 MiB; xorsys 80 bytes per entry + its systems' tables;
    the dense builders 6 × (8 × dense entries + N·2^M) + 64 MiB."""
    assert build_peak_bytes("hall", m, n) == 16 * (n << m) + 192 * KIB * n + 64 * MIB
    fixed = 64 if m <= 8 else 192 if m <= 12 else 448 if m <= 16 else 768
    assert build_peak_bytes("xorsys", m, n) == 80 * (n << m) + fixed * MIB
    for method in ("lookup", "gated", "hamming", "depth3"):
        entries = dense_entries(method, m, n)
        assert build_peak_bytes(method, m, n) == 6 * (8 * entries + (n << m)) + 64 * MIB


def test_the_memory_guard_prices_the_form_and_k_asked_for(monkeypatch):
    """With the machine's limit set to the plain form's estimate (nothing large is built), the
    strictly layered depth3 at M = 11, N = 4 and depth3 with k = 0 at M = 10 are refused."""
    plain = build_peak_bytes("depth3", 11, 4)
    assert build_peak_bytes("depth3", 11, 4, strict_layers=True) > plain
    monkeypatch.setattr(memory, "memory_limit_bytes", lambda: plain)
    f = make_function("random", 11, 4, seed=0)
    build(f, "depth3")
    with pytest.raises(UsageError, match="depth3"):
        build(f, "depth3", strict_layers=True)
    default = build_peak_bytes("depth3", 10, 1)
    assert build_peak_bytes("depth3", 10, 1, k=0) > default
    monkeypatch.setattr(memory, "memory_limit_bytes", lambda: default)
    g = make_function("random", 10, seed=0)
    build(g, "depth3")
    with pytest.raises(UsageError):
        build(g, "depth3", k=0)


@pytest.mark.parametrize("bad", ["no", "False", 2])
def test_an_optional_bool_option_takes_a_bool_or_none(bad):
    f = make_function("parity", 3)
    build(f, "dnf", exact=None)
    with pytest.raises(UsageError):
        build(f, "dnf", exact=bad)


def test_the_dnf_parity_column_is_what_dnf_builds_and_what_the_docs_print():
    rows = size_table(20)
    for m in range(1, 7):
        net = build(make_function("parity", m), "dnf")
        assert net.sizes().neurons == rows[m - 1]["dnf_parity"]
    docs = Path(__file__).resolve().parents[2] / "docs" / "constructions.md"
    text = docs.read_text().split("## Sizes for M = 1..20")[1]
    lines = [line for line in text.splitlines() if re.match(r"\| \d+ \|", line)][:20]
    for row, line in zip(rows, lines, strict=True):
        assert int(line.strip("|").split("|")[3]) == row["dnf_parity"]


@pytest.mark.parametrize("table", [size_table, bracket_table])
@pytest.mark.parametrize("bad", [2.5, True, "3", 0])
def test_the_size_tables_take_an_integer_count_of_inputs(table, bad):
    """int() made 2.5 two rows, True one and "3" three."""
    with pytest.raises(UsageError, match="--max-inputs must be an integer between 1 and"):
        table(bad)


def test_builder_options_of_an_unknown_method_is_one_line():
    """It was a bare KeyError; build() refuses the same name in one line."""
    with pytest.raises(UsageError, match="unknown method 'nope'"):
        builder_options("nope")
    assert "k" in builder_options("DEPTH3")
