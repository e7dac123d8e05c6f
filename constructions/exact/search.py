"""The fewest neurons that realise a Boolean map, with a certificate: ``exact_minimum``.

Method. Start from the best construction that fits the architecture (an upper bound with a
verified network) and the lower bound N (N outputs need N neurons). Size N (the outputs read the
inputs directly) is decided first; when it is impossible, a *layered* network also needs two
hidden units, since one hidden unit feeds its outputs only ±h or a constant. Then

0. *Shannon split* (one output, M ≥ 5): the two cofactors ``f|x_j=±1`` are solved recursively
   (40 % of the time) and merged into one network (:mod:`constructions.exact.shannon`): at any
   depth with as many neurons as theirs together, layered with their hidden units plus one;
1. *upper bound*: ask the CP-SAT model (:func:`~constructions.exact.solver.solve_size`) for a
   network of the smallest sizes first, with weights capped at 8 and a quarter of the remaining
   time each, until one is found (a capped search proves nothing when it fails, but small models
   with small weights are found fastest); every network is verified exactly;
2. *lower bound*: from the lower bound upwards, with the complete weight bound, ask for each size
   below the best one; an ``INFEASIBLE`` answer raises the proven lower bound by one, a feasible
   one ends the search. For one output and M = 5 or 6 with python-sat installed, CP-SAT gets
   half of the remaining time and, when it cannot tell, the cut search
   (:func:`~constructions.exact.refute.decide_by_cuts`: hidden tables with Farkas cuts, no
   weights) the rest: it decides questions the weight model does not (that 5-bit parity has
   no layered network of 4 hidden units was undecided by CP-SAT in a 900 s run; the cuts
   prove it in about 4 minutes). Such a proof rests on CaDiCaL's unsatisfiability verdict
   over cuts that are each exact; each cut's multipliers are re-checked at once and the
   refutation is kept in the certificate, so a second solver can re-check it
   (:func:`~constructions.exact.refute.check_refutation`, as for the shipped M = 5
   refutations).

Before step 1 the lower bound starts at what memcap has already proved
(:func:`shipped_lower_bound`): the certified table for M ≤ 4, the shipped refutation's NPN
class at M = 5, the restrictions to four inputs for M ≥ 5.

At any depth sizes are monotone (a network can be padded with an unused hidden unit), so an
infeasible size proves every smaller one infeasible too; layered networks are monotone only from
one hidden unit on (with none the outputs read the inputs), so size N is never excluded by a
proof at a larger size. The search ends when the bounds meet (an exact minimum
with its certificate) or when the time limit runs out (a bracket ``[lower, upper]`` with the best
verified network): never a guess.

References
----------
S. Muroga, *Threshold Logic and its Applications*, Wiley 1971 (minimal threshold networks by
integer programming).
"""

from __future__ import annotations

import functools
import itertools
import time
from dataclasses import dataclass, field

import numpy as np

from capacity.errors import UsageError
from capacity.exact_values import FIVE_INPUT_LOWER
from constructions.boolean import BooleanFunction
from constructions.builders import build
from constructions.builders.auto import AUTO_CANDIDATES
from constructions.exact import check_search_inputs
from constructions.exact.assemble import network_from_hidden
from constructions.exact.npn import table_value
from constructions.exact.refute import MAX_CUT_INPUTS, check_refutation, decide_by_cuts
from constructions.exact.separate import gate_weight_bound
from constructions.exact.shannon import cofactors, merge_cofactor_layered, merge_cofactor_networks
from constructions.exact.solver import check_arch, check_search_budget, fan_ins, solve_size
from constructions.exact.tables import minimal_neurons
from constructions.network import SignNetwork
from constructions.verify import verify

__all__ = ["ExactResult", "exact_minimum", "fits_arch", "refuted_restriction_bound",
           "restriction_bound", "shipped_lower_bound"]

#: Weight cap of the upper-bound phase (an heuristic: any solution found is verified exactly).
_CAP = 8


