"""Card info (from Browse, Ctrl+Shift+I, and the review screen, I): the card's current state and its
review history, as Anki's Card Info. ``jpstudy.card_info`` reads the figures; times are shown in the
collection's time zone."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jpstudy.card_info import CardInfo, card_info

from .context import AppContext
from .theme import Palette, japanese_font
from .widgets import fit_dialog, label

HISTORY_COLUMNS = ("Date", "Type", "Rating", "Interval", "Ease", "Time")
STATE_NAMES = {"new": "New", "learning": "Learning", "review": "Review", "relearning": "Relearning"}


def facts(info: CardInfo, tz: tzinfo) -> list[tuple[str, str]]:
    """The (name, value) rows above the history, in Anki's order."""

    def when(moment: datetime | None) -> str:
        return "—" if moment is None else f"{moment.astimezone(tz):%Y-%m-%d %H:%M}"

    state = STATE_NAMES[info.state] + (" (mature)" if info.mature else "")
    state += " · suspended" if info.suspended else ""
    state += " · leech" if info.leech else ""
    if info.state == "new":
        due = f"new card, position {info.position}"
    elif info.due is not None and info.state == "review":
        due = f"{info.due.astimezone(tz):%Y-%m-%d}"  # review cards are due on a day, from its start
    else:
        due = when(info.due)
    average = info.average_seconds
    return [
        ("State", state),
        ("Added", when(info.added)),
        ("First review", when(info.first_review)),
        ("Latest review", when(info.latest_review)),
        ("Due", due),
        ("Interval", f"{info.interval_days} days" if info.interval_days else "—"),
        ("Ease", f"{info.ease_percent:.0f}%" if info.ease_percent is not None else "—"),
        ("Reviews", str(info.reviews)),
        ("Lapses", str(info.lapses)),
        ("Average time", "—" if average is None else f"{average:.1f} s"),
        ("Total time", f"{info.total_seconds:.1f} s"),
        ("Deck", info.deck),
        ("Card", info.direction.title()),
        ("Card ID / Note ID", f"{info.card_id} / {info.note_id}"),
    ]


def history_cells(info: CardInfo, tz: tzinfo) -> list[tuple[str, ...]]:
    """The rows of the history table, newest first."""
    return [
        (f"{row.moment.astimezone(tz):%Y-%m-%d %H:%M}", row.kind, row.rating_name, row.interval_text,
         f"{row.ease_percent:.0f}%" if row.ease_percent is not None else "—", f"{row.time_seconds:.1f} s")
        for row in info.history
    ]


class CardInfoDialog(QDialog):
    """Shows one card's info; ``CardInfoDialog.show_card(context, card_id, parent)`` reads and opens it."""

    def __init__(self, info: CardInfo, tz: tzinfo, palette: Palette | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        colours = {} if palette is None else {"Again": palette.again, "Hard": palette.hard, "Good": palette.good,
                                              "Easy": palette.easy}
        self.setWindowTitle(f"Card info — {info.word}")
        self.setAccessibleName("Card info")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        word = label(info.word + (f"  【{info.reading}】" if info.reading != info.word else ""), "title",
                     name="Word")
        word.setFont(japanese_font(self.font().pointSizeF() * 1.6))
        word.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(word)
        layout.addWidget(label(info.meaning, "muted", wrap=True, name="Meaning"))
        form = QFormLayout()
        form.setHorizontalSpacing(18)
        self.fact_labels: dict[str, Any] = {}
        for name, value in facts(info, tz):
            shown = label(value, None, name=name)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label(f"{name}:", "muted"), shown)
            self.fact_labels[name] = shown
        layout.addLayout(form)
        layout.addWidget(label("Review history" if info.history else "Not reviewed yet", "heading"))
        rows = history_cells(info, tz)
        self.history = QTableWidget(len(rows), len(HISTORY_COLUMNS))
        self.history.setAccessibleName("Review history")
        self.history.setHorizontalHeaderLabels(HISTORY_COLUMNS)
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setAlternatingRowColors(True)
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if text in colours and c == 2:
                    item.setForeground(QColor(colours[text]))
                if c >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.history.setItem(r, c, item)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.history.setVisible(bool(rows))
        layout.addWidget(self.history, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_dialog(self, 64)
        if rows:
            row_height = self.history.verticalHeader().defaultSectionSize()
            self.resize(self.width(), self.height() + min(8, len(rows)) * row_height)

    @classmethod
    def show_card(cls, context: AppContext, card_id: int, parent: QWidget) -> None:
        """Read the card's info on the worker, then open the dialog (not modal: it can stay open)."""

        def opened(result: tuple[CardInfo, tzinfo]) -> None:
            dialog = cls(*result, context.theme.palette, parent)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.show()

        context.worker.run(lambda col: (card_info(col, card_id), col.options.tz), opened)
