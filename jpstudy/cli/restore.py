"""``jpstudy restore FILE``: replace the collection by a backup, keeping a copy of the current one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jpstudy import backup, instance_lock
from jpstudy.collection import CollectionFileError
from jpstudy.paths import COLLECTION_FILE, data_dir


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``restore``."""
    p = sub.add_parser(
        "restore",
        help="replace the collection by a backup (the current one is backed up first)",
        description="Replace the collection by FILE after checking that FILE is an intact jpstudy "
        "collection. The current collection is first saved into backups/ (tag before-restore). "
        "The app must be closed.",
    )
    p.add_argument("file", metavar="FILE", help="the backup: a path, or a file name in the backups/ folder")
    p.set_defaults(run=run)


def resolve_choice(file: str, backups: Path) -> Path:
    """``file`` as given when it exists, else the backup of that name in the backup folder."""
    given = Path(file).expanduser()
    if not given.exists() and (backups / given.name).exists():
        return backups / given.name
    return given


def run(args: argparse.Namespace) -> int:
    """Restore; exit status 2 with a message when the file is unusable or the app is running."""
    folder = data_dir(args.data_dir)
    backups = backup.backup_folder(folder)
    chosen = resolve_choice(args.file, backups)
    lock = instance_lock.acquire(folder)
    if lock is None:
        print(f"jpstudy: the app is running on {folder}; close it, then restore again.", file=sys.stderr)
        return 2
    try:
        safety = backup.restore(chosen, folder / COLLECTION_FILE, backups)
    except (CollectionFileError, OSError) as exc:
        print(f"jpstudy: nothing was restored: {exc}", file=sys.stderr)
        return 2
    finally:
        lock.release()
    print(f"restored {chosen}")
    if safety is not None:
        print(f"the previous collection was saved as {safety}")
    return 0
