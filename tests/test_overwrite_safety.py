"""``--overwrite`` replaces only folders that memcap wrote; anything else is refused, untouched.

A user's folder (a thesis and a subfolder) pointed at by ``--overwrite`` must keep every byte, and
the command must end with one line on stderr and exit status 2.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from capacity.atomic_files import (
    MARKER,
    check_not_foreign,
    check_out_folder,
    is_memcap_folder,
    remove_memcap_folder,
    write_folder,
)
from capacity.errors import UsageError


def _user_folder(root: Path) -> Path:
    folder = root / "thesis"
    (folder / "chapters").mkdir(parents=True)
    (folder / "thesis.tex").write_text("\\documentclass{book}\n")
    (folder / "chapters" / "one.tex").write_bytes(b"\x00\x01 precious")
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_write_folder_refuses_a_foreign_folder_and_keeps_its_bytes(tmp_path):
    folder = _user_folder(tmp_path)
    before = _snapshot(folder)
    with pytest.raises(ValueError, match="not written by memcap"):
        write_folder(folder, lambda d: (d / "a.txt").write_text("x"), overwrite=True)
    assert _snapshot(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis"]  # no temp folder left
    with pytest.raises(ValueError, match="not written by memcap"):
        remove_memcap_folder(folder)
    assert _snapshot(folder) == before


def test_write_folder_replaces_its_own_folder(tmp_path):
    out = write_folder(tmp_path / "res", lambda d: (d / "a.txt").write_text("1"))
    assert is_memcap_folder(out)
    with pytest.raises(ValueError, match="pass --overwrite"):
        check_out_folder(out)
    write_folder(out, lambda d: (d / "b.txt").write_text("2"), overwrite=True)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "b.txt"]


@pytest.mark.parametrize("via", ["res/../res", "res/./../res", "other/../res"])
def test_overwrite_through_a_dotdot_replaces_the_folder_it_names(tmp_path, via):
    """``--out run/../run --overwrite`` renamed ``run`` aside, after which ``run/..`` named
    nothing: both renames back failed, the results were left hidden in ``.run.old-*`` and the
    command exited 74 (2026-12-06 review). The path is resolved once, before any rename."""
    (tmp_path / "other").mkdir()
    write_folder(tmp_path / "res", lambda d: (d / "a.txt").write_text("1"))
    out = write_folder(tmp_path / via, lambda d: (d / "b.txt").write_text("2"), overwrite=True)
    assert out == tmp_path.resolve() / "res"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other", "res"]  # nothing hidden
    assert sorted(p.name for p in (tmp_path / "res").iterdir()) == [MARKER, "b.txt"]


def test_a_second_interrupt_during_the_cleanup_leaves_no_temporary_folder(tmp_path,
                                                                           monkeypatch):
    """Ctrl-C twice (or `timeout`'s signal to the process and then its group) stopped the
    removal of the temporary folder half-way: `.res.tmp-*` stayed, and nothing removed it
    later (2026-12-03 audit). The second interrupt now waits for the removal."""
    import signal

    import capacity.atomic_files as atomic_files

    real = shutil.rmtree

    def interrupted_rmtree(path, *args, **kw):
        os.kill(os.getpid(), signal.SIGINT)  # the second Ctrl-C, as the removal begins
        for _ in range(1000):  # bytecodes at which an undeferred KeyboardInterrupt is raised
            pass
        real(path, *args, **kw)

    def writer(d: Path) -> None:
        (d / "metrics.csv").write_text("step\n")
        raise KeyboardInterrupt  # the first Ctrl-C, during the work

    monkeypatch.setattr(atomic_files.shutil, "rmtree", interrupted_rmtree)
    with pytest.raises(KeyboardInterrupt):
        write_folder(tmp_path / "res", writer)
    assert list(tmp_path.iterdir()) == []


def test_an_interrupt_before_the_cleanups_deferral_still_removes_everything(tmp_path,
                                                                           monkeypatch):
    """A second interrupt that arrived after the first had left the work but before the
    cleanup's signal deferral was installed skipped the removal: `.res.tmp-*` (18 MB of a run)
    stayed behind (2026-12-05 review, 3 of 8 double SIGINTs). The removal is retried; the
    parents write_folder created for `--out a/b/res` go too (they stayed, empty)."""
    import capacity.atomic_files as atomic_files

    real, calls = atomic_files.interrupts_deferred, []

    def interrupted_once():
        calls.append(1)
        if len(calls) == 1:  # the second Ctrl-C, as the cleanup begins
            raise KeyboardInterrupt
        return real()

    def writer(d: Path) -> None:
        (d / "metrics.csv").write_text("step\n")
        raise KeyboardInterrupt  # the first Ctrl-C, during the work

    monkeypatch.setattr(atomic_files, "interrupts_deferred", interrupted_once)
    with pytest.raises(KeyboardInterrupt):
        write_folder(tmp_path / "a" / "b" / "res", writer)
    assert list(tmp_path.iterdir()) == [] and len(calls) == 2


def test_only_the_parents_write_folder_made_are_removed_after_a_failure(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "notes.txt").write_text("mine")

    def fail(d: Path) -> None:
        raise RuntimeError("the work failed")

    with pytest.raises(RuntimeError):
        write_folder(tmp_path / "a" / "b" / "c" / "res", fail)
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["notes.txt"]


def test_a_folder_finished_by_another_run_meanwhile_is_not_replaced_without_overwrite(
        tmp_path, monkeypatch):
    """Two runs with one --out and no --overwrite: the second to finish silently replaced the
    first's results, both exiting 0 (2026-12-05 review: 4 of 4 races). The final rename now
    refuses a non-empty folder, and the first run's folder stays whole."""
    out = tmp_path / "race"

    def slow_writer(d: Path) -> None:
        (d / "run.txt").write_text("A")
        write_folder(out, lambda e: (e / "run.txt").write_text("B"))  # B finishes first

    with pytest.raises(UsageError, match="was filled by something else while this command ran"):
        write_folder(out, slow_writer)
    assert (out / "run.txt").read_text() == "B"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["race"]
    import capacity.atomic_files as atomic_files

    shutil.rmtree(out)
    real, raced = Path.rename, []

    def racing_rename(self, target):  # another run's folder lands just before this one's
        if self.name.startswith(".race.tmp-") and not raced:
            raced.append(1)
            write_folder(out, lambda e: (e / "run.txt").write_text("D"))
        return real(self, target)

    monkeypatch.setattr(atomic_files.Path, "rename", racing_rename)
    write_folder(out, lambda d: (d / "run.txt").write_text("C"), overwrite=True)
    monkeypatch.undo()
    assert raced and (out / "run.txt").read_text() == "C"  # --overwrite: the later run wins
    assert sorted(p.name for p in tmp_path.iterdir()) == ["race"]
    empty = tmp_path / "empty"
    empty.mkdir()  # an empty folder the user made is still taken without --overwrite
    assert (write_folder(empty, lambda d: (d / "x").write_text("1")) / "x").read_text() == "1"


def _replace_with_a_hook_before_the_new_folder_moves_in(tmp_path, monkeypatch, hook) -> Path:
    """Write ``res``, then replace it (``--overwrite``) with ``hook()`` run just before the new
    folder is renamed onto it (expected to end in KeyboardInterrupt); return ``res``."""
    import capacity.atomic_files as atomic_files

    out = write_folder(tmp_path / "res", lambda d: (d / "a.txt").write_text("1"))
    real = Path.rename

    def hooked_rename(self, target):
        if self.name.startswith(".res.tmp-"):
            hook()
        return real(self, target)

    monkeypatch.setattr(atomic_files.Path, "rename", hooked_rename)
    with pytest.raises(KeyboardInterrupt):
        write_folder(out, lambda d: (d / "b.txt").write_text("2"), overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["res"]
    return out


def test_an_interrupt_between_the_renames_keeps_the_old_folder(tmp_path, monkeypatch):
    """Replacing a folder renames it aside and the new one in: a failure of the second rename
    put the old folder back instead of leaving it hidden as `.res.old-*`."""
    def fail():
        raise KeyboardInterrupt

    out = _replace_with_a_hook_before_the_new_folder_moves_in(tmp_path, monkeypatch, fail)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "a.txt"]


def test_a_ctrl_c_between_the_renames_waits_for_the_old_folders_removal(tmp_path, monkeypatch):
    """The interrupt deferred over the renames was raised at the block's end, which skipped the
    removal of the old folder placed after it: `.res.old-*` stayed (2026-12-03 review)."""
    import signal

    def ctrl_c():  # just before the new folder moves in
        os.kill(os.getpid(), signal.SIGINT)

    # a background job (`cmd &` in a script) inherits SIGINT ignored, and the test then saw no
    # interrupt at all (2026-12-04 test review): Python's own handler, as in a terminal
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        out = _replace_with_a_hook_before_the_new_folder_moves_in(tmp_path, monkeypatch, ctrl_c)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "b.txt"]


