"""The job-ad library: saved ads in the collection file, their readiness then and now, and the
personal job-market word list across them.

    lib = AdLibrary(col)
    ad = lib.save(text, mine_text(text, dictionary, status_of=col.word_status), source="Hello Work")
    lib.list()                      # newest first: title, date, readiness then → now
    lib.word_list(top=20)           # words by number of ads using them, then by count
    lib.add_top_unknown(20)         # cards for the 20 most common new words, in the "Mined" deck
    lib.delete(ad.id)               # the text is overwritten in the file, not just unlinked

Terms are defined in ``jpstudy.ads.models``; statuses follow ``jpstudy.ads.status``. Every write is one
transaction of the collection, so a failed operation leaves the library as it was.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Collection as Container
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from jpstudy.adfacts import FACTS_VERSION, AdFacts, extract_facts
from jpstudy.adfacts.summary import summarise_values
from jpstudy.ads.models import (
    LEVELS,
    READ_OK,
    AdSpan,
    AdSummary,
    AdWord,
    CandidateLike,
    MarketWord,
    Readiness,
    SavedAd,
)
from jpstudy.ads.status import StatusIndex
from jpstudy.collection import Collection, NewNote
from jpstudy.collection.models import MINED_DECK
from jpstudy.stats import Progress, status_progress

_AD_COLUMNS = ("id, title, source, saved_at, job_type, tags, text, word_tokens, known_at_save, spans, facts, "
               "reached_at_save")
_FACT_COLUMNS = ", ".join(
    f"CASE WHEN facts = '' THEN NULL ELSE {expr} END" for expr in (
        "json_extract(facts, '$.pay.value')", "json_extract(facts, '$.annual_holidays.value')",
        "json_extract(facts, '$.weekly_days_off.value')", "json_extract(facts, '$.japanese_level.value')",
        "json_array_length(facts, '$.checks')",
    )
)
"""The list's facts of an ad, read in SQL from its stored facts (see ``jpstudy.adfacts.summary``)."""
_VOCAB_COLUMNS = (
    "word", "reading", "entry_id", "meaning", "jlpt", "pos", "kind", "glossary", "glossary_note",
)
_WORD_COLUMNS = (
    "v.word, v.reading, v.entry_id, v.meaning, v.jlpt, v.pos, v.kind, w.count, w.tokens, w.part_of, "
    "w.sentence, v.glossary, v.glossary_note, w.status_at_save"
)


@dataclass(frozen=True)
class AdFilter:
    """Which saved ads an operation looks at: all, or those of a job type and/or carrying a tag."""

    job_type: str | None = None
    tag: str | None = None

    def sql(self) -> tuple[str, list[str]]:
        """A WHERE condition over the ``ads`` table and its parameters."""
        conditions, params = ["1"], []
        if self.job_type is not None:
            conditions.append("job_type = ?")
            params.append(self.job_type.strip())
        if self.tag is not None:
            conditions.append("instr(' ' || tags || ' ', ' ' || ? || ' ') > 0")
            params.append(self.tag.strip())
        return " AND ".join(conditions), params

    def words_of_ads(self, alias: str = "w") -> tuple[str, list[str]]:
        """A WHERE condition keeping the ``ad_words`` rows (named ``alias``) of the chosen ads."""
        if self.job_type is None and self.tag is None:
            return "1", []
        where, params = self.sql()
        return f"{alias}.ad_id IN (SELECT id FROM ads WHERE {where})", params


