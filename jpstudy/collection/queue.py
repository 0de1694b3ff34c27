"""Today's study queue, built as Anki's v3 scheduler builds it.

Terms:
    intraday learning card: a (re)learning card whose next step is due later today (``queue`` 1,
        ``due`` in unix seconds). It is shown when due, or up to ``LEARN_AHEAD`` early when nothing
        else is left.
    interday learning card: a (re)learning card whose step crossed the day rollover (``queue`` 3,
        ``due`` a day number); shown with the reviews on its day.
    daily limit: new cards and reviews per day, per deck. A deck's limit covers the cards of its
        whole subtree (``JLPT`` caps ``JLPT::N5`` … ``JLPT::N1`` together), each subdeck's own limit
        still applying to itself; what was studied today is kept in the ``daily`` table. As in Anki's
        v3 scheduler, interday learning cards count against the review limit, and new cards are shown
        only while the review limit has room left after the due reviews.
    Order: due intraday learning cards, then interday learning cards and reviews (oldest due day
        first), then new cards (in the order they were added), then learning cards due within
        ``LEARN_AHEAD``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import timedelta

LEARN_AHEAD = timedelta(minutes=20)


def parent_name(name: str) -> str | None:
    """``JLPT`` for ``JLPT::N5``; None for a top-level deck."""
    return name.rsplit("::", 1)[0] if "::" in name else None


@dataclass(frozen=True)
class Limits:
    """What each deck may still show today, after its own and its ancestors' daily limits.

    ``new_left``/``review_left`` map deck id → cards its subtree may still introduce today, under its
    own limit only; ``open_new``/``open_review`` are the decks whose own card may be shown now (the deck
    and every ancestor still have room).
    """

    new_left: dict[int, int]
    review_left: dict[int, int]
    open_new: tuple[int, ...]
    open_review: tuple[int, ...]


def _subtree_sum(names: dict[int, str], per_deck: dict[int, int]) -> dict[int, int]:
    totals = dict.fromkeys(names, 0)
    by_name = {name: deck_id for deck_id, name in names.items()}
    for deck_id, value in per_deck.items():
        name: str | None = names.get(deck_id)
        while name is not None:
            totals[by_name[name]] += value
            name = parent_name(name)
    return totals


def daily_limits(
    db: sqlite3.Connection, names: dict[int, str], today: int, new_per_day: int, reviews_per_day: int
) -> Limits:
    """Remaining daily allowance per deck (``names`` maps every deck id to its full name)."""
    done_new: dict[int, int] = {}
    done_rev: dict[int, int] = {}
    for deck_id, new_done, review_done in db.execute(
        "SELECT deck_id, new_done, review_done FROM daily WHERE day = ?", (today,)
    ):
        done_new[deck_id] = new_done
        done_rev[deck_id] = review_done
    sub_new = _subtree_sum(names, done_new)
    sub_rev = _subtree_sum(names, done_rev)
    new_left = {d: max(0, new_per_day - sub_new[d]) for d in names}
    review_left = {d: max(0, reviews_per_day - sub_rev[d]) for d in names}
    by_name = {name: deck_id for deck_id, name in names.items()}

    def path_open(deck_id: int, left: dict[int, int]) -> bool:
        name: str | None = names[deck_id]
        while name is not None:
            if left[by_name[name]] <= 0:
                return False
            name = parent_name(name)
        return True

    return Limits(
        new_left=new_left,
        review_left=review_left,
        open_new=tuple(d for d in names if path_open(d, new_left) and path_open(d, review_left)),
        open_review=tuple(d for d in names if path_open(d, review_left)),
    )


def children_of(names: dict[int, str]) -> tuple[dict[int, list[int]], list[int]]:
    """Each deck's direct subdecks, and the top-level decks."""
    by_name = {name: deck_id for deck_id, name in names.items()}
    children: dict[int, list[int]] = {d: [] for d in names}
    tops: list[int] = []
    for deck_id, name in names.items():
        parent = parent_name(name)
        if parent is not None and parent in by_name:
            children[by_name[parent]].append(deck_id)
        else:
            tops.append(deck_id)
    return children, tops


