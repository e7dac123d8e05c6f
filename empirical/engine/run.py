"""One training run from a :class:`~empirical.engine.config.RunConfig`, and its folder on disk.

Run folder (docs/empirical.md): ``config.json`` (the config, with package versions), ``metrics.csv``
(tidy: one row per member × logged step), ``summary.json`` and ``strip.png`` (the training
strip). The folder is assembled in a hidden sibling and renamed into place, so a reader never sees
a partial run; an existing folder is refused unless ``overwrite`` (then replaced whole).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import torch

from capacity.atomic_files import atomic_write, atomic_write_text, json_safe, write_folder
from capacity.errors import UsageError
from empirical.engine.config import RunConfig, check_device, check_memory
from empirical.engine.data import class_prior, make_dataset
from empirical.engine.dataset import Dataset, seen_in, stacked_counted
from empirical.engine.ensemble import BatchedMLP
from empirical.engine.parameters import count_parameters
from empirical.engine.plots import StripProcess, training_strip
from empirical.engine.train import TrainLog, train_ensemble
from empirical.engine.transformer import BatchedGPT
from empirical.engine.versions import package_versions

if TYPE_CHECKING:  # pandas costs ~0.3 s to import: imported where a table is built
    import pandas as pd

__all__ = [
    "CSV_BLOCK_ROWS",
    "RunResult",
    "build_model",
    "metrics_columns",
    "metrics_csv",
    "metrics_frame",
    "package_versions",
    "resolve_device",
    "run_training",
    "summarise",
    "write_metrics_csv",
    "write_run",
]


@dataclass
class RunResult:
    """A finished run: its config, per-member datasets and model, and the training log.

    Examples
    --------
    >>> res = run_training(RunConfig().override(["train.steps=10", "model.width=4", "ensemble=2"]))
    >>> res.config.size, len(res.datasets), type(res.net).__name__, res.log.steps.tolist()
    (2, 2, 'BatchedMLP', [0, 10])
    """

    config: RunConfig
    datasets: list[Dataset]
    net: BatchedMLP | BatchedGPT
    log: TrainLog


def resolve_device(name: str) -> torch.device:
    """``torch.device(name)``; asking for CUDA where there is none is a ValueError.

    Examples
    --------
    >>> resolve_device("cpu")
    device(type='cpu')
    """
    name = check_device(name)  # an unknown name is bad input, not torch's RuntimeError
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise UsageError(f"device {name!r} requested but CUDA is not available on this machine; "
                         "use --device cpu")
    return torch.device(name)


def build_model(cfg: RunConfig, data: Dataset, dtype: torch.dtype,
                device: torch.device) -> BatchedMLP | BatchedGPT:
    """The ensemble of ``cfg``'s members (MLPs or transformers) for datasets shaped like
    ``data``.

    Parameters
    ----------
    cfg : RunConfig
        The run: its members' widths and init seeds and ``cfg.model``'s kind, depth, heads,
        mlp_ratio, activation and bias.
    data : Dataset
        A member's dataset; its input shape and ``classes`` size the model.
    dtype : torch.dtype
        Parameter dtype.
    device : torch.device
        Device of the parameters.

    Returns
    -------
    BatchedMLP or BatchedGPT
        The untrained ensemble.

    Examples
    --------
    >>> cfg = RunConfig().override(["model.kind='transformer'", "data.kind='tokens'",
    ...                             "model.width=8", "model.depth=1", "ensemble=2"])
    >>> type(build_model(cfg, make_dataset(cfg.data), torch.float32, torch.device("cpu")))
    <class 'empirical.engine.transformer.BatchedGPT'>
    """
    members, m = cfg.members(), cfg.model
    widths, seeds = [w for *_, w in members], [s for s, *_ in members]
    if m.kind == "transformer":
        d_in = data.x_train.shape[2] if data.x_train.dim() == 3 else 0  # seq2seq tokens in R^d
        return BatchedGPT(data.classes, data.x_train.shape[1], m.depth, widths, seeds, m.heads,
                          m.mlp_ratio, m.activation, m.bias, dtype, device, d_in=d_in)
    return BatchedMLP(data.x_train.shape[1], data.classes, m.depth, widths, seeds, m.activation,
                      m.bias, dtype, device)


def run_training(cfg: RunConfig, on_log=None, build=None, on_step=None) -> RunResult:
    """Draw each member's dataset, build the ensemble and train it.

    ``build(cfg, data, dtype, device)`` replaces :func:`build_model` (another ensemble class with
    the trainer's model protocol, e.g. the hardness study's dense or rescaled MLPs).

    Parameters
    ----------
    cfg : RunConfig
        The run: data, model, training, device, dtype and ensemble members.
    on_log : callable or None, default None
        Passed to :func:`~empirical.engine.train.train_ensemble`, called at each log step.
    build : callable or None, default None
        Replaces :func:`build_model`; None: :func:`build_model`.
    on_step : callable or None, default None
        Passed to :func:`~empirical.engine.train.train_ensemble`: called with the steps done
        between log steps, at most five times a second (progress bars).

    Returns
    -------
    RunResult
        The config, each member's dataset, the trained ensemble and its training log.

    Raises
    ------
    UsageError
        If the run needs more memory than any machine can address (2^62 bytes; a larger run
        is the caller's to judge: the CLI refuses above half of this machine's memory).

    Examples
    --------
    >>> cfg = RunConfig().override(["train.steps=20", "ensemble=2", "model.width=8"])
    >>> res = run_training(cfg)
    >>> res.log.metrics["train_loss"].shape
    (3, 2)
    """
    check_memory(cfg, force=True, fix="shrink the data or the model")  # before torch sees 10^30
    device = resolve_device(cfg.device)
    autocast = torch.bfloat16 if cfg.dtype == "bfloat16" else None  # mixed precision:
    dtype = torch.float32 if autocast is not None else getattr(torch, cfg.dtype)  # fp32 master
    members = cfg.members()
    tables = cfg.tables or (cfg.data.table,) * len(members)
    cache: dict[tuple[int, str], Dataset] = {}
    for (_, data_seed, _), table in zip(members, tables, strict=True):
        if (data_seed, table) not in cache:
            data = cfg.data if table == cfg.data.table else dataclasses.replace(cfg.data,
                                                                                table=table)
            cache[data_seed, table] = make_dataset(data, seed=data_seed, dtype=dtype)
    if autocast is not None:  # the target of the inputs the bf16 forward sees
        cache = {key: seen_in(d, autocast) for key, d in cache.items()}
    datasets = [cache[s, t] for (_, s, _), t in zip(members, tables, strict=True)]
    first = datasets[0]
    if len(cache) == 1:  # one shared dataset: expanded views, no copies
        k = len(members)
        x_tr, y_tr, x_te, y_te = (t.expand(k, *t.shape) for t in (
            first.x_train, first.y_train, first.x_test, first.y_test))
    else:
        x_tr = torch.stack([d.x_train for d in datasets])  # (K, n, d)
        y_tr = torch.stack([d.y_train for d in datasets])  # (K, n)
        x_te = torch.stack([d.x_test for d in datasets])  # (K, m, d)
        y_te = torch.stack([d.y_test for d in datasets])  # (K, m)
    net = (build or build_model)(cfg, first, dtype, device)
    best = torch.tensor([d.best_count for d in datasets])
    counted = stacked_counted(datasets)  # (K, n[, T]) bool, or None
    d = cfg.data
    prior = (class_prior(d.classes, d.label_prior, d.alpha)
             if d.kind in ("random", "seq2seq") and d.label_prior != "uniform"
             else None)  # (V,) labels' law (token sequences are uniform)
    log = train_ensemble(net, x_tr.to(device), y_tr.to(device), x_te.to(device),
                         y_te.to(device), best, cfg.train, on_log=on_log,
                         lrs=cfg.lrs or None, label_prior=prior, autocast=autocast,
                         counted=counted, on_step=on_step)
    return RunResult(cfg, datasets, net, log)


def metrics_columns(res: RunResult) -> dict[str, np.ndarray]:
    """The tidy metrics table as named columns of equal length: one row per member × logged
    step, members in order (no pandas; :func:`metrics_frame` is its DataFrame).

    Columns: member, init_seed, data_seed, width, step, train_loss, train_acc, test_loss,
    test_acc, weight_l2, l2_layer0..l2_layer{L-1}, memorised_count, memorised_bits, mi_bits,
    active.

    Examples
    --------
    >>> res = run_training(RunConfig().override(["train.steps=10", "model.width=4",
    ...                                          "ensemble=2"]))
    >>> cols = metrics_columns(res)
    >>> cols["member"].tolist(), cols["step"].tolist(), cols["active"].dtype.name
    ([0, 0, 1, 1], [0, 10, 0, 10], 'bool')
    """
    log = res.log
    members = res.config.members()
    n_log = len(log.steps)

    def per_member(values: np.ndarray) -> np.ndarray:  # (steps, K) → member-major rows
        return np.ascontiguousarray(np.asarray(values).T).reshape(-1)

    seeds = np.array(members, dtype=np.int64).reshape(len(members), 3)
    seeds[:, 2] = [res.config.hidden_width(w) for w in seeds[:, 2]]
    cols = {"member": np.repeat(np.arange(len(members), dtype=np.int64), n_log),
            "init_seed": np.repeat(seeds[:, 0], n_log), "data_seed": np.repeat(seeds[:, 1], n_log),
            "width": np.repeat(seeds[:, 2], n_log),
            "step": np.tile(np.asarray(log.steps, dtype=np.int64), len(members))}
    for name, values in log.metrics.items():
        cols[name] = per_member(values)
        if name == "weight_l2":
            for layer in range(log.layer_l2.shape[2]):
                cols[f"l2_layer{layer}"] = per_member(log.layer_l2[:, :, layer])
    cols["memorised_count"] = cols["memorised_count"].astype(np.int64)
    cols["active"] = cols["active"].astype(bool)
    return cols


def metrics_csv(columns: dict[str, np.ndarray]) -> str:
    """``metrics.csv``'s text for :func:`metrics_columns`: a header, then one line per row;
    floats in numpy's shortest round-trip form for their dtype, NaN empty, booleans
    ``True``/``False`` — the text ``pandas.DataFrame.to_csv(index=False)`` writes, without
    importing pandas (≈ 0.3 s).

    Examples
    --------
    >>> print(metrics_csv({"step": np.array([0, 10]),
    ...                    "loss": np.array([0.5, np.nan], dtype=np.float32)}), end="")
    step,loss
    0,0.5
    10,
    """
    return "".join(_csv_blocks(columns))


#: Rows of ``metrics.csv`` formatted at a time by :func:`write_metrics_csv` (its text took
#: 1.3–1.6 KB a row as one string: 3.2 GB for a 194 MB file, 2026-12-06 review).
CSV_BLOCK_ROWS = 1 << 16


def _csv_blocks(columns: dict[str, np.ndarray]):
    """:func:`metrics_csv`'s text in pieces: the header, then :data:`CSV_BLOCK_ROWS` rows at a
    time."""
    yield ",".join(columns) + "\n"
    rows = len(next(iter(columns.values()), ()))
    for a in range(0, rows, CSV_BLOCK_ROWS):
        yield _csv_rows(columns, a, min(a + CSV_BLOCK_ROWS, rows))


def _csv_rows(columns: dict[str, np.ndarray], start: int, stop: int) -> str:
    """Rows ``start:stop`` of :func:`metrics_csv`'s text, each ending in a newline."""
    texts = []
    for values in columns.values():
        values = np.asarray(values)[start:stop]
        text = values.astype(str)
        if values.dtype.kind == "f":
            text[np.isnan(values)] = ""
        texts.append(text.tolist())
    return "".join(",".join(row) + "\n" for row in zip(*texts, strict=True))


