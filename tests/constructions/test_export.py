"""Exports: exact JSON round trip, networkx graph, drawing (the torch module: tests/empirical)."""

import json
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capacity.errors import UsageError
from constructions.boolean import all_inputs
from constructions.builders import build
from constructions.evaluate import evaluate_batch
from constructions.export import MAX_DRAW_UNITS, draw, from_networkx, to_networkx
from constructions.families import make_function
from constructions.network import Layer, SignNetwork
from constructions.testing import sign_networks


@settings(deadline=None)
@given(sign_networks(max_weight=2**70), st.data())
def test_json_round_trip_is_exact(net, data):
    size = 1 << net.inputs  # a stored table: one 0/1 string of 2^M characters per output
    tables = data.draw(st.one_of(st.just(()), st.tuples(*[
        st.text("01", min_size=size, max_size=size) for _ in range(net.outputs)])))
    net = SignNetwork(net.inputs, net.layers, method="m", truth_table=tuple(tables))
    back = SignNetwork.from_json(net.to_json())
    assert back == net and back.to_dict() == json.loads(net.to_json())
    for a, b in zip(net.layers, back.layers, strict=True):
        assert [int(v) for v in a.weights.flat] == [int(v) for v in b.weights.flat]


@settings(deadline=None)
@given(sign_networks())
def test_networkx_graph_attributes_and_round_trip(net):
    g = to_networkx(net)
    assert g.number_of_nodes() == net.values
    assert g.number_of_edges() == net.sizes().edges  # zero weights omitted
    for j in range(net.inputs):
        assert g.nodes[j] == {"layer": 0, "kind": "input"}
    for li, (layer, start) in enumerate(zip(net.layers, net.layer_offsets(), strict=True)):
        for u in range(layer.units):
            node = g.nodes[start + u]
            assert node["layer"] == li + 1 and node["bias"] == int(layer.biases[u])
            assert node["kind"] == ("output" if li == len(net.layers) - 1 else "hidden")
            for c, s in enumerate(layer.sources):
                w = int(layer.weights[u, c])
                assert (g.edges[s, start + u]["weight"] == w) if w else not g.has_edge(s, start + u)
    back = from_networkx(g)
    x = all_inputs(net.inputs)
    assert np.array_equal(evaluate_batch(back, x)[0], evaluate_batch(net, x)[0])
    assert sorted(to_networkx(back).edges(data="weight")) == sorted(g.edges(data="weight"))
    # the inverse it claims to be: sources with zero weights only (they count in the
    # parameters) and the truth table came back lost (2026-12-05 API review)
    assert back == net and back.sizes() == net.sizes()
    table = tuple(format(i % 2, "b") * (1 << net.inputs) for i in range(net.outputs))
    stored = SignNetwork(net.inputs, net.layers, method=net.method, truth_table=table)
    assert from_networkx(to_networkx(stored)).truth_table == table
    del g.graph["memcap"]  # a graph made elsewhere: the sorted sources of its edges
    for layer, read in zip(net.layers, from_networkx(g).layers, strict=True):
        used = sorted(s for c, s in enumerate(layer.sources) if layer.weights[:, c].any())
        assert list(read.sources) == used  # none at all when every weight is 0 (was [0])


