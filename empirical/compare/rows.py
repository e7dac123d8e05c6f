"""The proven and constructed columns of ``memcap compare``: lower bounds, verified constructions.

Nothing here trains or imports torch. For each M:

* the lower bounds, copied from :func:`capacity.answer.answer_rows` and the registry (never
  recomputed): neurons of any sign network (``counting.any-depth``,
  ``counting.distinct-outputs``, and the M ≤ 5 exact worst case that persists at larger M,
  ``exact.persists.any-depth``), of a one-hidden-layer sign network
  (``counting.one-hidden-layer``, ``exact.persists.one-hidden-layer``), and its parameters
  (``uml.thm20.6-edges``); :func:`best_lower` is the largest proven neuron bound of each
  architecture. Apart from them (a row's ``anchors``), the bits-per-parameter anchors
  (:data:`BOOLEAN_ANCHOR_IDS`, ``info.boolean-params.*``: reference lines, not theorems);
* every construction (:data:`CONSTRUCTION_METHODS`: lookup, dnf, gated, depth3, xorsys, hall and
  auto) built on S seeded random functions and verified
  exactly on all 2^M inputs, with min / median / max of its sizes over the samples;
* the universal constructions' worst case (parity for lookup and dnf; depth3's size does not depend
  on the function), also built and verified: the only sizes a worst-case lower bound constrains.

:func:`check_consistency` turns the facts that must hold into a list of violations (empty when
all is well).

Examples
--------
>>> lower_bounds((4,))[4]["counting.any-depth"], best_lower(lower_bounds((4,))[4])
(2, 3)
"""

from __future__ import annotations

from collections.abc import Sequence

from capacity.answer import ANSWER_COLUMNS, BEST_ANY_DEPTH, answer_rows
from capacity.errors import UsageError
from capacity.evaluate import evaluate_bound
from capacity.registry import get_bound
from constructions.builders import (
    build,
    depth3_size,
    gated_worst_size,
    hall_size,
    lookup_size,
    xorsys_size,
)
from constructions.builders.auto import AUTO_LIMITS
from constructions.families import make_function
from constructions.verify import verify
from empirical.compare.result import SIZE_FIELDS, CompareRow, ConstructionColumn, Sizes, SizeStats

__all__ = [
    "CONSTRUCTION_METHODS",
    "ONE_HIDDEN_METHODS",
    "UNIVERSAL_METHODS",
    "BOOLEAN_ANCHOR_IDS",
    "LOWER_BOUND_IDS",
    "POINT_ANCHOR_IDS",
    "best_lower",
    "check_consistency",
    "construction_sizes",
    "lower_bounds",
    "point_anchors",
    "worst_case_neurons",
    "worst_case_sizes",
]

#: The builders compared (constructions.builders.METHODS names).
CONSTRUCTION_METHODS = ("lookup", "dnf", "gated", "depth3", "xorsys", "hall", "auto")

#: The universal constructions (they realise every map; their worst case has a closed form).
UNIVERSAL_METHODS = ("lookup", "dnf", "gated", "depth3", "xorsys", "hall")

#: The universal constructions with one hidden layer (their worst case must respect the
#: one-hidden-layer lower bound too; depth3, xorsys and hall are deeper).
ONE_HIDDEN_METHODS = ("lookup", "dnf", "gated")

#: Bound ids copied from answer_rows (the last two from the registry): neurons any depth,
#: neurons one hidden layer, parameters, the exact worst cases (M ≤ 5, N = 1; None elsewhere —
#: an exact worst case is also the tightest lower bound), the distinct-outputs bound and the
#: M ≤ 5 worst cases carried to every M and N.
LOWER_BOUND_IDS = ("counting.any-depth", "counting.one-hidden-layer", "uml.thm20.6-edges",
                   "exact.any-depth", "exact.one-hidden-layer", "counting.distinct-outputs",
                   "exact.persists.any-depth", "exact.persists.one-hidden-layer")

#: The Boolean bits-per-parameter anchors (parameters at 2 and 3.6 bits each): reference
#: lines, not lower bounds (registry direction "anchor"), kept apart from LOWER_BOUND_IDS.
BOOLEAN_ANCHOR_IDS = ("info.boolean-params.cover-2", "info.boolean-params.morris-3.6")

#: The proven neuron lower bounds whose largest is :func:`best_lower`, per architecture (any
#: depth: answer_rows' own "best" column's bounds).
BEST_LOWER_IDS = {"any-depth": BEST_ANY_DEPTH,
                  "layered": ("counting.one-hidden-layer", "exact.persists.one-hidden-layer")}


