"""Plain-text layout that accounts for wide characters (Chinese, Japanese, Korean).

A terminal gives East Asian wide and full-width characters two columns and combining
marks none, so ``str.ljust`` misaligns a column of Chinese set names. These helpers pad
by display width instead.

>>> pad_right("政治", 6) + "|"
'政治  |'
>>> pad_left("PM", 4) + "|"
'  PM|'
"""

from __future__ import annotations

import unicodedata
from typing import Any

__all__ = [
    "display_width",
    "pad_left",
    "pad_right",
    "refuse_column_name",
    "set_name_fix",
    "set_name_problem",
    "suggest_name",
]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide characters count twice, combining marks zero.

    >>> display_width("DEV"), display_width("政治势能"), display_width("Größe")
    (3, 8, 5)
    """
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def pad_right(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` display columns.

    >>> pad_right("中坚干部", 10) + "|"
    '中坚干部  |'
    """
    return text + " " * max(0, width - display_width(text))


def pad_left(text: str, width: int) -> str:
    """``text`` right-aligned in ``width`` display columns.

    >>> pad_left("中", 3) + "|"
    ' 中|'
    """
    return " " * max(0, width - display_width(text)) + text


def set_name_problem(name: object) -> str | None:
    """Why ``name`` cannot be a set name, or None when it can.

    A set name is a Python identifier (``str.isidentifier()``), Unicode included: letters
    (any script), digits and ``_``, not starting with a digit.

    >>> set_name_problem("政治势能") is None
    True
    >>> set_name_problem("GDP per capita")
    "'GDP per capita' holds a space"
    >>> set_name_problem("2020")
    "'2020' starts with a digit"
    """
    if not isinstance(name, str) or not name:
        return f"{name!r} is empty" if name == "" else f"{name!r} is not text"
    if name.isidentifier():
        return None
    if name[0].isdigit():
        return f"{name!r} starts with a digit"
    for ch in name:
        if ch.isspace():
            return f"{name!r} holds a space"
        if not (ch.isalnum() or ch == "_"):
            return f"{name!r} holds the character {ch!r}"
    return f"{name!r} is not an identifier"


def suggest_name(name: object) -> str:
    """A set name close to ``name``: other characters become ``_``, a leading digit gets ``X``.

    >>> suggest_name("GDP per capita"), suggest_name("2020"), suggest_name("A*B")
    ('GDP_per_capita', 'X2020', 'A_B')
    """
    text = "".join(ch if (ch.isalnum() or ch == "_") else "_" for ch in str(name).strip())
    text = "_".join(part for part in text.split("_") if part) or "X"
    if not text.isidentifier():
        text = "X" + text
    return text if text.isidentifier() else "X"


def set_name_fix(name: object) -> str:
    """The sentence an error about a bad set name ends with.

    >>> set_name_fix("GDP per capita")
    "Rename it to an identifier (letters of any script, digits, _; not starting with a digit), e.g. 'GDP_per_capita', and keep the long text as its label."
    """
    return (
        "Rename it to an identifier (letters of any script, digits, _; not starting with a "
        f"digit), e.g. {suggest_name(name)!r}, and keep the long text as its label."
    )


def refuse_column_name(name: str, columns: Any, role: str) -> None:
    """Raise DataError when the column ``name`` would be used as ``role`` but is no set name.

    >>> refuse_column_name("GDP per head", ["GDP per head"], "a condition of truth_table")
    Traceback (most recent call last):
    ...
    qca.exceptions.DataError: The column 'GDP per head' cannot be a condition of truth_table: 'GDP per head' holds a space, and set names are identifiers. Rename it to an identifier (letters of any script, digits, _; not starting with a digit), e.g. 'GDP_per_head', and keep the long text as its label.
    """
    from qca.exceptions import DataError

    problem = set_name_problem(name)
    if problem is not None and name in columns:
        raise DataError(
            f"The column {name!r} cannot be {role}: {problem}, and set names are identifiers. "
            f"{set_name_fix(name)}"
        )
