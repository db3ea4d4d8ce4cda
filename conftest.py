"""Collection rules for the whole repository (tests, benchmarks and doctests in qca/)."""

import importlib.util

# the compiled kernels (qca/minimize/*_kernel.py) import numba (the optional ``fast``
# extra); without it the pure-Python paths run and their tests check them alone
collect_ignore_glob = [] if importlib.util.find_spec("numba") else ["qca/minimize/*_kernel.py"]
