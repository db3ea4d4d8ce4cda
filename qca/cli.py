"""The ``qca`` command line: QCA on Excel case sheets, without a line of code.

A thin layer over the library: each command reads a case sheet (.xlsx or .csv), calls
public functions of :mod:`qca` and prints the result as a methods section would report it,
or writes it to .xlsx, .csv, .json or Markdown. Errors in the data or the options exit
with code 1 and one message (no traceback unless ``--debug``); usage errors exit with 2.

>>> from click.testing import CliRunner
>>> CliRunner().invoke(cli, ["--version"]).output.startswith("qca, version")
True
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import shlex
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
import pandas as pd

from qca import __version__
from qca import report as rep
from qca.exceptions import InvalidParameterError, QCAError, QCAWarning, ReadError

__all__ = ["cli"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
FORMATS = ("xlsx", "csv", "json", "md")
EXAMPLE_BOOK = "cases/lipset.xlsx"


# --------------------------------------------------------------------------------------
# the group and error handling


class _Group(click.Group):
    """Lists the commands in the order of an analysis (run first), not alphabetically."""

    ORDER = (
        "run",
        "calibrate",
        "necessity",
        "truth-table",
        "minimize",
        "fit",
        "robustness",
        "ranges",
        "nca",
        "cluster",
        "theory",
        "cases",
        "simulate",
        "plot",
        "template",
    )

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = list(self.commands)
        rank = {name: i for i, name in enumerate(self.ORDER)}
        return sorted(names, key=lambda n: (rank.get(n, len(rank)), n))


@click.group(name="qca", cls=_Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(
    __version__, "--version", prog_name="qca", message="%(prog)s, version %(version)s"
)
@click.option("--debug", is_flag=True, help="Show the Python traceback when a command fails.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Qualitative Comparative Analysis on Excel case sheets.

    Give a case sheet (.xlsx, or .csv with --outcome) to `qca run` for the whole analysis
    (calibration, necessity, truth table, conservative, parsimonious and intermediate
    solutions with their fit), or run each step alone. `qca template` writes an empty,
    documented workbook to fill in. Exit codes: 0 success, 1 data or analysis error,
    2 usage error.

    \b
    Example:
        qca template mystudy.xlsx
        qca run cases/lipset.xlsx
        qca run cases/lipset.xlsx -o report.xlsx
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _debugging() -> bool:
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.params.get("debug") or (isinstance(ctx.obj, dict) and ctx.obj.get("debug")):
            return True
        ctx = ctx.parent
    return False


def _guard(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into one clean message and exit code 1 (traceback with --debug)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", QCAWarning)
                result = func(*args, **kwargs)
        except click.ClickException:
            raise
        except (QCAError, OSError, NotImplementedError) as exc:
            if _debugging():
                raise
            raise click.ClickException(_message(exc)) from None
        _pass_on(caught, quiet=bool(kwargs.get("quiet")))
        return result

    return wrapper


def _pass_on(caught: Sequence[warnings.WarningMessage], *, quiet: bool) -> None:
    """Warnings no command reported itself: QCAWarnings as one line on stderr, others as usual."""
    seen: set[str] = set()
    for item in caught:
        if issubclass(item.category, QCAWarning):
            text = str(item.message)
            if not quiet and text not in seen:
                click.echo(f"Warning: {text}", err=True)
            seen.add(text)
        else:
            warnings.warn_explicit(item.message, item.category, item.filename, item.lineno)


def _message(exc: BaseException) -> str:
    if isinstance(exc, NotImplementedError):
        return f"This step is not available in this version of qca: {exc}"
    if isinstance(exc, OSError) and not isinstance(exc, QCAError):
        name = getattr(exc, "filename", None)
        reason = exc.strerror or str(exc)
        return f"Cannot use the file '{name}': {reason}." if name else f"{reason}."
    return _command_line_hint(str(exc))


def _command(name: str, **kwargs: Any) -> Callable[[Callable[..., Any]], click.Command]:
    """``cli.command`` plus the --debug option and the error guard."""

    def decorate(func: Callable[..., Any]) -> click.Command:
        func = _guard(func)
        func = click.option(
            "--debug", is_flag=True, help="Show the Python traceback when the command fails."
        )(func)
        command = cli.command(name, **kwargs)(func)
        # list --debug last, next to --help
        command.params.sort(key=lambda p: p.name == "debug")
        return command

    return decorate


# --------------------------------------------------------------------------------------
# shared options


def _book_argument(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument("book", metavar="BOOK", type=click.Path(dir_okay=False))(func)


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    ctx.meta[f"qca.{param.name}"] = value
    return value


def _sheet_option(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--dropna",
        is_flag=True,
        expose_value=False,
        callback=_remember,
        help="Drop cases with missing values (with a warning) instead of stopping.",
    )(func)
    return click.option(
        "--sheet", default=None, help="Sheet holding the cases (default: 'cases', else the first)."
    )(func)


def _dropna() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get("qca.dropna"))


def _set_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--conditions",
        default=None,
        metavar="A,B,C",
        help="Conditions, comma-separated (default: the analysis sheet, else every other set).",
    )(func)
    func = click.option(
        "--outcome",
        default=None,
        metavar="SET",
        help="Outcome set, '~' for its negation (default: the analysis sheet).",
    )(func)
    return func


def _tt_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--exclude",
        default=None,
        metavar="ROWS",
        help="Truth table rows that may not serve as remainders, e.g. '3,7'.",
    )(func)
    func = click.option(
        "--pri-cut", default=None, metavar="X", help="Minimum PRI for a row coded 1 (default 0)."
    )(func)
    func = click.option(
        "--n-cut", default=None, metavar="N", help="Minimum number of cases in a row (default 1)."
    )(func)
    func = click.option(
        "--incl-cut",
        default=None,
        metavar="X[,Y]",
        help="Inclusion cut-off: one number, or '0.8,0.7' (rows between are contradictions C).",
    )(func)
    return func


def _minimize_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--esa/--no-esa",
        default=None,
        help="Enhanced standard analysis: no contradictory simplifying assumptions.",
    )(func)
    func = click.option(
        "--all-sol/--no-all-sol",
        default=None,
        help="Every irredundant model, not only the shortest ones.",
    )(func)
    func = click.option(
        "--row-dom/--no-row-dom",
        default=None,
        help="Drop prime implicants dominated by another one before solving the chart.",
    )(func)
    func = click.option(
        "--dir-exp",
        default=None,
        metavar="EXPECT",
        help="Directional expectations for the intermediate solution, e.g. 'DEV, ~IND'.",
    )(func)
    return func


def _output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=None,
        help="Format of --output (default: from its extension).",
    )(func)
    func = click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False),
        default=None,
        help="Also write the result to this file (.xlsx, .csv, .json or .md).",
    )(func)
    return func


def _print_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--json", "as_json", is_flag=True, help="Print one JSON object instead of text."
    )(func)
    func = click.option(
        "-q", "--quiet", is_flag=True, help="Print nothing on success (errors still show)."
    )(func)
    return func


# --------------------------------------------------------------------------------------
# parsing option values


def _parse_float(text: str, option: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise click.BadParameter(f"expected a number, got {text!r}.", param_hint=option) from None


def _parse_incl_cut(text: Any) -> float | tuple[float, float] | None:
    if text is None or isinstance(text, (float, int, tuple, list)):
        return text if not isinstance(text, list) else tuple(text)  # type: ignore[return-value]
    parts = [p.strip() for p in str(text).split(",") if p.strip()]
    if len(parts) == 1:
        return _parse_float(parts[0], "--incl-cut")
    if len(parts) == 2:
        return (_parse_float(parts[0], "--incl-cut"), _parse_float(parts[1], "--incl-cut"))
    raise click.BadParameter(
        f"expected one number or two ('0.8,0.7'), got {text!r}.", param_hint="--incl-cut"
    )


def _parse_int(text: Any, option: str) -> int | None:
    if text is None:
        return None
    try:
        return int(str(text).strip())
    except ValueError:
        raise click.BadParameter(
            f"expected a whole number, got {text!r}.", param_hint=option
        ) from None


def _parse_rows(text: Any) -> list[int] | None:
    if text is None:
        return None
    rows = []
    for part in str(text).replace(";", ",").split(","):
        if part.strip():
            value = _parse_int(part, "--exclude")
            if value is not None:
                rows.append(value)
    return rows


# --------------------------------------------------------------------------------------
# reading the input


@dataclass
class _Input:
    """A case sheet as the commands use it."""

    path: str
    data: pd.DataFrame  # memberships (calibrated when the workbook says how)
    cases: pd.DataFrame  # raw cases
    calibration: pd.DataFrame | None = None
    analysis: dict[str, Any] = field(default_factory=dict)
    sheet: str | None = None
    book: Any = None  # the qca.Workbook read, for .xlsx input


def _read(path: str, sheet: str | None) -> _Input:
    from qca.io import read_cases

    suffix = Path(path).suffix.lower()
    if not os.path.exists(path):
        raise ReadError(f"Cannot read '{path}': the file does not exist.")
    if suffix == ".csv":
        if sheet:
            raise InvalidParameterError(
                f"--sheet applies to .xlsx files, not to the CSV file '{path}'."
            )
        cases = read_cases(path, dropna=_dropna())
        return _Input(path, cases, cases)
    from qca.workbook import read_workbook  # says what to do with .xls and other files

    book = read_workbook(path, sheet=sheet, dropna=_dropna())
    data = book.calibrated()
    calibration = getattr(book, "calibration", None)
    if calibration is not None and len(calibration) == 0:
        calibration = None
    return _Input(
        path,
        data,
        book.cases,
        calibration,
        dict(getattr(book, "analysis", None) or {}),
        sheet,
        book,
    )


def _settings(inp: _Input, **given: Any) -> dict[str, Any]:
    """The analysis sheet's settings with the command-line options laid over them."""
    settings = dict(inp.analysis)
    for key, value in given.items():
        if value is not None:
            settings[key] = value
    if settings.get("conditions") is not None:
        settings["conditions"] = rep.split_list(settings["conditions"]) or None
    if isinstance(settings.get("exclude"), str):
        settings["exclude"] = _parse_rows(settings["exclude"])
    return settings


