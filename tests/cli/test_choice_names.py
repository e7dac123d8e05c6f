"""One rule for every named choice (docs/cli.md, "Names"): any case, ``_`` read as ``-``.

Until 2026-12-05 the constructions accepted ``-f PARITY`` and ``--method LOOKUP`` while the
empirical commands refused ``--optimizer Adam``, ``--device CPU`` and ``--preset BOOLEAN-SMALL``,
and ``--minimise EDGES`` and ``bounds explain SAUER-SHELAH`` were refused too. Each test below
fails on that code.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from memcap_cli import memcap_main

from capacity.errors import UsageError
from capacity.options import canonical_choice, choice_key
from empirical.engine import config as engine_config

#: Every vocabulary a config or an option compares names against.
VOCABULARIES = {name: tuple(getattr(engine_config, name)) for name in (
    "ACTIVATIONS", "DATA_KINDS", "DTYPES", "INPUT_LAWS", "LABEL_PRIORS", "LOSSES", "MODEL_KINDS",
    "OPTIMIZERS", "PRESETS")}


def _respell(data, name: str) -> str:
    """``name`` with each letter's case and each ``-``/``_`` drawn at random."""
    out = []
    for ch in name:
        if ch in "-_":
            out.append(data.draw(st.sampled_from("-_")))
        elif ch.isalpha():
            out.append(ch.upper() if data.draw(st.booleans()) else ch.lower())
        else:
            out.append(ch)
    return "".join(out)


def test_every_vocabulary_has_distinct_keys():
    """The rule is only sound if no two names of one vocabulary share a key."""
    from capacity.registry import all_bounds
    from constructions.builders import METHODS
    from constructions.exact.solver import EXACT_ARCHS
    from constructions.families import FAMILIES
    from empirical.hardness.result import FAMILY_NAMES
    from empirical.sweeps.spec import SWEEP_PRESETS

    others = {"METHODS": tuple(METHODS), "EXACT_ARCHS": EXACT_ARCHS,
              "FAMILIES": tuple(FAMILIES), "FAMILY_NAMES": FAMILY_NAMES,
              "SWEEP_PRESETS": tuple(SWEEP_PRESETS),
              "bound ids": tuple(b.id for b in all_bounds())}
    for name, names in {**VOCABULARIES, **others}.items():
        assert len({choice_key(n) for n in names}) == len(names), name
    # DataConfig stores a family's key without importing the families: each is its own key
    assert all(choice_key(name) == name for name in FAMILIES)


@settings(max_examples=60)
@given(st.data())
def test_any_spelling_names_the_canonical_choice(data):
    vocabulary = data.draw(st.sampled_from(sorted(VOCABULARIES)))
    canonical = data.draw(st.sampled_from(VOCABULARIES[vocabulary]))
    typed = _respell(data, canonical)
    assert canonical_choice(typed, VOCABULARIES[vocabulary]) == canonical
    assert engine_config.check_choice("x", typed, VOCABULARIES[vocabulary]) == canonical


@given(st.text(alphabet="abcdefgxyz-_ADMW", min_size=1, max_size=8))
def test_a_name_that_names_nothing_is_refused_as_typed(text):
    if choice_key(text) in {choice_key(o) for o in engine_config.OPTIMIZERS}:
        return
    assert canonical_choice(text, engine_config.OPTIMIZERS) == text
    with pytest.raises(UsageError, match=f"unknown optimizer {text!r}"):
        engine_config.check_choice("optimizer", text, engine_config.OPTIMIZERS)


def test_a_config_stores_the_canonical_spelling():
    cfg = engine_config.RunConfig.from_dict({
        "train": {"optimizer": "AdamW", "loss": "Cross-Entropy"},
        "model": {"activation": "GELU", "kind": "MLP"},
        "data": {"kind": "Random", "input_law": "Standard-Normal", "label_prior": "Power-Law"},
        "dtype": "Float64", "device": "CPU"})
    assert (cfg.train.optimizer, cfg.train.loss, cfg.model.activation, cfg.model.kind,
            cfg.data.kind, cfg.data.input_law, cfg.data.label_prior, cfg.dtype,
            cfg.device) == ("adamw", "cross_entropy", "gelu", "mlp", "random",
                            "standard_normal", "power_law", "float64", "cpu")
    assert engine_config.check_device("CUDA:1") == "cuda:1"
    boolean = engine_config.RunConfig.from_dict({"data": {"kind": "boolean",
                                                          "function": "Inner_Product"}})
    assert boolean.data.function == "inner-product"
    assert engine_config.load_config(preset="Boolean_Small").model.width == \
        engine_config.PRESETS["boolean-small"].model.width


def test_train_options_and_set_take_any_case(capsys, tmp_path):
    out = tmp_path / "run"
    code, _, err = memcap_main(capsys, "train", "--preset", "Boolean_Small", "--steps", "1",
                               "--optimizer", "ADAM", "--device", "CPU", "--dtype", "FLOAT32",
                               "--activation", "Tanh", "--set", "train.loss=Cross-Entropy",
                               "--out", out)
    assert code == 0, err
    stored = json.loads((out / "config.json").read_text())["config"]
    assert stored["train"]["optimizer"] == "adam"
    assert stored["train"]["loss"] == "cross_entropy"
    assert stored["model"]["activation"] == "tanh"
    assert (stored["device"], stored["dtype"]) == ("cpu", "float32")
    code, _, err = memcap_main(capsys, "train", "--optimizer", "Adagrad")
    assert code == 2 and err.strip() == ("memcap: error: unknown optimizer 'Adagrad'; choose one "
                                         "of adam, adamw, sgd")
    code, _, err = memcap_main(capsys, "train", "--preset", "boolean-small", "--steps", "1",
                               "--set", "data.function=Foo_Bar")  # refused as typed
    assert code == 2 and "unknown function 'Foo_Bar'" in err, err


