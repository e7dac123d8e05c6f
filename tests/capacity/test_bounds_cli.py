"""`memcap bounds` and `memcap count`: output formats, error paths, no torch."""

import json
import subprocess
import sys

import pytest
from memcap_cli import memcap_main as run_main


def test_bounds_json_holds_exact_values(capsys):
    code, out, _ = run_main(capsys, "bounds", "--inputs", "3", "--outputs", "2", "--json")
    data = {b["id"]: b for b in json.loads(out)["bounds"]}
    assert code == 0
    assert data["construction.lookup"]["rounded"] == 2**3 + 2
    assert data["info.boolean-bits"]["exact"] == 16
    assert data["uml.thm20.2"]["order"] == "Ω(2^(M/3))" and data["uml.thm20.2"]["rounded"] is None
    assert json.loads(out)["params"] == {"M": 3, "N": 2}  # numbers, not the strings "3", "2"
    code, out, _ = run_main(capsys, "bounds", "--points", "10", "--d-in", "3", "--kappa", "0.5",
                            "--json")
    assert json.loads(out)["params"]["kappa"] == "1/2"  # an exact fraction stays exact


@pytest.mark.parametrize("typed, value", [
    ("1e-400", "1/1" + "0" * 400),  # a float made it 0: Gardner's "exact" value was κ = 0's
    ("123456789012345678901234567890", "123456789012345678901234567890"),  # not 17 digits
    ("1e300", "1" + "0" * 300),  # 1e309 was refused as infinite; 10^300 is the cap now
    ("2/6", "1/3"), (".25", "1/4"), ("-0", "0"),
])
def test_kappa_is_taken_exactly_as_typed(capsys, typed, value):
    """--kappa was read as a float until 2026-12-06 (2026-12-06 capacity review)."""
    code, out, _ = run_main(capsys, "bounds", "--kappa", typed, "--json")
    data = json.loads(out)
    assert code == 0 and data["params"]["kappa"] == value
    if typed == "1e-400":  # a value of its own, not κ = 0's exact 2
        assert data["bounds"][0]["exact"] != "2" and "1" + "0" * 400 in data["bounds"][0]["exact"]


@pytest.mark.parametrize("typed, words", [
    ("-0.5", "--kappa must be >= 0 (a margin), got '-0.5'"),
    ("inf", "got 'inf'"), ("0x10", "got '0x10'"), ("1/0", "'1/0' divides by zero"),
    ("1e1000000000", "the exponent of '1e1000000000' is beyond ±1000"),
    ("1e301", "is above 10^300"),  # sympy took 31 s at 1e1000 (2026-12-06 diff review)
    ("1" * 1001, "--kappa has 1001 characters, more than the 1000 memcap reads"),
])
def test_kappa_refusals_are_one_line(capsys, typed, words):
    code, out, err = run_main(capsys, "bounds", "--kappa", typed)
    assert code == 2 and not out and err.count("\n") == 1 and words in err, err


def test_bounds_markdown_latex_list_and_explain(capsys):
    assert "| construction.lookup |" in run_main(capsys, "bounds", "-M", "4", "--markdown")[1]
    latex = run_main(capsys, "bounds", "-M", "4", "--latex")[1]
    # braces escaped: "min\_{0≤k≤M-1}" set its braces as grouping (2026-12-05 review)
    assert r"\begin{tabular}" in latex and r"min\_\{0≤k≤M-1\}" in latex
    listing = run_main(capsys, "bounds", "--list")[1]
    assert "counting.any-depth" in listing and "kajitsuka-sato2025" in listing
    code, out, _ = run_main(capsys, "bounds", "explain", "lupanov1972")
    assert code == 0 and "NOT confirmed" in out


def test_points_bounds(capsys):
    code, out, _ = run_main(capsys, "bounds", "--points", "100", "--d-in", "10", "--classes", "4",
                            "--json")
    data = {b["id"]: b for b in json.loads(out)["bounds"]}
    assert data["zhang2017"]["rounded"] == 210
    assert data["info.points-params.cover-2"]["rounded"] == 100  # 200 bits / 2
    # Baum's count is stated for binary labels: no value beside four classes (2026-12-04)
    assert data["baum1988"]["rounded"] is None and "binary" in data["baum1988"]["note"]
    code, out, _ = run_main(capsys, "bounds", "--points", "100", "--d-in", "10", "--json")
    assert {b["id"]: b for b in json.loads(out)["bounds"]}["baum1988"]["rounded"] == 10


