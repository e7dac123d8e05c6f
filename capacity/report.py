"""Rendering bounds: rich tables, Markdown, LaTeX, JSON records, explain text, and the plot.

Examples
--------
>>> from capacity.evaluate import evaluate_bound
>>> from capacity.registry import get_bound
>>> rec = bound_record(evaluate_bound(get_bound("construction.lookup"), {"M": 3, "N": 1}))
>>> rec["value"], rec["status"]
('9', 'derived')
"""

from __future__ import annotations

from fractions import Fraction

from capacity.bigint_text import int_text
from capacity.bound import Bound
from capacity.evaluate import Evaluation, exact_text, format_number
from capacity.figures import save_figure

__all__ = [
    "HEADER", "STATUS_FLAGS", "bound_cells", "bound_record", "explain_text", "list_markdown",
    "plot_answer", "rows_latex", "rows_markdown",
    "sort_key",
]

#: The tag appended to a bound's reference for each confirmation status.
STATUS_FLAGS = {"confirmed": "", "secondary": " [secondary]", "partial": " [partial]",
                "derived": " [derived]", "unconfirmed": " [UNCONFIRMED]",
                "anchor": " [empirical anchor]"}


def sort_key(ev: Evaluation) -> tuple:
    """Group by target, quantity, architecture; lower before exact before upper.

    Parameters
    ----------
    ev : Evaluation
        An evaluated bound; only its bound's ``target``, ``quantity``, ``architecture`` and
        ``direction`` are read (the key is ``(target, quantity, architecture, 0/1/2)`` for
        lower/exact/upper). Bounds with equal keys keep their order under a stable sort.

    Examples
    --------
    >>> from capacity.evaluate import evaluate_bound
    >>> from capacity.registry import get_bound
    >>> ids = ["construction.lookup", "construction.depth3", "counting.one-hidden-layer"]
    >>> evs = [evaluate_bound(get_bound(i), {"M": 4, "N": 1}) for i in ids]
    >>> [ev.bound.id for ev in sorted(evs, key=sort_key)]  # one hidden layer: lower first
    ['construction.depth3', 'counting.one-hidden-layer', 'construction.lookup']
    >>> sort_key(evs[2])[2:]
    ('sign, one hidden layer', 0)
    """
    b = ev.bound
    return (b.target, b.quantity, b.architecture,
            ("lower", "exact", "upper", "anchor").index(b.direction))


def _json_value(x):
    if x is None or isinstance(x, int):
        return x
    if isinstance(x, Fraction):
        return f"{int_text(x.numerator)}/{int_text(x.denominator)}"
    return exact_text(x)  # str(x) wrote e as E (the edges symbol) and raised above 4 300 digits


def bound_record(ev: Evaluation) -> dict:
    """A JSON-ready record: exact value as a string (ints may be huge), rounded int, order, note.

    Parameters
    ----------
    ev : Evaluation
        A bound evaluated at concrete parameters (:func:`~capacity.evaluate.evaluate_bound`).
        Its bound's fields become ``id``, ``quantity``, ``direction``, ``architecture``,
        ``target``, ``formula`` (the formula text), ``kind``, ``reference`` and ``status``;
        ``value`` is the exact value as a string (None without one), ``exact`` the value as a
        JSON number for an int and ``"p/q"`` for a fraction, ``rounded``, ``order`` and
        ``note`` as evaluated.

    Examples
    --------
    >>> import json
    >>> from capacity.evaluate import evaluate_bound
    >>> from capacity.registry import get_bound
    >>> rec = bound_record(evaluate_bound(get_bound("construction.lookup"), {"M": 4, "N": 1}))
    >>> rec["value"], rec["exact"], rec["rounded"], rec["direction"], rec["formula"]
    ('17', 17, 17, 'upper', '2^M + N')
    >>> rec = bound_record(evaluate_bound(get_bound("info.boolean-params.morris-3.6"),
    ...                                   {"M": 4, "N": 1}))
    >>> rec["value"], rec["exact"], rec["rounded"]                # a fraction, rounded up
    ('40/9', '40/9', 5)
    >>> rec = bound_record(evaluate_bound(get_bound("baum1988"), {"M": 5}))
    >>> rec["value"], rec["note"], json.loads(json.dumps(rec)) == rec
    (None, 'needs --points, --d-in', True)
    """
    b = ev.bound
    return {
        "id": b.id, "quantity": b.quantity, "direction": b.direction,
        "architecture": b.architecture, "target": b.target, "formula": b.formula_text,
        "kind": b.kind, "value": None if ev.value is None else format_number(ev.value, 10**6),
        "exact": _json_value(ev.value), "rounded": ev.rounded, "order": ev.order,
        "note": ev.note, "reference": b.reference, "status": b.status,
    }


