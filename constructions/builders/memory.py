"""Peak memory of building a network, estimated before anything is built.

Networks are stored as dense integer weight matrices, one per layer, so the builders whose
units grow with N·2^M can ask for more memory than the machine has: ``depth3`` for 1024 outputs
of 20 inputs needs about 37 GB, ``gated`` and ``hamming`` hold an N × (N·2^M/8) output matrix.
Before 2026-12-05 such a build ended in a ``MemoryError`` (status 70, "a bug in memcap") or the
system's out-of-memory killer. :func:`check_build_memory` refuses it first, in one line;
``build_auto`` leaves such a candidate out.

The model: for lookup, gated, hamming and depth3 the final network's dense weight entries (from
the worst-case size formulas, so known before building) at 8 bytes, plus the N·2^M-entry truth
table, times :data:`PEAK_FACTOR` for the builders' temporaries, plus :data:`DENSE_FIXED`; hall
and xorsys, whose networks stay small, work on slices of the truth table: bytes per table entry
plus a fixed part (:data:`TABLE_MODELS`). xorsys at M = 20 with 1024 outputs asked numpy for
4 GiB at once.
"""

from __future__ import annotations

from capacity.errors import UsageError
from capacity.machine import memory_limit_bytes
from constructions.builders.depth3 import depth3_k
from constructions.builders.gated import gated_worst_size
from constructions.builders.hamming import hamming_worst_size
from constructions.builders.lookup import lookup_size

__all__ = ["DENSE_FIXED", "PEAK_FACTOR", "TABLE_MODELS", "build_peak_bytes", "check_build_memory",
           "dense_entries", "memory_excess"]

#: Measured peak (``tracemalloc``) over 8·dense entries + N·2^M: 1.8–5.9 for lookup, gated,
#: hamming and depth3 networks of random maps at (M, N) = (10, 256), (12, 64), (16, 16),
#: (18, 2), (20, 1) (2026-12-05); the estimate errs on the long side.
PEAK_FACTOR = 6


#: Fixed bytes added to the dense-entry model: shipped tables a builder loads once (gated at
#: M = 9 with 16 outputs peaked at 19 MB, against 1.6 MB of network and table).
DENSE_FIXED = 64 << 20

#: hall and xorsys: bytes per truth-table entry, per output and in all, above the peaks
#: ``tracemalloc`` measured for random maps, each first build in a fresh process (2026-12-06):
#: hall 10–61 bytes an entry, the high values at (12, 1024) where its per-output multiplexers
#: weigh (245 MiB); xorsys 33–133 an entry plus the tables of its XOR systems, which grow with
#: the system's m (:func:`_xorsys_fixed`: 50 MiB at M = 8 up to 609 MiB at M = 19–20; charging
#: 512 MiB at every M refused M = 8 under a 1 GB address-space limit, review).
TABLE_MODELS = {"hall": (16, 192 << 10, 64 << 20), "xorsys": (80, 0, None)}


def _xorsys_fixed(inputs: int) -> int:
    """xorsys's fixed bytes at M = ``inputs``: its systems' tables, measured 50, 118, 148, 346,
    351, 538 and 609 MiB at M = 8, 9, 12, 14, 16, 18 and 20."""
    for top, mib in ((8, 64), (12, 192), (16, 448)):
        if inputs <= top:
            return mib << 20
    return 768 << 20


def dense_entries(method: str, inputs: int, outputs: int = 1, *, strict_layers: bool = False,
                  k: int | None = None, complement: bool = True) -> int | None:
    """Weight entries of the dense layer matrices the builder ``method`` makes for the worst
    map of ``inputs`` → ``outputs``, or None for a builder whose networks stay small (hall and
    xorsys share their units across outputs: :data:`TABLE_MODELS` prices their work; dnf,
    five, minimal, linear and parity are small).

    Parameters
    ----------
    method : str
        A builder's name (``lookup``, ``gated``, ``hamming``, ``depth3``; others give None).
    inputs, outputs : int
        M and N.
    strict_layers : bool, default False
        depth3's strictly layered form (k pass-through units).
    k : int or None, default None
        depth3's k (default :func:`~constructions.builders.depth3.depth3_k`).
    complement : bool, default True
        lookup's complement trick (without it the worst map has a detector for each of the
        2^M inputs, not 2^M − ⌈2^(M−N)⌉).

    Returns
    -------
    int or None
        Σ over layers of units × sources.

    Examples
    --------
    >>> dense_entries("lookup", 4)   # 8 detectors reading 4 inputs, one output reading 8
    40
    >>> dense_entries("hall", 20) is None
    True
    """
    m, n = inputs, outputs
    if method == "lookup":  # one hidden layer read by every output; without the complement
        # trick the worst map has a detector for every input (the estimate was half of it)
        return (lookup_size(m, None, n) - n if complement else 1 << m) * (m + n)
    if method in ("gated", "hamming"):  # one hidden layer read by every output
        size = {"gated": gated_worst_size, "hamming": hamming_worst_size}[method]
        return (size(m, n) - n) * (m + n)
    if method == "depth3":
        k = depth3_k(m, n, strict_layers) if k is None else k
        rows, cols = 1 << k, 1 << (m - k)
        # detectors (with the pass-through units) on the inputs; N·2^k units on k inputs and
        # the detectors; N outputs on the N·2^k units
        # (+ m·m: the k ≤ M pass-through units of strict layers, review)
        return cols * m + m * m + n * rows * (k + cols) + n * n * rows
    return None


