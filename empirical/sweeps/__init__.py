"""Sweeps: a grid of runs trained as ensembles, resumed after a kill, reported with fitted laws.

Modules: ``spec`` (sweep specifications), ``limits`` (how many runs a sweep may hold),
``driver`` (group, train, persist, resume, assemble),
``integrity`` (per-group checksums and schema checks of a sweep folder),
``metrics`` (derived metrics per run), ``phenomena`` (shapes with significance),
``fits`` (power-law and exponential fits), ``report`` (the sweep report). Imports only the engine.
"""
