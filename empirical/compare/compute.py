"""``memcap compare``: proven bounds, verified constructions and trained sizes side by side.

For each M (random Boolean maps {±1}^M → {±1}^N, all 2^M points) one row holds

* the lower bounds of :mod:`empirical.compare.rows` (copied from ``capacity.answer.answer_rows``);
* the sizes of every compare construction (lookup, dnf, gated, depth3, xorsys, hall, auto) on S
  seeded random functions, each
  built and verified exactly, and the universal constructions' worst case;
* the size gradient descent needs (:func:`empirical.search.size.search_size`) with one and with two
  hidden layers, as a bracket (a measured failing size below, the smallest measured passing size
  above every failing one) with the Wilson interval of its success rate and the winning learning
  rate.

Two further views answer the seed question's second part and the random-label question:

* **depth at equal parameters**: for a few M, the parameter budget GD needs with 1, 2 and 3 hidden
  layers (search on the parameter axis);
* **random labels**: for n random points with V classes, the parameters GD needs against n, beside
  the 2, 3.6 and 5 bits-per-parameter anchors (``info.points-params.*``).

Searches that can share trainings run as one task for an executor (in-process, local worker
processes, or Dask workers), largest first so workers stay busy: the searches of one target at one
depth form a group whose ensembles are trained once (:func:`run_search_group`; at depth 1 the
parameter-axis search of the depth comparison usually asks for exactly the ensembles of the
width-axis search, and then trains nothing new).

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

from capacity.counting import boolean_function_bits
from empirical.compare.config import CompareConfig
from empirical.compare.findings import findings
from empirical.compare.result import (
    CompareResult,
    CompareRow,
    DepthRow,
    PointsRow,
    SearchTiming,
    Timing,
    TrainedSize,
)
from empirical.compare.rows import (
    BOOLEAN_ANCHOR_IDS,
    check_consistency,
    construction_sizes,
    lower_bounds,
    point_anchors,
    worst_case_sizes,
)
from empirical.compare.searches import (
    SearchJob,
    run_search_group,
    search_groups,
    trained_summary,
)
from empirical.engine.executor import InProcessExecutor
from empirical.engine.parameters import count_parameters, width_for_parameters
from empirical.engine.versions import package_versions
from empirical.search.options import SearchOptions, check_search
from empirical.search.target import SearchTarget

__all__ = ["SearchJob", "run_compare", "run_search_group", "search_groups",
           "search_jobs", "trained_summary"]


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
        ceiling = 4096 if axis == "width" else 1 << 20
        # the start is clamped to the ceiling, as a search did before it refused --start above
        # --max-size (compare has neither option)
        start = min(_start(target, depth, axis), ceiling)
        opts = SearchOptions.of(depth=depth, axis=axis, start=start, max_size=ceiling, **common)
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


def run_compare(cfg: CompareConfig, executor=None,
                progress: Callable[[str, int, int], None] | None = None) -> CompareResult:
    """Run every view of :class:`CompareConfig`; return the typed result.

    ``progress(label, done, total)`` is called after each (M, constructions) step and each
    search group; with a non-in-process executor the groups train concurrently, while this
    process builds the constructions, and report as each one finishes.

    Parameters
    ----------
    cfg : CompareConfig
        What to compute.
    executor : Executor or None, optional
        Runs the search groups (default: in-process); it changes no number.
    progress : callable or None, optional
        Called as ``progress(label, done, total)``; None: no reports.

    Returns
    -------
    CompareResult
        The rows, depth and random-label views, violations, timing and findings.

    Examples
    --------
    >>> res = run_compare(CompareConfig(inputs=(1, 2), samples=2, train=False))
    >>> [r.M for r in res.rows], res.violations
    ([1, 2], [])
    """
    t0 = time.perf_counter()
    jobs = search_jobs(cfg)
    for job in jobs:  # before any work: a search too large for memory was refused in its
        # worker, after every construction was built (84 s at M = 12, 2026-12-05 review)
        check_search(job.target, job.options)
    total = len(cfg.inputs) + len(jobs)
    done = 0
    constructions_s: dict[int, float] = {}
    tb = time.perf_counter()
    lower = lower_bounds(cfg.inputs, cfg.outputs)
    anchors = lower_bounds(cfg.inputs, cfg.outputs, ids=BOOLEAN_ANCHOR_IDS)
    bounds_s = time.perf_counter() - tb
    parts = []
    ex = executor or InProcessExecutor()
    groups = search_groups(jobs)
    background = None
    if groups and not isinstance(ex, InProcessExecutor):
        # the workers train while this process builds and verifies the constructions
        from concurrent.futures import ThreadPoolExecutor

        def searches_done(n_groups: int, _: int) -> None:
            if progress:
                progress(f"{n_groups}/{len(groups)} search groups (concurrent)",
                         len(parts) + sum(len(g) for g in groups[:n_groups]), total)

        thread = ThreadPoolExecutor(max_workers=1)
        background = thread.submit(ex.map, run_search_group, groups, progress=searches_done)
        thread.shutdown(wait=False)
    for m in cfg.inputs:
        tc = time.perf_counter()
        parts.append((m, construction_sizes(m, cfg.outputs, cfg.samples, cfg.seed),
                      worst_case_sizes(m, cfg.outputs)))
        constructions_s[m] = time.perf_counter() - tc
        done += 1
        if progress:
            progress(f"M={m} constructions", done, total)
    if background is not None:
        group_outs = background.result()
        if progress:
            progress("searches", total, total)
    else:
        group_outs = []
        for group in groups:
            group_outs.append(ex.map(run_search_group, [group])[0])
            done += len(group)
            if progress:
                progress(" + ".join(job.label for job in group), done, total)
    by_job = {id(job): out for group, outs_g in zip(groups, group_outs, strict=True)
              for job, out in zip(group, outs_g, strict=True)}
    outs = [by_job[id(job)][0] for job in jobs]
    reused = [by_job[id(job)][1] for job in jobs]
    trained: dict[int, dict[str, TrainedSize]] = {m: {} for m in cfg.inputs}
    by_depth: dict[int, dict[int, TrainedSize]] = {}
    depth_bits: dict[int, int] = {}
    points_rows: dict[int, PointsRow] = {}
    searches = []
    for job, out, n_reused in zip(jobs, outs, reused, strict=True):
        searches.append(SearchTiming(job.label, out.wall_s, len(out.ensemble_sizes),
                                     list(out.ensemble_sizes), n_reused))
        if job.family.startswith("depth"):
            trained[job.key][job.family] = out
        elif job.family.startswith("params-depth"):
            depth_bits.setdefault(job.key, boolean_function_bits(job.target.inputs,
                                                                 job.target.outputs))
            by_depth.setdefault(job.key, {})[job.options.depth] = out
        else:
            points_rows[job.key] = PointsRow(
                n=job.key, classes=cfg.classes, d_in=cfg.d_in,
                information_bits=job.target.information_bits(),
                anchors=point_anchors(job.key, cfg.classes), trained=out)
    rows = []
    for m, constructions, worst in parts:
        row = CompareRow(M=m, N=cfg.outputs, information_bits=boolean_function_bits(m, cfg.outputs),
                         lower=lower[m], constructions=constructions, worst_case=worst,
                         trained=trained[m], anchors=anchors[m])
        rows.append(dataclasses.replace(row, violations=check_consistency(row)))
    violations = [v for r in rows for v in r.violations]
    timing = Timing(constructions_s=constructions_s, searches=searches, bounds_s=bounds_s,
                    executor=type(ex).__name__, searches_s=sum(s.wall_s for s in searches),
                    total_s=time.perf_counter() - t0)
    result = CompareResult(
        config=cfg, versions=package_versions(), rows=rows,
        depth_comparison=[DepthRow(m, depth_bits[m], by_depth[m]) for m in sorted(by_depth)],
        random_labels=[points_rows[n] for n in sorted(points_rows)],
        violations=violations, timing=timing)
    return dataclasses.replace(result, findings=findings(result))
