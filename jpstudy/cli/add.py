"""``jpstudy add N5 [N4 …]``: add the bundled JLPT words of the given levels as new cards."""

from __future__ import annotations

import argparse

from jpstudy.cli.common import with_collection
from jpstudy.collection import Collection

LEVEL_CHOICES = ("N5", "N4", "N3", "N2", "N1")


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``add``."""
    p = sub.add_parser("add", help="add JLPT levels (JLPT::N5 …) as new cards; a word already there is skipped")
    p.add_argument("levels", nargs="+", type=str.upper, choices=LEVEL_CHOICES, metavar="LEVEL",
                   help="N5, N4, N3, N2 or N1")
    p.set_defaults(run=run)


def _add(col: Collection, args: argparse.Namespace) -> int:
    for level in args.levels:
        added = col.add_jlpt_deck(level)
        print(f"JLPT::{level}: {added} cards added")
    return 0


run = with_collection(_add)
