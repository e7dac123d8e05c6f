"""Edges of ``constructions.verify`` that a 2026-12-07 mutation audit of constructions/verify.py
found untested: counterexample indices past the first chunk, the engine and input count a result
(and ``memcap verify --json``) reports, the JSON counts beyond the listed examples, the M = 24
limit, the sampled check's time estimate, the one-line UsageErrors of bad arguments, the peak
memory estimate, the refusal's hint, and the progress bar's life cycle.
"""

import json

import numpy as np
import pytest
from memcap_cli import memcap_main

import constructions.verify as verify_module
from capacity.errors import UsageError
from constructions.boolean import BooleanFunction
from constructions.factored import DEFAULT_CHUNK_BYTES, factored_plan
from constructions.network import Layer, SignNetwork
from constructions.verify import TooLongToVerify, estimate_cost, verify


def _or01(m: int) -> tuple[SignNetwork, BooleanFunction]:
    """One unit OR(x0, x1) on M inputs, and its exact truth table."""
    net = SignNetwork(m, (Layer.from_lists([[1, 1]], [1], [0, 1]),))
    idx = np.arange(1 << m)
    return net, BooleanFunction(((idx & 3) != 0)[None, :])


def _sum01() -> SignNetwork:
    """sign(x0 + x1) on M = 3: the pre-activation is 0 on inputs 1, 2, 5, 6 and the output is
    -1 on inputs 0 and 4 only (sign(0) = +1)."""
    return SignNetwork(3, (Layer.from_lists([[1, 1]], [0], [0, 1]),))


@pytest.mark.parametrize("engine", ["factored", "dense"])
def test_counterexample_indices_are_global_beyond_the_first_chunk(engine):
    """Counterexamples carry the input's index in [0, 2^M), also in later chunks (V08: the
    index within its chunk was reported)."""
    net, f = _or01(4)
    table = f.table.copy()
    table[0, 5] = ~table[0, 5]
    table[0, 14] = ~table[0, 14]
    r = verify(net, BooleanFunction(table), chunk=2, engine=engine)
    assert r.wrong == 2 and [c.index for c in r.counterexamples] == [5, 14]
    assert [c.to_dict() for c in r.counterexamples] == [
        {"index": 5, "expected": [-1], "got": [1]}, {"index": 14, "expected": [-1], "got": [1]}]


@pytest.mark.parametrize("options, engine", [({}, "factored"), ({"engine": "dense"}, "dense"),
                                             ({"samples": 5}, "sampled")])
def test_result_and_its_dict_name_the_engine_and_the_inputs(options, engine):
    """A result says which evaluator checked it ("factored", "dense" or "sampled") and the
    network's M, as attributes and in ``to_dict()`` (V14: dense reported as factored; V30:
    sampled reported as dense; V42: inputs left 0; V43: the dict's engine constant)."""
    net, f = _or01(4)
    r = verify(net, f, **options)
    assert r.ok and r.engine == engine and r.inputs == 4
    d = r.to_dict()
    assert d["engine"] == engine and d["inputs"] == 4


def test_dict_counts_every_wrong_input_and_zero_beyond_those_listed():
    """``wrong`` and ``zero_preactivations`` count all such inputs, the lists keep only
    ``max_counterexamples`` (V44: to_dict's wrong = listed examples; V45: its zero count =
    listed zero indices)."""
    r = verify(_sum01(), BooleanFunction.from_strings("00000000"), max_counterexamples=1)
    d = r.to_dict()
    assert (d["wrong"], d["zero_preactivations"]) == (6, 4)
    assert d["counterexamples"] == [{"index": 1, "expected": [-1], "got": [1]}]
    assert d["zero_indices"] == [1] and not d["ok"]


