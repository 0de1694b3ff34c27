"""Export to Anki, verified by importing each package into a temporary collection of real Anki.

The oracle is the PyPI package ``anki`` (Anki's own Rust backend). ``ANKI_TEST_MODE=1`` turns off
its fuzz and jitter, so answers given in Anki after the import can be compared with jpstudy's.
Expected card rows are computed here from the jpstudy card states with Anki's storage rules
(specs/sm2.md §2), independently of the exporter's code.
"""

from __future__ import annotations

import os

os.environ["ANKI_TEST_MODE"] = "1"  # must be set before anki is imported

import dataclasses
import html
import resource
import signal
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from anki.collection import Collection as AnkiCollection
from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportResponse
from anki.scheduler.v3 import CardAnswer
from anki_oracle import local_time_near_noon

from jpstudy.collection import Collection, NewNote
from jpstudy.collection.models import Card
from jpstudy.export import ExportError, export_apkg
from jpstudy.srs import Rating, SchedulerOptions

pytestmark = pytest.mark.clock

if TYPE_CHECKING:
    from anki.cards import Card as AnkiCard

NOTE_TYPE_NAMES = {"recognition": "jpstudy Recognition", "production": "jpstudy Production"}
FIELDS = ["Word", "Reading", "Meaning", "JLPT", "Sentence", "SentenceMeaning", "Source", "Notes", "Pitch",
          "SentenceFurigana", "Kanji"]
KIND_TYPE = {"new": 0, "learning": 1, "review": 2, "relearning": 3}
D, H, M = timedelta(days=1), timedelta(hours=1), timedelta(minutes=1)
AGAIN, HARD, GOOD, EASY = Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY


# ----- building a jpstudy collection with cards in every state -------------------------------------

def _leech_history() -> list[tuple[timedelta, Rating]]:
    """Graduate, then lapse 8 times (Anki's leech threshold): the card becomes a leech."""
    answers = [(-58 * D, EASY)]
    for k in range(8):
        answers += [(-50 * D + k * 2 * D, AGAIN), (-50 * D + k * 2 * D + 10 * M, GOOD)]
    return answers


HISTORIES: dict[str, list[tuple[timedelta, Rating]]] = {
    "新しい": [],
    "学習中": [(-1 * M, GOOD)],                          # learning, next step due in 9 minutes
    "遅刻": [(-3 * H, AGAIN)],                           # learning, overdue
    "予定": [(-2 * D, EASY)],                            # review, due in 2 days
    "延滞": [(-20 * D, EASY), (-16 * D, GOOD)],           # review, overdue by 6 days
    "復習中": [(-20 * D, EASY), (-2 * M, AGAIN)],          # relearning, due in 8 minutes
    "忘却": [(-20 * D, EASY), (-5 * H, AGAIN)],            # relearning, overdue
    "休止": [(-3 * D, EASY), (-1 * D, HARD)],              # review, then suspended
    "難物": _leech_history(),                            # review, leech
}
SUSPENDED_WORD = "休止"
ImportLog = ImportResponse.Log
PRODUCTION_WORD = "予定"


@dataclasses.dataclass
class Built:
    col: Collection
    now: datetime
    cards: dict[tuple[str, str], Card]  # (word, direction) -> card

    def refresh(self) -> None:
        self.cards = {(self.col.note_of(c).word, c.direction): c
                      for c in map(self.col.get_card, self.col.search_cards(""))}


