"""Benchmark of the constructions (not a test: run it by hand; figures in docs/benchmarks.md).

    .venv/bin/python tests/benchmarks/bench_constructions.py   # depth3 M=20, lookup M=16, hall M=20
    .venv/bin/python tests/benchmarks/bench_constructions.py --repeats 3
    .venv/bin/python tests/benchmarks/bench_constructions.py --engine dense --case depth3:14
    .venv/bin/python tests/benchmarks/bench_constructions.py --engine both --case depth3:14

``--engine both`` times the dense reference against the factored verifier in one run, alternately
(``constructions.bench.engine_ratios``): the ratio does not depend on the load between runs.

Same measurement as ``constructions.bench.bench_constructions``: build + exhaustive verification
of random functions (seed 0), seconds, traced peak memory, inputs × edges per second.
"""

import argparse
import json

from capacity.errors import UsageError
from constructions.bench import CASES, bench_constructions, engine_ratios
from constructions.builders import METHODS

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--engine", choices=("factored", "dense", "both"),
                        default="factored")
    parser.add_argument("--case", action="append", help="METHOD:M (repeatable)")
    parser.add_argument("--no-memory", action="store_true", help="skip the traced-memory run")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error(f"--repeats must be at least 1, got {args.repeats}")
    cases = CASES
    if args.case:
        cases = []
        for c in args.case:
            method, _, m = c.partition(":")
            if method not in METHODS or not m.isdigit() or int(m) < 1:
                parser.error(f"--case {c!r} must be METHOD:M with M >= 1 and METHOD one of "
                             f"{', '.join(METHODS)}")
            cases.append((method, int(m), 0))
    try:
        if args.engine == "both":
            rows = engine_ratios(cases, repeats=args.repeats)
        else:
            rows = bench_constructions(cases, engine=args.engine, repeats=args.repeats,
                                       memory=not args.no_memory)
    except UsageError as exc:  # a builder's M limit, a table too large: bad input
        parser.error(str(exc))
    print(json.dumps(rows, indent=2))
