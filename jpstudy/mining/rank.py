"""The order of mined candidates: most useful first.

Order: words seen as words of their own before words seen only inside a longer word; then job-glossary
terms; then frequency bands (wordfreq zipf, half-point bands, commonest first; unknown frequency last);
then JLPT level, easiest first (no level last); then how often the word occurs in the ad; then position.
"""

from __future__ import annotations

from typing import Protocol

LEVEL_ORDER = {"N5": 0, "N4": 1, "N3": 2, "N2": 3, "N1": 4}


class Rankable(Protocol):
    """What ranking reads from a candidate."""

    part_of: bool
    glossary: bool
    frequency: float | None
    jlpt: str | None
    count: int
    first: int


def rank_key(c: Rankable) -> tuple[int, int, float, int, int, int]:
    """Sort key: smaller is more useful (see the module docstring)."""
    band = -round((c.frequency or 0.0) * 2) / 2
    return (int(c.part_of), 0 if c.glossary else 1, band, LEVEL_ORDER.get(c.jlpt or "", 5), -c.count, c.first)
