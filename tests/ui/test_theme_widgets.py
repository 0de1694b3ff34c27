"""Every input widget type is legible in both themes at the smallest and the largest font size: a spin
box shows its value inside its frame, a combo box its choice, a check box / radio button / slider its
outline without focus (at least 3:1 against what is around it, WCAG's figure for controls).

Checked on the pixels Qt draws offscreen (``QWidget.grab``), not on the widgets' properties: the value
of an "empty-looking" spin box was there all along, only drawn one pixel wide.
"""

from __future__ import annotations

import pytest
from jpstudy_ui.theme import DARK, LIGHT, ThemeManager
from jpstudy_ui.ui_settings import FONT_SIZES, UiSettings
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSlider,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QStyleOptionSlider,
    QTableView,
    QTimeEdit,
    QWidget,
)

SIZES = (FONT_SIZES.start, FONT_SIZES.stop - 1)


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 … 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def best_contrast(image: QImage, rect: QRect, against: QColor) -> float:
    """The highest contrast of any pixel of ``rect`` in ``image`` against ``against``."""
    rect = rect.intersected(image.rect())
    return max(
        (contrast(image.pixelColor(x, y), against) for x in range(rect.left(), rect.right() + 1)
         for y in range(rect.top(), rect.bottom() + 1)),
        default=1.0,
    )


def grab(widget: QWidget) -> QImage:
    QApplication.processEvents()
    return widget.grab().toImage()


def assert_value_visible(spin: QAbstractSpinBox, text_colour: QColor) -> None:
    """The spin box's text field is wide enough for its text, inset from the frame, and inked."""
    edit = spin.findChild(QLineEdit)
    assert spin.text(), spin.accessibleName()
    needed = edit.fontMetrics().horizontalAdvance(spin.text())
    assert edit.width() >= needed, f"{spin.accessibleName()}: field {edit.width()} px for {needed} px of text"
    left_gap = edit.x() + edit.textMargins().left()
    assert left_gap >= 3, f"{spin.accessibleName()}: text starts {left_gap} px from the frame"
    image = grab(spin)
    text_box = QRect(edit.x() + edit.textMargins().left(), edit.y(), needed + 4, edit.height())
    assert best_contrast(image, text_box, spin.palette().color(spin.backgroundRole())) > 3, spin.accessibleName()
    ink = [image.pixelColor(x, y) for x in range(text_box.left(), min(text_box.right(), image.width()))
           for y in range(text_box.top(), text_box.bottom())]
    assert min(contrast(c, text_colour) for c in ink) < 1.5, f"{spin.accessibleName()}: no text-coloured pixels"


def indicator_rect(widget: QCheckBox | QRadioButton) -> QRect:
    option = QStyleOptionButton()
    widget.initStyleOption(option)
    element = (QStyle.SubElement.SE_CheckBoxIndicator if isinstance(widget, QCheckBox)
               else QStyle.SubElement.SE_RadioButtonIndicator)
    return widget.style().subElementRect(element, option, widget)


def assert_indicator_visible(widget: QCheckBox | QRadioButton, around: QColor) -> None:
    """The unticked, unfocused indicator's outline stands out from ``around`` by at least 3:1."""
    assert not widget.hasFocus()
    rect = indicator_rect(widget)
    assert rect.width() >= 12, f"{widget.text()}: indicator {rect.width()} px"
    assert best_contrast(grab(widget), rect, around) >= 3, f"{widget.text()!r}: indicator not visible"


