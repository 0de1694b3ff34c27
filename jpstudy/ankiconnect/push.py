"""Sending words to a running Anki as notes of jpstudy's note types, never twice.

Terms:
    word to send: a ``NewNote`` with the deck and card directions it should have (``Outgoing``); in
        Anki each direction is one note of ``jpstudy Recognition`` / ``jpstudy Production``, exactly
        as the ``.apkg`` export writes it (same fields, templates and CSS, from ``jpstudy.export``).
    already in Anki: a word that ``findNotes`` finds in the word field of jpstudy's note type for that
        direction, or in the word field of one of the user's own Japanese note types (those whose
        fields ``anki_import.field_map`` recognises); it is reported, not added.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from jpstudy.anki_import.field_map import automatic_map
from jpstudy.anki_import.models import AnkiNoteType
from jpstudy.ankiconnect.client import AnkiConnect
from jpstudy.collection.models import Direction, NewNote
from jpstudy.export.fields import note_fields
from jpstudy.export.identity import anki_tags, is_mined_deck
from jpstudy.export.notetype import FIELD_NAMES, NOTE_TYPES, note_type

WORD_FIELD = FIELD_NAMES[0]
WORD_TYPES: tuple[Direction, ...] = ("recognition", "production")
"""The note types of word cards (one per direction); jpstudy's kanji note type is created with them."""
CHUNK = 200


@dataclass(frozen=True)
class Outgoing:
    """A word to send: its fields, the Anki deck and the directions to create."""

    note: NewNote
    deck: str
    directions: tuple[Direction, ...] = ("recognition",)


@dataclass
class PushResult:
    """What a push did: notes added (one per word and direction), words already in Anki."""

    added: int = 0
    already: list[str] = field(default_factory=list)
    decks: set[str] = field(default_factory=set)
    created_note_types: list[str] = field(default_factory=list)


def _escape(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    for ch in "*_:":
        escaped = escaped.replace(ch, f"\\{ch}")
    return escaped


def quote(text: str) -> str:
    """``text`` as one term of an Anki search (``"…"`` with Anki's special characters escaped)."""
    return f'"{_escape(text)}"'


def field_term(field_name: str, value: str) -> str:
    """An Anki search for notes whose field ``field_name`` is exactly ``value``."""
    return f'"{_escape(field_name)}:{_escape(value)}"'


def ensure_note_types(client: AnkiConnect) -> list[str]:
    """Create jpstudy's note types in Anki where missing (``createModel``); return those created."""
    existing = set(client.invoke("modelNames"))
    created = []
    for direction, spec in NOTE_TYPES.items():
        if spec.name in existing:
            continue
        model = note_type(direction)
        client.invoke("createModel", modelName=spec.name, inOrderFields=list(spec.fields), css=model.css,
                      isCloze=False, cardTemplates=[{"Name": t["name"], "Front": t["qfmt"], "Back": t["afmt"]}
                                                    for t in model.templates])
        created.append(spec.name)
    return created


def japanese_word_fields(client: AnkiConnect) -> dict[str, str]:
    """The user's own note types with a recognisable word field: note type -> that field."""
    names = [n for n in client.invoke("modelNames") if n not in {s.name for s in NOTE_TYPES.values()}]
    fields = client.multi([("modelFieldNames", {"modelName": n}) for n in names])
    out = {}
    for name, field_names in zip(names, fields, strict=True):
        roles = automatic_map(AnkiNoteType(0, name, tuple(field_names), (), "", False))
        word = next((f for f, role in roles.items() if role == "word"), None)
        if word is not None:
            out[name] = word
    return out


def _already(client: AnkiConnect, words: Sequence[Outgoing], own: dict[str, str]) -> list[set[str]]:
    """For each word, the directions it already has in Anki (both for a word in the user's own types)."""
    queries = []
    for item in words:
        term = item.note.word.strip()
        own_query = " OR ".join(f"(note:{quote(n)} {field_term(f, term)})" for n, f in own.items())
        queries.append(("findNotes", {"query": own_query}) if own_query else None)
        for direction in WORD_TYPES:
            name = NOTE_TYPES[direction].name
            queries.append(("findNotes", {"query": f"note:{quote(name)} {field_term(WORD_FIELD, term)}"}))
    asked = [q for q in queries if q is not None]
    answers = iter(client.multi(asked))
    out = []
    per = 1 + len(WORD_TYPES)
    for i in range(len(words)):
        group = queries[i * per:(i + 1) * per]
        found: set[str] = set()
        if group[0] is not None and next(answers):
            found |= set(WORD_TYPES)
        for direction, query in zip(WORD_TYPES, group[1:], strict=True):
            if query is not None and next(answers):
                found.add(direction)
        out.append(found)
    return out


def push_words(client: AnkiConnect, words: Sequence[Outgoing]) -> PushResult:
    """Add ``words`` to Anki (see the module docstring)."""
    result = PushResult(created_note_types=ensure_note_types(client))
    own = japanese_word_fields(client)
    for start in range(0, len(words), CHUNK):
        chunk = words[start:start + CHUNK]
        present = _already(client, chunk, own)
        notes = []
        for item, found in zip(chunk, present, strict=True):
            wanted = [d for d in dict.fromkeys(item.directions) if d not in found]
            if len(wanted) < len(dict.fromkeys(item.directions)):
                result.already.append(item.note.word)
            for direction in wanted:
                notes.append({
                    "deckName": item.deck, "modelName": NOTE_TYPES[direction].name,
                    "fields": dict(zip(FIELD_NAMES, note_fields(item.note), strict=True)),  # type: ignore[arg-type]
                    "tags": anki_tags(item.note.tags, item.note.jlpt, mined=is_mined_deck(item.deck), leech=False),
                    "options": {"allowDuplicate": False},
                })
        for deck in sorted({n["deckName"] for n in notes}):
            client.invoke("createDeck", deck=deck)
            result.decks.add(deck)
        if notes:
            ids = client.invoke("addNotes", notes=notes)
            result.added += sum(1 for i in ids if i)
    return result