def bound_cells(ev: Evaluation) -> list[str]:
    """One table row for an evaluated bound: the cells of :data:`HEADER`, in order.

    Examples
    --------
    >>> from capacity.evaluate import evaluate_bound
    >>> from capacity.registry import get_bound
    >>> cells = bound_cells(evaluate_bound(get_bound("counting.any-depth"), {"M": 4, "N": 1}))
    >>> cells[:3], len(cells) == len(HEADER)
    (['counting.any-depth', 'neurons', 'sign, any depth'], True)
    """
    b = ev.bound
    lower = ev.shown if b.direction in ("lower", "exact") else ""
    upper = ev.shown if b.direction in ("upper", "exact") else ""
    if b.direction == "anchor":  # a reference scale bounds nothing: in neither column as such
        lower = f"({ev.shown}: anchor, not a bound)"
    return [b.id, b.quantity, b.architecture, lower, upper, b.formula_text,
            b.reference + STATUS_FLAGS[b.status]]


HEADER = ["id", "quantity", "architecture", "lower", "upper", "formula", "reference"]


def rows_markdown(evs: list[Evaluation]) -> str:
    """A Markdown table of evaluated bounds.

    Examples
    --------
    >>> rows_markdown([]).splitlines()[0]
    '| id | quantity | architecture | lower | upper | formula | reference |'
    """
    from capacity.markdown import markdown_table

    return "\n".join(markdown_table(HEADER, (bound_cells(ev) for ev in evs))) + "\n"


#: LaTeX's special characters in text, each with its escape (braces too: "min_{0≤k≤M-1}" set
#: "min_0≤k≤M-1", its braces read as grouping, 2026-12-05 review).
_TEX_ESCAPES = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "_": r"\_", "#": r"\#",
                "^": r"\^{}", "$": r"\$", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}"}


def _tex(s: str) -> str:
    r"""``s`` as LaTeX text, every special character escaped in one pass.

    Examples
    --------
    >>> print(_tex("min_{0≤k} 2^(M-k) ~ 50% & a\\b"))
    min\_\{0≤k\} 2\^{}(M-k) \textasciitilde{} 50\% \& a\textbackslash{}b
    """
    return "".join(_TEX_ESCAPES.get(c, c) for c in s)


def rows_latex(evs: list[Evaluation]) -> str:
    """A LaTeX tabular of evaluated bounds (text escaped; UTF-8 symbols need xelatex/lualatex).

    Examples
    --------
    >>> rows_latex([]).splitlines()[0]
    '\\\\begin{tabular}{lllllll}'
    """
    lines = [r"\begin{tabular}{lllllll}", r"\hline", " & ".join(HEADER) + r" \\", r"\hline"]
    for ev in evs:
        lines.append(" & ".join(_tex(c) for c in bound_cells(ev)) + r" \\")
    lines += [r"\hline", r"\end{tabular}"]
    return "\n".join(lines) + "\n"


def explain_text(b: Bound) -> str:
    """Statement, hypotheses, formula, derivation sketch, reference and status of one bound.

    Examples
    --------
    >>> from capacity.registry import get_bound
    >>> "Claim 20.1" in explain_text(get_bound("construction.lookup"))
    True
    """
    status = b.status + ("" if b.status == "confirmed" else
                         {"secondary": " (read in a secondary source, not the original)",
                          "partial": " (qualitative claim confirmed; constants/conditions not)",
                          "derived": " (memcap's own derivation from confirmed ingredients)",
                          "unconfirmed": " (NOT confirmed against its source)",
                          "anchor": " (empirical figure, not a theorem)"}[b.status])
    parts = [
        f"{b.id}: {bound_kind(b)}",
        f"  architecture: {b.architecture}",
        f"  target:       {b.target}",
        f"  statement:    {b.statement}",
        f"  formula:      {b.formula_text}" + ("  (order only: never evaluated)"
                                               if b.kind == "order" else ""),
        f"  hypotheses:   {b.hypotheses or '—'}",
        f"  derivation:   {b.sketch or '—'}",
        f"  reference:    {b.reference}",
        f"  status:       {status}",
    ]
    return "\n".join(parts) + "\n"


