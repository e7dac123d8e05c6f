"""``memcap sweep`` / ``memcap report``: dry run, error paths, resume, report files."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from memcap_cli import drop_sweep_report, memcap_main
from memcap_cli import memcap_process as memcap

SPEC = """
name = "tiny"
seeds = [0, 1]
metrics = ["gap(weight_l2)", "last(train_acc)"]
[base]
dtype = "float64"
data = { n_train = 10, n_test = 4 }
train = { steps = 4, log_every = 2 }
[[grid]]
fields = ["data.n_train", "data.n_test"]
values = [[8, 4], [10, 5]]
[[grid]]
field = "model.width"
values = [3, 6]
"""


@pytest.fixture
def spec_file(tmp_path):
    p = tmp_path / "tiny.toml"
    p.write_text(SPEC)
    return p


def test_dry_run_lists_exactly_the_runs_and_groups(spec_file, tmp_path):
    r = memcap("sweep", spec_file, "--dry-run", "--json", "--out", tmp_path / "never")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    got = [(x["data.n_train"], x["data.n_test"], x["model.width"], x["seed"]) for x in d["runs"]]
    assert got == [(n, m, w, s) for n, m in ((8, 4), (10, 5)) for w in (3, 6) for s in (0, 1)]
    assert [g["run_ids"] for g in d["groups"]] == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert not (tmp_path / "never").exists()
    r = memcap("sweep", spec_file, "--dry-run", "--json", "--seeds", "4")
    assert [x["seed"] for x in json.loads(r.stdout)["runs"]] == [4, 4, 4, 4]


@pytest.mark.parametrize("edit, words", [
    (lambda s: s.replace("model.width", "model.widht"), "unknown sweep field 'model.widht'"),
    (lambda s: s.replace("values = [3, 6]", "values = []"), "empty grid for model.width"),
    (lambda s: s.replace("[[8, 4], [10, 5]]", "[[8, 4], [10]]"), "1 entries for 2 fields"),
    (lambda s: s + "\n[[[", "not valid TOML"),
    # these were internal errors (exit 70), accepted (name), or refused only after training
    (lambda s: s.replace('field = "model.width"', "field = 3"), "must name its field(s) as text"),
    (lambda s: s.replace('metrics = ["gap(weight_l2)", "last(train_acc)"]', "metrics = [3]"),
     "metrics must be a non-empty list"),
    (lambda s: s.replace('metrics = ["gap(weight_l2)", "last(train_acc)"]',
                         'metrics = "gap(weight_l2)"'), "metrics must be a list"),
    (lambda s: s.replace('name = "tiny"', "name = 5"), "name must be text"),
    # read "the sweep has no grid" (2026-12-04 CLI fuzz)
    (lambda s: s.split("[[grid]]")[0].replace('seeds = [0, 1]', 'seeds = [0, 1]\ngrid = 5'),
     "grid must be a list of [[grid]] tables"),
    (lambda s: s.replace('name = "tiny"', 'name = "tiny"\nparameter = ""'), "parameter is empty"),
    (lambda s: s.replace('"last(train_acc)"]', '"last(train_acc)", "last(train_acc)"]'),
     "repeat a metric"),
    (lambda s: s.replace("gap(weight_l2)", "gap(nonexistent)"), "unknown column 'nonexistent'"),
    # both passed the repeat check, and the summary then had two equal columns: status 70
    # after training (2026-12-03 audit)
    (lambda s: s.replace('"gap(weight_l2)"', '"mean_last_05(train_loss)", '
                                             '"mean_last_5(train_loss)"'), "repeat a metric"),
    # a text grid column: float('relu') after every run trained, status 70 (2026-12-03 audit)
    (lambda s: s.replace("gap(weight_l2)", "max(model.activation)").replace(
        "values = [3, 6]", "values = [3, 6]\n[[grid]]\nfield = \"model.activation\"\n"
                           "values = [\"relu\", \"tanh\"]"),
     "reduces the grid field 'model.activation', whose values are not all numbers"),
    # base settings no run reads were kept in spec.json and ignored (2026-12-03 audit)
    (lambda s: s.replace('fields = ["data.n_train", "data.n_test"]', 'fields = ["data.kind", '
                         '"data.inputs"]').replace("[[8, 4], [10, 5]]",
                                                   '[["boolean", 2], ["boolean", 3]]'),
     "no run of the sweep reads it: data.n_test is not used when data.kind = 'boolean'"),
    (lambda s: s.replace("train = { steps = 4, log_every = 2 }", "train = { steps = 4, "
                         'log_every = 2, optimizer = "sgd", momentum = 0.5 }').replace(
        'field = "model.width"\nvalues = [3, 6]',
        'field = "train.optimizer"\nvalues = ["adam", "adamw"]'),
     "no run of the sweep reads it: train.momentum is read only by SGD"),
])
def test_bad_spec_exits_2_with_one_line_and_writes_nothing(tmp_path, spec_file, edit, words):
    spec_file.write_text(edit(SPEC))
    r = memcap("sweep", spec_file, "--out", tmp_path / "out")
    assert r.returncode == 2
    assert words in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args, words", [
    (["--seeds", "0,x"], "--seeds must be comma-separated integers"),
    (["--seeds", "1,1"], "--seeds repeats 1"),  # named the spec's "seeds [1, 1]" (2026-12-03)
    (["--dask-workers", "0"], "--dask-workers must be at least 1"),
    (["--scheduler", "localhost"], "malformed scheduler address"),
    (["--preset", "l2-blog-sweep"], "not both"),
    (["--seeds", "99999999999999999999999"], "--seeds must be seed offsets <= 2**63-1"),
    (["--seeds", "9223372036854775807"], "outside 0..2**63-1"),  # + the base data seed
])
def test_bad_flags_exit_2(tmp_path, spec_file, args, words):
    r = memcap("sweep", spec_file, "--out", tmp_path / "out", *args)
    assert r.returncode == 2 and words in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_sweep_resume_refuse_other_spec_and_report(tmp_path, spec_file, capsys):
    def memcap(*args):  # in this process: 26 s in 10 fresh processes (2026-12-05 durations)
        code, out, err = memcap_main(capsys, *args)
        return SimpleNamespace(returncode=code, stdout=out, stderr=err)

    out = tmp_path / "out"
    r = memcap("sweep", spec_file, "--out", out, "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert (d["runs"], d["groups"], d["trained_groups"]) == (8, 2, 2)
    before = (out / "metrics.csv").read_bytes()
    r = memcap("sweep", spec_file, "--out", out, "--json")  # same spec: resumes, trains nothing
    assert json.loads(r.stdout)["trained_groups"] == 0
    assert (out / "metrics.csv").read_bytes() == before
    r = memcap("sweep", spec_file, "--out", out, "--seeds", "5")  # different spec: refused
    assert r.returncode == 2 and "holds a different sweep spec" in r.stderr
    assert (out / "metrics.csv").read_bytes() == before
    t = pd.read_csv(out / "metrics.csv")
    assert len(t) == 8 * 3 and not t.duplicated(["run_id", "step"]).any()
    r = memcap("report", out, "--metric", "gap(weight_l2)", "--metric", "max(weight_l2)", "--json")
    assert r.returncode == 0, r.stderr
    assert set(json.loads(r.stdout)["phenomena"]) == {"gap(weight_l2)", "max(weight_l2)"}
    text = (out / "report.md").read_text()
    assert "gap(weight_l2) vs data.n_train" in text and (out / "gap_weight_l2.png").is_file()
    # the other axis (width) is one curve each, never pooled with the seeds (2026-12-01 audit:
    # the rows read "4 seeds" and averaged the widths); the tied n_test moves with n_train
    assert "2 seed(s), 8 runs; one curve per value of `model.width` (2 curves)" in text
    rows = [ln for ln in text.split("## max(weight_l2)")[0].splitlines()
            if ln.startswith("| ") and ln[2].isdigit()]
    summary = pd.read_csv(out / "summary.csv")
    for width, n in [(3, 8), (3, 10), (6, 8), (6, 10)]:
        runs = summary[(summary["model.width"] == width) & (summary["data.n_train"] == n)]
        mean = runs["gap(weight_l2)"].mean()
        assert len(runs) == 2 and any(ln.startswith(f"| {width} | {n} | {mean:.6g} |")
                                      and ln.endswith("| 2 |") for ln in rows), (width, n)
    # summary.csv: the runs' identity and the spec's metrics, whatever the observables did
    assert list(summary.columns) == ["run_id", "group", "seed", "data.n_train", "data.n_test",
                                     "model.width", "init_seed", "data_seed", "width",
                                     "gap(weight_l2)", "last(train_acc)"]
    assert d["grid_fields"] == ["data.n_train", "data.n_test", "model.width"]  # all printed
    r = memcap("report", out, "--parameter", "seed")
    assert r.returncode == 2 and "'seed' is not a sweep field" in r.stderr
    r = memcap("report", out, "--parameter", "")  # was the spec's parameter (2026-12-01)
    assert r.returncode == 2 and "--parameter '' is not a sweep field" in r.stderr
    r = memcap("report", out, "--parameter", "model.width")  # now n_train (with n_test) is
    assert r.returncode == 0 and "one curve per value of `data.n_train`, `data.n_test`" in (
        out / "report.md").read_text()
    # the spec's metrics again: max(weight_l2)'s figure, linked by the previous report only,
    # is removed with its marker entry (it stayed beside the new report, 2026-12-03 audit)
    assert not (out / "max_weight_l2.png").exists() and (out / "gap_weight_l2.png").is_file()
    assert "max_weight_l2.png" not in (out / ".memcap-folder").read_text()
    r = memcap("report", out, "--metric", "median(weight_l2)")
    assert r.returncode == 2 and "unknown reduction 'median'" in r.stderr
    r = memcap("report", out, "--metric", "max(weight_l2)", "--metric", "max(weight_l2)")
    assert r.returncode == 2 and "--metric repeats max(weight_l2)" in r.stderr
    r = memcap("report", tmp_path)
    assert r.returncode == 2 and "not a sweep folder" in r.stderr


# --- memcap bench sweep -------------------------------------------------------------------------

@pytest.mark.parametrize("args, words", [
    (["--steps", "0"], "--steps must be between 1 and 9999989, got 0"),
    (["--steps", "100000000"], "--steps must be between 1 and 9999989"),  # was train.steps
    # the top of 1..10^7 was refused by the log's row limit, advising train.log_every, which
    # bench sweep cannot set (2026-12-05 review)
    (["--steps", "9999990"], "--steps must be between 1 and 9999989, got 9999990 (the sweep"),
    (["--sizes", "1..200"], "more than 100"),
    (["--sizes", ""], "--sizes must be comma-separated integers"),  # empty: refused
    (["--sizes", "50,0"], "--sizes must be positive train sizes, got 0"),
    (["--sizes", "50,x"], "--sizes must be comma-separated integers"),
    (["--sizes", "50,100,50"], "--sizes repeats 50; list each value once"),
    (["--dask-workers", "-1"], "--dask-workers must be 0"),
    (["--threads", "-2"], "--threads must be in 0.."),
])
def test_bench_sweep_bad_settings_exit_2_before_any_work(args, words, capsys, monkeypatch):
    import empirical.bench.sweep as sb

    def never(*a, **k):
        raise AssertionError("benchmark ran despite bad settings")

    monkeypatch.setattr(sb, "bench_sweep", never)
    code, out, err = memcap_main(capsys, "bench", "sweep", *args)
    assert code == 2 and words in err and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("args, steps", [(["--quick"], 100), (["--quick", "--steps", "1000"], 1000),
                                         (["--steps", "7"], 7), ([], 1000)])
def test_bench_sweep_quick_keeps_an_explicit_steps(args, steps, capsys, monkeypatch):
    """--quick turned --steps 1000 into 100 (2026-12-01 audit): it now sets only the default."""
    import empirical.bench.sweep as sb

    seen = {}
    monkeypatch.setattr(sb, "bench_sweep", lambda steps, sizes, workers, progress: seen.update(
        steps=steps) or {"steps": steps})
    code, _, _ = memcap_main(capsys, "bench", "sweep", *args, "--dask-workers", "0", "--json")
    assert code == 0 and seen["steps"] == steps


def test_bench_sweep_without_dask_is_refused_before_any_work(capsys, monkeypatch):
    """The Dask leg runs last: without Dask the first legs' minutes were lost (2026-12-01)."""
    import importlib.util

    import empirical.bench.sweep as sb

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "distributed" else real(name, *a))
    monkeypatch.setattr(sb, "bench_sweep", lambda *a, **k: pytest.fail("benchmark ran"))
    code, _, err = memcap_main(capsys, "bench", "sweep", "--dask-workers", "2")
    assert code == 2 and "Dask is not installed" in err and "--dask-workers 0" in err