def test_a_signal_during_the_handlers_restore_is_not_swallowed(monkeypatch):
    """A Ctrl-C while the deferral put the handlers back left its recording handler installed
    for SIGTERM, so a later `kill` was swallowed (2026-12-03 review); a handler left behind now
    delivers to the previous one."""
    import signal

    import capacity.atomic_files as atomic_files

    calls = []
    before = signal.signal(signal.SIGTERM, lambda s, f: calls.append(s))
    try:
        real = signal.signal
        sigint_installs = []

        def interrupted(sig, handler):
            out = real(sig, handler)
            if sig == signal.SIGINT:
                sigint_installs.append(handler)
                if len(sigint_installs) == 2:  # the restore's first step: SIGTERM not yet back
                    raise KeyboardInterrupt
            return out

        monkeypatch.setattr(atomic_files.signal, "signal", interrupted)
        with pytest.raises(KeyboardInterrupt):
            with atomic_files.interrupts_deferred():
                pass
        monkeypatch.setattr(atomic_files.signal, "signal", real)
        os.kill(os.getpid(), signal.SIGTERM)  # the recorder may still be installed: it delivers
        for _ in range(1000):
            pass
        assert calls == [signal.SIGTERM]
    finally:
        signal.signal(signal.SIGTERM, before)


def test_a_sighup_waits_for_the_steps_that_must_not_stop_half_way():
    """Inside sigterm_as_interrupt a SIGHUP stops a command; inside interrupts_deferred it must
    wait, like SIGTERM, until the block (the renames that replace an old --out) has ended: it
    stopped the block half-way (2026-12-05 review)."""
    import signal

    from capacity.atomic_files import interrupts_deferred
    from capacity.interrupts import sigterm_as_interrupt

    finished = []
    with pytest.raises(KeyboardInterrupt, match="SIGHUP"):
        with sigterm_as_interrupt(), interrupts_deferred():
            os.kill(os.getpid(), signal.SIGHUP)
            for _ in range(1000):
                pass
            finished.append(True)
    assert finished == [True]


