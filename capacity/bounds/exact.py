"""Exact worst cases: the fewest sign neurons that realise every map {±1}^M → {±1}, M ≤ 5.

Computed by ``memcap minimal`` (:mod:`constructions.exact`) for M ≤ 4: for every NPN class, a
verified network of the minimal size and a certificate that no smaller one exists (complete
enumeration of realisable tables, or an infeasible CP-SAT model with the Hadamard/Muroga weight
bound; docs/exact.md). At M = 5 two certificates meet in each architecture: every map has a
network of 4 neurons at any depth and of 6 with one hidden layer (constructions/exact/five.py),
and one map has none of 3, one none of 5 (refutations, constructions/exact/refute.py). capacity
imports nothing of
constructions, so the values are written in :mod:`capacity.exact_values` (plain data, which
constructions read too); tests/capacity/test_exact_agree.py recomputes them from the shipped
tables, the certificates and the solver for M ≤ 3 and fails if they differ.

Examples
--------
>>> [EXACT_WORST_NEURONS[arch][m] for arch in ("any-depth", "layered") for m in range(1, 6)]
[1, 2, 2, 3, 4, 1, 3, 4, 5, 6]
"""

from __future__ import annotations

from capacity.bound import Bound
from capacity.errors import UsageError

# the values themselves live in a module without sympy (constructions read them too)
from capacity.exact_values import (
    EXACT_MAX_INPUTS,
    EXACT_WORST_NEURONS,
    FIVE_INPUT_LOWER,
    FIVE_INPUT_UPPER,
)

__all__ = ["EXACT_BOUNDS", "EXACT_MAX_INPUTS", "EXACT_WORST_NEURONS", "FIVE_INPUT_LOWER",
           "FIVE_INPUT_UPPER", "exact_worst_neurons", "worst_case_lower"]

_ANY_MAP = "any Boolean map {±1}^M → {±1}^N"

def exact_worst_neurons(arch: str, M: int) -> int:  # noqa: N803 (the paper's symbol)
    """The exact worst-case neuron count for one output, ``arch`` any-depth or layered.

    Parameters
    ----------
    arch : str
        ``"any-depth"`` or ``"layered"`` (one hidden layer); another name raises
        :class:`~capacity.errors.UsageError`.
    M : int
        Number of inputs, 1..5; another value raises :class:`~capacity.errors.UsageError`.

    Returns
    -------
    int
        The neurons (hidden + 1 output) the hardest map {±1}^M → {±1} needs.

    References
    ----------
    Computed by memcap with certificates (constructions/exact; docs/exact.md): exhaustive
    tables for M ≤ 4, the shipped certificate and refutations at M = 5.

    Examples
    --------
    >>> exact_worst_neurons("layered", 4)
    5
    """
    table = EXACT_WORST_NEURONS.get(arch)
    if table is None or M not in table:
        raise UsageError(f"the exact worst case is known for M = 1..5, not M = {M} ({arch})")
    return table[M]


def worst_case_lower(arch: str, M: int) -> int:  # noqa: N803 (the paper's symbol)
    """The best proven lower bound on the worst case of one output: exact for M ≤ 5 (the
    refutation's value at M = 5), and the M = 5 value for every larger M (a hard
    function of five inputs stays hard with inputs it ignores; ``exact.persists``).

    Parameters
    ----------
    arch : str
        ``"any-depth"`` or ``"layered"`` (one hidden layer).
    M : int
        Number of inputs (converted with ``int``); values above 5 use the M = 5 bound, values
        below 1 raise :class:`~capacity.errors.UsageError`.

    Returns
    -------
    int
        A lower bound on the neurons the hardest map {±1}^M → {±1} needs.

    References
    ----------
    Computed by memcap (docs/exact.md, "M = 5 and 6"): the refutations at M = 5, and the
    derived persistence of a worst case to larger M (docs/capacity.md).

    Examples
    --------
    >>> [worst_case_lower("any-depth", m) for m in (4, 5, 9)], worst_case_lower("layered", 7)
    ([3, 4, 4], 6)
    """
    m = min(int(M), 5)
    return exact_worst_neurons(arch, m) if m <= EXACT_MAX_INPUTS else FIVE_INPUT_LOWER[arch]


def _persisting(arch: str, M: int, N: int) -> int:  # noqa: N803 (the paper's symbols)
    """The worst case at min(M, 5) carried to every M and N (see ``exact.persists``)."""
    top = worst_case_lower(arch, M)
    return top if arch == "any-depth" else top - 1 + int(N)


def _five_only(params: dict) -> str | None:
    if params.get("M") == 5 and params.get("N", 1) == 1:
        return None
    return "proven for M = 5 and N = 1 only"


