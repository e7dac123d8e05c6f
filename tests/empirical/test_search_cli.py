"""``memcap search``: error paths (exit 2, one line, nothing written), --json, --out files, and the
memory-curve mode."""

import json

import pandas as pd
import pytest
from memcap_cli import memcap_main
from memcap_cli import memcap_process as memcap
from memcap_cli import memcap_runner as memcap_here

FAST = ["--trials", "2", "--lrs", "0.05", "--steps", "150"]


@pytest.mark.parametrize("args, words", [
    ([], "no target"),
    (["--inputs", "0"], "between 1 and 16"),
    (["--inputs", "20"], "between 1 and 16"),
    (["--inputs", "3", "--function", "prity"], "unknown function 'prity'"),
    (["--inputs", "3", "--success-rate", "0"], "--success-rate must be in (0, 1]"),
    (["--inputs", "3", "--success-rate", "1.2"], "--success-rate must be in (0, 1]"),
    (["--inputs", "3", "--trials", "0"], "--trials must be an integer >= 1"),
    (["--inputs", "3", "--lrs", "0.01,-1"], "--lrs must be comma-separated positive"),
    (["--inputs", "3", "--lrs", "fast"], "--lrs must be comma-separated positive"),
    (["--inputs", "3", "--axis", "depth"], "unknown axis 'depth'"),
    (["--inputs", "3", "--depth", "0"], "depth"),
    (["--inputs", "3", "--points", "50"], "conflict"),
    (["--table", "011"], "power of two"),
    (["--table", "0110", "--inputs", "3"], "does not match the table's M = 2"),
    (["--points", "50", "--input-law", "cauchy"], "unknown input law"),
    (["--inputs", "3", "--width", "8"], "drop --width"),
    (["--memory-curve", "10,20"], "needs the fixed model's --width"),
    (["--memory-curve", "10,x", "--width", "4"], "--memory-curve must be comma-separated"),
    (["--memory-curve", "10,20", "--width", "4", "--points", "5"], "drop --points"),
    (["--inputs", "3", "--axis", "parameters", "--depth", "2", "--max-size", "5"],
     "--max-size 5 is below the smallest network"),  # "max size 5" before (the option typed)
    (["--inputs", "3", "--scheduler", "localhost:1"], "malformed scheduler address"),
    (["--inputs", "3", "--threads", "-1"], "--threads"),
    # uniform token sequences have no point law: these were silently ignored (2026-12-01 audit)
    (["--model", "transformer", "--points", "4", "--seq-len", "5", "--classes", "8",
      "--label-prior", "power_law"], "--label-prior set the random points' law"),
    (["--model", "transformer", "--memory-curve", "4,8", "--width", "8", "--heads", "2",
      "--seq-len", "5", "--classes", "8", "--input-law", "rademacher", "--d-in", "3"],
     "--d-in, --input-law set the random points' law"),
    # options the chosen mode would ignore (2026-12-01 audit: they exited 0)
    (["--inputs", "3", "--classes", "5", "--d-in", "3"],
     "--classes, --d-in are not used by a Boolean-function search"),
    (["--table", "0110", "--outputs", "2"], "--outputs is not used by a --table search"),
    (["--table", "0110", "--function", "parity"], "--function is not used by a --table"),
    # --force lifts the task-count limit of a --points list or a memory curve; a single
    # search has none and accepted it (2026-12-03 audit)
    (["--inputs", "2", "--force"], "--force is not used by a Boolean-function search"),
    (["--points", "6", "--force"], "one value runs one search: drop --force"),
    (["--points", "20", "--function", "parity", "--heads", "4", "--seq-len", "3"],
     "--function, --seq-len, --heads are not used by a random-points search"),
    (["--inputs", "3", "--clip-bits"], "--clip-bits is not used"),
    (["--memory-curve", "4,8", "--width", "2", "--axis", "parameters", "--start", "7"],
     "--axis, --start are not used by a memory curve of an MLP"),
    (["--memory-curve", "4,8", "--width", "2", "--confidence", "0.5"], "--confidence is not"),
    (["--memory-curve", "4,8", "--width", "2", "--lrs", "0.1,0.2"],
     "--memory-curve trains one learning rate"),
    (["--memory-curve", "4,8", "--width", "2", "--steps", "100000000000000000000"],
     "--steps must be at most"),  # it ran for ever (2026-12-01 review)
    (["--inputs", "2", "--steps", "100000000000000000000"], "--steps must be at most"),
    (["--inputs", "2", "--lrs", "0.1,1e39"], "--lrs must be at most 1e+30"),  # was status 70
    # both trained, then one key in search.json and one column in candidates.csv (2026-12-05)
    (["--inputs", "2", "--lrs", "0.03,0.03000001"], "print alike as 0.03"),
    # the option typed, not "the number of inputs M" (2026-12-04 audit)
    (["--inputs", "0"], "--inputs must be between 1 and 16"),
    (["--inputs", "2", "--outputs", "9"], "--outputs must be between 1 and 8"),
    (["--inputs", "2", "--dtype", "float16"], "unknown --dtype 'float16'"),  # named "dtype"
    # accepted and unused (the --points path refused it; 2026-12-05 memory review)
    (["--memory-curve", "8", "--width", "2", "--force"], "one value runs one training"),
    (["--memory-curve", "4,8", "--width", "2", "--dtype", "float16"], "unknown --dtype"),
    (["--inputs", "2", "--lrs", "0.1,1e-320"], "--lrs must be at least 2^-126 "),  # lr 0 in float32
    # the memory curve had no memory check: killed (137) or status 70 (2026-12-01 audit)
    (["--memory-curve", "8", "--width", "100000000000", "--lrs", "0.05"], "needs about"),
    (["--memory-curve", "100000000000", "--width", "4", "--lrs", "0.05"], "needs about"),
    # huge sizes, depths and trial counts: status 70, 137 or a hang (2026-12-01 audit)
    (["--inputs", "2", "--start", "10000000000000000000", "--max-size", "10000000000000000000"],
     "search round 1 (9 members up to width 10000000000000000000) needs about"),
    (["--points", "16", "--axis", "parameters", "--start", "10000000000000000000",
      "--max-size", "10000000000000000000"], "needs about"),
    (["--inputs", "2", "--start", "100000"], "--start 100000 is above --max-size 4096"),
    (["--inputs", "2", "--depth", "99999999999999999999"], "--depth (hidden layers) must be"),
    (["--inputs", "2", "--trials", "99999999999999999999"], "--trials must be at most 1000"),
    (["--memory-curve", "4,8", "--width", "2", "--lrs", "0.1", "--steps", "0"],
     "--steps must be at least 1 step"),  # an untrained curve was called "saturated"
    # errors name the option typed, not the config field (were data.n_train, model.width, ...)
    (["--points", "0"], "--points must be an integer >= 1"),
    (["--points", "8", "--classes", "1"], "--classes must be an integer >= 2"),
    (["--memory-curve", "8", "--model", "transformer", "--width", "4", "--heads", "3",
      "--lrs", "0.1"], "--width 4 is not a multiple of --heads 3"),
    (["--memory-curve", "0,8", "--width", "4", "--lrs", "0.1"], "--memory-curve must be distinct"),
    # option names replace field names in the message's words, never in a quoted value
    (["--inputs", "3", "--optimizer", "ns"], "unknown optimizer 'ns'"),
    (["--points", "10", "--label-prior", "model.width"], "unknown label prior 'model.width'"),
    (["--model", "transformer", "--points", "16", "--heads", "4", "--max-size", "2"],
     "--max-size 2 is below the smallest transformer width, --heads 4"),
    # the refusal named --seq2seq, not the --no-seq2seq typed (2026-12-03)
    (["--inputs", "3", "--no-seq2seq"], "--no-seq2seq is not used by"),
    # it trained from width 2 without a word (2026-12-03)
    (["--model", "transformer", "--points", "16", "--heads", "2", "--start", "3"],
     "--start 3 is not a multiple of --heads 2"),
    # every n of a --points list is checked before the first search trains (it trained the
    # n = 1000 search first, then refused the second, 2026-12-04 review)
    (["--points", "1000,1000000000", "--trials", "1", "--lrs", "0.01", "--steps", "2000"],
     "--points 1000000000: the data of one trial alone needs about"),
    (["--points", "1000000000,1000", "--trials", "1", "--lrs", "0.01", "--steps", "2000"],
     "--points 1000000000: the data of one trial alone needs about"),
    # the memory curve took depth 0 (ignoring --width) and any number of trials (review)
    (["--memory-curve", "4,8", "--width", "4", "--depth", "0"],
     "--depth (hidden layers) must be an integer in 1..1000, got 0"),
    (["--memory-curve", "4", "--width", "4", "--trials", "1001"],
     "--trials must be at most 1000, got 1001"),
])
def test_bad_input_exits_2_with_one_line(args, words):
    r = memcap("search", *args)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("memcap: error:"), r.stderr
    assert words in r.stderr
    assert "Traceback" not in r.stderr


