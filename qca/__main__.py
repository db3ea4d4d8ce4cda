"""``python -m qca`` runs the command line."""

from qca.cli import cli

if __name__ == "__main__":
    cli()
