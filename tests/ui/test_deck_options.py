"""Per-deck options (presets) from the deck list, and deck counts that studying the deck really serves."""

from __future__ import annotations

from jpstudy_ui.deck_options_dialog import DeckOptionsDialog
from PySide6.QtCore import Qt

from jpstudy.review_controller import Phase
from jpstudy.srs import SchedulerOptions


def deck_counts(window) -> dict[str, tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    tree = window.home.decks
    return {item.data(0, Qt.ItemDataRole.UserRole): tuple(int(item.text(c)) for c in (1, 2, 3))
            for item in tree._all_items()}


def select(window, deck: str):  # type: ignore[no-untyped-def]
    tree = window.home.decks
    item = next(i for i in tree._all_items() if i.data(0, Qt.ItemDataRole.UserRole) == deck)
    tree.setCurrentItem(item)
    return item


def refresh(qtbot, window, idle) -> None:  # type: ignore[no-untyped-def]
    idle(window)
    window.show_home()
    idle(window)


def test_subdeck_counts_are_what_studying_it_serves(qtbot, n5_window, idle):
    """Issue 14: with the parent's new limit used up, N3/N4 still showed 15 new and Enter said "Nothing
    to study right now". As in Anki, a subdeck studied on its own is held by its own limits (not its
    parent's), and the deck list shows exactly what studying it serves."""
    window = n5_window

    def setup(col) -> None:  # type: ignore[no-untyped-def]
        from jpstudy.collection import NewNote

        col.add_notes([NewNote(f"語{i}", f"ご{i}", f"word {i}") for i in range(8)], deck="JLPT::N4")
        parent = col.save_preset("Parent", SchedulerOptions(new_per_day=2, learning_steps=()))
        col.set_deck_preset(col.deck_by_name("JLPT").id, parent.id)
        default = col.preset(1)
        col.save_preset(default.name, SchedulerOptions(new_per_day=3, learning_steps=()), default.id)

    window.context.worker.run(setup, lambda _: None)
    refresh(qtbot, window, idle)
    assert deck_counts(window) == {"JLPT": (2, 0, 0), "JLPT::N4": (3, 0, 0), "JLPT::N5": (3, 0, 0)}

    def study(deck: str) -> int:
        select(window, deck)
        qtbot.keyClick(window.home.decks, Qt.Key.Key_Return)
        controller = window.review.controller
        qtbot.waitUntil(lambda: controller.phase in (Phase.QUESTION, Phase.FINISHED))
        served = 0
        while controller.phase is Phase.QUESTION:
            qtbot.keyClick(window.review, Qt.Key.Key_Space)
            qtbot.keyClick(window.review, Qt.Key.Key_4)
            qtbot.waitUntil(lambda: controller.phase in (Phase.QUESTION, Phase.FINISHED))
            served += 1
        qtbot.keyClick(window.review, Qt.Key.Key_Escape)
        refresh(qtbot, window, idle)
        return served

    assert study("JLPT") == 2  # the parent's limit: N4's first two (subdecks gathered by name)
    shown = deck_counts(window)
    assert shown == {"JLPT": (0, 0, 0), "JLPT::N4": (1, 0, 0), "JLPT::N5": (3, 0, 0)}
    assert study("JLPT::N5") == shown["JLPT::N5"][0] == 3
    assert study("JLPT::N4") == 1
    assert deck_counts(window) == {"JLPT": (0, 0, 0), "JLPT::N4": (0, 0, 0), "JLPT::N5": (0, 0, 0)}


def test_deck_options_dialog_edits_the_decks_preset(qtbot, n5_window, idle, monkeypatch):
    window = n5_window
    item = select(window, "JLPT::N5")
    window.home.decks.itemClicked.emit(item, 4)  # the ⚙ column
    dialog = window.home.findChild(DeckOptionsDialog)
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.isEnabled())
    assert dialog.windowTitle() == "Options — JLPT::N5"
    assert dialog.preset.currentText().startswith("Default  (used by")
    assert "Shared with JLPT" in dialog.shared.text()  # every deck uses Default at first
    assert dialog.fields["learning_steps"].text() == "1m 10m"

    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Intensive", True))
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.preset.currentText().startswith("Intensive"))
    assert dialog.shared.text() == "No deck uses this preset yet; Save makes this deck use it."
    assert dialog.fields["new_per_day"].text() == "20"  # a copy of Default
    dialog.fields["new_per_day"].setValue(7)
    dialog.fields["learning_steps"].setText("1m 10m 1h")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    refresh(qtbot, window, idle)
    assert deck_counts(window)["JLPT::N5"] == (7, 0, 0)
    found: list[object] = []
    window.context.worker.run(lambda col: col.preset_for_deck(col.deck_by_name("JLPT::N5").id), found.append)
    qtbot.waitUntil(lambda: bool(found))
    assert (found[0].new_per_day, found[0].learning_steps) == (7, (1.0, 10.0, 60.0))


def test_bad_values_are_refused(qtbot, n5_window, idle):
    window = n5_window
    dialog = window.home.open_deck_options("JLPT::N5")
    qtbot.waitUntil(lambda: dialog.isEnabled())
    dialog.fields["relearning_steps"].setText("10m later")
    dialog.save()
    assert dialog.isVisible() and "“later” is not a step" in dialog.status.text()
    dialog.reject()
    idle(window)
