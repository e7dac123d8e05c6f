"""Minimal networks of one representative per NPN class, M ≤ 4, with integer weights.

The minimal tables (:mod:`constructions.exact.tables`) say how many neurons every function of
``M ≤ 4`` inputs needs; this module keeps one network of exactly that size per NPN class and
architecture, so that a builder can realise *any* small function at its minimum by transforming
its class's network (:mod:`constructions.builders.gated` for one hidden layer,
:mod:`constructions.builders.minimal` for any depth). Every network is found by the exact solver
(CP-SAT, :func:`~constructions.exact.solver.solve_size`) or, for threshold functions, is the
single unit of the ``linear`` builder; every one is verified on all inputs before it is written.

The shipped files are ``constructions/exact/layered_witnesses.json`` and
``constructions/exact/any_depth_witnesses.json`` (:func:`write_witnesses` regenerates them
byte for byte: CP-SAT on one worker with a fixed seed is deterministic, while several workers
race and may return other, equally minimal networks;
``tests/constructions/test_gated.py`` and ``tests/constructions/test_minimal_builder.py`` check
every record against the minimal tables).
"""

from __future__ import annotations

import json
from pathlib import Path

from capacity.atomic_files import atomic_write_text
from capacity.errors import UsageError
from constructions.boolean import BooleanFunction
from constructions.exact.assemble import network_from_hidden
from constructions.exact.npn import npn_classes, table_string
from constructions.exact.solver import check_arch, solve_size
from constructions.exact.tables import load_minimal_table
from constructions.threshold import threshold_weights
from constructions.verify import verify

__all__ = ["WITNESS_FILES", "WITNESS_FORMATS", "any_depth_witnesses", "layered_witnesses",
           "write_witnesses"]

#: ``format`` key of each architecture's witness file.
WITNESS_FORMATS = {"layered": "memcap.layered-witnesses/1",
                   "any-depth": "memcap.any-depth-witnesses/1"}

#: File name of each architecture's witnesses (in ``constructions/exact``).
WITNESS_FILES = {"layered": "layered_witnesses.json", "any-depth": "any_depth_witnesses.json"}


def _threshold_unit(f: BooleanFunction, table: str, m: int) -> tuple[list[int], int]:
    found = threshold_weights(f.table[0], m)
    if found is None:  # pragma: no cover - the minimal table says it is a threshold function
        raise RuntimeError(f"witnesses: {table} is listed as a threshold function")
    w, b = found
    return [int(v) for v in w], int(b)


def _solved(f: BooleanFunction, table: str, neurons: int, arch: str, workers: int):
    """A verified ``neurons``-neuron network of ``arch`` for ``f`` (CP-SAT, then exact weights)."""
    out = solve_size(f, neurons, arch, time_limit=3600, workers=workers)
    if out.status != "feasible":  # pragma: no cover - the size is the proven minimum
        raise RuntimeError(f"witnesses: CP-SAT found no {neurons}-neuron network for {table}")
    net = network_from_hidden(f, out.hidden, arch, out.weights)
    if not verify(net, f).ok or net.sizes().neurons != neurons:  # pragma: no cover
        raise RuntimeError(f"witnesses: the network for {table} failed verification")
    return net


def _record(table: str, m: int, neurons: int, workers: int) -> dict:
    f = BooleanFunction.from_strings(table)
    if neurons == 1:  # a threshold function: one unit; as a block it is one hidden unit read +1
        w, b = _threshold_unit(f, table, m)
        return {"table": table, "neurons": 1, "hidden_weights": [w], "hidden_biases": [b],
                "output_weights": [1], "output_bias": 0}
    hid, outl = _solved(f, table, neurons, "layered", workers).layers
    return {"table": table, "neurons": neurons,
            "hidden_weights": [[int(v) for v in row] for row in hid.weights.tolist()],
            "hidden_biases": [int(v) for v in hid.biases.tolist()],
            "output_weights": [int(v) for v in outl.weights[0].tolist()],
            "output_bias": int(outl.biases[0])}


def _any_depth_record(table: str, m: int, neurons: int, workers: int) -> dict:
    f = BooleanFunction.from_strings(table)
    if neurons == 1:
        w, b = _threshold_unit(f, table, m)
        return {"table": table, "neurons": 1, "units": [{"weights": w, "bias": b}]}
    units = []
    for k, layer in enumerate(_solved(f, table, neurons, "any-depth", workers).layers):
        if list(layer.sources) != list(range(m + k)) or layer.units != 1:  # pragma: no cover
            raise RuntimeError("witnesses: unexpected any-depth layout")  # one unit per layer
        units.append({"weights": [int(v) for v in layer.weights[0].tolist()],
                      "bias": int(layer.biases[0])})
    return {"table": table, "neurons": neurons, "units": units}


