"""Sweep spec parsing, grouping into ensembles, resume after a failure, executor equivalence."""

import json
import math
import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capacity.errors import UsageError
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
    # found only after all the training until 2026-12 (the metric's column was not checked)
    ({"grid": [{"field": "model.width", "values": [2]}], "metrics": ["gap(nonexistent)"]},
     "unknown column 'nonexistent' in 'gap(nonexistent)'"),
    ({"grid": [{"field": "model.depth", "values": [1, 2]}], "metrics": ["last(l2_layer3)"]},
     "unknown column 'l2_layer3'"),
    # each of these was an internal error (exit 70) or, for name, accepted
    ({"grid": [{"field": 3, "values": [2]}]}, "must name its field(s) as text, got 3"),
    ({"grid": [{"fields": ["model.width", 3], "values": [2]}]}, "must name its field(s) as text"),
    ({"grid": [{"field": "model.width", "values": [2]}], "metrics": [3]},
     "metrics must be a non-empty list of REDUCTION(COLUMN) texts, got [3]"),
    ({"grid": [{"field": "model.width", "values": [2]}], "metrics": "gap(weight_l2)"},
     "metrics must be a list, got 'gap(weight_l2)'"),
    ({"grid": [{"field": "model.width", "values": [2]}], "name": 5}, "name must be text, got 5"),
    ({"grid": [{"field": "model.width", "values": [2]}], "parameter": []}, "parameter must be"),
    ({"grid": [{"field": "model.width", "values": [2]}], "preset": ["l2-blog"]},
     "unknown preset"),
    # seeds the engine's generators cannot take (an overflow after validation, exit 70)
    ({"grid": [{"field": "model.width", "values": [2]}], "seeds": [10**23]}, "0..2**63-1"),
    ({"grid": [{"field": "model.width", "values": [2]}], "seeds": [2**63 - 1]},
     "data.seed = 9223372036854785073, outside 0..2**63-1"),
    ({"grid": [{"field": "model.width", "values": [2]}], "seeds": [2**63 - 1],
      "seed_mode": "init"}, "model.init_seed = 9223372036854777014, outside"),
    ({"grid": [{"field": "data.seed", "values": [-1]}]}, "data.seed = -1, outside 0..2**63-1"),
    ({"grid": [{"field": "train.shuffle_seed", "values": [2**63]}]}, "train.shuffle_seed"),
    # per-member lists in the base were silently ignored (2026-12-02 review)
    ({"grid": [{"field": "model.width", "values": [2]}], "base": {"init_seeds": [77]}},
     "the base config sets init_seeds"),
    ({"grid": [{"field": "model.depth", "values": [1]}], "base": {"widths": [3]}},
     "set model.width in the base"),
    ({"grid": [{"field": "model.width", "values": [2]}], "base": {"data_seeds": [5]}},
     "data_seeds"),
    # a base lrs / tables overrode the grid's train.lr / data.table in every run, whose labels
    # then named values that were never trained (2026-12-03 audit)
    ({"grid": [{"field": "train.lr", "values": [0.001, 0.1]}], "base": {"lrs": [0.5]}},
     "the base config sets lrs, a per-member list the sweep sets itself from each run's "
     "train.lr"),
    ({"grid": [{"field": "data.function", "values": ["parity", "and"]}],
      "base": {"data": {"kind": "boolean", "inputs": 3}, "tables": ["01101001"]}},
     "set data.table in the base"),
    ({"grid": [{"field": "lrs", "values": [0.01]}]}, "per-member lists are set by the sweep"),
    # untested refusals (mutation audit, 2026-12-07)
    ({"grid": [{"field": "model.width", "values": [3, 5]}], "seeds": [0, 0]},
     "seeds [0, 0] repeat a seed"),
    ({"grid": [{"field": "model.width", "values": [3, 5]}] * 2},
     "a field appears on two grid axes"),
    ({"grid": [{"field": "model.width", "values": [3, 5]}], "base": {"ensemble": 2}},
     "the base config of a sweep must have one member"),
    ({"grid": [{"field": "model.width", "values": [3, 5]}], "parameter": "train.lr"},
     "parameter 'train.lr' is not a grid field; choose one of model.width"),
    ({"grid": [{"field": "model.width", "fields": ["model.width"], "values": [3, 5]}]},
     "give 'field' (one field) or 'fields' (fields that move together), not both"),
    ({"grid": [{"field": "model.width", "values": [3]}], "seeds": [10**5000]},
     "got [an integer of 5001 digits]"),  # the message's repr raised ValueError
    # a field takes each value whole: [3] is not a width (read as 3 until 2026-12-07)
    ({"grid": [{"field": "model.width", "values": [[3], [5]]}]},
     "model.width must be an integer, got [3] (list)"),
    ({"grid": [{"fields": ["model.width", "model.width"], "values": [3]}]},
     "grid axis names a field twice: model.width, model.width"),
    ({"grid": [{"field": "tables", "values": ["0110"]}]}, "per-member lists are set by the sweep"),
])
def test_bad_specs_raise_one_clear_valueerror(d, words):
    with pytest.raises(ValueError) as err:
        SweepSpec.from_dict(d)
    assert words in str(err.value)
    assert "\n" not in str(err.value)


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                     | st.text(max_size=12) | st.sampled_from(["model.width", "gap(weight_l2)"]),
                     lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6)