#: Settings of the analysis that truth_table and minimize take as keywords.
_ANALYSIS_KEYS = (
    "incl_cut", "n_cut", "pri_cut", "include", "dir_exp", "exclude", "row_dom", "all_sol", "esa",
)


def _analysis_options(settings: dict[str, Any], unset: tuple[Any, ...] = (None,)) -> dict[str, Any]:
    """The truth-table and minimize keywords among ``settings``, leaving out unset ones.

    >>> _analysis_options({"incl_cut": 0.8, "include": "", "outcome": "Y"}, unset=(None, ""))
    {'incl_cut': 0.8}
    """
    return {
        key: settings[key]
        for key in _ANALYSIS_KEYS
        if settings.get(key) not in unset
    }


def _require_outcome(settings: dict[str, Any], inp: _Input) -> str:
    outcome = settings.get("outcome")
    if not outcome:
        raise click.UsageError(
            f"No outcome: give --outcome, or an 'outcome' row in the analysis sheet of '{inp.path}'."
        )
    return str(outcome).strip()


def _command_line_hint(message: str) -> str:
    """Say library advice in command-line terms: ``esa=True`` -> ``--esa`` and
    ``exclude=[3, 7]`` -> ``--exclude 3,7``.

    >>> _command_line_hint("Exclude them with esa=True or exclude=[10, 12].")
    'Exclude them with --esa or --exclude 10,12.'
    """
    for python, option in (
        ("esa=True", "--esa"),
        ("drop_cases=True", "--drop-cases"),
        ("incl_cuts=", "--incl-cuts"),
        ("n_cuts=", "--n-cuts"),
    ):
        message = message.replace(python, option)
    return re.sub(
        r"exclude=\[([\d,\s]+)\]",
        lambda m: "--exclude " + ",".join(m.group(1).replace(" ", "").split(",")),
        message,
    )


