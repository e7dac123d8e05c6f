"""Derived seeds: one-to-one for every integer key, unchanged for 32-bit keys."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from empirical.engine.seeds import derived_seed, seed_words

_KEY_ENTRY = st.one_of(st.integers(0, 2**32 - 1), st.integers(-(2**70), 2**70),
                       st.sampled_from([0, 1, 2**32 - 1, 2**32, 2**32 + 1, -1, 2**64]))


def _stripped(words: list[int]) -> tuple[int, ...]:
    """What SeedSequence reads: trailing zero words change nothing."""
    while words and words[-1] == 0:
        words = words[:-1]
    return tuple(words)


@given(st.lists(_KEY_ENTRY, min_size=3, max_size=3), st.lists(_KEY_ENTRY, min_size=3,
                                                               max_size=3))
def test_different_keys_give_different_entropy(a, b):
    """Different keys never give SeedSequence the same words (after its trailing-zero rule),
    and every word is a 32-bit value."""
    wa, wb = seed_words(*a), seed_words(*b)
    assert all(0 <= w < 2**32 for w in wa + wb)
    assert (_stripped(wa) == _stripped(wb)) == (a == b)


@given(st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=4))
def test_32_bit_keys_keep_their_old_seeds(key):
    """Keys in 0..2^32 - 1 are passed as they are: the seeds memcap derived before."""
    assert seed_words(*key) == key
    assert derived_seed(*key) == int(np.random.SeedSequence(key).generate_state(1)[0])


def test_the_collisions_of_the_masked_form_are_gone():
    """The masked form gave seed 2^32 the streams of seed 0 (search trials), and -1 those of
    2^32 - 1 (memory-curve data seeds)."""
    assert derived_seed(2**32, 1, 0) != derived_seed(0, 1, 1)
    assert derived_seed(2**32, 3, 1) != derived_seed(0, 3, 1)
    assert derived_seed(-1, 5, 0) != derived_seed(2**32 - 1, 5, 0)


def test_every_high_word_of_a_key_entry_is_kept():
    """2026-12-05 mutation review: 2^64 + 2^32 has the high part 2^32 + 1 (two words, 1 and 1),
    so it is not the key 2^32 (high part 1): the long form lists the low word 0, then position 0,
    sign 0, the high words 1, 1 and their count 2, and last 6, the words added counting itself."""
    assert seed_words(2**64 + 2**32, 0, 0) == [0, 0, 0, 0, 0, 1, 1, 2, 6]
    assert seed_words(2**32, 0, 0) == [0, 0, 0, 0, 0, 1, 1, 5]
    assert derived_seed(2**64 + 2**32, 0, 0) != derived_seed(2**32, 0, 0)
    assert seed_words(-(2**64) - 1, 0, 0) != seed_words(-1, 0, 0)
