"""Edges of ``capacity.atomic_files`` that a 2026-12-07 mutation audit found untested (its two
bugs, a user's file named like the write probe and an undeletable subfolder, are tested in
tests/test_overwrite_safety.py and tests/test_out_writable.py). Each test names its mutant."""

from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path

import pytest

import capacity.atomic_files as atomic
from capacity.atomic_files import (
    check_not_foreign,
    check_output_file,
    check_writable,
    interrupts_deferred,
    mark_folder,
    write_folder,
)
from capacity.errors import UsageError


def test_every_signal_held_back_is_delivered_in_order_after_the_block():
    """A SIGTERM handler counts repeats and a Ctrl-C may follow a SIGTERM: every signal held
    during the block arrives after it, in order (mutant M32: only the first)."""
    got = []
    old = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    signal.signal(signal.SIGTERM, lambda s, f: got.append("TERM"))
    signal.signal(signal.SIGINT, lambda s, f: got.append("INT"))
    try:
        with interrupts_deferred():
            os.kill(os.getpid(), signal.SIGTERM)
            os.kill(os.getpid(), signal.SIGTERM)
            os.kill(os.getpid(), signal.SIGINT)
            assert got == []  # held back during the block
    finally:
        for s, h in old.items():
            signal.signal(s, h)
    assert got == ["TERM", "TERM", "INT"]


def test_a_users_folder_at_an_output_name_is_refused_before_the_work(tmp_path):
    """A user's *folder* named like an output (report.md/ with notes in it) is foreign like a
    file: one UsageError before any work (mutant M34: is_file() let it pass, and the report
    failed at its write with status 74)."""
    mark_folder(tmp_path, ["spec.json"])
    (tmp_path / "report.md").mkdir()
    (tmp_path / "report.md" / "notes.txt").write_text("mine")
    with pytest.raises(UsageError, match="report.md"):
        check_not_foreign(tmp_path, ["report.md"])
    assert (tmp_path / "report.md" / "notes.txt").read_text() == "mine"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_root_may_replace_another_users_folder_in_a_sticky_folder():
    """Root can rename any folder in a sticky folder, so only a non-root user is refused there
    (mutant M57: root refused too)."""
    sticky = Path(tempfile.mkdtemp())
    try:
        sticky.chmod(0o1777)
        out = write_folder(sticky / "res", lambda d: (d / "a.txt").write_text("x"))
        os.chown(out, 12345, 12345)
        os.chown(sticky, 12346, 12346)
        check_writable(out, parent=True)  # no refusal
        write_folder(out, lambda d: (d / "b.txt").write_text("y"), overwrite=True)
        assert sorted(p.name for p in out.iterdir() if p.name != atomic.MARKER) == ["b.txt"]
    finally:
        import shutil

        shutil.rmtree(sticky, ignore_errors=True)


@pytest.mark.parametrize("name", ["FIG.PNG", "fig.Pdf", "fig.png"])
def test_an_output_files_suffix_is_read_in_any_case(tmp_path, name):
    """The docstring: the suffix's case does not matter (mutant M58: FIG.PNG refused)."""
    check_output_file(tmp_path / name, "--plot", (".png", ".pdf"))
    with pytest.raises(UsageError, match="--plot"):
        check_output_file(tmp_path / "fig.PNGX", "--plot", (".png", ".pdf"))


def test_an_output_file_whose_folder_takes_no_new_file_is_refused_before_the_work(
        tmp_path, monkeypatch):
    """The folder of a single output file is probed (a read-only file system here): refused
    in one line before the work, not an I/O error after it (mutant M59: no probe). Root's
    chmod'ed folders stay writable, so the probe's answer is patched."""
    monkeypatch.setattr(atomic, "unwritable_reason", lambda folder: "Read-only file system")
    with pytest.raises(UsageError, match="Read-only file system"):
        check_output_file(tmp_path / "fig.png", "--plot", (".png",))
