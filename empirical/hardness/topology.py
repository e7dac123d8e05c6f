"""Topology: stacked MLPs against densely connected ones, depth 1–3, per function family.

For every family and depth L the smallest trained width is measured for two topologies — the
*stacked* MLP (each layer reads the one before) and the *dense* one (each layer reads the input
and every earlier layer, :class:`~empirical.engine.dense.BatchedDenseMLP`) — by the hardness
study's own measurement (:func:`empirical.hardness.compute.trained_size`: the linear probe, then
the search with Wilson intervals). Each answer is converted to the parameters it costs (both
counted with the engine's two-class head), so the topologies and depths are compared at equal
parameter budgets: the one that trains with the fewest parameters wins.

References
----------
G. Huang et al., "Densely connected convolutional networks", CVPR 2017 (the topology).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass

from capacity.errors import UsageError
from empirical.engine.config import integer_list
from empirical.engine.executor import InProcessExecutor
from empirical.engine.parameters import count_parameters, dense_parameters
from empirical.hardness.compute import items_for, search_options, trained_size
from empirical.hardness.result import (
    HardnessConfig,
    TrainedFunctionSize,
    check_study_format,
    grid_mismatch,
    integer_counts,
    row_labels,
    study_format,
)
from empirical.hardness.workers import dense_train_task, relu_train_task

__all__ = ["TOPOLOGIES", "TOPOLOGY_UNREAD", "TopologyResult", "TopologyRow", "measure_topology",
           "run_topology"]

TOPOLOGIES = ("stacked", "dense")


@dataclass(frozen=True)
class TopologyRow:
    """One family, topology and depth: the trained size and the parameters it costs.

    Examples
    --------
    >>> t = TrainedFunctionSize("relu", 2, 4, 2, 3, 4, (0.3, 0.95), 0.03, 2, 0)
    >>> row = TopologyRow("parity", "dense", 2, t, 4)
    >>> row.parameters, TopologyRow.from_dict(row.to_dict()) == row
    (42, True)
    """

    family: str
    topology: str
    depth: int
    trained: TrainedFunctionSize
    inputs: int

    @property
    def parameters(self) -> int | None:
        """Parameters of the trained size (two-class head, as the engine counts); None when
        nothing trained.

        Examples
        --------
        Two layers of two units on M = 4: stacked, 2·5 + 2·3 + 2·3; dense, each layer and the
        head also reading the inputs and every earlier layer; no hidden unit: the head's
        2·(4 + 1), in both topologies:

        >>> t = TrainedFunctionSize("relu", 2, 4, 2, 3, 4, (0.3, 0.95), 0.03, 2, 0)
        >>> [TopologyRow("parity", top, 2, t, 4).parameters for top in ("stacked", "dense")]
        [22, 42]
        >>> linear = TrainedFunctionSize("relu", 2, 0, 0, 3, 4, (0.3, 0.95), 0.03)
        >>> TopologyRow("parity", "dense", 2, linear, 4).parameters
        10
        >>> none = TrainedFunctionSize("relu", 2, None, None, 0, 4, (0.0, 0.49), None, 2, 0)
        >>> print(TopologyRow("parity", "dense", 2, none, 4).parameters)
        None
        """
        t = self.trained
        if t.hidden is None:
            return None
        if t.hidden == 0:
            return count_parameters(self.inputs, 1, 0, 2)
        count = dense_parameters if self.topology == "dense" else count_parameters
        return count(self.inputs, t.width, self.depth, 2)

    def to_dict(self) -> dict:
        """JSON-ready dict (with the parameters).

        Examples
        --------
        One dense unit on M = 2 inputs: the unit's 2 + 1, and the two-class head reading the
        inputs and the unit, 2 · (3 + 1):

        >>> t = TrainedFunctionSize("relu", 1, 1, 1, 4, 4, (0.51, 1.0), 0.1)
        >>> d = TopologyRow("parity", "dense", 1, t, 2).to_dict()
        >>> d["topology"], d["trained"]["width"], d["parameters"]
        ('dense', 1, 11)
        """
        return {"family": self.family, "topology": self.topology, "depth": self.depth,
                "inputs": self.inputs, "trained": self.trained.to_dict(),
                "parameters": self.parameters}

    @classmethod
    def from_dict(cls, d: dict) -> TopologyRow:
        """Inverse of :meth:`to_dict`.

        Examples
        --------
        >>> t = TrainedFunctionSize("relu", 2, 4, 2, 3, 4, (0.3, 0.95), 0.03, 2, 0)
        >>> row = TopologyRow("parity", "stacked", 2, t, 4)
        >>> d = {**row.to_dict(), "parameters": 999}   # the saved count is not read back
        >>> back = TopologyRow.from_dict(d)
        >>> back == row, back.parameters
        (True, 22)
        """
        return cls(d["family"], d["topology"], d["depth"],
                   TrainedFunctionSize.from_dict(d["trained"]), d["inputs"])


#: The fields of the base config the topology study does not read (its ``depths`` replace
#: ``depth``; no sign units): left out of its saved config.
TOPOLOGY_UNREAD = ("depth", "sign")


@dataclass(frozen=True)
class TopologyResult:
    """The topology study: config, depths, rows, wall time.

    Examples
    --------
    >>> r = TopologyResult(HardnessConfig(inputs=2), (1, 2), [], 0.0)
    >>> TopologyResult.from_dict(r.to_dict()) == r
    True
    """

    config: HardnessConfig
    depths: tuple[int, ...]
    rows: list[TopologyRow]
    wall_s: float

    def _grid(self) -> tuple[list, list]:
        """:func:`~empirical.hardness.result.grid_mismatch` of the rows against every
        (family, topology, depth) cell of the config's families; a row whose ``inputs`` is not
        the config's fills no cell (its parameters were counted for another M)."""
        want = [(f, t, d) for f in row_labels(self.config) for t in TOPOLOGIES
                for d in self.depths]
        return grid_mismatch(want, [(r.family, r.topology, r.depth)
                                    if r.inputs == self.config.inputs else
                                    (r.family, r.topology, r.depth, f"inputs {r.inputs}")
                                    for r in self.rows])

    def missing_cells(self) -> list[tuple]:
        """The (family, topology, depth) cells of the grid with no row (a complete study has
        none; ``check_loaded`` refuses a saved one that has some). The families are those the
        config measures (until 2026-12-04 those of the rows, so an emptied file passed).

        Examples
        --------
        >>> TopologyResult(HardnessConfig(inputs=2, families=("parity",)), (1,), [],
        ...                0.0).missing_cells()
        [('parity', 'stacked', 1), ('parity', 'dense', 1)]
        """
        return self._grid()[0]

    def extra_rows(self) -> list[tuple]:
        """Rows that repeat a cell, fill none, or were measured for another M (refused by
        ``check_loaded``).

        Examples
        --------
        >>> t = TrainedFunctionSize("relu", 1, 1, 1, 4, 4, (0.51, 1.0), 0.1)
        >>> stacked = TopologyRow("parity", "stacked", 1, t, 2)
        >>> dense_m3 = TopologyRow("parity", "dense", 1, t, 3)   # measured for M = 3
        >>> TopologyResult(HardnessConfig(inputs=2, families=("parity",)), (1,),
        ...                [stacked, stacked, dense_m3], 0.0).extra_rows()
        [('parity', 'stacked', 1), ('parity', 'dense', 1, 'inputs 3')]
        """
        return self._grid()[1]

    def best(self, family: str) -> TopologyRow | None:
        """The row of ``family`` that trained with the fewest parameters (ties: shallower,
        then stacked).

        Examples
        --------
        XOR at depths 1 and 2: stacked 4 wide (22 parameters), dense 1 wide (11), stacked 2 + 2
        wide (18), dense at depth 2 not trained:

        >>> def row(topology, depth, width):
        ...     hidden = None if width is None else width * depth
        ...     trained = TrainedFunctionSize("relu", depth, hidden, width, 4, 4, (0.51, 1.0), 0.1)
        ...     return TopologyRow("parity", topology, depth, trained, 2)
        >>> res = TopologyResult(HardnessConfig(inputs=2, families=("parity",)), (1, 2),
        ...                      [row("stacked", 1, 4), row("dense", 1, 1), row("stacked", 2, 2),
        ...                       row("dense", 2, None)], 0.0)
        >>> [r.parameters for r in res.rows]
        [22, 11, 18, None]
        >>> best = res.best("parity")
        >>> best.topology, best.depth, best.parameters
        ('dense', 1, 11)
        >>> print(res.best("majority"))   # no row of that family
        None
        """
        rows = [r for r in self.rows if r.family == family and r.parameters is not None]
        if not rows:
            return None
        return min(rows, key=lambda r: (r.parameters, r.depth, TOPOLOGIES.index(r.topology)))

    def to_dict(self) -> dict:
        """JSON-ready dict (``format: memcap.hardness-topology/2``).

        Examples
        --------
        The saved config leaves out ``depth``, which the study's ``depths`` replace:

        >>> d = TopologyResult(HardnessConfig(inputs=2), (1, 2), [], 0.0).to_dict()
        >>> d["format"], d["depths"], "depth" in d["config"]
        ('memcap.hardness-topology/2', [1, 2], False)
        """
        return {"format": study_format("hardness-topology"),
                "config": self.config.to_dict(unread=TOPOLOGY_UNREAD),
                "depths": list(self.depths), "rows": [r.to_dict() for r in self.rows],
                "wall_s": self.wall_s}

    @classmethod
    def from_dict(cls, d: dict) -> TopologyResult:
        """Inverse of :meth:`to_dict` (reads /1 and /2).

        Examples
        --------
        >>> t = TrainedFunctionSize("relu", 1, 1, 1, 4, 4, (0.51, 1.0), 0.1)
        >>> r = TopologyResult(HardnessConfig(inputs=2, families=("parity",)), (1,),
        ...                    [TopologyRow("parity", "dense", 1, t, 2)], 3.0)
        >>> back = TopologyResult.from_dict(r.to_dict())
        >>> back == r, back.depths
        (True, (1,))
        """
        check_study_format(d, "hardness-topology")
        return cls(HardnessConfig.from_dict(d["config"]), tuple(d["depths"]),
                   [TopologyRow.from_dict(r) for r in d["rows"]], d["wall_s"])

    def to_frame(self):
        """One row per family × topology × depth (``diverged``: see
        :class:`~empirical.hardness.result.TrainedFunctionSize`).

        Examples
        --------
        The rows of :meth:`best`'s example, in measured order; a size not reached is a blank
        (``<NA>``) in the integer columns:

        >>> def row(topology, depth, width):
        ...     hidden = None if width is None else width * depth
        ...     trained = TrainedFunctionSize("relu", depth, hidden, width, 4, 4, (0.51, 1.0), 0.1)
        ...     return TopologyRow("parity", topology, depth, trained, 2)
        >>> res = TopologyResult(HardnessConfig(inputs=2, families=("parity",)), (1, 2),
        ...                      [row("stacked", 1, 4), row("dense", 1, 1), row("stacked", 2, 2),
        ...                       row("dense", 2, None)], 0.0)
        >>> frame = res.to_frame()
        >>> frame.shape
        (4, 12)
        >>> print(frame[["topology", "depth", "width", "parameters"]].to_string(index=False))
        topology  depth  width  parameters
         stacked      1      4          22
           dense      1      1          11
         stacked      2      2          18
           dense      2   <NA>        <NA>
        """
        import pandas as pd

        frame = pd.DataFrame([{"family": r.family, "topology": r.topology, "depth": r.depth,
                               "width": r.trained.width, "hidden": r.trained.hidden,
                               "parameters": r.parameters, "successes": r.trained.successes,
                               "trials": r.trained.trials, "lo": r.trained.interval[0],
                               "hi": r.trained.interval[1], "best_lr": r.trained.best_lr,
                               "diverged": r.trained.diverged}
                              for r in self.rows])
        return integer_counts(frame, ("depth", "width", "hidden", "parameters", "successes",
                                      "trials"))


