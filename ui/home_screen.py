"""The home screen: today's line, the deck tree with counts, JLPT progress, and the main actions.

Terms:
    deck tree: Anki's deck list — each deck with its new / learning / due counts for today (daily limits
        applied), subdecks indented under their parent (``JLPT`` › ``N5``).
    level progress: per JLPT level, how many of the list's words are known, being learned, not started.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jpstudy.decks import LEVEL_SOURCE
from jpstudy.stats import PROGRESS_LEGEND, HomeSummary, LevelProgress

from .context import AppContext
from .deck_options_dialog import DeckOptionsDialog
from .shortcuts import DECKS, MAIN, add_actions, key_text, pressed
from .widgets import StackedBar, card_frame, label

COUNT_COLUMNS = ("New", "Learn", "Due")
OPTIONS_COLUMN = 1 + len(COUNT_COLUMNS)
GEAR = "⚙"
EMPTY_HINT = (
    f"Nothing to study yet: add a JLPT level ({key_text(MAIN, 'add_level')}) or mine a job ad "
    f"({key_text(MAIN, 'mine')}) to get your first cards."
)
DONE_HINT = (
    "Nothing is due right now. Cards you are learning come back later today; new cards and reviews when "
    "the next study day starts."
)


class DeckTree(QTreeWidget):
    """The deck list; Enter on a deck asks to study it; its ⚙, the context menu or Ctrl+Shift+O ask for
    its options."""

    study_requested = Signal(str)
    options_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Decks")
        self.setColumnCount(2 + len(COUNT_COLUMNS))
        self.setHeaderLabels(["Deck", *COUNT_COLUMNS, ""])
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, OPTIONS_COLUMN + 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._clicked)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        add_actions(self, DECKS, {"options": self._options_for_current}, Qt.ShortcutContext.WindowShortcut)

    def populate(self, nodes: Sequence, colours: tuple[str, str, str], muted: str) -> None:
        """Fill the tree from ``col.deck_tree()`` nodes, keeping the selected deck selected."""
        selected = self.selected_deck()
        self.clear()
        for node in nodes:
            self.addTopLevelItem(self._item(node, colours, muted))
        self.expandAll()
        target = None
        for item in self._all_items():
            if item.data(0, Qt.ItemDataRole.UserRole) == selected:
                target = item
        self.setCurrentItem(target or self.topLevelItem(0))

    def selected_deck(self) -> str | None:
        """Full name of the selected deck."""
        item = self.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def _item(self, node: object, colours: tuple[str, str, str], muted: str) -> QTreeWidgetItem:
        counts = (node.new, node.learning, node.review)
        item = QTreeWidgetItem([node.short_name, *(str(c) for c in counts)])
        item.setData(0, Qt.ItemDataRole.UserRole, node.deck.name)
        for column, (count, colour) in enumerate(zip(counts, colours, strict=True), start=1):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setForeground(column, _brush(colour if count else muted))
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{node.deck.name}: {_spoken(counts)}")
        item.setText(OPTIONS_COLUMN, GEAR)
        item.setToolTip(OPTIONS_COLUMN, f"Options for {node.deck.name} (Ctrl+Shift+O)")
        item.setForeground(OPTIONS_COLUMN, _brush(muted))
        for child in node.children:
            item.addChild(self._item(child, colours, muted))
        return item

    def _all_items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop()
            items.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return items

    def _activated(self, item: QTreeWidgetItem, column: int) -> None:
        if column != OPTIONS_COLUMN:
            self.study_requested.emit(item.data(0, Qt.ItemDataRole.UserRole))

    def _clicked(self, item: QTreeWidgetItem, column: int) -> None:
        if column == OPTIONS_COLUMN:
            self.options_requested.emit(item.data(0, Qt.ItemDataRole.UserRole))

    def _options_for_current(self) -> None:
        if self.currentItem() is not None:
            self.options_requested.emit(self.selected_deck())

    def _menu(self, position: QPoint) -> None:
        item = self.itemAt(position)
        if item is None:
            return
        deck = item.data(0, Qt.ItemDataRole.UserRole)
        menu = QMenu(self)
        menu.addAction("Study", lambda: self.study_requested.emit(deck))
        menu.addAction("Options…", lambda: self.options_requested.emit(deck))
        menu.exec(self.viewport().mapToGlobal(position))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter/Return studies the selected deck (QTreeWidget only activates on some platforms)."""
        if pressed(event, DECKS) == "study_deck" and self.currentItem():
            self._activated(self.currentItem(), 0)
            return
        super().keyPressEvent(event)


def _brush(colour: str) -> QBrush:
    return QBrush(QColor(colour))


def _spoken(counts: tuple[int, int, int]) -> str:
    return f"{counts[0]} new, {counts[1]} learning, {counts[2]} due"


