"""The one figure writer every memcap figure goes through (matplotlib, imported by the caller):
lay out, write atomically (:func:`capacity.atomic_files.atomic_write`, the format from the
suffix, PNG without one) and close the figure, also when the write fails.
"""

from __future__ import annotations

from pathlib import Path

from capacity.atomic_files import atomic_write

__all__ = ["save_figure"]


def save_figure(fig, path: str | Path, dpi: int = 110, layout: bool = True,
                bbox_inches: str | None = None) -> Path:
    """Write ``fig`` to ``path`` atomically and close it; ``layout`` runs ``tight_layout`` first
    (a caller with its own layout passes False), ``bbox_inches="tight"`` crops to the drawing.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure; it is closed afterwards even when the write fails.
    path : str or Path
        The file to write (via :func:`atomic_write`; its folder must exist). Its suffix (any
        case) picks the format; a name without one is written as PNG.
    dpi : int, default 110
        Resolution passed to ``savefig``.
    layout : bool, default True
        Run ``fig.tight_layout()`` before saving.
    bbox_inches : str, optional
        Passed to ``savefig`` when not ``None`` (default); ``"tight"`` crops to the drawing.

    Returns
    -------
    Path
        ``path`` as a :class:`~pathlib.Path`.

    Examples
    --------
    >>> import tempfile, pathlib, matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(); _ = ax.plot([0, 1], [1, 0])
    >>> p = save_figure(fig, pathlib.Path(tempfile.mkdtemp()) / "line.svg")
    >>> p.read_text().lstrip().startswith("<?xml"), plt.fignum_exists(fig.number)
    (True, False)
    """
    import matplotlib.pyplot as plt

    try:
        if layout:
            fig.tight_layout()
        suffix = Path(path).suffix or ".png"
        kw = {"dpi": dpi, "format": suffix[1:].lower()}
        if bbox_inches is not None:
            kw["bbox_inches"] = bbox_inches
        atomic_write(path, lambda tmp: fig.savefig(tmp, **kw), suffix=suffix)
    finally:
        plt.close(fig)
    return Path(path)