def _command_line() -> str:
    """The command as typed (when run as ``qca`` or ``python -m qca``), else its name."""
    program = os.path.basename(sys.argv[0]) if sys.argv else ""
    if program in ("qca", "qca.exe", "__main__.py"):
        return " ".join(["qca", *(shlex.quote(a) for a in sys.argv[1:])])
    ctx = click.get_current_context(silent=True)
    return ctx.command_path if ctx is not None else "qca"


# --------------------------------------------------------------------------------------
# output


class _Progress:
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


def _output_format(output: str, fmt: str | None) -> str:
    if fmt:
        return fmt
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix in ("xlsx", "csv", "json", "md"):
        return suffix
    if suffix == "markdown":
        return "md"
    raise click.BadParameter(
        f"cannot tell the format of '{output}' from its extension; use .xlsx, .csv, .json, .md "
        "or --format.",
        param_hint="--output",
    )


def _check_format(output: str | None, fmt: str | None, book: str) -> None:
    """Check --output/--format before any work is done (usage errors exit with 2), and
    refuse an output that is the input file (exit 1)."""
    if output is None:
        if fmt is not None:
            raise click.UsageError("--format needs --output (-o).")
        return
    _output_format(output, fmt)
    rep.check_output_path(output, [book])


def _write(
    output: str | None,
    fmt: str | None,
    *,
    tables: Sequence[rep.Table],
    payload: Any,
    inp: _Input,
    options: dict[str, Any],
    title: str,
    quiet: bool,
    plots: Callable[[], tuple[list[rep.Plot], list[str]]] | None = None,
) -> None:
    """Write the report; ``plots`` (called only for .xlsx and .md) gives its figures."""
    if output is None:
        if fmt is not None:
            raise click.UsageError("--format needs --output (-o).")
        return
    kind = _output_format(output, fmt)
    rep.check_output_path(output, [inp.path])
    prov = rep.provenance(source=inp.path, command=_command_line(), options=options)
    figures: list[rep.Plot] | None = None
    notes: list[str] = []
    if plots is not None and kind in ("xlsx", "md"):
        figures, notes = _render_plots(plots)
    if kind == "xlsx":
        rep.write_xlsx(tables, output, provenance=prov, plots=figures, plot_notes=notes)
    elif kind == "md":
        rep.write_markdown(
            tables, output, title=title, provenance=prov, plots=figures, plot_notes=notes
        )
    elif kind == "json":
        rep.write_json(payload, output)
    else:
        rep.write_csv(tables[0], output)
    if not quiet:
        click.echo(f"Wrote {output}", err=True)


