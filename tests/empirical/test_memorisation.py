"""The capacity harness (empirical.engine.memorisation): one definition of memorised bits, checked
by hand, and every reader of it — the trainer's log, memory curves (old files too), searches and
compare — giving the same numbers."""

import json
import math

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from empirical.compare.result import TrainedCandidate, TrainedSize
from empirical.engine.config import RunConfig
from empirical.engine.data import class_prior, make_dataset
from empirical.engine.memorisation import (
    bracket_bits_per_parameter,
    label_information_bits,
    readout,
    readout_arrays,
    reference_bits,
)
from empirical.engine.run import run_training
from empirical.memory.curve import MemoryCurve, memory_curve, point_config

# four labels over V = 3 classes drawn from π = (1/2, 1/4, 1/4), and a model's q(· | x_i)
PRIOR = torch.tensor([0.5, 0.25, 0.25], dtype=torch.float64)
Y = torch.tensor([[0, 1, 2, 0]])
Q = torch.tensor([[0.5, 0.25, 0.25], [0.25, 0.5, 0.25], [0.125, 0.125, 0.75],
                  [0.25, 0.5, 0.25]], dtype=torch.float64)  # rows: points; columns: classes


def test_memorised_bits_by_hand():
    # label:            y=0   y=1   y=2        y=0
    # −log2 π(y):       1     2     2          1      R = 6
    # −log2 q(y|x):     1     1     log2(4/3)  2      model code = 4 + log2(4/3)
    # I = R − code = 2 − log2(4/3) = log2 3; argmax right on the first three: C = 3
    logits = Q.log().T[None]  # (1, V, m)
    ref = reference_bits(Y, 3, PRIOR)
    assert ref.tolist() == [6.0]
    r = readout(logits, Y, 3, PRIOR)
    assert r.count.tolist() == [3]
    assert r.bits.item() == pytest.approx(math.log2(3), abs=1e-12)
    loss = (2 * math.log(2) + math.log(4 / 3) + math.log(4)) / 4  # mean nats
    assert r.loss.item() == pytest.approx(loss, abs=1e-12)
    # the same from the stored count and loss (how memory curves read their arrays)
    bits, mi = readout_arrays([3], [loss], 4, 3, reference=[6.0])
    assert bits[0] == pytest.approx(math.log2(3), abs=1e-12) and mi is None
    # uniform labels: R = m·log2 V, Liu's (ln V − ℓ)·m/ln 2
    uniform = readout(logits, Y, 3).bits.item()
    assert uniform == pytest.approx(4 * math.log2(3) - 4 - math.log2(4 / 3), abs=1e-12)
    assert uniform == pytest.approx((math.log(3) - loss) * 4 / math.log(2), abs=1e-12)


def test_clipping_per_example_by_hand():
    # per-label gains of the hand case: 0, 1, log2 3 − 1 + 1 = 2 − log2(4/3), −1
    logits = Q.log().T[None]
    gains = [0.0, 1.0, 2 - math.log2(4 / 3), -1.0]
    for group, expected in [(0, sum(gains)), (1, sum(max(0, g) for g in gains)),
                            (2, max(0, gains[0] + gains[1]) + max(0, gains[2] + gains[3])),
                            (4, max(0, sum(gains)))]:
        bits = readout(logits, Y, 3, PRIOR, clip_group=group).bits.item()
        assert bits == pytest.approx(expected, abs=1e-12)
    # clipping never lowers the bits; without a law to beat (q = π) both are 0
    law = PRIOR.log()[None, :, None].expand(1, 3, 4)
    assert readout(law, Y, 3, PRIOR, clip_group=1).bits.item() == pytest.approx(0, abs=1e-12)


def test_predicting_the_law_stores_nothing_and_certainty_stores_everything():
    y = torch.tensor([[0, 0, 1, 2, 0, 1]])
    ref = reference_bits(y, 3, PRIOR)
    law = PRIOR.log()[None, :, None].expand(1, 3, 6)  # q = π for every point
    assert readout(law, y, 3, PRIOR).bits.item() == pytest.approx(0.0, abs=1e-12)
    sure = torch.nn.functional.one_hot(y, 3).transpose(1, 2).double() * 60.0  # q ≈ 1 on y
    assert readout(sure, y, 3, PRIOR).bits.item() == pytest.approx(ref.item(), abs=1e-9)
    # on average R is the information the labels carry, m·H(π) = 6·1.5
    assert label_information_bits(6, 3, PRIOR) == 9.0


