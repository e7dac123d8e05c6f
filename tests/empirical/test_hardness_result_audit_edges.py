"""Edges of the hardness study's config, saved result and topology report
(``empirical/hardness/result.py`` and ``topology_report.py``) that a mutation audit (HT,
2026-12-07) found no test pinned: the upper bounds of --inputs, --trials, --depth, --max-width and
--steps, the dtype note of the printed command, the refusal of a config that is not a table, the
width ceiling at depth 2, the length of an ``npn:`` family, the any-depth gaps of a deep row, and
how topology.md and topology.png show a cell not trained; plus the bug it found (a saved
``"format"`` that is a JSON list or object ended ``--report`` with status 70). Each test names,
in its docstring, the mutant id(s) it kills. Results are built by hand; nothing trains."""

from __future__ import annotations

import json
import math

import matplotlib
import pytest
from memcap_cli import memcap_main

from capacity.errors import UsageError
from empirical.engine.config import MAX_DEPTH, MAX_TRIALS
from empirical.hardness import topology_report
from empirical.hardness.known import KnownSize
from empirical.hardness.result import (
    HardnessConfig,
    HardnessResult,
    HardnessRow,
    TrainedFunctionSize,
    check_loaded,
    check_study_format,
)
from empirical.hardness.topology import TopologyResult, TopologyRow
from empirical.hardness.topology_report import topology_markdown

#: Parity of three inputs: 3 layered hidden units, 2 any-depth neurons, both exact.
PARITY3 = KnownSize(3, 2, True, True, "exact")
MOST = 2**63 - 1


def trained(depth, width, activation="relu", successes=4, trials=4):
    """A trained size of ``width`` units per layer over ``depth`` layers (None: not found)."""
    if width is None:
        return TrainedFunctionSize(activation, depth, None, None, 0, trials, (0.0, 0.6), None)
    return TrainedFunctionSize(activation, depth, width * depth, width, successes, trials,
                               (0.51, 1.0), 0.01)


def parity3(trained_size, family="parity", depth=1, max_width=256):
    """A one-row M = 3 parity study holding ``trained_size``."""
    cfg = HardnessConfig(inputs=3, families=("parity",), depth=depth, max_width=max_width,
                         sign=False)
    return HardnessResult(cfg, [HardnessRow(family, "parity", 3, None, 1, PARITY3,
                                            trained_size)], 1.0)


def saved(tmp_path, name, data):
    """A --report folder holding ``data`` as ``name``."""
    folder = tmp_path / "saved"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(json.dumps(data))
    return folder


def topology(rows, depths=(1,)):
    cfg = HardnessConfig(inputs=2, families=("parity",), max_width=2)
    return TopologyResult(cfg, tuple(depths), rows, 0.0)


def trow(topology_name, depth, width):
    """One M = 2 parity topology cell (width None: not trained within the ceiling)."""
    if width is None:
        size = TrainedFunctionSize("relu", depth, None, None, 0, 2, (0.0, 0.66), None,
                                   2 * depth, 0)
    else:
        size = TrainedFunctionSize("relu", depth, width * depth, width, 2, 2, (0.34, 1.0), 0.1)
    return TopologyRow("parity", topology_name, depth, size, 2)


def drawn_lines(result, monkeypatch):
    """topology.png's lines by label, caught before the figure is saved."""
    matplotlib.use("Agg")
    caught = {}
    monkeypatch.setattr(topology_report, "save_figure",
                        lambda fig, path, **kwargs: caught.setdefault("fig", fig))
    topology_report.plot_topology(result, "unused.png")
    return {line.get_label(): line for line in caught["fig"].axes[0].get_lines()}


# ------------------------------------------------------------------------------ the config
def test_inputs_twelve_is_the_largest_study():
    """M runs from 1 to 12: 12 is accepted, 13 refused "between 1 and 12". Kills R04."""
    assert HardnessConfig(inputs=12, families=("parity",)).inputs == 12
    with pytest.raises(UsageError, match="--inputs must be between 1 and 12.*got 13"):
        HardnessConfig(inputs=13, families=("parity",))


@pytest.mark.parametrize("name, most", [("trials", MAX_TRIALS), ("depth", MAX_DEPTH),
                                        ("max_width", MOST), ("steps", MOST)])
def test_each_count_accepts_its_maximum_and_refuses_one_more(name, most):
    """--trials, --depth, --max-width and --steps take their documented maximum and refuse the
    next integer with "must be at most {most}". Kills R05."""
    assert getattr(HardnessConfig(inputs=2, families=("parity",), **{name: most}), name) == most
    flag = "--" + name.replace("_", "-")
    with pytest.raises(UsageError, match=f"{flag} must be at most {most}, got {most + 1}"):
        HardnessConfig(inputs=2, families=("parity",), **{name: most + 1})


def test_the_command_says_a_dtype_it_has_no_option_for():
    """A float64 study's printed command ends with "(dtype float64: from Python only)" (there is
    no --dtype: the bare command would run a float32 study). Kills R07."""
    cfg = HardnessConfig(inputs=2, families=("parity",), dtype="float64")
    assert cfg.command() == ("memcap hardness --inputs 2 --families parity "
                             "(dtype float64: from Python only)")
    assert "dtype" not in HardnessConfig(inputs=2, families=("parity",)).command()


