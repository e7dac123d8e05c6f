"""Property-testing tools for *your own* sign-network constructions.

Use this module from your own test suite to check a construction exactly on every input:

* :func:`assert_realises` raises an ``AssertionError`` naming the first wrong input (its index and
  its ±1 point), the expected and the actual outputs, and any zero pre-activation (a ``sign(0)``
  case, even when every output is right). It needs no hypothesis.
* :func:`boolean_maps` and :func:`sign_networks` are hypothesis strategies drawing truth tables
  (as :class:`~constructions.boolean.BooleanFunction`) and valid integer sign networks (as
  :class:`~constructions.network.SignNetwork`).
* :func:`as_sign_network` turns any accepted network form into a ``SignNetwork``.

hypothesis is optional: it is imported only when a strategy is called (install it with
``pip install 'memcap[testing]'`` or ``pip install hypothesis``). docs/testing.md has a complete
example test file.

Accepted network forms (:func:`as_sign_network`)
------------------------------------------------
* a :class:`~constructions.network.SignNetwork`;
* the network JSON ``memcap.sign-network/1`` as a ``dict``, as JSON text (a string starting with
  ``{``), or as a path (``str`` or :class:`pathlib.Path`) to a file holding it;
* plain lists: a list of layers, each a pair ``(weights, biases)`` of integers (Python ints or a
  numpy integer array), ``weights`` with one row per unit of the layer, ``biases`` one entry per
  unit; unit ``u`` outputs ``sign(weights[u] · v + biases[u])`` in {−1, +1}, and the last layer
  holds the N outputs. The first layer reads the M inputs ``(x_0, ..., x_{M-1})``, so its rows
  have M entries. Later layers follow one of two layouts, the same for every layer:

  - ``"layered"`` (an MLP, ``[(W1, b1), (W2, b2), ...]``): each layer reads only the previous
    layer's units, so the rows of layer k have as many entries as layer k−1 has units;
  - ``"any-depth"`` (fully connected, skip edges allowed): each layer reads the inputs and then
    every unit of every earlier layer, in order, so the rows of layer k have
    ``M + (units of layers 0..k−1)`` entries (write 0 for an edge you do not use).

  ``layout="auto"`` (the default) tells the two apart by the second layer's row length (they
  always differ) and then requires every later layer to follow the same layout.

Accepted table forms (:func:`as_boolean_function`)
--------------------------------------------------
* a :class:`~constructions.boolean.BooleanFunction`;
* truth-table strings: ``"0110"`` (one output) or ``"0110,0001"`` (N outputs), or a list of
  such strings; character ``i`` is the output on input ``i`` and ``1`` means +1;
* a sequence (or numpy array) with one entry per input, in the memcap input order: each entry an
  output (±1, 0/1 or bool; 0 and False mean −1), or a sequence of N outputs (shape
  ``(2**M, N)``).

Input ``i`` is the point ``x`` with ``x_j = +1`` iff bit ``j`` of ``i`` is 1 (README.md,
"Conventions").
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from capacity.errors import UsageError
from constructions.boolean import (
    MAX_TABLE_INPUTS,
    BooleanFunction,
    all_inputs,
    check_inputs,
    index_to_point,
    table_by_chunks,
)
from constructions.families import threshold_table
from constructions.network import Layer, SignNetwork
from constructions.verify import TooLongToVerify, verify

__all__ = [
    "BOOLEAN_MAP_FAMILIES",
    "as_boolean_function",
    "as_sign_network",
    "assert_realises",
    "boolean_maps",
    "sign_networks",
]

#: The families :func:`boolean_maps` mixes (not evenly: hypothesis's ``one_of`` is not uniform).
BOOLEAN_MAP_FAMILIES = ("constant", "literal", "parity", "threshold", "sparse", "dense")

#: Largest M whose dense tables are drawn bit by bit (so hypothesis shrinks them); above, a seed.
_DENSE_BYTES_MAX_INPUTS = 12
#: Largest N·2^M (bits of all the outputs' dense tables) drawn bit by bit: from 2^15 on,
#: hypothesis's health check refused the strategy (M = 12 with N = 8, 2026-12-03 audit).
_DENSE_BYTES_MAX_BITS = 2**14

_LAYOUTS = ("auto", "layered", "any-depth")


# ---------------------------------------------------------------------------------------- networks
def as_sign_network(network, *, layout: str = "auto") -> SignNetwork:
    """Convert any accepted network form to a :class:`~constructions.network.SignNetwork`.

    Parameters
    ----------
    network : SignNetwork, dict, str, pathlib.Path or list of (weights, biases)
        See the module docstring: a ``SignNetwork``; the network JSON as a dict, as JSON text or
        as a path to a JSON file; or plain lists of integer layers.
    layout : {"auto", "layered", "any-depth"}
        How plain-list layers after the first read earlier values (ignored for other forms):
        ``"layered"`` reads only the previous layer, ``"any-depth"`` reads the inputs and every
        earlier unit; ``"auto"`` infers it from the second layer's row length.

    Returns
    -------
    SignNetwork

    Raises
    ------
    capacity.errors.UsageError
        A form that is not recognised, a malformed JSON, ragged or mismatched weight rows,
        non-integer weights or biases (floats and bools are refused: the check is exact).

    Examples
    --------
    >>> net = as_sign_network([([[1, 1], [-1, -1]], [-1, -1]), ([[1, 1]], [1])])   # layered XNOR
    >>> net.inputs, net.outputs, [layer.sources for layer in net.layers]
    (2, 1, [(0, 1), (2, 3)])
    >>> xor = [([[1, 1]], [-1]), ([[1, 1, -2]], [-1])]   # any-depth: the output reads x0, x1, AND
    >>> [layer.sources for layer in as_sign_network(xor).layers]
    [(0, 1), (0, 1, 2)]
    >>> as_sign_network([([[0.5, 1]], [1])])
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: layer 0 weights must be integers, found 0.5 (float); ...
    """
    if layout not in _LAYOUTS:
        raise UsageError(f"unknown layout {layout!r}; choose one of {', '.join(_LAYOUTS)}")
    if isinstance(network, SignNetwork):
        return network
    if isinstance(network, dict):
        return SignNetwork.from_dict(network)
    if isinstance(network, Path):
        return SignNetwork.load(network)
    if isinstance(network, str):
        if network.lstrip().startswith("{"):
            return SignNetwork.from_json(network)
        return SignNetwork.load(network)
    if isinstance(network, (list, tuple)):
        return _from_plain_layers(network, layout)
    raise UsageError(
        f"cannot read a network from a {type(network).__name__}: give a SignNetwork, the network "
        f"JSON (dict, text or path), or a list of (weights, biases) layers")


def _integers(values, what: str, ndim: int) -> list:
    """``values`` as nested Python ints (``ndim`` 1 or 2); refuses floats, bools, ragged rows."""
    arr = values if isinstance(values, np.ndarray) else None
    if arr is not None:
        if arr.ndim != ndim:
            raise UsageError(f"{what} must be a {ndim}-d array, got shape {arr.shape}")
        if arr.dtype != object and not (np.issubdtype(arr.dtype, np.integer)
                                        and arr.dtype != np.bool_):
            found = f"{arr.flat[0].item()!r} ({arr.dtype})" if arr.size else (
                f"an empty {arr.dtype} array")
            raise UsageError(f"{what} must be integers, found {found}; "
                             f"convert exactly integral values with .astype(int)")
        values = arr.tolist()
    rows = [values] if ndim == 1 else values
    if not isinstance(rows, (list, tuple)) or any(not isinstance(r, (list, tuple, np.ndarray))
                                                  for r in rows):
        raise UsageError(f"{what} must be a {'list' if ndim == 1 else 'list of rows'} of integers")
    out = []
    for row in rows:
        row = row.tolist() if isinstance(row, np.ndarray) else row
        clean = []
        for v in row:
            if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)):
                raise UsageError(f"{what} must be integers, found {v!r} ({type(v).__name__}); "
                                 f"convert exactly integral values with int()")
            clean.append(int(v))
        out.append(clean)
    if ndim == 2 and len({len(r) for r in out}) > 1:
        raise UsageError(f"{what} rows have different lengths {sorted({len(r) for r in out})}")
    return out[0] if ndim == 1 else out


def _from_plain_layers(layers, layout: str) -> SignNetwork:
    if not layers:
        raise UsageError("a network needs at least one layer (the outputs)")
    parsed = []
    for k, layer in enumerate(layers):
        if isinstance(layer, dict) or not isinstance(layer, (list, tuple)) or len(layer) != 2:
            raise UsageError(f"layer {k} must be a pair (weights, biases); plain-list networks "
                             f"are [(W1, b1), (W2, b2), ...]")
        w = _integers(layer[0], f"layer {k} weights", 2)
        b = _integers(layer[1], f"layer {k} biases", 1)
        if not w:
            raise UsageError(f"layer {k} has no units (no weight rows)")
        if len(w) != len(b):
            raise UsageError(f"layer {k} has {len(w)} weight rows but {len(b)} biases")
        parsed.append((w, b))
    m = len(parsed[0][0][0])
    if m < 1:
        raise UsageError("layer 0 weight rows are empty: they need one entry per input x_j")
    if m > MAX_TABLE_INPUTS:
        raise UsageError(f"layer 0 reads {m} inputs; memcap checks networks of at most "
                         f"M = {MAX_TABLE_INPUTS} inputs")
    if layout == "auto" and len(parsed) > 1:
        width, prev = len(parsed[1][0][0]), len(parsed[0][0])
        if width == prev:
            layout = "layered"
        elif width == m + prev:
            layout = "any-depth"
        else:
            raise UsageError(
                f"layer 1 rows have {width} entries: a layered network needs {prev} (the units of "
                f"layer 0), an any-depth one {m + prev} (M = {m} inputs + {prev} units)")
    built, offset, available = [], m, m
    prev_start, prev_units = 0, m
    for k, (w, b) in enumerate(parsed):
        if k == 0:
            sources = range(m)
        elif layout == "layered":
            sources = range(prev_start, prev_start + prev_units)
        else:
            sources = range(available)
        if len(w[0]) != len(sources):
            kind = "the previous layer's units" if k and layout == "layered" else (
                "the inputs" if k == 0 else "the inputs and every earlier unit")
            raise UsageError(f"layer {k} rows have {len(w[0])} entries but this {layout} "
                             f"network's layer {k} reads {len(sources)} values ({kind})")
        built.append(Layer.from_lists(w, b, list(sources)))
        prev_start, prev_units = offset, len(w)
        offset += len(w)
        available += len(w)
    return SignNetwork(m, tuple(built), method="plain-lists")


# ------------------------------------------------------------------------------------------ tables
def as_boolean_function(table) -> BooleanFunction:
    """Convert any accepted table form to a :class:`~constructions.boolean.BooleanFunction`.

    Parameters
    ----------
    table : BooleanFunction, str, list of str, or sequence of outputs
        See the module docstring: truth-table strings (``"0110"``, ``"0110,0001"``), or one entry
        per input in the memcap input order (±1, 0/1 or bool; or N of them per input).

    Returns
    -------
    BooleanFunction
        The table, M and N read from its shape (``table`` itself when it is one).

    Raises
    ------
    capacity.errors.UsageError
        A length that is not 2**M, characters other than 0/1, values other than ±1/0/1.

    Examples
    --------
    >>> as_boolean_function("0110") == as_boolean_function([-1, 1, 1, -1])
    True
    >>> as_boolean_function([(0, 0), (1, 0), (1, 0), (0, 1)]).to_strings()   # shape (2**M, N)
    ['0110', '0001']
    """
    if isinstance(table, BooleanFunction):
        return table
    if isinstance(table, str):
        return BooleanFunction.from_strings(table)
    if isinstance(table, (list, tuple)) and table and all(isinstance(t, str) for t in table):
        return BooleanFunction.from_strings(list(table))
    if not isinstance(table, (list, tuple, np.ndarray)):
        raise UsageError(f"cannot read a truth table from a {type(table).__name__}: give a "
                         f"BooleanFunction, a string like '0110', or one output per input")
    try:
        arr = np.asarray(table)
    except ValueError:
        raise UsageError("table entries must all have the same number of outputs") from None
    if arr.dtype == object or arr.ndim not in (1, 2) or arr.size == 0:
        raise UsageError(f"a table must have one entry per input, shape (2**M,) or (2**M, N); "
                         f"got {'a ragged sequence' if arr.dtype == object else arr.shape}")
    length = arr.shape[0]
    if length < 2 or length & (length - 1):
        hint = ""
        if arr.ndim == 2 and arr.shape[1] >= 2 and not arr.shape[1] & (arr.shape[1] - 1):
            hint = f"; did you pass it transposed? (2**M, N) = {arr.shape[::-1]}"
        raise UsageError(f"a table needs one entry per input, 2**M of them; got {length}{hint}")
    if arr.dtype.kind not in "biuf":  # '0'/'1' characters, complex numbers
        raise UsageError(f"table outputs must be numbers ±1, or 0/1, or bools, got {arr.dtype} "
                         f"values; a string of 0/1 characters is read as one table ('0110')")
    ok = np.isin(arr, (-1, 0, 1))
    if not ok.all():
        bad = arr[~ok].ravel()[0].item()
        raise UsageError(f"table outputs must be ±1, or 0/1, or bools, found {bad!r}")
    if np.any(arr == -1) and np.any(arr == 0):
        raise UsageError("table outputs must be ±1, or 0/1, or bools, not a mix of -1 and 0")
    return BooleanFunction(arr.T > 0 if arr.ndim == 2 else arr > 0, name="table")


# ----------------------------------------------------------------------------------- the assertion
def _fmt_signs(values) -> str:
    return "[" + ", ".join(f"{int(v):+d}" for v in values) + "]"


def _fmt_point(i: int, m: int) -> str:
    return "(" + ", ".join(f"{v:+d}" for v in index_to_point(i, m)) + ")"


def _preactivations(net: SignNetwork, i: int) -> list[list[int]]:
    """Every unit's pre-activation on input ``i``, layer by layer, in Python integers."""
    values = list(index_to_point(i, net.inputs))
    pres = []
    for layer in net.layers:
        w = [[int(v) for v in row] for row in layer.weights]
        z = [sum(wv * values[s] for wv, s in zip(row, layer.sources, strict=True)) + int(bias)
             for row, bias in zip(w, layer.biases, strict=True)]
        pres.append(z)
        values += [1 if v >= 0 else -1 for v in z]
    return pres