def best_lower(lower: dict[str, int | None], arch: str = "any-depth") -> int:
    """The largest proven worst-case neuron lower bound of a row's ``lower`` (any depth, or
    ``layered``: one hidden layer), over :data:`BEST_LOWER_IDS`. The exact worst case, where
    known, equals it.

    Parameters
    ----------
    lower : dict of str to int or None
        A row's lower bounds by id; None values are skipped.
    arch : str, optional
        ``"any-depth"`` (default) or ``"layered"``.

    Returns
    -------
    int
        The largest bound.

    Examples
    --------
    >>> lw = lower_bounds((6,))[6]
    >>> lw["counting.any-depth"], best_lower(lw)
    (3, 4)
    >>> lw["counting.one-hidden-layer"], best_lower(lw, "layered")
    (4, 6)
    """
    return max(v for b in BEST_LOWER_IDS[arch] if (v := lower.get(b)) is not None)


#: Anchors of the random-label view (parameters at 2, 3.6 and 5 bits per parameter).
POINT_ANCHOR_IDS = ("info.points-params.cover-2", "info.points-params.morris-3.6",
                    "info.points-params.collins-5")

def lower_bounds(inputs: Sequence[int], outputs: int = 1,
                 ids: Sequence[str] = LOWER_BOUND_IDS) -> dict[int, dict[str, int | None]]:
    """``{M: {bound id: exact int}}`` for :data:`LOWER_BOUND_IDS` (or other registered ids, such
    as :data:`BOOLEAN_ANCHOR_IDS`), taken from ``answer_rows``.

    Parameters
    ----------
    inputs : sequence of int
        The M values.
    outputs : int, optional
        N (default 1).
    ids : sequence of str, optional
        The bound ids (default :data:`LOWER_BOUND_IDS`).

    Returns
    -------
    dict
        ``{M: {bound id: value}}``; a value is None where the bound is not known at that M.

    Examples
    --------
    >>> lower_bounds((10,))[10]
    {'counting.any-depth': 10, 'counting.one-hidden-layer': 14, 'uml.thm20.6-edges': 90, \
'exact.any-depth': None, 'exact.one-hidden-layer': None, 'counting.distinct-outputs': 2, \
'exact.persists.any-depth': 4, 'exact.persists.one-hidden-layer': 6}
    >>> lower_bounds((10,), ids=BOOLEAN_ANCHOR_IDS)[10]
    {'info.boolean-params.cover-2': 512, 'info.boolean-params.morris-3.6': 285}
    >>> lower_bounds((4,))[4]["exact.any-depth"], lower_bounds((4,))[4]["exact.one-hidden-layer"]
    (3, 5)
    """
    column = {bound_id: name for name, bound_id in ANSWER_COLUMNS.items() if bound_id}
    rows = {row["M"]: row for row in answer_rows(max(inputs), outputs)}

    def value(m: int, b: str) -> int | None:
        if b in column:
            return rows[m][column[b]]
        return evaluate_bound(get_bound(b), {"M": m, "N": outputs}).value

    return {m: {b: value(m, b) for b in ids} for m in inputs}


def point_anchors(n: int, classes: int = 2) -> dict[str, int | None]:
    """Parameters at 2, 3.6 and 5 bits per parameter for n uniform labels over V classes.

    Examples
    --------
    >>> point_anchors(100)
    {'info.points-params.cover-2': 50, 'info.points-params.morris-3.6': 28, \
'info.points-params.collins-5': 20}
    """
    out = {}
    for bound_id in POINT_ANCHOR_IDS:
        ev = evaluate_bound(get_bound(bound_id), {"n": int(n), "V": int(classes)})
        out[bound_id] = ev.rounded if ev.note is None else None
    return out


def _build_verified(function, method: str, **options):
    net = build(function, method, **options)
    result = verify(net, function)
    if not result.ok:  # a builder bug, never a user error
        raise RuntimeError(f"{method} network failed verification on {function.name}: "
                           f"{result.to_dict()}")
    return net


