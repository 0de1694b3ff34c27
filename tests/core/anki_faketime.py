"""Real Anki in a child process whose clock is frozen by libfaketime, in a real IANA time zone.

The child runs the ``anki`` package with ``TZ`` set to the zone under test and libfaketime preloaded,
reading its time from a file (``FAKETIME_TIMESTAMP_FILE``, re-read on every clock call). The parent
writes the simulated local time into that file before each command, so Anki's own backend — day
numbers, rollover, learning due times, queue building, undo — answers exactly at that second.

Commands are JSON lines on the child's stdin; each gets one JSON line back (see ``_handle``).
``ANKI_TEST_MODE=1`` turns Anki's fuzz off; in that mode Anki also moves its clock back two hours
while the local hour is 2 or 3, so scenarios keep their answers out of 02:00-03:59 local time.

Terms:
    preset: Anki deck options as legacy JSON keys (``new.delays``, ``rev.perDay`` …) that override
        Anki's defaults (``preset_json``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jpstudy.srs import SchedulerOptions


def _libfaketime() -> Path:
    """Debian's libfaketime (package ``libfaketime``, installed by ``tools/debian-deps.sh --test``) for
    this machine's architecture; a clear error when it is missing."""
    found = sorted(Path("/usr/lib").glob("*/faketime/libfaketime.so.1")) + sorted(
        Path("/usr/lib/faketime").glob("libfaketime.so.1"))
    if not found:
        raise RuntimeError("libfaketime is missing: run tools/debian-deps.sh --test (Debian package faketime)")
    return found[0]


LIBFAKETIME = _libfaketime()


def preset_json(options: SchedulerOptions) -> dict[str, Any]:
    """The legacy deck-config keys Anki needs for ``options`` (nested as in ``col.decks``)."""
    return {
        "new": {
            "delays": [float(m) for m in options.learning_steps],
            "ints": [options.graduating_interval, options.easy_interval, 0],
            "initialFactor": options.starting_factor,
            "perDay": options.new_per_day,
        },
        "lapse": {
            "delays": [float(m) for m in options.relearning_steps],
            "mult": options.new_interval,
            "minInt": options.minimum_interval,
            "leechFails": options.leech_threshold,
            "leechAction": 0 if options.leech_action == "suspend" else 1,
        },
        "rev": {
            "perDay": options.reviews_per_day,
            "ease4": options.easy_bonus,
            "ivlFct": options.interval_modifier,
            "maxIvl": options.maximum_interval,
            "hardFactor": options.hard_interval,
        },
        "maxTaken": options.maximum_answer_seconds,
    }