def test_result_folders_get_the_users_umask(tmp_path):
    old = os.umask(0o022)
    try:
        out = write_folder(tmp_path / "res", lambda d: (d / "a.txt").write_text("1"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert stat.S_IMODE((out / MARKER).stat().st_mode) == 0o644


@pytest.mark.parametrize("argv", [
    ["compare", "--inputs", "1", "--overwrite"],
    ["tour", "--overwrite", "--quick"],
    ["sweep", "--preset", "l2-blog-sweep", "--overwrite"],
    ["train", "--overwrite"],
    ["search", "--inputs", "2", "--overwrite"],
    ["hardness", "--inputs", "2", "--overwrite"],
])
@pytest.mark.parametrize("overwrite", [True, False])
def test_cli_overwrite_refuses_a_foreign_folder(tmp_path, argv, overwrite):
    """Without --overwrite the refusal does not advise it either: train, search, compare,
    hardness and tour said 'pass --overwrite to replace it', which was then refused (2026-12-04
    audit)."""
    folder = _user_folder(tmp_path)
    before = _snapshot(folder)
    argv = argv if overwrite else [a for a in argv if a != "--overwrite"]
    proc = subprocess.run([sys.executable, "-m", "memcap", *argv, "--out", str(folder)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "not written by memcap" in proc.stderr and "pass --overwrite" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert _snapshot(folder) == before


def test_overwrite_keeps_a_file_the_user_added_to_a_memcap_folder(tmp_path):
    """The marker lists what memcap wrote; anything else in the folder blocks --overwrite."""
    out = write_folder(tmp_path / "res", lambda d: (d / "a.txt").write_text("1"))
    (out / "notes.txt").write_text("my notes")
    (out / "mydata").mkdir()
    (out / "mydata" / "x.csv").write_text("1,2")
    before = _snapshot(out)
    with pytest.raises(ValueError, match="3 entries memcap did not write .'mydata', "
                                         "'mydata/x.csv', 'notes.txt'"):
        write_folder(out, lambda d: (d / "b.txt").write_text("2"), overwrite=True)
    with pytest.raises(ValueError, match="did not write"):
        remove_memcap_folder(out)
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["res"]  # no temp folder left
    (out / "notes.txt").unlink()
    shutil.rmtree(out / "mydata")
    (out / ".a.txt.memcap-k3j2x7q1.txt").write_text("")  # a killed atomic write's temp: memcap's
    write_folder(out, lambda d: (d / "b.txt").write_text("2"), overwrite=True)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "b.txt"]


_LEGACY_MARKER = '{"format": "memcap.folder/1", "note": "written by memcap"}\n'


def test_a_folder_marked_by_an_older_memcap_is_replaced_while_it_holds_only_memcaps_names(
        tmp_path):
    """A marker without an entry list (memcap of 2026-11-30) reads as listing the names memcap
    wrote then: such a folder is still replaced whole."""
    out = tmp_path / "old"
    (out / "runs").mkdir(parents=True)
    (out / MARKER).write_text(_LEGACY_MARKER)
    for name in ("compare.json", "compare-neurons.png", "spec.json", "runs/group-0003.csv"):
        (out / name).write_text("{}")
    write_folder(out, lambda d: (d / "b.txt").write_text("2"), overwrite=True)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "b.txt"]


@pytest.mark.parametrize("mine", ["thesis.tex", "runs/group-backup.csv", "networks/notes.txt"])
def test_a_users_file_in_a_folder_marked_by_an_older_memcap_refuses_overwrite(tmp_path, mine):
    """Until 2026-12-06 a folder whose marker had no entry list counted as memcap's whole, so
    --overwrite deleted a thesis.tex a user had put in it (2026-12-05 review)."""
    out = tmp_path / "old"
    (out / "runs").mkdir(parents=True)
    (out / "networks").mkdir()
    (out / MARKER).write_text(_LEGACY_MARKER)
    (out / "compare.json").write_text("{}")
    (out / mine).write_text("mine")
    before = _snapshot(out)
    with pytest.raises(UsageError, match=f"1 entry memcap did not write .'{mine}'"):
        write_folder(out, lambda d: (d / "b.txt").write_text("2"), overwrite=True)
    assert _snapshot(out) == before
    with pytest.raises(UsageError, match="exists and memcap did not write it"):
        check_not_foreign(out, [mine])
    check_not_foreign(out, ["compare.json"])  # memcap's name then: its to replace


def test_a_reported_sweep_folder_is_replaced_but_not_with_a_users_file(tmp_path, capsys):
    """A sweep writes into its folder after marking it, and `memcap report` adds to it: both list
    their files in the marker, so --overwrite still replaces the folder — until a user adds one.
    (In this process: 12 s in four fresh ones, 2026-12-05 durations.)"""
    from memcap_cli import memcap_main

    spec = tmp_path / "spec.toml"
    spec.write_text('name = "tiny"\nseeds = [0]\nmetrics = ["last(train_acc)"]\n[base]\n'
                    'data = { n_train = 10, n_test = 4 }\ntrain = { steps = 3, log_every = 3 }\n'
                    '[[grid]]\nfield = "model.width"\nvalues = [3, 6]\n')
    out = tmp_path / "sw"
    assert memcap_main(capsys, "sweep", spec, "--out", out)[0] == 0
    assert memcap_main(capsys, "report", out, "--metric", "max(train_loss)")[0] == 0
    code, _, err = memcap_main(capsys, "sweep", spec, "--out", out, "--overwrite")
    assert code == 0, err
    (out / "notes.txt").write_text("mine")
    code, _, err = memcap_main(capsys, "sweep", spec, "--out", out, "--overwrite")
    assert code == 2 and "memcap did not write ('notes.txt')" in err
    assert (out / "notes.txt").read_text() == "mine"


def test_sweep_into_a_foreign_folder_says_so_without_suggesting_overwrite(tmp_path):
    folder = _user_folder(tmp_path)
    before = _snapshot(folder)
    proc = subprocess.run([sys.executable, "-m", "memcap", "sweep", "--preset", "l2-blog-sweep",
                           "--out", str(folder)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "not written by memcap" in proc.stderr
    assert "--overwrite" not in proc.stderr and _snapshot(folder) == before


def test_overwrite_keeps_a_file_the_user_added_inside_a_memcap_subfolder(tmp_path):
    """The marker lists paths at every depth: a user's file in memcap's own subfolder (a
    sweep's runs/, the tour's networks/) blocks --overwrite as one at the top does."""
    def writer(d):
        (d / "networks").mkdir()
        (d / "networks" / "net.json").write_text("{}")

    out = write_folder(tmp_path / "res", writer)
    (out / "networks" / "mine.json").write_text("mine")
    with pytest.raises(ValueError, match="1 entry memcap did not write .'networks/mine.json'"):
        write_folder(out, writer, overwrite=True)
    assert (out / "networks" / "mine.json").read_text() == "mine"
    (out / "networks" / "mine.json").unlink()
    write_folder(out, writer, overwrite=True)


def test_a_damaged_marker_blocks_overwrite_with_its_own_message(tmp_path):
    out = write_folder(tmp_path / "res", lambda d: (d / "a.txt").write_text("1"))
    for damage in ("[1, 2", "[" * 200_000 + "]" * 200_000):  # the second: RecursionError, 70
        (out / MARKER).write_text(damage)
        with pytest.raises(UsageError, match="file of .* is damaged"):
            write_folder(out, lambda d: (d / "b.txt").write_text("2"), overwrite=True)
        assert (out / "a.txt").read_text() == "1"


def test_sweep_overwrite_keeps_a_users_file_in_runs_and_refuses_the_current_folder(tmp_path,
                                                                                 monkeypatch,
                                                                                 capsys):
    """In this process (four ``memcap`` processes took 13 s of a CI run)."""
    from memcap_cli import memcap_main

    spec = tmp_path / "spec.toml"
    spec.write_text('name = "tiny"\nseeds = [0]\nmetrics = ["last(train_acc)"]\n[base]\n'
                    'data = { n_train = 10, n_test = 4 }\ntrain = { steps = 3, log_every = 3 }\n'
                    '[[grid]]\nfield = "model.width"\nvalues = [3, 6]\n')
    other = tmp_path / "other.toml"
    other.write_text(spec.read_text().replace("[3, 6]", "[4, 5]"))
    out = tmp_path / "sw"

    def memcap(*argv):
        return memcap_main(capsys, *argv)

    assert memcap("sweep", spec, "--out", out)[0] == 0
    (out / "runs" / "notes.txt").write_text("mine")
    code, _, err = memcap("sweep", other, "--out", out, "--overwrite")
    assert code == 2 and "'runs/notes.txt'" in err
    (out / "runs" / "notes.txt").unlink()
    before = sorted(p.name for p in out.iterdir())
    monkeypatch.chdir(out)
    code, _, err = memcap("sweep", other, "--out", ".", "--overwrite")
    assert code == 2 and "is the current folder or holds it" in err
    assert sorted(p.name for p in out.iterdir()) == before  # nothing deleted
    assert memcap("sweep", spec, "--out", ".")[0] == 0  # a resume is fine


def test_a_user_file_named_like_the_start_of_a_listed_entry_blocks_overwrite(tmp_path):
    """A listed entry's name is not a prefix rule: the user's ``summary`` beside memcap's
    ``summary.csv``, or a folder ``run`` beside memcap's ``runs/``, is the user's (a test review
    found that a prefix match would let --overwrite delete them)."""
    def writer(d: Path) -> None:
        (d / "summary.csv").write_text("a")
        (d / "runs").mkdir()
        (d / "runs" / "a.csv").write_text("b")

    out = write_folder(tmp_path / "res", writer)
    for name, make in (("summary", lambda p: p.write_text("mine")),
                       ("run", lambda p: p.mkdir())):
        make(out / name)
        before = _snapshot(out)
        with pytest.raises(ValueError, match=f"did not write .'{name}'"):
            write_folder(out, writer, overwrite=True)
        assert _snapshot(out) == before and (out / name).exists()
        shutil.rmtree(out / name) if (out / name).is_dir() else (out / name).unlink()
    write_folder(out, writer, overwrite=True)  # memcap's own entries alone: replaced


def test_a_file_added_while_the_work_runs_blocks_the_final_rename(tmp_path):
    """write_folder checks the old folder again after the work, before renaming it away: a file
    the user saved into it meanwhile is kept, the new folder is not installed, and no hidden
    temporary or old folder is left beside it."""
    out = write_folder(tmp_path / "res", lambda d: (d / "a.txt").write_text("1"))

    def slow_writer(d: Path) -> None:
        (d / "a.txt").write_text("2")
        (out / "user.txt").write_text("saved during the run")

    with pytest.raises(ValueError, match="did not write .'user.txt'"):
        write_folder(out, slow_writer, overwrite=True)
    assert (out / "user.txt").read_text() == "saved during the run"
    assert (out / "a.txt").read_text() == "1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["res"]


def test_a_failed_atomic_write_leaves_no_temporary_and_the_old_bytes(tmp_path):
    """atomic_write either installs the new file whole or leaves the old one (and no
    temporary file) when the writer fails."""
    from capacity.atomic_files import atomic_write

    target = tmp_path / "table.csv"
    target.write_text("old")

    def failing(tmp: Path) -> None:
        tmp.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        atomic_write(target, failing)
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]
    assert target.read_text() == "old"
    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "new.csv", lambda tmp: (_ for _ in ()).throw(KeyboardInterrupt))
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


# --- set_contents_aside: a replacement keeps the old contents until the new ones are complete --

def _marked(root: Path, files: dict[str, str]) -> Path:
    from capacity.atomic_files import mark_folder

    root.mkdir()
    for name, text in files.items():
        (root / name).write_text(text)
    mark_folder(root, ["*.txt"])
    return root


def _files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MARKER}


def test_a_stale_set_aside_folder_never_costs_a_complete_result(tmp_path):
    """A finished result beside a set-aside folder a kill kept from being deleted (or one the
    user moved back by hand) was deleted by the next replacement, which kept the stale folder
    (review, 2026-12-03): complete contents now replace it; unfinished ones do not."""
    from capacity.atomic_files import REPLACED, discard_set_aside, set_contents_aside

    d = _marked(tmp_path / "out", {"a.txt": "A"})
    set_contents_aside(d, True, ["*.txt"])
    (d / "c.txt").write_text("C, complete")  # then killed before discard_set_aside
    set_contents_aside(d, True, ["*.txt"])  # C is complete: it is what is kept now
    assert _files(d / REPLACED) == {"c.txt": "C, complete"}
    (d / "b.txt").write_text("B, unfinished")
    set_contents_aside(d, False, ["*.txt"])  # B was unfinished: C stays kept, B goes
    assert _files(d / REPLACED) == {"c.txt": "C, complete"} and not (d / "b.txt").exists()
    discard_set_aside(d)
    assert sorted(p.name for p in d.iterdir()) == [MARKER]
    assert REPLACED not in (d / MARKER).read_text()  # the marker forgets it


def test_a_move_cut_short_by_a_kill_is_finished_first(tmp_path):
    """A SIGKILL in the middle of the move left runs/ and the manifest aside and the rest on
    top; a resume then retrained beside them, and every later --overwrite failed with exit 74
    (review, 2026-12-03). The interrupted move is completed before the folder is read."""
    from capacity.atomic_files import REPLACED, finish_set_aside, record_entries

    d = _marked(tmp_path / "out", {"a.txt": "A", "b.txt": "B"})
    record_entries(d, [".memcap-replacing/**"])
    (d / ".memcap-replacing").mkdir()
    (d / "a.txt").rename(d / ".memcap-replacing" / "a.txt")  # killed after one rename
    finish_set_aside(d)
    assert _files(d / REPLACED) == {"a.txt": "A", "b.txt": "B"}
    assert sorted(p.name for p in d.iterdir()) == [MARKER, REPLACED]


def test_a_users_folder_named_like_the_set_aside_one_is_not_memcaps(tmp_path):
    """Every sweep marker listed .memcap-replaced/**, so a user's notes there were deleted by a
    plain resume (review, 2026-12-03): only a replacement lists it, and only while it lasts."""
    from capacity.atomic_files import REPLACED, check_replaceable, discard_set_aside

    d = _marked(tmp_path / "out", {"a.txt": "A"})
    (d / REPLACED).mkdir()
    (d / REPLACED / "notes.txt").write_text("mine")
    discard_set_aside(d)
    assert (d / REPLACED / "notes.txt").read_text() == "mine"
    with pytest.raises(ValueError, match="memcap did not write"):
        check_replaceable(d, held=True)


def test_a_folder_made_unwritable_during_the_run_is_an_io_error(tmp_path, capsys, monkeypatch):
    """docs/cli.md: a permission changed mid-run is status 74. The command checks --out before
    its work and write_folder checks again after it; the second refusal was reported as bad
    input (status 2) until 2026-12-03. Nothing is written either way."""
    import capacity.atomic_files as af
    from tests.memcap_cli import memcap_main

    real, calls = af._check_probe, []

    def probe(out, parent, option):
        calls.append(out)
        if len(calls) > 1:  # after the work: the folder lost its write permission meanwhile
            raise af.FolderNotWritable(f"cannot write {option} {str(out)!r}: folder "
                                       f"{str(out.parent)!r} is not writable (Permission "
                                       f"denied); choose another {option}")
        real(out, parent, option)

    monkeypatch.setattr(af, "_check_probe", probe)
    out = tmp_path / "cmp"
    code, _, err = memcap_main(capsys, "compare", "--inputs", "1..2", "--no-train", "--out",
                               str(out))
    assert code == 74, err
    assert err.startswith("memcap: I/O error: cannot write --out") and "changed" in err
    assert len(err.strip().splitlines()) == 1
    assert len(calls) == 2 and list(tmp_path.iterdir()) == []
    with pytest.raises(PermissionError):  # the library call says the same
        write_folder(tmp_path / "x", lambda d: None)


def test_sigterm_stops_a_command_without_workers_like_ctrl_c(tmp_path, capsys):
    """`kill PID` ended `construct` (and every command without worker processes) at once with
    status 143, leaving any temporary file it was writing, until 2026-12-03; every command now
    runs inside capacity.interrupts.sigterm_as_interrupt: status 130, `memcap: interrupted`,
    nothing written, and the caller's own SIGTERM handler back afterwards."""
    import signal
    import threading

    from tests.memcap_cli import memcap_main

    mine = []  # this test's handler: a SIGTERM outside the command must not end the test run
    previous = signal.signal(signal.SIGTERM, lambda *a: mine.append(a))
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGTERM))
    try:
        timer.start()  # M = 22 takes ≈ 15 s to build and verify: the signal lands in the build
        code, _, err = memcap_main(capsys, "construct", "-M", "22", "--function", "random",
                                   "--method", "xorsys", "--save", str(tmp_path / "net.json"))
        assert code == 130, err
        assert err.strip() == "memcap: interrupted" and mine == []
        assert list(tmp_path.iterdir()) == []
        assert signal.getsignal(signal.SIGTERM).__name__ == "<lambda>"  # ours again
    finally:
        timer.cancel()
        timer.join()  # the timer thread is done before our handler goes
        signal.signal(signal.SIGTERM, previous)


