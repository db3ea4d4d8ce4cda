"""Calibration of raw measures into set memberships.

Placeholder: being written (see the issue tracker)."""

from __future__ import annotations

__all__ = ["calibrate"]


def calibrate(x, thresholds=None, **options):  # type: ignore[no-untyped-def]
    raise NotImplementedError("qca.calibrate is not implemented yet")
