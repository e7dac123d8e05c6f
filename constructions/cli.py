"""Typer apps mounted by ``memcap``: ``construct_app`` (``memcap construct``) and ``verify_app``
(``memcap verify``).

``memcap construct`` builds a sign network for a truth table or a named function, verifies it
exactly (on all ``2^M`` inputs, or ``--samples S`` random ones), prints a summary, and optionally
saves the network JSON (``--save OUT``, the format of docs/constructions.md; ``--json OUT`` is
its deprecated old name) and a drawing (``--draw``). The summary itself is printed as JSON with
``--print-json``. ``memcap verify NET.json`` re-verifies a saved network (``--json`` prints JSON)
and exits 0 when verified, 1 when a counterexample or a zero pre-activation is found, 2 on bad
input. Nothing here imports torch.

Examples
--------
>>> from typer.testing import CliRunner
>>> r = CliRunner().invoke(construct_app, ["--table", "0110", "--print-json"])
>>> r.exit_code, '"ok": true' in r.output
(0, True)
"""

from __future__ import annotations

import json
import re
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from capacity.atomic_files import check_output_file
from capacity.errors import UsageError
from capacity.figures import FIGURE_SUFFIXES, check_figure_target
from capacity.options import (
    check_seed,
    input_path,
    mark_check_failed,
    output_file,
    refuse_given_options,
    refuse_unread_options,
    warn,
)
from capacity.user_files import any_int_digits, parse_json, read_text
from constructions.boolean import (
    MAX_TABLE_INPUTS,
    BooleanFunction,
    read_table_argument,
    table_strings,
)
from constructions.exact import check_search_inputs
from constructions.families import MAX_FUNCTION_OUTPUTS
from constructions.network import FORMAT

__all__ = ["construct_app", "load_function", "verify_app"]

construct_app = typer.Typer(add_completion=False, help="Build and verify a sign network.")
verify_app = typer.Typer(add_completion=False, help="Re-verify a saved network on every input.")


def load_function(inputs: int | None, outputs: int | None, function: str | None, seed: int,
                  table: str | None, table_file: Path | None) -> BooleanFunction:
    """The target from exactly one of ``function``/``table``/``table_file``, checked against
    ``inputs`` (M) and ``outputs`` (N) when those are given. ``table`` is the bits, or (when it
    is not 0/1 text and names a file) a file read as ``table_file``, as ``memcap search
    --table`` takes either.

    Parameters
    ----------
    inputs : int or None
        M (``--inputs``), 1..``MAX_TABLE_INPUTS``; required with ``function``, else checked
        against the table's inputs. None: not checked.
    outputs : int or None
        N (``--outputs``), at least 1; with ``function`` None means 1, else checked against the
        table's outputs.
    function : str or None
        A family name for :func:`constructions.families.make_function` (``--function``).
    seed : int
        Seed of a drawn ``function`` (must be ≥ 0 then); unused for a table.
    table : str or None
        ``--table``: the bits (comma-separated strings for N > 1) or a file name.
    table_file : pathlib.Path or None
        ``--table-file``: a truth-table file.

    Returns
    -------
    BooleanFunction
        The target map.

    Examples
    --------
    >>> load_function(None, None, None, 0, "0110", None).to_strings()
    ['0110']
    >>> load_function(3, None, None, 0, "0110", None)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: the truth table has 4 characters = 2**2 but --inputs is 3; ...
    """
    given = [name for name, v in (("--function", function), ("--table", table),
                                  ("--table-file", table_file)) if v is not None]
    if len(given) != 1:
        raise UsageError("give exactly one of --function NAME, --table BITS, --table-file FILE"
                         + (f" (got {', '.join(given)})" if given else ""))
    if function is not None:
        check_seed(seed)  # numpy draws the seeded families: no negative seed
    if inputs is not None and not 1 <= inputs <= MAX_TABLE_INPUTS:
        raise UsageError(f"--inputs must be between 1 and {MAX_TABLE_INPUTS}, got {inputs}")
    if outputs is not None and outputs < 1:
        raise UsageError(f"--outputs must be at least 1, got {outputs}")
    if function is not None:
        from constructions.families import make_function

        if inputs is None:
            raise UsageError("--function needs --inputs M")
        return make_function(function, inputs, outputs or 1, seed=seed)
    # the bits, or a file as memcap search reads --table
    f = read_table_argument(table) if table is not None else BooleanFunction.from_file(table_file)
    if inputs is not None and f.inputs != inputs:
        raise UsageError(f"the truth table has {1 << f.inputs} characters = 2**{f.inputs} but "
                         f"--inputs is {inputs}; give 2**{inputs} = {1 << inputs} characters")
    if outputs is not None and f.outputs != outputs:
        # bits given inline, or a file (asking the file system whether a 256-character table
        # was a file raised "the path is too long", hiding this message, 2026-12-05 review)
        how = ("comma-separated strings" if table is not None and table_strings(table)
               else "strings, one per line of the file")
        raise UsageError(f"--outputs is {outputs} but the truth table has {f.outputs} output(s); "
                         f"give {outputs} {how}")
    return f


