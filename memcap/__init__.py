"""The ``memcap`` command: a thin shell that mounts each package's commands lazily."""

__all__ = ["__version__"]

__version__ = "0.1.0"
