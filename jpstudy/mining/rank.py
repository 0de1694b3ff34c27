"""The order of mined candidates: most useful first.

Order: the words of the ad's spans before the parts of longer words and composed compounds (shown only
on request); then what a job seeker needs to understand the offer, the job-glossary terms of an offer
topic (pay, hours, days off, insurance, contract, visas, requirements); then the other glossary terms;
then the other words by frequency bands (wordfreq zipf, half-point bands, commonest first; unknown
frequency last); then JLPT level, easiest first (no level last); then how often the word occurs in the
ad; then position.
"""

from __future__ import annotations

from typing import Protocol

from jpstudy.mining.glossary import OFFER_TOPICS

LEVEL_ORDER = {"N5": 0, "N4": 1, "N3": 2, "N2": 3, "N1": 4}


class Rankable(Protocol):
    """What ranking reads from a candidate."""

    part_of: bool
    glossary: bool
    frequency: float | None
    jlpt: str | None
    count: int
    first: int
    topic: str


def rank_key(c: Rankable) -> tuple[int, int, float, int, int, int]:
    """Sort key: smaller is more useful (see the module docstring)."""
    band = -round((c.frequency or 0.0) * 2) / 2
    group = (0 if c.topic in OFFER_TOPICS else 1) if c.glossary else 2
    return (int(c.part_of), group, band, LEVEL_ORDER.get(c.jlpt or "", 5), -c.count, c.first)
