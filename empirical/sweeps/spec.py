"""Sweep specifications: a base config, a grid over config fields, a list of seeds.

A spec (TOML, or built from flags) reads::

    name = "my-sweep"
    preset = "l2-blog"                    # base config: a preset ...
    seeds = [0, 1, 2]                     # seed offsets (see below)
    seed_mode = "both"                    # which seeds a seed offset moves: data, init or both
    metrics = ["gap(weight_l2)"]          # derived metrics (empirical.sweeps.metrics)
    [base]                                # ... then inline RunConfig tables override it
    train = { steps = 500 }
    [[grid]]                              # one axis: one field ...
    field = "model.width"
    values = [16, 32, 64]
    [[grid]]                              # ... or tied fields moving together
    fields = ["data.n_train", "data.n_test"]
    values = [50, 100, 200]               # a scalar sets every tied field; [a, b] sets each one

The runs are the Cartesian product of the axes, times the seeds. **Seeds.** Seed offset ``s``
sets ``data.seed = base.data.seed + s`` (``seed_mode`` ``data`` or ``both``) and
``model.init_seed = base.model.init_seed + s`` (``init`` or ``both``); offset 0 is the base
config's own seeds (for ``l2-blog``: data seed 9266, init seed 1207, the post's seeds). For data
that no data seed changes (a truth table, a fixed map such as parity) ``seed_mode = "data"`` with
more than one seed is refused (each offset would train the same run; "both" moves the data seed
too, unread, and the init seed).

Every check runs when the spec is built, before anything is trained or written: field names,
values (by the config dataclasses), seeds (each run's data, init and shuffle seed must lie in
0..2**63 − 1, what the engine's generators take) and the derived metrics (their reductions and
columns: the run labels and the engine's logged columns).

This module imports no torch.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from capacity.errors import UsageError
from capacity.options import MAX_SEED, canonical_choice, choice_key, is_integer
from capacity.user_files import parse_toml, read_text
from empirical.engine.config import (
    MEMBER_LISTS,
    PRESETS,
    RunConfig,
    shown_value,
    unread_seeds,
    unread_settings,
)
from empirical.sweeps.integrity import engine_columns
from empirical.sweeps.limits import check_run_count
from empirical.sweeps.metrics import metric_identity, parse_metric

__all__ = ["MAX_SEED", "SEED_MODES", "SWEEP_PRESETS", "GridAxis", "SweepRun", "SweepSpec",
           "load_spec", "training_fingerprint"]

SEED_MODES = ("both", "data", "init")
#: Spec keys that only label the sweep or its report; they train nothing, so a resume ignores them.
_LABEL_KEYS = ("name", "metrics", "parameter")
_SECTIONS = {"data", "model", "train"}
_PER_MEMBER = {"ensemble", *MEMBER_LISTS}
_DEFAULT_METRICS = ("gap(weight_l2)", "root_gap(weight_l2)", "last(train_acc)",
                    "last(test_acc)", "last(train_loss)", "last(test_loss)")


def _valid_fields() -> list[str]:
    out = []
    for f in fields(RunConfig):
        if f.name in _SECTIONS:
            out += [f"{f.name}.{g.name}" for g in fields(getattr(RunConfig(), f.name))]
        elif f.name not in _PER_MEMBER:
            out.append(f.name)
    return out


def _check_field(name: str) -> str:
    if name not in _valid_fields():
        hint = " (per-member lists are set by the sweep itself)" if name in _PER_MEMBER else ""
        raise UsageError(f"unknown sweep field {name!r}{hint}; use a dotted config field such "
                         "as data.n_train, model.width, train.lr (valid: "
                         f"{', '.join(_valid_fields())})")
    return name


def _apply(cfg: RunConfig, assignments: dict[str, Any], stored: bool = False) -> RunConfig:
    """``cfg`` with dotted fields set (values validated by the config dataclasses; ``stored``:
    see :meth:`RunConfig.from_dict`)."""
    return RunConfig.from_dict(_nested(assignments), base=cfg, stored=stored)


def _grid_defaults(base_d: dict, grid, fields: tuple[str, ...]) -> dict | None:
    """``base_d`` with each of ``fields`` that it leaves to the preset and a grid axis sets
    taken from that axis's first value; None when no such field is found (or the grid is not a
    list of tables, which the spec's own checks refuse)."""
    if not isinstance(grid, list):
        return None
    patched = {k: dict(v) if isinstance(v, dict) else v for k, v in base_d.items()}
    found = False
    for g in grid:
        if not isinstance(g, dict) or not isinstance(g.get("values"), list) or not g["values"]:
            continue
        names = g.get("fields", [g.get("field")])
        if not isinstance(names, list):
            continue
        for i, name in enumerate(names):
            if name not in fields:
                continue
            section, key = name.split(".")
            if not isinstance(patched.get(section, {}), dict) or key in patched.get(section, {}):
                continue  # set in the base: kept as written
            first = g["values"][0]
            if len(names) > 1:
                if not isinstance(first, list) or len(first) != len(names):
                    continue
                first = first[i]
            patched.setdefault(section, {})[key] = first
            found = True
    return patched if found else None


