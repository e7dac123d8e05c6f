"""Typer apps mounted by ``memcap``: ``bounds_app`` (``memcap bounds``) and ``count_app``.

Nothing here imports torch. Bad input raises :class:`~capacity.errors.UsageError`; the ``memcap``
shell prints it as one line on stderr with exit status 2. Work that would take minutes (huge N·2^M,
huge point counts) is refused at once unless ``--force`` (docs/cli.md).

Examples
--------
>>> from typer.testing import CliRunner
>>> CliRunner().invoke(bounds_app, ["--inputs", "3", "--json"]).exit_code
0
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import typer

from capacity.bigint_text import brief_int, decimal_digits
from capacity.errors import UsageError
from capacity.figures import FIGURE_SUFFIXES, check_figure_target
from capacity.options import output_file, refuse_unread_options, renamed_option

__all__ = ["MAX_BITS_WITHOUT_FORCE", "MAX_MARGIN", "MAX_MARGIN_CHARS", "MAX_MARGIN_EXPONENT",
           "bounds_app", "count_app", "exact_margin", "show_int"]

#: Largest N·2^M (bits of a map) that ``memcap bounds`` evaluates without ``--force``: the exact
#: counting searches take about 2 s at 2^28 on the 2-core machine (M = 24, N = 16) and grow with
#: it: 5 s at M = 20, N = 2^20 and 35 s at M = 24, N = 2^16 (2^40 bits; 2026-12-06).
MAX_BITS_WITHOUT_FORCE = 1 << 28

#: Largest size ``memcap bounds`` evaluates (any of its size options): the exact evaluation grows
#: about cubically with the digits (1 000 digits 0.4 s, 3 000 digits 12 s, 2026-12-01;
#: ``--edges`` at 1 000 digits took 7–10 s until the VC cap's search started from an estimate,
#: 0.66 s the whole command since, 2026-12-04).
MAX_SIZE_PARAMETER = 10**1000 - 1

_MAX_DIGITS_SHOWN = 4000


def show_int(value: int) -> str:
    """All digits of ``value`` up to 4000 of them; beyond, its magnitude and exact bit length
    (``--json`` prints every digit).

    Examples
    --------
    >>> show_int(12345)
    '12345'
    >>> len(show_int(10 ** 3999)), show_int(10 ** 4000)[:39]
    (4000, '≈ 1.000e4000 (4001 digits, 13288 bits; ')
    >>> show_int(3 ** 10000)
    '≈ 1.631e4771 (4772 digits, 15850 bits; --json prints them all)'
    """
    if decimal_digits(value) <= _MAX_DIGITS_SHOWN:  # (abbreviated from about 3 914 until
        return str(value)  # 2026-12-07: a bit-length cut of 13 000)
    text = _digits(value)
    return (f"≈ {text[0]}.{text[1:4]}e{len(text) - 1} ({len(text)} digits, "
            f"{value.bit_length()} bits; --json prints them all)")


def _digits(value: int) -> str:
    """Exact decimal digits of any int, in subquadratic time (``str`` of 2^(4·10^6) alone took
    20 s, :mod:`capacity.bigint_text`)."""
    from capacity.bigint_text import int_text

    return int_text(abs(value))


def _check_work(bits: int, force: bool, what: str) -> None:
    if bits > MAX_BITS_WITHOUT_FORCE and not force:  # a 1000-digit N was printed whole
        size = str(bits) if bits.bit_length() <= 64 else f"≈ 2^{math.log2(bits):.1f}"
        raise UsageError(f"{what}: N·2^M = {size} bits is above 2^28, where the exact "
                         "counting searches take seconds to minutes; pass --force to compute "
                         "anyway")

bounds_app = typer.Typer(
    invoke_without_command=True, no_args_is_help=False, add_completion=False,
    help="Symbolic lower and upper bounds, evaluated exactly. `memcap bounds explain ID` for one.",
)
count_app = typer.Typer(add_completion=False, help="Exact counts: threshold functions, Cover, "
                                                   "Sauer.")


def _check_size(name: str, value: int | None) -> None:
    """Refuse a size of more than 1000 digits (3 000 digits took 12 s: the exact evaluation
    grows about cubically), naming its digit count ("over 4000" until 2026-12-04)."""
    if value is not None and value > MAX_SIZE_PARAMETER:
        raise UsageError(f"{name} has {len(_digits(value))} digits, above the 1000 digits "
                         "bounds evaluates; give a smaller size")


def _positive(name: str, value: int | None, least: int = 1) -> None:
    if value is not None and value < least:
        raise UsageError(f"{name} must be >= {least}, got {brief_int(value)}")


def _check_digits(name: str, value: int, bits: int) -> None:
    """Refuse a count whose printed number would have more than MAX_COUNT_BITS bits: 2^P
    itself is printed by cover (1 << 10^30 was an OverflowError, status 70)."""
    from capacity.counting import MAX_COUNT_BITS

    if bits > MAX_COUNT_BITS:
        raise UsageError(f"{name} {brief_int(value)}: the exact integers would have more than "
                         f"300 000 digits (over {MAX_COUNT_BITS} bits), the most memcap counts "
                         "even with --force")


def _check_sum(name: str, value: int, a: int, top: int, force: bool) -> None:
    """Refuse Σ_{k ≤ top} binom(a, k) when its work (terms × bits) takes minutes (without
    ``--force``) or longer than ``--force`` allows; its result's digits too."""
    from capacity import counting

    terms, bits = counting.binomial_sum_size(a, 0, top)
    # the result's bits, not the short side's: a sum past a/2 is 2^a minus it (sauer with
    # --vc one below --sample 10^30 built 2^(10^30): status 70, 2026-12-05 review)
    _check_digits(name, value, counting.binomial_sum_bits(a, 0, top))
    work = terms * bits
    what = (f"{name} {brief_int(value)}: the exact sum takes {terms:,} steps on binomials of up to "
            f"{bits:,} bits")
    if work > counting.SUM_WORK_FORCED:
        raise UsageError(f"{what}, more work than memcap does even with --force (about a minute "
                         "at 5·10^11 term-bits); give a smaller size")
    if work > counting.SUM_WORK_WITHOUT_FORCE and not force:
        raise UsageError(f"{what}: seconds to a minute; pass --force to compute anyway")