def test_json_output_parses_and_finds_the_planted_answer():
    code, stdout = memcap_here("search", "--table", "0001", "--start", "1", *FAST, "--json")
    assert code == 0
    d = json.loads(stdout)
    assert d["format"] == "memcap.search/2" and d["options"]["trials"] >= 1
    assert d["needed"]["width"] == 1 and d["below"] is None  # AND: one unit
    assert d["information_bits"] == 4.0
    assert d["bits_per_parameter"] == pytest.approx(4 / d["needed"]["parameters"])
    assert d["options"]["lrs"] == [0.05] and d["target"]["table"] == "0001"


@pytest.mark.parametrize("spelling", ["0110, 1001", "0110,1001", "file"])
def test_table_with_spaces_after_commas_as_construct_reads_it(tmp_path, spelling):
    """'0110, 1001' was read as a file name here and accepted by construct (2026-12-01); both
    commands now read --table with one function."""
    from constructions.cli import load_function
    from empirical.cli.search import _target

    if spelling == "file":
        spelling = tmp_path / "t.txt"
        spelling.write_text("# two outputs\n0110\n1001\n")
    text = str(spelling)
    target = _target(None, None, "random", text, None, 2, 8, "standard_normal", "uniform", 1.0,
                     "mlp", 16, False)
    assert target.table == "0110,1001" == ",".join(
        load_function(None, None, None, 0, text, None).to_strings())