@pytest.mark.parametrize("signame", ["SIGHUP", "SIGTERM"])
def test_a_closed_terminal_stops_compare_like_ctrl_c_and_leaves_nothing(tmp_path, capsys,
                                                                        signame):
    """A SIGHUP (the terminal or ssh session closed) ended `compare --out` at once and left an
    empty .memcap-figures-* folder beside the output on every run (2026-12-05 review); it now
    stops the command as SIGTERM and Ctrl-C do: status 130, nothing left, handlers restored."""
    import signal
    import threading

    from tests.memcap_cli import memcap_main

    signum = getattr(signal, signame)
    mine = []
    previous = signal.signal(signum, lambda *a: mine.append(a))
    timer = threading.Timer(1.5, os.kill, (os.getpid(), signum))
    try:
        timer.start()  # the figures' staging folder exists from before the training
        code, _, err = memcap_main(capsys, "compare", "--inputs", "1..8", "--out",
                                   str(tmp_path / "c"))
        assert code == 130 and err.strip() == "memcap: interrupted", err
        # nothing left beside the output; the output itself only when the run finished first
        # (a finaliser swallowed the interrupt and it ran on to its end until 2026-12-06; the
        # interrupt is delivered again now): then whole, and status 130
        left = sorted(p.name for p in tmp_path.iterdir())
        assert left in ([], ["c"]) and mine == [], left
        assert left == [] or (tmp_path / "c" / "compare.json").is_file()
        assert signal.getsignal(signum).__name__ == "<lambda>"  # ours again
    finally:
        timer.cancel()
        timer.join()
        signal.signal(signum, previous)


