"""Card info: one card's current state and its review history, as Anki's Card Info window shows them.

Terms:
    review row: one answer of the review log, newest first, with what Anki shows for it: the moment,
        the kind of the card before the answer (Learn, Review, Relearn), the button, the interval it
        got (seconds for a learning step, days otherwise), the ease after it and the time taken.
    first / latest review: the moments of the oldest and newest answers (``None`` without answers).
    position: a new card's place in the new-card order (lower comes first), Anki's "Position".

Only reads, through the Collection's public API.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from jpstudy.collection.models import MATURE_DAYS
from jpstudy.srs import Rating, describe_interval

if TYPE_CHECKING:
    from jpstudy.collection import Collection

REVIEW_KINDS = {0: "Learn", 1: "Review", 2: "Relearn", 3: "Filtered", 4: "Manual"}
"""Names of ``ReviewEntry.type`` (Anki's revlog types)."""

RATING_NAMES = {r.value: r.name.title() for r in Rating}


@dataclass(frozen=True)
class ReviewRow:
    """One answer; see "review row" in the module docstring."""

    moment: datetime
    kind: str
    rating: int
    interval_seconds: int
    ease_percent: float | None
    time_seconds: float

    @property
    def rating_name(self) -> str:
        """ "Again", "Hard", "Good" or "Easy"."""
        return RATING_NAMES.get(self.rating, str(self.rating))

    @property
    def interval_text(self) -> str:
        """The interval as the answer buttons show it ("10m", "4d", "1.2mo")."""
        return describe_interval(self.interval_seconds)


@dataclass(frozen=True)
class CardInfo:
    """Everything the Card Info window shows for one card.

    Attributes:
        card_id, note_id: the ids (Anki's Card ID / Note ID).
        word, reading, meaning, deck, direction: what the card is.
        state: "new", "learning", "review" or "relearning"; ``mature`` when a review interval ≥ 21 days.
        suspended, leech: the card's flags.
        added: when the note was added.
        due: the next due moment (``None`` for new cards); ``position`` for new cards.
        interval_days: the review interval (0 while learning); ``ease_percent`` once graduated.
        reviews, lapses: answers so far and Again answers on review cards (Anki's reps and lapses).
        history: the review rows, newest first.
    """

    card_id: int
    note_id: int
    word: str
    reading: str
    meaning: str
    deck: str
    direction: str
    state: str
    mature: bool
    suspended: bool
    leech: bool
    added: datetime
    due: datetime | None
    position: int | None
    interval_days: int
    ease_percent: float | None
    reviews: int
    lapses: int
    history: tuple[ReviewRow, ...]

    @property
    def first_review(self) -> datetime | None:
        """The moment of the first answer."""
        return self.history[-1].moment if self.history else None

    @property
    def latest_review(self) -> datetime | None:
        """The moment of the latest answer."""
        return self.history[0].moment if self.history else None

    @property
    def total_seconds(self) -> float:
        """Time spent answering the card."""
        return sum(row.time_seconds for row in self.history)

    @property
    def average_seconds(self) -> float | None:
        """Time per answer (``None`` without answers)."""
        return self.total_seconds / len(self.history) if self.history else None


def card_info(col: Collection, card_id: int) -> CardInfo:
    """The card info of ``card_id`` (``KeyError`` if there is no such card)."""
    card = col.get_card(card_id)
    note = col.note_of(card)
    decks = {deck.id: deck.name for deck in col.decks()}
    state = card.state
    history = tuple(
        ReviewRow(
            moment=datetime.fromtimestamp(entry.id / 1000, UTC),
            kind=REVIEW_KINDS.get(entry.type, str(entry.type)),
            rating=entry.rating,
            interval_seconds=-entry.ivl if entry.ivl < 0 else entry.ivl * 86_400,
            ease_percent=entry.factor / 10 if entry.factor else None,
            time_seconds=entry.time_ms / 1000,
        )
        for entry in reversed(col.review_log(card_id=card_id))
    )
    return CardInfo(
        card_id=card.id, note_id=note.id, word=note.word, reading=note.reading, meaning=note.meaning,
        deck=decks.get(card.deck_id, "?"), direction=card.direction, state=state.kind,
        mature=state.kind == "review" and state.interval_days >= MATURE_DAYS,
        suspended=state.suspended, leech=state.leech, added=note.created,
        due=state.due, position=card.position if state.kind == "new" else None,
        interval_days=state.interval_days, ease_percent=state.factor / 10 if state.ease is not None else None,
        reviews=state.reps, lapses=state.lapses, history=history,
    )

