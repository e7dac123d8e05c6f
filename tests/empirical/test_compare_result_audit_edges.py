"""What ``compare.json`` keeps and how it is read back, at edges a mutation audit (CR, of
empirical/compare/result.py, 2026-12-07) found no test pinned: the /4 format, the refusal of a
dict with no format or damaged fields, the documented key and search order, the violations, and
the exact inverse for builder order, variants, verification counts and big integers. Each test
below fails on the mutant named in its docstring."""

from __future__ import annotations

import json

import pytest

from capacity.errors import UsageError
from empirical.compare.compute import run_compare
from empirical.compare.config import CompareConfig
from empirical.compare.result import (
    FORMAT,
    CompareResult,
    CompareRow,
    ConstructionColumn,
    DepthRow,
    PointsRow,
    Sizes,
    SizeStats,
    Timing,
    TrainedCandidate,
    TrainedSize,
)

TIMING = Timing({}, [], 0.0, "InProcessExecutor", 0.0, 0.0)
ONE = TrainedCandidate(1, 1, 1, 7, 2, 2, 1.0, (0.34, 1.0), 0.05, 13.0)


@pytest.fixture(scope="module")
def untrained():
    """``compare --inputs 2 --functions 1 --no-train``'s result."""
    return run_compare(CompareConfig(inputs=(2,), samples=1, train=False))


def through_json(d):
    """``d`` as a compare.json file gives it back."""
    return json.loads(json.dumps(d))


def lost(depth, axis="width"):
    """A search at ``depth`` that found no size."""
    return TrainedSize(depth, axis, False, None, None, None, 4.0, [], [], 1, 64, [], 0.0)


def column(verified=3, samples=3, variants=("lookup",)):
    """One builder's column on three sampled maps."""
    s = SizeStats.of([3, 4, 3])
    return ConstructionColumn(s, s, s, s, s, per_sample={"hidden": [3, 4, 3]},
                              verified=verified, samples=samples, variants=list(variants))


# ------------------------------------------------------------------------------- formats read
def test_a_format_4_file_is_read_with_diverged_false_and_no_smallest_parameters(untrained):
    """A memcap.compare/4 file (no trained size's diverged or smallest_parameters) is read, its
    sizes reading as not diverged and None (M30: /4 dropped from READ_FORMATS)."""
    d = through_json(untrained.to_dict())
    t = TrainedSize(1, "width", True, ONE, None, 4 / 7, 4.0, [ONE], [], 2, 64, [2],
                    0.1).to_dict()
    del t["diverged"], t["smallest_parameters"]
    d["rows"][0]["trained"] = {"depth1": t}
    d["format"] = "memcap.compare/4"
    got = CompareResult.from_dict(d).rows[0].trained["depth1"]
    assert got.diverged is False
    assert got.smallest_parameters is None
    assert (got.found, got.needed, got.bits_per_parameter) == (True, ONE, 4 / 7)


@pytest.mark.parametrize("d", [{"rows": []}, {}])
def test_a_dict_without_a_format_is_one_usage_error_naming_the_format(d):
    """A dict with no format key is refused with the one-line UsageError naming its format
    (None), not a bare KeyError (M29: d["format"] instead of d.get)."""
    with pytest.raises(UsageError, match=r"^not a compare result: format None, expected "
                                         r"'memcap\.compare/6'"):
        CompareResult.from_dict(d)


# ------------------------------------------------------------------- damaged fields (bug fix)
def test_a_damaged_compare_dict_is_one_usage_error_naming_the_field(untrained):
    """A dict in the right format with a missing field, a JSON list, or a row that is a number
    is one UsageError "not a compare result ..." (the missing field named), not a bare KeyError,
    AttributeError or TypeError (the fix of bug_malformed_compare_json, 2026-12-07)."""
    with pytest.raises(UsageError, match=r"^not a compare result \(the field 'config' is "
                                         r"missing\)"):
        CompareResult.from_dict({"format": FORMAT})
    rowless = {"format": FORMAT, "config": {"inputs": [2]}, "versions": {}, "rows": [{"M": 2}],
               "depth_comparison": [], "random_labels": [], "violations": [], "timing": {}}
    with pytest.raises(UsageError, match=r"^not a compare result \(the field 'lower' is "
                                         r"missing\)"):
        CompareResult.from_dict(rowless)
    real = through_json(untrained.to_dict())
    del real["rows"][0]["lower"]
    with pytest.raises(UsageError, match=r"^not a compare result \(the field 'lower' is "
                                         r"missing\)"):
        CompareResult.from_dict(real)
    with pytest.raises(UsageError, match=r"^not a compare result"):
        CompareResult.from_dict([])
    numbered = {**through_json(untrained.to_dict()), "rows": [3]}
    with pytest.raises(UsageError, match=r"^not a compare result"):
        CompareResult.from_dict(numbered)


