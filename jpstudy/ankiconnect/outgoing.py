"""What to send to Anki for notes of the collection: each note's fields, its cards' directions and deck."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from jpstudy.ankiconnect.push import Outgoing
from jpstudy.collection.models import NewNote, Note

if TYPE_CHECKING:
    from jpstudy.collection import Collection


def new_note_of(note: Note) -> NewNote:
    """The fields of a stored note."""
    return NewNote(word=note.word, reading=note.reading, meaning=note.meaning, pos=note.pos, jlpt=note.jlpt,
                   entry_id=note.entry_id, sentence=note.sentence, sentence_meaning=note.sentence_meaning,
                   source=note.source, notes=note.notes, tags=note.tags, sentence_span=note.sentence_span,
                   kind=note.kind)


def outgoing_for_notes(col: Collection, note_ids: Iterable[int], deck: str | None = None) -> list[Outgoing]:
    """One ``Outgoing`` per word note: its cards' directions, in its first card's deck (or ``deck``); kanji
    notes are not sent (AnkiConnect gets words only)."""
    with col.lock:
        names = {d.id: d.name for d in col.decks()}
        out = []
        for note_id in note_ids:
            cards = col.cards_of_note(note_id)
            note = col.get_note(note_id)
            if not cards or note.kind != "word":
                continue
            out.append(Outgoing(new_note_of(note), deck or names[cards[0].deck_id],
                                tuple(c.direction for c in cards)))
    return out
