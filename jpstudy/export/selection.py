"""Reading what an export contains from a collection, through the Collection API only.

Terms:
    selection: the cards to export (all, or those in one deck and its subdecks), each with its note,
        its full deck name and — for an export with progress — its review log.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from jpstudy.collection.models import Card, Note, ReviewEntry, WordUse
from jpstudy.export.identity import kanji_guid, note_guid
from jpstudy.japanese.kanji import KANJI_EXAMPLES

if TYPE_CHECKING:
    from jpstudy.collection import Collection

ProgressCallback = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)``; stages are "reading", "writing", "saving"."""

PROGRESS_EVERY = 500


class ExportError(Exception):
    """An export that cannot be done; the message says why and what to do. Nothing was written."""


@dataclass(frozen=True)
class ExportCard:
    """One card to export: the card, its note, the full name of its deck and its review log.

    ``reviews`` is oldest first, and empty when the export is without progress. ``uses`` are, for a
    kanji card, the user's words written with the kanji.
    """

    card: Card
    note: Note
    deck_name: str
    reviews: tuple[ReviewEntry, ...] = ()
    uses: tuple[WordUse, ...] = ()

    @cached_property
    def guid(self) -> str:
        """The Anki GUID of this card's note (see ``identity``)."""
        if self.note.kind == "kanji":
            return kanji_guid(self.note.word)
        return note_guid(self.note.entry_id, self.note.word, self.note.reading, self.card.direction)

    @property
    def note_type_key(self) -> str:
        """Which note type shows the card: its direction, or "kanji" (see ``notetype``)."""
        return "kanji" if self.note.kind == "kanji" else self.card.direction

    @property
    def last_change(self) -> int:
        """Unix seconds of the last change to what the card shows: its note's edit or its last answer."""
        last_answer = self.reviews[-1].id // 1000 if self.reviews else 0
        return max(int(self.note.modified.timestamp()), last_answer)


def has_prompt(item: ExportCard) -> bool:
    """Whether the card's question side shows something: a production card asks with the meaning,
    so one whose meaning is blank cannot be studied (Anki would not even create it)."""
    return item.card.direction != "production" or bool(item.note.meaning.strip())


def _deck_names(col: Collection, deck: str | None) -> tuple[str | None, dict[int, str]]:
    """The canonical spelling of ``deck`` and the exported decks by id (``deck`` and below, or all).

    Raises:
        ExportError: ``deck`` names no deck of the collection.
    """
    names = {d.id: d.name for d in col.decks()}
    if deck is None:
        return None, names
    match = next((name for name in names.values() if name.lower() == deck.strip().lower()), None)
    if match is None:
        known = ", ".join(sorted(names.values())) or "none"
        raise ExportError(f"There is no deck named {deck!r}. Decks: {known}.")
    return match, {i: n for i, n in names.items() if n == match or n.startswith(f"{match}::")}


def read_selection(
    col: Collection,
    deck: str | None = None,
    *,
    with_reviews: bool = False,
    progress: ProgressCallback | None = None,
) -> tuple[ExportCard, ...]:
    """The cards of ``deck`` (with subdecks; every card when None), with their review logs if asked.

    Raises:
        ExportError: ``deck`` names no deck of the collection.
    """
    deck, exported_decks = _deck_names(col, deck)
    reviews: dict[int, list[ReviewEntry]] = {}
    for entry in col.review_log() if with_reviews else ():
        reviews.setdefault(entry.card_id, []).append(entry)
    total = len(col.note_ids(deck))
    cards: list[ExportCard] = []
    for done, (note, note_cards) in enumerate(col.iter_export(deck), start=1):
        cards.extend(
            ExportCard(card, note, exported_decks[card.deck_id], tuple(reviews.get(card.id, ())))
            for card in note_cards
            if card.deck_id in exported_decks
        )
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
            progress("reading", done, total)
    kanji = {item.note.word for item in cards if item.note.kind == "kanji"}
    if kanji:
        uses = col.kanji_uses(kanji)
        cards = [
            dataclasses.replace(item, uses=tuple(uses[item.note.word][:KANJI_EXAMPLES]))
            if item.note.kind == "kanji" else item
            for item in cards
        ]
    return tuple(cards)
