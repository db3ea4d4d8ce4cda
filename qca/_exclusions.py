"""A warning when ``exclude`` names observed rows, not remainders.

``exclude`` is meant for remainders that may not serve as simplifying assumptions
(untenable or contradictory ones). Naming an *observed* row coded ``"1"`` (or ``"C"``)
recodes it to ``"0"``: its cases are then no longer explained. R QCA does the same in
silence; we say so.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from qca.exceptions import QCAWarning

__all__ = ["warn_observed_exclusions"]


def warn_observed_exclusions(
    rows: Sequence[int],
    out: Sequence[str],
    cases: Sequence[Sequence[str]],
    where: str,
    stacklevel: int = 4,
) -> None:
    """Warn about excluded rows that are observed and coded "1" or "C".

    ``rows``, ``out`` and ``cases`` describe the excluded rows that are observed: their
    numbers, their OUT value before the exclusion and their cases.

    >>> import pytest
    >>> with pytest.warns(QCAWarning, match=r"observed row 19 \\(OUT '1'; cases FI, IE\\)"):
    ...     warn_observed_exclusions([19], ["1"], [["FI", "IE"]], "minimize")
    """
    parts = [
        f"{row} (OUT {value!r}; cases {', '.join(map(str, case_ids[:10]))}"
        + (", ..." if len(case_ids) > 10 else "") + ")"
        for row, value, case_ids in zip(rows, out, cases, strict=True)
        if str(value).strip() in ("1", "C")
    ]
    if not parts:
        return
    plural = "s" if len(parts) > 1 else ""
    warnings.warn(
        f"The 'exclude' parameter of {where} names observed row{plural} {'; '.join(parts)}: "
        f"exclude recodes {'them' if plural else 'it'} to '0', so {'their' if plural else 'its'} "
        "cases are no longer explained. exclude is "
        "meant for remainders (untenable or contradictory simplifying assumptions); to code "
        "an observed row 0, raise incl_cut or pri_cut instead.",
        QCAWarning,
        stacklevel=stacklevel,
    )
