"""The exact search's lower bounds at their edges (the 2026-12-07 mutation audit of
constructions/exact/search.py): a restriction bound is the largest minimum over every
restriction to four inputs and names a restriction that has it; the bounds' documented domains
(None below M = 5 or 6, or for several outputs); a weak shipped bound never lowers what the
search has proved."""

import itertools
import re

import numpy as np
import pytest

import constructions.exact.search as search
from capacity.errors import UsageError
from constructions.boolean import BooleanFunction
from constructions.exact.five import FIVE_LOWER_TABLES
from constructions.exact.npn import table_value
from constructions.exact.search import (
    refuted_restriction_bound,
    restriction_bound,
    shipped_lower_bound,
)
from constructions.exact.tables import minimal_neurons

ARCHITECTURES = ("any-depth", "layered")


@pytest.mark.parametrize("arch", ARCHITECTURES)
def test_the_restriction_bound_is_the_worst_restriction_and_names_it(arch):
    """f(x) = parity(x1..x4) where x0 = +1, constant where x0 = −1: the worst restriction is
    x0 = +1 (4-bit parity). The bound is the largest certified 4-input minimum over all 10
    restrictions (recomputed here by hand from the tables), and the restriction its message
    names has that minimum (mutants: a minimum over the free sets, sets without the last input,
    another assignment or a negated one in the message)."""
    m = 5
    row = np.array([bool(i & 1) and bin(i >> 1).count("1") % 2 == 1 for i in range(1 << m)])
    minima = minimal_neurons(4, arch)

    def restricted(free, fixed, bit):  # the minimum of f with x_fixed set (bit 1 is +1)
        table = np.zeros(16, dtype=bool)
        for i in range(16):
            index = sum(((i >> t) & 1) << j for t, j in enumerate(free)) | (bit << fixed)
            table[i] = row[index]
        return int(minima[table_value(table)])

    want = max(restricted(free, fixed, bit)
               for free in itertools.combinations(range(m), 4)
               for fixed in set(range(m)) - set(free) for bit in (0, 1))
    got, why = restriction_bound(BooleanFunction(row[None, :]), arch)
    assert got == want
    named = re.search(r"fixing x(\d) = ([+-]1) leaves", why)
    fixed = int(named.group(1))
    free = [i for i in range(m) if i != fixed]
    assert restricted(free, fixed, 1 if named.group(2) == "+1" else 0) == got


@pytest.mark.parametrize("arch", ARCHITECTURES)
def test_the_lower_bounds_documented_domains(arch):
    """restriction_bound is None below M = 5, refuted_restriction_bound below M = 6 (its own
    refuted five-input table included), shipped_lower_bound for several outputs."""
    assert restriction_bound(BooleanFunction.from_strings("0110100110010110"), arch) is None
    five = BooleanFunction.from_strings(FIVE_LOWER_TABLES[arch])
    assert refuted_restriction_bound(five, arch) is None
    for pair in ("0110,0001", "0110,0110"):
        assert shipped_lower_bound(BooleanFunction.from_strings(pair), arch) is None


def test_a_weak_shipped_bound_never_lowers_a_proven_one(monkeypatch):
    """Five-input parity with the restriction bound replaced by the always-true bound 1: the
    search proves one neuron impossible first, and the bound it reports stays above every size
    its certificate lists as impossible (mutant: the shipped bound replaced the proven one)."""
    parity5 = BooleanFunction.from_strings("".join(str(bin(i).count("1") % 2)
                                                   for i in range(32)))
    monkeypatch.setattr(search, "restriction_bound", lambda f, arch: (1, "a valid weak bound"))
    # 2 s: at 0.05 s a loaded 2-core box left the size-1 solve too little time (2026-12-07)
    result = search.exact_minimum(parity5, "any-depth", time_limit=2.0, workers=1)
    impossible = [p["neurons"] for p in result.certificate()["impossible"]]
    assert 1 in impossible and result.lower > max(impossible)


