"""The job-terms glossary (resources/jobterms.tsv): words of Japanese job ads, many of them missing
from JMdict (年間休日, 固定残業代, 正社員登用 …), with plain-English notes on the ones a foreign worker
must not misread.

File format: UTF-8, one term per line, tab-separated ``headword, reading, meaning, note`` (note may be
empty); blank lines and lines starting with ``#`` are ignored, except a section heading
``# --- Pay / salary 給与 ---``, which gives the terms after it their topic. The headword column may list other
spellings after ``|`` (``完全週休二日制|完全週休2日制``): they are matched in ads and shown as the first.
The reading is hiragana, with katakana kept for katakana parts (就労ビザ しゅうろうビザ).

Terms:
    key: the headword as the tokenizer sees it, i.e. NFKC-normalised and width-folded.
    topic: the section of the glossary a term is listed in ("Hours 勤務時間").
    offer topic: a topic of what the job offers and asks for (pay, hours, days off, insurance, the
        contract, visas, requirements): :data:`OFFER_TOPICS`. Their terms are what a job seeker must
        understand first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jpstudy.mining.normalise import fold_width

OFFER_TOPICS = frozenset((
    "Pay / salary 給与", "Hours 勤務時間", "Holidays 休日・休暇", "Insurance and benefits 保険・福利厚生",
    "Contract types 雇用形態", "Visas and status of residence 在留資格", "Requirements 応募資格",
))
_SECTION = re.compile(r"#\s*---\s*(.+?)\s*---\s*$")


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    """One glossary row."""

    word: str
    reading: str
    meaning: str
    note: str = ""
    variants: tuple[str, ...] = ()
    topic: str = ""

    @property
    def offer(self) -> bool:
        """True if the term is of an offer topic (see the module docstring)."""
        return self.topic in OFFER_TOPICS


class GlossaryError(ValueError):
    """The glossary file is malformed (the message names the line)."""


@dataclass(frozen=True)
class Glossary:
    """Terms by key, and the sorted keys for prefix probing during the longest-match scan."""

    terms: dict[str, GlossaryTerm]

    @classmethod
    def from_rows(cls, rows: Iterable[GlossaryTerm]) -> Glossary:
        """A glossary of ``rows``; a later row with the same key replaces an earlier one."""
        return cls({key_of(spelling): t for t in rows for spelling in (t.word, *t.variants)})

    def get(self, key: str) -> GlossaryTerm | None:
        """The term whose key is ``key``, else None."""
        return self.terms.get(key)

    def __len__(self) -> int:
        return len(self.terms)


def key_of(word: str) -> str:
    """The lookup key of a headword (NFKC, then ASCII letters and digits full width)."""
    return fold_width(unicodedata.normalize("NFKC", word.strip()))


def parse(text: str, origin: str = "glossary") -> list[GlossaryTerm]:
    """The rows of a glossary file's text; raises :class:`GlossaryError` on a malformed line."""
    rows: list[GlossaryTerm] = []
    topic = ""
    for number, line in enumerate(text.splitlines(), start=1):
        section = _SECTION.match(line.strip())
        if section:
            topic = section.group(1)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) < 3 or not all(parts[:3]):
            raise GlossaryError(f"{origin}:{number}: expected headword, reading, meaning[, note]: {line!r}")
        word, *variants = (w.strip() for w in parts[0].split("|"))
        note = parts[3] if len(parts) > 3 else ""
        rows.append(GlossaryTerm(word, parts[1], parts[2], note, tuple(variants), topic))
    return rows


def load(path: Path) -> Glossary:
    """The glossary stored at ``path``."""
    return Glossary.from_rows(parse(path.read_text(encoding="utf-8"), origin=str(path)))


@lru_cache(maxsize=1)
def bundled() -> Glossary:
    """The glossary shipped with jpstudy (resources/jobterms.tsv), loaded once."""
    from jpstudy.paths import resource_path

    return load(resource_path("jobterms.tsv"))
