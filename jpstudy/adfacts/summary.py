"""The few facts a list of ads shows per ad, in short English: pay, days off, the Japanese level asked.

Terms:
    short pay: "¥1,100–1,450/h", "¥230k+/mo", "up to ¥400k/mo", "¥5.0M–8.0M/yr" (thousands from
        ¥10,000, millions for yearly pay); "" when the ad states no pay.
    short days off: "120/yr · 2 every wk" from the days off a year and the weekly days off; "".
    FACTS_VERSION: the version of the fact reader. Facts stored with an older version (or none) are
        read again from the ad's text (``jpstudy.ads.AdLibrary``); raise it when a reader changes (2: pay read
        past a list marker, 月給(1)25万円).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jpstudy.adfacts.models import AdFacts

FACTS_VERSION = 2
PER_SHORT = {"hour": "/h", "day": "/day", "week": "/wk", "month": "/mo", "year": "/yr"}
WEEKLY_SHORT = {"every_week": "2 every wk", "some_weeks": "2 some wks", "two_days": "2/wk", "one_day": "1/wk",
                "rota": "rota"}


@dataclass(frozen=True)
class FactsSummary:
    """What a list of ads shows of one ad's facts.

    Attributes:
        pay: the short pay (see the module docstring).
        pay_yen: the pay's lower end in yen (else its top) for sorting, None when not stated.
        pay_period: ``hour`` … ``year`` or None.
        days_off: the short days off.
        annual_holidays: days off a year, None when not stated.
        japanese_level: "N5"…"N1", "not_required" or None (not stated).
        checks: how many checks the ad triggers.
    """

    pay: str = ""
    pay_yen: int | None = None
    pay_period: str | None = None
    days_off: str = ""
    annual_holidays: int | None = None
    japanese_level: str | None = None
    checks: int = 0


def _yen(amount: int, period: str | None) -> str:
    if period == "year" and amount >= 1_000_000:
        return f"¥{amount / 1_000_000:.1f}M"
    if amount >= 10_000:
        return f"¥{amount / 1000:.1f}".removesuffix(".0") + "k"
    return f"¥{amount:,}"


def short_pay(value: dict[str, Any] | None) -> str:
    """The short pay of a ``pay`` fact's value (see the module docstring)."""
    if not value:
        return ""
    low, high, period = value.get("min"), value.get("max"), value.get("period")
    per = PER_SHORT.get(str(period), "")
    if low is not None and high is not None:
        if low == high:
            return f"{_yen(low, period)}{per}"
        return f"{_yen(low, period)}–{_yen(high, period).lstrip('¥')}{per}"
    if low is not None:
        return f"{_yen(low, period)}+{per}"
    return f"up to {_yen(high, period)}{per}" if high is not None else ""


def short_days_off(annual: int | None, weekly: str | None) -> str:
    """The short days off (see the module docstring)."""
    parts = [f"{annual}/yr"] if annual is not None else []
    if weekly in WEEKLY_SHORT:
        parts.append(WEEKLY_SHORT[weekly])
    return " · ".join(parts)


def summarise_values(pay: dict[str, Any] | None, annual: int | None, weekly: str | None,
                     level: str | None, checks: int) -> FactsSummary:
    """The summary of the values of the ``pay``, ``annual_holidays``, ``weekly_days_off`` and
    ``japanese_level`` facts and the number of checks (as a library reads them from storage)."""
    pay_yen = None
    if pay:
        pay_yen = pay.get("min") if pay.get("min") is not None else pay.get("max")
    return FactsSummary(short_pay(pay), pay_yen, (pay or {}).get("period"), short_days_off(annual, weekly), annual,
                        level, checks)


def summarise(facts: AdFacts) -> FactsSummary:
    """The summary of an ad's facts."""
    return summarise_values(facts.pay.value, facts.annual_holidays.value, facts.weekly_days_off.value,
                            facts.japanese_level.value, len(facts.checks))
