"""The job-ad library: listing 1,000 saved ads and computing the job-market word list over them.

Figures (see ``common``):
    list 1,000 ads: ``AdLibrary.list()`` — every saved ad with its readiness when saved and today
        (today's status of every word of every ad, from the collection's cards and marks).
    word list over 1,000 ads: ``AdLibrary.word_list()`` — every distinct word of the ads ranked by the
        number of ads using it, then by count, each with today's status.
    list + word list: both, as the library view shows them. Target ≤ 1 s (issue 8).
Anchor of each: a bare SQLite scan that fetches the same rows into Python (every ad, every ad-word
occurrence, every distinct word), without any status, ranking or aggregation — the least any
implementation reads.

The input, built once and cached in ``bench/.cache``: a collection with the bundled JLPT N5–N3 decks
(5,000+ cards; a share made mature, a share marked known or ignored, as after months of study) and
1,000 saved ads of about 200 distinct words each (drawn with a Zipf-like skew from the 8,000 JLPT
words, so common words recur across ads as in real job ads), about 200,000 ad-word rows in all.

    python bench/bench_ads.py        # prints the figures
"""

from __future__ import annotations

import functools
import random
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Result, cached_fixture, median_time

from jpstudy.ads import AdLibrary
from jpstudy.collection import Collection
from jpstudy.collection.schema import SCHEMA_VERSION
from jpstudy.decks import load_jlpt_words

ADS = 1_000
WORDS_PER_AD = (150, 250)
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
CREATED = NOW - timedelta(days=400)
FIXTURE_VERSION = 1
REPEAT = 5
LIMIT_MS = 1_000.0
JOB_TYPES = ("介護", "IT", "製造", "飲食", "物流", "英会話")


@dataclass(frozen=True)
class _Word:
    """A mined word as saving reads it."""

    word: str
    reading: str
    meaning: str
    jlpt: str | None
    count: int
    sentence: str
    status: str
    entry_id: int | None


def build_fixture(path: Path) -> None:
    """The collection with its study state and ``ADS`` saved ads (see the module docstring)."""
    rng = random.Random(20260601)
    vocab = [w for level in ("N5", "N4", "N3", "N2", "N1") for w in load_jlpt_words(level)]
    rng.shuffle(vocab)
    weights = [1 / (rank + 10) for rank in range(len(vocab))]
    with Collection.open(path, created=CREATED) as col:
        col.db.execute("PRAGMA synchronous = OFF")  # building the input only; the figures use FULL
        for level in ("N5", "N4", "N3"):
            col.add_jlpt_deck(level, now=CREATED)
        with col.transaction() as db:  # months of study: a third of the cards mature, some young
            db.execute("UPDATE cards SET type = 2, queue = 2, ivl = 30 + id % 60, due = 390 WHERE id % 3 = 0")
            db.execute("UPDATE cards SET type = 2, queue = 2, ivl = 1 + id % 20, due = 400 WHERE id % 7 = 1")
        for w in rng.sample(vocab, 600):
            col.mark_known(w.word, w.reading, w.entry_id)
        for w in rng.sample(vocab, 60):
            col.ignore_word(w.word, w.reading, w.entry_id)
        lib = AdLibrary(col)
        status = functools.cache(col.word_status)
        for i in range(ADS):
            picked = {(w.word, w.reading): w for w in rng.choices(vocab, weights, k=rng.randint(*WORDS_PER_AD))}
            words = [
                _Word(w.word, w.reading, w.meaning, w.level, rng.choice((1, 1, 1, 2, 2, 3, 5)),
                      f"{w.word}があります。", status(w.entry_id, w.word, w.reading), w.entry_id)
                for w in picked.values()
            ]
            text = f"求人 {i}: {rng.choice(JOB_TYPES)}スタッフ募集\n" + "".join(w.sentence for w in words) * 2
            lib.save(text, words, source="bench", job_type=rng.choice(JOB_TYPES),
                     tags=rng.sample(("夜勤", "正社員", "未経験可", "週休2日", "寮あり"), 2),
                     now=CREATED + timedelta(hours=9 * i))


def fixture() -> Path:
    """The cached input collection (built on first use)."""
    return cached_fixture(f"ads-{ADS}-v{FIXTURE_VERSION}-s{SCHEMA_VERSION}.sqlite3", build_fixture)


def run() -> list[Result]:
    """Measure the figures of the module docstring on a copy of the cached input."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "collection.sqlite3"
        shutil.copyfile(fixture(), path)
        with Collection.open(path) as col:
            lib = AdLibrary(col)
            rows = col.db.execute("SELECT count(*) FROM ad_words").fetchone()[0]
            assert len(lib.list()) == ADS

            def scan_ads() -> None:
                col.db.execute("SELECT id, title, source, saved_at, job_type, tags, word_tokens, "
                               "known_at_save FROM ads").fetchall()

            def scan_words() -> None:
                col.db.execute("SELECT ad_id, vocab_id, count, tokens FROM ad_words").fetchall()
                col.db.execute("SELECT id, word, reading, entry_id, meaning, jlpt FROM ad_vocab").fetchall()

            def scan_both() -> None:
                scan_ads()
                scan_words()

            def both() -> None:
                lib.list()
                lib.word_list()

            anchor = median_time(scan_both, REPEAT) * 1000
            listing = median_time(lib.list, REPEAT) * 1000
            words = median_time(lib.word_list, REPEAT) * 1000
            total = median_time(both, REPEAT) * 1000
            distinct = len(lib.word_list())
    note = f"{ADS:,} ads, {rows:,} ad-word rows, {distinct:,} distinct words; median of {REPEAT}"
    anchor_name = "bare SQLite scan of the same rows"
    return [
        Result(f"list {ADS:,} saved ads (readiness then/now)", listing, anchor_name, anchor, "ms", note=note),
        Result(f"word list over {ADS:,} ads (ranked, with status)", words, anchor_name, anchor, "ms"),
        Result("list + word list", total, anchor_name, anchor, "ms", value_limit=LIMIT_MS),
    ]


if __name__ == "__main__":
    for r in run():
        print(f"{r.name}: {r.value:.1f} {r.unit}  (anchor {r.anchor}: {r.anchor_value:.1f} {r.unit}, "
              f"ratio {r.ratio:.2f}x{', target ' + r.target if r.target else ''}"
              f"{'' if r.met is None else ', met' if r.met else ', NOT met'})")
        if r.note:
            print(f"  {r.note}")
