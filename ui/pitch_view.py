"""The pitch accent of a word drawn as dictionaries draw it: a line over the high morae and a drop
after the kernel, then the pattern's name ("中高 [2]"; "estimated: …" for a composed pitch).

After the last mora a short stretch stands for a following particle: the line goes on over it for a
平板 word and stops with a drop for an 尾高 one, which is all that tells the two apart.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from jpstudy.japanese.pitch import Pitch

from .theme import Palette, japanese_font

TAIL = 0.6
"""Width of the particle stretch, in em of the reading's font."""


class PitchView(QWidget):
    """Draws one :class:`jpstudy.japanese.pitch.Pitch` centred in the widget."""

    def __init__(self, palette: Callable[[], Palette]) -> None:
        super().__init__()
        self._palette = palette
        self._pitch: Pitch | None = None
        self._font = japanese_font(20)
        self._label_font = japanese_font(11)
        self.setProperty("role", "plain")
        self.setAccessibleName("Pitch accent")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_pitch(self, pitch: Pitch | None) -> None:
        """Show ``pitch`` (nothing for None)."""
        self._pitch = pitch
        heights = "".join("H" if h else "L" for h in pitch.heights()[:-1]) if pitch else ""
        self.setAccessibleName(f"Pitch accent: {pitch.describe()}" if pitch else "Pitch accent")
        self.setAccessibleDescription(heights)
        self.updateGeometry()
        self.update()

    def pitch(self) -> Pitch | None:
        """The pitch shown."""
        return self._pitch

    def label(self) -> str:
        """The text beside the drawing ("中高 [2]")."""
        return self._pitch.describe() if self._pitch else ""

    def set_point_sizes(self, reading_pt: float, label_pt: float) -> None:
        """Sizes of the reading and of the pattern's name."""
        self._font = japanese_font(reading_pt)
        self._label_font = japanese_font(label_pt)
        self.updateGeometry()
        self.update()

    def _widths(self) -> tuple[list[float], float, float, float]:
        """(width of each mora, of the tail, of the gap, of the label)."""
        metrics, label = QFontMetricsF(self._font), QFontMetricsF(self._label_font)
        morae = [metrics.horizontalAdvance(m) for m in self._pitch.morae] if self._pitch else []
        em = metrics.horizontalAdvance("あ")
        return morae, em * TAIL, em * 0.5, label.horizontalAdvance(self.label())

    def sizeHint(self) -> QSize:
        """The drawing and its label on one line."""
        if self._pitch is None:
            return QSize(0, 0)
        morae, tail, gap, label = self._widths()
        metrics = QFontMetricsF(self._font)
        height = metrics.tightBoundingRect("あ").height() * 1.45 + metrics.descent()
        return QSize(int(sum(morae) + tail + gap + label + 2), int(height + 2))

    def minimumSizeHint(self) -> QSize:
        """As large as the size hint: the drawing cannot be squeezed."""
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw morae, the high line, the drop, and the label."""
        if self._pitch is None:
            return
        palette = self._palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetricsF(self._font)
        morae, tail, gap, label_width = self._widths()
        total = sum(morae) + tail + gap + label_width
        x = (self.width() - total) / 2
        glyph = metrics.tightBoundingRect("あ")  # relative to the baseline: top < 0
        em = glyph.height()
        line_y = max(2.0, em * 0.15)
        baseline = line_y + em * 0.18 - glyph.top()
        heights = self._pitch.heights()
        pen = QPen(QColor(palette.accent), max(1.5, em * 0.07))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setFont(self._font)
        left = x
        for index, (mora, width) in enumerate(zip(self._pitch.morae, morae, strict=True)):
            painter.setPen(QColor(palette.text))
            painter.drawText(QPointF(left, baseline), mora)
            painter.setPen(pen)
            if heights[index]:
                painter.drawLine(QPointF(left, line_y), QPointF(left + width, line_y))
            if index + 1 == self._pitch.kernel:  # the drop after the kernel
                painter.drawLine(QPointF(left + width, line_y), QPointF(left + width, line_y + em * 0.55))
            left += width
        if heights[-1]:  # 平板: the following particle stays high
            painter.setPen(QPen(QColor(palette.accent), pen.widthF(), Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(left, line_y), QPointF(left + tail, line_y))
        left += tail + gap
        painter.setFont(self._label_font)
        painter.setPen(QColor(palette.muted))
        painter.drawText(QRectF(left, 0, label_width + 2, self.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.label())
        painter.end()