@pytest.mark.parametrize("value", [[], "", None, 5])
def test_a_config_that_is_not_a_table_is_refused(value):
    """HardnessConfig.from_dict refuses a list, string, null or number with "must be a table of
    fields" (not an AttributeError from ``d.items()``). Kills R09."""
    with pytest.raises(UsageError, match="a hardness config must be a table of fields"):
        HardnessConfig.from_dict(value)


@pytest.mark.parametrize("config", [[], ""])
def test_report_refuses_a_saved_config_that_is_not_a_table(capsys, tmp_path, config):
    """``memcap hardness --report`` on a hardness.json whose config is a list or string: exit 2,
    one line naming the config (status 70, an uncaught AttributeError, without the check). Kills
    R09."""
    data = parity3(trained(1, 5)).to_dict()
    folder = saved(tmp_path, "hardness.json", data)
    assert memcap_main(capsys, "hardness", "--report", folder, "--json")[0] == 0
    data["config"] = config
    folder = saved(tmp_path, "hardness.json", data)
    code, _, err = memcap_main(capsys, "hardness", "--report", folder)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "must be a table of fields" in err and "internal error" not in err


# ------------------------------------------------------------------------- a saved result
def test_a_deep_width_above_the_ceiling_is_refused():
    """The ceiling bounds the width per layer at every depth: a depth-2 study with max_width 4
    reads width 4 and refuses width 6 (12 hidden units), though 6 is below max_width x depth.
    Kills R10."""
    check_loaded(parity3(trained(2, 4), depth=2, max_width=4))
    with pytest.raises(UsageError, match="above the study's ceiling max_width 4"):
        check_loaded(parity3(trained(2, 6), depth=2, max_width=4))


def test_an_npn_family_must_hold_two_to_the_m_bits():
    """A row family ``npn:<table>`` holds 2^M bits: "npn:01101001" is read in an M = 3 study,
    "npn:0110" (M = 2's length) refused naming the family. Kills R14."""
    check_loaded(parity3(trained(1, 5), family="npn:01101001"))
    with pytest.raises(UsageError, match="family is 'npn:0110'"):
        check_loaded(parity3(trained(1, 5), family="npn:0110"))


def test_a_deep_rows_gaps_are_against_the_any_depth_minimum():
    """At depth >= 2 both gaps (ReLU parameters, sign neurons) are taken against the any-depth
    minimum (docs/hardness.md): 2 + 2 hidden on M = 3 is 17 parameters over 2*3 + 3 = 9 (not the
    layered 16), and 4 sign neurons over 2 (2.5 with the output, like the ReLU's), not over the
    layered 3 + 1. Kills R30, R31."""
    row = HardnessRow("parity", "parity", 3, None, 1, PARITY3, trained(2, 2),
                      trained(2, 2, "sign"))
    assert row.known_parameters == 9
    assert row.gap_parameters == 17 / 9 == row.to_dict()["gap_parameters"]
    assert row.gap_neurons == 2.5
    assert row.sign_gap_neurons == 2.5 == row.to_dict()["sign_gap_neurons"]


# ----------------------------------------------------------------------- the format bug
@pytest.mark.parametrize("name", ["hardness.json", "topology.json", "recipes.json"])
@pytest.mark.parametrize("tag", [["memcap.hardness/2"], {"a": 1}])
def test_a_format_that_is_a_list_or_object_is_refused_in_one_line(capsys, tmp_path, name, tag):
    """A saved study whose "format" is a JSON list or object is no study: ``--report`` exits 2
    with one line naming the format, and check_study_format raises UsageError (it raised
    "TypeError: unhashable type", status 70, before the 2026-12-07 fix)."""
    with pytest.raises(UsageError, match="not a memcap.hardness/2 result"):
        check_study_format({"format": tag}, "hardness")
    folder = saved(tmp_path, name, {"format": tag, "config": {"inputs": 2}, "rows": [],
                                    "wall_s": 0})
    code, _, err = memcap_main(capsys, "hardness", "--report", folder)
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert f"{name}: not a memcap.hardness" in err and f"(format {tag!r})" in err
    assert "internal error" not in err


# -------------------------------------------------------------------- the topology report
def test_topology_png_draws_stacked_solid_and_dense_dashed(monkeypatch):
    """topology.png draws the stacked line solid and the dense line dashed (plot_topology's
    docstring). Kills T09."""
    lines = drawn_lines(topology([trow("stacked", 1, 2), trow("dense", 1, 1)]), monkeypatch)
    assert lines["parity, stacked"].get_linestyle() == "-"
    assert lines["parity, dense"].get_linestyle() == "--"


def test_topology_markdown_writes_not_found_for_an_untrained_cell():
    """topology.md writes a cell not trained within the ceiling as "not found" (the terminal
    table's "–" is not the markdown's word). Kills T12."""
    md = topology_markdown(topology([trow("stacked", 1, None), trow("dense", 1, 1)]))
    body = [c.strip() for c in md.splitlines()[2].strip("|").split("|")]
    assert body == ["parity", "not found", "11 (1; 2/2)"]


def test_topology_png_leaves_a_gap_for_an_untrained_cell(monkeypatch):
    """A cell not trained is a gap in its line (NaN), not a point at 0 parameters. Kills T16."""
    rows = [trow("stacked", 1, 2), trow("dense", 1, 1), trow("stacked", 2, 1),
            trow("dense", 2, None)]
    lines = drawn_lines(topology(rows, depths=(1, 2)), monkeypatch)
    dense = list(lines["parity, dense"].get_ydata())
    assert dense[0] == 11 and math.isnan(dense[1])
    assert not any(math.isnan(y) for y in lines["parity, stacked"].get_ydata())
