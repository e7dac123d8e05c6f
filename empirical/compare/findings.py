"""What a compare result says, in words, computed from its numbers (no torch, no I/O).

Each finding is one markdown sentence. The words distinguish what is *proven* (lower bounds,
verified constructions), what is *measured* (trained sizes: a bracket and a success rate with a
Wilson interval, for this step budget and lr grid) and what is an *anchor* (bits per parameter
reported by others, not theorems).

Examples
--------
>>> bits_per_parameter_range({"information_bits": 64, "needed": {"parameters": 56},
...                           "bracket": {"parameters": 47}})
(1.1428571428571428, 1.3333333333333333)
"""

from __future__ import annotations

import math

__all__ = ["bits_per_parameter_range", "depth_verdict", "findings", "growth_slopes"]


def bits_per_parameter_range(trained: dict) -> tuple[float, float] | None:
    """Bits per parameter implied by a search's bracket: the needed parameter count P* lies in
    ``(bracket, needed]``, so bits/P* lies in ``[bits/needed, bits/(bracket + 1)]``.

    The upper end is ``inf``-free: with no failing size below (width 1 passed) it equals the lower.

    Examples
    --------
    >>> bits_per_parameter_range({"information_bits": 10, "needed": None, "bracket": None})
    """
    needed = trained.get("needed")
    if not needed:
        return None
    bits = float(trained["information_bits"])
    lo = bits / needed["parameters"]
    below = trained.get("bracket")
    hi = bits / (below["parameters"] + 1) if below else lo
    return lo, hi


