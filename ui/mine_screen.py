"""Mine a job ad: paste (or open, or drop) an ad, see it coloured by word status, pick words, add them
as cards; read what the ad says (its facts, checks and the user's fit) on the second tab.

Keys: the "Mine a job ad" rows of ``shortcuts.SHORTCUTS`` (Ctrl+O open a file · Ctrl+Shift+V paste the
clipboard's ad, a browser's rich text read as text, and find its words · Ctrl+Return find the words ·
Space checks a word · Esc close), the buttons' Alt+A add · Alt+K mark known · Alt+I ignore, and the
tabs' Alt+W the words · Alt+S what the ad says. A file dropped anywhere on the window is opened.
Work happens off the GUI thread: as soon as the window opens, the dictionary opens (and on first use
builds) and the miner gets ready on the background thread, so the first ad mines warm; mining runs on
the database worker (word statuses come from the collection) with progress; a PDF is read in the
background; the JLPT progress behind the fit line is read after the words are shown.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jpstudy.adfacts import AdFacts, Fit, extract_facts, fit_of, level_reached
from jpstudy.adtext import AdTextError, html_to_text, read_ad_file
from jpstudy.decks import LEVELS
from jpstudy.stats import STATUS_LABELS

from .anki_connect import add_target_combo, send_candidates
from .candidates_model import (
    CHECK,
    COUNT,
    FREQUENCY,
    JLPT,
    MEANING,
    READING,
    STATUS,
    WORD,
    CandidateFilter,
    CandidateModel,
    CandidateProxy,
)
from .context import AppContext
from .facts_panel import FactsPanel, highlight_span
from .shortcuts import MINE, add_actions, key_text, pressed
from .taskman import Change
from .theme import japanese_font
from .widgets import fit_word_columns, label

AD_FILES = "Job ads (*.txt *.html *.htm *.pdf);;All (*)"
MEANING_SHARE = 0.2
"""The Meaning column keeps at least this share of the candidate table's width."""


def local_files(mime: QMimeData) -> list[Path]:
    """The local files a drag or the clipboard carries (file managers put them as URLs)."""
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []


def ad_text_of(mime: QMimeData) -> str:
    """The ad's text in clipboard or drag data: rich text (a browser's text/html) read as text with
    its line breaks, else the plain text."""
    if mime.hasHtml():
        text = html_to_text(mime.html())
        if text.strip():
            return text
    return mime.text() if mime.hasText() else ""


def hover_text(word: str, reading: str, meaning: str, status: str) -> str:
    """What hovering a word of the ad shows: "販売 【はんばい】 sales (retail) — new" (the status as tables
    name it, ``jpstudy.stats.STATUS_LABELS``)."""
    head = word if not reading or reading == word else f"{word} 【{reading}】"
    said = STATUS_LABELS.get(status, status)
    return f"{head} {meaning} — {said}" if meaning else f"{head} — {said}"


class PasteBox(QPlainTextEdit):
    """The paste box; Ctrl+Enter submits (a text edit would otherwise keep the key for itself). Pasted
    or dropped rich text comes in as text with its line breaks; a dropped file is handed on
    (:attr:`file_dropped`) instead of pasting its name."""

    submitted = Signal()
    file_dropped = Signal(Path)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        """Files and rich text are accepted as well as plain text."""
        return bool(local_files(source)) or source.hasHtml() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Insert what is pasted or dropped (see the class docstring)."""
        files = local_files(source)
        if files:
            self.file_dropped.emit(files[0])
            return
        self.insertPlainText(ad_text_of(source))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Enter / Ctrl+Return emit :attr:`submitted`."""
        if pressed(event, MINE, ("mine",)):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class CandidateTable(QTableView):
    """The candidate table; Space toggles the current row's check box."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Space checks or unchecks the current word."""
        if pressed(event, MINE, ("check",)) and self.currentIndex().isValid():
            index = self.currentIndex().siblingAtColumn(CHECK)
            state = self.model().data(index, Qt.ItemDataRole.CheckStateRole)
            new = Qt.CheckState.Unchecked if state == Qt.CheckState.Checked else Qt.CheckState.Checked
            self.model().setData(index, new, Qt.ItemDataRole.CheckStateRole)
            return
        super().keyPressEvent(event)


