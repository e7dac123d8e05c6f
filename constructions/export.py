"""Exports of a :class:`~constructions.network.SignNetwork`: networkx graph, drawing.

The torch module lives in :mod:`empirical.engine.sign_network` (constructions import no torch).

The network JSON (format ``memcap.sign-network/1``) lives in :mod:`constructions.network`
(:meth:`SignNetwork.to_json` / :meth:`SignNetwork.from_json`, an exact round trip).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import numpy as np

from capacity.errors import UsageError
from capacity.figures import FIGURE_SUFFIXES, save_figure
from capacity.options import is_integer
from capacity.user_files import any_int_digits
from constructions.network import MAX_NETWORK_SIZE, Layer, SignNetwork, short_repr

__all__ = ["MAX_DRAW_UNITS", "bias_label", "draw", "from_networkx", "save_outputs", "to_networkx"]

#: Largest number of units (hidden + output) :func:`draw` accepts.
MAX_DRAW_UNITS = 200


def to_networkx(net: SignNetwork):
    """The network as a ``networkx.DiGraph``.

    Nodes are the global value indices: ``0..M-1`` the inputs (``layer=0``, ``kind='input'``),
    then every unit (``layer`` = 1-based layer number, ``bias``, ``kind`` = ``'hidden'`` or
    ``'output'``). An edge ``s → u`` carries the integer ``weight``; zero weights are omitted.
    The graph attribute ``inputs`` holds M, ``method`` the construction's name, and ``memcap``
    a JSON string (so that GraphML and GML can write the graph) with what the edges cannot say:
    each layer's ``sources`` (a source may have zero weights only: it still counts in the
    layer's parameters), the ``truth_table`` and a ``digest`` of the nodes and edges, by which
    :func:`from_networkx` tells this graph from an edited one and gives the network back.

    Examples
    --------
    >>> from constructions.network import Layer
    >>> net = SignNetwork(2, (Layer.from_lists([[1, 0]], [1], [0, 1]),))
    >>> g = to_networkx(net)
    >>> sorted(g.edges(data="weight")), g.nodes[2]["bias"], g.nodes[2]["kind"]
    ([(0, 2, 1)], 1, 'output')
    """
    import networkx as nx

    g = nx.DiGraph(inputs=net.inputs, method=net.method)
    for j in range(net.inputs):
        g.add_node(j, layer=0, kind="input")
    last = len(net.layers) - 1
    for li, (layer, start) in enumerate(zip(net.layers, net.layer_offsets(), strict=True)):
        kind = "output" if li == last else "hidden"
        for u in range(layer.units):
            g.add_node(start + u, layer=li + 1, bias=int(layer.biases[u]), kind=kind)
        rows, cols = np.nonzero(layer.weights)
        for u, c in zip(rows.tolist(), cols.tolist(), strict=True):
            g.add_edge(layer.sources[c], start + u, weight=int(layer.weights[u, c]))
    g.graph["memcap"] = json.dumps({"sources": [list(layer.sources) for layer in net.layers],
                                    "truth_table": list(net.truth_table),
                                    "digest": _graph_digest(g)})
    return g


def _gml_int(value):
    """A weight or bias as networkx's GML writer stores an integer outside [−2^31, 2^31): as
    its decimal text, which read_gml gives back as a string (refused as "not an integer" until
    2026-12-06, so a network with 42-bit weights did not survive a GML round trip); any other
    value unchanged, for :class:`~constructions.network.Layer` to check."""
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value):
        with any_int_digits():
            return int(value)
    return value


def _graph_digest(graph) -> str | None:
    """SHA-256 of a graph's inputs, unit nodes (number, layer, bias) and edges (source, target,
    weight), in sorted order; None when a node or edge lacks what :func:`to_networkx` gives it
    (such a graph is not one it made, unedited)."""
    try:
        units = sorted((n, int(d["layer"]), int(d["bias"])) for n, d in graph.nodes(data=True)
                       if d.get("layer") != 0)
        edges = sorted((s, u, int(w)) for s, u, w in graph.edges(data="weight"))
        with any_int_digits():  # weights past 4 300 digits gave no digest, so an edited
            text = json.dumps([graph.graph.get("inputs"), units, edges])  # graph passed (review)
    except (KeyError, TypeError, ValueError):  # not numbers, or not sortable: not ours
        return None
    return hashlib.sha256(text.encode()).hexdigest()


def _stored_extras(graph) -> dict | None:
    """The ``memcap`` attribute :func:`to_networkx` wrote, when the graph is still the one it
    wrote (same digest); None for an edited graph or one made elsewhere."""
    text = graph.graph.get("memcap")
    try:
        extras = json.loads(text) if isinstance(text, str) else None
    except json.JSONDecodeError:
        return None
    digest = _graph_digest(graph)
    if digest is None or not isinstance(extras, dict) or extras.get("digest") != digest:
        return None
    return extras


def _extras_fit(extras: dict, layers: int) -> bool:
    """Whether a ``memcap`` attribute has the shape :func:`to_networkx` gives it: one list of
    distinct non-negative integer sources per unit layer and a list of texts as the truth
    table. An edited attribute on an unedited graph (``"sources": []`` raised a bare
    IndexError, 2026-12-07 audit) is then ignored like any edit: the edges decide."""
    sources, table = extras.get("sources"), extras.get("truth_table")
    return (isinstance(sources, list) and len(sources) == layers
            and all(isinstance(row, list) and len(set(row)) == len(row)
                    and all(is_integer(v) and v >= 0 for v in row) for row in sources)
            and isinstance(table, list) and all(isinstance(t, str) for t in table))


def from_networkx(graph, method: str | None = None) -> SignNetwork:
    """Inverse of :func:`to_networkx`: ``from_networkx(to_networkx(net)) == net``.

    A graph as :func:`to_networkx` made it (its ``memcap`` attribute's digest still matches the
    nodes and edges) gives each layer its stored sources, in their order, and the stored truth
    table. Any other graph — edited, relabelled, or made elsewhere — gives each layer the
    sorted sources of its edges (sources whose weights are all 0 are then lost, so the
    parameter count can drop) and no truth table (edits may have changed the map).

    Units are numbered by position — the inputs, then every layer's units in the order of their
    node numbers — so any node numbers work; an edge into a unit from a unit of the same or a
    later layer is refused.

    Parameters
    ----------
    graph : networkx.DiGraph
        As :func:`to_networkx` makes it: graph attribute ``inputs``, node attributes ``layer``
        (inputs ``0..M−1`` in layer 0, else ``UsageError``) and ``bias``, edge attribute ``weight``.
    method : str or None, default None
        The network's ``method``; None takes the graph's ``method`` attribute (or ``""``).

    Returns
    -------
    SignNetwork
        The network.

    Examples
    --------
    >>> from constructions.network import Layer
    >>> net = SignNetwork(2, (Layer.from_lists([[1, 0]], [1], [0, 1]),), truth_table=("0101",))
    >>> back = from_networkx(to_networkx(net))
    >>> back == net, back.truth_table, back.sizes().parameters
    (True, ('0101',), 3)
    """
    if "inputs" not in graph.graph:
        raise UsageError("graph has no 'inputs' attribute (the number of inputs M)")
    inputs = graph.graph["inputs"]  # integers are checked, never int()ed (2026-12-05 review:
    # "2", 2.0, a layer of 1.9 or None, a negative layer and a node named "a" were bare
    # TypeErrors or KeyErrors, or a unit in layer -1 was dropped without a word)
    if not is_integer(inputs) or not 1 <= inputs <= MAX_NETWORK_SIZE:  # range(10^9) was built
        raise UsageError(f"graph attribute 'inputs' must be an integer from 1 to "
                         f"{MAX_NETWORK_SIZE}, got {short_repr(inputs)}")
    inputs = int(inputs)
    by_layer: dict[int, list[int]] = {}
    for node, data in graph.nodes(data=True):
        if not is_integer(node):
            raise UsageError(f"graph nodes must be integers, got {short_repr(node)} (read "
                             "GraphML with networkx.read_graphml(path, node_type=int))")
        if "layer" not in data:
            raise UsageError(f"graph node {node!r} has no 'layer' attribute")
        layer = data["layer"]
        if not is_integer(layer) or not 0 <= layer <= MAX_NETWORK_SIZE:
            raise UsageError(f"graph node {short_repr(node)} has layer {short_repr(layer)}; "
                             "layers are 0 (the inputs) and 1, 2, ... (the units)")
        if layer > 0 and "bias" not in data:  # a bare KeyError before 2026-12-04
            raise UsageError(f"graph unit {node!r} has no 'bias' attribute")
        by_layer.setdefault(int(layer), []).append(node)
    if sorted(by_layer.get(0, [])) != list(range(inputs)):
        raise UsageError("graph inputs must be nodes 0..M-1 with layer 0")
    for s, u, data in graph.edges(data=True):
        if u in range(inputs):  # was dropped without a word (2026-12-04 review)
            raise UsageError(f"graph edge {s!r} -> {u!r} points into an input")
        if "weight" not in data:
            raise UsageError(f"graph edge {s!r} -> {u!r} has no 'weight' attribute")
    # a unit's value index is its position (inputs, then each layer's units in node order),
    # whatever its node number: sources kept as node numbers rewired a graph whose numbers do
    # not follow the layers (2026-12-04 review)
    order = list(range(inputs)) + [u for li in sorted(k for k in by_layer if k > 0)
                                   for u in sorted(by_layer[li])]
    index = {node: i for i, node in enumerate(order)}
    unit_layers = sorted(k for k in by_layer if k > 0)
    extras = _stored_extras(graph)  # None: edited or foreign, the edges decide
    if extras is not None and not _extras_fit(extras, len(unit_layers)):
        extras = None  # the digest covers nodes and edges, not the attribute itself
    listed = extras["sources"] if extras is not None else None
    layers = []
    for k, li in enumerate(unit_layers):
        units = sorted(by_layer[li])
        given = list(listed[k]) if listed is not None else []  # in the network's order
        sources = given + sorted({index[s] for u in units for s in graph.predecessors(u)}
                                 - set(given))
        col = {s: i for i, s in enumerate(sources)}
        w = np.zeros((len(units), len(sources)), dtype=object)  # (U, S); S may be 0
        for r, u in enumerate(units):
            for s in graph.predecessors(u):
                w[r, col[index[s]]] = _gml_int(graph.edges[s, u]["weight"])  # 1.7 refused
        biases = [_gml_int(graph.nodes[u]["bias"]) for u in units]
        # a layer without sources stays one (it came back reading input 0 with weight 0, one
        # parameter more, 2026-12-05 review)
        layers.append(Layer.from_lists(w.tolist(), biases, sources))
    name = graph.graph.get("method", "") if method is None else method
    return SignNetwork(inputs, tuple(layers), method=name,
                       truth_table=tuple(extras["truth_table"]) if extras is not None else ())


def draw(net: SignNetwork, path: str | Path, *, dpi: int = 120) -> None:
    """Draw a small network to an image file (layered layout), written atomically.

    Edges are blue for positive and red for negative weights, with width growing with |w|; unit
    labels show the bias. Networks with more than :data:`MAX_DRAW_UNITS` units are refused.

    Parameters
    ----------
    net : SignNetwork
        The network, at most :data:`MAX_DRAW_UNITS` (200) units (else ``UsageError``).
    path : str or pathlib.Path
        Image file whose suffix names a matplotlib format
        (:data:`capacity.figures.FIGURE_SUFFIXES`; none: PNG; else ``UsageError``).
    dpi : int, default 120
        Resolution of the saved figure.

    Examples
    --------
    >>> import tempfile, os
    >>> from constructions.network import Layer
    >>> p = os.path.join(tempfile.mkdtemp(), "and.png")
    >>> draw(SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),)), p)
    >>> open(p, "rb").read(4) == b"\\x89PNG"
    True
    """
    units = net.values - net.inputs
    if units > MAX_DRAW_UNITS:
        raise UsageError(f"the network has {units} units; drawing is limited to "
                         f"{MAX_DRAW_UNITS}: drop --draw (save the network with --save and "
                         "draw it with another tool)")
    path = Path(path)
    if path.suffix.lower() not in FIGURE_SUFFIXES:  # the figure options' one list (review)
        raise UsageError(f"drawing path {str(path)!r} must end in "
                         f"{', '.join(s for s in FIGURE_SUFFIXES if s)} or have no suffix (PNG)")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    g = to_networkx(net)
    pos = {}
    for layer in range(len(net.layers) + 1):
        nodes = sorted(n for n, d in g.nodes(data=True) if d["layer"] == layer)
        for r, n in enumerate(nodes):
            pos[n] = (layer, (len(nodes) - 1) / 2 - r)
    top = max((abs(w) for _, _, w in g.edges(data="weight")), default=0) or 1  # all 0: no /0
    fig, ax = plt.subplots(figsize=(2 + 1.8 * len(net.layers),
                                    1 + 0.35 * max(len(pos) / (len(net.layers) + 1), 4)))
    for s, u, w in g.edges(data="weight"):
        (x0, y0), (x1, y1) = pos[s], pos[u]
        ax.plot([x0, x1], [y0, y1], color="tab:blue" if w > 0 else "tab:red",
                lw=0.5 + 2.5 * (abs(w) / top), alpha=0.6, zorder=1)  # int / int: no overflow
                # at |w| = 2^1100 (2.5 * |w| was a float OverflowError; 2026-12-04 review)
    for n, d in g.nodes(data=True):
        x, y = pos[n]
        label = f"x{n}" if d["kind"] == "input" else bias_label(d["bias"])
        face = {"input": "white", "hidden": "lightgrey", "output": "gold"}[d["kind"]]
        ax.scatter([x], [y], s=380, c=face, edgecolors="black", zorder=2)
        ax.annotate(label, (x, y), ha="center", va="center", fontsize=7, zorder=3)
    ax.set_axis_off()
    ax.set_title(f"{net.method or 'sign network'}: M={net.inputs}, N={net.outputs} "
                 "(blue +, red -, labels: bias)", fontsize=8)
    save_figure(fig, path, dpi=dpi, layout=False, bbox_inches="tight")


def bias_label(bias: int) -> str:
    """A unit's label in :func:`draw`: its bias with its sign, exact up to eight digits, else
    rounded down to three significant digits and marked ``~`` (a bias of more than 4 300 digits
    raised ValueError, and one of hundreds of digits was drawn whole across the figure).

    Parameters
    ----------
    bias : int
        The unit's bias.

    Returns
    -------
    str
        The label.

    Examples
    --------
    >>> bias_label(-3), bias_label(12345678), bias_label(-(10**5000) - 7)
    ('-3', '+12345678', '-~1.00e5000')
    """
    from capacity.bigint_text import int_text

    sign = "-" if bias < 0 else "+"
    digits = int_text(abs(int(bias)))
    if len(digits) <= 8:
        return sign + digits
    return f"{sign}~{digits[0]}.{digits[1:3]}e{len(digits) - 1}"


def save_outputs(net: SignNetwork, draw_out: str | Path | None = None,
                 json_out: str | Path | None = None) -> dict[str, str | None]:
    """Write a verified network's drawing and JSON file where asked; return
    ``{"drawing": path or None, "network_file": path or None}`` for the command's summary.

    Parameters
    ----------
    net : SignNetwork
        The (verified) network.
    draw_out : str or pathlib.Path or None, default None
        Where :func:`draw` writes the picture; None draws nothing.
    json_out : str or pathlib.Path or None, default None
        Where ``net.save`` writes the JSON file; None writes nothing.

    Returns
    -------
    dict
        ``"drawing"`` and ``"network_file"``: the paths written (as str) or None.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from constructions.network import Layer
    >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "or.json"
    >>> save_outputs(net, json_out=path)["network_file"] == str(path), path.is_file()
    (True, True)
    """
    out: dict[str, str | None] = {"drawing": None, "network_file": None}
    if draw_out is not None:
        draw(net, draw_out)
        out["drawing"] = str(draw_out)
    if json_out is not None:
        net.save(json_out)
        out["network_file"] = str(json_out)
    return out
