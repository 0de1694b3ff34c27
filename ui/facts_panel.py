"""What the ad says: the facts of a job ad in plain English, its checks and the user's fit (issue 13).

Terms (the core's, see ``jpstudy.adfacts``):
    fact: one thing the ad states (pay, days off, the Japanese level asked …), with the span of the ad it
        was read from; "not stated" when the ad does not say.
    check: something the ad may hide, with its explanation and the rule's source; information, not
        legal advice (the panel says so).
    fit: "This ad asks for JLPT N2. You know 64 % of the N2 words and 81 % of this ad's words."

The panel shows the fit, the checks, then every fact (stated ones first). Choosing a check or a stated
fact emits :attr:`FactsPanel.span_chosen` with its span; :func:`highlight_span` marks that span in the
text view that shows the ad (a view whose characters are the ad's, one for one).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from jpstudy.adfacts import FIELDS, NOT_LEGAL_ADVICE, AdFacts, Fit

from .theme import Palette
from .widgets import label

SPAN_ROLE = Qt.ItemDataRole.UserRole
"""Item data: the ``(start, end)`` span of a check or fact (None when not stated)."""
FACT, SAYS, IN_AD = range(3)


def highlight_span(view: QTextEdit, start: int, end: int, palette: Palette) -> None:
    """Mark [start, end) of the ad shown in ``view`` in the accent colour (unlike any word status) and
    scroll it into view; the view's characters must be the ad's one for one (``white-space: pre-wrap``)."""
    cursor = QTextCursor(view.document())
    length = view.document().characterCount() - 1
    cursor.setPosition(max(0, min(start, length)))
    cursor.setPosition(max(0, min(end, length)), QTextCursor.MoveMode.KeepAnchor)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor  # type: ignore[attr-defined]
    marked = QTextCharFormat()
    marked.setBackground(QColor(palette.accent))
    marked.setForeground(QColor(palette.onaccent))
    marked.setProperty(QTextCharFormat.Property.FullWidthSelection, False)
    selection.format = marked  # type: ignore[attr-defined]
    view.setExtraSelections([selection])
    caret = QTextCursor(view.document())
    caret.setPosition(cursor.selectionStart())
    view.setTextCursor(caret)
    view.ensureCursorVisible()


class FactsPanel(QWidget):
    """The facts, checks and fit of one ad; see the module docstring."""

    span_chosen = Signal(int, int)

    def __init__(self, palette: Callable[[], Palette], parent: QWidget | None = None, *, heading: bool = True) -> None:
        """``heading``: the fit line in the heading style (the mining window) or plain (a narrow pane)."""
        super().__init__(parent)
        self._palette = palette
        self.facts: AdFacts | None = None
        self.setAccessibleName("What the ad says")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(8)
        self.fit = label("", "heading" if heading else None, wrap=True, name="Your fit for this ad")
        self.reach = label("", "muted", wrap=True, name="Level reached")
        self.checks_title = label("", None, name="Checks")
        self.checks = QListWidget()
        self.checks.setAccessibleName("Checks: what the ad may hide")
        self.checks.setWordWrap(True)
        self.checks.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checks.currentItemChanged.connect(lambda item, _old: self._chosen(item))
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName("Facts of the ad")
        self.table.setHorizontalHeaderLabels(["Fact", "What the ad says", "In the ad"])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FACT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SAYS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(IN_AD, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(IN_AD, 190)
        self.table.currentItemChanged.connect(lambda item, _old: self._chosen(item))
        self.note = label(NOT_LEGAL_ADVICE, "muted", wrap=True, name="Not legal advice")
        for widget in (self.fit, self.reach, self.checks_title):
            layout.addWidget(widget)
        layout.addWidget(self.checks, 2)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.note)
        self.set_facts(None, None)

    def set_facts(self, facts: AdFacts | None, fit: Fit | None) -> None:
        """Show ``facts`` (None: nothing read yet) and ``fit`` (None: not known yet)."""
        self.facts = facts
        self.set_fit(fit)
        self.checks.clear()
        self.table.setRowCount(0)
        if facts is None:
            self.checks_title.setText("Find the words of an ad first: its facts appear here.")
            self.checks.setVisible(False)
            return
        self.checks.setVisible(True)
        count = len(facts.checks)
        self.checks_title.setText(f"<b>{count} check{'s' if count != 1 else ''}</b> — what the ad may hide"
                                  if count else "<b>No checks</b>: the ad states what the rules ask for.")
        self.checks_title.setTextFormat(Qt.TextFormat.RichText)
        for check in facts.checks:
            item = QListWidgetItem(f"⚠  {check.message}\n     Source: {check.source}")
            item.setData(SPAN_ROLE, (check.start, check.end) if check.start is not None else None)
            item.setToolTip(check.source)
            self.checks.addItem(item)
        self.checks.setVisible(bool(count))
        stated = dict(facts.stated())
        order = [n for n, _ in FIELDS if n in stated] + [n for n, _ in FIELDS if n not in stated]
        titles = dict(FIELDS)
        muted = QBrush(QColor(self._palette().muted))
        self.table.setRowCount(len(order))
        for row, name in enumerate(order):
            fact = facts.fact(name)
            cells = (titles[name], fact.english, " ".join(fact.text.split()))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(SPAN_ROLE, (fact.start, fact.end) if fact.stated else None)
                item.setToolTip(text)
                if not fact.stated:
                    item.setForeground(muted)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def set_fit(self, fit: Fit | None) -> None:
        """Show the user's fit for the ad (None: not computed yet)."""
        self.fit.setText(fit.sentence() if fit else "")
        self.fit.setVisible(fit is not None)
        reach = fit.reach_sentence() if fit else ""
        self.reach.setText(reach)
        self.reach.setVisible(bool(reach))

    def _chosen(self, item: QListWidgetItem | QTableWidgetItem | None) -> None:
        span = item.data(SPAN_ROLE) if item is not None else None
        if span:
            self.span_chosen.emit(int(span[0]), int(span[1]))
