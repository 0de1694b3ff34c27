"""What an Anki package holds, as plain records (read by ``package``, used by the importer).

Terms (Anki's storage, specs/sm2.md §2 and §9):
    note type: Anki's "model": named fields and card templates. A note has one value per field; Anki
        makes one card per template (``ord`` is the template's index).
    card row: Anki's ``cards`` columns as stored; ``due`` of queue 2/3 cards is a day number of the
        package's collection (see ``PackageTiming``), of queue 1 cards unix seconds, of new cards the
        new-queue position. ``odid``/``odue``: the home deck and due of a card that sits in a
        filtered deck (0 otherwise).
    preset: Anki's deck options group ("deck config"); only the SM-2 options jpstudy has are kept.
    package timing: what fixes the package collection's day numbers: ``crt`` (creation, unix s),
        ``creation_offset`` (minutes west of UTC at creation, None for collections without it) and
        the rollover hour (None when the package does not say: an ``.apkg`` of current Anki; Anki's
        default 4 applies).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AnkiTemplate:
    """One card template of a note type."""

    name: str
    front: str
    back: str
    template_id: int = 0


@dataclass(frozen=True)
class AnkiNoteType:
    """A note type with its field names in order, its templates and CSS.

    ``field_ids`` are Anki's field ids (0 when the package has none), kept with the template ids so
    that a re-export writes the very same note type back.
    """

    id: int
    name: str
    fields: tuple[str, ...]
    templates: tuple[AnkiTemplate, ...]
    css: str
    cloze: bool
    sort_field: int = 0
    field_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class AnkiNote:
    """A note: its GUID (Anki's identity across collections), note type, fields (HTML) and tags."""

    id: int
    guid: str
    notetype_id: int
    mod: int
    tags: tuple[str, ...]
    fields: tuple[str, ...]


@dataclass(frozen=True)
class AnkiCard:
    """A card row of Anki's ``cards`` table (see the module docstring)."""

    id: int
    note_id: int
    deck_id: int
    ord: int
    type: int
    queue: int
    due: int
    ivl: int
    factor: int
    reps: int
    lapses: int
    left: int
    odue: int = 0
    odid: int = 0
    data: str = ""

    @property
    def home_deck(self) -> int:
        """The card's own deck (its home deck while it sits in a filtered deck)."""
        return self.odid or self.deck_id

    @property
    def home_due(self) -> int:
        """The card's ``due`` outside a filtered deck."""
        return self.odue if self.odid else self.due


@dataclass(frozen=True)
class AnkiRevlog:
    """A review-log row (``ease`` 1–4 Again…Easy, 0 manual; ``ivl``/``last_ivl`` days, or −seconds)."""

    id: int
    card_id: int
    ease: int
    ivl: int
    last_ivl: int
    factor: int
    time: int
    type: int


@dataclass(frozen=True)
class AnkiPreset:
    """The SM-2 options of an Anki preset, in jpstudy's terms (``SchedulerOptions`` field names)."""

    id: int
    name: str
    learning_steps: tuple[float, ...] = (1.0, 10.0)
    relearning_steps: tuple[float, ...] = (10.0,)
    graduating_interval: int = 1
    easy_interval: int = 4
    minimum_interval: int = 1
    maximum_interval: int = 36_500
    starting_ease: float = 2.5
    easy_bonus: float = 1.3
    interval_modifier: float = 1.0
    hard_interval: float = 1.2
    new_interval: float = 0.0
    leech_threshold: int = 8
    leech_action: str = "tag"
    new_per_day: int = 20
    reviews_per_day: int = 200
    maximum_answer_seconds: int = 60


@dataclass(frozen=True)
class AnkiDeck:
    """A deck: full ``::`` name, its preset id (None for a filtered deck)."""

    id: int
    name: str
    preset_id: int | None


@dataclass(frozen=True)
class PackageTiming:
    """What fixes the package collection's day numbers (see the module docstring)."""

    crt: int
    creation_offset: int | None
    rollover_hour: int | None = None
    sched_version: int = 2


@dataclass(frozen=True)
class AnkiPackage:
    """Everything the importer needs from one ``.apkg``/``.colpkg``.

    ``format`` names the collection file read (``collection.anki21b``, ``collection.anki21`` or
    ``collection.anki2``); ``fsrs`` is True when the collection schedules with FSRS; ``media`` counts
    the media files in the package (jpstudy keeps none).
    """

    path: str
    format: str
    timing: PackageTiming
    notetypes: dict[int, AnkiNoteType]
    notes: tuple[AnkiNote, ...]
    cards: tuple[AnkiCard, ...]
    revlog: tuple[AnkiRevlog, ...]
    decks: dict[int, AnkiDeck]
    presets: dict[int, AnkiPreset]
    fsrs: bool = False
    media: int = 0
