"""Help ▸ Keyboard shortcuts: every shortcut of ``shortcuts.SHORTCUTS``, grouped by where it works, with
a filter box. The list is the table the screens install their keys from, so it is always complete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .shortcuts import AREAS, SHORTCUTS
from .widgets import fit_dialog, label

MNEMONIC_NOTE = "Buttons and fields with an underlined letter also answer Alt + that letter."


def keys_shown(keys: tuple[str, ...]) -> str:
    """ "Space / Return / Enter": the key sequences as the platform writes them."""
    return " / ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


class ShortcutsDialog(QDialog):
    """The shortcut list; typing in the filter box keeps the rows whose keys or text contain it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(label("Keyboard shortcuts", "title"))
        self.filter = QLineEdit()
        self.filter.setAccessibleName("Filter shortcuts")
        self.filter.setPlaceholderText("Filter, e.g. suspend or Ctrl+J")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        layout.addWidget(self.filter)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Shortcuts")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Keys", "What it does"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        for area in AREAS:
            group = QTreeWidgetItem([area, ""])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for s in SHORTCUTS:
                if s.area == area and s.keys:
                    item = QTreeWidgetItem([keys_shown(s.keys), s.text])
                    item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{keys_shown(s.keys)}: {s.text}")
                    group.addChild(item)
        self.tree.expandAll()
        self.tree.setItemsExpandable(False)
        layout.addWidget(self.tree, 1)
        layout.addWidget(label(MNEMONIC_NOTE, "muted", wrap=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_dialog(self, 84)
        self.resize(self.width(), max(self.height(), 620))
        self.filter.setFocus()

    def rows(self) -> list[tuple[str, str, str]]:
        """The shown rows as (area, keys, text), for tests and screen readers."""
        shown = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                item = group.child(j)
                if not item.isHidden():
                    shown.append((group.text(0), item.text(0), item.text(1)))
        return shown

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            visible = 0
            for j in range(group.childCount()):
                item = group.child(j)
                hit = not needle or needle in f"{item.text(0)} {item.text(1)} {group.text(0)}".lower()
                item.setHidden(not hit)
                visible += hit
            group.setHidden(visible == 0)
