"""Furigana for a sentence: the reading of each run of kanji, as unidic reads it in context.

Terms:
    ruby: a :class:`Ruby`, a piece of the sentence with the hiragana written over it ("" for none).
        Only pieces that hold a kanji-like character get a reading; kana, digits and punctuation
        never do. Kanji-like: a CJK ideograph, 々, 〆, and the counter kana ヶ/ヵ (三ヶ月).
    alignment: splitting a word's reading over its kanji runs by its kana (取り消し read とりけし →
        取[と] り 消[け] し). A word whose kana do not line up with its reading (an irregular
        reading) keeps the reading over the whole word.
    target: the pieces of the studied word (the span stored with the sentence). Their reading is the
        card's reading, not unidic's: the card is the authority for the word it teaches.
    Anki syntax: ``漢字[かんじ]`` with a space before each annotated piece, which Anki's
        ``{{furigana:Field}}`` turns into ruby (Anki, AnkiDroid, AnkiMobile).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from functools import lru_cache

from jpstudy.dictionary.kana import to_hiragana
from jpstudy.japanese.kanji import is_kanji
from jpstudy.japanese.morphemes import analyse

KANJI_LIKE_EXTRA = "々〆ヶヵ"


@dataclass(frozen=True, slots=True)
class Ruby:
    """A piece of a sentence: its ``text``, the hiragana ``reading`` over it ("" for none), and
    whether it belongs to the studied word (``target``)."""

    text: str
    reading: str = ""
    target: bool = False


def kanji_like(ch: str) -> bool:
    """Whether ``ch`` gets furigana (see the module docstring)."""
    return ch in KANJI_LIKE_EXTRA or is_kanji(ch)


def _runs(text: str) -> list[tuple[str, bool]]:
    """``text`` as maximal runs, each flagged True when kanji-like."""
    runs: list[tuple[str, bool]] = []
    for ch in text:
        flag = kanji_like(ch)
        if runs and runs[-1][1] == flag:
            runs[-1] = (runs[-1][0] + ch, flag)
        else:
            runs.append((ch, flag))
    return runs


@lru_cache(maxsize=16384)
def align(text: str, reading: str) -> tuple[Ruby, ...]:
    """``text`` (one word) with ``reading`` split over its kanji runs (see the module docstring)."""
    reading = to_hiragana(reading)
    runs = _runs(text)
    if not any(flag for _, flag in runs):
        return (Ruby(text),)
    parts = _split_reading(runs, reading)
    if parts is None:
        return (Ruby(text, reading),)
    return tuple(Ruby(run, part if flag else "") for (run, flag), part in zip(runs, parts, strict=True))


def _split_reading(runs: list[tuple[str, bool]], reading: str, pos: int = 0) -> list[str] | None:
    """The reading cut into one part per run: a kana run must read as itself, a kanji run takes the
    shortest part that lets the rest match (None if no cut fits)."""
    if not runs:
        return [] if pos == len(reading) else None
    (run, kanji), rest = runs[0], runs[1:]
    if not kanji:
        kana = to_hiragana(run)
        if not reading.startswith(kana, pos):
            return None
        tail = _split_reading(rest, reading, pos + len(kana))
        return None if tail is None else [kana, *tail]
    for end in range(pos + 1, len(reading) + 1):
        tail = _split_reading(rest, reading, end)
        if tail is not None:
            return [reading[pos:end], *tail]
    return None


def _merged(pieces: list[Ruby]) -> tuple[Ruby, ...]:
    """Adjacent pieces without readings and with the same target flag joined into one."""
    out: list[Ruby] = []
    for piece in pieces:
        if not piece.text:
            continue
        if out and not piece.reading and not out[-1].reading and out[-1].target == piece.target:
            out[-1] = replace(out[-1], text=out[-1].text + piece.text)
        else:
            out.append(piece)
    return tuple(out)


def _context_pieces(text: str) -> list[tuple[int, Ruby]]:
    """(offset, piece) of ``text`` with unidic's readings in context."""
    out: list[tuple[int, Ruby]] = []
    for m in analyse(text):
        pos = m.start
        pieces = align(m.surface, m.reading) if m.reading else (Ruby(m.surface),)
        for piece in pieces:
            out.append((pos, piece))
            pos += len(piece.text)
    covered = sum(len(p.text) for _, p in out)
    if covered != len(text):  # text MeCab skipped (spaces): keep every character
        out = _fill_gaps(text, out)
    return out


