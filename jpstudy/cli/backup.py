"""``jpstudy backup``: make a backup of the collection now, or list the backups (``--list``)."""

from __future__ import annotations

import argparse
import sys

from jpstudy import backup
from jpstudy.collection import CollectionFileError
from jpstudy.paths import COLLECTION_FILE, data_dir


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``backup``."""
    p = sub.add_parser(
        "backup",
        help="back up the collection now (automatic backups are also made when the app closes)",
        description="Write a consistent copy of the collection into the data folder's backups/ "
        "folder (safe while the app is running). Restore one with `jpstudy restore FILE`.",
    )
    p.add_argument("--list", action="store_true", help="list the existing backups, newest first")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Make a backup (or list them); exit status 2 with a message when the collection is unusable."""
    folder = data_dir(args.data_dir)
    backups = backup.backup_folder(folder)
    if args.list:
        found = backup.list_backups(backups)
        for b in found:
            size_kb = b.path.stat().st_size / 1024
            label = f"  ({b.tag})" if b.tag else ""
            print(f"{b.created:%Y-%m-%d %H:%M} UTC  {size_kb:>10,.0f} KB  {b.path}{label}")
        if not found:
            print(f"no backups yet in {backups}")
        return 0
    collection = folder / COLLECTION_FILE
    if not collection.exists():
        print(f"jpstudy: there is no collection to back up at {collection}", file=sys.stderr)
        return 2
    try:
        made = backup.create_backup(collection, backups)
    except CollectionFileError as exc:
        print(f"jpstudy: cannot back up: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"jpstudy: cannot write the backup into {backups}: {exc}", file=sys.stderr)
        return 2
    print(made)
    return 0
