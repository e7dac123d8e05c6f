"""Figure helpers the hardness studies share: one colour per family that stays distinct past
matplotlib's ten default colours, and a legend that fits beside the axes.

Examples
--------
>>> legend_layout(8), legend_layout(30), legend_layout(73)
((True, 1, False), (True, 2, True), (False, 4, False))
>>> len(set(family_colours(11))), len(set(family_colours(25)))
(11, 25)
"""

from __future__ import annotations

__all__ = ["MAX_LEGEND_ENTRIES", "family_colours", "legend_figure", "legend_layout",
           "title_and_legend"]

#: Most legend entries drawn: past 72 (the 222 NPN classes of M = 4) no legend could be read,
#: and the study's CSV names every series.
MAX_LEGEND_ENTRIES = 72


def family_colours(families: int) -> list[tuple[float, float, float, float]]:
    """One RGBA colour per family: tab10, tab20 past ten, evenly spaced turbo hues past
    twenty (``C{i}`` repeats after ten, so families i and i + 10 were drawn alike).

    Parameters
    ----------
    families : int
        How many families the figure draws.

    Returns
    -------
    list of tuple
        ``families`` distinct colours, in family order.
    """
    import matplotlib.pyplot as plt

    palette = plt.get_cmap("tab10" if families <= 10 else "tab20" if families <= 20
                           else "turbo")
    return [palette(i) if families <= 20 else palette(i / (families - 1))
            for i in range(families)]


def legend_layout(series: int) -> tuple[bool, int, bool]:
    """Whether a figure of ``series`` lines gets a legend, in how many columns, and whether it
    goes beside the axes: more than 12 entries go beside, in columns of 24 (28 entries of an
    NPN study ran off the plot, 2026-12-06 review); none past :data:`MAX_LEGEND_ENTRIES`.

    Parameters
    ----------
    series : int
        The lines drawn.

    Returns
    -------
    tuple of (bool, int, bool)
        ``(legend, columns, beside)``.
    """
    legend = series <= MAX_LEGEND_ENTRIES
    columns = 1 if series <= 12 else -(-series // 24)
    return legend, columns, legend and series > 12


def legend_figure(series: int):
    """A new figure and axes for ``series`` lines, 6.4 × 4 inches, widened by 2.6 inches a
    legend column when :func:`legend_layout` puts the legend beside the axes.

    Parameters
    ----------
    series : int
        The lines drawn.

    Returns
    -------
    tuple
        ``(figure, axes)`` of ``matplotlib.pyplot.subplots``.
    """
    import matplotlib.pyplot as plt

    _, columns, beside = legend_layout(series)
    return plt.subplots(figsize=(6.4 + (2.6 * columns if beside else 0), 4))


def title_and_legend(ax, title: str, series: int, table: str) -> dict:
    """Set ``ax``'s title and legend by :func:`legend_layout`: with no legend the title says
    that ``table`` names the ``series``; returns the keyword arguments the figure is saved with
    (``bbox_inches="tight"`` when the legend is beside the axes).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The plot, its lines labelled.
    title : str
        The figure's title.
    series : int
        The lines drawn.
    table : str
        The file that names every series (``recipes.csv``).

    Returns
    -------
    dict
        For :func:`empirical.engine.plots.save_figure`.
    """
    legend, columns, beside = legend_layout(series)
    if not legend:
        title += f" ({series} series: {table} names them)"
    ax.set_title(title, fontsize=9)
    if beside:
        ax.legend(frameon=False, fontsize=6, ncol=columns, loc="upper left",
                  bbox_to_anchor=(1.01, 1.0))
    elif legend:
        ax.legend(frameon=False, fontsize=7)
    return {"bbox_inches": "tight" if beside else None}
