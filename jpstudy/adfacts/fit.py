"""The user's fit for an ad: the Japanese level it asks for against what the collection says they know.

Terms:
    level known: the share of a JLPT list's words the user knows, as the JLPT progress counts it
        (``jpstudy.stats.level_progress``: known words of the list / all its words).
    ad known: the share of the ad's words the user can read (``jpstudy.mining.Coverage.known_share``).
    level reached: the hardest JLPT level L such that the user knows at least ``REACHED_SHARE`` of the
        words of L and of every easier list; None before N5 is reached.
    within reach: an ad the user can apply for at their level: it asks for no level (or states none),
        or for a level they have reached.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from jpstudy.adfacts.models import AdFacts
from jpstudy.decks import LEVELS

REACHED_SHARE = 0.8
"""A JLPT level is reached when at least this share of its words (and of every easier list's) is known."""


class LevelKnown(Protocol):
    """One JLPT list's progress (``jpstudy.stats.LevelProgress`` has it)."""

    level: str
    total: int
    known: int


def _share(progress: LevelKnown) -> float:
    return progress.known / progress.total if progress.total else 0.0


def level_reached(progress: Sequence[LevelKnown]) -> str | None:
    """The level reached (see the module docstring) by the lists' progress."""
    by_level = {p.level: p for p in progress}
    reached = None
    for level in LEVELS:
        if level not in by_level or _share(by_level[level]) < REACHED_SHARE:
            break
        reached = level
    return reached


def within_reach(asked: str | None, reached: str | None) -> bool:
    """Whether an ad asking for ``asked`` (a level, "not_required" or None) is within reach at ``reached``."""
    if asked not in LEVELS:
        return True
    return reached is not None and LEVELS.index(asked) <= LEVELS.index(reached)


@dataclass(frozen=True)
class Fit:
    """The fit of one ad (see the module docstring).

    Attributes:
        asked: the level the ad asks for ("N2"), "not_required", or None when it states none.
        level_known: the share of the asked level's words known (None when no level is asked).
        ad_known: the share of the ad's words known.
        reached: the level the user has reached (None: not N5 yet).
    """

    asked: str | None
    level_known: float | None
    ad_known: float
    reached: str | None

    @property
    def within_reach(self) -> bool:
        """Whether the ad is within reach (see the module docstring)."""
        return within_reach(self.asked, self.reached)

    def to_json(self) -> dict[str, object]:
        """``{asked, level_known, ad_known, reached, within_reach, sentence}`` (shares rounded to 4 places)."""
        return {"asked": self.asked, "level_known": None if self.level_known is None else round(self.level_known, 4),
                "ad_known": round(self.ad_known, 4), "reached": self.reached, "within_reach": self.within_reach,
                "sentence": self.sentence()}

    def sentence(self) -> str:
        """"This ad asks for JLPT N2. You know 64 % of the N2 words and 81 % of this ad's words.\""""
        ad = f"{self.ad_known * 100:.0f} %"
        if self.asked in LEVELS and self.level_known is not None:
            return (f"This ad asks for JLPT {self.asked}. You know {self.level_known * 100:.0f} % of the "
                    f"{self.asked} words and {ad} of this ad's words.")
        if self.asked == "not_required":
            return f"This ad asks for no Japanese level. You know {ad} of its words."
        return f"This ad does not state a Japanese level. You know {ad} of its words."

    def reach_sentence(self) -> str:
        """Whether the user has reached the level asked: "You have reached N3." …"""
        if self.asked not in LEVELS:
            return ""
        if self.within_reach:
            return (f"You have reached {self.asked}: you know at least {REACHED_SHARE * 100:.0f} % of its words "
                    "and of the easier levels'.")
        so_far = f"You have reached {self.reached} so far" if self.reached else "You have not reached N5 yet"
        return (f"{so_far} (a level counts as reached when you know {REACHED_SHARE * 100:.0f} % of its words and "
                "of the easier levels').")


def fit_of(facts: AdFacts, ad_known: float, progress: Sequence[LevelKnown]) -> Fit:
    """The fit of the ad with ``facts`` whose words the user knows ``ad_known`` of, by the JLPT
    lists' ``progress`` (``jpstudy.stats.level_progress(col)``)."""
    asked = facts.japanese_level.value
    by_level = {p.level: p for p in progress}
    known = _share(by_level[asked]) if asked in by_level else None
    return Fit(asked, known, ad_known, level_reached(progress))
