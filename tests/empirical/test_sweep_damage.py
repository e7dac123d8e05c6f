"""A damaged sweep folder is detected: ``memcap report`` refuses it (exit 2, one line naming the
damaged groups, nothing written) and a resumed ``memcap sweep`` recomputes exactly the damaged
groups, ending with the tables of an undamaged run (float64, one thread)."""

from __future__ import annotations

import io
import json
import shutil

import pandas as pd
import pytest
from memcap_cli import memcap_main

from capacity.errors import UsageError
from empirical.sweeps.driver import assemble, group_runs, run_sweep
from empirical.sweeps.integrity import MANIFEST_FORMAT, engine_columns, schema_problem
from empirical.sweeps.spec import SweepSpec

SPEC = {"name": "damage", "seeds": [0, 1], "metrics": ["gap(weight_l2)", "last(train_acc)"],
        "base": {"dtype": "float64", "train": {"steps": 6, "log_every": 3},
                 "data": {"n_train": 6, "n_test": 3}},
        "grid": [{"fields": ["data.n_train", "data.n_test"], "values": [[6, 3], [8, 3], [10, 3]]},
                 {"field": "model.width", "values": [3, 4]}]}
TOML = """
name = "damage"
seeds = [0, 1]
metrics = ["gap(weight_l2)", "last(train_acc)"]
[base]
dtype = "float64"
data = { n_train = 6, n_test = 3 }
train = { steps = 6, log_every = 3 }
[[grid]]
fields = ["data.n_train", "data.n_test"]
values = [[6, 3], [8, 3], [10, 3]]
[[grid]]
field = "model.width"
values = [3, 4]
"""


def _spec() -> SweepSpec:
    return SweepSpec.from_dict(SPEC)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """An undamaged, finished sweep folder (3 groups of 4 runs)."""
    out = tmp_path_factory.mktemp("ref") / "sweep"
    r = run_sweep(_spec(), out)
    assert (r["groups"], r["trained_groups"]) == (3, 3)
    return out


@pytest.fixture
def copy(reference, tmp_path):
    out = tmp_path / "sweep"
    shutil.copytree(reference, out)
    return out


def _group(out, i):
    return out / "runs" / f"group-{i:04d}.csv"


def _rewrite(out, i, edit):
    f = _group(out, i)
    f.write_text(edit(pd.read_csv(f)).to_csv(index=False))


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _manifest(out):
    return json.loads((out / "manifest.json").read_text())


def _set_manifest(out, d):
    (out / "manifest.json").write_text(json.dumps(d))


def _old_manifest(out):
    """Turn the manifest into the old format (run ids only, no checksums)."""
    d = _manifest(out)
    _set_manifest(out, {"groups": {k: v["run_ids"] for k, v in d["groups"].items()}})


# Each damage: (edit of the folder, groups it damages, words the report names).
DAMAGE = {
    "garbage rows appended": (
        lambda o: _group(o, 1).open("a").write("garbage,1,2\n\x00\x01,zz\n"), [1],
        "group 1 (runs/group-0001.csv"),
    "truncated csv": (
        lambda o: _group(o, 1).write_bytes(_group(o, 1).read_bytes()[:300]), [1], "group 1"),
    "empty csv": (lambda o: _group(o, 2).write_text(""), [2], "group 2"),
    "ids turned to floats": (
        lambda o: _rewrite(o, 0, lambda d: d.assign(run_id=d.run_id.astype(float))), [0],
        "group 0"),
    "junk column": (lambda o: _rewrite(o, 1, lambda d: d.assign(junk=1.5)), [1], "group 1"),
    "deleted group file": (lambda o: _group(o, 2).unlink(), [2],
                           "group 2 (runs/group-0002.csv is missing)"),
    "a changed value": (
        lambda o: _rewrite(o, 0, lambda d: d.assign(weight_l2=d.weight_l2 * 1.01)), [0],
        "group 0 (runs/group-0000.csv does not match its checksum)"),
    "two groups": (
        lambda o: (_group(o, 0).write_text("x\n"), _group(o, 2).unlink()), [0, 2], "group 2"),
    # read through to a file elsewhere (a linked runs/ was damage, a linked group file was not;
    # sweep review, 2026-12-05); the resume replaces the link, never its target
    "a linked group file": (lambda o: _link_group(o, 1), [1],
                            "group 1 (runs/group-0001.csv is a link"),
    "a wrong row count in the manifest": (lambda o: _add_manifest_rows(o, 1, 1), [1],
                                          "group 1 (its manifest entry says 13 rows, "),
    "a wide header of garbage": (lambda o: _group(o, 1).write_text("a," * 20000 + "\n1\n"), [1],
                                 "group 1 (runs/group-0001.csv"),
}


