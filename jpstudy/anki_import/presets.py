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

_DEFAULT = AnkiPreset(id=0, name="")
_STEPS = ("learning_steps", "relearning_steps")
PRESET_OPTION_NAMES = tuple(f.name for f in dataclasses.fields(AnkiPreset) if f.name not in ("id", "name"))


def _valid_steps(value: Any) -> tuple[float, ...] | None:
    try:
        steps = tuple(float(s) for s in value)
        SchedulerOptions(learning_steps=steps)
    except (TypeError, ValueError):
        return None
    return steps


def make_preset(preset_id: int, name: str, values: dict[str, Any]) -> AnkiPreset:
    """A preset with ``values`` (option name -> value); each invalid value becomes Anki's default."""
    clean: dict[str, Any] = {}
    for option in PRESET_OPTION_NAMES:
        if option not in values:
            continue
        value = values[option]
        if option in _STEPS:
            value = _valid_steps(value)
        elif option == "leech_action":
            value = value if value in ("tag", "suspend") else None
        else:
            default = getattr(_DEFAULT, option)
            try:
                value = type(default)(value)
                if isinstance(value, float) and not math.isfinite(value):
                    raise ValueError(value)
                SchedulerOptions(**{option: value})
            except (TypeError, ValueError, OverflowError):
                value = None
        if value is not None:
            clean[option] = value
    return dataclasses.replace(_DEFAULT, id=preset_id, name=name, **clean)


def preset_options(preset: AnkiPreset, base: SchedulerOptions) -> SchedulerOptions:
    """``base`` (for the time zone and rollover) with the preset's SM-2 options."""
    return dataclasses.replace(base, **{name: getattr(preset, name) for name in PRESET_OPTION_NAMES})


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
