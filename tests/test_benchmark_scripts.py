"""The scripts in tests/benchmarks/ measure by hand (their figures are in docs/benchmarks.md);
the default suite checks that each imports and that the margin benchmark's stand-in count takes
the trainer's arguments (it failed with a TypeError from 2026-12-03, when the trainer began
passing the counted mask, until a review ran it on 2026-12-05), and the slow tests run each at
its smallest settings."""

import importlib.util
from pathlib import Path

import pytest
import torch

SCRIPTS = sorted((Path(__file__).parent / "benchmarks").glob("bench_*.py"))


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(f"memcap_bench_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # definitions only: each runs under __main__ alone
    return module


@pytest.mark.parametrize("path", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_a_benchmark_script_imports_and_says_how_to_run_it(path):
    module = _load(path)
    assert path.name in (module.__doc__ or "")  # its command line, for the docs' figures


def test_the_margin_benchmarks_strict_count_takes_the_trainers_arguments():
    from empirical.engine.observables import correct_count

    strict_count = _load(Path(__file__).parent / "benchmarks" / "bench_margin.py").strict_count
    logits = torch.tensor([[[2.0, -1.0], [-3.0, 4.0], [1.0, 0.5]]])  # (K, n, V), all decided
    y = torch.tensor([[0, 1, 1]])
    counted = torch.tensor([[True, True, False]])
    for mask in (None, counted):
        assert strict_count(logits, y, mask).tolist() == correct_count(logits, y, mask).tolist()
    assert strict_count(logits, y, counted).tolist() == [2]


#: Each script's smallest settings (70–125 s for all on the 2-core box): the main paths run.
SMALLEST = {
    "bench_constructions": ["--repeats", "1", "--case", "depth3:6", "--no-memory"],
    "bench_drop_stopped": ["--inputs", "3", "--repeats", "1"],
    "bench_exact_modes": ["--rows", "1", "--repeats", "1", "--time-limit", "20"],
    "bench_hardening": [],
    "bench_margin": ["--pairs", "1"],
    "bench_members": ["--inputs", "3", "--members", "4", "--steps", "5"],
    "bench_search_curves": ["--pairs", "1", "--inputs", "4"],
    "bench_search_ensembles": ["--repeats", "1"],
    "bench_sweep": ["--quick", "--steps", "5", "--dask-workers", "0"],
    "bench_threads": ["--repeats", "1"],
    "bench_train": ["--quick", "--threads", "1"],
}


def test_every_benchmark_script_has_smallest_settings():
    assert sorted(SMALLEST) == [p.stem for p in SCRIPTS]


@pytest.mark.slow
@pytest.mark.parametrize("path", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_a_benchmark_script_runs_at_its_smallest_settings(path, tmp_path):
    """Importing is not running: bench_margin.py imported fine while its main path failed."""
    import subprocess
    import sys

    r = subprocess.run([sys.executable, str(path), *SMALLEST[path.stem]], capture_output=True,
                       text=True, timeout=600, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip(), "printed no measurement"
