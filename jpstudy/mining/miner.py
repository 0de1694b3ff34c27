"""Mine the vocabulary of a job ad: normalise, tokenise, group into words, look up, filter, rank.

Terms:
    occurrence: one place in the normalised text where a word was found, as [start, end).
    candidate: a distinct word (headword + reading) offered for study, with its meaning, JLPT level,
        count of occurrences, the first sentence it occurs in and the user's status for it.
        ``kind`` says where it came from: ``word`` (one token), ``compound`` (a dictionary compound of
        several tokens), ``glossary`` (a job-terms glossary entry) or ``composed`` (a run of dictionary
        nouns not in the dictionary as a whole; its meaning is composed from its parts).
        ``part_of`` is True when the candidate is the unit of no span of the ad: a part of a longer
        unit (社会保険 in 社会保険完備) or a composed compound. Such candidates come after all the
        others and are shown only on request (one span of an ad gives one candidate).
        ``senses`` gives all the word's senses, the one the ad uses first (see :mod:`.senses`);
        ``meaning`` shows the first of them. ``topic`` is the glossary section of a glossary term.
    name: a proper noun (a place, a person, an organisation); reported apart from the candidates,
        never offered.
    status: "known", "learning", "unseen", "new" or "ignored" (``jpstudy.stats``), from the ``status_of``
        callable (default "new").
    span: a stretch of the normalised text with the status of the word there, for colouring the ad.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import repeat
from operator import itemgetter
from typing import Any, NamedTuple

from jpstudy.gc_pause import collector_paused
from jpstudy.mining.compounds import (
    MAX_DICT_SPAN,
    MAX_GLOSSARY_SPAN,
    FormIndex,
    Unit,
    compositions,
    katakana_fragment,
    katakana_runs,
    longest,
    noun_runs,
    segment,
)
from jpstudy.mining.context import (
    PLACE_SUFFIXES,
    VERBAL_POS,
    WEEKDAYS,
    cue_at,
    is_latin_piece,
    is_place_name,
    is_place_suffix,
    modified_as_person,
    weekday_in_list,
)
from jpstudy.mining.coverage import NO_WORDS, Coverage, coverage_of
from jpstudy.mining.filters import SKIP_POS1, is_grammar, is_junk_word, is_number, reads_previous
from jpstudy.mining.glossary import Glossary, GlossaryTerm
from jpstudy.mining.lexicon import LexEntry, Lexicon, hira
from jpstudy.mining.lookup import Resolved, present, resolve_form, resolve_token
from jpstudy.mining.names import name_echoes, organisation_names
from jpstudy.mining.normalise import MAX_CHARS, fold_width, masked_spans, normalise
from jpstudy.mining.rank import rank_key
from jpstudy.mining.senses import Cue, Sense, context_sensitive, describe, glosses, order
from jpstudy.mining.tokenize import Token, chunks, tokenize

StatusOf = Callable[[int | None, str, str], str]
Progress = Callable[[int, int], None]
CACHE_LIMIT = 200_000
"""Per-miner memo tables are emptied when they grow past this many entries."""
_NAME_OR_DAY = PLACE_SUFFIXES | frozenset(WEEKDAYS)
"""Single kanji whose word depends on the tokens around them: a place suffix (江東区), a weekday (日・月)."""
_BY_CONTEXT = -2
"""A unit memo value: look again with the context cue added to the key."""
COVERED_KINDS = frozenset(("name", "loanword"))
"""Units inside an organisation name or a katakana run: their pieces are never offered."""
NON_COMPOSING_SUFFIXES = frozenset((
    "さん", "様", "さま", "君", "くん", "ちゃん", "殿", "達", "たち", "等", "など", "ら",
    "方", "がた", "氏", "頃", "ごろ", "目", "毎", "ごと",
))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A word offered for study (see the module docstring)."""

    word: str
    reading: str
    meaning: str
    jlpt: str | None
    count: int
    sentence: str
    status: str
    entry_id: int | None
    pos: str
    kind: str
    glossary: bool
    glossary_note: str
    frequency: float | None
    proper_noun: bool
    part_of: bool
    parts: tuple[str, ...]
    first: int
    topic: str = ""
    sense_rows: tuple[Sense, ...] = ()
    sense_order: tuple[int, ...] = ()

    @property
    def senses(self) -> tuple[str, ...]:
        """All the word's senses, the one shown first first: a glossary term's meaning, then the senses
        of its dictionary entry in the chosen order (``sense_rows`` in ``sense_order``); a composed
        word's composed meaning."""
        shown = glosses(self.sense_rows, self.sense_order)
        if self.glossary:
            shown = (self.meaning, *shown)
        return shown or ((self.meaning,) if self.meaning else ())

    def to_json(self) -> dict[str, Any]:
        """The candidate as a JSON-ready dict (the ``jpstudy mine --json`` contract)."""
        return {
            "word": self.word, "reading": self.reading, "meaning": self.meaning, "jlpt": self.jlpt,
            "count": self.count, "sentence": self.sentence, "status": self.status,
            "entry_id": self.entry_id, "pos": self.pos, "kind": self.kind, "glossary": self.glossary,
            "glossary_note": self.glossary_note,
            "frequency": None if self.frequency is None else round(self.frequency, 2),
            "proper_noun": self.proper_noun, "part_of": self.part_of, "parts": list(self.parts),
            "senses": list(self.senses), "topic": self.topic,
        }


