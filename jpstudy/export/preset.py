"""Each deck's preset as an Anki deck preset ("deck options") inside the package.

Exported cards continue in Anki exactly as in jpstudy only under the same options (learning steps,
graduating interval, ease, daily limits …). Every jpstudy preset used by an exported deck (or by a
parent of one) becomes an Anki preset with a fixed id, and each deck uses its own. Anki imports them
when "Import deck presets" is ticked; without that, Anki gives the decks its default preset.

Terms:
    preset: Anki's deck options group (legacy JSON in ``col.dconf``); keys as in specs/sm2.md §1.
    Anki preset id: ``PRESET_ID`` for jpstudy's Default preset (named ``jpstudy``), ``PRESET_ID +
        id`` for another (named ``jpstudy – <name>``), so a later export updates the same presets.
"""

from __future__ import annotations

from typing import Any

from jpstudy.collection.presets import DEFAULT_PRESET_ID, Preset
from jpstudy.srs import SchedulerOptions

PRESET_ID = 647093887833427
PRESET_NAME = "jpstudy"
LEECH_ACTIONS = {"suspend": 0, "tag": 1}


def anki_preset_id(preset: Preset) -> int:
    """The Anki preset id of a jpstudy preset (see the module docstring)."""
    return PRESET_ID if preset.id == DEFAULT_PRESET_ID else PRESET_ID + preset.id


def anki_preset_name(preset: Preset) -> str:
    """The name the preset has in Anki."""
    return PRESET_NAME if preset.id == DEFAULT_PRESET_ID else f"{PRESET_NAME} – {preset.name}"


def deck_preset(
    options: SchedulerOptions, template: dict[str, Any], preset_id: int = PRESET_ID, name: str = PRESET_NAME
) -> dict[str, Any]:
    """The Anki preset for ``options``, built on ``template`` (an Anki preset's legacy JSON)."""
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