def _echo(text: str) -> None:
    typer.echo(text, nl=not text.endswith("\n"))


def _params(inputs, outputs, points, dim, classes, depth, edges, params, units, sample, vc,
            kappa) -> dict:
    from capacity.symbols import SYMBOL_LEAST  # sympy: not at the CLI's import

    for name, v, symbol in (("--inputs", inputs, "M"), ("--outputs", outputs, "N"),
                            ("--points", points, "n"), ("--d-in", dim, "d"),
                            ("--classes", classes, "V"), ("--depth", depth, "L"),
                            ("--edges", edges, "E"), ("--params", params, "W"),
                            ("--units", units, "U"), ("--sample", sample, "m"),
                            ("--vc", vc, "d_VC")):
        _positive(name, v, SYMBOL_LEAST[symbol])
        _check_size(name, v)
    if inputs is not None and inputs > 24:
        raise UsageError(f"--inputs must be at most 24 (got {brief_int(inputs)}); the exact "
                         "searches handle 2^(N·2^M) as bit counts but M > 24 is out of the "
                         "supported range")
    if (points is None) != (dim is None):
        raise UsageError("--points and --d-in go together: give both (e.g. --points 100 "
                         "--d-in 10)")
    if classes is not None and points is None:
        raise UsageError("--classes needs --points and --d-in")
    out = {"M": inputs, "N": outputs, "n": points, "d": dim, "V": classes, "L": depth,
           "E": edges, "W": params, "U": units, "m": sample, "d_VC": vc}
    if kappa is not None:
        out["kappa"] = exact_margin(kappa)
    return {k: v for k, v in out.items() if v is not None}


#: A margin as typed: a decimal (exponent allowed) or a fraction p/q, with a sign (``-0``).
_MARGIN = re.compile(r"[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE](?P<exp>[+-]?\d+))?|\d+/\d+)")

#: Most characters and largest decimal exponent of a margin as typed (``1e1000000000`` would
#: build a billion-digit integer), and the largest margin: sympy took 31 s to evaluate
#: Gardner's α_c at 10^1000 (2 s at 10^300), where α_c ≈ 1/κ² anyway.
MAX_MARGIN_CHARS, MAX_MARGIN_EXPONENT, MAX_MARGIN = 1000, 1000, 10**300


