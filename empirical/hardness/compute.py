"""The hardness study: for every function family, the known size against the trained size.

For each item (a family, or every NPN class for M ≤ 4):

1. *known*: :func:`empirical.hardness.known.known_size` (exact for M ≤ 4 and where a
   construction meets a proven floor, else the best construction); for a seeded family
   (random, threshold, dnf) the p-quantile over the S functions the trials draw (the
   search's own draws, :func:`empirical.search.rounds.trial_seeds`; :func:`known_quantile`);
2. *trained (ReLU)*: first the network without hidden units (the outputs read the inputs: a
   linear model, :func:`probe_linear`); when its success rate reaches p the answer is 0 hidden
   units, else :func:`empirical.search.size.search_size` finds the smallest width (bracket and
   k-section, Wilson intervals), starting from width 1;
3. *trained (sign)*, with ``config.sign``: the same with sign units trained through the
   straight-through estimator, a trial counting only when its hardened integer network verifies
   exactly (:func:`empirical.hardness.sign.sign_train_task`); one verified network of that size
   is kept (memcap's network JSON).

The rows are ranked by the gap trained / known (:class:`~empirical.hardness.result.HardnessRow`).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import numbers
import time
from collections.abc import Callable
from dataclasses import dataclass

from capacity.errors import UsageError
from capacity.options import option_text
from constructions.boolean import BooleanFunction
from constructions.exact.npn import npn_classes, table_string
from constructions.families import make_function
from empirical.engine.config import ModelConfig
from empirical.engine.executor import InProcessExecutor
from empirical.hardness.known import KnownSize, known_size_and_floors
from empirical.hardness.result import (
    HardnessConfig,
    HardnessResult,
    HardnessRow,
    TrainedFunctionSize,
    row_labels,
)
from empirical.search.options import SearchOptions
from empirical.search.rounds import SearchTask, make_task, trial_seeds
from empirical.search.size import search_size
from empirical.search.stats import wilson_interval
from empirical.search.target import SearchTarget

__all__ = ["HardnessItem", "items_for", "known_quantile", "measure_item", "measure_items",
           "probe_linear", "run_hardness", "search_options", "trained_size"]

_SEEDED = ("random", "threshold", "dnf")


@dataclass(frozen=True)
class HardnessItem:
    """One row to measure: its family, label, search target and the functions its trials see
    (one for a fixed function, S draws for a seeded family), and its NPN class size.

    Examples
    --------
    >>> parity, *npn = items_for(HardnessConfig(inputs=2, families=("parity", "npn")))
    >>> parity.family, parity.target.function, parity.functions, parity.class_size
    ('parity', 'parity', (BooleanFunction(M=2, N=1, 0110),), 1)
    >>> npn[-1].label, npn[-1].class_size   # XOR's NPN class: XOR and XNOR
    ('npn:0110', 2)
    """

    family: str
    label: str
    target: SearchTarget
    functions: tuple[BooleanFunction, ...]
    class_size: int = 1


@functools.cache
def _npn_class_sizes(m: int) -> dict[str, int]:
    """NPN class size by canonical table, for M ≤ 4."""
    reps, sizes = npn_classes(m)
    return {table_string(rep, m): int(size)
            for rep, size in zip(reps.tolist(), sizes.tolist(), strict=True)}


def items_for(config: HardnessConfig) -> list[HardnessItem]:
    """The items of ``config``: one per family (inner-product only for even M), and one per NPN
    class for ``npn`` (M ≤ 4; refused above).

    Parameters
    ----------
    config : HardnessConfig
        The study's settings: M, the families, and for a seeded family (random, threshold,
        dnf) the trials and seed that fix its draws.

    Returns
    -------
    list of HardnessItem
        In :func:`~empirical.hardness.result.row_labels`'s order. A seeded family's item holds
        ``config.trials`` draws, drawn with the search's own trial seeds
        (:func:`~empirical.search.rounds.trial_seeds`); any other item one function. An NPN
        item's ``class_size`` is its class's number of functions (1 for a family). Empty when
        the config measures no row (only inner-product at odd M).

    Raises
    ------
    UsageError
        ``npn`` with M above 4.

    Examples
    --------
    >>> [i.label for i in items_for(HardnessConfig(inputs=2, families=("parity", "npn")))]
    ['parity', 'npn:0000', 'npn:1000', 'npn:1100', 'npn:0110']
    >>> len(items_for(HardnessConfig(inputs=3, families=("inner-product",))))
    0
    """
    if not isinstance(config, HardnessConfig):  # 'x' was a bare AttributeError (review)
        raise UsageError(f"items_for needs a HardnessConfig, got {type(config).__name__}")
    m, out = config.inputs, []
    for fam in row_labels(config):
        if fam.startswith("npn:"):
            table = fam.removeprefix("npn:")
            out.append(HardnessItem("npn", fam, SearchTarget(table=table),
                                    (BooleanFunction.from_strings(table),),
                                    _npn_class_sizes(m)[table]))
            continue
        target = SearchTarget(function=fam, inputs=m)
        if fam in _SEEDED:
            fns = tuple(make_function(fam, m, 1, seed=trial_seeds(config.seed, j)[1])
                        for j in range(config.trials))
        else:
            fns = (make_function(fam, m),)
        out.append(HardnessItem(fam, fam, target, fns))
    return out


def search_options(config: HardnessConfig, activation: str) -> SearchOptions:
    """The search's options for ``config`` with hidden ``activation`` (relu or sign).

    Parameters
    ----------
    config : HardnessConfig
        The study's settings (depth, optimiser, steps, trials, p, lrs, maximum width, seed,
        confidence, device, dtype).
    activation : str
        The hidden units' activation, ``"relu"`` or ``"sign"``.

    Returns
    -------
    SearchOptions
        Options of a width search starting at 1.

    Examples
    --------
    >>> search_options(HardnessConfig(inputs=3), "sign").model.activation
    'sign'
    """
    if not isinstance(config, HardnessConfig):  # 'x' was a bare AttributeError (review)
        raise UsageError(f"search_options needs a HardnessConfig, got {type(config).__name__}")
    if activation not in ("relu", "sign"):  # tanh was taken, documented as relu or sign
        raise UsageError(f"the study's hidden units are relu or sign, got {activation!r}")
    return SearchOptions.of(depth=config.depth, activation=activation,
                            optimizer=config.optimizer, steps=config.steps,
                            seeds=config.trials, success_rate=config.success_rate,
                            lrs=config.lrs, max_size=config.max_width, start=1,
                            seed=config.seed, confidence=config.confidence,
                            device=config.device, dtype=config.dtype)


def probe_linear(target: SearchTarget, options: SearchOptions,
                 worker: Callable | None = None, executor=None) -> tuple[int, float]:
    """Successes (best over the learning rates) and the winning lr of the network without hidden
    units — the outputs read the inputs — on the search's trials of ``target`` (``worker``:
    default :func:`empirical.hardness.workers.relu_train_task`).

    Parameters
    ----------
    target : SearchTarget
        The map to memorise.
    options : SearchOptions
        Its trials (``seeds``), learning rates and training settings.
    worker : callable or None, optional
        The search worker that trains the task.
    executor : Executor or None, optional
        Runs the one task (default: here, in-process).

    Returns
    -------
    tuple of (int, float)
        The best successes and its lr (the smallest lr among ties).

    Examples
    --------
    >>> opts = SearchOptions.of(seeds=3, steps=300, lrs=(0.05,))
    >>> probe_linear(SearchTarget(function="majority", inputs=3), opts)  # a threshold function
    (3, 0.05)
    >>> probe_linear(SearchTarget(function="parity", inputs=2), opts)[0]
    0
    """
    worker = worker or _relu_worker()
    task = make_task(target.data_config(), [1], options.seeds, options.lrs, options)
    cfg = task.config
    linear = dataclasses.replace(cfg, model=ModelConfig(
        depth=0, width=1, activation=options.model.activation, init_seed=0))
    out = (executor.map(worker, [SearchTask(linear)])[0] if executor is not None
           else worker(SearchTask(linear)))
    s = options.seeds
    by_lr = {lr: int(out.success[k * s:(k + 1) * s].sum()) for k, lr in
             enumerate(options.lrs)}
    best = min(options.lrs, key=lambda lr: (-by_lr[lr], lr))
    return by_lr[best], best


def trained_size(target: SearchTarget, options: SearchOptions,
                 worker: Callable | None = None,
                 executor=None) -> TrainedFunctionSize:
    """The smallest network (hidden units in total) trained to success rate ≥ p: 0 when the
    linear probe passes, else the search's needed width (starting at width 1); ``worker`` as in
    :func:`probe_linear`.

    Parameters
    ----------
    target : SearchTarget
        The map to memorise.
    options : SearchOptions
        The search's options (depth, activation, trials, p, lrs, maximum width).
    worker : callable or None, optional
        The search worker (default: the ReLU one).
    executor : Executor or None, optional
        Runs the probe and the search (default in-process).

    Returns
    -------
    TrainedFunctionSize
        The size found with its successes, Wilson interval and lr, and the failing size below;
        hidden None when nothing up to the maximum width reached p (``diverged`` when every
        trial at the largest width tried diverged: its failure bounds nothing).

    Examples
    --------
    >>> opts = SearchOptions.of(seeds=2, steps=300, lrs=(0.05,))
    >>> trained_size(SearchTarget(function="and", inputs=3), opts).hidden
    0
    """
    worker = worker or _relu_worker()
    s, lr = probe_linear(target, options, worker, executor)
    n = options.seeds
    if s / n >= options.success_rate:
        return TrainedFunctionSize(options.model.activation, options.depth, 0, 0, s, n,
                           wilson_interval(s, n, options.confidence), lr)
    res = search_size(target, options, executor, worker=worker)
    depth = options.depth
    if res.needed is None:
        top = res.candidates[-1]
        return TrainedFunctionSize(options.model.activation, depth, None, None, top.successes,
                           top.trials, top.interval, None, top.width * depth, top.successes,
                           diverged=res.diverged)
    nd = res.needed
    if res.below is not None:
        below_h, below_s = res.below.width * depth, res.below.successes
    else:  # nothing failed in the search: the linear probe is the failing size below
        below_h, below_s = 0, s
    return TrainedFunctionSize(options.model.activation, depth, nd.width * depth, nd.width,
                       nd.successes, nd.trials, nd.interval, nd.best_lr, below_h, below_s)


def known_quantile(sizes: list[KnownSize], p: float,
                   floors: list[tuple[int, int]] | None = None) -> KnownSize:
    """The known size of a seeded family whose trials draw ``sizes``: the smallest size at which
    at least a fraction ``p`` of the draws is realisable (each coordinate separately).

    This is the counterpart of the trained answer (the smallest size that trains on a fraction
    ``p`` of the draws). A sign network can only train at a size that realises its draw, so
    the trained *sign* size is never below the quantile of the draws' *minimal* sizes, which
    this quantile equals where it is exact (an upper bound elsewhere: at M = 6 sign units
    trained random maps with 6 hidden units against a known 8); ReLU units
    are not threshold units and are not bound by it (no trained ReLU size below it has been
    seen, but that is an observation, not a theorem).

    The quantile is the k-th smallest size for the least k with k / S ≥ p, the same test
    (``successes / trials >= p``) that decides a trained size, so both sides of a row take one
    count of draws (``⌈p·S − 1e-9⌉`` took 2 of 4 at p = 0.5000000001, where training needs 3;
    2026-12-06 review).

    Parameters
    ----------
    sizes : list of KnownSize
        Known sizes of the draws (one: returned as is).
    p : float
        The fraction of draws (the success rate).
    floors : list of (int, int), optional
        Proven lower bounds ``(layered hidden units, any-depth neurons)`` of each draw
        (:func:`~empirical.hardness.known.layered_floor`,
        :func:`~empirical.hardness.known.any_depth_floor`). Order statistics are monotone, so
        the quantile of the minima lies between the floors' quantile and the sizes' quantile:
        where the two meet, the quantile is a proven minimum even if some draws' sizes are not
        (dnf draws of 2, 3, 2, 3 hidden units, all with floor 2, have a proven 0.5-quantile of
        2; it was starred "not proven", 2026-12-06 review). A draw whose size is exact counts
        with its size.

    Returns
    -------
    KnownSize
        The quantile sizes; each exact when every draw's size is, where the floors' quantile
        meets it, or at the trivial floor.

    Examples
    --------
    >>> ks = [KnownSize(h, 1, True, True, "x") for h in (0, 0, 2, 3)]
    >>> known_quantile(ks, 0.5).layered_hidden, known_quantile(ks, 0.75).layered_hidden
    (0, 2)
    >>> ks = [KnownSize(h, 3, h == 2, True, "x") for h in (2, 3, 2, 3)]
    >>> known_quantile(ks, 0.5).layered_exact, known_quantile(ks, 0.5, [(2, 2)] * 4).layered_exact
    (False, True)
    """
    if not sizes:  # a bare IndexError (2026-12-05 review)
        raise UsageError("known_quantile needs at least one known size")
    if not all(isinstance(s, KnownSize) for s in sizes):
        raise UsageError("known_quantile needs a list of KnownSize")
    # 0 and -1 returned the minimum, 5 and NaN were raw IndexError and ValueError (review)
    if (isinstance(p, bool) or not isinstance(p, numbers.Real) or not math.isfinite(p)
            or not 0 < p <= 1):
        raise UsageError(f"the fraction p must be in (0, 1], got {p!r}")
    if floors is not None and len(floors) != len(sizes):
        raise UsageError(f"known_quantile got {len(floors)} floors for {len(sizes)} sizes")
    if len(sizes) == 1:
        return sizes[0]
    n = len(sizes)
    k = next(k for k in range(1, n + 1) if k / n >= p)  # p <= 1: k = n at the latest
    hidden = sorted(s.layered_hidden for s in sizes)[k - 1]
    free = sorted(s.any_depth_neurons for s in sizes)[k - 1]
    floors = floors or [(0, 1)] * n  # the trivial floors: no hidden unit, one neuron
    low_hidden = sorted(s.layered_hidden if s.layered_exact else f[0]
                        for s, f in zip(sizes, floors, strict=True))[k - 1]
    low_free = sorted(s.any_depth_neurons if s.any_depth_exact else f[1]
                      for s, f in zip(sizes, floors, strict=True))[k - 1]
    sources = sorted({s.source for s in sizes})
    return KnownSize(hidden, free, low_hidden >= hidden, low_free >= free,
                     f"{option_text(p)}-quantile over {n} draws "
                     f"({', '.join(str(s.layered_hidden) for s in sizes)}); "
                     + "; ".join(sources))


def _relu_worker() -> Callable:
    """The default search worker (imported here: it needs torch, which a process that only
    schedules the study does not)."""
    from empirical.hardness.workers import relu_train_task

    return relu_train_task


def _known(item: HardnessItem, p: float) -> KnownSize:
    pairs = [known_size_and_floors(f) for f in item.functions]
    return known_quantile([k for k, _ in pairs], p, [floors for _, floors in pairs])


def _network(item: HardnessItem, options: SearchOptions, sign: TrainedFunctionSize) -> dict | None:
    """One hardened network of the sign size that verified (None if none did)."""
    if not sign.found:
        return None
    from empirical.hardness.sign import train_sign_networks  # torch: in the worker

    for t in train_sign_networks(item.target, options, sign.width, sign.best_lr):
        if t.verified:
            return t.network.to_dict()
    return None


def measure_item(job: tuple[HardnessItem, HardnessConfig], executor=None) -> HardnessRow:
    """Executor worker: one item's row (known size, trained ReLU size, sign size and network),
    every search of it run here, in-process (``executor``: the searches' executor, e.g. a
    :class:`~empirical.search.lockstep.LockstepExecutor`).

    Parameters
    ----------
    job : tuple of (HardnessItem, HardnessConfig)
        The item and the study's settings (``config.sign`` also trains sign units).
    executor : Executor or None, optional
        Runs the item's searches (default in-process).

    Returns
    -------
    HardnessRow
        The item's row; sign size and network None without ``config.sign``.

    Examples
    --------
    >>> cfg = HardnessConfig(inputs=2, families=("parity",), trials=2, steps=300, lrs=(0.05,),
    ...                      sign=False)
    >>> measure_item((items_for(cfg)[0], cfg)).relu.found
    True
    """
    from empirical.hardness.sign import sign_train_task  # torch: in the worker

    item, config = job
    known = _known(item, config.success_rate)
    relu = trained_size(item.target, search_options(config, "relu"), executor=executor)
    sign = network = None
    if config.sign:
        sign_opts = search_options(config, "sign")
        sign = trained_size(item.target, sign_opts, sign_train_task, executor)
        network = _network(item, sign_opts, sign)
    return HardnessRow(item.family, item.label, config.inputs, item.target.table,
                       item.class_size, known, relu, sign, network)


def run_hardness(config: HardnessConfig, executor=None,
                 progress: Callable[[int, int], None] | None = None) -> HardnessResult:
    """Measure every item of ``config`` (see the module notes).

    ``executor`` (:mod:`empirical.engine.executor`; default in-process) runs the items in one
    bundle per local worker (:func:`measure_items`: round-robin, each bundle whole in one
    worker, its items' searches in lockstep so that their small ensembles train as one; one
    bundle in-process, one item per task on Dask), so the rows do not depend on it.

    Parameters
    ----------
    config : HardnessConfig
        The study: M, families, search settings.
    executor : Executor or None, optional
        See above.
    progress : callable or None, optional
        Called as ``progress(done, total)`` in items; None: no reports.

    Returns
    -------
    HardnessResult
        The rows in :func:`items_for`'s order, and the wall time.

    Examples
    --------
    >>> cfg = HardnessConfig(inputs=2, families=("majority",), trials=2, steps=300,
    ...                      lrs=(0.05,), sign=False)
    >>> row = run_hardness(cfg).rows[0]
    >>> row.known.layered_hidden, row.relu.hidden, row.gap_neurons
    (0, 0, 1.0)
    """
    from empirical.engine.executor import ProcessExecutor

    if not isinstance(config, HardnessConfig):  # "x" was a bare AttributeError (2026-12-05)
        raise UsageError(f"run_hardness needs a HardnessConfig, got {type(config).__name__}")
    if not row_labels(config):  # ("inner-product",) at odd M ran an empty study; the CLI
        # refuses it (2026-12-05 review)
        raise UsageError(f"no function to measure: inner-product needs an even number of "
                         f"inputs, got inputs = {config.inputs}")
    ex = executor or InProcessExecutor()
    items = items_for(config)
    t0 = time.perf_counter()
    if isinstance(ex, InProcessExecutor):  # one bundle, progress item by item
        rows = measure_items((tuple(items), config),
                             progress if callable(progress) else None)
        return HardnessResult(config, rows, time.perf_counter() - t0)
    # one bundle per local worker; elsewhere (a Dask cluster of unknown size) one per item
    n = ex.workers if isinstance(ex, ProcessExecutor) else len(items)
    n = max(1, min(len(items), n))
    bundles = [tuple(items[b::n]) for b in range(n)]

    def bundles_done(done: int, total: int) -> None:  # reported in items
        progress(len(items) * done // total, len(items))

    outs = ex.map(measure_items, [(bundle, config) for bundle in bundles],
                  progress=bundles_done if callable(progress) else progress or False)
    rows = [None] * len(items)
    for b, out in enumerate(outs):
        rows[b::n] = out
    return HardnessResult(config, rows, time.perf_counter() - t0)


def measure_items(job: tuple[tuple[HardnessItem, ...], HardnessConfig],
                  progress: Callable[[int, int], None] | None = None) -> list[HardnessRow]:
    """Executor worker: the rows of several items, their searches run in lockstep
    (:func:`empirical.search.lockstep.run_together`): each row equals :func:`measure_item`'s.
    ``progress(done, total)`` as each item ends.

    Parameters
    ----------
    job : tuple of (tuple of HardnessItem, HardnessConfig)
        The items and the study's settings.
    progress : callable or None, optional
        Called as ``progress(done, total)``; None: no reports.

    Returns
    -------
    list of HardnessRow
        One row per item, in order.

    Examples
    --------
    >>> cfg = HardnessConfig(inputs=2, families=("parity", "majority"), trials=2, steps=300,
    ...                      lrs=(0.05,), sign=False)
    >>> [r.relu.hidden for r in measure_items((tuple(items_for(cfg)), cfg))]
    [2, 0]
    """
    from empirical.search.lockstep import run_together

    items, config = job
    return run_together([functools.partial(measure_item, (item, config)) for item in items],
                        progress)