@settings(deadline=None, max_examples=150)
@given(st.sampled_from(["name", "preset", "base", "seeds", "seed_mode", "metrics", "parameter",
                        "grid", "grid.field", "grid.fields", "grid.values"]), _JSON)
def test_any_value_anywhere_in_a_spec_is_a_spec_or_one_clear_usage_error(key, value):
    """Never an internal error: a TOML/JSON spec holds any value in any key."""
    from capacity.errors import UsageError

    d = {"grid": [{"field": "model.width", "values": [3, 4]}]}
    if key.startswith("grid."):
        entry = {"field": "model.width", "values": [3, 4]}
        if key == "grid.fields":
            del entry["field"]
        entry[key[5:]] = value
        d["grid"] = [entry]
    else:
        d[key] = value
    try:
        spec = SweepSpec.from_dict(d)
    except UsageError as err:
        assert str(err) and "\n" not in str(err)
        return
    assert all(0 <= r.config.data.seed < 2**63 for r in spec.runs())


def test_metric_columns_are_the_labels_and_what_the_engine_logs():
    spec = SweepSpec.from_dict({"grid": [{"field": "model.depth", "values": [1, 3]}],
                                "metrics": ["last(l2_layer3)", "max(model.depth)",
                                            "first(data_seed)", "mean_last_2(mi_bits)"]})
    assert spec.metrics[0] == "last(l2_layer3)"  # the deepest run logs l2_layer0..3
    gpt = {"model": {"kind": "transformer", "depth": 1, "width": 8, "heads": 2},
           "data": {"kind": "tokens", "n_train": 6, "n_test": 2, "seq_len": 4, "classes": 5}}
    SweepSpec.from_dict({"base": gpt, "grid": [{"field": "train.lr", "values": [0.01]}],
                         "metrics": ["last(l2_layer2)"]})  # depth + 2 parameter groups


def test_a_transformer_group_file_passes_the_schema_check(tmp_path):
    """The schema's l2_layer columns are the engine's for a transformer too (depth + 2): a
    damaged-manifest resume kept no transformer group before."""
    from empirical.sweeps.driver import _labels
    from empirical.sweeps.integrity import schema_problem

    gpt = {"model": {"kind": "transformer", "depth": 1, "width": 8, "heads": 2},
           "data": {"kind": "tokens", "n_train": 6, "n_test": 2, "seq_len": 4, "classes": 5},
           "train": {"steps": 2, "log_every": 1}}
    spec = SweepSpec.from_dict({"base": gpt, "grid": [{"field": "train.lr", "values": [0.01]}],
                                "metrics": ["last(l2_layer2)"]})
    run_sweep(spec, tmp_path / "s")
    g = group_runs(spec.runs())[0]
    data = (tmp_path / "s" / "runs" / "group-0000.csv").read_bytes()
    assert schema_problem(data, 0, g.config, _labels(spec.runs(), g)) is None


def test_relabelling_a_finished_sweep_trains_nothing_and_takes_the_new_labels(tmp_path):
    """name, metrics and parameter do not change what is trained: the resume keeps every group
    and the folder's spec.json and summary.csv follow the new spec."""
    import json

    first = run_sweep(tiny_spec(name="a"), tmp_path / "s")
    group = (tmp_path / "s" / "runs" / "group-0000.csv").read_bytes()
    again = run_sweep(tiny_spec(name="b", metrics=["max(weight_l2)"],
                                parameter="model.width"), tmp_path / "s")
    assert (first["trained_groups"], again["trained_groups"], again["resumed_groups"]) == (1, 0, 1)
    assert (tmp_path / "s" / "runs" / "group-0000.csv").read_bytes() == group
    stored = json.loads((tmp_path / "s" / "spec.json").read_text())["spec"]
    assert (stored["name"], stored["metrics"]) == ("b", ["max(weight_l2)"])
    assert list(pd.read_csv(tmp_path / "s" / "summary.csv").columns)[-1] == "max(weight_l2)"
    with pytest.raises(ValueError, match="holds a different sweep spec"):
        run_sweep(tiny_spec(seeds=[0, 2]), tmp_path / "s")  # seeds do change the training
    # the parameter that is not the default: over a two-axis grid, the report's axis moves
    # to the second one and nothing trains again (the default was the only one tried; a
    # fingerprint that kept the parameter passed every test, 2026-12-06 mutation audit)
    grid = [{"field": "model.width", "values": [3, 5]},
            {"field": "train.lr", "values": [0.01, 0.1]}]
    two = run_sweep(tiny_spec(grid=grid), tmp_path / "t")
    moved = run_sweep(tiny_spec(grid=grid, parameter="train.lr"), tmp_path / "t")
    assert two["trained_groups"] > 0 and moved["trained_groups"] == 0
    stored = json.loads((tmp_path / "t" / "spec.json").read_text())["spec"]
    assert stored["parameter"] == "train.lr"


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


def test_a_tied_axis_gives_the_base_its_first_width_before_the_base_is_checked():
    """A transformer base whose heads (3) do not divide the preset's width takes the width of a
    tied axis's first value, as a single field's axis gives it (mutation audit, 2026-12-07:
    only the single-field form was tested)."""
    base = {"model": {"kind": "transformer", "heads": 3, "depth": 1},
            "data": {"kind": "tokens", "seq_len": 9, "classes": 16, "n_test": 8}}
    spec = SweepSpec.from_dict({"base": base, "grid": [
        {"fields": ["model.width", "data.n_train"], "values": [[6, 16], [12, 32]]}]})
    assert [(r.config.model.width, r.config.data.n_train) for r in spec.runs()] == [
        (6, 16), (12, 32)]


