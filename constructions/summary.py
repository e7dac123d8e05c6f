"""The ``memcap construct`` summary: one dict and one table for every method (the builders'
networks and ``--method exact``, which adds its certificate).

Examples
--------
>>> from constructions.boolean import BooleanFunction
>>> from constructions.builders import build
>>> from constructions.verify import verify
>>> f = BooleanFunction.from_strings("0110")
>>> net = build(f, "lookup")
>>> s = construct_summary(f, net, 0.01, verify(net, f))
>>> s["method"], s["sizes"]["neurons"], s["verification"]["ok"]
('lookup', 3, True)
>>> [k for k, _ in summary_rows(s)][:3]
['function', 'method', 'units per layer']
"""

from __future__ import annotations

from capacity.bigint_text import brief_int, decimal_digits
from constructions.boolean import BooleanFunction
from constructions.network import SignNetwork
from constructions.verify import VerificationResult

__all__ = ["construct_summary", "print_summary", "summary_rows"]


def construct_summary(function: BooleanFunction, net: SignNetwork, build_seconds: float,
                      verification: VerificationResult) -> dict:
    """The summary ``memcap construct --print-json`` prints: the function, the network's
    method, layers and sizes, the build time and the verification; ``network_file`` and
    ``drawing`` are None until :func:`~constructions.export.save_outputs` fills them.

    Parameters
    ----------
    function : BooleanFunction
        The target.
    net : SignNetwork
        The network built.
    build_seconds : float
        Time the build took.
    verification : VerificationResult
        The network's verification.

    Returns
    -------
    dict
        The summary.

    Examples
    --------
    >>> from constructions.builders import build
    >>> from constructions.verify import verify
    >>> f = BooleanFunction.from_strings("0001")
    >>> net = build(f, "linear")
    >>> sorted(construct_summary(f, net, 0.0, verify(net, f)))[:4]
    ['build_seconds', 'drawing', 'function', 'inputs']
    """
    return {
        "function": function.name, "inputs": function.inputs, "outputs": function.outputs,
        "method": net.method, "units_per_layer": [layer.units for layer in net.layers],
        "sizes": net.sizes().as_dict(), "build_seconds": build_seconds,
        "verification": verification.to_dict(), "network_file": None, "drawing": None,
    }


def summary_rows(summary: dict, build_word: str = "build") -> list[tuple[str, str]]:
    """The table rows of a :func:`construct_summary` (label, text): function, method, layers,
    sizes, verification, time (``build_word`` names the build phase: ``search`` for the exact
    method), and the files written.

    Parameters
    ----------
    summary : dict
        A :func:`construct_summary` (with its ``sizes`` and ``verification`` entries).
    build_word : str, default "build"
        Word naming the build phase in the ``time`` row.

    Returns
    -------
    list of tuple of (str, str)
        The rows.

    Examples
    --------
    >>> s = {"function": "f", "inputs": 2, "outputs": 1, "method": "lookup",
    ...      "units_per_layer": [2, 1], "build_seconds": 0.0, "network_file": None,
    ...      "drawing": None, "sizes": {"neurons": 3, "hidden": 2, "edges": 7,
    ...      "parameters": 9, "depth": 2, "max_abs_weight": 1},
    ...      "verification": {"ok": True, "exhaustive": True, "checked": 4, "seconds": 0.0}}
    >>> dict(summary_rows(s))["verification"]
    'OK verified on all 2^2 = 4 inputs'
    >>> s["sizes"]["max_abs_weight"] = 2 ** 512
    >>> dict(summary_rows(s))["largest |weight|"]
    '1340780792… (155 digits), 513 bits'
    """
    s, v = summary["sizes"], summary["verification"]
    m = summary["inputs"]
    seed = "" if v.get("sample_seed") is None else f" (--sample-seed {v['sample_seed']})"
    checked = (f"verified on all 2^{m} = {1 << m:,} inputs" if v["exhaustive"]
               else f"sampled: {v['checked']:,} of 2^{m} inputs{seed}")
    rows = [
        ("function", f"{summary['function']} (M={m}, N={summary['outputs']})"),
        ("method", summary["method"]),
        ("units per layer", " / ".join(map(str, summary["units_per_layer"]))),
        ("neurons", f"{s['neurons']:,} ({s['hidden']:,} hidden + {summary['outputs']} output)"),
        ("edges", f"{s['edges']:,}"), ("parameters", f"{s['parameters']:,}"),
        ("depth", str(s["depth"])), ("largest |weight|", _weight_text(s["max_abs_weight"])),
        ("verification", ("OK " + checked) if v["ok"] else  # not "FAILED verified on …"
         f"FAILED: checked on all 2^{m} = {1 << m:,} inputs" if v["exhaustive"] else
         f"FAILED: checked {v['checked']:,} sampled of 2^{m} inputs{seed}"),
        ("time", f"{build_word} {summary['build_seconds']:.3f} s, verify {v['seconds']:.3f} s"),
    ]
    if summary.get("network_file"):
        rows.append(("network file", summary["network_file"]))
    if summary.get("drawing"):
        rows.append(("drawing", summary["drawing"]))
    return rows


def print_summary(title: str, rows: list[tuple[str, str]]) -> None:
    """Print ``rows`` as the two-column rich table ``memcap construct`` shows.

    Parameters
    ----------
    title : str
        The table's title.
    rows : list of tuple of (str, str)
        ``(label, text)`` pairs, printed as plain text (rich markup escaped).

    Examples
    --------
    >>> print_summary("demo", [("neurons", "3")])  # doctest: +NORMALIZE_WHITESPACE
    demo
    ┌─────────┬───┐
    │ neurons │ 3 │
    └─────────┴───┘
    """
    from rich.markup import escape
    from rich.table import Table

    from capacity.terminal import print_table

    table = Table(title=title, title_justify="left", show_header=False)
    table.add_column("", style="bold")
    table.add_column("")
    for label, text in rows:  # file names are the user's text, not markup ("[/]" crashed)
        table.add_row(escape(label), escape(text))
    print_table(table)


def _weight_text(weight: int) -> str:
    """The largest |weight| for the table: whole up to 30 digits, else its first digits, its
    digit count and its bits (hall at M = 20, N = 512 printed 155 digits in the cell; the JSON
    keeps every digit)."""
    text = brief_int(weight)
    return text if decimal_digits(weight) <= 30 else f"{text}, {weight.bit_length()} bits"
