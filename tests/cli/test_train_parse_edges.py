"""Edges of ``memcap train`` (empirical/cli/train.py) and the training commands' option parsers
(empirical/cli/parse.py) that a mutation audit (2026-12-07) found no test pinned: every
documented limit taken at its value (a list of 10 000 items, a rate of 1e30, 1024 workers), one
worker on any GPU, the messages' wording (a repeated float, a renamed field after "; unknown ",
an empty range's example, where an ensemble size came from), and the table's "diverged" and
"run folder" lines. Each test names the mutants it fails on."""

import pytest
from memcap_cli import memcap_main

import empirical.engine.executor as executor
from capacity.errors import UsageError
from empirical.cli.parse import (
    MAX_LIST,
    auto_workers,
    check_distinct,
    int_list,
    learning_rate_list,
    options_named,
    parse_workers,
    positive_float_list,
    text_items,
)
from empirical.engine.config import MAX_LR
from empirical.engine.executor import MAX_WORKERS


def test_every_limit_is_taken_at_its_value():
    """docs/cli.md: at most 10 000 values a list, rates in [1.2e-38, 1e30], at most 1024
    workers (mutants P01, P07, P08: `>=` for `>`)."""
    assert len(text_items(",".join(["a"] * MAX_LIST), "--optimizers")) == MAX_LIST
    assert len(int_list(",".join(map(str, range(MAX_LIST))), "--seeds", distinct=True)) \
        == MAX_LIST
    with pytest.raises(UsageError, match=f"holds {MAX_LIST + 1} values"):
        text_items(",".join(["a"] * (MAX_LIST + 1)), "--optimizers")
    assert learning_rate_list(repr(MAX_LR)) == (MAX_LR,)
    assert positive_float_list("2", "--x", at_most=2.0) == (2.0,)
    assert parse_workers(str(MAX_WORKERS)) == MAX_WORKERS
    with pytest.raises(UsageError, match=f"at most {MAX_WORKERS}"):
        parse_workers(str(MAX_WORKERS + 1))


def test_auto_workers_is_one_on_any_gpu(monkeypatch):
    """cuda:0 and cuda:1 as cuda: one worker (mutant P12: one a core on a numbered device)."""
    monkeypatch.setattr(executor, "available_cpus", lambda: 8)
    for device in ("cuda", "cuda:0", "cuda:1"):
        assert auto_workers(None, 10, device) == 1, device


def test_the_parsers_messages_say_what_was_typed():
    """A repeated float as typed (:g), a bare field renamed after "; unknown ", an empty range's
    fix quoting a range (mutants P14, P15, P16)."""
    with pytest.raises(UsageError) as info:
        check_distinct([1.0, 2.0, 1.0], "--init-scales")
    assert str(info.value) == "--init-scales repeats 1; list each value once"
    with pytest.raises(UsageError) as info, options_named({"data_seeds": "--data-seeds"}):
        raise UsageError("bad table; unknown data_seeds")
    assert str(info.value) == "bad table; unknown --data-seeds"
    with pytest.raises(UsageError, match=r"LOW <= HIGH, e\.g\. 1\.\.10$"):
        int_list("3..1", "--seeds", "1,2,3")
    with pytest.raises(UsageError, match=r"e\.g\. 2\.\.5$"):
        int_list("3..1", "--inputs", "2..5")


def test_an_ensemble_size_is_refused_naming_where_it_came_from(capsys, tmp_path):
    """--set ensemble=0 is a non-positive count, not a mismatch with --seeds; --set beside
    --config is named as --set's (mutants T12, T13)."""
    code, _, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--steps", "1",
                               "--set", "ensemble=0", "--seeds", "1,2")
    assert code == 2 and "ensemble must be a positive integer, got 0 (from --set)" in err
    config = tmp_path / "c.toml"
    config.write_text("[train]\nsteps = 1\n")
    code, _, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--config", config,
                               "--set", "ensemble=5", "--seeds", "1,2")
    assert code == 2 and "ensemble = 5 (from --set) but --seeds lists 2 values" in err


def test_the_train_table_marks_diverged_members_and_names_the_run_folder(capsys, tmp_path):
    """A rate of 1e29 diverges every member: each row says so; with --out the table ends with
    the run folder (mutants T15, T20)."""
    code, out, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--steps", "20",
                                 "--lr", "1e29")
    assert code == 0, err
    rows = [line for line in out.splitlines() if line.startswith("│")]
    assert len(rows) == 4 and all("diverged" in row for row in rows)
    folder = tmp_path / "r"
    code, out, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--steps", "2",
                                 "--out", folder)
    assert code == 0, err
    assert f"run folder: {folder}" in " ".join(out.split())


@pytest.mark.parametrize("lists, message", [
    (("--seeds", "1,2", "--widths", "4,8,16"), "--seeds lists 2 values but --widths lists 3"),
    (("--seeds", "1,2", "--data-seeds", "1,2", "--widths", "4,8,16"),
     "--seeds lists 2 values but --widths lists 3"),
    (("--data-seeds", "1,2,3", "--widths", "4"), "--data-seeds lists 3 values but --widths "
     "lists 1"),
])
def test_per_member_lists_of_different_lengths_name_both_options(capsys, tmp_path, lists,
                                                                  message):
    """Two per-member list options of different lengths without ``--ensemble`` are refused
    naming both (the config said "--seeds has 2 entries but the ensemble has 3 members" to a
    user who had typed no ensemble, and never named --widths); nothing is written."""
    out = tmp_path / "run"
    code, _, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--steps", "1",
                               "--out", out, *lists)
    assert code == 2 and err == f"memcap: error: {message}; give one per member in each\n"
    assert not out.exists()


def test_a_list_from_set_beside_a_typed_list_names_the_list_that_set_the_size(capsys):
    """A list from ``--set`` that disagrees with a typed one: the config's refusal names the
    longest list (the one that set the ensemble's size), the typed one as its option."""
    code, _, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--steps", "1",
                               "--seeds", "1,2", "--set", "widths=[4,8,16]")
    assert code == 2 and err == ("memcap: error: --seeds has 2 entries but widths has 3; give "
                                 "each per-member list one entry per member\n")
