"""Schema upgrades from every shipped version, and files the collection must refuse without touching.

A file of schema version k is built the way its history made it: ``UPGRADES[0]``, then the data a
user of version 1 had (``SEEDS[1]``), then ``UPGRADES[1]`` (with its ``DATA_UPGRADES`` step, if any)
and the data of version 2, … up to k.
Opening it with ``Collection`` must bring it to ``SCHEMA_VERSION`` and keep every piece of data.
When a new version is added to ``UPGRADES``, add its data to ``SEEDS`` and its checks to ``CHECKS``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import anki.collection
import pytest

from jpstudy import Collection, Rating
from jpstudy.collection import CollectionFileError, NewNote, ReviewEntry
from jpstudy.collection.schema import APPLICATION_ID, DATA_UPGRADES, SCHEMA_VERSION, UPGRADES
from jpstudy.srs import CardState
from jpstudy.srs.timing import day_start

CREATED = datetime(2026, 1, 1, 0, 0, tzinfo=UTC)
REVIEW_STATE = (
    '{"kind": "review", "step": null, "ease": 2.5, "interval_days": 4, "due": "2026-01-05T04:00:00+00:00", '
    '"reps": 1, "lapses": 0, "leech": false, "suspended": false, "interday": false}'
)
NEW_STATE = (
    '{"kind": "new", "step": null, "ease": null, "interval_days": 0, "due": null, "reps": 0, "lapses": 0, '
    '"leech": false, "suspended": false, "interday": false}'
)
OPTIONS = (
    '{"learning_steps": [1.0, 10.0], "relearning_steps": [10.0], "graduating_interval": 1, '
    '"easy_interval": 4, "minimum_interval": 1, "maximum_interval": 36500, "starting_ease": 2.5, '
    '"easy_bonus": 1.3, '
    '"interval_modifier": 1.0, "hard_interval": 1.2, "new_interval": 0.0, "leech_threshold": 8, '
    '"leech_action": "tag", "tz": "UTC", "rollover_hour": 4, "new_per_day": 7, "reviews_per_day": 200}'
)

SEEDS: dict[int, str] = {
    1: f"""
INSERT INTO meta VALUES ('created', '1767225600'), ('options', '{OPTIONS}');
INSERT INTO decks VALUES (1, 'JLPT'), (2, 'JLPT::N5'), (3, 'Mined');
INSERT INTO notes VALUES
  (1, 'g1', 1358280, '食べる', 'たべる', 'to eat', 'v1', 'N5', '<b>ご飯</b>を食べる', 'I eat rice',
   'JLPT N5 list', 'note 😀 <script>x</script>', 'jlpt::n5 leech', 1767225600, 1767225601),
  (2, 'g2', NULL, '残業', 'ざんぎょう', 'overtime', '', NULL, '', '', 'ad', '', '', 1767225600, 1767225600),
  (3, 'g3', 1290000, '賞与', 'しょうよ', 'bonus', 'n', 'N1', '&lt;必須&gt; 年2回の<b>賞与</b>あり &amp; 交通費', '',
   '求人票', '', 'mined jlpt::n1', 1767225600, 1767225600),
  (4, 'g4', NULL, '手当', 'てあて', 'allowance', '', NULL, 'Tom&#x27;s 通勤手当', '', 'ad', '', 'mined',
   1767225600, 1767225600),
  (5, 'g5', NULL, '通勤', 'つうきん', 'commuting', '', NULL, '毎日<通勤>します', '', 'typed', '', '', 1767225600,
   1767225600);
INSERT INTO cards VALUES
  (1, 1, 2, 'recognition', 2, 2, 4, 4, 2500, 1, 0, 0, 1, '{REVIEW_STATE}'),
  (2, 1, 2, 'production', 0, 0, 1, 0, 0, 0, 0, 0, 1, '{NEW_STATE}'),
  (3, 2, 3, 'recognition', 0, 0, 2, 0, 0, 0, 0, 0, 2, '{NEW_STATE}');
INSERT INTO revlog VALUES (1767258000000, 1, 4, 4, 0, 0, 5000, 0);
INSERT INTO daily VALUES (0, 2, 1, 0);
INSERT INTO word_marks VALUES ('会社', 'かいしゃ', 1274260, 'known'),
                              ('株式会社', 'かぶしきがいしゃ', NULL, 'ignored');
""",
    3: """
INSERT INTO presets VALUES (2, 'Light', '{"new_per_day": 3, "learning_steps": [1.0, 10.0, 60.0]}');
INSERT INTO decks VALUES (4, 'Easy', 2);
UPDATE cards SET queue = -3, state = json_set(state, '$.buried', 'manual') WHERE id = 3;
""",
    2: """
INSERT INTO ads (id, title, source, saved_at, text, job_type, tags, words, word_tokens, known_at_save,
                 readiness_at_save, spans)
