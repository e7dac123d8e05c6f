"""Edges of the data-safety layer (capacity/atomic_files.py, capacity/user_files.py) that a
mutation audit found untested (2026-12-06): links that must never be followed into a user's
files, refusals that must name the right cause, and the error handlers of ``read_text``.

Each test failed on the audit's mutant of the line it guards.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

import capacity.atomic_files as atomic_files
import capacity.user_files as user_files
from capacity.atomic_files import (
    MARKER,
    REPLACED,
    atomic_write_text,
    check_followable,
    check_name_length,
    check_out_folder,
    check_output_file,
    check_writable,
    discard_set_aside,
    entries_recorded,
    mark_folder,
    remove_recorded_files,
    remove_stale_temps,
    set_contents_aside,
)
from capacity.errors import UsageError
from capacity.user_files import read_text


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_an_atomic_write_onto_a_folder_says_so_before_writing(tmp_path):
    """os.replace onto a folder would fail only after the temporary was written; the folder is
    named at once and nothing is left beside it."""
    (tmp_path / "sub").mkdir()
    with pytest.raises(IsADirectoryError) as refused:
        atomic_write_text(tmp_path / "sub", "x")
    assert refused.value.filename == str(tmp_path / "sub")  # not the temporary's name
    assert _names(tmp_path) == ["sub"]


def test_a_link_named_like_a_stale_temporary_is_not_removed(tmp_path):
    """Stale temporaries are memcap's plain files; a link with such a name (to a user's file)
    is left alone, and so is its target."""
    (tmp_path / "mine.md").write_text("x")
    os.symlink(tmp_path / "mine.md", tmp_path / ".report.md.memcap-ab12cd34.md")
    assert remove_stale_temps(tmp_path) == 0
    assert _names(tmp_path) == [".report.md.memcap-ab12cd34.md", "mine.md"]
    (tmp_path / ".report.md.memcap-ab12cd35.md").write_text("stale")  # a real one goes
    assert remove_stale_temps(tmp_path) == 1 and (tmp_path / "mine.md").read_text() == "x"


def test_a_link_in_place_of_a_recorded_file_is_not_removed(tmp_path):
    """A recorded name that is now a link (to a user's figure) is not memcap's file."""
    (tmp_path / "mine.png").write_text("x")
    mark_folder(tmp_path, ["old.png"])
    os.symlink(tmp_path / "mine.png", tmp_path / "old.png")
    assert remove_recorded_files(tmp_path, ["old.png"]) == []
    assert _names(tmp_path) == [MARKER, "mine.png", "old.png"]
    assert (tmp_path / "old.png").is_symlink()


def test_a_folder_named_like_the_marker_does_not_make_a_memcap_folder(tmp_path):
    """Only a marker *file* marks a folder: a folder of that name beside a user's file is the
    user's, refused with the plain 'not written by memcap' line."""
    (tmp_path / MARKER).mkdir()
    (tmp_path / "thesis.tex").write_text("x")
    with pytest.raises(UsageError, match="not written by memcap"):
        check_out_folder(tmp_path, overwrite=True)


def test_an_output_file_that_is_a_dangling_link_is_refused(tmp_path):
    """A dangling link at --plot does not 'exist' but is not a plain file either: refused, not
    written through to wherever it points."""
    os.symlink(tmp_path / "nowhere.png", tmp_path / "f.png")
    with pytest.raises(UsageError, match="is not a plain file"):
        check_output_file(tmp_path / "f.png", "--plot", (".png",))
    assert not (tmp_path / "nowhere.png").exists()


def test_a_dotdot_after_a_link_is_resolved_as_the_system_does(tmp_path):
    """``sub/link/..`` is the link target's parent (the kernel's reading), not ``sub``: the
    folder memcap checks is the one it writes."""
    (tmp_path / "elsewhere" / "deep").mkdir(parents=True)
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path / "elsewhere" / "deep", tmp_path / "sub" / "link")
    given = tmp_path / "sub" / "link" / ".." / "res"
    assert check_followable(given) == tmp_path.resolve() / "elsewhere" / "res"
    assert Path(os.path.realpath(given.parent)) / "res" == check_followable(given)


def test_a_failed_block_takes_back_only_the_names_it_added_and_did_not_write(tmp_path):
    """A name listed before the block stays listed when the block fails; so does one the block
    left on disk, even as a dangling link (something is there: memcap's to clean)."""
    mark_folder(tmp_path, ["report.md", "spec.json"])
    with pytest.raises(OSError, match="disk full"):
        with entries_recorded(tmp_path, ["report.md", "a.png", "b.png"]):
            os.symlink(tmp_path / "nowhere", tmp_path / "a.png")
            raise OSError("disk full")
    assert sorted(atomic_files._recorded_entries(tmp_path)) == ["a.png", "report.md",
                                                               "spec.json"]


def test_a_link_in_a_memcap_folder_is_removed_not_followed(tmp_path):
    """Dropping unfinished contents removes a link to a user's folder as a link; its target
    keeps every file."""
    user = tmp_path / "user"
    user.mkdir()
    (user / "mine.txt").write_text("x")
    d = tmp_path / "out"
    d.mkdir()
    (d / REPLACED).mkdir()
    mark_folder(d, ["networks", f"{REPLACED}/**"])
    os.symlink(user, d / "networks")
    set_contents_aside(d, False, ["networks"])  # unfinished contents beside a kept folder
    assert _names(d) == [MARKER, REPLACED] and _names(user) == ["mine.txt"]