def test_spec_round_trips_through_its_dict():
    spec = tiny_spec()
    again = SweepSpec.from_dict({k: v for k, v in spec.to_dict().items() if k != "base"}
                                | {"base": spec.base.to_dict(), "preset": "l2-blog"})
    assert again.fingerprint() == spec.fingerprint() and again.to_dict() == spec.to_dict()


# --- grouping: a grouped run equals the same run alone ------------------------------------------

def test_a_transformer_sweep_over_width_trains_one_ensemble_per_width(tmp_path):
    """The batched transformer has no width masks: such a sweep was refused (2026-12-01
    audit); MLP widths still share one ensemble."""
    gpt = {"model": {"kind": "transformer", "depth": 1, "width": 8, "heads": 2},
           "data": {"kind": "tokens", "n_train": 6, "n_test": 2, "seq_len": 4, "classes": 5},
           "train": {"steps": 2, "log_every": 1}}
    spec = SweepSpec.from_dict({"base": gpt, "seeds": [0, 1],
                                "grid": [{"field": "model.width", "values": [8, 16]}]})
    groups = group_runs(spec.runs())
    assert [set(g.config.widths) for g in groups] == [{8}, {16}]
    assert [len(g.run_ids) for g in groups] == [2, 2]
    assert run_sweep(spec, tmp_path / "s")["runs"] == 4
    mlp = SweepSpec.from_dict({"grid": [{"field": "model.width", "values": [8, 16]}]})
    assert len(group_runs(mlp.runs())) == 1


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


@pytest.mark.parametrize("name", ["", "  ", "a\u001b[31mred", "two\nlines", "x" * 201])
def test_a_sweep_name_is_printable_text_of_at_most_200_characters(name):
    """The name heads every table and report: an escape sequence or a newline reached the
    terminal raw, "" printed "memcap sweep  (dry run)", 10^5 characters were taken
    (2026-12-06 hostile-input review)."""
    from empirical.engine.config import RunConfig

    axes = (GridAxis.build(["model.width"], [2, 3]),)
    with pytest.raises(UsageError, match="name must be printable text of 1 to 200"):
        SweepSpec(name=name, base=RunConfig(), axes=axes)
    assert SweepSpec(name="ok " + "y" * 197, base=RunConfig(), axes=axes).name[:2] == "ok"
    # a sweep folder's stored spec keeps its name: written before the rule, it still resumes
    # and reports (diff review)
    stored = SweepSpec.from_dict({"name": name, "grid": [{"field": "model.width",
                                                          "values": [2, 3]}]}, stored=True)
    assert stored.name == name


def test_a_name_with_rich_markup_is_printed_as_text(tmp_path, capsys, monkeypatch):
    """A sweep named "a[/]b" (rich's closing tag) ended in status 70 after the training; its
    dry run, run and report print the name as text (sweep review)."""
    from memcap_cli import memcap_main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "nm.toml").write_text(
        'name = "a[/]b [red]x"\npreset = "l2-blog"\n'
        'base = { train = { steps = 10, log_every = 5 } }\n'
        '[[grid]]\nfield = "model.width"\nvalues = [4]\n')
    code, out, err = memcap_main(capsys, "sweep", "nm.toml", "--dry-run")
    assert code == 0, err
    assert "a[/]b [red]x" in " ".join(out.split())
    code, out, err = memcap_main(capsys, "sweep", "nm.toml", "--out", "[/]o", "--threads", "1")
    assert code == 0, err
    assert "sweep folder: [/]o" in out
    code, out, err = memcap_main(capsys, "report", "[/]o")
    assert code == 0, err


class _KilledMidBatch(InProcessExecutor):
    """A two-worker executor (batches of 4 groups) killed after ``k`` groups of its batch."""

    workers = 2

    def __init__(self, k):
        self.k = k

    def map(self, fn, tasks, progress=False, on_result=None):
        for i, task in enumerate(tasks):
            if i == self.k:
                raise KeyboardInterrupt("killed")
            on_result(i, fn(task))
        return []  # never reached in this test


def test_groups_finished_before_a_kill_are_kept_with_workers(tmp_path):
    """With --workers a batch holds 2K groups; each group is saved as it finishes, so a kill
    mid-batch keeps the finished ones (they were lost with the whole batch: sweep review)."""
    spec = tiny_spec(grid=[{"fields": ["data.n_train", "data.n_test"], "values": [6, 9, 12]},
                           {"field": "model.width", "values": [3, 4]}])
    full = run_sweep(spec, tmp_path / "full")
    with pytest.raises(KeyboardInterrupt):
        run_sweep(spec, tmp_path / "cut", executor=_KilledMidBatch(2))
    files = sorted(p.name for p in (tmp_path / "cut" / "runs").iterdir())
    assert files == ["group-0000.csv", "group-0001.csv"]
    manifest = json.loads((tmp_path / "cut" / "manifest.json").read_text())
    assert len(manifest["groups"]) == 2
    again = run_sweep(spec, tmp_path / "cut")
    assert (again["trained_groups"], again["resumed_groups"]) == (full["groups"] - 2, 2)
    for name in ("metrics.csv", "summary.csv"):
        pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "full" / name),
                                      pd.read_csv(tmp_path / "cut" / name))


