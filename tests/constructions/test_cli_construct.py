"""`memcap construct` and `memcap verify`: happy paths, exit codes, and every bad-input path
(one stderr line, exit status 2, no traceback, no file written)."""

import json
import subprocess
import sys

import pytest
from memcap_cli import memcap_main as run


def test_construct_table_saves_json_that_verify_accepts(tmp_path, capsys):
    net = tmp_path / "xor.json"
    code, out, _ = run(capsys, "construct", "--table", "0110", "--save", net, "--print-json")
    summary = json.loads(out)
    assert code == 0 and summary["verification"]["ok"] and summary["verification"]["checked"] == 4
    assert summary["network_file"] == str(net) and summary["outputs"] == 1
    data = json.loads(net.read_text())
    assert data["format"] == "memcap.sign-network/1" and data["truth_table"] == ["0110"]
    code, out, _ = run(capsys, "verify", net, "--json")
    assert code == 0 and json.loads(out)["ok"] is True
    code, out, _ = run(capsys, "verify", net, "--table", "0111")  # OR, not XOR
    # the point, and the table's bits beside the signs (2026-12-06 review)
    assert code == 1 and ("counterexample: input 3, x = (+1, +1): expected 1, got 0 (table bits; "
                          "as signs [1] and [-1])") in out


def test_verify_reports_weights_of_any_length(tmp_path, capsys):
    """A 5001-digit weight passed Python's 4300-digit guard on int → text: `verify --json` was
    an internal error (status 70) while the network file itself loaded (audit, 2026-12-02)."""
    import sys

    from capacity.user_files import any_int_digits
    from constructions.network import Layer, SignNetwork

    big = 10**5000 + 1
    net = tmp_path / "big.json"
    SignNetwork(2, (Layer.from_lists([[big, -(big - 1)]], [-2], [0, 1]),),
                truth_table=("0100",)).save(net)
    limit = sys.get_int_max_str_digits()
    code, out, err = run(capsys, "verify", net, "--json")
    with any_int_digits():
        assert code == 0 and err == "" and json.loads(out)["sizes"]["max_abs_weight"] == big
    code, out, _ = run(capsys, "verify", net)
    assert code == 0 and "OK" in out and sys.get_int_max_str_digits() == limit


def test_construct_function_depth3_with_drawing_and_rich_summary(tmp_path, capsys):
    png, net = tmp_path / "d.png", tmp_path / "d.json"
    code, out, _ = run(capsys, "construct", "-M", 4, "--function", "random", "--seed", 3,
                       "--method", "depth3", "--draw", png, "--save", net)
    assert code == 0 and png.read_bytes()[:4] == b"\x89PNG"
    assert "verified on all 2^4 = 16 inputs" in out and "largest |weight|" in out
    code, _, _ = run(capsys, "verify", net, "--function", "random", "--seed", 3)
    assert code == 0
    code, out, _ = run(capsys, "verify", net, "--function", "random", "--seed", 4, "--json")
    assert code == 1 and json.loads(out)["wrong"] > 0


def test_construct_table_file_multi_output_and_samples(tmp_path, capsys):
    f = tmp_path / "t.txt"
    f.write_text("# two outputs\n01101001\n00010111\n")
    code, out, _ = run(capsys, "construct", "--table-file", f, "-N", 2, "--print-json")
    s = json.loads(out)
    assert code == 0 and s["outputs"] == 2 and s["inputs"] == 3 and s["verification"]["ok"]
    code, out, _ = run(capsys, "construct", "-M", 8, "-f", "parity", "--samples", 50,
                       "--print-json")
    v = json.loads(out)["verification"]
    assert code == 0 and v["exhaustive"] is False and v["checked"] == 50