def build_collection(
    path: Path, now: datetime, histories: dict[str, list[tuple[timedelta, Rating]]] = HISTORIES,
    options: SchedulerOptions | None = None,
) -> Built:
    col = Collection.open(path, created=now - 90 * D)
    col.fuzz = False
    # Anki counts days in the process's local time: so does the collection here.
    col.set_options(dataclasses.replace(options or col.options, tz=datetime.now().astimezone().tzinfo))
    for i, word in enumerate(histories):
        directions = ("recognition", "production") if word == PRODUCTION_WORD else ("recognition",)
        col.add_note(
            NewNote(word=word, reading=f"よみ{i}", meaning=f"meaning {i} <b>bold?</b>", jlpt="N4",
                    entry_id=1_000_000 + i, sentence=f"この{word}は大事。", tags=("work",)),
            deck="JLPT::N4", directions=directions, now=now - 91 * D,
        )
    mined = NewNote(
        word="残業", reading="ざんぎょう", meaning="overtime <script>x</script> & more",
        sentence="残業は<b>月10時間</b>程度", sentence_meaning="About 10 h of overtime a month",
        source="求人票 2026-05", notes="line 1\nline 2",
    )
    col.add_note(mined, deck="Mined", now=now - 91 * D)
    col.add_note(NewNote(word="派遣", reading="はけん", meaning="dispatch"), deck="Work::IT",
                 now=now - 91 * D)
    built = Built(col, now, {})
    built.refresh()
    for word, answers in histories.items():
        for direction in ("recognition", "production"):
            card = built.cards.get((word, direction))
            for offset, rating in answers if card else ():
                card = col.answer(card, rating, now=now + offset, time_taken_ms=4200)
    if SUSPENDED_WORD in histories:
        col.suspend([built.cards[(SUSPENDED_WORD, "recognition")].id])
    built.refresh()
    return built


@pytest.fixture
def near_noon(tmp_path: Path) -> Iterator[None]:
    """Local time near 12:00 for the test (see ``local_time_near_noon``): Anki's test mode moves its
    clock back two hours when the local hour is 2 or 3, which would set it apart from jpstudy's."""
    with local_time_near_noon(tmp_path / "tz-probe"):
        yield


@pytest.fixture
def built(tmp_path: Path, near_noon: None) -> Iterator[Built]:
    b = build_collection(tmp_path / "jpstudy.sqlite3", datetime.now(UTC))
    yield b
    b.col.close()


@pytest.fixture
def anki(tmp_path: Path, near_noon: None) -> Iterator[AnkiCollection]:
    folder = tmp_path / "anki"
    folder.mkdir()
    a = AnkiCollection(str(folder / "collection.anki2"))
    yield a
    a.close()


def import_package(
    anki: AnkiCollection, path: Path, *, with_scheduling: bool, with_deck_configs: bool = False
) -> ImportLog:
    """Import like Anki's import dialog ("Import any learning progress", "Import deck presets")."""
    options = ImportAnkiPackageOptions(with_scheduling=with_scheduling, with_deck_configs=with_deck_configs)
    request = ImportAnkiPackageRequest(package_path=str(path), options=options)
    return anki.import_anki_package(request).log


def anki_cards(anki: AnkiCollection) -> dict[tuple[str, str], dict]:
    """(Word field, direction) -> the imported card's row, fields, tags, deck and note type."""
    direction_of = {name: d for d, name in NOTE_TYPE_NAMES.items()}
    out = {}
    for cid in anki.find_cards(""):
        card = anki.get_card(cid)
        note = card.note()
        model = note.note_type()
        out[(html.unescape(note["Word"]), direction_of[model["name"]])] = {
            "card": card, "note": note, "model": model, "deck": anki.decks.name(card.did),
        }
    return out


# ----- expectations from Anki's storage rules (specs/sm2.md §2, §10) ---------------------------------

def scheduling_date(moment: datetime, options: SchedulerOptions) -> date:
    """The scheduling day of ``moment`` in the collection's own zone and rollover hour (the fixture sets
    the zone to the process's local one, as Anki's)."""
    local = moment.astimezone(options.tz).replace(tzinfo=None)
    return (local - timedelta(hours=options.rollover_hour)).date()


def expected_row(card: Card, col: Collection, now: datetime) -> dict[str, int]:
    s = card.state
    if s.suspended:
        queue = -1
    elif s.kind in ("new", "review"):
        queue = {"new": 0, "review": 2}[s.kind]
    else:
        queue = 3 if s.interday else 1
    row = {
        "type": KIND_TYPE[s.kind], "queue": queue, "reps": s.reps, "lapses": s.lapses,
        "ivl": s.interval_days if s.kind in ("review", "relearning") else 0,
        "factor": round(s.ease * 1000) if s.ease is not None else 0,
        "left": s.left or 0,
    }
    if s.due is not None and (s.kind == "review" or s.interday):
        row["due_in_days"] = (scheduling_date(s.due, col.options) - scheduling_date(now, col.options)).days
    elif s.due is not None:
        row["due_secs"] = int(s.due.timestamp())
    return row


