"""Exact worst cases: the fewest sign neurons that realise every map {±1}^M → {±1}, M ≤ 4.

Computed by ``memcap minimal`` (:mod:`constructions.exact`): for every NPN class of M ≤ 4
inputs, a verified network of the minimal size and a certificate that no smaller one exists
(complete enumeration of realisable tables, or an infeasible CP-SAT model with the Hadamard/Muroga
weight bound; docs/exact.md). capacity imports nothing of constructions, so the values are written
here; tests/capacity/test_exact_agree.py recomputes them from the shipped tables and from the
solver for M ≤ 3 and fails if they differ.

Examples
--------
>>> [EXACT_WORST_NEURONS["any-depth"][m] for m in range(1, 5)]
[1, 2, 2, 3]
"""

from __future__ import annotations

from capacity.bound import Bound
from capacity.errors import UsageError

__all__ = ["EXACT_BOUNDS", "EXACT_MAX_INPUTS", "EXACT_WORST_NEURONS", "FIVE_INPUT_UPPER",
           "exact_worst_neurons"]

_ANY_MAP = "any Boolean map {±1}^M → {±1}^N"

#: Largest M at which the exact worst case is known (every function computed with certificate).
EXACT_MAX_INPUTS = 4

#: arch -> {M: worst-case neurons (hidden + 1 output) over all maps {±1}^M → {±1}}.
EXACT_WORST_NEURONS = {
    "any-depth": {1: 1, 2: 2, 3: 2, 4: 3},
    "layered": {1: 1, 2: 3, 3: 4, 4: 5},
}


#: Proven upper bounds on the worst case at M = 5 (N = 1): every map of five inputs has a
#: network of at most this many neurons (constructions/exact/five.py; the brackets are [3, 4]
#: any depth and [5, 7] layered). tests/capacity/test_exact_agree.py rechecks them from the
#: shipped certificate.
FIVE_INPUT_UPPER = {"any-depth": 4, "layered": 7}


def exact_worst_neurons(arch: str, M: int) -> int:  # noqa: N803 (the paper's symbol)
    """The exact worst-case neuron count for one output, ``arch`` any-depth or layered.

    Examples
    --------
    >>> exact_worst_neurons("layered", 4)
    5
    """
    table = EXACT_WORST_NEURONS.get(arch)
    if table is None or M not in table:
        raise UsageError(f"the exact worst case is known for M = 1..{EXACT_MAX_INPUTS} "
                         f"(any-depth or layered), not M = {M} ({arch})")
    return table[M]


def _persisting(arch: str, M: int, N: int) -> int:  # noqa: N803 (the paper's symbols)
    """The M ≤ 4 worst case carried to every M and N (see ``exact.persists``)."""
    top = exact_worst_neurons(arch, min(int(M), EXACT_MAX_INPUTS))
    return top if arch == "any-depth" else top - 1 + int(N)


def _five_only(params: dict) -> str | None:
    if params.get("M") == 5 and params.get("N", 1) == 1:
        return None
    return "proven for M = 5 and N = 1 only"


def _known(params: dict) -> str | None:
    if params.get("N", 1) != 1:
        return "computed for N = 1 output only"
    if params.get("M", 0) > EXACT_MAX_INPUTS:
        return f"computed for M ≤ {EXACT_MAX_INPUTS} only (memcap minimal)"
    return None


_HOW = ("memcap minimal --inputs M --arch ARCH (constructions/exact): every NPN class of M ≤ 4 "
        "inputs realised by a verified network of the minimal size, and every smaller size "
        "refuted by complete enumeration or an infeasible CP-SAT model whose weights lie within "
        "the Hadamard/Muroga bound β(n) = ⌊(n+1)^((n+1)/2)⌋ (docs/exact.md)")

