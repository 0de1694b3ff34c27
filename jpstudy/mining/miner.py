"""Mine the vocabulary of a job ad: normalise, tokenise, group into words, look up, filter, rank.

Terms:
    occurrence: one place in the normalised text where a word was found, as [start, end).
    candidate: a distinct word (headword + reading) offered for study, with its meaning, JLPT level,
        count of occurrences, the first sentence it occurs in and the user's status for it.
        ``kind`` says where it came from: ``word`` (one token), ``compound`` (a dictionary compound of
        several tokens), ``glossary`` (a job-terms glossary entry) or ``composed`` (a run of dictionary
        nouns not in the dictionary as a whole; its meaning is composed from its parts).
        ``part_of`` is True when the candidate was only seen inside a longer word.
    name: a proper noun (place or person); reported apart from the candidates, never offered by default.
    status: "known", "learning", "new" or "ignored", from the ``status_of`` callable (default "new").
    span: a stretch of the normalised text with the status of the word there, for colouring the ad.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from jpstudy.mining.compounds import (
    MAX_DICT_SPAN,
    MAX_GLOSSARY_SPAN,
    FormIndex,
    Unit,
    compositions,
    longest,
    noun_runs,
    segment,
)
from jpstudy.mining.coverage import Coverage, coverage_of
from jpstudy.mining.filters import is_grammar, is_junk_word, is_number
from jpstudy.mining.glossary import Glossary, GlossaryTerm
from jpstudy.mining.lexicon import Lexicon, hira
from jpstudy.mining.lookup import Resolved, present, resolve_form, resolve_token
from jpstudy.mining.normalise import MAX_CHARS, fold_width, masked_spans, normalise
from jpstudy.mining.rank import rank_key
from jpstudy.mining.tokenize import Token, chunks, tokenize

StatusOf = Callable[[int | None, str, str], str]
Progress = Callable[[int, int], None]
BLOCK_CHARS = 20_000
"""Text is tokenised and grouped in blocks of about this many characters (progress is per block)."""
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

    def to_json(self) -> dict[str, Any]:
        """The candidate as a JSON-ready dict (the ``jpstudy mine --json`` contract)."""
        return {
            "word": self.word, "reading": self.reading, "meaning": self.meaning, "jlpt": self.jlpt,
            "count": self.count, "sentence": self.sentence, "status": self.status,
            "entry_id": self.entry_id, "pos": self.pos, "kind": self.kind, "glossary": self.glossary,
            "glossary_note": self.glossary_note,
            "frequency": None if self.frequency is None else round(self.frequency, 2),
            "proper_noun": self.proper_noun, "part_of": self.part_of, "parts": list(self.parts),
        }


@dataclass(frozen=True, slots=True)
class Span:
    """[start, end) of the normalised text holding ``word`` (reading), with its status."""

    start: int
    end: int
    word: str
    reading: str
    status: str


@dataclass(frozen=True)
class MiningResult:
    """Everything mined from one text."""

    text: str
    candidates: tuple[Candidate, ...]
    names: tuple[Candidate, ...]
    spans: tuple[Span, ...]
    coverage: Coverage
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        """The JSON object printed by ``jpstudy mine --json``."""
        return {
            "candidates": [c.to_json() for c in self.candidates],
            "names": [c.to_json() for c in self.names],
            "coverage": self.coverage.to_json(),
            "message": self.message,
        }


@dataclass
class _Word:
    """A candidate being collected (mutable while the text is scanned)."""

    word: str
    reading: str
    meaning: str
    entry_id: int | None
    pos: str
    kind: str
    term: GlossaryTerm | None
    proper_noun: bool
    parts: tuple[str, ...] = ()
    count: int = 0
    top_count: int = 0
    first: int = -1
    spans: list[tuple[int, int]] = field(default_factory=list)


class _Collected:
    """The words found so far in one text, and the occurrences already counted."""

    def __init__(self) -> None:
        self.words: dict[tuple[str, str], _Word] = {}
        self._seen: set[tuple[int, int]] = set()

    def add(self, w: _Word, start: int, end: int, *, top: bool) -> None:
        """Count ``w`` at [start, end) unless that stretch was already counted."""
        if (start, end) in self._seen:
            return
        self._seen.add((start, end))
        have = self.words.setdefault((w.word, w.reading), w)
        have.count += 1
        have.top_count += top
        if have.first < 0 or start < have.first:
            have.first = start
        if top:
            have.spans.append((start, end))


class Miner:
    """Mines texts against one lexicon and glossary; keeps caches between texts (warm runs are fast)."""

    def __init__(self, lexicon: Lexicon, forms: FormIndex, glossary: Glossary) -> None:
        self.lex = lexicon
        self.forms = forms
        self.glossary = glossary
        self.glossary_index = FormIndex(glossary.terms)
        self._token_cache: dict[tuple[str, str, str, str], Resolved | None] = {}

    # -- words -------------------------------------------------------------------------------
    def _resolve(self, tok: Token) -> Resolved | None:
        key = (tok.orth_base, tok.lemma, tok.surface, tok.kana_base)
        if key not in self._token_cache:
            self._token_cache[key] = resolve_token(self.lex, tok)
        return self._token_cache[key]

    def _term_word(self, term: GlossaryTerm) -> _Word:
        hit = next((h for h in self.lex.lookup(term.word.strip()) if h.entry.has_reading(term.reading)), None)
        return _Word(term.word, term.reading, term.meaning, hit.entry.entry_id if hit else None,
                     hit.entry.pos if hit else "", "glossary", term, False)

    def _dict_word(self, res: Resolved, kind: str, proper: bool = False) -> _Word:
        term = self.glossary.get(fold_width(res.word))
        if term is None or hira(term.reading) != hira(res.reading):
            term = None
        meaning = term.meaning if term is not None else res.entry.meaning
        return _Word(res.word, res.reading, meaning, res.entry.entry_id, res.entry.pos, kind, term, proper)

    # -- mining ------------------------------------------------------------------------------
    def mine(self, raw: str, status_of: StatusOf | None = None,
             progress: Progress | None = None) -> MiningResult:
        """Mine ``raw`` (any pasted text); see :func:`mine_text`."""
        message = ""
        if len(raw) > MAX_CHARS:
            message = f"the text is very long: only its first {MAX_CHARS:,} characters were mined"
        text = normalise(raw)
        folded = fold_width(text)
        masks = masked_spans(text)
        found = _Collected()
        spans = blocks(folded)
        for done, (start, end) in enumerate(spans, start=1):
            self._mine_block(folded, text, start, end, masks, found)
            if progress is not None:
                progress(done, len(spans))
        result = self._finish(text, found.words, status_of or _all_new)
        if not message and not result.candidates and not result.names:
            message = "no Japanese vocabulary found in this text"
        return replace(result, message=message) if message else result

    def _mine_block(self, folded: str, text: str, start: int, end: int, masks: Sequence[Any],
                    found: _Collected) -> None:
        tokens = [t._replace(start=t.start + start, end=t.end + start) for t in tokenize(folded[start:end])]
        masked = _masked_flags(tokens, masks)
        units = segment(tokens, masked, self.forms, self.glossary_index)
        unit_words: list[_Word | None] = []
        for u in units:
            unit_words.append(self._unit_word(u, tokens, masked))
        for u, w in zip(units, unit_words, strict=True):
            if w is not None:
                found.add(w, tokens[u.first].start, tokens[u.last - 1].end, top=True)
                if u.last - u.first > 1:
                    self._add_parts(found, tokens, masked, u)
        self._add_overlaps(found, tokens, masked, units)
        self._compose(found, text, units, unit_words, tokens)

    def _add_overlaps(self, found: _Collected, tokens: Sequence[Token], masked: Sequence[bool],
                      units: Sequence[Unit]) -> None:
        """Offer the longest dictionary or glossary word starting at each token inside a multi-token
        unit, also where it ends inside or beyond the unit (実務経験者 → 経験者; 実務経験 | 者数 → 経験者)."""
        for u in units:
            for i in range(u.first + 1, u.last):
                for index, limit, kind in ((self.glossary_index, MAX_GLOSSARY_SPAN, "glossary"),
                                           (self.forms, MAX_DICT_SPAN, "compound")):
                    end, key = longest(tokens, masked, i, index, limit)
                    if end > i + 1:
                        w = self._unit_word(Unit(i, end, kind, key), tokens, masked)
                        if w is not None:
                            found.add(w, tokens[i].start, tokens[end - 1].end, top=False)

    def _unit_word(self, u: Unit, tokens: Sequence[Token], masked: Sequence[bool]) -> _Word | None:
        if u.kind == "glossary":
            term = self.glossary.get(u.key)
            return None if term is None else self._term_word(term)
        if u.kind == "compound":
            hint = "".join(hira(t.kana_base) for t in tokens[u.first:u.last])
            res = resolve_form(self.lex, u.key, hint)
            return None if res is None else self._dict_word(res, "compound")
        tok = tokens[u.first]
        prev = tokens[u.first - 1] if u.first else None
        if masked[u.first] or is_grammar(tok, prev) or is_number(tok, prev):
            return None
        if tok.pos1 in ("接頭辞", "接尾辞") and len(tok.surface) == 1:
            return None
        term = self.glossary.get(tok.surface) or self.glossary.get(tok.orth_base)
        if term is not None:
            return self._term_word(term)
        if _latin(tok.surface) and not _abbreviation(tok.surface):
            return None
        res = self._resolve(tok)
        proper = tok.pos2 == "固有名詞"
        if res is None:
            if proper and not tok.unknown:
                return _Word(tok.orth_base, hira(tok.kana_base), "", None, "proper noun", "word", None, True)
            return None
        return self._dict_word(res, "word", proper)

    def _add_parts(self, found: _Collected, tokens: Sequence[Token],
                   masked: Sequence[bool], u: Unit) -> None:
        """Offer the parts of a multi-token unit as candidates too, recursively: the longest words
        shorter than the unit (正社員登用制度 → 正社員登用 + 制度 → 正社員 + 登用). A dictionary compound
        is one word, so its one-character parts (勤務地 → 地, 正社員 → 正) are left out; a glossary term
        is a phrase of words, so they stay (寮完備 → 寮)."""
        inner = tokens[u.first:u.last]
        inner_mask = masked[u.first:u.last]
        for sub in segment(inner, inner_mask, self.forms, self.glossary_index, max_span=len(inner) - 1):
            w = self._unit_word(sub, inner, inner_mask)
            if w is not None and (len(w.word) > 1 or (u.kind != "compound" and u.key not in self.forms)):
                found.add(w, inner[sub.first].start, inner[sub.last - 1].end, top=False)
            if sub.last - sub.first > 1:
                self._add_parts(found, inner, inner_mask, sub)

    def _compose(self, found: _Collected, text: str, units: Sequence[Unit],
                 unit_words: Sequence[_Word | None], tokens: Sequence[Token]) -> None:
        """Composed compounds from noun runs (資格+手当 → 資格手当)."""
        is_noun = [w is not None and not w.proper_noun and _nounish(u, tokens) and _composable(w.word)
                   for u, w in zip(units, unit_words, strict=True)]
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
                    w = _Word(surface, reading, meaning, None, "noun", "composed", None, False,
                              tuple(p.word for p in part_words))
                found.add(w, start, end, top=False)

    def _part(self, u: Unit, w: _Word | None, tokens: Sequence[Token]) -> _Word | None:
        """The word standing for one unit inside a composed compound (a suffix read as unidic reads it)."""
        if w is not None:
            return w
        tok = tokens[u.first]
        hits = self.lex.lookup(tok.surface)
        kana = hira(tok.kana_base)
        for h in hits:
            if h.entry.has_reading(kana):
                res = present(h.entry, tok.surface)
                return _Word(res.word, kana, h.entry.meaning, None, "", "word", None, False)
        return None

    def _finish(self, text: str, words: dict[tuple[str, str], _Word], status_of: StatusOf) -> MiningResult:
        sentences = _sentence_finder(text)
        cands: list[Candidate] = []
        names: list[Candidate] = []
        spans: list[Span] = []
        for w in words.values():
            if is_junk_word(w.word):
                continue
            status = status_of(w.entry_id, w.word, w.reading)
            jlpt = self.lex.jlpt(w.entry_id, w.reading) if w.entry_id is not None else None
            cand = Candidate(
                w.word, w.reading, w.meaning, jlpt, w.count, sentences(w.first), status, w.entry_id, w.pos,
                w.kind, w.term is not None, w.term.note if w.term else "", self._zipf(w), w.proper_noun,
                w.top_count == 0, w.parts, w.first,
            )
            (names if w.proper_noun else cands).append(cand)
            if not w.proper_noun:
                spans.extend(Span(s, e, w.word, w.reading, status) for s, e in w.spans)
        cands.sort(key=rank_key)
        names.sort(key=lambda c: c.first)
        spans.sort(key=lambda s: s.start)
        return MiningResult(text, tuple(cands), tuple(names), tuple(spans), coverage_of(cands, spans))

    def _zipf(self, w: _Word) -> float | None:
        z = self.lex.zipf(w.word)
        if z is not None or not w.parts:
            return z
        zs = [self.lex.zipf(p) for p in w.parts]
        if any(p is None or p <= 0 for p in zs):
            return None
        return -math.log10(sum(10 ** -p for p in zs if p is not None))


def blocks(text: str, size: int = BLOCK_CHARS) -> list[tuple[int, int]]:
    """[start, end) ranges covering ``text``, each about ``size`` characters, ending where chunks end."""
    out: list[tuple[int, int]] = []
    start = 0
    for offset, piece in chunks(text):
        end = offset + len(piece)
        if end - start >= size:
            out.append((start, end))
            start = end
    if start < len(text) or not out:
        out.append((start, len(text)))
    return out


def _all_new(entry_id: int | None, word: str, reading: str) -> str:
    return "new"


def _nounish(u: Unit, tokens: Sequence[Token]) -> bool:
    last = tokens[u.last - 1]
    first = tokens[u.first]
    if u.kind == "glossary":
        return True
    noun_end = last.pos1 == "名詞" or last.pos2 == "名詞的"
    return first.pos1 == "名詞" and first.pos2 != "固有名詞" and noun_end


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
    flags = [False] * len(tokens)
    m = 0
    for i, t in enumerate(tokens):
        while m < len(masks) and masks[m].end <= t.start:
            m += 1
        flags[i] = m < len(masks) and masks[m].start < t.end
    return flags


def _sentence_finder(text: str) -> Callable[[int], str]:
    starts: list[int] = []
    ends: list[int] = []
    for offset, piece in chunks(text):
        starts.append(offset)
        ends.append(offset + len(piece))
    from bisect import bisect_right

    def sentence(pos: int) -> str:
        i = bisect_right(starts, pos) - 1
        return text[starts[i]:ends[i]].strip() if i >= 0 else ""

    return sentence
