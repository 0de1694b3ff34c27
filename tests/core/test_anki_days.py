"""Three weeks of study in jpstudy and in real Anki, day by day (issue 17): counts, queue, card fields.

Each scenario is a collection with a parent deck and subdecks under four presets whose daily limits
bind (a parent's new limit smaller than its subdecks' together, review limits that new cards use up),
learning steps that cross the rollover, and sessions early in the day, in the evening and within half
an hour of the rollover (see ``anki_days`` for what is compared at every step). Zones and rollover
hours: UTC 04:00, Asia/Tokyo 04:00 and 00:00, America/New_York 23:00 (its days cross the start of
daylight saving time on 8 March 2026).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from anki_days import Scenario, Twin, day_start, safe

from jpstudy.srs import SchedulerOptions

DAYS = 21
DECKS = {"JLPT": "Parent", "JLPT::N5": "Default", "JLPT::N4": "Slow", "JLPT::N4::Verbs": "Slow", "Mined": "Mined"}
PRESETS = {
    "Default": SchedulerOptions(new_per_day=4, reviews_per_day=12),
    "Parent": SchedulerOptions(new_per_day=6, reviews_per_day=15, learning_steps=(1, 10), leech_threshold=3),
    "Slow": SchedulerOptions(new_per_day=5, reviews_per_day=8, learning_steps=(1, 10, 180), relearning_steps=(10, 180),
                             new_interval=0.5, minimum_interval=2, leech_threshold=2),
    "Mined": SchedulerOptions(new_per_day=3, reviews_per_day=6, learning_steps=(5,), relearning_steps=(),
                              graduating_interval=2, easy_interval=5, starting_ease=2.3),
}
# (minutes after the day's start, deck studied, most answers); sessions in 02:00-03:59 move to 04:05
SESSIONS = ((300, "JLPT", 30), (300, "JLPT::N4", 12), (1020, "Mined", 12), (1020, "JLPT", 20), (1415, "JLPT", 25))
SET_UPS = [("UTC", 4), ("Asia/Tokyo", 4), ("Asia/Tokyo", 0), ("America/New_York", 23)]


def scenario(zone: str, rollover: int) -> Scenario:
    created = datetime(2026, 2, 28, 11, 0, tzinfo=ZoneInfo(zone))
    cards = [(deck, f"{deck}-{i}") for deck, count in
             (("JLPT", 6), ("JLPT::N5", 18), ("JLPT::N4", 12), ("JLPT::N4::Verbs", 12), ("Mined", 14))
             for i in range(count)]
    return Scenario(zone, rollover, created, PRESETS, DECKS, cards)


@pytest.mark.parametrize(("zone", "rollover"), SET_UPS)
def test_three_weeks_as_in_anki(tmp_path: Path, zone: str, rollover: int) -> None:
    plan = scenario(zone, rollover)
    rng = random.Random(f"{zone}{rollover}")
    twin = Twin.build(plan, tmp_path)
    try:
        for day in range(DAYS):
            start = day_start(plan, day)
            for offset, deck, answers in SESSIONS:
                moment = safe(start + timedelta(minutes=offset + rng.randint(0, 4)), zone)
                if moment <= plan.created:
                    continue
                twin.session(moment, deck, rng, answers)
            twin.compare_cards(f"day {day}")
        assert twin.steps > 500  # the days were really studied
    finally:
        twin.close()
