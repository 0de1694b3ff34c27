"""The browser's table model: card ids from a search, rows read lazily in chunks on the database worker.

Terms:
    row: a :class:`CardRow`, the columns of one card, read once and cached (Anki's ``CellRow``).
    chunk: the ids around a row the view asked for, read in one worker call (``CHUNK`` rows); until it
        arrives the row shows "…".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from jpstudy.collection.models import MATURE_DAYS

CHUNK = 200
COLUMNS = ("Word", "Reading", "Meaning", "Deck", "State", "Due", "JLPT")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CardRow:
    """What the browser shows for one card."""

    card_id: int
    note_id: int
    word: str
    reading: str
    meaning: str
    deck: str
    state: str
    due: str
    jlpt: str

    def cell(self, column: int) -> str:
        """The text of ``column`` (see ``COLUMNS``)."""
        return (self.word, self.reading, self.meaning, self.deck, self.state, self.due, self.jlpt)[column]


def read_rows(col: Any, card_ids: Sequence[int], now: datetime) -> dict[int, CardRow]:
    """Runs on the worker: rows for ``card_ids`` (ids of deleted cards are left out)."""
    decks = {deck.id: deck.name for deck in col.decks()}
    rows = {}
    for card_id in card_ids:
        try:
            card = col.get_card(card_id)
            note = col.note_of(card)
        except KeyError:
            continue
        rows[card_id] = CardRow(
            card_id,
            note.id,
            note.word,
            note.reading,
            note.meaning,
            decks.get(card.deck_id, "?"),
            state_text(card.state),
            due_text(col, card.state, now),
            note.jlpt or "",
        )
    return rows


def state_text(state: Any) -> str:
    """ "new", "learning", "young 5d", "mature 40d", with "suspended" when it is."""
    if state.kind == "review":
        text = f"{'mature' if state.interval_days >= MATURE_DAYS else 'young'} {state.interval_days}d"
    else:
        text = state.kind
    return f"{text} · suspended" if state.suspended else text


def due_text(col: Any, state: Any, now: datetime) -> str:
    """When the card is due: a local date (with the time for learning steps), "now", or "" if new."""
    if state.due is None:
        return ""
    local = state.due.astimezone(col.options.tz)
    if state.due <= now:
        return "now"
    intraday = state.kind != "review" and not state.interday
    return local.strftime("%Y-%m-%d %H:%M" if intraday else "%Y-%m-%d")


class BrowseModel(QAbstractTableModel):
    """Rows are card ids; cells come from the row cache, fetched through ``fetch(ids, done)``."""

    def __init__(self, fetch: Callable[[list[int], Callable[[dict[int, CardRow]], None]], None]) -> None:
        super().__init__()
        self._fetch = fetch
        self._ids: list[int] = []
        self._position: dict[int, int] = {}
        self._rows: dict[int, CardRow] = {}
        self._pending: set[int] = set()
        self._generation = 0

    # -- content -------------------------------------------------------------------------------------
    def set_ids(self, ids: Sequence[int]) -> None:
        """Show these cards (a new search result); the cache is dropped."""
        self.beginResetModel()
        self._ids = list(ids)
        self._position = {card_id: row for row, card_id in enumerate(self._ids)}
        self._rows = {}
        self._pending = set()
        self._generation += 1
        self.endResetModel()

    def card_id(self, row: int) -> int:
        """The card id at ``row``."""
        return self._ids[row]

    def row_of(self, row: int) -> CardRow | None:
        """The cached row, if read."""
        return self._rows.get(self._ids[row])

    def invalidate(self, card_ids: Sequence[int] | None = None) -> None:
        """Forget cached rows (all, or those of ``card_ids``) so they are read again."""
        targets = set(self._ids) if card_ids is None else set(card_ids)
        for card_id in targets:
            self._rows.pop(card_id, None)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    # -- Qt model API --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of cards (0 under any parent: a flat table)."""
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles; row numbers."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text (and tooltip); "…" while the row is being read."""
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        card_id = self._ids[index.row()]
        row = self._rows.get(card_id)
        if row is None:
            self._request(index.row())
            row = self._rows.get(card_id)  # a fetcher may answer at once
        return "…" if row is None else row.cell(index.column())

    # -- lazy reading --------------------------------------------------------------------------------
    def _request(self, row: int) -> None:
        start = row - row % CHUNK
        wanted = [i for i in self._ids[start : start + CHUNK] if i not in self._rows and i not in self._pending]
        if not wanted:
            return
        self._pending.update(wanted)
        generation = self._generation
        self._fetch(wanted, lambda rows: self._arrived(generation, wanted, rows))

    def _arrived(self, generation: int, wanted: list[int], rows: dict[int, CardRow]) -> None:
        if generation != self._generation:
            return
        self._pending.difference_update(wanted)
        self._rows.update(rows)
        positions = [self._position[i] for i in rows if i in self._position]
        if positions:
            self.dataChanged.emit(self.index(min(positions), 0), self.index(max(positions), len(COLUMNS) - 1))
