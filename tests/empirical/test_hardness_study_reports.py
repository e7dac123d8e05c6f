"""What the recipe and topology studies' reports print, write and draw, pinned on hand-built
results (a mutation audit, 2026-12-07, found 25 changes no test saw: intervals swapped in the
CSV, "settles" read off the wrong budgets, successes and trials swapped in cells, the topology
table's columns out of the header's order, ties counted as wins) and the colour bug it found
(topology.png drew family i and i + 10 alike). Each test fails on the mutants its docstring
names."""

import contextlib
import io
import math

import matplotlib
import pytest
from matplotlib.colors import to_rgba

from empirical.hardness import recipes_report, topology_report
from empirical.hardness.recipes import RecipeResult, RecipeRow
from empirical.hardness.recipes_report import (
    print_recipes,
    recipe_frame,
    recipe_lines,
    recipes_markdown,
    write_recipes,
)
from empirical.hardness.result import HardnessConfig, TrainedFunctionSize
from empirical.hardness.topology import TopologyResult, TopologyRow
from empirical.hardness.topology_report import (
    print_topology,
    topology_lines,
    topology_markdown,
    write_topology,
)

CONFIG = HardnessConfig(inputs=3, families=("parity",))


def size(hidden, successes=2, trials=4, lr=0.05, diverged=False, depth=1, width=None,
         interval=(0.3, 1.0)):
    if width is None and hidden is not None:
        width = hidden // depth
    return TrainedFunctionSize("relu", depth, hidden, width, successes, trials, interval,
                               lr if hidden is not None else None, diverged=diverged)


def recipes(budgets, rows, confirm=4):
    return RecipeResult(CONFIG, tuple(budgets), ("adam",), confirm, rows, 0.0, (1.0,))


def row(budget, trained, fresh=None, fresh_trials=None, fresh_interval=None, family="parity"):
    return RecipeRow(family, "adam", budget, trained, fresh, fresh_trials, fresh_interval, 1.0)


def printed(show, result) -> str:
    with contextlib.redirect_stdout(io.StringIO()) as buf:
        show(result)
    return " ".join(buf.getvalue().split())


def drawn(module, plot, result, monkeypatch):
    """The figure ``plot`` draws, caught before it is saved."""
    matplotlib.use("Agg")
    caught = {}
    monkeypatch.setattr(module, "save_figure",
                        lambda fig, path, **kwargs: caught.setdefault("fig", fig))
    plot(result, "unused.png")
    return caught["fig"]


# -------------------------------------------------------------------------------- recipes
def test_recipes_csv_holds_both_intervals_in_order():
    frame = recipe_frame(recipes([100], [row(100, size(2, interval=(0.2, 0.9)), 3, 4,
                                                 (0.3, 0.95))]))
    assert (frame["lo"][0], frame["hi"][0]) == (0.2, 0.9)
    assert (frame["confirmed_lo"][0], frame["confirmed_hi"][0]) == (0.3, 0.95)


def test_a_recipe_settles_where_its_last_two_budgets_agree():
    """Needed 5, 4, 4: "settles at 4" (first against last budget would not settle); one
    budget says neither."""
    rows = [row(b, size(h), 2, 4, (0.1, 0.9)) for b, h in ((100, 5), (300, 4), (900, 4))]
    assert recipe_lines(recipes([100, 300, 900], rows))[0].endswith("; settles at 4")
    line = recipe_lines(recipes([100], [row(100, size(3), 2, 4, (0.1, 0.9))]))[0]
    assert line == "parity, adam: hidden units needed at 100 steps 3"


def test_a_cell_not_found_is_not_called_diverged():
    rows = [row(100, size(None, successes=0)),
            row(100, size(0), 2, 4, (0.1, 0.9), family="majority")]
    assert not any("diverged" in line for line in recipe_lines(recipes([100], rows)))


def test_the_success_line_counts_search_and_fresh_trials_apart():
    rows = [row(100, size(3, successes=3, trials=4), 1, 8, (0.0, 0.5))]
    assert recipe_lines(recipes([100], rows, confirm=8))[-1] == (
        "best-of-lr success rate at the needed sizes 3/4 = 0.75; the same configurations on "
        "fresh trials 1/8 = 0.12")


def test_recipe_cells_read_successes_over_trials():
    found = recipes([100], [row(100, size(3, successes=3, trials=4, lr=0.01), 5, 8,
                                (0.3, 0.9))], confirm=8)
    assert "│ parity │ adam │ 3 (3/4; fresh 5/8) │" in printed(print_recipes, found)
    assert "| parity | adam | 3 (3/4, lr 0.01; fresh 5/8) |" in recipes_markdown(found)
    unfound = recipes([100], [row(100, size(None, successes=0))])
    assert "│ parity │ adam │ – │" in printed(print_recipes, unfound)
    assert "| parity | adam | not found |" in recipes_markdown(unfound)
    md = recipes_markdown(recipes([100], [row(100, size(3), 2, 4, (0.1, 0.9))]))
    assert "|\n\n- parity, adam" in md  # a blank line between the table and the bullets


