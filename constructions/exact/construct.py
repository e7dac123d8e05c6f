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
from capacity.options import warn
from constructions.boolean import BooleanFunction
from constructions.export import MAX_DRAW_UNITS, save_outputs
from constructions.summary import construct_summary, print_summary, summary_rows

__all__ = ["exact_summary", "run_exact"]


def exact_summary(function: BooleanFunction, arch: str, time_limit: float,
                  workers: int = 2, progress=None, cut_progress=None,
                  shipped: bool = True) -> dict:
    """Run :func:`~constructions.exact.search.exact_minimum` and verify its network exactly;
    return the ``construct`` summary with a ``certificate`` entry (the network under
    ``"network"``, not JSON).

    Parameters
    ----------
    function : BooleanFunction
        The target.
    arch : {"any-depth", "layered"}
        Architecture searched.
    time_limit : float
        Seconds for the whole search; past it the result is a bracket.
    workers : int, default 2
        CP-SAT search strategies, interleaved on one thread (``interleave_search``): a
        deterministic search, so the same map gives the same network whenever the search ends
        within its time limit (two racing workers saved different networks of one minimum,
        2026-12-05 review).
    progress, cut_progress : callable, optional
        Passed to :func:`~constructions.exact.search.exact_minimum`.
    shipped : bool, default True
        Start from the bounds memcap has proved (False: prove every size anew); passed to
        :func:`~constructions.exact.search.exact_minimum`.

    Returns
    -------
    dict
        The :func:`~constructions.summary.construct_summary` entries plus ``"certificate"`` and
        ``"network"``.

    Examples
    --------
    >>> s = exact_summary(BooleanFunction.from_strings("0001"), "any-depth", 10.0)
    >>> s["method"], s["certificate"]["lower_bound"], s["certificate"]["upper_bound"]
    ('exact:any-depth:linear', 1, 1)
    """
    from constructions.exact.search import exact_minimum
    from constructions.verify import verify

    t0 = time.perf_counter()
    result = exact_minimum(function, arch, time_limit=time_limit, workers=workers,
                           progress=progress, cut_progress=cut_progress, shipped=shipped)
    build_seconds = time.perf_counter() - t0
    net = result.network
    check = verify(net, function, force=True)
    return {**construct_summary(function, net, build_seconds, check),
            "certificate": result.certificate(), "network": net}


def _print(summary: dict) -> None:
    """The construct table with the certificate's verdict and proofs after the function row."""
    c = summary["certificate"]
    if c["exact"]:
        unit = "neuron" if c["neurons"] == 1 else "neurons"
        verdict = f"EXACT minimum: {c['neurons']} {unit} ({c['hidden']} hidden)"
        if summary["outputs"] > 1:
            verdict += " among networks in which no unit reads an output"
    else:
        verdict = (f"BRACKET: {c['lower_bound']} <= minimum <= {c['upper_bound']} "
                   "(time limit reached; not a guess)")
    proofs = "; ".join(f"{p['neurons']} impossible ({p['by']}, {p['seconds']:.2f} s)"
                       for p in c["impossible"]) or "none needed (N outputs need N neurons)"
    rows = summary_rows(summary, build_word="search")
    rows[1:1] = [("architecture", c["arch"]), ("result", verdict),
                 ("lower-bound proofs", proofs)]
    print_summary("memcap construct --method exact", rows)


def run_exact(function: BooleanFunction, arch: str, time_limit: float, json_out: Path | None,
              draw_out: Path | None, print_json: bool, from_scratch: bool = False) -> None:
    """The ``construct --method exact`` command body: search, verify, save, print.

    Parameters
    ----------
    function : BooleanFunction
        The target.
    arch : str
        ``"any-depth"`` or ``"layered"`` (normalised by ``check_arch``; else ``UsageError``).
    time_limit : float
        Seconds for the search; must be finite and positive (else ``UsageError``).
    json_out : pathlib.Path or None
        Where to write the network as JSON (only when it verifies); None writes nothing.
    draw_out : pathlib.Path or None
        Where to draw the network (only when it verifies); None draws nothing.
    print_json : bool
        Print the summary as JSON; False prints the rich table.
    from_scratch : bool, default False
        Prove every impossible size anew instead of starting from the shipped bounds
        (``--from-scratch``).

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
    from capacity.terminal import progress_bar

    with progress_bar() as bar:  # a search runs up to --time-limit: say what it does meanwhile
        task = bar.add_task("exact: starting construction", total=None)

        def progress(lower: int, upper: int, k: int) -> None:
            bar.update(task, description=f"exact: minimum in [{lower}, {upper}], trying {k} "
                                         f"neuron(s)")

        def cut_progress(k: int, proposals: int, cuts: int) -> None:  # minutes at M = 5, 6:
            # the line stayed on "trying k neuron(s)" (2026-12-05 review)
            bar.update(task, description=f"exact: refuting {k} neuron(s) by cuts: "
                                         f"{proposals} proposals, {cuts} cuts")

        summary = exact_summary(function, arch, time_limit, progress=progress,
                                cut_progress=cut_progress, shipped=not from_scratch)
    net = summary.pop("network")
    if summary["verification"]["ok"]:
        units = net.values - net.inputs
        if draw_out is not None and units > MAX_DRAW_UNITS:
            # known only now: a refusal here threw away the search (up to --time-limit) and
            # the --save file with it (2026-12-05 review); the result stands, the figure not
            saved = f"; the network is saved in {json_out}" if json_out is not None else ""
            warn(f"memcap: warning: --draw: the network found has {units} units, above the "
                 f"drawing limit {MAX_DRAW_UNITS}, so it is not drawn{saved}")
            draw_out = None
        summary.update(save_outputs(net, draw_out, json_out))
    if print_json:
        typer.echo(json.dumps(summary, indent=2))
    else:
        _print(summary)
    if not summary["verification"]["ok"]:  # pragma: no cover - exact_minimum verifies already
        raise typer.Exit(1)
