"""What run_training hands the trainer and what a run writes (empirical/engine/run.py): the
edges a mutation audit found no test reaching (2026-12-07). Each test fails on its mutant."""
import csv
import dataclasses
import io
import json

import numpy as np
import pytest
import torch

import empirical.engine.run as run_module
from capacity.errors import UsageError
from empirical.engine.config import RunConfig
from empirical.engine.data import class_prior, make_dataset
from empirical.engine.run import (
    metrics_columns,
    metrics_csv,
    resolve_device,
    run_training,
    summarise,
    write_metrics_csv,
    write_run,
)


def _tiny(k=3, *extra):
    return run_training(RunConfig().override(["train.steps=10", "train.log_every=5",
                                              "model.width=4", f"ensemble={k}", *extra]))


def _with_log(res, **changes):
    return dataclasses.replace(res, log=dataclasses.replace(res.log, **changes))


@pytest.fixture
def handed(monkeypatch):
    """Run run_training with the trainer's keyword arguments and positional inputs recorded;
    member 2's dataset (data seed 2) gets a lower target and one uncounted point."""
    seen = {}
    make, train = run_module.make_dataset, run_module.train_ensemble

    def own_make(data, seed, dtype):
        d = make(data, seed=seed, dtype=dtype)
        if seed == 2:
            counted = torch.ones(d.n_train, dtype=torch.bool)
            counted[0] = False
            d = dataclasses.replace(d, counted=counted, best_count=d.best_count - 1)
        return d

    def own_train(net, x_tr, y_tr, x_te, y_te, best, cfg, **kw):
        seen.update(x_tr=x_tr, y_tr=y_tr, x_te=x_te, y_te=y_te, best=best, kw=kw)
        return train(net, x_tr, y_tr, x_te, y_te, best, cfg, **kw)

    monkeypatch.setattr(run_module, "make_dataset", own_make)
    monkeypatch.setattr(run_module, "train_ensemble", own_train)
    return seen


def test_each_member_trains_and_tests_on_its_own_dataset(handed):
    res = run_training(RunConfig().override(["data_seeds=[1, 2]", "train.steps=2",
                                             "model.width=4"]))
    for k, d in enumerate(res.datasets):
        assert torch.equal(handed["x_tr"][k], d.x_train)
        assert torch.equal(handed["y_tr"][k], d.y_train)
        assert torch.equal(handed["x_te"][k], d.x_test)
        assert torch.equal(handed["y_te"][k], d.y_test)
    assert not torch.equal(handed["x_tr"][0], handed["x_tr"][1])
    targets = [d.best_count for d in res.datasets]
    assert targets[0] != targets[1] and handed["best"].tolist() == targets
    counted = handed["kw"]["counted"]
    assert counted.shape == (2, res.datasets[0].n_train)
    assert bool(counted[0].all()) and not bool(counted[1, 0]) and bool(counted[1, 1:].all())


def test_member_rates_reach_the_trainer(handed):
    res = run_training(RunConfig().override(["init_seeds=[3, 3]", "lrs=[0.001, 0.1]",
                                             "train.steps=5", "model.width=4"]))
    assert list(handed["kw"]["lrs"]) == [0.001, 0.1]
    w = res.log.metrics["weight_l2"]
    assert w[0, 0] == w[0, 1] and w[-1, 0] != w[-1, 1]  # one start, two rates


@pytest.mark.parametrize("law", ["power_law", "exponential"])
def test_a_seq2seq_label_law_reaches_the_trainer(handed, law):
    cfg = RunConfig().override(["model.kind=transformer", "data.kind=seq2seq", "data.classes=4",
                                "data.seq_len=3", "data.n_train=8", "data.n_test=4",
                                f"data.label_prior='{law}'", "model.width=8", "model.heads=1",
                                "train.steps=1"])
    run_training(cfg)
    assert torch.equal(handed["kw"]["label_prior"], class_prior(4, law, cfg.data.alpha))


def test_members_with_one_init_and_two_data_seeds_see_two_datasets():
    res = run_training(RunConfig().override(["init_seeds=[7, 7]", "data_seeds=[1, 2]",
                                             "train.steps=2", "train.log_every=1",
                                             "model.width=4"]))
    loss0, w0 = res.log.metrics["train_loss"][0], res.log.metrics["weight_l2"][0]
    assert w0[0] == w0[1] and loss0[0] != loss0[1]


def test_each_member_reads_its_own_truth_table():
    cfg = RunConfig().override(["data.kind='boolean'", "data.inputs=2",
                                'tables=["0110","1001"]', "train.steps=2", "model.width=4"])
    res = run_training(cfg)
    labels = [d.y_train.tolist() for d in res.datasets]
    want = [make_dataset(dataclasses.replace(cfg.data, table=t), seed=s,
                         dtype=res.datasets[0].x_train.dtype).y_train.tolist()
            for (_, s, _), t in zip(cfg.members(), ("0110", "1001"), strict=True)]
    assert labels == want and labels[0] != labels[1]


