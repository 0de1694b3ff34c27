"""The mining screen's table: one row per candidate word, with a check box, sortable and filterable.

Terms:
    candidate: a ``jpstudy.mining.Candidate`` (word, reading, meaning, JLPT level, count, frequency,
        status, glossary flag …). Rows are indices into the mining result's candidate tuple.
    checked: the words the user picked for "Add checked", "Mark known" or "Ignore".
    filter: :class:`CandidateFilter` — level, glossary terms only, hide the words the user already has
        (known, ignored, or in the decks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from jpstudy.mining import Candidate
from jpstudy.stats import STATUS_LABELS

COLUMNS = ("", "Word", "Reading", "JLPT", "Count", "Freq.", "Status", "Meaning")
CHECK, WORD, READING, JLPT, COUNT, FREQUENCY, STATUS, MEANING = range(len(COLUMNS))
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
HEADER_TIPS = {
    CHECK: "Checked words: Space checks the current one",
    WORD: "★ marks a job-ad glossary term; hover a word for its note",
    JLPT: "The word's JLPT level (unofficial community lists); — when it has none",
    COUNT: "How often the word occurs in this ad",
    FREQUENCY: "How common the word is in Japanese (wordfreq Zipf scale: 3 rare … 6 very common)",
    STATUS: "new: not in your decks · in decks: not started yet · learning: answered, not mature yet · known · "
            "ignored",
}
LEVEL_ORDER = {"N5": 1, "N4": 2, "N3": 3, "N2": 4, "N1": 5}
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CandidateFilter:
    """Which candidates the table shows. ``level``: "" (all), "N5"…"N1", or "none" (no level)."""

    level: str = ""
    glossary_only: bool = False
    hide_known: bool = True

    def accepts(self, c: Candidate) -> bool:
        """Whether ``c`` passes the filter."""
        if self.hide_known and c.status != "new":
            return False
        if self.glossary_only and not c.glossary:
            return False
        if self.level == "none":
            return c.jlpt is None
        return not self.level or c.jlpt == self.level


class CandidateModel(QAbstractTableModel):
    """Candidates with a check box in column 0; statuses can change after Add / Mark known / Ignore."""

    def __init__(self) -> None:
        super().__init__()
        self._candidates: list[Candidate] = []
        self._checked: set[int] = set()

    def set_candidates(self, candidates: Sequence[Candidate]) -> None:
        """Show a new mining result; nothing is checked."""
        self.beginResetModel()
        self._candidates = list(candidates)
        self._checked = set()
        self.endResetModel()

    def candidate(self, row: int) -> Candidate:
        """The candidate at source ``row``."""
        return self._candidates[row]

    def checked_rows(self) -> list[int]:
        """Source rows that are checked, in table order."""
        return sorted(self._checked)

    def set_checked(self, row: int, checked: bool) -> None:
        """Check or uncheck one row."""
        if checked:
            self._checked.add(row)
        else:
            self._checked.discard(row)
        index = self.index(row, CHECK)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def set_status(self, rows: Sequence[int], status: str) -> None:
        """Record a new status for ``rows`` (after an operation) and uncheck them."""
        for row in rows:
            self._candidates[row] = replace(self._candidates[row], status=status)
            self._checked.discard(row)
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))

    # -- Qt model API --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of candidates (a flat table)."""
        return 0 if parent.isValid() else len(self._candidates)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.AccessibleTextRole:
            return "Checked" if section == CHECK else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Rows are selectable; column 0 is checkable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == CHECK else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, check state, tooltip (meaning and glossary note) and sort keys."""
        if not index.isValid():
            return None
        c = self._candidates[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == CHECK:
            return Qt.CheckState.Checked if index.row() in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(c, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{c.meaning}\n{c.glossary_note}".strip() if column in (WORD, MEANING) else None
        if role == SORT_ROLE:
            return _sort_key(c, column, index.row() in self._checked)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Check boxes (clicks and the Space key)."""
        if not index.isValid() or index.column() != CHECK or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        self.set_checked(index.row(), checked)
        return True


def _display(c: Candidate, column: int) -> str | None:
    if column == WORD:
        return f"{c.word} ★" if c.glossary else c.word
    if column == READING:
        return c.reading
    if column == MEANING:
        return c.meaning
    if column == JLPT:
        return c.jlpt or "—"
    if column == COUNT:
        return str(c.count)
    if column == FREQUENCY:
        return "—" if c.frequency is None else f"{c.frequency:.1f}"
    if column == STATUS:
        return STATUS_LABELS.get(c.status, c.status)
    return None


def _sort_key(c: Candidate, column: int, checked: bool) -> Any:
    keys: dict[int, Any] = {
        CHECK: int(checked),
        WORD: c.word,
        READING: c.reading,
        MEANING: c.meaning.lower(),
        JLPT: LEVEL_ORDER.get(c.jlpt or "", 6),
        COUNT: c.count,
        FREQUENCY: c.frequency if c.frequency is not None else -1.0,
        STATUS: c.status,
    }
    return keys[column]


class CandidateProxy(QSortFilterProxyModel):
    """Sorting by the numeric/ordinal keys and filtering with a :class:`CandidateFilter`."""

    def __init__(self, source: CandidateModel) -> None:
        super().__init__()
        self._source = source
        self._filter = CandidateFilter()
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)

    @property
    def filter(self) -> CandidateFilter:
        """The filter in effect."""
        return self._filter

    def set_filter(self, new: CandidateFilter) -> None:
        """Apply another filter."""
        self.beginFilterChange()
        self._filter = new
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        """Rows whose candidate passes the filter."""
        return self._filter.accepts(self._source.candidate(source_row))
