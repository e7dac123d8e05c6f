"""The sweep report: figures, bands, findings in words, and the config that produced it."""

import json

import numpy as np
import pandas as pd
import pytest

from empirical.sweeps.report import metric_bands, write_report

SIZES = 50 * 2 ** np.arange(10)  # 50 … 25 600
PNG = b"\x89PNG\r\n\x1a\n"


def _table(seeds, peak=3200, noise=1.0):
    rng = np.random.default_rng(0)
    rows = []
    for seed in range(seeds):
        for n in SIZES:
            rows.append({"n_train": n, "seed": seed,
                         "gap(weight_l2)": 26 - 4 * np.log2(n / peak) ** 2 + rng.normal(0, noise),
                         "final(test_loss)": 3 + 0.3 * np.log(n) + rng.normal(0, 0.05)})
    return pd.DataFrame(rows)


def test_inverted_u_with_seeds_is_reported_with_figures_and_config(tmp_path):
    config = {"base": "l2-blog", "train": {"steps": 1000}}
    path = write_report(_table(4), tmp_path / "rep", parameter="n_train",
                        metrics=["gap(weight_l2)", "final(test_loss)"], config=config)
    text = path.read_text()
    assert path.name == "report.md"
    line = next(ln for ln in text.splitlines() if ln.startswith("- inverted U"))
    assert "maximum near n_train = 3200" in line and "seeds (S=4" in line
    assert "monotone increasing" in text  # the second metric's shape
    for fig in ("gap_weight_l2.png", "final_test_loss.png"):
        assert f"]({fig})" in text
        assert (tmp_path / "rep" / fig).read_bytes()[:8] == PNG
    assert "mean ± standard error" in text and "logarithmic" in text
    assert '"steps": 1000' in text and '"base": "l2-blog"' in text
    findings = json.loads((tmp_path / "rep" / "phenomena.json").read_text())
    assert findings["gap(weight_l2)"][0]["kind"] == "inverted_u"
    assert findings["gap(weight_l2)"][0]["location"] == 3200
    assert not list((tmp_path / "rep").glob(".*"))  # no temporary files left behind


def test_bands_follow_the_seed_count():
    two, kind2 = metric_bands(_table(2), "n_train", "gap(weight_l2)")
    assert kind2 == "min–max over 2 seeds"
    raw = _table(2).groupby("n_train")["gap(weight_l2)"]
    assert two["low"].tolist() == raw.min().tolist() and two["high"].tolist() == raw.max().tolist()
    five, kind5 = metric_bands(_table(5), "n_train", "gap(weight_l2)")
    se = _table(5).groupby("n_train")["gap(weight_l2)"].sem()
    assert kind5.startswith("mean ± standard error")
    assert (five["high"] - five["mean"]).tolist() == pytest.approx(se.tolist())
    one, kind1 = metric_bands(_table(1), "n_train", "gap(weight_l2)")
    assert kind1 == "no band (one seed)" and (one["low"] == one["high"]).all()


def test_flat_noise_reports_no_phenomenon(tmp_path):
    rng = np.random.default_rng(1)
    t = pd.DataFrame({"n_train": np.repeat(SIZES, 3), "seed": np.tile([0, 1, 2], 10),
                      "m": rng.normal(size=30)})
    text = write_report(t, tmp_path, parameter="n_train", metrics=["m"], config={}).read_text()
    assert "- none" in text and "inverted U" not in text


def test_unknown_metric_or_parameter_rejected(tmp_path):
    with pytest.raises(ValueError, match="column 'nope' not in the summary table"):
        write_report(_table(1), tmp_path, parameter="n_train", metrics=["nope"], config={})
    with pytest.raises(ValueError, match="sweep parameter 'size' not in the table"):
        write_report(_table(1), tmp_path, parameter="size", metrics=["gap(weight_l2)"],
                     config={})


def test_other_axes_are_curves_not_seeds(tmp_path):
    """Two widths on one n grid: an inverted U at width 8, a rising line at width 16. Pooled as
    seeds they would blur both; as curves each is detected on its own runs."""
    t8, t16 = _table(3), _table(3)
    t8["width"], t16["width"] = 8, 16
    t16["gap(weight_l2)"] = 2 * np.log2(t16["n_train"])
    t = pd.concat([t8, t16], ignore_index=True)
    bands, kind = metric_bands(t, "n_train", "gap(weight_l2)", series=["width"])
    assert kind.startswith("mean ± standard error over 3+") and (bands["seeds"] == 3).all()
    path = write_report(t, tmp_path, parameter="n_train", metrics=["gap(weight_l2)"],
                        config={}, series=["width"])
    text = path.read_text()
    assert "3 seed(s), 60 runs; one curve per value of `width` (2 curves)" in text
    assert "| width | n_train | mean | low | high | seeds |" in text
    found = json.loads((tmp_path / "phenomena.json").read_text())["gap(weight_l2)"]
    assert {(p["series"]["width"], p["kind"]) for p in found} >= {(8, "inverted_u")}
    assert all(p["series"]["width"] != 16 or p["kind"] != "inverted_u" for p in found)
    assert any(ln.startswith("- width = 8: inverted U") for ln in text.splitlines())


