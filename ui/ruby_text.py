"""A widget that draws a sentence with furigana: the kana centred over their kanji, lines wrapped.

Qt's rich text has no ``<ruby>``, so the widget lays the text out itself.

Terms:
    unit: what a line may not break inside: a piece with a reading (its kanji and kana together), a
        run of Latin letters and digits, or one other character. Closing punctuation (、。」…) stays
        on the line of the unit before it, as Japanese typesetting wants.
    ruby band: the strip above each line where readings are drawn. It is there on every line while
        furigana are shown (so lines keep one rhythm) and gone when they are hidden.
    overhang: a reading wider than its kanji may reach over the pieces on both sides by up to half a
        reading character, when neither has a reading (as Japanese typesetting lets ruby overhang kana);
        beyond that the piece is widened, so readings never overlap each other or other text.
The text of a piece is centred in its cell and its reading centred over the same point.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from jpstudy.japanese.furigana import Ruby

from .theme import Palette, japanese_font

NO_BREAK_BEFORE = set("、。，．・：；？！ー）」』】〕〉》”’…‥!?),.%")
_PLAIN_UNIT = re.compile(r"[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]+|\s+|.", re.DOTALL)
RUBY_SCALE = 0.5
MIN_RUBY_PT = 7.0
LINE_GAP = 0.25
"""Space between lines, as a fraction of the text's line height."""


@dataclass
class _Unit:
    """One unbreakable stretch: its pieces, the width of each piece's cell and their sum."""

    pieces: list[Ruby]
    cells: list[float] = field(default_factory=list)
    width: float = 0.0


def units_of(pieces: Sequence[Ruby]) -> list[_Unit]:
    """The sentence's units (see the module docstring), in order."""
    units: list[_Unit] = []
    for piece in pieces:
        parts = [piece] if piece.reading else [
            Ruby(m.group(), "", piece.target) for m in _PLAIN_UNIT.finditer(piece.text)
        ]
        for part in parts:
            if units and part.text[0] in NO_BREAK_BEFORE:
                units[-1].pieces.append(part)
            else:
                units.append(_Unit([part]))
    return units


