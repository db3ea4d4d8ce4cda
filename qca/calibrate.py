"""Calibration of raw measures into set memberships.

One public function, :func:`calibrate`, covers every form of R QCA's ``calibrate``:
direct logistic (3 anchors and ``idm``), increasing and decreasing sets, the
non-logistic linear/power form (``below``/``above``), bell-shaped, trapezoid and
inverse-bell sets (6 anchors), the empirical-CDF form (``ecdf=True``), crisp sets with
one or more thresholds (binary and multi-value), the indirect method (a quasi-binomial
logit fit) and the totally fuzzy and relative method (TFR).

>>> calibrate([350, 700, 900], "e=350, c=550, i=900").round(4).tolist()
[0.05, 0.7794, 0.95]
"""

from __future__ import annotations

import math
import numbers
import re
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from qca._validation import check_choice
from qca.exceptions import CalibrationError, DataError, InvalidParameterError, QCAWarning

__all__ = ["calibrate", "parse_thresholds", "resolve_thresholds"]

_THREE = ("e", "c", "i")
_SIX = ("e1", "c1", "i1", "i2", "c2", "e2")
_LEGAL_ORDERS = (
    "e < c < i (increasing), i < c < e (decreasing), "
    "e1 < c1 < i1 <= i2 < c2 < e2 (bell, trapezoid) or "
    "i1 < c1 < e1 <= e2 < c2 < i2 (inverse bell)"
)
#: Direct memberships (every form) below this are 0, above 1 - this are 1 (as R QCA).
_EDGE = 1e-4
#: The indirect method replaces x == 0 by this before taking logs (as R QCA).
_ZERO = 1e-5