class FakeTimeAnki:
    """One Anki collection in a child process; ``at(moment)`` sets its clock, ``call`` runs a command."""

    def __init__(self, zone: str, folder: Path | None = None) -> None:
        self.zone = ZoneInfo(zone)
        self._tmp = None if folder is not None else tempfile.TemporaryDirectory()
        self.folder = Path(folder or self._tmp.name)  # type: ignore[union-attr]
        self._clock = self.folder / "faketime"
        self._clock.write_text("2026-01-01 12:00:00\n")
        inherited = {k: v for k, v in os.environ.items() if not k.startswith("FAKETIME")}  # an outer faketime's
        env = {
            **inherited,
            "TZ": zone,
            "ANKI_TEST_MODE": "1",
            "LD_PRELOAD": str(LIBFAKETIME),
            "FAKETIME_TIMESTAMP_FILE": str(self._clock),
            "FAKETIME_NO_CACHE": "1",
        }
        self._proc = subprocess.Popen(
            [sys.executable, __file__, str(self.folder / "anki.anki2")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True,
        )

    def at(self, moment: datetime) -> None:
        """Freeze the child's clock at ``moment`` (whole seconds; written as local time of the zone)."""
        local = moment.astimezone(self.zone)
        self._clock.write_text(local.strftime("%Y-%m-%d %H:%M:%S") + "\n")

    def call(self, op: str, **args: Any) -> Any:
        """Run one command in the child and return its result (``RuntimeError`` on its failure)."""
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self._proc.stdin.flush()
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the Anki child process died during {op}")
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError(f"Anki {op}: {reply['error']}")
        return reply["result"]

    def close(self) -> None:
        """Stop the child and remove its folder."""
        if self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
            self._proc.wait(timeout=30)
        if self._tmp is not None:
            self._tmp.cleanup()

    def __enter__(self) -> FakeTimeAnki:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- the child --------------------------------------------------------------------------------------

CARD_SQL = "select id, type, queue, due, ivl, factor, reps, lapses, left from cards order by id"


class _Child:
    def __init__(self, path: str) -> None:
        self.path = path
        self.col: Any = None
        self.presets: dict[str, int] = {}
        self.current: int | None = None

    def setup(self, rollover: int, presets: dict[str, Any], decks: dict[str, str], cards: list[list[str]]) -> Any:
        from anki.collection import Collection

        self.col = Collection(self.path)
        self.col.db.execute("pragma synchronous = off")
        prefs = self.col.get_preferences()
        prefs.scheduling.rollover = rollover
        self.col.set_preferences(prefs)
        for name, values in presets.items():
            self.set_preset(name, values)
        deck_ids = {name: self.col.decks.id(name) for name in decks}
        for name, preset in decks.items():
            deck = self.col.decks.get(deck_ids[name])
            deck["conf"] = self.presets[preset] if preset != "Default" else 1
            self.col.decks.save(deck)
        model = self.col.models.by_name("Basic")
        ids = []
        for deck, front in cards:
            note = self.col.new_note(model)
            note["Front"] = front
            self.col.add_note(note, deck_ids[deck])
            ids.append(note.cards()[0].id)
        return {"ids": ids, "decks": deck_ids, "crt": self.col.crt, "today": self.col.sched.today}

    def set_preset(self, name: str, values: dict[str, Any]) -> int:
        if name == "Default":
            config = self.col.decks.get_config(1)
        elif name in self.presets:
            config = self.col.decks.get_config(self.presets[name])
        else:
            config = self.col.decks.get_config(self.col.decks.add_config_returning_id(name))
        for key, value in values.items():
            if isinstance(value, dict):
                config[key].update(value)
            else:
                config[key] = value
        self.col.decks.update_config(config)
        self.presets[name] = config["id"]
        return config["id"]

    def select(self, deck: str) -> None:
        deck_id = self.col.decks.id(deck, create=False)
        if deck_id != self.current:
            self.col.decks.select(deck_id)
            self.current = deck_id

    def tree(self) -> dict[str, list[int]]:
        counts: dict[str, list[int]] = {}

        def visit(node: Any, prefix: str) -> None:
            for child in node.children:
                name = f"{prefix}::{child.name}" if prefix else child.name
                counts[name] = [child.new_count, child.learn_count, child.review_count]
                visit(child, name)

        visit(self.col.sched.deck_due_tree(), "")
        return counts

    def queue(self, deck: str, limit: int = 1) -> Any:
        self.select(deck)
        queued = self.col.sched.get_queued_cards(fetch_limit=limit)
        return {"ids": [c.card.id for c in queued.cards],
                "counts": [queued.new_count, queued.learning_count, queued.review_count]}

    def answer(self, deck: str, card_id: int, rating: int, millis: int, ms: int) -> Any:
        from anki.scheduler.v3 import CardAnswer

        self.select(deck)
        queued = self.col.sched.get_queued_cards(fetch_limit=1)
        head = queued.cards[0]
        if head.card.id != card_id:
            raise RuntimeError(f"card {card_id} is not at the top of Anki's queue (it is {head.card.id})")
        states = head.states
        new_state = (states.again, states.hard, states.good, states.easy)[rating - 1]
        self.col.sched.answer_card(CardAnswer(
            card_id=card_id, current_state=states.current, new_state=new_state, rating=rating - 1,
            answered_at_millis=millis, milliseconds_taken=ms,
        ))
        return None

    def cards(self) -> Any:
        rows = self.col.db.all(CARD_SQL)
        tags = dict(self.col.db.all("select c.id, n.tags from cards c join notes n on n.id = c.nid"))
        revlog = self.col.db.all("select cid, id, ease, ivl, lastIvl, factor, time, type from revlog order by id")
        return {"cards": [[*r, "leech" in tags[r[0]].lower().split()] for r in rows], "revlog": revlog}

    def undo(self) -> Any:
        from anki.errors import UndoEmpty

        try:
            self.col.undo()
            return True
        except UndoEmpty:
            return None

    def can_undo(self) -> Any:
        return self.col.undo_status().undo or None

    def bury(self, ids: list[int]) -> None:
        self.col.sched.bury_cards(ids, manual=True)

    def suspend(self, ids: list[int]) -> None:
        self.col.sched.suspend_cards(ids)

    def remove_tag(self, card_id: int, tag: str) -> None:
        note = self.col.get_card(card_id).note()
        note.remove_tag(tag)
        self.col.update_note(note)

    def open_empty(self, rollover: int) -> Any:
        from anki.collection import Collection

        self.col = Collection(self.path)
        self.col.db.execute("pragma synchronous = off")
        prefs = self.col.get_preferences()
        prefs.scheduling.rollover = rollover
        self.col.set_preferences(prefs)
        return self.col.sched.today

    def import_apkg(self, path: str) -> Any:
        from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        options = ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True)
        self.col.import_anki_package(ImportAnkiPackageRequest(package_path=path, options=options))
        rows = self.col.db.all("select c.id, n.flds from cards c join notes n on n.id = c.nid")
        return [[cid, flds.split("\x1f")[0]] for cid, flds in rows]

    def deck_config(self, deck: str) -> Any:
        return self.col.decks.config_dict_for_deck_id(self.col.decks.id(deck, create=False))

    def today(self) -> Any:
        return self.col.sched.today

    def sql(self, query: str) -> Any:
        return self.col.db.all(query)

    def handle(self, request: dict[str, Any]) -> Any:
        op = request.pop("op")
        return getattr(self, op)(**request)


def _main(path: str) -> None:
    child = _Child(path)
    for line in sys.stdin:
        try:
            reply = {"result": child.handle(json.loads(line))}
        except Exception as exc:  # reported to the parent, which raises it
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
    if child.col is not None:
        child.col.close()


if __name__ == "__main__":
    _main(sys.argv[1])
