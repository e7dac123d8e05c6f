"""The training strip: loss, accuracy and weight ℓ2 against step (train solid, test dashed).

The layout follows the base-experiment figure of Liu's "How does memorization affect ℓ2?".
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import warnings
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from capacity.figures import save_figure  # re-exported: the one figure writer

__all__ = ["BAND_POINTS", "STRIP_LINES", "StripProcess", "save_figure", "training_strip"]


def training_strip(metrics: Mapping, path: str | Path, title: str = "") -> None:
    """Draw the three-panel strip of a tidy metrics table and save it to ``path`` (PNG/SVG).

    ``metrics`` maps column names to equal-length arrays (a pandas DataFrame or the dict of
    :func:`empirical.engine.run.metrics_columns`); one line per ensemble member (column
    ``member``), or above :data:`STRIP_LINES` members the median over them at each step with
    bands for the quartiles and the range; a test column that is all NaN is not drawn. The file
    is written atomically.

    Parameters
    ----------
    metrics : Mapping
        Columns ``member``, ``step``, ``train_loss``, ``test_loss``, ``train_acc``,
        ``test_acc`` and ``weight_l2`` (others are ignored), converted to float arrays.
    path : str or Path
        The image file; its suffix picks the format.
    title : str, default ""
        Figure title; empty for none.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> table = {"member": [0, 0], "step": [0, 10], "train_loss": [2.0, 1.0],
    ...          "test_loss": [2.0, 2.5], "train_acc": [0.1, 0.5],
    ...          "test_acc": [0.1, 0.0], "weight_l2": [5.0, 5.5]}
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "strip.png"
    >>> training_strip(table, p)
    >>> p.stat().st_size > 1000
    True
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cols = {key: np.asarray(metrics[key], dtype=float) for key in _STRIP_COLUMNS}
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.6))
    panels = [("loss", "train and test loss"), ("acc", "accuracy"), ("weight_l2", "weight ℓ2")]
    members = np.unique(cols["member"]).tolist()
    alpha = 1.0 if len(members) == 1 else max(0.25, 1.0 / len(members) ** 0.5)
    if len(members) > STRIP_LINES:
        _strip_bands(axes, panels, cols, members)
    else:
        _strip_lines(axes, panels, cols, members, alpha)
    if title:
        fig.suptitle(title)
    save_figure(fig, path)


#: Most members :func:`training_strip` draws as lines of their own; above, each series is its
#: median over the members at each step with bands for the quartiles and the range (10 000
#: members took 70 s as lines with a "best" legend, 2026-12-06 review; as line collections
#: their aligned dashes striped the figure).
STRIP_LINES = 32


def _strip_bands(axes, panels, cols: dict, members: list) -> None:
    """The strip of many members: per series and step, the median over the members (solid for
    train, dashed for test), the quartiles (darker band) and the range (lighter band), over the
    finite values (a diverged member's infinite loss is left out, as the lines leave it
    undrawn); more than :data:`BAND_POINTS` steps are pooled in the bands (:func:`_envelope`)."""
    order = np.argsort(cols["step"], kind="stable")
    steps, starts, counts = np.unique(cols["step"][order], return_index=True,
                                      return_counts=True)
    levels = [0.0, 0.25, 0.5, 0.75, 1.0]
    for ax, (key, label) in zip(axes, panels, strict=True):
        series = ([("weight_l2", "C2", "-", None)] if key == "weight_l2" else
                  [(f"train_{key}", "C0", "-", "train"), (f"test_{key}", "C1", "--", "test")])
        for column, colour, style, name in series:
            values = cols[column][order]
            values = np.where(np.isinf(values), np.nan, values)  # a diverged member's loss:
            if np.isnan(values).all():  # its median and bands are those of the finite ones
                continue
            with warnings.catch_warnings():  # a step where every member is NaN stays NaN
                warnings.simplefilter("ignore", RuntimeWarning)
                if (counts == counts[0]).all():  # every member logs every step: one call
                    table = values.reshape(len(steps), counts[0])  # (nanquantile is 18x slower)
                    q = (np.nanquantile if np.isnan(values).any() else np.quantile)(
                        table, levels, axis=1).T
                else:
                    q = np.array([np.nanquantile(g, levels)
                                  for g in np.split(values, starts[1:])])
            for low, high, alpha in ((0, 4, 0.12), (1, 3, 0.3)):
                ax.fill_between(*_envelope(steps, q[:, low], q[:, high]), color=colour,
                                alpha=alpha, lw=0)
            ax.plot(steps, q[:, 2], color=colour, ls=style,
                    label=name and f"{name}: median, quartiles, range")
        ax.set_xlabel("step")
        ax.set_title(f"{label}, {len(members)} members")
        if key != "weight_l2":
            ax.legend(frameon=False, loc="upper right" if key == "loss" else "lower right")


