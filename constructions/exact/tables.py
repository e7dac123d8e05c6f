"""The minimal number of neurons of every Boolean function of ``M ≤ 4`` inputs.

For each architecture and each NPN class (2, 4, 14, 222 classes for ``M = 1..4``):

1. complete enumeration (:mod:`constructions.exact.brute`) settles the classes that need few
   neurons — any-depth: 1 or 2 neurons; layered: 1, 3 (and 4 for ``M ≤ 3``) — and proves that
   every other class needs more (its canonical table is in none of the enumerated sets);
2. the remaining classes go to the CP-SAT model (:func:`~constructions.exact.solver.solve_size`)
   from the first size enumeration did not cover, upwards: ``INFEASIBLE`` answers raise the
   lower bound, the first feasible size gives a network that is verified exactly.

With ``witnesses=True`` every class also gets a network of its minimal size from the solver,
verified on every input (so every entry has a verified witness and a proof of minimality).
Minimal size is an NPN invariant, so class counts weighted by class sizes give the number of
functions (the counts sum to ``2^(2^M)``).

References
----------
S. Muroga, *Threshold Logic and its Applications*, Wiley 1971; OEIS A000370 (NPN classes).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

from capacity.errors import UsageError
from capacity.options import is_integer
from constructions.boolean import BooleanFunction
from constructions.exact.assemble import network_from_hidden
from constructions.exact.brute import any_depth_levels, layered_levels
from constructions.exact.npn import canonical_forms, npn_classes, table_string, table_value
from constructions.exact.solver import check_arch, solve_size
from constructions.verify import verify

__all__ = ["MAX_MINIMAL_INPUTS", "MinimalTable", "compute_minimal_table", "load_minimal_table",
           "minimal_neurons"]

#: Largest M of the tables.
MAX_MINIMAL_INPUTS = 4

_DATA = "minimal.json"


@dataclass(frozen=True)
class MinimalTable:
    """Minimal neurons of every ``M``-input function in one architecture.

    Attributes
    ----------
    inputs, arch :
        M and the architecture.
    worst_case_neurons, worst_case_hidden : int
        The largest minimum over all functions (hidden = neurons − 1).
    functions_by_neurons, npn_classes_by_neurons : dict of int to int
        How many functions / NPN classes need exactly k neurons.
    hardest : str
        The truth table of one function that needs the worst-case number: among the hardest
        classes, the canonical table that is the smallest integer (character i is bit i, so
        ``01100000``, 6, before ``00011000``, 24).
    classes : list of dict
        Per class: ``table`` (canonical truth table), ``size`` (functions in the class),
        ``neurons``, ``lower_bound_by`` (``enumeration`` or ``cp-sat``).
    seconds : float
        Time to compute.

    Examples
    --------
    >>> t = load_minimal_table(2, "any-depth")
    >>> t.worst_case_neurons, t.hardest, t.functions_by_neurons   # XOR and XNOR need 2
    (2, '0110', {1: 14, 2: 2})
    >>> sum(c["size"] for c in t.classes)   # the classes cover all 2^(2^2) functions
    16
    """

    inputs: int
    arch: str
    worst_case_neurons: int
    worst_case_hidden: int
    functions_by_neurons: dict
    npn_classes_by_neurons: dict
    hardest: str
    classes: list = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict:
        """The JSON of ``memcap minimal --json`` (the keys fixed by the issue).

        Examples
        --------
        >>> sorted(load_minimal_table(2, "any-depth").summary())
        ['arch', 'functions_by_neurons', 'hardest', 'inputs', 'npn_classes_by_neurons', \
'worst_case_hidden', 'worst_case_neurons']
        """
        return {"inputs": self.inputs, "arch": self.arch,
                "worst_case_neurons": self.worst_case_neurons,
                "worst_case_hidden": self.worst_case_hidden,
                "functions_by_neurons": {str(k): v for k, v in
                                         sorted(self.functions_by_neurons.items())},
                "npn_classes_by_neurons": {str(k): v for k, v in
                                           sorted(self.npn_classes_by_neurons.items())},
                "hardest": self.hardest}

    def to_dict(self) -> dict:
        """Summary plus the per-class records and the time.

        Examples
        --------
        >>> load_minimal_table(2, "any-depth").to_dict()["classes"][-1]
        {'table': '0110', 'size': 2, 'neurons': 2, 'lower_bound_by': 'enumeration'}
        """
        return {**self.summary(), "classes": list(self.classes), "seconds": self.seconds}

    def same_minima(self, other: MinimalTable) -> bool:
        """Whether both tables say the same: the summary and every class's record (table, size,
        minimal neurons, what proved the lower bound); only the times may differ.

        Examples
        --------
        >>> t = load_minimal_table(3, "layered")
        >>> t.same_minima(MinimalTable.from_dict(t.to_dict()))
        True
        >>> swap = {"11000000": 3, "01100000": 1}  # two classes of 24 functions, 1 and 3 neurons
        >>> u = MinimalTable.from_dict({**t.to_dict(), "classes": [
        ...     dict(c, neurons=swap.get(c["table"], c["neurons"])) for c in t.classes]})
        >>> u.summary() == t.summary(), t.same_minima(u)  # the summary alone would agree
        (True, False)
        """
        return self.summary() == other.summary() and list(self.classes) == list(other.classes)

    @classmethod
    def from_dict(cls, d: dict) -> MinimalTable:
        """Inverse of :meth:`to_dict`.

        Examples
        --------
        >>> t = load_minimal_table(1, "layered")
        >>> MinimalTable.from_dict(t.to_dict()) == t
        True
        """
        return cls(int(d["inputs"]), d["arch"], int(d["worst_case_neurons"]),
                   int(d["worst_case_hidden"]),
                   {int(k): int(v) for k, v in d["functions_by_neurons"].items()},
                   {int(k): int(v) for k, v in d["npn_classes_by_neurons"].items()},
                   d["hardest"], list(d.get("classes", [])), float(d.get("seconds", 0.0)))


def _enumerated(m: int, arch: str) -> np.ndarray:
    if arch == "any-depth":
        return any_depth_levels(m, 2)
    return layered_levels(m, 3 if m <= 3 else 2)


def _check_inputs(inputs) -> None:
    """Refuse an M the minimal tables do not cover. int() read 3.9 as M = 3 and True as M = 1
    (2026-12-05 review); the CLI's --inputs is an int."""
    if not is_integer(inputs) or not 1 <= inputs <= MAX_MINIMAL_INPUTS:
        raise UsageError(f"--inputs must be an integer between 1 and {MAX_MINIMAL_INPUTS}, got "
                         f"{inputs!r}")


