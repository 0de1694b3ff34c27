"""Choosing JLPT levels: the level picker (shared with the welcome) and the "Add a JLPT level" dialog,
which also adds the optional kanji cards of a level (the bundled JLPT kanji, ``Kanji::N5`` …)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from jpstudy.collection.models import KANJI_DECK_PREFIX
from jpstudy.decks import LEVELS, load_jlpt_kanji

from .context import AppContext
from .taskman import Change
from .widgets import fit_dialog, label

LEVEL_HINTS = {
    "N5": "first steps — greetings, numbers, daily life",
    "N4": "basic conversation and simple notices",
    "N3": "everyday work Japanese, most job ads start here",
    "N2": "office work, news, business documents",
    "N1": "advanced — contracts, editorials",
}


class LevelPicker(QWidget):
    """One check box per JLPT level; levels already in the collection are ticked and disabled.
    ``hints`` describe each level (default: what the level is good for); ``kind`` names the decks in
    the boxes' accessible names ("JLPT N5", "Kanji N5")."""

    def __init__(self, present: Sequence[str] = (), default: Sequence[str] = ("N5",),
                 hints: Mapping[str, str] = LEVEL_HINTS, kind: str = "JLPT") -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.boxes: dict[str, QCheckBox] = {}
        for level in LEVELS:
            box = QCheckBox(f"{level}  —  {hints[level]}")
            box.setAccessibleName(f"{kind} {level}")
            if level in present:
                box.setChecked(True)
                box.setEnabled(False)
                box.setText(box.text() + "  (already added)")
            else:
                box.setChecked(level in default)
            layout.addWidget(box)
            self.boxes[level] = box

    def chosen(self) -> list[str]:
        """The ticked levels that are not in the collection yet, easiest first."""
        return [level for level, box in self.boxes.items() if box.isChecked() and box.isEnabled()]


def add_levels(
    context: AppContext,
    levels: Sequence[str],
    progress: Callable[[int, int], None],
    done: Callable[[int], None],
    failed: Callable[[BaseException], None],
    initiator: object = None,
    kanji_levels: Sequence[str] = (),
) -> None:
    """Add the JLPT decks of ``levels`` and the kanji decks of ``kanji_levels`` on the worker.

    ``progress(decks_done, decks)`` is called after each deck, then ``done(cards_added)``.
    """
    report = context.worker.on_main(progress)
    now = context.clock()
    jobs = [("words", level) for level in levels] + [("kanji", level) for level in kanji_levels]

    def work(col: object) -> int:
        added = 0
        for index, (kind, level) in enumerate(jobs):
            added += col.add_jlpt_deck(level, now=now) if kind == "words" else col.add_kanji_deck(level, now=now)
            report(index + 1, len(jobs))
        return added

    context.worker.run_op(work, Change.CARDS | Change.NOTES | Change.DECKS, done, failed, initiator)


def present_levels(col: object, prefix: str = "JLPT::") -> list[str]:
    """The JLPT levels whose deck exists in the collection (kanji decks with ``KANJI_DECK_PREFIX``)."""
    names = {deck.name for deck in col.decks()}
    return [level for level in LEVELS if f"{prefix}{level}" in names]


def kanji_hints() -> dict[str, str]:
    """What each level's kanji deck holds ("79 kanji — 日, 一, 国 …")."""
    hints = {}
    for level in LEVELS:
        kanji = load_jlpt_kanji(level)
        hints[level] = f"{len(kanji):,} kanji — {'、'.join(k.kanji for k in kanji[:5])} …"
    return hints


class AddLevelDialog(QDialog):
    """Pick levels and add them, with a progress bar; the window stays responsive meanwhile."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle("Add a JLPT level")
        self.setAccessibleName("Add a JLPT level")
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(label("Which levels do you want to add?", "heading"))
        layout.addWidget(
            label(
                "Each word becomes a new card. Words you already have are never added twice.",
                "muted",
                wrap=True,
            )
        )
        self.picker_holder = QVBoxLayout()
        layout.addLayout(self.picker_holder)
        self.picker = LevelPicker(default=())
        self.picker_holder.addWidget(self.picker)
        layout.addSpacing(6)
        layout.addWidget(label("Kanji cards (optional)", "heading"))
        layout.addWidget(
            label(
                "One card per kanji of the level: see the kanji, recall its meaning and readings. The back "
                "lists your words that use it.",
                "muted",
                wrap=True,
            )
        )
        self.kanji_holder = QVBoxLayout()
        layout.addLayout(self.kanji_holder)
        self.kanji_picker: LevelPicker | None = None
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Adding progress")
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.status = label("", "muted", wrap=True, name="Status")
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton("&Add", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setProperty("role", "primary")
        self.buttons.accepted.connect(self._add)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_dialog(self, 48)
        context.worker.run(
            lambda col: (present_levels(col), present_levels(col, KANJI_DECK_PREFIX), kanji_hints()),
            self._show_present,
        )

    def _show_present(self, found: tuple[list[str], list[str], dict[str, str]]) -> None:
        present, kanji_present, hints = found
        self.picker.setParent(None)
        self.picker = LevelPicker(present, default=())
        self.picker_holder.addWidget(self.picker)
        self.kanji_picker = LevelPicker(kanji_present, default=(), hints=hints, kind="Kanji")
        self.kanji_holder.addWidget(self.kanji_picker)
        first = next((box for box in self.picker.boxes.values() if box.isEnabled()), None)
        if first is not None:
            first.setFocus()

    def _add(self) -> None:
        levels = self.picker.chosen()
        kanji = self.kanji_picker.chosen() if self.kanji_picker is not None else []
        if not levels and not kanji:
            self.status.setText("Tick at least one level.")
            return
        self.add_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, len(levels) + len(kanji))
        self.progress.setValue(0)
        names = [*levels, *(f"{level} kanji" for level in kanji)]
        self.status.setText(f"Adding {', '.join(names)}…")
        add_levels(self._context, levels, self._progress, self._done, self._failed, self, kanji)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setValue(done)

    def _done(self, cards: int) -> None:
        self.status.setText(f"Added {cards} cards.")
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.add_button.setEnabled(True)
        self.progress.setVisible(False)
        self.status.setText(f"Could not add the levels: {exc}")