#: Most points of a band's edges in the strip: above, consecutive steps are pooled (a band of
#: 200 000 steps took 19 s to draw; matplotlib simplifies lines, not filled polygons).
BAND_POINTS = 2000


def _envelope(steps: np.ndarray, low: np.ndarray, high: np.ndarray):
    """``(x, low, high)`` of a band with at most 2·:data:`BAND_POINTS` points: blocks of
    consecutive steps pooled to their least ``low`` and largest ``high``, held flat from the
    block's first step to its last, so the band covers the original one at every step (a
    review found the pooled value placed at the first step alone, the straight joins missing
    values inside blocks and the steps after the last block's first); NaN (a block no member
    logged) stays NaN."""
    pool = -(-len(steps) // BAND_POINTS)
    if pool <= 1:
        return steps, low, high
    pad = -len(steps) % pool
    with warnings.catch_warnings():  # a block where every value is NaN stays NaN
        warnings.simplefilter("ignore", RuntimeWarning)
        low = np.nanmin(np.pad(low, (0, pad), constant_values=np.nan).reshape(-1, pool), axis=1)
        high = np.nanmax(np.pad(high, (0, pad), constant_values=np.nan).reshape(-1, pool),
                         axis=1)
    first = steps[::pool]
    last = steps[np.minimum(np.arange(pool - 1, len(steps) + pool - 1, pool), len(steps) - 1)]
    return (np.column_stack([first, last]).ravel(), np.repeat(low, 2), np.repeat(high, 2))


def _strip_lines(axes, panels, cols: dict, members: list, alpha: float) -> None:
    """The strip of a few members: one line per member and series."""
    for ax, (key, label) in zip(axes, panels, strict=True):
        test_named = False  # the first test line drawn carries the legend's name (member 0's
        for m in members:   # may have no test values while another member's has, 2026-12-07)
            rows = cols["member"] == m
            step = cols["step"][rows]
            if key == "weight_l2":
                ax.plot(step, cols["weight_l2"][rows], color="C2", alpha=alpha)
                continue
            ax.plot(step, cols[f"train_{key}"][rows], color="C0", alpha=alpha,
                    label="train" if m == members[0] else None)
            test = cols[f"test_{key}"][rows]
            if not np.isnan(test).all():
                ax.plot(step, test, color="C1", ls="--", alpha=alpha,
                        label=None if test_named else "test")
                test_named = True
        ax.set_xlabel("step")
        ax.set_title(label)
        if key != "weight_l2":
            ax.legend(frameon=False)


#: The columns the strip reads.
_STRIP_COLUMNS = ("member", "step", "train_loss", "test_loss", "train_acc", "test_acc",
                  "weight_l2")

#: What the drawing process runs: import matplotlib at once, then draw what arrives on stdin.
_WORKER = "from empirical.engine.plots import _serve_strip; _serve_strip()"

#: How the drawing process starts its answer line (anything else on its stdout is ignored).
_REPLY = b"memcap-strip: "


def _serve_strip() -> None:
    """The drawing process of :class:`StripProcess`. While the parent trains it imports
    matplotlib and draws a small figure (fonts and the Agg renderer load on the first draw).
    Then it reads one request from stdin — a JSON line ``{"path", "title", "rows"}`` and the
    strip's columns as float64 bytes, in :data:`_STRIP_COLUMNS` order — draws it and answers
    ``ok`` (then leaves without an interpreter teardown: the file is complete and in place), or
    ``oserror [errno, strerror, filename]`` when writing failed; any other error ends it with
    its traceback on stderr. An empty stdin (the parent closed without a request) ends it
    quietly."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    warm, ax = plt.subplots(figsize=(1, 1))
    ax.set_title("warm-up")
    ax.plot([0, 1])
    warm.savefig(io.BytesIO(), format="png")
    plt.close(warm)
    line = sys.stdin.buffer.readline()
    if not line:
        return
    request = json.loads(line)
    rows = int(request["rows"])
    data = np.frombuffer(sys.stdin.buffer.read(8 * rows * len(_STRIP_COLUMNS)), dtype=np.float64)
    columns = dict(zip(_STRIP_COLUMNS, data.reshape(len(_STRIP_COLUMNS), rows), strict=True))
    out = sys.stdout.buffer
    try:
        training_strip(columns, request["path"], request["title"])
    except OSError as exc:  # the disk, not memcap: the parent raises it as an OSError
        out.write(_REPLY + b"oserror " + json.dumps([exc.errno, exc.strerror,
                                                     exc.filename]).encode() + b"\n")
        out.flush()
        raise SystemExit(1) from None
    out.write(_REPLY + b"ok\n")
    out.flush()
    os._exit(0)


class StripProcess:
    """A second Python process that imports matplotlib while this one trains, then draws one
    training strip: ``memcap train --out`` would otherwise pay matplotlib's import (≈ 0.3–0.5 s)
    after the training, and a thread would slow the training through the GIL
    (docs/benchmarks.md). Use as a context manager; :meth:`draw` waits for the file. Where no
    process can be started (no ``sys.executable``), or the process gives no answer within
    :attr:`timeout_s` seconds of the request (a hung import or draw; it is then killed), it draws
    in this process.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> table = {"member": [0, 0], "step": [0, 10], "train_loss": [2.0, 1.0],
    ...          "test_loss": [float("nan")] * 2, "train_acc": [0.1, 0.5],
    ...          "test_acc": [float("nan")] * 2, "weight_l2": [5.0, 5.5]}
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "strip.png"
    >>> with StripProcess() as strip:
    ...     strip.draw(table, p, "one member")
    >>> p.stat().st_size > 1000
    True
    """

    #: Seconds :meth:`draw` waits for the process's answer before drawing here instead.
    timeout_s: float = 120.0

    def __init__(self) -> None:
        self._proc = None
        self._errors = tempfile.TemporaryFile()  # not a pipe: a full pipe could block the child
        if not sys.executable:
            return
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        try:
            self._proc = subprocess.Popen([sys.executable, "-c", _WORKER], stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE, stderr=self._errors, env=env)
        except OSError:  # no interpreter to start: draw in this process instead
            self._proc = None

    def draw(self, metrics: Mapping, path: str | Path, title: str = "") -> None:
        """Send the table and wait until ``path`` is written. The process's failure to write is
        raised as that OSError; any other failure as RuntimeError with its last error line (a
        bug in memcap, not bad input)."""
        proc = self._proc
        if proc is None:
            training_strip(metrics, path, title)
            return
        data = np.stack([np.asarray(metrics[k], dtype=np.float64) for k in _STRIP_COLUMNS])
        header = json.dumps({"path": str(path), "title": title, "rows": data.shape[1]})
        try:
            proc.stdin.write(header.encode() + b"\n")
            proc.stdin.write(np.ascontiguousarray(data).tobytes())
            proc.stdin.close()
        except BrokenPipeError:  # it died before reading: its stderr says why
            pass
        answer: queue.Queue = queue.Queue()

        def read() -> None:  # a thread: reading the pipe can block for as long as the child
            for line in proc.stdout:
                if line.startswith(_REPLY):
                    answer.put(line[len(_REPLY):].strip())
                    return
            answer.put(b"")

        threading.Thread(target=read, daemon=True).start()
        try:
            reply = answer.get(timeout=self.timeout_s)
        except queue.Empty:  # hung: no file from it, so draw here (the table is still ours)
            proc.kill()
            proc.wait()
            training_strip(metrics, path, title)
            return
        if reply == b"ok":
            return
        proc.wait()
        if reply.startswith(b"oserror "):
            errno, strerror, filename = json.loads(reply[len(b"oserror "):])
            raise OSError(errno, strerror, filename)
        self._errors.seek(0)
        lines = self._errors.read().decode(errors="replace").strip().splitlines() or ["no message"]
        raise RuntimeError(f"the training strip's drawing process failed "
                           f"(exit {proc.returncode}): {lines[-1]}")

    def close(self) -> None:
        """Wait for the process; without a :meth:`draw` it ends on the empty request."""
        proc = self._proc
        if proc is not None:
            if not proc.stdin.closed:
                proc.stdin.close()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:  # pragma: no cover - a hung import
                proc.kill()
                proc.wait()
            proc.stdout.close()
        self._errors.close()

    def __enter__(self) -> StripProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
