"""``memcap sweep`` / ``memcap report``: dry run, error paths, resume, report files."""

import json
import subprocess
import sys

import pandas as pd
import pytest

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


def memcap(*args):
    return subprocess.run([sys.executable, "-m", "memcap", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


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
    (["--dask-workers", "0"], "--dask-workers must be at least 1"),
    (["--scheduler", "localhost"], "malformed scheduler address"),
    (["--preset", "l2-blog-sweep"], "not both"),
])
def test_bad_flags_exit_2(tmp_path, spec_file, args, words):
    r = memcap("sweep", spec_file, "--out", tmp_path / "out", *args)
    assert r.returncode == 2 and words in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_sweep_resume_refuse_other_spec_and_report(tmp_path, spec_file):
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
    r = memcap("report", out, "--metric", "median(weight_l2)")
    assert r.returncode == 2 and "unknown reduction 'median'" in r.stderr
    r = memcap("report", tmp_path)
    assert r.returncode == 2 and "not a sweep folder" in r.stderr
