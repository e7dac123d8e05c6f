"""The decoder-only transformer: its parameter count, the batched ensemble against a loop of lone
models (forward and training, both implementations), token data, and memorisation to 100 %."""


import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from empirical.engine.config import DataConfig, RunConfig, TrainConfig
from empirical.engine.data import make_dataset
from empirical.engine.ensemble import reference_optimizer
from empirical.engine.parameters import count_transformer_parameters
from empirical.engine.run import run_training
from empirical.engine.token_data import best_next_token_count, next_token_labels, token_dataset
from empirical.engine.train import train_ensemble
from empirical.engine.transformer import BatchedGPT, reference_gpt

V, T = 12, 6  # vocabulary, context (sequences of 7 tokens)


def _tokens(seed: int, n: int = 5) -> torch.Tensor:
    return token_dataset(DataConfig(kind="tokens", classes=V, seq_len=T + 1, n_train=n,
                                    n_test=0), seed=seed)


@pytest.mark.parametrize("width,depth,heads,ratio,bias", [
    (8, 1, 1, 4, True), (12, 2, 3, 2, True), (6, 3, 2, 1, False)])
def test_parameter_count_matches_the_module(width, depth, heads, ratio, bias):
    net = reference_gpt(V, T, width, depth, heads, ratio, bias=bias)
    assert sum(p.numel() for p in net.parameters()) == count_transformer_parameters(
        V, T, width, depth, ratio, bias)


@pytest.mark.parametrize("impl", ["bmm", "vmap"])
def test_each_member_computes_its_lone_model(impl):
    seeds = [3, 4, 5]
    net = BatchedGPT(V, T, 2, [8] * 3, seeds, heads=2, impl=impl)
    tok = torch.stack([_tokens(s).x_train for s in (0, 1, 2)])  # (3, 5, T)
    logits = net.forward_features(tok)  # (3, V, 5·T)
    for k, s in enumerate(seeds):
        ref = reference_gpt(V, T, 8, 2, heads=2, init_seed=s)(tok[k])  # (5, T, V)
        torch.testing.assert_close(logits[k], ref.reshape(-1, V).T, atol=1e-5, rtol=1e-5)


def _alone(ds, width, depth, heads, seed, cfg, act="gelu"):
    """The plain loop: one nn.Module, torch.optim, F.cross_entropy, full batch."""
    model = reference_gpt(V, T, width, depth, heads, activation=act, init_seed=seed,
                          dtype=torch.float64)
    opt = reference_optimizer(model.parameters(), cfg)
    for _ in range(cfg.steps):
        opt.zero_grad()
        loss = F.cross_entropy(model(ds.x_train).reshape(-1, V), ds.y_train.reshape(-1))
        loss.backward()
        opt.step()
    return [p.detach() for p in model.parameters()]


@pytest.mark.parametrize("impl,opt", [
    ("bmm", TrainConfig(optimizer="adam", lr=1e-2, steps=15, log_every=5)),
    ("bmm", TrainConfig(optimizer="sgd", lr=0.3, momentum=0.9, steps=15, log_every=5)),
    ("vmap", TrainConfig(optimizer="adamw", lr=1e-2, weight_decay=0.1, steps=15, log_every=5)),
])
def test_the_ensemble_trains_each_member_as_a_lone_model(impl, opt):
    dsets = [_tokens(s) for s in (7, 8, 9)]
    seeds, lrs = [0, 1, 2], (opt.lr, opt.lr / 2, opt.lr * 2)
    net = BatchedGPT(V, T, 1, [8] * 3, seeds, heads=2, dtype=torch.float64, impl=impl)
    x = torch.stack([d.x_train for d in dsets])  # (3, n, T)
    y = torch.stack([d.y_train for d in dsets])  # (3, n, T)
    best = torch.tensor([d.best_count for d in dsets])
    log = train_ensemble(net, x, y, x[:, :0], y[:, :0], best, opt, lrs=lrs)
    assert log.metrics["train_loss"].shape == (4, 3)
    for k in range(3):
        cfg = TrainConfig(**{**opt.__dict__, "lr": lrs[k]})
        alone = _alone(dsets[k], 8, 1, 2, seeds[k], cfg)
        for a, b in zip(net.member_state(k), alone, strict=True):
            torch.testing.assert_close(a, b, atol=1e-9, rtol=1e-7)