def actual_row(anki: AnkiCollection, card: AnkiCard) -> dict[str, int]:
    row = {name: getattr(card, name) for name in ("type", "queue", "reps", "lapses", "ivl", "factor", "left")}
    if (card.type in (2, 3) and card.queue in (2, 3, -1)) or card.queue == 3:
        row["due_in_days"] = card.due - anki.sched.today
    elif card.queue == 1 or card.type in (1, 3):
        row["due_secs"] = card.due
    return row


# ----- tests ------------------------------------------------------------------------------------------

def test_package_imports_with_notes_fields_decks_tags_and_note_types(
    built: Built, anki: AnkiCollection, tmp_path: Path
) -> None:
    out = tmp_path / "jpstudy.apkg"
    result = export_apkg(built.col, out, now=built.now)
    log = import_package(anki, out, with_scheduling=False)

    assert result.notes == len(built.cards) == len(HISTORIES) + 3
    assert len(log.new) == anki.note_count() == anki.card_count() == len(built.cards)
    imported = anki_cards(anki)
    assert set(imported) == set(built.cards)
    assert set(anki.decks.all_names()) >= {"JLPT", "JLPT::N4", "Mined", "Work", "Work::IT"}
    for key, card in built.cards.items():
        note = built.col.note_of(card)
        got = imported[key]
        assert got["model"]["name"] == NOTE_TYPE_NAMES[card.direction]
        assert [f["name"] for f in got["model"]["flds"]] == FIELDS
        assert got["deck"] == {d.id: d.name for d in built.col.decks()}[card.deck_id]
        assert html.unescape(got["note"]["Meaning"]) == note.meaning
        assert got["note"]["Reading"] == note.reading
        assert got["card"].type == 0 and got["card"].queue == 0  # without progress: new
    assert {anki.decks.config_dict_for_deck_id(v["card"].did)["name"] for v in imported.values()} == {"Default"}
    assert imported[("予定", "recognition")]["note"].tags == ["jlpt::n4", "work"]
    assert imported[("残業", "recognition")]["note"].tags == ["mined"]
    assert imported[("派遣", "recognition")]["note"].tags == []
    assert anki.db.scalar("select count() from revlog") == 0


def test_html_in_fields_stays_text(built: Built, anki: AnkiCollection, tmp_path: Path) -> None:
    out = tmp_path / "jpstudy.apkg"
    export_apkg(built.col, out, now=built.now)
    import_package(anki, out, with_scheduling=False)
    got = anki_cards(anki)[("残業", "recognition")]
    note, card = got["note"], got["card"]
    assert note["Meaning"] == "overtime &lt;script&gt;x&lt;/script&gt; &amp; more"
    assert note["Sentence"] == '<span class="target">残業</span>は&lt;b&gt;月10時間&lt;/b&gt;程度'
    assert note["Notes"] == "line 1<br>line 2"
    answer = card.answer()
    assert "<script>" not in answer and "&lt;script&gt;x&lt;/script&gt;" in answer
    assert "<b>月10時間</b>" not in answer
    assert "JMdict © EDRDG" in answer


