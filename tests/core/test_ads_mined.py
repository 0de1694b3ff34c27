"""The job-ad library fed by the real miner and the bundled dictionary: what the library recomputes
(readiness today, colouring, words beyond a level, the word list) must agree with mining the same text
again, and with counting over the miner's own results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from jpstudy import Collection, Rating
from jpstudy.ads import AdLibrary
from jpstudy.dictionary import Dictionary
from jpstudy.mining import MiningResult, mine_text

T0 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "jobads"
CARE_AD = """介護スタッフ募集（正社員）
仕事内容：特別養護老人ホームでの介護業務全般。食事や入浴の介助をお願いします。
給与：月給22万円〜（固定残業代3万円を含む）
勤務時間：8:00〜17:00（夜勤あり、月4回程度）
休日：年間休日110日、週休2日制
試用期間：3ヶ月（条件の変更なし）
応募資格：日本語能力試験N3以上、介護職員初任者研修修了者歓迎
社会保険完備、交通費支給、資格手当あり。
"""


@pytest.fixture(scope="module")
def dictionary(built_dictionary: Path) -> Iterator[Dictionary]:
    d = Dictionary.open(built_dictionary.parent)
    yield d
    d.close()


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    c = Collection.open(tmp_path / "collection.sqlite3", created=T0)
    c.fuzz = False
    yield c
    c.close()


def ads() -> list[str]:
    return [CARE_AD, *((FIXTURES / n).read_text(encoding="utf-8") for n in ("bakery-part-time.txt",
                                                                             "delivery-driver.txt"))]


def study(col: Collection, lib: AdLibrary, now: datetime) -> None:
    """Add the 6 most common new words as cards, make two of them mature, mark two more known."""
    added = lib.add_top_unknown(6, now=now)
    notes = {(n.word, n.reading): n.id for n in map(col.get_note, col.note_ids("Mined"))}
    for w in added[:2]:
        (card,) = col.cards_of_note(notes[(w.word, w.reading)])
        when = now
        while card.state.interval_days < 21:
            when = max(when, card.state.due or when)
            card = col.answer(card, Rating.EASY, now=when)
    for w in lib.word_list(status={"new"})[:2]:
        col.mark_known(w.word, w.reading, w.entry_id)


def test_readiness_and_colours_agree_with_mining_again(dictionary: Dictionary, col: Collection) -> None:
    lib = AdLibrary(col)
    first = lib.save(CARE_AD, mine_text(CARE_AD, dictionary, status_of=col.word_status), now=T0)
    assert first.title == "介護スタッフ募集(正社員)" and first.readiness_then.share == 0.0
    study(col, lib, T0)
    again = mine_text(first.text, dictionary, status_of=col.word_status)
    ad = lib.get(first.id)
    assert ad.readiness_now.share == pytest.approx(again.coverage.known_share)
    assert 0 < ad.readiness_now.share < 1 and ad.readiness_then.share == 0.0
    assert [(s.start, s.end, s.word, s.status) for s in ad.spans] == [
        (s.start, s.end, s.word, s.status) for s in again.spans
    ]
    assert len(lib.words_beyond(first.id, "N3")) == again.coverage.beyond["N3"]
    assert len(lib.words_beyond(first.id, "N1")) == again.coverage.beyond["N1"]
    terms = {w.word for w in lib.glossary_terms(first.id)}
    assert {"固定残業代", "試用期間", "年間休日"} <= terms
    # an ad saved after studying starts at what the miner reported then
    second_result = mine_text(ads()[1], dictionary, status_of=col.word_status)
    second = lib.save(ads()[1], second_result, now=T0 + timedelta(days=60))
    assert second.readiness_then.share == pytest.approx(second_result.coverage.known_share)
    assert [a.id for a in lib.list()] == [second.id, first.id]


def test_word_list_counts_what_the_miner_found(dictionary: Dictionary, col: Collection) -> None:
    lib = AdLibrary(col)
    results: list[MiningResult] = []
    for i, text in enumerate(ads()):
        results.append(mine_text(text, dictionary, status_of=col.word_status))
        lib.save(text, results[-1], job_type="介護" if i == 0 else "販売・配送", now=T0 + timedelta(hours=i))
    in_ads = Counter((c.word, c.reading) for r in results for c in r.candidates)
    total = Counter()
    for r in results:
        total.update({(c.word, c.reading): c.count for c in r.candidates})
    expected = sorted(in_ads, key=lambda k: (-in_ads[k], -total[k], k))
    ranked = lib.word_list()
    assert [(w.word, w.reading) for w in ranked] == expected
    assert [(w.ads, w.count) for w in ranked] == [(in_ads[k], total[k]) for k in expected]
    assert ranked[0].ads == 3  # some words occur in every ad
    care_only = lib.word_list(job_type="介護")
    assert [(w.word, w.reading) for w in care_only] == [
        (c.word, c.reading) for c in sorted(results[0].candidates, key=lambda c: (-c.count, c.word, c.reading))
    ]
    study(col, lib, T0)
    statuses = {(w.word, w.reading): w.status for w in lib.word_list()}
    assert statuses == {k: col.word_status(e, *k) for k, e in
                        {(c.word, c.reading): c.entry_id for r in results for c in r.candidates}.items()}
    assert Counter(statuses.values())["known"] == 4 and Counter(statuses.values())["unseen"] == 4
