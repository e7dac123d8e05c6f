"""The one figure writer every memcap figure goes through (matplotlib, imported by the caller):
lay out, write atomically (:func:`capacity.atomic_files.atomic_write`, the format from the
suffix, PNG without one) and close the figure, also when the write fails.

Every figure memcap writes in a format with metadata (PNG, PDF, SVG, SVGZ, EPS, PS) carries
memcap's mark (:data:`FIGURE_MARK` as its creator), and a single figure file given on the command
line (``bounds --plot``, ``minimal --plot``, ``construct --draw``) replaces an existing file only
when it carries that mark (:func:`check_figure_target`): ``bounds --plot README`` replaced a
user's README with a PNG until 2026-12-04.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from capacity.atomic_files import atomic_write, check_output_file

__all__ = ["FIGURE_MARK", "FIGURE_SUFFIXES", "check_figure_target", "is_memcap_figure",
           "save_figure"]

#: What a figure option (``bounds --plot``, ``minimal --plot``, ``construct --draw``) writes:
#: matplotlib's file formats, and no suffix for PNG (:func:`save_figure`); not ``.pgf``, which
#: needs a TeX system at run time. One list, so the options take the same names (minimal and
#: construct took only .png/.pdf/.svg, bounds these; CLI review, 2026-12-05).
FIGURE_SUFFIXES = (".png", ".pdf", ".svg", ".svgz", ".eps", ".ps", ".jpg", ".jpeg", ".tif",
                   ".tiff", ".webp", ".raw", ".rgba", "")

#: The creator memcap writes into its figures' metadata, and looks for before replacing one.
FIGURE_MARK = "memcap"

#: The metadata key that holds the creator, per format matplotlib writes metadata for.
_CREATOR_KEY = {"png": "Software", "pdf": "Creator", "svg": "Creator", "svgz": "Creator",
                "eps": "Creator", "ps": "Creator"}
#: Bytes read to find the mark: a figure's header (PNG chunks before the image data, the SVG
#: metadata block, the PostScript comments) or a PDF's tail, where its Info dictionary is.
_HEAD = 1 << 16
_SVG_MARK = re.compile(rb"<dc:creator>\s*<cc:Agent>\s*<dc:title>" + FIGURE_MARK.encode()
                       + rb"</dc:title>")


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
        fmt = suffix[1:].lower()
        kw = {"dpi": dpi, "format": fmt}
        if fmt in _CREATOR_KEY:
            kw["metadata"] = {_CREATOR_KEY[fmt]: FIGURE_MARK}
        if bbox_inches is not None:
            kw["bbox_inches"] = bbox_inches
        atomic_write(path, lambda tmp: fig.savefig(tmp, **kw), suffix=suffix)
    finally:
        plt.close(fig)
    return Path(path)


def _png_software(head: bytes) -> bytes | None:
    """The text of a PNG's ``tEXt`` chunk with keyword Software, from its chunks before the
    image data (None when the bytes are not a PNG or have no such chunk)."""
    if not head.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    at = 8
    while at + 8 <= len(head):
        size = int.from_bytes(head[at:at + 4], "big")
        kind = head[at + 4:at + 8]
        if kind in (b"IDAT", b"IEND"):
            return None
        if kind == b"tEXt":
            key, _, text = head[at + 8:at + 8 + size].partition(b"\x00")
            if key == b"Software":
                return text
        at += 12 + size
    return None


def is_memcap_figure(path: str | Path) -> bool:
    """Whether the file at ``path`` is a figure memcap wrote: a PNG, PDF, SVG, SVGZ, EPS or PS
    file whose creator is :data:`FIGURE_MARK` (formats without metadata — JPEG, TIFF, WebP,
    raw — carry no mark, so no such file counts).

    Parameters
    ----------
    path : str or Path
        A plain file (an unreadable one counts as not memcap's).

    Returns
    -------
    bool
        True when the file carries memcap's mark in the place its format keeps the creator.

    Examples
    --------
    >>> import tempfile, pathlib, matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("a.png", "a.pdf", "a.svg"):
    ...     _ = save_figure(plt.figure(), d / name)
    >>> [is_memcap_figure(d / n) for n in ("a.png", "a.pdf", "a.svg")]
    [True, True, True]
    >>> _ = (d / "notes.png").write_text("memcap notes")
    >>> is_memcap_figure(d / "notes.png")
    False
    """
    mark = FIGURE_MARK.encode()
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEAD)
            if head.startswith(b"%PDF-"):  # the Info dictionary is written last
                fh.seek(max(0, fh.seek(0, 2) - _HEAD))
                return b"/Creator (" + mark + b")" in fh.read(_HEAD)
    except OSError:
        return False
    if head.startswith(b"\x89PNG"):
        return _png_software(head) == mark
    if head.startswith(b"%!PS-Adobe"):
        return re.search(rb"^%%Creator: " + mark + rb"\r?$", head[:4096], re.M) is not None
    if head.startswith(b"\x1f\x8b"):  # SVGZ: its head decompressed
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, _HEAD)
        except zlib.error:
            return False
    return head.lstrip().startswith(b"<?xml") and _SVG_MARK.search(head) is not None


def check_figure_target(path: str | Path | None, option: str, suffixes: tuple[str, ...]) -> None:
    """Refuse (one line, before any work) a figure path that could not be written
    (:func:`~capacity.atomic_files.check_output_file`) or that holds a file memcap did not
    write: an existing non-empty file is replaced only when :func:`is_memcap_figure` says so.

    Parameters
    ----------
    path : str, Path or None
        The figure file; None passes.
    option : str
        The option named in the message (``"--plot"``, ``"--draw"``).
    suffixes : tuple of str
        Accepted suffixes, lower-case with the dot (``""``: a name without one, written as PNG).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> check_figure_target(d / "new.png", "--plot", (".png",))   # nothing there: fine
    >>> _ = (d / "README").write_text("my notes")
    >>> check_figure_target(d / "README", "--plot", (".png", ""))
    Traceback (most recent call last):
    ...
    capacity.errors.UsageError: --plot '...README' exists and is not a figure memcap wrote; ...
    """
    if path is None:
        return
    fmt = (Path(path).suffix or ".png")[1:].lower()
    why = ("" if fmt in _CREATOR_KEY else
           f" ({fmt.upper()} files carry no mark, so memcap never replaces one)")
    check_output_file(path, option, suffixes, ours=is_memcap_figure,
                      refusal=f"a figure memcap wrote; memcap replaces only its own figures{why}: "
                              "remove it or choose another path")
