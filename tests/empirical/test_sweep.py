"""Sweep spec parsing, grouping into ensembles, resume after a failure, executor equivalence."""

import math
import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from empirical.engine.executor import InProcessExecutor
from empirical.sweeps.driver import group_runs, run_sweep
from empirical.sweeps.spec import GridAxis, SweepSpec, load_spec

TINY = {"train": {"steps": 6, "log_every": 3}, "data": {"n_train": 12, "n_test": 5},
        "dtype": "float64"}


def tiny_spec(**kw):
    d = {"base": TINY, "grid": [{"field": "model.width", "values": [3, 5]}], "seeds": [0, 1]}
    d.update(kw)
    return SweepSpec.from_dict(d)


# --- spec parsing -------------------------------------------------------------------------------

@pytest.mark.parametrize("d, words", [
    ({"grid": [{"field": "model.widht", "values": [1]}]}, "unknown sweep field 'model.widht'"),
    ({"grid": [{"field": "model.width", "values": []}]}, "empty grid for model.width"),
    ({"grid": []}, "has no grid"),
    ({}, "has no grid"),
    ({"grid": [{"fields": ["data.n_train", "data.n_test"], "values": [[10, 10], [20]]}]},
     "value 2 is [20] with 1 entries for 2 fields"),
    ({"grid": [{"field": "model.width", "values": [-3]}]}, "model.width must be an integer"),
    ({"grid": [{"field": "model.width", "values": [2]}], "sedes": [0]}, "unknown sweep key"),
    ({"grid": [{"field": "model.width", "values": [2]}], "seed_mode": "all"}, "seed_mode"),
    ({"grid": [{"field": "widths", "values": [2]}]}, "per-member lists"),
    ({"grid": [{"field": "model.width", "values": [2]}], "metrics": ["median(x)"]},
     "unknown reduction 'median'"),
])
def test_bad_specs_raise_one_clear_valueerror(d, words):
    with pytest.raises(ValueError) as err:
        SweepSpec.from_dict(d)
    assert words in str(err.value)
    assert "\n" not in str(err.value)


@settings(deadline=None, max_examples=25)
@given(st.lists(st.integers(1, 40), min_size=1, max_size=4, unique=True),
       st.lists(st.sampled_from([1e-3, 1e-2, 0.1]), min_size=1, max_size=3, unique=True),
       st.lists(st.integers(0, 50), min_size=1, max_size=3, unique=True),
       st.sampled_from(["both", "data", "init"]))
def test_runs_are_the_grid_product_times_seeds(widths, lrs, seeds, mode):
    spec = SweepSpec.from_dict({"grid": [{"field": "model.width", "values": widths},
                                         {"field": "train.lr", "values": lrs}],
                                "seeds": seeds, "seed_mode": mode})
    runs = spec.runs()
    assert len(runs) == len(widths) * len(lrs) * len(seeds)
    assert [r.run_id for r in runs] == list(range(len(runs)))
    points = {(r.params["model.width"], r.params["train.lr"], r.seed) for r in runs}
    assert len(points) == len(runs)
    for r in runs:
        assert r.config.model.width == r.params["model.width"]
        assert r.config.train.lr == r.params["train.lr"]
        assert r.config.data.seed == 9266 + (r.seed if mode != "init" else 0)
        assert r.config.model.init_seed == 1207 + (r.seed if mode != "data" else 0)
    # groups: one per lr (width and seeds never split a group); members in run order
    groups = group_runs(runs)
    assert len(groups) == len(lrs)
    assert sorted(i for g in groups for i in g.run_ids) == list(range(len(runs)))
    for g in groups:
        assert len({runs[i].config.train.lr for i in g.run_ids}) == 1
        assert list(g.config.widths) == [runs[i].config.model.width for i in g.run_ids]


def test_tied_fields_and_preset():
    spec = load_spec(preset="l2-blog-sweep")
    sizes = [r.params["data.n_train"] for r in spec.runs()]
    assert sizes == [50 * 2**i for i in range(10)]
    assert all(r.config.data.n_test == r.config.data.n_train for r in spec.runs())
    assert all((r.config.data.seed, r.config.model.init_seed) == (9266, 1207)
               for r in spec.runs())
    assert spec.parameter == "data.n_train"
    assert len(group_runs(spec.runs())) == 10  # different n: no sharing
    assert GridAxis.build(["data.n_train", "data.n_test"], [[8, 4]]).values == ((8, 4),)


def test_spec_round_trips_through_its_dict():
    spec = tiny_spec()
    again = SweepSpec.from_dict({k: v for k, v in spec.to_dict().items() if k != "base"}
                                | {"base": spec.base.to_dict(), "preset": "l2-blog"})
    assert again.fingerprint() == spec.fingerprint()


# --- grouping: a grouped run equals the same run alone ------------------------------------------

