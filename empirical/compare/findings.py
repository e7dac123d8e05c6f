"""What a compare result says, in words, computed from its numbers (no torch, no I/O).

Each finding is one markdown sentence. The words distinguish what is *proven* (lower bounds,
verified constructions), what is *measured* (trained sizes: a bracket and a success rate with a
Wilson interval, for this step budget and lr grid) and what is an *anchor* (bits per parameter
reported by others, not theorems).

Examples
--------
>>> from empirical.compare.compute import run_compare
>>> from empirical.compare.config import CompareConfig
>>> findings(run_compare(CompareConfig(inputs=(1, 2), samples=1, train=False)))[2][:9]
'**M = 2**'
"""

from __future__ import annotations

import math

from empirical.compare.result import CompareResult, CompareRow, TrainedSize
from empirical.compare.rows import best_lower
from empirical.engine.parameters import count_parameters

__all__ = ["depth_verdict", "findings", "growth_slopes"]


def growth_slopes(rows: list[CompareRow], min_inputs: int = 4) -> dict[str, float | None]:
    """Least-squares slope a of log2(neurons) ≈ a·M + b over M ≥ ``min_inputs``, per series
    (lower bounds and constructions in neurons, GD as hidden units + N).

    A slope of 1 is 2^M growth, 0.5 is 2^(M/2) (depth3's), 0 is constant.

    Parameters
    ----------
    rows : list of CompareRow
        The comparison's rows.
    min_inputs : int, optional
        Only rows with M at least this enter the fits (default 4).

    Returns
    -------
    dict of str to float or None
        The slope per series name; None where fewer than 3 positive points (or one M) remain.

    Examples
    --------
    >>> rows = [CompareRow(M=m, N=1, information_bits=2 ** m, lower={"counting.any-depth":
    ...          2 ** m + 1, "counting.one-hidden-layer": 1}, constructions={}, worst_case={})
    ...         for m in range(4, 8)]
    >>> round(growth_slopes(rows)["counting lower bound, any depth (neurons)"], 2)
    0.97
    """
    def slope(points):
        pts = [(x, math.log2(y)) for x, y in points if y and y > 0]
        if len(pts) < 3:
            return None
        mx = sum(p[0] for p in pts) / len(pts)
        my = sum(p[1] for p in pts) / len(pts)
        den = sum((p[0] - mx) ** 2 for p in pts)
        return sum((p[0] - mx) * (p[1] - my) for p in pts) / den if den else None

    use = [r for r in rows if r.M >= min_inputs]
    series = {
        # the counting bounds (their asymptotics are quoted below), not the "≥" columns' best
        # proven bound, which adds the exact M = 5 values (2026-12-03 audit: the label said
        # "lower bound" beside a table whose lower-bound column is the best one)
        "counting lower bound, any depth (neurons)": [
            (r.M, r.lower["counting.any-depth"]) for r in use],
        "counting lower bound, one hidden layer (neurons)": [
            (r.M, r.lower["counting.one-hidden-layer"]) for r in use],
    }
    # every series in neurons (GD: hidden + N, as the neurons figure plots it): at these small
    # sizes the N output neurons move the slopes, so units may not be mixed (2026-12-01 audit)
    for method in ("lookup", "dnf", "depth3", "auto"):
        pts = [(r.M, r.constructions[method].neurons.median) for r in use
               if method in r.constructions]
        if pts:
            series[f"{method} construction (neurons, median)"] = pts
    families = sorted({f for r in use for f in r.trained})
    for fam in families:
        pts = [(r.M, r.trained[fam].needed.hidden + r.N) for r in use
               if fam in r.trained and r.trained[fam].needed]
        series[f"GD, {fam[5:]} hidden layer(s) (hidden + N)"] = pts
    return {name: slope(pts) for name, pts in series.items()}


