"""Issue 17, finding by finding: jpstudy above the engine against real Anki at the simulated second.

Each test builds the same small collection in jpstudy and in Anki (``anki_days.Twin``: Anki runs under
libfaketime in the real IANA zone) and checks counts, the next card and every card field after the
answers that showed the difference.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from anki_days import Scenario, Twin

from jpstudy.collection import Collection, NewNote
from jpstudy.srs import Rating, SchedulerOptions

pytestmark = pytest.mark.clock

AGAIN, HARD, GOOD, EASY = Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY


def twin(tmp_path: Path, zone: str, rollover: int, created: datetime, cards: int = 3,
         options: SchedulerOptions | None = None) -> Twin:
    plan = Scenario(zone, rollover, created, {"Default": options or SchedulerOptions()}, {"Words": "Default"},
                    [("Words", f"w{i}") for i in range(cards)])
    return Twin.build(plan, tmp_path)


def test_1_a_new_collection_follows_the_system_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing set the zone, so days rolled over at 04:00 UTC (13:00 in Tokyo). A Tokyo user's day now
    starts at 04:00 Tokyo time, as in Anki; Settings can still choose another zone."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    tokyo = ZoneInfo("Asia/Tokyo")
    created = datetime(2026, 3, 1, 12, 0, tzinfo=tokyo)
    col = Collection.open(tmp_path / "c.sqlite3", created=created)
    try:
        assert col.timing.zone is None and col.options.tz == tokyo
        col.fuzz = False
        col.add_note(NewNote("残業", "ざんぎょう", "overtime"), now=created)
        card = col.next_card(created)
        for rating in (GOOD, GOOD):
            card = col.answer(card, rating, created)
        anki = twin(tmp_path / "anki", "Asia/Tokyo", 4, created, cards=1)
        try:
            for rating in (GOOD, GOOD):
                anki.answer(created, "Words", rating)
            early = datetime(2026, 3, 2, 5, 0, tzinfo=tokyo)  # 20:00 UTC on 1 March
            anki.anki.at(early)
            assert col.today(early) == anki.anki.call("today") == 1
            assert col.counts(early) == tuple(anki.anki.call("queue", deck="Words")["counts"]) == (0, 0, 1)
            assert col.db.execute("SELECT due FROM cards").fetchone()[0] == anki.anki.call("cards")["cards"][0][3]
        finally:
            anki.close()
        col.set_timing("America/New_York", 4)
        assert col.options.tz == ZoneInfo("America/New_York")
    finally:
        col.close()


def test_2_new_cards_use_up_the_review_limit(tmp_path: Path) -> None:
    """10 reviews/day, 20 new/day, 30 new cards answered Easy: Anki shows 10 that day, jpstudy showed 20."""
    created = datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("UTC"))
    pair = twin(tmp_path, "UTC", 4, created, cards=30, options=SchedulerOptions(new_per_day=20, reviews_per_day=10))
    try:
        now, served = created + timedelta(hours=1), 0
        while pair.answer(now, "Words", EASY) is not None:
            served += 1
            now += timedelta(seconds=30)
        assert served == 10
        pair.compare_cards("after the day")
    finally:
        pair.close()


@pytest.mark.parametrize(("created_at", "rollover"), [((1, 30), 4), ((11, 0), 23)])
def test_3_the_collections_first_day(tmp_path: Path, created_at: tuple[int, int], rollover: int) -> None:
    """Created at 01:30 with rollover 4, Anki's day 1 starts at 04:00 the same morning (jpstudy stayed on
    day 0 a day longer); with rollover 23 and creation at 11:00 Anki's day 0 lasts until the next
    day's 23:00 (day numbers clamp at 0), and a later Good gave ivl 4 in jpstudy where Anki gives 3."""
    zone = ZoneInfo("Asia/Tokyo")
    created = datetime(2026, 3, 1, *created_at, tzinfo=zone)
    pair = twin(tmp_path, "Asia/Tokyo", rollover, created, cards=2)
    try:
        now = created + timedelta(minutes=5)  # 01:35 and 01:46: clear of Anki's test-mode hours 2-3
        for rating in (GOOD, GOOD):
            pair.answer(now, "Words", rating)
            now += timedelta(minutes=11)
        for hours in (3, 20, 26, 37, 45, 60, 75):
            moment = created + timedelta(hours=hours)
            if moment.astimezone(zone).hour in (2, 3):
                continue  # Anki's test mode moves its clock at these hours
            pair.anki.at(moment)
            assert pair.col.today(moment) == pair.anki.call("today"), moment
            pair.compare_tree(moment)
        pair.answer(created + timedelta(hours=75), "Words", GOOD)
        pair.compare_cards("after the review")
    finally:
        pair.close()


@pytest.mark.parametrize(("before", "after"), [((1, 10, 60), (1, 10)), ((1, 10), (1, 10, 60))])
def test_4_learning_steps_edited_while_learning(tmp_path: Path, before: tuple, after: tuple) -> None:
    """Shortening [1,10,60] to [1,10] after one Good graduated the card in jpstudy, not in Anki;
    lengthening did the reverse (Anki keeps the steps left, not the step index)."""
    created = datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("UTC"))
    pair = twin(tmp_path, "UTC", 4, created, cards=1, options=SchedulerOptions(learning_steps=before))
    try:
        pair.answer(created + timedelta(minutes=1), "Words", GOOD)
        pair.set_preset("Default", SchedulerOptions(learning_steps=after))
        pair.answer(created + timedelta(minutes=70), "Words", GOOD)
        pair.compare_cards("after the edit")
        pair.answer(created + timedelta(minutes=140), "Words", GOOD)
        pair.compare_cards("one more step")
    finally:
        pair.close()