def any_depth_witnesses(inputs: int, *, workers: int = 1, progress=None) -> list[dict]:
    """One minimal any-depth network per NPN class of ``inputs``-input functions (``M ≤ 4``).

    Each record: ``table`` (canonical truth table), ``neurons`` (the proven minimum) and
    ``units``, one ``{"weights", "bias"}`` per neuron in order; neuron ``k`` reads the inputs and
    the ``k`` neurons before it (its weights in that order), and the last one is the output.

    Parameters
    ----------
    inputs : int
        Number of inputs M, 1 to 4 (else ``UsageError``).
    workers : int, default 1
        CP-SAT workers (more than one is not deterministic).
    progress : callable or None, default None
        Called as ``progress(done, total)`` after each class.

    Returns
    -------
    list of dict
        The records, in the order of the NPN class representatives.

    Examples
    --------
    >>> [(r["table"], r["neurons"]) for r in any_depth_witnesses(2)]
    [('0000', 1), ('1000', 1), ('1100', 1), ('0110', 2)]
    >>> [len(u["weights"]) for u in any_depth_witnesses(2)[3]["units"]]  # XOR: x0, x1 (+ unit 0)
    [2, 3]
    """
    return _witnesses(inputs, "any-depth", workers, progress)


def layered_witnesses(inputs: int, *, workers: int = 1, progress=None) -> list[dict]:
    """One minimal layered network per NPN class of ``inputs``-input functions (``1 ≤ M ≤ 4``).

    Each record: ``table`` (the canonical truth table), ``neurons`` (the proven minimum of the
    shipped minimal table), ``hidden_weights`` (H × M), ``hidden_biases``, ``output_weights``,
    ``output_bias``. A threshold function is given as one hidden unit read with weight 1 and
    output bias 0 (so ``neurons = 1`` counts the unit alone, as the minimal table does). The
    constant class (canonical table all zeros) has no hidden unit.

    Parameters
    ----------
    inputs : int
        Number of inputs M, 1 to 4 (else ``UsageError``).
    workers : int, default 1
        CP-SAT workers (more than one is not deterministic).
    progress : callable or None, default None
        Called as ``progress(done, total)`` after each class.

    Returns
    -------
    list of dict
        The records, in the order of the NPN class representatives.

    Examples
    --------
    >>> [(r["table"], r["neurons"], len(r["hidden_biases"])) for r in layered_witnesses(2)]
    [('0000', 1, 0), ('1000', 1, 1), ('1100', 1, 1), ('0110', 3, 2)]
    """
    return _witnesses(inputs, "layered", workers, progress)


def _witnesses(inputs: int, arch: str, workers: int, progress) -> list[dict]:
    m = int(inputs)
    if not 1 <= m <= 4:
        raise UsageError(f"witnesses exist for 1 <= M <= 4, got {m}")
    sizes = {c["table"]: int(c["neurons"]) for c in load_minimal_table(m, arch).classes}
    reps, _ = npn_classes(m)
    record = _record if arch == "layered" else _any_depth_record
    records = []
    for done, rep in enumerate(reps.tolist()):
        table = table_string(rep, m)
        if rep == 0 and arch == "layered":
            records.append({"table": table, "neurons": 1, "hidden_weights": [],
                            "hidden_biases": [], "output_weights": [], "output_bias": -1})
        elif rep == 0:
            records.append({"table": table, "neurons": 1,
                            "units": [{"weights": [0] * m, "bias": -1}]})
        else:
            records.append(record(table, m, sizes[table], workers))
        if progress is not None:
            progress(done + 1, len(reps))
    return records


def write_witnesses(arch: str, path: str | Path | None = None, *, max_inputs: int = 4,
                    workers: int = 1) -> Path:
    """Compute the witnesses of M = 1..max_inputs for ``arch`` and write the JSON file
    (atomically).

    With ``max_inputs = 4`` and the default single CP-SAT worker this takes 23 s (layered) and
    49 s (any-depth) on the 2-core machine and writes the shipped file byte for byte (two runs
    each, 2026-11-30); ``workers > 1`` is not deterministic. The default path is the shipped
    package file.

    Parameters
    ----------
    arch : {"any-depth", "layered"}
        Architecture (normalised by ``check_arch``; else ``UsageError``).
    path : str or pathlib.Path or None, default None
        Output file; None overwrites the shipped package file.
    max_inputs : int, default 4
        Largest M written (M = 1..max_inputs; at most 4).
    workers : int, default 1
        CP-SAT workers.

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "w.json"
    >>> p = write_witnesses("layered", out, max_inputs=2)
    >>> [len(v) for v in json.loads(p.read_text())["tables"].values()]   # NPN classes of M=1, 2
    [2, 4]
    """
    arch = check_arch(arch)
    if path is None:
        path = Path(__file__).resolve().parent / WITNESS_FILES[arch]
    data = {"format": WITNESS_FORMATS[arch],
            "description": f"One minimal {arch} sign network per NPN class of M <= 4 inputs "
                           "(constructions.exact.witnesses; verified on all inputs)",
            "tables": {str(m): _witnesses(m, arch, workers, None)
                       for m in range(1, int(max_inputs) + 1)}}
    atomic_write_text(Path(path), json.dumps(data, indent=None, separators=(",", ":")) + "\n")
    return Path(path)
