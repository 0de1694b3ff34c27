"""First-run build of the dictionary's SQLite file from the committed compressed data.

Terms:
    source: the folder pair a build reads — ``resources/dict`` (``jmdict-form``, ``jmdict-sense``,
        ``jlpt``, ``freq-ja`` tables as ``.tsv.xz`` or plain ``.tsv``, plus ``meta.json``) and the folder
        holding ``kanji-n5.tsv.xz`` … (``decks/``). Tests point it at a small fixture in the same format.
    version stamp: ``meta.json``'s ``data_version`` combined with ``SCHEMA_VERSION``; it is part of
        the built file's name (``dict-<stamp>.sqlite``), so new data or a new schema triggers a rebuild
        and the old file is deleted.
    progress callback: ``progress(done, total, message)``, called with growing ``done`` up to ``total``.
    rank: JMdict priority rank of a form, computed by tools/build_dictdata.py: nfXX → XX;
        news1/ichi1/spec1/gai1 → 24; only *2 tags → 48; no tag → 99. Lower is more common.

The build writes a temporary file next to the target and renames it when complete, so an interrupted
build never leaves a half-built dictionary behind.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import json
import lzma
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from jpstudy.paths import data_dir as resolve_data_dir
from jpstudy.paths import deck_data_path, resource_path

ProgressCallback = Callable[[int, int, str], None]

SCHEMA_VERSION = 2  # 2: form/sense columns in file order (entry, kind, ord, …)
LEVELS = ("N5", "N4", "N3", "N2", "N1")
_BATCH = 20_000

FORM_COLUMNS = ("entry", "kind", "ord", "text", "rank", "info", "restr", "nokanji")
SENSE_COLUMNS = ("entry", "ord", "pos", "misc", "stagk", "stagr", "gloss")
JLPT_COLUMNS = ("entry", "reading", "level")
FREQ_COLUMNS = ("text", "zipf100")
KANJI_COLUMNS = ("kanji", "onyomi", "kunyomi", "meaning", "strokes")

# The miner (jpstudy.mining.dictlexicon) reads these tables directly: keep names and meanings stable.
# form.kind: 0 = kanji form (keb), 1 = reading (reb); form.ord: position within its kind in the entry;
# restr/stagk/stagr/gloss: "|"-joined lists; info/pos/misc: space-separated JMdict codes.
SCHEMA = """
CREATE TABLE form(entry INTEGER NOT NULL, kind INTEGER NOT NULL, ord INTEGER NOT NULL, text TEXT NOT NULL,
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

    def meta(self) -> dict[str, Any]:
        """The source's ``meta.json``: data_version, sources, dates and the row counts of each table."""
        path = self.dict_dir / "meta.json"
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DictionaryDataError(f"cannot read {path}: {exc}") from exc
        if not isinstance(meta, dict):
            raise DictionaryDataError(f"{path}: not a JSON object")
        return meta

    def stamp(self) -> str:
        version = self.meta().get("data_version")
        if not isinstance(version, str) or not version.replace("-", "").isalnum():
            raise DictionaryDataError(f"{self.dict_dir / 'meta.json'}: missing or bad data_version {version!r}")
        return f"{version}-s{SCHEMA_VERSION}"

    def table_path(self, folder: Path, name: str) -> Path:
        for candidate in (folder / f"{name}.tsv.xz", folder / f"{name}.tsv"):
            if candidate.is_file():
                return candidate
        raise DictionaryDataError(f"missing data file {folder / name}.tsv.xz")


def _open_table(path: Path, columns: tuple[str, ...]) -> tuple[IO[str], Iterator[list[str]]]:
    """An open table file and a reader of its rows after the header, checked against ``columns``."""
    opener = lzma.open if path.suffix == ".xz" else open
    try:
        handle = opener(path, "rt", encoding="utf-8", newline="")
    except OSError as exc:
        raise DictionaryDataError(f"cannot read {path}: {exc}") from exc
    reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE, strict=True)
    try:
        header = next(reader, [])
    except (OSError, lzma.LZMAError, EOFError, UnicodeDecodeError, csv.Error) as exc:
        handle.close()
        raise DictionaryDataError(f"cannot read {path}: {exc}") from exc
    if tuple(header) != columns:
        handle.close()
        raise DictionaryDataError(f"{path}: columns {header}, expected {list(columns)}")
    return handle, reader


