"""Facts about the machine a measurement ran on, for benchmarks to report beside their figures
(numpy- and torch-free, so every layer may import it)."""

from __future__ import annotations

import os

__all__ = ["load_average"]


def load_average() -> float | None:
    """The 1-minute load average (None where the OS has none): how shared the machine was.

    Examples
    --------
    >>> value = load_average()
    >>> value is None or value >= 0
    True
    """
    try:
        return round(os.getloadavg()[0], 2)
    except (OSError, AttributeError):
        return None