def _zero_units(net: SignNetwork, pres: list[list[int]]) -> str:
    found = []
    for k, (layer_pre, start) in enumerate(zip(pres, net.layer_offsets(), strict=True)):
        found += [f"layer {k} unit {u} (value index {start + u})"
                  for u, z in enumerate(layer_pre) if z == 0]
    text = ", ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
    return text + (" has" if len(found) == 1 else " have") + " pre-activation 0"


def assert_realises(network, table, *, layout: str = "auto", force: bool = False) -> None:
    """Assert that ``network`` computes ``table`` on every input with no zero pre-activation.

    Verification is exhaustive over all ``2**M`` inputs in exact integer arithmetic (memcap's
    verifier, :func:`constructions.verify.verify`: integer or exactly representable sums, Python
    integers when weights are too large for int64).

    Parameters
    ----------
    network : SignNetwork, dict, str, pathlib.Path or list of (weights, biases)
        Any form :func:`as_sign_network` accepts.
    table : BooleanFunction, str, list of str, or sequence of outputs
        Any form :func:`as_boolean_function` accepts.
    layout : {"auto", "layered", "any-depth"}
        The plain-list layout (see :func:`as_sign_network`).
    force : bool
        Allow an exhaustive check above M = 24 inputs or estimated at more than 15 minutes;
        without it such a check is refused with a ValueError
        (:class:`~constructions.verify.TooLongToVerify`) that says what it would cost.

    Raises
    ------
    AssertionError
        Some input gets a wrong output, or some unit's pre-activation is 0 on some input. The
        first line names the first wrong input ``i`` (in the memcap order), its point x, and the
        expected and actual outputs: ``wrong output on input 3, x = (+1, +1): expected [-1], got
        [+1] (1 of 4 inputs wrong)``; further lines give the output pre-activations there, the
        first input with a zero pre-activation and its units, and (for small tables) the whole
        computed table next to the target.
    capacity.errors.UsageError
        A usage error: a network or table that cannot be read, or whose M or N disagree.

    Examples
    --------
    >>> assert_realises([([[1, 1]], [1])], "0111")          # OR of two inputs
    >>> assert_realises([([[1, 1]], [1])], "0110")          # not XOR
    Traceback (most recent call last):
    ...
    AssertionError: wrong output on input 3, x = (+1, +1): expected [-1], got [+1] ...
    ...
    >>> assert_realises([([[1, 1]], [0])], "0111")          # right outputs, but 0 on x = (+1, -1)
    Traceback (most recent call last):
    ...
    AssertionError: zero pre-activation on input 1, x = (+1, -1): layer 0 unit 0 (value index 2) ...
    """
    __tracebackhide__ = True  # pytest shows the caller's line and this message, not our frame
    function = as_boolean_function(table)
    net = as_sign_network(network, layout=layout)
    m, n = function.inputs, function.outputs
    if net.inputs != m:
        hint = f"give a table of 2**{net.inputs} entries"
        if net.inputs > MAX_TABLE_INPUTS:  # no table can match (2026-12-06 review)
            hint = f"memcap's truth tables go up to M = {MAX_TABLE_INPUTS}, so none can match"
        elif not isinstance(table, (BooleanFunction, str)) and n == 1 << net.inputs:
            hint = f"did you pass it transposed? (2**M, N) = ({n}, {1 << m})"
        raise UsageError(f"the network reads M = {net.inputs} inputs but the table has "
                         f"{1 << m} entries (M = {m}); {hint}")
    if net.outputs != n:
        raise UsageError(f"the network has N = {net.outputs} outputs but the table has N = {n}")
    try:
        result = verify(net, function, force=force, max_counterexamples=4)
    except TooLongToVerify as exc:  # in this function's words: it has force, no samples
        raise TooLongToVerify(exc.what, "pass force=True to assert_realises to run it") \
            from None
    if result.ok:
        return
    total = 1 << m
    lines = []
    if result.counterexamples:
        first = result.counterexamples[0]
        lines.append(f"wrong output on input {first.index}, x = {_fmt_point(first.index, m)}: "
                     f"expected {_fmt_signs(first.expected)}, got {_fmt_signs(first.got)} "
                     f"({result.wrong} of {total} inputs wrong)")
        if n > 1:
            differ = [j for j in range(n) if first.expected[j] != first.got[j]]
            lines.append(f"  outputs that differ there: {differ}")
        pres = _preactivations(net, first.index)
        lines.append(f"  output pre-activations there: {pres[-1]}")
        more = [c.index for c in result.counterexamples[1:]]
        if more:
            lines.append(f"  next wrong inputs: {', '.join(map(str, more))}"
                         + (", ..." if result.wrong > len(more) + 1 else ""))
    if result.zero_preactivations:
        z = result.zero_indices[0]
        where = _zero_units(net, _preactivations(net, z))
        text = (f"zero pre-activation on input {z}, x = {_fmt_point(z, m)}: {where}, an "
                f"ambiguous sign(0) (read as +1; {result.zero_preactivations} of {total} "
                f"inputs meet a zero)")
        lines.append(text if not lines else "  " + text)
    if n * total <= 256:
        got = BooleanFunction(_all_outputs(net).T > 0)
        lines.append(f"  network computes {','.join(got.to_strings())}; "
                     f"table is {','.join(function.to_strings())}")
    raise AssertionError("\n".join(lines))


