"""Worst cases at five inputs: every function of 5 inputs has an any-depth sign network of at
most 5 neurons and a one-hidden-layer network of at most 7 (derived, with a checked certificate).

The argument, checked by :func:`check_five_input_bound` from shipped data, for each architecture:

1. *Merge.* For any input ``x_j``, ``f = x_j ? f1 : f0`` with ``f1``, ``f0`` functions of the
   other four inputs. *Any depth*: the Shannon merge (:mod:`constructions.exact.shannon`)
   realises ``f`` with the neurons of networks for ``f1`` and ``f0`` together. *Layered*: the
   ``gated`` construction (:mod:`constructions.builders.gated`, split on ``x_j`` after swapping
   it with ``x4``) realises it with the two blocks' hidden units side by side and one output; a
   block costs its minimal layered network's hidden units, one for a threshold function, at most
   ``max(1, neurons − 1)``.
2. *The M = 4 tables* (:mod:`constructions.exact.tables`, proven minima) give every cofactor's
   cost, so each split has a cost: ``c(f1) + c(f0)`` neurons at any depth,
   ``h(f1) + h(f0) + 1`` layered (``h = max(1, neurons − 1)``).
3. :func:`hard_functions` enumerates exactly the functions whose *every* split costs more than
   the target (5 at any depth, 7 layered): 1 821 338 functions in 337 NPN classes at any depth
   (all ten cofactors need 3 neurons), 66 in 2 classes layered (parity of five inputs and its
   class, and one class of 64). Both sets are closed under permuting and negating inputs and
   negating the output, because the M = 4 minima are.
4. For every class a network within the target is shipped in ``five_witnesses.json`` (any
   depth: 3 or 4 neurons; layered: 5, and 6 for parity) and verified on all 32 inputs; a
   network for one function of a class gives one of the same size for every function of the
   class (permute and negate its input weights; negate the output unit).

With the lower bounds 3 (any depth) and 5 (layered) — a 4-input function's worst case persists
at five inputs, since fixing an unused input turns a 5-input network into a 4-input one of the
same size — the worst cases at M = 5 lie in **[3, 5] at any depth and [5, 7] layered** (before:
[3, 6] from 3 + 3 and [5, 9] from 4 + 4 hidden units plus the output).

The witnesses come from CP-SAT (:func:`~constructions.exact.solver.solve_size`, weights capped
at 8, 20 s per size, one worker): :func:`five_input_witnesses` regenerates them; under load a
size may time out and a larger one be recorded instead, so a regenerated file can differ from
the shipped one while proving the same bound.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from capacity.atomic_files import atomic_write_text
from capacity.errors import UsageError
from constructions.boolean import BooleanFunction
from constructions.exact.npn import canonical_forms, input_transforms, table_string, table_value
from constructions.exact.shannon import cofactor_positions
from constructions.network import Layer, SignNetwork

__all__ = ["FIVE_INPUT_TARGETS", "FIVE_WITNESS_FILE", "FIVE_WITNESS_FORMAT", "FiveInputBound",
           "check_five_input_bound", "five_input_classes", "five_input_witnesses",
           "five_witness_of", "hard_functions", "load_five_witnesses", "split_costs",
           "witness_network", "write_five_witnesses"]

#: The proven worst-case neurons at M = 5 per architecture (the targets of the certificate).
FIVE_INPUT_TARGETS = {"any-depth": 5, "layered": 7}

#: ``format`` key of the witness file.
FIVE_WITNESS_FORMAT = "memcap.five-input-witnesses/2"

#: The shipped witness file (next to this module).
FIVE_WITNESS_FILE = Path(__file__).resolve().parent / "five_witnesses.json"


def _check_arch(arch: str) -> str:
    if arch not in FIVE_INPUT_TARGETS:
        raise UsageError(f"unknown architecture {arch!r}; choose any-depth or layered")
    return arch


@lru_cache(maxsize=2)
def split_costs(arch: str) -> tuple[np.ndarray, int]:
    """``(cost, extra)``: a split's neurons are ``cost[f1] + cost[f0] + extra`` for the 4-input
    cofactors' table values (any depth: the proven minima, extra 0; layered: ``max(1, minimum −
    1)`` hidden units per block, extra 1 for the output).

    Examples
    --------
    >>> cost, extra = split_costs("layered")
    >>> int(cost[0b0110100110010110]), extra          # 4-bit parity: 4 hidden units
    (4, 1)
    """
    from constructions.exact.tables import load_minimal_table  # with its solver: not at import

    arch = _check_arch(arch)
    need = {table_value(c["table"]): int(c["neurons"])
            for c in load_minimal_table(4, arch).classes}
    neurons = np.array([need[int(c)] for c in canonical_forms(4).tolist()], dtype=np.int64)
    if arch == "any-depth":
        return neurons, 0
    return np.maximum(1, neurons - 1), 1


def _restriction(j: int, b: int) -> np.ndarray:
    """For every 16-bit table over (x0..x3), the 8-bit table of its cofactor at ``x_j = b``
    over the other three inputs in order."""
    funcs = np.arange(1 << 16, dtype=np.int64)
    out = np.zeros(1 << 16, dtype=np.int64)
    for r, src in enumerate(cofactor_positions(4, j, b).tolist()):
        out |= ((funcs >> src) & 1) << r
    return out


@lru_cache(maxsize=2)
def hard_functions(arch: str = "any-depth") -> np.ndarray:
    """The 5-input functions every split of which costs more than the target of ``arch``
    (:data:`FIVE_INPUT_TARGETS`), as sorted table values (int64, read-only).

    A 5-input table is ``g0 + 2^16·g1`` with ``g0``, ``g1`` its cofactors at ``x4 = −1, +1``;
    its cofactors at ``x_j`` (``j < 4``) are the 4-input tables over (the other three of
    x0..x3, then x4) whose low 8 bits restrict ``g0`` and high 8 bits ``g1``. The split at x4
    already needs ``cost[g0] + cost[g1] + extra`` above the target, so only such pairs are
    enumerated, each then checked at the other four splits by table lookup (exact; about 3 s
    at any depth, 1 s layered).

    Examples
    --------
    >>> len(hard_functions("any-depth")), len(hard_functions("layered"))
    (1821338, 66)
    """
    cost, extra = split_costs(_check_arch(arch))
    target = FIVE_INPUT_TARGETS[arch]
    pool = np.flatnonzero(cost + cost.max() + extra > target)
    restrict = [(_restriction(j, 0), _restriction(j, 1)) for j in range(4)]
    high = np.arange(256, dtype=np.int64) << 8
    found = []
    pool_cost = cost[pool]
    for g0 in pool.tolist():
        g1 = pool[cost[g0] + pool_cost + extra > target]  # the split at x4 costs too much
        ok = np.ones(len(g1), dtype=bool)
        for r0, r1 in restrict:  # the split at x_j: cofactor tables (g0's half, g1's half)
            c0 = cost[int(r0[g0]) | high][r0[g1]]
            c1 = cost[int(r1[g0]) | high][r1[g1]]
            ok &= c0 + c1 + extra > target
        found.append(int(g0) | (g1[ok] << 16))
    out = np.sort(np.concatenate(found))
    out.setflags(write=False)
    return out


def _orbit(value: int) -> np.ndarray:
    """The NPN class of a 5-input table value, sorted."""
    f = np.array([(value >> i) & 1 for i in range(32)], dtype=np.int64)
    g = (f[input_transforms(5)] << np.arange(32, dtype=np.int64)).sum(axis=1)
    return np.unique(np.concatenate([g, g ^ 0xFFFFFFFF]))


@lru_cache(maxsize=2)
def _witness_index(arch: str) -> dict:
    return {table_value(r["table"]): r for r in load_five_witnesses(arch)}


def five_witness_of(value: int, arch: str = "any-depth") -> tuple[dict, int, bool] | None:
    """``(record, t, negated)`` with ``g(i) = s · rep(src[t, i])`` (``s = −1`` when
    ``negated``, ``rep`` the record's table, ``src`` = ``input_transforms(5)``) for a 5-input
    table ``value`` of :func:`hard_functions` (``arch``); None for any other function.

    Examples
    --------
    >>> rec, t, negated = five_witness_of(int(hard_functions("layered")[0]), "layered")
    >>> rec["neurons"] in (5, 6), 0 <= t < 3840
    (True, True)
    >>> five_witness_of(0) is None
    True
    """
    index = _witness_index(_check_arch(arch))
    f = np.array([(int(value) >> i) & 1 for i in range(32)], dtype=np.int64)
    src = input_transforms(5)
    moved = (f[src] << np.arange(32, dtype=np.int64)).sum(axis=1)  # g ∘ src[t'] for every t'
    for negated in (False, True):
        for t_prime, rep in enumerate((moved ^ 0xFFFFFFFF if negated else moved).tolist()):
            if rep in index:  # g ∘ src[t'] = s · rep, so g = s · rep ∘ src[t']⁻¹
                inverse = np.argsort(src[t_prime])
                t = int(np.flatnonzero((src == inverse).all(axis=1))[0])
                return index[rep], t, negated
    return None


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


def _record(table: str, net: SignNetwork, arch: str) -> dict:
    if arch == "any-depth":
        return {"table": table, "neurons": net.sizes().neurons,
                "units": [{"weights": [int(v) for v in layer.weights[0].tolist()],
                           "bias": int(layer.biases[0])} for layer in net.layers]}
    hidden, out = net.layers
    return {"table": table, "neurons": net.sizes().neurons,
            "hidden_weights": [[int(v) for v in row] for row in hidden.weights.tolist()],
            "hidden_biases": [int(v) for v in hidden.biases.tolist()],
            "output_weights": [int(v) for v in out.weights[0].tolist()],
            "output_bias": int(out.biases[0])}


def five_input_witnesses(arch: str = "any-depth", *, time_limit: float = 20.0,
                         workers: int = 1, progress=None) -> list[dict]:
    """A verified network within the target for each class of :func:`hard_functions` of
    ``arch``: the smallest CP-SAT finds with weights capped at 8, from 3 (any depth) or 5
    (layered) neurons up to the target.

    Records (``neurons`` is an upper bound, not a proven minimum): any depth, ``table``,
    ``neurons`` and ``units``, one ``{"weights", "bias"}`` per neuron in order, neuron ``k``
    reading the five inputs and the ``k`` neurons before it, the last the output; layered,
    ``table``, ``neurons``, ``hidden_weights`` (H × 5), ``hidden_biases``, ``output_weights``,
    ``output_bias``. About 4.5 minutes (any depth) and 3 s (layered) on the 2-core machine.
    """
    from constructions.exact.assemble import network_from_hidden
    from constructions.exact.solver import solve_size
    from constructions.verify import verify

    arch = _check_arch(arch)
    reps, _ = five_input_classes(hard_functions(arch))
    records = []
    for done, rep in enumerate(reps.tolist()):
        table = table_string(rep, 5)
        f = BooleanFunction.from_strings(table)
        for neurons in range(3 if arch == "any-depth" else 5, FIVE_INPUT_TARGETS[arch] + 1):
            out = solve_size(f, neurons, arch, time_limit=time_limit, workers=workers,
                             weight_cap=8)
            if out.status == "feasible":
                break
        else:
            raise RuntimeError(f"no {arch} network within {FIVE_INPUT_TARGETS[arch]} neurons "
                               f"found for {table}")
        net = network_from_hidden(f, out.hidden, arch, out.weights)
        if not verify(net, f).ok:  # pragma: no cover - network_from_hidden's weights are exact
            raise RuntimeError(f"the network found for {table} failed verification")
        records.append(_record(table, net, arch))
        if progress is not None:
            progress(done + 1, len(reps))
    return records


def write_five_witnesses(path: str | Path | None = None, **kwargs) -> Path:
    """Compute :func:`five_input_witnesses` for both architectures and write them
    (atomically; default: the shipped file)."""
    path = FIVE_WITNESS_FILE if path is None else Path(path)
    data = {"format": FIVE_WITNESS_FORMAT,
            "description": "A sign network within the proven worst-case size for each NPN "
                           "class of 5-input functions every cofactor split of which costs "
                           "more (constructions.exact.five; verified on all inputs)",
            "witnesses": {arch: five_input_witnesses(arch, **kwargs)
                          for arch in FIVE_INPUT_TARGETS}}
    atomic_write_text(path, json.dumps(data, indent=None, separators=(",", ":")) + "\n")
    return path


def load_five_witnesses(arch: str = "any-depth", path: str | Path | None = None) -> list[dict]:
    """The witness records of ``arch`` in the shipped file (or ``path``).

    Examples
    --------
    >>> [(len(w), max(r["neurons"] for r in w))
    ...  for w in (load_five_witnesses("any-depth"), load_five_witnesses("layered"))]
    [(337, 4), (2, 6)]
    """
    data = json.loads(Path(FIVE_WITNESS_FILE if path is None else path).read_text())
    if data.get("format") != FIVE_WITNESS_FORMAT:
        raise UsageError(f"not a {FIVE_WITNESS_FORMAT} file")
    return list(data["witnesses"][_check_arch(arch)])


def witness_network(record: dict) -> SignNetwork:
    """The sign network of one witness record: any depth (``units``: one unit per layer, each
    reading every input and every earlier unit) or layered (one hidden layer, one output).

    Examples
    --------
    >>> net = witness_network(load_five_witnesses("layered")[0])
    >>> [layer.units for layer in net.layers], net.sizes().neurons
    ([4, 1], 5)
    """
    method = f"five-input witness {record['table']}"
    if "units" in record:
        layers = [Layer.from_lists([list(u["weights"])], [int(u["bias"])], list(range(5 + k)))
                  for k, u in enumerate(record["units"])]
        return SignNetwork(5, tuple(layers), method=method)
    hidden = len(record["hidden_biases"])
    return SignNetwork(5, (
        Layer.from_lists(record["hidden_weights"], record["hidden_biases"], list(range(5))),
        Layer.from_lists([record["output_weights"]], [record["output_bias"]],
                         list(range(5, 5 + hidden)))), method=method)


@dataclass(frozen=True)
class FiveInputBound:
    """What :func:`check_five_input_bound` checked for one architecture.

    ``hard_functions`` / ``hard_classes``: functions (NPN classes) whose every split costs more
    than the target; ``witness_neurons``: how many classes have a witness of each size;
    ``bound``: the proven worst-case upper bound (the target; a larger witness is an error).
    """

    arch: str
    hard_functions: int
    hard_classes: int
    witness_neurons: dict
    bound: int


def check_five_input_bound(arch: str = "any-depth",
                           path: str | Path | None = None) -> FiveInputBound:
    """Check the certificate that every 5-input function has an ``arch`` network within the
    target: enumerate the functions whose every split costs more, split them into NPN classes,
    and verify the shipped witness of every class on all 32 inputs.

    Raises ``RuntimeError`` if the witnesses do not cover the classes exactly, one fails, or
    one is larger than the target.

    Examples
    --------
    >>> b = check_five_input_bound("any-depth")            # a few seconds
    >>> b.hard_functions, b.hard_classes, b.bound
    (1821338, 337, 5)
    >>> b = check_five_input_bound("layered")
    >>> b.hard_functions, b.hard_classes, b.witness_neurons, b.bound
    (66, 2, {5: 1, 6: 1}, 7)

    References
    ----------
    Derived (this module's docstring); the merges, the M = 4 minima and the gated construction
    are memcap's (docs/exact.md, docs/constructions.md).
    """
    from constructions.verify import verify

    arch = _check_arch(arch)
    hard = hard_functions(arch)
    reps, _ = five_input_classes(hard)
    records = {r["table"]: r for r in load_five_witnesses(arch, path)}
    tables = [table_string(v, 5) for v in reps.tolist()]
    if sorted(records) != sorted(tables):
        raise RuntimeError(f"the {arch} witnesses do not hold exactly one record per hard class")
    counts: dict[int, int] = {}
    for table in tables:
        rec = records[table]
        net = witness_network(rec)
        if (net.sizes().neurons != rec["neurons"] or rec["neurons"] > FIVE_INPUT_TARGETS[arch]
                or not verify(net, BooleanFunction.from_strings(table)).ok):
            raise RuntimeError(f"the {arch} witness for {table} does not realise it within "
                               f"{FIVE_INPUT_TARGETS[arch]} neurons")
        counts[rec["neurons"]] = counts.get(rec["neurons"], 0) + 1
    return FiveInputBound(arch, len(hard), len(reps), dict(sorted(counts.items())),
                          FIVE_INPUT_TARGETS[arch])
