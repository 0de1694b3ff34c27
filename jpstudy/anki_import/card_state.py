"""Anki card rows to jpstudy card states: the one place where the import reads Anki's scheduling.

(The other direction, a state to Anki's columns, is ``jpstudy.srs.anki_fields``.)

Terms (specs/sm2.md §2, §3, §10):
    package today: the package collection's day number at the import moment; a queue-2/3 ``due``
        minus it is the number of scheduling days until the card is due (negative: overdue). With
        ``creationOffset`` in the package's config (every Anki since 2.1.x's v2 scheduler) it counts
        rollovers from the local creation date (``crt`` seen at that offset) to the local date of the
        import moment in jpstudy's time zone, less a day before the rollover hour; without it, whole
        24-hour periods since ``crt``.
    left: the (re)learning steps remaining including the current one, as Anki and jpstudy both keep it
        (v2 also packed steps-today × 1000: ``left % 1000`` is the count).
    buried: queue −3 (buried by hand) and −2 (buried with a sibling) stay buried until the rollover.
    v1 package: a collection of Anki's old v1 scheduler (``schedVer`` 1): its relearning cards are
        review cards in a learning queue, and learning answers were rated 1–3 (Again/Good/Easy).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone

from jpstudy.anki_import.models import AnkiCard, AnkiPreset, AnkiRevlog, PackageTiming
from jpstudy.srs import CardState
from jpstudy.srs.timing import DayClock, scheduling_date

SECONDS_PER_DAY = 86_400
DEFAULT_ROLLOVER_HOUR = 4
KINDS = {0: "new", 1: "learning", 2: "review", 3: "relearning"}
QUEUE_LEARN, QUEUE_DAY_LEARN, QUEUE_SUSPENDED = 1, 3, -1
BURIED_QUEUES = {-3: "manual", -2: "sibling"}
MIN_FACTOR = 1300
INTRADAY_DUE_FROM = 1_000_000_000
"""A (re)learning ``due`` above this is unix seconds (queue 1), below it a day number (queue 3)."""


def package_today(timing: PackageTiming, now: datetime, clock: DayClock) -> int:
    """The package collection's day number at ``now`` (see the module docstring); ``clock`` gives the
    importing collection's time zone."""
    if timing.creation_offset is None:
        return math.floor((now.timestamp() - timing.crt) / SECONDS_PER_DAY)
    created = datetime.fromtimestamp(timing.crt, timezone(timedelta(minutes=-timing.creation_offset)))
    rollover = DEFAULT_ROLLOVER_HOUR if timing.rollover_hour is None else timing.rollover_hour
    today = scheduling_date(now, clock.tz, rollover)
    return max(0, (today - created.date()).days)


def card_state(
    card: AnkiCard, preset: AnkiPreset, *, today: int, clock: DayClock, leech: bool, v1: bool = False
) -> CardState:
    """The jpstudy state of an Anki card row.

    ``today`` is the package today (``package_today``); ``clock`` the importing collection's clock at
    the import moment, whose days the due day is counted in; ``leech`` whether the card is a leech
    (its note is tagged ``leech``); ``preset`` the card's deck options (for a review card with no ease).
    """
    kind = KINDS.get(card.type, "new")
    queue, due = card.queue, card.home_due
    if v1 and kind == "review" and queue in (QUEUE_LEARN, QUEUE_DAY_LEARN):
        kind = "relearning"
    suspended = queue == QUEUE_SUSPENDED
    buried = BURIED_QUEUES.get(queue)
    if kind == "new":
        return CardState(reps=card.reps, lapses=card.lapses, suspended=suspended, buried=buried)
    stepped = kind in ("learning", "relearning")
    interday = stepped and (queue == QUEUE_DAY_LEARN or (queue < 0 and due < INTRADAY_DUE_FROM))
    if stepped and not interday:
        due_at = datetime.fromtimestamp(due, UTC)
    else:  # in UTC: the same moment, and a state that is cheap to store
        due_at = clock.day_start(due - today).astimezone(UTC)
    ease = None
    if kind in ("review", "relearning"):
        ease = (card.factor if card.factor >= MIN_FACTOR else round(preset.options.starting_ease * 1000)) / 1000
    return CardState(
        kind=kind,  # type: ignore[arg-type]
        left=card.left % 1000 if stepped else None,
        ease=ease,
        interval_days=max(card.ivl, 0) if kind in ("review", "relearning") else 0,
        due=due_at,
        reps=card.reps,
        lapses=card.lapses,
        leech=leech and kind in ("review", "relearning") and card.lapses >= preset.options.leech_threshold,
        suspended=suspended,
        interday=interday,
        buried=buried,
    )


def revlog_ease(row: AnkiRevlog, v1: bool) -> int:
    """The row's button in 4-button terms: a v1 learning or relearning answer Good (2) / Easy (3)
    is Good (3) / Easy (4)."""
    if v1 and row.type in (0, 2) and row.ease in (2, 3):
        return row.ease + 1
    return row.ease
