"""The sweep folder: one writer at a time (its lock), and a user's hidden files are never taken
for memcap's temporaries."""

import os
import shutil
import subprocess
import sys

import pytest
from memcap_cli import drop_sweep_report, memcap_main

from capacity.atomic_files import LOCK, atomic_write, check_replaceable, folder_lock, temp_target
from empirical.sweeps.driver import run_sweep
from empirical.sweeps.spec import SweepSpec

SPEC = """
name = "tiny"
seeds = [0]
metrics = ["gap(weight_l2)"]
[base]
data = { n_train = 10, n_test = 4 }
train = { steps = 2, log_every = 2 }
[[grid]]
field = "model.width"
values = [3, 6]
"""


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


@pytest.fixture
def swept(tmp_path, capsys):
    """A finished sweep folder and its spec file."""
    spec = tmp_path / "tiny.toml"
    spec.write_text(SPEC)
    out = tmp_path / "out"
    assert memcap_main(capsys, "sweep", spec, "--out", out)[0] == 0
    return spec, out


def _hold_lock(folder):
    """Another process holding the folder's lock (as a running sweep does) until killed."""
    proc = subprocess.Popen([sys.executable, "-c",
                             "import sys, time; from capacity.atomic_files import folder_lock\n"
                             f"with folder_lock({str(folder)!r}):\n"
                             "    print('locked', flush=True); time.sleep(60)"],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


@pytest.mark.parametrize("extra", [[], ["--overwrite"], ["--seeds", "1", "--overwrite"]])
def test_a_second_sweep_into_a_locked_folder_is_refused_and_writes_nothing(swept, capsys,
                                                                         extra):
    spec, out = swept
    before = _snapshot(out)
    holder = _hold_lock(out)
    try:
        code, _, err = memcap_main(capsys, "sweep", spec, "--out", out, *extra)
        assert code == 2 and "another memcap sweep or report is writing into" in err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        code, _, err = memcap_main(capsys, "report", out)
        assert code == 2 and "is writing into" in err and "memcap report again" in err
        # its dry run previews it: it said "resume" (2026-12-06 sweep review)
        code, _, err = memcap_main(capsys, "sweep", spec, "--out", out, "--dry-run", *extra)
        assert code == 2 and "is writing into" in err and len(err.strip().splitlines()) == 1
        # another command's --overwrite (write_folder) is refused too: it had deleted the
        # running sweep's groups (2026-12-01 review)
        code, _, err = memcap_main(capsys, "search", "--inputs", "2", "--trials", "1",
                                   "--steps", "20", "--out", out, "--overwrite")
        assert code == 2 and "is writing into" in err and len(err.strip().splitlines()) == 1
        assert _snapshot(out) == before
    finally:
        holder.kill()
        holder.wait()
    assert memcap_main(capsys, "sweep", spec, "--out", out, *extra)[0] == 0  # free again


def test_the_lock_file_is_memcaps_own(swept, capsys):
    """Not a foreign entry for --overwrite, not a temporary for the resume, no damage."""
    spec, out = swept
    assert (out / LOCK).is_file()
    check_replaceable(out)
    r = run_sweep(SweepSpec.from_dict({"name": "tiny", "seeds": [0], "metrics": ["gap(weight_l2)"],
                                       "base": {"data": {"n_train": 10, "n_test": 4},
                                                "train": {"steps": 2, "log_every": 2}},
                                       "grid": [{"field": "model.width", "values": [3, 6]}]}),
                  out)
    assert (r["trained_groups"], r["manifest"], r["recomputed_groups"]) == (0, "ok", [])
    other = spec.with_name("other.toml")
    other.write_text(SPEC.replace("[3, 6]", "[4, 5]"))
    assert memcap_main(capsys, "sweep", other, "--out", out, "--overwrite")[0] == 0
    with folder_lock(out, "memcap sweep"):  # held in this process: refused all the same
        with pytest.raises(ValueError, match="another memcap sweep or report is writing"):
            run_sweep(SweepSpec.from_dict({"grid": [{"field": "model.width", "values": [4]}]}),
                      out, overwrite=True)


def test_a_users_hidden_files_survive_resume_and_block_overwrite(swept, capsys):
    """`.summary.csv.mine` looked like a temporary of summary.csv and was deleted by a resume
    and by --overwrite; only the exact names of memcap's temporaries are."""
    spec, out = swept
    mine = {".summary.csv.mine": "a", "runs/.group-0000.csv.bak": "b",
            ".metrics.csv.abcd1234": "c", ".spec.json.abcd1234.csv": "d"}
    for name, text in mine.items():
        (out / name).write_text(text)
    stale = [out / ".summary.csv.memcap-ab12cd_9.csv",
             out / "runs" / ".group-0001.csv.memcap-zz99yy88.csv"]
    for f in stale:
        f.write_text("half-written")
    assert memcap_main(capsys, "sweep", spec, "--out", out)[0] == 0  # a resume
    assert all((out / name).read_text() == text for name, text in mine.items())
    assert not any(f.exists() for f in stale)  # memcap's own leftovers are cleaned up
    code, _, err = memcap_main(capsys, "sweep", spec, "--out", out, "--overwrite")
    assert code == 2 and "4 entries memcap did not write" in err
    assert all((out / name).read_text() == text for name, text in mine.items())


def test_a_killed_reports_temporaries_are_cleaned_and_never_block_overwrite(swept, capsys):
    """A report killed while writing a figure left `.FIGURE.memcap-XXXXXXXX.png`: no resume or
    later report deleted it, and once a report with other metrics no longer listed the figure,
    --overwrite refused the folder, calling the temporary the user's (2026-12-06 sweep
    review)."""
    import time

    from empirical.sweeps.driver import STALE_TEMP_S

    spec, out = swept
    stale = [out / ".root_gap_weight_l2.png.memcap-umvpsb_z.png",
             out / ".report.md.memcap-ab12cd34.md", out / ".phenomena.json.memcap-x1y2z3w4.json"]
    live = out / ".notes.txt.memcap-q1w2e3r4.txt"  # another command writing now (no lock)

    def plant():
        for f in (*stale, live):
            f.write_text("half-written")
        old = time.time() - STALE_TEMP_S - 60  # a figure's temporary deleted once it is old
        os.utime(stale[0], (old, old))

    plant()
    check_replaceable(out)  # memcap's by its tag, whatever file it was for
    code, _, err = memcap_main(capsys, "report", out, "--metric", "max(weight_l2)")
    assert code == 0, err
    assert not any(f.exists() for f in stale) and live.exists()
    plant()
    assert memcap_main(capsys, "sweep", spec, "--out", out)[0] == 0  # a resume cleans it too
    assert not any(f.exists() for f in stale) and live.exists()
    plant()
    code, _, err = memcap_main(capsys, "sweep", spec, "--out", out, "--overwrite", "--dry-run")
    assert code == 0, err


@pytest.mark.parametrize("name", ["summary.csv", "group-0003.csv", ".memcap-folder", "a.b.png",
                                  "report.md", "noext"])
def test_temp_target_recognises_exactly_what_atomic_write_creates(tmp_path, name):
    seen = []
    atomic_write(tmp_path / name, lambda tmp: seen.append(tmp.name) or tmp.write_text("x"))
    assert temp_target(seen[0]) == name
    for other in (f".{name}.mine", f".{name}.bak", f".{name}.ORIGINAL", f".{name}.copy-1",
                  f".{name}", seen[0] + "~", f".{name}.abc.{name}"):
        assert temp_target(other) is None, other


@pytest.mark.parametrize("kind", ["folder", "dangling link", "fifo"])
def test_a_damaged_lock_file_is_bad_input_and_nothing_is_created_outside(tmp_path, kind):
    """A folder in the lock file's place gave status 74; a dangling link was followed and
    created a file outside the sweep folder (2026-12-01 fuzzing); a fifo would block."""
    folder = tmp_path / "sweep"
    folder.mkdir()
    lock = folder / LOCK
    if kind == "folder":
        lock.mkdir()
    elif kind == "dangling link":
        lock.symlink_to(tmp_path / "outside")
    else:
        os.mkfifo(lock)
    with pytest.raises(ValueError, match="is damaged: its lock file"):
        with folder_lock(folder, "memcap sweep"):
            pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sweep"]


def test_a_users_group_named_file_blocks_overwrite_and_a_users_report_is_kept(swept, capsys):
    """`runs/group-backup.csv` matched the marker's old pattern `runs/group-*.csv` and was
    deleted by --overwrite; a user's report.md in a sweep folder was replaced by `memcap report`
    (2026-12-02 review)."""
    spec, out = swept
    (out / "runs" / "group-backup.csv").write_text("user backup")
    (out / "runs" / "old").mkdir()
    (out / "runs" / "old" / "group-0000.csv").write_text("user copy")  # `*` crosses no `/`
    other = spec.with_name("other.toml")
    other.write_text(SPEC.replace("[3, 6]", "[4, 5]"))
    code, _, err = memcap_main(capsys, "sweep", other, "--out", out, "--overwrite")
    assert code == 2 and "memcap did not write" in err and "group-backup.csv" in err
    assert (out / "runs" / "group-backup.csv").read_text() == "user backup"
    assert (out / "runs" / "old" / "group-0000.csv").read_text() == "user copy"
    for name in ("group-backup.csv", "old"):
        p = out / "runs" / name
        p.unlink() if p.is_file() else shutil.rmtree(p)
    drop_sweep_report(out)  # the report the sweep wrote: a folder whose report memcap never wrote
    (out / "report.md").write_text("MY NOTES")
    before = _snapshot(out)
    code, _, err = memcap_main(capsys, "report", out)
    assert code == 2 and "report.md" in err and "memcap did not write it" in err
    assert len(err.strip().splitlines()) == 1 and _snapshot(out) == before
    (out / "report.md").unlink()
    assert memcap_main(capsys, "report", out)[0] == 0  # memcap's own report: written, listed
    assert memcap_main(capsys, "report", out)[0] == 0  # and replaced on a second run
    assert (out / "report.md").read_text() != "MY NOTES"


def test_a_users_group_file_beyond_the_sweeps_groups_is_the_users(swept, capsys):
    """The marker listed every four- and five-digit group name, so a user's
    `runs/group-0099.csv` beside a one-group sweep was deleted by --overwrite, not even kept in
    .memcap-replaced (2026-12-05 review); now the marker lists the sweep's own groups only."""
    spec, out = swept
    (out / "runs" / "group-0099.csv").write_text("user's own notes")
    assert memcap_main(capsys, "sweep", spec, "--out", out)[0] == 0  # a resume leaves it
    other = spec.with_name("other.toml")
    other.write_text(SPEC.replace("[3, 6]", "[4, 5]"))
    before = _snapshot(out)
    code, _, err = memcap_main(capsys, "sweep", other, "--out", out, "--overwrite")
    assert code == 2 and "memcap did not write" in err and "group-0099.csv" in err
    assert _snapshot(out) == before
    (out / "runs" / "group-0099.csv").unlink()
    assert memcap_main(capsys, "sweep", other, "--out", out, "--overwrite")[0] == 0


def _spec(groups):
    """A tiny spec of ``groups`` groups (each n_train its own ensemble)."""
    return SweepSpec.from_dict({"preset": "l2-blog", "seeds": [0],
                                "base": {"train": {"steps": 2, "log_every": 2},
                                         "data": {"n_train": 8, "n_test": 4}},
                                "grid": [{"fields": ["data.n_train", "data.n_test"],
                                          "values": [8 + 4 * i for i in range(groups)]}]})


def test_a_marker_left_behind_lists_only_the_new_sweeps_groups(tmp_path):
    """`rm -r DIR/*` leaves the hidden marker; the next sweep into DIR added its entries to the
    old list, so a three-group sweep's patterns stayed beside a one-group sweep's and
    --overwrite deleted a user's runs/group-0002.csv (diff review, 2026-12-05)."""
    out = tmp_path / "s"
    run_sweep(_spec(3), out)
    for p in out.iterdir():
        if not p.name.startswith("."):
            shutil.rmtree(p) if p.is_dir() else p.unlink()
    run_sweep(_spec(1), out)
    (out / "runs" / "group-0002.csv").write_text("user")
    with pytest.raises(ValueError, match="memcap did not write"):
        run_sweep(_spec(3), out, overwrite=True)
    assert (out / "runs" / "group-0002.csv").read_text() == "user"


def test_a_resume_narrows_an_older_markers_group_patterns(tmp_path):
    """A marker written before 2026-12-05 lists every four- and five-digit group name; a resume
    now lists exactly its own groups, so a user's group-0099.csv added later is the user's."""
    from capacity.atomic_files import mark_folder
    from empirical.sweeps.integrity import SWEEP_FILES

    out = tmp_path / "s"
    run_sweep(_spec(1), out)
    mark_folder(out, [*SWEEP_FILES, "runs", "runs/group-[0-9][0-9][0-9][0-9].csv",
                      "runs/group-[0-9][0-9][0-9][0-9][0-9].csv"])  # as the older memcap did
    assert run_sweep(_spec(1), out)["trained_groups"] == 0  # resumed, nothing trained
    marker = (out / ".memcap-folder").read_text()
    assert "group-[0-9][0-9][0-9][0-9].csv" not in marker and "group-0000.csv" in marker
    (out / "runs" / "group-0099.csv").write_text("user")
    with pytest.raises(ValueError, match="memcap did not write"):
        run_sweep(_spec(2), out, overwrite=True)
    assert (out / "runs" / "group-0099.csv").read_text() == "user"


def test_a_users_folder_named_like_another_group_is_not_damage(tmp_path, capsys):
    """A user's folder runs/group-0099.csv beside a one-group sweep was called damage that
    --overwrite would fix, and --overwrite then refused it (diff review): it is the user's
    entry, which resume and report leave alone and --overwrite refuses to delete."""
    from empirical.sweeps.driver import assemble, sweep_plan

    out = tmp_path / "s"
    run_sweep(_spec(1), out)
    (out / "runs" / "group-0099.csv").mkdir()
    assert run_sweep(_spec(1), out)["trained_groups"] == 0
    assemble(_spec(1), out)
    assert sweep_plan(_spec(1), out) == "resume"
    with pytest.raises(ValueError, match="memcap did not write"):
        run_sweep(_spec(2), out, overwrite=True)
    assert (out / "runs" / "group-0099.csv").is_dir()


def test_a_dry_run_refuses_a_linked_runs_folder_as_the_sweep_does(tmp_path):
    from empirical.sweeps.driver import sweep_plan

    out = tmp_path / "s"
    run_sweep(_spec(1), out)
    shutil.rmtree(out / "runs")
    (out / "runs").symlink_to(tmp_path)
    for call in (lambda: sweep_plan(_spec(1), out), lambda: run_sweep(_spec(1), out)):
        with pytest.raises(ValueError, match="'runs' is a link"):
            call()


@pytest.mark.parametrize("groups", [0, 1, 6, 10, 11, 99, 100, 1000, 1235, 9999, 10000, 10001,
                                    12345, 20000, 99999, 100000])
def test_the_marker_lists_exactly_the_sweeps_group_files(groups):
    """Every four- and five-digit group name (and a few others) is listed iff its group exists:
    the patterns of sweep_entries cover 0..groups-1 and nothing else."""
    import fnmatch
    import re

    from empirical.sweeps.driver import SWEEP_ENTRIES, sweep_entries
    from empirical.sweeps.integrity import group_file

    entries = sweep_entries(groups)
    assert entries[:len(SWEEP_ENTRIES)] == SWEEP_ENTRIES
    listed = re.compile("|".join(fnmatch.translate(e) for e in entries[len(SWEEP_ENTRIES):])
                        or "(?!)")
    own = {group_file("", i).as_posix().lstrip("/") for i in range(groups)}
    names = {f"runs/group-{i:0{w}d}.csv" for w in (4, 5) for i in range(10 ** w)}
    names |= {"runs/group-backup.csv", "runs/group-100000.csv", "runs/group-000.csv"}
    assert own <= names
    assert {n for n in names if listed.fullmatch(n)} == own


@pytest.mark.parametrize("dangling", [False, True])
def test_a_link_in_the_place_of_runs_is_refused_and_not_followed(swept, capsys, tmp_path,
                                                                 dangling):
    """A resume followed a linked `runs/`: it wrote group files into (and deleted a temporary
    in) the folder the link named; a dangling link ended in I/O error 74 (2026-12-05 review)."""
    spec, out = swept
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "group-0000.csv").write_text("user data")
    (elsewhere / ".group-0000.csv.memcap-abcdefgh.csv").write_text("user data too")
    shutil.rmtree(out / "runs")
    (out / "runs").symlink_to(tmp_path / "nowhere" if dangling else elsewhere)
    outside = _snapshot(elsewhere)
    for argv in (["sweep", spec, "--out", out], ["report", out]):
        code, _, err = memcap_main(capsys, *argv)
        assert code == 2 and "'runs' is a link" in err and len(err.strip().splitlines()) == 1
    assert _snapshot(elsewhere) == outside and (out / "runs").is_symlink()
    assert memcap_main(capsys, "sweep", spec, "--out", out, "--overwrite")[0] == 0
    assert _snapshot(elsewhere) == outside and not (out / "runs").is_symlink()


