"""The SM-2 scheduler: Anki's v3 SM-2 variant (FSRS off), answer by answer (specs/sm2.md §3–§6, §9).

Pure and deterministic: every method takes the answer time ``now`` (a timezone-aware datetime) and
reads neither the clock nor global random state. Fuzz (§7) is applied only when a ``random.Random``
is passed as ``rng``; without it the results are exactly those of Anki with ``ANKI_TEST_MODE=1``.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime, timedelta
from random import Random
from typing import Any

from jpstudy.srs.anki_fields import REVLOG_TYPES, AnkiCardFields, ReviewLogRow, anki_card_fields
from jpstudy.srs.fuzz import jittered_delay
from jpstudy.srs.labels import describe_interval
from jpstudy.srs.options import SECONDS_PER_DAY, SchedulerOptions
from jpstudy.srs.rating import Rating
from jpstudy.srs.review import (
    answered_factor,
    graduating_interval,
    is_leech,
    lapse_interval,
    passing_intervals,
)
from jpstudy.srs.state import CardState
from jpstudy.srs.steps import NextStep, nominal_delay, step_outcome
from jpstudy.srs.timing import DayClock, day_number, days_since, require_aware, start_of_day, whole_seconds

DEFAULT_LEARN_AHEAD = timedelta(minutes=20)


class Scheduler:
    """Computes next states of cards under one set of ``SchedulerOptions``."""

    def __init__(self, options: SchedulerOptions | None = None) -> None:
        if options is not None and not isinstance(options, SchedulerOptions):
            raise TypeError(f"options must be SchedulerOptions, got {type(options).__name__}")
        self.options = options or SchedulerOptions()

    # --- answering -------------------------------------------------------------------------------

    def answer(self, state: CardState, rating: Rating | int, now: datetime, rng: Random | None = None) -> CardState:
        """The state after answering ``state`` with ``rating`` at ``now``."""
        return self.answer_with_log(state, rating, now, rng=rng)[0]

    def answer_with_log(
        self,
        state: CardState,
        rating: Rating | int,
        now: datetime,
        time_taken_ms: int | None = None,
        rng: Random | None = None,
    ) -> tuple[CardState, ReviewLogRow]:
        """The state after the answer and the review-log row Anki would write for it.

        ``time_taken_ms`` is the answer duration (None: 0), capped at the maximum answer seconds.
        ``rng`` enables fuzz; one number is drawn from it per answer.
        """
        rating = _as_rating(rating)
        if not isinstance(state, CardState):
            raise TypeError(f"state must be a CardState, got {type(state).__name__}")
        require_aware(now)
        clock = self._clock(now)
        fuzz_factor = None if rng is None else rng.random()
        if state.kind in ("new", "learning"):
            after, log_ivl = self._answer_learning(state, rating, clock, fuzz_factor)
        elif state.kind == "review":
            after, log_ivl = self._answer_review(state, rating, clock, fuzz_factor)
        else:
            after, log_ivl = self._answer_relearning(state, rating, clock, fuzz_factor)
        log = ReviewLogRow(
            id=math.floor(now.timestamp() * 1000),
            ease=int(rating),
            ivl=log_ivl,
            last_ivl=self._last_interval(state, clock),
            factor=0 if after.kind == "learning" else after.factor,
            time=min(max(time_taken_ms or 0, 0), self.options.maximum_answer_seconds * 1000),
            type=REVLOG_TYPES[state.kind],
        )
        return after, log

    def preview(self, state: CardState, now: datetime) -> dict[Rating, CardState]:
        """The next state for each button (without fuzz)."""
        return {rating: self.answer(state, rating, now) for rating in Rating}

    def button_labels(self, state: CardState, now: datetime, learn_ahead: timedelta | None = None) -> dict[Rating, str]:
        """Each button's next interval as a label, e.g. {AGAIN: "1m", HARD: "6m", GOOD: "10m", EASY: "4d"}.

        With ``learn_ahead`` (Anki's is 20 minutes), intraday steps shorter than it get Anki's "<"
        prefix ("<1m"), meaning the card may come back sooner; Anki's reviewer shows exactly that.
        """
        labels = {}
        for rating, after in self.preview(state, now).items():
            seconds = self.seconds_until_due(after, now)
            intraday = after.kind in ("learning", "relearning") and not after.interday
            soon = learn_ahead is not None and intraday and seconds < learn_ahead.total_seconds()
            labels[rating] = ("<" if soon else "") + describe_interval(seconds)
        return labels

    describe_interval = staticmethod(describe_interval)

    # --- time and queues -------------------------------------------------------------------------

    def seconds_until_due(self, state: CardState, now: datetime) -> int:
        """Seconds from ``now`` to an intraday due moment, or whole days (×86400) to a due day."""
        if state.due is None:
            return 0
        if state.kind == "review" or state.interday:
            return self._clock(now).days_until(state.due) * SECONDS_PER_DAY
        return whole_seconds(state.due) - whole_seconds(now)

    def is_due(self, state: CardState, now: datetime, learn_ahead: timedelta = DEFAULT_LEARN_AHEAD) -> bool:
        """Whether the card may be shown at ``now``: intraday steps due within ``learn_ahead``,
        reviews and interday steps due today or earlier. New cards are always available (daily
        limits are the caller's business); suspended cards never are."""
        require_aware(now)
        if state.suspended or state.buried is not None:
            return False
        if state.due is None:
            return True
        if state.kind == "review" or state.interday:
            return self._clock(now).days_until(state.due) <= 0
        return state.due <= now + learn_ahead

    def today(self, created: datetime, now: datetime) -> int:
        """Day number of ``now`` for a collection created at ``created`` (Anki's ``sched.today``); with
        ``options.first_day`` set, counted from that day instead."""
        options = self.options
        if options.first_day is not None:
            return days_since(options.first_day, now, options.tz, options.rollover_hour)
        return day_number(created, now, options.tz, options.rollover_hour)

    def start_of_day(self, now: datetime) -> datetime:
        """The moment the scheduling day containing ``now`` began."""
        return start_of_day(now, self.options.tz, self.options.rollover_hour)

    def due_day_number(self, state: CardState, now: datetime, today: int) -> int:
        """The day number a review or interday card is due on, for a collection whose day number at
        ``now`` is ``today`` (specs/sm2.md §10: ``today + days until due``)."""
        if state.due is None or not (state.kind == "review" or state.interday):
            raise ValueError(f"a {state.kind} card {'(intraday) ' if state.due else ''}has no due day")
        return today + self._clock(now).days_until(state.due)

    def anki_card(self, state: CardState, now: datetime, today: int = 0, position: int = 0) -> AnkiCardFields:
        """The columns Anki's ``cards`` table would hold for ``state``; see ``anki_fields``."""
        return anki_card_fields(state, self.options, now, today, position)

    # --- the transitions -------------------------------------------------------------------------

    def _steps(self, kind: str) -> tuple[int, ...]:
        """The step delays (seconds) of a learning or relearning card."""
        options = self.options
        return options.learning_step_seconds if kind == "learning" else options.relearning_step_seconds

    def _clock(self, now: datetime) -> DayClock:
        options = self.options
        return DayClock.at(now, options.tz, options.rollover_hour, options.first_day)

    def _answer_learning(
        self, state: CardState, rating: Rating, clock: DayClock, fuzz_factor: float | None
    ) -> tuple[CardState, int]:
        outcome = step_outcome(self.options.learning_step_seconds, state.left, rating)
        if isinstance(outcome, NextStep):
            return self._on_step(state, outcome, clock, fuzz_factor, kind="learning")
        interval = graduating_interval(outcome.easy, self.options, fuzz_factor)
        return self._reviewing(state, interval, self.options.starting_factor, clock)

    def _answer_review(
        self, state: CardState, rating: Rating, clock: DayClock, fuzz_factor: float | None
    ) -> tuple[CardState, int]:
        assert state.due is not None
        factor = answered_factor(state.factor, rating)
        if rating != Rating.AGAIN:
            days_late = max(0, -clock.days_until(state.due))
            intervals = passing_intervals(state.interval_days, state.factor, days_late, self.options, fuzz_factor)
            interval = {Rating.HARD: intervals.hard, Rating.GOOD: intervals.good, Rating.EASY: intervals.easy}
            return self._reviewing(state, interval[rating], factor, clock)
        lapses = state.lapses + 1
        leech_now = is_leech(lapses, self.options.leech_threshold)
        lapsed = replace(
            state,
            lapses=lapses,
            leech=state.leech or leech_now,
            suspended=state.suspended or (leech_now and self.options.leech_action == "suspend"),
        )
        interval = lapse_interval(state.interval_days, self.options, fuzz_factor)
        steps = self.options.relearning_step_seconds
        if not steps:
            return self._reviewing(lapsed, interval, factor, clock)
        return self._on_step(
            lapsed,
            NextStep(len(steps), steps[0]),
            clock,
            fuzz_factor,
            kind="relearning",
            interval_days=interval,
            ease=factor / 1000,
        )

    def _answer_relearning(
        self, state: CardState, rating: Rating, clock: DayClock, fuzz_factor: float | None
    ) -> tuple[CardState, int]:
        steps = self.options.relearning_step_seconds
        if rating == Rating.AGAIN and steps:
            # with relearning steps the lapse interval is applied again; without, Again graduates the
            # card with the interval it already has (Anki's relearning Again)
            state = replace(state, interval_days=lapse_interval(state.interval_days, self.options, fuzz_factor))
        outcome = step_outcome(steps, state.left, rating)
        if isinstance(outcome, NextStep):
            return self._on_step(state, outcome, clock, fuzz_factor)
        return self._reviewing(state, state.interval_days + (1 if outcome.easy else 0), state.factor, clock)

    def _on_step(
        self, state: CardState, step: NextStep, clock: DayClock, fuzz_factor: float | None, **changes: Any
    ) -> tuple[CardState, int]:
        """``state`` with ``changes`` (e.g. its new kind) placed on ``step``; and the logged interval."""
        days = clock.interday_days(step.delay_secs)
        if days is None:
            delay = step.delay_secs if fuzz_factor is None else jittered_delay(step.delay_secs, fuzz_factor)
            due, log_ivl = clock.moment(clock.now_secs + delay), -step.delay_secs
        else:
            due, log_ivl = clock.day_start(days), days
        placed = replace(state, left=step.left, due=due, interday=days is not None, reps=state.reps + 1, **changes)
        return placed, log_ivl

    def _reviewing(self, state: CardState, interval: int, factor: int, clock: DayClock) -> tuple[CardState, int]:
        """``state`` as a review card due in ``interval`` days with ease ``factor``; and the log interval."""
        reviewed = replace(
            state,
            kind="review",
            left=None,
            ease=factor / 1000,
            interval_days=interval,
            due=clock.day_start(interval),
            interday=False,
            reps=state.reps + 1,
        )
        return reviewed, interval

    def _last_interval(self, state: CardState, clock: DayClock) -> int:
        """Anki's revlog ``lastIvl`` for answering ``state``."""
        if state.kind == "new":
            return 0
        if state.kind == "review":
            return state.interval_days
        delay = nominal_delay(self._steps(state.kind), state.left)
        days = clock.interday_days(delay)
        return -delay if days is None else days


def _as_rating(rating: Rating | int) -> Rating:
    if isinstance(rating, bool) or not isinstance(rating, int):
        raise ValueError(f"rating must be 1-4 (Rating.AGAIN..Rating.EASY), got {rating!r}")
    try:
        return Rating(rating)
    except ValueError:
        raise ValueError(f"rating must be 1-4 (Rating.AGAIN..Rating.EASY), got {rating!r}") from None
