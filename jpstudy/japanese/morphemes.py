"""unidic-lite's analysis of a text through fugashi, with the fields the card needs copied at once.

Terms:
    morpheme: one unidic token as a :class:`Morpheme`. fugashi's nodes are views into MeCab's memory
        that a later parse overwrites (polm/fugashi#98), so every field is copied while the node is
        current.
    reading: the katakana ``kana`` field, the reading of the surface as written (食べ → タベ);
        ``kana_base`` and ``lemma_reading`` (unidic's ``lForm``) read the dictionary form and the
        lemma (言う: kana ユウ, lemma reading イウ; 箱 in isolation: kana バコ, base ハコ).
    accent fields (unidic's names): ``aType``, the accent kernels of the morpheme in isolation (mora
        positions, 0 = none; several when dictionaries allow several, the first the commonest);
        ``aConType``, how the morpheme combines with the one before it in a compound or phrase (C1–C5
        for nouns, P… for prefixes, ``品詞%F…`` for particles and auxiliaries); ``aModType``, how a
        conjugated form moves the kernel. fugashi 1.5 names the last one ``aModeType`` for
        unidic-lite 1.0.8; "*" or "" means unidic has no value.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from jpstudy.mining.tokenize import tagger

NBEST = 6
"""How many of MeCab's best analyses are tried when the first one reads the word differently."""


@dataclass(frozen=True, slots=True)
class Morpheme:
    """One unidic token (see the module docstring); offsets [start, end) are into the analysed text."""

    surface: str
    start: int
    end: int
    pos1: str
    pos2: str
    reading: str
    kana_base: str
    lemma_reading: str
    a_type: tuple[int, ...]
    a_con_type: str
    a_mod_type: str

    @property
    def known(self) -> bool:
        """Whether unidic knows the token (an unknown one has no reading)."""
        return bool(self.reading)


def _accent_types(value: str | None) -> tuple[int, ...]:
    """unidic's aType ("2", "0,2", "*") as kernel positions; empty when unidic has none."""
    if not value or value == "*":
        return ()
    out = []
    for part in value.split(","):
        part = part.strip()
        if not part.isdigit():
            return ()
        out.append(int(part))
    return tuple(out)


_FIELDS = 26
"""unidic-lite 1.0.8 (UnidicFeatures26): pos1 0, pos2 1, lForm 6, lemma 7, kana 17, kanaBase 18,
aType 23, aConType 24, aModType 25; an unknown word has only its first 6 fields."""


def _fields(raw: str) -> list[str]:
    """A node's feature string as fields (quoted only when a field holds commas: aType "1,0")."""
    return raw.split(",") if '"' not in raw else next(csv.reader([raw]))


def _copy(nodes: object, text: str) -> tuple[Morpheme, ...]:
    """The nodes of one parse as morphemes, with offsets found in ``text``."""
    out = []
    pos = 0
    for node in nodes:  # type: ignore[attr-defined]
        surface = node.surface
        f = _fields(node.feature_raw)
        found = text.find(surface, pos) if surface else -1
        start = pos if found < 0 else found
        pos = start + len(surface)
        if len(f) < _FIELDS:  # an unknown word: unidic gives it no fields beyond the part of speech
            out.append(Morpheme(surface, start, pos, f[0], f[1] if len(f) > 1 else "", "", "", "", (), "", ""))
            continue
        out.append(Morpheme(surface, start, pos, f[0], f[1], f[17], f[18], f[6], _accent_types(f[23]), f[24],
                            f[25]))
    return tuple(out)


@lru_cache(maxsize=4096)
def analyse(text: str) -> tuple[Morpheme, ...]:
    """unidic's best analysis of ``text`` (one line; remembered for repeated texts)."""
    return _copy(tagger()(text), text)


@lru_cache(maxsize=4096)
def analyses(text: str, n: int = NBEST) -> tuple[tuple[Morpheme, ...], ...]:
    """MeCab's ``n`` best analyses of ``text``, best first."""
    return tuple(_copy(nodes, text) for nodes in tagger().nbestToNodeList(text, n))
