"""The kanji of a word, with the bundled JLPT kanji data (``decks/kanji-n*.tsv.xz``, 2,211 kanji).

Terms:
    kanji of a word: each CJK ideograph of the word once, in order of first appearance. Kana
        (取り消し → 取, 消), the iteration mark 々 (人々 → 人: it repeats the kanji before it) and the
        small ヶ/ヵ of counters (三ヶ月 → 三, 月: a kana standing for 箇, read か or が) are not kanji.
    facts: a :class:`KanjiFacts`. A kanji outside the JLPT lists has no readings or meaning in the
        bundled data; its facts say so (``level`` None) instead of inventing them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jpstudy.decks import LEVELS, load_jlpt_kanji

KANJI_EXAMPLES = 8
"""How many of the user's words a kanji card lists (on screen and in Anki)."""


@dataclass(frozen=True)
class KanjiFacts:
    """One kanji: English meanings, on readings (katakana), kun readings (hiragana; "." marks the
    okurigana, "-" a prefix or suffix use), stroke count and JLPT level (None if not in the lists)."""

    kanji: str
    meanings: tuple[str, ...]
    onyomi: tuple[str, ...]
    kunyomi: tuple[str, ...]
    strokes: int
    level: str | None

    @property
    def meaning(self) -> str:
        """The meanings joined for display ("" when unknown)."""
        return ", ".join(self.meanings)

    @property
    def readings(self) -> str:
        """On readings, then kun readings, for display ("ショク、ジキ · く.う、た.べる")."""
        return " · ".join(part for part in ("、".join(self.onyomi), "、".join(self.kunyomi)) if part)

    @property
    def meta(self) -> str:
        """"9 strokes · N5", or a plain note for a kanji outside the JLPT lists."""
        return "not in the JLPT kanji lists" if self.level is None else f"{self.strokes} strokes · {self.level}"


_IDEOGRAPHS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
"""CJK Unified Ideographs (with extensions A–G) and CJK Compatibility Ideographs."""


def is_kanji(ch: str) -> bool:
    """Whether ``ch`` is a CJK ideograph (not 々, 〆, ヶ or kana)."""
    code = ord(ch)
    return any(low <= code <= high for low, high in _IDEOGRAPHS)


@cache
def _facts() -> dict[str, KanjiFacts]:
    out: dict[str, KanjiFacts] = {}
    for level in LEVELS:
        for k in load_jlpt_kanji(level):
            out.setdefault(k.kanji, KanjiFacts(k.kanji, k.meanings, k.onyomi, k.kunyomi, k.strokes, k.level))
    return out


def kanji_facts(kanji: str) -> KanjiFacts:
    """The facts about one kanji (level None and no readings when it is not in the JLPT lists)."""
    return _facts().get(kanji) or KanjiFacts(kanji, (), (), (), 0, None)


def kanji_of(word: str) -> tuple[str, ...]:
    """The kanji of a word (see the module docstring)."""
    return tuple(dict.fromkeys(ch for ch in word if is_kanji(ch)))


def breakdown(word: str) -> tuple[KanjiFacts, ...]:
    """The facts about each kanji of ``word``, in order."""
    return tuple(kanji_facts(k) for k in kanji_of(word))


def jlpt_kanji(level: str) -> tuple[KanjiFacts, ...]:
    """The kanji of one JLPT level, in the bundled list's order."""
    return tuple(kanji_facts(k.kanji) for k in load_jlpt_kanji(level))
