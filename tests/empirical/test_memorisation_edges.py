"""The capacity harness's documented shapes, dtypes and edge values (2026-12-07 mutation audit
of empirical/engine/memorisation.py): reference code lengths 0-d for 1-D labels and (K,) for
(K, n, T) ones, in float64 under either law; one label's memorised bits; no label at all; the
MI bits only for two classes."""

import math

import torch

from empirical.engine.memorisation import (
    channel_information_bits,
    memorised_bits,
    readout,
    reference_bits,
)

PRIOR = torch.tensor([0.5, 0.25, 0.25])  # float32, as class_prior may give it


def test_reference_bits_shapes_and_dtype_under_both_laws():
    """1-D labels give a 0-d tensor (uniform: m·log2 V = 6; the prior: 1 + 1 + 2 = 4 bits),
    (K, n, T) labels one value a member (the prior: 15 labels of class 1 at 2 bits each), and
    the bits are float64 also for a float32 law and for uniform labels (whose m·log2 3 over
    1 000 labels float32 would round)."""
    uniform = reference_bits(torch.tensor([0, 1, 1]), 4)
    assert uniform.shape == () and uniform.item() == 6.0 and uniform.dtype == torch.float64
    law = reference_bits(torch.tensor([0, 0, 1]), 2, PRIOR)
    assert law.shape == () and law.item() == 4.0 and law.dtype == torch.float64
    seqs = reference_bits(torch.ones(2, 3, 5, dtype=torch.long), 3, PRIOR.double())
    assert seqs.shape == (2,) and seqs.tolist() == [30.0, 30.0]
    many = reference_bits(torch.zeros(2, 1000, dtype=torch.long), 3)
    assert many.dtype == torch.float64 and many.tolist() == [1000 * math.log2(3)] * 2
    law32 = torch.tensor([0.7, 0.2, 0.1])  # float32: its values' logs taken in float64
    skewed = reference_bits(torch.tensor([[0, 1, 2, 0]]), 3, law32)
    p = [float(v) for v in law32]
    assert skewed.dtype == torch.float64
    assert abs(skewed.item() + 2 * math.log2(p[0]) + math.log2(p[1]) + math.log2(p[2])) < 1e-12


def test_one_labels_memorised_bits_against_a_reference():
    """I = R − ℓ/ln 2 for m = 1 (a dropped m = 1 case went unseen: the tests used m ≥ 4)."""
    assert abs(memorised_bits(0.5, 1, 2, reference=1.0) - (1.0 - 0.5 / math.log(2))) < 1e-12
    assert abs(memorised_bits(0.5, 1, 4) - (2.0 - 0.5 / math.log(2))) < 1e-12


def test_no_label_at_all_carries_zero_bits_not_nan():
    bits = channel_information_bits(torch.zeros(2, 3, dtype=torch.long), torch.tensor([0.9, 0.1]))
    assert bits.item() == 0.0


def test_mi_bits_are_nan_unless_two_classes():
    z = torch.randn(2, 3, 6, generator=torch.Generator().manual_seed(0))
    r = readout(z, torch.randint(0, 3, (2, 6), generator=torch.Generator().manual_seed(1)), 3)
    assert torch.isnan(r.mi_bits).all() and r.mi_bits.shape == (2,)
    assert not torch.isnan(r.bits).any()
