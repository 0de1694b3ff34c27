"""Charts drawn with QPainter (no QtCharts): a calendar heatmap, bar charts and a line chart.

Each chart takes plain numbers and a :class:`~.theme.Palette`; it sets an accessible description that
says in words what it shows, so a screen reader user gets the figures too.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from .theme import LIGHT, Palette

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def blend(a: str, b: str, t: float) -> QColor:
    """The colour ``t`` of the way from ``a`` to ``b`` (0 ≤ t ≤ 1)."""
    ca, cb = QColor(a), QColor(b)
    return QColor(
        round(ca.red() + (cb.red() - ca.red()) * t),
        round(ca.green() + (cb.green() - ca.green()) * t),
        round(ca.blue() + (cb.blue() - ca.blue()) * t),
    )


class Chart(QWidget):
    """Common base: palette, fixed height, small font for axis labels."""

    def __init__(self, name: str, height: int = 180) -> None:
        super().__init__()
        self.palette_ = LIGHT
        self.setAccessibleName(name)
        self.setMinimumHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._height = height

    def sizeHint(self) -> QSize:
        """Wide and as tall as asked."""
        return QSize(640, self._height)

    def set_palette(self, palette: Palette) -> None:
        """Colours to draw with."""
        self.palette_ = palette
        self.update()

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.8))
        return font


class HeatmapChart(Chart):
    """Answers per day over the last year as a calendar: one column per week, Monday on top."""

    CELL_GAP = 3

    def __init__(self) -> None:
        super().__init__("Reviews per day over the last year (calendar)", 150)
        self._per_day: dict[date, int] = {}
        self._end = date.today()
        self._cells: list[tuple[QRectF, date]] = []
        self.setMouseTracking(True)

    def set_data(self, per_day: dict[date, int], end: date) -> None:
        """Counts by study day; ``end`` is today (the last cell)."""
        self._per_day = dict(per_day)
        self._end = end
        total = sum(per_day.values())
        busiest = max(per_day.items(), key=lambda kv: kv[1], default=None)
        text = f"{total} reviews on {len(per_day)} days in the last year"
        if busiest:
            text += f"; most on {busiest[0].isoformat()} ({busiest[1]})"
        self.setAccessibleDescription(text)
        self.setToolTip("")
        self.update()

    def _start(self) -> date:
        first = self._end - timedelta(days=364)
        return first - timedelta(days=first.weekday())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw month labels and one rounded square per day."""
        p = self.palette_
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._small_font())
        metrics = painter.fontMetrics()
        top, left = metrics.height() + 4.0, metrics.horizontalAdvance("Wed") + 8.0
        start = self._start()
        weeks = (self._end - start).days // 7 + 1
        size = min((self.width() - left - 4) / weeks, (self.height() - top - 4) / 7) - self.CELL_GAP
        size = max(4.0, size)
        peak = max(self._per_day.values(), default=0)
        painter.setPen(QColor(p.muted))
        for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
            painter.drawText(QPointF(0, top + row * (size + self.CELL_GAP) + size * 0.8), name)
        self._cells = []
        for index in range((self._end - start).days + 1):
            day = start + timedelta(days=index)
            column, row = divmod(index, 7)
            x = left + column * (size + self.CELL_GAP)
            y = top + row * (size + self.CELL_GAP)
            if row == 0 and day.day <= 7:  # the column holding the 1st of a month is labelled
                painter.setPen(QColor(p.muted))
                name = MONTHS[day.month - 1]
                painter.drawText(QPointF(min(x, self.width() - metrics.horizontalAdvance(name)), top - 5), name)
            count = self._per_day.get(day, 0)
            colour = QColor(p.heat0) if not count else blend(p.heat0, p.heat4, 0.25 + 0.75 * count / peak)
            rect = QRectF(x, y, size, size)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(rect, 2, 2)
            if day == self._end:
                painter.setPen(QPen(QColor(p.accent), 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect, 2, 2)
            self._cells.append((rect, day))
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Tooltip: the date and its count."""
        for rect, day in self._cells:
            if rect.contains(event.position()):
                count = self._per_day.get(day, 0)
                QToolTip.showText(event.globalPosition().toPoint(), f"{day.isoformat()}: {count} reviews", self)
                return
        QToolTip.hideText()


class BarChart(Chart):
    """Vertical bars with a label under every ``label_every``-th bar and the value on hover."""

    def __init__(self, name: str, height: int = 170) -> None:
        super().__init__(name, height)
        self._values: list[float] = []
        self._labels: list[str] = []
        self._colours: list[str] = []
        self._suffix = ""
        self._maximum: float | None = None
        self._label_every = 1
        self._bars: list[QRectF] = []
        self.setMouseTracking(True)

    def set_data(
        self,
        values: Sequence[float | None],
        labels: Sequence[str],
        colours: Sequence[str] | str,
        *,
        suffix: str = "",
        maximum: float | None = None,
        label_every: int = 1,
        description: str = "",
    ) -> None:
        """Bars for ``values`` (``None`` draws nothing), labelled by ``labels``."""
        self._values = [v if v is not None else float("nan") for v in values]
        self._labels = list(labels)
        self._colours = [colours] * len(values) if isinstance(colours, str) else list(colours)
        self._suffix = suffix
        self._maximum = maximum
        self._label_every = max(1, label_every)
        self.setAccessibleDescription(
            description or ", ".join(f"{label}: {_fmt(v)}{suffix}" for label, v in zip(labels, values, strict=False))
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the baseline, the bars, the labels and the largest value."""
        p = self.palette_
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._small_font())
        bottom = self._bottom()
        top = 16.0
        n = max(1, len(self._values))
        slot = (self.width() - 8) / n
        finite = [v for v in self._values if v == v]
        peak = self._maximum or max(finite, default=0) or 1
        painter.setPen(QPen(QColor(p.border), 1))
        painter.drawLine(QPointF(4, bottom), QPointF(self.width() - 4, bottom))
        self._bars = []
        for i, value in enumerate(self._values):
            x = 4 + i * slot
            height = 0.0 if value != value else (bottom - top) * value / peak
            rect = QRectF(x + slot * 0.15, bottom - height, slot * 0.7, height)
            self._bars.append(QRectF(x, top, slot, bottom - top))
            if height > 0:
                path = QPainterPath()
                path.addRoundedRect(rect, min(3.0, rect.width() / 3), min(3.0, rect.width() / 3))
                painter.fillPath(path, QColor(self._colours[i]))
        painter.setPen(QColor(p.muted))
        for text, box in self.label_boxes():
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        if finite:
            painter.setPen(QColor(p.muted))
            painter.drawText(QPointF(6, top - 4), f"max {_fmt(max(finite))}{self._suffix}")
        painter.end()

    def _bottom(self) -> float:
        """The baseline: above room for one line of labels."""
        return self.height() - QFontMetricsF(self._small_font()).height() - 6.0

    def label_boxes(self) -> list[tuple[str, QRectF]]:
        """Each shown label with the box it is drawn in: centred under its bar, moved inside the chart
        where it would run over an edge (the first bar's "today" was cut in half)."""
        metrics = QFontMetricsF(self._small_font())
        n = max(1, len(self._values))
        slot = (self.width() - 8) / n
        boxes = []
        for i, text in enumerate(self._labels[: len(self._values)]):
            if i % self._label_every:
                continue
            width = metrics.horizontalAdvance(text) + 2
            left = min(max(0.0, 4 + (i + 0.5) * slot - width / 2), self.width() - width)
            boxes.append((text, QRectF(left, self._bottom() + 3, width, metrics.height())))
        return boxes

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Tooltip with the bar's label and value."""
        for i, rect in enumerate(self._bars):
            if rect.contains(event.position()) and i < len(self._labels):
                value = self._values[i]
                text = f"{self._labels[i]}: {_fmt(value) if value == value else 'no data'}{self._suffix}"
                QToolTip.showText(event.globalPosition().toPoint(), text, self)
                return
        QToolTip.hideText()