def growth_slopes(rows: list[dict], min_inputs: int = 4) -> dict[str, float | None]:
    """Least-squares slope a of log2(hidden units) ≈ a·M + b over M ≥ ``min_inputs``, per series.

    A slope of 1 is 2^M growth, 0.5 is 2^(M/2) (depth3's), 0 is constant.

    Examples
    --------
    >>> rows = [{"M": m, "lower": {"counting.any-depth": 2 ** m + 1, "counting.one-hidden-layer":
    ...          1}, "constructions": {}, "trained": {}} for m in range(4, 8)]
    >>> round(growth_slopes(rows)["lower bound, any depth (neurons)"], 2)
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

    use = [r for r in rows if r["M"] >= min_inputs]
    series = {
        "lower bound, any depth (neurons)": [(r["M"], r["lower"]["counting.any-depth"])
                                             for r in use],
        "lower bound, one hidden layer (neurons)": [
            (r["M"], r["lower"]["counting.one-hidden-layer"]) for r in use],
    }
    for method in ("lookup", "dnf", "depth3", "auto"):
        pts = [(r["M"], r["constructions"][method]["hidden"]["median"]) for r in use
               if method in r["constructions"]]
        if pts:
            series[f"{method} construction (hidden, median)"] = pts
    families = sorted({f for r in use for f in r["trained"]})
    for fam in families:
        pts = [(r["M"], r["trained"][fam]["needed"]["hidden"]) for r in use
               if fam in r["trained"] and r["trained"][fam]["needed"]]
        series[f"GD, {fam[5:]} hidden layer(s) (hidden)"] = pts
    return {name: slope(pts) for name, pts in series.items()}


def depth_verdict(by_depth: dict) -> tuple[list[int], str]:
    """Order depths by the parameters GD needed, and say whether the brackets separate them.

    Depth a is *clearly* cheaper than b when a's passing budget is at most b's failing budget.

    Examples
    --------
    >>> t = lambda need, below: {"needed": {"parameters": need}, "bracket": {"parameters": below}}
    >>> order, words = depth_verdict({1: t(100, 90), 2: t(80, 70), 3: t(95, 75)})
    >>> order, words.endswith("does not separate it from depth 3")
    ([2, 3, 1], True)
    >>> depth_verdict({1: t(100, 90), 2: t(60, 50)})[1].startswith("depth 2 needed the fewest "
    ...                                                          "parameters, clearly")
    True
    """
    found = {d: t for d, t in by_depth.items() if t.get("needed")}
    if not found:
        return [], "no depth reached the success rate within the budget"
    order = sorted(found, key=lambda d: (found[d]["needed"]["parameters"], d))
    best = order[0]
    need = found[best]["needed"]["parameters"]
    rivals = [d for d in order[1:]
              if not (found[d].get("bracket") and need <= found[d]["bracket"]["parameters"])]
    if not rivals:
        return order, (f"depth {best} needed the fewest parameters, clearly (its passing budget "
                       f"{need} is at most the failing budget of every other depth)")
    names = ", ".join(str(d) for d in rivals)
    return order, (f"depth {best} needed the fewest parameters; its bracket does not separate it "
                   f"from depth {names}")


def _fmt(x: float | None, digits: int = 2) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def findings(result: dict) -> list[str]:
    """The markdown sentences summarising a compare result.

    Examples
    --------
    >>> from empirical.compare.compute import CompareConfig, run_compare
    >>> res = run_compare(CompareConfig(inputs=(1, 2, 3), samples=2, train=False))
    >>> findings(res)[0].startswith("**Consistency.**")
    True
    """
    rows = result["rows"]
    out: list[str] = []
    n_nets = sum(c["verified"] for r in rows for c in r["constructions"].values())
    if result["violations"]:
        out.append("**Consistency.** VIOLATIONS: " + "; ".join(result["violations"]))
    else:
        searches = ([t for r in rows for t in r["trained"].values()]
                    + [t for d in result.get("depth_comparison", [])
                       for t in d["by_depth"].values()]
                    + [p["trained"] for p in result.get("random_labels", [])])
        bumps = sum(len(t.get("violations") or []) for t in searches)
        out.append(f"**Consistency.** All {n_nets} sampled constructions verified exactly on "
                   "every input; no construction's worst case is below a proven lower bound"
                   + ("; every trained size is a bracket with a Wilson interval; "
                      + ("no measured size above a needed size failed in any of the "
                         f"{len(searches)} searches." if not bumps else
                         f"{bumps} measured size(s) above a needed size failed (listed under "
                         "`violations` in compare.json): success is only statistically "
                         "monotone in size.") if searches else "."))
    top = rows[-1]
    lw = top["lower"]
    auto = top["constructions"].get("auto")
    line = (f"**M = {top['M']}** ({top['information_bits']} bits per map): any sign network "
            f"realising every map needs ≥ {lw['counting.any-depth']} neurons (one hidden layer: ≥ "
            f"{lw['counting.one-hidden-layer']}; proven, counting)")
    if auto:
        line += (f"; the smallest verified construction used a median "
                 f"{auto['hidden']['median']} hidden units ({', '.join(auto['variants'])})")
    for fam, t in sorted(top["trained"].items()):
        if t["needed"]:
            br = t["bracket"]["width"] if t["bracket"] else 0
            rng = bits_per_parameter_range(t)
            line += (f"; gradient descent with {fam[5:]} hidden layer(s) of ReLU units needed "
                     f"width {t['needed']['width']} (width {br} failed; measured), "
                     f"{t['needed']['parameters']} parameters, {_fmt(rng[0])}–{_fmt(rng[1])} "
                     f"bits/parameter")
        else:
            line += f"; GD with {fam[5:]} hidden layer(s) found no size ≤ {t['max_size']}"
    out.append(line + ".")
    slopes = growth_slopes(rows)
    usable = {k: v for k, v in slopes.items() if v is not None}
    if usable:
        line = ("**Growth with M** (slope a of log2(size) ≈ a·M + b over M ≥ 4; a = 1 is 2^M, "
                "0.5 is 2^(M/2)): " + "; ".join(f"{k} {v:.2f}" for k, v in usable.items())
                + ". Asymptotically the any-depth counting bound grows like √(2^M/M), the "
                "one-hidden-layer one like 2^M/M², depth3 like 2^(M/2) and lookup like 2^M; "
                "over this small range the slopes are only indicative.")
        bpp = [(r["M"], r["trained"]["depth1"]) for r in rows if r["M"] >= 4
               and r["trained"].get("depth1", {}).get("needed")]
        if len(bpp) >= 2:
            (m0, t0), (m1, t1) = bpp[0], bpp[-1]
            line += (f" GD's bits per parameter (one hidden layer) went from "
                     f"{t0['bits_per_parameter']:.2f} at M = {m0} to "
                     f"{t1['bits_per_parameter']:.2f} at M = {m1}; if it levels off, the width "
                     "GD needs grows like 2^M/(M+3) (a width-w layer has (M+3)·w + 2 "
                     "parameters).")
        out.append(line)
    both = [(r["M"], r["trained"]["depth1"]["needed"]["parameters"],
             r["trained"]["depth2"]["needed"]["parameters"]) for r in rows
            if r["trained"].get("depth1", {}).get("needed")
            and r["trained"].get("depth2", {}).get("needed")]
    if both:
        fewer2 = [m for m, p1, p2 in both if p2 < p1]
        smaller2 = [r["M"] for r in rows if r["trained"].get("depth1", {}).get("needed")
                    and r["trained"].get("depth2", {}).get("needed")
                    and r["trained"]["depth2"]["needed"]["hidden"]
                    < r["trained"]["depth1"]["needed"]["hidden"]]
        ratios = ", ".join(f"M = {m}: {p2 / p1:.2f}" for m, p1, p2 in both if m >= 6)
        out.append("**One vs two hidden layers** (width searches, measured): two hidden layers "
                   "needed " + (f"fewer parameters than one at M = "
                                f"{', '.join(map(str, fewer2))} and more elsewhere"
                                if fewer2 else "more parameters than one at every M")
                   + (f"; parameter ratio two/one {ratios}" if ratios else "")
                   + ". In hidden units two layers were "
                   + (f"smaller at M = {', '.join(map(str, smaller2))}" if smaller2
                      else "never smaller") + ".")
    for d in result.get("depth_comparison", []):
        order, verdict = depth_verdict(d["by_depth"])
        parts = []
        for depth in sorted(d["by_depth"]):
            t = d["by_depth"][depth]
            if t["needed"]:
                below = t["bracket"]["parameters"] if t["bracket"] else 0
                parts.append(f"depth {depth}: {t['needed']['parameters']} parameters (width "
                             f"{t['needed']['width']}; {below} failed; rate "
                             f"{t['needed']['successes']}/{t['needed']['trials']}, lr "
                             f"{t['needed']['best_lr']:g})")
            else:
                parts.append(f"depth {depth}: not found ≤ {t['max_size']} parameters")
        out.append(f"**Which topology GD finds easier (M = {d['M']}, equal parameter budgets, "
                   f"measured):** " + "; ".join(parts) + f". {verdict.capitalize()}.")
    pts = result.get("random_labels", [])
    if pts:
        parts = []
        for p in pts:
            rng = bits_per_parameter_range(p["trained"])
            if rng:
                parts.append(f"n = {p['n']}: {p['trained']['needed']['parameters']} parameters, "
                             f"{_fmt(rng[0])}–{_fmt(rng[1])} bits/parameter")
            else:
                parts.append(f"n = {p['n']}: not found")
        out.append("**Random labels** (one hidden layer, V = "
                   f"{pts[0]['classes']}, d = {pts[0]['d_in']}; measured): " + "; ".join(parts)
                   + ". Anchors (not theorems): Cover's 2 bits/parameter is a theorem for one "
                   "threshold unit; 3.6 (Morris et al. 2025, transformers) and 5 (Collins et al. "
                   "2017, RNNs) are reported measurements of other models and training budgets.")
    return out