@dataclass(frozen=True)
class ExactResult:
    """Answer of :func:`exact_minimum`.

    Attributes
    ----------
    arch : str
        ``layered`` or ``any-depth``.
    network : SignNetwork
        The smallest verified network found (it has ``upper`` neurons). Its ``method`` starts
        with ``exact:`` for a proven minimum and ``bracket[lower,upper]:`` otherwise, so a
        saved file says which it is.
    lower, upper : int
        Proven lower bound and the size of ``network``; equal when the minimum is exact.
    proofs : tuple of dict
        One entry per size proven impossible (``neurons``, ``by``, ``seconds``).
    seconds : float
        Wall time.
    timed_out : bool
        The time limit ended the search before the bounds met.

    Examples
    --------
    >>> r = exact_minimum(BooleanFunction.from_strings("0110"), "any-depth")   # XOR
    >>> r.arch, r.lower, r.upper, r.exact, r.timed_out
    ('any-depth', 2, 2, True, False)
    >>> r.network.method, [p["neurons"] for p in r.proofs]   # 1 neuron proven impossible
    ('exact:any-depth:parity', [1])
    """

    arch: str
    network: SignNetwork
    lower: int
    upper: int
    proofs: tuple = field(default=())
    seconds: float = 0.0
    timed_out: bool = False

    @property
    def exact(self) -> bool:
        """Whether ``lower == upper`` (a proven minimum).

        Examples
        --------
        >>> exact_minimum(BooleanFunction.from_strings("0110"), "layered").exact
        True
        """
        return self.lower == self.upper

    def certificate(self) -> dict:
        """The certificate as a JSON-ready dict.

        Examples
        --------
        >>> r = exact_minimum(BooleanFunction.from_strings("0110"), "any-depth")
        >>> c = r.certificate()
        >>> c["exact"], c["neurons"], [p["neurons"] for p in c["impossible"]]
        (True, 2, [1])
        """
        m, n_out = self.network.inputs, self.network.outputs
        solved = [p["neurons"] for p in self.proofs if p["by"] == "cp-sat"]
        fans = [n for k in solved for n in fan_ins(m, k - n_out, n_out, self.arch)]
        by_cuts = any(p["by"] == "cuts" for p in self.proofs)
        model = ("every network of the architecture" if n_out == 1 else
                 "networks of the architecture in which no unit reads an output (with N >= 2 "
                 "a network reading one output to compute another can be smaller; "
                 "docs/exact.md, Definitions)")
        return {
            "arch": self.arch, "exact": self.exact, "model": model, "neurons": self.upper,
            "hidden": self.upper - self.network.outputs,
            "lower_bound": self.lower, "upper_bound": self.upper,
            "impossible": list(self.proofs),
            "witness": f"network with {self.upper} neurons verified on all 2^{m} inputs",
            "encoding": "CP-SAT over hidden truth tables and integer weights, each within "
                        "(n+1)^((n+1)/2) for fan-in n (Hadamard/Muroga bound: complete); "
                        + (f"largest bound in a proof {gate_weight_bound(max(fans))}" if fans
                           else "no solver proof")
                        + ("; sizes marked 'cuts': the hidden tables alone, refuted by exact "
                           "Farkas cuts and CaDiCaL's unsatisfiability verdict "
                           "(constructions.exact.refute)" if by_cuts else ""),
            "timed_out": self.timed_out, "seconds": self.seconds,
        }


def fits_arch(net: SignNetwork, arch: str) -> bool:
    """Whether ``net`` is a network of the architecture (every network is *any-depth*; a
    *layered* one has one layer, or a hidden layer on the inputs and an output layer on it).

    Parameters
    ----------
    net : SignNetwork
        The network tested.
    arch : {"any-depth", "layered"}
        Architecture (normalised by ``check_arch``; another name raises ``UsageError``).

    Returns
    -------
    bool
        Whether ``net`` fits.

    Examples
    --------
    >>> from constructions.network import Layer
    >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))
    >>> fits_arch(net, "layered"), fits_arch(net, "any-depth")
    (True, True)
    """
    arch = check_arch(arch)
    if arch == "any-depth":
        return True
    m = net.inputs
    if len(net.layers) == 1:
        return True
    if len(net.layers) != 2:
        return False
    hid, out = net.layers
    return (all(s < m for s in hid.sources)
            and all(m <= s < m + hid.units for s in out.sources))


