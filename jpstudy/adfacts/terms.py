"""The words that name facts in job ads, from ``resources/adfacts/terms.tsv`` (see its header).

Terms:
    term: a word as ads write it, folded (see ``jpstudy.adfacts.scan``), with the ``value`` it stands for
        (a code of ``jpstudy.adfacts.models.AdFacts`` or a JLPT level) and its plain English.
    kind: the group of a term (employment, allowance, licence, japanese, insurance, housing, day, apply);
        each kind gets one pattern matching any of its terms, longest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jpstudy.paths import resource_path

KINDS = ("employment", "allowance", "licence", "japanese", "insurance", "housing", "day", "apply")


@dataclass(frozen=True)
class Term:
    """One row of the terms table."""

    kind: str
    term: str
    value: str
    english: str


@dataclass(frozen=True)
class TermTable:
    """The terms of one kind and a pattern that finds any of them (the longest first)."""

    terms: dict[str, Term]
    pattern: re.Pattern[str]

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, Term]]:
        """Every (start, end, term) in ``text[start:end]``, left to right, none overlapping."""
        return [(m.start(), m.end(), self.terms[m.group()])
                for m in self.pattern.finditer(text, start, len(text) if end is None else end)]


def load(path: Path) -> dict[str, TermTable]:
    """The terms table at ``path`` by kind.

    Raises:
        ValueError: a row has not four columns, or an unknown kind (the message names the line).
    """
    by_kind: dict[str, dict[str, Term]] = {kind: {} for kind in KINDS}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 4 or cells[0] not in by_kind or not cells[1]:
            raise ValueError(f"{path.name} line {number}: expected kind, term, value, English ({line!r})")
        by_kind[cells[0]][cells[1]] = Term(*cells)
    return {kind: TermTable(terms, re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))))
            for kind, terms in by_kind.items()}


@cache
def terms() -> dict[str, TermTable]:
    """The shipped terms table, loaded once."""
    return load(resource_path("adfacts", "terms.tsv"))
