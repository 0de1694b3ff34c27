"""Rolling backups of the collection and restoring one of them.

A backup is a consistent copy made with SQLite's online-backup API (never a raw file copy, which
could catch a half-written page or miss what is still in the write-ahead log). It is written to a
temporary name, checked, flushed to disk and only then renamed into place, so a crash mid-backup
leaves no half file that looks like a backup.

Terms:
    backup folder: ``backups/`` inside the data folder.
    backup name: ``collection-YYYYMMDD-HHMMSSZ[-tag][-n].sqlite3``; the time (UTC) in the name is when
        the copy was made, so names sort by age and survive being copied around.
    automatic backup: made when the app closes, at most once per ``BackupPolicy.every_days`` calendar
        days (in the time zone of the ``now`` passed in); backups older than ``keep_days`` are
        removed then, except the newest one, which is always kept.
    safety backup: the copy of the current collection that ``restore`` makes before replacing it
        (tag ``before-restore``); a damaged collection is copied byte for byte instead.
    jpstudy collection file: a SQLite file with jpstudy's application id, a schema version this
        jpstudy can read, the core tables and a clean ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jpstudy.collection.schema import APPLICATION_ID, SCHEMA_VERSION, CollectionFileError
from jpstudy.paths import COLLECTION_FILE

BACKUP_FOLDER = "backups"
POLICY_FILE = "backup-settings.json"
SAFETY_TAG = "before-restore"
CORE_TABLES = frozenset({"notes", "cards", "decks", "revlog"})
_NAME = re.compile(r"^collection-(\d{8}-\d{6})Z(?:-([a-z]+(?:-[a-z]+)*))?(?:-(\d+))?\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupPolicy:
    """When automatic backups are made and how long they are kept (``backup-settings.json``)."""

    enabled: bool = True
    every_days: int = 1  # at most one automatic backup per this many calendar days
    keep_days: int = 30  # automatic pruning removes backups older than this (never the newest)

    def __post_init__(self) -> None:
        if not isinstance(self.enabled, bool):
            raise ValueError(f"backup 'enabled' must be true or false, not {self.enabled!r}")
        for name in ("every_days", "keep_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 36500:
                raise ValueError(f"backup '{name}' must be a whole number of days, 1 to 36500, not {value!r}")


@dataclass(frozen=True)
class Backup:
    """One backup file and the moment (UTC) it was made."""

    path: Path
    created: datetime
    tag: str  # "" for an ordinary backup, "before-restore" for a safety backup


def backup_folder(data_dir: Path) -> Path:
    """The backup folder of a data folder (not created)."""
    return data_dir / BACKUP_FOLDER


def load_policy(data_dir: Path) -> BackupPolicy:
    """The data folder's backup policy; the defaults when the file is missing or unusable (logged)."""
    path = data_dir / POLICY_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        known = {f.name for f in fields(BackupPolicy)}
        return BackupPolicy(**{k: v for k, v in dict(raw).items() if k in known})
    except FileNotFoundError:
        return BackupPolicy()
    except (OSError, ValueError, TypeError) as exc:
        log.warning("ignoring unusable %s (%s); using the default backup policy", path, exc)
        return BackupPolicy()


