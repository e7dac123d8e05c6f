"""CP-SAT encoding of "a sign network with k neurons of a given architecture realises f".

The model (exact integer arithmetic throughout; OR-tools CP-SAT):

* one Boolean ``u[i, p]`` per hidden unit ``i`` and input ``p`` (its output on input ``p``);
* integer weights and bias per unit, each in ``[-β(n), β(n)]`` with ``β`` from
  :func:`~constructions.exact.separate.gate_weight_bound` for the unit's fan-in ``n``;
* for every unit and input, a pre-activation ``z = w·x_p + b + Σ_j t_j`` where ``t_j`` equals
  ``a_j`` when the hidden unit ``j`` read is +1 on ``p`` and ``-a_j`` otherwise (reified
  equalities); ``z ≥ 1`` when the unit is +1 on ``p`` and ``z ≤ -1`` when it is −1. Outputs are
  fixed to the target.

Architectures: *any-depth* — hidden unit ``i`` reads every input and hidden units ``0..i-1``,
each output reads every input and every hidden unit; *layered* — hidden units read the inputs
only, outputs read the hidden units only (with no hidden unit, the outputs read the inputs).

Completeness. Any network realising ``f`` can be rewritten gate by gate, in topological order,
into one whose gates have integer weights within ``β(fan-in)`` and margin 1 and the same outputs
on the ``2^M`` realised inputs (each gate's labelling of the points it sees is separable, and
:func:`~constructions.exact.separate.gate_weight_bound` applies). Two symmetry reductions keep
the answer unchanged: negating a hidden unit together with every weight that reads it (so
``u[i, 0]`` is fixed to +1), and, for *layered* networks, permuting hidden units (their tables
are ordered lexicographically, non-decreasing, on the first ``min(2^M, 31)`` inputs; equal tables
stay allowed). Hence ``INFEASIBLE`` proves that no network of that size exists. Feasibility
is monotone in the size for one output (a redundant hidden unit can always be added), but not
for layered networks with N ≥ 2 outputs: (AND, OR) of two inputs fits in 2 neurons (no hidden
unit, the outputs read the inputs) and in 4, not in 3 (one hidden unit h leaves each output ±h
or a constant). :func:`~constructions.exact.search.exact_minimum` therefore decides the size N
on its own and never lets a proof at a larger size exclude it. The tests check the encoding
against complete enumeration (:mod:`constructions.exact.brute`) on every function of ``M ≤ 3``
for both architectures.

References
----------
S. Muroga, *Threshold Logic and its Applications*, Wiley 1971 (integer-programming formulation
of minimal threshold networks). L. Perron, F. Didier, "CP-SAT", OR-Tools, Google.
"""

from __future__ import annotations

import math
import numbers
import threading
import time
from dataclasses import dataclass

import numpy as np

from capacity.errors import UsageError
from capacity.options import canonical_choice, is_integer
from constructions.boolean import BooleanFunction, all_inputs
from constructions.exact.separate import gate_weight_bound

__all__ = ["EXACT_ARCHS", "SolveOutcome", "check_arch", "check_search_budget", "fan_ins",
           "solve_interruptibly", "solve_size"]

#: The two architectures of docs/exact.md that the exact minima are computed for (named apart from
#: :data:`capacity.bound.ARCHITECTURES`, the bounds' model descriptions).
EXACT_ARCHS = ("layered", "any-depth")

#: CP-SAT deterministic time (its own work unit, about a second on the 2-core machines) that one
#: worker spends on a question before the interleaved portfolio of :func:`solve_size` takes
#: over (docs/benchmarks.md, 2026-12-06).
ONE_WORKER_FIRST = 2.0


