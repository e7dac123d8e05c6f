"""The exact worst cases memcap has computed, as plain data (no sympy).

Fewest sign neurons that realise every map {±1}^M → {±1}: M ≤ 4 from ``memcap minimal``'s
tables, M = 5 where two certificates meet (docs/exact.md). :mod:`capacity.bounds.exact` registers
them as bounds; constructions (constructions/exact/five.py) read the M = 5 values from here, so
that importing the builders does not load the bound registry and sympy (a quarter of a second
in every worker process that builds a network; 2026-12-04).
tests/capacity/test_exact_agree.py recomputes them from the shipped tables, the certificates and
the solver and fails if they differ.

Examples
--------
>>> EXACT_WORST_NEURONS["layered"][5] == FIVE_INPUT_LOWER["layered"] == FIVE_INPUT_UPPER["layered"]
True
"""

from __future__ import annotations

__all__ = ["EXACT_MAX_INPUTS", "EXACT_WORST_NEURONS", "FIVE_INPUT_LOWER", "FIVE_INPUT_UPPER"]

#: Largest M at which every function's minimum is computed (``memcap minimal``).
EXACT_MAX_INPUTS = 4

#: arch -> {M: worst-case neurons (hidden + 1 output) over all maps {±1}^M → {±1}}: M ≤ 4 from
#: the minimal tables; M = 5 where FIVE_INPUT_LOWER meets FIVE_INPUT_UPPER.
EXACT_WORST_NEURONS = {
    "any-depth": {1: 1, 2: 2, 3: 2, 4: 3, 5: 4},
    "layered": {1: 1, 2: 3, 3: 4, 4: 5, 5: 6},
}

#: Proven upper bounds on the worst case at M = 5 (N = 1): every map of five inputs has a
#: network of at most this many neurons (constructions/exact/five.py).
#: tests/capacity/test_exact_agree.py rechecks them from the shipped certificate.
FIVE_INPUT_UPPER = {"any-depth": 4, "layered": 6}

#: Proven lower bounds on the worst case at M = 5 (N = 1): one map of five inputs needs this many
#: neurons (a refutation of one fewer, constructions/exact/refute.py). They meet the upper
#: bounds: the worst cases are exactly 4 at any depth and 6 layered.
FIVE_INPUT_LOWER = {"any-depth": 4, "layered": 6}
