"""Is it the network or the recipe? The needed size across training recipes.

For each function family and each recipe — optimiser (Adam, or SGD with momentum 0.9) × step
budget (e.g. 250 … 16 000) × initialisation scale (the default init's weights and biases
multiplied by s, :func:`empirical.hardness.workers.scaled_train_task`) — the trained size is
measured as in the hardness study (:func:`empirical.hardness.compute.trained_size`: the linear
probe, then the search, best of the learning-rate grid per size). Two checks follow:

* **confirmation**: the winning configuration (needed size, winning lr) is trained again on
  ``confirm`` *fresh* trials (a base seed no search used) and its success rate and Wilson
  interval are reported beside the search's own (:class:`RecipeRow`);
* the budget axis is checked for the one monotonicity that must hold: with the same seeds and a
  deterministic full-batch recipe, a longer run repeats the shorter one step for step, and early
  stopping ends it at the first step with 100 % accuracy, so a trial that succeeds within T steps
  succeeds within any T' > T. The study relies on it; the test suite measures it with
  :func:`budget_successes`, which trains every budget separately (tests/empirical/
  test_hardness.py), so the property is checked, not assumed.

References
----------
E. B. Wilson, JASA 22:209–212 (1927). The winner's-curse correction by fresh trials is the
usual hold-out confirmation of a selected configuration (e.g. Cawley & Talbot, JMLR 11:2079–2107,
2010, on selection bias in model selection).
"""

from __future__ import annotations

import dataclasses
import functools
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from capacity.errors import UsageError
from capacity.options import is_integer, limit_text
from empirical.engine.config import FLOAT32_MAX, MIN_LR, ModelConfig, TrainConfig, integer_list
from empirical.engine.executor import InProcessExecutor
from empirical.hardness.compute import HardnessItem, items_for, probe_linear, trained_size
from empirical.hardness.result import (
    HardnessConfig,
    TrainedFunctionSize,
    check_study_format,
    grid_mismatch,
    row_labels,
    study_format,
)
from empirical.hardness.workers import relu_train_task, scaled_train_task
from empirical.search.options import SearchOptions
from empirical.search.rounds import SearchTask, make_task
from empirical.search.stats import wilson_interval
from empirical.search.target import SearchTarget

__all__ = ["CONFIRM_SEED_OFFSET", "OPTIMIZER_RECIPES", "RECIPES_UNREAD", "RecipeResult",
           "RecipeRow", "budget_successes", "confirm", "measure_recipe", "recipe_options",
           "recipe_worker", "run_recipes"]

#: Added to the base seed for the confirmation trials (no search uses these seeds).
CONFIRM_SEED_OFFSET = 1_000_003

#: Optimiser recipes by name: (engine optimiser, momentum).
OPTIMIZER_RECIPES = {"adam": ("adam", 0.0), "sgd": ("sgd", 0.9)}


def recipe_options(config: HardnessConfig, optimizer: str, steps: int,
                   seed: int | None = None) -> SearchOptions:
    """Search options for one recipe (ReLU, ``config``'s depth, trials, lr grid, p).

    Parameters
    ----------
    config : HardnessConfig
        The study's settings.
    optimizer : str
        A recipe of :data:`OPTIMIZER_RECIPES`: ``"adam"`` or ``"sgd"`` (momentum 0.9).
    steps : int
        The step budget (early stopping on).
    seed : int or None, optional
        The base seed (default ``config.seed``).

    Returns
    -------
    SearchOptions
        The recipe's search options.

    Examples
    --------
    >>> o = recipe_options(HardnessConfig(inputs=3), "sgd", 500)
    >>> o.train.optimizer, o.train.momentum, o.steps
    ('sgd', 0.9, 500)
    """
    if optimizer not in OPTIMIZER_RECIPES:
        raise UsageError(f"unknown optimiser recipe {optimizer!r}; choose "
                         f"{' or '.join(OPTIMIZER_RECIPES)}")
    name, momentum = OPTIMIZER_RECIPES[optimizer]
    model = ModelConfig(depth=config.depth, width=1, activation="relu", init_seed=0)
    train = TrainConfig(optimizer=name, momentum=momentum, steps=int(steps),
                        log_every=min(25, int(steps)), early_stop=True)
    return SearchOptions(model=model, train=train, device=config.device, dtype=config.dtype,
                         seeds=config.trials, success_rate=config.success_rate, lrs=config.lrs,
                         max_size=config.max_width, start=1,
                         seed=config.seed if seed is None else seed,
                         confidence=config.confidence)