def test_bench_sweep_tiny_real_run_reports_consistent_figures(capsys, monkeypatch):
    import empirical.bench.train as bench
    from empirical.bench.train import mlp_step_flops

    real_peak = bench.matmul_peak_flops
    monkeypatch.setattr(bench, "matmul_peak_flops", lambda size=2048: real_peak(256, repeats=2))

    code, out, err = memcap_main(capsys, "bench", "sweep", "--steps", "3", "--sizes", "12,24",
                                 "--dask-workers", "0", "--json")
    assert code == 0, err
    r = json.loads(out)
    assert (r["runs"], r["sizes"], r["steps"]) == (2, [12, 24], 3)
    assert r["train_flops"] == 3 * sum(mlp_step_flops(n, [9, 100, 100, 17]) for n in (12, 24))
    assert r["plain_s"] > 0  # the plain PyTorch script ran (empirical.bench.sweep.plain_sweep)
    assert r["in_process_speedup"] == pytest.approx(r["plain_s"] / r["in_process_s"])
    # each leg against the better of the two peaks measured next to it (2026-12-05 review)
    peaks = r["peaks_gflops"]
    assert len(peaks) == 3 and r["peak_gflops"] == max(peaks)
    assert r["in_process_fraction_of_peak"] == pytest.approx(
        r["in_process_gflops"] / max(peaks[1], peaks[2]))
    assert r["plain_fraction_of_peak"] == pytest.approx(
        r["plain_gflops"] / max(peaks[0], peaks[1]))
    assert "dask_s" not in r  # --workers 0: no distributed leg


def test_bench_sweeps_dask_leg_is_measured_against_its_cores_peak(monkeypatch):
    """The Dask leg runs `workers` one-thread processes at once, and its fraction divided by
    the main process's peak — one thread under --threads 1 — read 48 % where the two cores'
    peak gives 25 % (2026-12-06 review). Here each peak is 1 GFLOP/s a thread: the legs'
    peaks are the main process's one thread, the Dask leg's its two workers' cores."""
    import torch

    import empirical.bench.sweep as bench

    monkeypatch.setattr(bench, "matmul_peak_flops", lambda size=2048: torch.get_num_threads() * 1e9)
    monkeypatch.setattr(bench, "plain_sweep", lambda sizes, steps=1, progress=None: 2.0)
    monkeypatch.setattr(bench, "_memcap", lambda spec, workers, progress=None: 1.0)
    monkeypatch.setattr(bench, "available_cpus", lambda: 2)
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        r = bench.bench_sweep(steps=1, sizes=[12], workers=3)
        assert torch.get_num_threads() == 1  # restored after the Dask peak
    finally:
        torch.set_num_threads(before)
    assert r["dask_peak_threads"] == 2 and r["dask_peak_gflops"] == 2.0
    assert r["dask_fraction_of_peak"] == pytest.approx(r["train_flops"] / 2e9)
    assert r["in_process_fraction_of_peak"] == pytest.approx(r["train_flops"] / 1e9)


# --- resume after SIGKILL of a real process ----------------------------------------------------

