"""Running the same study days in jpstudy and in real Anki (under libfaketime) and comparing them.

A ``Scenario`` is a collection (zone, rollover hour, presets, decks, cards, creation moment); a
``Twin`` holds the scenario twice, as a jpstudy collection and as an Anki collection in a child
process (``anki_faketime``), both created at the same simulated moment in the same IANA zone. Every
step sets Anki's clock and passes the same moment to jpstudy, then checks:

* the counts of the studied deck (Anki's queue counts) and the deck list (Anki's deck tree);
* the next card: the same card, or for reviews and interday learning cards of the same due day a
  card of that day (Anki orders those by a hash of its card ids, jpstudy by its own ids: see
  ``jpstudy.collection.queue``); the card Anki shows is then answered in both;
* every card's scheduling columns, leech tag and the review log (``compare_cards``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from anki_faketime import FakeTimeAnki, preset_json

from jpstudy.collection import Collection, NewNote
from jpstudy.srs import Rating, SchedulerOptions

CARD_COLUMNS = "id, type, queue, due, ivl, factor, reps, lapses, left"


@dataclass
class Scenario:
    """A collection to build in both programs. ``presets`` maps a name ("Default" included) to its
    options; ``decks`` maps each deck to its preset's name; ``cards`` are (deck, front) in the order
    they are added."""

    zone: str
    rollover: int
    created: datetime
    presets: dict[str, SchedulerOptions]
    decks: dict[str, str]
    cards: list[tuple[str, str]]


@dataclass
class Twin:
    """The scenario in jpstudy (``col``) and in Anki (``anki``), cards paired by the order added."""

    col: Collection
    anki: FakeTimeAnki
    jp_of: dict[int, int] = field(default_factory=dict)  # Anki card id -> jpstudy card id
    anki_of: dict[int, int] = field(default_factory=dict)
    steps: int = 0
    last: datetime = field(default_factory=lambda: datetime.min.replace(tzinfo=ZoneInfo("UTC")))

    @classmethod
    def build(cls, scenario: Scenario, folder: Path) -> Twin:
        """Both collections, created at ``scenario.created``."""
        col = Collection.open(folder / "jpstudy.sqlite3", created=scenario.created, zone=scenario.zone)
        col.fuzz = False
        col.set_timing(scenario.zone, scenario.rollover)
        preset_ids = {"Default": 1}
        for name, options in scenario.presets.items():
            saved = col.save_preset(name, options, preset_ids.get(name))
            preset_ids[name] = saved.id
        for name, preset in scenario.decks.items():
            col.set_deck_preset(col.add_deck(name).id, preset_ids[preset])
        for deck, front in scenario.cards:
            col.add_note(NewNote(front, front, front), deck=deck, now=scenario.created)
        anki = FakeTimeAnki(scenario.zone, folder)
        anki.at(scenario.created)
        made = anki.call(
            "setup", rollover=scenario.rollover, decks=scenario.decks, cards=[list(c) for c in scenario.cards],
            presets={name: preset_json(options) for name, options in scenario.presets.items()},
        )
        jp_ids = [r[0] for r in col.db.execute("SELECT id FROM cards ORDER BY position, id")]
        twin = cls(col, anki, dict(zip(made["ids"], jp_ids, strict=True)), dict(zip(jp_ids, made["ids"], strict=True)))
        assert col.today(scenario.created) == made["today"]
        return twin

    def close(self) -> None:
        self.col.close()
        self.anki.close()

    # --- checks ---------------------------------------------------------------------------------

    def jp_row(self, jp_id: int) -> tuple[int, ...]:
        return tuple(self.col.db.execute(f"SELECT {CARD_COLUMNS} FROM cards WHERE id = ?", (jp_id,)).fetchone())

    def tie_class(self, jp_id: int) -> tuple[object, ...]:
        """What makes two next cards interchangeable: the card itself, or a review/interday learning
        card's due day."""
        _, _type, queue, due = self.jp_row(jp_id)[:4]
        return ("day", queue, due) if queue in (2, 3) else ("card", jp_id)

    def compare_tree(self, now: datetime) -> None:
        """The deck list's counts, deck by deck."""
        self.anki.at(now)
        anki = {name: tuple(c) for name, c in self.anki.call("tree").items()}
        jp: dict[str, tuple[int, int, int]] = {}

        def walk(nodes: list) -> None:
            for node in nodes:
                jp[node.deck.name] = (node.new, node.learning, node.review)
                walk(list(node.children))

        walk(self.col.deck_tree(now))
        assert jp == {name: anki[name] for name in jp}, f"deck list at {now}: jpstudy {jp}, Anki {anki}"

    def compare_cards(self, when: str) -> None:
        """Every card's columns and leech tag, and the review log, as Anki stores them."""
        dump = self.anki.call("cards")
        anki_cards = {row[0]: row for row in dump["cards"]}
        for anki_id, jp_id in self.jp_of.items():
            anki_row = anki_cards[anki_id]
            jp_row = self.jp_row(jp_id)
            leech = "leech" in self.col.note_of(self.col.get_card(jp_id)).tags
            assert (*jp_row[1:], leech) == tuple(anki_row[1:]), f"card {jp_id} ({when})"
        jp_log = [(self.anki_of[e.card_id], e.id, e.rating, e.ivl, e.last_ivl, e.factor, e.time_ms, e.type)
                  for e in self.col.review_log()]
        anki_log = [tuple(r) for r in dump["revlog"]]
        assert jp_log == anki_log, f"review log ({when}): {set(jp_log) ^ set(anki_log)} {jp_log} {anki_log}"

    # --- actions --------------------------------------------------------------------------------

    def next_card(self, now: datetime, deck: str) -> tuple[int, int] | None:
        """Compare counts and the next card of ``deck`` at ``now``; (Anki id, jpstudy id) of the card
        Anki shows, or None when both queues are empty."""
        self.anki.at(now)
        queued = self.anki.call("queue", deck=deck, limit=1)
        hashes = dict(self.anki.call("sql", query="select id, fnvhash(id, mod) from cards"))
        self.col.tie_break = lambda jp_id: hashes[self.anki_of[jp_id]]
        jp_card = self.col.next_card(now, deck=deck)
        assert self.col.counts(now, deck=deck) == tuple(queued["counts"]), f"counts of {deck} at {now}"
        if not queued["ids"]:
            assert jp_card is None, f"jpstudy still shows a card of {deck} at {now}"
            return None
        shown = self.jp_of[queued["ids"][0]]
        assert jp_card is not None, f"jpstudy shows nothing of {deck} at {now}"
        if self.tie_class(jp_card.id) != self.tie_class(shown):
            full = self.anki.call("queue", deck=deck, limit=100)["ids"]
            raise AssertionError(
                f"next card of {deck} at {now}: jpstudy {self.tie_class(jp_card.id)}, Anki {self.tie_class(shown)}; "
                f"Anki queue {[self.tie_class(self.jp_of[i]) for i in full]}")
        self.steps += 1
        return queued["ids"][0], shown

    def answer(self, now: datetime, deck: str, rating: Rating, taken: int = 3000) -> int | None:
        """Check the next card of ``deck`` and answer it with ``rating`` in both; its jpstudy id."""
        pair = self.next_card(now, deck)
        if pair is None:
            return None
        anki_id, jp_id = pair
        millis = int(now.timestamp()) * 1000
        self.anki.call("answer", deck=deck, card_id=anki_id, rating=int(rating), millis=millis, ms=taken)
        self.col.answer(self.col.get_card(jp_id), rating, now, time_taken_ms=taken)
        return jp_id

    def step(self, now: datetime, deck: str, rng: random.Random) -> bool:
        """Check the next card of ``deck`` at ``now`` and answer (or bury, or answer and undo) it in
        both; False when both queues are empty."""
        roll = rng.random()
        if roll < 0.03:
            pair = self.next_card(now, deck)
            if pair is None:
                return False
            self.anki.call("bury", ids=[pair[0]])
            self.col.bury([pair[1]], now=now)
            return True
        rating = rng.choices(list(Rating), weights=(3, 1, 6, 1))[0]
        if self.answer(now, deck, rating, taken=rng.randint(500, 70_000)) is None:
            return False
        if roll > 0.96:
            assert self.col.undo_label(now) == "Undo Answer"
            self.anki.call("undo")
            self.col.undo(now)
        return True

    def set_preset(self, name: str, options: SchedulerOptions) -> None:
        """Edit preset ``name`` in both."""
        preset = next(p for p in self.col.presets() if p.name == name)
        self.col.save_preset(name, options, preset.id)
        self.anki.call("set_preset", name=name, values=preset_json(options))

    def session(self, start: datetime, deck: str, rng: random.Random, answers: int) -> datetime:
        """Study ``deck`` from ``start`` (or just after the previous session): up to ``answers`` steps,
        7-40 s apart; returns the end."""
        now = max(start, self.last + timedelta(seconds=30))
        self.compare_tree(now)
        for _ in range(answers):
            if not self.step(now, deck, rng):
                break
            now += timedelta(seconds=rng.randint(7, 40))
        self.last = now
        return now


def day_start(scenario: Scenario, day: int) -> datetime:
    """The local rollover moment beginning simulated day ``day`` (0 = the creation day)."""
    zone = ZoneInfo(scenario.zone)
    local = scenario.created.astimezone(zone)
    base = datetime(local.year, local.month, local.day, scenario.rollover, tzinfo=zone)
    if local.hour < scenario.rollover:
        base -= timedelta(days=1)
    moved = base + timedelta(days=day)
    return datetime(moved.year, moved.month, moved.day, scenario.rollover, tzinfo=zone)


def safe(moment: datetime, zone: str) -> datetime:
    """``moment``, moved past 02:00-03:59 local time (where Anki's test mode shifts its clock)."""
    local = moment.astimezone(ZoneInfo(zone))
    if local.hour in (2, 3):
        return datetime(local.year, local.month, local.day, 4, 5, tzinfo=ZoneInfo(zone))
    return moment