def recipe_worker(scale: float = 1.0) -> Callable:
    """The search worker of an init scale: the engine's own run at 1, else
    ``scaled_train_task`` with that scale (a picklable partial).

    Parameters
    ----------
    scale : float, optional
        The multiplier of the default init's weights and biases (default 1.0). It is not
        checked here: :func:`~empirical.hardness.workers.scaled_train_task` refuses a negative
        or non-finite scale when the worker runs.

    Returns
    -------
    callable
        A search worker taking a :class:`~empirical.search.rounds.SearchTask` and returning a
        :class:`~empirical.search.rounds.TaskOutcome`: :func:`relu_train_task` itself at
        ``float(scale) == 1.0``, else ``functools.partial(scaled_train_task,
        scale=float(scale))``.

    Examples
    --------
    >>> recipe_worker(1.0) is relu_train_task, recipe_worker(2.0).keywords
    (True, {'scale': 2.0})
    """
    if float(scale) == 1.0:
        return relu_train_task
    return functools.partial(scaled_train_task, scale=float(scale))


def confirm(target: SearchTarget, options: SearchOptions, size: TrainedFunctionSize,
            trials: int, worker: Callable = relu_train_task) -> tuple[int, int]:
    """Successes of the winning configuration (``size.width``, ``size.best_lr``) on ``trials``
    fresh trials (base seed + :data:`CONFIRM_SEED_OFFSET`): ``(successes, trials)``.

    Parameters
    ----------
    target : SearchTarget
        The map.
    options : SearchOptions
        The search's options; its seed is offset and its lr grid replaced by the winner's.
    size : TrainedFunctionSize
        The winner; one that was not found is refused.
    trials : int
        The fresh trials.
    worker : callable, optional
        The search worker (default ReLU).

    Returns
    -------
    tuple of (int, int)
        ``(successes, trials)``.

    Examples
    --------
    >>> cfg = HardnessConfig(inputs=2, trials=2, steps=300, lrs=(0.05,))
    >>> opts = recipe_options(cfg, "adam", 300)
    >>> t = SearchTarget(function="and", inputs=2)
    >>> confirm(t, opts, trained_size(t, opts), 3)
    (3, 3)
    """
    if not size.found:
        raise UsageError("nothing to confirm: no size trained")
    fresh = dataclasses.replace(options, seeds=int(trials), lrs=(float(size.best_lr),),
                                seed=options.seed + CONFIRM_SEED_OFFSET)
    if size.hidden == 0:
        return probe_linear(target, fresh, worker)[0], int(trials)
    task = make_task(target.data_config(), [size.width], int(trials), size.best_lr, fresh)
    return int(worker(task).success.sum()), int(trials)


def budget_successes(target: SearchTarget, options: SearchOptions, widths, budgets
                     ) -> dict[int, np.ndarray]:
    """Per step budget, the success of every (width, lr, trial) member, each budget trained as
    its own run (same seeds): ``{budget: (len(widths) · L · S,) bool}`` in
    :func:`~empirical.search.rounds.make_task`'s member order.

    Parameters
    ----------
    target : SearchTarget
        The map.
    options : SearchOptions
        The search's options; only the step budget changes per run.
    widths : iterable of int
        The widths trained.
    budgets : iterable of int
        The step budgets.

    Returns
    -------
    dict of int to numpy.ndarray
        The success array per budget, in ascending budget order.

    Examples
    --------
    >>> o = SearchOptions.of(seeds=2, lrs=(0.03,))
    >>> out = budget_successes(SearchTarget(function="parity", inputs=2), o, [2, 3], [30, 300])
    >>> bool(np.all(out[30] <= out[300]))  # more steps never lose a success
    True
    """
    out = {}
    for steps in sorted(int(b) for b in budgets):
        opts = dataclasses.replace(options, train=dataclasses.replace(
            options.train, steps=steps, log_every=min(options.train.log_every, steps)))
        task = make_task(target.data_config(), [int(w) for w in widths], opts.seeds, opts.lrs,
                         opts)
        out[steps] = np.asarray(relu_train_task(SearchTask(task.config)).success,
                                dtype=bool)
    return out


