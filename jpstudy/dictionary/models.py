"""Data classes the dictionary returns.

Terms:
    entry: one JMdict entry (``ent_seq`` = ``entry_id``).
    form: a written (kanji) form, JMdict's keb. reading: a kana form, JMdict's reb.
    re_restr: a reading may be restricted to some forms; ``Entry.readings`` honours it for the text
        that was looked up (see ``Dictionary.lookup``).
    rank: JMdict priority rank (nfXX → XX; news1/ichi1/spec1/gai1 → 24; only *2 tags → 48; none → 99);
        lower is more common.
    zipf: wordfreq's log scale, log10(occurrences per billion words); 3 ≈ rare, 6 ≈ very common.
    codes: JMdict entity names — POS ``n``, ``vs``, ``v5r``, ``adj-i`` …; misc ``uk`` (usually written in
        kana alone), ``abbr`` …; form info ``ateji``, ``iK``, ``oK``, ``ik``, ``ok``, ``gikun`` ….
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sense:
    """One sense: POS codes, misc codes, its first English glosses (at most 3), and the forms or
    readings it is restricted to (``stagk``/``stagr``, empty when unrestricted)."""

    pos: tuple[str, ...]
    misc: tuple[str, ...]
    glosses: tuple[str, ...]
    stagk: tuple[str, ...] = ()
    stagr: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """A dictionary entry as seen from a lookup.

    ``forms`` are all kanji forms in JMdict order; ``readings`` the readings valid for the looked-up
    text (all readings when looked up by id); ``rank`` the best rank among the entry's forms; ``jlpt``
    the easiest JLPT level over ``readings`` (None when unlisted); ``frequency`` the zipf of the
    entry's headword (``Dictionary.headword``), None when wordfreq does not list it.
    """

    entry_id: int
    forms: tuple[str, ...]
    readings: tuple[str, ...]
    senses: tuple[Sense, ...]
    rank: int
    jlpt: str | None
    frequency: float | None

    @property
    def usually_kana(self) -> bool:
        """True when the first sense is marked ``uk`` (usually written in kana alone) or there is no
        kanji form."""
        return not self.forms or (bool(self.senses) and "uk" in self.senses[0].misc)

    def gloss_text(self, senses: int = 3) -> str:
        """The glosses of the first ``senses`` senses: "thing; matter | incident; occurrence"."""
        return " | ".join("; ".join(s.glosses) for s in self.senses[:senses])


@dataclass(frozen=True)
class FormMatch:
    """One entry having a keb or reb equal to a looked-up text, with that form's rank."""

    entry_id: int
    rank: int
    is_kana: bool


@dataclass(frozen=True)
class Headword:
    """What a card shows for an entry: the written word and its kana reading."""

    word: str
    reading: str