#: Most outputs ``construct`` builds without ``--force`` (N = 1024 takes ≈ 4 s at M = 3; the
#: time grows faster than N).
MAX_OUTPUTS = 1024
#: Most outputs even with ``--force`` (N = 10^30 grew to gigabytes before anything was built):
#: the most :func:`~constructions.families.make_function` draws.
MAX_OUTPUTS_FORCED = MAX_FUNCTION_OUTPUTS


def _check_outputs(outputs: int | None, force: bool) -> None:
    if outputs is not None and outputs > MAX_OUTPUTS_FORCED:
        raise UsageError(f"N = {outputs} outputs, above {MAX_OUTPUTS_FORCED}, the most construct "
                         "builds even with --force (the truth table alone grows with N)")
    if outputs is not None and outputs > MAX_OUTPUTS and not force:
        raise UsageError(f"N = {outputs} outputs, above {MAX_OUTPUTS}: building grows faster "
                         f"than N (N = 3000 took 27 s at M = 3); pass --force to build it anyway")


def _is_network_file(path: Path) -> bool:
    """Whether ``path`` holds a memcap network file (``format`` memcap.sign-network/1)."""
    try:
        old = parse_json(read_text(path, "--save"), "--save")
    except UsageError:  # unreadable or not JSON: not a network file memcap may replace
        return False
    return isinstance(old, dict) and old.get("format") == FORMAT


def _check_save_target(path: Path | None) -> None:
    """--save replaces an existing file only when it is a memcap network file."""
    check_output_file(path, "--save", (".json",), ours=_is_network_file,
                      refusal="a memcap network file; memcap replaces only its own network "
                              "files there: remove it or choose another path")


@contextmanager
def _build_progress(enabled: bool):
    """Yield auto's ``progress(name, done, total)`` callback drawing a bar on stderr ("auto:
    building xorsys 6/9"), or None when disabled; off a terminal the bar is
    :class:`~capacity.terminal.SilentProgress`, which draws nothing."""
    if not enabled:
        yield None
        return
    from capacity.terminal import progress_bar

    with progress_bar(counts=True) as bar:
        task = bar.add_task("auto", total=None)

        def progress(name: str, done: int, total: int) -> None:
            what = name if name in ("verifying", "done") else f"building {name}"
            bar.update(task, description=f"auto: {what}", completed=done, total=total)

        yield progress


def _bits(signs) -> str:
    """Output signs as truth-table bits, one per output (+1 is 1, -1 is 0)."""
    return "".join("1" if v > 0 else "0" for v in signs)


def _print_failures(result, inputs: int) -> None:
    from constructions.boolean import index_to_point

    for c in result.counterexamples:  # the point and the table's bits beside the signs: a table
        # written in 0/1 read "expected [1], got [-1]" with no point (2026-12-06 review)
        x = ", ".join(f"{v:+d}" for v in index_to_point(c.index, inputs))
        typer.echo(f"counterexample: input {c.index}, x = ({x}): expected {_bits(c.expected)}, "
                   f"got {_bits(c.got)} (table bits; as signs {list(c.expected)} and "
                   f"{list(c.got)})")
    if result.wrong > len(result.counterexamples):
        typer.echo(f"... {result.wrong} wrong inputs in all")
    if result.zero_preactivations:  # --max-counterexamples 0 keeps no index: no "first: []"
        first = f", first: {list(result.zero_indices)}" if result.zero_indices else ""
        typer.echo(f"zero pre-activation on {result.zero_preactivations} input(s){first}")


