"""Root pytest configuration, for the doctests under capacity/, constructions/ and empirical/ as
well as tests/: temporary files go into pytest's own temporary folder.

Many docstring examples create scratch folders with ``tempfile.mkdtemp()``, as a user would; in a
test run they would pile up in the system temp folder (two thousand of them after a few days of
CI runs on one machine). Pointing ``tempfile.tempdir`` at a folder under pytest's base temporary
folder keeps them where pytest removes old runs (it keeps the last three).
"""

import signal
import tempfile

import pytest


def pytest_configure(config):
    """A run started with SIGINT ignored (an asynchronous command of a shell without job
    control, such as ``(pytest &)``) gets no KeyboardInterrupt handler from Python, so the tests
    and doctests of Ctrl-C's handling, which send themselves SIGINT, failed for a reason that is
    not memcap's (2026-12-07): such a run gets the handler a foreground run has."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True, scope="session")
def _scratch_in_pytest_tmp(tmp_path_factory):
    old = tempfile.tempdir
    tempfile.tempdir = str(tmp_path_factory.mktemp("tempfile"))
    yield
    tempfile.tempdir = old
