"""Deck options of the SM-2 scheduler (Anki's deck options, FSRS off) and their validation.

Terms:
    step: a (re)learning delay in minutes; ``learning_steps`` apply to new cards,
        ``relearning_steps`` to review cards answered Again (a *lapse*).
    ease: the interval multiplier of a review card (2.50 = 250 %); Anki stores it in permille.
    rollover: the local hour at which a new scheduling day begins (Anki's "Next day starts at").
    timing: ``tz``, ``rollover_hour`` and ``first_day`` — collection-wide in Anki and jpstudy (the
        collection fills them in); every other option belongs to a deck's preset.
    first day: the scheduling date of the collection's day 0 (Anki's creation day). Anki clamps day
        numbers at 0, so a day before it counts as day 0 too: ``DayClock`` never goes below it.
Defaults and valid ranges are Anki's (specs/sm2.md §1). Invalid options raise ``ValueError`` naming
every violation at once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, date, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jpstudy.srs.f32 import f32, mul

LEECH_ACTIONS = ("tag", "suspend")
SECONDS_PER_DAY = 86_400

# option name -> (lowest, highest) for numeric options; both inclusive.
_RANGES: dict[str, tuple[float, float]] = {
    "graduating_interval": (1, 36_500),
    "easy_interval": (1, 36_500),
    "minimum_interval": (1, 36_500),
    "maximum_interval": (1, 36_500),
    "leech_threshold": (1, 9_999),
    "starting_ease": (1.31, 5.0),
    "easy_bonus": (1.0, 5.0),
    "interval_modifier": (0.5, 2.0),
    "hard_interval": (0.5, 1.3),
    "new_interval": (0.0, 1.0),
    "rollover_hour": (0, 23),
    "new_per_day": (0, 9_999),
    "reviews_per_day": (0, 9_999),
    "maximum_answer_seconds": (1, 7_200),
}
_INTEGER_OPTIONS = frozenset(
    {
        "graduating_interval",
        "easy_interval",
        "minimum_interval",
        "maximum_interval",
        "leech_threshold",
        "rollover_hour",
        "new_per_day",
        "reviews_per_day",
        "maximum_answer_seconds",
    }
)


def step_seconds(minutes: float) -> int:
    """A step's delay in whole seconds, as Anki derives it: ``trunc(f32(minutes) * 60)``."""
    return int(mul(f32(minutes), 60.0))


