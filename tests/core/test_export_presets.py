"""Export carries each deck's preset, and cards continue in real Anki exactly (issue 17, in a real zone).

A Tokyo collection with three presets is studied for two days in jpstudy, exported with progress and
imported into Anki running under libfaketime in Asia/Tokyo ("Import any learning progress", "Import
deck presets"). Each Anki deck must use the preset of its jpstudy deck; then both are studied on for
five more days and must keep agreeing on counts, the next card and every card field.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from anki_days import Twin
from anki_faketime import FakeTimeAnki

from jpstudy.collection import Collection, NewNote
from jpstudy.export import export_apkg
from jpstudy.srs import Rating, SchedulerOptions

pytestmark = pytest.mark.clock

TOKYO = ZoneInfo("Asia/Tokyo")
WORK = SchedulerOptions(new_per_day=3, reviews_per_day=30, learning_steps=(2, 30), graduating_interval=2)
LIGHT = SchedulerOptions(new_per_day=2, learning_steps=(5,), relearning_steps=(), starting_ease=2.2)
DECKS = {"Work": "Work", "Work::IT": "Default", "Mined": "Light"}


def study_in_jpstudy(col: Collection, start: datetime, deck: str) -> None:
    now = start
    for rating in (Rating.GOOD, Rating.EASY, Rating.AGAIN, Rating.GOOD, Rating.GOOD, Rating.HARD) * 3:
        card = col.next_card(now, deck=deck)
        if card is None:
            return
        col.answer(card, rating, now)
        now += timedelta(seconds=40)


def test_presets_and_progress_continue_in_anki(tmp_path: Path) -> None:
    created = datetime(2026, 4, 1, 9, 0, tzinfo=TOKYO)
    col = Collection.open(tmp_path / "j.sqlite3", created=created, zone="Asia/Tokyo")
    col.fuzz = False
    ids = {"Default": 1, "Work": col.save_preset("Work", WORK).id, "Light": col.save_preset("Light", LIGHT).id}
    for deck, preset in DECKS.items():
        col.set_deck_preset(col.add_deck(deck).id, ids[preset])
        col.add_notes([NewNote(f"{deck}-{i}", f"r{i}", f"m{i}") for i in range(6)], deck=deck, now=created)
    for day in (0, 1):
        for deck in ("Work", "Mined"):
            study_in_jpstudy(col, created + timedelta(days=day, hours=1 + 3 * (deck == "Mined")), deck)
    exported = created + timedelta(days=2, hours=2)
    out = tmp_path / "tokyo.apkg"
    export_apkg(col, out, with_progress=True, now=exported)

    (tmp_path / "anki").mkdir()
    anki = FakeTimeAnki("Asia/Tokyo", tmp_path / "anki")
    anki.at(exported)
    anki.call("open_empty", rollover=4)
    by_word = {word: cid for cid, word in anki.call("import_apkg", path=str(out))}
    jp_ids = {col.get_note(col.get_card(cid).note_id).word: cid for cid in col.search_cards("")}
    twin = Twin(col, anki, {by_word[w]: jp_ids[w] for w in jp_ids}, {jp_ids[w]: by_word[w] for w in jp_ids})
    try:
        for deck, preset in DECKS.items():
            config = anki.call("deck_config", deck=deck)
            options = {"Default": SchedulerOptions(), "Work": WORK, "Light": LIGHT}[preset]
            assert config["name"] == ("jpstudy" if preset == "Default" else preset)
            assert config["new"]["delays"] == list(options.learning_steps)
            assert config["new"]["perDay"] == options.new_per_day
            assert config["lapse"]["delays"] == list(options.relearning_steps)
            assert config["new"]["initialFactor"] == options.starting_factor
        compare_continued(twin, exported)
        for day in range(2, 7):
            for deck in ("Work", "Mined", "Work::IT"):
                start = created + timedelta(days=day, hours=3 + 2 * ("IT" in deck))
                end = twin.session(start, deck, random.Random(f"{day}{deck}"), 15)
            compare_continued(twin, end)
        assert twin.steps > 40
    finally:
        twin.close()


def compare_continued(twin: Twin, when: datetime) -> None:
    """Every card's columns as Anki holds them at ``when``; day-numbered dues relative to each one's today."""
    twin.anki.at(when)
    dump = twin.anki.call("cards")
    anki_today = twin.anki.call("today")
    jp_today = twin.col.today(when)
    rows = {row[0]: row for row in dump["cards"]}
    for anki_id, jp_id in twin.jp_of.items():
        a, j = rows[anki_id], twin.jp_row(jp_id)
        assert (j[1], j[2], *j[4:]) == (a[1], a[2], *a[4:9]), f"card {jp_id} at {when}"
        if j[2] in (2, 3):
            assert j[3] - jp_today == a[3] - anki_today, f"due of card {jp_id} at {when}"
        else:
            assert j[3] == a[3] or j[2] == 0, f"due of card {jp_id} at {when}"
