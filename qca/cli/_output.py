"""What a command gives back: the report it writes (-o/--format), what it prints (text,
or one JSON object with --json; nothing with -q), progress on stderr, and images.

Every command that writes a report takes :func:`output_options` and ends with one call,
:meth:`Output.emit`.

>>> Output(None, None, quiet=True, as_json=False).silent
True
"""

from __future__ import annotations

import functools
import os
import shlex
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from qca import report as rep

__all__ = ["Output", "output_options"]

FORMATS = ("xlsx", "csv", "json", "md")
PLOT_FORMATS = (".png", ".svg", ".pdf")


@dataclass(frozen=True)
class Output:
    """The options -o/--output, --format, -q/--quiet and --json of one command."""

    path: str | None
    fmt: str | None
    quiet: bool
    as_json: bool

    @property
    def silent(self) -> bool:
        """Nothing but the result on stdout, no progress on stderr (-q or --json)."""
        return self.quiet or self.as_json

    def check(self, book: str) -> None:
        """Check -o/--format before any work is done (usage errors exit with 2), and
        refuse an output that is the input file (exit 1)."""
        if self.path is None:
            if self.fmt is not None:
                raise click.UsageError("--format needs --output (-o).")
            return
        _output_format(self.path, self.fmt)
        rep.check_output_path(self.path, [book])

    def emit(
        self,
        book: str,
        heading: str,
        *,
        tables: Sequence[rep.Table] | Callable[[], Sequence[rep.Table]],
        payload: Any,
        options: dict[str, Any],
        text: str | Callable[[], str] | None = None,
        warnings: Sequence[str] = (),
        plots: Callable[[], tuple[list[rep.Plot], list[str]]] | None = None,
    ) -> None:
        """Write the report of BOOK (titled ``heading: <book name>``) to -o, then print
        ``payload`` as JSON (--json) or ``text`` (default: each table under its title)
        followed by ``warnings``.

        ``plots`` (called only for .xlsx and .md) gives the report's figures; ``text`` and
        ``tables`` may be functions, called only when needed (--json needs neither)."""
        self.check(book)
        if callable(tables):
            written = self.path is not None and _output_format(self.path, self.fmt) != "json"
            printed = not self.as_json and not self.quiet and text is None
            tables = tables() if written or printed else ()
        output = self.path
        if output is not None:
            kind = _output_format(output, self.fmt)
            prov = rep.provenance(source=book, command=_command_line(), options=options)
            figures: list[rep.Plot] | None = None
            notes: list[str] = []
            if plots is not None and kind in ("xlsx", "md"):
                figures, notes = _render_plots(plots)
            if kind == "xlsx":
                rep.write_xlsx(tables, output, provenance=prov, plots=figures, plot_notes=notes)
            elif kind == "md":
                title = f"{heading}: {os.path.basename(book)}"
                rep.write_markdown(
                    tables, output, title=title, provenance=prov, plots=figures, plot_notes=notes
                )
            elif kind == "json":
                rep.write_json(payload, output)
            else:
                rep.write_csv(tables[0], output)
            if not self.quiet:
                click.echo(terminal(f"Wrote {output}"), err=True)
        if self.as_json:
            click.echo(rep.dumps(payload))
        elif not self.quiet:
            if text is None:
                text = "\n\n".join(f"{t.title}\n{rep.format_table(t)}" for t in tables)
            text = text() if callable(text) else text
            click.echo(terminal(text + warning_lines(warnings)))


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """-o/--output, --format, -q/--quiet and --json, handed to the command as one
    :class:`Output`, the keyword ``out``."""

    @functools.wraps(func)
    def command(
        *args: Any, output: str | None, fmt: str | None, quiet: bool, as_json: bool, **kwargs: Any
    ) -> Any:
        return func(*args, out=Output(output, fmt, quiet, as_json), **kwargs)

    decorated: Callable[..., Any] = print_options(command)
    decorated = click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=None,
        help="Format of --output (default: from its extension).",
    )(decorated)
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False),
        default=None,
        help="Also write the result to this file (.xlsx, .csv, .json or .md).",
    )(decorated)