def calibrate(
    x: Any,
    thresholds: Any = None,
    *,
    kind: str = "fuzzy",
    method: str = "direct",
    logistic: bool = True,
    idm: float = 0.95,
    ecdf: bool = False,
    below: float = 1.0,
    above: float = 1.0,
    shift_half: float = 0.0,
) -> Any:
    """Calibrate raw values into set memberships.

    Parameters
    ----------
    x : pandas.Series, numpy.ndarray or list of numbers
        Raw measures, one per case. No missing values.
    thresholds : sequence, mapping, str or number, default=None
        Anchors. For fuzzy sets 3 anchors ``e, c, i`` (exclusion, crossover,
        inclusion) or 6 anchors ``e1, c1, i1, i2, c2, e2`` (bell shape), as a
        sequence in that order, a mapping with those keys (any order: named anchors
        are put in that order by name, so ``"i=5, c=10, e=15"`` is a decreasing set),
        or a string ``"e=350, c=550, i=900"`` / ``"350, 550, 900"``. Legal orders:
        e < c < i (increasing), i < c < e (decreasing), e1 < c1 < i1 <= i2 < c2 < e2
        (bell, trapezoid) and i1 < c1 < e1 <= e2 < c2 < i2 (inverse bell). For crisp
        sets and the indirect method, any number of plain thresholds. Any anchor may be
        a percentile of ``x`` written ``"p95"`` (``"e=p5, c=p50, i=p95"``,
        ``["p5", "p50", "p95"]``, ``{"c": "p50", ...}``): numpy's default quantile,
        which is R's ``quantile(type = 7)``; :func:`resolve_thresholds` shows the
        numbers used.
    kind : {"fuzzy", "crisp"}, default="fuzzy"
        ``"crisp"``: k thresholds give the values 0..k (a value equal to a threshold
        goes up); every threshold must lie within the range of ``x``.
    method : {"direct", "indirect", "tfr"}, default="direct"
        ``"indirect"`` bins ``x`` by the thresholds (0, 1/k, ..., 1) and smooths the
        bins with a quasi-binomial logit fit on log x, sqrt x, x and x^2.
        ``"tfr"`` (totally fuzzy and relative) needs no thresholds.
    logistic : bool, default=True
        Direct method with 3 anchors: the logistic form; False gives the linear
        (``below = above = 1``) or power form. 6 anchors always use the latter.
    idm : float, default=0.95
        Inclusion degree of membership at the ``i`` anchor (logistic form), in (0.5, 1).
    ecdf : bool, default=False
        Replace the linear/power ratios by the empirical CDF of the values of ``x``
        between the outer anchors (takes precedence over ``logistic``).
    below, above : float, default=1.0
        Exponents of the power form below and above the crossover (> 0).
    shift_half : float, default=0.0
        Fuzzy sets: add this amount to memberships of exactly 0.5 (the customary
        ``0.001``, or ``-0.001``), so that those cases fall in a truth-table row;
        0 shifts nothing. Must lie strictly between -0.1 and 0.1.

    Returns
    -------
    pandas.Series or numpy.ndarray
        Memberships, the same shape as ``x``: a Series (same index and name) for a
        Series, an ndarray otherwise. Crisp sets are integers.

    Raises
    ------
    CalibrationError
        Thresholds in none of the legal orders, of the wrong number, or (crisp)
        outside the range of ``x``.
    DataError
        ``x`` holds non-numeric or missing values.

    Warns
    -----
    QCAWarning
        When some memberships are exactly 0.5 (the cases are named) and
        ``shift_half`` is 0: such cases belong to no truth-table row.

    Notes
    -----
    Formulas as in R QCA 3 (Dusa 2019, ch. 4): with ``L = ln(idm / (1 - idm))``, the
    logistic membership is ``1 / (1 + exp(-L (x - c) / (i - c)))`` at or above ``c``
    and ``1 / (1 + exp(-L (x - c) / (c - e)))`` below. The power form is ``0.5 ((x - e) / (c - e))^below`` between
    ``e`` and ``c`` and ``1 - 0.5 ((i - x) / (i - c))^above`` between ``c`` and ``i``.
    A decreasing set is the increasing one computed on ``-x``. In every direct fuzzy
    form, memberships below 1e-4 become 0 and above 0.9999 become 1 (as R QCA does).

    References
    ----------
    Ragin, C. C. (2008). *Redesigning Social Inquiry*, ch. 5. Dusa, A. (2019). *QCA
    with R*, ch. 4; R package ``QCA``, function ``calibrate``.

    Examples
    --------
    >>> import pandas as pd
    >>> dev = pd.Series([720, 1098, 390], index=["AU", "BE", "GR"], name="DEV")
    >>> calibrate(dev, "e=350, c=550, i=900").round(3)
    AU    0.807
    BE    0.990
    GR    0.087
    Name: DEV, dtype: float64
    >>> calibrate([4, 6, 11, 16], "i=5, c=10, e=15", logistic=False).tolist()
    [1.0, 0.9, 0.4, 0.0]
    >>> calibrate([320, 720, 1098], [550, 850], kind="crisp").tolist()
    [0, 1, 2]

    Percentile anchors; with an odd number of cases the median case sits on the
    crossover, hence the customary shift of memberships of exactly 0.5:

    >>> x = [2, 3, 5, 8, 13, 21, 34]
    >>> calibrate(x, "e=p10, c=p50, i=p90", shift_half=0.001).round(3).tolist()
    [0.037, 0.061, 0.163, 0.501, 0.692, 0.891, 0.985]
    """
    result, _ = _calibrate(x, thresholds, kind=kind, method=method, logistic=logistic,
                           idm=idm, ecdf=ecdf, below=below, above=above,
                           shift_half=shift_half)
    return result


def _calibrate(
    x: Any,
    thresholds: Any = None,
    *,
    kind: str = "fuzzy",
    method: str = "direct",
    logistic: bool = True,
    idm: float = 0.95,
    ecdf: bool = False,
    below: float = 1.0,
    above: float = 1.0,
    shift_half: float = 0.0,
) -> tuple[Any, dict[str, Any]]:
    """:func:`calibrate`, plus a record: the thresholds used (percentiles resolved) and
    the cases whose membership of exactly 0.5 was shifted."""
    values, labels = _numeric_values(x)
    kind = check_choice(kind, "kind", "calibrate", ("fuzzy", "crisp"))
    method = _check_method(method)
    _check_options(logistic, idm, ecdf, below, above)
    shift = _check_shift(shift_half)
    given = thresholds
    if thresholds is not None and method != "tfr":
        thresholds = resolve_thresholds(thresholds, values)
    record: dict[str, Any] = {"thresholds": thresholds, "shifted": [], "shift_half": shift}
    try:
        result = _dispatch(values, thresholds, kind, method, logistic, idm, ecdf, below, above)
    except CalibrationError as exc:
        if thresholds is given or thresholds == given:
            raise
        raise CalibrationError(
            f"{exc} (the percentile anchors {given!r} resolved to {thresholds!r})"
        ) from None
    if kind == "fuzzy":
        half = result == 0.5
        if shift and half.any():
            record["shifted"] = list(labels[half])
            result = np.where(half, 0.5 + shift, result)
        _warn_half(result, labels)
    return _wrap(result, x), record