def test_a_network_the_cut_search_finds_is_kept(monkeypatch):
    """CP-SAT undecided at every size and the cut search returning a verified two-neuron network
    (found beforehand by a real search): the answer is that network, not the four-neuron
    construction (mutant: the cut search's network thrown away)."""
    from types import SimpleNamespace

    f = BooleanFunction.from_strings("01110000000101010011110001000001")
    real = search.exact_minimum(f, "any-depth", time_limit=30, workers=1)
    assert real.lower == real.upper == 2 < search._construction(f, "any-depth").sizes().neurons
    monkeypatch.setattr(search, "solve_size",
                        lambda *a, **k: SimpleNamespace(status="unknown", seconds=0.0))
    monkeypatch.setattr(search, "_shannon_upper", lambda *a, **k: None)
    monkeypatch.setattr(search, "decide_by_cuts", lambda *a, **k: SimpleNamespace(
        status="unknown", network=real.network, seconds=0.0))
    result = search.exact_minimum(f, "any-depth", time_limit=5, workers=1, shipped=False)
    assert result.upper == 2 and result.network.sizes().neurons == 2
    assert result.lower == 1 and result.network.method.startswith("bracket[1,2]:any-depth")


def test_the_certificates_fields():
    """XOR's 1-neuron refutation by CP-SAT names the largest weight bound it used; a two-output
    map's certificate counts hidden units as neurons − 2 and restricts its model to networks in
    which no unit reads an output; a bracket is marked timed out; a proof by cuts adds the cuts'
    note to the encoding (mutants: each field from the wrong source)."""
    xor = search.exact_minimum(BooleanFunction.from_strings("0110"), "any-depth").certificate()
    assert xor["impossible"][0]["by"] == "cp-sat" and "largest bound in a proof" in xor["encoding"]
    assert "'cuts'" not in xor["encoding"] and xor["timed_out"] is False
    pair = search.exact_minimum(BooleanFunction.from_strings("0110,0001"), "any-depth")
    cert = pair.certificate()
    assert cert["hidden"] == pair.upper - 2 and cert["neurons"] == pair.upper
    assert cert["model"].startswith("networks of the architecture in which no unit reads")
    bracket = search.ExactResult("any-depth", pair.network, 2, pair.upper,
                                 ({"neurons": 1, "by": "cuts", "seconds": 0.0},), 1.0, True)
    cert = bracket.certificate()
    assert cert["timed_out"] is True and "sizes marked 'cuts'" in cert["encoding"]
    assert "no solver proof" in cert["encoding"]


def _parity(m):
    return BooleanFunction.from_strings("".join(str(bin(i).count("1") % 2)
                                                for i in range(1 << m)))


def test_the_layered_start_is_built_with_strict_layers_and_a_cut_search_is_timed_out():
    """Six-input parity, layered: the strict 'parity' builder starts at 7 neurons (without
    strict layers the smallest construction that fits has 11, so a short search reported
    [6, 11]); with 0.01 s the bracket stays [6, 7] and the result says it timed out."""
    parity6 = _parity(6)
    start = search._construction(parity6, "layered")
    assert search.fits_arch(start, "layered") and start.sizes().neurons == 7
    result = search.exact_minimum(parity6, "layered", time_limit=0.01, workers=1)
    assert (result.lower, result.upper) == (6, 7) and not result.exact
    assert result.network.method.startswith("bracket[6,7]")
    assert result.timed_out is True and result.certificate()["timed_out"] is True
    xor = search.exact_minimum(BooleanFunction.from_strings("0110"), "any-depth")
    assert xor.exact and xor.timed_out is False


@pytest.mark.parametrize("bad", ["0110", [[0, 1, 1, 0]], None])
def test_the_exact_search_wants_a_boolean_function(bad):
    with pytest.raises(UsageError, match="exact needs a BooleanFunction"):
        search.exact_minimum(bad, "any-depth", time_limit=1)


@pytest.mark.parametrize("table, arch", [("0110", "layered"), ("0110", "any-depth"),
                                         ("01101001", "any-depth")])