def test_executors_hand_each_result_over_as_it_finishes():
    from empirical.engine.executor import ProcessExecutor

    seen = []
    assert InProcessExecutor().map(abs, [-3, 4, -5], on_result=lambda i, r: seen.append((i, r))) \
        == [3, 4, 5]
    assert seen == [(0, 3), (1, 4), (2, 5)]
    seen.clear()
    with ProcessExecutor(workers=2, threads=0) as ex:  # 0: no torch in the workers
        assert ex.map(abs, [-3, 4, -5, 6], on_result=lambda i, r: seen.append((i, r))) \
            == [3, 4, 5, 6]
    assert sorted(seen) == [(0, 3), (1, 4), (2, 5), (3, 6)]


def test_a_repeated_value_or_configuration_is_refused():
    """2 and 2.0 are one learning rate, and a data.seed grid stepping by a seed offset trains
    one run twice: each would be counted as a second seed of one point (sweep review)."""
    with pytest.raises(ValueError, match="repeats a value"):
        tiny_spec(grid=[{"field": "train.lr", "values": [1, 2, 4, 2.0]}])
    with pytest.raises(ValueError, match="train the same configuration"):
        SweepSpec.from_dict({"preset": "l2-blog", "base": TINY, "seeds": [0, 1],
                             "seed_mode": "data",
                             "grid": [{"field": "data.seed", "values": [9266, 9267]}]})
    ok = SweepSpec.from_dict({"preset": "l2-blog", "base": TINY, "seeds": [0, 1],
                              "seed_mode": "data",
                              "grid": [{"field": "data.seed", "values": [9266, 9276]}]})
    assert len(ok.runs()) == 4
    with pytest.raises(ValueError, match="must be a list, got '4'"):
        tiny_spec(grid=[{"field": "model.width", "values": "4"}])


def test_the_returned_summary_keeps_every_digit_of_summary_csv(tmp_path):
    """sweep --json printed the summary through pandas' to_json, 10 decimals (3.2e-12 became
    0.0); it now holds the values summary.csv holds (sweep review)."""
    spec = tiny_spec(grid=[{"field": "train.lr", "values": [1e-3, 1e-2]}])
    result = run_sweep(spec, tmp_path / "s")
    table = pd.read_csv(tmp_path / "s" / "summary.csv")
    for row, rec in zip(table.to_dict(orient="records"), result["summary"], strict=True):
        for key, value in row.items():
            if isinstance(value, float) and math.isfinite(value):
                assert rec[key] == value, key


def test_the_memory_guard_counts_the_groups_workers_train_at_once(monkeypatch):
    """With --workers K, K groups train at once: two groups that each fit but not together are
    refused (the guard checked one group at a time; sweep review)."""
    import empirical.engine.config as config
    from empirical.cli.sweep import check_sweep_size

    spec = tiny_spec(grid=[{"fields": ["data.n_train", "data.n_test"], "values": [6, 9, 12]}])
    need = [g.config.estimated_bytes() for g in
            __import__("empirical.sweeps.driver", fromlist=["group_runs"]).group_runs(
                spec.runs())]
    monkeypatch.setattr(config, "memory_limit_bytes", lambda: max(need) + 1)
    check_sweep_size(spec, workers=1)
    with pytest.raises(ValueError, match="the 2 largest ensemble groups, trained at once by "
                                         "--workers 2"):
        check_sweep_size(spec, workers=2)
    check_sweep_size(spec, force=True, workers=3)


def test_the_memory_guard_counts_a_local_dask_clusters_workers(monkeypatch, tmp_path, capsys):
    """--dask-workers K starts K workers on this machine, training K groups at once; the guard
    checked them as one at a time (a dry run with --workers 2 refused what --dask-workers 2
    accepted, 2026-12-06 sweep review). A --scheduler's workers are elsewhere: not summed."""
    import empirical.engine.config as config
    from empirical.sweeps.driver import group_runs
    from empirical.sweeps.spec import load_spec
    from tests.memcap_cli import memcap_main

    spec = tmp_path / "s.toml"
    spec.write_text('seeds = [0]\n[base]\nmodel = { width = 4 }\n'
                    'data = { n_train = 8, n_test = 4 }\ntrain = { steps = 2, log_every = 1 }\n'
                    '[[grid]]\nfields = ["data.n_train", "data.n_test"]\n'
                    'values = [[6, 6], [9, 9], [12, 12]]\n')
    need = [g.config.estimated_bytes() for g in group_runs(load_spec(spec).runs())]
    assert len(need) == 3
    monkeypatch.setattr(config, "memory_limit_bytes", lambda: max(need) + 1)
    code, _, err = memcap_main(capsys, "sweep", spec, "--dry-run", "--dask-workers", "2")
    assert code == 2 and "trained at once by --dask-workers 2" in err, err
    assert "use fewer --dask-workers" in err
    assert memcap_main(capsys, "sweep", spec, "--dry-run", "--dask-workers", "1")[0] == 0


def test_metric_aliases_count_as_one_metric():
    """final(x) and last(x) draw the same figure: a spec (or --metric list) with both is refused
    like any repeat (sweep review)."""
    with pytest.raises(ValueError, match="repeat a metric"):
        tiny_spec(metrics=["final(train_acc)", "last(train_acc)"])
    tiny_spec(metrics=["last(train_acc)", "first(train_acc)"])


def test_a_metric_with_no_finite_value_says_so():
    """A metric NaN in every run was labelled "no band (one seed)" with two seeds present."""
    from empirical.sweeps.report import metric_bands

    t = pd.DataFrame({"n": [1, 1, 2, 2], "seed": [0, 1, 0, 1], "m": [float("nan")] * 4})
    bands, kind = metric_bands(t, "n", "m")
    assert kind == "no band (no finite value)" and bands.empty


