"""Turn chosen candidates into cards in the collection's ``Mined`` deck.

Terms:
    source: where the sentence came from: a title the user gives, else the ad's first non-empty line
        (cut to 80 characters).
    tags: ``mined``, plus ``jlpt::n5``…``jlpt::n1`` when the word's level is known.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from jpstudy.japanese.sentence import locate_word
from jpstudy.mining.miner import Candidate

MINED_DECK = "Mined"
MAX_SOURCE = 80


class NoteSink(Protocol):
    """The part of :class:`jpstudy.collection.Collection` used here."""

    def add_note(self, new_note: Any, deck: str = MINED_DECK) -> Any: ...


def ad_title(text: str) -> str:
    """The ad's first non-empty line, cut to 80 characters ("" for an empty ad)."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:MAX_SOURCE]
    return ""


def new_note_for(c: Candidate, source: str) -> Any:
    """The ``NewNote`` for one candidate: the ad's sentence as plain text, with the span of the word in it
    (``jpstudy.japanese.sentence``; readers escape and highlight it)."""
    from jpstudy.collection.models import NewNote

    tags = ["mined"] + ([f"jlpt::{c.jlpt.lower()}"] if c.jlpt else [])
    return NewNote(
        word=c.word, reading=c.reading, meaning=c.meaning, pos=c.pos, jlpt=c.jlpt, entry_id=c.entry_id,
        sentence=c.sentence, sentence_span=locate_word(c.sentence, c.word, c.reading), source=source,
        notes=c.glossary_note, tags=tuple(tags),
    )


def add_candidates(col: NoteSink, candidates: Iterable[Candidate], source: str = "",
                   text: str = "", deck: str = MINED_DECK) -> list[Any]:
    """Add each candidate as a note in ``deck``; returns the notes actually added (a word already in
    the collection is skipped by ``add_note``, so adding twice adds nothing). ``source`` defaults to
    the first line of ``text``."""
    src = source.strip()[:MAX_SOURCE] or ad_title(text)
    added = []
    for c in candidates:
        note = col.add_note(new_note_for(c, src), deck=deck)
        if note is not None:
            added.append(note)
    return added
