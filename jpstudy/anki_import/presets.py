"""Anki presets ("deck options") as ``AnkiPreset`` records and as jpstudy ``SchedulerOptions``.

Anki resets an option outside its valid range to the default when it loads a preset (specs/sm2.md
§1); ``make_preset`` does the same, so that a preset read from any package is valid for jpstudy.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from jpstudy.anki_import.models import AnkiPreset
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
