"""What the dictionary fills in when a word is added by hand (the real, bundled dictionary)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jpstudy.dictionary import Dictionary
from jpstudy.manual_note import suggest


@pytest.fixture(scope="module")
def dictionary(built_dictionary: Path) -> Iterator[Dictionary]:
    with Dictionary.open(built_dictionary.parent) as opened:
        yield opened


def test_a_kanji_word_gets_its_reading_meaning_and_level(dictionary: Dictionary) -> None:
    found = suggest(dictionary, " 会議 ")
    assert found is not None and found.others == 0
    note = found.note
    assert (note.word, note.reading, note.jlpt, note.entry_id) == ("会議", "かいぎ", "N4", 1198360)
    assert note.meaning.startswith("meeting") and "n" in note.pos.split()


def test_a_word_typed_in_kana_gets_its_usual_written_form(dictionary: Dictionary) -> None:
    assert (suggest(dictionary, "かいぎ").note.word, suggest(dictionary, "かいぎ").others) == ("会議", 3)
    assert suggest(dictionary, "たくさん").note.word == "たくさん"  # usually written in kana


def test_the_reading_chooses_between_entries_and_senses(dictionary: Dictionary) -> None:
    person = suggest(dictionary, "方", "かた").note
    side = suggest(dictionary, "方", "ほう").note
    assert (person.reading, side.reading) == ("かた", "ほう")
    assert "person" in person.meaning and "person" not in side.meaning
    assert (person.jlpt, side.jlpt) == ("N5", "N3")


def test_unknown_or_empty_words_give_nothing(dictionary: Dictionary) -> None:
    assert suggest(dictionary, "xyzzy") is None
    assert suggest(dictionary, "   ") is None
