"""capacity's construction-size bounds agree with constructions' own size formulas.

capacity never imports constructions; this test (outside both packages) checks the two sides
state the same numbers, and that the worst-case construction sizes respect every lower bound.
Lower bounds are worst-case statements (some map needs that many), so they are compared with the
constructions' worst-case sizes, not with the size built for one particular (maybe easy) map.
"""

import pytest

import constructions.builders.depth3 as depth3
import constructions.builders.lookup as lookup
import constructions.builders.parity as parity
import constructions.builders.sizes as sizes
from capacity.evaluate import evaluate_bound
from capacity.registry import all_bounds, get_bound


def value(bound_id, **p):
    return evaluate_bound(get_bound(bound_id), p).rounded


@pytest.mark.parametrize("m", range(1, 21))
def test_single_output_sizes_agree(m):
    assert value("construction.lookup", M=m, N=1) == sizes.claim_20_1_size(m)
    assert value("construction.lookup-complement", M=m, N=1) == lookup.lookup_size(m)
    assert value("construction.depth3", M=m, N=1) == sizes.jukna_sergeev_size(m)
    if m >= 2:
        assert value("construction.depth3", M=m, N=1) == depth3.depth3_size(m)
    assert value("construction.parity", M=m) + 1 == parity.parity_size(m, strict_layers=True)
    assert value("exact.parity-any-depth", M=m) == parity.parity_size(m)


def test_multi_output_lookup_agrees():
    for m in range(1, 12):
        for n in range(1, 14):
            assert value("construction.lookup-complement", M=m, N=n) == lookup.lookup_size(
                m, outputs=n)


def test_worst_case_construction_sizes_respect_every_neuron_lower_bound():
    lowers = [b for b in all_bounds() if b.direction == "lower" and b.quantity == "neurons"
              and b.kind != "order"]
    for m in range(1, 17):
        built = {"sign, one hidden layer": lookup.lookup_size(m),
                 "sign, depth 3": depth3.depth3_size(m) if m >= 2 else sizes.jukna_sergeev_size(m)}
        for b in lowers:
            for arch, size in built.items():
                lower = value(b.id, M=m, N=1)  # None where it does not apply (refuted.*)
                if b.architecture in ("sign, any depth", arch) and lower is not None:
                    assert lower <= size, (b.id, arch, m)
