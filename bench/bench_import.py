"""Import from Anki: an ``.apkg`` of 10,000 notes with 100,000 review-log rows.

Figure (see ``common``):
    import with history: ``jpstudy.anki_import.import_package`` into an empty collection — unpacking
        the zstd-compressed ``collection.anki21b``, reading note types, decks, presets, notes, cards
        and review log, mapping the fields, linking each word to JMdict, converting every card's
        state, and writing it all in one transaction. Target ≤ 5 s.
        Anchor: Anki's own importer (the ``anki`` package, 26.9.3) importing the same package with
        scheduling into an empty collection, measured in the same run.

The package is built once with the ``anki`` package — notes on a Japanese note type (the JLPT words
bundled with jpstudy, then numbered words up to 10,000), 80 % of the cards given a review state and
a history written into Anki's tables — exported by Anki itself, and cached in ``bench/.cache``.

    python bench/bench_import.py        # prints the figure
"""

from __future__ import annotations

import os

os.environ["ANKI_TEST_MODE"] = "1"

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CACHE_DIR, Result, cached_fixture, wall_and_cpu

from jpstudy.anki_import import import_package
from jpstudy.collection import Collection
from jpstudy.decks import LEVELS, load_jlpt_words
from jpstudy.dictionary import Dictionary

NOTES = 10_000
REVIEWS = 100_000
FIXTURE_VERSION = 1
REPEAT = 3
DAY_MS = 86_400_000


def _words() -> list[tuple[str, str, str]]:
    seen: dict[tuple[str, str], str] = {}
    for level in LEVELS:
        for w in load_jlpt_words(level):
            seen.setdefault((w.word, w.reading), w.meaning)
    words = [(w, r, m) for (w, r), m in seen.items()][:NOTES]
    words += [(f"語{i}", f"ご{i}", f"word {i}") for i in range(NOTES - len(words))]
    return words


def build_package(out: Path) -> None:
    """The cached package (see the module docstring)."""
    from anki.collection import Collection as AnkiCollection
    from anki.collection import ExportAnkiPackageOptions
    from anki.generic_pb2 import Empty
    from anki.import_export_pb2 import ExportLimit

    with tempfile.TemporaryDirectory() as tmp:
        col = AnkiCollection(str(Path(tmp) / "collection.anki2"))
        col.db.execute("pragma synchronous = off")
        mm = col.models
        model = mm.new("Japanese Vocab")
        for name in ("Expression", "Reading", "Meaning", "Sentence"):
            mm.add_field(model, mm.new_field(name))
        template = mm.new_template("Recognition")
        template["qfmt"], template["afmt"] = "{{Expression}}", "{{FrontSide}}<hr id=answer>{{Reading}} {{Meaning}}"
        mm.add_template(model, template)
        mm.add(model)
        model = mm.by_name("Japanese Vocab")
        decks = [col.decks.id(f"日本語::{level}") for level in LEVELS]
        for i, (word, reading, meaning) in enumerate(_words()):
            note = col.new_note(model)
            note["Expression"], note["Reading"], note["Meaning"] = word, reading, f"<b>{meaning}</b>"
            note["Sentence"] = f"この{word}は大事です。"
            col.add_note(note, decks[i % len(decks)])
        rng = random.Random(20260601)
        today = col.sched.today
        card_ids = col.db.list("select id from cards order by id")
        studied = [c for c in card_ids if rng.random() < 0.8]
        per_card = REVIEWS // len(studied)
        extra = REVIEWS - per_card * len(studied)
        next_id = int(time.time() * 1000) - 400 * DAY_MS
        rows = []
        for n, card_id in enumerate(studied):
            count = per_card + (1 if n < extra else 0)
            ivl = rng.randint(1, 300)
            col.db.execute("update cards set type = 2, queue = 2, ivl = ?, due = ?, factor = ?, reps = ?, "
                           "lapses = ? where id = ?", ivl, today + rng.randint(-20, ivl), rng.choice(
                               (1300, 2050, 2500, 2650)), count, rng.randint(0, 3), card_id)
            for k in range(count):
                next_id += rng.randint(1, 4000)
                rows.append((next_id, card_id, rng.choice((1, 3, 3, 3, 4)), k + 1, k, 2500, 5000, 1))
        col.db.executemany("insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
                           "values (?, ?, -1, ?, ?, ?, ?, ?, ?)", rows)
        options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=True)
        col.export_anki_package(out_path=str(out), options=options, limit=ExportLimit(whole_collection=Empty()))
        col.close()


def fixture() -> Path:
    """The cached package (built on first use)."""
    return cached_fixture(f"import-{NOTES}-{REVIEWS}-v{FIXTURE_VERSION}.apkg", build_package)


def run() -> list[Result]:
    from anki.collection import Collection as AnkiCollection
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    package = fixture()
    work = Path(tempfile.mkdtemp(prefix="jpstudy-bench-import-"))
    counts: dict[str, int] = {}
    try:
        dictionary = Dictionary.open(CACHE_DIR / "import-dictionary")
        anki_cols = []
        for n in range(REPEAT):
            (work / f"anki{n}").mkdir()
            anki_cols.append(AnkiCollection(str(work / f"anki{n}" / "collection.anki2")))
        request = ImportAnkiPackageRequest(package_path=str(package),
                                           options=ImportAnkiPackageOptions(with_scheduling=True))

        def anki_import() -> None:
            anki_cols.pop().import_anki_package(request)

        jp_cols = [Collection.open(work / f"jp{n}.sqlite3") for n in range(REPEAT)]
        pending = list(jp_cols)

        def jp_import() -> None:
            summary = import_package(pending.pop(), package, dictionary=dictionary)
            counts.update(notes=summary.notes_added, merged=summary.notes_updated, cards=summary.cards,
                          revlog=summary.revlog)

        opened = list(anki_cols)
        anchor, anchor_cpu = wall_and_cpu(anki_import, REPEAT)
        value, value_cpu = wall_and_cpu(jp_import, REPEAT)
        linked = jp_cols[0].db.execute("SELECT count(*) FROM notes WHERE entry_id IS NOT NULL").fetchone()[0]
        for col in opened:
            col.close()
        for jp in jp_cols:
            jp.close()
        dictionary.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    size_mb = package.stat().st_size / 1e6
    return [
        Result(
            name=f"import {NOTES:,} notes with {REVIEWS:,} review-log rows (.apkg)", value=value,
            anchor="Anki 26.9.3 importing the same package", anchor_value=anchor, unit="s", value_limit=5.0,
            note=(f"{counts.get('notes', 0):,} notes added, {counts.get('merged', 0):,} merged into a note of the same "
                  f"JMdict entry and reading, {counts.get('cards', 0):,} cards, "
                  f"{counts.get('revlog', 0):,} rows imported, {linked:,} words linked to JMdict; median of "
                  f"{REPEAT}, each into an empty collection; CPU {value_cpu:.2f} s vs anchor {anchor_cpu:.2f} s; "
                  f"package {size_mb:.1f} MB"),
        ),
    ]


if __name__ == "__main__":
    for result in run():
        print(f"{result.name}: {result.value:.2f} {result.unit} (anchor {result.anchor}: "
              f"{result.anchor_value:.2f} {result.unit}, ratio {result.ratio:.2f}×) — {result.note}")
