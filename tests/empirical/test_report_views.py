"""What ``memcap search``'s reports, memory curves and scaling grids print and write, pinned on
hand-built results (a mutation audit, 2026-12-07, found 27 changes no test saw: brackets,
intervals and columns swapped, a sample sd as a population sd, written CSVs with an index
column, the confidence of the scaling fits). Nothing trains: the scaling grid runs the real
``search_scaling`` over searches built by hand. Each test fails on the mutants its docstring
names."""

import dataclasses
import io
from types import SimpleNamespace

import matplotlib
import matplotlib.axes
import numpy as np
import pandas as pd
from rich.console import Console

import empirical.memory.scaling as scaling_mod
from empirical.engine.config import RunConfig
from empirical.memory.curve import MemoryCurve
from empirical.memory.report import (
    memory_lines,
    memory_markdown,
    plot_bits_per_parameter,
    write_memory_curve,
)
from empirical.memory.scaling import scaling_lines, write_scaling
from empirical.search.options import CandidateResult, SearchOptions, SearchResult
from empirical.search.report import overstated_note, print_search, search_lines, write_search
from empirical.search.target import SearchTarget

OPTIONS = SearchOptions.of(seeds=2, lrs=(0.05,), steps=100, start=1, bracket_steps=1)


def cand(size, params, successes, trials=2, lr=0.05, width=None, diverged=0):
    rate = successes / trials
    return CandidateResult(size, width if width is not None else size, params, trials,
                           successes, rate,
                           (round(max(0.0, rate - 0.3), 2), round(min(1.0, rate + 0.3), 2)),
                           lr, {lr: successes}, 1, None, {lr: diverged})


def result(cands, needed, below=None, target=None, options=OPTIONS, **kwargs):
    target = target or SearchTarget(kind="points", n=8, classes=2, d_in=4)
    bpp = None if needed is None else 8.0 / needed.parameters
    return SearchResult(target, options, cands, needed, 8.0, bpp, [2] * len(cands), 1.0,
                        below=below, rounds=1, **kwargs)


def w(width, successes, **kwargs):
    """A candidate of width ``width`` with 7·width + 2 parameters."""
    return cand(width, 7 * width + 2, successes, **kwargs)


def grid(monkeypatch, table, options=OPTIONS):
    """``search_scaling`` over hand-built searches: ``table`` maps n to (candidates, needed,
    below)."""
    def fake(target, opts, executor=None, curves=False):
        cands, needed, below = table[target.n]
        found = result(cands, needed, below, target=target, options=opts)
        return dataclasses.replace(found, information_bits=float(target.n),
                                   bits_per_parameter=None if needed is None
                                   else target.n / needed.parameters)

    monkeypatch.setattr(scaling_mod, "search_size", fake)
    return scaling_mod.search_scaling(SearchTarget(kind="points", n=8, classes=2, d_in=4),
                                      sorted(table), options)


TWO = {4: ([w(1, 0), w(2, 2)], w(2, 2), w(1, 0)), 16: ([w(2, 0), w(4, 2)], w(4, 2), w(2, 0))}


# -------------------------------------------------------------------------------- search
def test_a_search_stopped_by_memory_prints_its_half_open_bracket():
    ok = cand(2, 16, 2)
    assert "the answer lies in (0, 2]" in search_lines(result([ok], ok, memory_stop="x"))[-1]
    bad, ok = cand(1, 9, 0), cand(4, 30, 2)
    lines = search_lines(result([bad, ok], ok, below=bad, memory_stop="needs 99 GiB"))
    assert "the answer lies in (1, 4], not narrowed further" in lines[-1]


def test_search_lines_give_sizes_on_the_search_axis_and_successes_over_trials():
    """"largest tried" and "below it" name sizes (4, 1), not parameter counts; the success
    line reads successes/trials."""
    lines = search_lines(result([cand(2, 16, 0), cand(4, 30, 0)], None))
    assert "(largest tried: 4, rate 0.00)" in lines[0]
    bad, ok = cand(2, 16, 0, trials=3), cand(4, 30, 2, trials=3)
    assert search_lines(result([bad, ok], ok, below=bad))[1].startswith("success 2/3 = 0.67")
    bad, ok = cand(1, 9, 0), cand(2, 16, 2)
    lines = search_lines(result([bad, ok], ok, below=bad))
    assert any(line.startswith("below it: size 1 succeeded 0/2") for line in lines)


def test_the_overstated_note_gives_the_share_of_labels_no_network_can_fit():
    assert "by up to 25% of the bits" in overstated_note(SimpleNamespace(
        fittable_labels=(24, 32)))


