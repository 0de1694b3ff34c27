"""The pitch accent of a word in standard (Tokyo) Japanese, from unidic-lite's accent fields.

Terms:
    kernel: the mora after which the pitch falls (1-based), 0 when it never falls. Dictionaries write
        it in brackets: 箸 はし [1], 橋 はし [2], 端 はし [0].
    pattern: the name of the shape a kernel gives a word of n morae: 平板 (heiban, no fall: low, then
        high to the end and on into a following particle), 頭高 (atamadaka, kernel 1: high, then low),
        中高 (nakadaka, 1 < kernel < n) and 尾高 (odaka, kernel n: high to the end, the particle low).
    dictionary pitch: the word is one unidic entry read as the card reads it; its ``aType`` values are
        the kernels (the first the commonest).
    estimated pitch: unidic splits the word (the miner joins 人材 + 派遣); the kernel is composed from
        the parts by unidic's compound rules (the second part's ``aConType``: C1 keep its kernel, C2
        fall after its first mora, C3 fall after the first part, C4 no fall, C5 keep the first part's),
        moved off a special mora (see ``morae``). The rules describe most compounds, not all (日本語 is
        平板, C3 says にほ\\んご), so such a pitch is always called estimated. Where a rule is missing or
        a part has no accent, there is no pitch at all: no pattern is ever shown without a basis.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from jpstudy.dictionary.kana import is_kana, to_hiragana
from jpstudy.japanese.morae import is_special, split_morae
from jpstudy.japanese.morphemes import Morpheme, analyse, analyses

Source = Literal["dictionary", "estimated"]
PATTERNS = {"heiban": "平板", "atamadaka": "頭高", "nakadaka": "中高", "odaka": "尾高"}


def pattern_of(kernel: int, morae: int) -> str:
    """The pattern's romanised name ("heiban" …) for a kernel on a word of ``morae`` morae."""
    if kernel == 0:
        return "heiban"
    if kernel == 1:
        return "atamadaka"
    return "odaka" if kernel >= morae else "nakadaka"


def heights(kernel: int, morae: int) -> list[bool]:
    """Per mora, whether it is high, followed by the height of a particle after the word."""
    if kernel == 0:
        return [False] + [True] * (morae - 1) + [True]
    if kernel == 1:
        return [True] + [False] * morae
    return [False] + [True] * (kernel - 1) + [False] * (morae - kernel + 1)


@dataclass(frozen=True)
class Pitch:
    """The pitch accent of one word.

    Attributes:
        morae: the card reading split into morae.
        kernels: the accepted kernels, the commonest first (one for most words).
        source: "dictionary" or "estimated" (see the module docstring).
        parts: the unidic parts an estimated pitch was composed from (empty for a dictionary pitch).
    """

    morae: tuple[str, ...]
    kernels: tuple[int, ...]
    source: Source
    parts: tuple[str, ...] = ()

    @property
    def kernel(self) -> int:
        """The commonest kernel."""
        return self.kernels[0]

    @property
    def estimated(self) -> bool:
        """Whether the pitch was composed by rules rather than read from the dictionary."""
        return self.source == "estimated"

    def pattern(self, kernel: int | None = None) -> str:
        """The pattern's romanised name for ``kernel`` (default: the commonest)."""
        return pattern_of(self.kernel if kernel is None else kernel, len(self.morae))

    def name(self, kernel: int | None = None) -> str:
        """The pattern's Japanese name and kernel, e.g. "中高 [2]"."""
        k = self.kernel if kernel is None else kernel
        return f"{PATTERNS[self.pattern(k)]} [{k}]"

    def describe(self) -> str:
        """One line for the card: "中高 [2]", "平板 [0] · also 中高 [2]", "estimated: 尾高 [3] (日本 + 語)"."""
        text = " · also ".join(self.name(k) for k in self.kernels)
        if self.estimated:
            return f"estimated: {text} ({' + '.join(self.parts)})"
        return text

    def heights(self, kernel: int | None = None) -> list[bool]:
        """See :func:`heights`."""
        return heights(self.kernel if kernel is None else kernel, len(self.morae))


def _unvoiced(kana: str) -> str:
    """Hiragana without voicing marks, so that a rendaku part (ひ read び) still matches."""
    return "".join(c for c in unicodedata.normalize("NFD", to_hiragana(kana)) if c not in "\u3099\u309a")


def _single(parses: tuple[tuple[Morpheme, ...], ...], word: str, reading: str) -> Morpheme | None:
    """The one-morpheme analysis of ``word`` read ``reading``: by its reading as written, else by the
    reading of its dictionary form, else by its lemma's reading (言う: written ユウ, lemma イウ)."""
    singles = [p[0] for p in parses if len(p) == 1 and p[0].surface == word and p[0].a_type]
    for field in ("reading", "kana_base", "lemma_reading"):
        for m in singles:
            if to_hiragana(getattr(m, field)) == reading:
                return m
    return None


def _compose(parts: tuple[Morpheme, ...]) -> int | None:
    """The kernel of a compound by unidic's rules, or None where they do not say."""
    first = parts[0]
    if not first.a_type or first.pos1 == "接頭辞":
        return None
    kernel = first.a_type[0]
    morae = len(split_morae(first.reading))
    for part in parts[1:]:
        rule = part.a_con_type
        if rule == "C1" and part.a_type and part.a_type[0] > 0:
            kernel = morae + part.a_type[0]
        elif rule == "C2":
            kernel = morae + 1
        elif rule == "C3":
            kernel = morae
        elif rule == "C4":
            kernel = 0
        elif rule != "C5":
            return None
        morae += len(split_morae(part.reading))
    return kernel


@lru_cache(maxsize=8192)
def word_pitch(word: str, reading: str) -> Pitch | None:
    """The pitch of ``word`` read ``reading`` (kana; the word itself for a kana word), or None when
    unidic gives no basis for one (see the module docstring) or the reading is not all kana."""
    word, reading = word.strip(), to_hiragana(reading.strip() or word.strip())
    if not word or not is_kana(reading):
        return None  # morae are counted in kana: a reading with digits or letters has no pitch here
    morae = tuple(split_morae(reading))
    best = analyse(word)  # MeCab's best analysis is usually the one dictionary entry read so
    parses = ((best,) if _single((best,), word, reading) is not None else ()) or analyses(word)
    return _from_parses(parses, word, reading, morae)


def _from_parses(
    parses: tuple[tuple[Morpheme, ...], ...], word: str, reading: str, morae: tuple[str, ...]
) -> Pitch | None:
    """The pitch from the first analysis (in order) that reads ``word`` as ``reading``, if any."""
    single = _single(parses, word, reading)
    if single is not None:
        kernels = tuple(dict.fromkeys(k for k in single.a_type if k <= len(morae)))
        return Pitch(morae, kernels, "dictionary") if kernels else None
    for parts in parses:
        if len(parts) < 2 or "".join(p.surface for p in parts) != word:
            continue
        if _unvoiced("".join(p.reading for p in parts)) != _unvoiced(reading):
            continue
        kernel = _compose(parts)
        if kernel is None or kernel > len(morae):
            return None
        while kernel > 1 and is_special(list(morae), kernel - 1):
            kernel -= 1
        return Pitch(morae, (kernel,), "estimated", tuple(p.surface for p in parts))
    return None
