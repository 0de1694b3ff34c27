"""Light and dark themes, fonts, and the colours that charts and the mining view share.

Terms:
    palette: a :class:`Palette`, the named colours of one theme. ``style.qss`` refers to them as
        ``@name`` tokens; QPainter charts read them directly.
    system theme: the desktop's colour scheme as Qt reports it (``QStyleHints.colorScheme``); light when
        Qt cannot tell.
    Japanese font: Noto Sans CJK JP when installed (Debian ``fonts-noto-cjk``), else whatever CJK font
        Qt's fallback finds.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOptionSpinBox,
)

from .icons import icon_folder
from .ui_settings import UiSettings

UI_FAMILIES = ["Noto Sans", "Noto Sans CJK JP", "DejaVu Sans", "Sans Serif"]
JAPANESE_FAMILIES = ["Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP", "IPAGothic", "Sans Serif"]


@dataclass(frozen=True)
class Palette:
    """The colours of one theme. ``new``/``learning``/``review`` follow Anki's blue/red/green counts;
    ``control`` outlines check boxes, radio buttons and slider handles (at least 3:1 against ``surface``
    and ``bg``, so an unticked box is visible without focus). ``level5`` is the fifth line of a
    chart by JLPT level (after review, new, hard and again), apart from all four."""

    name: str
    bg: str
    surface: str
    alt: str
    border: str
    control: str
    text: str
    muted: str
    accent: str
    accentsoft: str
    onaccent: str
    new: str
    learning: str
    review: str
    again: str
    hard: str
    good: str
    easy: str
    heat0: str
    heat4: str
    highlight: str
    level5: str


LIGHT = Palette(
    name="light",
    bg="#f6f4ef",
    surface="#ffffff",
    alt="#faf8f4",
    border="#e2ded5",
    control="#8c877e",
    text="#2e2d2b",
    muted="#6f6b64",
    accent="#3f7480",
    accentsoft="#dcebee",
    onaccent="#ffffff",
    new="#3b6fb6",
    learning="#b8573a",
    review="#3c8a55",
    again="#c0583f",
    hard="#b58a2e",
    good="#3c8a55",
    easy="#3b6fb6",
    heat0="#ebe8e1",
    heat4="#2f6b58",
    highlight="#fbe7a6",
    level5="#7a5aa6",
)

DARK = Palette(
    name="dark",
    bg="#1d1f23",
    surface="#25282d",
    alt="#2a2d33",
    border="#3a3e45",
    control="#767b84",
    text="#e4e1da",
    muted="#9c988f",
    accent="#7fb2bd",
    accentsoft="#2f4549",
    onaccent="#14181a",
    new="#7aa7e6",
    learning="#e0906f",
    review="#78c08e",
    again="#e0826a",
    hard="#d7b25e",
    good="#78c08e",
    easy="#7aa7e6",
    heat0="#2c2f35",
    heat4="#6fc39b",
    highlight="#5a4a1c",
    level5="#b99be6",
)


def system_is_dark() -> bool:
    """Whether the desktop asks for a dark scheme."""
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def palette_for(settings: UiSettings) -> Palette:
    """The palette chosen by ``settings.theme`` (resolving "system")."""
    if settings.theme == "dark" or (settings.theme == "system" and system_is_dark()):
        return DARK
    return LIGHT


def japanese_font(point_size: float) -> QFont:
    """A font for Japanese text at ``point_size``."""
    font = QFont()
    font.setFamilies(JAPANESE_FAMILIES)
    font.setPointSizeF(point_size)
    return font


def style_sheet(palette: Palette, base_pt: int, icons: Path | None = None) -> str:
    """``style.qss`` with the palette's colours, its icon folder (``icons.icon_folder``) and the font sizes
    filled in."""
    indicator = max(14, round(base_pt * 1.4))  # check box / radio button side, in pixels
    ring = max(4, round(indicator * 0.3))  # a ticked radio button's accent ring
    values = {key: value for key, value in asdict(palette).items() if key != "name"}
    values |= {
        "icons": (icons or icon_folder(palette)).as_posix(),
        "basept": f"{base_pt}pt",
        "indicatorpx": f"{indicator}px",
        "radioringpx": f"{ring}px",
        "radiodotpx": f"{indicator + 2 - 2 * ring}px",
        "arrowpx": f"{max(10, round(base_pt * 1.0))}px",
        "groupmarginpx": f"{round(base_pt * 1.9)}px",
        "radioradiuspx": f"{indicator // 2 + 1}px",
        "stepperpx": f"{max(20, round(base_pt * 1.8))}px",
        "headingpt": f"{round(base_pt * 1.3)}pt",
        "titlept": f"{round(base_pt * 1.7)}pt",
        "wordpt": f"{round(base_pt * 4)}pt",
        "furiganapt": f"{round(base_pt * 1.4)}pt",
    }
    template = (Path(__file__).with_name("style.qss")).read_text(encoding="utf-8")
    return re.sub(r"@(\w+)", lambda m: values.get(m.group(1), m.group(0)), template)


SPIN_TEXT_INSET = 6
"""Pixels from a spin box's outer edge to its text: ``style.qss``'s border plus padding (1 + 5, or 2 + 4
with focus)."""


class AppStyle(QProxyStyle):
    """Fusion (the same look on every desktop) under the style sheet, with one repair at polish time.

    Qt 6.11's style-sheet style puts a spin box's text field at the left border, ignoring the border
    and padding of ``style.qss`` (the top and bottom are right), so the first digit touches the frame;
    ``polish`` insets the text by what is missing. Where Qt places the field correctly nothing changes.
    """

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def polish(self, arg: object) -> None:  # type: ignore[override]
        """Qt's polish, then the spin box repair (see the class docstring)."""
        super().polish(arg)
        if isinstance(arg, QAbstractSpinBox):
            _inset_spin_text(arg)


