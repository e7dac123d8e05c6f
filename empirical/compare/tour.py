"""``memcap tour``: a two-minute end-to-end run of the three answers, into ``./memcap-out``.

1. **bounds**: the proven lower bounds for M = 1..7 (``memcap bounds``);
2. **constructions**: lookup, dnf, depth3 and auto built on random maps for M = 2..7, each verified
   exactly on every input; one network (M = 6) saved as JSON (``memcap verify`` re-checks it);
3. **training**: a small ``memcap compare`` for M = 2..7 (one and two hidden layers), the depth
   comparison at equal parameters for M = 6 and the random-label view for two n;
4. **hardness**: a short ``memcap hardness`` — every NPN class of M = 3, the smallest ReLU MLP
   gradient descent trains against the exact minimum (docs/hardness.md has the full study);
5. **figures** and ``summary.md``: what the numbers say about the seed question.

``--quick`` shrinks every budget (M = 1..3, a few hundred steps) for tests and smoke runs.

Examples
--------
>>> tour_config(quick=True).inputs
(1, 2, 3)
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from capacity.answer import answer_rows
from capacity.atomic_files import atomic_write_text, check_out_folder, write_folder
from constructions.builders import build
from constructions.families import make_function
from constructions.verify import verify
from empirical.compare.compute import run_compare
from empirical.compare.config import CompareConfig
from empirical.compare.report import (
    command_line,
    compare_frame,
    compare_json,
    compare_markdown,
    exact_cell,
    plot_compare,
    trained_cell,
)
from empirical.compare.result import CompareResult
from empirical.compare.rows import CONSTRUCTION_METHODS
from empirical.hardness.compute import run_hardness
from empirical.hardness.report import hardness_lines
from empirical.hardness.result import HardnessConfig, HardnessResult

__all__ = ["hardness_config", "run_tour", "summary_markdown", "tour_config"]


_BOUND_MAX = 7


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


def hardness_config(quick: bool = False) -> HardnessConfig:
    """The tour's short hardness study: every NPN class of M = 3 (M = 2 with ``quick``), ReLU
    only, a small budget (about 10 s on the 2-core box).

    Examples
    --------
    >>> hardness_config().inputs, hardness_config(quick=True).families
    (3, ('npn',))
    """
    if quick:
        return HardnessConfig(inputs=2, families=("npn",), trials=2, steps=200,
                              lrs=(0.03, 0.1), sign=False)
    return HardnessConfig(inputs=3, families=("npn",), trials=3, steps=1000, sign=False)


def _hardness_section(hardness: HardnessResult) -> list[str]:
    c = hardness.config
    rows = hardness.ranked()
    out = ["## 3. Which maps are hard for gradient descent?", "",
           f"Every NPN class of M = {c.inputs} (`memcap hardness --inputs {c.inputs} --families "
           f"npn --no-sign --trials {c.trials} --steps {c.steps}`): the exact minimal hidden "
           "units of a one-hidden-layer sign network against the smallest ReLU MLP that Adam "
           f"trained on ≥ {c.success_rate:g} of the trials; the gap is their ratio in neurons. "
           "docs/hardness.md has the full study (M = 3, 4, 6, sign units hardened and verified, "
           "recipes, topology).", "",
           "| class | functions | exact hidden | trained hidden | gap |", "|---|---|---|---|---|"]
    for r in rows:
        trained = "not found" if not r.relu.found else f"{r.relu.hidden}"
        gap = "–" if r.gap_neurons is None else f"{r.gap_neurons:.2f}"
        out.append(f"| {r.label[4:]} | {r.functions} | {r.known.layered_hidden} | {trained} "
                   f"| {gap} |")
    return out + [""] + [f"- {line}" for line in hardness_lines(hardness)[1:]] + [""]


def _bounds_table(max_inputs: int) -> list[dict]:
    return answer_rows(max_inputs)


def summary_markdown(result: CompareResult, bounds: list[dict], network: dict,
                     wall_s: float, hardness: HardnessResult | None = None) -> str:
    """``summary.md``: the question, the three answers side by side, which maps are hard for
    gradient descent (``hardness``, when given), and what they mean.

    Examples
    --------
    >>> from empirical.compare.compute import run_compare
    >>> from empirical.compare.config import CompareConfig
    >>> res = run_compare(CompareConfig(inputs=(1, 2), samples=1, train=False))
    >>> md = summary_markdown(res, _bounds_table(2), {"file": "x.json", "method": "auto",
    ...                        "M": 2, "neurons": 3, "verified": True}, 1.0)
    >>> md.splitlines()[0]
    '# memcap tour: how many neurons does it take to memorise an arbitrary map?'
    """
    rows = result.rows
    fams = sorted({f for r in rows for f in r.trained})
    out = ["# memcap tour: how many neurons does it take to memorise an arbitrary map?", "",
           "The seed question: with M binary inputs and N binary outputs, what is the minimum "
           "number of neurons that can realise *any* map {±1}^M → {±1}^N — and which topologies "
           "does gradient descent find easier? memcap answers three ways: **proven lower "
           "bounds** (no network smaller can realise every map), **verified constructions** "
           "(explicit integer sign networks, checked on every input) and **measured trained "
           "sizes** (the smallest ReLU MLP that gradient descent trained to 100 % accuracy, "
           "with a success rate and its Wilson interval).", "",
           f"This tour took {wall_s:.0f} s. Everything below was regenerated by `memcap tour`; "
           f"the trained part is `{command_line(result.config)}` with a small budget — run "
           "`memcap compare --inputs 1..10` for the full table (docs/results.md).", "",
           "## 1. Proven lower bounds (N = 1)", "",
           "| M | ≥ neurons, any depth | ≥ neurons, one hidden layer | ≥ parameters, one graph for "
           "all maps (Thm 20.6) | ≥ parameters, a graph per map (counting) |",
           "|---|---|---|---|---|"]
    for b in bounds:
        out.append(f"| {b['M']} | {b['neurons, any depth (lower, counting)']} | "
                   f"{b['neurons, 1 hidden layer (lower, counting)']} | "
                   f"{b['parameters, any depth (lower, Thm 20.6)']} | "
                   f"{b['parameters, any depth, per-map graph (lower, counting)']} |")
    out += ["", "## 2. Three answers side by side", "",
            "Sign-network sizes in neurons (hidden + 1 output; constructions: median over "
            f"{result.config.samples} random maps, all verified). GD columns: hidden units "
            "of the smallest trained ReLU MLP that reached the success rate, the failing size "
            "below it (✗), successes/trials [95 % Wilson], winning lr.", "",
            "| M | ≥ any depth | ≥ 1 hidden | exact (any / 1 hidden) | "
            + " | ".join(CONSTRUCTION_METHODS) + " | "
            + " | ".join(f"GD {f[5:]} hidden layer(s)" for f in fams) + " |",
            "|" + "---|" * (4 + len(CONSTRUCTION_METHODS) + len(fams))]
    for r in rows:
        c = r.constructions
        out.append(f"| {r.M} | {r.lower['counting.any-depth']} | "
                   f"{r.lower['counting.one-hidden-layer']} | {exact_cell(r.lower)} | "
                   + " | ".join(str(c[m].neurons.median) for m in CONSTRUCTION_METHODS)
                   + "".join(f" | {trained_cell(r.trained[f])}" if f in r.trained
                             else " | —" for f in fams) + " |")
    out += ["", "![neurons](compare-neurons.png)", "", "![parameters](compare-parameters.png)",
            ""]
    if hardness is not None:
        out += _hardness_section(hardness)
    out += ["## 3. What the numbers say" if hardness is None else "## 4. What the numbers say",
            ""]
    out += [f"- {f}" for f in result.findings]
    out += ["- **Reading them.** The lower bounds are worst-case theorems about sign networks "
            "with any real weights; the constructions are upper bounds by example (integer sign "
            "networks, verified). The trained sizes are measurements of one training recipe "
            "(Adam, a step budget, an lr grid) on ReLU networks, a different and per-neuron "
            "stronger class with a softmax head: a trained net smaller than a construction is "
            "no contradiction, and a better recipe can only shrink it. Between the proven lower "
            "bound and the smallest network found lies the open part of the question.",
            f"- **A verified network.** `{network['file']}`: the {network['method']} network "
            f"for a random map with M = {network['M']} ({network['neurons']} neurons), verified "
            f"on all {2 ** network['M']} inputs: {network['verified']}. Re-check it with "
            f"`memcap verify {network.get('out', '.')}/{network['file']}`.", "",
            "Files: compare.md (all tables), compare.json, compare.csv, the figures, "
            "networks/" + (", hardness.json" if hardness is not None else "") + ".", ""]
    return "\n".join(out)


def run_tour(out: str | Path = "memcap-out", overwrite: bool = False, quick: bool = False,
             progress=None) -> dict:
    """Run the tour into ``out`` (atomically); return the summary data.

    A full run trains (about a minute; ``quick`` about 15 s), so its example is a test
    (tests/empirical/test_tour.py). The folder is checked before any work:

    Examples
    --------
    >>> import tempfile, pathlib
    >>> busy = pathlib.Path(tempfile.mkdtemp()); _ = (busy / "notes.txt").write_text("mine")
    >>> run_tour(busy, quick=True)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: output folder '...' is not empty; pass --overwrite to replace it ...
    """
    check_out_folder(out, overwrite)
    t0 = time.perf_counter()
    cfg = tour_config(quick)
    bounds = _bounds_table(3 if quick else _BOUND_MAX)
    m_net = 3 if quick else 6
    function = make_function("random", m_net, seed=cfg.seed)
    net = build(function, "auto")
    ok = verify(net, function).ok
    result = run_compare(cfg, None, progress)
    hardness = run_hardness(hardness_config(quick))
    wall = time.perf_counter() - t0
    name = f"networks/auto-random-M{m_net}.json"
    network = {"file": name, "method": net.method, "M": m_net, "neurons": net.sizes().neurons,
               "verified": ok, "out": str(out)}

    def writer(tmp: Path) -> None:
        (tmp / "networks").mkdir()
        net.save(tmp / name)
        atomic_write_text(tmp / "compare.json", compare_json(result))
        atomic_write_text(tmp / "compare.csv", compare_frame(result).to_csv(index=False))
        figures = [p.name for p in plot_compare(result, tmp)]
        atomic_write_text(tmp / "compare.md", compare_markdown(result, ""))
        atomic_write_text(tmp / "hardness.json", json.dumps(hardness.to_dict(), indent=2) + "\n")
        atomic_write_text(tmp / "summary.md", summary_markdown(result, bounds, network, wall,
                                                               hardness))
        network["figures"] = figures

    folder = write_folder(out, writer, overwrite)
    data = result.to_dict()  # the JSON-ready parts the tour reports
    return {"out": str(folder), "wall_s": time.perf_counter() - t0, "quick": quick,
            "bounds": bounds, "network": network, "findings": data["findings"],
            "rows": data["rows"], "depth_comparison": data["depth_comparison"],
            "random_labels": data["random_labels"], "violations": data["violations"],
            "timing": data["timing"], "hardness": hardness_lines(hardness)}
