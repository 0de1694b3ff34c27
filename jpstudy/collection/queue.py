"""Today's study queue and the deck counts, built as Anki's v3 scheduler builds them (default options).

Terms:
    intraday learning card: a (re)learning card whose next step is due later today (``queue`` 1,
        ``due`` in unix seconds). Shown when due by the *learning cut-off*, or up to ``LEARN_AHEAD``
        early when nothing else is left.
    learning cut-off: the moment up to which learning cards count as due. It is the queue's build
        time and moves to "now" only when a card is answered (or when nothing at all is left), so a
        learning card falling due while the user looks at another card does not jump the queue.
    interday learning card: a (re)learning card whose step crossed the day rollover (``queue`` 3,
        ``due`` a day number); shown with the reviews on its day.
    studied deck: the deck chosen to study (``None``: every deck). Its subtree is studied; the limits
        of the studied deck and of each subdeck apply, the limits of its parents do not (Anki's
        default; a subdeck clicked on its own may show cards its parent's limit holds back).
    daily limits: each deck's preset gives new cards and reviews per day. What a deck's subtree
        studied today (``daily`` table) is subtracted; new cards studied also use up the review limit.
        A subdeck's remaining limit is capped by its parent's within the studied subtree.
    gathering: interday learning cards due, oldest due day first, each accepted while its deck and
        every deck above it (up to the studied deck) have review limit left; then reviews the same way;
        then new cards deck by deck (the studied deck first, then its subdecks depth first, sorted by
        name), each deck's in the order they were added, while limits allow. New cards are also held
        to the review limit left after the reviews.
    main queue: reviews and interday learning cards mixed evenly, then new cards mixed evenly among
        them (Anki's "mix with reviews" defaults, see ``intersperse``).

Order where Anki is random: Anki orders reviews (and interday learning cards) of the same due day by a
hash of its card id and modification time — arbitrary, but stable until the card changes. jpstudy
orders them by its card id (the order they were added): as stable, reproducible, and independent of
ids that only Anki has. When a review limit binds among reviews due the same day, the two therefore
show the same number of such reviews, but possibly other ones of that day. (``build_queue`` takes
the order as ``tie_break``; the test against Anki passes Anki's own hash to compare all the rest.)

Counts: ``deck_counts`` gives, for every deck, what a queue built for that deck at that moment would
count (new, learning, review) — the deck list promises exactly what studying the deck serves.
"""

from __future__ import annotations

import heapq
import itertools
import sqlite3
from bisect import insort
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import timedelta

LEARN_AHEAD = timedelta(minutes=20)
LEARN_AHEAD_SECS = int(LEARN_AHEAD.total_seconds())
_BUILDS = itertools.count(1)
QUEUE_NEW, QUEUE_LEARN, QUEUE_REVIEW, QUEUE_DAY_LEARN = 0, 1, 2, 3


def parent_name(name: str) -> str | None:
    """``JLPT`` for ``JLPT::N5``; None for a top-level deck."""
    return name.rsplit("::", 1)[0] if "::" in name else None


@dataclass(frozen=True)
class DeckTree:
    """The decks as a tree: ``children`` in Anki's order (by name), ``tops`` the top-level decks."""

    names: Mapping[int, str]
    children: Mapping[int, tuple[int, ...]]
    tops: tuple[int, ...]

    @classmethod
    def of(cls, names: Mapping[int, str]) -> DeckTree:
        """The tree of ``names`` (deck id → full name)."""
        by_name = {name: deck_id for deck_id, name in names.items()}
        children: dict[int, list[int]] = {d: [] for d in names}
        tops: list[int] = []
        for deck_id, name in names.items():
            parent = parent_name(name)
            if parent is not None and parent in by_name:
                children[by_name[parent]].append(deck_id)
            else:
                tops.append(deck_id)

        def order(ids: Iterable[int]) -> tuple[int, ...]:
            return tuple(sorted(ids, key=lambda d: [p.casefold() for p in names[d].split("::")]))

        return cls(names, {d: order(c) for d, c in children.items()}, order(tops))

    def subtree(self, root: int | None) -> list[int]:
        """``root`` and its subdecks depth first (every deck for None)."""
        out: list[int] = []

        def visit(deck_id: int) -> None:
            out.append(deck_id)
            for child in self.children[deck_id]:
                visit(child)

        for start in (self.tops if root is None else (root,)):
            visit(start)
        return out

    def parent(self, deck_id: int) -> int | None:
        """The parent deck's id."""
        name = parent_name(self.names[deck_id])
        return next((d for d, n in self.names.items() if n == name), None) if name is not None else None


