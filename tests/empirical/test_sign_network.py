"""A sign network as a torch module agrees with the exact evaluator on every input."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings

from constructions.boolean import all_inputs
from constructions.builders import build
from constructions.evaluate import evaluate_batch
from constructions.families import make_function
from constructions.network import Layer, SignNetwork
from constructions.testing import sign_networks
from empirical.engine.sign_network import to_torch


@settings(deadline=None, max_examples=40)
@given(sign_networks(max_inputs=8, max_weight=5))
def test_torch_module_agrees_with_exact_evaluator_on_every_input(net):
    x = all_inputs(net.inputs)  # (2^M, M)
    exact, _ = evaluate_batch(net, x)
    for dtype in (torch.float32, torch.float64):
        got = to_torch(net, dtype)(torch.tensor(x, dtype=dtype))  # (2^M, N)
        assert np.array_equal(got.numpy().astype(np.int8), exact)


def test_torch_module_on_a_depth3_network_m8():
    net = build(make_function("random", 8, outputs=2, seed=3), "depth3")
    x = all_inputs(8)
    got = to_torch(net, torch.float32)(torch.tensor(x, dtype=torch.float32))
    assert np.array_equal(got.numpy().astype(np.int8), evaluate_batch(net, x)[0])


def test_torch_refuses_inexact_dtypes():
    net = SignNetwork(1, (Layer.from_lists([[2**24 + 1]], [0], [0]),))
    with pytest.raises(ValueError, match="not exact in torch.float32.*use dtype=torch.float64"):
        to_torch(net, torch.float32)
    assert to_torch(net, torch.float64)(torch.tensor([[-1.0]])).item() == -1.0
    huge = SignNetwork(1, (Layer.from_lists([[2**53 + 1]], [0], [0]),))
    # it told a float64 caller to use float64 (2026-12-04 review): now the exact evaluator
    with pytest.raises(ValueError, match="float64.*SignNetwork.evaluate"):
        to_torch(huge)
    bound = SignNetwork(2, (Layer.from_lists([[2**23, 2**23]], [1], [0, 1]),))  # sum ≥ 2^24
    with pytest.raises(ValueError):
        to_torch(bound, torch.float32)


def test_torch_module_stays_exact_under_autocast_and_lax_matmul_precision():
    """259·x0 − 256·x1 − 4 at (+1, +1) is −1; bfloat16 (autocast, or float32 matmuls at
    precision "medium") rounds 259 to 260 and made it +1 (exact arithmetic audit, 2026-12-02)."""
    net = SignNetwork(2, (Layer.from_lists([[259, -256]], [-4], [0, 1]),))
    x = all_inputs(2)
    exact = evaluate_batch(net, x)[0].ravel().tolist()
    module, xt = to_torch(net, torch.float32), torch.tensor(x, dtype=torch.float32)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        assert module(xt).ravel().tolist() == exact
    old = torch.get_float32_matmul_precision()
    try:
        torch.set_float32_matmul_precision("medium")
        assert module(xt).ravel().tolist() == exact == [-1, 1, -1, -1]
    finally:
        torch.set_float32_matmul_precision(old)


@pytest.mark.parametrize("setting", ["torch.backends.cuda.matmul.fp32_precision = 'tf32'",
                                     "torch.backends.mkldnn.matmul.fp32_precision = 'bf16'",
                                     "torch.backends.fp32_precision = 'tf32'"])
def test_torch_module_stays_exact_under_torchs_new_precision_settings(setting):
    """torch ≥ 2.9's per-backend fp32_precision made the legacy precision query raise inside
    forward ("a mix of the legacy and new APIs", 2026-12-05 review); such a setting now means a
    float64 product. A subprocess: the setting is global and cannot be undone cleanly."""
    import subprocess
    import sys

    code = f"""import torch
from constructions.network import Layer, SignNetwork
from empirical.engine.sign_network import float32_matmul_is_exact, to_torch
{setting}
assert not float32_matmul_is_exact()
net = SignNetwork(2, (Layer.from_lists([[259, -256]], [-4], [0, 1]),))
x = torch.tensor([[-1., -1.], [1., -1.], [-1., 1.], [1., 1.]])
print(to_torch(net, torch.float32)(x).ravel().tolist())
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["[-1.0,", "1.0,", "-1.0,", "-1.0]"]


def test_a_huge_bound_is_named_by_its_size():
    """A weight of more than 4 300 digits: the refusal printed the bound whole and raised
    Python's int-to-text ValueError instead (2026-12-05 review)."""
    huge = SignNetwork(2, (Layer.from_lists([[10**5000, 1]], [1], [0, 1]),))
    with pytest.raises(ValueError, match="an integer of 166.. bits are not exact"):
        to_torch(huge)


def test_a_float64_module_keeps_weights_beyond_float32s_integers_exact():
    """Weights above 2^24 stay exact in float64 (a float32 round trip made 2^24 + 3 into
    2^24 + 4 and the pre-activation −1 at (+1, +1) into +1; mutation audit WN, S16)."""
    net = SignNetwork(2, (Layer.from_lists([[2**24 + 3, -(2**24 + 4)]], [0], [0, 1]),))
    x = all_inputs(2)
    exact, _ = evaluate_batch(net, x)
    got = to_torch(net, torch.float64)(torch.tensor(x, dtype=torch.float64))
    assert np.array_equal(got.numpy().astype(np.int8), exact)
    assert exact[:, 0].tolist().count(-1) == 2  # (+1, +1) and (−1, +1): both signs occur