KILL_SPEC = """
name = "killme"
seeds = [0]
[base]
dtype = "float64"
data = { n_train = 8, n_test = 4 }
train = { steps = 200, log_every = 50, early_stop = false }
[[grid]]
fields = ["data.n_train", "data.n_test"]
values = [[8, 4], [12, 4], [16, 4], [20, 4], [24, 4], [28, 4]]
[[grid]]
field = "model.width"
values = [3, 6]
"""


def _parse_all(folder):
    """Every CSV/JSON under ``folder`` with a real (non-temporary) name parses."""
    for f in sorted(folder.rglob("*")):
        if not f.is_file() or f.name.startswith("."):
            continue
        if f.suffix == ".csv":
            assert len(pd.read_csv(f)) > 0, f
        elif f.suffix == ".json":
            json.loads(f.read_text())


def test_sigkill_mid_sweep_then_resume_gives_the_uninterrupted_tables(tmp_path):
    """SIGKILL a real ``memcap sweep`` once ≥ 1 group is in its manifest, resume with the same
    command: finished groups are kept (same bytes, same mtime), the rest are trained, and the
    tables equal an uninterrupted run's (same threads, float64)."""
    import os
    import signal
    import time

    from empirical.sweeps.driver import run_sweep
    from empirical.sweeps.spec import load_spec

    spec_file = tmp_path / "kill.toml"
    spec_file.write_text(KILL_SPEC)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "memcap", "sweep", str(spec_file), "--out", str(out),
           "--threads", "1", "--json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    manifest = out / "manifest.json"
    deadline = time.monotonic() + 90
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if manifest.is_file() and json.loads(manifest.read_text())["groups"]:
                break
            time.sleep(0.02)
        assert proc.poll() is None, f"sweep ended before it could be killed: {proc.stderr.read()}"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done = json.loads(manifest.read_text())["groups"]  # atomic: parses even after a kill
    assert 1 <= len(done) < 6
    assert not (out / "metrics.csv").exists()  # tables are assembled only at the end
    _parse_all(out)
    kept = {g: (out / "runs" / f"group-{int(g):04d}.csv") for g in done}
    stamp = {g: (f.stat().st_mtime_ns, f.read_bytes()) for g, f in kept.items()}

    again = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    r = json.loads(again.stdout)
    assert (r["groups"], r["resumed_groups"], r["trained_groups"]) == (6, len(done), 6 - len(done))
    for g, f in kept.items():  # finished groups were not trained again
        assert (f.stat().st_mtime_ns, f.read_bytes()) == stamp[g]
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    figures = [n for n in names if n.endswith(".png")]  # the report's, one per metric
    assert len(figures) == len(load_spec(spec_file).metric_columns())
    assert names == sorted([".memcap-folder", ".memcap-lock", "manifest.json", "metrics.csv",
                            "spec.json", "summary.csv", "summary.json", "report.md",
                            "phenomena.json", ".memcap-report.json", *figures,
                            *(f"runs/group-{i:04d}.csv" for i in range(6))])  # no temp left
    _parse_all(out)

    run_sweep(load_spec(spec_file), tmp_path / "ref")  # one thread, as the session (conftest)
    t = pd.read_csv(out / "metrics.csv")
    assert not t.duplicated(["run_id", "step"]).any()
    assert sorted(t.run_id.unique()) == list(range(12))
    assert (t.groupby("run_id").size() == 5).all()  # steps 0, 50, ..., 200
    for name in ("metrics.csv", "summary.csv"):
        pd.testing.assert_frame_equal(pd.read_csv(out / name), pd.read_csv(tmp_path / "ref" / name),
                                      check_exact=False, rtol=1e-12, atol=0)
    assert os.path.getsize(out / "metrics.csv") > 0


# --- refused before anything is written ---------------------------------------------------------

def test_an_ensemble_group_beyond_this_machine_is_refused_though_each_run_fits(
        capsys, tmp_path, monkeypatch):
    """What trains at once is a group (runs differing only in width or seed): the memory guard
    checked each run alone, so a group of 32 runs passed it."""
    import empirical.engine.config as config
    from empirical.sweeps.driver import group_runs
    from empirical.sweeps.spec import load_spec

    spec_file = tmp_path / "wide.toml"
    spec_file.write_text('name = "wide"\nseeds = [0, 1, 2, 3, 4, 5, 6, 7]\n[[grid]]\n'
                         'field = "model.width"\nvalues = [100, 200, 300, 400]\n')
    spec = load_spec(spec_file)
    run = max(r.config.estimated_bytes() for r in spec.runs())
    (group,) = group_runs(spec.runs())
    assert 4 * run < group.config.estimated_bytes()
    monkeypatch.setattr(config, "memory_limit_bytes", lambda: 2 * run)  # every run fits
    out = tmp_path / "out"
    code, _, err = memcap_main(capsys, "sweep", spec_file, "--out", out)
    assert code == 2 and "ensemble group 0 (32 runs trained together, width up to 400)" in err
    assert len(err.strip().splitlines()) == 1 and not out.exists()
    # a dry run previews the same command: refused the same way (it passed, 2026-12-01 fuzzing)
    code, _, err = memcap_main(capsys, "sweep", spec_file, "--dry-run")
    assert code == 2 and "ensemble group 0 (32 runs trained together" in err
    code, _, err = memcap_main(capsys, "sweep", spec_file, "--out", out, "--force", "--dry-run")
    assert code == 0


def _grid_spec(tmp_path, widths: int, lrs: int):
    spec_file = tmp_path / "big.toml"
    spec_file.write_text(
        f'[[grid]]\nfield = "model.width"\nvalues = {list(range(1, widths + 1))}\n'
        f'[[grid]]\nfield = "train.lr"\nvalues = {[(i + 1) / 1000 for i in range(lrs)]}\n')
    return spec_file


@pytest.mark.parametrize("widths, lrs, extra, words", [
    (200, 100, [], "the sweep has 20000 runs (grid × seeds), above 10000; shrink the grid or "
                   "pass --force"),
    (200, 100, ["--dry-run"], "above 10000"),
    (1000, 101, ["--force"], "101000 runs (grid × seeds), above 100000, the most one sweep may "
                             "hold"),
    (1000, 101, ["--force", "--dry-run"], "above 100000"),
])
def test_the_run_count_is_refused_before_any_run_is_built(capsys, tmp_path, monkeypatch, widths,
                                                          lrs, extra, words):
    """The count was checked after every run's config had been built: a 1 000 × 1 000 grid was
    refused after 52 s and 1 GB, --dry-run had no limit, and --force had none either."""
    from empirical.sweeps.spec import SweepSpec

    def never(self):
        raise AssertionError("runs were built before the count was checked")

    monkeypatch.setattr(SweepSpec, "_build_runs", never)
    out = tmp_path / "out"
    code, _, err = memcap_main(capsys, "sweep", _grid_spec(tmp_path, widths, lrs), "--out", out,
                               *extra)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_a_forced_sweep_may_exceed_the_default_run_count(tmp_path):
    from empirical.sweeps.limits import MAX_RUNS_WITHOUT_FORCE
    from empirical.sweeps.spec import load_spec

    spec = load_spec(_grid_spec(tmp_path, 101, 100), max_runs=None)
    assert spec.run_count() == len(spec.runs()) == 10_100 > MAX_RUNS_WITHOUT_FORCE


@pytest.mark.parametrize("args, words", [(["--threads", "-1"], "--threads must be in"),
                                         (["--workers", "0"], "--workers must be auto")])
def test_a_dry_run_checks_the_executor_options_it_previews(capsys, args, words):
    """A dry run previews the same command: its bad values were accepted (2026-12-01 audit)."""
    code, _, err = memcap_main(capsys, "sweep", "--preset", "l2-blog-sweep", "--dry-run", *args)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1