def measure_topology(job: tuple) -> TopologyRow:
    """Executor worker: one (item, depth, topology) cell of the topology study, its search run
    here, in-process; ``job`` is ``(item, depth, topology, config)``.

    Parameters
    ----------
    job : tuple
        ``(item, depth, topology, config)``: the
        :class:`~empirical.hardness.compute.HardnessItem` (its label names the row), the
        hidden layers (int, replacing ``config.depth``), ``"stacked"`` or ``"dense"`` (see
        :data:`TOPOLOGIES`; any other value trains stacked) and the study's
        :class:`~empirical.hardness.result.HardnessConfig`.

    Returns
    -------
    TopologyRow
        The cell's trained ReLU size (:func:`~empirical.hardness.compute.trained_size`: the
        linear probe, then the width search; hidden None when nothing up to
        ``config.max_width`` trained), measured for ``config.inputs``.

    Examples
    --------
    >>> cfg = HardnessConfig(inputs=2, families=("parity",), trials=2, steps=400, lrs=(0.1,))
    >>> measure_topology((items_for(cfg)[0], 1, "dense", cfg)).trained.width
    1
    """
    item, depth, topology, config = job
    options = search_options(dataclasses.replace(config, depth=depth), "relu")
    worker = dense_train_task if topology == "dense" else relu_train_task
    return TopologyRow(item.label, topology, depth, trained_size(item.target, options, worker),
                       config.inputs)