def compute_minimal_table(inputs: int, arch: str, *, witnesses: bool = False,
                          workers: int = 2, progress=None) -> MinimalTable:
    """Compute the minimal neurons of every ``inputs``-input function (``1 ≤ M ≤ 4``).

    Parameters
    ----------
    witnesses : bool
        Also solve every class at its minimal size and verify the network exactly.
    workers : int, default 2
        CP-SAT workers, racing (``deterministic=False`` of :func:`solve_size`): the table holds
        verdicts, which do not depend on the race, and the witnesses are only verified; its
        many small questions took 4.7 s + 12.8 s at M = 4 (any-depth + layered, with
        witnesses) racing, 64 s + 118 s interleaved (2026-12-05).
    progress : callable, optional
        ``progress(done, total)`` after each class.

    Examples
    --------
    >>> t = compute_minimal_table(2, "layered")
    >>> t.worst_case_neurons, t.functions_by_neurons, t.hardest
    (3, {1: 14, 3: 2}, '0110')

    References
    ----------
    See the module docstring.
    """
    arch = check_arch(arch)
    _check_inputs(inputs)
    m = int(inputs)
    t0 = time.perf_counter()
    reps, sizes = npn_classes(m)
    levels = _enumerated(m, arch)
    covered = int(levels.max())
    classes = []
    for done, (rep, size) in enumerate(zip(reps.tolist(), sizes.tolist(), strict=True)):
        table = table_string(rep, m)
        f = BooleanFunction.from_strings(table)
        neurons, by = int(levels[rep]), "enumeration"
        if neurons == 0:
            k = covered + 1
            while True:
                out = solve_size(f, k, arch, time_limit=3600, workers=workers,
                                 deterministic=False)
                if out.status == "feasible":
                    break
                if out.status != "infeasible":  # pragma: no cover - needs a time-out
                    raise RuntimeError(f"CP-SAT gave no answer for {table} at {k} neurons")
                by, k = "cp-sat", k + 1
            neurons, found = k, out
        else:
            found = solve_size(f, neurons, arch, time_limit=3600, workers=workers,
                               deterministic=False) if witnesses else None
            if found is not None and found.status != "feasible":  # pragma: no cover - time-out
                raise RuntimeError(f"CP-SAT found no witness for {table} at its minimum "
                                   f"{neurons} within an hour ({found.status})")
        if found is not None:
            net = network_from_hidden(f, found.hidden, arch, found.weights)
            if not verify(net, f).ok or net.sizes().neurons != neurons:
                raise RuntimeError(f"exact: witness for {table} failed verification")
        classes.append({"table": table, "size": int(size), "neurons": neurons,
                        "lower_bound_by": by})
        if progress is not None:
            progress(done + 1, len(reps))
    by_f: dict[int, int] = {}
    by_c: dict[int, int] = {}
    for c in classes:
        by_f[c["neurons"]] = by_f.get(c["neurons"], 0) + c["size"]
        by_c[c["neurons"]] = by_c.get(c["neurons"], 0) + 1
    worst = max(by_c)
    hardest = next(c["table"] for c in classes if c["neurons"] == worst)  # smallest as an integer
    return MinimalTable(m, arch, worst, worst - 1, dict(sorted(by_f.items())),
                        dict(sorted(by_c.items())), hardest, classes,
                        time.perf_counter() - t0)