def test_reexport_after_editing_a_meaning_updates_the_notes(
    built: Built, anki: AnkiCollection, tmp_path: Path
) -> None:
    first = tmp_path / "first.apkg"
    export_apkg(built.col, first, now=built.now)
    import_package(anki, first, with_scheduling=False)
    note_types_before = {(m.id, m.name) for m in anki.models.all_names_and_ids()}
    field_ids_before = {m.id: [f["id"] for f in anki.models.get(m.id)["flds"]]
                        for m in anki.models.all_names_and_ids()}

    note = built.col.note_of(built.cards[(PRODUCTION_WORD, "production")])
    built.col.update_note(dataclasses.replace(note, meaning="schedule, plan"), now=built.now + M)
    second = tmp_path / "second.apkg"
    export_apkg(built.col, second, now=built.now + 2 * M)
    log = import_package(anki, second, with_scheduling=False)

    # Anki's log calls notes it already holds and leaves unchanged "duplicate"; none is added twice.
    assert len(log.new) == 0 and len(log.conflicting) == 0
    assert {n.fields[0] for n in log.updated} == {PRODUCTION_WORD}
    assert len(log.updated) == 2  # the word's recognition and production notes
    assert len(log.duplicate) == len(built.cards) - 2
    assert anki.note_count() == len(built.cards)
    assert anki.db.scalar("select count(distinct guid) from notes") == len(built.cards)
    assert {(m.id, m.name) for m in anki.models.all_names_and_ids()} == note_types_before
    assert {m.id: [f["id"] for f in anki.models.get(m.id)["flds"]]
            for m in anki.models.all_names_and_ids()} == field_ids_before
    imported = anki_cards(anki)
    for direction in ("recognition", "production"):
        assert imported[(PRODUCTION_WORD, direction)]["note"]["Meaning"] == "schedule, plan"


def test_progress_carries_every_card_state_and_review_log(
    built: Built, anki: AnkiCollection, tmp_path: Path
) -> None:
    out = tmp_path / "progress.apkg"
    result = export_apkg(built.col, out, with_progress=True, now=built.now)
    import_package(anki, out, with_scheduling=True)
    imported = anki_cards(anki)

    expected = {key: expected_row(card, built.col, built.now) for key, card in built.cards.items()}
    actual = {key: actual_row(anki, imported[key]["card"]) for key in built.cards}
    new_keys = [k for k, c in built.cards.items() if c.state.kind == "new"]
    for key in new_keys:  # Anki gives imported new cards its own new-queue positions
        expected[key].pop("due_in_days", None)
    assert actual == expected

    # every state the brief names is covered: learning, review, relearning, overdue, not yet due
    states = {(e["type"], e["queue"]) for e in expected.values()}
    assert {(0, 0), (1, 1), (2, 2), (3, 1), (2, -1)} <= states
    review_dues = [e["due_in_days"] for e in expected.values() if e["queue"] == 2]
    assert min(review_dues) < 0 < max(review_dues)
    learning_dues = [e["due_secs"] - built.now.timestamp() for e in expected.values() if e["queue"] == 1]
    assert min(learning_dues) < 0 < max(learning_dues)

    # leech: tagged in Anki, on the leech card's note only
    assert "leech" in imported[("難物", "recognition")]["note"].tags
    assert sum("leech" in v["note"].tags for v in imported.values()) == 1

    # the review log, row for row
    total = 0
    for key, card in built.cards.items():
        mine = [(e.id, e.rating, e.ivl, e.last_ivl, e.factor, e.time_ms, e.type)
                for e in built.col.review_log(card.id)]
        theirs = anki.db.all(
            "select id, ease, ivl, lastIvl, factor, time, type from revlog where cid = ? order by id",
            imported[key]["card"].id,
        )
        assert [tuple(r) for r in theirs] == mine, key
        total += len(mine)
    assert total == result.reviews == anki.db.scalar("select count() from revlog") > 20


def answer_good_in_both(built: Built, anki: AnkiCollection) -> int:
    """Answer every studied, unsuspended card Good in Anki and in jpstudy; the results must agree."""
    imported = anki_cards(anki)
    answered = 0
    for key, card in built.cards.items():
        if card.state.kind == "new" or card.state.suspended:
            continue
        anki_card = imported[key]["card"]
        anki_card.start_timer()
        states = anki._backend.get_scheduling_states(anki_card.id)
        anki.sched.answer_card(anki.sched.build_answer(card=anki_card, states=states, rating=CardAnswer.GOOD))
        now = datetime.now(UTC)
        after = built.col.answer(card, GOOD, now=now)
        anki_card.load()
        want, got = expected_row(after, built.col, now), actual_row(anki, anki_card)
        if "due_secs" in want:  # answered a moment apart: allow the clock to tick
            assert abs(got.pop("due_secs") - want.pop("due_secs")) <= 2, key
        assert got == want, key
        answered += 1
    return answered


