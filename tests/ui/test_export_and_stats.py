"""Export from the keyboard, and the statistics window after a few reviews."""

from __future__ import annotations

import zipfile

import pytest
from jpstudy_ui.export_dialog import ExportDialog
from jpstudy_ui.stats_screen import StatsScreen
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jpstudy.review_controller import Phase


def study(qtbot, window, answers: str) -> None:  # type: ignore[no-untyped-def]
    """Answer cards with the keyboard: each character is a rating key (1-4)."""
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    controller = window.review.controller
    for key in answers:
        qtbot.waitUntil(lambda: controller.phase is Phase.QUESTION)
        qtbot.keyClick(window.review, Qt.Key.Key_Space)
        qtbot.keyClick(window.review, getattr(Qt.Key, f"Key_{key}"))
    qtbot.waitUntil(lambda: controller.phase is not Phase.LOADING)
    qtbot.keyClick(window.review, Qt.Key.Key_Escape)


def test_export_with_progress(qtbot, n5_window, tmp_path, idle):
    window = n5_window
    study(qtbot, window, "3343")
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ExportDialog)
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.deck.count() > 1)
    target = tmp_path / "out" / "n5.apkg"
    target.parent.mkdir()
    dialog.path.selectAll()
    qtbot.keyClicks(dialog.path, str(target))
    assert dialog.with_progress.isChecked()
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # the default button: Export
    qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=20_000)
    result = dialog.result_
    assert result.path == target and target.exists()
    assert result.notes > 600 and result.reviews == 4
    assert zipfile.is_zipfile(target)
    assert dialog.status.text().startswith(f"Exported {result.notes} cards with 4 reviews to")
    idle(window)


def test_export_to_a_folder_fails_cleanly(qtbot, n5_window, tmp_path, idle):
    window = n5_window
    window.export()
    dialog = window.findChild(ExportDialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.path.setText(str(tmp_path))
    dialog.export()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Nothing was exported"))
    assert dialog.export_button.isEnabled()
    idle(window)


def test_statistics_after_reviews(qtbot, n5_window, idle):
    window = n5_window
    study(qtbot, window, "1334")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    stats = window._windows["stats"]
    assert isinstance(stats, StatsScreen)
    qtbot.waitUntil(lambda: stats.report is not None)
    report = stats.report
    assert report.per_day == {report.today: 4}
    assert report.streak_days == 1
    assert stats.headline.text() == "4 reviews today · 1-day streak · 4 in the last year"
    # Again, Good, Good on new cards keep them on learning steps; Easy graduates one to Anki's 4-day
    # easy interval (fuzzed by a day either way in the app, as in Anki)
    states = report.states
    assert (states.learning, states.young, states.mature, states.suspended) == (3, 1, 0, 0)
    assert sum(report.forecast) == 1 and report.forecast.index(1) in (3, 4, 5)
    assert "4 reviews on 1 days" in stats.heatmap.accessibleDescription()
    assert stats.heatmap.grab().width() > 0  # paints without error
    for chart in (stats.forecast, stats.retention, stats.known):
        assert not chart.grab().isNull()
    QApplication.processEvents()
    idle(window)


@pytest.mark.parametrize("size", [9, 24])
def test_export_dialog_fields_are_not_squashed(qtbot, n5_window, idle, size):
    """The File field is as tall as it wants and wide enough for a path; wrapped text is not cut."""
    from jpstudy_ui.export_dialog import PATH_CHARS, ExportDialog
    from jpstudy_ui.ui_settings import UiSettings
    from jpstudy_ui.widgets import char_width
    from PySide6.QtWidgets import QLabel

    window = n5_window
    window.context.apply_settings(UiSettings(theme="light", font_size=size))
    dialog = ExportDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    path = dialog.path
    assert path.height() >= path.sizeHint().height(), "the File field is squashed"
    assert path.width() >= max(char_width(path, PATH_CHARS), path.fontMetrics().horizontalAdvance(path.text()))
    for text in dialog.findChildren(QLabel):
        if text.isVisible() and text.wordWrap():
            assert text.height() >= text.heightForWidth(text.width()), f"cut: {text.text()[:30]}"
    dialog.close()
    idle(window)


@pytest.mark.parametrize("size", [9, 24])
def test_chart_labels_are_inside_the_chart(qtbot, size):
    """The forecast's first label ("today") and its last are drawn whole, inside the chart."""
    from jpstudy_ui.charts import BarChart
    from PySide6.QtGui import QFont, QFontMetricsF

    chart = BarChart("forecast")
    font = QFont()
    font.setPointSize(size)
    chart.setFont(font)
    qtbot.addWidget(chart)
    chart.resize(600, 170)
    labels = ["today", *(f"{d:02d} Dec" for d in range(2, 31))]
    chart.set_data(list(range(30)), labels, "#3c8a55", label_every=7)
    boxes = chart.label_boxes()
    assert [text for text, _ in boxes] == labels[::7]
    metrics = QFontMetricsF(chart._small_font())
    for text, box in boxes:
        assert box.left() >= 0 and box.right() <= chart.width() and box.bottom() <= chart.height(), text
        assert box.width() >= metrics.horizontalAdvance(text), text
    chart.grab()  # paints with the same boxes