def test_an_unreachable_scheduler_exits_74_as_the_docs_say(capsys, tmp_path, monkeypatch):
    """A ConnectionError is an OSError: the I/O status of docs/cli.md, not bad input (2)."""
    from pathlib import Path

    pytest.importorskip("distributed")
    from empirical.engine.executor import DaskExecutor

    monkeypatch.setattr(DaskExecutor.__init__, "__defaults__", (None, 2, 0.3, 0))  # wait 0.3 s
    spec_file = tmp_path / "s.toml"
    spec_file.write_text(SPEC)
    code, _, err = memcap_main(capsys, "sweep", spec_file, "--out", tmp_path / "out",
                               "--scheduler", "tcp://127.0.0.1:9")
    assert code == 74 and err.startswith("memcap: I/O error: cannot reach the Dask scheduler")
    assert not (tmp_path / "out").exists()
    docs = Path(__file__).resolve().parents[2] / "docs"
    said = " ".join((docs / "sweeps.md").read_text().split())
    assert "so the CLI exits with status 74" in said and "status 2" not in said.split(
        "cannot reach the Dask scheduler")[1][:300]
    assert "| 74 |" in (docs / "cli.md").read_text()


# --- SIGTERM ------------------------------------------------------------------------------------

def test_sigterm_during_a_sweep_stops_its_workers_as_ctrl_c_does(capsys, tmp_path, monkeypatch):
    """`kill PID` killed only the parent and left --workers processes training; now SIGTERM is
    a KeyboardInterrupt for the command's duration: the executor terminates its workers, exit
    130, and the previous handler is back afterwards."""
    import os
    import signal
    import time

    import empirical.sweeps.driver as driver
    from empirical.engine.executor import ProcessExecutor

    closes = []
    monkeypatch.setattr(ProcessExecutor, "close",
                        lambda self, terminate=False: closes.append(terminate))

    def killed_mid_sweep(spec, out, executor, **kw):
        assert isinstance(executor, ProcessExecutor)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # training, until the signal arrives
        return {}

    monkeypatch.setattr(driver, "run_sweep", killed_mid_sweep)
    mine = []  # this test's own handler: SIGTERM must not end the test run
    previous = signal.signal(signal.SIGTERM, lambda *a: mine.append(a))
    try:
        spec_file = tmp_path / "s.toml"
        spec_file.write_text(SPEC)
        start = time.monotonic()
        code, _, err = memcap_main(capsys, "sweep", spec_file, "--out", tmp_path / "out",
                                   "--workers", "2")
        assert code == 130 and "memcap: interrupted" in err
        assert time.monotonic() - start < 4 and closes == [True] and mine == []
        assert signal.getsignal(signal.SIGTERM).__name__ == "<lambda>"  # ours again
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.mark.slow  # 2–8 s: two spawned workers import torch before the signal
def test_sigterm_to_a_real_sweep_leaves_no_worker_process(tmp_path):
    """The same on a real `memcap sweep --workers 2`: both workers training, SIGTERM to the
    parent; it exits 130 and no worker is left (they trained on, orphaned, before)."""
    import os
    import signal
    import time

    psutil = pytest.importorskip("psutil")
    spec_file = tmp_path / "long.toml"
    spec_file.write_text(KILL_SPEC.replace("steps = 200, log_every = 50",
                                           "steps = 1000000, log_every = 500000"))
    proc = subprocess.Popen([sys.executable, "-m", "memcap", "sweep", str(spec_file), "--out",
                             str(tmp_path / "out"), "--workers", "2", "--threads", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        parent = psutil.Process(proc.pid)
        deadline = time.monotonic() + 60
        workers = []
        while time.monotonic() < deadline and len(workers) < 2:  # both busy training
            workers = [c for c in parent.children(recursive=True)
                       if "spawn_main" in " ".join(c.cmdline()) and c.cpu_percent(0.2) > 50]
        assert len(workers) == 2, proc.stderr.read() if proc.poll() is not None else workers
        os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=30) == 130
        assert "memcap: interrupted" in proc.stderr.read()
        gone, alive = psutil.wait_procs(workers, timeout=5)
        assert alive == []
    finally:
        proc.kill()
        proc.wait()


# --- report on a categorical parameter ----------------------------------------------------------

CATEGORICAL = """
name = "acts"
seeds = [0, 1]
metrics = ["gap(weight_l2)"]
[base]
dtype = "float64"
data = { n_train = 10, n_test = 4 }
train = { steps = 2, log_every = 2 }
[[grid]]
field = "model.activation"
values = ["tanh", "relu", "gelu", "silu"]
"""


def test_report_on_a_categorical_parameter_plots_positions_and_detects_nothing(capsys, tmp_path):
    """It was an internal error (exit 70: float('gelu')), after listing the report's files in
    the folder's marker."""
    spec_file = tmp_path / "acts.toml"
    spec_file.write_text(CATEGORICAL)
    out = tmp_path / "out"
    assert memcap_main(capsys, "sweep", spec_file, "--out", out)[0] == 0
    code, stdout, err = memcap_main(capsys, "report", out, "--json")
    assert code == 0, err
    assert json.loads(stdout)["phenomena"] == {"gap(weight_l2)": []}
    text = (out / "report.md").read_text()
    assert "x axis categorical, values in sorted order" in text
    assert "`model.activation` is categorical: no shape or law is detected" in text
    summary = pd.read_csv(out / "summary.csv")
    rows = [ln for ln in text.splitlines() if ln.startswith("| ") and ln.endswith("| 2 |")]
    for act, ln in zip(["gelu", "relu", "silu", "tanh"], rows, strict=True):
        mean = summary[summary["model.activation"] == act]["gap(weight_l2)"].mean()
        assert ln.startswith(f"| {act} | {mean:.6g} |")
    assert (out / "gap_weight_l2.png").read_bytes()[:4] == b"\x89PNG"


def test_a_refused_report_changes_no_file_of_the_folder(capsys, tmp_path):
    """memcap report rewrote metrics.csv and summary.csv before it checked --metric, and with
    report.md replaced by a folder it exited 74 after writing the figures (fuzzer, 2026-12-01)."""
    spec_file = tmp_path / "acts.toml"
    spec_file.write_text(CATEGORICAL)
    out = tmp_path / "out"
    assert memcap_main(capsys, "sweep", spec_file, "--out", out)[0] == 0
    drop_sweep_report(out)  # the report the sweep wrote: this is memcap report's own test

    def state():
        return {p.name: (p.stat().st_mtime_ns, p.read_bytes() if p.is_file() else None)
                for p in sorted(out.iterdir())}

    before = state()
    code, _, err = memcap_main(capsys, "report", out, "--metric", "median(weight_l2)")
    assert code == 2 and "unknown reduction 'median'" in err and state() == before
    (out / "report.md").mkdir()
    before = state()
    code, _, err = memcap_main(capsys, "report", out)
    assert code == 2 and "report.md' exists and is not a plain file" in err
    assert len(err.strip().splitlines()) == 1 and state() == before
    assert not (out / "gap_weight_l2.png").exists() and not (out / "phenomena.json").exists()
    (out / "report.md").rmdir()
    assert memcap_main(capsys, "report", out)[0] == 0 and (out / "report.md").is_file()
    assert state()["metrics.csv"] == before["metrics.csv"]  # a report never rewrites the tables


def test_a_report_into_a_read_only_sweep_folder_is_bad_input(capsys, tmp_path, monkeypatch):
    """A sweep folder where no file can be created (a read-only file system, simulated: root
    writes through permission bits) is refused before any work, one line and status 2; the
    report failed at its first write with status 74, naming a temporary file (CLI review,
    2026-12-05)."""
    import errno
    import tempfile

    spec_file = tmp_path / "acts.toml"
    spec_file.write_text(CATEGORICAL)
    out = tmp_path / "out"
    assert memcap_main(capsys, "sweep", spec_file, "--out", out)[0] == 0
    drop_sweep_report(out)
    before = sorted(p.name for p in out.iterdir())
    real = tempfile.mkstemp

    def read_only(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).resolve().is_relative_to(out.resolve()):
            raise OSError(errno.EROFS, "Read-only file system")
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    code, _, err = memcap_main(capsys, "report", out)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert f"cannot write the report into {str(out)!r}" in err
    assert "not writable (Read-only file system)" in err
    assert sorted(p.name for p in out.iterdir()) == before
    monkeypatch.setattr(tempfile, "mkstemp", real)
    assert memcap_main(capsys, "report", out)[0] == 0 and (out / "report.md").is_file()


def test_a_failing_report_lists_nothing_in_the_marker(capsys, tmp_path, monkeypatch):
    import empirical.sweeps.report as report

    spec_file = tmp_path / "s.toml"
    spec_file.write_text(SPEC.replace('values = [[8, 4], [10, 5]]',
                                      'values = [[8, 4], [10, 5], [12, 6], [14, 7]]'))
    out = tmp_path / "out"
    assert memcap_main(capsys, "sweep", spec_file, "--out", out)[0] == 0
    drop_sweep_report(out)  # the report the sweep wrote: this is memcap report's own test
    marker = (out / ".memcap-folder").read_bytes()

    def broken(*a, **k):
        raise RuntimeError("a bug in detection")

    monkeypatch.setattr(report, "detect", broken)
    code, _, err = memcap_main(capsys, "report", out)
    assert code == 70 and "a bug in detection" in err
    assert (out / ".memcap-folder").read_bytes() == marker
    assert not (out / "report.md").exists() and not list(out.glob("*.png"))


BETAS = """
name = "betas"
metrics = ["last(train_acc)"]
[base]
train = { steps = 2, log_every = 1 }
data = { n_train = 4, n_test = 4, d_in = 3 }
model = { width = 2 }
[[grid]]
field = "train.betas"
values = [[0.9, 0.99], [0.8, 0.999]]
"""

TABLES = """
name = "tables"
metrics = ["last(train_acc)"]
[base]
train = { steps = 2, log_every = 1 }
data = { kind = "boolean", table = "0110" }
model = { width = 2 }
[[grid]]
field = "data.table"
values = ["0110", "1000"]
"""


@pytest.mark.parametrize("text", [BETAS, TABLES], ids=["train.betas", "data.table"])
def test_list_and_bit_string_grid_values_resume_and_report(capsys, tmp_path, text):
    """The group files hold "[0.9, 0.99]" and 0110, which pandas reads back as a text and as
    the integer 110: the schema check (since 2026-12-01 also run on checksummed files) called
    them "not the spec's", so such a sweep failed at its end and on every resume; and
    spec.json's betas axis was read back as one list too deep, so memcap report refused it."""
    spec = tmp_path / "spec.toml"
    spec.write_text(text)
    out = tmp_path / "out"
    code, _, err = memcap_main(capsys, "sweep", spec, "--out", out, "--json")
    assert code == 0, err
    code, stdout, err = memcap_main(capsys, "sweep", spec, "--out", out, "--json")
    assert code == 0 and json.loads(stdout)["trained_groups"] == 0, err
    code, _, err = memcap_main(capsys, "report", out)
    assert code == 0 and (out / "report.md").is_file(), err


def test_a_cuda_run_without_cuda_is_refused_before_the_folder_is_written(tmp_path, capsys):
    """The device was resolved per group, after the folder, its spec and a trained group were
    written (2026-12-02 review); a machine with CUDA would train it, so the test needs none."""
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    spec = tmp_path / "dev.toml"
    spec.write_text('name = "dev"\nseeds = [0]\nmetrics = ["gap(weight_l2)"]\n[base]\n'
                    'data = { n_train = 10, n_test = 4 }\ntrain = { steps = 2, log_every = 2 }\n'
                    '[[grid]]\nfield = "device"\nvalues = ["cpu", "cuda"]\n')
    code, _, err = memcap_main(capsys, "sweep", spec, "--out", tmp_path / "out")
    assert code == 2 and "CUDA is not available" in err and 'device = "cpu"' in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "out").exists()


