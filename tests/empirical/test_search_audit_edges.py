"""Edges of the size search's round planning (``empirical/search/plan.py``) and its Wilson
statistics (``empirical/search/stats.py``) that a mutation audit (SP, 2026-12-07) found no
test pinned, and the non-finite counts that ``wilson_interval`` let escape as bare
ValueErrors. The searches run on scripted workers (a ``TaskOutcome`` per task, no training),
so each plan is exact. Each test fails on the mutants its docstring names."""

import dataclasses

import numpy as np
import pytest

import empirical.search.plan as plan
from capacity.errors import UsageError
from empirical.engine.parameters import count_parameters
from empirical.search.options import SearchOptions
from empirical.search.plan import run_search
from empirical.search.rounds import OVERHEAD_MACS, TaskOutcome
from empirical.search.stats import wilson_interval
from empirical.search.target import SearchTarget


def _outcome(task, passes, **extra) -> TaskOutcome:
    """Each member of ``task`` passes where ``passes(model widths)`` says so (a member's width
    repeated over its learning rates and trials)."""
    c = task.config
    widths = np.resize(np.repeat(c.widths, c.size // len(c.widths)), c.size)
    ok = np.asarray(passes(widths), bool)
    return TaskOutcome(ok, np.where(ok, 10, -1), 0.0, **extra)


def _from(width):
    """A worker under which exactly the widths of at least ``width`` memorise."""
    return lambda task: _outcome(task, lambda w: w >= width)


class _PlainExecutor:
    """A minimal executor (not InProcessExecutor) that records the ``progress`` it is given."""

    def __init__(self):
        self.labels = []

    def map(self, fn, tasks, progress=False):
        self.labels.append(progress)
        return [fn(t) for t in tasks]


def _round_widths(res) -> dict[int, list[int]]:
    rounds: dict[int, list[int]] = {}
    for c in res.candidates:
        rounds.setdefault(c.round, []).append(c.width)
    return rounds


# ----------------------------------------------------------------------------- halvings
def test_each_halving_below_a_passing_start_is_a_new_narrower_width():
    """Bias-free depth-10 MLP on 1-d points, parameter axis, every size passing: budgets 44 and
    22 both buy width 2, yet round 2 still trains three distinct widths 1, 2, 4 and the search
    ends in 2 rounds (P13: ``<=`` appended width 2 twice and left width 1 for a third round)."""
    start = count_parameters(1, 6, 10, 2, False)
    opts = SearchOptions.of(axis="parameters", depth=10, seeds=1, lrs=(0.01,), start=start,
                            bracket_steps=3, max_size=start)
    opts = dataclasses.replace(opts, model=dataclasses.replace(opts.model, bias=False))
    res = run_search(SearchTarget(kind="points", n=20000, classes=2, d_in=1), opts,
                     worker=lambda task: _outcome(task, lambda w: np.ones(len(w), bool)))
    assert _round_widths(res) == {1: [6], 2: [1, 2, 4]}
    assert res.rounds == 2 and res.needed.width == 1


# --------------------------------------------------------------------- result's sizes
def test_violations_are_sizes_on_the_parameter_axis():
    """A lucky pass at width 2 below the failing width 4 is reported as its parameter count,
    like every other size of a parameter-axis result (P37: the width 2 was listed)."""
    opts = SearchOptions.of(seeds=1, lrs=(0.01,), start=1, axis="parameters")
    res = run_search(SearchTarget(inputs=4), opts,
                     worker=lambda task: _outcome(task, lambda w: (w >= 5) | (w == 2)))
    assert res.needed.width == 5 and res.below.width == 4
    size_2 = count_parameters(4, 2, opts.model.depth, 2)
    assert size_2 != 2 and [c.size for c in res.candidates if c.width == 2] == [size_2]
    assert res.violations == [size_2]


def test_a_transformer_candidates_size_is_its_model_width_and_doubles():
    """With 2 heads a transformer candidate's size on the width axis is its model width (heads ×
    units), and round 1 doubles it: 2, 4, 8 (P50: units as sizes, size 5 for width 10, and
    the doublings became 2, 4, 6, ...)."""
    res = run_search(SearchTarget(kind="sequences", n=4, classes=4, seq_len=3),
                     SearchOptions.of(model="transformer", heads=2, seeds=1, lrs=(0.01,),
                                      start=2, max_size=64), worker=_from(10))
    assert all(c.size == c.width and c.width % 2 == 0 for c in res.candidates)
    assert _round_widths(res)[1][:3] == [2, 4, 8]
    assert res.needed.width == 10 and res.needed.size == 10 and res.below.width == 8


def test_the_fewest_fittable_labels_survive_an_ensemble_whose_worker_does_not_say():
    """A custom worker that reports best_count/labels for its first ensemble only: the result
    keeps (10, 16) (P41: a later silent ensemble reset it to None)."""
    calls = []

    def worker(task):
        calls.append(task.config.size)
        if len(calls) == 1:
            k = task.config.size
            return _outcome(task, lambda w: w >= 5, best_count=np.full(k, 10),
                            labels=np.full(k, 16))
        return _outcome(task, lambda w: w >= 5)

    res = run_search(SearchTarget(inputs=4), SearchOptions.of(seeds=1, lrs=(0.01,), start=1),
                     worker=worker)
    assert len(calls) >= 2 and res.fittable_labels == (10, 16)


# ----------------------------------------------------------------------------- progress
def test_progress_true_labels_each_rounds_bar_with_its_round():
    """progress=True gives the executor a bar per round labelled 'search round N' (P52: every
    round was labelled 'search')."""
    ex = _PlainExecutor()
    res = run_search(SearchTarget(inputs=4), SearchOptions.of(seeds=1, lrs=(0.01,), start=1),
                     executor=ex, progress=True, worker=_from(5))
    assert res.rounds >= 2
    assert ex.labels == [f"search round {r}" for r in range(1, res.rounds + 1)]


def test_callable_progress_with_another_executor_ends_at_every_ensemble_done():
    """With an executor that is not in-process, a round's ensembles are counted when it
    returns: progress ends at (ensembles, ensembles) and never passes its total (P58: counted
    one per round). M = 12 pads wide groups dearly, so a round holds several ensembles."""
    seen = []
    res = run_search(SearchTarget(inputs=12), SearchOptions.of(seeds=1, lrs=(0.01,), start=1),
                     executor=_PlainExecutor(), progress=lambda d, t: seen.append((d, t)),
                     worker=_from(700))
    n = len(res.ensemble_sizes)
    assert n > res.rounds  # some round trained several ensembles
    assert seen[-1] == (n, n) and all(d <= t for d, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


# ------------------------------------------------------------------------------- memory
def test_a_round_refused_for_memory_names_the_datas_options(monkeypatch):
    """A first round too big for memory names random points' own options, --points and --d-in,
    beside the ceiling's (CLI fuzz 2026-12-04; P53 dropped them)."""
    def refuse(estimate, what, advice):
        raise UsageError(f"{what} needs about {estimate} bytes; {advice}")

    monkeypatch.setattr(plan, "check_fits_memory", refuse)
    with pytest.raises(UsageError) as exc:
        run_search(SearchTarget(kind="points", n=8, classes=2, d_in=4),
                   SearchOptions.of(seeds=1, lrs=(0.01,), start=1), worker=_from(1))
    msg = str(exc.value)
    assert "--max-size" in msg and "--points" in msg and "--d-in" in msg


# ---------------------------------------------------------------------------- cost model
def test_a_transformer_rounds_cheapness_counts_one_forward_pass_of_its_flops():
    """Round 1 of a transformer search holds as many doublings (up to twice --bracket-steps) as
    stay cheap, a member's step costing one forward pass, transformer_flops / 6 MACs, like an
    MLP's cost: 16 sequences of 5 tokens, 3 trials, start 2 widen to 2, 4, 8, 16 and finish in
    2 rounds (P57: a cost 3× dearer kept round 1 at three widths and took 3 rounds)."""
    from empirical.engine.transformer import transformer_flops

    target = SearchTarget(kind="sequences", n=16, classes=16, seq_len=5)
    opts = SearchOptions.of(model="transformer", heads=2, seeds=3, start=2, max_size=256)

    def cheap(widths):
        macs = sum(transformer_flops(target.n_points * target.d_features, target.n_classes,
                                     target.d_features, w, opts.model.depth,
                                     opts.model.mlp_ratio) for w in widths) / 6
        return OVERHEAD_MACS + opts.seeds * len(opts.lrs) * macs <= 2 * OVERHEAD_MACS

    assert cheap([2, 4, 8]) and not cheap([2, 4, 8, 16])  # so the widening is exactly one
    res = run_search(target, opts, worker=_from(10))
    assert _round_widths(res)[1] == [2, 4, 8, 16]
    assert res.rounds == 2 and res.needed.width == 10


# -------------------------------------------------------------------------------- stats
@pytest.mark.parametrize("trials", [0, 3])
@pytest.mark.parametrize("confidence", [1.5, 0.0, 1.0, -0.1])
def test_wilson_refuses_a_confidence_outside_0_1_whatever_the_counts(trials, confidence):
    """'confidence: Coverage in (0, 1)' holds with no trials too (S06: checked only when
    trials > 0, so (0, 0, 1.5) returned (0.0, 1.0))."""
    with pytest.raises(UsageError, match=r"confidence must be in \(0, 1\)"):
        wilson_interval(0, trials, confidence)


@pytest.mark.parametrize("successes, trials, message", [
    (float("nan"), 3, "successes must be an integer, got nan"),
    (1, float("inf"), "trials must be an integer, got inf"),
    (float("-inf"), 3, "successes must be an integer, got -inf"),
    (None, 3, "successes must be an integer, got None"),
    (1, None, "trials must be an integer, got None"),
], ids=["nan-successes", "inf-trials", "minus-inf-successes", "none-successes", "none-trials"])
def test_wilson_refuses_non_finite_or_missing_counts_with_a_usage_error(successes, trials,
                                                                       message):
    """NaN, ±inf and None counts are refused like 2.5 is, with a UsageError naming the count
    (before the 2026-12-07 fix they escaped as ValueError, OverflowError or TypeError)."""
    with pytest.raises(UsageError) as exc:
        wilson_interval(successes, trials)
    assert str(exc.value) == message


def test_wilson_still_takes_integral_floats_and_numpy_integers():
    """3.0 and numpy integers are integer counts: the same interval as the ints give."""
    expected = wilson_interval(1, 3)
    assert wilson_interval(1.0, 3.0) == expected
    assert wilson_interval(np.int64(1), np.int32(3)) == expected
    assert wilson_interval(np.int64(0), np.int64(0)) == (0.0, 1.0)
