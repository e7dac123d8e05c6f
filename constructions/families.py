"""Named families of Boolean functions: parity, majority, and, or, constant, random, threshold,
inner-product, dnf (random k-term DNF).

Every family follows the memcap input order (``x_j = +1`` iff bit ``j`` of the input index is 1)
and returns a :class:`~constructions.boolean.BooleanFunction`. With ``outputs = N > 1`` the seeded
families (``random``, ``threshold``, ``dnf``) draw N independent outputs; the deterministic ones
repeat their single output N times.
"""

from __future__ import annotations

import inspect

import numpy as np

from capacity.errors import UsageError
from capacity.options import canonical_choice, check_integer, check_seed, is_integer
from constructions.boolean import (
    MAX_FUNCTION_ENTRIES,
    MAX_FUNCTION_OUTPUTS,
    BooleanFunction,
    check_inputs,
    check_table_size,
    table_by_chunks,
)

__all__ = ["FAMILIES", "MAX_DNF_TERMS", "MAX_DNF_WORK", "MAX_FUNCTION_ENTRIES",
           "MAX_FUNCTION_OUTPUTS", "SEEDED_FAMILIES", "family_reads_seed", "make_function",
           "popcount", "random_threshold_weights", "threshold_table"]


def popcount(m: int) -> np.ndarray:
    """Number of +1 coordinates of every input of {±1}^M, in input order (``int64``, ``2**M``).

    Examples
    --------
    >>> popcount(2).tolist()
    [0, 1, 1, 2]
    """
    return _popcount8(m).astype(np.int64)


def _popcount8(m: int) -> np.ndarray:
    """:func:`popcount` as ``uint8`` (M ≤ 255), built in blocks of 2^20 indices: one byte an
    input at the peak instead of seventeen (an int64 range, its counts and their int64 copy:
    4.6 GB at M = 28 for a parity table of 256 MB)."""
    out = np.empty(1 << m, dtype=np.uint8)
    block = 1 << min(m, 20)
    low = np.bitwise_count(np.arange(block, dtype=np.uint64)).astype(np.uint8)  # (block,)
    for start in range(0, 1 << m, block):  # the high bits add their own count
        np.add(low, np.uint8(int(start).bit_count()), out=out[start:start + block])
    return out


def _parity(m, rng, **_):
    return _popcount8(m) % 2 == 1


def _majority(m, rng, **_):
    return 2 * _popcount8(m).astype(np.int16) > m


def _and(m, rng, **_):
    return _popcount8(m) == m


def _or(m, rng, **_):
    return _popcount8(m) > 0


def _constant(m, rng, value: int = 1, **_):
    # True and 1.0 equal 1 and passed (noticed 2026-12-07): the value is an integer like dnf's
    if not is_integer(value) or value not in (0, 1, -1):
        raise UsageError(f"constant value must be 1 (+1) or 0/-1 (−1), got {value!r}")
    return np.full(1 << m, value == 1)


def _random(m, rng, **_):
    return rng.random(1 << m) < 0.5


def random_threshold_weights(m: int, rng: np.random.Generator) -> tuple[np.ndarray, int]:
    """Draw integer weights in ``[-M, M]`` and a bias making every pre-activation odd.

    ``w·x ≡ Σ w_j (mod 2)`` for ``x`` in {±1}^M, so a bias of the opposite parity keeps
    ``w·x + b`` odd, hence never 0.

    Parameters
    ----------
    m : int
        Number of inputs M.
    rng : numpy.random.Generator
        Source of the draws.

    Returns
    -------
    w : numpy.ndarray of int, shape (M,)
        The weights.
    b : int
        The bias, in ``[−Σ|w_j|, Σ|w_j|]`` before the parity fix (±1).

    Examples
    --------
    >>> w, b = random_threshold_weights(4, np.random.default_rng(0))
    >>> int((w.sum() + b) % 2)
    1
    """
    w = rng.integers(-m, m + 1, size=m)
    span = int(np.abs(w).sum())
    b = int(rng.integers(-span, span + 1))
    if (int(w.sum()) + b) % 2 == 0:
        b += 1 if b <= 0 else -1
    return w, b


def threshold_table(m: int, w, b: int) -> np.ndarray:
    """The truth table of sign(w·x + b) over {±1}^M, computed in chunks of inputs (the
    (2^M, M) int64 input matrix took 6.9 GB at M = 24, 2026-12-04).

    Parameters
    ----------
    m : int
        Number of inputs M.
    w : sequence of int
        The M weights.
    b : int
        The bias; +1 where w·x + b > 0.

    Returns
    -------
    numpy.ndarray
        ``bool`` array of length ``2**m``.

    Examples
    --------
    >>> threshold_table(2, [1, 1], -1).astype(int).tolist()  # AND
    [0, 0, 0, 1]
    """
    return table_by_chunks(m, lambda idx: sum(int(wj) * (2 * ((idx >> j) & 1) - 1)
                                               for j, wj in enumerate(w)) + b > 0)


def _threshold(m, rng, **_):
    return threshold_table(m, *random_threshold_weights(m, rng))


def _inner_product(m, rng, **_):
    if m % 2:
        raise UsageError(f"inner-product needs an even number of inputs, got M = {m}")
    h = m // 2
    idx = np.arange(1 << m, dtype=np.uint64)
    low, high = idx & np.uint64((1 << h) - 1), idx >> np.uint64(h)
    return np.bitwise_count(low & high) % 2 == 1


