"""Edges of ``memcap train``, ``search`` and ``sweep`` and their shared parsers and console that
a mutation audit (2026-12-07) found no test pinned, and the two bugs it found: ``--workers
auto`` started one GPU worker per core on cuda, and ``bench transformer --dtype`` named the
config field instead of the option. Each test fails on the mutant its docstring names."""

import contextlib
import io
import json
import math

import pytest
from memcap_cli import memcap_main

import empirical.engine.executor as executor_mod
import empirical.engine.run as run_mod
from capacity.errors import UsageError
from empirical.cli.console import emit, print_rows
from empirical.cli.parse import (
    MAX_LIST,
    MAX_TASKS_WITHOUT_FORCE,
    check_task_count,
    int_list,
    learning_rate_list,
    parse_workers,
)
from empirical.engine.config import FLOAT32_MAX, MIN_LR, RunConfig

TINY = ["--steps", "1", "--trials", "1", "--lrs", "0.01", "--start", "1", "--max-size", "1"]


# ---------------------------------------------------------------------------------- parsers
def test_lists_and_task_counts_are_refused_only_past_their_limits():
    """A range of exactly MAX_LIST values and exactly MAX_TASKS_WITHOUT_FORCE searches are
    accepted, one more is refused (each check off by one passed it)."""
    assert len(int_list(f"1..{MAX_LIST}", "--inputs")) == MAX_LIST
    with pytest.raises(UsageError, match=f"{MAX_LIST + 1} values"):
        int_list(f"1..{MAX_LIST + 1}", "--inputs")
    check_task_count(MAX_TASKS_WITHOUT_FORCE, "searches (one per --points value)")
    with pytest.raises(UsageError):
        check_task_count(MAX_TASKS_WITHOUT_FORCE + 1, "searches (one per --points value)")


def test_learning_rates_are_positive_and_the_smallest_float32_rate_is_one():
    """0 is no learning rate (``>= 0`` accepted it); MIN_LR itself is in the range, which
    docs/cli.md gives as inclusive."""
    for text in ("0", "0.01,0"):
        with pytest.raises(UsageError, match="positive numbers"):
            learning_rate_list(text)
    assert learning_rate_list(repr(MIN_LR)) == (MIN_LR,)


def test_a_refusal_states_its_float_limit_exactly():
    """The least learning rate was printed as 1.2e-38 (``{:.2g}``) while 1.18e-38 was
    accepted; float32's largest number as 3.403e+38 while 3.4029e+38 was refused. A refusal
    states its limit so that every value the text allows is accepted."""
    below = math.nextafter(MIN_LR, 0.0)
    with pytest.raises(UsageError, match=r"at least 2\^-126 \(about 1.18e-38\)"):
        learning_rate_list(repr(below))
    assert learning_rate_list("1.18e-38") == (1.18e-38,)
    with pytest.raises(UsageError) as refused:
        RunConfig.from_dict({"train": {"eps": 3.403e38}})
    limit = float(str(refused.value).split("at most ")[1].split(" ")[0])
    assert limit == FLOAT32_MAX and float(repr(limit)) == FLOAT32_MAX


def test_auto_workers_may_be_typed_in_any_case():
    assert parse_workers("AUTO") is None and parse_workers(" Auto ") is None


# ---------------------------------------------------------------------------------- console
def test_json_output_writes_non_finite_numbers_as_null():
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        emit({"a": math.nan, "b": math.inf}, True, print)
    assert json.loads(buf.getvalue()) == {"a": None, "b": None}


def test_tables_print_titles_and_cells_literally_and_an_empty_table_quietly():
    """Brackets in a title or a cell are text, not rich markup (a label "[bold]x[/bold]"
    would print as a bold x); a table of no rows prints without an IndexError."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        print_rows("run [bold]x[/bold]", [{"name": "[red]y[/red]"}])
        print_rows("empty", [])
    text = buf.getvalue()
    assert "[bold]x[/bold]" in text.replace("\n", "") and "[red]y[/red]" in text


# ------------------------------------------------------------------------------------ train
def test_the_written_config_names_the_first_members_width(capsys, tmp_path):
    """With --widths 3,5 the saved config's model.width is the first member's 3 (the preset's
    default width was written when the list was not copied)."""
    code, _, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--widths", "3,5",
                               "--steps", "1", "--out", tmp_path / "run")
    assert code == 0, err
    config = json.loads((tmp_path / "run" / "config.json").read_text())
    assert config["config"]["model"]["width"] == 3


def test_a_member_list_beside_a_non_integer_ensemble_is_refused(capsys):
    """--set ensemble=2.5 beside --set widths=[3,5]: the 2.5 is refused (the mutant counted
    the list's 2 members and trained them)."""
    code, _, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--steps", "1",
                               "--set", "ensemble=2.5", "--set", "widths=[3,5]")
    assert code == 2 and "ensemble" in err and len(err.strip().splitlines()) == 1


