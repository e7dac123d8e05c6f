"""Hypothesis strategy of random sign networks shared by the verifier and export tests."""

from hypothesis import strategies as st

from constructions.network import Layer, SignNetwork


@st.composite
def sign_networks(draw, max_inputs=6, max_layers=3, max_units=4, max_weight=3, odd=None):
    """Random layers reading random earlier values (skip edges), random integer weights (zeros
    included). ``odd=True`` makes every unit's weight sum + bias odd (no zero pre-activation);
    ``odd=None`` lets hypothesis choose per network."""
    m = draw(st.integers(1, max_inputs))
    make_odd = draw(st.booleans()) if odd is None else odd
    layers, available = [], m
    for _ in range(draw(st.integers(1, max_layers))):
        units = draw(st.integers(1, max_units))
        k = draw(st.integers(1, min(available, 6)))
        sources = draw(st.lists(st.integers(0, available - 1), min_size=k, max_size=k,
                                unique=True))
        w = draw(st.lists(st.lists(st.integers(-max_weight, max_weight), min_size=k,
                                   max_size=k), min_size=units, max_size=units))
        b = draw(st.lists(st.integers(-max_weight * k, max_weight * k), min_size=units,
                          max_size=units))
        if make_odd:
            b = [bi + (1 - (sum(row) + bi) % 2) for row, bi in zip(w, b, strict=True)]
        layers.append(Layer.from_lists(w, b, sources))  # int64, or Python ints when huge
        available += units
    return SignNetwork(m, tuple(layers), method="random")