def _add_manifest_rows(out, i, extra):
    d = _manifest(out)
    d["groups"][str(i)]["rows"] += extra
    _set_manifest(out, d)


def _link_group(out, i):
    elsewhere = out.parent / f"elsewhere-{i}.csv"
    elsewhere.write_bytes(_group(out, i).read_bytes())
    _group(out, i).unlink()
    _group(out, i).symlink_to(elsewhere)
# A changed value inside a well-formed file is seen only by the checksum (current manifests);
# an old manifest records no row counts.
SCHEMA_DETECTS = [k for k in DAMAGE
                  if k not in ("a changed value", "a wrong row count in the manifest")]


def _assert_report_refuses(capsys, out, words):
    before = _snapshot(out)
    code, stdout, err = memcap_main(capsys, "report", out)
    assert code == 2 and stdout == ""
    assert words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert _snapshot(out) == before  # metrics.csv, summary.csv and everything else unchanged
    assert not (out / "report.md").exists()
    with pytest.raises(ValueError, match="damaged"):
        assemble(_spec(), out)
    assert _snapshot(out) == before


def _assert_resume_recomputes(out, reference, damaged, manifest="ok"):
    kept = {i: _group(out, i).read_bytes() for i in range(3) if i not in damaged}
    notes = []
    r = run_sweep(_spec(), out, notify=notes.append)
    assert r["recomputed_groups"] == damaged
    assert (r["trained_groups"], r["resumed_groups"]) == (len(damaged), 3 - len(damaged))
    assert r["manifest"] == manifest
    if damaged:
        assert len(notes) == 1 and all(f"group {i} (" in notes[0] for i in damaged)
    for i, data in kept.items():  # undamaged groups were not trained again
        assert _group(out, i).read_bytes() == data
    for name in ("metrics.csv", "summary.csv"):
        pd.testing.assert_frame_equal(pd.read_csv(out / name), pd.read_csv(reference / name),
                                      check_exact=False, rtol=1e-12, atol=0)
    t = pd.read_csv(out / "metrics.csv")
    assert pd.api.types.is_integer_dtype(t.run_id) and "junk" not in t.columns
    assert sorted(t.run_id.unique()) == list(range(12)) and len(t) == 12 * 3
    assert _manifest(out)["format"] == MANIFEST_FORMAT
    again = run_sweep(_spec(), out)  # and the folder is whole again
    assert (again["trained_groups"], again["recomputed_groups"]) == (0, [])


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damaged_group_report_refuses_resume_recomputes_it(capsys, copy, reference, kind):
    edit, damaged, words = DAMAGE[kind]
    edit(copy)
    _assert_report_refuses(capsys, copy, words)
    _assert_resume_recomputes(copy, reference, damaged)


@pytest.mark.parametrize("kind", SCHEMA_DETECTS)
def test_old_manifest_groups_are_revalidated_by_schema(capsys, copy, reference, kind):
    edit, damaged, words = DAMAGE[kind]
    _old_manifest(copy)
    edit(copy)
    _assert_report_refuses(capsys, copy, words)
    _assert_resume_recomputes(copy, reference, damaged, manifest="upgraded")


def test_old_manifest_undamaged_is_reported_and_upgraded_with_checksums(capsys, copy, reference):
    _old_manifest(copy)
    code, _, err = memcap_main(capsys, "report", copy)
    assert code == 0, err
    _assert_resume_recomputes(copy, reference, [], manifest="upgraded")
    groups = _manifest(copy)["groups"]
    assert [len(g["sha256"]) for g in groups.values()] == [64] * 3
    assert [g["rows"] for g in groups.values()] == [12] * 3


