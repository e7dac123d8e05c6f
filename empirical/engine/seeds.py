"""Seeds derived from integer keys (numpy only, no torch): each key gives its own
``SeedSequence`` word list (one-to-one for every integer key of a fixed length), hashed to a
32-bit seed, so two different keys share a seed with probability about 2^−32 a pair, as any
32-bit hash does (e.g. ``derived_seed(14375, 0, 0) == derived_seed(53572, 0, 0)``); the
callers' keys are small and few.

``numpy.random.SeedSequence`` reads a list of non-negative integers as the concatenation of
their 32-bit words and ignores trailing zero words, so ``[2**32, 1, 0]`` (the words 0, 1, 1, 0)
and ``[0, 1, 1]`` seed the same stream, and masking a key to 32 bits maps ``s`` and
``s + 2**32`` to the same seed. :func:`derived_seed` keeps a key whose entries all lie in
0..2^32 − 1 as it is (so every seed memcap derived before stays the same) and gives any other
key a longer, decodable word list, so different keys *of the same length* never share a stream
(every caller derives its seeds from keys of one fixed length: 3).
"""

from __future__ import annotations

import numpy as np

__all__ = ["derived_seed", "seed_words"]

_WORD = 2**32


def _magnitude_words(value: int) -> list[int]:
    """Little-endian 32-bit words of ``value >= 1``."""
    words = []
    while value:
        words.append(value % _WORD)
        value //= _WORD
    return words


def seed_words(*key: int) -> list[int]:
    """The ``SeedSequence`` entropy words of ``key``: the key itself where every entry is in
    0..2^32 − 1; otherwise each entry's low word, then for every entry outside that range its
    position, sign and high words (``entry >> 32``) with their count, and last the number of
    words added (never zero), so the key can be read back from the words.

    Examples
    --------
    >>> seed_words(7, 1, 0)
    [7, 1, 0]
    >>> seed_words(2**32, 1, 0)  # not [0, 1, 1, 0], which is the key (0, 1, 1)
    [0, 1, 0, 0, 0, 1, 1, 5]
    """
    ints = [int(k) for k in key]
    if all(0 <= k < _WORD for k in ints):
        return ints
    extra = []
    for i, k in enumerate(ints):
        if not 0 <= k < _WORD:
            high = k >> 32  # floor: k = high·2^32 + (k mod 2^32), also for negative k
            words = _magnitude_words(abs(high))
            extra += [i, int(high < 0), *words, len(words)]
    return [k % _WORD for k in ints] + extra + [len(extra) + 1]


def derived_seed(*key: int) -> int:
    """A 32-bit seed from an integer key: the first word of
    ``SeedSequence(seed_words(*key))``.

    Examples
    --------
    >>> derived_seed(0, 1, 1) == derived_seed(2**32, 1, 0)  # collided before the long form
    False
    >>> derived_seed(-1, 0, 0) == derived_seed(2**32 - 1, 0, 0)
    False
    """
    return int(np.random.SeedSequence(seed_words(*key)).generate_state(1)[0])
