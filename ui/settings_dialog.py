"""Settings: the collection's day (time zone, next day starts at), the Default preset's main options,
display options (theme, font size, furigana) and the address of a running Anki (``anki_connect``).

The time zone and the rollover hour are collection-wide, as in Anki; the zone follows the system's
unless one is chosen. The study fields edit the Default preset — the options of every deck that has
no preset of its own (a deck's own: ⚙ in the deck list). On Save the collection is changed through
the worker and the display settings are applied at once. Invalid study values are reported, nothing
is saved.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jpstudy.collection.presets import DEFAULT_PRESET_ID, system_zone_name, zone_names

from .anki_connect import AnkiConnectGroup
from .context import AppContext
from .taskman import Change
from .ui_settings import FONT_SIZES, THEMES, UiSettings
from .widgets import fit_dialog, label, status_and_save_buttons


def parse_steps(text: str) -> tuple[float, ...]:
    """Steps in minutes from "1 10" or "1m, 10m" or "1h"; ``ValueError`` naming the bad part."""
    steps = []
    for part in text.replace(",", " ").split():
        unit = part[-1].lower() if part[-1].isalpha() else "m"
        number = part[:-1] if part[-1].isalpha() else part
        factor = {"s": 1 / 60, "m": 1, "h": 60, "d": 1440}.get(unit)
        try:
            value = float(number) * (factor if factor is not None else float("nan"))
        except ValueError:
            value = float("nan")
        if not value > 0:
            raise ValueError(f"“{part}” is not a step; write minutes like “1 10” or “1m 10m 1h”.")
        steps.append(value)
    return tuple(steps)


def format_steps(steps: tuple[float, ...]) -> str:
    """Steps as the user typed them: "1m 10m"."""
    return " ".join(f"{s:g}m" for s in steps)


class SettingsDialog(QDialog):
    """See the module docstring."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._options: Any = None
        self._zone: str | None = None
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        layout = QVBoxLayout(self)
        layout.setSpacing(12)

        day = QGroupBox("Your day")
        form = QFormLayout(day)
        self.zone = QComboBox()
        self.zone.setAccessibleName("Time zone")
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.addItem(f"Follow the system ({system_zone_name() or 'UTC'})", None)
        for name in zone_names():
            self.zone.addItem(name, name)
        self.zone.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.rollover = self._spin(0, 23, "Next day starts at (hour)")
        self.rollover.setSuffix(":00")
        form.addRow("Time &zone:", self.zone)
        form.addRow("Next &day starts at:", self.rollover)
        layout.addWidget(day)

        study = QGroupBox("Default deck options")
        form = QFormLayout(study)
        self.new_per_day = self._spin(0, 9999, "New cards per day")
        self.reviews_per_day = self._spin(0, 99999, "Reviews per day")
        self.learning_steps = QLineEdit()
        self.learning_steps.setAccessibleName("Learning steps")
        self.learning_steps.setPlaceholderText("1m 10m")
        self.relearning_steps = QLineEdit()
        self.relearning_steps.setAccessibleName("Relearning steps")
        form.addRow("&New cards per day:", self.new_per_day)
        form.addRow("&Reviews per day:", self.reviews_per_day)
        form.addRow("&Learning steps:", self.learning_steps)
        form.addRow("Re&learning steps:", self.relearning_steps)
        note = label("Used by every deck without a preset of its own. A deck's own options: ⚙ in the deck list.",
                     "muted", wrap=True, name="Default options note")
        note.setMinimumHeight(note.sizeHint().height() * 2)
        form.addRow(note)
        layout.addWidget(study)

        display = QGroupBox("Display")
        form = QFormLayout(display)
        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        for name in THEMES:
            self.theme.addItem({"system": "Follow the system"}.get(name, name.title()), name)
        self.font_size = self._spin(FONT_SIZES.start, FONT_SIZES.stop - 1, "Font size")
        self.font_size.setSuffix(" pt")
        self.furigana = QCheckBox("Show the reading above the word (furigana)")
        self.furigana.setAccessibleName("Furigana")
        form.addRow("&Theme:", self.theme)
        form.addRow("&Font size:", self.font_size)
        form.addRow("", self.furigana)
        layout.addWidget(display)
        self.anki = AnkiConnectGroup(context)
        layout.addWidget(self.anki)

        self.status = status_and_save_buttons(layout, self, self.save, "Settings status")

        settings = context.settings
        self.theme.setCurrentIndex(max(0, THEMES.index(settings.theme)))
        self.font_size.setValue(settings.font_size)
        self.furigana.setChecked(settings.furigana)
        fit_dialog(self, 56)
        self.setEnabled(False)
        context.worker.run(lambda col: (col.options, col.timing), self._show_options)

    @staticmethod
    def _spin(low: int, high: int, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setAccessibleName(name)
        return spin

    def _show_options(self, loaded: Any) -> None:
        options, timing = loaded
        self._options = options
        self._zone = timing.zone
        self.zone.setCurrentIndex(max(0, self.zone.findData(timing.zone)))
        self.new_per_day.setValue(options.new_per_day)
        self.reviews_per_day.setValue(options.reviews_per_day)
        self.learning_steps.setText(format_steps(options.learning_steps))
        self.relearning_steps.setText(format_steps(options.relearning_steps))
        self.rollover.setValue(options.rollover_hour)
        self.setEnabled(True)
        self.new_per_day.setFocus()

    def chosen_zone(self) -> str | bool | None:
        """The zone chosen (None: the system's); False when the typed text names no zone."""
        index = self.zone.findText(self.zone.currentText())
        if index >= 0:
            return self.zone.itemData(index)
        return False

    def chosen_display(self) -> UiSettings:
        """The display settings in the form."""
        return UiSettings(self.theme.currentData(), self.font_size.value(), self.furigana.isChecked())

    def save(self) -> None:
        """Validate, store the study options, apply the display settings, close."""
        if self._options is None:
            return
        zone = self.chosen_zone()
        if zone is False:
            self.status.setText(f"“{self.zone.currentText()}” is not a time zone; pick one from the list.")
            return
        try:
            options = replace(
                self._options,
                new_per_day=self.new_per_day.value(),
                reviews_per_day=self.reviews_per_day.value(),
                learning_steps=parse_steps(self.learning_steps.text()),
                relearning_steps=parse_steps(self.relearning_steps.text()),
            )
        except ValueError as exc:
            self.status.setText(str(exc))
            return
        problem = self.anki.check()
        if problem:
            self.status.setText(problem)
            return
        self.anki.save()
        self._context.apply_settings(self.chosen_display())
        rollover = self.rollover.value()
        if options == self._options and (zone, rollover) == (self._zone, self._options.rollover_hour):
            self.accept()
            return

        def work(col: Any) -> None:
            default = col.preset(DEFAULT_PRESET_ID)
            col.save_preset(default.name, options, default.id)
            col.set_timing(zone, rollover)

        self._context.worker.run_op(
            work,
            Change.OPTIONS,
            lambda _: self.accept(),
            lambda exc: self.status.setText(f"Not saved: {exc}"),
            self,
        )
