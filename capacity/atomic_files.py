"""Atomic file and folder writes shared by every memcap package.

``capacity`` is the base layer that every other package may import, so the helper lives here.

A write goes to a temporary file in the target's folder, is flushed and fsync'd, then renamed over
the target, so a reader (or a killed process) never sees a half-written file. A result folder is
assembled in a hidden sibling and renamed into place whole; it holds a marker file
(:data:`MARKER`) that says memcap wrote it and lists the paths memcap wrote into it, and
``--overwrite`` replaces only folders that carry the marker and hold nothing else, so neither a
folder memcap did not write nor a file a user added to a memcap folder is ever deleted. A command
that keeps writing into one folder for a long time (a sweep) holds :func:`folder_lock` on it, so a
second one is refused instead of writing beside it.
"""

from __future__ import annotations

import errno
import fnmatch
import json
import math
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from capacity.errors import UsageError
from capacity.interrupts import STOP_SIGNALS
from capacity.options import warn

__all__ = ["LOCK", "MARKER", "REPLACED", "atomic_write", "atomic_write_bytes",
           "atomic_write_text", "FOLDER_TEMP_EXTRA", "check_name_length",
           "check_followable", "check_not_current_folder", "check_not_foreign", "check_out_folder",
           "check_own_entries",
           "check_output_file", "check_replaceable", "check_writable", "discard_set_aside",
           "interrupts_deferred", "remove_recorded_files", "file_temp_extra", "shortened",
           "remove_stale_temps", "check_not_locked",
           "entries_recorded", "folder_lock", "is_memcap_folder", "json_safe", "mark_folder",
           "finish_set_aside", "record_entries", "remove_empty_marker", "remove_memcap_folder",
           "set_contents_aside",
           "staging_folder", "temp_target", "unwritable_reason", "write_folder"]

#: Name of the marker file that every folder memcap writes holds; ``--overwrite`` replaces a
#: non-empty folder only when this file is in it.
MARKER = ".memcap-folder"
_MARKER_FORMAT = "memcap.folder/1"
_MARKER_NOTE = ("written by memcap; --overwrite may replace this folder while it holds only the "
                "entries listed here")
#: Name of the (empty) lock file :func:`folder_lock` holds in a folder; like the marker it is
#: memcap's own, never a user's file, and it stays when the lock is released.
LOCK = ".memcap-lock"
# an atomic write's temporary file: tempfile.mkstemp(prefix=".NAME.memcap-", suffix=NAME's
# suffix), whose random part is 8 characters of [a-z0-9_] (tested against real temporaries). The
# "memcap-" tag is there since 2026-12-04: without it a user's dated copy such as
# .search.json.20261204.json had the form, so --overwrite deleted it as memcap's leftover.
_TEMP_TAG = "memcap-"
_TEMP = re.compile(r"\.(?P<target>.+)\.memcap-[a-z0-9_]{8}(?P<suffix>.*)")
#: :func:`unwritable_reason`'s probe file: ``tempfile.mkstemp``'s eight random characters after
#: the prefix, no suffix (any other name beginning so is a user's file).
_WRITE_CHECK = re.compile(r"\.memcap-write-check\.[a-z0-9_]{8}")