def save_policy(data_dir: Path, policy: BackupPolicy) -> None:
    """Store the backup policy in the data folder (atomically)."""
    path = data_dir / POLICY_FILE
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(asdict(policy), indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def list_backups(folder: Path) -> list[Backup]:
    """The backups in ``folder``, newest first (files not named like a backup are ignored)."""
    found = []
    for path in folder.glob("collection-*.sqlite3") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match and path.is_file():
            created = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
            found.append(Backup(path, created, match.group(2) or ""))
    return sorted(found, key=lambda b: (b.created, b.path.name), reverse=True)


@dataclass(frozen=True)
class BackupSummary:
    """What the restore list shows for one backup: its size and what it holds.

    ``cards`` / ``notes`` / ``last_review`` (UTC, ``None`` before any answer) are read from the file;
    when it cannot be read as a jpstudy collection they are ``None`` and ``problem`` says why.
    """

    backup: Backup
    size_bytes: int
    cards: int | None
    notes: int | None
    last_review: datetime | None
    problem: str | None = None


def summarize(found: Backup) -> BackupSummary:
    """Read a backup's size, card and note counts and latest answer (read-only; quick, no integrity scan)."""
    try:
        size = found.path.stat().st_size
        check_collection_file(found.path, integrity=False)
        db = sqlite3.connect(f"{found.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            cards = db.execute("SELECT count(*) FROM cards").fetchone()[0]
            notes = db.execute("SELECT count(*) FROM notes").fetchone()[0]
            last = db.execute("SELECT max(id) FROM revlog").fetchone()[0]
        finally:
            db.close()
    except (CollectionFileError, OSError, sqlite3.DatabaseError) as exc:
        size = found.path.stat().st_size if found.path.is_file() else 0
        return BackupSummary(found, size, None, None, None, str(exc))
    moment = None if last is None else datetime.fromtimestamp(last / 1000, UTC)
    return BackupSummary(found, size, int(cards), int(notes), moment)


def check_collection_file(path: Path, integrity: bool = True) -> int:
    """Check that ``path`` is an intact jpstudy collection this version can open; return its schema version.

    Only reads the file. ``integrity=False`` skips SQLite's ``integrity_check`` (which reads the whole
    file) and checks only what identifies a jpstudy collection.

    Raises:
        CollectionFileError: missing, not SQLite, damaged, another program's, or from a newer jpstudy.
    """
    if not path.is_file():
        raise CollectionFileError(f"{path} does not exist or is not a file.")
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise CollectionFileError(f"{path} is not a jpstudy collection (not a SQLite database).")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            problems = [row[0] for row in db.execute("PRAGMA integrity_check(5)")] if integrity else ["ok"]
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise CollectionFileError(f"{path} cannot be read as a jpstudy collection ({exc}).") from exc
    if problems != ["ok"]:
        raise CollectionFileError(f"{path} is damaged ({'; '.join(problems)[:300]}).")
    if app_id != APPLICATION_ID or not tables >= CORE_TABLES:
        raise CollectionFileError(f"{path} is not a jpstudy collection (it belongs to another program).")
    if version > SCHEMA_VERSION:
        raise CollectionFileError(
            f"{path} was written by a newer jpstudy (schema {version}; this version reads up to "
            f"{SCHEMA_VERSION}). Update jpstudy to use it."
        )
    return int(version)


def create_backup(collection: Path, folder: Path, now: datetime | None = None, tag: str = "") -> Path:
    """Copy the collection consistently into ``folder`` (created if missing); return the backup's path.

    Safe while the app has the collection open: the copy is a snapshot of the last committed state.

    Raises:
        CollectionFileError: the collection is missing or is not an intact jpstudy collection.
    """
    check_collection_file(collection, integrity=False)
    target = _new_name(folder, _now(now), tag)
    partial = target.with_name(target.name + ".partial")
    try:
        _sqlite_copy(collection, partial)
        try:
            check_collection_file(partial)  # the copy holds exactly the collection's pages
        except CollectionFileError as exc:
            raise CollectionFileError(
                f"{collection} is damaged, so no backup was made ({exc}). Restore an earlier backup "
                "with `jpstudy restore FILE`."
            ) from exc
        os.replace(partial, target)
        _fsync_dir(folder)
    finally:
        partial.unlink(missing_ok=True)
    return target


def backup_on_close(data_dir: Path, now: datetime | None = None) -> Path | None:
    """The automatic backup, for when the app closes the collection of ``data_dir``.

    Follows the folder's ``BackupPolicy``: makes a backup unless one was already made within
    ``every_days`` calendar days, then prunes old ones. Returns the new backup, or None when none was
    due (or the collection does not exist yet).

    Raises:
        CollectionFileError: the collection is not an intact jpstudy collection (nothing is written).
        OSError: the backup folder is not writable.
    """
    now = _now(now)
    policy = load_policy(data_dir)
    collection = data_dir / COLLECTION_FILE
    if not policy.enabled or not collection.exists():
        return None
    folder = backup_folder(data_dir)
    newest = next((b for b in list_backups(folder) if not b.tag), None)
    made = None
    if newest is None or _days_between(newest.created, now) >= policy.every_days:
        made = create_backup(collection, folder, now)
    prune(folder, now, policy.keep_days)
    return made


def prune(folder: Path, now: datetime, keep_days: int) -> list[Path]:
    """Delete backups made more than ``keep_days`` days before ``now``, always keeping the newest one."""
    backups = list_backups(folder)
    cutoff = now - timedelta(days=keep_days)
    removed = [b.path for b in backups[1:] if b.created < cutoff]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def restore(chosen: Path, collection: Path, folder: Path, now: datetime | None = None) -> Path | None:
    """Replace the collection by the backup ``chosen``; return the safety backup of what it replaced.

    The caller must make sure nothing has the collection open (the app holds the instance lock and
    closes the collection first; ``jpstudy restore`` takes the lock). Steps: validate ``chosen``; copy
    the current collection to a safety backup in ``folder``; write a consistent copy of ``chosen``
    next to the collection, check it, and rename it over the collection. Returns None when there was
    no collection to save.

    Raises:
        CollectionFileError: ``chosen`` is not an intact jpstudy collection this version can open, or
            is the collection itself. Nothing was changed.
    """
    now = _now(now)
    check_collection_file(chosen)
    if collection.exists() and chosen.resolve() == collection.resolve():
        raise CollectionFileError(f"{chosen} is the collection itself; choose a backup file to restore.")
    safety = _safety_backup(collection, folder, now)
    incoming = collection.with_name(collection.name + ".restoring")
    try:
        _sqlite_copy(chosen, incoming)
        check_collection_file(incoming)
        # the old collection's write-ahead log and index must not be applied to the restored file
        for suffix in ("-wal", "-shm", "-journal"):
            collection.with_name(collection.name + suffix).unlink(missing_ok=True)
        os.replace(incoming, collection)
        _fsync_dir(collection.parent)
    finally:
        incoming.unlink(missing_ok=True)
    return safety


def _safety_backup(collection: Path, folder: Path, now: datetime) -> Path | None:
    if not collection.exists():
        return None
    try:
        return create_backup(collection, folder, now, tag=SAFETY_TAG)
    except CollectionFileError:
        # a damaged or foreign file is kept byte for byte, with its write-ahead log if any
        target = _new_name(folder, now, SAFETY_TAG)
        shutil.copy2(collection, target)
        wal = collection.with_name(collection.name + "-wal")
        if wal.exists():
            shutil.copy2(wal, target.with_name(target.name + "-wal"))
        return target


def _sqlite_copy(source: Path, target: Path) -> None:
    """A consistent single-file copy (rollback journal, not WAL) of ``source``, flushed to disk."""
    target.unlink(missing_ok=True)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with target.open("rb+") as fh:
        os.fsync(fh.fileno())


def _new_name(folder: Path, now: datetime, tag: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    base = f"collection-{now.astimezone(UTC).strftime(_STAMP)}Z" + (f"-{tag}" if tag else "")
    candidate = folder / f"{base}.sqlite3"
    n = 1
    while candidate.exists():
        candidate = folder / f"{base}-{n}.sqlite3"
        n += 1
    return candidate


def _days_between(earlier: datetime, now: datetime) -> int:
    """Calendar days from ``earlier`` to ``now``, both seen in ``now``'s time zone."""
    return (now.date() - earlier.astimezone(now.tzinfo).date()).days


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where directories cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _now(now: datetime | None) -> datetime:
    return datetime.now(UTC) if now is None else now