class Span(NamedTuple):
    """[start, end) of the normalised text holding ``word`` (reading), with its status (a NamedTuple:
    a long text has hundreds of thousands)."""

    start: int
    end: int
    word: str
    reading: str
    status: str


Occurrence = tuple[int, int, str, str, str]
"""A span's fields as a plain tuple (start, end, word, reading, status)."""


@dataclass(frozen=True)
class MiningResult:
    """Everything mined from one text. ``occurrences`` are the spans as plain tuples, sorted by start
    (a long text has hundreds of thousands; Python's garbage collector skips plain tuples of strings
    and numbers, not NamedTuples); ``spans`` gives them as :class:`Span` records, made on first use."""

    text: str
    candidates: tuple[Candidate, ...]
    names: tuple[Candidate, ...]
    occurrences: tuple[Occurrence, ...]
    coverage: Coverage
    message: str = ""

    @property
    def words(self) -> tuple[Candidate, ...]:
        """The candidates shown by default: each the unit of some span of the text."""
        return tuple(c for c in self.candidates if not c.part_of)

    @property
    def parts(self) -> tuple[Candidate, ...]:
        """The candidates shown on request: parts of longer units and composed compounds."""
        return tuple(c for c in self.candidates if c.part_of)

    @cached_property
    def spans(self) -> tuple[Span, ...]:
        """The spans over ``text`` (see the module docstring), sorted by start."""
        return tuple(map(_new_tuple, repeat(Span), self.occurrences))  # each built in C, no Python frame

    def to_json(self) -> dict[str, Any]:
        """The JSON object printed by ``jpstudy mine --json``."""
        return {
            "candidates": [c.to_json() for c in self.candidates],
            "names": [c.to_json() for c in self.names],
            "coverage": self.coverage.to_json(),
            "message": self.message,
        }


@dataclass(frozen=True, slots=True, eq=False)
class WordInfo:
    """What is known about a word found in the text, before counting (see :class:`Candidate`).
    Compared and hashed by identity: the miner memoises words by the object."""

    word: str
    reading: str
    meaning: str
    entry_id: int | None
    pos: str
    kind: str
    term: GlossaryTerm | None
    proper_noun: bool
    parts: tuple[str, ...] = ()
    sense_rows: tuple[Sense, ...] = ()
    sense_order: tuple[int, ...] = ()


ChunkWord = tuple[int, int, int, int, tuple[tuple[int, int], ...]]
"""One word's occurrences in one chunk as a plain tuple: (word id, count, count as a word of its own,
first start, spans where it stands as a word of its own); offsets are relative to the chunk."""


class _ChunkLog:
    """Collects the occurrences of one chunk; a stretch of text is counted once (the first word
    found there)."""

    def __init__(self) -> None:
        self._seen: set[tuple[int, int]] = set()
        self._words: dict[tuple[str, str], list[Any]] = {}

    def add(self, w: WordInfo, start: int, end: int, *, top: bool) -> None:
        if (start, end) in self._seen:
            return
        self._seen.add((start, end))
        item = self._words.get((w.word, w.reading))
        if item is None:
            item = self._words[(w.word, w.reading)] = [w, 0, 0, start, []]
        item[1] += 1
        item[2] += top
        item[3] = min(item[3], start)
        if top:
            item[4].append((start, end))

    def words(self, intern: Callable[[WordInfo], int]) -> tuple[ChunkWord, ...]:
        """The chunk's words, each named by its id from ``intern``."""
        return tuple((intern(w), n, top, first, tuple(spans)) for w, n, top, first, spans in self._words.values())


