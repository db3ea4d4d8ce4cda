"""Collection rules for the whole repository (tests, benchmarks and doctests in qca/)."""

import importlib.util

# the compiled PI kernel imports numba (the optional ``fast`` extra); without it the
# pure-Python path runs and tests/test_transversal.py checks it alone
collect_ignore = [] if importlib.util.find_spec("numba") else [
    "qca/minimize/_mmcs_kernel.py", "qca/minimize/_count_tree_kernel.py"
]