# ----------------------------------------------------------------------------------- search
@pytest.mark.parametrize("args, words", [
    (["--inputs", "2", "--function", "parity", *TINY, "--overwrite"], "--overwrite"),
    (["--model", "transformer", "--points", "2", "--inputs", "2", *TINY],
     "--model transformer searches random token sequences"),
    (["--memory-curve", "4", "--width", "2", "--table", "0110", "--steps", "1", "--trials", "1",
      "--lrs", "0.01"], "--memory-curve varies the number of random points itself"),
])
def test_search_refuses_options_that_do_not_go_together(capsys, args, words):
    code, out, err = memcap_main(capsys, "search", *args)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1 and out == ""


@pytest.mark.parametrize("args", [
    ["--points", "4,5", *TINY, "--force"],  # --force is read for a --points list
    ["--table", "0110", "--inputs", "2", *TINY],  # --inputs may restate the table's M
])
def test_search_accepts_options_it_reads(capsys, args):
    code, out, err = memcap_main(capsys, "search", *args, "--json")
    assert code == 0, err
    json.loads(out)


def test_a_transformer_search_defaults_to_gelu(capsys):
    code, out, err = memcap_main(capsys, "search", "--model", "transformer", "--points", "2",
                                 "--seq-len", "3", "--classes", "2", *TINY, "--json")
    assert code == 0, err
    assert json.loads(out)["options"]["activation"] == "gelu"


# ------------------------------------------------------------------------- the two bugs
class _Stop(Exception):
    """Raised by the planted executor once it has recorded its worker count."""


def _record_workers(monkeypatch, seen: dict) -> None:
    """Pretend an 8-core machine with CUDA; record the executor's worker count and stop."""
    def make_executor(scheduler=None, dask_workers=None, workers=1, threads=1, *args,
                      **kwargs):
        seen["workers"] = workers
        if threads != 1:  # 1 in every command that reaches here: recorded only if not
            seen["threads"] = threads
        raise _Stop

    monkeypatch.setattr(executor_mod, "make_executor", make_executor)
    monkeypatch.setattr(executor_mod, "available_cpus", lambda: 8)
    monkeypatch.setattr(run_mod, "resolve_device", lambda name: None)


def test_auto_workers_on_cuda_is_one_for_search(monkeypatch):
    """docs/cli.md: --workers auto is one worker a core, 1 on cuda (search asked for 8)."""
    from memcap.cli import main

    seen = {}
    _record_workers(monkeypatch, seen)
    with pytest.raises((_Stop, SystemExit)):
        main(["search", "--inputs", "2", "--function", "parity", "--steps", "5",
              "--workers", "auto", "--device", "cuda"])
    assert seen == {"workers": 1}


def test_auto_workers_on_cuda_is_one_for_a_sweep(monkeypatch, tmp_path):
    from memcap.cli import main

    spec = tmp_path / "s.toml"
    spec.write_text('name = "gpu"\nseeds = [0]\nmetrics = ["last(train_acc)"]\n[base]\n'
                    'device = "cuda"\ndata = { n_train = 8, n_test = 4 }\n'
                    'train = { steps = 2, log_every = 1 }\n[[grid]]\nfield = "train.lr"\n'
                    'values = [0.01, 0.02, 0.03, 0.04]\n')  # four groups: 4 workers on a CPU
    seen = {}
    _record_workers(monkeypatch, seen)
    with pytest.raises((_Stop, SystemExit)):
        main(["sweep", str(spec), "--out", str(tmp_path / "out"), "--workers", "auto"])
    assert seen == {"workers": 1}


def test_bench_transformer_names_the_dtype_option(capsys):
    code, _, err = memcap_main(capsys, "bench", "transformer", "--dtype", "float64", "--quick")
    assert code == 2 and "--dtype 'float64'" in err


