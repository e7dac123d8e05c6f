"""Facts about the machine a measurement ran on, for benchmarks to report beside their figures
(numpy- and torch-free, so every layer may import it)."""

from __future__ import annotations

import os

__all__ = ["load_average", "memory_limit_bytes"]


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


def memory_limit_bytes() -> int:
    """Half of this machine's physical memory, or of the process's address-space limit
    (``ulimit -v``) where that is lower: the most a run may plan to use without --force (under
    a limit an allocation past it failed inside torch, status 70, 2026-12-01 fuzzing).

    Examples
    --------
    >>> memory_limit_bytes() > 2**20
    True
    """
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # not POSIX: assume the 24 GiB CI machine
        total = 24 << 30
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_AS)[0]
        if soft != resource.RLIM_INFINITY and soft > 0:
            total = min(total, soft)
    except (ImportError, OSError, ValueError, AttributeError):  # not POSIX: no such limit
        pass
    return total // 2
