"""Property tests of the collection API: random sequences of operations on random input.

Whatever the input (any Unicode, HTML and script, SQL and search syntax, huge text), every operation
either succeeds or raises one of its documented errors (ValueError for invalid notes and deck names,
KeyError for unknown ids, SearchError for bad queries), and:
    - a failed operation leaves the database exactly as it was;
    - undo right after an answer restores the database exactly; after later edits it still restores
      the card's scheduling and removes the answer's review-log row;
    - counts are never negative and never above the daily limits;
    - search returns existing card ids in ascending order or raises SearchError.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from jpstudy import Collection, Rating
from jpstudy.collection import NewNote, SearchError

T0 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
TMP_BASE = "/dev/shm" if Path("/dev/shm").is_dir() else None  # RAM disk: fsync costs nothing

SPECIAL = (
    "", " ", "\n\t", "<script>alert('x')</script>", "<b>太字</b>", "&amp;", "\x00", "a\u0301", "🇯🇵",
    "ＡＢＣ", "'; DROP TABLE notes; --", '"', "\\", "%", "_", "::", "a::b", "::x", "x::", "tag:foo",
    "\ud7ff", "\U0010ffff", "残業なし", "ｶﾀｶﾅ",
)
texts = st.one_of(st.text(max_size=40), st.sampled_from(SPECIAL))
repeated = st.builds(lambda s, n: s * n, st.sampled_from(("長", "<i>x</i>", "a b")), st.integers(1, 100_000))
big_texts = st.one_of(texts, repeated)  # up to 700 kB
QUERY_TOKENS = (
    "tag:", "deck:", "is:new", "is:learn", "is:review", "is:suspended", "is:leech", "is:bogus", "word:", "reading:",
    "meaning:", "jlpt:5", "jlpt:N3", '"', "'", "-", "--", "\\", "%", "_", "(", ")", "OR", "deck:Mined", "tag:jlpt",
)
queries = st.one_of(
    st.text(max_size=30),
    st.lists(st.one_of(st.sampled_from(QUERY_TOKENS), st.text(max_size=5)), max_size=6).map(" ".join),
)
ratings = st.sampled_from(list(Rating))

TABLES = ("meta", "decks", "notes", "cards", "revlog", "daily", "word_marks")


def dump(col: Collection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a fixed order; daily rows that count nothing are left out
    (undo returns them to zero rather than deleting them; they mean the same)."""
    out = {}
    for table in TABLES:
        rows = col.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        if table == "daily":
            rows = [r for r in rows if r[2] or r[3]]
        out[table] = rows
    return out


@dataclasses.dataclass
class AnswerRecord:
    """What the database looked like before an answer, and whether anything else changed since."""

    before: dict[str, list[tuple[Any, ...]]]
    card_id: int
    card_before: Any
    revlog_id: int | None  # None: a suspend/unsuspend of the cards ``suspended``
    day: int
    label: str = "Undo Answer"
    exact: bool = True


class CollectionMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="jpstudy-prop-", dir=TMP_BASE))
        self.col = Collection.open(self.folder / "collection.sqlite3", created=T0)
        self.col.fuzz = False
        self.now = T0
        self.answers: list[AnswerRecord] = []  # the undo stack as the model expects it
        self.seen_day = 0

    def teardown(self) -> None:
        self.col.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- helpers -------------------------------------------------------------------------------------
    def card_ids(self) -> list[int]:
        return [r[0] for r in self.col.db.execute("SELECT id FROM cards ORDER BY id")]

    def note_ids(self) -> list[int]:
        return [r[0] for r in self.col.db.execute("SELECT id FROM notes ORDER BY id")]

    def changed(self) -> None:
        """A change undo does not see through: earlier answers can no longer be compared exactly."""
        for record in self.answers:
            record.exact = False

    def attempt(self, errors: tuple[type[Exception], ...], op: Callable[[], Any]) -> tuple[bool, Any]:
        """Run ``op``: ``(True, result)``, or ``(False, None)`` when it raised one of ``errors``, in which
        case the database must be exactly as before."""
        before = dump(self.col)
        try:
            result = op()
        except errors as exc:
            assert dump(self.col) == before
            event(f"failed as documented: {type(exc).__name__}")
            return False, None
        return True, result

    def see_day(self) -> None:
        """The collection looked at the day (queue or counts): operations of earlier days are no longer
        undoable, as in Anki."""
        self.seen_day = self.col.today(self.now)
        if any(record.day < self.seen_day for record in self.answers):
            self.answers.clear()

    # --- rules ---------------------------------------------------------------------------------------
    @initialize(count=st.integers(1, 6))
    def some_words(self, count: int) -> None:
        """Start with a few ordinary words so that answering and undo happen early in every run."""
        self.col.add_notes([NewNote(f"語{i}", f"ご{i}", f"word {i}") for i in range(count)], "JLPT::N5", now=self.now)

    @rule(word=texts, reading=texts, meaning=big_texts, sentence=big_texts, tags=st.lists(texts, max_size=4),
          deck=st.sampled_from(("Mined", "JLPT::N5", "Own::Sub")), production=st.booleans())
    def add_note(self, word: str, reading: str, meaning: str, sentence: str, tags: list[str], deck: str,
                 production: bool) -> None:
        new = NewNote(word=word, reading=reading, meaning=meaning, sentence=sentence, tags=tuple(tags))
        directions = ("recognition", "production") if production else ("recognition",)
        ok, note = self.attempt((ValueError,), lambda: self.col.add_note(new, deck, directions))
        if ok:
            if note is not None:
                self.changed()
                assert (note.word, note.reading) == (word.strip(), reading.strip())
                assert (note.meaning, note.sentence) == (meaning, sentence)  # stored as given, never altered
                assert len(self.col.cards_of_note(note.id)) == len(directions)
        else:
            assert not word.strip()

    @rule(actions=st.lists(st.one_of(ratings, st.just("undo")), min_size=1, max_size=12))
    def study(self, actions: list[Rating | str]) -> None:
        """A review session: answers (each rating) and undos, in any order."""
        for action in actions:
            if action == "undo":
                self.undo_once()
            else:
                self.answer_once(Rating(action))
            self.now += timedelta(seconds=20)

    def answer_once(self, rating: Rating) -> None:
        card = self.col.next_card(self.now)
        self.see_day()
        if card is None:
            event("queue empty")
            return
        before = dump(self.col)
        after = self.col.answer(card, rating, self.now)
        event(f"answered a {card.state.kind} card")
        assert after.state.reps == card.state.reps + 1
        revlog_id = self.col.review_log(card.id)[-1].id
        self.answers.append(AnswerRecord(before, card.id, card, revlog_id, self.seen_day))
        del self.answers[:-30]

    @rule()
    def undo(self) -> None:
        self.undo_once()

    def undo_once(self) -> None:
        if not self.answers:
            before = dump(self.col)
            assert self.col.undo() is None
            assert dump(self.col) == before
            return
        record = self.answers.pop()
        assert self.col.undo_label() == record.label
        restored = self.col.undo()
        assert restored is not None and restored.id == record.card_id
        assert restored.state == record.card_before.state
        if record.revlog_id is not None:
            assert record.revlog_id not in {e.id for e in self.col.review_log(record.card_id)}
        event("undo right after the operation" if record.exact else "undo after other edits")
        if record.exact:
            assert dump(self.col) == record.before

    @rule(minutes=st.integers(1, 3 * 24 * 60))
    def wait(self, minutes: int) -> None:
        self.now += timedelta(minutes=minutes)

    @precondition(lambda self: bool(self.card_ids()))
    @rule(data=st.data(), suspend=st.booleans(), bogus=st.booleans())
    def suspend(self, data: st.DataObject, suspend: bool, bogus: bool) -> None:
        ids = data.draw(st.lists(st.sampled_from(self.card_ids()), max_size=5))
        if bogus:
            ids.append(10**9)
        before = dump(self.col)
        first = self.col.get_card(ids[0]) if ids and not (bogus and len(ids) == 1) else None
        def op() -> None:
            self.col.suspend(ids, suspended=suspend, now=self.now)

        if self.attempt((KeyError,), op)[0]:
            assert not bogus
            self.see_day()
            if first is not None:  # an undoable operation on top of the answers (Anki's undo stack)
                label = "Undo Suspend" if suspend else "Undo Unsuspend"
                self.answers.append(AnswerRecord(before, first.id, first, None, self.seen_day, label))
            for card_id in ids:
                assert self.col.get_card(card_id).suspended == suspend
        else:
            assert bogus

    @precondition(lambda self: bool(self.card_ids()))
    @rule(data=st.data(), deck=texts)
    def move(self, data: st.DataObject, deck: str) -> None:
        ids = data.draw(st.lists(st.sampled_from(self.card_ids()), min_size=1, max_size=3))
        if self.attempt((ValueError,), lambda: self.col.move_cards(ids, deck))[0]:
            self.changed()
            names = {d.id: d.name for d in self.col.decks()}
            expected = "::".join(part.strip() for part in deck.split("::"))
            assert {names[self.col.get_card(i).deck_id] for i in ids} == {expected}

    @precondition(lambda self: bool(self.note_ids()))
    @rule(data=st.data(), word=texts, meaning=big_texts, tags=st.lists(texts, max_size=3))
    def edit(self, data: st.DataObject, word: str, meaning: str, tags: list[str]) -> None:
        note = self.col.get_note(data.draw(st.sampled_from(self.note_ids())))
        edited = dataclasses.replace(note, word=word, meaning=meaning, tags=tuple(tags))
        # ValueError: the edit gives the note another note's word+reading
        if self.attempt((ValueError,), lambda: self.col.update_note(edited))[0]:
            self.changed()
            assert self.col.get_note(note.id).meaning == meaning

    @rule(note_id=st.integers(-5, 10**12))
    def get_unknown(self, note_id: int) -> None:
        if note_id in self.note_ids():
            return
        with pytest.raises(KeyError):
            self.col.get_note(note_id)
        if self.col.db.execute("SELECT 1 FROM cards WHERE id = ?", (note_id,)).fetchone() is None:
            with pytest.raises(KeyError):
                self.col.get_card(note_id)

    @rule(query=queries)
    def search(self, query: str) -> None:
        try:
            found = self.col.search_cards(query)
        except SearchError:
            event("search: SearchError")
            return
        event("search: results" if found else "search: nothing found")
        assert found == sorted(found)
        assert set(found) <= set(self.card_ids())

    @precondition(lambda self: bool(self.note_ids()))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        ids = data.draw(st.lists(st.sampled_from(self.note_ids()), max_size=2))
        self.col.delete_notes(ids)
        self.answers.clear()
        assert not set(ids) & set(self.note_ids())

    # --- invariants ----------------------------------------------------------------------------------
    @invariant()
    def counts_are_sane(self) -> None:
        new, learning, review = self.col.counts(self.now)
        self.see_day()
        assert 0 <= new <= self.col.options.new_per_day * max(1, len(self.col.decks()))
        assert learning >= 0 and 0 <= review <= self.col.options.reviews_per_day * max(1, len(self.col.decks()))

        def walk(nodes: Any) -> None:
            for node in nodes:
                assert min(node.new, node.learning, node.review) >= 0
                walk(node.children)

        walk(self.col.deck_tree(self.now))

    @invariant()
    def cards_belong_to_notes_and_decks(self) -> None:
        orphans = self.col.db.execute(
            "SELECT count(*) FROM cards WHERE note_id NOT IN (SELECT id FROM notes) "
            "OR deck_id NOT IN (SELECT id FROM decks)"
        ).fetchone()[0]
        assert orphans == 0


CollectionMachine.TestCase.settings = settings(
    max_examples=60, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
test_collection_operations = CollectionMachine.TestCase


def test_huge_note_round_trips(tmp_path: Path) -> None:
    """A 20 MB meaning (a pasted file, say) is stored and read back whole."""
    huge = ("求人票の本文。<script>x</script>\n" * 800_000)[:20_000_000]
    with Collection.open(tmp_path / "c.sqlite3", created=T0) as col:
        note = col.add_note(NewNote("長文", "ちょうぶん", huge, sentence=huge[:1000]), now=T0)
        assert note is not None
        assert col.search_cards("長文") == [col.cards_of_note(note.id)[0].id]
    with Collection.open(tmp_path / "c.sqlite3") as col:
        assert col.get_note(note.id).meaning == huge
