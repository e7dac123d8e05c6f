"""Memory curves: memorised count and memorised bits against the number of points n.

For a fixed model (an MLP of some width and depth, or a transformer) train on n random points
(n random token sequences for a transformer) for every n of a grid and every seed, then read the
final state with the capacity harness, :mod:`empirical.engine.memorisation` (m labels: m = n for
an MLP, n·(S − 1) predicted tokens for a transformer):

* memorised count C(n) = #{training labels whose logit beats every other by more than
  1e-5 × (1 + the larger |logit|)} (Liu, "Memory 1", counts argmax; docs/memory.md);
* memorised bits R − m·ℓ/ln 2, R the labels' code length under the law they were drawn from
  (m·log2 V for uniform labels, giving Liu's "Memory 2" (ln V − ℓ)·m/ln 2; Morris et al. 2025),
  ℓ the final mean train cross-entropy in nats (computed in float64 from the final loss); with
  ``train.clip_bits`` each point's (sequence's) bits are clipped at 0 first, as the trainer logs
  them;
* for V = 2, the mutual-information read-out b·(1 − H2(p)) over the b decided labels, p the
  wrong fraction of them (Collins et al.; b = m, p = 1 − C/m when every label is decided).

The seeds of one n share every tensor shape, so they train as ONE ensemble (one task per n
through an executor). Seed s uses data seed ``SeedSequence((data.seed, s, 0))`` and init seed
``SeedSequence((model.init_seed, s, 1))`` (first 32-bit word of each, keys outside 0..2^32 − 1
written out in full: :func:`~empirical.engine.seeds.derived_seed`), so data and init streams
never coincide. A seed keeps its data seed at every n, so its token sequences (and its random
points' uniform or Rademacher inputs) at n are the first n of those at a larger n; normal inputs
are too but for the rows holding the last 16 numbers drawn when n·d_in is not a multiple of 16,
seq2seq sets are not nested, and the random points' labels are drawn afresh (docs/memory.md,
"Seeds"). Every point trains the full ``train.steps`` full-batch or
mini-batch steps of the base config with early stopping off (stopping at 100 % accuracy would
freeze a loss that is still falling and under-count bits); only the final state is logged and no
test set is drawn.

Analysis (:func:`analyse_memory`): the **knee** is where C(n) leaves the identity C = n: the
largest n before the first n at which some seed memorises less than ``threshold`` (99 %) of its
memorisable points. The **capacity** is the saturated level of memorised bits, estimated as the
maximum over n of the seed-mean bits, with a Student-t interval over the seeds at that n (or a
bootstrap over seeds, resampling whole seed curves). The curve is **saturated** when C(n) has left
the identity and the largest n does not raise the seed-mean bits by more than ``flat_tol`` (5 %)
above the maximum over the smaller n, significant or not (since 2026-12-01: a rise that a t-test
with 3 seeds could not call significant counted as levelled off); otherwise the estimate is a
lower bound and says so, and whether the rise is significant (docs/memory.md).

References
----------
Z. Liu, "Memory 1 — How much do linear layers memorize?" (blog, 2026-02-09); "Memory 2 — How many
bits does each parameter store? An analysis of MLP" (blog, 2026-03-06).
J. X. Morris et al., "How much do language models memorize?" (arXiv 2505.24832, 2025): capacity is
the plateau of memorised bits as the dataset grows.
J. Collins, J. Sohl-Dickstein, D. Sussillo, "Capacity and trainability in recurrent neural
networks", ICLR 2017: I = b·(1 − H2(p)).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from capacity.atomic_files import json_safe
from capacity.errors import UsageError
from capacity.options import check_integer
from empirical.engine.config import RunConfig, check_memory, integer_list, shown_value
from empirical.engine.data import class_prior
from empirical.engine.executor import InProcessExecutor, check_executor
from empirical.engine.memorisation import label_information_bits, readout_arrays
from empirical.engine.run import package_versions, run_training
from empirical.engine.seeds import derived_seed
from empirical.memory.analysis import (
    ANALYSIS_SETTINGS,
    analyse_memory,
    check_analysis_settings,
    check_sizes,
)

__all__ = ["FORMAT", "MemoryCurve", "integer_list", "labels_per_point", "member_seeds",
           "memory_curve"]

#: memory.json format. /2 (this version) adds ``labels_per_point`` and ``reference_bits`` and
#: measures bits against the labels' own law; /1 files (every label prior uniform in memcap's
#: documented curves, where both agree) are read by :meth:`MemoryCurve.from_dict` unchanged.
FORMAT = "memcap.memory-curve/2"
FORMATS = ("memcap.memory-curve/1", FORMAT)


def labels_per_point(config: RunConfig) -> int:
    """Labels one point carries: ``seq_len − 1`` predicted tokens of a sequence, ``seq_len``
    labelled tokens of a seq2seq sequence, else 1.

    Examples
    --------
    >>> labels_per_point(RunConfig()), labels_per_point(RunConfig().override(
    ...     ["data.kind='tokens'", "model.kind='transformer'", "data.seq_len=9"]))
    (1, 8)
    """
    return config.context or 1


def member_seeds(base: RunConfig, seed: int) -> tuple[int, int]:
    """``(data_seed, init_seed)`` of memory-curve seed ``seed`` (see the module notes).

    Parameters
    ----------
    base : RunConfig
        The curve's base config; its ``data.seed`` and ``model.init_seed`` are the roots.
    seed : int
        The curve's seed index.

    Returns
    -------
    data_seed, init_seed : int
        Seeds derived from (root, ``seed``, stream) by
        :func:`~empirical.engine.seeds.derived_seed`.

    Examples
    --------
    >>> a, b = member_seeds(RunConfig(), 0)
    >>> a != b and member_seeds(RunConfig(), 0) == (a, b)
    True
    """
    return (derived_seed(base.data.seed, seed, 0), derived_seed(base.model.init_seed, seed, 1))


@dataclass
class MemoryCurve:
    """A measured memory curve and its analysis (see the module notes).

    ``count``, ``bits``, ``mi_bits``, ``loss``, ``best_count``, ``reference_bits`` are
    ``(G, S)``: one row per n, one column per seed (counts in labels, ``labels_per_point`` per
    point). ``capacity_bits`` and ``bits_per_parameter`` are (estimate, lower, upper); when
    ``saturated`` is False, or the maximum sits at the knee or at the first n past it
    (``analysis`` says ``grid_limited``), the estimate is a lower bound on the capacity
    (:attr:`lower_bound`).

    Examples
    --------
    >>> ns, c = np.array([8, 16, 32]), np.array([[8, 8], [16, 15], [20, 22]])
    >>> curve = MemoryCurve.from_arrays(RunConfig().override(["data.classes=2"]), ns, (0, 1),
    ...                                 c, c * 0.8)
    >>> curve.knee["n"], curve.to_frame().shape
    (8, (6, 13))
    """

    config: RunConfig
    ns: np.ndarray
    seeds: tuple[int, ...]
    count: np.ndarray
    bits: np.ndarray
    mi_bits: np.ndarray | None
    information_bits: np.ndarray
    parameters: int
    knee: dict | None
    capacity_bits: tuple[float, float, float]
    bits_per_parameter: tuple[float, float, float]
    saturated: bool = False
    loss: np.ndarray | None = None
    best_count: np.ndarray | None = None
    analysis: dict = field(default_factory=dict)
    wall_s: float = 0.0
    reference_bits: np.ndarray | None = None
    labels_per_point: int = 1

    @property
    def lower_bound(self) -> bool:
        """Whether the capacity estimate is only a lower bound: the curve is not saturated, or
        its maximum sits at the knee (a fully memorised n, where the memorised bits still rise
        with n) or at the first n past it, so the largest may lie between the knee and the next
        n, which the grid does not see (JSON ``capacity_is_lower_bound``; until 2026-12-06
        such a curve was reported as the capacity, "=", its interval covering seed noise only,
        2026-12-06 reviews).

        Examples
        --------
        >>> ns, c = np.array([8, 16, 32]), np.array([[8, 8], [16, 15], [20, 22]])
        >>> MemoryCurve.from_arrays(RunConfig().override(["data.classes=2"]), ns, (0, 1), c,
        ...                         c * 0.8).lower_bound   # still rising at n = 32
        True
        """
        return not self.saturated or bool(self.analysis.get("grid_limited"))

    @property
    def labels(self) -> np.ndarray:
        """Labels at each n: ``ns · labels_per_point`` (G,)."""
        return self.ns * self.labels_per_point

    @classmethod
    def from_arrays(cls, config: RunConfig, ns, seeds, count, bits, *, loss=None, mi_bits=None,
                    best_count=None, reference_bits=None, wall_s: float = 0.0,
                    **analysis_kw) -> MemoryCurve:
        """Build and analyse a curve from measured arrays (``analysis_kw``: analyse_memory's).

        ``best_count`` defaults to every label (n · labels per point).

        Examples
        --------
        >>> ns, c = np.array([8, 16, 32]), np.array([[8, 8], [16, 15], [20, 22]])
        >>> curve = MemoryCurve.from_arrays(RunConfig().override(["data.classes=2"]), ns,
        ...                                 (0, 1), c, c * 0.8)
        >>> curve.knee["n"]   # at n = 16 seed 1 memorises 15 of 16 points (< 99 %)
        8
        >>> curve.capacity_bits[0], curve.saturated   # seed-mean bits at n = 32, still rising
        (16.8, False)
        >>> curve.information_bits.tolist()   # one bit per binary label
        [8.0, 16.0, 32.0]
        """
        ns = check_sizes(ns).astype(np.int64)  # checked before the cast (it cut 16.7 to 16)
        count = np.asarray(count)
        bits = np.asarray(bits, dtype=float)
        bits = np.where(np.isfinite(bits), bits, np.nan)  # a diverged trial's: NaN, as analysed
        t = labels_per_point(config)
        if best_count is None and t > 1:
            best_count = np.repeat(ns[:, None] * t, count.shape[1], axis=1)
        out = analyse_memory(ns, count, bits, best_count, labels_per_point=t, **analysis_kw)
        seeds = tuple(check_integer("seeds", v) for v in seeds)  # one per column, distinct:
        if len(seeds) != count.shape[1] or len(set(seeds)) != len(seeds):  # a memory.json's
            # [0] beside two columns read back, then memory.csv failed in pandas (audit)
            raise UsageError(f"seeds must be {count.shape[1]} distinct integers, one per "
                             f"column of count, got {list(seeds)}")
        params = config.parameter_count()
        cap = out.pop("capacity_bits")
        d = config.data
        prior = (None if d.kind == "tokens" else class_prior(d.classes, d.label_prior, d.alpha))
        info = np.array([label_information_bits(int(n) * t, d.classes, prior) for n in ns])
        return cls(config=config, ns=ns, seeds=seeds, count=count,
                   bits=bits, mi_bits=mi_bits,
                   information_bits=info, parameters=params,
                   knee=out.pop("knee"), capacity_bits=cap,
                   bits_per_parameter=tuple(v / params for v in cap),
                   saturated=out["saturated"], loss=loss, best_count=best_count,
                   analysis=out, wall_s=wall_s, reference_bits=reference_bits,
                   labels_per_point=t)

    @classmethod
    def from_dict(cls, d: dict) -> MemoryCurve:
        """Read ``memory.json`` (formats memcap.memory-curve/1 and /2) back; the analysis is
        recomputed from the stored arrays with the stored settings (threshold, interval method,
        confidence, flat tolerance; files written before 2026-12-01 store only the threshold,
        and the others take their defaults).

        Examples
        --------
        >>> ns, c = np.array([8, 16, 32]), np.array([[8, 8], [16, 15], [20, 22]])
        >>> curve = MemoryCurve.from_arrays(RunConfig().override(["data.classes=2"]), ns,
        ...                                 (0, 1), c, c * 0.8)
        >>> back = MemoryCurve.from_dict(curve.to_dict())
        >>> back.capacity_bits == curve.capacity_bits, back.count.tolist() == c.tolist()
        (True, True)
        >>> boot = MemoryCurve.from_arrays(RunConfig().override(["data.classes=2"]), ns, (0, 1),
        ...                                c, c * 0.8, interval="bootstrap", confidence=0.8)
        >>> MemoryCurve.from_dict(boot.to_dict()).capacity_bits == boot.capacity_bits
        True
        """
        if not isinstance(d, dict):  # None was a bare AttributeError (2026-12-05 review)
            raise UsageError(f"a memory curve is read from a dict (json.load of memory.json), "
                             f"got {type(d).__name__}")
        if d.get("format") not in FORMATS:
            raise UsageError(f"not a memory curve: format {d.get('format')!r}; expected one of "
                             f"{', '.join(FORMATS)}")

        def arr(key, dtype=float):
            v = d.get(key)
            return None if v is None else np.array(v, dtype=dtype)  # null (NaN) → nan

        missing = [k for k in ("config", "ns", "seeds", "count", "bits") if k not in d]
        if missing:  # a KeyError before (2026-12-05 review)
            raise UsageError(f"not a complete memory curve: no {', '.join(missing)}")
        try:  # a field of another type or shape: the reader's own error named no field, and
            # was an AttributeError, TypeError or ValueError, not bad input (2026-12-07 audit)
            knee = d.get("knee") or {}
            kw = dict((d.get("analysis") or {}).get("settings")
                      or ({"threshold": knee["threshold"]} if "threshold" in knee else {}))
            config = RunConfig.from_dict(d["config"], stored=True)
            arrays = dict(count=arr("count", np.int64), bits=arr("bits"),
                          loss=arr("final_loss"), mi_bits=arr("mi_bits"),
                          best_count=arr("best_count", np.int64),
                          reference_bits=arr("reference_bits"))
            wall_s = float(d.get("wall_s") or 0.0)
            seeds = list(d["seeds"])
            unknown = sorted(set(kw) - set(ANALYSIS_SETTINGS))
            if unknown:  # analyse_memory's own TypeError named no file
                raise ValueError(f"unknown analysis setting {unknown[0]!r}")
        except UsageError:
            raise
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise UsageError(f"not a memory curve memcap wrote: a field does not have the type "
                             f"or shape memcap writes ({type(exc).__name__}: {exc})") from None
        return cls.from_arrays(config, d["ns"], seeds, arrays.pop("count"), arrays.pop("bits"),
                               wall_s=wall_s, **arrays, **kw)

    def to_dict(self) -> dict:
        """JSON-ready dict (NaN → null); ``capacity_is_lower_bound`` is :attr:`lower_bound`.

        Examples
        --------
        >>> import json
        >>> ns, c = np.array([8, 16, 32]), np.array([[8, 8], [16, 15], [20, 22]])
        >>> bits = np.array([[6.4, np.nan], [12.8, 12.0], [16.0, 17.6]])   # a diverged trial
        >>> curve = MemoryCurve.from_arrays(RunConfig().override(["data.classes=2"]), ns,
        ...                                 (0, 1), c, bits)
        >>> d = json.loads(json.dumps(curve.to_dict()))   # valid JSON: NaN became null
        >>> d["format"], d["ns"], d["bits"][0], d["capacity_is_lower_bound"]
        ('memcap.memory-curve/2', [8, 16, 32], [6.4, None], True)
        """
        names = ("estimate", "lower", "upper")
        pairs = [member_seeds(self.config, s) for s in self.seeds]
        return json_safe({
            "format": FORMAT, "config": self.config.to_dict(), "ns": self.ns,
            "seeds": list(self.seeds), "data_seeds": [p[0] for p in pairs],
            "init_seeds": [p[1] for p in pairs], "count": self.count, "bits": self.bits,
            "mi_bits": self.mi_bits, "final_loss": self.loss, "best_count": self.best_count,
            "information_bits": self.information_bits, "parameters": self.parameters,
            "knee": self.knee, "capacity_bits": dict(zip(names, self.capacity_bits, strict=True)),
            "bits_per_parameter": dict(zip(names, self.bits_per_parameter, strict=True)),
            "saturated": self.saturated, "capacity_is_lower_bound": self.lower_bound,
            "analysis": self.analysis, "wall_s": self.wall_s,
            "labels_per_point": self.labels_per_point, "reference_bits": self.reference_bits,
            "versions": package_versions()})

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: one row per (n, seed).

        Examples
        --------
        >>> ns, c = np.array([8, 16, 32]), np.array([[8, 8], [16, 15], [20, 22]])
        >>> curve = MemoryCurve.from_arrays(RunConfig().override(["data.classes=2"]), ns,
        ...                                 (0, 1), c, c * 0.8)
        >>> df = curve.to_frame()
        >>> df.shape, df["n"].tolist(), df["seed"].tolist()
        ((6, 13), [8, 8, 16, 16, 32, 32], [0, 1, 0, 1, 0, 1])
        >>> df["fraction"].tolist()   # count / memorisable labels
        [1.0, 1.0, 1.0, 0.9375, 0.625, 0.6875]
        """
        g, s = self.count.shape
        pairs = [member_seeds(self.config, x) for x in self.seeds]
        nan = np.full((g, s), np.nan)
        best = (self.best_count if self.best_count is not None
                else np.repeat(self.labels[:, None], s, 1))
        with np.errstate(divide="ignore", invalid="ignore"):  # best 0: NaN (nothing to memorise)
            fraction = self.count / best  # (G, S)
        return pd.DataFrame({
            "n": np.repeat(self.ns, s), "labels": np.repeat(self.labels, s),
            "seed": np.tile(self.seeds, g),
            "data_seed": np.tile([p[0] for p in pairs], g),
            "init_seed": np.tile([p[1] for p in pairs], g),
            "count": self.count.reshape(-1), "fraction": fraction.reshape(-1),
            "bits": self.bits.reshape(-1),
            "mi_bits": (self.mi_bits if self.mi_bits is not None else nan).reshape(-1),
            "final_loss": (self.loss if self.loss is not None else nan).reshape(-1),
            "best_count": np.asarray(best).reshape(-1),
            "information_bits": np.repeat(self.information_bits, s),
            "parameters": self.parameters})


def point_config(base: RunConfig, n: int, seeds: Sequence[int]) -> RunConfig:
    """The ensemble config of one grid point: n points, one member per seed, final state only."""
    pairs = [member_seeds(base, s) for s in seeds]
    return dataclasses.replace(
        base, data=dataclasses.replace(base.data, n_train=int(n)), ensemble=len(pairs),
        data_seeds=tuple(p[0] for p in pairs), init_seeds=tuple(p[1] for p in pairs), widths=())


def _train_point(cfg: RunConfig) -> dict[str, Any]:
    """Executor task: train one n's ensemble; small numpy results only (the final count,
    loss, memorised and MI bits, the best count, and the labels' reference code length per
    member)."""
    res = run_training(cfg)
    m = res.log.metrics
    return {"count": m["memorised_count"][-1].astype(np.int64),
            "loss": m["train_loss"][-1].astype(np.float64),
            "best_count": np.array([d.best_count for d in res.datasets], dtype=np.int64),
            "reference_bits": np.array([d.reference_bits if d.reference_bits is not None
                                        else np.nan for d in res.datasets]),
            "bits": m["memorised_bits"][-1].astype(np.float64),
            "mi_bits": m["mi_bits"][-1].astype(np.float64),
            "wall_s": float(res.log.wall_s)}


def _normalise(base: RunConfig) -> RunConfig:
    if base.data.kind not in ("random", "tokens", "seq2seq"):
        raise UsageError(f"memory curves vary the number of points; data.kind "
                         f"{base.data.kind!r} has a fixed point set; use data.kind = 'random' "
                         "(or 'tokens' / 'seq2seq' for a transformer)")
    # one learning rate a curve: a member list lrs=[0.01] trained 0.01 while the title, memory.md
    # and memory.json said train.lr, and two rates were spread over the seeds (2026-12-05 review)
    if len(set(base.lrs)) > 1:
        raise UsageError(f"a memory curve trains one learning rate; got lrs = "
                         f"{shown_value(list(base.lrs))}: set train.lr (--lrs with one rate)")
    # one model a curve, likewise: member widths [6, 6] trained the unread model.width (a
    # preset's 100) without a word, or were refused against heads 3 (2026-12-06 diff review)
    if len(set(base.widths)) > 1:
        raise UsageError(f"a memory curve trains one model; got widths = "
                         f"{shown_value(list(base.widths))}: set model.width (--width)")
    model = (dataclasses.replace(base.model, width=base.widths[0]) if base.widths
             else base.model)
    lr = base.lrs[0] if base.lrs else base.train.lr
    train = dataclasses.replace(base.train, early_stop=False, log_every=max(1, base.train.steps),
                                lr=lr)
    return dataclasses.replace(base, data=dataclasses.replace(base.data, n_test=0), train=train,
                               model=model, ensemble=1, init_seeds=(), data_seeds=(), widths=(),
                               lrs=())


def memory_curve(base: RunConfig, ns: Sequence[int], seeds: Sequence[int], executor=None,
                 progress=None, **analysis_kw) -> MemoryCurve:
    """Train the fixed model of ``base`` on n random points for each n and seed; analyse.

    Parameters
    ----------
    base : RunConfig
        Data law, classes, model (width, depth) and optimiser; ``data.n_train`` is replaced by
        each n, ``n_test`` by 0, early stopping is switched off and only the final state logged.
    ns : sequence of int
        Training-set sizes (sorted; duplicates are an error).
    seeds : sequence of int
        S seeds; seed s gives every n its own data draw and init (:func:`member_seeds`).
    executor : Executor, optional
        :mod:`empirical.engine.executor` (default: in-process); one task per n.
    progress : bool, str or callable, optional
        True/label: the executor's bar; callable: called as ``progress(done, total)`` (after
        each n in process; before and after the one map on another executor).
    **analysis_kw
        Passed to :func:`analyse_memory` (threshold, confidence, interval, flat_tol).

    Examples
    --------
    >>> base = RunConfig().override(["data.d_in=4", "data.classes=2", "model.depth=1",
    ...                              "model.width=4", "train.lr=0.1", "train.steps=50"])
    >>> curve = memory_curve(base, [4, 64], seeds=[0, 1])
    >>> curve.count.shape, curve.count[0].tolist(), bool(curve.count[1].max() < 64)
    ((2, 2), [4, 4], True)
    """
    if not isinstance(base, RunConfig):  # None was a bare AttributeError (2026-12-05 review)
        raise UsageError(f"base must be a RunConfig, got {type(base).__name__}")
    check_executor(executor)
    # integers only: int() made n = 10.7 into 10 and seed 1.5 into 1, "10" and True passed, and
    # ns = 10 or inf were bare TypeError/OverflowError (2026-12-05 API review)
    ns = integer_list(ns, "ns", "a list of distinct positive integers",
                       "; write e.g. --memory-curve 50,100,200")
    ns_list = [int(n) for n in ns]
    if not ns_list or any(n < 1 for n in ns_list) or len(set(ns_list)) != len(ns_list):
        raise UsageError(f"ns must be distinct positive integers, got {shown_value(ns)}; "
                         "write e.g. --memory-curve 50,100,200")
    seeds = integer_list(seeds, "seeds", "a list of distinct integers")
    seeds_t = tuple(int(s) for s in seeds)
    if not seeds_t or len(set(seeds_t)) != len(seeds_t):
        raise UsageError(f"seeds must be distinct integers (at least one), got {list(seeds)}")
    check_analysis_settings(**analysis_kw)  # before any training
    base = _normalise(base)
    if max(ns_list) >= 2**53:  # beyond int64 it was status 70; far beyond any memory anyway
        raise UsageError(f"ns must be below 2^53, got {max(ns_list)}; write e.g. "
                         "--memory-curve 50,100,200")
    ns_arr = np.array(sorted(ns_list), dtype=np.int64)
    tasks = [point_config(base, n, seeds_t) for n in ns_arr]
    largest = max(tasks, key=lambda c: c.data.n_train)  # every seed of the largest n at once
    check_memory(largest, fix="shrink --width, the largest n of --memory-curve or --trials")
    ex = executor or InProcessExecutor()
    start = time.perf_counter()
    if callable(progress):
        progress(0, len(tasks))
    # largest n first, so parallel workers finish together; results back in n order
    out = ex.map(_train_point, tasks[::-1], progress=progress or False)[::-1]
    wall = time.perf_counter() - start
    count = np.stack([o["count"] for o in out])  # (G, S)
    loss = np.stack([o["loss"] for o in out])  # (G, S)
    best = np.stack([o["best_count"] for o in out])  # (G, S)
    ref = np.stack([o["reference_bits"] for o in out])  # (G, S), NaN: uniform labels
    ref = None if np.isnan(ref).all() else ref
    t = labels_per_point(base)
    bits = [readout_arrays(count[i], loss[i], int(n) * t, base.data.classes,
                           None if ref is None else ref[i])[0] for i, n in enumerate(ns_arr)]
    # MI needs the labels decided wrong, which only the trainer's read-out has (ties: erasures)
    mi_bits = np.stack([o["mi_bits"] for o in out]) if base.data.classes == 2 else None
    if base.train.clip_bits:  # per-example clipping needs per-example losses: the trainer's
        bits = [o["bits"] for o in out]  # own read-out at the last step
    return MemoryCurve.from_arrays(base, ns_arr, seeds_t, count, np.stack(bits), loss=loss,
                                   mi_bits=mi_bits, best_count=best, reference_bits=ref,
                                   wall_s=wall, **analysis_kw)
