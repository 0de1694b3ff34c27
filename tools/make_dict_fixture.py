"""Write the small test dictionary ``tests/fixtures/dict/`` from the committed real data.

It keeps the listed JMdict entries (all their forms and senses), their JLPT pairs, the frequency rows of
their forms, and the JLPT kanji occurring in them, as plain ``.tsv`` files in the bundled format, so the
lookup-rule tests run on real JMdict records in milliseconds.

    /work/venv/bin/python tools/make_dict_fixture.py
"""

from __future__ import annotations

import json
import lzma
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DICT_DIR = REPO / "resources" / "dict"
DECK_DIR = REPO / "decks"
OUT = REPO / "tests" / "fixtures" / "dict"
LEVELS = ("N5", "N4", "N3", "N2", "N1")

# entry ids, with why each is in the fixture
ENTRIES = {
    1313580: "事 こと: uk noun, shares こと with 琴 and 古都",
    2187200: "事 じ: homograph of 事 with no priority",
    2613010: "事 ごと: suffix homograph",
    1241450: "琴 こと: higher-priority reb こと than 事",
    1265960: "古都 こと",
    1157170: "為る する: uk verb",
    1595910: "擦る する",
    1298670: "刷る する",
    1375610: "成る/為る なる: shares the keb 為る",
    1582710: "日本 にほん/にっぽん",
    2278230: "ＩＴ: full-width Latin form",
    2322310: "ＰＣ: full-width Latin form",
    1000160: "Ｔシャツ: full-width letter inside a katakana word",
    2304700: "３Ｄ: full-width digit and letter",
    1584640: "明後日 あさって/みょうごにち: JLPT at several levels",
    1340450: "出来る できる",
    1607070: "伯父/叔父 おじ/はくふ/しゅくふ: re_restr",
    1121380: "ペン: katakana-only word",
    1006810: "そっと: kana-only word with a rare kanji homograph",
    1551230: "率土 そっと: the rare homograph",
    2275450: "勤務地: compound without JLPT level",
    1578850: "行く いく/ゆく",
}


def _read(path: Path) -> list[list[str]]:
    with lzma.open(path, "rt", encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle]


def _write(name: str, rows: list[list[str]]) -> None:
    (OUT / name).write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    wanted = {str(e) for e in ENTRIES}
    forms = _read(DICT_DIR / "jmdict-form.tsv.xz")
    form_rows = [forms[0]] + [r for r in forms[1:] if r[0] in wanted]
    senses = _read(DICT_DIR / "jmdict-sense.tsv.xz")
    sense_rows = [senses[0]] + [r for r in senses[1:] if r[0] in wanted]
    jlpt = _read(DICT_DIR / "jlpt.tsv.xz")
    jlpt_rows = [jlpt[0]] + [r for r in jlpt[1:] if r[0] in wanted]
    texts = {r[3] for r in form_rows[1:]} | {"it", "pc"}
    freq = _read(DICT_DIR / "freq-ja.tsv.xz")
    freq_rows = [freq[0]] + [r for r in freq[1:] if r[0] in texts]
    chars = {ch for t in texts for ch in t}
    kanji_counts = {}
    for level in LEVELS:
        kanji = _read(DECK_DIR / f"kanji-{level.lower()}.tsv.xz")
        rows = [kanji[0]] + [r for r in kanji[1:] if r[0] in chars]
        kanji_counts[level] = len(rows) - 1
        _write(f"kanji-{level.lower()}.tsv", rows)
    _write("jmdict-form.tsv", form_rows)
    _write("jmdict-sense.tsv", sense_rows)
    _write("jlpt.tsv", jlpt_rows)
    _write("freq-ja.tsv", freq_rows)
    meta = {
        "data_version": "fixture-1",
        "jmdict_created": json.loads((DICT_DIR / "meta.json").read_text(encoding="utf-8"))["jmdict_created"],
        "entries": ENTRIES,
        "counts": {
            "forms": len(form_rows) - 1,
            "senses": len(sense_rows) - 1,
            "jlpt_pairs": len(jlpt_rows) - 1,
            "freq": len(freq_rows) - 1,
            "kanji": kanji_counts,
        },
    }
    (OUT / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
