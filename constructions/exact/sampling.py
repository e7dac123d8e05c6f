"""Exact minima of sampled random functions (M = 5, 6, ...): proven values and brackets.

Each sampled function (``make_function("random", M, seed=s)`` for consecutive seeds) goes through
:func:`~constructions.exact.search.exact_minimum` with a time limit; the summary keeps proven
minima and brackets apart, so nothing is reported as exact that was not proven.

Examples
--------
>>> rows = sample_minima(3, "any-depth", 3, time_limit=10.0)
>>> summarise_samples(rows)["proven"]
{'1': 1, '2': 2}
"""

from __future__ import annotations

from capacity.options import check_integer, check_seed
from constructions.exact.search import exact_minimum
from constructions.families import make_function

__all__ = ["sample_minima", "summarise_samples"]


def sample_minima(inputs: int, arch: str, samples: int, *, seed: int = 0,
                  time_limit: float = 60.0, workers: int = 2, progress=None) -> list[dict]:
    """Run the exact search on ``samples`` random functions of ``inputs`` inputs.

    Returns one row per function: ``seed``, ``table``, ``lower``, ``upper``, ``exact``,
    ``seconds``.

    Parameters
    ----------
    inputs : int
        Number of inputs M of the random functions.
    arch : {"any-depth", "layered"}
        Architecture searched.
    samples : int
        Number of functions (at least 1, else ``UsageError``).
    seed : int, default 0
        Function ``i`` is drawn with seed ``seed + i``.
    time_limit : float, default 60.0
        Seconds for each function's search.
    workers : int, default 2
        CP-SAT search strategies, interleaved on one thread (``interleave_search``): a
        deterministic search, so the same map gives the same network whenever the search ends
        within its time limit (two racing workers saved different networks of one minimum,
        2026-12-05 review).
    progress : callable or None, default None
        Called as ``progress(done, samples)`` after each function.

    Returns
    -------
    list of dict
        One row per function, as above.

    Examples
    --------
    >>> [r["upper"] for r in sample_minima(2, "layered", 2, time_limit=10.0)]
    [1, 1]

    References
    ----------
    See :mod:`constructions.exact.search`.
    """
    check_integer("samples", samples, 1)  # 2.5 was cut by range() (2026-12-05)
    check_seed(seed, "seed", draws=samples)  # seed + i beyond 2^63 named a seed not given
    rows = []
    for i in range(samples):
        f = make_function("random", inputs, seed=seed + i)
        r = exact_minimum(f, arch, time_limit=time_limit, workers=workers)
        rows.append({"seed": seed + i, "table": f.to_strings()[0], "lower": r.lower,
                     "upper": r.upper, "exact": r.exact, "seconds": round(r.seconds, 2)})
        if progress is not None:
            progress(i + 1, samples)
    return rows


def summarise_samples(rows: list[dict]) -> dict:
    """Counts of proven minima (``{k: n}``) and of brackets (``{"[l, u]": n}``).

    Examples
    --------
    >>> summarise_samples([{"lower": 2, "upper": 2, "exact": True},
    ...                    {"lower": 3, "upper": 5, "exact": False}])
    {'proven': {'2': 1}, 'bracketed': {'[3, 5]': 1}, 'samples': 2}
    """
    proven: dict[str, int] = {}
    bracketed: dict[str, int] = {}
    for r in rows:
        if r["exact"]:
            key = str(r["upper"])
            proven[key] = proven.get(key, 0) + 1
        else:
            key = f"[{r['lower']}, {r['upper']}]"
            bracketed[key] = bracketed.get(key, 0) + 1
    return {"proven": dict(sorted(proven.items())), "bracketed": dict(sorted(bracketed.items())),
            "samples": len(rows)}