def lapse_to_13(pair: Twin, created: datetime) -> datetime:
    """Easy (4 d), Good (10 d), Good (25 d), then Again: relearning with the interval 13."""
    now = created + timedelta(minutes=5)
    pair.answer(now, "Words", EASY)
    for days, rating in ((4, GOOD), (14, GOOD), (39, AGAIN)):
        now = created + timedelta(days=days, hours=1)
        pair.answer(now, "Words", rating)
    assert pair.col.get_card(1).state.interval_days == 13
    return now


def test_5_relearning_steps_removed_then_again(tmp_path: Path) -> None:
    """A relearning card whose steps were removed: Again keeps the lapsed interval (13); jpstudy lapsed
    it again (7)."""
    created = datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("UTC"))
    options = SchedulerOptions(new_interval=0.5)
    pair = twin(tmp_path, "UTC", 4, created, cards=1, options=options)
    try:
        now = lapse_to_13(pair, created)
        pair.set_preset("Default", dataclasses.replace(options, relearning_steps=()))
        pair.answer(now + timedelta(minutes=12), "Words", AGAIN)
        pair.compare_cards("after Again")
        assert pair.col.get_card(1).state.interval_days == 13
    finally:
        pair.close()


def test_6_leech_tag_removed_by_the_user_comes_back(tmp_path: Path) -> None:
    """Threshold 2: a leech at lapses 2, 3, 4 … After the user removes the tag, the next such lapse
    tags the note again in Anki; jpstudy did not."""
    created = datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("UTC"))
    pair = twin(tmp_path, "UTC", 4, created, cards=1, options=SchedulerOptions(leech_threshold=2))
    try:
        now = created + timedelta(minutes=5)
        pair.answer(now, "Words", EASY)
        for day in (4, 6):  # lapse, relearn, graduate again (1 day)
            now = created + timedelta(days=day, hours=1)
            pair.answer(now, "Words", AGAIN)
            pair.answer(now + timedelta(minutes=11), "Words", GOOD)
        pair.compare_cards("leech")
        note = pair.col.note_of(pair.col.get_card(1))
        assert "leech" in note.tags
        pair.col.update_note(dataclasses.replace(note, tags=tuple(t for t in note.tags if t != "leech")))
        pair.anki.call("remove_tag", card_id=next(iter(pair.jp_of)), tag="leech")
        pair.answer(created + timedelta(days=7, hours=1), "Words", AGAIN)
        pair.compare_cards("leech again")
        assert "leech" in pair.col.note_of(pair.col.get_card(1)).tags
    finally:
        pair.close()


def test_7_undo_across_the_rollover(tmp_path: Path) -> None:
    """Anki drops the undo of an answer given before the day rolled over; jpstudy undid it."""
    zone = ZoneInfo("Asia/Tokyo")
    created = datetime(2026, 3, 1, 12, 0, tzinfo=zone)
    pair = twin(tmp_path, "Asia/Tokyo", 0, created, cards=3)
    try:
        before = datetime(2026, 3, 1, 23, 50, tzinfo=zone)
        pair.answer(before, "Words", GOOD)
        assert pair.col.undo_label(before) == "Undo Answer"
        after = before + timedelta(minutes=15)
        pair.next_card(after, "Words")  # the queue sees the new day
        assert pair.anki.call("can_undo") is None
        assert pair.col.undo_label() is None and pair.col.undo() is None
        pair.compare_cards("nothing undone")
    finally:
        pair.close()


def test_8_queue_order_as_in_anki(tmp_path: Path) -> None:
    """New cards mixed among reviews, reviews in Anki's order, the learning cut-off moved only by an
    answer, the card just answered not shown again at once, new cards gathered deck by deck: two
    days of a parent deck with subdecks, every next card compared."""
    zone = ZoneInfo("America/New_York")
    created = datetime(2026, 3, 1, 9, 0, tzinfo=zone)
    decks = {"Parent": "Default", "Parent::B": "Default", "Parent::A": "Small", "Parent::A::Deep": "Default"}
    plan = Scenario(
        "America/New_York", 4, created,
        {"Default": SchedulerOptions(new_per_day=6), "Small": SchedulerOptions(new_per_day=2, learning_steps=(1, 3))},
        decks, [(deck, f"{deck}{i}") for deck in decks for i in range(5)],
    )
    pair = Twin.build(plan, tmp_path)
    try:
        for start in (created + timedelta(hours=1), created + timedelta(days=1, hours=2)):
            now = start
            for rating in (AGAIN, GOOD, GOOD, AGAIN, GOOD, HARD, GOOD, GOOD, EASY, GOOD, GOOD, AGAIN) * 4:
                if pair.answer(now, "Parent", rating) is None:
                    break
                now += timedelta(seconds=25)
            pair.compare_cards(f"session at {start}")
        assert pair.steps > 40
    finally:
        pair.close()