def test_a_big_enough_transformer_memorises_a_small_random_dataset():
    cfg = RunConfig().override([
        "model.kind='transformer'", "data.kind='tokens'", "data.classes=32", "data.seq_len=9",
        "data.n_train=8", "data.n_test=0", "data.seed=0", "model.width=32", "model.depth=1",
        "model.heads=2", "model.activation='gelu'", "train.lr=0.01", "train.steps=300",
        "train.log_every=50", "train.early_stop=true", "ensemble=2"])
    res = run_training(cfg)
    ds = res.datasets[0]
    assert ds.best_count == ds.labels == 64  # no two of these 8 sequences share a first token
    assert res.log.metrics["memorised_count"][-1].tolist() == [64, 64]  # 100 %
    assert (res.log.stop_step > 0).all()
    bits = res.log.metrics["memorised_bits"][-1]
    assert np.all(bits > 0.9 * ds.information_bits) and np.all(bits <= ds.information_bits)


def test_token_data_is_a_shifted_uniform_draw():
    ds = token_dataset(DataConfig(kind="tokens", classes=5, seq_len=4, n_train=2000, n_test=3,
                                  seed=1))
    assert torch.equal(ds.x_train[:, 1:], ds.y_train[:, :-1])
    counts = torch.bincount(ds.y_train.flatten(), minlength=5).double()
    assert (counts / counts.sum() - 0.2).abs().max() < 0.02
    again = token_dataset(DataConfig(kind="tokens", classes=5, seq_len=4, n_train=2000,
                                     n_test=3, seed=1))
    assert torch.equal(again.y_test, ds.y_test) and ds.x_test.shape == (3, 3)


@settings(deadline=None, max_examples=60)
@given(st.lists(st.lists(st.integers(0, 2), min_size=4, max_size=4), min_size=1, max_size=7))
def test_best_next_token_count_by_brute_force(seqs):
    """The most labels a causal predictor gets right *decidedly*: for every prefix, try every
    next token; a prefix whose best choice is not unique (a tie, which cross-entropy training
    leaves undecided) credits nothing, and its labels are not counted (2026-12-03)."""
    seqs = np.array(seqs)
    best, counted = 0, np.ones((len(seqs), seqs.shape[1] - 1), dtype=bool)
    for j in range(1, seqs.shape[1]):
        for prefix in {tuple(s[:j]) for s in seqs}:
            rows = [i for i, s in enumerate(seqs) if tuple(s[:j]) == prefix]
            right = [sum(seqs[i, j] == c for i in rows) for c in range(3)]  # per choice
            if right.count(max(right)) == 1:
                best += max(right)
            else:
                counted[rows, j - 1] = False
    assert best_next_token_count(seqs) == best
    got_best, got = next_token_labels(seqs)
    assert got_best == best
    assert (got is None and counted.all()) or np.array_equal(got.numpy(), counted)


def test_transformer_configs_are_checked():
    with pytest.raises(ValueError, match="token sequences need a transformer"):
        RunConfig().override(["data.kind='tokens'"])
    with pytest.raises(ValueError, match="multiple of model.heads"):
        RunConfig().override(["model.kind='transformer'", "data.kind='tokens'",
                              "model.width=10", "model.heads=3"])
    with pytest.raises(ValueError, match="label_prior must be 'uniform'"):
        DataConfig(kind="tokens", label_prior="power_law")
    cfg = RunConfig().override(["model.kind='transformer'", "data.kind='tokens'"])
    back = RunConfig.from_dict(cfg.to_dict())
    assert back == cfg and "seq_len" not in RunConfig().to_dict()["data"]
    assert "heads" not in RunConfig().to_dict()["model"]  # an MLP config keeps its schema


