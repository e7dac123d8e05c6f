"""Observables on hand-made cases."""

import math

import pytest
import torch
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from empirical.engine.ensemble import BatchedMLP
from empirical.engine.memorisation import (
    binary_entropy_bits,
    memorised_bits,
    mutual_information_bits,
)
from empirical.engine.observables import (
    MARGIN,
    correct_count,
    l2_norms,
    layer_l2,
    mean_cross_entropy,
    weight_l2,
)


def test_cross_entropy_and_count_by_hand():
    logits = torch.tensor([[[math.log(3.0), 0.0], [0.0, 0.0], [0.0, 5.0]]])  # (1, 3, 2)
    y = torch.tensor([[0, 1, 0]])
    # point 0: p = 3/4; point 1: 1/2 (a tie: wrong); point 2: e^0/(1+e^5)
    expected = (-math.log(0.75) - math.log(0.5) + math.log(1 + math.exp(5))) / 3
    assert mean_cross_entropy(logits, y).item() == pytest.approx(expected)
    assert correct_count(logits, y).tolist() == [1]


_SPECIAL = [0.0, -0.0, 1.0, -1.0, 1e-30, 3.5, float("nan"), float("inf"), float("-inf")]


@settings(deadline=None, max_examples=80)
@given(st.integers(2, 4).flatmap(lambda v: st.tuples(
    st.just(v),
    st.lists(st.tuples(st.lists(st.sampled_from(_SPECIAL) | st.floats(-5, 5, width=32),
                                min_size=v, max_size=v), st.integers(0, v - 1)),
             min_size=1, max_size=40))),
       st.booleans(), st.integers(1, 3))
def test_count_is_strict_with_ties_nan_and_inf(case, transposed, k):
    """A point counts iff its label's logit beats every other by more than MARGIN × (1 + the
    larger |logit| of the label and its best rival) (plain Python floats as the reference):
    ties, near-ties and NaN are wrong for every label, an infinite logit decides nothing; for
    two classes and more, and in the trainer's transposed layout."""
    v, points = case
    rows = [[float(z) for z in p[0]] for p in points]
    logits = torch.tensor(rows)[None].repeat(k, 1, 1)  # (K, n, V)
    logits[1:] *= -1  # other members: other orders, same specials
    if transposed:  # the trainer's layout: a (K, n, V) view of (K, V, n) logits
        logits = logits.transpose(1, 2).contiguous().transpose(1, 2)
    y = torch.tensor([[p[1] for p in points]]).repeat(k, 1)

    def decided(r, lab):
        if not all(math.isfinite(o) for o in r):  # NaN or ±inf on any class (2026-12-06)
            return False
        rival = max(o for c, o in enumerate(r) if c != lab)
        gap, tol = r[lab] - rival, MARGIN * (1 + max(abs(r[lab]), abs(rival)))
        assume(not math.isclose(gap, tol, rel_tol=1e-5))  # float32 rounding decides those
        return gap > tol  # False for NaN and for any infinite logit (inf − x or tol = inf)

    expected = [sum(decided(r, lab) for r, lab in zip(logits[m].tolist(), y[m].tolist(),
                                                       strict=True)) for m in range(k)]
    assert correct_count(logits, y).tolist() == expected


@pytest.mark.parametrize("classes", [2, 3])
def test_a_rounding_gap_is_no_decision(classes):
    """A gap of a few float32 ulps is undecided (the 2026-12-01 audit's linear model 'memorised'
    an XOR-like map that way); a gap of 1e-4 on logits near 1 is decided; the tolerance grows
    with the logits' size, so the same gap at logits near 1e3 is not."""
    def count(l0, l1):
        logits = torch.full((1, 1, classes), -50.0)
        logits[0, 0, 0], logits[0, 0, 1] = l0, l1
        return correct_count(logits, torch.ones(1, 1, dtype=torch.long)).item()

    assert count(1.0, 1.0 + 4 * 2**-23) == 0
    assert count(1.0, 1.0001) == 1
    assert count(1000.0, 1000.0001) == 0 and count(1000.0, 1000.1) == 1


def test_a_dead_network_memorises_nothing():
    """All logits equal (a dead network): argmax would credit every class-0 point."""
    y = torch.tensor([[0, 1, 0, 2, 0]])
    assert correct_count(torch.zeros(1, 5, 3), y).tolist() == [0]
    assert correct_count(torch.ones(1, 5, 2), y.clamp(max=1)).tolist() == [0]


def test_count_is_exact_for_low_precision_logits():
    """bf16 holds integers exactly only up to 256; the count must not round."""
    logits = torch.tensor([[1.0, 2.0]]).repeat(1001, 1)[None].to(torch.bfloat16)  # (1, 1001, 2)
    assert correct_count(logits, torch.ones(1, 1001, dtype=torch.long)).tolist() == [1001]


def test_memorised_bits_limits_and_linearity():
    assert memorised_bits(torch.tensor(0.0), 50, 17).item() == pytest.approx(50 * math.log2(17))
    assert memorised_bits(torch.tensor(math.log(17)), 50, 17).item() == pytest.approx(0.0)
    half = memorised_bits(torch.tensor(math.log(17) / 2), 50, 17).item()
    assert half == pytest.approx(25 * math.log2(17))


def test_mutual_information_by_hand():
    p = torch.tensor([0.0, 0.25, 0.5, 1.0])
    h = -(0.25 * math.log2(0.25) + 0.75 * math.log2(0.75))
    assert binary_entropy_bits(p).tolist() == pytest.approx([0.0, h, 1.0, 0.0])
    wrong = (8 * p).long()  # 8 decided labels, a fraction p of them wrong
    assert mutual_information_bits(8 - wrong, wrong).tolist() == pytest.approx(
        [8.0, 8 * (1 - h), 0.0, 8.0])
    # undecided labels (ties) are erasures: 6 of 8 decided, all right, carry 6 bits
    assert mutual_information_bits(torch.tensor([6]), torch.tensor([0])).tolist() == [6.0]