def construction_sizes(inputs: int, outputs: int = 1, samples: int = 5, seed: int = 0,
                       methods: Sequence[str] = CONSTRUCTION_METHODS
                       ) -> dict[str, ConstructionColumn]:
    """Build and verify each method on ``samples`` random functions (seeds ``seed..seed+S-1``).

    Returns ``{method: ConstructionColumn}`` (size stats, the largest |weight|, per-sample
    sizes, verified count, variants); a network that fails verification raises RuntimeError
    (a builder bug).

    Parameters
    ----------
    inputs : int
        M.
    outputs : int, optional
        N (default 1).
    samples : int, optional
        Random functions built (``--functions``), at least 1 (default 5).
    seed : int, optional
        Seed of the first function (default 0).
    methods : sequence of str, optional
        Construction methods, built in this order (default :data:`CONSTRUCTION_METHODS`);
        ``auto`` reuses those built before it.

    Returns
    -------
    dict of str to ConstructionColumn
        One column per method.

    Examples
    --------
    >>> sizes = construction_sizes(3, samples=3)
    >>> sizes["lookup"].neurons, sizes["auto"].verified
    (SizeStats(min=4, median=4, max=5), 3)
    >>> sizes["lookup"].max_abs_weight.max, sizes["depth3"].depth.max
    (1, 3)
    """
    if samples < 1:
        raise UsageError(f"--functions (random functions per M) must be at least 1, got {samples}")
    fields = (*SIZE_FIELDS, "max_abs_weight")
    per: dict[str, dict[str, list[int]]] = {m: {f: [] for f in fields} for m in methods}
    variants: dict[str, set[str]] = {m: set() for m in methods}
    for s in range(samples):
        function = make_function("random", inputs, outputs, seed=seed + s)
        built: dict = {}  # auto reuses the networks built (and verified) above
        for method in methods:
            options = ({"prebuilt": {k: v for k, v in built.items() if k in AUTO_LIMITS},
                        "verify": False} if method == "auto" else {})
            net = built[method] = _build_verified(function, method, **options)
            sizes = net.sizes()
            for f in fields:
                per[method][f].append(int(getattr(sizes, f)))
            variants[method].add(net.method)
    return {m: ConstructionColumn(**{f: SizeStats.of(per[m][f]) for f in fields},
                                  per_sample=per[m], verified=samples, samples=samples,
                                  variants=sorted(variants[m]))
            for m in methods}


def worst_case_sizes(inputs: int, outputs: int = 1) -> dict[str, Sizes]:
    """Sizes of the universal constructions on their worst case, built and verified.

    For N = 1, lookup and dnf are largest on parity (half the inputs positive, no two adjacent);
    depth3 is largest when it keeps every row, as on parity for M ≥ 2. These witnesses are
    compared with the closed forms of :func:`worst_case_neurons` by :func:`check_consistency`.

    Parameters
    ----------
    inputs : int
        M.
    outputs : int, optional
        N (default 1).

    Returns
    -------
    dict of str to Sizes
        Sizes of each method of :data:`UNIVERSAL_METHODS` built on parity.

    Examples
    --------
    >>> worst_case_sizes(4)["lookup"].neurons, worst_case_sizes(4)["depth3"].neurons
    (9, 9)
    """
    parity = make_function("parity", inputs, outputs)
    out = {}
    for method in UNIVERSAL_METHODS:
        s = _build_verified(parity, method).sizes()
        out[method] = Sizes(**{f: int(getattr(s, f)) for f in SIZE_FIELDS},
                            max_abs_weight=int(s.max_abs_weight))
    return out


def worst_case_neurons(inputs: int, outputs: int = 1) -> dict[str, int]:
    """Closed-form upper bounds on each universal construction's neurons over *all* maps.

    lookup: ``lookup_size`` (attained); depth3: ``depth3_size`` (attained when every row is
    kept); dnf: each output's cover is the smaller of a DNF and a CNF, at most 2^(M−1) cubes, so
    at most ``N·2^(M−1) + N`` (attained by parity for N = 1); xorsys and hall: ``xorsys_size``,
    ``hall_size`` (the same for every map); gated: ``gated_worst_size`` (every 5-input cofactor
    at most 5 hidden units). A worst-case lower bound above one of these would be a contradiction.

    Parameters
    ----------
    inputs : int
        M.
    outputs : int, optional
        N (default 1).

    Returns
    -------
    dict of str to int
        The bound per universal construction.

    Examples
    --------
    >>> worst_case_neurons(4)
    {'lookup': 9, 'dnf': 9, 'gated': 5, 'depth3': 9, 'xorsys': 8, 'hall': 12}
    """
    return {"lookup": lookup_size(inputs, outputs=outputs),
            "dnf": outputs * (1 << (inputs - 1)) + outputs,
            "gated": gated_worst_size(inputs, outputs),
            "depth3": depth3_size(inputs, outputs),
            "xorsys": xorsys_size(inputs, outputs),
            "hall": hall_size(inputs, outputs)}