@dataclass(frozen=True)
class RecipeRow:
    """One family (its label: the family name, or ``npn:<table>`` for an NPN class) under one
    recipe: the trained size and its confirmation on fresh trials.

    Examples
    --------
    >>> t = TrainedFunctionSize("relu", 1, 3, 3, 4, 4, (0.51, 1.0), 0.01, 2, 1)
    >>> r = RecipeRow("parity", "adam", 1000, t, 7, 10, (0.4, 0.9), 0.5)
    >>> RecipeRow.from_dict(r.to_dict()) == r
    True
    """

    family: str
    optimizer: str
    steps: int
    trained: TrainedFunctionSize
    confirmed_successes: int | None
    confirmed_trials: int | None
    confirmed_interval: tuple[float, float] | None
    init_scale: float = 1.0

    def to_dict(self) -> dict:
        """JSON-ready dict.

        Examples
        --------
        >>> t = TrainedFunctionSize("relu", 1, 3, 3, 4, 4, (0.51, 1.0), 0.01, 2, 1)
        >>> d = RecipeRow("parity", "adam", 1000, t, 7, 10, (0.4, 0.9), 0.5).to_dict()
        >>> d["steps"], d["init_scale"], d["trained"]["hidden"], d["confirmed_interval"]
        (1000, 0.5, 3, [0.4, 0.9])
        """
        return {"family": self.family, "optimizer": self.optimizer, "steps": self.steps,
                "init_scale": self.init_scale,
                "trained": self.trained.to_dict(),
                "confirmed_successes": self.confirmed_successes,
                "confirmed_trials": self.confirmed_trials,
                "confirmed_interval": (None if self.confirmed_interval is None
                                       else list(self.confirmed_interval))}

    @classmethod
    def from_dict(cls, d: dict) -> RecipeRow:
        """Inverse of :meth:`to_dict`.

        Examples
        --------
        >>> t = TrainedFunctionSize("relu", 1, 3, 3, 4, 4, (0.51, 1.0), 0.01, 2, 1)
        >>> r = RecipeRow("parity", "adam", 1000, t, 7, 10, (0.4, 0.9), 0.5)
        >>> RecipeRow.from_dict(r.to_dict()) == r
        True
        >>> d = {k: v for k, v in r.to_dict().items() if k != "init_scale"}
        >>> RecipeRow.from_dict(d).init_scale   # a row saved without a scale: the default init
        1.0
        """
        ci = d["confirmed_interval"]
        return cls(d["family"], d["optimizer"], d["steps"],
                   TrainedFunctionSize.from_dict(d["trained"]), d["confirmed_successes"],
                   d["confirmed_trials"], None if ci is None else tuple(ci),
                   d.get("init_scale", 1.0))


#: The fields of the base config the recipe study does not read (each recipe's optimiser and
#: step budget replace ``optimizer`` and ``steps``; no sign units): left out of its saved config.
RECIPES_UNREAD = ("steps", "optimizer", "sign")