def test_bf16_is_mixed_precision_with_float32_master_weights():
    over = ["model.kind='transformer'", "data.kind='tokens'", "data.classes=32",
            "data.seq_len=9", "data.n_train=8", "data.n_test=0", "data.seed=0",
            "model.width=32", "model.depth=1", "model.heads=2", "model.activation='gelu'",
            "train.lr=0.01", "train.steps=200", "train.log_every=200"]
    fp32 = run_training(RunConfig().override(over))
    bf16 = run_training(RunConfig().override(over + ["dtype='bfloat16'"]))
    assert bf16.net.flat.dtype == torch.float32
    assert bf16.log.metrics["train_loss"].dtype == np.float32
    assert bf16.log.metrics["memorised_count"][-1, 0] == 64  # still memorises everything
    a, b = fp32.log.metrics["memorised_bits"][-1, 0], bf16.log.metrics["memorised_bits"][-1, 0]
    assert a != b and abs(a - b) < 0.05 * a  # bf16 matmuls change the numbers, a little


# --- Kim et al.'s sequence-to-sequence setting: d-dimensional tokens, a label per token ------

def _seq2seq(seed: int, n: int = 4, d: int = 3):
    return make_dataset(DataConfig(kind="seq2seq", d_in=d, seq_len=T, classes=V, n_train=n,
                                   n_test=0), seed=seed, dtype=torch.float64)


@pytest.mark.parametrize("bias", [True, False])
def test_seq2seq_parameter_count_matches_the_module(bias):
    net = reference_gpt(V, T, 8, 2, heads=2, bias=bias, d_in=3)
    assert sum(p.numel() for p in net.parameters()) == count_transformer_parameters(
        V, T, 8, 2, 4, bias, d_in=3)


def test_seq2seq_attention_is_bidirectional():
    net = reference_gpt(V, T, 8, 1, heads=2, d_in=3, dtype=torch.float64)
    x = _seq2seq(0, n=1).x_train  # (1, T, 3)
    later = x.clone()
    later[0, -1] += 1.0  # change only the last token: the first token's logits move too
    assert not torch.allclose(net(x)[0, 0], net(later)[0, 0])
    lm = reference_gpt(V, T, 8, 1, heads=2, dtype=torch.float64)
    tok = _tokens(0).x_train[:1]
    changed = tok.clone()
    changed[0, -1] = (changed[0, -1] + 1) % V  # next-token model: causal, the first is not
    torch.testing.assert_close(lm(tok)[0, 0], lm(changed)[0, 0])


@pytest.mark.parametrize("impl", ["bmm", "vmap"])
def test_seq2seq_ensemble_trains_each_member_as_a_lone_model(impl):
    cfg = TrainConfig(optimizer="adam", lr=1e-2, steps=10, log_every=10)
    dsets = [_seq2seq(s) for s in (1, 2)]
    net = BatchedGPT(V, T, 1, [8, 8], [3, 4], heads=2, dtype=torch.float64, impl=impl, d_in=3)
    x = torch.stack([d.x_train for d in dsets])  # (2, n, T, 3)
    y = torch.stack([d.y_train for d in dsets])  # (2, n, T)
    train_ensemble(net, x, y, x[:, :0], y[:, :0], torch.tensor([24, 24]), cfg)
    for k, seed in enumerate((3, 4)):
        model = reference_gpt(V, T, 8, 1, heads=2, init_seed=seed, dtype=torch.float64, d_in=3)
        opt = reference_optimizer(model.parameters(), cfg)
        for _ in range(cfg.steps):
            opt.zero_grad()
            F.cross_entropy(model(dsets[k].x_train).reshape(-1, V),
                            dsets[k].y_train.reshape(-1)).backward()
            opt.step()
        for a, b in zip(net.member_state(k), model.parameters(), strict=True):
            torch.testing.assert_close(a, b.detach(), atol=1e-9, rtol=1e-7)