def test_a_metric_spelled_with_spaces_trains_prints_and_reports(capsys, tmp_path):
    """"gap( weight_l2 )" trained every run, then the printed table looked the spec's spelling
    up in the summary (KeyError: status 70, and again on every resume; 2026-12-03 audit)."""
    spec_file = tmp_path / "s.toml"
    spec_file.write_text(SPEC.replace('"gap(weight_l2)"', '"gap( weight_l2 )"')
                         .replace("seeds = [0, 1]", "seeds = [0]"))
    out = tmp_path / "out"
    code, stdout, err = memcap_main(capsys, "sweep", spec_file, "--out", out, "--json")
    assert code == 0, err
    assert json.loads(stdout)["metrics"] == ["gap(weight_l2)", "last(train_acc)"]
    code, _, err = memcap_main(capsys, "sweep", spec_file, "--out", out)  # the table printed
    assert code == 0, err
    code, _, err = memcap_main(capsys, "report", out, "--metric", "max(model.width)")
    assert code == 0, err


def _one_seed_sweep(capsys, tmp_path):
    """A finished one-seed sweep of SPEC: its spec file and folder."""
    spec_file = tmp_path / "s.toml"
    spec_file.write_text(SPEC.replace("seeds = [0, 1]", "seeds = [0]"))
    out = tmp_path / "out"
    assert memcap_main(capsys, "sweep", spec_file, "--out", out)[0] == 0
    return spec_file, out


def _marker_of_2026_12_01(out):
    """The sweep's marker as memcap wrote it on 2026-12-01: "runs" listed alone; and the folder
    as that memcap left it, without the summary.json and report a sweep writes since
    2026-12-05."""
    drop_sweep_report(out)
    (out / "summary.json").unlink()
    (out / ".memcap-folder").write_text(json.dumps(
        {"format": "memcap.folder/1", "entries": ["manifest.json", "metrics.csv", "runs",
                                                  "spec.json", "summary.csv"]}) + "\n")


def test_report_in_a_folder_without_its_marker_replaces_no_report(capsys, tmp_path):
    """With the marker gone (a copy without hidden files), a user's report.md was replaced
    (2026-12-03 audit): nothing then says memcap wrote it. Without one, the report is written."""
    spec_file, out = _one_seed_sweep(capsys, tmp_path)
    drop_sweep_report(out)  # the report the sweep wrote: this is memcap report's own test
    (out / ".memcap-folder").unlink()
    (out / "report.md").write_text("my own notes")
    code, _, err = memcap_main(capsys, "report", out)
    assert code == 2 and "has no .memcap-folder, so memcap cannot tell" in err
    assert (out / "report.md").read_text() == "my own notes"
    (out / "report.md").unlink()
    assert memcap_main(capsys, "report", out)[0] == 0 and (out / "report.md").is_file()
    code, _, err = memcap_main(capsys, "report", out, "--metric", "max(train_loss)")
    assert code == 0, err  # its own report.md is replaced: it refused it (review, 2026-12-03)
    code, _, err = memcap_main(capsys, "sweep", spec_file, "--out", out, "--overwrite")
    assert code == 2 and "memcap did not write" in err  # the sweep's files are not listed


def test_a_refused_report_in_a_folder_without_its_marker_leaves_no_marker(capsys, tmp_path):
    """The report marks an unmarked sweep folder (listing nothing) before writing; when it then
    refused a user's figure it exited 2 but left the new marker (2026-12-04 review)."""
    spec_file, out = _one_seed_sweep(capsys, tmp_path)
    drop_sweep_report(out)  # the report the sweep wrote: this is memcap report's own test
    (out / ".memcap-folder").unlink()
    (out / "gap_weight_l2.png").write_text("user png")
    before = _tree(out)
    code, _, err = memcap_main(capsys, "report", out)
    assert code == 2 and "gap_weight_l2.png' exists and memcap did not write it" in err
    assert _tree(out) == before and not (out / ".memcap-folder").exists()


