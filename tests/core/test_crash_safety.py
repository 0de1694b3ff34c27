"""Killing the app at any moment loses no acknowledged answer and never damages the collection.

A child process answers cards in a loop and prints ``card_id revlog_id`` after each ``col.answer``
returns (the acknowledgement). The test kills it with SIGKILL — at any moment from its start (also
while it opens the file and recovers the previous run's log), at random moments while it answers,
and right after a random acknowledgement — over and over, and after every kill checks that the file passes SQLite's
``PRAGMA integrity_check``, opens as a collection, still holds every acknowledged answer, and that
each card's repetition count equals its number of review-log rows (card and log row were written in
the same transaction: neither survives without the other).
"""

from __future__ import annotations

import dataclasses
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jpstudy import Collection
from jpstudy.collection import NewNote

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

KILLS = 30
CREATED = datetime(2026, 1, 1, 0, 0, tzinfo=UTC)

WRITER = """
import random, sys
from datetime import UTC, datetime, timedelta
from jpstudy import Collection, Rating

col = Collection.open(sys.argv[1])
rng = random.Random(int(sys.argv[2]))
log = col.review_log()
# a virtual clock, one hour per answer, continuing after the last run: the queue never runs dry
start = datetime.fromtimestamp(log[-1].id / 1000, UTC) if log else col.created
print("ready", flush=True)
i = 0
while True:
    i += 1
    now = start + timedelta(hours=i)
    card = col.next_card(now)
    if card is None:
        continue
    col.answer(card, Rating(rng.choice((1, 2, 3, 3, 3, 4))), now)
    print(card.id, col.review_log(card.id)[-1].id, flush=True)
"""


class Writer:
    """The answering child process and the acknowledgements read from its output."""

    def __init__(self, path: Path, seed: int) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(seed)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.acks: list[tuple[int, int]] = []
        self.ready = threading.Event()
        self.count_changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if not line.endswith("\n"):
                break  # cut by the kill: not an acknowledgement
            if line == "ready\n":
                self.ready.set()
                continue
            card_id, revlog_id = map(int, line.split())
            with self.count_changed:
                self.acks.append((card_id, revlog_id))
                self.count_changed.notify_all()

    def wait_acks(self, n: int, timeout: float) -> None:
        with self.count_changed:
            self.count_changed.wait_for(lambda: len(self.acks) >= n, timeout)

    def kill(self) -> list[tuple[int, int]]:
        """SIGKILL the child; return every acknowledgement it printed before dying."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.reader.join(10)
        assert self.proc.stderr is not None
        errors = self.proc.stderr.read()
        assert self.proc.returncode == -signal.SIGKILL, f"the writer stopped by itself:\n{errors}"
        return self.acks


def check_collection(path: Path, acknowledged: dict[int, int], context: str) -> None:
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)], context
    finally:
        db.close()
    with Collection.open(path) as col:
        logged = {e.id: e.card_id for e in col.review_log()}
        lost = {r: c for r, c in acknowledged.items() if logged.get(r) != c}
        assert not lost, f"{context}: acknowledged answers lost: {sorted(lost.items())[:5]}"
        per_card = col.db.execute("SELECT card_id, count(*) FROM revlog GROUP BY card_id").fetchall()
        for card_id, answers in per_card:
            assert col.get_card(card_id).state.reps == answers, f"{context}: card {card_id} half-written"
        assert all(n >= 0 for n in col.counts(datetime.now(UTC)))


def test_sigkill_never_loses_an_acknowledged_answer(tmp_path: Path) -> None:
    path = tmp_path / "collection.sqlite3"
    with Collection.open(path, created=CREATED) as col:
        col.set_options(dataclasses.replace(col.options, new_per_day=9999))
        col.add_notes([NewNote(f"語{i}", f"ご{i}", f"word {i}") for i in range(800)], "Mined", now=CREATED)
    rng = random.Random(20260501)
    acknowledged: dict[int, int] = {}
    deadline = time.monotonic() + 50
    kills = 0
    while kills < KILLS:
        assert time.monotonic() < deadline, f"only {kills} kills in time"
        writer = Writer(path, seed=kills)
        mode = kills % 3
        if mode == 0:  # any moment from the start: while importing, opening, recovering the log, answering
            time.sleep(rng.uniform(0, 0.6))
        else:
            assert writer.ready.wait(20), "the writer did not start"
            if mode == 1:
                time.sleep(rng.uniform(0, 0.25))  # a random moment: mid-answer, mid-commit, mid-print
            else:
                writer.wait_acks(rng.randint(1, 40), timeout=5)  # right after an acknowledgement
        acks = writer.kill()
        kills += 1
        acknowledged.update((revlog_id, card_id) for card_id, revlog_id in acks)
        check_collection(path, acknowledged, f"after kill {kills} ({len(acks)} answers in that run)")
    assert len(acknowledged) >= 200, "too few answers were exercised"
