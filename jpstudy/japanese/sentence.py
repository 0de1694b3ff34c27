"""A card's sentence as plain text plus the span of the studied word in it.

Terms:
    span: ``(start, end)``, the studied word's place in the sentence as [start, end) offsets in
        characters (code points), or None when the sentence does not contain it. Every writer of a
        sentence stores plain text and the span (``locate_word`` when it has no better one); every
        reader (review screen, export, browser) highlights the span and escapes the text.
    legacy markup: what jpstudy up to schema 3 stored for mined sentences: the sentence HTML-escaped
        with the word in ``<b>…</b>``. ``from_legacy_markup`` turns it into plain text and a span.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

Span = tuple[int, int]
_TAG = re.compile(r"(</?b>)", re.IGNORECASE)


@dataclass(frozen=True)
class SentenceParts:
    """A sentence split around the studied word, for highlighting: ``before + word + after``."""

    before: str
    word: str
    after: str


def _stem(word: str) -> str:
    """The word without its last kana (a dictionary form's inflecting ending), if that leaves kanji."""
    if len(word) >= 2 and re.fullmatch(r"[\u3040-\u309f]", word[-1]) and re.search(r"[\u4e00-\u9fff]", word):
        return word[:-1]
    return ""


def locate_word(sentence: str, word: str, reading: str = "") -> Span | None:
    """Where the studied word is in ``sentence``: the word or its reading (the longer first), else its
    stem, so that an inflected verb or adjective is found (食べる in 食べました → 食べ); None if absent."""
    for candidate in sorted({c for c in (word, reading) if c}, key=len, reverse=True):
        index = sentence.find(candidate)
        if index >= 0:
            return index, index + len(candidate)
    stem = _stem(word)
    index = sentence.find(stem) if stem else -1
    return (index, index + len(stem)) if index >= 0 else None


def split_at(sentence: str, span: Span | None) -> SentenceParts | None:
    """The sentence split at its span (None for an empty sentence; the whole of it in ``before``
    when there is no span)."""
    if not sentence.strip():
        return None
    if span is None:
        return SentenceParts(sentence, "", "")
    start, end = span
    return SentenceParts(sentence[:start], sentence[start:end], sentence[end:])


def is_legacy_markup(sentence: str) -> bool:
    """Whether a stored sentence holds the ``<b>`` markup of the miner before schema 4."""
    return bool(_TAG.search(sentence))


def from_legacy_markup(sentence: str) -> tuple[str, Span | None]:
    """Plain text and span of a legacy sentence: the HTML entities decoded, the tags removed, the
    first ``<b>…</b>`` as the span. Works on any text (a tag left unclosed by an edit is dropped)."""
    text = ""
    start: int | None = None
    span: Span | None = None
    for piece in _TAG.split(sentence):
        tag = piece.lower()
        if tag == "<b>":
            if span is None:
                start = len(text)
        elif tag == "</b>":
            if span is None and start is not None:
                span = (start, len(text)) if len(text) > start else None
                start = None
        else:
            text += html.unescape(piece)
    return text, span