class MineScreen(QWidget):
    """The mining window; see the module docstring."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._dictionary: Any = None
        self._warming = False
        self._waiting_text: str | None = None  # an ad pasted before the dictionary was ready
        self.result: Any = None
        self.facts: AdFacts | None = None
        self._levels: list[Any] = []  # JLPT progress per level (jpstudy.stats.level_progress), once read
        self._updated: dict[tuple[str, str], str] = {}  # statuses changed since mining, by (word, reading)
        self.setWindowTitle("Mine a job ad — jpstudy")
        self.setAccessibleName("Mine a job ad")
        self.resize(1180, 760)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)

        outer.addWidget(label("Paste a job ad (求人票) and find the words you don't know yet.", "heading"))
        top = QHBoxLayout()
        self.open_button = QPushButton("Open file…  Ctrl+O")
        self.open_button.setAccessibleName("Open a .txt, .html or .pdf file")
        self.open_button.setToolTip("A .txt, .html or .pdf ad; you can also drop a file on this window")
        self.open_button.clicked.connect(self.open_file)
        self.paste_button = QPushButton(f"Paste  {key_text(MINE, 'paste')}")
        self.paste_button.setAccessibleName("Paste the ad from the clipboard and find its words")
        self.paste_button.setToolTip("Paste the ad (text, or a web page's rich text) and find its words")
        self.paste_button.clicked.connect(self.paste_clipboard)
        self.mine_button = QPushButton("Find words  Ctrl+Enter")
        self.mine_button.setAccessibleName("Find words")
        self.mine_button.setProperty("role", "primary")
        self.mine_button.clicked.connect(self.mine)
        self.keep = QCheckBox("Keep the ad in my job-ad library")
        self.keep.setAccessibleName("Keep the ad in my job-ad library")
        self.keep.setChecked(True)
        self._source = ""
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Mining progress")
        self.progress.setVisible(False)
        top.addWidget(self.open_button)
        top.addWidget(self.paste_button)
        top.addWidget(self.mine_button)
        top.addWidget(self.keep)
        top.addWidget(self.progress, 1)
        top.addStretch(0)
        outer.addLayout(top)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(self.splitter, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.paste = PasteBox()
        self.paste.submitted.connect(self.mine)
        self.paste.file_dropped.connect(self.load_file)
        self.paste.setAccessibleName("Job ad text")
        self.paste.setPlaceholderText("Paste the ad here (Ctrl+V), open a file (Ctrl+O) or drop a .txt, .html or "
                                      ".pdf file on this window.")
        self.paste.setFont(japanese_font(context.settings.font_size * 1.15))
        self.ad_view = QTextBrowser()
        self.ad_view.setAccessibleName("The ad, words coloured by status")
        self.ad_view.setFont(japanese_font(context.settings.font_size * 1.25))
        self.ad_view.setVisible(False)
        self.legend = label("", "muted", wrap=True, name="Colour legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.edit_button = QPushButton("Edit the text")
        self.edit_button.setAccessibleName("Edit the pasted text")
        self.edit_button.setVisible(False)
        self.edit_button.clicked.connect(self._back_to_paste)
        left_layout.addWidget(self.paste)
        left_layout.addWidget(self.ad_view)
        left_layout.addWidget(self.legend)
        left_layout.addWidget(self.edit_button)
        self.splitter.addWidget(left)

        self.right_tabs = QTabWidget()
        self.right_tabs.setAccessibleName("Words and facts of the ad")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 4, 0, 0)
        self.readiness = label("", "heading", wrap=True, name="Readiness")
        right_layout.addWidget(self.readiness)
        filters = QHBoxLayout()
        self.level_filter = QComboBox()
        self.level_filter.setAccessibleName("Filter by JLPT level")
        self.level_filter.addItem("All levels", "")
        for level in LEVELS:
            self.level_filter.addItem(level, level)
        self.level_filter.addItem("No level", "none")
        self.glossary_only = QCheckBox("Job terms only ★")
        self.glossary_only.setAccessibleName("Show job-ad glossary terms only")
        self.hide_known = QCheckBox("Only new words")
        self.hide_known.setChecked(True)
        self.hide_known.setAccessibleName("Hide words that are known, ignored or already in my decks")
        self.show_parts = QCheckBox("Show parts of compounds")
        self.show_parts.setAccessibleName("Also list the parts of longer words, after the words")
        self.show_parts.setToolTip("社会保険 of 社会保険完備, 勤務 of 勤務地 … listed after the words of the ad")
        self.compare_level = QComboBox()
        self.compare_level.setAccessibleName("Readiness compared with level")
        for level in LEVELS:
            self.compare_level.addItem(f"beyond {level}", level)
        self.compare_level.setCurrentIndex(LEVELS.index(context.settings.target_level))
        for widget in (self.level_filter, self.glossary_only, self.hide_known, self.show_parts):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.compare_level)
        right_layout.addLayout(filters)
        self.level_filter.currentIndexChanged.connect(self._apply_filter)
        self.glossary_only.toggled.connect(self._apply_filter)
        self.hide_known.toggled.connect(self._apply_filter)
        self.show_parts.toggled.connect(self._apply_filter)
        self.compare_level.currentIndexChanged.connect(self._level_chosen)

        self.model = CandidateModel()
        self.proxy = CandidateProxy(self.model)
        self.table = CandidateTable()
        self.table.setAccessibleName("Candidate words")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MEANING, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(24)
        unit = self.table.fontMetrics().horizontalAdvance("0")
        for column, chars in (
            (CHECK, 3),
            (WORD, 11),
            (READING, 11),
            (JLPT, 5),
            (COUNT, 5),
            (FREQUENCY, 5),
            (STATUS, 8),
        ):  # long words elide instead of pushing Meaning out of sight
            self.table.setColumnWidth(column, unit * chars + 16)
        self.table.setFont(japanese_font(context.settings.font_size))
        right_layout.addWidget(self.table, 1)
        self.note = label("★ job-ad glossary term — hover a word for its note.", "muted", wrap=True)
        right_layout.addWidget(self.note)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add checked")
        self.add_button.setProperty("role", "primary")
        self.add_target = add_target_combo()
        self.known_button = QPushButton("Mark &known")
        self.ignore_button = QPushButton("&Ignore")
        for button, name, handler in (
            (self.add_button, "Add the checked words as cards", self.add_checked),
            (self.known_button, "Mark the checked words known", self.mark_known),
            (self.ignore_button, "Ignore the checked words", self.ignore),
        ):
            button.setAccessibleName(name)
            button.clicked.connect(handler)
            buttons.addWidget(button)
            if button is self.add_button:
                buttons.addWidget(self.add_target)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        self.facts_panel = FactsPanel(lambda: self._context.theme.palette)
        self.facts_panel.span_chosen.connect(self.show_span)
        self.right_tabs.addTab(right, "&Words")
        self.right_tabs.addTab(self.facts_panel, "What the ad &says")
        right_side = QWidget()
        side_layout = QVBoxLayout(right_side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.right_tabs, 1)
        self.status = label("", "muted", wrap=True, name="Status")
        side_layout.addWidget(self.status)
        self.splitter.addWidget(right_side)
        self.splitter.setSizes([380, 800])
        self.setAcceptDrops(True)
        self._set_actions_enabled(False)

        add_actions(self, MINE, {"open": self.open_file, "mine": self.mine, "paste": self.paste_clipboard,
                                 "close": self.close})
        self.paste.setFocus()
        context.theme.changed.connect(self._restyle)
        self._warm_up()
        self._read_levels()

    def _restyle(self) -> None:
        """Colour the mined ad again in the new theme's colours."""
        if self.result is not None:
            self._render_ad()

    # -- input ---------------------------------------------------------------------------------------
    def open_file(self) -> None:
        """Load a .txt, .html or .pdf file into the paste box."""
        name, _ = QFileDialog.getOpenFileName(self, "Open a job ad", "", AD_FILES)
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        """Put the text of ``path`` in the paste box, or say why it cannot be read. A PDF is read on
        the background thread (its layout takes a moment); text and HTML files at once."""
        if path.suffix.lower() == ".pdf":
            self.status.setText(f"Reading {path.name}…")
            self.progress.setVisible(True)
            self.progress.setRange(0, 0)
            self._context.worker.run_background(lambda: read_ad_file(path).text,
                                                lambda text: self._loaded(path, text),
                                                lambda exc: self._not_loaded(path, exc))
            return
        try:
            text = read_ad_file(path).text
        except AdTextError as exc:
            self._not_loaded(path, exc)
            return
        self._loaded(path, text)

    def _loaded(self, path: Path, text: str) -> None:
        self.progress.setVisible(False)
        self._back_to_paste()
        self.paste.setPlainText(text)
        self._source = path.name
        self.status.setText(f"Opened {path.name}. Press Ctrl+Enter to find the words.")

    def _not_loaded(self, path: Path, exc: BaseException) -> None:
        self.progress.setVisible(False)
        self.status.setText(f"Cannot open {path.name}: {exc}")

    def paste_clipboard(self) -> None:
        """Replace the text with the clipboard's ad (a copied file is opened) and find its words."""
        mime = QGuiApplication.clipboard().mimeData()
        files = local_files(mime)
        if files:
            self.load_file(files[0])
            return
        text = ad_text_of(mime)
        if not text.strip():
            self.status.setText("The clipboard holds no text: copy the ad first.")
            return
        self._back_to_paste()
        self.paste.setPlainText(text)
        self._source = ""
        self.mine()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Files and text may be dropped anywhere on the window."""
        if local_files(event.mimeData()) or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """A dropped file is opened; dropped text replaces the ad."""
        files = local_files(event.mimeData())
        if files:
            self.load_file(files[0])
        else:
            self._back_to_paste()
            self.paste.setPlainText(ad_text_of(event.mimeData()))
        event.acceptProposedAction()

    def _back_to_paste(self) -> None:
        self.ad_view.setVisible(False)
        self.edit_button.setVisible(False)
        self.paste.setVisible(True)
        self.paste.setFocus()

    # -- mining --------------------------------------------------------------------------------------
    def mine(self) -> None:
        """Mine the pasted text (opening the dictionary first if needed)."""
        text = self.paste.toPlainText()
        if not text.strip():
            self.status.setText("Paste an ad first.")
            return
        self.mine_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        if self._dictionary is None:
            self.status.setText("Opening the dictionary (the first time takes a few seconds)…")
            self._waiting_text = text
            if not self._warming:
                self._warm_up()
        else:
            self._mine_with(self._dictionary, text)

    @property
    def dictionary_ready(self) -> bool:
        """True once the dictionary is open and the miner made (mining then starts at once)."""
        return self._dictionary is not None

    def _warm_up(self) -> None:
        """Open the dictionary and make the miner ready on the background thread."""
        self._warming = True
        folder = self._context.data_dir
        self._context.worker.run_background(lambda: _ready_miner(folder), self._warmed, self._warm_failed)

    def _warmed(self, dictionary: Any) -> None:
        self._warming = False
        self._dictionary = dictionary
        text, self._waiting_text = self._waiting_text, None
        if text is not None:
            self._mine_with(dictionary, text)
        else:  # load the tokenizer of the thread that mines, and the commonest words
            self._context.worker.run(lambda _col: _warm_miner(dictionary), _ignore, _ignore)

    def _warm_failed(self, exc: BaseException) -> None:
        self._warming = False
        text, self._waiting_text = self._waiting_text, None
        if text is not None:  # reported only when someone was waiting; the next try opens it again
            self._failed(exc)

    def _mine_with(self, dictionary: Any, text: str) -> None:
        self._dictionary = dictionary
        self.status.setText("Reading the ad…")
        report = self._context.worker.on_main(self._progress)
        keep, source, now = self.keep.isChecked(), self._source, self._context.clock()
        reached = level_reached(self._levels) if self._levels else None

        def work(col: Any) -> tuple[Any, AdFacts]:
            from jpstudy.mining import mine_text

            result = mine_text(text, dictionary, status_of=col.word_status, progress=report)
            facts = extract_facts(result.text)
            if keep and result.candidates:
                from jpstudy.ads import AdLibrary

                AdLibrary(col).save(text, result, source=source, now=now, facts=facts, reached=reached)
            return result, facts

        changes = Change.NOTES if keep else Change.NONE
        self._context.worker.run_op(work, changes, self._show_result, self._failed, self)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _failed(self, exc: BaseException) -> None:
        self.mine_button.setEnabled(True)
        self.progress.setVisible(False)
        self.status.setText(f"Could not read the ad: {exc}")

    def _show_result(self, mined: tuple[Any, AdFacts]) -> None:
        result, self.facts = mined
        self.result = result
        self._updated = {}
        self.mine_button.setEnabled(True)
        self.progress.setVisible(False)
        self.model.set_candidates(result.candidates)
        self._apply_filter()
        self._fit_word_columns()
        self._render_ad()
        self._show_readiness()
        self._show_facts()
        self._read_levels()
        self._set_actions_enabled(bool(result.candidates))
        shown = self.proxy.rowCount()
        words = len(result.words)
        if result.message and result.message != result.coverage.summary():
            self.status.setText(result.message)
        elif words:
            self.status.setText(f"{words} words found, {shown} shown. Space checks a word.")
        else:
            self.status.setText("")  # the readiness line says there is nothing to read
        self.table.setFocus()
        if shown:
            self.table.selectRow(0)

    def _apply_filter(self) -> None:
        self.proxy.set_filter(
            CandidateFilter(
                level=self.level_filter.currentData() or "",
                glossary_only=self.glossary_only.isChecked(),
                hide_known=self.hide_known.isChecked(),
                show_parts=self.show_parts.isChecked(),
            )
        )

    def _level_chosen(self) -> None:
        self._context.set_target_level(self.compare_level.currentData())
        self._show_readiness()

    def showEvent(self, event: QShowEvent) -> None:
        """Take the target level chosen meanwhile in the job-ad library."""
        super().showEvent(event)
        self.compare_level.setCurrentIndex(LEVELS.index(self._context.settings.target_level))

    def _show_readiness(self) -> None:
        if self.result is None:
            return
        level = self.compare_level.currentData()
        summary = self.result.coverage.summary(level)
        self.readiness.setText(summary[0].upper() + summary[1:] + ".")

    def _render_ad(self) -> None:
        """The normalised ad with each word's background showing its status; hovering a word shows its
        reading, meaning and status. The text is laid out ``pre-wrap``, so the view's characters are
        the ad's one for one (a fact's span marks the same characters)."""
        palette = self._context.theme.palette
        colours = {"new": palette.accentsoft, "unseen": palette.accentsoft, "learning": palette.highlight}
        text = self.result.text
        meanings = {(c.word, c.reading): c.meaning for c in (*self.result.candidates, *self.result.names)}
        parts: list[str] = []
        position = 0
        for span in sorted(self.result.spans, key=lambda s: s.start):
            if span.start < position:
                continue
            parts.append(html.escape(text[position : span.start]))
            word = html.escape(text[span.start : span.end])
            status = self._status_of(span)
            title = html.escape(hover_text(span.word, span.reading, meanings.get((span.word, span.reading), ""),
                                           status), quote=True)
            if status in colours:
                style = f"background:{colours[status]}"
            elif status == "ignored":
                style = f"color:{palette.muted}"
            else:
                style = ""
            parts.append(f'<span style="{style}" title="{title}">{word}</span>')
            position = span.end
        parts.append(html.escape(text[position:]))
        self.ad_view.setHtml(f"<div style='line-height:160%; white-space:pre-wrap'>{''.join(parts)}</div>")
        self.legend.setText(
            f"<span style='background:{palette.accentsoft}'>&nbsp;not started&nbsp;</span> · "
            f"<span style='background:{palette.highlight}'>&nbsp;learning&nbsp;</span> studied, not mature yet · "
            "plain: known · "
            f"<span style='color:{palette.muted}'>grey</span>: ignored"
        )
        self.paste.setVisible(False)
        self.ad_view.setVisible(True)
        self.edit_button.setVisible(True)

    def _status_of(self, span: Any) -> str:
        """A span's status, updated by the user's actions since mining."""
        return self._updated.get((span.word, span.reading), span.status)

    def _fit_word_columns(self) -> None:
        """Size Word and Reading to their longest entry (katakana words are long) as far as Meaning keeps
        ``MEANING_SHARE`` of the table's width: the word first, so that no word is cut; then its reading
        (never narrower than its header)."""
        words = [self.model.index(r, WORD).data() for r in range(self.model.rowCount())]
        fit_word_columns(self.table, (WORD, READING), (words, [c.reading for c in self.result.candidates]),
                         (CHECK, JLPT, COUNT, FREQUENCY, STATUS), MEANING_SHARE)

    # -- facts ---------------------------------------------------------------------------------------
    def _show_facts(self) -> None:
        """The ad's facts and checks on the second tab, with the fit known so far."""
        self.facts_panel.set_facts(self.facts, self._fit())
        checks = len(self.facts.checks)
        self.right_tabs.setTabText(1, f"What the ad &says · {checks} check{'s' if checks != 1 else ''}"
                                   if checks else "What the ad &says")

    def _fit(self) -> Fit | None:
        if self.result is None or self.facts is None or not self._levels:
            return None
        return fit_of(self.facts, self.result.coverage.known_share, self._levels)

    def _read_levels(self) -> None:
        """Read the JLPT progress (how much of each level is known) on the worker, for the fit line."""
        from jpstudy.stats import level_progress

        self._context.worker.run(level_progress, self._levels_read, _ignore)

    def _levels_read(self, levels: list[Any]) -> None:
        self._levels = levels
        self.facts_panel.set_fit(self._fit())

    def show_span(self, start: int, end: int) -> None:
        """Mark [start, end) of the ad (a fact or check chosen on the facts tab) and scroll to it."""
        if self.result is None or not self.ad_view.isVisible():
            return
        highlight_span(self.ad_view, start, end, self._context.theme.palette)

    def restyle(self) -> None:
        """Draw the ad and its facts again in the current theme's colours."""
        if self.result is not None:
            self._render_ad()
            self._show_facts()

    # -- actions -------------------------------------------------------------------------------------
    def _target_rows(self) -> list[int]:
        rows = self.model.checked_rows()
        if not rows and self.table.currentIndex().isValid():
            rows = [self.proxy.mapToSource(self.table.currentIndex()).row()]
        return rows

    def _set_actions_enabled(self, enabled: bool) -> None:
        for button in (self.add_button, self.known_button, self.ignore_button):
            button.setEnabled(enabled)

    def add_checked(self) -> None:
        """Add the checked words as cards in the Mined deck, with the ad's sentence and title as source."""
        rows = self._target_rows()
        if not rows or self.result is None:
            self.status.setText("Check some words first (Space).")
            return
        candidates = [self.model.candidate(r) for r in rows]
        text = self.result.text
        target = self.add_target.currentData()
        if target != "jpstudy":
            send_candidates(self._context, candidates, text, self.status.setText)
        if target == "anki":
            return

        def work(col: Any) -> int:
            from jpstudy.mining import add_candidates

            return len(add_candidates(col, candidates, text=text))

        def done(added: int) -> None:
            self._record(rows, "unseen")  # in the decks, not started yet
            skipped = len(rows) - added
            extra = f" ({skipped} already in your decks)" if skipped else ""
            self.status.setText(f"Added {added} word{'s' if added != 1 else ''} to the Mined deck{extra}.")

        self._context.worker.run_op(work, Change.CARDS | Change.NOTES | Change.DECKS, done, self._op_failed, self)

    def mark_known(self) -> None:
        """Count the checked words as known (they stop being offered)."""
        self._mark(self._target_rows(), "known")

    def ignore(self) -> None:
        """Never offer the checked words again."""
        self._mark(self._target_rows(), "ignored")

    def _mark(self, rows: list[int], status: str) -> None:
        if not rows:
            self.status.setText("Check some words first (Space).")
            return
        words = [(c.word, c.reading, c.entry_id) for c in (self.model.candidate(r) for r in rows)]

        def work(col: Any) -> None:
            for word, reading, entry_id in words:
                if status == "known":
                    col.mark_known(word, reading, entry_id)
                else:
                    col.ignore_word(word, reading, entry_id)

        def done(_: None) -> None:
            self._record(rows, status)
            verb = "Marked known" if status == "known" else "Ignored"
            self.status.setText(f"{verb}: {len(rows)} word{'s' if len(rows) != 1 else ''}.")

        self._context.worker.run_op(work, Change.WORDS, done, self._op_failed, self)

    def _record(self, rows: list[int], status: str) -> None:
        for row in rows:
            c = self.model.candidate(row)
            self._updated[(c.word, c.reading)] = status
        self.model.set_status(rows, status)
        self._apply_filter()
        self._render_ad()
        self._read_levels()

    def _op_failed(self, exc: BaseException) -> None:
        self.status.setText(f"Nothing was changed: {exc}")


def _ready_miner(folder: Path) -> Any:
    """The dictionary in ``folder`` (built on first use), with its miner made (form index, common
    vocabulary in memory)."""
    from jpstudy.dictionary import Dictionary
    from jpstudy.mining.session import miner_for

    dictionary = Dictionary.open(folder)
    miner_for(dictionary)
    return dictionary


def _warm_miner(dictionary: Any) -> None:
    """Mine a short text: this thread's tokenizer is loaded and common words are looked up."""
    from jpstudy.mining import mine_text

    mine_text("勤務地は東京です。仕事内容と給与を確認してください。", dictionary)


def _ignore(_result: object) -> None:
    """The warm-up's result, or its failure: not reported (mining the ad itself reports what went wrong)."""