@dataclass(frozen=True)
class SchedulerOptions:
    """Scheduling options; the defaults are Anki's.

    ``learning_steps``/``relearning_steps`` are minutes (lists are accepted and stored as tuples);
    intervals are days; ``starting_ease``, ``easy_bonus``, ``interval_modifier``, ``hard_interval``
    and ``new_interval`` are multipliers; ``tz`` is the local time zone whose ``rollover_hour``
    starts a new day; ``first_day`` (None: no floor) is the collection's day 0 (see the module
    docstring); ``maximum_answer_seconds`` caps the answer time written to the review log.
    """

    learning_steps: tuple[float, ...] = (1.0, 10.0)
    relearning_steps: tuple[float, ...] = (10.0,)
    graduating_interval: int = 1
    easy_interval: int = 4
    minimum_interval: int = 1
    maximum_interval: int = 36_500
    starting_ease: float = 2.5
    easy_bonus: float = 1.3
    interval_modifier: float = 1.0
    hard_interval: float = 1.2
    new_interval: float = 0.0
    leech_threshold: int = 8
    leech_action: str = "tag"
    tz: tzinfo = field(default=UTC)
    rollover_hour: int = 4
    new_per_day: int = 20
    reviews_per_day: int = 200
    maximum_answer_seconds: int = 60
    first_day: date | None = None

    def __post_init__(self) -> None:
        errors: list[str] = []
        for name in ("learning_steps", "relearning_steps"):
            steps = _as_steps(getattr(self, name), name, errors)
            if steps is not None:
                object.__setattr__(self, name, steps)
        for name, (low, high) in _RANGES.items():
            _check_number(name, getattr(self, name), low, high, name in _INTEGER_OPTIONS, errors)
        if self.leech_action not in LEECH_ACTIONS:
            errors.append(f"leech_action must be one of {LEECH_ACTIONS}, got {self.leech_action!r}")
        if not isinstance(self.tz, tzinfo):
            errors.append(f"tz must be a tzinfo (e.g. zoneinfo.ZoneInfo('Asia/Tokyo')), got {self.tz!r}")
        if self.first_day is not None and not isinstance(self.first_day, date):
            errors.append(f"first_day must be a date or None, got {self.first_day!r}")
        if errors:
            raise ValueError("invalid scheduler options: " + "; ".join(errors))

    @property
    def learning_step_seconds(self) -> tuple[int, ...]:
        """The learning steps in whole seconds."""
        return tuple(step_seconds(m) for m in self.learning_steps)

    @property
    def relearning_step_seconds(self) -> tuple[int, ...]:
        """The relearning steps in whole seconds."""
        return tuple(step_seconds(m) for m in self.relearning_steps)

    @property
    def starting_factor(self) -> int:
        """The starting ease in permille (2.5 -> 2500), as Anki stores it."""
        return round(self.starting_ease * 1000)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict; ``tz`` becomes its IANA key or a ``±HH:MM`` offset."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["learning_steps"] = list(self.learning_steps)
        data["relearning_steps"] = list(self.relearning_steps)
        data["tz"] = tz_name(self.tz)
        data["first_day"] = None if self.first_day is None else self.first_day.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SchedulerOptions:
        """Options from ``to_dict()`` output; unknown keys are an error, missing keys take defaults."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"invalid scheduler options: unknown option(s) {', '.join(unknown)}")
        values = dict(data)
        if "tz" in values:
            values["tz"] = tz_from_name(values["tz"])
        if isinstance(values.get("first_day"), str):
            values["first_day"] = date.fromisoformat(values["first_day"])
        for name in ("learning_steps", "relearning_steps"):
            if isinstance(values.get(name), list):
                values[name] = tuple(values[name])
        return cls(**values)


def tz_name(tz: tzinfo) -> str:
    """A name ``tz_from_name`` turns back into ``tz``: an IANA key, ``UTC`` or ``±HH:MM``."""
    if isinstance(tz, ZoneInfo):
        return tz.key
    offset = tz.utcoffset(None)
    if isinstance(tz, timezone) and offset is not None:
        if offset == timedelta(0):
            return "UTC"
        sign = "-" if offset < timedelta(0) else "+"
        minutes = abs(int(offset.total_seconds())) // 60
        return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    raise ValueError(f"cannot name time zone {tz!r}; use zoneinfo.ZoneInfo or datetime.timezone")


def tz_from_name(name: str) -> tzinfo:
    """The time zone named by ``tz_name``."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"invalid scheduler options: tz must be a time zone name, got {name!r}")
    if name == "UTC":
        return UTC
    if name[0] in "+-" and len(name) == 6 and name[3] == ":" and name[1:3].isdigit() and name[4:].isdigit():
        sign = -1 if name[0] == "-" else 1
        return timezone(sign * timedelta(hours=int(name[1:3]), minutes=int(name[4:])))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"invalid scheduler options: unknown time zone {name!r}") from exc


def _as_steps(value: Any, name: str, errors: list[str]) -> tuple[float, ...] | None:
    """``value`` as a tuple of positive step minutes, or None after recording why it is not one."""
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        errors.append(f"{name} must be a sequence of minutes, got {value!r}")
        return None
    steps = tuple(value)
    bad = [s for s in steps if not _is_real(s) or not math.isfinite(s) or s <= 0 or step_seconds(s) < 1]
    if bad:
        errors.append(f"{name} must be positive minutes of at least one second each, got {list(steps)!r}")
        return None
    if any(step_seconds(s) > 36_500 * SECONDS_PER_DAY for s in steps):
        errors.append(f"{name} must be at most 36500 days each, got {list(steps)!r}")
        return None
    return steps


def _is_real(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_number(name: str, value: Any, low: float, high: float, integer: bool, errors: list[str]) -> None:
    if integer and (not isinstance(value, int) or isinstance(value, bool)):
        errors.append(f"{name} must be an integer in {low}..{high}, got {value!r}")
    elif not _is_real(value) or not math.isfinite(value):
        errors.append(f"{name} must be a number in {low}..{high}, got {value!r}")
    elif not low <= value <= high:
        errors.append(f"{name} must be in {low}..{high}, got {value!r}")
