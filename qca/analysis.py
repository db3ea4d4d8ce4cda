"""One analysis, everywhere: the resolved specification :class:`Analysis` and its result.

An :class:`Analysis` is what a user asks for -- the data (calibrated memberships), the
outcome (possibly negated), the conditions, the truth-table cut-offs, the remainders
allowed, the directional expectations, the exclusions (with ESA) and which solution
types are wanted. It is built from keyword arguments, from a workbook's ``analysis``
sheet (:meth:`Analysis.from_workbook`), or from command-line options (the same call,
options not given being None), with one precedence rule: **an option given > the
analysis sheet > the default**, where a value given empty means empty (``dir_exp=""``
means no expectations, ``exclude=[]`` no exclusions). It is validated once, when built.

:meth:`Analysis.run` computes everything once and returns an :class:`AnalysisResult`
(necessity, truth table, solutions with their fit, checks, warnings, provenance) that
the command line, every report renderer (:mod:`qca.report`), the plots and
:func:`qca.robustness` read; none of them reads the sheet or derives an option again.

Expectations and exclusions belong to an outcome: the sheet's ``dir_exp`` and
``exclude`` are those of its ``outcome``; ``negated_dir_exp`` and ``negated_exclude``
those of its negation. Analysing another outcome (``~SURV`` when the sheet says
``SURV``) never reuses them: a QCAWarning names the outcome, the settings left out and
the fix.

>>> import pandas as pd
>>> import qca
>>> data = pd.DataFrame(
...     {"A": [1, 1, 0, 0, 1], "B": [1, 0, 1, 0, 1], "Y": [1, 1, 0, 0, 1]},
...     index=list("abcde"),
... )
>>> analysis = qca.Analysis(data, "Y", include="?")
>>> analysis.solution_type
'parsimonious'
>>> result = analysis.run()
>>> [str(m.model) for m in result.solutions["parsimonious"].models]
['A']
"""

from __future__ import annotations

import dataclasses
import math
import os
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from qca._results import AnalysisResult, ModelResult, SolutionResult
from qca._validation import check_bool, check_fraction, check_int, check_sets
from qca._workbook_sheets import OPTION_KEYS
from qca.exceptions import InvalidParameterError, QCAWarning, ReadError
from qca.minimize._chart import MAX_MODELS
from qca.minimize._minimize import check_method

__all__ = [
    "Analysis",
    "AnalysisResult",
    "ModelResult",
    "SolutionResult",
    "SOLUTION_TYPES",
    "OPTION_KEYS",
    "Source",
    "read_source",
    "split_list",
]

#: The solution types, in the order reports show them.
SOLUTION_TYPES = ("conservative", "parsimonious", "intermediate")
#: Settings written for one outcome (the sheet's) and never reused for another.
OUTCOME_BOUND = ("dir_exp", "exclude")
#: The steps :meth:`Analysis.run` can take.
STEPS = ("necessity", "truth_table", "solutions", "checks")
_DEFAULTS: dict[str, Any] = {
    "conditions": (),
    "incl_cut": 1.0,
    "n_cut": 1,
    "pri_cut": 0.0,
    "include": "",
    "dir_exp": None,
    "exclude": (),
    "row_dom": False,
    "all_sol": False,
    "esa": False,
    "method": "complete",
    "max_models": MAX_MODELS,
}
_WHERE = "Analysis"


# --------------------------------------------------------------------------- reading
@dataclass(frozen=True, eq=False)
class Source:
    """A case sheet as read once: memberships, raw cases, codebook, sheet settings."""

    path: str | None
    data: pd.DataFrame
    raw: pd.DataFrame
    calibration: pd.DataFrame | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def read_source(path: str | os.PathLike[str], *, sheet: str | None = None, dropna: bool = False) -> Source:
    """Read a case sheet (.xlsx workbook, or .csv) and calibrate it as its codebook says.

    The QCAWarnings of reading and calibrating are raised (once) and kept in ``notes``.
    """
    from qca.io import read_cases

    text = os.fspath(path)
    if not os.path.exists(text):
        raise ReadError(f"Cannot read '{text}': the file does not exist.")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QCAWarning)
        if Path(text).suffix.lower() == ".csv":
            if sheet:
                raise InvalidParameterError(
                    f"--sheet applies to .xlsx files, not to the CSV file '{text}'."
                )
            cases = read_cases(text, dropna=dropna)
            source = Source(text, cases, cases)
        else:
            from qca.workbook import read_workbook

            source = source_of_workbook(read_workbook(text, sheet=sheet, dropna=dropna))
    notes = _pass_on(caught)
    return dataclasses.replace(source, notes=tuple(dict.fromkeys([*source.notes, *notes])))