def _render_plots(
    plots: Callable[[], tuple[list[rep.Plot], list[str]]],
) -> tuple[list[rep.Plot], list[str]]:
    """Render a report's figures off screen (Agg), as ``qca plot`` does."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    return plots()


def _show(text: str, quiet: bool) -> None:
    if not quiet:
        click.echo(text)


# --------------------------------------------------------------------------------------
# qca run


@_command("run", short_help="The whole analysis a case sheet describes.")
@_book_argument
@_sheet_option
@_set_options
@_tt_options
@click.option(
    "--include",
    default=None,
    help="Remainders for the parsimonious and intermediate solutions: '?' (default) or '?, C'.",
)
@_minimize_options
@click.option(
    "--nec-incl-cut",
    default=0.9,
    show_default=True,
    type=click.FloatRange(0, 1),
    help="inclN cut-off of the search for necessary combinations.",
)
@click.option(
    "--nec-cov-cut",
    default=0.6,
    show_default=True,
    type=click.FloatRange(0, 1),
    help="covN cut-off of the search for necessary combinations.",
)
@click.option(
    "--no-plots",
    is_flag=True,
    help="Leave the plots out of the .xlsx/.md report (XY plot of each model, truth table).",
)
@_output_options
@_print_options
def run(
    book: str,
    sheet: str | None,
    outcome: str | None,
    conditions: str | None,
    incl_cut: str | None,
    n_cut: str | None,
    pri_cut: str | None,
    exclude: str | None,
    include: str | None,
    dir_exp: str | None,
    row_dom: bool | None,
    all_sol: bool | None,
    esa: bool | None,
    nec_incl_cut: float,
    nec_cov_cut: float,
    no_plots: bool,
    output: str | None,
    fmt: str | None,
    quiet: bool,
    as_json: bool,
    debug: bool,
) -> None:
    """Run the whole analysis that BOOK's sheets describe.

    Calibrates the raw measures as the `calibration` sheet says, tests the necessity of
    each condition (and searches necessary combinations), builds the truth table, and
    derives the conservative, parsimonious and (with directional expectations) intermediate
    solutions with their parameters of fit, simplifying assumptions and easy
    counterfactuals. Options override the `analysis` sheet, so a bare case sheet or a CSV
    file with --outcome is enough. With -o, also writes a report: a workbook (.xlsx, one
    sheet per step, a `plots` sheet and provenance) or Markdown (.md, its images in the
    folder <report name>_plots next to it); or the --json object (.json). The plots are
    the truth table and an XY plot of each model against the outcome; --no-plots leaves
    them out.

    \b
    Example:
        qca run cases/lipset.xlsx
        qca run cases/lipset.xlsx --incl-cut 0.9 --dir-exp "DEV, URB, LIT, IND, STB"
        qca run cases/lipset.xlsx -o lipset_report.xlsx
    """
    given = _tt_given(outcome, conditions, incl_cut, n_cut, pri_cut, exclude)
    _check_format(output, fmt, book)
    progress = _Progress(quiet or as_json)
    try:
        progress(f"reading {book}")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", QCAWarning)
            inp = _read(book, sheet)
        read_warnings = [str(w.message) for w in caught if issubclass(w.category, QCAWarning)]
        settings = _settings(
            inp,
            **given,
            include=include,
            dir_exp=dir_exp,
            row_dom=row_dom,
            all_sol=all_sol,
            esa=esa,
        )
        out = _require_outcome(settings, inp)
        keywords = _analysis_options(settings)
        analysis = rep.run_analysis(
            inp.data,
            out,
            settings.get("conditions"),
            nec_incl_cut=nec_incl_cut,
            nec_cov_cut=nec_cov_cut,
            calibration=inp.calibration,
            raw=inp.cases,
            labels=getattr(inp.book, "labels", None),
            source=os.path.basename(book),
            progress=progress,
            **keywords,
        )
    finally:
        progress.done()
    analysis = dataclasses.replace(
        analysis,
        warnings=list(
            dict.fromkeys(_command_line_hint(w) for w in [*read_warnings, *analysis.warnings])
        ),
    )
    payload = rep.analysis_dict(analysis)
    _write(
        output,
        fmt,
        tables=rep.analysis_tables(analysis),
        payload=payload,
        inp=inp,
        options=analysis.options,
        title=f"QCA report: {os.path.basename(book)}",
        quiet=quiet,
        plots=None if no_plots else lambda: rep.analysis_plots(analysis),
    )
    if as_json:
        click.echo(rep.dumps(payload))
    else:
        _show(rep.analysis_text(analysis), quiet)


# --------------------------------------------------------------------------------------
# qca template


@_command("template", short_help="Write an empty, documented case-sheet workbook.")
@click.argument("output", metavar="OUT.xlsx", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Replace OUT.xlsx if it exists.")
@_print_options
def template(output: str, force: bool, quiet: bool, as_json: bool, debug: bool) -> None:
    """Write an empty case-sheet workbook to fill in: sheets cases, calibration, analysis,
    README and labels, each documented.

    \b
    Example:
        qca template mystudy.xlsx
    """
    from qca.workbook import write_template

    if Path(output).suffix.lower() != ".xlsx":
        raise click.BadParameter(
            f"the template is an .xlsx workbook, got '{output}'.", param_hint="OUT.xlsx"
        )
    if os.path.exists(output) and not force:
        raise QCAError(f"'{output}' already exists; choose another name or add --force.")
    with rep.atomic_path(output) as tmp:
        write_template(tmp)
    if as_json:
        click.echo(rep.dumps({"template": output}))
    elif not quiet:
        click.echo(f"Wrote {output}: fill in the cases sheet, then run: qca run {output}")


# --------------------------------------------------------------------------------------
# step commands


def _emit(
    *,
    tables: Sequence[rep.Table],
    payload: Any,
    text: str,
    inp: _Input,
    options: dict[str, Any],
    title: str,
    output: str | None,
    fmt: str | None,
    quiet: bool,
    as_json: bool,
) -> None:
    _write(
        output,
        fmt,
        tables=tables,
        payload=payload,
        inp=inp,
        options=options,
        title=title,
        quiet=quiet,
    )
    if as_json:
        click.echo(rep.dumps(payload))
    else:
        _show(text, quiet)


def _warning_lines(messages: Sequence[str]) -> str:
    if not messages:
        return ""
    return "\n\nWarnings\n" + "\n".join(f"  - {m}" for m in messages)


@_command("calibrate", short_help="Calibrate raw measures into set memberships.")
@_book_argument
@_sheet_option
@_output_options
@_print_options
def calibrate_command(
    book: str,
    sheet: str | None,
    output: str | None,
    fmt: str | None,
    quiet: bool,
    as_json: bool,
    debug: bool,
) -> None:
    """Calibrate BOOK's raw measures as its `calibration` sheet says, and show the
    memberships of every case (sets already calibrated in the case sheet are kept).

    \b
    Example:
        qca calibrate cases/lipset.xlsx
        qca calibrate cases/lipset.xlsx -o lipset_sets.csv
    """
    _check_format(output, fmt, book)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QCAWarning)
        inp = _read(book, sheet)
    messages = list(dict.fromkeys(str(w.message) for w in caught))
    data = inp.data.copy()
    data.index.name = "case"
    tables = [rep.Table("calibrated", "Calibrated set memberships", data)]
    text = ""
    if inp.calibration is not None:
        tables.append(
            rep.Table(
                "calibration", "Calibration (anchors used)", inp.calibration, index_label=None
            )
        )
        brief = rep.calibration_brief(inp.calibration)
        if not any(brief["options"]):
            brief = brief.drop(columns=["options"])
        text = "Calibration\n" + rep.format_table(brief.set_index("set")) + "\n\n"
    text += "Calibrated set memberships\n" + rep.format_table(tables[0]) + _warning_lines(messages)
    payload = {
        "calibration": None if inp.calibration is None else rep.frame_records(inp.calibration),
        "data": rep.frame_records(data, "case"),
        "warnings": messages,
    }
    _emit(
        tables=tables,
        payload=payload,
        text=text,
        inp=inp,
        options={"sheet": sheet},
        title=f"Calibration: {os.path.basename(book)}",
        output=output,
        fmt=fmt,
        quiet=quiet,
        as_json=as_json,
    )


@_command("necessity", short_help="Necessity of each condition and necessary combinations.")
@_book_argument
@_sheet_option
@_set_options
@click.option(
    "--incl-cut", default=0.9, show_default=True, type=float, help="inclN cut-off of the search."
)
@click.option(
    "--cov-cut", default=0.6, show_default=True, type=float, help="covN cut-off of the search."
)
@click.option(
    "--ron-cut", default=0.0, show_default=True, type=float, help="RoN cut-off of the search."
)
@click.option("--depth", default=None, type=int, help="Largest number of conditions combined.")
@_output_options
@_print_options
def necessity_command(
    book: str,
    sheet: str | None,
    outcome: str | None,
    conditions: str | None,
    incl_cut: float,
    cov_cut: float,
    ron_cut: float,
    depth: int | None,
    output: str | None,
    fmt: str | None,
    quiet: bool,
    as_json: bool,
    debug: bool,
) -> None:
    """Test the necessity of each condition and its negation for the outcome (inclN, RoN,
    covN), then search necessary combinations (R QCA's superSubset: conjunctions and
    disjunctions passing the cut-offs).

    \b
    Example:
        qca necessity cases/lipset.xlsx
        qca necessity cases/lipset.xlsx --outcome "~SURV" --incl-cut 0.8 --cov-cut 0.5
    """
    from qca.fit import fit
    from qca.super_subset import super_subset

    _check_format(output, fmt, book)
    inp = _read(book, sheet)
    settings = _settings(inp, outcome=outcome, conditions=conditions)
    out = _require_outcome(settings, inp)
    conds = settings.get("conditions") or [c for c in inp.data.columns if c != out.lstrip("~")]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QCAWarning)
        terms = " + ".join(rep.condition_literals(inp.data, conds))
        single = fit(terms, out, inp.data, relation="necessity")
        single = rep.necessity_frame(single.loc[[i for i in single.index if i != "expression"]])
        combos = rep.necessity_frame(
            super_subset(
                inp.data,
                out,
                conds,
                relation="necessity",
                incl_cut=incl_cut,
                cov_cut=cov_cut,
                ron_cut=ron_cut,
                depth=depth,
            )
        )
    messages = list(dict.fromkeys(str(w.message) for w in caught))
    cuts = f"inclN >= {incl_cut:g}, covN >= {cov_cut:g}" + (
        f", RoN >= {ron_cut:g}" if ron_cut else ""
    )
    tables = [
        rep.Table("necessity", f"Necessity of each condition for {out}", single),
        rep.Table("necessity_combinations", f"Necessary combinations ({cuts})", combos),
    ]
    text = (
        f"{tables[0].title}\n{rep.format_table(single)}\n\n{tables[1].title}"
        + (": none" if combos.empty else "\n" + rep.format_table(combos))
        + _warning_lines(messages)
    )
    payload = {
        "outcome": out,
        "conditions": rep.frame_records(single, "expression"),
        "combinations": rep.frame_records(combos, "expression"),
        "warnings": messages,
    }
    _emit(
        tables=tables,
        payload=payload,
        text=text,
        inp=inp,
        options={
            "outcome": out,
            "conditions": conds,
            "incl_cut": incl_cut,
            "cov_cut": cov_cut,
            "ron_cut": ron_cut,
            "depth": depth,
        },
        title=f"Necessity: {os.path.basename(book)}",
        output=output,
        fmt=fmt,
        quiet=quiet,
        as_json=as_json,
    )


def _truth_table(inp: _Input, settings: dict[str, Any], **extra: Any) -> Any:
    from qca.truth_table import truth_table

    out = _require_outcome(settings, inp)
    keywords = {
        k: settings[k] for k in ("incl_cut", "n_cut", "pri_cut") if settings.get(k) is not None
    }
    if settings.get("exclude"):
        keywords["exclude"] = settings["exclude"]
    return truth_table(
        inp.data, out, settings.get("conditions"), show_cases=True, **keywords, **extra
    )


@_command("truth-table", short_help="Build the truth table.")
@_book_argument
@_sheet_option
@_set_options
@_tt_options
@click.option("--complete", is_flag=True, help="List the remainders (rows without cases) too.")
@click.option(
    "--sort-by", default=None, metavar="KEYS", help="Sort by these columns, e.g. 'incl,n'."
)
@_output_options
@_print_options
def truth_table_command(
    book: str,
    sheet: str | None,
    outcome: str | None,
    conditions: str | None,
    incl_cut: str | None,
    n_cut: str | None,
    pri_cut: str | None,
    exclude: str | None,
    complete: bool,
    sort_by: str | None,
    output: str | None,
    fmt: str | None,
    quiet: bool,
    as_json: bool,
    debug: bool,
) -> None:
    """Build the truth table of BOOK: one row per configuration with its output code (OUT),
    number of cases (n), inclusion (incl), PRI and case names.

    \b
    Example:
        qca truth-table cases/lipset.xlsx --incl-cut 0.8
        qca truth-table cases/lipset.xlsx --sort-by incl,n -o lipset_tt.csv
    """
    given = _tt_given(outcome, conditions, incl_cut, n_cut, pri_cut, exclude)
    _check_format(output, fmt, book)
    inp = _read(book, sheet)
    settings = _settings(inp, **given)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QCAWarning)
        tt = _truth_table(inp, settings, complete=complete, sort_by=rep.split_list(sort_by) or None)
    messages = list(dict.fromkeys(str(w.message) for w in caught))
    frame = rep.truth_table_frame(tt)
    table = rep.Table("truth_table", f"Truth table of {tt.outcome}", frame)
    payload = {
        "outcome": tt.outcome,
        "conditions": list(tt.conditions),
        "truth_table": rep.frame_records(frame, "row"),
        "warnings": messages,
    }
    _emit(
        tables=[table],
        payload=payload,
        text=f"{table.title}\n{rep.format_table(table)}" + _warning_lines(messages),
        inp=inp,
        options={**settings, "complete": complete, "sort_by": sort_by},
        title=f"Truth table: {os.path.basename(book)}",
        output=output,
        fmt=fmt,
        quiet=quiet,
        as_json=as_json,
    )


def _tt_given(
    outcome: str | None,
    conditions: str | None,
    incl_cut: str | None,
    n_cut: str | None,
    pri_cut: str | None,
    exclude: str | None,
) -> dict[str, Any]:
    """The truth-table options as given on the command line, parsed (None when not given)."""
    return {
        "outcome": outcome,
        "conditions": conditions,
        "incl_cut": _parse_incl_cut(incl_cut),
        "n_cut": _parse_int(n_cut, "--n-cut"),
        "pri_cut": None if pri_cut is None else _parse_float(pri_cut, "--pri-cut"),
        "exclude": _parse_rows(exclude),
    }


@_command("minimize", short_help="Minimize the truth table: models with their fit.")
@_book_argument
@_sheet_option
@_set_options
@_tt_options
@click.option(
    "--include",
    default=None,
    help="'' conservative, '?' parsimonious, '?, C' also contradictions "
    "(default: the analysis sheet, else '').",
)
@_minimize_options
@_output_options
@_print_options
def minimize_command(
    book: str,
    sheet: str | None,
    outcome: str | None,
    conditions: str | None,
    incl_cut: str | None,
    n_cut: str | None,
    pri_cut: str | None,
    exclude: str | None,
    include: str | None,
    dir_exp: str | None,
    row_dom: bool | None,
    all_sol: bool | None,
    esa: bool | None,
    output: str | None,
    fmt: str | None,
    quiet: bool,
    as_json: bool,
    debug: bool,
) -> None:
    """Minimize BOOK's truth table and show every minimal model (M1, M2, ... when several
    fit equally), the fit of each term and model, the cases each term covers, and the
    simplifying assumptions (with --dir-exp: the intermediate solution and its easy and
    difficult counterfactuals).

    \b
    Example:
        qca minimize cases/lipset.xlsx --incl-cut 0.8 --include "?"
        qca minimize cases/lipset.xlsx --include "?" --dir-exp "DEV, URB, LIT, IND, STB"
    """
    from qca.minimize import minimize

    given = _tt_given(outcome, conditions, incl_cut, n_cut, pri_cut, exclude)
    _check_format(output, fmt, book)
    inp = _read(book, sheet)
    settings = _settings(
        inp,
        **given,
        include=include,
        dir_exp=dir_exp,
        row_dom=row_dom,
        all_sol=all_sol,
        esa=esa,
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QCAWarning)
        tt = _truth_table(inp, settings)
        inc = settings.get("include")
        inc = "" if inc is None else str(inc)
        dx = settings.get("dir_exp") or None
        if dx and not inc:
            inc = "?"
        sol = minimize(
            tt,
            include=inc,
            dir_exp=dx,
            row_dom=bool(settings.get("row_dom") or False),
            all_sol=bool(settings.get("all_sol") or False),
            esa=bool(settings.get("esa") or False),
        )
    messages = list(dict.fromkeys(str(w.message) for w in caught))
    kind = "intermediate" if dx else ("conservative" if not inc else "parsimonious")
    result = rep.SolutionResult(kind, inc, rep.solution_models(kind, sol), solution=sol, dir_exp=dx)
    if getattr(sol, "complete", True) is False:
        messages.append("The model list is incomplete. " + "; ".join(str(n) for n in sol.notes))
    frame = rep.solution_frame(result)
    tables = [
        rep.Table(kind, rep.solution_title(result), frame, index_label=None),
        rep.Table(
            "assumptions",
            "Simplifying assumptions and counterfactuals",
            rep.assumptions_frame({kind: result}),
            index_label=None,
        ),
        rep.Table(
            "assumption_rows",
            "Configurations of the simplifying assumptions and counterfactuals",
            rep.assumption_rows_frame({kind: result}),
            index_label=None,
        ),
    ]
    payload = {
        "outcome": tt.outcome,
        "conditions": list(tt.conditions),
        "solutions": {kind: [rep.model_dict(m) for m in result.models]},
        "warnings": messages,
    }
    text = "\n".join(rep.solution_text(result, tt.outcome)) + _warning_lines(messages)
    _emit(
        tables=tables,
        payload=payload,
        text=text,
        inp=inp,
        options={**settings, "include": inc},
        title=f"Minimization: {os.path.basename(book)}",
        output=output,
        fmt=fmt,
        quiet=quiet,
        as_json=as_json,
    )


@_command("fit", short_help="Parameters of fit of an expression.")
@_book_argument
@click.argument("expression", metavar="EXPR")
@_sheet_option
@click.option(
    "--outcome", default=None, metavar="SET", help="Outcome set (default: the analysis sheet)."
)
@click.option("--necessity", is_flag=True, help="Test EXPR as necessary (inclN, RoN, covN).")
@_output_options
@_print_options
def fit_command(
    book: str,
    expression: str,
    sheet: str | None,
    outcome: str | None,
    necessity: bool,
    output: str | None,
    fmt: str | None,
    quiet: bool,
    as_json: bool,
    debug: bool,
) -> None:
    """Parameters of fit of EXPR (a sum of products such as 'DEV*~IND + URB*STB') for the
    outcome: inclS, PRI, covS and covU of each term and of the whole expression, or with
    --necessity inclN, RoN and covN. EXPR may name its outcome with an arrow:
    'DEV*~IND + URB*STB -> SURV' (sufficiency), 'LIT + STB <- SURV' (necessity).

    \b
    Example:
        qca fit cases/lipset.xlsx "DEV*~IND + URB*STB"
        qca fit cases/lipset.xlsx "LIT + STB" --outcome SURV --necessity
        qca fit cases/lipset.xlsx "LIT*STB <- SURV"
    """
    from qca.fit import fit

    _check_format(output, fmt, book)
    from qca.expr import parse_expression

    parsed = parse_expression(expression)
    inp = _read(book, sheet)
    relation = "necessity" if necessity else "sufficiency"
    if parsed.relation is not None and parsed.outcome is not None:
        # 'A*B -> Y' / 'A + B <- Y': the expression gives the outcome and the relation
        if necessity and parsed.relation != "necessity":
            raise click.UsageError(f"--necessity contradicts the arrow of '{expression}'.")
        relation, out, given = parsed.relation, str(parsed.outcome), outcome
        title = f"Fit of {expression} ({relation})"
    else:
        out = given = _require_outcome(_settings(inp, outcome=outcome), inp)
        arrow = "<-" if relation == "necessity" else "->"
        title = f"Fit of {expression} {arrow} {out} ({relation})"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QCAWarning)
        frame = fit(expression, given, inp.data, relation=relation)
    messages = list(dict.fromkeys(str(w.message) for w in caught))
    frame = frame.copy()
    frame.index.name = "term"
    table = rep.Table("fit", title, frame)
    payload = {
        "expression": expression,
        "outcome": out,
        "relation": relation,
        "fit": rep.frame_records(frame, "term"),
        "warnings": messages,
    }
    _emit(
        tables=[table],
        payload=payload,
        text=f"{table.title}\n{rep.format_table(table)}" + _warning_lines(messages),
        inp=inp,
        options={"expression": expression, "outcome": out, "relation": relation},
        title=f"Fit: {os.path.basename(book)}",
        output=output,
        fmt=fmt,
        quiet=quiet,
        as_json=as_json,
    )


# --------------------------------------------------------------------------------------
# qca robustness


def _backend_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--workers and --scheduler: where a sweep of independent runs is computed."""
    func = click.option(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="Run on a Dask cluster, e.g. tcp://10.0.0.5:8786 (pip install 'qca-toolkit[dask]').",
    )(func)
    func = click.option(
        "--workers",
        "--jobs",
        "workers",
        default=None,
        type=int,
        help="Local processes (-1: every CPU). Default: serial, then every CPU when it pays.",
    )(func)
    return func


