"""Reading a schema-11 Anki collection (``collection.anki2`` / ``collection.anki21``): note types,
decks, deck options and collection settings are JSON in the single ``col`` row."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from jpstudy.anki_import.models import AnkiDeck, AnkiNoteType, AnkiPreset, AnkiTemplate, PackageTiming
from jpstudy.anki_import.presets import make_preset

LEECH_ACTIONS = {0: "suspend", 1: "tag"}


def _col_json(db: sqlite3.Connection, column: str) -> dict[str, Any]:
    text = db.execute(f"SELECT {column} FROM col").fetchone()[0]
    value = json.loads(text) if text else {}
    return value if isinstance(value, dict) else {}


def read_timing(db: sqlite3.Connection) -> tuple[PackageTiming, bool]:
    """The collection's day numbering, and whether it schedules with FSRS."""
    conf = _col_json(db, "conf")
    crt = int(db.execute("SELECT crt FROM col").fetchone()[0])
    timing = PackageTiming.from_config(crt, conf, sched_version=1)
    return timing, bool(conf.get("fsrs", False))


def read_notetypes(db: sqlite3.Connection) -> dict[int, AnkiNoteType]:
    """Every note type by id."""
    out: dict[int, AnkiNoteType] = {}
    for key, model in _col_json(db, "models").items():
        fields = sorted(model.get("flds", []), key=lambda f: f.get("ord", 0))
        templates = sorted(model.get("tmpls", []), key=lambda t: t.get("ord", 0))
        mid = int(model.get("id", key))
        out[mid] = AnkiNoteType(
            id=mid,
            name=str(model.get("name", f"note type {mid}")),
            fields=tuple(str(f.get("name", "")) for f in fields),
            templates=tuple(AnkiTemplate(str(t.get("name", "")), str(t.get("qfmt", "")), str(t.get("afmt", "")),
                                         int(t.get("id") or 0)) for t in templates),
            css=str(model.get("css", "")),
            cloze=model.get("type") == 1,
            sort_field=int(model.get("sortf", 0)),
            field_ids=tuple(int(f.get("id") or 0) for f in fields),
        )
    return out


def read_decks(db: sqlite3.Connection) -> dict[int, AnkiDeck]:
    """Every deck by id (filtered decks have no preset)."""
    return {
        int(deck.get("id", key)): AnkiDeck(int(deck.get("id", key)), str(deck.get("name", "")),
                                           None if deck.get("dyn") else int(deck.get("conf", 1)))
        for key, deck in _col_json(db, "decks").items()
    }


def preset_from_legacy(preset_id: int, config: dict[str, Any]) -> AnkiPreset:
    """An ``AnkiPreset`` from a legacy deck-options dict (keys of specs/sm2.md §1)."""
    new, lapse, rev = config.get("new", {}), config.get("lapse", {}), config.get("rev", {})
    ints = new.get("ints", [1, 4])
    values = {
        "learning_steps": new.get("delays"),
        "relearning_steps": lapse.get("delays"),
        "graduating_interval": ints[0] if len(ints) > 0 else None,
        "easy_interval": ints[1] if len(ints) > 1 else None,
        "starting_ease": new.get("initialFactor", 2500) / 1000,
        "new_per_day": new.get("perDay"),
        "minimum_interval": lapse.get("minInt"),
        "new_interval": lapse.get("mult"),
        "leech_threshold": lapse.get("leechFails"),
        "leech_action": LEECH_ACTIONS.get(lapse.get("leechAction", 1)),
        "reviews_per_day": rev.get("perDay"),
        "easy_bonus": rev.get("ease4"),
        "interval_modifier": rev.get("ivlFct"),
        "maximum_interval": rev.get("maxIvl"),
        "hard_interval": rev.get("hardFactor"),
        "maximum_answer_seconds": config.get("maxTaken"),
    }
    return make_preset(preset_id, str(config.get("name", "")), {k: v for k, v in values.items() if v is not None})


def read_presets(db: sqlite3.Connection) -> dict[int, AnkiPreset]:
    """Every preset by id."""
    return {int(c.get("id", k)): preset_from_legacy(int(c.get("id", k)), c) for k, c in _col_json(db, "dconf").items()}
