"""Reading what an export contains from a collection, through the Collection API only.

Terms:
    selection: the cards to export (all, or those in one deck and its subdecks), each with its note
        and full deck name, plus — for an export with progress — the review log of those cards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jpstudy.collection.models import Card, Note, ReviewEntry

if TYPE_CHECKING:
    from jpstudy.collection import Collection

ProgressCallback = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)``; stages are "reading", "writing", "saving"."""

PROGRESS_EVERY = 500


class ExportError(Exception):
    """An export that cannot be done; the message says why and what to do. Nothing was written."""


@dataclass(frozen=True)
class ExportCard:
    """One card to export with its note and the full name of its deck."""

    card: Card
    note: Note
    deck_name: str


@dataclass(frozen=True)
class Selection:
    """The cards of one export, in the collection's order, and their review logs (oldest first)."""

    cards: tuple[ExportCard, ...]
    reviews: Mapping[int, tuple[ReviewEntry, ...]] = field(default_factory=dict)


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
        raise ExportError(f"There is no deck named {deck!r}. Decks: {', '.join(sorted(names.values())) or 'none'}.")
    return match, {i: n for i, n in names.items() if n == match or n.startswith(f"{match}::")}


def read_selection(
    col: Collection,
    deck: str | None = None,
    *,
    with_reviews: bool = False,
    progress: ProgressCallback | None = None,
) -> Selection:
    """The cards of ``deck`` (with subdecks; every card when None) and, if asked, their review logs.

    Raises:
        ExportError: ``deck`` names no deck of the collection.
    """
    deck, exported_decks = _deck_names(col, deck)
    total = len(col.note_ids(deck))
    cards: list[ExportCard] = []
    for done, (note, note_cards) in enumerate(col.iter_export(deck), start=1):
        cards.extend(ExportCard(card, note, exported_decks[card.deck_id])
                     for card in note_cards if card.deck_id in exported_decks)
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
            progress("reading", done, total)
    reviews: dict[int, list[ReviewEntry]] = {}
    if with_reviews:
        wanted = {c.card.id for c in cards}
        for entry in col.review_log():
            if entry.card_id in wanted:
                reviews.setdefault(entry.card_id, []).append(entry)
    return Selection(tuple(cards), {cid: tuple(rows) for cid, rows in reviews.items()})