def _fill_gaps(text: str, pieces: list[tuple[int, Ruby]]) -> list[tuple[int, Ruby]]:
    out: list[tuple[int, Ruby]] = []
    pos = 0
    for start, piece in pieces:
        if start > pos:
            out.append((pos, Ruby(text[pos:start])))
        out.append((start, piece))
        pos = start + len(piece.text)
    if pos < len(text):
        out.append((pos, Ruby(text[pos:])))
    return out


def _target_pieces(word: str, reading: str, text: str) -> list[Ruby] | None:
    """The studied word's pieces with the card reading, when the span holds the word, its reading or
    its stem (食べ of 食べる); None otherwise."""
    if text == reading or not any(kanji_like(c) for c in text):
        return [Ruby(text, "", True)]
    if not word.startswith(text):
        return None
    pieces, length, out = align(word, reading), 0, []
    for piece in pieces:
        if length + len(piece.text) <= len(text):
            out.append(piece)
        elif piece.reading:
            return None  # the stem ends inside a kanji run: its reading cannot be cut
        else:
            out.append(Ruby(piece.text[: len(text) - length]))
        length += len(out[-1].text)
        if length >= len(text):
            break
    return [replace(p, target=True) for p in out]


@lru_cache(maxsize=2048)
def sentence_furigana(
    sentence: str, span: tuple[int, int] | None = None, word: str = "", reading: str = ""
) -> tuple[Ruby, ...]:
    """The pieces of ``sentence`` with readings in context; the pieces in ``span`` ([start, end) of
    the studied word) are marked ``target`` and read with the card's ``reading`` where it applies
    (unidic's finer pieces are kept when they read the same)."""
    if not sentence:
        return ()
    context = _context_pieces(sentence)
    if span is None:
        return _merged([p for _, p in context])
    start, end = span
    inside = [p for pos, p in context if pos < end and pos + len(p.text) > start]
    crossing = any(p.reading and (pos < start or pos + len(p.text) > end)
                   for pos, p in context if pos < end and pos + len(p.text) > start)
    target = None
    if word and not crossing:
        card_reading = to_hiragana(reading or word)
        target = _target_pieces(word, card_reading, sentence[start:end])
        if target is not None and "".join(p.reading or to_hiragana(p.text) for p in target) == "".join(
            p.reading or to_hiragana(p.text) for p in inside
        ):
            target = None  # unidic agrees with the card: its pieces are finer
    out: list[Ruby] = []
    for pos, piece in context:
        stop = pos + len(piece.text)
        if stop <= start or pos >= end:
            out.append(piece)
        elif piece.reading and target is None:
            out.append(replace(piece, target=True))
        else:
            for a, b, flag in ((pos, start, False), (max(pos, start), min(stop, end), True), (end, stop, False)):
                if a < b:
                    out.append(Ruby(sentence[a:b], "", flag))
    return _merged(out) if target is None else _splice(_merged(out), target)


def _splice(pieces: tuple[Ruby, ...], target: list[Ruby]) -> tuple[Ruby, ...]:
    """``pieces`` with their (plain) target pieces replaced by ``target``."""
    out: list[Ruby] = []
    placed = False
    for piece in pieces:
        if not piece.target:
            out.append(piece)
        elif not placed:
            out.extend(target)
            placed = True
    return _merged(out)


def anki_furigana(pieces: tuple[Ruby, ...]) -> str:
    """The pieces in Anki's ``漢字[かんじ]`` syntax as field HTML; the studied word in
    ``<span class="target">``. Markup and brackets in the text stay text."""
    out: list[str] = []
    in_target = False
    for piece in pieces:
        if piece.target != in_target:
            out.append('<span class="target">' if piece.target else "</span>")
            in_target = piece.target
        text = html.escape(piece.text, quote=False).replace("[", "&#91;").replace("]", "&#93;")
        out.append(f" {text}[{piece.reading}]" if piece.reading else text)
    if in_target:
        out.append("</span>")
    return "".join(out)