def test_finished_results_are_handed_over_before_a_failure_is_raised():
    """Tasks finishing in the same wait as a failing one still reach on_result (a sweep saves
    those groups) before the failure is raised (diff review)."""
    from pool_tasks import fails_on_two as _fails_on_two

    from empirical.engine.executor import ProcessExecutor

    seen = {}
    with ProcessExecutor(workers=2, threads=0) as ex, pytest.raises(ValueError,
                                                         match="task 2 failed"):
        ex.map(_fails_on_two, [0, 1, 2, 3, 4], on_result=lambda i, r: seen.setdefault(i, r))
    assert 2 not in seen and all(seen[i] == 10 * i for i in seen)


def test_a_folder_stored_before_the_new_rules_still_loads():
    """spec.json of a folder written before 2026-12-02 may hold 1 and 1.0, or a seed grid
    stepping by an offset: the stored spec loads (report and resume), a new spec is refused."""
    d = {"preset": "l2-blog", "base": TINY, "seeds": [0, 1], "seed_mode": "data",
         "grid": [{"field": "data.seed", "values": [9266, 9267]},
                  {"field": "train.lr", "values": [1, 1.0]}]}
    with pytest.raises(ValueError):
        SweepSpec.from_dict(d)
    assert len(SweepSpec.from_dict(d, stored=True).runs()) == 8


def test_a_grid_of_truth_tables_keeps_them_as_written(tmp_path):
    """pandas read the group files' data.table "0110" as the number 110: the summary showed 110
    and 1101001, and a report averaged the maps 0110 and 00000110 as two seeds of one x value
    on a numeric axis (2026-12-03 audit)."""
    from empirical.sweeps.driver import assemble
    from empirical.sweeps.report import write_report

    tables = ["0110", "00000110", "01101001", "1001"]
    spec = SweepSpec.from_dict({
        "preset": "boolean-small", "metrics": ["last(train_loss)"], "seeds": [0, 1],
        "base": {"ensemble": 1, "train": {"steps": 4, "log_every": 2}},
        "grid": [{"field": "data.table", "values": tables}]})
    run_sweep(spec, tmp_path / "s")
    table, summary = assemble(spec, tmp_path / "s", write=False)
    assert summary["data.table"].tolist() == [t for t in tables for _ in (0, 1)]
    assert set(table["data.table"]) == set(tables)
    on_disk = pd.read_csv(tmp_path / "s" / "summary.csv", dtype=str)["data.table"].tolist()
    assert on_disk == summary["data.table"].tolist()
    text = write_report(summary, tmp_path / "r", parameter="data.table",
                        metrics=["last(train_loss)"], config={}).read_text()
    assert "x axis categorical" in text
    for t in tables:
        assert f"| {t} | " in text


def test_seeds_that_change_nothing_are_not_replicates(tmp_path):
    """seed_mode 'data' over a truth table trained the same run once per seed, which the report
    averaged as replicates with zero spread; a grid over train.shuffle_seed with full batches
    trained identical groups (2026-12-03 audit)."""
    base = {"preset": "boolean-small", "seeds": [0, 1],
            "base": {"ensemble": 1, "data": {"table": "0110"}}}
    with pytest.raises(UsageError, match="seed_mode = 'data' but the data are a truth table"):
        SweepSpec.from_dict({**base, "seed_mode": "data",
                             "grid": [{"field": "model.width", "values": [2, 4]}]})
    with pytest.raises(UsageError, match="no run of the sweep reads it: train.shuffle_seed"):
        SweepSpec.from_dict({"seeds": [0], "grid": [{"field": "train.shuffle_seed",
                                                     "values": [0, 1, 2]}]})
    # every run full batch by a batch of n or more: refused too (per-run numbers in the message
    # let it through, 2026-12-06 diff review)
    for grid in ([{"field": "train.batch_size", "values": [100000, 200000]}],
                 [{"field": "data.n_train", "values": [50, 60]}]):
        with pytest.raises(UsageError, match="no run of the sweep reads it: train.shuffle_seed"):
            SweepSpec.from_dict({"seeds": [0], "base": {"train": {"shuffle_seed": 5,
                                                                  "batch_size": 200}},
                                 "grid": grid})
    # a base shuffle seed that the mini-batch points read is accepted beside batch size 0
    mixed = SweepSpec.from_dict({"seeds": [0], "base": {"train": {"shuffle_seed": 5}},
                                 "grid": [{"field": "train.batch_size", "values": [0, 16]}]})
    assert [r.config.train.shuffle_seed for r in mixed.runs()] == [5, 5]
    random_map = SweepSpec.from_dict({"preset": "boolean-small", "seeds": [0, 1],
                                      "seed_mode": "data", "base": {"ensemble": 1},
                                      "grid": [{"field": "model.width", "values": [2]}]})
    assert len({r.config.data.seed for r in random_map.runs()}) == 2  # a random map reads it
    # mode "both" on a table: the runs built fresh and from the stored spec.json agree (the
    # first version of this rule kept the seed fresh and moved it stored: report refused)
    spec = SweepSpec.from_dict({**base, "seed_mode": "both", "base": {
        "ensemble": 1, "data": {"table": "0110"}, "train": {"steps": 3, "log_every": 3}},
        "grid": [{"field": "model.width", "values": [2, 3]}]})
    stored = SweepSpec.from_dict(spec.to_dict(), stored=True)
    def seeds(s):
        return [(r.config.data.seed, r.config.model.init_seed) for r in s.runs()]
    assert seeds(stored) == seeds(spec) == [(9266, 0), (9267, 1)] * 2  # widths 2, 3
    run_sweep(spec, tmp_path / "s")
    from empirical.sweeps.driver import assemble, stored_spec

    again = SweepSpec.from_dict(stored_spec(tmp_path / "s" / "spec.json"), stored=True)
    table, summary = assemble(again, tmp_path / "s", write=False)  # what `memcap report` reads
    # 4 runs logged at steps 0 and 3, each under its own seeds (len > 0 passed a lost run)
    assert len(table) == 8 and sorted(set(table["run_id"])) == [0, 1, 2, 3]
    assert [tuple(r) for r in summary[["data_seed", "init_seed"]].to_numpy()] == seeds(spec)