def test_a_mount_point_as_out_is_refused_before_the_work(tmp_path, capsys, monkeypatch):
    """An empty mount point passed every check, the work ran, and the final rename failed with
    status 74 (2026-12-03 audit): it is refused first now, with the fix in the message."""
    from tests.memcap_cli import memcap_main

    mount = tmp_path / "disk"
    mount.mkdir()
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == mount or real(p))
    with pytest.raises(ValueError, match="mount point"):
        check_out_folder(mount)
    code, _, err = memcap_main(capsys, "hardness", "--inputs", "2", "--out", str(mount))
    assert code == 2 and "is a mount point" in err and "inside it" in err
    assert list(mount.iterdir()) == []
    assert check_out_folder(mount / "run") == mount / "run"  # a folder inside it is fine


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the swallowing
def test_a_sigterm_whose_interrupt_was_swallowed_still_ends_the_command_as_interrupted(
        tmp_path, capsys, monkeypatch):
    """Python drops an exception raised while a finaliser runs ("Exception ignored in ..."): a
    SIGTERM landing there let the command finish with status 0, and the handler then ignored
    every later SIGTERM (2026-12-03 review). main() now reports any SIGTERM that arrived."""
    import gc
    import signal

    import constructions.builders as builders
    from tests.memcap_cli import memcap_main

    real_build = builders.build

    class Finalised:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGTERM)  # its KeyboardInterrupt is swallowed here

    def build(*args, **kwargs):
        Finalised()  # dropped at once: __del__ runs, the interrupt is printed and ignored
        gc.collect()
        return real_build(*args, **kwargs)

    mine = []
    previous = signal.signal(signal.SIGTERM, lambda *a: mine.append(a))
    try:
        monkeypatch.setattr(builders, "build", build)
        code, _, err = memcap_main(capsys, "construct", "-M", "3", "--function", "parity",
                                   "--method", "lookup", "--save", str(tmp_path / "net.json"))
        assert code == 130 and err.strip().endswith("memcap: interrupted"), err
        assert mine == [] and signal.getsignal(signal.SIGTERM).__name__ == "<lambda>"
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.mark.parametrize("when", ["install", "restore"])
def test_an_interrupt_during_the_handlers_install_or_restore_leaves_them_restored(
        monkeypatch, when):
    """A signal landing inside the block's signal.signal calls skipped recording the previous
    handler (install) or the rest of the restore: the block's handler stayed for good
    (2026-12-06 review). The restore is done again and the interrupt raised after it."""
    import signal

    import capacity.interrupts as interrupts

    real = signal.signal

    def mine(*args):
        pass

    before = real(signal.SIGTERM, mine)
    hook = interrupts.sys.unraisablehook
    fired = []

    def landing(signum, handler):  # the signal lands after the install, before the restore
        installing = getattr(handler, "__name__", "") == "interrupt"
        if not fired and not installing and when == "restore":
            fired.append(signum)
            raise KeyboardInterrupt("SIGINT")
        out = real(signum, handler)
        if not fired and installing and when == "install":
            fired.append(signum)
            raise KeyboardInterrupt("SIGTERM")
        return out

    try:
        monkeypatch.setattr(interrupts.signal, "signal", landing)
        with pytest.raises(KeyboardInterrupt):
            with interrupts.sigterm_as_interrupt():
                pass
        assert fired and real(signal.SIGTERM, mine) is mine  # ours again, not the block's
        assert interrupts.sys.unraisablehook is hook
    finally:
        real(signal.SIGTERM, before)