def test_draw_writes_a_png_and_refuses_large_networks(tmp_path):
    net = build(make_function("parity", 3), "parity")
    path = tmp_path / "net.png"
    draw(net, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["net.png"]  # no temporary left behind
    big = SignNetwork(1, (Layer(np.ones((MAX_DRAW_UNITS + 1, 1), dtype=np.int64),
                                np.zeros(MAX_DRAW_UNITS + 1, dtype=np.int64), (0,)),))
    with pytest.raises(ValueError, match="drawing is limited to 200"):
        draw(big, tmp_path / "big.png")
    assert not (tmp_path / "big.png").exists()


@pytest.mark.parametrize("edit, words", [
    (lambda d: d["layers"][0].update(bias=[5]), "layer 0 has unknown field(s) 'bias'"),
    (lambda d: d.update(truth_table=["01", "abc"]), "truth_table must hold 1 string(s)"),
    (lambda d: d.update(truth_table=["0110"]), "truth_table must hold 1 string(s) of 8"),
    (lambda d: d.update(truth_table=["0111", "0111"]), "truth_table must hold 1"),
    # the message spelled out 2^M: status 70 past 4 300 digits (2026-12-03 audit); then it
    # blamed the table for an edited "inputs" (2026-12-06 review): it names the inputs now
    (lambda d: d.update(inputs=10**6), "at most M = 28 inputs (memcap's tables), got inputs = "
                                       "1000000"),
    (lambda d: d.update(inputs=29), "got inputs = 29"),
    # a string or an object was read entry by entry: "layer 0 has unknown field(s) 'e', 'g'"
    (lambda d: d.update(layers="weights"), "'layers' must be a list of objects"),
    (lambda d: d.update(layers={"weights": [[1]]}), "'layers' must be a list of objects"),
    (lambda d: d.update(layers=[[1, 2]]), "'layers' must be a list of objects"),
    (lambda d: d.pop("layers"), "no 'layers' field"),
    (lambda d: d["layers"][0].pop("biases"), "layer 0 has no biases"),
])
def test_network_json_fields_are_checked(edit, words):
    """A typo inside a layer was dropped silently; table entries were never checked (a file
    path there was even read by `memcap verify`) (2026-12-02 review)."""
    net = SignNetwork(3, (Layer.from_lists([[1, 1, 1]], [1], [0, 1, 2]),),
                      truth_table=("01111111",))
    d = json.loads(net.to_json())
    edit(d)
    with pytest.raises(UsageError, match=re.escape(words)):
        SignNetwork.from_dict(d)


def test_a_bug_inside_the_network_classes_is_not_called_malformed_json(monkeypatch):
    """from_dict turned any KeyError or TypeError raised while it built the layers into
    "malformed network JSON" (status 2): a bug in Layer would have read as the user's bad file
    (2026-12-06 construct review). The fields are checked by name now, and the bug surfaces."""
    import constructions.network as network

    net = SignNetwork(1, (Layer.from_lists([[1]], [1], [0]),))

    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(network.Layer, "from_lists", broken)
    with pytest.raises(KeyError, match="a bug"):
        SignNetwork.from_dict(net.to_dict())


def test_every_network_written_reads_back():
    """The writer accepted a method the reader refuses (a newline, over 1000 characters)."""
    layer = Layer.from_lists([[1]], [1], [0])
    for method in ("a\nb", "x" * 1001):
        with pytest.raises(UsageError, match="method must be printable text"):
            SignNetwork(1, (layer,), method=method)


def test_evaluation_is_exact_for_float_points_and_refuses_non_pm1():
    """Float ±1 points times a weight above 2^53 rounded: a wrong output at input 3; 0/1 bits
    were accepted silently; an index outside 0..2^M-1 wrapped around (2026-12-02 review)."""
    big = 2**70
    net = SignNetwork(2, (Layer.from_lists([[big, -big + 3]], [-2], [0, 1]),))
    x = all_inputs(2)
    exact = net.evaluate(x)
    assert exact.ravel().tolist() == [-1, 1, -1, 1]  # at x = (1, 1): 3 - 2 = 1 > 0
    assert np.array_equal(net.evaluate(x.astype(float)), exact)
    assert net.evaluate(x.astype(float), True)[1].tolist() == [5, 2**71 - 5, 2**71 - 1, 1]
    with pytest.raises(UsageError, match="±1"):
        net.evaluate((x + 1) // 2)
    for i in (-1, 4):
        with pytest.raises(UsageError, match="0..3"):
            net.evaluate_index(i)


@settings(deadline=None)
@given(sign_networks(), st.randoms(use_true_random=False))
def test_networkx_graph_with_any_node_numbers_computes_the_same_map(net, rnd):
    """Nodes kept their numbers as sources, so a graph whose numbers do not follow the layers
    was rewired without a word (2026-12-04 review): give each layer a block of numbers in a
    random order of blocks (a unit's place in its layer, which orders the outputs, kept) and
    the map read back is the network's."""
    import networkx as nx

    g = to_networkx(net)
    blocks = list(range(len(net.layers)))
    rnd.shuffle(blocks)
    width = max(layer.units for layer in net.layers)
    mapping = {start + u: 1000 + blocks[li] * width + u
               for li, (layer, start) in enumerate(zip(net.layers, net.layer_offsets(),
                                                       strict=True))
               for u in range(layer.units)}
    back = from_networkx(nx.relabel_nodes(g, mapping))
    x = all_inputs(net.inputs)
    (got, got_zero), (want, want_zero) = evaluate_batch(back, x), evaluate_batch(net, x)
    assert np.array_equal(got, want) and np.array_equal(got_zero, want_zero)


def test_networkx_weights_must_be_integers():
    """from_networkx cut 1.7 to 1 and −0.5 to 0 with int(), dropping an edge and making an even
    unit; now a float is refused like everywhere else (exact arithmetic audit, 2026-12-02)."""
    import networkx as nx

    def graph(weight, bias):
        g = nx.DiGraph(inputs=2, method="x")
        g.add_node(0, layer=0, kind="input")
        g.add_node(1, layer=0, kind="input")
        g.add_node(2, layer=1, bias=bias, kind="output")
        g.add_edge(0, 2, weight=weight)
        g.add_edge(1, 2, weight=1)
        return g

    for weight, bias in ((1.7, 1), (1, 0.9), (True, 1)):
        with pytest.raises(UsageError, match="must be integers"):
            from_networkx(graph(weight, bias))
    assert from_networkx(graph(1, -1)).layers[0].weights.tolist() == [[1, 1]]


def test_from_networkx_refuses_what_it_dropped_or_crashed_on():
    """An edge into an input was dropped without a word and a unit without a bias raised a bare
    KeyError (2026-12-04 review); both are refused with one line now."""
    net = SignNetwork(2, (Layer.from_lists([[1, -1]], [1], [0, 1]),))
    for source, target in ((2, 0), (2, 1), (0, 1)):  # into every input, also from an input
        into_input = to_networkx(net)  # (only node 0 was tried: 2026-12-06 mutation audit)
        into_input.add_edge(source, target, weight=5)
        with pytest.raises(UsageError, match="points into an input"):
            from_networkx(into_input)
    no_bias = to_networkx(net)
    del no_bias.nodes[2]["bias"]
    with pytest.raises(UsageError, match="no 'bias'"):
        from_networkx(no_bias)
    no_weight = to_networkx(net)
    del no_weight.edges[0, 2]["weight"]
    with pytest.raises(UsageError, match="no 'weight'"):
        from_networkx(no_weight)


XOR_NET = SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),
                          Layer.from_lists([[1, 1, -2]], [-1], [0, 1, 2])), truth_table=("0110",))