def test_a_sample_seed_draws_other_inputs_and_is_recorded(tmp_path, capsys):
    """Every sampled check of the CLI drew its inputs with seed 0, so repeating one checked the
    same inputs (2026-12-06 construct review). --sample-seed K draws others: a table wrong at
    one input that seed 0's sample misses is caught by a seed whose sample holds it."""
    import numpy as np

    net = tmp_path / "n.json"
    code, _, _ = run(capsys, "construct", "-M", 10, "-f", "parity", "--method", "parity",
                     "--save", net)
    assert code == 0
    drawn = {k: set(np.random.default_rng(k).choice(1024, size=100, replace=False).tolist())
             for k in range(50)}
    wrong = min(set(range(1024)) - drawn[0])
    seed = next(k for k in range(1, 50) if wrong in drawn[k])
    table = "".join(str(bin(i).count("1") & 1) for i in range(1024))
    table = table[:wrong] + str(1 - int(table[wrong])) + table[wrong + 1:]
    code, out, _ = run(capsys, "verify", net, "--table", table, "--samples", 100, "--json")
    assert code == 0 and json.loads(out)["sample_seed"] == 0
    code, out, _ = run(capsys, "verify", net, "--table", table, "--samples", 100,
                       "--sample-seed", seed, "--json")
    result = json.loads(out)
    assert code == 1 and result["sample_seed"] == seed
    assert [c["index"] for c in result["counterexamples"]] == [wrong]
    code, out, _ = run(capsys, "verify", net, "--table", table, "--samples", 100,
                       "--sample-seed", seed)
    assert code == 1 and f"(--sample-seed {seed})" in out
    code, _, err = run(capsys, "verify", net, "--sample-seed", 3)
    assert code == 2 and "--sample-seed draws the inputs of --samples S" in err
    code, out, _ = run(capsys, "construct", "-M", 8, "-f", "parity", "--samples", 50,
                       "--sample-seed", 9)
    assert code == 0 and "sampled: 50 of 2^8 inputs (--sample-seed 9)" in out
    for mode in (["-M", 3, "-f", "parity", "--method", "exact"], ["--size-table"]):
        code, _, err = run(capsys, "construct", *mode, "--sample-seed", 2)  # it advised
        assert code == 2 and "--sample-seed is not used by" in err, err  # --samples there


def test_size_table_outputs(capsys):
    code, out, _ = run(capsys, "construct", "--size-table", "--max-inputs", 4, "--print-json")
    rows = json.loads(out)
    assert code == 0 and [r["M"] for r in rows] == [1, 2, 3, 4] and rows[3]["claim20_1"] == 17
    code, out, _ = run(capsys, "construct", "--size-table", "--max-inputs", 3, "--markdown")
    assert code == 0 and out.splitlines()[0].startswith("| M |") and len(out.splitlines()) == 5



def test_size_table_is_printed_whole_to_a_pipe(capsys, monkeypatch):
    """Off a terminal the rich table is as wide as it needs: 13 columns of numbers used to be
    squeezed into 80 and print "10…" for lookup's 1025 at M = 10."""
    monkeypatch.delenv("COLUMNS", raising=False)
    code, out, err = run(capsys, "construct", "--size-table", "--max-inputs", 12)
    row = next(line for line in out.splitlines() if line.startswith("│ 12 │"))
    cells = [c.strip() for c in row.strip("│").split("│")]
    assert code == 0 and err == "" and "…" not in out
    assert cells[:3] == ["12", "4097", "2049"] and max(map(len, out.splitlines())) > 80