def _nested(assignments: dict[str, Any]) -> dict[str, Any]:
    """Dotted ``{"train.lr": v}`` as the nested dict the config layers use."""
    out: dict[str, Any] = {}
    for key, value in assignments.items():
        section, _, name = key.rpartition(".")
        (out.setdefault(section, {}) if section else out)[name] = value
    return out


def _refuse_settings_no_run_reads(runs: list[SweepRun], base_d: dict[str, Any],
                                  preset: RunConfig) -> None:
    """Refuse a setting of the spec's base that no run of the sweep reads, and a seed set in
    the base or on a grid axis that no run reads (:func:`~empirical.engine.config.
    check_seeds_read`): a grid over train.shuffle_seed with full batches trained identical
    groups, and a base ``data.d_in`` beside a grid of Boolean runs or a base momentum beside a
    grid of Adam optimisers were kept in spec.json and read by nothing (2026-12-03 audits). A
    setting some runs read is accepted (a base shuffle seed beside a grid over batch sizes that
    includes 0), and so is a base seed equal to the preset's (a base written as a whole config,
    every field). A base value a grid axis replaces is the axis's default, as written, and stays
    accepted."""
    common: dict[str, str] | None = None  # the refusals every run makes, by what they refuse
    for run in runs:
        mine = {m: m for m in (unread_seeds(run.config, base_d, preset)
                               + unread_seeds(run.config, _nested(run.params), None))}
        # a setting's message names the run's own kind or optimiser: keyed by its field; a
        # base value the run's grid point replaces is that axis's default, not a setting
        own = {s: {k: v for k, v in keys.items() if f"{s}.{k}" not in run.params}
               for s, keys in base_d.items() if isinstance(keys, dict)}
        mine.update((m.split()[0], m) for m in unread_settings(run.config, own))
        common = mine if common is None else {k: v for k, v in common.items() if k in mine}
        if not common:
            return
    if common:
        raise UsageError(f"no run of the sweep reads it: {common[sorted(common)[0]]}")


def training_fingerprint(spec: dict[str, Any]) -> str:
    """Canonical JSON of a spec dict (:meth:`SweepSpec.to_dict`, or one a sweep folder stores)
    without the keys that only label the sweep (``name``, ``metrics``, ``parameter``): a resume
    compares these, so relabelling a finished sweep trains nothing again.

    Examples
    --------
    >>> training_fingerprint({"name": "a", "seeds": [0], "metrics": ["gap(w)"]})
    '{"seeds": [0]}'
    """
    return json.dumps({k: v for k, v in spec.items() if k not in _LABEL_KEYS}, sort_keys=True)