def _dispatch(
    values: np.ndarray,
    thresholds: Any,
    kind: str,
    method: str,
    logistic: bool,
    idm: float,
    ecdf: bool,
    below: float,
    above: float,
) -> np.ndarray:
    if kind == "crisp":
        if method != "direct":
            raise InvalidParameterError(
                f"The 'method' parameter of calibrate must be 'direct' for kind='crisp'. Got {method!r} instead."
            )
        result = _crisp(values, _plain_thresholds(thresholds, "crisp"))
    elif method == "tfr":
        if thresholds is not None:
            raise InvalidParameterError(
                f"The 'thresholds' parameter of calibrate must be None for method='tfr'. Got {thresholds!r} instead."
            )
        result = _tfr(values)
    elif method == "indirect":
        result = _indirect(values, _plain_thresholds(thresholds, "indirect"))
    else:
        result = _direct(values, thresholds, logistic, idm, ecdf, below, above)
    return result


# ---------------------------------------------------------------- thresholds
_PERCENTILE = re.compile(r"\s*[pP]\s*(\d+(?:\.\d*)?|\.\d+)\s*\Z")


def _percentile(value: Any) -> float | None:
    """The percentile a ``"p95"`` anchor asks for, None for any other value."""
    if not isinstance(value, str):
        return None
    match = _PERCENTILE.match(value)
    if match is None:
        return None
    q = float(match.group(1))
    if not 0.0 <= q <= 100.0:
        raise CalibrationError(f"A percentile anchor must lie in p0..p100. Got {value!r}.")
    return q