def _verified(net: SignNetwork, function: BooleanFunction) -> SignNetwork:
    result = verify(net, function, force=True)
    if not result.ok:  # a bug, not a user error
        raise RuntimeError(f"exact: a {net.sizes().neurons}-neuron network failed verification")
    return net


def _construction(function: BooleanFunction, arch: str) -> SignNetwork:
    """The smallest verified construction of auto's candidates that fits the architecture (the
    list missed ``five`` and ``hamming``: M = 5 maps started from 6 neurons, not 4)."""
    candidates = []
    for method in AUTO_CANDIDATES:
        try:
            net = build(function, method, strict_layers=(arch == "layered"))
        except UsageError:  # not applicable, or past that builder's size limit
            continue
        if fits_arch(net, arch):
            candidates.append((net.sizes().neurons, net.sizes().edges, net))
    candidates.sort(key=lambda c: c[:2])
    return _verified(candidates[0][2], function)


def _shannon_upper(function: BooleanFunction, seconds: float, workers: int,
                   arch: str = "any-depth") -> SignNetwork | None:
    """The Shannon-merged network of the cofactors' best networks (one output, M ≥ 5).

    At M = 5 the split variable is chosen with the shipped M = 4 tables (the merged size they
    predict); above, the last input is split and each cofactor gets half of ``seconds``.
    """
    m = function.inputs
    j = m - 1
    if m == 5:
        minima = minimal_neurons(4, arch)

        def size(g):
            k = int(minima[int(g.to_int())])
            return k if arch == "any-depth" else max(k - 1, 1)  # layered: hidden units
        j = min(range(m), key=lambda i: sum(size(g) for g in cofactors(function, i)))
    f1, f0 = cofactors(function, j)
    r1 = exact_minimum(f1, arch, time_limit=seconds / 2, workers=workers)
    r0 = exact_minimum(f0, arch, time_limit=seconds / 2, workers=workers)
    merge = merge_cofactor_networks if arch == "any-depth" else merge_cofactor_layered
    net = merge(r1.network, r0.network, j)
    return SignNetwork(net.inputs, net.layers, method=f"exact:{arch}:shannon",
                       truth_table=tuple(function.to_strings()))


def restriction_bound(function: BooleanFunction, arch: str = "any-depth"
                      ) -> tuple[int, str] | None:
    """A lower bound on the neurons of a one-output ``function`` of M ≥ 5 inputs: the largest
    shipped M = 4 minimum among its restrictions to four inputs (the others fixed to ±1), with
    the restriction that attains it; None below M = 5 or for several outputs.

    Fixing an input of a network of either architecture leaves a network of that architecture
    with the same units (a fixed input's weight moves into the bias, so every pre-activation
    is one the network had, odd and of the same sign) computing the restriction: the function
    needs at least as many neurons as each restriction's proven minimum.

    Parameters
    ----------
    function : BooleanFunction
        One output, M ≥ 5.
    arch : {"any-depth", "layered"}

    Returns
    -------
    tuple of (int, str) or None
        ``(neurons, why)``: the bound and the restriction that gives it.

    Examples
    --------
    >>> parity5 = BooleanFunction.from_callable(lambda *x: np.prod(x, axis=0), 5)
    >>> restriction_bound(parity5, "layered")[0]   # a restriction: 4-bit parity, 5 neurons
    5

    References
    ----------
    Derived in memcap (docs/exact.md, "Restrictions"); the M = 4 minima are the certified
    tables of :func:`constructions.exact.tables.minimal_neurons`.
    """
    m = function.inputs
    if function.outputs != 1 or m < 5:
        return None
    minima = minimal_neurons(4, check_arch(arch))
    best = None
    for fixed, values in _restrictions(function, 4):
        needed = minima[values]
        i = int(np.argmax(needed))
        if best is None or int(needed[i]) > best[0]:
            best = (int(needed[i]), f"fixing {_fixing(fixed, i)} leaves a 4-input function "
                                    f"whose proven minimum is {int(needed[i])} neurons ({arch})")
    return best


