"""Import from Anki, verified against real Anki (the ``anki`` package) both ways.

A collection is built and studied in Anki (``anki_studied``), exported by Anki as ``.colpkg`` and
``.apkg`` (current and legacy formats), imported into jpstudy, exported again from jpstudy with
progress, and imported into a fresh Anki: every card's scheduling columns and review log must equal
the original's, and answering afterwards in jpstudy and in the original Anki must agree.
``ANKI_TEST_MODE=1`` turns off Anki's fuzz; ``local_time_near_noon`` keeps Anki's test-mode clock
shift (local 02:00-04:00) away, and the jpstudy collection counts days in the same local zone.
"""

from __future__ import annotations

import os

os.environ["ANKI_TEST_MODE"] = "1"  # must be set before anki is imported

import dataclasses
import sqlite3
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from anki.collection import Collection as AnkiCollection
from anki.collection import ExportAnkiPackageOptions, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.generic_pb2 import Empty
from anki.import_export_pb2 import ExportLimit
from anki_oracle import local_time_near_noon
from anki_studied import PRESET, WORDS, Studied, answer, build_studied

from jpstudy.anki_import import PackageError, import_package, read_package
from jpstudy.collection import Collection, NewNote
from jpstudy.export import export_apkg
from jpstudy.srs import Rating

SCHED = ("type", "queue", "ivl", "factor", "reps", "lapses", "left")
CARD_SQL = ("select n.guid, c.ord, c.id, c.type, c.queue, c.ivl, c.factor, c.reps, c.lapses, c.left, c.due "
            "from cards c join notes n on n.id = c.nid")
REVLOG_SQL = "select id, ease, ivl, lastIvl, factor, time, type from revlog where cid = ? order by id"


@pytest.fixture
def near_noon(tmp_path: Path) -> Iterator[None]:
    with local_time_near_noon(tmp_path / "tz-probe"):
        yield


@pytest.fixture
def studied(tmp_path: Path, near_noon: None) -> Iterator[Studied]:
    s = build_studied(tmp_path / "anki")
    yield s
    s.col.close()


@pytest.fixture
def dictionary(tmp_path: Path, with_dictionary: object) -> Iterator[object]:
    """The real dictionary, opened from a copy in the test's data folder."""
    from jpstudy.dictionary import Dictionary

    with_dictionary(tmp_path / "data")  # type: ignore[operator]
    opened = Dictionary.open(tmp_path / "data")
    yield opened
    opened.close()


def export_from_anki(studied: Studied, out: Path, *, colpkg: bool, legacy: bool = False) -> Path:
    """Anki's own export with scheduling (and deck presets); the collection stays open."""
    if colpkg:
        studied.col.export_collection_package(str(out), include_media=True, legacy=legacy)
        studied.col.reopen()
    else:
        options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=True,
                                           legacy=legacy)
        studied.col.export_anki_package(out_path=str(out), options=options, limit=ExportLimit(whole_collection=Empty()))
    return out


def jpstudy_collection(path: Path) -> Collection:
    col = Collection.open(path, created=datetime.now(UTC) - timedelta(days=400))
    col.fuzz = False
    # Anki counts days in the process's local time zone: so does this collection.
    col.set_options(dataclasses.replace(col.options, tz=datetime.now().astimezone().tzinfo))
    return col


def import_into_anki(anki: AnkiCollection, path: Path) -> object:
    options = ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True)
    return anki.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options)).log


def scheduling(anki: AnkiCollection) -> dict[tuple[str, int], dict[str, int]]:
    """(note GUID, template ord) -> the card's scheduling columns, ``due`` as Anki means it: days from
    today for queue 2/3 (and suspended/buried review cards), unix seconds for queue 1, none for new."""
    out = {}
    for guid, ord_, cid, *values, due in anki.db.all(CARD_SQL):
        row = dict(zip(SCHED, values, strict=True))
        row["cid"] = cid
        if row["type"] == 0:
            pass
        elif row["queue"] == 1 or (row["type"] in (1, 3) and due > 1_000_000_000):
            row["due_secs"] = due
        else:
            row["due_days"] = due - anki.sched.today
        out[(guid, ord_)] = row
    return out


def reviews(anki: AnkiCollection, cid: int) -> list[tuple[int, ...]]:
    return [tuple(r) for r in anki.db.all(REVLOG_SQL, cid)]


@pytest.mark.parametrize(("colpkg", "legacy"), [(True, False), (False, False), (True, True), (False, True)],
                         ids=["colpkg", "apkg", "colpkg-legacy", "apkg-legacy"])
