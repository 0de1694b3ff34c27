"""Where imported notes came from in Anki, kept so that exporting them writes the same Anki notes.

Terms:
    origin: the Anki note an imported jpstudy note came from: its GUID, note type, the fields' HTML
        as imported and, per role, the field's index and the plain text jpstudy took from it
        (``roles``). A jpstudy card that came from one of that note's cards knows its template
        (``ord``). Tables ``anki_notetypes``, ``anki_notes``, ``anki_cards`` (schema V5).
    exported fields: the fields as imported, except that a field whose role's value was edited in
        jpstudy since is written from jpstudy's value (``fields_for_export``), so an unedited note
        goes back to Anki byte for byte and an edited one updates the same Anki note.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from jpstudy.anki_import.models import AnkiNoteType, AnkiTemplate
from jpstudy.collection.models import Note

ROLE_ATTRIBUTES = {
    "word": "word", "reading": "reading", "meaning": "meaning", "sentence": "sentence",
    "sentence_meaning": "sentence_meaning", "notes": "notes",
}


@dataclass(frozen=True)
class Origin:
    """The Anki note a jpstudy note came from (see the module docstring)."""

    note_id: int
    guid: str
    notetype: AnkiNoteType
    fields: tuple[str, ...]
    roles: dict[str, tuple[int, str]]
    mod: int
    card_ords: dict[int, int]
    """jpstudy card id -> template ord, for the cards that came from this note."""

    def fields_for_export(self, note: Note, to_html: Callable[[str], str]) -> list[str]:
        """The fields to write for ``note`` (see the module docstring); ``to_html`` turns jpstudy's
        plain text into field HTML."""
        out = list(self.fields)
        for role, (index, imported) in self.roles.items():
            current = getattr(note, ROLE_ATTRIBUTES[role])
            if current != imported and index < len(out):
                out[index] = to_html(current)
        return out


def notetype_json(notetype: AnkiNoteType) -> str:
    """The note type as stored in ``anki_notetypes.definition``."""
    return json.dumps({
        "fields": list(notetype.fields), "field_ids": list(notetype.field_ids),
        "templates": [[t.name, t.front, t.back, t.template_id] for t in notetype.templates],
        "css": notetype.css, "cloze": notetype.cloze, "sort_field": notetype.sort_field,
    }, ensure_ascii=False)


def notetype_from_json(notetype_id: int, name: str, text: str) -> AnkiNoteType:
    """The note type stored by ``notetype_json``."""
    data = json.loads(text)
    return AnkiNoteType(
        id=notetype_id, name=name, fields=tuple(data["fields"]),
        templates=tuple(AnkiTemplate(*t) for t in data["templates"]), css=data["css"], cloze=data["cloze"],
        sort_field=data["sort_field"], field_ids=tuple(data["field_ids"]),
    )


def save_notetype(db: sqlite3.Connection, notetype: AnkiNoteType) -> None:
    """Store (or replace) a note type of imported notes."""
    db.execute("INSERT OR REPLACE INTO anki_notetypes (id, name, definition) VALUES (?, ?, ?)",
               (notetype.id, notetype.name, notetype_json(notetype)))


def save_origin(db: sqlite3.Connection, note_id: int, guid: str, notetype_id: int, fields: Iterable[str],
                roles: Mapping[str, tuple[int, str]], mod: int) -> None:
    """Store (or replace) the origin of a note."""
    db.execute(
        "INSERT OR REPLACE INTO anki_notes (note_id, guid, notetype_id, fields, roles, mod) VALUES (?, ?, ?, ?, ?, ?)",
        (note_id, guid, notetype_id, json.dumps(list(fields), ensure_ascii=False),
         json.dumps({r: list(v) for r, v in roles.items()}, ensure_ascii=False), mod),
    )


def save_card_ord(db: sqlite3.Connection, card_id: int, ord_: int) -> None:
    """Remember which template of its note's origin a card is."""
    db.execute("INSERT OR REPLACE INTO anki_cards (card_id, ord) VALUES (?, ?)", (card_id, ord_))


def notes_by_guid(db: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    """GUID -> (jpstudy note id, Anki mod) of every imported note."""
    return {guid: (nid, mod) for guid, nid, mod in db.execute("SELECT guid, note_id, mod FROM anki_notes")}


def origins(db: sqlite3.Connection, note_ids: Iterable[int] | None = None) -> dict[int, Origin]:
    """The origins of the given notes (all when None), by jpstudy note id."""
    wanted = None if note_ids is None else set(note_ids)
    notetypes = {i: notetype_from_json(i, n, d) for i, n, d in db.execute(
        "SELECT id, name, definition FROM anki_notetypes")}
    ords: dict[int, dict[int, int]] = {}
    for card_id, note_id, ord_ in db.execute(
            "SELECT a.card_id, c.note_id, a.ord FROM anki_cards a JOIN cards c ON c.id = a.card_id"):
        ords.setdefault(note_id, {})[card_id] = ord_
    out: dict[int, Origin] = {}
    for note_id, guid, ntid, fields, roles, mod in db.execute(
            "SELECT note_id, guid, notetype_id, fields, roles, mod FROM anki_notes"):
        if wanted is not None and note_id not in wanted:
            continue
        out[note_id] = Origin(
            note_id=note_id, guid=guid, notetype=notetypes[ntid], fields=tuple(json.loads(fields)),
            roles={r: (int(v[0]), str(v[1])) for r, v in json.loads(roles).items()}, mod=mod,
            card_ords=ords.get(note_id, {}),
        )
    return out