def print_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """-q/--quiet and --json (the keywords ``quiet`` and ``as_json``)."""
    func = click.option(
        "--json", "as_json", is_flag=True, help="Print one JSON object instead of text."
    )(func)
    return click.option(
        "-q", "--quiet", is_flag=True, help="Print nothing on success (errors still show)."
    )(func)


def _output_format(output: str, fmt: str | None) -> str:
    if fmt:
        return fmt
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    if suffix == "markdown":
        return "md"
    raise click.BadParameter(
        f"cannot tell the format of '{output}' from its extension; use .xlsx, .csv, .json, .md "
        "or --format.",
        param_hint="--output",
    )


def _render_plots(
    plots: Callable[[], tuple[list[rep.Plot], list[str]]],
) -> tuple[list[rep.Plot], list[str]]:
    """Render a report's figures off screen (Agg), as ``qca plot`` does."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    return plots()


def _command_line() -> str:
    """The command as typed (when run as ``qca`` or ``python -m qca``), else its name."""
    program = os.path.basename(sys.argv[0]) if sys.argv else ""
    if program in ("qca", "qca.exe", "__main__.py"):
        return " ".join(["qca", *(shlex.quote(a) for a in sys.argv[1:])])
    ctx = click.get_current_context(silent=True)
    return ctx.command_path if ctx is not None else "qca"


def show(text: str, quiet: bool) -> None:
    """Print ``text`` (made safe for the terminal) unless ``quiet``."""
    if not quiet:
        click.echo(terminal(text))


def terminal(text: str) -> str:
    """Text from the user's data with the characters a terminal obeys (escape sequences,
    bell, carriage return) written as escapes: shown, never acted on."""
    from qca._sanitize import terminal_text

    return terminal_text(text)


def warning_lines(messages: Sequence[str]) -> str:
    """The warnings section that ends a command's text ("" when there are none)."""
    if not messages:
        return ""
    return "\n\nWarnings\n" + "\n".join(f"  - {m}" for m in messages)


# --------------------------------------------------------------------------------------
# progress


class Progress:
    """Progress on stderr, only when stderr is a terminal and not --quiet, and only for a
    step still running after ``delay`` seconds (quick steps print nothing).

    Call it with the name of each step as the step starts; ``done()`` at the end.
    """

    def __init__(self, quiet: bool, delay: float = 1.0) -> None:
        isatty = getattr(sys.stderr, "isatty", None)
        self.on = bool(not quiet and isatty is not None and isatty())
        self.delay = delay
        self._timer: threading.Timer | None = None

    def __call__(self, message: str) -> None:
        self.done()
        if self.on:
            stream = sys.stderr
            self._timer = threading.Timer(
                self.delay, lambda: click.echo(f"qca: {message}...", err=True, file=stream)
            )
            self._timer.daemon = True
            self._timer.start()

    def done(self) -> None:
        """Stop waiting to report the current step."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


# --------------------------------------------------------------------------------------
# images


def plot_option(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--plot FILE (the keyword ``plot_path``): also draw a figure to this image."""
    return click.option(
        "--plot", "plot_path", default=None, type=click.Path(dir_okay=False), help=help
    )


def plot_format(path: str, option: str = "--output") -> str:
    """The image format of ``path`` (.png, .svg or .pdf), else a usage error."""
    suffix = Path(path).suffix.lower()
    if suffix not in PLOT_FORMATS:
        raise click.BadParameter(
            f"an image ends in .png, .svg or .pdf, got '{path}'.", param_hint=option
        )
    return suffix


def save_plot(path: str, inputs: Sequence[str], draw: Callable[[], Any]) -> None:
    """Draw (``draw`` returns the axes) and write the image atomically; never over an input."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from qca.plot import save_figure

    rep.check_output_path(path, inputs)
    ax = draw()
    try:
        with rep.atomic_path(path) as tmp:
            save_figure(ax, tmp)
    finally:
        plt.close(ax.figure)
