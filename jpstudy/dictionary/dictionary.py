"""Read-only access to the built JMdict extract: lookups, headwords, JLPT levels, frequencies.

Terms (see also ``models``):
    valid reading of a form: a reading that is not ``nokanji`` and either has no re_restr or lists that form.
    headword: what a card shows — see ``Dictionary.headword``.
    easiest level: of several JLPT levels, the one closest to N5.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

from jpstudy.dictionary.build import (
    DataSource,
    DictionaryDataError,
    ProgressCallback,
    ensure_built,
)
from jpstudy.dictionary.kana import (
    fold_full_width,
    frequency_key,
    has_ascii_alnum,
    is_kana,
    is_kanji,
    to_hiragana,
    to_katakana,
)
from jpstudy.dictionary.models import Entry, FormMatch, Headword, Sense

_ENTRY_CACHE = 20_000  # entries kept in memory (a few MB); the cache is emptied when full
_CHUNK = 500  # ids per "IN (...)" query, below SQLite's variable limit
_SENSE_ROW = 2  # row kind of a sense in _LOAD_SQL (forms are 0 = kanji form, 1 = reading)
_LOAD_SQL = (
    "SELECT f.entry, f.kind, f.ord, f.text, f.rank, f.info, f.restr, f.nokanji, '', j.level, q.zipf100"
    " FROM form f LEFT JOIN jlpt j ON f.kind = 1 AND j.entry = f.entry AND j.reading = f.text"
    " LEFT JOIN freq q ON q.text = f.text WHERE f.entry IN ({marks})"
    " UNION ALL SELECT entry, 2, ord, gloss, 0, pos, misc, stagk, stagr, NULL, NULL FROM sense WHERE entry IN ({marks})"
    " ORDER BY 1, 2, 3"
)
KANA_QUERY_PENALTY = 40  # rank added, for a kana query, to entries not usually written in kana


class _Form(NamedTuple):
    """A stored keb or reb (a named tuple: built thousands of times per second, and never exposed)."""

    text: str
    rank: int
    info: tuple[str, ...]
    restr: tuple[str, ...]
    nokanji: bool


@dataclass(frozen=True)
class _EntryData:
    """Everything stored for one entry, before a lookup picks the readings to show."""

    entry_id: int
    kebs: tuple[_Form, ...]
    rebs: tuple[_Form, ...]
    senses: tuple[Sense, ...]
    levels: dict[str, str]  # reading → JLPT level
    frequency: float | None = None  # zipf of the default headword

    @property
    def usually_kana(self) -> bool:
        return not self.kebs or (bool(self.senses) and "uk" in self.senses[0].misc)

    def valid_readings(self, keb: str) -> tuple[str, ...]:
        return tuple(r.text for r in self.rebs if not r.nokanji and (not r.restr or keb in r.restr))

    def headword(self, preferred: str | None = None) -> Headword:
        """See ``Dictionary.headword``."""
        keb_texts = [k.text for k in self.kebs]
        if preferred is not None and preferred in keb_texts:
            word = preferred
        elif preferred is not None and any(r.text == preferred for r in self.rebs):
            return Headword(preferred, preferred)
        else:
            word = _default_word(self.kebs, self.rebs, self.senses)
            if word == self.rebs[0].text:
                return Headword(word, word)
        readings = self.valid_readings(word)
        return Headword(word, readings[0] if readings else self.rebs[0].text)


def _default_word(kebs: Sequence[_Form], rebs: Sequence[_Form], senses: Sequence[Sense]) -> str:
    """The headword with no preference: the first kanji form, or the first reading when sense 1 is
    ``uk`` or there is no kanji form (an entry always has a reading)."""
    if kebs and not (senses and "uk" in senses[0].misc):
        return kebs[0].text
    return rebs[0].text


def _easiest(levels: Iterable[str]) -> str | None:
    """The easiest of some JLPT levels ("N5" > "N4" > … as strings), None if there are none."""
    return max(levels, default=None)


def _codes(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _items(text: str) -> tuple[str, ...]:
    return tuple(text.split("|")) if text else ()


class Dictionary:
    """The offline JMdict dictionary. Open it with ``Dictionary.open()``; it is read-only and cheap to
    query (lookups take tens of microseconds). Safe to share between threads: queries are serialised."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._con = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
            )
            self.meta: dict[str, str] = dict(self._con.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            raise DictionaryDataError(f"cannot open dictionary {path}: {exc}") from exc
        self._lock = threading.Lock()
        self._cache: dict[int, _EntryData | None] = {}

    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        progress: ProgressCallback | None = None,
        source: DataSource | None = None,
    ) -> Dictionary:
        """Open the dictionary in the data folder, building it first from the bundled data when it is
        missing or stale (``progress(done, total, message)`` reports that build)."""
        return cls(ensure_built(data_dir, progress, source))

    @classmethod
    def open_fixture(cls, fixture_dir: str | os.PathLike[str], data_dir: str | os.PathLike[str]) -> Dictionary:
        """Open a dictionary built from a source folder in the bundled format (tests' small fixture)."""
        return cls.open(data_dir, source=DataSource.folder(fixture_dir))

    def close(self) -> None:
        with self._lock:
            self._con.close()

    def _query(self, sql: str, args: Sequence[object] = ()) -> list[tuple]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    def __enter__(self) -> Dictionary:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def jmdict_created(self) -> str:
        """Creation date of the JMdict release the data comes from (YYYY-MM-DD)."""
        return self.meta.get("jmdict_created", "")

    # -- lookups by text ------------------------------------------------------------------------

    def _match_rows(self, text: str) -> list[tuple[int, int, int]]:
        """(entry, best rank, 0 if a kanji form matched else 1) per entry having a form equal to
        ``text``, ordered by rank, then entry id."""
        best: dict[int, tuple[int, int]] = {}
        for entry, rank, kind in self._query("SELECT entry, rank, kind FROM form WHERE text = ?", (text,)):
            best[entry] = min(best.get(entry, (rank, kind)), (rank, kind))
        return sorted(((e, rank, kind) for e, (rank, kind) in best.items()), key=lambda row: (row[1], row[0]))

    def _key(self, text: str) -> tuple[str, list[tuple[int, int, int]]]:
        """``text`` (or its full-width fold when only that is in JMdict) and its matching rows."""
        rows = self._match_rows(text)
        if not rows and has_ascii_alnum(text):
            folded = fold_full_width(text)
            return folded, self._match_rows(folded)
        return text, rows

    def matches(self, text: str) -> list[FormMatch]:
        """Entries with a keb or reb equal to ``text`` (ASCII letters/digits also tried full width),
        most common first: by the rank of the matching form, then entry id."""
        return [FormMatch(e, rank, kind == 1) for e, rank, kind in self._key(text)[1]]

    def exists(self, text: str) -> bool:
        """True when ``text`` is exactly some keb or reb (no width folding: a fast probe for compounds)."""
        return bool(self._query("SELECT 1 FROM form WHERE text = ? LIMIT 1", (text,)))

    def matches_by_reading(self, reading: str) -> list[FormMatch]:
        """Entries having ``reading`` as a reb, in hiragana or katakana spelling; most common first."""
        variants = {reading, to_hiragana(reading), to_katakana(reading)}
        marks = ",".join("?" * len(variants))
        rows = self._query(
            f"SELECT entry, min(rank) FROM form WHERE text IN ({marks}) AND kind = 1 GROUP BY entry ORDER BY 2, 1",
            tuple(variants),
        )
        return [FormMatch(e, rank, True) for e, rank in rows]

    def lookup(self, text: str) -> list[Entry]:
        """Entries with a keb or reb equal to ``text``, most likely first.

        Order: by the rank of the matching form, then entry id (as ``matches``); but when ``text`` is kana,
        an entry not usually written in kana ranks ``KANA_QUERY_PENALTY`` lower, so こと gives 事 (uk)
        before 琴 and はい the interjection before 肺. On the 178 kana words of the JLPT lists that match
        several entries, this puts the listed entry first for 147 (rank order alone: 124).
        ``Entry.readings`` honour re_restr: when ``text`` is a kanji form, the readings valid for it;
        when it is a reading, that reading plus every reading not restricted to some other form.
        """
        key, rows = self._key(text)
        datas = self._entries([e for e, _rank, _kind in rows])
        found = [(rank, data) for (_e, rank, _kind), data in zip(rows, datas, strict=True) if data is not None]
        if is_kana(key):
            found.sort(key=lambda f: (f[0] + (0 if f[1].usually_kana else KANA_QUERY_PENALTY), f[1].entry_id))
        return [self._entry_for(data, key) for _rank, data in found]

    def entry(self, entry_id: int) -> Entry | None:
        """The entry with this JMdict id (all its readings), or None."""
        data = self._entry_data(entry_id)
        return None if data is None else self._entry_for(data, None)

    # -- card helpers ---------------------------------------------------------------------------

    def headword(self, entry_id: int, preferred: str | None = None) -> Headword | None:
        """The card's word and reading for an entry.

        Word: ``preferred`` (e.g. unidic's orthBase) when it is a form or reading of the entry; else
        the first kanji form, or the first reading when sense 1 is ``uk`` or there is no kanji form.
        Reading: the first reading valid for that word (a kana word is its own reading).
        """
        data = self._entry_data(entry_id)
        return None if data is None else data.headword(preferred)

    def readings_for(self, entry_id: int, form: str) -> tuple[str, ...]:
        """The readings of the entry valid for ``form``: for a kanji form, those neither restricted to
        other forms nor nokanji; for a reading, the reading itself. Empty when ``form`` is not the entry's."""
        data = self._entry_data(entry_id)
        if data is None:
            return ()
        if any(k.text == form for k in data.kebs):
            return data.valid_readings(form)
        return (form,) if any(r.text == form for r in data.rebs) else ()

    def all_forms(self) -> list[str]:
        """Every distinct keb and reb text (for prefix probing in longest-match scans)."""
        return [text for (text,) in self._query("SELECT DISTINCT text FROM form")]

    def jlpt_level(self, entry_id: int, reading: str | None = None) -> str | None:
        """The JLPT level of (entry, reading) — easiest when listed at several — or, with no reading,
        the easiest level of any reading of the entry. Hiragana and katakana spellings are equivalent."""
        data = self._entry_data(entry_id)
        if data is None:
            return None
        if reading is None:
            return _easiest(data.levels.values())
        variants = {reading, to_hiragana(reading), to_katakana(reading)}
        return _easiest(level for r, level in data.levels.items() if r in variants)

    def frequency(self, text: str) -> float | None:
        """wordfreq's zipf for ``text`` (NFKC, lower case), or None when the list lacks it."""
        rows = self._query("SELECT zipf100 FROM freq WHERE text = ?", (frequency_key(text),))
        return rows[0][0] / 100 if rows else None

    def kanji_level(self, text: str) -> str | None:
        """Hint for an unlisted word: the hardest JLPT level among its kanji; None when it has no kanji
        or one of them is in no JLPT kanji list. Not the word's own level."""
        chars = {ch for ch in text if is_kanji(ch)}
        if not chars:
            return None
        marks = ",".join("?" * len(chars))
        levels = [lvl for (lvl,) in self._query(f"SELECT level FROM kanji WHERE kanji IN ({marks})", tuple(chars))]
        return min(levels) if len(levels) == len(chars) else None

    def kanji_levels(self, text: str) -> dict[str, str]:
        """The JLPT level of each listed kanji in ``text``."""
        chars = sorted({ch for ch in text if is_kanji(ch)})
        marks = ",".join("?" * len(chars))
        return dict(self._query(f"SELECT kanji, level FROM kanji WHERE kanji IN ({marks})", chars))

    # -- internals ------------------------------------------------------------------------------

    def _entry_data(self, entry_id: int) -> _EntryData | None:
        return self._entries([entry_id])[0]

    def _entries(self, entry_ids: Sequence[int]) -> list[_EntryData | None]:
        """The stored data of each id (None for an unknown id), loading the missing ones in batches."""
        found = {e: self._cache[e] for e in entry_ids if e in self._cache}
        missing = [e for e in dict.fromkeys(entry_ids) if e not in found]
        if missing:
            if len(self._cache) + len(missing) > _ENTRY_CACHE:
                self._cache = {}
            for start in range(0, len(missing), _CHUNK):
                loaded = self._load(missing[start : start + _CHUNK])
                self._cache.update(loaded)
                found.update(loaded)
        return [found[e] for e in entry_ids]

    def _load(self, entry_ids: list[int]) -> dict[int, _EntryData | None]:
        """Read entries in one query (one round trip is a good part of a lookup's cost): the form rows,
        each joined with its JLPT level and frequency, followed by the sense rows (kind ``_SENSE_ROW``)."""
        marks = ",".join("?" * len(entry_ids))
        forms: dict[int, tuple[list[_Form], list[_Form]]] = {e: ([], []) for e in entry_ids}
        senses: dict[int, list[Sense]] = {e: [] for e in entry_ids}
        levels: dict[int, dict[str, str]] = {e: {} for e in entry_ids}
        zipf: dict[str, int] = {}
        rows = self._query(_LOAD_SQL.format(marks=marks), (*entry_ids, *entry_ids))
        for (
            entry,
            kind,
            _ord,
            text_or_gloss,
            rank,
            info_or_pos,
            restr_or_misc,
            nokanji_or_stagk,
            stagr,
            level,
            zipf100,
        ) in rows:
            if kind == _SENSE_ROW:
                senses[entry].append(
                    Sense(
                        _codes(info_or_pos),
                        _codes(restr_or_misc),
                        _items(text_or_gloss),
                        _items(nokanji_or_stagk),
                        _items(stagr),
                    )
                )
                continue
            forms[entry][kind].append(
                _Form(text_or_gloss, rank, _codes(info_or_pos), _items(restr_or_misc), bool(nokanji_or_stagk))
            )
            if level is not None:
                levels[entry][text_or_gloss] = level
            if zipf100 is not None:
                zipf[text_or_gloss] = zipf100
        loaded: dict[int, _EntryData | None] = {}
        for e in entry_ids:
            kebs, rebs = forms[e]
            if not rebs:  # unknown id (every JMdict entry has a reading)
                loaded[e] = None
                continue
            word = _default_word(kebs, rebs, senses[e])
            key = frequency_key(word)
            frequency = zipf[key] / 100 if key in zipf else None if key == word else self.frequency(key)
            loaded[e] = _EntryData(e, tuple(kebs), tuple(rebs), tuple(senses[e]), levels[e], frequency)
        return loaded

    def _entry_for(self, data: _EntryData, text: str | None) -> Entry:
        if text is None:
            readings = tuple(r.text for r in data.rebs)
        elif any(k.text == text for k in data.kebs):
            readings = data.valid_readings(text)
        else:
            readings = tuple(r.text for r in data.rebs if r.text == text or not r.restr or text in r.restr)
        return Entry(
            entry_id=data.entry_id,
            forms=tuple(k.text for k in data.kebs),
            readings=readings,
            senses=data.senses,
            rank=min(f.rank for f in (*data.kebs, *data.rebs)),
            jlpt=_easiest(data.levels[r] for r in readings if r in data.levels),
            frequency=data.frequency,
        )
