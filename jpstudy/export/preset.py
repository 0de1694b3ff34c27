"""jpstudy's scheduling options as an Anki deck preset ("deck options") inside the package.

Exported cards continue in Anki exactly as in jpstudy only under the same options (learning steps,
graduating interval, ease …). The package therefore carries a preset named ``jpstudy`` with a fixed
id, and every exported deck uses it — or, for a deck with a preset of its own in jpstudy, that preset
under its name (``package_preset``). Anki imports it when "Import deck presets" is ticked; without
that, Anki gives the decks its default preset.

Terms:
    preset: Anki's deck options group (legacy JSON in ``col.dconf``); keys as in specs/sm2.md §1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jpstudy.collection.presets import DEFAULT_PRESET_ID
from jpstudy.srs import SchedulerOptions

PRESET_ID = 647093887833427
PRESET_NAME = "jpstudy"
LEECH_ACTIONS = {"suspend": 0, "tag": 1}


@dataclass(frozen=True)
class DeckPreset:
    """A deck's preset in the package: its Anki id, name and options."""

    preset_id: int
    name: str
    options: SchedulerOptions


def package_preset(preset_id: int, name: str, options: SchedulerOptions) -> DeckPreset:
    """The package's preset for jpstudy preset ``preset_id``: the Default one is ``jpstudy``
    (``PRESET_ID``), every other has a fixed id of its own (``PRESET_ID + preset_id``) and its name."""
    if preset_id == DEFAULT_PRESET_ID:
        return DeckPreset(PRESET_ID, PRESET_NAME, options)
    return DeckPreset(PRESET_ID + preset_id, name, options)


def deck_preset(
    options: SchedulerOptions, template: dict[str, Any], preset_id: int = PRESET_ID, name: str = PRESET_NAME
) -> dict[str, Any]:
    """The preset ``name`` (default ``jpstudy``) for ``options``, built on ``template`` (an Anki
    preset's legacy JSON)."""
    return {
        **template,
        "id": preset_id,
        "name": name,
        "maxTaken": options.maximum_answer_seconds,
        "new": {
            **template["new"],
            "delays": list(options.learning_steps),
            "ints": [options.graduating_interval, options.easy_interval, *template["new"]["ints"][2:]],
            "initialFactor": round(options.starting_ease * 1000),
            "perDay": options.new_per_day,
        },
        "lapse": {
            **template["lapse"],
            "delays": list(options.relearning_steps),
            "mult": options.new_interval,
            "minInt": options.minimum_interval,
            "leechFails": options.leech_threshold,
            "leechAction": LEECH_ACTIONS[options.leech_action],
        },
        "rev": {
            **template["rev"],
            "perDay": options.reviews_per_day,
            "ease4": options.easy_bonus,
            "ivlFct": options.interval_modifier,
            "maxIvl": options.maximum_interval,
            "hardFactor": options.hard_interval,
        },
    }