def _size_table(max_inputs: int, as_json: bool, markdown: bool, bracket: bool = False) -> None:
    from constructions.builders import bracket_table, size_table

    if as_json and markdown:
        raise UsageError("choose one of --print-json and --markdown")
    rows = bracket_table(max_inputs) if bracket else size_table(max_inputs)
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    keys = list(rows[0])
    if markdown:
        from capacity.markdown import markdown_table

        typer.echo("\n".join(markdown_table(
            keys, (["—" if r[k] is None else r[k] for k in keys] for r in rows), "---:")))
        return
    from rich.table import Table

    from capacity.terminal import print_table

    title = ("the bracket, any depth (N = 1): proven lower bound, exact, best construction"
             if bracket else "neurons of each construction (N = 1, worst case)")
    table = Table(title=title, title_justify="left")
    for k in keys:
        table.add_column(k, justify="right")
    for r in rows:
        table.add_row(*("—" if r[k] is None else str(r[k]) for k in keys))
    print_table(table)


def _reads_seed(function: str | None) -> bool:
    """Whether ``--function`` names a family drawn with ``--seed`` (a table ignores it)."""
    from constructions.families import family_reads_seed

    return function is not None and family_reads_seed(function)


#: What every building mode of ``construct`` reads.
_CONSTRUCT_READS = {"inputs", "outputs", "function", "seed", "table", "table_file", "method",
                    "save", "json_out", "draw_out", "print_json"}


def _sample_seed(sample_seed: int | None, samples: int | None) -> int:
    """The seed of a sampled check: ``--sample-seed`` (checked), or 0; refused without
    ``--samples`` (every input is checked then, and the seed would be recorded and ignored).
    Until 2026-12-06 every sampled check drew its inputs with seed 0, so repeating one checked
    the same inputs (construct review)."""
    if sample_seed is None:
        return 0
    if samples is None:
        raise UsageError("--sample-seed draws the inputs of --samples S; without --samples every "
                         "input is checked: drop it or give --samples")
    from capacity.options import check_seed

    return check_seed(sample_seed, "--sample-seed")


def _refuse_unread_seed(ctx: typer.Context, function: str | None) -> None:
    """Refuse ``--seed`` where no seeded family reads it (a table, or parity, ...)."""
    from capacity.options import option_given

    if option_given(ctx, "seed") and not _reads_seed(function):
        what = f"--function {function}" if function is not None else "a truth table"
        raise UsageError(f"--seed is not used by {what} (only the seeded families random, "
                         "threshold and dnf read it); drop it")


def _construct_reads(method: str, tables: bool) -> tuple[set[str], str]:
    """The options a ``construct`` mode reads, and the mode's name for the refusal."""
    if tables:
        return ({"size_table_flag", "bracket_table_flag", "max_inputs", "markdown", "print_json"},
                "--size-table/--bracket-table")
    reads = set(_CONSTRUCT_READS)
    key = method.lower()
    if key == "exact":  # --force: more than MAX_OUTPUTS outputs, as for the builders
        return (reads | {"arch", "time_limit", "strict_layers", "force", "from_scratch"},
                "--method exact")
    reads |= {"strict_layers", "force", "samples", "sample_seed"}
    if key == "auto":
        reads.add("minimise")
    return reads, f"--method {key}"