def write_metrics_csv(columns: dict[str, np.ndarray], path: str | Path) -> None:
    """Write :func:`metrics_csv`'s text to ``path`` atomically, :data:`CSV_BLOCK_ROWS` rows at
    a time (the same bytes without holding the text whole).

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "metrics.csv"
    >>> cols = {"step": np.arange(3), "loss": np.array([0.5, np.nan, 2.0])}
    >>> write_metrics_csv(cols, path)
    >>> path.read_text() == metrics_csv(cols)
    True
    """
    def writer(tmp: Path) -> None:
        with open(tmp, "w") as out:  # the encoding atomic_write_text's write_text uses
            out.writelines(_csv_blocks(columns))

    atomic_write(path, writer)


def metrics_frame(res: RunResult) -> pd.DataFrame:
    """The tidy metrics table (:func:`metrics_columns`) as a pandas DataFrame.

    Examples
    --------
    >>> res = run_training(RunConfig().override(["train.steps=10", "model.width=4"]))
    >>> df = metrics_frame(res)
    >>> df.to_csv(index=False) == metrics_csv(metrics_columns(res))
    True
    """
    import pandas as pd

    return pd.DataFrame(metrics_columns(res))


def _steps_to_fit(steps, acc, target) -> int | None:
    hit = np.flatnonzero(acc >= target - 1e-12)
    return int(steps[hit[0]]) if len(hit) else None