class LineChart(Chart):
    """Several series over the same x labels, with a legend."""

    def __init__(self, name: str, height: int = 200) -> None:
        super().__init__(name, height)
        self._series: list[tuple[str, str, list[float]]] = []
        self._labels: list[str] = []

    def set_data(self, labels: Sequence[str], series: Sequence[tuple[str, str, Sequence[float]]]) -> None:
        """``series``: (name, colour, values) — one value per label."""
        self._labels = list(labels)
        self._series = [(name, colour, list(values)) for name, colour, values in series]
        self.setAccessibleDescription(
            "; ".join(f"{name}: {_fmt(values[-1]) if values else 0} now" for name, _, values in self._series)
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the axis, each series as a line with dots, the first and last labels, the legend."""
        p = self.palette_
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._small_font())
        peak = max((max(v, default=0) for _, _, v in self._series), default=0) or 1
        metrics = QFontMetricsF(self._small_font())
        legend = max((metrics.horizontalAdvance(f"{name} {_fmt(v[-1]) if v else 0}") for name, _, v in self._series),
                     default=0.0)
        left = metrics.horizontalAdvance(_fmt(peak)) + 12
        right, top, bottom = self.width() - legend - 40.0, 12.0, self.height() - metrics.height() - 6.0
        n = max(2, len(self._labels))
        painter.setPen(QPen(QColor(p.border), 1))
        painter.drawLine(QPointF(left, bottom), QPointF(right, bottom))
        painter.setPen(QColor(p.muted))
        painter.drawText(QPointF(4, top + 8), _fmt(peak))
        painter.drawText(QPointF(4, bottom), "0")
        if self._labels:
            painter.drawText(QPointF(left, bottom + 3 + metrics.ascent()), self._labels[0])
            painter.drawText(QRectF(right - 120, bottom + 3, 120, metrics.height()), Qt.AlignmentFlag.AlignRight,
                             self._labels[-1])
        for row, (name, colour, values) in enumerate(self._series):
            pen = QPen(QColor(colour), 2)
            painter.setPen(pen)
            points = [
                QPointF(left + (right - left) * i / (n - 1), bottom - (bottom - top) * v / peak)
                for i, v in enumerate(values)
            ]
            for a, b in itertools.pairwise(points):
                painter.drawLine(a, b)
            y = top + 4 + row * (metrics.height() + 4)
            painter.drawLine(QPointF(right + 10, y), QPointF(right + 26, y))
            painter.setPen(QColor(p.text))
            painter.drawText(QPointF(right + 32, y + 4), f"{name} {_fmt(values[-1]) if values else 0}")
        painter.end()


def _fmt(value: float | None) -> str:
    if value is None or value != value:
        return "—"
    return f"{value:.0f}" if abs(value - round(value)) < 1e-9 or abs(value) >= 10 else f"{value:.1f}"