def check_consistency(row: CompareRow) -> list[str]:
    """Violations of the facts a compare row must satisfy (empty list: consistent).

    Proven facts checked: every sampled construction verified; the universal constructions'
    closed-form worst cases (:func:`worst_case_neurons`; one hidden layer: lookup, dnf; two:
    depth3) are not below the proven lower bounds (:func:`best_lower`); the parity instances do
    not exceed those worst cases (for N = 1 lookup's and dnf's equal them) and, where they
    attain them, are not below the Thm 20.6 bound in parameters; each sampled size is at most
    its worst case; auto is at most the smallest other builder on every sample; every trained
    size comes with a Wilson interval and a bracket, never bare.

    Sampled random functions are NOT compared with the lower bounds: those are worst-case
    statements over all 2^(2^M) maps, and a particular map (e.g. a constant one) may need fewer.

    Examples
    --------
    >>> from empirical.compare.rows import lower_bounds, construction_sizes, worst_case_sizes
    >>> row = CompareRow(M=3, N=1, information_bits=8, lower=lower_bounds((3,))[3],
    ...                  constructions=construction_sizes(3), worst_case=worst_case_sizes(3))
    >>> check_consistency(row)
    []
    """
    bad: list[str] = []
    m, lower = row.M, row.lower
    any_depth, one_hidden = best_lower(lower), best_lower(lower, "layered")
    edges = lower["uml.thm20.6-edges"]
    n_out = row.N
    formula = worst_case_neurons(m, n_out)
    for method, top in formula.items():
        if any_depth is not None and top < any_depth:
            bad.append(f"M={m}: {method} worst case has {top} neurons < proven any-depth "
                       f"bound {any_depth}")
        # the one-hidden-layer bounds count networks *with* a hidden layer; a worst case of N
        # neurons is the outputs alone (gated at M = 1: every function is a threshold one)
        if method in ONE_HIDDEN_METHODS and one_hidden is not None and top < one_hidden \
                and top > n_out:
            bad.append(f"M={m}: {method} worst case has {top} neurons < proven "
                       f"one-hidden-layer bound {one_hidden}")
    for method, witness in row.worst_case.items():
        top = formula[method]
        if witness.neurons > top:
            bad.append(f"M={m}: {method} on parity has {witness.neurons} neurons, more than "
                       f"its closed-form worst case {top}")
        if n_out == 1 and method in ("lookup", "dnf") and witness.neurons != top:
            bad.append(f"M={m}: {method} on parity has {witness.neurons} neurons, its closed "
                       f"form says {top}")
        if edges is not None and witness.neurons == top and witness.parameters < edges:
            bad.append(f"M={m}: {method} worst case has {witness.parameters} parameters < "
                       f"Thm 20.6 bound {edges}")
    exact_any, exact_one = lower.get("exact.any-depth"), lower.get("exact.one-hidden-layer")
    if exact_any is not None:
        if any_depth is not None and exact_any < any_depth:
            bad.append(f"M={m}: exact any-depth worst case {exact_any} < counting bound "
                       f"{any_depth}")
        for method, top in formula.items():
            if top < exact_any:
                bad.append(f"M={m}: {method} worst case {top} < exact worst case {exact_any}")
    if exact_one is not None:
        for method in ONE_HIDDEN_METHODS:
            if formula[method] < exact_one:
                bad.append(f"M={m}: {method} worst case {formula[method]} < exact one-hidden-layer "
                           f"worst case {exact_one}")
    cons = row.constructions
    for method, c in cons.items():
        if c.verified != c.samples:
            bad.append(f"M={m}: {method} verified on {c.verified} of {c.samples} samples")
        top = formula.get(method)
        if top is not None and c.neurons.max > top:
            bad.append(f"M={m}: {method} sample with {c.neurons.max} neurons exceeds its "
                       f"worst case {top}")
    if "auto" in cons:
        others = [cons[k].per_sample["neurons"] for k in cons if k != "auto"]
        for i, a in enumerate(cons["auto"].per_sample["neurons"]):
            if others and a > min(o[i] for o in others):
                bad.append(f"M={m}: auto sample {i} has {a} neurons, more than another builder")
    for family, t in row.trained.items():
        if t.needed is not None and t.needed.interval is None:
            bad.append(f"M={m}: trained {family} size reported without interval/bracket")
    return bad
