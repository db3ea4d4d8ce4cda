"""The ``qca`` command line: QCA on Excel case sheets, without a line of code.

A thin layer over the library: each command reads a case sheet (.xlsx or .csv) once,
builds the :class:`qca.Analysis` its options and the workbook's analysis sheet describe,
runs it, and renders the result with :mod:`qca.report` (text, or .xlsx, .csv, .json,
Markdown). Errors in the data or the options exit with code 1 and one message (no
traceback unless ``--debug``); usage errors exit with 2.

- :mod:`qca.cli._app` -- the group, error handling, shared options;
- :mod:`qca.cli._output` -- what a command writes and prints (:meth:`Output.emit`);
- :mod:`qca.cli.commands` -- run, template, calibrate, necessity, truth-table, minimize, fit;
- :mod:`qca.cli.configurations` -- configurations (the Fiss 2011 table);
- :mod:`qca.cli.variants` -- robustness, plot;
- :mod:`qca.cli.methods` -- nca, cluster, theory, cases, ranges (issue 15);
- :mod:`qca.cli.sweeps` -- simulate (issue 16).

A new command is a function in one of these modules (or a new one imported here)
decorated with ``@_command(name)`` and the shared option decorators; see
docs/architecture.md.

>>> from click.testing import CliRunner
>>> CliRunner().invoke(cli, ["--version"]).output.startswith("qca, version")
True
"""

from qca.cli import commands, configurations, methods, sweeps, variants  # noqa: F401  (registers the commands)
from qca.cli._app import analysis_of, cli, given_options, source_of
from qca.cli._output import Progress as _Progress

__all__ = ["cli", "analysis_of", "given_options", "source_of", "_Progress"]
