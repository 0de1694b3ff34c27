"""Statistics over a real collection whose history is built with real answers at fixed times."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from jpstudy import stats
from jpstudy.collection import Collection, NewNote
from jpstudy.srs import Rating

pytestmark = pytest.mark.clock

CREATED = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def col(tmp_path: Path) -> Collection:
    collection = Collection.open(tmp_path / "c.sqlite3", created=CREATED, zone="UTC")  # the days below are UTC days
    collection.fuzz = False
    collection.set_options(dataclasses.replace(collection.options, learning_steps=(), new_per_day=100))
    for i in range(6):
        collection.add_note(NewNote(f"語{i}", f"ご{i}", f"word {i}", jlpt="N5"), now=CREATED)
    yield collection
    collection.close()


def answer_next(col: Collection, rating: Rating, now: datetime) -> int:
    card = col.next_card(now=now)
    assert card is not None
    col.answer(card, rating, now=now)
    return card.id


def test_reviews_per_day_uses_the_rollover_hour(col: Collection) -> None:
    day1 = CREATED + timedelta(days=1)  # Tue 12:00
    answer_next(col, Rating.GOOD, day1)
    answer_next(col, Rating.GOOD, day1.replace(hour=23))
    answer_next(col, Rating.GOOD, day1 + timedelta(hours=15))  # Wed 03:00: still Tuesday's study day
    answer_next(col, Rating.GOOD, day1 + timedelta(hours=17))  # Wed 05:00
    per_day = stats.reviews_per_day(col, day1 + timedelta(days=1))
    assert per_day == {date(2026, 1, 6): 3, date(2026, 1, 7): 1}


def test_streak_counts_back_from_today_or_yesterday() -> None:
    today = date(2026, 2, 10)
    days = {today - timedelta(days=n): 1 for n in (1, 2, 3, 5)}
    assert stats.streak(days, today) == 3  # today not studied yet: yesterday's run of 3
    assert stats.streak({**days, today: 4}, today) == 4
    assert stats.streak({today - timedelta(days=2): 1}, today) == 0


def test_forecast_state_counts_and_next_due(col: Collection) -> None:
    now = CREATED + timedelta(hours=1)
    # No learning steps: Good graduates to the 1-day graduating interval, Easy to the 4-day easy interval.
    for rating in (Rating.GOOD, Rating.GOOD, Rating.EASY):
        answer_next(col, rating, now)
    suspended = col.search_cards("is:new")[0]
    col.suspend([suspended])
    assert stats.forecast(col, now, days=6) == [0, 2, 0, 0, 1, 0]
    assert stats.due_tomorrow(col, now) == 2
    assert stats.state_counts(col) == stats.StateCounts(new=2, learning=0, young=3, mature=0, suspended=1)
    # The next study day starts at the 04:00 rollover (UTC, the default time zone).
    assert stats.next_due(col, now) == datetime(2026, 1, 6, 4, 0, tzinfo=UTC)


def test_retention_counts_answers_to_mature_cards_only(col: Collection) -> None:
    now = CREATED
    card_id = answer_next(col, Rating.EASY, now)  # 4 days
    # Keep answering Easy on time until the interval reaches 21 days (mature), then fail once.
    for _ in range(10):
        card = col.get_card(card_id)
        if card.state.interval_days >= 21:
            break
        now = card.state.due + timedelta(hours=8)
        col.answer(card, Rating.EASY, now=now)
    card = col.get_card(card_id)
    assert card.state.interval_days >= 21
    young_answers = len(col.review_log(card_id))
    now = card.state.due + timedelta(hours=8)
    col.answer(card, Rating.GOOD, now=now)
    card = col.get_card(card_id)
    now = card.state.due + timedelta(hours=8)
    col.answer(card, Rating.AGAIN, now=now)
    points = stats.retention_by_month(col, now, months=12)
    assert sum(p.total for p in points) == 2  # the two answers given at a mature interval
    assert sum(p.passed for p in points) == 1
    assert young_answers >= 2
    known = stats.known_over_time(col, now, weeks=30)["N5"]
    assert known[-1][1] == 0  # the lapse made the word young again
    assert max(n for _, n in known) == 1


def test_level_progress_counts_the_bundled_lists(tmp_path: Path) -> None:
    with Collection.open(tmp_path / "levels.sqlite3", created=CREATED, zone="UTC") as collection:
        added = collection.add_jlpt_deck("N5", now=CREATED)
        collection.mark_known("学生", "がくせい")
        levels = stats.level_progress(collection)
        answered = answer_next(collection, Rating.GOOD, CREATED)
        after_one = stats.level_progress(collection)[0]
        word = collection.note_of(collection.get_card(answered)).word
    assert [lv.level for lv in levels] == ["N5", "N4", "N3", "N2", "N1"]
    n5 = levels[0]
    # right after adding N5 nothing is being learned yet (issue 14: the bars were full orange)
    assert (n5.known, n5.learning) == (1, 0)
    assert n5.in_decks >= added - 10  # a few list entries map to one stored word
    assert n5.not_started == n5.total - 1
    assert (after_one.known, after_one.learning) == (1, 1), word
    assert after_one.not_started == n5.total - 2


def test_home_summary(col: Collection) -> None:
    now = CREATED + timedelta(hours=2)
    answer_next(col, Rating.GOOD, now)
    summary = stats.home_summary(col, now)
    assert summary.reviews_today == 1 and summary.streak_days == 1 and summary.has_cards
    assert summary.counts == (5, 0, 0)
    assert [node.short_name for node in summary.decks] == ["Mined"]


def test_word_progress_has_the_statistics_screens_definitions(tmp_path: Path) -> None:
    """Every note's word status names the same stage as its card's state in "Cards by state": new →
    not started, learning / relearning / young → learning, mature → known."""
    import random

    rng = random.Random(5)
    with Collection.open(tmp_path / "p.sqlite3", created=CREATED) as collection:
        collection.fuzz = False
        for i in range(40):
            collection.add_note(NewNote(f"単語{i}", f"たんご{i}", f"word {i}"), now=CREATED)
        now = CREATED
        for _ in range(60):
            for _ in range(25):
                card = collection.next_card(now=now)
                if card is None:
                    break
                collection.answer(card, rng.choice((Rating.AGAIN, Rating.GOOD, Rating.EASY, Rating.EASY)), now=now)
                now += timedelta(minutes=11)
            now += timedelta(days=1)
        for i in range(3):
            collection.add_note(NewNote(f"新語{i}", f"しんご{i}", f"new word {i}"), now=now)
        expected = {"new": stats.Progress.NOT_STARTED, "learning": stats.Progress.LEARNING,
                    "relearning": stats.Progress.LEARNING}
        seen = set()
        for note, (card,) in collection.iter_export():
            kind = card.state.kind
            mature = card.state.interval_days >= 21
            stage = expected[kind] if kind in expected else stats.Progress(1 + mature)
            status = collection.word_status(note.entry_id, note.word, note.reading)
            assert stats.status_progress(status) is stage, (note.word, kind, card.state.interval_days, status)
            seen.add((kind, stage))
        counts = stats.state_counts(collection)
    assert {stage for _, stage in seen} == set(stats.Progress)  # every stage occurred
    assert counts.new and counts.mature and (counts.learning or counts.young)


def test_words_known_per_level_agree_with_the_home_screens_lists(tmp_path: Path) -> None:
    """A word on the N3 list studied from another deck (its note says N4) and with two cards counts once,
    for N3, in the chart as in the home screen's progress."""
    from jpstudy.decks import load_jlpt_words

    n3 = next(w for w in load_jlpt_words("N3") if w.entry_id is not None and w.word != w.reading)
    with Collection.open(tmp_path / "lv.sqlite3", created=CREATED, zone="UTC") as c:
        c.fuzz = False
        c.set_options(dataclasses.replace(c.options, learning_steps=()))
        c.add_note(NewNote(n3.word, n3.reading, n3.meaning, jlpt="N4", entry_id=n3.entry_id), deck="Mined",
                   directions=("recognition", "production"), now=CREATED)
        now = CREATED
        for card_id in c.search_cards(""):
            card = c.get_card(card_id)
            for _ in range(8):  # Easy until mature (4 d, then × 2.5 × 1.3 …)
                card = c.answer(card, Rating.EASY, now=now)
                if card.state.interval_days >= 21:
                    break
                now = card.state.due + timedelta(hours=8)
        now += timedelta(days=1)
        home = {p.level: p.known for p in stats.level_progress(c)}
        chart = {level: points[-1][1] for level, points in stats.known_over_time(c, now).items()}
    assert home["N3"] == chart["N3"] == 1
    assert chart["N4"] == 1  # the note's own level counts too
