"""The ``memcap`` command: a thin shell that mounts each package's commands lazily."""

from importlib.metadata import version

__all__ = ["__version__"]

#: The installed distribution's version: one place (pyproject.toml), via importlib.metadata.
__version__ = version("memcap")
