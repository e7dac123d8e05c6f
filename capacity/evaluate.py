"""Exact evaluation of bounds: a small integer/rational interpreter over sympy trees.

:func:`exact_value` walks the expression and computes with Python ints and
:class:`fractions.Fraction` (``math.comb`` for binomials, exact floor/ceiling), so 2^(2^20) is a
plain int and nothing is rounded. Irrational values (logs, square roots, e, erf) fall back to
sympy's exact symbolic value; integer roundings of those are done by sympy's certified
``ceiling``/``floor``. Nothing is ever lambdified to float. Order-only bounds are never evaluated.

Examples
--------
>>> from capacity.symbols import M, N
>>> exact_value(2**(N * 2**M), {"M": 20, "N": 1}).bit_length()  # 2^(2^20), exact
1048577
>>> from capacity.registry import get_bound
>>> evaluate_bound(get_bound("construction.depth3"), {"M": 5, "N": 1}).value
13
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from fractions import Fraction

import sympy
from sympy.core.evalf import PrecisionExhausted
from sympy.printing.str import StrPrinter

from capacity.bigint_text import int_text
from capacity.bound import Bound
from capacity.errors import UsageError
from capacity.symbols import SYMBOL_HELP, SYMBOL_LEAST

__all__ = ["MAX_SOLVER_INPUTS", "Evaluation", "evaluate_bound", "exact_parameters", "exact_text",
           "exact_value", "format_number"]

#: Most terms a finite sum is evaluated over (each an exact Fraction).
_MAX_TERMS = 10**6
_MAX_BITS = 1 << 24
#: Largest M an implicit bound's solver is called with (memcap bounds takes M <= 24; the
#: construction sizes are printed up to M = 62).
MAX_SOLVER_INPUTS = 1024


class _TooLarge(UsageError):
    """An exact value with more than 2^24 bits (one bound's, not the whole listing's)."""


class _TooLong(UsageError):
    """A binomial sum that would take minutes exactly (one bound's, not the whole listing's)."""


class _NotRational(Exception):
    pass


#: Most work (:func:`capacity.counting.binomial_sum_size`: terms × bits of the largest term) of
#: one exact binomial sum Σ_k binom(a, k) in a bound: a = 200 000, 100 000 terms (2·10^10) took
#: 3–6 s and the sums grow quadratically; ``memcap bounds --sample 10^6 --vc 5·10^5`` ran for
#: minutes with no word (CLI audit, 2026-12-02).
MAX_SUM_WORK = 2 * 10**9


def _num(x: int | Fraction) -> int | Fraction:
    if isinstance(x, Fraction) and x.denominator == 1:
        return x.numerator
    return x


def _walk(e: sympy.Basic, env: dict) -> int | Fraction:
    if e.is_Integer:
        return int(e)
    if e.is_Rational:
        return Fraction(int(e.p), int(e.q))
    if e.is_Symbol:
        if e.name not in env:
            raise UsageError(f"missing value for {e.name}")
        return env[e.name]
    if isinstance(e, sympy.Add):
        return _num(sum((Fraction(_walk(a, env)) for a in e.args), Fraction(0)))
    if isinstance(e, sympy.Mul):
        out, args = Fraction(1), list(e.args)
        logs = [a for a in args if isinstance(a, sympy.log)]
        inverse = [a for a in args if isinstance(a, sympy.Pow) and isinstance(a.base, sympy.log)
                   and a.exp == -1]
        if len(logs) == 1 and len(inverse) == 1:  # log(x)/log(y): log_y x, rational or not
            out = _log_ratio(_walk(logs[0].args[0], env), _walk(inverse[0].base.args[0], env))
            args = [a for a in args if a is not logs[0] and a is not inverse[0]]
        for a in args:
            out *= _walk(a, env)
        return _num(out)
    if isinstance(e, sympy.Pow):
        base, ex = _walk(e.base, env), _walk(e.exp, env)
        if not isinstance(ex, int):
            raise _NotRational
        size = abs(Fraction(base))  # its numerator and its denominator grow alike (a base of
        # 1/2^64 built a 2^30-bit denominator where 2^64 was refused, 2026-12-07 audit)
        if abs(ex) * max(1, size.numerator.bit_length(), size.denominator.bit_length()) \
                > _MAX_BITS:
            raise _TooLarge(f"value {sympy.sstr(e)} has more than 2^24 bits; report its log2")
        return _num(Fraction(base) ** ex)
    if isinstance(e, sympy.Max | sympy.Min):
        values = [Fraction(_walk(a, env)) for a in e.args]
        return _num(max(values) if isinstance(e, sympy.Max) else min(values))
    if isinstance(e, sympy.floor):
        return math.floor(Fraction(_walk(e.args[0], env)))
    if isinstance(e, sympy.ceiling):
        return math.ceil(Fraction(_walk(e.args[0], env)))
    if isinstance(e, sympy.binomial):
        a, b = _walk(e.args[0], env), _walk(e.args[1], env)
        if not (isinstance(a, int) and isinstance(b, int)):
            raise _NotRational
        return math.comb(a, b) if 0 <= b <= a else 0
    if isinstance(e, sympy.Sum):
        (var, lo, hi), = e.limits
        lo_v, hi_v = _walk(lo, env), _walk(hi, env)
        # a summand with a factor binomial(a, var), a free of var, is 0 once var > a (Cover's
        # and Sauer's sums): stop there, so a huge d or d_VC costs nothing
        factors = e.function.args if isinstance(e.function, sympy.Mul) else (e.function,)
        for f in factors:
            if isinstance(f, sympy.binomial) and f.args[1] == var \
                    and var not in f.args[0].free_symbols:
                top = _walk(f.args[0], env)
                if isinstance(top, int) and top >= 0:
                    hi_v = min(int(hi_v), top)
        # the binomial sums first: their own work limit counts the shorter side (a sum over
        # all but a few k is 2^a minus those few), and their refusal is this bound's note
        fast = _binomial_sum(e.function, var, int(lo_v), int(hi_v), env)
        if fast is not None:
            return fast
        if int(hi_v) - int(lo_v) + 1 > _MAX_TERMS:  # one bound's note, not the whole listing's
            raise _TooLong(f"{sympy.sstr(e)} has {int(hi_v) - int(lo_v) + 1} terms, more than "
                           f"{_MAX_TERMS}; give smaller parameters")
        total = Fraction(0)
        for k in range(int(lo_v), int(hi_v) + 1):
            total += _walk(e.function, {**env, var.name: k})
        return _num(total)
    raise _NotRational


def _log_ratio(x, y) -> Fraction:
    """log_y x as an exact rational p/q when x^q = y^p (checked with exact integers, q ≤ 64:
    ``8·log(64)/log(2)`` is 48, not "≈ 48.0000000000"), else :class:`_NotRational`."""
    x, y = Fraction(x), Fraction(y)
    if x <= 0 or y <= 0 or y == 1:
        raise _NotRational

    def ln(v: Fraction) -> float:
        return math.log(v.numerator) - math.log(v.denominator)

    guess = Fraction(ln(x) / ln(y)).limit_denominator(64)
    p, q = guess.numerator, guess.denominator
    size = max(abs(p), q) * max(x.numerator.bit_length(), x.denominator.bit_length(),
                                y.numerator.bit_length(), y.denominator.bit_length())
    if size > _MAX_BITS or x ** q != y ** p:
        raise _NotRational
    return guess


def _binomial_sum(summand, var, lo: int, hi: int, env: dict):
    """Σ_{k=lo}^{hi} c·binomial(a, k) with c and a free of k (Sauer's and Cover's sums) by a
    running term, one small multiplication and division a step (each term afresh took 37 s
    at m = d = 20 000); None when the summand has another form.

    Examples
    --------
    >>> from capacity.symbols import m
    >>> k = sympy.Symbol("k")
    >>> _binomial_sum(2 * sympy.binomial(m, k), k, 0, 3, {"m": 10}) == 2 * (1 + 10 + 45 + 120)
    True
    """
    factors = summand.args if isinstance(summand, sympy.Mul) else (summand,)
    binomials = [f for f in factors if isinstance(f, sympy.binomial) and f.args[1] == var
                 and var not in f.args[0].free_symbols]
    rest = [f for f in factors if f not in binomials]
    if len(binomials) != 1 or any(var in f.free_symbols for f in rest):
        return None
    a = _walk(binomials[0].args[0], env)
    if not isinstance(a, int) or a < 0 or lo < 0:
        return None
    from capacity.counting import (
        MAX_COUNT_BITS,
        SUM_WORK_FORCED,
        SUM_WORK_WITHOUT_FORCE,
        binomial_sum,
        binomial_sum_bits,
        binomial_sum_size,
    )

    if binomial_sum_bits(a, lo, hi) > _MAX_BITS:  # a sum over all but a few k (d ≥ n) is tiny
        # work but builds 2^a: 2^(10^30) was an OverflowError (status 70) and 2^(10^10) ran
        # out of memory (2026-12-04 audit)
        raise _TooLarge(f"Σ binom({a}, k) has more than 2^24 bits; report its log2")
    terms, bits = binomial_sum_size(a, lo, hi)
    if terms * bits > MAX_SUM_WORK:
        # `memcap count` also refuses a result of more than MAX_COUNT_BITS bits, and `count
        # cover` more than 10^6 points: the note sent users to a refusal (2026-12-05 review)
        # "with --force" only where count needs it (--sample 10^5 --vc 5·10^4 ran in 1.4 s
        # without it, 2026-12-05 review)
        force = " with --force" if terms * bits > SUM_WORK_WITHOUT_FORCE else ""
        where = (f"`memcap count sauer` / `memcap count cover` compute such sums{force} "
                 "(count cover takes at most 10^6 points)"
                 if terms * bits <= SUM_WORK_FORCED
                 and binomial_sum_bits(a, lo, hi) <= MAX_COUNT_BITS else
                 "more than memcap computes exactly, even `memcap count` with --force")
        raise _TooLong(f"Σ binom({a}, k) takes {terms:,} steps on binomials of up to "
                       f"{bits:,} bits: seconds or more; {where}")

    coefficient = Fraction(1)
    for f in rest:
        coefficient *= Fraction(_walk(f, env))
    return _num(coefficient * binomial_sum(a, lo, hi))


def exact_parameters(params: dict, integers: bool = False) -> dict[str, int | Fraction]:
    """``params`` as exact numbers: every integer type (numpy's, sympy's) as ``int``, every
    rational as ``Fraction``; a bool, float or other value raises
    :class:`~capacity.errors.UsageError`, and so does a non-integer with ``integers`` (the
    sizes an implicit bound's solver takes: some truncated M = 5.7 to 5 while others refused
    it, 2026-12-04 review).

    Examples
    --------
    >>> import numpy as np
    >>> exact_parameters({"M": np.int64(5), "kappa": Fraction(1, 2)})
    {'M': 5, 'kappa': Fraction(1, 2)}
    >>> exact_parameters({"M": 5.7}, integers=True)
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: parameter M must be an integer, got 5.7
    """
    env = {}
    for k, v in params.items():
        if isinstance(v, bool) or not isinstance(v, numbers.Rational | sympy.Rational) or (
                integers and v != int(v)):
            # a float would be truncated (n = 10.9 became 10) or made inexact
            kind = "an integer" if integers else "an integer or a Fraction"
            raise UsageError(f"parameter {k} must be {kind}, got {v!r}")
        env[k] = (int(v) if isinstance(v, numbers.Integral | sympy.Integer) or integers
                  else Fraction(int(v.numerator), int(v.denominator)))
    return env


def exact_value(expr: sympy.Expr, params: dict) -> int | Fraction | sympy.Expr:
    """The exact value of ``expr`` at integer ``params`` (symbol name -> int).

    Returns an ``int`` or ``Fraction`` when the value is rational, otherwise sympy's exact
    irrational value (e.g. ``4*sqrt(6)``).

    Parameters
    ----------
    expr : sympy.Expr
        The expression, in symbols named as the keys of ``params``.
    params : dict
        Symbol name -> int or Fraction (a bool, float or other value raises
        :class:`~capacity.errors.UsageError`); a symbol of ``expr`` missing here raises too.

    Returns
    -------
    int, Fraction or sympy.Expr
        The exact value; an irrational one of more than 2^24 bits is refused.

    Examples
    --------
    >>> from capacity.symbols import n, d
    >>> exact_value(sympy.ceiling(n / d), {"n": 10, "d": 3})
    4
    >>> exact_value(2 * sympy.sqrt(n), {"n": 6})
    2*sqrt(6)
    """
    env = exact_parameters(params)
    try:
        return _walk(expr, env)
    except _NotRational:
        subs = {s: params[s.name] for s in expr.free_symbols if s.name in params}
        missing = [s.name for s in expr.free_symbols if s.name not in params]
        if missing:
            raise UsageError(f"missing value for {', '.join(sorted(missing))}") from None
        # the exact irrational value may hold huge integers ((e·m)^E holds m^E): estimate its
        # size in floating point first (mpmath: no exact integers) and refuse as the exact path
        try:
            approx = expr.evalf(15, subs=subs)
        except ZeroDivisionError:  # log(x)/log(1): mpmath's bare ZeroDivisionError (audit)
            raise UsageError(f"{sympy.sstr(expr)} is undefined at these values (a division "
                             "by zero)") from None
        if approx.is_number and approx.is_finite and approx != 0 and abs(
                sympy.log(abs(approx), 2).evalf(15)) > _MAX_BITS:
            raise _TooLarge(f"value {sympy.sstr(expr)} has more than 2^24 bits; report its "
                            "log2") from None
        value = expr.subs(subs).doit()
        if value.has(sympy.zoo, sympy.nan):  # log(0): complex infinity is no value
            raise UsageError(f"{sympy.sstr(expr)} is undefined at these values "
                             f"({value})") from None
        if isinstance(value, sympy.Rational):  # a rational root (sqrt(4)): an int or Fraction,
            # as documented (sympy's Integer(2) was written to JSON as the string "2")
            return _walk(value, {})
        return value


def format_number(x: int | Fraction | sympy.Expr, max_digits: int = 24) -> str:
    """Show an exact number compactly: small ints in full, powers of two as 2^k, else ≈ 2^k.

    Parameters
    ----------
    x : int, Fraction or sympy.Expr
        The exact number to show.
    max_digits : int, default 24
        Longest int or fraction (in decimal digits, both parts together) shown in full; longer
        ones, and expressions holding an integer of more than ``4 * max_digits`` bits, are
        shown as ≈ 2^k.

    Returns
    -------
    str
        The text; an irrational value has its 12-digit approximation appended after ``≈``.

    Examples
    --------
    >>> format_number(1 << 4096), format_number(12345), format_number(Fraction(7, 2))
    ('2^4096', '12345', '7/2')
    >>> format_number(10**30 + 8)
    '≈ 2^99.657843 (100 bits)'
    >>> format_number(Fraction(10**5000 + 1, 2))
    '≈ 2^16608.640474 (a ratio of 16610- and 2-bit integers)'
    >>> format_number(Fraction(10**20 + 1, 3 * 10**20))
    '≈ 0.333333333333 (a ratio of 67- and 69-bit integers)'
    >>> format_number(2 * sympy.log(10 * sympy.E, 2))
    '2*log(10*e)/log(2) ≈ 9.52924627155'
    >>> format_number((100 * sympy.E) ** 1000)  # a 6 644-bit integer times e^1000
    '≈ 2^8086.551231 (irrational)'
    >>> format_number(sympy.exp(sympy.Rational(1, 10**40)))
    '≈ 1.00000000000 (exact form too long to print)'
    """
    if isinstance(x, int):
        if x > 0 and x & (x - 1) == 0 and x.bit_length() > 20:
            return f"2^{x.bit_length() - 1}"
        if x.bit_length() < 4 * max_digits:  # int_text: str is quadratic (4·10^6 bits, 20 s)
            text = int_text(x)
            if len(text) - (x < 0) <= max_digits:
                return text
        # log2 to 6 decimals (math.log2 reads a long int exactly enough): "≈ 2^99" for 10^30 + 8
        # was off by a factor of 1.6 (2026-12-03 audit)
        return f"≈ {'-' if x < 0 else ''}2^{math.log2(abs(x)):.6f} ({x.bit_length()} bits)"
    if isinstance(x, Fraction):  # as an int: in full while short, else ≈ 2^k (str() raised
        num, den = x.numerator, x.denominator  # past 4 300 digits, 2026-12-06 review)
        bits = max(num.bit_length(), den.bit_length())
        if bits < 4 * max_digits:
            text = f"{int_text(num)}/{int_text(den)}"
            if len(text) - (num < 0) - 1 <= max_digits:
                return text
        if bits <= 4096:  # 12 digits say more than a log2 of about 0 (2026-12-06 review)
            return (f"≈ {sympy.N(sympy.Rational(num, den), 12)} (a ratio of "
                    f"{num.bit_length()}- and {den.bit_length()}-bit integers)")
        return (f"≈ {'-' if num < 0 else ''}2^{math.log2(abs(num)) - math.log2(den):.6f} "
                f"(a ratio of {num.bit_length()}- and {den.bit_length()}-bit integers)")
    if x.is_number and any(abs(int(a)).bit_length() > 4 * max_digits
                           for a in x.atoms(sympy.Integer)):  # too long to print in full
        sign = "-" if x.is_extended_negative else ""  # −10^200·√2 was shown as ≈ 2^664.9
        return f"≈ {sign}2^{float(sympy.log(abs(x), 2).evalf(15)):.6f} (irrational)"
    if x.is_number and any(max(abs(int(a.p)), int(a.q)).bit_length() > 4 * max_digits
                           for a in x.atoms(sympy.Rational)):  # a long fraction inside (Gardner
        # at κ = 10^-1000 printed 316 KB, 2026-12-06 diff review)
        return f"≈ {sympy.N(x, 12)} (exact form too long to print)"
    text = _Printer().doprint(x)
    if x.is_number and not x.is_Rational:
        text += f" ≈ {sympy.N(x, 12)}"  # display aid only; the exact value is the text before
    return text


class _Printer(StrPrinter):
    """sympy's str printer, but Euler's number prints as ``e`` (``E`` is the edges symbol) and
    integers of any length print in full, in subquadratic time (:func:`int_text`: sympy's
    ``str`` of an integer of more than 4 300 digits raised ValueError, status 70 in ``bounds
    --json``, 2026-12-05 review)."""

    def _print_Exp1(self, expr):  # noqa: N802 - sympy's printer protocol
        return "e"

    def _print_Integer(self, expr):  # noqa: N802
        return int_text(int(expr))

    def _print_Rational(self, expr):  # noqa: N802
        if expr.q == 1:
            return int_text(int(expr.p))
        return f"{int_text(int(expr.p))}/{int_text(int(expr.q))}"


class _ExactPrinter(_Printer):
    """:class:`_Printer` whose text ``sympy.sympify`` reads back: Euler's number as ``exp(1)``
    (``e`` reads as a symbol, and sympy's own ``E`` is memcap's edges symbol)."""

    def _print_Exp1(self, expr):  # noqa: N802
        return "exp(1)"


def exact_text(x: sympy.Expr) -> str:
    """The exact text of a sympy number that ``sympy.sympify`` reads back to the same value:
    integers in full (any length), Euler's number as ``exp(1)``.

    Parameters
    ----------
    x : sympy.Expr
        The value.

    Returns
    -------
    str
        Its text.

    Examples
    --------
    >>> exact_text(20 * sympy.log(2 * sympy.E) / sympy.log(2))
    '20*log(2*exp(1))/log(2)'
    >>> len(exact_text(10 ** sympy.Integer(5000) * sympy.E))  # 5 001 digits and "*exp(1)"
    5008
    >>> x = 3 ** sympy.Integer(100) * sympy.E / 7
    >>> sympy.sympify(exact_text(x)) == x
    True
    """
    return _ExactPrinter().doprint(x)


@dataclass(frozen=True)
class Evaluation:
    """A bound at concrete parameters.

    ``value`` is exact (int, Fraction or sympy expression), ``rounded`` the integer the bound
    implies for a count (lower bounds round up, upper bounds down), ``order`` the O/Ω/Θ text for
    order-only bounds, ``note`` why there is no value (missing parameter, hypothesis not met).

    Examples
    --------
    >>> from capacity.registry import get_bound
    >>> e = evaluate_bound(get_bound("info.boolean-params.collins-5"), {"M": 5, "N": 1})
    >>> e.value, e.rounded, e.shown   # 2^5 bits at 5 bits per parameter, rounded up
    (Fraction(32, 5), 7, '7 (exact 32/5)')
    >>> evaluate_bound(get_bound("baum1988"), {"M": 5}).shown   # no value: the note says why
    '— (needs --points, --d-in)'
    """

    bound: Bound
    value: object = None
    rounded: int | None = None
    order: str | None = None
    note: str | None = None

    @property
    def shown(self) -> str:
        """The value column as printed."""
        if self.order is not None:
            return self.order
        if self.note is not None:
            return f"— ({self.note})"
        if self.rounded is not None and self.rounded != self.value:
            return f"{format_number(self.rounded)} (exact {format_number(self.value)})"
        return format_number(self.value)


def _round(bound: Bound, value) -> int | None:
    if not bound.integral:
        return None
    if isinstance(value, int):
        return value
    v = sympy.Rational(value.numerator, value.denominator) if isinstance(value, Fraction) else value
    if bound.direction not in ("lower", "upper", "anchor"):
        return None
    up = bound.direction in ("lower", "anchor")  # an anchor: the parameters that many bits need
    if not v.is_Rational and abs(v.evalf(15)) > 10**30:
        # sympy's floor of a huge irrational value can run for hours (2E·log2(16E) at
        # E = 7·10^300 + 1, 2026-12-02 review): evaluate it numerically with guard digits first
        wide = _round_wide(v, up)
        if wide is not None:
            return wide
    try:
        return int(sympy.ceiling(v) if up else sympy.floor(v))
    except PrecisionExhausted:  # huge arguments (--edges 10^110): status 70 before 2026-12-01
        return _round_wide(v, up)


def _round_wide(v, up: bool) -> int | None:
    """Ceiling (``up``) or floor of a real expression too large for sympy's default precision:
    evaluated with 50 digits beyond its magnitude, and taken only when the fractional part is
    clearly away from an integer (else None: no rounded value is shown, the exact one is).

    Examples
    --------
    >>> x = sympy.sqrt(2) * sympy.Integer(10) ** 120
    >>> _round_wide(x, False) == int(str(sympy.floor(x.evalf(200))).split(".")[0])
    True
    """
    magnitude = abs(v.evalf(15))
    digits = 50 + (int(sympy.log(magnitude, 10).evalf(15)) if magnitude > 1 else 0)
    approx = v.evalf(digits)
    whole = int(sympy.floor(approx))
    fraction = approx - whole
    if not sympy.Float("1e-30") < fraction < 1 - sympy.Float("1e-30"):
        return None
    return whole + 1 if up else whole


def evaluate_bound(bound: Bound, params: dict) -> Evaluation:
    """Evaluate ``bound`` exactly at ``params`` (symbol name -> int).

    Missing parameters or unmet hypotheses give an :class:`Evaluation` with a ``note`` instead
    of a value; order-only bounds give their order.

    Parameters
    ----------
    bound : Bound
        The bound to evaluate: an exact ``expr``, an implicit ``solver`` (called with the
        bound's variables as keywords) or an order-only bound.
    params : dict
        Symbol name -> value; only the names in ``bound.variables`` are used, and expression
        values must be ints or Fractions (:func:`exact_value`).

    Returns
    -------
    Evaluation
        With ``value`` and ``rounded``, or ``order``, or a ``note`` saying why there is no value.

    Examples
    --------
    >>> from capacity.registry import get_bound
    >>> evaluate_bound(get_bound("uml.thm20.2"), {"M": 5}).shown
    'Ω(2^(M/3))'
    >>> evaluate_bound(get_bound("baum1988"), {"M": 5}).note
    'needs --points, --d-in'
    >>> evaluate_bound(get_bound("uml.thm20.6-vc-lean"), {"E": 4}).rounded
    48
    """
    # the bound's own variables that are given, checked (and made exact) before its hypotheses
    # read them: one rule for every bound, instead of each solver's own (int(), isinstance int,
    # or none); an order's too (M = "x" or NaN returned its Ω text, 2026-12-05 API review)
    given = [v for v in bound.variables if v in params]
    params = {**params, **exact_parameters({v: params[v] for v in given},
                                           integers=bound.kind == "implicit")}
    for v in given:  # each symbol's range (capacity.symbols), as the CLI's options
        value, least = params[v], SYMBOL_LEAST.get(v, 0)
        if (v in SYMBOL_LEAST and value != int(value)) or value < least:
            kind = "an integer >= " if v in SYMBOL_LEAST else "a number >= "
            raise UsageError(f"parameter {v} must be {kind}{least}, got {value}")
    if bound.kind == "order":  # an order is shown only where its hypotheses hold
        reason = bound.applies(params) if bound.applies is not None else None
        return Evaluation(bound, note=reason) if reason else Evaluation(bound, order=bound.order)
    missing = [v for v in bound.variables if v not in params]
    if missing:
        return Evaluation(bound, note="needs " + ", ".join(SYMBOL_HELP[v][0] for v in missing))
    if bound.applies is not None:
        reason = bound.applies(params)
        if reason:
            return Evaluation(bound, note=reason)
    if bound.kind == "implicit":
        kwargs = {v: params[v] for v in bound.variables}
        if kwargs.get("M", 0) > MAX_SOLVER_INPUTS:  # M = 10^30: OverflowError in gated's
            # 2^(M-5), and hall's search filled memory at M = 10^6 (2026-12-05 API review)
            return Evaluation(bound, note=f"not evaluated: M above {MAX_SOLVER_INPUTS}, the "
                                          "largest the solvers take (hall's takes about 1 s "
                                          "at M = 1 000 and grows faster than M^2)")
        value = bound.solver(**kwargs)
        return Evaluation(bound, value=value, rounded=value)
    try:
        value = exact_value(bound.expr, {k: params[k] for k in bound.variables})
    except _TooLarge:  # this bound only: the listing goes on (it aborted, 2026-12-02 review)
        return Evaluation(bound, note="over 2^(2^24): too large to write exactly")
    except _TooLong as exc:  # likewise: the other bounds are still shown
        return Evaluation(bound, note=f"not evaluated: {exc}")
    return Evaluation(bound, value=value, rounded=_round(bound, value))
