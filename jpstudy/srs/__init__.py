"""Anki's SM-2 scheduler (v3, FSRS off), reimplemented from specs/sm2.md.

    from jpstudy.srs import Scheduler, SchedulerOptions, CardState, Rating
    sched = Scheduler(SchedulerOptions())            # Anki's defaults (rollover 04:00 UTC)
    state, log = sched.answer_with_log(CardState.new(), Rating.GOOD, now)

How ``due`` is expressed: ``CardState.due`` is an aware datetime — the exact moment for an intraday
(re)learning step, the start of the due day (local rollover time) for review cards and interday
steps (``state.interday``). For Anki's ``cards`` table (``Scheduler.anki_card``), queue-1 ``due`` is
unix seconds and queue-2/3 ``due`` is a day number: pass the target collection's ``today`` (its day
number at ``now``); the result is ``today`` plus the scheduling days from ``now`` to the due day.
``Scheduler.today(created, now)`` computes a day number under the rollover rule,
``Scheduler.due_day_number(state, now, today)`` a review card's due day number (specs/sm2.md §10), and
``timing.legacy_day_number`` the ``today`` of a collection without rollover config (genanki's).

Button labels: ``Scheduler.button_labels(state, now)`` gives "1m" "6m" "10m" "4d" for a new card;
with ``learn_ahead=timedelta(minutes=20)`` it adds Anki's "<" to intraday steps ("<1m"), exactly as
Anki's reviewer shows them. ``describe_interval(seconds)`` formats any interval ("1.5h", "1.2mo").
"""

from jpstudy.srs.anki_fields import AnkiCardFields, ReviewLogRow
from jpstudy.srs.labels import describe_interval
from jpstudy.srs.options import SchedulerOptions
from jpstudy.srs.rating import Rating
from jpstudy.srs.scheduler import Scheduler
from jpstudy.srs.state import CardState

__all__ = [
    "AnkiCardFields",
    "CardState",
    "Rating",
    "ReviewLogRow",
    "Scheduler",
    "SchedulerOptions",
    "describe_interval",
]
