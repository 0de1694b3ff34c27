"""Readiness figures for one ad: how much of it the user can already read.

Terms:
    word token: one occurrence in the ad of a candidate seen as a word of its own (a span).
    known share: known word tokens / all word tokens (names excluded). Ignored words count as known:
        the user decided not to study them.
    learning share: word tokens of words being learned / all word tokens; the rest are not started
        (``jpstudy.stats`` "word progress": the same stages as the home screen and Statistics).
    beyond level X: distinct not-yet-known candidates whose JLPT level is harder than X, or that have
        no level (compounds and glossary terms rarely have one).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from jpstudy.decks import LEVELS
from jpstudy.stats import Progress, status_progress

READ_OK = frozenset(("known", "ignored"))


class _Cand(Protocol):
    status: str
    jlpt: str | None
    part_of: bool


@dataclass(frozen=True)
class Coverage:
    """Readiness figures (see the module docstring)."""

    word_tokens: int
    known_tokens: int
    unique_words: int
    unknown_words: int
    by_level: dict[str, int]
    beyond: dict[str, int]
    learning_tokens: int = 0

    @property
    def known_share(self) -> float:
        """Share of word tokens known (1.0 for a text without words)."""
        return self.known_tokens / self.word_tokens if self.word_tokens else 1.0

    @property
    def learning_share(self) -> float:
        """Share of word tokens being learned (0.0 for a text without words)."""
        return self.learning_tokens / self.word_tokens if self.word_tokens else 0.0

    def summary(self, level: str = "N3") -> str:
        """A readiness line: "you know 62% of the words, are learning 20%, 18% not started; 14 words beyond N3"."""
        beyond = self.beyond.get(level, 0)
        rest = max(0.0, 1 - self.known_share - self.learning_share)
        return (f"you know {self.known_share:.0%} of the words, are learning {self.learning_share:.0%}, "
                f"{rest:.0%} not started; {beyond} words beyond {level}")

    def to_json(self) -> dict[str, Any]:
        """The figures as a JSON-ready dict."""
        return {
            "word_tokens": self.word_tokens, "known_tokens": self.known_tokens,
            "known_share": round(self.known_share, 4), "learning_tokens": self.learning_tokens,
            "learning_share": round(self.learning_share, 4), "unique_words": self.unique_words,
            "unknown_words": self.unknown_words, "by_level": dict(self.by_level), "beyond": dict(self.beyond),
            "summary": self.summary(),
        }


def coverage_of(candidates: Sequence[_Cand], token_statuses: Mapping[str, int]) -> Coverage:
    """Coverage of an ad from its candidates (names excluded) and how many of its word tokens have
    each status ("known": 120, "new": 30 …)."""
    known_tokens = sum(n for status, n in token_statuses.items() if status in READ_OK)
    own = [c for c in candidates if not c.part_of]
    unknown = [c for c in own if c.status not in READ_OK]
    by_level = dict.fromkeys(LEVELS, 0)
    by_level["none"] = 0
    for c in unknown:
        by_level[c.jlpt if c.jlpt in LEVELS else "none"] += 1
    beyond: dict[str, int] = {}
    harder = by_level["none"]
    for level in reversed(LEVELS):  # beyond N1: words without a level; beyond N2: those and N1 …
        beyond[level] = harder
        harder += by_level[level]
    in_order = {level: beyond[level] for level in LEVELS}
    learning = sum(n for status, n in token_statuses.items() if status_progress(status) is Progress.LEARNING)
    return Coverage(sum(token_statuses.values()), known_tokens, len(own), len(unknown), by_level, in_order, learning)
