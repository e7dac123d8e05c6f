"""What ``memcap compare`` measures: :class:`CompareConfig`, saved with every result."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from capacity.errors import UsageError
from capacity.options import check_seed, is_integer
from empirical.engine.config import (
    MAX_STEPS,
    MAX_TRIALS,
    check_learning_rates,
    check_success_rate,
)

__all__ = ["INPUTS_LIMIT_REASON", "MAX_CONSTRUCTION_WORK", "MAX_INPUTS", "CompareConfig",
           "check_inputs", "tour_config"]

#: Most :attr:`CompareConfig.construction_work` compare runs without ``--force``: about ten
#: minutes of building and verifying at ≈ 2 ms per unit (M = 12: 7 s a function on the 2-core
#: box; ``--inputs 12 --functions 1000`` ran for two hours with no
#: refusal, 2026-12-05 review).
MAX_CONSTRUCTION_WORK = 300_000

#: Largest M compared. Training uses all 2^M points full batch and the width search's cost grows
#: like 2^M × width × steps, so M = 12 already takes most of an hour on a CPU; dnf also stops at 12.
MAX_INPUTS = 12

INPUTS_LIMIT_REASON = ("training uses all 2^M points full batch and a width search's cost grows "
                       "like 4^M (points × width), so M > 12 takes hours on a CPU; dnf also "
                       "stops at M = 12")


@dataclass(frozen=True)
class CompareConfig:
    """Everything ``memcap compare`` measures (saved with the result).

    Parameters
    ----------
    inputs : tuple of int
        The M values (1..12). This and the other lists (``depths``, ``depth_inputs``,
        ``depth_compare``, ``points``) are kept sorted, and a repeated value is refused, as on
        the command line.
    outputs : int
        N, outputs of the Boolean maps.
    samples : int
        Random functions per M on which every construction is built and verified
        (``--functions``; ``samples`` in compare.json).
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
    >>> CompareConfig(inputs=(1, 2)).inputs, CompareConfig(inputs=(5, 2)).inputs
    ((1, 2), (2, 5))
    >>> CompareConfig(inputs=(13,))
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --inputs must lie in 1..12, got 13; training uses all 2^M ...
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
            flag = "--" + name.replace("_", "-")
            given = tuple(getattr(self, name))
            cut = next((v for v in given if not is_integer(v)), None)
            if cut is not None:  # int() made 10.5 into 10 (2026-12-06 diff review)
                raise UsageError(f"{flag} must be integers, got {cut!r}")
            values = tuple(int(v) for v in given)
            repeated = sorted({v for v in values if values.count(v) > 1})
            if repeated:  # the CLI's lists are sorted sets; the API took (3, 3) as two rows
                # and (5, 2) with the largest M first (2026-12-06 compare review)
                raise UsageError(f"{flag} repeats {repeated[0]}; list each value once")
            object.__setattr__(self, name, tuple(sorted(values)))
        object.__setattr__(self, "lrs", tuple(float(v) for v in self.lrs))
        if not self.inputs:
            raise UsageError("--inputs is empty; give a range like 1..10")
        object.__setattr__(self, "seed", check_seed(self.seed, draws=self.samples
                                                    if isinstance(self.samples, int) else 1))
        check_inputs(self.inputs, "--inputs")
        check_inputs(self.depth_inputs, "--depth-inputs")
        checks = (("--outputs", self.outputs, 1, 8), ("--functions", self.samples, 1, 1000),
                  ("--trials", self.seeds, 1, MAX_TRIALS), ("--steps", self.steps, 1, MAX_STEPS),
                  ("--d-in", self.d_in, 1, 4096), ("--classes", self.classes, 2, 4096))
        if isinstance(self.threads, bool) or not isinstance(self.threads, int) \
                or self.threads < 0:  # the upper limit per core: the CLI's check_threads
            raise UsageError(f"--threads must be an integer >= 0, got {self.threads!r}")
        for name, value, lo, hi in checks:
            if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
                raise UsageError(f"{name} must be an integer in {lo}..{hi}, got {value!r}")
        for name, values in (("--depths", self.depths), ("--depth-compare", self.depth_compare)):
            for d in values:
                if not 1 <= d <= 8:
                    raise UsageError(f"{name} (hidden layers) must lie in 1..8, got {d}")
        if any(n < 1 for n in self.points):  # search's words for the same option
            raise UsageError(f"--points must be an integer >= 1, got {min(self.points)}")
        check_learning_rates(self.lrs, distinct=True)  # repeats: refused as on the CLI
        check_success_rate(self.success_rate)

    @property
    def search_group_count(self) -> int:
        """How many search groups a run trains (the tasks of its worker processes), counted from
        the config alone, without importing the trainer: one per Boolean target and depth
        (width and parameter-axis searches of one M and depth share theirs) and one per
        random-label n; 0 without training. Equal to
        ``len(empirical.compare.compute.search_groups(search_jobs(cfg)))`` (tested).

        Examples
        --------
        >>> CompareConfig().search_group_count   # 10 M × 2 depths + depth 3 at M = 8, 10 + 4 n
        26
        """
        if not self.train:
            return 0
        boolean = {(m, d) for m in self.inputs for d in self.depths}
        boolean |= {(m, d) for m in self.depth_inputs for d in self.depth_compare}
        return len(boolean) + len(set(self.points))

    @property
    def construction_work(self) -> int:
        """How much the construction columns build and verify, in input evaluations of one
        output: ``--functions`` × (N + 1)/2 × Σ_M 2^M (every construction is built for each
        random function and verified on all 2^M inputs; N = 8 outputs took 4.3× one output at
        M = 12, not 8×), the work :data:`MAX_CONSTRUCTION_WORK` limits without ``--force``.

        Examples
        --------
        >>> CompareConfig().construction_work   # 5 functions × (2 + 4 + ... + 1024)
        10230
        """
        return self.samples * (self.outputs + 1) * sum(1 << m for m in self.inputs) // 2

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (tuples as lists), keyed by the options' names: the trials per size
        are ``trials`` and the random functions per M ``functions`` (``seeds`` and ``samples``
        in compare.json files of format memcap.compare/1).

        Examples
        --------
        >>> d = CompareConfig().to_dict(); d["trials"], d["functions"]
        (5, 5)
        """
        return {_JSON_KEYS.get(k, k): list(v) if isinstance(v, tuple) else v
                for k, v in dataclasses.asdict(self).items()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CompareConfig:
        """Inverse of :meth:`to_dict` (validated like any other config); also reads the
        ``seeds`` and ``samples`` keys of memcap.compare/1 files.

        Examples
        --------
        >>> CompareConfig.from_dict(CompareConfig(inputs=(2, 3)).to_dict()).inputs
        (2, 3)
        >>> CompareConfig.from_dict({"inputs": [2], "seeds": 3, "samples": 2}).seeds  # a /1 file
        3
        """
        d = dict(d)
        for field_name, key in _JSON_KEYS.items():
            if key in d:
                if field_name in d:
                    raise UsageError(f"a compare config gives both {key} and {field_name} (its "
                                     "old name)")
                d[field_name] = d.pop(key)
        return cls(**d)


def check_inputs(values, name: str, low: int = 1, high: int = MAX_INPUTS) -> None:
    """Refuse M values outside ``low..high``, naming them as typed (one value, a range ``a..b``
    when consecutive, else the first few) with the reason for the side they fall on.

    Parameters
    ----------
    values : sequence of int
        The M values, sorted as the options give them.
    name : str
        The option named in the message (``--inputs``, ``--depth-inputs``).
    low, high : int
        The accepted range (default 1..:data:`MAX_INPUTS`).

    Examples
    --------
    >>> check_inputs([2, 3], "--inputs")
    >>> check_inputs(list(range(1, 101)), "--inputs")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --inputs must lie in 1..12, got 13..100; training uses all 2^M ...
    >>> check_inputs([0, 5], "--depth-inputs")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --depth-inputs must lie in 1..12, got 0; M must be at least 1
    """
    for outside, reason in (([m for m in values if m < low], "M must be at least 1"),
                            ([m for m in values if m > high], INPUTS_LIMIT_REASON)):
        if outside:
            raise UsageError(f"{name} must lie in {low}..{high}, got {_listed(outside)}; "
                             f"{reason}")


def _listed(values: list[int]) -> str:
    """``values`` as typed back to the user.

    Examples
    --------
    >>> _listed([13]), _listed([13, 14, 15]), _listed([0, 13, 20, 30, 40, 50])
    ('13', '13..15', '0, 13, 20, 30, 40, … (6 values)')
    """
    if len(values) == 1:
        return str(values[0])
    if values == list(range(values[0], values[0] + len(values))):
        return f"{values[0]}..{values[-1]}"
    shown = ", ".join(str(v) for v in values[:5])
    return shown + (f", … ({len(values)} values)" if len(values) > 5 else "")


def auto_depth_inputs(inputs) -> tuple[int, ...]:
    """``--depth-inputs auto``: the largest M up to 8 and the largest M of ``inputs``.

    Examples
    --------
    >>> auto_depth_inputs((1, 2, 3)), auto_depth_inputs(range(1, 11)), auto_depth_inputs([12])
    ((3,), (8, 10), (8, 12))
    """
    top = max(inputs)
    return tuple(sorted({min(8, top), top}))


#: The options (compare.json keys) that only training reads: refused with --no-train and left
#: out of a --no-train run's regenerated command line.
TRAINING_KEYS = frozenset({"trials", "steps", "lrs", "success_rate", "depths", "depth_inputs",
                           "depth_compare", "points", "d_in", "classes"})

#: The config fields whose compare.json keys are the options' names (since memcap.compare/2).
_JSON_KEYS = {"seeds": "trials", "samples": "functions"}


def tour_config(quick: bool = False):
    """The compare configuration the tour runs (``quick``: a smoke-test budget).

    Examples
    --------
    >>> cfg = tour_config()
    >>> cfg.inputs, cfg.depth_inputs, cfg.points
    ((2, 3, 4, 5, 6, 7), (6,), (64, 128))
    """
    if quick:
        return CompareConfig(inputs=(1, 2, 3), samples=2, seeds=2, steps=150, lrs=(0.03,),
                             depths=(1,), depth_inputs=(3,), depth_compare=(1, 2),
                             points=(16,), d_in=4, threads=1)
    return CompareConfig(inputs=(2, 3, 4, 5, 6, 7), samples=5, seeds=5, steps=1000,
                         lrs=(0.01, 0.03), depths=(1, 2), depth_inputs=(6,),
                         depth_compare=(1, 2, 3), points=(64, 128), d_in=8, threads=1)
