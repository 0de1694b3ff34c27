"""Mine the vocabulary of a pasted job ad (issue 4).

    from jpstudy.mining import mine_text, add_candidates
    result = mine_text(text, dictionary, status_of=col.word_status, progress=None)
    result.candidates          # Candidate objects, most useful first (glossary terms, frequent words)
    result.names               # place and person names, apart, never offered by default
    result.spans               # Span(start, end, word, reading, status) over result.text, for colouring
    result.coverage.summary()  # "you know 82% of the words; 14 words beyond N3"
    result.message             # why there is nothing, or that a very long text was cut
    result.to_json()           # the `jpstudy mine --json` object
    add_candidates(col, chosen, source="", text=result.text)   # notes in the Mined deck

``dictionary`` is a :class:`jpstudy.dictionary.Dictionary` (or any
:class:`jpstudy.mining.lexicon.Lexicon`). The first call for a dictionary builds the miner (about 1 s:
index of all dictionary forms, common vocabulary loaded); later calls reuse it (``miner_for``).
``status_of(entry_id, word, reading)`` returns "known" | "learning" | "unseen" | "new" | "ignored"
(``Collection.word_status``); without it every word is "new".
"""

from __future__ import annotations

from jpstudy.mining.cards import ad_title, add_candidates
from jpstudy.mining.coverage import Coverage
from jpstudy.mining.miner import Candidate, Miner, MiningResult, Span, StatusOf
from jpstudy.mining.session import mine_text, miner_for

__all__ = [
    "Candidate", "Coverage", "Miner", "MiningResult", "Span", "StatusOf", "ad_title", "add_candidates",
    "mine_text", "miner_for",
]