@dataclass(frozen=True)
class GridAxis:
    """One grid axis: one field, or several tied fields that take their values together.

    ``values[i]`` is a tuple with one value per field.

    Examples
    --------
    >>> GridAxis.build(["data.n_train", "data.n_test"], [50, 100]).values
    ((50, 50), (100, 100))
    >>> GridAxis.build(["data.n_train", "data.n_test"], [[50, 40], [100]])
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: tied fields data.n_train, data.n_test: value 2 is [100] with 1 ...
    """

    fields: tuple[str, ...]
    values: tuple[tuple[Any, ...], ...]

    @classmethod
    def build(cls, names: list[str] | str, values: list[Any], stored: bool = False) -> GridAxis:
        """Check the field names and the values; a scalar value is shared by all tied fields.
        ``names`` as one text (a spec's ``field``) takes each value whole, so a list is one
        ``train.betas`` value; as a list (``fields``, the form :meth:`SweepSpec.to_dict`
        writes) a list value holds one entry per field.

        Examples
        --------
        >>> GridAxis.build("train.betas", [[0.9, 0.99]]).values
        (([0.9, 0.99],),)
        >>> GridAxis.build(["train.betas"], [[[0.9, 0.99]]]).values  # as spec.json stores it
        (([0.9, 0.99],),)
        """
        single = isinstance(names, str)
        if single:
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise UsageError(f"a grid axis must name its field(s) as text, got {names!r}; write "
                             "field = \"data.n_train\" or fields = [\"data.n_train\", "
                             "\"data.n_test\"]")
        if not names:
            raise UsageError("a grid axis names no field; write field = \"data.n_train\" or "
                             "fields = [\"data.n_train\", \"data.n_test\"]")
        for name in names:
            _check_field(name)
        if len(set(names)) != len(names):
            raise UsageError(f"grid axis names a field twice: {', '.join(names)}")
        if not isinstance(values, list):
            raise UsageError(f"values for {', '.join(names)} must be a list, got {values!r}; "
                             "give values = [v1, v2, ...]")
        if not values:
            raise UsageError(f"empty grid for {', '.join(names)}; give values = [v1, v2, ...]")
        rows = []
        for i, v in enumerate(values, 1):
            if isinstance(v, list) and not single:  # a field's list value is one value
                # (model.width = [[3], [5]] read as widths 3 and 5 until 2026-12-07)
                if len(v) != len(names):
                    raise UsageError(f"tied fields {', '.join(names)}: value {i} is {v!r} with "
                                     f"{len(v)} entries for {len(names)} fields; give one value "
                                     "or one per field")
                rows.append(tuple(v))
            else:
                rows.append((v,) * len(names))
        # 2 and 2.0 are one value; a folder written before 2026-12-02 keeps the old rule
        # (text repeats only), so that it still loads
        if len(set(map(repr if stored else _same_value_key, rows))) != len(rows):
            raise UsageError(f"grid for {', '.join(names)} repeats a value; list each value once")
        return cls(tuple(names), tuple(rows))


def _refuse_twins(runs: list[SweepRun]) -> None:
    """Refuse two runs that train the same configuration: a grid over ``data.seed`` (or
    ``model.init_seed``) whose values differ by a seed offset the seed mode also adds
    (9266 + 1 = 9267 + 0) trained one run twice and counted it as two seeds (sweep review)."""
    seen: dict[str, int] = {}
    for run in runs:
        key = json.dumps(run.config.to_dict(), sort_keys=True, default=str)
        if key in seen:
            raise UsageError(f"runs {seen[key]} and {run.run_id} train the same configuration "
                             f"(grid point {shown_value(run.params)}, seed offset {run.seed}): "
                             "a seed offset "
                             "is added to data.seed / model.init_seed (seed_mode), so a grid "
                             "over those seeds must not step by an offset; grid over seeds with "
                             "seed_mode, or set seeds = [0]")
        seen[key] = run.run_id


def _same_value_key(value):
    """A key under which grid values that configure the same run are equal: ``2`` and ``2.0``
    (a repeat trained twice and counted as a second seed; sweep review), lists as tuples;
    booleans stay apart from 0 and 1, text from numbers.

    Examples
    --------
    >>> key = _same_value_key
    >>> key((2,)) == key((2.0,)), key((True,)) == key((1,)), key(("2",)) == key((2,))
    (True, False, False)
    >>> key(("Adam",)) == key(("adam",)), key(("power_law",)) == key(("power-law",))
    (True, True)
    """
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return ("number", value)  # equal numbers hash equal: 2 == 2.0, exact for large ints
    if isinstance(value, list | tuple):
        return ("seq", tuple(_same_value_key(v) for v in value))
    if isinstance(value, str):  # "Adam" and "adam" name one optimizer (capacity.options)
        return ("text", choice_key(value))
    return ("other", repr(value))


