"""Edges of `memcap construct`, `memcap verify` (``constructions/cli.py``) and the exports
(``constructions/export.py``) that a mutation audit (CL, 2026-12-07) found no test pinned, and
the edited ``memcap`` graph attribute that ``from_networkx`` let escape as a bare IndexError or
TypeError. Each test fails on the mutants its docstring names; a failing construction is
simulated by a builder that returns OR's network whatever the table."""

import errno
import json

import matplotlib.axes
import networkx as nx
import pytest
from memcap_cli import memcap_main as run

import capacity.options as options
import constructions.builders as builders
import constructions.export as export
from capacity.errors import UsageError
from constructions.boolean import BooleanFunction
from constructions.export import draw, from_networkx, save_outputs, to_networkx
from constructions.network import Layer, SignNetwork


def _one_line(err: str) -> bool:
    return len(err.strip().splitlines()) == 1 and "Traceback" not in err


def _xor_file(tmp_path, capsys, table="0110"):
    """A network saved by `memcap construct --table TABLE --save`."""
    net = tmp_path / "xor.json"
    code, _, _ = run(capsys, "construct", "--table", table, "--save", net)
    assert code == 0 and net.is_file()
    return net


@pytest.fixture
def or_builder(monkeypatch):
    """Every construction builds OR's network (a builder bug), whatever the table."""
    real = builders.build
    monkeypatch.setattr(builders, "build", lambda f, method, **kw: real(
        BooleanFunction.from_strings("0111"), "linear"))
    monkeypatch.setattr(options, "_CHECK_FAILED", False)


# --- construct: bad input and limits -----------------------------------------------------


def test_a_table_with_more_inputs_or_outputs_than_given_is_refused(capsys):
    """-M below a table's M and -N below its N are refused like the larger ones (C06, C07)."""
    code, out, err = run(capsys, "construct", "--table", "01101001", "-M", 2)
    assert code == 2 and _one_line(err) and "--inputs is 2" in err and out == ""
    code, out, _ = run(capsys, "construct", "--table", "01101001", "-M", 3, "--print-json")
    assert code == 0 and json.loads(out)["inputs"] == 3
    code, out, err = run(capsys, "construct", "--table", "0110,1001", "-N", 1)
    assert code == 2 and _one_line(err) and out == ""
    assert "--outputs is 1 but the truth table has 2 output(s)" in err


def test_output_limits_hold_at_their_values_and_refuse_one_more(capsys):
    """N = 1024 builds without --force and N = 65536 with it; one more is refused (C08, C09)."""
    args = ("construct", "-M", 1, "-f", "parity", "--method", "parity")
    code, out, _ = run(capsys, *args, "-N", 1024, "--print-json")
    assert code == 0 and json.loads(out)["outputs"] == 1024
    code, _, err = run(capsys, *args, "-N", 1025)
    assert code == 2 and _one_line(err) and "pass --force" in err
    code, out, _ = run(capsys, *args, "-N", 65536, "--force", "--print-json")
    assert code == 0 and json.loads(out)["outputs"] == 65536
    code, _, err = run(capsys, *args, "-N", 65537, "--force")
    assert code == 2 and _one_line(err) and "even with --force" in err


def test_m_24_is_checked_on_every_input_without_force(capsys, tmp_path):
    """The exhaustive limit is *above* M = 24: -M 24 is verified on all 2^24 inputs without
    --force (C43), and a sampled -M 24 file is advised to `memcap verify` without --force (C28)."""
    args = ("construct", "-M", 24, "-f", "parity", "--method", "parity")
    code, out, _ = run(capsys, *args, "--print-json")
    v = json.loads(out)["verification"]
    assert code == 0 and v["ok"] and v["exhaustive"] is True and v["checked"] == 2**24
    saved = tmp_path / "p.json"
    code, _, err = run(capsys, *args, "--samples", 100, "--save", saved)
    assert code == 0 and saved.is_file()
    assert f"'memcap verify {saved}' checks every input" in err


def test_a_negative_sample_seed_is_refused_by_its_own_name(capsys):
    """`--sample-seed -1` is one line naming --sample-seed (C17)."""
    code, out, err = run(capsys, "construct", "-M", 8, "-f", "parity", "--samples", 10,
                         "--sample-seed", -1)
    assert code == 2 and _one_line(err) and "--sample-seed" in err and out == ""


