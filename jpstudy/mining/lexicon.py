"""What the miner needs from the dictionary, as a small interface, plus a memoising wrapper.

Terms:
    entry: one JMdict entry, as :class:`LexEntry`: its written forms (kebs) and kana forms (rebs, each
        with the kebs it is restricted to, as :data:`KanaForm`), whether sense 1 is usually written in
        kana (``uk``), a short English meaning (its first senses, in JMdict's order), the
        part-of-speech codes of sense 1 and all its senses (:data:`jpstudy.mining.senses.Sense`), from
        which the miner picks the one an ad uses.
    hit: an entry found for a text, with the priority rank of the form that matched (lower = commoner;
        JMdict nfXX → XX, news1/ichi1/spec1/gai1 → 24, only *2 tags → 48, none → 99).
    Lexicon: anything with ``lookup``, ``jlpt`` and ``zipf`` as below. :mod:`jpstudy.mining.dictlexicon`
        adapts :class:`jpstudy.dictionary.Dictionary` to it.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import NamedTuple, Protocol

from jpstudy.mining.senses import Sense, describe

_TO_HIRAGANA = {c: c - 0x60 for c in range(ord("ァ"), ord("ヶ") + 1)}


def hira(text: str) -> str:
    """Katakana → hiragana (ァ..ヶ); everything else, including ー, unchanged."""
    return text.translate(_TO_HIRAGANA)


def is_kana(text: str) -> bool:
    """True if every character is hiragana, katakana or ー."""
    return bool(text) and all("\u3041" <= c <= "\u30ff" for c in text)


KanaForm = tuple[str, tuple[str, ...], bool]
"""A reb as a plain tuple (text, restr, nokanji): ``restr`` lists the kebs it is valid for (empty = all),
``nokanji`` is re_nokanji. Plain tuples of strings Python's garbage collector stops scanning; every
entry looked up holds some, and entries are kept."""
TEXT, RESTR, NOKANJI = range(3)


class LexEntry(NamedTuple):
    """One JMdict entry as the miner sees it (see the module docstring); ``hira_readings``: its kana
    forms in hiragana (:func:`entry` fills it in). A NamedTuple of strings and tuples only: every
    lookup makes some, and Python's garbage collector stops scanning such tuples (a frozenset it
    would scan at every full collection)."""

    entry_id: int
    kanji: tuple[str, ...]
    kana: tuple[KanaForm, ...]
    usually_kana: bool
    pos: str
    rank: int = 99
    senses: tuple[Sense, ...] = ()
    hira_readings: tuple[str, ...] = ()

    @property
    def meaning(self) -> str:
        """Its first senses' glosses, in JMdict's order (worked out when asked: most entries looked
        up are never shown)."""
        return describe(self.senses, range(len(self.senses)))

    def readings_for(self, form: str) -> list[str]:
        """The kana forms valid for written form ``form``, in JMdict order (``form`` itself if kana)."""
        if form not in self.kanji:
            return [k[TEXT] for k in self.kana if k[TEXT] == form] or [form]
        return [k[TEXT] for k in self.kana if not k[NOKANJI] and (not k[RESTR] or form in k[RESTR])]

    def has_reading(self, kana: str) -> bool:
        """True if some kana form equals ``kana`` after katakana → hiragana on both sides."""
        return hira(kana) in self.hira_readings


def entry(entry_id: int, kanji: tuple[str, ...], kana: tuple[KanaForm, ...], usually_kana: bool, pos: str,
          rank: int = 99, senses: tuple[Sense, ...] = ()) -> LexEntry:
    """A :class:`LexEntry` with its ``hira_readings``."""
    readings = tuple(dict.fromkeys([hira(k[TEXT]) for k in kana]))
    return tuple.__new__(LexEntry, (entry_id, kanji, kana, usually_kana, pos, rank, senses, readings))


class Hit(NamedTuple):
    """An entry found for a text and the rank of the matching form."""

    entry: LexEntry
    rank: int


class Lexicon(Protocol):
    """The dictionary operations the miner uses."""

    def lookup(self, text: str) -> tuple[Hit, ...]:
        """Entries having a keb or reb equal to ``text`` (full-width alphanumerics as JMdict has them)."""
        ...

    def jlpt(self, entry_id: int, reading: str) -> str | None:
        """"N5".."N1" for that entry and reading (easiest level on conflicts), else None."""
        ...

    def zipf(self, text: str) -> float | None:
        """Zipf frequency (wordfreq scale, about 0..8) of ``text``, else None."""
        ...

    def all_forms(self) -> Iterable[str]:
        """Every keb and reb of the dictionary (for prefix probing in the longest-match scan)."""
        ...


_UNKNOWN = object()
"""A memo's answer for a question not asked yet (None is an answer)."""


class CachedLexicon:
    """A :class:`Lexicon` that remembers every answer of the one it wraps (lookups repeat a lot).
    Given ``forms`` (every form of the dictionary, in memory), texts that are no form are answered
    without asking the dictionary."""

    def __init__(self, inner: Lexicon, forms: Container[str] | None = None) -> None:
        self.inner = inner
        self.forms = forms
        self._lookup: dict[str, tuple[Hit, ...]] = {}
        self._jlpt: dict[tuple[int, str], str | None] = {}
        self._zipf: dict[str, float | None] = {}

    def lookup(self, text: str) -> tuple[Hit, ...]:
        hits = self._lookup.get(text)
        if hits is None:
            known = self.forms is None or text in self.forms
            hits = self._lookup[text] = tuple(self.inner.lookup(text)) if known else ()
        return hits

    def jlpt(self, entry_id: int, reading: str) -> str | None:
        key = (entry_id, reading)
        level = self._jlpt.get(key, _UNKNOWN)
        if level is _UNKNOWN:
            level = self._jlpt[key] = self.inner.jlpt(entry_id, reading)
        return level  # type: ignore[return-value]

    def zipf(self, text: str) -> float | None:
        value = self._zipf.get(text, _UNKNOWN)
        if value is _UNKNOWN:
            value = self._zipf[text] = self.inner.zipf(text)
        return value  # type: ignore[return-value]

    def all_forms(self) -> Iterable[str]:
        return self.inner.all_forms()