def _known_up_to(top: int, how: str):
    """The ``applies`` rule of an exact worst case known for N = 1 and M ≤ ``top``."""
    def applies(params: dict) -> str | None:
        if params.get("N", 1) != 1:
            return "computed for N = 1 output only"
        if params.get("M", 0) > top:
            return f"computed for M ≤ {top} only ({how})"
        return None
    return applies


_known = _known_up_to(5, "memcap minimal; at M = 5 the five-input certificates")


_HOW = ("memcap minimal --inputs M --arch ARCH (constructions/exact): every NPN class of M ≤ 4 "
        "inputs realised by a verified network of the minimal size, and every smaller size "
        "refuted by complete enumeration or an infeasible CP-SAT model whose weights lie within "
        "the Hadamard/Muroga bound β(n) = ⌊(n+1)^((n+1)/2)⌋ (docs/exact.md)")

EXACT_BOUNDS = (
    Bound(
        "exact.any-depth", "neurons", "exact", "sign, any depth",
        "any Boolean map {±1}^M → {±1} (N = 1), M ≤ 5",
        "The fewest sign neurons (hidden + output, any connections) that realise every map of "
        "M ≤ 5 inputs: 1, 2, 2, 3, 4 for M = 1..5 (computed, with certificates).",
        solver=lambda M, N: exact_worst_neurons("any-depth", M), variables=("M", "N"),
        formula="computed: 1, 2, 2, 3, 4 for M = 1..5", applies=_known,
        hypotheses="sign units with real weights, any feed-forward connections, N = 1, M ≤ 5",
        reference="computed by memcap (constructions.exact; docs/exact.md). " + _HOW
                  + "; M = 5: certified.any-depth-m5 and refuted.any-depth-m5",
        status="derived",
        sketch="For each NPN class of M ≤ 4 the minimal any-depth size is found by enumeration "
               "of the tables realisable with k neurons (M ≤ 3) or CP-SAT (M = 4), with a "
               "verified witness; the worst case is the maximum over the classes. At M = 5 "
               "every map has a network of 4 neurons (certified.any-depth-m5) and one map has "
               "none of 3 (refuted.any-depth-m5).",
    ),
    Bound(
        "exact.one-hidden-layer", "neurons", "exact", "sign, one hidden layer",
        "any Boolean map {±1}^M → {±1} (N = 1), M ≤ 5",
        "The fewest sign neurons of one hidden layer plus the output (no skip edges) that "
        "realise every map of M ≤ 5 inputs: 1, 3, 4, 5, 6 for M = 1..5 (computed, with "
        "certificates; parity is a hardest map).",
        solver=lambda M, N: exact_worst_neurons("layered", M), variables=("M", "N"),
        formula="computed: 1, 3, 4, 5, 6 for M = 1..5", applies=_known,
        hypotheses="sign units with real weights, one hidden layer read by the output only, "
                   "N = 1, M ≤ 5 (a threshold function counts as one neuron)",
        reference="computed by memcap (constructions.exact; docs/exact.md). " + _HOW
                  + "; M = 5: certified.one-hidden-layer-m5 and refuted.one-hidden-layer-m5",
        status="derived",
        sketch="As exact.any-depth, with hidden units reading only the inputs and the output "
               "only the hidden units. At M = 5 every map has a network of 6 neurons "
               "(certified.one-hidden-layer-m5) and parity of five has none of 5 "
               "(refuted.one-hidden-layer-m5).",
    ),
    Bound(
        "exact.persists.any-depth", "neurons", "lower", "sign, any depth", _ANY_MAP,
        "Some map of M ≥ 5 inputs and N outputs needs at least 4 neurons with any connections "
        "(the M ≤ 5 worst case persists at every larger M and N): 1, 2, 2, 3, 4, 4, ...",
        solver=lambda M, N: _persisting("any-depth", M, N), variables=("M", "N"),
        formula="exact.any-depth at min(M, 5)",
        hypotheses="sign units with real weights, any feed-forward connections, any N ≥ 1",
        reference="derived from exact.any-depth (docs/exact.md)",
        status="derived",
        sketch="Take the map whose first output is the hardest function of the first "
               "min(M, 5) inputs. The first output's neuron and the neurons it depends on "
               "form a network for that function; fixing the inputs it ignores to −1 folds "
               "them into biases, so it has at least the exact worst case at min(M, 5).",
    ),
    Bound(
        "exact.persists.one-hidden-layer", "neurons", "lower", "sign, one hidden layer",
        _ANY_MAP,
        "Some map of M inputs and N outputs needs at least (the exact worst case at "
        "min(M, 5)) − 1 + N neurons in memcap's layered model: 5 − 1 + N at M = 4, 6 − 1 + N "
        "from M = 5 on.",
        solver=lambda M, N: _persisting("layered", M, N), variables=("M", "N"),
        formula="exact.one-hidden-layer at min(M, 5), − 1 + N",
        hypotheses="memcap's layered model (outputs read only the hidden layer when there is "
                   "one, the inputs otherwise), real weights, any N ≥ 1",
        reference="derived from exact.one-hidden-layer and refuted.one-hidden-layer-m5 "
                  "(docs/exact.md)",
        status="derived",
        sketch="Take the map all of whose N outputs are the hardest function of the first "
               "min(M, 5) inputs (for M ≥ 2 a function that needs hidden units; at M ≥ 5 parity "
               "of five). Its hidden layer with any one output is a layered network for that "
               "function after the unused inputs are fixed to −1, so the layer has at least "
               "that function's hidden units, and the N outputs are N more neurons.",
    ),
    Bound(
        "certified.any-depth-m5", "neurons", "upper", "sign, any depth",
        "any Boolean map {±1}^5 → {±1} (M = 5, N = 1)",
        "Every map of 5 inputs has a sign network of at most 4 neurons with any connections "
        "(computed certificate; with refuted.any-depth-m5 the worst case is exactly 4).",
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
        "6 neurons (computed certificate; with refuted.one-hidden-layer-m5 the worst case is "
        "exactly 6).",
        solver=lambda M, N: FIVE_INPUT_UPPER["layered"], variables=("M", "N"),
        formula="6 at M = 5 (N = 1)", applies=_five_only,
        hypotheses="sign units with real weights, one hidden layer read by the output only, "
                   "M = 5, N = 1",
        reference="computed by memcap (constructions/exact/five.py; docs/exact.md, 'M = 5 and "
                  "6'): check_five_input_bound('layered') rechecks the certificate in about a "
                  "minute",
        status="derived",
        sketch="The gated construction split at any input joins the two 4-input cofactors' "
               "minimal layered blocks with one output, at most h(f1) + h(f0) + 1 neurons with "
               "h = max(1, minimal neurons − 1) from exact.one-hidden-layer; the functions "
               "every split of which costs 7 or more (33 863 476, enumerated exactly) form "
               "5 729 NPN classes, each with a shipped network of 4 to 6 neurons (CP-SAT, "
               "6 only for parity's class) verified on all inputs.",
    ),
    Bound(
        "refuted.any-depth-m5", "neurons", "lower", "sign, any depth",
        "any Boolean map {±1}^5 → {±1} (M = 5, N = 1)",
        "Some map of 5 inputs needs 4 sign neurons with any connections: no network of 3 "
        "realises 00010100001001100001101011000000 (computed refutation).",
        solver=lambda M, N: FIVE_INPUT_LOWER["any-depth"], variables=("M", "N"),
        formula="4 at M = 5 (N = 1)", applies=_five_only,
        hypotheses="sign units with real weights, any feed-forward connections, M = 5, N = 1",
        reference="computed by memcap (constructions/exact/refute.py and five.py; "
                  "docs/exact.md, 'M = 5 and 6'): check_five_input_lower() rechecks the "
                  "refutation in seconds",
        status="derived",
        sketch="Three neurons realise f iff there are tables h1, h2 on the 32 inputs with h1 "
               "separable on x, h2 on (x, h1) and f on (x, h1, h2). A SAT solver proposes "
               "tables; each inseparable labelling gets a Farkas certificate (points and "
               "positive multipliers summing y·(v, 1) to 0), i.e. a clause no network can "
               "violate. The shipped clauses, each with exact integer multipliers, are "
               "infeasible together (CP-SAT), so no 3-neuron network exists.",
    ),
    Bound(
        "refuted.one-hidden-layer-m5", "neurons", "lower", "sign, one hidden layer",
        "any Boolean map {±1}^5 → {±1} (M = 5, N = 1)",
        "Some map of 5 inputs needs 6 neurons in one hidden layer (no skip edges): parity of "
        "five inputs has no network of 4 hidden units and the output (computed refutation).",
        solver=lambda M, N: FIVE_INPUT_LOWER["layered"], variables=("M", "N"),
        formula="6 at M = 5 (N = 1)", applies=_five_only,
        hypotheses="sign units with real weights, one hidden layer read by the output only, "
                   "M = 5, N = 1",
        reference="computed by memcap (constructions/exact/refute.py and five.py; "
                  "docs/exact.md, 'M = 5 and 6'): check_five_input_lower('layered') rechecks "
                  "the refutation in about 90 seconds; agrees with the 5-cube's cut number "
                  "C(5) = 5 (Sohler & Ziegler, 'Computing cut numbers', CCCG 2000): every "
                  "edge joins inputs of different parity, so some hidden hyperplane slices it",
        status="derived",
        sketch="As refuted.any-depth-m5 with four hidden tables separable on x and parity "
               "separable on the hidden tables alone; hidden units fixed to +1 on input 0 "
               "and sorted (negating or permuting hidden units changes nothing), and inputs "
               "of different parity differing in some hidden unit (the output reads only the "
               "layer).",
    ),
)