def test_deprecated_json_does_not_take_a_short_option_as_its_file(capsys, tmp_path):
    """`construct --json -M`: the -M is an option, not a file; the line names --print-json (C21)."""
    code, out, err = run(capsys, "construct", "--table", "0110", "--json", "-M")
    assert code == 2 and _one_line(err) and "--print-json" in err and out == ""
    assert "must end in .json" not in err


def test_method_names_are_case_insensitive(capsys):
    """`--method PARITY` builds the parity network (C46)."""
    code, out, _ = run(capsys, "construct", "--table", "0110", "--method", "PARITY",
                       "--print-json")
    assert code == 0 and json.loads(out)["verification"]["ok"] is True


def test_max_inputs_in_a_construction_names_its_readers(capsys):
    """--max-inputs with a --table is refused naming the tables that read it (C50)."""
    code, out, err = run(capsys, "construct", "--table", "0110", "--max-inputs", 5)
    assert code == 2 and _one_line(err) and out == ""
    assert "only --size-table and --bracket-table read it" in err


@pytest.mark.parametrize(("flags", "text"), [
    (("--size-table", "--print-json", "--markdown"), "choose one of --print-json and --markdown"),
    (("--size-table", "--bracket-table"), "choose one of --size-table and --bracket-table")],
    ids=["print-json-and-markdown", "both-tables"])
def test_size_table_refuses_two_of_a_kind(capsys, flags, text):
    """Two output formats, or both tables, are refused: one line, nothing printed (C51, C52)."""
    code, out, err = run(capsys, "construct", *flags, "--max-inputs", 3)
    assert code == 2 and _one_line(err) and text in err and out == ""


# --- construct: a network that fails its check ----------------------------------------------


def test_a_failed_construction_records_the_failed_check(capsys, or_builder):
    """A failing construct marks the check failed, so a reader leaving early keeps status 1
    (C25)."""
    code, _, _ = run(capsys, "construct", "--table", "0110", "--method", "linear")
    assert code == 1 and options.check_failed() is True


def test_a_failed_construction_saves_and_draws_nothing(capsys, tmp_path, or_builder):
    """A network that failed verification is neither saved nor drawn; status 1 (C26)."""
    code, _, _ = run(capsys, "construct", "--table", "0110", "--method", "linear",
                     "--save", tmp_path / "n.json", "--draw", tmp_path / "n.png")
    assert code == 1 and list(tmp_path.iterdir()) == []


# --- verify ---------------------------------------------------------------------------------


def test_verify_prints_the_counterexample_point_in_input_order(capsys, tmp_path):
    """Input 2 is x = (-1, +1): x_0 first (C12); its text verdict reads FAILED and the path,
    a passing one OK (C36)."""
    net = _xor_file(tmp_path, capsys)
    code, out, _ = run(capsys, "verify", net, "--table", "0100")  # differs at input 2 only
    assert code == 1 and "counterexample: input 2, x = (-1, +1): expected 0, got 1" in out
    assert out.startswith(f"FAILED: {net} ") and "; 1 wrong" in out
    code, out, _ = run(capsys, "verify", net)
    assert code == 0 and out.startswith(f"OK: {net} ") and "checked on all 2^2 = 4 inputs" in out


def test_verify_counts_wrong_inputs_only_when_some_are_unlisted(capsys, tmp_path):
    """"... N wrong inputs in all" follows a cut list only (C13)."""
    net = _xor_file(tmp_path, capsys)
    code, out, _ = run(capsys, "verify", net, "--table", "0100")
    assert code == 1 and "wrong inputs in all" not in out
    code, out, _ = run(capsys, "verify", net, "--table", "1001", "--max-counterexamples", 1)
    assert code == 1 and "... 4 wrong inputs in all" in out


def test_verify_without_a_stored_table_names_the_fix(capsys, tmp_path):
    """A network file with no truth table and no --table: status 2, one line (C31)."""
    net = tmp_path / "x.json"
    net.write_text(json.dumps({
        "format": "memcap.sign-network/1", "inputs": 2, "outputs": 1, "method": "or",
        "layers": [{"weights": [[1, 1]], "biases": [1], "sources": [0, 1]}]}))
    code, out, err = run(capsys, "verify", net)
    assert code == 2 and _one_line(err) and out == ""
    assert "stores no truth table; give --table, --table-file or --function" in err


