"""Bar charts of the minimal-neuron tables (matplotlib, imported lazily; atomic write)."""

from __future__ import annotations

from pathlib import Path

from capacity.figures import save_figure

__all__ = ["plot_minimal"]


def plot_minimal(tables, path: str | Path) -> Path:
    """Write a bar chart of how many functions need exactly k neurons.

    One panel per M; within a panel, one group of bars per architecture (bar height = share of
    all ``2^(2^M)`` functions, log scale; the label on a bar is the number of NPN classes).

    Parameters
    ----------
    tables : sequence of MinimalTable
    path : str or Path
        ``.png``, ``.pdf`` or ``.svg``; written atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from constructions.exact.tables import load_minimal_table
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "m2.png"
    >>> plot_minimal([load_minimal_table(2, "layered")], out).exists()
    True
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    tables = list(tables)
    inputs = sorted({t.inputs for t in tables})
    fig, axes = plt.subplots(1, len(inputs), figsize=(3.2 * len(inputs) + 1.6, 3.4),
                             squeeze=False, sharey=True)
    colours = {"any-depth": "#1f77b4", "layered": "#ff7f0e"}
    for ax, m in zip(axes[0], inputs, strict=True):
        group = [t for t in tables if t.inputs == m]
        ks = sorted({k for t in group for k in t.functions_by_neurons})
        width = 0.8 / len(group)
        for g, t in enumerate(group):
            xs = [k + (g - (len(group) - 1) / 2) * width for k in ks]
            total = 2 ** (2**m)
            ys = [t.functions_by_neurons.get(k, 0) / total for k in ks]
            bars = ax.bar(xs, ys, width, label=t.arch, color=colours.get(t.arch))
            for bar, k in zip(bars, ks, strict=True):
                c = t.npn_classes_by_neurons.get(k, 0)
                if c:
                    ax.annotate(str(c), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                                ha="center", va="bottom", fontsize=7)
        ax.set_yscale("log")
        ax.set_ylim(min(1e-1, 0.5 / 2 ** (2**m), ax.get_ylim()[0]), 2.0)
        ax.set_xticks(ks)
        ax.set_xlabel("minimal neurons k")
        ax.set_title(f"M = {m}")
    axes[0][0].set_ylabel("share of all functions")
    handles, labels = axes[0][-1].get_legend_handles_labels()
    fig.legend(handles, labels, loc="center right", fontsize=8, title="bar label:\nNPN classes",
               title_fontsize=7)
    fig.suptitle("Exact minimal sign networks: functions needing exactly k neurons", fontsize=10)
    fig.tight_layout(rect=(0, 0, 1 - 1.4 / (3.2 * len(inputs) + 1.6), 1))
    return save_figure(fig, path, dpi=130, layout=False)  # laid out above, with the legend's room