def test_out_writes_the_folder_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "s"
    code, stdout = memcap_here("search", "--inputs", "2", "--function", "or", "--start", "2",
                               *FAST, "--out", out)
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == [".memcap-folder", "candidates.csv",
                                                     "metrics.csv", "search.json",
                                                     "search.png"]
    assert "needed: width 1" in stdout and "bits per parameter" in stdout
    assert "(search.json, candidates.csv, metrics.csv, search.png)" in stdout
    df = pd.read_csv(out / "candidates.csv")
    saved = json.loads((out / "search.json").read_text())
    assert list(df["size"]) == [c["size"] for c in saved["candidates"]]
    curves = pd.read_csv(out / "metrics.csv")  # every trained member's logged steps
    assert sorted(set(curves["size"])) == list(df["size"])
    assert curves.groupby(["size", "lr", "trial"]).ngroups == len(df) * saved["options"][
        "trials"] * len(saved["options"]["lrs"])
    assert "versions" in saved and (out / "search.png").stat().st_size > 1000
    again = memcap("search", "--inputs", "2", "--start", "2", *FAST, "--out", out)
    assert again.returncode == 2 and "--overwrite" in again.stderr
    assert not list(tmp_path.glob(".s.tmp-*"))  # no half-written sibling left behind


def test_memory_curve_mode_json():
    code, stdout = memcap_here("search", "--memory-curve", "4,16", "--width", "4", "--d-in", "4",
                               "--trials", "2", "--steps", "50", "--json")
    assert code == 0
    d = json.loads(stdout)
    assert d["format"] == "memcap.memory-curve/2"
    assert d["config"]["model"]["width"] == 4 and d["config"]["train"]["lr"] == 0.003
    assert d["config"]["train"]["early_stop"] is False