@dataclass(frozen=True)
class OwnLimits:
    """A deck's own limits left today: its preset's minus what its subtree studied today."""

    new: int
    review: int


def own_limits(
    db: sqlite3.Connection, tree: DeckTree, today: int, per_day: Mapping[int, tuple[int, int]]
) -> dict[int, OwnLimits]:
    """Each deck's ``OwnLimits``; ``per_day`` maps deck id → (new per day, reviews per day) of its preset."""
    done: dict[int, list[int]] = {d: [0, 0] for d in tree.names}
    parents = {d: tree.parent(d) for d in tree.names}
    for deck_id, new_done, review_done in db.execute(
        "SELECT deck_id, new_done, review_done FROM daily WHERE day = ?", (today,)
    ):
        at: int | None = deck_id if deck_id in done else None
        while at is not None:
            done[at][0] += new_done
            done[at][1] += review_done
            at = parents[at]
    return {
        d: OwnLimits(max(0, per_day[d][0] - done[d][0]), max(0, per_day[d][1] - done[d][1] - done[d][0]))
        for d in tree.names
    }


def intersperse(one: list[QueueEntry], two: list[QueueEntry]) -> Iterator[QueueEntry]:
    """``one`` and ``two`` mixed evenly, each in its own order (Anki's mix): with
    ``ratio = (len(one) + 1) / (len(two) + 1)`` the next of ``two`` comes first while
    ``(taken_two + 1) * ratio < taken_one + 1``."""
    ratio = (len(one) + 1) / (len(two) + 1)
    i = j = 0
    while i < len(one) or j < len(two):
        if j < len(two) and (i == len(one) or (j + 1) * ratio < i + 1):
            yield two[j]
            j += 1
        else:
            yield one[i]
            i += 1


@dataclass(frozen=True)
class QueueEntry:
    """A card in the main queue: ``kind`` is "review", "day_learn" or "new"."""

    card_id: int
    kind: str


