"""Exact integer sign networks.

A :class:`SignNetwork` computes a map {±1}^M → {±1}^N. Values are numbered globally: indices
``0..M-1`` are the inputs, then every unit in layer order. Each :class:`Layer` lists the indices of
the earlier values it reads (its ``sources``; skip edges are allowed) and holds one integer weight
row per unit over those sources plus an integer bias. A unit outputs ``sign(w·v + b)`` in {−1, +1};
the last layer's units are the N outputs.

Every memcap construction keeps every pre-activation odd, hence never 0, so the convention for
``sign(0)`` never matters; the evaluators report any zero they meet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from capacity.atomic_files import atomic_write_text
from capacity.errors import UsageError
from capacity.options import is_integer
from capacity.user_files import MAX_JSON_INT_DIGITS, any_int_digits, parse_json, read_text
from constructions.boolean import MAX_TABLE_INPUTS, all_inputs
from constructions.evaluate import evaluate_batch

__all__ = ["FORMAT", "Layer", "NetworkSizes", "SignNetwork", "one_hidden_layer", "short_repr"]

FORMAT = "memcap.sign-network/1"
#: Most inputs, outputs or values a network file may name (sources are indices into them):
#: far beyond any network memcap builds or verifies, and small enough to print.
MAX_NETWORK_SIZE = 1 << 24


def _printable_method(method: str) -> bool:
    """Whether a network's ``method`` is what its JSON holds: printable text of at most 1 000
    characters (it is printed in every summary)."""
    return len(method) <= 1000 and method.isprintable()


def short_repr(value) -> str:
    """``repr`` of a value from a network file, cut to 60 characters; an integer of more than
    60 bits by its size (one of thousands of digits broke the error message: status 70), also
    inside lists, tuples and dicts (a file's ``[10**5000]`` broke it too, until 2026-12-07),
    whose items are shown only while the text is short, and whose nesting beyond three levels
    is shown as ``...``.

    Examples
    --------
    >>> short_repr(7), short_repr(10**500), short_repr("x" * 100)[-5:]
    ('7', 'an integer of 1661 bits', 'xx...')
    >>> short_repr([1, 10**5000]), short_repr({"a": [[[[1]]]]})
    ('[1, an integer of 16610 bits]', "{'a': [[[...]]]}")
    """
    return _short(value, 0)


def _short(value, depth: int) -> str:
    """:func:`short_repr` of ``value`` nested ``depth`` containers deep."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 60:
        return f"an integer of {value.bit_length()} bits"
    text = _container_repr(value, depth) if isinstance(value, list | tuple | dict) \
        else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _container_repr(value: list | tuple | dict, depth: int) -> str:
    """:func:`_short` of a list, tuple or dict: its items while the text is at most 60
    characters, nested containers to three levels."""
    opening, closing = ("{", "}") if isinstance(value, dict) else \
        ("(", ")") if isinstance(value, tuple) else ("[", "]")
    if depth >= 3:
        return f"{opening}...{closing}" if value else opening + closing
    items = value.items() if isinstance(value, dict) else value
    parts: list[str] = []
    length = 0
    for item in items:
        if length > 60:
            parts.append("...")
            break
        part = (f"{_short(item[0], depth + 1)}: {_short(item[1], depth + 1)}"
                if isinstance(value, dict) else _short(item, depth + 1))
        parts.append(part)
        length += len(part) + 2
    if isinstance(value, tuple) and len(value) == 1:
        parts[0] += ","
    return opening + ", ".join(parts) + closing


@dataclass(frozen=True)
class Layer:
    """One layer of sign units.

    Parameters
    ----------
    weights : numpy.ndarray of object or int64, shape (units, len(sources))
        Integer weight rows; ``weights[u]`` is unit ``u``'s row over ``sources``.
    biases : numpy.ndarray, shape (units,)
        Integer biases.
    sources : tuple of int
        Global indices of the values the layer reads (inputs ``0..M-1``, then earlier units).

    Examples
    --------
    >>> layer = Layer.from_lists([[1, 1]], [-1], [0, 1])   # AND of two ±1 inputs
    >>> layer.units, layer.edges
    (1, 2)
    """

    weights: np.ndarray
    biases: np.ndarray
    sources: tuple[int, ...]

    def __post_init__(self) -> None:
        w = np.asarray(self.weights)
        b = np.asarray(self.biases)
        if w.ndim != 2 or b.ndim != 1 or w.shape[0] != b.shape[0]:
            raise UsageError(f"layer weights {w.shape} and biases {b.shape} do not match")
        if w.shape[1] != len(self.sources):
            raise UsageError(
                f"layer has {len(self.sources)} sources but weight rows of length {w.shape[1]}"
            )
        bad = [s for s in self.sources
               if isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 0]
        if bad:  # int(1.7) would read source 1, and two such could collide after the check
            raise UsageError("a layer's sources must be non-negative integers, got "
                             f"{short_repr(bad[0])}")
        if len(set(self.sources)) != len(self.sources):
            raise UsageError("a layer's sources must be distinct")
        for arr in (w, b):
            if arr.size and not np.issubdtype(arr.dtype, np.integer) and arr.dtype != object:
                raise UsageError(f"weights and biases must be integers, got dtype {arr.dtype}")
        object.__setattr__(self, "weights", _as_int_array(w, 2))
        object.__setattr__(self, "biases", _as_int_array(b, 1))
        object.__setattr__(self, "sources", tuple(int(s) for s in self.sources))

    @classmethod
    def from_lists(cls, weights, biases, sources) -> Layer:
        """Build a layer from nested Python lists of integers (a float such as 1.5 is refused,
        not truncated).

        Examples
        --------
        >>> layer = Layer.from_lists([[1, -1], [2, 0]], [0, 1], [0, 1])
        >>> layer.weights.tolist(), layer.biases.tolist(), layer.sources
        ([[1, -1], [2, 0]], [0, 1], (0, 1))
        >>> Layer.from_lists([[1.5, 1]], [0], [0, 1])
        Traceback (most recent call last):
        ...
        capacity.errors.UsageError: weights and biases must be integers, got 1.5
        """
        w = [list(row) for row in weights]
        if any(len(row) != len(sources) for row in w):
            raise UsageError(f"every weight row must have one entry per source "
                             f"({len(sources)}), got rows of lengths {[len(r) for r in w]}")
        return cls(np.array(w, dtype=object).reshape(len(w), len(sources)),
                   np.array(list(biases), dtype=object), tuple(sources))

    def _key(self) -> tuple:
        return (self.sources, tuple(map(tuple, self.weights.tolist())),
                tuple(self.biases.tolist()))

    def __eq__(self, other: object) -> bool:
        """Layers are equal when their sources, weights and biases are (as integers, whatever
        the array dtype); the generated dataclass comparison compared numpy arrays and raised
        "truth value of an array is ambiguous", and hashing raised (2026-12-05 API review).

        Examples
        --------
        >>> Layer.from_lists([[1, 1]], [-1], [0, 1]) == Layer.from_lists([[1, 1]], [-1], [0, 1])
        True
        >>> len({Layer.from_lists([[1, 1]], [-1], [0, 1]), Layer.from_lists([[1]], [0], [0])})
        2
        """
        if not isinstance(other, Layer):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    @property
    def units(self) -> int:
        """Number of units in the layer."""
        return int(self.weights.shape[0])

    @property
    def edges(self) -> int:
        """Number of non-zero weights."""
        return int(np.count_nonzero(self.weights))

    def max_abs_weight(self) -> int:
        """Largest |weight| (0 for an empty layer).

        Examples
        --------
        >>> Layer.from_lists([[1, -5], [2, 3]], [0, 7], [0, 1]).max_abs_weight()
        5
        """
        return _max_abs(self.weights)

    def max_abs_bias(self) -> int:
        """Largest |bias|.

        Examples
        --------
        >>> Layer.from_lists([[1, -5], [2, 3]], [0, -7], [0, 1]).max_abs_bias()
        7
        """
        return _max_abs(self.biases)

    def preactivation_bound(self) -> int:
        """``max_u Σ_s |w_us| + |b_u|``: a bound on every |pre-activation| of this layer.

        Examples
        --------
        >>> layer = Layer.from_lists([[1, -5], [2, 3]], [0, -7], [0, 1])
        >>> layer.preactivation_bound()   # unit 1: |2| + |3| + |-7|
        12
        """
        w, b = self.weights, self.biases
        width = w.shape[1] + 1
        if w.dtype == np.int64 and max(_max_abs(w), _max_abs(b)) < 2**62 // width:
            return int((np.abs(w).sum(axis=1) + np.abs(b)).max(initial=0))  # exact: no overflow
        rows = [sum(abs(int(v)) for v in row) for row in w]
        return int(max((r + abs(int(c)) for r, c in zip(rows, b, strict=True)), default=0))


def _max_abs(arr: np.ndarray) -> int:
    if arr.size == 0:
        return 0
    if arr.dtype == np.int64:  # entries are below 2**62 in absolute value, so abs cannot overflow
        return int(np.abs(arr).max())
    return max(abs(int(v)) for v in arr.flat)


#: The first integer of more than :data:`~capacity.user_files.MAX_JSON_INT_DIGITS` digits.
_WEIGHT_LIMIT = 10**MAX_JSON_INT_DIGITS


def _as_int_array(arr: np.ndarray, ndim: int) -> np.ndarray:
    """Return an int64 array when every entry fits comfortably, else a Python-int object array."""
    arr = np.asarray(arr)
    if arr.dtype != object and arr.size and (
            (arr.dtype.kind == "u" and int(arr.max()) >= 2**62)
            or (arr.dtype.kind == "i" and (int(arr.max()) >= 2**62 or int(arr.min()) <= -2**62))):
        arr = arr.astype(object)  # near int64's end (or beyond it): Python ints, never wrapped
    if arr.dtype == object:
        bad = [v for v in arr.flat if isinstance(v, bool | np.bool_)
               or not isinstance(v, int | np.integer)]
        if bad:
            raise UsageError(f"weights and biases must be integers, got {short_repr(bad[0])}")
        flat = [int(v) for v in arr.flat]
        if all(abs(v) < 2**62 for v in flat):
            out = np.array(flat, dtype=np.int64).reshape(arr.shape)
        else:
            if any(abs(v) >= _WEIGHT_LIMIT for v in flat):  # so that every network written
                # reads back (the reader's cap on an integer's digits)
                raise UsageError(f"weights and biases have at most {MAX_JSON_INT_DIGITS} "
                                 "decimal digits (what a network file may hold)")
            out = np.array(flat, dtype=object).reshape(arr.shape)
    else:
        out = arr.astype(np.int64, copy=True)
    if out.ndim != ndim:
        raise UsageError(f"expected a {ndim}-d integer array, got shape {out.shape}")
    out.setflags(write=False)
    return out


@dataclass(frozen=True)
class NetworkSizes:
    """The size measures memcap reports for a network (docs/constructions.md).

    Attributes
    ----------
    hidden_per_layer : tuple of int
        Units in each hidden layer (every layer but the last).
    hidden : int
        Total hidden units.
    neurons : int
        Hidden units plus output units.
    edges : int
        Non-zero weights.
    parameters : int
        Weights plus biases as dense layers would count them: ``Σ units·(len(sources) + 1)``.
    depth : int
        Neurons on the longest path from an input to an output over non-zero weights: the
        number of layers (hidden layers + 1) for every layered builder; less for an any-depth
        network stored one neuron per layer side by side (``minimal``, ``five`` with several
        outputs or independent neurons), whose layer count is a storage layout (until
        2026-12-02 the layer count was reported: depth 3 for two side-by-side XORs of depth 2).
    max_abs_weight : int
        Largest |weight|.
    max_abs_bias : int
        Largest |bias|.

    Examples
    --------
    >>> xor = SignNetwork(2, (Layer.from_lists([[-1, -1]], [-1], [0, 1]),          # NAND
    ...                       Layer.from_lists([[-1, -1, -2]], [-1], [0, 1, 2])))   # reads it
    >>> s = xor.sizes()
    >>> s.hidden_per_layer, s.neurons, s.edges, s.parameters, s.depth, s.max_abs_weight
    ((1,), 2, 5, 7, 2, 2)
    >>> s.as_dict()["hidden_per_layer"]   # a list in the JSON
    [1]
    """

    hidden_per_layer: tuple[int, ...]
    hidden: int
    neurons: int
    edges: int
    parameters: int
    depth: int
    max_abs_weight: int
    max_abs_bias: int

    def as_dict(self) -> dict:
        """The sizes as a JSON-ready dict.

        Examples
        --------
        >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),))   # AND
        >>> d = net.sizes().as_dict()
        >>> d["hidden_per_layer"], d["neurons"], d["parameters"]
        ([], 1, 3)
        >>> NetworkSizes(**{**d, "hidden_per_layer": tuple(d["hidden_per_layer"])}) == net.sizes()
        True
        """
        d = dict(self.__dict__)
        d["hidden_per_layer"] = list(self.hidden_per_layer)
        return d


@dataclass(frozen=True)
class SignNetwork:
    """An exact integer-weight network of sign units.

    Parameters
    ----------
    inputs : int
        Number of inputs M.
    layers : tuple of Layer
        The layers in order; the last one holds the N outputs.
    method : str
        Name of the construction that produced the network.
    truth_table : tuple of str
        The target's truth-table strings, when known (saved with the JSON for re-verification).

    Examples
    --------
    >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),), method="and")
    >>> net.outputs, net.sizes().neurons
    (1, 1)
    >>> net.evaluate_index(3).tolist()   # input 3 is x = (+1, +1)
    [1]
    """

    inputs: int
    layers: tuple[Layer, ...]
    method: str = ""
    truth_table: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        # None, a Layer or a string for a list was a bare TypeError or read letter by letter
        # (2026-12-05 API review)
        if not isinstance(self.layers, (list, tuple)) or not all(
                isinstance(layer, Layer) for layer in self.layers):
            raise UsageError(f"a network's layers must be a list of Layer, got "
                             f"{short_repr(self.layers)}")
        if not isinstance(self.truth_table, (list, tuple)):
            raise UsageError(f"a network's truth_table must be a list of strings (one per "
                             f"output), got {short_repr(self.truth_table)}")
        object.__setattr__(self, "layers", tuple(self.layers))
        object.__setattr__(self, "truth_table", tuple(self.truth_table))
        if isinstance(self.inputs, bool) or not isinstance(self.inputs, (int, np.integer)):
            raise UsageError(f"a network's inputs M must be an integer, got {self.inputs!r}")
        object.__setattr__(self, "inputs", int(self.inputs))
        if self.inputs < 1:
            raise UsageError(f"a network needs at least one input, got M = {self.inputs}")
        if self.inputs > MAX_NETWORK_SIZE:  # saved, then refused by its own reader (review)
            raise UsageError(f"a network has at most {MAX_NETWORK_SIZE} inputs, got "
                             f"{short_repr(self.inputs)}")
        if not self.layers:
            raise UsageError("a network needs at least one layer (the outputs)")
        available = self.inputs
        for depth, layer in enumerate(self.layers):
            if layer.units == 0:
                raise UsageError(f"layer {depth} has no units")
            bad = [s for s in layer.sources if not 0 <= s < available]
            if bad:
                raise UsageError(
                    f"layer {depth} reads values {bad[:5]} that are not computed before it "
                    f"(valid sources are 0..{available - 1})"
                )
            if layer.sources and max(layer.sources) > MAX_NETWORK_SIZE:
                raise UsageError(f"layer {depth} reads value {max(layer.sources)}: a network "
                                 f"file's sources go up to {MAX_NETWORK_SIZE}")
            available += layer.units
        # what the network JSON's reader accepts, so that every network written reads back
        if self.outputs > MAX_NETWORK_SIZE:
            raise UsageError(f"a network has at most {MAX_NETWORK_SIZE} outputs, got "
                             f"{self.outputs}")
        if not isinstance(self.method, str) or not _printable_method(self.method):
            raise UsageError(f"a network's method must be printable text of at most 1000 "
                             f"characters, got {short_repr(self.method)}")
        if self.truth_table:
            if self.inputs > MAX_TABLE_INPUTS:  # blame the inputs, not a table that cannot exist
                raise UsageError(f"a network with a truth_table has at most M = "
                                 f"{MAX_TABLE_INPUTS} inputs (memcap's tables), got inputs = "
                                 f"{self.inputs}; drop the truth_table or correct inputs")
            size = 1 << self.inputs
            if len(self.truth_table) != self.outputs or not all(
                    isinstance(t, str) and len(t) == size and not t.strip("01")
                    for t in self.truth_table):
                raise UsageError(f"a network's truth_table must hold {self.outputs} string(s) of "
                                 f"{size} characters 0/1 (one per output), got "
                                 f"{short_repr(list(self.truth_table))}")

    # ------------------------------------------------------------------ structure
    @property
    def outputs(self) -> int:
        """Number of outputs N (units of the last layer)."""
        return self.layers[-1].units

    @property
    def values(self) -> int:
        """Number of global values: inputs plus all units."""
        return self.inputs + sum(layer.units for layer in self.layers)

    def layer_offsets(self) -> list[int]:
        """Global index of the first unit of each layer.

        Examples
        --------
        >>> xor = SignNetwork(2, (Layer.from_lists([[1, 1], [-1, -1]], [-1, -1], [0, 1]),
        ...                       Layer.from_lists([[-1, -1]], [-1], [2, 3])))
        >>> xor.layer_offsets(), xor.values   # inputs 0..1, hidden 2..3, output 4
        ([2, 4], 5)
        """
        offsets, start = [], self.inputs
        for layer in self.layers:
            offsets.append(start)
            start += layer.units
        return offsets

    def sizes(self) -> NetworkSizes:
        """Hidden units per layer, neurons, edges, parameters, depth and largest weights.

        Examples
        --------
        >>> xor = SignNetwork(2, (Layer.from_lists([[1, 1], [-1, -1]], [-1, -1], [0, 1]),
        ...                       Layer.from_lists([[-1, -1]], [-1], [2, 3])))
        >>> s = xor.sizes()
        >>> s.hidden_per_layer, s.hidden, s.neurons, s.edges, s.parameters, s.depth
        ((2,), 2, 3, 6, 9, 2)
        """
        hidden = tuple(layer.units for layer in self.layers[:-1])
        return NetworkSizes(
            hidden_per_layer=hidden,
            hidden=sum(hidden),
            neurons=sum(hidden) + self.outputs,
            edges=sum(layer.edges for layer in self.layers),
            parameters=sum(layer.units * (len(layer.sources) + 1) for layer in self.layers),
            depth=self.longest_path(),
            max_abs_weight=max(layer.max_abs_weight() for layer in self.layers),
            max_abs_bias=max(layer.max_abs_bias() for layer in self.layers),
        )

    def longest_path(self) -> int:
        """Neurons on the longest input-to-output path over non-zero weights (the depth).

        Examples
        --------
        >>> xor = [Layer.from_lists([[-1, -1]], [-1], [0, 1]),          # NAND of the inputs
        ...        Layer.from_lists([[-1, -1, -2]], [-1], [0, 1, 2])]   # reads it: depth 2
        >>> SignNetwork(2, tuple(xor)).longest_path()
        2
        >>> SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),   # a unit nobody reads
        ...                 Layer.from_lists([[1, 1, 0]], [1], [0, 1, 2]))).longest_path()
        1
        """
        level = np.zeros(self.values, dtype=np.int64)  # inputs: 0
        for layer, start in zip(self.layers, self.layer_offsets(), strict=True):
            reads = np.asarray(layer.weights) != 0  # (U, S) the edges that exist
            src = level[list(layer.sources)]  # (S,)
            level[start:start + layer.units] = 1 + np.where(reads, src, 0).max(axis=1,
                                                                               initial=0)
        return int(level[self.values - self.outputs:].max())

    def preactivation_bound(self) -> int:
        """An upper bound on every |pre-activation|, used to pick an exact arithmetic.

        The largest of the layers' :meth:`Layer.preactivation_bound`.

        Examples
        --------
        >>> net = SignNetwork(2, (Layer.from_lists([[1, 1], [-1, -1]], [-1, -1], [0, 1]),
        ...                       Layer.from_lists([[-4, -4]], [-1], [2, 3])))
        >>> [layer.preactivation_bound() for layer in net.layers], net.preactivation_bound()
        ([3, 9], 9)
        """
        return max(layer.preactivation_bound() for layer in self.layers)

    # ------------------------------------------------------------------ evaluation
    def evaluate(self, x: np.ndarray, return_preactivations: bool = False):
        """Evaluate exactly on a batch of ±1 points.

        Parameters
        ----------
        x : numpy.ndarray, shape (B, M)
            Points of {±1}^M.
        return_preactivations : bool
            Also return the minimum |pre-activation| of every point (0 flags a sign(0) case).

        Returns
        -------
        numpy.ndarray of int8, shape (B, N)
            The outputs (±1); with ``return_preactivations`` a pair ``(outputs, min_abs_pre)``.

        Notes
        -----
        Integer arithmetic throughout: int64 when :meth:`preactivation_bound` is below 2**62,
        Python integers otherwise. ``sign(0)`` is taken as +1 here; the verifier reports zeros.

        Examples
        --------
        >>> xor = SignNetwork(2, (Layer.from_lists([[1, 1], [-1, -1]], [-1, -1], [0, 1]),
        ...                       Layer.from_lists([[-1, -1]], [-1], [2, 3])))
        >>> x = all_inputs(2)
        >>> xor.evaluate(x).ravel().tolist()   # XOR over the memcap input order
        [-1, 1, 1, -1]
        >>> out, low = xor.evaluate(x, return_preactivations=True)
        >>> out.shape, low.tolist()   # every |pre-activation| is at least 1: no sign(0)
        ((4, 1), [1, 1, 1, 1])
        """
        out, min_abs = evaluate_batch(self, np.asarray(x))
        return (out, min_abs) if return_preactivations else out

    def evaluate_index(self, i: int) -> np.ndarray:
        """Outputs (±1) on input index ``i`` of the memcap input order (``0 <= i < 2^M``).

        Examples
        --------
        >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))   # OR
        >>> net.evaluate_index(0).tolist(), net.evaluate_index(3).tolist()
        ([-1], [1])
        """
        if not is_integer(i) or not 0 <= i < 1 << self.inputs:  # 1.5 evaluated input 1; the
            # message names the index (all_inputs refuses it too, in terms of start and stop)
            # 2^M − 1 in digits only while short: at M ≥ 14 284 it broke the message (audit)
            top = (1 << self.inputs) - 1 if self.inputs <= 64 else f"2^{self.inputs}-1"
            raise UsageError(f"input index must be an integer in 0..2^M-1 = 0..{top}, got "
                             f"{short_repr(i)}")
        return self.evaluate(all_inputs(self.inputs, int(i), int(i) + 1))[0]

    # ------------------------------------------------------------------ JSON
    def to_dict(self) -> dict:
        """The network JSON object of docs/constructions.md (format ``memcap.sign-network/1``).

        Examples
        --------
        >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),), method="and",
        ...                   truth_table=("0001",))
        >>> net.to_dict()
        {'format': 'memcap.sign-network/1', 'inputs': 2, 'outputs': 1,
         'layers': [{'weights': [[1, 1]], 'biases': [-1], 'sources': [0, 1]}],
         'method': 'and', 'truth_table': ['0001']}
        """
        return {
            "format": FORMAT,
            "inputs": self.inputs,
            "outputs": self.outputs,
            "layers": [
                {
                    "weights": [[int(v) for v in row] for row in layer.weights],
                    "biases": [int(v) for v in layer.biases],
                    "sources": list(layer.sources),
                }
                for layer in self.layers
            ],
            "method": self.method,
            "truth_table": list(self.truth_table),
        }

    @classmethod
    def from_dict(cls, data: dict) -> SignNetwork:
        """Inverse of :meth:`to_dict`; rejects anything that is not a valid network JSON.

        Examples
        --------
        >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),), method="and")
        >>> SignNetwork.from_dict(net.to_dict()) == net
        True
        >>> SignNetwork.from_dict({**net.to_dict(), "outputs": 2})
        Traceback (most recent call last):
        ...
        capacity.errors.UsageError: network JSON says 2 outputs but its last layer has 1
        """
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise UsageError(f"not a memcap network: expected \"format\": \"{FORMAT}\"")
        unknown = sorted(set(data) - {"format", "inputs", "outputs", "layers", "method",
                                      "truth_table"})
        if unknown:
            raise UsageError(f"network JSON: unknown field(s) {', '.join(map(repr, unknown))}; "
                             "the fields are format, inputs, outputs, layers, method, "
                             "truth_table")
        for key in ("inputs", "outputs"):
            value = data.get(key)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise UsageError(f"network JSON: {key!r} must be a positive integer, got "
                                 f"{short_repr(value)}")
            if value > MAX_NETWORK_SIZE:  # a 5 000-digit M broke the error message (status 70)
                raise UsageError(f"network JSON: {key!r} is {short_repr(value)}, above "
                                 f"{MAX_NETWORK_SIZE}")
        method = data.get("method", "")
        if not isinstance(method, str):
            raise UsageError(f"network JSON: 'method' must be a string, got "
                             f"{short_repr(method)}")
        if not _printable_method(method):
            raise UsageError(f"network JSON: 'method' must be printable text of at most 1000 "
                             f"characters, got {short_repr(method)}")
        table = data.get("truth_table", [])
        if not isinstance(table, list) or not all(isinstance(t, str) for t in table):
            raise UsageError("network JSON: 'truth_table' must be a list of 0/1 strings, one "
                             f"per output, got {short_repr(table)}")
        if "layers" in data and (not isinstance(data["layers"], list) or not all(
                isinstance(spec, dict) for spec in data["layers"])):
            # a string or an object was read letter by letter ("layer 0 has unknown field(s)
            # 'e', 'g', ...", 2026-12-03 audit)
            raise UsageError("network JSON: 'layers' must be a list of objects with weights, "
                             f"biases and sources, got {short_repr(data['layers'])}")
        if "layers" not in data:
            raise UsageError("network JSON: no 'layers' field; a network lists its layers, "
                             "each with weights, biases and sources")
        # each field is checked by name: a KeyError or TypeError raised inside Layer or
        # SignNetwork is memcap's bug, and was reported as malformed JSON (status 2) until
        # 2026-12-06 (construct review)
        layers = []
        for k, spec in enumerate(data["layers"]):
            extra = sorted(set(spec) - {"weights", "biases", "sources"})
            if extra:  # a typo such as "bias" must not drop a field silently
                raise UsageError(f"network JSON: layer {k} has unknown field(s) "
                                 f"{', '.join(map(repr, extra))}; a layer has weights, "
                                 "biases and sources")
            missing = [key for key in ("weights", "biases", "sources") if key not in spec]
            if missing:
                raise UsageError(f"network JSON: layer {k} has no {', '.join(missing)}; a layer "
                                 "has weights, biases and sources")
            for key in ("weights", "biases", "sources"):
                values = spec[key]
                # lists, not any iterable: {} or "" stood for an empty list, so "sources":
                # {} read as a unit reading nothing (2026-12-05 review)
                if not isinstance(values, list) or (key == "weights" and not all(
                        isinstance(row, list) for row in values)):
                    raise UsageError(f"network JSON: layer {k}'s {key} must be a list"
                                     + (" of lists" if key == "weights" else "")
                                     + f", got {short_repr(values)}")
                flat = [v for row in values for v in row] if key == "weights" else values
                if any(isinstance(v, bool) or not isinstance(v, int) for v in flat):
                    raise UsageError(f"network JSON: layer {k}'s {key} must be integers")
                if key == "sources" and any(not 0 <= v <= MAX_NETWORK_SIZE for v in flat):
                    raise UsageError(f"network JSON: layer {k}'s sources must be indices "
                                     f"from 0 up to {MAX_NETWORK_SIZE}")
            rows, width = spec["weights"], len(spec["sources"])
            if len(spec["biases"]) != len(rows) or any(len(r) != width for r in rows):
                raise UsageError(f"network JSON: layer {k} must have one bias per weight row "
                                 f"and {width} weights per row (one per source), got "
                                 f"{len(spec['biases'])} biases and rows of "
                                 f"{sorted({len(r) for r in rows})} weights")
            layers.append(Layer.from_lists(spec["weights"], spec["biases"], spec["sources"]))
        net = cls(data["inputs"], tuple(layers), method=data.get("method", ""),
                  truth_table=tuple(table))
        if data["outputs"] != net.outputs:
            raise UsageError(
                f"network JSON says {data['outputs']} outputs but its last layer has {net.outputs}"
            )
        return net

    def to_json(self) -> str:
        """Serialise to the network JSON text (integers of any length, exactly).

        Examples
        --------
        >>> net = SignNetwork(1, (Layer.from_lists([[10**30]], [1], [0]),))   # past int64
        >>> text = net.to_json()
        >>> text.startswith('{"format":"memcap.sign-network/1"'), str(10**30) in text
        (True, True)
        >>> SignNetwork.from_json(text) == net
        True
        """
        with any_int_digits():
            return json.dumps(self.to_dict(), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> SignNetwork:
        """Parse the network JSON text.

        Examples
        --------
        >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),), method="or")
        >>> back = SignNetwork.from_json(net.to_json())
        >>> back == net, back.method, back.evaluate_index(0).tolist()
        (True, 'or', [-1])
        """
        return cls.from_dict(parse_json(text, "network file"))

    def save(self, path: str | Path) -> None:
        """Write the JSON atomically (a temporary file renamed into place).

        Examples
        --------
        >>> import os, tempfile
        >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),), method="and")
        >>> path = os.path.join(tempfile.mkdtemp(), "and.json")
        >>> net.save(path)
        >>> open(path).read() == net.to_json(), os.listdir(os.path.dirname(path))
        (True, ['and.json'])
        """
        atomic_write_text(Path(path), self.to_json())

    @classmethod
    def load(cls, path: str | Path) -> SignNetwork:
        """Read a network JSON file.

        Examples
        --------
        >>> import os, tempfile
        >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),), method="and")
        >>> path = os.path.join(tempfile.mkdtemp(), "and.json")
        >>> net.save(path)
        >>> SignNetwork.load(path) == net
        True
        """
        path = Path(path)
        if not path.exists():
            raise UsageError(f"network file {str(path)!r} does not exist")
        what = f"network file {str(path)!r}"
        return cls.from_dict(parse_json(read_text(path, "network file"), what))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SignNetwork):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash(self.to_json())


def one_hidden_layer(inputs: int, parts, *, method: str, truth_table=()) -> SignNetwork:
    """One hidden layer read by the outputs only, from one part per output: ``(hidden rows over
    the inputs, their biases, the output's weights on those rows, the output's bias)``. The parts'
    hidden units stand side by side and each output reads its own (weight 0 on the others'); with
    no hidden unit at all the outputs read the inputs with weight 0 (constants).

    Parameters
    ----------
    inputs : int
        Number of inputs M.
    parts : iterable of tuple
        One ``(rows, row_biases, weights, bias)`` per output, as above.
    method : str
        Name stored as the network's ``method``.
    truth_table : sequence of str, default ()
        The target's table, stored on the network.

    Returns
    -------
    SignNetwork
        Two layers (hidden, output), or one output layer when there is no hidden unit.

    Examples
    --------
    >>> net = one_hidden_layer(2, [([[1, 1], [-1, -1]], [-1, -1], [-1, -1], -1)], method="xor")
    >>> [int(v) for v in net.evaluate(all_inputs(2)).ravel()]  # XOR of the two ±1 inputs
    [-1, 1, 1, -1]
    """
    hidden, biases, outputs = [], [], []
    for rows, row_biases, weights, bias in parts:
        outputs.append((len(hidden), list(weights), bias))
        hidden += list(rows)
        biases += list(row_biases)
    n_hid = len(hidden)
    if n_hid == 0:
        layer = Layer.from_lists([[0] * inputs for _ in outputs], [c for _, _, c in outputs],
                                 list(range(inputs)))
        return SignNetwork(inputs, (layer,), method=method, truth_table=truth_table)
    out_rows = []
    for start, weights, _ in outputs:
        full = [0] * n_hid
        full[start:start + len(weights)] = weights
        out_rows.append(full)
    layers = (Layer.from_lists(hidden, biases, list(range(inputs))),
              Layer.from_lists(out_rows, [c for _, _, c in outputs],
                               list(range(inputs, inputs + n_hid))))
    return SignNetwork(inputs, layers, method=method, truth_table=truth_table)
