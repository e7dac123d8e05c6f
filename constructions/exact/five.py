"""Every function of five inputs has an any-depth sign network of at most 5 neurons (derived).

The argument, checked by :func:`check_five_input_bound` from shipped data:

1. *Shannon merge* (:mod:`constructions.exact.shannon`): for any input ``x_j``,
   ``f = x_j ? f1 : f0`` is realised with as many neurons as networks for the two 4-input
   cofactors ``f1``, ``f0`` together.
2. *The M = 4 table* (:mod:`constructions.exact.tables`, proven minima): a 4-input function
   needs at most 3 any-depth neurons, and 13 370 of the 65 536 need exactly 3.
3. So ``f`` has a network of at most 2 + 3 = 5 neurons unless **all ten** of its cofactors (two
   for each of the five inputs) need 3. :func:`all_hard_functions` enumerates those functions
   exactly: 1 821 338 of the 2^32, in 337 NPN classes (the condition is invariant under
   permuting and negating inputs and negating the output, because the M = 4 minima are).
4. For each of the 337 classes a network of at most 5 neurons (in fact 3 or 4) is shipped in
   ``five_witnesses.json`` and verified on all 32 inputs by :func:`check_five_input_bound`; a
   network for one function of a class gives one of the same size for every function of the
   class (permute and negate its input weights; negate the output unit).

Together with the lower bound 3 (a 4-input function that needs 3 neurons needs 3 as a function
of five inputs), the worst case over all functions of five inputs, any depth, lies in [3, 5];
before this module the bracket was [3, 6] (3 + 3 from the merge).

The witnesses come from CP-SAT (:func:`~constructions.exact.solver.solve_size`, weights capped
at 8, 20 s per size, one worker): :func:`five_input_witnesses` regenerates them; under load a
size may time out and the next one be recorded instead, so a regenerated file can differ from
the shipped one while proving the same bound.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from capacity.atomic_files import atomic_write_text
from capacity.errors import UsageError
from constructions.boolean import BooleanFunction
from constructions.exact.npn import canonical_forms, table_string, table_value
from constructions.exact.tables import load_minimal_table
from constructions.network import Layer, SignNetwork

__all__ = ["FIVE_WITNESS_FILE", "FIVE_WITNESS_FORMAT", "FiveInputBound", "all_hard_functions",
           "check_five_input_bound", "five_input_classes", "five_input_witnesses",
           "load_five_witnesses", "witness_network", "write_five_witnesses"]

#: ``format`` key of the witness file.
FIVE_WITNESS_FORMAT = "memcap.five-input-witnesses/1"

#: The shipped witness file (next to this module).
FIVE_WITNESS_FILE = Path(__file__).resolve().parent / "five_witnesses.json"


@lru_cache(maxsize=1)
def _four_input_neurons() -> np.ndarray:
    """Proven minimal any-depth neurons of every 4-input function, indexed by its table value."""
    need = {table_value(c["table"]): int(c["neurons"])
            for c in load_minimal_table(4, "any-depth").classes}
    return np.array([need[int(c)] for c in canonical_forms(4).tolist()], dtype=np.int8)


def _restriction(j: int, b: int) -> np.ndarray:
    """For every 16-bit table over (x0..x3), the 8-bit table of its cofactor at ``x_j = b``
    over the other three inputs in order."""
    funcs = np.arange(1 << 16, dtype=np.int64)
    out = np.zeros(1 << 16, dtype=np.int64)
    for r in range(8):
        low, high = r & ((1 << j) - 1), r >> j
        src = low | (b << j) | (high << (j + 1))
        out |= ((funcs >> src) & 1) << r
    return out


@lru_cache(maxsize=1)
def all_hard_functions() -> np.ndarray:
    """The 5-input functions all ten of whose 4-input cofactors need 3 any-depth neurons.

    A 5-input table is ``g0 + 2^16·g1`` with ``g0``, ``g1`` its cofactors at ``x4 = −1, +1``;
    its cofactor at ``x_j = b`` (``j < 4``) is the 4-input table over (the other three of
    x0..x3, then x4) whose low 8 bits restrict ``g0`` and high 8 bits restrict ``g1``. Exact
    enumeration over the 13 370² pairs of hard cofactors (about 2 s). Returns the sorted tables
    (int64, read-only).

    Examples
    --------
    >>> hard = all_hard_functions()
    >>> len(hard), bool((hard[1:] > hard[:-1]).all())
    (1821338, True)
    """
    need = _four_input_neurons()
    hard = need == 3
    pool = np.flatnonzero(hard)
    restrict = {(j, b): _restriction(j, b) for j in range(4) for b in range(2)}
    high = np.arange(256, dtype=np.int64) << 8
    found = []
    for g0 in pool.tolist():
        ok = np.ones(len(pool), dtype=bool)
        for r in restrict.values():
            ok &= hard[int(r[g0]) | high][r[pool]]  # the cofactor (g0's half, g1's half) is hard
        found.append(int(g0) | (pool[ok] << 16))
    out = np.sort(np.concatenate(found))
    out.setflags(write=False)
    return out


@lru_cache(maxsize=1)
def _five_input_maps() -> np.ndarray:
    """Every permutation-with-negations of five inputs as a map of input indices (3840, 32)."""
    idx = np.arange(32)
    bits = (idx[:, None] >> np.arange(5)) & 1
    rows = [((bits[:, list(p)] << np.arange(5)).sum(axis=1)) ^ neg
            for p in itertools.permutations(range(5)) for neg in range(32)]
    return np.array(rows, dtype=np.int64)


def _orbit(value: int) -> np.ndarray:
    """The NPN class of a 5-input table value, sorted."""
    f = np.array([(value >> i) & 1 for i in range(32)], dtype=np.int64)
    g = (f[_five_input_maps()] << np.arange(32, dtype=np.int64)).sum(axis=1)
    return np.unique(np.concatenate([g, g ^ 0xFFFFFFFF]))


def five_input_classes(functions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """NPN class representatives (smallest table) and class sizes of a set of 5-input tables
    closed under NPN transformations (sorted array); a set that is not closed is refused.

    Examples
    --------
    >>> reps, sizes = five_input_classes(np.array([0, 0xFFFFFFFF]))   # the two constants
    >>> reps.tolist(), sizes.tolist()
    ([0], [2])
    """
    functions = np.asarray(functions, dtype=np.int64)
    removed = np.zeros(len(functions), dtype=bool)
    reps, sizes, pos = [], [], 0
    while True:
        while pos < len(functions) and removed[pos]:
            pos += 1
        if pos == len(functions):
            break
        orbit = _orbit(int(functions[pos]))
        at = np.searchsorted(functions, orbit)
        if (at >= len(functions)).any() or (functions[np.minimum(at, len(functions) - 1)]
                                            != orbit).any():
            raise UsageError("the set of functions is not closed under NPN transformations")
        removed[at] = True
        reps.append(int(orbit[0]))
        sizes.append(len(orbit))
    return np.array(reps, dtype=np.int64), np.array(sizes, dtype=np.int64)


def five_input_witnesses(*, time_limit: float = 20.0, workers: int = 1,
                         progress=None) -> list[dict]:
    """A verified any-depth network of at most 5 neurons for each class of
    :func:`all_hard_functions`, the smallest that CP-SAT finds with weights capped at 8.

    Each record: ``table`` (the class's smallest table), ``neurons`` (3, 4 or 5; an upper bound,
    not a proven minimum) and ``units``, one ``{"weights", "bias"}`` per neuron in order; neuron
    ``k`` reads the five inputs and the ``k`` neurons before it, the last is the output. About
    3 minutes on the 2-core machine.
    """
    from constructions.exact.assemble import network_from_hidden
    from constructions.exact.solver import solve_size
    from constructions.verify import verify

    reps, _ = five_input_classes(all_hard_functions())
    records = []
    for done, rep in enumerate(reps.tolist()):
        table = table_string(rep, 5)
        f = BooleanFunction.from_strings(table)
        for neurons in (3, 4, 5):
            out = solve_size(f, neurons, "any-depth", time_limit=time_limit, workers=workers,
                             weight_cap=8)
            if out.status == "feasible":
                break
        else:
            raise RuntimeError(f"no network of at most 5 neurons found for {table}")
        net = network_from_hidden(f, out.hidden, "any-depth", out.weights)
        if not verify(net, f).ok:  # pragma: no cover - network_from_hidden's weights are exact
            raise RuntimeError(f"the network found for {table} failed verification")
        records.append({"table": table, "neurons": net.sizes().neurons,
                        "units": [{"weights": [int(v) for v in layer.weights[0].tolist()],
                                   "bias": int(layer.biases[0])} for layer in net.layers]})
        if progress is not None:
            progress(done + 1, len(reps))
    return records


def write_five_witnesses(path: str | Path | None = None, **kwargs) -> Path:
    """Compute :func:`five_input_witnesses` and write them (atomically; default: the shipped
    file)."""
    path = FIVE_WITNESS_FILE if path is None else Path(path)
    data = {"format": FIVE_WITNESS_FORMAT,
            "description": "An any-depth sign network of at most 5 neurons for each NPN class "
                           "of 5-input functions all of whose 4-input cofactors need 3 neurons "
                           "(constructions.exact.five; verified on all inputs)",
            "witnesses": five_input_witnesses(**kwargs)}
    atomic_write_text(path, json.dumps(data, indent=None, separators=(",", ":")) + "\n")
    return path


def load_five_witnesses(path: str | Path | None = None) -> list[dict]:
    """The witness records of the shipped file (or ``path``).

    Examples
    --------
    >>> w = load_five_witnesses()
    >>> len(w), max(r["neurons"] for r in w)
    (337, 4)
    """
    data = json.loads(Path(FIVE_WITNESS_FILE if path is None else path).read_text())
    if data.get("format") != FIVE_WITNESS_FORMAT:
        raise UsageError(f"not a {FIVE_WITNESS_FORMAT} file")
    return list(data["witnesses"])


def witness_network(record: dict) -> SignNetwork:
    """The sign network of one witness record (one unit per layer, each reading every input and
    every earlier unit).

    Examples
    --------
    >>> r = load_five_witnesses()[0]
    >>> net = witness_network(r)
    >>> net.inputs, net.sizes().neurons == r["neurons"]
    (5, True)
    """
    layers = []
    for k, unit in enumerate(record["units"]):
        layers.append(Layer.from_lists([list(unit["weights"])], [int(unit["bias"])],
                                       list(range(5 + k))))
    return SignNetwork(5, tuple(layers), method=f"five-input witness {record['table']}")


@dataclass(frozen=True)
class FiveInputBound:
    """What :func:`check_five_input_bound` checked.

    ``hard_functions`` / ``hard_classes``: functions (classes) all of whose cofactors need 3
    neurons; ``witness_neurons``: how many classes have a witness of each size; ``bound``: the
    proven worst-case upper bound (5 = 2 + 3 from the merge, or the largest witness if larger).
    """

    hard_functions: int
    hard_classes: int
    witness_neurons: dict
    bound: int


def check_five_input_bound(path: str | Path | None = None) -> FiveInputBound:
    """Check the certificate that every 5-input function has an any-depth network of at most 5
    neurons: enumerate the functions with no cofactor of at most 2 neurons, split them into NPN
    classes, and verify the shipped witness of every class on all 32 inputs.

    Raises ``RuntimeError`` if the witnesses do not cover the classes exactly or one fails.

    Examples
    --------
    >>> b = check_five_input_bound()                     # a few seconds
    >>> b.hard_functions, b.hard_classes, b.bound
    (1821338, 337, 5)

    References
    ----------
    Derived (this module's docstring); the Shannon merge and the M = 4 minima are memcap's
    (docs/exact.md).
    """
    from constructions.verify import verify

    hard = all_hard_functions()
    reps, _ = five_input_classes(hard)
    records = {r["table"]: r for r in load_five_witnesses(path)}
    tables = [table_string(v, 5) for v in reps.tolist()]
    if sorted(records) != sorted(tables):
        raise RuntimeError("the witness file does not hold exactly one record per hard class")
    counts: dict[int, int] = {}
    for table in tables:
        rec = records[table]
        net = witness_network(rec)
        if net.sizes().neurons != rec["neurons"] or not verify(
                net, BooleanFunction.from_strings(table)).ok:
            raise RuntimeError(f"the witness for {table} does not realise it")
        counts[rec["neurons"]] = counts.get(rec["neurons"], 0) + 1
    return FiveInputBound(len(hard), len(reps), dict(sorted(counts.items())),
                          max(5, *counts))