def _all_outputs(net: SignNetwork) -> np.ndarray:
    return net.evaluate(all_inputs(net.inputs))  # (2^M, N)


# -------------------------------------------------------------------------------------- strategies
def _strategies():
    try:
        from hypothesis import strategies as st
    except ImportError:  # pragma: no cover - exercised only without hypothesis installed
        raise ImportError(
            "constructions.testing's strategies need hypothesis; install it with "
            "pip install 'memcap[testing]' (or pip install hypothesis). assert_realises works "
            "without it.") from None
    return st


def _checked_int(value, name: str, low: int, high: int | None, also: str = "") -> int:
    """``value`` as an int in [low, high]; one-line ValueError naming ``name`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise UsageError(f"{name} must be an int{also}, got {value!r}")
    if value < low or (high is not None and value > high):
        limit = f">= {low}" if high is None else f"between {low} and {high}"
        raise UsageError(f"{name} must be {limit}, got {value}")
    return int(value)


def _as_strategy(st, value, name: str, low: int, high: int | None):
    if hasattr(value, "example") and hasattr(value, "map"):  # a hypothesis strategy
        return value
    return st.just(_checked_int(value, name, low, high, " or a hypothesis strategy"))


def _drawn_outputs(value) -> int:
    """N drawn from a user's strategy: an int >= 1 (2.5 was truncated to 2, True read as 1)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise UsageError(f"outputs must be an integer, got {value!r}")
    if value < 1:
        raise UsageError(f"outputs must be >= 1, got {value}")
    return int(value)