def test_a_big_enough_seq2seq_transformer_memorises_to_100_percent():
    cfg = RunConfig().override([
        "model.kind='transformer'", "data.kind='seq2seq'", "data.d_in=4", "data.seq_len=6",
        "data.classes=8", "data.n_train=16", "data.n_test=0", "model.width=32",
        "model.depth=1", "model.heads=2", "model.activation='gelu'", "train.lr=0.01",
        "train.steps=300", "train.log_every=100", "train.early_stop=true"])
    res = run_training(cfg)
    assert res.datasets[0].best_count == res.datasets[0].labels == 96
    assert res.log.metrics["memorised_count"][-1, 0] == 96 and res.log.stop_step[0] > 0


def test_the_memory_estimate_counts_the_attention_matrices_three_times():
    """One T×T row per head was counted, and a 1 024-token run peaked at 3.1× the estimate,
    past the memory guard (2026-12-03 audit: a run estimated at 1.74 GiB under a 2 GiB limit
    ran out of memory after 33 s). The scores, the softmax output and a gradient are kept."""
    from empirical.engine.config import RunConfig

    cfg = RunConfig().override(["model.kind='transformer'", "data.kind='tokens'",
                                "data.seq_len=1025", "data.n_train=8", "data.n_test=0",
                                "model.width=4", "model.heads=4", "model.depth=1",
                                "data.classes=4"])
    t = cfg.context
    assert t == 1024 and cfg.estimated_bytes() >= 3 * 4 * 8 * 4 * t * t  # 3 × heads·n·T²·4 B


def test_bench_transformer_reports_progress_per_case(monkeypatch):
    """`memcap bench transformer` drew no progress bar for its minute of work (2026-12-03
    audit): the benchmark now reports each case's start and the end."""
    from empirical.bench import transformer as bench

    monkeypatch.setattr(bench, "transformer_ensemble_vs_loop", lambda *a: {"width": a[5]})
    calls = []
    out = bench.bench_transformer(quick=True, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(0, 2), (1, 2), (2, 2)]
    assert [c["width"] for c in out["cases"]] == [16, 32]


def test_bench_transformer_pairs_the_legs_of_each_round(monkeypatch):
    """The legs ran one after another, so the ratios followed the box's drift (vmap ÷ bmm 1.10,
    1.12, 0.98, 0.91 in four runs; 2026-12-05 bench review). They now alternate round by round,
    each ratio is the median of one round's paired legs, and the faster ensemble is named only
    where every round agrees."""
    from empirical.bench import transformer as bench

    order = []
    real = bench.train_ensemble

    def recording(net, *a, **kw):
        if a[5].steps == 2:  # the timed trainings, not the 3-step warm-ups
            order.append(net.impl)
        return real(net, *a, **kw)

    monkeypatch.setattr(bench, "train_ensemble", recording)
    r = bench.transformer_ensemble_vs_loop(models=2, loop_models=1, steps=2, width=4, n=2,
                                           rounds=3)
    assert order == ["bmm", "vmap", "vmap", "bmm", "bmm", "vmap"]  # loop between, rotated
    rounds = r["per_model_s_rounds"]
    assert all(len(v) == 3 for v in rounds.values())
    paired = sorted(lo / b for lo, b in zip(rounds["loop"], rounds["bmm"], strict=True))
    assert r["speedup_bmm"] == paired[1]  # the median of the paired ratios
    ratios = r["vmap_over_bmm_rounds"]
    assert r["fastest"] == ("bmm" if min(ratios) > 1 else "vmap" if max(ratios) < 1 else
                            "bmm and vmap within the rounds' spread")
