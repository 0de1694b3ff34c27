"""Reading what the user knows in a running Anki, for word status, without importing the cards.

Terms:
    Japanese note type: an Anki note type with a recognisable word field (``anki_import.field_map``);
        jpstudy's own note types are among them.
    Anki word: the word (and reading) of such a note with the longest interval of its cards: review
        cards count their interval in days, learning and new cards 0. Stored in ``anki_words``
        (replaced by each pull); ``Collection.word_status`` counts an Anki word with a mature
        interval (``MATURE_DAYS``) as known and any other Anki word as learning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jpstudy.anki_import.field_map import automatic_map
from jpstudy.anki_import.models import AnkiNote, AnkiNoteType
from jpstudy.anki_import.notes import is_japanese, link_word, note_values
from jpstudy.ankiconnect.client import LONG_TIMEOUT_SECONDS, AnkiConnect
from jpstudy.ankiconnect.push import quote
from jpstudy.collection.models import MATURE_DAYS

if TYPE_CHECKING:
    from jpstudy.collection import Collection
    from jpstudy.dictionary import Dictionary

CHUNK = 1000
REVIEW_TYPES = (2, 3)


@dataclass(frozen=True)
class PullResult:
    """What a pull read: Anki cards and notes of Japanese note types, distinct words, how many known."""

    cards: int
    notes: int
    words: int
    known: int

    @property
    def learning(self) -> int:
        """Words with no mature card."""
        return self.words - self.known


def japanese_note_types(client: AnkiConnect) -> dict[str, dict[str, str]]:
    """Note type -> its automatic field map, for the note types with a word field."""
    names = list(client.invoke("modelNames"))
    field_lists = client.multi([("modelFieldNames", {"modelName": n}) for n in names])
    maps = {}
    for name, fields in zip(names, field_lists, strict=True):
        roles = automatic_map(AnkiNoteType(0, name, tuple(fields), (), "", False))
        if "word" in roles.values():
            maps[name] = roles
    return maps


def pull_words(client: AnkiConnect, col: Collection, dictionary: Dictionary | None = None,
               progress: Callable[[int, int], None] | None = None) -> PullResult:
    """Read the Japanese cards of the running Anki and store their words (see the module docstring)."""
    maps = japanese_note_types(client)
    if not maps:
        words: dict[tuple[str, str], tuple[int | None, int]] = {}
        _store(col, words)
        return PullResult(0, 0, 0, 0)
    query = " OR ".join(f"note:{quote(name)}" for name in maps)
    card_ids = list(client.invoke("findCards", timeout=LONG_TIMEOUT_SECONDS, query=query))
    interval: dict[int, int] = {}
    for start in range(0, len(card_ids), CHUNK):
        for info in client.invoke("cardsInfo", timeout=LONG_TIMEOUT_SECONDS, cards=card_ids[start:start + CHUNK]):
            ivl = int(info.get("interval", 0)) if info.get("type") in REVIEW_TYPES else 0
            interval[info["note"]] = max(interval.get(info["note"], 0), ivl)
        if progress is not None:
            progress(min(start + CHUNK, len(card_ids)), len(card_ids))
    note_ids = list(interval)
    words = {}
    for start in range(0, len(note_ids), CHUNK):
        for info in client.invoke("notesInfo", timeout=LONG_TIMEOUT_SECONDS, notes=note_ids[start:start + CHUNK]):
            roles = maps.get(info.get("modelName", ""))
            if not roles:
                continue
            ordered = sorted(info["fields"].items(), key=lambda kv: kv[1].get("order", 0))
            notetype = AnkiNoteType(0, info["modelName"], tuple(n for n, _ in ordered), (), "", False)
            note = AnkiNote(info["noteId"], "", 0, 0, (), tuple(v["value"] for _, v in ordered))
            values = note_values(note, notetype, roles)
            if not is_japanese(values.get("word")):
                continue
            link = link_word(dictionary, values.get("word"), values.get("reading"))
            key = (values.get("word"), link.reading)
            best = max(words.get(key, (None, 0))[1], interval[info["noteId"]])
            words[key] = (link.entry_id, best)
    _store(col, words)
    known = sum(1 for _, ivl in words.values() if ivl >= MATURE_DAYS)
    return PullResult(len(card_ids), len(note_ids), len(words), known)


def _store(col: Collection, words: dict[tuple[str, str], tuple[int | None, int]]) -> None:
    with col.lock, col.transaction() as db:
        db.execute("DELETE FROM anki_words")
        db.executemany("INSERT INTO anki_words (word, reading, entry_id, ivl) VALUES (?, ?, ?, ?)",
                       [(w, r, e, ivl) for (w, r), (e, ivl) in words.items()])