def _row_strategy(st, m: int, families: tuple[str, ...], outputs: int = 1):
    """A strategy for one output row of ``outputs``: ``(name, bool array of length 2**m)``."""
    size = 1 << m

    def constant(value):
        return (f"constant({value:+d})", np.full(size, value > 0))

    def literal(args):
        j, neg = args
        row = table_by_chunks(m, lambda idx: (idx >> j) & 1 == 1)
        return (f"{'-' if neg else ''}literal(x{j})", ~row if neg else row)

    def parity(args):
        subset, neg = args
        row = table_by_chunks(m, lambda idx: sum((idx >> j) & 1 for j in sorted(subset)) % 2 == 1)
        name = f"{'-' if neg else ''}parity({','.join(f'x{j}' for j in sorted(subset))})"
        return (name, ~row if neg else row)

    def threshold(args):
        w, b = args
        bias = 2 * b + 1 - int(sum(w)) % 2  # odd pre-activation
        return (f"threshold(w={list(w)})", threshold_table(m, w, bias))

    def sparse(ones):
        row = np.zeros(size, dtype=bool)
        row[sorted(ones)] = True
        return (f"sparse({len(ones)} ones)", row)

    def dense_bytes(raw):
        row = np.unpackbits(np.frombuffer(raw, dtype=np.uint8), bitorder="little")[:size]
        return ("dense", row.view(bool))

    def dense_seed(seed):  # one random byte per 8 entries (float64 draws took 2 GiB at M = 28)
        raw = np.random.default_rng(seed).bytes((size + 7) // 8)
        return dense_bytes(raw)

    every_input = st.just(frozenset(range(m)))
    options = {
        "constant": st.sampled_from([1, -1]).map(constant),
        "literal": st.tuples(st.integers(0, m - 1), st.booleans()).map(literal),
        "parity": st.tuples(st.one_of(every_input, st.frozensets(st.integers(0, m - 1),
                                                                   min_size=1)),
                            st.booleans()).map(parity),
        "threshold": st.tuples(st.lists(st.integers(-m, m), min_size=m, max_size=m),
                               st.integers(-m * m, m * m)).map(threshold),
        "sparse": st.frozensets(st.integers(0, size - 1), min_size=1,
                                max_size=min(4, size)).map(sparse),
        "dense": (st.binary(min_size=(size + 7) // 8, max_size=(size + 7) // 8).map(dense_bytes)
                  if m <= _DENSE_BYTES_MAX_INPUTS and outputs * size <= _DENSE_BYTES_MAX_BITS
                  else st.integers(0, 2**64 - 1).map(dense_seed)),
    }
    return st.one_of(*[options[f] for f in families])


def boolean_maps(inputs, outputs=1, *, families=None):
    """Hypothesis strategy drawing Boolean maps {±1}^M → {±1}^N as ``BooleanFunction``\\ s.

    Each output is drawn independently from a mix of the families in
    :data:`BOOLEAN_MAP_FAMILIES` (not evenly: hypothesis's ``one_of`` favours some, see
    docs/testing.md), and each one turns up in a run of a few dozen examples:

    * ``constant``: the constant +1 or −1;
    * ``literal``: a single input ``x_j`` or its negation;
    * ``parity``: the parity of all inputs (often) or of a random subset, or its complement;
    * ``threshold``: ``sign(w·x + b)`` with integer ``w`` in [−M, M] and an odd pre-activation;
    * ``sparse``: +1 on one to four random inputs, −1 elsewhere;
    * ``dense``: a uniformly random table (drawn bit by bit up to M = 12 while the N tables
      hold at most 2^14 entries, so failures shrink towards fewer +1 entries; from a drawn seed
      above).

    The function's ``name`` records the family of each output, separated by ``"; "`` (for
    example ``"parity(x0,x1); constant(-1)"``); read it as ``f.name`` in a failing test.

    Parameters
    ----------
    inputs : int or hypothesis strategy of int
        M, between 1 and 28 (keep it small: tables have 2**M entries).
    outputs : int or hypothesis strategy of int
        N, at least 1.
    families : sequence of str, optional
        Restrict the mix to these families (default: all of them).

    Returns
    -------
    hypothesis.strategies.SearchStrategy of BooleanFunction

    Raises
    ------
    ImportError
        hypothesis is not installed (``pip install 'memcap[testing]'``).
    capacity.errors.UsageError
        A bad M, N or family name.

    Examples
    --------
    >>> from hypothesis import given, settings, strategies as st
    >>> from constructions.builders import build
    >>> @settings(max_examples=25, deadline=None, database=None)
    ... @given(boolean_maps(st.integers(1, 4), outputs=2))
    ... def test_lookup_builder(f):
    ...     assert f.outputs == 2
    ...     assert_realises(build(f, "lookup"), f)
    >>> test_lookup_builder()
    """
    st = _strategies()
    if isinstance(families, str):  # "parity" was read letter by letter
        raise UsageError(f"families must be a sequence of family names, not the string "
                         f"{families!r}; write families=[{families!r}]")
    try:
        chosen = tuple(BOOLEAN_MAP_FAMILIES if families is None else families)
    except TypeError:  # families=3 raised a bare "'int' object is not iterable"
        raise UsageError(f"families must be a sequence of family names, got {families!r}; "
                         f"choose from {', '.join(BOOLEAN_MAP_FAMILIES)}") from None
    if not chosen:
        raise UsageError("families is empty; name at least one of "
                         f"{', '.join(BOOLEAN_MAP_FAMILIES)}")
    unknown = [f for f in chosen if f not in BOOLEAN_MAP_FAMILIES]
    if unknown:
        raise UsageError(f"unknown families {unknown}; choose from "
                         f"{', '.join(BOOLEAN_MAP_FAMILIES)}")
    m_strategy = _as_strategy(st, inputs, "inputs", 1, MAX_TABLE_INPUTS)
    n_strategy = _as_strategy(st, outputs, "outputs", 1, None)

    @st.composite
    def draw_map(draw):
        m = check_inputs(draw(m_strategy))
        n = _drawn_outputs(draw(n_strategy))
        row = _row_strategy(st, m, chosen, n)
        rows = [draw(row) for _ in range(n)]
        return BooleanFunction(np.stack([r for _, r in rows]),
                               name="; ".join(name for name, _ in rows))

    return draw_map()


def sign_networks(max_inputs=6, max_layers=3, max_units=4, max_weight=3, odd=None, *,
                  inputs=None, outputs=None):
    """Hypothesis strategy drawing valid integer sign networks (``SignNetwork``).

    Each layer reads a random set of one to six earlier values (inputs or units of earlier
    layers: skip edges included) with random integer weights in ``[-max_weight, max_weight]``
    (zeros included) and biases in ``[-max_weight·k, max_weight·k]`` for ``k`` sources. Weights
    past int64 (``max_weight=2**70``) are stored as Python integers.

    Parameters
    ----------
    max_inputs, max_layers, max_units : int
        Upper bounds on M, the number of layers and the units per layer.
    max_weight : int
        Largest |weight|.
    odd : bool, optional
        ``True``: every unit's weight sum + bias is odd, so no pre-activation is ever 0 (the
        memcap invariant); ``False``: no such adjustment (zeros may occur); ``None``: hypothesis
        chooses per network.
    inputs, outputs : int or hypothesis strategy of int, optional
        Fix M or N (the units of the last layer) instead of drawing them up to the maxima.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of SignNetwork

    Raises
    ------
    ImportError
        hypothesis is not installed (``pip install 'memcap[testing]'``).
    capacity.errors.UsageError
        A bound that is not an int in range (M between 1 and 28, at least one layer and unit,
        ``max_weight`` >= 0, and >= 1 unless ``odd=False``), an ``odd`` other than True, False
        or None, or a drawn M or N out of range.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from constructions.boolean import BooleanFunction, all_inputs
    >>> @settings(max_examples=25, deadline=None, database=None)
    ... @given(sign_networks(odd=True, inputs=3, outputs=2))
    ... def test_a_network_realises_its_own_table(net):
    ...     table = net.evaluate(all_inputs(net.inputs))     # (2**M, N) of ±1
    ...     assert (net.inputs, net.outputs) == (3, 2)
    ...     assert_realises(net, table)
    >>> test_a_network_realises_its_own_table()
    """
    st = _strategies()
    # checked here, not when the test runs (max_units=0 failed inside hypothesis, naming no
    # argument; max_inputs=40 drew M = 40; 2026-12-03 audit)
    for name, value, low, high in (("max_layers", max_layers, 1, None),
                                   ("max_units", max_units, 1, None),
                                   ("max_weight", max_weight, 0, None)):
        _checked_int(value, name, low, high)
    if not any(odd is v for v in (True, False, None)):  # `in` compares with ==: 1, 0 and
        # 1.0 passed as True and False (2026-12-05 review)
        raise UsageError(f"odd must be True, False or None, got {odd!r}")
    _checked_int(max_inputs, "max_inputs", 1, MAX_TABLE_INPUTS)  # also beside inputs (it was
    # not checked when inputs was given)
    if max_weight == 0 and odd is not False:  # every pre-activation is 0 then
        raise UsageError("max_weight = 0 makes every pre-activation 0, so none can be odd; "
                         "pass odd=False or a max_weight >= 1")
    m_strategy = (st.integers(1, max_inputs) if inputs is None
                  else _as_strategy(st, inputs, "inputs", 1, MAX_TABLE_INPUTS))
    n_strategy = None if outputs is None else _as_strategy(st, outputs, "outputs", 1, None)

    @st.composite
    def draw_network(draw):
        m = check_inputs(draw(m_strategy))
        make_odd = draw(st.booleans()) if odd is None else odd
        layers, available = [], m
        depth = draw(st.integers(1, max_layers))
        for k in range(depth):
            last = k == depth - 1
            units = _drawn_outputs(draw(n_strategy)) if last and n_strategy is not None else draw(
                st.integers(1, max_units))
            width = draw(st.integers(1, min(available, 6)))
            sources = draw(st.lists(st.integers(0, available - 1), min_size=width,
                                    max_size=width, unique=True))
            w = draw(st.lists(st.lists(st.integers(-max_weight, max_weight), min_size=width,
                                       max_size=width), min_size=units, max_size=units))
            b = draw(st.lists(st.integers(-max_weight * width, max_weight * width),
                              min_size=units, max_size=units))
            if make_odd:
                # make each pre-activation odd by moving the bias one step toward 0 when it is
                # even-parity, so it stays inside ±max_weight·width (2026-12-01 audit: bi + 1
                # left the documented range at its top)
                b = [bi if (sum(row) + bi) % 2 else bi - 1 if bi > 0 else bi + 1
                     for row, bi in zip(w, b, strict=True)]
            layers.append(Layer.from_lists(w, b, sources))  # int64, or Python ints when huge
            available += units
        return SignNetwork(m, tuple(layers), method="random")

    return draw_network()

