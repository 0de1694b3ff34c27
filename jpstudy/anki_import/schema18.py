"""Reading a schema-18 Anki collection (``collection.anki21b``): note types, fields, templates,
decks and deck options in tables of their own, their settings as protobuf messages (field numbers
of Anki's public ``notetypes``, ``decks`` and ``deck_config`` messages), collection settings as
JSON values in the ``config`` table. Deck names separate their parts with U+001F."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from jpstudy.anki_import import protobuf as pb
from jpstudy.anki_import.models import AnkiDeck, AnkiNoteType, AnkiPreset, AnkiTemplate, PackageTiming
from jpstudy.anki_import.presets import make_preset

LEECH_ACTIONS = {0: "suspend", 1: "tag"}
CLOZE_KIND = 1
DECK_SEPARATOR = "\x1f"


def _config(db: sqlite3.Connection) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in db.execute("SELECT KEY, val FROM config"):
        try:
            out[key] = json.loads(value)
        except (TypeError, ValueError):
            continue
    return out


def read_timing(db: sqlite3.Connection) -> tuple[PackageTiming, bool]:
    """The collection's day numbering, and whether it schedules with FSRS."""
    config = _config(db)
    crt = int(db.execute("SELECT crt FROM col").fetchone()[0])
    timing = PackageTiming.from_config(crt, config, sched_version=2)
    return timing, bool(config.get("fsrs", False))


def read_notetypes(db: sqlite3.Connection) -> dict[int, AnkiNoteType]:
    """Every note type by id."""
    fields: dict[int, list[tuple[str, int]]] = {}
    for ntid, name, config in db.execute("SELECT ntid, name, config FROM fields ORDER BY ntid, ord"):
        fields.setdefault(ntid, []).append((name, pb.sint64(pb.parse(config or b""), 9)))
    templates: dict[int, list[AnkiTemplate]] = {}
    for ntid, name, config in db.execute("SELECT ntid, name, config FROM templates ORDER BY ntid, ord"):
        cfg = pb.parse(config or b"")
        templates.setdefault(ntid, []).append(
            AnkiTemplate(name, pb.text(cfg, 1), pb.text(cfg, 2), pb.sint64(cfg, 8)))
    out: dict[int, AnkiNoteType] = {}
    for ntid, name, config in db.execute("SELECT id, name, config FROM notetypes"):
        cfg = pb.parse(config or b"")
        own = fields.get(ntid, [])
        out[ntid] = AnkiNoteType(
            id=ntid, name=name, fields=tuple(n for n, _ in own), templates=tuple(templates.get(ntid, [])),
            css=pb.text(cfg, 3), cloze=pb.uint(cfg, 1) == CLOZE_KIND, sort_field=pb.uint(cfg, 2),
            field_ids=tuple(i for _, i in own),
        )
    return out


def read_decks(db: sqlite3.Connection) -> dict[int, AnkiDeck]:
    """Every deck by id (filtered decks have no preset)."""
    out: dict[int, AnkiDeck] = {}
    for did, name, kind in db.execute("SELECT id, name, kind FROM decks"):
        container = pb.parse(kind or b"")
        normal = pb.message(container, 1) if 1 in container else None
        preset = None if normal is None else pb.sint64(normal, 1) or 1
        out[did] = AnkiDeck(did, name.replace(DECK_SEPARATOR, "::"), preset)
    return out


def preset_from_message(preset_id: int, name: str, config: bytes) -> AnkiPreset:
    """An ``AnkiPreset`` from a ``DeckConfig.Config`` message."""
    cfg = pb.parse(config or b"")
    values = {
        "learning_steps": [round(s, 4) for s in pb.floats(cfg, 1)],
        "relearning_steps": [round(s, 4) for s in pb.floats(cfg, 2)],
        "new_per_day": pb.uint(cfg, 9),
        "reviews_per_day": pb.uint(cfg, 10),
        "starting_ease": round(pb.floating(cfg, 11), 4),
        "easy_bonus": round(pb.floating(cfg, 12), 4),
        "hard_interval": round(pb.floating(cfg, 13), 4),
        "new_interval": round(pb.floating(cfg, 14), 4),
        "interval_modifier": round(pb.floating(cfg, 15), 4),
        "maximum_interval": pb.uint(cfg, 16),
        "minimum_interval": pb.uint(cfg, 17),
        "graduating_interval": pb.uint(cfg, 18),
        "easy_interval": pb.uint(cfg, 19),
        "leech_action": LEECH_ACTIONS.get(pb.uint(cfg, 21)),
        "leech_threshold": pb.uint(cfg, 22),
        "maximum_answer_seconds": pb.uint(cfg, 24),
    }
    return make_preset(preset_id, name, values)


def read_presets(db: sqlite3.Connection) -> dict[int, AnkiPreset]:
    """Every preset by id."""
    return {pid: preset_from_message(pid, name, config)
            for pid, name, config in db.execute("SELECT id, name, config FROM deck_config")}