def test_a_resume_never_replaces_a_file_memcap_may_not_have_written(capsys, tmp_path):
    """A folder holding a copy of a sweep's spec.json beside the user's own metrics.csv was
    "resumed": marked as memcap's and its metrics.csv replaced (2026-12-04 review). Without a
    marker, or with one that does not list the sweep's files (a report's), a resume refuses
    and leaves every byte; the real sweep folder still resumes."""
    spec_file, out = _one_seed_sweep(capsys, tmp_path)
    user = tmp_path / "mine"
    user.mkdir()
    (user / "spec.json").write_bytes((out / "spec.json").read_bytes())
    (user / "metrics.csv").write_text("my own analysis table\n")
    (user / "notes.txt").write_text("notes\n")
    before = _tree(user)
    code, _, err = memcap_main(capsys, "sweep", spec_file, "--out", user)
    assert code == 2 and "but no .memcap-folder file, so memcap cannot tell" in err
    assert _tree(user) == before and not (user / ".memcap-folder").exists()
    (user / ".memcap-folder").write_text('{"format": "memcap.folder/1", "entries": '
                                         '["report.md"]}\n')  # a report's marker
    code, _, err = memcap_main(capsys, "sweep", spec_file, "--out", user)
    assert code == 2 and "memcap did not write it" in err and _tree(user) == {
        **before, ".memcap-folder": (user / ".memcap-folder").read_bytes()}
    code, stdout, _ = memcap_main(capsys, "sweep", spec_file, "--out", out, "--json")
    assert code == 0 and json.loads(stdout)["trained_groups"] == 0
    # a marker as memcap wrote it on 2026-12-01 lists "runs" alone: still the sweep's own (the
    # first version of this check refused its group files, review)
    _marker_of_2026_12_01(out)
    code, stdout, err = memcap_main(capsys, "sweep", spec_file, "--out", out, "--json")
    assert code == 0 and json.loads(stdout)["trained_groups"] == 0, err
    # ... and --overwrite replaces such a folder by the same rule (it called the group files
    # foreign, review)
    _marker_of_2026_12_01(out)
    other = tmp_path / "other.toml"
    other.write_text(SPEC.replace("seeds = [0, 1]", "seeds = [1]"))
    code, _, err = memcap_main(capsys, "sweep", other, "--out", out, "--overwrite")
    assert code == 0, err


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".memcap-lock"}


