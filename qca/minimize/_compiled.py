"""Loading the compiled (numba) kernels, and saying so when one cannot be loaded.

numba is optional: without it every search runs in Python, silently, as documented. With
numba installed (and ``QCA_NO_NUMBA`` unset) a kernel that fails to load (no writable
cache directory, a broken install) would otherwise also fall back silently, to a slower
path whose effort-bounded searches and counts may stop earlier; a ``RuntimeWarning``
says so, once per kernel and process.
"""

from __future__ import annotations

import importlib
import importlib.util
import warnings
from types import ModuleType

__all__ = ["load_kernel"]

_warned: set[str] = set()


def load_kernel(name: str) -> ModuleType | None:
    """The compiled kernel module ``qca.minimize.<name>``, or None when it cannot load.

    >>> kernel = load_kernel("_bit_kernel")
    >>> kernel is None or callable(kernel.popcount)
    True
    """
    try:
        return importlib.import_module(f"qca.minimize.{name}")
    except (ImportError, RuntimeError) as exc:  # numba unusable here (e.g. no cache dir)
        if importlib.util.find_spec("numba") is not None and name not in _warned:
            _warned.add(name)
            warnings.warn(
                f"qca: the compiled kernel {name} could not be loaded "
                f"({type(exc).__name__}: {exc}); the slower pure-Python path runs instead, "
                "and its effort-bounded searches and counts may stop earlier (a result "
                "still says complete=True only when it is).",
                RuntimeWarning,
                stacklevel=2,
            )
        return None
