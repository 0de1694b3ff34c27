"""Real Anki (the ``anki`` package, Rust scheduler) answering cards at simulated moments.

Anki schedules with its own clock: the real time ``R`` (whole seconds), the process's local UTC
offset (the ``TZ`` environment variable, re-read by Anki at most once a second) and the collection's
"next day starts at" hour. ``answered_at_millis`` only sets the review-log id. To make Anki answer
"at" a simulated moment ``T`` (simulation time zone UTC, rollover 04:00) this helper moves Anki's
*view* of time, not the clock:

* Time of day. ``TZ`` is set once per phase to a whole-minute offset so that Anki's local time of
  day is ``12:MM:SS`` (``MM`` chosen by the phase). A simulated answer is asked for at a date and an
  hour; its minutes and seconds are taken from Anki's local time at the moment of answering, so that
  ``T`` and Anki's local time agree on the second within the hour. The collection's rollover hour is
  then set so that Anki's next day start is exactly as far away as the simulation's next 04:00 UTC:
  the seconds until rollover, which decide intraday versus interday steps, are identical.
* Day numbers. Anki's ``today`` moves with the rollover hour; a card's day-numbered ``due`` (queues
  2 and 3) is shifted before each answer by the change of Anki's ``today`` minus the change of the
  simulated scheduling date since the card's previous answer, so "days late" is the simulated one.
* Intraday due (queue 1) is Anki's real second plus the delay; it is reported with that second so a
  test can compare ``due - R`` with the engine's ``due - T``.

The second read by Python must be the one Anki reads: an answer during which the second changed is
undone and retried. Review-log ids (the answer moment in ms) are made unique and increasing per card
by choosing the moment's millisecond. ``ANKI_TEST_MODE=1`` (set here before
``anki`` is imported) disables Anki's fuzz. In test mode Anki also moves its clock back two hours
when the local hour is 2 or 3; the phases keep Anki's local hour at 12–13, far from that.
"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from jpstudy.srs import AnkiCardFields, ReviewLogRow, SchedulerOptions
from jpstudy.srs.timing import scheduling_date

SIM_ROLLOVER_HOUR = 4
LOCAL_HOUR = 12  # Anki's local hour during a phase; far from test mode's 02:00-04:00 clock shift
DAY = 86_400


@dataclass(frozen=True)
class AnkiResult:
    """What Anki stored for one answer.

    ``moment``: the simulated answer time used (aware, UTC); ``real_secs``: Anki's clock second;
    ``today``: Anki's day number at the answer; ``card``: the card's scheduling columns;
    ``log``: the new revlog row; ``leech_tag``: the note has the ``leech`` tag.
    """

    moment: datetime
    real_secs: int
    today: int
    card: AnkiCardFields
    log: ReviewLogRow
    leech_tag: bool


@dataclass
class _CardClock:
    """Anki's ``today`` and the simulated scheduling date at a card's previous answer."""

    anki_today: int
    sim_date: date
    last_id: int = 0


def anki_deck_config(options: SchedulerOptions, config: dict[str, Any]) -> dict[str, Any]:
    """``config`` (Anki's legacy deck-options dict) with ``options`` written into it."""
    config["new"]["delays"] = [float(m) for m in options.learning_steps]
    config["new"]["ints"] = [options.graduating_interval, options.easy_interval, 0]
    config["new"]["initialFactor"] = options.starting_factor
    config["lapse"]["delays"] = [float(m) for m in options.relearning_steps]
    config["lapse"]["mult"] = options.new_interval
    config["lapse"]["minInt"] = options.minimum_interval
    config["lapse"]["leechFails"] = options.leech_threshold
    config["lapse"]["leechAction"] = 0 if options.leech_action == "suspend" else 1
    config["rev"]["ease4"] = options.easy_bonus
    config["rev"]["ivlFct"] = options.interval_modifier
    config["rev"]["maxIvl"] = options.maximum_interval
    config["rev"]["hardFactor"] = options.hard_interval
    config["maxTaken"] = options.maximum_answer_seconds
    return config


class AnkiOracle:
    """A temporary Anki collection whose cards are answered at simulated moments."""

    def __init__(self, folder: Path) -> None:
        os.environ["ANKI_TEST_MODE"] = "1"
        self._saved_tz = os.environ.get("TZ")
        self._offset = offset_for_minute(59)
        os.environ["TZ"] = _posix_tz(self._offset)
        from anki.collection import Collection

        self.col = Collection(str(folder / "oracle.anki2"))
        # Far from the creation day, so that no rollover hour can clamp ``today`` at 0.
        self.col.crt = self.col.crt - 10_000 * DAY
        # A throw-away collection: skip the disk syncs that dominate the time of each answer.
        self.col.db.execute("pragma synchronous = off")
        self._prefs = self.col.get_preferences()
        self._rollover = self._prefs.scheduling.rollover
        self._decks: dict[SchedulerOptions, int] = {}
        self._clocks: dict[int, _CardClock] = {}
        self._used_ids: set[int] = set()

    def close(self) -> None:
        """Close the collection and restore the process's ``TZ``."""
        self.col.close()
        if self._saved_tz is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = self._saved_tz
        time.tzset()

    # --- set-up ----------------------------------------------------------------------------------

    def add_card(self, options: SchedulerOptions) -> int:
        """A new card in a deck using ``options``; returns its id."""
        deck_id = self._deck_for(options)
        note = self.col.new_note(self.col.models.by_name("Basic"))
        note["Front"] = f"card {len(self._clocks) + 1}"
        self.col.add_note(note, deck_id)
        card_id = note.cards()[0].id
        self._clocks[card_id] = _CardClock(0, date.min)
        return card_id

    def _deck_for(self, options: SchedulerOptions) -> int:
        if options not in self._decks:
            name = f"preset {len(self._decks) + 1}"
            config = self.col.decks.add_config_returning_id(name)
            self.col.decks.update_config(anki_deck_config(options, self.col.decks.get_config(config)))
            deck_id = self.col.decks.id(name)
            deck = self.col.decks.get(deck_id)
            deck["conf"] = config
            self.col.decks.save(deck)
            self._decks[options] = deck_id
        return self._decks[options]

    @contextmanager
    def phase(self, minute: int) -> Iterator[None]:
        """Answers inside run with Anki's local time at about ``12:minute`` (seconds until the
        next full hour about ``60 - minute`` minutes)."""
        self._offset = offset_for_minute(minute)
        os.environ["TZ"] = _posix_tz(self._offset)
        deadline = time.monotonic() + 5
        while not self._anki_sees_offset():
            if time.monotonic() > deadline:
                raise RuntimeError("Anki did not pick up the TZ change within 5 s")
            time.sleep(0.1)
        yield

    def _anki_sees_offset(self) -> bool:
        """True once Anki's next day start reflects ``self._offset``."""
        self._set_rollover((self._rollover + 1) % 24)
        self._set_rollover((self._rollover + 23) % 24)
        now = int(time.time())
        reported = self.col._backend.sched_timing_today().next_day_at
        return reported in {next_day_at(now, self._offset, self._rollover),
                            next_day_at(now + 1, self._offset, self._rollover)}

    def _set_rollover(self, hour: int) -> None:
        if hour != self._rollover:
            self._prefs.scheduling.rollover = hour
            self.col.set_preferences(self._prefs)
            self._rollover = hour

    # --- answering -------------------------------------------------------------------------------

    def answer(self, card_id: int, rating: int, day: date, hour: int, time_taken_ms: int) -> AnkiResult:
        """Answer ``card_id`` with ``rating`` (1-4) at simulated ``day`` ``hour``:MM:SS UTC, where
        MM:SS is Anki's local minute and second; returns what Anki stored."""
        for _attempt in range(5):
            real = int(time.time())
            result = self._answer_in_second(card_id, rating, day, hour, time_taken_ms, real)
            if int(time.time()) == real:
                return result
            self.col.undo()
        raise RuntimeError("could not answer within one clock second in 5 attempts")

    def _answer_in_second(
        self, card_id: int, rating: int, day: date, hour: int, time_taken_ms: int, real: int
    ) -> AnkiResult:
        from anki.scheduler.v3 import CardAnswer

        local = real + self._offset
        clock = self._clocks[card_id]
        moment = datetime(day.year, day.month, day.day, hour, tzinfo=UTC) + timedelta(seconds=local % 3600)
        answer_id = max(math.floor(moment.timestamp() * 1000), clock.last_id + 1)
        while answer_id in self._used_ids:
            answer_id += 1
        if answer_id // 1000 != answer_id_second(moment):
            raise RuntimeError(f"more than 1000 answers at {moment}")
        moment += timedelta(milliseconds=answer_id % 1000)
        local_hour = (local // 3600) % 24
        self._set_rollover((SIM_ROLLOVER_HOUR - hour + local_hour) % 24)
        today = self.col.sched.today
        sim_date = scheduling_date(moment, UTC, SIM_ROLLOVER_HOUR)
        shift = (today - clock.anki_today) - (sim_date - clock.sim_date).days
        self.col.db.execute("update cards set due = due + ? where id = ? and queue in (2, 3)", shift, card_id)
        self._clocks[card_id] = _CardClock(today, sim_date, clock.last_id)

        states = self.col._backend.get_scheduling_states(card_id)
        new_state = (states.again, states.hard, states.good, states.easy)[rating - 1]
        self.col.sched.answer_card(
            CardAnswer(
                card_id=card_id,
                current_state=states.current,
                new_state=new_state,
                rating=rating - 1,  # the protobuf enum counts from AGAIN = 0
                answered_at_millis=answer_id,
                milliseconds_taken=time_taken_ms,
            )
        )
        row = self.col.db.first(
            "select type, queue, due, ivl, factor, reps, lapses, left, nid from cards where id = ?", card_id
        )
        log = self.col.db.first(
            "select id, ease, ivl, lastIvl, factor, time, type from revlog where cid = ? order by id desc limit 1",
            card_id,
        )
        tags = self.col.db.scalar("select tags from notes where id = ?", row[8])
        self._used_ids.add(answer_id)
        self._clocks[card_id].last_id = answer_id
        return AnkiResult(
            moment=moment,
            real_secs=real,
            today=today,
            card=AnkiCardFields(*row[:8]),
            log=ReviewLogRow(*log),
            leech_tag="leech" in tags.lower().split(),
        )


def answer_id_second(moment: datetime) -> int:
    """The unix second of ``moment``."""
    return math.floor(moment.timestamp())


def offset_for_minute(minute: int) -> int:
    """A whole-minute UTC offset putting local time near ``LOCAL_HOUR:minute`` now."""
    now = int(time.time())
    wanted = LOCAL_HOUR * 3600 + minute * 60 + now % 60
    offset = (wanted - now) % DAY
    return offset - DAY if offset >= DAY // 2 else offset


def next_day_at(now: int, offset: int, rollover: int) -> int:
    """The epoch second at which the next day starts (``rollover`` o'clock local time, UTC
    ``offset`` seconds), as Anki's ``sched_timing_today().next_day_at`` reports it."""
    local = now + offset
    start = local - local % DAY + rollover * 3600
    return (start if local < start else start + DAY) - offset


@contextmanager
def local_time_near_noon(probe_folder: Path) -> Iterator[None]:
    """Run the body with the process's ``TZ`` a fixed offset putting local time near 12:00 (Anki's
    test mode moves its clock back two hours when the local hour is 2 or 3); ``TZ`` is restored.
    Anki's backend reads the time zone again only after about a second: new collections in
    ``probe_folder`` are asked until one reports the new offset's next day start (at most 5 s)."""
    from anki.collection import Collection

    saved = os.environ.get("TZ")
    offset = offset_for_minute(0)
    os.environ["TZ"] = _posix_tz(offset)
    time.tzset()
    try:
        probe_folder.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + 5
        for attempt in range(1000):
            probe = Collection(str(probe_folder / f"probe{attempt}.anki2"))
            rollover = probe.get_preferences().scheduling.rollover
            now = int(time.time())
            seen = probe._backend.sched_timing_today().next_day_at
            probe.close()
            if seen in {next_day_at(now, offset, rollover), next_day_at(now + 1, offset, rollover)}:
                break
            if time.monotonic() > deadline:
                raise RuntimeError("Anki did not pick up the TZ change within 5 s")
            time.sleep(0.1)
        yield
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


def _posix_tz(offset_secs: int) -> str:
    """A POSIX ``TZ`` value for a fixed offset east of UTC (POSIX writes the sign reversed)."""
    sign = "-" if offset_secs >= 0 else "+"
    minutes = abs(offset_secs) // 60
    return f"ORC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


# --- fuzz, which ANKI_TEST_MODE turns off: sampled in a separate process without it ---------------

FUZZ_LAPSE_MULTIPLIER = 0.5  # the sampler's "new interval", so that lapse intervals are fuzzed too
# (interval, days late, factor) of the sampled review cards; every card answers the first one.
FUZZ_REVIEWS = (
    (10, 0, 2500),
    (1, 0, 2500),
    (2, 0, 2800),
    (2, 1, 1300),
    (3, 3, 1300),
    (4, 0, 1300),
    (5, 0, 1300),
    (7, 10, 2500),
    (15, 0, 1300),
    (25, 3, 2800),
    (60, 0, 2500),
    (200, 10, 2800),
)


def fuzz_samples(folder: Path, cards: int, seed: int) -> dict[str, Any]:
    """Real Anki's fuzzed intervals, from a child process without ``ANKI_TEST_MODE``.

    Returns ``{"easy_graduation": [...], "reviews": [[ivl, days_late, factor, again, hard, good, easy],
    ...]}``: the Easy interval of each new card and, for review cards given random intervals, lateness
    and ease, the four intervals Anki offers. The load balancer is switched off, so only fuzz remains.
    """
    env = {key: value for key, value in os.environ.items() if key != "ANKI_TEST_MODE"}
    command = [sys.executable, __file__, str(folder), str(cards), str(seed)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"fuzz sampler failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout)


def _sample_fuzz(folder: Path, cards: int, seed: int) -> dict[str, Any]:
    from anki.collection import Collection
    from anki.config_pb2 import ConfigKey

    if os.environ.get("ANKI_TEST_MODE"):
        raise RuntimeError("fuzz is off under ANKI_TEST_MODE")
    col = Collection(str(folder / "fuzz.anki2"))
    col.db.execute("pragma synchronous = off")
    col.set_config_bool(ConfigKey.LOAD_BALANCER_ENABLED, False)
    config = col.decks.config_dict_for_deck_id(1)
    config["lapse"]["mult"] = FUZZ_LAPSE_MULTIPLIER
    col.decks.update_config(config)
    rng = random.Random(seed)
    today = col.sched.today
    easy_graduation, reviews = [], []
    for number in range(cards):
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"] = f"fuzz {number}"
        col.add_note(note, 1)
        card_id = note.cards()[0].id
        easy_graduation.append(col._backend.get_scheduling_states(card_id).easy.normal.review.scheduled_days)
        for reps, (ivl, late, factor) in enumerate((FUZZ_REVIEWS[0], *rng.sample(FUZZ_REVIEWS[1:], 3)), start=3):
            col.db.execute(
                "update cards set type = 2, queue = 2, ivl = ?, due = ?, factor = ?, reps = ? where id = ?",
                ivl, today - late, factor, reps, card_id,
            )  # fmt: skip
            states = col._backend.get_scheduling_states(card_id)
            again = states.again.normal.relearning.review.scheduled_days
            offered = [states.hard, states.good, states.easy]
            reviews.append([ivl, late, factor, again, *(s.normal.review.scheduled_days for s in offered)])
    col.close()
    return {"easy_graduation": easy_graduation, "reviews": reviews}


if __name__ == "__main__":
    print(json.dumps(_sample_fuzz(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))))
