"""The package versions recorded with every result, read without importing torch."""

from __future__ import annotations

import platform
from importlib.metadata import version

__all__ = ["package_versions"]


def package_versions() -> dict[str, str]:
    """Versions recorded with every result (from the installed packages' metadata, which for
    torch is its ``torch.__version__``, e.g. ``2.13.0+cpu``).

    Examples
    --------
    >>> sorted(package_versions())
    ['memcap', 'numpy', 'python', 'torch']
    """
    return {"memcap": version("memcap"), "torch": version("torch"), "numpy": version("numpy"),
            "python": platform.python_version()}
