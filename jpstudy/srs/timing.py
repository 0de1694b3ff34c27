"""Scheduling days: the day rollover, day numbers, and intraday versus interday delays.

Terms:
    scheduling date: the calendar date of a moment in local time ``tz`` after subtracting the
        rollover hour, so with the default 04:00 rollover, 03:59 on 2 May still belongs to 1 May.
    day start: the moment a scheduling date begins (its local rollover time).
    day number: a count of day rollovers since a collection's creation day (Anki's ``today``):
        ``max(0, scheduling_date(now) - local_date(created))``. Review cards are due on a day number.
    seconds until rollover: whole seconds from ``now`` (truncated to a second, as Anki's clock is) to
        the next day start, measured in ``now``'s UTC offset as Anki does.
    intraday / interday: a (re)learning delay shorter than the seconds until rollover is intraday
        (due at a moment, Anki queue 1); a longer one is interday (due on a day, Anki queue 3).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from jpstudy.srs.options import SECONDS_PER_DAY


def require_aware(moment: datetime, what: str = "now") -> datetime:
    """``moment`` itself if it is a timezone-aware datetime; otherwise ``ValueError``."""
    if not isinstance(moment, datetime):
        raise ValueError(f"{what} must be a timezone-aware datetime, got {moment!r}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware (e.g. datetime.now(UTC)), got naive {moment}")
    return moment


def scheduling_date(moment: datetime, tz: tzinfo, rollover_hour: int) -> date:
    """The scheduling date ``moment`` belongs to."""
    local = require_aware(moment, "moment").astimezone(tz).replace(tzinfo=None)
    return (local - timedelta(hours=rollover_hour)).date()


def day_start(day: date, tz: tzinfo, rollover_hour: int) -> datetime:
    """The moment scheduling date ``day`` begins."""
    return datetime.combine(day, time(rollover_hour), tzinfo=tz)


def start_of_day(now: datetime, tz: tzinfo, rollover_hour: int) -> datetime:
    """The start of the scheduling day ``now`` is in."""
    return day_start(scheduling_date(now, tz, rollover_hour), tz, rollover_hour)


def day_number(created: datetime, now: datetime, tz: tzinfo, rollover_hour: int) -> int:
    """Days elapsed since the calendar day of ``created`` in ``tz`` (at least 0)."""
    created_date = require_aware(created, "created").astimezone(tz).date()
    return days_since(created_date, now, tz, rollover_hour)


def days_since(first_day: date, now: datetime, tz: tzinfo, rollover_hour: int) -> int:
    """Anki's ``today``: scheduling days from ``first_day`` (day 0) to ``now``, clamped at 0."""
    return max(0, (scheduling_date(now, tz, rollover_hour) - first_day).days)


CREATION_HOUR = 4
"""Anki dates a new collection by the 04:00 before its creation (whatever the rollover hour)."""


def first_day_of(created: datetime, tz: tzinfo) -> date:
    """The day 0 of a collection created at ``created``: a collection created at 01:30 belongs to the
    day before, so its day 1 begins at the next rollover (Anki's ``crt``)."""
    return scheduling_date(created, tz, CREATION_HOUR)


def legacy_day_number(crt_secs: int, now: datetime) -> int:
    """``today`` of an Anki collection without rollover/creationOffset config (e.g. genanki's):
    whole 24-hour periods since its ``crt`` (unix seconds)."""
    return math.floor((require_aware(now).timestamp() - crt_secs) / SECONDS_PER_DAY)


def whole_seconds(moment: datetime) -> int:
    """Unix seconds of ``moment``, truncated down as Anki's second clock is."""
    return math.floor(require_aware(moment).timestamp())


@dataclass(frozen=True)
class DayClock:
    """Where an answer falls: the scheduling date and the seconds left until the next rollover."""

    now_secs: int
    today: date
    secs_until_rollover: int
    tz: tzinfo
    rollover_hour: int

    @classmethod
    def at(cls, now: datetime, tz: tzinfo, rollover_hour: int, first_day: date | None = None) -> DayClock:
        """The clock at ``now`` (an aware datetime; sub-second parts are dropped). With ``first_day``
        (a collection's day 0) ``today`` is never earlier than it, as Anki clamps day numbers at 0;
        the seconds until rollover still count to the next real rollover."""
        secs = whole_seconds(now)
        local = datetime.fromtimestamp(secs, tz).replace(tzinfo=None)
        today = (local - timedelta(hours=rollover_hour)).date()
        next_start = datetime.combine(today + timedelta(days=1), time(rollover_hour))
        if first_day is not None:
            today = max(today, first_day)
        return cls(secs, today, int((next_start - local).total_seconds()), tz, rollover_hour)

    def interday_days(self, delay_secs: int) -> int | None:
        """Days until due if a delay of ``delay_secs`` crosses the rollover, else None (intraday)."""
        if delay_secs < self.secs_until_rollover:
            return None
        return (delay_secs - self.secs_until_rollover) // SECONDS_PER_DAY + 1

    def moment(self, secs: int) -> datetime:
        """Unix seconds ``secs`` as an aware datetime in the local time zone."""
        return datetime.fromtimestamp(secs, self.tz)

    def day_start(self, days_from_today: int) -> datetime:
        """The start of the scheduling day ``days_from_today`` days after today."""
        return day_start(self.today + timedelta(days=days_from_today), self.tz, self.rollover_hour)

    def days_until(self, moment: datetime) -> int:
        """Scheduling days from today to the day ``moment`` falls in (negative if in the past)."""
        return (scheduling_date(moment, self.tz, self.rollover_hour) - self.today).days