class RubyText(QWidget):
    """The sentence of a card with furigana (see the module docstring).

    ``palette`` is read at paint time, so a theme change needs only a repaint.
    """

    def __init__(self, palette: Callable[[], Palette], name: str = "Sentence") -> None:
        super().__init__()
        self._palette = palette
        self._pieces: tuple[Ruby, ...] = ()
        self._units: list[_Unit] = []
        self._show_ruby = True
        self._font = japanese_font(14)
        self._bold = japanese_font(14)
        self._ruby_font = japanese_font(MIN_RUBY_PT)
        self.setProperty("role", "plain")
        self.setAccessibleName(name)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._measure()

    # -- content -------------------------------------------------------------------------------------
    def set_pieces(self, pieces: Sequence[Ruby]) -> None:
        """Show these pieces (a sentence from ``jpstudy.japanese.furigana``)."""
        self._pieces = tuple(pieces)
        self._units = units_of(self._pieces)
        self.setAccessibleDescription(self.ruby_text())
        self._measure()

    def set_point_size(self, point_size: float) -> None:
        """The size of the sentence's text; readings are half of it (at least ``MIN_RUBY_PT``)."""
        self._font = japanese_font(point_size)
        self._bold = japanese_font(point_size)
        self._bold.setWeight(QFont.Weight.DemiBold)
        self._ruby_font = japanese_font(max(MIN_RUBY_PT, point_size * RUBY_SCALE))
        self._measure()

    def set_ruby_visible(self, visible: bool) -> None:
        """Show or hide the readings (F on the review screen)."""
        if visible != self._show_ruby:
            self._show_ruby = visible
            self._measure()

    def ruby_visible(self) -> bool:
        """Whether readings are shown."""
        return self._show_ruby

    def text(self) -> str:
        """The sentence as plain text (what a screen reader reads)."""
        return "".join(p.text for p in self._pieces)

    def ruby_text(self) -> str:
        """The sentence with each reading in brackets after its text: 食(た)べる."""
        return "".join(f"{p.text}({p.reading})" if p.reading else p.text for p in self._pieces)

    # -- layout --------------------------------------------------------------------------------------
    def _overhang(self) -> float:
        return QFontMetricsF(self._ruby_font).horizontalAdvance("あ") / 2 if self._show_ruby else 0.0

    def _measure(self) -> None:
        base, bold, ruby = QFontMetricsF(self._font), QFontMetricsF(self._bold), QFontMetricsF(self._ruby_font)
        flat = [piece for unit in self._units for piece in unit.pieces]
        overhang = self._overhang()
        index = 0
        for unit in self._units:
            unit.cells = []
            for piece in unit.pieces:
                cell = (bold if piece.target else base).horizontalAdvance(piece.text)
                if piece.reading and self._show_ruby:
                    # the reading is centred: it may overhang only as far as both neighbours allow
                    free = all(0 <= n < len(flat) and not flat[n].reading for n in (index - 1, index + 1))
                    cell = max(cell, ruby.horizontalAdvance(piece.reading) - (2 * overhang if free else 0.0))
                unit.cells.append(cell)
                index += 1
            unit.width = sum(unit.cells)
        self.updateGeometry()
        self.update()

    def _line_height(self) -> float:
        band = QFontMetricsF(self._ruby_font).height() if self._show_ruby else 0.0
        return band + QFontMetricsF(self._font).height() * (1 + LINE_GAP)

    def _lines(self, width: float) -> list[list[_Unit]]:
        lines: list[list[_Unit]] = [[]]
        used = 0.0
        for unit in self._units:
            if lines[-1] and used + unit.width > width and not unit.pieces[0].text.isspace():
                lines.append([])
                used = 0.0
            if not lines[-1] and unit.pieces[0].text.isspace():
                continue  # no line starts with a space
            lines[-1].append(unit)
            used += unit.width
        return [line for line in lines if line]

    def hasHeightForWidth(self) -> bool:
        """The height depends on the width (lines wrap)."""
        return True

    def heightForWidth(self, width: int) -> int:
        """The height that shows every line at ``width``."""
        if not self._units:
            return 0
        return int(len(self._lines(max(1.0, width - 2 * self._overhang()))) * self._line_height() + 1)

    def sizeHint(self) -> QSize:
        """One line as wide as the sentence (at most 640 px); the height for that width."""
        width = int(min(640.0, sum(u.width for u in self._units)) + 2 * self._overhang() + 1)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        """As narrow as its widest unit."""
        widest = int(max((u.width for u in self._units), default=0.0) + 2 * self._overhang() + 1)
        return QSize(widest, self.heightForWidth(max(widest, self.width())))

    # -- painting ------------------------------------------------------------------------------------
    def boxes(self, width: float | None = None) -> list[tuple[Ruby, QRectF, QRectF | None]]:
        """Where each piece goes at ``width`` (default: the widget's): its text's cell and, when its
        reading is shown, the reading's box centred over it."""
        width = float(self.width()) if width is None else width
        base, ruby_metrics = QFontMetricsF(self._font), QFontMetricsF(self._ruby_font)
        band = ruby_metrics.height() if self._show_ruby else 0.0
        out: list[tuple[Ruby, QRectF, QRectF | None]] = []
        y = 0.0
        for line in self._lines(width - 2 * self._overhang()):
            x = (width - sum(u.width for u in line)) / 2
            for unit in line:
                for piece, cell in zip(unit.pieces, unit.cells, strict=True):
                    reading = None
                    if piece.reading and self._show_ruby:
                        span = ruby_metrics.horizontalAdvance(piece.reading)
                        reading = QRectF(x + (cell - span) / 2, y, span, band)
                    out.append((piece, QRectF(x, y + band, cell, base.height()), reading))
                    x += cell
            y += self._line_height()
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the pieces where ``boxes`` puts them; the studied word bold on the highlight colour."""
        palette = self._palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for piece, box, reading in self.boxes():
            if piece.target:
                painter.fillRect(box, QColor(palette.highlight))
            painter.setFont(self._bold if piece.target else self._font)
            painter.setPen(QColor(palette.text))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, piece.text)
            if reading is not None:
                painter.setFont(self._ruby_font)
                painter.setPen(QColor(palette.muted))
                painter.drawText(reading.adjusted(-2, 0, 2, 0), Qt.AlignmentFlag.AlignCenter, piece.reading)
        painter.end()