VALUES (1, '介護スタッフ募集', 'paste', 1767258000, '介護の仕事です。残業なし。', 'care', 'kaigo', 2, 3, 1, 0.3333,
        '[[0, 2, 0]]');
INSERT INTO ad_vocab (id, word, reading, entry_id, meaning, jlpt, pos, kind, glossary, glossary_note)
VALUES (1, '介護', 'かいご', 1207020, 'nursing', 'N1', 'noun', 'word', 1, 'care work');
INSERT INTO ad_words (ad_id, ordinal, vocab_id, count, tokens, part_of, sentence, status_at_save)
VALUES (1, 0, 1, 1, 1, 0, '介護の仕事です。', 'new');
""",
    4: """
INSERT INTO notes (id, guid, entry_id, word, reading, meaning, pos, jlpt, sentence, sentence_meaning, source, notes,
                   tags, created, modified, sentence_start, sentence_end, kind)
VALUES (10, 'g10', NULL, '日', 'ニチ / ひ', 'day; sun', '', 'N5', '', '', 'JLPT N5 kanji', '', 'kanji jlpt::n5',
        1767225600, 1767225600, NULL, NULL, 'kanji'),
       (11, 'g11', NULL, '介護', 'かいご', 'nursing care', '', 'N1', '訪問介護の仕事', '', 'ad', '', 'mined',
        1767225600, 1767225600, 3, 5, 'word');
INSERT INTO cards VALUES (10, 10, 3, 'recognition', 0, -1, 3, 0, 0, 0, 0, 0, 3, '{SUSPENDED}');
""".replace("{SUSPENDED}", json.dumps(CardState.new().to_dict() | {"suspended": True})),
    5: """
INSERT INTO anki_notetypes VALUES (1700000000000, 'Japanese Vocab',
  '{"fields": ["Expression", "Meaning"], "field_ids": [11, 12], "templates": [["Card 1", "{{Expression}}",
  "{{Meaning}}", 13]], "css": ".card {}", "cloze": false, "sort_field": 0}');
INSERT INTO anki_notes VALUES (2, 'Ab3$xY9!kQ', 1700000000000, '["残業", "overtime"]',
  '{"word": [0, "残業"], "meaning": [1, "overtime"]}', 1767225600);
INSERT INTO anki_cards VALUES (3, 0);
INSERT INTO anki_words VALUES ('給料', 'きゅうりょう', NULL, 30);
""",
    6: """
INSERT INTO ads (id, title, source, saved_at, text, job_type, tags, words, word_tokens, known_at_save,
                 readiness_at_save, spans, facts, facts_version, reached_at_save)
VALUES (2, '夜勤専従', '', 1767258100, '時給1,500円。週休二日制。', '', '', 0, 0, 0, 1.0, '[]',
        '{"pay": {"value": {"period": "hour", "min": 1500, "max": 1500, "top_only": false}, "text": "時給1,500円",
          "start": 0, "end": 8, "english": "¥1,500 an hour"}, "checks": []}', 1, 'N4');