def summarise(res: RunResult) -> dict:
    """Summary dict: per-member final observables, when each fitted, and ensemble means.

    Examples
    --------
    >>> res = run_training(RunConfig().override(["train.steps=10", "model.width=4"]))
    >>> s = summarise(res)
    >>> s["members"][0]["parameters"], s["steps"]
    (145, 10)
    """
    log, cfg = res.log, res.config
    members = []
    for k, (init_seed, data_seed, width) in enumerate(cfg.members()):
        ds = res.datasets[k]
        v = ds.classes
        params = (cfg.parameter_count(width) if cfg.model.kind == "transformer" else
                  count_parameters(ds.x_train.shape[1], width, cfg.model.depth, v,
                                   cfg.model.bias))
        final = {name: float(values[-1, k]) for name, values in log.metrics.items()}
        final = {key: (None if np.isnan(val) else val) for key, val in final.items()}
        # typed as metrics.csv types them (46.0 and 1.0 beside its 46 and True: CLI review)
        for key, kind in (("memorised_count", int), ("active", bool)):
            final[key] = None if final[key] is None else kind(final[key])
        members.append({
            "member": k, "init_seed": init_seed, "data_seed": data_seed,
            "width": cfg.hidden_width(width),
            "parameters": params, "n_train": ds.n_train, "labels": ds.labels, "classes": v,
            "information_bits": ds.information_bits, "best_accuracy": ds.best_accuracy,
            "final": final,
            "first_logged_step_at_best_accuracy": _steps_to_fit(
                log.steps, log.metrics["train_acc"][:, k], ds.best_accuracy),
            "stop_step": int(log.stop_step[k]) if log.stop_step[k] >= 0 else None,
            "diverged": bool(log.diverged[k]),
            "weight_l2_gap": float(log.metrics["weight_l2"][-1, k]
                                   - log.metrics["weight_l2"][0, k]),
        })
    keys = ["train_loss", "train_acc", "test_loss", "test_acc", "weight_l2", "memorised_bits"]
    means = {key: float(np.nanmean([m["final"][key] if m["final"][key] is not None else np.nan
                                    for m in members])) if any(
        m["final"][key] is not None for m in members) else None for key in keys}
    return {"members": members, "mean_final": means, "ensemble": len(members),
            "steps": cfg.train.steps, "wall_s": log.wall_s,
            "fitted": sum(m["first_logged_step_at_best_accuracy"] is not None for m in members),
            "diverged": int(log.diverged.sum())}