BAD = [
    (["--table", "011"], "power of two"),
    (["--table", "01a0"], "is neither a 0/1 truth table (found 'a') nor a file"),
    (["--table", "0110", "-N", "2"], "outputs"),
    (["-M", "3", "--table", "0110"], "--inputs is 3"),
    (["-M", "0", "--function", "parity"], "--inputs must be between"),
    (["-M", "40", "--function", "parity"], "--inputs must be between"),
    (["-M", "25", "--function", "parity"], "--force"),
    (["-M", "3", "--function", "nope"], "unknown function"),
    (["-M", "3", "--function", "parity", "--method", "nope"], "unknown method"),
    (["-M", "3"], "exactly one of"),
    (["--table", "0110", "--function", "parity"], "exactly one of"),
    (["--table-file", "/nonexistent/t.txt"], "does not exist"),
    (["-M", "3", "--function", "parity", "--method", "linear"], "not a threshold"),
    (["-M", "9", "--function", "random", "--method", "lookup", "--draw", "{draw}"], "drawing"),
    # options the mode ignores: accepted and dropped before (2026-12-01 audit)
    (["-M", "3", "-f", "random", "--time-limit", "5"], "--time-limit is not used by --method auto"),
    (["-M", "3", "-f", "random", "--method", "lookup", "--minimise", "edges"],
     "--minimise is not used by --method lookup"),
    (["-M", "3", "-f", "parity", "--markdown"], "--markdown is not used"),
    (["-M", "3", "-f", "parity", "--seed", "5"], "--seed is not used by --function parity"),
    (["--table", "0110", "--seed", "5"], "--seed is not used by a truth table"),
    (["-M", "3", "-f", "random", "--method", "exact", "--samples", "2"],
     "--samples is not used by --method exact"),
]


def test_table_takes_a_file_as_search_does(tmp_path, capsys):
    """`--table FILE` was "may only hold characters 0 and 1, found '.'" here and a file in
    memcap search (2026-12-01 audit): one meaning everywhere."""
    path = tmp_path / "xor.txt"
    path.write_text("0110\n")
    code, out, _ = run(capsys, "construct", "--table", str(path), "--print-json")
    assert code == 0 and json.loads(out)["inputs"] == 2
    net = tmp_path / "n.json"
    assert run(capsys, "construct", "--table", "0110", "--save", net)[0] == 0
    assert run(capsys, "verify", net, "--table", str(path))[0] == 0


def test_size_table_refuses_the_building_options(capsys):
    code, _, err = run(capsys, "construct", "--size-table", "-M", "3", "-f", "parity")
    assert code == 2 and "--inputs, --function are not used by --size-table" in err


def test_seed_is_read_by_the_seeded_families(capsys):
    for family in ("random", "threshold", "dnf"):
        code, out, _ = run(capsys, "construct", "-M", "3", "-f", family, "--seed", "4",
                           "--print-json")
        assert code == 0 and json.loads(out)["function"] == f"{family}(seed=4)"


@pytest.mark.parametrize("args, message", BAD)
def test_construct_bad_input_one_line_exit_2_no_file(tmp_path, capsys, args, message):
    net, png = tmp_path / "net.json", tmp_path / "net.png"
    args = [a.replace("{draw}", str(png)) for a in args]
    if "--draw" not in args:
        args += ["--draw", str(png)]
    code, out, err = run(capsys, "construct", *args, "--save", net)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("memcap: error:") and message in lines[0]
    assert "Traceback" not in err and not net.exists() and not png.exists()
    assert list(tmp_path.iterdir()) == []


def test_verify_bad_inputs(tmp_path, capsys):
    net = tmp_path / "n.json"
    assert run(capsys, "construct", "--table", "0110", "--save", net, "--print-json")[0] == 0
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "other"}')
    wide = tmp_path / "wide.json"  # M = 30: no memcap table or named function reaches it
    wide.write_text(json.dumps({"format": "memcap.sign-network/1", "inputs": 30, "outputs": 1,
                                "layers": [{"sources": [0], "weights": [[1]], "biases": [1]}],
                                "method": "x"}))
    for args, message in [([tmp_path / "missing.json"], "does not exist"),
                          ([bad], "not a memcap network"),
                          ([wide], "there is nothing to verify it against"),
                          ([wide, "--table", "0110"], "go up to M = 28, so it cannot be"),
                          ([wide, "-f", "parity"], "tables stop at M = 28"),
                          ([net, "--table", "01101001"], "M = 2 inputs"),
                          ([net, "--table", "0110,0110"], "N = 1 outputs"),
                          ([net, "--table", "0x10"], "neither a 0/1 truth table"),
                          ([net, "--function", "nope"], "unknown function"),
                          ([net, "--seed", "3"], "--seed is not used by a truth table"),
                          ([net, "-f", "parity", "--seed", "3"], "--seed is not used by")]:
        code, _, err = run(capsys, "verify", *args)
        lines = err.strip().splitlines()
        assert code == 2 and len(lines) == 1 and message in lines[0], (args, err)


