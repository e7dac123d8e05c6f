"""Bound definitions grouped by family; :data:`ALL_BOUNDS` is what the registry loads.

Examples
--------
>>> len({b.id for b in ALL_BOUNDS}) == len(ALL_BOUNDS)
True
"""

from capacity.bounds.boolean import BOOLEAN_BOUNDS
from capacity.bounds.exact import EXACT_BOUNDS
from capacity.bounds.information import INFORMATION_BOUNDS
from capacity.bounds.memorisation import MEMORISATION_BOUNDS
from capacity.bounds.perceptron import PERCEPTRON_BOUNDS
from capacity.bounds.vc import VC_BOUNDS

__all__ = ["ALL_BOUNDS"]

ALL_BOUNDS = (BOOLEAN_BOUNDS + EXACT_BOUNDS + VC_BOUNDS + MEMORISATION_BOUNDS + PERCEPTRON_BOUNDS
              + INFORMATION_BOUNDS)