def test_a_sweep_in_this_process_shows_progress_inside_a_group(tmp_path):
    """A sweep's progress counted whole groups, so a sweep of one large group showed 0 runs
    done until it ended (2026-12-05 note). In this process a group's runs now advance with the
    fraction of its steps done: strictly between the groups' ends, never backwards, the whole
    count only once the group is saved; the tables are those of a sweep shown no progress."""
    spec = SweepSpec.from_dict({"base": {"train": {"steps": 8, "log_every": 2}},
                                "grid": [{"field": "model.width", "values": [3]}],
                                "seeds": [0, 1, 2]})
    assert len(group_runs(spec.runs())) == 1
    seen = []
    run_sweep(spec, tmp_path / "a", progress=lambda d, t: seen.append((d, t)))
    assert {t for _, t in seen} == {3}
    done = [d for d, _ in seen]
    assert done[0] == 0 and done[-1] == 3 and done == sorted(done)
    inside = [d for d in done if 0 < d < 3]
    assert inside == [3 * s / 8 for s in (2, 4, 6)]  # each log step before the last
    run_sweep(spec, tmp_path / "b")
    assert ((tmp_path / "a" / "metrics.csv").read_bytes()
            == (tmp_path / "b" / "metrics.csv").read_bytes())


def test_a_huge_grid_value_is_quoted_by_its_size():
    """A grid value of 401 digits was quoted whole in the refusal (a 531-character line; one of
    4 300 digits, 4.4 kB), 2026-12-05 review."""
    with pytest.raises(UsageError) as exc:
        SweepSpec.from_dict({"grid": [{"field": "train.lr", "values": [10**400]}]}).runs()
    text = str(exc.value)
    assert "grid point {'train.lr': an integer of 401 digits}" in text and len(text) < 250, text


@pytest.mark.parametrize("kwargs, message", [
    ({"chunk": 0}, "chunk .* must be an integer >= 1, got 0"),  # range()'s ValueError
    ({"chunk": -1}, "got -1"),  # trained nothing: "unfinished"
    ({"chunk": 1.5}, "got 1.5"),
    ({"progress": 5}, "progress must be a function or None, got int"),
    ({"notify": "x"}, "notify must be a function"),
    ({"executor": "x"}, "executor must have a map"),
])
def test_run_sweep_refuses_wrong_arguments_before_touching_the_folder(tmp_path, kwargs, message):
    out = tmp_path / "s"
    with pytest.raises(UsageError, match=message):
        run_sweep(tiny_spec(), out, **kwargs)
    assert not out.exists()
    with pytest.raises(UsageError, match="spec must be a SweepSpec"):
        run_sweep({"grid": []}, out)


def test_numpy_seeds_are_stored_as_python_ints():
    import dataclasses
    spec = dataclasses.replace(tiny_spec(), seeds=[np.int64(1), 2])
    assert spec.seeds == (1, 2) and all(type(s) is int for s in spec.seeds)
    json.dumps(spec.to_dict())  # np.int64 is not JSON
    with pytest.raises(UsageError, match="seeds must be a non-empty list .*got 5"):
        dataclasses.replace(tiny_spec(), seeds=5)


def test_report_labels_tell_grid_values_apart_and_integers_are_exact(tmp_path):
    """0.001 and 0.0010000001 were both "0.001" and a seed 1234567 "1.23457e+06" in report.md's
    tables (summary.csv kept the values; 2026-12-05 review)."""
    from empirical.sweeps.report import write_report

    lrs = [0.001, 0.0010000001, 0.002, 0.004]
    t = pd.DataFrame({"train.lr": lrs, "seed": 0, "m": [1.0, 2.0, 3.0, 4.0]})
    text = write_report(t, tmp_path / "a", parameter="train.lr", metrics=["m"],
                        config={}).read_text()
    rows = [line.split("|")[1].strip() for line in text.splitlines()
            if line.startswith("| ") and "train.lr" not in line]
    assert rows == ["0.001", "0.0010000001", "0.002", "0.004"]
    seeds = [1234567, 1234568, 1234569, 1234570]
    t = pd.DataFrame({"data.seed": seeds, "seed": 0, "m": [1.0, 2.0, 3.0, 4.0]})
    text = write_report(t, tmp_path / "b", parameter="data.seed", metrics=["m"],
                        config={}).read_text()
    assert all(f"| {s} |" in text for s in seeds) and "e+06" not in text


