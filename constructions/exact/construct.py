"""``memcap construct --method exact``: one function's minimal network, its certificate, output.

Examples
--------
>>> from constructions.boolean import BooleanFunction
>>> s = exact_summary(BooleanFunction.from_strings("0110"), "layered", 30.0)
>>> s["certificate"]["exact"], s["sizes"]["neurons"], s["verification"]["ok"]
(True, 3, True)
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import typer

from capacity.errors import UsageError
from constructions.boolean import BooleanFunction
from constructions.export import save_outputs

__all__ = ["exact_summary", "run_exact"]


def exact_summary(function: BooleanFunction, arch: str, time_limit: float,
                  workers: int = 2) -> dict:
    """Run :func:`~constructions.exact.search.exact_minimum` and verify its network exactly;
    return the ``construct`` summary with a ``certificate`` entry (the network under
    ``"network"``, not JSON).

    Examples
    --------
    >>> s = exact_summary(BooleanFunction.from_strings("0001"), "any-depth", 10.0)
    >>> s["method"], s["certificate"]["lower_bound"], s["certificate"]["upper_bound"]
    ('exact:any-depth:linear', 1, 1)
    """
    from constructions.exact.search import exact_minimum
    from constructions.verify import verify

    t0 = time.perf_counter()
    result = exact_minimum(function, arch, time_limit=time_limit, workers=workers)
    build_seconds = time.perf_counter() - t0
    net = result.network
    check = verify(net, function, force=True)
    return {
        "function": function.name, "inputs": function.inputs, "outputs": function.outputs,
        "method": net.method, "units_per_layer": [layer.units for layer in net.layers],
        "sizes": net.sizes().as_dict(), "build_seconds": build_seconds,
        "verification": check.to_dict(), "certificate": result.certificate(),
        "network_file": None, "drawing": None, "network": net,
    }


def _print(summary: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    s, v, c = summary["sizes"], summary["verification"], summary["certificate"]
    m = summary["inputs"]
    table = Table(title="memcap construct --method exact", title_justify="left",
                  show_header=False)
    table.add_column("", style="bold")
    table.add_column("")
    if c["exact"]:
        verdict = f"EXACT minimum: {c['neurons']} neurons ({c['hidden']} hidden)"
    else:
        verdict = (f"BRACKET: {c['lower_bound']} <= minimum <= {c['upper_bound']} "
                   "(time limit reached; not a guess)")
    proofs = "; ".join(f"{p['neurons']} impossible ({p['by']}, {p['seconds']:.2f} s)"
                       for p in c["impossible"]) or "none needed (N outputs need N neurons)"
    rows = [
        ("function", f"{summary['function']} (M={m}, N={summary['outputs']})"),
        ("architecture", c["arch"]), ("result", verdict), ("lower-bound proofs", proofs),
        ("method", summary["method"]),
        ("units per layer", " / ".join(map(str, summary["units_per_layer"]))),
        ("neurons", f"{s['neurons']} ({s['hidden']} hidden + {summary['outputs']} output)"),
        ("edges", str(s["edges"])), ("largest |weight|", str(s["max_abs_weight"])),
        ("verification", ("OK " if v["ok"] else "FAILED ") + f"on all 2^{m} inputs"),
        ("time", f"search {summary['build_seconds']:.2f} s"),
    ]
    for key in ("network_file", "drawing"):
        if summary.get(key):
            rows.append((key.replace("_", " "), summary[key]))
    for k, val in rows:
        table.add_row(k, val)
    Console().print(table)


def run_exact(function: BooleanFunction, arch: str, time_limit: float, json_out: Path | None,
              draw_out: Path | None, print_json: bool) -> None:
    """The ``construct --method exact`` command body: search, verify, save, print.

    Examples
    --------
    >>> run_exact(BooleanFunction.from_strings("0110"), "any-depth", 10.0, None, None, True)
    ... # doctest: +ELLIPSIS
    {...
      "exact": true,...
    """
    from constructions.exact.solver import check_arch

    arch = check_arch(arch)
    if not (math.isfinite(time_limit) and time_limit > 0):
        raise UsageError(f"--time-limit must be a positive number of seconds, got {time_limit}")
    summary = exact_summary(function, arch, time_limit)
    net = summary.pop("network")
    if summary["verification"]["ok"]:
        summary.update(save_outputs(net, draw_out, json_out))
    if print_json:
        typer.echo(json.dumps(summary, indent=2))
    else:
        _print(summary)
    if not summary["verification"]["ok"]:  # pragma: no cover - exact_minimum verifies already
        raise typer.Exit(1)
