"""The job-ad library window (issue 8): the saved ads with their readiness when saved and today, one ad
coloured by today's word statuses with the words beyond the target JLPT level and the job terms it
contains, and the personal job-market word list across the ads.

Terms (the core's, see ``jpstudy.ads.models``):
    readiness: the share of an ad's words known (or ignored); "64% → 82%" is when saved → today.
    beyond the target level: words not known yet whose JLPT level is harder than the level chosen in
        the window (N3 unless changed), or that have no level.
    job terms: job-glossary words of the ad with a note (固定残業代, 試用期間 …).
    job-market words: the words across the saved ads (of the chosen job type / tag), ranked by the
        number of ads using them, then by how often they occur.

Also each ad's facts (``jpstudy.adfacts``): pay, days off and the Japanese level asked in the list, a
filter for the ads the user can apply for at their level (the JLPT level reached, see
``jpstudy.adfacts.fit``) and for those that came within reach since they were saved, and the selected
ad's facts, checks and fit below the list.

Keys (the "Job-ad library" rows of ``shortcuts.SHORTCUTS`` and the fields' mnemonics): Ctrl+1 saved ads ·
Ctrl+2 job-market words · Alt+J job type · Alt+T tag · Alt+A Japanese asked · Alt+L target level ·
Alt+B words beyond the level · Alt+R job terms · Alt+Y what the ad says · Alt+O only words not studied yet ·
F2 edit the ad's title, job type and tags · Delete delete the ad · Ctrl+Shift+E export the list ·
Ctrl+Shift+A add the 20 most common unknown words · F5 reload · Esc close.

Every collection call runs on the database worker (``AppContext.worker``); results arrive as callbacks
on the GUI thread, and a result that no longer matches the selection or the filters is dropped.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jpstudy.adfacts import fit_of, level_reached
from jpstudy.adfacts.fit import within_reach
from jpstudy.ads import AdLibrary, AdSpan, AdSummary, AdWord, MarketWord, SavedAd, export_ads
from jpstudy.decks import LEVELS
from jpstudy.stats import STATUS_LABELS

from .ads_model import RecordModel, ad_columns, ad_word_columns, readiness_text, status_colour, word_columns
from .context import AppContext
from .facts_panel import FactsPanel, highlight_span
from .shortcuts import ADS, add_actions, key_text
from .taskman import Change
from .theme import Palette, japanese_font
from .widgets import StackedBar, card_frame, fit_word_columns, label

TOP_UNKNOWN = 20
"""How many words "Add the most common unknown words" adds."""
RELOAD_DELAY_MS = 800
"""After changes made elsewhere, wait this long for more before reloading (they often come in bursts)."""
ALL = "All"
SIZE_BY_ROWS = 60
"""Columns fit the contents of the first this many rows (fitting 8,000 words' rows takes ~0.4 s)."""
STATUS_LEGEND = (("known", "known"), ("learning", "learning"), ("new", "not started"), ("ignored", "ignored"))
JAPANESE_CHOICES = (("Any", None), ("At my level", "reach"), ("Came within reach", "since"),
                    *((level, level) for level in LEVELS), ("Not stated", "unstated"))
"""The Japanese-asked filter: its text and key (a level: ads asking for exactly it)."""
MEANING_SHARE = 0.35
"""The Meaning column of the words under an ad keeps at least this share of the table's width."""
WORD_ROWS = 6
"""The words table under an ad always shows at least this many rows."""


def japanese_passes(ad: AdSummary, choice: str | None, reached: str | None) -> bool:
    """Whether ``ad`` passes the Japanese-asked filter ``choice`` (a key of ``JAPANESE_CHOICES``) when the
    user has reached ``reached``: at my level = within reach; came within reach = within reach now but
    not when saved; a level = asks for that level; unstated = asks for none."""
    asked = ad.facts.japanese_level
    if choice is None:
        return True
    if choice == "reach":
        return within_reach(asked, reached)
    if choice == "since":
        return asked in LEVELS and within_reach(asked, reached) and not within_reach(asked, ad.reached_at_save)
    if choice == "unstated":
        return asked not in LEVELS
    return asked == choice


@dataclass(frozen=True)
class LibraryPage:
    """What the saved-ads tab shows: the ads passing the filters, and the filter choices of all ads."""

    ads: list[AdSummary]
    job_types: list[str]
    tags: list[str]
    total: int
    levels: list[Any]
    """JLPT progress per level (``jpstudy.stats.level_progress``)."""
    reached: str | None
    """The JLPT level the user has reached (``jpstudy.adfacts.level_reached``)."""
    within_reach: int
    """How many of all saved ads the user can apply for at that level."""
    came_within_reach: int
    """How many of them came within reach after they were saved."""


@dataclass(frozen=True)
class AdDetail:
    """One ad as the detail pane shows it, with its words beyond ``level`` and its job terms."""

    ad: SavedAd
    level: str
    beyond: list[AdWord]
    terms: list[AdWord]


def reach_text(page: LibraryPage) -> str:
    """What the library says of the ads at the user's level: "You have reached N4: 3 of 12 saved ads
    ask for no more (1 came within reach since you saved it)." """
    if not page.total:
        return ""
    level = f"You have reached JLPT {page.reached}" if page.reached else "You have not reached JLPT N5 yet"
    since = (f" ({page.came_within_reach} came within reach since you saved "
             f"{'it' if page.came_within_reach == 1 else 'them'})") if page.came_within_reach else ""
    return f"{level}: {page.within_reach} of {page.total} saved ads ask for no more{since}."


def load_page(col: Any, job_type: str | None, tag: str | None, japanese: str | None = None) -> LibraryPage:
    """Runs on the worker: the saved ads (newest first) of ``job_type`` carrying ``tag`` (None: any) that
    pass the Japanese-asked filter ``japanese`` (see ``japanese_passes``), and the user's level."""
    from jpstudy.stats import level_progress

    everything = AdLibrary(col).list()
    levels = level_progress(col)
    reached = level_reached(levels)
    shown = [a for a in everything
             if (job_type is None or a.job_type == job_type) and (tag is None or tag in a.tags)
             and japanese_passes(a, japanese, reached)]
    return LibraryPage(
        shown,
        sorted({a.job_type for a in everything if a.job_type}),
        sorted({t for a in everything for t in a.tags}),
        len(everything),
        levels,
        reached,
        sum(japanese_passes(a, "reach", reached) for a in everything),
        sum(japanese_passes(a, "since", reached) for a in everything),
    )


def load_detail(col: Any, ad_id: int, level: str) -> AdDetail:
    """Runs on the worker: one saved ad with today's colours, its words beyond ``level`` and job terms."""
    lib = AdLibrary(col)
    return AdDetail(lib.get(ad_id), level, lib.words_beyond(ad_id, level), lib.glossary_terms(ad_id))


def tint(colour: str, background: str, strength: float = 0.16) -> str:
    """``colour`` mixed into ``background`` (a soft wash for highlighting text)."""
    c, b = QColor(colour), QColor(background)
    mix = [round(b_ + (c_ - b_) * strength) for c_, b_ in
           ((c.red(), b.red()), (c.green(), b.green()), (c.blue(), b.blue()))]
    return QColor(*mix).name()


def status_style(palette: Palette, status: str) -> str:
    """The inline CSS of a word with ``status`` in the coloured ad text."""
    colour = status_colour(palette, status)
    if status in ("new", "unseen", "learning"):
        return f"color:{colour}; background-color:{tint(colour, palette.surface)};"
    return f"color:{colour};"


def coloured_html(text: str, spans: Sequence[AdSpan], palette: Palette) -> str:
    """The ad's text as HTML, each word span in the colour of its status today (overlaps skipped)."""
    out: list[str] = []
    at = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start < at:
            continue
        out.append(html.escape(text[at:span.start]))
        out.append(f'<span style="{status_style(palette, span.status)}">'
                   f"{html.escape(text[span.start:span.end])}</span>")
        at = span.end
    out.append(html.escape(text[at:]))
    return f'<div style="white-space:pre-wrap; line-height:135%;">{"".join(out)}</div>'


def legend_html(palette: Palette) -> str:
    """The colour key of the ad text."""
    items = (f'<span style="{status_style(palette, status)}">&nbsp;{name}&nbsp;</span>'
             for status, name in STATUS_LEGEND)
    return "Words coloured by today's status: " + " · ".join(items)


def terms_html(terms: Sequence[AdWord], palette: Palette) -> str:
    """The job terms of an ad with their readings, meanings and notes."""
    if not terms:
        return f'<p style="color:{palette.muted}">No job-glossary terms in this ad.</p>'
    rows = []
    for w in terms:
        reading = f" 【{html.escape(w.reading)}】" if w.reading and w.reading != w.word else ""
        rows.append(
            f'<p style="margin-bottom:8px"><b>{html.escape(w.word)}</b>{reading}'
            f' <span style="color:{status_colour(palette, w.status)}">'
            f"({html.escape(STATUS_LABELS.get(w.status, w.status))})</span><br>"
            f"{html.escape(w.meaning)}<br>"
            f'<span style="color:{palette.muted}">{html.escape(w.glossary_note)}</span></p>'
        )
    return "".join(rows)


class AdDetailsDialog(QDialog):
    """Edits an ad's title, job type and tags; :meth:`values` holds them once accepted."""

    def __init__(self, ad: AdSummary, job_types: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit saved ad")
        self.setAccessibleName("Edit saved ad")
        form = QFormLayout(self)
        self.title = QLineEdit(ad.title)
        self.title.setAccessibleName("Title")
        self.job_type = QComboBox()
        self.job_type.setEditable(True)
        self.job_type.addItems(["", *job_types])
        self.job_type.setCurrentText(ad.job_type)
        self.job_type.setAccessibleName("Job type")
        self.tags = QLineEdit(" ".join(ad.tags))
        self.tags.setAccessibleName("Tags")
        self.tags.setPlaceholderText("separated by spaces or commas, e.g. 夜勤 横浜")
        form.addRow("&Title:", self.title)
        form.addRow("&Job type:", self.job_type)
        form.addRow("T&ags:", self.tags)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, list[str]]:
        """Title, job type and tags as typed."""
        tags = self.tags.text().replace(",", " ").replace("、", " ").split()
        return self.title.text().strip(), self.job_type.currentText().strip(), tags


class AdsScreen(QWidget):
    """The job-ad library window; see the module docstring."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._stale = False
        self._reload_soon = QTimer(self)
        self._reload_soon.setSingleShot(True)
        self._reload_soon.setInterval(RELOAD_DELAY_MS)
        self._reload_soon.timeout.connect(self.reload)
        self._page: LibraryPage | None = None
        self.detail: AdDetail | None = None
        self.setWindowTitle("Job-ad library — jpstudy")
        self.setAccessibleName("Job-ad library")
        self.resize(1320, 820)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 12)
        outer.setSpacing(10)
        outer.addLayout(self._build_filters())

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Job-ad library views")
        self.tabs.addTab(self._build_ads_tab(), "&Saved ads")
        self.tabs.addTab(self._build_words_tab(), "Job-market &words")
        outer.addWidget(self.tabs, 1)
        self.status = label("", "muted", wrap=True, name="Status")
        outer.addWidget(self.status)

        add_actions(self, ADS, {
            "saved": lambda: self._show_tab(0),
            "words": lambda: self._show_tab(1),
            "edit": self.edit_selected,
            "delete": self.delete_selected,
            "export": self.export_list,
            "add_top": self.add_top_unknown,
            "reload": self.reload,
            "close": self.close,
        })
        context.worker.changed.connect(self._on_changed)
        context.theme.changed.connect(self._restyle)
        self.reload()

    def _restyle(self) -> None:
        """Redraw the readiness bar and the coloured ad in the new theme's colours."""
        if self.detail is not None:
            self._show_detail(self.detail)

    # -- building ------------------------------------------------------------------------------------
    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.job_type = self._combo("Job type filter", [ALL])
        self.tag = self._combo("Tag filter", [ALL])
        self.japanese = self._combo("Japanese asked filter", [text for text, _ in JAPANESE_CHOICES])
        self.japanese.setToolTip("At my level: ads asking for a JLPT level you have reached (80 % of its words "
                                 "and of the easier levels' known), or for none")
        self.level = self._combo("Target JLPT level", list(LEVELS))
        self.level.setCurrentText(self._context.settings.target_level)
        self.level.setToolTip("Words harder than this level, or without a level, are listed per ad "
                              "(the mining window compares with the same level)")
        for text, combo in (("&Job type:", self.job_type), ("&Tag:", self.tag), ("Japanese &asked:", self.japanese),
                            ("Target &level:", self.level)):
            caption = label(text, "muted", name=text.replace("&", ""))
            caption.setBuddy(combo)
            row.addWidget(caption)
            row.addWidget(combo)
            row.addSpacing(12)
        row.addStretch(1)
        self.summary = label("", "muted", name="Library summary")
        row.addWidget(self.summary)
        self.job_type.currentIndexChanged.connect(lambda _: self.reload())
        self.tag.currentIndexChanged.connect(lambda _: self.reload())
        self.japanese.currentIndexChanged.connect(lambda _: self.reload())
        self.level.currentIndexChanged.connect(self._level_chosen)
        return row

    def _build_ads_tab(self) -> QWidget:
        page = QWidget()
        page.setAccessibleName("Saved ads")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        layout.addWidget(split)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.ads_model: RecordModel[AdSummary] = RecordModel(
            ad_columns(lambda: self._page.reached if self._page else None), key=lambda a: a.id)
        self.ads_table = self._table(self.ads_model, "Saved ads list")
        self.ads_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.ads_table.horizontalHeader().setStretchLastSection(False)
        self.ads_table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.ads_table.selectionModel().currentRowChanged.connect(lambda *_: self._load_detail())
        self.ads_table.activated.connect(lambda _: self.ad_text.setFocus())
        self.reach_summary = label("", "muted", wrap=True, name="Ads at your Japanese level")
        left_layout.addWidget(self.reach_summary)
        left_split = QSplitter(Qt.Orientation.Vertical)
        left_split.setChildrenCollapsible(False)
        left_split.addWidget(self.ads_table)
        self.facts_tabs = QTabWidget()  # one tab: the same look as the word tabs beside it
        self.facts_tabs.setAccessibleName("What the selected ad says")
        self.facts_panel = FactsPanel(lambda: self._context.theme.palette, heading=False)
        self.facts_panel.span_chosen.connect(
            lambda start, end: highlight_span(self.ad_text, start, end, self._context.theme.palette))
        self.facts_tabs.addTab(self.facts_panel, "What the ad sa&ys")
        left_split.addWidget(self.facts_tabs)
        left_split.setStretchFactor(0, 1)
        left_split.setStretchFactor(1, 1)
        left_layout.addWidget(left_split, 1)
        buttons = QHBoxLayout()
        self.edit_button = self._button("Edit details…", key_text(ADS, "edit"), self.edit_selected)
        self.delete_button = self._button("Delete…", key_text(ADS, "delete"), self.delete_selected)
        self.export_button = self._button("Export list…", key_text(ADS, "export"), self.export_list)
        for button in (self.edit_button, self.delete_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        split.addWidget(left)

        frame, side = card_frame("Selected ad")
        self.ad_title = label("", "heading", wrap=True, name="Ad title")
        self.ad_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ad_meta = label("", "muted", wrap=True, name="Ad details")
        self.ad_readiness = label("", None, wrap=True, name="Readiness")
        self.readiness_bar = StackedBar("Readiness when saved and today")
        self.readiness_key = label("", "muted", wrap=True, name="Readiness bar key")
        self.readiness_key.setTextFormat(Qt.TextFormat.RichText)
        for widget in (self.ad_title, self.ad_meta, self.ad_readiness, self.readiness_bar, self.readiness_key):
            side.addWidget(widget)

        detail_split = QSplitter(Qt.Orientation.Vertical)
        detail_split.setChildrenCollapsible(False)
        self.ad_text = QTextBrowser()
        self.ad_text.setAccessibleName("Ad text coloured by word status")
        self.ad_text.setFont(japanese_font(self._context.settings.font_size * 1.1))
        detail_split.addWidget(self.ad_text)
        self.word_tabs = QTabWidget()
        self.word_tabs.setAccessibleName("Words of the ad")
        self.beyond_model: RecordModel[AdWord] = RecordModel(
            ad_word_columns(lambda: self._context.theme.palette), key=lambda w: (w.word, w.reading)
        )
        self.beyond_table = self._table(self.beyond_model, "Words beyond the target level")
        beyond_header = self.beyond_table.horizontalHeader()
        beyond_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        beyond_header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        beyond_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        beyond_header.setStretchLastSection(False)
        self.terms = QTextBrowser()
        self.terms.setAccessibleName("Job terms with notes")
        self.word_tabs.addTab(self.beyond_table, "&Beyond the level")
        self.word_tabs.addTab(self.terms, "Job te&rms")
        detail_split.addWidget(self.word_tabs)
        rows = self.beyond_table.verticalHeader().defaultSectionSize()
        self.beyond_table.setMinimumHeight(  # never squeezed to a row or two
            self.beyond_table.horizontalHeader().sizeHint().height() + rows * WORD_ROWS
            + self.beyond_table.horizontalScrollBar().sizeHint().height() + 2 * self.beyond_table.frameWidth())
        self.ad_text.setMinimumHeight(rows * 4)
        detail_split.setStretchFactor(0, 3)
        detail_split.setStretchFactor(1, 2)
        side.addWidget(detail_split, 1)
        self.legend = label("", "muted", wrap=True, name="Colour key")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        side.addWidget(self.legend)
        split.addWidget(frame)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([760, 540])
        return page

    def _build_words_tab(self) -> QWidget:
        page = QWidget()
        page.setAccessibleName("Job-market words")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        intro = label(
            "The words of your saved ads, most widely used first: learn these and most ads get easier.",
            "muted", wrap=True, name="About the job-market words",
        )
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.add_button = self._button(
            f"Add the {TOP_UNKNOWN} most common unknown words", key_text(ADS, "add_top"), self.add_top_unknown
        )
        self.add_button.setProperty("role", "primary")
        self.add_button.setToolTip("Cards in the Mined deck, each with a sentence of the ad it occurs most in")
        row.addWidget(self.add_button)
        self.only_new = QCheckBox("&Only words not studied yet")
        self.only_new.setAccessibleName("Only words not studied yet")
        self.only_new.toggled.connect(lambda _: self._load_words())
        row.addWidget(self.only_new)
        row.addStretch(1)
        self.words_count = label("", "muted", name="Word count")
        row.addWidget(self.words_count)
        layout.addLayout(row)
        self.words_model: RecordModel[MarketWord] = RecordModel(
            word_columns(lambda: self._context.theme.palette), key=lambda w: (w.word, w.reading)
        )
        self.words_table = self._table(self.words_model, "Job-market words")
        self.words_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.words_table, 1)
        return page

    def _combo(self, name: str, items: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItems(items)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMinimumWidth(90)
        return combo

    def _table(self, model: RecordModel[Any], name: str) -> QTableView:
        table = QTableView()
        table.setAccessibleName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setSortingEnabled(False)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(SIZE_BY_ROWS)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(lambda column: self._sort(table, model, column))
        return table

    def _button(self, text: str, keys: str, handler: Callable[[], object]) -> QPushButton:
        button = QPushButton(f"{text}   {keys}")
        button.setAccessibleName(text)
        button.setToolTip(keys)
        button.clicked.connect(handler)
        return button

    def _show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        (self.ads_table if index == 0 else self.words_table).setFocus()

    @staticmethod
    def _sort(table: QTableView, model: RecordModel[Any], column: int) -> None:
        """Header click: sort by the column, flipping the order on a second click."""
        header = table.horizontalHeader()
        ascending = not (header.isSortIndicatorShown() and header.sortIndicatorSection() == column
                         and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder)
        order = Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder
        header.setSortIndicatorShown(True)
        header.setSortIndicator(column, order)
        model.sort(column, order)

    # -- filters -------------------------------------------------------------------------------------
    def _choice(self, combo: QComboBox) -> str | None:
        return None if combo.currentIndex() <= 0 else combo.currentText()

    @property
    def filters(self) -> tuple[str | None, str | None]:
        """The chosen job type and tag (None: any)."""
        return self._choice(self.job_type), self._choice(self.tag)

    @staticmethod
    def _refill(combo: QComboBox, items: Sequence[str], keep: str | None) -> None:
        """Replace the combo's choices with "All" + ``items``, keeping ``keep`` chosen when still there."""
        combo.blockSignals(True)
        combo.clear()
        combo.addItems([ALL, *items])
        combo.setCurrentIndex(items.index(keep) + 1 if keep in items else 0)
        combo.blockSignals(False)

    # -- loading -------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the saved ads (filtered), then the selected ad and the job-market words again."""
        self._stale = False
        self._reload_soon.stop()
        job_type, tag = self.filters
        japanese = self.japanese_choice
        self.summary.setText("Loading…")
        self._context.worker.run(
            lambda col: load_page(col, job_type, tag, japanese),
            lambda page: self._show_page(page, (job_type, tag), japanese),
            self._failed("read the saved ads"),
        )

    @property
    def japanese_choice(self) -> str | None:
        """The key of the Japanese-asked filter chosen (None: any)."""
        return JAPANESE_CHOICES[max(0, self.japanese.currentIndex())][1]

    def _show_page(self, page: LibraryPage, asked: tuple[str | None, str | None], japanese: str | None) -> None:
        if asked != self.filters or japanese != self.japanese_choice:
            return  # the filters changed meanwhile; a newer load is on its way
        selected = self.selected_ad_id()
        self._page = page
        self._refill(self.job_type, page.job_types, asked[0])
        self._refill(self.tag, page.tags, asked[1])
        if self.filters != asked:  # the chosen job type or tag is on no ad any more: show all
            self.reload()
            return
        self.ads_model.set_records(page.ads)
        self.ads_table.setColumnHidden(2, not any(a.job_type or a.tags for a in page.ads))  # room for the title
        header = self.ads_table.horizontalHeader()
        if header.isSortIndicatorShown():
            self.ads_model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        shown = len(page.ads)
        self.summary.setText(
            f"{page.total} saved ad{'s' if page.total != 1 else ''}"
            + (f", {shown} shown" if shown != page.total else "")
        )
        self.reach_summary.setText(reach_text(page))
        row = self.ads_model.row_of(selected) if selected is not None else None
        self._select_row(row if row is not None else 0)
        if not page.ads:
            self._load_detail()
        self._load_words()  # after the selected ad's detail: the worker runs jobs in order

    def _select_row(self, row: int) -> None:
        if self.ads_model.rowCount() == 0:
            return
        row = max(0, min(row, self.ads_model.rowCount() - 1))
        self.ads_table.selectRow(row)
        self.ads_table.setCurrentIndex(self.ads_model.index(row, 0))

    def selected_ad_id(self) -> int | None:
        """The id of the ad whose row is current, if any."""
        index = self.ads_table.currentIndex()
        if not index.isValid() or index.row() >= self.ads_model.rowCount():
            return None
        return int(self.ads_model.key(index.row()))  # type: ignore[arg-type]

    def _load_detail(self) -> None:
        ad_id = self.selected_ad_id()
        level = self.level.currentText()
        if ad_id is None:
            self._show_empty_detail()
            return
        self._context.worker.run(
            lambda col: load_detail(col, ad_id, level), self._show_detail, self._detail_failed(ad_id)
        )

    def _show_detail(self, detail: AdDetail) -> None:
        if detail.ad.id != self.selected_ad_id() or detail.level != self.level.currentText():
            return  # the selection or level changed meanwhile
        self.detail = detail
        ad, palette = detail.ad, self._context.theme.palette
        self.ad_title.setText(ad.title)
        meta = [f"Saved {ad.saved_at.astimezone():%Y-%m-%d %H:%M}"]
        meta += [x for x in (ad.source, ad.job_type) if x]
        meta += [" ".join(f"#{t}" for t in ad.tags)] if ad.tags else []
        meta.append(f"{len(ad.words)} words")
        self.ad_meta.setText(" · ".join(meta))
        then, now = ad.readiness_then, ad.readiness_now
        self.ad_readiness.setText(f"{ad.summary().readiness_line()} (when saved → today)")
        gained = max(0, now.known - then.known)
        self.readiness_bar.set_segments(
            [(min(then.known, now.known), palette.review), (gained, palette.accent), (now.learning, palette.learning)],
            now.total, palette.heat0,
        )
        self.readiness_bar.setAccessibleDescription(readiness_text(ad.summary()))
        key = (
            (palette.review, f"known when saved ({then.known} of {then.total})"),
            (palette.accent, f"learned since ({gained})"),
            (palette.learning, f"learning ({now.learning})"),
            (palette.heat0, f"not started ({now.total - now.known - now.learning})"),
        )
        self.readiness_key.setText(" &nbsp; ".join(
            f'<span style="white-space:nowrap"><span style="color:{colour}">■</span> {text}</span>'
            for colour, text in key))
        self.ad_text.setHtml(coloured_html(ad.text, ad.spans, palette))
        self.legend.setText(legend_html(palette))
        self.word_tabs.setTabText(0, f"&Beyond {detail.level}, not known yet ({len(detail.beyond)})")
        self.beyond_model.set_records(detail.beyond)
        self._fit_words()
        self.word_tabs.setTabText(1, f"Job te&rms to understand ({len(detail.terms)})")
        self.terms.setHtml(terms_html(detail.terms, palette))
        checks = len(ad.facts.checks)
        self.facts_tabs.setTabText(0, f"What the ad sa&ys · {checks} check{'s' if checks != 1 else ''}"
                                   if checks else "What the ad sa&ys")
        fit = fit_of(ad.facts, ad.readiness_now.share, self._page.levels) if self._page else None
        self.facts_panel.set_facts(ad.facts, fit)
        asked = ad.facts.japanese_level.value
        if fit is not None and asked in LEVELS and fit.within_reach:
            since = "" if within_reach(asked, ad.reached_at_save) else " since you saved it"
            self.ad_readiness.setText(f"{self.ad_readiness.text()} · asks for {asked}: reached{since} ✓")
        self._enable_ad_actions(True)

    def _fit_words(self) -> None:
        """Word and Reading of the words under the ad fit their entries; Meaning keeps its share, in view."""
        words = self.detail.beyond if self.detail else []
        fit_word_columns(self.beyond_table, (0, 1), ([w.word for w in words], [w.reading for w in words]), (2,),
                         MEANING_SHARE)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the word columns to the new width."""
        super().resizeEvent(event)
        self._fit_words()

    def _show_empty_detail(self) -> None:
        self.detail = None
        empty = self._page is not None and self._page.total == 0
        self.ad_title.setText("No saved ads yet" if empty else "No ad selected")
        self.ad_meta.setText(
            "Mine a job ad (Ctrl+M in the main window) and save it: it appears here with how much of it "
            "you can read, and how that grows as you study." if empty else ""
        )
        for widget in (self.ad_readiness, self.readiness_key):
            widget.setText("")
        self.word_tabs.setTabText(0, "&Beyond the level")
        self.word_tabs.setTabText(1, "Job te&rms")
        self.facts_tabs.setTabText(0, "What the ad sa&ys")
        self.facts_panel.set_facts(None, None)
        self.readiness_bar.set_segments([], 0, self._context.theme.palette.heat0)
        self.ad_text.clear()
        self.terms.clear()
        self.legend.setText("")
        self.beyond_model.set_records([])
        self._enable_ad_actions(False)

    def _enable_ad_actions(self, enabled: bool) -> None:
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(enabled)

    def _load_words(self) -> None:
        job_type, tag = self.filters
        status = {"new"} if self.only_new.isChecked() else None
        asked = (job_type, tag, status is not None)
        self._context.worker.run(
            lambda col: AdLibrary(col).word_list(job_type=job_type, tag=tag, status=status),
            lambda words: self._show_words(words, asked),
            self._failed("read the job-market words"),
        )

    def _show_words(self, words: list[MarketWord], asked: tuple[str | None, str | None, bool]) -> None:
        if asked != (*self.filters, self.only_new.isChecked()):
            return
        self.words_model.set_records(words)
        header = self.words_table.horizontalHeader()
        if header.isSortIndicatorShown():
            self.words_model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        unknown = sum(1 for w in words if w.status == "new")
        self.words_count.setText(f"{len(words)} words · {unknown} not in your decks yet")
        self.add_button.setEnabled(unknown > 0)
        if words:
            self.words_table.setCurrentIndex(self.words_model.index(0, 0))

    def _on_changed(self, changes: Change, initiator: object) -> None:
        """Another screen changed the collection: reload once the burst is over (a review session
        announces every answer), or when next shown."""
        if initiator is self:
            return
        if self.isVisible():
            self._reload_soon.start()
        else:
            self._stale = True

    def _level_chosen(self) -> None:
        self._context.set_target_level(self.level.currentText())
        self._load_detail()

    def showEvent(self, event: QShowEvent) -> None:
        """Reload when the collection changed while the window was hidden; take the target level
        chosen meanwhile in the mining window."""
        super().showEvent(event)
        self.level.setCurrentText(self._context.settings.target_level)  # reloads the detail if it changed
        if self._stale:
            self.reload()

    def _failed(self, what: str) -> Callable[[BaseException], None]:
        return lambda exc: self.status.setText(f"Could not {what}: {exc}")

    def _detail_failed(self, ad_id: int) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            if isinstance(exc, KeyError):  # deleted elsewhere meanwhile
                self.reload()
            else:
                self.status.setText(f"Could not read the saved ad: {exc}")

        return failed

    # -- actions -------------------------------------------------------------------------------------
    def add_top_unknown(self) -> None:
        """Add cards for the most common not-yet-studied words of the (filtered) ads (not while the
        button is disabled: no such words, or an addition under way)."""
        if not self.add_button.isEnabled():
            return
        job_type, tag = self.filters
        now = self._context.clock()
        self.add_button.setEnabled(False)
        self.status.setText("Adding words…")
        self._context.worker.run_op(
            lambda col: AdLibrary(col).add_top_unknown(TOP_UNKNOWN, job_type=job_type, tag=tag, now=now),
            Change.NOTES | Change.CARDS,
            self._added,
            self._op_failed("add the words"),
            initiator=self,
        )

    def _added(self, words: list[MarketWord]) -> None:
        if words:
            shown = "、".join(w.word for w in words[:8]) + ("…" if len(words) > 8 else "")
            self.status.setText(f"Added {len(words)} word{'s' if len(words) != 1 else ''} to the Mined deck: "
                                f"{shown}")
        else:
            self.status.setText("Every word of these ads is already studied, known or ignored.")
        self.reload()

    def _op_failed(self, what: str) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            self.status.setText(f"Could not {what}: {exc}. Nothing was changed.")
            self.reload()

        return failed

    def delete_selected(self) -> None:
        """Delete the selected ad and its text, after confirming in a window-modal question."""
        ad_id = self.selected_ad_id()
        if ad_id is None or self.tabs.currentIndex() != 0:
            return
        title = self.ads_model.record(self.ads_table.currentIndex().row()).title
        box = QMessageBox(QMessageBox.Icon.Question, "Delete saved ad", f"Delete the saved ad “{title}”?",
                          parent=self)
        box.setInformativeText("Its text is erased from your collection. Cards you made from it stay.")
        delete = box.addButton("&Delete ad", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("&Keep", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAccessibleName("Delete saved ad")

        def answered() -> None:
            if box.clickedButton() is delete:
                self._context.worker.run_op(
                    lambda col: AdLibrary(col).delete(ad_id),
                    Change.NONE,
                    lambda _: self._deleted(ad_id, title),
                    self._op_failed("delete the ad"),
                    initiator=self,
                )

        self._open_dialog(box, answered, self.ads_table)

    def _open_dialog(self, dialog: QDialog, answered: Callable[[], None], focus: QWidget) -> None:
        """Show ``dialog`` without a nested event loop; when it closes, focus returns to ``focus`` in
        this window and ``answered()`` runs."""

        def finished() -> None:
            self.activateWindow()
            focus.setFocus()
            dialog.deleteLater()
            answered()

        dialog.finished.connect(lambda _: finished())
        dialog.open()

    def _deleted(self, ad_id: int, title: str) -> None:
        row = self.ads_table.currentIndex().row()
        self.ads_model.remove(ad_id)
        self._select_row(row)
        self.status.setText(f"Deleted “{title}” and its text.")
        self.reload()

    def edit_selected(self) -> None:
        """Change the selected ad's title, job type and tags in a window-modal dialog."""
        ad_id = self.selected_ad_id()
        if ad_id is None or self.tabs.currentIndex() != 0:
            return
        ad = self.ads_model.record(self.ads_table.currentIndex().row())
        dialog = AdDetailsDialog(ad, self._page.job_types if self._page else [], self)

        def answered() -> None:
            if dialog.result() != QDialog.DialogCode.Accepted:
                return
            title, job_type, tags = dialog.values()
            self._context.worker.run_op(
                lambda col: AdLibrary(col).update(ad_id, title=title, job_type=job_type, tags=tags),
                Change.NONE,
                lambda summary: (self.status.setText(f"Saved “{summary.title}”."), self.reload()),
                self._op_failed("save the ad"),
                initiator=self,
            )

        self._open_dialog(dialog, answered, self.ads_table)

    def export_list(self) -> None:
        """Write the (filtered) list of saved ads to a CSV or JSON file chosen in a save dialog."""
        dialog = QFileDialog(self, "Export the list of saved ads", str(Path.home() / "jpstudy-ads.csv"),
                             "CSV spreadsheet (*.csv);;JSON (*.json)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setAccessibleName("Export the list of saved ads")

        def answered() -> None:
            files = dialog.selectedFiles()
            if dialog.result() == QDialog.DialogCode.Accepted and files:
                self._export_to(Path(files[0]), dialog.selectedNameFilter())

        self._open_dialog(dialog, answered, self.ads_table if self.tabs.currentIndex() == 0 else self.words_table)

    def _export_to(self, path: Path, name_filter: str) -> None:
        if path.suffix.lower() not in (".csv", ".json"):
            path = path.with_name(path.name + (".json" if "json" in name_filter.lower() else ".csv"))
        job_type, tag = self.filters
        self.status.setText("Exporting…")
        self._context.worker.run(
            lambda col: export_ads(AdLibrary(col), path, job_type=job_type, tag=tag),
            lambda n: self.status.setText(f"Exported {n} ad{'s' if n != 1 else ''} to {path}."),
            self._failed(f"export to {path}"),
        )