def test_report_on_integers_float64_cannot_tell_apart_is_written(tmp_path):
    """A grid of 2^60 + 0..3 (seeds are taken up to 2^63 - 1) lost its report: detection refused
    x values float64 makes equal, and the CLI showed that as the user's bad input."""
    from empirical.sweeps.report import write_report

    xs = [2**60 + i for i in range(4)]
    t = pd.DataFrame({"data.seed": xs, "seed": 0, "m": [1.0, 2.0, 3.0, 4.0]})
    text = write_report(t, tmp_path, parameter="data.seed", metrics=["m"],
                        config={}).read_text()
    assert "equal as float64 numbers" in text and all(f"| {x} |" in text for x in xs)


def test_each_x_gets_the_band_its_own_seeds_allow():
    """One x left with one finite run made every x's band "no band (one seed)" with
    low = high = mean, hiding the spread of the x values that had three seeds."""
    t = pd.DataFrame({"x": [1] * 3 + [2] * 3 + [3] * 2 + [4],
                      "seed": [0, 1, 2, 0, 1, 2, 0, 1, 0],
                      "m": [1.0, 2.0, 3.0, 2.0, 4.0, 6.0, 5.0, 7.0, 9.0]})
    from empirical.sweeps.report import metric_bands

    bands, kind = metric_bands(t, "x", "m")
    assert kind == "mean ± standard error where 3+ seeds, min–max where 2, none where 1"
    se = bands["mean"] - bands["low"]
    assert se.iloc[0] == pytest.approx(1 / math.sqrt(3)) and se.iloc[1] == pytest.approx(
        2 / math.sqrt(3))
    assert (bands["low"].iloc[2], bands["high"].iloc[2]) == (5.0, 7.0)
    assert bands["low"].iloc[3] == bands["high"].iloc[3] == 9.0


def test_the_exponential_fallback_refines_within_one_grid_step(monkeypatch):
    """When curve_fit fails the grid optimum is refined within ± one grid step (12 % between
    neighbouring rates): it was ±5 %, then, counting each rate twice (the grid holds ±rate), a
    window of zero width that kept the grid point (diff review)."""
    from scipy import optimize

    from empirical.sweeps import fits

    def fail(*args, **kwargs):
        raise RuntimeError("no convergence")

    monkeypatch.setattr(optimize, "curve_fit", fail)
    x = np.linspace(0, 10, 12)
    b = fits.fit_exponential(x, 2 * np.exp(-0.37 * x) + 1).params[1]
    assert abs(b - 0.37) < 0.002  # the grid's nearest rate is 0.3805


def test_distinct_digits_takes_equal_numbers_as_one_value():
    from empirical.sweeps.report import cell_text, distinct_digits

    assert distinct_digits([0.0, -0.0, 0.1]) == 6 and distinct_digits([1, 1.0, 0.1]) == 6
    assert cell_text(0.1, distinct_digits([0.1, 0.2, float("nan")])) == "0.1"


def test_a_preset_width_the_grid_replaces_need_not_fit_the_base_heads():
    """heads 3 with the l2-blog preset's width 100 was refused although the grid set every
    run's width to 6 or 12 (2026-12-05 transformer review); an explicit base width is kept."""
    from empirical.sweeps.spec import SweepSpec

    d = {"preset": "l2-blog", "seeds": [0],
         "base": {"model": {"kind": "transformer", "heads": 3, "depth": 1},
                  "data": {"kind": "tokens", "seq_len": 9, "classes": 16, "n_train": 16,
                           "n_test": 8}},
         "grid": [{"field": "model.width", "values": [6, 12]}]}
    spec = SweepSpec.from_dict(d)
    assert [r.config.model.width for r in spec.runs()] == [6, 12]
    again = SweepSpec.from_dict(spec.to_dict(), stored=True)
    assert again.fingerprint() == spec.fingerprint()
    with pytest.raises(UsageError, match="not a multiple of model.heads"):
        SweepSpec.from_dict({**d, "base": {**d["base"], "model": {
            **d["base"]["model"], "width": 100}}})


def test_a_mixed_mlp_and_transformer_sweep_knows_the_transformers_layer_columns():
    """At equal depth a transformer logs depth + 2 l2_layer columns and an MLP depth + 1; the
    columns were taken from the first deepest run, the MLP, so last(l2_layer2) was refused
    though the transformer runs log it (2026-12-06 transformer review)."""
    from empirical.sweeps.spec import SweepSpec

    d = {"seeds": [0], "metrics": ["last(l2_layer2)"],
         "base": {"model": {"depth": 1, "width": 8, "activation": "gelu"},
                  "data": {"classes": 8, "n_train": 16, "n_test": 4},
                  "train": {"steps": 30, "lr": 0.01, "log_every": 10}},
         "grid": [{"fields": ["model.kind", "data.kind"],
                   "values": [["mlp", "random"], ["transformer", "tokens"]]}]}
    assert SweepSpec.from_dict(d).metric_columns() == ["last(l2_layer2)"]
    with pytest.raises(UsageError, match="unknown column 'l2_layer3'"):
        SweepSpec.from_dict({**d, "metrics": ["last(l2_layer3)"]})


