"""Memory curves: memorised count and bits against the number of points, and the capacity knee.

Modules: ``curve`` (training the curve), ``analysis`` (read-outs, knee, capacity interval),
``report`` (figure, table, folder). Imports the engine, sweeps (phenomena) and search.
"""