# ------------------------------------------------------------------------- documented order
def test_compare_json_keys_are_in_the_documented_order():
    """compare.json's top-level keys keep /1's order: format, config, versions, rows, ...
    (M28: rows written before versions)."""
    r = CompareResult(CompareConfig(inputs=(2,), train=False), {"memcap": "0"}, [], [], [], [],
                      TIMING)
    assert list(r.to_dict()) == ["format", "config", "versions", "rows", "depth_comparison",
                                 "random_labels", "violations", "timing", "findings"]
    assert list(json.loads(json.dumps(r.to_dict()))) == list(r.to_dict())


def test_searches_lists_the_table_then_the_depth_comparison_then_the_random_labels():
    """searches() gives the rows' searches, then the depth comparison's, then the random
    labels' (M27: random labels listed before the depth comparison)."""
    row = CompareRow(2, 1, 4, {}, {}, {}, trained={"depth1": lost(1)})
    depth = DepthRow(2, 4, {2: lost(2, "parameters")})
    points = PointsRow(16, 2, 4, 16.0, {}, lost(3, "parameters"))
    r = CompareResult(CompareConfig(inputs=(2,), train=False), {}, [row], [depth], [points],
                      [], TIMING)
    assert [t.depth for t in r.searches()] == [1, 2, 3]


def test_builders_keep_their_column_order_through_compare_json(untrained):
    """The builders of a row read back in the order written (the column order of compare.md
    and compare.csv), and the JSON rewritten from the read-back result is the same text
    (M39: constructions read back sorted by builder name)."""
    written = list(untrained.rows[0].constructions)
    assert written != sorted(written)  # else the order could not show
    back = CompareResult.from_dict(through_json(untrained.to_dict()))
    assert list(back.rows[0].constructions) == written
    assert json.dumps(back.to_dict()) == json.dumps(untrained.to_dict())


# --------------------------------------------------------------------------- data kept
def test_the_runs_violations_and_findings_survive_the_round_trip():
    """A result's violations and findings read back as written (M36: violations dropped on
    reading)."""
    r = CompareResult(CompareConfig(inputs=(2,), train=False), {"memcap": "0"}, [], [], [],
                      ["M=2: lookup below exact.any-depth"], TIMING,
                      findings=["GD needs more."])
    back = CompareResult.from_dict(through_json(r.to_dict()))
    assert back.violations == ["M=2: lookup below exact.any-depth"]
    assert back.findings == ["GD needs more."]
    assert back == r


def test_a_rows_violations_survive_the_round_trip():
    """A row's consistency violations read back as written (M22: a row's violations dropped
    on reading)."""
    row = CompareRow(M=2, N=1, information_bits=4, lower={"exact.any-depth": 2},
                     constructions={}, worst_case={},
                     violations=["lookup below exact.any-depth at M=2"])
    back = CompareRow.from_dict(through_json(row.to_dict()))
    assert back.violations == ["lookup below exact.any-depth at M=2"]
    assert back == row


# ---------------------------------------------------------------- the exact inverse, edges
def test_a_column_keeps_its_verified_and_samples_apart():
    """A column verified on 1 of 3 samples reads back as 1 of 3, not 3 of 1 (M06: verified and
    samples swapped on reading)."""
    back = ConstructionColumn.from_dict(through_json(column(verified=1, samples=3).to_dict()))
    assert (back.verified, back.samples) == (1, 3)


def test_a_columns_variants_read_back_in_the_order_written():
    """The variants (the methods chosen, in sample order) keep their order (M07: variants read
    back sorted)."""
    col = column(variants=["auto:lookup", "auto:dnf(exact)"])
    back = ConstructionColumn.from_dict(through_json(col.to_dict()))
    assert back.variants == ["auto:lookup", "auto:dnf(exact)"]
    assert back == col


def test_the_largest_weight_is_an_exact_int_beyond_float_precision():
    """A network's largest |weight| reads back as the exact int 2**80 + 1 (M04: read through
    float, which rounds it)."""
    s = Sizes(hidden=3, neurons=4, edges=9, parameters=13, depth=2, max_abs_weight=2**80 + 1)
    back = Sizes.from_dict(through_json(s.to_dict()))
    assert back.max_abs_weight == 2**80 + 1
    assert back == s


def test_lower_bounds_read_back_exactly_and_none_stays_none():
    """A row's lower bounds are exact values: 3**60 reads back exactly, and a bound that does
    not apply stays None (M21: lower values read through float)."""
    row = CompareRow(M=12, N=3, information_bits=4096 * 3,
                     lower={"counting.any-depth": 3**60, "x": None}, constructions={},
                     worst_case={})
    back = CompareRow.from_dict(through_json(row.to_dict()))
    assert back.lower == {"counting.any-depth": 3**60, "x": None}
    assert back.to_dict() == row.to_dict()
