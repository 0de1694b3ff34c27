"""Split folded text into unidic tokens with fugashi, copying every field the miner needs at once.

Terms:
    token: one unidic morpheme with its offsets [start, end) in the text given to :func:`tokenize`.
        fugashi reuses the memory of its nodes, so every field is copied into a :class:`Token` while the
        node is current. ``lemma`` is unidic's lemma with its ``-suffix`` (レベル-level) cut off;
        ``kana_base`` is the katakana reading of the dictionary form ("" when unknown).
    chunk: a line or a sentence; the tagger gets one chunk at a time so very long input never becomes
        one huge MeCab lattice.

One fugashi Tagger is made per thread (MeCab taggers are not safe to share between threads).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import NamedTuple

import fugashi

_local = threading.local()
_CHUNK = re.compile(r"[^\n。！？!?]*[。！？!?]?\n?")
_MAX_CHUNK = 2000


class Token(NamedTuple):
    """One unidic token (an immutable record; a NamedTuple because the miner makes millions of them)."""

    surface: str
    start: int
    end: int
    pos1: str
    pos2: str
    pos3: str
    cform: str
    lemma: str
    orth_base: str
    kana_base: str
    unknown: bool


def tagger() -> fugashi.Tagger:
    """This thread's fugashi Tagger (unidic-lite), made on first use."""
    tag = getattr(_local, "tagger", None)
    if tag is None:
        tag = fugashi.Tagger()
        _local.tagger = tag
    return tag


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pairs covering ``text``; chunks end at a line break or sentence end and are
    at most ``_MAX_CHUNK`` characters long."""
    for m in _CHUNK.finditer(text):
        piece = m.group()
        if not piece:
            continue
        base = m.start()
        for i in range(0, len(piece), _MAX_CHUNK):
            yield base + i, piece[i : i + _MAX_CHUNK]


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text`` (already folded), in order, with offsets into ``text``."""
    tag = tagger()
    out: list[Token] = []
    append = out.append
    for base, piece in chunks(text):
        pos = 0
        for node in tag(piece):
            surface = node.surface
            f = node.feature
            found = piece.find(surface, pos) if surface else -1
            start = pos if found < 0 else found
            pos = start + len(surface)
            lemma = f.lemma
            unknown = lemma is None
            if unknown:
                append(Token(surface, base + start, base + pos, f.pos1, f.pos2 or "", f.pos3 or "",
                             "", surface, surface, "", True))
                continue
            dash = lemma.find("-")
            append(Token(surface, base + start, base + pos, f.pos1, f.pos2, f.pos3, f.cForm,
                         lemma if dash <= 0 else lemma[:dash], f.orthBase, f.kanaBase or "", False))
    return out
