"""Lookup rules of the dictionary, on the small fixture (the real JMdict 2021-04 records of 22 entries,
written by tools/make_dict_fixture.py). Expected values come from the JMdict records themselves."""

from __future__ import annotations

import lzma
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from jpstudy.dictionary import (
    DataSource,
    Dictionary,
    DictionaryDataError,
    Headword,
    ensure_built,
    terminal_progress,
)

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "dict"


@pytest.fixture(scope="module")
def dic(tmp_path_factory: pytest.TempPathFactory) -> Dictionary:
    d = Dictionary.open_fixture(FIXTURE, tmp_path_factory.mktemp("data"))
    yield d
    d.close()


def test_lookup_by_kanji_form_honours_re_restr(dic: Dictionary) -> None:
    # JMdict 1607070: readings おじ (any form), はくふ (伯父 only), しゅくふ (叔父 only)
    (entry,) = dic.lookup("伯父")
    assert entry.entry_id == 1607070
    assert entry.forms == ("伯父", "叔父")
    assert entry.readings == ("おじ", "はくふ")
    assert dic.lookup("叔父")[0].readings == ("おじ", "しゅくふ")


def test_lookup_by_reading_excludes_readings_restricted_to_forms(dic: Dictionary) -> None:
    (entry,) = dic.lookup("おじ")
    assert entry.readings == ("おじ",)
    assert dic.lookup("はくふ")[0].readings == ("おじ", "はくふ")
    assert dic.entry(1607070).readings == ("おじ", "はくふ", "しゅくふ")


def test_results_are_ordered_by_priority_of_the_matching_form(dic: Dictionary) -> None:
    # こと: 琴 (nf05), 事 (nf08), 古都 (nf14) by rank; a kana lookup puts 事 (usually written こと) first
    assert [m.entry_id for m in dic.matches("こと")] == [1241450, 1313580, 1265960]
    assert [e.entry_id for e in dic.lookup("こと")] == [1313580, 1241450, 1265960]
    # 事: こと entry (nf08) first, then the untagged じ (2187200) and ごと (2613010) by id
    assert [e.entry_id for e in dic.lookup("事")] == [1313580, 2187200, 2613010]
    assert [(m.entry_id, m.rank) for m in dic.matches("する")] == [
        (1157170, 24),
        (1595910, 36),
        (1298670, 39),
    ]


def test_entry_content(dic: Dictionary) -> None:
    entry = dic.lookup("事")[0]
    assert entry.forms == ("事", "縡")
    assert entry.readings == ("こと", "こん")
    assert entry.senses[0].pos == ("n",)
    assert entry.senses[0].misc == ("uk",)
    assert entry.senses[0].glosses == ("thing", "matter")
    assert entry.gloss_text(2) == "thing; matter | incident; occurrence; event"
    assert entry.rank == 8
    assert entry.jlpt == "N4"
    assert entry.usually_kana


def test_kana_only_words(dic: Dictionary) -> None:
    (pen,) = dic.lookup("ペン")
    assert pen.forms == () and pen.readings == ("ペン",) and pen.usually_kana
    assert dic.headword(1121380) == Headword("ペン", "ペン")
    # そっと: the kana-only adverb and the rare 率土 share the reading
    assert {e.entry_id for e in dic.lookup("そっと")} == {1006810, 1551230}
    assert dic.lookup("そっと")[0].entry_id == 1006810  # spec1-tagged; 率土 has no priority


def test_full_width_latin_forms(dic: Dictionary) -> None:
    assert [e.entry_id for e in dic.lookup("ＩＴ")] == [2278230]
    assert [e.entry_id for e in dic.lookup("IT")] == [2278230]
    assert [e.entry_id for e in dic.lookup("PC")] == [2322310]
    assert dic.lookup("PC")[0].readings == ("ピーシー",)
    assert not dic.exists("PC") and dic.exists("ＰＣ")
    assert [e.entry_id for e in dic.lookup("Tシャツ")] == [1000160]
    assert [e.entry_id for e in dic.lookup("3D")] == [2304700]
    assert dic.lookup("pc") == []  # JMdict has upper case only


def test_unknown_text(dic: Dictionary) -> None:
    assert dic.lookup("千代田") == []
    assert dic.lookup("") == []
    assert dic.entry(42) is None
    assert dic.headword(42) is None
    assert dic.jlpt_level(42, "x") is None


def test_headword_rules(dic: Dictionary) -> None:
    assert dic.headword(1157170) == Headword("する", "する")  # sense 1 is uk
    assert dic.headword(1157170, preferred="為る") == Headword("為る", "する")
    assert dic.headword(1582710) == Headword("日本", "にほん")  # first reading, not unidic's にっぽん
    assert dic.headword(1607070, preferred="叔父") == Headword("叔父", "おじ")
    assert dic.headword(1313580, preferred="事") == Headword("事", "こと")
    assert dic.headword(1313580, preferred="こと") == Headword("こと", "こと")
    assert dic.headword(1313580, preferred="無関係") == Headword("こと", "こと")
    assert dic.headword(1340450) == Headword("できる", "できる")  # 出来る: sense 1 is uk
    assert dic.headword(1340450, preferred="出来る") == Headword("出来る", "できる")


