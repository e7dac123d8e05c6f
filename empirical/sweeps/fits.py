"""Fitted laws for a swept curve: power law y = A·x^B + C and exponential y = A·e^(−B(x−x₀)) + C.

Both fits follow the ComfyResearch workbench's recipe (its audit text, quoted in
``shared/references/empirical.md`` §1.1) and then add an uncertainty:

1. a grid over B (power law: B ∈ [−2.5, 5] in steps of 0.05, B = 0 left out because it is
   degenerate with C; exponential: B = ±1/s for 60 scales s geometric over [span/50, 20·span]);
2. at each B the model is linear in (A, C), solved by (weighted) ordinary least squares;
3. the best grid point starts a nonlinear least-squares fit of (A, B, C) with
   :func:`scipy.optimize.curve_fit` (Levenberg–Marquardt); if it fails or is worse, the grid
   optimum is kept and refined on 81 points within ±one grid step, as the workbench did.

Uncertainty is the covariance of the nonlinear fit: with per-point standard errors (seeds) it
is taken as absolute (``absolute_sigma=True``, weights 1/se²) and inflated by the reduced χ² when
that exceeds 1 (the law does not fit within the seed noise); without, it is scaled by the
residual variance. The 95 % interval is estimate ± t(0.975, n − 3)·se (Student t, n − 3 degrees
of freedom); its measured coverage for B (300 synthetic power laws, 12 points, 5 seeds, pooled se)
was 97–98 %. The exponential is parameterised from the window's first x, x₀, so that A stays finite
for large x.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
from scipy import optimize, stats

from capacity.errors import UsageError
from capacity.options import percent_text

__all__ = ["ExponentFit", "LawFit", "fit_exponent", "fit_exponential", "fit_law", "fit_power_law"]


@dataclass(frozen=True)
class LawFit:
    """One fitted law over ``x[lo:hi+1]``.

    ``params`` are (A, B, C); ``stderr`` their standard errors (NaN when n = 3);
    ``b_interval`` the 95 % interval for the exponent/rate B; ``r2`` the coefficient of
    determination on the window; ``x0`` the exponential's reference x (0 for the power law).
    Fitted with the seeds' standard errors, ``chi2_dof`` is the reduced χ² of the residuals
    in those errors and ``fit_p`` the χ² test's p-value of the law (small: the seeds reject
    it); both NaN without standard errors or with 3 points.

    Examples
    --------
    >>> x = np.array([1.0, 2, 4, 8, 16, 32])
    >>> f = fit_power_law(x, 2 * x**0.5 + 1)
    >>> f.describe()
    'power law y = 2·x^0.5 + 1 over x = 1–32 (6 points), B 95% interval [0.5, 0.5], R² = 1.000'
    >>> g = LawFit("exponential", (2.0, -0.3, -5.0), (0, 0, 0), (-0.3, -0.3), 1.0, 10, (1, 9), 1)
    >>> g.describe().split(" over ")[0]  # a negative rate is a growing exponential
    'exponential y = 2·e^(0.3·(x − 1)) − 5'
    """

    law: str
    params: tuple[float, float, float]
    stderr: tuple[float, float, float]
    b_interval: tuple[float, float]
    r2: float
    n_points: int
    x_range: tuple[float, float]
    x0: float = 0.0
    chi2_dof: float = math.nan
    fit_p: float = math.nan

    def predict(self, x) -> np.ndarray:
        """The fitted curve at ``x``.

        Examples
        --------
        >>> LawFit("power", (2.0, 1.0, 0.0), (0, 0, 0), (1, 1), 1.0, 3, (1, 3)).predict([2.0])
        array([4.])
        """
        a, b, c = self.params
        return _model(self.law, self.x0)(np.asarray(x, dtype=float), a, b, c)

    def describe(self) -> str:
        """One line: the law with its numbers, window, interval and R².

        Examples
        --------
        >>> f = LawFit("exponential", (3.0, 0.5, 1.0), (0.1, 0.02, 0.3), (0.46, 0.54), 0.998, 6,
        ...            (2.0, 12.0), x0=2.0, chi2_dof=1.2, fit_p=0.31)
        >>> f.describe()   # fitted with seed errors: the χ² test is appended
        'exponential y = 3·e^(−0.5·(x − 2)) + 1 over x = 2–12 (6 points), B = 0.5, B 95%
         interval [0.46, 0.54], R² = 0.998, χ²/dof = 1.2 (p = 0.31)'
        >>> LawFit("exponential", (1.0, -4e-4, 1.0), (1e-5,) * 3, (-5.4e-4, -2.6e-4), 0.99, 7,
        ...        (50.0, 3200.0), x0=50.0).describe()   # growing: B < 0, named beside its interval
        'exponential y = 1·e^(0.0004·(x − 50)) + 1 over x = 50–3200 (7 points), B = -0.0004, B 95%
         interval [-0.00054, -0.00026], R² = 0.990'
        """
        a, b, c = self.params
        lo, hi = self.b_interval
        if self.law == "power":
            form = f"y = {a:.4g}·x^{b:.3g}{_signed(c)}"
        else:  # e^(−B(x − x₀)) written with the sign of the rate and of x₀ folded in
            shift = "x" if self.x0 == 0 else f"(x{_signed(-self.x0)})"
            rate = f"−{b:.3g}" if b >= 0 else f"{-b:.3g}"
            form = f"y = {a:.4g}·e^({rate}·{shift}){_signed(c)}"
        name = "power law" if self.law == "power" else "exponential"
        fit = ("" if math.isnan(self.chi2_dof) else
               f", χ²/dof = {self.chi2_dof:.3g} (p = {self.fit_p:.2g})")
        # the exponential's B was only folded into the formula: a growing one read
        # "e^(0.0004·(x − 50))" beside "B 95% interval [−0.00054, −0.00026]" (2026-12-06 review)
        rate = "" if self.law == "power" else f"B = {b:.3g}, "
        return (f"{name} {form} over x = {self.x_range[0]:.4g}–{self.x_range[1]:.4g} "
                f"({self.n_points} points), {rate}B 95% interval [{lo:.3g}, {hi:.3g}], "
                f"R² = {self.r2:.3f}{fit}")


def _signed(v: float) -> str:
    """`` + v`` or `` − |v|`` (4 significant digits), for formulas.

    Examples
    --------
    >>> _signed(1.5), _signed(-9.636), _signed(0.0)
    (' + 1.5', ' − 9.636', ' + 0')
    """
    return f" − {-v:.4g}" if v < 0 else f" + {v:.4g}"


def _model(law: str, x0: float):
    if law == "power":
        return lambda x, a, b, c: a * np.power(x, b) + c
    return lambda x, a, b, c: a * np.exp(-b * (x - x0)) + c


def _ols(basis: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float, float]:
    """Weighted OLS of y on [basis, 1]; returns (A, C, weighted SSE)."""
    design = np.stack([basis, np.ones_like(basis)], axis=1) * w[:, None]  # (n, 2)
    coef, *_ = np.linalg.lstsq(design, y * w, rcond=None)
    resid = (y - coef[0] * basis - coef[1]) * w  # (n,)
    return float(coef[0]), float(coef[1]), float(resid @ resid)


def _grid(law: str, x: np.ndarray) -> np.ndarray:
    if law == "power":
        grid = np.round(np.arange(-2.5, 5.0 + 1e-9, 0.05), 10)
        return grid[np.abs(grid) > 1e-12]
    span = float(x.max() - x.min()) or 1.0
    rates = 1.0 / np.geomspace(span / 50, 20 * span, 60)
    return np.concatenate([-rates[::-1], rates])


def _fit(law: str, x, y, se=None) -> LawFit:
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise UsageError(f"x and y must be 1-D of the same length (got {x.shape}, {y.shape})")
    n = len(x)
    if n < 3:
        raise UsageError(f"a 3-parameter law needs at least 3 points, got {n}")
    if law == "power" and np.any(x <= 0):
        raise UsageError("a power law needs x > 0; shift the parameter or fit an exponential")
    if se is not None and not np.all(np.asarray(se, float) > 0):
        # a point whose seeds all agree has no measured noise; weighting it by 1/se (10^300)
        # made the least squares diverge (LinAlgError, status 70, 2026-12-04 review). It gets
        # the smallest standard error measured in the window (as precise as the best point),
        # so the weights and the χ² test stay; with none measured the fit is unweighted
        se = np.asarray(se, float)
        measured = se[se > 0]
        se = np.where(se > 0, se, measured.min()) if measured.size else None
    w = np.ones(n) if se is None else 1.0 / np.asarray(se, float)
    x0 = 0.0 if law == "power" else float(x.min())
    model = _model(law, x0)
    basis_of = (lambda b: np.power(x, b)) if law == "power" else (lambda b: np.exp(-b * (x - x0)))
    grid = _grid(law, x)
    with np.errstate(over="ignore", invalid="ignore"):
        scores = []
        for b in grid:
            basis = basis_of(b)
            scores.append(_ols(basis, y, w)[2] if np.all(np.isfinite(basis)) else np.inf)
    best = int(np.argmin(scores))
    b_best = float(grid[best])
    a_best, c_best, sse_best = _ols(basis_of(b_best), y, w)
    params, cov = np.array([a_best, b_best, c_best]), np.full((3, 3), np.nan)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            p, c = optimize.curve_fit(model, x, y, p0=params, sigma=None if se is None else 1 / w,
                                      absolute_sigma=se is not None, maxfev=20000)
        sse = float((((model(x, *p) - y) * w) ** 2).sum())
        tol = sse_best * 1e-6 + 1e-20 * float(((y * w) ** 2).sum())
        if np.all(np.isfinite(p)) and sse <= sse_best + tol:
            params, cov = p, c
            if se is not None and n > 3:
                cov = cov * max(1.0, sse / (n - 3))
    except (RuntimeError, ValueError, optimize.OptimizeWarning):
        pass
    if not np.all(np.isfinite(cov)) and params[1] == b_best:  # refine as the workbench did
        if law == "power":
            step = float(np.min(np.abs(np.diff(grid))))
        else:  # the geometric grid's step at b_best: it was ±5 % where neighbouring rates
            # differ by 12 % (1000^(1/59)), narrower than the documented ± one grid step
            rates = np.sort(grid[grid > 0])  # each rate once (the grid holds ±rate)
            step = abs(b_best) * (float(rates[1] / rates[0]) - 1)
        for b in np.linspace(b_best - step, b_best + step, 81):
            a, c0, sse = _ols(basis_of(b), y, w)
            if sse < sse_best:
                params, sse_best = np.array([a, b, c0]), sse
    fitted = model(x, *params)
    ss_res = float(((y - fitted) ** 2).sum())
    ss_tot = float(((y - y.mean()) ** 2).sum())
    r2 = 1.0 - ss_res / ss_tot if ss_tot > 0 else (1.0 if ss_res == 0 else 0.0)
    err = np.sqrt(np.clip(np.diag(cov), 0, None)) if n > 3 else np.full(3, np.nan)
    half = float(stats.t.ppf(0.975, n - 3)) * err[1] if n > 3 else math.nan
    b = float(params[1])
    chi2_dof = fit_p = math.nan
    if se is not None and n > 3 and np.all(np.asarray(se, float) > 0):
        chi2 = float((((y - fitted) / np.asarray(se, float)) ** 2).sum())
        chi2_dof, fit_p = chi2 / (n - 3), float(stats.chi2.sf(chi2, n - 3))
    return LawFit(law, tuple(float(v) for v in params), tuple(float(v) for v in err),
                  (b - half, b + half), r2, n, (float(x.min()), float(x.max())), x0,
                  chi2_dof, fit_p)


def fit_power_law(x, y, se=None) -> LawFit:
    """Fit y = A·x^B + C (x > 0); ``se`` are optional per-point standard errors (seeds).

    Parameters
    ----------
    x, y : array_like
        1-D, the same length, at least 3 points; x > 0.
    se : array_like or None, optional
        Per-point standard errors: weights 1/se, taken as absolute sigmas. An entry ≤ 0 (a
        point whose seeds all agree: no noise measured there) takes the smallest positive
        entry; None, or no positive entry, fits unweighted, with no χ² test.

    Returns
    -------
    LawFit
        The fitted law.

    References
    ----------
    Fit recipe: ComfyResearch workbench audit text, as used for the "power law (0.27)" finding in
    Z. Liu, "How does memorization affect ℓ2?" (2026-05-05).

    Examples
    --------
    >>> x = np.geomspace(50, 1600, 6)
    >>> f = fit_power_law(x, 6.5 * x**0.27 - 9.636)
    >>> round(f.params[1], 3), round(f.r2, 6)
    (0.27, 1.0)
    """
    return _fit("power", x, y, se)


def fit_exponential(x, y, se=None) -> LawFit:
    """Fit y = A·e^(−B(x − x₀)) + C with x₀ = min(x); ``se`` optional per-point errors.

    Parameters
    ----------
    x, y : array_like
        1-D, the same length, at least 3 points.
    se : array_like or None, optional
        Per-point standard errors: weights 1/se, taken as absolute sigmas; entries ≤ 0 as
        in :func:`fit_power_law`.

    Returns
    -------
    LawFit
        The fitted law.

    Examples
    --------
    >>> x = np.arange(0.0, 10.0)
    >>> f = fit_exponential(x, 3 * np.exp(-0.5 * x) + 1)
    >>> [round(v, 4) for v in f.params]
    [3.0, 0.5, 1.0]
    """
    return _fit("exponential", x, y, se)


def fit_law(law: str, x, y, se=None) -> LawFit:
    """Fit a law by name: ``"power"`` or ``"exponential"``.

    Parameters
    ----------
    law : str
        ``"power"`` (:func:`fit_power_law`) or ``"exponential"`` (:func:`fit_exponential`);
        anything else is refused.
    x, y, se
        As for those functions.

    Returns
    -------
    LawFit
        The fitted law.

    Examples
    --------
    >>> fit_law("power", [1.0, 2.0, 3.0, 4.0], [1.0, 4.0, 9.0, 16.0]).params[1]
    2.0...
    """
    if law == "power":
        return fit_power_law(x, y, se)
    if law == "exponential":
        return fit_exponential(x, y, se)
    raise UsageError(f"unknown law {law!r}; use 'power' or 'exponential'")


@dataclass(frozen=True)
class ExponentFit:
    """A pure power law y = A·x^a fitted on log–log axes (:func:`fit_exponent`).

    ``interval`` is the ``confidence`` Student-t interval of the exponent a (n − 2 degrees of
    freedom; NaN with 2 points); ``r2`` is on log y.

    Examples
    --------
    >>> f = fit_exponent([1, 4, 16], [3, 6, 12])
    >>> f.describe()
    'y = 3·x^0.5 over x = 1–16 (3 points), exponent 95% interval [0.5, 0.5], R² on log y = 1.000'
    """

    exponent: float
    interval: tuple[float, float]
    prefactor: float
    r2: float
    n_points: int
    x_range: tuple[float, float]
    confidence: float = 0.95

    def predict(self, x) -> np.ndarray:
        """A·x^a at ``x``.

        Examples
        --------
        >>> f = ExponentFit(0.5, (0.4, 0.6), 3.0, 0.99, 5, (1.0, 16.0))
        >>> f.predict([4, 16, 64])   # 3·√x, extrapolated past the window too
        array([ 6., 12., 24.])
        """
        return self.prefactor * np.power(np.asarray(x, dtype=float), self.exponent)

    def interval_text(self) -> str:
        """The exponent's interval as ``[lo, hi]``, or why there is none: two points leave no
        degree of freedom (``search --points 10,20`` printed ``[nan, nan]``, 2026-12-04).

        Examples
        --------
        >>> fit_exponent([1, 4], [3, 6]).interval_text()
        'no interval (2 points: a line through them; an interval needs 3)'
        """
        lo, hi = self.interval
        if not (np.isfinite(lo) and np.isfinite(hi)):
            return (f"no interval ({self.n_points} points: a line through them; an interval "
                    "needs 3)")
        return f"[{lo:.3g}, {hi:.3g}]"

    def describe(self) -> str:
        """One line: the law, window, exponent interval and R² (none of them with 2 points).

        Examples
        --------
        >>> ExponentFit(0.5, (0.4, 0.6), 3.0, 0.99, 5, (1.0, 16.0)).describe()
        'y = 3·x^0.5 over x = 1–16 (5 points), exponent 95% interval [0.4, 0.6], R² on log y =
         0.990'
        >>> fit_exponent([1, 4], [3, 6]).describe()
        'y = 3·x^0.5 over x = 1–4 (2 points), exponent no interval (2 points: a line through
         them; an interval needs 3)'
        """
        tail = (f"exponent {percent_text(self.confidence, 0)} interval "
                f"{self.interval_text()}, R² on log y = {self.r2:.3f}" if self.n_points > 2
                else f"exponent {self.interval_text()}")
        return (f"y = {self.prefactor:.4g}·x^{self.exponent:.3g} over x = {self.x_range[0]:.4g}–"
                f"{self.x_range[1]:.4g} ({self.n_points} points), {tail}")

    def to_dict(self) -> dict:
        """JSON-ready dict.

        Examples
        --------
        >>> f = ExponentFit(0.5, (0.4, 0.6), 3.0, 0.99, 5, (1.0, 16.0))
        >>> f.to_dict()
        {'exponent': 0.5, 'interval': [0.4, 0.6], 'prefactor': 3.0, 'r2': 0.99, 'n_points': 5,
         'x_range': [1.0, 16.0], 'confidence': 0.95}
        >>> ExponentFit(**{**f.to_dict(), "interval": (0.4, 0.6), "x_range": (1.0, 16.0)}) == f
        True
        """
        return {"exponent": self.exponent, "interval": list(self.interval),
                "prefactor": self.prefactor, "r2": self.r2, "n_points": self.n_points,
                "x_range": list(self.x_range), "confidence": self.confidence}


def fit_exponent(x, y, confidence: float = 0.95) -> ExponentFit:
    """Fit y = A·x^a by ordinary least squares of log y on log x (x, y > 0).

    The scaling exponent of a size against a problem size (parameters needed against the number
    of sequences N): no offset, unlike :func:`fit_power_law`, since a needed size has no floor
    to subtract. The interval is estimate ± t((1 + confidence)/2, n − 2)·se.

    Parameters
    ----------
    x, y : array_like
        1-D, the same length, all > 0, at least two distinct x.
    confidence : float, optional
        The interval's confidence level (default 0.95); with two points the interval is NaN.

    Returns
    -------
    ExponentFit
        Exponent, its interval, prefactor A, R² of the log fit, n, x range and confidence.

    Examples
    --------
    >>> round(fit_exponent([10, 100, 1000], [2e3, 2e4, 2e5]).exponent, 12)
    1.0
    >>> fit_exponent([2, 4, 8], [14, 14, 14]).exponent   # flat: exactly 0
    0.0
    >>> fit_exponent([1, 2], [1, -1])
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: an exponent fit needs x > 0 and y > 0 at two or more distinct x
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if (x.shape != y.shape or x.ndim != 1 or len(np.unique(x)) < 2 or np.any(x <= 0)
            or np.any(y <= 0)):
        raise UsageError("an exponent fit needs x > 0 and y > 0 at two or more distinct x")
    lx, ly = np.log(x), np.log(y)
    if np.all(y == y[0]):  # exactly flat: polyfit's rounding printed "8.86e-16" (review)
        slope, icpt = 0.0, float(ly[0])
    else:
        slope, icpt = np.polyfit(lx, ly, 1)
    resid = ly - (slope * lx + icpt)
    n = len(x)
    ss_tot = float(((ly - ly.mean()) ** 2).sum())
    r2 = 1.0 - float(resid @ resid) / ss_tot if ss_tot > 1e-20 * n else 1.0  # y constant: 1
    if n > 2:
        se = math.sqrt(float(resid @ resid) / (n - 2) / float(((lx - lx.mean()) ** 2).sum()))
        half = float(stats.t.ppf((1 + confidence) / 2, n - 2)) * se
    else:
        half = math.nan
    return ExponentFit(float(slope), (float(slope - half), float(slope + half)),
                       float(math.exp(icpt)), r2, n, (float(x.min()), float(x.max())),
                       confidence)