def test_grouped_run_metrics_equal_the_run_alone(tmp_path):
    spec = tiny_spec()
    table = run_sweep(spec, tmp_path / "all")
    assert table["groups"] == 1 and table["runs"] == 4
    together = pd.read_csv(tmp_path / "all" / "metrics.csv")
    for run in spec.runs():
        alone = SweepSpec.from_dict({"base": run.config.to_dict(), "grid": [
            {"field": "model.width", "values": [run.config.model.width]}]})
        run_sweep(alone, tmp_path / f"alone{run.run_id}")
        a = pd.read_csv(tmp_path / f"alone{run.run_id}" / "metrics.csv")
        t = together[together.run_id == run.run_id].reset_index(drop=True)
        for col in ("train_loss", "test_loss", "weight_l2", "train_acc"):
            np.testing.assert_allclose(t[col], a[col], rtol=1e-9, atol=1e-12)


# --- resume after a failure mid-sweep -----------------------------------------------------------

class _DiesAfter(InProcessExecutor):
    """Runs ``k`` executor calls, then raises as if the process were killed."""

    def __init__(self, k):
        self.k = k

    def map(self, fn, tasks, progress=False):
        if self.k == 0:
            raise KeyboardInterrupt("killed")
        self.k -= 1
        return super().map(fn, tasks, progress)


def test_resume_after_kill_gives_the_uninterrupted_tables(tmp_path):
    spec = tiny_spec(grid=[{"fields": ["data.n_train", "data.n_test"], "values": [6, 9, 12]},
                           {"field": "model.width", "values": [3, 4]}])
    full = run_sweep(spec, tmp_path / "full")
    assert full["groups"] == 3
    with pytest.raises(KeyboardInterrupt):
        run_sweep(spec, tmp_path / "cut", executor=_DiesAfter(2))
    files = sorted(p.name for p in (tmp_path / "cut" / "runs").iterdir())
    assert files == ["group-0000.csv", "group-0001.csv"]  # no temp or partial file
    assert not (tmp_path / "cut" / "metrics.csv").exists()
    again = run_sweep(spec, tmp_path / "cut")
    assert (again["trained_groups"], again["resumed_groups"]) == (1, 2)
    for name in ("metrics.csv", "summary.csv"):
        a = pd.read_csv(tmp_path / "full" / name)
        b = pd.read_csv(tmp_path / "cut" / name)
        pd.testing.assert_frame_equal(a, b)
    t = pd.read_csv(tmp_path / "cut" / "metrics.csv")
    assert not t.duplicated(["run_id", "step"]).any()
    assert sorted(t.run_id.unique()) == list(range(12))
    assert (t.groupby("run_id").size() == 3).all()  # steps 0, 3, 6


def test_summary_holds_the_derived_metrics(tmp_path):
    spec = tiny_spec()
    run_sweep(spec, tmp_path / "s")
    t = pd.read_csv(tmp_path / "s" / "metrics.csv")
    s = pd.read_csv(tmp_path / "s" / "summary.csv")
    for _, row in s.iterrows():
        w = t[t.run_id == row.run_id].sort_values("step")["weight_l2"].to_numpy()
        assert row["gap(weight_l2)"] == pytest.approx(w[-1] - w[0])
        assert row["root_gap(weight_l2)"] == pytest.approx(
            math.copysign(math.sqrt(abs(w[-1] ** 2 - w[0] ** 2)), w[-1] ** 2 - w[0] ** 2))
    assert list(s["model.width"]) == [3, 3, 5, 5] and list(s["seed"]) == [0, 1, 0, 1]


# --- executors ----------------------------------------------------------------------------------

class _ShippingExecutor(InProcessExecutor):
    """Pickles each task and result (as a remote worker would) and runs the tasks backwards."""

    workers = 2

    def map(self, fn, tasks, progress=False):
        tasks = [pickle.loads(pickle.dumps(t)) for t in tasks]
        out = [pickle.loads(pickle.dumps(fn(t))) for t in reversed(tasks)]
        return out[::-1]


def test_executor_equivalence_fast(tmp_path):
    spec = tiny_spec(grid=[{"field": "train.lr", "values": [1e-3, 1e-2, 3e-2]}])
    run_sweep(spec, tmp_path / "a")
    run_sweep(spec, tmp_path / "b", executor=_ShippingExecutor())
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "a" / "metrics.csv"),
                                  pd.read_csv(tmp_path / "b" / "metrics.csv"))


@pytest.mark.slow
def test_executor_equivalence_local_dask_cluster(tmp_path):
    from empirical.engine.executor import DaskExecutor

    spec = tiny_spec(grid=[{"field": "train.lr", "values": [1e-3, 1e-2, 3e-2]}])
    run_sweep(spec, tmp_path / "a")
    with DaskExecutor(workers=2) as ex:
        run_sweep(spec, tmp_path / "b", executor=ex)
    a = pd.read_csv(tmp_path / "a" / "metrics.csv")
    b = pd.read_csv(tmp_path / "b" / "metrics.csv")
    assert list(a.columns) == list(b.columns)
    assert (a[["run_id", "step"]] == b[["run_id", "step"]]).all().all()
    num = a.select_dtypes("number").columns
    np.testing.assert_allclose(a[num], b[num], rtol=1e-9, atol=1e-12)  # float64: threads only
