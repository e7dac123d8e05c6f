"""Memory curves: memorised count and bits against the number of points, and the capacity knee.

Modules: ``curve`` (training the curve), ``analysis`` (knee, capacity interval), ``report``
(figure, table, folder), ``scaling`` (one search per n and the exponent of the needed size).
Imports the engine, sweeps (phenomena, fits), search, and capacity (the registered bound).
"""
