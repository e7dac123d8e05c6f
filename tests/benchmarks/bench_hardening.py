"""Does hardening ever lose a network that sign-unit training memorised? (not a test: run it by
hand; the numbers are in docs/hardness.md).

    .venv/bin/python tests/benchmarks/bench_hardening.py

For a few targets (M = 3..6), one ensemble of sign-unit MLPs (straight-through estimator;
widths 2, 4, 6, 8; 8 trials; lrs 0.01, 0.03, 0.1; 2000 Adam steps) is trained by the search's
worker :func:`empirical.hardness.sign.sign_train_task`; it reports, per target, the members whose
float network memorised the map and those whose hardened integer network verified exactly.
"""

import argparse
import json

from empirical.hardness.sign import sign_train_task
from empirical.search.options import SearchOptions
from empirical.search.rounds import make_task
from empirical.search.target import SearchTarget

TARGETS = [(3, "random"), (4, "random"), (4, "parity"), (5, "random"), (6, "inner-product")]

if __name__ == "__main__":
    # no options: an argument (e.g. --quick) is refused instead of running the full study
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    rows, trained, lost = [], 0, 0
    for m, fam in TARGETS:
        opts = SearchOptions.of(seeds=8, steps=2000, activation="sign", lrs=(0.01, 0.03, 0.1))
        task = make_task(SearchTarget(function=fam, inputs=m).data_config(), [2, 4, 6, 8], 8,
                         opts.lrs, opts)
        out = sign_train_task(task)
        t, ok = out.trained, out.success
        rows.append({"M": m, "family": fam, "members": len(t), "trained": int(t.sum()),
                     "verified": int(ok.sum()), "lost": int((t & ~ok).sum())})
        trained += int(t.sum())
        lost += int((t & ~ok).sum())
    print(json.dumps({"targets": rows, "trained": trained, "lost_by_hardening": lost}, indent=1))