""",
}


def check_v1(col: Collection) -> None:
    assert col.created == CREATED
    assert col.options.new_per_day == 7
    assert [d.name for d in col.decks() if d.id <= 3] == ["JLPT", "JLPT::N5", "Mined"]
    note = col.get_note(1)
    assert (note.word, note.reading, note.meaning) == ("食べる", "たべる", "to eat")
    assert (note.entry_id, note.jlpt, note.tags) == (1358280, "N5", ("jlpt::n5", "leech"))
    # schema 4 stores sentences as plain text plus the word's span: the miner's <b> markup is decoded
    assert (note.sentence, note.sentence_span, note.notes) == ("ご飯を食べる", (0, 2), "note 😀 <script>x</script>")
    mined = col.get_note(3)
    assert (mined.sentence, mined.sentence_span) == ("<必須> 年2回の賞与あり & 交通費", (9, 11))
    assert (col.get_note(4).sentence, col.get_note(4).sentence_span) == ("Tom's 通勤手当", (8, 10))
    typed = col.get_note(5)  # never markup: a typed sentence keeps its angle brackets as text
    assert (typed.sentence, typed.sentence_span) == ("毎日<通勤>します", (3, 5))
    assert {col.get_note(i).kind for i in (1, 2, 3, 4, 5)} == {"word"}
    assert note.modified == CREATED + timedelta(seconds=1)
    card = col.get_card(1)
    # due on day 4 as before; the day starts at 04:00 in the zone in force (the system's since V3)
    due = day_start(date(2026, 1, 5), col.options.tz, 4)
    assert card.state == CardState(kind="review", ease=2.5, interval_days=4, due=due, reps=1)
    assert (col.timing.zone, col.timing.rollover_hour, col.timing.first_day) == (None, 4, date(2026, 1, 1))
    assert [c.direction for c in col.cards_of_note(1)] == ["recognition", "production"]
    assert col.review_log() == [ReviewEntry(1767258000000, 1, 4, 4, 0, 0, 5000, 0)]
    assert col.word_status(1274260, "会社", "かいしゃ") == "known"
    assert col.word_status(None, "株式会社", "かぶしきがいしゃ") == "ignored"
    assert col.word_status(None, "残業", "ざんぎょう") == "unseen"  # its only card was never answered
    assert col.word_status(1358280, "食べる", "たべる") == "learning"  # answered, interval 4 days
    # the daily table still counts: JLPT::N5 showed 1 of its 7 new cards on day 0
    assert col.counts(CREATED + timedelta(hours=10), deck="JLPT::N5") == (1, 0, 0)
    assert col.counts(CREATED + timedelta(days=4, hours=10)) == (2, 0, 1)


def check_v2(col: Collection) -> None:
    ads = col.db.execute("SELECT title, text, readiness_at_save, spans FROM ads WHERE id = 1").fetchall()
    assert ads == [("介護スタッフ募集", "介護の仕事です。残業なし。", 0.3333, "[[0, 2, 0]]")]
    words = col.db.execute(
        "SELECT w.ad_id, v.word, v.glossary_note, w.sentence FROM ad_words w JOIN ad_vocab v ON v.id = w.vocab_id"
    ).fetchall()
    assert words == [(1, "介護", "care work", "介護の仕事です。")]


def check_v3(col: Collection) -> None:
    light = col.preset(2)
    assert (light.name, light.options.new_per_day, light.options.learning_steps) == ("Light", 3, (1, 10, 60))
    assert [d.name for d in col.decks_using(2)] == ["Easy"]
    assert col.preset_for_deck(4).new_per_day == 3 and col.preset_for_deck(3).new_per_day == 7
    # the card buried by hand came back when the collection first looked at a new day (check_v1's counts)
    assert col.get_card(3).state.buried is None
    assert col.db.execute("SELECT queue FROM cards WHERE id = 3").fetchone()[0] == 0


def check_v4(col: Collection) -> None:
    kanji = col.get_note(10)
    assert (kanji.kind, kanji.word, kanji.reading, kanji.jlpt) == ("kanji", "日", "ニチ / ひ", "N5")
    assert col.get_note(11).sentence_span == (3, 5)
    assert col.get_card(10).suspended


def check_v5(col: Collection) -> None:
    from jpstudy.anki_import.origin import origins

    found = origins(col.db)
    assert list(found) == [2]
    assert (found[2].guid, found[2].notetype.name, found[2].fields) == ("Ab3$xY9!kQ", "Japanese Vocab",
                                                                          ("残業", "overtime"))
    assert found[2].card_ords == {3: 0} and found[2].roles == {"word": (0, "残業"), "meaning": (1, "overtime")}
    assert col.word_status(None, "給料", "きゅうりょう") == "known"


def check_v6(col: Collection) -> None:
    from jpstudy.ads import AdLibrary

    ads = {a.id: a for a in AdLibrary(col).list()}
    # an ad saved before facts existed has them read from its text on first use; stored facts are kept
    assert ads[1].facts.pay == "" and ads[1].reached_at_save is None
    assert ads[2].facts.pay == "¥1,500/h" and ads[2].reached_at_save == "N4"
    assert col.db.execute("SELECT facts_version FROM ads WHERE id = 1").fetchone()[0] >= 1


CHECKS: dict[int, Callable[[Collection], None]] = {
    1: check_v1, 2: check_v2, 3: check_v3, 4: check_v4, 5: check_v5, 6: check_v6,
}


def build_version(path: Path, version: int) -> None:
    """A collection file of schema ``version`` holding the data its users would have put in."""
    db = sqlite3.connect(path, isolation_level=None)
    for v in range(1, version + 1):
        db.executescript(UPGRADES[v - 1])
        if v in DATA_UPGRADES:
            DATA_UPGRADES[v](db)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {v}")
        if v in SEEDS:
            db.executescript(SEEDS[v])
    db.execute("PRAGMA journal_mode = WAL")
    db.close()


def test_every_version_has_data_and_checks() -> None:
    assert SCHEMA_VERSION == len(UPGRADES) >= 1
    assert set(SEEDS) == set(CHECKS) and min(SEEDS) == 1 and max(SEEDS) <= SCHEMA_VERSION


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_upgrade_keeps_every_piece_of_data(tmp_path: Path, version: int) -> None:
    path = tmp_path / "collection.sqlite3"
    build_version(path, version)
    with Collection.open(path) as col:
        col.fuzz = False
        assert col.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        for v, check in CHECKS.items():
            if v <= version:
                check(col)
        if 2 <= version < 6:  # an ad saved before schema 6 gets its facts read from its text
            from jpstudy.ads import AdLibrary

            assert AdLibrary(col).get(1).facts.overtime.value == 0  # 残業なし
        # the upgraded file works: answer the old review card on its due day
        day4 = CREATED + timedelta(days=4, hours=10)
        assert col.answer(col.get_card(1), Rating.GOOD, day4).state.reps == 2
        assert col.add_note(NewNote("新しい", "あたらしい", "new")) is not None
    with Collection.open(path) as col:  # and it reopens as a current file, with nothing lost
        assert col.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(col.review_log(1)) == 2
        for v, check in CHECKS.items():
            if v <= version and v > 1:
                check(col)


def test_failed_upgrade_leaves_the_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "collection.sqlite3"
    build_version(path, SCHEMA_VERSION)
    before = path.read_bytes()
    from jpstudy.collection import schema

    broken = "CREATE TABLE later_feature (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n"
    monkeypatch.setattr(schema, "UPGRADES", (*UPGRADES, broken))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(CollectionFileError) as err:
        Collection.open(path)
    assert str(path) in str(err.value)
    assert path.read_bytes() == before
    monkeypatch.undo()
    with Collection.open(path) as col:
        check_v1(col)
        assert "later_feature" not in {r[0] for r in col.db.execute("SELECT name FROM sqlite_schema")}


def execute(path: Path, *statements: str) -> None:
    """Run statements on a file and close it (leaving no write-ahead log behind)."""
    db = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        db.execute(statement)
    db.close()


def make_file(tmp_path: Path, kind: str) -> Path:
    """A file at the collection path that is not a usable jpstudy collection."""
    path = tmp_path / f"{kind}.sqlite3"
    if kind in ("damaged", "truncated", "bad-header", "newer"):
        with Collection.open(path, created=CREATED) as col:
            col.add_notes([NewNote(f"語{i}", f"ご{i}", "x" * 200) for i in range(400)], "Mined", now=CREATED)
        raw = bytearray(path.read_bytes())
        if kind == "damaged":  # interior b-tree pages overwritten, header intact
            raw[4096 * 2 : 4096 * 5] = b"\xa5" * (4096 * 3)
        elif kind == "truncated":  # e.g. a copy interrupted half-way
            raw = raw[: len(raw) // 2]
        elif kind == "bad-header":
            raw[16:100] = b"\xff" * 84
        path.write_bytes(bytes(raw))
        if kind == "newer":
            execute(path, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    elif kind == "anki":
        anki.collection.Collection(str(path)).close()
    elif kind == "other-sqlite":
        execute(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
                "INSERT INTO notes (body) VALUES ('shopping list')")
    elif kind == "html":
        path.write_text("<!doctype html><script>alert('x')</script>", encoding="utf-8")
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 64)
    return path


ADVICE = ("restore", "--data-dir", "data folder", "update jpstudy")


@pytest.mark.parametrize(
    "kind", ["damaged", "truncated", "bad-header", "newer", "anki", "other-sqlite", "html", "binary"]
)
def test_unusable_file_gets_a_clear_message_and_is_never_written(tmp_path: Path, kind: str) -> None:
    path = make_file(tmp_path, kind)
    before = path.read_bytes()
    for _ in range(2):  # a second attempt (the user retrying) changes nothing either
        with pytest.raises(CollectionFileError) as err:
            Collection.open(path)
        message = str(err.value)
        assert str(path) in message, message
        assert any(advice in message for advice in ADVICE), message
    if kind == "newer":
        assert "newer" in message
    assert path.read_bytes() == before
    leftovers = {p.name for p in tmp_path.iterdir()} - {path.name}
    assert not leftovers, leftovers


def test_v3_upgrade_turns_step_indexes_into_steps_left(tmp_path: Path) -> None:
    """A learning card on step 1 of 1m 10m 1h has 2 steps left (Anki's ``left``) after the upgrade, so a
    later edit of the steps moves it as Anki would."""
    path = tmp_path / "collection.sqlite3"
    build_version(path, 2)
    state = ('{"kind": "learning", "step": 1, "ease": null, "interval_days": 0, "due": "2026-01-01T10:10:00+00:00",'
             ' "reps": 1, "lapses": 0, "leech": false, "suspended": false, "interday": false}')
    execute(path, f"INSERT INTO cards VALUES (4, 2, 3, 'production', 1, 1, 1767262200, 0, 0, 1, 0, 2, 3, '{state}')")
    with Collection.open(path) as col:
        card = col.get_card(4)
        assert (card.state.kind, card.state.left, card.state.reps) == ("learning", 2, 1)
        assert "step" not in col.db.execute("SELECT state FROM cards WHERE id = 4").fetchone()[0]