def test_round_trip_keeps_every_card_state_and_review(
    studied: Studied, tmp_path: Path, colpkg: bool, legacy: bool
) -> None:
    package = export_from_anki(studied, tmp_path / ("x.colpkg" if colpkg else "x.apkg"), colpkg=colpkg, legacy=legacy)
    with zipfile.ZipFile(package) as archive:
        assert ("collection.anki21" if legacy else "collection.anki21b") in archive.namelist()
    col = jpstudy_collection(tmp_path / "j.sqlite3")
    summary = import_package(col, package)
    assert (summary.notes_added, summary.notes_updated, summary.notes_skipped) == (
        studied.japanese_notes, 0, studied.skipped_notes)
    assert summary.unmapped == ("Cloze",)
    assert set(summary.decks) == {"日本語::Vocab", "日本語::Core", "Kaishi", "日本語::Misc"}
    assert summary.presets == [PRESET["name"]]
    for deck in col.decks():
        if deck.name in summary.decks:
            options = col.preset_for_deck(deck.id)
            assert col.deck_preset(deck.id).name == PRESET["name"]
            assert options.learning_steps == tuple(PRESET["learn"])
            assert options.starting_ease == PRESET["initialFactor"] / 1000

    out = tmp_path / "back.apkg"
    result = export_apkg(col, out, with_progress=True)
    fresh = AnkiCollection(str(tmp_path / "fresh" / "collection.anki2")) if (tmp_path / "fresh").mkdir() is None \
        else None
    assert fresh is not None
    try:
        log = import_into_anki(fresh, out)
        original, copy = scheduling(studied.col), scheduling(fresh)
        imported_keys = set(copy)
        assert len(log.new) == studied.japanese_notes and len(log.conflicting) == 0
        skipped = {k for k in original if k not in imported_keys}
        assert len(skipped) == 2  # the non-Japanese Basic note and the Cloze note
        assert summary.cards == result.notes == len(imported_keys)
        states = set()
        for key in imported_keys:
            want, got = dict(original[key]), dict(copy[key])
            cid, fresh_cid = want.pop("cid"), got.pop("cid")
            assert got == want, key
            assert reviews(fresh, fresh_cid) == reviews(studied.col, cid), key
            states.add((want["type"], want["queue"]))
        # learning, relearning (intraday and interday), review, new, suspended, buried all came across
        assert {(0, 0), (1, 1), (1, 3), (2, 2), (3, 1), (3, 3)} <= states
        assert {-1, -3} <= {q for _, q in states}
        assert any(original[k].get("due_days", 0) < 0 for k in imported_keys)  # overdue reviews
        assert summary.revlog == result.reviews == fresh.db.scalar("select count() from revlog") > 100
        # the decks' options came along as their preset, so Anki goes on answering as jpstudy does
        for name in summary.decks:
            config = fresh.decks.config_dict_for_deck_id(fresh.decks.id_for_name(name))
            assert config["name"] == PRESET["name"], name
            assert (config["new"]["delays"], config["lapse"]["delays"]) == (PRESET["learn"], PRESET["relearn"])
            assert (config["new"]["initialFactor"], config["rev"]["ivlFct"]) == (PRESET["initialFactor"],
                                                                                 PRESET["ivlFct"])
    finally:
        fresh.close()
        col.close()


def jp_columns(col: Collection, card_id: int) -> dict[str, int]:
    """The Anki-shaped columns jpstudy stores for a card, ``due`` as in ``scheduling``."""
    row = dict(zip((*SCHED, "due"), col.db.execute(
        f"SELECT {', '.join(SCHED)}, due FROM cards WHERE id = ?", (card_id,)).fetchone(), strict=True))
    due = row.pop("due")
    if row["queue"] == 1:
        row["due_secs"] = due
    elif row["queue"] in (2, 3):
        row["due_days"] = due - col.today()
    return row