def _inset_spin_text(spin: QAbstractSpinBox) -> None:
    option = QStyleOptionSpinBox()
    option.initFrom(spin)
    option.buttonSymbols = spin.buttonSymbols()
    option.frame = spin.hasFrame()
    field = spin.style().subControlRect(
        QStyle.ComplexControl.CC_SpinBox, option, QStyle.SubControl.SC_SpinBoxEditField, spin
    )
    spin.lineEdit().setTextMargins(max(0, SPIN_TEXT_INSET - field.left()), 0, 0, 0)


class ThemeManager(QObject):
    """Applies a :class:`UiSettings` to the running application and remembers the active palette.

    ``changed`` fires after a new theme or font size is applied; widgets that paint with palette
    colours themselves (bars, charts, coloured text) redraw on it.
    """

    changed = Signal()

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self._app = app
        self._style = AppStyle()
        app.setStyle(self._style)
        self.palette: Palette = LIGHT
        self.settings = UiSettings()

    def apply(self, settings: UiSettings) -> None:
        """Set fonts, the Qt palette and the style sheet for ``settings``."""
        self.settings = settings
        self.palette = palette_for(settings)
        font = QFont()
        font.setFamilies(UI_FAMILIES)
        font.setPointSize(settings.font_size)
        self._app.setFont(font)
        self._app.setPalette(_qt_palette(self.palette))
        self._app.setStyleSheet(style_sheet(self.palette, settings.font_size))
        self.changed.emit()


def _qt_palette(p: Palette) -> QPalette:
    """A QPalette matching ``p`` for widgets the style sheet does not reach."""
    pal = QPalette()
    role = QPalette.ColorRole
    for r, colour in (
        (role.Window, p.bg),
        (role.Base, p.surface),
        (role.AlternateBase, p.alt),
        (role.Text, p.text),
        (role.WindowText, p.text),
        (role.ButtonText, p.text),
        (role.Button, p.surface),
        (role.Highlight, p.accent),
        (role.HighlightedText, p.onaccent),
        (role.PlaceholderText, p.muted),
        (role.ToolTipBase, p.surface),
        (role.ToolTipText, p.text),
        (role.Link, p.accent),
    ):
        pal.setColor(r, QColor(colour))
    return pal