def exact_margin(text: str):
    """The perceptron margin κ exactly as typed, a ``Fraction`` in [0, 10^300] (``--kappa``).

    Until 2026-12-06 ``--kappa`` was read as a float: ``1e-400`` became 0 and Gardner's
    "exact" α_c was κ = 0's, 30 digits were rounded to 17 and ``1e309`` was refused as
    infinite.

    Parameters
    ----------
    text : str
        A decimal (``0.5``, ``1e-3``, ``.25``) or a fraction ``p/q``; at most
        :data:`MAX_MARGIN_CHARS` characters, a decimal exponent within
        ±:data:`MAX_MARGIN_EXPONENT` and a value at most :data:`MAX_MARGIN`.

    Returns
    -------
    fractions.Fraction
        The value, exactly.

    Raises
    ------
    UsageError
        Anything else (a negative or non-finite number, ``1/0``, words).

    Examples
    --------
    >>> exact_margin("0.1"), exact_margin("1e-400") > 0, exact_margin("2/6"), exact_margin("-0")
    (Fraction(1, 10), True, Fraction(1, 3), Fraction(0, 1))
    >>> exact_margin("-1")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --kappa must be >= 0 (a margin), got '-1'
    """
    from fractions import Fraction

    typed = str(text).strip()
    if len(typed) > MAX_MARGIN_CHARS:  # it read "must be a number" (2026-12-06 diff review)
        raise UsageError(f"--kappa has {len(typed)} characters, more than the "
                         f"{MAX_MARGIN_CHARS} memcap reads; write it shorter (1e-400, p/q)")
    match = _MARGIN.fullmatch(typed)
    if match is None:
        raise UsageError(f"--kappa must be a number >= 0 such as 0.5, 1e-3 or 1/3, "
                         f"got {typed[:40]!r}")
    if match["exp"] is not None and abs(int(match["exp"])) > MAX_MARGIN_EXPONENT:
        raise UsageError(f"--kappa: the exponent of {typed[:40]!r} is beyond "
                         f"±{MAX_MARGIN_EXPONENT}; give a margin nearer 1")
    try:
        value = Fraction(typed)
    except ZeroDivisionError:
        raise UsageError(f"--kappa: {typed[:40]!r} divides by zero") from None
    if value < 0:
        raise UsageError(f"--kappa must be >= 0 (a margin), got {typed[:40]!r}")
    if value > MAX_MARGIN:
        raise UsageError(f"--kappa {typed[:40]} is above 10^300, where α_c ≈ 1/κ² anyway; give "
                         "a margin up to 10^300")
    return value


def _notes_last(evs) -> list:
    """``evs`` with the (target, quantity) groups whose every row is a note ("— (proven for M = 5
    ...)") after those with a value, each group's rows kept in order: at M = 3 the M = 5
    certificates' table was the first thing printed (2026-12-03), and until 2026-12-05 it still
    was in ``--markdown``, ``--latex`` and ``--json``, which did not reorder."""
    def group(ev):
        return ev.bound.target, ev.bound.quantity

    all_notes: dict = {}
    for ev in evs:
        all_notes[group(ev)] = all_notes.get(group(ev), True) and ev.note is not None
    return sorted(evs, key=lambda ev: all_notes[group(ev)])


def _print_rich(evs) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from capacity.report import STATUS_FLAGS, bound_cells
    from capacity.terminal import print_table

    console = Console()
    groups: dict = {}
    for ev in evs:  # in _notes_last order: the groups of notes come last
        groups.setdefault((ev.bound.target, ev.bound.quantity), []).append(ev)
    for (target, quantity), group in groups.items():
        table = Table(title=escape(f"{quantity} — {target}"), title_justify="left",
                      show_lines=False)
        for h in ("id", "architecture", "lower", "upper", "formula", "reference"):
            table.add_column(h, overflow="fold", max_width=48 if h == "reference" else None)
        for ev in group:
            cells = bound_cells(ev)
            ref, flag = ev.bound.reference, STATUS_FLAGS[ev.bound.status]
            ref = (ref if len(ref) <= 80 else ref[:77] + "…") + flag
            # escaped: rich read "[c ≥ 1]" in hall's formula as a style tag and dropped it
            table.add_row(*(escape(c) for c in (cells[0], cells[2], cells[3], cells[4],
                                                 cells[5], ref)))
        print_table(table, console)
    console.print("[dim]`memcap bounds explain ID` gives the statement, hypotheses, derivation "
                  "and full reference of any row.[/dim]", soft_wrap=True)


