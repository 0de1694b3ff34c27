"""AnkiConnect: jpstudy against a loopback AnkiConnect backed by a real Anki collection."""

from __future__ import annotations

import os

os.environ["ANKI_TEST_MODE"] = "1"  # must be set before anki is imported

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from anki.collection import Collection as AnkiCollection
from anki_studied import WORDS, build_studied
from ankiconnect_server import AnkiConnectServer, serving

from jpstudy.ads.status import StatusIndex
from jpstudy.ankiconnect import AnkiConnect, AnkiConnectError, ConnectSettings, Outgoing, pull_words, push_words
from jpstudy.ankiconnect import settings as connect_settings
from jpstudy.collection import Collection, NewNote
from jpstudy.export.notetype import NOTE_TYPES, note_type


@pytest.fixture
def anki(tmp_path: Path) -> Iterator[AnkiCollection]:
    (tmp_path / "anki").mkdir()
    col = AnkiCollection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close()


@pytest.fixture
def server(anki: AnkiCollection) -> Iterator[AnkiConnectServer]:
    with serving(anki) as s:
        yield s


def word(w: str, reading: str, meaning: str, **kw: object) -> NewNote:
    return NewNote(word=w, reading=reading, meaning=meaning, **kw)  # type: ignore[arg-type]


def test_version_and_errors_for_a_wrong_key_a_closed_port_and_a_silent_server(anki: AnkiCollection) -> None:
    with serving(anki, key="secret") as s:
        assert AnkiConnect(s.url, "secret").version() == 6
        with pytest.raises(AnkiConnectError, match="refused the API key"):
            AnkiConnect(s.url, "wrong").version()
        with pytest.raises(AnkiConnectError, match="refused the API key"):
            AnkiConnect(s.url).version()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    with pytest.raises(AnkiConnectError, match=r"No Anki is answering.*AnkiConnect add-on.*2055492159"):
        AnkiConnect(f"http://127.0.0.1:{closed}").version()
    with socket.socket() as silent:  # accepts the connection, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        started = time.monotonic()
        with pytest.raises(AnkiConnectError, match="did not answer"):
            AnkiConnect(f"http://127.0.0.1:{silent.getsockname()[1]}", timeout=0.5).version()
        assert time.monotonic() - started < 5


@pytest.mark.parametrize("url", ["http://192.168.1.5:8765", "http://example.com:8765", "https://127.0.0.1:8765",
                                 "ftp://localhost"])
def test_only_this_computer_is_ever_contacted(url: str) -> None:
    with pytest.raises(AnkiConnectError, match=r"this computer|not an AnkiConnect address"):
        AnkiConnect(url)


def test_push_creates_the_note_types_decks_tags_and_never_duplicates(
    anki: AnkiCollection, server: AnkiConnectServer
) -> None:
    client = AnkiConnect(server.url)
    words = [
        Outgoing(word("残業", "ざんぎょう", "overtime <b>&</b>", jlpt="N1", sentence="残業は月10時間。",
                      tags=("work",)), deck="Mined", directions=("recognition", "production")),
        Outgoing(word("面接", "めんせつ", "interview", jlpt="N2"), deck="Job::Words"),
    ]
    result = push_words(client, words)
    assert (result.added, result.already) == (3, [])
    assert sorted(result.created_note_types) == sorted(spec.name for spec in NOTE_TYPES.values())
    for direction, spec in NOTE_TYPES.items():
        model, genanki_model = anki.models.by_name(spec.name), note_type(direction)
        assert [f["name"] for f in model["flds"]] == list(spec.fields)
        assert [(t["qfmt"], t["afmt"]) for t in model["tmpls"]] == [
            (t["qfmt"], t["afmt"]) for t in genanki_model.templates]
        assert model["css"] == genanki_model.css
    assert anki.note_count() == 3
    nid = anki.find_notes('"note:jpstudy Production" "Word:残業"')[0]
    note = anki.get_note(nid)
    assert len(note.guid) >= 10 and anki.decks.name(note.cards()[0].did) == "Mined"
    assert note["Meaning"] == "overtime &lt;b&gt;&amp;&lt;/b&gt;" and note["JLPT"] == "N1"
    assert sorted(note.tags) == ["jlpt::n1", "mined", "work"]
    interview = anki.get_note(anki.find_notes('"Word:面接"')[0])
    assert anki.decks.name(interview.cards()[0].did) == "Job::Words" and "mined" not in interview.tags

    again = push_words(client, words)
    assert (again.added, sorted(again.already)) == (0, ["残業", "面接"])
    assert anki.note_count() == 3


