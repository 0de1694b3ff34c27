"""Suspend and bury on the review screen: what happened is said, and the Undo button tells the truth."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jpstudy.review_controller import Phase


def test_suspend_bury_and_undo_on_the_review_screen(qtbot, n5_window, idle):
    window = n5_window
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    review = window.review
    controller = review.controller
    qtbot.waitUntil(lambda: controller.phase is Phase.QUESTION)
    assert not review.undo_button.isEnabled() and review.undo_button.text() == "Undo  Ctrl+Z"
    qtbot.keyClick(review, Qt.Key.Key_Space)
    qtbot.keyClick(review, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: controller.phase is Phase.QUESTION and review.undo_button.isEnabled())
    assert review.undo_button.text() == "Undo Answer  Ctrl+Z"

    word = controller.current_face.word
    qtbot.keyClick(review, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: review.notice.text() == f"Suspended {word} — Ctrl+Z to undo")
    assert review.undo_button.text() == "Undo Suspend  Ctrl+Z" and review.undo_button.isEnabled()
    assert controller.current_face.word != word

    qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: controller.phase is Phase.QUESTION and controller.current_face.word == word)
    assert review.undo_button.text() == "Undo Answer  Ctrl+Z" and review.undo_button.isEnabled()

    qtbot.keyClick(review, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: review.notice.text() == f"Buried {word} until tomorrow — Ctrl+Z to undo")
    assert review.undo_button.text() == "Undo Bury  Ctrl+Z"
    for _ in range(2):  # the bury, then the answer underneath it
        qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: controller.phase is Phase.QUESTION)
    qtbot.waitUntil(lambda: not review.undo_button.isEnabled())
    assert controller.summary().answered == 0
    qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert review.notice.text() == "There is nothing to undo." and not review.undo_button.isEnabled()
