"""Typed records of the job-ad library.

Terms:
    saved ad: a job ad the user mined and kept: its text, a title (first line unless the user gives one),
        source, the moment it was saved, an optional job type (介護, IT …), free tags, and its words.
    word token: one occurrence of a word of its own in the ad (not inside a longer word); tokens are the
        weights of readiness.
    readiness: the share of an ad's word tokens whose word is known or ignored (the user decided not to
        study it); 1.0 for an ad without words. *Then* uses the statuses the words had when the ad was
        saved, *now* today's statuses in the collection.
    market word: a word across the saved ads, with the number of ads using it as a word of its own and
        its word tokens in them (whole words only: a part of a compound, 勤務 of 勤務地, is not counted).
    facts: what the ad states (pay, days off, the Japanese level asked …) and its checks, read by
        ``jpstudy.adfacts`` when the ad is saved (and again when the reader improves).
    reached at save: the JLPT level the user had reached when saving the ad (``jpstudy.adfacts.fit``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from jpstudy.adfacts import AdFacts, FactsSummary
from jpstudy.decks import LEVELS

READ_OK = frozenset(("known", "ignored"))
"""Statuses that count as readable for readiness."""

"""JLPT levels, easiest first."""


class CandidateLike(Protocol):
    """What saving needs of a mined word (``jpstudy.mining.Candidate`` has all of it)."""

    word: str
    reading: str
    meaning: str
    jlpt: str | None
    count: int
    sentence: str
    status: str
    entry_id: int | None


@dataclass(frozen=True)
class Readiness:
    """Known (or ignored) word tokens out of all word tokens of an ad; ``learning`` of the others are of
    words being learned (``jpstudy.stats`` "word progress"; counted for today's readiness only)."""

    known: int
    total: int
    learning: int = 0

    @property
    def share(self) -> float:
        """``known / total``; 1.0 for an ad without words."""
        return self.known / self.total if self.total else 1.0


@dataclass(frozen=True)
class AdWord:
    """A word of one saved ad; ``status`` is today's, ``status_at_save`` the one it had when saved."""

    word: str
    reading: str
    entry_id: int | None
    meaning: str
    jlpt: str | None
    pos: str
    kind: str
    count: int
    tokens: int
    part_of: bool
    sentence: str
    glossary: bool
    glossary_note: str
    status_at_save: str
    status: str

    def beyond(self, level: str) -> bool:
        """Whether the word is harder than JLPT ``level`` or has no level (as the miner's coverage counts)."""
        return self.jlpt not in LEVELS or LEVELS.index(self.jlpt) > LEVELS.index(level)


@dataclass(frozen=True)
class AdSpan:
    """[start, end) of the ad's text holding ``word`` (reading), with today's status, for colouring."""

    start: int
    end: int
    word: str
    reading: str
    status: str


@dataclass(frozen=True)
class AdSummary:
    """One row of the saved-ads list."""

    id: int
    title: str
    source: str
    saved_at: datetime
    job_type: str
    tags: tuple[str, ...]
    word_count: int
    readiness_then: Readiness
    readiness_now: Readiness
    facts: FactsSummary = field(default_factory=FactsSummary)
    reached_at_save: str | None = None

    def readiness_line(self) -> str:
        """"64% → 82% of the words known"."""
        return f"{self.readiness_then.share:.0%} → {self.readiness_now.share:.0%} of the words known"


@dataclass(frozen=True)
class SavedAd:
    """A saved ad with its text and words, coloured with today's statuses."""

    id: int
    title: str
    source: str
    saved_at: datetime
    job_type: str
    tags: tuple[str, ...]
    text: str
    readiness_then: Readiness
    readiness_now: Readiness
    words: tuple[AdWord, ...]
    spans: tuple[AdSpan, ...]
    facts: AdFacts = field(default_factory=AdFacts)
    reached_at_save: str | None = None

    def summary(self) -> AdSummary:
        """The list row of this ad."""
        from jpstudy.adfacts import summarise

        return AdSummary(self.id, self.title, self.source, self.saved_at, self.job_type, self.tags,
                         len(self.words), self.readiness_then, self.readiness_now, summarise(self.facts),
                         self.reached_at_save)


@dataclass(frozen=True)
class MarketWord:
    """A word of the personal job-market list: in how many saved ads it occurs as a word of its own and
    how often in all (its word tokens)."""

    word: str
    reading: str
    entry_id: int | None
    meaning: str
    jlpt: str | None
    ads: int
    count: int
    glossary: bool
    status: str
