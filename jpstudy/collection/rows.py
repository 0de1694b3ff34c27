"""Conversions between SQLite rows and the collection's records.

Terms:
    card columns: the Anki-shaped columns of ``cards`` (type, queue, due, ivl, factor, reps, lapses,
        left) derived from a ``CardState``. ``due`` of a review or interday-learning card is a day
        number of *this* collection (days since its creation day); of an intraday learning card,
        unix seconds; of a new card, its position in the new queue.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

from jpstudy.collection.models import Card, Note, ReviewEntry
from jpstudy.srs import CardState, SchedulerOptions
from jpstudy.srs.anki_fields import anki_card_fields

NOTE_COLUMNS = (
    "id, guid, entry_id, word, reading, meaning, pos, jlpt, sentence, sentence_meaning, source, notes, "
    "tags, created, modified, sentence_start, sentence_end, kind"
)
CARD_COLUMNS = "id, note_id, deck_id, direction, position, state"
CARD_STATE_COLUMNS = ("type", "queue", "due", "ivl", "factor", "reps", "lapses", "left")


def timestamp(moment: datetime) -> int:
    """Unix seconds of an aware datetime."""
    return int(moment.timestamp())


def from_timestamp(secs: int) -> datetime:
    """An aware UTC datetime from unix seconds."""
    return datetime.fromtimestamp(secs, UTC)


def tags_text(tags: tuple[str, ...]) -> str:
    """Tags as stored: space-separated, no duplicates, in the given order."""
    seen: dict[str, None] = {}
    for tag in tags:
        cleaned = "_".join(tag.split())
        if cleaned:
            seen.setdefault(cleaned, None)
    return " ".join(seen)


def note_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Note:
    """A ``Note`` from a row selected with ``NOTE_COLUMNS``."""
    (nid, guid, entry_id, word, reading, meaning, pos, jlpt, sentence, sentence_meaning, source, notes,
     tags, created, modified, span_start, span_end, kind) = row
    return Note(
        id=nid, guid=guid, entry_id=entry_id, word=word, reading=reading, meaning=meaning, pos=pos,
        jlpt=jlpt, sentence=sentence, sentence_meaning=sentence_meaning, source=source, notes=notes,
        tags=tuple(tags.split()), created=from_timestamp(created), modified=from_timestamp(modified),
        sentence_span=None if span_start is None else (span_start, span_end), kind=kind,
    )


def card_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Card:
    """A ``Card`` from a row selected with ``CARD_COLUMNS``."""
    cid, note_id, deck_id, direction, position, state = row
    return Card(
        id=cid, note_id=note_id, deck_id=deck_id, direction=direction,
        state=CardState.from_dict(json.loads(state)), position=position,
    )


def state_columns(
    options: SchedulerOptions, state: CardState, position: int, now: datetime, today: int
) -> dict[str, int]:
    """The Anki-shaped card columns for ``state`` as of ``now`` (``today`` is this collection's day number)."""
    fields = anki_card_fields(state, options, now, today=today, position=position)
    return {name: int(getattr(fields, name)) for name in CARD_STATE_COLUMNS}


def review_entry_from_row(row: tuple[Any, ...]) -> ReviewEntry:
    """A ``ReviewEntry`` from ``SELECT id, card_id, ease, ivl, last_ivl, factor, time, type``."""
    rid, card_id, ease, ivl, last_ivl, factor, time_ms, kind = row
    return ReviewEntry(id=rid, card_id=card_id, rating=ease, ivl=ivl, last_ivl=last_ivl, factor=factor,
                       time_ms=time_ms, type=kind)
