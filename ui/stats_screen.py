"""Statistics: the year as a calendar heatmap, the next 30 days, retention of mature cards, cards by
state, and words known per JLPT level over time. Figures come from ``jpstudy.stats.report``."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from jpstudy.stats import PROGRESS_LEGEND, StatsReport, report

from .charts import BarChart, HeatmapChart, LineChart
from .context import AppContext
from .shortcuts import STATS, add_actions
from .taskman import Change
from .widgets import StackedBar, card_frame, label

LEVEL_COLOURS = ("review", "new", "hard", "again", "level5")  # palette fields for N5 … N1


class StatsScreen(QWidget):
    """The statistics window (Esc closes, F5 reloads)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.report: StatsReport | None = None
        self.setWindowTitle("Statistics — jpstudy")
        self.setAccessibleName("Statistics")
        self.resize(900, 820)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(16)
        self.headline = label("Loading…", "title", name="Summary")
        layout.addWidget(self.headline)

        self.heatmap = HeatmapChart()
        self.year_line = label("", "muted", wrap=True, name="Year summary")
        self.forecast = BarChart("Reviews due in the next 30 days")
        self.forecast_line = label("", "muted", wrap=True, name="Forecast summary")
        self.retention = BarChart("Retention of mature cards per month")
        self.retention_line = label("", "muted", wrap=True, name="Retention summary")
        self.states = StackedBar("Cards by state")
        self.states.setMinimumHeight(18)
        self.states_line = label("", None, wrap=True, name="Cards by state")
        self.states_line.setTextFormat(Qt.TextFormat.RichText)
        self.words_line = label("", "muted", wrap=True, name="Word progress")
        self.known = LineChart("Words known per JLPT level over time")
        for title, widgets in (
            ("Reviews in the last year", (self.heatmap, self.year_line)),
            ("The next 30 days", (self.forecast, self.forecast_line)),
            ("Retention of mature cards", (self.retention, self.retention_line)),
            ("Cards by state", (self.states, self.states_line, self.words_line)),
            ("Words known per JLPT level (last 26 weeks)", (self.known,)),
        ):
            frame, inner = card_frame(title)
            inner.addWidget(label(title, "heading"))
            for widget in widgets:
                inner.addWidget(widget)
            layout.addWidget(frame)
        layout.addStretch(1)
        add_actions(self, STATS, {"close": self.close, "reload": self.reload})
        context.worker.changed.connect(self._on_changed)
        context.theme.changed.connect(self._restyle)
        self.reload()

    def reload(self) -> None:
        """Read the figures again (on the worker)."""
        now = self._context.clock()
        self._context.worker.run(
            lambda col: report(col, now),
            self.show_report,
            lambda e: self.headline.setText(f"Statistics unavailable: {e}"),
        )

    def _restyle(self) -> None:
        """Redraw the charts in the new theme's colours."""
        if self.report is not None:
            self.show_report(self.report)

    def _on_changed(self, changes: Change, initiator: object) -> None:
        if changes & (Change.CARDS | Change.WORDS) and self.isVisible():
            self.reload()

    def show_report(self, data: StatsReport) -> None:
        """Fill every chart from ``data``."""
        self.report = data
        p = self._context.theme.palette
        for chart in (self.heatmap, self.forecast, self.retention, self.known):
            chart.set_palette(p)
        total = sum(data.per_day.values())
        today_count = data.per_day.get(data.today, 0)
        self.headline.setText(f"{today_count} reviews today · {data.streak_days}-day streak · {total} in the last year")
        self.heatmap.set_data(data.per_day, data.today)
        days = len(data.per_day)
        average = total / days if days else 0
        self.year_line.setText(
            f"Studied on {days} of the last 365 days; {average:.0f} reviews a day on those days. "
            "Darker squares: more reviews."
        )

        labels = ["today" if i == 0 else (data.today + timedelta(days=i)).strftime("%d %b") for i in range(30)]
        self.forecast.set_data(data.forecast, labels, p.review, label_every=7)
        week = sum(data.forecast[:7])
        self.forecast_line.setText(
            f"{data.forecast[0]} due today, {data.forecast[1] if len(data.forecast) > 1 else 0} tomorrow, "
            f"{week} in the next 7 days (new cards not counted)."
        )

        months = [point.month.strftime("%b") for point in data.retention]
        self.retention.set_data([pt.percent for pt in data.retention], months, p.good, suffix="%", maximum=100)
        passed = sum(pt.passed for pt in data.retention)
        answered = sum(pt.total for pt in data.retention)
        self.retention_line.setText(
            f"{100 * passed / answered:.1f}% of {answered} answers to mature cards (interval ≥ 21 days) "
            "were remembered in the last 12 months. Anki users aim for 85–90%."
            if answered
            else "No mature cards answered yet — cards become mature when their interval reaches 21 days."
        )

        s = data.states
        parts = (
            (s.new, p.new, "new"),
            (s.learning, p.learning, "learning"),
            (s.young, p.hard, "young"),
            (s.mature, p.review, "mature"),
            (s.suspended, p.muted, "suspended"),
        )
        self.states.set_segments([(n, colour) for n, colour, _ in parts], sum(n for n, _, _ in parts), p.heat0)
        self.states_line.setText(
            " · ".join(f"<span style='color:{colour}'>■</span> {name} {n}" for n, colour, name in parts)
        )
        self.states.setAccessibleDescription(", ".join(f"{name} {n}" for n, _, name in parts))
        self.words_line.setText(f"Words (home screen, mining, job-ad library) — {PROGRESS_LEGEND}.")

        levels = list(data.known)
        points = data.known[levels[0]] if levels else []
        self.known.set_palette(p)
        self.known.set_data(
            [day.strftime("%d %b") for day, _ in points],
            [
                (level, getattr(p, LEVEL_COLOURS[i % len(LEVEL_COLOURS)]), [n for _, n in data.known[level]])
                for i, level in enumerate(levels)
            ],
        )