def _sweep_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--workers, --scheduler and --record (the resumable record of every finished run)."""
    func = click.option(
        "--record",
        default=None,
        type=click.Path(dir_okay=False),
        metavar="FILE.jsonl",
        help="Record every finished run in FILE.jsonl; the same command started again "
        "after a crash or kill resumes from the finished runs.",
    )(func)
    return _backend_options(func)


def _parse_numbers(text: str | None, option: str, *, integer: bool = False) -> list[Any] | None:
    if text is None:
        return None
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if integer:
        return [_parse_int(p, option) for p in parts]
    return [_parse_float(p, option) for p in parts]


@_command("robustness", short_help="Robustness of the solution to calibration and cut-offs.")
@_book_argument
@_sheet_option
@_set_options
@_tt_options
@click.option(
    "--include", default=None, help="'?' tests the parsimonious solution (default: conservative)."
)
@_minimize_options
@click.option(
    "--incl-cuts",
    default=None,
    metavar="X,Y,...",
    help="Alternative incl_cut values, e.g. '0.75,0.85'.",
)
@click.option(
    "--n-cuts", default=None, metavar="N,M,...", help="Alternative n_cut values, e.g. '2,3'."
)
@click.option(
    "--shifts",
    default=None,
    metavar="F,G,...",
    help="Anchor moves as fractions of the exclusion-inclusion distance (default -0.1,-0.05,0.05,0.1).",
)
@click.option("--drop-cases", is_flag=True, help="Also one run per case, leaving it out.")
@_sweep_options
@click.option(
    "--plot",
    "plot_path",
    default=None,
    type=click.Path(dir_okay=False),
    help="Also draw term survival to this image (.png, .svg or .pdf).",
)
@_output_options
@_print_options
def robustness_command(
    book: str,
    sheet: str | None,
    outcome: str | None,
    conditions: str | None,
    incl_cut: str | None,
    n_cut: str | None,
    pri_cut: str | None,
    exclude: str | None,
    include: str | None,
    dir_exp: str | None,
    row_dom: bool | None,
    all_sol: bool | None,
    esa: bool | None,
    incl_cuts: str | None,
    n_cuts: str | None,
    shifts: str | None,
    drop_cases: bool,
    workers: int | None,
    scheduler: str | None,
    record: str | None,
    plot_path: str | None,
    output: str | None,
    fmt: str | None,
    quiet: bool,
    as_json: bool,
    debug: bool,
) -> None:
    """Test how robust BOOK's solution is: re-run the analysis with each calibration anchor
    moved, with other inclusion and frequency cut-offs, and (with --drop-cases) without
    each case; report term survival, the core terms, the robust core and Oana &
    Schneider's robustness fit parameters (RF_cons, RF_cov, RF_SC_minTS, RF_SC_maxTS).
    `--json` prints the result's to_dict().

    \b
    Example:
        qca robustness cases/lipset.xlsx --incl-cuts 0.75,0.85 --n-cuts 2
        qca robustness cases/lipset.xlsx --include "?" --json
        qca robustness cases/lipset.xlsx --workers 2 --record lipset_runs.jsonl
    """
    from qca.robustness import robustness

    given = _tt_given(outcome, conditions, incl_cut, n_cut, pri_cut, exclude)
    alt_incl = _parse_numbers(incl_cuts, "--incl-cuts")
    alt_n = _parse_numbers(n_cuts, "--n-cuts", integer=True)
    moves = _parse_numbers(shifts, "--shifts")
    _check_format(output, fmt, book)
    if plot_path is not None:
        _plot_format(plot_path)
    inp = _read(book, sheet)
    settings = _settings(
        inp,
        **given,
        include=include,
        dir_exp=dir_exp,
        row_dom=row_dom,
        all_sol=all_sol,
        esa=esa,
    )
    out = _require_outcome(settings, inp)
    options = _analysis_options(settings, unset=(None, "", []))
    extra: dict[str, Any] = {}
    if moves is not None:
        extra["shifts"] = tuple(moves)
    source: Any = inp.book if inp.book is not None else inp.data
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QCAWarning)
        result = robustness(
            source,
            out,
            settings.get("conditions"),
            incl_cuts=alt_incl,
            n_cuts=alt_n,
            drop_cases=drop_cases,
            jobs=workers,
            scheduler=scheduler,
            output=record,
            progress=False if (quiet or as_json) else None,
            **extra,
            **options,
        )
    messages = list(dict.fromkeys(str(w.message) for w in caught))
    tables = _robustness_tables(result)
    payload = result.to_dict()
    payload["warnings"] = messages
    if plot_path is not None:
        _save_plot(plot_path, [inp.path], lambda: _robustness_axes(result))
    _emit(
        tables=tables,
        payload=payload,
        text=_robustness_text(result, tables) + _warning_lines(messages),
        inp=inp,
        options={
            **options,
            "outcome": out,
            "incl_cuts": alt_incl,
            "n_cuts": alt_n,
            "shifts": moves,
            "drop_cases": drop_cases,
        },
        title=f"Robustness: {os.path.basename(book)}",
        output=output,
        fmt=fmt,
        quiet=quiet,
        as_json=as_json,
    )


def _robustness_axes(result: Any) -> Any:
    from qca.plot import robustness_plot

    return robustness_plot(result)


def _robustness_tables(result: Any) -> list[rep.Table]:
    survival = pd.DataFrame({"share of runs": result.term_survival})
    survival.index.name = "term"
    fit = pd.DataFrame({"value": result.fit})
    fit.index.name = "parameter"
    cases = result.cases.copy()
    cases.index.name = "case"
    runs = result.runs.copy()
    runs.index = range(1, len(runs) + 1)
    runs.index.name = "run"
    return [
        rep.Table("term_survival", "Term survival", survival),
        rep.Table("robustness_fit", "Robustness fit parameters", fit),
        rep.Table("cases", "Cases: initial solution (IS), robust core (RC), status kept", cases),
        rep.Table("runs", "Runs", runs),
    ]


def _robustness_text(result: Any, tables: Sequence[rep.Table]) -> str:
    lines = [
        f"Robustness of the solution for {result.outcome}: "
        f"IS = {' + '.join(result.initial_terms) or '(empty)'}",
        f"  {len(result.runs)} alternative runs, {result.valid_runs} valid.",
        f"  Core terms (in every model of every run): {', '.join(result.core_terms) or 'none'}.",
        "",
    ]
    for table in tables:
        lines.append(table.title)
        lines.append(rep.format_table(table))
        lines.append("")
    return "\n".join(lines).rstrip()


# --------------------------------------------------------------------------------------
# qca plot

PLOT_FORMATS = (".png", ".svg", ".pdf")


def _plot_format(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in PLOT_FORMATS:
        raise click.BadParameter(
            f"an image ends in .png, .svg or .pdf, got '{path}'.", param_hint="--output"
        )
    return suffix


def _save_plot(path: str, inputs: Sequence[str], draw: Callable[[], Any]) -> None:
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


@_command("plot", short_help="XY plot of a set relation, or a truth-table chart.")
@_book_argument
@_sheet_option
@click.option(
    "--x", "x", default=None, metavar="EXPR", help="Expression on the x axis, e.g. 'DEV*~IND'."
)
@click.option(
    "--y", "y", default=None, metavar="SET", help="Set on the y axis (default: the outcome)."
)
@click.option(
    "--kind",
    type=click.Choice(["xy", "truth-table"]),
    default="xy",
    show_default=True,
    help="xy: memberships in X against Y; truth-table: the truth table as a grid.",
)
@click.option("--necessity", is_flag=True, help="Read the XY plot as a necessity relation.")
@click.option("--no-labels", is_flag=True, help="Do not label the points with case names.")
@click.option("--conditions", default=None, metavar="A,B,C", help="Conditions of the truth table.")
@click.option(
    "--incl-cut", default=None, metavar="X[,Y]", help="Inclusion cut-off of the truth table."
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="The image to write: .png, .svg or .pdf.",
)
@_print_options
def plot_command(
    book: str,
    sheet: str | None,
    x: str | None,
    y: str | None,
    kind: str,
    necessity: bool,
    no_labels: bool,
    conditions: str | None,
    incl_cut: str | None,
    output: str,
    quiet: bool,
    as_json: bool,
    debug: bool,
) -> None:
    """Draw an XY plot of X against Y (with inclusion and coverage in the title), or the
    truth table as a grid, and write it to a PNG, SVG or PDF file.

    \b
    Example:
        qca plot cases/lipset.xlsx --x "DEV*~IND + URB*STB" --y SURV -o lipset_xy.png
        qca plot cases/lipset.xlsx --kind truth-table -o lipset_tt.svg
    """
    from qca.plot import truth_table_plot, xy_plot

    _plot_format(output)
    cut = _parse_incl_cut(incl_cut)
    if kind == "xy" and not x:
        raise click.UsageError("An XY plot needs --x EXPR.")
    inp = _read(book, sheet)
    settings = _settings(inp, outcome=y, conditions=conditions, incl_cut=cut)
    target = _require_outcome(settings, inp)

    def draw() -> Any:
        if kind == "xy":
            relation = "necessity" if necessity else "sufficiency"
            return xy_plot(inp.data, x, target, relation=relation, labels=not no_labels)
        return truth_table_plot(_truth_table(inp, settings))

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QCAWarning)
        _save_plot(output, [inp.path], draw)
    messages = list(dict.fromkeys(str(w.message) for w in caught))
    if as_json:
        click.echo(
            rep.dumps({"plot": output, "kind": kind, "x": x, "y": target, "warnings": messages})
        )
    elif not quiet:
        click.echo(f"Wrote {output}" + _warning_lines(messages))


# Commands beyond minimization (issue 15) register on the group from their own module.
from qca import cli_methods as _cli_methods  # noqa: E402,F401
from qca import cli_sweeps as _cli_sweeps  # noqa: E402,F401
