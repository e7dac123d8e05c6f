"""`memcap minimal` and `memcap construct --method exact`: output, files, and bad input
(one stderr line, exit status 2, no traceback, nothing written)."""

import json

import pytest
from memcap_cli import memcap_main as run

KEYS = ["inputs", "arch", "worst_case_neurons", "worst_case_hidden", "functions_by_neurons",
        "npn_classes_by_neurons", "hardest"]


@pytest.mark.parametrize("m, arch, worst", [(2, "any-depth", 2), (3, "layered", 4),
                                            (4, "any-depth", 3), (4, "layered", 5)])
def test_minimal_json_has_exactly_the_issue_keys(m, arch, worst, capsys, tmp_path,
                                                 monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "minimal", "--inputs", m, "--arch", arch, "--json")
    d = json.loads(out)
    assert code == 0 and list(d) == KEYS and d["worst_case_neurons"] == worst
    assert sum(d["functions_by_neurons"].values()) == 2 ** (2**m)
    assert len(d["hardest"]) == 2**m and set(d["hardest"]) <= {"0", "1"}
    assert list(tmp_path.iterdir()) == []  # --json writes no figure


def test_minimal_table_and_figure(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "minimal", "-M", 3, "--arch", "layered")
    assert code == 0 and "worst case: 4 neurons (3 hidden + 1 output)" in out
    # without --from-scratch the printed check read its proof back from the shipped table it was
    # to check (2026-12-06 review)
    assert ("--strict-layers --from-scratch --print-json (its witness and proof again, not read "
            "from the shipped tables); --recompute redoes every class") in out
    assert list(tmp_path.iterdir()) == []  # a figure only where --plot asks for one
    code, out, _ = run(capsys, "minimal", "-M", 1)
    assert "worst case: 1 neuron (0 hidden + 1 output)" in out  # "1 neurons" before
    png = tmp_path / "m.png"
    code, out, err = run(capsys, "minimal", "-M", 3, "--arch", "layered", "--plot", png)
    assert code == 0 and png.read_bytes()[:4] == b"\x89PNG" and f"wrote {png}" in err
    assert str(png) not in out  # stdout is the result, as with bounds --plot
    # the figure options take one list of suffixes: minimal refused what bounds wrote (review)
    bare = tmp_path / "chart"
    code, out, err = run(capsys, "minimal", "-M", 2, "--plot", bare, "--json")
    assert code == 0 and bare.read_bytes()[:4] == b"\x89PNG" and f"wrote {bare}" in err
    assert json.loads(out)
    svg = tmp_path / "m.svg"
    code, out, _ = run(capsys, "minimal", "-M", 3, "--recompute", "--plot", svg)
    assert code == 0 and "identical to the shipped table" in out and svg.exists()
    code, out, _ = run(capsys, "minimal", "-M", 2, "--recompute", "--json")
    assert code == 0 and json.loads(out)["identical_to_shipped"] is True

    def differs(self, other):  # a recomputation that disagrees: the verdict and exit status 1
        return False

    with pytest.MonkeyPatch.context() as mp:
        from constructions.exact.tables import MinimalTable

        mp.setattr(MinimalTable, "same_minima", differs)
        code, out, _ = run(capsys, "minimal", "-M", 2, "--recompute", "--json")
        assert code == 1 and json.loads(out)["identical_to_shipped"] is False
    code, _, _ = run(capsys, "minimal", "-M", 3, "--no-figure")  # old scripts still run
    assert code == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["chart", "m.png", "m.svg"]
    old = tmp_path / "old.png"  # --figure, the old name of --plot, works for one release
    code, _, err = run(capsys, "minimal", "-M", 2, "--figure", old)
    assert code == 0 and old.exists() and "--figure is deprecated; use --plot" in err


@pytest.mark.parametrize("args, needle", [
    (["minimal", "-M", 5], "between 1 and 4"),
    (["minimal", "-M", 2, "--arch", "deep"], "unknown architecture"),
    (["minimal", "-M", 2, "--plot", "no/such/dir/x.png"], "does not exist; create it first"),
    (["minimal", "-M", 2, "--plot", "x.txt"], "must end in .png, .pdf, .svg, .svgz"),
    (["construct", "--table", "0110", "--arch", "layered"], "--method exact only"),
    (["construct", "--table", "0110", "--method", "exact", "--arch", "deep"],
     "unknown architecture"),
    (["construct", "--table", "0110", "--method", "exact", "--time-limit", 0], "positive"),
    (["construct", "-M", 9, "-f", "random", "--method", "exact"], "too large"),
    # exact's own limit, not the verifier's "pass --force, or --samples S" (both refused here)
    (["construct", "-M", 25, "-f", "random", "--method", "exact"], "(at most 8); use --method"),
    (["construct", "--table", "0110", "--method", "exact", "--arch", "any-depth",
      "--strict-layers"], "--strict-layers forbids them"),
    # every spelling check_arch accepts is refused with --strict-layers, not built any-depth
    (["construct", "--table", "0110", "--method", "exact", "--arch", "Any_Depth",
      "--strict-layers"], "--strict-layers forbids them"),
    # more outputs than the drawing limit: refused before the search, not after it
    (["construct", "-M", 1, "-N", 201, "-f", "constant", "--method", "exact", "--force",
      "--draw", "x.png"], "--draw: the network has at least 201 units"),
])
def test_bad_input_is_one_line_exit_2(args, needle, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *args)
    assert code == 2 and needle in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and list(tmp_path.iterdir()) == []