@pytest.mark.parametrize("text, words", [
    ("{not json", "manifest.json is damaged (it is not JSON)"),
    ("", "manifest.json is damaged (it is not JSON)"),
    ('{"format": "memcap.sweep-manifest/9", "groups": {}}', "unknown format"),
    ('{"groups": {"7": [0, 1]}}', "lists group '7', which this sweep does not have"),
    # 5 000 digits: int() refused the key with a raw ValueError, status 70 (2026-12-07 audit)
    pytest.param('{"groups": {"%s": [0, 1]}}' % ("9" * 5000),
                 "lists group '99999999999999999999'", id="a key of 5000 digits"),
    ('{"groups": {"01": [0, 1]}}', "lists group '01'"),  # not a name memcap writes
    ("[1, 2]", "it has no groups table"),
])
def test_bad_manifest_report_refuses_sweep_rebuilds_it(capsys, copy, reference, text, words):
    (copy / "manifest.json").write_text(text)
    _assert_report_refuses(capsys, copy, words)
    _assert_resume_recomputes(copy, reference, [], manifest="rebuilt")


@pytest.mark.parametrize("kind", ["junk column", "ids turned to floats", "empty csv"])
def test_bad_manifest_and_a_damaged_group_recomputes_only_that_group(copy, reference, kind):
    edit, damaged, _ = DAMAGE[kind]
    (copy / "manifest.json").write_text("{not json")
    edit(copy)
    _assert_resume_recomputes(copy, reference, damaged, manifest="rebuilt")


@pytest.mark.parametrize("entry, words", [
    ({"run_ids": [0, 1, 2, 3], "rows": 12, "sha256": "x"}, "malformed"),  # ids of group 0
    ("other", "malformed"),
])
def test_bad_manifest_entry_is_a_damaged_group(capsys, copy, reference, entry, words):
    d = _manifest(copy)
    d["groups"]["1"] = entry
    _set_manifest(copy, d)
    _assert_report_refuses(capsys, copy, f"group 1 (its manifest entry is {words}")
    _assert_resume_recomputes(copy, reference, [1])


def test_a_negative_row_count_is_a_malformed_entry(capsys, copy, reference):
    d = _manifest(copy)
    d["groups"]["1"]["rows"] = -5  # was accepted (2026-12-01 fuzzing)
    _set_manifest(copy, d)
    _assert_report_refuses(capsys, copy, "group 1 (its manifest entry is malformed")


def test_a_spec_json_edited_after_the_sweep_is_caught_by_the_schema_check(capsys, copy):
    """Every group file matched its checksum, so memcap report described the runs with the
    edited spec's values (2026-12-01 fuzzing); the files are now checked against the spec (in
    a manifest that records no spec, as before 2026-12-04; with one, the next test)."""
    d = _manifest(copy)
    del d["spec"]
    _set_manifest(copy, d)
    stored = json.loads((copy / "spec.json").read_text())
    stored["spec"]["grid"][1]["values"] = [[3], [5]]  # model.width 4 -> 5 (same groups)
    (copy / "spec.json").write_text(json.dumps(stored))
    before = _snapshot(copy)
    code, stdout, err = memcap_main(capsys, "report", copy)
    assert code == 2 and stdout == "" and len(err.strip().splitlines()) == 1
    assert ("group 1 (runs/group-0001.csv is intact but not the spec's (spec.json changed?): "
            "its model.width values for run 6 are not the spec's)") in err
    assert _snapshot(copy) == before and not (copy / "report.md").exists()


@pytest.mark.parametrize("edit", [("base", "train", "lr", 0.5), ("base", "model", "activation",
                                                                  "tanh")])
def test_a_spec_json_edited_in_a_setting_no_file_shows_is_caught_by_the_manifest(capsys, copy,
                                                                                  edit):
    """A base setting changes no run id, seed or logged step, so the checksum and the schema
    check both passed: a resume under the edited spec kept the old groups, and the report
    labelled them with the edited settings (2026-12-04 review). The manifest records the spec
    its groups were trained under: every group is damaged, the report refuses, a resume with the
    edited spec trains them all again and then matches a fresh sweep of that spec."""
    *path, key, value = edit
    stored = json.loads((copy / "spec.json").read_text())
    node = stored["spec"]
    for k in path:
        node = node.setdefault(k, {})
    node[key] = value
    (copy / "spec.json").write_text(json.dumps(stored))
    before = _snapshot(copy)
    code, stdout, err = memcap_main(capsys, "report", copy)
    assert code == 2 and stdout == "" and len(err.strip().splitlines()) == 1
    assert ("group 0 (it was trained under another spec than spec.json (was spec.json edited "
            "after the sweep?))") in err and "group 2 (" in err
    assert "restore the spec.json" in err  # the same command is refused: it was the advice
    assert _snapshot(copy) == before and not (copy / "report.md").exists()
    edited = SweepSpec.from_dict(stored["spec"], stored=True)
    r = run_sweep(edited, copy)
    assert (r["trained_groups"], r["resumed_groups"], r["recomputed_groups"]) == (3, 0, [0, 1, 2])
    fresh = copy.parent / "fresh"
    run_sweep(edited, fresh)
    for name in ("metrics.csv", "summary.csv"):
        assert (copy / name).read_bytes() == (fresh / name).read_bytes()
    assert run_sweep(edited, copy)["trained_groups"] == 0  # whole again