def bound_kind(b: Bound) -> str:
    """What a bound is, in words: "lower bound on neurons", or for an order registered as
    "exact" (a Θ result, never a number) "tight order (Θ) of hidden units" — "exact bound"
    read as a value it does not have (theory audit, 2026-12-02).

    Examples
    --------
    >>> from capacity.registry import get_bound
    >>> bound_kind(get_bound("construction.lookup"))
    'upper bound on neurons'
    >>> bound_kind(get_bound("yun-sra-jadbabaie2019"))
    'tight order (Θ) of hidden units'
    """
    if b.kind == "order" and b.direction == "exact":
        return f"tight order (Θ) of {b.quantity}"
    if b.kind == "order":
        return f"{b.direction} bound (order only) on {b.quantity}"
    if b.direction == "anchor":
        return f"reference scale (anchor, not a bound) on {b.quantity}"
    return f"{b.direction} bound on {b.quantity}"


def list_markdown(bounds: list[Bound]) -> str:
    """Every bound as a Markdown section (the bulk of docs/capacity.md).

    Examples
    --------
    >>> from capacity.registry import all_bounds
    >>> list_markdown(all_bounds()[:1]).startswith("### `construction.lookup`")
    True
    """
    out = []
    for b in bounds:
        out.append(f"### `{b.id}`\n")
        out.append(f"*{bound_kind(b)}* — {b.architecture}; {b.target}. "
                   f"Status: **{b.status}**.\n")
        out.append(f"- **Statement.** {b.statement}")
        out.append(f"- **Formula.** `{b.formula_text}`"
                   + (" (order only, never evaluated)" if b.kind == "order" else ""))
        out.append(f"- **Hypotheses.** {b.hypotheses or '—'}")
        out.append(f"- **Derivation.** {b.sketch or '—'}")
        out.append(f"- **Reference.** {b.reference}\n")
    return "\n".join(out)


def plot_answer(rows: list[dict], path) -> None:
    """Plot log2 of every answer column against M and write the figure atomically.

    Parameters
    ----------
    rows : list of dict
        Rows as :func:`~capacity.answer.answer_rows` returns them (at least one); columns with
        "neurons" in their name go in the left panel, the others in the right, and empty or
        zero cells are skipped.
    path : str or Path
        The image file, written by :func:`~capacity.figures.save_figure` (format from its
        suffix, PNG without one; its folder must exist).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from capacity.answer import answer_rows
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.png"
    >>> plot_answer(answer_rows(3), p); p.stat().st_size > 0
    True
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def log2(x: int) -> float:
        # exact int -> float via its bit length (no overflow for huge ints)
        shift = max(0, x.bit_length() - 53)
        import math
        return math.log2(x >> shift) + shift

    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    ms = [r["M"] for r in rows]
    colours = plt.get_cmap("tab20").colors  # 14 neuron columns: tab10's cycle repeated colours
    drawn = [0, 0]
    for col in rows[0]:
        if col in ("M", "N"):
            continue
        side = 0 if "neurons" in col else 1
        pts = [(m, log2(r[col])) for m, r in zip(ms, rows, strict=True) if r[col]]
        if not pts:  # the exact minima at N > 1, M > 24's counts: no legend entry without a
            continue  # point (listed with nothing drawn until 2026-12-06)
        # anchors are neither theorems nor bounds (dotted), exact values are no constructions
        # (stars, no line): both were drawn as bounds or constructions (2026-12-05 review)
        kind = ("anchor" if "anchor" in col else "exact" if "(exact" in col else
                "lower" if "lower" in col else "upper")
        style = {"anchor": ":", "exact": "none", "lower": "--", "upper": "-"}[kind]
        axes[side].plot([p[0] for p in pts], [p[1] for p in pts], linestyle=style,
                        marker="*" if kind == "exact" else "o", ms=9 if kind == "exact" else 3,
                        color=colours[drawn[side] % len(colours)], label=col)
        drawn[side] += 1
    outputs = rows[0].get("N", 1)  # the figure never said which N it showed (2026-12-06)
    for ax, title in zip(axes, ("neurons", "parameters"), strict=True):
        ax.set_xlabel("inputs M")
        ax.set_ylabel(f"log2({title})")
        ax.set_title(f"{title} for N = {outputs} output{'s' if outputs != 1 else ''}: lower "
                     "bounds (dashed), constructions (solid),\nexact (stars), anchors (dotted: "
                     "neither bounds nor constructions)", fontsize=9)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    save_figure(fig, path, dpi=120)  # no suffix: PNG
