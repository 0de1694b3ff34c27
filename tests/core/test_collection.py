"""The collection: storage, identity of words, today's queue with daily limits, answers and undo."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from jpstudy import Collection, Rating
from jpstudy.collection import CollectionFileError, NewNote, SearchError
from jpstudy.collection.schema import SCHEMA_VERSION

T0 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


def words(n: int, prefix: str = "語") -> list[NewNote]:
    return [NewNote(word=f"{prefix}{i}", reading=f"ご{i}", meaning=f"word {i}") for i in range(n)]


@pytest.fixture
def col(tmp_path: Path) -> Collection:
    c = Collection.open(tmp_path / "collection.sqlite3", created=T0)
    c.fuzz = False
    yield c
    c.close()


def test_open_creates_file_and_reopens_with_data(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "c.sqlite3"
    with Collection.open(path) as c:
        assert c.add_notes(words(3), deck="Mined", now=T0) == 3
    assert path.exists()
    with Collection.open(path) as c:
        assert c.card_count() == 3
        assert [d.name for d in c.decks()] == ["Mined"]


def test_word_is_never_added_twice(col: Collection) -> None:
    first = col.add_note(NewNote(word="勤務", reading="きんむ", meaning="duty", entry_id=1245390))
    assert first is not None and first.word == "勤務"
    assert col.add_note(NewNote(word="勤務", reading="きんむ", meaning="other meaning")) is None
    # the same dictionary entry and reading under another spelling is the same word
    assert col.add_note(NewNote(word="勤め", reading="きんむ", meaning="x", entry_id=1245390)) is None
    assert col.card_count() == 1


def test_guid_depends_on_identity_not_meaning(col: Collection) -> None:
    a = col.add_note(NewNote(word="残業", reading="ざんぎょう", meaning="overtime", entry_id=1))
    assert a is not None
    edited = col.update_note(a.__class__(**{**a.__dict__, "meaning": "overtime work"}))
    assert edited.guid == a.guid and edited.meaning == "overtime work"


def test_other_programs_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE foo (x)")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(CollectionFileError, match="another program"):
        Collection.open(path)
    assert path.read_bytes() == before


def test_garbage_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"\x00\x01binary junk" * 100)
    with pytest.raises(CollectionFileError, match="not a SQLite database"):
        Collection.open(path)
    assert path.read_bytes() == b"\x00\x01binary junk" * 100


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    Collection.open(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(CollectionFileError, match="newer jpstudy"):
        Collection.open(path)


def test_new_cards_follow_daily_limit_and_come_back_tomorrow(col: Collection) -> None:
    col.add_notes(words(30), deck="Mined", now=T0)
    assert col.counts(T0) == (20, 0, 0)
    seen = 0
    now = T0
    while (card := col.next_card(now)) is not None and card.state.kind == "new":
        col.answer(card, Rating.EASY, now)
        seen += 1
        now += timedelta(seconds=5)
    assert seen == 20
    assert col.counts(now) == (0, 0, 0)
    tomorrow = T0 + timedelta(days=1)
    assert col.counts(tomorrow)[0] == 10


def test_parent_deck_limit_caps_subdecks(col: Collection) -> None:
    col.add_notes(words(15, "甲"), deck="JLPT::N5", now=T0)
    col.add_notes(words(15, "乙"), deck="JLPT::N4", now=T0)
    tree = {n.short_name: n for n in col.deck_tree(T0)}
    jlpt = tree["JLPT"]
    kids = {k.short_name: k for k in jlpt.children}
    assert (kids["N5"].new, kids["N4"].new) == (15, 15)
    assert jlpt.new == 20  # the parent's own limit caps its subtree
    assert col.counts(T0) == (20, 0, 0)


def test_worked_example_through_the_collection(col: Collection) -> None:
    """specs/sm2.md §11 rows 1-5: the stored Anki columns follow the engine."""
    col.add_notes(words(1), deck="Mined", now=T0)
    card = col.next_card(T0)
    card = col.answer(card, Rating.GOOD, T0)
    assert card.state.kind == "learning" and card.state.left == 1
    t = T0 + timedelta(minutes=1)
    assert col.next_card(t) is not None  # due within the 20-minute learn-ahead
    card = col.answer(card, Rating.GOOD, t)
    assert (card.state.kind, card.state.interval_days, card.state.ease) == ("review", 1, 2.5)
    assert col.next_card(t) is None
    for day, expected in ((1, 3), (4, 8), (16, 25)):
        now = T0 + timedelta(days=day, minutes=1)
        card = col.next_card(now)
        assert card is not None
        card = col.answer(card, Rating.GOOD, now)
        assert card.state.interval_days == expected
    rows = col.review_log(card.id)
    assert [(r.rating, r.ivl, r.last_ivl, r.factor, r.type) for r in rows] == [
        (3, -600, 0, 0, 0), (3, 1, -600, 2500, 0), (3, 3, 1, 2500, 1), (3, 8, 3, 2500, 1), (3, 25, 8, 2500, 1)]


def test_answer_is_on_disk_when_it_returns(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    col = Collection.open(path, created=T0)
    col.add_notes(words(2), deck="Mined", now=T0)
    card = col.next_card(T0)
    col.answer(card, Rating.GOOD, T0, time_taken_ms=4200)
    other = sqlite3.connect(path)  # a second reader sees the committed answer while col is still open
    assert other.execute("SELECT ease, time FROM revlog").fetchall() == [(3, 4200)]
    assert other.execute("SELECT type, queue FROM cards WHERE id = ?", (card.id,)).fetchone() == (1, 1)
    other.close()
    col.close()


def test_undo_restores_card_log_and_counts(col: Collection) -> None:
    col.add_notes(words(3), deck="Mined", now=T0)
    card = col.next_card(T0)
    before = col.get_card(card.id)
    col.answer(card, Rating.GOOD, T0)
    assert col.counts(T0) == (2, 1, 0)
    restored = col.undo()
    assert restored == before
    assert col.review_log() == []
    assert col.counts(T0) == (3, 0, 0)
    assert col.undo() is None


def test_suspend_and_reset(col: Collection) -> None:
    col.add_notes(words(2), deck="Mined", now=T0)
    card = col.next_card(T0)
    col.answer(card, Rating.EASY, T0)
    col.suspend([card.id])
    assert col.get_card(card.id).suspended
    assert col.search_cards("is:suspended") == [card.id]
    col.unsuspend([card.id])
    assert col.get_card(card.id).state.kind == "review"
    col.reset([card.id], now=T0)
    assert col.get_card(card.id).state.kind == "new"
    assert len(col.review_log(card.id)) == 1  # history is kept


def test_search_terms(col: Collection) -> None:
    col.add_note(NewNote(word="残業", reading="ざんぎょう", meaning="overtime", tags=("jlpt::n2",), jlpt="N2"))
    col.add_note(NewNote(word="<b>休日</b>", reading="きゅうじつ", meaning="holiday"), deck="JLPT::N5")
    assert len(col.search_cards("")) == 2
    assert len(col.search_cards("overtime")) == 1
    assert len(col.search_cards("tag:jlpt")) == 1
    assert len(col.search_cards("deck:JLPT")) == 1
    assert len(col.search_cards("-deck:JLPT")) == 1
    assert len(col.search_cards("jlpt:n2")) == 1
    assert len(col.search_cards("%")) == 0  # LIKE wildcards are literal
    assert len(col.search_cards("<b>")) == 1


def test_word_status(col: Collection) -> None:
    """Not started until a card is answered, learning until one is mature, then known (issue 14: words
    just added counted as learning)."""
    col.add_notes([NewNote(word="勤務", reading="きんむ", meaning="work", entry_id=7)], deck="Mined", now=T0)
    assert col.word_status(7, "勤務", "きんむ") == "unseen"
    now = T0
    card = col.next_card(now)
    col.answer(card, Rating.GOOD, now)
    assert col.word_status(7, "勤務", "きんむ") == "learning"
    assert col.word_status(None, "勤務", "きんむ") == "learning"  # matched by word too
    while col.get_card(card.id).state.interval_days < 21:
        now = max(now, col.get_card(card.id).state.due) + timedelta(minutes=1)
        col.answer(col.get_card(card.id), Rating.EASY, now)
        assert col.word_status(7, "勤務", "きんむ") == (
            "known" if col.get_card(card.id).state.interval_days >= 21 else "learning")
    assert col.word_status(7, "勤務", "きんむ") == "known"
    assert col.word_status(None, "休日", "きゅうじつ") == "new"
    col.mark_known("休日", "きゅうじつ")
    assert col.word_status(None, "休日", "きゅうじつ") == "known"
    col.ignore_word("東京", "とうきょう")
    assert col.word_status(None, "東京", "とうきょう") == "ignored"


def test_failed_operation_leaves_collection_as_it_was(col: Collection) -> None:
    col.add_notes(words(2), deck="Mined", now=T0)
    bad = [*words(3, "新"), NewNote(word="  ", reading="x", meaning="y")]
    with pytest.raises(ValueError, match="needs a word"):
        col.add_notes(bad, deck="Other", now=T0)
    assert col.card_count() == 2
    assert [d.name for d in col.decks()] == ["Mined"]


def test_undo_keeps_a_later_move_and_tag_edit(col: Collection) -> None:
    col.add_notes(words(2), deck="Mined", now=T0)
    card = col.next_card(T0)
    col.answer(card, Rating.GOOD, T0)
    col.move_cards([card.id], "Other")
    note = col.note_of(card)
    col.update_note(note.__class__(**{**note.__dict__, "tags": ("mine",)}))
    col.undo()
    assert col.get_card(card.id).state.kind == "new"
    assert col.decks()[col.get_card(card.id).deck_id - 1].name == "Other"
    assert col.note_of(card).tags == ("mine",)


def test_a_word_edited_away_can_be_added_again(col: Collection) -> None:
    """A note keeps its id when its word is edited; the word it had can come back as another note."""
    note = col.add_note(NewNote(word="0", reading="", meaning=""))
    col.update_note(note.__class__(**{**note.__dict__, "word": "00"}))
    again = col.add_note(NewNote(word="0", reading="", meaning=""))
    assert again is not None and again.guid != note.guid
    assert sorted(col.get_note(i).word for i in col.note_ids()) == ["0", "00"]


def test_bad_edits_are_refused_with_a_message(col: Collection, tmp_path: Path) -> None:
    col.add_note(NewNote(word="残業", reading="ざんぎょう", meaning="overtime"))
    other = col.add_note(NewNote(word="休日", reading="きゅうじつ", meaning="holiday"))
    with pytest.raises(ValueError, match="already in the collection"):
        col.update_note(other.__class__(**{**other.__dict__, "word": "残業", "reading": "ざんぎょう"}))
    with pytest.raises(ValueError, match="not valid text"):
        col.add_note(NewNote(word="bad\udc80", reading="x", meaning="y"))
    with pytest.raises(SearchError, match="not valid text"):
        col.search_cards("x\ud800")
    (tmp_path / "folder").mkdir()
    with pytest.raises(CollectionFileError, match="is a folder"):
        Collection.open(tmp_path / "folder")


def test_review_limit_caps_interday_learning_and_new_cards(col: Collection) -> None:
    """Anki v3: interday learning counts against the review limit; new cards need room left in it."""
    from jpstudy.srs import SchedulerOptions

    col.set_options(SchedulerOptions(reviews_per_day=6, learning_steps=(1.0, 1440.0)))
    col.add_notes(words(12), deck="Mined", now=T0)
    now = T0
    for _ in range(6):  # six cards onto the one-day step (interday learning, due tomorrow)
        card = col.next_card(now)
        card = col.answer(card, Rating.GOOD, now)  # Good moves it to the 1-day step
        assert card.state.kind == "learning" and card.state.interday
    assert col.next_card(now) is None  # the six new cards used up the review limit too
    col.set_options(SchedulerOptions(reviews_per_day=5, learning_steps=(1.0, 1440.0)))
    tomorrow = T0 + timedelta(days=1)
    assert col.counts(tomorrow) == (0, 5, 0)  # 6 interday cards due, the review limit of 5 caps them


def test_studying_one_deck_shows_only_its_subtree(col: Collection) -> None:
    col.add_notes(words(3, "甲"), deck="JLPT::N5", now=T0)
    col.add_notes(words(3, "乙"), deck="Mined", now=T0)
    mined = col.deck_by_name("Mined")
    n5 = col.deck_by_name("JLPT::N5")
    assert col.next_card(T0).deck_id == n5.id  # added first
    card = col.next_card(T0, deck="Mined")
    assert card.deck_id == mined.id
    col.answer(card, Rating.AGAIN, T0)  # a learning card in Mined, due in 1 minute
    later = T0 + timedelta(minutes=2)
    assert col.next_card(later, deck="JLPT").deck_id == n5.id
    assert col.next_card(later).id == card.id
    assert col.review_log(since=later) == [] and len(col.review_log(since=T0)) == 1
