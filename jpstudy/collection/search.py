"""The browser's search language, compiled to a SQL condition over ``cards c JOIN notes n``.

A query is whitespace-separated terms, all of which must match (``"quoted phrases"`` keep spaces;
a leading ``-`` negates a term):
    text           the word, reading, meaning, sentence or notes contain it (case-insensitive)
    word:X reading:X meaning:X   that field contains X
    tag:X          the note has tag X or a tag below it (``tag:jlpt`` matches ``jlpt::n5``)
    deck:X         the card is in deck X or below it (``deck:JLPT`` matches ``JLPT::N5``)
    is:new is:learn is:review is:suspended is:leech
    is:kanji       a kanji card (``-is:kanji``: word cards only)
    jlpt:N3        the note's JLPT level
"""

from __future__ import annotations

import shlex

FIELD_TERMS = {"word": "n.word", "reading": "n.reading", "meaning": "n.meaning"}
STATE_TERMS = {
    "new": "c.type = 0",
    "learn": "c.type IN (1, 3)",
    "review": "c.type = 2",
    "suspended": "c.queue = -1",
    "leech": "(' ' || n.tags || ' ') LIKE '% leech %'",
    "kanji": "n.kind = 'kanji'",
}


class SearchError(ValueError):
    """A query that cannot be understood; the message says which term."""


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def compile_query(query: str) -> tuple[str, list[object]]:
    """Return ``(sql_condition, parameters)`` for a query; an empty query matches every card."""
    try:
        query.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise SearchError(f"the search {query[:40]!r} contains characters that are not valid text") from exc
    try:
        terms = shlex.split(query)
    except ValueError as exc:
        raise SearchError(f"cannot read the search {query!r}: {exc}") from exc
    clauses: list[str] = []
    params: list[object] = []
    for raw in terms:
        negate = raw.startswith("-") and len(raw) > 1
        term = raw[1:] if negate else raw
        key, sep, value = term.partition(":")
        key = key.lower()
        if sep and key == "tag":
            clause = (
                "(' ' || lower(n.tags) || ' ') LIKE ? ESCAPE '\\' OR (' ' || lower(n.tags) || ' ') LIKE ? ESCAPE '\\'"
            )
            tag = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params += [f"% {tag} %", f"% {tag}::%"]
        elif sep and key == "deck":
            clause = (
                "c.deck_id IN (SELECT id FROM decks WHERE lower(name) = lower(?) "
                "OR lower(name) LIKE lower(?) ESCAPE '\\')"
            )
            prefix = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params += [value, f"{prefix}::%"]
        elif sep and key == "is":
            if value.lower() not in STATE_TERMS:
                raise SearchError(f"unknown state in {term!r}; use one of: is:" + " is:".join(STATE_TERMS))
            clause = STATE_TERMS[value.lower()]
        elif sep and key == "jlpt":
            clause = "upper(n.jlpt) = upper(?)"
            params.append(value if value.upper().startswith("N") else f"N{value}")
        elif sep and key in FIELD_TERMS:
            clause = f"{FIELD_TERMS[key]} LIKE ? ESCAPE '\\'"
            params.append(_like(value))
        else:
            clause = (
                "(n.word LIKE ?1 ESCAPE '\\' OR n.reading LIKE ?1 ESCAPE '\\' OR n.meaning LIKE ?1 ESCAPE '\\'"
                " OR n.sentence LIKE ?1 ESCAPE '\\' OR n.notes LIKE ?1 ESCAPE '\\')"
            )
            clause = clause.replace("?1", "?")
            params += [_like(term)] * 5
        clauses.append(f"NOT ({clause})" if negate else f"({clause})")
    return (" AND ".join(clauses) or "1"), params
