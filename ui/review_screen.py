"""The review screen: implements :class:`jpstudy.review_controller.ReviewView` and forwards keys.

Keys: the "Review" rows of ``shortcuts.SHORTCUTS`` (Space / Enter show the answer, then Good as in
Anki; 1–4 answer; Ctrl+Z undo the last operation — answer, suspend, bury — as the Undo button names it;
E edit; S suspend; B or - bury until tomorrow; I card info; F furigana; ↑ ↓ PgUp PgDn scroll a long
card; Esc back to the decks). The screen keeps the focus; its buttons are for the mouse and do the same.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from jpstudy.review_controller import (
    CardFace,
    Counts,
    GradeChoice,
    Phase,
    ReviewController,
    SessionSummary,
)
from jpstudy.srs import Rating, describe_interval

from .card_info_dialog import CardInfoDialog
from .context import AppContext
from .kanji_strip import KanjiStrip
from .note_editor import NoteEditor
from .pitch_view import PitchView
from .ruby_text import RubyText
from .shortcuts import REVIEW, key_text, pressed
from .taskman import Change
from .theme import japanese_font
from .widgets import card_frame, label

T = TypeVar("T")

KEY_RATINGS = {"again": Rating.AGAIN, "hard": Rating.HARD, "good": Rating.GOOD, "easy": Rating.EASY}
"""Rating of each answer shortcut of ``shortcuts.SHORTCUTS``."""
SCROLL_DIRECTIONS = {"scroll_down": 1, "scroll_up": -1}
PAGE_KEYS = (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)
ROLE_OF = {Rating.AGAIN: "again", Rating.HARD: "hard", Rating.GOOD: "good", Rating.EASY: "easy"}
HINT = " · ".join(
    f"{key_text(REVIEW, name)} {what}" if name else what
    for name, what in (
        ("show", "show answer"), ("", "1–4 answer"), ("undo", "undo"), ("edit", "edit"), ("suspend", "suspend"),
        ("bury", "bury"), ("info", "card info"), ("furigana", "furigana"), ("back", "decks"),
    )
)
"""The keyboard line under the card, from ``shortcuts.SHORTCUTS``."""
UNDO_KEY = key_text(REVIEW, "undo")
UNDO_TEXT = f"Undo  {UNDO_KEY}"


MAX_WORD_PT = 60
MAX_BACK_WORD_PT = 40
MAX_KANJI_PT = 96
"""The headword grows with the font size up to these sizes, so the back of a card still fits."""


def _set_point_size(widget: QWidget, point_size: float) -> None:
    """Give ``widget`` a Japanese font of ``point_size`` (its own style sheet outranks the app's)."""
    widget.setFont(japanese_font(point_size))
    widget.setStyleSheet(f"font-size: {point_size:.1f}pt;")


class _OpRunner:
    """Runs the controller's work as operations, so other screens refresh after answers."""

    def __init__(self, context: AppContext, initiator: object) -> None:
        self._worker = context.worker
        self._initiator = initiator

    def run(
        self,
        work: Callable[[Any], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._worker.run_op(work, Change.CARDS, done, failed, initiator=self._initiator)


class ReviewScreen(QWidget):
    """Front, back, grade buttons, counts, and the end-of-session page."""

    back_requested = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self._context = context
        self.setAccessibleName("Review")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.controller: ReviewController | None = None
        self._face: CardFace | None = None
        self._answer_shown = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 20, 32, 20)
        outer.setSpacing(14)

        top = QHBoxLayout()
        self.back_button = self._button("← Decks", "Back to the decks (Esc)", self.back_requested.emit)
        top.addWidget(self.back_button)
        top.addStretch(1)
        self.count_new = label("0", "count-new", name="New left")
        self.count_learning = label("0", "count-learning", name="Learning left")
        self.count_review = label("0", "count-review", name="Reviews left")
        for widget in (self.count_new, self.count_learning, self.count_review):
            top.addWidget(widget)
            top.addSpacing(10)
        outer.addLayout(top)

        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.pages.addWidget(self._build_card_page())
        self.pages.addWidget(self._build_finished_page())

        self.hint = label(HINT, "muted", wrap=True, name="Keyboard help")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.hint)

    # -- construction --------------------------------------------------------------------------------
    def _button(self, text: str, name: str, slot: Callable[[], Any], role: str | None = None) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if role:
            button.setProperty("role", role)
        button.clicked.connect(lambda: slot())
        return button

    def _build_card_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(16)
        frame, holder = card_frame("Card")
        holder.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()  # a long back scrolls inside the card instead of squeezing it
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setProperty("role", "plain")
        scroll.setProperty("role", "plain")
        holder.addWidget(scroll)
        inner = QWidget()
        inner.setProperty("role", "plain")
        scroll.setWidget(inner)
        self.card_scroll = scroll
        card = QVBoxLayout(inner)
        card.setContentsMargins(32, 20, 32, 20)
        card.setSpacing(10)
        card.addStretch(1)
        base = self._context.settings.font_size
        self.furigana = label("", "furigana", name="Furigana")
        self.furigana.setFont(japanese_font(base * 1.4))
        self.front = label("", "word", wrap=True, name="Front")
        self.front.setFont(japanese_font(base * 4))
        for widget in (self.furigana, self.front):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            card.addWidget(widget)

        self.back = QWidget()
        self.back.setProperty("role", "plain")
        back = QVBoxLayout(self.back)
        back.setContentsMargins(0, 0, 0, 0)
        back.setSpacing(8)
        rule = QFrame()
        rule.setProperty("role", "rule")
        back.addWidget(rule)
        back.addSpacing(2)
        palette = lambda: self._context.theme.palette  # noqa: E731
        self.reading = label("", "heading", wrap=True, name="Reading")
        self.reading.setFont(japanese_font(base * 1.8))
        self.pitch = PitchView(palette)
        self.meaning = label("", "meaning", wrap=True, name="Meaning")
        self.level = label("", "badge", name="JLPT level")
        self.sentence = RubyText(palette)
        self.sentence_meaning = label("", "muted", wrap=True, name="Sentence meaning")
        self.kanji = KanjiStrip(self._context)
        self.kanji.failed.connect(self.show_error)
        self.examples_title = label("", "muted", name="Your words with this kanji")
        self.examples = QWidget()
        self.examples.setProperty("role", "plain")
        self.examples_layout = QVBoxLayout(self.examples)
        self.examples_layout.setContentsMargins(0, 0, 0, 0)
        self.examples_layout.setSpacing(4)
        self.notes = label("", None, wrap=True, name="Notes")
        self.source = label("", "muted", wrap=True, name="Source")
        for widget in (self.reading, self.meaning, self.sentence_meaning, self.notes, self.source,
                       self.examples_title):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        back.addWidget(self.reading)
        back.addWidget(self.pitch, 0, Qt.AlignmentFlag.AlignHCenter)
        back.addWidget(self.meaning)
        level_row = QHBoxLayout()
        level_row.addStretch(1)
        level_row.addWidget(self.level)
        level_row.addStretch(1)
        back.addLayout(level_row)
        back.addSpacing(4)
        back.addWidget(self.sentence)
        back.addWidget(self.sentence_meaning)
        back.addSpacing(6)
        back.addWidget(self.kanji, 0, Qt.AlignmentFlag.AlignHCenter)
        back.addWidget(self.examples_title)
        back.addWidget(self.examples, 0, Qt.AlignmentFlag.AlignHCenter)
        back.addWidget(self.notes)
        back.addWidget(self.source)
        card.addWidget(self.back)
        card.addStretch(1)
        layout.addWidget(frame, 1)

        self.show_button = self._button(
            f"Show answer   {key_text(REVIEW, 'show')}", "Show answer", self._reveal_or_good, "primary"
        )
        layout.addWidget(self.show_button)
        grades = QHBoxLayout()
        grades.setSpacing(10)
        self.grade_buttons: dict[Rating, QPushButton] = {}
        for rating in (Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY):
            button = self._button("", rating.name.title(), lambda r=rating: self._answer(r), ROLE_OF[rating])
            grades.addWidget(button)
            self.grade_buttons[rating] = button
        self.grades_row = QWidget()
        self.grades_row.setLayout(grades)
        layout.addWidget(self.grades_row)

        tools = QHBoxLayout()
        self.notice = label("", "muted", name="Last action")
        tools.addWidget(self.notice)
        tools.addStretch(1)
        self.undo_button = self._button(UNDO_TEXT, "Undo", self._undo)
        self.edit_button = self._button(f"Edit  {key_text(REVIEW, 'edit')}", "Edit note", self.edit_current)
        self.suspend_button = self._button(f"Suspend  {key_text(REVIEW, 'suspend')}", "Suspend card", self._suspend)
        self.bury_button = self._button(f"Bury  {key_text(REVIEW, 'bury')}", "Bury card until tomorrow", self._bury)
        self.info_button = self._button(f"Info  {key_text(REVIEW, 'info')}", "Card info", self.show_card_info)
        for button in (self.undo_button, self.edit_button, self.bury_button, self.suspend_button, self.info_button):
            tools.addWidget(button)
        layout.addLayout(tools)
        return page

    def _build_finished_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        frame, card = card_frame("Session finished")
        card.setContentsMargins(40, 32, 40, 32)
        self.finished_title = label("", "title", name="Finished")
        self.next_due = label("", "heading", wrap=True, name="Next review")
        self.summary_text = label("", "muted", wrap=True, name="Session summary")
        for widget in (self.finished_title, self.next_due, self.summary_text):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            card.addWidget(widget)
        self.finished_back = self._button(
            f"Back to decks   {key_text(REVIEW, 'back')}", "Back to decks", self.back_requested.emit, "primary"
        )
        card.addSpacing(12)
        card.addWidget(self.finished_back)
        layout.addWidget(frame)
        layout.addStretch(2)
        return page

    # -- session ---------------------------------------------------------------------------------------
    def start(self, deck: str | None = None) -> None:
        """Begin a session over ``deck`` (or everything)."""
        self.controller = ReviewController(self, _OpRunner(self._context, self), self._context.clock, deck)
        self.pages.setCurrentIndex(0)
        self._clear()
        self.setFocus()
        self.controller.start()

    # -- ReviewView ----------------------------------------------------------------------------------
    def show_question(self, face: CardFace, counts: Counts) -> None:
        """Front side: the word large (or the meaning, for production cards)."""
        self._face = face
        self._answer_shown = False
        self.pages.setCurrentIndex(0)
        self._set_counts(counts, face.kind)
        self._render_front(face)
        self.back.setVisible(False)
        self.grades_row.setVisible(False)
        self.show_button.setVisible(True)
        self.edit_button.setEnabled(True)
        self.suspend_button.setEnabled(True)
        self.bury_button.setEnabled(True)
        self.setFocus()

    def show_answer(self, face: CardFace, grades: list[GradeChoice]) -> None:
        """Back side: reading with its pitch accent, meaning, level, the sentence with furigana and the
        word highlighted, the word's kanji, notes, source; the grades. A kanji card's back: meaning,
        readings, strokes and the user's words with it."""
        self._face = face
        self._answer_shown = True
        if face.direction == "production":
            self.front.setText(html.escape(face.word))
            self.furigana.setText(face.reading if face.reading != face.word else "")
        base = self._context.settings.font_size  # the word becomes the card's heading: room for the back
        _set_point_size(self.front, min(base * 2.6, MAX_BACK_WORD_PT) if face.note_kind == "word"
                        else min(base * 4, MAX_WORD_PT))
        self.furigana.setVisible(face.note_kind == "word" and (face.direction == "production" or self._furigana_on()))
        if face.note_kind == "kanji":
            self._render_kanji_back(face)
        else:
            self._render_word_back(face)
        self.meaning.setText(face.meaning)
        self.notes.setText(face.notes)
        self.notes.setVisible(bool(face.notes))
        self.source.setText(f"Source: {face.source}" if face.source else "")
        self.source.setVisible(bool(face.source))
        self.back.setVisible(True)
        for choice in grades:
            button = self.grade_buttons[choice.rating]
            number = int(choice.rating)
            button.setText(f"{choice.label}  {choice.interval}\n{number}")
            button.setAccessibleName(f"{choice.label}, next in {choice.interval}, key {number}")
        self.show_button.setVisible(False)
        self.grades_row.setVisible(True)

    def show_finished(self, summary: SessionSummary, now: datetime) -> None:
        """The calm end: what was done, and when the next card comes."""
        self._face = None
        self.pages.setCurrentIndex(1)
        self._set_counts(Counts(0, 0, 0), None)
        if summary.answered:
            self.finished_title.setText("Well done — that's everything for now")
            minutes = summary.seconds / 60
            correct = summary.correct_percent or 0.0
            self.summary_text.setText(
                f"{summary.answered} card{'s' if summary.answered != 1 else ''} in "
                f"{max(1, round(minutes))} min · {correct:.0f}% remembered · "
                f"Again {summary.by_rating[Rating.AGAIN]} · Hard {summary.by_rating[Rating.HARD]} · "
                f"Good {summary.by_rating[Rating.GOOD]} · Easy {summary.by_rating[Rating.EASY]}"
            )
        else:
            self.finished_title.setText("Nothing to study right now")
            self.summary_text.setText("Rest is part of learning. Add a JLPT level or mine a job ad for more words.")
        if summary.next_due is None:
            self.next_due.setText("No reviews scheduled yet.")
        elif summary.next_due <= now:
            self.next_due.setText("More cards are due, but today's limit is reached.")
        else:
            seconds = (summary.next_due - now).total_seconds()
            wait = "under a minute" if seconds < 60 else describe_interval(seconds)
            self.next_due.setText(f"Next review in {wait}")
        if summary.due_tomorrow:
            self.next_due.setText(self.next_due.text() + f" · {summary.due_tomorrow} due tomorrow")
        self.setFocus()

    def set_undo(self, label: str | None) -> None:
        """Name the undo button by what Ctrl+Z would undo ("Undo Answer  Ctrl+Z"), or disable it."""
        self.undo_button.setEnabled(label is not None)
        self.undo_button.setText(f"{label}  {UNDO_KEY}" if label else UNDO_TEXT)
        self.undo_button.setAccessibleName(label or "Undo (nothing to undo)")

    def show_notice(self, message: str) -> None:
        """What just happened, in the tools row (kept until the next answer or operation)."""
        self.notice.setText(message)

    def show_error(self, message: str) -> None:
        """Show the error in the hint line (the card stays as it was)."""
        self.hint.setText(f"Could not do that: {message}")

    def changeEvent(self, event: QEvent) -> None:
        """Redraw the sentence and the pitch in the new theme's colours and font size."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange and self._face is not None and self._answer_shown:
            if self._face.note_kind == "kanji":
                self._render_kanji_back(self._face)
            else:
                self._render_word_back(self._face)

    # -- keys ----------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Forward the review keys to the controller (see the module docstring)."""
        name = pressed(event, REVIEW)
        if name == "show" and self.pages.currentIndex() == 1:
            self.back_requested.emit()
        elif name in KEY_RATINGS:
            self._answer(KEY_RATINGS[name])
        elif name in SCROLL_DIRECTIONS:
            bar = self.card_scroll.verticalScrollBar()
            step = bar.pageStep() if event.key() in PAGE_KEYS else bar.singleStep() * 3
            bar.setValue(bar.value() + SCROLL_DIRECTIONS[name] * step)
        elif name is not None:
            {
                "show": self._reveal_or_good,
                "undo": self._undo,
                "edit": self.edit_current,
                "suspend": self._suspend,
                "bury": self._bury,
                "info": self.show_card_info,
                "furigana": self._toggle_furigana,
                "back": self.back_requested.emit,
            }[name]()
        else:
            super().keyPressEvent(event)

    # -- actions ---------------------------------------------------------------------------------------
    def _reveal_or_good(self) -> None:
        if self.controller is None:
            return
        self.hint.setText(HINT)
        if self.controller.phase is Phase.QUESTION:
            self.controller.reveal()
        elif self.controller.phase is Phase.ANSWER:
            self.controller.answer(Rating.GOOD)

    def _answer(self, rating: Rating) -> None:
        if self.controller is not None:
            self.hint.setText(HINT)
            self.controller.answer(rating)

    def _undo(self) -> None:
        if self.controller is not None:
            self.controller.undo()

    def _suspend(self) -> None:
        if self.controller is not None:
            self.controller.suspend_current()

    def show_card_info(self) -> None:
        """Open Card info for the card on screen."""
        controller = self.controller
        card_id = controller.current_card_id() if controller is not None else None
        if card_id is not None and controller.phase in (Phase.QUESTION, Phase.ANSWER):
            CardInfoDialog.show_card(self._context, card_id, self)

    def _bury(self) -> None:
        if self.controller is not None:
            self.controller.bury_current()

    def edit_current(self) -> None:
        """Open the note editor for the card on screen; save through the worker and redraw."""
        controller = self.controller
        if controller is None or controller.phase not in (Phase.QUESTION, Phase.ANSWER):
            return
        note_id = controller.current_note_id()

        def edit(note: Any) -> None:
            edited = NoteEditor.ask(note, self)
            self.activateWindow()
            self.setFocus()
            if edited is not None:
                self._context.worker.run_op(
                    lambda col: col.update_note(edited),
                    Change.NOTES,
                    lambda _: controller.refresh_current(),
                    lambda e: self.show_error(str(e)),
                    initiator=self,
                )

        self._context.worker.run(lambda col: col.get_note(note_id), edit, lambda e: self.show_error(str(e)))

    def _toggle_furigana(self) -> None:
        from dataclasses import replace

        self._context.apply_settings(replace(self._context.settings, furigana=not self._furigana_on()))
        if self._face is not None and not self._answer_shown:
            self._render_front(self._face)
        elif self._face is not None and self._face.note_kind == "word":
            self.furigana.setVisible(self._face.direction == "production" or self._furigana_on())
        self.sentence.set_ruby_visible(self._furigana_on())

    # -- rendering ---------------------------------------------------------------------------------------
    def _furigana_on(self) -> bool:
        return self._context.settings.furigana

    def _render_front(self, face: CardFace) -> None:
        if face.direction == "production":
            self.front.setText(html.escape(face.meaning))
            _set_point_size(self.front, self._context.settings.font_size * 2)
            self.furigana.setText("")
            self.furigana.setVisible(False)
        elif face.note_kind == "kanji":  # the readings are the answer: no furigana
            self.front.setText(html.escape(face.word))
            _set_point_size(self.front, min(self._context.settings.font_size * 6, MAX_KANJI_PT))
            self.furigana.setText("")
            self.furigana.setVisible(False)
        else:
            self.front.setText(html.escape(face.word))
            _set_point_size(self.front, min(self._context.settings.font_size * 4, MAX_WORD_PT))
            self.furigana.setText(face.reading if face.reading != face.word else "")
            self.furigana.setVisible(self._furigana_on())
        shown = face.meaning if face.direction == "production" else face.word
        self.front.setAccessibleName(f"Front: {shown}")

    def _render_word_back(self, face: CardFace) -> None:
        base = self._context.settings.font_size
        self.pitch.set_pitch(face.pitch)
        self.pitch.set_point_sizes(base * 1.8, base * 1.0)
        self.pitch.setVisible(face.pitch is not None)
        self.reading.setFont(japanese_font(base * 1.8))
        self.reading.setText(face.reading)
        # the reading is already over the word while furigana are on; the pitch drawing shows it too
        self.reading.setVisible(face.pitch is None and face.direction == "recognition" and face.reading != face.word
                                and not self._furigana_on())
        self.level.setText(face.jlpt or "")
        self.level.setVisible(bool(face.jlpt))
        self.level.setAccessibleName(f"JLPT level {face.jlpt}" if face.jlpt else "JLPT level")
        self.sentence.set_point_size(base * 1.4)
        self.sentence.set_ruby_visible(self._furigana_on())
        self.sentence.set_pieces(face.furigana)
        self.sentence.setVisible(bool(face.furigana))
        self.sentence_meaning.setText(face.sentence_meaning)
        self.sentence_meaning.setVisible(bool(face.sentence_meaning))
        self.kanji.set_kanji(face.kanji, base, self.card_scroll.viewport().width() - 64, face.note_id)
        self._set_examples(None, ())

    def _render_kanji_back(self, face: CardFace) -> None:
        base = self._context.settings.font_size
        facts = face.kanji[0] if face.kanji else None
        self.pitch.setVisible(False)
        readings = [f"on  {'、'.join(facts.onyomi)}" if facts and facts.onyomi else "",
                    f"kun  {'、'.join(facts.kunyomi)}" if facts and facts.kunyomi else ""]
        self.reading.setFont(japanese_font(base * 1.5))
        self.reading.setText("\n".join(r for r in readings if r) or face.reading)
        self.reading.setVisible(True)
        self.level.setText(f"{face.jlpt} kanji · {facts.strokes} strokes" if face.jlpt and facts else "kanji")
        self.level.setVisible(True)
        self.level.setAccessibleName(self.level.text())
        for widget in (self.sentence, self.sentence_meaning, self.kanji):
            widget.setVisible(False)
        self._set_examples(face.word, face.examples)

    def _set_examples(self, kanji: str | None, uses: Any) -> None:
        """The user's words with a kanji card's kanji, one line each with its status."""
        while self.examples_layout.count():
            item = self.examples_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        base = self._context.settings.font_size
        for use in uses:
            reading = f"【{use.reading}】" if use.reading and use.reading != use.word else ""
            line = QLabel(f"{html.escape(use.word)}{html.escape(reading)}  "
                          f"<span style='color:{self._context.theme.palette.muted}'>{html.escape(use.meaning)}</span>"
                          f" · {html.escape(use.status)}")
            line.setFont(japanese_font(base * 1.1))
            line.setAccessibleName(f"{use.word}: {use.status}")
            self.examples_layout.addWidget(line, 0, Qt.AlignmentFlag.AlignHCenter)
        self.examples_title.setText(
            "" if kanji is None else f"Your words with {kanji}" if uses else f"No word of yours uses {kanji} yet"
        )
        self.examples_title.setVisible(kanji is not None)
        self.examples.setVisible(bool(uses))

    def _set_counts(self, counts: Counts, kind: str | None) -> None:
        current = {
            "new": self.count_new,
            "learning": self.count_learning,
            "relearning": self.count_learning,
            "review": self.count_review,
        }.get(kind or "")
        for widget, value, noun in (
            (self.count_new, counts.new, "new"),
            (self.count_learning, counts.learning, "learning"),
            (self.count_review, counts.review, "due"),
        ):
            shown = f"<u>{value}</u>" if widget is current else str(value)
            widget.setText(shown)
            widget.setAccessibleName(f"{value} {noun} left")

    def _clear(self) -> None:
        for widget in (self.front, self.furigana, self.reading, self.meaning, self.notes):
            widget.setText("")
        self.sentence.set_pieces(())
        self.back.setVisible(False)
        self.grades_row.setVisible(False)
        self.set_undo(None)
        self.show_notice("")
