"""The rows Anki itself would store: a card's ``cards`` columns and an answer's ``revlog`` row.

Terms (Anki's schema, specs/sm2.md §2 and §9):
    type: 0 new, 1 learning, 2 review, 3 relearning.
    queue: 0 new, 1 intraday (re)learning, 2 review, 3 interday (re)learning, -1 suspended,
        -2 buried with a sibling, -3 buried by hand.
    due: new cards: queue position; queue 1: unix seconds; queues 2 and 3: a day number relative to
        the Anki collection's ``today`` (``anki_card_fields`` takes that ``today``).
    factor: ease in permille, 0 before the card first graduates.
    left: (re)learning steps remaining including the current one; 0 otherwise.
    revlog ``ivl``/``lastIvl``: days (positive) or, for an intraday step, minus its seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from jpstudy.srs.options import SchedulerOptions
from jpstudy.srs.state import CardState
from jpstudy.srs.timing import DayClock, whole_seconds

CARD_TYPES = {"new": 0, "learning": 1, "review": 2, "relearning": 3}
# revlog ``type``: the kind of card *before* the answer.
REVLOG_TYPES = {"new": 0, "learning": 0, "review": 1, "relearning": 2}
QUEUE_NEW, QUEUE_LEARN, QUEUE_REVIEW, QUEUE_DAY_LEARN, QUEUE_SUSPENDED = 0, 1, 2, 3, -1
QUEUE_BURIED = {"sibling": -2, "manual": -3}


@dataclass(frozen=True)
class AnkiCardFields:
    """The scheduling columns of Anki's ``cards`` table for one card."""

    type: int
    queue: int
    due: int
    ivl: int
    factor: int
    reps: int
    lapses: int
    left: int


@dataclass(frozen=True)
class ReviewLogRow:
    """One row of Anki's ``revlog`` table as written for an answer (``usn``/``cid`` left to the writer).

    ``id`` is the answer time in unix milliseconds; ``time`` the answer duration in milliseconds,
    capped at the options' maximum answer seconds.
    """

    id: int
    ease: int
    ivl: int
    last_ivl: int
    factor: int
    time: int
    type: int


def anki_card_fields(
    state: CardState, options: SchedulerOptions, now: datetime, today: int = 0, position: int = 0
) -> AnkiCardFields:
    """The ``cards`` columns Anki would hold for ``state`` at ``now``.

    ``today`` is the day number of ``now`` in the Anki collection the fields are meant for (its
    ``sched.today``); queue-2/3 ``due`` is ``today`` plus the scheduling days from ``now``'s day to the
    due day. ``position`` is the new-card position used as ``due`` for new cards.
    """
    if state.kind == "new":
        queue, due = QUEUE_NEW, position
    else:
        assert state.due is not None
        clock = DayClock.at(now, options.tz, options.rollover_hour, options.first_day)
        if state.kind == "review" or state.interday:
            queue = QUEUE_REVIEW if state.kind == "review" else QUEUE_DAY_LEARN
            due = today + clock.days_until(state.due)
        else:
            queue, due = QUEUE_LEARN, whole_seconds(state.due)
    if state.suspended:
        queue = QUEUE_SUSPENDED
    elif state.buried is not None:
        queue = QUEUE_BURIED[state.buried]
    return AnkiCardFields(
        type=CARD_TYPES[state.kind],
        queue=queue,
        due=due,
        ivl=state.interval_days if state.kind in ("review", "relearning") else 0,
        factor=state.factor,
        reps=state.reps,
        lapses=state.lapses,
        left=remaining_steps(state),
    )


def remaining_steps(state: CardState) -> int:
    """Anki's ``left``: steps remaining including the current one, 0 for new and review cards."""
    return 0 if state.left is None else state.left
