"""Anki basics: add a card by hand (the dictionary fills it in) and Card info, from the keyboard."""

from __future__ import annotations

from jpstudy_ui.add_card_dialog import AddCardDialog
from jpstudy_ui.card_info_dialog import CardInfoDialog
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jpstudy.review_controller import Phase


def on_worker(qtbot, window, work):  # type: ignore[no-untyped-def]
    out: list[object] = []
    window.context.worker.run(work, out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=10_000)
    return out[0]


def test_add_a_card_by_hand_with_the_dictionary(qtbot, n5_window, with_dictionary, idle):
    window = n5_window
    with_dictionary(window.context.data_dir)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(AddCardDialog) is not None)
    dialog = window.findChild(AddCardDialog)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(dialog.word.hasFocus)
    assert dialog.deck.currentText() == "Mined"
    dialog.word.insert("かいぎ")  # what an input method commits
    qtbot.keyClick(dialog.word, Qt.Key.Key_Tab)  # leaving the field looks the word up
    qtbot.waitUntil(lambda: dialog.meaning.text() != "", timeout=30_000)
    assert (dialog.word.text(), dialog.reading.text()) == ("会議", "かいぎ")
    assert "meeting" in dialog.meaning.text() and dialog.jlpt.currentText() == "N4"
    dialog.directions["production"].setChecked(True)
    dialog.sentence.setPlainText("明日は会議があります。")
    cards_before = on_worker(qtbot, window, lambda col: col.card_count())
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Added"))
    assert dialog.status.text() == "Added 会議 to Mined (2 cards)."
    assert dialog.word.text() == "" and dialog.word.hasFocus()  # ready for the next word
    assert on_worker(qtbot, window, lambda col: col.card_count()) == cards_before + 2
    note = on_worker(qtbot, window, lambda col: col.get_note(col.note_ids("Mined")[0]))
    assert (note.word, note.reading, note.jlpt, note.sentence) == ("会議", "かいぎ", "N4", "明日は会議があります。")
    assert note.entry_id == 1198360  # JMdict's 会議: the word's status is matched by entry too
    qtbot.waitUntil(lambda: window.home_summary.counts[0] >= 20)

    # the same word again is refused, with the reason
    dialog.word.setText("会議")
    dialog.meaning.setText("meeting")
    dialog.reading.setText("かいぎ")
    dialog.add()
    qtbot.waitUntil(lambda: "already in your collection" in dialog.status.text())
    dialog.word.setText("")
    dialog.add()
    assert dialog.status.text() == "Word is needed."
    qtbot.keyClick(dialog.word, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    idle(window)


def test_card_info_from_browse_and_from_the_review_screen(qtbot, n5_window, clock, idle):
    window = n5_window
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    review = window.review
    qtbot.waitUntil(lambda: review.controller.phase is Phase.QUESTION)
    word = review.controller.current_face.word
    qtbot.keyClick(review, Qt.Key.Key_Space)
    qtbot.keyClick(review, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: review.controller.phase is Phase.QUESTION)
    qtbot.keyClick(review, Qt.Key.Key_I)
    qtbot.waitUntil(lambda: window.findChild(CardInfoDialog) is not None)
    info = window.findChild(CardInfoDialog)
    assert info.info.word == review.controller.current_face.word and info.info.history == ()
    assert info.fact_labels["State"].text() == "New"
    info.close()

    qtbot.keyClick(review, Qt.Key.Key_Escape)
    browse = window.open_window("browse")
    browse.search.setText(f"word:{word}")
    browse.run_search()
    qtbot.waitUntil(lambda: browse.model.rowCount() >= 1 and browse.model.row_of(0) is not None)
    row = next(r for r in range(browse.model.rowCount()) if browse.model.row_of(r).word == word)
    browse.table.setFocus()
    browse.table.selectRow(row)
    qtbot.keyClick(browse.table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: browse.findChild(CardInfoDialog) is not None)
    info = browse.findChild(CardInfoDialog)
    assert info.info.word == word and len(info.info.history) == 1
    assert info.history.rowCount() == 1
    cells = [info.history.item(0, c).text() for c in range(6)]
    local = clock().astimezone(on_worker(qtbot, window, lambda col: col.options.tz))
    assert cells == [f"{local:%Y-%m-%d %H:%M}", "Learn", "Good", "10m", "—", cells[5]]
    assert info.fact_labels["Reviews"].text() == "1" and info.fact_labels["State"].text() == "Learning"
    info.close()
    QApplication.processEvents()
    idle(window)
