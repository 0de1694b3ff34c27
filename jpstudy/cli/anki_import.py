"""``jpstudy import FILE [--map NOTETYPE:FIELD=ROLE,...] [--json]``: import an Anki package with its
review history.

Without ``--json`` it prints the proposed field map, then what was imported; ``--json`` prints
``{"notes_added", "notes_updated", "notes_skipped", "cards", "revlog", "decks", "field_map"}``.
Messages the user should read (FSRS, presets, note types left out) go to stderr with ``--json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from jpstudy.anki_import import (
    ROLES,
    FieldMapError,
    ImportSummary,
    PackageError,
    import_package,
    parse_map_args,
    read_package,
    used_notetypes,
)
from jpstudy.cli.common import with_collection
from jpstudy.collection import Collection


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``import``."""
    p = sub.add_parser(
        "import",
        help="import an Anki package (.apkg or .colpkg) with its review history",
        description="Import the notes, cards, review history and deck options of an Anki package. Each note "
        "type's fields are mapped to word / reading / meaning / sentence / sentence meaning / notes "
        "automatically; --map changes that. Importing the same file again adds nothing.",
    )
    p.add_argument("file", metavar="FILE", type=Path, help="the .apkg or .colpkg exported by Anki")
    p.add_argument(
        "--map", action="append", default=[], metavar="NOTETYPE:FIELD=ROLE,...",
        help=f"field roles for a note type, e.g. \"Japanese:Expression=word,Meaning=meaning\" (roles: "
        f"{', '.join(ROLES)}, none); may be given once per note type",
    )
    p.add_argument("--json", action="store_true", help="print the counts as JSON")
    p.set_defaults(run=run)


def _progress(stage: str, done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{stage} {done}/{total}   ", end="", file=sys.stderr, flush=True)


def _open_dictionary(data_dir: str | None) -> object | None:
    from jpstudy.dictionary import Dictionary, DictionaryDataError, terminal_progress

    try:
        return Dictionary.open(data_dir, progress=terminal_progress if sys.stderr.isatty() else None)
    except DictionaryDataError as exc:
        print(f"jpstudy import: dictionary unavailable ({exc}); words are imported without JMdict links.",
              file=sys.stderr)
        return None


def report(summary: ImportSummary) -> str:
    """The summary as lines for the terminal."""
    lines = [f"notes: {summary.notes_added} added, {summary.notes_updated} updated, {summary.notes_skipped} "
             f"skipped; cards: {summary.cards}; review-log rows: {summary.revlog}"]
    if summary.decks:
        lines.append("decks: " + ", ".join(summary.decks))
    lines += summary.kept[:20]
    if len(summary.kept) > 20:
        lines.append(f"… and {len(summary.kept) - 20} more words found on both sides")
    return "\n".join(lines)


def _import(col: Collection, args: argparse.Namespace) -> int:
    try:
        package = read_package(args.file)
        overrides = parse_map_args(args.map, used_notetypes(package))
    except (PackageError, FieldMapError) as exc:
        print(f"jpstudy import: {exc}", file=sys.stderr)
        return 1 if isinstance(exc, PackageError) else 2
    dictionary = _open_dictionary(args.data_dir)
    try:
        summary = import_package(col, package, overrides=overrides, dictionary=dictionary,  # type: ignore[arg-type]
                                 progress=_progress)
    finally:
        if dictionary is not None:
            dictionary.close()  # type: ignore[attr-defined]
    if sys.stderr.isatty():
        print(file=sys.stderr)
    notices = "\n".join(summary.notices)
    if args.json:
        json.dump(summary.to_json(), sys.stdout, ensure_ascii=False, indent=1)
        print()
        if notices:
            print(notices, file=sys.stderr)
        return 0
    for name, fields in summary.field_map.items():
        mapped = ", ".join(f"{field} → {role}" for field, role in fields.items()) or "no fields"
        print(f"{name}: {mapped}")
    print(report(summary))
    if notices:
        print(notices)
    return 0


run = with_collection(_import)