def depth_verdict(by_depth: dict[int, TrainedSize]) -> tuple[list[int], str]:
    """Order depths by the parameters GD needed, and say whether the brackets separate them.

    Depth a's bracket *separates* it from b when a's passing budget is at most b's failing
    budget. That is a statement about pass and fail at the measured budgets, not a significance
    test: with 3–5 trials the Wilson intervals of the two rates usually overlap, and the
    verdict says whether they do.

    Examples
    --------
    >>> from empirical.compare.result import TrainedCandidate
    >>> c = lambda p: TrainedCandidate(p, 1, 1, p, 1, 1, 1.0, (0.0, 1.0), 0.01, None)
    >>> t = lambda need, below: TrainedSize(1, "parameters", True, c(need), c(below), None, 64,
    ...                                     [], [], 1, 9999, [], 0.0)
    >>> order, words = depth_verdict({1: t(100, 90), 2: t(80, 70), 3: t(95, 75)})
    >>> order, words.endswith("does not separate it from depth 3")
    ([2, 3, 1], True)
    >>> depth_verdict({1: t(100, 90), 2: t(60, 50)})[1].startswith("depth 2 needed the fewest "
    ...                                                          "parameters, bracket-separated")
    True
    >>> depth_verdict({2: t(60, 50)})   # one depth: nothing to rank
    ([2], 'only depth 2 was compared: 60 parameters, nothing to rank')
    """
    found = {d: t for d, t in by_depth.items() if t.needed}
    lost = sorted(d for d, t in by_depth.items() if t.diverged)
    if lost:  # a depth whose training diverged has no size: it is neither better nor worse
        order, words = depth_verdict({d: t for d, t in by_depth.items() if not t.diverged})
        note = (f"depth {', '.join(map(str, lost))} diverged (every trial at the largest "
                "budget tried), so not compared")
        return order, note if len(lost) == len(by_depth) else f"{words}; {note}"
    if not found:
        return [], "no depth reached the success rate within the budget"
    if len(by_depth) == 1:  # "needed the fewest ..., bracket-separated" with no rival (review)
        (depth, t), = by_depth.items()
        return [depth], (f"only depth {depth} was compared: {t.needed.parameters} parameters, "
                         "nothing to rank")
    order = sorted(found, key=lambda d: (found[d].needed.parameters, d))
    best = order[0]
    need = found[best].needed.parameters
    rivals = [d for d in order[1:] if not _ordered(found[best], found[d])]
    if not rivals:
        lo = found[best].needed.interval[0]  # the passing rate's lower Wilson end
        # every other depth's failing size: its bracket, or (nothing found) its largest size
        # tried; the not-found ones were left out and the text claimed no overlap (review)
        failing = {d: (t.bracket if t.needed else
                       max(t.candidates, key=lambda c: c.parameters, default=None))
                   for d, t in sorted(by_depth.items()) if d != best}
        rated = [d for d in [*order[1:], *(d for d in failing if d not in found)]
                 if failing[d] is not None]
        overlap = [d for d in rated if failing[d].interval[1] >= lo]
        words = ("the Wilson intervals of the rates overlap for depth "
                 + ", ".join(str(d) for d in overlap) + ", so this is not significant"
                 if overlap else "and the Wilson intervals of the rates do not overlap"
                 if rated else "no other depth has a failing rate to compare")
        return order, (f"depth {best} needed the fewest parameters, bracket-separated (its "
                       f"passing budget {need} is at most the failing budget of every other "
                       f"depth; {words})")
    names = ", ".join(str(d) for d in rivals)
    return order, (f"depth {best} needed the fewest parameters; its bracket does not separate it "
                   f"from depth {names}")


def _brackets(searches) -> str:
    """Whether every trained size is a bracket (a failing size below it), in words."""
    found = [t for t in searches if t.needed]
    missing = len(searches) - len(found)
    if not found:  # "every trained size is a bracket" of none (compare review, 2026-12-04)
        return (f"no search found a size ({missing} search(es) reached no passing size up to "
                "their ceiling), so no trained size is bracketed")
    none_note = (f" ({missing} search(es) found no passing size up to their ceiling)"
                 if missing else "")
    open_below = sum(1 for t in found if t.bracket is None)
    if not open_below:
        return "every trained size found is a bracket with a Wilson interval" + none_note
    return (f"every trained size found has a Wilson interval, and all but {open_below} are "
            f"brackets ({open_below} passed at the smallest size tried, with no failing size "
            f"below){none_note}")


