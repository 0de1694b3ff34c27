"""File ▸ Import from Anki…: choose a package, check each note type's field map, import, read the summary.

Reading the package and importing run off the GUI thread (the package on the background thread,
the import on the database worker) with a progress bar; ``jpstudy.anki_import`` does the work. The
mapping page shows every note type the package's notes use with its fields, an example value of
each and the role jpstudy proposes; the user may change any role (a role is held by one field at a
time). A note type without a Word field is not imported, and the page says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QProgressBar,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .context import AppContext
from .taskman import Change
from .widgets import label

NONE_ROLE = "none"
STAGES = {"unpacking": "Unpacking the package", "reading": "Reading the collection", "importing": "Importing notes"}
EXAMPLE_CHARS = 40


def _example(package: Any, notetype: Any, index: int) -> str:
    """The field's value in the first note that has one, as jpstudy would read it: plain text, with the
    reading a furigana field gives, "(sound)" for a field holding only sound."""
    from jpstudy.anki_import.text import furigana_reading, has_furigana, plain_text

    for note in package.notes:
        if note.notetype_id == notetype.id and index < len(note.fields) and note.fields[index].strip():
            raw = note.fields[index]
            text = plain_text(raw).replace("\n", " ")
            if has_furigana(raw):
                text = f"{text}（{furigana_reading(raw)}）"
            text = text or ("(sound)" if "[sound:" in raw else "(picture)" if "<img" in raw else "")
            return text if len(text) <= EXAMPLE_CHARS else text[:EXAMPLE_CHARS - 1] + "…"
    return ""


class NoteTypeMapping(QGroupBox):
    """One note type's fields, an example of each, and a role chooser per field."""

    def __init__(self, package: Any, notetype: Any, roles: dict[str, str], notes: int) -> None:
        from jpstudy.anki_import import ROLE_LABELS, ROLES

        super().__init__(f"{notetype.name} — {notes} note{'s' if notes != 1 else ''}")
        self.setAccessibleName(f"Field map of {notetype.name}")
        self.name = notetype.name
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(14)
        for column, title in enumerate(("Anki field", "Example", "Imported as")):
            grid.addWidget(label(title, "muted"), 0, column)
        self.combos: dict[str, QComboBox] = {}
        for row, field in enumerate(notetype.fields, start=1):
            grid.addWidget(QLabel(field), row, 0)
            example = label(_example(package, notetype, row - 1), name=f"Example of {field}")
            example.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(example, row, 1)
            combo = QComboBox()
            combo.setAccessibleName(f"Role of {field}")
            combo.addItem("— not imported", NONE_ROLE)
            for role in ROLES:
                combo.addItem(ROLE_LABELS[role], role)
            combo.setCurrentIndex(max(0, combo.findData(roles.get(field, NONE_ROLE))))
            combo.currentIndexChanged.connect(lambda _i, f=field: self._chosen(f))
            grid.addWidget(combo, row, 2)
            self.combos[field] = combo
        grid.setColumnStretch(1, 1)
        self.warning = label("", "warning", wrap=True, name=f"Warning for {notetype.name}")
        grid.addWidget(self.warning, len(notetype.fields) + 1, 0, 1, 3)
        self._update_warning()

    def _chosen(self, field: str) -> None:
        role = self.combos[field].currentData()
        if role != NONE_ROLE:
            for other, combo in self.combos.items():
                if other != field and combo.currentData() == role:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self._update_warning()

    def _update_warning(self) -> None:
        has_word = any(c.currentData() == "word" for c in self.combos.values())
        self.warning.setText("" if has_word else "No Word field: these notes are not imported. Choose the field "
                                                 "that holds the Japanese word to import them.")
        self.warning.setVisible(not has_word)

    def roles(self) -> dict[str, str]:
        """Field -> role (``none`` for fields not imported)."""
        return {field: combo.currentData() for field, combo in self.combos.items()}


