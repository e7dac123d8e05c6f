"""Memory-curve analysis: the capacity knee, the capacity and its interval, saturation.

Pure functions over ``(G, S)`` arrays (one row per n, one column per seed); see
:mod:`empirical.engine.memorisation` for the read-outs and :func:`analyse_memory` for the rules.

References
----------
Z. Liu, "Memory 1" (2026-02-09) and "Memory 2" (2026-03-06); J. X. Morris et al. (2025);
J. Collins, J. Sohl-Dickstein, D. Sussillo (ICLR 2017).
"""

from __future__ import annotations

import math
import numbers
import warnings
from typing import Any

import numpy as np
from scipy import stats

from capacity.errors import UsageError
from capacity.options import percent_text
from empirical.sweeps.phenomena import detect

__all__ = ["ANALYSIS_SETTINGS", "DEFAULT_BOOTSTRAP_DRAWS", "MAX_BOOTSTRAP_DRAWS",
           "analyse_memory", "check_analysis_settings", "check_sizes", "labels_text",
           "least_bootstrap_draws"]


def labels_text(labels_per_point: int) -> str:
    """How many labels n points carry, as text: ``n``, or ``T·n`` for sequences of T labels
    (the identity, the chance line and the information of a token curve).

    Examples
    --------
    >>> labels_text(1), labels_text(8)
    ('n', '8·n')
    """
    return "n" if labels_per_point == 1 else f"{labels_per_point}·n"


def _t_half(values: np.ndarray, confidence: float) -> float:
    v = values[np.isfinite(values)]
    if len(v) < 2:
        return math.nan
    return float(stats.t.ppf((1 + confidence) / 2, len(v) - 1) * v.std(ddof=1) / math.sqrt(len(v)))


def _knee(ns, count, bits, best, threshold) -> tuple[dict | None, bool]:
    """(knee, departed): identity departure first, then phenomena.detect plateaus."""
    with np.errstate(divide="ignore", invalid="ignore"):  # a best count of 0: NaN, skipped
        frac = count / best  # (G, S)
    # a seed with nothing memorisable (best 0: NaN) misses nothing; nanmin warned on a row
    # where every seed had none, and its NaN then counted as a departure (2026-12-04 review).
    # A diverged trial (NaN bits: its loss was not finite) memorised nothing it can be
    # credited with: its count, taken on a net gone non-finite, is not read (2026-12-05 review)
    ok = np.all(((frac >= threshold) | np.isnan(frac)) & ~np.isnan(bits), axis=1)  # (G,)
    departed = not bool(ok.all())
    plateau = None
    if len(ns) >= 4 and np.all(np.isfinite(bits)):
        hits = [p for p in detect(ns, seeds=bits.T) if p.kind == "plateau"]
        if hits:
            plateau = {"n": hits[0].location, "bits": hits[0].height, "score": hits[0].score,
                       "method": "empirical.sweeps.phenomena.detect plateau of memorised bits"}
    if departed and ok[0]:
        i = int(np.argmin(ok))  # first n where some seed falls below the threshold
        with warnings.catch_warnings():  # every trial diverged at next_n: NaN, no warning
            warnings.simplefilter("ignore", RuntimeWarning)
            # over the trials that did not diverge, as the table's columns
            live = np.where(np.isnan(bits[i]), np.nan, frac[i])  # (S,)
            live_fraction, worst = float(np.nanmean(live)), float(np.nanmin(live))
        knee = {"n": int(ns[i - 1]), "next_n": int(ns[i]),
                "count": float(np.nanmean(count[i - 1])), "bits": float(np.nanmean(bits[i - 1])),
                "fraction_at_next_n": live_fraction,
                # the trial that fell below the threshold: a mean above it read as "only 99.6 %"
                # (2026-12-05 review)
                "worst_fraction_at_next_n": worst,
                # the trials that left the identity at next_n by diverging (the line said "only
                # 100.0 %" or "nan %" when divergence decided the knee, 2026-12-05 review)
                "diverged_at_next_n": int(np.isnan(bits[i]).sum()),
                "threshold": threshold,
                "method": f"identity departure: largest n before the first n where some trial "
                          f"memorises < {percent_text(threshold, 0)} of its points",
                "bits_plateau": plateau}
        return knee, True
    if departed and plateau is not None:  # even the smallest n is not fully memorised
        knee = {"n": float(plateau["n"]), "next_n": None, "count": None,
                "bits": plateau["bits"], "threshold": threshold, "method": plateau["method"]
                + " (no n fully memorised)", "bits_plateau": plateau}
        return knee, True
    return None, departed