class AdLibrary:
    """The saved job ads of one collection (see the module docstring)."""

    def __init__(self, col: Collection) -> None:
        self.col = col

    # ----- saving and editing ----------------------------------------------------------------
    def save(
        self, text: str, result: Any, title: str | None = None, source: str = "", job_type: str | None = None,
        tags: Iterable[str] = (), now: datetime | None = None, facts: AdFacts | None = None,
        reached: str | None = None,
    ) -> SavedAd:
        """Keep a mined ad: its text, words and readiness as they are now, and its facts.

        ``result`` is a ``jpstudy.mining.MiningResult`` (then its ``text`` is stored, because its word
        spans index that normalised text, and readiness is weighed by those spans) or a plain sequence
        of candidates (then ``text`` is stored and each candidate not seen only inside a longer word
        weighs its ``count``). ``title`` defaults to the text's first non-empty line. ``facts`` are the
        ad's facts read from the stored text (read here when not given); ``reached`` is the JLPT level
        the user has reached now (``jpstudy.adfacts.level_reached``), kept to show later which ads came
        within reach since.

        Raises:
            ValueError: the text is empty, or a candidate has no headword; nothing is saved.
        """
        stored = getattr(result, "text", None) or text
        if not isinstance(stored, str) or not stored.strip():
            raise ValueError("an ad needs text: nothing was saved")
        candidates: Sequence[CandidateLike] = getattr(result, "candidates", result)
        words = _unique(candidates)
        ordinal = {(c.word, c.reading): i for i, c in enumerate(words)}
        spans = getattr(result, "spans", None)
        if spans is None:
            tokens = {k: 0 if getattr(c, "part_of", False) else int(c.count)
                      for k, c in zip(ordinal, words, strict=True)}
            span_rows: list[list[int]] = []
        else:
            span_rows = [[s.start, s.end, ordinal[(s.word, s.reading)]] for s in spans
                         if (s.word, s.reading) in ordinal]
            tokens = Counter((s.word, s.reading) for s in spans if (s.word, s.reading) in ordinal)
        total = sum(tokens.get(k, 0) for k in ordinal)
        known = sum(tokens.get((c.word, c.reading), 0) for c in words if c.status in READ_OK)
        saved_at = int((now or datetime.now(UTC)).timestamp())
        facts_json = _facts_json(facts if facts is not None else extract_facts(stored))
        with self.col.lock, self.col.transaction() as db:
            cur = db.execute(
                "INSERT INTO ads (title, source, saved_at, text, job_type, tags, words, word_tokens, "
                "known_at_save, readiness_at_save, spans, facts, facts_version, reached_at_save) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (_title(title, stored), source.strip(), saved_at, stored, (job_type or "").strip(),
                 " ".join(_tags(tags)), len(words), total, known, Readiness(known, total).share,
                 json.dumps(span_rows, separators=(",", ":")), facts_json, FACTS_VERSION, reached),
            )
            ad_id = int(cur.lastrowid or 0)
            db.executemany(
                "INSERT INTO ad_words (ad_id, ordinal, vocab_id, count, tokens, part_of, sentence, "
                "status_at_save) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(ad_id, i, _vocab_id(db, c), int(c.count), tokens.get((c.word, c.reading), 0),
                  bool(getattr(c, "part_of", False)), c.sentence or "", c.status)
                 for i, c in enumerate(words)],
            )
        return self.get(ad_id)

    def update(
        self, ad_id: int, title: str | None = None, source: str | None = None, job_type: str | None = None,
        tags: Iterable[str] | None = None,
    ) -> AdSummary:
        """Change the title, source, job type or tags of a saved ad (None keeps a field).

        Raises:
            KeyError: there is no such ad.
            ValueError: the new title is empty.
        """
        if title is not None and not title.strip():
            raise ValueError("a saved ad needs a title")
        changes = {"title": title if title is None else title.strip(),
                   "source": source if source is None else source.strip(),
                   "job_type": job_type if job_type is None else job_type.strip(),
                   "tags": None if tags is None else " ".join(_tags(tags))}
        sets = {k: v for k, v in changes.items() if v is not None}
        with self.col.lock:
            self._ad_row(ad_id)
            if sets:
                with self.col.transaction() as db:
                    db.execute(f"UPDATE ads SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?",
                               (*sets.values(), ad_id))
        return self.get(ad_id).summary()

    def delete(self, ad_id: int) -> bool:
        """Delete a saved ad with its text and words; False if there was none.

        The freed space is overwritten with zeros (SQLite's ``secure_delete``) and the write-ahead log
        is checkpointed and truncated, so the text is no longer anywhere in the collection's files.
        Cards already made from the ad's words keep their example sentences.
        """
        ad_id = int(ad_id)
        with self.col.lock:
            db = self.col.db
            before = db.execute("PRAGMA secure_delete").fetchone()[0]
            db.execute("PRAGMA secure_delete = ON")
            try:
                with self.col.transaction():
                    vocab = db.execute("SELECT vocab_id FROM ad_words WHERE ad_id = ?", (ad_id,)).fetchall()
                    deleted = db.execute("DELETE FROM ads WHERE id = ?", (ad_id,)).rowcount
                    db.executemany(
                        "DELETE FROM ad_vocab WHERE id = ? AND NOT EXISTS "
                        "(SELECT 1 FROM ad_words WHERE vocab_id = ad_vocab.id)",
                        vocab,
                    )
            finally:
                db.execute(f"PRAGMA secure_delete = {int(before)}")
            if deleted:
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return bool(deleted)

    # ----- reading ---------------------------------------------------------------------------
    def list(self, job_type: str | None = None, tag: str | None = None) -> list[AdSummary]:
        """The saved ads (of a job type / with a tag), newest first, with readiness then and now."""
        where, params = AdFilter(job_type, tag).sql()
        with self.col.lock:
            self.refresh_facts()
            db = self.col.db
            rows = db.execute(
                "SELECT id, title, source, saved_at, job_type, tags, word_tokens, known_at_save, words, "
                f"reached_at_save, {_FACT_COLUMNS} FROM ads WHERE {where} ORDER BY saved_at DESC, id DESC",
                params,
            ).fetchall()
            known_now = self._known_tokens_now(db, AdFilter(job_type, tag))
        return [
            AdSummary(ad_id, title, source, _time(saved), job, tuple(tag_text.split()), n_words,
                      Readiness(known, total), Readiness(known_now.get(ad_id, 0), total),
                      summarise_values(json.loads(pay) if pay else None, annual, weekly, level, checks or 0),
                      reached)
            for (ad_id, title, source, saved, job, tag_text, total, known, n_words, reached, pay, annual, weekly,
                 level, checks) in rows
        ]

    def refresh_facts(self) -> int:
        """Read again the facts of the ads whose facts were read by an older reader (or not at all:
        ads saved before facts existed); return how many. One transaction."""
        with self.col.lock:
            stale = self.col.db.execute("SELECT id, text FROM ads WHERE facts_version < ?",
                                        (FACTS_VERSION,)).fetchall()
            if stale:
                with self.col.transaction() as db:
                    db.executemany("UPDATE ads SET facts = ?, facts_version = ? WHERE id = ?",
                                   [(_facts_json(extract_facts(text)), FACTS_VERSION, ad_id) for ad_id, text in stale])
        return len(stale)

    def get(self, ad_id: int) -> SavedAd:
        """A saved ad with its words and spans coloured with today's statuses.

        Raises:
            KeyError: there is no such ad.
        """
        with self.col.lock:
            self.refresh_facts()
            row = self._ad_row(ad_id)
            word_rows = self.col.db.execute(
                f"SELECT {_WORD_COLUMNS} FROM ad_words w JOIN ad_vocab v ON v.id = w.vocab_id "
                "WHERE w.ad_id = ? ORDER BY w.ordinal",
                (ad_id,),
            ).fetchall()
            index = StatusIndex.load(self.col.db)
        words = tuple(_ad_word(w, index.status(w[2], w[0], w[1])) for w in word_rows)
        _, title, source, saved, job, tag_text, text, total, known, span_json, facts_json, reached = row
        spans = tuple(AdSpan(s, e, words[i].word, words[i].reading, words[i].status)
                      for s, e, i in json.loads(span_json))
        now_known = sum(w.tokens for w in words if w.status in READ_OK)
        now_learning = sum(w.tokens for w in words if status_progress(w.status) is Progress.LEARNING)
        return SavedAd(ad_id, title, source, _time(saved), job, tuple(tag_text.split()), text,
                       Readiness(known, total), Readiness(now_known, total, now_learning), words, spans,
                       AdFacts.from_json(json.loads(facts_json)) if facts_json else AdFacts(), reached)

    def job_types(self) -> list[str]:
        """The job types given to saved ads, sorted (for a filter)."""
        with self.col.lock:
            rows = self.col.db.execute("SELECT DISTINCT job_type FROM ads WHERE job_type != '' ORDER BY job_type")
            return [r[0] for r in rows]

    def tags(self) -> list[str]:
        """The tags given to saved ads, sorted (for a filter)."""
        with self.col.lock:
            rows = self.col.db.execute("SELECT DISTINCT tags FROM ads WHERE tags != ''").fetchall()
        return sorted({t for (text,) in rows for t in text.split()})

    def readiness_now(self, ad_id: int) -> Readiness:
        """Readiness of a saved ad with today's statuses (``KeyError`` if there is no such ad)."""
        return self.get(ad_id).readiness_now

    def words_beyond(self, ad_id: int, target_level: str) -> list[AdWord]:
        """Words of the ad not yet known today whose JLPT level is harder than ``target_level`` or that
        have no level (words seen only inside longer words left out, as the miner's coverage does).

        Raises:
            KeyError: there is no such ad.  ValueError: ``target_level`` is not N5…N1.
        """
        level = target_level.strip().upper()
        if level not in LEVELS:
            raise ValueError(f"unknown JLPT level {target_level!r}: use one of {', '.join(LEVELS)}")
        return [w for w in self.get(ad_id).words
                if w.status not in READ_OK and not w.part_of and w.beyond(level)]

    def glossary_terms(self, ad_id: int) -> list[AdWord]:
        """The job-glossary terms of the ad that carry a note — the terms a foreign worker must understand
        before applying (固定残業代, 試用期間 …) — in the miner's order (``KeyError`` if there is no such ad)."""
        return [w for w in self.get(ad_id).words if w.glossary and w.glossary_note]

    def word_list(
        self, top: int | None = None, job_type: str | None = None, tag: str | None = None,
        status: Container[str] | None = None,
    ) -> list[MarketWord]:
        """Words across the saved ads (of a job type / with a tag), ranked by the number of ads using
        them as words of their own, then by how often they stand as words of their own in them (word
        tokens); only those with a status in ``status`` when given; the first ``top`` when given. A
        word seen in an ad only inside a longer word (社会保険 in 社会保険完備, 勤務 in 勤務地) does not
        count for that ad: the list counts whole words, not parts of compounds."""
        if top is not None and top < 0:
            raise ValueError("top must be 0 or more")
        where, params = AdFilter(job_type, tag).words_of_ads()
        with self.col.lock:
            db = self.col.db
            rows = db.execute(
                "SELECT v.word, v.reading, v.entry_id, v.meaning, v.jlpt, g.n_ads, g.total, v.glossary FROM "
                f"(SELECT vocab_id, count(*) AS n_ads, sum(tokens) AS total FROM ad_words w WHERE {where} "
                "AND NOT w.part_of AND w.tokens > 0 GROUP BY vocab_id) g JOIN ad_vocab v ON v.id = g.vocab_id "
                "ORDER BY g.n_ads DESC, g.total DESC, v.word, v.reading",
                params,
            ).fetchall()
            index = StatusIndex.load(db)
        out: list[MarketWord] = []
        for word, reading, entry_id, meaning, jlpt, n_ads, total, gl in rows:
            st = index.status(entry_id, word, reading)
            if status is None or st in status:
                out.append(MarketWord(word, reading, entry_id, meaning, jlpt, n_ads, total, bool(gl), st))
                if top is not None and len(out) >= top:
                    break
        return out

    # ----- studying --------------------------------------------------------------------------
    def add_top_unknown(
        self, n: int, job_type: str | None = None, tag: str | None = None, now: datetime | None = None,
    ) -> list[MarketWord]:
        """Add the ``n`` most common new words of the saved ads as cards in the "Mined" deck, each with a
        sentence of the ad where it occurs most and that ad's title as source, tagged ``mined`` and
        ``jlpt::nX`` when its level is known (cards as ``jpstudy.mining`` makes them: the word highlighted
        in the sentence, a glossary term's note in the notes). All or nothing; returns the words added."""
        with self.col.lock:
            words = self.word_list(top=n, job_type=job_type, tag=tag, status={"new"})
            self.col.add_notes([self._new_note(w) for w in words], deck=MINED_DECK, now=now)
        return words

    def _new_note(self, w: MarketWord) -> NewNote:
        """The card of a market word, made as the miner makes cards, from its best-placed ad."""
        from jpstudy.mining.cards import new_note_for

        row = self.col.db.execute(
            f"SELECT {_WORD_COLUMNS}, a.title FROM ad_vocab v JOIN ad_words w ON w.vocab_id = v.id "
            "JOIN ads a ON a.id = w.ad_id WHERE v.word = ? AND v.reading = ? "
            "ORDER BY w.tokens > 0 DESC, w.sentence != '' DESC, w.count DESC, a.saved_at DESC, a.id DESC LIMIT 1",
            (w.word, w.reading),
        ).fetchone()
        word = _ad_word(row[:-1], w.status)
        return new_note_for(word, source=row[-1])  # type: ignore[arg-type]

    # ----- internals -------------------------------------------------------------------------
    def _ad_row(self, ad_id: int) -> tuple[Any, ...]:
        row = self.col.db.execute(f"SELECT {_AD_COLUMNS} FROM ads WHERE id = ?", (int(ad_id),)).fetchone()
        if row is None:
            raise KeyError(f"no saved ad {ad_id}")
        return tuple(row)

    @staticmethod
    def _known_tokens_now(db: sqlite3.Connection, which: AdFilter) -> dict[int, int]:
        """Word tokens known or ignored today, per saved ad."""
        index = StatusIndex.load(db)
        vocab = db.execute("SELECT id, word, reading, entry_id FROM ad_vocab")
        readable = [vocab_id for vocab_id, w, r, e in vocab if index.status(e, w, r) in READ_OK]
        where, params = which.words_of_ads()
        rows = db.execute(
            "SELECT w.ad_id, sum(w.tokens) FROM json_each(?) k JOIN ad_words w ON w.vocab_id = k.value "
            f"WHERE {where} GROUP BY w.ad_id",
            (json.dumps(readable), *params),
        )
        return {ad_id: int(known) for ad_id, known in rows}


