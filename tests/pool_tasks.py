"""Tasks for tests of worker processes, in a module with no imports of its own.

A spawned worker unpickles a task by importing the module that defines it: a task defined in a
test module made every worker import that module's imports (torch, dask, the compare stack),
2-5 s a worker on the 2-core box. Tasks that need torch import it when they run.
"""

from __future__ import annotations

import os
import sys
import time


def square_or_fail(x):
    if x < 0:
        raise ValueError(f"negative task {x}")
    return x * x


def slow_square(x):
    """``x * x`` after one second."""
    time.sleep(1.0)
    return x * x


def brief_square(x):
    """``x * x`` after 0.3 s."""
    time.sleep(0.3)
    return x * x


def identity(x):
    return x


def torch_threads(_):
    import torch

    return torch.get_num_threads()


def loaded_and_pid(name):
    return name in sys.modules, os.getpid()


def fail_positive(x):
    if x > 0:
        raise ValueError(f"task {x}")
    return x


def key_error(x):
    raise KeyError(f"k{x}")


def mark(arg):
    """Touch ``folder/x`` after 0.2 s; a negative ``x`` fails at once."""
    folder, x = arg
    if x < 0:
        raise ValueError("the first task fails")
    time.sleep(0.2)
    open(os.path.join(folder, str(x)), "w").close()
    return x


def fails_on_two(x):
    if x == 2:
        raise ValueError("task 2 failed")
    return x * 10
