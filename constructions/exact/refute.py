"""Deciding "k neurons suffice" by lazy Farkas cuts, with a checkable refutation when they don't.

A network of k sign neurons (k − 1 hidden units and one output) realises f on the 2^M inputs
iff there are Boolean tables h_1, .., h_{k−1} such that every unit's labelling is linearly
separable on the points it reads (docs/exact.md, "Method"): at any depth unit g reads
(x, h_1, .., h_{g−1}) and the output reads (x, h); layered, hidden units read x and the output
reads h alone. :func:`decide_by_cuts` searches the tables directly instead of the weights:

1. A SAT solver proposes tables for the hidden units (2^M Booleans each), subject to the clauses
   found so far.
2. Each unit's labelling is tested in turn with a linear program. If one is not separable, a
   Farkas certificate names a small set of points S and multipliers λ_p > 0 with
   Σ_{p∈S} λ_p · y_p · (v_p, 1) = 0, where v_p is what the unit reads at p and y_p its label.
   No weights (w, b) can then give y_p (w·v_p + b) ≥ 1 on all of S (multiply by λ_p and sum:
   the left side is 0, the right side Σ λ_p > 0). So in *every* network, the tables must differ
   from this proposal somewhere on S in a table the unit reads or outputs: one clause.
3. Repeat until every unit is separable (the tables give a network, built and verified on all
   inputs) or the clauses are unsatisfiable (no network of k neurons exists). Each clause
   excludes the proposal it came from, so the loop ends.

The clauses only ever exclude labellings that no gate can produce, so unsatisfiability is a
proof. Two symmetries are fixed first, both harmless: every hidden unit outputs +1 on input 0
(negating a unit and the weights that read it changes nothing else), and layered hidden units
are sorted by their tables read as binary numbers (permuting a layer changes nothing). Layered,
two inputs with different outputs must differ in some hidden unit (the output reads only the
layer), a clause set added up front.

The *refutation* (:class:`Refutation`) is the list of cuts with exact integer multipliers. The
check (:func:`check_refutation`) recomputes every Σ λ_p y_p (v_p, 1) in integers, rebuilds the
clause set from the cuts and the symmetry rules, and asks CP-SAT — a different solver from the
one that found the cuts — to confirm it is infeasible (memcap's exact minima already rest on
CP-SAT's infeasibility verdicts). A cut uses only the easy direction of Farkas' lemma, proved in
step 2; the lemma's other direction (Schrijver, *Theory of Linear and Integer Programming*,
ch. 7) is why an LP always finds multipliers for an inseparable labelling. The loop is
counterexample-guided refinement (Clarke et al.). Its correctness is derived above; the tests
compare it with the proven minima of every M ≤ 3 class and random M = 4 classes.

The SAT solver is CaDiCaL through ``python-sat`` (the ``exact`` extra): each proposal adds one
clause to the solver it already has, which CP-SAT, solving from scratch, cannot do — a run at
M = 5 makes about 15 000 proposals. Checking a stored refutation needs only CP-SAT.

References
----------
J. Farkas, "Theorie der einfachen Ungleichungen", J. reine angew. Math. 124 (1902);
A. Schrijver, *Theory of Linear and Integer Programming*, Wiley 1986, ch. 7;
E. M. Clarke et al., "Counterexample-guided abstraction refinement", CAV 2000;
A. Ignatiev, A. Morgado, J. Marques-Silva, "PySAT: a Python toolkit for prototyping with SAT
oracles", SAT 2018.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from pathlib import Path

import numpy as np

from capacity.errors import UsageError
from capacity.options import is_integer
from constructions.boolean import BooleanFunction, all_inputs
from constructions.exact.solver import check_arch, check_search_budget, solve_interruptibly
from constructions.network import SignNetwork

__all__ = ["MAX_CUT_INPUTS", "REFUTATION_FORMAT", "CORE_CONFLICTS", "CutOutcome", "Cut",
           "Refutation", "check_refutation", "clause_units", "decide_by_cuts", "load_refutations",
           "refutation_from_dict"]

#: ``format`` key of a refutation file.
REFUTATION_FORMAT = "memcap.refutations/1"

#: Inputs the cut search handles (2^M Boolean variables a hidden unit).
MAX_CUT_INPUTS = 6


@dataclass(frozen=True)
class Cut:
    """One clause with its Farkas certificate.

    Attributes
    ----------
    unit : int
        The unit whose labelling it refutes: 0..H−1 hidden, H the output.
    points : tuple of int
        Input indices (the set S).
    values : tuple of str
        Per point, the tables' values (``"0"``/``"1"``, 1 meaning +1) of the units the clause
        mentions (:func:`clause_units`), in that order.
    multipliers : tuple of int
        λ_p > 0 with Σ λ_p y_p (v_p, 1) = 0.

    Examples
    --------
    >>> cut = Cut(0, (0, 1, 2, 3), ("",) * 4, (1, 1, 1, 1))   # XOR's output, no hidden unit
    >>> x = np.array([[-1, -1, 1], [1, -1, 1], [-1, 1, 1], [1, 1, 1]])   # (x0, x1, 1) per point
    >>> y = np.array([-1, 1, 1, -1])                                     # XOR's labels as ±1
    >>> (np.array(cut.multipliers) * y) @ x   # Σ λ_p y_p (v_p, 1) = 0: no unit separates them
    array([0, 0, 0])
    >>> decide_by_cuts(BooleanFunction.from_strings("0110"), 1).refutation.cuts == (cut,)
    True
    """

    unit: int
    points: tuple[int, ...]
    values: tuple[str, ...]
    multipliers: tuple[int, ...]


@dataclass(frozen=True)
class Refutation:
    """A certificate that no network of ``neurons`` sign neurons in ``arch`` realises ``table``.

    Attributes
    ----------
    table : str
        The function's truth table (one output, memcap's input order).
    neurons : int
        Hidden units + the output that the refutation excludes (and every smaller count).
    arch : {"any-depth", "layered"}
    cuts : tuple of Cut
    proposals : int
        Tables proposed by the SAT solver during the search.
    seconds : float
        Search time.

    Examples
    --------
    >>> ref = decide_by_cuts(BooleanFunction.from_strings("0110"), 2, "layered").refutation
    >>> ref.table, ref.neurons, ref.arch, len(ref.cuts)   # no layered XOR of 2 neurons
    ('0110', 2, 'layered', 1)
    >>> check_refutation(ref)   # the certificate holds (None), also as read back from JSON
    >>> check_refutation(refutation_from_dict(ref.to_dict()))
    """

    table: str
    neurons: int
    arch: str
    cuts: tuple[Cut, ...]
    proposals: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        """The JSON form (cuts as ``[unit, points, values, multipliers]`` lists).

        Examples
        --------
        >>> Refutation("0110", 1, "any-depth", (Cut(0, (0, 1, 2, 3), ("",) * 4, (1,) * 4),)
        ...            ).to_dict()["cuts"]
        [[0, [0, 1, 2, 3], ['', '', '', ''], [1, 1, 1, 1]]]
        """
        return {"table": self.table, "neurons": self.neurons, "arch": self.arch,
                "proposals": self.proposals, "seconds": round(self.seconds, 1),
                "cuts": [[c.unit, list(c.points), list(c.values), list(c.multipliers)]
                         for c in self.cuts]}


@dataclass(frozen=True)
class CutOutcome:
    """Answer of :func:`decide_by_cuts`: a verified network, or a refutation.

    Attributes
    ----------
    status : {"feasible", "infeasible", "unknown"}
    network : SignNetwork or None
        ``feasible``: a network of at most ``neurons`` neurons, verified on every input.
    refutation : Refutation or None
        ``infeasible``: the certificate (check it with :func:`check_refutation`).
    proposals : int
    seconds : float

    Examples
    --------
    >>> xor = BooleanFunction.from_strings("0110")
    >>> out = decide_by_cuts(xor, 2)   # any depth: 2 neurons realise XOR
    >>> out.status, out.network.sizes().neurons, out.refutation
    ('feasible', 2, None)
    >>> out = decide_by_cuts(xor, 1)
    >>> out.status, out.network, out.refutation.neurons
    ('infeasible', None, 1)
    """

    status: str
    network: SignNetwork | None
    refutation: Refutation | None
    proposals: int
    seconds: float


def clause_units(arch: str, unit: int, hidden: int) -> list[int]:
    """The hidden units whose tables a cut on ``unit`` mentions: what the unit reads plus, for a
    hidden unit, its own output.

    Parameters
    ----------
    arch : str
        ``"any-depth"``; any other value is treated as layered.
    unit : int
        The cut's unit: ``0..hidden − 1`` a hidden unit, ``hidden`` the output.
    hidden : int
        Number of hidden units.

    Returns
    -------
    list of int
        Indices of the hidden units mentioned.

    Examples
    --------
    >>> clause_units("any-depth", 1, 2), clause_units("layered", 1, 2)
    ([0, 1], [1])
    >>> clause_units("layered", 2, 2)             # the output reads both hidden units
    [0, 1]
    """
    if unit == hidden:
        return list(range(hidden))
    return list(range(unit + 1)) if arch == "any-depth" else [unit]


def _signed_rows(arch: str, unit: int, hidden: int, x: np.ndarray, hs: np.ndarray,
                 f: np.ndarray) -> np.ndarray:
    """y_p (v_p, 1) per point: v_p what ``unit`` reads, y_p its label; x (P, M) and the hidden
    tables hs (P, H) as ±1, f (P,) the output as bool."""
    if unit < hidden:
        feats = np.hstack([x, hs[:, :unit]]) if arch == "any-depth" else x
        y = hs[:, unit]
    else:
        feats = hs if (arch == "layered" and hidden) else np.hstack([x, hs])
        y = np.where(f, 1, -1)
    return y[:, None] * np.hstack([feats, np.ones((len(y), 1), dtype=np.int64)])


def _rows(arch: str, unit: int, hidden: int, x: np.ndarray, f: np.ndarray, points, values):
    """The vectors y_p (v_p, 1) of a cut, as Python ints (one list per point); the tables of
    units the cut does not mention are never read."""
    pts = list(points)
    hs = np.zeros((len(pts), hidden), dtype=np.int64)  # (S, H)
    for i, vals in enumerate(values):
        for u, c in zip(clause_units(arch, unit, hidden), vals, strict=True):
            hs[i, u] = 1 if c == "1" else -1
    return _signed_rows(arch, unit, hidden, x[pts], hs, f[pts]).tolist()


def _multipliers(rows: list[list[int]]) -> list[int] | None:
    """The positive integer λ with Σ λ_p row_p = 0, when the rows' dependencies are one ray of
    positive vectors (a minimal Farkas certificate); otherwise None."""
    n = len(rows)
    # Solve A λ = 0 with A = rows^T (dims × n), exactly: reduced row echelon form over Q.
    a = [[Fraction(rows[j][i]) for j in range(n)] for i in range(len(rows[0]))]
    pivots, r = [], 0
    for c in range(n):
        piv = next((i for i in range(r, len(a)) if a[i][c] != 0), None)
        if piv is None:
            continue
        a[r], a[piv] = a[piv], a[r]
        inv = 1 / a[r][c]
        a[r] = [v * inv for v in a[r]]
        for i in range(len(a)):
            if i != r and a[i][c] != 0:
                fac = a[i][c]
                a[i] = [vi - fac * vr for vi, vr in zip(a[i], a[r], strict=True)]
        pivots.append(c)
        r += 1
    free = [c for c in range(n) if c not in pivots]
    if len(free) != 1:
        return None
    lam = [Fraction(0)] * n
    lam[free[0]] = Fraction(1)
    for i, c in enumerate(pivots):
        lam[c] = -a[i][free[0]]
    if all(v < 0 for v in lam):
        lam = [-v for v in lam]
    if not all(v > 0 for v in lam):
        return None
    den = lcm(*(v.denominator for v in lam))
    return [int(v * den) for v in lam]


def _separable(aug: np.ndarray) -> bool:
    """Whether y_p (v_p, 1)·z ≥ 1 has a solution (rows of ``aug`` are y_p (v_p, 1); LP)."""
    from scipy.optimize import linprog

    res = linprog(np.zeros(aug.shape[1]), A_ub=-aug, b_ub=-np.ones(len(aug)),
                  bounds=[(None, None)] * aug.shape[1], method="highs")
    return res.status == 0


def _farkas_supports(aug: np.ndarray) -> tuple[list[int], list[int]]:
    """Rows of a non-separable system whose multipliers certify it: the support of a vertex of
    {λ ≥ 0, Σ λ_p row_p = 0, Σ λ_p = 1}, and a subset with rows dropped while the rest stays
    infeasible (smaller, so a stronger clause)."""
    from scipy.optimize import linprog

    n = len(aug)
    a_eq = np.vstack([aug.T, np.ones((1, n))])
    b_eq = np.concatenate([np.zeros(aug.shape[1]), [1.0]])
    res = linprog(np.zeros(n), A_eq=a_eq, b_eq=b_eq, bounds=[(0, None)] * n, method="highs-ds")
    if res.status != 0:  # pragma: no cover - the LP above said infeasible
        raise RuntimeError("no Farkas certificate for a labelling the LP called inseparable")
    vertex = [int(i) for i in np.nonzero(res.x > 1e-9)[0]]
    keep = list(vertex)
    for i in vertex:
        trial = [k for k in keep if k != i]
        if trial and not _separable(aug[trial]):
            keep = trial
    return vertex, keep


class _Tables:
    """Variables and structural clauses of the table search (shared by search and check)."""

    def __init__(self, f: np.ndarray, hidden: int, arch: str):
        self.f, self.hidden, self.arch = f, hidden, arch
        self.points = len(f)
        self.top = hidden * self.points
        self.clauses: list[list[int]] = []
        for g in range(hidden):  # negation: every hidden unit is +1 on input 0
            self.clauses.append([self.var(g, 0)])
        if arch == "layered" and hidden:
            self._layer_clauses()

    def var(self, unit: int, point: int) -> int:
        return 1 + unit * self.points + point

    def _new(self) -> int:
        self.top += 1
        return self.top

    def _layer_clauses(self) -> None:
        pos = [int(i) for i in np.nonzero(self.f)[0]]
        neg = [int(i) for i in np.nonzero(~self.f)[0]]
        for a in pos:  # the output reads only the layer: inputs it must tell apart differ there
            for b in neg:
                diff = []
                for g in range(self.hidden):
                    d = self._new()
                    diff.append(d)
                    self.clauses += [[-d, self.var(g, a), self.var(g, b)],
                                     [-d, -self.var(g, a), -self.var(g, b)]]
                self.clauses.append(diff)
        for g in range(self.hidden - 1):  # sorted layer: table g ≤ table g + 1, input 0 first
            eq = self._new()
            self.clauses.append([eq])
            for p in range(self.points):
                a, b = self.var(g, p), self.var(g + 1, p)
                self.clauses.append([-eq, -a, b])
                if p + 1 < self.points:
                    nxt = self._new()
                    self.clauses += [[-eq, -a, -b, nxt], [-eq, a, b, nxt]]
                    eq = nxt

    def clause(self, cut: Cut) -> list[int]:
        units = clause_units(self.arch, cut.unit, self.hidden)
        lits = []
        for p, vals in zip(cut.points, cut.values, strict=True):
            for u, c in zip(units, vals, strict=True):
                v = self.var(u, p)
                lits.append(-v if c == "1" else v)
        return lits


def _check_size(function: BooleanFunction, neurons: int) -> tuple[int, np.ndarray]:
    # 1.9 neurons was decided as 1 (a refutation of 1 for a question about 1.9), "0110" a bare
    # AttributeError (2026-12-05 review)
    if not isinstance(function, BooleanFunction):
        raise UsageError(f"the cut search needs a BooleanFunction, got "
                         f"{type(function).__name__}")
    if not is_integer(neurons):
        raise UsageError(f"neurons must be an integer, got {neurons!r}")
    if function.outputs != 1:
        raise UsageError(f"the cut search handles one output, got {function.outputs}")
    if function.inputs > MAX_CUT_INPUTS:
        raise UsageError(f"the cut search handles M ≤ {MAX_CUT_INPUTS} inputs, "
                         f"got {function.inputs}")
    if int(neurons) < 1:
        raise UsageError(f"neurons must be at least 1 (the output), got {neurons}")
    return int(neurons) - 1, np.asarray(function.table[0], dtype=bool)


#: Conflicts a core-shrinking round may spend (deterministic, unlike a time limit); a round
#: that runs out keeps the cuts it started with.
CORE_CONFLICTS = 200_000


def _minimal_core(tables: _Tables, cuts: list[Cut], rounds: int = 3) -> list[Cut]:
    """A subset of ``cuts`` that is still unsatisfiable with the structural clauses (the SAT
    solver's unsatisfiable core under one selector literal per cut, taken a few times, each
    round within :data:`CORE_CONFLICTS`)."""
    from pysat.solvers import Cadical153

    keep = list(range(len(cuts)))
    for _ in range(rounds):
        with Cadical153(bootstrap_with=tables.clauses) as sat:
            base = tables.top
            sel = {}
            for k in keep:
                s = base + 1 + k
                sel[s] = k
                sat.add_clause(tables.clause(cuts[k]) + [-s])
            sat.conf_budget(CORE_CONFLICTS)
            answer = sat.solve_limited(assumptions=list(sel))
            if answer is None:  # out of budget: keep what we have
                break
            if answer:  # pragma: no cover - the search said UNSAT
                raise RuntimeError("the cuts are satisfiable; the search was wrong")
            core = sorted(sel[s] for s in sat.get_core())
        if len(core) == len(keep):
            break
        keep = core
    return [cuts[k] for k in keep]


def decide_by_cuts(function: BooleanFunction, neurons: int, arch: str = "any-depth", *,
                   progress=None, minimise: bool = True,
                   time_limit: float | None = None) -> CutOutcome:
    """Whether ``neurons`` sign neurons of ``arch`` realise ``function``, decided exactly.

    Parameters
    ----------
    function : BooleanFunction
        One output, M ≤ 6 inputs.
    neurons : int
        Hidden units + the output.
    arch : {"any-depth", "layered"}
    progress : callable, optional
        Called as ``progress(proposals, cuts)`` every 1 000 proposals.
    minimise : bool
        Shrink an infeasible answer's cuts to an unsatisfiable core (smaller certificate).
    time_limit : float, optional
        Seconds for the search (checked between proposals and between slices of a solver
        call); past it the status is ``unknown``.

    Returns
    -------
    CutOutcome
        ``feasible`` with a network verified on every input, ``infeasible`` with a
        :class:`Refutation` whose cuts carry exact multipliers, or ``unknown`` (time limit).

    Raises
    ------
    UsageError
        More than one output, M > 6, or ``python-sat`` missing (``pip install 'memcap[exact]'``).

    Examples
    --------
    >>> xor = BooleanFunction.from_strings("0110")
    >>> out = decide_by_cuts(xor, 1)
    >>> out.status, [c.points for c in out.refutation.cuts]
    ('infeasible', [(0, 1, 2, 3)])
    >>> decide_by_cuts(xor, 2).network.sizes().neurons
    2
    >>> decide_by_cuts(xor, 2, "layered").status       # the output reads one hidden unit only
    'infeasible'
    >>> parity5 = BooleanFunction.from_strings("01101001100101101001011001101001")
    >>> decide_by_cuts(parity5, 5, "layered", time_limit=0.5).status
    'unknown'

    References
    ----------
    Farkas 1902; Schrijver 1986, ch. 7; Clarke et al. 2000 (the module docstring).
    """
    try:
        from pysat.solvers import Cadical153
    except ImportError as exc:  # pragma: no cover - the dev and exact extras install it
        raise UsageError("the cut search needs python-sat: pip install 'memcap[exact]'") from exc
    from constructions.exact.assemble import network_from_hidden
    from constructions.verify import verify

    arch = check_arch(arch)
    hidden, f = _check_size(function, neurons)
    if time_limit is not None:  # "5" was taken and -1 returned 'unknown' at once
        check_search_budget(time_limit, 1)
    m = function.inputs
    x = all_inputs(m).astype(np.int64)  # (P, M)
    tables = _Tables(f, hidden, arch)
    cuts: list[Cut] = []
    start = time.perf_counter()
    proposals = 0
    deadline = None if time_limit is None else start + float(time_limit)
    with Cadical153(bootstrap_with=tables.clauses) as sat:
        while True:
            proposals += 1
            if progress is not None and proposals % 1000 == 0:
                progress(proposals, len(cuts))
            answer = _solve(sat, deadline)
            if answer is None:
                return CutOutcome("unknown", None, None, proposals, time.perf_counter() - start)
            if not answer:
                if minimise and cuts:
                    cuts = _minimal_core(tables, cuts)
                ref = Refutation(function.to_strings()[0], int(neurons), arch, tuple(cuts),
                                 proposals, time.perf_counter() - start)
                return CutOutcome("infeasible", None, ref, proposals, ref.seconds)
            model = set(v for v in sat.get_model() if v > 0)
            h = np.array([[tables.var(g, p) in model for p in range(len(f))]
                          for g in range(hidden)], dtype=bool).reshape(hidden, len(f))
            found = _cuts(arch, hidden, x, f, h)
            if not found:
                net = network_from_hidden(function, h, arch, method="exact")
                if not verify(net, function, force=True).ok:  # a bug, not a user error
                    raise RuntimeError(f"the cut search's {neurons}-neuron network failed "
                                       "verification")
                return CutOutcome("feasible", net, None, proposals, time.perf_counter() - start)
            for cut in found:
                cuts.append(cut)
                sat.add_clause(tables.clause(cut))


#: Conflicts per slice of a solver call under a deadline (the clock is read between slices).
_SLICE_CONFLICTS = 20_000


def _solve(sat, deadline: float | None) -> bool | None:
    """The solver's answer, or None when the deadline passes first. Under a deadline the call
    runs in slices of :data:`_SLICE_CONFLICTS` conflicts (CaDiCaL keeps what it learnt)."""
    if deadline is None:
        return sat.solve()
    while time.perf_counter() < deadline:
        sat.conf_budget(_SLICE_CONFLICTS)
        answer = sat.solve_limited()
        if answer is not None:
            return answer
    return None


def _cuts(arch: str, hidden: int, x: np.ndarray, f: np.ndarray, h: np.ndarray) -> list[Cut]:
    """Cuts for the units whose labelling the proposed tables make inseparable, in order,
    skipping a unit that reads a unit already cut (its cut would be about tables the next
    proposal changes anyway): at any depth the first such unit, layered every hidden one.
    Each cut is valid on its own: it excludes a labelling no gate can produce."""
    hs = np.where(h, 1, -1).T  # (P, H)
    found = []
    refuted: set[int] = set()
    for unit in range(hidden + 1):
        if refuted.intersection(clause_units(arch, unit, hidden)):
            continue
        aug = _signed_rows(arch, unit, hidden, x, hs, f)  # (P, fan-in + 1)
        if _separable(aug.astype(float)):
            continue
        units = clause_units(arch, unit, hidden)
        vertex, small = _farkas_supports(aug.astype(float))
        for support in (small, vertex):  # the vertex if float trouble spoilt the shrinking
            lam = _multipliers([[int(v) for v in aug[p]] for p in support])
            if lam is not None:
                values = tuple("".join("1" if h[u, p] else "0" for u in units) for p in support)
                found.append(Cut(unit, tuple(support), values, tuple(lam)))
                refuted.add(unit)
                break
        else:  # pragma: no cover
            raise RuntimeError(f"unit {unit}: no exact Farkas certificate")
    return found


def check_refutation(ref: Refutation, *, time_limit: float = 600.0, workers: int = 1,
                     solve: bool = True) -> None:
    """Check a refutation; raise ``ValueError`` naming the first thing wrong.

    Every cut's multipliers must be positive integers with Σ λ_p y_p (v_p, 1) = 0 in exact
    arithmetic, and CP-SAT must find the cuts' clauses together with the symmetry rules
    infeasible within ``time_limit`` seconds (``ValueError`` also when it cannot tell in time).
    ``solve=False`` checks the cuts only (a refutation's clauses can take a minute to refute
    from scratch: the layered one at M = 5).

    Parameters
    ----------
    ref : Refutation
        The refutation to check.
    time_limit : float, default 600.0
        Seconds CP-SAT gets to refute the clauses.
    workers : int, default 1
        CP-SAT workers.
    solve : bool, default True
        Run the CP-SAT step; False checks the cuts only.

    Examples
    --------
    >>> ref = decide_by_cuts(BooleanFunction.from_strings("0110"), 2, "layered").refutation
    >>> check_refutation(ref)                     # XOR needs 2 hidden units without skip edges
    >>> bad = Refutation(ref.table, ref.neurons, ref.arch, ref.cuts[:0])
    >>> check_refutation(bad)
    Traceback (most recent call last):
    ...
    ValueError: the refutation's clauses are satisfiable: it proves nothing
    """
    from ortools.sat.python import cp_model

    arch = check_arch(ref.arch)
    check_search_budget(time_limit, workers)  # -1 s read as a failed proof, 0 workers taken
    function = BooleanFunction.from_strings(ref.table)
    hidden, f = _check_size(function, ref.neurons)
    x = all_inputs(function.inputs).astype(np.int64)
    tables = _Tables(f, hidden, arch)
    for k, cut in enumerate(ref.cuts):
        units = clause_units(arch, cut.unit, hidden)
        if not 0 <= cut.unit <= hidden or not cut.points or len(set(cut.points)) != len(
                cut.points) or not all(0 <= p < len(f) for p in cut.points):
            raise ValueError(f"cut {k}: bad unit or points")
        if len(cut.values) != len(cut.points) or any(
                len(v) != len(units) or set(v) - {"0", "1"} for v in cut.values):
            raise ValueError(f"cut {k}: values do not match the units it mentions")
        if len(cut.multipliers) != len(cut.points) or not all(
                type(v) is int and v > 0 for v in cut.multipliers):
            raise ValueError(f"cut {k}: multipliers must be positive integers")
        rows = _rows(arch, cut.unit, hidden, x, f, cut.points, cut.values)
        total = [sum(lam * row[i] for lam, row in zip(cut.multipliers, rows, strict=True))
                 for i in range(len(rows[0]))]
        if any(total):
            raise ValueError(f"cut {k}: Σ λ y (v, 1) = {total}, not 0")
    if not solve:
        return
    model = cp_model.CpModel()
    lits = [model.NewBoolVar(f"v{i}") for i in range(tables.top + 1)]

    def lit(v: int):
        return lits[v] if v > 0 else lits[-v].Not()

    for clause in tables.clauses + [tables.clause(c) for c in ref.cuts]:
        model.AddBoolOr([lit(v) for v in clause])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = int(workers)
    status = solve_interruptibly(solver, model)
    if status in (cp_model.FEASIBLE, cp_model.OPTIMAL):
        raise ValueError("the refutation's clauses are satisfiable: it proves nothing")
    if status != cp_model.INFEASIBLE:
        raise ValueError(f"CP-SAT could not decide the clauses in {time_limit} s")


def refutation_from_dict(data: dict) -> Refutation:
    """A :class:`Refutation` from its :meth:`Refutation.to_dict` form.

    Examples
    --------
    >>> ref = decide_by_cuts(BooleanFunction.from_strings("0110"), 1).refutation
    >>> refutation_from_dict(ref.to_dict()).cuts == ref.cuts
    True
    """
    try:
        cuts = tuple(Cut(int(u), tuple(int(p) for p in pts), tuple(str(v) for v in vals),
                         tuple(int(v) for v in lam)) for u, pts, vals, lam in data["cuts"])
        return Refutation(str(data["table"]), int(data["neurons"]), str(data["arch"]), cuts,
                          int(data.get("proposals", 0)), float(data.get("seconds", 0.0)))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a refutation record: {exc}") from exc


def load_refutations(path: str | Path) -> list[Refutation]:
    """The refutations of a file written in :data:`REFUTATION_FORMAT` (gzip if ``.gz``).

    A file that cannot be read as one (missing, truncated, not gzip or JSON, another format, a
    malformed record) raises :class:`~capacity.errors.UsageError` naming it.

    Examples
    --------
    >>> from constructions.exact.five import FIVE_LOWER_FILE
    >>> [(r.arch, r.neurons) for r in load_refutations(FIVE_LOWER_FILE)][:1]
    [('any-depth', 3)]
    >>> load_refutations(__file__)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: ...refute.py is not a memcap.refutations/1 file (...)
    """
    import gzip
    import zlib

    path = Path(path)
    try:  # a user's file: a bare JSONDecodeError, BadGzipFile or KeyError before (2026-12-05)
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("format") != REFUTATION_FORMAT:
            raise ValueError("another format")
        if not isinstance(data.get("refutations"), list):
            raise ValueError("no list of refutations")
        return [refutation_from_dict(r) for r in data["refutations"]]
    except (OSError, EOFError, ValueError, RecursionError, AttributeError, zlib.error) as exc:
        raise UsageError(f"{path} is not a {REFUTATION_FORMAT} file ({exc})") from exc