def test_an_interrupted_overwrite_keeps_the_replaced_sweep(capsys, tmp_path):
    """`sweep --overwrite` emptied the folder before training; a SIGTERM (or Ctrl-C) then left
    only the new spec and lost the finished sweep (2026-12-03 audit). The old contents now stay
    whole in DIR/.memcap-replaced beside the new sweep's partial ones until it completes: the
    same command without --overwrite resumes it, and then they go."""
    import os
    import signal
    import time

    spec_file = tmp_path / "s.toml"
    spec_file.write_text(SPEC.replace("seeds = [0, 1]", "seeds = [0]"))
    out = tmp_path / "out"
    assert memcap_main(capsys, "sweep", spec_file, "--out", out)[0] == 0
    before = _tree(out)
    slow = tmp_path / "slow.toml"
    slow.write_text(SPEC.replace("steps = 4, log_every = 2", "steps = 3000, log_every = 1000")
                    .replace("seeds = [0, 1]", "seeds = [0]"))
    proc = subprocess.Popen([sys.executable, "-m", "memcap", "sweep", str(slow), "--out",
                             str(out), "--overwrite", "--threads", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            spec_now = out / "spec.json"
            if spec_now.is_file() and b"3000" in spec_now.read_bytes():
                break  # the old sweep is set aside and the new one is training
            time.sleep(0.05)
        assert proc.poll() is None, proc.stderr.read()
        os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=30) == 130
    finally:
        proc.kill()
        proc.wait()
    assert _tree(out / ".memcap-replaced") == before  # the finished sweep, whole
    assert b"3000" in (out / "spec.json").read_bytes()
    code, _, err = memcap_main(capsys, "sweep", slow, "--out", out)  # resumes, then completes
    assert code == 0, err
    assert not (out / ".memcap-replaced").exists()
    assert memcap_main(capsys, "report", out)[0] == 0
    other = tmp_path / "other.toml"
    other.write_text(SPEC.replace("seeds = [0, 1]", "seeds = [3]"))
    assert memcap_main(capsys, "sweep", other, "--out", out, "--overwrite")[0] == 0
    assert json.loads((out / "spec.json").read_text())["spec"]["seeds"] == [3]
    assert not (out / ".memcap-replaced").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_tied_field_that_x_does_not_decide_is_a_curve_not_seeds(capsys, tmp_path):
    """Rows [8, 4], [8, 40], [16, 4], [16, 40] of (n_train, n_test): the report pooled the two
    n_test runs at each n_train as two seeds of one seed (2026-12-03 audit)."""
    spec_file = tmp_path / "s.toml"
    spec_file.write_text(SPEC.replace("seeds = [0, 1]", "seeds = [0]").replace(
        "values = [[8, 4], [10, 5]]", "values = [[8, 4], [8, 40], [16, 4], [16, 40]]"))
    out = tmp_path / "out"
    assert memcap_main(capsys, "sweep", spec_file, "--out", out)[0] == 0
    code, _, err = memcap_main(capsys, "report", out, "--parameter", "data.n_train")
    assert code == 0, err
    text = (out / "report.md").read_text()
    assert "one curve per value of `data.n_test`, `model.width` (4 curves)" in text
    assert "| data.n_test | model.width | data.n_train | mean | low | high | seeds |" in text
    assert "over 2 seeds" not in text


def test_an_old_folder_listing_two_spellings_of_a_metric_reports_it_once(capsys, tmp_path):
    """A spec.json stored before mean_last_05 was mean_last_5 may list both: the summary got two
    equal columns and the report ended in status 70 (review, 2026-12-03)."""
    spec_file = tmp_path / "s.toml"
    spec_file.write_text(SPEC.replace("seeds = [0, 1]", "seeds = [0]"))
    out = tmp_path / "out"
    assert memcap_main(capsys, "sweep", spec_file, "--out", out)[0] == 0
    stored = json.loads((out / "spec.json").read_text())
    stored["spec"]["metrics"] = ["mean_last_05(train_loss)", "mean_last_5(train_loss)",
                                 "last(train_acc)"]
    (out / "spec.json").write_text(json.dumps(stored))
    code, _, err = memcap_main(capsys, "report", out)
    assert code == 0, err
    assert (out / "report.md").read_text().count("## mean_last_5(train_loss)") == 1


def test_a_base_value_a_tied_axis_replaces_is_not_an_unread_setting(tmp_path):
    """Base data.inputs = 3 beside a grid that ties each table to its inputs: every run reads the
    axis's value, so the base's is its default (refused by the first table rule, review)."""
    spec_file = tmp_path / "s.toml"
    spec_file.write_text('[base]\ndata = { kind = "boolean", inputs = 3 }\ntrain = { steps = 2 }'
                         '\n[[grid]]\nfields = ["data.table", "data.inputs"]\n'
                         'values = [["0110", 2], ["1001", 2]]\n')
    r = memcap("sweep", spec_file, "--dry-run", "--json")
    assert r.returncode == 0, r.stderr
    runs = json.loads(r.stdout)["runs"]
    assert [(run["data.table"], run["data.inputs"]) for run in runs] == [("0110", 2),
                                                                         ("1001", 2)]


def test_a_dry_run_checks_its_out_folder_as_the_real_command_does(capsys, tmp_path):
    """--dry-run listed the runs (exit 0) into a folder the real command refuses — a user's
    folder, another sweep (2026-12-04 sweep review). It now says what the real command would do
    with --out, refuses what it refuses, and writes nothing."""
    spec_file, out = _one_seed_sweep(capsys, tmp_path)
    before = _tree(out)
    code, stdout, _ = memcap_main(capsys, "sweep", spec_file, "--dry-run", "--out", out)
    assert code == 0 and f"--out {out}: resumes the sweep there" in stdout
    code, stdout, _ = memcap_main(capsys, "sweep", spec_file, "--dry-run", "--json", "--out",
                                  tmp_path / "fresh")
    assert code == 0 and json.loads(stdout)["plan"] == "new"
    other = tmp_path / "other.toml"
    other.write_text(spec_file.read_text().replace("steps = 4", "steps = 6"))
    code, _, err = memcap_main(capsys, "sweep", other, "--dry-run", "--out", out)
    assert code == 2 and "holds a different sweep spec" in err
    code, stdout, _ = memcap_main(capsys, "sweep", other, "--dry-run", "--overwrite",
                                  "--out", out)
    assert code == 0 and "replaces the sweep there (--overwrite)" in stdout
    (out / "notes.txt").write_text("mine")  # a user's file in memcap's folder: the real
    code, _, err = memcap_main(capsys, "sweep", other, "--dry-run", "--overwrite",  # command
                               "--out", out)  # refuses to replace it, so must the dry run
    assert code == 2 and "memcap did not write" in err  # (untested until 2026-12-05)
    (out / "notes.txt").unlink()
    user = tmp_path / "thesis"
    user.mkdir()
    (user / "notes.txt").write_text("mine")
    code, _, err = memcap_main(capsys, "sweep", spec_file, "--dry-run", "--out", user)
    assert code == 2 and "was not written by memcap" in err
    assert _tree(out) == before and not (tmp_path / "fresh").exists()
    assert sorted(p.name for p in user.iterdir()) == ["notes.txt"]


def test_the_plain_sweep_leg_gets_memcaps_thread_rule_and_fused_adam(monkeypatch):
    """The plain script ran every size on the process's threads with torch's default Adam, where
    memcap runs small steps on one thread and bench (a)'s loop uses the fused Adam: on a loaded
    box its time measured the load (45x to 2.4x in four runs; 2026-12-05 bench review)."""
    import torch

    from empirical.bench.sweep import plain_sweep

    seen, made = [], []
    real_adam = torch.optim.Adam

    def adam(*args, **kwargs):
        made.append(kwargs.get("fused"))
        return real_adam(*args, **kwargs)

    def step(self, *args, **kwargs):
        seen.append(torch.get_num_threads())
        return real_step(self, *args, **kwargs)

    real_step = real_adam.step
    monkeypatch.setattr(torch.optim, "Adam", adam)
    monkeypatch.setattr(real_adam, "step", step)
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        assert plain_sweep([20], steps=2, log_every=2) > 0
    finally:
        torch.set_num_threads(before)
    assert made == [True] and seen == [1, 1]  # a 20-point step is far below 10^8 FLOPs


def test_a_sweep_folder_holds_a_summary_json_and_the_report_figures(capsys, tmp_path):
    """DESIGN.md: every result folder holds its config, a tidy metrics table, a summary JSON and
    figures; a sweep folder had neither the JSON nor figures until `memcap report` ran
    (2026-12-05 design review). The JSON holds summary.csv's rows and only what the runs decide:
    a resume rewrites the same bytes, and the report is the one `memcap report` writes."""
    spec_file, out = _one_seed_sweep(capsys, tmp_path)
    data = json.loads((out / "summary.json").read_text())
    table = pd.read_csv(out / "summary.csv")
    assert data["format"] == "memcap.sweep-summary/1" and data["runs"] == len(table)
    assert [r["run_id"] for r in data["summary"]] == table["run_id"].tolist()
    for metric in data["metrics"]:
        assert [r[metric] for r in data["summary"]] == pytest.approx(table[metric].tolist())
    figures = sorted(p.name for p in out.glob("*.png"))
    assert len(figures) == len(data["metrics"]) and (out / "phenomena.json").is_file()
    report, summary_json = (out / "report.md").read_bytes(), (out / "summary.json").read_bytes()
    code, stdout, _ = memcap_main(capsys, "sweep", spec_file, "--out", out, "--json")
    assert code == 0 and json.loads(stdout)["report"] == str(out / "report.md")
    assert (out / "summary.json").read_bytes() == summary_json  # resumed: the same bytes
    assert memcap_main(capsys, "report", out)[0] == 0
    assert (out / "report.md").read_bytes() == report and sorted(
        p.name for p in out.glob("*.png")) == figures


def test_a_refused_report_leaves_a_complete_sweep(capsys, tmp_path):
    """The sweep is complete before its report is drawn: a report refused as bad input (here a
    user's own report.md, kept) is one warning line, exit 0 and "report": null, every table
    written."""
    spec_file, out = _one_seed_sweep(capsys, tmp_path)
    drop_sweep_report(out)
    (out / "report.md").write_text("my notes")  # not listed in the marker: the user's
    code, stdout, err = memcap_main(capsys, "sweep", spec_file, "--out", out, "--json")
    assert code == 0 and json.loads(stdout)["report"] is None
    assert "warning: no report written (" in err and "memcap did not write it" in err
    assert (out / "report.md").read_text() == "my notes"
    assert all((out / n).is_file() for n in ("metrics.csv", "summary.csv", "summary.json"))


def test_the_report_is_written_before_the_sweep_lets_go_of_its_folder(capsys, tmp_path,
                                                                      monkeypatch):
    """A sweep wrote its report after it had released the folder's lock, so another sweep (an
    --overwrite of another spec) could take the folder in between: the first ended with "no
    report written" and printed the summary of a sweep being replaced (2026-12-05 note). The
    report is now written under the sweep's own lock: a process that takes the folder the
    moment the sweep lets go of it finds the report complete."""
    import contextlib

    import empirical.sweeps.driver as driver
    from capacity.atomic_files import folder_lock

    real = driver.run_sweep
    held = contextlib.ExitStack()

    def then_taken(spec, out, *args, **kwargs):  # another process locks the folder at once
        result = real(spec, out, *args, **kwargs)
        held.enter_context(folder_lock(out, "memcap sweep"))
        return result

    monkeypatch.setattr(driver, "run_sweep", then_taken)
    spec_file = tmp_path / "s.toml"
    spec_file.write_text(SPEC.replace("seeds = [0, 1]", "seeds = [0]"))
    out = tmp_path / "out"
    with held:
        code, stdout, err = memcap_main(capsys, "sweep", spec_file, "--out", out, "--json")
        assert code == 0 and "no report written" not in err, err
        assert json.loads(stdout)["report"] == str(out / "report.md")
        from empirical.sweeps.report import report_is_current

        assert report_is_current(out, json.loads((out / "spec.json").read_text())["spec"])


def test_a_resume_that_trains_nothing_keeps_a_custom_report(capsys, tmp_path):
    """`memcap report --metric …` wrote the user's report; a later `memcap sweep` of the same
    spec that trains nothing replaced it with the spec's report (2026-12-05 review). It stays;
    a relabelled spec (other metrics) writes the spec's report again."""
    spec_file, out = _one_seed_sweep(capsys, tmp_path)
    code, _, err = memcap_main(capsys, "report", out, "--metric", "max(weight_l2)")
    assert code == 0, err
    custom = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert "max(weight_l2)" in custom["report.md"].decode()
    code, stdout, err = memcap_main(capsys, "sweep", spec_file, "--out", out, "--json")
    assert code == 0, err
    assert json.loads(stdout)["report"] == str(out / "report.md")
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == custom
    (out / "max_weight_l2.png").unlink()  # a report without its figure is written again
    assert memcap_main(capsys, "sweep", spec_file, "--out", out)[0] == 0
    from empirical.sweeps.report import linked_figures

    assert "max(weight_l2)" not in (out / "report.md").read_text()  # the spec's report
    assert linked_figures(out / "report.md") and all(
        (out / name).is_file() for name in linked_figures(out / "report.md"))
    code, _, err = memcap_main(capsys, "report", out, "--metric", "max(weight_l2)")
    assert code == 0, err
    relabelled = spec_file.read_text().replace('"last(train_acc)"', '"last(test_acc)"')
    assert relabelled != spec_file.read_text()
    spec_file.write_text(relabelled)
    code, _, err = memcap_main(capsys, "sweep", spec_file, "--out", out, "--json")
    assert code == 0, err
    text = (out / "report.md").read_text()
    assert "last(test_acc)" in text and "max(weight_l2)" not in text


def test_a_resume_rewrites_a_report_of_another_spec_or_with_a_damaged_file(capsys, tmp_path,
                                                                          monkeypatch):
    """The kept report must be the one written for this very spec, undamaged: a relabelling
    whose report was never written (the sweep stopped after rewriting spec.json) left the old
    report kept for good, and a truncated figure or phenomena.json was kept too (sweep review,
    2026-12-05). The folder's .memcap-report.json records the spec and each file's sha-256."""
    import empirical.cli.sweep as sweep_cli

    spec_file, out = _one_seed_sweep(capsys, tmp_path)
    figure = out / "gap_weight_l2.png"
    whole = {name: (out / name).read_bytes() for name in ("phenomena.json", figure.name)}
    for name, data in whole.items():
        (out / name).write_bytes(data[: len(data) // 2])
        assert memcap_main(capsys, "sweep", spec_file, "--out", out)[0] == 0
        assert (out / name).read_bytes() == data  # written again, same bytes
    spec_file.write_text(spec_file.read_text().replace('"last(train_acc)"', '"last(test_acc)"'))

    def no_report(*args, **kwargs):  # the relabelled sweep stops before its report
        raise OSError("disk full")

    monkeypatch.setattr(sweep_cli, "write_folder_report", no_report)
    code, _, err = memcap_main(capsys, "sweep", spec_file, "--out", out)
    assert code == 0 and "no report written" in err
    assert "last(test_acc)" not in (out / "report.md").read_text()  # the old report, for now
    monkeypatch.undo()
    assert memcap_main(capsys, "sweep", spec_file, "--out", out)[0] == 0
    assert "last(test_acc)" in (out / "report.md").read_text()


def test_the_printed_sweep_table_shows_nan_not_none(capsys, tmp_path):
    """A diverged run's loss printed None, as a metric not computed would (the table was built
    from the JSON-ready rows); it prints as summary.csv holds it (2026-12-05 review)."""
    spec = tmp_path / "div.toml"
    spec.write_text('name = "div"\npreset = "boolean-small"\nseeds = [0]\n'
                    'metrics = ["last(train_loss)"]\n[base]\nensemble = 1\n'
                    'train = { steps = 20, log_every = 10, optimizer = "sgd" }\n'
                    '[[grid]]\nfield = "train.lr"\nvalues = [0.01, 1e6]\n')
    code, out, _ = memcap_main(capsys, "sweep", spec, "--out", tmp_path / "s", "--threads", "1")
    assert code == 0 and "None" not in out
    assert [line.split("│")[4].strip() for line in out.splitlines()
            if line.startswith("│")][1] == "nan"
    code, out, _ = memcap_main(capsys, "sweep", spec, "--out", tmp_path / "s", "--json")
    assert code == 0 and json.loads(out)["summary"][1]["last(train_loss)"] is None  # JSON


def test_report_and_overwrite_in_a_reported_folder_of_a_marker_without_a_list(capsys, tmp_path):
    """A marker without an entry list (memcap of 2026-11-30) reads as the names memcap wrote
    then: a sweep report's figures, named after its metrics, among them (memcap report refused
    'gap_weight_l2.png ... memcap did not write it' in such a folder; 2026-12-06 review)."""
    spec_file, out = _one_seed_sweep(capsys, tmp_path)
    assert list(out.glob("*.png"))  # the report's figures
    (out / ".memcap-report.json").unlink(missing_ok=True)  # that memcap wrote none
    (out / "summary.json").unlink()
    (out / ".memcap-folder").write_text('{"format": "memcap.folder/1", "note": "written"}\n')
    code, _, err = memcap_main(capsys, "report", out)
    assert code == 0, err
    (out / "thesis.tex").write_text("mine")  # but a user's file still blocks --overwrite
    code, _, err = memcap_main(capsys, "sweep", spec_file, "--out", out, "--overwrite")
    assert code == 2 and "'thesis.tex'" in err and (out / "thesis.tex").read_text() == "mine"
    (out / "thesis.tex").unlink()
    assert memcap_main(capsys, "sweep", spec_file, "--out", out, "--overwrite")[0] == 0


def test_a_sweep_over_depth_0_finishes_and_resumes(capsys, tmp_path):
    """A linear model's results say width 0 since 2026-12-06, and the sweep's integrity check
    still expected the configured width: every depth-0 group was "damaged" as soon as it was
    written, and the sweep never finished (2026-12-06 diff review). It finishes, its tables say
    width 0 for depth 0, a resume trains nothing, and a group written the old way (the
    configured width) still counts as intact."""
    spec = tmp_path / "depth.toml"
    spec.write_text('name = "d"\nseeds = [0, 1]\n[base]\ntrain = { steps = 4, log_every = 2 }\n'
                    'data = { n_train = 8, n_test = 4 }\nmodel = { width = 5 }\n[[grid]]\n'
                    'field = "model.depth"\nvalues = [0, 1]\n')
    out = tmp_path / "sw"
    code, _, err = memcap_main(capsys, "sweep", spec, "--out", out)
    assert code == 0, err
    summary = pd.read_csv(out / "summary.csv")
    assert dict(zip(summary["model.depth"], summary["width"], strict=True)) == {0: 0, 1: 5}
    group = next(p for p in sorted((out / "runs").glob("group-*.csv"))
                 if set(pd.read_csv(p)["model.depth"]) == {0})
    legacy = pd.read_csv(group, dtype=str, keep_default_na=False)
    legacy["width"] = "5"  # what memcap wrote for a linear model until 2026-12-06
    group.write_text(legacy.to_csv(index=False))
    manifest = json.loads((out / "manifest.json").read_text())  # as that memcap recorded it
    record = manifest["groups"][str(int(group.stem.split("-")[1]))]
    record["sha256"] = hashlib.sha256(group.read_bytes()).hexdigest()
    (out / "manifest.json").write_text(json.dumps(manifest))
    code, out_text, err = memcap_main(capsys, "sweep", spec, "--out", out, "--json")
    assert code == 0, err
    assert json.loads(out_text)["trained_groups"] == 0


def test_a_sweep_renamed_in_its_spec_resumes_its_folder(capsys, tmp_path):
    """The name is a label: the refusal of a name that breaks the rule (since 2026-12-06) tells
    the user to rename it, and a folder written under the old name resumes under the new one,
    training nothing again."""
    spec = tmp_path / "s.toml"
    text = ('name = "first"\n[base]\ntrain = { steps = 2 }\ndata = { n_train = 8, n_test = 4 }'
            '\n[[grid]]\nfield = "model.width"\nvalues = [2, 3]\n')
    spec.write_text(text)
    out = tmp_path / "sw"
    assert memcap_main(capsys, "sweep", spec, "--out", out)[0] == 0
    spec.write_text(text.replace('"first"', '"bad\\tname"'))
    code, _, err = memcap_main(capsys, "sweep", spec, "--out", out)
    assert code == 2 and "resumes under the new one" in err
    spec.write_text(text.replace('"first"', '"second"'))
    code, stdout, err = memcap_main(capsys, "sweep", spec, "--out", out, "--json")
    assert code == 0, err
    d = json.loads(stdout)
    assert (d["name"], d["trained_groups"]) == ("second", 0)


def test_bench_sweep_uses_at_most_one_dask_worker_a_run(capsys, monkeypatch):
    """An idle Dask worker only adds start-up: a typed --dask-workers past the sweep's runs is
    refused (1 000 were taken), while the untyped default of 2 shrinks to one worker for a
    one-size sweep instead of refusing what the user never typed (2026-12-06 reviews)."""
    import empirical.bench.sweep as sb

    seen = []
    monkeypatch.setattr(sb, "bench_sweep", lambda **kw: seen.append(kw["workers"]) or {"ok": 1})
    code, _, err = memcap_main(capsys, "bench", "sweep", "--dask-workers", "1000")
    assert code == 2 and "--dask-workers 1000 is more than the sweep's 10 run(s)" in err
    code, _, err = memcap_main(capsys, "bench", "sweep", "--sizes", "12,24", "--dask-workers",
                               "3")
    assert code == 2 and "more than the sweep's 2 run(s)" in err and not seen
    code, _, err = memcap_main(capsys, "bench", "sweep", "--sizes", "50", "--steps", "3",
                               "--json")
    assert code == 0 and seen == [1], err
