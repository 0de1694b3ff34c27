"""``jpstudy stats``: today's counts per deck and the collection's size, in the terminal."""

from __future__ import annotations

import argparse

from jpstudy.cli.common import with_collection
from jpstudy.collection import Collection, DeckNode


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``stats``."""
    p = sub.add_parser("stats", help="show today's new / learning / review counts per deck")
    p.set_defaults(run=run)


def _lines(nodes: list[DeckNode], depth: int = 0) -> list[str]:
    out: list[str] = []
    for node in nodes:
        label = "  " * depth + node.short_name
        out.append(f"{label:<24} {node.new:>6} {node.learning:>6} {node.review:>6}")
        out += _lines(list(node.children), depth + 1)
    return out


def _stats(col: Collection, args: argparse.Namespace) -> int:
    new, learning, review = col.counts()
    print(f"{'deck':<24} {'new':>6} {'learn':>6} {'review':>6}")
    print("\n".join(_lines(col.deck_tree())) or "(no decks yet: `jpstudy add N5` adds the JLPT N5 words)")
    print(f"{'total today':<24} {new:>6} {learning:>6} {review:>6}")
    answers = col.db.execute("SELECT count(*) FROM revlog").fetchone()[0]
    print(f"cards: {col.card_count()}  answers logged: {answers}")
    return 0


run = with_collection(_stats)