def test_manifest_listing_other_run_ids(capsys, copy, reference):
    d = _manifest(copy)
    d["groups"]["1"]["run_ids"] = [0, 1, 2, 3]  # group 0's runs; the checksum still matches
    _set_manifest(copy, d)
    _assert_report_refuses(capsys, copy, "group 1 (the manifest lists runs [0, 1, 2, 3], the "
                                         "spec [4, 5, 6, 7])")
    _assert_resume_recomputes(copy, reference, [1])


def test_schema_accepts_every_real_group_file(reference):
    """The schema check's column list is the engine's (a drift would recompute good groups)."""
    runs = _spec().runs()
    for g in group_runs(runs):
        labels = [{"run_id": r.run_id, "seed": r.seed, **r.params}
                  for r in runs if r.run_id in g.run_ids]
        data = _group(reference, g.index).read_bytes()
        assert schema_problem(data, g.index, g.config, labels) is None
        cols = list(pd.read_csv(io.BytesIO(data)).columns)
        assert cols[-len(engine_columns(g.config)):] == engine_columns(g.config)
        assert "group column" in schema_problem(data, (g.index + 1) % 3, g.config, labels)


def test_cli_report_refuses_and_sweep_says_which_groups_it_recomputes(tmp_path, copy, reference,
                                                                     capsys):
    """In this process (four ``memcap`` processes took 12-20 s on the 2-core box; the
    refusal in a real process: test_a_damaged_sweep_refused_by_a_report_process)."""
    spec_file = tmp_path / "damage.toml"
    spec_file.write_text(TOML)
    _group(copy, 1).open("a").write("1,2,3\n")
    before = _snapshot(copy)
    code, _, err = memcap_main(capsys, "report", copy)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "damaged group(s): group 1" in err and "memcap sweep" in err
    assert _snapshot(copy) == before
    code, out, err = memcap_main(capsys, "sweep", spec_file, "--out", copy, "--json",
                                 "--threads", "1")
    assert code == 0, err
    assert "recomputing 1 damaged group(s): group 1 (runs/group-0001.csv does not match its " \
           "checksum)" in err
    d = json.loads(out)
    assert (d["recomputed_groups"], d["trained_groups"], d["resumed_groups"]) == ([1], 1, 2)
    for name in ("metrics.csv", "summary.csv"):
        pd.testing.assert_frame_equal(pd.read_csv(copy / name), pd.read_csv(reference / name),
                                      check_exact=False, rtol=1e-12, atol=0)
    code, _, err = memcap_main(capsys, "report", copy)
    assert code == 0, err
    # the table's title names the groups: "damaged groups recomputed: 0" read as a count of
    # none (2026-12-06 review)
    _group(copy, 0).open("a").write("1,2,3\n")
    code, out, err = memcap_main(capsys, "sweep", spec_file, "--out", copy, "--threads", "1")
    assert code == 0, err
    assert "recomputed damaged group(s) 0" in " ".join(out.split())


def test_a_damaged_sweep_refused_by_a_report_process(copy):
    """What a shell sees: status 2, one line on stderr naming the group, no traceback; and a
    report never imports torch (the sweep driver imported the trainer: 2.6 s of a 5 s refusal
    on the loaded 2-core box, 2026-12-07), and a refused one not scipy (the driver imported the
    report module for two file names, and with it the phenomena's fits: 1.4 s)."""
    import subprocess
    import sys

    _group(copy, 1).open("a").write("1,2,3\n")
    before = _snapshot(copy)
    probe = ("import sys\nfrom memcap.cli import main\ntry:\n    main(['report', sys.argv[1]])\n"
             "except SystemExit as e:\n    print(e.code, 'torch' in sys.modules, "
             "'scipy' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", probe, str(copy)], capture_output=True, text=True)
    assert r.stdout.split() == ["2", "False", "False"]
    assert len(r.stderr.strip().splitlines()) == 1
    assert "damaged group(s): group 1" in r.stderr and "Traceback" not in r.stderr
    assert _snapshot(copy) == before