@dataclass(frozen=True)
class RecipeResult:
    """The recipe study: its base config, budgets, optimisers, rows and wall time.

    Examples
    --------
    >>> r = RecipeResult(HardnessConfig(inputs=2), (250,), ("adam",), 8, [], 0.0, (1.0, 2.0))
    >>> RecipeResult.from_dict(r.to_dict()) == r
    True
    """

    config: HardnessConfig
    budgets: tuple[int, ...]
    optimizers: tuple[str, ...]
    confirm_trials: int
    rows: list[RecipeRow]
    wall_s: float
    init_scales: tuple[float, ...] = (1.0,)

    def _grid(self) -> tuple[list, list]:
        """:func:`~empirical.hardness.result.grid_mismatch` of the rows against every
        (family, optimiser, budget, init scale) cell of the config's families."""
        want = [(f, o, b, s) for f in row_labels(self.config) for o in self.optimizers
                for b in self.budgets for s in self.init_scales]
        return grid_mismatch(want, [(r.family, r.optimizer, r.steps, r.init_scale)
                                    for r in self.rows])

    def missing_cells(self) -> list[tuple]:
        """The (family, optimiser, budget, init scale) cells of the grid with no row (a
        complete study has none; ``check_loaded`` refuses a saved one that has some). The
        families are those the config measures (until 2026-12-04 those of the rows, so a file
        with its rows emptied read "no recipe measured").

        Examples
        --------
        >>> t = TrainedFunctionSize("relu", 1, 3, 3, 4, 4, (0.51, 1.0), 0.01, 2, 1)
        >>> row = RecipeRow("parity", "adam", 250, t, None, None, None)
        >>> RecipeResult(HardnessConfig(inputs=2, families=("parity",)), (250, 1000),
        ...              ("adam",), 8, [row], 0.0).missing_cells()
        [('parity', 'adam', 1000, 1.0)]
        """
        return self._grid()[0]

    def extra_rows(self) -> list[tuple]:
        """Rows that repeat a cell or fill none (a duplicated row was counted twice, a family
        the config does not measure was printed as a result; refused by ``check_loaded``).

        Examples
        --------
        >>> t = TrainedFunctionSize("relu", 1, 3, 3, 4, 4, (0.51, 1.0), 0.01, 2, 1)
        >>> row = RecipeRow("parity", "adam", 250, t, None, None, None)
        >>> other = RecipeRow("majority", "adam", 250, t, None, None, None)
        >>> RecipeResult(HardnessConfig(inputs=2, families=("parity",)), (250,), ("adam",), 8,
        ...              [row, row, other], 0.0).extra_rows()   # a repeat, an unmeasured family
        [('parity', 'adam', 250, 1.0), ('majority', 'adam', 250, 1.0)]
        """
        return self._grid()[1]

    def trained(self, family: str, optimizer: str, init_scale: float = 1.0
                ) -> list[TrainedFunctionSize | None]:
        """The trained size per budget (None where nothing was measured).

        Examples
        --------
        Parity under Adam at budgets 250 and 1000 (4 then 3 hidden units), and under SGD at
        250 only, where every trial diverged:

        >>> def size(hidden, diverged=False):
        ...     return TrainedFunctionSize("relu", 1, hidden, hidden, 4 if hidden else 0, 4,
        ...                                (0.51, 1.0), 0.01, diverged=diverged)
        >>> rows = [RecipeRow("parity", "adam", 250, size(4), None, None, None),
        ...         RecipeRow("parity", "adam", 1000, size(3), None, None, None),
        ...         RecipeRow("parity", "sgd", 250, size(None, diverged=True), None, None, None)]
        >>> res = RecipeResult(HardnessConfig(inputs=2, families=("parity",)), (250, 1000),
        ...                    ("adam", "sgd"), 8, rows, 0.0)
        >>> [t.hidden for t in res.trained("parity", "adam")]
        [4, 3]
        >>> [None if t is None else t.found for t in res.trained("parity", "sgd")]
        [False, None]
        """
        by = {(r.family, r.optimizer, r.steps, r.init_scale): r.trained for r in self.rows}
        return [by.get((family, optimizer, b, float(init_scale))) for b in self.budgets]

    def needed(self, family: str, optimizer: str, init_scale: float = 1.0
               ) -> list[int | None]:
        """Needed hidden units per budget (None: not trained up to the ceiling).

        Examples
        --------
        The grid of :meth:`trained`'s example: a longer Adam budget needs fewer units; SGD
        found none at 250 and was not measured at 1000 (both read None):

        >>> def size(hidden, diverged=False):
        ...     return TrainedFunctionSize("relu", 1, hidden, hidden, 4 if hidden else 0, 4,
        ...                                (0.51, 1.0), 0.01, diverged=diverged)
        >>> rows = [RecipeRow("parity", "adam", 250, size(4), None, None, None),
        ...         RecipeRow("parity", "adam", 1000, size(3), None, None, None),
        ...         RecipeRow("parity", "sgd", 250, size(None, diverged=True), None, None, None)]
        >>> res = RecipeResult(HardnessConfig(inputs=2, families=("parity",)), (250, 1000),
        ...                    ("adam", "sgd"), 8, rows, 0.0)
        >>> res.needed("parity", "adam"), res.needed("parity", "sgd")
        ([4, 3], [None, None])
        """
        return [None if t is None else t.hidden
                for t in self.trained(family, optimizer, init_scale)]

    def diverged(self, family: str, optimizer: str, init_scale: float = 1.0) -> list[bool]:
        """Per budget, whether nothing was found and every trial at the largest size tried
        diverged (False where nothing was measured).

        Examples
        --------
        The grid of :meth:`trained`'s example, where SGD diverged at 250 and was not measured at
        1000 (which :meth:`needed` cannot tell apart):

        >>> def size(hidden, diverged=False):
        ...     return TrainedFunctionSize("relu", 1, hidden, hidden, 4 if hidden else 0, 4,
        ...                                (0.51, 1.0), 0.01, diverged=diverged)
        >>> rows = [RecipeRow("parity", "adam", 250, size(4), None, None, None),
        ...         RecipeRow("parity", "adam", 1000, size(3), None, None, None),
        ...         RecipeRow("parity", "sgd", 250, size(None, diverged=True), None, None, None)]
        >>> res = RecipeResult(HardnessConfig(inputs=2, families=("parity",)), (250, 1000),
        ...                    ("adam", "sgd"), 8, rows, 0.0)
        >>> res.diverged("parity", "sgd"), res.diverged("parity", "adam")
        ([True, False], [False, False])
        """
        return [t is not None and t.diverged
                for t in self.trained(family, optimizer, init_scale)]

    def to_dict(self) -> dict:
        """JSON-ready dict (``format: memcap.hardness-recipes/2``).

        Examples
        --------
        The saved config leaves out what each recipe replaces (:data:`RECIPES_UNREAD`):

        >>> d = RecipeResult(HardnessConfig(inputs=2), (250, 1000), ("adam",), 8, [],
        ...                  0.0).to_dict()
        >>> d["format"], d["budgets"], [k for k in RECIPES_UNREAD if k in d["config"]]
        ('memcap.hardness-recipes/2', [250, 1000], [])
        """
        return {"format": study_format("hardness-recipes"),
                "config": self.config.to_dict(unread=RECIPES_UNREAD),
                "budgets": list(self.budgets), "optimizers": list(self.optimizers),
                "init_scales": list(self.init_scales), "confirm_trials": self.confirm_trials,
                "rows": [r.to_dict() for r in self.rows], "wall_s": self.wall_s}

    @classmethod
    def from_dict(cls, d: dict) -> RecipeResult:
        """Inverse of :meth:`to_dict` (reads /1 and /2).

        Examples
        --------
        >>> t = TrainedFunctionSize("relu", 1, 3, 3, 4, 4, (0.51, 1.0), 0.01, 2, 1)
        >>> row = RecipeRow("parity", "adam", 250, t, 7, 8, (0.5, 0.97))
        >>> r = RecipeResult(HardnessConfig(inputs=2, families=("parity",)), (250,),
        ...                  ("adam",), 8, [row], 1.5)
        >>> back = RecipeResult.from_dict(r.to_dict())
        >>> back == r, back.budgets, back.config.steps   # steps was not saved: its default
        (True, (250,), 2000)
        """
        check_study_format(d, "hardness-recipes")
        return cls(HardnessConfig.from_dict(d["config"]), tuple(d["budgets"]),
                   tuple(d["optimizers"]), d["confirm_trials"],
                   [RecipeRow.from_dict(r) for r in d["rows"]], d["wall_s"],
                   tuple(d.get("init_scales", [1.0])))