def _set_node(node, key, value):
    def edit(g):
        g.nodes[node][key] = value
    return edit


def _set_graph(key, value):
    def edit(g):
        g.graph[key] = value
    return edit


def _rename(old, new):
    def edit(g):
        import networkx as nx

        return nx.relabel_nodes(g, {old: new})
    return edit


@pytest.mark.parametrize("edit, words", [
    # the output unit in layer -1 was dropped without a word: XOR read back as one AND unit
    (_set_node(3, "layer", -1), "graph node 3 has layer -1; layers are 0"),
    (_set_node(2, "layer", -1), "graph node 2 has layer -1"),  # a bare KeyError
    (_set_node(2, "layer", 1.9), "graph node 2 has layer 1.9"),  # read as layer 1
    (_set_node(2, "layer", None), "graph node 2 has layer None"),  # a bare TypeError
    (_set_node(2, "layer", True), "graph node 2 has layer True"),
    (_set_graph("inputs", "2"), "'inputs' must be an integer from 1 to 16777216, got '2'"),
    (_set_graph("inputs", 2.0), "'inputs' must be an integer from 1 to 16777216, got 2.0"),
    (_set_graph("inputs", 0), "'inputs' must be an integer from 1 to 16777216, got 0"),
    # range(inputs) was built (10^9 items), and a 5 000-digit value broke the message
    (_set_graph("inputs", 10**9), "from 1 to 16777216, got 1000000000"),
    (_set_graph("inputs", -10**5000), "got an integer of 16610 bits"),
    (_set_node(2, "layer", -10**5000), "graph node 2 has layer an integer of 16610 bits"),
    (_rename(3, "out"), "graph nodes must be integers, got 'out'"),  # TypeError in sorted()
])
def test_from_networkx_refuses_graphs_it_misread_or_crashed_on(edit, words):
    """2026-12-05 review: non-integer or negative layers, a non-integer 'inputs' and named
    nodes were bare TypeErrors or KeyErrors, or changed the network without a word."""
    g = to_networkx(XOR_NET)
    g = edit(g) or g
    with pytest.raises(UsageError, match=re.escape(words)):
        from_networkx(g)
    assert from_networkx(to_networkx(XOR_NET)) == XOR_NET  # the unedited graph reads back


