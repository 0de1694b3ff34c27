"""Entry points: one cached :class:`Miner` per dictionary, and :func:`mine_text`.

Terms:
    warm: the miner for a dictionary already exists (its index of all dictionary forms is built and
        the common vocabulary loaded, about 1 s once per process) and its caches hold earlier answers.
"""

from __future__ import annotations

import threading
from typing import Any

from jpstudy.mining.compounds import FormIndex
from jpstudy.mining.glossary import Glossary, bundled
from jpstudy.mining.lexicon import CachedLexicon, Lexicon
from jpstudy.mining.miner import Miner, MiningResult, Progress, StatusOf

_lock = threading.Lock()
_miners: dict[int, tuple[Any, Miner]] = {}


def as_lexicon(dictionary: Any, prime: bool = True) -> Lexicon:
    """``dictionary`` itself if it is a :class:`Lexicon`, else the adapter over a jpstudy Dictionary,
    with the common vocabulary loaded into memory when ``prime`` (see ``DictLexicon.prime``: worth its
    0.3–0.7 s in a long-lived process such as the app, not for one ad in a one-off command)."""
    if all(hasattr(dictionary, name) for name in ("lookup", "jlpt", "zipf", "all_forms")):
        return dictionary
    from jpstudy.mining.dictlexicon import DictLexicon

    lexicon = DictLexicon(dictionary)
    if prime:
        lexicon.prime()
    return lexicon


def miner_for(dictionary: Any, glossary: Glossary | None = None, prime: bool = True) -> Miner:
    """The miner for ``dictionary`` (made once per dictionary object and glossary, then reused);
    ``prime``: see :func:`as_lexicon`."""
    key = id(dictionary) ^ id(glossary)
    with _lock:
        held = _miners.get(key)
        if held is not None and held[0] is dictionary:
            return held[1]
        lexicon = as_lexicon(dictionary, prime)
        forms = FormIndex(lexicon.all_forms())
        miner = Miner(CachedLexicon(lexicon, forms), forms, glossary if glossary is not None else bundled())
        if len(_miners) > 4:
            _miners.clear()
        _miners[key] = (dictionary, miner)
        return miner


def mine_text(text: str, dictionary: Any, status_of: StatusOf | None = None,
              progress: Progress | None = None) -> MiningResult:
    """Mine pasted ``text`` against ``dictionary``.

    ``status_of(entry_id, word, reading)`` gives each word's status (e.g. ``Collection.word_status``);
    without it every word is "new". ``progress(done, total)`` is called as chunks of text are done.
    Any text is accepted: empty text, HTML, binary junk or 10 MB give a result (perhaps without
    candidates; ``message`` then says why)."""
    return miner_for(dictionary).mine(text, status_of, progress)
