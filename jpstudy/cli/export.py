"""``jpstudy export OUT.apkg [--deck NAME] [--with-progress]``: write an Anki package."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jpstudy.cli.common import with_collection
from jpstudy.collection import Collection
from jpstudy.export import ExportError, export_apkg


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``export``."""
    p = sub.add_parser(
        "export",
        help="export cards to an Anki package (.apkg)",
        description="Write the collection (or one deck and its subdecks) as an Anki package. Exporting "
        "again later updates the notes in Anki instead of duplicating them.",
    )
    p.add_argument("out", metavar="OUT.apkg", type=Path, help="the package file to write")
    p.add_argument("--deck", metavar="NAME", help='export only this deck and its subdecks, e.g. "JLPT::N5"')
    p.add_argument(
        "--with-progress",
        action="store_true",
        help="include each card's schedule and review history (tick \"Import any learning progress\" "
        "when importing in Anki)",
    )
    p.set_defaults(run=run)


def _show_progress(stage: str, done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{stage} {done}/{total}   ", end="", file=sys.stderr, flush=True)


def _export(col: Collection, args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.suffix.lower() != ".apkg":
        print(f"jpstudy: {out} must end in .apkg (Anki imports packages by that name).", file=sys.stderr)
        return 2
    try:
        result = export_apkg(
            col, out, deck=args.deck, with_progress=args.with_progress, progress=_show_progress
        )
    except ExportError as exc:
        print(f"\njpstudy: {exc}" if sys.stderr.isatty() else f"jpstudy: {exc}", file=sys.stderr)
        return 1
    if sys.stderr.isatty():
        print(file=sys.stderr)
    decks = ", ".join(result.decks) or "no decks"
    history = f", {result.reviews} review-log rows" if args.with_progress else ""
    print(f"wrote {result.path}: {result.notes} cards from {decks}{history}")
    if result.skipped:
        print(f"left out {len(result.skipped)} production card(s) with no meaning to ask with: "
              f"{', '.join(result.skipped[:10])}{' …' if len(result.skipped) > 10 else ''}")
    if args.with_progress:
        print('In Anki, tick "Import any learning progress" when importing, or the cards start as new; '
              'tick "Import deck presets" too to keep studying with jpstudy\'s options.')
    return 0


run = with_collection(_export)