def check_search_budget(time_limit, workers) -> None:
    """Refuse (one UsageError) a time limit that is not a positive finite number of seconds or a
    worker count that is not a positive integer: ``time_limit="5"`` was a bare TypeError,
    ``True`` ran for one second and ``workers=0`` or ``2.5`` reached CP-SAT (2026-12-05 review).

    Examples
    --------
    >>> check_search_budget(60, 1)
    >>> check_search_budget("5", 1)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: the time limit must be a positive number of seconds, got '5'
    """
    if isinstance(time_limit, bool) or not isinstance(time_limit, numbers.Real) or not (
            math.isfinite(time_limit) and time_limit > 0):
        raise UsageError(f"the time limit must be a positive number of seconds, got "
                         f"{time_limit!r}")
    if not is_integer(workers) or workers < 1:
        raise UsageError(f"workers must be a positive integer, got {workers!r}")


def check_arch(arch: str) -> str:
    """The architecture name normalised, or a ``UsageError`` naming the choices.

    Examples
    --------
    >>> check_arch("any_depth")
    'any-depth'
    """
    key = canonical_choice(str(arch), EXACT_ARCHS)
    if key not in EXACT_ARCHS:
        raise UsageError(f"unknown architecture {arch!r}; choose layered or any-depth")
    return key


def fan_ins(inputs: int, hidden: int, outputs: int, arch: str) -> list[int]:
    """Fan-in of every unit (hidden units first, then outputs) in the architecture.

    Parameters
    ----------
    inputs : int
        Number of inputs M.
    hidden : int
        Number of hidden units.
    outputs : int
        Number of outputs N.
    arch : {"any-depth", "layered"}
        Any depth: a unit reads the inputs and every earlier hidden unit. Layered: hidden units
        read the inputs, outputs the hidden units (the inputs when there are none).

    Returns
    -------
    list of int
        ``hidden + outputs`` fan-ins.

    Examples
    --------
    >>> fan_ins(2, 2, 1, "any-depth"), fan_ins(2, 2, 1, "layered"), fan_ins(2, 0, 1, "layered")
    ([2, 3, 4], [2, 2, 2], [2])
    """
    arch = check_arch(arch)
    if arch == "any-depth":
        return [inputs + i for i in range(hidden)] + [inputs + hidden] * outputs
    return [inputs] * hidden + [hidden if hidden else inputs] * outputs


@dataclass(frozen=True)
class SolveOutcome:
    """Answer of :func:`solve_size`.

    Attributes
    ----------
    status : {"feasible", "infeasible", "unknown"}
        ``unknown`` when the time limit ran out first.
    hidden : numpy.ndarray of bool, shape (H, 2^M), or None
        The hidden units' tables of a solution (``feasible`` only).
    weights : list of (list of int, int), or None
        Each unit's integer weights over its sources and bias (hidden units, then outputs),
        margin ≥ 1 on every input (``feasible`` only).
    seconds : float
        Solver wall time.

    Examples
    --------
    >>> xor = BooleanFunction.from_strings("0110")
    >>> out = solve_size(xor, 2, "any-depth")   # one hidden unit and the output
    >>> out.status, out.hidden.shape, len(out.weights)
    ('feasible', (1, 4), 2)
    >>> out = solve_size(xor, 1, "any-depth")   # the output alone cannot
    >>> out.status, out.hidden, out.weights
    ('infeasible', None, None)
    """

    status: str
    hidden: np.ndarray | None
    weights: list | None
    seconds: float


def solve_interruptibly(solver, model) -> int:
    """``solver.Solve(model)`` with Ctrl-C: the solve runs in a thread (CP-SAT releases the
    GIL), so a ``KeyboardInterrupt`` reaches the main thread at once, stops the search and
    propagates. OR-tools' own SIGINT handler is switched off: it swallowed Ctrl-C (the run went
    on and wrote its result), and it calls ``malloc`` inside a signal handler, which deadlocked
    a run interrupted inside ``malloc`` (2026-12-03 audit).

    Parameters
    ----------
    solver : ortools.sat.python.cp_model.CpSolver
        The configured solver.
    model : ortools.sat.python.cp_model.CpModel
        The model.

    Returns
    -------
    int
        The CP-SAT status.

    Examples
    --------
    >>> from ortools.sat.python import cp_model
    >>> model = cp_model.CpModel()
    >>> x = model.NewIntVar(0, 3, "x")
    >>> model.Add(x >= 2)  # doctest: +ELLIPSIS
    <...>
    >>> cp_model.CpSolver().StatusName(solve_interruptibly(cp_model.CpSolver(), model))
    'OPTIMAL'
    """
    solver.parameters.catch_sigint_signal = False
    out: list[int] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            out.append(solver.Solve(model))
        except BaseException as err:  # pragma: no cover - re-raised below
            failed.append(err)

    thread = threading.Thread(target=run, name="memcap-cp-sat", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.1)
    except BaseException:
        solver.StopSearch()
        thread.join()
        raise
    if failed:
        raise failed[0]
    return out[0]


