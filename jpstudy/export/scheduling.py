"""A card's SM-2 state and review log as rows of an Anki package (specs/sm2.md, sections 2, 9, 10).

Terms:
    package day: the day numbers of the package's own collection. The package's ``crt`` is set to
        the start of the exporting day (jpstudy's rollover), and a package has no rollover config,
        so Anki counts its days as whole 24-hour periods since ``crt``: day 0 is the export day, and
        its days turn over at jpstudy's rollover. A review card due in 3 days gets ``due = 3``;
        importing shifts such dues by ``package today − importing collection's today``, which keeps
        the due date even when the package is imported days later.
    card columns: Anki's ``type, queue, due, ivl, factor, reps, lapses, left`` plus ``data``
        (``{"pos": new-queue position, "lrt": last answer in unix seconds}``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from jpstudy.collection.models import ReviewEntry
from jpstudy.collection.rows import CARD_STATE_COLUMNS, state_columns
from jpstudy.srs import Scheduler
from jpstudy.srs.timing import start_of_day, whole_seconds
from jpstudy.collection.models import Card

PACKAGE_TODAY = 0
UNSYNCED_USN = -1
REVLOG_COLUMNS = "id, cid, usn, ease, ivl, lastIvl, factor, time, type"


def package_crt(sched: Scheduler, now: datetime) -> int:
    """The package's creation time: the start of the exporting day, in unix seconds."""
    return whole_seconds(start_of_day(now, sched.options.tz, sched.options.rollover_hour))


def card_columns(
    sched: Scheduler, card: Card, reviews: Sequence[ReviewEntry], now: datetime
) -> dict[str, int | str]:
    """Anki's card columns for ``card`` as of ``now``, its due expressed in package days."""
    columns: dict[str, int | str] = dict(state_columns(sched, card.state, card.position, now, PACKAGE_TODAY))
    data: dict[str, int] = {"pos": card.position}
    if reviews:
        data["lrt"] = reviews[-1].id // 1000
    columns["data"] = json.dumps(data, separators=(",", ":"))
    return columns


def revlog_row(entry: ReviewEntry, anki_card_id: int) -> tuple[int, ...]:
    """One ``revlog`` row (columns ``REVLOG_COLUMNS``) for a jpstudy review entry."""
    return (entry.id, anki_card_id, UNSYNCED_USN, entry.rating, entry.ivl, entry.last_ivl, entry.factor,
            entry.time_ms, entry.type)


CARD_UPDATE_SQL = (
    "UPDATE cards SET " + ", ".join(f"{name} = :{name}" for name in (*CARD_STATE_COLUMNS, "data"))
    + " WHERE id = :id"
)