def test_verify_reads_every_stored_output_and_reports_m_and_n(capsys, tmp_path):
    """verify uses each stored output string (C32) and --json gives the network's M and N
    (C35)."""
    net = _xor_file(tmp_path, capsys, "01101001,00010111")
    code, out, _ = run(capsys, "verify", net, "--json")
    r = json.loads(out)
    assert code == 0 and r["ok"] is True and r["network"] == str(net)
    assert r["inputs"] == 3 and r["outputs"] == 2


def test_verify_function_takes_n_from_the_network(capsys, tmp_path):
    """`verify NET -f parity` of a 2-output network checks two parity outputs (C33)."""
    net = tmp_path / "p.json"
    code, _, _ = run(capsys, "construct", "-M", 3, "-f", "parity", "-N", 2, "--save", net)
    assert code == 0
    code, out, _ = run(capsys, "verify", net, "-f", "parity")
    assert code == 0 and out.startswith("OK")


# --- exports --------------------------------------------------------------------------------


def _two_layer() -> SignNetwork:
    """A 2-2-1 network: AND and OR of two inputs, then an output unit reading both."""
    return SignNetwork(2, (Layer.from_lists([[1, 1], [1, 1]], [-1, 1], [0, 1]),
                           Layer.from_lists([[2, 1]], [0], [2, 3])), truth_table=("0001",))


def test_from_networkx_needs_every_input_node():
    """A graph lacking input node 1 is refused, not read as a 1-input net (E12)."""
    g = nx.DiGraph(inputs=2)
    g.add_node(0, layer=0, kind="input")
    g.add_node(5, layer=1, bias=1, kind="output")
    g.add_edge(0, 5, weight=1)
    with pytest.raises(UsageError, match="graph inputs must be nodes 0..M-1"):
        from_networkx(g)


def test_from_networkx_orders_units_by_node_number():
    """The same graph with nodes added in reverse order reads back the same network (E15)."""
    net = _two_layer()
    g = to_networkx(net)
    h = nx.DiGraph(**g.graph)
    for n in sorted(g.nodes, reverse=True):
        h.add_node(n, **g.nodes[n])
    h.add_edges_from(g.edges(data=True))
    assert from_networkx(h) == net


def test_draw_colours_and_layers(monkeypatch, tmp_path):
    """Edges are blue for positive and red for negative weights (E21); layer k's nodes sit at
    x = k (E28)."""
    edges, xs = [], []
    axes = matplotlib.axes.Axes
    plot, scatter = axes.plot, axes.scatter
    monkeypatch.setattr(axes, "plot", lambda self, x, y, *a, **k: (
        edges.append((y[0], k.get("color"))), plot(self, x, y, *a, **k))[1])
    monkeypatch.setattr(axes, "scatter", lambda self, x, y, *a, **k: (
        xs.append(x[0]), scatter(self, x, y, *a, **k))[1])
    draw(SignNetwork(2, (Layer.from_lists([[3, -1]], [1], [0, 1]),)), tmp_path / "a.png")
    # input 0 (weight +3) is drawn at y = +0.5, input 1 (weight -1) at y = -0.5
    assert dict(edges) == {0.5: "tab:blue", -0.5: "tab:red"}
    xs.clear()
    draw(_two_layer(), tmp_path / "b.png")
    assert sorted(xs) == [0, 0, 1, 1, 2]


def test_save_outputs_draws_before_writing_the_json(monkeypatch, tmp_path):
    """A drawing that fails (disk full) leaves no network file behind (E29)."""
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export, "save_figure", full)
    net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))
    with pytest.raises(OSError):
        save_outputs(net, draw_out=tmp_path / "n.png", json_out=tmp_path / "n.json")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("sources", [[], 5, [None]], ids=["empty", "an-int", "a-none-row"])
def test_from_networkx_reads_the_edges_when_the_memcap_attribute_was_edited(sources):
    """An edited ``sources`` in the graph's ``memcap`` attribute (nodes and edges unedited) is
    ignored: the network comes back from the edges, without its truth table, instead of a bare
    IndexError or TypeError (bug fixed 2026-12-07)."""
    net = _two_layer()
    g = to_networkx(net)
    extras = json.loads(g.graph["memcap"])
    extras["sources"] = sources
    g.graph["memcap"] = json.dumps(extras)
    back = from_networkx(g)
    assert back.truth_table == () and back == SignNetwork(2, net.layers, method=net.method)
    for a, b in zip(net.layers, back.layers, strict=True):
        assert a == b and a.weights.tolist() == b.weights.tolist()
