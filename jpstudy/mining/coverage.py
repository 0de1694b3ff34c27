"""Readiness figures for one ad: how much of it the user can already read.

Terms:
    word token: one occurrence in the ad of a candidate seen as a word of its own (a span).
    known share: known word tokens / all word tokens (names excluded). Ignored words count as known:
        the user decided not to study them.
    beyond level X: distinct not-yet-known candidates whose JLPT level is harder than X, or that have
        no level (compounds and glossary terms rarely have one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

LEVELS = ("N5", "N4", "N3", "N2", "N1")
READ_OK = frozenset(("known", "ignored"))


class _Cand(Protocol):
    status: str
    jlpt: str | None
    part_of: bool


class _Span(Protocol):
    status: str


@dataclass(frozen=True)
class Coverage:
    """Readiness figures (see the module docstring)."""

    word_tokens: int
    known_tokens: int
    unique_words: int
    unknown_words: int
    by_level: dict[str, int]
    beyond: dict[str, int]

    @property
    def known_share(self) -> float:
        """Share of word tokens known (1.0 for a text without words)."""
        return self.known_tokens / self.word_tokens if self.word_tokens else 1.0

    def summary(self, level: str = "N3") -> str:
        """A readiness line: "you know 82% of the words; 14 words beyond N3"."""
        beyond = self.beyond.get(level, 0)
        return f"you know {self.known_share:.0%} of the words; {beyond} words beyond {level}"

    def to_json(self) -> dict[str, Any]:
        """The figures as a JSON-ready dict."""
        return {
            "word_tokens": self.word_tokens, "known_tokens": self.known_tokens,
            "known_share": round(self.known_share, 4), "unique_words": self.unique_words,
            "unknown_words": self.unknown_words, "by_level": dict(self.by_level), "beyond": dict(self.beyond),
            "summary": self.summary(),
        }


def coverage_of(candidates: Sequence[_Cand], spans: Sequence[_Span]) -> Coverage:
    """Coverage of an ad from its candidates (names excluded) and its word spans."""
    known_tokens = sum(1 for s in spans if s.status in READ_OK)
    own = [c for c in candidates if not c.part_of]
    unknown = [c for c in own if c.status not in READ_OK]
    by_level = {lv: sum(1 for c in unknown if c.jlpt == lv) for lv in LEVELS}
    by_level["none"] = sum(1 for c in unknown if c.jlpt not in LEVELS)
    beyond = {
        lv: sum(1 for c in unknown if c.jlpt not in LEVELS or LEVELS.index(c.jlpt) > i)
        for i, lv in enumerate(LEVELS)
    }
    return Coverage(len(spans), known_tokens, len(own), len(unknown), by_level, beyond)
