"""``python -m qca`` runs the command line (the same as the ``qca`` script)."""

from qca.cli import cli

__all__: list[str] = []

if __name__ == "__main__":
    cli(prog_name="qca")
