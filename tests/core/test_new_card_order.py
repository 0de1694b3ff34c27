"""New JLPT cards come by usefulness: most frequent words first (issue 14: the first 163 N5 cards were
kana-only words in gojūon order), the same order every time, and an export carries it into Anki."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from jpstudy.collection import Collection
from jpstudy.decks import LEVELS, load_jlpt_words, words_by_usefulness
from jpstudy.dictionary import Dictionary

KANA = re.compile(r"^[\u3041-\u30ffー・]+$")
T0 = datetime(2026, 4, 6, 9, 0, tzinfo=UTC)


def served_words(col: Collection, count: int) -> list[str]:
    """The words of the next ``count`` new cards, in the order the queue introduces them."""
    ids = sorted(col.search_cards("is:new"), key=lambda i: col.get_card(i).position)
    return [col.note_of(col.get_card(i)).word for i in ids[:count]]


def test_new_n5_cards_come_most_frequent_first(tmp_path: Path, built_dictionary: Path) -> None:
    with Collection.open(tmp_path / "c.sqlite3", created=T0 - timedelta(days=1)) as col:
        col.add_jlpt_deck("N5", now=T0)
        first = served_words(col, 40)
        card = col.next_card(now=T0)
        assert col.note_of(card).word == first[0] == "する"
        # the frequencies come from the built dictionary here, not from the deck module's own reading
        with Dictionary.open(built_dictionary.parent) as dictionary:
            zipfs = [dictionary.frequency(word) or 0.0 for word in served_words(col, 200)]
        assert zipfs == sorted(zipfs, reverse=True)
        assert sum(bool(KANA.match(word)) for word in first) < 25  # gojūon order: 40 of 40
        assert {"人", "年", "何", "今", "時間"} <= set(first)


@pytest.mark.parametrize("level", LEVELS)
def test_usefulness_order_is_stable_and_complete(level: str) -> None:
    order = words_by_usefulness(level)
    assert sorted(order, key=lambda w: (w.word, w.reading, w.meaning)) == sorted(
        load_jlpt_words(level), key=lambda w: (w.word, w.reading, w.meaning))
    words_by_usefulness.cache_clear()
    assert words_by_usefulness(level) == order


def test_two_collections_get_the_same_positions(tmp_path: Path) -> None:
    orders = []
    for name in ("a", "b"):
        with Collection.open(tmp_path / f"{name}.sqlite3", created=T0) as col:
            col.add_jlpt_deck("N4", now=T0)
            orders.append(served_words(col, 1000))
    assert orders[0] == orders[1] and len(orders[0]) > 600


def test_the_order_carries_into_anki(tmp_path: Path) -> None:
    """Anki's own queue, after importing the export, introduces the same words in the same order."""
    import os

    os.environ["ANKI_TEST_MODE"] = "1"
    from anki.collection import Collection as AnkiCollection
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    from jpstudy.export import export_apkg

    out = tmp_path / "n5.apkg"
    with Collection.open(tmp_path / "c.sqlite3", created=T0) as col:
        col.add_jlpt_deck("N5", now=T0)
        ours = served_words(col, 20)
        export_apkg(col, out, with_progress=False, now=T0)
    (tmp_path / "anki").mkdir()
    anki = AnkiCollection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        request = ImportAnkiPackageRequest(package_path=str(out), options=ImportAnkiPackageOptions())
        anki.import_anki_package(request)
        anki.decks.select(anki.decks.id_for_name("JLPT::N5"))
        queued = anki.sched.get_queued_cards(fetch_limit=20).cards
        theirs = [anki.get_card(q.card.id).note()["Word"] for q in queued]
    finally:
        anki.close()
    assert theirs == ours