def test_search_targets_and_sweep_seed_modes_take_any_case():
    from empirical.search.target import SearchTarget
    from empirical.sweeps.spec import SweepSpec

    t = SearchTarget(kind="Points", n=8, input_law="Uniform", label_prior="Power-Law")
    assert (t.kind, t.input_law, t.label_prior) == ("points", "uniform", "power_law")
    assert SearchTarget(function="Inner_Product", inputs=2).function == "inner-product"
    spec = SweepSpec.from_dict({"seed_mode": "Data", "grid": [
        {"field": "model.width", "values": [3, 5]}]})
    assert spec.seed_mode == "data"


def test_search_options_take_any_case(capsys):
    code, out, err = memcap_main(capsys, "search", "--function", "PARITY", "--inputs", "2",
                                 "--steps", "5", "--trials", "1", "--max-size", "4",
                                 "--optimizer", "Adam", "--axis", "WIDTH", "--model", "MLP",
                                 "--device", "Cpu", "--dtype", "Float32", "--json")
    assert code == 0, err
    options = json.loads(out)["options"]
    assert options["axis"] == "width"
    code, out, err = memcap_main(capsys, "search", "--points", "8", "--steps", "5", "--trials",
                                 "1", "--max-size", "4", "--input-law", "Standard-Normal",
                                 "--label-prior", "POWER_LAW", "--json")
    assert code == 0, err
    code, _, err = memcap_main(capsys, "search", "--inputs", "2", "--axis", "depth")
    assert code == 2 and "unknown axis 'depth'" in err


def test_hardness_takes_any_case_and_its_config_checks_the_optimizer(capsys, tmp_path):
    from empirical.hardness.result import HardnessConfig

    cfg = HardnessConfig(inputs=2, families=("PARITY", "Inner_Product"), optimizer="SGD",
                         device="CPU", dtype="Float32")
    assert (cfg.families, cfg.optimizer, cfg.device, cfg.dtype) == (
        ("parity", "inner-product"), "sgd", "cpu", "float32")
    with pytest.raises(UsageError, match="unknown optimizer 'adagrad'"):
        HardnessConfig(inputs=2, families=("parity",), optimizer="adagrad")  # was accepted
    with pytest.raises(UsageError, match="repeats a family"):  # one family, trained twice
        HardnessConfig(inputs=2, families=("parity", "PARITY"))
    import numpy as np  # numbers from code: numpy scalars and a generator of rates

    cfg = HardnessConfig(inputs=2, families=("parity",), seed=np.int64(3),
                         success_rate=np.float32(0.5), lrs=(v for v in [0.01, 0.1]))
    assert (cfg.seed, cfg.success_rate, cfg.lrs) == (3, 0.5, (0.01, 0.1))
    code, _, err = memcap_main(capsys, "hardness", "--inputs", "2", "--families",
                               "Parity,INNER_PRODUCT", "--trials", "1", "--steps", "5",
                               "--optimizer", "SGD", "--device", "CPU", "--no-sign",
                               "--out", tmp_path / "h")
    assert code == 0, err
    stored = json.loads((tmp_path / "h" / "hardness.json").read_text())["config"]
    assert stored["families"] == ["parity", "inner-product"] and stored["optimizer"] == "sgd"
    code, _, err = memcap_main(capsys, "hardness", "--inputs", "2", "--families",
                               "parity,PARITY")
    assert code == 2 and "repeat" in err


def test_constructions_and_bounds_take_any_case(capsys):
    from capacity.registry import get_bound
    from constructions.builders import build
    from constructions.builders.auto import check_minimise
    from constructions.families import make_function

    assert get_bound("SAUER-SHELAH").id == "sauer-shelah"
    assert check_minimise("EDGES") == "edges"
    assert build(make_function("parity", 3), "AUTO", minimise="Edges").sizes().neurons == 2
    code, out, err = memcap_main(capsys, "construct", "-f", "Parity", "--inputs", "3",
                                 "--minimise", "EDGES", "--print-json")
    assert code == 0, err
    code, out, err = memcap_main(capsys, "bounds", "explain", "Sauer-Shelah")
    assert code == 0 and "Sauer" in out, err
    code, _, err = memcap_main(capsys, "construct", "-f", "parity", "--inputs", "3",
                               "--minimise", "weights")
    assert code == 2 and "--minimise must be 'neurons' or 'edges', got 'weights'" in err


def test_sweep_preset_and_grid_values_take_any_case(tmp_path):
    from empirical.sweeps.spec import SweepSpec, load_spec

    assert load_spec(preset="L2_Blog_Sweep").name == load_spec(preset="l2-blog-sweep").name
    spec = SweepSpec.from_dict({"preset": "L2_Blog", "grid": [
        {"field": "train.optimizer", "values": ["SGD", "adam"]}]})
    assert [run.config.train.optimizer for run in spec.runs()] == ["sgd", "adam"]
    with pytest.raises(UsageError, match="repeats a value"):
        SweepSpec.from_dict({"grid": [{"field": "train.optimizer", "values": ["Adam", "adam"]}]})
