"""A card's SM-2 state and review log as rows of an Anki package (specs/sm2.md, sections 2, 9, 10).

Terms:
    package day: the day numbers of the package's own collection. The package's ``crt`` is set to
        the start of the exporting day (jpstudy's rollover) and its config has jpstudy's rollover
        hour but no ``creationOffset``, so Anki counts its days as whole 24-hour periods since
        ``crt``: day 0 is the export day, and its days turn over at jpstudy's rollover. A review
        card due in 3 days gets ``due = 3``. Importing shifts such dues by ``package today −
        importing collection's today``, which keeps the due date even when the package is imported
        days later. Intraday learning dues are unix seconds and need no shift.
    card columns: Anki's ``type, queue, due, ivl, factor, reps, lapses, left`` plus ``data``
        (``{"pos": new-queue position, "lrt": last answer in unix seconds}``).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from typing import Any

from jpstudy.collection.models import ReviewEntry
from jpstudy.export.selection import ExportCard
from jpstudy.srs import AnkiCardFields, Scheduler
from jpstudy.srs.timing import whole_seconds

PACKAGE_TODAY = 0
UNSYNCED_USN = -1
FIELD_NAMES = tuple(f.name for f in dataclasses.fields(AnkiCardFields))
CARD_COLUMNS = (*FIELD_NAMES, "data")
CARD_UPDATE_SQL = "UPDATE cards SET " + ", ".join(f"{c} = :{c}" for c in CARD_COLUMNS) + " WHERE id = :id"
REVLOG_COLUMNS = ("id", "cid", "usn", "ease", "ivl", "lastIvl", "factor", "time", "type")
REVLOG_INSERT_SQL = (
    f"INSERT INTO revlog ({', '.join(REVLOG_COLUMNS)}) VALUES ({', '.join('?' * len(REVLOG_COLUMNS))})"
)


def package_crt(sched: Scheduler, now: datetime) -> int:
    """The package's creation time: the start of the exporting day, in unix seconds."""
    return whole_seconds(sched.start_of_day(now))


def package_config(config: dict[str, Any], sched: Scheduler) -> dict[str, Any]:
    """The package's collection config (``col.conf``) with the scheduler it was written by.

    Without ``schedVer`` Anki takes a package for one of its old v1 scheduler and converts it on
    import (learning answers renumbered: Good 2→3, Easy 3→4); jpstudy writes v2-era rows, so
    ``schedVer`` is 2, with jpstudy's rollover hour.
    """
    return {**config, "schedVer": 2, "rollover": sched.options.rollover_hour}


def card_columns(sched: Scheduler, item: ExportCard, now: datetime) -> dict[str, int | str]:
    """Anki's card columns (``CARD_COLUMNS``) for ``item``'s card as of ``now``, due in package days."""
    card = item.card
    fields = sched.anki_card(card.state, now, today=PACKAGE_TODAY, position=card.position)
    data = {"pos": card.position}
    if item.reviews:
        data["lrt"] = item.reviews[-1].id // 1000
    columns: dict[str, int | str] = {name: getattr(fields, name) for name in FIELD_NAMES}
    columns["data"] = json.dumps(data, separators=(",", ":"))
    return columns


def revlog_row(entry: ReviewEntry, anki_card_id: int) -> tuple[int, ...]:
    """The ``revlog`` row (``REVLOG_INSERT_SQL``) of one jpstudy review entry."""
    return (entry.id, anki_card_id, UNSYNCED_USN, entry.rating, entry.ivl, entry.last_ivl, entry.factor,
            entry.time_ms, entry.type)
