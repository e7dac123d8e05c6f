"""The training strip: loss, accuracy and weight ℓ2 against step (train solid, test dashed).

The layout follows the base-experiment figure of Liu's "How does memorization affect ℓ2?".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from capacity.atomic_files import atomic_write

if TYPE_CHECKING:  # pandas costs ~0.3 s to import: only a run that writes files needs it
    import pandas as pd

__all__ = ["save_figure", "training_strip"]


def save_figure(fig, path: str | Path) -> Path:
    """Lay out ``fig``, write it to ``path`` atomically (format from the suffix, PNG without
    one; 110 dpi) and close it: how every memcap figure is saved.

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

    fig.tight_layout()
    suffix = Path(path).suffix or ".png"
    atomic_write(path, lambda tmp: fig.savefig(tmp, dpi=110, format=suffix[1:]), suffix=suffix)
    plt.close(fig)
    return Path(path)


def training_strip(metrics: pd.DataFrame, path: str | Path, title: str = "") -> None:
    """Draw the three-panel strip of a tidy metrics table and save it to ``path`` (PNG/SVG).

    One line per ensemble member (column ``member``); the file is written atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> df = pd.DataFrame({"member": [0, 0], "step": [0, 10], "train_loss": [2.0, 1.0],
    ...                    "test_loss": [2.0, 2.5], "train_acc": [0.1, 0.5],
    ...                    "test_acc": [0.1, 0.0], "weight_l2": [5.0, 5.5]})
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "strip.png"
    >>> training_strip(df, p)
    >>> p.stat().st_size > 1000
    True
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(13, 3.6))
    panels = [("loss", "train and test loss"), ("acc", "accuracy"), ("weight_l2", "weight ℓ2")]
    members = sorted(metrics["member"].unique())
    alpha = 1.0 if len(members) == 1 else max(0.25, 1.0 / len(members) ** 0.5)
    for ax, (key, label) in zip(axes, panels, strict=True):
        for m in members:
            rows = metrics[metrics["member"] == m]
            if key == "weight_l2":
                ax.plot(rows["step"], rows["weight_l2"], color="C2", alpha=alpha)
                continue
            ax.plot(rows["step"], rows[f"train_{key}"], color="C0", alpha=alpha,
                    label="train" if m == members[0] else None)
            if rows[f"test_{key}"].notna().any():
                ax.plot(rows["step"], rows[f"test_{key}"], color="C1", ls="--", alpha=alpha,
                        label="test" if m == members[0] else None)
        ax.set_xlabel("step")
        ax.set_title(label)
        if key != "weight_l2":
            ax.legend(frameon=False)
    if title:
        fig.suptitle(title)
    save_figure(fig, path)
