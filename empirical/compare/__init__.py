"""The comparison: proven bounds, verified constructions and trained sizes side by side; the tour.

Modules: ``rows`` (bounds and construction columns, no torch), ``compute`` (the trained column
and the typed result), ``findings`` (what a result says, in words), ``plot`` (figures),
``report`` (markdown, CSV, folder), ``tour`` (the end-to-end main job). Imports engine and search.
"""
