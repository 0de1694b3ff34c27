"""Importing an Anki package into a collection, in one transaction.

Terms:
    identity: an Anki note is the jpstudy note that came from it before (same GUID, see ``origin``),
        else the jpstudy note of the same word (same JMdict entry and reading, or same word and
        reading), else a new note.
    history: a card's answers (``reps``). When an Anki card and a jpstudy card are the same word in
        the same direction, the one with more history is kept, and the summary says which.
    preset: Anki's deck options. A collection without cards takes the options of the preset most
        imported cards use (jpstudy has one set of options); otherwise jpstudy's options stay and
        the summary names the presets that differ.
    summary: what happened, as counts (``ImportSummary.to_json``) and sentences for the user.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jpstudy.anki_import import origin
from jpstudy.anki_import.card_state import card_state, package_today, revlog_ease
from jpstudy.anki_import.field_map import FieldMap, automatic_maps, merged_map, unmapped
from jpstudy.anki_import.models import AnkiCard, AnkiNote, AnkiNoteType, AnkiPackage, AnkiPreset, AnkiRevlog
from jpstudy.anki_import.notes import Link, NoteValues, is_japanese, link_word, note_values, template_directions
from jpstudy.anki_import.package import read_package
from jpstudy.anki_import.presets import jpstudy_preset
from jpstudy.collection.collection import free_note_guid
from jpstudy.collection.rows import CARD_STATE_COLUMNS, state_columns, tags_text
from jpstudy.gc_pause import collector_paused
from jpstudy.japanese.sentence import locate_word
from jpstudy.srs import CardState
from jpstudy.srs.timing import DayClock

if TYPE_CHECKING:
    from jpstudy.collection import Collection
    from jpstudy.dictionary import Dictionary

ProgressCallback = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)``; stages "reading", "importing"."""
PROGRESS_EVERY = 500
DEFAULT_PRESET = AnkiPreset(id=0, name="Default")
DEFAULT_DECK = "Default"


@dataclass
class ImportSummary:
    """What an import did.

    Attributes:
        notes_added / notes_updated / notes_skipped: Anki notes that became new jpstudy notes, that
            changed an existing one (fields, a card's state, its Anki link), or that changed nothing
            (already imported and unchanged, not Japanese, or of a note type without a word field).
        cards: cards imported (added, or replacing a jpstudy card with less history).
        revlog: review-log rows imported.
        decks: full names of the decks the imported cards are in.
        field_map: the field map used, note type -> {field: role}.
        unmapped: note types with no word field (not imported).
        kept: one sentence per word where both sides had a card, saying whose was kept.
        notices: other things the user should know (FSRS, presets, media …).
        presets: the jpstudy presets the imported decks use (created or reused).
    """

    notes_added: int = 0
    notes_updated: int = 0
    notes_skipped: int = 0
    cards: int = 0
    revlog: int = 0
    decks: tuple[str, ...] = ()
    field_map: FieldMap = field(default_factory=dict)
    unmapped: tuple[str, ...] = ()
    kept: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    presets: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The counts printed by ``jpstudy import --json``."""
        return {
            "notes_added": self.notes_added, "notes_updated": self.notes_updated,
            "notes_skipped": self.notes_skipped, "cards": self.cards, "revlog": self.revlog,
            "decks": list(self.decks), "field_map": self.field_map,
        }


def _cards(count: int) -> str:
    return f"{count} card{'s' if count != 1 else ''}"


def used_notetypes(package: AnkiPackage) -> dict[str, AnkiNoteType]:
    """The note types the package's notes use, by name."""
    ids = {note.notetype_id for note in package.notes}
    return {nt.name: nt for nt in package.notetypes.values() if nt.id in ids}


def field_map_for(package: AnkiPackage, overrides: FieldMap | None = None) -> FieldMap:
    """The automatic field map of the package's note types with ``overrides`` applied."""
    return merged_map(automatic_maps(used_notetypes(package).values()), overrides or {})


@dataclass
class _Existing:
    card_id: int
    state: CardState
    position: int