def test_construct_exact_takes_the_force_its_output_limit_asks_for(capsys):
    code, _, err = run(capsys, "construct", "-M", 1, "-N", 1025, "-f", "constant",
                       "--method", "exact")
    assert code == 2 and "pass --force" in err
    code, out, _ = run(capsys, "construct", "-M", 1, "-N", 1025, "-f", "constant",
                       "--method", "exact", "--force", "--print-json")
    assert code == 0 and json.loads(out)["verification"]["ok"]


def test_construct_exact_saves_a_network_that_verifies(capsys, tmp_path):
    net = tmp_path / "xor.json"
    code, out, _ = run(capsys, "construct", "--table", "0110", "--method", "exact", "--arch",
                       "layered", "--save", net, "--print-json")
    s = json.loads(out)
    c = s["certificate"]
    assert code == 0 and c["exact"] and c["neurons"] == 3 and c["hidden"] == 2
    assert [p["neurons"] for p in c["impossible"]] == [1, 2]
    assert s["verification"]["ok"] and s["sizes"]["neurons"] == 3
    code, _, _ = run(capsys, "verify", net)
    assert code == 0
    code, out, _ = run(capsys, "construct", "-M", 3, "-f", "parity", "--method", "exact")
    assert code == 0 and "EXACT minimum: 2 neurons (1 hidden)" in out


def test_construct_exact_two_outputs_share_hidden_units(capsys):
    code, out, _ = run(capsys, "construct", "--table", "01101001,00010111", "--method", "exact",
                       "--print-json")
    s = json.loads(out)
    assert code == 0 and s["certificate"]["exact"] and s["outputs"] == 2
    assert s["sizes"]["neurons"] == 3  # majority is the carry; parity reads it: 1 hidden + 2


def test_an_exact_minimum_of_several_outputs_names_its_model(capsys):
    """With N >= 2 outputs the minimum is over networks in which no unit reads an output
    (memcap's format puts the outputs last): (AND, XOR) needs 3 such neurons, while XOR reading
    AND would need 2. The verdict and the certificate say so; one output needs no such words."""
    code, out, err = run(capsys, "construct", "--method", "exact", "--table", "0001,0110",
                         "--print-json")
    assert code == 0, err
    c = json.loads(out)["certificate"]
    assert c["exact"] and c["neurons"] == 3 and "no unit reads an output" in c["model"]
    code, out, _ = run(capsys, "construct", "--method", "exact", "--table", "0001,0110")
    words = " ".join(w for w in out.split() if w != "│")  # the table wraps the verdict
    assert code == 0 and "among networks in which no unit reads an output" in words
    code, out, _ = run(capsys, "construct", "--method", "exact", "--table", "0110",
                       "--print-json")
    assert json.loads(out)["certificate"]["model"] == "every network of the architecture"


def test_a_network_found_too_large_to_draw_is_saved_not_thrown_away(capsys, tmp_path,
                                                                   monkeypatch):
    """Known only after the search: the refusal threw away a search of up to --time-limit and
    the --save file with it (2026-12-05 review). Now the result stands and the figure is not
    drawn, with a warning."""
    import constructions.exact.construct as construct

    monkeypatch.setattr(construct, "MAX_DRAW_UNITS", 2)  # XOR needs 3 units in one layer
    net, fig = tmp_path / "xor.json", tmp_path / "xor.png"
    code, out, err = run(capsys, "construct", "--table", "0110", "--method", "exact",
                         "--arch", "layered", "--save", net, "--draw", fig)
    assert code == 0 and net.is_file() and not fig.exists()
    assert "--draw: the network found has 3 units, above the drawing limit 2, so it is not " \
           f"drawn; the network is saved in {net}" in err


def test_a_table_against_inputs_names_the_mismatch_not_the_exact_limit(capsys):
    """--method exact -M 9 --table 0110 said M = 9 is too large for the exact search; the advice
    (--method auto) then failed on the real problem, the table's length (2026-12-05 review)."""
    code, out, err = run(capsys, "construct", "--method", "exact", "-M", "9",
                         "--table", "0110")
    assert code == 2 and "4 characters" in err and "too large" not in err