@pytest.mark.parametrize("name", ["manifest.json", "summary.csv", "metrics.csv",
                                  "runs/group-0001.csv"])
def test_a_folder_where_a_sweep_file_goes_is_refused_before_training(tmp_path, name):
    """A folder named like one of the sweep's files was reported as missing, retrained and then
    ended in I/O error 74; now sweep and report refuse it first, naming it (sweep review)."""
    from empirical.sweeps.driver import run_sweep
    from empirical.sweeps.spec import SweepSpec

    spec = SweepSpec.from_dict({"preset": "l2-blog", "seeds": [0],
                                "base": {"train": {"steps": 4, "log_every": 2},
                                         "data": {"n_train": 8, "n_test": 4}},
                                "grid": [{"fields": ["data.n_train", "data.n_test"],
                                          "values": [8, 12, 16]}]})  # one group each
    out = tmp_path / "s"
    run_sweep(spec, out)
    target = out / name
    target.unlink()
    target.mkdir()
    before = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    with pytest.raises(ValueError, match=f"'{name}' is a folder, not the file"):
        run_sweep(spec, out)
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == before


def test_a_users_folder_with_a_folder_named_like_a_sweep_file_is_the_users(tmp_path):
    """Not memcap's folder: refused as foreign (choose another --out), not called a damaged
    sweep folder that --overwrite would fix (diff review)."""
    from empirical.sweeps.driver import run_sweep
    from empirical.sweeps.spec import SweepSpec

    spec = SweepSpec.from_dict({"preset": "l2-blog", "seeds": [0],
                                "base": {"train": {"steps": 4, "log_every": 2},
                                         "data": {"n_train": 8, "n_test": 4}},
                                "grid": [{"field": "model.width", "values": [2]}]})
    out = tmp_path / "u"
    (out / "summary.csv").mkdir(parents=True)
    (out / "notes.txt").write_text("mine")
    with pytest.raises(ValueError) as err:
        run_sweep(spec, out)
    assert "damaged" not in str(err.value) and "memcap" in str(err.value)
