"""Choose the sense of a word that an ad uses, from the context it stands in (issue 16).

JMdict lists a word's senses in its own order (月: "moon" before "month"); the sense an ad uses is
often another one (月３万円, 月２回: "month"). The chosen sense is shown first, the others after it
in JMdict's order; nothing is dropped.

Terms:
    sense: one JMdict sense as a plain tuple :data:`Sense` (the dictionary's row, nothing copied):
        part-of-speech codes, misc codes (``arch``, ``hon`` …) and its glosses joined with "|"
        (shown joined with "; "). A sense without part-of-speech codes has those of the sense before
        it (JMdict's rule).
    cue: what the context says about a token, as flags of :class:`Cue`:
        ``NUMBER``   a number, a time or a price stands right before or after it, or right before
                     the の it follows (月３万円, ３か月分, ９:００～２２:００の間): a counter or a period;
        ``PERSON``   it is modified as a person is (経験のある方, 外国人の方): "person";
        ``SUFFIX``   the tokenizer takes it as a suffix (患者さん, 事業所名): a suffix sense;
        ``VERB``     the tokenizer takes it as a verb or an adjective: a verbal or adjectival sense;
        ``CLAUSE``   a clause ending in a verb or adjective modifies it (経験を積んだ後): a sense of
                     time ("after; later", not "behind; rear").
    register: the language of work and business that job ads are written in. Glosses naming a
        thing of that register (customer, company, instructions, installation, software …) are
        preferred over senses of everyday or other registers (guest, shrine, lesson, engine …),
        and senses marked archaic, obsolete, slang, childish or sensitive are put last.

Score of a sense: minus a step per place in JMdict's order, plus what the cues, the register and
the misc codes say; the highest score is shown first (ties keep JMdict's order).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

Sense = tuple[str, str, str]
"""(part-of-speech codes, misc codes, glosses joined with "|"): one JMdict sense."""
POS, MISC, GLOSS = range(3)


class Cue:
    """What the context says about a token (see the module docstring): bit flags, combined with ``|``
    into a plain int (the miner computes one for every token; an IntFlag is ten times slower)."""

    NONE = 0
    NUMBER = 1
    PERSON = 2
    SUFFIX = 4
    VERB = 8
    CLAUSE = 16


ORDER_STEP = 0.4
"""What one place later in JMdict's order costs a sense."""
REGISTER_BONUS = 1.0
CUE_BONUS = 2.0
PENALTY = 3.0
DEMOTED_MISC = frozenset((
    "arch", "obs", "obsc", "rare", "dated", "hist", "poet", "joc", "vulg", "derog", "sl", "m-sl", "net-sl",
    "chn", "proverb", "sens",
))
REGISTER_WORDS = frozenset((
    "customer", "customers", "client", "clients", "company", "firm", "employee", "employees", "personnel",
    "organization", "organisation", "department", "agency", "instructions", "installation",
    "driving", "cost", "costs", "expenses", "payment", "salary", "wages", "hospital", "patient", "teaching",
    "software", "configuration", "bookkeeping", "accounting", "inspection", "inspecting", "checking",
    "monitoring", "disability", "malfunction",
))
REACH = 5
"""Only the first senses can be put first by a cue (a later one loses more by its place than a cue
gives), unless the first sense is marked archaic, slang …"""
REGISTER_REACH = 2
"""Register words may put the second sense first, never a later one (お宅: not "your organization")."""
NUMBER_WORDS = frozenset((
    "month", "months", "monthly", "year", "years", "week", "weeks", "day", "days", "hour", "hours",
    "minute", "minutes", "counter", "worth", "period", "duration", "during", "while",
))
PERSON_WORDS = frozenset(("person", "people"))
TIME_WORDS = frozenset(("after", "later", "before", "while", "during", "when"))
MEANING_SENSES = 3
"""A candidate's meaning shows this many senses (the chosen one first); ``senses`` holds them all."""
_SUFFIX_POS = ("suf", "n-suf", "ctr")


_KINDS = {word: kind for kind, words in (("register", REGISTER_WORDS), ("number", NUMBER_WORDS),
                                         ("person", PERSON_WORDS), ("time", TIME_WORDS)) for word in words}