@pytest.mark.parametrize("anki_side", ["original", "re-exported"])
@pytest.mark.parametrize("rating", [Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY])
def test_answers_after_import_agree_with_anki(studied: Studied, tmp_path: Path, rating: Rating, anki_side: str) -> None:
    """Each card answered in jpstudy after the import, and in Anki: the original collection, or a fresh
    one that imported jpstudy's export of the imported cards."""
    package = export_from_anki(studied, tmp_path / "x.apkg", colpkg=False)
    col = jpstudy_collection(tmp_path / "j.sqlite3")
    anki = studied.col
    try:
        import_package(col, package)
        if anki_side == "re-exported":
            export_apkg(col, tmp_path / "back.apkg", with_progress=True)
            (tmp_path / "fresh").mkdir()
            anki = AnkiCollection(str(tmp_path / "fresh" / "collection.anki2"))
            import_into_anki(anki, tmp_path / "back.apkg")
        jp_by_word = {(col.note_of(c).word, c.direction): c for c in map(col.get_card, col.search_cards(""))}
        answered = 0
        for guid, ord_, cid, *values, _due in anki.db.all(CARD_SQL):
            row = dict(zip(SCHED, values, strict=True))
            if row["queue"] < 0:
                continue
            note = anki.get_note(anki.db.scalar("select nid from cards where id = ?", cid))
            word = next((note[f] for f in ("Vocabulary-Kanji", "Expression", "Word", "Front") if f in note), "")
            card = jp_by_word.get((word, "production" if ord_ else "recognition"))
            if card is None:
                continue
            answer(anki, cid, int(rating), int(datetime.now(UTC).timestamp() * 1000) + answered, 5000)
            col.answer(card, rating, now=datetime.now(UTC), time_taken_ms=5000)
            want = {k: v for k, v in scheduling(anki)[(guid, ord_)].items() if k != "cid"}
            got = jp_columns(col, card.id)
            if "due_secs" in want:  # answered a moment apart: the clock may tick
                assert abs(got.pop("due_secs") - want.pop("due_secs")) <= 2, word
            assert got == want, (word, ord_)
            answered += 1
        unburied = studied.col.db.scalar("select count() from cards where queue >= 0")
        assert answered == unburied - 2  # all but the non-Japanese Basic and the Cloze card
    finally:
        if anki is not studied.col:
            anki.close()
        col.close()


def test_reimport_adds_nothing_and_reexport_updates_the_anki_note(studied: Studied, tmp_path: Path) -> None:
    package = export_from_anki(studied, tmp_path / "x.apkg", colpkg=False)
    with jpstudy_collection(tmp_path / "j.sqlite3") as col:
        first = import_package(col, package)
        again = import_package(col, package)
        assert (again.notes_added, again.notes_updated, again.cards, again.revlog) == (0, 0, 0, 0)
        assert again.notes_skipped == first.notes_added + first.notes_skipped
        notes_before = len(col.note_ids())

        word = WORDS[0][0]  # a "Japanese Vocab" note: two cards
        note = col.get_note(next(i for i in col.note_ids() if col.get_note(i).word == word))
        col.update_note(dataclasses.replace(note, meaning="to eat (edited)"), now=datetime.now(UTC) + timedelta(1))
        export_apkg(col, tmp_path / "back.apkg", with_progress=True)
        assert len(col.note_ids()) == notes_before
    anki_notes = studied.col.note_count()
    log = import_into_anki(studied.col, tmp_path / "back.apkg")
    assert len(log.new) == 0 and len(log.conflicting) == 0
    assert [n.fields[0] for n in log.updated] == [word]
    assert studied.col.note_count() == anki_notes
    edited = studied.col.get_note(studied.col.find_notes(f"Expression:{word}")[0])
    assert edited["Meaning"] == "to eat (edited)"
    assert edited["Reading"] == WORDS[0][1] and edited["Audio"] == "[sound:x.mp3]"  # other fields as they were


def test_fields_become_plain_text_and_words_link_to_jmdict(
    studied: Studied, tmp_path: Path, dictionary: object
) -> None:
    package = export_from_anki(studied, tmp_path / "x.apkg", colpkg=False)
    with jpstudy_collection(tmp_path / "j.sqlite3") as col:
        summary = import_package(col, package, dictionary=dictionary)  # type: ignore[arg-type]
        notes = {n.word: n for n in map(col.get_note, col.note_ids())}
        vocab, core, kaishi = (notes[WORDS[i][0]] for i in (0, 1, 2))
        assert vocab.meaning == WORDS[0][2]  # <b>…</b> stripped
        assert core.reading == WORDS[1][1]  # from the furigana field 会社[かいしゃ]
        assert kaishi.sentence == WORDS[2][3] and kaishi.notes == "kaishi & more"
        assert kaishi.sentence_span == (0, len(WORDS[2][0]))  # the word's place in the plain sentence
        assert vocab.entry_id is not None and vocab.jlpt == "N5"  # 食べる
        assert sum(n.entry_id is not None for n in notes.values()) >= len(WORDS) - 3
        assert "Capital of France" not in notes and notes["猫"].meaning == "cat"
        assert summary.field_map["Core 2k"] == {
            "Vocabulary-Kanji": "word", "Vocabulary-Furigana": "reading", "Vocabulary-English": "meaning",
            "Sentence-English": "sentence_meaning"}