def test_memcap_verify_json_reports_engine_inputs_and_full_counts(capsys, tmp_path):
    """``memcap verify --json`` prints ``to_dict()``: engine "factored" or "sampled", M as
    ``inputs``, and all wrong inputs and zero pre-activations counted however few are listed
    (V42, V43, V44, V45 as a user sees them)."""
    path = tmp_path / "net.json"
    _sum01().save(path)
    code, out, _ = memcap_main(capsys, "verify", path, "--table", "00000000", "--json",
                               "--max-counterexamples", "1")
    d = json.loads(out)
    assert code == 1 and d["engine"] == "factored" and d["inputs"] == 3
    assert (d["wrong"], d["zero_preactivations"], d["checked"]) == (6, 4, 8)
    assert len(d["counterexamples"]) == 1 and d["zero_indices"] == [1]
    code, out, _ = memcap_main(capsys, "verify", path, "--table", "00000000", "--json",
                               "--samples", "5")
    d = json.loads(out)
    assert code == 1 and d["engine"] == "sampled" and d["inputs"] == 3
    assert d["checked"] == 5 and d["sample_seed"] == 0


def test_m_24_is_verified_exhaustively_without_force():
    """Exhaustive verification is refused only *above* MAX_EXHAUSTIVE_INPUTS = 24 (docs/cli.md,
    docs/constructions.md): a cheap one-unit network at M = 24 is checked on all 2^24 inputs
    without force (V15: M = 24 refused)."""
    net, f = _or01(24)
    r = verify(net, f)
    assert r.ok and r.exhaustive and r.checked == 1 << 24 and r.engine == "factored"


def test_sampled_check_is_refused_by_its_estimate_for_all_its_samples(monkeypatch):
    """Without force a sampled check estimated (S inputs × edges at the dense rate) above
    MAX_UNFORCED_SECONDS = 900 s is refused before any work. With the rate patched to 0.01,
    8 samples of a 2-edge network are 1 600 s: refused; 4 samples (800 s) run (V20: limit 100×
    looser; V21: priced for one input; both only hung a 20-input test before)."""
    monkeypatch.setattr(verify_module, "ASSUMED_RATE", 0.01)
    net, f = _or01(3)
    with pytest.raises(TooLongToVerify) as refused:
        verify(net, f, samples=8)
    assert str(refused.value) == (
        "a sampled check of 8 inputs of this network (1 neurons) takes about 27 min on a "
        "2-core machine; give fewer --samples or pass --force (with memcap verify, --force "
        "checks every input instead; from Python: force=True)")
    assert verify(net, f, samples=4).checked == 4
    assert verify(net, f, samples=8, force=True).checked == 8


def test_samples_above_two_to_the_m_are_refused_by_verify():
    """``samples`` must be between 1 and 2^M: 2^M + 1 is refused with verify's own message, not
    numpy's sampling error (V19: 2^M + 1 reached ``rng.choice``)."""
    net, f = _or01(3)
    for samples in (9, 10):
        with pytest.raises(UsageError) as refused:
            verify(net, f, samples=samples)
        assert str(refused.value) == f"--samples must be between 1 and 2**M = 8, got {samples}"


@pytest.mark.parametrize("seed", [-1, 2**70])
def test_sampled_check_refuses_a_seed_numpy_or_the_record_cannot_take(seed):
    """The seed of a sampled check must be a non-negative integer below 2^63 (check_seed), one
    UsageError (V31: unchecked, -1 raised numpy's ValueError and 2^70 was used)."""
    net, f = _or01(4)
    with pytest.raises(UsageError) as refused:
        verify(net, f, samples=3, seed=seed)
    assert str(refused.value) == f"--seed must be a non-negative integer below 2^63, got {seed}"


@pytest.mark.parametrize("engine", ["factored", "dense"])
@pytest.mark.parametrize("chunk", [16, 64])
def test_chunk_above_two_to_the_m_is_refused_for_both_engines(engine, chunk):
    """``chunk`` is a power of two between 1 and 2^M: 2^(M+1) is refused with that message by
    either engine (V38: the dense engine ran with chunk = 2^(M+1) silently)."""
    net, f = _or01(3)
    with pytest.raises(UsageError) as refused:
        verify(net, f, chunk=chunk, engine=engine)
    assert str(refused.value) == f"chunk must be a power of two between 1 and 2**M = 8, got {chunk}"