_CUE_WORDS = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _KINDS), key=len, reverse=True)) + r")\b")
"""Finds every word of a lower-case gloss that says something to scoring (one pass per gloss)."""


def order(senses: Sequence[Sense], cue: int = Cue.NONE) -> tuple[int, ...]:
    """The indices of ``senses`` in the order to show them: the chosen sense first (see the module
    docstring), the others after it in JMdict's order."""
    n = len(senses)
    if n < 2:
        return tuple(range(n))
    first = _features(senses[0], senses[0][POS])
    if cue == Cue.NONE:  # only the misc codes and the register can act: most entries keep their order
        second = _features(senses[1], _inherited_pos(senses, 1))
        if first.base == 0 and (first.register or not second.register):
            return tuple(range(n))
    reach = n if first.base else min(n, REACH)
    scores = [score(senses[i], i, cue, _inherited_pos(senses, i)) for i in range(reach)]
    best = max(range(reach), key=lambda i: (scores[i], -i))
    return (best, *(i for i in range(n) if i != best))


def context_sensitive(senses: Sequence[Sense]) -> bool:
    """True if a cue from the context (a number, a person modifier, a clause) may change the order
    of ``senses``: some sense is of a counter, a period, a person or a time."""
    if len(senses) < 2:
        return False
    near = senses[:REACH]
    return any("ctr" in s[POS].split() or "hon" in s[MISC].split() for s in near) or any(
        _KINDS[w] in ("number", "person", "time") for s in near for w in _CUE_WORDS.findall(s[GLOSS].lower()))


def score(sense: Sense, index: int, cue: int, pos: str | None = None) -> float:
    """The score of one sense at place ``index`` of its entry (see the module docstring); ``pos``:
    its part-of-speech codes when inherited from an earlier sense."""
    f = _features(sense, pos if pos is not None else sense[POS])
    value = -ORDER_STEP * index + f.base
    if index < REGISTER_REACH and f.register:
        value += REGISTER_BONUS
    if cue & Cue.NUMBER and f.number:
        value += CUE_BONUS
    if cue & Cue.PERSON and f.person:
        value += CUE_BONUS
    if cue & Cue.CLAUSE and f.time:
        value += CUE_BONUS
    if cue & Cue.SUFFIX and f.suffix:
        value += CUE_BONUS / 2
    if not cue & Cue.NUMBER and f.counter_only:
        value -= CUE_BONUS / 2  # a counter sense without a number (事業所名: not "counter for people")
    if cue & Cue.VERB and not f.verbal:
        value -= CUE_BONUS / 2
    return value


class _Features(NamedTuple):
    """What scoring reads of one sense, worked out once."""

    base: float  # from the misc codes
    register: bool
    number: bool
    person: bool
    time: bool
    suffix: bool
    counter_only: bool
    verbal: bool


@lru_cache(maxsize=65_536)
def _features(sense: Sense, pos: str) -> _Features:
    codes = pos.split()
    kinds = {_KINDS[w] for w in _CUE_WORDS.findall(sense[GLOSS].lower())}
    misc = sense[MISC].split()
    base = -PENALTY if any(m in DEMOTED_MISC for m in misc) else 0.0
    return _Features(
        base, "register" in kinds, "ctr" in codes or "number" in kinds, "hon" in misc or "person" in kinds,
        "time" in kinds, any(c in _SUFFIX_POS for c in codes), codes == ["ctr"],
        any(c.startswith(("v", "adj", "aux")) for c in codes),
    )


def describe(senses: Sequence[Sense], in_order: Iterable[int], limit: int = MEANING_SENSES) -> str:
    """The meaning shown for a word: the glosses of its first ``limit`` senses in ``in_order``,
    joined with " | "."""
    return " | ".join(glosses(senses, list(in_order)[:limit]))


def glosses(senses: Sequence[Sense], in_order: Iterable[int]) -> tuple[str, ...]:
    """The glosses of the senses in ``in_order``, each joined with "; "."""
    return tuple(senses[i][GLOSS].replace("|", "; ") for i in in_order)


def _inherited_pos(senses: Sequence[Sense], i: int) -> str:
    """The part-of-speech codes of sense ``i``: its own, else those of the nearest sense before it."""
    for k in range(i, -1, -1):
        if senses[k][POS]:
            return senses[k][POS]
    return ""