def test_subprocess_error_has_no_traceback(tmp_path):
    out = tmp_path / "x.json"
    proc = subprocess.run([sys.executable, "-m", "memcap", "construct", "--table", "012",
                           "--save", str(out)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and not out.exists()


def test_json_path_is_the_old_spelling_of_save(tmp_path, capsys):
    net = tmp_path / "net.json"
    code, _, err = run(capsys, "construct", "--table", "0110", "--json", net, "--print-json")
    assert code == 0 and net.is_file()
    assert "construct --json PATH is deprecated; use --save PATH" in err
    code, _, err = run(capsys, "construct", "--table", "0110", "--json", net, "--save", net)
    assert code == 2 and "not both" in err
    code, _, err = run(capsys, "construct", "--table", "011", "--json", tmp_path / "bad.json")
    assert code == 2 and len(err.strip().splitlines()) == 1  # bad input: the error line only


def test_auto_is_verified_once_by_the_command(capsys, monkeypatch):
    """construct verifies the network itself (exhaustively or on --samples); auto's own
    exhaustive check of its winner would double the time (M = 20: 3.9 → 2.3 s)."""
    import constructions.builders.auto as auto

    def twice(*a, **k):
        raise AssertionError("auto verified its winner although construct verifies it")

    monkeypatch.setattr(auto, "verify_network", twice)
    code, out, err = run(capsys, "construct", "-M", "6", "-f", "random", "--print-json")
    assert code == 0, err
    r = json.loads(out)
    assert r["method"].startswith("auto:") and r["verification"]["ok"]
    assert r["verification"]["exhaustive"]


def test_force_lifts_a_builders_m_limit(capsys, monkeypatch):
    """--force reaches the builder (docs/cli.md, "Limits and --force"): lookup above its M
    limit is refused without it, naming --force, and built and verified with it."""
    import constructions.builders.lookup as lookup

    monkeypatch.setattr(lookup, "MAX_LOOKUP_INPUTS", 3)
    args = ["construct", "-M", "4", "-f", "parity", "--method", "lookup"]
    code, _, err = run(capsys, *args)
    assert code == 2 and "--force" in err and len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, *args, "--force")
    assert code == 0 and "verified" in out.lower()


def test_auto_build_shows_a_bar_on_a_terminal(capsys, monkeypatch):
    """auto builds several candidates (seconds at M = 20..28): on a terminal construct draws a
    bar naming the one being built; off a terminal (and with --print-json) nothing is drawn."""

    seen = []
    import capacity.terminal as terminal

    class Bar(terminal.SilentProgress):
        def update(self, task, **kw):
            seen.append(kw.get("description"))

    monkeypatch.setattr(terminal, "progress_bar", lambda counts=False: Bar())
    code, out, err = run(capsys, "construct", "-M", "5", "-f", "random")
    assert code == 0, err
    assert seen[0] == "auto: building linear" and seen[-1] == "auto: done"
    assert "auto: building xorsys" in seen
    seen.clear()
    code, out, err = run(capsys, "construct", "-M", "5", "-f", "random", "--print-json")
    assert code == 0 and seen == []
    code, out, err = run(capsys, "construct", "-M", "5", "-f", "random", "--method", "hall")
    assert code == 0 and seen == []  # one builder: nothing to count


def test_verify_with_no_counterexamples_kept_prints_no_empty_index_list(capsys, tmp_path):
    """--max-counterexamples 0 printed "zero pre-activation on 2 input(s), first: []"."""
    from constructions.network import Layer, SignNetwork

    net = tmp_path / "zero.json"  # x0 + x1 is 0 on the inputs where they differ
    net.write_text(SignNetwork(2, (Layer.from_lists([[1, 1]], [0], [0, 1]),)).to_json())
    code, out, _ = run(capsys, "verify", net, "--table", "0111", "--max-counterexamples", 0)
    assert code == 1 and "zero pre-activation on 2 input(s)" in out and "[]" not in out
    code, out, _ = run(capsys, "verify", net, "--table", "0111")
    assert code == 1 and "zero pre-activation on 2 input(s), first: [1, 2]" in out


def test_a_network_saved_after_a_sampled_check_comes_with_a_warning(capsys, tmp_path):
    """construct --samples S --save wrote the file with nothing saying that only S inputs were
    checked (the JSON schema is fixed, so the warning goes to stderr; 2026-12-04 review)."""
    out_file = tmp_path / "p10.json"
    code, _, err = run(capsys, "construct", "-M", 10, "-f", "parity", "--method", "parity",
                       "--samples", 100, "--save", out_file)
    assert code == 0 and out_file.exists()
    assert "checked on 100 sampled inputs only, not on all 2^10" in err
    assert f"'memcap verify {out_file}'" in err
    code, _, err = run(capsys, "construct", "-M", 10, "-f", "parity", "--method", "parity",
                       "--save", tmp_path / "all.json")
    assert code == 0 and "sampled" not in err
    # a sample of every input is an exhaustive check (it warned, 2026-12-05 review)
    code, out, err = run(capsys, "construct", "-M", 3, "-f", "parity", "--method", "parity",
                         "--samples", 8, "--save", tmp_path / "p3.json")
    assert code == 0 and "sampled" not in err and "verified on all 2^3 = 8 inputs" in out


def test_a_failed_check_does_not_read_verified():
    """The row read "FAILED verified on all 2^2 = 4 inputs" (2026-12-04 review)."""
    from constructions.boolean import BooleanFunction
    from constructions.builders import build
    from constructions.summary import construct_summary, summary_rows
    from constructions.verify import verify

    xor = BooleanFunction.from_strings("0110")
    net = build(BooleanFunction.from_strings("0111"), "linear")  # OR, checked against XOR
    for kwargs, text in (({}, "FAILED: checked on all 2^2 = 4 inputs"),
                         ({"samples": 3},
                          "FAILED: checked 3 sampled of 2^2 inputs (--sample-seed 0)")):
        rows = dict(summary_rows(construct_summary(xor, net, 0.0, verify(net, xor, **kwargs))))
        assert rows["verification"] == text
    ok = dict(summary_rows(construct_summary(xor, build(xor, "parity"), 0.0,
                                             verify(build(xor, "parity"), xor))))
    assert ok["verification"] == "OK verified on all 2^2 = 4 inputs"


def test_draw_takes_the_figure_options_suffixes(capsys, tmp_path):
    """construct --draw checked the three suffixes .png/.pdf/.svg in the drawing itself after
    its option took every figure suffix (review, 2026-12-05): an .eps and a bare name (PNG)."""
    from memcap_cli import memcap_main

    for name, magic in (("net.eps", b"%!PS"), ("net", b"\x89PNG")):
        code, _, err = memcap_main(capsys, "construct", "--table", "0110", "--draw",
                                   tmp_path / name)
        assert code == 0, err
        assert (tmp_path / name).read_bytes()[:4] == magic


def test_a_long_inline_table_with_the_wrong_outputs_names_the_outputs(capsys, tmp_path):
    """--table of 256 or more bits with a wrong -N said "the path ... is too long for the file
    system": the outputs message asked the file system whether the bits were a file
    (2026-12-05 review). A file's table still gets the file's wording."""
    bits = ("0110" * 128)  # 512 bits, M = 9
    code, out, err = run(capsys, "construct", "--table", bits, "-N", "2")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "--outputs is 2 but the truth table has 1 output(s); give 2 comma-separated" in err
    table = tmp_path / "t.txt"
    table.write_text(bits + "\n")
    code, _, err = run(capsys, "construct", "--table", table, "-N", "2")
    assert code == 2 and "give 2 strings, one per line of the file" in err