class _Tallies:
    """Occurrences of each word (headword + reading) in one text, while the text is scanned. Kept in
    flat lists of numbers and plain tuples, not an object per word: a long text has tens of thousands
    of words, and Python's garbage collector skips plain tuples and dicts of numbers."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, str], int] = {}
        self.infos: list[WordInfo] = []
        self.counts: list[int] = []
        self.top_counts: list[int] = []
        self.firsts: list[int] = []
        self.spans: list[tuple[int, int, int]] = []
        """(start, end, word index) of every occurrence where a word stands on its own."""

    def add(self, w: WordInfo, chunk_word: ChunkWord, offsets: Sequence[int]) -> None:
        """Count ``w``'s occurrences in a chunk found at ``offsets`` (in order; chunks are added in
        order of their first offset, so a word's first chunk holds its first occurrence)."""
        _wid, count, top_count, first, spans = chunk_word
        times = len(offsets)
        key = (w.word, w.reading)
        k = self.index.get(key)
        if k is None:
            k = self.index[key] = len(self.infos)
            self.infos.append(w)
            self.counts.append(0)
            self.top_counts.append(0)
            self.firsts.append(offsets[0] + first)
        self.counts[k] += count * times
        self.top_counts[k] += top_count * times
        if spans:
            self.spans.extend([(at + a, at + b, k) for at in offsets for a, b in spans])


