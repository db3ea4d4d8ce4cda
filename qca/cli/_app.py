"""The command group, error handling and shared options of the ``qca`` command line.

Every command is a few lines over the library: parse its options, build a
:class:`qca.Analysis` (:func:`analysis_of`: the options laid over the workbook's analysis
sheet, one precedence rule), run it, and hand the result to a renderer of
:mod:`qca.report` through :meth:`qca.cli._output.Output.emit`. Errors in the data or the
options exit with code 1 and one message (no traceback unless ``--debug``); usage errors
exit with 2.

>>> from click.testing import CliRunner
>>> CliRunner().invoke(cli, ["--version"]).output.startswith("qca, version")
True
"""

from __future__ import annotations

import contextlib
import functools
import re
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import click

from qca._version import __version__
from qca.analysis import Analysis, Source, read_source
from qca.cli._output import terminal
from qca.exceptions import QCAError, QCAWarning

__all__ = ["cli", "analysis_of", "source_of"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
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
        "configurations",
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

    def invoke(self, ctx: click.Context) -> Any:
        """Every error message shortened and made safe for the terminal (a 100,000-character
        argument is not echoed back); Ctrl-C, or a signal during a write, is one line and
        exit 130 (not Click's "Aborted!" and exit 1)."""
        from qca._files import WriteInterrupted
        from qca._sanitize import message_text

        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            exc.message = message_text(exc.message)  # type: ignore[misc]
            raise
        except WriteInterrupted as exc:
            raise _Interrupted(message_text(str(exc))) from None
        except KeyboardInterrupt:
            raise _Interrupted("Interrupted (SIGINT).") from None


class _Interrupted(click.ClickException):
    """Ctrl-C (SIGINT), or SIGTERM while writing: one line, exit code 130 (as a shell
    reports Ctrl-C)."""

    exit_code = 130


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
    """Turn library errors into one clean message and exit code 1 (traceback with --debug,
    which the command itself is not given: :func:`_debugging` reads it)."""

    @functools.wraps(func)
    def wrapper(*args: Any, debug: bool = False, **kwargs: Any) -> Any:
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
                click.echo(terminal(f"Warning: {text}"), err=True)
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


def _analysis_options(
    *, include: str | None = None, minimize: bool = True
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """BOOK, --sheet/--dropna, and the options of the analysis: the sets, the truth table,
    --include (when its help is given) and the minimization (when ``minimize``). The
    command takes BOOK and ``sheet``; the options of the analysis reach it as ``**typed``,
    for :func:`given_options`."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        if minimize:
            func = _minimize_options(func)
        if include is not None:
            func = click.option("--include", default=None, help=include)(func)
        return _book_argument(_sheet_option(_set_options(_tt_options(func))))

    return decorate


def _max_models_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """--max-models N (the keyword ``max_models``, a string: :func:`given_options` or
    :func:`_parse_int` parses it, the analysis checks it)."""
    return click.option(
        "--max-models",
        default=None,
        metavar="N",
        help="List at most N minimal models per solution (default 10000); all of them are "
        "still counted and described as a core plus alternatives.",
    )(func)


def _minimize_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = _max_models_option(func)
    func = click.option(
        "--method",
        default=None,
        metavar="METHOD",
        help="'complete' (default: every minimal model) or 'ccubes' (R QCA's list of "
        "models: its default search, which can miss minimal models).",
    )(func)
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


def _fraction_option(name: str, default: float, help: str) -> Callable[[Any], Any]:
    """An option taking a number in [0, 1] (a cut-off), its default shown in --help."""
    return click.option(
        name, default=default, show_default=True, type=click.FloatRange(0, 1), help=help
    )


def _count_option(name: str, default: int, help: str, minimum: int = 1) -> Callable[[Any], Any]:
    """An option taking a whole number >= ``minimum``, its default shown in --help."""
    return click.option(
        name, default=default, show_default=True, type=click.IntRange(min=minimum), help=help
    )


def _outcome_option(help: str = "Outcome (default: the analysis sheet).") -> Callable[[Any], Any]:
    """--outcome SET of a command that names no conditions."""
    return click.option("--outcome", default=None, metavar="SET", help=help)


def _use_labels_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--use-labels",
        is_flag=True,
        help="Show the sets' labels in place of their names (R's use.labels).",
    )(func)


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
# the input, read once; the analysis, built once


def source_of(book: str, sheet: str | None) -> Source:
    """BOOK read and calibrated once; its warnings stay in ``Source.notes`` and are shown
    with the result (not twice)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QCAWarning)
        return read_source(book, sheet=sheet, dropna=_dropna())


def analysis_of(source: Source, **options: Any) -> Analysis:
    """The :class:`qca.Analysis` of the command: options given (not None) > the analysis
    sheet > the defaults, as :meth:`qca.Analysis.from_workbook` resolves them."""
    if options.get("outcome") is None and not source.settings.get("outcome"):
        raise click.UsageError(
            f"No outcome: give --outcome, or an 'outcome' row in the analysis sheet of "
            f"'{source.path}'."
        )
    return Analysis.from_workbook(source, **options)


def given_options(
    *,
    outcome: str | None = None,
    conditions: str | None = None,
    incl_cut: str | None = None,
    n_cut: str | None = None,
    pri_cut: str | None = None,
    exclude: str | None = None,
    max_models: str | None = None,
    **flags: Any,
) -> dict[str, Any]:
    """The analysis options as typed on the command line, parsed; None when not given,
    an empty value kept empty (``--dir-exp ""``: no expectations)."""
    return {
        "outcome": outcome,
        "conditions": conditions,
        "incl_cut": _parse_incl_cut(incl_cut),
        "n_cut": _parse_int(n_cut, "--n-cut"),
        "pri_cut": None if pri_cut is None else _parse_float(pri_cut, "--pri-cut"),
        "exclude": _parse_rows(exclude),
        "max_models": _parse_int(max_models, "--max-models"),
        **flags,
    }


def _command_line_hint(message: str) -> str:
    """Say library advice in command-line terms: ``esa=True`` -> ``--esa``,
    ``exclude=[3, 7]`` -> ``--exclude 3,7`` and an option of the analysis by its flag.

    >>> _command_line_hint("Exclude them with esa=True or exclude=[10, 12].")
    'Exclude them with --esa or --exclude 10,12.'
    >>> _command_line_hint("The 'n_cut' parameter of Analysis must be an integer >= 1.")
    'The option --n-cut must be an integer >= 1.'
    """
    for python, option in (
        ("esa=True", "--esa"),
        ("drop_cases=True", "--drop-cases"),
        ("incl_cuts=", "--incl-cuts"),
        ("n_cuts=", "--n-cuts"),
    ):
        message = message.replace(python, option)
    message = re.sub(
        r"The '(\w+)' parameter of Analysis",
        lambda m: f"The option --{m.group(1).replace('_', '-')}",
        message,
    )
    return re.sub(
        r"exclude=\[([\d,\s]+)\]",
        lambda m: "--exclude " + ",".join(m.group(1).replace(" ", "").split(",")),
        message,
    )


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


# --------------------------------------------------------------------------------------
# results as the command line shows them


@contextlib.contextmanager
def _caught(notes: Sequence[str] = ()) -> Iterator[list[str]]:
    """The warnings of the block, after ``notes``, worded for the command line, each once:
    the list given is filled when the block ends."""
    messages: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QCAWarning)
        yield messages
    messages += _hints([*notes, *(str(w.message) for w in caught)])


def _quietly(compute: Callable[[], Any]) -> Any:
    """Run ``compute`` without passing its QCAWarnings on: the result keeps them and the
    command shows them once, in its own output."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QCAWarning)
        return compute()


def _hints(messages: Sequence[str]) -> list[str]:
    """Messages worded for the command line, each once."""
    return list(dict.fromkeys(_command_line_hint(m) for m in messages))


def _hinted(result: Any) -> Any:
    """An :class:`qca.AnalysisResult` whose warnings are worded for the command line."""
    import dataclasses

    return dataclasses.replace(result, warnings=tuple(_hints(result.warnings)))


def _table_options(analysis: Analysis) -> dict[str, Any]:
    """The options a truth table depends on (for provenance)."""
    keys = ("outcome", "conditions", "incl_cut", "n_cut", "pri_cut", "exclude")
    return {k: v for k, v in analysis.options().items() if k in keys}


def _solution_options(analysis: Analysis) -> dict[str, Any]:
    """The options a solution depends on (for provenance)."""
    return {k: v for k, v in analysis.options().items() if not k.startswith("nec_")}
