"""Table models of the job-ad library screen: saved ads keyed by ad id, market words keyed by word.

Terms:
    record: one frozen row object of the core (``jpstudy.ads.AdSummary``, ``MarketWord``, ``AdWord``).
    key: what identifies a record across reloads — the ad id, or ``(word, reading)``; the model's rows
        are keys (Anki's browser model keeps ids), the records are looked up by key.
    column: a :class:`Column`, the title of a table column and how a record becomes its text, sort
        key, alignment and (for word statuses) colour.
    readiness text: ``"64% → 82%"``, the share of an ad's words known when it was saved and today.
    Japanese asked: the JLPT level an ad asks for, "✓" when the user has reached it (``jpstudy.adfacts.fit``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from jpstudy.adfacts.fit import within_reach
from jpstudy.ads import AdSummary, AdWord, MarketWord
from jpstudy.decks import LEVELS
from jpstudy.stats import STATUS_LABELS

from .theme import Palette

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole
"""The data role that returns a row's key (the ad id, or ``(word, reading)``)."""


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its title, a record's text in it, and optionally a sort key, right alignment, a
    foreground colour (a ``#rrggbb`` string or None for the default) and a tooltip (default: the text)."""

    title: str
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    numeric: bool = False
    colour: Callable[[R], str | None] | None = None
    tooltip: Callable[[R], str] | None = None


def readiness_text(ad: AdSummary) -> str:
    """ "64% → 82%": readiness when the ad was saved and today."""
    return f"{ad.readiness_then.share:.0%} → {ad.readiness_now.share:.0%}"


def status_colour(palette: Palette, status: str) -> str:
    """The colour of a word status: known green, learning orange, not started (in the decks or not) blue,
    ignored grey."""
    return {
        "known": palette.review,
        "learning": palette.learning,
        "unseen": palette.new,
        "new": palette.new,
    }.get(status, palette.muted)


def japanese_text(asked: str | None, reached: str | None) -> str:
    """ "N3 ✓" (reached), "N2", "none" (日本語不問) or "–" (not stated)."""
    if asked in LEVELS:
        return f"{asked} ✓" if within_reach(asked, reached) else str(asked)
    return "none" if asked == "not_required" else "–"


def ad_columns(reached: Callable[[], str | None] = lambda: None) -> tuple[Column[AdSummary], ...]:
    """Columns of the saved-ads list; ``reached()`` gives the JLPT level the user has reached."""
    return (
        Column("Title", lambda a: a.title, lambda a: a.title),
        Column("Saved", lambda a: f"{a.saved_at.astimezone():%Y-%m-%d}", lambda a: a.saved_at),
        Column("Job type\n· tags", lambda a: " · ".join(x for x in (a.job_type, " ".join(a.tags)) if x),
               lambda a: (a.job_type, a.tags)),
        Column("Known\nsaved → today", readiness_text,
               lambda a: (a.readiness_now.share, a.readiness_then.share), numeric=True),
        Column("Pay", lambda a: a.facts.pay or "–",
               lambda a: (a.facts.pay_period or "", a.facts.pay_yen or 0), numeric=True),
        Column("Days off", lambda a: a.facts.days_off or "–", lambda a: a.facts.annual_holidays or 0),
        Column("Japanese\nasked", lambda a: japanese_text(a.facts.japanese_level, reached()),
               lambda a: _level_key(a.facts.japanese_level),
               tooltip=lambda a: _asked_tooltip(a, reached())),
    )


def _asked_tooltip(ad: AdSummary, reached: str | None) -> str:
    asked = ad.facts.japanese_level
    if asked not in LEVELS:
        return "The ad asks for no Japanese level" if asked == "not_required" else "The ad states no Japanese level"
    if within_reach(asked, reached):
        since = "" if within_reach(asked, ad.reached_at_save) else " since you saved it"
        return f"The ad asks for JLPT {asked}: you have reached it{since}"
    return f"The ad asks for JLPT {asked}; you have reached {reached or 'no level yet'}"


def word_columns(palette: Callable[[], Palette]) -> tuple[Column[MarketWord], ...]:
    """Columns of the job-market word list; ``palette()`` gives the current theme's colours."""
    return (
        Column("Word", lambda w: w.word, lambda w: w.word),
        Column("Reading", lambda w: w.reading, lambda w: w.reading),
        Column("Meaning", lambda w: w.meaning, lambda w: w.meaning),
        Column("JLPT", lambda w: w.jlpt or "–", lambda w: _level_key(w.jlpt)),
        Column("Ads", lambda w: str(w.ads), lambda w: (w.ads, w.count), numeric=True),
        Column("Count", lambda w: str(w.count), lambda w: w.count, numeric=True),
        Column("Status", lambda w: STATUS_LABELS.get(w.status, w.status), lambda w: w.status,
               colour=lambda w: status_colour(palette(), w.status)),
    )


def ad_word_columns(palette: Callable[[], Palette]) -> tuple[Column[AdWord], ...]:
    """Columns of the words-beyond-the-level list of one ad; the word is coloured by its status (also
    said in its tooltip and accessible text)."""
    return (
        Column("Word", lambda w: w.word, lambda w: w.word, colour=lambda w: status_colour(palette(), w.status),
               tooltip=lambda w: f"{w.word} ({w.status})"),
        Column("Reading", lambda w: w.reading, lambda w: w.reading),
        Column("JLPT", lambda w: w.jlpt or "–", lambda w: _level_key(w.jlpt)),
        Column("Meaning", lambda w: w.meaning, lambda w: w.meaning),
    )


def _level_key(level: str | None) -> int:
    """Sort order of JLPT levels: N5 first, words without a level last."""
    return -int(level[1]) if level and level[1:].isdigit() else 0


class RecordModel(QAbstractTableModel, Generic[R]):
    """A read-only table whose rows are keys of records; see the module docstring.

    ``set_records`` replaces everything, ``remove`` drops one row (the view keeps its place), ``sort``
    reorders by a column's sort key keeping selections on the same records.
    """

    def __init__(self, columns: Sequence[Column[R]], key: Callable[[R], Hashable]) -> None:
        super().__init__()
        self._columns = tuple(columns)
        self._key_of = key
        self._keys: list[Hashable] = []
        self._records: dict[Hashable, R] = {}

    # -- content -------------------------------------------------------------------------------------
    def set_records(self, records: Sequence[R]) -> None:
        """Show these records in this order."""
        self.beginResetModel()
        self._records = {self._key_of(r): r for r in records}
        self._keys = list(self._records)
        self.endResetModel()

    def key(self, row: int) -> Hashable:
        """The key at ``row``."""
        return self._keys[row]

    def record(self, row: int) -> R:
        """The record at ``row``."""
        return self._records[self._keys[row]]

    def records(self) -> list[R]:
        """All records in row order."""
        return [self._records[k] for k in self._keys]

    def row_of(self, key: Hashable) -> int | None:
        """The row of ``key``, or None when it is not shown."""
        try:
            return self._keys.index(key)
        except ValueError:
            return None

    def remove(self, key: Hashable) -> bool:
        """Drop the row of ``key``; False when it was not shown."""
        row = self.row_of(key)
        if row is None:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._keys[row]
        del self._records[key]
        self.endRemoveRows()
        return True

    # -- Qt model API --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of records (0 under any parent: a flat table)."""
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles; row numbers."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].title if 0 <= section < len(self._columns) else None
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text (also as tooltip), alignment, status colour and the row's key (``KEY_ROLE``)."""
        if not index.isValid() or not 0 <= index.row() < len(self._keys):
            return None
        column = self._columns[index.column()]
        record = self._records[self._keys[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (column.tooltip or column.text)(record)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{' '.join(column.title.split())}: {(column.tooltip or column.text)(record)}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(record)
            return QBrush(QColor(colour)) if colour else None
        if role == KEY_ROLE:
            return self._keys[index.row()]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows by ``column``'s sort key (stable); selections follow their records."""
        if not 0 <= column < len(self._columns):
            return
        sort_key = self._columns[column].sort_key or self._columns[column].text
        self.layoutAboutToBeChanged.emit()
        before = list(self._keys)
        self._keys.sort(key=lambda k: sort_key(self._records[k]),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        after = {key: row for row, key in enumerate(self._keys)}
        old = self.persistentIndexList()
        new = [self.index(after[before[i.row()]], i.column()) for i in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()