def _kanji_rows(source: DataSource) -> Iterator[tuple[str, str]]:
    seen: set[str] = set()
    for level in LEVELS:  # easiest first, so a kanji listed twice keeps its easiest level
        path = source.table_path(source.kanji_dir, f"kanji-{level.lower()}")
        handle, reader = _open_table(path, KANJI_COLUMNS)
        with handle:
            for row in reader:
                if row and row[0] not in seen:
                    seen.add(row[0])
                    yield row[0], level


@dataclass(frozen=True)
class _Step:
    label: str
    file: str
    table: str
    columns: tuple[str, ...]
    expected_rows: int


def _steps(counts: dict[str, Any]) -> list[_Step]:
    return [
        _Step("forms", "jmdict-form", "form", FORM_COLUMNS, counts.get("forms", 0)),
        _Step("senses", "jmdict-sense", "sense", SENSE_COLUMNS, counts.get("senses", 0)),
        _Step("JLPT levels", "jlpt", "jlpt", JLPT_COLUMNS, counts.get("jlpt_pairs", 0)),
        _Step("word frequencies", "freq-ja", "freq", FREQ_COLUMNS, counts.get("freq", 0)),
    ]


def _insert(con: sqlite3.Connection, sql: str, rows: Iterator[Any], path: Path, advance: Callable[[int], None]) -> None:
    """Insert ``rows`` in batches, calling ``advance(batch size)`` after each."""
    try:
        while batch := list(itertools.islice(rows, _BATCH)):
            con.executemany(sql, batch)
            advance(len(batch))
    except (sqlite3.Error, OSError, lzma.LZMAError, EOFError, UnicodeDecodeError, csv.Error) as exc:
        raise DictionaryDataError(f"{path}: malformed data ({exc})") from exc


def _build(con: sqlite3.Connection, source: DataSource, progress: ProgressCallback | None) -> None:
    meta = source.meta()
    counts = meta.get("counts", {})
    steps = _steps(counts if isinstance(counts, dict) else {})
    kanji_rows = sum(counts.get("kanji", {}).values()) if isinstance(counts, dict) else 0
    index_cost = max(1, steps[0].expected_rows // 3)  # indexing takes about a third of the form inserts
    total = sum(step.expected_rows for step in steps) + kanji_rows + index_cost
    done = 0
    label = ""

    def advance(rows: int) -> None:
        nonlocal done
        done += rows
        if progress is not None:
            progress(min(done, total - 1), total, label)

    con.executescript(SCHEMA)
    for step in steps:
        label = f"Reading {step.label}"
        advance(0)
        path = source.table_path(source.dict_dir, step.file)
        sql = f"INSERT INTO {step.table}({','.join(step.columns)}) VALUES ({','.join('?' * len(step.columns))})"
        handle, reader = _open_table(path, step.columns)
        with handle:
            _insert(con, sql, reader, path, advance)
    label = "Reading kanji levels"
    _insert(con, "INSERT INTO kanji VALUES (?, ?)", _kanji_rows(source), source.kanji_dir, advance)
    label = "Indexing"
    advance(0)
    con.executescript(INDEXES)
    con.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [(k, v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)) for k, v in meta.items()]
        + [("stamp", source.stamp())],
    )
    con.commit()
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
    remove_abandoned_builds(folder)
    return target


ABANDONED_BUILD_SECONDS = 3600
"""A temporary build file this much older than now was left by a killed build (a live build takes seconds)."""


def remove_abandoned_builds(folder: Path, now: float | None = None) -> None:
    """Delete temporary build files that a killed build left in the data folder."""
    cutoff = (time.time() if now is None else now) - ABANDONED_BUILD_SECONDS
    for stale in folder.glob(".dict-build-*.sqlite"):
        with contextlib.suppress(OSError):
            if stale.stat().st_mtime < cutoff:
                stale.unlink()


def terminal_progress(done: int, total: int, message: str) -> None:
    """A progress callback that redraws one line on stderr: "Building dictionary  42%  Reading senses"."""
    percent = 100 * done // total if total else 100
    end = "\n" if done >= total else ""
    sys.stderr.write(f"\rBuilding dictionary {percent:3d}%  {message:<24}{end}")
    sys.stderr.flush()
