"""The ``qca`` command line (placeholder: being written)."""

from __future__ import annotations

import click

__all__ = ["cli"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="qca-toolkit")
def cli() -> None:
    """Qualitative Comparative Analysis on Excel case sheets."""