class HomeScreen(QWidget):
    """The screen the app opens on. Buttons trigger the main window's actions."""

    def __init__(self, context: AppContext, actions: dict[str, QAction]) -> None:
        super().__init__()
        self._context = context
        self._study_action = actions["study"]
        self.setAccessibleName("Home")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(18)

        self.today_line = label("Loading…", "title", name="Today")
        self.streak_line = label("", "muted", name="Streak")
        outer.addWidget(self.today_line)
        outer.addWidget(self.streak_line)

        body = QHBoxLayout()
        body.setSpacing(24)
        outer.addLayout(body, 1)

        left = QVBoxLayout()
        left.setSpacing(12)
        self.study_button = QPushButton("&Study now")
        self.study_button.setProperty("role", "primary")
        self.study_button.setAccessibleName("Study now")
        self.study_button.clicked.connect(actions["study"].trigger)
        self.study_button.setEnabled(False)  # until the counts are read
        left.addWidget(self.study_button)
        self.study_hint = label("", "muted", wrap=True, name="Why there is nothing to study")
        self.study_hint.setVisible(False)
        left.addWidget(self.study_hint)
        self.decks = DeckTree()
        self.decks.options_requested.connect(self.open_deck_options)
        left.addWidget(self.decks, 1)
        body.addLayout(left, 3)

        right = QVBoxLayout()
        right.setSpacing(16)
        progress_frame, progress_layout = card_frame("JLPT progress")
        progress_layout.addWidget(label("JLPT progress", "heading"))
        self._levels = QGridLayout()
        self._levels.setHorizontalSpacing(12)
        self._levels.setVerticalSpacing(8)
        progress_layout.addLayout(self._levels)
        self._level_rows: dict[str, tuple[StackedBar, object]] = {}
        self.legend = label("", "muted", wrap=True, name="Progress legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        progress_layout.addWidget(self.legend)
        right.addWidget(progress_frame)

        actions_frame, actions_layout = card_frame("Actions")
        actions_layout.addWidget(label("More", "heading"))
        grid = QGridLayout()
        grid.setSpacing(8)
        for index, key in enumerate(("add_card", "add_level", "mine", "ads", "browse", "stats", "export", "settings")):
            action = actions[key]
            button = QPushButton(action.text())
            button.setAccessibleName(action.text().replace("&", ""))
            button.setToolTip(f"{action.toolTip()} ({action.shortcut().toString()})")
            button.clicked.connect(action.trigger)
            grid.addWidget(button, index // 2, index % 2)
        actions_layout.addLayout(grid)
        right.addWidget(actions_frame)
        right.addStretch(1)
        body.addLayout(right, 2)

        self.setTabOrder(self.study_button, self.decks)
        self._summary: HomeSummary | None = None
        self._levels_shown: list[LevelProgress] = []
        context.theme.changed.connect(self._restyle)

    def _restyle(self) -> None:
        """Redraw the deck counts and the progress bars in the new theme's colours."""
        if self._summary is not None:
            self.show_summary(self._summary)
        if self._levels_shown:
            self.show_levels(self._levels_shown)

    def open_deck_options(self, deck: str) -> DeckOptionsDialog:
        """Open the options of ``deck`` (its preset); returns the dialog, which stays open until closed."""
        dialog = DeckOptionsDialog(self._context, deck, self)
        dialog.open()
        return dialog

    def show_summary(self, summary: HomeSummary) -> None:
        """Fill the today line, the streak and the deck tree."""
        self._summary = summary
        palette = self._context.theme.palette
        new, learning, review = summary.counts
        total = new + learning + review
        if total:
            self.today_line.setText(f"{total} card{'s' if total != 1 else ''} to study today")
        elif summary.has_cards:
            self.today_line.setText("All done for today")
        else:
            self.today_line.setText("Welcome — add a JLPT level to begin")
        reviews = f"{summary.reviews_today} review{'s' if summary.reviews_today != 1 else ''} done today"
        streak = f"{summary.streak_days}-day streak" if summary.streak_days else "no streak yet"
        self.streak_line.setText(f"{reviews} · {streak}")
        self.study_button.setText(
            f"&Study now   {new} new · {learning} learning · {review} due" if total else "&Study now"
        )
        self.study_button.setEnabled(total > 0)
        self._study_action.setEnabled(total > 0)
        hint = "" if total else (EMPTY_HINT if not summary.has_cards else DONE_HINT)
        self.study_hint.setText(hint)
        self.study_hint.setVisible(bool(hint))
        self.study_button.setToolTip(hint or self._study_action.toolTip())
        self.decks.populate(summary.decks, (palette.new, palette.learning, palette.review), palette.muted)

    def show_levels(self, levels: Sequence[LevelProgress]) -> None:
        """Fill the per-level progress bars."""
        self._levels_shown = list(levels)
        palette = self._context.theme.palette
        for row, level in enumerate(levels):
            if level.level not in self._level_rows:
                bar = StackedBar(f"{level.level} progress")
                text = label("", "muted", name=f"{level.level} counts")
                self._levels.addWidget(label(level.level, "heading"), row, 0)
                self._levels.addWidget(bar, row, 1)
                self._levels.addWidget(text, row, 2)
                self._level_rows[level.level] = (bar, text)
            bar, text = self._level_rows[level.level]
            bar.set_segments(
                [(level.known, palette.review), (level.learning, palette.learning)],
                level.total,
                palette.heat0,
            )
            text.setText(f"{level.known} / {level.total}")
            waiting = f" ({level.in_decks} of them in your decks)" if level.in_decks else ""
            description = (
                f"{level.level}: {level.known} known, {level.learning} learning, "
                f"{level.not_started} not started{waiting}, of {level.total} words"
            )
            text.setToolTip(description)
            bar.setToolTip(description)
            bar.setAccessibleDescription(description)
        self.legend.setText(
            f"<span style='color:{palette.review}'>■</span> known &nbsp; "
            f"<span style='color:{palette.learning}'>■</span> learning &nbsp; "
            f"<span style='color:{palette.heat0}'>■</span> not started (hover for what each means)<br>"
            "Levels from Jonathan Waller's unofficial community lists."
        )
        self.legend.setToolTip(f"{PROGRESS_LEGEND}.\n{LEVEL_SOURCE}")
        self.legend.setAccessibleDescription(f"{PROGRESS_LEGEND}. {LEVEL_SOURCE}")
