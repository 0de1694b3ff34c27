"""The kanji of a word as clickable tiles (meaning, readings, strokes, JLPT level), and the popup
that lists the user's other words with a kanji and how far along each one is.

A click on a tile asks the collection for the words on the database worker, then opens the popup
under the tile; the word on screen (``set_kanji``'s ``note_id``) is left out of the list.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from jpstudy.collection.models import WordUse
from jpstudy.japanese.kanji import KanjiFacts

from .context import AppContext
from .theme import japanese_font
from .widgets import label

COLUMNS = 3
POPUP_WORDS = 12
"""The popup lists this many words (known first) and says how many more there are."""
MAX_CHAR_PT = 40
TILE_MEANINGS = 3
"""A tile shows the first meanings; its tooltip has them all."""
STATUS_ROLE = {"known": "count-review", "learning": "count-learning", "not started": "muted"}


class KanjiTile(QFrame):
    """One kanji: the character large on the left; beside it its meaning, its on · kun readings and
    "9 strokes · N5", a line each (cut with … when long; the tooltip has everything)."""

    clicked = Signal(str)

    def __init__(self, facts: KanjiFacts, point_size: float) -> None:
        super().__init__()
        self.facts = facts
        self.setProperty("role", "kanji-tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setToolTip("\n".join(part for part in (
            facts.meaning, facts.readings, facts.meta, f"Click: your other words with {facts.kanji}") if part))
        self.setAccessibleName(f"Kanji {facts.kanji}: {facts.meaning or 'no data'}")
        self.setFixedWidth(tile_width(point_size))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(8)
        char_pt = min(point_size * 2.2, MAX_CHAR_PT)
        layout.addWidget(_sized_label(facts.kanji, None, char_pt))
        lines = QVBoxLayout()
        lines.setSpacing(0)
        room = tile_width(point_size) - 28 - int(QFontMetricsF(japanese_font(char_pt)).horizontalAdvance("漢"))
        meaning = ", ".join(facts.meanings[:TILE_MEANINGS])
        for text, role, scale in ((meaning, None, 0.9), (facts.readings, "muted", 0.8), (facts.meta, "muted", 0.8)):
            if not text:
                continue
            font = japanese_font(point_size * scale)
            shown = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, room)
            lines.addWidget(_sized_label(shown, role, point_size * scale))
        layout.addLayout(lines, 1)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click asks for the user's words with this kanji."""
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.facts.kanji)
        else:
            super().mousePressEvent(event)


def tile_width(point_size: float) -> int:
    """The width of a tile at the given base font size, in pixels."""
    return int(point_size * 19)


def _sized_label(text: str, role: str | None, point_size: float, wrap: bool = False) -> QLabel:
    """A label with a Japanese font of ``point_size`` (its own style sheet outranks the app's size)."""
    widget = label(text, role, wrap=wrap, name=text)
    widget.setFont(japanese_font(point_size))
    widget.setStyleSheet(f"font-size: {point_size:.1f}pt;")
    return widget


class KanjiStrip(QWidget):
    """The tiles of a word's kanji, as many to a row as fit (at most ``COLUMNS``); ``failed`` carries
    the message of a failed look-up."""

    failed = Signal(str)

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self._context = context
        self._note_id: int | None = None
        self._point_size = 12.0
        self.popup: KanjiWordsPopup | None = None
        self.setProperty("role", "plain")
        self.setAccessibleName("Kanji of the word")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        self.tiles: list[KanjiTile] = []

    def set_kanji(self, facts: Sequence[KanjiFacts], point_size: float, width: int, note_id: int | None) -> None:
        """Show a tile per kanji of the note ``note_id`` (none for a word without kanji) in rows fitting
        ``width`` pixels."""
        self._note_id, self._point_size = note_id, point_size
        for tile in self.tiles:
            tile.setParent(None)
            tile.deleteLater()
        self.tiles = []
        fit = max(1, (width + self._grid.spacing()) // (tile_width(point_size) + self._grid.spacing()))
        columns = min(COLUMNS, fit, max(1, len(facts)))
        for index, f in enumerate(facts):
            tile = KanjiTile(f, point_size)
            tile.clicked.connect(self.show_words)
            self._grid.addWidget(tile, index // columns, index % columns)
            self.tiles.append(tile)
        self.setVisible(bool(facts))

    def tile_for(self, kanji: str) -> KanjiTile | None:
        """The tile of ``kanji``, if shown."""
        return next((t for t in self.tiles if t.facts.kanji == kanji), None)

    def show_words(self, kanji: str) -> None:
        """Open the popup of the user's other words with ``kanji`` (a click on its tile)."""
        tile, note_id, size = self.tile_for(kanji), self._note_id, self._point_size

        def show(uses: Sequence[WordUse]) -> None:
            if tile is not None and tile.isVisible():
                self.popup = show_kanji_words(tile, kanji, uses, size)

        self._context.worker.run(lambda col: col.words_with_kanji(kanji, exclude_note=note_id), show,
                                 lambda e: self.failed.emit(str(e)))


class KanjiWordsPopup(QFrame):
    """A small popup listing words with one kanji and their status; closes on Esc or a click outside."""

    def __init__(self, kanji: str, uses: Sequence[WordUse], point_size: float, parent: QWidget | None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setProperty("role", "card")
        self.setAccessibleName(f"Your words with {kanji}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        title = f"Your other words with {kanji}" if uses else f"No other word of yours uses {kanji} yet."
        layout.addWidget(label(title, "heading", name="Words with the kanji"))
        self.rows: list[QLabel] = []
        for use in uses[:POPUP_WORDS]:
            reading = f"【{use.reading}】" if use.reading and use.reading != use.word else ""
            row = QWidget()
            row.setProperty("role", "plain")
            line = QGridLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            word = _sized_label(f"{use.word}{reading}", None, point_size * 1.15)
            meaning = label(use.meaning, "muted", wrap=True)
            meaning.setMaximumWidth(320)
            status = label(use.status, STATUS_ROLE.get(use.status, "muted"), name=f"{use.word}: {use.status}")
            line.addWidget(word, 0, 0)
            line.addWidget(meaning, 0, 1)
            line.addWidget(status, 0, 2, Qt.AlignmentFlag.AlignRight)
            line.setColumnStretch(1, 1)
            layout.addWidget(row)
            self.rows.append(status)
        if len(uses) > POPUP_WORDS:
            more = len(uses) - POPUP_WORDS
            layout.addWidget(label(f"… and {more} more (search {kanji} in Browse)", "muted", name="More words"))


def show_kanji_words(anchor: QWidget, kanji: str, uses: Sequence[WordUse], point_size: float) -> KanjiWordsPopup:
    """Open the popup under ``anchor`` (kept on screen)."""
    popup = KanjiWordsPopup(kanji, uses, point_size, anchor)
    popup.adjustSize()
    where = anchor.mapToGlobal(QPoint(0, anchor.height()))
    screen = anchor.screen().availableGeometry()
    x = min(max(screen.left(), where.x()), screen.right() - popup.width())
    above = anchor.mapToGlobal(QPoint(0, 0)).y() - popup.height()
    y = where.y() if where.y() + popup.height() <= screen.bottom() else above
    popup.move(x, y)
    popup.show()
    return popup
