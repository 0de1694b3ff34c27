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

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from .ui_settings import UiSettings

UI_FAMILIES = ["Noto Sans", "Noto Sans CJK JP", "DejaVu Sans", "Sans Serif"]
JAPANESE_FAMILIES = ["Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP", "IPAGothic", "Sans Serif"]


@dataclass(frozen=True)
class Palette:
    """The colours of one theme. ``new``/``learning``/``review`` follow Anki's blue/red/green counts."""

    name: str
    bg: str
    surface: str
    alt: str
    border: str
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


LIGHT = Palette(
    name="light",
    bg="#f6f4ef",
    surface="#ffffff",
    alt="#faf8f4",
    border="#e2ded5",
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
)

DARK = Palette(
    name="dark",
    bg="#1d1f23",
    surface="#25282d",
    alt="#2a2d33",
    border="#3a3e45",
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


def style_sheet(palette: Palette, base_pt: int) -> str:
    """``style.qss`` with the palette's colours and the font sizes filled in."""
    values = {key: value for key, value in asdict(palette).items() if key != "name"}
    values |= {
        "basept": f"{base_pt}pt",
        "headingpt": f"{round(base_pt * 1.3)}pt",
        "titlept": f"{round(base_pt * 1.7)}pt",
        "wordpt": f"{round(base_pt * 4)}pt",
        "furiganapt": f"{round(base_pt * 1.4)}pt",
    }
    template = (Path(__file__).with_name("style.qss")).read_text(encoding="utf-8")
    return re.sub(r"@(\w+)", lambda m: values.get(m.group(1), m.group(0)), template)


class ThemeManager:
    """Applies a :class:`UiSettings` to the running application and remembers the active palette."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
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
