"""The review session as a Qt-free state machine that drives an abstract view.

Terms:
    view: anything implementing :class:`ReviewView` (the Qt review screen, a test stub). The controller
        calls only the methods declared there; the view forwards the user's keys to the controller and
        holds no scheduling logic (Mnemosyne's review controller / review widget split).
    runner: a :class:`CollectionRunner`. It runs a piece of collection work and hands the result to a
        callback. The desktop app runs the work on its single database thread and calls back on the GUI
        thread; :class:`DirectRunner` runs it at once (tests, headless use). The controller never touches
        the collection outside a runner call, so it works the same with both.
    face: a :class:`CardFace` (``jpstudy.card_face``), everything the view shows about one card, read
        once when the card comes up.
    grade choice: one answer button, its rating, its label and the next interval it would give
        ("Good 1d"), computed before the answer from the scheduler's preview of all four outcomes.
    session: the answers given since :meth:`ReviewController.start`; :class:`SessionSummary` sums it up.

States (:class:`Phase`): ``LOADING`` while a runner call is pending (keys are ignored), ``QUESTION``
(front shown), ``ANSWER`` (back shown, grades enabled), ``FINISHED`` (nothing left today; the view shows
the summary and when the next card is due).
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol, TypeVar

from jpstudy.card_face import CardFace, make_face
from jpstudy.srs import Rating, Scheduler

if TYPE_CHECKING:
    from jpstudy.collection import Collection
    from jpstudy.collection.models import Card

T = TypeVar("T")

#: Longest answer time credited to one card, like Anki's default "maximum answer seconds".
MAX_ANSWER_MS = 60_000

#: Button labels in Anki's wording and order.
RATING_LABELS: dict[Rating, str] = {
    Rating.AGAIN: "Again",
    Rating.HARD: "Hard",
    Rating.GOOD: "Good",
    Rating.EASY: "Easy",
}


class CollectionRunner(Protocol):
    """Runs collection work somewhere and calls back with its result (or its error)."""

    def run(
        self,
        work: Callable[[Collection], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``work(col)``; then ``done(result)``, or ``failed(error)`` if it raised."""
        ...