def _restrictions(function: BooleanFunction, k: int):
    """For every set of ``k`` free inputs of a one-output ``function``: the fixed inputs and the
    truth-table values (bit i = output at the restriction's input i) of the restrictions, one
    per assignment a of the fixed inputs (bit t of a: fixed input t is +1)."""
    m = function.inputs
    row = np.asarray(function.table[0], dtype=np.int64)  # (2^M,)
    local = np.arange(1 << k, dtype=np.int64)  # (2^k,) the restriction's own input index
    for free in itertools.combinations(range(m), k):
        fixed = [j for j in range(m) if j not in free]
        spread = sum(((local >> t) & 1) << j for t, j in enumerate(free))  # (2^k,)
        assign = np.arange(1 << len(fixed), dtype=np.int64)  # (A,) the fixed inputs' values
        base = sum(((assign >> t) & 1) << j for t, j in enumerate(fixed))  # (A,)
        yield fixed, (row[base[:, None] | spread[None, :]] << local).sum(axis=1)  # (A,)


def _fixing(fixed: list[int], a: int) -> str:
    """The assignment ``a`` of the ``fixed`` inputs in words: "x0 = +1, x3 = -1"."""
    return ", ".join(f"x{j} = {'+1' if (a >> t) & 1 else '-1'}" for t, j in enumerate(fixed))


@functools.cache
def _refuted_class(arch: str) -> tuple[str, int, int]:
    """The shipped M = 5 refutation of ``arch``: its table, its value and its NPN class's
    canonical value (computed once a process; both bounds below compared each function with
    it by canonicalising the refuted table again on every call)."""
    from constructions.exact.five import FIVE_LOWER_TABLES, five_class_of

    table = FIVE_LOWER_TABLES[arch]
    return table, table_value(table), five_class_of(table_value(table))[0]


def refuted_restriction_bound(function: BooleanFunction, arch: str = "any-depth"
                              ) -> tuple[int, str] | None:
    """A lower bound on the neurons of a one-output ``function`` of M ≥ 6 inputs: the shipped
    M = 5 refutation's bound (4 neurons any depth, 6 layered) when one of its restrictions to
    five inputs lies in the refuted function's NPN class; None otherwise, below M = 6 or for
    several outputs.

    Fixing inputs keeps a network's architecture and units and computes the restriction
    (:func:`restriction_bound`), and permuting or negating inputs and negating the output keep
    a network's size, so the refutation holds for every function of its NPN class and for
    every function with such a restriction (until 2026-12-06 only M = 5 functions in the class
    used it). Restrictions whose number of ones is not the class's (w or 32 − w) are skipped
    before the NPN class is computed.

    Parameters
    ----------
    function : BooleanFunction
        One output, M ≥ 6.
    arch : {"any-depth", "layered"}

    Returns
    -------
    tuple of (int, str) or None
        ``(neurons, why)``: the bound and the restriction that gives it.

    Examples
    --------
    >>> parity6 = BooleanFunction.from_callable(lambda *x: np.prod(x, axis=0), 6)
    >>> refuted_restriction_bound(parity6, "layered")[0]   # 5-bit parity: 6 layered neurons
    6
    >>> refuted_restriction_bound(parity6, "any-depth") is None   # not in the refuted class
    True

    References
    ----------
    The refutations: :func:`constructions.exact.five.check_five_input_lower` (docs/exact.md);
    restrictions: derived in memcap (docs/exact.md, "Restrictions").
    """
    from constructions.exact.five import five_class_of

    arch = check_arch(arch)
    if function.outputs != 1 or function.inputs < 6:
        return None
    table, refuted, target = _refuted_class(arch)
    ones = {refuted.bit_count(), 32 - refuted.bit_count()}  # NPN keeps w or 32 − w
    for fixed, values in _restrictions(function, 5):
        weights = np.bitwise_count(values.astype(np.uint64))  # (A,)
        for a in np.flatnonzero(np.isin(weights, list(ones))).tolist():
            if five_class_of(int(values[a]))[0] == target:
                return (FIVE_INPUT_LOWER[arch],
                        f"fixing {_fixing(fixed, a)} leaves a 5-input function in the NPN class "
                        f"of {table}, which the shipped refutation proves "
                        f"needs {FIVE_INPUT_LOWER[arch]} neurons ({arch})")
    return None