def test_progress_names_the_size_the_next_solve_tries(monkeypatch, table, arch):
    """progress(lower, upper, k) is called before each CP-SAT attempt with that attempt's k
    (k + 1 still lay inside the bracket, so the bracket check alone passed)."""
    real, tried, heard = search.solve_size, [], []

    def recording(function, k, *args, **kwargs):
        tried.append(k)
        return real(function, k, *args, **kwargs)

    monkeypatch.setattr(search, "solve_size", recording)
    search.exact_minimum(BooleanFunction.from_strings(table), arch, workers=1, shipped=False,
                         progress=lambda lo, hi, k: heard.append((lo, hi, k)))
    assert tried and [k for _, _, k in heard] == tried
    assert all(lo <= k < hi for lo, hi, k in heard)


def test_the_search_and_its_shannon_step_keep_to_their_time(monkeypatch):
    """A fake clock and solvers that use up to 5 of their seconds: six inputs, 40 s. The whole
    search ends by its deadline (a solver's limit never reaches past it), and each Shannon step
    is given at most 0.4 of what is left and finishes within what it was given, its two
    cofactor searches half each (mutants: the Shannon step or a cofactor given twice its time,
    step 1's attempts given twice the remaining time, the deadline tripled)."""
    from types import SimpleNamespace

    now = [0.0]
    monkeypatch.setattr(search, "time", SimpleNamespace(perf_counter=lambda: now[0]))

    def spend(limit):
        now[0] += min(limit, 5.0)
        return SimpleNamespace(status="unknown", seconds=min(limit, 5.0), network=None)

    monkeypatch.setattr(search, "solve_size", lambda function, k, arch, *, time_limit,
                        **kw: spend(time_limit))
    monkeypatch.setattr(search, "decide_by_cuts", lambda function, k, arch, *, time_limit,
                        **kw: spend(time_limit))
    real_shannon, shannon = search._shannon_upper, []

    def timed_shannon(function, seconds, workers, arch="any-depth"):
        start = now[0]
        net = real_shannon(function, seconds, workers, arch)
        shannon.append((function.inputs, start, seconds, now[0] - start))
        return net

    monkeypatch.setattr(search, "_shannon_upper", timed_shannon)
    rng = np.random.default_rng(5)
    f = BooleanFunction.from_strings("".join(map(str, rng.integers(0, 2, 64))))
    result = search.exact_minimum(f, "any-depth", time_limit=40.0, workers=1)
    assert result.timed_out and now[0] <= 40.0 + 1e-9
    outer = [s for s in shannon if s[0] == 6]
    assert len(outer) == 1 and any(s[0] == 5 for s in shannon)
    assert all(used <= seconds + 0.05 for _, _, seconds, used in shannon)  # 0.01 s: least a
    # solve is given
    _, start, seconds, _ = outer[0]
    assert seconds == pytest.approx(0.4 * (40.0 - start))


def test_the_five_input_shannon_step_splits_the_cheapest_input():
    """At five inputs the Shannon step splits the input whose cofactors' shipped minima are
    smallest: its network is the smallest of the five merges (built here from each input's
    cofactor minima); two of the three random maps have merges of 3 to 5 and 4 to 6 neurons
    (mutant: the most expensive input split)."""
    from constructions.exact.shannon import cofactors, merge_cofactor_networks

    rng = np.random.default_rng(0)
    spreads = 0
    for _ in range(3):
        f = BooleanFunction.from_strings("".join(map(str, rng.integers(0, 2, 32))))
        merged = []
        for j in range(5):
            f1, f0 = (search.exact_minimum(g, "any-depth", time_limit=5, workers=1).network
                      for g in cofactors(f, j))
            merged.append(merge_cofactor_networks(f1, f0, j).sizes().neurons)
        assert search._shannon_upper(f, 4.0, 1).sizes().neurons == min(merged)
        spreads += min(merged) < max(merged)
    assert spreads == 2
