"""The real bundled dictionary: first-run build from the committed data, and the JLPT words against it."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from jpstudy.decks import LEVELS, load_jlpt_words
from jpstudy.dictionary import Dictionary, Headword


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dictionary]:
    calls: list[int] = []
    d = Dictionary.open(tmp_path_factory.mktemp("data"), progress=lambda done, total, _m: calls.append(done))
    assert len(calls) > 10  # the build reported progress
    yield d
    d.close()


def test_metadata(real: Dictionary) -> None:
    assert real.jmdict_created == "2021-04-17"
    assert "unofficial" in real.meta["jlpt_source"]


@pytest.mark.parametrize("level", LEVELS)
def test_jlpt_words_resolve_to_their_entry(real: Dictionary, level: str) -> None:
    """≥ 99 % of a level's words have an entry whose forms include the word and whose readings include
    the reading, that a lookup of the word finds, and whose level for that reading is this level or easier."""
    words = load_jlpt_words(level)
    resolved = 0
    for w in words:
        entry = real.entry(w.entry_id) if w.entry_id is not None else None
        if (
            entry is not None
            and w.reading in entry.readings
            and (w.word in entry.forms or w.word in entry.readings)
            and w.entry_id in {e.entry_id for e in real.lookup(w.word)}
        ):
            resolved += 1
            assert LEVELS.index(real.jlpt_level(w.entry_id, w.reading)) <= LEVELS.index(level), w
    assert resolved / len(words) >= 0.99, (level, resolved, len(words))


def test_easiest_level_wins(real: Dictionary) -> None:
    levels: dict[tuple[int, str], str] = {}
    for level in reversed(LEVELS):  # hardest first, so easier levels overwrite
        for w in load_jlpt_words(level):
            if w.entry_id is not None:
                levels[(w.entry_id, w.reading)] = level
    got = {key: real.jlpt_level(*key) for key in levels}
    assert all(LEVELS.index(got[key]) <= LEVELS.index(lvl) for key, lvl in levels.items())
    # a pair can only be easier when another list names the same entry under another reading and a card
    # shows it with this reading (管 N3 くだ → かん); that happens once
    assert sum(got[key] != lvl for key, lvl in levels.items()) <= 1
    (ashita,) = [w for w in load_jlpt_words("N5") if w.word == "あさって"]
    assert real.jlpt_level(ashita.entry_id, "あさって") == "N5"


def test_real_lookups(real: Dictionary) -> None:
    assert [e.entry_id for e in real.lookup("事")][:1] == [1313580]
    assert real.lookup("IT")[0].forms == ("ＩＴ",)
    assert real.headword(1582710) == Headword("日本", "にほん")
    # the N3 list names 日本 as にっぽん; the card reading にほん of the same entry gets that level too
    assert real.jlpt_level(1582710, "にっぽん") == real.jlpt_level(1582710, "にほん") == "N3"
    (kinmuchi,) = real.lookup("勤務地")
    assert kinmuchi.jlpt is None
    assert real.kanji_level("勤務地") == "N3"
    assert real.frequency("勤務") == pytest.approx(4.54)
    assert real.lookup("千代田") == []


def test_kana_lookup_prefers_words_written_in_kana(real: Dictionary) -> None:
    assert real.lookup("はい")[0].gloss_text(1).startswith("yes")  # not 肺 (lung)
    assert real.lookup("こと")[0].entry_id == 1313580  # 事, not 琴
    ambiguous = [
        w
        for level in LEVELS
        for w in load_jlpt_words(level)
        if w.entry_id is not None and w.word == w.reading and len(real.matches(w.word)) > 1
    ]
    first = sum(real.lookup(w.word)[0].entry_id == w.entry_id for w in ambiguous)
    by_rank = sum(real.matches(w.word)[0].entry_id == w.entry_id for w in ambiguous)
    assert len(ambiguous) > 150
    assert first / len(ambiguous) >= 0.8 > by_rank / len(ambiguous)


def test_a_killed_builds_temporary_file_is_removed_later(tmp_path: Path) -> None:
    from jpstudy.dictionary.build import remove_abandoned_builds

    old, fresh = tmp_path / ".dict-build-old.sqlite", tmp_path / ".dict-build-new.sqlite"
    old.write_bytes(b"half a build")
    fresh.write_bytes(b"a build in progress")
    # Both ages are set from this process's clock: file times come from the kernel's, which a faked
    # clock (libfaketime) does not move.
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    os.utime(fresh, (time.time(), time.time()))
    remove_abandoned_builds(tmp_path)
    assert not old.exists() and fresh.exists()