class Gallery(QWidget):
    """One widget of each input type, as the app's screens use them."""

    def __init__(self) -> None:
        super().__init__()
        form = QFormLayout(self)
        self.spins: list[QAbstractSpinBox] = []
        for name, spin, value in (
            ("stepper", QSpinBox(), 9999),
            ("typed only", QSpinBox(), 9999),
            ("suffix", QSpinBox(), 24),
            ("decimal", QDoubleSpinBox(), 2.5),
            ("time", QTimeEdit(), None),
        ):
            spin.setAccessibleName(name)
            if isinstance(spin, QSpinBox):
                spin.setRange(0, 99999)
                spin.setValue(value)
            elif isinstance(spin, QDoubleSpinBox):
                spin.setValue(value)
            if name == "typed only":
                spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
            if name == "suffix":
                spin.setSuffix(" pt")
            form.addRow(f"{name}:", spin)
            self.spins.append(spin)
        self.combo = QComboBox()
        self.combo.addItems(["Follow the system", "Light", "Dark"])
        form.addRow("combo:", self.combo)
        self.line = QLineEdit("1m 10m")
        self.line.setClearButtonEnabled(True)
        form.addRow("line:", self.line)
        form.addRow("text:", QPlainTextEdit("notes"))
        self.box = QCheckBox("Only new words")
        self.radio = QRadioButton("a radio button")
        form.addRow("", self.box)
        form.addRow("", self.radio)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        form.addRow("slider:", self.slider)
        self.model = QStandardItemModel(1, 1)
        item = QStandardItem("checkable row")
        item.setCheckable(True)
        self.model.setItem(0, 0, item)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setMinimumHeight(160)
        form.addRow("table:", self.table)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.Close)
        form.addRow(self.buttons)
        self.resize(520, 700)


@pytest.fixture
def theme(qapp):  # type: ignore[no-untyped-def]
    manager = ThemeManager(qapp)
    yield manager
    manager.apply(UiSettings(theme="light"))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", ["light", "dark"])
def test_every_input_widget_is_legible(qtbot, theme, name, size):
    theme.apply(UiSettings(theme=name, font_size=size))
    palette = DARK if name == "dark" else LIGHT
    gallery = Gallery()
    qtbot.addWidget(gallery)
    gallery.show()
    qtbot.waitExposed(gallery)
    gallery.setFocus()
    text = QColor(palette.text)
    for spin in gallery.spins:
        assert_value_visible(spin, text)
    label_rect = gallery.combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, _combo_option(gallery.combo), QStyle.SubControl.SC_ComboBoxEditField,
        gallery.combo)
    assert label_rect.width() >= gallery.combo.fontMetrics().horizontalAdvance("Follow the system")
    assert_indicator_visible(gallery.box, QColor(palette.bg))
    assert_indicator_visible(gallery.radio, QColor(palette.bg))
    handle = _slider_handle(gallery.slider)
    assert best_contrast(grab(gallery.slider), handle, QColor(palette.bg)) >= 3
    cell = gallery.table.visualRect(gallery.model.index(0, 0))
    viewport = grab(gallery.table.viewport())
    assert best_contrast(viewport, QRect(cell.x(), cell.y(), cell.height(), cell.height()),
                         QColor(palette.surface)) >= 3, "a table's check box is not visible"


def icon_contrast(icon, surface: QColor) -> float:  # type: ignore[no-untyped-def]
    """The best contrast of an icon drawn at 16 px on ``surface`` (transparent pixels show the surface)."""
    image = QImage(16, 16, QImage.Format.Format_ARGB32)
    image.fill(surface)
    painter = QPainter(image)
    painter.drawPixmap(0, 0, icon.pixmap(16, 16))
    painter.end()
    return best_contrast(image, image.rect(), surface)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_close_and_cancel_icons_are_visible(qtbot, theme, name):
    """The close / cancel / clear crosses are drawn in the theme's muted colour (Qt's Close icon was a
    black cross on the dark surface); the dialog buttons carry text only."""
    theme.apply(UiSettings(theme=name))
    palette = DARK if name == "dark" else LIGHT
    gallery = Gallery()
    qtbot.addWidget(gallery)
    gallery.show()
    style = gallery.line.style()
    for pixmap in ("SP_LineEditClearButton", "SP_DialogCloseButton", "SP_DialogCancelButton",
                   "SP_TitleBarCloseButton"):
        icon = style.standardIcon(getattr(QStyle.StandardPixmap, pixmap), None, gallery.line)
        assert icon_contrast(icon, QColor(palette.surface)) >= 3, f"{name}: {pixmap}"
    assert style.styleHint(QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons, None, gallery.buttons) == 0
    for button in gallery.buttons.buttons():
        assert button.icon().isNull() or icon_contrast(button.icon(), QColor(palette.surface)) >= 3


