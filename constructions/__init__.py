"""Explicit integer-weight sign networks for any Boolean map, verified on every input.

Where to start (docs/constructions.md has every construction with its proof and size):

- :func:`constructions.families.make_function` — a map {±1}^M → {±1}^N by family name
  (``random``, ``parity``, ``majority``, …); :class:`constructions.boolean.BooleanFunction`
  holds one (from truth-table strings too: ``BooleanFunction.from_strings``).
- :func:`constructions.builders.build` — a network for it by method (``auto``, ``xorsys``,
  ``hall``, ``depth3``, ``hamming``, ``lookup``, …), a
  :class:`constructions.network.SignNetwork` (its JSON: ``to_json`` / ``from_json``).
- :func:`constructions.verify.verify` — the exact check on all 2^M inputs (a verdict with
  counterexamples); :mod:`constructions.export` gives a networkx graph and a drawing (the
  torch module is :mod:`empirical.engine.sign_network`).
- :mod:`constructions.exact` — the fewest neurons for small M, with certificates.

``memcap construct`` and ``memcap verify`` are in :mod:`constructions.cli`.

Examples
--------
>>> from constructions.families import make_function
>>> from constructions.builders import build
>>> from constructions.verify import verify
>>> f = make_function("parity", 5)
>>> net = build(f, "parity")
>>> net.sizes().neurons, verify(net, f).ok
(3, True)
"""
