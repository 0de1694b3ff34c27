"""``jpstudy export OUT.apkg [--deck NAME] [--with-progress]`` in the terminal."""

from __future__ import annotations

import sqlite3
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jpstudy.cli import main
from jpstudy.collection import Collection, NewNote
from jpstudy.paths import collection_path
from jpstudy.srs import Rating

pytestmark = pytest.mark.clock


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Collection.open(collection_path(folder)) as col:
        col.add_note(NewNote(word="残業", reading="ざんぎょう", meaning="overtime"), deck="Mined")
        cat = col.add_note(NewNote(word="猫", reading="ねこ", meaning="cat", jlpt="N5"), deck="JLPT::N5")
        assert cat is not None
        col.answer(col.cards_of_note(cat.id)[0], Rating.GOOD, now=datetime.now(UTC))
    return folder


Capture = pytest.CaptureFixture[str]


def test_export_with_progress_writes_a_package(data_dir: Path, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "deck.apkg"
    assert main(["--data-dir", str(data_dir), "export", str(out), "--with-progress"]) == 0
    printed = capsys.readouterr().out
    assert "2 cards from JLPT::N5, Mined, 1 review-log rows" in printed
    assert "Import any learning progress" in printed
    with zipfile.ZipFile(out) as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "c.anki2")
    assert db.execute("SELECT count(*) FROM revlog").fetchone()[0] == 1
    assert sorted(r[0] for r in db.execute("SELECT type FROM cards")) == [0, 1]
    db.close()


def test_export_one_deck(data_dir: Path, tmp_path: Path, capsys: Capture) -> None:
    assert main(["--data-dir", str(data_dir), "export", str(tmp_path / "m.apkg"), "--deck", "Mined"]) == 0
    assert "1 cards from Mined" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["out.txt"], 2, "must end in .apkg"),
        (["x.apkg", "--deck", "Nope"], 1, "There is no deck named 'Nope'"),
        (["missing/x.apkg"], 1, "Cannot write"),
    ],
)
def test_bad_input_gets_a_clear_message(
    data_dir: Path, tmp_path: Path, capsys: Capture, args: list[str], status: int, message: str
) -> None:
    args = [str(tmp_path / args[0]), *args[1:]]
    assert main(["--data-dir", str(data_dir), "export", *args]) == status
    assert message in capsys.readouterr().err
    assert not Path(args[0]).exists()