def _combo_option(combo: QComboBox):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QStyleOptionComboBox

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return option


def _slider_handle(slider: QSlider) -> QRect:
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    return slider.style().subControlRect(QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle,
                                         slider)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", ["light", "dark"])
def test_settings_numbers_are_shown(qtbot, n5_window, idle, name, size):
    """New cards/day, reviews/day, next day starts at, font size: the values are drawn in their fields."""
    from jpstudy_ui.settings_dialog import SettingsDialog

    window = n5_window
    window.context.apply_settings(UiSettings(theme=name, font_size=size))
    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isEnabled)
    text = QColor((DARK if name == "dark" else LIGHT).text)
    spins = dialog.findChildren(QAbstractSpinBox)
    assert {s.accessibleName() for s in spins} >= {"New cards per day", "Reviews per day",
                                                    "Next day starts at (hour)", "Font size"}
    for spin in spins:
        assert_value_visible(spin, text)
    assert dialog.font_size.text() == f"{size} pt"
    for box in dialog.findChildren(QCheckBox):
        box.setChecked(False)
        assert_indicator_visible(box, QColor((DARK if name == "dark" else LIGHT).bg))
    dialog.close()
    idle(window)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_unticked_level_and_filter_boxes_are_visible_without_focus(qtbot, n5_window, with_dictionary, idle, name):
    """The welcome's level boxes (N4 … N1 unticked) and the mining window's filters."""
    from jpstudy_ui.welcome_dialog import WelcomeDialog

    window = n5_window
    with_dictionary(window.context.data_dir)  # the mining window opens it at once: no build under test
    window.context.apply_settings(UiSettings(theme=name))
    palette = DARK if name == "dark" else LIGHT
    welcome = WelcomeDialog(window.context, window)
    qtbot.addWidget(welcome)
    welcome.show()
    qtbot.waitExposed(welcome)
    welcome.later.setFocus()
    unticked = [box for box in welcome.picker.boxes.values() if not box.isChecked()]
    assert len(unticked) == 4
    for box in unticked:
        assert_indicator_visible(box, QColor(palette.surface))  # the levels sit on a card surface
    welcome.reject()
    mine = window.open_window("mine")
    qtbot.waitExposed(mine)
    mine.paste.setFocus()
    boxes = mine.findChildren(QCheckBox)
    assert boxes
    for box in boxes:
        box.setChecked(False)
        assert_indicator_visible(box, QColor(palette.bg))
    mine.close()
    idle(window)


def test_switching_theme_recolours_progress_bars_and_charts_at_once(qtbot, n5_window, idle):
    window = n5_window
    window.context.apply_settings(UiSettings(theme="light"))
    qtbot.waitUntil(lambda: len(window.levels) == 5)
    stats = window.open_window("stats")
    qtbot.waitUntil(lambda: stats.report is not None)
    bar = window.home._level_rows["N1"][0]

    def bar_colour() -> QColor:
        image = grab(bar)
        return image.pixelColor(image.width() // 2, image.height() // 2)

    assert contrast(bar_colour(), QColor(LIGHT.heat0)) < 1.1
    window.context.apply_settings(UiSettings(theme="dark"))
    assert contrast(bar_colour(), QColor(DARK.heat0)) < 1.1, "the bar kept the light theme's track"
    assert stats.heatmap.palette_ is DARK and stats.known.palette_ is DARK
    n5 = window.home.decks.topLevelItem(0).child(0)
    assert n5.foreground(1).color() == QColor(DARK.new)
    stats.close()
    idle(window)


@pytest.mark.parametrize("palette", (LIGHT, DARK), ids=lambda p: p.name)
def test_the_lines_of_words_known_per_level_are_told_apart(palette) -> None:
    """Each JLPT level's line in Statistics has a colour of its own: any two differ by at least 45 in
    some RGB channel (N2 and N1 were both brick red, 8 apart)."""
    from jpstudy_ui.stats_screen import LEVEL_COLOURS

    colours = [QColor(getattr(palette, field)) for field in LEVEL_COLOURS]
    for i, a in enumerate(colours):
        for b in colours[i + 1:]:
            assert max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) >= 45, \
                (a.name(), b.name())