def test_collins_read_out_by_hand():
    # binary labels, m = 4, one error: p = 1/4, 4·(1 − H2(1/4))
    logits = torch.tensor([[[2.0, -2.0, 2.0, 2.0], [-2.0, 2.0, -2.0, -2.0]]])
    r = readout(logits, torch.tensor([[0, 1, 0, 1]]), 2)
    h2 = -(0.25 * math.log2(0.25) + 0.75 * math.log2(0.75))
    assert r.mi_bits.item() == pytest.approx(4 * (1 - h2), abs=1e-6)


def _power_law_run(steps: int):
    cfg = RunConfig().override(["data.d_in=3", "data.classes=4", "data.label_prior='power_law'",
                                "data.n_train=40", "data.n_test=0", "model.depth=1",
                                "model.width=8", "train.lr=0.05", f"train.steps={steps}",
                                f"train.log_every={max(steps, 1)}", "dtype='float64'"])
    return cfg, run_training(cfg)


def test_the_trainer_logs_the_harness_bits_against_the_labels_law():
    cfg, res = _power_law_run(60)
    ds = res.datasets[0]
    prior = class_prior(4, "power_law", 1.0)
    assert ds.reference_bits == pytest.approx(float(reference_bits(ds.y_train, 4, prior)))
    assert ds.reference_bits != pytest.approx(40 * math.log2(4))  # not the uniform code
    logits = res.net.forward_features(ds.x_train.T[None].double()).detach()
    expected = readout(logits, ds.y_train[None], 4, prior)
    logged = res.log.metrics["memorised_bits"][-1, 0]
    assert logged == pytest.approx(expected.bits.item(), rel=1e-9)


def test_memory_curve_bits_are_the_trainers_bits():
    cfg, _ = _power_law_run(60)
    curve = memory_curve(cfg, [10, 40], seeds=[0, 1])
    assert curve.reference_bits is not None
    for i, n in enumerate(curve.ns):
        for j, seed in enumerate(curve.seeds):
            point = point_config(cfg, int(n), [seed])
            point = RunConfig.from_dict({"train": {"early_stop": False, "log_every": 60}},
                                        base=point)
            logged = run_training(point).log.metrics["memorised_bits"][-1, 0]
            assert curve.bits[i, j] == pytest.approx(logged, rel=1e-9, abs=1e-9)
    assert np.all(curve.bits <= curve.reference_bits + 1e-9)


def test_memory_curve_files_of_format_1_still_read():
    ns, c = np.array([8, 16, 32, 64]), np.array([[8, 8], [16, 16], [25, 27], [30, 28]])
    cfg = RunConfig().override(["data.classes=2", "model.width=4"])
    curve = MemoryCurve.from_arrays(cfg, ns, (0, 1), c, c * 0.9, loss=c * 0.0)
    old = json.loads(json.dumps(curve.to_dict()))
    old["format"] = "memcap.memory-curve/1"  # what memcap wrote before the harness
    del old["labels_per_point"], old["reference_bits"]
    back = MemoryCurve.from_dict(old)
    assert back.capacity_bits == curve.capacity_bits and back.knee == curve.knee
    assert back.labels_per_point == 1 and back.reference_bits is None
    with pytest.raises(ValueError, match="not a memory curve"):
        MemoryCurve.from_dict({"format": "memcap.search/1"})


def test_search_and_compare_share_the_bracket_read_out():
    est, lo, hi = bracket_bits_per_parameter(64.0, 56, 47)
    assert (est, lo, hi) == (64 / 56, 64 / 56, 64 / 48)
    c = lambda p: TrainedCandidate(p, 1, 1, p, 1, 1, 1.0, (0.0, 1.0), 0.01, None)  # noqa: E731
    t = TrainedSize(1, "width", True, c(56), c(47), 64 / 56, 64.0, [], [], 1, 9, [], 0.0)
    assert t.bits_per_parameter_range() == (lo, hi)


def test_token_labels_use_the_same_definition():
    cfg = RunConfig().override(["model.kind='transformer'", "data.kind='tokens'",
                                "data.classes=8", "data.seq_len=5", "data.n_train=6"])
    ds = make_dataset(cfg.data)
    assert ds.labels == 24 and ds.information_bits == label_information_bits(24, 8) == 72.0
    assert reference_bits(ds.y_train[None], 8).item() == 72.0


