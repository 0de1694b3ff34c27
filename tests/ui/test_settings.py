"""Settings from the keyboard: study options land in the collection, display options apply at once."""

from __future__ import annotations

import json

from jpstudy_ui.settings_dialog import SettingsDialog, parse_steps
from jpstudy_ui.theme import DARK
from jpstudy_ui.ui_settings import load_settings
from PySide6.QtCore import Qt


def open_settings(qtbot, window):  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChildren(SettingsDialog)[-1]  # the newest (closed ones may linger)
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.isEnabled())
    return dialog


def test_save_study_and_display_settings(qtbot, n5_window, idle):
    window = n5_window
    dialog = open_settings(qtbot, window)
    assert dialog.learning_steps.text() == "1m 10m"  # Anki's defaults
    dialog.new_per_day.selectAll()
    qtbot.keyClicks(dialog.new_per_day, "5")
    dialog.learning_steps.selectAll()
    qtbot.keyClicks(dialog.learning_steps, "1m 10m 1h")
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    qtbot.keyClick(dialog.learning_steps, Qt.Key.Key_Return)  # Save is the default button
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: window.home_summary.counts == (5, 0, 0))
    options: list[object] = []
    window.context.worker.run(lambda col: col.options, options.append)
    qtbot.waitUntil(lambda: bool(options))
    assert (options[0].new_per_day, options[0].learning_steps) == (5, (1.0, 10.0, 60.0))
    assert window.context.theme.palette is DARK
    saved = json.loads((window.context.data_dir / "ui-settings.json").read_text(encoding="utf-8"))
    assert saved["theme"] == "dark"
    idle(window)


def test_bad_steps_are_refused_and_nothing_is_saved(qtbot, n5_window, idle):
    window = n5_window
    dialog = open_settings(qtbot, window)
    dialog.learning_steps.setText("1m soon")
    dialog.new_per_day.setValue(7)
    dialog.save()
    assert dialog.isVisible() and "“soon” is not a step" in dialog.status.text()
    idle(window)
    assert window.home_summary.counts == (20, 0, 0)


def test_parse_steps() -> None:
    assert parse_steps("1 10") == (1.0, 10.0)
    assert parse_steps("30s, 5m 2h 1d") == (0.5, 5.0, 120.0, 1440.0)
    assert parse_steps("") == ()


def test_target_level_is_shared_by_the_mining_window_and_the_ad_library(qtbot, n5_window, with_dictionary, idle):
    window = n5_window
    with_dictionary(window.context.data_dir)
    mine = window.open_window("mine")
    assert mine.compare_level.currentData() == "N3"  # the default
    mine.compare_level.setCurrentIndex(mine.compare_level.findData("N2"))
    saved = json.loads((window.context.data_dir / "ui-settings.json").read_text(encoding="utf-8"))
    assert saved["target_level"] == "N2"
    ads = window.open_window("ads")
    assert ads.level.currentText() == "N2"
    ads.level.setCurrentText("N1")
    mine.hide()
    mine.show()  # shown again: takes the level chosen in the library
    assert mine.compare_level.currentData() == "N1"
    assert load_settings(window.context.data_dir).target_level == "N1"
    idle(window)


def test_a_damaged_target_level_falls_back_to_n3(tmp_path):
    (tmp_path / "ui-settings.json").write_text('{"target_level": "N9", "font_size": 14}', encoding="utf-8")
    assert (load_settings(tmp_path).target_level, load_settings(tmp_path).font_size) == ("N3", 14)


def test_time_zone_and_rollover_are_shown_and_saved(qtbot, n5_window, idle):
    """Issue 17: the zone was never set (days turned at 04:00 UTC). Settings shows it — the system's by
    default — and the hour the day starts; both are collection-wide."""
    window = n5_window
    dialog = open_settings(qtbot, window)
    assert dialog.zone.currentText().startswith("Follow the system (")
    assert dialog.rollover.text() == "4:00"
    dialog.zone.setCurrentIndex(dialog.zone.findData("Asia/Tokyo"))
    dialog.rollover.setValue(5)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    timing: list[object] = []
    window.context.worker.run(lambda col: (col.timing, col.options.tz), timing.append)
    qtbot.waitUntil(lambda: bool(timing))
    saved, tz = timing[0]
    assert (saved.zone, saved.rollover_hour, str(tz)) == ("Asia/Tokyo", 5, "Asia/Tokyo")
    window.open_settings()
    again = window.findChildren(SettingsDialog)[-1]
    qtbot.waitUntil(lambda: again.isVisible() and again.isEnabled())
    assert again.zone.currentText() == "Asia/Tokyo" and again.rollover.text() == "5:00"
    again.zone.setEditText("Mars/Olympus")
    again.save()
    assert again.isVisible() and "not a time zone" in again.status.text()
    again.reject()
    idle(window)
