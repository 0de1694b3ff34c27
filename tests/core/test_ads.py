"""The job-ad library on a real collection file: saving, readiness then and now after studying, the
ranked word list across ads, adding from it, filters, deletion that removes the text, export."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jpstudy import Collection, Rating
from jpstudy.ads import AdLibrary, export_ads
from jpstudy.ads.status import StatusIndex

T0 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Cand:
    """A mined word as the miner reports it (the fields saving reads)."""

    word: str
    reading: str
    meaning: str
    jlpt: str | None
    count: int
    sentence: str
    status: str = "new"
    entry_id: int | None = None
    pos: str = "noun"
    kind: str = "word"
    glossary: bool = False
    glossary_note: str = ""
    part_of: bool = False


KYUYO = Cand("給与", "きゅうよ", "salary", "N1", 3, "給与は月給制です。", entry_id=1245280)
SHIGOTO = Cand("仕事", "しごと", "work", "N5", 2, "仕事内容は介護です。", entry_id=1358280)
KINMU = Cand("勤務", "きんむ", "duty", "N2", 4, "勤務地は東京です。", entry_id=1245390)
KOTEI = Cand("固定残業代", "こていざんぎょうだい", "fixed overtime pay", None, 1, "固定残業代を含む。",
             kind="glossary", glossary=True, glossary_note="Overtime pay already included in the salary.")
YAKIN = Cand("夜勤", "やきん", "night shift", "N1", 2, "夜勤があります。", entry_id=1538750)
KAIGO = Cand("介護", "かいご", "nursing care", "N2", 5, "介護の仕事です。", entry_id=1200900)


def ad_text(*words: Cand, title: str = "介護スタッフ募集") -> str:
    return title + "\n" + "".join(w.sentence for w in words)


@pytest.fixture
def col(tmp_path: Path) -> Collection:
    c = Collection.open(tmp_path / "collection.sqlite3", created=T0)
    c.fuzz = False
    yield c
    c.close()


@pytest.fixture
def lib(col: Collection) -> AdLibrary:
    return AdLibrary(col)


def make_mature(col: Collection, word: str, now: datetime) -> datetime:
    """Study a word's card with Easy at each due time until its interval reaches 21 days."""
    (card_id,) = col.search_cards(word)
    card = col.get_card(card_id)
    while card.state.interval_days < 21:
        now = max(now, card.state.due or now)
        card = col.answer(card, Rating.EASY, now=now)
    return now


def test_save_keeps_text_words_and_readiness_then(lib: AdLibrary) -> None:
    words = (KYUYO, replace(SHIGOTO, status="known"), KINMU)
    ad = lib.save(ad_text(*words), words, source="Hello Work", job_type="介護", tags=("夜勤", "東京"), now=T0)
    assert ad.title == "介護スタッフ募集"
    assert (ad.source, ad.job_type, ad.tags, ad.saved_at) == ("Hello Work", "介護", ("夜勤", "東京"), T0)
    assert ad.text == ad_text(*words)
    assert [w.word for w in ad.words] == ["給与", "仕事", "勤務"]
    # readiness weighs each word by its count: 仕事 2 of 3 + 2 + 4 occurrences
    assert (ad.readiness_then.known, ad.readiness_then.total) == (2, 9)
    # nothing is in the collection, so today only marks count: 仕事 is new again
    assert ad.readiness_now.known == 0
    assert [w.status_at_save for w in ad.words] == ["new", "known", "new"]


def test_readiness_now_climbs_after_studying(col: Collection, lib: AdLibrary) -> None:
    first = lib.save(ad_text(KYUYO, KINMU, SHIGOTO), (KYUYO, KINMU, SHIGOTO), now=T0)
    assert lib.list()[0].readiness_line() == "0% → 0% of the words known"
    lib.add_top_unknown(3, now=T0)
    # a card being learned is not known yet
    assert lib.readiness_now(first.id).known == 0
    make_mature(col, "勤務", T0)
    col.mark_known("仕事", "しごと", 1358280)
    (summary,) = lib.list()
    assert (summary.readiness_then.share, summary.readiness_now.known) == (0.0, 4 + 2)
    assert summary.readiness_line() == "0% → 67% of the words known"
    ad = lib.get(first.id)
    assert {w.word: w.status for w in ad.words} == {"給与": "unseen", "勤務": "known", "仕事": "known"}
    # a word saved later as known makes the later ad start higher
    later_words = (replace(KINMU, status="known"), YAKIN)
    later = lib.save(ad_text(*later_words), later_words, now=T0 + timedelta(days=40))
    assert [a.id for a in lib.list()] == [later.id, first.id]
    assert lib.list()[0].readiness_then.share == pytest.approx(4 / 6)


