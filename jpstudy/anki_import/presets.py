"""Anki presets ("deck options") as ``AnkiPreset`` records, as jpstudy ``SchedulerOptions`` and as jpstudy
presets.

Anki resets an option outside its valid range to the default when it loads a preset (specs/sm2.md
§1); ``make_preset`` does the same, so that a preset read from any package is valid for jpstudy.
"""

from __future__ import annotations

import dataclasses
import math
import sqlite3
from typing import Any

from jpstudy.anki_import.models import AnkiPreset
from jpstudy.collection.presets import (
    DEFAULT_PRESET_ID,
    DEFAULT_PRESET_NAME,
    preset_json,
    read_presets,
    write_preset,
)
from jpstudy.srs import SchedulerOptions

_DEFAULT = SchedulerOptions()
_STEPS = ("learning_steps", "relearning_steps")
TIMING_OPTIONS = ("tz", "rollover_hour", "first_day")
PRESET_OPTION_NAMES = tuple(f.name for f in dataclasses.fields(SchedulerOptions) if f.name not in TIMING_OPTIONS)


def _valid_steps(value: Any) -> tuple[float, ...] | None:
    try:
        steps = tuple(float(s) for s in value)
        SchedulerOptions(learning_steps=steps)
    except (TypeError, ValueError):
        return None
    return steps


def _valid(option: str, value: Any) -> Any:
    """``value`` as a valid value of ``option``, or None."""
    if option in _STEPS:
        return _valid_steps(value)
    if option == "leech_action":
        return value if value in ("tag", "suspend") else None
    try:
        value = type(getattr(_DEFAULT, option))(value)
        if isinstance(value, float) and not math.isfinite(value):
            return None
        SchedulerOptions(**{option: value})
    except (TypeError, ValueError, OverflowError):
        return None
    return value


def make_preset(preset_id: int, name: str, values: dict[str, Any]) -> AnkiPreset:
    """A preset with ``values`` (option name -> value); each invalid value becomes Anki's default."""
    clean = {option: _valid(option, values[option]) for option in PRESET_OPTION_NAMES if option in values}
    options = dataclasses.replace(_DEFAULT, **{k: v for k, v in clean.items() if v is not None})
    return AnkiPreset(id=preset_id, name=name, options=options)


def preset_options(preset: AnkiPreset, base: SchedulerOptions) -> SchedulerOptions:
    """``base`` (for the time zone, rollover and day 0) with the preset's SM-2 options."""
    return dataclasses.replace(base, **{name: getattr(preset.options, name) for name in PRESET_OPTION_NAMES})


def jpstudy_preset(db: sqlite3.Connection, preset: AnkiPreset, base: SchedulerOptions, fresh: bool) -> tuple[int, str]:
    """The id and name of the jpstudy preset for an Anki preset, inside the caller's transaction: an
    existing preset with the very same options (one of the same name first), else — in a collection
    without cards — the Default preset when Anki's is its Default, else a new preset named as in Anki
    (with " (Anki)" when that name is taken)."""
    wanted = preset_json(preset_options(preset, base))
    existing = sorted(read_presets(db).values(), key=lambda p: (p.name != preset.name, p.id))
    for candidate in existing:
        if preset_json(candidate.options) == wanted:
            return candidate.id, candidate.name
    options = preset_options(preset, base)
    if fresh and preset.name == DEFAULT_PRESET_NAME:
        return write_preset(db, DEFAULT_PRESET_NAME, options, DEFAULT_PRESET_ID), DEFAULT_PRESET_NAME
    names = {p.name for p in existing}
    name, number = preset.name or "Anki", 1
    while name in names:
        name = f"{preset.name} (Anki)" if number == 1 else f"{preset.name} (Anki {number})"
        number += 1
    return write_preset(db, name, options, None), name