def test_a_layer_without_sources_survives_networkx():
    """A constant unit (a layer reading nothing) came back reading input 0 with weight 0, one
    parameter more, so from_networkx(to_networkx(net)) != net (2026-12-05 review)."""
    net = SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),
                          Layer.from_lists([[]], [1], [])))
    back = from_networkx(to_networkx(net))
    assert back == net and back.sizes().parameters == net.sizes().parameters == 4
    assert back.layers[1].sources == ()


def test_draw_labels_a_long_bias_shortly(tmp_path):
    """A bias of more than 4 300 digits raised ValueError in draw (2026-12-05 review)."""
    from constructions.export import bias_label

    big = 10**5000 + 1
    net = SignNetwork(2, (Layer.from_lists([[1, 1]], [-big], [0, 1]),))
    draw(net, tmp_path / "big.png")
    assert (tmp_path / "big.png").read_bytes()[:4] == b"\x89PNG"
    assert bias_label(-big) == "-~1.00e5000" and bias_label(99_999_999) == "+99999999"
    assert bias_label(123_456_789) == "+~1.23e8" and bias_label(0) == "+0"


def test_draw_takes_weights_beyond_float_range_and_all_zero_weights(tmp_path):
    """2.5 * |w| overflowed a float at |w| = 2^1100 (2026-12-04 review); all-zero weights
    divided by a zero largest weight."""
    for w in (2**1100, 0):
        net = SignNetwork(2, (Layer.from_lists([[w, 1]], [1], [0, 1]),))
        draw(net, tmp_path / f"w{w.bit_length()}.png")
        assert (tmp_path / f"w{w.bit_length()}.png").read_bytes()[:4] == b"\x89PNG"


def test_networkx_graphs_write_to_graphml_and_edited_graphs_read_from_their_edges():
    """The stored sources and truth table went in as a list and a tuple, which GraphML and GML
    cannot write, and an edited graph was read with its stale sources (refused, or zero columns
    pointing at the wrong units) and its old truth table (2026-12-05 diff review). They are one
    JSON string with a digest now: a graph read back from GraphML is the network; an edited one
    is read from its edges, without the truth table."""
    import io

    import networkx as nx

    net = build(make_function("random", 4, seed=0), "lookup")
    g = to_networkx(net)
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer)
    back = nx.read_graphml(io.BytesIO(buffer.getvalue()), node_type=int)
    assert from_networkx(back) == net  # GraphML keeps ints small enough for it
    hidden = max(n for n, d in g.nodes(data=True) if d["kind"] == "hidden")
    g.remove_node(hidden)  # one detector fewer: the map changes
    edited = from_networkx(g)
    assert edited.truth_table == () and edited.layers[0].units == net.layers[0].units - 1
    assert all(list(layer.sources) == sorted(layer.sources) for layer in edited.layers)