def _table_rows(res):
    buf = io.StringIO()
    print_search(res, Console(file=buf, width=200))
    text = buf.getvalue().splitlines()
    header = [c.strip() for c in next(x for x in text if x.startswith("┃")).split("┃")[1:-1]]
    rows = [[c.strip() for c in x.split("│")[1:-1]] for x in text if x.startswith("│")]
    return header, rows


def test_the_search_table_holds_width_and_parameters_and_divergence_over_every_lr():
    options = dataclasses.replace(OPTIONS, start=10, axis="parameters")
    bad, ok = cand(10, 9, 0, width=1), cand(20, 16, 2, width=2)
    header, rows = _table_rows(result([bad, ok], ok, below=bad, options=options))
    assert header[:3] == ["size", "width", "params"]
    assert [r[:3] for r in rows] == [["10", "1", "9"], ["20*", "2", "16"]]
    two = dataclasses.replace(OPTIONS, lrs=(0.05, 0.1))
    bad = CandidateResult(1, 1, 9, 2, 0, 0.0, (0.0, 0.3), 0.05, {0.05: 0, 0.1: 0}, 1, None,
                          {0.05: 0, 0.1: 1})
    ok = CandidateResult(2, 2, 16, 2, 2, 1.0, (0.7, 1.0), 0.05, {0.05: 2, 0.1: 0}, 1, None,
                         {0.05: 0, 0.1: 0})
    _, rows = _table_rows(result([bad, ok], ok, below=bad, options=two))
    assert [r[-1] for r in rows] == ["1/4", "0/4"]  # diverged of trials x 2 lrs


def test_candidates_csv_has_the_frames_columns_and_no_index(tmp_path):
    bad, ok = cand(1, 9, 0), cand(2, 16, 2)
    res = result([bad, ok], ok, below=bad)
    out = write_search(res, tmp_path / "s", figure=False)
    assert list(pd.read_csv(out / "candidates.csv").columns) == list(res.to_frame().columns)


# -------------------------------------------------------------------------- memory curves
def curve(counts, ns=(10, 20, 40, 80), config=None, seeds=(0, 1), bits=None, **kwargs):
    counts = np.asarray(counts)
    return MemoryCurve.from_arrays(config or RunConfig(), list(ns), seeds, counts,
                                   counts * 1.0 if bits is None else bits, **kwargs)


SATURATED = [[10, 10], [20, 19], [22, 30], [25, 27]]
TOKENS = RunConfig().override(["data.kind='tokens'", "model.kind='transformer'",
                               "data.seq_len=9", "data.classes=4", "model.width=4"])


def test_memory_lines_print_intervals_lower_end_first():
    c = curve(SATURATED)
    lines = memory_lines(c)
    _, lo, hi = c.capacity_bits
    b = c.bits_per_parameter
    assert lo < hi and b[1] < b[2]
    assert f"bits [{lo:.4g}, {hi:.4g}]" in lines[1]
    assert f" {b[0]:.3g} [{b[1]:.3g}, {b[2]:.3g}] (" in lines[2]


def test_the_memory_table_shows_the_sample_sd_and_counts_labels():
    """The sd of (20, 18) is √2 = 1.41 (ddof 1, not 1.00); for token sequences C/(nT)
    divides by all n·T labels (T = 8: half of them is 0.5 a trial, mean 0.750)."""
    md = memory_markdown(curve([[10, 10], [20, 18], [22, 30], [25, 27]]))
    assert "| 19 ± 1.41 |" in next(x for x in md.splitlines() if x.startswith("| 20 |"))
    ns = np.array([4, 8, 16])
    lines = memory_markdown(curve(np.stack([ns * 8, ns * 4], 1), ns, TOKENS)).splitlines()
    header = [h.strip() for h in lines[2].split("|")[1:-1]]
    rows = [[x.strip() for x in line.split("|")[1:-1]] for line in lines[4:7]]
    assert [r[header.index("C/(nT)")] for r in rows] == ["0.750"] * 3
    assert "fittable/(nT)" not in header  # every label fittable: no such column


def test_the_fittable_column_follows_c_over_n():
    ns = np.array([10, 20, 40])
    counts = np.array([[10, 10], [18, 18], [30, 30]])
    best = np.array([[10, 10], [18, 18], [36, 36]])
    lines = memory_markdown(curve(counts, ns, best_count=best)).splitlines()
    header = [h.strip() for h in lines[2].split("|")[1:-1]]
    rows = [[x.strip() for x in line.split("|")[1:-1]] for line in lines[4:7]]
    assert header[4:6] == ["C/n", "fittable/n"]
    assert [r[4] for r in rows] == ["1.000", "0.900", "0.750"]
    assert [r[5] for r in rows] == ["1.000", "0.900", "0.900"]


