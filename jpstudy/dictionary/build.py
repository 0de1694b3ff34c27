"""First-run build of the dictionary's SQLite file from the committed compressed data.

Terms:
    source: the folder pair a build reads — ``resources/dict`` (``jmdict-form``, ``jmdict-sense``,
        ``jlpt``, ``freq-ja`` tables as ``.tsv.xz`` or plain ``.tsv``, plus ``meta.json``) and the folder
        holding ``kanji-n5.tsv.xz`` … (``decks/``). Tests point it at a small fixture in the same format.
    version stamp: ``meta.json``'s ``data_version`` combined with ``SCHEMA_VERSION``; it is part of
        the built file's name (``dict-<stamp>.sqlite``), so new data or a new schema triggers a rebuild
        and the old file is deleted.
    progress callback: ``progress(done, total, message)``, called with growing ``done`` up to ``total``.
    rank: JMdict priority rank of a form: nfXX → XX; news1/ichi1/spec1/gai1 → 24; only *2 tags → 48;
        no tag → 99. Lower is more common.

The build writes a temporary file next to the target and renames it when complete, so an interrupted
build never leaves a half-built dictionary behind.
"""

from __future__ import annotations

import contextlib
import json
import lzma
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from jpstudy.paths import data_dir as resolve_data_dir
from jpstudy.paths import deck_data_path, resource_path

ProgressCallback = Callable[[int, int, str], None]

SCHEMA_VERSION = 1
LEVELS = ("N5", "N4", "N3", "N2", "N1")
_BATCH = 20_000

