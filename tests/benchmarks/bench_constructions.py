"""Benchmark of the constructions (not a test: run it by hand; figures in docs/benchmarks.md).

    .venv/bin/python tests/benchmarks/bench_constructions.py   # depth3 M=20, lookup M=16, hall M=20
    .venv/bin/python tests/benchmarks/bench_constructions.py --repeats 3
    .venv/bin/python tests/benchmarks/bench_constructions.py --engine dense --case depth3:14

Same measurement as ``constructions.bench.bench_constructions``: build + exhaustive verification
of random functions (seed 0), seconds, traced peak memory, inputs × edges per second.
"""

import argparse
import json

from constructions.bench import CASES, bench_constructions

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--engine", choices=("factored", "dense"), default="factored")
    parser.add_argument("--case", action="append", help="METHOD:M (repeatable)")
    parser.add_argument("--no-memory", action="store_true", help="skip the traced-memory run")
    args = parser.parse_args()
    cases = CASES
    if args.case:
        cases = [(c.split(":")[0], int(c.split(":")[1]), 0) for c in args.case]
    print(json.dumps(bench_constructions(cases, engine=args.engine, repeats=args.repeats,
                                        memory=not args.no_memory),
                     indent=2))
