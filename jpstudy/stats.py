"""Study statistics computed from the Collection's public API (no Qt, no SQL).

Terms:
    study day: the scheduling date an answer falls on — local time in ``col.options.tz`` minus the
        rollover hour (an answer at 02:00 with rollover 04:00 counts for the day before), the same rule
        the scheduler uses for "today".
    streak: the number of consecutive study days, ending today, with at least one answer. A day without
        answers yet does not break the streak until it is over (it then counts from yesterday).
    mature: a review card whose interval is at least ``MATURE_DAYS`` (21) days, as in Anki.
    retention: the share of answers to mature review cards that were not Again ("true retention").
    word progress: the three stages every screen shows for a word (home, mining, the job-ad library,
        here), decided by ``card_progress`` and ``word_status`` alone:
        *not started* — no card of the word has been answered yet (Statistics' "new" cards), or the word
        is not in the decks at all; *learning* — a card was answered but none is mature yet (Statistics'
        "learning", "relearning" and "young"); *known* — a card is mature, or the word is marked known.
    word status: what ``Collection.word_status`` and the job-ad library report for one word: ``known``,
        ``learning``, ``unseen`` (in the decks, not started), ``new`` (not in the decks) or ``ignored``.
    forecast: review cards coming due on each of the next days (overdue ones count for today).

Every function takes the collection and an aware ``now`` and only reads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import IntEnum
from typing import TYPE_CHECKING

from jpstudy.collection.models import MATURE_DAYS, Card, DeckNode, ReviewEntry, WordStatus
from jpstudy.decks import LEVELS, load_jlpt_words
from jpstudy.srs.timing import day_start, scheduling_date

if TYPE_CHECKING:
    from jpstudy.collection import Collection

REVIEW_TYPE = 1
"""``ReviewEntry.type`` of an answer to a review card (0 learning, 1 review, 2 relearning)."""

CARD_NEW, CARD_REVIEW = 0, 2
"""``cards.type`` (Anki's) of a card never answered and of a card in review (1 learning, 3 relearning)."""


class Progress(IntEnum):
    """A word's (or a card's) progress, ordered: see "word progress" in the module docstring."""

    NOT_STARTED = 0
    LEARNING = 1
    KNOWN = 2

    @property
    def label(self) -> str:
        """ "not started", "learning" or "known"."""
        return self.name.lower().replace("_", " ")


PROGRESS_LEGEND = (
    "known: a card is mature (interval ≥ 21 days) or you marked the word known · learning: studied, not "
    "mature yet · not started: never answered, or not in your decks"
)
"""The definitions in words, for legends and tooltips."""

STATUS_LABELS: dict[str, str] = {
    "known": "known", "learning": "learning", "unseen": "in decks", "new": "new", "ignored": "ignored",
}
"""How each word status is named in tables (short: "in decks" is in the decks but not started yet, "new"
not in the decks); both are *not started* in the word progress."""


def card_progress(card_type: int, interval_days: int) -> Progress:
    """One card's progress from its Anki ``type`` and interval (see the module docstring)."""
    if card_type == CARD_NEW:
        return Progress.NOT_STARTED
    if card_type == CARD_REVIEW and interval_days >= MATURE_DAYS:
        return Progress.KNOWN
    return Progress.LEARNING


def anki_word_progress(interval_days: int) -> Progress:
    """The progress of a word read from a running Anki (``jpstudy.ankiconnect.pull``, which keeps only
    its cards' longest interval, 0 for new and learning cards): a card in review with that interval."""
    return card_progress(CARD_REVIEW, interval_days)


def word_status(marks: Iterable[str], cards: Iterable[Progress]) -> WordStatus:
    """A word's status from its marks (``known`` / ``ignored``; ignored wins) and its cards' progress."""
    found = set(marks)
    if found:
        return "ignored" if "ignored" in found else "known"
    best = max(cards, default=None)
    if best is None:
        return "new"
    return ("unseen", "learning", "known")[best]


def status_progress(status: str) -> Progress:
    """The progress a word status stands for (``ignored`` and ``new`` words are not started)."""
    return {"known": Progress.KNOWN, "learning": Progress.LEARNING}.get(status, Progress.NOT_STARTED)


@dataclass(frozen=True)
class HomeSummary:
    """What the home screen shows at a glance.

    Attributes:
        decks: the deck tree with today's counts.
        counts: (new, learning, review) left today over all decks.
        has_cards: whether the collection holds any card.
        reviews_today: answers given today.
        streak_days: see the module docstring.
    """

    decks: list[DeckNode]
    counts: tuple[int, int, int]
    has_cards: bool
    reviews_today: int
    streak_days: int


@dataclass(frozen=True)
class LevelProgress:
    """How far the user is through one JLPT list: words known, learning, not started, of ``total``
    (see "word progress"); ``in_decks`` of the not-started words have cards waiting to be studied."""

    level: str
    total: int
    known: int
    learning: int
    in_decks: int = 0

    @property
    def not_started(self) -> int:
        """Words of the list neither known nor being learned."""
        return max(0, self.total - self.known - self.learning)


@dataclass(frozen=True)
class StateCounts:
    """Cards by state: new, learning (incl. relearning), young review, mature review, suspended."""

    new: int
    learning: int
    young: int
    mature: int
    suspended: int


@dataclass(frozen=True)
class RetentionPoint:
    """Answers to mature cards in one month (``month`` is its first day) and how many passed."""

    month: date
    passed: int
    total: int

    @property
    def percent(self) -> float | None:
        """Passed answers in percent, ``None`` without answers."""
        return 100.0 * self.passed / self.total if self.total else None


def study_day(col: Collection, moment: datetime) -> date:
    """The study day ``moment`` belongs to (see the module docstring)."""
    return scheduling_date(moment, col.options.tz, col.options.rollover_hour)


def _answer_time(entry: ReviewEntry) -> datetime:
    return datetime.fromtimestamp(entry.id / 1000, UTC)


def reviews_per_day(col: Collection, now: datetime, days: int = 365) -> dict[date, int]:
    """Answers per study day over the last ``days`` days including today (days without answers absent)."""
    today = study_day(col, now)
    first = today - timedelta(days=days - 1)
    counter: Counter[date] = Counter()
    since = now - timedelta(days=days + 1)
    for entry in col.review_log(since=since):
        day = study_day(col, _answer_time(entry))
        if first <= day <= today:
            counter[day] += 1
    return dict(counter)


def streak(per_day: dict[date, int], today: date) -> int:
    """Consecutive study days with answers ending today (or yesterday, if today has none yet)."""
    day = today if per_day.get(today) else today - timedelta(days=1)
    length = 0
    while per_day.get(day):
        length += 1
        day -= timedelta(days=1)
    return length


def home_summary(col: Collection, now: datetime) -> HomeSummary:
    """The deck tree, today's counts, today's answers and the streak."""
    decks = col.deck_tree(now=now)
    counts = col.counts(now=now)
    per_day = reviews_per_day(col, now, days=3660)
    today = study_day(col, now)
    return HomeSummary(decks, counts, col.card_count() > 0, per_day.get(today, 0), streak(per_day, today))


def level_progress(col: Collection) -> list[LevelProgress]:
    """Known / learning words of each JLPT list (N5 first), by each word's status in the collection."""
    result = []
    for level in LEVELS:
        words = load_jlpt_words(level)
        statuses = Counter(col.word_status(w.entry_id, w.word, w.reading) for w in words)
        result.append(LevelProgress(level, len(words), statuses["known"], statuses["learning"], statuses["unseen"]))
    return result


CardLevels = Sequence[tuple[Card, tuple[str, ...]]]
"""Cards, each with the JLPT lists its word is on, as ``all_cards`` reads them."""


def list_levels() -> dict[tuple[str, object], tuple[str, ...]]:
    """The JLPT lists each word is on, keyed as ``word_status`` matches words: by ``("entry",
    (entry_id, reading))`` and by ``("word", (word, reading))``."""
    levels: dict[tuple[str, object], tuple[str, ...]] = {}
    for level in LEVELS:
        for w in load_jlpt_words(level):
            keys = [("word", (w.word, w.reading))]
            if w.entry_id is not None:
                keys.append(("entry", (w.entry_id, w.reading)))
            for key in keys:
                if level not in levels.get(key, ()):
                    levels[key] = (*levels.get(key, ()), level)
    return levels


def all_cards(col: Collection) -> list[tuple[Card, tuple[str, ...]]]:
    """Every card with the JLPT lists its word is on — the lists the home screen's progress counts the
    word for, and its note's own level (two bulk reads through ``iter_export``)."""
    on_lists = list_levels()
    out = []
    for note, cards in col.iter_export():
        found = on_lists.get(("word", (note.word, note.reading)), ())
        if note.entry_id is not None:
            found = (*found, *on_lists.get(("entry", (note.entry_id, note.reading)), ()))
        if note.jlpt in LEVELS:
            found = (note.jlpt, *found)
        levels = tuple(dict.fromkeys(found))
        out.extend((card, levels) for card in cards)
    return out


def state_counts(col: Collection, cards: CardLevels | None = None) -> StateCounts:
    """How many cards are in each state (suspended cards counted only as suspended)."""
    counter: Counter[str] = Counter()
    for card, _ in all_cards(col) if cards is None else cards:
        state = card.state
        if state.suspended:
            counter["suspended"] += 1
        elif state.kind == "new":
            counter["new"] += 1
        elif state.kind in ("learning", "relearning"):
            counter["learning"] += 1
        elif state.interval_days >= MATURE_DAYS:
            counter["mature"] += 1
        else:
            counter["young"] += 1
    return StateCounts(counter["new"], counter["learning"], counter["young"], counter["mature"], counter["suspended"])


def forecast(col: Collection, now: datetime, days: int = 30, cards: CardLevels | None = None) -> list[int]:
    """Review cards due on each of the next ``days`` study days, today first (overdue count today).

    Unlike the study queue this is not capped by the daily review limit (as Anki's forecast)."""
    sched = col.scheduler
    due = [0] * days
    for card, _ in all_cards(col) if cards is None else cards:
        if card.state.kind != "review" or card.suspended:
            continue
        offset = max(0, sched.seconds_until_due(card.state, now) // 86_400)
        if offset < days:
            due[offset] += 1
    return due


def _day_start(col: Collection, now: datetime, days_ahead: int) -> datetime:
    """The start of the study day ``days_ahead`` days after the one ``now`` is in."""
    options = col.options
    return day_start(study_day(col, now) + timedelta(days=days_ahead), options.tz, options.rollover_hour)


def due_tomorrow(col: Collection, now: datetime) -> int:
    """Reviews the queue will offer on the next study day (daily limit applied, overdue ones included)."""
    return col.counts(now=_day_start(col, now, 1))[2]


def next_due(col: Collection, now: datetime, horizon_days: int = 366) -> datetime | None:
    """When the next card becomes due: the first learning step due, else the start of the next study day
    whose queue holds reviews.

    Returns ``None`` when nothing is scheduled within ``horizon_days`` (only new cards, or no cards). A
    moment in the past means cards are due but held back by today's limits. Reads only the learning
    cards and the queue's counts, so it stays fast on large collections.
    """
    learning = [col.get_card(i).state.due for i in col.search_cards("is:learn -is:suspended")]
    moments = [due for due in learning if due is not None]
    if moments:
        return min(moments)
    if not col.search_cards("is:review -is:suspended"):
        return None
    for days_ahead in range(1, horizon_days + 1):
        start = _day_start(col, now, days_ahead)
        if col.counts(now=start)[2]:
            return start
    return None


def retention_by_month(col: Collection, now: datetime, months: int = 12) -> list[RetentionPoint]:
    """Retention of mature cards per calendar month for the last ``months`` months, oldest first."""
    today = study_day(col, now)
    starts = [_month_start(today, back) for back in range(months - 1, -1, -1)]
    tallies = {start: [0, 0] for start in starts}
    for entry in col.review_log():
        if entry.type != REVIEW_TYPE or entry.last_ivl < MATURE_DAYS:
            continue
        start = study_day(col, _answer_time(entry)).replace(day=1)
        if start in tallies:
            tallies[start][1] += 1
            tallies[start][0] += entry.rating != 1
    return [RetentionPoint(start, passed, total) for start, (passed, total) in tallies.items()]


def _month_start(day: date, months_back: int) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def known_over_time(
    col: Collection, now: datetime, weeks: int = 26, cards: CardLevels | None = None
) -> dict[str, list[tuple[date, int]]]:
    """Per JLPT list, the words on it known at the end of each of the last ``weeks`` weeks.

    A word counts from the answer that made one of its cards mature until an answer that made every
    mature card of it young again (a lapse); a word is counted once however many cards it has, and on
    every list it is on (as the home screen's progress). Words marked known without cards are not dated
    and not counted here.
    """
    today = study_day(col, now)
    points = [today - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    by_card: dict[int, list[ReviewEntry]] = {}
    for entry in col.review_log():
        by_card.setdefault(entry.card_id, []).append(entry)
    of_card = {card.id: (card.note_id, levels) for card, levels in (all_cards(col) if cards is None else cards)}
    spans: dict[str, list[tuple[int, date, date | None]]] = {level: [] for level in LEVELS}
    for card_id, entries in by_card.items():
        note_id, levels = of_card.get(card_id, (0, ()))  # no levels: a deleted card or a word on no list
        if not levels:
            continue
        card_spans: list[tuple[date, date | None]] = []
        start: date | None = None
        for entry in entries:
            day = study_day(col, _answer_time(entry))
            if entry.ivl >= MATURE_DAYS and start is None:
                start = day
            elif entry.ivl < MATURE_DAYS and start is not None:
                card_spans.append((start, day))
                start = None
        if start is not None:
            card_spans.append((start, None))
        for level in levels:
            spans[level].extend((note_id, s, e) for s, e in card_spans)
    return {
        level: [(point, len({n for n, s, e in spans[level] if s <= point and (e is None or e > point)}))
                for point in points]
        for level in LEVELS
    }


@dataclass(frozen=True)
class StatsReport:
    """Everything the statistics screen draws, read in one pass.

    Attributes:
        today: the current study day.
        per_day: answers per study day over the last year.
        streak_days: see the module docstring.
        forecast: review cards due on each of the next 30 days (today first).
        retention: retention of mature cards per month, last 12 months.
        states: cards by state.
        known: words known per JLPT level at the end of each of the last 26 weeks.
    """

    today: date
    per_day: dict[date, int]
    streak_days: int
    forecast: list[int]
    retention: list[RetentionPoint]
    states: StateCounts
    known: dict[str, list[tuple[date, int]]]


def report(col: Collection, now: datetime) -> StatsReport:
    """The statistics screen's figures at ``now``."""
    per_day = reviews_per_day(col, now)
    today = study_day(col, now)
    cards = all_cards(col)
    return StatsReport(
        today=today,
        per_day=per_day,
        streak_days=streak(per_day, today),
        forecast=forecast(col, now, cards=cards),
        retention=retention_by_month(col, now),
        states=state_counts(col, cards),
        known=known_over_time(col, now, cards=cards),
    )