class Miner:
    """Mines texts against one lexicon and glossary; keeps caches between texts (warm runs are fast)."""

    def __init__(self, lexicon: Lexicon, forms: FormIndex, glossary: Glossary) -> None:
        self.lex = lexicon
        self.forms = forms
        self.glossary = glossary
        self.glossary_index = FormIndex(glossary.terms)
        self._token_cache: dict[tuple[str, str, str, str, str, bool], Resolved | None] = {}
        # Memo tables name words by their index in _words, so that they hold only numbers, strings
        # and plain tuples, which Python's garbage collector does not keep scanning.
        self._words: list[WordInfo] = []
        self._word_ids: dict[WordInfo, int] = {}
        self._unit_cache: dict[tuple[Any, ...], int | None] = {}
        self._parts_cache: dict[tuple[Any, ...], tuple[tuple[int, int, int], ...]] = {}
        self._chunk_cache: dict[str, tuple[ChunkWord, ...]] = {}
        self._facts: dict[WordInfo, tuple[bool, str | None, float | None]] = {}
        self._orders: dict[tuple[int, int], tuple[tuple[int, ...], str]] = {}  # (entry, cue) → order, meaning
        self._sensitive: dict[int, bool] = {}  # entry id → the context may reorder its senses

    # -- words -------------------------------------------------------------------------------
    def _intern(self, w: WordInfo) -> int:
        """The id of ``w`` (its index in ``_words``), given on first sight."""
        wid = self._word_ids.get(w)
        if wid is None:
            wid = self._word_ids[w] = len(self._words)
            self._words.append(w)
        return wid

    def _forget_if_full(self) -> None:
        """Empty the memo tables (all together: they share word ids) when one has grown too large."""
        tables = (self._words, self._word_ids, self._unit_cache, self._chunk_cache, self._parts_cache, self._facts,
                  self._token_cache, self._orders, self._sensitive)
        if max(map(len, tables)) > CACHE_LIMIT:
            for table in tables:
                table.clear()

    def _resolve(self, tok: Token) -> Resolved | None:
        key = (tok.orth_base, tok.lemma, tok.surface, tok.kana_base, tok.lemma_kana, tok.pos1 == "接尾辞")
        if key not in self._token_cache:
            self._token_cache[key] = resolve_token(self.lex, tok)
        return self._token_cache[key]

    def _term_word(self, term: GlossaryTerm) -> WordInfo:
        """A glossary term: its own meaning first, then the senses of its dictionary entry if any."""
        hit = next((h for h in self.lex.lookup(term.word.strip()) if h.entry.has_reading(term.reading)), None)
        if hit is None:
            return WordInfo(term.word, term.reading, term.meaning, None, "", "glossary", term, False)
        senses = hit.entry.senses
        return WordInfo(term.word, term.reading, term.meaning, hit.entry.entry_id, hit.entry.pos, "glossary", term,
                        False, (), senses, tuple(range(len(senses))))

    def _dict_word(self, res: Resolved, kind: str, proper: bool = False, cue: int = Cue.NONE) -> WordInfo:
        """A dictionary word, its senses in the order the context ``cue`` gives (a glossary term
        with the same headword and reading supplies the meaning)."""
        term = self.glossary.get(fold_width(res.word))
        if term is None or hira(term.reading) != hira(res.reading):
            term = None
        senses = res.entry.senses
        known = self._orders.get((res.entry.entry_id, cue))
        if known is None:
            in_order = order(senses, cue)
            known = self._orders[(res.entry.entry_id, cue)] = (in_order, describe(senses, in_order))
        in_order, described = known
        meaning = term.meaning if term is not None else described
        return WordInfo(res.word, res.reading, meaning, res.entry.entry_id, res.entry.pos, kind, term, proper,
                        (), senses, in_order)

    # -- mining ------------------------------------------------------------------------------
    def mine(self, raw: str, status_of: StatusOf | None = None,
             progress: Progress | None = None) -> MiningResult:
        """Mine ``raw`` (any pasted text); see :func:`mine_text`. The cyclic garbage collector is paused
        meanwhile (``jpstudy.gc_pause``): mining makes an object or more per token while the memo tables
        hold hundreds of thousands, which every full collection would walk again (a fifth of the time on
        the 1 MB benchmark)."""
        with collector_paused():
            return self._mine(raw, status_of, progress)

    def _mine(self, raw: str, status_of: StatusOf | None, progress: Progress | None) -> MiningResult:
        message = ""
        if len(raw) > MAX_CHARS:
            message = f"the text is very long: only its first {MAX_CHARS:,} characters were mined"
        text = normalise(raw)
        places: dict[str, list[int]] = {}  # each distinct chunk → its offsets, in order of first use
        bounds: list[tuple[int, int]] = []
        for offset, piece in chunks(text):
            places.setdefault(piece, []).append(offset)
            bounds.append((offset, offset + len(piece)))
        tallies = _Tallies()
        step = max(1, len(places) // 100)
        for done, (piece, offsets) in enumerate(places.items(), start=1):
            found = self._mine_chunk(piece)
            words = self._words  # read after _mine_chunk, which may have emptied the tables
            for cw in found:
                tallies.add(words[cw[0]], cw, offsets)
            if progress is not None and (done % step == 0 or done == len(places)):
                progress(done, len(places))
        result = self._finish(text, bounds, tallies, status_of or _all_new)
        if not message and not result.candidates and not result.names:
            message = NO_WORDS
        return replace(result, message=message) if message else result

    def _mine_chunk(self, text: str) -> tuple[ChunkWord, ...]:
        """The occurrences in one chunk (a line or sentence), remembered by its text: job ads repeat
        lines (社会保険完備、交通費支給 …) and the words of a chunk depend on nothing else."""
        have = self._chunk_cache.get(text)
        if have is None:
            self._forget_if_full()
            log = _ChunkLog()
            self._mine_block(fold_width(text), text, log)
            have = self._chunk_cache[text] = log.words(self._intern)
        return have

    def _mine_block(self, folded: str, text: str, found: _ChunkLog) -> None:
        tokens = tokenize(folded)
        masked = _masked_flags(tokens, masked_spans(text))
        units = segment(tokens, masked, self.forms, self.glossary_index)
        unit_words: list[WordInfo | None] = [None] * len(units)
        names = organisation_names(folded, tokens, units)
        for a, b in names:
            self._add_name(found, text, tokens, units, a, b)
        for k in name_echoes(tokens, units) if names else ():
            self._add_name(found, text, tokens, units, k, k + 1)
        for k, u in enumerate(units):
            if u.kind != "name":
                unit_words[k] = self._unit_word(u, tokens, masked)
        for a, b in katakana_runs(units, tokens, unit_words):
            start, end = tokens[units[a].first].start, tokens[units[b - 1].last - 1].end
            found.add(self._loanword(unit_words[a:b], text[start:end]), start, end, top=True)
            for k in range(a, b):
                unit_words[k] = None  # its pieces are fragments, never offered
                units[k] = units[k]._replace(kind="loanword")  # … nor parts of a composed compound
        for u, w in zip(units, unit_words, strict=True):
            if w is not None:
                found.add(w, tokens[u.first].start, tokens[u.last - 1].end, top=True)
                if u.last - u.first > 1 and tokens[u.last - 1].pos1 != "助詞":  # または: no part また "again"
                    self._add_parts(found, tokens, masked, u)
        self._add_overlaps(found, tokens, masked, units)
        self._compose(found, text, units, unit_words, tokens)

    def _add_name(self, found: _ChunkLog, text: str, tokens: Sequence[Token], units: list[Unit], a: int,
                  b: int) -> None:
        """Record units [a, b) as one name; they are no vocabulary."""
        start, end = tokens[units[a].first].start, tokens[units[b - 1].last - 1].end
        reading = "".join(hira(t.kana_base or t.surface) for t in tokens[units[a].first:units[b - 1].last])
        found.add(self._name_word(text[start:end], reading), start, end, top=True)
        for k in range(a, b):
            units[k] = units[k]._replace(kind="name")

    def _name_word(self, surface: str, reading: str) -> WordInfo:
        """The name of an organisation, as a proper noun (remembered by its text)."""
        key = ("name", surface, reading)
        wid = self._unit_cache.get(key)
        if wid is None:
            wid = self._unit_cache[key] = self._intern(
                WordInfo(surface, reading, "", None, "proper noun", "word", None, True))
        return self._words[wid]

    def _loanword(self, pieces: Sequence[WordInfo | None], surface: str) -> WordInfo:
        """A katakana run as one word, its meaning composed from its pieces (remembered by its text)."""
        key = ("katakana", surface)
        wid = self._unit_cache.get(key)
        if wid is None:
            words = [p for p in pieces if p is not None]
            meaning = " + ".join(f"{p.word} {_first_gloss(p.meaning)}" for p in words)
            w = WordInfo(surface, "".join(p.reading for p in words), meaning, None, "noun", "composed", None,
                         False, tuple(p.word for p in words))
            wid = self._unit_cache[key] = self._intern(w)
        return self._words[wid]

    def _add_overlaps(self, found: _ChunkLog, tokens: Sequence[Token], masked: Sequence[bool],
                      units: Sequence[Unit]) -> None:
        """Offer the longest dictionary or glossary word starting at each token inside a multi-token
        unit, also where it ends inside or beyond the unit (実務経験者 → 経験者; 実務経験 | 者数 → 経験者);
        never a katakana fragment."""
        for u in units:
            if u.kind in COVERED_KINDS:
                continue
            for i in range(u.first + 1, u.last):
                for index, limit, kind in ((self.glossary_index, MAX_GLOSSARY_SPAN, "glossary"),
                                           (self.forms, MAX_DICT_SPAN, "compound")):
                    end, key = longest(tokens, masked, i, index, limit)
                    if end > i + 1 and not katakana_fragment(tokens, i, end):
                        w = self._unit_word(Unit(i, end, kind, key), tokens, masked)
                        if w is not None:
                            found.add(w, tokens[i].start, tokens[end - 1].end, top=False)

    def _unit_word(self, u: Unit, tokens: Sequence[Token], masked: Sequence[bool]) -> WordInfo | None:
        """The word a unit stands for, or None when it is no vocabulary (remembered per unit shape; for
        a token whose senses the context may reorder, per shape and context cue)."""
        key: tuple[Any, ...]
        i = u.first
        if u.kind == "token":
            tok = tokens[i]
            if tok.pos1 in SKIP_POS1:
                return None  # particles, auxiliaries, symbols: the commonest tokens, no memo needed
            key = (tok.surface, *tok[3:], masked[i])
            if tok.surface in _NAME_OR_DAY:  # 区 of 江東区, 月 of 日・月: the word depends on its neighbours
                key += (is_place_suffix(tokens, i), tok.surface in WEEKDAYS and weekday_in_list(tokens, i))
            elif "Ａ" <= tok.surface[0] <= "ｚ":
                key += (is_latin_piece(tokens, i),)
            if i and (tok.surface == "方" or reads_previous(tok)):  # the word depends on the one before
                prev = tokens[i - 1]
                key += (prev.pos2, prev.cform, prev.surface)
        else:
            key = (u.kind, u.key, *(t.kana_base for t in tokens[u.first:u.last]), is_place_name(tokens[i]))
        wid = self._unit_cache.get(key, -1)
        by_context = wid == _BY_CONTEXT
        if by_context:
            key += (cue_at(tokens, masked, i),)
            wid = self._unit_cache.get(key, -1)
        if wid is None:
            return None
        if wid >= 0:
            return self._words[wid]
        word = self._unit_word_uncached(u, tokens, masked)
        wid = None if word is None else self._intern(word)
        if not by_context and word is not None and u.kind == "token" and self._by_context(word, tokens[i]):
            self._unit_cache[key] = _BY_CONTEXT
            key += (cue_at(tokens, masked, i),)
        self._unit_cache[key] = wid
        return word

    def _by_context(self, w: WordInfo, tok: Token) -> bool:
        """True if the context may change which sense of ``w``, the word of token ``tok``, is shown
        first; never for a verb or an adjective, whose cue is their part of speech alone."""
        if w.kind != "word" or w.term is not None or w.entry_id is None or tok.pos1 in VERBAL_POS:
            return False
        return self._sensitive.get(w.entry_id, False)

    def _unit_word_uncached(self, u: Unit, tokens: Sequence[Token], masked: Sequence[bool]) -> WordInfo | None:
        if u.kind == "glossary":
            term = self.glossary.get(u.key)
            return None if term is None else self._term_word(term)
        if u.kind == "compound":
            hint = "".join(hira(t.kana_base) for t in tokens[u.first:u.last])
            res = resolve_form(self.lex, u.key, hint)
            if res is None:
                return None
            place = is_place_name(tokens[u.first]) and u.key[-1] in PLACE_SUFFIXES  # 東京都, 大阪市
            return self._dict_word(res, "compound", proper=place)
        i = u.first
        tok = tokens[i]
        prev = tokens[i - 1] if i else None
        if masked[i] or is_grammar(tok, prev) or is_number(tok, prev) or is_place_suffix(tokens, i):
            return None
        person = tok.surface == "方" and modified_as_person(prev)
        if person:
            tok = tok._replace(kana_base="カタ")
        weekday = tok.surface in WEEKDAYS and weekday_in_list(tokens, i)
        if weekday:  # 日・月: Sunday, Monday (金 is no name here)
            tok = tok._replace(kana_base=WEEKDAYS[tok.surface], pos2="普通名詞")
        if tok.pos1 in ("接頭辞", "接尾辞") and len(tok.surface) == 1:
            return None
        term = self.glossary.get(tok.surface) or self.glossary.get(tok.orth_base)
        if term is not None:
            return self._term_word(term)
        if _latin(tok.surface) and (not _abbreviation(tok.surface) or is_latin_piece(tokens, i)):
            return None
        res = self._resolve(tok)
        proper = tok.pos2 == "固有名詞"
        if res is None:
            if proper and not tok.unknown:
                return WordInfo(tok.orth_base, hira(tok.kana_base), "", None, "proper noun", "word", None, True)
            return None
        if weekday:
            cue = Cue.WEEKDAY
        elif tok.pos1 in VERBAL_POS:
            cue = Cue.NONE
        else:
            static = (Cue.PERSON if person else Cue.NONE) | (Cue.SUFFIX if tok.pos1 == "接尾辞" else Cue.NONE)
            # only when the context can reorder its senses does it have a say; else what the token is
            cue = cue_at(tokens, masked, i) if self._context_sensitive(res.entry, static) else static
        return self._dict_word(res, "word", proper, cue)

    def _context_sensitive(self, entry: LexEntry, static: int) -> bool:
        """Whether a cue from the context may change the entry's first sense (remembered per entry; a
        token's own cue ``static`` is the same for most tokens of one entry)."""
        sensitive = self._sensitive.get(entry.entry_id)
        if sensitive is None:
            sensitive = self._sensitive[entry.entry_id] = context_sensitive(entry.senses, static)
        return sensitive

    def _add_parts(self, found: _ChunkLog, tokens: Sequence[Token], masked: Sequence[bool], u: Unit) -> None:
        """Offer the parts of a multi-token unit as candidates too (see :meth:`_parts`)."""
        inner = tokens[u.first:u.last]
        inner_mask = masked[u.first:u.last]
        key = (u.kind, *(_shape(t) for t in inner), *inner_mask)
        parts = self._parts_cache.get(key)
        if parts is None:
            found_parts = self._parts(inner, inner_mask, u)
            parts = self._parts_cache[key] = tuple((a, b, self._intern(w)) for a, b, w in found_parts)
        words = self._words
        for first, last, wid in parts:
            found.add(words[wid], inner[first].start, inner[last - 1].end, top=False)

    def _parts(self, inner: Sequence[Token], inner_mask: Sequence[bool], u: Unit) -> list[tuple[int, int, WordInfo]]:
        """(first, last, word) of the parts of a unit's tokens, recursively: the longest words shorter
        than the unit (正社員登用制度 → 正社員登用 + 制度 → 正社員 + 登用). A dictionary compound is one
        word, so its one-character parts (勤務地 → 地, 正社員 → 正) are left out; a glossary term is a
        phrase of words, so they stay (寮完備 → 寮). Katakana fragments (バック and エンド of
        バックエンド, タイム of フレックスタイム制) are never parts."""
        out: list[tuple[int, int, WordInfo]] = []
        single_ok = u.kind != "compound" and u.key not in self.forms
        for sub in segment(inner, inner_mask, self.forms, self.glossary_index, max_span=len(inner) - 1):
            w = self._unit_word(sub, inner, inner_mask)
            if w is not None and (len(w.word) > 1 or single_ok) and not katakana_fragment(inner, sub.first, sub.last):
                out.append((sub.first, sub.last, w))
            if sub.last - sub.first > 1:
                sub_tokens = inner[sub.first:sub.last]
                nested = self._parts(sub_tokens, inner_mask[sub.first:sub.last], sub)
                out.extend((sub.first + a, sub.first + b, w2) for a, b, w2 in nested)
        return out

    def _compose(self, found: _ChunkLog, text: str, units: Sequence[Unit],
                 unit_words: Sequence[WordInfo | None], tokens: Sequence[Token]) -> None:
        """Composed compounds from noun runs (資格+手当 → 資格手当), offered on request."""
        is_noun = [w is not None and not w.proper_noun and _nounish(u, tokens) and _composable(w.word)
                   for u, w in zip(units, unit_words, strict=True)]
        if not any(is_noun):
            return  # every noun run starts with a noun
        is_suffix = [u.kind == "token" and _composing_suffix(tokens[u.first]) for u in units]
        touches = [k > 0 and tokens[units[k - 1].last - 1].end == tokens[u.first].start
                   for k, u in enumerate(units)]
        for run in noun_runs(is_noun, is_suffix, touches):
            for a, b in compositions(run):
                start, end = tokens[units[a].first].start, tokens[units[b - 1].last - 1].end
                surface = text[start:end]
                if is_junk_word(surface):
                    continue
                parts = [self._part(units[k], unit_words[k], tokens) for k in range(a, b)]
                if any(p is None for p in parts):
                    continue
                part_words = [p for p in parts if p is not None]
                key = fold_width(surface)
                res = resolve_form(self.lex, key) if key in self.forms else None
                if res is not None:
                    w = self._dict_word(res, "compound")
                else:
                    meaning = " + ".join(f"{p.word} {_first_gloss(p.meaning)}" for p in part_words)
                    reading = "".join(p.reading for p in part_words)
                    w = WordInfo(surface, reading, meaning, None, "noun", "composed", None, False,
                                 tuple(p.word for p in part_words))
                found.add(w, start, end, top=False)

    def _part(self, u: Unit, w: WordInfo | None, tokens: Sequence[Token]) -> WordInfo | None:
        """The word standing for one unit inside a composed compound (a suffix read as unidic reads it)."""
        if w is not None:
            return w
        tok = tokens[u.first]
        hits = self.lex.lookup(tok.surface)
        kana = hira(tok.kana_base)
        for h in hits:
            if h.entry.has_reading(kana):
                res = present(h.entry, tok.surface)
                return WordInfo(res.word, kana, h.entry.meaning, None, "", "word", None, False)
        return None

    def _finish(self, text: str, bounds: Sequence[tuple[int, int]], tallies: _Tallies,
                status_of: StatusOf) -> MiningResult:
        sentences = _sentence_finder(text, bounds)
        cands: list[Candidate] = []
        names: list[Candidate] = []
        shown: list[tuple[str, str, str] | None] = []  # per word: (word, reading, status) if its spans are shown
        for w, count, top_count, first in zip(tallies.infos, tallies.counts, tallies.top_counts, tallies.firsts,
                                              strict=True):
            junk, jlpt, zipf = self._word_facts(w)
            if junk or (w.proper_noun and not top_count):
                shown.append(None)
                continue  # junk, or a name seen only inside a word (日本 in 日本語)
            status = status_of(w.entry_id, w.word, w.reading)
            cand = Candidate(
                w.word, w.reading, w.meaning, jlpt, count, sentences(first), status, w.entry_id, w.pos,
                w.kind, w.term is not None, w.term.note if w.term else "", zipf, w.proper_noun,
                top_count == 0, w.parts, first, w.term.topic if w.term else "", w.sense_rows, w.sense_order,
            )
            (names if w.proper_noun else cands).append(cand)
            shown.append(None if w.proper_noun else (w.word, w.reading, status))
        occurrences = [(s, e, *word) for s, e, k in tallies.spans if (word := shown[k]) is not None]
        occurrences.sort(key=_start)  # a stretch of text holds one word: starts are distinct
        token_statuses = Counter(o[4] for o in occurrences)
        cands.sort(key=rank_key)
        names.sort(key=lambda c: c.first)
        return MiningResult(text, tuple(cands), tuple(names), tuple(occurrences), coverage_of(cands, token_statuses))

    def _word_facts(self, w: WordInfo) -> tuple[bool, str | None, float | None]:
        """(is junk, JLPT level, zipf frequency) of a word (remembered)."""
        facts = self._facts.get(w)
        if facts is None:
            jlpt = self.lex.jlpt(w.entry_id, w.reading) if w.entry_id is not None else None
            facts = self._facts[w] = (is_junk_word(w.word), jlpt, self._zipf(w))
        return facts

    def _zipf(self, w: WordInfo) -> float | None:
        z = self.lex.zipf(w.word)
        if z is not None or not w.parts:
            return z
        zs = [self.lex.zipf(p) for p in w.parts]
        if any(p is None or p <= 0 for p in zs):
            return None
        return -math.log10(sum(10 ** -p for p in zs if p is not None))


_new_tuple = tuple.__new__
_start = itemgetter(0)


def _all_new(entry_id: int | None, word: str, reading: str) -> str:
    return "new"


def _nounish(u: Unit, tokens: Sequence[Token]) -> bool:
    last = tokens[u.last - 1]
    first = tokens[u.first]
    if u.kind == "glossary":
        return True
    noun_end = last.pos1 == "名詞" or last.pos2 == "名詞的"
    return first.pos1 == "名詞" and first.pos2 != "固有名詞" and noun_end


def _shape(tok: Token) -> tuple[Any, ...]:
    """A token without its offsets (equal shapes are grouped the same way)."""
    return (tok.surface, *tok[3:])


def _latin(text: str) -> bool:
    return any("Ａ" <= c <= "ｚ" for c in text)


def _abbreviation(text: str) -> bool:
    """2–4 full-width capitals (ＩＴ, ＰＣ, ＯＪＴ): taken as a Japanese word. Other Latin words
    (English in a bilingual ad) are not vocabulary unless the glossary lists them (Excel → エクセル)."""
    return 2 <= len(text) <= 4 and all("Ａ" <= c <= "Ｚ" for c in text)


def _composing_suffix(tok: Token) -> bool:
    """A noun-like suffix that joins the noun before it in a composed compound (者, 制, 費 …)."""
    return tok.pos1 == "接尾辞" and tok.pos2 == "名詞的" and tok.surface not in NON_COMPOSING_SUFFIXES


def _composable(word: str) -> bool:
    """A word may be part of a composed compound: two or more characters, with a kanji or katakana."""
    return len(word) > 1 and any("\u30a1" <= c <= "\u30fa" or "\u3400" <= c <= "\u9fff" for c in word)


def _first_gloss(meaning: str) -> str:
    return meaning.split("|")[0].split(";")[0].strip()


def _masked_flags(tokens: Sequence[Token], masks: Sequence[Any]) -> list[bool]:
    """Per token: True if it overlaps a masked span (``masks`` sorted by start)."""
    flags = [False] * len(tokens)
    if not masks:
        return flags
    m = 0
    for i, t in enumerate(tokens):
        while m < len(masks) and masks[m].end <= t.start:
            m += 1
        flags[i] = m < len(masks) and masks[m].start < t.end
    return flags


def _sentence_finder(text: str, bounds: Sequence[tuple[int, int]]) -> Callable[[int], str]:
    """The chunk holding a position, stripped, from the chunks' [start, end) bounds in order."""
    starts = [start for start, _end in bounds]

    def sentence(pos: int) -> str:
        i = bisect_right(starts, pos) - 1
        return text[bounds[i][0]:bounds[i][1]].strip() if i >= 0 else ""

    return sentence
