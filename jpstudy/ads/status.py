"""Today's status of many words at once, with the rules of ``Collection.word_status``.

Terms:
    word key: ``(entry_id, word, reading)`` of a word; like the collection, a word is matched by
        ``(word, reading)`` and, when ``entry_id`` is known, also by ``(entry_id, reading)``.
    status: ``ignored`` when a matching word mark says so, else ``known`` when a matching mark says
        known, else ``known`` when a matching note has a mature card (review, interval ≥ ``MATURE_DAYS``),
        ``learning`` when a matching note has any card, ``new`` otherwise; a word read from a running Anki
        (table ``anki_words``) counts as a card with its interval.

The whole collection's marks and cards are read in two queries, so the cost does not grow with the
number of words asked about.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from jpstudy.collection.models import MATURE_DAYS

WordKey = tuple[int | None, str, str]
_Key = tuple[tuple[str, object], str]


@dataclass(frozen=True)
class StatusIndex:
    """The collection's marks and card maturity, keyed by word and by dictionary entry."""

    marks: dict[_Key, str]
    mature: dict[_Key, bool]

    @classmethod
    def load(cls, db: sqlite3.Connection) -> StatusIndex:
        """Read the marks and cards of the collection behind ``db`` (hold the collection's lock)."""
        marks: dict[_Key, str] = {}
        rows = db.execute("SELECT word, reading, entry_id, mark FROM word_marks")
        for word, reading, entry_id, mark in rows:
            for key in _keys(entry_id, word, reading):
                if marks.get(key) != "ignored":
                    marks[key] = mark
        mature: dict[_Key, bool] = {}
        rows = db.execute(
            "SELECT n.word, n.reading, n.entry_id, max(c.type = 2 AND c.ivl >= ?) "
            "FROM notes n JOIN cards c ON c.note_id = n.id GROUP BY n.id",
            (MATURE_DAYS,),
        )
        anki = db.execute("SELECT word, reading, entry_id, ivl >= ? FROM anki_words", (MATURE_DAYS,))
        for word, reading, entry_id, is_mature in (*rows, *anki):
            for key in _keys(entry_id, word, reading):
                mature[key] = mature.get(key, False) or bool(is_mature)
        return cls(marks, mature)

    def status(self, entry_id: int | None, word: str, reading: str) -> str:
        """The status of one word (see the module docstring)."""
        keys = _keys(entry_id, word, reading)
        found = [self.marks[k] for k in keys if k in self.marks]
        if found:
            return "ignored" if "ignored" in found else "known"
        seen = [self.mature[k] for k in keys if k in self.mature]
        if not seen:
            return "new"
        return "known" if any(seen) else "learning"

    def statuses(self, words: Iterable[WordKey]) -> dict[WordKey, str]:
        """The status of each word key."""
        return {key: self.status(*key) for key in words}


def _keys(entry_id: int | None, word: str, reading: str) -> tuple[_Key, ...]:
    """Lookup keys of a word; ``("w", word)`` and ``("e", entry_id)`` kinds never collide."""
    by_word = (("w", word), reading)
    return (by_word,) if entry_id is None else (by_word, (("e", entry_id), reading))