@construct_app.command()
def construct(
    ctx: typer.Context,
    inputs: int = typer.Option(None, "--inputs", "-M", help="Number of inputs M (inferred "
                               "from a table)."),
    outputs: int = typer.Option(None, "--outputs", "-N", help="Number of outputs N."),
    function: str = typer.Option(None, "--function", "-f", help="Named function: parity, "
                                 "majority, and, or, constant, random, threshold, inner-product, "
                                 "dnf."),
    seed: int = typer.Option(0, "--seed", help="Seed of the random, threshold and dnf families."),
    table: str = typer.Option(None, "--table", help="Truth table: 2^M characters 0/1 "
                              "(character i = output on input i); N outputs comma-separated; or "
                              "a file, as --table-file."),
    table_file: Annotated[Path | None, typer.Option(
        "--table-file", help="File with one truth-table string per line.",
        parser=input_path)] = None,
    method: str = typer.Option("auto", "--method", help="Builder: auto, minimal (M <= 4), five "
                               "(M = 5, 6), lookup, dnf, gated, hamming, depth3, linear, parity, "
                               "xorsys, hall, exact (fewest neurons, with a certificate)."),
    arch: str = typer.Option(None, "--arch", help="With --method exact: layered or any-depth "
                             "(default any-depth; layered with --strict-layers). In both, no "
                             "unit reads an output (docs/exact.md)."),
    time_limit: float = typer.Option(60.0, "--time-limit", help="With --method exact: seconds; "
                                     "past it, the best network and a proven bracket (the "
                                     "starting construction and a solver call under way "
                                     "finish first, so it may run a few seconds over)."),
    from_scratch: bool = typer.Option(False, "--from-scratch", help="With --method exact: "
                                      "prove every impossible size anew (CP-SAT, cuts) "
                                      "instead of starting from the certified tables and "
                                      "shipped refutations, to re-check them without "
                                      "trusting them."),
    minimise: str = typer.Option("neurons", "--minimise", help="What auto minimises: neurons "
                                 "or edges."),
    strict_layers: bool = typer.Option(False, "--strict-layers", help="No skip edges."),
    force: bool = typer.Option(False, "--force", help="Verify exhaustively even above M = 24 "
                               "or an estimated 15 minutes; build more than 1024 outputs; build "
                               "above a builder's M limit (lookup, gated, hamming, depth3, xorsys, "
                               "hall)."),
    samples: int = typer.Option(None, "--samples", help="Verify on S random inputs instead."),
    sample_seed: int = typer.Option(None, "--sample-seed", help="Seed that draws the --samples "
                                    "inputs (default 0; another seed checks other inputs)."),
    save: Annotated[Path | None, typer.Option(
        "--save", parser=output_file, help="Write the network JSON to this file (format "
        "memcap.sign-network/1); the summary itself goes to stdout as JSON with "
        "--print-json.")] = None,
    json_out: Annotated[Path | None, typer.Option(
        "--json", hidden=True, parser=output_file,
        help="Old name of --save (deprecated).")] = None,
    draw_out: Annotated[Path | None, typer.Option(
        "--draw", parser=output_file,
        help="Draw the network (.png/.pdf/.svg or another matplotlib format; no "
        "suffix: PNG; at most 200 units).")] = None,
    print_json: bool = typer.Option(False, "--print-json", help="Print the summary as JSON on "
                                    "stdout (machine-readable) instead of a table."),
    size_table_flag: bool = typer.Option(False, "--size-table", help="Print the neuron counts "
                                         "of every construction for M = 1..--max-inputs."),
    bracket_table_flag: bool = typer.Option(False, "--bracket-table", help="Print the bracket "
                                            "for M = 1..--max-inputs: proven lower bound, exact "
                                            "value where known, best construction, ratios."),
    max_inputs: int = typer.Option(20, "--max-inputs", help="Last M of --size-table "
                                   "(1..62) or --bracket-table (1..24)."),
    markdown: bool = typer.Option(False, "--markdown", help="Print --size-table or "
                                  "--bracket-table as a Markdown table."),
) -> None:
    """Build a sign network for a Boolean map, verify it exactly and print its sizes.

    Examples:

    memcap construct --table 0110

    memcap construct -M 20 -f random --method depth3 --save net.json

    memcap construct --size-table --markdown
    """
    if save is not None and json_out is not None:
        raise UsageError("give --save only (--json PATH is its old name), not both")
    if json_out is not None and re.fullmatch(r"--\S*|-[A-Za-z]", str(json_out)):
        # "--json --print-json" took the option as the file and named --save (2026-12-06
        # review); a file named like "-x.json" is a file
        raise UsageError(f"--json took {str(json_out)!r} as its file (--json FILE is still the "
                         "old name of --save here); to print the summary as JSON give "
                         "--print-json alone")
    if json_out is not None:  # the shell prints it once the command ran (bad input: one line)
        warn("memcap: warning: construct --json PATH is deprecated; use --save PATH (in the "
             "next release --json prints JSON, as in every other command)")
        save = json_out
    json_out = save
    tables = size_table_flag or bracket_table_flag
    if method.lower() != "exact" and arch is not None and not tables:
        raise UsageError("--arch applies to --method exact only")
    if not tables:  # they were "not used by --method auto", as if another method read them
        refuse_given_options(ctx, {"markdown", "max_inputs"}, "a construction (only "
                             "--size-table and --bracket-table read it)")
    refuse_unread_options(ctx, *_construct_reads(method, tables))
    # after that refusal: with --method exact it advised --samples, which is refused there
    seed_of_samples = _sample_seed(sample_seed, samples)  # (2026-12-06 diff review)
    if not tables:
        _refuse_unread_seed(ctx, function)
    if size_table_flag or bracket_table_flag:
        if size_table_flag and bracket_table_flag:
            raise UsageError("choose one of --size-table and --bracket-table")
        _size_table(max_inputs, print_json, markdown, bracket=bracket_table_flag)
        return
    from constructions.builders import METHODS, build, builder_options
    from constructions.summary import construct_summary, print_summary, summary_rows
    from constructions.verify import MAX_EXHAUSTIVE_INPUTS, verify

    exact = method.lower() == "exact"
    # before drawing the map; a table names M itself, and a -M that contradicts it was refused
    # as "too large for the exact search" (load_function names the mismatch; review)
    if exact and inputs is not None and table is None and table_file is None:
        check_search_inputs(inputs)
    if (inputs is not None and inputs > MAX_EXHAUSTIVE_INPUTS and not force and samples is None
            and not exact):
        inputs_ok = inputs <= MAX_TABLE_INPUTS  # out-of-range M is reported by load_function
        if inputs_ok:
            raise UsageError(f"M = {inputs} is above the exhaustive-verification limit "
                             f"{MAX_EXHAUSTIVE_INPUTS}; pass --force, or --samples S")
    _check_outputs(outputs, force)  # before a random map of N outputs is drawn
    f = load_function(inputs, outputs, function, seed, table, table_file)
    _check_outputs(f.outputs, force)  # a --table or --table-file names N itself
    if method.lower() not in (*METHODS, "exact"):
        raise UsageError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}, exact")
    if exact:  # a --table or --table-file names M itself
        check_search_inputs(f.inputs)
    if f.inputs > MAX_EXHAUSTIVE_INPUTS and not force and samples is None:
        raise UsageError(f"M = {f.inputs} is above the exhaustive-verification limit "
                         f"{MAX_EXHAUSTIVE_INPUTS}; pass --force, or --samples S")
    _check_save_target(json_out)
    check_figure_target(draw_out, "--draw", FIGURE_SUFFIXES)
    if draw_out is not None:
        from constructions.export import MAX_DRAW_UNITS

        # every output is a unit: refused before the build (an exact search ran to its time
        # limit before this refusal, 2026-12-04 review)
        if f.outputs > MAX_DRAW_UNITS:
            raise UsageError(f"--draw: the network has at least {f.outputs} units (its "
                             f"outputs), above the drawing limit {MAX_DRAW_UNITS}; drop --draw")
    if method.lower() == "exact":
        from constructions.exact.construct import run_exact
        from constructions.exact.solver import check_arch

        if arch is not None:  # any_depth, ANY-DEPTH, ... name the same architecture
            arch = check_arch(arch)
        if arch == "any-depth" and strict_layers:
            raise UsageError("--arch any-depth allows skip edges, --strict-layers forbids them; "
                             "give one (--arch layered is the strict one)")

        run_exact(f, ("layered" if strict_layers else "any-depth") if arch is None else arch,
                  time_limit, json_out, draw_out, print_json, from_scratch)
        return
    if arch is not None:
        raise UsageError("--arch applies to --method exact only")
    t0 = time.perf_counter()
    # auto would verify its winner exhaustively; this command verifies the network itself
    # below (exhaustively, or on --samples), so auto does not do it twice
    options = {"verify": False} if method.lower() == "auto" else {}
    if force and method.lower() in METHODS and "force" in builder_options(method):
        options["force"] = True  # a builder with an M limit builds past it
    with _build_progress(method.lower() == "auto" and not print_json) as progress:
        if progress is not None:
            options["progress"] = progress
        net = build(f, method, minimise=minimise, strict_layers=strict_layers, **options)
    build_seconds = time.perf_counter() - t0
    if draw_out is not None:
        from constructions.export import MAX_DRAW_UNITS

        units = net.values - net.inputs
        if units > MAX_DRAW_UNITS:
            raise UsageError(f"--draw: the network has {units} units, above the drawing limit "
                             f"{MAX_DRAW_UNITS}; drop --draw")
    result = verify(net, f, force=force, samples=samples, seed=seed_of_samples,
                    progress=not print_json)
    mark_check_failed(not result.ok)  # status 1 even if the reader leaves before the verdict
    summary = construct_summary(f, net, build_seconds, result)
    if result.ok:
        from constructions.export import save_outputs

        summary.update(save_outputs(net, draw_out, json_out))
        if json_out is not None and not result.exhaustive:  # the file cannot say it: the
            # network JSON's schema is fixed (docs/constructions.md); 2026-12-04 review
            # verify also asks for --force below M = 25 when its time estimate is long
            force_flag = " --force" if f.inputs > MAX_EXHAUSTIVE_INPUTS else ""
            later = ("" if force_flag else
                     " (add --force if it refuses a long check)")  # it says so in one line
            warn(f"memcap: warning: {json_out} was checked on {result.checked} sampled inputs "
                 f"only, not on all 2^{f.inputs}; 'memcap verify {json_out}{force_flag}' "
                 f"checks every input{later}")
    if print_json:
        with any_int_digits():  # a weight may have more than 4300 digits
            typer.echo(json.dumps(summary, indent=2))
    else:
        print_summary("memcap construct", summary_rows(summary))
        _print_failures(result, f.inputs)
    if not result.ok:
        raise typer.Exit(1)


