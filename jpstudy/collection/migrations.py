"""Data changes of schema upgrades that SQL alone cannot make (see ``schema.DATA_UPGRADES``).

Each function gets the connection inside the upgrade's transaction and must not commit.
"""

from __future__ import annotations

import sqlite3

from jpstudy.japanese.sentence import from_legacy_markup, is_legacy_markup, locate_word


def plain_sentences(db: sqlite3.Connection) -> None:
    """Schema 4: every sentence becomes plain text plus the span of its word.

    A sentence with the ``<b>`` markup of the schema-2 miner, or any sentence of a note tagged
    ``mined`` (the miner HTML-escaped them all), is decoded and keeps its highlighted span; other
    sentences (JLPT examples, typed ones) were plain already and get the span where the word is.
    """
    rows = db.execute("SELECT id, word, reading, sentence, tags FROM notes WHERE sentence != ''").fetchall()
    updates = []
    for note_id, word, reading, sentence, tags in rows:
        if is_legacy_markup(sentence) or "mined" in tags.split():
            text, span = from_legacy_markup(sentence)
            span = span or locate_word(text, word, reading)
        else:
            text, span = sentence, locate_word(sentence, word, reading)
        updates.append((text, *(span or (None, None)), note_id))
    db.executemany("UPDATE notes SET sentence = ?, sentence_start = ?, sentence_end = ? WHERE id = ?", updates)