def test_answer_json_and_plot(capsys, tmp_path):
    code, out, _ = run_main(capsys, "bounds", "--answer", "--max-inputs", "6", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["M"] for r in rows] == list(range(1, 7))
    assert all(r["neurons, any depth (lower, counting)"] <= r["claim20_1 neurons (upper)"]
               for r in rows)
    fig = tmp_path / "a.png"
    code, out, err = run_main(capsys, "bounds", "--plot", str(fig), "--max-inputs", "4")
    assert code == 0 and fig.read_bytes()[:4] == b"\x89PNG"
    assert out == "" and err.strip().endswith(f"wrote {fig}")
    # beside the table too (it wrote the figure silently there; newcomer review, 2026-12-06)
    code, out, err = run_main(capsys, "bounds", "--answer", "--json", "--plot", str(fig),
                              "--max-inputs", "4")
    assert code == 0 and len(json.loads(out)) == 4 and err.strip().endswith(f"wrote {fig}")


def test_count_commands(capsys):
    code, out, _ = run_main(capsys, "count", "threshold", "--inputs", "4", "--json")
    assert code == 0 and json.loads(out)["threshold_functions"] == 1882
    code, out, _ = run_main(capsys, "count", "cover", "--points", "6", "--d-in", "3", "--json")
    assert json.loads(out)["dichotomies"] == 32
    assert json.loads(out)["d_in"] == json.loads(out)["dim"] == 3  # the option's name, old key
    # the empty sample: growth(0) = 1 (Σ_{i≤d} C(0, i)); the CLI refused --sample 0 that the
    # Python function takes (2026-12-05 review note)
    code, out, _ = run_main(capsys, "count", "sauer", "--sample", "0", "--vc", "3", "--json")
    assert code == 0 and json.loads(out)["growth_bound"] == 1
    code, _, err = run_main(capsys, "count", "sauer", "--sample", "-1", "--vc", "3")
    assert code == 2 and "--sample must be >= 0, got -1" in err