def load_minimal_table(inputs: int, arch: str) -> MinimalTable:
    """The shipped table (package data ``constructions/exact/minimal.json``).

    Parameters
    ----------
    inputs : int
        Number of inputs M, 1 to :data:`MAX_MINIMAL_INPUTS` (4; else ``UsageError``).
    arch : {"any-depth", "layered"}
        Architecture of the table.

    Returns
    -------
    MinimalTable
        The table.

    Examples
    --------
    >>> load_minimal_table(3, "any-depth").worst_case_neurons
    2
    """
    arch = check_arch(arch)
    _check_inputs(inputs)
    m = int(inputs)
    text = resources.files("constructions.exact").joinpath(_DATA).read_text()
    for entry in json.loads(text)["tables"]:
        if entry["inputs"] == m and entry["arch"] == arch:
            return MinimalTable.from_dict(entry)
    raise UsageError(f"no shipped table for M = {m}, {arch}; use --recompute")  # pragma: no cover


@lru_cache(maxsize=8)
def minimal_neurons(inputs: int, arch: str) -> np.ndarray:
    """The proven minimal neurons of *every* function of ``inputs`` ≤ 4 inputs in ``arch``, from
    the shipped table: entry ``f`` belongs to the function whose integer truth table is ``f``
    (its NPN class's minimum; read-only int64, cached). The one lookup that the exact search,
    the M = 5 splits and the hardness study's known sizes share.

    Examples
    --------
    >>> int(minimal_neurons(2, "any-depth")[0b0110]), int(minimal_neurons(2, "layered")[0b0110])
    (2, 3)
    >>> minimal_neurons(4, "any-depth").shape
    (65536,)
    """
    arch = check_arch(arch)
    need = {table_value(c["table"]): int(c["neurons"])
            for c in load_minimal_table(inputs, arch).classes}
    out = np.array([need[c] for c in canonical_forms(int(inputs)).tolist()], dtype=np.int64)
    out.setflags(write=False)
    return out