def run_topology(config: HardnessConfig, depths=(1, 2, 3),
                 progress: Callable[[int, int], None] | None = None,
                 executor=None) -> TopologyResult:
    """Measure every family of ``config`` (every NPN class for ``npn``) in both topologies at
    every depth. ``executor`` (default in-process) runs the cells (:func:`measure_topology`),
    each whole in one worker, so the rows do not depend on it.

    Parameters
    ----------
    config : HardnessConfig
        The study's settings; a study with no function is refused.
    depths : iterable of int, optional
        Hidden layers, each >= 1; sorted, repeats dropped (default ``(1, 2, 3)``).
    progress : callable or None, optional
        Passed to the executor's ``map`` (``(done, total)`` in cells); None: no reports.
    executor : Executor or None, optional
        See above.

    Returns
    -------
    TopologyResult
        The rows of every cell and the wall time.

    Examples
    --------
    >>> cfg = HardnessConfig(inputs=2, families=("parity",), trials=2, steps=400, lrs=(0.1,))
    >>> res = run_topology(cfg, depths=(1,))
    >>> [(r.topology, r.trained.width) for r in res.rows]   # XOR: dense needs one unit
    [('stacked', 4), ('dense', 1)]
    """
    # '12' ran depths 1 and 2, 2.5 depth 2 (2026-12-05 review)
    depths = tuple(sorted({int(d) for d in integer_list(depths, "--depths", "integers >= 1")}))
    if not depths or depths[0] < 1:
        raise UsageError(f"--depths must be integers >= 1, got {depths!r}")
    items = items_for(config)
    if not items:
        raise UsageError("no function to study (inner-product needs an even M); give e.g. "
                         "--families parity,random,majority")
    jobs = [(item, depth, topology, config) for item in items for depth in depths
            for topology in TOPOLOGIES]
    t0 = time.perf_counter()
    rows = (executor or InProcessExecutor()).map(measure_topology, jobs,
                                                 progress=progress or False)
    return TopologyResult(config, depths, rows, time.perf_counter() - t0)
