"""Text from user data made safe for where it is shown: Excel cells, terminals, plots.

Case ids and labels come from the user's file and may hold anything: control
characters (which openpyxl refuses, and which a terminal obeys: ``ESC [ 2 J`` clears
the screen), ``$...$`` (which matplotlib reads as TeX), or more text than an Excel cell
holds. Each helper keeps the text readable and says what it changed; none drops
anything silently.

>>> terminal_text("\\x1b[31mred\\x1b[0m")
'\\\\x1b[31mred\\\\x1b[0m'
>>> excel_text("a\\x07b")
'a\\\\x07b'
>>> plot_text("$\\\\alpha$")
'\\\\$\\\\alpha\\\\$'
"""

from __future__ import annotations

import re

__all__ = ["EXCEL_CELL_CHARS", "excel_text", "message_text", "plot_text", "terminal_text"]

#: Most characters an Excel cell holds.
EXCEL_CELL_CHARS = 32_767

# openpyxl refuses these (XML 1.0 cannot hold them)
_EXCEL_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# a terminal acts on C0/C1 controls (ESC sequences, bell, carriage return, backspace) and
# Unicode line separators and direction overrides change how a line reads
_TERMINAL_UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """``text`` with every character a terminal would act on written as an escape
    (``\\x1b``, ``\\u2028``); newlines and tabs are kept.

    >>> terminal_text("ok\\tline\\n")
    'ok\\tline\\n'
    """
    return _TERMINAL_UNSAFE.sub(_escape, text)


def excel_text(text: str, limit: int = EXCEL_CELL_CHARS) -> str:
    """``text`` for one Excel cell: characters Excel cannot store written as escapes
    (``\\x07``), and text longer than a cell holds cut *with a marker* saying how much is
    left out, at a list boundary (``", "``) when there is one, never inside a case id.

    >>> cell = excel_text(", ".join(f"case{i}" for i in range(30)), limit=100)
    >>> cell
    'case0, case1, case2, case3, case4 ... [cut: 25 more items, 193 characters; Excel cells hold 100]'
    >>> len(cell) <= 100
    True
    """
    text = _EXCEL_ILLEGAL.sub(_escape, text)
    if len(text) <= limit:
        return text
    return _cut(text, limit)


def _cut(text: str, limit: int) -> str:
    def marker(rest: str, items: int) -> str:
        what = f"{items:,} more items, " if items else ""
        return f" ... [cut: {what}{len(rest):,} characters; Excel cells hold {limit:,}]"

    # leave room for the marker itself
    room = max(limit - len(marker(text, len(text))), 1)
    head = text[:room]
    boundary = head.rfind(", ")
    if boundary > 0:
        head = head[:boundary]
        rest = text[boundary + 2 :]
        return head + marker(rest, rest.count(", ") + 1)
    return head + marker(text[room:], 0)


def plot_text(text: str) -> str:
    """``text`` drawn literally by matplotlib: every ``$`` escaped, so nothing is read as
    TeX (``$\\\\nosuchcmd$`` stopped the drawing with a parse error).

    >>> plot_text("cost: 5$")
    'cost: 5\\\\$'
    """
    return text.replace("$", "\\$")


_LONG_RUN = re.compile(r"\S{121,}")


def message_text(text: str, limit: int = 2_000) -> str:
    """An error message for the terminal: control characters escaped, every run of more
    than 120 non-blank characters shortened to its start and its length, and the whole
    cut at ``limit`` characters with a marker (an argument of 100,000 characters is not
    echoed back).

    >>> message_text("Unknown set '" + "X" * 100_000 + "'.")
    "Unknown set 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX... (100,003 characters)"
    """

    def shorten(match: re.Match[str]) -> str:
        run = match.group(0)
        return f"{run[:60]}... ({len(run):,} characters)"

    text = _LONG_RUN.sub(shorten, terminal_text(text))
    if len(text) > limit:
        text = text[:limit] + f" ... [message cut: {len(text):,} characters]"
    return text