def _needed(row: CompareRow, family: str):
    """The needed size of ``family`` at ``row`` (None when not searched or not found)."""
    t = row.trained.get(family)
    return t.needed if t is not None else None


def _ordered(a: TrainedSize, b: TrainedSize) -> bool:
    """Whether the brackets order two trained sizes: the smaller needed budget is at most the
    other's failing budget."""
    lo, hi = sorted((a, b), key=lambda t: t.needed.parameters)
    return hi.bracket is not None and lo.needed.parameters <= hi.bracket.parameters


def _fmt(x: float | None, digits: int = 2) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def _span(rng: tuple[float, float]) -> str:
    """A bits-per-parameter range as the tables show it: one value when both ends print alike
    (the findings said "0.33–0.33", 2026-12-05 review)."""
    lo, hi = _fmt(rng[0]), _fmt(rng[1])
    return lo if lo == hi else f"{lo}–{hi}"


def _count(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless n is 1 ("a median 1 neurons", review)."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def findings(result: CompareResult) -> list[str]:
    """The markdown sentences summarising a compare result.

    Examples
    --------
    >>> from empirical.compare.compute import run_compare
    >>> from empirical.compare.config import CompareConfig
    >>> res = run_compare(CompareConfig(inputs=(1, 2, 3), samples=2, train=False))
    >>> findings(res)[0].startswith("**Consistency.**")
    True
    """
    rows = result.rows
    out: list[str] = []
    n_nets = sum(c.verified for r in rows for c in r.constructions.values())
    if result.violations:
        out.append("**Consistency.** VIOLATIONS: " + "; ".join(result.violations))
    else:
        searches = result.searches()
        bumps = sum(len(t.violations) for t in searches)
        out.append(f"**Consistency.** All {n_nets} sampled constructions verified exactly on "
                   "every input; no construction's worst case is below a proven lower bound"
                   + (f"; {_brackets(searches)}; "
                      + ("no measured size below a failing size passed in any of the "
                         f"{len(searches)} searches (success was monotone in size wherever "
                         "measured)." if not bumps else
                         f"{bumps} measured size(s) below a failing size passed (listed under "
                         "`violations` in compare.json): success is only statistically "
                         "monotone in size.") if searches else "."))
    exact = [r for r in rows if r.lower.get("exact.any-depth") is not None]
    if exact:
        parts = []
        for r in exact:
            part = (f"M = {r.M}: {r.lower['exact.any-depth']} (any depth; counting bound "
                    f"{r.lower['counting.any-depth']})")
            if r.lower.get("exact.one-hidden-layer") is not None:
                part += (f" and {r.lower['exact.one-hidden-layer']} (one hidden layer; counting "
                         f"bound {r.lower['counting.one-hidden-layer']})")
            parts.append(part)
        out.append("**Exact worst cases** (one output, every map, with certificates: "
                   "`memcap minimal` for M ≤ 4, at M = 5 a network for every map and a "
                   "refutation for one in each architecture): " + "; ".join(parts)
                   + ". Where they exceed the counting bounds, the bounds are loose, not the "
                   "constructions.")
    top = rows[-1]
    lw = top.lower
    auto = top.constructions.get("auto")
    any_depth, layered = best_lower(lw), best_lower(lw, "layered")
    counted = (any_depth, layered) == (lw["counting.any-depth"], lw["counting.one-hidden-layer"])
    line = (f"**M = {top.M}** ({top.information_bits} bits per map): any sign network "
            f"realising every map needs ≥ {any_depth} neurons (one hidden layer: ≥ {layered}; "
            + ("proven, counting)" if counted else
               "proven: counting, or the M ≤ 5 worst case, which persists)"))
    if auto:
        line += (f"; on the {_count(auto.samples, 'sampled random map')} the smallest "
                 f"verified construction used a median {_count(auto.neurons.median, 'neuron')} "
                 f"({', '.join(auto.variants)}; one map each, not the worst case)")
    for fam, t in sorted(top.trained.items()):
        if t.needed:
            failed = (f"width {t.bracket.width} failed" if t.bracket
                      else "the smallest width")
            rng = t.bits_per_parameter_range()
            # a 2-logit softmax head equals one logit (their difference): counted as one, the
            # net compares with the constructions' one output as the hardness study counts it
            single = (f" ({count_parameters(top.M, t.needed.width, t.depth, 1)} with the head "
                      "as the one logit it is equivalent to)" if top.N == 1 else "")
            line += (f"; gradient descent with {fam[5:]} hidden layer(s) of ReLU units needed "
                     f"width {t.needed.width} ({failed}; measured), "
                     f"{t.needed.parameters} parameters{single}, {_span(rng)} bits/parameter")
        else:
            line += (f"; GD with {fam[5:]} hidden layer(s) diverged (every trial at the "
                     f"largest size tried, {t.candidates[-1].size})" if t.diverged else
                     f"; GD with {fam[5:]} hidden layer(s) found no size ≤ {t.max_size}")
    out.append(line + ".")
    slopes = growth_slopes(rows)
    usable = {k: v for k, v in slopes.items() if v is not None}
    if usable:
        line = ("**Growth with M** (slope a of log2(size) ≈ a·M + b over M ≥ 4; a = 1 is 2^M, "
                "0.5 is 2^(M/2)): " + "; ".join(f"{k} {v:.2f}" for k, v in usable.items())
                + ". Asymptotically the any-depth counting bound grows like √(2^M/M), the "
                "one-hidden-layer one like 2^M/M², depth3 like 2^(M/2) and lookup like 2^M; "
                "over this small range the slopes are only indicative.")
        bpp = [(r.M, r.trained["depth1"]) for r in rows if r.M >= 4
               and _needed(r, "depth1")]
        if len(bpp) >= 2:
            (m0, t0), (m1, t1) = bpp[0], bpp[-1]
            n_out = rows[0].N
            per_unit, heads = ("M+3", "2") if n_out == 1 else (f"M+{1 + 2 ** n_out}",
                                                             str(2 ** n_out))
            line += (f" GD's bits per parameter (one hidden layer) went from "
                     f"{t0.bits_per_parameter:.2f} at M = {m0} to "
                     f"{t1.bits_per_parameter:.2f} at M = {m1}; if it levels off, the width "
                     f"GD needs grows like {'' if n_out == 1 else f'{n_out}·'}2^M/({per_unit}) "
                     f"(a width-w layer with its {heads}-logit head has ({per_unit})·w + {heads} "
                     "parameters).")
        out.append(line)
    pairs = [r for r in rows if _needed(r, "depth1") and _needed(r, "depth2")]
    both = [(r.M, _needed(r, "depth1").parameters, _needed(r, "depth2").parameters)
            for r in pairs]
    if both:
        fewer2 = [m for m, p1, p2 in both if p2 < p1]
        # needed sizes are point answers; where one layer's passing budget is above two
        # layers' failing budget (or the reverse) the brackets do not order them
        unordered = [r.M for r in pairs if not _ordered(r.trained["depth1"],
                                                       r.trained["depth2"])]
        smaller2 = [r.M for r in pairs
                    if _needed(r, "depth2").hidden < _needed(r, "depth1").hidden]
        ratios = ", ".join(f"M = {m}: {p2 / p1:.2f}" for m, p1, p2 in both if m >= 6)
        searched = [r for r in rows if "depth1" in r.trained and "depth2" in r.trained]
        other = {"depth1": "depth2", "depth2": "depth1"}
        only = {key: [r.M for r in searched if _needed(r, key) and not _needed(r, other[key])
                      and not r.trained[other[key]].diverged]  # a diverged one measured nothing
                for key in ("depth1", "depth2")}
        lost = {key: [r.M for r in searched if _needed(r, key)
                      and r.trained[other[key]].diverged] for key in ("depth1", "depth2")}
        partial = len(both) < len(searched)  # some M lacks one depth's answer
        where = (f"at every M where both reached the success rate "
                 f"(M = {', '.join(str(m) for m, _, _ in both)})" if partial else "at every M")
        # three ways: a tie is neither fewer nor more (it read "more", 2026-12-04 review)
        equal2 = [m for m, p1, p2 in both if p2 == p1]
        more2 = [m for m, p1, p2 in both if p2 > p1]
        verdict = []
        if fewer2:
            verdict.append(f"fewer parameters than one at M = {', '.join(map(str, fewer2))}")
        if equal2:
            verdict.append(("as many" if verdict else "as many parameters as one")
                           + f" at M = {', '.join(map(str, equal2))}")
        if more2:
            verdict.append("more at the other M where both were found" if verdict
                           else f"more parameters than one {where}")
        out.append("**One vs two hidden layers** (width searches, measured): two hidden layers "
                   "needed " + (" and ".join(verdict) if len(verdict) < 3
                                else f"{verdict[0]}, {verdict[1]} and {verdict[2]}")
                   + (f" (needed sizes; the brackets do not order the two at M = "
                      f"{', '.join(map(str, unordered))})" if unordered else
                      " (bracket-separated " + ("wherever both were found)" if partial
                                                else "at every M)"))
                   + (f"; parameter ratio two/one {ratios}" if ratios else "")
                   + ". In hidden units two layers were "
                   + (f"smaller at M = {', '.join(map(str, smaller2))}" if smaller2
                      else "never smaller") + "."
                   + "".join(f" Only {name} reached the success rate at M = "
                             f"{', '.join(map(str, only[key]))} (no size up to the search's "
                             "limit passed with the other)."
                             for key, name in (("depth1", "one hidden layer"),
                                               ("depth2", "two hidden layers")) if only[key])
                   + "".join(f" At M = {', '.join(map(str, lost[key]))} the training with "
                             f"{name} diverged (every trial at the largest size tried), so the "
                             "two are not compared there."
                             for key, name in (("depth2", "one hidden layer"),
                                               ("depth1", "two hidden layers")) if lost[key]))
    for d in result.depth_comparison:
        order, verdict = depth_verdict(d.by_depth)
        parts = []
        for depth in sorted(d.by_depth):
            t = d.by_depth[depth]
            if t.needed:
                below = (f"{t.bracket.parameters} failed" if t.bracket
                         else "the smallest width")
                parts.append(f"depth {depth}: {t.needed.parameters} parameters (width "
                             f"{t.needed.width}; {below}; rate "
                             f"{t.needed.successes}/{t.needed.trials}, lr "
                             f"{t.needed.best_lr:g})")
            else:
                parts.append(f"depth {depth}: {t.not_found('parameters')}")
        out.append(f"**Which topology GD finds easier (M = {d.M}, equal parameter budgets, "
                   f"measured):** " + "; ".join(parts) + f". {verdict[:1].upper() + verdict[1:]}.")
    pts = result.random_labels
    if pts:
        parts = []
        for p in pts:
            rng = p.trained.bits_per_parameter_range()
            if rng:
                parts.append(f"n = {p.n}: {p.trained.needed.parameters} parameters, "
                             f"{_span(rng)} bits/parameter")
            else:
                parts.append(f"n = {p.n}: " + ("diverged" if p.trained.diverged
                                                else "not found"))
        out.append("**Random labels** (one hidden layer, V = "
                   f"{pts[0].classes}, d = {pts[0].d_in}; measured): " + "; ".join(parts)
                   + ". Anchors (reference scales, not lower bounds): 2 bits/parameter is Cover's "
                   "capacity of one threshold unit for binary labels on points in general "
                   "position (2W points at the 50 % point)"
                   + ("" if pts[0].classes == 2 else
                      f"; with V = {pts[0].classes} classes it is a scale only")
                   + "; 3.6 (Morris et al. 2025, GPT-style transformers on random tokens: "
                   "memorised bits estimated from the model's code length, errors allowed) and "
                   "5 (Collins et al. 2017, RNNs: the mutual information b(1 − H2(p)) between "
                   "labels and predictions, with b and the training tuned to maximise it) are "
                   "measured differently from memcap's count of labels at a 100 % fit, on other "
                   "models and training budgets.")
    return out