def test_words_in_the_users_own_japanese_note_types_are_already_in_anki(
    anki: AnkiCollection, server: AnkiConnectServer
) -> None:
    mm = anki.models
    model = mm.new("My Japanese")
    for name in ("Expression", "Reading", "Meaning"):
        mm.add_field(model, mm.new_field(name))
    template = mm.new_template("Card 1")
    template["qfmt"], template["afmt"] = "{{Expression}}", "{{Meaning}}"
    mm.add_template(model, template)
    mm.add(model)
    note = anki.new_note(mm.by_name("My Japanese"))
    note["Expression"], note["Meaning"] = "給料", "salary"
    anki.add_note(note, 1)
    result = push_words(AnkiConnect(server.url), [Outgoing(word("給料", "きゅうりょう", "pay"), "Mined"),
                                                  Outgoing(word("賞与", "しょうよ", "bonus"), "Mined")])
    assert (result.added, result.already) == (1, ["給料"])
    assert anki.note_count() == 2


def test_pull_makes_anki_intervals_count_for_word_status(tmp_path: Path) -> None:
    studied = build_studied(tmp_path / "studied")
    try:
        rows = studied.col.db.all(
            "select n.flds, n.mid, max(case when c.type in (2, 3) then c.ivl else 0 end) from notes n "
            "join cards c on c.nid = n.id group by n.id")
        kinds = {m.id: m.name for m in studied.col.models.all_names_and_ids()}
        expected = {}
        for flds, mid, ivl in rows:
            fields = flds.split("\x1f")
            if kinds[mid] in ("Japanese Vocab", "Core 2k", "Kaishi 1.5k"):
                expected[fields[0]] = "known" if ivl >= 21 else "learning"
        assert set(expected.values()) == {"known", "learning"}
        readings = {w: r for w, r, *_ in WORDS}
        with serving(studied.col) as s, Collection.open(tmp_path / "j.sqlite3") as col:
            assert {col.word_status(None, w, readings[w]) for w in expected} == {"new"}
            result = pull_words(AnkiConnect(s.url), col)
            assert result.words == len(WORDS) + 1 and result.cards == studied.col.card_count() - 1  # not the Cloze card
            assert {w: col.word_status(None, w, readings[w]) for w in expected} == expected
            index = StatusIndex.load(col.db)
            assert {w: index.status(None, w, readings[w]) for w in expected} == expected
            assert col.card_count() == 0  # nothing imported
            assert col.word_status(None, "猫", "") in {"known", "learning"}  # Basic: Front is the word
    finally:
        studied.col.close()


def test_settings_are_kept_in_the_collection(tmp_path: Path) -> None:
    with Collection.open(tmp_path / "j.sqlite3") as col:
        assert connect_settings.load(col) == ConnectSettings()
        connect_settings.save(col, ConnectSettings("http://localhost:9999/", "k"))
        with pytest.raises(AnkiConnectError):
            connect_settings.save(col, ConnectSettings("http://10.1.2.3:8765", ""))
    with Collection.open(tmp_path / "j.sqlite3") as col:
        assert connect_settings.load(col) == ConnectSettings("http://localhost:9999", "k")


def jpstudy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jpstudy", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ})


def test_cli_status_push_pull(anki: AnkiCollection, server: AnkiConnectServer, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Collection.open(data / "collection.sqlite3") as col:
        col.add_note(word("派遣", "はけん", "dispatch"), deck="Mined", now=datetime.now(UTC))
        col.add_note(word("夜勤", "やきん", "night shift"), deck="Work", now=datetime.now(UTC))
    status = jpstudy("--data-dir", str(data), "anki", "--url", server.url, "--save", "status")
    assert status.returncode == 0 and f"AnkiConnect 6 is answering at {server.url}" in status.stdout
    push = jpstudy("--data-dir", str(data), "anki", "push", "--deck", "work")
    assert push.returncode == 0, push.stderr
    assert "added 1 note(s) to Anki in Work" in push.stdout and anki.note_count() == 1
    again = jpstudy("--data-dir", str(data), "anki", "push")
    assert "added 1 note(s)" in again.stdout and "already in Anki (1): 夜勤" in again.stdout
    pull = jpstudy("--data-dir", str(data), "anki", "pull")
    assert pull.returncode == 0 and "2 words, 0 known, 2 learning" in pull.stdout
    wrong = jpstudy("--data-dir", str(data), "anki", "--key", "x", "status")
    assert wrong.returncode == 0  # this server has no key: AnkiConnect ignores one
    server.key = "secret"
    refused = jpstudy("--data-dir", str(data), "anki", "status")
    assert refused.returncode == 1 and "refused the API key" in refused.stderr