#: Most bootstrap draws :func:`analyse_memory` takes (10^12 asked for 14.6 TiB, review).
MAX_BOOTSTRAP_DRAWS = 10**6


#: analyse_memory's bootstrap draws unless told otherwise.
DEFAULT_BOOTSTRAP_DRAWS = 2000


#: The settings :func:`analyse_memory` takes (a stored curve's ``analysis.settings``).
ANALYSIS_SETTINGS = ("threshold", "confidence", "interval", "flat_tol", "n_boot")


def check_sizes(ns) -> np.ndarray:
    """The sizes ``ns`` as a float array, or one UsageError unless they are a non-empty
    increasing list of positive integers (unsorted ns gave no knee and an empty list "C(n) = n
    at every n", and negative or fractional sizes were taken: 2026-12-05 review; a curve read
    back cut n = 16.7 to 16 before this check: 2026-12-07 audit).

    Examples
    --------
    >>> check_sizes([8, 16.0, 32]).tolist()
    [8.0, 16.0, 32.0]
    >>> check_sizes([8, 16.7])
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: ns must be a non-empty increasing list ... got [8.0, 16.7]
    """
    try:
        sizes = np.asarray(ns, dtype=float)
    except (TypeError, ValueError):  # text, or lists of unequal lengths
        sizes = None
    if (sizes is None or sizes.ndim != 1 or not len(sizes) or not np.all(np.isfinite(sizes))
            or not np.all(np.diff(sizes) > 0) or sizes[0] < 1
            or not np.all(sizes == np.round(sizes))):
        raise UsageError(f"ns must be a non-empty increasing list of positive integer sizes, "
                         f"got {ns if sizes is None else sizes.tolist()}")
    return sizes


def check_analysis_settings(*, least_draws: bool = True, **settings: Any) -> None:
    """Refuse (one UsageError) an analysis setting :func:`analyse_memory` does not take or
    cannot use, before any training: ``confidence=2`` gave an interval of None and None,
    ``threshold=nan`` was recorded as None, ``n_boot=0`` was a bare TypeError and an unknown
    name one from deep inside (2026-12-05 API review). ``labels_per_point`` is the curve's own
    (its data decide it).

    Parameters
    ----------
    least_draws : bool, default True
        With ``interval="bootstrap"``, refuse fewer than :func:`least_bootstrap_draws` draws
        (``n_boot``, :data:`DEFAULT_BOOTSTRAP_DRAWS` if not given) at the confidence (0.95 if
        not given), or a confidence that no ``n_boot`` up to :data:`MAX_BOOTSTRAP_DRAWS` can
        give. :func:`analyse_memory` passes False: a stored curve analysed with fewer draws
        (before 2026-12-06) reads back with no interval, not an error.
    **settings
        ``threshold`` in (0, 1], ``confidence`` in (0, 1), ``interval`` ``"t"`` or
        ``"bootstrap"``, ``flat_tol`` a finite number >= 0, ``n_boot`` an integer in
        1 .. :data:`MAX_BOOTSTRAP_DRAWS`.

    Examples
    --------
    >>> check_analysis_settings(threshold=0.9, interval="bootstrap", n_boot=500)
    >>> check_analysis_settings(confidence=2)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --confidence must be in (0, 1), got 2.0
    """
    from capacity.options import is_integer
    from empirical.engine.config import check_confidence

    unknown = sorted(set(settings) - set(ANALYSIS_SETTINGS))
    if unknown:
        raise UsageError(f"unknown analysis setting(s) {', '.join(unknown)}; the memory curve's "
                         f"analysis takes {', '.join(ANALYSIS_SETTINGS)}")

    def number(name: str) -> float | None:
        value = settings.get(name)
        if value is None:
            return None
        if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real) \
                or not math.isfinite(value):  # numpy's floats too (np.float32(0.9) was refused)
            raise UsageError(f"{name} must be a finite number, got {value!r}")
        return float(value)

    if (t := number("threshold")) is not None and not 0 < t <= 1:
        raise UsageError(f"threshold must be a fraction in (0, 1], got {settings['threshold']!r}")
    if (c := number("confidence")) is not None:
        check_confidence(c)
    if (f := number("flat_tol")) is not None and f < 0:
        raise UsageError(f"flat_tol must be >= 0, got {settings['flat_tol']!r}")
    if settings.get("interval", "t") not in ("t", "bootstrap"):
        raise UsageError(f"unknown interval {settings['interval']!r}; choose t or bootstrap")
    draws = settings.get("n_boot", DEFAULT_BOOTSTRAP_DRAWS)
    if not is_integer(draws) or not 1 <= draws <= MAX_BOOTSTRAP_DRAWS:
        raise UsageError(f"n_boot must be an integer in 1..{MAX_BOOTSTRAP_DRAWS}, got {draws!r}")
    if least_draws and settings.get("interval") == "bootstrap":
        level = 0.95 if c is None else c
        least = least_bootstrap_draws(level)
        if least > MAX_BOOTSTRAP_DRAWS:
            raise UsageError(f"a {percent_text(level)} percentile interval needs {least} "
                             f"bootstrap draws, above the {MAX_BOOTSTRAP_DRAWS} memcap takes; "
                             "lower the confidence")
        if draws < least:
            raise UsageError(f"n_boot = {draws} draws cannot give a {percent_text(level)} "
                             f"percentile interval (each tail needs a draw beyond it); use "
                             f"n_boot >= {least}, or 1000 and more for stable ends")


