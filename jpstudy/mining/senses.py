"""Choose the sense of a word that an ad uses, from the context it stands in (issue 16).

JMdict lists a word's senses in its own order (月: "moon" before "month"); the sense an ad uses is
often another one (月３万円, 月２回: "month"). The chosen sense is shown first, the others after it
in JMdict's order; nothing is dropped.

Terms:
    sense: one JMdict sense as :class:`Sense`: part-of-speech codes, misc codes (``arch``, ``hon`` …),
        field codes where the data has them (``comp``, ``med``, ``Buddh`` …) and its glosses
        joined with "; ". A sense without part-of-speech codes has those of the sense before it
        (JMdict's rule).
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
        and senses marked archaic, obsolete, slang or of an unrelated field (Buddhism, sumo,
        mahjong …) are put last.

Score of a sense: minus a step per place in JMdict's order, plus what the cues, the register and
the misc and field codes say; the highest score is shown first (ties keep JMdict's order).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from enum import IntFlag
from functools import lru_cache
from typing import NamedTuple


class Sense(NamedTuple):
    """One JMdict sense (see the module docstring)."""

    pos: str
    misc: str
    gloss: str
    field: str = ""


class Cue(IntFlag):
    """What the context says about a token (see the module docstring)."""

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
WORK_FIELDS = frozenset(("comp", "bus", "finc", "econ", "law", "med", "pharm", "engr", "archit", "food"))
OTHER_FIELDS = frozenset((
    "Buddh", "Shinto", "Christn", "sumo", "baseb", "mahj", "shogi", "go", "hanaf", "MA", "astron", "geol",
    "zool", "bot", "ling", "math", "physics", "chem", "mil", "vidg", "horse", "music", "anat", "biol",
))
_WORDS = re.compile(r"[a-z]+(?:-[a-z]+)?")
REGISTER_WORDS = frozenset((
    "customer", "customers", "client", "clients", "company", "firm", "employee", "employees", "personnel",
    "organization", "organisation", "department", "agency", "instructions", "installation",
    "driving", "cost", "costs", "expenses", "payment", "salary", "wages", "hospital", "patient", "teaching",
    "software", "configuration", "bookkeeping", "accounting", "inspection", "inspecting", "checking",
    "monitoring", "disability", "malfunction",
))
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


def order(senses: Sequence[Sense], cue: Cue = Cue.NONE) -> tuple[int, ...]:
    """The indices of ``senses`` in the order to show them: the chosen sense first (see the module
    docstring), the others after it in JMdict's order."""
    if len(senses) < 2:
        return tuple(range(len(senses)))
    scores = [score(s, i, cue, _inherited_pos(senses, i)) for i, s in enumerate(senses)]
    best = max(range(len(senses)), key=lambda i: (scores[i], -i))
    return (best, *(i for i in range(len(senses)) if i != best))


def score(sense: Sense, index: int, cue: Cue, pos: str | None = None) -> float:
    """The score of one sense at place ``index`` of its entry (see the module docstring); ``pos``:
    its part-of-speech codes when inherited from an earlier sense."""
    codes = (pos if pos is not None else sense.pos).split()
    words = _gloss_words(sense.gloss)
    value = -ORDER_STEP * index
    misc = sense.misc.split()
    fields = sense.field.split()
    if any(m in DEMOTED_MISC for m in misc) or any(f in OTHER_FIELDS for f in fields):
        value -= PENALTY
    if any(f in WORK_FIELDS for f in fields) or (index < REGISTER_REACH and words & REGISTER_WORDS):
        value += REGISTER_BONUS
    if cue & Cue.NUMBER and ("ctr" in codes or words & NUMBER_WORDS):
        value += CUE_BONUS
    if cue & Cue.PERSON and (words & PERSON_WORDS or "hon" in misc):
        value += CUE_BONUS
    if cue & Cue.CLAUSE and words & TIME_WORDS:
        value += CUE_BONUS
    if cue & Cue.SUFFIX and any(c in _SUFFIX_POS for c in codes):
        value += CUE_BONUS / 2
    if not cue & Cue.NUMBER and codes == ["ctr"]:
        value -= CUE_BONUS / 2  # a counter sense without a number (事業所名: not "counter for people")
    if cue & Cue.VERB and not any(c.startswith(("v", "adj", "aux")) for c in codes):
        value -= CUE_BONUS / 2
    return value


def describe(senses: Sequence[Sense], in_order: Iterable[int], limit: int = MEANING_SENSES) -> str:
    """The meaning shown for a word: the glosses of its first ``limit`` senses in ``in_order``,
    joined with " | "."""
    return " | ".join(list(glosses(senses, in_order))[:limit])


def glosses(senses: Sequence[Sense], in_order: Iterable[int]) -> tuple[str, ...]:
    """The glosses of the senses in ``in_order``."""
    return tuple(senses[i].gloss for i in in_order)


@lru_cache(maxsize=65_536)
def _gloss_words(gloss: str) -> frozenset[str]:
    """The lower-case English words of a gloss."""
    return frozenset(_WORDS.findall(gloss.lower()))


def _inherited_pos(senses: Sequence[Sense], i: int) -> str:
    """The part-of-speech codes of sense ``i``: its own, else those of the nearest sense before it."""
    for k in range(i, -1, -1):
        if senses[k].pos:
            return senses[k].pos
    return ""