def json_safe(value):
    """``value`` made strict-JSON ready, recursively: NaN and ±inf become None, numpy arrays and
    scalars Python lists and numbers, tuples lists, dict keys strings.

    Examples
    --------
    >>> import numpy as np
    >>> json_safe({1: (np.float64("nan"), np.arange(2)), "x": [float("inf"), np.int64(3)]})
    {'1': [None, [0, 1]], 'x': [None, 3]}
    """
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if hasattr(value, "tolist"):  # numpy arrays and scalars (np.float64 is also a float)
        value = value.tolist()
        if isinstance(value, list):
            return json_safe(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _not_a_folder(folder: Path) -> str:
    """Why ``folder`` cannot hold a new file: a file in the way or a folder that does not exist
    (a file was reported as a missing folder, 2026-12-03 audit)."""
    # a file's folder is not made for it (a typo would scatter folders); say how, where
    # `mkdir -p` can (2026-12-06): not past a file or a broken link on the way, the folder's
    # own path included (a file there is "a file, not a folder")
    for above in (folder, *folder.parents):
        if above.is_symlink() and not above.exists():
            return f"{str(above)!r} is a broken symbolic link, not a folder"
        if above.exists():
            if not above.is_dir():
                return f"{str(above)!r} is a file, not a folder"
            break
    return f"folder {str(folder)!r} does not exist; create it first (mkdir -p)"


def atomic_write(path: str | Path, writer: Callable[[Path], None], suffix: str = "") -> None:
    """Call ``writer(tmp_path)`` to produce a file, then rename it onto ``path`` atomically.

    Parameters
    ----------
    path : str or Path
        The file to write, replaced whole if it exists; its folder must exist (a missing one is
        refused with :class:`~capacity.errors.UsageError` before ``writer`` runs).
    writer : callable
        ``writer(tmp_path)`` writes the content to ``tmp_path``, a fresh empty temporary file in
        ``path``'s folder; if it raises, the temporary is removed and the exception propagates.
    suffix : str, default ""
        Suffix of the temporary file's name; empty means ``path``'s own suffix.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> atomic_write(p, lambda tmp: tmp.write_text("hi"))
    >>> p.read_text()
    'hi'
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write {str(path)!r}: {_not_a_folder(folder)}")
    if path.is_dir():  # os.replace's error named the temporary (net.save('/tmp'), 2026-12-05):
        # the same OSError, naming the path (the CLI refuses a folder as bad input before this)
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{_TEMP_TAG}", suffix=suffix or path.suffix,
                               dir=folder)  # the form temp_target() recognises
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        writer(tmp_path)
        with open(tmp_path, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp_path, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual file mode
        os.replace(tmp_path, path)
    except BaseException:
        with interrupts_deferred():
            tmp_path.unlink(missing_ok=True)
        raise


def temp_target(name: str) -> str | None:
    """The file name whose :func:`atomic_write` temporary ``name`` is (``.NAME.memcap-XXXXXXXX``
    plus NAME's suffix, XXXXXXXX the 8 random characters of ``tempfile.mkstemp``), or None when
    ``name`` is not of that exact form, e.g. a user's ``.summary.csv.mine`` or dated copy
    ``.summary.csv.20261204.csv`` (the untagged form of memcap before 2026-12-04, which such a
    copy matched: a temporary an older memcap left behind now counts as the user's file).

    Examples
    --------
    >>> temp_target(".summary.csv.memcap-k3j2x7_q.csv"), temp_target(".summary.csv.mine")
    ('summary.csv', None)
    >>> temp_target("..memcap-folder.memcap-ab12cd34"), temp_target(".a.csv.20261204.csv")
    ('.memcap-folder', None)
    >>> temp_target(".summary.csv.memcap-k3j2x7_q.txt")
    """
    m = _TEMP.fullmatch(name)
    if m is None or m["suffix"] != Path(m["target"]).suffix:
        return None
    return m["target"]


def remove_stale_temps(folder: str | Path, own: Callable[[str], bool] | None = None, *,
                       min_age_s: float = 0.0) -> int:
    """Delete the temporary files that killed :func:`atomic_write` calls left in ``folder`` (not
    below it): files named as :func:`temp_target` recognises, memcap's by their tag, whose
    target ``own`` accepts (default: any) and that were last written at least ``min_age_s``
    seconds ago. Holding :func:`folder_lock` keeps the sweep's and report's own writers out;
    a write by a command that takes no lock (``construct --save`` into the folder) may be live,
    so pass a ``min_age_s`` for targets such a command could be writing. A user's hidden file
    such as ``.summary.csv.mine`` is never one of them.

    Parameters
    ----------
    folder : str or Path
        The folder to clean (a missing one: nothing to do).
    own : callable, optional
        ``own(target_name) -> bool``; None: every tagged temporary.
    min_age_s : float, default 0
        Keep a temporary modified less than this many seconds ago.

    Returns
    -------
    int
        How many files were deleted.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for n in (".report.md.memcap-ab12cd34.md", ".report.md.mine"):
    ...     _ = (d / n).write_text("")
    >>> remove_stale_temps(d), sorted(p.name for p in d.iterdir())
    (1, ['.report.md.mine'])
    """
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    removed, now = 0, time.time()
    for f in folder.iterdir():
        target = temp_target(f.name)
        if target is None or (own is not None and not own(target)) or f.is_symlink() \
                or not f.is_file():
            continue
        try:
            if min_age_s and now - f.stat().st_mtime < min_age_s:
                continue
            f.unlink()
        except FileNotFoundError:  # its writer renamed or removed it meanwhile
            continue
        removed += 1
    return removed


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically.

    Parameters
    ----------
    path : str or Path
        The file to write, replaced whole if it exists; its folder must exist (a missing one
        is refused with :class:`~capacity.errors.UsageError`, nothing written).
    text : str
        The content, written by ``Path.write_text`` (the locale's default encoding) into a
        temporary file beside ``path`` that is then renamed onto it (:func:`atomic_write`).

    Examples
    --------
    >>> import os, tempfile, pathlib
    >>> tmp = tempfile.TemporaryDirectory(); d = pathlib.Path(tmp.name)
    >>> atomic_write_text(d / "a.txt", "first")
    >>> atomic_write_text(d / "a.txt", "second")         # replaced whole
    >>> (d / "a.txt").read_text(), sorted(os.listdir(d))  # no temporary file left beside it
    ('second', ['a.txt'])
    >>> atomic_write_text(d / "missing" / "b.txt", "x")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: cannot write '.../b.txt': folder '.../missing' does not exist; ...
    >>> tmp.cleanup()
    """
    atomic_write(path, lambda tmp: tmp.write_text(text))


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically.

    Parameters
    ----------
    path : str or Path
        The file to write, replaced whole if it exists; its folder must exist (a missing one
        is refused with :class:`~capacity.errors.UsageError`, nothing written).
    data : bytes
        The content, written as is (no encoding, no newline translation) into a temporary file
        beside ``path`` that is then renamed onto it (:func:`atomic_write`).

    Examples
    --------
    >>> import os, tempfile, pathlib
    >>> tmp = tempfile.TemporaryDirectory(); d = pathlib.Path(tmp.name)
    >>> atomic_write_bytes(d / "a.bin", bytes([0, 255, 13, 10]))
    >>> list((d / "a.bin").read_bytes()), sorted(os.listdir(d))
    ([0, 255, 13, 10], ['a.bin'])
    >>> atomic_write_bytes(d / "missing" / "b.bin", b"x")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: cannot write '.../b.bin': folder '.../missing' does not exist; ...
    >>> tmp.cleanup()
    """
    atomic_write(path, lambda tmp: tmp.write_bytes(data))


def _marker_text(entries) -> str:
    return json.dumps({"format": _MARKER_FORMAT, "note": _MARKER_NOTE,
                       "entries": sorted(set(entries))}) + "\n"


def _walk(folder: Path) -> list[str]:
    """Every file and folder under ``folder`` (the marker and the lock file left out), as
    relative POSIX paths; links are listed, not followed."""
    out = []
    for root, dirs, files in os.walk(folder):
        base = Path(root).relative_to(folder)
        for name in (*dirs, *files):
            rel = (base / name).as_posix()
            if rel not in (MARKER, LOCK):
                out.append(rel)
    return out


def mark_folder(folder: str | Path, entries=None) -> None:
    """Write the :data:`MARKER` file into ``folder`` (which must exist), listing ``entries``: the
    paths memcap writes there, relative to ``folder``, at any depth, as names or ``fnmatch``
    patterns matched one path segment at a time, such as ``runs/group-[0-9][0-9][0-9][0-9].csv``
    (default: everything ``folder`` holds now).

    Parameters
    ----------
    folder : str or Path
        The existing folder to mark; a marker already there is replaced.
    entries : iterable of str, optional
        The paths or patterns to list; ``None`` (default) lists every file and folder under
        ``folder`` now, links not followed, the marker and lock file left out.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); mark_folder(d); is_memcap_folder(d)
    True
    """
    folder = Path(folder)
    atomic_write_text(folder / MARKER, _marker_text(_walk(folder) if entries is None else entries))


#: What a marker without an entry list (memcap from 2026-11-30 10:31 to 2026-12-01 04:29 UTC)
#: is read as listing: every name memcap's commands wrote into their folders then (from the
#: source of that time), so a user's file among them (but a figure) is never taken for
#: memcap's. Until 2026-12-06 such a folder counted as memcap's whole and --overwrite deleted a
#: thesis.tex put in it; now anything else in it refuses --overwrite, and memcap lists these
#: names in the marker the next time it records an entry there.
_LEGACY_ENTRIES = frozenset({
    "*.png",  # every figure at the top: train's strip, search's, compare's, the studies', and a
    # sweep report's, named after its metrics (without them memcap report refused a legacy folder
    # it had reported into, 2026-12-06 review), so a user's PNG there stays replaceable, as the
    # whole folder was until 2026-12-06
    "config.json", "metrics.csv", "summary.json",  # train
    "candidates.csv", "search.json",  # search
    "spec.json", "runs", "runs/group-[0-9][0-9][0-9][0-9].csv", "manifest.json",  # sweep
    "report.md", "summary.csv", "phenomena.json",  # sweep report
    "compare.csv", "compare.json", "compare.md", "summary.md",  # compare, tour
    "networks", "networks/*.json",  # tour, hardness
    "hardness.json", "rows.csv", "recipes.csv", "recipes.json",
    "topology.csv", "topology.json",  # hardness studies
    "memory.csv", "memory.json", "memory.md",
    "scaling.csv", "scaling.json", "scaling.md",  # memory curves
})


def _recorded_entries(folder: Path) -> set[str]:
    """The entries the marker lists; for a marker without a list (memcap before 2026-12-01), the
    names memcap wrote then (:data:`_LEGACY_ENTRIES`). A marker that cannot be read raises."""
    try:
        data = json.loads((folder / MARKER).read_text())
        entries = data["entries"] if "entries" in data else None
        if data.get("format") != _MARKER_FORMAT or not (
                entries is None or (isinstance(entries, list)
                                    and all(isinstance(e, str) for e in entries))):
            raise ValueError
    # RecursionError: JSON nested 200 000 deep was status 70 (2026-12-05 sweep review)
    except (OSError, ValueError, TypeError, AttributeError, RecursionError):
        raise UsageError(f"the {MARKER} file of {str(folder)!r} is damaged, so memcap cannot "
                         "tell its files from yours and will not write into the folder; move "
                         "it away (or choose another --out)") from None
    return set(_LEGACY_ENTRIES if entries is None else entries)


#: Folders that a marker of 2026-12-01 listed by name alone, meaning everything in them (a
#: sweep's ``runs``, its group files).
_LEGACY_FOLDERS = frozenset({"runs"})


def _listed_with_contents(folder: Path, known: set[str]) -> set[str]:
    """``known`` plus ``runs/**`` when the marker lists ``runs`` (a folder) with nothing
    beneath it: what a marker of 2026-12-01 meant (a sweep's group files). Resume and
    --overwrite read markers by this one rule (review: --overwrite called such group files
    foreign). Only those legacy names: until 2026-12-04 every listed name that was a folder
    counted as listed whole, so a user's folder put in the place of a listed file (config.json)
    was memcap's to delete."""
    return known | {f"{e}/**" for e in known & _LEGACY_FOLDERS if (folder / e).is_dir()
                    and not any(k.startswith(e + "/") for k in known)}


def _entries_if_marked(folder: Path) -> set[str] | None:
    """The entries the marker of ``folder`` lists (:func:`_recorded_entries`); None without a
    marker."""
    return _recorded_entries(folder) if is_memcap_folder(folder) else None


def remove_empty_marker(folder: str | Path) -> None:
    """Delete ``folder``'s marker if it lists no entry (one a command wrote just before it was
    refused, so the folder is left as it was); a marker that lists anything, or none without a
    list, stays.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); mark_folder(d, []); remove_empty_marker(d)
    >>> is_memcap_folder(d)
    False
    >>> mark_folder(d, ["a.txt"]); remove_empty_marker(d); is_memcap_folder(d)
    True
    """
    folder = Path(folder)
    if is_memcap_folder(folder) and _recorded_entries(folder) == set():
        (folder / MARKER).unlink(missing_ok=True)


def record_entries(folder: str | Path, names, replacing: str | None = None) -> None:
    """Add ``names`` (paths or patterns, as for :func:`mark_folder`) to the entries the
    :data:`MARKER` of ``folder`` lists: a command that keeps writing into a memcap folder it
    created, as a sweep and its report do, lists what it writes before writing it.

    Parameters
    ----------
    folder : str or Path
        A memcap folder; a damaged marker raises :class:`~capacity.errors.UsageError`, and one
        written before entry lists existed gets a list: the names memcap wrote then, and
        ``names``.
    names : iterable of str
        The paths or patterns to add; the marker is rewritten only when the list changes.
    replacing : str, optional
        Drop the listed entries that start with this prefix and are not in ``names`` first (a
        sweep narrows an older marker's patterns for every group name to its own groups'; only
        ever memcap's own entries, so the folder's files can only become the user's).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); mark_folder(d, ["spec.json", "runs/g-*.csv"])
    >>> record_entries(d, ["report.md"]); sorted(_recorded_entries(d))
    ['report.md', 'runs/g-*.csv', 'spec.json']
    >>> record_entries(d, ["runs/g-1.csv"], replacing="runs/g-"); sorted(_recorded_entries(d))
    ['report.md', 'runs/g-1.csv', 'spec.json']
    """
    folder = Path(folder)
    known = _recorded_entries(folder)
    names = set(names)
    kept = {e for e in known if replacing is None or not e.startswith(replacing) or e in names}
    if kept | names != known:
        atomic_write_text(folder / MARKER, _marker_text(kept | names))


def remove_recorded_files(folder: str | Path, names) -> list[str]:
    """Delete the plain files ``names`` of ``folder`` that its :data:`MARKER` lists as memcap's,
    then drop them from the list; return the names removed. A name that is not listed or not
    a plain file, or a folder without a marker, is left alone: how a command that rewrites its
    outputs in a memcap folder removes the ones its new run no longer writes (a sweep report's
    figures of metrics no longer asked for).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "old.png").write_text("x")
    >>> _ = (d / "mine.png").write_text("y"); mark_folder(d, ["old.png"])
    >>> remove_recorded_files(d, ["old.png", "mine.png"]), sorted(p.name for p in d.iterdir())
    (['old.png'], ['.memcap-folder', 'mine.png'])
    """
    folder = Path(folder)
    known = _entries_if_marked(folder)
    if not known:
        return []
    gone = [n for n in dict.fromkeys(names) if n in known and (folder / n).is_file()
            and not (folder / n).is_symlink()]
    for name in gone:
        (folder / name).unlink()
    if gone:
        atomic_write_text(folder / MARKER, _marker_text(known - set(gone)))
    return gone


@contextmanager
def entries_recorded(folder: str | Path, names):
    """Record ``names`` in the marker of ``folder`` (:func:`record_entries`), then run the block
    that writes them; if the block fails, take back the names it added that it did not write,
    so that a user's file put there later is not taken for memcap's (a report that ended with
    a full disk listed report.md and its figures, 2026-12-03 audit). Taking them back rewrites
    the marker, which may fail in turn on a full disk: then they stay listed.

    Parameters
    ----------
    folder : str or Path
        A memcap folder (one that is not records nothing).
    names : iterable of str
        Plain relative file names the block writes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); mark_folder(d, ["spec.json"])
    >>> try:
    ...     with entries_recorded(d, ["report.md", "a.png"]):
    ...         _ = (d / "a.png").write_text("figure")
    ...         raise OSError("disk full")
    ... except OSError:
    ...     pass
    >>> sorted(_recorded_entries(d))   # a.png was written, report.md was not
    ['a.png', 'spec.json']
    """
    folder = Path(folder)
    names = list(names)
    before = _entries_if_marked(folder)
    if before is not None:
        record_entries(folder, names)
    try:
        yield
    except BaseException:
        added = {n for n in names if before is not None and n not in before
                 and not (folder / n).exists() and not (folder / n).is_symlink()}
        now = _recorded_entries(folder) if added else None
        if now is not None:
            try:
                atomic_write_text(folder / MARKER, _marker_text(now - added))
            except OSError:
                pass  # the failure being raised says what went wrong; the names stay listed
        raise


def is_memcap_folder(folder: str | Path) -> bool:
    """Whether ``folder`` is a folder that memcap wrote (it holds the :data:`MARKER` file).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> is_memcap_folder(pathlib.Path(tempfile.mkdtemp()))
    False
    """
    return (Path(folder) / MARKER).is_file()


def _matches(rel: str, entry: str) -> bool:
    """``fnmatch`` one path segment at a time, so that ``*`` never crosses a ``/``
    (``runs/*.csv`` lists ``runs/a.csv``, not ``runs/old/a.csv``)."""
    parts, pattern = rel.split("/"), entry.split("/")
    return len(parts) == len(pattern) and all(
        fnmatch.fnmatchcase(a, b) for a, b in zip(parts, pattern, strict=True))


def _is_listed(rel: str, known: set[str]) -> bool:
    """Whether ``rel`` is a listed entry, matches a listed pattern, is a folder that holds one,
    or is the temporary file of an atomic write (:func:`temp_target`)."""
    if any(_matches(rel, e) for e in known):
        return True
    if any(e.endswith("/**") and (rel + "/").startswith(e[:-2]) for e in known):
        return True  # "NAME/**" lists a folder with everything in it
    if any(e.startswith(rel + "/") for e in known):  # a folder on the way to a listed entry
        return True
    parent, _, name = rel.rpartition("/")
    if _WRITE_CHECK.fullmatch(name):  # unwritable_reason's probe, removed at once (any name
        # beginning so was memcap's: --overwrite deleted a user's .memcap-write-check.notes.txt)
        return True
    # the temporary of an atomic write, memcap's by its tag (docs/cli.md), whatever its target:
    # one that a killed report left for a figure a later report no longer listed counted as
    # the user's and blocked --overwrite (2026-12-06 sweep review)
    return temp_target(name) is not None


def _foreign_entries(folder: Path) -> list[str]:
    """Paths under a memcap folder, at any depth, that its marker does not list."""
    known = _listed_with_contents(folder, _recorded_entries(folder))
    return sorted(rel for rel in _walk(folder) if not _is_listed(rel, known))


def check_not_foreign(folder: str | Path, names) -> None:
    """Refuse (one line) to write ``names`` into a memcap folder where one of them already
    exists but its marker does not list it: a file the user put there, which a command that
    keeps writing into its folder (a sweep's report) must not replace. Outside a memcap folder
    nothing is refused; a marker that predates entry lists counts as listing the names memcap
    wrote then.

    Parameters
    ----------
    folder : str or Path
        The folder about to be written into.
    names : iterable of str or Path
        Paths, relative to ``folder``, that the command is about to write; each one that exists
        and is not listed in the marker (nor a listed folder or temporary) is refused.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); mark_folder(d, ["a.txt"])
    >>> (d / "a.txt").write_text("x"), (d / "notes.md").write_text("mine")
    (1, 4)
    >>> check_not_foreign(d, ["a.txt", "report.md"])
    >>> check_not_foreign(d, ["notes.md"])
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: '.../notes.md' exists and memcap did not write it ...
    """
    folder = Path(folder)
    if not is_memcap_folder(folder):
        return
    known = _recorded_entries(folder)
    for name in names:
        rel = Path(name).as_posix()
        if (folder / rel).exists() and not _is_listed(rel, known):
            raise UsageError(f"{str(folder / rel)!r} exists and memcap did not write it (the "
                             f"folder's {MARKER} does not list it), so it will not be replaced; "
                             "move it away and run the command again")


def check_own_entries(folder: str | Path, entries) -> None:
    """Refuse (one line) to write again into ``folder`` when a path there that matches
    ``entries`` (names or patterns, as :func:`mark_folder` lists them) exists but memcap may
    not have written it: the folder has no marker, or its marker does not list that path. A
    command that resumes in place (a sweep) rewrites such paths, and a user's file of that name
    must not be replaced. A marker without a list (memcap before 2026-12-01) counts as listing
    the names memcap wrote then, as in :func:`check_not_foreign`.

    Parameters
    ----------
    folder : str or Path
        The existing folder about to be written into again.
    entries : iterable of str
        The paths and patterns the command writes there.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "metrics.csv").write_text("mine")
    4
    >>> check_own_entries(d, ["metrics.csv", "runs/*.csv"])
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: ... holds 'metrics.csv' but no .memcap-folder file, so memcap ...
    >>> mark_folder(d, ["metrics.csv", "runs/*.csv"]); check_own_entries(d, ["metrics.csv"])
    >>> (d / "runs").mkdir(); (d / "runs" / "g.csv").write_text("1")
    1
    >>> mark_folder(d, ["metrics.csv", "runs"])  # a folder listed alone lists its contents
    >>> check_own_entries(d, ["metrics.csv", "runs", "runs/*.csv"])
    """
    folder = Path(folder)
    patterns = set(entries)
    found = sorted(rel for rel in _walk(folder) if any(_matches(rel, e) for e in patterns))
    if not found:
        return
    if not is_memcap_folder(folder):
        raise UsageError(f"{str(folder)!r} holds {found[0]!r} but no {MARKER} file, so memcap "
                         "cannot tell whether it wrote it and will not write into the folder "
                         f"(a copy without hidden files loses {MARKER}: copy it too); choose "
                         "another --out")
    known = _listed_with_contents(folder, _recorded_entries(folder))
    foreign = [rel for rel in found if not _is_listed(rel, known)]
    if foreign:
        raise UsageError(f"{str(folder / foreign[0])!r} exists and memcap did not write it (the "
                         f"folder's {MARKER} does not list it), so it will not be replaced; "
                         "move it away or choose another --out")


def check_not_locked(out: str | Path, fix: str = "--overwrite will not replace it while it "
                     "runs; wait for it to finish or choose another --out") -> None:
    """Refuse (one line, ending in ``fix``) while another process holds :func:`folder_lock` on
    ``out`` (taking the lock for an instant; a folder without a lock file was never locked).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> check_not_locked(d)   # never locked
    >>> with folder_lock(d, "memcap sweep"):
    ...     pass
    >>> check_not_locked(d)   # its lock file stays, no longer held
    """
    out = Path(out)
    if (out / LOCK).is_file():
        with folder_lock(out, "memcap sweep or report", fix):
            pass


def check_replaceable(out: str | Path, held: bool = False) -> None:
    """Refuse (one line) to replace ``out`` unless memcap wrote it (:data:`MARKER`), it holds
    only the entries the marker lists (their temporaries, and the lock file, count as listed),
    and no other process holds :func:`folder_lock` on it (``held``: this process holds it).

    Parameters
    ----------
    out : str or Path
        The existing, non-empty folder that is to be replaced.
    held : bool, default False
        True when the calling process already holds :func:`folder_lock` on ``out``, so the
        check for another holder is skipped.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); mark_folder(d, ["a.txt"])
    >>> (d / "a.txt").write_text("x"), (d / ".a.txt.memcap-x1y2z3w4.txt").write_text("")
    (1, 0)
    >>> check_replaceable(d)
    >>> (d / ".a.txt.mine").write_text("mine")
    4
    >>> check_replaceable(d)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: ... holds 1 entry memcap did not write ('.a.txt.mine'), so ...
    """
    out = Path(out)
    if not is_memcap_folder(out):
        raise UsageError(f"output folder {str(out)!r} is not empty and was not written by memcap "
                         f"(it has no {MARKER} file), so --overwrite will not replace it; move "
                         "it away or choose another --out")
    if not held:
        check_not_locked(out)
    foreign = _foreign_entries(out)
    if foreign:
        shown = ", ".join(repr(n) for n in foreign[:3]) + (" ..." if len(foreign) > 3 else "")
        raise UsageError(f"output folder {str(out)!r} holds {len(foreign)} entr"
                         f"{'y' if len(foreign) == 1 else 'ies'} memcap did not write ({shown}), "
                         "so --overwrite will not replace it; move them away or choose another "
                         "--out")


def remove_memcap_folder(folder: str | Path) -> None:
    """Delete ``folder`` whole, only if memcap wrote it (:data:`MARKER`); refuse otherwise.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "thesis.tex").write_text("x")
    1
    >>> remove_memcap_folder(d)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: output folder '...' is not empty and was not written by memcap ...
    >>> (d / "thesis.tex").read_text()
    'x'
    """
    folder = Path(folder)
    check_replaceable(folder)
    shutil.rmtree(folder)


def _remove_entry(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry)
    else:
        entry.unlink()


#: The hidden folder inside a memcap folder that holds its previous contents while a command
#: replaces them (:func:`set_contents_aside`), until the new contents are complete.
REPLACED = ".memcap-replaced"
_REPLACING = ".memcap-replacing"  # the same while the old entries move in (a SIGKILL's leftover)
_DISCARDING = ".memcap-discarding"  # a set-aside folder being deleted (never taken for one kept)
_ASIDE = (REPLACED, _REPLACING, _DISCARDING)


def _aside_entries() -> list[str]:
    return [f"{name}/**" for name in _ASIDE]


def _discard(path: Path) -> None:
    """Delete a set-aside folder by first renaming it to :data:`_DISCARDING`, so that a kill
    part-way through the deletion never leaves a half folder that passes for a kept one."""
    gone = path.parent / _DISCARDING
    if path != gone:
        path.rename(gone)
    shutil.rmtree(gone)


def set_contents_aside(folder: str | Path, complete: bool, entries) -> Path:
    """Start replacing the contents of a memcap ``folder`` whose lock the caller holds, keeping
    the old ones: everything but its :data:`MARKER` and :data:`LOCK` files (and a copy of the
    marker) moves into ``folder/.memcap-replaced`` (:data:`REPLACED`, listed in the marker while
    it exists), interrupts deferred. The caller then writes the new contents and, once they are
    complete, calls :func:`discard_set_aside`; a command interrupted or failing before that
    leaves the old contents whole in :data:`REPLACED` beside its partial new ones (a sweep
    resumes them), so a replacement never loses the previous result (a sweep's ``--overwrite``
    deleted it first until 2026-12-03). Nothing leaves the folder, so a mount point or a
    read-only parent is no obstacle.

    Where :data:`REPLACED` is already there, ``complete`` (the caller's judgement of the current
    contents) decides: complete contents (a finished sweep beside a set-aside folder that a kill
    kept from being deleted, or one moved back by hand) replace it; unfinished ones (an earlier
    replacement that never completed) are deleted and it is kept. A move cut short by a SIGKILL
    is finished first.

    Parameters
    ----------
    folder : str or Path
        A memcap folder that memcap wrote whole (:func:`check_replaceable`'s check), locked by
        the caller.
    complete : bool
        Whether the current contents are a complete result (for a sweep: its summary exists).
    entries : iterable of str
        What the marker lists for the new contents (as for :func:`mark_folder`); the set-aside
        folder is listed beside them.

    Returns
    -------
    Path
        ``folder/.memcap-replaced``, holding the previous contents.

    Raises
    ------
    UsageError
        The folder holds an entry memcap did not write.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "a.txt").write_text("old")
    3
    >>> mark_folder(d, ["*.txt"]); aside = set_contents_aside(d, True, ["*.txt"])
    >>> sorted(p.name for p in d.iterdir()), sorted(p.name for p in aside.iterdir())
    (['.memcap-folder', '.memcap-replaced'], ['.memcap-folder', 'a.txt'])
    >>> (d / "b.txt").write_text("new"); discard_set_aside(d)
    3
    >>> sorted(p.name for p in d.iterdir())
    ['.memcap-folder', 'b.txt']
    """
    folder = Path(folder)
    aside = folder / REPLACED
    with interrupts_deferred():
        finish_set_aside(folder)
        check_replaceable(folder, held=True)  # the caller holds the folder's lock
        if aside.is_dir() and not complete:  # an earlier replacement never completed: keep
            for entry in folder.iterdir():  # what it set aside, drop what it left unfinished
                if entry.name not in (MARKER, LOCK, REPLACED):
                    _remove_entry(entry)
        else:
            if aside.is_dir():  # complete contents beside an old set-aside folder: it goes
                _discard(aside)
            marker = (folder / MARKER).read_bytes()  # the old marker, kept with the old contents
            record_entries(folder, _aside_entries())
            (folder / _REPLACING).mkdir()
            (folder / _REPLACING / MARKER).write_bytes(marker)
            _move_aside(folder)
        mark_folder(folder, [*entries, *_aside_entries()])
    return aside


def _move_aside(folder: Path) -> None:
    """Move every entry of ``folder`` but its marker and lock into :data:`_REPLACING`, then
    rename that to :data:`REPLACED` (the caller defers interrupts)."""
    moving = folder / _REPLACING
    for entry in sorted(folder.iterdir()):
        if entry.name not in (MARKER, LOCK, _REPLACING):
            entry.rename(moving / entry.name)
    moving.rename(folder / REPLACED)


def finish_set_aside(folder: str | Path) -> None:
    """Finish what a SIGKILL cut short in ``folder``: a :data:`REPLACED` folder being deleted
    is deleted, and a move into it is completed (every entry but the marker and lock joins the
    entries already moved; nothing new was written in between, since the move precedes any
    writing). A command that keeps writing into its folder calls this under the folder's lock
    before it reads the folder.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); finish_set_aside(d)  # nothing to finish
    """
    folder = Path(folder)
    if (folder / _DISCARDING).is_dir() and _listed(folder, _DISCARDING):
        with interrupts_deferred():
            _discard(folder / _DISCARDING)
    if (folder / _REPLACING).is_dir() and _listed(folder, _REPLACING):
        if (folder / REPLACED).exists():
            raise UsageError(f"{str(folder)!r} holds both {REPLACED} and {_REPLACING}, which "
                             "memcap never leaves together; move one of them away")
        with interrupts_deferred():
            _move_aside(folder)


def _listed(folder: Path, name: str) -> bool:
    known = _entries_if_marked(folder)
    return known is not None and _is_listed(name, known)


def discard_set_aside(folder: str | Path) -> None:
    """Delete what :func:`set_contents_aside` kept in ``folder`` (nothing if it kept nothing, or
    if the :data:`REPLACED` folder there is not listed as memcap's) and drop it from the marker:
    the new contents are complete.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> discard_set_aside(pathlib.Path(tempfile.mkdtemp()))  # nothing kept: nothing to do
    """
    folder = Path(folder)
    aside = folder / REPLACED
    with interrupts_deferred():
        if aside.is_dir() and not aside.is_symlink() and _listed(folder, REPLACED):
            _discard(aside)
        known = _entries_if_marked(folder)
        if known is not None and known & set(_aside_entries()):
            atomic_write_text(folder / MARKER, _marker_text(known - set(_aside_entries())))


@contextmanager
def folder_lock(folder: str | Path, what: str = "memcap command",
                fix: str = "wait for it to finish or choose another --out") -> Iterator[Path]:
    """Hold an exclusive lock on the existing ``folder`` while the block runs (``fcntl.flock`` on
    its :data:`LOCK` file, created if missing and left in place); refuse with one line when
    another process holds it (``what`` names that process, ``fix`` ends the message). The lock
    goes with the process: a killed holder frees it. Where ``fcntl`` is missing (Windows) the
    block runs unlocked.

    Parameters
    ----------
    folder : str or Path
        The existing folder to lock; its :data:`LOCK` file must not be a folder, a link or a
        non-plain file (refused with :class:`~capacity.errors.UsageError`).
    what : str, default "memcap command"
        Names the other holder in the refusal: "another {what} is writing into ...".
    fix : str, default "wait for it to finish or choose another --out"
        The advice that ends the refusal message.

    Yields
    ------
    Path
        ``folder`` as a :class:`~pathlib.Path`, while the lock is held.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with folder_lock(d, "memcap sweep"):
    ...     with folder_lock(d, "memcap sweep"):
    ...         pass
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: another memcap sweep is writing into '...' now; wait for it to ...
    """
    folder = Path(folder)
    try:
        import fcntl
    except ImportError:  # no flock here
        yield folder
        return
    lock = folder / LOCK
    try:  # never through a link (a dangling one created a file outside the folder), never
        # blocking on a fifo put there; flock needs only read access
        fd = os.open(lock, os.O_RDONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o666)
    except OSError as exc:
        if exc.errno not in (errno.ELOOP, errno.EISDIR):
            raise
        raise UsageError(f"{str(folder)!r} is damaged: its lock file {str(lock)!r} is a folder "
                         "or a link; remove it (memcap creates it again)") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # a fifo or device put there
        os.close(fd)
        raise UsageError(f"{str(folder)!r} is damaged: its lock file {str(lock)!r} is not a "
                         "plain file; remove it (memcap creates it again)")
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(f"another {what} is writing into {str(folder)!r} now; {fix}"
                             ) from None
        yield folder
    finally:
        os.close(fd)  # releases the lock


def _nearest_existing(path: Path) -> Path:
    """``path`` or its nearest existing ancestor (a dangling link counts as absent)."""
    while path != path.parent:
        try:
            if path.exists():
                break
        except OSError:  # a name too long for the file system does not exist
            pass
        path = path.parent
    return path


def staging_folder(out: str | Path, prefix: str = ".memcap-staging-"):
    """A temporary folder (a ``tempfile.TemporaryDirectory``) beside the output folder ``out``:
    in its nearest existing ancestor, which :func:`check_out_folder` found writable, not in the
    system's temp folder, which may be full or read-only.

    Parameters
    ----------
    out : str or Path
        The output folder; the staging folder is made in the nearest existing folder above it.
    prefix : str, default ".memcap-staging-"
        Start of the staging folder's name.

    Returns
    -------
    contextlib.AbstractContextManager
        Not yet entered; use it in a ``with`` block, which yields its path as a str and removes
        it on exit. A folder that cannot be removed (its parent made read-only or immutable
        meanwhile) raises ``OSError`` on exit, unless the block is already raising, whose
        exception then propagates unchanged (Python 3.11's ``TemporaryDirectory`` recursed
        without end there and ended in a ``RecursionError``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> base = pathlib.Path(tempfile.mkdtemp())
    >>> with staging_folder(base / "new" / "res") as tmp:
    ...     pathlib.Path(tmp).parent == base
    True
    >>> sorted(p.name for p in base.iterdir())
    []
    """
    return _staged(prefix, _nearest_existing(Path(out).absolute().parent))


@contextmanager
def _staged(prefix: str, parent: Path):
    """:func:`staging_folder`'s context: ``mkdtemp`` in ``parent``, removed on exit."""
    path = tempfile.mkdtemp(prefix=prefix, dir=parent)
    failed = False
    try:
        yield path
    except BaseException:
        failed = True
        raise
    finally:
        try:
            shutil.rmtree(path)
        except FileNotFoundError:
            pass
        except OSError:
            if not failed:
                raise


#: Bytes memcap adds to an output folder's name for its temporaries: ``.NAME.tmp-XXXXXXXX``
#: and ``.NAME.old-XXXXXXXX`` beside it (:func:`write_folder`).
FOLDER_TEMP_EXTRA = 14


def file_temp_extra(path: str | Path) -> int:
    """Bytes :func:`atomic_write` adds to a file's name for its temporary:
    ``.NAME.memcap-XXXXXXXX`` and the name's suffix again, counted as at least 4 bytes (a figure
    named without a suffix is written through a ``.png`` temporary).

    Examples
    --------
    >>> file_temp_extra("net.json"), file_temp_extra("plot"), file_temp_extra("a.md")
    (22, 21, 21)
    """
    return 10 + len(_TEMP_TAG) + max(4, len(os.fsencode(Path(path).suffix)))


def check_name_length(out: str | Path, option: str = "--out", extra: int = 0) -> None:
    """Refuse (one line) an output path whose names the file system would refuse: a folder to
    create whose name is too long, or an output name too long for the temporary name memcap
    writes first beside it, ``extra`` bytes longer (:data:`FOLDER_TEMP_EXTRA` for a folder,
    :func:`file_temp_extra` for a file, 0 for a folder memcap only writes into, a sweep's),
    which failed only at the end of the work. The limits are the file system's (``pathconf``:
    usually 255 bytes a name, 4096 a path). The path ``-`` is refused too: on a command line it
    means standard output, where memcap writes no file, and ``--plot -`` wrote a file named
    ``-`` (2026-12-05 fuzzing).

    Parameters
    ----------
    out : str or Path
        The output path (made absolute); each name still to be created below its nearest
        existing ancestor is checked, and the whole path's length.
    option : str, default "--out"
        The command-line option named at the start of the error message.
    extra : int, default 0
        Bytes the temporary name adds to the last name (and to the path length) beyond ``out``'s.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> check_name_length(d / ("a" * 200 + ".json"), extra=15)
    >>> check_name_length(d / ("a" * 240 + ".json"), "--save", extra=15)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --save '...': the name 'aaaa...aaaa.json' has 245 bytes; memcap ...
    >>> check_name_length("-", "--plot")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --plot '-': memcap writes no output to standard output; ...
    """
    if str(out) == "-":
        raise UsageError(f"{option} '-': memcap writes no output to standard output; give a path "
                         "instead (an absolute one names a file or folder called '-')")
    out = Path(out).absolute()
    probe = _nearest_existing(out)
    try:
        name_max = os.pathconf(probe, "PC_NAME_MAX")
        path_max = os.pathconf(probe, "PC_PATH_MAX")
    except (OSError, ValueError):
        name_max, path_max = 255, 4096
    names = list(out.relative_to(probe).parts) if out != probe else [out.name]  # to create
    for i, name in enumerate(names):
        size = len(os.fsencode(name))
        last = i == len(names) - 1
        room = name_max - (extra if last else 0)
        if size > room:
            shown = shortened(name, 40)
            why = (f"the file system allows {name_max} bytes a name, and memcap writes through "
                   f"a temporary name {extra} bytes longer" if last and extra else
                   f"the file system allows {name_max} bytes a name")
            raise UsageError(f"{option} {_shown(out)}: the name {shown!r} has {size} bytes; "
                             f"memcap can use at most {room} here ({why}); choose a shorter "
                             "name")
    if len(os.fsencode(str(out))) + extra > path_max:
        raise UsageError(f"{option} {_shown(out)}: the path has {len(os.fsencode(str(out)))} "
                         f"bytes, above the {path_max - extra} memcap can use here; choose a "
                         "shorter path")


def shortened(text: str, limit: int = 120) -> str:
    """``text``, or its first and last thirds around ``...`` when it is longer than ``limit``
    characters: how a path too long to print is shown in a one-line error.

    Parameters
    ----------
    text : str
        The text to show.
    limit : int, default 120
        Longest text returned unchanged; a longer one keeps ``limit // 3`` characters at each end.

    Returns
    -------
    str
        ``text`` itself, or its two ends joined by ``...``.

    Examples
    --------
    >>> shortened("abc"), shortened("a" * 30 + "b" * 30, 12)
    ('abc', 'aaaa...bbbb')
    """
    return text if len(text) <= limit else f"{text[:limit // 3]}...{text[-(limit // 3):]}"


def _shown(path: Path) -> str:
    """``repr`` of a path, :func:`shortened`."""
    return repr(shortened(str(path)))


def check_writable(out: str | Path, parent: bool = False, option: str = "--out",
                   probe: bool = True) -> None:
    """Refuse (ValueError, one line) an ``--out`` path memcap could not create or write into.

    The nearest existing folder at or above ``out`` (above it, with ``parent``: for a folder
    that is assembled beside ``out`` and renamed onto it) must be a folder in which a file can
    be created; this is tried, with a hidden temporary file that is removed at once. A path
    under a regular file is refused too, and so are names too long for the file system or for
    the temporary folder written beside ``out`` with ``parent`` (:func:`check_name_length`).
    Cheap, so commands call it before any work.

    Parameters
    ----------
    out : str or Path
        The output path to check; it need not exist.
    parent : bool, default False
        Probe the nearest existing folder above ``out`` rather than at it, and allow
        :data:`FOLDER_TEMP_EXTRA` bytes more in its name for the temporary folder.
    option : str, default "--out"
        The command-line option named in the error message.
    probe : bool, default True
        Create (and remove) the hidden file; False checks the names, the path and the folder's
        permission bits only (``os.access``), for a command that writes nothing (a dry run).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); check_writable(d / "new" / "deeper")
    >>> (d / "f").write_text("x")
    1
    >>> check_writable(d / "f" / "out")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: cannot write --out '...': '...' is a file, not a folder; choose ...
    """
    out = check_followable(out, option)
    # the temporary folder beside it; none when memcap writes only inside it (a sweep)
    check_name_length(out, option, FOLDER_TEMP_EXTRA if parent else 0)
    _check_probe(out, parent, option, probe)


class FolderNotWritable(UsageError):
    """:func:`check_writable`'s refusal of a folder where no file can be created: bad input
    before the work, an I/O error once the work is done (:func:`write_folder`)."""


def _check_probe(out: Path, parent: bool, option: str, create: bool = True) -> None:
    """:func:`check_writable` once the names are checked: a dangling link, a file in the way,
    a folder where no file can be created (tried only with ``create``)."""
    if out.is_symlink() and not out.exists():  # mkdir or a rename there failed after the work
        raise UsageError(f"cannot write {option} {str(out)!r}: it is a symbolic link that "
                         f"points nowhere (to {os.readlink(out)!r}, missing or a loop); remove "
                         f"it or choose another {option}")
    probe = _nearest_existing(out.parent if parent else out)
    if not probe.is_dir():
        raise UsageError(f"cannot write {option} {str(out)!r}: {str(probe)!r} is a file, not a "
                         f"folder; choose another {option}")
    if not create:  # a dry run writes nothing: ask the permission bits instead (it said "a new
        # sweep" for a read-only folder that the real run refuses; CLI fuzz, 2026-12-04)
        if not os.access(probe, os.W_OK | os.X_OK):
            raise FolderNotWritable(f"cannot write {option} {str(out)!r}: folder "
                                    f"{str(probe)!r} is not writable; choose another {option}")
        return
    _probe_file(out, probe, option)
    if parent and out.is_dir() and not out.is_symlink():
        # an existing folder is renamed aside before the new one takes its place, then its
        # entries are deleted: that needs, in a sticky folder such as /tmp, owning it or the
        # folder above (else the rename fails: the run trained, then failed with status 74),
        # and, when it holds entries, creating and deleting files in it (a read-only memcap
        # folder was replaced but its old copy was left beside it, .NAME.old-XXXXXXXX).
        # An empty read-only folder is renamed within its parent as it is, so it passes.
        # (CLI fuzz and its review, 2026-12-04)
        if any(out.iterdir()):
            _probe_file(out, out, option)
            for sub in _inner_folders(out):  # its entries are deleted too: a read-only or
                # immutable subfolder passed, and the old copy stayed beside the new one,
                # silently (2026-12-07 audit)
                _probe_file(out, sub, option)
        above = probe.stat()
        euid = os.geteuid() if hasattr(os, "geteuid") else 0
        if (above.st_mode & stat.S_ISVTX and euid != 0
                and euid not in (above.st_uid, out.stat().st_uid)):
            raise FolderNotWritable(f"cannot write {option} {str(out)!r}: it belongs to another "
                                    f"user in the sticky folder {str(probe)!r}, so memcap "
                                    f"cannot replace it; choose another {option}")


def unwritable_reason(folder: str | Path) -> str | None:
    """Why no file can be created in the existing ``folder`` (the system's words), or None when
    one can: a hidden file is created there and removed at once. Permission bits alone do not
    tell (root writes anywhere but on a read-only file system).

    Examples
    --------
    >>> import tempfile
    >>> unwritable_reason(tempfile.mkdtemp()) is None
    True
    """
    try:
        fd, tmp = tempfile.mkstemp(prefix=".memcap-write-check.", dir=folder)
    except OSError as exc:
        return str(exc.strerror or exc)
    os.close(fd)
    os.unlink(tmp)
    return None


def _probe_file(out: Path, folder: Path, option: str) -> None:
    """Create and remove a hidden file in ``folder``, or refuse ``out`` (one line)."""
    reason = unwritable_reason(folder)
    if reason is not None:
        raise FolderNotWritable(f"cannot write {option} {str(out)!r}: folder {str(folder)!r} "
                                f"is not writable ({reason}); choose another {option}")


def check_output_file(path: str | Path | None, option: str, suffixes: tuple[str, ...], *,
                      ours: Callable[[Path], bool] | None = None, refusal: str = "") -> None:
    """Refuse (one line, before any work) a single output file that could not be written: its
    folder missing or unwritable, a folder where the file should go, or a name not ending in
    one of ``suffixes`` (lower-case, with the dot; ``""`` admits a name without one); with
    ``ours``, also an existing non-empty file that ``ours`` does not recognise as memcap's (an
    empty one is taken: ``mktemp`` leaves it for the output). ``None`` passes.

    Parameters
    ----------
    path : str, Path or None
        The output file to check; ``None`` returns at once. A symbolic link, device, pipe or
        socket at the path is refused too.
    option : str
        The command-line option named at the start of the error message (e.g. ``"--plot"``).
    suffixes : tuple of str
        Accepted suffixes, lower-case with the dot; the name's suffix is compared lower-cased.
    ours : callable, optional
        ``ours(path)``: whether an existing file is one memcap wrote and may replace (None:
        any file at the path is replaced).
    refusal : str, optional
        With ``ours``, the message's end after "exists and is not " (what memcap replaces, and
        what to do instead).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); check_output_file(d / "f.png", "--plot", (".png",))
    >>> check_output_file(d, "--plot", (".png", ".pdf"))
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --plot '...' is a folder; give a file name ending in .png or .pdf
    >>> check_output_file("/dev/null", "--plot", (".png", ""))
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --plot '/dev/null' exists and is not a plain file (a device, ...
    """
    if path is None:
        return
    path = Path(path)
    check_name_length(path, option, file_temp_extra(path))
    folder = path.parent if str(path.parent) else Path(".")
    named = [x for x in suffixes if x] + (["no suffix"] if "" in suffixes else [])
    wanted = " or ".join([", ".join(named[:-1]), named[-1]] if len(named) > 2 else named)
    if path.is_dir():
        raise UsageError(f"{option} {str(path)!r} is a folder; give a file name ending in {wanted}")
    if (path.exists() or path.is_symlink()) and not (path.is_file() and not path.is_symlink()):
        # the write renames a new file over the path: it would replace a device (/dev/null
        # was replaced by a PNG, 2026-12-01), a pipe, a socket or a link with a plain file
        raise UsageError(f"{option} {str(path)!r} exists and is not a plain file (a device, "
                         "pipe, socket or link); memcap replaces the path with a new file, so "
                         "give the name of a new or plain file")
    if not folder.is_dir():
        raise UsageError(f"{option} {str(path)!r}: {_not_a_folder(folder)}")
    if path.suffix.lower() not in suffixes:
        if path.name.lower() in suffixes:  # ".json" is a hidden name with no suffix to Python
            raise UsageError(f"{option} {str(path)!r} has no name before {path.name}; give a "
                             f"file name such as net{path.name}")
        raise UsageError(f"{option} {str(path)!r} must end in {wanted}")
    _check_probe(path, True, option)  # its name was checked above, before any exists()
    if ours is not None and path.is_file() and path.stat().st_size > 0 and not ours(path):
        raise UsageError(f"{option} {str(path)!r} exists and is not {refusal}")


def check_not_current_folder(out: str | Path) -> None:
    """Refuse (one line) to replace ``out`` when it is the current folder or holds it: memcap
    cannot rename or delete the folder a command runs in.

    Examples
    --------
    >>> check_not_current_folder("..")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --out '..' is the current folder or holds it, which memcap ...
    """
    here, target = Path.cwd().resolve(), Path(out).resolve()
    if target == here or target in here.parents:
        raise UsageError(f"--out {str(out)!r} is the current folder or holds it, which memcap "
                         "cannot replace; run memcap from another folder or choose another --out")


def check_followable(out: str | Path, option: str = "--out") -> Path:
    """``out`` with a final ``..`` resolved; refuse (one line) a ``..`` after a folder that does
    not exist.

    The operating system follows ``a/..`` only where ``a`` exists, but memcap creates missing
    parents before it writes: ``--out x/new/..`` passed every check as a missing folder,
    trained, then found ``x`` (a non-empty folder memcap did not write) and left ``x/new``
    behind; a sweep left its lock file in ``x`` too (2026-12-04 review). A final ``..`` names
    an existing folder, whose own name is what a result folder is renamed onto, so it is
    replaced by the folder's real path. Any ``..`` after a folder is resolved once, here:
    ``--out run/../run --overwrite`` renamed ``run`` aside, after which ``run/..`` named nothing,
    so neither the new folder nor the old one could be renamed onto it and the run's results
    were left hidden in ``.run.old-*`` (exit 74; 2026-12-06 review). :func:`check_writable`
    and :func:`check_out_folder` call it.

    Parameters
    ----------
    out : str or Path
        The output path (it need not exist).
    option : str, default "--out"
        The command-line option named in the error message.

    Returns
    -------
    Path
        ``out``, or, when a ``..`` follows a folder, the real path of everything up to its last
        ``..`` followed by the rest (the real path itself when ``..`` is last).

    Examples
    --------
    >>> check_followable("/no/such/folder/../out")
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --out '/no/such/folder/../out': '/no/such/folder' does not ...
    >>> check_followable("/tmp/.."), check_followable("../x"), check_followable("/tmp/../r")
    (PosixPath('/'), PosixPath('../x'), PosixPath('/r'))
    """
    out = Path(out)
    for i, part in enumerate(out.parts):
        if part == ".." and i > 0 and not Path(*out.parts[:i]).is_dir():
            raise UsageError(f"{option} {str(out)!r}: {str(Path(*out.parts[:i]))!r} does not exist "
                             "(or is not a folder), so the '..' after it cannot be followed; "
                             "give the output folder's path without it")
    last = max((i for i, part in enumerate(out.parts) if part == ".."), default=0)
    if last == 0:  # no '..', or only leading ones (they never pass through the folder itself)
        return out
    return Path(os.path.realpath(Path(*out.parts[:last + 1]))).joinpath(*out.parts[last + 1:])


def check_out_folder(out: str | Path, overwrite: bool = False) -> Path:
    """Refuse a non-empty existing folder unless ``overwrite`` and memcap wrote it (it holds the
    :data:`MARKER` file); refuse a file and a folder that cannot be written there
    (:func:`check_writable` on its parent). Checked before any work, so bad input costs nothing.

    Parameters
    ----------
    out : str or Path
        The output folder (``--out``) to check; it may be missing. A symbolic link, a file, the
        current folder (or one holding it) and too-long names are refused.
    overwrite : bool, default False
        Whether a non-empty existing folder may be replaced; even then only a memcap folder
        that passes :func:`check_replaceable`.

    Returns
    -------
    Path
        ``out`` as a :class:`~pathlib.Path`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); mark_folder(d, ["x"]); (d / "x").write_text("1")
    1
    >>> check_out_folder(d)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: output folder '...' is not empty; pass --overwrite to replace ...
    >>> (d / "mine.txt").write_text("2")   # a user's file: --overwrite would not replace it
    1
    >>> check_out_folder(d)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: ... holds 1 entry memcap did not write ('mine.txt'), so ...
    """
    out = check_followable(out)
    check_name_length(out, extra=FOLDER_TEMP_EXTRA)
    if out.is_symlink():
        # the folder is assembled beside --out and renamed onto it: a link to a folder was
        # replaced by a real folder (its target left empty, a stray .NAME.old-* link beside it),
        # and a dangling link or a loop failed with status 74 after the work (2026-12-01)
        raise UsageError(f"--out {str(out)!r} is a symbolic link (to {os.readlink(out)!r}); "
                         "give the folder's own path")
    if out.exists() and not out.is_dir():
        raise UsageError(f"{str(out)!r} is a file, not a folder; choose another --out")
    if out.is_dir():
        check_not_current_folder(out)
    if out.is_dir() and os.path.ismount(out):
        # the result is assembled beside --out and renamed onto it, which a mount point refuses:
        # the work ran, then failed with status 74 (2026-12-03 audit)
        raise UsageError(f"--out {str(out)!r} is a mount point, which memcap cannot replace "
                         "(it writes the folder beside it, then renames it there); give a "
                         "folder inside it")
    if out.is_dir() and any(out.iterdir()):
        # first whether --overwrite could replace it at all: a folder memcap did not write was
        # told to pass --overwrite, which was then refused (2026-12-04 audit)
        check_replaceable(out)
        if not overwrite:
            raise UsageError(f"output folder {str(out)!r} is not empty; pass --overwrite to "
                             "replace it or choose another --out")
    _check_probe(out, True, "--out")  # write_folder assembles a sibling there, renames it
    return out


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP back while the block runs (in the main thread; elsewhere a
    no-op): those that arrive meanwhile are recorded, and their handlers run in order when the
    block ends (until one raises).

    For the steps that must not stop half-way: removing a temporary folder after a first Ctrl-C
    (a second one, or ``timeout``'s signal to the process group, left ``.NAME.tmp-*`` folders
    that nothing removed, 2026-12-03 audit) and the two renames that replace an old output
    folder (stopped between them, the old folder would stay hidden as ``.NAME.old-*``).

    Examples
    --------
    >>> import os, signal
    >>> try:
    ...     with interrupts_deferred():
    ...         os.kill(os.getpid(), signal.SIGINT)
    ...         print("the block finished")
    ... except KeyboardInterrupt:
    ...     print("then the interrupt")
    the block finished
    then the interrupt
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be changed (and only run) in the main thread
        return
    arrived: list[tuple[int, object]] = []
    previous: dict[int, object] = {}
    deferring = [True]

    def deliver(signum, frame) -> None:
        handler = previous[signum]
        if callable(handler):
            handler(signum, frame)
        elif handler == signal.SIG_DFL and signum == signal.SIGINT:
            raise KeyboardInterrupt
        elif handler == signal.SIG_DFL:
            signal.signal(signum, signal.SIG_DFL)
            signal.raise_signal(signum)  # SIGTERM's and SIGHUP's default: end the process

    def record(signum, frame):  # Python runs handlers in the main thread, whichever OS thread
        if deferring[0]:  # received the signal (a thread's mask would not be enough)
            arrived.append((signum, frame))
        else:  # left installed by an interrupt during the restore below: behave as before
            deliver(signum, frame)

    try:  # installed inside the try: an interrupt between the two installs (a SIGTERM after
        # the SIGINT handler was replaced) left `record` deferring every later Ctrl-C forever
        # (2026-12-05 review); `previous` holds each handler before its replacement
        # SIGHUP too: `interrupts.sigterm_as_interrupt` stops commands on it since 2026-12-05,
        # and a SIGHUP between the two renames left `.NAME.old-*` (review)
        for s in (signal.SIGINT, *STOP_SIGNALS):
            handler = signal.getsignal(s)
            if handler is None:  # installed outside Python: cannot be put back, so left alone
                continue
            previous[s] = handler
            signal.signal(s, record)
        yield
    finally:
        deferring[0] = False  # from here a signal is delivered, even before the restore
        for s, handler in previous.items():
            signal.signal(s, handler)
        for signum, frame in arrived:  # in order: the first that raises ends the delivery
            deliver(signum, frame)  # (all of them: a SIGTERM handler counts repeats, and a
            # Ctrl-C after a SIGTERM was dropped, 2026-12-03 review)


def write_folder(out: str | Path, writer: Callable[[Path], None], overwrite: bool = False) -> Path:
    """Assemble a folder with ``writer(tmp_dir)`` in a hidden sibling, then rename it onto
    ``out`` (replacing an old one only with ``overwrite`` and only if memcap wrote it); a failure
    leaves ``out`` untouched. The folder gets the :data:`MARKER` file and the user's umask.

    Parameters
    ----------
    out : str or Path
        The output folder, checked first by :func:`check_out_folder`; missing parents are
        created.
    writer : callable
        ``writer(tmp_dir)`` fills ``tmp_dir``, an empty :class:`~pathlib.Path` beside ``out``;
        if it raises, the temporary folder is removed and the exception propagates.
    overwrite : bool, default False
        Whether an existing non-empty ``out`` may be replaced (see :func:`check_out_folder`).

    Returns
    -------
    Path
        ``out``, now holding what ``writer`` wrote plus the marker.

    Raises
    ------
    capacity.errors.UsageError
        From :func:`check_out_folder`: ``out`` refused (not empty without ``overwrite``, not
        memcap's, a file, a link, ...).
    PermissionError
        ``out``'s folder is not writable. The commands check ``out`` before their work, so
        here it changed during the run: an operating-system error, not bad input.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "res"
    >>> folder = write_folder(out, lambda d: (d / "a.txt").write_text("x"))
    >>> sorted(p.name for p in folder.iterdir())
    ['.memcap-folder', 'a.txt']
    """
    try:
        out = check_out_folder(out, overwrite)
    except FolderNotWritable as exc:
        # the commands check --out before their work: a folder that is unwritable only now had
        # its permissions changed during the run, an operating-system error (status 74 in the
        # CLI, docs/cli.md), not bad input (status 2 until 2026-12-03)
        raise PermissionError(f"{exc} (the commands check it before their work: its "
                              "permissions, its file system or the free space changed "
                              "meanwhile)") from None
    created = [p for p in (out.parent, *out.parent.parents) if not p.exists()]  # deepest first
    tmp = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700; give the usual folder mode
        writer(tmp)
        mark_folder(tmp)
        if overwrite and out.is_dir() and any(out.iterdir()):  # a file: _place_folder says so
            check_replaceable(out)  # again: the folder may have changed during the work
            _replace_folder(tmp, out)
        else:
            _place_folder(tmp, out, overwrite)
    except BaseException:
        removed: list[bool] = []
        while not removed:  # a second interrupt can arrive as the cleanup starts (even at its
            try:  # call's first instruction): the removal is then begun again
                _remove_after_failure(tmp, created, removed)
            except KeyboardInterrupt:
                if removed:  # held back during the removal, delivered after it: it goes on
                    raise
        raise
    return out


def _place_folder(tmp: Path, out: Path, overwrite: bool) -> None:
    """Rename ``tmp`` onto ``out``, which must be missing or empty: the rename itself refuses a
    non-empty ``out`` (ENOTEMPTY), so a folder another memcap finished meanwhile is never
    replaced without ``--overwrite`` (it was: the check ran before the work, 2026-12-05
    review); with ``overwrite`` it is replaced as an old folder is."""
    try:
        with interrupts_deferred():
            tmp.rename(out)
    except OSError as exc:
        if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR) or \
                not os.path.lexists(out):
            raise
        if out.is_symlink() or not out.is_dir():  # a link or a file put there meanwhile: a
            # raw NotADirectoryError before (2026-12-05 review); never replaced
            raise UsageError(f"output folder {str(out)!r} became a file or a link while this "
                             "command ran, so its results were not written; choose another "
                             "--out") from None
        if overwrite:
            check_replaceable(out)
            _replace_folder(tmp, out)
            return
        raise UsageError(f"output folder {str(out)!r} was filled by something else while this "
                         "command ran, so its results were not written; pass --overwrite to "
                         "replace it or choose another --out") from None


def _inner_folders(folder: Path) -> Iterator[Path]:
    """The non-empty folders below ``folder`` at any depth (links not followed: ``os.walk``
    lists a linked folder but does not enter it)."""
    for root, dirs, files in os.walk(folder):
        if (dirs or files) and Path(root) != folder:
            yield Path(root)


def _replace_folder(tmp: Path, out: Path) -> None:
    """Swap ``tmp`` in for the old ``out``: both renames or neither, then the old one removed."""
    old = out.parent / f".{out.name}.old-{tmp.name.rsplit('-', 1)[-1]}"
    with interrupts_deferred():
        out.rename(old)
        try:
            tmp.rename(out)
        except BaseException:
            old.rename(out)  # the old folder back where it was
            raise
        # in the same block: an interrupt deferred till its end would skip a removal after it
        shutil.rmtree(old, ignore_errors=True)
    if old.exists() or old.is_symlink():  # made undeletable during the work: the new folder
        # is in place, so say where the old copy stayed rather than leave it silently
        warn(f"memcap: warning: the old copy of {str(out)!r} could not be removed and is left "
             f"as {str(old)!r}; delete it yourself")


def _remove_after_failure(tmp: Path | None, created: list[Path], removed: list[bool]) -> None:
    """Remove the temporary folder, then the parents :func:`write_folder` created if empty,
    with interrupts held back, and append to ``removed`` once done (:func:`write_folder` calls
    again if an interrupt came before: a second Ctrl-C, or ``timeout``'s signal to the process
    group, right after the first left ``.NAME.tmp-*`` behind, 2026-12-05 review; the created
    parents stayed, empty, after any failure)."""
    with interrupts_deferred():
        if tmp is not None:  # None: the failure came before it was made
            shutil.rmtree(tmp, ignore_errors=True)
        for folder in created:
            try:
                folder.rmdir()
            except OSError:  # not empty (a user's file, another run) or gone
                break
        removed.append(True)
