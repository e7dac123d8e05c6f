"""A scripted size-search worker for tests: the search and probe logic without training."""

import numpy as np

from empirical.search.rounds import TaskOutcome, trial_seeds


def scripted_worker(opts, succeeds):
    """A search worker whose member (depth, width, lr, trial j) succeeds iff
    ``succeeds(depth, width, lr, j)``: the probe and search logic without training."""
    trial_of = {trial_seeds(opts.seed, j)[0]: j for j in range(opts.seeds)}

    def worker(task):
        cfg = task.config
        lrs = cfg.lrs or (cfg.train.lr,) * cfg.size
        ok = [succeeds(cfg.model.depth, w, lr, trial_of[init])
              for (init, _, w), lr in zip(cfg.members(), lrs, strict=True)]
        return TaskOutcome(np.array(ok, bool), np.zeros(cfg.size, np.int64), 0.0)
    return worker