EXACT_BOUNDS = (
    Bound(
        "exact.any-depth", "neurons", "exact", "sign, any depth",
        "any Boolean map {±1}^M → {±1} (N = 1), M ≤ 4",
        "The fewest sign neurons (hidden + output, any connections) that realise every map of "
        "M ≤ 4 inputs: 1, 2, 2, 3 for M = 1..4 (computed, with certificates).",
        solver=lambda M, N: exact_worst_neurons("any-depth", M), variables=("M", "N"),
        formula="computed: 1, 2, 2, 3 for M = 1..4", applies=_known,
        hypotheses="sign units with real weights, any feed-forward connections, N = 1, M ≤ 4",
        reference="computed by memcap (constructions.exact; docs/exact.md). " + _HOW,
        status="derived",
        sketch="For each NPN class the minimal any-depth size is found by enumeration of the "
               "tables realisable with k neurons (M ≤ 3) or CP-SAT (M = 4), with a verified "
               "witness; the worst case is the maximum over the classes.",
    ),
    Bound(
        "exact.one-hidden-layer", "neurons", "exact", "sign, one hidden layer",
        "any Boolean map {±1}^M → {±1} (N = 1), M ≤ 4",
        "The fewest sign neurons of one hidden layer plus the output (no skip edges) that "
        "realise every map of M ≤ 4 inputs: 1, 3, 4, 5 for M = 1..4 (computed, with "
        "certificates; parity is a hardest map).",
        solver=lambda M, N: exact_worst_neurons("layered", M), variables=("M", "N"),
        formula="computed: 1, 3, 4, 5 for M = 1..4", applies=_known,
        hypotheses="sign units with real weights, one hidden layer read by the output only, "
                   "N = 1, M ≤ 4 (a threshold function counts as one neuron)",
        reference="computed by memcap (constructions.exact; docs/exact.md). " + _HOW,
        status="derived",
        sketch="As exact.any-depth, with hidden units reading only the inputs and the output "
               "only the hidden units.",
    ),
    Bound(
        "exact.persists.any-depth", "neurons", "lower", "sign, any depth", _ANY_MAP,
        "Some map of M ≥ 4 inputs and N outputs needs at least 3 neurons with any connections "
        "(the M ≤ 4 worst case persists at every larger M and N): 1, 2, 2, 3, 3, 3, ...",
        solver=lambda M, N: _persisting("any-depth", M, N), variables=("M", "N"),
        formula="exact.any-depth at min(M, 4)",
        hypotheses="sign units with real weights, any feed-forward connections, any N ≥ 1",
        reference="derived from exact.any-depth (docs/exact.md)",
        status="derived",
        sketch="Take the map whose first output is the hardest function of the first "
               "min(M, 4) inputs. The first output's neuron and the neurons it depends on "
               "form a network for that function; fixing the inputs it ignores to −1 folds "
               "them into biases, so it has at least the exact worst case at min(M, 4).",
    ),
    Bound(
        "exact.persists.one-hidden-layer", "neurons", "lower", "sign, one hidden layer",
        _ANY_MAP,
        "Some map of M inputs and N outputs needs at least (the exact worst case at min(M, 4)) "
        "− 1 + N neurons in memcap's layered model: 5 − 1 + N from M = 4 on.",
        solver=lambda M, N: _persisting("layered", M, N), variables=("M", "N"),
        formula="exact.one-hidden-layer at min(M, 4) − 1 + N",
        hypotheses="memcap's layered model (outputs read only the hidden layer when there is "
                   "one, the inputs otherwise), real weights, any N ≥ 1",
        reference="derived from exact.one-hidden-layer (docs/exact.md)",
        status="derived",
        sketch="Take the map all of whose N outputs are the hardest function of the first "
               "min(M, 4) inputs (for M ≥ 2 a function that needs hidden units). Its hidden "
               "layer with any one output is a layered network for that function after the "
               "unused inputs are fixed to −1, so the layer has at least the exact worst "
               "case's hidden units, and the N outputs are N more neurons.",
    ),
    Bound(
        "certified.any-depth-m5", "neurons", "upper", "sign, any depth",
        "any Boolean map {±1}^5 → {±1} (M = 5, N = 1)",
        "Every map of 5 inputs has a sign network of at most 4 neurons with any connections "
        "(the worst case lies in [3, 4]; computed certificate).",
        solver=lambda M, N: FIVE_INPUT_UPPER["any-depth"], variables=("M", "N"),
        formula="4 at M = 5 (N = 1)", applies=_five_only,
        hypotheses="sign units with real weights, any feed-forward connections, M = 5, N = 1",
        reference="computed by memcap (constructions/exact/five.py; docs/exact.md, 'M = 5 and "
                  "6'): check_five_input_bound() rechecks the certificate in about ten "
                  "minutes",
        status="derived",
        sketch="Shannon's split f = x_j ? f1 : f0 costs the two cofactors' networks together, "
               "and a 4-input function needs at most 3 neurons (exact.any-depth), so f needs "
               "at most 4 if some split costs 4 or less (2 + 2, 1 + 3); the other functions "
               "(117 480 090, enumerated exactly from the M = 4 table) form 16 483 NPN "
               "classes. For each, "
               "the reuse merge (one cofactor's minimal network, its units moved by a cut of "
               "their own on the other half, plus one output neuron) or a shipped CP-SAT "
               "network gives at most 4 neurons, verified on all inputs.",
    ),
    Bound(
        "certified.one-hidden-layer-m5", "neurons", "upper", "sign, one hidden layer",
        "any Boolean map {±1}^5 → {±1} (M = 5, N = 1)",
        "Every map of 5 inputs has a one-hidden-layer sign network (no skip edges) of at most "
        "7 neurons (the worst case lies in [5, 7]; computed certificate).",
        solver=lambda M, N: FIVE_INPUT_UPPER["layered"], variables=("M", "N"),
        formula="7 at M = 5 (N = 1)", applies=_five_only,
        hypotheses="sign units with real weights, one hidden layer read by the output only, "
                   "M = 5, N = 1",
        reference="computed by memcap (constructions/exact/five.py; docs/exact.md, 'M = 5 and "
                  "6'): check_five_input_bound('layered') rechecks the certificate in seconds",
        status="derived",
        sketch="The gated construction split at any input joins the two 4-input cofactors' "
               "minimal layered blocks with one output, at most h(f1) + h(f0) + 1 neurons with "
               "h = max(1, minimal neurons − 1) from exact.one-hidden-layer; the functions "
               "every split of which costs 8 or 9 (66, enumerated exactly) form 2 NPN classes "
               "(parity of five inputs among them), each with a shipped network of 5 or 6 "
               "neurons verified on all inputs.",
    ),
)
