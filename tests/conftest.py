"""Shared pytest configuration: the ``--runslow`` flag, hypothesis profiles, one torch thread."""

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", default=False, help="run tests marked slow")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runslow"):
        return
    skip_slow = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


@pytest.fixture(autouse=True, scope="session")
def _one_torch_thread():
    """Every test model is tiny: one torch CPU thread for the whole session.

    On the 2-core CI box a second OpenMP thread made small training steps 3-8x slower whenever
    the other core was busy (docs/empirical.md, "Threads"); one thread also makes float results
    independent of the machine's core count. Torch is imported only if it is installed and only
    here, at session start (the capacity/constructions tests never need it otherwise).
    """
    try:
        import torch
    except ImportError:  # pragma: no cover - torch is a core dependency
        yield
        return
    old = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(old)


@pytest.fixture
def saved_legends(monkeypatch):
    """The legend texts of every matplotlib figure saved during the test, one list a figure."""
    import matplotlib.figure

    legends: list[list[str]] = []
    save = matplotlib.figure.Figure.savefig

    def spy(fig, *args, **kwargs):
        legends.append([t.get_text() for ax in fig.axes if ax.get_legend()
                        for t in ax.get_legend().get_texts()])
        return save(fig, *args, **kwargs)

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", spy)
    return legends
