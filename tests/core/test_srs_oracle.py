"""The SM-2 engine against real Anki: seeded random answer histories replayed in both.

Every history starts from a new card, answers it 4-16 times with all four buttons, at moments drawn
relative to the card's due time (immediately, later the same day, early, on the due day, overdue),
with answer hours weighted towards 03:xx so that (re)learning steps cross the 04:00 rollover. Six
option presets cover the defaults and the other branches (no steps, one step, day-long steps, Hard
interval <= 1, new interval > 0, small maximum interval, leech tag and leech suspend). After each
answer all 8 card columns, the 7 revlog columns and the leech tag must be identical; see
``anki_oracle`` for how Anki is made to answer at the simulated moment.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, date, timedelta
from pathlib import Path

from anki_oracle import SIM_ROLLOVER_HOUR, AnkiOracle, AnkiResult

from jpstudy.srs import AnkiCardFields, CardState, Rating, Scheduler, SchedulerOptions
from jpstudy.srs.timing import scheduling_date, whole_seconds

HISTORIES = 540
# Anki's local minute during each phase: seconds until the next hour about 2.5, 6.5, 12.5 and 40 min.
PHASE_MINUTES = (57, 53, 47, 20)
HOURS = (3, 3, 3, 3, 4, 4, 23, 1, 9, 15)
RATING_WEIGHTS = (2, 2, 4, 2)
SIM_UTC = {"tz": UTC, "rollover_hour": SIM_ROLLOVER_HOUR}
PRESETS = (
    SchedulerOptions(**SIM_UTC),
    SchedulerOptions(
        **SIM_UTC,
        learning_steps=(5,),
        relearning_steps=(),
        graduating_interval=3,
        easy_interval=6,
        hard_interval=1.0,
        new_interval=0.5,
        minimum_interval=2,
        leech_threshold=3,
        interval_modifier=0.8,
        easy_bonus=1.5,
        starting_ease=2.0,
    ),
    SchedulerOptions(
        **SIM_UTC,
        learning_steps=(),
        relearning_steps=(5, 30),
        graduating_interval=2,
        easy_interval=2,
        maximum_interval=30,
        leech_threshold=2,
        leech_action="suspend",
        hard_interval=0.8,
    ),
    SchedulerOptions(
        **SIM_UTC,
        learning_steps=(2, 15, 60, 1440),
        relearning_steps=(1440,),
        interval_modifier=1.3,
        starting_ease=1.31,
        leech_threshold=5,
    ),
    SchedulerOptions(
        **SIM_UTC,
        learning_steps=(0.5, 1.5),
        relearning_steps=(1, 20),
        new_interval=0.3,
        easy_bonus=1.0,
        hard_interval=1.3,
        maximum_interval=100,
        leech_threshold=4,
        leech_action="suspend",
    ),
    SchedulerOptions(**SIM_UTC, learning_steps=(25,), relearning_steps=(3,), interval_modifier=0.5),
)
PRESET_WEIGHTS = (5, 1, 1, 1, 1, 1)


@dataclass
class History:
    """One seeded random history of one card, replayed answer by answer in Anki and the engine."""

    seed: int
    oracle: AnkiOracle
    rng: random.Random = field(init=False)
    sched: Scheduler = field(init=False)
    card_id: int = field(init=False)
    state: CardState = field(default_factory=CardState.new)
    answers_left: int = 0
    last: tuple[date, int] | None = None
    start: date = date(2026, 1, 1)
    trail: list[str] = field(default_factory=list)
    failure: str | None = None
    next: tuple[Rating, date, int, str] = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        options = self.rng.choices(PRESETS, PRESET_WEIGHTS)[0]
        self.sched = Scheduler(options)
        self.card_id = self.oracle.add_card(options)
        self.answers_left = self.rng.randint(4, 16)
        self.start = date(2026, 1, 1) + timedelta(days=self.rng.randrange(365))
        self.next = self._plan()

    @property
    def done(self) -> bool:
        return self.failure is not None or self.answers_left == 0 or self.state.suspended

    def _plan(self) -> tuple[Rating, date, int, str]:
        """The next answer: button, simulated calendar date and hour, and how it is timed."""
        rating = Rating(self.rng.choices(list(Rating), RATING_WEIGHTS)[0])
        hour = self.rng.choice(HOURS)
        state = self.state
        if state.kind == "new":
            timing, target = "new", self.start
        elif state.due is not None and (state.kind == "review" or state.interday):
            due_date = scheduling_date(state.due, UTC, SIM_ROLLOVER_HOUR)
            span = max(state.interval_days, 1)
            timing = self.rng.choice(("early", "on time", "overdue"))
            offset = {"early": -self.rng.randint(1, span), "on time": 0}.get(timing, self.rng.randint(1, 2 * span + 2))
            target = due_date + timedelta(days=offset)
        else:
            timing = self.rng.choice(("immediately", "same day", "next days"))
            assert self.last is not None
            last_day = _sched_day(*self.last)
            target = last_day + timedelta(days=self.rng.randint(1, 3) if timing == "next days" else 0)
        day = target if hour >= SIM_ROLLOVER_HOUR else target + timedelta(days=1)
        if timing == "immediately" or (self.last is not None and (day, hour) < self.last):
            assert self.last is not None
            day, hour = self.last
        return rating, day, hour, timing

    def step(self, tally: Counter[str]) -> None:
        """Answer once in Anki and in the engine and compare everything Anki stored."""
        rating, day, hour, timing = self.next
        time_taken = self.rng.choice((0, 1_500, 8_000, 75_000))
        anki = self.oracle.answer(self.card_id, rating, day, hour, time_taken)
        before = self.state
        after, log = self.sched.answer_with_log(before, rating, anki.moment, time_taken_ms=time_taken)
        expected = _expected_card(self.sched, after, anki)
        self.trail.append(f"{anki.moment:%Y-%m-%d %H:%M:%S} {rating.name} ({timing})")
        mismatches = [
            f"{name}: engine {mine!r} != anki {theirs!r}"
            for name, mine, theirs in (
                *_pairs("card", expected, anki.card),
                *_pairs("revlog", log, anki.log),
                ("leech tag", after.leech, anki.leech_tag),
            )
            if mine != theirs
        ]
        tally["answers"] += 1
        tally["fields"] += 16
        tally[f"timing {timing}"] += 1
        tally[f"queue {anki.card.queue}"] += 1
        tally[f"button {rating.name}"] += 1
        tally["leech"] += after.leech and not before.leech
        if mismatches:
            self.failure = (
                f"seed {self.seed} ({self.sched.options}) answer {len(self.trail)}:\n  "
                + "\n  ".join(self.trail)
                + f"\n  before: {before}\n  "
                + "\n  ".join(mismatches)
            )
            return
        self.state = after
        self.last = (day, hour)
        self.answers_left -= 1
        if not self.done:
            self.next = self._plan()


def _sched_day(day: date, hour: int) -> date:
    return day if hour >= SIM_ROLLOVER_HOUR else day - timedelta(days=1)


def _expected_card(sched: Scheduler, state: CardState, anki: AnkiResult) -> AnkiCardFields:
    """The engine's card columns; an intraday due is re-based from the simulated second to Anki's."""
    fields = sched.anki_card(state, anki.moment, today=anki.today)
    if state.kind in ("learning", "relearning") and not state.interday:
        fields = replace(fields, due=fields.due - whole_seconds(anki.moment) + anki.real_secs)
    return fields


def _pairs(prefix: str, mine: object, theirs: object) -> list[tuple[str, object, object]]:
    names = mine.__dataclass_fields__  # type: ignore[attr-defined]
    return [(f"{prefix}.{name}", getattr(mine, name), getattr(theirs, name)) for name in names]


def test_engine_agrees_with_anki_on_every_field_of_random_histories(tmp_path: Path) -> None:
    oracle = AnkiOracle(tmp_path)
    tally: Counter[str] = Counter()
    histories: list[History] = []
    try:
        for index, minute in enumerate(PHASE_MINUTES):
            with oracle.phase(minute):
                batch = [History(seed, oracle) for seed in range(index, HISTORIES, len(PHASE_MINUTES))]
                histories += batch
                active = batch
                while active:
                    # Grouping by hour keeps Anki's rollover setting from changing on every answer.
                    for history in sorted(active, key=lambda h: h.next[2]):
                        history.step(tally)
                    active = [h for h in active if not h.done]
    finally:
        oracle.close()
    failures = [h.failure for h in histories if h.failure]
    print(dict(sorted(tally.items())))
    assert not failures, f"{len(failures)} of {len(histories)} histories disagree; first:\n" + "\n".join(failures[:3])
    assert len(histories) >= 500
    # The histories really exercise what they claim: every timing, interday steps, leeches, suspends.
    exercised = ("timing early", "timing on time", "timing overdue", "timing immediately", "queue 3")
    for key in (*exercised, "queue -1"):
        assert tally[key] >= 10, (key, tally)
    assert tally["leech"] >= 10, tally
