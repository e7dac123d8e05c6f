"""Which maps gradient descent finds hard: the trainability gap (issue 15).

Modules: ``sign`` (sign-unit training with the straight-through estimator, hardening to integer
weights, exact verification), ``known`` (the smallest sign network known for a function: exact
for M ≤ 4, else the best construction), ``result`` (typed results), ``compute`` (the study;
its function families come from :mod:`constructions.families`), ``workers`` (the search workers
of the sign, densely connected and scaled-initialisation studies), ``recipes`` (is it the network
or the recipe?), ``topology`` (stacked vs densely connected MLPs: the parameters each
needs), ``report``, ``recipes_report``, ``topology_report`` (tables, figures, folders).
Imports the engine, the search and constructions.
"""

__all__: list[str] = []