def test_a_gml_round_trip_keeps_weights_beyond_32_bits():
    """networkx's GML writer stores an integer outside [-2^31, 2^31) as its decimal text, and
    from_networkx refused the string read back: a hall network (42-bit weights) did not survive
    a GML round trip (2026-12-06 construct review)."""
    import io

    import networkx as nx

    net = build(make_function("random", 3, 40, seed=1), "hall")
    assert net.sizes().max_abs_weight >= 2**31
    buffer = io.BytesIO()
    nx.write_gml(to_networkx(net), buffer)
    back = nx.read_gml(io.BytesIO(buffer.getvalue()), label="id")
    assert any(isinstance(w, str) for _, _, w in back.edges(data="weight"))  # GML's encoding
    assert from_networkx(back) == net
    g = to_networkx(net)
    next(iter(g.edges(data=True)))[2]["weight"] = "1.5"  # any other text is still refused
    with pytest.raises(UsageError, match="must be integers"):
        from_networkx(g)


def test_an_edited_graph_with_weights_beyond_4300_digits_loses_its_truth_table():
    """The digest of a graph with a weight of more than 4 300 digits was None on both sides, so
    an edited graph came back with its stale truth table (2026-12-05 review)."""
    from constructions.boolean import BooleanFunction
    from constructions.verify import verify

    big = 10**5000
    bare = SignNetwork(2, (Layer.from_lists([[big + 1, -big]], [-2], [0, 1]),))
    table = "".join("1" if bare.evaluate_index(i)[0] > 0 else "0" for i in range(4))
    net = SignNetwork(2, bare.layers, truth_table=(table,))
    f = BooleanFunction.from_strings(table)
    assert verify(net, f).ok and from_networkx(to_networkx(net)) == net
    g = to_networkx(net)
    g.edges[0, 2]["weight"], g.edges[1, 2]["weight"] = -big, big + 1  # swapped: another map
    edited = from_networkx(g)
    assert edited.truth_table == () and not verify(edited, f).ok


def test_graph_inputs_are_nodes_0_to_m_minus_1_and_their_count_is_in_the_digest():
    """Three layer-0 nodes {0, 1, 5} passed as three inputs when only their number was
    compared; an unread input removed together with a lowered 'inputs' kept the stored truth
    table and sources of the larger network (refused as a bad table) when the digest left
    'inputs' out; ``method=`` was ignored for the graph's (2026-12-06 mutation audit)."""
    g = to_networkx(XOR_NET)
    g.remove_node(1)
    g.add_node(7, layer=0, kind="input")
    with pytest.raises(UsageError, match="graph inputs must be nodes 0..M-1 with layer 0"):
        from_networkx(g)
    # an input that no unit reads dropped, and 'inputs' lowered with it: the units and edges
    # are unchanged, so only 'inputs' in the digest tells the graph is not the stored network
    unread = SignNetwork(3, (Layer.from_lists([[1, 1]], [-1], [0, 1]),),
                         truth_table=("00010001",))
    narrower = to_networkx(unread)
    narrower.remove_node(2)
    narrower.graph["inputs"] = 2
    back = from_networkx(narrower)
    assert back.inputs == 2 and back.truth_table == ()
    assert back.evaluate(all_inputs(2)).ravel().tolist() == [-1, -1, -1, 1]
    assert from_networkx(to_networkx(XOR_NET), method="mine").method == "mine"
    assert from_networkx(to_networkx(XOR_NET)).method == XOR_NET.method


def test_draw_takes_an_upper_case_suffix_and_construct_names_the_drawing(tmp_path):
    """``net.PNG`` was refused when the suffix was compared as typed; the summary's
    ``drawing`` stayed None after a drawing was written (2026-12-06 mutation audit)."""
    from constructions.export import save_outputs

    path = tmp_path / "net.PNG"
    out = save_outputs(XOR_NET, draw_out=path)
    assert path.read_bytes()[:4] == b"\x89PNG"
    assert out == {"drawing": str(path), "network_file": None}