@bounds_app.callback()
def bounds(
    ctx: typer.Context,
    inputs: int = typer.Option(None, "--inputs", "-M", help="Boolean inputs M (1..24)."),
    outputs: int = typer.Option(1, "--outputs", "-N", help="Boolean outputs N."),
    points: int = typer.Option(None, "--points", "-n", help="Data points n (with --d-in)."),
    d_in: int = typer.Option(None, "--d-in", "-d", help="Input dimension d of the points "
                             "(a perceptron with a bias: Cover's count is C(n, d + 1), `count "
                             "cover --d-in d+1`)."),
    dim: int = typer.Option(None, "--dim", hidden=True, help="Old name of --d-in."),
    classes: int = typer.Option(None, "--classes", "-V", help="Label classes V."),
    depth: int = typer.Option(None, "--depth", "-L",
                              help="Depth L: layers of weights (hidden layers + 1); shows "
                                   "the depth-dependent VC orders (Bartlett et al. 2019), "
                                   "which are orders, not evaluated."),
    edges: int = typer.Option(None, "--edges", help="Edges E of a network graph."),
    params: int = typer.Option(None, "--params", help="Parameters W."),
    units: int = typer.Option(None, "--units", help="Computation units U."),
    sample: int = typer.Option(None, "--sample", help="Sample size m of a growth function."),
    vc: int = typer.Option(None, "--vc", help="VC dimension d_VC of a class (Sauer-Shelah)."),
    kappa: str = typer.Option(None, "--kappa", metavar="NUMBER",
                              help="Perceptron margin κ (Gardner), taken exactly: a decimal "
                              "(0.5, 1e-3) or a fraction p/q."),
    list_: bool = typer.Option(False, "--list", help="List every registered bound."),
    answer: bool = typer.Option(False, "--answer", help="Seed-question table for M = 1..K."),
    max_inputs: int = typer.Option(20, "--max-inputs", help="K for --answer / --plot."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable JSON on stdout."),
    markdown: bool = typer.Option(False, "--markdown", help="Markdown output."),
    latex: bool = typer.Option(False, "--latex", help="LaTeX tabular output."),
    plot: Path = typer.Option(None, "--plot", parser=output_file,  # noqa: B008
                              help="Write the answer figure (log2 axes) here (.png/.pdf/.svg or "
                              "another matplotlib format; no suffix: PNG)."),
    force: bool = typer.Option(False, "--force", help="Evaluate even when N·2^M > 2^28 "
                                                       "(minutes or more)."),
) -> None:
    """Evaluate every bound that applies to the given sizes, grouped by quantity."""
    if ctx.invoked_subcommand is not None:  # explain ID reads none of these options
        refuse_unread_options(ctx, set(), f"bounds {ctx.invoked_subcommand} (give its options "
                                          "after it)")
        return
    dim = renamed_option(d_in, dim, "--d-in", "--dim")
    if sum((as_json, markdown, latex)) > 1:
        raise UsageError("choose one of --json, --markdown, --latex")
    refuse_unread_options(ctx, *_bounds_mode_reads(list_, answer, plot is not None))
    from capacity.registry import all_bounds

    if list_:
        bounds_ = all_bounds()
        if as_json:
            _echo(json.dumps([{"id": b.id, "quantity": b.quantity, "direction": b.direction,
                               "architecture": b.architecture, "formula": b.formula_text,
                               "kind": b.kind, "status": b.status, "reference": b.reference}
                              for b in bounds_], indent=2))
        elif markdown:
            from capacity.report import list_markdown
            _echo(list_markdown(bounds_))
        else:
            for b in bounds_:
                typer.echo(f"{b.id:40s} {b.direction:5s} {b.quantity:18s} {b.status}")
        return
    if answer or plot is not None:
        _positive("--outputs", outputs)
        _check_size("--outputs", outputs)  # as for the bounds of given sizes
        check_figure_target(plot, "--plot", FIGURE_SUFFIXES)
        if isinstance(max_inputs, int) and 1 <= max_inputs <= 24:
            _check_work(outputs << max_inputs, force, f"--answer up to M = {max_inputs}, "
                        f"N = {brief_int(outputs)}")
        _answer(max_inputs, outputs, as_json, markdown, latex, plot, show=answer)
        return
    p = _params(inputs, outputs, points, dim, classes, depth, edges, params, units, sample, vc,
                kappa)
    # N's default 1 is not a given size (--points alone listed 26 Boolean-map bounds as "needs
    # --inputs", 2026-12-03 audit)
    from capacity.options import option_given

    # nor is it implied by -M (-M 4 listed huang2003, in n and N, as "needs --points";
    # 2026-12-04 review): only a typed -N lists the other query's bounds in N
    given = {k for k in p if k != "N" or option_given(ctx, "outputs")}
    if not given - {"N"}:  # --edges or --sample --vc alone evaluate the bounds they feed
        raise UsageError("give a size: --inputs M (Boolean maps), --points n --d-in d "
                         "(memorising points) or a bound's own parameters (--edges, --params, "
                         "--units, --depth, --sample, --vc, --kappa); or use --list / --answer "
                         "/ explain ID")
    if inputs is not None:
        _check_work(outputs << inputs, force, f"M = {brief_int(inputs)}, "
                    f"N = {brief_int(outputs)}")
    from capacity.report import bound_record, rows_latex, rows_markdown, sort_key

    evs = sorted(_evaluate_with_bar(all_bounds(), p), key=sort_key)
    # a bound that needs a missing parameter, or an order (shown as text whatever is given), is
    # listed only when the user gave one of its parameters (-M 4 listed the orders in W and n)
    evs = _notes_last([e for e in evs if not (e.note and e.note.startswith("needs")
                                              or e.bound.kind == "order")
                       or any(v in given for v in e.bound.variables)])
    if as_json:
        from capacity.bigint_text import dumps_exact

        # integers as JSON numbers (they were strings), exact at any size (json's str of a
        # 2^24-bit value ran past ten minutes, 2026-12-05 review); a fraction (kappa) as "p/q"
        _echo(dumps_exact({"params": {k: v if isinstance(v, int) else str(v)
                                      for k, v in p.items()},
                           "bounds": [bound_record(e) for e in evs]}, indent=2))
    elif markdown:
        _echo(rows_markdown(evs))
    elif latex:
        _echo(rows_latex(evs))
    else:
        _print_rich(evs)


def _evaluate_with_bar(bounds, params) -> list:
    """Every bound evaluated at ``params``, behind a transient bar naming the bound under way on
    a terminal (the counting inversions take seconds at large N·2^M: ``bounds -M 24 -N 16``,
    8–14 s, showed nothing before)."""
    from capacity.evaluate import evaluate_bound
    from capacity.terminal import progress_bar

    bounds = list(bounds)
    out = []
    with progress_bar(counts=True) as bar:
        task = bar.add_task("bounds", total=len(bounds))
        for b in bounds:
            bar.update(task, description=f"bounds: {b.id}")
            out.append(evaluate_bound(b, params))
            bar.advance(task)
    return out


#: What each mode of ``memcap bounds`` reads (the rest is refused, not dropped).
_EVALUATE_READS = {"inputs", "outputs", "points", "d_in", "dim", "classes", "depth", "edges",
                   "params", "units", "sample", "vc", "kappa", "as_json", "markdown", "latex",
                   "force"}


def _bounds_mode_reads(list_: bool, answer: bool, plot: bool = False) -> tuple[set[str], str]:
    """The options the chosen ``bounds`` mode reads, and the mode in words."""
    if list_:
        return {"list_", "as_json", "markdown"}, "--list (it lists every registered bound)"
    if answer:
        return ({"answer", "plot", "max_inputs", "outputs", "as_json", "markdown", "latex",
                 "force"}, "--answer / --plot (the table for M = 1..K)")
    if plot:  # only the figure: --json, --markdown and --latex printed nothing (2026-12-01)
        return ({"plot", "max_inputs", "outputs", "force"},
                "--plot without --answer (it writes only the figure; add --answer for the table)")
    return _EVALUATE_READS, "the bounds of given sizes (--max-inputs is for --answer / --plot)"


def _answer(max_inputs, outputs, as_json, markdown, latex, plot, show) -> None:
    from capacity.answer import answer_rows
    from capacity.terminal import progress_bar

    with progress_bar() as bar:
        task = bar.add_task("evaluating bounds", total=max_inputs)
        rows = answer_rows(max_inputs, outputs, progress=lambda _m: bar.advance(task))
    if plot is not None:
        from capacity.report import plot_answer
        plot_answer(rows, plot)
        typer.echo(f"wrote {plot}", err=True)  # with --answer too (it said nothing there)
        if not show:
            return
    cols = list(rows[0])
    if as_json:
        _echo(json.dumps(rows, indent=2))
    elif markdown or latex:
        sep = " | " if markdown else " & "
        lines = []
        if markdown:
            from capacity.markdown import markdown_table

            lines = markdown_table(cols, ([_cell(r[c]) for c in cols] for r in rows), "---:")
        else:
            lines = [r"\begin{tabular}{" + "r" * len(cols) + "}",
                     sep.join(cols).replace("_", r"\_") + r" \\ \hline"]
            lines += [sep.join(_cell(r[c]) for c in cols) + r" \\" for r in rows]
            lines.append(r"\end{tabular}")
        _echo("\n".join(lines) + "\n")
    else:
        from rich.table import Table

        from capacity.terminal import print_table
        table = Table(title=f"Neurons and parameters for any map {{±1}}^M → {{±1}}^{outputs}")
        for c in cols:
            table.add_column(c, justify="right")
        for r in rows:
            table.add_row(*(_cell(r[c]) for c in cols))
        print_table(table, keys=2)  # M and N in every part


def _cell(value) -> str:
    return "—" if value is None else str(value)


@bounds_app.command("explain")
def explain(bound_id: str = typer.Argument(..., help="A bound id from `memcap bounds --list`."),
            as_json: bool = typer.Option(False, "--json", help="JSON on stdout.")) -> None:
    """Statement, hypotheses, derivation sketch, reference and status of one bound."""
    from capacity.registry import get_bound
    from capacity.report import explain_text

    b = get_bound(bound_id)
    if as_json:
        _echo(json.dumps({"id": b.id, "quantity": b.quantity, "direction": b.direction,
                          "architecture": b.architecture, "target": b.target,
                          "statement": b.statement, "formula": b.formula_text, "kind": b.kind,
                          "hypotheses": b.hypotheses, "derivation": b.sketch,
                          "reference": b.reference, "status": b.status}, indent=2))
    else:
        _echo(explain_text(b))


@count_app.command("threshold")
def count_threshold(
    inputs: int = typer.Option(None, "--inputs", "-M", help="Variables M (0..6; 6 takes "
                               "seconds; T(0) = 2, the two constants)."),
    n: int = typer.Option(None, "--n", hidden=True, help="Old name of --inputs."),
    as_json: bool = typer.Option(False, "--json", help="JSON on stdout."),
) -> None:
    """T(M): threshold Boolean functions of M variables, by exact enumeration.

    --inputs 0 gives T(0) = 2: the single point of {±1}^0 carries the two constants, both
    threshold functions (OEIS A000609 starts a(0) = 2).
    """
    import time

    from capacity.counting import muroga_weight_bound, threshold_count, threshold_upper_bound
    from capacity.options import renamed_option
    from capacity.terminal import progress_bar

    n = renamed_option(inputs, n, "--inputs", "--n")
    if n is None:
        raise UsageError("give --inputs M (the number of variables, 0..6)")
    if n < 0:
        raise UsageError(f"--inputs must be >= 0, got {brief_int(n)}")
    if n > 6:
        bound = (f"; the Cover upper bound is T({n}) <= {threshold_upper_bound(n)}" if n <= 64
                 else "")  # a huge M's bound has too many digits to print (status 70 before)
        raise UsageError(f"--inputs {brief_int(n)} is beyond the enumeration (M <= 6){bound}")
    start = time.perf_counter()
    with progress_bar() as bar:
        task = bar.add_task(f"enumerating T({n})", total=None)
        value = threshold_count(n, progress=lambda done, total: bar.update(
            task, completed=done, total=total))
    seconds = time.perf_counter() - start
    # "inputs" names the option (--inputs); "n" is kept for scripts that read it
    out = {"inputs": n, "n": n, "threshold_functions": value, "boolean_functions": 1 << (1 << n),
           "cover_upper_bound": threshold_upper_bound(n), "weight_bound": muroga_weight_bound(n),
           "seconds": round(seconds, 3)}
    if as_json:
        _echo(json.dumps(out, indent=2))
    else:
        typer.echo(f"T({n}) = {value} threshold functions of {n} variables "
                   f"(of {out['boolean_functions']}; Cover bound {out['cover_upper_bound']}; "
                   f"{seconds:.2f} s)")


@count_app.command("cover")
def count_cover(
    points: int = typer.Option(..., "--points", help="P points in general position."),
    d_in: int = typer.Option(None, "--d-in", help="Dimension of the points (the d of Cover's "
                                                  "C(P, d); homogeneous separators, through the "
                                                  "origin: for a perceptron with a bias on "
                                                  "d-dimensional points, as `bounds --d-in d` "
                                                  "counts, pass d + 1)."),
    dim: int = typer.Option(None, "--dim", hidden=True, help="Old name of --d-in."),
    as_json: bool = typer.Option(False, "--json", help="JSON on stdout."),
    force: bool = typer.Option(False, "--force", help="Sum even when it takes seconds to a "
                               "minute (P at most 10^6: 2^P is printed)."),
) -> None:
    """Cover's C(P, d): homogeneously separable dichotomies of P points in R^d."""
    from capacity.counting import cover_count

    dim = renamed_option(d_in, dim, "--d-in", "--dim")
    if dim is None:
        raise UsageError("give --d-in d, the dimension of the points (e.g. --points 10 --d-in 3)")

    _positive("--points", points)
    _positive("--d-in", dim)
    _check_digits("--points", points, points)  # 2^P is printed beside C(P, d)
    _check_sum("--points", points, points - 1, dim - 1, force)  # C(P, d) = 2 Σ_{k<d} C(P−1, k)
    from capacity.terminal import progress_bar

    with progress_bar(counts=True) as bar:  # 10^6 points: about a minute of big integers
        task = bar.add_task(f"C({points}, {dim}): terms", total=None)
        value = cover_count(points, dim, lambda done, total: bar.update(task, completed=done,
                                                                         total=total))
    total = 1 << points
    if as_json:
        _echo(f'{{\n  "points": {points},\n  "d_in": {dim},\n  "dim": {dim},\n  '
              f'"dichotomies": {_digits(value)},\n  "all_labellings": {_digits(total)}\n}}')
    else:
        typer.echo(f"C({points}, {dim}) = {show_int(value)} of {show_int(total)} labellings are "
                   "separable")


@count_app.command("sauer")
def count_sauer(
    sample: int = typer.Option(..., "--sample", help="Sample size m."),
    vc: int = typer.Option(..., "--vc", help="VC dimension d."),
    as_json: bool = typer.Option(False, "--json", help="JSON on stdout."),
    force: bool = typer.Option(False, "--force", help="Sum even when it takes seconds to a "
                               "minute."),
) -> None:
    """Sauer–Shelah bound Σ_{i≤d} C(m, i) on the growth function."""
    from capacity.counting import sauer_shelah_bound

    _positive("--sample", sample, 0)  # growth(0) = 1: the API takes m = 0 too
    _positive("--vc", vc, 0)
    if vc >= sample:  # the bound is 2^m, printed
        _check_digits("--sample", sample, sample)
    else:
        _check_sum("--sample", sample, sample, vc, force)
    from capacity.terminal import progress_bar

    # 10^6 points: up to half a minute of big integers, silent until 2026-12-06 (review)
    with progress_bar(counts=True) as bar:
        task = bar.add_task(f"Σ_(i≤{vc}) C({sample}, i): terms", total=None)
        value = sauer_shelah_bound(sample, vc, lambda done, total: bar.update(
            task, completed=done, total=total))
    if as_json:
        _echo(f'{{"sample": {sample}, "vc": {vc}, "growth_bound": {_digits(value)}}}')
    else:
        typer.echo(f"growth({sample}) <= {show_int(value)} for VC dimension {vc}")