def _first_due(db: sqlite3.Connection, sql: str, params: Iterable[tuple[int, ...]]) -> tuple[int, int] | None:
    """The smallest ``(due, id)`` that ``sql`` selects over the parameter tuples (one query per deck,
    each an index range scan)."""
    found = [row for p in params if (row := db.execute(sql, p).fetchone()) is not None]
    return min(found) if found else None


def next_card_id(
    db: sqlite3.Connection, limits: Limits, now_s: int, today: int, scope: Collection[int] | None = None
) -> int | None:
    """The id of the card to show next, or None when today's queue is empty.

    ``scope`` restricts the queue to these deck ids (a deck's subtree when studying one deck).
    Every query is an index range scan per deck.
    """
    decks = tuple(limits.new_left) if scope is None else tuple(scope)
    due_sql = "SELECT due, id FROM cards WHERE deck_id = ? AND queue = ? AND due <= ? ORDER BY due, id LIMIT 1"
    new_sql = "SELECT due, id FROM cards WHERE deck_id = ? AND queue = 0 ORDER BY due, id LIMIT 1"
    ahead = now_s + int(LEARN_AHEAD.total_seconds())

    def due_day_cards() -> tuple[int, int] | None:
        candidates = (_first_due(db, due_sql, ((d, 3, today) for d in decks)),
                      _first_due(db, due_sql, ((d, 2, today) for d in limits.open_review if d in decks)))
        return min((r for r in candidates if r is not None), default=None)

    steps = (
        lambda: _first_due(db, due_sql, ((d, 1, now_s) for d in decks)),
        due_day_cards,
        lambda: _first_due(db, new_sql, ((d,) for d in limits.open_new if d in decks)),
        lambda: _first_due(db, due_sql, ((d, 1, ahead) for d in decks)),
    )
    for step in steps:
        row = step()
        if row is not None:
            return int(row[1])
    return None


def deck_counts(
    db: sqlite3.Connection, names: dict[int, str], limits: Limits, now_s: int, today: int
) -> dict[int, tuple[int, int, int]]:
    """(new, learning, review) left today per deck subtree, limits applied as Anki's v3 scheduler does."""

    def grouped(sql: str, params: tuple[int, ...]) -> dict[int, int]:
        return {deck_id: n for deck_id, n in db.execute(sql, params)}

    ahead = now_s + int(LEARN_AHEAD.total_seconds())
    intraday = _subtree_sum(names, grouped(
        "SELECT deck_id, count(*) FROM cards WHERE queue = 1 AND due <= ? GROUP BY deck_id", (ahead,)))
    day_learn = grouped("SELECT deck_id, count(*) FROM cards WHERE queue = 3 AND due <= ? GROUP BY deck_id", (today,))
    reviews = grouped("SELECT deck_id, count(*) FROM cards WHERE queue = 2 AND due <= ? GROUP BY deck_id", (today,))
    new = grouped("SELECT deck_id, count(*) FROM cards WHERE queue = 0 GROUP BY deck_id", ())
    children, tops = children_of(names)
    result: dict[int, tuple[int, int, int]] = {}

    def visit(deck_id: int) -> tuple[int, int, int]:
        kids = [visit(c) for c in children[deck_id]]
        room = limits.review_left[deck_id]
        dl = min(day_learn.get(deck_id, 0) + sum(k[0] for k in kids), room)
        rv = min(reviews.get(deck_id, 0) + sum(k[1] for k in kids), room - dl)
        nw = min(new.get(deck_id, 0) + sum(k[2] for k in kids), limits.new_left[deck_id], room - dl - rv)
        result[deck_id] = (nw, intraday[deck_id] + dl, rv)
        return dl, rv, nw

    for deck_id in tops:
        visit(deck_id)
    return result