def test_an_ignored_sigterm_stays_ignored(capsys):
    """A launcher that ignores SIGTERM (`trap '' TERM`) meant it: memcap leaves it ignored."""
    import signal

    from capacity.interrupts import sigterm_as_interrupt

    previous = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        with sigterm_as_interrupt() as term:
            assert signal.getsignal(signal.SIGTERM) == signal.SIG_IGN
            os.kill(os.getpid(), signal.SIGTERM)
        assert not term.fired
    finally:
        signal.signal(signal.SIGTERM, previous)


_SIGNAL_SCRIPT = r"""
import gc, os, signal, sys, time
from capacity.interrupts import sigterm_as_interrupt

case = sys.argv[1]
# a test run started in the background (`pytest ... &` from a script) passes SIGINT ignored:
# Ctrl-C would do nothing here (review)
signal.signal(signal.SIGINT, signal.default_int_handler)


class F:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGTERM)  # raised in a finaliser: swallowed


with sigterm_as_interrupt() as term:
    try:
        if case == "swallowed":
            F(); gc.collect()  # delivered again once the finaliser is over: the block stops
            time.sleep(30)
            print("not stopped", flush=True)
        elif case == "swallowed-third-kills":  # swallowed, a stop, a third in the cleanup
            F(); gc.collect()
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(30)
        elif case == "swallowed-then-kill":  # a new SIGTERM before the redelivery: one stop
            F(); gc.collect()
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(30)
            print("not stopped", flush=True)
        elif case == "swallowed-at-once":  # a redelivery that lands inside the hook itself
            import capacity.interrupts as interrupts
            interrupts.REDELIVERY_DELAY_S = 0  # (a busy process: the hook's thread start)
            F(); gc.collect()
            time.sleep(30)
            print("not stopped", flush=True)
        elif case == "ctrl-c-swallowed":  # Python's own Ctrl-C, swallowed likewise
            class C:
                def __del__(self):
                    os.kill(os.getpid(), signal.SIGINT)
            C(); gc.collect()
            time.sleep(30)
            print("not stopped", flush=True)
        elif case == "ctrl-c-at-the-end":  # swallowed as the block ends: still counted
            class C:
                def __del__(self):
                    os.kill(os.getpid(), signal.SIGINT)
            C(); gc.collect()
        elif case == "swallowed-twice":  # the redelivered interrupt swallowed again: again
            class G:
                def __del__(self):
                    time.sleep(0.5)  # the redelivery lands here and is swallowed
            F(); gc.collect(); G(); gc.collect()
            time.sleep(30)
            print("not stopped", flush=True)
        elif case == "in-except":  # a library handling an unrelated exception: still stopped
            try:
                raise LookupError("a font not found")
            except LookupError:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(30)
        else:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(30)
    except KeyboardInterrupt:
        print("interrupted", term.signals, term.redelivered, flush=True)
        if case == "swallowed-third-kills":  # the third signal in all: the default at once
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(30)
            print("survived", flush=True)
        if case == "slow-cleanup":  # two more SIGTERMs while cleaning up: the default, at once
            os.kill(os.getpid(), signal.SIGTERM)
            print("first ignored", flush=True)
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(30)
            print("cleanup finished", flush=True)
if case == "ctrl-c-at-the-end":  # the block ended first; the Ctrl-C was still counted
    print("ended", term.signals, term.redelivered, flush=True)
"""


