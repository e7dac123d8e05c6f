"""``memcap compare``: proven bounds, verified constructions and trained sizes side by side.

For each M (random Boolean maps {±1}^M → {±1}^N, all 2^M points) one row holds

* the lower bounds of :mod:`empirical.compare.rows` (copied from ``capacity.answer.answer_rows``);
* the sizes of the lookup, dnf, depth3 and auto constructions on S seeded random functions, each
  built and verified exactly, and the universal constructions' worst case;
* the size gradient descent needs (:func:`empirical.search.size.search_size`) with one and with two
  hidden layers, as a bracket (a measured failing size below, the smallest measured passing size
  above) with the Wilson interval of its success rate and the winning learning rate.

Two further views answer the seed question's second part and the random-label question:

* **depth at equal parameters**: for a few M, the parameter budget GD needs with 1, 2 and 3 hidden
  layers (search on the parameter axis);
* **random labels**: for n random points with V classes, the parameters GD needs against n, beside
  the 2, 3.6 and 5 bits-per-parameter anchors (``info.points-params.*``).

Every search is one task for an executor (in-process, or Dask workers that each run whole
searches), largest first so workers stay busy.

References
----------
S. Shalev-Shwartz, S. Ben-David, *Understanding Machine Learning* (2014), §20.3 (Claim 20.1,
Thm 20.6). T. M. Cover, IEEE Trans. Electron. Comput. EC-14 (1965). J. X. Morris et al., arXiv
2505.24832 (2025). J. Collins, J. Sohl-Dickstein, D. Sussillo, ICLR 2017. E. B. Wilson, JASA 22
(1927).
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from empirical.compare.findings import findings
from empirical.compare.rows import (
    INPUTS_LIMIT_REASON,
    MAX_INPUTS,
    check_consistency,
    construction_sizes,
    lower_bounds,
    point_anchors,
    worst_case_sizes,
)
from empirical.engine.executor import InProcessExecutor
from empirical.engine.parameters import count_parameters, width_for_parameters
from empirical.engine.run import package_versions
from empirical.search.options import SearchOptions
from empirical.search.size import search_size
from empirical.search.target import SearchTarget

__all__ = ["CompareConfig", "SearchJob", "run_compare", "run_search_job", "search_jobs",
           "trained_summary"]


@dataclass(frozen=True)
class CompareConfig:
    """Everything ``memcap compare`` measures (saved with the result).

    Parameters
    ----------
    inputs : tuple of int
        The M values (1..12).
    outputs : int
        N, outputs of the Boolean maps.
    samples : int
        Random functions per M on which every construction is built and verified.
    seeds, steps, lrs, success_rate
        Search options: trials per candidate size, Adam step budget, learning-rate grid (best-of),
        needed success rate p.
    depths : tuple of int
        Hidden layers of the width-axis searches at every M (the table's trained columns).
    depth_inputs : tuple of int
        M values of the equal-parameter depth comparison (empty: skip it).
    depth_compare : tuple of int
        Depths compared there (parameter-budget axis).
    points : tuple of int
        n values of the random-label view (empty: skip it).
    d_in, classes
        Input dimension and label classes V of the random points.
    train : bool
        False: bounds and constructions only.
    bracket_steps, points_per_round
        Search knobs: doublings per bracket round, interior points per k-section round.
    seed : int
        Base seed of functions, data draws and inits.
    threads : int
        torch threads inside each search task (0: leave torch's default).

    Examples
    --------
    >>> CompareConfig(inputs=(1, 2)).inputs
    (1, 2)
    >>> CompareConfig(inputs=(13,))
    Traceback (most recent call last):
    ...
    ValueError: --inputs must lie in 1..12, got 13; training uses all 2^M points full batch ...
    """

    inputs: tuple[int, ...] = tuple(range(1, 11))
    outputs: int = 1
    samples: int = 5
    seeds: int = 5
    steps: int = 1000
    lrs: tuple[float, ...] = (1e-2, 3e-2)
    success_rate: float = 0.5
    depths: tuple[int, ...] = (1, 2)
    depth_inputs: tuple[int, ...] = (8, 10)
    depth_compare: tuple[int, ...] = (1, 2, 3)
    points: tuple[int, ...] = (64, 128, 256, 512)
    d_in: int = 8
    classes: int = 2
    train: bool = True
    bracket_steps: int = 3
    points_per_round: int = 1
    seed: int = 0
    threads: int = 1

    def __post_init__(self) -> None:
        for name in ("inputs", "depths", "depth_inputs", "depth_compare", "points"):
            object.__setattr__(self, name, tuple(int(v) for v in getattr(self, name)))
        object.__setattr__(self, "lrs", tuple(float(v) for v in self.lrs))
        if not self.inputs:
            raise ValueError("--inputs is empty; give a range like 1..10")
        for m in (*self.inputs, *self.depth_inputs):
            if not 1 <= m <= MAX_INPUTS:
                raise ValueError(f"--inputs must lie in 1..{MAX_INPUTS}, got {m}; {INPUTS_LIMIT_REASON}")
        checks = (("--outputs", self.outputs, 1, 8), ("--samples", self.samples, 1, 1000),
                  ("--seeds", self.seeds, 1, 1000), ("--steps", self.steps, 1, 10**7),
                  ("--d-in", self.d_in, 1, 4096), ("--classes", self.classes, 2, 4096),
                  ("--threads", self.threads, 0, 1024))
        for name, value, lo, hi in checks:
            if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
                raise ValueError(f"{name} must be an integer in {lo}..{hi}, got {value!r}")
        for d in (*self.depths, *self.depth_compare):
            if not 1 <= d <= 8:
                raise ValueError(f"hidden-layer depths must be in 1..8, got {d}")
        if any(n < 1 for n in self.points):
            raise ValueError(f"--points must be positive integers, got {self.points}")
        if not self.lrs or not all(v > 0 and math.isfinite(v) for v in self.lrs):
            raise ValueError(f"--lrs must be positive numbers, got {self.lrs}")
        if not 0 < self.success_rate <= 1:
            raise ValueError(f"--success-rate must be in (0, 1], got {self.success_rate}")

    def to_dict(self) -> dict:
        """JSON-ready dict (tuples as lists)."""
        return {k: list(v) if isinstance(v, tuple) else v
                for k, v in dataclasses.asdict(self).items()}


@dataclass(frozen=True)
class SearchJob:
    """One search of a compare run: which view it feeds (``family``), its key, target, options."""

    family: str
    key: int
    target: object
    options: object
    threads: int = 0

    @property
    def label(self) -> str:
        """e.g. ``M=10 depth1`` or ``n=256 points``."""
        return (f"n={self.key} {self.family}" if self.family == "points"
                else f"M={self.key} {self.family}")


def _start(target, depth: int, axis: str) -> int:
    """First bracket candidate: the width (or budget) storing 2 bits per parameter (Cover's
    count for one threshold unit), rounded down to a power of two on the width axis."""
    budget = max(1, int(target.information_bits() / 2))
    width = width_for_parameters(target.d_features, budget, depth, target.n_classes)
    width = 2 ** int(math.floor(math.log2(max(1, width))))
    if axis == "width":
        return width
    return count_parameters(target.d_features, width, depth, target.n_classes)


def search_jobs(cfg: CompareConfig) -> list[SearchJob]:
    """Every search a compare run makes, most expensive first.

    Examples
    --------
    >>> jobs = search_jobs(CompareConfig(inputs=(2, 3), depth_inputs=(3,), points=(64,)))
    >>> jobs[0].label, jobs[-1].label
    ('n=64 points', 'M=2 depth1')
    >>> len(jobs)   # 2 M × 2 depths + 3 depths at equal parameters + 1 random-label
    8
    """
    if not cfg.train:
        return []
    common = dict(seeds=cfg.seeds, steps=cfg.steps, lrs=cfg.lrs, success_rate=cfg.success_rate,
                  seed=cfg.seed, bracket_steps=cfg.bracket_steps,
                  points_per_round=cfg.points_per_round)
    jobs: list[tuple[float, SearchJob]] = []

    def add(family, key, target, depth, axis):
        start = _start(target, depth, axis)
        opts = SearchOptions(depth=depth, axis=axis, start=start,
                             max_size=(4096 if axis == "width" else 1 << 20), **common)
        cost = target.n_points * target.information_bits() * (1 + 0.5 * (depth - 1))
        jobs.append((cost, SearchJob(family, key, target, opts, cfg.threads)))

    for m in cfg.inputs:
        target = SearchTarget(kind="boolean", function="random", inputs=m, outputs=cfg.outputs)
        for depth in cfg.depths:
            add(f"depth{depth}", m, target, depth, "width")
    for m in cfg.depth_inputs:
        target = SearchTarget(kind="boolean", function="random", inputs=m, outputs=cfg.outputs)
        for depth in cfg.depth_compare:
            add(f"params-depth{depth}", m, target, depth, "parameters")
    for n in cfg.points:
        target = SearchTarget(kind="points", n=n, classes=cfg.classes, d_in=cfg.d_in)
        add("points", n, target, 1, "parameters")
    jobs.sort(key=lambda item: -item[0])  # stable: equal costs keep insertion order
    return [job for _, job in jobs]


def _candidate(c, depth: int) -> dict:
    return {"size": c.size, "width": c.width, "hidden": c.width * depth,
            "parameters": c.parameters, "trials": c.trials,
            "successes": c.successes, "rate": c.rate, "interval": list(c.interval),
            "best_lr": c.best_lr, "steps_to_fit": c.steps_to_fit}


def trained_summary(result) -> dict:
    """The JSON-ready summary of a :class:`~empirical.search.options.SearchResult` that compare keeps.

    ``needed`` is the smallest measured passing size, ``bracket`` the measured failing size just
    below it (None when ``needed`` is width 1): the size GD needs at rate p lies in
    ``(bracket, needed]`` up to trial noise, which the Wilson intervals quantify.

    Examples
    --------
    >>> from empirical.search.size import SearchOptions, SearchTarget, search_size
    >>> res = search_size(SearchTarget(table="0001"), SearchOptions(seeds=2, lrs=(0.05,),
    ...                   steps=200, start=2))
    >>> s = trained_summary(res)
    >>> s["needed"]["width"], s["needed"]["hidden"], s["bracket"]
    (1, 1, None)
    """
    opts = result.options
    needed = _candidate(result.needed, opts.depth) if result.needed is not None else None
    return {
        "depth": opts.depth, "axis": opts.axis, "found": needed is not None,
        "needed": needed,
        "bracket": _candidate(result.below, opts.depth) if result.below is not None else None,
        "bits_per_parameter": result.bits_per_parameter,
        "information_bits": result.information_bits,
        "candidates": [_candidate(c, opts.depth) for c in result.candidates],
        "violations": list(getattr(result, "violations", [])),
        "rounds": getattr(result, "rounds", None), "max_size": opts.max_size,
        "ensemble_sizes": list(result.ensemble_sizes), "wall_s": result.wall_s,
    }


def run_search_job(job: SearchJob) -> dict:
    """Executor worker: run one search in-process (whole search per task) and summarise it.

    Examples
    --------
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> job = SearchJob("depth1", 2, SearchTarget(table="0001"),
    ...                 SearchOptions(seeds=2, lrs=(0.05,), steps=100, start=1))
    >>> run_search_job(job)["needed"]["width"]
    1
    """
    if job.threads:
        import torch

        torch.set_num_threads(job.threads)
    return trained_summary(search_size(job.target, job.options))


def run_compare(cfg: CompareConfig, executor=None,
                progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Run every view of :class:`CompareConfig`; return the JSON-ready result.

    ``progress(label, done, total)`` is called after each (M, constructions) step and each
    search; with a non-in-process executor the searches run concurrently and report as a batch.

    Examples
    --------
    >>> res = run_compare(CompareConfig(inputs=(1, 2), samples=2, train=False))
    >>> [r["M"] for r in res["rows"]], res["violations"]
    ([1, 2], [])
    """
    t0 = time.perf_counter()
    jobs = search_jobs(cfg)
    total = len(cfg.inputs) + len(jobs)
    done = 0
    timing: dict = {"constructions_s": {}, "searches": []}
    tb = time.perf_counter()
    lower = lower_bounds(cfg.inputs, cfg.outputs)
    timing["bounds_s"] = time.perf_counter() - tb
    rows = []
    for m in cfg.inputs:
        tc = time.perf_counter()
        rows.append({"M": m, "N": cfg.outputs, "information_bits": cfg.outputs * 2 ** m,
                     "lower": lower[m],
                     "constructions": construction_sizes(m, cfg.outputs, cfg.samples, cfg.seed),
                     "worst_case": worst_case_sizes(m, cfg.outputs), "trained": {}})
        timing["constructions_s"][m] = time.perf_counter() - tc
        done += 1
        if progress:
            progress(f"M={m} constructions", done, total)
    ex = executor or InProcessExecutor()
    timing["executor"] = type(ex).__name__
    if isinstance(ex, InProcessExecutor):
        outs = []
        for job in jobs:
            outs.append(ex.map(run_search_job, [job])[0])
            done += 1
            if progress:
                progress(job.label, done, total)
    else:
        outs = ex.map(run_search_job, jobs, progress="compare: searches (M, family)")
        if progress:
            progress("searches", total, total)
    by_m = {r["M"]: r for r in rows}
    depth_rows: dict[int, dict] = {}
    points_rows: dict[int, dict] = {}
    for job, out in zip(jobs, outs, strict=True):
        timing["searches"].append({"search": job.label, "wall_s": out["wall_s"],
                                   "ensembles": len(out["ensemble_sizes"]),
                                   "ensemble_sizes": out["ensemble_sizes"]})
        if job.family.startswith("depth"):
            by_m[job.key]["trained"][job.family] = out
        elif job.family.startswith("params-depth"):
            depth_rows.setdefault(job.key, {"M": job.key, "information_bits":
                                            job.target.information_bits(), "by_depth": {}})
            depth_rows[job.key]["by_depth"][job.options.depth] = out
        else:
            points_rows[job.key] = {"n": job.key, "classes": cfg.classes, "d_in": cfg.d_in,
                                    "information_bits": job.target.information_bits(),
                                    "anchors": point_anchors(job.key, cfg.classes),
                                    "trained": out}
    violations = [v for r in rows for v in check_consistency(r)]
    for r in rows:
        r["violations"] = check_consistency(r)
    timing["searches_s"] = sum(s["wall_s"] for s in timing["searches"])
    timing["total_s"] = time.perf_counter() - t0
    result = {
        "format": "memcap.compare/1", "config": cfg.to_dict(), "versions": package_versions(),
        "rows": rows,
        "depth_comparison": [depth_rows[m] for m in sorted(depth_rows)],
        "random_labels": [points_rows[n] for n in sorted(points_rows)],
        "violations": violations, "timing": timing,
    }
    result["findings"] = findings(result)
    return result