def test_old_seeds_spelling_still_works_with_a_deprecation_line(capsys):
    from memcap_cli import memcap_main

    code, _, err = memcap_main(capsys, "search", "--inputs", "2", "--function", "and",
                               "--seeds", "2", "--lrs", "0.05", "--steps", "100", "--json")
    assert code == 0 and "--seeds is deprecated here; use --trials" in err
    code, _, err = memcap_main(capsys, "search", "--inputs", "2", "--trials", "2", "--seeds", "2")
    assert code == 2 and "not both" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("args, read", [
    (["--memory-curve", "4,8", "--width", "2", "--classes", "3", "--d-in", "4", "--clip-bits",
      "--lrs", "0.05"],
     lambda d: (d["ns"], d["config"]["train"]["clip_bits"], d["config"]["data"]["d_in"],
                d["config"]["data"]["classes"]) == ([4, 8], True, 4, 3)),
    (["--model", "transformer", "--points", "4", "--seq-len", "5", "--classes", "8", "--heads",
      "1", "--seq2seq", "--d-in", "3", "--max-size", "16"],
     lambda d: (d["target"]["kind"], d["target"]["seq_len"], d["options"]["model"],
                d["options"]["max_size"]) == ("seq2seq", 5, "transformer", 16)),
    (["--points", "20", "--classes", "3", "--d-in", "4", "--label-prior", "power_law",
      "--alpha", "2", "--confidence", "0.9", "--max-size", "64"],
     lambda d: (d["target"]["label_prior"], d["target"]["alpha"], d["options"]["confidence"])
     == ("power_law", 2.0, 0.9)),
    (["--inputs", "2", "--outputs", "2", "--function", "parity", "--axis", "parameters",
      "--start", "8", "--max-size", "64"],
     lambda d: (d["target"]["outputs"], d["options"]["axis"], d["options"]["start"])
     == (2, "parameters", 8)),
])
def test_every_option_a_mode_reads_is_accepted(args, read):
    """The refusal of unread options does not refuse the options each mode does read, and
    each reaches the result (the test asserted the exit status alone until 2026-12-06)."""
    code, stdout = memcap_here("search", *args, "--trials", "1", "--steps", "20", "--json")
    assert code == 0, stdout
    assert read(json.loads(stdout)), stdout


@pytest.mark.parametrize("value", ["0", "1.5", "nan"])
def test_search_compare_and_hardness_refuse_a_success_rate_in_one_wording(capsys, value):
    """Three copies of the check said it three ways (with and without 'e.g. 0.5', 2.0 or 2);
    they share empirical.engine.config.check_success_rate (2026-12-04 audit)."""
    lines = set()
    for argv in (["search", "--inputs", "2"], ["compare", "--inputs", "1"],
                 ["hardness", "--inputs", "2"]):
        code, _, err = memcap_main(capsys, *argv, "--success-rate", value)
        assert code == 2 and len(err.strip().splitlines()) == 1, err
        lines.add(err.strip())
    assert len(lines) == 1 and "--success-rate must be in (0, 1]" in lines.pop()


def test_answer_lines_are_printed_whole_on_a_pipe(capsys, monkeypatch):
    """rich wrapped the answer lines at 80 columns on a pipe ("... 12 \\nparameters)"), so
    `grep needed:` lost the parameter count (2026-12-05 review). Lines are printed whole."""
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = memcap_main(capsys, "search", "--table", "0110", "--activation", "tanh",
                                 "--lrs", "0.03,0.1", "--steps", "200", "--start", "1",
                                 "--threads", "1")
    assert code == 0, err
    needed = next(line for line in out.splitlines() if line.startswith("needed:"))
    assert needed.endswith("parameters)") and len(needed) > 80
    bits = next(line for line in out.splitlines() if "bits per parameter" in line)
    assert bits.endswith("so the anchors do not apply")


def test_a_table_too_large_for_a_search_names_the_table_not_an_option(capsys, tmp_path):
    """A 2^17-bit table was refused as "--inputs must be between 1 and 16 ... got 17" and nine
    outputs as "--outputs must be ...", options the user had not typed (2026-12-05 review)."""
    nine = tmp_path / "nine.txt"
    nine.write_text("0110\n" * 9)
    code, _, err = memcap_main(capsys, "search", "--table", nine)
    assert code == 2 and "the truth table has N = 9 outputs; a trained search takes at most 8" \
        in err and "--outputs" not in err
    wide = tmp_path / "wide.txt"
    wide.write_text("01" * (1 << 16) + "\n")
    code, _, err = memcap_main(capsys, "search", "--table", wide)
    assert code == 2 and "the truth table has M = 17 inputs; a trained search takes at most 16" \
        in err and "--inputs" not in err