def _number_text(value: float) -> str:
    """A number as text that reads back to the same float (shortest form)."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def resolve_thresholds(thresholds: Any, x: Any) -> Any:
    """Replace percentile anchors (``"p95"``) by the percentiles of ``x``.

    Percentiles are numpy's default quantile (linear interpolation), which is R's
    ``quantile(x, type = 7)``. The thresholds come back in the form given: text as text
    (each number written so that it reads back exactly), a mapping as a dict, a
    sequence as a list; thresholds without percentiles come back unchanged.

    Parameters
    ----------
    thresholds : str, mapping, sequence or number
        As :func:`calibrate` takes them.
    x : array-like of numbers
        The raw values the percentiles are taken of.

    Returns
    -------
    str, dict, list or number

    Examples
    --------
    >>> resolve_thresholds("e=p10, c=p50, i=p90", range(11))
    'e=1, c=5, i=9'
    >>> resolve_thresholds({"e": "p10", "c": "p50", "i": "p90"}, [1, 2, 3, 4])
    {'e': 1.3, 'c': 2.5, 'i': 3.7}
    >>> resolve_thresholds(["p0", 3, "p100"], [2, 4, 8])
    [2.0, 3, 8.0]
    >>> resolve_thresholds("e=350, c=550, i=900", [1, 2])
    'e=350, c=550, i=900'
    """
    if isinstance(thresholds, str):
        parts = [p.strip() for p in re.split(r"[,;]", thresholds) if p.strip()]
        values = [p.split("=", 1)[-1] for p in parts]
        if not any(_percentile(v) is not None for v in values):
            return thresholds
        sample = _sample(x)
        out = []
        for part, value in zip(parts, values, strict=True):
            q = _percentile(value)
            if q is not None:
                number = _number_text(float(np.quantile(sample, q / 100.0)))
                part = f"{part.split('=', 1)[0].strip()}={number}" if "=" in part else number
            out.append(part)
        return ", ".join(out)
    if isinstance(thresholds, Mapping):
        if not any(_percentile(v) is not None for v in thresholds.values()):
            return thresholds
        sample = _sample(x)
        return {k: _resolve_one(v, sample) for k, v in thresholds.items()}
    if isinstance(thresholds, (list, tuple)) and any(_percentile(v) is not None for v in thresholds):
        sample = _sample(x)
        return [_resolve_one(v, sample) for v in thresholds]
    return thresholds


def _sample(x: Any) -> np.ndarray:
    if isinstance(x, np.ndarray) and x.dtype.kind == "f":
        return x
    values, _ = _numeric_values(x)
    return values


def _resolve_one(value: Any, sample: np.ndarray) -> Any:
    q = _percentile(value)
    return value if q is None else float(np.quantile(sample, q / 100.0))


def parse_thresholds(thresholds: Any) -> tuple[list[float], list[str] | None]:
    """Read thresholds in any accepted form as (values, names).

    Named anchors come back in the canonical order (e, c, i or e1, c1, i1, i2, c2, e2);
    unnamed ones in the order given, with names None.

    >>> parse_thresholds("i=5, c=10, e=15")
    ([15.0, 10.0, 5.0], ['e', 'c', 'i'])
    >>> parse_thresholds("550, 850")
    ([550.0, 850.0], None)
    >>> parse_thresholds(550)
    ([550.0], None)
    """
    if thresholds is None:
        raise CalibrationError("calibrate needs thresholds for this method. Got None.")
    if isinstance(thresholds, str):
        return _parse_threshold_text(thresholds)
    if isinstance(thresholds, Mapping):
        return _order_named({str(k).strip().lower(): v for k, v in thresholds.items()}, thresholds)
    if _is_number(thresholds):
        return [float(thresholds)], None
    if isinstance(thresholds, (Sequence, np.ndarray, pd.Series)):
        return [_threshold_number(v, thresholds) for v in list(thresholds)], None
    raise CalibrationError(
        "Thresholds must be a sequence of numbers, a mapping such as {'e': 350, 'c': 550, 'i': 900} "
        f"or a string such as 'e=350, c=550, i=900'. Got {thresholds!r} instead."
    )


def _parse_threshold_text(text: str) -> tuple[list[float], list[str] | None]:
    parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    if not parts:
        raise CalibrationError(f"No thresholds found in {text!r}.")
    named = ["=" in p for p in parts]
    if all(named):
        pairs = [p.split("=", 1) for p in parts]
        keys = [k.strip().lower() for k, _ in pairs]
        if len(set(keys)) != len(keys):
            raise CalibrationError(f"Thresholds {text!r} name an anchor twice.")
        return _order_named(
            {k: v.strip() for k, v in zip(keys, (v for _, v in pairs), strict=True)}, text
        )
    if any(named):
        raise CalibrationError(
            f"Thresholds {text!r} mix named and unnamed anchors; name all (e=.., c=.., i=..) or none."
        )
    return [_threshold_number(p, text) for p in parts], None


def _order_named(named: dict[str, Any], given: Any) -> tuple[list[float], list[str]]:
    keys = set(named)
    for order in (_THREE, _SIX):
        if keys == set(order):
            return [_threshold_number(named[k], given) for k in order], list(order)
    raise CalibrationError(
        f"Named thresholds must use the keys e, c, i or e1, c1, i1, i2, c2, e2. Got {given!r} instead."
    )


def _threshold_number(value: Any, given: Any) -> float:
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            number = math.nan
    elif _is_number(value):
        number = float(value)
    else:
        number = math.nan
    if not math.isfinite(number):
        if _percentile(value) is not None:
            raise CalibrationError(
                f"The percentile anchor {value!r} in {given!r} needs the raw values: "
                "resolve it with resolve_thresholds(thresholds, x) first."
            )
        raise CalibrationError(
            f"Thresholds must be percentiles such as 'p95' or finite numbers. Got {value!r} in {given!r}."
        )
    return number


def _plain_thresholds(thresholds: Any, what: str) -> list[float]:
    values, names = parse_thresholds(thresholds)
    if names is not None:
        raise CalibrationError(
            f"Thresholds for {what} calibration are plain numbers, without anchor names. Got {thresholds!r} instead."
        )
    if not values or len(set(values)) != len(values):
        raise CalibrationError(
            f"The 'thresholds' parameter of calibrate must hold one or more distinct numbers "
            f"for {what} calibration. Got {thresholds!r} instead."
        )
    return sorted(values)


# ---------------------------------------------------------------- direct fuzzy
def _direct(
    x: np.ndarray,
    thresholds: Any,
    logistic: bool,
    idm: float,
    ecdf: bool,
    below: float,
    above: float,
) -> np.ndarray:
    """Direct fuzzy calibration, any legal anchor order; then 0/1 at the edges."""
    anchors, _ = parse_thresholds(thresholds)
    shape = _shape(anchors, thresholds)
    if shape in ("increasing", "decreasing"):
        sign = 1.0 if shape == "increasing" else -1.0
        e, c, i = (sign * a for a in anchors)
        if ecdf:
            mu = _power3(sign * x, e, c, i, below, above, _ecdf_ratio(sign * x, e, i))
        elif logistic:
            mu = _logistic(sign * x, e, c, i, idm)
        else:
            mu = _power3(sign * x, e, c, i, below, above, _linear_ratio)
    elif shape == "bell":
        mu = _bell(x, anchors, below, above, ecdf)
    else:
        e1, c1, i1, i2, c2, e2 = anchors
        mu = 1.0 - _bell(x, [i1, c1, e1, e2, c2, i2], below, above, ecdf)
    mu[mu < _EDGE] = 0.0
    mu[mu > 1.0 - _EDGE] = 1.0
    return mu


def _shape(anchors: list[float], given: Any) -> str:
    """Name the legal order of ``anchors`` or raise CalibrationError.

    >>> _shape([15.0, 10.0, 5.0], "i=5, c=10, e=15")
    'decreasing'
    """
    if len(anchors) == 3:
        e, c, i = anchors
        if e < c < i:
            return "increasing"
        if i < c < e:
            return "decreasing"
    elif len(anchors) == 6:
        e1, c1, i1, i2, c2, e2 = anchors
        if e1 < c1 < i1 <= i2 < c2 < e2:
            return "bell"
        if i1 < c1 < e1 <= e2 < c2 < i2:
            return "inverse bell"
    else:
        raise CalibrationError(
            f"Fuzzy direct calibration needs 3 anchors (e, c, i) or 6 (e1, c1, i1, i2, c2, e2). "
            f"Got {len(anchors)}: {given!r}."
        )
    named = ", ".join(
        f"{n}={v:g}" for n, v in zip(_THREE if len(anchors) == 3 else _SIX, anchors, strict=True)
    )
    raise CalibrationError(
        f"Thresholds {given!r} (read as {named}) are in none of the legal orders: {_LEGAL_ORDERS}."
    )


def _logistic(x: np.ndarray, e: float, c: float, i: float, idm: float) -> np.ndarray:
    slope = math.log(idm / (1.0 - idm))
    scale = np.where(x >= c, i - c, c - e)
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-slope * (x - c) / scale))


def _linear_ratio(x: np.ndarray, a: float, b: float) -> np.ndarray:
    """Position of x between a (0) and b (1), linearly."""
    return (x - a) / (b - a)


def _ecdf_ratio(sample: np.ndarray, low: float, high: float):  # type: ignore[no-untyped-def]
    """Position of x between a and b on the ECDF of the sample values in [low, high]."""
    inside = np.sort(sample[(sample >= low) & (sample <= high)])
    if inside.size == 0:
        raise CalibrationError(
            f"ecdf calibration needs values of x between the anchors {low:g} and {high:g}; there are none."
        )

    def cdf(v: Any) -> Any:
        return np.searchsorted(inside, v, side="right") / inside.size

    def ratio(x: np.ndarray, a: float, b: float) -> np.ndarray:
        span = cdf(b) - cdf(a)
        if span == 0:
            raise CalibrationError(
                f"ecdf calibration needs values of x between the anchors {a:g} and {b:g}; there are none."
            )
        return (cdf(x) - cdf(a)) / span

    return ratio


def _power3(x, e, c, i, below, above, ratio):  # type: ignore[no-untyped-def]
    """0 up to e, 0.5 r^below up to c, 1 - 0.5 (1 - r)^above up to i, then 1."""
    mu = np.zeros_like(x, dtype=float)
    low = (x > e) & (x < c)
    high = (x >= c) & (x < i)
    mu[low] = 0.5 * ratio(x[low], e, c) ** below
    mu[high] = 1.0 - 0.5 * (1.0 - ratio(x[high], c, i)) ** above
    mu[x >= i] = 1.0
    return mu


def _bell(
    x: np.ndarray, anchors: list[float], below: float, above: float, ecdf: bool
) -> np.ndarray:
    """Bell/trapezoid: power form rising over e1, c1, i1, 1 up to i2, falling over i2, c2, e2."""
    e1, c1, i1, i2, c2, e2 = anchors
    ratio = _ecdf_ratio(x, e1, e2) if ecdf else _linear_ratio
    rising = _power3(x, e1, c1, i1, below, above, ratio)
    if ecdf:
        falling = _power3(-x, -e2, -c2, -i2, below, above, _ecdf_ratio(-x, -e2, -e1))
    else:
        falling = _power3(-x, -e2, -c2, -i2, below, above, _linear_ratio)
    return np.where(x <= i2, rising, falling)


# ---------------------------------------------------------------- other methods
def _crisp(x: np.ndarray, thresholds: list[float]) -> np.ndarray:
    """0..k by the number of thresholds at or below each value."""
    outside = [t for t in thresholds if t < x.min() or t > x.max()]
    if outside:
        listed = ", ".join(f"{t:g}" for t in outside)
        raise CalibrationError(
            f"Crisp threshold(s) {listed} lie outside the range of x "
            f"[{x.min():g}, {x.max():g}]; each threshold must split the cases."
        )
    return np.searchsorted(np.asarray(thresholds), x, side="right").astype(np.int64)


def _tfr(x: np.ndarray) -> np.ndarray:
    """Totally fuzzy and relative: max(0, (E(x) - E(1)) / (1 - E(1)))."""
    ordered = np.sort(x)
    cdf = np.searchsorted(ordered, x, side="right") / x.size
    at_one = np.searchsorted(ordered, 1.0, side="right") / x.size
    if at_one >= 1.0:
        raise CalibrationError(
            "TFR calibration needs some values of x above 1; all are at or below 1."
        )
    return np.maximum(0.0, (cdf - at_one) / (1.0 - at_one))


def _indirect(x: np.ndarray, thresholds: list[float]) -> np.ndarray:
    """Bin x by the thresholds, then smooth with a quasi-binomial logit fit."""
    if (x < 0).any():
        raise CalibrationError("Indirect calibration takes logarithms: x must not be negative.")
    target = (x[:, None] > np.asarray(thresholds)[None, :]).sum(axis=1) / len(thresholds)
    base = np.where(x == 0, _ZERO, x)
    design = np.column_stack([np.log(base), np.sqrt(base), base, base**2])
    design = np.column_stack([np.ones_like(base), design / np.abs(design).max(axis=0)])
    fitted = np.round(_logit_fit(design, target), 6)
    fitted[fitted < _EDGE] = 0.0
    return fitted


def _logit_fit(design: np.ndarray, y: np.ndarray, max_iter: int = 100) -> np.ndarray:
    """Fitted means of a logit GLM by iteratively reweighted least squares."""
    mu = (y + 0.5) / 2.0
    eta = np.log(mu / (1.0 - mu))
    deviance = math.inf
    for _ in range(max_iter):
        weight = mu * (1.0 - mu)
        z = eta + (y - mu) / weight
        root = np.sqrt(weight)
        beta = np.linalg.lstsq(design * root[:, None], z * root, rcond=None)[0]
        eta = design @ beta
        mu = 1.0 / (1.0 + np.exp(-eta))
        mu = np.clip(mu, 1e-15, 1 - 1e-15)
        new = _binomial_deviance(y, mu)
        if abs(new - deviance) / (abs(new) + 0.1) < 1e-10:
            break
        deviance = new
    return mu


def _binomial_deviance(y: np.ndarray, mu: np.ndarray) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(y > 0, y * np.log(y / mu), 0.0)
        b = np.where(y < 1, (1 - y) * np.log((1 - y) / (1 - mu)), 0.0)
    return float(2 * np.sum(a + b))


# ---------------------------------------------------------------- input and output
def _numeric_values(x: Any) -> tuple[np.ndarray, pd.Index]:
    """x as a float array, plus the case labels used in messages (positions for arrays)."""
    if isinstance(x, pd.DataFrame):
        raise DataError("calibrate takes one column (a Series), not a DataFrame.")
    if isinstance(x, pd.Series):
        series = x
    else:
        array = np.asarray(x) if not isinstance(x, (list, tuple)) else np.asarray(x, dtype=object)
        if array.ndim > 1:
            raise DataError(
                "The 'x' parameter of calibrate must be one column of values (a Series or a "
                f"1-D sequence). Got an array of shape {array.shape} instead."
            )
        series = pd.Series(
            array.ravel() if array.dtype.kind in "biuf" else array.astype(object).ravel()
        )
    named = isinstance(x, pd.Series) and series.name is not None
    where = f"column {series.name!r}" if named else "x"
    if isinstance(x, pd.Series) and not named:
        where = "the Series"
    if len(series) == 0:
        raise DataError(f"calibrate got no values in {where}.")
    from qca._validation import check_columns

    check_columns(series.to_frame("x" if series.name is None else series.name), "x", "calibrate")
    numbers_ = pd.to_numeric(series, errors="coerce")
    values = numbers_.to_numpy(dtype=float)
    unusable = ~np.isfinite(values)
    if unusable.any():
        _refuse(series, values, unusable, where)
    return values, series.index


def _refuse(series: pd.Series, values: np.ndarray, unusable: np.ndarray, where: str) -> None:
    """Raise DataError naming the cases with non-numeric, missing or infinite values."""
    missing = series.isna().to_numpy()
    non_numeric = np.isnan(values) & ~missing
    for mask, problem in (
        (non_numeric, "non-numeric values"),
        (missing, "missing values"),
        (unusable, "infinite values"),
    ):
        where_bad = np.flatnonzero(mask)
        if where_bad.size:
            shown = ", ".join(
                f"{series.index[i]!r}" + (f" ({series.iloc[i]!r})" if mask is non_numeric else "")
                for i in where_bad[:10]
            )
            more = f" and {where_bad.size - 10} more" if where_bad.size > 10 else ""
            cases = "at position(s)" if where == "x" else "for case(s)"
            raise DataError(
                f"calibrate needs finite numbers; {where} has {problem} {cases} {shown}{more}."
            )


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _wrap(result: np.ndarray, x: Any) -> Any:
    if isinstance(x, pd.Series):
        return pd.Series(result, index=x.index, name=x.name)
    return result


def _warn_half(result: np.ndarray, labels: pd.Index) -> None:
    half = np.flatnonzero(result == 0.5)
    if half.size:
        shown = ", ".join(repr(labels[i]) for i in half)
        warnings.warn(
            f"Calibrated membership is exactly 0.5 for case(s) {shown}: such cases belong to no "
            "truth-table row; consider moving the crossover.",
            QCAWarning,
            stacklevel=3,
        )


def _check_shift(value: Any) -> float:
    if not (_is_number(value) and -0.1 < float(value) < 0.1):
        raise InvalidParameterError(
            "The 'shift_half' parameter of calibrate must be a number strictly between -0.1 "
            f"and 0.1 (e.g. 0.001; 0 shifts nothing). Got {value!r} instead."
        )
    return float(value)


def _check_method(method: Any) -> str:
    lowered = method.lower() if isinstance(method, str) else method
    return str(check_choice(lowered, "method", "calibrate", ("direct", "indirect", "tfr")))


def _check_options(logistic: Any, idm: Any, ecdf: Any, below: Any, above: Any) -> None:
    for name, flag in (("logistic", logistic), ("ecdf", ecdf)):
        if not isinstance(flag, (bool, np.bool_)):
            raise InvalidParameterError(
                f"The '{name}' parameter of calibrate must be True or False. Got {flag!r} instead."
            )
    if not (_is_number(idm) and 0.5 < float(idm) < 1.0):
        raise InvalidParameterError(
            f"The 'idm' parameter of calibrate must be a float in (0.5, 1). Got {idm!r} instead."
        )
    for name, power in (("below", below), ("above", above)):
        if not (_is_number(power) and float(power) > 0):
            raise InvalidParameterError(
                f"The '{name}' parameter of calibrate must be a number > 0. Got {power!r} instead."
            )
        if float(power) == math.inf:
            raise InvalidParameterError(
                f"The '{name}' parameter of calibrate must be a finite number > 0. Got {power!r} instead."
            )