def write_run(res: RunResult, out: str | Path, overwrite: bool = False,
              figure: bool = True, strip: StripProcess | None = None) -> Path:
    """Write the run folder ``out`` (config.json, metrics.csv, summary.json, strip.png).

    ``strip``: a :class:`~empirical.engine.plots.StripProcess` started before the training
    draws the strip (its matplotlib import overlapped the training); without one it is drawn
    here.

    Parameters
    ----------
    res : RunResult
        The finished run (:func:`run_training`).
    out : str or Path
        The run folder, written atomically (:func:`~capacity.atomic_files.write_folder`).
    overwrite : bool, default False
        Whether an existing non-empty ``out`` may be replaced.
    figure : bool, default True
        Whether to draw strip.png.
    strip : StripProcess or None, default None
        Process that draws the strip; None: drawn in this process.

    Returns
    -------
    Path
        ``out``.

    Examples
    --------
    >>> res = run_training(RunConfig().override(["train.steps=10", "model.width=4"]))
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "run"
    >>> sorted(p.name for p in write_run(res, out, figure=False).iterdir())
    ['.memcap-folder', 'config.json', 'metrics.csv', 'summary.json']
    """

    def writer(tmp: Path) -> None:
        cfg_json = {"config": res.config.to_dict(), "versions": package_versions()}
        atomic_write_text(tmp / "config.json", json.dumps(cfg_json, indent=2) + "\n")
        columns = metrics_columns(res)
        write_metrics_csv(columns, tmp / "metrics.csv")
        atomic_write_text(tmp / "summary.json",  # strict JSON: a diverged ℓ2 (inf) is null
                          json.dumps(json_safe(summarise(res)), indent=2, allow_nan=False) + "\n")
        if figure:
            title = f"{len(res.datasets)} member(s)"
            if strip is not None:
                strip.draw(columns, tmp / "strip.png", title)
            else:
                training_strip(columns, tmp / "strip.png", title=title)

    return write_folder(out, writer, overwrite=overwrite)
