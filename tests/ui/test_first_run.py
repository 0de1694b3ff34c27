"""First run: the welcome asks for levels, builds the dictionary and adds N5, all by keyboard."""

from __future__ import annotations

from jpstudy_ui.welcome_dialog import WelcomeDialog
from PySide6.QtCore import Qt


def test_first_run_builds_the_dictionary_and_adds_n5(qtbot, tmp_path, open_main_window, idle):
    window = open_main_window(tmp_path)
    qtbot.waitUntil(lambda: window.findChild(WelcomeDialog) is not None)
    welcome = window.findChild(WelcomeDialog)
    qtbot.waitUntil(welcome.isVisible)
    assert welcome.picker.boxes["N5"].isChecked()
    assert not welcome.picker.boxes["N4"].isChecked()
    assert window.home.today_line.text() == "Welcome — add a JLPT level to begin"

    qtbot.keyClick(welcome, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: welcome.progress.isVisible())
    assert welcome.step.text().startswith("Step 1 of 2")
    qtbot.waitUntil(lambda: not welcome.isVisible(), timeout=40_000)
    assert welcome.result() == WelcomeDialog.DialogCode.Accepted
    assert list(tmp_path.glob("dict-*.sqlite"))  # the dictionary was built in the data folder
    dictionary_reports = welcome.progress_seen[:-1]  # the last report is the one level added
    assert len(dictionary_reports) > 3 and dictionary_reports[-1][0] == dictionary_reports[-1][1]
    assert welcome.progress_seen[-1] == (1, 1)
    qtbot.waitUntil(lambda: window.home_summary.counts == (20, 0, 0))
    assert window.home.today_line.text() == "20 cards to study today"
    tree = window.home.decks
    top = tree.topLevelItem(0)
    assert (top.text(0), top.child(0).text(0), top.child(0).text(1)) == ("JLPT", "N5", "20")
    qtbot.waitUntil(lambda: len(window.levels) == 5 and window.levels[0].in_decks > 0)
    n5, n4 = window.levels[:2]
    # every N5 word is now in the decks (a few list entries share one dictionary word), none is being
    # learned yet: the bars show nothing orange (issue 14: both were full orange)
    assert (n5.level, n5.known, n5.learning) == ("N5", 0, 0) and n5.total - 5 <= n5.in_decks <= n5.total
    assert (n4.level, n4.known, n4.learning) == ("N4", 0, 0) and n4.in_decks < 20  # words the lists share
    assert "0 learning, " in window.home._level_rows["N5"][0].toolTip()
    idle(window)


def test_study_is_disabled_on_an_empty_collection_with_a_hint(qtbot, tmp_path, open_main_window, idle):
    from jpstudy_ui.welcome_dialog import WelcomeDialog

    window = open_main_window(tmp_path)
    qtbot.waitUntil(lambda: window.findChild(WelcomeDialog) is not None)
    window.findChild(WelcomeDialog).reject()  # "Not now"
    home = window.home
    assert not home.study_button.isEnabled() and not window.actions_by_key["study"].isEnabled()
    assert home.study_hint.isVisible()
    assert "add a JLPT level (Ctrl+L) or mine a job ad (Ctrl+M)" in home.study_hint.text()
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is home  # Ctrl+Return does not open an empty review
    idle(window)


def test_study_is_enabled_once_there_are_cards(qtbot, n5_window):
    home = n5_window.home
    assert home.study_button.isEnabled() and n5_window.actions_by_key["study"].isEnabled()
    assert not home.study_hint.isVisible()
