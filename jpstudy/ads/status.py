"""Today's status of many words at once, with the rules of ``Collection.word_status``.

Terms:
    word key: ``(entry_id, word, reading)`` of a word; like the collection, a word is matched by
        ``(word, reading)`` and, when ``entry_id`` is known, also by ``(entry_id, reading)``.
    status: ``jpstudy.stats.word_status`` over the matching marks and the progress of the matching
        notes' cards (``known``, ``learning``, ``unseen``, ``new`` or ``ignored``); a word read from a
        running Anki (table ``anki_words``) counts as ``jpstudy.stats.anki_word_progress``.

The whole collection's marks and cards are read in two queries, so the cost does not grow with the
number of words asked about.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from jpstudy.stats import Progress, anki_word_progress, card_progress, word_status

WordKey = tuple[int | None, str, str]
_Key = tuple[tuple[str, object], str]


@dataclass(frozen=True)
class StatusIndex:
    """The collection's marks and its cards' best progress, keyed by word and by dictionary entry."""

    marks: dict[_Key, str]
    progress: dict[_Key, Progress]

    @classmethod
    def load(cls, db: sqlite3.Connection) -> StatusIndex:
        """Read the marks and cards of the collection behind ``db`` (hold the collection's lock)."""
        marks: dict[_Key, str] = {}
        rows = db.execute("SELECT word, reading, entry_id, mark FROM word_marks")
        for word, reading, entry_id, mark in rows:
            for key in _keys(entry_id, word, reading):
                if marks.get(key) != "ignored":
                    marks[key] = mark
        progress: dict[_Key, Progress] = {}
        rows = db.execute("SELECT n.word, n.reading, n.entry_id, c.type, c.ivl FROM notes n JOIN cards c "
                          "ON c.note_id = n.id")
        anki = db.execute("SELECT word, reading, entry_id, ivl FROM anki_words")
        stages = [(w, r, e, card_progress(t, ivl)) for w, r, e, t, ivl in rows]
        stages += [(w, r, e, anki_word_progress(ivl)) for w, r, e, ivl in anki]
        for word, reading, entry_id, stage in stages:
            for key in _keys(entry_id, word, reading):
                if progress.get(key, -1) < stage:
                    progress[key] = stage
        return cls(marks, progress)

    def status(self, entry_id: int | None, word: str, reading: str) -> str:
        """The status of one word (see the module docstring)."""
        keys = _keys(entry_id, word, reading)
        return word_status((self.marks[k] for k in keys if k in self.marks),
                           (self.progress[k] for k in keys if k in self.progress))

    def statuses(self, words: Iterable[WordKey]) -> dict[WordKey, str]:
        """The status of each word key."""
        return {key: self.status(*key) for key in words}


def _keys(entry_id: int | None, word: str, reading: str) -> tuple[_Key, ...]:
    """Lookup keys of a word; ``("w", word)`` and ``("e", entry_id)`` kinds never collide."""
    by_word = (("w", word), reading)
    return (by_word,) if entry_id is None else (by_word, (("e", entry_id), reading))
