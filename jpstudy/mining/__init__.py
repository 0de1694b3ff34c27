"""Mine the vocabulary of a pasted job ad (issue 4).

    from jpstudy.mining import mine_text, MiningResult, Candidate
    result = mine_text(text, dictionary, status_of=col.word_status)
    result.candidates          # most useful first; result.names: place and person names, apart
    result.spans               # (start, end, word, reading, status) over result.text, for colouring
    result.coverage.summary()  # "you know 82% of the words; 14 words beyond N3"
    result.to_json()           # the `jpstudy mine --json` object
    add_candidates(col, result.candidates[:5], source="…")   # cards in the Mined deck

``dictionary`` is a :class:`jpstudy.dictionary.Dictionary` or anything implementing
:class:`jpstudy.mining.lexicon.Lexicon`.
"""

from __future__ import annotations

from jpstudy.mining.cards import ad_title, add_candidates
from jpstudy.mining.coverage import Coverage
from jpstudy.mining.miner import Candidate, MiningResult, Span, StatusOf
from jpstudy.mining.session import mine_text, miner_for

__all__ = [
    "Candidate", "Coverage", "MiningResult", "Span", "StatusOf", "ad_title", "add_candidates", "mine_text",
    "miner_for",
]
