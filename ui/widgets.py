"""Small reusable widgets: labelled roles, a stacked progress bar, a card frame.

Terms:
    role: a dynamic ``role`` property the style sheet keys on (``QLabel[role="muted"]``); setting it is
        how a widget asks for a look without hard-coding colours.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPainterPath
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHeaderView,
    QLabel,
    QLayout,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)


def label(text: str = "", role: str | None = None, *, wrap: bool = False, name: str | None = None) -> QLabel:
    """A QLabel with a style role, optional word wrap and an accessible name."""
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    widget.setAccessibleName(name or text or role or "label")
    return widget


FIT_CAP_CHARS = 22
"""A column fitted to its contents is at most this many full-width characters wide."""


def text_width(table: QAbstractItemView, texts: Sequence[str]) -> int:
    """Pixels the longest of ``texts`` needs in a cell of ``table`` (with the cell's padding)."""
    metrics = table.fontMetrics()
    return max((metrics.horizontalAdvance(str(t)) for t in texts), default=0) + 28


def fit_column(table: QAbstractItemView, column: int, texts: Sequence[str], cap: int | None = None) -> None:
    """Size ``column`` of ``table`` to its longest text (long katakana words are not cut), up to ``cap``
    pixels (default ``FIT_CAP_CHARS`` full-width characters) and at least as wide as its header."""
    limit = table.fontMetrics().horizontalAdvance("漢") * FIT_CAP_CHARS if cap is None else cap
    header = table.horizontalHeader().sectionSizeHint(column)  # type: ignore[attr-defined]
    table.setColumnWidth(column, max(header, min(limit, text_width(table, texts))))  # type: ignore[attr-defined]


def fit_word_columns(table: QAbstractItemView, columns: tuple[int, int], texts: tuple[Sequence[str], Sequence[str]],
                     others: Sequence[int], meaning_share: float = 0.2) -> None:
    """Size a word column and its reading column (``columns``, with their ``texts``) to their longest
    entries as far as the meaning column keeps ``meaning_share`` of the table's width beside the
    ``others`` columns: the word first, so that no word is cut (long katakana words), then its reading
    (never narrower than its header)."""
    word, reading = columns
    used = sum(table.columnWidth(c) for c in others)  # type: ignore[attr-defined]
    room = max(0, int(table.viewport().width() * (1 - meaning_share)) - used)
    least_reading = text_width(table, ["かな" * 2])
    fit_column(table, word, texts[0], cap=max(text_width(table, ["漢" * 6]), room - least_reading))
    fit_column(table, reading, texts[1], cap=max(0, room - table.columnWidth(word)))  # type: ignore[attr-defined]


DIALOG_MARGINS = (24, 20, 24, 16)
"""Left, top, right, bottom margins of a dialog's content (``fit_dialog``)."""


def char_width(widget: QWidget, chars: int) -> int:
    """The width of ``chars`` Latin letters in ``widget``'s font (``averageCharWidth`` is unusable: with a
    CJK font in the family list it reports the full-width average)."""
    return widget.fontMetrics().horizontalAdvance("n" * chars)


def fit_dialog(dialog: QDialog, chars: int = 60) -> None:
    """Give ``dialog`` a first size about ``chars`` characters wide (in its own font, so it scales with
    the font size), the app's margins, and never let it shrink below what its fields need.

    A fixed ``setMinimumWidth`` stops Qt from enforcing the layout's minimum height, which squashed
    fields and clipped wrapped text at large font sizes; this keeps Qt's minimum instead. Call it at
    the end of the dialog's constructor.
    """
    layout = dialog.layout()
    if layout.contentsMargins().left() < DIALOG_MARGINS[0]:  # Qt's tight default: the app's calmer one
        layout.setContentsMargins(*DIALOG_MARGINS)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
    dialog.ensurePolished()
    width = max(layout.minimumSize().width(), char_width(dialog, chars))
    height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
    dialog.resize(width, max(height, layout.minimumSize().height()))


def card_frame(name: str) -> tuple[QFrame, QVBoxLayout]:
    """A rounded surface (``role="card"``) with a roomy vertical layout."""
    frame = QFrame()
    frame.setProperty("role", "card")
    frame.setAccessibleName(name)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(20, 16, 20, 16)
    layout.setSpacing(10)
    return frame, layout


class StackedBar(QWidget):
    """A horizontal bar split into coloured segments (e.g. known / learning / not started).

    Segments are ``(value, colour)`` pairs; the bar's full width is ``total`` (at least the sum).
    """

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._segments: list[tuple[int, QColor]] = []
        self._total = 0
        self._track = QColor("#e0e0e0")
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        """A thin bar."""
        return QSize(200, 12)

    def set_segments(self, segments: Sequence[tuple[int, str]], total: int, track: str) -> None:
        """Show ``segments`` out of ``total``; ``track`` is the colour of the empty part."""
        self._segments = [(max(0, v), QColor(c)) for v, c in segments]
        self._total = max(total, sum(v for v, _ in self._segments))
        self._track = QColor(track)
        self.update()

    def paintEvent(self, event: object) -> None:
        """Draw the rounded track and the segments left to right."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        clip = QPainterPath()
        clip.addRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setClipPath(clip)
        painter.fillRect(rect, self._track)
        if self._total:
            x = rect.left()
            for value, colour in self._segments:
                width = rect.width() * value / self._total
                painter.fillRect(QRectF(x, rect.top(), width, rect.height()), colour)
                x += width
        painter.end()


def fit_columns(table: QTableView, stretch: int, stretch_min_chars: int = 24, cap_share: float = 0.3) -> None:
    """Size ``table``'s columns to what they show, so that all of them fit its width.

    Every column but ``stretch`` gets the width of its header and of the rows in view, at most
    ``cap_share`` of the table's width (longer text is elided, the tooltip has it all); ``stretch`` takes
    the rest and never less than ``stretch_min_chars`` average characters. When the columns are too
    wide for that, the widest ones give way first. Call it when rows arrive and when the table resizes.
    """
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    available = table.viewport().width()
    columns = [c for c in range(header.count()) if c != stretch and not header.isSectionHidden(c)]
    cap = max(60, int(available * cap_share))
    wanted = {c: min(cap, max(table.sizeHintForColumn(c), header.sectionSizeFromContents(c).width())) for c in columns}
    floor = {c: min(wanted[c], header.sectionSizeFromContents(c).width()) for c in columns}
    room = available - char_width(table, stretch_min_chars)
    while sum(wanted.values()) > room:
        shrinkable = [c for c in columns if wanted[c] > floor[c]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda c: wanted[c])
        wanted[widest] = max(floor[widest], wanted[widest] - max(1, (sum(wanted.values()) - room) // 2))
    for column, width in wanted.items():
        header.resizeSection(column, width)


def status_and_save_buttons(layout: QBoxLayout, dialog: QDialog, save: Callable[[], object], name: str) -> QLabel:
    """A dialog's last rows: a muted status line (returned, for messages) and Save / Cancel buttons;
    Save calls ``save``, Cancel rejects ``dialog``."""
    status = label("", "muted", wrap=True, name=name)
    layout.addWidget(status)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return status