def test_a_link_named_like_the_set_aside_folder_is_not_deleted_through(tmp_path):
    """A link at .memcap-replaced (even one the marker lists) is not a folder memcap set
    aside: discarding leaves its target's files."""
    user = tmp_path / "user"
    user.mkdir()
    (user / "mine.txt").write_text("x")
    d = tmp_path / "out"
    d.mkdir()
    os.symlink(user, d / REPLACED)
    mark_folder(d, [f"{REPLACED}/**"])
    discard_set_aside(d)
    assert _names(user) == ["mine.txt"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="making a folder another user's needs root (chown)")
def test_a_folder_the_user_owns_in_a_sticky_folder_may_be_replaced(tmp_path, monkeypatch):
    """In a sticky folder such as /tmp, owning the folder itself is enough to replace it (its
    parent belongs to root); a check of the parent alone would refuse it. One owned by neither
    is refused."""
    sticky = tmp_path / "tmp"
    sticky.mkdir()
    os.chmod(sticky, 0o1777)
    out = sticky / "res"
    out.mkdir()
    os.chown(out, 1234, 1234)
    monkeypatch.setattr(os, "geteuid", lambda: 1234)
    check_writable(out, parent=True)
    monkeypatch.setattr(os, "geteuid", lambda: 4321)
    with pytest.raises(UsageError, match="belongs to another user"):
        check_writable(out, parent=True)


def test_the_temporary_names_length_counts_against_the_path_limit(tmp_path):
    """A path that fits the system's limit only without the temporary name's extra bytes is
    refused before the work (the rename would fail after it)."""
    path_max = os.pathconf(tmp_path, "PC_PATH_MAX")
    deep = str(tmp_path / "/".join(["a" * 200] * (path_max // 200 + 1)))
    out = Path(deep[:path_max - 6])
    check_name_length(out)  # fits as it is
    with pytest.raises(UsageError, match=rf"the path has {path_max - 6} bytes, above the "
                                         rf"{path_max - 14}"):
        check_name_length(out, extra=14)


def test_a_path_through_a_file_is_not_found(tmp_path):
    """``c.toml/x`` where c.toml is a file: 'not found' (NotADirectoryError), not a crash."""
    (tmp_path / "c.toml").write_text("x")
    with pytest.raises(UsageError, match="not found; check the path"):
        read_text(tmp_path / "c.toml" / "x", "config file")


@pytest.mark.parametrize("error, words", [
    (MemoryError, "too large to read in this process's memory"),
    (PermissionError(13, "Permission denied"), "is not readable \\(permission denied\\)"),
])
def test_a_file_that_cannot_be_read_is_one_line_of_bad_input(tmp_path, monkeypatch, error,
                                                            words):
    """A read that runs out of memory (an address-space limit) or is denied (chmod 000 for a
    user who is not root) is bad input with its cause, not a traceback."""
    (tmp_path / "c.toml").write_text("x")

    def failing(self):
        raise error

    monkeypatch.setattr(user_files.Path, "read_bytes", failing)
    with pytest.raises(UsageError, match=words):
        read_text(tmp_path / "c.toml", "config file")


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_the_offset_of_a_bad_byte_counts_from_the_files_first_byte(tmp_path, bom):
    """A file starting with a byte-order mark named the offset after the mark (4 for byte 7:
    the audit's one bug): the offset is the file's, as ``xxd`` shows it."""
    (tmp_path / "t.txt").write_bytes(bom + b"0110\xff")
    with pytest.raises(UsageError, match=rf"the byte 0xff at offset {len(bom) + 4} cannot"):
        read_text(tmp_path / "t.txt", "table file")


def test_a_marker_of_an_older_memcap_without_a_list_is_not_taken_for_an_empty_one(tmp_path):
    """remove_empty_marker drops a marker that lists nothing; a marker of memcap before
    2026-12-01 has no list at all and still marks the folder as memcap's."""
    atomic_files.remove_empty_marker(tmp_path)  # no marker: nothing happens
    (tmp_path / MARKER).write_text('{"format": "memcap.folder/1"}')
    atomic_files.remove_empty_marker(tmp_path)
    assert atomic_files.is_memcap_folder(tmp_path)
    mark_folder(tmp_path, [])
    atomic_files.remove_empty_marker(tmp_path)
    assert not atomic_files.is_memcap_folder(tmp_path)


def test_an_atomic_write_reaches_the_disk_before_it_replaces_the_old_file(tmp_path,
                                                                         monkeypatch):
    """The new bytes are flushed to the disk (fsync of the temporary) before the rename: a
    power cut after the rename must not leave an empty file in place of the old one."""
    steps: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        steps.append(f"fsync of {os.fstat(fd).st_size} bytes")
        real_fsync(fd)

    def replace(src, dst):
        steps.append(f"replace {Path(dst).name}")
        real_replace(src, dst)

    monkeypatch.setattr(atomic_files.os, "fsync", fsync)
    monkeypatch.setattr(atomic_files.os, "replace", replace)
    (tmp_path / "a.txt").write_text("old")
    atomic_write_text(tmp_path / "a.txt", "new")
    assert steps == ["fsync of 3 bytes", "replace a.txt"]
    assert (tmp_path / "a.txt").read_text() == "new"