#: Most terms x 2^M a dnf draws (each term is evaluated on every point: 2^32 took about 20 s),
#: and most terms at any M (each is drawn and kept).
MAX_DNF_WORK = 1 << 32
MAX_DNF_TERMS = 1 << 16


def _dnf(m, rng, terms: int = 3, width: int | None = None, **_):
    """k random terms, each the AND of ``width`` literals (default ⌈M/2⌉) on distinct inputs
    with random signs; the output is their OR."""
    terms = check_integer("dnf's terms", terms)  # 1.7 became 1 (2026-12-05 API review)
    width = (m + 1) // 2 if width is None else check_integer("dnf's width", width)
    if not 1 <= width <= m or terms < 1:
        raise UsageError(f"dnf needs terms >= 1 and 1 <= width <= M = {m}, got terms = "
                         f"{terms!r}, width = {width!r}")
    most = min(MAX_DNF_TERMS, MAX_DNF_WORK >> m)  # terms=10^30 drew terms until memory ran out
    if terms > most:
        raise UsageError(f"dnf draws at most {most} terms at M = {m} (at most {MAX_DNF_TERMS}, "
                         f"and terms x 2^M at most 2^32: about 20 s), got {terms}")
    drawn = [(rng.choice(m, size=width, replace=False), rng.choice([-1, 1], size=width))
             for _ in range(terms)]  # the draws of one term after another, as before

    def row(idx):  # in chunks of inputs, as _threshold
        out = np.zeros(len(idx), dtype=bool)
        for inputs, signs in drawn:
            term = np.ones(len(idx), dtype=bool)
            for j, s in zip(inputs.tolist(), signs.tolist(), strict=True):
                term &= ((idx >> j) & 1) == (s > 0)
            out |= term
        return out

    return table_by_chunks(m, row)


#: name -> (builder, one-line description)
FAMILIES = {
    "parity": (_parity, "+1 iff an odd number of inputs are +1 (XOR)"),
    "majority": (_majority, "+1 iff more than half of the inputs are +1 (ties give −1)"),
    "and": (_and, "+1 iff every input is +1"),
    "or": (_or, "+1 iff some input is +1"),
    "constant": (_constant, "the constant +1 (value=0 for −1)"),
    "random": (_random, "uniformly random table (seeded)"),
    "threshold": (_threshold, "sign(w·x + b) with random integer w in [−M, M] (seeded)"),
    "inner-product": (_inner_product, "IP mod 2 of the two halves of the inputs (M even)"),
    "dnf": (_dnf, "OR of 3 random terms, each an AND of ceil(M/2) random literals (seeded)"),
}


#: The families drawn with a seed (the others ignore it).
SEEDED_FAMILIES = ("random", "threshold", "dnf")


def _family_key(name: str) -> str:
    """A family name as :data:`FAMILIES` spells it (any case, ``_`` for ``-``:
    :func:`capacity.options.choice_key`)."""
    return canonical_choice(name, FAMILIES)


def family_reads_seed(name: str) -> bool:
    """Whether the family ``name`` (as :func:`make_function` reads it: any case, ``_`` for
    ``-``) is drawn with a seed; False for a name that is no family (:func:`make_function`
    refuses it).

    Examples
    --------
    >>> family_reads_seed("DNF"), family_reads_seed("parity")
    (True, False)
    """
    return _family_key(name) in SEEDED_FAMILIES


def make_function(name: str, inputs: int, outputs: int = 1, seed: int | None = 0,
                  **params) -> BooleanFunction:
    """Build a named function {±1}^M → {±1}^N.

    Parameters
    ----------
    name : str
        One of ``FAMILIES``: parity, majority, and, or, constant, random, threshold, inner-product,
        dnf.
    inputs, outputs : int
        M and N.
    seed : int, optional
        Seed of ``numpy.random.default_rng`` for the seeded families.
    **params
        Family parameters (``value`` for ``constant``; ``terms`` and ``width`` for ``dnf``).

    Examples
    --------
    >>> make_function("parity", 2).to_strings()
    ['0110']
    >>> make_function("random", 3, seed=1) == make_function("random", 3, seed=1)
    True
    >>> int(make_function("dnf", 4, seed=0, terms=1, width=4).table.sum())  # one full minterm
    1
    """
    key = _family_key(name)
    if key not in FAMILIES:
        raise UsageError(f"unknown function {name!r}; choose one of {', '.join(FAMILIES)}")
    m = check_inputs(inputs)
    # N = 10^9 filled memory before anything was refused (2026-12-05 API review)
    check_table_size(m, outputs, "make_function draws ")
    seed = check_seed(seed, "the seed of a Boolean function (numpy draws it)")
    builder = FAMILIES[key][0]
    # the builders take **_ so that one call passes any family's parameters: a misspelt or
    # foreign one (terms=7 given as term=7) was dropped without a word (2026-12-05 API review)
    known = [p.name for p in list(inspect.signature(builder).parameters.values())[2:]
             if p.kind is not p.VAR_KEYWORD]
    unknown = sorted(set(params) - set(known))
    if unknown:
        takes = f"takes {', '.join(known)}" if known else "takes no parameters"
        raise UsageError(f"{key} {takes}; got {', '.join(unknown)}")
    rng = np.random.default_rng(seed)
    rows = [builder(m, rng, **params) for _ in range(outputs)]
    label = f"{key}(seed={seed})" if key in SEEDED_FAMILIES else key
    return BooleanFunction(np.stack(rows), name=label)
