"""Split folded text into unidic tokens with fugashi, copying every field the miner needs at once.

Terms:
    token: one unidic morpheme with its offsets [start, end) in the text given to :func:`tokenize`.
        fugashi reuses the memory of its nodes, so every field is copied into a :class:`Token` while the
        node is current. ``lemma`` is unidic's lemma with its ``-suffix`` (レベル-level) cut off;
        ``kana_base`` is the katakana reading of the dictionary form, ``lemma_kana`` that of the lemma
        (弾ける: kana_base ヒケル, lemma 弾く, lemma_kana ヒク); "" when unknown.
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
    lemma_kana: str


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


_FIELDS = 19
"""unidic's first 19 feature fields hold everything a Token needs (pos1..kanaBase)."""
_Fields = tuple[str, str, str, str, str, str, str, bool, str]
_fields_cache: dict[tuple[str, str], _Fields] = {}


def _fields(surface: str, raw: str, node: object) -> _Fields:
    """(pos1, pos2, pos3, cForm, lemma stem, orthBase, kanaBase, unknown, lForm) of one node, parsed from
    its raw feature string (quoted CSV fields only occur after the first 19, else the parsed
    features are used)."""
    head = raw.partition('"')[0]
    if head.count(",") >= _FIELDS:
        f = head.split(",", _FIELDS)
        lemma, orth_base, kana_base = f[7], f[10], f[18]
        dash = lemma.find("-")
        return (f[0], f[1], f[2], f[5], lemma if dash <= 0 else lemma[:dash], orth_base, kana_base, False,
                f[6])
    feature = node.feature  # type: ignore[attr-defined]
    if feature.lemma is None:
        return (feature.pos1, feature.pos2 or "", feature.pos3 or "", "", surface, surface, "", True, "")
    lemma = feature.lemma
    dash = lemma.find("-")
    return (feature.pos1, feature.pos2, feature.pos3, feature.cForm, lemma if dash <= 0 else lemma[:dash],
            feature.orthBase, feature.kanaBase or "", False, feature.lForm or "")


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text`` (already folded), in order, with offsets into ``text``."""
    tag = tagger()
    out: list[Token] = []
    append = out.append
    new = tuple.__new__  # builds each Token without the NamedTuple's Python-level __new__
    cache = _fields_cache
    if len(cache) > 500_000:
        cache.clear()
    for base, piece in chunks(text):
        pos = 0
        for node in tag(piece):
            surface = node.surface
            raw = node.feature_raw
            fields = cache.get((surface, raw))
            if fields is None:
                fields = cache[(surface, raw)] = _fields(surface, raw, node)
            found = piece.find(surface, pos) if surface else -1
            at = pos if found < 0 else found
            pos = at + len(surface)
            append(new(Token, (surface, base + at, base + pos, *fields)))
    return out