@pytest.mark.parametrize("logit", [0.0, float("nan")])
def test_mi_bits_are_zero_when_nothing_is_decided(logit):
    """Ties and NaN logits are erasures: a network that decides no label stores no MI bits
    (counting them as errors gave p = 1 and the full m bits, 2026-12-02 review)."""
    logits = torch.full((1, 2, 6), logit)  # (K, V = 2, m)
    r = readout(logits, torch.tensor([[0, 1, 0, 1, 1, 0]]), 2)
    assert r.count.item() == 0 and r.mi_bits.item() == 0.0


@given(decided=st.lists(st.sampled_from([-1, 0, 1]), min_size=1, max_size=40))
def test_mi_bits_count_only_decided_labels(decided):
    """Per label: 1 decided right, −1 decided wrong, 0 a tie; MI = d(1 − H2(w/d)) over the d
    decided labels, computed here by hand in floats."""
    y = torch.tensor([[i % 2 for i in range(len(decided))]])
    sign = torch.tensor([[float(s) for s in decided]])
    gap = torch.where(y == 1, sign, -sign) * 3.0  # the label's margin (+3, −3 or 0)
    logits = torch.stack([-gap / 2, gap / 2], dim=1)  # (1, 2, m): class 1 minus class 0 = gap
    r = readout(logits, y, 2)
    c, w = decided.count(1), decided.count(-1)
    d = c + w
    h2 = 0.0 if w in (0, d) else -(w / d) * math.log2(w / d) - (c / d) * math.log2(c / d)
    assert r.count.item() == c
    assert r.mi_bits.item() == pytest.approx(d * (1 - h2), abs=1e-5)


@given(decided=st.lists(st.tuples(st.integers(0, 1), st.sampled_from([-1, 0, 1])), min_size=1,
                        max_size=40),
       p1=st.floats(0.02, 0.98), counted_every=st.integers(1, 5))
def test_mi_bits_with_a_label_prior_are_the_channels_mutual_information(decided, p1,
                                                                          counted_every):
    """With a non-uniform prior π, MI bits are m·I(Y; D) of the channel with input law π and
    each class's decision law (decided 0, decided 1, undecided) from its labels, computed here
    by hand; a label that may not count is undecided. Collins's d(1 − H2(w/d)) assumes uniform
    labels and gave a constant predictor 0.50·m bits at π = (8/9, 1/9) (2026-12-06 review)."""
    y = torch.tensor([[cls for cls, _ in decided]])
    sign = torch.tensor([[float(s) for _, s in decided]])
    gap = torch.where(y == 1, sign, -sign) * 3.0
    logits = torch.stack([-gap / 2, gap / 2], dim=1)
    counted = torch.tensor([[i % counted_every == 0 for i in range(len(decided))]])
    prior = torch.tensor([1 - p1, p1], dtype=torch.float64)
    r = readout(logits, y, 2, prior=prior, counted=counted)
    table = [[0, 0, 0], [0, 0, 0]]
    for i, (cls, s) in enumerate(decided):
        d = 2 if s == 0 or not counted[0, i] else (cls if s == 1 else 1 - cls)
        table[cls][d] += 1
    pi = [1 - p1, p1]
    total = [table[0][d] + table[1][d] for d in range(3)]  # a class with no labels: all labels'
    pooled = [v / sum(total) for v in total] if sum(total) else [0, 0, 0]
    cond = [[v / sum(row) for v in row] if sum(row) else pooled for row in table]
    q = [sum(pi[c] * cond[c][d] for c in (0, 1)) for d in range(3)]
    info = sum(pi[c] * cond[c][d] * math.log2(cond[c][d] / q[d])
               for c in (0, 1) for d in range(3) if cond[c][d] > 0)
    assert r.mi_bits.item() == pytest.approx(len(decided) * info, abs=1e-4)
    h2 = -p1 * math.log2(p1) - (1 - p1) * math.log2(1 - p1)
    assert -1e-6 <= r.mi_bits.item() <= len(decided) * h2 + 1e-4


@given(present=st.integers(0, 1), decided=st.lists(st.sampled_from([0, 1, 2]), min_size=1,
                                                   max_size=20))
