"""Typed records of the collection.

Terms:
    note: one word to learn (headword, reading, meaning, context), or one kanji (``kind`` "kanji":
        the kanji in ``word``, its readings in ``reading``). A note has one card per direction.
    sentence span: where the studied word is in the note's plain-text sentence (see
        ``jpstudy.japanese.sentence``); None when the sentence does not contain it.
    card: one way of studying a note: ``recognition`` (see the word, recall reading and meaning) or
        ``production`` (see the meaning, recall the word). A card carries its SM-2 state.
    deck: a named group of cards; names are ``::``-separated paths (``JLPT::N5``), as in Anki.
    review entry: one row of the append-only review log, in Anki's ``revlog`` shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from jpstudy.srs import CardState

Direction = Literal["recognition", "production"]
NoteKind = Literal["word", "kanji"]
Span = tuple[int, int]
WordStatus = Literal["known", "learning", "unseen", "new", "ignored"]
"""See "word status" in ``jpstudy.stats``."""
DIRECTIONS: tuple[Direction, ...] = ("recognition", "production")
MINED_DECK = "Mined"
KANJI_DECK_PREFIX = "Kanji::"
MATURE_DAYS = 21
"""A review card whose interval reaches this many days is *mature* (Anki's term); its word counts as known."""


@dataclass(frozen=True)
class NewNote:
    """The fields of a note that is about to be added. ``sentence`` is plain text; ``sentence_span``
    None means "find the word in it" (``locate_word``)."""

    word: str
    reading: str
    meaning: str
    pos: str = ""
    jlpt: str | None = None
    entry_id: int | None = None
    sentence: str = ""
    sentence_meaning: str = ""
    source: str = ""
    notes: str = ""
    tags: tuple[str, ...] = ()
    sentence_span: Span | None = None
    kind: NoteKind = "word"


@dataclass(frozen=True)
class Note:
    """A stored note. ``guid`` identifies the word across exports (see jpstudy.export)."""

    id: int
    guid: str
    entry_id: int | None
    word: str
    reading: str
    meaning: str
    pos: str
    jlpt: str | None
    sentence: str
    sentence_meaning: str
    source: str
    notes: str
    tags: tuple[str, ...]
    created: datetime
    modified: datetime
    sentence_span: Span | None = None
    kind: NoteKind = "word"


@dataclass(frozen=True)
class Card:
    """A stored card: the note it shows, its deck, direction, SM-2 state and new-queue position."""

    id: int
    note_id: int
    deck_id: int
    direction: Direction
    state: CardState
    position: int

    @property
    def suspended(self) -> bool:
        """Whether the card is kept out of every queue."""
        return self.state.suspended


@dataclass(frozen=True)
class Deck:
    """A deck; ``name`` is the full ``::``-separated path."""

    id: int
    name: str

    @property
    def short_name(self) -> str:
        """The last component of the path (``N5`` for ``JLPT::N5``)."""
        return self.name.rsplit("::", 1)[-1]


@dataclass(frozen=True)
class DeckNode:
    """A deck in the deck tree with its counts of cards left today (limits applied)."""

    deck: Deck
    short_name: str
    new: int
    learning: int
    review: int
    children: tuple[DeckNode, ...] = field(default=())


@dataclass(frozen=True)
class ReviewEntry:
    """One answer, in Anki's ``revlog`` shape.

    ``id`` is the answer time in unix milliseconds; ``ivl``/``last_ivl`` are days when positive and
    seconds when negative; ``factor`` is ease in permille (0 for learning results); ``type`` is the
    kind of the state before the answer (0 learning, 1 review, 2 relearning).
    """

    id: int
    card_id: int
    rating: int
    ivl: int
    last_ivl: int
    factor: int
    time_ms: int
    type: int


@dataclass(frozen=True)
class WordUse:
    """A word of the collection that uses some kanji, with its study status: "known" (a card is
    mature), "learning" (a card has been studied) or "not started" (every card is still new)."""

    note_id: int
    word: str
    reading: str
    meaning: str
    status: str