def test_figure_legends_say_what_every_band_and_error_bar_is(saved_legends, tmp_path):
    """With several curves the band's legend entry took the first curve's colour, as if only
    it had a band; a categorical parameter's error bars were explained in report.md only
    (2026-12-06 review). One grey entry names the bands of all curves, and the error bars."""
    from empirical.sweeps import report

    legends = saved_legends
    bands = pd.DataFrame({"x": [1.0, 2.0, 3.0], "mean": [1.0, 2.0, 3.0], "low": [0.5, 1.5, 2.5],
                          "high": [1.5, 2.5, 3.5], "seeds": [3, 3, 3]})
    kind = "mean ± standard error over 3+ seeds"
    report._figure(tmp_path / "two.png", [("a=1", bands, []), ("a=2", bands, [])], kind, "x",
                   "m", None)
    report._figure(tmp_path / "one.png", [("", bands, [])], kind, "x", "m", None)
    cats = bands.assign(x=["relu", "tanh", "gelu"])
    report._figure(tmp_path / "cat.png", [("", cats, [])], kind, "x", "m", None,
                   categories=["gelu", "relu", "tanh"])
    assert legends[0] == ["m (mean, a=1)", "m (mean, a=2)", f"bands: {kind}"]
    assert legends[1] == ["m (mean)", kind]
    assert legends[2] == ["m (mean)", f"error bars: {kind}"]
    # one seed: no band, so no band entry either
    report._figure(tmp_path / "none.png", [("a=1", bands, []), ("a=2", bands, [])],
                   "no band (one seed)", "x", "m", None)
    assert legends[3] == ["m (mean, a=1)", "m (mean, a=2)"]


def test_a_base_setting_is_refused_only_when_no_run_reads_it():
    """Two runs that each leave a different base setting unread (the Adam run ignores
    momentum, the full-batch SGD run the shuffle seed) still read every setting between them:
    accepted. A refusal as soon as one run leaves a setting unread passed every test
    (2026-12-06 mutation audit)."""
    spec = SweepSpec.from_dict({
        "base": {"train": {"optimizer": "sgd", "momentum": 0.5, "batch_size": 8,
                           "shuffle_seed": 5}},
        "grid": [{"fields": ["train.batch_size", "train.optimizer"],
                  "values": [[8, "adam"], [0, "sgd"]]}]})
    assert len(spec.runs()) == 2
    with pytest.raises(UsageError, match="no run of the sweep reads it: .*shuffle"):
        SweepSpec.from_dict({
            "base": {"train": {"optimizer": "sgd", "batch_size": 0, "shuffle_seed": 5}},
            "grid": [{"field": "train.lr", "values": [0.01, 0.1]}]})


def test_a_seed_offset_may_reach_the_largest_seed_and_not_past_it():
    """Seeds run to 2^63 − 1 inclusive (the limit's ``<=`` was untested; 2026-12-06 mutation
    audit)."""
    from empirical.sweeps.spec import MAX_SEED

    def spec(seeds):
        return SweepSpec.from_dict({"base": {"data": {"seed": MAX_SEED - 1}}, "seeds": seeds,
                                    "seed_mode": "data",
                                    "grid": [{"field": "train.lr", "values": [0.01]}]})

    assert spec([0, 1]).runs()[-1].config.data.seed == MAX_SEED == 2**63 - 1
    with pytest.raises(UsageError, match=r"outside 0\.\.2\*\*63-1"):
        spec([0, 2]).runs()


def test_a_resumed_sweep_counts_the_runs_of_the_groups_it_keeps(tmp_path):
    """A resume starts its progress at the runs already saved (a count of groups instead, 1 of
    4 for a kept group of 2 runs, ended the bar at 3 of 4 and passed every test; 2026-12-06
    mutation audit)."""
    from empirical.sweeps.integrity import group_file

    spec = SweepSpec.from_dict({"base": TINY, "seeds": [0, 1],
                                "grid": [{"field": "data.n_train", "values": [10, 20]}]})
    groups = group_runs(spec.runs())
    assert [len(g.run_ids) for g in groups] == [2, 2]
    run_sweep(spec, tmp_path / "s")
    group_file(tmp_path / "s", groups[1].index).unlink()
    seen = []
    again = run_sweep(spec, tmp_path / "s", progress=lambda d, t: seen.append((d, t)))
    assert again["trained_groups"] == 1
    assert seen[0] == (2, 4) and seen[-1] == (4, 4)


@pytest.mark.parametrize("row, column, value", [
    (1, "step", "4"),           # a later logged step (only the first was compared: survived)
    (2, "group", "7"),          # one row's group (``all`` for ``any``: survived)
    (0, "train.lr", "0.01001"),  # a grid value 0.1 % off (a loose tolerance: survived)
])
def test_a_rebuilt_manifest_recomputes_a_group_whose_rows_are_not_the_specs(tmp_path, row,
                                                                             column, value):
    """With manifest.json unreadable the groups are judged by their schema alone; each edit
    above makes group 0 not the spec's, so the sweep recomputes it (2026-12-06 mutation audit:
    the three checks were unpinned) and leaves group 1 as it was."""
    import csv
    import io

    from empirical.sweeps.integrity import group_file

    spec = SweepSpec.from_dict({"base": TINY,
                                "grid": [{"field": "train.lr", "values": [0.01, 0.02]}]})
    out = tmp_path / "s"
    run_sweep(spec, out)
    path = group_file(out, 0)
    rows = list(csv.reader(io.StringIO(path.read_text())))
    header = rows[0]
    assert rows[1 + 1][header.index("step")] == "3"  # steps 0, 3, 6 for one run
    rows[1 + row][header.index(column)] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue())
    (out / "manifest.json").write_text("{")
    again = run_sweep(spec, out)
    assert again["recomputed_groups"] == [0] and again["trained_groups"] == 1