class DirectRunner:
    """A runner that calls the work immediately on the caller's thread."""

    def __init__(self, col: Collection) -> None:
        self._col = col

    def run(
        self,
        work: Callable[[Collection], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``work`` now and pass its result to ``done`` (errors to ``failed`` if given)."""
        try:
            result = work(self._col)
        except Exception as exc:
            if failed is None:
                raise
            failed(exc)
            return
        done(result)


class Phase(enum.Enum):
    """Where the session is; see the module docstring."""

    LOADING = "loading"
    QUESTION = "question"
    ANSWER = "answer"
    FINISHED = "finished"


@dataclass(frozen=True)
class Counts:
    """Cards left today: new, learning, review (Anki's three numbers)."""

    new: int
    learning: int
    review: int

    @property
    def total(self) -> int:
        """All three added."""
        return self.new + self.learning + self.review


@dataclass(frozen=True)
class GradeChoice:
    """One answer button: the rating, its label and the interval it would give ("10m", "4d")."""

    rating: Rating
    label: str
    interval: str


@dataclass(frozen=True)
class SessionSummary:
    """The session so far.

    Attributes:
        answered: answers given (undone ones excluded).
        by_rating: how many answers of each rating.
        seconds: answer time credited, in seconds.
        next_due: when the next card (learning or review) becomes due, or ``None`` if none is scheduled.
        due_tomorrow: review cards due on the next study day.
    """

    answered: int
    by_rating: dict[Rating, int]
    seconds: float
    next_due: datetime | None
    due_tomorrow: int

    @property
    def correct_percent(self) -> float | None:
        """Share of answers that were not Again, in percent (``None`` before any answer)."""
        if not self.answered:
            return None
        return 100.0 * (self.answered - self.by_rating.get(Rating.AGAIN, 0)) / self.answered


class ReviewView(Protocol):
    """What the controller needs from a review screen."""

    def show_question(self, face: CardFace, counts: Counts) -> None:
        """Show the front of ``face``; hide the back and disable the grades."""
        ...

    def show_answer(self, face: CardFace, grades: list[GradeChoice]) -> None:
        """Show the back of ``face`` and enable the four grade buttons with their intervals."""
        ...

    def show_finished(self, summary: SessionSummary, now: datetime) -> None:
        """Nothing is left for now: show the summary and when the next card is due."""
        ...

    def set_undo(self, label: str | None) -> None:
        """Name the undo action by what it would undo ("Undo Answer", "Undo Suspend"), or disable it
        (None). Always what ``Collection.undo`` would do at that moment."""
        ...

    def show_notice(self, message: str) -> None:
        """Say calmly what just happened ("Suspended 残業 — Ctrl+Z to undo"); "" clears it."""
        ...

    def show_error(self, message: str) -> None:
        """Tell the user an operation failed (the data is unchanged)."""
        ...


@dataclass(frozen=True)
class _Loaded:
    """A card ready to show, with everything the view needs, read in one runner call."""

    card: Card
    face: CardFace
    grades: list[GradeChoice]
    counts: Counts


@dataclass(frozen=True)
class _Outcome:
    """What an operation left: the card to show next (None: finished) and the undo action's label."""

    loaded: _Loaded | None
    undo_label: str | None
    notice: str = ""


@dataclass
class _Session:
    """Mutable tallies of the current session."""

    answered: list[tuple[int, Rating, int]] = field(default_factory=list)  # card id, rating, ms


def grade_choices(scheduler: Scheduler, card: Card, now: datetime) -> list[GradeChoice]:
    """The four buttons for ``card`` answered at ``now``, each with the interval it would give."""
    labels = scheduler.button_labels(card.state, now)
    return [GradeChoice(rating, RATING_LABELS[rating], labels[rating]) for rating in RATING_LABELS]


class ReviewController:
    """Drives one review session; see the module docstring for the states.

    Args:
        view: the screen to drive.
        runner: where collection work runs.
        clock: returns the current aware datetime; injected so tests control time.
        deck: only study this deck (full name; its subdecks included), or ``None`` for all.
    """

    def __init__(
        self,
        view: ReviewView,
        runner: CollectionRunner,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        deck: str | None = None,
    ) -> None:
        self._view = view
        self._runner = runner
        self._clock = clock
        self._deck = deck
        self._phase = Phase.FINISHED
        self._current: _Loaded | None = None
        self._shown_at: datetime | None = None
        self._session = _Session()
        self._undo_label: str | None = None

    # -- state -------------------------------------------------------------------------------------
    @property
    def phase(self) -> Phase:
        """The current :class:`Phase`."""
        return self._phase

    @property
    def current_face(self) -> CardFace | None:
        """The card on screen, if any."""
        return self._current.face if self._current else None

    def summary(self, next_due: datetime | None = None, due_tomorrow: int = 0) -> SessionSummary:
        """The session so far (``next_due``/``due_tomorrow`` are filled in when the session ends)."""
        by_rating = {rating: 0 for rating in RATING_LABELS}
        for _, rating, _ in self._session.answered:
            by_rating[rating] += 1
        seconds = sum(ms for _, _, ms in self._session.answered) / 1000
        return SessionSummary(len(self._session.answered), by_rating, seconds, next_due, due_tomorrow)

    # -- commands (forwarded by the view) -------------------------------------------------------------
    def start(self) -> None:
        """Begin a session: reset the tallies and show the first card."""
        self._session = _Session()
        self._phase = Phase.LOADING
        now = self._clock()

        def work(col: Collection) -> _Outcome:
            return _Outcome(self._fetch(col, now), col.undo_label(now))

        self._runner.run(work, self._settle, self._fail_back(Phase.FINISHED))

    def reveal(self) -> None:
        """Show the back of the current card (Space/Enter). Ignored unless the front is shown."""
        if self._phase is not Phase.QUESTION or self._current is None:
            return
        self._phase = Phase.ANSWER
        self._view.show_answer(self._current.face, self._current.grades)

    def answer(self, rating: Rating) -> None:
        """Grade the current card (1–4). Ignored unless the back is shown."""
        if self._phase is not Phase.ANSWER or self._current is None:
            return
        card = self._current.card
        now = self._clock()
        shown = self._shown_at or now
        taken_ms = max(0, min(MAX_ANSWER_MS, int((now - shown).total_seconds() * 1000)))
        self._phase = Phase.LOADING

        def work(col: Collection) -> _Outcome:
            col.answer(card, rating, now=now, time_taken_ms=taken_ms)
            later = self._clock()
            return _Outcome(self._fetch(col, later), col.undo_label(later))

        def done(outcome: _Outcome) -> None:
            self._session.answered.append((card.id, rating, taken_ms))
            self._settle(outcome)

        self._runner.run(work, done, self._fail_back(Phase.ANSWER))

    def undo(self) -> None:
        """Undo the collection's last operation (an answer, suspend, bury …) and show that card's front
        again (Ctrl+Z). Ignored while loading or when there is nothing to undo."""
        if self._phase is Phase.LOADING:
            return
        if self._undo_label is None:
            self._view.show_notice("There is nothing to undo.")
            return
        previous = self._phase
        self._phase = Phase.LOADING
        now = self._clock()

        def work(col: Collection) -> tuple[str | None, _Outcome]:
            label = col.undo_label(now)
            restored = col.undo(now)
            if restored is None:
                return None, _Outcome(self._current, None)
            return label, _Outcome(self._load_card(col, restored, now), col.undo_label(now))

        def done(result: tuple[str | None, _Outcome]) -> None:
            label, outcome = result
            if label is None:
                self._phase = previous
                self._undo_label = None
                self._view.set_undo(None)
                self._view.show_notice("There is nothing to undo.")
                return
            undone = label.removeprefix("Undo ")
            if undone == "Answer" and self._session.answered:
                self._session.answered.pop()
            word = outcome.loaded.face.word if outcome.loaded else ""
            self._settle(dataclasses.replace(outcome, notice=f"Undid {undone.lower()} of {word}".strip()))

        self._runner.run(work, done, self._fail_back(previous))

    def suspend_current(self) -> None:
        """Suspend the card on screen and move on (S); undoable."""
        self._set_aside("suspend")

    def bury_current(self) -> None:
        """Bury the card on screen until tomorrow and move on (B, or - as in Anki); undoable."""
        self._set_aside("bury")

    def _set_aside(self, how: str) -> None:
        if self._phase not in (Phase.QUESTION, Phase.ANSWER) or self._current is None:
            return
        card_id = self._current.card.id
        word = self._current.face.word
        previous = self._phase
        self._phase = Phase.LOADING
        now = self._clock()

        def work(col: Collection) -> _Outcome:
            if how == "suspend":
                col.suspend([card_id], now=now)
                notice = f"Suspended {word} — Ctrl+Z to undo"
            else:
                col.bury([card_id], now=now)
                notice = f"Buried {word} until tomorrow — Ctrl+Z to undo"
            return _Outcome(self._fetch(col, now), col.undo_label(now), notice)

        self._runner.run(work, self._settle, self._fail_back(previous))

    def current_card_id(self) -> int | None:
        """The card on screen (for Card info, I)."""
        return self._current.card.id if self._current else None

    def current_note_id(self) -> int | None:
        """The note of the card on screen (for the edit dialog, E)."""
        return self._current.card.note_id if self._current else None

    def refresh_current(self) -> None:
        """Re-read the card on screen after its note was edited, keeping the side shown."""
        if self._current is None or self._phase not in (Phase.QUESTION, Phase.ANSWER):
            return
        card_id = self._current.card.id
        showing_answer = self._phase is Phase.ANSWER
        self._phase = Phase.LOADING

        def work(col: Collection) -> _Loaded | None:
            return self._load_card(col, col.get_card(card_id), self._clock())

        def done(loaded: _Loaded | None) -> None:
            shown_at = self._shown_at
            self._present(loaded)
            self._shown_at = shown_at
            if showing_answer:
                self.reveal()

        self._runner.run(work, done, self._fail_back(Phase.ANSWER if showing_answer else Phase.QUESTION))

    # -- internals -----------------------------------------------------------------------------------
    def _settle(self, outcome: _Outcome) -> None:
        """Back on the view's side after an operation: the undo action, the notice, the next card."""
        self._undo_label = outcome.undo_label
        self._view.set_undo(outcome.undo_label)
        self._view.show_notice(outcome.notice)
        self._present(outcome.loaded)

    def _fetch(self, col: Collection, now: datetime) -> _Loaded | None:
        """Runs on the runner: the next card and everything needed to show it."""
        card = col.next_card(now=now, deck=self._deck) if self._deck else col.next_card(now=now)
        if card is None:
            return None
        return self._load_card(col, card, now)

    def _load_card(self, col: Collection, card: Card, now: datetime) -> _Loaded:
        note = col.note_of(card)
        grades = grade_choices(col.scheduler_for_deck(card.deck_id), card, now)
        counts = col.counts(now=now, deck=self._deck)
        return _Loaded(card, make_face(col, card, note), grades, Counts(*counts))

    def _present(self, loaded: _Loaded | None) -> None:
        """Back on the view's side: show the loaded card, or finish."""
        self._current = loaded
        if loaded is None:
            self._finish()
            return
        self._phase = Phase.QUESTION
        self._shown_at = self._clock()
        self._view.show_question(loaded.face, loaded.counts)

    def _finish(self) -> None:
        self._phase = Phase.LOADING
        now = self._clock()

        def work(col: Collection) -> tuple[datetime | None, int]:
            from jpstudy.stats import due_tomorrow, next_due

            return next_due(col, now), due_tomorrow(col, now)

        def done(result: tuple[datetime | None, int]) -> None:
            self._phase = Phase.FINISHED
            self._view.show_finished(self.summary(*result), now)

        def failed(exc: BaseException) -> None:
            self._phase = Phase.FINISHED
            self._view.show_finished(self.summary(), now)

        self._runner.run(work, done, failed)

    def _fail_back(self, phase: Phase) -> Callable[[BaseException], None]:
        """An error callback that reports the error and returns to ``phase``."""

        def failed(exc: BaseException) -> None:
            self._phase = phase if self._current is not None or phase is Phase.FINISHED else Phase.FINISHED
            self._view.show_error(str(exc) or type(exc).__name__)

        return failed