def test_cards_continue_in_anki_exactly_where_they_were(
    built: Built, anki: AnkiCollection, tmp_path: Path
) -> None:
    out = tmp_path / "progress.apkg"
    export_apkg(built.col, out, with_progress=True, now=built.now)
    import_package(anki, out, with_scheduling=True)
    assert answer_good_in_both(built, anki) == 8


INTERDAY_STEPS = SchedulerOptions(learning_steps=(1.0, 2880.0), relearning_steps=(10.0, 2880.0))
INTERDAY_HISTORIES: dict[str, list[tuple[timedelta, Rating]]] = {
    "明日": [(-1 * H, GOOD)],                                   # learning step of 2 days: queue 3
    "先週": [(-6 * D, GOOD)],                                   # the same, overdue
    "再び": [(-20 * D, EASY), (-2 * H, AGAIN), (-1 * H, GOOD)],   # relearning, 2-day step: queue 3
    "今日": [(-20 * D, EASY), (-1 * H, AGAIN)],                  # relearning, 10-minute step, overdue
}


def test_interday_learning_steps_carry_over_and_continue(tmp_path: Path, anki: AnkiCollection) -> None:
    built = build_collection(tmp_path / "j.sqlite3", datetime.now(UTC), INTERDAY_HISTORIES, INTERDAY_STEPS)
    try:
        out = tmp_path / "interday.apkg"
        export_apkg(built.col, out, with_progress=True, now=built.now)
        import_package(anki, out, with_scheduling=True, with_deck_configs=True)
        imported = anki_cards(anki)
        expected = {key: expected_row(card, built.col, built.now) for key, card in built.cards.items()}
        assert {key: actual_row(anki, imported[key]["card"]) for key in built.cards} == expected
        assert {(e["type"], e["queue"]) for e in expected.values()} == {(0, 0), (1, 3), (3, 3), (3, 1)}
        assert min(e.get("due_in_days", 0) for e in expected.values()) < 0

        # the decks got jpstudy's options as a preset, so Anki answers with the same steps
        config = anki.decks.config_dict_for_deck_id(imported[("明日", "recognition")]["card"].did)
        assert config["name"] == "jpstudy"
        assert config["new"]["delays"] == [1.0, 2880.0] and config["lapse"]["delays"] == [10.0, 2880.0]
        assert answer_good_in_both(built, anki) == len(INTERDAY_HISTORIES)
    finally:
        built.col.close()


def test_deck_option_exports_that_deck_with_subdecks(
    built: Built, anki: AnkiCollection, tmp_path: Path
) -> None:
    out = tmp_path / "work.apkg"
    result = export_apkg(built.col, out, deck="work", now=built.now)
    import_package(anki, out, with_scheduling=False)
    assert result.decks == ("Work::IT",)
    assert list(anki_cards(anki)) == [("派遣", "recognition")]
    with pytest.raises(ExportError, match="no deck named 'Nope'"):
        export_apkg(built.col, tmp_path / "x.apkg", deck="Nope", now=built.now)
    assert not (tmp_path / "x.apkg").exists()


def test_failed_export_leaves_no_half_written_file(built: Built, tmp_path: Path) -> None:
    target = tmp_path / "keep.apkg"
    export_apkg(built.col, target, now=built.now)
    before = target.read_bytes()

    # The file system refuses to grow the file beyond 1 KiB, as a full disk would.
    limits = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, limits[1]))
    try:
        with pytest.raises(ExportError, match="Cannot write"):
            export_apkg(built.col, target, with_progress=True, now=built.now)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limits)
        signal.signal(signal.SIGXFSZ, handler)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".apkg", ".part")) == ["keep.apkg"]
    assert zipfile.ZipFile(target).namelist() == ["collection.anki2", "media"]

    for unwritable in (tmp_path / "missing" / "out.apkg", tmp_path / "keep.apkg" / "out.apkg", tmp_path):
        with pytest.raises(ExportError):
            export_apkg(built.col, unwritable, now=built.now)
    assert not (tmp_path / "missing").exists()