def test_reading_lookup_accepts_either_kana(dic: Dictionary) -> None:
    assert [m.entry_id for m in dic.matches_by_reading("ぺん")] == [1121380]
    assert [m.entry_id for m in dic.matches_by_reading("スル")] == [1157170, 1595910, 1298670]


def test_jlpt_level_is_keyed_by_entry_and_reading(dic: Dictionary) -> None:
    assert dic.jlpt_level(1584640, "あさって") == "N5"
    assert dic.jlpt_level(1584640, "みょうごにち") == "N3"
    assert dic.jlpt_level(1584640) == "N5"  # easiest of its readings
    assert dic.jlpt_level(1241450, "こと") == "N2"  # 琴 and 事 share こと but not a level
    assert dic.jlpt_level(1313580, "こと") == "N4"
    assert dic.jlpt_level(1313580, "コト") == "N4"
    assert dic.jlpt_level(2187200, "じ") is None
    assert dic.lookup("明後日")[0].jlpt == "N5"


def test_frequency_and_kanji_hint(dic: Dictionary) -> None:
    assert dic.frequency("する") == pytest.approx(6.76)
    assert dic.frequency("ＩＴ") == dic.frequency("it") is not None
    assert dic.frequency("千代田") is None
    assert dic.lookup("為る")[0].frequency == dic.frequency("する")  # headword する
    # 勤 N3, 務 N3, 地 N4 in the JLPT kanji lists: the hint is the hardest
    assert dic.kanji_levels("勤務地") == {"勤": "N3", "務": "N3", "地": "N4"}
    assert dic.kanji_level("勤務地") == "N3"
    assert dic.lookup("勤務地")[0].jlpt is None
    assert dic.kanji_level("ペン") is None
    assert dic.kanji_level("縡") is None  # not a JLPT kanji


def test_shared_between_threads(dic: Dictionary) -> None:
    texts = ["事", "こと", "する", "伯父", "ペン", "IT"] * 20
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda t: [e.entry_id for e in dic.lookup(t)], texts))
    assert results == [[e.entry_id for e in dic.lookup(t)] for t in texts]


def test_version_stamp_triggers_rebuild(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(FIXTURE, source)
    data = tmp_path / "data"
    first = ensure_built(data, source=DataSource.folder(source))
    assert ensure_built(data, source=DataSource.folder(source)) == first
    meta = (source / "meta.json").read_text(encoding="utf-8")
    (source / "meta.json").write_text(meta.replace("fixture-1", "fixture-2"), encoding="utf-8")
    second = ensure_built(data, source=DataSource.folder(source))
    assert second != first
    assert sorted(p.name for p in data.iterdir()) == [second.name]
    with Dictionary(second) as d:
        assert d.meta["data_version"] == "fixture-2"


def test_broken_data_leaves_no_file_behind(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(FIXTURE, source)
    with (source / "jmdict-sense.tsv").open("a", encoding="utf-8") as handle:
        handle.write("1313580\tn\n")  # too few fields
    data = tmp_path / "data"
    with pytest.raises(DictionaryDataError, match="malformed data"):
        ensure_built(data, source=DataSource.folder(source))
    assert list(data.iterdir()) == []


def test_truncated_compressed_data_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(FIXTURE, source)
    packed = lzma.compress((source / "jmdict-sense.tsv").read_bytes())
    (source / "jmdict-sense.tsv").unlink()
    (source / "jmdict-sense.tsv.xz").write_bytes(packed[: len(packed) // 2])
    with pytest.raises(DictionaryDataError, match=r"jmdict-sense\.tsv\.xz"):
        ensure_built(tmp_path / "data", source=DataSource.folder(source))
    assert list((tmp_path / "data").iterdir()) == []


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DictionaryDataError, match=r"meta\.json"):
        ensure_built(tmp_path / "data", source=DataSource.folder(tmp_path / "nowhere"))
    source = tmp_path / "source"
    shutil.copytree(FIXTURE, source)
    (source / "jmdict-form.tsv").unlink()
    with pytest.raises(DictionaryDataError, match="missing data file"):
        ensure_built(tmp_path / "data", source=DataSource.folder(source))
    (source / "meta.json").write_text("{}", encoding="utf-8")
    with pytest.raises(DictionaryDataError, match="data_version"):
        ensure_built(tmp_path / "data", source=DataSource.folder(source))
    assert list((tmp_path / "data").iterdir()) == []


def test_progress_reports_until_done(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    calls: list[tuple[int, int, str]] = []
    ensure_built(
        tmp_path,
        lambda done, total, message: calls.append((done, total, message)),
        DataSource.folder(FIXTURE),
    )
    dones = [c[0] for c in calls]
    assert dones == sorted(dones)
    assert calls[-1][0] == calls[-1][1] > 0
    assert {c[1] for c in calls} == {calls[-1][1]}
    terminal_progress(5, 10, "Reading senses")
    terminal_progress(10, 10, "Dictionary ready")
    err = capsys.readouterr().err
    assert "Building dictionary  50%  Reading senses" in err
    assert err.endswith("Dictionary ready        \n")