def test_mi_bits_are_zero_when_only_one_class_has_labels(present, decided):
    """With one class absent from the sample (small n, skewed prior) nothing shows that the
    decisions tell the classes apart: 0 bits, whatever they are. Reading the absent class as
    all undecided credited such a model with the full m·H2(π) (2026-12-06 diff review)."""
    from empirical.engine.memorisation import channel_information_bits

    row = [decided.count(d) for d in range(3)]
    table = torch.tensor([row, [0, 0, 0]] if present == 0 else [[0, 0, 0], row])
    assert channel_information_bits(table, torch.tensor([0.89, 0.11])).item() == \
        pytest.approx(0.0, abs=1e-9)


def test_a_constant_predictor_stores_no_mi_bits_under_a_skewed_prior():
    """The reviewer's case: every label decided as the majority class stores nothing, where
    d(1 − H2(w/d)) said 0.50 bits a label; a perfect model stores m·H2(π), not m."""
    y = torch.tensor([[0] * 8 + [1]])
    prior = torch.tensor([8 / 9, 1 / 9], dtype=torch.float64)
    majority = torch.stack([torch.full((1, 9), 3.0), torch.full((1, 9), -3.0)], dim=1)
    assert readout(majority, y, 2, prior=prior).mi_bits.item() == 0.0
    perfect = torch.stack([torch.where(y == 0, 3.0, -3.0), torch.where(y == 1, 3.0, -3.0)], 1)
    h2 = -(8 / 9) * math.log2(8 / 9) - (1 / 9) * math.log2(1 / 9)
    assert readout(perfect, y, 2, prior=prior).mi_bits.item() == pytest.approx(9 * h2, rel=1e-6)


def test_seq2seq_with_a_label_prior_uses_every_tokens_reference():
    """seq2seq labels drawn from a non-uniform prior: the dataset's reference is the code
    length of all n·S labels, and the trainer logs R − m·ℓ/ln 2 with that R (it crashed on the
    (n, S) labels and logged the uniform reference before, 2026-12-02 review)."""
    cfg = RunConfig().override(["data.kind=seq2seq", "data.d_in=3", "data.seq_len=4",
                                "data.classes=4", "data.label_prior=power_law", "data.n_train=8",
                                "data.n_test=2", "model.kind=transformer", "train.steps=5"])
    res = run_training(cfg)
    ds = res.datasets[0]
    prior = class_prior(4, "power_law", cfg.data.alpha)
    by_hand = sum(-math.log2(float(prior[int(t)])) for t in ds.y_train.reshape(-1))
    assert ds.reference_bits == pytest.approx(by_hand, rel=1e-12)
    loss = float(res.log.metrics["train_loss"][-1][0])
    logged = float(res.log.metrics["memorised_bits"][-1][0])
    assert logged == pytest.approx(by_hand - 32 * loss / math.log(2), abs=1e-4)


def test_mi_bits_leave_out_the_labels_not_counted():
    """A label outside ``counted`` is decided wrong here (the last point) but must not count as
    a wrong decision: with it left out the three counted labels are all right, 3 MI bits;
    counting it as wrong gave 0.755 and passed every test (2026-12-06 mutation audit)."""
    z = torch.tensor([[[3.0, 3.0, -3.0, 3.0], [-3.0, -3.0, 3.0, -3.0]]])  # (1, V = 2, m = 4)
    y = torch.tensor([[0, 0, 1, 1]])
    counted = torch.tensor([[True, True, True, False]])
    r = readout(z, y, 2, counted=counted)
    assert r.count.tolist() == [3] and r.mi_bits.item() == pytest.approx(3.0)
    assert readout(z, y, 2).mi_bits.item() == pytest.approx(0.7549, abs=1e-4)  # all counted


def test_information_edges_a_class_of_prior_zero_and_an_independent_channel():
    """Two edges of the 2026-12-06 engine mutation audit: a class of prior 0 carries no
    information (0·log 0 = 0; counted as 0·log 0 it made the label information NaN), and a
    decision table independent of the labels has mutual information exactly 0, never the
    −1.4·10^-15 its rounding gives (the docstring promises [0, m·H2(π)])."""
    from empirical.engine.memorisation import channel_information_bits

    assert label_information_bits(10, 3, torch.tensor([0.5, 0.5, 0.0])) == 10.0
    bits = channel_information_bits(torch.tensor([[0, 1, 3], [0, 2, 6]]),
                                    torch.tensor([0.2, 0.8], dtype=torch.float64))
    assert bits.item() == 0.0