# ------------------------------------------------- gaps a mutation audit found (2026-12-07)
def test_auto_workers_on_cuda_is_one_for_hardness(monkeypatch):
    """As for search and sweep: --workers auto (the default) is 1 on cuda (mutant: one a core)."""
    from memcap.cli import main

    seen = {}
    _record_workers(monkeypatch, seen)
    with pytest.raises((_Stop, SystemExit)):
        main(["hardness", "--inputs", "2", "--families", "parity,majority,threshold",
              "--device", "cuda", "--steps", "5", "--lrs", "0.05"])
    assert seen["workers"] == 1


def test_threads_0_is_one_thread_in_each_search_worker(monkeypatch):
    """search --workers help: "0 means 1 there" (mutant: 0 handed to the workers)."""
    from memcap.cli import main

    seen = {}
    _record_workers(monkeypatch, seen)
    with pytest.raises((_Stop, SystemExit)):
        main(["search", "--inputs", "2", "--function", "and", "--workers", "2", "--threads", "0",
              "--steps", "5", "--lrs", "0.05"])
    assert seen == {"workers": 2}


def test_a_token_transformers_refusal_names_one_option_as_it(capsys):
    """One changed point option: "drop it"; two: "drop them" (mutant: always "them")."""
    code, _, err = memcap_main(capsys, "search", "--model", "transformer", "--points", "4",
                               "--d-in", "4")
    assert code == 2 and "drop it or add --seq2seq" in err
    assert len(err.strip().splitlines()) == 1
    code, _, err = memcap_main(capsys, "search", "--model", "transformer", "--points", "4",
                               "--d-in", "4", "--input-law", "uniform")
    assert code == 2 and "drop them or add --seq2seq" in err


def test_a_memory_curve_takes_the_most_trials_and_the_seeds_from_seed(capsys):
    """--trials MAX_TRIALS is allowed (the bad --steps after it is what is refused), one more
    is not; the trials are seeds SEED..SEED+trials-1 (mutants: the maximum refused; the seeds
    shifted by one)."""
    from empirical.engine.config import MAX_TRIALS

    base = ("search", "--memory-curve", "4,8", "--width", "2")
    code, _, err = memcap_main(capsys, *base, "--trials", MAX_TRIALS, "--steps", "0")
    assert code == 2 and "--trials" not in err and "steps" in err
    code, _, err = memcap_main(capsys, *base, "--trials", MAX_TRIALS + 1, "--steps", "0")
    assert code == 2 and f"--trials must be at most {MAX_TRIALS}" in err
    code, out, err = memcap_main(capsys, *base, "--trials", "2", "--seed", "5", "--steps", "5",
                                 "--json")
    assert code == 0, err
    assert json.loads(out)["seeds"] == [5, 6]


def test_hardness_names_the_inputs_option_and_takes_the_deepest_depth(capsys):
    """Inner product at odd M is refused naming --inputs as typed; --depths up to MAX_DEPTH is
    allowed (the later --overwrite refusal is reported), one more is not (mutants: the odd-M
    check dropped, its engine message says "inputs = 3"; the maximum depth refused)."""
    from empirical.engine.config import MAX_DEPTH

    code, _, err = memcap_main(capsys, "hardness", "--inputs", "3", "--families",
                               "inner-product")
    assert code == 2 and "inner-product needs an even number of inputs, got --inputs 3" in err
    base = ("hardness", "--inputs", "2", "--topology", "--overwrite", "--depths")
    code, _, err = memcap_main(capsys, *base, f"1,{MAX_DEPTH}")
    assert code == 2 and "--depths" not in err and "--overwrite" in err
    code, _, err = memcap_main(capsys, *base, f"1,{MAX_DEPTH + 1}")
    assert code == 2 and f"--depths must be at most {MAX_DEPTH}" in err


