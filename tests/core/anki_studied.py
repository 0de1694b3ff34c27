"""A real Anki collection built and studied with the ``anki`` package, for the import tests.

Anki schedules with its own clock, so a history spanning months is made the way a user's would be,
answer by answer, with "time passing" between answers: before each answer the card is made due (an
intraday step's ``due`` moved to now, a day-numbered ``due`` moved to ``today − days late``), so
every state is the one Anki's own scheduler computes from the previous one. Review-log ids (the
answer moments) are simulated, increasing, and unique. At the end some cards are left overdue,
suspended or buried. ``ANKI_TEST_MODE=1`` must be set before ``anki`` is imported (no fuzz).

Note types: a two-template "Japanese Vocab" (Expression/Reading/Meaning/Sentence/Sentence-English,
recognition and production), a Core-2k-like one (Vocabulary-Kanji/Vocabulary-Furigana/…), a
Kaishi-like one (Word/Word Reading/Word Furigana/…), Basic (a Japanese front and a non-Japanese
one) and Cloze (no word field). Every deck uses the preset ``PRESET``.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anki.collection import Collection as AnkiCollection
from anki.scheduler.v3 import CardAnswer

DAY_MS = 86_400_000
PRESET = {
    "name": "Japanese", "learn": [1.0, 10.0, 1440.0], "relearn": [10.0, 1440.0], "ints": [2, 5],
    "initialFactor": 2300, "mult": 0.2, "minInt": 2, "leechFails": 5, "leechAction": 1, "maxIvl": 3650,
    "ease4": 1.25, "ivlFct": 1.1, "hardFactor": 1.15, "newPerDay": 15, "revPerDay": 150, "maxTaken": 45,
}
WORDS = [
    ("食べる", "たべる", "to eat", "ご飯を食べる。"), ("会社", "かいしゃ", "company", "会社に行く。"),
    ("残業", "ざんぎょう", "overtime", "残業が多い。"), ("給料", "きゅうりょう", "salary", "給料は月25万円。"),
    ("面接", "めんせつ", "interview", "明日面接がある。"), ("勤務", "きんむ", "work, duty", "週5日勤務。"),
    ("経験", "けいけん", "experience", "経験不問。"), ("資格", "しかく", "qualification", "資格が必要です。"),
    ("休日", "きゅうじつ", "day off", "休日は土日。"), ("交通費", "こうつうひ", "travel expenses", "交通費支給。"),
    ("社員", "しゃいん", "employee", "正社員を募集。"), ("仕事", "しごと", "work", "仕事を探す。"),
    ("応募", "おうぼ", "application", "応募する。"), ("職場", "しょくば", "workplace", "明るい職場です。"),
    ("研修", "けんしゅう", "training", "研修があります。"), ("賞与", "しょうよ", "bonus", "賞与年2回。"),
    ("通勤", "つうきん", "commuting", "通勤30分。"), ("時給", "じきゅう", "hourly wage", "時給1200円。"),
    ("募集", "ぼしゅう", "recruitment", "スタッフ募集。"), ("保険", "ほけん", "insurance", "社会保険完備。"),
    ("休憩", "きゅうけい", "break", "休憩1時間。"), ("制服", "せいふく", "uniform", "制服貸与。"),
    ("昇給", "しょうきゅう", "pay raise", "昇給あり。"), ("手当", "てあて", "allowance", "家族手当。"),
    ("契約", "けいやく", "contract", "契約社員。"), ("派遣", "はけん", "dispatch", "派遣の仕事。"),
    ("週休", "しゅうきゅう", "weekly day off", "週休2日。"), ("夜勤", "やきん", "night shift", "夜勤あり。"),
    ("未経験", "みけいけん", "inexperienced", "未経験歓迎。"), ("学歴", "がくれき", "education", "学歴不問。"),
]


@dataclass
class Studied:
    """The studied collection and what was done to it."""

    col: AnkiCollection
    folder: Path
    suspended: set[int]
    buried: set[int]
    japanese_notes: int  # notes a jpstudy import takes (Japanese word field)
    skipped_notes: int  # notes it leaves out (non-Japanese Basic, Cloze)


def _notetype(col: AnkiCollection, name: str, fields: list[str], templates: list[tuple[str, str, str]]) -> Any:
    mm = col.models
    model = mm.new(name)
    for field in fields:
        mm.add_field(model, mm.new_field(field))
    for tname, front, back in templates:
        template = mm.new_template(tname)
        template["qfmt"], template["afmt"] = front, back
        mm.add_template(model, template)
    mm.add(model)
    return mm.by_name(name)


def _preset(col: AnkiCollection) -> int:
    conf_id = col.decks.add_config_returning_id(PRESET["name"])
    conf = col.decks.get_config(conf_id)
    conf["new"].update(delays=PRESET["learn"], ints=[*PRESET["ints"], 0], initialFactor=PRESET["initialFactor"],
                       perDay=PRESET["newPerDay"])
    conf["lapse"].update(delays=PRESET["relearn"], mult=PRESET["mult"], minInt=PRESET["minInt"],
                         leechFails=PRESET["leechFails"], leechAction=PRESET["leechAction"])
    conf["rev"].update(maxIvl=PRESET["maxIvl"], ease4=PRESET["ease4"], ivlFct=PRESET["ivlFct"],
                       hardFactor=PRESET["hardFactor"], perDay=PRESET["revPerDay"])
    conf["maxTaken"] = PRESET["maxTaken"]
    col.decks.update_config(conf)
    return conf_id


def _deck(col: AnkiCollection, name: str, conf_id: int) -> int:
    deck_id = col.decks.id(name)
    deck = col.decks.get(deck_id)
    deck["conf"] = conf_id
    col.decks.save(deck)
    return deck_id


def _add(col: AnkiCollection, model: Any, deck_id: int, values: dict[str, str], tags: list[str]) -> None:
    note = col.new_note(model)
    for key, value in values.items():
        note[key] = value
    note.tags = tags
    col.add_note(note, deck_id)


class _Clock:
    """Simulated answer moments of one card: increasing, months in the past, unique across cards
    (each card's clock starts at its own second)."""

    def __init__(self, rng: random.Random, number: int) -> None:
        self.ms = int(time.time() * 1000) - 200 * DAY_MS + number * 1000
        self.rng = rng

    def next(self, days: float) -> int:
        self.ms += int(days * DAY_MS) + self.rng.randint(1, 999)
        return self.ms


def answer(col: AnkiCollection, card_id: int, rating: int, at_ms: int, taken_ms: int = 3000) -> None:
    """Answer like the reviewer: rating 1-4 at Anki's clock, the log id ``at_ms``."""
    states = col._backend.get_scheduling_states(card_id)
    new_state = (states.again, states.hard, states.good, states.easy)[rating - 1]
    col.sched.answer_card(CardAnswer(card_id=card_id, current_state=states.current, new_state=new_state,
                                     rating=rating - 1, answered_at_millis=at_ms, milliseconds_taken=taken_ms))


def _make_due(col: AnkiCollection, card_id: int, days_late: int) -> None:
    queue = col.db.scalar("select queue from cards where id = ?", card_id)
    if queue == 1:
        col.db.execute("update cards set due = ? where id = ?", int(time.time()) - 60, card_id)
    elif queue in (2, 3):
        col.db.execute("update cards set due = ? where id = ?", col.sched.today - days_late, card_id)


def build_studied(folder: Path, seed: int = 7) -> Studied:
    """A collection of ``WORDS`` on several note types, studied at random (see the module docstring)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    col = AnkiCollection(str(folder / "collection.anki2"))
    col.db.execute("pragma synchronous = off")
    conf_id = _preset(col)
    vocab = _notetype(col, "Japanese Vocab", ["Expression", "Reading", "Meaning", "Sentence", "Sentence-English",
                                              "Audio"],
                      [("Recognition", "{{Expression}}", "{{FrontSide}}<hr id=answer>{{Reading}}<br>{{Meaning}}"),
                       ("Production", "{{Meaning}}", "{{FrontSide}}<hr id=answer>{{Expression}}")])
    core = _notetype(col, "Core 2k", ["Vocabulary-Kanji", "Vocabulary-Furigana", "Vocabulary-English",
                                      "Expression", "Sentence-English"],
                     [("Recognition", "{{Vocabulary-Kanji}}", "{{furigana:Vocabulary-Furigana}}")])
    kaishi = _notetype(col, "Kaishi 1.5k", ["Word", "Word Reading", "Word Meaning", "Word Furigana", "Sentence",
                                            "Sentence Meaning", "Notes"],
                       [("Word", "{{Word}}", "{{furigana:Word Furigana}} {{Word Meaning}}")])
    decks = [_deck(col, name, conf_id) for name in ("日本語::Vocab", "日本語::Core", "Kaishi", "日本語::Misc")]
    for i, (word, reading, meaning, sentence) in enumerate(WORDS):
        kind = i % 3
        if kind == 0:
            _add(col, vocab, decks[0], {"Expression": word, "Reading": reading, "Meaning": f"<b>{meaning}</b>",
                                        "Sentence": sentence, "Sentence-English": "(translation)",
                                        "Audio": "[sound:x.mp3]"}, ["vocab"])
        elif kind == 1:
            _add(col, core, decks[1], {"Vocabulary-Kanji": word, "Vocabulary-Furigana": f"{word}[{reading}]",
                                       "Vocabulary-English": meaning, "Expression": sentence}, ["core2k"])
        else:
            _add(col, kaishi, decks[2], {"Word": word, "Word Reading": reading, "Word Meaning": meaning,
                                         "Word Furigana": f" {word}[{reading}]", "Sentence": f"<div>{sentence}</div>",
                                         "Sentence Meaning": "(translation)", "Notes": "kaishi &amp; more"},
                 ["kaishi"])
    basic = col.models.by_name("Basic")
    _add(col, basic, decks[3], {"Front": "猫", "Back": "cat"}, [])
    _add(col, basic, decks[3], {"Front": "Capital of France", "Back": "Paris"}, [])
    cloze = col.models.by_name("Cloze")
    _add(col, cloze, decks[3], {"Text": "{{c1::東京}}は日本の首都", "Back Extra": ""}, [])

    card_ids = sorted(col.find_cards(""))
    for number, card_id in enumerate(card_ids):
        clock = _Clock(rng, number)
        sessions = rng.choice([0, 0, 1, 2, 3, 5, 8, 12])
        for k in range(sessions):
            if k:
                _make_due(col, card_id, rng.choice([0, 0, 0, 1, 3, 10]))
            rating = rng.choices([1, 2, 3, 4], weights=[2, 1, 6, 1])[0]
            answer(col, card_id, rating, clock.next(rng.choice([0.003, 0.01, 1, 3, 9])), rng.randint(500, 90_000))
    studied = [c for c in card_ids if col.db.scalar("select queue from cards where id = ?", c) != 0]
    for card_id in rng.sample(studied, len(studied) // 4):
        _make_due(col, card_id, rng.randint(1, 30))  # overdue: not studied for a while
    suspended = set(rng.sample(card_ids, 3))
    col.sched.suspend_cards(list(suspended))
    buried = set(rng.sample([c for c in card_ids if c not in suspended], 2))
    col.sched.bury_cards(list(buried))
    return Studied(col, folder, suspended, buried, japanese_notes=len(WORDS) + 1, skipped_notes=2)