class _Import:
    """One import: reads the collection and writes it inside the caller's transaction."""

    def __init__(self, col: Collection, db: sqlite3.Connection, package: AnkiPackage, field_map: FieldMap,
                 dictionary: Dictionary | None, now: datetime) -> None:
        self.col, self.db, self.package, self.field_map = col, db, package, field_map
        self.dictionary, self.now = dictionary, now
        self.summary = ImportSummary(field_map={k: dict(v) for k, v in field_map.items()},
                                     unmapped=tuple(unmapped(field_map)))
        self.v1 = package.timing.sched_version == 1
        self.fresh = db.execute("SELECT 1 FROM cards LIMIT 1").fetchone() is None
        self.preset_ids: dict[int, tuple[int, str]] = {}
        options = col.options
        self.clock = DayClock.at(now, options.tz, options.rollover_hour, options.first_day)
        self.today = col.today(now)
        self.package_today = package_today(package.timing, now, self.clock)
        self.by_guid = origin.notes_by_guid(db)
        self.cards_by_note: dict[int, list[AnkiCard]] = {}
        for card in package.cards:
            self.cards_by_note.setdefault(card.note_id, []).append(card)
        self.revlog: dict[int, list[AnkiRevlog]] = {}
        for row in package.revlog:
            self.revlog.setdefault(row.card_id, []).append(row)
        self.positions = self._positions()
        self.deck_ids: dict[str, int] = {}
        self.decks_used: set[str] = set()
        self.directions = {nt.id: template_directions(nt, field_map.get(nt.name, {}))
                           for nt in package.notetypes.values()}
        self.saved_notetypes: set[int] = set()
        self.cards_without_direction = 0
        self.added: set[int] = set()  # notes added by this import: their cards need no lookup …
        self.inserted: set[tuple[int, str]] = set()  # … until one is inserted

    # ----- options and days -------------------------------------------------------------------
    def _preset_of(self, card: AnkiCard) -> AnkiPreset:
        deck = self.package.decks.get(card.home_deck)
        preset_id = deck.preset_id if deck is not None and deck.preset_id is not None else 1
        return self.package.presets.get(preset_id, DEFAULT_PRESET)

    def _jpstudy_preset(self, card: AnkiCard) -> int:
        """The jpstudy preset for the card's Anki preset (see ``presets.jpstudy_preset``)."""
        preset = self._preset_of(card)
        if preset.id not in self.preset_ids:
            self.preset_ids[preset.id] = jpstudy_preset(self.db, preset, self.col.options, self.fresh)
        return self.preset_ids[preset.id][0]

    def _positions(self) -> dict[int, int]:
        """New-queue positions for the package's cards after the collection's last one, in Anki's
        new-card order (new cards by their position, then the others)."""
        start = int(self.db.execute("SELECT coalesce(max(position), 0) + 1 FROM cards").fetchone()[0])
        ordered = sorted(self.package.cards, key=lambda c: (c.type != 0, c.home_due if c.type == 0 else 0, c.id))
        return {card.id: start + rank for rank, card in enumerate(ordered)}

    # ----- decks --------------------------------------------------------------------------------
    def _deck_id(self, card: AnkiCard) -> int:
        """The jpstudy deck of the card's home deck, created if missing; a deck without cards before the
        import takes the jpstudy preset of its Anki preset."""
        deck = self.package.decks.get(card.home_deck)
        name = "::".join(p.strip() for p in (deck.name if deck else DEFAULT_DECK).split("::") if p.strip())
        name = name or DEFAULT_DECK
        if name not in self.deck_ids:
            full = ""
            for part in name.split("::"):
                full = f"{full}::{part}" if full else part
                self.db.execute("INSERT OR IGNORE INTO decks (name) VALUES (?)", (full,))
            deck_id = int(self.db.execute("SELECT id FROM decks WHERE name = ?", (name,)).fetchone()[0])
            self.deck_ids[name] = deck_id
            if self.db.execute("SELECT 1 FROM cards WHERE deck_id = ? LIMIT 1", (deck_id,)).fetchone() is None:
                self.db.execute("UPDATE decks SET preset_id = ? WHERE id = ?", (self._jpstudy_preset(card), deck_id))
        self.decks_used.add(name)
        return self.deck_ids[name]

    # ----- notes --------------------------------------------------------------------------------
    def run(self, progress: ProgressCallback | None) -> ImportSummary:
        notes = self.package.notes
        for done, note in enumerate(notes, start=1):
            self._note(note)
            if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(notes)):
                progress("importing", done, len(notes))
        self._notices()
        self.summary.decks = tuple(sorted(self.decks_used))
        return self.summary

    def _notices(self) -> None:
        s = self.summary
        if self.package.fsrs:
            s.notices.append("This collection schedules with FSRS in Anki. jpstudy imported each card's state and "
                             "history and schedules with SM-2 from now on.")
        if s.unmapped:
            s.notices.append("Not imported, no word field: " + ", ".join(s.unmapped)
                             + ". Choose a word field for them to import their notes.")
        if self.cards_without_direction:
            s.notices.append(f"{_cards(self.cards_without_direction)} of a third or later card type "
                             f"{'was' if self.cards_without_direction == 1 else 'were'} not imported (jpstudy "
                             "studies a word in two directions: recognition and production).")
        if self.package.media:
            files = f"{self.package.media} media file{'s' if self.package.media != 1 else ''}"
            s.notices.append(f"{files} not imported (jpstudy keeps text only).")
        for anki_id, (_, name) in sorted(self.preset_ids.items()):
            anki_name = self.package.presets.get(anki_id, DEFAULT_PRESET).name
            s.presets.append(name)
            same = "" if name == anki_name else f" (Anki's \"{anki_name}\")"
            s.notices.append(f"Decks from Anki use the deck options preset \"{name}\"{same}.")

    def _find_word(self, entry_id: int | None, word: str, reading: str) -> int | None:
        row = self.db.execute("SELECT id FROM notes WHERE word = ? AND reading = ? AND kind = 'word'",
                              (word, reading)).fetchone()
        if row is None and entry_id is not None:
            row = self.db.execute("SELECT id FROM notes WHERE entry_id = ? AND reading = ? AND kind = 'word'",
                                  (entry_id, reading)).fetchone()
        return None if row is None else int(row[0])

    def _note(self, note: AnkiNote) -> None:
        notetype = self.package.notetypes.get(note.notetype_id)
        roles = self.field_map.get(notetype.name, {}) if notetype else {}
        if notetype is None or "word" not in roles.values():
            self.summary.notes_skipped += 1
            return
        values = note_values(note, notetype, roles)
        word = values.get("word")
        if not is_japanese(word):
            self.summary.notes_skipped += 1
            return
        link = link_word(self.dictionary, word, values.get("reading"))
        known = self.by_guid.get(note.guid)
        newer = known is not None and note.mod > known[1]
        note_id = known[0] if known else self._find_word(link.entry_id, word, link.reading)
        added = note_id is None
        changed = False
        if note_id is None:
            note_id = self._insert_note(note, notetype, values, link)
            self.added.add(note_id)
        elif newer:
            changed = self._update_note(note_id, note, values)
        is_origin = known is not None or self._free_origin(note_id)
        if is_origin and (known is None or newer):
            self._save_origin(note_id, note, notetype, values, link)
            self.by_guid[note.guid] = (note_id, note.mod)
            changed = changed or known is None
        for card in sorted(self.cards_by_note.get(note.id, ()), key=lambda c: c.ord):
            changed |= self._card(note_id, note, card, is_origin)
        if added:
            self.summary.notes_added += 1
        elif changed:
            self.summary.notes_updated += 1
        else:
            self.summary.notes_skipped += 1

    def _insert_note(self, note: AnkiNote, notetype: AnkiNoteType, values: NoteValues, link: Link) -> int:
        word, reading = values.get("word"), link.reading
        created = note.id // 1000 if note.id > 10**11 else note.mod
        sentence = values.get("sentence")
        span = locate_word(sentence, word, reading) or (None, None)
        cur = self.db.execute(
            "INSERT INTO notes (guid, entry_id, word, reading, meaning, pos, jlpt, sentence, sentence_meaning, "
            "source, notes, tags, created, modified, sentence_start, sentence_end) "
            "VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (free_note_guid(self.db, link.entry_id, word, reading), link.entry_id, word, reading, values.get("meaning"),
             link.jlpt, sentence, values.get("sentence_meaning"), f"Anki: {notetype.name}",
             values.get("notes"), tags_text(note.tags), created, note.mod, *span),
        )
        return int(cur.lastrowid or 0)

    def _update_note(self, note_id: int, note: AnkiNote, values: NoteValues) -> bool:
        """Take the edited fields of a note imported before (the word and reading only if no other note
        has them)."""
        before = self.db.execute("SELECT word, reading, meaning, sentence, sentence_meaning, notes, tags "
                                 "FROM notes WHERE id = ?", (note_id,)).fetchone()
        word, reading = values.get("word"), values.get("reading") or before[1]
        if self.db.execute("SELECT 1 FROM notes WHERE word = ? AND reading = ? AND id != ?",
                           (word, reading, note_id)).fetchone():
            word, reading = before[0], before[1]
        after = (word, reading, values.get("meaning"), values.get("sentence"), values.get("sentence_meaning"),
                 values.get("notes"), tags_text(note.tags))
        if after == tuple(before):
            return False
        span = locate_word(after[3], word, reading) or (None, None)
        self.db.execute("UPDATE notes SET word = ?, reading = ?, meaning = ?, sentence = ?, sentence_meaning = ?, "
                        "notes = ?, tags = ?, modified = ?, sentence_start = ?, sentence_end = ? WHERE id = ?",
                        (*after, note.mod, *span, note_id))
        return True

    def _free_origin(self, note_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM anki_notes WHERE note_id = ?", (note_id,)).fetchone() is None

    def _save_origin(self, note_id: int, note: AnkiNote, notetype: AnkiNoteType, values: NoteValues,
                     link: Link) -> None:
        """Remember the Anki note; each role's value as jpstudy took it (the reading as linked), so that
        only edits made in jpstudy afterwards change the fields a re-export writes."""
        if notetype.id not in self.saved_notetypes:
            origin.save_notetype(self.db, notetype)
            self.saved_notetypes.add(notetype.id)
        taken = {**values.values, "reading": link.reading}
        roles = {role: (index, taken.get(role, "")) for role, index in values.indexes.items()}
        origin.save_origin(self.db, note_id, note.guid, notetype.id, note.fields, roles, note.mod)

    # ----- cards --------------------------------------------------------------------------------
    def _existing(self, note_id: int, direction: str) -> _Existing | None:
        row = self.db.execute("SELECT id, state, position FROM cards WHERE note_id = ? AND direction = ?",
                              (note_id, direction)).fetchone()
        return None if row is None else _Existing(row[0], CardState.from_dict(json.loads(row[1])), row[2])

    def _card(self, note_id: int, note: AnkiNote, card: AnkiCard, is_origin: bool) -> bool:
        """Import one card; True when the collection changed."""
        direction = self.directions.get(note.notetype_id, {}).get(card.ord)
        if direction is None:
            self.cards_without_direction += 1
            return False
        preset = self._preset_of(card)
        state = card_state(card, preset, today=self.package_today, clock=self.clock,
                           leech="leech" in (t.lower() for t in note.tags), v1=self.v1)
        history = self.revlog.get(card.id, [])
        unseen = note_id in self.added and (note_id, direction) not in self.inserted
        existing = None if unseen else self._existing(note_id, direction)
        if existing is None:
            card_id = self._insert_card(note_id, card, direction, state)
            self.inserted.add((note_id, direction))
        elif state.reps > existing.state.reps:
            card_id = existing.card_id
            self._update_card(existing, card, state)
            if not self._linked(card_id):
                self.summary.kept.append(f"{self._word(note_id)} ({direction}): kept Anki's card ({state.reps} "
                                         f"answers) over jpstudy's ({existing.state.reps})")
        else:
            if is_origin and not self._linked(existing.card_id):
                origin.save_card_ord(self.db, existing.card_id, card.ord)
                if state.reps or existing.state.reps:
                    self.summary.kept.append(f"{self._word(note_id)} ({direction}): kept jpstudy's card "
                                             f"({existing.state.reps} answers) over Anki's ({state.reps})")
                return True
            return False
        if is_origin:
            origin.save_card_ord(self.db, card_id, card.ord)
        self.summary.cards += 1
        self.summary.revlog += self._insert_revlog(card_id, history)
        return True

    def _word(self, note_id: int) -> str:
        return str(self.db.execute("SELECT word FROM notes WHERE id = ?", (note_id,)).fetchone()[0])

    def _linked(self, card_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM anki_cards WHERE card_id = ?", (card_id,)).fetchone() is not None

    def _columns(self, state: CardState, position: int) -> dict[str, int]:
        return state_columns(self.col.options, state, position, self.now, self.today)

    def _insert_card(self, note_id: int, card: AnkiCard, direction: str, state: CardState) -> int:
        position = self.positions[card.id]
        cols = self._columns(state, position)
        cur = self.db.execute(
            f"INSERT INTO cards (note_id, deck_id, direction, {', '.join(CARD_STATE_COLUMNS)}, position, state) "
            f"VALUES (?, ?, ?, {', '.join('?' * len(CARD_STATE_COLUMNS))}, ?, ?)",
            (note_id, self._deck_id(card), direction, *(cols[c] for c in CARD_STATE_COLUMNS), position,
             json.dumps(state.to_dict())),
        )
        return int(cur.lastrowid or 0)

    def _update_card(self, existing: _Existing, card: AnkiCard, state: CardState) -> None:
        cols = self._columns(state, existing.position)
        assignments = ", ".join(f"{c} = :{c}" for c in CARD_STATE_COLUMNS)
        self.db.execute(f"UPDATE cards SET {assignments}, deck_id = :deck, state = :state WHERE id = :id",
                        {**cols, "deck": self._deck_id(card), "state": json.dumps(state.to_dict()),
                         "id": existing.card_id})

    def _insert_revlog(self, card_id: int, rows: list[AnkiRevlog]) -> int:
        """Insert the rows the card does not have yet; an id another card's row holds moves on by 1 ms."""
        if not rows:
            return 0
        taken = dict(self.db.execute("SELECT id, card_id FROM revlog WHERE id BETWEEN ? AND ?",
                                     (rows[0].id, rows[-1].id + len(rows))))
        out = []
        for row in rows:
            rid = row.id
            while rid in taken and taken[rid] != card_id:
                rid += 1
            if taken.get(rid) == card_id:
                continue
            taken[rid] = card_id
            out.append((rid, card_id, revlog_ease(row, self.v1), row.ivl, row.last_ivl, row.factor, row.time,
                        row.type))
        self.db.executemany("INSERT INTO revlog (id, card_id, ease, ivl, last_ivl, factor, time, type) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", out)
        return len(out)


def import_package(
    col: Collection,
    source: AnkiPackage | str | Path,
    *,
    overrides: FieldMap | None = None,
    dictionary: Dictionary | None = None,
    now: datetime | None = None,
    progress: ProgressCallback | None = None,
) -> ImportSummary:
    """Import an Anki package (or one already read with ``read_package``) into ``col``.

    ``overrides`` change the automatic field map (see ``field_map``); ``dictionary`` links words to
    JMdict and their JLPT level (without it words are kept as they are). Everything happens in one
    transaction: on any error the collection is as it was.

    Raises:
        PackageError: the file cannot be imported (see ``read_package``).
    """
    now = datetime.now(UTC) if now is None else now
    package = source if isinstance(source, AnkiPackage) else read_package(source)
    field_map = field_map_for(package, overrides)
    with col.lock:
        fresh = col.card_count() == 0
        with collector_paused(), col.transaction() as db:
            summary = _Import(col, db, package, field_map, dictionary, now).run(progress)
        col.reload()
        rollover = package.timing.rollover_hour
        if fresh and rollover is not None and rollover != col.timing.rollover_hour:
            col.set_timing(col.timing.zone, rollover)
            summary.notices.append(f"The next day now starts at {rollover}:00, as in Anki.")
    return summary