def test_a_linked_group_file_is_replaced_and_its_target_left_alone(copy, reference):
    _link_group(copy, 1)
    target = copy.parent / "elsewhere-1.csv"
    before = target.read_bytes()
    assert run_sweep(_spec(), copy)["recomputed_groups"] == [1]
    assert not _group(copy, 1).is_symlink() and target.read_bytes() == before


def test_a_header_that_is_not_the_sweeps_is_refused_before_pandas_parses_it(reference,
                                                                            monkeypatch):
    """pandas took minutes over a 200 KB header of garbage (renaming its duplicates)."""
    import empirical.sweeps.integrity as integrity

    spec = _spec()
    g = group_runs(spec.runs())[1]
    labels = [{"run_id": r.run_id, "seed": r.seed, **r.params}
              for r in spec.runs() if r.run_id in g.run_ids]

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed a file whose header is not the sweep's")

    monkeypatch.setattr(integrity.pd, "read_csv", no_parse)
    why = schema_problem(("a," * 100000 + "\n1\n").encode(), 1, g.config, labels)
    assert why.startswith("its columns are not the sweep's (unexpected columns")


@pytest.mark.parametrize("edit", [lambda d: d.replace(b"\n", b"\r"),  # pandas reads bare CRs
                                  lambda d: b"\xef\xbb\xbf" + d])     # and drops a BOM
def test_a_group_file_pandas_reads_is_still_read_when_the_manifest_is_rebuilt(copy, reference,
                                                                              edit):
    """The header check read the first line up to a newline only: a file of bare CRs was
    status 70 (csv.Error) and a byte-order mark made a valid file a damaged one (review)."""
    (copy / "manifest.json").write_text("garbage")
    _group(copy, 1).write_bytes(edit(_group(copy, 1).read_bytes()))
    _assert_resume_recomputes(copy, reference, [], manifest="rebuilt")


def test_a_report_is_written_again_beside_tables_rebuilt_from_other_data(capsys, copy):
    """A rebuilt manifest adopts group files by their schema: edited numbers change the tables
    without training anything, and the report of the old tables was kept (review)."""
    from memcap_cli import memcap_main as run

    spec_file = copy.parent / "damage.toml"
    spec_file.write_text(TOML)
    assert run(capsys, "report", copy)[0] == 0  # the record, beside the undamaged tables
    report = (copy / "report.md").read_bytes()
    code, out, err = run(capsys, "sweep", spec_file, "--out", copy, "--json")
    assert code == 0 and json.loads(out)["trained_groups"] == 0, err
    assert (copy / "report.md").read_bytes() == report, out  # nothing changed: kept
    (copy / "manifest.json").write_text("garbage")
    _rewrite(copy, 0, lambda d: d.assign(weight_l2=d.weight_l2 * 100))
    code, out, err = run(capsys, "sweep", spec_file, "--out", copy, "--json")
    assert code == 0 and json.loads(out)["trained_groups"] == 0, err
    assert (copy / "report.md").read_bytes() != report  # the tables changed: written again


def test_a_folder_in_the_records_place_is_refused_before_the_report_is_written(capsys, copy):
    from memcap_cli import memcap_main as run

    (copy / ".memcap-report.json").unlink(missing_ok=True)
    (copy / ".memcap-report.json").mkdir()
    before = _snapshot(copy)
    code, _, err = run(capsys, "report", copy, "--metric", "max(weight_l2)")
    assert code == 2 and ".memcap-report.json' exists and is not a plain file" in err, err
    assert _snapshot(copy) == before  # status 74 after rewriting report.md until the review


def test_a_spec_json_that_is_no_spec_is_named_as_damaged(capsys, copy):
    """seeds [0.5, 1] in spec.json: sweep said the folder "holds a different sweep spec" and
    report's message named no file (2026-12-05 review)."""
    stored = json.loads((copy / "spec.json").read_text())
    stored["spec"]["seeds"] = [0.5, 1]
    (copy / "spec.json").write_text(json.dumps(stored))
    code, _, err = memcap_main(capsys, "report", copy)
    assert code == 2 and "spec.json" in err and "not a valid sweep spec" in err
    from empirical.sweeps.driver import sweep_plan

    spec = SweepSpec.from_dict({"grid": [{"field": "model.width", "values": [4]}]})
    with pytest.raises(UsageError, match="missing or damaged spec.json"):
        sweep_plan(spec, copy)
