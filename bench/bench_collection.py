"""The collection on 100,000 cards against Anki's own library on the same cards.

Figures (each measured in ``ROUNDS`` fresh processes per contender, alternating, each on a fresh copy
of the fixture; the median over the rounds is reported):
    open + today's queue: open the file, get today's counts and the first card (median of 5 runs).
        Anki: ``Collection(path)``, ``sched.counts()``, ``sched.get_queued_cards()``.
    answer + next card: answer the shown card and fetch the next one (median and p95 of 300 wall-clock
        times; also the median CPU time, which leaves out waiting for the disk to flush).
        Anki: ``sched.answer_card(build_answer(...))`` with the states that came with the queued
        card (as Anki's reviewer does), then ``get_queued_cards()``.
    answer + next card, as the review screen: the same step through ``ReviewController`` (answer, next
        card, everything its face shows, the four buttons' intervals, today's counts), median of 300.
        Anki: the step above plus rendering the next card's question and answer.
    peak memory: ``ru_maxrss`` of that process after the two steps above.

The fixture: 100,000 notes in ``JLPT::N5`` … ``JLPT::N1`` whose cards are in the mixed states of a
long-time learner: 45 % new, 53 % review (thousands due today), about 100 in (re)learning, 2 %
suspended. Both collections get the very same card states: jpstudy's engine computes the
Anki-shaped columns (``anki_card_fields``) once per card and both files are filled by SQL inserts,
which is also how the fixture is built quickly. It is built once into ``bench/.cache``; due dates are
relative to the build day, so later runs see the same cards, just more overdue, in both contenders.

    python bench/bench_collection.py            # run and print the figures
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jpstudy.srs import CardState
    from jpstudy.srs.state import Kind

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CACHE_DIR, Result, emit, peak_rss_mb, run_child

CARDS = 100_000
LEVELS = ("N5", "N4", "N3", "N2", "N1")
FIXTURE_VERSION = 4  # bump when card_states() or build_fixture() change


def fixture_folder() -> Path:
    """The cache folder of the fixture, named after everything that shapes it: a new jpstudy schema
    or a new fixture recipe gives a new folder (and the stale ones are removed when it is built)."""
    from jpstudy.collection.schema import UPGRADES

    key = hashlib.sha256(repr((FIXTURE_VERSION, CARDS, UPGRADES)).encode()).hexdigest()[:10]
    return CACHE_DIR / f"collection-{CARDS}-{key}"


FIXTURE = fixture_folder()
JPSTUDY_FILE = "jpstudy.sqlite3"
ANKI_FILE = "anki.anki2"
DONE_MARK = "fixture.json"
OPEN_RUNS = 5
ROUNDS = 3  # fresh processes per contender; each figure is the median over the rounds
ANSWERS = 300
RATINGS = (3, 3, 1, 3, 4, 3, 2, 3)  # Good-heavy, as real reviewing; the same sequence for both


# ----- the fixture -----------------------------------------------------------------------------
def card_states(now: datetime, count: int, seed: int = 7) -> list[CardState]:
    """``count`` card states of a long-time learner, deterministic for ``seed``."""
    from jpstudy.srs import CardState
    from jpstudy.srs.timing import scheduling_date

    rng = random.Random(seed)
    today = scheduling_date(now, UTC, 4)

    def day_start(offset: int) -> datetime:
        return datetime(today.year, today.month, today.day, 4, tzinfo=UTC) + timedelta(days=offset)

    def graduated(kind: Kind, due: datetime | None = None, left: int | None = None,
                  suspended: bool = False) -> CardState:
        """A card that has graduated once: a random ease, interval (long-tailed, ≤ 1 year) and history."""
        ivl = min(365, max(1, int(rng.paretovariate(0.8) * 2)))
        return CardState(
            kind=kind, left=left, ease=rng.choice((1.3, 1.8, 2.1, 2.3, 2.5, 2.5, 2.5, 2.65, 2.8)),
            interval_days=ivl, reps=rng.randint(3, 40), lapses=rng.randint(0, 4) + (kind == "relearning"),
            due=due if due is not None else day_start(rng.randint(-15, ivl)), suspended=suspended,
        )

    states: list[CardState] = []
    for _ in range(count):
        r = rng.random()
        if r < 0.45:
            states.append(CardState.new())
        elif r < 0.9790:  # reviews, due from 15 days ago to one interval ahead
            states.append(graduated("review"))
        elif r < 0.9796:  # about 60 cards on an intraday learning step
            left = rng.choice((2, 1))  # on the first or second of the default steps 1m 10m
            due = now + timedelta(seconds=rng.randint(-3600, 1800))
            states.append(CardState(kind="learning", left=left, due=due, reps=3 - left))
        elif r < 0.9798:  # about 20 whose step crossed the day rollover
            due = day_start(rng.randint(-2, 1))
            states.append(CardState(kind="learning", left=1, interday=True, due=due, reps=2))
        elif r < 0.9800:  # about 20 relearning after a lapse
            states.append(graduated("relearning", now + timedelta(seconds=rng.randint(-900, 900)), left=1))
        else:  # 2 % suspended
            states.append(graduated("review", day_start(rng.randint(-30, 30)), suspended=True))
    return states


def build_fixture(folder: Path) -> dict[str, float]:
    """Write both collections of the fixture into ``folder`` (replacing any half-built one)."""
    from anki.collection import Collection as AnkiCollection

    from jpstudy import Collection
    from jpstudy.collection import note_guid
    from jpstudy.srs.anki_fields import anki_card_fields

    started = time.perf_counter()
    for stale in CACHE_DIR.glob("collection-*"):
        shutil.rmtree(stale, ignore_errors=True)
    folder.mkdir(parents=True)
    now = datetime.now(UTC)
    states = card_states(now, CARDS)
    per_level = CARDS // len(LEVELS)
    words = [(f"語彙{i}", f"ごい{i}", f"meaning of word {i}", LEVELS[min(i // per_level, len(LEVELS) - 1)])
             for i in range(CARDS)]
    sentence = "この{}は毎日の仕事で使う大切な言葉です。"

    col = Collection.open(folder / JPSTUDY_FILE, created=now - timedelta(days=400))
    opts = col.options
    jp_today = col.today(now)
    deck_ids = {level: col.add_deck(f"JLPT::{level}").id for level in LEVELS}
    secs = int(now.timestamp())
    note_rows, card_rows = [], []
    for i, ((word, reading, meaning, level), state) in enumerate(zip(words, states, strict=True)):
        f = anki_card_fields(state, opts, now, today=jp_today, position=i + 1)
        note_rows.append((i + 1, note_guid(None, word, reading), word, reading, meaning, level,
                          sentence.format(word), f"jlpt::{level.lower()}", secs, secs))
        card_rows.append((i + 1, i + 1, deck_ids[level], f.type, f.queue, f.due, f.ivl, f.factor, f.reps,
                          f.lapses, f.left, i + 1, json.dumps(state.to_dict())))
    with col.lock, col.transaction() as db:
        db.executemany("INSERT INTO notes (id, guid, word, reading, meaning, jlpt, sentence, tags, created, modified) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", note_rows)
        db.executemany("INSERT INTO cards (id, note_id, deck_id, direction, type, queue, due, ivl, factor, reps, "
                       "lapses, left, position, state) VALUES (?, ?, ?, 'recognition', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       card_rows)
    col.db.execute("ANALYZE")
    col.close()

    acol = AnkiCollection(str(folder / ANKI_FILE))
    anki_today = acol.sched.today
    model = acol.models.by_name("Basic")
    assert model is not None
    anki_decks = {level: acol.decks.id(f"JLPT::{level}") for level in LEVELS}
    acol.decks.set_current(acol.decks.id("JLPT"))
    base = int(now.timestamp() * 1000) - 10 * CARDS
    anki_notes, anki_cards = [], []
    for i, ((word, _reading, meaning, level), state) in enumerate(zip(words, states, strict=True)):
        f = anki_card_fields(state, opts, now, today=anki_today, position=i + 1)
        nid = cid = base + i
        anki_notes.append((nid, f"g{i:08d}", model["id"], secs, f" jlpt::{level.lower()} ", f"{word}\x1f{meaning}",
                           word, i))
        anki_cards.append((cid, nid, anki_decks[level], secs, f.type, f.queue, f.due, f.ivl, f.factor, f.reps,
                           f.lapses, f.left))
    acol.close()
    # Anki's own db.executemany commits row by row (minutes for 200,000 rows): write with sqlite3 in one
    # transaction instead; "unicase" is the collation Anki registers for some of its indexes.
    adb = sqlite3.connect(folder / ANKI_FILE)
    adb.create_collation("unicase", lambda a, b: (a.casefold() > b.casefold()) - (a.casefold() < b.casefold()))
    with adb:
        adb.executemany("INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) "
                        "VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')", anki_notes)
        adb.executemany("INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, "
                        "lapses, left, odue, odid, flags, data) VALUES (?, ?, ?, 0, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, "
                        "0, 0, 0, '')", anki_cards)
    adb.close()
    info = {"built_at": now.isoformat(), "cards": CARDS, "seconds": round(time.perf_counter() - started, 1)}
    (folder / DONE_MARK).write_text(json.dumps(info), encoding="utf-8")
    return {"build_s": time.perf_counter() - started}


# ----- the measurements (run in a child process per contender) ------------------------------------
def fresh_copy(name: str, work: Path) -> Path:
    """A private copy of one fixture file, so measurements never change the cache."""
    work.mkdir(parents=True, exist_ok=True)
    target = work / name
    for extra in ("-wal", "-shm"):
        target.with_name(target.name + extra).unlink(missing_ok=True)
    shutil.copyfile(FIXTURE / name, target)
    return target


def measure_jpstudy(work: Path) -> dict[str, float]:
    """Open + queue, answer + next and peak memory of jpstudy on the fixture."""
    from jpstudy import Collection, Rating

    path = fresh_copy(JPSTUDY_FILE, work)
    opens = []
    for _ in range(OPEN_RUNS):
        t0 = time.perf_counter()
        col = Collection.open(path)
        counts = col.counts()
        first = col.next_card()
        opens.append(time.perf_counter() - t0)
        col.close()
    col = Collection.open(path)
    card = first
    latencies: list[float] = []
    cpu: list[float] = []
    for k in range(ANSWERS):
        if card is None:
            break
        t0, c0 = time.perf_counter(), time.process_time()
        col.answer(card, Rating(RATINGS[k % len(RATINGS)]))
        card = col.next_card()
        latencies.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    col.close()
    figures = summary(opens, latencies, cpu, counts)
    col = Collection.open(fresh_copy(JPSTUDY_FILE, work))  # the same cards again, as the screen shows them
    figures["screen_median_ms"] = review_screen_step(col)
    col.close()
    return figures


class _SilentView:
    """A review view that shows nothing (the controller's calls are all it needs)."""

    def show_question(self, face: object, counts: object) -> None: ...
    def show_answer(self, face: object, grades: object) -> None: ...
    def show_finished(self, summary: object, now: object) -> None: ...
    def set_undo(self, label: str | None) -> None: ...
    def show_notice(self, message: str) -> None: ...
    def show_error(self, message: str) -> None:
        raise RuntimeError(message)


def review_screen_step(col: object) -> float:
    """Median ms of answering through ``ReviewController`` until its next card is on the (silent) view."""
    from jpstudy import Rating
    from jpstudy.review_controller import DirectRunner, Phase, ReviewController

    controller = ReviewController(_SilentView(), DirectRunner(col))
    controller.start()
    times = []
    for k in range(ANSWERS):
        if controller.phase is not Phase.QUESTION:
            break
        controller.reveal()
        t0 = time.perf_counter()
        controller.answer(Rating(RATINGS[k % len(RATINGS)]))
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def measure_anki(work: Path) -> dict[str, float]:
    """The same steps with Anki's library."""
    from anki.collection import Card  # (anki.cards cannot be imported before anki.collection)
    from anki.collection import Collection as AnkiCollection
    from anki.scheduler.v3 import CardAnswer

    ratings = {1: CardAnswer.AGAIN, 2: CardAnswer.HARD, 3: CardAnswer.GOOD, 4: CardAnswer.EASY}
    path = fresh_copy(ANKI_FILE, work)
    opens = []
    for _ in range(OPEN_RUNS):
        t0 = time.perf_counter()
        col = AnkiCollection(str(path))
        counts = col.sched.counts()
        col.sched.get_queued_cards()
        opens.append(time.perf_counter() - t0)
        col.close()
    col = AnkiCollection(str(path))
    queued = col.sched.get_queued_cards().cards
    latencies: list[float] = []
    cpu: list[float] = []
    for k in range(ANSWERS):
        if not queued:
            break
        t0, c0 = time.perf_counter(), time.process_time()
        queued = anki_answer(col, queued[0], ratings[RATINGS[k % len(RATINGS)]])
        latencies.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    col.close()
    col = AnkiCollection(str(fresh_copy(ANKI_FILE, work)))  # the same cards again, rendered as shown
    queued = col.sched.get_queued_cards().cards
    screen: list[float] = []
    for k in range(ANSWERS):  # the same step, and the next card rendered as Anki's reviewer shows it
        if not queued:
            break
        t0 = time.perf_counter()
        queued = anki_answer(col, queued[0], ratings[RATINGS[k % len(RATINGS)]])
        if queued:
            shown = Card(col)
            shown._load_from_backend_card(queued[0].card)
            shown.question(), shown.answer()
        screen.append(time.perf_counter() - t0)
    col.close()
    figures = summary(opens, latencies, cpu, tuple(counts))
    figures["screen_median_ms"] = statistics.median(screen) * 1000
    return figures


def anki_answer(col: Any, queued: Any, rating: Any) -> Any:
    """Answer Anki's queued card with ``rating`` as its reviewer does; return the next queued cards."""
    from anki.collection import Card  # (anki.cards cannot be imported before anki.collection)

    card = Card(col)
    card._load_from_backend_card(queued.card)
    card.start_timer()
    col.sched.answer_card(col.sched.build_answer(card=card, states=queued.states, rating=rating))
    return col.sched.get_queued_cards().cards


def summary(
    opens: list[float], latencies: list[float], cpu: list[float], counts: tuple[int, ...]
) -> dict[str, float]:
    """The figures one contender's process reports."""
    ms = sorted(x * 1000 for x in latencies)
    return {
        "open_ms": statistics.median(opens) * 1000,
        "answer_median_ms": statistics.median(ms),
        "answer_p95_ms": ms[int(len(ms) * 0.95) - 1],
        "answer_cpu_ms": statistics.median(cpu) * 1000,
        "answers": len(ms),
        "peak_mb": peak_rss_mb(),
        "new": counts[0], "learning": counts[1], "review": counts[2],
    }


# ----- the benchmark ---------------------------------------------------------------------------------
def run() -> list[Result]:
    """Build the fixture if needed, measure both contenders in fresh processes, return the figures."""
    if not (FIXTURE / DONE_MARK).exists():
        print(f"   building the {CARDS:,}-card fixture in {FIXTURE} (once)…", file=sys.stderr, flush=True)
        run_child([__file__, "build"], timeout=1800)
    rounds: dict[str, list[dict[str, float]]] = {"jpstudy": [], "anki": []}
    for _ in range(ROUNDS):  # alternate the contenders so that background load hits both alike
        for contender, results in rounds.items():
            results.append(run_child([__file__, "measure", contender]))
    me, anki = (
        {key: statistics.median(r[key] for r in results) for key in results[0]} for results in rounds.values()
    )
    from anki.buildinfo import version as anki_version

    anchor = f"Anki {anki_version}"
    queue_note = (f"today's counts (new, learning, review): jpstudy {int(me['new'])}/{int(me['learning'])}/"
                  f"{int(me['review'])}, Anki {int(anki['new'])}/{int(anki['learning'])}/{int(anki['review'])}")
    return [
        Result(f"open {CARDS // 1000}k-card collection + today's queue", me["open_ms"],
               anchor, anki["open_ms"], "ms", ratio_limit=2.0, note=queue_note),
        Result(f"answer + next card (median of {int(me['answers'])} answers)", me["answer_median_ms"], anchor,
               anki["answer_median_ms"], "ms", value_limit=5.0,
               note=f"p95 jpstudy {me['answer_p95_ms']:.2f} ms, Anki {anki['answer_p95_ms']:.2f} ms; "
                    "both commit every answer to disk, so the disk's flush time is part of both"),
        Result("answer + next card, CPU time (median)", me["answer_cpu_ms"], anchor, anki["answer_cpu_ms"], "ms",
               note="process CPU time per answer, without waiting for the disk"),
        Result("answer + next card as the review screen shows it (median)", me["screen_median_ms"], anchor,
               anki["screen_median_ms"], "ms",
               note="jpstudy: ReviewController with the card's face (pitch, sentence furigana, kanji), the "
                    "buttons' intervals and today's counts; Anki: the same plus rendering question and answer"),
        Result(f"peak memory, {CARDS // 1000}k cards (open, queue, {ANSWERS} answers)", me["peak_mb"], anchor,
               anki["peak_mb"], "MB",
               note=f"file size jpstudy {size(JPSTUDY_FILE):.1f} MB, Anki {size(ANKI_FILE):.1f} MB"),
    ]


def size(name: str) -> float:
    """Size of a fixture file in MB."""
    return (FIXTURE / name).stat().st_size / 1e6


def child(argv: list[str]) -> None:
    """Entry point of the child processes: ``build`` or ``measure jpstudy|anki``."""
    os.environ["TZ"] = "UTC"  # jpstudy's default options count days in UTC; make Anki's local time agree
    time.tzset()
    if argv[0] == "build":
        emit(build_fixture(FIXTURE))
    elif argv[0] == "measure":
        work = CACHE_DIR / "work"
        emit(measure_jpstudy(work) if argv[1] == "jpstudy" else measure_anki(work))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        child(sys.argv[1:])
    else:
        for result in run():
            print(f"{result.name}: {result.value:.2f} {result.unit} vs {result.anchor} "
                  f"{result.anchor_value:.2f} {result.unit} = {result.ratio:.2f}×  {result.note}")