@pytest.mark.parametrize("case, out, code", [
    ("swallowed", "interrupted 1 1\n", 0),
    ("swallowed-then-kill", "interrupted 2 1\n", 0),  # both counted (the kill was not)
    ("swallowed-third-kills", "interrupted 2 1\n", -15),  # it took a fourth (review)
    ("swallowed-twice", "interrupted 1 2\n", 0),
    ("swallowed-at-once", "interrupted 1 1\n", 0),
    ("ctrl-c-swallowed", "interrupted 1 1\n", 0),
    ("ctrl-c-at-the-end", "ended 1 1\n", 0),
    ("slow-cleanup", "interrupted 1 0\nfirst ignored\n", -15),
    ("in-except", "interrupted 1 0\n", 0),
])
def test_repeated_sigterms(case, out, code):
    """The first SIGTERM always raises, even inside an unrelated `except` (a library's); an
    interrupt swallowed by a finaliser is raised again once the finaliser is over (the block
    ran on with SIGTERM ignored until 2026-12-03's review, then to its end until 2026-12-06's),
    and a new SIGTERM before that stops the block once; during the cleanup of an interrupt one
    more is ignored and the next ends the process as SIGTERM's default does. Every stop cuts
    the script's 30 s sleep short: a redelivery is a real signal to the main thread (as
    ``_thread.interrupt_main`` it waited for the sleep's end)."""
    import time

    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _SIGNAL_SCRIPT, case], capture_output=True,
                          text=True, timeout=120)
    assert proc.stdout == out and proc.returncode == code, (proc.stdout, proc.stderr)
    assert time.perf_counter() - t0 < 20, "a sleep was not cut short"
    assert "Exception ignored in sys.unraisablehook" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("command", [
    ("hardness", "--inputs", "2"),
    ("sweep", "--preset", "l2-blog-sweep"),
    ("search", "-M", "2", "--steps", "20"),
])
def test_a_dotdot_after_a_missing_folder_is_refused_before_anything_is_written(
        tmp_path, capsys, command):
    """``--out thesis/new/..``: the path did not resolve, so it passed as a missing folder; the
    work ran, ``thesis/new`` was created, and the command then refused ``thesis`` (not memcap's)
    with status 2, leaving ``new`` (a sweep also its lock file) in the user's folder
    (2026-12-04 review)."""
    from tests.memcap_cli import memcap_main

    folder = _user_folder(tmp_path)
    before = sorted(p.name for p in folder.rglob("*"))
    code, out, err = memcap_main(capsys, *command, "--out", str(folder / "new" / ".."))
    assert code == 2 and "the '..' after it cannot be followed" in err, err
    assert err.count("\n") == 1 and not out
    assert sorted(p.name for p in folder.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis"]


def test_a_final_dotdot_of_an_existing_folder_names_that_folder(tmp_path):
    from capacity.atomic_files import check_followable

    (tmp_path / "a").mkdir()
    assert check_followable(tmp_path / "a" / "..") == tmp_path.resolve()
    out = write_folder(tmp_path / "a" / ".." / "res", lambda d: (d / "x.txt").write_text("1"))
    assert (tmp_path / "res" / "x.txt").read_text() == "1" and out.name == "res"


@pytest.mark.parametrize("listed", [["runs/**"], ["runs"]])
def test_a_folder_listed_with_its_contents_covers_no_sibling_that_starts_like_it(tmp_path,
                                                                                  listed):
    """``NAME/**`` (and an older marker's folder listed alone, which covers its contents)
    lists that folder and everything in it, never a sibling whose name merely starts with
    NAME: a mutation turning the match into a prefix rule (``runs.bak``, ``runsX/`` taken for
    memcap's) passed every test (2026-12-04 test review)."""
    from capacity.atomic_files import check_replaceable, mark_folder

    out = tmp_path / "res"
    (out / "runs" / "old").mkdir(parents=True)
    (out / "runs" / "g.csv").write_text("1")
    (out / "runs" / "old" / "h.csv").write_text("2")
    mark_folder(out, listed)
    check_replaceable(out)  # memcap's own folder, its contents at any depth: replaceable
    for name, make in (("runs.bak", lambda p: p.write_text("mine")),
                       ("runsX", lambda p: p.mkdir())):
        make(out / name)
        before = _snapshot(out)
        with pytest.raises(ValueError, match=name):
            check_replaceable(out)
        with pytest.raises(ValueError, match=name):
            write_folder(out, lambda d: (d / "runs").mkdir(), overwrite=True)
        assert _snapshot(out) == before
        shutil.rmtree(out / name) if (out / name).is_dir() else (out / name).unlink()


@pytest.mark.parametrize("make", ["link", "file"])
@pytest.mark.parametrize("overwrite", [False, True])
def test_a_link_or_file_put_at_out_during_the_work_is_refused_and_kept(tmp_path, make,
                                                                       overwrite):
    """A link or a file created at --out while the command ran gave a raw NotADirectoryError
    at the final rename (2026-12-05 diff review); it is refused with one line and left as it
    is, with no temporary folder beside it."""
    target = tmp_path / "thesis"
    target.mkdir()
    (target / "ch1.tex").write_text("mine")
    out = tmp_path / "res"

    def writer(d: Path) -> None:
        (d / "x").write_text("1")
        if make == "link":
            out.symlink_to(target)
        else:
            out.write_text("a user's file")

    with pytest.raises(UsageError, match="became a file or a link|not written by memcap"):
        write_folder(out, writer, overwrite=overwrite)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["res", "thesis"]
    assert (target / "ch1.tex").read_text() == "mine"
    assert out.is_symlink() if make == "link" else out.read_text() == "a user's file"


def test_an_interrupt_between_the_two_handler_installs_leaves_ctrl_c_working(monkeypatch):
    """An interrupt after interrupts_deferred had replaced SIGINT's handler and before it
    replaced SIGTERM's escaped before its try: the deferring handler stayed installed and every
    later Ctrl-C was swallowed (2026-12-05 diff review)."""
    import signal

    import capacity.atomic_files as atomic_files

    real, installs = signal.signal, []

    def interrupted_install(signum, handler):
        previous = real(signum, handler)
        if signum == signal.SIGINT and getattr(handler, "__name__", "") == "record":
            installs.append(1)
            if len(installs) == 1:
                raise KeyboardInterrupt  # timeout's SIGTERM, right after SIGINT's swap
        return previous

    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        monkeypatch.setattr(atomic_files.signal, "signal", interrupted_install)
        with pytest.raises(KeyboardInterrupt):
            with atomic_files.interrupts_deferred():
                pass
        monkeypatch.undo()
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, before)


# --- edges a mutation audit of the data-safety layer found untested (2026-12-06) ---------------