def test_recipes_png_draws_found_diverged_and_unfound_cells(monkeypatch):
    """Found at its size, diverged as no point, not found on the top row (4 = largest + 1)."""
    rows = [row(100, size(3), 2, 4, (0.1, 0.9)),
            row(300, size(None, successes=0, diverged=True)),
            row(900, size(None, successes=0))]
    fig = drawn(recipes_report, recipes_report.plot_recipes, recipes([100, 300, 900], rows),
                monkeypatch)
    ys = list(fig.axes[0].get_lines()[0].get_ydata())
    assert ys[0] == 3 and math.isnan(ys[1]) and ys[2] == 4


def test_seventy_two_recipe_series_still_get_a_legend(monkeypatch):
    families = [f"f{i}" for i in range(72)]
    rows = [row(100, size(1), 2, 4, (0.1, 0.9), family=f) for f in families]
    fig = drawn(recipes_report, recipes_report.plot_recipes, recipes([100], rows), monkeypatch)
    assert fig.axes[0].get_legend() is not None


@pytest.mark.parametrize("write, result, figure", [
    (write_recipes, recipes([100], []), "recipes.png"),
    (write_topology, TopologyResult(CONFIG, (1,), [], 0.0), "topology.png"),
])
def test_a_study_without_rows_writes_no_figure(tmp_path, write, result, figure):
    out = write(result, tmp_path / "study")
    assert figure not in {p.name for p in out.iterdir()}


# ------------------------------------------------------------------------------- topology
def trow(family, topology, depth, width, successes=2):
    hidden = None if width is None else width * depth
    return TopologyRow(family, topology, depth,
                       size(hidden, successes=successes, depth=depth, width=width), 3)


def topology(depths, rows):
    return TopologyResult(CONFIG, tuple(depths), rows, 0.0)


def test_topology_cells_follow_the_headers_order_and_show_widths():
    """Depth 1 then 2, stacked then dense within each; a cell shows its width (4, 1, 2, 1:
    not the hidden units 4, 1, 4, 2) and successes/trials."""
    rows = [trow("parity", "stacked", 1, 4), trow("parity", "dense", 1, 1),
            trow("parity", "stacked", 2, 2, successes=3), trow("parity", "dense", 2, 1)]
    result = topology([1, 2], rows)
    p = [r.parameters for r in rows]
    cells = " │ ".join(f"{q} ({w})" for q, w in zip(p, (4, 1, 2, 1), strict=True))
    assert f"│ parity │ {cells} │" in printed(print_topology, result)
    md = topology_markdown(result)
    assert "| family | stacked L=1 | dense L=1 | stacked L=2 | dense L=2 |" in md
    assert f"| parity | {p[0]} (4; 2/4) | {p[1]} (1; 2/4) | {p[2]} (2; 3/4) | {p[3]} (1; 2/4) |" \
        in md


def test_topology_lines_count_ties_and_one_sided_pairs():
    tie = topology([1], [trow("majority", "stacked", 1, 0), trow("majority", "dense", 1, 0)])
    assert ("dense needs fewer parameters than stacked in 0 of 1 (family, depth) pairs, as "
            "many in 1") in topology_lines(tie)
    one_sided = topology([1], [trow("parity", "stacked", 1, None, successes=0),
                               trow("parity", "dense", 1, 2)])
    assert ("only dense trained within the width ceiling in 1 (family, depth) pair(s) "
            "(stacked: not found, so not in the count above)") in topology_lines(one_sided)
    nothing = topology([1], [trow("parity", "stacked", 1, None, successes=0),
                             trow("parity", "dense", 1, None, successes=0)])
    assert topology_lines(nothing)[0].endswith("; nothing trained")


def test_topology_png_draws_every_series_apart(monkeypatch):
    """Twelve families x two topologies: no two lines share colour, style and marker (C{i}
    repeated after ten colours)."""
    families = [f"npn:{i:08b}" for i in range(12)]
    rows = [trow(f, t, 1, 1) for f in families for t in ("stacked", "dense")]
    fig = drawn(topology_report, topology_report.plot_topology, topology([1], rows),
                monkeypatch)
    keys = [(to_rgba(line.get_color()), line.get_linestyle(), line.get_marker())
            for line in fig.axes[0].get_lines()]
    assert len(keys) == 24 == len(set(keys))
