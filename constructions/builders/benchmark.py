"""Benchmark: build time and exhaustive-verification time of the builders on random functions.

Run ``python -m constructions.builders.benchmark`` (defaults: depth3 at M = 20, lookup at M = 16,
seed 0). Verification is exact on all ``2^M`` inputs with the split checker of
:mod:`constructions.builders._splitcheck`.
"""

from __future__ import annotations

import sys
import time

from constructions.builders import build
from constructions.builders._splitcheck import check_network_split
from constructions.families import make_function

__all__ = ["benchmark_builders"]


def benchmark_builders(cases=(("depth3", 20), ("lookup", 16)), seed: int = 0) -> list[dict]:
    """Time build and exhaustive verification for each ``(method, M)`` on a random function.

    Examples
    --------
    >>> rows = benchmark_builders((("depth3", 6),))
    >>> rows[0]["method"], rows[0]["inputs"], rows[0]["neurons"]
    ('depth3', 6, 17)
    """
    rows = []
    for method, m in cases:
        f = make_function("random", m, seed=seed)
        t0 = time.perf_counter()
        net = build(f, method)
        t1 = time.perf_counter()
        check_network_split(net, f)
        t2 = time.perf_counter()
        rows.append({"method": method, "inputs": m, "neurons": net.sizes().neurons,
                     "edges": net.sizes().edges, "build_s": round(t1 - t0, 3),
                     "verify_s": round(t2 - t1, 3), "total_s": round(t2 - t0, 3)})
    return rows


if __name__ == "__main__":  # pragma: no cover
    for row in benchmark_builders():
        print(row, file=sys.stdout)