def source_of_workbook(book: Any) -> Source:
    """A :class:`qca.Workbook` as a :class:`Source` (calibrated once)."""
    calibration = book.calibration
    if calibration is not None and len(calibration) == 0:
        calibration = None
    return Source(
        str(book.path),
        book.calibrated(),
        book.cases,
        calibration,
        dict(book.analysis or {}),
        dict(book.labels or {}),
    )


def _pass_on(caught: Iterable[warnings.WarningMessage]) -> list[str]:
    """Raise the caught warnings again (each once) and return the QCAWarnings' texts."""
    texts: list[str] = []
    for item in caught:
        if issubclass(item.category, QCAWarning):
            if str(item.message) not in texts:
                texts.append(str(item.message))
                warnings.warn(str(item.message), QCAWarning, stacklevel=3)
        else:
            warnings.warn_explicit(item.message, item.category, item.filename, item.lineno)
    return texts


def split_list(text: Any) -> list[str]:
    """Split a comma-separated setting (``"DEV, URB"``) into names; lists pass through.

    >>> split_list("DEV, URB ,LIT"), split_list(["A", "B"]), split_list(None)
    (['DEV', 'URB', 'LIT'], ['A', 'B'], [])
    """
    if text is None:
        return []
    if isinstance(text, str):
        return [part.strip() for part in text.split(",") if part.strip()]
    if isinstance(text, float) and math.isnan(text):
        return []
    return [str(part).strip() for part in text]


def _outcome_name(outcome: str) -> str:
    return outcome.strip().lstrip("~").strip()


def _same_outcome(a: str, b: str) -> bool:
    return a.replace(" ", "") == b.replace(" ", "")


def negation_of(outcome: str) -> str:
    """``"SURV"`` -> ``"~SURV"`` and back.

    >>> negation_of("SURV"), negation_of("~SURV")
    ('~SURV', 'SURV')
    """
    text = outcome.replace(" ", "")
    return text[1:] if text.startswith("~") else "~" + text


def _rows(value: Any) -> tuple[int, ...]:
    """Row numbers from a list or from text ``"3, 7"``."""
    if value is None:
        return ()
    if isinstance(value, str):
        parts = [p for p in value.replace(";", ",").split(",") if p.strip()]
        try:
            return tuple(int(p.strip()) for p in parts)
        except ValueError:
            raise InvalidParameterError(
                f"The 'exclude' parameter of {_WHERE} must be truth-table row numbers such as "
                f"'3, 7' or [3, 7]. Got {value!r} instead."
            ) from None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = [value]
    try:
        return tuple(check_int(v, "exclude", _WHERE, minimum=1) for v in value)
    except TypeError:
        raise InvalidParameterError(
            f"The 'exclude' parameter of {_WHERE} must be truth-table row numbers such as "
            f"[3, 7]. Got {value!r} instead."
        ) from None


def _include(value: Any) -> str:
    """``include`` as one of ``""``, ``"?"``, ``"C"``, ``"?, C"``."""
    parts = split_list(value) if value is not None else []
    upper = [p.upper() for p in parts]
    if any(p not in ("?", "C") for p in upper):
        raise InvalidParameterError(
            f"The 'include' parameter of {_WHERE} must be '' (conservative), '?' "
            f"(parsimonious), 'C' or '?, C'. Got {value!r} instead."
        )
    return ", ".join(dict.fromkeys(upper))


def with_remainders(include: str) -> str:
    """``include`` with ``"?"`` added (parsimonious and intermediate solutions).

    >>> with_remainders(""), with_remainders("C"), with_remainders("?, C")
    ('?', '?, C', '?, C')
    """
    return include if "?" in include else ", ".join(["?", include]).rstrip(", ")