def test_negative_max_counterexamples_is_refused():
    """``max_counterexamples`` must be >= 0 (V39: -1 accepted, listing nothing)."""
    net, f = _or01(3)
    with pytest.raises(UsageError) as refused:
        verify(net, f, max_counterexamples=-1)
    assert str(refused.value) == "--max-counterexamples must be >= 0"
    assert verify(net, f, max_counterexamples=0).ok


@pytest.mark.parametrize("engine", ["factored", "dense"])
def test_peak_estimate_counts_chunk_arrays_target_table_and_output_signs(engine):
    """estimate_cost's peak bytes are 4 chunk arrays (at least DEFAULT_CHUNK_BYTES each) plus
    the target table and the output signs, N·2^M bytes each (V48: the table counted once)."""
    net = SignNetwork(10, (Layer.from_lists([[1, 1], [1, -1]], [1, 1], [0, 1]),))  # N = 2
    arrays = (max(DEFAULT_CHUNK_BYTES, factored_plan(net).largest_array_bytes)
              if engine == "factored" else DEFAULT_CHUNK_BYTES)
    assert estimate_cost(net, engine)[1] == 4 * arrays + 2 * 2 * 1024


def test_refusal_above_m_24_tells_how_to_run_it_in_cli_and_python_words():
    """The M > 24 refusal names its cost and both ways on: ``--force`` / ``--samples S`` on
    the command line, ``force=True`` / ``samples=S`` from Python (V50: "pass force")."""
    net, f = _or01(25)
    with pytest.raises(TooLongToVerify) as refused:
        verify(net, f)
    assert refused.value.fix == ("pass --force to run it or --samples S to check S inputs "
                                 "(from Python: force=True, samples=S)")
    assert refused.value.what.startswith(
        "exhaustive verification at M = 25 > 24 checks 2**25 inputs: about ")


def test_unknown_engine_is_refused():
    """``engine`` is "factored" or "dense", case and all (V51: any other value ran dense)."""
    net, f = _or01(3)
    with pytest.raises(UsageError) as refused:
        verify(net, f, engine="Dense")
    assert str(refused.value) == "unknown engine 'Dense'; choose 'factored' or 'dense'"


def test_force_must_be_a_flag():
    """``force`` is True or False (numpy's bools too); "no" is refused, not read as true (V56:
    ``bool(force)`` read "no" as True)."""
    net, f = _or01(3)
    with pytest.raises(UsageError) as refused:
        verify(net, f, force="no")
    assert str(refused.value) == "force must be True or False, got 'no'"
    assert verify(net, f, force=np.False_).ok


@pytest.mark.parametrize("engine", ["factored", "dense"])
def test_progress_bar_is_opened_advanced_by_every_input_and_closed(monkeypatch, engine):
    """``progress=True`` opens a bar of 2^M inputs, advances it by each chunk's width (2^M in
    all) and closes it (V53: its __exit__ never ran; V54: advanced by 1 a chunk)."""
    import capacity.terminal

    log = []

    class Bar:
        def __enter__(self):
            log.append("enter")
            return self

        def __exit__(self, *exc):
            log.append("exit")

        def add_task(self, name, total):
            log.append(("total", total))
            return 0

        def advance(self, task, n):
            log.append(("advance", n))

    monkeypatch.setattr(capacity.terminal, "progress_bar", lambda *a, **k: Bar())
    net, f = _or01(6)
    assert verify(net, f, chunk=8, progress=True, engine=engine).ok
    assert log == ["enter", ("total", 64), *[("advance", 8)] * 8, "exit"]
