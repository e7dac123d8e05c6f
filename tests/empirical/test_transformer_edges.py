"""Edges of the transformer engine (empirical/engine/transformer.py) that a mutation audit
(2026-12-07) found no test pinned: the nanoGPT initialisation, FLOP counts off the doctest's
single point, bias-free, ReLU and r ≠ 4 members against their lone reference models under
random parameters, the seq2seq layer groups, refusals, LayerNorm's ε, snapshots and the global
RNG. Each test fails on the mutants its docstring names."""

import math

import pytest
import torch
import torch.nn.functional as F

from capacity.errors import UsageError
from empirical.engine.parameters import count_transformer_parameters
from empirical.engine.transformer import BatchedGPT, reference_gpt, transformer_flops

V, T = 7, 5


def _assert_members_are_their_reference_models(net, x, **reference):
    """Fill the ensemble with random parameters (so biases and LayerNorm weights are not
    trivial), copy each member into its lone model and compare the logits in float64."""
    g = torch.Generator().manual_seed(0)
    with torch.no_grad():
        net.flat.copy_(torch.randn(net.flat.shape, generator=g, dtype=net.flat.dtype) * 0.5)
    out = net.forward_features(net.prepare(x))
    for k, seed in enumerate(net.init_seeds):
        ref = reference_gpt(**reference, init_seed=seed, dtype=torch.float64)
        with torch.no_grad():
            for p, q in zip(ref.parameters(), net.member_state(k), strict=True):
                p.copy_(q)
        torch.testing.assert_close(out[k], ref(x[k]).reshape(-1, V).T, atol=1e-9, rtol=1e-9)


def test_the_initialisation_is_nanogpts():
    """Residual projections (attention proj, MLP out) N(0, (0.02/√(2·depth))²), every other
    weight matrix N(0, 0.02²), within 10 % (mutants: 0.02/√depth, the MLP out unscaled)."""
    depth = 2
    net = reference_gpt(16, 8, 64, depth, heads=2, init_seed=0)
    residual = 0.02 / math.sqrt(2 * depth)
    for name, p in net.named_parameters():
        if p.dim() == 2:
            want = residual if name.endswith(("proj.weight", "out.weight")) else 0.02
            assert abs(p.std().item() / want - 1) < 0.1, name


def test_flops_use_the_mlp_ratio_the_context_and_the_depth():
    """3·n·(depth·(2(4 + 2r)D² + 4TD) + 2DV) with T ≠ D, depth ≥ 2, r ≠ 4; a step of K
    members is K times a member's (mutants: r, T or depth ignored, K or r ignored by
    step_flops)."""
    d = 8
    for depth, r in [(1, 4), (2, 4), (1, 2), (3, 1)]:
        want = 3 * 5 * (depth * (2 * (4 + 2 * r) * d * d + 4 * 4 * d) + 2 * d * 16)
        assert transformer_flops(5, 16, 4, d, depth, mlp_ratio=r) == want
    for k, r in [(3, 4), (1, 2), (2, 1)]:
        net = BatchedGPT(16, 4, 2, [8] * k, list(range(k)), mlp_ratio=r)
        assert net.step_flops(5) == k * transformer_flops(5 * 4, 16, 4, 8, 2, r)


def test_members_with_an_mlp_ratio_of_two_are_the_lone_model():
    """Parameter count and initial tensors of r = 2 members (mutant: r ignored)."""
    net = BatchedGPT(8, 4, 1, [4, 4], [0, 1], mlp_ratio=2)
    assert net.flat.numel() == 2 * count_transformer_parameters(8, 4, 4, 1, 2)
    ref = reference_gpt(8, 4, 4, 1, mlp_ratio=2, init_seed=1)
    assert all(torch.equal(a, b)
               for a, b in zip(net.member_state(1), ref.parameters(), strict=True))


@pytest.mark.parametrize("impl", ["bmm", "vmap"])
@pytest.mark.parametrize("d_in", [0, 3])
def test_bias_free_members_are_their_lone_models(impl, d_in):
    """bias=False, next-token and seq2seq (mutants: members built with biases, bmm's linear
    layers or the seq2seq head assuming a bias)."""
    net = BatchedGPT(V, T, 1, [4, 4], [3, 9], heads=2, bias=False, dtype=torch.float64,
                     impl=impl, d_in=d_in)
    assert net.flat.numel() == 2 * count_transformer_parameters(V, T, 4, 1, 4, False, d_in)
    x = (torch.randn(2, 3, T, d_in, dtype=torch.float64) if d_in
         else torch.randint(0, V, (2, 3, T), generator=torch.Generator().manual_seed(1)))
    _assert_members_are_their_reference_models(net, x, vocab=V, context=T, width=4, depth=1,
                                               heads=2, bias=False, d_in=d_in)


