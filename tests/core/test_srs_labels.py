"""Button labels ("1m", "1.5h", "4d", "1.2mo") against Anki's own formatter and button texts."""

from __future__ import annotations

import os
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from jpstudy.srs import CardState, Rating, Scheduler, SchedulerOptions, describe_interval

os.environ["ANKI_TEST_MODE"] = "1"  # before anki is imported

from anki.collection import Collection
from anki.i18n_pb2 import FormatTimespanRequest

pytestmark = pytest.mark.clock

ISOLATES = str.maketrans("", "", "\u2068\u2069")  # Fluent wraps numbers in bidi isolation marks


def test_describe_interval_matches_ankis_answer_button_format(tmp_path: Path) -> None:
    col = Collection(str(tmp_path / "labels.anki2"))
    try:
        rng = random.Random(2)
        seconds = [0, 59, 60, 89, 90, 330, 3599, 3600, 5400, 86_399, 86_400, 30 * 86_400, 365 * 86_400]
        seconds += [rng.randint(1, 3000) * 30 for _ in range(500)]
        seconds += [rng.randint(1, 36_500) * 86_400 for _ in range(800)]
        seconds += [rng.uniform(0, 400 * 86_400) for _ in range(700)]
        context = FormatTimespanRequest.ANSWER_BUTTONS
        mismatches = [
            (s, describe_interval(s), anki)
            for s in seconds
            if describe_interval(s) != (anki := col.format_timespan(s, context).translate(ISOLATES))
        ]
    finally:
        col.close()
    assert not mismatches, mismatches[:10]


@pytest.mark.parametrize("steps", [(1.0, 10.0), (20.0,), (19.0, 20.0, 21.0), (1.0, 40.0), (1440.0,), ()])
def test_new_card_buttons_match_anki(tmp_path: Path, steps: tuple[float, ...]) -> None:
    col = Collection(str(tmp_path / "buttons.anki2"))
    try:
        # Anki describes steps at its real clock: move its day rollover hours away from now.
        prefs = col.get_preferences()
        for hour in range(24):
            prefs.scheduling.rollover = hour
            col.set_preferences(prefs)
            if col._backend.sched_timing_today().next_day_at - time.time() > 3 * 3600:
                break
        config = col.decks.config_dict_for_deck_id(1)
        config["new"]["delays"] = list(steps)
        col.decks.update_config(config)
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"] = "会社"
        col.add_note(note, 1)
        card_id = note.cards()[0].id
        anki_labels = col._backend.describe_next_states(col._backend.get_scheduling_states(card_id))
    finally:
        col.close()
    sched = Scheduler(SchedulerOptions(learning_steps=steps))
    now = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)  # far from the 04:00 rollover: no step is interday
    labels = sched.button_labels(CardState.new(), now, learn_ahead=timedelta(minutes=20))  # Anki's default
    assert [labels[r] for r in Rating] == [text.translate(ISOLATES) for text in anki_labels]