# --------------------------------------------------------------------------- the spec
@dataclass(frozen=True, eq=False)
class Analysis:
    """The resolved, validated specification of one QCA.

    Parameters
    ----------
    data : pandas.DataFrame
        Calibrated set memberships, one row per case.
    outcome : str
        The outcome set, ``"~SURV"`` for its negation.
    conditions : sequence of str, optional
        The conditions; default (empty) every other set.
    incl_cut : float or (float, float), default=1.0
    n_cut : int, default=1
    pri_cut : float, default=0.0
        Truth-table cut-offs (:func:`qca.truth_table`).
    include : str, default=""
        Remainders allowed: ``""`` (conservative), ``"?"`` (parsimonious), ``"?, C"``.
    dir_exp : str or mapping, optional
        Directional expectations; when given the analysis asks for the intermediate
        solution (``"?"`` is then added to ``include``).
    exclude : sequence of int, default=()
        Rows that may not serve as remainders.
    row_dom, all_sol, esa : bool, default=False
        As :func:`qca.minimize`; ``esa`` excludes the contradictory simplifying
        assumptions and simultaneous subset relations, computed once per analysis.
    method : str, default="complete"
        As :func:`qca.minimize`: ``"complete"`` lists every minimal model, ``"ccubes"``
        R QCA's list (its default CCubes search).
    max_models : int, default=10_000
        As :func:`qca.minimize`: the most minimal models listed per solution (their
        number is counted and all are described however many there are).
    solutions : "all" or sequence of str, default=()
        The solution types wanted: empty for the one the options ask for
        (:attr:`solution_type`), ``"all"`` for conservative, parsimonious and, with
        ``dir_exp``, intermediate.
    nec_incl_cut, nec_cov_cut, nec_ron_cut : float, default=0.9, 0.6, 0.0
    nec_depth : int, optional
        Cut-offs of the search for necessary combinations (:func:`qca.super_subset`).
    source : str, optional
        The file read (kept for provenance).
    raw, calibration, labels
        The raw cases, the codebook and set labels (kept for reports and robustness).
    notes : tuple of str
        Warnings raised while the case sheet was read and calibrated.
    set_aside : tuple of str
        Why sheet settings were not used (expectations or exclusions written for
        another outcome); raised as QCAWarnings when solutions are computed.
    origin : mapping
        For each option, where its value came from: ``"given"``, ``"sheet"`` or
        ``"default"``.

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, 1], "Y": [1, 0, 1]})
    >>> a = Analysis(data, "Y", incl_cut=0.8, dir_exp="A, B")
    >>> a.conditions, a.solution_type, a.include
    (('A', 'B'), 'intermediate', '')
    >>> Analysis(data, "Y", n_cut=0)
    Traceback (most recent call last):
    ...
    qca.exceptions.InvalidParameterError: The 'n_cut' parameter of Analysis must be an integer >= 1. Got 0 instead.
    """

    data: pd.DataFrame
    outcome: str
    conditions: Sequence[str] = ()
    incl_cut: float | tuple[float, float] = 1.0
    n_cut: int = 1
    pri_cut: float = 0.0
    include: str = ""
    dir_exp: Any = None
    exclude: Sequence[int] = ()
    row_dom: bool = False
    all_sol: bool = False
    esa: bool = False
    method: str = "complete"
    max_models: int = MAX_MODELS
    solutions: str | Sequence[str] = ()
    nec_incl_cut: float = 0.9
    nec_cov_cut: float = 0.6
    nec_ron_cut: float = 0.0
    nec_depth: int | None = None
    source: str | None = None
    raw: pd.DataFrame | None = None
    calibration: pd.DataFrame | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    set_aside: tuple[str, ...] = ()
    origin: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        put = object.__setattr__
        if not isinstance(self.data, pd.DataFrame):
            raise InvalidParameterError(
                f"The 'data' parameter of {_WHERE} must be a pandas DataFrame of set "
                f"memberships. Got {type(self.data).__name__} instead."
            )
        if not isinstance(self.outcome, str) or not self.outcome.strip():
            raise InvalidParameterError(
                f"The 'outcome' parameter of {_WHERE} must be a set name such as 'SURV' or "
                f"'~SURV'. Got {self.outcome!r} instead."
            )
        put(self, "outcome", self.outcome.strip())
        conditions = split_list(self.conditions)
        name = _outcome_name(self.outcome)
        if not conditions:
            conditions = [str(c) for c in self.data.columns if c != name]
        check_sets(self.data, [*conditions, name])
        put(self, "conditions", tuple(conditions))
        cut = self.incl_cut
        if isinstance(cut, (list, tuple)):
            if len(cut) != 2:
                raise InvalidParameterError(
                    f"The 'incl_cut' parameter of {_WHERE} must be a float in [0, 1] or a pair "
                    f"(incl1, incl0). Got {cut!r} instead."
                )
            put(self, "incl_cut", tuple(check_fraction(c, "incl_cut", _WHERE) for c in cut))
        else:
            put(self, "incl_cut", check_fraction(cut, "incl_cut", _WHERE))
        put(self, "n_cut", check_int(self.n_cut, "n_cut", _WHERE, minimum=1))
        put(self, "pri_cut", check_fraction(self.pri_cut, "pri_cut", _WHERE))
        put(self, "include", _include(self.include))
        dir_exp = self.dir_exp
        if isinstance(dir_exp, str):
            dir_exp = dir_exp.strip() or None
        elif isinstance(dir_exp, Mapping):
            dir_exp = dict(dir_exp) or None
        elif dir_exp is not None:
            raise InvalidParameterError(
                f"The 'dir_exp' parameter of {_WHERE} must be a string such as 'DEV, ~IND' or "
                f"a mapping such as {{'DEV': 1, 'IND': 0}}. Got {dir_exp!r} instead."
            )
        put(self, "dir_exp", dir_exp)
        put(self, "exclude", tuple(sorted(set(_rows(self.exclude)))))
        for flag in ("row_dom", "all_sol", "esa"):
            put(self, flag, check_bool(getattr(self, flag), flag, _WHERE))
        put(self, "method", check_method(self.method, _WHERE))
        put(self, "max_models", check_int(self.max_models, "max_models", _WHERE, minimum=1))
        put(self, "solutions", self._solution_types(self.solutions))
        for cut_name in ("nec_incl_cut", "nec_cov_cut", "nec_ron_cut"):
            put(self, cut_name, check_fraction(getattr(self, cut_name), cut_name, _WHERE))
        if self.nec_depth is not None:
            put(self, "nec_depth", check_int(self.nec_depth, "nec_depth", _WHERE, minimum=1))
        put(self, "labels", dict(self.labels or {}))
        put(self, "notes", tuple(self.notes))
        put(self, "set_aside", tuple(self.set_aside))
        put(self, "origin", dict(self.origin or {}))

    def _solution_types(self, value: Any) -> tuple[str, ...]:
        if isinstance(value, str) and value == "all":
            kinds = ["conservative", "parsimonious"]
            return tuple(kinds + (["intermediate"] if self.dir_exp else []))
        kinds = split_list(value)
        unknown = [k for k in kinds if k not in SOLUTION_TYPES]
        if unknown or (isinstance(value, str) and not kinds and value):
            raise InvalidParameterError(
                f"The 'solutions' parameter of {_WHERE} must be 'all' or solution types among "
                f"{', '.join(SOLUTION_TYPES)}. Got {value!r} instead."
            )
        if "intermediate" in kinds and not self.dir_exp:
            raise InvalidParameterError(
                f"The intermediate solution needs directional expectations (dir_exp). "
                f"Got solutions={value!r} without them."
            )
        if not kinds:
            kinds = [self.solution_type]
        return tuple(k for k in SOLUTION_TYPES if k in kinds)

    # ------------------------------------------------------------------ building
    @classmethod
    def from_workbook(
        cls,
        book: Any,
        *,
        sheet: str | None = None,
        dropna: bool = False,
        **options: Any,
    ) -> Analysis:
        """The analysis a workbook describes, with ``options`` laid over its sheet.

        Parameters
        ----------
        book : str, Path, Workbook or Source
            A case sheet (.xlsx with optional ``calibration`` and ``analysis`` sheets, or
            .csv), a :class:`qca.Workbook`, or a :class:`Source` already read.
        sheet, dropna
            As :func:`qca.read_workbook`.
        **options
            Any parameter of :class:`Analysis` (``outcome``, ``incl_cut``, ``dir_exp``,
            ...). None means "not given": the sheet's value, else the default, is used.
            A value given empty is kept: ``dir_exp=""`` means no expectations.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> import pandas as pd
        >>> from qca.workbook import write_workbook
        >>> cases = pd.DataFrame(
        ...     {"A": [1, 0, 1], "B": [0, 1, 1], "Y": [1, 0, 1]},
        ...     index=pd.Index(["x", "y", "z"], name="case"),
        ... )
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "study.xlsx"
        >>> _ = write_workbook(path, cases, analysis={"outcome": "Y", "dir_exp": "A, B"})
        >>> Analysis.from_workbook(path).solution_type
        'intermediate'
        >>> Analysis.from_workbook(path, dir_exp="").solution_type
        'conservative'
        """
        if isinstance(book, Source):
            source = book
        elif isinstance(book, (str, os.PathLike)):
            source = read_source(book, sheet=sheet, dropna=dropna)
        elif hasattr(book, "cases") and hasattr(book, "calibrated"):
            source = source_of_workbook(book)
        else:
            raise InvalidParameterError(
                f"The 'book' parameter of {_WHERE}.from_workbook must be the path of a case "
                f"sheet, a Workbook or a Source. Got {type(book).__name__} instead."
            )
        fields = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(options) - fields)
        if unknown:
            raise InvalidParameterError(
                f"{_WHERE}.from_workbook got unknown option(s) {unknown}; valid: "
                f"{', '.join(sorted(fields - {'data', 'source', 'raw', 'calibration'}))}."
            )
        settings, origin, notes = resolve(source.settings, options)
        if not settings.get("outcome"):
            where = f" of '{source.path}'" if source.path else ""
            raise InvalidParameterError(
                f"No outcome: give --outcome (outcome=...), or an 'outcome' row in the "
                f"analysis sheet{where}."
            )
        extra = {k: v for k, v in options.items() if k not in OPTION_KEYS and v is not None}
        return cls(
            source.data,
            **settings,
            **extra,
            source=source.path,
            raw=source.raw,
            calibration=source.calibration,
            labels=source.labels,
            notes=source.notes,
            set_aside=tuple(notes),
            origin=origin,
        )

    # ------------------------------------------------------------------ derived
    @property
    def solution_type(self) -> str:
        """The one solution type the options ask for: ``"intermediate"`` with ``dir_exp``,
        else ``"parsimonious"`` when ``include`` has ``"?"``, else ``"conservative"``."""
        if self.dir_exp:
            return "intermediate"
        return "parsimonious" if "?" in self.include else "conservative"

    def include_for(self, kind: str) -> str:
        """The ``include`` a solution type is minimized with: ``""`` for the conservative
        solution, ``include`` with ``"?"`` added for the others."""
        return "" if kind == "conservative" else with_remainders(self.include)

    def truth_table_options(self) -> dict[str, Any]:
        """The keywords of :func:`qca.truth_table` this analysis uses."""
        return {
            "incl_cut": self.incl_cut,
            "n_cut": self.n_cut,
            "pri_cut": self.pri_cut,
            "exclude": list(self.exclude) or None,
        }

    def minimize_options(self, kind: str | None = None) -> dict[str, Any]:
        """The keywords of :func:`qca.minimize` for a solution type (default
        :attr:`solution_type`)."""
        kind = kind or self.solution_type
        return {
            "include": self.include_for(kind),
            "dir_exp": self.dir_exp if kind == "intermediate" else None,
            "row_dom": self.row_dom,
            "all_sol": self.all_sol,
            "esa": self.esa,
            "method": self.method,
            "max_models": self.max_models,
        }

    def options(self) -> dict[str, Any]:
        """Every option, as reports and provenance list them."""
        return {
            "outcome": self.outcome,
            "conditions": list(self.conditions),
            "incl_cut": self.incl_cut,
            "n_cut": self.n_cut,
            "pri_cut": self.pri_cut,
            "include": self.include,
            "dir_exp": self.dir_exp,
            "exclude": list(self.exclude),
            "row_dom": self.row_dom,
            "all_sol": self.all_sol,
            "esa": self.esa,
            "method": self.method,
            "max_models": self.max_models,
            "nec_incl_cut": self.nec_incl_cut,
            "nec_cov_cut": self.nec_cov_cut,
        }

    def replace(self, **changes: Any) -> Analysis:
        """A copy with some options changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def build_truth_table(self, **display: Any) -> Any:
        """The truth table (:func:`qca.truth_table`); ``display`` adds ``complete`` or
        ``sort_by``."""
        from qca.truth_table import truth_table

        return truth_table(
            self.data,
            self.outcome,
            list(self.conditions),
            show_cases=True,
            **self.truth_table_options(),
            **display,
        )

    def run(
        self,
        *,
        steps: Iterable[str] = STEPS,
        progress: Callable[[str], None] | None = None,
    ) -> AnalysisResult:
        """Compute the analysis: each step once, in order.

        Parameters
        ----------
        steps : iterable of str, default=all
            Among ``"necessity"``, ``"truth_table"``, ``"solutions"`` (needs the truth
            table, computed anyway) and ``"checks"`` (good-practice checks).
        progress : callable, optional
            Called with a short message before each step.

        Returns
        -------
        AnalysisResult
        """
        from qca._pipeline import run_analysis

        wanted = set(steps)
        unknown = sorted(wanted - set(STEPS))
        if unknown:
            raise InvalidParameterError(
                f"The 'steps' parameter of {_WHERE}.run must name steps among "
                f"{', '.join(STEPS)}. Got {unknown} instead."
            )
        return run_analysis(self, wanted, progress or (lambda message: None))

    def __repr__(self) -> str:
        defaults = {**_DEFAULTS, "exclude": [], "conditions": []}
        changed = ", ".join(
            f"{k}={v!r}"
            for k, v in self.options().items()
            if k not in ("outcome", "conditions", "nec_incl_cut", "nec_cov_cut")
            and v != defaults.get(k)
        )
        return (
            f"Analysis({self.outcome} ~ {', '.join(self.conditions)}; {len(self.data)} cases; "
            f"{', '.join(self.solutions)} solution{'s' if len(self.solutions) > 1 else ''}"
            + (f"; {changed}" if changed else "")
            + ")"
        )


def resolve(
    sheet: Mapping[str, Any], given: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """One precedence rule: an option given (not None) > the sheet > the default.

    Returns the settings (keys of :data:`OPTION_KEYS` that are set), where each came
    from, and why sheet settings were set aside: the sheet's expectations and exclusions
    are those of its own outcome, used for its negation only from the
    ``negated_dir_exp`` / ``negated_exclude`` rows, and for no other outcome.

    >>> settings, origin, notes = resolve({"outcome": "Y", "dir_exp": "A"}, {"dir_exp": ""})
    >>> settings["dir_exp"], origin["dir_exp"], notes
    ('', 'given', [])
    >>> settings, origin, notes = resolve({"outcome": "Y", "dir_exp": "A"}, {"outcome": "~Y"})
    >>> "dir_exp" in settings, notes[0][:59]
    (False, "The analysis sheet's dir_exp 'A' was written for Y, not for")
    """
    settings: dict[str, Any] = {}
    origin: dict[str, str] = {}
    notes: list[str] = []
    sheet_outcome = sheet.get("outcome")
    outcome = given.get("outcome")
    other = (
        outcome is not None
        and sheet_outcome is not None
        and not _same_outcome(str(outcome), str(sheet_outcome))
    )
    negated = other and _same_outcome(str(outcome), negation_of(str(sheet_outcome)))
    left_out: list[str] = []
    for key in OPTION_KEYS:
        if given.get(key) is not None:
            settings[key], origin[key] = given[key], "given"
            continue
        value = sheet.get(key)
        if other and key in OUTCOME_BOUND:
            own = sheet.get(f"negated_{key}") if negated else None
            if own is not None:
                settings[key], origin[key] = own, "sheet"
            elif value not in (None, "", []):
                left_out.append(f"{key} {_shown(value)}")
            continue
        if value is not None:
            settings[key], origin[key] = value, "sheet"
        else:
            origin[key] = "default"
    if left_out:
        keys = [k for k in OUTCOME_BOUND if any(x.startswith(k) for x in left_out)]
        what = " and ".join({"dir_exp": "expectations", "exclude": "exclusions"}[k] for k in keys)
        fixes = " and ".join(f"--{k.replace('_', '-')} ({k}= in Python)" for k in keys)
        rows = " and ".join(f"'negated_{k}'" for k in keys)
        where = f", or {rows} in the analysis sheet" if negated else ""
        notes.append(
            f"The analysis sheet's {' and '.join(left_out)} "
            f"{'was' if len(left_out) == 1 else 'were'} written for {sheet_outcome}, not for "
            f"{outcome}: not used. To set {what} for {outcome}, give {fixes}{where}."
        )
    return settings, origin, notes


def _shown(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return repr(value)


