"""The engine's rules and API at their edges (specs/sm2.md §3-§6), complementing the Anki replay."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from jpstudy.srs import CardState, Rating, Scheduler, SchedulerOptions

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
TOKYO = ZoneInfo("Asia/Tokyo")


def review_card(interval: int, factor: int = 2500, due: datetime = NOW, lapses: int = 0) -> CardState:
    return CardState(kind="review", ease=factor / 1000, interval_days=interval, due=due, reps=3, lapses=lapses)


def test_naive_times_are_rejected() -> None:
    sched = Scheduler()
    naive = datetime(2026, 5, 1, 9, 0)
    for call in (
        lambda: sched.answer(CardState.new(), Rating.GOOD, naive),
        lambda: sched.preview(CardState.new(), naive),
        lambda: sched.is_due(CardState.new(), naive),
        lambda: sched.start_of_day(naive),
    ):
        with pytest.raises(ValueError, match="timezone-aware"):
            call()
    with pytest.raises(ValueError, match="due"):
        CardState(kind="review", ease=2.5, interval_days=1, due=naive)


def test_answers_return_new_states_and_never_mutate() -> None:
    sched = Scheduler()
    state = CardState.new()
    after = sched.answer(state, Rating.GOOD, NOW)
    assert state == CardState.new() and after is not state
    with pytest.raises(FrozenInstanceError):
        after.reps = 5  # type: ignore[misc]


@pytest.mark.parametrize("bad", [0, 5, True, "3", 3.0])
def test_bad_ratings_are_rejected(bad: object) -> None:
    with pytest.raises(ValueError, match="rating"):
        Scheduler().answer(CardState.new(), bad, NOW)  # type: ignore[arg-type]


def test_preview_and_button_labels_of_a_new_card() -> None:
    sched = Scheduler()
    preview = sched.preview(CardState.new(), NOW)
    assert [preview[r].kind for r in Rating] == ["learning", "learning", "learning", "review"]
    assert preview[Rating.GOOD] == sched.answer(CardState.new(), Rating.GOOD, NOW)
    labels = sched.button_labels(CardState.new(), NOW)
    assert [labels[r] for r in Rating] == ["1m", "6m", "10m", "4d"]
    labels = sched.button_labels(CardState.new(), NOW, learn_ahead=timedelta(minutes=20))
    assert [labels[r] for r in Rating] == ["<1m", "<6m", "<10m", "4d"]  # as Anki's reviewer shows them
    long_steps = Scheduler(SchedulerOptions(learning_steps=(20,)))
    labels = long_steps.button_labels(CardState.new(), NOW, learn_ahead=timedelta(minutes=20))
    assert [labels[r] for r in Rating] == ["20m", "30m", "1d", "4d"]


def test_leeches_at_threshold_and_every_half_threshold_after() -> None:
    sched = Scheduler()
    state = review_card(10)
    leech_lapses = []
    for _ in range(16):
        state = sched.answer(state, Rating.AGAIN, NOW)
        if state.leech and not leech_lapses:
            leech_lapses.append(state.lapses)
        state = sched.answer(state, Rating.GOOD, NOW + timedelta(minutes=10))  # back to review
    assert leech_lapses == [8] and state.lapses == 16 and state.ease == 1.3 and not state.suspended


def test_leech_action_suspend_suspends_on_the_threshold_lapse() -> None:
    sched = Scheduler(SchedulerOptions(leech_threshold=2, leech_action="suspend"))
    state = sched.answer(review_card(10, lapses=1), Rating.AGAIN, NOW)
    assert state.leech and state.suspended and state.kind == "relearning"
    assert sched.anki_card(state, NOW).queue == -1
    assert not sched.is_due(state, NOW + timedelta(days=1))


def test_ease_floor_is_reached_after_six_lapses() -> None:
    sched = Scheduler(SchedulerOptions(relearning_steps=()))
    state = review_card(10)
    factors = []
    for _ in range(7):
        state = sched.answer(state, Rating.AGAIN, NOW)
        factors.append(state.factor)
    assert factors == [2300, 2100, 1900, 1700, 1500, 1300, 1300]
    assert state.kind == "review" and state.interval_days == 1  # no relearning steps: stays a review card


def test_maximum_interval_makes_hard_good_easy_equal() -> None:
    sched = Scheduler(SchedulerOptions(maximum_interval=30))
    preview = sched.preview(review_card(28), NOW)
    assert [preview[r].interval_days for r in (Rating.HARD, Rating.GOOD, Rating.EASY)] == [30, 30, 30]


def test_a_step_exactly_as_long_as_the_time_to_rollover_is_interday() -> None:
    sched = Scheduler()
    at_353 = datetime(2026, 5, 2, 3, 50, tzinfo=UTC)  # 600 s before the 04:00 rollover
    interday = sched.answer(sched.answer(CardState.new(), Rating.AGAIN, at_353), Rating.GOOD, at_353)
    assert interday.interday and interday.due == datetime(2026, 5, 2, 4, 0, tzinfo=UTC)
    assert sched.anki_card(interday, at_353, today=7).queue == 3
    assert sched.anki_card(interday, at_353, today=7).due == 8
    one_second_later = at_353 - timedelta(seconds=1)
    intraday = sched.answer(
        sched.answer(CardState.new(), Rating.AGAIN, one_second_later), Rating.GOOD, one_second_later
    )
    assert not intraday.interday and intraday.due == one_second_later + timedelta(minutes=10)


def test_hard_on_a_single_day_long_step_is_rounded_to_whole_days() -> None:
    sched = Scheduler(SchedulerOptions(learning_steps=(1440,)))
    state, log = sched.answer_with_log(CardState.new(), Rating.HARD, NOW)  # 1.5 days -> 2 days
    assert state.interday and log.ivl == 2 and state.due == datetime(2026, 5, 3, 4, 0, tzinfo=UTC)


def test_no_learning_steps_graduate_at_once() -> None:
    sched = Scheduler(SchedulerOptions(learning_steps=()))
    preview = sched.preview(CardState.new(), NOW)
    assert [(preview[r].kind, preview[r].interval_days) for r in Rating] == [("review", 1)] * 3 + [("review", 4)]


def test_rollover_uses_the_local_time_zone() -> None:
    sched = Scheduler(SchedulerOptions(tz=TOKYO))
    before = datetime(2026, 5, 2, 3, 59, tzinfo=TOKYO)
    assert sched.start_of_day(before) == datetime(2026, 5, 1, 4, 0, tzinfo=TOKYO)
    created = datetime(2026, 4, 20, 23, 0, tzinfo=TOKYO)
    assert sched.today(created, before) == 11
    assert sched.today(created, before + timedelta(minutes=1)) == 12
    assert sched.today(created, created - timedelta(days=3)) == 0
    state = sched.answer(CardState.new(), Rating.EASY, before)
    assert state.due == datetime(2026, 5, 5, 4, 0, tzinfo=TOKYO)
    assert sched.due_day_number(state, before, today=11) == 15


def test_is_due_with_learn_ahead_and_due_days() -> None:
    sched = Scheduler()
    learning = sched.answer(CardState.new(), Rating.GOOD, NOW)  # due 09:10
    assert not sched.is_due(learning, NOW + timedelta(minutes=9), learn_ahead=timedelta(0))
    assert sched.is_due(learning, NOW, learn_ahead=timedelta(minutes=20))
    review = review_card(3, due=datetime(2026, 5, 4, 4, 0, tzinfo=UTC))
    assert not sched.is_due(review, datetime(2026, 5, 4, 3, 59, tzinfo=UTC))
    assert sched.is_due(review, datetime(2026, 5, 4, 4, 0, tzinfo=UTC))
    assert sched.is_due(CardState.new(), NOW)
    assert sched.seconds_until_due(review, NOW) == 3 * 86_400


def test_card_state_json_round_trip_and_validation() -> None:
    sched = Scheduler(SchedulerOptions(tz=TOKYO))
    state = CardState.new()
    for rating in (Rating.GOOD, Rating.GOOD, Rating.AGAIN, Rating.HARD):
        state = sched.answer(state, rating, NOW)
        assert CardState.from_dict(json.loads(json.dumps(state.to_dict()))) == state
    with pytest.raises(ValueError, match="unknown field"):
        CardState.from_dict({"kind": "new", "colour": "red"})
    with pytest.raises(ValueError, match="steps left"):
        CardState.from_dict({"kind": "learning", "due": NOW.isoformat()})
    with pytest.raises(ValueError, match="ISO 8601"):
        CardState.from_dict({"kind": "review", "ease": 2.5, "due": "tomorrow"})


def test_log_time_is_capped_and_log_id_is_the_answer_millisecond() -> None:
    sched = Scheduler()
    moment = NOW + timedelta(milliseconds=250)
    _, log = sched.answer_with_log(CardState.new(), Rating.GOOD, moment, time_taken_ms=90_000)
    assert log.time == 60_000 and log.id == int(NOW.timestamp()) * 1000 + 250 and log.ease == 3
