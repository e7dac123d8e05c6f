"""Phenomenon detection on a swept curve: shapes with significance, and fitted laws over windows.

Pure functions over ``x`` (the sweep parameter, sorted), ``y`` (the curve) and optionally a
per-seed matrix ``seeds`` of shape ``(S, n)``. The recipe follows the ComfyResearch workbench
(audit text quoted in ``shared/references/empirical.md`` §1.1) with explicit statistics:

* **Axis.** When x is a geometric grid (constant ratio, e.g. doubling) everything is done in
  t = log x; smoothing is by index, i.e. uniform in t.
* **Level and noise.** With S ≥ 2 seeds the level at each x is the seed mean and its standard
  error is sd/√S (the sd pooled across x when S < 10: a per-x sd from so few seeds is
  unreliable, and weighting fits by it made 95 % intervals cover only ≈85 %). Without seeds
  the level is y itself and every point gets the robust noise
  σ̂ = 1.4826·MAD(y − ŷ)/√(1 − 1/w), ŷ a centred moving average of width w = 3 (the √ factor
  undoes the shrinkage of residuals to a w-point average; 1.4826·MAD is σ for Gaussian noise).
* **Scores** are t-like: a difference of two levels over √(se₁² + se₂²). A finding is
  *significant* when its score ≥ the effective threshold and it persists (holds with score ≥
  threshold) in at least half of the smoothing windows w ∈ {3, 5, 11, 21} that fit the series
  (w ≤ max(3, n/2)); ``confidence`` is that fraction. Because the noise scale is itself
  estimated, ``threshold`` (3 by default, a normal tail of 0.135 %) is turned into the Student-t
  quantile with the same tail: n − 3 degrees of freedom without seeds, n(S − 1) with pooled
  seeds, S − 1 with per-x seeds (threshold 3 → 4.5 for n = 10 without seeds).
* **Shapes.** *increasing/decreasing*: ≥ 95 % of the differences of ŷ share one sign; score =
  (last − first level)/se. *inverted_u*: the maximum of ŷ is interior; score = the smaller of the
  peak level's t against each endpoint; height = peak level − the higher endpoint. *u* is the same
  on −y. *plateau*: the curve rises (or falls), then stays within a band of 15 % of its full
  change for at least 3 points covering ≥ 25 % of the axis, and no significant inverted U (U) is
  found; knee = first x where ŷ reaches 90 % of the change; score = the t of the change from the
  first point to the plateau's mean level. The mirror image, a *leading* plateau that then
  falls (or rises) — e.g. last(train_acc) across train sizes 1, 1, 1, 0.9, 0.6, 0.3, where the
  knee is the capacity — is the same test read from the right end (``after`` = "decrease" or
  "increase"; knee = the last x still within 10 % of the change from the plateau level; score =
  the t of the change from the plateau to the last point; skipped when a significant inverted
  U, resp. U, is found).
* **No noise to see.** When the MAD is 0 (below 10⁻⁹ of the curve's scale: more than half of
  the residuals are exactly equal, as on exact flats, straight stretches or an exact parabola)
  σ̂ falls back to the root mean square of the residuals (same correction), which counts the
  shape's own residuals as noise and so errs on the safe side. When that is 0 too (a straight
  line), or the seeds do not differ at all, the noise is unknown: a score over a zero standard
  error is NaN and nothing is significant.
* **Exact flats.** Differences of ŷ below 10⁻⁹ of its scale (exactly repeated values such as
  an accuracy of 1.0) count for neither sign in the monotone test, so a non-increasing curve
  with a flat stretch is still "decreasing"; noisy curves never have such differences.
* **Laws** (:mod:`empirical.sweeps.fits`): power law and exponential on windows (the whole range,
  the rising and falling sides of a detected extremum, the first and last 40/50/60/80 % of
  points), only where ŷ is monotone over ≥ 5 points, the curve changes (by more than 10⁻⁹ of
  its scale) between at least 4 pairs of neighbours, and the window's change has t ≥ threshold.
  A law is significant when, on its best window (most points, then highest R²), R² ≥ 0.99,
  the 95 % interval of B is finite and excludes 0 (so the curvature is determined, not just a
  trend) and, when the curve comes from several seeds, the seeds do not reject the law: the
  χ² of its residuals in the seeds' standard errors has p ≥ 0.001 (χ²/dof and p are printed;
  a strict level because the pooled standard error ignores noise that changes along x, which
  rejected a true power law at p < 0.01 in 4–9 % of simulated 3–10-seed curves);
  confidence is the fraction of eligible windows with R² ≥ 0.9 (the workbench's rule; the χ²
  test is memcap's addition, 2026-12-02).

References
----------
Z. Liu, "How does memorization affect ℓ2?" (blog, 2026-05-05): the "Inverted-U with maximum near
… (height H ≈ kσ)" and "power law (0.27) over 50–1600, 6 points" findings this reproduces.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from capacity.errors import UsageError
from capacity.options import percent_text
from empirical.sweeps.fits import LawFit, fit_law

__all__ = ["Phenomenon", "detect", "is_geometric", "moving_average", "robust_sigma",
           "smoothing_windows"]

_MAD_TO_SIGMA = 1.4826


@dataclass(frozen=True)
class Phenomenon:
    """One finding. ``location``: x of the peak/trough/knee, the half-change point of a monotone
    curve, or a law window's first x; ``height``: peak/trough height over the nearer-in-value
    endpoint, total change, plateau level, or a law's change over its window; ``score``: the
    t-like statistic; ``confidence``: persistence over smoothing windows (laws: fraction of
    windows with R² ≥ 0.9); ``window``: the x-range it covers; ``fit``: the law, if any;
    ``after``: for a leading plateau, what the curve does after its knee ("decrease" or
    "increase"; "" for a plateau the curve reaches at its end) and ``after_change`` by how much
    (last level minus plateau level).

    Examples
    --------
    >>> p = Phenomenon("inverted_u", 3200.0, 25.8, 13.5, True, 1.0, (50.0, 25600.0), 10, "MAD")
    >>> print(p.describe("train size"))  # doctest: +NORMALIZE_WHITESPACE
    inverted U: maximum near train size = 3200 (height 25.8 above the higher end, score 13.5σ;
    persists in 100% of smoothing windows; noise: MAD) [significant]
    """

    kind: str
    location: float
    height: float
    score: float
    significant: bool
    confidence: float
    window: tuple[float, float]
    n_points: int
    noise: str
    fit: LawFit | None = None
    after: str = ""
    after_change: float = 0.0

    def describe(self, param: str = "x") -> str:
        """One line in words and numbers.

        Examples
        --------
        >>> p = Phenomenon("plateau", 64.0, 0.95, 4.1, True, 0.8, (4.0, 512.0), 8, "seeds",
        ...                after="decrease", after_change=-0.3)
        >>> print(p.describe("n"))   # the level after the knee: 0.95 - 0.3
        plateau then decrease: the curve holds at 0.95 up to a knee at n = 64, then falls by 0.3
        to 0.65 (score 4.1σ; persists in 80% of smoothing windows; noise: seeds) [significant]
        >>> q = Phenomenon("decreasing", 8.0, -0.42, math.nan, False, 0.6, (2.0, 32.0), 5, "none")
        >>> print(q.describe("width"))   # no noise estimate: no score
        monotone decreasing over width = 2–32: change -0.42, half of it by width = 8 (no score
        (noise unknown); persists in 60% of smoothing windows; noise: none) [not significant]
        """
        tag = "significant" if self.significant else "not significant"
        where = f"{param} = {self.location:.4g}"
        score = (f"score {self.score:.3g}σ" if math.isfinite(self.score)
                 else "no score (noise unknown)")
        stats = (f"{score}; persists in {percent_text(self.confidence, 0)} of smoothing "
                 f"windows; noise: {self.noise}")
        span = f"{param} = {self.window[0]:.4g}–{self.window[1]:.4g}"
        if self.kind == "inverted_u":
            text = (f"inverted U: maximum near {where} (height {self.height:.4g} above the higher "
                    f"end, {stats})")
        elif self.kind == "u":
            text = f"U: minimum near {where} (depth {self.height:.4g} below the lower end, {stats})"
        elif self.kind in ("increasing", "decreasing"):
            text = (f"monotone {self.kind} over {span}: change {self.height:+.4g}, half of it by "
                    f"{where} ({stats})")
        elif self.kind == "plateau" and self.after:
            verb = "falls" if self.after == "decrease" else "rises"
            text = (f"plateau then {self.after}: the curve holds at {self.height:.4g} up to a "
                    f"knee at {where}, then {verb} by {abs(self.after_change):.4g} to "
                    f"{self.height + self.after_change:.4g} ({stats})")
        elif self.kind == "plateau":
            text = (f"plateau: the curve levels off at {self.height:.4g} from a knee at {where} "
                    f"({stats})")
        else:
            assert self.fit is not None
            text = (f"{self.fit.describe()}; window change t = {self.score:.3g}, "
                    f"{percent_text(self.confidence, 0)} of eligible windows have R² ≥ 0.9")
        return f"{text} [{tag}]"


def is_geometric(x, tol: float = 0.05) -> bool:
    """True when x > 0 rises by a constant ratio (within ``tol``), e.g. a doubling grid.

    Parameters
    ----------
    x : array_like
        The grid values, in order; fewer than 3 values give False.
    tol : float, optional
        Allowed relative spread of the ratios, ``max/min - 1`` (default 0.05).

    Returns
    -------
    bool
        Whether the grid is geometric and rising.

    Examples
    --------
    >>> is_geometric([50, 100, 200, 400]), is_geometric([1, 2, 3, 4])
    (True, False)
    """
    x = np.asarray(x, dtype=float)
    if len(x) < 3 or np.any(x <= 0):
        return False
    r = x[1:] / x[:-1]
    return bool(np.all(r > 1) and r.max() / r.min() - 1 <= tol)


def moving_average(y, window: int) -> np.ndarray:
    """Centred moving average of odd width; the window shrinks symmetrically at the ends.

    Parameters
    ----------
    y : array_like
        The series, 1-D.
    window : int
        The width: ``window // 2`` points each side (an even width acts as the next odd one).

    Returns
    -------
    numpy.ndarray
        The smoothed series, same length.

    Examples
    --------
    >>> moving_average([0.0, 3.0, 0.0, 3.0, 0.0], 3)
    array([0., 1., 2., 1., 0.])
    """
    y = np.asarray(y, dtype=float)
    h = window // 2
    out = np.empty_like(y)
    for i in range(len(y)):
        r = min(h, i, len(y) - 1 - i)
        out[i] = y[i - r:i + r + 1].mean()
    return out


def _inner_residuals(y, window: int) -> np.ndarray:
    """``y − moving_average(y, window)`` at the points whose average has its full width: at the
    ``window // 2`` points of each end the average is shorter (at the very ends, and for the
    3-point average at both end points, it is the point itself, whose residual is exactly 0),
    which pulled the MAD down (σ̂ 0.40 σ on five points of pure noise, a 7 %
    false-finding rate instead of the 0.135 % tail, 2026-12-05 review)."""
    y = np.asarray(y, dtype=float)
    h = window // 2
    resid = y - moving_average(y, window)  # (n,)
    return resid[h:len(y) - h] if len(y) > 2 * h else resid


#: Fewest full-width residuals whose MAD estimates the noise; below it their RMS does (the MAD
#: of 3–7 values is biased low: 1–3 % false findings on pure noise of 5–7 points, 2026-12-05).
MIN_MAD_RESIDUALS = 8


def _mad_applies(n: int, window: int) -> bool:
    """Whether a series of ``n`` points has enough full-width residuals to ``window``-point
    averages for their MAD (else :func:`robust_sigma` takes their RMS)."""
    return n - 2 * (window // 2) >= MIN_MAD_RESIDUALS


def robust_sigma(y, window: int = 3) -> float:
    """σ̂ = 1.4826·MAD(y − moving_average(y, w)) / √(1 − 1/w) over the points whose average
    has its full width (the ``w // 2`` end points of each side, residual 0, are left out): noise
    sd without seeds. With fewer than :data:`MIN_MAD_RESIDUALS` such residuals their RMS
    replaces 1.4826·MAD.

    Parameters
    ----------
    y : array_like
        The series, 1-D.
    window : int, optional
        The moving-average width w (default 3); must exceed 1.

    Returns
    -------
    float
        The noise estimate.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> round(robust_sigma(rng.normal(0, 2.0, 4000)), 1)
    2.0
    """
    resid = _inner_residuals(y, window)
    if not _mad_applies(len(np.asarray(y)), window):
        return float(np.sqrt(np.mean(resid ** 2) / (1 - 1 / window)))
    mad = np.median(np.abs(resid - np.median(resid)))
    return float(_MAD_TO_SIGMA * mad / np.sqrt(1 - 1 / window))


def _zero(level) -> float:
    """A standard error at or below this is zero: no noise seen (10⁻⁹ of the curve's scale)."""
    return 1e-9 * float(np.abs(level).max())


def _refuse_non_finite(*arrays) -> None:
    """One UsageError when an array of ``arrays`` (None: absent) holds NaN or ±inf."""
    if not all(np.all(np.isfinite(np.asarray(a, dtype=float))) for a in arrays if a is not None):
        raise UsageError("detect needs finite x and curve values; leave out the points whose "
                         "value is NaN or ±inf")


def _levels(y, seeds) -> tuple[np.ndarray, np.ndarray, str, int, bool]:
    """Level and standard error per x (0 where no noise is seen), how the noise was estimated,
    its degrees of freedom, and whether the errors come from seeds."""
    if seeds is not None:
        s = np.asarray(seeds, dtype=float)  # (S, n)
        if s.ndim != 2 or not s.shape[0]:  # no seed row was an IndexError (2026-12-07 audit)
            raise UsageError(f"seeds must be a (S, n) matrix with S >= 1, got shape {s.shape}")
        if s.shape[0] >= 2:
            level = s.mean(axis=0)  # (n,)
            var = s.var(axis=0, ddof=1)  # (n,)
            if s.shape[0] < 10:
                var = np.full_like(var, var.mean())
                how = f"seeds (S={s.shape[0]}, pooled standard error)"
                dof = s.shape[1] * (s.shape[0] - 1)
            else:
                how = f"seeds (S={s.shape[0]}, standard error per x)"
                dof = s.shape[0] - 1
            se = np.sqrt(var / s.shape[0])  # (n,)
            se = np.where(se > _zero(level), se, 0.0)
            if not se.any():
                how += "; the seeds do not differ: noise unknown"
            return level, se, how, dof, True
        y = s[0] if y is None else y
    level = np.asarray(y, dtype=float)
    dof = max(1, len(level) - 3)
    sigma = robust_sigma(level, 3)
    how = ("1.4826·MAD of residuals to a 3-point average"
           if _mad_applies(len(level), 3)
           else "RMS of residuals to a 3-point average (too few for their MAD)")
    if not sigma > _zero(level):  # more than half the residuals equal: fall back to their RMS
        resid = _inner_residuals(level, 3)  # (n − 2,)
        sigma = float(np.sqrt(np.mean(resid ** 2) / (1 - 1 / 3)))
        how = "RMS of residuals to a 3-point average (their MAD is 0)"
        if not sigma > _zero(level):
            sigma, how = 0.0, "unknown (no residuals to a 3-point average)"
    return level, np.full_like(level, sigma), how, dof, False


def _ratio(num, den) -> float:
    """``num / den``, NaN when ``den`` is 0 (a score over unknown noise claims nothing)."""
    return float(num / den) if den > 0 else math.nan


def _t(level, se, i, j) -> float:
    return _ratio(level[i] - level[j], np.hypot(se[i], se[j]))


def _extremum(t, level, se, w, sign):
    """Interior maximum of sign·ŷ: (index, score, height) or None."""
    smooth = moving_average(sign * level, w)
    p = int(np.argmax(smooth))
    n = len(level)
    if p == 0 or p == n - 1:
        return None
    lv = sign * level
    score = float(np.min([_t(lv, se, p, 0), _t(lv, se, p, n - 1)]))  # NaN if either is
    return p, score, float(lv[p] - max(lv[0], lv[-1]))


def _monotone(level, se, w, lo=0, hi=None):
    """(sign, score) if ŷ is ≥95 % one-signed on [lo, hi], else None."""
    hi = len(level) - 1 if hi is None else hi
    smooth = moving_average(level, w)
    d = np.diff(smooth[lo:hi + 1])
    d = d[np.abs(d) > 1e-9 * (np.abs(smooth).max() + 1e-300)]  # exact flats: neither sign
    if len(d) == 0:
        return None
    up, down = np.mean(d > 0), np.mean(d < 0)
    if max(up, down) < 0.95:
        return None
    return (1 if up >= down else -1), _t(level, se, hi, lo)


def _plateau(t, level, se, w, sign):
    """(knee index, score, plateau level) for a rise (sign=+1) or fall to a plateau, or None."""
    lv = sign * level
    smooth = moving_average(lv, w)
    n = len(lv)
    change = smooth.max() - smooth[0]
    if change <= 0:
        return None
    k = int(np.argmax(smooth >= smooth[0] + 0.9 * change))
    tail = slice(k, n)
    if n - k < 3 or (t[-1] - t[k]) < 0.25 * (t[-1] - t[0]) or k == 0:
        return None
    if smooth[tail].max() - smooth[tail].min() > 0.15 * change:
        return None
    plateau, plateau_se = lv[tail].mean(), np.sqrt(np.mean(se[tail] ** 2) / (n - k))
    score = _ratio(plateau - lv[0], np.hypot(se[0], plateau_se))
    return k, score, float(sign * plateau)


def _leading_plateau(t, level, se, w, sign):
    """(knee index, score, plateau level) for a plateau at the start that the curve leaves by
    falling (sign=+1) or rising (sign=−1), or None: :func:`_plateau` read from the right end."""
    hit = _plateau(-t[::-1], level[::-1], se[::-1], w, sign)
    if hit is None:
        return None
    k, score, plateau = hit
    return len(level) - 1 - k, score, plateau


def _windows(n: int, sides: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = [(0, n - 1), *sides]
    for f in (0.4, 0.5, 0.6, 0.8):
        m = int(round(f * n))
        out += [(0, m - 1), (n - m, n - 1)]
    return sorted({(lo, hi) for lo, hi in out if hi - lo + 1 >= 5})


def _laws(x, t, level, se, threshold, sides, noise, from_seeds) -> list[Phenomenon]:
    found = []
    for law in ("power", "exponential"):
        if law == "power" and np.any(x <= 0):
            continue
        fits = []
        for lo, hi in _windows(len(x), sides):
            steps = np.abs(np.diff(level[lo:hi + 1])) > _zero(level)  # not exact flats
            mono = _monotone(level, se, 3, lo, hi)
            if steps.sum() < 4 or mono is None or not abs(mono[1]) >= threshold:  # NaN: unknown
                continue  # a law needs a few real steps, a direction and a change beyond noise
            fit = fit_law(law, x[lo:hi + 1], level[lo:hi + 1],
                          se[lo:hi + 1] if from_seeds else None)
            fits.append((fit, abs(mono[1]), lo, hi))
        if not fits:
            continue
        # significant: a tight fit (R² ≥ 0.99), a determined curvature (B's interval finite,
        # excluding 0) and, measured over seeds, a law the seeds do not reject (χ² p ≥ 0.001;
        # an exponential at χ²/dof ≈ 700 was called significant: sweep review)
        # (a seed-measured fit must pass its χ² test: one without one, NaN, is not good)
        good = [f for f in fits if f[0].r2 >= 0.99 and np.all(np.isfinite(f[0].b_interval))
                and not f[0].b_interval[0] <= 0 <= f[0].b_interval[1]
                and (f[0].fit_p >= 0.001 if from_seeds else not f[0].fit_p < 0.001)]
        best = max(good or fits, key=lambda f: (f[0].n_points, f[0].r2))
        fit, score, lo, hi = best
        conf = float(np.mean([f[0].r2 >= 0.9 for f in fits]))
        found.append(Phenomenon(
            f"{law}_law" if law == "power" else "exponential", float(x[lo]),
            float(level[hi] - level[lo]), score, bool(good), conf, (float(x[lo]), float(x[hi])),
            hi - lo + 1, noise, fit))
    return found


def smoothing_windows(n: int) -> list[int]:
    """The moving-average widths :func:`detect` smooths a curve of ``n`` points with: those of
    3, 5, 11 and 21 that span at most half the curve (3 always). A finding's confidence is the
    fraction of them in which it persists.

    Examples
    --------
    >>> smoothing_windows(9), smoothing_windows(10), smoothing_windows(22), smoothing_windows(42)
    ([3], [3, 5], [3, 5, 11], [3, 5, 11, 21])
    """
    return [w for w in (3, 5, 11, 21) if w <= max(3, n // 2)]


def detect(x, y=None, seeds=None, *, threshold: float = 3.0,
           include_weak: bool = False, log_x: bool | None = None) -> list[Phenomenon]:
    """Find shapes and laws in a swept curve.

    Ranked: significant first, then shapes before laws, then by score.

    Parameters
    ----------
    x : array (n,)
        Sweep parameter, strictly increasing.
    y : array (n,), optional
        The curve (e.g. a derived metric per x). Not read when ``seeds`` has S ≥ 2 rows: the
        curve is then the seed mean.
    seeds : array (S, n), optional
        One row per seed; with S ≥ 2 the curve is their mean and the significance uses the
        spread across seeds; a single row is the curve when ``y`` is not given.
    threshold : float
        Score (in standard errors) a finding needs to be significant.
    include_weak : bool
        Also return findings that are not significant.
    log_x : bool or None
        Whether the shapes are smoothed on log x (the sweep's grid is geometric); None: when
        ``x`` itself is (:func:`is_geometric`). The report passes its grid's answer, so that a
        curve with one point left out (NaN) is read on the axis of the others.

    References
    ----------
    Z. Liu, "How does memorization affect ℓ2?" (2026-05-05), and the module notes.

    Examples
    --------
    >>> x = 50 * 2.0 ** np.arange(10)
    >>> y = 26 - 4 * (np.log2(x / 3200)) ** 2
    >>> [p.kind for p in detect(x, y)][:1], detect(x, y)[0].location
    (['inverted_u'], 3200.0)
    >>> detect(x, np.random.default_rng(1).normal(size=10))
    []
    """
    x = np.asarray(x, dtype=float)
    if y is None and seeds is None:
        raise UsageError("detect needs y or a seeds matrix")
    _refuse_non_finite(x, y, seeds)  # before the noise estimate (an inf drew numpy's warning)
    level, se, noise, dof, from_seeds = _levels(y, seeds)
    n = len(x)
    if level.shape != (n,):
        raise UsageError(f"x has {n} points but the curve has shape {level.shape}")
    _refuse_non_finite(level)  # a seed mean that overflowed
    if n < 4 or np.any(np.diff(x) <= 0):
        raise UsageError("detect needs at least 4 sweep points with strictly increasing x")
    t = np.log(x) if (is_geometric(x) if log_x is None else log_x) else x
    # the noise scale is itself estimated: same tail probability, Student t with its dof
    threshold = float(stats.t.ppf(stats.norm.cdf(threshold), dof))
    windows = smoothing_windows(n)
    found: list[Phenomenon] = []
    sides: list[tuple[int, int]] = []
    span = (float(x[0]), float(x[-1]))
    for kind, sign in (("inverted_u", 1), ("u", -1)):
        hits = [_extremum(t, level, se, w, sign) for w in windows]
        if hits[0] is None:
            continue
        p, score, height = hits[0]
        conf = float(np.mean([h is not None and h[1] >= threshold for h in hits]))
        sig = score >= threshold and conf >= 0.5
        if sig:
            sides += [(0, p), (p, n - 1)]
        found.append(Phenomenon(kind, float(x[p]), height, score, sig, conf, span, n, noise))
    for w_sign, kind in ((1, "increasing"), (-1, "decreasing")):
        hits = [_monotone(level, se, w) for w in windows]
        if hits[0] is None or hits[0][0] != w_sign:
            continue
        score = abs(hits[0][1])
        conf = float(np.mean([h is not None and h[0] == w_sign and abs(h[1]) >= threshold
                              for h in hits]))
        smooth = moving_average(level, windows[0])
        half = int(np.argmax(w_sign * smooth >= w_sign * (smooth[0] + smooth[-1]) / 2))
        found.append(Phenomenon(kind, float(x[half]), float(level[-1] - level[0]), score,
                                score >= threshold and conf >= 0.5, conf, span, n, noise))
    extremes = {p.kind for p in found if p.significant}
    # a plateau the curve reaches at its end ("") or leaves after a knee ("decrease"/"increase")
    plateaus = ((_plateau, 1, "", "inverted_u"), (_plateau, -1, "", "u"),
                (_leading_plateau, 1, "decrease", "inverted_u"),
                (_leading_plateau, -1, "increase", "u"))
    for finder, sign, after, extreme in plateaus:
        if extreme in extremes:  # a significant peak (trough) is not a plateau (floor), and
            continue  # rise-then-fall is an inverted U, not a plateau then a fall
        hits = [finder(t, level, se, w, sign) for w in windows]
        if hits[0] is None:
            continue
        k, score, plateau = hits[0]
        conf = float(np.mean([h is not None and h[1] >= threshold for h in hits]))
        span, points = (((float(x[0]), float(x[k])), k + 1) if after
                        else ((float(x[k]), float(x[-1])), n - k))
        found.append(Phenomenon("plateau", float(x[k]), plateau, score,
                                score >= threshold and conf >= 0.5, conf, span, points, noise,
                                after=after,
                                after_change=float(level[-1] - plateau) if after else 0.0))
    found += _laws(x, t, level, se, threshold, sides, noise, from_seeds)
    found.sort(key=lambda p: (p.significant, p.fit is None,
                              p.score if math.isfinite(p.score) else -math.inf), reverse=True)
    return found if include_weak else [p for p in found if p.significant]
