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

from dataclasses import dataclass, field
from typing import Any

from jpstudy.srs import SchedulerOptions
from jpstudy.srs.anki_fields import AnkiCardFields


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
class AnkiCard(AnkiCardFields):
    """A card row of Anki's ``cards`` table (see the module docstring): its scheduling columns, then
    where it belongs."""

    id: int
    note_id: int
    deck_id: int
    ord: int
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
    """An Anki preset: its id, name and the SM-2 options jpstudy has (``options``' timing fields — zone,
    rollover, day 0 — are the defaults: they are the collection's, not a preset's)."""

    id: int
    name: str
    options: SchedulerOptions = field(default_factory=SchedulerOptions)


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

    @classmethod
    def from_config(cls, crt: int, config: dict[str, Any], sched_version: int) -> PackageTiming:
        """The timing of a collection created at ``crt`` with settings ``config`` (Anki's config keys
        ``creationOffset``, ``rollover``, ``schedVer``; ``sched_version`` when it has no ``schedVer``)."""
        offset, rollover = config.get("creationOffset"), config.get("rollover")
        return cls(
            crt=crt,
            creation_offset=int(offset) if isinstance(offset, int | float) else None,
            rollover_hour=int(rollover) % 24 if isinstance(rollover, int) else None,
            sched_version=int(config.get("schedVer", sched_version)),
        )


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
