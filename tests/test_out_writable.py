"""An ``--out`` that cannot be written fails at once (exit 2, one line), before any training.

Tests run as root in CI, where a chmod'ed folder is still writable; so the unwritable paths used
are ones that stop root too: a path under a regular file, and a path under ``/proc`` (no file can
be created there). The chmod case runs only when not root.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from capacity.atomic_files import check_out_folder, check_writable
from capacity.errors import UsageError

# Each command's cheapest real invocation (a training one: with a writable --out it would train).
COMMANDS = {
    "train": ["train", "--steps", "5"],
    "sweep": ["sweep", "--preset", "l2-blog-sweep"],
    "search": ["search", "--inputs", "2"],
    "search --memory-curve": ["search", "--memory-curve", "10,20", "--width", "4"],
    "compare": ["compare", "--inputs", "1,2"],
    "hardness": ["hardness", "--inputs", "2"],
    "tour": ["tour", "--quick"],
}

# Run memcap's main in a fresh interpreter, then print whether torch was ever imported: a
# command that never imported torch cannot have trained anything.
_PROBE = """
import sys
from memcap.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    print("torch" in sys.modules, flush=True)
    raise
"""


def _snapshot(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


def _run(argv: list[str]) -> tuple[subprocess.CompletedProcess, float]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True,
                          timeout=120)
    return proc, time.perf_counter() - t0


def _unwritable(kind: str, tmp_path: Path) -> Path:
    if kind == "under a file":
        (tmp_path / "notes.txt").write_text("a regular file\n")
        return tmp_path / "notes.txt" / "out"
    if kind == "under /proc":
        return Path(f"/proc/memcap-no-such-{os.getpid()}") / "out"
    assert kind == "read-only folder"
    if os.geteuid() == 0:
        pytest.skip("root writes into a read-only folder; the other kinds cover root")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    return ro / "out"


@pytest.mark.parametrize("kind", ["under a file", "under /proc", "read-only folder"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_unwritable_out_fails_fast_before_any_training(tmp_path, command, kind):
    out = _unwritable(kind, tmp_path)
    before = _snapshot(tmp_path)
    try:
        proc, wall = _run([*COMMANDS[command], "--out", str(out)])
    finally:
        if kind == "read-only folder":
            (tmp_path / "ro").chmod(0o700)
    assert proc.returncode == 2, proc.stderr
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and "cannot write --out" in err[0] and str(out) in err[0], err
    assert "Traceback" not in proc.stderr
    assert proc.stdout.strip() == "False"  # torch never imported: nothing was trained
    assert _snapshot(tmp_path) == before  # nothing created (the probe file is removed)
    assert wall < 2, wall  # ~0.3 s here (python start included): before torch or pandas load


def test_check_writable_creates_nothing_and_names_the_path(tmp_path):
    check_writable(tmp_path / "a" / "b")
    check_out_folder(tmp_path / "a" / "b")
    assert _snapshot(tmp_path) == []
    (tmp_path / "f").write_text("x")
    with pytest.raises(ValueError, match=r"cannot write --out '.*f/a': '.*f' is a file"):
        check_writable(tmp_path / "f" / "a")
    with pytest.raises(ValueError, match="is not writable"):
        check_out_folder("/proc/memcap-no-such/out")
    with pytest.raises(ValueError, match="is a file, not a folder"):
        check_out_folder(tmp_path / "f")  # the file itself, as before
    assert _snapshot(tmp_path) == ["f"]


@pytest.mark.parametrize("command", list(COMMANDS))
def test_an_out_name_too_long_for_memcaps_temporaries_fails_before_any_training(tmp_path,
                                                                                command):
    """A 245-byte --out name is legal, but memcap assembles the folder as .NAME.tmp-XXXXXXXX
    (14 bytes more): train ran to the end and then failed with status 74 (2026-12-01). A sweep
    writes only inside its folder (a 245-byte name works there), so it is refused at 256."""
    size, room = (256, 255) if command == "sweep" else (245, 241)
    out = tmp_path / ("a" * size)
    proc, wall = _run([*COMMANDS[command], "--out", str(out)])
    assert proc.returncode == 2, proc.stderr
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and f"has {size} bytes; memcap can use at most {room} here" in err[0], \
        err
    assert proc.stdout.strip() == "False" and _snapshot(tmp_path) == []
    assert wall < 2, wall


@pytest.mark.parametrize("argv, words", [
    (["construct", "--table", "0110", "--save", "{dir}/" + "a" * 240 + ".json"],
     "has 245 bytes; memcap can use at most 233 here"),
    (["bounds", "--answer", "--max-inputs", "3", "--plot", "{dir}/" + "a" * 240 + ".png"],
     "has 244 bytes; memcap can use at most 234 here"),
    (["bounds", "--answer", "--max-inputs", "3", "--plot", "{dir}/" + "a" * 10_000 + ".png"],
     "has 10004 bytes"),
    # no suffix: the figure is written through a .png temporary (it failed after the work)
    (["bounds", "--answer", "--max-inputs", "3", "--plot", "{dir}/" + "a" * 243],
     "has 243 bytes; memcap can use at most 234 here"),
    (["train", "--config", "{dir}/" + "a" * 10_000 + ".toml"], "is too long for the file system"),
    (["verify", "{dir}/" + "a" * 300 + ".json"], "is too long for the file system"),
])
def test_paths_too_long_are_bad_input_not_io_errors(tmp_path, argv, words):
    """They were status 74 ("I/O error: File name too long"), and an output name within 255
    bytes but too long for its temporary failed after the work."""
    proc, _ = _run([a.replace("{dir}", str(tmp_path)) for a in argv])
    assert proc.returncode == 2, proc.stderr
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and words in err[0] and "Traceback" not in proc.stderr, err
    assert len(err[0]) < 400 and _snapshot(tmp_path) == []  # the path is shortened


def test_a_folder_memcap_writes_only_into_may_use_the_whole_name_limit(tmp_path):
    """A sweep writes inside --out (no temporary sibling): its name may have 255 bytes; a
    command that assembles --out beside it leaves 14 bytes for the temporary name."""
    check_writable(tmp_path / ("a" * 255))
    with pytest.raises(ValueError, match="has 256 bytes; memcap can use at most 255 here"):
        check_writable(tmp_path / ("a" * 256))
    with pytest.raises(ValueError, match="has 250 bytes; memcap can use at most 241 here"):
        check_out_folder(tmp_path / ("a" * 250))
    check_out_folder(tmp_path / ("a" * 230 + ".v12345678"))  # a folder's temporary: +14 only
    name = "é" * 121  # 242 bytes in UTF-8, 121 characters: the limit is in bytes
    with pytest.raises(ValueError, match="has 242 bytes; memcap can use at most 241 here"):
        check_out_folder(tmp_path / name)
    assert _snapshot(tmp_path) == []


@pytest.mark.parametrize("kind", ["to an empty folder", "dangling", "loop"])
@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "sweep"])
def test_an_out_that_is_a_symbolic_link_fails_before_any_training(tmp_path, command, kind):
    """The folder is assembled beside --out and renamed onto it: a link to an empty folder was
    replaced by a real folder (a stray .NAME.old-* link left beside it, the target empty), and a
    dangling link or a loop failed with status 74 after the work (2026-12-01 fuzzing)."""
    out = tmp_path / "link"
    if kind == "to an empty folder":
        (tmp_path / "real").mkdir()
        out.symlink_to("real")
    elif kind == "dangling":
        out.symlink_to("nowhere")
    else:
        (tmp_path / "loop").symlink_to("link")
        out.symlink_to("loop")
    before = _snapshot(tmp_path)
    proc, wall = _run([*COMMANDS[command], "--out", str(out)])
    assert proc.returncode == 2, proc.stderr
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and "is a symbolic link" in err[0], err
    assert proc.stdout.strip() == "False" and _snapshot(tmp_path) == before and out.is_symlink()


def test_a_sweep_writes_through_a_link_to_a_folder_but_not_a_dangling_one(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to("real")
    check_writable(tmp_path / "link")  # a sweep writes inside --out: through the link
    (tmp_path / "dangling").symlink_to("nowhere")
    with pytest.raises(ValueError, match="symbolic link that points nowhere"):
        check_writable(tmp_path / "dangling")


def test_a_staging_folder_that_cannot_be_removed_does_not_hide_the_real_error(tmp_path,
                                                                             monkeypatch):
    """A staging folder whose parent became read-only or immutable mid-run cannot be removed:
    the exception already raised inside the block propagates unchanged, and a block that ended
    cleanly gets the OSError (an I/O error, status 74). Python 3.11's TemporaryDirectory
    recursed without end there, and compare and tour ended in status 70, "a bug in memcap"."""
    import shutil

    from capacity import atomic_files
    from capacity.atomic_files import staging_folder
    from capacity.errors import UsageError

    def refuse(path, *args, **kwargs):
        raise PermissionError(1, "Operation not permitted", path)

    original = shutil.rmtree
    monkeypatch.setattr(atomic_files.shutil, "rmtree", refuse)
    with pytest.raises(UsageError, match="the real problem"):
        with staging_folder(tmp_path / "out"):
            raise UsageError("the real problem")
    with pytest.raises(PermissionError):
        with staging_folder(tmp_path / "out"):
            pass
    monkeypatch.setattr(atomic_files.shutil, "rmtree", original)
    for left in tmp_path.iterdir():  # the two the refusing rmtree kept
        original(left)
    with staging_folder(tmp_path / "out") as tmp:
        (Path(tmp) / "f").write_text("x")
    assert not any(p.name.startswith(".memcap-staging-") for p in tmp_path.iterdir())


def test_a_non_empty_out_whose_entries_cannot_be_deleted_is_refused_before_the_work(tmp_path):
    """A memcap folder in which nothing can be created or deleted (immutable here; read-only for
    a user) was checked only through its parent: train trained, then failed with status 74 or
    left the old copy beside the new one (2026-12-04 CLI fuzz). An empty such folder is renamed
    as it is, so only a non-empty one is refused."""
    out = tmp_path / "imm"
    proc, _ = _run(["train", "--preset", "boolean-small", "--steps", "5", "--out", str(out)])
    assert proc.returncode == 0, proc.stderr
    if subprocess.run(["chattr", "+i", str(out)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not permitted here")
    try:
        before = sorted(p.name for p in out.iterdir())
        proc, _ = _run(["train", "--preset", "boolean-small", "--steps", "5", "--out", str(out),
                        "--overwrite"])
        assert proc.returncode == 2 and "is not writable" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr
        assert sorted(p.name for p in out.iterdir()) == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["imm"]  # nothing left beside
    finally:
        subprocess.run(["chattr", "-i", str(out)], check=True)


def test_a_memcap_folder_with_an_undeletable_subfolder_is_refused_before_the_work(
        tmp_path, monkeypatch):
    """Every non-empty folder inside an --out that --overwrite replaces is probed, not only the
    top (a read-only or immutable subfolder passed, the old copy could not be deleted and
    stayed beside the new folder as .NAME.old-XXXXXXXX, exit 0: 2026-12-07 audit). The probe is
    made to fail for that subfolder alone (as it fails for chattr +i, or chmod 500 as a user)."""
    import capacity.atomic_files as atomic
    from capacity.atomic_files import write_folder

    out = write_folder(tmp_path / "res", lambda d: (
        (d / "runs" / "deep").mkdir(parents=True), (d / "runs" / "deep" / "a.csv").write_text("1"),
        (d / "empty").mkdir()))
    real = atomic.unwritable_reason
    blocked = out / "runs" / "deep"
    monkeypatch.setattr(atomic, "unwritable_reason",
                        lambda folder: "Operation not permitted" if Path(folder) == blocked
                        else real(folder))
    ran = []
    with pytest.raises(UsageError, match=f"folder '{blocked}' is not writable"):
        check_writable(out, parent=True)
    with pytest.raises(PermissionError, match="is not writable"):  # a library call: I/O
        write_folder(out, lambda d: ran.append(d), overwrite=True)
    assert not ran and sorted(p.name for p in tmp_path.iterdir()) == ["res"]
    assert (blocked / "a.csv").read_text() == "1"


def test_an_old_copy_that_cannot_be_removed_is_named_on_stderr(tmp_path, monkeypatch, capsys):
    """If the old copy still cannot be deleted after the swap (made undeletable during the
    work), the new folder stays in place and one warning line names where the old one is
    (it was left silently)."""
    import capacity.atomic_files as atomic
    from capacity.atomic_files import write_folder

    out = write_folder(tmp_path / "res", lambda d: (d / "a.txt").write_text("old"))
    monkeypatch.setattr(atomic.shutil, "rmtree", lambda path, ignore_errors=False: None)
    write_folder(out, lambda d: (d / "a.txt").write_text("new"), overwrite=True)
    assert (out / "a.txt").read_text() == "new"
    (left,) = [p for p in tmp_path.iterdir() if p.name != "res"]
    assert left.name.startswith(".res.old-") and (left / "a.txt").read_text() == "old"
    err = capsys.readouterr().err
    assert err == (f"memcap: warning: the old copy of {str(out)!r} could not be removed and is "
                   f"left as {str(left)!r}; delete it yourself\n")


def test_another_users_folder_in_a_sticky_folder_is_refused(tmp_path, monkeypatch):
    """In a sticky folder (/tmp) only the owner of a folder or of /tmp may rename it: a folder
    of another user there cannot be replaced, so it is refused before the work."""
    sticky = tmp_path / "sticky"
    sticky.mkdir()
    sticky.chmod(0o1777)
    (sticky / "theirs").mkdir()
    me = os.stat(sticky).st_uid + 4242  # neither the folder's nor its parent's owner
    monkeypatch.setattr(os, "geteuid", lambda: me)
    with pytest.raises(UsageError, match="belongs to another user in the sticky folder"):
        check_writable(sticky / "theirs", parent=True)
    check_writable(sticky / "new", parent=True)  # a new name is fine
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(sticky).st_uid)
    check_writable(sticky / "theirs", parent=True)  # its owner may replace it


def test_a_dry_run_refuses_a_folder_without_write_permission(tmp_path, monkeypatch):
    """sweep --dry-run said "a new sweep" for a read-only folder that the real run refuses: the
    dry run creates no probe file, so it asks the permission bits (root passes them, hence the
    stand-in for os.access; 2026-12-04 CLI fuzz)."""
    real = os.access
    ro = tmp_path / "ro"
    ro.mkdir()
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == ro else real(p, mode))
    with pytest.raises(UsageError, match="is not writable"):
        check_writable(ro / "sweep", probe=False)
    check_writable(tmp_path / "ok" / "sweep", probe=False)


def test_a_missing_folder_for_an_output_file_gets_advice_that_works(tmp_path, capsys):
    """--save x/y.json with no folder x says to create it first; past a file or a broken
    symbolic link on the way that advice fails (mkdir -p says "Not a directory" or "File
    exists"), so the message names what is in the way (2026-12-06 diff review)."""
    from memcap_cli import memcap_main

    (tmp_path / "afile").write_text("x")
    (tmp_path / "dang").symlink_to(tmp_path / "nowhere")
    for target, words in ((tmp_path / "nodir" / "sub" / "x.json",
                           "does not exist; create it first (mkdir -p)"),
                          (tmp_path / "afile" / "sub" / "x.json", "afile' is a file, not"),
                          (tmp_path / "dang" / "x.json", "is a broken symbolic link")):
        code, _, err = memcap_main(capsys, "construct", "--table", "0110", "--save", target)
        assert code == 2 and words in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "dang"]