def _unique(candidates: Iterable[CandidateLike]) -> list[CandidateLike]:
    """Candidates with each (word, reading) once, the first kept; must have a word."""
    seen: dict[tuple[str, str], CandidateLike] = {}
    for c in candidates:
        if not c.word:
            raise ValueError("a mined word needs a headword: nothing was saved")
        seen.setdefault((c.word, c.reading), c)
    return list(seen.values())


def _vocab_id(db: sqlite3.Connection, c: CandidateLike) -> int:
    """The ``ad_vocab`` id of a candidate's word, added or refreshed with the candidate's details."""
    values = (c.word, c.reading, c.entry_id, c.meaning or "", c.jlpt, getattr(c, "pos", "") or "",
              getattr(c, "kind", "word") or "word", bool(getattr(c, "glossary", False)),
              getattr(c, "glossary_note", "") or "")
    updates = ", ".join(f"{col} = excluded.{col}" for col in _VOCAB_COLUMNS[2:])
    row = db.execute(
        f"INSERT INTO ad_vocab ({', '.join(_VOCAB_COLUMNS)}) VALUES ({', '.join('?' * len(values))}) "
        f"ON CONFLICT (word, reading) DO UPDATE SET {updates} RETURNING id",
        values,
    ).fetchone()
    return int(row[0])


def _ad_word(row: Sequence[Any], status: str) -> AdWord:
    """An ``AdWord`` from the ``_WORD_COLUMNS`` of a row and today's status."""
    w, r, e, meaning, jlpt, pos, kind, count, tokens, part, sentence, gl, note, then = row
    return AdWord(w, r, e, meaning, jlpt, pos, kind, count, tokens, bool(part), sentence, bool(gl), note,
                  then, status)


def _facts_json(facts: AdFacts) -> str:
    return json.dumps(facts.to_json(), ensure_ascii=False, separators=(",", ":"))


def _title(title: str | None, text: str) -> str:
    """The given title, else the ad's first non-empty line as the miner titles an ad."""
    if title is not None and title.strip():
        return title.strip()
    from jpstudy.mining.cards import ad_title

    return ad_title(text)


def _tags(tags: Iterable[str]) -> list[str]:
    """Tags without surrounding space, inner whitespace as ``_``, each once, empty ones dropped."""
    if isinstance(tags, str):
        tags = [tags]
    return list(dict.fromkeys(re.sub(r"\s+", "_", t.strip()) for t in tags if t.strip()))


def _time(secs: int) -> datetime:
    return datetime.fromtimestamp(int(secs), UTC)