@settings(deadline=None, max_examples=30)
@given(st.floats(0.0, 1.0))
def test_binary_entropy_is_symmetric_and_bounded(p):
    a, b = binary_entropy_bits(torch.tensor([p, 1 - p], dtype=torch.float64)).tolist()
    assert a == pytest.approx(b, abs=1e-12) and -1e-12 <= a <= 1 + 1e-12


def test_weight_l2_counts_biases_and_ignores_padding():
    net = BatchedMLP(3, 2, 1, widths=[4, 2], init_seeds=[0, 1], dtype=torch.float64)
    flat = [torch.cat([p.flatten() for p in net.member_state(k)]) for k in range(2)]
    assert weight_l2(net.layers()).tolist() == pytest.approx([float(f.norm()) for f in flat])
    per_layer = layer_l2(net.layers())
    st0 = net.member_state(1)
    assert per_layer[1, 0].item() == pytest.approx(float(torch.cat([st0[0].flatten(),
                                                                    st0[1]]).norm()))


@given(st.lists(st.floats(1e-3, 3e38), min_size=1, max_size=4))
@settings(max_examples=60, deadline=None)
def test_weight_l2_is_the_float64_norm_and_finite_when_it_fits(scales):
    """The total came from squaring float32 layer norms: a layer of norm 10^31 (a diverging
    run) logged weight_l2 = inf beside finite layer norms (2026-12-04 review)."""
    layers = [[torch.full((1, 1, 1), s, dtype=torch.float32)] for s in scales]
    per_layer, total = l2_norms(layers)
    exact = math.sqrt(sum(float(torch.tensor(s, dtype=torch.float32)) ** 2 for s in scales))
    assert torch.equal(total, weight_l2(layers)) and torch.equal(per_layer, layer_l2(layers))
    if exact < 3.4e38:  # float32 holds it: finite, the float64 norm rounded once
        assert total.item() == float(torch.tensor(exact, dtype=torch.float32))
    assert per_layer[0].tolist() == [float(torch.tensor(s, dtype=torch.float32))
                                     for s in scales]


@pytest.mark.parametrize("dtype", [torch.uint8, torch.int8, torch.int32, torch.bool])
def test_count_takes_any_integer_label_dtype(dtype):
    logits = torch.tensor([[[2.0, 0.0, -1.0], [0.0, 1.0, -1.0], [3.0, 0.0, -1.0]]])
    y = torch.tensor([[0, 1, 1]]).to(dtype)
    assert correct_count(logits, y).tolist() == [2]  # three classes
    assert correct_count(logits[:, :, :2], y).tolist() == [2]  # the two-class path


def test_layer_l2_of_a_member_does_not_depend_on_its_ensemble_mates():
    """The padded float32 sum's grouping followed the widest member: a width-100 member's ℓ2
    changed in the last bits beside a width-300 one (27 of 200 seeds before 2026-12-02)."""
    from empirical.engine.observables import layer_l2

    for seed in range(60):
        alone = BatchedMLP(4, 2, 1, [100], [seed])
        beside = BatchedMLP(4, 2, 1, [100, 300], [seed, seed + 1])
        a = layer_l2([[w[:1], b[:1]] for w, b in zip(alone.weights, alone.biases, strict=True)])
        b = layer_l2([[w[:1], b[:1]] for w, b in zip(beside.weights, beside.biases,
                                                      strict=True)])
        assert torch.equal(a, b), seed


def test_a_gap_exactly_at_the_margin_is_undecided_for_two_classes_and_more():
    """A label wins only when its logit beats the best other by MORE than 10⁻⁵ × (1 + the
    larger |logit|); the two-class path's `>` as `>=` passed every test (2026-12-06 test
    audit). x = fl32((1 + x)·10⁻⁵) is a fixed point of float32 arithmetic, so logits (0, x)
    put the gap exactly on the margin: undecided, and one ulp more decides it."""
    from empirical.engine.observables import MARGIN, correct_count

    x = torch.tensor(0.0)
    for _ in range(20):
        x = ((x + 1) * MARGIN).float()
    assert ((x + 1) * MARGIN).float() == x  # the gap equals the tolerance, bit for bit
    above = torch.nextafter(x, torch.tensor(1.0))
    for extra in ([], [-100.0]):  # the two-class path and the general one
        at = torch.tensor([[[0.0, float(x), *extra]]])
        past = torch.tensor([[[0.0, float(above), *extra]]])
        assert correct_count(at, torch.tensor([[1]])).item() == 0
        assert correct_count(past, torch.tensor([[1]])).item() == 1


def test_the_margin_of_three_classes_scales_with_the_larger_of_both_logits():
    """The tolerance is MARGIN × (1 + the larger |logit| of the label and its best rival), for
    any number of classes (a mutant using the label's |logit| alone survived the 2026-12-06
    audit: float32 cannot tell; float64 logits 2.00001e-5 apart at −1 and −1 − 2.00001e-5 do)."""
    z = torch.tensor([[[-1.0, -1.0 - 2.00001e-5, -50.0]]], dtype=torch.float64)
    # gap 2.00001e-5 < 1e-5 × (1 + 1.0000200001) = 2.0000200001e-5: undecided; with |true|
    # alone the tolerance 2e-5 is below the gap
    assert MARGIN == 1e-5 and correct_count(z, torch.tensor([[0]])).tolist() == [0]
    assert correct_count(z[:, :, :2], torch.tensor([[0]])).tolist() == [0]  # two classes agree
