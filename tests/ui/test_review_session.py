"""A 20-card session driven by the keyboard, with an undo, ending in the summary."""

from __future__ import annotations

import pytest
from jpstudy_ui.note_editor import NoteEditor
from PySide6.QtCore import Qt

from jpstudy.review_controller import Phase

pytestmark = pytest.mark.clock


def test_twenty_cards_with_undo_and_summary(qtbot, n5_window, clock, idle, on_dialog):
    window = n5_window
    options = None

    def limit(col):
        import dataclasses

        nonlocal options
        options = dataclasses.replace(col.options, new_per_day=20, learning_steps=())
        col.set_options(options)

    window.context.worker.run(limit, lambda _: None)
    idle(window)
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    review = window.review
    assert window.stack.currentWidget() is review
    controller = review.controller
    qtbot.waitUntil(lambda: controller.phase is Phase.QUESTION)
    assert review.count_new.text() == "<u>20</u>"
    first_word = controller.current_face.word
    assert review.front.text() == first_word

    qtbot.keyClick(review, Qt.Key.Key_Space)
    assert controller.phase is Phase.ANSWER
    assert review.grades_row.isVisible()
    assert review.grade_buttons[3].text().startswith("Good  1d")
    qtbot.keyClick(review, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: controller.phase is Phase.QUESTION)
    assert controller.current_face.word != first_word

    qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: controller.phase is Phase.QUESTION and controller.current_face.word == first_word)
    assert controller.summary().answered == 0

    def edit(editor: NoteEditor) -> None:
        meaning = editor.editors["meaning"]
        meaning.selectAll()
        qtbot.keyClicks(meaning, "my own meaning")
        qtbot.keyClick(meaning, Qt.Key.Key_Return)

    on_dialog(NoteEditor, edit)
    qtbot.keyClick(review, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: controller.phase is Phase.QUESTION and review.isActiveWindow(), timeout=5000)
    qtbot.keyClick(review, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: review.meaning.text() == "my own meaning")
    qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # nothing to undo: ignored
    assert controller.phase is Phase.ANSWER and controller.current_face.word == first_word
    qtbot.keyClick(review, Qt.Key.Key_F)  # furigana off, and back on
    assert window.context.settings.furigana is False
    qtbot.keyClick(review, Qt.Key.Key_F)
    assert window.context.settings.furigana is True

    for index in range(20):
        clock.advance(seconds=5)
        if controller.phase is Phase.QUESTION:
            qtbot.keyClick(review, Qt.Key.Key_Space)
        qtbot.keyClick(review, Qt.Key.Key_1 if index == 0 else Qt.Key.Key_3)
        qtbot.waitUntil(lambda: controller.phase in (Phase.QUESTION, Phase.FINISHED))
    # the card answered Again (no learning steps: it graduated to 1 day) — the session is over
    qtbot.waitUntil(lambda: controller.phase is Phase.FINISHED)
    summary = controller.summary()
    assert summary.answered == 20
    assert "20 cards" in review.summary_text.text()
    assert "95% remembered" in review.summary_text.text()
    assert review.next_due.text().startswith("Next review in")
    qtbot.keyClick(review, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home
    qtbot.waitUntil(lambda: window.home_summary.reviews_today == 20)