def test_a_report_that_fails_to_write_lists_only_what_it_wrote(tmp_path, monkeypatch):
    """A full disk ended a report (exit 74) after the marker listed report.md, phenomena.json
    and the figures: a user's report.md put there later was memcap's to replace or delete
    (2026-12-03 audit). The names it did not write are taken back; the figure it wrote stays."""
    from capacity.atomic_files import MARKER, _recorded_entries, mark_folder
    from empirical.sweeps import report as report_module

    out = tmp_path / "sweep"
    out.mkdir()
    mark_folder(out, ["spec.json"])

    def full_disk(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report_module, "atomic_write_text", full_disk)
    with pytest.raises(OSError):
        write_report(_table(2), out, parameter="n_train", metrics=["gap(weight_l2)"],
                     config={})
    assert (out / "gap_weight_l2.png").is_file() and not (out / "report.md").exists()
    assert _recorded_entries(out) == {"spec.json", "gap_weight_l2.png"}
    assert (out / MARKER).is_file()


def test_true_false_values_clashing_names_and_nan_curves(tmp_path, recwarn):
    """2026-12-03 audit: true/false grid values read 1 and 0 in the table and the curve labels;
    max(data.seed) and max(data_seed) were both drawn into max_data_seed.png, the second over
    the first; a curve of NaN (no test set) made matplotlib warn "No artists with labels"."""
    t = pd.DataFrame({"train.early_stop": [True, False, True, False],
                      "width": [4, 4, 8, 8], "seed": [0, 0, 0, 0],
                      "data.seed": [1.0, 2.0, 3.0, 4.0], "data_seed": [5.0, 6.0, 7.0, 8.0],
                      "last(test_acc)": [np.nan] * 4})
    path = write_report(t, tmp_path, parameter="width",
                        metrics=["data.seed", "data_seed", "last(test_acc)"], config={},
                        series=["train.early_stop"])
    text = path.read_text()
    assert "| true | 4 |" in text and "| false | 8 |" in text and "| 1 | 4 |" not in text
    assert "](data_seed.png)" in text and "](data_seed_2.png)" in text
    assert (tmp_path / "data_seed.png").exists() and (tmp_path / "data_seed_2.png").exists()
    assert not [w for w in recwarn if "No artists with labels" in str(w.message)]


def test_two_laws_over_one_curve_are_drawn_in_different_dash_patterns(tmp_path, monkeypatch):
    """A power law and an exponential over the same points were both '--' in one colour: the
    legend could not tell them apart (2026-12-05 sweep review)."""
    import empirical.sweeps.report as report
    from empirical.sweeps.phenomena import detect

    drawn = []
    monkeypatch.setattr(report, "save_figure", lambda fig, path: drawn.append(fig))
    x = 50.0 * 2.0 ** np.arange(7)
    y = 6.3 * x ** 0.271 - 9.09  # both laws fit a few points of this (the l2-blog rising side)
    found = [p for p in detect(x, y) if p.fit is not None]
    bands = pd.DataFrame({"n": x, "mean": y, "low": y, "high": y})
    report._figure(tmp_path / "f.png", [("", bands, found)], "no band (one seed)", "n", "m",
                   2)  # a log axis of base 2
    styles = [line.get_linestyle() for line in drawn[0].axes[0].lines
              if line.get_label().startswith(("power law", "exponential"))]
    assert len(styles) == len(found) and len(set(styles)) == len(styles)


def test_infinite_metrics_are_left_out_of_the_bands_and_two_seeds_make_a_matrix():
    """±inf (a diverged run) is left out of a band like NaN (dropping NaN alone kept every test
    green), and two seeds per value are enough for the seed matrix the detection reads (a
    rule of three passed too; 2026-12-06 mutation audit)."""
    from empirical.sweeps.report import _seed_matrix

    t = pd.DataFrame({"n": [1, 1, 1, 2, 2, 2], "seed": [0, 1, 2] * 2,
                      "m": [1.0, 2.0, np.inf, 2.0, 3.0, 4.0]})
    bands, _ = metric_bands(t, "n", "m")
    assert bands["mean"].tolist() == [1.5, 3.0] and bands["seeds"].tolist() == [2, 3]
    assert np.isfinite(bands[["low", "high"]].to_numpy()).all()
    two = pd.DataFrame({"n": [1, 1, 2, 2, 3, 3], "seed": [0, 1] * 3, "m": [1.0, 2, 3, 4, 5, 6]})
    assert _seed_matrix(two, "n", "m", "seed").tolist() == [[1, 3, 5], [2, 4, 6]]
    assert _seed_matrix(two[two.seed == 0], "n", "m", "seed") is None
