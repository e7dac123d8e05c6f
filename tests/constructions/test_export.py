"""Exports: exact JSON round trip, networkx graph, drawing (the torch module: tests/empirical)."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from constructions.boolean import all_inputs
from constructions.builders import build
from constructions.evaluate import evaluate_batch
from constructions.export import MAX_DRAW_UNITS, draw, from_networkx, to_networkx
from constructions.families import make_function
from constructions.network import Layer, SignNetwork
from constructions.testing import sign_networks


@settings(deadline=None)
@given(sign_networks(max_weight=2**70), st.lists(st.text("01", min_size=1), max_size=3))
def test_json_round_trip_is_exact(net, tables):
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
