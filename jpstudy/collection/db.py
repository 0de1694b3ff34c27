"""Opening the collection's SQLite file and running one transaction per operation.

Terms:
    transaction: ``BEGIN IMMEDIATE`` … ``COMMIT``; any exception rolls it back, so a failed operation
        leaves the collection as it was. With ``synchronous=FULL`` in WAL mode a committed transaction
        is on disk when ``COMMIT`` returns: an acknowledged answer survives a crash right after.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jpstudy.collection.schema import CollectionFileError, upgrade


def connect(path: Path) -> sqlite3.Connection:
    """Open (or create) the collection file, check it is ours and bring its schema up to date.

    Only the header and the schema are read here (O(1)); ``integrity_problems`` checks every page and is
    run in the background by the app and on every backup.

    Raises:
        CollectionFileError: not a SQLite file, another program's file, or a newer jpstudy's.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not path.is_file():
        raise CollectionFileError(
            f"{path} is a folder, not a collection file. It was left untouched; choose another data folder "
            "with --data-dir."
        )
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise CollectionFileError(
                    f"{path} is not a jpstudy collection (not a SQLite database; it may be damaged "
                    "or belong to another program). It was left untouched; restore a backup with "
                    "`jpstudy restore FILE` or choose another data folder with --data-dir."
                )
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA busy_timeout = 5000")
        db.execute("PRAGMA foreign_keys = ON")
        upgrade(db, str(path))
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as exc:
        db.close()
        raise CollectionFileError(
            f"{path} cannot be opened as a jpstudy collection ({exc}). It was left untouched; "
            "restore a backup with `jpstudy restore FILE` or choose another data folder."
        ) from exc
    except BaseException:
        db.close()
        raise
    return db


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run the body as one write transaction; roll back on any exception."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def integrity_problems(db: sqlite3.Connection) -> list[str]:
    """What SQLite's ``quick_check`` finds wrong with the open file (empty when it is intact)."""
    rows = [str(r[0]) for r in db.execute("PRAGMA quick_check")]
    return [] if rows == ["ok"] else rows