@dataclass
class StudyQueue:
    """Today's queue for one studied deck, kept between answers as Anki keeps it.

    ``learning`` holds (due seconds, card id) of today's intraday learning cards, sorted; ``counts``
    are (new, learning, review) left, decremented as cards are answered.
    """

    scope: int | None
    day: int
    next_day_at: int
    cutoff: int
    main: deque[QueueEntry]
    learning: list[tuple[int, int]]
    counts: list[int] = field(default_factory=lambda: [0, 0, 0])
    build: int = field(default_factory=lambda: next(_BUILDS))

    def copy(self) -> StudyQueue:
        """An independent copy of the same build (for undo)."""
        return StudyQueue(self.scope, self.day, self.next_day_at, self.cutoff, deque(self.main),
                          list(self.learning), list(self.counts), self.build)

    def head(self) -> int | None:
        """The card to show next: a learning card due by the cut-off, else the main queue's first,
        else a learning card due within ``LEARN_AHEAD`` of the cut-off."""
        if self.learning and self.learning[0][0] <= self.cutoff:
            return self.learning[0][1]
        if self.main:
            return self.main[0].card_id
        if self.learning and self.learning[0][0] <= self.cutoff + LEARN_AHEAD_SECS:
            return self.learning[0][1]
        return None

    def current_counts(self, now_s: int) -> tuple[int, int, int]:
        """(new, learning, review) left; when nothing is left the cut-off first moves to ``now_s``."""
        if not any(self.counts):
            self.move_cutoff(now_s)
        return (self.counts[0], self.counts[1], self.counts[2])

    def move_cutoff(self, now_s: int) -> None:
        """Move the learning cut-off to ``now_s``, counting learning cards that now fall within it."""
        old_ahead = self.cutoff + LEARN_AHEAD_SECS
        self.cutoff = max(self.cutoff, now_s)
        new_ahead = self.cutoff + LEARN_AHEAD_SECS
        self.counts[1] += sum(1 for due, _ in self.learning if old_ahead < due <= new_ahead)

    def answered(self, card_id: int, queue: int, due: int, now_s: int) -> bool:
        """Take the answered card out of the queue; put it back among today's learning cards if its next
        step is later today (not straight back on top while other learning cards wait); move the
        cut-off. False (queue unchanged) when the card was not in the queue.

        The card is normally the one on top. Another card of the main queue takes the place of the
        top one when it is of the same kind (a review of the same day in another order), so the mix of
        reviews and new cards goes on as built.
        """
        learning_index = next((i for i, (_, c) in enumerate(self.learning) if c == card_id), None)
        main_index = None
        if learning_index is None:
            on_top = bool(self.main) and self.main[0].card_id == card_id
            main_index = 0 if on_top else next((i for i, e in enumerate(self.main) if e.card_id == card_id), None)
        if learning_index is not None:
            del self.learning[learning_index]
            self.counts[1] = max(0, self.counts[1] - 1)
        elif main_index is not None:
            entry = self.main[main_index]
            if self.main[0].kind == entry.kind:
                self.main[main_index] = self.main[0]
                self.main.popleft()
            else:
                del self.main[main_index]
            index = {"new": 0, "day_learn": 1, "review": 2}[entry.kind]
            self.counts[index] = max(0, self.counts[index] - 1)
        else:
            return False
        if queue == QUEUE_LEARN and due < self.next_day_at:
            ahead = self.cutoff + LEARN_AHEAD_SECS
            if due <= ahead and not self.main and self.learning:
                first = self.learning[0][0]
                if first >= due and first + 1 < ahead:
                    due = first + 1
            if due <= ahead:
                self.counts[1] += 1
            insort(self.learning, (due, card_id))
        self.move_cutoff(now_s)
        return True


def _merged(db: sqlite3.Connection, sql: str, decks: Iterable[int], *params: int) -> Iterator[tuple[int, int, int]]:
    """(due, card id, deck id) of ``sql``'s rows over ``decks``, merged in (due, id) order; each deck's
    rows come from one index range scan, read lazily."""

    def stream(deck: int) -> Iterator[tuple[int, int, int]]:
        for due, cid in db.execute(sql, (deck, *params)):
            yield due, cid, deck

    return heapq.merge(*(stream(deck) for deck in decks))


class _Limiter:
    """Remaining limits along deck paths within the studied subtree (each deck capped by its parent)."""

    def __init__(self, tree: DeckTree, scope: int | None, limits: Mapping[int, OwnLimits]) -> None:
        self.left: dict[int | None, list[int]] = {None: [1 << 30, 1 << 30]}
        self.up: dict[int, int | None] = {}
        for deck_id in tree.subtree(scope):
            parent = tree.parent(deck_id)
            self.up[deck_id] = parent if deck_id != scope and parent in self.up else None
            self.left[deck_id] = [limits[deck_id].new, limits[deck_id].review]

    def path(self, deck_id: int) -> Iterator[list[int]]:
        at: int | None = deck_id
        while at is not None:
            yield self.left[at]
            at = self.up[at]
        yield self.left[None]

    def take(self, deck_id: int, index: int) -> bool:
        """Use one of limit ``index`` (0 new, 1 review) on the path, if every deck on it has one left."""
        if any(left[index] <= 0 for left in self.path(deck_id)):
            return False
        for left in self.path(deck_id):
            left[index] -= 1
        return True

    def cap_new_to_review(self) -> None:
        for left in self.left.values():
            left[0] = min(left[0], left[1])