def shipped_lower_bound(function: BooleanFunction, arch: str = "any-depth"
                        ) -> tuple[int, str, str] | None:
    """The best lower bound memcap has already proved for a one-output ``function``, with no
    search: the certified table itself for M ≤ 4, the shipped refutation's class at M = 5, and
    the restrictions to four inputs (:func:`restriction_bound`) for M ≥ 5; None for several
    outputs or M = 0.

    Before 2026-12-06 ``construct --method exact`` used the restrictions only: a 4-input class
    whose certified minimum is 3 ended a short search as ``bracket[2,3]``, and the 5-input
    function refuted at 3 neurons in ``five_lower.json.gz`` as ``[3, 4]`` after 40 s (review).

    Parameters
    ----------
    function : BooleanFunction
        The target (one output for a bound).
    arch : {"any-depth", "layered"}

    Returns
    -------
    tuple of (int, str, str) or None
        ``(neurons, by, why)``: the bound, the kind of proof (``table``, ``refutation`` or
        ``restriction``: to four inputs, or at M ≥ 6 to five in a refuted class,
        :func:`refuted_restriction_bound`) and what gives it.

    Examples
    --------
    >>> xor = BooleanFunction.from_strings("0110")
    >>> shipped_lower_bound(xor, "layered")[:2]   # the certified M = 2 table: 3 neurons
    (3, 'table')
    >>> hard = BooleanFunction.from_strings("00010100001001100001101011000000")
    >>> shipped_lower_bound(hard, "any-depth")[:2]   # no 3-neuron network: the refutation
    (4, 'refutation')

    References
    ----------
    The certified tables (:func:`constructions.exact.tables.minimal_neurons`, docs/exact.md);
    the M = 5 refutations (:func:`constructions.exact.five.check_five_input_lower`), which hold
    for the whole NPN class (permuting or negating inputs and negating the output keep a
    network's size); restrictions: :func:`restriction_bound`.
    """
    arch = check_arch(arch)
    m = function.inputs
    if function.outputs != 1 or m < 1:
        return None
    if m <= 4:
        need = int(minimal_neurons(m, arch)[table_value(function.table[0])])
        return need, "table", (f"the certified table of every {m}-input function gives "
                               f"{need} neurons ({arch}; memcap minimal)")
    best = restriction_bound(function, arch)
    found = None if best is None else (best[0], "restriction", best[1])
    if m >= 6 and (found is None or found[0] < FIVE_INPUT_LOWER[arch]):
        refuted = refuted_restriction_bound(function, arch)
        if refuted is not None:
            found = (refuted[0], "restriction", refuted[1])
    if m == 5:
        from constructions.exact.five import five_class_of

        refuted, _, target = _refuted_class(arch)
        if five_class_of(table_value(function.table[0]))[0] == target:
            bound = FIVE_INPUT_LOWER[arch]
            if found is None or bound > found[0]:
                found = (bound, "refutation",
                         f"in the NPN class of {refuted}, which the shipped refutation "
                         f"proves needs {bound} neurons ({arch}; check_five_input_lower)")
    return found


def _cut_search_applies(function: BooleanFunction) -> bool:
    """Whether step 2 may use the cut search: one output, M from 5 to MAX_CUT_INPUTS (below 5
    CP-SAT decides every size in well under a second), python-sat installed."""
    if function.outputs != 1 or not 5 <= function.inputs <= MAX_CUT_INPUTS:
        return False
    try:
        import pysat.solvers  # noqa: F401
    except ImportError:
        return False
    return True