@pytest.mark.parametrize("impl", ["bmm", "vmap"])
def test_relu_members_are_the_lone_relu_model_which_differs_from_gelu(impl):
    """(mutants: bmm, vmap or the reference block always gelu)."""
    x = torch.randint(0, V, (2, 3, T), generator=torch.Generator().manual_seed(2))
    net = BatchedGPT(V, T, 1, [4, 4], [3, 9], heads=2, activation="relu",
                     dtype=torch.float64, impl=impl)
    _assert_members_are_their_reference_models(net, x, vocab=V, context=T, width=4, depth=1,
                                               heads=2, activation="relu")
    kw = dict(vocab=V, context=T, width=4, depth=1, init_seed=0, dtype=torch.float64)
    relu, gelu = reference_gpt(**kw, activation="relu"), reference_gpt(**kw, activation="gelu")
    with torch.no_grad():
        for p, q in zip(relu.parameters(), gelu.parameters(), strict=True):
            p.normal_(0, 0.5, generator=torch.Generator().manual_seed(p.numel()))
            q.copy_(p)
    assert not torch.allclose(relu(x[0]), gelu(x[0]))


def test_the_seq2seq_head_is_in_the_last_layer_group():
    """Groups of 3, 12 and 4 tensors, the head with the final LayerNorm (mutant: the head in
    the embedding group)."""
    net = BatchedGPT(8, 4, 1, [4], [0], d_in=3)
    groups = net.layers()
    assert [len(g) for g in groups] == [3, 12, 4]
    assert any(p is net.params["head.weight"] for p in groups[-1])


def test_refusals_of_the_ensemble_and_the_reference_model():
    """Mixed member widths, an unknown impl, a negative token id (member k would read member
    k − 1's last embedding row) and a width that is no multiple of the heads are refused
    (mutants: each check dropped)."""
    with pytest.raises(UsageError):
        BatchedGPT(8, 4, 1, [4, 8], [0, 1])
    with pytest.raises(UsageError):
        BatchedGPT(8, 4, 1, [4], [0], impl="loop")
    net = BatchedGPT(8, 4, 1, [4, 4], [0, 1])
    tokens = torch.zeros(2, 3, 4, dtype=torch.long)
    tokens[1, 0, 0] = -1
    with pytest.raises(ValueError):
        net.prepare(tokens)
    with pytest.raises(UsageError):
        reference_gpt(8, 4, 10, 1, heads=3)


def test_layer_norm_uses_torchs_default_epsilon():
    """ε = 1e-5 in the reference model and the ensemble: with activations near 1e-3 a depth-0
    ensemble's logits equal a hand-written LayerNorm at that ε (mutant: ε 1e-6)."""
    d = 4
    eps = torch.nn.LayerNorm(d).eps
    ref = reference_gpt(8, 4, d, 1, dtype=torch.float64)
    assert all(m.eps == eps for m in ref.modules() if isinstance(m, torch.nn.LayerNorm))
    net = BatchedGPT(8, 4, 0, [d], [0], dtype=torch.float64)
    with torch.no_grad():
        net.flat.mul_(0.05)
    tokens = torch.randint(0, 8, (1, 2, 4), generator=torch.Generator().manual_seed(3))
    wte, wpe = net.params["wte.weight"][0], net.params["wpe.weight"][0]
    want = F.layer_norm(wte[tokens[0]] + wpe, (d,), net.params["lnf.weight"][0],
                        net.params["lnf.bias"][0], eps)
    want = (want @ wte.T).reshape(-1, 8).T
    torch.testing.assert_close(net.forward_features(tokens)[0], want, atol=1e-12, rtol=1e-9)


def test_member_state_is_a_snapshot_and_building_leaves_the_global_rng_alone():
    """A later in-place step of flat leaves a taken member_state unchanged; building either
    model leaves torch's global RNG as it was (mutants: views of flat, torch.manual_seed)."""
    net = BatchedGPT(8, 4, 1, [4, 4], [0, 1])
    state = net.member_state(1)
    with torch.no_grad():
        net.flat.add_(1.0)
    ref = reference_gpt(8, 4, 4, 1, init_seed=1)
    assert all(torch.equal(a, b) for a, b in zip(state, ref.parameters(), strict=True))
    torch.manual_seed(123)
    before = torch.get_rng_state()
    reference_gpt(8, 4, 4, 1, init_seed=5)
    BatchedGPT(8, 4, 1, [4, 4], [5, 6])
    assert torch.equal(torch.get_rng_state(), before)