def solve_size(function: BooleanFunction, neurons: int, arch: str, *, time_limit: float = 60.0,
               workers: int = 2, seed: int = 0, weight_cap: int | None = None,
               deterministic: bool = True) -> SolveOutcome:
    """Decide whether ``neurons`` units of architecture ``arch`` can realise ``function``.

    Parameters
    ----------
    function : BooleanFunction
        Target with M inputs and N outputs.
    neurons : int
        Hidden units plus the N outputs (``neurons ≥ N``).
    arch : {"layered", "any-depth"}
    time_limit : float
        Seconds for CP-SAT; past it the answer is ``unknown``.
    workers : int, default 2
        CP-SAT search strategies, interleaved on one thread (``interleave_search``): a
        deterministic search, so the same map gives the same network whenever the search ends
        within its time limit (two racing workers saved different networks of one minimum,
        2026-12-05 review).
    weight_cap : int, optional
        Search only weights with ``|w| ≤ weight_cap`` (below the complete bound): solutions are
        often found faster, but an infeasible answer is then reported as ``unknown`` because it
        proves nothing.
    deterministic : bool, default True
        Interleave the workers' strategies in one deterministic schedule, so that the same
        question gets the same network; False lets them race (faster on many small questions
        whose verdict alone is wanted: the minimal tables).

    Examples
    --------
    >>> xor = BooleanFunction.from_strings("0110")
    >>> solve_size(xor, 1, "any-depth").status, solve_size(xor, 2, "any-depth").status
    ('infeasible', 'feasible')
    >>> solve_size(xor, 2, "layered").status, solve_size(xor, 3, "layered").status
    ('infeasible', 'feasible')

    References
    ----------
    Muroga 1971 (integer programming for minimal threshold networks); the completeness argument
    is in the module docstring.
    """
    from ortools.sat.python import cp_model

    arch = check_arch(arch)
    if not isinstance(function, BooleanFunction):  # "0110" was a bare AttributeError
        raise UsageError(f"solve_size needs a BooleanFunction, got {type(function).__name__}")
    if not is_integer(neurons):  # int() solved 2.7 as 2 (2026-12-05 review)
        raise UsageError(f"neurons must be an integer, got {neurons!r}")
    check_search_budget(time_limit, workers)
    if weight_cap is not None and (not is_integer(weight_cap) or weight_cap < 1):
        # 0 and -1 returned 'unknown' (-1 with empty CP-SAT domains; 2026-12-05 review)
        raise UsageError(f"weight_cap must be an integer >= 1, got {weight_cap!r}")
    m, n_out = function.inputs, function.outputs
    hidden = int(neurons) - n_out
    if hidden < 0:
        raise UsageError(f"{neurons} neurons cannot hold {n_out} outputs")
    points = all_inputs(m).astype(np.int64)  # (P, M)
    n_pts = points.shape[0]
    target = function.table  # (N, P) bool
    model = cp_model.CpModel()
    u = [[model.NewBoolVar(f"u{i}_{p}") for p in range(n_pts)] for i in range(hidden)]
    units = []  # (w vars, a vars over read hidden units, b var)
    fans = fan_ins(m, hidden, n_out, arch)
    for unit in range(hidden + n_out):
        beta = gate_weight_bound(fans[unit])
        if weight_cap is not None:
            beta = min(beta, int(weight_cap))
        is_out = unit >= hidden
        reads_x = arch == "any-depth" or (not is_out) or hidden == 0
        read_h = (list(range(hidden)) if is_out else list(range(unit))) \
            if arch == "any-depth" else (list(range(hidden)) if is_out else [])
        w = [model.NewIntVar(-beta, beta, f"w{unit}_{j}") for j in range(m)] if reads_x else []
        a = [model.NewIntVar(-beta, beta, f"a{unit}_{j}") for j in read_h]
        b = model.NewIntVar(-beta, beta, f"b{unit}")
        units.append((w, a, read_h, b))
        for p in range(n_pts):
            terms = [int(points[p, j]) * w[j] for j in range(len(w))]
            for aj, j in zip(a, read_h, strict=True):
                t = model.NewIntVar(-beta, beta, "")
                model.Add(t == aj).OnlyEnforceIf(u[j][p])
                model.Add(t == -aj).OnlyEnforceIf(u[j][p].Not())
                terms.append(t)
            z = sum(terms) + b
            if is_out:
                if target[unit - hidden, p]:
                    model.Add(z >= 1)
                else:
                    model.Add(z <= -1)
            else:
                model.Add(z >= 1).OnlyEnforceIf(u[unit][p])
                model.Add(z <= -1).OnlyEnforceIf(u[unit][p].Not())
    for i in range(hidden):  # negation symmetry: every hidden unit is +1 on input 0
        model.Add(u[i][0] == 1)
    if arch == "layered" and hidden > 1:  # permutation symmetry: ordered tables
        width = min(n_pts, 31)
        codes = [sum((1 << (width - 1 - p)) * u[i][p] for p in range(width))
                 for i in range(hidden)]
        for i in range(hidden - 1):
            # non-decreasing, not increasing: equal tables stay allowed, so a size above the
            # number of distinct hidden tables stays feasible (a copy with output weight 0) and
            # feasibility is monotone in the size (2026-12-01 audit: '01' at 4 layered neurons
            # and '0110' at 9 were reported infeasible)
            model.Add(codes[i] <= codes[i + 1])
    def run(threads: int, interleave: bool, budget: float, work: float | None):
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(float(budget), 0.01)
        if work is not None:
            solver.parameters.max_deterministic_time = float(work)
        solver.parameters.num_search_workers = int(threads)
        solver.parameters.interleave_search = interleave
        solver.parameters.random_seed = int(seed)
        return solver, solve_interruptibly(solver, model)

    t0 = time.perf_counter()
    decided = (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE)
    if deterministic and int(workers) > 1:
        # several workers' strategies interleaved in one deterministic schedule: racing threads
        # saved different networks of one minimum for one seed, and a single strategy ran 60 s
        # without finding XOR at 7 layered neurons, which the portfolio finds at once
        # (2026-12-05). The interleaved schedule was 2.6–6.4x slower than one worker on every
        # M = 5 search measured (2026-12-06): one worker goes first, for a deterministic amount
        # of work, and the interleaved portfolio takes over only when it did not decide. Both
        # stops are deterministic, so the same question still gets the same network.
        solver, status = run(1, False, time_limit, ONE_WORKER_FIRST)
        if status not in decided:
            solver, status = run(workers, True, time_limit - (time.perf_counter() - t0), None)
    else:  # one worker keeps its own deterministic search (the shipped witness files'); racing
        solver, status = run(workers, False, time_limit, None)
    seconds = time.perf_counter() - t0
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        tables = np.array([[bool(solver.Value(v)) for v in row] for row in u],
                          dtype=bool).reshape(hidden, n_pts)
        weights = [([int(solver.Value(v)) for v in w] + [int(solver.Value(v)) for v in a],
                    int(solver.Value(b))) for w, a, _, b in units]
        return SolveOutcome("feasible", tables, weights, seconds)
    if status == cp_model.INFEASIBLE and (weight_cap is None or all(
            gate_weight_bound(n) <= weight_cap for n in fans)):
        return SolveOutcome("infeasible", None, None, seconds)
    return SolveOutcome("unknown", None, None, seconds)
