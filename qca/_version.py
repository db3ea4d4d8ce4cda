"""The version of qca (its own module, so that no module imports the package for it)."""

__version__ = "0.1.0"