def test_mapping_overrides_and_unmapped_note_types(studied: Studied, tmp_path: Path) -> None:
    package = read_package(export_from_anki(studied, tmp_path / "x.apkg", colpkg=False))
    with jpstudy_collection(tmp_path / "j.sqlite3") as col:
        summary = import_package(col, package, overrides={"Cloze": {"Text": "word"},
                                                          "Core 2k": {"Expression": "sentence"}})
        assert summary.unmapped == ()
        assert summary.field_map["Cloze"] == {"Text": "word", "Back Extra": "meaning"}
        notes = {n.word: n for n in map(col.get_note, col.note_ids())}
        assert "{{c1::東京}}は日本の首都" in notes
        assert notes[WORDS[1][0]].sentence == WORDS[1][3]


def test_a_word_already_in_jpstudy_keeps_the_card_with_more_history(studied: Studied, tmp_path: Path) -> None:
    package = read_package(export_from_anki(studied, tmp_path / "x.apkg", colpkg=False))
    cards = {c.note_id: c for c in package.cards if c.ord == 0}
    by_word = {}
    for note in package.notes:
        word = note.fields[0]
        if word in {w for w, *_ in WORDS} and note.id in cards:
            by_word[word] = cards[note.id]
    fresh_word = next(w for w, c in by_word.items() if c.reps > 0)
    busy_word = next(w for w, c in by_word.items() if 0 < c.reps < 5)
    readings = {w: r for w, r, *_ in WORDS}
    with jpstudy_collection(tmp_path / "j.sqlite3") as col:
        now = datetime.now(UTC)
        for word in (fresh_word, busy_word):
            col.add_note(NewNote(word=word, reading=readings[word], meaning="mine"), deck="Mined", now=now)
        busy = col.cards_of_note(col.note_ids()[-1])[0]
        for k in range(6):
            busy = col.answer(busy, Rating.GOOD, now=now - timedelta(days=60 - 10 * k))
        summary = import_package(col, package, now=now)
        notes = {col.get_note(i).word: i for i in col.note_ids()}
        taken = col.cards_of_note(notes[fresh_word])[0]
        kept = col.cards_of_note(notes[busy_word])[0]
        assert taken.state.reps == by_word[fresh_word].reps
        assert kept.state.reps == 6 and kept.state == busy.state
        assert any(busy_word in line and "kept jpstudy's card" in line for line in summary.kept)
        assert any(fresh_word in line and "kept Anki's card" in line for line in summary.kept)
        assert len([n for n in col.note_ids() if col.get_note(n).word == busy_word]) == 1
        assert col.get_note(notes[busy_word]).meaning == "mine"


def test_a_word_edited_away_in_jpstudy_can_still_be_imported(studied: Studied, tmp_path: Path) -> None:
    """A note keeps its id when its word is edited: the word it had, arriving from Anki, is a new note."""
    package = read_package(export_from_anki(studied, tmp_path / "x.apkg", colpkg=False))
    word, reading, *_ = WORDS[0]
    with jpstudy_collection(tmp_path / "j.sqlite3") as col:
        note = col.add_note(NewNote(word=word, reading=reading, meaning="mine"), deck="Mined")
        col.update_note(dataclasses.replace(note, word="喰べる"))
        summary = import_package(col, package, now=datetime.now(UTC))
        words = [col.get_note(i).word for i in col.note_ids()]
    with jpstudy_collection(tmp_path / "fresh.sqlite3") as fresh:
        assert summary.notes_added == import_package(fresh, package, now=datetime.now(UTC)).notes_added
    assert words.count(word) == words.count("喰べる") == 1


def test_imported_words_count_for_word_status(studied: Studied, tmp_path: Path) -> None:
    package = export_from_anki(studied, tmp_path / "x.apkg", colpkg=False)
    with jpstudy_collection(tmp_path / "j.sqlite3") as col:
        import_package(col, package)
        rows = col.db.execute("SELECT n.word, n.reading, n.entry_id, max(c.type = 2 AND c.ivl >= 21) "
                              "FROM notes n JOIN cards c ON c.note_id = n.id GROUP BY n.id").fetchall()
        statuses = {col.word_status(e, w, r): bool(m) for w, r, e, m in rows}
        assert all(col.word_status(e, w, r) == ("known" if m else "learning") for w, r, e, m in rows)
        assert set(statuses) == {"known", "learning"}


