"""Interval labels as Anki prints them on answer buttons ("1m", "10m", "1.5h", "4d", "1.2mo", "2.5y").

The unit is the largest that fits: seconds below a minute, minutes below an hour, hours below a day,
days below a month (365/12 days), months below a year (365 days), then years. Seconds, minutes and
days are rounded to whole units; hours, months and years to one decimal (a trailing ".0" dropped).
"""

from __future__ import annotations

from jpstudy.srs.f32 import round_half_up

_MINUTE = 60.0
_HOUR = 3_600.0
_DAY = 86_400.0
_MONTH = _DAY * 365 / 12
_YEAR = _DAY * 365
# (upper bound in seconds, seconds per unit, suffix, decimals)
_UNITS = (
    (_MINUTE, 1.0, "s", 0),
    (_HOUR, _MINUTE, "m", 0),
    (_DAY, _HOUR, "h", 1),
    (_MONTH, _DAY, "d", 0),
    (_YEAR, _MONTH, "mo", 1),
    (float("inf"), _YEAR, "y", 1),
)


def describe_interval(seconds: float) -> str:
    """``seconds`` as a short button label, e.g. 600 -> "10m", 4 days -> "4d"."""
    magnitude = abs(seconds)
    _limit, size, suffix, decimals = next(unit for unit in _UNITS if magnitude < unit[0])
    amount = magnitude / size
    sign = "-" if seconds < 0 else ""
    if decimals == 0:
        return f"{sign}{round_half_up(amount)}{suffix}"
    return sign + f"{round_half_up(amount * 10) / 10:.1f}".removesuffix(".0") + suffix