def test_word_list_ranks_by_ads_then_count_with_status(col: Collection, lib: AdLibrary) -> None:
    lib.save(ad_text(KAIGO, YAKIN, KINMU), (KAIGO, YAKIN, KINMU), job_type="介護", tags=("夜勤",), now=T0)
    lib.save(ad_text(KAIGO, KYUYO), (KAIGO, KYUYO), job_type="介護", now=T0)
    lib.save(ad_text(KINMU, KYUYO, SHIGOTO), (replace(KINMU, count=1), KYUYO, SHIGOTO), job_type="IT", now=T0)
    col.ignore_word("仕事", "しごと")
    ranked = lib.word_list()
    assert [(w.word, w.ads, w.count) for w in ranked] == [
        ("介護", 2, 10), ("給与", 2, 6), ("勤務", 2, 5), ("仕事", 1, 2), ("夜勤", 1, 2),
    ]  # ties in order of the headword
    assert ranked[3].status == "ignored" and ranked[0].status == "new"
    assert [w.word for w in lib.word_list(top=2)] == ["介護", "給与"]
    assert [w.word for w in lib.word_list(job_type="IT")] == ["給与", "仕事", "勤務"]
    assert [w.word for w in lib.word_list(tag="夜勤")] == ["介護", "勤務", "夜勤"]
    assert [w.word for w in lib.word_list(status={"ignored"})] == ["仕事"]
    assert [a.job_type for a in lib.list(job_type="介護")] == ["介護", "介護"]
    assert len(lib.list(tag="夜勤")) == 1 and lib.list(tag="夜") == []
    assert (lib.job_types(), lib.tags()) == (["IT", "介護"], ["夜勤"])


def test_add_top_unknown_adds_cards_from_the_ads(col: Collection, lib: AdLibrary) -> None:
    lib.save(ad_text(KAIGO, YAKIN, KOTEI), (KAIGO, YAKIN, KOTEI), title="特養 夜勤専従", now=T0)
    lib.save(ad_text(KAIGO, KINMU), (replace(KAIGO, count=1), KINMU), title="デイサービス", now=T0)
    col.mark_known("勤務", "きんむ", 1245390)
    added = lib.add_top_unknown(2, now=T0)
    assert [w.word for w in added] == ["介護", "夜勤"]
    note = col.note_of(col.get_card(col.search_cards("介護")[0]))
    assert note.tags == ("mined", "jlpt::n2")
    assert note.source == "特養 夜勤専従"  # the ad where the word occurs most
    start, end = note.sentence_span
    assert note.sentence[start:end] == "介護" and "<b>" not in note.sentence and note.entry_id == 1200900
    assert [d.name for d in col.decks()] == ["Mined"]
    # the added words are learning now; the next call takes the next unknown word only
    assert [w.word for w in lib.add_top_unknown(5, now=T0)] == ["固定残業代"]
    glossary_note = col.get_note(col.note_ids()[-1])
    assert glossary_note.notes == KOTEI.glossary_note and glossary_note.tags == ("mined",)
    assert lib.add_top_unknown(5, now=T0) == []
    assert col.card_count() == 3


def test_words_beyond_level_and_glossary_terms(col: Collection, lib: AdLibrary) -> None:
    words = (KYUYO, SHIGOTO, KINMU, KOTEI, replace(YAKIN, part_of=True))
    ad = lib.save(ad_text(*words), words, now=T0)
    assert [w.word for w in lib.words_beyond(ad.id, "N3")] == ["給与", "勤務", "固定残業代"]
    assert [w.word for w in lib.words_beyond(ad.id, "n2")] == ["給与", "固定残業代"]
    col.mark_known("給与", "きゅうよ")
    assert [w.word for w in lib.words_beyond(ad.id, "N2")] == ["固定残業代"]
    (term,) = lib.glossary_terms(ad.id)
    assert (term.word, term.glossary_note) == ("固定残業代", KOTEI.glossary_note)
    with pytest.raises(ValueError, match="N5"):
        lib.words_beyond(ad.id, "N6")


