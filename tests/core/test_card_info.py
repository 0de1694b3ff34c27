"""Card info against real Anki's Card Info: export a collection with cards in every state (with their
progress), import it into Anki, and compare what ``jpstudy.card_info`` reports for each card with
``Collection.card_stats_data`` of the same card in Anki."""

from __future__ import annotations

import os

os.environ["ANKI_TEST_MODE"] = "1"  # must be set before anki is imported

from pathlib import Path

import pytest
from anki.collection import Collection as AnkiCollection
from test_export_anki import Built, anki, anki_cards, built, import_package, near_noon  # noqa: F401

from jpstudy.card_info import card_info
from jpstudy.export import export_apkg

pytestmark = pytest.mark.clock


def test_card_info_agrees_with_ankis_card_info(built: Built, anki: AnkiCollection, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "progress.apkg"
    export_apkg(built.col, out, with_progress=True, now=built.now)
    import_package(anki, out, with_scheduling=True)
    imported = anki_cards(anki)
    compared = 0
    for (word, direction), card in built.cards.items():
        ours = card_info(built.col, card.id)
        theirs = anki.card_stats_data(imported[(word, direction)]["card"].id)
        assert (ours.reviews, ours.lapses) == (theirs.reviews, theirs.lapses), word
        assert len(ours.history) == len(theirs.revlog), word
        for row, entry in zip(ours.history, theirs.revlog, strict=True):  # both newest first
            assert int(row.moment.timestamp()) == entry.time, word
            assert row.rating == entry.button_chosen, word
            assert row.kind.upper().startswith(("LEARN", "REVIEW", "RELEARN")[entry.review_kind]), word
            assert row.interval_seconds == entry.interval, word
            assert (row.ease_percent or 0) == pytest.approx(entry.ease / 10), word
            assert row.time_seconds == pytest.approx(entry.taken_secs), word
        if ours.history:
            assert int(ours.first_review.timestamp()) == theirs.first_review, word
            assert int(ours.latest_review.timestamp()) == theirs.latest_review, word
            assert ours.total_seconds == pytest.approx(theirs.total_secs), word
            assert ours.average_seconds == pytest.approx(theirs.average_secs), word
        if ours.state == "review":
            assert ours.interval_days == theirs.interval, word
            assert ours.ease_percent == pytest.approx(theirs.ease / 10), word
        if ours.state == "new":
            assert ours.history == () and ours.position is not None and ours.due is None
        assert (ours.word, ours.deck) == (word, anki.decks.name(imported[(word, direction)]["card"].did))
        compared += 1
    states = {card_info(built.col, c.id).state for c in built.cards.values()}
    assert states == {"new", "learning", "review", "relearning"} and compared == len(built.cards)