def _items(config: HardnessConfig) -> list[HardnessItem]:
    items = items_for(config)
    if not items:
        raise UsageError("no function to study (inner-product needs an even M); give e.g. "
                         "--families parity,random,majority")
    return items


def measure_recipe(job: tuple) -> RecipeRow:
    """Executor worker: one (item, init scale, optimiser, step budget) cell of the recipe study,
    its search and confirmation run here, in-process; ``job`` is ``(item, scale, optimiser,
    steps, config, confirm_trials)``.

    Parameters
    ----------
    job : tuple
        ``(item, scale, optimizer, steps, config, confirm_trials)``: the
        :class:`~empirical.hardness.compute.HardnessItem` (its label names the row), the init
        scale (float, :func:`recipe_worker`), the optimiser recipe (a key of
        :data:`OPTIMIZER_RECIPES`), the step budget (int), the study's
        :class:`~empirical.hardness.result.HardnessConfig` (trials, lrs, p, ceiling, seed,
        confidence, device) and the number of fresh trials confirming the winner (int).

    Returns
    -------
    RecipeRow
        The cell's trained size (:func:`~empirical.hardness.compute.trained_size`) and, when a
        size trained, its :func:`confirm` successes and trials with their Wilson interval at
        ``config.confidence``; those three are None when nothing trained up to the ceiling.

    Raises
    ------
    UsageError
        An optimiser that is not a recipe of :data:`OPTIMIZER_RECIPES`.

    Examples
    --------
    >>> cfg = HardnessConfig(inputs=2, families=("majority",), trials=2, lrs=(0.05,))
    >>> row = measure_recipe((_items(cfg)[0], 1.0, "adam", 300, cfg, 2))
    >>> row.trained.hidden, row.confirmed_successes
    (0, 2)
    """
    item, scale, opt, steps, config, confirm_trials = job
    worker = recipe_worker(scale)
    options = recipe_options(config, opt, steps)
    size = trained_size(item.target, options, worker)
    if size.found:
        s, n = confirm(item.target, options, size, confirm_trials, worker)
        ci = wilson_interval(s, n, config.confidence)
    else:
        s = n = ci = None
    return RecipeRow(item.label, opt, steps, size, s, n, ci, scale)


