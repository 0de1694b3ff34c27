"""The collection's SQLite schema and its numbered upgrades.

Terms:
    schema version: an integer kept in SQLite's ``user_version``. Version N is reached by applying
        ``UPGRADES[0..N-1]`` in order to an empty file; every shipped version stays in ``UPGRADES`` so
        that a collection from any earlier release upgrades in place.
    application id: SQLite's ``application_id`` header field, set to ``APPLICATION_ID`` so that a file
        of another program is recognised and refused instead of being modified.

Card columns mirror Anki's ``cards`` table (type, queue, due, ivl, factor, reps, lapses, left) so
that queues are built with the same indexes Anki uses and export is a copy; ``state`` holds the
engine's full ``CardState`` as JSON.
"""

from __future__ import annotations

import sqlite3

APPLICATION_ID = 0x4A505354  # "JPST"

V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE decks (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE notes (
    id               INTEGER PRIMARY KEY,
    guid             TEXT NOT NULL UNIQUE,
    entry_id         INTEGER,
    word             TEXT NOT NULL,
    reading          TEXT NOT NULL,
    meaning          TEXT NOT NULL,
    pos              TEXT NOT NULL DEFAULT '',
    jlpt             TEXT,
    sentence         TEXT NOT NULL DEFAULT '',
    sentence_meaning TEXT NOT NULL DEFAULT '',
    source           TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT '',
    tags             TEXT NOT NULL DEFAULT '',   -- space-separated, as in Anki
    created          INTEGER NOT NULL,           -- unix seconds
    modified         INTEGER NOT NULL,
    UNIQUE (word, reading)                       -- a word is never added twice
);
CREATE INDEX notes_entry ON notes (entry_id, reading);  -- word status by dictionary entry
CREATE TABLE cards (
    id        INTEGER PRIMARY KEY,
    note_id   INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    deck_id   INTEGER NOT NULL REFERENCES decks (id),
    direction TEXT NOT NULL CHECK (direction IN ('recognition', 'production')),
    type      INTEGER NOT NULL,  -- 0 new, 1 learning, 2 review, 3 relearning
    queue     INTEGER NOT NULL,  -- 0 new, 1 intraday learn, 2 review, 3 interday learn, -1 suspended
    due       INTEGER NOT NULL,  -- new: position; queue 1: unix s; queue 2/3: day number
    ivl       INTEGER NOT NULL,
    factor    INTEGER NOT NULL,
    reps      INTEGER NOT NULL,
    lapses    INTEGER NOT NULL,
    left      INTEGER NOT NULL,
    position  INTEGER NOT NULL,  -- order in the new queue
    state     TEXT NOT NULL,     -- CardState.to_dict() as JSON
    UNIQUE (note_id, direction)
);
CREATE INDEX cards_queue ON cards (queue, due);   -- today's queue and counts
CREATE INDEX cards_deck ON cards (deck_id, queue, due);  -- per-deck queues and counts
CREATE INDEX cards_position ON cards (position);  -- the next new-card position
CREATE TABLE revlog (
    id       INTEGER PRIMARY KEY,  -- answer time, unix ms
    card_id  INTEGER NOT NULL,     -- kept after a card is deleted, as Anki does
    ease     INTEGER NOT NULL,
    ivl      INTEGER NOT NULL,
    last_ivl INTEGER NOT NULL,
    factor   INTEGER NOT NULL,
    time     INTEGER NOT NULL,
    type     INTEGER NOT NULL
);
CREATE INDEX revlog_card ON revlog (card_id);
CREATE TABLE daily (                -- what was studied per deck and day, for the daily limits
    day        INTEGER NOT NULL,
    deck_id    INTEGER NOT NULL,
    new_done   INTEGER NOT NULL DEFAULT 0,
    review_done INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, deck_id)
) WITHOUT ROWID;
CREATE TABLE word_marks (           -- words the user marked known or ignored without a card
    word     TEXT NOT NULL,
    reading  TEXT NOT NULL,
    entry_id INTEGER,
    mark     TEXT NOT NULL CHECK (mark IN ('known', 'ignored')),
    PRIMARY KEY (word, reading)
) WITHOUT ROWID;
CREATE INDEX word_marks_entry ON word_marks (entry_id, reading);
"""

V2 = """
CREATE TABLE ads (                    -- saved job ads (jpstudy.ads); deleting one deletes its text
    id                INTEGER PRIMARY KEY,
    title             TEXT NOT NULL,
    source            TEXT NOT NULL DEFAULT '',
    saved_at          INTEGER NOT NULL,            -- unix seconds
    text              TEXT NOT NULL,               -- the mined text; ``spans`` index it
    job_type          TEXT NOT NULL DEFAULT '',
    tags              TEXT NOT NULL DEFAULT '',    -- space-separated, as notes.tags
    words             INTEGER NOT NULL,            -- distinct words mined
    word_tokens       INTEGER NOT NULL,            -- word occurrences weighed for readiness
    known_at_save     INTEGER NOT NULL,            -- of which known or ignored when saved
    readiness_at_save REAL NOT NULL,               -- known_at_save / word_tokens (1.0 when no words)
    spans             TEXT NOT NULL DEFAULT '[]'   -- JSON [[start, end, ordinal], ...] for colouring
);
CREATE INDEX ads_saved ON ads (saved_at);
CREATE INDEX ads_job_type ON ads (job_type);
CREATE TABLE ad_vocab (               -- each word of the saved ads once; a word no saved ad uses is deleted
    id            INTEGER PRIMARY KEY,
    word          TEXT NOT NULL,
    reading       TEXT NOT NULL,
    entry_id      INTEGER,
    meaning       TEXT NOT NULL DEFAULT '',
    jlpt          TEXT,
    pos           TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL DEFAULT 'word',
    glossary      INTEGER NOT NULL DEFAULT 0,    -- a job-glossary term
    glossary_note TEXT NOT NULL DEFAULT '',
    UNIQUE (word, reading)
);
CREATE TABLE ad_words (               -- the words of each saved ad, in the miner's order
    ad_id          INTEGER NOT NULL REFERENCES ads (id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,               -- 0 = the miner's most useful word
    vocab_id       INTEGER NOT NULL REFERENCES ad_vocab (id),
    count          INTEGER NOT NULL,               -- occurrences in the ad
    tokens         INTEGER NOT NULL,               -- occurrences as a word of its own (readiness weight)
    part_of        INTEGER NOT NULL DEFAULT 0,     -- seen only inside longer words
    sentence       TEXT NOT NULL DEFAULT '',
    status_at_save TEXT NOT NULL,
    PRIMARY KEY (ad_id, ordinal)
) WITHOUT ROWID;
CREATE INDEX ad_words_vocab ON ad_words (vocab_id, count, tokens);  -- covers the word list and readiness
"""

V3 = """
ALTER TABLE ads ADD COLUMN facts TEXT NOT NULL DEFAULT '';          -- AdFacts.to_json() (jpstudy.adfacts), '' unread
ALTER TABLE ads ADD COLUMN facts_version INTEGER NOT NULL DEFAULT 0;  -- FACTS_VERSION of the reader that wrote them
ALTER TABLE ads ADD COLUMN reached_at_save TEXT;                     -- JLPT level the user had reached when saved
"""

UPGRADES: tuple[str, ...] = (V1, V2, V3)
"""``UPGRADES[i]`` turns schema version ``i`` into ``i + 1``."""

SCHEMA_VERSION = len(UPGRADES)


class CollectionFileError(Exception):
    """The file at the collection path cannot be used; the message names it and says what to do."""


def upgrade(db: sqlite3.Connection, path: str) -> int:
    """Bring an open collection to ``SCHEMA_VERSION`` in one transaction; return the version found.

    ``db`` must be in autocommit mode (``isolation_level=None``); transactions are explicit.

    Raises:
        CollectionFileError: the file belongs to another program or to a newer jpstudy.
    """
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    has_tables = db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0] > 0
    if app_id != APPLICATION_ID and (app_id != 0 or has_tables):
        raise CollectionFileError(
            f"{path} is not a jpstudy collection (it belongs to another program). "
            "It was left untouched; choose another data folder with --data-dir."
        )
    if version > SCHEMA_VERSION:
        raise CollectionFileError(
            f"{path} was written by a newer jpstudy (schema {version}, this version reads up to "
            f"{SCHEMA_VERSION}). It was left untouched; update jpstudy to open it."
        )
    if version == SCHEMA_VERSION:
        return version
    db.execute("BEGIN IMMEDIATE")
    try:
        for script in UPGRADES[version:]:
            for statement in _statements(script):
                db.execute(statement)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return version


def _statements(script: str) -> list[str]:
    """Split a schema script into complete SQL statements (comments may hold ';')."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete statement in schema script: {pending.strip()[:60]!r}")
    return statements
