"""Adding a word by hand: what the dictionary fills in from the word typed.

Terms:
    suggestion: the reading, meaning, part of speech, JLPT level and dictionary entry of the most
        likely JMdict entry for a typed word (``Dictionary.lookup`` order), as a ``NewNote`` the user
        can still edit; ``others`` counts the further entries written or read the same way. A word typed
        in kana gets the entry's usual written form (かいぎ → 会議) unless it is usually written in kana.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from jpstudy.collection.models import NewNote
from jpstudy.dictionary.kana import is_kana

if TYPE_CHECKING:
    from jpstudy.dictionary import Dictionary


SENSES = 3
"""Senses in a suggested meaning (as ``Entry.gloss_text``), those restricted to another form or
reading left out."""


@dataclass(frozen=True)
class Suggestion:
    """See the module docstring."""

    note: NewNote
    others: int


def suggest(dictionary: Dictionary, word: str, reading: str = "") -> Suggestion | None:
    """The suggestion for ``word`` (a kanji form or a reading); with ``reading``, an entry read that way
    is preferred. ``None`` when the dictionary has no such word."""
    text = word.strip()
    entries = dictionary.lookup(text) if text else []
    if not entries:
        return None
    wanted = reading.strip()
    entry = next((e for e in entries if wanted and wanted in e.readings), entries[0])
    typed_kana = is_kana(text) and not entry.usually_kana  # かいぎ typed: the card shows 会議
    head = dictionary.headword(entry.entry_id, preferred=None if typed_kana else text)
    written, kana = (head.word, head.reading) if head is not None else (text, entry.readings[0])
    if wanted and wanted in entry.readings:
        kana = wanted
    senses = [sense for sense in entry.senses if (not sense.stagr or kana in sense.stagr)
              and (not sense.stagk or written in sense.stagk)] or list(entry.senses)
    note = NewNote(
        word=written,
        reading=kana,
        meaning=" | ".join("; ".join(sense.glosses) for sense in senses[:SENSES]),
        pos=" ".join(senses[0].pos) if senses else "",
        jlpt=dictionary.jlpt_level(entry.entry_id, kana),
        entry_id=entry.entry_id,
    )
    return Suggestion(note, len(entries) - 1)