# ----- bad input: a clear message, nothing imported ----------------------------------------------------

def _unchanged(col: Collection) -> tuple[int, int]:
    return col.card_count(), len(col.review_log())


def test_bad_packages_are_refused_with_a_message_and_change_nothing(studied: Studied, tmp_path: Path) -> None:
    good = export_from_anki(studied, tmp_path / "x.apkg", colpkg=False)
    data = good.read_bytes()
    (tmp_path / "empty.apkg").write_bytes(b"")
    (tmp_path / "damaged.apkg").write_bytes(data[: len(data) // 2])
    (tmp_path / "text.apkg").write_text("<html>not a package</html>")
    with zipfile.ZipFile(tmp_path / "newer.apkg", "w") as z:
        z.writestr("meta", b"\x08\x07")
        z.writestr("collection.anki21b", b"")
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(tmp_path / "corrupt.apkg", "w") as z:
        z.writestr("meta", src.read("meta"))
        z.writestr("collection.anki21b", b"\x28\xb5\x2f\xfd" + b"garbage" * 50)
    with zipfile.ZipFile(tmp_path / "media-only.colpkg", "w") as z:
        z.writestr("collection.anki2", _empty_collection(tmp_path))
        z.writestr("media", '{"0": "a.jpg"}')
        z.writestr("0", b"\xff\xd8 jpeg")
    encrypted = tmp_path / "encrypted.apkg"
    encrypted.write_bytes(_with_encrypted_flag(data))
    cases = {
        "empty.apkg": "is empty", "damaged.apkg": "damaged", "text.apkg": "not an Anki package",
        "newer.apkg": "newer Anki", "corrupt.apkg": "damaged", "media-only.colpkg": "only 1 media file",
        "encrypted.apkg": "password-protected", "missing.apkg": "does not exist",
    }
    with jpstudy_collection(tmp_path / "j.sqlite3") as col:
        col.add_note(NewNote(word="既存", reading="きそん", meaning="existing"), now=datetime.now(UTC))
        before = _unchanged(col)
        for name, message in cases.items():
            with pytest.raises(PackageError, match=message):
                import_package(col, tmp_path / name)
            assert _unchanged(col) == before, name


def _empty_collection(tmp_path: Path) -> bytes:
    path = tmp_path / "empty-col" / "collection.anki2"
    path.parent.mkdir()
    AnkiCollection(str(path)).close(downgrade=True)
    return path.read_bytes()


def _with_encrypted_flag(data: bytes) -> bytes:
    """The zip ``data`` with every entry's "encrypted" flag set (as a password-protected zip has)."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := out.find(signature, start)) != -1:
            out[start + offset] |= 0x01
            start += 4
    return bytes(out)


def test_a_failure_midway_leaves_the_collection_as_it_was(
    studied: Studied, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jpstudy.anki_import import importer

    package = read_package(export_from_anki(studied, tmp_path / "x.apkg", colpkg=False))
    with jpstudy_collection(tmp_path / "j.sqlite3") as col:
        col.add_note(NewNote(word="既存", reading="きそん", meaning="existing"), now=datetime.now(UTC))
        before = (_unchanged(col), col.decks(), col.options)
        calls = 0
        real = importer._Import._insert_revlog

        def failing(self: object, card_id: int, rows: list) -> int:
            nonlocal calls
            calls += 1
            if calls == 10:
                raise sqlite3.OperationalError("disk I/O error")
            return real(self, card_id, rows)  # type: ignore[arg-type]

        monkeypatch.setattr(importer._Import, "_insert_revlog", failing)
        with pytest.raises(sqlite3.OperationalError):
            import_package(col, package)
        assert (_unchanged(col), col.decks(), col.options) == before
        assert col.db.execute("SELECT count(*) FROM anki_notes").fetchone()[0] == 0


def test_fsrs_collections_are_imported_with_a_notice(studied: Studied, tmp_path: Path) -> None:
    studied.col.set_config("fsrs", True)
    package = export_from_anki(studied, tmp_path / "x.colpkg", colpkg=True)
    with jpstudy_collection(tmp_path / "j.sqlite3") as col:
        summary = import_package(col, package)
        assert summary.cards > 0 and any("FSRS" in n and "SM-2" in n for n in summary.notices)


def test_a_jpstudy_package_imports_back(tmp_path: Path) -> None:
    """jpstudy's own .apkg holds only collection.anki2 (schema 11, written with genanki)."""
    now = datetime.now(UTC)
    with Collection.open(tmp_path / "a.sqlite3", created=now - timedelta(days=30)) as col:
        col.fuzz = False
        col.add_note(NewNote(word="面接", reading="めんせつ", meaning="interview"), deck="Mined",
                     directions=("recognition", "production"), now=now - timedelta(days=9))
        card = col.cards_of_note(col.note_ids()[0])[0]
        card = col.answer(card, Rating.EASY, now=now - timedelta(days=8))
        export_apkg(col, tmp_path / "j.apkg", with_progress=True, now=now)
        expected = col.get_card(card.id).state
    assert zipfile.ZipFile(tmp_path / "j.apkg").namelist() == ["collection.anki2", "media"]
    with Collection.open(tmp_path / "b.sqlite3", created=now - timedelta(days=30)) as col:
        summary = import_package(col, tmp_path / "j.apkg", now=now)
        assert (summary.notes_added, summary.cards, summary.revlog) == (1, 2, 1)
        got = {c.direction: c.state for c in col.cards_of_note(col.note_ids()[0])}
        assert got["recognition"] == expected and got["production"].kind == "new"


def test_cli_import_json_and_map(studied: Studied, tmp_path: Path, with_dictionary: object) -> None:
    import json
    import subprocess
    import sys

    package = export_from_anki(studied, tmp_path / "x.apkg", colpkg=False)
    data = tmp_path / "data"
    with_dictionary(data)  # type: ignore[operator]

    def jpstudy(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "jpstudy", "--data-dir", str(data), *args], capture_output=True,
                              text=True, timeout=300, env={**os.environ})

    out = jpstudy("import", str(package), "--json", "--map", "Cloze:Text=word,Back Extra=notes")
    assert out.returncode == 0, out.stderr
    counts = json.loads(out.stdout)
    assert list(counts) == ["notes_added", "notes_updated", "notes_skipped", "cards", "revlog", "decks", "field_map"]
    assert (counts["notes_added"], counts["notes_updated"], counts["notes_skipped"]) == (
        studied.japanese_notes + 1, 0, 1)
    assert counts["field_map"]["Cloze"] == {"Text": "word", "Back Extra": "notes"}
    assert counts["revlog"] == len(read_package(package).revlog) - studied.col.db.scalar(
        "select count() from revlog r join cards c on c.id = r.cid join notes n on n.id = c.nid "
        "where n.flds like 'Capital of France%'")
    again = json.loads(jpstudy("import", str(package), "--json").stdout)
    assert (again["notes_added"], again["cards"], again["revlog"]) == (0, 0, 0)
    text = jpstudy("import", str(package))
    assert "Core 2k: Vocabulary-Kanji → word" in text.stdout and "Not imported, no word field: Cloze" in text.stdout
    bad = jpstudy("import", str(package), "--map", "Core 2k:Nope=word")
    assert bad.returncode == 2 and "has no field 'Nope'" in bad.stderr
    missing = jpstudy("import", str(tmp_path / "missing.apkg"))
    assert missing.returncode == 1 and "does not exist" in missing.stderr


def test_mining_an_ad_after_importing_shows_the_imported_words_as_known_or_learning(
    studied: Studied, tmp_path: Path, dictionary: object
) -> None:
    from jpstudy.mining import mine_text

    package = export_from_anki(studied, tmp_path / "x.apkg", colpkg=False)
    ad = "【正社員募集】未経験歓迎。給料は月25万円、賞与年2回、交通費支給。残業は月10時間、夜勤あり。研修があります。"
    with jpstudy_collection(tmp_path / "j.sqlite3") as col:
        before = {c.word: c.status for c in mine_text(ad, dictionary, status_of=col.word_status).candidates}
        import_package(col, package, dictionary=dictionary)  # type: ignore[arg-type]
        after = {c.word: c.status for c in mine_text(ad, dictionary, status_of=col.word_status).candidates}
        imported = {n.word: n for n in map(col.get_note, col.note_ids())}
        shared = [w for w in after if w in imported]
        assert len(shared) >= 6 and all(before[w] == "new" for w in shared)
        for w in shared:
            mature = any(c.state.kind == "review" and c.state.interval_days >= 21
                         for c in col.cards_of_note(imported[w].id))
            assert after[w] == ("known" if mature else "learning"), w
        assert {after[w] for w in shared} == {"known", "learning"}
