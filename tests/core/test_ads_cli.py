"""``jpstudy ads …`` in a data folder holding saved ads: what it prints, what it changes, exit codes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from test_ads import KAIGO, KINMU, KOTEI, KYUYO, T0, YAKIN, ad_text

from jpstudy.ads import AdLibrary
from jpstudy.cli import main
from jpstudy.collection import Collection
from jpstudy.paths import collection_path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    with Collection.open(collection_path(tmp_path), created=T0) as col:
        lib = AdLibrary(col)
        words = (KAIGO, replace(YAKIN, count=3), KOTEI)
        lib.save(ad_text(*words), words, source="Hello Work", job_type="介護", tags=("夜勤",), now=T0)
        words = (replace(KINMU, status="known"), KYUYO, KAIGO)
        lib.save(ad_text(*words, title="倉庫スタッフ"), words, job_type="物流", now=T0)
        col.mark_known("介護", "かいご")
        col.mark_known("勤務", "きんむ")
    return tmp_path


def ads(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), "ads", *args])


def test_list_shows_readiness_then_and_now(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ads(data, "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert "2026-05-01" in lines[1] and "倉庫スタッフ" in lines[1] and "33% →  75%" in lines[1]
    assert "介護スタッフ募集" in lines[2] and "0% →  56%" in lines[2]
    assert ads(data, "list", "--job-type", "物流") == 0
    assert "介護スタッフ募集" not in capsys.readouterr().out


def test_show_lists_words_beyond_the_level_and_job_terms(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ads(data, "show", "1", "--level", "n2") == 0
    out = capsys.readouterr().out
    assert "2 words beyond N2" in out and "夜勤【やきん】" in out and "固定残業代【こていざんぎょうだい】" in out
    assert KOTEI.glossary_note in out
    assert ads(data, "show", "1", "--text") == 0
    assert ad_text(KAIGO, YAKIN, KOTEI) in capsys.readouterr().out  # not a terminal: plain text


def test_words_and_adding_the_top_unknown(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ads(data, "words", "--top", "2") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and "介護【かいご】" in lines[1] and "known" in lines[1]
    assert ads(data, "words", "--top", "2", "--add") == 0
    out = capsys.readouterr().out
    assert "added 夜勤【やきん】" in out and "added 給与【きゅうよ】" in out and "2 cards added" in out
    with Collection.open(collection_path(data)) as col:
        assert col.card_count() == 2 and [d.name for d in col.decks()] == ["Mined"]


def test_edit_delete_and_export(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ads(data, "edit", "2", "--title", "倉庫作業", "--tags", "早番,週5") == 0
    assert "倉庫作業" in capsys.readouterr().out
    assert ads(data, "export", str(data / "ads.json")) == 0
    records = json.loads((data / "ads.json").read_text(encoding="utf-8"))
    assert [(r["title"], r["tags"]) for r in records] == [("倉庫作業", ["早番", "週5"]), ("介護スタッフ募集", ["夜勤"])]
    assert ads(data, "delete", "1") == 0
    assert ads(data, "delete", "1") == 1
    assert "no saved ad 1" in capsys.readouterr().err
    assert ads(data, "show", "7") == 1
    assert ads(data, "export", str(data / "ads.txt")) == 2
    assert ads(data, "export", str(data / "missing" / "ads.csv")) == 1
    assert "cannot write" in capsys.readouterr().err


def test_empty_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ads(tmp_path) == 0
    assert "no saved ads yet" in capsys.readouterr().out