def run_recipes(config: HardnessConfig, budgets, optimizers=("adam", "sgd"),
                confirm_trials: int = 8,
                progress: Callable[[int, int], None] | None = None,
                init_scales=(1.0,), executor=None) -> RecipeResult:
    """Measure every family of ``config`` (every NPN class for ``npn``) under every optimiser ×
    step budget × init scale and confirm each winner on ``confirm_trials`` fresh trials (see the
    module notes). ``executor`` (default in-process) runs the cells (:func:`measure_recipe`),
    each whole in one worker, so the rows do not depend on it.

    Parameters
    ----------
    config : HardnessConfig
        The study's settings.
    budgets : iterable of int
        Step budgets, positive; sorted, repeats dropped.
    optimizers : str or iterable of str, optional
        Recipes of :data:`OPTIMIZER_RECIPES` (default both); repeats dropped.
    confirm_trials : int, optional
        Fresh trials confirming each winner, at least 1 (default 8).
    progress : callable or None, optional
        Passed to the executor's ``map`` (``(done, total)`` in cells); None: no reports.
    init_scales : iterable of float, optional
        Initial-weight multipliers: 0 or in [float32's least normal number, its largest];
        repeats dropped (default ``(1.0,)``).
    executor : Executor or None, optional
        See above.

    Returns
    -------
    RecipeResult
        The rows of every cell and the wall time.

    Examples
    --------
    >>> cfg = HardnessConfig(inputs=2, families=("majority",),
    ...                      trials=2, lrs=(0.05,))
    >>> res = run_recipes(cfg, [100, 300], ["adam"], confirm_trials=2)
    >>> res.needed("majority", "adam"), res.rows[0].confirmed_successes
    ([0, 0], 2)
    """
    # 50.7 was read as 50 and confirm_trials 2.9 as 2; a repeated optimiser trained its cells
    # twice and wrote rows that --report then refused as a damaged file; "adam" was read letter
    # by letter (2026-12-05 review)
    budgets = integer_list(budgets, "--budgets (step budgets)", "positive integers")
    budgets = tuple(sorted({int(b) for b in budgets}))
    if not budgets or budgets[0] < 1:
        raise UsageError(f"--budgets (step budgets) must be positive integers, got "
                         f"{list(budgets)}")
    if isinstance(optimizers, str | bytes):
        optimizers = (optimizers,)
    optimizers = tuple(dict.fromkeys(optimizers))  # repeats dropped, as the budgets'
    for o in optimizers:
        if o not in OPTIMIZER_RECIPES:
            raise UsageError(f"unknown optimiser recipe {o!r}; choose "
                             f"{' or '.join(OPTIMIZER_RECIPES)}")
    scales = tuple(dict.fromkeys(float(v) for v in init_scales))
    if not scales or not all(0 <= v < float("inf") for v in scales):
        raise UsageError(f"init scales must be finite numbers >= 0, got {init_scales!r}")
    if max(scales) > FLOAT32_MAX:  # the scaled weights were inf: every cell read 'not found'
        raise UsageError(f"init scales must be at most {limit_text(FLOAT32_MAX)} (float32's "
                         f"largest number; the scaled weights would be inf), got {max(scales)!r}")
    tiny = [v for v in scales if 0 < v < MIN_LR]
    if tiny:  # every weight scaled to exactly 0: the 0 cell again under another label (the
        # CLI refused it since 2026-12-06; this call took it, 2026-12-07 audit)
        raise UsageError(f"init scales must be 0 or at least {limit_text(MIN_LR)} (float32's "
                         f"least normal number; smaller ones zero every weight), got {tiny[0]!r}")
    if not is_integer(confirm_trials) or confirm_trials < 1:
        raise UsageError(f"--confirm must be an integer >= 1, got {confirm_trials!r}")
    jobs = [(item, scale, opt, steps, config, int(confirm_trials))
            for item in _items(config) for scale in scales for opt in optimizers
            for steps in budgets]
    t0 = time.perf_counter()
    rows = (executor or InProcessExecutor()).map(measure_recipe, jobs, progress=progress or False)
    return RecipeResult(config, budgets, optimizers, int(confirm_trials), rows,
                        time.perf_counter() - t0, scales)