SCHEMA = """
CREATE TABLE form(text TEXT NOT NULL, entry INTEGER NOT NULL, kind INTEGER NOT NULL, ord INTEGER NOT NULL,
  rank INTEGER NOT NULL, info TEXT NOT NULL, restr TEXT NOT NULL, nokanji INTEGER NOT NULL,
  PRIMARY KEY(entry, kind, ord)) WITHOUT ROWID;
CREATE TABLE sense(entry INTEGER NOT NULL, ord INTEGER NOT NULL, pos TEXT NOT NULL, misc TEXT NOT NULL,
  stagk TEXT NOT NULL, stagr TEXT NOT NULL, gloss TEXT NOT NULL, PRIMARY KEY(entry, ord)) WITHOUT ROWID;
CREATE TABLE jlpt(entry INTEGER NOT NULL, reading TEXT NOT NULL, level TEXT NOT NULL,
  PRIMARY KEY(entry, reading)) WITHOUT ROWID;
CREATE TABLE freq(text TEXT PRIMARY KEY, zipf100 INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE kanji(kanji TEXT PRIMARY KEY, level TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""
INDEXES = "CREATE INDEX form_text ON form(text, rank);"


class DictionaryDataError(RuntimeError):
    """The committed dictionary data is missing or malformed (a broken install)."""


@dataclass(frozen=True)
class DataSource:
    """Where the build reads its input: the dictionary tables and the kanji lists."""

    dict_dir: Path
    kanji_dir: Path

    @classmethod
    def bundled(cls) -> DataSource:
        return cls(resource_path("dict"), deck_data_path())

    @classmethod
    def folder(cls, path: str | os.PathLike[str]) -> DataSource:
        """A source holding everything in one folder (the test fixture layout)."""
        return cls(Path(path), Path(path))

    def meta(self) -> dict[str, object]:
        path = self.dict_dir / "meta.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DictionaryDataError(f"cannot read {path}: {exc}") from exc

    def stamp(self) -> str:
        return f"{self.meta()['data_version']}-s{SCHEMA_VERSION}"

    def table_path(self, folder: Path, name: str) -> Path:
        for candidate in (folder / f"{name}.tsv.xz", folder / f"{name}.tsv"):
            if candidate.is_file():
                return candidate
        raise DictionaryDataError(f"missing data file {folder / name}.tsv.xz")


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[list[str]]:
    """Rows of a tab-separated table (xz or plain) after checking its header against ``columns``."""
    opener = lzma.open if path.suffix == ".xz" else open
    try:
        with opener(path, "rt", encoding="utf-8", newline="\n") as handle:
            header = handle.readline().rstrip("\n").split("\t")
            if tuple(header) != columns:
                raise DictionaryDataError(f"{path}: columns {header}, expected {list(columns)}")
            for line in handle:
                fields = line.rstrip("\n").split("\t")
                if len(fields) != len(columns):
                    raise DictionaryDataError(f"{path}: malformed line {line!r}")
                yield fields
    except (OSError, lzma.LZMAError, UnicodeDecodeError) as exc:
        raise DictionaryDataError(f"cannot read {path}: {exc}") from exc


def priority_rank(pri: str) -> int:
    """The rank of a form from its space-separated JMdict priority tags (see the module docstring)."""
    tags = pri.split()
    nf = [int(t[2:]) for t in tags if t.startswith("nf")]
    if nf:
        return min(nf)
    if any(t.endswith("1") for t in tags):
        return 24
    return 48 if tags else 99


def _form_rows(path: Path) -> Iterator[tuple[str, int, int, int, int, str, str, int]]:
    last_key, ord_ = (-1, -1), 0
    for entry, kind, text, pri, info, restr, nokanji in _rows(
        path, ("entry", "kind", "text", "pri", "info", "restr", "nokanji")
    ):
        key = (int(entry), 1 if kind == "r" else 0)
        ord_ = ord_ + 1 if key == last_key else 0
        last_key = key
        yield text, key[0], key[1], ord_, priority_rank(pri), info, restr, 1 if nokanji else 0


def _sense_rows(path: Path) -> Iterator[tuple[int, int, str, str, str, str, str]]:
    last_entry, ord_ = -1, 0
    for entry, pos, misc, stagk, stagr, gloss in _rows(path, ("entry", "pos", "misc", "stagk", "stagr", "gloss")):
        entry_id = int(entry)
        ord_ = ord_ + 1 if entry_id == last_entry else 0
        last_entry = entry_id
        yield entry_id, ord_, pos, misc, stagk, stagr, gloss


def _kanji_rows(source: DataSource) -> Iterator[tuple[str, str]]:
    seen: set[str] = set()
    for level in LEVELS:  # easiest first, so a kanji listed twice keeps its easiest level
        path = source.table_path(source.kanji_dir, f"kanji-{level.lower()}")
        for row in _rows(path, ("kanji", "onyomi", "kunyomi", "meaning", "strokes")):
            if row[0] not in seen:
                seen.add(row[0])
                yield row[0], level


def _build(con: sqlite3.Connection, source: DataSource, progress: ProgressCallback | None) -> None:
    meta = source.meta()
    counts = meta.get("counts", {})
    steps = [
        ("forms", "INSERT INTO form VALUES (?,?,?,?,?,?,?,?)",
         _form_rows(source.table_path(source.dict_dir, "jmdict-form"))),
        ("senses", "INSERT INTO sense VALUES (?,?,?,?,?,?,?)",
         _sense_rows(source.table_path(source.dict_dir, "jmdict-sense"))),
        ("JLPT levels", "INSERT OR REPLACE INTO jlpt VALUES (?,?,?)",
         _rows(source.table_path(source.dict_dir, "jlpt"), ("entry", "reading", "level"))),
        ("word frequencies", "INSERT OR IGNORE INTO freq VALUES (?,?)",
         _rows(source.table_path(source.dict_dir, "freq-ja"), ("text", "zipf100"))),
        ("kanji levels", "INSERT INTO kanji VALUES (?,?)", _kanji_rows(source)),
    ]
    expected = {"forms": counts.get("forms", 0), "senses": counts.get("senses", 0),
                "JLPT levels": counts.get("jlpt_pairs", 0), "word frequencies": counts.get("freq", 0),
                "kanji levels": sum(counts.get("kanji", {}).values())}
    index_cost = max(1, expected["forms"] // 3)  # the index pass takes about a third of the form inserts
    total = sum(expected.values()) + index_cost
    done = 0

    def report(message: str) -> None:
        if progress is not None:
            progress(min(done, total - 1), total, message)

    con.executescript(SCHEMA)
    for label, sql, rows in steps:
        report(f"Reading {label}")
        batch: list[tuple[object, ...]] = []
        for row in rows:
            batch.append(tuple(row))
            if len(batch) >= _BATCH:
                con.executemany(sql, batch)
                done += len(batch)
                batch.clear()
                report(f"Reading {label}")
        con.executemany(sql, batch)
        done += len(batch)
    report("Indexing")
    con.executescript(INDEXES)
    con.executemany("INSERT INTO meta VALUES (?, ?)",
                    [(k, v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)) for k, v in meta.items()]
                    + [("stamp", source.stamp())])
    con.commit()
    done = total
    if progress is not None:
        progress(total, total, "Dictionary ready")


def dictionary_file(data_dir: Path, source: DataSource) -> Path:
    return data_dir / f"dict-{source.stamp()}.sqlite"


def ensure_built(
    data_dir: str | os.PathLike[str] | None = None,
    progress: ProgressCallback | None = None,
    source: DataSource | None = None,
) -> Path:
    """Path of the built dictionary in the data folder, building it first if it is missing or stale.

    Stale files of other versions are removed afterwards. Raises DictionaryDataError when the
    committed data is unreadable; no partial file is left behind in that case.
    """
    source = source or DataSource.bundled()
    folder = resolve_data_dir(data_dir)
    target = dictionary_file(folder, source)
    if not target.exists():
        handle, tmp_name = tempfile.mkstemp(prefix=".dict-build-", suffix=".sqlite", dir=folder)
        os.close(handle)
        tmp = Path(tmp_name)
        try:
            con = sqlite3.connect(tmp)
            try:
                con.execute("PRAGMA journal_mode = OFF")
                con.execute("PRAGMA synchronous = OFF")
                _build(con, source, progress)
            finally:
                con.close()
            os.replace(tmp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
    for old in folder.glob("dict-*.sqlite"):
        if old != target:
            with contextlib.suppress(OSError):  # e.g. still open in another process on Windows
                old.unlink()
    return target


def terminal_progress(done: int, total: int, message: str) -> None:
    """A progress callback that redraws one line on stderr: "Building dictionary  42%  Reading senses"."""
    percent = 100 * done // total if total else 100
    end = "\n" if done >= total else ""
    sys.stderr.write(f"\rBuilding dictionary {percent:3d}%  {message:<24}{end}")
    sys.stderr.flush()
