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
from collections.abc import Callable

from jpstudy.collection.migrations import plain_sentences

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
    queue     INTEGER NOT NULL,  -- 0 new, 1 intraday learn, 2 review, 3 interday learn, -1 suspended,
                                 -- -2 buried with a sibling, -3 buried by hand (since V3)
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
CREATE TABLE presets (                -- deck option presets (Anki's); every deck uses one
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    options TEXT NOT NULL             -- SchedulerOptions.to_dict() without tz, rollover_hour, first_day
);
INSERT INTO presets (id, name, options)
    VALUES (1, 'Default', coalesce((SELECT value FROM meta WHERE key = 'options'), '{}'));
ALTER TABLE decks ADD COLUMN preset_id INTEGER NOT NULL DEFAULT 1;  -- presets.id (1 = Default)
-- The collection-wide timing: zone (NULL = the system's; a stored UTC was only ever the default) and
-- rollover hour. Day 0 is filled in on opening: the creation date in the zone days were counted in.
INSERT OR REPLACE INTO meta (key, value) SELECT 'timing', json_object(
    'tz', CASE WHEN coalesce(json_extract(value, '$.tz'), 'UTC') = 'UTC' THEN NULL
               ELSE json_extract(value, '$.tz') END,
    'rollover_hour', coalesce(json_extract(value, '$.rollover_hour'), 4),
    'counted_in', coalesce(json_extract(value, '$.tz'), 'UTC'))
    FROM (SELECT coalesce((SELECT value FROM meta WHERE key = 'options'), '{}') AS value);
DELETE FROM meta WHERE key = 'options';
-- Card states: Anki's steps left (the ``left`` column, already written) replaces the step index.
UPDATE cards SET state = json_remove(
    json_set(state, '$.left', CASE WHEN json_extract(state, '$.step') IS NULL THEN NULL ELSE "left" END),
    '$.step');
CREATE INDEX cards_buried ON cards (queue) WHERE queue IN (-2, -3);  -- unburied at the day rollover
"""

V4 = """
ALTER TABLE notes ADD COLUMN sentence_start INTEGER;  -- the studied word in the plain-text sentence:
ALTER TABLE notes ADD COLUMN sentence_end INTEGER;    -- [start, end) in characters, NULL if absent
ALTER TABLE notes ADD COLUMN kind TEXT NOT NULL DEFAULT 'word' CHECK (kind IN ('word', 'kanji'));
CREATE UNIQUE INDEX notes_kanji ON notes (word) WHERE kind = 'kanji';  -- a kanji card is never added twice
"""

V5 = """
CREATE TABLE anki_notetypes (         -- note types of notes imported from Anki (jpstudy.anki_import.origin)
    id         INTEGER PRIMARY KEY,   -- Anki's note type id
    name       TEXT NOT NULL,
    definition TEXT NOT NULL          -- JSON: fields, field ids, templates, CSS, kind, sort field
);
CREATE TABLE anki_notes (             -- the Anki note an imported note came from; a re-export updates it
    note_id     INTEGER PRIMARY KEY REFERENCES notes (id) ON DELETE CASCADE,
    guid        TEXT NOT NULL UNIQUE, -- Anki's GUID of the note
    notetype_id INTEGER NOT NULL REFERENCES anki_notetypes (id),
    fields      TEXT NOT NULL,        -- JSON list of the fields' HTML as imported
    roles       TEXT NOT NULL,        -- JSON {role: [field index, plain text as imported]}
    mod         INTEGER NOT NULL      -- Anki's modification time (unix s) of the imported version
);
CREATE TABLE anki_cards (             -- the template (ord) of its Anki note an imported card is
    card_id INTEGER PRIMARY KEY REFERENCES cards (id) ON DELETE CASCADE,
    ord     INTEGER NOT NULL
);
CREATE TABLE anki_words (             -- words of a running Anki's cards (AnkiConnect pull), for word status
    word     TEXT NOT NULL,
    reading  TEXT NOT NULL,
    entry_id INTEGER,
    ivl      INTEGER NOT NULL,        -- the longest interval of the word's Anki cards, days (0: learning)
    PRIMARY KEY (word, reading)
) WITHOUT ROWID;
CREATE INDEX anki_words_entry ON anki_words (entry_id, reading);
"""

V6 = """
ALTER TABLE ads ADD COLUMN facts TEXT NOT NULL DEFAULT '';          -- AdFacts.to_json() (jpstudy.adfacts), '' unread
ALTER TABLE ads ADD COLUMN facts_version INTEGER NOT NULL DEFAULT 0;  -- FACTS_VERSION of the reader that wrote them
ALTER TABLE ads ADD COLUMN reached_at_save TEXT;                     -- JLPT level the user had reached when saved
"""

UPGRADES: tuple[str, ...] = (V1, V2, V3, V4, V5, V6)
"""``UPGRADES[i]`` turns schema version ``i`` into ``i + 1``."""

DATA_UPGRADES: dict[int, Callable[[sqlite3.Connection], None]] = {4: plain_sentences}
"""Data changes run, in the same transaction, right after the script that reaches that version."""

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
        for reached, script in enumerate(UPGRADES[version:], start=version + 1):
            for statement in _statements(script):
                db.execute(statement)
            if reached in DATA_UPGRADES:
                DATA_UPGRADES[reached](db)
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
