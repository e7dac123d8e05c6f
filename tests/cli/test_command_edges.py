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


# -------------------------------------- bounds, count and the shell: gaps of a 2026-12-07 audit
def test_a_value_of_exactly_the_long_value_limit_stays_whole():
    """memcap/cli.py shortens a quoted value longer than LONG_VALUE characters: one of exactly
    LONG_VALUE stays whole (mutant: `<` for `<=`)."""
    from memcap.cli import LONG_VALUE, _shorten_values

    at, past = "x" * LONG_VALUE, "x" * (LONG_VALUE + 1)
    assert _shorten_values(f"bad value '{at}' here") == f"bad value '{at}' here"
    assert f"({LONG_VALUE + 1} characters)" in _shorten_values(f"bad value '{past}' here")


@pytest.mark.parametrize("error, status, line", [
    # torch's allocation failure in any case (ROCm and MPS spell it differently): status 74
    (RuntimeError("Out of memory: tried to allocate 8.00 GiB"), 74,
     "memcap: I/O error: out of memory"),
    # an error without a message is named by its type, not left blank after the colon
    (OSError(), 74, "memcap: I/O error: OSError"),
])
def test_errors_outside_memcap_are_one_named_line(monkeypatch, capsys, error, status, line):
    """(mutants: the out-of-memory test case-sensitive, so a bug's status 70; an empty
    description for a message-less error)."""
    import memcap.cli as shell

    def boom(*args, **kwargs):
        raise error

    monkeypatch.setattr(shell.cli, "main", boom)
    code, _, err = memcap_main(capsys, "count", "threshold", "--inputs", "2")
    assert code == status and err.startswith(line) and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_sizes_and_margins_at_their_documented_limits_are_read(capsys):
    """A size of exactly 1000 digits and a --kappa exponent of exactly -1000 are evaluated;
    1001 digits and -1001 are refused in one line (mutants: `>=` for `>` in both checks)."""
    code, out, err = memcap_main(capsys, "bounds", "--edges", 10**1000 - 1, "--json")
    assert code == 0, err
    code, _, err = memcap_main(capsys, "bounds", "--edges", 10**1000, "--json")
    assert code == 2 and "1001 digits" in err
    code, out, err = memcap_main(capsys, "bounds", "--kappa", "1e-1000", "--json")
    assert code == 0, err
    code, _, err = memcap_main(capsys, "bounds", "--kappa", "1e-1001", "--json")
    assert code == 2 and "beyond ±1000" in err


def test_count_threshold_beyond_the_table_still_gives_covers_bound(capsys):
    """M = 7..64 is refused with the Cover upper bound it can still give (mutant: dropped)."""
    for m in (7, 64):
        code, _, err = memcap_main(capsys, "count", "threshold", "--inputs", m)
        assert code == 2 and f"T({m}) <= " in err and len(err.strip().splitlines()) == 1
    code, _, err = memcap_main(capsys, "count", "threshold", "--inputs", "7")
    assert "the Cover upper bound is T(7) <= " in err


def test_sauer_with_the_vc_dimension_at_the_sample_is_two_to_the_m_at_once(capsys):
    """--vc >= --sample: the bound is 2^m, printed without any sum limit (mutant: `>` for `>=`,
    which refused --sample 10^6 --vc 10^6)."""
    code, out, err = memcap_main(capsys, "count", "sauer", "--sample", "1000000", "--vc",
                                 "1000000", "--json")
    assert code == 0, err
    head, digits = out.split('"growth_bound": ', 1)
    digits = digits.strip().rstrip("}").strip().strip('"')
    assert head.startswith('{"sample": 1000000, "vc": 1000000')
    # 2^1000000 has 301 030 digits (its text is beyond json's default digit limit)
    assert len(digits) == 301030 and digits.startswith("9900")
    assert int(digits[-9:]) == pow(2, 1000000, 10**9)


def test_markdown_output_ends_with_one_newline(capsys):
    """(mutant: a blank line after --markdown and --json output)."""
    code, out, _ = memcap_main(capsys, "bounds", "--answer", "--max-inputs", "2", "--markdown")
    assert code == 0 and out.endswith("|\n") and not out.endswith("\n\n")


def test_the_bounds_table_shows_each_bounds_status_flag(capsys):
    """docs/capacity.md: a bound not confirmed from its source carries its flag in the table
    (mutant: the flags dropped from the rich table)."""
    code, out, _ = memcap_main(capsys, "bounds", "-M", "3")
    assert code == 0
    for flag in ("[derived]", "[partial]", "[secondary]", "[UNCONFIRMED]", "[empirical anchor]"):
        assert flag in out
