"""Worst cases at five inputs: every function of 5 inputs has an any-depth sign network of at
most 4 neurons and a one-hidden-layer network of at most 6, and some need 4 and 6 (derived, with
checked certificates): the worst cases are exactly 4 at any depth and 6 layered.

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
   the target (4 at any depth, 6 layered): 117 480 090 functions in 16 483 NPN classes at any
   depth (every split costs 5 or 6; about 100 s and 1 GB), 33 863 476 in 5 729 classes layered
   (every split costs 7 or more; about 30 s). Both sets are closed under permuting and negating
   inputs and negating the output, because the M = 4 minima are.
4. For every class a network within the target is verified on all 32 inputs, and a network for
   one function of a class gives one of the same size for every function of the class (permute
   and negate its input weights; negate the output unit). *Any depth*: the class's shipped
   witness in ``five_witnesses.json.gz`` (3 or 4 neurons; CP-SAT) where it has one, otherwise the
   reuse merge of its representative (:func:`~constructions.exact.reuse.reuse_merge`: one
   cofactor's minimal network plus one neuron, 3 or 4), which succeeds for every class without
   a witness. Witnesses are shipped for the 337 classes whose ten cofactors all need 3 neurons
   and for the 383 more whose representative the reuse merge cannot build (720 in all; the
   merge builds 15 763 classes). *Layered*: the
   shipped witness of every class (4 or 5 neurons, 6 only for parity's class; CP-SAT,
   2026-12-02).

The lower bounds are refutations (:mod:`constructions.exact.refute`), shipped in
``five_lower.json.gz`` and rechecked by :func:`check_five_input_lower`: no 3-neuron network
realises 00010100001001100001101011000000, and no layered network of 4 hidden units realises
parity of five inputs. So the worst cases at M = 5 are **4 at any depth and 6 layered**
(before: [3, 6] from 3 + 3, [3, 5] with witnesses for the 337 classes, [3, 4] with the reuse
merge; layered [5, 9] from 4 + 4 hidden units plus the output, [5, 7] with the cheapest split
and witnesses for the 66 functions above 7, [6, 7] with the refutation, and 6 since every class
above 6 got a witness; the lower ends 3 and 5 were the M = 4 worst cases, which persist).

The witnesses come from CP-SAT (:func:`~constructions.exact.solver.solve_size`, weights capped
at 8, one worker, from 3 (any depth) or 5 (layered) neurons up to the target):
:func:`five_input_witnesses` regenerates them; under load a size may time out and a larger one
be recorded instead, so a regenerated file can differ from the shipped one while proving the
same bound.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from capacity.atomic_files import atomic_write_bytes
from capacity.errors import UsageError
from capacity.exact_values import FIVE_INPUT_LOWER, FIVE_INPUT_UPPER
from constructions.boolean import BooleanFunction
from constructions.exact.npn import (
    check_table_value,
    input_transforms,
    table_string,
    table_value,
)
from constructions.exact.shannon import cofactor_positions, cofactor_value
from constructions.exact.solver import check_arch
from constructions.network import Layer, SignNetwork

__all__ = ["FIVE_INPUT_LOWER", "FIVE_INPUT_TARGETS", "FIVE_LOWER_FILE", "FIVE_LOWER_TABLES",
           "FIVE_WITNESS_FILE", "FIVE_WITNESS_FORMAT", "FiveInputBound",
           "check_five_input_lower", "write_five_lower",
           "best_split", "cheapest_split", "class_witness", "five_class_of", "hard_partners",
           "needs_witness",
           "check_five_input_bound", "five_input_classes", "five_input_witnesses",
           "five_witness_of", "hard_functions", "load_five_witnesses", "split_costs",
           "witness_network", "write_five_witnesses"]

#: The proven worst-case neurons at M = 5 per architecture (the targets of the certificate):
#: capacity's registered upper bounds, one definition (:mod:`capacity.exact_values`).
FIVE_INPUT_TARGETS = FIVE_INPUT_UPPER

#: The proven lower bounds on the worst case at M = 5 (N = 1): one function per architecture
#: that no smaller network realises, by the shipped refutation (:func:`check_five_input_lower`);
#: capacity registers the same dict (:data:`capacity.exact_values.FIVE_INPUT_LOWER`).

#: The refuted functions: at any depth one of the four classes whose shipped CP-SAT witnesses
#: have 4 neurons (docs/exact.md: a fourth of them has a 3-neuron network); layered, parity
#: of five inputs (complemented, +1 on an even number of +1 inputs, as in its shipped witness,
#: which has 5 hidden units).
FIVE_LOWER_TABLES = {"any-depth": "00010100001001100001101011000000",
                     "layered": "10010110011010010110100110010110"}

#: The shipped refutations (gzip JSON, :data:`~constructions.exact.refute.REFUTATION_FORMAT`).
FIVE_LOWER_FILE = Path(__file__).resolve().parent / "five_lower.json.gz"

#: ``format`` key of the witness file.
FIVE_WITNESS_FORMAT = "memcap.five-input-witnesses/2"

#: The shipped witness file (next to this module).
FIVE_WITNESS_FILE = Path(__file__).resolve().parent / "five_witnesses.json.gz"


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
    from constructions.exact.tables import minimal_neurons  # with its solver: not at import

    arch = check_arch(arch)
    neurons = minimal_neurons(4, arch)
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


def best_split(value: int, arch: str = "any-depth") -> tuple[int, int]:
    """``(cost, j)`` of the cheapest split of one 5-input table value: the least
    ``c(f1) + c(f0)`` over the inputs ``x_j`` (plus the layered output) from the M = 4 tables,
    and its input (ties: the lowest ``j``).

    Parameters
    ----------
    value : int
        Integer truth table of a 5-input function (bit ``i``: the output on input ``i``).
    arch : {"any-depth", "layered"}, default "any-depth"
        Architecture whose M = 4 minima price the cofactors.

    Returns
    -------
    tuple of (int, int)
        ``(cost, j)``: the cheapest split's neurons and its input.

    Examples
    --------
    >>> parity = int("".join(str(bin(i).count("1") % 2) for i in range(32))[::-1], 2)
    >>> best_split(parity, "any-depth")   # every split: two 4-bit parities of 3 neurons
    (6, 0)
    """
    value = check_table_value(value, 5, "best_split")
    cost, extra = split_costs(check_arch(arch))
    best = None
    for j in range(5):
        c = sum(int(cost[cofactor_value(value, 5, j, b)]) for b in (0, 1)) + extra
        if best is None or c < best[0]:
            best = (c, j)
    return best


def cheapest_split(value: int, arch: str = "any-depth") -> int:
    """The cost of the cheapest split of one 5-input table value (:func:`best_split`); the
    function is in :func:`hard_functions` exactly when this exceeds the target.

    Parameters
    ----------
    value : int
        Integer truth table of a 5-input function.
    arch : {"any-depth", "layered"}, default "any-depth"
        Architecture whose M = 4 minima price the cofactors.

    Returns
    -------
    int
        The cheapest split's neurons.

    Examples
    --------
    >>> parity = int("".join(str(bin(i).count("1") % 2) for i in range(32))[::-1], 2)
    >>> cheapest_split(parity, "any-depth"), cheapest_split(parity, "layered")
    (6, 9)
    """
    return best_split(value, arch)[0]


@lru_cache(maxsize=2)
def hard_functions(arch: str = "any-depth") -> np.ndarray:
    """The 5-input functions every split of which costs more than the target of ``arch``
    (:data:`FIVE_INPUT_TARGETS`), as sorted table values (int64, read-only).

    A 5-input table is ``g0 + 2^16·g1`` with ``g0``, ``g1`` its cofactors at ``x4 = −1, +1``;
    its cofactors at ``x_j`` (``j < 4``) are the 4-input tables over (the other three of
    x0..x3, then x4) whose low 8 bits restrict ``g0`` and high 8 bits ``g1``. The split at x4
    already needs ``cost[g0] + cost[g1] + extra`` above the target, so only such pairs are
    enumerated, each then checked at the other four splits by table lookup (exact; about 100 s
    and 1 GB at any depth for its 117 480 090 functions, 30 s layered for its
    33 863 476), so the example shows one step, :func:`hard_partners`:

    Examples
    --------
    >>> parity = int("".join(str(bin(i).count("1") % 2) for i in range(32))[::-1], 2)
    >>> int(parity >> 16) in hard_partners(parity & 0xFFFF, "layered").tolist()
    True
    """
    _, _, _, pool, _, _ = _enumeration_tables(check_arch(arch))
    found = [int(g0) | (hard_partners(g0, arch) << 16) for g0 in pool.tolist()]
    out = np.sort(np.concatenate(found))
    out.setflags(write=False)
    return out


@lru_cache(maxsize=2)
def _enumeration_tables(arch: str):
    """(cost, extra, target, pool, pool's costs, restrictions) of :func:`hard_partners`: ``pool``
    the 4-input tables that can be a cofactor of a function in the set (their cost plus the
    largest cost exceeds the target); ``restrictions[j]`` the two halves' tables of the split at
    ``x_j``."""
    cost, extra = split_costs(arch)
    target = FIVE_INPUT_TARGETS[arch]
    pool = np.flatnonzero(cost + cost.max() + extra > target)
    restrict = [(_restriction(j, 0), _restriction(j, 1)) for j in range(4)]
    return cost, extra, target, pool, cost[pool], restrict


def hard_partners(g0: int, arch: str = "any-depth") -> np.ndarray:
    """The cofactors ``g1`` at ``x4 = +1`` (sorted 16-bit table values) for which the function
    ``g0 + 2^16·g1`` (``g0`` its cofactor at ``x4 = −1``) is in :func:`hard_functions`: the
    split at x4 costs more than the target, then the other four splits by table lookup (one
    step of the enumeration, testable on its own).

    Parameters
    ----------
    g0 : int
        16-bit integer table of the cofactor at ``x4 = −1``.
    arch : {"any-depth", "layered"}, default "any-depth"
        Architecture whose costs and target are used.

    Returns
    -------
    numpy.ndarray of int64
        The partners ``g1``, sorted.

    Examples
    --------
    >>> g0 = 0b0110100110010110                      # 4-bit parity: 4 hidden units layered
    >>> g1 = hard_partners(g0, "layered")
    >>> bool(0b1001011001101001 in g1.tolist())       # the other half of 5-bit parity
    True
    """
    cost, extra, target, pool, pool_cost, restrict = _enumeration_tables(check_arch(arch))
    g0 = int(g0)
    high = np.arange(256, dtype=np.int64) << 8
    g1 = pool[cost[g0] + pool_cost + extra > target]  # the split at x4 costs too much
    ok = np.ones(len(g1), dtype=bool)
    for r0, r1 in restrict:  # the split at x_j: cofactor tables (g0's half, g1's half)
        c0 = cost[int(r0[g0]) | high][r0[g1]]
        c1 = cost[int(r1[g0]) | high][r1[g1]]
        ok &= c0 + c1 + extra > target
    return g1[ok]


def _moved(value: int) -> np.ndarray:
    """``g ∘ src[t]`` for every input transform ``t`` (``src`` = ``input_transforms(5)``) of the
    5-input table value ``g``, then the same negated: the NPN orbit with repeats, 7 680 values."""
    f = (int(value) >> np.arange(32, dtype=np.int64)) & 1
    g = (f[input_transforms(5)] << np.arange(32, dtype=np.int64)).sum(axis=1)
    return np.concatenate([g, g ^ 0xFFFFFFFF])


def _orbit(value: int) -> np.ndarray:
    """The NPN class of a 5-input table value, sorted."""
    return np.unique(_moved(value))


@lru_cache(maxsize=2)
def _witness_index(arch: str) -> dict:
    return {table_value(r["table"]): r for r in load_five_witnesses(arch)}


def five_class_of(value: int) -> tuple[int, int, bool]:
    """``(rep, t, negated)`` for a 5-input table ``value``: ``rep`` the smallest table of its
    NPN class (the representative :func:`five_input_classes` picks) and ``g(i) = s ·
    rep(src[t, i])`` (``s = −1`` when ``negated``, ``src`` = ``input_transforms(5)``).

    Examples
    --------
    >>> rep, t, negated = five_class_of(0xFFFFFFFF)   # the constant +1: the constant −1, negated
    >>> rep, negated
    (0, True)
    """
    src = input_transforms(5)
    options = _moved(check_table_value(value, 5, "five_class_of"))
    at = int(np.argmin(options))
    negated, t_prime = at >= len(src), at % len(src)
    inverse = np.argsort(src[t_prime])  # g ∘ src[t'] = s · rep, so g = s · rep ∘ src[t']⁻¹
    t = int(np.flatnonzero((src == inverse).all(axis=1))[0])
    return int(options[at]), t, bool(negated)


def five_witness_of(value: int, arch: str = "any-depth") -> tuple[dict, int, bool] | None:
    """``(record, t, negated)`` with ``g(i) = s · rep(src[t, i])`` (``s = −1`` when
    ``negated``, ``rep`` the record's table, ``src`` = ``input_transforms(5)``) for a 5-input
    table ``value`` whose class has a shipped witness of ``arch``; None for any other function.

    Parameters
    ----------
    value : int
        Integer truth table of a 5-input function.
    arch : {"any-depth", "layered"}, default "any-depth"
        Architecture of the witness.

    Returns
    -------
    tuple of (dict, int, bool) or None
        ``(record, t, negated)``, or None when the class has no witness.

    Examples
    --------
    >>> parity = int("".join(str(bin(i).count("1") % 2) for i in range(32))[::-1], 2)
    >>> rec, t, negated = five_witness_of(parity, "layered")
    >>> rec["neurons"], 0 <= t < 3840
    (6, True)
    >>> five_witness_of(0) is None
    True
    """
    rep, t, negated = five_class_of(value)
    record = class_witness(rep, arch)
    return None if record is None else (record, t, negated)


def class_witness(rep: int, arch: str = "any-depth") -> dict | None:
    """The shipped witness record of the class with representative ``rep`` (its smallest
    table, :func:`five_class_of`), or None when the class has none.

    Parameters
    ----------
    rep : int
        The class representative's integer table.
    arch : {"any-depth", "layered"}, default "any-depth"
        Architecture of the witness.

    Returns
    -------
    dict or None
        The witness record, or None.

    Examples
    --------
    >>> parity = int("".join(str(bin(i).count("1") % 2) for i in range(32))[::-1], 2)
    >>> class_witness(0) is None, class_witness(five_class_of(parity)[0], "layered")["neurons"]
    (True, 6)
    """
    return _witness_index(check_arch(arch)).get(int(rep))


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
    if len(functions) > 1 and not (np.diff(functions) > 0).all():
        raise UsageError("five_input_classes needs sorted tables without repeats")
    removed = np.zeros(len(functions), dtype=bool)
    reps, sizes = [], []
    chunk = 1 << 20
    for start in range(0, len(functions), chunk):  # the scan skips removed tables in bulk
        for pos in (start + np.flatnonzero(~removed[start:start + chunk])).tolist():
            if removed[pos]:  # a member of a class found since this chunk was scanned
                continue
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
    return _pruned({"table": table, "neurons": net.sizes().neurons,
                    "hidden_weights": [[int(v) for v in row] for row in hidden.weights.tolist()],
                    "hidden_biases": [int(v) for v in hidden.biases.tolist()],
                    "output_weights": [int(v) for v in out.weights[0].tolist()],
                    "output_bias": int(out.biases[0])})


def _pruned(record: dict) -> dict:
    """A layered record without idle hidden units: repeated units (same weights and bias)
    merged into one whose output weight is the sum, then units the output reads with weight 0
    dropped. The output's pre-activation is unchanged on every input, so the network computes
    the same function with the same odd pre-activations (CP-SAT's networks at a fixed size may
    carry such units).

    Examples
    --------
    >>> r = _pruned({"table": "0110", "neurons": 4, "hidden_weights": [[1, 1], [1, 1], [2, 0]],
    ...              "hidden_biases": [1, 1, 1], "output_weights": [1, 2, 0], "output_bias": 0})
    >>> r["hidden_weights"], r["output_weights"], r["neurons"]
    ([[1, 1]], [3], 2)
    """
    merged: dict[tuple, int] = {}
    for w, b, u in zip(record["hidden_weights"], record["hidden_biases"],
                       record["output_weights"], strict=True):
        key = (tuple(w), b)
        merged[key] = merged.get(key, 0) + u
    kept = [(w, b, u) for (w, b), u in merged.items() if u != 0]
    return {**record, "neurons": len(kept) + 1,
            "hidden_weights": [list(w) for w, _, _ in kept],
            "hidden_biases": [b for _, b, _ in kept],
            "output_weights": [u for _, _, u in kept]}


def needs_witness(rep: int, arch: str = "any-depth") -> bool:
    """Whether the class of representative ``rep`` (of :func:`hard_functions`) gets a shipped
    witness: every layered class; at any depth the classes whose ten cofactors all need 3
    neurons (their witnesses are often smaller than the reuse merge's) and those whose
    representative the reuse merge cannot build.

    Parameters
    ----------
    rep : int
        Integer table of the class representative (5 inputs).
    arch : {"any-depth", "layered"}, default "any-depth"
        Architecture asked about.

    Returns
    -------
    bool
        Whether the class gets a shipped witness.

    Examples
    --------
    >>> needs_witness(0b1001011001101001 << 16 | 0b0110100110010110)   # parity of five inputs
    True
    """
    if check_arch(arch) == "layered":
        return True
    from constructions.exact.reuse import reuse_merge

    return cheapest_split(rep) == 6 or reuse_merge(rep) is None


def five_input_witnesses(arch: str = "any-depth", *, time_limit: float = 20.0,
                         workers: int = 1, progress=None) -> list[dict]:
    """A verified network within the target for each class of :func:`hard_functions` of
    ``arch`` that :func:`needs_witness`: the smallest CP-SAT finds with weights capped at 8,
    from 3 (any depth) or 5 (layered) neurons up to the target.

    Records (``neurons`` is an upper bound, not a proven minimum): any depth, ``table``,
    ``neurons`` and ``units``, one ``{"weights", "bias"}`` per neuron in order, neuron ``k``
    reading the five inputs and the ``k`` neurons before it, the last the output; layered,
    ``table``, ``neurons``, ``hidden_weights`` (H × 5), ``hidden_biases``, ``output_weights``,
    ``output_bias``. About 40 minutes at any depth (the enumeration, 16 483 reuse merges and
    CP-SAT for the classes that need a witness) and about 76 minutes of one core layered (CP-SAT
    for each of the 5 729 classes, 0.8 s on average) on the 2-core machine.

    Parameters
    ----------
    arch : {"any-depth", "layered"}
        The architecture; anything else is refused (:class:`~capacity.errors.UsageError`).
    time_limit : float
        Seconds for each CP-SAT call (one per class and size tried); a size that times out
        counts as not found and the next size is tried, and a class with no network found
        within the target raises ``RuntimeError``.
    workers : int
        CP-SAT search workers per call.
    progress : callable, optional
        Called as ``progress(done, total)`` before each class, ``done`` counting from 1.

    Examples
    --------
    The whole run takes an hour; here :func:`hard_functions` is replaced by one hard class
    (its 3 840 functions), whose witness CP-SAT finds at once:

    >>> from unittest import mock
    >>> import constructions.exact.five as five
    >>> from constructions.verify import verify
    >>> one_class = five._orbit(table_value("01111110010100110011010110000000"))
    >>> with mock.patch.object(five, "hard_functions", lambda arch: one_class):
    ...     records = five_input_witnesses("any-depth")
    >>> [(r["table"], r["neurons"]) for r in records]
    [('01111110010100110011010110000000', 3)]
    >>> verify(witness_network(records[0]), BooleanFunction.from_strings(records[0]["table"])).ok
    True
    >>> five_input_witnesses("deep")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: unknown architecture 'deep'; choose layered or any-depth
    """
    from constructions.exact.assemble import network_from_hidden
    from constructions.exact.solver import solve_size
    from constructions.verify import verify

    arch = check_arch(arch)
    reps, _ = five_input_classes(hard_functions(arch))
    records = []
    for done, rep in enumerate(reps.tolist()):
        if progress is not None:
            progress(done + 1, len(reps))
        if not needs_witness(rep, arch):
            continue
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
    return records


def write_five_witnesses(path: str | Path | None = None, **kwargs) -> Path:
    """Compute :func:`five_input_witnesses` for both architectures and write them (gzip JSON,
    atomically; default: the shipped file). About two hours on the 2-core machine.

    Parameters
    ----------
    path : str or Path, optional
        The file to write (its folder must exist); default :data:`FIVE_WITNESS_FILE`, the
        shipped file, which is replaced.
    **kwargs
        Passed to :func:`five_input_witnesses` for each architecture (``time_limit``,
        ``workers``, ``progress``).

    Returns
    -------
    Path
        The file written: ``{"format", "description", "witnesses": {arch: records}}``, compact
        JSON gzipped with a zero time stamp, so equal records give equal bytes.

    Examples
    --------
    The search is replaced by the shipped records (two hours skipped); writing them gives the
    shipped file again, byte for byte:

    >>> import tempfile
    >>> from unittest import mock
    >>> import constructions.exact.five as five
    >>> tmp = tempfile.TemporaryDirectory(); p = Path(tmp.name) / "witnesses.json.gz"
    >>> shipped = lambda arch, **kwargs: load_five_witnesses(arch)
    >>> with mock.patch.object(five, "five_input_witnesses", shipped):
    ...     write_five_witnesses(p) == p
    True
    >>> p.read_bytes() == FIVE_WITNESS_FILE.read_bytes()
    True
    >>> data = json.loads(gzip.decompress(p.read_bytes()))
    >>> data["format"], [len(data["witnesses"][arch]) for arch in ("any-depth", "layered")]
    ('memcap.five-input-witnesses/2', [720, 5729])
    >>> tmp.cleanup()
    """
    path = FIVE_WITNESS_FILE if path is None else Path(path)
    data = {"format": FIVE_WITNESS_FORMAT,
            "description": "A sign network within the proven worst-case size for each NPN "
                           "class of 5-input functions every cofactor split of which costs "
                           "more that needs one (any depth: all ten cofactors at 3 neurons, "
                           "or no reuse merge; layered: every class) "
                           "(constructions.exact.five; verified on all inputs)",
            "witnesses": {arch: five_input_witnesses(arch, **kwargs)
                          for arch in FIVE_INPUT_TARGETS}}
    text = json.dumps(data, indent=None, separators=(",", ":")) + "\n"
    atomic_write_bytes(path, gzip.compress(text.encode(), mtime=0))
    return path


def load_five_witnesses(arch: str = "any-depth", path: str | Path | None = None) -> list[dict]:
    """The witness records of ``arch`` in the shipped file (or ``path``).

    Parameters
    ----------
    arch : {"any-depth", "layered"}, default "any-depth"
        Architecture whose records are read.
    path : str or pathlib.Path or None, default None
        Witness file; None reads the shipped :data:`FIVE_WITNESS_FILE`.

    Returns
    -------
    list of dict
        The witness records.

    Examples
    --------
    >>> [(len(w), max(r["neurons"] for r in w))
    ...  for w in (load_five_witnesses("any-depth"), load_five_witnesses("layered"))]
    [(720, 4), (5729, 6)]
    """
    path = Path(FIVE_WITNESS_FILE if path is None else path)
    data = _witness_file(str(path), path.stat().st_mtime_ns)
    return list(data["witnesses"][check_arch(arch)])


@lru_cache(maxsize=2)
def _witness_file(path: str, mtime_ns: int) -> dict:
    """The parsed witness file (1.3 MB of JSON once unzipped): read once per file version, not
    once per architecture and caller (the modification time is part of the key)."""
    del mtime_ns  # the cache key only
    try:  # a truncated or non-gzip file raised BadGzipFile/EOFError/JSONDecodeError bare
        data = json.loads(gzip.decompress(Path(path).read_bytes()))
    except (OSError, EOFError, ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or data.get("format") != FIVE_WITNESS_FORMAT:
        if Path(path) == FIVE_WITNESS_FILE:  # memcap's own file: a fault of the installation,
            # not bad input (it was exit 2, and auto/exact silently skipped five, 2026-12-05)
            raise RuntimeError(f"memcap's shipped witness file {path} is damaged (not a "
                               f"{FIVE_WITNESS_FORMAT} file); reinstall memcap")
        raise UsageError(f"{path} is not a {FIVE_WITNESS_FORMAT} file")
    return data


def write_five_lower(path: str | Path | None = None, *, progress=None) -> Path:
    """Search the refutations of :data:`FIVE_LOWER_TABLES` at one neuron below
    :data:`FIVE_INPUT_LOWER` and write them (gzip JSON, atomically; default: the shipped file).

    About 4 minutes each on one core (2026-12-02); needs ``python-sat`` (the ``exact`` extra).

    Parameters
    ----------
    path : str or Path, optional
        The file to write (its folder must exist); default :data:`FIVE_LOWER_FILE`, the
        shipped file, which is replaced.
    progress : callable, optional
        Passed to :func:`~constructions.exact.refute.decide_by_cuts`: called as
        ``progress(proposals, cuts)`` every 1 000 proposals of each search.

    Returns
    -------
    Path
        The file written (:data:`~constructions.exact.refute.REFUTATION_FORMAT`, gzipped with
        a zero time stamp). Raises ``RuntimeError``, writing nothing, if a search finds a
        network instead of a refutation.

    Examples
    --------
    The searches are replaced by the shipped refutations (8 minutes skipped); the example
    shows what is searched, and that writing the answers gives the shipped file byte for byte:

    >>> import tempfile
    >>> from types import SimpleNamespace
    >>> from unittest import mock
    >>> from constructions.exact.refute import load_refutations
    >>> found, asked = {r.arch: r for r in load_refutations(FIVE_LOWER_FILE)}, []
    >>> def search(function, neurons, arch, progress=None):
    ...     asked.append((function.to_strings()[0] == FIVE_LOWER_TABLES[arch], neurons, arch))
    ...     return SimpleNamespace(status="infeasible", refutation=found[arch])
    >>> tmp = tempfile.TemporaryDirectory()
    >>> with mock.patch("constructions.exact.refute.decide_by_cuts", search):
    ...     p = write_five_lower(Path(tmp.name) / "lower.json.gz")
    >>> asked                       # one neuron below FIVE_INPUT_LOWER: 4 and 6
    [(True, 3, 'any-depth'), (True, 5, 'layered')]
    >>> p.read_bytes() == FIVE_LOWER_FILE.read_bytes()
    True
    >>> tmp.cleanup()
    """
    from constructions.exact.refute import REFUTATION_FORMAT, decide_by_cuts

    records = []
    for arch, table in FIVE_LOWER_TABLES.items():
        out = decide_by_cuts(BooleanFunction.from_strings(table), FIVE_INPUT_LOWER[arch] - 1,
                             arch, progress=progress)
        if out.status != "infeasible":
            raise RuntimeError(f"{table} has a {arch} network of {out.network.sizes().neurons} "
                               "neurons: FIVE_INPUT_LOWER is wrong")
        records.append(out.refutation.to_dict())
    data = {"format": REFUTATION_FORMAT,
            "description": "For each architecture a 5-input function and the cuts that prove "
                           "no sign network of that many neurons realises it "
                           "(constructions.exact.refute; check_five_input_lower rechecks them)",
            "refutations": records}
    text = json.dumps(data, separators=(",", ":")) + "\n"
    path = FIVE_LOWER_FILE if path is None else Path(path)
    atomic_write_bytes(path, gzip.compress(text.encode(), mtime=0))
    return path


def check_five_input_lower(arch: str = "any-depth", path: str | Path | None = None, *,
                           solve: bool = True) -> int:
    """Check the shipped refutation of ``arch`` and return the lower bound it proves: some map
    of five inputs needs this many neurons (:data:`FIVE_INPUT_LOWER`).

    Raises :class:`~capacity.errors.UsageError` if ``path`` is not a refutation file
    (``RuntimeError`` if the shipped file is damaged), and ``ValueError`` if the file's refutation
    is not for :data:`FIVE_LOWER_TABLES` at one neuron below the bound, or does not check
    (:func:`~constructions.exact.refute.check_refutation`; ``solve=False`` skips its CP-SAT
    step). About 3 s at any depth and 90 s layered (2026-12-02, one core), nearly all of it
    CP-SAT's proof that the clauses are infeasible.

    Parameters
    ----------
    arch : {"any-depth", "layered"}, default "any-depth"
        Architecture whose refutation is checked.
    path : str or pathlib.Path or None, default None
        Refutation file; None reads the shipped :data:`FIVE_LOWER_FILE`.
    solve : bool, default True
        Run the CP-SAT step; False checks the cuts only.

    Returns
    -------
    int
        The proven lower bound (the refutation's neurons + 1).

    Examples
    --------
    >>> check_five_input_lower("any-depth")
    4
    """
    from constructions.exact.refute import check_refutation, load_refutations

    arch = check_arch(arch)
    try:
        refutations = load_refutations(FIVE_LOWER_FILE if path is None else path)
    except UsageError as exc:
        if path is not None:
            raise
        raise RuntimeError(f"memcap's shipped refutation file {FIVE_LOWER_FILE} is damaged "
                           f"({exc}); reinstall memcap") from exc
    found = [r for r in refutations if r.arch == arch]
    if len(found) != 1 or found[0].table != FIVE_LOWER_TABLES[arch] or \
            found[0].neurons != FIVE_INPUT_LOWER[arch] - 1:
        raise ValueError(f"the file has no refutation of {FIVE_LOWER_TABLES[arch]} at "
                         f"{FIVE_INPUT_LOWER[arch] - 1} {arch} neurons")
    check_refutation(found[0], solve=solve)
    return found[0].neurons + 1


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
        return _any_depth_network([(u["weights"], u["bias"]) for u in record["units"]], method)
    hidden = len(record["hidden_biases"])
    return SignNetwork(5, (
        Layer.from_lists(record["hidden_weights"], record["hidden_biases"], list(range(5))),
        Layer.from_lists([record["output_weights"]], [record["output_bias"]],
                         list(range(5, 5 + hidden)))), method=method)


@dataclass(frozen=True)
class FiveInputBound:
    """What :func:`check_five_input_bound` checked for one architecture.

    ``hard_functions`` / ``hard_classes``: functions (NPN classes) whose every split costs more
    than the target; ``witness_neurons``: how many classes have a shipped witness of each size;
    ``reuse_neurons``: how many classes the reuse merge built, by size (any depth; empty
    layered); ``bound``: the proven worst-case upper bound (the target; a larger network is an
    error).

    Examples
    --------
    The check takes minutes (:func:`check_five_input_bound`); its layered answer, rebuilt here from
    the shipped witnesses and the counts the slow test asserts:

    >>> from collections import Counter
    >>> ws = load_five_witnesses("layered")
    >>> sizes = dict(sorted(Counter(r["neurons"] for r in ws).items()))
    >>> b = FiveInputBound("layered", 33863476, len(ws), sizes, {}, FIVE_INPUT_TARGETS["layered"])
    >>> b.hard_classes, b.witness_neurons, b.bound   # every hard class: a witness within 6
    (5729, {4: 126, 5: 5602, 6: 1}, 6)
    """

    arch: str
    hard_functions: int
    hard_classes: int
    witness_neurons: dict
    reuse_neurons: dict
    bound: int


def check_five_input_bound(arch: str = "any-depth", path: str | Path | None = None, *,
                           progress=None) -> FiveInputBound:
    """Check the certificate that every 5-input function has an ``arch`` network within the
    target: enumerate the functions whose every split costs more, split them into NPN classes,
    and verify on all 32 inputs the shipped witness of every class that has one and (any depth)
    the reuse merge of every other class's representative.

    Raises ``RuntimeError`` if a witness belongs to no class, a class has neither a witness nor
    a reuse merge, or a network fails or is larger than the target. Any depth takes about 10
    minutes and 2.7 GB (``progress(done, total)`` is called per class), layered about a
    minute and 0.9 GB;
    both run in the slow tests (``tests/constructions/test_five.py``), so the example shows
    only the refusal of an unknown architecture:

    Parameters
    ----------
    arch : {"any-depth", "layered"}, default "any-depth"
        Architecture whose certificate is checked.
    path : str or pathlib.Path or None, default None
        Witness file; None reads the shipped :data:`FIVE_WITNESS_FILE`.
    progress : callable or None, default None
        Called as ``progress(done, total)`` after each class.

    Returns
    -------
    FiveInputBound
        The counts of hard functions and classes, the witnessed and reused sizes, the target.

    Examples
    --------
    >>> check_five_input_bound("deep")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: unknown architecture 'deep'; choose layered or any-depth

    References
    ----------
    Derived (this module's docstring); the merges, the M = 4 minima and the gated construction
    are memcap's (docs/exact.md, docs/constructions.md).
    """
    from constructions.exact.reuse import reuse_merge
    from constructions.verify import verify

    arch = check_arch(arch)
    target = FIVE_INPUT_TARGETS[arch]
    hard = hard_functions(arch)
    reps, _ = five_input_classes(hard)
    records = {table_value(r["table"]): r for r in load_five_witnesses(arch, path)}
    stray = sorted(set(records) - set(reps.tolist()))
    if stray:
        raise RuntimeError(f"{len(stray)} {arch} witness(es) belong to no hard class, e.g. "
                           f"{table_string(stray[0], 5)}")
    witnessed: dict[int, int] = {}
    reused: dict[int, int] = {}
    for done, rep in enumerate(reps.tolist()):
        table = table_string(rep, 5)
        if rep in records:
            rec = records[rep]
            net = witness_network(rec)
            ok = (net.sizes().neurons == rec["neurons"] <= target
                  and verify(net, BooleanFunction.from_strings(table)).ok)
            tally = witnessed
        elif arch == "any-depth":
            units = reuse_merge(rep)
            if units is None:
                raise RuntimeError(f"the any-depth class of {table} has no witness and the "
                                   "reuse merge cannot build it")
            net = _any_depth_network(units, f"reuse merge {table}")
            ok = net.sizes().neurons <= target and verify(net, BooleanFunction.from_strings(
                table)).ok
            tally = reused
        else:
            raise RuntimeError(f"the layered class of {table} has no witness")
        if not ok:
            raise RuntimeError(f"the {arch} network for {table} does not realise it within "
                               f"{target} neurons")
        size = net.sizes().neurons
        tally[size] = tally.get(size, 0) + 1
        if progress is not None:
            progress(done + 1, len(reps))
    return FiveInputBound(arch, len(hard), len(reps), dict(sorted(witnessed.items())),
                          dict(sorted(reused.items())), target)


def _any_depth_network(units, method: str) -> SignNetwork:
    """One layer per unit, unit ``k`` reading the five inputs and the ``k`` units before it."""
    layers = [Layer.from_lists([list(w)], [int(b)], list(range(5 + k)))
              for k, (w, b) in enumerate(units)]
    return SignNetwork(5, tuple(layers), method=method)
