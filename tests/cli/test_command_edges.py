"""Edges of ``memcap bounds``, ``count`` and ``construct`` that a mutation audit (2026-12-07)
found no test pinned: limits at their ends, ``--force``, the streams and the counts printed,
and a failed verification's status. Each test fails on the mutant its docstring names."""

import json
import subprocess

import pytest
from memcap_cli import memcap_main, memcap_process

import constructions.builders as builders
from constructions.boolean import BooleanFunction


@pytest.mark.parametrize("args, words", [
    (["bounds", "-M", "25", "--json"], "--inputs must be at most 24"),  # 25 passed
    (["bounds", "--classes", "3", "-M", "3", "--json"], "--classes needs --points and --d-in"),
    (["bounds", "--kappa", "1e-1001", "--json"], "is beyond ±1000"),  # abs() left out
    (["construct", "-M", "2", "-N", "0", "-f", "parity", "--print-json"],
     "--outputs must be at least 1"),  # `outputs or 1` built one output quietly
])
def test_values_past_a_limit_are_refused(capsys, args, words):
    code, out, err = memcap_main(capsys, *args)
    assert code == 2 and words in err and out == "" and len(err.strip().splitlines()) == 1


def test_threshold_counting_past_six_inputs_is_refused_at_once():
    """M = 7 is refused before any enumeration (a limit of 7 would start one; the process is
    given 60 s)."""
    try:
        done = memcap_process("count", "threshold", "--inputs", "7", timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("count threshold --inputs 7 was not refused at once")
    assert done.returncode == 2 and "beyond the enumeration (M <= 6)" in done.stderr


def test_force_lifts_the_answer_tables_work_limit(capsys):
    """N = 2^28 outputs at M = 1 is 2^29 bits, above the 2^28 limit: refused without
    --force, computed with it (a limit that ignored --force refused both)."""
    args = ["bounds", "--answer", "--max-inputs", "1", "-N", str(2**28), "--json"]
    code, _, err = memcap_main(capsys, *args)
    assert code == 2 and "--force" in err
    code, out, err = memcap_main(capsys, *args, "--force")
    assert code == 0, err
    assert json.loads(out)[0]["N"] == 2**28


def test_the_counts_print_every_digit_and_to_stdout(capsys):
    """Sauer's bound at 100 points prints all 31 digits of 2^100 (a 64-bit cut abbreviated
    it), on stdout; Cover's count at 10 points in 3 dimensions is 2(1 + 9 + 36) = 92 of the
    2^10 = 1024 labellings."""
    code, out, _ = memcap_main(capsys, "count", "sauer", "--sample", "100", "--vc", "100")
    assert code == 0 and str(2**100) in out
    code, out, err = memcap_main(capsys, "count", "sauer", "--sample", "10", "--vc", "3")
    assert code == 0 and "growth(10) <= 176" in out and "176" not in err
    code, out, _ = memcap_main(capsys, "count", "cover", "--points", "10", "--d-in", "3",
                               "--json")
    data = json.loads(out)
    assert code == 0 and (data["all_labellings"], data["dichotomies"]) == (1024, 92)


def test_a_network_that_fails_its_verification_ends_with_status_1(capsys, monkeypatch):
    """A builder bug (the network of another table) is caught by construct's exhaustive
    check: a counterexample and status 1 (docs/cli.md), not 0."""
    real = builders.build

    def wrong_build(function, method, **kwargs):
        return real(BooleanFunction.from_strings(["0111"]), method, **kwargs)

    monkeypatch.setattr(builders, "build", wrong_build)
    code, out, _ = memcap_main(capsys, "construct", "--table", "0110", "--method", "lookup")
    assert code == 1 and "counterexample" in out
