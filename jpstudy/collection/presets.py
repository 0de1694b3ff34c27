"""Deck option presets and the collection-wide timing, as Anki has them.

Terms:
    preset: a named set of deck options (``SchedulerOptions`` without the timing): daily limits,
        (re)learning steps, intervals, ease, leech threshold and action … Every deck uses exactly one
        preset (``DEFAULT_PRESET_ID``, "Default", unless chosen otherwise); decks sharing a preset
        share its options. Anki calls them deck option presets (``dconf``).
    timing: the time zone (``None``: follow the system's zone), the rollover hour ("next day starts
        at") and the collection's first day (day 0). Collection-wide, as in Anki: changing them moves
        every deck's day.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from jpstudy.srs import SchedulerOptions
from jpstudy.srs.options import tz_from_name, tz_name

DEFAULT_PRESET_ID = 1
DEFAULT_PRESET_NAME = "Default"
TIMING_FIELDS = ("tz", "rollover_hour", "first_day")


@dataclass(frozen=True)
class Preset:
    """A stored preset: its id, unique name and options (timing fields left at their defaults)."""

    id: int
    name: str
    options: SchedulerOptions


@dataclass(frozen=True)
class Timing:
    """The collection-wide timing. ``zone`` is an IANA name (or ``UTC`` / ``±HH:MM``), None for the
    system's zone; ``first_day`` is day 0."""

    zone: str | None
    rollover_hour: int
    first_day: date

    def tz(self) -> tzinfo:
        """The time zone in force: ``zone``, or the system's."""
        return system_time_zone() if self.zone is None else tz_from_name(self.zone)

    def apply(self, options: SchedulerOptions) -> SchedulerOptions:
        """``options`` with this timing filled in."""
        return replace(options, tz=self.tz(), rollover_hour=self.rollover_hour, first_day=self.first_day)

    def to_json(self) -> dict[str, Any]:
        """The JSON stored in ``meta.timing``."""
        return {"tz": self.zone, "rollover_hour": self.rollover_hour, "first_day": self.first_day.isoformat()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Timing:
        """The timing ``to_json`` wrote."""
        zone = data.get("tz")
        if zone is not None:
            tz_from_name(zone)  # raises ValueError for an unknown zone
        hour = data.get("rollover_hour", 4)
        if not isinstance(hour, int) or not 0 <= hour <= 23:
            raise ValueError(f"the rollover hour must be 0-23, got {hour!r}")
        return cls(zone, hour, date.fromisoformat(data["first_day"]))


def preset_json(options: SchedulerOptions) -> dict[str, Any]:
    """A preset's stored options: ``options.to_dict()`` without the collection-wide timing."""
    data = options.to_dict()
    for name in TIMING_FIELDS:
        data.pop(name, None)
    return data


def preset_options(data: dict[str, Any]) -> SchedulerOptions:
    """The options of a stored preset (timing keys of older files are ignored)."""
    return SchedulerOptions.from_dict({k: v for k, v in data.items() if k not in TIMING_FIELDS})


def system_time_zone() -> tzinfo:
    """The system's time zone as an IANA zone: ``TZ`` if it names one, else ``/etc/timezone`` or the
    target of ``/etc/localtime``; a fixed offset (or UTC) when none of them names a zone."""
    name = system_zone_name()
    if name is not None:
        return ZoneInfo(name)
    return datetime.now().astimezone().tzinfo or UTC


def system_zone_name() -> str | None:
    """The IANA name of the system's zone, or None when it has none (see ``system_time_zone``)."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name and _is_zone(name):
            return name
    return None


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def zone_names() -> list[str]:
    """Every IANA zone name this machine knows, sorted (for the Settings chooser)."""
    return sorted(n for n in available_timezones() if "/" in n and not n.startswith(("Etc/", "SystemV/")))


def zone_label(tz: tzinfo) -> str:
    """A name for ``tz`` as Settings shows it."""
    return tz_name(tz)


def read_presets(db: sqlite3.Connection) -> dict[int, Preset]:
    """Every stored preset by id."""
    return {pid: Preset(pid, name, preset_options(json.loads(text)))
            for pid, name, text in db.execute("SELECT id, name, options FROM presets")}


def write_preset(db: sqlite3.Connection, name: str, options: SchedulerOptions, preset_id: int | None) -> int:
    """Insert (``preset_id`` None) or update a preset inside the caller's transaction; its id.

    Raises:
        ValueError: the name is empty or another preset's.
        KeyError: no preset ``preset_id``.
    """
    name = name.strip()
    if not name:
        raise ValueError("a preset needs a name")
    clash = db.execute("SELECT id FROM presets WHERE name = ? AND id IS NOT ?", (name, preset_id)).fetchone()
    if clash:
        raise ValueError(f"there is already a preset called “{name}”")
    text = json.dumps(preset_json(options))
    if preset_id is None:
        return int(db.execute("INSERT INTO presets (name, options) VALUES (?, ?)", (name, text)).lastrowid or 0)
    if db.execute("UPDATE presets SET name = ?, options = ? WHERE id = ?", (name, text, preset_id)).rowcount != 1:
        raise KeyError(f"no preset {preset_id}")
    return preset_id