@dataclass(frozen=True)
class SweepRun:
    """One run of a sweep: its id, seed offset, grid parameters and full (one-member) config.

    Examples
    --------
    >>> spec = SweepSpec.from_dict({"grid": [{"field": "model.width", "values": [3, 5]}],
    ...                             "seeds": [0, 1]})
    >>> run = spec.runs()[1]
    >>> run.run_id, run.seed, run.params, run.config.model.width, run.config.size
    (1, 1, {'model.width': 3}, 3, 1)
    """

    run_id: int
    seed: int
    params: dict[str, Any]
    config: RunConfig


@dataclass(frozen=True)
class SweepSpec:
    """A sweep: base config, grid axes, seed offsets, seed mode and derived metrics.

    Examples
    --------
    >>> spec = SweepSpec.from_dict({"grid": [{"field": "model.width", "values": [4, 8]}],
    ...                             "seeds": [0, 1]})
    >>> [(r.run_id, r.seed, r.params["model.width"]) for r in spec.runs()]
    [(0, 0, 4), (1, 1, 4), (2, 0, 8), (3, 1, 8)]
    >>> spec.runs()[3].config.model.init_seed, spec.runs()[3].config.data.seed
    (1208, 9267)
    >>> SweepSpec.from_dict({"grid": [{"field": "model.widht", "values": [4]}]})
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: unknown sweep field 'model.widht'; use a dotted config field ...
    """

    base: RunConfig
    axes: tuple[GridAxis, ...]
    seeds: tuple[int, ...] = (0,)
    seed_mode: str = "both"
    metrics: tuple[str, ...] = _DEFAULT_METRICS
    name: str = "sweep"
    parameter: str = ""
    #: read from a sweep folder (RunConfig.from_dict's ``stored``); not part of the spec
    stored: bool = field(default=False, compare=False, repr=False)
    #: the runs, built once by ``__post_init__`` (the CLI, the size guard, the driver and the
    #: report each built them again: a 10^4-run --dry-run took 3.7 s, now 2.7 s, 2026-12-01)
    _runs: tuple[SweepRun, ...] = field(default=(), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.axes:
            raise UsageError("the sweep has no grid; add a [[grid]] table with field and values")
        for key in ("name", "parameter"):
            if not isinstance(getattr(self, key), str):
                raise UsageError(f"{key} must be text, got {getattr(self, key)!r}; write e.g. "
                                 f"{key} = \"{'my-sweep' if key == 'name' else 'data.n_train'}\"")
        # printed in every table title and report heading: an escape sequence or a newline
        # went to the terminal raw, and "" printed "memcap sweep  (dry run)" (2026-12-06 review)
        # a stored spec keeps its name: a folder written before the rule still resumes and
        # reports (its finished results were locked out, 2026-12-06 diff review)
        if not self.stored and (not self.name.strip() or len(self.name) > 200
                                or not self.name.isprintable()):
            raise UsageError(f"name must be printable text of 1 to 200 characters, got "
                             f"{self.name[:60]!r}{'…' if len(self.name) > 60 else ''}; write "
                             "e.g. name = \"my-sweep\" (a label: a sweep folder written under "
                             "another name resumes under the new one)")
        object.__setattr__(self, "seed_mode", canonical_choice(self.seed_mode, SEED_MODES))
        if self.seed_mode not in SEED_MODES:
            raise UsageError(f"unknown seed_mode {self.seed_mode!r}; choose one of "
                             f"{', '.join(SEED_MODES)}")
        if not isinstance(self.seeds, (list, tuple)) or not self.seeds or any(
                not is_integer(s) or not 0 <= s <= MAX_SEED for s in self.seeds):
            got = shown_value(list(self.seeds) if isinstance(self.seeds, tuple)
                              else self.seeds)  # a list as the spec wrote it; 10**5000 too
            raise UsageError(f"seeds must be a non-empty list of integers in 0..2**63-1, got "
                             f"{got if len(got) <= 200 else got[:197] + '...'}")
        object.__setattr__(self, "seeds", tuple(int(s) for s in self.seeds))  # numpy's: JSON
        if len(set(self.seeds)) != len(self.seeds):
            raise UsageError(f"seeds {list(self.seeds)} repeat a seed; list each once")
        names = self.fields()
        if len(set(names)) != len(names):
            raise UsageError("a field appears on two grid axes; tie them in one axis instead")
        if not self.metrics or not all(isinstance(m, str) for m in self.metrics):
            raise UsageError(f"metrics must be a non-empty list of REDUCTION(COLUMN) texts, got "
                             f"{list(self.metrics)!r}; write e.g. metrics = [\"gap(weight_l2)\"]")
        if (len({metric_identity(m) for m in self.metrics}) != len(self.metrics)
                and not self.stored):  # old folders load; final(x) is last(x)
            raise UsageError(f"metrics {list(self.metrics)} repeat a metric (final(x) is "
                             "last(x)); list each once")
        if self.base.size != 1:
            raise UsageError("the base config of a sweep must have one member (ensemble = 1); "
                             "the sweep builds the ensembles itself")
        for name, one in (("init_seeds", "model.init_seed"), ("data_seeds", "data.seed"),
                          ("widths", "model.width"), ("lrs", "train.lr"),
                          ("tables", "data.table")):  # per run: ignored, or (lrs, tables)
            # overriding the grid's train.lr / data.table in every run (2026-12-03 audit)
            if getattr(self.base, name) and not self.stored:  # old folders still load
                raise UsageError(f"the base config sets {name}, a per-member list the sweep "
                                 f"sets itself from each run's {one}; set {one} in the base or "
                                 "put it on a grid axis")
        if not self.parameter:
            object.__setattr__(self, "parameter", self.axes[0].fields[0])
        elif self.parameter not in names:
            raise UsageError(f"parameter {self.parameter!r} is not a grid field; choose one of "
                             f"{', '.join(names)}")
        # counted before any run is built (10^5 configs take 20 s to build)
        check_run_count(self.run_count(), None)
        runs = self._build_runs()  # every value checked by the config dataclasses now
        object.__setattr__(self, "_runs", tuple(runs))
        # the columns of the sweep's tidy table: run labels, then what the engine logs (the
        # run with most layers has every l2_layer column: a transformer has depth + 2, an MLP
        # depth + 1, and a depth tie once picked the MLP, 2026-12-06 review), so an unknown
        # column fails before training
        deepest = max((r.config for r in runs), key=lambda c: len(engine_columns(c)))
        columns = ["run_id", "group", "seed", *names, *engine_columns(deepest)]
        # a grid field of text or list values has no numbers to reduce: refused
        # here, not after every run trained (status 70, 2026-12-03 audit)
        not_numbers = {f for axis in self.axes for i, f in enumerate(axis.fields)
                       if any(isinstance(v[i], (str, list, tuple, dict)) for v in axis.values)}
        for m in self.metrics:
            column = parse_metric(m, columns).column
            if column in not_numbers and not self.stored:
                raise UsageError(f"metric {m!r} reduces the grid field {column!r}, whose values "
                                 "are not all numbers (text or lists); reduce a numeric column")

    def metric_columns(self) -> list[str]:
        """The summary's metric columns: each metric in its canonical spelling, once (a folder
        stored before ``mean_last_05`` was ``mean_last_5`` may list both).

        Examples
        --------
        >>> SweepSpec.from_dict({"grid": [{"field": "model.width", "values": [4]}],
        ...                      "metrics": ["gap( weight_l2 )"]}).metric_columns()
        ['gap(weight_l2)']
        """
        return list(dict.fromkeys(parse_metric(m).name for m in self.metrics))

    def fields(self) -> list[str]:
        """Every grid field, axis by axis (tied fields together).

        Examples
        --------
        >>> SweepSpec.from_dict({"grid": [{"field": "model.width", "values": [4, 8]},
        ...                               {"field": "train.lr", "values": [0.1]}]}).fields()
        ['model.width', 'train.lr']
        """
        return [f for a in self.axes for f in a.fields]

    def run_count(self) -> int:
        """The number of runs, grid points × seeds, counted without building them.

        Examples
        --------
        >>> SweepSpec.from_dict({"grid": [{"field": "model.width", "values": [4, 8, 16]}],
        ...                      "seeds": [0, 1]}).run_count()
        6
        """
        return math.prod(len(a.values) for a in self.axes) * len(self.seeds)

    def runs(self) -> list[SweepRun]:
        """Every run, in order: grid points (first axis slowest), then seeds.

        Examples
        --------
        >>> spec = SweepSpec.from_dict({"grid": [{"fields": ["data.n_train", "data.n_test"],
        ...                                       "values": [50, 100]}],
        ...                             "seeds": [0, 1], "seed_mode": "init"})
        >>> [(r.run_id, r.params["data.n_test"], r.config.model.init_seed, r.config.data.seed)
        ...  for r in spec.runs()]   # tied fields move together; only the init seed moves
        [(0, 50, 1207, 9266), (1, 50, 1208, 9266), (2, 100, 1207, 9266), (3, 100, 1208, 9266)]
        >>> len(spec.runs()) == spec.run_count()
        True
        """
        return list(self._runs)

    def _build_runs(self) -> list[SweepRun]:
        """:meth:`runs`, built from the grid (once, by ``__post_init__``)."""
        out = []
        for point in itertools.product(*(a.values for a in self.axes)):
            params = {f: v for a, vals in zip(self.axes, point, strict=True)
                      for f, v in zip(a.fields, vals, strict=True)}
            for seed in self.seeds:
                try:
                    cfg = _apply(self.base, params, self.stored)
                except UsageError as err:  # bad values; any other error is a bug
                    raise UsageError(f"grid point {shown_value(params)}: {err}") from None
                moves = {}
                if (self.seed_mode == "data" and len(self.seeds) > 1 and not self.stored
                        and not cfg.reads_data_seed()):
                    # every offset trained the same run, read as replicates (2026-12-03 audit)
                    raise UsageError(f"grid point {shown_value(params)}: seed_mode = 'data' but "
                                     "the data are "
                                     "a truth table or a fixed map, which no data seed changes; "
                                     "every seed would train the same run: use seed_mode = "
                                     "'init' or 'both'")
                # the data seed moves even where nothing reads it (mode "both" on a table), as
                # a stored spec.json's runs were built: the runs must not depend on the version
                if self.seed_mode in ("data", "both"):
                    moves["data.seed"] = cfg.data.seed + seed
                if self.seed_mode in ("init", "both"):
                    moves["model.init_seed"] = cfg.model.init_seed + seed
                # checked before the moves are applied: the config's own range check would
                # name the field but not the grid point and offset that moved it
                for name, value in (("data.seed", moves.get("data.seed", cfg.data.seed)),
                                    ("model.init_seed",
                                     moves.get("model.init_seed", cfg.model.init_seed)),
                                    ("train.shuffle_seed", cfg.train.shuffle_seed)):
                    if not 0 <= value <= MAX_SEED:
                        raise UsageError(f"grid point {shown_value(params)} with seed offset "
                                         f"{seed} gives "
                                         f"{name} = {value}, outside 0..2**63-1; use smaller "
                                         "seeds")
                cfg = _apply(cfg, moves, self.stored)
                out.append(SweepRun(len(out), seed, params, cfg))
        if ({"data.seed", "model.init_seed"} & set(self.fields()) and len(self.seeds) > 1
                and not self.stored):  # a folder written before the rule still loads
            _refuse_twins(out)  # only a grid over a seed the offsets move can repeat a run
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; :meth:`from_dict` reads it back to an equal spec.

        Examples
        --------
        >>> import json
        >>> spec = SweepSpec.from_dict({"grid": [{"fields": ["data.n_train", "data.n_test"],
        ...                                       "values": [50, 100]}], "seeds": [0, 1]})
        >>> d = spec.to_dict()
        >>> d["grid"], d["seeds"], d["parameter"]   # one value per tied field
        ([{'fields': ['data.n_train', 'data.n_test'], 'values': [[50, 50], [100, 100]]}],
         [0, 1], 'data.n_train')
        >>> SweepSpec.from_dict(json.loads(json.dumps(d))) == spec
        True
        """
        return {"name": self.name, "base": self.base.to_dict(), "seeds": list(self.seeds),
                "seed_mode": self.seed_mode, "metrics": list(self.metrics),
                "parameter": self.parameter,
                "grid": [{"fields": list(a.fields), "values": [list(v) for v in a.values]}
                         for a in self.axes]}

    def fingerprint(self) -> str:
        """Canonical JSON of what the sweep trains (:meth:`to_dict` without ``name``,
        ``metrics`` and ``parameter``, which only label it): equal strings, equal runs.

        Examples
        --------
        >>> a = SweepSpec.from_dict({"grid": [{"field": "model.width", "values": [4, 8]}]})
        >>> b = SweepSpec.from_dict({"grid": [{"field": "model.width", "values": [4, 8]}],
        ...                          "name": "other", "metrics": ["max(weight_l2)"]})
        >>> a.fingerprint() == b.fingerprint(), a.to_dict() == b.to_dict()
        (True, False)
        """
        return training_fingerprint(self.to_dict())

    @classmethod
    def from_dict(cls, d: dict[str, Any], seeds: list[int] | None = None, *,
                  stored: bool = False, max_runs: int | None = None) -> SweepSpec:
        """Build from a TOML-shaped dict; ``seeds`` (e.g. from ``--seeds``) replaces the spec's.
        ``stored``: the dict is a sweep folder's spec.json, read as
        :meth:`RunConfig.from_dict` reads stored configs. ``max_runs``: refuse more runs than
        this (:func:`empirical.sweeps.limits.check_run_count`) before any run is built.

        Examples
        --------
        >>> spec = SweepSpec.from_dict({"grid": [{"field": "model.width", "values": [4, 8]}],
        ...                             "seeds": [0, 1]}, seeds=[3, 5])   # --seeds 3,5 wins
        >>> spec.seeds, spec.parameter, spec.run_count()
        ((3, 5), 'model.width', 4)
        >>> SweepSpec.from_dict(spec.to_dict()) == spec
        True
        >>> SweepSpec.from_dict({"grid": [{"field": "model.width", "values": [4]}], "seed": [1]})
        Traceback (most recent call last):
        ...
        capacity.errors.UsageError: unknown sweep key 'seed'; valid keys: base, grid, metrics, ...
        """
        known = {"name", "preset", "base", "seeds", "seed_mode", "metrics", "grid", "parameter"}
        for key in d:
            if key not in known:
                raise UsageError(f"unknown sweep key {key!r}; valid keys: "
                                 f"{', '.join(sorted(known))}")
        preset = canonical_choice(d.get("preset", "l2-blog"), tuple(PRESETS))
        if not isinstance(preset, str) or preset not in PRESETS:
            raise UsageError(f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}")
        base_d = d.get("base", {})
        if not isinstance(base_d, dict):
            raise UsageError("base must be a table of config sections, e.g. [base.train]")
        grid = d.get("grid", [])
        try:
            base = RunConfig.from_dict(base_d, base=PRESETS[preset], stored=stored)
        except UsageError as refused:
            # a preset's value the grid replaces in every run may not fit the base: heads 3
            # with l2-blog's width 100 was refused although every run set width 6 or 12
            # (2026-12-05 review); the base then takes the grid's first value of it
            patched = _grid_defaults(base_d, grid, ("model.width", "model.heads"))
            if patched is None:
                raise
            try:
                base = RunConfig.from_dict(patched, base=PRESETS[preset], stored=stored)
            except UsageError:
                raise refused from None
        if not isinstance(grid, list):  # grid = 5 read "the sweep has no grid" (CLI fuzz)
            raise UsageError(f"grid must be a list of [[grid]] tables with field and values, got "
                             f"{type(grid).__name__} {grid!r}"[:300])
        if not grid:
            raise UsageError("the sweep has no grid; add a [[grid]] table with field and values")
        axes = []
        for i, g in enumerate(grid):
            if not isinstance(g, dict) or "values" not in g or not ({"field", "fields"} & set(g)):
                raise UsageError(f"grid entry {g!r} needs field (or fields) and values")
            extra = set(g) - {"field", "fields", "values"}
            if extra:
                raise UsageError(f"unknown key(s) {sorted(extra)} in a [[grid]] table; use "
                                 "field/fields and values")
            if "field" in g and "fields" in g:
                raise UsageError(f"grid entry {i}: give 'field' (one field) or 'fields' (fields "
                                 "that move together), not both")
            axes.append(GridAxis.build(g.get("fields", g.get("field")), g["values"], stored))
        kwargs = {k: d[k] for k in ("name", "seed_mode", "parameter") if k in d}
        if kwargs.get("parameter") == "":  # it meant the first axis's field (2026-12-01)
            raise UsageError("parameter is empty; name a grid field, e.g. parameter = "
                             "\"data.n_train\", or leave it out for the first axis's field")
        if "metrics" in d:
            if not isinstance(d["metrics"], list):
                raise UsageError(f"metrics must be a list, got {d['metrics']!r}; write e.g. "
                                 "metrics = [\"gap(weight_l2)\"]")
            kwargs["metrics"] = tuple(d["metrics"])
        seed_list = seeds if seeds is not None else d.get("seeds", [0])
        if not isinstance(seed_list, list):
            raise UsageError(f"seeds must be a list of integers, got {seed_list!r}")
        check_run_count(math.prod(len(a.values) for a in axes) * len(seed_list), max_runs)
        spec = cls(base=base, axes=tuple(axes), seeds=tuple(seed_list), stored=stored, **kwargs)
        if not stored:
            _refuse_settings_no_run_reads(spec.runs(), base_d, PRESETS[preset])
        return spec


#: Named sweeps. ``l2-blog-sweep``: Liu, "How does memorization affect ℓ2?" (2026-05-05): train
#: size = test size ∈ {50, 100, ..., 25 600} on the ``l2-blog`` base, one seed (data seed 9266,
#: init seed 1207).
SWEEP_PRESETS: dict[str, dict[str, Any]] = {
    "l2-blog-sweep": {
        "name": "l2-blog-sweep", "preset": "l2-blog", "seeds": [0], "seed_mode": "both",
        "metrics": list(_DEFAULT_METRICS),
        "grid": [{"fields": ["data.n_train", "data.n_test"],
                  "values": [50 * 2**i for i in range(10)]}],
    },
}


def load_spec(path: str | Path | None = None, preset: str | None = None,
              seeds: list[int] | None = None, max_runs: int | None = None) -> SweepSpec:
    """A spec from a TOML file or a named sweep preset (exactly one of them); ``max_runs`` as
    in :meth:`SweepSpec.from_dict`.

    Parameters
    ----------
    path : str or pathlib.Path or None, optional
        A TOML sweep spec file.
    preset : str or None, optional
        A name of :data:`SWEEP_PRESETS`.
    seeds : list of int or None, optional
        Replace the spec's seeds (``--seeds``).
    max_runs : int or None, optional
        Refuse a spec with more runs than this.

    Returns
    -------
    SweepSpec
        The spec.

    Examples
    --------
    >>> spec = load_spec(preset="l2-blog-sweep")
    >>> len(spec.runs()), spec.runs()[-1].params
    (10, {'data.n_train': 25600, 'data.n_test': 25600})
    >>> load_spec(preset="l2-blog-sweep", seeds=[0, 1, 2]).seeds
    (0, 1, 2)
    """
    if (path is None) == (preset is None):
        raise UsageError("give a sweep spec file or --preset NAME (one of "
                         f"{', '.join(SWEEP_PRESETS)}), not both and not neither")
    if preset is not None:
        preset = canonical_choice(preset, tuple(SWEEP_PRESETS))
        if preset not in SWEEP_PRESETS:
            raise UsageError(f"unknown sweep preset {preset!r}; choose one of "
                             f"{', '.join(SWEEP_PRESETS)}")
        return SweepSpec.from_dict(SWEEP_PRESETS[preset], seeds=seeds, max_runs=max_runs)
    d = parse_toml(read_text(path, "sweep spec"), f"sweep spec {str(path)!r}")
    return SweepSpec.from_dict(d, seeds=seeds, max_runs=max_runs)