class AnkiImportDialog(QDialog):
    """See the module docstring. ``load(path)`` starts with a file already chosen (tests)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.package: Any = None
        self.summary: Any = None
        self.mappings: list[NoteTypeMapping] = []
        self.setWindowTitle("Import from Anki")
        self.setAccessibleName("Import from Anki")
        self.resize(760, 640)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(label("Import from Anki", "title"))
        self.intro = label("Choose an .apkg or .colpkg exported by Anki (File ▸ Export, with “Include scheduling "
                           "information”). Your cards keep their schedule and review history.", "muted", wrap=True)
        layout.addWidget(self.intro)
        self.pages = QStackedWidget()
        self.mapping_page = QScrollArea()
        self.mapping_page.setWidgetResizable(True)
        self.mapping_page.setAccessibleName("Field maps")
        self.summary_page = label("", wrap=True, name="Import summary")
        self.summary_page.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary_page.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pages.addWidget(QWidget())
        self.pages.addWidget(self.mapping_page)
        summary_scroll = QScrollArea()
        summary_scroll.setWidgetResizable(True)
        summary_scroll.setWidget(self.summary_page)
        self.pages.addWidget(summary_scroll)
        layout.addWidget(self.pages, 1)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Import progress")
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.status = label("", "muted", wrap=True, name="Import status")
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.choose_button = self.buttons.addButton("&Choose file…", QDialogButtonBox.ButtonRole.ActionRole)
        self.choose_button.clicked.connect(self.choose)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setProperty("role", "primary")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # -- choosing and reading the package --------------------------------------------------------
    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import from Anki", str(Path.home()),
                                              "Anki packages (*.apkg *.colpkg);;All files (*)")
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read the package in the background, then show its note types."""
        from jpstudy.anki_import import read_package

        report = self._context.worker.on_main(lambda stage: self._progress(stage, 0, 0))
        self._busy(f"Reading {path.name}…")
        self._context.worker.run_background(lambda: read_package(path, progress=report), self._show_mapping,
                                            self._failed)

    def _show_mapping(self, package: Any) -> None:
        from jpstudy.anki_import import field_map_for, used_notetypes

        self.package = package
        self._idle()
        proposed = field_map_for(package)
        counts: dict[int, int] = {}
        for note in package.notes:
            counts[note.notetype_id] = counts.get(note.notetype_id, 0) + 1
        body = QWidget()
        column = QVBoxLayout(body)
        self.mappings = []
        self.import_button.setVisible(True)
        for name, notetype in sorted(used_notetypes(package).items(), key=lambda kv: -counts[kv[1].id]):
            mapping = NoteTypeMapping(package, notetype, proposed.get(name, {}), counts[notetype.id])
            self.mappings.append(mapping)
            column.addWidget(mapping)
        column.addStretch(1)
        self.mapping_page.setWidget(body)
        self.pages.setCurrentWidget(self.mapping_page)
        fsrs = " It schedules with FSRS in Anki; jpstudy continues with SM-2." if package.fsrs else ""
        self.intro.setText(f"{Path(package.path).name}: {len(package.notes)} notes, {len(package.cards)} cards, "
                           f"{len(package.revlog)} reviews.{fsrs} Check what each field holds, then Import.")
        self.import_button.setEnabled(True)
        self.import_button.setDefault(True)

    # -- importing ---------------------------------------------------------------------------------
    def overrides(self) -> dict[str, dict[str, str]]:
        """The field maps as chosen on the mapping page."""
        return {m.name: m.roles() for m in self.mappings}

    def start_import(self) -> None:
        """Import with the chosen field maps on the database worker."""
        if self.package is None:
            self.choose()
            return
        package, overrides, data_dir = self.package, self.overrides(), self._context.data_dir
        report = self._context.worker.on_main(self._progress)
        now = self._context.clock()
        self._busy("Importing…")

        def work(col: Any) -> Any:
            from jpstudy.anki_import import import_package

            dictionary = _open_dictionary(data_dir)
            try:
                return import_package(col, package, overrides=overrides, dictionary=dictionary, now=now,
                                      progress=report)
            finally:
                if dictionary is not None:
                    dictionary.close()

        changes = Change.CARDS | Change.NOTES | Change.DECKS | Change.OPTIONS | Change.WORDS
        self._context.worker.run_op(work, changes, self._show_summary, self._failed, self)

    def _show_summary(self, summary: Any) -> None:
        self.summary = summary
        self._idle()
        self.import_button.setVisible(False)
        self.intro.setText("Import finished.")
        self.summary_page.setText(summary_html(summary))
        self.pages.setCurrentIndex(2)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)

    # -- progress --------------------------------------------------------------------------------
    def _busy(self, text: str) -> None:
        self.status.setText(text)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)

    def _idle(self) -> None:
        self.progress.setVisible(False)
        self.status.setText("")
        self.choose_button.setEnabled(True)

    def _progress(self, stage: str, done: int, total: int) -> None:
        self.status.setText(f"{STAGES.get(stage, stage)}…")
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)

    def _failed(self, exc: BaseException) -> None:
        self._idle()
        self.import_button.setEnabled(self.package is not None)
        self.status.setText(f"Nothing was imported: {exc}")


def _open_dictionary(data_dir: Path) -> Any:
    from jpstudy.dictionary import Dictionary, DictionaryDataError

    try:
        return Dictionary.open(data_dir)
    except DictionaryDataError:
        return None


def summary_html(summary: Any) -> str:
    """The import summary as rich text for the summary page."""
    import html

    def items(lines: list[str]) -> str:
        return "".join(f"<li>{html.escape(line, quote=False)}</li>" for line in lines)

    parts = [
        f"<h3>{summary.notes_added} new notes, {summary.notes_updated} updated, {summary.notes_skipped} "
        "unchanged or left out</h3>",
        f"<p>{summary.cards} cards with {summary.revlog} reviews imported"
        + (f" into {html.escape(', '.join(summary.decks))}" if summary.decks else "") + ".</p>",
    ]
    if summary.notices:
        parts.append(f"<ul>{items(summary.notices)}</ul>")
    if summary.kept:
        parts.append(f"<p><b>Words you had on both sides</b> — the card with more reviews was kept:</p>"
                     f"<ul>{items(summary.kept[:50])}</ul>")
        if len(summary.kept) > 50:
            parts.append(f"<p>… and {len(summary.kept) - 50} more.</p>")
    return "".join(parts)
