"""The declared sympy symbols every bound expression is written over.

Each symbol is a positive integer; the table below is the single source of the names the CLI
and the docs use.

Examples
--------
>>> from capacity.symbols import M, N
>>> (2**M + N).subs({M: 3, N: 1})
9
"""

from __future__ import annotations

import sympy

__all__ = [
    "SYMBOL_HELP", "SYMBOL_LEAST", "M", "N", "n", "d", "V", "W", "E", "U", "L", "m", "d_vc",
    "kappa", "c",
]

M = sympy.Symbol("M", integer=True, positive=True)  # Boolean inputs
N = sympy.Symbol("N", integer=True, positive=True)  # Boolean outputs
n = sympy.Symbol("n", integer=True, positive=True)  # data points to memorise
d = sympy.Symbol("d", integer=True, positive=True)  # input dimension of the points
V = sympy.Symbol("V", integer=True, positive=True)  # classes
W = sympy.Symbol("W", integer=True, positive=True)  # parameters (weights incl. biases)
E = sympy.Symbol("E", integer=True, positive=True)  # edges (UML graph model, bias edges included)
U = sympy.Symbol("U", integer=True, positive=True)  # computation units (non-input neurons)
L = sympy.Symbol("L", integer=True, positive=True)  # depth (layers of weights)
m = sympy.Symbol("m", integer=True, positive=True)  # sample size of a growth function
d_vc = sympy.Symbol("d_VC", integer=True, nonnegative=True)  # VC dimension of a class
kappa = sympy.Symbol("kappa", nonnegative=True)  # perceptron margin (Gardner)
c = sympy.Symbol("c", positive=True)  # bits stored per parameter

#: symbol name -> (CLI option, meaning)
SYMBOL_HELP: dict[str, tuple[str, str]] = {
    "M": ("--inputs", "Boolean inputs"),
    "N": ("--outputs", "Boolean outputs (default 1)"),
    "n": ("--points", "data points to memorise"),
    "d": ("--d-in", "input dimension of the points"),
    "V": ("--classes", "label classes"),
    "W": ("--params", "parameters (weights and biases)"),
    "E": ("--edges", "edges of the network graph (bias edges included)"),
    "U": ("--units", "computation units"),
    "L": ("--depth", "depth"),
    "m": ("--sample", "sample size of a growth function"),
    "d_VC": ("--vc", "VC dimension of a class"),
    "kappa": ("--kappa", "perceptron margin"),
}

#: symbol name -> the least value it takes (an integer); kappa is any rational >= 0. The
#: CLI's options and :func:`capacity.evaluate.evaluate_bound` both check these (a library call
#: evaluated construction.lookup at M = −3 and construction.parity at M = 5/2, 2026-12-05 API
#: review). V counts label classes: one class carries nothing to memorise.
SYMBOL_LEAST: dict[str, int] = {"M": 1, "N": 1, "n": 1, "d": 1, "V": 2, "W": 1, "E": 1, "U": 1,
                                "L": 1, "m": 1, "d_VC": 0}
