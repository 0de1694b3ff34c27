"""Writing notes imported from Anki back as the Anki notes they came from.

A note imported from Anki (``jpstudy.anki_import.origin``) is exported as one Anki note of its own
note type — same note type id, fields, templates and GUID — holding those of its cards that came
from that Anki note, at their templates. Anki therefore takes a re-export for the note it already
has: the note is updated (fields edited in jpstudy), never duplicated. Its fields are the ones
imported, with the fields whose value was edited in jpstudy written from jpstudy's text. jpstudy
cards of the note that did not come from it (a production card added in jpstudy) are exported as
jpstudy notes (see ``package``).

Terms:
    imported card: an ``ExportCard`` whose card has a template ``ord`` in its note's origin.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime

import genanki

from jpstudy.anki_import.models import AnkiNoteType
from jpstudy.anki_import.origin import Origin
from jpstudy.export.fields import text_to_html
from jpstudy.export.identity import deck_id
from jpstudy.export.scheduling import card_columns
from jpstudy.export.selection import ExportCard
from jpstudy.srs import Scheduler

NOTE_INSERT_SQL = "INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, 0, 0, '')"
CARD_INSERT_SQL = (
    "INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, "
    "odid, flags, data) VALUES (:id, :nid, :did, :ord, :mod, -1, :type, :queue, :due, :ivl, :factor, :reps, "
    ":lapses, :left, 0, 0, 0, :data)"
)


def split_imported(
    selection: Sequence[ExportCard], origins: dict[int, Origin]
) -> tuple[list[ExportCard], list[ExportCard]]:
    """(cards exported as jpstudy notes, imported cards)."""
    plain: list[ExportCard] = []
    imported: list[ExportCard] = []
    for item in selection:
        found = origins.get(item.note.id)
        (imported if found is not None and item.card.id in found.card_ords else plain).append(item)
    return plain, imported


def notetype_json(notetype: AnkiNoteType, now: datetime) -> dict[str, object]:
    """The note type as Anki's schema-11 JSON (``col.models``)."""
    return {
        "id": notetype.id, "name": notetype.name, "type": 1 if notetype.cloze else 0, "mod": int(now.timestamp()),
        "usn": -1, "sortf": notetype.sort_field, "did": None, "tags": [], "vers": [], "css": notetype.css,
        "latexPre": "", "latexPost": "", "latexsvg": False, "req": [],
        "flds": [
            {"name": name, "ord": i, "sticky": False, "rtl": False, "font": "Arial", "size": 20, "media": [],
             "id": (notetype.field_ids[i] if i < len(notetype.field_ids) and notetype.field_ids[i] else None)}
            for i, name in enumerate(notetype.fields)
        ],
        "tmpls": [
            {"name": t.name, "ord": i, "qfmt": t.front, "afmt": t.back, "bqfmt": "", "bafmt": "", "did": None,
             "bfont": "", "bsize": 0, "id": t.template_id or None}
            for i, t in enumerate(notetype.templates)
        ],
    }


def _by_note(imported: Sequence[ExportCard]) -> Iterator[list[ExportCard]]:
    groups: dict[int, list[ExportCard]] = {}
    for item in imported:
        groups.setdefault(item.note.id, []).append(item)
    yield from groups.values()


def write_imported(
    cursor: sqlite3.Cursor,
    imported: Sequence[ExportCard],
    origins: dict[int, Origin],
    sched: Scheduler,
    now: datetime,
    *,
    with_progress: bool,
    ids: Iterator[int],
) -> list[tuple[ExportCard, int]]:
    """Write the imported cards' note types, decks, notes and cards; return (item, Anki card id) pairs
    for the review log. Without progress the cards are new, at their new-queue positions."""
    models, decks = (json.loads(v) for v in cursor.execute("SELECT models, decks FROM col").fetchone())
    written: list[tuple[ExportCard, int]] = []
    for items in _by_note(imported):
        found = origins[items[0].note.id]
        models.setdefault(str(found.notetype.id), notetype_json(found.notetype, now))
        fields = found.fields_for_export(items[0].note, text_to_html)
        sort_field = fields[found.notetype.sort_field] if found.notetype.sort_field < len(fields) else ""
        note_id = next(ids)
        mod = max(item.last_change for item in items)
        tags = " ".join(items[0].note.tags)
        cursor.execute(NOTE_INSERT_SQL, (note_id, found.guid, found.notetype.id, mod, f" {tags} " if tags else "",
                                         "\x1f".join(fields), sort_field))
        for item in items:
            did = deck_id(item.deck_name)
            decks.setdefault(str(did), _deck_json(did, item.deck_name))
            if with_progress:
                columns = card_columns(sched, item, now)
            else:
                columns = {"type": 0, "queue": 0, "due": item.card.position, "ivl": 0, "factor": 0, "reps": 0,
                           "lapses": 0, "left": 0, "data": json.dumps({"pos": item.card.position})}
            card_id = next(ids)
            cursor.execute(CARD_INSERT_SQL, {**columns, "id": card_id, "nid": note_id, "did": did, "mod": mod,
                                             "ord": found.card_ords[item.card.id]})
            written.append((item, card_id))
    cursor.execute("UPDATE col SET models = ?, decks = ?", (json.dumps(models), json.dumps(decks)))
    return written


def _deck_json(did: int, name: str) -> dict[str, object]:
    return genanki.Deck(did, name).to_json()