def test_dtypes_of_a_run():
    """float64 is a float64 run (parameters and data); bfloat16 is mixed precision: float32
    parameters, and each member's target is what the bf16 forward can tell apart (2 000
    standard-normal points on one input merge in bf16)."""
    wide = _tiny(2, "dtype='float64'")
    assert wide.datasets[0].x_train.dtype == torch.float64
    assert {p.dtype for p in wide.net.parameters()} == {torch.float64}
    mixed = _tiny(1, "dtype='bfloat16'", "data.d_in=1", "data.n_train=2000", "data.n_test=10")
    assert {p.dtype for p in mixed.net.parameters()} == {torch.float32}
    assert mixed.datasets[0].best_count < 2000


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
@pytest.mark.parametrize("name", ["cuda", "cuda:0"])
def test_cuda_without_a_gpu_is_refused(name):
    with pytest.raises(UsageError, match="CUDA"):
        resolve_device(name)


def test_progress_and_log_callbacks_are_called(monkeypatch):
    import empirical.engine.train as train_module

    monkeypatch.setattr(train_module, "PROGRESS_EVERY_S", 0.0)
    steps, logs = [], []
    run_training(RunConfig().override(["train.steps=128", "train.log_every=64",
                                       "model.width=4"]), on_step=steps.append,
                 on_log=logs.append)
    assert steps and logs == [0, 64, 128]


def test_metrics_columns_hold_each_members_seeds_and_integer_counts():
    res = run_training(RunConfig().override(["init_seeds=[5, 6]", "data_seeds=[11, 12]",
                                             "train.steps=2", "train.log_every=1",
                                             "model.width=4"]))
    cols = metrics_columns(res)
    assert cols["init_seed"].tolist() == [5, 5, 5, 6, 6, 6]
    assert cols["data_seed"].tolist() == [11, 11, 11, 12, 12, 12]
    assert cols["memorised_count"].dtype.kind == "i"
    rows = list(csv.DictReader(io.StringIO(metrics_csv(cols))))
    assert all(r["memorised_count"].isdigit() for r in rows)


def test_metrics_csv_is_written_whole_or_not_at_all(monkeypatch, tmp_path):
    path = tmp_path / "metrics.csv"
    path.write_text("old\n")
    rows = run_module._csv_rows

    def disk_full(columns, a, b):
        if a >= 2:
            raise OSError("disk full")
        return rows(columns, a, b)

    monkeypatch.setattr(run_module, "CSV_BLOCK_ROWS", 2)
    monkeypatch.setattr(run_module, "_csv_rows", disk_full)
    with pytest.raises(OSError, match="disk full"):
        write_metrics_csv({"step": np.arange(5), "loss": np.arange(5.0)}, path)
    assert path.read_text() == "old\n" and sorted(p.name for p in tmp_path.iterdir()) == [
        "metrics.csv"]


def test_summary_of_a_hand_edited_log(tmp_path):
    """Per-member flags and gaps are each member's own, a NaN final value is null and the
    mean skips it, and 'fitted' reads the accuracy whether or not the member stopped early."""
    res = _tiny(3)
    m = {k: v.copy() for k, v in res.log.metrics.items()}
    m["train_loss"][-1, 1] = np.nan
    best = [d.best_accuracy for d in res.datasets]
    m["train_acc"][-1] = np.array([best[0], best[1] / 2, best[2]], dtype=m["train_acc"].dtype)
    edited = _with_log(res, metrics=m, stop_step=np.array([-1, -1, -1]),
                       diverged=np.array([False, True, True]))
    s = summarise(edited)
    assert [member["diverged"] for member in s["members"]] == [False, True, True]
    assert s["diverged"] == 2 and s["fitted"] == 2
    assert s["members"][1]["final"]["train_loss"] is None
    finals = m["train_loss"][-1]
    assert s["mean_final"]["train_loss"] == float(np.mean([float(finals[0]), float(finals[2])]))
    w = res.log.metrics["weight_l2"]
    assert len(set(w[0].tolist())) == 3
    assert [member["weight_l2_gap"] for member in s["members"]] == [
        float(w[-1, k] - w[0, k]) for k in range(3)]
    out = write_run(edited, tmp_path / "run", figure=False)

    def refuse(constant):
        raise ValueError(constant)

    json.loads((out / "summary.json").read_text(), parse_constant=refuse)  # strict JSON
    assert (out / "config.json").read_text().endswith("}\n")


def test_a_transformer_members_parameters_are_the_transformers():
    cfg = RunConfig().override(["model.kind=transformer", "data.kind=tokens", "model.width=8",
                                "model.depth=1", "model.heads=1", "train.steps=1", "ensemble=1"])
    res = run_training(cfg)
    count = summarise(res)["members"][0]["parameters"]
    assert count == cfg.parameter_count(8) == sum(p.numel() for p in res.net.parameters())