def test_overwrite_refuses_a_users_folder_that_lands_at_out_before_the_final_rename(
        tmp_path, monkeypatch):
    """With --overwrite the final rename meets a folder that appeared at --out during the work:
    it is replaced only if memcap wrote it. Without the check at the rename a user's thesis
    put there meanwhile would be deleted (mutation audit, 2026-12-06)."""
    import capacity.atomic_files as atomic_files

    out = tmp_path / "res"
    real, raced = Path.rename, []

    def racing_rename(self, target):
        if self.name.startswith(".res.tmp-") and not raced:
            raced.append(1)
            out.mkdir()
            (out / "thesis.tex").write_text("mine")
        return real(self, target)

    monkeypatch.setattr(atomic_files.Path, "rename", racing_rename)
    with pytest.raises(UsageError, match="not written by memcap"):
        write_folder(out, lambda d: (d / "a.txt").write_text("1"), overwrite=True)
    monkeypatch.undo()
    assert raced and _snapshot(out) == {"thesis.tex": b"mine"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["res"]  # no temporary left


def test_overwrite_fills_an_empty_folder_the_user_made(tmp_path):
    """An empty folder (``mktemp -d``) is taken with --overwrite as without it; a check that
    ignored emptiness would refuse it as 'not written by memcap'."""
    out = tmp_path / "empty"
    out.mkdir()
    write_folder(out, lambda d: (d / "a.txt").write_text("1"), overwrite=True)
    assert _files(out) == {"a.txt": "1"} and is_memcap_folder(out)


def test_a_leftover_write_check_probe_does_not_block_overwrite(tmp_path):
    """check_writable's probe file is memcap's (a kill can leave one): it never makes a memcap
    folder foreign, and it goes with the folder."""
    out = write_folder(tmp_path / "res", lambda d: (d / "a.txt").write_text("1"))
    (out / ".memcap-write-check.k3j2x7_q").write_text("")
    write_folder(out, lambda d: (d / "b.txt").write_text("2"), overwrite=True)
    assert _files(out) == {"b.txt": "2"}


@pytest.mark.parametrize("name", [".memcap-write-check.my-notes-about-this-run.txt",
                                  ".memcap-write-check.k3j2x7_q.txt",
                                  ".memcap-write-check.k3j2x7_", ".memcap-write-check.K3J2X7_Q"])
def test_a_users_file_named_like_the_write_check_probe_is_kept(tmp_path, name):
    """Only the probe's own name (the prefix and mkstemp's eight characters, no suffix) is
    memcap's: any name beginning ".memcap-write-check." counted, and --overwrite deleted a
    user's notes file of that name (2026-12-07 audit). Now it makes the folder foreign."""
    out = write_folder(tmp_path / "res", lambda d: (d / "a.txt").write_text("1"))
    (out / name).write_text("the user's notes")
    with pytest.raises(UsageError, match=r"holds 1 entry memcap did not write .*--overwrite "
                                         "will not replace it"):
        write_folder(out, lambda d: (d / "b.txt").write_text("2"), overwrite=True)
    assert _files(out)[name] == "the user's notes" and _files(out)["a.txt"] == "1"


@pytest.mark.parametrize("marker", ['{}', '{"format": "memcap.folder/2", "entries": []}',
                                    '{"entries": ["thesis.tex"]}',
                                    '{"format": "memcap.folder/1", "entries": [1, "fig.png"]}',
                                    '{"format": "memcap.folder/1", "entries": "fig.png"}'])
def test_a_marker_of_another_format_is_damaged_not_an_old_memcaps(tmp_path, marker):
    """Only a marker of memcap's format with a list of names counts; one without the format
    read as a legacy marker (whose names include every figure) would make a folder holding a
    user's figure replaceable."""
    from capacity.atomic_files import check_replaceable

    out = tmp_path / "res"
    out.mkdir()
    (out / MARKER).write_text(marker)
    (out / "fig.png").write_text("mine")
    with pytest.raises(UsageError, match="file of .* is damaged"):
        check_replaceable(out)
    with pytest.raises(UsageError, match="file of .* is damaged"):
        write_folder(out, lambda d: (d / "a.txt").write_text("1"), overwrite=True)
    assert (out / "fig.png").read_text() == "mine"


def test_setting_contents_aside_keeps_the_held_lock_in_place(tmp_path):
    """The lock file stays where it is while the old contents move aside: moved with them, a
    second writer would get a fresh lock and write into the folder at the same time."""
    from capacity.atomic_files import LOCK, REPLACED, folder_lock, set_contents_aside

    d = _marked(tmp_path / "out", {"a.txt": "A"})
    with folder_lock(d, "memcap sweep"):
        set_contents_aside(d, True, ["*.txt"])
        assert (d / LOCK).is_file() and not (d / REPLACED / LOCK).exists()
        with pytest.raises(UsageError, match="another memcap sweep is writing"):
            with folder_lock(d, "memcap sweep"):
                pass


def test_setting_contents_aside_refuses_a_folder_holding_a_users_file(tmp_path):
    """Through the API as through the CLI: a user's file in the folder is refused before
    anything moves (it would be deleted with the set-aside contents)."""
    from capacity.atomic_files import set_contents_aside

    d = _marked(tmp_path / "out", {"a.txt": "A"})
    (d / "thesis.tex").write_text("mine")
    with pytest.raises(UsageError, match="thesis.tex"):
        set_contents_aside(d, True, ["*.txt"])
    assert _files(d) == {"a.txt": "A", "thesis.tex": "mine"}


@pytest.mark.parametrize("name", [".memcap-replacing", ".memcap-discarding"])
def test_a_users_folder_named_like_a_set_aside_step_is_left_alone(tmp_path, name):
    """Only a set-aside folder the marker lists is memcap's to finish moving or deleting; a
    user's folder of that name (not listed) keeps its notes and the folder's files stay put."""
    from capacity.atomic_files import finish_set_aside

    d = _marked(tmp_path / "out", {"a.txt": "A"})
    (d / name).mkdir()
    (d / name / "notes.md").write_text("mine")
    finish_set_aside(d)
    assert _files(d) == {"a.txt": "A", f"{name}/notes.md": "mine"}


def test_both_set_aside_folders_at_once_are_refused_and_nothing_moves(tmp_path):
    """memcap never leaves .memcap-replaced and .memcap-replacing together; finishing the move
    into a folder that exists would merge two results, so it is refused, the tree unchanged."""
    from capacity.atomic_files import REPLACED, finish_set_aside, record_entries

    d = _marked(tmp_path / "out", {"a.txt": "new"})
    for name in (REPLACED, ".memcap-replacing"):
        (d / name).mkdir()
        (d / name / "a.txt").write_text(name)
    record_entries(d, [f"{REPLACED}/**", ".memcap-replacing/**"])
    before = _files(d)
    with pytest.raises(UsageError, match="holds both"):
        finish_set_aside(d)
    assert _files(d) == before


def test_a_kill_during_the_move_aside_leaves_a_folder_the_next_command_finishes(
        tmp_path, monkeypatch):
    """The set-aside folders are listed in the marker before anything moves into them, so a
    kill mid-move leaves a memcap folder that the next command completes (not a foreign one)."""
    import capacity.atomic_files as atomic_files
    from capacity.atomic_files import REPLACED, check_replaceable, finish_set_aside

    d = _marked(tmp_path / "out", {"a.txt": "A", "b.txt": "B"})

    def killed(folder: Path) -> None:  # SIGKILL after the first entry moved
        (folder / "a.txt").rename(folder / ".memcap-replacing" / "a.txt")
        raise SystemExit

    monkeypatch.setattr(atomic_files, "_move_aside", killed)
    with pytest.raises(SystemExit):
        atomic_files.set_contents_aside(d, True, ["*.txt"])
    monkeypatch.undo()
    finish_set_aside(d)
    check_replaceable(d)
    assert _files(d / REPLACED) == {"a.txt": "A", "b.txt": "B"}


def test_a_kill_while_deleting_the_set_aside_folder_never_leaves_a_half_kept_one(
        tmp_path, monkeypatch):
    """The kept folder is renamed to .memcap-discarding before its deletion starts: a kill in
    the middle leaves no half folder under the name of a kept result, and the next command
    finishes the deletion."""
    import capacity.atomic_files as atomic_files
    from capacity.atomic_files import REPLACED, discard_set_aside, finish_set_aside

    d = _marked(tmp_path / "out", {"a.txt": "A", "b.txt": "B"})
    atomic_files.set_contents_aside(d, True, ["*.txt"])
    (d / "c.txt").write_text("C")
    real = shutil.rmtree

    def killed(path, *args, **kwargs):  # deletes one file, then the process dies
        next(p for p in sorted(Path(path).iterdir()) if p.name != MARKER).unlink()
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic_files.shutil, "rmtree", killed)
    with pytest.raises(KeyboardInterrupt):
        discard_set_aside(d)
    monkeypatch.setattr(atomic_files.shutil, "rmtree", real)
    assert not (d / REPLACED).exists() and (d / ".memcap-discarding").is_dir()
    finish_set_aside(d)
    assert sorted(p.name for p in d.iterdir()) == [MARKER, "c.txt"]
