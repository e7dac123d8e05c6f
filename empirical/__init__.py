"""Gradient descent against the theory: train networks to memorise data and measure the sizes.

Sub-packages, each importing only those before it: :mod:`empirical.engine` (configurations,
data, the batched ensemble of MLPs and transformers, the trainer, one run: ``run_training``),
:mod:`empirical.search` (the smallest trained size), :mod:`empirical.sweeps` (grids of runs on
disk), :mod:`empirical.memory` (memory curves: memorised bits against data size),
:mod:`empirical.hardness` (which maps are hard for gradient descent),
:mod:`empirical.compare` (theory beside training: ``memcap compare`` and ``memcap tour``),
:mod:`empirical.bench` (``memcap bench``) and :mod:`empirical.cli` (the commands).
docs/empirical.md describes the trainer and its protocols.

Examples
--------
>>> from empirical.engine.config import RunConfig, DataConfig
>>> cfg = RunConfig(data=DataConfig(kind="boolean", table="0110"))
>>> cfg.data.inputs, cfg.data.outputs
(2, 1)
"""