def least_bootstrap_draws(confidence: float) -> int:
    """The fewest bootstrap draws B whose percentile interval at ``confidence`` has a draw in
    each tail: B·(1 − confidence)/2 >= 1. With fewer, both ends are the extreme draws (one
    draw gave a zero-width "95%" interval; 2026-12-06).

    Parameters
    ----------
    confidence : float
        The interval's level, in (0, 1).

    Returns
    -------
    int
        ⌈2/(1 − confidence)⌉, computed on the decimal value so that 0.95 gives 40, not 41.

    Examples
    --------
    >>> least_bootstrap_draws(0.95), least_bootstrap_draws(0.9), least_bootstrap_draws(0.99)
    (40, 20, 200)
    """
    from fractions import Fraction

    tail = 1 - Fraction(str(confidence))  # 1 - 0.95 in floats is 0.0500000000000000444
    return math.ceil(2 / tail)


def analyse_memory(ns, count, bits, best=None, *, threshold: float = 0.99,
                   confidence: float = 0.95, interval: str = "t", flat_tol: float = 0.05,
                   n_boot: int = DEFAULT_BOOTSTRAP_DRAWS,
                   labels_per_point: int = 1) -> dict[str, Any]:
    """Knee, capacity (saturated memorised bits) with an interval, and whether it saturated.

    Parameters
    ----------
    ns : array (G,)
        Increasing training-set sizes.
    count, bits : array (G, S)
        Memorised count and memorised bits per (n, seed).
    best : array (G, S), optional
        Memorisable labels (``Dataset.best_count``; default n · ``labels_per_point``).
    threshold : float
        Fraction of its points a seed must memorise for n to count as "on the identity".
    interval : {"t", "bootstrap"}
        Student-t over the seeds at the maximising n, or a percentile bootstrap of
        max_n mean_seeds(bits) resampling whole seed curves (``n_boot`` draws, seed 0).
    flat_tol : float
        Relative rise of the last n over the earlier maximum still called flat.
    labels_per_point : int, default 1
        Labels a point carries (T predicted tokens of a sequence): the identity is
        C(n) = T·n.

    Returns
    -------
    dict
        ``knee`` (dict or None), ``capacity_bits`` (estimate, lower, upper), ``saturated``,
        ``n_at_max``, ``reason``, ``interval`` (words), ``note``, ``grid_limited`` (the maximum
        sits at the knee, a fully memorised n, where the memorised bits still rise, or at the
        first n past it, with no grid point between: the largest may lie between them, so the
        estimate is a lower bound whatever ``saturated`` says; ``note`` then says where to add
        points) and ``settings`` (the keyword arguments used, so a stored analysis can be
        recomputed the same way).

    Examples
    --------
    >>> ns = np.array([10, 20, 40, 80, 160, 320])
    >>> sat = np.minimum(ns, 50)[:, None] + np.array([[0, 0], [0, 0], [0, 0], [-1, 1],
    ...                                                 [-2, 2], [-1, 1]])
    >>> out = analyse_memory(ns, sat, sat.astype(float))
    >>> out["knee"]["n"], out["saturated"], out["capacity_bits"][0]
    (40, True, 50.0)
    >>> out = analyse_memory(ns, np.stack([ns, ns], 1), np.stack([ns, ns], 1) * 1.0)
    >>> out["knee"], out["saturated"], out["reason"]
    (None, False, 'every n was fully memorised: capacity not reached (lower bound)')
    """
    check_analysis_settings(threshold=threshold, confidence=confidence, interval=interval,
                            flat_tol=flat_tol, n_boot=n_boot, least_draws=False)
    from capacity.options import check_integer
    check_integer("labels_per_point", labels_per_point, 1)  # 0 was taken (2026-12-05 review)
    ns = check_sizes(ns)
    count = np.asarray(count, dtype=float)
    # bits that are not finite are a diverged trial's (its loss was not finite): NaN, left out
    # of the means (an infinite value gave an infinite capacity, 2026-12-05 review)
    bits = np.asarray(bits, dtype=float)
    bits = np.where(np.isfinite(bits), bits, np.nan)
    # the shapes before anything uses them: a 1-D count was numpy's broadcasting error
    if count.ndim != 2 or count.shape != bits.shape or len(ns) != count.shape[0]:
        raise UsageError(f"count and bits must both be (G, S) with G = len(ns) = {len(ns)}; "
                         f"got {count.shape} and {bits.shape}")
    if not np.isfinite(count).all():
        raise UsageError("count must be finite (a diverged trial's bits are NaN, not its count)")
    labels = np.broadcast_to(ns[:, None] * labels_per_point, count.shape)  # (G, S)
    best = labels if best is None else np.asarray(best, float)
    if best.shape != count.shape:
        raise UsageError(f"best must be (G, S) like count, {count.shape}; got {best.shape}")
    # a count above the memorisable labels read as "every n was fully memorised"
    if not (np.all(count >= 0) and np.all(best >= 0) and np.all(count <= best)
            and np.all(best <= labels)):
        raise UsageError("counts must satisfy 0 <= count <= best <= labels at every (n, trial) "
                         "(best: the memorisable labels, at most labels_per_point * n)")
    if interval not in ("t", "bootstrap"):
        raise UsageError(f"unknown interval {interval!r}; choose t or bootstrap")
    knee, departed = _knee(ns, count, bits, best, threshold)
    knee_note = None
    if knee is None and not departed:
        # "C(n) = n" only where it is: beside labels no model can fit (best < n) or a count
        # just above the threshold it stated the opposite of the table (2026-12-05 review)
        # (a token curve counts T labels a point: compared with n, its every curve was
        # "some labels no model can fit", diff review)
        knee_note = (f"C(n) = {labels_text(labels_per_point)} at every n"
                     if np.array_equal(count, labels) else
                     f"C(n) >= {percent_text(threshold, 0)} of the memorisable labels at every n"
                     + ("" if np.array_equal(best, labels)
                        else " (some labels no model can fit)"))
    elif knee is None:  # even the smallest n left some seed below the threshold
        why = ("no plateau search: it needs at least 4 n values and no diverged run"
               if len(ns) < 4 or not np.all(np.isfinite(bits)) else "no plateau detected")
        gone = " or diverged" if np.isnan(bits[0]).any() else ""
        knee_note = (f"not found: already at the smallest n = {ns[0]:g} some trial memorises "
                     f"less than {percent_text(threshold, 0)} of its points{gone}; {why}")
    settings = {"threshold": threshold, "confidence": confidence, "interval": interval,
                "flat_tol": flat_tol, "n_boot": n_boot}
    if np.isnan(bits).all():  # every seed diverged at every n: nothing to estimate
        nan = float("nan")
        return {"knee": knee, "knee_note": knee_note, "capacity_bits": (nan, nan, nan),
                "saturated": False, "n_at_max": nan, "interval": "none", "note": None,
                "grid_limited": False,
                "settings": settings,
                "reason": "every run's memorised bits are NaN (every trial diverged at every n): "
                          "no capacity estimate; lower the learning rate"}
    with warnings.catch_warnings():  # an n where every seed diverged: its mean is NaN
        warnings.simplefilter("ignore", RuntimeWarning)
        mean = np.nanmean(bits, axis=1)  # (G,)
    i = int(np.nanargmax(mean))
    est = float(mean[i])
    s = bits.shape[1]
    alive = int(np.isfinite(bits[i]).sum())
    # a diverged seed (NaN bits) has no memorised bits to average: the estimate is over the
    # others, and the interval text says how many that is (it read "over the s seeds")
    over = (f"{alive} of {s} trials ({s - alive} diverged, left out)" if alive < s
            else f"{s} trials")
    if interval == "t":
        half = _t_half(bits[i], confidence)
        lo, hi = est - half, est + half
        how = (f"Student t over the {over} at n = {ns[i]:g}, {percent_text(confidence)}"
               if alive >= 2 else f"none: one trial with finite bits at n = {ns[i]:g}, so no "
               "interval")  # it named a t interval whose ends were NaN (2026-12-03 audit)
    elif s < 2:  # one seed curve resampled is itself: a zero-width "95%" interval (2026-12-05
        lo = hi = math.nan  # review); the t path's "none" instead
        how = "none: one trial, so no interval"
    elif n_boot < (least := least_bootstrap_draws(confidence)):  # a curve stored with fewer
        lo = hi = math.nan  # draws than memory_curve now takes (its ends were the extremes)
        how = (f"none: {n_boot} bootstrap draws are too few for a {percent_text(confidence)} "
               f"percentile interval (at least {least})")
    else:
        rng = np.random.default_rng(0)
        idx = rng.integers(0, s, size=(n_boot, s))  # (B, S) resampled seed curves
        with warnings.catch_warnings():  # a draw of diverged seeds only: NaN, left out (it
            warnings.simplefilter("ignore", RuntimeWarning)  # printed numpy's warning)
            boot = np.nanmax(np.nanmean(bits[:, idx], axis=2), axis=0)  # (B,)
        q = (1 - confidence) / 2
        lo, hi = (float(v) for v in np.nanquantile(boot, [q, 1 - q]))
        dead = int(np.isnan(bits).any(axis=0).sum())
        how = (f"percentile bootstrap of max_n mean over {s} trials ({n_boot} draws), "
               f"{percent_text(confidence)}"
               + (f"; {dead} trial(s) diverged at some n and are left out of the means there"
                  if dead else ""))
    if not departed:
        saturated, reason = False, ("every n was fully memorised: capacity not reached "
                                    "(lower bound)")
    elif len(ns) < 2:
        saturated, reason = False, "a single n cannot show a plateau (lower bound)"
    elif np.isnan(mean[:-1]).all():  # every seed diverged at every smaller n: nothing to
        # compare the largest with (nanargmax raised on the all-NaN slice, 2026-12-03 audit)
        saturated, reason = False, ("every trial diverged at every n but the largest: no "
                                    "plateau can be shown (lower bound; lower the learning rate)")
    elif np.isnan(mean[-1]):  # its rise was NaN, "levelled off by +nan bits" (2026-12-05)
        saturated, reason = False, (f"every trial diverged at the largest n = {ns[-1]:g}: no "
                                    "plateau can be shown (lower bound; lower the learning rate)")
    elif est <= 0:  # "capacity = -45.96 bits ... saturated" after SGD diverged (2026-12-05)
        saturated, reason = False, (f"no n stores any bits (the largest trial mean is "
                                    f"{est:.4g} bits): no capacity measured; train longer or "
                                    "lower the learning rate")
    else:
        live = np.isfinite(bits).sum(axis=1)  # (G,) trials with bits at each n

        def change(a: int, b: int) -> tuple[float, float, bool, bool]:
            """The rise of the mean from n index b to a, relative to mean[b], whether it is
            significant (two-sample t over the live trials at the two n) and whether it passes
            flat_tol. The standard error and degrees of freedom count each n's live trials: with
            all s counted, a diverged trial made a rise significant that the same curve without
            it was not (2026-12-05 review)."""
            rise = float(mean[a] - mean[b])
            with warnings.catch_warnings():  # one trial left at an n (the others diverged):
                warnings.simplefilter("ignore", RuntimeWarning)  # its sd is NaN, no warning
                se = math.hypot(*(float(np.nanstd(bits[k], ddof=1)) / math.sqrt(live[k])
                                  if s > 1 else 0.0 for k in (a, b)))
            tcrit = float(stats.t.ppf((1 + confidence) / 2, max(1, int(live[a] + live[b]) - 2)))
            rel = rise / abs(mean[b]) if mean[b] else math.inf
            return rise, rel, s < 2 or se == 0 or rise > tcrit * se, rise > flat_tol * abs(mean[b])

        first = int(np.flatnonzero(np.isfinite(mean))[0])  # the smallest n with live trials
        from_first = change(i, first) if i != first else (0.0, 0.0, False, False)
        if (knee is None or knee.get("next_n") is None) and not (from_first[2] and from_first[3]):
            # no n of the grid is fully memorised and the maximum does not stand above the
            # smallest n: the peak may lie below the grid ("saturated: peaked at n = 400 and
            # fell" at 211 bits for a model that stores 290 at n = 283; whether a flat curve
            # counted depended on where its noise put the maximum, 2026-12-05 reviews)
            where = (f"the maximum sits at the smallest n = {ns[first]:g} with live trials"
                     if i == first else
                     f"the maximum, at n = {ns[i]:g}, is not shown to stand above the smallest "
                     f"n = {ns[first]:g} ({from_first[0]:+.4g} bits, {from_first[1]:+.1%})")
            saturated, reason = False, (f"{where}, where some trial already memorises less "
                                        f"than {percent_text(threshold, 0)} of its points or "
                                        "diverged: a smaller n may store more (lower bound; add "
                                        "smaller n)")
        else:
            j = int(np.nanargmax(mean[:-1]))
            rise, rel, significant, rising = change(len(ns) - 1, j)
            # a rise beyond flat_tol at the largest n shows no plateau, significant or not:
            # with few seeds an unproven rise must not be reported as saturation (2026-12-01)
            saturated = not rising
            if rising and significant:
                reason = (f"memorised bits still rising at the largest n: {rise:+.4g} bits "
                          f"({rel:+.1%}) over the maximum at smaller n (lower bound)")
            elif rising:
                reason = (f"not shown to level off: the largest n rises {rise:+.4g} bits "
                          f"({rel:+.1%}) over the maximum at smaller n, not significant over "
                          f"{s} trial(s) (lower bound; add trials or larger n)")
            elif rise < -flat_tol * abs(mean[j]):
                # "past the knee" was said whatever the knee (even with none, 2026-12-03 audit)
                reason = (f"peaked at n = {ns[i]:g} and fell: the largest n holds {rise:+.4g} "
                          f"bits ({rel:+.1%}) against the maximum (past the peak the trained net "
                          "stores less than at it; a smaller lr or longer training may lift the "
                          "tail)")
            else:
                reason = (f"levelled off: the largest n changes the maximum over smaller n by "
                          f"{rise:+.4g} bits ({rel:+.1%})")
    note = None
    if knee is not None and knee.get("next_n") is not None and ns[i] == knee["n"]:
        note = (f"the maximum sits at the knee, a fully memorised n, so the grid limits the "
                f"estimate: the knee lies between n = {knee['n']:g} and {knee['next_n']:g}; add "
                "points there to sharpen it")
    elif (knee is not None and knee.get("next_n") is not None and ns[i] == knee["next_n"]
          and (i < len(ns) - 1 or saturated)):
        # the grid has no point between the last fully memorised n and the maximum, where the
        # bits rise with n and may stand higher: 112.6 bits at n = 200 past a knee at 100, 132.1
        # at n = 175 on a finer grid (2026-12-06 review). At the largest n only when it levelled
        # off (a rise within flat_tol was reported as saturated, 2026-12-06 review): a curve
        # still rising there needs larger n, which its reason says, not points in between
        note = (f"the maximum sits at n = {ns[i]:g}, the first n past the knee (n = "
                f"{knee['n']:g}, fully memorised), so the grid limits the estimate: the bits may "
                f"stand higher between them; add points between n = {knee['n']:g} and "
                f"{ns[i]:g} to sharpen it")
    return {"knee": knee, "knee_note": knee_note, "capacity_bits": (est, float(lo), float(hi)),
            "saturated": saturated,
            "n_at_max": float(ns[i]), "reason": reason, "interval": how, "note": note,
            "grid_limited": note is not None,
            "settings": settings}