def test_bulk_status_agrees_with_the_collection(col: Collection) -> None:
    from jpstudy.collection import NewNote

    col.add_note(NewNote("勤務", "きんむ", "duty", entry_id=1245390), now=T0)
    col.add_note(NewNote("給与", "きゅうよ", "salary", entry_id=1245280), now=T0)
    col.add_note(NewNote("昇給", "しょうきゅう", "raise"), now=T0)
    make_mature(col, "給与", T0)
    (raise_card,) = col.search_cards("昇給")
    col.answer(col.get_card(raise_card), Rating.GOOD, T0)  # answered once: learning; 勤務 is not started
    col.mark_known("仕事", "しごと", 1358280)
    col.ignore_word("夜勤", "やきん")
    col.mark_known("夜勤", "よきん")
    col.mark_known("給料", "きゅうりょう", 99)  # two marks of one entry: ignoring wins, in either order
    col.ignore_word("給金", "きゅうりょう", 99)
    col.ignore_word("手当", "てあて", 98)
    col.mark_known("手当て", "てあて", 98)
    words = [
        (1245390, "勤務", "きんむ"), (1245390, "勤め", "きんむ"), (None, "勤務", "きんむ"),
        (1245390, "勤務", "つとめ"), (1245280, "給料", "きゅうよ"), (None, "給与", "きゅうよ"),
        (None, "昇給", "しょうきゅう"), (7, "昇給", "しょうきゅう"), (1358280, "しごと", "しごと"),
        (None, "仕事", "しごと"), (None, "夜勤", "やきん"), (None, "夜勤", "よきん"),
        (None, "介護", "かいご"), (1200900, "介護", "かいご"), (99, "給料", "きゅうりょう"),
        (None, "給料", "きゅうりょう"), (98, "手当て", "てあて"), (98, "手当", "てあて"),
    ]
    index = StatusIndex.load(col.db)
    assert index.statuses(words) == {w: col.word_status(*w) for w in words}
    assert set(index.statuses(words).values()) == {"new", "unseen", "learning", "known", "ignored"}


def test_delete_removes_the_text_from_the_file(col: Collection, lib: AdLibrary) -> None:
    secret = "株式会社ミドリ介護サービス横浜第二事業所"
    keep = lib.save(ad_text(KINMU), (KINMU,), now=T0)
    words = (replace(KAIGO, sentence=secret + "の介護の仕事"), YAKIN)
    gone = lib.save(ad_text(*words, title=secret) + secret * 50, words, now=T0)
    col.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    files = [col.path, col.path.with_name(col.path.name + "-wal")]
    assert any(secret.encode() in f.read_bytes() for f in files if f.exists())
    # builds of SQLite differ in their default; the library must not rely on it
    col.db.execute("PRAGMA secure_delete = OFF")
    assert lib.delete(gone.id) is True
    assert col.db.execute("PRAGMA secure_delete").fetchone()[0] == 0  # the connection's setting is kept
    for f in files:
        if f.exists():
            assert secret.encode() not in f.read_bytes(), f.name
    assert [a.id for a in lib.list()] == [keep.id]
    assert [w.word for w in lib.word_list()] == ["勤務"]
    assert col.db.execute("SELECT count(*) FROM ad_words WHERE ad_id = ?", (gone.id,)).fetchone()[0] == 0
    # the words only the deleted ad used are gone too; those of other ads stay
    assert col.db.execute("SELECT word FROM ad_vocab").fetchall() == [("勤務",)]
    assert lib.delete(gone.id) is False
    with pytest.raises(KeyError):
        lib.get(gone.id)


def test_update_title_type_and_tags(lib: AdLibrary) -> None:
    ad = lib.save(ad_text(KINMU), (KINMU,), now=T0)
    row = lib.update(ad.id, title="  倉庫作業  ", job_type="物流", tags=["早番", "シフト 制", "早番"])
    assert (row.title, row.job_type, row.tags) == ("倉庫作業", "物流", ("早番", "シフト_制"))
    assert lib.update(ad.id, source="Indeed").title == "倉庫作業"
    with pytest.raises(ValueError):
        lib.update(ad.id, title=" ")
    with pytest.raises(KeyError):
        lib.update(ad.id + 1, title="x")