def test_second_import_with_progress_updates_notes_but_anki_keeps_its_card_state(
    built: Built, anki: AnkiCollection, tmp_path: Path
) -> None:
    # Documented limitation (jpstudy.export): Anki never reschedules cards it already holds.
    first = tmp_path / "first.apkg"
    export_apkg(built.col, first, with_progress=True, now=built.now)
    import_package(anki, first, with_scheduling=True)
    key = ("予定", "recognition")
    before = actual_row(anki, anki_cards(anki)[key]["card"])
    revlog_rows = anki.db.scalar("select count() from revlog")

    card = built.col.answer(built.cards[key], GOOD, now=built.now + M)
    note = built.col.note_of(card)
    built.col.update_note(dataclasses.replace(note, meaning="plan"), now=built.now + 2 * M)
    second = tmp_path / "second.apkg"
    export_apkg(built.col, second, with_progress=True, now=built.now + 3 * M)
    log = import_package(anki, second, with_scheduling=True)

    assert len(log.new) == 0 and {n.fields[0] for n in log.updated} == {"予定"}
    got = anki_cards(anki)[key]
    assert got["note"]["Meaning"] == "plan"
    assert actual_row(anki, got["card"]) == before
    assert anki.db.scalar("select count() from revlog") == revlog_rows


def test_production_card_with_blank_meaning_is_left_out(tmp_path: Path, anki: AnkiCollection) -> None:
    with Collection.open(tmp_path / "j.sqlite3") as col:
        col.add_note(NewNote(word="未定", reading="みてい", meaning=" ", jlpt="N2"), deck="Mined",
                     directions=("recognition", "production"))
        result = export_apkg(col, tmp_path / "o.apkg")
    assert (result.notes, result.skipped) == (1, ("未定",))
    import_package(anki, tmp_path / "o.apkg", with_scheduling=False)
    assert list(anki_cards(anki)) == [("未定", "recognition")]


# ----- after the schema-4 upgrade: the same notes, the note types updated in place -----------------------

OLD_PACKAGE = Path(__file__).parents[1] / "fixtures" / "anki" / "v2-export.apkg"
"""What jpstudy at schema 2 (commit f67073e) exported from the upgrade test's seed collection
(``test_schema_upgrades.build_version(path, 2)``, exported with progress at 2026-01-06 12:00 UTC)."""


def test_reexport_after_the_upgrade_updates_the_notes_in_anki(anki: AnkiCollection, tmp_path: Path) -> None:
    from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as Update
    from test_schema_upgrades import build_version

    import_package(anki, OLD_PACKAGE, with_scheduling=False)
    before = {nid: anki.get_note(nid) for nid in anki.find_notes("")}
    guids = {n.guid for n in before.values()}
    models = {(m.id, m.name) for m in anki.models.all_names_and_ids()}
    assert len(before) == 3 and all(len(n.fields) == 8 for n in before.values())
    old_back = anki.get_card(anki.find_cards('"Word:食べる" note:"jpstudy Recognition"')[0]).answer()
    assert "&lt;b&gt;" in old_back  # the defect of schema 2: the miner's markup shown as text

    path = tmp_path / "collection.sqlite3"
    build_version(path, 2)
    with Collection.open(path) as col:  # upgraded to the current schema on opening
        export_apkg(col, tmp_path / "after.apkg", now=datetime.now(UTC))
        edited = col.get_note(2)
        col.update_note(dataclasses.replace(edited, meaning="overtime work"), now=datetime.now(UTC) + 2 * M)
        export_apkg(col, tmp_path / "edited.apkg", now=datetime.now(UTC) + 3 * M)

    # Anki merges the new fields into its note types only when asked ("Merge note types"); merging marks
    # its notes changed, so this one import also needs "Update notes: Always" (jpstudy.export.notetype).
    options = ImportAnkiPackageOptions(merge_notetypes=True,
                                       update_notes=Update.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS)
    log = anki.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(tmp_path / "after.apkg"), options=options)).log
    assert (len(log.new), len(log.conflicting), len(log.updated)) == (0, 0, 3)
    assert anki.note_count() == 3 and {anki.get_note(n).guid for n in anki.find_notes("")} == guids
    assert {(m.id, m.name) for m in anki.models.all_names_and_ids()} == models  # updated in place
    for model_id in (1782638689, 1394455039):  # read from the file: anki.models caches the old note types
        assert anki.db.list("select name from fields where ntid = ? order by ord", model_id) == FIELDS

    card = anki.get_card(anki.find_cards('"Word:食べる" note:"jpstudy Recognition"')[0])
    back = card.answer()
    assert "&lt;b&gt;" not in back and "<script" not in back + card.question()
    assert '<span class="target">ご<ruby><rb>飯</rb><rt>はん</rt></ruby></span>' in back  # the span kept
    assert '<ruby><rb>食</rb><rt>た</rt></ruby>べる' in back
    assert '<span class="mora">た</span><span class="mora h d">べ</span><span class="mora">る</span>' in back
    assert '<span class="pitch-name">中高 [2]</span>' in back

    # from now on a re-export updates with Anki's default options (only the edited note)
    log = import_package(anki, tmp_path / "edited.apkg", with_scheduling=False)
    assert (len(log.new), len(log.conflicting), len(log.updated)) == (0, 0, 1)
    assert anki.get_note(anki.find_notes("Word:残業")[0])["Meaning"] == "overtime work"