def build_queue(
    db: sqlite3.Connection, tree: DeckTree, scope: int | None, limits: Mapping[int, OwnLimits],
    today: int, now_s: int, next_day_at: int, tie_break: Callable[[int], int] | None = None,
) -> StudyQueue:
    """Gather today's queue for ``scope`` (see the module docstring). ``tie_break`` (card id → key)
    orders reviews and interday learning cards due on the same day; None: by card id."""
    decks = tree.subtree(scope)
    limiter = _Limiter(tree, scope, limits)
    learning = sorted(
        (due, cid) for deck in decks for due, cid in db.execute(
            "SELECT due, id FROM cards WHERE deck_id = ? AND queue = 1 AND due < ?", (deck, next_day_at))
    )
    due_sql = "SELECT due, id FROM cards WHERE deck_id = ? AND queue = ? AND due <= ? ORDER BY due, id"
    gathered: dict[str, list[QueueEntry]] = {"review": [], "day_learn": []}
    roots = tree.tops if scope is None else (scope,)
    for kind, queue in (("day_learn", QUEUE_DAY_LEARN), ("review", QUEUE_REVIEW)):
        rows: Iterable[tuple[int, int, int]] = _merged(db, due_sql, decks, queue, today)
        if tie_break is not None:
            rows = sorted(rows, key=lambda row: (row[0], tie_break(row[1])))
        for _due, cid, deck in rows:
            if all(limiter.left[r][1] <= 0 for r in roots):
                break
            if limiter.take(deck, 1):
                gathered[kind].append(QueueEntry(cid, kind))
    limiter.cap_new_to_review()
    new: list[QueueEntry] = []
    for deck in decks:
        room = min(left[0] for left in limiter.path(deck))
        if room <= 0:
            continue
        for (cid,) in db.execute(
            "SELECT id FROM cards WHERE deck_id = ? AND queue = 0 ORDER BY due, id LIMIT ?", (deck, room)
        ):
            if not limiter.take(deck, 0):
                break
            new.append(QueueEntry(cid, "new"))
    reviews, day_learn = gathered["review"], gathered["day_learn"]
    main = deque(intersperse(list(intersperse(reviews, day_learn)), new))
    queue = StudyQueue(scope, today, next_day_at, now_s, main, learning)
    in_reach = sum(1 for due, _ in learning if due <= now_s + LEARN_AHEAD_SECS)
    queue.counts = [len(new), in_reach + len(day_learn), len(reviews)]
    return queue


def deck_counts(
    db: sqlite3.Connection, tree: DeckTree, limits: Mapping[int, OwnLimits], now_s: int, today: int,
) -> dict[int, tuple[int, int, int]]:
    """(new, learning, review) per deck: what ``build_queue`` for that deck at ``now_s`` would count.

    Limits along nested decks act greedily and each deck caps its whole subtree, so the count of a
    subtree is ``min(its limit, its own cards + its subdecks' counts)`` — interday learning first,
    reviews with the review limit left, new cards with the new limit and the review limit left.
    """

    def grouped(sql: str, params: tuple[int, ...]) -> dict[int, int]:
        return {deck_id: n for deck_id, n in db.execute(sql, params)}

    ahead = now_s + LEARN_AHEAD_SECS
    intraday = grouped("SELECT deck_id, count(*) FROM cards WHERE queue = 1 AND due <= ? GROUP BY deck_id", (ahead,))
    day_learn = grouped("SELECT deck_id, count(*) FROM cards WHERE queue = 3 AND due <= ? GROUP BY deck_id", (today,))
    reviews = grouped("SELECT deck_id, count(*) FROM cards WHERE queue = 2 AND due <= ? GROUP BY deck_id", (today,))
    new = grouped("SELECT deck_id, count(*) FROM cards WHERE queue = 0 GROUP BY deck_id", ())
    result: dict[int, tuple[int, int, int]] = {}

    def visit(deck_id: int) -> tuple[int, int, int, int]:
        kids = [visit(c) for c in tree.children[deck_id]]
        room = limits[deck_id].review
        dl = min(day_learn.get(deck_id, 0) + sum(k[1] for k in kids), room)
        rv = min(reviews.get(deck_id, 0) + sum(k[0] for k in kids), room - dl)
        nw = min(new.get(deck_id, 0) + sum(k[2] for k in kids), limits[deck_id].new, room - rv - dl)
        learn = intraday.get(deck_id, 0) + sum(k[3] for k in kids)
        result[deck_id] = (nw, learn + dl, rv)
        return rv, dl, nw, learn

    for deck_id in tree.tops:
        visit(deck_id)
    return result