def test_diverged_trials_are_named_by_seed_and_twelve_are_listed_whole():
    ns = np.array([10, 20, 40])
    bits = np.array([[10.0, 10.0], [20.0, np.nan], [30.0, 30.0]])
    lines = memory_lines(curve([[10, 10], [20, 0], [30, 30]], ns, seeds=(3, 7), bits=bits))
    line = next(x for x in lines if x.startswith("diverged (non-finite loss)"))
    assert line.startswith("diverged (non-finite loss): n = 20 trial 7;")
    ns = np.arange(10, 80, 10)
    bits = np.array([[10.0, 10.0]] + [[np.nan, np.nan]] * 6)  # 12 diverged cells
    lines = memory_lines(curve([[10, 10]] + [[0, 0]] * 6, ns, bits=bits))
    line = next(x for x in lines if x.startswith("diverged (non-finite loss)"))
    assert line.count("trial") == 12 and "more" not in line


def test_memory_files_carry_the_command_and_the_frames_columns(tmp_path):
    c = curve(SATURATED)
    out = write_memory_curve(c, tmp_path / "m", command="memcap search --memory-curve 10,20")
    assert "```\nmemcap search --memory-curve 10,20\n```" in (out / "memory.md").read_text()
    assert list(pd.read_csv(out / "memory.csv").columns) == list(c.to_frame().columns)


def test_a_lower_bound_estimate_is_drawn_open_and_a_saturated_one_filled(monkeypatch,
                                                                         tmp_path):
    matplotlib.use("Agg")
    faces, real = [], matplotlib.axes.Axes.errorbar

    def spy(self, x, y, *args, **kwargs):
        faces.append(kwargs.get("mfc"))
        return real(self, x, y, *args, **kwargs)

    monkeypatch.setattr(matplotlib.axes.Axes, "errorbar", spy)
    curves = [curve([[10, 10], [20, 19], [30, 31], [40, 42]]), curve(SATURATED)]
    assert [c.lower_bound for c in curves] == [True, False]
    plot_bits_per_parameter(curves, tmp_path / "b.png")
    assert faces[0] == "white" and faces[1] != "white"


# ------------------------------------------------------------------------ scaling grids
def test_scaling_csv_holds_the_failing_parameters_and_ordered_bounds(monkeypatch, tmp_path):
    frame = pd.read_csv(write_scaling(grid(monkeypatch, TWO), tmp_path / "s") / "scaling.csv")
    assert frame["below_parameters"].tolist() == [9, 16]
    assert frame["bits_per_parameter_lower"].round(4).tolist() == [0.25, 0.5333]
    assert frame["bits_per_parameter_upper"].round(4).tolist() == [0.4, 0.9412]


def test_scaling_csv_says_diverged_when_the_search_did(monkeypatch):
    table = {**TWO, 16: ([w(2, 0), w(4, 0, diverged=2)], None, None),
             64: ([w(4, 0), w(9, 2)], w(9, 2), w(4, 0))}
    res = grid(monkeypatch, table)
    assert res.results[1].diverged and not res.results[1].all_diverged
    assert res.to_frame()["diverged"].tolist() == [False, True, False]


def test_scaling_fits_use_the_searches_confidence(monkeypatch):
    options = dataclasses.replace(OPTIONS, confidence=0.8)
    table = {**TWO, 64: ([w(4, 0), w(9, 2)], w(9, 2), w(4, 0))}
    res = grid(monkeypatch, table, options)
    assert res.fit.confidence == res.fit_lower.confidence == 0.8


def test_scaling_lines_and_scaling_md(monkeypatch, tmp_path):
    """Two n give an exponent with "no interval" said once; an n not found is not named as
    already memorised in the lower-ends line; scaling.md holds the lines as a code block."""
    res = grid(monkeypatch, TWO)
    line = next(x for x in scaling_lines(res) if x.startswith("exponent of needed"))
    assert line.startswith("exponent of needed parameters against n: 0.453 (y = ")
    assert line.count("no interval") == 1
    md = (write_scaling(res, tmp_path / "s") / "scaling.md").read_text().splitlines()
    assert md[0] == "# Needed parameters against n"
    assert md[2:2 + len(scaling_lines(res))] == ["    " + x for x in scaling_lines(res)]
    res = grid(monkeypatch, {**TWO, 64: ([w(4, 0), w(9, 0)], None, None)})
    line = next(x for x in scaling_lines(res) if x.startswith("exponent of the bracket"))
    assert "left out" not in line