@pytest.mark.parametrize("args", [
    # 1 row x 10 budgets x 2 optimisers x 60 init scales = 1200 cells
    ["--inputs", "2", "--families", "parity", "--recipes", "--budgets",
     ",".join(str(10 * (i + 1)) for i in range(10)), "--optimizers", "adam,sgd",
     "--init-scales", ",".join(str(1 + i / 100) for i in range(60))],
    # the NPN classes of four inputs x 2 topologies x 3 depths: over 1000 cells
    ["--inputs", "4", "--families", "npn", "--topology", "--depths", "1,2,3"],
])
def test_a_study_over_1000_cells_needs_force(monkeypatch, capsys, args):
    """docs/cli.md: a recipe study counts rows × budgets × optimisers × init scales, a topology
    study rows × 2 topologies × depths; over 1000 cells needs --force (mutants: the init scales
    or the two topologies left out of the count)."""
    import empirical.hardness.recipes as recipes
    import empirical.hardness.topology as topology

    def started(*a, **k):
        raise AssertionError("the study started")

    monkeypatch.setattr(recipes, "run_recipes", started)
    monkeypatch.setattr(topology, "run_topology", started)
    code, _, err = memcap_main(capsys, "hardness", *args, "--workers", "1")
    assert code == 2 and "--force" in err and "study cells" in err


def test_the_training_commands_bar_counts_done_of_total(monkeypatch):
    """empirical.cli.console.progress_bar is capacity.terminal's with counts=True (mutant:
    counts dropped)."""
    import capacity.terminal as terminal
    from empirical.cli.console import progress_bar

    seen = []
    real = terminal.progress_bar
    monkeypatch.setattr(terminal, "progress_bar",
                        lambda *a, **k: seen.append(k) or real(*a, **k))
    progress_bar()
    assert seen and seen[0].get("counts") is True


# ------------------------------------------------- the rest of the 2026-12-07 audit's mutants
@pytest.mark.parametrize("inputs, inner, npn", [(2, True, True), (3, False, True),
                                                (4, True, True), (5, False, False),
                                                (6, True, False)])
def test_hardness_default_families_are_those_that_apply_to_m(inputs, inner, npn):
    """docs/cli.md: the default families are all that apply to M — inner product only at even
    M, npn only up to M = 4 (mutants H02: npn kept at M = 5; H03: inner product at odd M)."""
    from empirical.cli.hardness import _families
    from empirical.hardness.result import FAMILY_NAMES

    fams = _families(None, inputs)
    assert ("inner-product" in fams) == inner and ("npn" in fams) == npn
    dropped = {f for f, kept in (("inner-product", inner), ("npn", npn)) if not kept}
    assert set(FAMILY_NAMES) - set(fams) == dropped and len(fams) == len(set(fams))


@pytest.mark.parametrize("args, words", [
    (["--topology", "--depths", "0,1"], "--depths must be integers >= 1, got '0,1'"),
    (["--recipes", "--confirm", "0"], "--confirm must be between 1 and"),
    (["--topology", "--depth", "2"], "--depth"),
])
def test_hardness_refuses_depth_0_confirm_0_and_depth_beside_topology(monkeypatch, capsys,
                                                                      args, words):
    """Mutants H05 (--depths 0 taken), H08 (--confirm 0 taken) and H16 (--depth read by the
    topology study, which takes --depths): each is refused in one line, before any training."""
    import empirical.hardness.compute as compute

    monkeypatch.setattr(compute, "items_for", lambda *a, **k: pytest.fail("study started"))
    code, out, err = memcap_main(capsys, "hardness", "--inputs", "2", "--families", "parity",
                                 *args)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1 and out == ""


def test_hardness_refuses_a_users_out_folder_before_training(monkeypatch, capsys, tmp_path):
    """A non-empty folder memcap did not write is refused before any item is planned or
    trained, and is left as it was (mutant H18: the check skipped until the write)."""
    import empirical.hardness.compute as compute

    (tmp_path / "notes.txt").write_text("mine")
    monkeypatch.setattr(compute, "items_for", lambda *a, **k: pytest.fail("study started"))
    code, _, err = memcap_main(capsys, "hardness", "--inputs", "2", "--families", "parity",
                               "--out", tmp_path)
    assert code == 2 and "not empty" in err and len(err.strip().splitlines()) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_memory_curve_refuses_seq2seq_without_a_transformer(capsys):
    """--seq2seq is a transformer task in a memory curve too (mutant S22: the curve's own
    check dropped, and an MLP curve ran with the flag ignored)."""
    code, out, err = memcap_main(capsys, "search", "--memory-curve", "4,8", "--width", "2",
                                 "--seq2seq", "--steps", "1", "--trials", "1")
    assert code == 2 and out == ""
    assert err == "memcap: error: --seq2seq is a transformer task; add --model transformer\n"
