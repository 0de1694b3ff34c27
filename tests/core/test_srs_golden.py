"""The worked example of specs/sm2.md §11, row by row (defaults, no fuzz, rollover 04:00 UTC).

Each row answers the card of the previous row and checks what Anki stores: the card's kind, step,
interval, ease, due and lapses, and the review-log row (ivl, lastIvl, factor, type).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from jpstudy.srs import CardState, Rating, Scheduler, SchedulerOptions


def at(month: int, day: int, hour: int = 9, minute: int = 1) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@dataclass(frozen=True)
class Row:
    """One row of the example: the answer, then the state and revlog row Anki writes."""

    number: int
    answered: datetime
    button: Rating
    kind: str
    step: int | None
    interval: int
    factor: int
    due: datetime
    lapses: int
    log: tuple[int, int, int, int]  # revlog (ivl, lastIvl, factor, type)


G, H, E, A = Rating.GOOD, Rating.HARD, Rating.EASY, Rating.AGAIN
LAPSE = at(8, 30)
MIN = timedelta(minutes=1)
WORKED_EXAMPLE = (
    # n  answered at         button kind        step  ivl  factor due               lapses revlog
    Row(1, at(5, 1, 9, 0),    G, "learning",   1,    0,   0,    at(5, 1, 9, 10),   0, (-600, 0, 0, 0)),
    Row(2, at(5, 1),          G, "review",     None, 1,   2500, at(5, 2, 4, 0),    0, (1, -600, 2500, 0)),
    Row(3, at(5, 2),          G, "review",     None, 3,   2500, at(5, 5, 4, 0),    0, (3, 1, 2500, 1)),
    Row(4, at(5, 5),          G, "review",     None, 8,   2500, at(5, 13, 4, 0),   0, (8, 3, 2500, 1)),
    Row(5, at(5, 17),         G, "review",     None, 25,  2500, at(6, 11, 4, 0),   0, (25, 8, 2500, 1)),
    Row(6, at(6, 6),          H, "review",     None, 30,  2350, at(7, 6, 4, 0),    0, (30, 25, 2350, 1)),
    Row(7, at(7, 1),          E, "review",     None, 92,  2500, at(10, 1, 4, 0),   0, (92, 30, 2500, 1)),
    Row(8, LAPSE,             A, "relearning", 0,    1,   2300, LAPSE + 10 * MIN,  1, (-600, 92, 2300, 1)),
    Row(9, LAPSE + 10 * MIN,  H, "relearning", 0,    1,   2300, LAPSE + 25 * MIN,  1, (-900, -600, 2300, 2)),
    Row(10, LAPSE + 25 * MIN, G, "review",     None, 1,   2300, at(8, 31, 4, 0),   1, (1, -600, 2300, 2)),
    Row(11, at(8, 31, 9, 26), G, "review",     None, 3,   2300, at(9, 3, 4, 0),    1, (3, 1, 2300, 1)),
)  # fmt: skip


def replay() -> list[tuple[Row, CardState, tuple[int, int, int, int]]]:
    sched = Scheduler(SchedulerOptions())
    state = CardState.new()
    results = []
    for row in WORKED_EXAMPLE:
        state, log = sched.answer_with_log(state, row.button, row.answered)
        results.append((row, state, (log.ivl, log.last_ivl, log.factor, log.type)))
    return results


@pytest.mark.parametrize("number", [row.number for row in WORKED_EXAMPLE])
def test_worked_example_row(number: int) -> None:
    row, state, log = replay()[number - 1]
    step_count = {"learning": 2, "relearning": 1}.get(state.kind, 0)  # Anki's default steps: 1m 10m / 10m
    step = None if state.left is None else step_count - state.left
    assert (state.kind, step, state.interval_days, state.factor) == (
        row.kind,
        row.step,
        row.interval,
        row.factor,
    )
    assert state.due == row.due
    assert (state.lapses, state.reps) == (row.lapses, number)
    assert log == row.log


def test_worked_example_in_anki_columns() -> None:
    """Rows 1, 8 and 11 as Anki's ``cards`` columns (intraday due in unix seconds, day numbers
    relative to a collection whose ``today`` is 100 at the answer)."""
    sched = Scheduler()
    results = {row.number: (row, state) for row, state, _ in replay()}
    row, state = results[1]
    card = sched.anki_card(state, row.answered, today=100)
    assert (card.type, card.queue, card.due, card.left) == (1, 1, int(row.answered.timestamp()) + 600, 1)
    row, state = results[8]
    card = sched.anki_card(state, row.answered, today=100)
    assert (card.type, card.queue, card.ivl, card.factor, card.lapses, card.left) == (3, 1, 1, 2300, 1, 1)
    row, state = results[11]
    card = sched.anki_card(state, row.answered, today=100)
    assert (card.type, card.queue, card.due, card.ivl, card.factor, card.reps) == (2, 2, 103, 3, 2300, 11)