@pytest.mark.parametrize("args,needle", [
    (["bounds", "--inputs", "0"], "--inputs"),
    (["bounds", "--points", "5"], "--d-in"),
    (["bounds", "explain", "construction.lokup"], "did you mean"),
    (["bounds"], "--inputs"),
    (["bounds", "-M", "3", "--json", "--latex"], "one of"),
    (["count", "threshold", "--inputs", "9"], "M <= 6"),
    (["count", "threshold", "-M", "3", "--n", "3"], "give --inputs only (--n is its old name)"),
    (["count", "cover", "--points", "0", "--d-in", "2"], "--points"),
    # 2^(10^30) minus a short sum: measured by the short sum, status 70 (2026-12-05 review)
    (["count", "sauer", "--sample", str(10**30), "--vc", str(10**30 - 1)], "300 000 digits"),
    (["count", "sauer", "--sample", str(10**7), "--vc", str(10**7 - 1)], "300 000 digits"),
    # --answer took a 1001-digit N and printed N·2^M whole in its refusal (2026-12-05 review)
    (["bounds", "--answer", "--outputs", str(10**1000)], "--outputs has 1001 digits"),
    (["bounds", "--answer", "--outputs", str(10**999)], "N·2^M = ≈ 2^3338.6 bits"),
])
def test_bad_input_exits_2_with_one_line(capsys, args, needle):
    code, _, err = run_main(capsys, *args)
    assert code == 2 and needle in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_bounds_and_version_do_not_import_torch():
    probe = ("import sys\nimport memcap.cli, capacity.cli\n"
             "try:\n    memcap.cli.main(['bounds', '--inputs', '5', '--json'])\n"
             "except SystemExit as e:\n    assert e.code == 0\n"
             "print('TORCH', 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "TORCH False"


# --- work that would take minutes is refused at once, unless --force --------------------------

@pytest.mark.parametrize("args, words", [
    (["bounds", "--inputs", "20", "--outputs", "1000000"], "pass --force"),
    (["bounds", "--answer", "--max-inputs", "24", "--outputs", "64"], "pass --force"),
    (["count", "cover", "--points", "1000000000", "--d-in", "500000000"], "even with --force"),
    (["count", "cover", "--points", "500000", "--d-in", "250000"], "pass --force"),
    (["count", "sauer", "--sample", "10000000", "--vc", "5000000"], "even with --force"),
    (["count", "sauer", "--sample", "4000000", "--vc", "200000"], "even with --force"),
    (["count", "sauer", "--sample", "500000", "--vc", "200000"], "pass --force"),
    # the size estimate cancelled to 2 bits above a ≈ 10^12 (lgamma), so this ran for minutes
    (["count", "sauer", "--sample", str(10**200), "--vc", "200000"], "digits"),
])
def test_huge_work_is_refused_within_a_second(capsys, args, words):
    import time

    start = time.perf_counter()
    code, out, err = run_main(capsys, *args)
    assert code == 2 and words in err and out == ""
    assert len(err.strip().splitlines()) == 1
    assert time.perf_counter() - start < 1.0


def test_force_goes_past_the_limit(capsys, monkeypatch):
    import capacity.counting as counting

    monkeypatch.setattr(counting, "SUM_WORK_WITHOUT_FORCE", 100)
    code, _, err = run_main(capsys, "count", "cover", "--points", "1000", "--d-in", "30")
    assert code == 2 and "--force" in err
    code, out, _ = run_main(capsys, "count", "cover", "--points", "1000", "--d-in", "30",
                            "--force")
    assert code == 0 and out.startswith("C(1000, 30) = ")


@pytest.mark.parametrize("args", [
    ["count", "sauer", "--sample", str(10**306), "--vc", "2"],   # lgamma overflowed: status 70
    ["bounds", "--points", str(10**306), "--d-in", "3"],
    ["bounds", "-M", "1", "--sample", str(10**309), "--vc", "3"],
])
def test_astronomical_sizes_are_evaluated_not_internal_errors(capsys, args):
    code, out, err = run_main(capsys, *args, "--json")
    assert code == 0, err
    assert out.strip().startswith(("{", "["))


def test_one_long_sum_is_that_bounds_note_not_the_whole_listings_error(capsys):
    """A sum of more than 10^6 terms ended the whole `bounds` listing with exit 2 (cover.count,
    halfspace.vc, baum1988, ... all lost); Cover's full sum is 2^(n−1) by its short side."""
    code, out, err = run_main(capsys, "bounds", "--points", "1000002", "--d-in", "1000002",
                              "--json")
    assert code == 0, err
    from capacity.user_files import any_int_digits

    with any_int_digits():  # 2^1000001 in full
        rows = {b["id"]: b for b in json.loads(out)["bounds"]}
    assert {"cover.count", "halfspace.vc", "baum1988"} <= set(rows)
    cover = rows["cover.count"]
    assert cover["value"] == "2^1000002" and cover["exact"] == 2 ** 1000002


@pytest.mark.parametrize("args, value", [
    (["count", "sauer", "--sample", "200001", "--vc", "1"], 200002),
    (["count", "sauer", "--sample", "1000001", "--vc", "3", "--force"],
     1 + 1000001 + 1000001 * 1000000 // 2 + 1000001 * 1000000 * 999999 // 6),
    (["count", "cover", "--points", "300000", "--d-in", "2"], 2 * (1 + 299999)),
])
def test_a_sum_of_few_terms_is_computed_at_any_size(capsys, args, value):
    """The limits follow the sum's work (terms × bits), not the point count alone: these were
    refused as 'minutes' or '300 000 digits' (2026-12-03 audit)."""
    from capacity.user_files import any_int_digits

    code, out, err = run_main(capsys, *args, "--json")
    assert code == 0, err
    key = "growth_bound" if args[1] == "sauer" else "dichotomies"
    with any_int_digits():  # 2^300000 is printed beside C(P, d)
        assert json.loads(out)[key] == value


def test_huge_counts_print_their_magnitude_and_json_every_digit(capsys):
    from capacity.counting import cover_count

    code, out, _ = run_main(capsys, "count", "cover", "--points", "20000", "--d-in", "10000")
    assert code == 0 and "digits" in out and "--json prints them all" in out
    code, out, _ = run_main(capsys, "count", "cover", "--points", "20000", "--d-in", "10000",
                            "--json")
    assert code == 0
    import sys

    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        assert json.loads(out)["dichotomies"] == cover_count(20000, 10000)
    finally:
        sys.set_int_max_str_digits(old)


def test_dim_is_the_old_spelling_of_d_in(capsys):
    new = run_main(capsys, "count", "cover", "--points", "6", "--d-in", "3", "--json")
    old = run_main(capsys, "count", "cover", "--points", "6", "--dim", "3", "--json")
    assert new[0] == old[0] == 0 and new[1] == old[1]
    assert "--dim is deprecated; use --d-in" in old[2] and new[2] == ""
    code, _, err = run_main(capsys, "bounds", "--points", "6", "--d-in", "3", "--dim", "3")
    assert code == 2 and "not both" in err


@pytest.mark.parametrize("args, words", [
    (["--list", "--latex"], "--latex is not used by --list"),
    (["--answer", "--inputs", "5"], "--inputs is not used by --answer / --plot"),
    (["--inputs", "5", "--max-inputs", "7"], "--max-inputs is not used by the bounds of given"),
])
def test_options_the_mode_ignores_are_refused(capsys, args, words):
    """--list --latex printed the plain list and --answer --inputs ignored --inputs (2026-12-01
    capacity audit); now one line, status 2, as in search and hardness."""
    code, out, err = run_main(capsys, "bounds", *args)
    assert code == 2 and words in err and out == "" and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [["-M", "3", "--edges", "1" + "0" * 110],
                                  ["-n", "10", "-d", "3", "--edges", "1" + "0" * 300]])
def test_huge_parameters_round_beyond_sympys_default_precision(capsys, args):
    """sympy.floor of a bound at --edges 10^110 raised PrecisionExhausted (status 70,
    2026-12-01 fuzzing); the rounding now works at a precision that covers the magnitude."""
    from memcap_cli import memcap_main

    code, out, err = memcap_main(capsys, "bounds", *args, "--json")
    assert code == 0, err
    assert json.loads(out)


def test_count_threshold_json_names_the_option(capsys):
    """The key was only "n" although the option is --inputs (third fuzzing); "n" stays for
    scripts that read it."""
    from memcap_cli import memcap_main

    code, out, _ = memcap_main(capsys, "count", "threshold", "--inputs", "2", "--json")
    d = json.loads(out)
    assert code == 0 and d["inputs"] == d["n"] == 2 and d["threshold_functions"] == 14


def test_bounds_names_each_bound_on_its_bar(capsys, monkeypatch):
    """On a terminal, memcap bounds draws a bar naming the bound under way (the counting
    inversions take seconds at large N·2^M); the table itself is unchanged."""
    import capacity.terminal as terminal
    from capacity.registry import all_bounds

    seen = []

    class Bar(terminal.SilentProgress):
        def update(self, task, **kw):
            seen.append(kw.get("description"))

    code, plain, _ = run_main(capsys, "bounds", "-M", "3", "--markdown")
    monkeypatch.setattr(terminal, "progress_bar", lambda counts=False: Bar())
    code2, out, _ = run_main(capsys, "bounds", "-M", "3", "--markdown")
    assert code == code2 == 0 and out == plain
    assert seen == [f"bounds: {b.id}" for b in all_bounds()]


def test_count_cover_reports_progress_over_its_terms():
    """A long Cover sum (10^6 points: about a minute) reports its progress; the value is the
    same with and without the callback."""
    from capacity.counting import binomial_sum, cover_count

    for points, dim in ((40000, 9000), (200001, 95000)):  # from k = 0; from the centre
        seen: list = []
        assert cover_count(points, dim, lambda d, t, seen=seen: seen.append((d, t))) == (
            cover_count(points, dim))
        assert seen and all(t == seen[0][1] for _, t in seen) and seen[-1][0] <= seen[0][1]
        assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert binomial_sum(9999, 0, 9000, lambda d, t: None) == binomial_sum(9999, 0, 9000)


def test_count_sauer_draws_a_bar_over_its_terms(capsys, monkeypatch):
    """`memcap count sauer` ran its long sums silently (10^6 points, d = 3·10^5: 32 s without a
    line, 2026-12-06 review); it reports the terms as `count cover` does, same value."""
    import capacity.terminal as terminal
    from capacity.bigint_text import int_text
    from capacity.counting import binomial_sum

    seen = []

    class Bar(terminal.SilentProgress):
        def update(self, task, **kw):
            seen.append((kw.get("completed"), kw.get("total")))

    monkeypatch.setattr(terminal, "progress_bar", lambda counts=False: Bar())
    code, out, _ = run_main(capsys, "count", "sauer", "--sample", "40000", "--vc", "9000",
                            "--json")
    value = int_text(binomial_sum(40000, 0, 9000))  # 9 260 digits: beyond str()'s 4 300
    assert code == 0 and f'"growth_bound": {value}' in out
    assert len(seen) >= 2 and all(t == seen[0][1] for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and seen[-1][0] <= seen[0][1]


@pytest.mark.parametrize("args, ids, count", [
    (["-M", "3", "--sample", "1000000", "--vc", "500000"], ["sauer-shelah"],
     ["count", "sauer", "--sample", "1000000", "--vc", "500000"]),
    (["-n", "1000000", "-d", "500000"], ["cover.count"],
     ["count", "cover", "--points", "1000000", "--d-in", "500001"]),  # C(n, d + 1)
    (["-M", "3", "--sample", "400000", "--vc", "100000"], ["sauer-shelah"],
     ["count", "sauer", "--sample", "400000", "--vc", "100000"]),
    (["-n", "1500000", "-d", "99999"], ["cover.count"],
     ["count", "cover", "--points", "1500000", "--d-in", "100000"]),
])
def test_binomial_sums_that_take_minutes_are_skipped_not_run(capsys, args, ids, count):
    """Σ binom(10^6, k) over 5·10^5 terms ran for minutes with nothing on stderr (CLI audit,
    2026-12-02); the bound now says why it has no value and the others are listed at once. The
    note names `memcap count` exactly when count computes the sum: it named it for sums whose
    result count refuses (over 10^6 bits, 2026-12-05 review)."""
    import time

    t = time.perf_counter()
    code, out, err = run_main(capsys, "bounds", *args, "--json")
    rows = {r["id"]: r for r in json.loads(out)["bounds"]}
    assert code == 0 and err == "" and time.perf_counter() - t < 20
    code, _, count_err = run_main(capsys, *count)  # without --force: refused before any work
    assert code == 2
    for bound_id in ids:
        note = rows[bound_id]["note"]
        assert rows[bound_id]["value"] is None and "binomials of up to" in note
        if "pass --force to compute anyway" in count_err:  # count computes it with --force
            assert "`memcap count sauer` / `memcap count cover` compute such sums" in note
        elif count[1] == "cover" and int(count[3]) > 10**6:  # the sum is within count's
            # limits but count cover prints 2^P too: the note says it takes 10^6 points
            assert "count cover takes at most 10^6 points" in note
        else:  # beyond count even with --force (the result's bits or the work)
            assert "even with --force" in count_err
            assert "more than memcap computes exactly, even `memcap count` with --force" in note
    assert any(r["value"] is not None for r in rows.values())


def test_the_note_asks_for_force_only_where_count_needs_it(capsys):
    # the note said "with --force" where `count sauer` ran without it in 1.4 s (2026-12-05);
    # sums up to near a/2 are short from the centre since 2026-12-06, so these end lower
    notes = {}
    for sample, vc in ((100_000, 30_000), (1_000_000, 300_000)):
        code, out, _ = run_main(capsys, "bounds", "--sample", str(sample), "--vc", str(vc),
                                "--json")
        rows = {r["id"]: r for r in json.loads(out)["bounds"]}
        notes[sample] = rows["sauer-shelah"]["note"]
    assert "compute such sums (count cover" in notes[100_000]
    assert "compute such sums with --force" in notes[1_000_000]
    code, _, err = run_main(capsys, "count", "sauer", "--sample", "1000000", "--vc", "300000")
    assert code == 2 and "pass --force" in err


@pytest.mark.parametrize("args, bound_id", [
    (["--sample", str(10**30), "--vc", str(10**30)], "sauer-shelah"),
    (["-n", str(10**30), "-d", str(10**30)], "cover.count"),
    (["--sample", str(10**10), "--vc", str(10**10)], "sauer-shelah"),
])
def test_a_full_sum_of_astronomical_size_is_that_bounds_note(args, bound_id):
    """Σ_{k≤d} binom(n, k) with d ≥ n is 2^n, built whatever the work: at n = 10^30 an
    OverflowError (status 70), at 10^10 18 s and 4 GB before a MemoryError (2026-12-04 audit).
    It is now the bound's note, as every value over 2^(2^24) bits is."""
    import resource
    import subprocess
    import sys

    def limit_memory():  # 10^10 needed 4 GB on the old path: a MemoryError, status 70
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    done = subprocess.run([sys.executable, "-m", "memcap", "bounds", *args, "--json"],
                          capture_output=True, text=True, timeout=120, preexec_fn=limit_memory)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    row = {r["id"]: r for r in json.loads(done.stdout)["bounds"]}[bound_id]
    assert row["value"] is None and "too large to write exactly" in row["note"]


def test_a_sum_beyond_count_force_is_not_sent_there(capsys):
    """`bounds` pointed to `memcap count sauer ... --force` for sums that command refuses."""
    code, out, _ = run_main(capsys, "bounds", "-M", "3", "--sample", "2000000", "--vc",
                            "1000000", "--json")
    note = {r["id"]: r for r in json.loads(out)["bounds"]}["sauer-shelah"]["note"]
    assert code == 0 and "even `memcap count` with --force" in note
    code, _, err = run_main(capsys, "count", "sauer", "--sample", "2000000", "--vc", "1000000",
                            "--force")
    assert code == 2 and "even with --force" in err


def test_rich_listing_keeps_bracketed_formulas(capsys):
    """rich read "[c ≥ 1]" (hall) and "[k ≥ 1]" (one-hidden-layer counting) as style tags and
    dropped them from the table (theory audit, 2026-12-02)."""
    code, out, _ = run_main(capsys, "bounds", "-M", "10")
    assert code == 0 and "2^c·[c ≥ 1]" in out and "[k ≥ 1]·C(U, k)" in out


def test_tables_with_a_value_come_before_those_that_do_not_apply(capsys):
    """At M = 3 the first table printed was the M = 5 certificates', every row a dash
    (2026-12-03); tables with at least one value now come first, the others after them."""
    code, out, _ = run_main(capsys, "bounds", "-M", "3")
    titles = [line.strip() for line in out.splitlines() if " — " in line and "│" not in line]
    m5 = titles.index("neurons — any Boolean map {±1}^5 → {±1} (M = 5, N = 1)")
    assert code == 0 and m5 > titles.index("neurons — any Boolean map {±1}^M → {±1}^N")
    code, out, _ = run_main(capsys, "bounds", "-M", "5")  # there it applies and keeps its place
    titles = [line.strip() for line in out.splitlines() if " — " in line and "│" not in line]
    assert titles[0] == "neurons — any Boolean map {±1}^5 → {±1} (M = 5, N = 1)"


def test_markdown_and_json_put_the_rows_that_do_not_apply_last_too(capsys):
    """--markdown and --json listed the four M = 5 note rows first at M = 4 while the table put
    them last, as docs/capacity.md says (2026-12-05 review): one order for every format."""
    code, out, _ = run_main(capsys, "bounds", "-M", "4", "--json")
    notes = [(b["note"] or "").startswith("proven for M = 5") for b in json.loads(out)["bounds"]]
    assert code == 0 and any(notes) and notes == sorted(notes)  # every note row after the rest
    code, out, _ = run_main(capsys, "bounds", "-M", "4", "--markdown")
    rows = [line for line in out.splitlines() if line.startswith("| ") and "---" not in line]
    marks = ["proven for M = 5" in row for row in rows[1:]]
    assert code == 0 and any(marks) and marks == sorted(marks)


def test_a_points_query_does_not_list_the_boolean_map_bounds(capsys):
    """N's default 1 counted as a given parameter, so `bounds --points 10 --d-in 3` listed 26
    Boolean-map bounds as "needs --inputs" (docs/capacity.md: bounds whose parameters were not
    given are left out; 2026-12-03 audit). An explicit -N still lists them."""
    code, out, _ = run_main(capsys, "bounds", "--points", "10", "--d-in", "3", "--json")
    rows = json.loads(out)["bounds"]
    assert code == 0 and not any("needs --inputs" in (r["note"] or "") for r in rows)
    code, out, _ = run_main(capsys, "bounds", "--points", "10", "--d-in", "3", "-N", "2",
                            "--json")
    assert any("needs --inputs" in (r["note"] or "") for r in json.loads(out)["bounds"])
    # and the other way round: -M implied N, so -M 4 listed huang2003 (in n and N) as
    # "needs --points" (2026-12-04 review); a typed -N lists it
    code, out, _ = run_main(capsys, "bounds", "-M", "4", "--json")
    assert code == 0 and not any("needs --points" in (r["note"] or "")
                                 for r in json.loads(out)["bounds"])
    code, out, _ = run_main(capsys, "bounds", "-M", "4", "-N", "2", "--json")
    assert any("needs --points" in (r["note"] or "") for r in json.loads(out)["bounds"])


def test_orders_are_listed_only_for_the_sizes_given(capsys):
    """The O/Θ statements were listed whatever was given: `-M 4` showed the orders in W, L and
    n, `--points` the orders in M (2026-12-03 audit)."""
    code, out, _ = run_main(capsys, "bounds", "-M", "4", "--json")
    orders = [r for r in json.loads(out)["bounds"] if r["kind"] == "order"]
    assert code == 0 and orders and {r["id"] for r in orders} >= {"nechiporuk1964.upper"}
    assert "goldberg-jerrum" not in {r["id"] for r in orders}
    code, out, _ = run_main(capsys, "bounds", "--points", "100", "--d-in", "10", "--json")
    ids = {r["id"] for r in json.loads(out)["bounds"] if r["kind"] == "order"}
    assert "park2021" in ids and "nechiporuk1964.upper" not in ids


@pytest.mark.parametrize("args, ids", [
    (["--edges", "4"], {"uml.thm20.6-vc", "uml.thm20.6-vc-lean"}),
    (["--sample", "10", "--vc", "3"], {"sauer-shelah"}),
])
def test_a_bounds_own_parameters_evaluate_it_without_a_size(capsys, args, ids):
    """`bounds --edges 4` and `bounds --sample 10 --vc 3` asked for --inputs or --points,
    which none of these bounds reads (2026-12-03 audit)."""
    code, out, err = run_main(capsys, "bounds", *args, "--json")
    assert code == 0, err
    rows = {r["id"]: r for r in json.loads(out)["bounds"]}
    assert ids <= set(rows) and all(rows[i]["note"] is None for i in ids)
    code, _, err = run_main(capsys, "bounds", "--outputs", "3")
    assert code == 2 and "give a size" in err


def test_a_defect_in_a_solver_is_reported_as_a_bug_not_as_bad_input(capsys, monkeypatch):
    """largest_true's precondition (and a bound's own definition) raised UsageError, so a memcap
    defect printed "memcap: error: ..." with status 2, as if the input were wrong (2026-12-04
    review): status 70 now."""
    import capacity.solvers as solvers
    from capacity.bound import Bound

    monkeypatch.setattr(solvers, "_growth_ok", lambda *a, **k: False)
    code, _, err = run_main(capsys, "bounds", "--edges", "4")
    assert code == 70 and "internal error" in err and "predicate is false" in err
    with pytest.raises(ValueError) as info:
        Bound("x", "neurons?", "upper", "sign, any depth", "", "", order="O(1)")
    assert type(info.value) is ValueError  # not capacity.errors.UsageError


def test_json_holds_a_growth_bound_of_more_than_4300_digits_and_exact_text_reads_back(capsys):
    """(e·m)^E at m = 10, E = 4300 holds 10^4300, which sympy's str printed through Python's
    4 300-digit guard: status 70 in --json only (2026-12-05 review). The exact field also wrote
    Euler's number as E, memcap's edges symbol; it is exp(1) now, and sympify reads it back."""
    import sympy

    from capacity.user_files import any_int_digits

    code, out, err = run_main(capsys, "bounds", "--sample", "10", "--edges", "4300", "--json")
    assert code == 0, err
    with any_int_digits():
        data = json.loads(out)
        growth = next(b for b in data["bounds"] if b["id"] == "uml.thm20.6-growth")
        assert sympy.sympify(growth["exact"]) == (sympy.E * 10) ** 4300
    assert growth["value"].startswith("1" + "0" * 4300 + "*exp(4300) ≈ 2.92598559686E+6167")
    code, out, _ = run_main(capsys, "bounds", "--params", "10", "--units", "2", "--json")
    baum = next(b for b in json.loads(out)["bounds"] if b["id"] == "baum-haussler")
    assert baum["exact"] == "20*log(2*exp(1))/log(2)"
    assert sympy.sympify(baum["exact"]) == 20 * sympy.log(2 * sympy.E, 2)


def test_the_answer_plot_draws_each_kind_of_column_in_its_own_style(monkeypatch, tmp_path):
    """Anchors were dashed under a 'lower bounds (dashed)' title and exact values solid, as
    constructions are; after that fix the stars still had a solid line (matplotlib's default
    for an empty format, 2026-12-05 diff review)."""
    import capacity.report as report
    from capacity.answer import answer_rows

    figures = []
    monkeypatch.setattr(report, "save_figure", lambda fig, path, **kw: figures.append(fig))
    report.plot_answer(answer_rows(6), tmp_path / "a.png")
    lines = {line.get_label(): line for ax in figures[0].axes for line in ax.get_lines()}
    for label, line in lines.items():
        style = ("None" if "(exact" in label else ":" if "anchor" in label else
                 "--" if "lower" in label else "-")
        assert line.get_linestyle() == style, label
        assert (line.get_marker() == "*") == ("(exact" in label)
    assert any("(exact" in label for label in lines) and any("anchor" in lb for lb in lines)
    assert len({line.get_color() for line in lines.values()}) >= 14  # no colour repeated


def test_the_answer_plot_names_its_n_and_lists_only_drawn_columns(monkeypatch, tmp_path):
    """`bounds --plot -N 8` never said N = 8 and listed the exact minima (N = 1 only) in its
    legend with nothing drawn (2026-12-06 capacity review)."""
    import capacity.report as report
    from capacity.answer import answer_rows

    figures = []
    monkeypatch.setattr(report, "save_figure", lambda fig, path, **kw: figures.append(fig))
    report.plot_answer(answer_rows(6, 8), tmp_path / "a.png")
    axes = figures[0].axes
    assert all(ax.get_title().startswith(("neurons for N = 8 outputs:",
                                          "parameters for N = 8 outputs:")) for ax in axes)
    lines = [line for ax in axes for line in ax.get_lines()]
    assert lines and all(len(line.get_xdata()) > 0 for line in lines)
    assert not any("(exact" in line.get_label() for line in lines)
    legends = [t.get_text() for ax in axes for t in ax.get_legend().get_texts()]
    assert sorted(legends) == sorted(line.get_label() for line in lines)
    report.plot_answer(answer_rows(6), tmp_path / "a.png")
    assert figures[1].axes[0].get_title().startswith("neurons for N = 1 output:")


def test_the_limits_hold_exactly_at_their_edges(capsys):
    """Each limit at its edge, one side accepted and the other refused (the comparisons were
    unpinned: ``>=`` for ``>`` survived every test, 2026-12-06 mutation audit): M = 24 is the
    largest --inputs; the 2^28 work limit takes N·2^M = 2^28 and refuses one more; a VC
    dimension of 0 is a VC dimension (Sauer's sum is 1)."""
    import sympy

    from capacity.bisection import least_true
    from capacity.errors import UsageError
    from capacity.evaluate import exact_value, format_number

    code, out, _ = run_main(capsys, "bounds", "-M", "24", "--json")
    assert code == 0 and json.loads(out)["params"]["M"] == 24
    assert run_main(capsys, "bounds", "-M", "25", "--json")[0] == 2
    assert run_main(capsys, "bounds", "-M", "8", "-N", str(2**20), "--json")[0] == 0
    code, _, err = run_main(capsys, "bounds", "-M", "8", "-N", str(2**20 + 1), "--json")
    assert code == 2 and "above 2^28" in err
    code, out, _ = run_main(capsys, "bounds", "--answer", "--max-inputs", "24", "--json")
    assert code == 0 and [row["M"] for row in json.loads(out)] == list(range(1, 25))
    code, _, err = run_main(capsys, "bounds", "--answer", "--max-inputs", "25", "--json")
    assert code == 2 and "must be in 1..24, got 25" in err
    code, out, _ = run_main(capsys, "bounds", "--sample", "10", "--vc", "0", "--json")
    sauer = next(b for b in json.loads(out)["bounds"] if b["id"] == "sauer-shelah")
    assert code == 0 and sauer["rounded"] == 1
    # the library edges behind them
    n, d, k = sympy.symbols("n d k", integer=True, nonnegative=True)
    assert exact_value(sympy.binomial(n, d), {"n": 3, "d": 3}) == 1  # C(a, a), not 0
    assert exact_value(sympy.Sum(k * sympy.binomial(n, k), (k, 0, n)), {"n": 4}) == 32
    assert (format_number(2**19), format_number(2**20)) == ("524288", "2^20")
    assert least_true(lambda x: x >= 2**4096) == 2**4096
    with pytest.raises(UsageError, match="above 2\\^4096"):
        least_true(lambda x: x >= 2**4097)


def test_a_duplicate_bound_id_is_refused(monkeypatch):
    """The registry refuses two bounds with one id (never triggered by a test until the
    2026-12-06 mutation audit)."""
    import capacity.registry as registry

    monkeypatch.setattr(registry, "ALL_BOUNDS", [*registry.ALL_BOUNDS, registry.ALL_BOUNDS[0]])
    monkeypatch.setattr(registry, "_REGISTRY", None)
    with pytest.raises(ValueError, match="duplicate bound id"):
        registry.all_bounds()
