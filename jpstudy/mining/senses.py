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
        ``WEEKDAY``  it is a day of the week in a list (日・月): that sense;
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
    CLAUSE = 8
    WEEKDAY = 16


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
    "monitoring", "disability", "malfunction", "holiday", "holidays", "vacation", "commission",
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
WEEKDAY_WORDS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
MEANING_SENSES = 3
"""A candidate's meaning shows this many senses (the chosen one first); ``senses`` holds them all."""
_SUFFIX_POS = ("suf", "n-suf")


_KINDS = {word: kind for kind, words in (("register", REGISTER_WORDS), ("number", NUMBER_WORDS),
                                         ("person", PERSON_WORDS), ("time", TIME_WORDS),
                                         ("weekday", WEEKDAY_WORDS)) for word in words}
_CUE_WORDS = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _KINDS), key=len, reverse=True)) + r")\b")
"""Finds every word of a lower-case gloss that says something to scoring (one pass per gloss)."""
_REGISTER_WORDS = re.compile(r"\b(?:" + "|".join(sorted(REGISTER_WORDS, key=len, reverse=True)) + r")\b")


def order(senses: Sequence[Sense], cue: int = Cue.NONE) -> tuple[int, ...]:
    """The indices of ``senses`` in the order to show them: the chosen sense first (see the module
    docstring), the others after it in JMdict's order."""
    n = len(senses)
    if n < 2:
        return tuple(range(n))
    demoted = _demoted(senses[0][MISC])
    if cue == Cue.NONE and not demoted and (_register(senses[0][GLOSS]) or not _register(senses[1][GLOSS])):
        return tuple(range(n))  # only the misc codes and the register act without a cue: most keep their order
    reach = n if demoted else min(n, REACH)
    pos = senses[0][POS]
    scores = []
    for i in range(reach):
        pos = senses[i][POS] or pos  # a sense without codes has those of the one before it
        scores.append(score(senses[i], i, cue, pos))
    best = max(range(reach), key=lambda i: (scores[i], -i))
    return (best, *(i for i in range(n) if i != best))


@lru_cache(maxsize=1024)
def _demoted(misc: str) -> bool:
    """True if the misc codes mark a sense as archaic, slang … (see :data:`DEMOTED_MISC`)."""
    return any(m in DEMOTED_MISC for m in misc.split())


@lru_cache(maxsize=65_536)
def _register(gloss: str) -> bool:
    """True if the gloss names a thing of the register of work (see :data:`REGISTER_WORDS`)."""
    return _REGISTER_WORDS.search(gloss.lower()) is not None


def context_sensitive(senses: Sequence[Sense], static: int = Cue.NONE) -> bool:
    """True if a cue from the context (a number, a clause) may change which of ``senses`` is shown
    first, the token itself giving the cue ``static`` (a suffix or not): some sense near the front is
    of a counter, a period or a time, and taking it changes the first sense (日 "day" stays first
    after a number; 月 "moon" does not)."""
    if len(senses) < 2:
        return False
    near = senses[:REACH]
    kinds = {_KINDS[w] for w in _CUE_WORDS.findall("|".join([s[GLOSS] for s in near]).lower())}
    cues = [cue for cue, here in ((Cue.NUMBER, "number" in kinds or any("ctr" in s[POS] for s in near)),
                                  (Cue.CLAUSE, "time" in kinds)) if here]
    if not cues:
        return False
    first = order(senses, static)[0]
    return any(order(senses, static | cue)[0] != first for cue in cues)


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
    if cue & Cue.WEEKDAY and f.weekday:
        value += CUE_BONUS
    if cue & Cue.SUFFIX and f.suffix:
        value += CUE_BONUS / 2
    if not cue & Cue.NUMBER and f.counter_only:
        value -= CUE_BONUS / 2  # a counter sense without a number (事業所名: not "counter for people")
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
    weekday: bool


@lru_cache(maxsize=65_536)
def _features(sense: Sense, pos: str) -> _Features:
    codes = pos.split()
    kinds = {_KINDS[w] for w in _CUE_WORDS.findall(sense[GLOSS].lower())}
    misc = sense[MISC].split()
    base = -PENALTY if _demoted(sense[MISC]) else 0.0
    return _Features(
        base, "register" in kinds, "ctr" in codes or "number" in kinds, "hon" in misc or "person" in kinds,
        "time" in kinds, any(c in _SUFFIX_POS for c in codes), codes == ["ctr"], "weekday" in kinds,
    )


def describe(senses: Sequence[Sense], in_order: Iterable[int], limit: int = MEANING_SENSES) -> str:
    """The meaning shown for a word: the glosses of its first ``limit`` senses in ``in_order``,
    joined with " | "."""
    return " | ".join([senses[i][GLOSS].replace("|", "; ") for i in list(in_order)[:limit]])


def glosses(senses: Sequence[Sense], in_order: Iterable[int]) -> tuple[str, ...]:
    """The glosses of the senses in ``in_order``, each joined with "; "."""
    return tuple([senses[i][GLOSS].replace("|", "; ") for i in in_order])
