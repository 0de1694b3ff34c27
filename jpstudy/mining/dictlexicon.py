"""The miner's :class:`~jpstudy.mining.lexicon.Lexicon` over jpstudy's built dictionary file.

It opens its own read-only connection to ``Dictionary.path`` (tables ``form``, ``sense``, ``jlpt``,
``freq`` of :mod:`jpstudy.dictionary.build`), because the miner needs what the Dictionary API keeps
private: each kana form's re_restr and nokanji flags (to pick the reading valid for a headword),
the rank of the form that matched, and every form at once for the longest-match prefix index.
The connection may be used from any thread; a lock serialises queries.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jpstudy.dictionary.kana import frequency_key
from jpstudy.mining.lexicon import Hit, KanaForm, LexEntry, hira
from jpstudy.mining.lexicon import entry as make_entry

_new = tuple.__new__  # builds a NamedTuple without its Python-level __new__ (every lookup makes some)


class DictLexicon:
    """A Lexicon reading the built dictionary file of a :class:`jpstudy.dictionary.Dictionary`."""

    def __init__(self, dictionary: Any) -> None:
        path = Path(dictionary.path).resolve()
        self._con = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._con.execute("PRAGMA mmap_size = 134217728")  # read pages in place, not through read() calls
        self._lock = threading.Lock()
        self._entries: dict[int, LexEntry] = {}
        self._levels: dict[tuple[int, str], str] = {}
        self._freq: dict[str, int] | None = None
        self._primed: dict[str, tuple[tuple[int, int], ...]] = {}
        for entry, reading, level in self._rows("SELECT entry, reading, level FROM jlpt"):
            key = (entry, hira(reading))
            self._levels[key] = max(level, self._levels.get(key, level))

    def _rows(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    def lookup(self, text: str) -> tuple[Hit, ...]:
        primed = self._primed.get(text)
        if primed is None:
            primed = tuple(self._rows("SELECT entry, min(rank) FROM form WHERE text = ? GROUP BY entry", (text,)))
        return tuple(_new(Hit, (self._entry(entry), rank)) for entry, rank in primed)

    def prime(self) -> None:
        """Load in four bulk queries every entry that shares a form with a JLPT-listed entry, and the
        complete lookup answer for each such form (about 0.3 s): the words of most ads are then
        answered from memory. A form's answer is kept as plain (entry, rank) pairs, which Python's
        garbage collector stops scanning."""
        texts = "SELECT text FROM form WHERE entry IN (SELECT entry FROM jlpt)"
        hits = self._rows(f"SELECT text, entry, min(rank) FROM form WHERE text IN ({texts}) GROUP BY text, entry")
        wanted = f"SELECT entry FROM form WHERE text IN ({texts})"
        forms: dict[int, list[tuple[Any, ...]]] = {}
        for entry, *row in self._rows(f"SELECT entry, kind, text, rank, restr, nokanji FROM form "
                                      f"WHERE entry IN ({wanted}) ORDER BY entry, kind, ord"):
            forms.setdefault(entry, []).append(tuple(row))
        senses: dict[int, list[tuple[Any, ...]]] = {}
        for entry, *row in self._rows(f"SELECT entry, pos, misc, gloss FROM sense "
                                      f"WHERE entry IN ({wanted}) AND gloss != '' ORDER BY entry, ord"):
            senses.setdefault(entry, []).append(tuple(row))
        for entry, rows in forms.items():
            if entry not in self._entries:
                self._entries[entry] = _build(entry, rows, senses.get(entry, []))
        by_text: dict[str, list[tuple[int, int]]] = {}
        for text, entry, rank in hits:
            by_text.setdefault(text, []).append((entry, rank))
        self._primed = {text: tuple(h) for text, h in by_text.items()}

    def _entry(self, entry_id: int) -> LexEntry:
        have = self._entries.get(entry_id)
        if have is not None:
            return have
        rows = self._rows(
            "SELECT kind, ord, text, rank, restr, nokanji FROM form WHERE entry = ? "
            "UNION ALL SELECT 2, ord, pos, misc, gloss, 0 FROM sense WHERE entry = ? ORDER BY 1, 2",
            (entry_id, entry_id))
        forms = [(kind, text, rank, restr, nokanji) for kind, _o, text, rank, restr, nokanji in rows if kind < 2]
        senses = [(pos, misc, gloss) for kind, _o, pos, misc, gloss, _n in rows if kind == 2 and gloss]
        entry = self._entries[entry_id] = _build(entry_id, forms, senses)
        return entry

    def jlpt(self, entry_id: int, reading: str) -> str | None:
        """The easiest level ("N5" > "N1" as strings) listed for the entry with that reading, in
        hiragana or katakana spelling (the whole jlpt table, ~8,000 rows, is held in memory)."""
        return self._levels.get((entry_id, hira(reading)))

    def zipf(self, text: str) -> float | None:
        """wordfreq's zipf for ``text`` (the frequency table, ~210,000 rows, is loaded on first use)."""
        if self._freq is None:
            self._freq = dict(self._rows("SELECT text, zipf100 FROM freq"))
        value = self._freq.get(frequency_key(text))
        return None if value is None else value / 100

    def all_forms(self) -> Iterable[str]:
        """Every form, sorted (read in the order of the ``form_text`` index, duplicates dropped)."""
        rows = self._rows("SELECT text FROM form INDEXED BY form_text ORDER BY text")
        return list(dict.fromkeys(text for (text,) in rows))


def _build(entry_id: int, forms: list[Any], senses: list[Any]) -> LexEntry:
    """A LexEntry from its form rows (kind, text, rank, restr, nokanji) in JMdict order and its sense
    rows (pos, misc, gloss) in order."""
    kanji = tuple(text for kind, text, *_ in forms if kind == 0)
    kana: tuple[KanaForm, ...] = tuple((text, tuple(restr.split("|")) if restr else (), bool(nokanji))
                                       for kind, text, _rank, restr, nokanji in forms if kind == 1)
    first_misc = senses[0][1].split() if senses else []
    return make_entry(entry_id, kanji, kana, not kanji or "uk" in first_misc, senses[0][0] if senses else "",
                      min((rank for _k, _t, rank, *_ in forms), default=99), tuple(senses))