@verify_app.command()
def verify_command(
    ctx: typer.Context,
    network: Annotated[Path, typer.Argument(help="Network JSON file (memcap construct --save).",
                                            parser=input_path)],
    function: str = typer.Option(None, "--function", "-f", help="Named function (M, N from "
                                 "the network)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the random, threshold and dnf families."),
    table: str = typer.Option(None, "--table", help="Truth table: 2^M characters 0/1, or a "
                              "file with one string per line."),
    table_file: Annotated[Path | None, typer.Option(
        "--table-file", help="File with one truth-table string per line.",
        parser=input_path)] = None,
    force: bool = typer.Option(False, "--force", help="Verify exhaustively even above M = 24 "
                               "or an estimated 15 minutes."),
    samples: int = typer.Option(None, "--samples", help="Verify on S random inputs instead."),
    sample_seed: int = typer.Option(None, "--sample-seed", help="Seed that draws the --samples "
                                    "inputs (default 0; another seed checks other inputs)."),
    max_counterexamples: int = typer.Option(10, "--max-counterexamples", help="How many wrong "
                                            "inputs to print."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable JSON on stdout."),
) -> None:
    """Re-verify a saved network against a truth table, a named function, or (with none of
    --table/--table-file/--function) the truth table stored in the JSON. Exit status 0 when
    verified, 1 when a counterexample or zero pre-activation is found, 2 on bad input.
    """
    from constructions.network import SignNetwork
    from constructions.verify import verify

    _refuse_unread_seed(ctx, function)  # it was accepted and ignored (2026-12-01 audit)
    if force and samples is not None:  # --force sampled silently (2026-12-03 audit)
        raise UsageError("--force verifies every input and --samples S only S random ones; "
                         "give one of them")
    seed_of_samples = _sample_seed(sample_seed, samples)
    net = SignNetwork.load(network)
    if function is None and table is None and table_file is None:
        if not net.truth_table and net.inputs > MAX_TABLE_INPUTS:  # nothing can be given
            raise UsageError(f"{str(network)!r} has M = {net.inputs} inputs and memcap's truth "
                             f"tables and named functions go up to M = {MAX_TABLE_INPUTS}: "
                             "there is nothing to verify it against")
        if not net.truth_table:
            raise UsageError(f"{str(network)!r} stores no truth table; give --table, "
                             "--table-file or --function")
        table = ",".join(net.truth_table)
    given = function is not None  # a named function takes M and N from the network
    if given and net.inputs > MAX_TABLE_INPUTS:
        raise UsageError(f"the network has M = {net.inputs} inputs; memcap's truth tables stop at "
                         f"M = {MAX_TABLE_INPUTS}, so it cannot be checked against --function "
                         f"{function}")
    f = load_function(net.inputs if given else None, net.outputs if given else None, function,
                      seed, table, table_file)
    result = verify(net, f, force=force, samples=samples, seed=seed_of_samples,
                    max_counterexamples=max_counterexamples, progress=not as_json)
    mark_check_failed(not result.ok)  # status 1 even if the reader leaves before the verdict
    if as_json:
        out = {"network": str(network), "method": net.method, "inputs": net.inputs,
               "outputs": net.outputs, "sizes": net.sizes().as_dict(), **result.to_dict()}
        with any_int_digits():  # a weight may have more than 4300 digits
            typer.echo(json.dumps(out, indent=2))
    else:
        m = net.inputs
        scope = (f"all 2^{m} = {1 << m:,} inputs" if result.exhaustive
                 else f"{result.checked:,} sampled inputs (--sample-seed {result.sample_seed})")
        verdict = "OK" if result.ok else "FAILED"
        typer.echo(f"{verdict}: {network} ({net.method or 'network'}, {net.sizes().neurons} "
                   f"neurons, {net.sizes().edges} edges) checked on {scope} in "
                   f"{result.seconds:.3f} s; {result.wrong} wrong")
        _print_failures(result, m)
    if not result.ok:
        raise typer.Exit(1)
