"""The Qt-free review controller, driven against a real collection through a recording stub view."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from jpstudy.collection import Collection
from jpstudy.japanese.sentence import SentenceParts, locate_word, split_at
from jpstudy.review_controller import (
    CardFace,
    Counts,
    DirectRunner,
    GradeChoice,
    Phase,
    ReviewController,
    SessionSummary,
)
from jpstudy.srs import Rating

pytestmark = pytest.mark.clock

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


class StubView:
    """Records what the controller asked it to show (Mnemosyne's TestReviewWidget)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []
        self.undo_label: str | None = None
        self.notice = ""
        self.errors: list[str] = []

    def show_question(self, face: CardFace, counts: Counts) -> None:
        self.calls.append(("question", (face, counts)))

    def show_answer(self, face: CardFace, grades: list[GradeChoice]) -> None:
        self.calls.append(("answer", (face, grades)))

    def show_finished(self, summary: SessionSummary, now: datetime) -> None:
        self.calls.append(("finished", summary))

    def set_undo(self, label: str | None) -> None:
        self.undo_label = label

    def show_notice(self, message: str) -> None:
        self.notice = message

    @property
    def undo_available(self) -> bool:
        return self.undo_label is not None

    def show_error(self, message: str) -> None:
        self.errors.append(message)

    def last(self, kind: str) -> object:
        return next(value for name, value in reversed(self.calls) if name == kind)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def col(tmp_path: Path) -> Collection:
    collection = Collection.open(tmp_path / "c.sqlite3", created=START - timedelta(days=1), zone="UTC")  # UTC days
    collection.fuzz = False
    collection.add_jlpt_deck("N5", now=START)
    yield collection
    collection.close()


def make(col: Collection) -> tuple[ReviewController, StubView, Clock]:
    view, clock = StubView(), Clock()
    return ReviewController(view, DirectRunner(col), clock), view, clock


def test_first_card_shows_the_front_with_todays_counts(col: Collection) -> None:
    controller, view, _ = make(col)
    controller.start()
    face, counts = view.last("question")
    assert controller.phase is Phase.QUESTION
    assert counts == Counts(20, 0, 0)  # Anki's default: 20 new cards a day
    note = col.note_of(col.next_card(now=START))
    assert (face.word, face.reading, face.meaning, face.jlpt) == (note.word, note.reading, note.meaning, "N5")


def test_grades_show_ankis_default_intervals_for_a_new_card(col: Collection) -> None:
    controller, view, _ = make(col)
    controller.start()
    controller.answer(Rating.GOOD)  # ignored: the answer is not shown yet
    assert controller.phase is Phase.QUESTION
    controller.reveal()
    _, grades = view.last("answer")
    # Anki 26.9 with default options labels a new card's buttons 1m / 6m / 10m / 4d.
    assert [(g.label, g.interval) for g in grades] == [
        ("Again", "1m"),
        ("Hard", "6m"),
        ("Good", "10m"),
        ("Easy", "4d"),
    ]


def test_answer_records_time_taken_and_moves_on(col: Collection) -> None:
    controller, view, clock = make(col)
    controller.start()
    first = controller.current_face
    clock.now += timedelta(seconds=7)
    controller.reveal()
    controller.answer(Rating.GOOD)
    log = col.review_log()
    assert [(e.card_id, e.rating, e.time_ms) for e in log] == [(first.card_id, 3, 7000)]
    assert controller.current_face.card_id != first.card_id
    assert view.undo_available


def test_answer_time_is_capped_at_sixty_seconds(col: Collection) -> None:
    controller, _, clock = make(col)
    controller.start()
    clock.now += timedelta(minutes=10)
    controller.reveal()
    controller.answer(Rating.HARD)
    assert col.review_log()[0].time_ms == 60_000


def test_undo_restores_the_card_and_shows_it_again(col: Collection) -> None:
    controller, view, _ = make(col)
    controller.start()
    first = controller.current_face
    controller.reveal()
    controller.answer(Rating.AGAIN)
    controller.undo()
    assert controller.current_face.card_id == first.card_id
    assert controller.phase is Phase.QUESTION
    assert col.review_log() == []
    assert col.get_card(first.card_id).state.kind == "new"
    assert controller.summary().answered == 0
    assert not view.undo_available


def test_suspend_takes_the_card_out_and_moves_on(col: Collection) -> None:
    controller, view, _ = make(col)
    controller.start()
    first = controller.current_face
    controller.suspend_current()
    assert col.get_card(first.card_id).suspended
    _, counts = view.last("question")
    assert controller.current_face.card_id != first.card_id
    assert counts.new == 20  # the next new card takes the suspended one's place


def test_suspend_says_what_happened_and_undo_brings_back_the_answer_underneath(col: Collection) -> None:
    """Issue 14: suspend was silent, lost the previous answer's undo, and Ctrl+Z then said "There is
    nothing to undo" while the Undo button stayed enabled."""
    controller, view, _ = make(col)
    controller.start()
    answered = controller.current_face
    controller.reveal()
    controller.answer(Rating.GOOD)
    assert view.undo_label == "Undo Answer"
    shown = controller.current_face
    controller.suspend_current()
    assert view.notice == f"Suspended {shown.word} — Ctrl+Z to undo"
    assert view.undo_label == "Undo Suspend" == col.undo_label()
    controller.undo()  # the suspend
    assert not col.get_card(shown.card_id).suspended and controller.current_face.card_id == shown.card_id
    assert view.undo_label == "Undo Answer" == col.undo_label()
    controller.undo()  # the answer before it
    assert controller.current_face.card_id == answered.card_id and col.review_log() == []
    assert view.undo_label is None and not col.can_undo()
    controller.undo()
    assert view.notice == "There is nothing to undo." and view.errors == []


def test_bury_hides_the_card_until_the_next_day(col: Collection) -> None:
    controller, view, clock = make(col)
    controller.start()
    buried = controller.current_face
    controller.bury_current()
    assert view.notice == f"Buried {buried.word} until tomorrow — Ctrl+Z to undo"
    assert view.undo_label == "Undo Bury"
    assert col.get_card(buried.card_id).state.buried == "manual"
    assert buried.card_id not in {col.next_card(clock.now).id}
    assert col.counts(clock.now)[0] == 20  # burying studies nothing: the next new card takes its place
    clock.now += timedelta(days=1)
    assert col.next_card(clock.now).id == buried.card_id  # back by itself the next day, in its place
    assert col.get_card(buried.card_id).state.buried is None


def test_session_ends_with_summary_and_next_due(col: Collection) -> None:
    col.set_options(dataclasses.replace(col.options, new_per_day=3, learning_steps=()))
    controller, view, clock = make(col)
    controller.start()
    for rating in (Rating.AGAIN, Rating.GOOD, Rating.EASY):
        clock.now += timedelta(seconds=4)
        controller.reveal()
        controller.answer(rating)
    assert controller.phase is Phase.FINISHED
    summary = view.last("finished")
    assert summary.answered == 3
    assert summary.by_rating == {Rating.AGAIN: 1, Rating.HARD: 0, Rating.GOOD: 1, Rating.EASY: 1}
    assert summary.seconds == 12
    assert summary.correct_percent == pytest.approx(200 / 3)
    # No learning steps: Again and Good graduate to 1 day, Easy to 4 days; the next day starts at 04:00 UTC.
    assert summary.next_due == datetime(2026, 3, 3, 4, 0, tzinfo=UTC)
    assert summary.due_tomorrow == 2


def test_empty_collection_finishes_at_once(tmp_path: Path) -> None:
    with Collection.open(tmp_path / "empty.sqlite3", created=START) as empty:
        controller, view, _ = make(empty)
        controller.start()
        summary = view.last("finished")
    assert controller.phase is Phase.FINISHED
    assert (summary.answered, summary.next_due, summary.due_tomorrow) == (0, None, 0)


def test_refresh_after_edit_keeps_the_answer_side(col: Collection) -> None:
    controller, view, _ = make(col)
    controller.start()
    controller.reveal()
    note = col.get_note(controller.current_note_id())
    col.update_note(dataclasses.replace(note, meaning="edited meaning"))
    controller.refresh_current()
    face, _ = view.last("answer")
    assert controller.phase is Phase.ANSWER
    assert face.meaning == "edited meaning"


def test_errors_reach_the_view_and_leave_the_card_on_screen(col: Collection) -> None:
    controller, view, _ = make(col)
    controller.start()
    shown = controller.current_face
    col.delete_notes([controller.current_note_id()])
    controller.reveal()
    controller.answer(Rating.GOOD)
    assert view.errors and "no card" in view.errors[0]
    assert controller.phase is Phase.ANSWER
    assert controller.current_face == shown


@pytest.mark.parametrize(
    ("sentence", "word", "reading", "expected"),
    [
        ("毎日日本語を勉強します。", "勉強", "べんきょう", SentenceParts("毎日日本語を", "勉強", "します。")),
        ("パンを食べました。", "食べる", "たべる", SentenceParts("パンを", "食べ", "ました。")),
        ("りんごがすきです。", "林檎", "りんご", SentenceParts("", "りんご", "がすきです。")),
        ("関係のない文。", "猫", "ねこ", SentenceParts("関係のない文。", "", "")),
    ],
)
def test_split_sentence_highlights_word_stem_or_reading(sentence, word, reading, expected) -> None:
    assert split_at(sentence, locate_word(sentence, word, reading)) == expected


def test_split_sentence_without_sentence_is_none() -> None:
    assert split_at("  ", locate_word("  ", "猫", "ねこ")) is None