def test_bad_input_saves_nothing(col: Collection, lib: AdLibrary) -> None:
    with pytest.raises(ValueError, match="text"):
        lib.save("  \n ", (KINMU,))
    with pytest.raises(ValueError, match="headword"):
        lib.save("text", (KINMU, replace(KYUYO, word="")))
    assert lib.list() == [] and col.db.execute("SELECT count(*) FROM ad_words").fetchone()[0] == 0
    with pytest.raises(ValueError):
        lib.word_list(top=-1)
    # an ad without words is fully readable
    empty = lib.save("ＡＢＣ株式会社", (), now=T0)
    assert empty.readiness_then.share == 1.0 and empty.title == "ＡＢＣ株式会社"


def test_export_csv_and_json(tmp_path: Path, col: Collection, lib: AdLibrary) -> None:
    lib.save(ad_text(KINMU, SHIGOTO), (KINMU, replace(SHIGOTO, status="known")), source="ハローワーク",
             job_type="介護", tags=("夜勤", "横浜"), now=T0)
    lib.save(ad_text(KYUYO), (KYUYO,), title='"IT" engineer, Tokyo', job_type="IT",
             now=T0 + timedelta(hours=1))
    col.mark_known("勤務", "きんむ")
    assert export_ads(lib, tmp_path / "ads.csv") == 2
    with (tmp_path / "ads.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["title"] for r in rows] == ['"IT" engineer, Tokyo', "介護スタッフ募集"]
    assert rows[1]["tags"] == "夜勤 横浜" and rows[1]["saved_at"] == "2026-05-01T09:00:00+00:00"
    then, now = float(rows[1]["readiness_then"]), float(rows[1]["readiness_now"])
    assert (then, now) == (round(2 / 6, 4), round(4 / 6, 4))
    assert export_ads(lib, tmp_path / "ads.json", include_text=True, job_type="介護") == 1
    (record,) = json.loads((tmp_path / "ads.json").read_text(encoding="utf-8"))
    assert record["tags"] == ["夜勤", "横浜"] and record["text"] == ad_text(KINMU, SHIGOTO)
    assert record["source"] == "ハローワーク" and record["words"] == 2
    before = (tmp_path / "ads.json").read_bytes()
    with pytest.raises(ValueError, match="csv"):
        export_ads(lib, tmp_path / "ads.json", fmt="xml")
    assert (tmp_path / "ads.json").read_bytes() == before


WORD_IDS = st.tuples(st.sampled_from((None, 1, 2)), st.sampled_from(("勤務", "勤め", "仕事")),
                     st.sampled_from(("きんむ", "しごと")))
ACTIONS = st.lists(st.tuples(st.sampled_from(("card", "mature", "known", "ignored")), WORD_IDS), max_size=8)


@settings(max_examples=40, deadline=None)
@given(actions=ACTIONS)
def test_bulk_status_agrees_with_word_status_after_any_history(
    tmp_path_factory: pytest.TempPathFactory, actions: list[tuple[str, tuple[int | None, str, str]]]
) -> None:
    from jpstudy.collection import NewNote

    with Collection.open(tmp_path_factory.mktemp("c") / "c.sqlite3", created=T0) as col:
        for action, (entry_id, word, reading) in actions:
            if action in ("card", "mature"):
                note = col.add_note(NewNote(word, reading, "m", entry_id=entry_id), now=T0)
                if note is not None and action == "mature":  # a review card with a 30-day interval
                    with col.transaction() as db:
                        db.execute("UPDATE cards SET type = 2, queue = 2, ivl = 30 WHERE note_id = ?", (note.id,))
            elif action == "known":
                col.mark_known(word, reading, entry_id)
            else:
                col.ignore_word(word, reading, entry_id)
        every = [(e, w, r) for e in (None, 1, 2) for w in ("勤務", "勤め", "仕事") for r in ("きんむ", "しごと")]
        assert StatusIndex.load(col.db).statuses(every) == {k: col.word_status(*k) for k in every}
