"""Export to Anki: 10,000 notes with their SM-2 state and review history, as an ``.apkg``.

Figures (see ``common``):
    export with progress: ``jpstudy.export.export_apkg(..., with_progress=True)`` on a collection of
        10,000 notes that were studied for up to a year — reading the collection, genanki's build,
        writing every card's state and review log, zipping, the atomic write. Target ≤ 5 s.
        Anchor: genanki alone writing the same 10,000 notes (same note type, fields, GUIDs, decks),
        given them in memory, without progress — the part of the work any genanki-based exporter
        pays. jpstudy's figure also includes reading the notes, cards and review log from the
        collection.
    export without progress: the same export, notes only, against the same anchor.

The input collection is built once (notes through the Collection API; the study history computed
with jpstudy's own scheduler and stored as the collection stores answers) and cached in
``bench/.cache``; delete the cache to rebuild it.

    python bench/bench_export.py        # prints the figures
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import genanki

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Result, cached_fixture, wall_and_cpu

from jpstudy.collection import Collection, NewNote
from jpstudy.collection.schema import SCHEMA_VERSION
from jpstudy.export import export_apkg
from jpstudy.export.identity import deck_id
from jpstudy.export.package import anki_note
from jpstudy.export.selection import ExportCard, read_selection
from jpstudy.srs import CardState, Rating, Scheduler

NOTES = 10_000
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
CREATED = NOW - timedelta(days=400)
FIXTURE_VERSION = 1
REPEAT = 3
DECKS = ("JLPT::N5", "JLPT::N4", "JLPT::N3", "Mined")
RATINGS = (Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.EASY)


def _history(sched: Scheduler, rng: random.Random) -> tuple[CardState, list[tuple[int, ...]]]:
    """A card studied from some day in the last year until ``NOW``: its state and revlog rows."""
    state = CardState.new()
    rows: list[tuple[int, ...]] = []
    when = NOW - timedelta(days=rng.randint(1, 360), minutes=rng.randint(0, 600))
    while when < NOW and len(rows) < 30:
        rating, seconds_taken = rng.choice(RATINGS), rng.randint(2, 9)
        state, log = sched.answer_with_log(state, rating, when, time_taken_ms=seconds_taken * 1000)
        rows.append((log.id, log.ease, log.ivl, log.last_ivl, log.factor, log.time, log.type))
        assert state.due is not None
        when = max(state.due, when + timedelta(minutes=1)) + timedelta(hours=rng.choice((0, 0, 2, 30, 75)))
    return state, rows


def build_fixture(path: Path) -> None:
    """A collection of ``NOTES`` notes; 80 % of their cards studied, with review logs."""
    with Collection.open(path, created=CREATED) as col:
        per_deck = NOTES // len(DECKS)
        for d, deck in enumerate(DECKS):
            level = deck[-2:] if deck.startswith("JLPT") else None
            notes = (
                NewNote(word=f"語{d}-{i}", reading=f"ご{d}の{i}", meaning=f"meaning {i} of deck {deck}",
                        jlpt=level, sentence=f"この語{d}-{i}は大事。",
                        sentence_meaning="This word is important.", tags=("bench",))
                for i in range(per_deck)
            )
            col.add_notes(notes, deck=deck, now=CREATED)
        sched, today = col.scheduler, col.today(NOW)
    rng = random.Random(20260601)
    db = sqlite3.connect(path)
    with db:
        card_rows = db.execute("SELECT id, position FROM cards ORDER BY id").fetchall()
        used_ids: set[int] = set()
        for card_id, position in card_rows:
            if rng.random() < 0.2:
                continue
            state, rows = _history(sched, rng)
            fields = sched.anki_card(state, NOW, today=today, position=position)
            db.execute(
                "UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, factor = ?, reps = ?, lapses = ?, "
                "left = ?, state = ? WHERE id = ?",
                (fields.type, fields.queue, fields.due, fields.ivl, fields.factor, fields.reps, fields.lapses,
                 fields.left, json.dumps(state.to_dict()), card_id),
            )
            for row in rows:
                answer_id = row[0]
                while answer_id in used_ids:  # answer times are unique ids, as the collection keeps them
                    answer_id += 1
                used_ids.add(answer_id)
                db.execute(
                    "INSERT INTO revlog (id, card_id, ease, ivl, last_ivl, factor, time, type) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (answer_id, card_id, *row[1:]),
                )
    db.close()


def fixture() -> Path:
    """The cached input collection (built on first use)."""
    return cached_fixture(f"export-{NOTES}-s{SCHEMA_VERSION}-v{FIXTURE_VERSION}.sqlite3", build_fixture)


def genanki_alone(selection: Sequence[ExportCard], out: Path) -> None:
    """The anchor: genanki writing the same notes (already in memory) into the same decks."""
    decks: dict[str, genanki.Deck] = {}
    for item in selection:
        deck = decks.get(item.deck_name)
        if deck is None:
            deck = decks[item.deck_name] = genanki.Deck(deck_id(item.deck_name), item.deck_name)
        deck.add_note(anki_note(item))
    genanki.Package(list(decks.values())).write_to_file(str(out), timestamp=NOW.timestamp())


def run() -> list[Result]:
    work = Path(tempfile.mkdtemp(prefix="jpstudy-bench-export-"))
    try:
        source = work / "collection.sqlite3"
        shutil.copyfile(fixture(), source)
        with Collection.open(source) as col:
            cards = col.card_count()
            reviews = len(col.review_log())
            selection = read_selection(col)
            anchor, anchor_cpu = wall_and_cpu(lambda: genanki_alone(selection, work / "genanki.apkg"), REPEAT)
            progress, progress_cpu = wall_and_cpu(
                lambda: export_apkg(col, work / "progress.apkg", with_progress=True, now=NOW), REPEAT
            )
            notes_only, notes_only_cpu = wall_and_cpu(lambda: export_apkg(col, work / "notes.apkg", now=NOW), REPEAT)
        size_mb = (work / "progress.apkg").stat().st_size / 1e6
    finally:
        shutil.rmtree(work, ignore_errors=True)
    what = f"{NOTES:,} notes, {cards:,} cards, {reviews:,} review-log rows; median of {REPEAT}"
    anchor_name = "genanki alone, same notes, no progress"
    return [
        Result(
            name=f"export {NOTES:,} notes with progress (.apkg)", value=progress, anchor=anchor_name,
            anchor_value=anchor, unit="s", value_limit=5.0,
            note=f"{what}; CPU {progress_cpu:.2f} s vs anchor {anchor_cpu:.2f} s; package {size_mb:.1f} MB",
        ),
        Result(
            name=f"export {NOTES:,} notes without progress", value=notes_only, anchor=anchor_name,
            anchor_value=anchor, unit="s",
            note=f"{what}; CPU {notes_only_cpu:.2f} s vs anchor {anchor_cpu:.2f} s",
        ),
    ]


if __name__ == "__main__":
    for result in run():
        print(f"{result.name}: {result.value:.2f} {result.unit} (anchor {result.anchor}: "
              f"{result.anchor_value:.2f} {result.unit}, ratio {result.ratio:.2f}×) — {result.note}")
