"""``memcap minimal``: the minimal neurons of every function of M ≤ 4 inputs.

Prints a rich table (``--plot FILE`` also writes a bar chart); ``--json`` prints the summary (keys
``inputs``, ``arch``, ``worst_case_neurons``, ``worst_case_hidden``, ``functions_by_neurons``,
``npn_classes_by_neurons``, ``hardest``) instead. The shipped tables are read from package data;
``--recompute`` computes them again (enumeration + CP-SAT, every class's witness verified).
Nothing here imports torch.

Examples
--------
>>> from typer.testing import CliRunner
>>> r = CliRunner().invoke(minimal_app, ["--inputs", "2", "--arch", "layered", "--json"])
>>> r.exit_code, '"worst_case_neurons": 3' in r.output
(0, True)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from capacity.errors import UsageError
from capacity.options import output_file

__all__ = ["minimal_app"]

minimal_app = typer.Typer(add_completion=False,
                          help="Exact minimal neurons of every function of M <= 4 inputs.")


def _print_table(table, source: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from capacity.terminal import print_table

    m = table.inputs
    total = 2 ** (2**m)
    out = Table(title=f"memcap minimal: M = {m}, {table.arch}", caption=source,
                title_justify="left")
    for col in ("neurons k", "hidden", "functions", "share", "NPN classes"):
        out.add_column(col, justify="right")
    for k, count in sorted(table.functions_by_neurons.items()):
        out.add_row(str(k), str(k - 1), f"{count:,}", f"{count / total:.4%}",
                    str(table.npn_classes_by_neurons.get(k, 0)))
    out.add_row("all", "", f"{total:,}", "100%", str(sum(table.npn_classes_by_neurons.values())),
                style="bold")
    console = Console()
    print_table(out, console)
    n = table.worst_case_neurons  # "1 neurons" at M = 1 (2026-12-05 review)
    # printed whole, as every prose line beside a table (rich broke it at 80 columns on a pipe)
    console.print(f"worst case: {n} neuron{'s' if n != 1 else ''} "
                  f"({table.worst_case_hidden} hidden + 1 output); hardest: {table.hardest}",
                  soft_wrap=True, highlight=False)
    console.print(f"check one class: memcap construct --method exact --table {table.hardest} "
                  f"{'--strict-layers ' if table.arch == 'layered' else ''}--from-scratch "
                  "--print-json (its witness and proof again, not read from the shipped tables); "
                  "--recompute redoes every class",
                  soft_wrap=True, highlight=False)


@minimal_app.command()
def minimal(
    inputs: int = typer.Option(..., "--inputs", "-M", help="Number of inputs M (1..4)."),
    arch: str = typer.Option("any-depth", "--arch", help="layered (one hidden layer, no skip "
                             "edges) or any-depth (each neuron reads every input and earlier "
                             "neuron)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON (no table)."),
    recompute: bool = typer.Option(False, "--recompute", help="Compute the table again instead "
                                   "of reading the shipped one (M = 4: under a minute)."),
    plot: Annotated[Path | None, typer.Option(
        "--plot", parser=output_file, help="Also write the bar chart to this file "
        "(.png/.pdf/.svg or another matplotlib format; no suffix: PNG; as bounds --plot); "
        "without it nothing is written.")] = None,
    figure: Annotated[Path | None, typer.Option(
        "--figure", hidden=True, parser=output_file,
        help="Old name of --plot (deprecated).")] = None,
    no_figure: bool = typer.Option(False, "--no-figure", hidden=True,
                                   help="Accepted for old scripts: no figure is the default."),
) -> None:
    """The fewest neurons each Boolean function of M inputs needs, exactly, via NPN classes.

    Examples:

    memcap minimal --inputs 3 --arch layered --plot minimal-3.png

    memcap minimal -M 4 --arch any-depth --json --recompute
    """
    from capacity.options import renamed_option
    from constructions.exact.solver import check_arch
    from constructions.exact.tables import (
        MAX_MINIMAL_INPUTS,
        compute_minimal_table,
        load_minimal_table,
    )

    figure = renamed_option(plot, figure, "--plot", "--figure")
    arch = check_arch(arch)
    if not 1 <= inputs <= MAX_MINIMAL_INPUTS:
        more = ("; for one function of more inputs use memcap construct --method exact "
                "(the M = 5 worst cases: 4 neurons at any depth, 6 layered; "
                "memcap bounds explain refuted.any-depth-m5)" if inputs > MAX_MINIMAL_INPUTS
                else "")  # M = 0 was told to use more inputs (2026-12-04 review)
        raise UsageError(f"--inputs must be between 1 and {MAX_MINIMAL_INPUTS}, got "
                         f"{inputs}{more}")
    if figure is not None and no_figure:
        raise UsageError("give at most one of --plot and --no-figure")
    from capacity.figures import FIGURE_SUFFIXES, check_figure_target

    check_figure_target(figure, "--plot", FIGURE_SUFFIXES)
    if recompute:  # the bar is on stderr and only on a terminal, so --json shows it too
        from capacity.terminal import progress_bar

        with progress_bar() as bar:
            task = bar.add_task(f"NPN classes (M = {inputs}, {arch})", total=None)
            table = compute_minimal_table(
                inputs, arch, witnesses=True,
                progress=lambda done, total: bar.update(task, completed=done, total=total))
        shipped = load_minimal_table(inputs, arch)
        same = shipped.same_minima(table)  # every class, not only the summary
        source = (f"recomputed in {table.seconds:.1f} s; "
                  f"{'identical to' if same else 'DIFFERS from'} the shipped table")
    else:
        table = load_minimal_table(inputs, arch)
        source = "shipped table; --recompute to compute it again"
        same = None
    if as_json:
        summary = table.summary()
        if same is not None:  # the verdict a script checks (it is also the exit status)
            summary["identical_to_shipped"] = same
        typer.echo(json.dumps(summary, indent=2))
    else:
        _print_table(table, source)
    if figure is not None:
        from constructions.exact.plot import plot_minimal

        plot_minimal([table], figure)
        typer.echo(f"wrote {figure}", err=True)  # as bounds --plot: stdout stays the result
    if same is False:  # a recomputed table that differs from the shipped one: status 1
        raise typer.Exit(1)