def test_word_and_kanji_cards_render_in_anki_with_furigana_pitch_and_no_script(
    tmp_path: Path, anki: AnkiCollection
) -> None:
    with Collection.open(tmp_path / "j.sqlite3") as col:
        col.add_note(NewNote(word="交通費", reading="こうつうひ", meaning="transport expenses",
                             sentence="交通費<script>x</script>規定支給 [月1万円]",
                             notes="規定支給 = paid by the rules"), deck="Mined")
        col.add_note(NewNote(word="日本", reading="にほん", meaning="Japan", jlpt="N5"), deck="JLPT::N5")
        col.add_kanji_deck("N5")
        first = export_apkg(col, tmp_path / "first.apkg")
        second = export_apkg(col, tmp_path / "second.apkg")
    assert first.notes == second.notes == 2 + 79
    import_package(anki, tmp_path / "first.apkg", with_scheduling=False)
    models = {m.name: m.id for m in anki.models.all_names_and_ids()}
    assert models["jpstudy Kanji"] == 1671995146
    assert anki.db.list("select name from fields where ntid = 1671995146 order by ord") == [
        "Kanji", "Meaning", "Onyomi", "Kunyomi", "Strokes", "JLPT", "Words", "Notes"]

    word = anki.get_card(anki.find_cards('"Word:交通費"')[0])
    question, answer = word.question(), word.answer()
    assert "<script" not in question + answer and "&lt;script&gt;" in answer
    target = ('<span class="target"><ruby><rb>交通</rb><rt>こうつう</rt></ruby>'
              '<ruby><rb>費</rb><rt>ひ</rt></ruby></span>')
    assert target in answer
    assert "&#91;<ruby><rb>月</rb><rt>つき</rt></ruby>1" in answer and "&#93;" in answer  # brackets stay text

    assert 'class="pitch-name estimated">estimated: 中高 [3] (交通 + 費)</span>' in answer
    assert '<span class="kanji-char" lang="ja">費</span>' in answer and "12 strokes · N3" in answer
    assert "規定支給 = paid by the rules" in answer
    assert "<ruby>" not in question and "こうつうひ" not in question  # the front shows the word only

    kanji = anki.get_card(anki.find_cards('"Kanji:日"')[0])
    assert anki.decks.name(kanji.did) == "Kanji::N5"
    assert ">日<" in kanji.question() and "ニチ" not in kanji.question()
    back = kanji.answer()
    assert "ニチ、ジツ" in back and "ひ、-び、-か" in back and "4 strokes" in back
    assert 'Your words with this kanji</div><ul class="kanji-words"><li><span lang="ja">日本</span>' in back

    log = import_package(anki, tmp_path / "second.apkg", with_scheduling=False)
    assert len(log.new) == 0 and len(log.conflicting) == 0 and anki.note_count() == 81