def exact_minimum(function: BooleanFunction, arch: str = "any-depth", *,
                  time_limit: float = 60.0, workers: int = 2,
                  progress=None, cut_progress=None, shipped: bool = True) -> ExactResult:
    """The fewest neurons of the architecture realising ``function``, or a proven bracket.

    Parameters
    ----------
    function : BooleanFunction
        Target {±1}^M → {±1}^N (N ≥ 1; outputs may share hidden units).
    arch : {"any-depth", "layered"}
    time_limit : float
        Seconds for the whole search, the starting construction included (which is not
        interrupted: with many outputs it alone may take longer); past it the result is a
        bracket.
    workers : int, default 2
        CP-SAT search strategies, interleaved on one thread (``interleave_search``): a
        deterministic search, so the same map gives the same network whenever the search ends
        within its time limit (two racing workers saved different networks of one minimum,
        2026-12-05 review).
    progress : callable, optional
        Called as ``progress(lower, upper, k)`` before each CP-SAT attempt at ``k`` neurons,
        with the bracket proved so far (``memcap construct --method exact`` draws it).
    cut_progress : callable, optional
        Called as ``cut_progress(k, proposals, cuts)`` every 1 000 proposals of the cut search
        at ``k`` neurons (it runs for minutes at M = 5 and 6, where ``progress`` is silent).
    shipped : bool, default True
        Start the lower bound at what memcap has already proved (:func:`shipped_lower_bound`:
        the certified tables, the M = 5 refutations, the restrictions); False proves every
        impossible size anew (CP-SAT, cuts, the one-hidden-unit argument), to re-check those
        files without trusting them (``construct --method exact --from-scratch``).

    Examples
    --------
    >>> xor = BooleanFunction.from_strings("0110")
    >>> r = exact_minimum(xor, "layered")
    >>> r.exact, r.upper, r.network.sizes().hidden
    (True, 3, 2)
    >>> exact_minimum(BooleanFunction.from_strings("0001"), "any-depth").upper   # AND
    1

    References
    ----------
    Muroga 1971; see the module docstring for the method and :mod:`constructions.exact.solver`
    for the completeness of the encoding.
    """
    arch = check_arch(arch)
    if not isinstance(function, BooleanFunction):
        raise UsageError(f"exact needs a BooleanFunction, got {type(function).__name__}")
    check_search_inputs(function.inputs)
    check_search_budget(time_limit, workers)
    t0 = time.perf_counter()
    deadline = t0 + float(time_limit)
    n_out = function.outputs
    lower, proofs = n_out, []
    best = _construction(function, arch)

    def attempt(k: int, limit: float, cap: int | None):
        if progress is not None:
            progress(lower, best.sizes().neurons, k)
        out = solve_size(function, k, arch, time_limit=max(limit, 0.01), workers=workers,
                         weight_cap=cap)
        if out.status == "feasible":
            net = network_from_hidden(function, out.hidden, arch, out.weights,
                                      method=f"exact:{arch}")
            return out, _verified(net, function)
        return out, None

    if lower < best.sizes().neurons:  # N neurons: the outputs read the inputs (both archs)
        out, net = attempt(lower, deadline - time.perf_counter(), None)
        if out.status == "infeasible":
            proofs.append({"neurons": lower, "by": "cp-sat", "seconds": out.seconds})
            lower += 1
        elif net is not None:
            best = net
    if arch == "layered" and lower == n_out + 1 and lower < best.sizes().neurons:
        # one hidden unit feeds the outputs only ±h or a constant: threshold functions, which
        # N neurons already realise
        proofs.append({"neurons": lower, "by": "structural", "seconds": 0.0,
                       "reason": "one hidden unit gives only threshold outputs"})
        lower += 1
    known = shipped_lower_bound(function, arch) if shipped else None  # free: table lookups
    if known is not None:  # (a 5-input parity's cofactor proved 5 where it said [4, 5])
        for k in range(lower, known[0]):  # above a verified network: raised below
            proofs.append({"neurons": k, "by": known[1], "seconds": 0.0, "reason": known[2]})
        lower = max(lower, known[0])
    remaining = deadline - time.perf_counter()
    if n_out == 1 and function.inputs >= 5 and lower < best.sizes().neurons and remaining > 0:
        net = _shannon_upper(function, 0.4 * remaining, workers, arch)
        if net is not None and net.sizes().neurons < best.sizes().neurons:
            best = _verified(net, function)
    # 1. upper bound: smallest sizes first, weights capped (solutions are verified anyway;
    #    small models with small weights are found fastest); the solver reports a capped
    #    infeasible answer as a proof only when the cap is the complete bound
    k = lower
    while k < best.sizes().neurons and time.perf_counter() < deadline:
        out, net = attempt(k, (deadline - time.perf_counter()) / 4, _CAP)
        if net is not None:
            best = net
            break
        if out.status == "infeasible":  # only when the cap is the complete bound
            proofs.append({"neurons": k, "by": "cp-sat", "seconds": out.seconds})
            if arch == "any-depth" or lower > n_out:  # monotone below k (layered: H ≥ 1)
                lower = max(lower, k + 1)
        k += 1
    # 2. lower bound: from the lower bound up, complete weight bound; with the cut search
    #    available, CP-SAT gets half the time and the cuts the rest of it
    cuts = _cut_search_applies(function)
    k = lower
    while k < best.sizes().neurons and time.perf_counter() < deadline:
        remaining = deadline - time.perf_counter()
        out, net = attempt(k, remaining / 2 if cuts else remaining, None)
        if out.status == "infeasible":
            proofs.append({"neurons": k, "by": "cp-sat", "seconds": out.seconds})
            lower = k = k + 1
            continue
        if net is not None:
            best = net
            break
        left = deadline - time.perf_counter()
        if not cuts or left <= 0:  # CP-SAT's attempt may end past the deadline: a bracket,
            break  # not the cut search's refusal of a negative time limit (diff review)
        cut = decide_by_cuts(function, k, arch, minimise=False, time_limit=left,
                             progress=None if cut_progress is None else (
                                 lambda proposals, n, k=k: cut_progress(k, proposals, n)))
        if cut.status == "infeasible":
            # each cut's exact multipliers recomputed (milliseconds): the verdict then rests on
            # CaDiCaL's refutation of the clauses alone (2026-12-05 review: never re-checked)
            check_refutation(cut.refutation, solve=False)
            # the refutation itself, so the certificate can be re-checked (with CP-SAT, another
            # solver than the search's CaDiCaL: check_refutation(refutation_from_dict(d)));
            # only its size was kept before (2026-12-05 review)
            proofs.append({"neurons": k, "by": "cuts", "seconds": cut.seconds,
                           "cuts": len(cut.refutation.cuts),
                           "refutation": cut.refutation.to_dict()})
            lower = k = k + 1
        else:
            if cut.network is not None:  # verified on every input by decide_by_cuts
                best = SignNetwork(cut.network.inputs, cut.network.layers, method=f"exact:{arch}",
                                   truth_table=cut.network.truth_table)
            break
    upper = best.sizes().neurons
    if lower > upper:  # a verified network below a proven bound: a wrong proof, never clamped
        raise RuntimeError(f"exact: a verified {upper}-neuron network contradicts the proof "
                           f"that fewer than {lower} neurons are impossible")
    # the method names the search and its outcome, so a saved network alone says whether it
    # is a proven minimum: exact:<arch>:... or bracket[lower,upper]:<arch>:...
    tail = best.method.split(":", 2)[2:] if best.method.startswith("exact:") else [best.method]
    outcome = "exact" if lower == upper else f"bracket[{lower},{upper}]"
    # with N ≥ 2 any-depth outputs the minimum is over networks in which no unit reads an
    # output (a smaller one may read one): the file says so, as the certificate's model does
    # (it said only exact:any-depth; certificate review, 2026-12-06)
    model = [arch] if function.outputs == 1 or arch == "layered" else [arch, "no-output-reads"]
    method = ":".join([outcome, *model, *tail])
    if method != best.method:
        best = SignNetwork(best.inputs, best.layers, method=method, truth_table=best.truth_table)
    proofs = sorted({p["neurons"]: p for p in proofs}.values(), key=lambda p: p["neurons"])
    return ExactResult(arch, best, lower, upper, tuple(proofs), time.perf_counter() - t0,
                       lower < upper)
