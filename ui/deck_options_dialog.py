"""Deck options: which preset a deck uses, and that preset's options (Anki's deck options screen).

Opened from the home screen's deck list (the ⚙ column, the context menu, or Ctrl+Shift+O). The top row
chooses the preset; Add, Rename and Delete act on presets at once; a note names every deck that shares
the preset, since a change applies to all of them. Save stores the form into the chosen preset and makes
the deck use it; Cancel keeps both as they were. The time zone and the hour the day starts are
collection-wide (Settings), as in Anki.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jpstudy.srs import SchedulerOptions

from .context import AppContext
from .settings_dialog import format_steps, parse_steps
from .taskman import Change
from .widgets import label, status_and_save_buttons

# option name -> (label, low, high, decimals or None for whole numbers, suffix)
NUMBERS: dict[str, tuple[str, float, float, int | None, str]] = {
    "new_per_day": ("&New cards/day", 0, 9999, None, ""),
    "reviews_per_day": ("&Maximum reviews/day", 0, 9999, None, ""),
    "graduating_interval": ("&Graduating interval (days)", 1, 36500, None, ""),
    "easy_interval": ("&Easy interval (days)", 1, 36500, None, ""),
    "starting_ease": ("Starting &ease", 1.31, 5.0, 2, ""),
    "minimum_interval": ("M&inimum interval (days)", 1, 36500, None, ""),
    "leech_threshold": ("Leech &threshold (lapses)", 1, 9999, None, ""),
    "maximum_interval": ("Maximum inter&val (days)", 1, 36500, None, ""),
    "easy_bonus": ("Easy &bonus", 1.0, 5.0, 2, ""),
    "interval_modifier": ("Interval &modifier", 0.5, 2.0, 2, ""),
    "hard_interval": ("&Hard interval", 0.5, 1.3, 2, ""),
    "new_interval": ("New interval (after a &lapse)", 0.0, 1.0, 2, ""),
    "maximum_answer_seconds": ("Maximum answer &seconds", 1, 7200, None, ""),
}
GROUPS = (
    ("Daily limits", ("new_per_day", "reviews_per_day")),
    ("New cards", ("learning_steps", "graduating_interval", "easy_interval", "starting_ease")),
    ("Lapses", ("relearning_steps", "minimum_interval", "leech_threshold", "leech_action")),
    ("Advanced", ("maximum_interval", "easy_bonus", "interval_modifier", "hard_interval", "new_interval",
                  "maximum_answer_seconds")),
)
LEECH_ACTIONS = (("tag", "Tag only"), ("suspend", "Suspend card"))


class DeckOptionsDialog(QDialog):
    """See the module docstring. ``deck`` is the full deck name."""

    def __init__(self, context: AppContext, deck: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._deck = deck
        self._deck_id: int | None = None
        self._presets: list[Any] = []
        self._users: dict[int, list[str]] = {}
        self.setWindowTitle(f"Options — {deck}")
        self.setAccessibleName("Deck options")
        self.setMinimumWidth(820)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)

        top = QHBoxLayout()
        self.preset = QComboBox()
        self.preset.setAccessibleName("Preset")
        self.preset.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.preset.setMinimumContentsLength(24)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        top.addWidget(label("Preset:"))
        top.addWidget(self.preset, 1)
        self.add_button = QPushButton("Add…")
        self.rename_button = QPushButton("Rename…")
        self.delete_button = QPushButton("Delete")
        for button, slot, name in ((self.add_button, self._add, "Add preset"),
                                   (self.rename_button, self._rename, "Rename preset"),
                                   (self.delete_button, self._delete, "Delete preset")):
            button.setAccessibleName(name)
            button.clicked.connect(slot)
            top.addWidget(button)
        layout.addLayout(top)
        self.shared = label("", "muted", wrap=True, name="Decks sharing this preset")
        layout.addWidget(self.shared)

        self.fields: dict[str, QWidget] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        for index, (title, names) in enumerate(GROUPS):
            group = QGroupBox(title)
            form = QFormLayout(group)
            for name in names:
                text, widget = self._field(name)
                form.addRow(text, widget)
                self.fields[name] = widget
            grid.addWidget(group, index // 2, index % 2)
        layout.addLayout(grid)

        self.status = status_and_save_buttons(layout, self, self.save, "Deck options status")
        self.setEnabled(False)
        self._reload()

    # -- building ------------------------------------------------------------------------------------
    def _field(self, name: str) -> tuple[str, QWidget]:
        if name in ("learning_steps", "relearning_steps"):
            edit = QLineEdit()
            edit.setAccessibleName(name.replace("_", " ").capitalize())
            edit.setPlaceholderText("none" if name == "relearning_steps" else "1m 10m")
            return ("&Learning steps" if name == "learning_steps" else "&Relearning steps"), edit
        if name == "leech_action":
            combo = QComboBox()
            combo.setAccessibleName("Leech action")
            for value, text in LEECH_ACTIONS:
                combo.addItem(text, value)
            return "Leech &action", combo
        text, low, high, decimals, suffix = NUMBERS[name]
        spin: QSpinBox | QDoubleSpinBox
        if decimals is None:
            spin = QSpinBox()
            spin.setRange(int(low), int(high))
        else:
            spin = QDoubleSpinBox()
            spin.setDecimals(decimals)
            spin.setSingleStep(0.05)
            spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.setAccessibleName(text.replace("&", ""))
        return text, spin

    # -- loading -------------------------------------------------------------------------------------
    def _reload(self, select: int | None = None) -> None:
        deck = self._deck

        def work(col: Any) -> tuple[int | None, list[Any], dict[int, list[str]], int]:
            found = col.deck_by_name(deck)
            presets = col.presets()
            users = {p.id: [d.name for d in col.decks_using(p.id)] for p in presets}
            current = col.deck_preset(found.id).id if found else presets[0].id
            return (found.id if found else None), presets, users, current

        def done(result: tuple[int | None, list[Any], dict[int, list[str]], int]) -> None:
            self._deck_id, self._presets, self._users, current = result
            self.preset.blockSignals(True)
            self.preset.clear()
            for preset in self._presets:
                count = len(self._users[preset.id])
                self.preset.addItem(f"{preset.name}  (used by {count} deck{'s' if count != 1 else ''})", preset.id)
            wanted = select if select is not None else current
            self.preset.setCurrentIndex(max(0, self.preset.findData(wanted)))
            self.preset.blockSignals(False)
            self._preset_chosen()
            self.setEnabled(self._deck_id is not None)

        self._context.worker.run(work, done, lambda exc: self.status.setText(f"Could not read the options: {exc}"))

    def chosen_preset(self) -> Any:
        """The preset shown in the chooser."""
        return next(p for p in self._presets if p.id == self.preset.currentData())

    def _preset_chosen(self) -> None:
        if not self._presets:
            return
        preset = self.chosen_preset()
        self._fill(preset.options)
        others = [name for name in self._users[preset.id] if name != self._deck]
        if others:
            self.shared.setText(f"Shared with {', '.join(others)}: changes apply to those decks too.")
        else:
            self.shared.setText("Only this deck uses this preset." if self._deck in self._users[preset.id]
                                else "No deck uses this preset yet; Save makes this deck use it.")
        self.delete_button.setEnabled(preset.id != 1)
        self.status.setText("")

    def _fill(self, options: SchedulerOptions) -> None:
        for name, widget in self.fields.items():
            value = getattr(options, name)
            if isinstance(widget, QLineEdit):
                widget.setText(format_steps(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            else:
                widget.setValue(value)

    def form_options(self) -> SchedulerOptions:
        """The options in the form; ``ValueError`` naming what is wrong."""
        values: dict[str, Any] = {}
        for name, widget in self.fields.items():
            if isinstance(widget, QLineEdit):
                values[name] = parse_steps(widget.text())
            elif isinstance(widget, QComboBox):
                values[name] = widget.currentData()
            else:
                values[name] = widget.value()
        return replace(self.chosen_preset().options, **values)

    # -- actions -------------------------------------------------------------------------------------
    def _run(self, work: Any, done: Any) -> None:
        self._context.worker.run_op(work, Change.OPTIONS, done, lambda exc: self.status.setText(f"Not done: {exc}"),
                                    self)

    def _add(self) -> None:
        name, ok = QInputDialog.getText(self, "Add preset", "Name of the new preset (it starts as a copy of "
                                        f"“{self.chosen_preset().name}”):")
        if not ok or not name.strip():
            return
        options = self.chosen_preset().options
        self._run(lambda col: col.save_preset(name, options).id, lambda pid: self._reload(select=pid))

    def _rename(self) -> None:
        preset = self.chosen_preset()
        name, ok = QInputDialog.getText(self, "Rename preset", "New name:", text=preset.name)
        if not ok or not name.strip() or name.strip() == preset.name:
            return
        self._run(lambda col: col.save_preset(name, preset.options, preset.id).id, lambda pid: self._reload(select=pid))

    def _delete(self) -> None:
        preset = self.chosen_preset()
        users = self._users[preset.id]
        question = f"Delete the preset “{preset.name}”?"
        if users:
            question += f" {', '.join(users)} will use Default instead."
        if QMessageBox.question(self, "Delete preset", question) != QMessageBox.StandardButton.Yes:
            return
        self._run(lambda col: col.delete_preset(preset.id), lambda _: self._reload())

    def save(self) -> None:
        """Store the form into the chosen preset and make the deck use it; close."""
        try:
            options = self.form_options()
        except ValueError as exc:
            self.status.setText(str(exc))
            return
        preset, deck_id = self.chosen_preset(), self._deck_id
        if deck_id is None:
            return

        def work(col: Any) -> None:
            col.save_preset(preset.name, options, preset.id)
            col.set_deck_preset(deck_id, preset.id)

        self._run(work, lambda _: self.accept())
