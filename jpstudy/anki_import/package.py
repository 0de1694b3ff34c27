"""Reading an Anki package (``.apkg`` or ``.colpkg``) into an ``AnkiPackage``.

A package is a zip archive. Current Anki writes ``meta`` (a protobuf whose field 1 is the format
version: 1 legacy, 2 legacy with ``collection.anki21``, 3 current), ``collection.anki21b`` (the
collection's SQLite file, zstd-compressed, schema 18: note types, decks and deck options in tables
of their own, their settings as protobuf), ``media`` (zstd-compressed protobuf list of media files)
and a placeholder ``collection.anki2`` for old versions. Older packages hold an uncompressed
``collection.anki21`` or ``collection.anki2`` (schema 11: note types, decks and deck options as
JSON in the ``col`` row) and a JSON ``media`` map. ``schema11`` and ``schema18`` read the two
layouts; this module opens the archive and turns every kind of bad input into a ``PackageError``.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import zstandard

from jpstudy.anki_import import schema11, schema18
from jpstudy.anki_import.models import AnkiCard, AnkiNote, AnkiPackage, AnkiRevlog
from jpstudy.anki_import.protobuf import ProtobufError, parse, uint

CURRENT = "collection.anki21b"
LEGACY2 = "collection.anki21"
LEGACY1 = "collection.anki2"
NEWEST_META_VERSION = 3
NEWEST_SCHEMA = 18
OLDEST_SCHEMA = 11
COPY_CHUNK = 1 << 20


class PackageError(Exception):
    """A file that cannot be imported; the message says why and what to do. Nothing was imported."""


def _entry(archive: zipfile.ZipFile, name: str) -> zipfile.ZipInfo | None:
    try:
        return archive.getinfo(name)
    except KeyError:
        return None


def _meta_version(archive: zipfile.ZipFile, path: Path) -> int | None:
    info = _entry(archive, "meta")
    if info is None:
        return None
    try:
        return uint(parse(archive.read(info)), 1)
    except ProtobufError as exc:
        raise PackageError(f"{path.name} is damaged: its version record cannot be read ({exc}).") from exc


def _collection_entry(archive: zipfile.ZipFile, path: Path) -> tuple[str, bool]:
    """The collection file to read and whether it is zstd-compressed."""
    version = _meta_version(archive, path)
    if version is not None and version > NEWEST_META_VERSION:
        raise PackageError(
            f"{path.name} was written by a newer Anki (package format {version}; jpstudy reads up to "
            f"{NEWEST_META_VERSION}). In Anki, export it again with \"Support older Anki versions\" ticked."
        )
    if version == NEWEST_META_VERSION and _entry(archive, CURRENT) is not None:
        return CURRENT, True
    for name in (LEGACY2, LEGACY1):
        if _entry(archive, name) is not None:
            return name, False
    if _entry(archive, CURRENT) is not None:
        return CURRENT, True
    raise PackageError(
        f"{path.name} holds no Anki collection (no {CURRENT}, {LEGACY2} or {LEGACY1} inside). "
        "Choose a package exported by Anki (.apkg or .colpkg)."
    )


def _media_count(archive: zipfile.ZipFile) -> int:
    return sum(1 for name in archive.namelist() if name.isdigit())


def _extract(archive: zipfile.ZipFile, name: str, compressed: bool, target: Path) -> None:
    with archive.open(name) as source, target.open("wb") as out:
        if compressed:
            zstandard.ZstdDecompressor().copy_stream(source, out, read_size=COPY_CHUNK, write_size=COPY_CHUNK)
        else:
            shutil.copyfileobj(source, out, COPY_CHUNK)


def _open_zip(path: Path) -> zipfile.ZipFile:
    if not path.exists():
        raise PackageError(f"{path} does not exist.")
    if path.is_dir():
        raise PackageError(f"{path} is a folder; choose an Anki package (.apkg or .colpkg).")
    if path.stat().st_size == 0:
        raise PackageError(f"{path.name} is empty (0 bytes). Export the deck from Anki again.")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise PackageError(
            f"{path.name} is not an Anki package or is damaged (not a readable zip archive: {exc}). "
            "Export it from Anki again."
        ) from exc
    if any(info.flag_bits & 0x1 for info in archive.infolist()):
        archive.close()
        raise PackageError(
            f"{path.name} is password-protected. Anki never encrypts its packages: export the deck from "
            "Anki again, or unpack it with its password and import the original package."
        )
    return archive


def read_package(path: str | Path, progress: Callable[[str], None] | None = None) -> AnkiPackage:
    """Read the package at ``path`` completely (it is closed again before this returns).

    Raises:
        PackageError: missing, empty, damaged, password-protected or too new, or holds no notes.
    """
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="jpstudy-anki-") as tmp:
        with _open_zip(path) as archive:
            name, compressed = _collection_entry(archive, path)
            if progress is not None:
                progress("unpacking")
            target = Path(tmp) / "collection.sqlite"
            try:
                _extract(archive, name, compressed, target)
            except (zipfile.BadZipFile, zlib.error, zstandard.ZstdError, EOFError, OSError) as exc:
                raise PackageError(f"{path.name} is damaged: {name} cannot be unpacked ({exc}).") from exc
            media = _media_count(archive)
        if progress is not None:
            progress("reading")
        try:
            package = _read_collection(path, name, target, media)
        except sqlite3.DatabaseError as exc:
            raise PackageError(f"{path.name} is damaged: its collection cannot be read ({exc}).") from exc
    if not package.notes:
        what = f"only {media} media file(s)" if media else "nothing to study"
        raise PackageError(f"{path.name} contains no notes ({what}). Nothing was imported.")
    return package


def _read_collection(path: Path, name: str, file: Path, media: int) -> AnkiPackage:
    db = sqlite3.connect(f"{file.as_uri()}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT ver FROM col").fetchone()
        version = int(row[0]) if row else 0
        if version > NEWEST_SCHEMA:
            raise PackageError(
                f"{path.name} was written by a newer Anki (collection schema {version}; jpstudy reads up to "
                f"{NEWEST_SCHEMA}). In Anki, export it again with \"Support older Anki versions\" ticked."
            )
        if version < OLDEST_SCHEMA:
            raise PackageError(f"{path.name} is from Anki 1 (schema {version}); open it in a current Anki first.")
        layout = schema18 if db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'notetypes'").fetchone() else schema11
        timing, fsrs = layout.read_timing(db)
        notes = tuple(AnkiNote(nid, guid, mid, mod, tuple(tags.split()), tuple(flds.split("\x1f")))
                      for nid, guid, mid, mod, tags, flds in db.execute(
                          "SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id"))
        cards = tuple(AnkiCard(*r) for r in db.execute(
            "SELECT type, queue, due, ivl, factor, reps, lapses, left, id, nid, did, ord, odue, odid, data "
            "FROM cards ORDER BY id"))
        revlog = tuple(AnkiRevlog(*r) for r in db.execute(
            "SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id"))
        return AnkiPackage(
            path=str(path), format=name, timing=timing, notetypes=layout.read_notetypes(db), notes=notes,
            cards=cards, revlog=revlog, decks=layout.read_decks(db), presets=layout.read_presets(db),
            fsrs=fsrs, media=media,
        )
    finally:
        db.close()