def build_peak_bytes(method: str, inputs: int, outputs: int = 1, *,
                     strict_layers: bool = False, k: int | None = None,
                     complement: bool = True) -> int | None:
    """Estimated peak bytes of building with ``method``: :data:`TABLE_MODELS` for hall and
    xorsys, the dense-entry model for the others; None for the builders whose networks and
    work stay small (dnf, five, minimal, linear, parity).

    Examples
    --------
    >>> build_peak_bytes("depth3", 20, 1024) > 30 * 2**30   # about 37 GB was measured
    True
    >>> build_peak_bytes("xorsys", 20, 1) < 2**30, build_peak_bytes("dnf", 10, 4)
    (True, None)
    """
    if method in TABLE_MODELS:
        per_entry, per_output, fixed = TABLE_MODELS[method]
        fixed = _xorsys_fixed(inputs) if fixed is None else fixed
        return per_entry * (outputs << inputs) + per_output * outputs + fixed
    entries = dense_entries(method, inputs, outputs, strict_layers=strict_layers, k=k,
                            complement=complement)
    return (None if entries is None
            else PEAK_FACTOR * (8 * entries + (outputs << inputs)) + DENSE_FIXED)


def memory_excess(method: str, inputs: int, outputs: int = 1, *, strict_layers: bool = False,
                  k: int | None = None, complement: bool = True) -> tuple[int, int] | None:
    """``(peak, limit)`` when building with ``method`` is estimated (:func:`build_peak_bytes`)
    above half of this machine's memory (:func:`~capacity.machine.memory_limit_bytes`), else
    None: the one comparison :func:`check_build_memory` and ``build_auto`` make.

    Examples
    --------
    >>> memory_excess("depth3", 10, 4) is None, memory_excess("gated", 24, 1024) is not None
    (True, True)
    """
    peak = build_peak_bytes(method, inputs, outputs, strict_layers=strict_layers, k=k,
                            complement=complement)
    limit = memory_limit_bytes()
    return None if peak is None or peak <= limit else (peak, limit)


def check_build_memory(method: str, inputs: int, outputs: int = 1, *,
                       strict_layers: bool = False, k: int | None = None,
                       complement: bool = True, force: bool = False) -> None:
    """Refuse, with one line, a build whose estimated peak is above half of this machine's
    memory (:func:`~capacity.machine.memory_limit_bytes`), unless ``force``.

    Raises
    ------
    UsageError
        Naming the estimate, the limit and the ways out.

    Examples
    --------
    >>> check_build_memory("depth3", 10, 4)
    >>> check_build_memory("gated", 24, 1024)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: gated for N = 1024 outputs of M = 24 inputs would need about ...
    """
    excess = None if force else memory_excess(method, inputs, outputs,
                                              strict_layers=strict_layers, k=k,
                                              complement=complement)
    if excess is not None:
        peak, limit = excess
        raise UsageError(f"{method} for N = {outputs} outputs of M = {inputs} inputs would need "
                         f"about {_gib(peak)} while building, above half of this machine's "
                         f"memory ({_gib(limit)}); give fewer outputs or inputs"
                         + ("" if method in TABLE_MODELS else ", use hall or xorsys (they share "
                            "their units across outputs)")
                         + ", or pass force=True (--force on the CLI)")


def _gib(n: int) -> str:
    return f"{n / 2**30:.3g} GiB" if n < 2**70 else f"2^{n.bit_length() - 1} bytes"
